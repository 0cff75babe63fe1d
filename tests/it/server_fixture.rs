//! Fixtures in server mode: loading one through the control endpoint, and serving a loaded one.
#![cfg(feature = "server")]

use crate::server_support;

use aws_sdk_lakeformation::error::ProvideErrorMetadata;
use lakeformation_mock::MockLakeFormation;
use lakeformation_mock::fixture::Scenario;
use lakeformation_mock::server::MockServer;
use server_support::*;

const FIXTURE: &str = include_str!("../../fixtures/server_boto3.json");
const PAYROLL_ARN: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/payroll";

#[tokio::test]
async fn a_fixture_posted_to_the_control_endpoint_answers_from_then_on() {
    let mock = MockLakeFormation::new();
    let server = MockServer::start(&mock).unwrap();
    let address = server.address();
    let loaded = tokio::task::spawn_blocking(move || {
        raw(
            address,
            "POST",
            "/__lakeformation_mock/fixture",
            &[("content-type", "application/json")],
            FIXTURE.as_bytes(),
        )
        .unwrap()
    })
    .await
    .unwrap();
    assert_eq!(loaded.status, 200, "{loaded:?}");
    let loaded = loaded.json();
    assert_eq!(loaded["rules_added"], 3);
    assert_eq!(loaded["rule_count"], 3);
    assert_eq!(loaded["lake"], true);

    let client = client(&server.url());
    let out = client.get_temporary_glue_table_credentials().table_arn(ARN).send().await.unwrap();
    assert_eq!(out.access_key_id(), Some("ASIABOTOTABLE0000001"));
    let err = client.get_temporary_glue_table_credentials().table_arn(PAYROLL_ARN).send().await.unwrap_err();
    assert!(err.into_service_error().is_access_denied_exception());
    let out = client
        .get_temporary_data_location_credentials()
        .data_locations("s3://sales-bucket/orders/")
        .credentials_scope(aws_sdk_lakeformation::types::CredentialsScope::Read)
        .send()
        .await
        .unwrap();
    assert_eq!(out.credentials().unwrap().access_key_id(), Some("ASIABOTOLOCATION0001"));
    assert_eq!(mock.calls_of("orders table"), Some(1));
    mock.verify();
}

#[test]
fn an_invalid_fixture_is_refused_with_the_loaders_error() {
    let mock = MockLakeFormation::new();
    let server = MockServer::start(&mock).unwrap();
    let bad = r#"{"version": 1, "rules": [{"operation": "GetTemporaryGlueTableCredential", "responses": []}]}"#;
    let reply = raw(server.address(), "POST", "/__lakeformation_mock/fixture", &[], bad.as_bytes()).unwrap();
    assert_eq!(reply.status, 400, "{reply:?}");
    assert_eq!(reply.header("x-amzn-errortype"), Some("LakeFormationMockInvalidFixture"));
    let message = reply.json()["Message"].as_str().unwrap().to_owned();
    assert!(message.contains("rules[0].operation"), "{message}");
    assert!(message.contains("did you mean `GetTemporaryGlueTableCredentials`"), "{message}");
    assert_eq!(mock.rule_count(), 0, "nothing of a broken fixture is loaded");

    let reply = raw(server.address(), "GET", "/__lakeformation_mock/fixture", &[], b"").unwrap();
    assert_eq!(reply.status, 405, "{reply:?}");
}

#[tokio::test]
async fn a_mock_built_from_a_fixture_file_is_served_as_is() {
    let mock = Scenario::from_path("fixtures/server_boto3.json").unwrap().mock();
    let server = MockServer::start(&mock).unwrap();
    let err =
        client(&server.url()).get_temporary_glue_table_credentials().table_arn(PAYROLL_ARN).send().await.unwrap_err();
    let err = err.into_service_error();
    assert_eq!(err.code(), Some("AccessDeniedException"));
    assert_eq!(err.message(), Some("Access is not allowed."));
    mock.reset_rules(); // the other rules expect calls this test does not make
}

#[tokio::test]
async fn an_unanswered_request_over_http_is_told_the_fixture_rule_even_for_a_mock_built_in_code() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    let server = MockServer::start(&mock).unwrap();
    let err = client(&server.url()).get_temporary_glue_table_credentials().table_arn(ARN).send().await.unwrap_err();
    let err = err.into_service_error();
    assert_eq!(err.code(), Some("LakeFormationMockNoMatch"));
    let message = err.message().unwrap();
    let expected = format!(
        r#"lakeformation-mock: no rule matched this GetTemporaryGlueTableCredentials request.
  to answer it, add this rule to the fixture's "rules": {{"operation": "GetTemporaryGlueTableCredentials", "match": {{"TableArn": "{ARN}"}}, "responses": [{{"table_credentials_output": {{"AccessKeyId": "ASIAMOCKEXAMPLE00001", "SecretAccessKey": "example-secret-not-real", "SessionToken": "example-token-not-real"}}, "repeat": true, "expires_in_seconds": 3600}}]}}"#
    );
    assert_eq!(message, expected);

    // The same mock, called in process, still speaks Rust.
    let in_process = mock.client().get_temporary_glue_table_credentials().table_arn(ARN).send().await.unwrap_err();
    let text = format!("{:?}", in_process);
    assert!(text.contains("Rule::table_credentials().respond_with("), "{text}");
}

#[tokio::test]
async fn the_lakes_unknown_principal_refusal_over_http_shows_the_fixture_principal() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    mock.set_lake(&lakeformation_mock::lake::Lake::builder().build());
    let server = MockServer::start(&mock).unwrap();
    let err = client(&server.url()).get_temporary_glue_table_credentials().table_arn(ARN).send().await.unwrap_err();
    let err = err.into_service_error();
    assert!(err.is_access_denied_exception(), "{err:?}");
    assert_eq!(
        err.message(),
        Some(
            r#"Access is not allowed. The request is signed with access key id AKIDTEST, which is no principal of this lake: add one to the lake's "Principals": [{"AccessKeyId": "AKIDTEST", "Arn": "arn:aws:iam::123456789012:role/NAME"}] (and grant it what it needs in "Grants")."#
        )
    );
}

#[tokio::test]
async fn a_lake_sent_a_request_from_another_region_over_http_shows_the_fixture_keys() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    mock.set_lake(&lakeformation_mock::lake::Lake::builder().region("eu-west-1").build());
    let server = MockServer::start(&mock).unwrap();
    let err = client(&server.url()).get_temporary_glue_table_credentials().table_arn(ARN).send().await.unwrap_err();
    assert_eq!(
        err.into_service_error().message(),
        Some(
            r#"This request was sent to region us-east-1, but this lake is in eu-west-1: configure the client for region eu-west-1 (its own region setting, e.g. AWS_REGION=eu-west-1; for the clients a fixture's mock builds, "settings": {"region": "eu-west-1"}), or put the lake in region us-east-1 ("lake": {"Region": "us-east-1"})."#
        )
    );
}
