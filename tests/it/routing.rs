//! Routing as the service routes, and a request id on every answer.
//!
//! The operation comes from the request path alone, never from the `Host` header or a host and
//! port; a rule with no operation answers only the operations the mock models; every HTTP
//! response the mock writes carries `x-amzn-requestid`, the id of the request's journal entry
//! when it has one.

use crate::server_support;

use aws_sdk_lakeformation::error::ProvideErrorMetadata;
use lakeformation_mock::fixture::Scenario;
#[cfg(feature = "server")]
use lakeformation_mock::{Fault, Operation, Reply, server::MockServer};
use lakeformation_mock::{MockLakeFormation, RawResponse, Rule, Source, Unanswered};
use server_support::*;

#[cfg(feature = "server")]
const TABLE_BODY: &[u8] = br#"{"TableArn": "arn:aws:glue:us-east-1:123456789012:table/sales/orders"}"#;

/// The journal entry's request id is the one the response carried.
#[cfg(feature = "server")]
fn assert_journaled_with_id(mock: &MockLakeFormation, reply: &RawReply) {
    let id = reply.header("x-amzn-requestid").unwrap_or_else(|| panic!("no x-amzn-requestid: {reply:?}"));
    let entry = mock.requests().into_iter().find(|r| r.answer().request_id() == Some(id));
    assert!(entry.is_some(), "no journal entry has request id {id}: {reply:?}");
}

#[cfg(feature = "server")]
#[test]
fn post_slash_is_an_unknown_operation_whatever_the_host_header_says() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    // A catch-all rule: it answers the modeled operations only.
    Rule::new().respond_with(glue_output("ASIACATCHALL")).mount(&mock);
    let server = MockServer::start(&mock).unwrap();
    for host in ["GetTemporaryGlueTableCredentials", "127.0.0.1:9000", "lakeformation.us-east-1.amazonaws.com"] {
        let reply = raw(server.address(), "POST", "/", &[("Host", host)], TABLE_BODY).unwrap();
        assert_eq!(reply.status, 404, "Host {host}: {reply:?}");
        assert_eq!(reply.header("x-amzn-errortype"), Some("LakeFormationMockNoMatch"), "{reply:?}");
        assert!(reply.json()["Message"].as_str().unwrap().contains("`/` is not an operation"), "{reply:?}");
        assert_journaled_with_id(&mock, &reply);
    }
    let requests = mock.requests();
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|r| *r.operation() == Operation::Other("/".into())), "{requests:?}");
    assert!(requests.iter().all(|r| r.answer().is_unanswered()));

    // The path decides, whatever the host.
    let reply =
        raw(server.address(), "POST", "/GetTemporaryGlueTableCredentials", &[("Host", "example.org:1")], TABLE_BODY)
            .unwrap();
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_journaled_with_id(&mock, &reply);
}

#[tokio::test]
async fn a_catch_all_rule_does_not_answer_operations_the_mock_does_not_model() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    Rule::new().respond_with(RawResponse::new(200).json(&serde_json::json!({}))).named("catch-all").mount(&mock);
    let err = mock.client().get_data_lake_settings().send().await.unwrap_err();
    let unanswered =
        std::error::Error::source(&err).and_then(|e| e.source()).and_then(|e| e.downcast_ref::<Unanswered>());
    let unanswered = unanswered.unwrap_or_else(|| panic!("not Unanswered: {err:?}"));
    assert!(unanswered.message.contains("`GetDataLakeSettings` is not an operation"), "{}", unanswered.message);
    assert!(unanswered.message.contains("operation: wanted an operation the mock models"), "{}", unanswered.message);
    assert_eq!(mock.calls_of("catch-all"), Some(0));
    // The error carries the id of the journal entry.
    assert_eq!(Some(unanswered.request_id()), mock.requests()[0].answer().request_id());

    // Answering anything is explicit.
    Rule::any_operation().respond_with(RawResponse::new(200).json(&serde_json::json!({}))).mount(&mock);
    mock.client().get_data_lake_settings().send().await.unwrap();
}

#[tokio::test]
async fn a_fixture_rule_without_operation_answers_only_modeled_operations_and_star_answers_any() {
    let fixture = |operation: &str| {
        format!(
            r#"{{"version": 1, "rules": [{{{operation} "responses": [{{"http": {{"status": 200, "body": "{{}}"}}, "repeat": true}}]}}]}}"#
        )
    };
    // Verified below, rather than on drop.
    let scenario = Scenario::from_json_str(&fixture("")).unwrap();
    let modeled = scenario.configure(MockLakeFormation::builder().verify_on_drop(false)).build();
    modeled.load_scenario(&scenario);
    assert!(modeled.client().get_data_lake_settings().send().await.is_err());
    assert!(modeled.requests()[0].answer().is_unanswered());
    // And verification says so.
    let report = modeled.report();
    assert!(report.failed(), "{report}");
    assert!(report.to_string().contains("#0 GetDataLakeSettings"), "{report}");
    drop(modeled);

    let any = Scenario::from_json_str(&fixture(r#""operation": "*","#)).unwrap().mock();
    any.client().get_data_lake_settings().send().await.unwrap();
    assert!(matches!(any.requests()[0].answer().source(), Source::Rule(_)));
}

#[tokio::test]
async fn every_answer_in_process_carries_the_journal_entrys_request_id() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    Rule::table_credentials()
        .then(RawResponse::new(503).body("busy"))
        .then(RawResponse::new(400).header("x-amzn-errortype", "AccessDeniedException").json(&serde_json::json!({})))
        .mount(&mock);
    let err = mock.client().get_temporary_glue_table_credentials().table_arn(ARN).send().await.unwrap_err();
    // A raw reply gets the id too: the SDK reads it, as from the service.
    assert_eq!(err.meta().extra("aws_request_id"), mock.requests()[1].answer().request_id());
    assert!(mock.requests()[1].answer().request_id().is_some());
    assert_ne!(mock.requests()[0].answer().request_id(), mock.requests()[1].answer().request_id());
}

#[cfg(feature = "server")]
#[test]
fn every_server_error_status_carries_a_request_id() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    Rule::data_location()
        .then(Fault::Timeout)
        .then(Fault::Other("scripted".into()))
        .then(Reply::from(glue_output("ASIAWRONGOPERATION")))
        .mount(&mock);
    let server = MockServer::builder().body_limit(1024).start(&mock).unwrap();
    let address = server.address();
    let location = "/GetTemporaryDataLocationCredentials";
    let cases: Vec<(u16, RawReply, bool)> = vec![
        (404, raw(address, "POST", "/GetTemporaryGlueTableCredentials", &[], TABLE_BODY).unwrap(), true),
        (400, raw(address, "POST", "/GetTemporaryGlueTableCredentials", &[], b"{\"TableArn\": 5}").unwrap(), true),
        (400, raw(address, "POST", "/GetTemporaryGlueTableCredentials", &[], b"{}").unwrap(), true),
        (504, raw(address, "POST", location, &[], b"{}").unwrap(), true),
        (502, raw(address, "POST", location, &[], b"{}").unwrap(), true),
        (400, raw(address, "POST", location, &[], b"{}").unwrap(), true),
        (413, raw(address, "POST", location, &[], &[b' '; 4096]).unwrap(), false),
        (405, raw(address, "DELETE", "/__lakeformation_mock/journal", &[], b"").unwrap(), false),
    ];
    for (status, reply, journaled) in &cases {
        assert_eq!(reply.status, *status, "{reply:?}");
        let id = reply.header("x-amzn-requestid");
        assert!(id.is_some_and(|id| id.len() == 36), "{status}: {reply:?}");
        if *journaled {
            assert_journaled_with_id(&mock, reply);
        }
    }
    let ids: std::collections::HashSet<_> = cases.iter().filter_map(|(_, r, _)| r.header("x-amzn-requestid")).collect();
    assert_eq!(ids.len(), cases.len(), "request ids are distinct");
}
