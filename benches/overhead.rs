//! What the mock costs, as ratios against the SDK's own floor measured in the same run.
//!
//! The floor is a client whose HTTP client returns a canned body (`infallible_client_fn`): the
//! SDK pipeline with nothing behind it. Each sample gives every variant a fresh client (as each
//! test has its own mock) and a figure is the median over samples of two variants' ratio within
//! a sample. Run with `cargo bench --bench overhead`; the last lines are `name: value` figures
//! (see BENCHMARKS.md).

use aws_sdk_lakeformation::Client;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsOutput;
use aws_sdk_lakeformation::types::{AuditContext, Permission, QuerySessionContext};
use aws_smithy_types::DateTime;
use criterion::Criterion;
use lakeformation_mock::fixture::Scenario;
use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, Principal, Table};
use lakeformation_mock::{MockLakeFormation, Rule, matchers};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::{Duration, Instant};

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

const TABLE: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";
const PRINCIPAL_KEY: &str = "AKIDBENCHENGINE00001";
const PRINCIPAL_ARN: &str = "arn:aws:iam::123456789012:role/bench-engine";
const SAMPLES: usize = 30;

/// A session token as long as real ones (and the simulated lake's): several hundred characters.
fn session_token() -> String {
    "IQoJbm90LWEtcmVhbC1zZXNzaW9uLXRva2VuLWZvci1iZW5jaG1hcmtz".repeat(11)
}

fn output() -> GetTemporaryGlueTableCredentialsOutput {
    GetTemporaryGlueTableCredentialsOutput::builder()
        .access_key_id("ASIABENCHMARK0000001")
        .secret_access_key("bench/secret+not+real+00000000000000000")
        .session_token(session_token())
        .expiration(DateTime::from_secs(1_900_000_000))
        .vended_s3_path("s3://warehouse/sales/orders/")
        .build()
}

/// The body the service (and the mock) sends for [`output`].
fn body() -> String {
    format!(
        r#"{{"AccessKeyId":"ASIABENCHMARK0000001","SecretAccessKey":"bench/secret+not+real+00000000000000000","SessionToken":"{}","Expiration":1900000000,"VendedS3Path":["s3://warehouse/sales/orders/"]}}"#,
        session_token()
    )
}

/// The call every variant makes: a table, an `AuditContext` and a `QuerySessionContext`.
async fn call(client: &Client, table: &str) {
    let out = client
        .get_temporary_glue_table_credentials()
        .table_arn(table)
        .permissions(Permission::Select)
        .audit_context(AuditContext::builder().additional_audit_context("bench-job").build())
        .query_session_context(
            QuerySessionContext::builder()
                .query_id("bench-query")
                .query_authorization_id("bench-auth")
                .query_start_time(DateTime::from_secs(1_700_000_000))
                .build(),
        )
        .send()
        .await
        .expect("every benchmarked call succeeds");
    std::hint::black_box(out);
}

/// The floor: the same client configuration as the mock's, over a canned-body HTTP client.
fn floor_client() -> Client {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    let body = body();
    let http = aws_smithy_http_client::test_util::infallible_client_fn(move |_| {
        http::Response::builder()
            .status(200)
            .header("content-type", "application/json")
            .header("x-amzn-requestid", "00000000-0000-4000-8000-000000000001")
            .body(body.clone())
            .unwrap()
    });
    Client::from_conf(mock.config_builder().http_client(http).build())
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

/// Per-call times (ns) of each benchmark's measured samples, recorded from `iter_custom`.
#[derive(Default, Clone)]
struct Samples(Rc<RefCell<HashMap<&'static str, Vec<f64>>>>);

impl Samples {
    fn push(&self, name: &'static str, elapsed: Duration, calls: u64) {
        self.0.borrow_mut().entry(name).or_default().push(elapsed.as_nanos() as f64 / calls as f64);
    }

    /// The last `SAMPLES` samples of `name` (the measured ones, after the warm-up).
    fn measured(&self, name: &str) -> Vec<f64> {
        let samples = self.0.borrow();
        // An empty list for a benchmark left out by a filter on the command line.
        let all = samples.get(name).map_or(&[][..], Vec::as_slice);
        all[all.len().saturating_sub(SAMPLES)..].to_vec()
    }

    /// The median per-call time of `name`.
    fn median(&self, name: &str) -> f64 {
        median(self.measured(name))
    }

    /// The median, over the samples, of `name`'s time divided by `base`'s in the same sample:
    /// both ran one after the other, so a slow stretch of the machine divides out.
    fn ratio(&self, name: &str, base: &str) -> f64 {
        let ratios = self.measured(name).iter().zip(self.measured(base)).map(|(a, b)| a / b).collect();
        median(ratios)
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Runs `iters` calls of `client`, one after the other.
async fn sequential(client: &Client, iters: u64) {
    for _ in 0..iters {
        call(client, TABLE).await;
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

/// Measures `variants` side by side: every sample runs each of them for the same number of
/// calls, in an order that rotates from sample to sample, so that a slower stretch of a shared
/// machine weighs on all of them alike and their ratios hold. Each variant's client is made
/// (and given one call) before its timed calls, and dropped after them, outside the timing.
fn compare(
    c: &mut Criterion,
    samples: &Samples,
    rt: &tokio::runtime::Runtime,
    group: &str,
    parallel: bool,
    variants: &[Make<'_>],
) {
    let samples = samples.clone();
    let mut round = 0usize;
    c.bench_function(group, |b| {
        b.iter_custom(|iters| {
            round += 1;
            let mut total = Duration::ZERO;
            for k in 0..variants.len() {
                let (name, make) = variants[(round + k) % variants.len()];
                let client = make();
                rt.block_on(call(&client, TABLE));
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
                samples.push(name, elapsed, calls);
                total += elapsed;
            }
            total
        })
    });
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
            call(&client, TABLE).await;
        }
    });
    mock.journal().clear();
    let before = LIVE.load(Ordering::Relaxed);
    rt.block_on(async {
        for _ in 0..calls {
            call(&client, TABLE).await;
        }
    });
    let after = LIVE.load(Ordering::Relaxed);
    assert_eq!(mock.journal().len(), calls);
    (after - before) as f64 / calls as f64
}

fn main() {
    let mut c = Criterion::default()
        .sample_size(SAMPLES)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10))
        .configure_from_args();
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
    let fixture_samples = samples.clone();
    c.bench_function("fixture_10000_rules", |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            for _ in 0..iters {
                let mock = Scenario::from_json_str(&text).expect("the generated fixture loads").mock();
                assert_eq!(mock.rule_count(), 10_000);
                std::hint::black_box(mock);
            }
            let elapsed = start.elapsed();
            fixture_samples.push("fixture_10000_rules", elapsed, iters);
            elapsed
        })
    });

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
