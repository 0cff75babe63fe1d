//! Expectations, checked on demand and on drop, and the wording of the report.

use crate::common;

use common::{ARN, OTHER_ARN, glue, send_glue};
use lakeformation_mock::{MockLakeFormation, Rule, Times, matchers};
use std::sync::OnceLock;

fn orders_rule() -> Rule {
    Rule::table_credentials()
        .and(matchers::table_arn(ARN))
        .respond_with(common::glue_output("ASIAORDERS"))
        .named("orders table")
}

#[tokio::test]
#[should_panic(expected = "1 unmet expectation:\n  - rule `orders table` expected exactly 1 call, received 0")]
async fn verify_names_the_unmet_expectation() {
    let mock = MockLakeFormation::new();
    orders_rule().expect(1).mount(&mock);
    mock.verify();
}

#[tokio::test]
#[should_panic(
    expected = "closest rule: `orders table`\n      TableArn: wanted \"arn:aws:glue:us-east-1:123456789012:table/sales/orders\", found \"arn:aws:glue:us-east-1:123456789012:table/sales/returns\""
)]
async fn the_report_shows_the_unmatched_request_its_closest_rule_and_the_difference() {
    let mock = MockLakeFormation::new();
    orders_rule().expect(1).mount(&mock);
    Rule::data_location().respond_with(common::data_location_output("ASIAOTHER")).mount(&mock);
    let _ = send_glue(&mock.client(), glue().table_arn(OTHER_ARN).build().unwrap()).await;
    mock.verify();
}

#[tokio::test]
#[should_panic(
    expected = "1 unmatched request (no rule matched):\n  - #0 GetTemporaryGlueTableCredentials TableArn=\"arn:aws:glue:us-east-1:123456789012:table/sales/returns\""
)]
async fn an_unanswered_request_fails_verification_by_default() {
    let mock = MockLakeFormation::new();
    orders_rule().mount(&mock);
    let _ = send_glue(&mock.client(), glue().table_arn(OTHER_ARN).build().unwrap()).await;
    mock.verify();
}

#[tokio::test]
async fn without_fail_on_unmatched_an_unanswered_request_only_fails_its_call() {
    let mock = MockLakeFormation::builder().fail_on_unmatched(false).build();
    orders_rule().mount(&mock);
    assert!(send_glue(&mock.client(), glue().table_arn(OTHER_ARN).build().unwrap()).await.is_err());
    let report = mock.report();
    assert!(!report.failed());
    assert_eq!(report.unanswered_requests().len(), 1);
    mock.verify();
}

#[tokio::test]
#[should_panic(expected = "rule `orders table` expected between 2 and 3 calls, received 1")]
async fn dropping_the_mock_verifies_while_a_client_still_lives() {
    let mock = MockLakeFormation::new();
    orders_rule().expect(2..=3).mount(&mock);
    let client = mock.client();
    send_glue(&client, glue().build().unwrap()).await.unwrap();
    // The handle the test created verifies, whatever still holds the shared state.
    drop(mock);
    drop(client);
}

#[test]
#[should_panic(expected = "1 unmet expectation:\n  - rule `orders table` expected exactly 1 call, received 0")]
fn an_unmet_expectation_fails_even_when_a_static_holds_a_client() {
    static CLIENT: OnceLock<aws_sdk_lakeformation::Client> = OnceLock::new();
    let mock = MockLakeFormation::new();
    orders_rule().expect(1).mount(&mock);
    CLIENT.set(mock.client()).unwrap();
}

#[tokio::test]
#[should_panic(expected = "1 unmet expectation:\n  - rule `orders table` expected exactly 1 call, received 0")]
async fn an_unmet_expectation_fails_even_when_a_detached_task_holds_a_client() {
    let mock = MockLakeFormation::new();
    orders_rule().expect(1).mount(&mock);
    let client = mock.client();
    // Detached: nobody awaits it, and it outlives the test body.
    drop(tokio::spawn(async move {
        let _client = client;
        std::future::pending::<()>().await
    }));
}

#[test]
#[should_panic(expected = "1 unmet expectation:\n  - rule `orders table` expected exactly 1 call, received 0")]
fn an_unmet_expectation_fails_even_when_a_task_dropped_at_runtime_shutdown_holds_a_client() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let mock = MockLakeFormation::new();
        orders_rule().expect(1).mount(&mock);
        let client = mock.client();
        tokio::spawn(async move {
            let _client = client;
            tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
        });
        // The mock drops here, while the task still holds the client. Tokio drops the task (and
        // the client) only when the runtime shuts down, and swallows any panic of that drop.
    });
    drop(runtime);
}

#[test]
#[should_panic(expected = "1 unmet expectation:\n  - rule `orders table` expected exactly 1 call, received 0")]
fn an_unmet_expectation_fails_even_when_an_unjoined_thread_holds_a_client() {
    let mock = MockLakeFormation::new();
    orders_rule().expect(1).mount(&mock);
    let client = mock.client();
    let (parked, is_parked) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _client = client;
        parked.send(()).unwrap();
        loop {
            std::thread::park();
        }
    });
    is_parked.recv().unwrap();
}

#[tokio::test]
async fn clones_and_clients_carry_no_verification_duty() {
    let mock = MockLakeFormation::new();
    orders_rule().expect(1).mount(&mock);
    drop(mock.clone());
    drop(mock.http_client());
    drop(mock.client());
    send_glue(&mock.client(), glue().build().unwrap()).await.unwrap();
}

#[tokio::test]
#[should_panic(expected = "1 unmet expectation:\n  - rule `orders table` expected exactly 1 call, received 0")]
async fn a_scoped_rule_verifies_when_its_guard_drops() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    let client = mock.client();
    {
        let guard = orders_rule().expect(1).mount_as_scoped(&mock);
        assert_eq!(guard.calls(), 0);
    }
    // Not reached: the guard panicked at the end of its scope.
    send_glue(&client, glue().build().unwrap()).await.unwrap();
}

#[tokio::test]
async fn a_scoped_rule_is_unmounted_when_its_guard_drops() {
    let mock = MockLakeFormation::new();
    Rule::table_credentials().respond_with(common::glue_output("ASIAAFTER")).named("after").expect(1).mount(&mock);
    let client = mock.client();
    let handle = {
        let guard = orders_rule().priority(1).expect(1).mount_as_scoped(&mock);
        assert_eq!(send_glue(&client, glue().build().unwrap()).await.unwrap(), "ASIAORDERS");
        assert_eq!((guard.calls(), guard.is_exhausted()), (1, false));
        assert_eq!(mock.rule_count(), 2);
        guard.handle().clone()
    };
    assert_eq!(mock.rule_count(), 1);
    assert_eq!(send_glue(&client, glue().build().unwrap()).await.unwrap(), "ASIAAFTER");
    // The unmounted rule keeps its count, and the mock's own verification no longer lists it.
    assert_eq!(handle.calls(), 1);
    assert!(mock.report().unmet_expectations().is_empty());
}

#[tokio::test]
async fn a_mount_handle_reads_its_rules_calls_and_exhaustion() {
    let mock = MockLakeFormation::new();
    let once =
        Rule::table_credentials().then(common::glue_output("ASIAONCE")).times(2).named("twice").expect(2).mount(&mock);
    let forever = Rule::table_credentials().respond_with(common::glue_output("ASIAFOREVER")).mount(&mock);
    let client = mock.client();
    assert_eq!((once.calls(), once.is_exhausted()), (0, false));
    assert_eq!(once.unmet_expectation().map(|u| u.received), Some(0));
    for _ in 0..3 {
        send_glue(&client, glue().build().unwrap()).await.unwrap();
    }
    assert_eq!((once.calls(), once.is_exhausted()), (2, true));
    assert_eq!((forever.calls(), forever.is_exhausted()), (1, false));
    assert_eq!(once.expected(), Some(Times::exactly(2)));
    once.verify();
    assert!(format!("{once:?}").contains("`twice`"));
}

#[test]
#[should_panic(expected = "1 unmet expectation:\n  - rule `orders table` expected exactly 1 call, received 0")]
fn a_mount_handle_verifies_its_own_rule() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    orders_rule().expect(1).mount(&mock).verify();
}

#[tokio::test]
async fn a_met_expectation_passes_on_drop() {
    let mock = MockLakeFormation::new();
    orders_rule().expect(1).mount(&mock);
    Rule::table_credentials()
        .respond_with(common::glue_output("ASIAELSE"))
        .named("never called")
        .expect(Times::never())
        .mount(&mock);
    send_glue(&mock.client(), glue().build().unwrap()).await.unwrap();
}

#[test]
fn a_test_that_already_fails_does_not_panic_twice() {
    // A panic while the thread is panicking would abort the whole test binary; the drop check
    // must stay quiet, so the original failure is the one reported.
    let result = std::panic::catch_unwind(|| {
        let mock = MockLakeFormation::new();
        orders_rule().expect(1).mount(&mock);
        panic!("the test's own assertion failed");
    });
    let payload = result.unwrap_err();
    assert_eq!(payload.downcast_ref::<&str>(), Some(&"the test's own assertion failed"));
}

#[test]
fn verification_on_drop_can_be_turned_off() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    orders_rule().expect(1).mount(&mock);
    assert!(mock.report().failed());
}

#[test]
#[should_panic(
    expected = "rule `orders table` expected exactly 1 call, received 0\n  - rule #1 (operation = GetTemporaryDataLocationCredentials) expected at least 1 call, received 0"
)]
fn every_unmet_expectation_is_listed_unnamed_rules_by_their_matchers() {
    let mock = MockLakeFormation::new();
    orders_rule().expect(1).mount(&mock);
    Rule::data_location().respond_with(common::data_location_output("ASIAX")).expect(1..).mount(&mock);
    mock.verify();
}

#[tokio::test]
#[should_panic(
    expected = "expected exactly 2 calls matching [QuerySessionContext.QueryId = \"q1\"], received 1; the journal holds 2 requests:\n  #0 GetTemporaryGlueTableCredentials TableArn=\"arn:aws:glue:us-east-1:123456789012:table/sales/orders\" QuerySessionContext.QueryId=\"q1\": matches\n  #1 GetTemporaryGlueTableCredentials TableArn=\"arn:aws:glue:us-east-1:123456789012:table/sales/orders\": QuerySessionContext.QueryId: wanted \"q1\", found (absent)"
)]
async fn journal_assertions_explain_each_request() {
    let mock = MockLakeFormation::new();
    orders_rule().mount(&mock);
    let client = mock.client();
    let q1 = aws_sdk_lakeformation::types::QuerySessionContext::builder().query_id("q1").build();
    send_glue(&client, glue().query_session_context(q1).build().unwrap()).await.unwrap();
    send_glue(&client, glue().build().unwrap()).await.unwrap();
    mock.journal().assert_received(&matchers::query_id("q1"), 2);
}

#[tokio::test]
#[should_panic(
    expected = "expected every GetTemporaryGlueTableCredentials request to share one QueryAuthorizationId, but they carried:\n  #0 GetTemporaryGlueTableCredentials TableArn="
)]
async fn shared_query_authorization_id_is_asserted_across_requests() {
    let mock = MockLakeFormation::new();
    orders_rule().mount(&mock);
    let client = mock.client();
    for auth in ["auth-1", "auth-1"] {
        let ctx = aws_sdk_lakeformation::types::QuerySessionContext::builder()
            .query_id("q")
            .query_authorization_id(auth)
            .build();
        send_glue(&client, glue().query_session_context(ctx).build().unwrap()).await.unwrap();
    }
    mock.journal().assert_shared_query_id();
    mock.journal().assert_shared_query_authorization_id();
    let ctx = aws_sdk_lakeformation::types::QuerySessionContext::builder().query_authorization_id("auth-2").build();
    send_glue(&client, glue().query_session_context(ctx).build().unwrap()).await.unwrap();
    mock.journal().assert_shared_query_authorization_id();
}

#[tokio::test]
#[should_panic(expected = "1 of the requests carried no AuditContext:\n  #1 GetTemporaryGlueTableCredentials")]
async fn every_request_must_carry_an_audit_context() {
    let mock = MockLakeFormation::new();
    orders_rule().mount(&mock);
    let client = mock.client();
    let audit = aws_sdk_lakeformation::types::AuditContext::builder().additional_audit_context("job").build();
    send_glue(&client, glue().audit_context(audit).build().unwrap()).await.unwrap();
    send_glue(&client, glue().build().unwrap()).await.unwrap();
    mock.journal().assert_all_have_audit_context();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn expectations_count_every_call_exactly_once_under_32_tasks() {
    let mock = MockLakeFormation::new();
    Rule::table_credentials()
        .and(matchers::table_arn(ARN))
        .respond_with(common::glue_output("ASIAA"))
        .named("orders")
        .expect(320)
        .mount(&mock);
    Rule::table_credentials().respond_with(common::glue_output("ASIAB")).named("others").expect(320).mount(&mock);
    let client = mock.client();
    let tasks: Vec<_> = (0..32)
        .map(|task| {
            let client = client.clone();
            tokio::spawn(async move {
                for i in 0..20 {
                    let arn = if (task + i) % 2 == 0 { ARN } else { OTHER_ARN };
                    send_glue(&client, glue().table_arn(arn).build().unwrap()).await.unwrap();
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    assert_eq!(mock.calls_of("orders"), Some(320));
    assert_eq!(mock.calls_of("others"), Some(320));
    assert_eq!(mock.requests().len(), 640);
    mock.verify();
}

#[tokio::test]
async fn an_unmet_expectation_lists_what_the_lake_answered_instead_with_its_trace() {
    use aws_sdk_lakeformation::types::Permission;
    use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, Principal, Table};

    let role = "arn:aws:iam::123456789012:role/reader";
    let lake = Lake::builder()
        .settings(DataLakeSettings::default().allow_full_table_external_data_access(true))
        .register_location("s3://lake/")
        .table(Table::new("sales", "orders").location("s3://lake/sales/orders/"))
        .table(Table::new("sales", "returns").location("s3://lake/sales/returns/"))
        .principal(Principal::new("AKIDREADER", role))
        .grant(Grant::new(role, "sales", "orders", [Permission::Select]))
        .build();
    let mock = MockLakeFormation::builder().verify_on_drop(false).build().with_lake(&lake);
    orders_rule().and(matchers::query_id("q-1")).expect(1).mount(&mock);
    let client = mock.client_as("AKIDREADER");
    // Without the QueryId the rule wanted: the lake vends instead.
    client.get_temporary_glue_table_credentials().table_arn(ARN).send().await.unwrap();
    // Another table, with no grant: the lake refuses.
    let _ = client.get_temporary_glue_table_credentials().table_arn(OTHER_ARN).send().await.unwrap_err();

    let report = mock.report();
    assert!(report.failed());
    assert_eq!(report.lake_answers().len(), 2);
    let text = report.to_string();
    let vended = lake.vended_credentials()[0].access_key_id().to_owned();
    let expected = format!(
        "2 requests the simulated lake answered (no rule matched them):\n  - #0 GetTemporaryGlueTableCredentials \
         TableArn=\"{ARN}\"\n    closest rule: `orders table`\n      QuerySessionContext.QueryId: wanted \"q-1\", \
         found (absent)\n    answer: vended {vended} (READ, 3600 seconds) for s3://lake/sales/orders/\n"
    );
    assert!(text.contains(&expected), "{text}");
    assert!(
        text.contains(
            "    why the lake refused it:\n      region: the request was sent to us-east-1, the lake's region\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("      grants: none: arn:aws:iam::123456789012:role/reader holds no grant on sales.returns\n")
    );
    assert!(text.contains("      permission SELECT: missing: no grant considered gives it (nor ALL or SUPER_USER)\n"));

    // With every expectation met, the lake's answers are not listed.
    let quiet = MockLakeFormation::new().with_lake(&lake);
    quiet.client_as("AKIDREADER").get_temporary_glue_table_credentials().table_arn(ARN).send().await.unwrap();
    assert!(quiet.report().lake_answers().is_empty());
}

mod through_the_lake {
    use aws_sdk_lakeformation::types::{Permission, QuerySessionContext};
    use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, Principal, Table};
    use lakeformation_mock::{MockLakeFormation, Rule, matchers};

    const ORDERS: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";

    fn lake() -> Lake {
        let role = "arn:aws:iam::123456789012:role/engine";
        Lake::builder()
            .settings(DataLakeSettings::default().allow_full_table_external_data_access(true))
            .register_location("s3://lake/")
            .table(Table::new("sales", "orders").location("s3://lake/sales/orders/"))
            .principal(Principal::new("AKIDENGINE", role))
            .grant(Grant::new(role, "sales", "orders", [Permission::Select]))
            .build()
    }

    async fn call_with_query_id(mock: &MockLakeFormation, query_id: &str) {
        mock.client_as("AKIDENGINE")
            .get_temporary_glue_table_credentials()
            .table_arn(ORDERS)
            .query_session_context(QuerySessionContext::builder().query_id(query_id).build())
            .send()
            .await
            .unwrap();
    }

    /// A request that misses a rule by one field is answered by the lake; the unmet expectation's
    /// report shows it, with the field that differed.
    #[tokio::test]
    #[should_panic(expected = "1 unmet expectation:
  - rule `query q1` expected exactly 1 call, received 0
1 request the simulated lake answered (no rule matched it):
  - #0 GetTemporaryGlueTableCredentials TableArn=\"arn:aws:glue:us-east-1:123456789012:table/sales/orders\" QuerySessionContext.QueryId=\"q2\"
    closest rule: `query q1`
      QuerySessionContext.QueryId: wanted \"q1\", found \"q2\"
    answer: vended")]
    async fn a_near_miss_answered_by_the_lake_is_in_the_report_of_the_unmet_expectation() {
        let mock = MockLakeFormation::new().with_lake(&lake());
        Rule::table_credentials()
            .and(matchers::query_id("q1"))
            .respond_with(lakeformation_mock::Reply::throttling())
            .named("query q1")
            .expect(1)
            .mount(&mock);
        call_with_query_id(&mock, "q2").await;
        mock.verify();
    }

    #[tokio::test]
    #[should_panic(
        expected = "1 request the simulated lake answered (no rule matched it, and fail_on_lake_answers is on: script every request with a rule):"
    )]
    async fn fail_on_lake_answers_fails_verification_on_any_lake_answer() {
        let mock = MockLakeFormation::builder().fail_on_lake_answers(true).build().with_lake(&lake());
        Rule::table_credentials()
            .and(matchers::query_id("q1"))
            .respond_with(lakeformation_mock::Reply::throttling())
            .mount(&mock);
        call_with_query_id(&mock, "q2").await;
        mock.verify();
    }

    #[tokio::test]
    async fn fail_on_lake_answers_is_a_fixture_setting_and_off_by_default() {
        let plain = MockLakeFormation::new().with_lake(&lake());
        call_with_query_id(&plain, "q2").await;
        assert!(!plain.report().failed());
        let scenario = lakeformation_mock::fixture::Scenario::from_json_str(
            r#"{"version": 1, "settings": {"fail_on_lake_answers": true}}"#,
        )
        .unwrap();
        let strict = scenario.configure(MockLakeFormation::builder().verify_on_drop(false)).build().with_lake(&lake());
        call_with_query_id(&strict, "q2").await;
        assert!(strict.report().failed(), "{}", strict.report());
    }
}

/// Panics of the crate's assertions point at the test's line, not into the crate.
#[test]
fn assertion_panics_report_the_callers_location() {
    use std::sync::{Arc, Mutex};
    let seen: Arc<Mutex<Vec<(String, String, u32)>>> = Arc::default();
    let hook_seen = seen.clone();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info.payload().downcast_ref::<String>().cloned().unwrap_or_default();
        if let Some(location) = info.location() {
            hook_seen.lock().unwrap().push((message, location.file().to_owned(), location.line()));
        }
    }));
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    Rule::table_credentials().respond_with(common::glue_output("ASIAX")).expect(1).mount(&mock);
    let journal = mock.journal();
    let catch = |f: &dyn Fn()| assert!(std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).is_err());
    let mut at = Vec::new();
    at.push(("to share one QueryId", line!() + 1));
    catch(&|| journal.assert_shared_query_id());
    at.push(("to share one QueryAuthorizationId", line!() + 1));
    catch(&|| journal.assert_shared_query_authorization_id());
    at.push(("matching [QuerySessionContext.QueryId", line!() + 1));
    catch(&|| journal.assert_received(&lakeformation_mock::matchers::query_id("q"), 1));
    at.push(("verification failed", line!() + 1));
    catch(&|| mock.verify());
    let seen = seen.lock().unwrap().clone();
    let mut failures = Vec::new();
    for (message, line) in at {
        let location = seen.iter().rev().find(|(m, _, _)| m.contains(message)).map(|(_, f, l)| (f.clone(), *l));
        if location != Some((file!().to_owned(), line)) {
            failures.push(format!("{message}: panicked at {location:?}, wanted {}:{line}; seen {seen:?}", file!()));
        }
    }
    std::panic::set_hook(previous);
    assert!(failures.is_empty(), "{failures:#?}");
}
