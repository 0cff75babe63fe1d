//! A modeled service error ([`ServiceError`]) and its conversions from the SDK's operation errors.

use super::checks::assert_error_status;
use crate::ErrorCode;
use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsError;
use aws_sdk_lakeformation::operation::get_temporary_glue_partition_credentials::GetTemporaryGluePartitionCredentialsError;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsError;

/// A service error: status, error code and message, sent the way Lake Formation sends them.
///
/// ```
/// use lakeformation_mock::{ErrorCode, ServiceError};
///
/// let e = ServiceError::new(ErrorCode::AccessDenied, "Access is not allowed.").status(403);
/// assert_eq!(e.code(), "AccessDeniedException");
/// assert_eq!(e.status_code(), 403);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use = "a service error does nothing until a rule answers with it"]
pub struct ServiceError {
    code: String,
    message: Option<String>,
    status: u16,
}

impl ServiceError {
    /// A modeled error with its default status.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ServiceError { code: code.as_str().to_owned(), message: Some(message.into()), status: code.default_status() }
    }

    /// An error with any code (for example one no operation models), message and status.
    ///
    /// # Panics
    /// When `status` is not an error status (400 to 599): the SDK would read any other status
    /// as a success or fail before reading the error. Use [`RawResponse`](super::RawResponse) for such a response.
    #[track_caller]
    pub fn custom(code: impl Into<String>, message: Option<String>, status: u16) -> Self {
        assert_error_status(status, "ServiceError::custom");
        ServiceError { code: code.into(), message, status }
    }

    /// Sends the error with another HTTP status (e.g. 403 for `AccessDeniedException`, as modeled).
    ///
    /// # Panics
    /// When `status` is not an error status (400 to 599), as [`custom`](Self::custom).
    #[track_caller]
    pub fn status(mut self, status: u16) -> Self {
        assert_error_status(status, "ServiceError::status");
        self.status = status;
        self
    }

    /// The error code sent in `x-amzn-errortype`.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The message sent in the body's `Message`.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The HTTP status.
    pub fn status_code(&self) -> u16 {
        self.status
    }

    fn from_parts(
        code: Option<ErrorCode>,
        meta: &aws_smithy_types::error::ErrorMetadata,
        message: Option<&str>,
    ) -> Self {
        match code {
            Some(code) => ServiceError {
                code: code.as_str().to_owned(),
                message: message.map(str::to_owned),
                status: code.default_status(),
            },
            // `Unhandled` (or a future variant): keep whatever code and message it carries.
            None => ServiceError {
                code: meta.code().unwrap_or("UnknownError").to_owned(),
                message: meta.message().map(str::to_owned),
                status: 400,
            },
        }
    }
}

impl From<GetTemporaryGlueTableCredentialsError> for ServiceError {
    fn from(error: GetTemporaryGlueTableCredentialsError) -> Self {
        use GetTemporaryGlueTableCredentialsError as E;
        let (code, message) = match &error {
            E::AccessDeniedException(e) => (Some(ErrorCode::AccessDenied), e.message()),
            E::EntityNotFoundException(e) => (Some(ErrorCode::EntityNotFound), e.message()),
            E::InternalServiceException(e) => (Some(ErrorCode::InternalService), e.message()),
            E::InvalidInputException(e) => (Some(ErrorCode::InvalidInput), e.message()),
            E::OperationTimeoutException(e) => (Some(ErrorCode::OperationTimeout), e.message()),
            E::PermissionTypeMismatchException(e) => (Some(ErrorCode::PermissionTypeMismatch), e.message()),
            _ => (None, None),
        };
        ServiceError::from_parts(code, error.meta(), message)
    }
}

impl From<GetTemporaryDataLocationCredentialsError> for ServiceError {
    fn from(error: GetTemporaryDataLocationCredentialsError) -> Self {
        use GetTemporaryDataLocationCredentialsError as E;
        let (code, message) = match &error {
            E::AccessDeniedException(e) => (Some(ErrorCode::AccessDenied), e.message()),
            E::ConflictException(e) => (Some(ErrorCode::Conflict), e.message()),
            E::EntityNotFoundException(e) => (Some(ErrorCode::EntityNotFound), e.message()),
            E::GlueEncryptionException(e) => (Some(ErrorCode::GlueEncryption), e.message()),
            E::InternalServiceException(e) => (Some(ErrorCode::InternalService), e.message()),
            E::InvalidInputException(e) => (Some(ErrorCode::InvalidInput), e.message()),
            E::OperationTimeoutException(e) => (Some(ErrorCode::OperationTimeout), e.message()),
            _ => (None, None),
        };
        ServiceError::from_parts(code, error.meta(), message)
    }
}

impl From<GetTemporaryGluePartitionCredentialsError> for ServiceError {
    fn from(error: GetTemporaryGluePartitionCredentialsError) -> Self {
        use GetTemporaryGluePartitionCredentialsError as E;
        let (code, message) = match &error {
            E::AccessDeniedException(e) => (Some(ErrorCode::AccessDenied), e.message()),
            E::EntityNotFoundException(e) => (Some(ErrorCode::EntityNotFound), e.message()),
            E::InternalServiceException(e) => (Some(ErrorCode::InternalService), e.message()),
            E::InvalidInputException(e) => (Some(ErrorCode::InvalidInput), e.message()),
            E::OperationTimeoutException(e) => (Some(ErrorCode::OperationTimeout), e.message()),
            E::PermissionTypeMismatchException(e) => (Some(ErrorCode::PermissionTypeMismatch), e.message()),
            _ => (None, None),
        };
        ServiceError::from_parts(code, error.meta(), message)
    }
}
