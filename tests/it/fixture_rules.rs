//! Every matcher, reply kind and rule setting the fixture format offers, through a real SDK
//! client: what a test builds in code, a fixture can say.

use crate::common;

use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsInput;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::builders::GetTemporaryGlueTableCredentialsInputBuilder;
use aws_sdk_lakeformation::types::{AuditContext, CredentialsScope, Permission, PermissionType, QuerySessionContext};
use aws_smithy_types::DateTime;
use common::{OTHER_ARN, glue, send_data_location, send_glue};
use lakeformation_mock::MockLakeFormation;
use lakeformation_mock::fixture::Scenario;
use std::time::Duration;

/// A scenario where a rule with `match_json` answers ASIAHIT and anything else ASIAMISS.
fn scenario(match_json: &str) -> MockLakeFormation {
    let text = format!(
        r#"{{"version": 1, "rules": [
            {{"priority": 1, "match": {match_json}, "responses": [{{"table_credentials_output": {{"AccessKeyId": "ASIAHIT"}}, "repeat": true}}]}},
            {{"operation": "GetTemporaryGlueTableCredentials", "responses": [{{"table_credentials_output": {{"AccessKeyId": "ASIAMISS"}}, "repeat": true}}]}}
        ]}}"#
    );
    Scenario::from_json_str(&text).unwrap_or_else(|e| panic!("{match_json}: {e}")).mock()
}

fn qsc() -> aws_sdk_lakeformation::types::builders::QuerySessionContextBuilder {
    QuerySessionContext::builder()
}

#[tokio::test]
async fn every_table_match_key_selects_the_requests_it_names() {
    type B = GetTemporaryGlueTableCredentialsInputBuilder;
    let arn = common::ARN;
    let cases: Vec<(String, B, B)> = vec![
        (format!(r#"{{"TableArn": "{arn}"}}"#), glue(), glue().table_arn(OTHER_ARN)),
        (r#"{"S3Path": "s3://b/p/"}"#.into(), glue().s3_path("s3://b/p/"), glue()),
        (r#"{"DurationSeconds": 900}"#.into(), glue().duration_seconds(900), glue().duration_seconds(901)),
        (
            r#"{"DurationSecondsRange": {"min": 900, "max": 3600}}"#.into(),
            glue().duration_seconds(3600),
            glue().duration_seconds(3601),
        ),
        (
            r#"{"Permissions": ["SELECT", "DESCRIBE"]}"#.into(),
            glue().permissions(Permission::Describe).permissions(Permission::Select),
            glue().permissions(Permission::Select),
        ),
        (
            r#"{"PermissionsContain": "SELECT"}"#.into(),
            glue().permissions(Permission::All).permissions(Permission::Select),
            glue().permissions(Permission::All),
        ),
        (
            r#"{"SupportedPermissionTypes": ["COLUMN_PERMISSION"]}"#.into(),
            glue().supported_permission_types(PermissionType::ColumnPermission),
            glue(),
        ),
        (
            r#"{"SupportedPermissionTypesContain": "NESTED_PERMISSION"}"#.into(),
            glue().supported_permission_types(PermissionType::NestedPermission),
            glue().supported_permission_types(PermissionType::ColumnPermission),
        ),
        (
            r#"{"AdditionalAuditContext": "job-1"}"#.into(),
            glue().audit_context(AuditContext::builder().additional_audit_context("job-1").build()),
            glue(),
        ),
        (
            r#"{"QueryId": "q1"}"#.into(),
            glue().query_session_context(qsc().query_id("q1").build()),
            glue().query_session_context(qsc().query_id("q2").build()),
        ),
        (
            r#"{"QueryStartTime": 1700000000.5}"#.into(),
            glue().query_session_context(qsc().query_start_time(DateTime::from_secs_f64(1_700_000_000.5)).build()),
            glue().query_session_context(qsc().query_start_time(DateTime::from_secs(1_700_000_000)).build()),
        ),
        (r#"{"ClusterId": "c1"}"#.into(), glue().query_session_context(qsc().cluster_id("c1").build()), glue()),
        (
            r#"{"QueryAuthorizationId": "qa"}"#.into(),
            glue().query_session_context(qsc().query_authorization_id("qa").build()),
            glue(),
        ),
        (
            r#"{"AdditionalContext": {"engine": "trino"}}"#.into(),
            glue().query_session_context(qsc().additional_context("engine", "trino").build()),
            glue().query_session_context(qsc().additional_context("engine", "spark").build()),
        ),
        (r#"{"Headers": {"amz-sdk-request": "attempt=1; max=3"}}"#.into(), glue(), glue()),
        (r#"{"Absent": ["S3Path"]}"#.into(), glue(), glue().s3_path("s3://b/p/")),
        (
            r#"{"Present": ["QuerySessionContext.QueryId"]}"#.into(),
            glue().query_session_context(qsc().query_id("q").build()),
            glue(),
        ),
        (
            r#"{"AnyOf": [{"QueryId": "a"}, {"ClusterId": "b", "DurationSeconds": 900}]}"#.into(),
            glue().duration_seconds(900).query_session_context(qsc().cluster_id("b").build()),
            glue().query_session_context(qsc().cluster_id("b").build()),
        ),
        (
            r#"{"Not": {"TableArn": "arn:aws:glue:us-east-1:123456789012:table/sales/returns"}}"#.into(),
            glue(),
            glue().table_arn(OTHER_ARN),
        ),
    ];
    for (json, hit, miss) in cases {
        let mock = scenario(&json);
        let client = mock.client();
        assert_eq!(
            send_glue(&client, hit.build().unwrap()).await.as_deref(),
            Ok("ASIAHIT"),
            "{json}: the matching request"
        );
        let expected = if json.contains("Headers") { "ASIAHIT" } else { "ASIAMISS" };
        assert_eq!(
            send_glue(&client, miss.build().unwrap()).await.as_deref(),
            Ok(expected),
            "{json}: the other request"
        );
    }
}

#[tokio::test]
async fn data_location_match_keys_and_output() {
    // The READ request matches no rule and goes unanswered on purpose.
    let mock = Scenario::from_json_str(
        r#"{"version": 1, "settings": {"fail_on_unmatched": false}, "rules": [{
            "operation": "GetTemporaryDataLocationCredentials",
            "match": {"DataLocationsContain": "s3://b/a/", "CredentialsScope": "READWRITE", "DataLocations": ["s3://b/a/", "s3://b/c/"]},
            "responses": [{"data_location_output": {
                "Credentials": {"AccessKeyId": "ASIADL", "SecretAccessKey": "fixture-secret-not-real", "SessionToken": "t", "Expiration": 1900000000.25},
                "AccessibleDataLocations": ["s3://b/a/"], "CredentialsScope": "READWRITE"}, "repeat": true}]
        }]}"#,
    )
    .unwrap()
    .mock();
    let client = mock.client();
    let dl =
        || GetTemporaryDataLocationCredentialsInput::builder().data_locations("s3://b/c/").data_locations("s3://b/a/");
    let out = client
        .get_temporary_data_location_credentials()
        .data_locations("s3://b/c/")
        .data_locations("s3://b/a/")
        .credentials_scope(CredentialsScope::Readwrite)
        .send()
        .await
        .unwrap();
    let creds = out.credentials().unwrap();
    assert_eq!(creds.expiration(), Some(&DateTime::from_secs_f64(1_900_000_000.25)));
    assert_eq!(out.credentials_scope(), Some(&CredentialsScope::Readwrite));
    assert!(
        send_data_location(&client, dl().credentials_scope(CredentialsScope::Read).build().unwrap()).await.is_err()
    );
}

#[tokio::test(start_paused = true)]
async fn every_reply_kind_sequences_priorities_names_and_expectations() {
    let mock = Scenario::from_json_str(
        r#"{"version": 1, "settings": {"region": "eu-west-1", "fail_on_unmatched": true}, "rules": [{
            "name": "the sequence",
            "operation": "GetTemporaryGlueTableCredentials",
            "responses": [
                {"error": {"code": "AccessDenied", "message": "Access is not allowed.", "status": 403}},
                {"error": {"code": "ThrottlingException"}},
                {"http": {"status": 503, "body": "busy"}},
                {"fault": "io"},
                {"fault": "timeout"},
                {"fault": {"other": "tls broke"}},
                {"table_credentials_output": {"AccessKeyId": "ASIALATE"}, "delay_ms": 5000, "times": 2}
            ],
            "expect": {"min": 8, "max": 8}
        }, {
            "name": "never", "priority": 9, "responses": [{"fault": "io", "repeat": true}], "expect": 0
        }]}"#,
    )
    .unwrap()
    .mock();
    let client = mock.client();
    let call = || client.get_temporary_glue_table_credentials().table_arn(common::ARN).send();
    let denied = call().await.unwrap_err();
    assert_eq!(denied.raw_response().map(|r| r.status().as_u16()), Some(403));
    assert!(denied.into_service_error().is_access_denied_exception());
    // Throttling, 503 and the I/O fault are retried: the third attempt meets the I/O fault.
    let io = call().await.unwrap_err();
    assert!(format!("{io:?}").contains("DispatchFailure"), "{io:?}");
    // The timeout is retried into the `other` fault, which is not.
    let other = common::chain(&call().await.unwrap_err());
    assert!(other.contains("tls broke"), "{other}");
    let start = tokio::time::Instant::now();
    assert_eq!(call().await.unwrap().access_key_id(), Some("ASIALATE"));
    assert!(start.elapsed() >= Duration::from_secs(5));
    assert_eq!(call().await.unwrap().access_key_id(), Some("ASIALATE"));
    assert!(mock.requests()[0].uri().contains("eu-west-1"));
    assert_eq!(mock.calls_of("the sequence"), Some(8));
    mock.verify();
}
