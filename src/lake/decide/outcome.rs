//! What a decision starts from and ends in: who sent the request and where to ([`Call`]), and
//! what the lake vends ([`Vend`]) or why it refuses ([`Refusal`]).

use crate::ErrorCode;
use crate::explain::hints::Language;
use crate::lake::credentials::Purpose;

/// The message of an `AccessDeniedException` the real service was seen sending.
pub(crate) const ACCESS_NOT_ALLOWED: &str = "Access is not allowed.";

/// Why the lake refuses a request.
#[derive(Debug)]
pub(crate) struct Refusal {
    pub(crate) code: ErrorCode,
    pub(crate) message: String,
}

/// A refusal with `code` and `message`.
pub(super) fn refuse(code: ErrorCode, message: impl Into<String>) -> Refusal {
    Refusal { code, message: message.into() }
}

/// An `InvalidInputException` refusal.
pub(crate) fn invalid(message: impl Into<String>) -> Refusal {
    refuse(ErrorCode::InvalidInput, message)
}

/// Who sent a request, and where to.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Call<'r> {
    /// The access key id the request is signed with.
    pub(crate) access_key_id: Option<&'r str>,
    /// The region the request was sent to ([`Request::region_name`](crate::Request::region_name)).
    pub(crate) region: Option<&'r str>,
    /// The language of the hints in refusals and the trace (Rust code, or fixture JSON).
    pub(crate) language: Language,
    /// The STS session that signed the request, as the caller it is (feature `sts`).
    #[cfg(feature = "sts")]
    pub(crate) session: Option<&'r crate::lake::model::Principal>,
}

/// What the lake vends: what for, and for how long.
#[derive(Debug)]
pub(crate) struct Vend {
    pub(crate) purpose: Purpose,
    pub(crate) duration_seconds: i32,
}

pub(super) const NEITHER_PATH: &str =
    "vending: refused: allowed by neither full-table access nor session-tag allowlisting";
