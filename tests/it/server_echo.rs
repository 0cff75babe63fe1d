//! Server mode shows what arrived and no more: a 405 names the allowed method, the journal
//! shows an empty or whitespace body as sent, and error bodies echo a huge input cut.
#![cfg(feature = "server")]

use crate::server_support::*;
use lakeformation_mock::server::MockServer;
use lakeformation_mock::{MockLakeFormation, Rule, matchers};

#[test]
fn a_405_carries_the_allowed_method() {
    let mock = MockLakeFormation::new();
    let server = MockServer::start(&mock).unwrap();
    for (method, endpoint, allowed) in [
        ("GET", "fixture", "POST"),
        ("GET", "journal/reset", "POST"),
        ("POST", "journal", "GET"),
        ("DELETE", "health", "GET"),
        ("POST", "verify", "GET"),
    ] {
        let reply = raw(server.address(), method, &format!("/__lakeformation_mock/{endpoint}"), &[], b"").unwrap();
        assert_eq!(reply.status, 405, "{reply:?}");
        assert_eq!(reply.header("allow"), Some(allowed), "{method} {endpoint}: {reply:?}");
        let message = reply.json()["Message"].as_str().unwrap().to_owned();
        assert!(message.contains(&format!("it takes {allowed}")), "{message}");
    }
}

#[test]
fn the_journal_shows_an_empty_or_whitespace_body_as_it_arrived() {
    let mock = MockLakeFormation::new();
    let server = MockServer::start(&mock).unwrap();
    for body in ["", "  \n\t"] {
        let headers = [("content-type", "application/x-amz-json-1.1")];
        raw(server.address(), "POST", "/GetTemporaryGlueTableCredentials", &headers, body.as_bytes()).unwrap();
    }
    let journal = control_get(server.address(), "journal");
    let inputs: Vec<&serde_json::Value> = journal["requests"].as_array().unwrap().iter().map(|r| &r["input"]).collect();
    assert_eq!(inputs, [&serde_json::json!(""), &serde_json::json!("  \n\t")], "{journal:#}");
}

#[tokio::test]
async fn an_error_body_echoes_a_huge_request_value_cut() {
    let mock = MockLakeFormation::builder().fail_on_unmatched(false).build();
    Rule::partition_credentials()
        .and(matchers::partition_values(["2024-01-01"]))
        .respond_with(
            aws_sdk_lakeformation::operation::get_temporary_glue_partition_credentials::GetTemporaryGluePartitionCredentialsOutput::builder()
                .build(),
        )
        .mount(&mock);
    let server = MockServer::start(&mock).unwrap();
    let values: Vec<String> = (0..100_000).map(|i| format!("v{i}")).collect();
    let body = serde_json::json!({ "TableArn": crate::echo_caps::ARN, "Partition": { "Values": values } }).to_string();
    let address = server.address();
    let reply = tokio::task::spawn_blocking(move || {
        raw(
            address,
            "POST",
            "/GetTemporaryGluePartitionCredentials",
            &[("content-type", "application/json")],
            body.as_bytes(),
        )
        .unwrap()
    })
    .await
    .unwrap();
    assert_eq!(reply.status, 404, "{}", &reply.body[..500.min(reply.body.len())]);
    assert!(reply.body.len() < 16 * 1024, "the error body is {} bytes", reply.body.len());
    assert!(reply.body.contains(" more bytes)"), "{}", reply.body);
    mock.reset_rules();
}

#[test]
fn a_fixture_with_a_huge_bad_key_is_refused_with_the_key_cut() {
    let mock = MockLakeFormation::new();
    let server = MockServer::start(&mock).unwrap();
    let key = "k".repeat(1_000_000);
    let bad = format!(r#"{{"version": 1, "rules": [{{"{key}": 1, "responses": []}}]}}"#);
    let reply = raw(server.address(), "POST", "/__lakeformation_mock/fixture", &[], bad.as_bytes()).unwrap();
    assert_eq!(reply.status, 400, "{}", &reply.body[..500.min(reply.body.len())]);
    assert!(reply.body.len() < 8 * 1024, "the reply is {} bytes", reply.body.len());
    let message = reply.json()["Message"].as_str().unwrap().to_owned();
    assert!(message.contains("unknown field `kkk") && message.contains("more bytes)"), "{message}");
}
