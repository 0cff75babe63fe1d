//! What the mock costs, as ratios against the SDK's own floor measured in the same run.
//!
//! The floor is a client whose HTTP client returns a canned body (`infallible_client_fn`): the
//! SDK pipeline with nothing behind it. Each sample gives every variant a fresh client (as each
//! test has its own mock) and a figure is the median over samples of two variants' ratio within
//! a sample. Run with `cargo bench --bench overhead`; the last lines are `name: value` figures
//! (see BENCHMARKS.md).
//!
//! For instruction counts (deterministic, unlike times on a shared machine), the same binary
//! runs one variant's calls under callgrind instead of criterion:
//! `LAKEFORMATION_MOCK_PROBE=lake:2000 valgrind --tool=callgrind
//! --toggle-collect='*measured_calls*' target/release/deps/overhead-<hash>` (variants `floor`,
//! `scripted`, `lake`; the binary is the one `cargo bench --bench overhead --no-run` names).

mod common;

use aws_sdk_lakeformation::Client;
use aws_sdk_lakeformation::types::Permission;
use common::{PRINCIPAL_ARN, PRINCIPAL_KEY, Samples, TABLE, Variant, body, output, table_call};
use criterion::Criterion;
use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, Principal, Table};
use lakeformation_mock::{MockLakeFormation, Rule, matchers};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::Instant;

/// Counts the bytes the process holds, for the journal's memory per call.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size as isize - layout.size() as isize, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The floor: the same client configuration as the mock's, over a canned-body HTTP client.
fn floor_client() -> Client {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    Client::from_conf(mock.config_builder().http_client(common::canned_http_client(body())).build())
}

fn scripted_mock(rules: usize) -> (MockLakeFormation, Client) {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    for i in 0..rules.saturating_sub(1) {
        Rule::table_credentials()
            .and(matchers::table_arn(format!("arn:aws:glue:us-east-1:123456789012:table/other/t{i}")))
            .respond_with(output())
            .mount(&mock);
    }
    Rule::table_credentials().and(matchers::table_arn(TABLE)).respond_with(output()).mount(&mock);
    let client = mock.client();
    (mock, client)
}

fn lake_mock() -> (MockLakeFormation, Client) {
    let lake = Lake::builder()
        .settings(DataLakeSettings::default().allow_full_table_external_data_access(true))
        .register_location("s3://warehouse/sales/")
        .table(Table::new("sales", "orders").location("s3://warehouse/sales/orders/"))
        .principal(Principal::new(PRINCIPAL_KEY, PRINCIPAL_ARN))
        .grant(Grant::new(PRINCIPAL_ARN, "sales", "orders", [Permission::Select]))
        .seed(1)
        .build();
    let mock = MockLakeFormation::builder().verify_on_drop(false).build().with_lake(&lake);
    let client = mock.client_as(PRINCIPAL_KEY);
    (mock, client)
}

fn smithy_mocks_client() -> Client {
    let rule = aws_smithy_mocks::mock!(Client::get_temporary_glue_table_credentials).then_output(output);
    aws_smithy_mocks::mock_client!(aws_sdk_lakeformation, aws_smithy_mocks::RuleMode::MatchAny, [&rule])
}

/// Runs `iters` calls of `client`, one after the other.
async fn sequential(client: &Client, iters: u64) {
    for _ in 0..iters {
        table_call(client).await;
    }
}

/// Runs about `iters` calls of `client` spread over 8 concurrent tasks; returns how many.
async fn concurrent(client: &Client, iters: u64) -> u64 {
    const TASKS: u64 = 8;
    let per_task = iters.div_ceil(TASKS);
    let tasks: Vec<_> = (0..TASKS)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { sequential(&client, per_task).await })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    per_task * TASKS
}

/// How a variant gets the client of a sample: a fresh one (a new mock, as each test has its own)
/// or a clone of one kept for the whole run.
type Make<'a> = (&'static str, &'a dyn Fn() -> Client);

/// Measures `variants` side by side (`common::compare`), each for the same number of calls,
/// sequential or spread over tasks. Each variant's client is made (and given one call) before
/// its timed calls, and dropped after them, outside the timing.
fn compare(
    c: &mut Criterion,
    samples: &Samples,
    rt: &tokio::runtime::Runtime,
    group: &str,
    parallel: bool,
    variants: &[Make<'_>],
) {
    let runs: Vec<_> = variants
        .iter()
        .map(|&(_, make)| {
            move |iters| {
                let client = make();
                rt.block_on(table_call(&client));
                let start = Instant::now();
                let calls = rt.block_on(async {
                    if parallel {
                        concurrent(&client, iters).await
                    } else {
                        sequential(&client, iters).await;
                        iters
                    }
                });
                let elapsed = start.elapsed();
                drop(client);
                (elapsed, calls)
            }
        })
        .collect();
    let timed: Vec<Variant<'_>> = variants.iter().zip(&runs).map(|(&(name, _), run)| (name, run as _)).collect();
    common::compare(c, samples, group, &timed);
}

fn fixture_with_rules(n: usize) -> String {
    let rules: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"name": "rule {i}", "operation": "GetTemporaryGlueTableCredentials", "match": {{"TableArn": "arn:aws:glue:us-east-1:123456789012:table/db/t{i}"}}, "responses": [{{"table_credentials_output": {{"AccessKeyId": "ASIABENCH{i:011}", "Expiration": 1900000000}}, "repeat": true}}], "expect": {{"min": 0}}}}"#
            )
        })
        .collect();
    format!(r#"{{"version": 1, "description": "{n} rules", "rules": [{}]}}"#, rules.join(",\n"))
}

/// Bytes the journal holds per recorded call, after `calls` calls.
fn journal_bytes_per_call(rt: &tokio::runtime::Runtime, calls: usize) -> f64 {
    let (mock, client) = scripted_mock(1);
    rt.block_on(async {
        for _ in 0..100 {
            table_call(&client).await;
        }
    });
    mock.journal().clear();
    let before = LIVE.load(Ordering::Relaxed);
    rt.block_on(async {
        for _ in 0..calls {
            table_call(&client).await;
        }
    });
    let after = LIVE.load(Ordering::Relaxed);
    assert_eq!(mock.journal().len(), calls);
    (after - before) as f64 / calls as f64
}

/// `calls` table calls on `client`: the part of a probe run callgrind collects.
#[inline(never)]
fn measured_calls(rt: &tokio::runtime::Runtime, client: &Client, calls: u64) {
    rt.block_on(sequential(client, calls));
}

/// A probe run for callgrind (`LAKEFORMATION_MOCK_PROBE=variant:calls`): one warm-up call, then
/// `calls` calls in [`measured_calls`].
fn probe(variant: &str, calls: u64) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let (_mock, client) = match variant {
        "floor" => (None, floor_client()),
        "scripted" => {
            let (mock, client) = scripted_mock(1);
            (Some(mock), client)
        }
        "lake" => {
            let (mock, client) = lake_mock();
            (Some(mock), client)
        }
        other => panic!("LAKEFORMATION_MOCK_PROBE: no variant {other:?} (floor, scripted or lake)"),
    };
    rt.block_on(table_call(&client));
    common::time_probe(variant, calls, || measured_calls(&rt, &client, calls));
}

fn main() {
    if let Some((variant, calls)) = common::probe_spec() {
        return probe(&variant, calls);
    }
    let mut c = common::criterion();
    let samples = Samples::default();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();

    // Every variant but `scripted_long_journal` gets a fresh client (and mock, and lake) for each
    // sample, as each test has its own mock; `scripted_long_journal` keeps one mock for the whole
    // group, its journal growing with every sample.
    let (long_journal, long_journal_client) = scripted_mock(1);
    compare(
        &mut c,
        &samples,
        &rt,
        "per_call",
        false,
        &[
            ("floor", &floor_client),
            ("scripted", &|| scripted_mock(1).1),
            ("lake", &|| lake_mock().1),
            ("smithy_mocks", &smithy_mocks_client),
            ("scripted_long_journal", &|| long_journal_client.clone()),
        ],
    );
    let long_journal_len = long_journal.journal().len();
    drop((long_journal, long_journal_client));

    // Each with the matching rule mounted last.
    compare(
        &mut c,
        &samples,
        &rt,
        "rules_mounted",
        false,
        &[
            ("rules_1", &|| scripted_mock(1).1),
            ("rules_100", &|| scripted_mock(100).1),
            ("rules_10000", &|| scripted_mock(10_000).1),
        ],
    );

    let multi = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    compare(
        &mut c,
        &samples,
        &multi,
        "eight_tasks",
        true,
        &[("concurrent_floor", &floor_client), ("concurrent_scripted", &|| scripted_mock(1).1)],
    );

    let text = fixture_with_rules(10_000);
    common::fixture_loads(&mut c, &samples, "fixture_10000_rules", &text, |mock| assert_eq!(mock.rule_count(), 10_000));

    let journal = journal_bytes_per_call(&rt, 100_000);
    c.final_summary();

    println!();
    println!("floor_ns_per_call: {:.0}", samples.median("floor"));
    println!("scripted_vs_floor: {:.3}", samples.ratio("scripted", "floor"));
    println!("lake_vs_floor: {:.3}", samples.ratio("lake", "floor"));
    println!("smithy_mocks_vs_floor: {:.3}", samples.ratio("smithy_mocks", "floor"));
    println!(
        "scripted_long_journal_vs_floor: {:.3} ({long_journal_len} requests journaled)",
        samples.ratio("scripted_long_journal", "floor")
    );
    println!("rules_100_vs_1: {:.3}", samples.ratio("rules_100", "rules_1"));
    println!("rules_10000_vs_1: {:.3}", samples.ratio("rules_10000", "rules_1"));
    println!("concurrent_throughput_vs_floor: {:.3}", 1.0 / samples.ratio("concurrent_scripted", "concurrent_floor"));
    println!("journal_bytes_per_call: {journal:.0}");
    println!("fixture_10000_rules_ms: {:.1}", samples.median("fixture_10000_rules") / 1e6);
}
