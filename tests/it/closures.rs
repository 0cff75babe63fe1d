//! User closures cannot corrupt the bookkeeping: a matcher, reply or journal-matcher closure that
//! panics fails only its own request (journaled as failed with the panic's message, the SDK call
//! failing with `Unanswered`), uses up no reply and counts no call; and closures that call back
//! into the mock do not hang, because no lock of the mock is held while they run.

use crate::server_support;

use lakeformation_mock::matchers::{self, table_arn};
#[cfg(feature = "server")]
use lakeformation_mock::server::MockServer;
use lakeformation_mock::{MockLakeFormation, Reply, Rule, Unanswered};
use server_support::*;
use std::sync::mpsc;
use std::time::Duration;

/// The `Unanswered` error behind an SDK error, if that is what it is.
fn unanswered<E: std::error::Error + 'static>(err: &E) -> Option<Unanswered> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = source {
        if let Some(u) = e.downcast_ref::<Unanswered>() {
            return Some(u.clone());
        }
        source = e.source();
    }
    None
}

/// Runs `f` on a thread of its own and waits up to 30 s: a deadlock fails the test instead of
/// hanging CI.
fn without_hanging<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(30))
        .unwrap_or_else(|_| panic!("{what} hung: a lock is held while a closure runs"))
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

#[tokio::test]
async fn a_panicking_matcher_closure_fails_its_request_and_uses_up_nothing() {
    // The request whose matcher panics goes unanswered on purpose.
    let mock = MockLakeFormation::builder().fail_on_unmatched(false).build();
    let panicking = Rule::table_credentials()
        .and_request("explodes on orders", |request| {
            if request.table_credentials_input().and_then(|i| i.table_arn()) == Some(ARN) {
                panic!("matcher exploded");
            }
            false
        })
        .then(glue_output("ASIANEVER"))
        .mount(&mock);
    let fallback = Rule::table_credentials().then(glue_output("ASIAFALLBACK")).expect(1).mount(&mock);
    let client = mock.client();

    let err = client.get_temporary_glue_table_credentials().table_arn(ARN).send().await.unwrap_err();
    let u = unanswered(&err).unwrap_or_else(|| panic!("not Unanswered: {err:?}"));
    assert!(u.message.contains("panicked"), "{}", u.message);
    assert!(u.message.contains("matcher exploded"), "{}", u.message);
    let journal = mock.requests();
    assert_eq!(journal.len(), 1, "not retried, journaled once");
    assert_eq!(journal[0].answer().failure(), Some(u.message.as_str()));
    assert_eq!((panicking.calls(), fallback.calls()), (0, 0), "no call counted");
    assert!(!fallback.is_exhausted(), "no reply used up");

    // The mock is still usable: the next request is answered.
    let out = client.get_temporary_glue_table_credentials().table_arn(OTHER).send().await.unwrap();
    assert_eq!(out.access_key_id(), Some("ASIAFALLBACK"));
}

const OTHER: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/returns";

#[tokio::test]
async fn a_panicking_reply_closure_gives_its_reply_back() {
    for then_fn in [false, true] {
        // The request whose reply closure panics goes unanswered on purpose.
        let mock = MockLakeFormation::builder().fail_on_unmatched(false).build();
        let boom = |request: &lakeformation_mock::Request| -> Reply {
            if request.table_credentials_input().and_then(|i| i.table_arn()) == Some(ARN) {
                panic!("reply closure exploded");
            }
            glue_output("ASIACOMPUTED").into()
        };
        let rule = if then_fn {
            Rule::table_credentials().then_fn(boom)
        } else {
            Rule::table_credentials().respond_with_fn(boom)
        };
        let handle = rule.mount(&mock);
        let client = mock.client();

        let err = client.get_temporary_glue_table_credentials().table_arn(ARN).send().await.unwrap_err();
        let u = unanswered(&err).unwrap_or_else(|| panic!("not Unanswered: {err:?}"));
        assert!(u.message.contains("reply closure exploded"), "{}", u.message);
        assert_eq!(mock.requests()[0].answer().failure(), Some(u.message.as_str()));
        assert_eq!(handle.calls(), 0, "then_fn {then_fn}: no call counted");
        assert!(!handle.is_exhausted(), "then_fn {then_fn}: the once-only reply is still there");

        let out = client.get_temporary_glue_table_credentials().table_arn(OTHER).send().await.unwrap();
        assert_eq!(out.access_key_id(), Some("ASIACOMPUTED"));
        assert_eq!(handle.calls(), 1);
    }
}

#[tokio::test]
async fn a_panicking_journal_matcher_leaves_the_journal_usable() {
    let mock = MockLakeFormation::new();
    Rule::table_credentials().respond_with(glue_output("ASIAOK")).mount(&mock);
    mock.client().get_temporary_glue_table_credentials().table_arn(ARN).send().await.unwrap();
    let boom = matchers::request("explodes", |_| panic!("journal matcher exploded"));
    let journal = mock.clone();
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || journal.journal().count(&boom)));
    assert!(caught.is_err());
    // Nothing was left locked or half-written.
    assert_eq!(mock.journal().count(&table_arn(ARN)), 1);
    mock.client().get_temporary_glue_table_credentials().table_arn(ARN).send().await.unwrap();
    assert_eq!(mock.requests().len(), 2);
}

#[test]
fn closures_that_call_back_into_the_mock_do_not_hang() {
    let mock = MockLakeFormation::new();
    let inside = mock.clone();
    Rule::table_credentials()
        .and_request("looks at the mock", move |_| {
            // Every one of these takes a lock of the mock.
            let _ = (inside.rule_count(), inside.requests(), inside.journal().len(), inside.report());
            inside.calls_of("reply").is_some()
        })
        .respond_with_fn({
            let inside = mock.clone();
            move |_| {
                let _ = (inside.rule_count(), inside.requests(), inside.report());
                glue_output("ASIACALLBACK").into()
            }
        })
        .named("reply")
        .mount(&mock);
    let client = mock.client();
    let key = without_hanging("a matcher and a reply closure calling the mock", move || {
        runtime()
            .block_on(client.get_temporary_glue_table_credentials().table_arn(ARN).send())
            .map(|o| o.access_key_id)
            .map_err(|e| e.to_string())
    });
    assert_eq!(key.unwrap().as_deref(), Some("ASIACALLBACK"));

    // A journal matcher that reads the journal.
    let inside = mock.clone();
    let reads_journal = matchers::request("reads the journal", move |_| !inside.requests().is_empty());
    let outside = mock.clone();
    let count = without_hanging("a journal matcher calling the mock", move || {
        outside.journal().assert_received(&reads_journal, 1);
        outside.journal().count(&reads_journal)
    });
    assert_eq!(count, 1);

    // The verification report, whose closest-rule diffs run matchers.
    let outside = mock.clone();
    let report = without_hanging("the report", move || outside.report().to_string());
    assert!(report.contains("every expectation was met"), "{report}");
}

#[cfg(feature = "server")]
#[tokio::test]
async fn a_panicking_closure_over_the_server_is_a_500_and_the_server_stays_usable() {
    // The requests whose reply closure panics go unanswered on purpose.
    let mock = MockLakeFormation::builder().fail_on_unmatched(false).build();
    Rule::table_credentials()
        .and(table_arn(ARN))
        .respond_with_fn(|_| panic!("server-side closure exploded"))
        .mount(&mock);
    Rule::table_credentials().and(table_arn(OTHER)).respond_with(glue_output("ASIAOTHER")).mount(&mock);
    let server = MockServer::start(&mock).unwrap();
    let client = client(&server.url());
    let err = client.get_temporary_glue_table_credentials().table_arn(ARN).send().await.unwrap_err();
    let raw = err.raw_response().unwrap_or_else(|| panic!("no HTTP response: {err:?}"));
    assert_eq!(raw.status().as_u16(), 500);
    assert_eq!(raw.headers().get("x-amzn-errortype"), Some("LakeFormationMockClosurePanicked"));
    let out = client.get_temporary_glue_table_credentials().table_arn(OTHER).send().await.unwrap();
    assert_eq!(out.access_key_id(), Some("ASIAOTHER"));
    drop(server);
    // The SDK retried the 500: each attempt is journaled as failed, none counted.
    let failed = mock.requests().iter().filter(|r| r.answer().is_unanswered()).count();
    assert_eq!(failed, 3);
}
