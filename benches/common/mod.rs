//! The set-up the benches share (`benches/overhead.rs`, `benches/scale.rs`, `benches/sts.rs`,
//! `benches/s3.rs`): the table call they measure, the reply it gets, the floor's canned HTTP
//! client, the samples a figure is the median of, and side-by-side runs of variants; the server
//! figures' load and baseline in [`server`].

use aws_sdk_lakeformation::Client;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsOutput;
use aws_sdk_lakeformation::types::{AuditContext, Permission, QuerySessionContext};
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use aws_smithy_types::DateTime;
use criterion::Criterion;
use lakeformation_mock::MockLakeFormation;
use lakeformation_mock::fixture::Scenario;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::time::{Duration, Instant};

#[cfg(feature = "server")]
#[allow(dead_code)] // the benches built with `server` on that measure no server use none of it
pub mod server;

/// The table every benchmarked table call asks for.
pub const TABLE: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";
/// The table's location, and the vended path of [`output`].
pub const LOCATION: &str = "s3://warehouse/sales/orders/";
/// The access key id of the lake's principal that the benches sign as.
pub const PRINCIPAL_KEY: &str = "AKIDBENCHENGINE00001";
/// The ARN of that principal.
pub const PRINCIPAL_ARN: &str = "arn:aws:iam::123456789012:role/bench-engine";
/// The measured samples of each benchmark (after its warm-up).
pub const SAMPLES: usize = 30;

/// Criterion as both benches run it: [`SAMPLES`] samples, a 1 s warm-up, 10 s of measurement,
/// and what the command line sets.
pub fn criterion() -> Criterion {
    Criterion::default()
        .sample_size(SAMPLES)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10))
        .configure_from_args()
}

/// A session token as long as real ones (and the simulated lake's): several hundred characters.
fn session_token() -> String {
    "IQoJbm90LWEtcmVhbC1zZXNzaW9uLXRva2VuLWZvci1iZW5jaG1hcmtz".repeat(11)
}

/// The table credentials a scripted rule answers with.
pub fn output() -> GetTemporaryGlueTableCredentialsOutput {
    GetTemporaryGlueTableCredentialsOutput::builder()
        .access_key_id("ASIABENCHMARK0000001")
        .secret_access_key("bench/secret+not+real+00000000000000000")
        .session_token(session_token())
        .expiration(DateTime::from_secs(1_900_000_000))
        .vended_s3_path(LOCATION)
        .build()
}

/// The body the service (and the mock) sends for [`output`].
pub fn body() -> String {
    format!(
        r#"{{"AccessKeyId":"ASIABENCHMARK0000001","SecretAccessKey":"bench/secret+not+real+00000000000000000","SessionToken":"{}","Expiration":1900000000,"VendedS3Path":["{LOCATION}"]}}"#,
        session_token()
    )
}

/// The floor's HTTP client: it answers every request with `body`, at once (the SDK pipeline
/// with nothing behind it).
pub fn canned_http_client(body: String) -> SharedHttpClient {
    aws_smithy_http_client::test_util::infallible_client_fn(move |_| {
        http::Response::builder()
            .status(200)
            .header("content-type", "application/json")
            .header("x-amzn-requestid", "00000000-0000-4000-8000-000000000001")
            .body(body.clone())
            .unwrap()
    })
}

/// The table call both benches measure: [`TABLE`], an `AuditContext` and a `QuerySessionContext`.
pub async fn table_call(client: &Client) {
    let out = client
        .get_temporary_glue_table_credentials()
        .table_arn(TABLE)
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
        .expect("every benchmarked table call succeeds");
    std::hint::black_box(out);
}

/// Per-call times (ns) of each benchmark's samples, recorded from `iter_custom`.
#[derive(Default, Clone)]
pub struct Samples(Rc<RefCell<HashMap<&'static str, Vec<f64>>>>);

impl Samples {
    /// Records a sample of `name`: `calls` calls that took `elapsed`.
    pub fn push(&self, name: &'static str, elapsed: Duration, calls: u64) {
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
    pub fn median(&self, name: &str) -> f64 {
        median(self.measured(name))
    }

    /// The median, over the samples, of `name`'s time divided by `base`'s in the same sample:
    /// both ran one after the other, so a slow stretch of the machine divides out.
    pub fn ratio(&self, name: &str, base: &str) -> f64 {
        let ratios = self.measured(name).iter().zip(self.measured(base)).map(|(a, b)| a / b).collect();
        median(ratios)
    }
}

/// The median of `values` (NaN for none).
pub fn median(mut values: Vec<f64>) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// A variant: its name, and what runs about `iters` of its calls (untimed set-up first, then
/// the timed part): the time of the timed part and how many calls it made.
pub type Variant<'a> = (&'static str, &'a dyn Fn(u64) -> (Duration, u64));

/// Runs `variants` side by side: every sample runs each of them for the same number of calls,
/// in an order that rotates from sample to sample, so that a slower stretch of a shared machine
/// weighs on all of them alike and their ratios hold.
pub fn compare(c: &mut Criterion, samples: &Samples, group: &str, variants: &[Variant<'_>]) {
    let samples = samples.clone();
    let mut round = 0usize;
    c.bench_function(group, |b| {
        b.iter_custom(|iters| {
            round += 1;
            let mut total = Duration::ZERO;
            for k in 0..variants.len() {
                let (name, run) = variants[(round + k) % variants.len()];
                let (elapsed, calls) = run(iters);
                samples.push(name, elapsed, calls);
                total += elapsed;
            }
            total
        })
    });
}

/// Benchmark `name`: loading the fixture `text` into a fresh mock, `check`ed after each load.
pub fn fixture_loads(
    c: &mut Criterion,
    samples: &Samples,
    name: &'static str,
    text: &str,
    check: impl Fn(&MockLakeFormation),
) {
    let samples = samples.clone();
    c.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            for _ in 0..iters {
                let mock = Scenario::from_json_str(text).expect("the generated fixture loads").mock();
                check(&mock);
                std::hint::black_box(mock);
            }
            let elapsed = start.elapsed();
            samples.push(name, elapsed, iters);
            elapsed
        })
    });
}

/// A probe run's variant and number of calls, from `LAKEFORMATION_MOCK_PROBE=variant:calls`
/// (calls 1000 when left out): the bench then runs those calls once, for callgrind, instead of
/// criterion.
#[allow(dead_code)] // benches/scale.rs has no probe run
pub fn probe_spec() -> Option<(String, u64)> {
    let spec = std::env::var("LAKEFORMATION_MOCK_PROBE").ok()?;
    let (variant, calls) = spec.split_once(':').unwrap_or((&spec, "1000"));
    let calls = calls.parse().expect("LAKEFORMATION_MOCK_PROBE is variant:calls, e.g. lake:2000");
    Some((variant.to_owned(), calls))
}

/// Runs a probe's `calls` calls (`measured`, the function callgrind's `--toggle-collect` names)
/// and prints their time a call, for a sanity check of the instruction counts.
#[allow(dead_code)] // benches/scale.rs has no probe run
pub fn time_probe(variant: &str, calls: u64, measured: impl FnOnce()) {
    let start = std::time::Instant::now();
    measured();
    eprintln!("{variant}: {calls} calls, {:.0} ns per call", start.elapsed().as_nanos() as f64 / calls as f64);
}
