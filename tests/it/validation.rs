//! Input validation before any rule answers: every constraint of both operations' input shapes
//! in the service model (botocore's `lakeformation/2017-03-31/service-2.json`) is refused with
//! `InvalidInputException` and the service's wording, the request is journaled, and no rule's
//! step is consumed. With validation off, the same requests reach the rules.

use crate::common;

use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsInput;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsInput;
use aws_sdk_lakeformation::types::builders::QuerySessionContextBuilder;
use aws_sdk_lakeformation::types::{AuditContext, CredentialsScope, Permission, PermissionType, QuerySessionContext};
use common::*;
use lakeformation_mock::{Input, MockLakeFormation, Rule, Source};

const ENUM_PERMISSIONS: &str = "ALL, ALTER, ASSOCIATE, CREATE_CATALOG, CREATE_DATABASE, CREATE_LF_TAG, \
     CREATE_LF_TAG_EXPRESSION, CREATE_TABLE, DATA_LOCATION_ACCESS, DELETE, DESCRIBE, DROP, EXECUTE, \
     GRANT_WITH_LF_TAG_EXPRESSION, INSERT, SELECT, SUPER_USER";
const ENUM_PERMISSION_TYPES: &str =
    "CELL_FILTER_PERMISSION, COLUMN_PERMISSION, NESTED_CELL_PERMISSION, NESTED_PERMISSION";
const PATTERN: &str = r"[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\t]*";

fn audit(text: impl Into<String>) -> AuditContext {
    AuditContext::builder().additional_audit_context(text).build()
}

fn query(f: impl FnOnce(QuerySessionContextBuilder) -> QuerySessionContextBuilder) -> QuerySessionContext {
    f(QuerySessionContext::builder()).build()
}

fn table(f: impl FnOnce(GlueBuilder) -> GlueBuilder) -> Input {
    Input::TableCredentials(f(glue()).build().unwrap())
}

fn location(
    f: impl FnOnce(
        aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::builders::GetTemporaryDataLocationCredentialsInputBuilder,
    ) -> aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::builders::GetTemporaryDataLocationCredentialsInputBuilder,
) -> Input {
    Input::DataLocation(f(GetTemporaryDataLocationCredentialsInput::builder()).build().unwrap())
}

type GlueBuilder =
    aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::builders::GetTemporaryGlueTableCredentialsInputBuilder;

/// `1 validation error detected: Value {value} at '{field}' failed to satisfy constraint: {constraint}`.
fn one(value: &str, field: &str, constraint: &str) -> String {
    format!("1 validation error detected: Value {value} at '{field}' failed to satisfy constraint: {constraint}")
}

fn too_long(value: &str, field: &str, max: usize) -> String {
    one(&format!("'{value}'"), field, &format!("Member must have length less than or equal to {max}"))
}

fn too_short(value: &str, field: &str, min: usize) -> String {
    one(&format!("'{value}'"), field, &format!("Member must have length greater than or equal to {min}"))
}

fn off_pattern(value: &str, field: &str) -> String {
    one(&format!("'{value}'"), field, &format!("Member must satisfy regular expression pattern: {PATTERN}"))
}

/// One case per constraint of the model: the request, and the service's message.
fn refused() -> Vec<(&'static str, Input, String)> {
    let long_audit = "a".repeat(2049);
    let key_129 = "k".repeat(129);
    let value_257 = "v".repeat(257);
    vec![
        (
            "table: missing TableArn",
            Input::TableCredentials(GetTemporaryGlueTableCredentialsInput::builder().build().unwrap()),
            one("null", "tableArn", "Member must not be null"),
        ),
        (
            "table: DurationSeconds 899",
            table(|b| b.duration_seconds(899)),
            one("'899'", "durationSeconds", "Member must have value greater than or equal to 900"),
        ),
        (
            "table: DurationSeconds 43201",
            table(|b| b.duration_seconds(43_201)),
            one("'43201'", "durationSeconds", "Member must have value less than or equal to 43200"),
        ),
        (
            "table: negative DurationSeconds",
            table(|b| b.duration_seconds(i32::MIN)),
            one("'-2147483648'", "durationSeconds", "Member must have value greater than or equal to 900"),
        ),
        (
            "table: unknown Permissions value",
            table(|b| b.permissions(Permission::Select).permissions(Permission::from("READ"))),
            one(
                "'[SELECT, READ]'",
                "permissions",
                &format!("Member must satisfy constraint: [Member must satisfy enum value set: [{ENUM_PERMISSIONS}]]"),
            ),
        ),
        (
            "table: empty SupportedPermissionTypes",
            table(|b| b.set_supported_permission_types(Some(vec![]))),
            one("'[]'", "supportedPermissionTypes", "Member must have length greater than or equal to 1"),
        ),
        (
            "table: 256 SupportedPermissionTypes",
            table(|b| b.set_supported_permission_types(Some(vec![PermissionType::ColumnPermission; 256]))),
            one(
                &format!("'[{}]'", vec!["COLUMN_PERMISSION"; 256].join(", ")),
                "supportedPermissionTypes",
                "Member must have length less than or equal to 255",
            ),
        ),
        (
            "table: unknown SupportedPermissionTypes value",
            table(|b| b.supported_permission_types(PermissionType::from("ROW_PERMISSION"))),
            one(
                "'[ROW_PERMISSION]'",
                "supportedPermissionTypes",
                &format!(
                    "Member must satisfy constraint: [Member must satisfy enum value set: [{ENUM_PERMISSION_TYPES}]]"
                ),
            ),
        ),
        (
            "table: AdditionalAuditContext of 2049 characters",
            table(|b| b.audit_context(audit(long_audit.clone()))),
            too_long(&long_audit, "auditContext.additionalAuditContext", 2048),
        ),
        (
            "table: AdditionalAuditContext with a control character",
            table(|b| b.audit_context(audit("job\u{1}1"))),
            off_pattern("job\u{1}1", "auditContext.additionalAuditContext"),
        ),
        (
            "table: AdditionalAuditContext with a line break",
            table(|b| b.audit_context(audit("line\nbreak"))),
            off_pattern("line\nbreak", "auditContext.additionalAuditContext"),
        ),
        (
            "table: empty QueryId",
            table(|b| b.query_session_context(query(|q| q.query_id("")))),
            too_short("", "querySessionContext.queryId", 1),
        ),
        (
            "table: QueryId of 256 characters",
            table(|b| b.query_session_context(query(|q| q.query_id("q".repeat(256))))),
            too_long(&"q".repeat(256), "querySessionContext.queryId", 255),
        ),
        (
            "table: QueryId with a control character",
            table(|b| b.query_session_context(query(|q| q.query_id("q\u{0}")))),
            off_pattern("q\u{0}", "querySessionContext.queryId"),
        ),
        (
            "table: empty QueryAuthorizationId",
            table(|b| b.query_session_context(query(|q| q.query_authorization_id("")))),
            too_short("", "querySessionContext.queryAuthorizationId", 1),
        ),
        (
            "table: QueryAuthorizationId of 256 characters",
            table(|b| b.query_session_context(query(|q| q.query_authorization_id("z".repeat(256))))),
            too_long(&"z".repeat(256), "querySessionContext.queryAuthorizationId", 255),
        ),
        (
            "table: QueryAuthorizationId with U+FFFF",
            table(|b| b.query_session_context(query(|q| q.query_authorization_id("qa\u{FFFF}")))),
            off_pattern("qa\u{FFFF}", "querySessionContext.queryAuthorizationId"),
        ),
        (
            "table: empty AdditionalContext key",
            table(|b| b.query_session_context(query(|q| q.additional_context("", "v")))),
            one(
                "'{=v}'",
                "querySessionContext.additionalContext",
                "Map keys must satisfy constraint: [Member must have length greater than or equal to 1]",
            ),
        ),
        (
            "table: AdditionalContext key of 129 characters",
            table(|b| b.query_session_context(query(|q| q.additional_context(key_129.clone(), "v")))),
            one(
                &format!("'{{{key_129}=v}}'"),
                "querySessionContext.additionalContext",
                "Map keys must satisfy constraint: [Member must have length less than or equal to 128]",
            ),
        ),
        (
            "table: AdditionalContext value of 257 characters",
            table(|b| b.query_session_context(query(|q| q.additional_context("k", value_257.clone())))),
            one(
                &format!("'{{k={value_257}}}'"),
                "querySessionContext.additionalContext",
                "Map value must satisfy constraint: [Member must have length less than or equal to 256]",
            ),
        ),
        (
            "table: three violations at once",
            Input::TableCredentials(
                GetTemporaryGlueTableCredentialsInput::builder()
                    .duration_seconds(100_000)
                    .set_supported_permission_types(Some(vec![]))
                    .build()
                    .unwrap(),
            ),
            "3 validation errors detected: Value null at 'tableArn' failed to satisfy constraint: Member must not \
             be null; Value '100000' at 'durationSeconds' failed to satisfy constraint: Member must have value less \
             than or equal to 43200; Value '[]' at 'supportedPermissionTypes' failed to satisfy constraint: Member \
             must have length greater than or equal to 1"
                .to_owned(),
        ),
        (
            "data location: DurationSeconds 899",
            location(|b| b.duration_seconds(899)),
            one("'899'", "durationSeconds", "Member must have value greater than or equal to 900"),
        ),
        (
            "data location: DurationSeconds 43201",
            location(|b| b.duration_seconds(43_201)),
            one("'43201'", "durationSeconds", "Member must have value less than or equal to 43200"),
        ),
        (
            "data location: CredentialsScope READ_WRITE (the documentation's misspelling)",
            location(|b| b.credentials_scope(CredentialsScope::from("READ_WRITE"))),
            one("'READ_WRITE'", "credentialsScope", "Member must satisfy enum value set: [READ, READWRITE]"),
        ),
        (
            "data location: AdditionalAuditContext of 2049 characters",
            location(|b| b.audit_context(audit(long_audit.clone()))),
            too_long(&long_audit, "auditContext.additionalAuditContext", 2048),
        ),
        (
            "data location: AdditionalAuditContext with a control character",
            location(|b| b.audit_context(audit("\u{1b}[31m"))),
            off_pattern("\u{1b}[31m", "auditContext.additionalAuditContext"),
        ),
    ]
}

/// Requests at the edges of the constraints, which the service accepts.
fn accepted() -> Vec<(&'static str, Input)> {
    vec![
        ("table: DurationSeconds 900", table(|b| b.duration_seconds(900))),
        ("table: DurationSeconds 43200 (the model's maximum)", table(|b| b.duration_seconds(43_200))),
        ("table: EXECUTE, newer than the SDK", table(|b| b.permissions(Permission::from("EXECUTE")))),
        (
            "table: every known permission",
            table(|b| b.set_permissions(Some(Permission::values().iter().map(|p| Permission::from(*p)).collect()))),
        ),
        (
            "table: 255 SupportedPermissionTypes",
            table(|b| b.set_supported_permission_types(Some(vec![PermissionType::CellFilterPermission; 255]))),
        ),
        ("table: empty AdditionalAuditContext", table(|b| b.audit_context(audit("")))),
        ("table: AdditionalAuditContext of 2048 characters", table(|b| b.audit_context(audit("a".repeat(2048))))),
        ("table: tab and emoji in AdditionalAuditContext", table(|b| b.audit_context(audit("a\tb 🦀 é")))),
        (
            "table: QueryId of 255 characters",
            table(|b| b.query_session_context(query(|q| q.query_id("q".repeat(255))))),
        ),
        (
            "table: AdditionalContext key of 128, value of 256 characters",
            table(|b| b.query_session_context(query(|q| q.additional_context("k".repeat(128), "v".repeat(256))))),
        ),
        (
            "table: empty AdditionalContext value",
            table(|b| b.query_session_context(query(|q| q.additional_context("k", "")))),
        ),
        ("table: any ClusterId", table(|b| b.query_session_context(query(|q| q.cluster_id("\u{1}".repeat(300)))))),
        ("data location: nothing at all", location(|b| b)),
        (
            "data location: READWRITE, 43200 seconds",
            location(|b| b.credentials_scope(CredentialsScope::Readwrite).duration_seconds(43_200)),
        ),
    ]
}

/// Sends `input` through a real client; the access key id, or the SDK error's whole text.
async fn send(client: &aws_sdk_lakeformation::Client, input: &Input) -> Result<String, String> {
    match input {
        Input::TableCredentials(i) => send_glue(client, i.clone()).await,
        Input::DataLocation(i) => send_data_location(client, i.clone()).await,
        other => panic!("no such operation here: {other:?}"),
    }
}

/// A catch-all rule per operation, each answering once: a consumed step would leave the next
/// valid request unanswered.
fn mock_with_catch_all(validate: bool) -> MockLakeFormation {
    let mock = MockLakeFormation::builder().validate_input(validate).build();
    Rule::table_credentials().then(glue_output("ASIATABLE")).named("table catch-all").mount(&mock);
    Rule::data_location().then(data_location_output("ASIALOCATION")).named("location catch-all").mount(&mock);
    mock
}

#[tokio::test]
async fn every_model_constraint_is_refused_with_the_services_message_and_consumes_no_rule() {
    let cases = refused();
    assert!(cases.len() >= 25, "{} cases", cases.len());
    for (name, input, message) in cases {
        let mock = mock_with_catch_all(true);
        let client = mock.client();
        let err = send(&client, &input).await.expect_err(name);
        assert!(
            err.contains(&format!("InvalidInputException: {message}")),
            "{name}:\n  wanted {message}\n  got    {err}"
        );

        let requests = mock.requests();
        assert_eq!(requests.len(), 1, "{name}: one attempt (InvalidInput is not retried), journaled");
        assert_eq!(requests[0].input(), Some(&input), "{name}: journaled as sent");
        assert_eq!(requests[0].answer().source(), &Source::Validation, "{name}");
        assert_eq!(requests[0].answer().status_code(), Some(400), "{name}");
        assert_eq!(mock.calls_of("table catch-all"), Some(0), "{name}: no step consumed");
        assert_eq!(mock.calls_of("location catch-all"), Some(0), "{name}: no step consumed");

        // The rule's one step is still there for a valid request of the same operation.
        let valid = match &input {
            Input::TableCredentials(_) => table(|b| b),
            _ => location(|b| b),
        };
        assert!(send(&client, &valid).await.is_ok(), "{name}: the rule still answers");
    }
}

#[tokio::test]
async fn with_validation_off_the_rules_answer_the_same_requests() {
    for (name, input, _) in refused() {
        let mock = mock_with_catch_all(false);
        let got = send(&mock.client(), &input).await;
        let expected = if matches!(input, Input::TableCredentials(_)) { "ASIATABLE" } else { "ASIALOCATION" };
        assert_eq!(got.as_deref(), Ok(expected), "{name}");
        assert!(matches!(mock.requests()[0].answer().source(), Source::Rule(_)), "{name}");
    }
}

#[tokio::test]
async fn requests_at_the_edges_of_the_constraints_are_answered_by_the_rules() {
    for (name, input) in accepted() {
        let mock = mock_with_catch_all(true);
        let got = send(&mock.client(), &input).await;
        assert!(got.is_ok(), "{name}: {got:?}");
    }
}

/// Validation answers before the simulated lake too, and a fixture can turn it off.
#[tokio::test]
async fn validation_applies_to_lakes_and_fixtures_and_is_a_fixture_setting() {
    let lake = lakeformation_mock::lake::Lake::builder().build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let err = send(&mock.client(), &table(|b| b.duration_seconds(5))).await.unwrap_err();
    assert!(err.contains("Value '5' at 'durationSeconds'"), "{err}");
    assert_eq!(mock.requests()[0].answer().source(), &Source::Validation);

    let fixture = |settings: &str| {
        format!(
            r#"{{"version": 1, {settings} "rules": [{{"operation": "GetTemporaryGlueTableCredentials",
                "responses": [{{"table_credentials_output": {{"AccessKeyId": "ASIAFIXTURE"}}, "repeat": true}}]}}]}}"#
        )
    };
    let strict = lakeformation_mock::fixture::Scenario::from_json_str(&fixture("")).unwrap().mock();
    let err = send(&strict.client(), &table(|b| b.duration_seconds(5))).await.unwrap_err();
    assert!(err.contains("InvalidInputException"), "{err}");

    let lenient =
        lakeformation_mock::fixture::Scenario::from_json_str(&fixture(r#""settings": {"validate_input": false},"#))
            .unwrap()
            .mock();
    let got = send(&lenient.client(), &table(|b| b.duration_seconds(5))).await;
    assert_eq!(got.as_deref(), Ok("ASIAFIXTURE"));
}
