//! Helpers shared by the integration tests.
#![allow(dead_code)]

use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsOutput;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsOutput;
use aws_sdk_lakeformation::types::{CredentialsScope, TemporaryCredentials};
use aws_smithy_types::DateTime;

/// Keys the mock issued (vended by Lake Formation, or an STS session's), as the SDK's credentials
/// a client signs with.
pub fn signing_credentials(key: &str, secret: &str, token: Option<&str>) -> aws_credential_types::Credentials {
    aws_credential_types::Credentials::new(key, secret, token.map(str::to_owned), None, "issued by the mock")
}

pub const ARN: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";
pub const OTHER_ARN: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/returns";
/// The secret of the scripted outputs: distinctive, so a test can check it never leaks.
pub const SECRET: &str = "mock-secret-not-real-DO-NOT-LEAK";
/// The session token of the scripted outputs.
pub const SESSION_TOKEN: &str = "mock-session-token-not-real-DO-NOT-LEAK";

/// Table credentials whose access key id is `key`.
pub fn glue_output(key: &str) -> GetTemporaryGlueTableCredentialsOutput {
    GetTemporaryGlueTableCredentialsOutput::builder()
        .access_key_id(key)
        .secret_access_key(SECRET)
        .session_token(SESSION_TOKEN)
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
                .secret_access_key(SECRET)
                .session_token(SESSION_TOKEN)
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

use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsInput;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsInput;

/// A table request with `TableArn` set to [`ARN`], to adjust with the input builder.
pub fn glue() -> aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::builders::GetTemporaryGlueTableCredentialsInputBuilder{
    GetTemporaryGlueTableCredentialsInput::builder().table_arn(ARN)
}

/// Sends `input` through `client` field by field; returns the access key id, or the error text.
pub async fn send_glue(
    client: &aws_sdk_lakeformation::Client,
    input: GetTemporaryGlueTableCredentialsInput,
) -> Result<String, String> {
    client
        .get_temporary_glue_table_credentials()
        .set_table_arn(input.table_arn)
        .set_permissions(input.permissions)
        .set_duration_seconds(input.duration_seconds)
        .set_audit_context(input.audit_context)
        .set_supported_permission_types(input.supported_permission_types)
        .set_s3_path(input.s3_path)
        .set_query_session_context(input.query_session_context)
        .send()
        .await
        .map(|o| o.access_key_id().unwrap_or_default().to_owned())
        .map_err(|e| chain(&e))
}

/// Sends `input` through `client` field by field; returns the access key id, or the error text.
pub async fn send_data_location(
    client: &aws_sdk_lakeformation::Client,
    input: GetTemporaryDataLocationCredentialsInput,
) -> Result<String, String> {
    client
        .get_temporary_data_location_credentials()
        .set_duration_seconds(input.duration_seconds)
        .set_audit_context(input.audit_context)
        .set_data_locations(input.data_locations)
        .set_credentials_scope(input.credentials_scope)
        .send()
        .await
        .map(|o| o.credentials().and_then(|c| c.access_key_id()).unwrap_or_default().to_owned())
        .map_err(|e| chain(&e))
}
