//! Requests nobody scripted fail the SDK call with an explanation, are journaled, never panic.

use crate::common;

use aws_sdk_lakeformation::config::{Intercept, RuntimeComponents};
use aws_sdk_lakeformation::error::SdkError;
use aws_sdk_lakeformation::types::CredentialsScope;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextMut;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::config_bag::ConfigBag;
use lakeformation_mock::fixture::Scenario;
use lakeformation_mock::{InputError, MockLakeFormation, Operation, RawResponse, Rule, Unanswered, matchers};

/// A mock whose unanswered requests fail their own calls only, not verification: these tests
/// leave requests unanswered on purpose, to read the explanation the call fails with.
fn lenient() -> MockLakeFormation {
    MockLakeFormation::builder().fail_on_unmatched(false).build()
}

/// An empty fixture, with the same setting as [`lenient`].
const LENIENT: &str = r#"{"version": 1, "settings": {"fail_on_unmatched": false}}"#;

/// The explanation carried by a failed call, found through the error's sources.
fn explanation<E: std::error::Error + 'static>(err: &SdkError<E, aws_smithy_runtime_api::http::Response>) -> String {
    let SdkError::DispatchFailure(failure) = err else { panic!("expected a dispatch failure, got {err:?}") };
    let connector = failure.as_connector_error().unwrap();
    assert!(connector.is_other(), "an unanswered request must not look like a transient fault");
    let source = std::error::Error::source(connector).expect("the connector error carries the explanation");
    source.downcast_ref::<Unanswered>().expect("the source is lakeformation_mock::Unanswered").message.clone()
}

#[tokio::test]
async fn no_rule_names_the_operation_and_how_to_script_it() {
    let mock = lenient();
    let err = mock.client().get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap_err();
    let text = explanation(&err);
    assert!(text.contains("no rule matched this GetTemporaryGlueTableCredentials request"), "{text}");
    assert!(text.contains("Rule::table_credentials().respond_with("), "{text}");
    let journal = mock.requests();
    assert_eq!(journal.len(), 1, "recorded once and not retried");
    assert_eq!(journal[0].answer().failure(), Some(text.as_str()));
    assert_eq!(journal[0].table_credentials_input().and_then(|i| i.table_arn()), Some(common::ARN));
}

#[tokio::test]
async fn the_closest_rule_and_its_differences_are_shown() {
    // Verified below, rather than on drop.
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    Rule::table_credentials()
        .and(matchers::table_arn(common::OTHER_ARN))
        .respond_with(common::glue_output("ASIAX"))
        .mount(&mock);
    let err = mock.client().get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap_err();
    let text = explanation(&err);
    let expected = format!("TableArn: wanted {:?}, found {:?}", common::OTHER_ARN, common::ARN);
    assert!(text.contains(&expected), "{text}");
    // The request cannot be lost: verification fails with the same diff.
    let report = mock.report();
    assert!(report.failed());
    let report = report.to_string();
    assert!(report.contains("1 unmatched request (no rule matched):"), "{report}");
    assert!(report.contains(&expected), "{report}");
    assert!(report.contains("fail_on_unmatched(false)"), "the report says how to opt out: {report}");
}

#[tokio::test]
async fn another_lake_formation_operation_is_recorded_and_explained() {
    let mock = lenient();
    let err = mock.client().get_data_lake_settings().send().await.unwrap_err();
    let text = explanation(&err);
    assert!(text.contains("`GetDataLakeSettings` is not an operation the mock models"), "{text}");
    assert!(text.contains(r#"Operation::Other("GetDataLakeSettings".into())"#), "{text}");
    let request = &mock.requests()[0];
    assert_eq!(request.operation(), &Operation::Other("GetDataLakeSettings".into()));
    assert_eq!(request.input_error(), Some(&InputError::UnsupportedOperation("GetDataLakeSettings".into())));
}

#[tokio::test]
async fn another_operation_can_still_be_answered_with_raw_http() {
    let mock = lenient();
    Rule::for_operation(Operation::Other("GetDataLakeSettings".into()))
        .respond_with(
            RawResponse::new(200).json(&serde_json::json!({"DataLakeSettings": {"AllowExternalDataFiltering": true}})),
        )
        .mount(&mock);
    let out = mock.client().get_data_lake_settings().send().await.unwrap();
    assert_eq!(out.data_lake_settings().and_then(|s| s.allow_external_data_filtering()), Some(true));
}

/// Rewrites the request on its way out, to send what the SDK never would.
#[derive(Debug)]
struct Tamper {
    body: Option<&'static str>,
    path: Option<&'static str>,
}

impl Intercept for Tamper {
    fn name(&self) -> &'static str {
        "Tamper"
    }

    fn modify_before_transmit(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        _rc: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let request = context.request_mut();
        if let Some(body) = self.body {
            *request.body_mut() = SdkBody::from(body);
        }
        if let Some(path) = self.path {
            request.set_uri(format!("https://lakeformation.us-east-1.amazonaws.com{path}"))?;
        }
        Ok(())
    }
}

fn tampered_client(mock: &MockLakeFormation, tamper: Tamper) -> aws_sdk_lakeformation::Client {
    aws_sdk_lakeformation::Client::from_conf(mock.config_builder().interceptor(tamper).build())
}

#[tokio::test]
async fn a_malformed_body_is_recorded_with_its_parse_error_and_fails_clearly() {
    let mock = lenient();
    Rule::table_credentials().respond_with(common::glue_output("ASIANEVER")).mount(&mock);
    let client = tampered_client(&mock, Tamper { body: Some(r#"{"TableArn": 42}"#), path: None });
    let err = client.get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap_err();
    let text = explanation(&err);
    assert!(text.contains("the GetTemporaryGlueTableCredentials request body is not valid: invalid type: integer `42`, expected a string"), "{text}");
    let request = &mock.requests()[0];
    assert!(matches!(request.input_error(), Some(InputError::Malformed { line: 1, .. })), "{request:?}");
    assert!(request.answer().rule().is_none());
}

#[tokio::test]
async fn a_string_timestamp_is_rejected_like_the_service_would() {
    let mock = lenient();
    Rule::table_credentials().respond_with(common::glue_output("ASIANEVER")).mount(&mock);
    let body = r#"{"QuerySessionContext":{"QueryStartTime":"2024-01-01T00:00:00Z"},"TableArn":"t"}"#;
    let client = tampered_client(&mock, Tamper { body: Some(body), path: None });
    let err = client.get_temporary_glue_table_credentials().table_arn("t").send().await.unwrap_err();
    assert!(explanation(&err).contains("QueryStartTime must be a JSON number of epoch seconds"));
}

#[tokio::test]
async fn a_wrong_path_is_recorded_as_an_unknown_operation() {
    let mock = lenient();
    Rule::table_credentials().respond_with(common::glue_output("ASIANEVER")).mount(&mock);
    let client = tampered_client(&mock, Tamper { body: None, path: Some("/GetTemporaryGlueTableCredential") });
    let err = client.get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap_err();
    assert!(explanation(&err).contains("`GetTemporaryGlueTableCredential` is not an operation the mock models"));
    assert_eq!(mock.requests()[0].operation(), &Operation::Other("GetTemporaryGlueTableCredential".into()));
}

#[tokio::test]
async fn a_reply_for_the_other_operation_is_refused_rather_than_decoded_empty() {
    let mock = lenient();
    Rule::new().respond_with(common::glue_output("ASIAWRONG")).mount(&mock);
    let err = mock.client().get_temporary_data_location_credentials().send().await.unwrap_err();
    let text = explanation(&err);
    assert!(text.contains("a GetTemporaryGlueTableCredentials output was scripted, but the request is GetTemporaryDataLocationCredentials"), "{text}");
}

#[tokio::test]
async fn a_panicking_reply_closure_fails_only_its_own_request_not_the_task_or_the_mock() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    Rule::table_credentials()
        .and(matchers::table_arn(common::OTHER_ARN))
        .respond_with_fn(|_| panic!("user bug"))
        .mount(&mock);
    Rule::table_credentials().respond_with(common::glue_output("ASIASTILLWORKS")).mount(&mock);
    let client = mock.client();
    let boom = tokio::spawn({
        let client = client.clone();
        async move { client.get_temporary_glue_table_credentials().table_arn(common::OTHER_ARN).send().await }
    });
    // The SDK call fails (see tests/closures.rs); nothing panics out of `send().await`.
    let err = boom.await.expect("the task does not panic").unwrap_err();
    assert!(explanation(&err).contains("panicked on this GetTemporaryGlueTableCredentials request: user bug"));
    let out = client.get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap();
    assert_eq!(out.access_key_id(), Some("ASIASTILLWORKS"));
}

/// The fixture rule a hint proposes: the JSON after `add this rule to the fixture's "rules": `.
fn proposed_rule(text: &str) -> serde_json::Value {
    let marker = "add this rule to the fixture's \"rules\"";
    let start = text.find(marker).unwrap_or_else(|| panic!("no fixture hint in: {text}"));
    let json = &text[start + text[start..].find(": {").unwrap() + 2..];
    serde_json::from_str(json.lines().next().unwrap()).unwrap_or_else(|e| panic!("the hint is not JSON ({e}): {text}"))
}

#[tokio::test]
async fn a_mock_from_a_fixture_proposes_the_fixture_rule_that_answers_the_request() {
    let scenario = Scenario::from_json_str(&format!(
        r#"{{"version": 1, "settings": {{"fail_on_unmatched": false}}, "rules": [{{"operation": "GetTemporaryGlueTableCredentials", "match": {{"TableArn": "{}"}},
            "responses": [{{"error": {{"code": "AccessDeniedException"}}, "repeat": true}}]}}]}}"#,
        common::OTHER_ARN
    ))
    .unwrap();
    let mock = scenario.mock();
    let err = mock.client().get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap_err();
    let text = explanation(&err);
    let expected = format!(
        r#"
  to answer it, add this rule to the fixture's "rules": {{"operation": "GetTemporaryGlueTableCredentials", "match": {{"TableArn": "{}"}}, "responses": [{{"table_credentials_output": {{"AccessKeyId": "ASIAMOCKEXAMPLE00001", "SecretAccessKey": "example-secret-not-real", "SessionToken": "example-token-not-real"}}, "repeat": true, "expires_in_seconds": 3600}}]}}"#,
        common::ARN
    );
    assert!(text.ends_with(&expected), "{text}");
    assert!(!text.contains("Rule::"), "no Rust for a fixture's user: {text}");

    // The proposed rule, pasted into the fixture, answers the request.
    let mut fixed: serde_json::Value = serde_json::from_str(&scenario.to_json_string()).unwrap();
    fixed["rules"].as_array_mut().unwrap().push(proposed_rule(&text));
    let fixed = Scenario::from_json_str(&fixed.to_string()).unwrap().mock();
    let out = fixed.client().get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap();
    assert_eq!(out.access_key_id(), Some("ASIAMOCKEXAMPLE00001"));
    assert!(out.expiration().is_some(), "expires_in_seconds gives an Expiration");
}

#[tokio::test]
async fn a_data_location_hint_matches_the_locations_and_scope_received() {
    let scenario = Scenario::from_json_str(LENIENT).unwrap();
    let mock = scenario.mock();
    let err = mock
        .client()
        .get_temporary_data_location_credentials()
        .data_locations("s3://sales-bucket/orders/")
        .credentials_scope(CredentialsScope::Readwrite)
        .send()
        .await
        .unwrap_err();
    let text = explanation(&err);
    assert!(
        text.ends_with(
            r#"to answer it, add this rule to the fixture's "rules": {"operation": "GetTemporaryDataLocationCredentials", "match": {"DataLocations": ["s3://sales-bucket/orders/"]}, "responses": [{"data_location_output": {"Credentials": {"AccessKeyId": "ASIAMOCKEXAMPLE00001", "SecretAccessKey": "example-secret-not-real", "SessionToken": "example-token-not-real"}, "AccessibleDataLocations": ["s3://sales-bucket/orders/"], "CredentialsScope": "READWRITE"}, "repeat": true, "expires_in_seconds": 3600}]}"#
        ),
        "{text}"
    );
    let fixed = serde_json::json!({"version": 1, "rules": [proposed_rule(&text)]});
    let fixed = Scenario::from_json_str(&fixed.to_string()).unwrap().mock();
    let out = fixed
        .client()
        .get_temporary_data_location_credentials()
        .data_locations("s3://sales-bucket/orders/")
        .credentials_scope(CredentialsScope::Readwrite)
        .send()
        .await
        .unwrap();
    assert_eq!(out.accessible_data_locations(), ["s3://sales-bucket/orders/"]);
}

#[tokio::test]
async fn another_operation_gets_a_catch_all_fixture_rule_with_its_caveat() {
    let mock = Scenario::from_json_str(LENIENT).unwrap().mock();
    let err = mock.client().get_data_lake_settings().send().await.unwrap_err();
    let text = explanation(&err);
    assert!(
        text.ends_with(
            r#"to answer it, add this rule to the fixture's "rules" (an "operation": "*" rule answers every request that no rule before it answers, before any lake does): {"operation": "*", "responses": [{"http": {"status": 200, "body": "{}"}, "repeat": true}]}"#
        ),
        "{text}"
    );
}

#[tokio::test]
async fn a_mock_built_in_code_still_proposes_rust() {
    let mock = lenient();
    mock.load_scenario(&Scenario::from_json_str(LENIENT).unwrap());
    let err = mock.client().get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap_err();
    let text = explanation(&err);
    assert!(
        text.ends_with(
            "to answer it, mount a rule: Rule::table_credentials().respond_with(GetTemporaryGlueTableCredentialsOutput::builder()...build()).mount(&mock)"
        ),
        "{text}"
    );
    assert!(!text.contains("\"operation\""), "{text}");
}
