//! Helpers shared by the integration tests.
#![allow(dead_code)]

use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsOutput;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsOutput;
use aws_sdk_lakeformation::types::{CredentialsScope, TemporaryCredentials};
use aws_smithy_types::DateTime;

pub const ARN: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";
pub const OTHER_ARN: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/returns";

/// Table credentials whose access key id is `key`.
pub fn glue_output(key: &str) -> GetTemporaryGlueTableCredentialsOutput {
    GetTemporaryGlueTableCredentialsOutput::builder()
        .access_key_id(key)
        .secret_access_key("mock-secret-not-real")
        .session_token("mock-session-token-not-real")
        .expiration(DateTime::from_secs(1_900_000_000))
        .vended_s3_path("s3://sales-bucket/orders/")
        .build()
}

/// Data-location credentials whose access key id is `key`.
pub fn data_location_output(key: &str) -> GetTemporaryDataLocationCredentialsOutput {
    GetTemporaryDataLocationCredentialsOutput::builder()
        .credentials(
            TemporaryCredentials::builder()
                .access_key_id(key)
                .secret_access_key("mock-secret-not-real")
                .session_token("mock-session-token-not-real")
                .expiration(DateTime::from_secs(1_900_000_000))
                .build(),
        )
        .accessible_data_locations("s3://sales-bucket/orders/")
        .credentials_scope(CredentialsScope::Read)
        .build()
}

/// The text of an SDK error with its whole chain of sources.
pub fn chain(err: &dyn std::error::Error) -> String {
    aws_smithy_types::error::display::DisplayErrorContext(err).to_string()
}
