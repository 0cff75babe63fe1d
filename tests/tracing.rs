//! Each request emits one `debug` event (target `lakeformation_mock`): operation, who answered
//! and the decision, so that `RUST_LOG=lakeformation_mock=debug` tells the story of a test.
//!
//! A binary of its own, not a module of `tests/it`: tracing caches each call site's interest
//! process-wide, so a subscriber set for one thread misses events while other tests' threads
//! (with no subscriber) hit the same call sites.

#[path = "it/common/mod.rs"]
mod common;

use aws_sdk_lakeformation::types::Permission;
use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, Principal, Table};
use lakeformation_mock::{MockLakeFormation, Reply, Rule, matchers};
use std::io::Write;
use std::sync::{Arc, Mutex};

/// A writer the subscriber writes each event into.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "current_thread")]
async fn every_request_tells_who_answered_it_and_why() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let role = "arn:aws:iam::123456789012:role/engine";
    let lake = Lake::builder()
        .settings(DataLakeSettings::default().allow_full_table_external_data_access(true))
        .register_location("s3://lake/")
        .table(Table::new("sales", "orders").location("s3://lake/sales/orders/"))
        .principal(Principal::new("AKIDENGINE", role))
        .grant(Grant::new(role, "sales", "orders", [Permission::Select]))
        .build();
    // Request #6 (an operation the mock does not model) goes unanswered on purpose.
    let mock = MockLakeFormation::builder().fail_on_unmatched(false).build().with_lake(&lake);
    Rule::table_credentials()
        .and(matchers::table_arn(common::OTHER_ARN))
        .respond_with(Reply::throttling())
        .named("returns")
        .mount(&mock);
    let client = mock.client_as("AKIDENGINE");
    let arn = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";
    client.get_temporary_glue_table_credentials().table_arn(arn).send().await.unwrap();
    let _ = client.get_temporary_glue_table_credentials().table_arn(arn).permissions(Permission::Insert).send().await;
    let _ = client.get_temporary_glue_table_credentials().table_arn(common::OTHER_ARN).send().await;
    let _ = client.get_temporary_glue_table_credentials().table_arn(arn).duration_seconds(5).send().await;
    let _ = client.get_data_lake_settings().send().await;

    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| l.contains("lakeformation_mock")).collect();
    let expect = |what: &str| assert!(lines.iter().any(|l| l.contains(what)), "no event with {what:?} in:\n{text}");
    expect("GetTemporaryGlueTableCredentials answered by the simulated lake: answer: vended");
    expect("answered by the simulated lake: answer: refused with AccessDeniedException");
    expect("answered by rule #0 `returns`: ThrottlingException: Rate exceeded");
    expect(
        "answered by input validation: InvalidInputException: 1 validation error detected: Value '5' at 'durationSeconds'",
    );
    expect("GetDataLakeSettings answered by nothing: lakeformation-mock: no rule answers POST");
    expect("status=400");
    // One event per request, retries included (the throttled call is tried three times).
    assert_eq!(lines.len(), mock.requests().len(), "{text}");
}
