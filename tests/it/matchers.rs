//! Each matcher, their combinations, priorities and exhaustion, through a real SDK client.

use crate::common;

use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsInput;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsInput;
use aws_sdk_lakeformation::types::{AuditContext, CredentialsScope, Permission, PermissionType, QuerySessionContext};
use aws_smithy_types::DateTime;
use common::{ARN, OTHER_ARN, glue, send_data_location, send_glue};
use lakeformation_mock::matchers::{self, Field, Matcher};
use lakeformation_mock::{MockLakeFormation, Rule};

const HIT: &str = "ASIAMATCHED";
const MISS: &str = "ASIAFALLBACK";

/// A mock where `matcher` picks HIT and anything else falls back to MISS.
fn mock_with(matcher: Matcher) -> MockLakeFormation {
    let mock = MockLakeFormation::new();
    Rule::new()
        .and(matchers::operation(lakeformation_mock::Operation::GetTemporaryGlueTableCredentials))
        .and(matcher.clone())
        .respond_with(common::glue_output(HIT))
        .mount(&mock);
    Rule::new()
        .and(matchers::operation(lakeformation_mock::Operation::GetTemporaryDataLocationCredentials))
        .and(matcher)
        .respond_with(common::data_location_output(HIT))
        .mount(&mock);
    Rule::table_credentials().respond_with(common::glue_output(MISS)).mount(&mock);
    Rule::data_location().respond_with(common::data_location_output(MISS)).mount(&mock);
    mock
}

fn qsc() -> aws_sdk_lakeformation::types::builders::QuerySessionContextBuilder {
    QuerySessionContext::builder()
}

fn glue_cases()
-> Vec<(&'static str, Matcher, GetTemporaryGlueTableCredentialsInput, GetTemporaryGlueTableCredentialsInput)> {
    let start = DateTime::from_secs_f64(1_700_000_000.5);
    let b = |builder: aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::builders::GetTemporaryGlueTableCredentialsInputBuilder| builder.build().unwrap();
    vec![
        ("table_arn", matchers::table_arn(ARN), b(glue()), b(glue().table_arn(OTHER_ARN))),
        ("s3_path", matchers::s3_path("s3://b/p/"), b(glue().s3_path("s3://b/p/")), b(glue().s3_path("s3://b/q/"))),
        (
            "duration_seconds",
            matchers::duration_seconds(900),
            b(glue().duration_seconds(900)),
            b(glue().duration_seconds(901)),
        ),
        (
            "duration_seconds_in",
            matchers::duration_seconds_in(900..=3600),
            b(glue().duration_seconds(3600)),
            b(glue().duration_seconds(3601)),
        ),
        (
            "permissions (a set)",
            matchers::permissions([Permission::Select, Permission::Describe]),
            b(glue().permissions(Permission::Describe).permissions(Permission::Select)),
            b(glue().permissions(Permission::Select)),
        ),
        (
            "permissions_contain",
            matchers::permissions_contain(Permission::Select),
            b(glue().permissions(Permission::All).permissions(Permission::Select)),
            b(glue().permissions(Permission::All)),
        ),
        (
            "supported_permission_types",
            matchers::supported_permission_types([PermissionType::ColumnPermission]),
            b(glue().supported_permission_types(PermissionType::ColumnPermission)),
            b(glue().supported_permission_types(PermissionType::CellFilterPermission)),
        ),
        (
            "supported_permission_types_contain",
            matchers::supported_permission_types_contain(PermissionType::NestedPermission),
            b(glue()
                .supported_permission_types(PermissionType::ColumnPermission)
                .supported_permission_types(PermissionType::NestedPermission)),
            b(glue()),
        ),
        (
            "additional_audit_context",
            matchers::additional_audit_context("job-1"),
            b(glue().audit_context(AuditContext::builder().additional_audit_context("job-1").build())),
            b(glue().audit_context(AuditContext::builder().additional_audit_context("job-2").build())),
        ),
        (
            "query_id",
            matchers::query_id("q1"),
            b(glue().query_session_context(qsc().query_id("q1").build())),
            b(glue().query_session_context(qsc().query_id("q2").build())),
        ),
        (
            "query_start_time",
            matchers::query_start_time(start),
            b(glue().query_session_context(qsc().query_start_time(start).build())),
            b(glue().query_session_context(qsc().query_start_time(DateTime::from_secs(1_700_000_000)).build())),
        ),
        (
            "cluster_id",
            matchers::cluster_id("c1"),
            b(glue().query_session_context(qsc().cluster_id("c1").build())),
            b(glue().query_session_context(qsc().cluster_id("c2").build())),
        ),
        (
            "query_authorization_id",
            matchers::query_authorization_id("qa"),
            b(glue().query_session_context(qsc().query_authorization_id("qa").build())),
            b(glue().query_session_context(qsc().query_id("qa").build())),
        ),
        (
            "additional_context",
            matchers::additional_context("engine", "trino"),
            b(glue().query_session_context(
                qsc().additional_context("engine", "trino").additional_context("x", "y").build(),
            )),
            b(glue().query_session_context(qsc().additional_context("engine", "spark").build())),
        ),
        (
            "additional_context_contains_key",
            matchers::additional_context_contains_key("engine"),
            b(glue().query_session_context(qsc().additional_context("engine", "any").build())),
            b(glue().query_session_context(qsc().additional_context("other", "any").build())),
        ),
        (
            "present",
            matchers::present(Field::AdditionalAuditContext),
            b(glue().audit_context(AuditContext::builder().additional_audit_context("").build())),
            b(glue().audit_context(AuditContext::builder().build())),
        ),
        ("absent", matchers::absent(Field::S3Path), b(glue()), b(glue().s3_path("s3://b/p/"))),
        ("header", matchers::header("amz-sdk-request", "attempt=1; max=3"), b(glue()), b(glue())),
        (
            "request closure",
            matchers::request("table name ends in orders", |r| {
                r.table_credentials_input().and_then(|i| i.table_arn()).is_some_and(|a| a.ends_with("/orders"))
            }),
            b(glue()),
            b(glue().table_arn(OTHER_ARN)),
        ),
        (
            "input closure",
            matchers::input("asks for 2 hours", |i| i.duration_seconds() == Some(7200)),
            b(glue().duration_seconds(7200)),
            b(glue().duration_seconds(3600)),
        ),
        (
            "any_of",
            matchers::any_of([matchers::query_id("a"), matchers::cluster_id("b")]),
            b(glue().query_session_context(qsc().cluster_id("b").build())),
            b(glue().query_session_context(qsc().query_id("b").build())),
        ),
        ("not", matchers::not(matchers::table_arn(OTHER_ARN)), b(glue()), b(glue().table_arn(OTHER_ARN))),
    ]
}

#[tokio::test]
async fn each_table_matcher_picks_the_requests_it_names_and_only_those() {
    for (name, matcher, hit, miss) in glue_cases() {
        let mock = mock_with(matcher);
        let client = mock.client();
        assert_eq!(send_glue(&client, hit).await.as_deref(), Ok(HIT), "{name}: the matching request");
        let expected_miss = if name == "header" { HIT } else { MISS };
        assert_eq!(send_glue(&client, miss).await.as_deref(), Ok(expected_miss), "{name}: the other request");
    }
}

#[tokio::test]
async fn a_header_matcher_tells_a_retry_from_the_first_attempt() {
    let mock = MockLakeFormation::new();
    Rule::table_credentials()
        .and(matchers::header("amz-sdk-request", "attempt=1; max=3"))
        .respond_with(lakeformation_mock::Reply::error(
            lakeformation_mock::ErrorCode::InternalService,
            "first attempt fails",
        ))
        .mount(&mock);
    Rule::table_credentials()
        .and(matchers::header_present("AMZ-SDK-REQUEST"))
        .respond_with(common::glue_output(HIT))
        .mount(&mock);
    assert_eq!(send_glue(&mock.client(), glue().build().unwrap()).await.as_deref(), Ok(HIT));
    assert_eq!(mock.requests().len(), 2);
}

fn dl() -> aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::builders::GetTemporaryDataLocationCredentialsInputBuilder{
    GetTemporaryDataLocationCredentialsInput::builder()
}

#[tokio::test]
async fn each_data_location_matcher_picks_the_requests_it_names_and_only_those() {
    let b = |x: aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::builders::GetTemporaryDataLocationCredentialsInputBuilder| x.build().unwrap();
    let cases = vec![
        (
            "data_locations",
            matchers::data_locations(["s3://b/a/", "s3://b/c/"]),
            b(dl().data_locations("s3://b/c/").data_locations("s3://b/a/")),
            b(dl().data_locations("s3://b/a/")),
        ),
        (
            "data_locations_contain",
            matchers::data_locations_contain("s3://b/a/"),
            b(dl().data_locations("s3://b/z/").data_locations("s3://b/a/")),
            b(dl().data_locations("s3://b/z/")),
        ),
        (
            "credentials_scope",
            matchers::credentials_scope(CredentialsScope::Readwrite),
            b(dl().credentials_scope(CredentialsScope::Readwrite)),
            b(dl().credentials_scope(CredentialsScope::Read)),
        ),
        ("duration_seconds", matchers::duration_seconds(43_200), b(dl().duration_seconds(43_200)), b(dl())),
        (
            "additional_audit_context",
            matchers::additional_audit_context("grants-plugin"),
            b(dl().audit_context(AuditContext::builder().additional_audit_context("grants-plugin").build())),
            b(dl()),
        ),
        (
            "absent",
            matchers::absent(Field::CredentialsScope),
            b(dl()),
            b(dl().credentials_scope(CredentialsScope::Read)),
        ),
    ];
    for (name, matcher, hit, miss) in cases {
        let mock = mock_with(matcher);
        let client = mock.client();
        assert_eq!(send_data_location(&client, hit).await.as_deref(), Ok(HIT), "{name}: the matching request");
        assert_eq!(send_data_location(&client, miss).await.as_deref(), Ok(MISS), "{name}: the other request");
    }
}

#[tokio::test]
async fn matchers_combine_all_must_hold() {
    let mock = MockLakeFormation::new();
    Rule::table_credentials()
        .and(matchers::table_arn(ARN))
        .and(matchers::query_id("q1"))
        .and(matchers::duration_seconds_in(..=3600))
        .respond_with(common::glue_output(HIT))
        .mount(&mock);
    Rule::table_credentials().respond_with(common::glue_output(MISS)).mount(&mock);
    let client = mock.client();
    let q1 = || qsc().query_id("q1").build();
    assert_eq!(
        send_glue(&client, glue().query_session_context(q1()).duration_seconds(900).build().unwrap()).await.as_deref(),
        Ok(HIT)
    );
    assert_eq!(
        send_glue(&client, glue().query_session_context(q1()).duration_seconds(7200).build().unwrap()).await.as_deref(),
        Ok(MISS)
    );
    assert_eq!(
        send_glue(&client, glue().table_arn(OTHER_ARN).query_session_context(q1()).build().unwrap()).await.as_deref(),
        Ok(MISS)
    );
    assert_eq!(send_glue(&client, glue().build().unwrap()).await.as_deref(), Ok(MISS));
}

#[tokio::test]
async fn a_lower_priority_number_wins_then_the_first_mounted() {
    let mock = MockLakeFormation::new();
    Rule::table_credentials().respond_with(common::glue_output("ASIAFIRSTMOUNTED")).mount(&mock);
    Rule::table_credentials().respond_with(common::glue_output("ASIASECONDMOUNTED")).mount(&mock);
    let client = mock.client();
    assert_eq!(send_glue(&client, glue().build().unwrap()).await.as_deref(), Ok("ASIAFIRSTMOUNTED"));

    Rule::table_credentials()
        .and(matchers::table_arn(ARN))
        .respond_with(common::glue_output("ASIAURGENT"))
        .priority(1)
        .mount(&mock);
    assert_eq!(send_glue(&client, glue().build().unwrap()).await.as_deref(), Ok("ASIAURGENT"));
    assert_eq!(
        send_glue(&client, glue().table_arn(OTHER_ARN).build().unwrap()).await.as_deref(),
        Ok("ASIAFIRSTMOUNTED")
    );

    Rule::new().respond_with(common::glue_output("ASIALAST")).priority(9).mount(&mock);
    Rule::new().respond_with(common::glue_output("ASIAZERO")).priority(0).mount(&mock);
    assert_eq!(send_glue(&client, glue().build().unwrap()).await.as_deref(), Ok("ASIAZERO"));
}

#[tokio::test]
async fn an_exhausted_rule_stops_matching_and_the_next_one_answers() {
    // The fourth request finds both rules used up and goes unanswered on purpose.
    let mock = MockLakeFormation::builder().fail_on_unmatched(false).build();
    Rule::table_credentials()
        .and(matchers::table_arn(ARN))
        .then(common::glue_output("ASIAONCE"))
        .times(2)
        .priority(1)
        .mount(&mock);
    Rule::table_credentials().then(common::glue_output("ASIATHEN")).mount(&mock);
    let client = mock.client();
    let mut got = Vec::new();
    for _ in 0..4 {
        got.push(
            send_glue(&client, glue().build().unwrap())
                .await
                .unwrap_or_else(|e| e.lines().next().unwrap_or_default().to_owned()),
        );
    }
    assert_eq!(got[..3], ["ASIAONCE", "ASIAONCE", "ASIATHEN"]);
    assert!(got[3].contains("dispatch failure"), "{}", got[3]);
}

#[tokio::test]
async fn journal_filters_and_counts_with_the_same_matchers() {
    let mock = MockLakeFormation::new();
    Rule::new()
        .respond_with_fn(|r| match r.operation() {
            lakeformation_mock::Operation::GetTemporaryGlueTableCredentials => common::glue_output(HIT).into(),
            _ => common::data_location_output(HIT).into(),
        })
        .mount(&mock);
    let client = mock.client();
    for q in ["q1", "q1", "q2"] {
        send_glue(&client, glue().query_session_context(qsc().query_id(q).build()).build().unwrap()).await.unwrap();
    }
    send_data_location(&client, dl().build().unwrap()).await.unwrap();
    let journal = mock.journal();
    assert_eq!(journal.count(&matchers::query_id("q1")), 2);
    assert_eq!(journal.matching(&matchers::query_id("q2"))[0].index(), 2);
    assert_eq!(journal.of(&lakeformation_mock::Operation::GetTemporaryDataLocationCredentials).len(), 1);
    journal.assert_received(&matchers::query_id("q1"), 2);
    journal.assert_received(&matchers::query_id("q1"), 1..=2);
    journal.assert_received(&matchers::cluster_id("none"), lakeformation_mock::Times::never());
}

#[tokio::test]
async fn region_and_signer_matchers_and_their_fixture_keys_select_by_how_the_request_was_sent() {
    use aws_sdk_lakeformation::config::Region;
    use lakeformation_mock::matchers::{region, signed_by};

    let in_code = MockLakeFormation::new();
    Rule::table_credentials().and(region("eu-west-1")).respond_with(common::glue_output("ASIAEU")).mount(&in_code);
    Rule::table_credentials()
        .and(signed_by("AKIDALICE"))
        .respond_with(common::glue_output("ASIAALICE"))
        .mount(&in_code);
    Rule::table_credentials().respond_with(common::glue_output("ASIAOTHER")).mount(&in_code);
    let in_fixture = lakeformation_mock::fixture::Scenario::from_json_str(
        r#"{"version": 1, "rules": [
            {"operation": "GetTemporaryGlueTableCredentials", "match": {"Region": "eu-west-1"}, "responses": [{"table_credentials_output": {"AccessKeyId": "ASIAEU"}, "repeat": true}]},
            {"operation": "GetTemporaryGlueTableCredentials", "match": {"SignedBy": "AKIDALICE"}, "responses": [{"table_credentials_output": {"AccessKeyId": "ASIAALICE"}, "repeat": true}]},
            {"operation": "GetTemporaryGlueTableCredentials", "responses": [{"table_credentials_output": {"AccessKeyId": "ASIAOTHER"}, "repeat": true}]}
        ]}"#,
    )
    .unwrap()
    .mock();
    for mock in [in_code, in_fixture] {
        let eu =
            aws_sdk_lakeformation::Client::from_conf(mock.config_builder().region(Region::new("eu-west-1")).build());
        let key = |client: aws_sdk_lakeformation::Client| async move {
            let out = client.get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap();
            out.access_key_id().unwrap().to_owned()
        };
        assert_eq!(key(eu).await, "ASIAEU");
        assert_eq!(key(mock.client_as("AKIDALICE")).await, "ASIAALICE");
        assert_eq!(key(mock.client_as("AKIDBOB")).await, "ASIAOTHER");
        assert_eq!(mock.requests()[2].region_name(), Some("us-east-1"));
        assert_eq!(mock.requests()[2].access_key_id(), Some("AKIDBOB"));
        // The miss is explained.
        let report = lakeformation_mock::matchers::signed_by("AKIDALICE").mismatch(&mock.requests()[2]).unwrap();
        assert_eq!(report.to_string(), r#"signed by: wanted "AKIDALICE", found "AKIDBOB""#);
    }
}
