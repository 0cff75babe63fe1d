//! Scripts both credential-vending operations, calls them through a real SDK client with an
//! `AuditContext` and a `QuerySessionContext`, and prints what came back and what the journal
//! captured. Run it with `cargo run --example quickstart`.

use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsOutput;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsOutput;
use aws_sdk_lakeformation::types::{
    AuditContext, CredentialsScope, Permission, PermissionType, QuerySessionContext, TemporaryCredentials,
};
use aws_smithy_types::DateTime;
use lakeformation_mock::{MockLakeFormation, Rule, matchers};

const TABLE: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mock = MockLakeFormation::new();
    let expires = DateTime::from_secs(1_900_000_000);

    Rule::table_credentials()
        .and(matchers::table_arn(TABLE))
        .respond_with(
            GetTemporaryGlueTableCredentialsOutput::builder()
                .access_key_id("ASIAMOCKQUICKSTART01")
                .secret_access_key("example-secret-not-real")
                .session_token("example-session-token-not-real")
                .expiration(expires)
                .vended_s3_path("s3://sales-bucket/orders/")
                .build(),
        )
        .named("orders table")
        .expect(1)
        .mount(&mock);
    Rule::data_location()
        .and(matchers::credentials_scope(CredentialsScope::Read))
        .respond_with(
            GetTemporaryDataLocationCredentialsOutput::builder()
                .credentials(
                    TemporaryCredentials::builder()
                        .access_key_id("ASIAMOCKQUICKSTART02")
                        .secret_access_key("example-secret-not-real")
                        .session_token("example-session-token-not-real")
                        .expiration(expires)
                        .build(),
                )
                .accessible_data_locations("s3://sales-bucket/orders/")
                .credentials_scope(CredentialsScope::Read)
                .build(),
        )
        .named("orders location")
        .expect(1)
        .mount(&mock);

    let client = mock.client();
    let audit = AuditContext::builder().additional_audit_context("job=nightly-report").build();
    let table = client
        .get_temporary_glue_table_credentials()
        .table_arn(TABLE)
        .permissions(Permission::Select)
        .supported_permission_types(PermissionType::ColumnPermission)
        .duration_seconds(900)
        .audit_context(audit.clone())
        .query_session_context(
            QuerySessionContext::builder()
                .query_id("query-42")
                .query_authorization_id("auth-42")
                .cluster_id("cluster-a")
                .query_start_time(DateTime::from_secs(1_700_000_000))
                .additional_context("engine", "example")
                .build(),
        )
        .send()
        .await
        .expect("the table call is scripted");
    println!(
        "table credentials: access key {} expiring {:?}, paths {:?}",
        table.access_key_id().unwrap_or_default(),
        table.expiration(),
        table.vended_s3_path()
    );

    let location = client
        .get_temporary_data_location_credentials()
        .data_locations("s3://sales-bucket/orders/")
        .credentials_scope(CredentialsScope::Read)
        .audit_context(audit)
        .send()
        .await
        .expect("the data-location call is scripted");
    let credentials = location.credentials().expect("credentials");
    println!(
        "location credentials: access key {} scope {:?}, locations {:?}",
        credentials.access_key_id().unwrap_or_default(),
        location.credentials_scope(),
        location.accessible_data_locations()
    );

    for request in mock.requests() {
        println!(
            "journal #{} {}: audit context {:?}, query id {:?}, authorization id {:?}",
            request.index(),
            request.operation(),
            request.audit_context().and_then(|a| a.additional_audit_context()),
            request.query_session_context().and_then(|q| q.query_id()),
            request.query_session_context().and_then(|q| q.query_authorization_id()),
        );
    }
    mock.journal().assert_all_have_audit_context();
    mock.verify();
    println!("every expectation was met");
}
