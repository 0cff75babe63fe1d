//! What a test writer reads when something goes wrong: the unmatched-request hint names every
//! operation the mock serves, failed assertions point at the test's own line, and the
//! verification report explains over-calls and near misses.

#[cfg(feature = "glue")]
use crate::common::chain;
use crate::common::{ARN, OTHER_ARN, glue_output};
use lakeformation_mock::{MockLakeFormation, Rule};

/// Every operation the mock serves, Glue's with feature `glue`.
#[cfg(feature = "glue")]
const SERVED: &[&str] = &[
    "GetTemporaryGlueTableCredentials",
    "GetTemporaryDataLocationCredentials",
    "GetTemporaryGluePartitionCredentials",
    "GetUnfilteredTableMetadata",
    "GetUnfilteredPartitionsMetadata",
];

#[cfg(feature = "glue")]
#[tokio::test]
async fn the_unmatched_request_hint_names_the_glue_operations_too() {
    let mock = MockLakeFormation::builder().fail_on_unmatched(true).verify_on_drop(false).build();
    Rule::new().respond_with(glue_output("ASIAMOCKEXAMPLE00001")).named("catch-all").mount(&mock);
    // A Glue operation the mock does not serve, through a real Glue client.
    let err = mock.glue_client().get_table().database_name("sales").name("orders").send().await.unwrap_err();
    let text = chain(&err);
    assert!(text.contains("`AWSGlue.GetTable` is not an operation the mock models"), "{text}");
    let answers = text.split("(it answers ").nth(1).expect("the operations it answers");
    for name in SERVED {
        assert!(answers.contains(name), "{name} is missing from: {text}");
    }
    // The catch-all's own matcher, in the closest-rule diff, lists them as well.
    let wanted = text.split("operation: wanted ").nth(1).expect("the closest rule's operation diff");
    for name in SERVED {
        assert!(wanted.contains(name), "{name} is missing from: {text}");
    }
    // And the report says the same.
    let report = mock.report().to_string();
    assert!(report.contains("AWSGlue.GetTable"), "{report}");
    assert!(report.contains("GetUnfilteredPartitionsMetadata"), "{report}");
}

// `#[track_caller]` all the way down: each failed assertion points at the line of this file
// that made it.

use lakeformation_mock::{Times, matchers};
use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};

thread_local! {
    /// The location of the last panic on this thread, while [`panic_location`] listens.
    static CAUGHT: RefCell<Option<Option<(String, u32)>>> = const { RefCell::new(None) };
}

/// Where `f` panicked: file and line. A panic hook installed once records the location of a
/// panic on a thread that listens and hands every other panic to the hook before it, so the
/// tests running beside these ones report as usual.
fn panic_location(f: impl FnOnce()) -> (String, u32) {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let before = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let listened = CAUGHT.with(|caught| {
                let mut caught = caught.borrow_mut();
                let listening = caught.is_some();
                if listening {
                    *caught = Some(info.location().map(|l| (l.file().to_owned(), l.line())));
                }
                listening
            });
            if !listened {
                before(info);
            }
        }));
    });
    CAUGHT.with(|caught| *caught.borrow_mut() = Some(None));
    let result = catch_unwind(AssertUnwindSafe(f));
    let location = CAUGHT.with(|caught| caught.borrow_mut().take()).flatten();
    assert!(result.is_err(), "the call did not panic");
    location.expect("the panic has a location")
}

/// Asserts that `f` panics at `line` of this file.
#[track_caller]
fn panics_here(line: u32, f: impl FnOnce()) {
    let (file, at) = panic_location(f);
    assert_eq!((file.as_str(), at), (file!(), line), "the panic points at {file}:{at}, not at the test's line");
}

#[tokio::test]
#[allow(clippy::reversed_empty_ranges)] // an empty range on purpose
async fn a_failed_assertion_points_at_the_test_line() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    let handle = Rule::table_credentials().respond_with(glue_output("ASIAMOCKEXAMPLE00001")).expect(2).mount(&mock);
    mock.client().get_temporary_glue_table_credentials().table_arn(ARN).send().await.unwrap();

    panics_here(line!(), || mock.verify());
    panics_here(line!(), || handle.verify());
    let journal = mock.journal();
    panics_here(line!(), || journal.assert_received(&matchers::table_arn(OTHER_ARN), 1));
    panics_here(line!(), || journal.assert_received(&matchers::table_arn(ARN), 5..3));
    panics_here(line!(), || journal.assert_all_have_audit_context());
    panics_here(line!(), || journal.assert_shared_query_id());
    panics_here(line!(), || journal.assert_shared_query_authorization_id());
}

#[test]
#[allow(clippy::reversed_empty_ranges)] // empty ranges on purpose
fn a_rule_built_wrong_points_at_the_test_line() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    panics_here(line!(), || drop(Rule::table_credentials().mount(&mock)));
    panics_here(line!(), || drop(Rule::table_credentials().mount_as_scoped(&mock)));
    panics_here(line!(), || drop(Rule::table_credentials().times(2)));
    panics_here(line!(), || drop(Rule::table_credentials().repeatedly()));
    panics_here(line!(), || drop(Rule::table_credentials().then(glue_output("ASIAMOCKEXAMPLE00001")).times(0)));
    panics_here(line!(), || drop(Rule::table_credentials().expect(3..3)));
    panics_here(line!(), || drop(Rule::table_credentials().expect(..0)));
    panics_here(line!(), || drop(Rule::table_credentials().expect(Times::between(3, 1))));
}

// The verification report: an over-called rule lists the requests it answered; a rule that
// nearly matched a request the lake answered is mentioned.

use lakeformation_mock::lake::Lake;

#[tokio::test]
async fn the_over_call_report_lists_the_requests_the_rule_answered() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build().with_lake(&Lake::builder().build());
    Rule::table_credentials().respond_with(glue_output("ASIAMOCKEXAMPLE00001")).named("orders").expect(1).mount(&mock);
    let client = mock.client();
    for table in [ARN, OTHER_ARN] {
        client.get_temporary_glue_table_credentials().table_arn(table).send().await.unwrap();
    }
    // The lake answers this one (and refuses it): no rule is for data locations.
    let _ = client.get_temporary_data_location_credentials().data_locations("s3://lake/x/").send().await;

    let report = mock.report();
    let unmet = &report.unmet_expectations()[0];
    assert!(unmet.is_over_call());
    let answered: Vec<usize> = report.requests_answered_by(unmet).iter().map(|r| r.index()).collect();
    assert_eq!(answered, [0, 1]);
    let text = report.to_string();
    assert!(text.contains("rule `orders` expected exactly 1 call, received 2"), "{text}");
    assert!(
        text.contains(&format!(
            "the 2 requests it answered:\n      - #0 GetTemporaryGlueTableCredentials TableArn=\"{ARN}\""
        )),
        "{text}"
    );
    assert!(text.contains(&format!("      - #1 GetTemporaryGlueTableCredentials TableArn=\"{OTHER_ARN}\"")), "{text}");
    // The lake's answer has nothing to do with the over-call: it is not listed.
    assert!(report.lake_answers().is_empty(), "{text}");
    assert!(!text.contains("GetTemporaryDataLocationCredentials"), "{text}");
}

#[tokio::test]
async fn an_under_call_still_lists_what_the_lake_answered() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build().with_lake(&Lake::builder().build());
    Rule::table_credentials()
        .and(matchers::table_arn(ARN))
        .respond_with(glue_output("ASIAMOCKEXAMPLE00001"))
        .named("orders")
        .expect(1)
        .mount(&mock);
    let _ = mock.client().get_temporary_glue_table_credentials().table_arn(OTHER_ARN).send().await;
    let report = mock.report();
    assert!(!report.unmet_expectations()[0].is_over_call());
    assert_eq!(report.lake_answers().len(), 1);
    assert!(report.requests_answered_by(&report.unmet_expectations()[0]).is_empty());
}

#[tokio::test]
async fn a_near_miss_rule_without_an_expectation_is_named_when_the_lake_answers() {
    let mock = MockLakeFormation::new().with_lake(&Lake::builder().build());
    Rule::table_credentials()
        .and(matchers::table_arn(ARN))
        .respond_with(glue_output("ASIAMOCKEXAMPLE00001"))
        .named("orders")
        .mount(&mock);
    // A rule for another operation is no near miss.
    Rule::data_location().respond_with(crate::common::data_location_output("ASIAMOCKEXAMPLE00002")).mount(&mock);
    let _ = mock.client().get_temporary_glue_table_credentials().table_arn(OTHER_ARN).send().await;

    let report = mock.report();
    assert!(!report.failed(), "a near miss fails nothing: {report}");
    assert_eq!(report.near_misses().len(), 1);
    let text = report.to_string();
    assert!(text.starts_with("lakeformation-mock: every expectation was met\n"), "{text}");
    assert!(text.contains("note: 1 request the simulated lake answered though a rule nearly matched it"), "{text}");
    assert!(text.contains("    closest rule: `orders`"), "{text}");
    assert!(text.contains(&format!("      TableArn: wanted \"{ARN}\", found \"{OTHER_ARN}\"")), "{text}");
    assert!(text.contains("check that it was meant for the lake"), "{text}");

    // Two near misses read in the plural.
    let _ = mock.client().get_temporary_glue_table_credentials().table_arn(OTHER_ARN).send().await;
    let text = mock.report().to_string();
    assert!(
        text.contains(
            "note: 2 requests the simulated lake answered though a rule nearly matched them (this fails \
                       nothing; check that they were meant for the lake):"
        ),
        "{text}"
    );
}
