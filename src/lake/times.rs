//! The times the lake computes for what it issues (vended credentials' `Expiration`, a
//! `QueryAuthorizationId`'s expiry): the whole second an issue happens at ([`whole_second`]), and
//! when what is issued expires ([`expiry`]).

use super::decide::{Refusal, invalid};
use crate::explain::hints::Language;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// `time` truncated to the whole second before it (`UNIX_EPOCH` + whole seconds).
pub(super) fn whole_second(time: SystemTime) -> SystemTime {
    let whole = match time.duration_since(UNIX_EPOCH) {
        Ok(after) => UNIX_EPOCH.checked_add(Duration::from_secs(after.as_secs())),
        Err(before) => {
            let before = before.duration();
            let seconds = before.as_secs() + u64::from(before.subsec_nanos() > 0);
            UNIX_EPOCH.checked_sub(Duration::from_secs(seconds))
        }
    };
    whole.unwrap_or(time)
}

/// When `what`, issued at `issued_at` for `seconds`, expires: refused with
/// `InvalidInputException` when no such time exists (a client clock near the end of time), the
/// modeled error for a request the service cannot serve as given, with a message that says why
/// and how to fix it in `language`.
pub(super) fn expiry(
    issued_at: SystemTime,
    seconds: u64,
    what: &str,
    language: Language,
) -> Result<SystemTime, Refusal> {
    issued_at.checked_add(Duration::from_secs(seconds)).ok_or_else(|| {
        let clock = match issued_at.duration_since(UNIX_EPOCH) {
            Ok(after) => format!("{} seconds after the epoch", after.as_secs()),
            Err(before) => format!("{} seconds before the epoch", before.duration().as_secs()),
        };
        let fix = match language {
            Language::Rust => "Give the client a time source near the present (`time_source` on the SDK client's config builder, e.g. `aws_sdk_lakeformation::config::Builder::time_source`).",
            Language::Fixture => "Send the request from a client whose clock reads near the present.",
        };
        invalid(format!(
            "The request's time is out of range: the calling client's clock reads {clock}, and {what} valid for \
             {seconds} seconds from then would expire at a time that cannot be represented. {fix}"
        ))
    })
}
