//! A modeled service error ([`ServiceError`]) and its conversions from the SDK's operation errors.

use super::checks::assert_error_status;
use crate::ErrorCode;
use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsError;
use aws_sdk_lakeformation::operation::get_temporary_glue_partition_credentials::GetTemporaryGluePartitionCredentialsError;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsError;
use aws_sdk_lakeformation::types::error::{
    AccessDeniedException, ConflictException, EntityNotFoundException, GlueEncryptionException,
    InternalServiceException, InvalidInputException, OperationTimeoutException, PermissionTypeMismatchException,
};
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use std::error::Error;

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

    /// The service error an SDK operation error stands for: a modeled variant's code and
    /// message with the code's default status; `Unhandled` (or a future variant) keeps whatever
    /// code and message it carries, with status 400.
    ///
    /// One path for every operation's error enum: each modeled variant holds one of the
    /// service's exception types as its `source()`, which [`modeled_exception`] reads.
    fn from_operation_error<E: Error + ProvideErrorMetadata>(error: &E) -> Self {
        match error.source().and_then(modeled_exception) {
            Some((code, message)) => ServiceError {
                code: code.as_str().to_owned(),
                message: message.map(str::to_owned),
                status: code.default_status(),
            },
            None => ServiceError {
                code: error.code().unwrap_or("UnknownError").to_owned(),
                message: error.message().map(str::to_owned),
                status: 400,
            },
        }
    }
}

/// The code and message of `exception` if it is one of the service's modeled exception types
/// (what a modeled variant of an operation's error enum holds).
fn modeled_exception<'e>(exception: &'e (dyn Error + 'static)) -> Option<(ErrorCode, Option<&'e str>)> {
    let e = exception;
    exception_as(e, ErrorCode::AccessDenied, AccessDeniedException::message)
        .or_else(|| exception_as(e, ErrorCode::EntityNotFound, EntityNotFoundException::message))
        .or_else(|| exception_as(e, ErrorCode::InvalidInput, InvalidInputException::message))
        .or_else(|| exception_as(e, ErrorCode::PermissionTypeMismatch, PermissionTypeMismatchException::message))
        .or_else(|| exception_as(e, ErrorCode::Conflict, ConflictException::message))
        .or_else(|| exception_as(e, ErrorCode::GlueEncryption, GlueEncryptionException::message))
        .or_else(|| exception_as(e, ErrorCode::InternalService, InternalServiceException::message))
        .or_else(|| exception_as(e, ErrorCode::OperationTimeout, OperationTimeoutException::message))
}

/// `code` and the message of `exception` if it is a `T`.
fn exception_as<'e, T: Error + 'static>(
    exception: &'e (dyn Error + 'static),
    code: ErrorCode,
    message: fn(&T) -> Option<&str>,
) -> Option<(ErrorCode, Option<&'e str>)> {
    exception.downcast_ref::<T>().map(|e| (code, message(e)))
}

impl From<GetTemporaryGlueTableCredentialsError> for ServiceError {
    fn from(error: GetTemporaryGlueTableCredentialsError) -> Self {
        ServiceError::from_operation_error(&error)
    }
}

impl From<GetTemporaryDataLocationCredentialsError> for ServiceError {
    fn from(error: GetTemporaryDataLocationCredentialsError) -> Self {
        ServiceError::from_operation_error(&error)
    }
}

impl From<GetTemporaryGluePartitionCredentialsError> for ServiceError {
    fn from(error: GetTemporaryGluePartitionCredentialsError) -> Self {
        ServiceError::from_operation_error(&error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Operation;

    /// The variant of the operation error enum `$error` for `$code` (each variant is named as the
    /// exception type it holds), with message `"m"`; `None` for a code not listed.
    macro_rules! error_of {
        ($error:ty, $code:expr, [$($code_variant:ident => $exception:ident),* $(,)?]) => {
            match $code {
                $(ErrorCode::$code_variant => Some(<$error>::$exception($exception::builder().message("m").build())),)*
                _ => None,
            }
        };
    }

    /// The variant of `$error`, the table or the partition operation's error enum (both list the
    /// same exceptions), for `$code`.
    macro_rules! table_or_partition_error_of {
        ($error:ty, $code:expr) => {
            error_of!($error, $code, [
                AccessDenied => AccessDeniedException,
                EntityNotFound => EntityNotFoundException,
                InternalService => InternalServiceException,
                InvalidInput => InvalidInputException,
                OperationTimeout => OperationTimeoutException,
                PermissionTypeMismatch => PermissionTypeMismatchException,
            ])
        };
    }

    /// Each code `operation` models gives a variant (`error_of`), and that variant converts to a
    /// `ServiceError` with the code, its default status and the message.
    fn assert_every_code_converts<E>(operation: Operation, error_of: impl Fn(ErrorCode) -> Option<E>)
    where
        ServiceError: From<E>,
    {
        for &code in ErrorCode::ALL {
            let error = error_of(code);
            assert_eq!(error.is_some(), code.is_modeled_for(&operation), "{code:?} for {}", operation.name());
            let Some(error) = error else { continue };
            let converted = ServiceError::from(error);
            let got = (converted.code(), converted.status_code(), converted.message());
            assert_eq!(got, (code.as_str(), code.default_status(), Some("m")), "{code:?} for {}", operation.name());
        }
    }

    #[test]
    fn every_modeled_variant_converts_to_its_code_and_status() {
        assert_every_code_converts(Operation::GetTemporaryGlueTableCredentials, |code| {
            table_or_partition_error_of!(GetTemporaryGlueTableCredentialsError, code)
        });
        assert_every_code_converts(Operation::GetTemporaryDataLocationCredentials, |code| {
            error_of!(GetTemporaryDataLocationCredentialsError, code, [
                AccessDenied => AccessDeniedException,
                Conflict => ConflictException,
                EntityNotFound => EntityNotFoundException,
                GlueEncryption => GlueEncryptionException,
                InternalService => InternalServiceException,
                InvalidInput => InvalidInputException,
                OperationTimeout => OperationTimeoutException,
            ])
        });
        assert_every_code_converts(Operation::GetTemporaryGluePartitionCredentials, |code| {
            table_or_partition_error_of!(GetTemporaryGluePartitionCredentialsError, code)
        });
    }
}
