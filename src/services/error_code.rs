//! The error codes Lake Formation answers the credential-vending operations with.

use std::fmt;
use std::str::FromStr;

/// A modeled Lake Formation error code, plus `ThrottlingException`, which the service can send
/// and the SDK retries.
///
/// Each code carries the HTTP status the service answers it with (see
/// [`default_status`](ErrorCode::default_status)) and knows which operation models it.
///
/// ```
/// use lakeformation_mock::{ErrorCode, Operation};
///
/// let code: ErrorCode = "PermissionTypeMismatchException".parse().unwrap();
/// assert_eq!(code, ErrorCode::PermissionTypeMismatch);
/// assert!(code.is_modeled_for(&Operation::GetTemporaryGlueTableCredentials));
/// assert!(!code.is_modeled_for(&Operation::GetTemporaryDataLocationCredentials));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// `AccessDeniedException`: the caller lacks permission, or vending is not allowed.
    AccessDenied,
    /// `EntityNotFoundException`: the table or registered location does not exist.
    EntityNotFound,
    /// `InvalidInputException`: a field is missing, out of range or of an unknown value.
    InvalidInput,
    /// `PermissionTypeMismatchException` (table and partition operations).
    PermissionTypeMismatch,
    /// `ConflictException` (data-location operation only): several resources share the location.
    Conflict,
    /// `GlueEncryptionException` (data-location operation only).
    GlueEncryption,
    /// `InternalServiceException`: a service fault, sent with status 500, which the SDK retries.
    InternalService,
    /// `OperationTimeoutException`: a service-side timeout, status 400, not retried.
    OperationTimeout,
    /// `ThrottlingException`: modeled by no operation; status 400, retried by the SDK.
    Throttling,
}

impl ErrorCode {
    /// Every code, in a stable order.
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::AccessDenied,
        ErrorCode::EntityNotFound,
        ErrorCode::InvalidInput,
        ErrorCode::PermissionTypeMismatch,
        ErrorCode::Conflict,
        ErrorCode::GlueEncryption,
        ErrorCode::InternalService,
        ErrorCode::OperationTimeout,
        ErrorCode::Throttling,
    ];

    /// The code as sent in the `x-amzn-errortype` header, e.g. `AccessDeniedException`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::AccessDenied => "AccessDeniedException",
            ErrorCode::EntityNotFound => "EntityNotFoundException",
            ErrorCode::InvalidInput => "InvalidInputException",
            ErrorCode::PermissionTypeMismatch => "PermissionTypeMismatchException",
            ErrorCode::Conflict => "ConflictException",
            ErrorCode::GlueEncryption => "GlueEncryptionException",
            ErrorCode::InternalService => "InternalServiceException",
            ErrorCode::OperationTimeout => "OperationTimeoutException",
            ErrorCode::Throttling => "ThrottlingException",
        }
    }

    /// The HTTP status the service sends this code with.
    ///
    /// `AccessDeniedException` is modeled as 403 but real responses carry 400, so 400 is the
    /// default; use [`ServiceError::status`](crate::ServiceError::status) to send 403.
    pub fn default_status(self) -> u16 {
        match self {
            ErrorCode::InternalService => 500,
            _ => 400,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing an unknown [`ErrorCode`] name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown error code `{0}`; expected one of: {list}", list = ErrorCode::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", "))]
pub struct UnknownErrorCode(pub String);

impl FromStr for ErrorCode {
    type Err = UnknownErrorCode;

    /// Accepts the wire name (`AccessDeniedException`) or the short name (`AccessDenied`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ErrorCode::ALL
            .iter()
            .copied()
            .find(|code| code.as_str() == s || code.as_str().strip_suffix("Exception") == Some(s))
            .ok_or_else(|| UnknownErrorCode(s.to_owned()))
    }
}
