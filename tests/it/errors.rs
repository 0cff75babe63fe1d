//! Every modeled error decodes to its own SDK variant, with its message and request id.

use crate::common;

use aws_sdk_lakeformation::error::ProvideErrorMetadata;
use aws_sdk_lakeformation::operation::RequestId;
use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsError as DlError;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsError as GtError;
use aws_sdk_lakeformation::types::error::*;
use lakeformation_mock::{ErrorCode, MockLakeFormation, Reply, Rule, ServiceError};

fn glue_variant(e: &GtError) -> &'static str {
    match e {
        GtError::AccessDeniedException(_) => "AccessDeniedException",
        GtError::EntityNotFoundException(_) => "EntityNotFoundException",
        GtError::InternalServiceException(_) => "InternalServiceException",
        GtError::InvalidInputException(_) => "InvalidInputException",
        GtError::OperationTimeoutException(_) => "OperationTimeoutException",
        GtError::PermissionTypeMismatchException(_) => "PermissionTypeMismatchException",
        _ => "Unhandled",
    }
}

fn data_location_variant(e: &DlError) -> &'static str {
    match e {
        DlError::AccessDeniedException(_) => "AccessDeniedException",
        DlError::ConflictException(_) => "ConflictException",
        DlError::EntityNotFoundException(_) => "EntityNotFoundException",
        DlError::GlueEncryptionException(_) => "GlueEncryptionException",
        DlError::InternalServiceException(_) => "InternalServiceException",
        DlError::InvalidInputException(_) => "InvalidInputException",
        DlError::OperationTimeoutException(_) => "OperationTimeoutException",
        _ => "Unhandled",
    }
}

/// The SDK's own error values, as a user would script them.
fn glue_errors() -> Vec<(GtError, &'static str)> {
    vec![
        (
            GtError::AccessDeniedException(AccessDeniedException::builder().message("Access is not allowed.").build()),
            "Access is not allowed.",
        ),
        (GtError::EntityNotFoundException(EntityNotFoundException::builder().message("no table").build()), "no table"),
        (GtError::InternalServiceException(InternalServiceException::builder().message("boom").build()), "boom"),
        (
            GtError::InvalidInputException(InvalidInputException::builder().message("bad duration").build()),
            "bad duration",
        ),
        (GtError::OperationTimeoutException(OperationTimeoutException::builder().message("slow").build()), "slow"),
        (
            GtError::PermissionTypeMismatchException(
                PermissionTypeMismatchException::builder().message("cells").build(),
            ),
            "cells",
        ),
    ]
}

fn data_location_errors() -> Vec<(DlError, &'static str)> {
    vec![
        (
            DlError::AccessDeniedException(AccessDeniedException::builder().message("Access is not allowed.").build()),
            "Access is not allowed.",
        ),
        (DlError::ConflictException(ConflictException::builder().message("two tables").build()), "two tables"),
        (
            DlError::EntityNotFoundException(EntityNotFoundException::builder().message("not registered").build()),
            "not registered",
        ),
        (DlError::GlueEncryptionException(GlueEncryptionException::builder().message("kms").build()), "kms"),
        (DlError::InternalServiceException(InternalServiceException::builder().message("boom").build()), "boom"),
        (DlError::InvalidInputException(InvalidInputException::builder().message("bad scope").build()), "bad scope"),
        (DlError::OperationTimeoutException(OperationTimeoutException::builder().message("slow").build()), "slow"),
    ]
}

#[tokio::test]
async fn every_glue_table_error_decodes_to_its_variant_with_message_and_request_id() {
    for (scripted, message) in glue_errors() {
        let variant = glue_variant(&scripted);
        let mock = MockLakeFormation::new();
        Rule::table_credentials().respond_with(scripted).mount(&mock);
        let err = mock.client().get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap_err();
        let request_id = err.request_id().map(str::to_owned);
        let service = err.into_service_error();
        assert_eq!(glue_variant(&service), variant);
        assert_eq!(service.message(), Some(message), "{variant}");
        assert_eq!(service.code(), Some(variant));
        let journal = mock.requests();
        let last = journal.last().unwrap();
        assert_eq!(request_id.as_deref(), last.answer().request_id(), "{variant}");
        assert!(request_id.is_some());
        let expected_status = if variant == "InternalServiceException" { 500 } else { 400 };
        assert_eq!(last.answer().status_code(), Some(expected_status), "{variant}");
        let expected_attempts = if variant == "InternalServiceException" { 3 } else { 1 };
        assert_eq!(journal.len(), expected_attempts, "{variant}: attempts");
    }
}

#[tokio::test]
async fn every_data_location_error_decodes_to_its_variant_with_message_and_request_id() {
    for (scripted, message) in data_location_errors() {
        let variant = data_location_variant(&scripted);
        let mock = MockLakeFormation::new();
        Rule::data_location().respond_with(scripted).mount(&mock);
        let err = mock.client().get_temporary_data_location_credentials().send().await.unwrap_err();
        assert!(err.request_id().is_some(), "{variant}");
        let service = err.into_service_error();
        assert_eq!(data_location_variant(&service), variant);
        assert_eq!(service.message(), Some(message), "{variant}");
    }
}

#[tokio::test]
async fn an_error_code_of_the_other_operation_decodes_as_unhandled_with_its_code() {
    let mock = MockLakeFormation::new();
    Rule::data_location().respond_with(Reply::error(ErrorCode::PermissionTypeMismatch, "cells")).mount(&mock);
    Rule::table_credentials().respond_with(Reply::error(ErrorCode::Conflict, "two")).mount(&mock);
    let client = mock.client();

    let dl = client.get_temporary_data_location_credentials().send().await.unwrap_err().into_service_error();
    assert_eq!(data_location_variant(&dl), "Unhandled");
    assert_eq!(dl.code(), Some("PermissionTypeMismatchException"));
    assert_eq!(dl.message(), Some("cells"));

    let gt = client.get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap_err();
    let gt = gt.into_service_error();
    assert_eq!(glue_variant(&gt), "Unhandled");
    assert_eq!(gt.code(), Some("ConflictException"));
}

#[tokio::test]
async fn access_denied_can_be_sent_with_the_modeled_403() {
    let mock = MockLakeFormation::new();
    let denied = ServiceError::new(ErrorCode::AccessDenied, "Access is not allowed.").status(403);
    Rule::table_credentials().respond_with(denied).mount(&mock);
    let err = mock.client().get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap_err();
    assert_eq!(err.raw_response().map(|r| r.status().as_u16()), Some(403));
    assert!(err.into_service_error().is_access_denied_exception());
}

#[tokio::test]
async fn error_codes_parse_from_both_names_and_reject_typos() {
    assert_eq!("AccessDenied".parse::<ErrorCode>().unwrap(), ErrorCode::AccessDenied);
    let err = "AccessDeniedExeption".parse::<ErrorCode>().unwrap_err();
    assert!(err.to_string().contains("unknown error code `AccessDeniedExeption`"), "{err}");
}

#[tokio::test]
async fn an_error_code_that_cannot_be_a_header_value_is_an_invalid_reply_that_names_the_header() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    Rule::table_credentials().respond_with(ServiceError::custom("Bad\nCode", None, 400)).mount(&mock);
    let err = mock.client().get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap_err();
    let unanswered = std::error::Error::source(&err)
        .and_then(|e| e.source())
        .and_then(|e| e.downcast_ref::<lakeformation_mock::Unanswered>())
        .expect("a dispatch failure caused by Unanswered");
    assert_eq!(unanswered.kind(), lakeformation_mock::UnansweredKind::InvalidReply);
    assert!(unanswered.message.contains("invalid response"), "{}", unanswered.message);
    assert!(unanswered.message.contains("x-amzn-errortype"), "{}", unanswered.message);
}
