//! Matching a request against deep rules costs work linear in the size of the rules: deciding
//! builds no text, and a report formats one line for the whole tree, not one per level.

use crate::common;

use common::{ARN, OTHER_ARN};
use lakeformation_mock::matchers::{Matcher, any_of, not, table_arn};
use lakeformation_mock::{MockLakeFormation, Request, Rule};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Counts the bytes each thread allocates: a measure of work that does not depend on timing.
struct Counting;

thread_local! {
    static ALLOCATED: Cell<u64> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded to the system allocator unchanged; the count is a side effect.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATED.try_with(|n| n.set(n.get() + layout.size() as u64));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The bytes `f` allocates on this thread.
fn allocated_by(f: impl FnOnce()) -> u64 {
    let before = ALLOCATED.with(Cell::get);
    f();
    ALLOCATED.with(Cell::get) - before
}

/// One recorded table request for [`ARN`].
fn request() -> Request {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let _ = runtime.block_on(mock.client().get_temporary_glue_table_credentials().table_arn(ARN).send());
    mock.requests().remove(0)
}

/// `not(not(...(TableArn = OTHER_ARN)))`, `depth` times: it matches when `depth` is odd.
fn deep_not(depth: usize) -> Matcher {
    (0..depth).fold(table_arn(OTHER_ARN), |m, _| not(m))
}

/// `any_of([TableArn = other-i, any_of([..])])`, `depth` levels, none of which matches.
fn deep_any_of(depth: usize) -> Matcher {
    (0..depth).fold(table_arn(OTHER_ARN), |m, i| any_of([table_arn(format!("{OTHER_ARN}-{i}")), m]))
}

/// The bytes allocated to decide and to explain `matcher` against `request`.
fn work(matcher: &Matcher, request: &Request) -> u64 {
    allocated_by(|| {
        let _ = matcher.matches(request);
        let _ = matcher.mismatch(request);
    })
}

#[test]
fn matching_an_unmatched_request_against_deep_rules_is_linear_not_quadratic() {
    let request = request();
    for (shape, build) in [("not", deep_not as fn(usize) -> Matcher), ("any_of", deep_any_of)] {
        let (small, large) = (build(400), build(800));
        assert!(small.mismatch(&request).is_some() && large.mismatch(&request).is_some(), "{shape}");
        let (w_small, w_large) = (work(&small, &request), work(&large, &request));
        // Linear work doubles with the depth; quadratic work quadruples.
        assert!(
            w_large < 3 * w_small,
            "{shape}: twice as deep allocated {:.1} times as much ({w_small} then {w_large} bytes)",
            w_large as f64 / w_small as f64
        );
    }
    // Deciding alone builds no text at all.
    let deep = deep_not(800);
    assert_eq!(allocated_by(|| assert!(!deep.matches(&request))), 0);
}

#[test]
fn a_5000_deep_rule_matches_and_reports_through_the_sdk() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    Rule::table_credentials()
        .and(deep_not(5_001))
        .named("odd")
        .respond_with(common::glue_output("ASIADEEP"))
        .mount(&mock);
    Rule::table_credentials()
        .and(deep_not(5_000))
        .named("even")
        .respond_with(common::glue_output("ASIANEVER"))
        .mount(&mock);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let client = mock.client();
    let out = runtime.block_on(client.get_temporary_glue_table_credentials().table_arn(ARN).send()).unwrap();
    assert_eq!(out.access_key_id(), Some("ASIADEEP"));
    mock.reset_rules();
    Rule::table_credentials()
        .and(deep_not(5_000))
        .named("even")
        .respond_with(common::glue_output("ASIANEVER"))
        .mount(&mock);
    let err = runtime.block_on(client.get_temporary_glue_table_credentials().table_arn(ARN).send()).unwrap_err();
    let text = common::chain(&err);
    assert!(text.contains("no rule matched") && text.contains("`even`"), "{}", &text[..text.len().min(400)]);

    // A wide `any_of`: 5,000 alternatives, none of which holds.
    mock.reset_rules();
    let wide = any_of((0..5_000).map(|i| table_arn(format!("{OTHER_ARN}-{i}"))));
    Rule::table_credentials().and(wide).named("wide").respond_with(common::glue_output("ASIANEVER")).mount(&mock);
    let err = runtime.block_on(client.get_temporary_glue_table_credentials().table_arn(ARN).send()).unwrap_err();
    let text = common::chain(&err);
    assert!(text.contains("`wide`") && text.contains("-4999"), "{}", &text[..text.len().min(400)]);
}
