//! The cost of S3 `GetObject` through the mock (feature `s3`), as ratios measured in one run:
//!
//! - `s3_get_1mib_vs_floor`: in process, a 1 MiB object read whole by an `aws_sdk_s3::Client`
//!   with keys the simulated lake vended (the SigV4 signature verified by s3s, the session
//!   token, lease and scope checked, the request journaled) against the same client over a
//!   canned-body HTTP client that answers the mock's own headers and the same bytes at once
//!   (the SDK pipeline with nothing behind it); paired medians, as `benches/sts.rs`.
//! - `server_s3_get_rps_vs_hyper` (with feature `server`): loopback GETs of a 64 KiB object,
//!   signed once by the SDK with vended keys and replayed on 16 keep-alive connections, against
//!   a minimal hyper server answering the same bytes; paired rounds, as `benches/scale.rs`.
//!
//! `cargo bench --features s3,server --bench s3` prints both (without `server`, the first). For
//! instruction counts of the in-process GET, `LAKEFORMATION_MOCK_PROBE=lake:200 valgrind
//! --tool=callgrind --toggle-collect='*measured_calls*' target/release/deps/s3-<hash>` (variants
//! `floor`, `lake`).

#[allow(dead_code)] // the set-up of the Lake Formation benches; this one uses the lake's names and the comparison
mod common;

use aws_credential_types::Credentials;
use aws_sdk_lakeformation::types::Permission;
use common::{LOCATION, PRINCIPAL_ARN, PRINCIPAL_KEY, Samples, TABLE, Variant};
use lakeformation_mock::MockLakeFormation;
use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, Principal, Table};
use std::time::{Duration, Instant};

/// The bucket of [`LOCATION`], and the keys of the objects read, inside the table's location.
const BUCKET: &str = "warehouse";
const KEY_1MIB: &str = "sales/orders/part-00000.parquet";
#[cfg(feature = "server")]
const KEY_64KIB: &str = "sales/orders/part-00001.parquet";

/// `len` bytes that are not all alike (a compressible run would not change the copy costs).
fn object(len: usize) -> bytes::Bytes {
    (0..len).map(|i| (i * 7 + i / 251) as u8).collect::<Vec<u8>>().into()
}

/// A mock whose lake lets the bench's principal read `sales.orders`, holding `objects`.
fn mock_with(objects: &[(&str, &bytes::Bytes)]) -> MockLakeFormation {
    let lake = Lake::builder()
        .settings(DataLakeSettings::default().allow_full_table_external_data_access(true))
        .register_location("s3://warehouse/sales/")
        .table(Table::new("sales", "orders").location(LOCATION))
        .principal(Principal::new(PRINCIPAL_KEY, PRINCIPAL_ARN))
        .grant(Grant::new(PRINCIPAL_ARN, "sales", "orders", [Permission::Select]))
        .seed(1)
        .build();
    let mock = MockLakeFormation::builder().verify_on_drop(false).build().with_lake(&lake);
    for (key, data) in objects {
        mock.s3().put(&format!("s3://{BUCKET}/{key}"), (*data).clone());
    }
    mock
}

/// The keys the lake vends the bench's principal for `sales.orders` (READ, its location).
async fn vended(mock: &MockLakeFormation) -> Credentials {
    let out = mock
        .client_as(PRINCIPAL_KEY)
        .get_temporary_glue_table_credentials()
        .table_arn(TABLE)
        .permissions(Permission::Select)
        .send()
        .await
        .expect("the lake vends the bench's table");
    Credentials::new(
        out.access_key_id().unwrap(),
        out.secret_access_key().unwrap(),
        out.session_token().map(str::to_owned),
        None,
        "vended",
    )
}

/// The call measured: `GetObject` of `key`, its body read whole, as a reader does.
async fn get(client: &aws_sdk_s3::Client, key: &str) -> bytes::Bytes {
    let out = client.get_object().bucket(BUCKET).key(key).send().await.expect("every benchmarked GetObject succeeds");
    let body = out.body.collect().await.expect("the body arrives whole").into_bytes();
    std::hint::black_box(body)
}

/// A fresh mock holding the 1 MiB object, and an S3 client on it with the keys it vended.
fn mock_client(rt: &tokio::runtime::Runtime, data: &bytes::Bytes) -> (MockLakeFormation, aws_sdk_s3::Client) {
    let mock = mock_with(&[(KEY_1MIB, data)]);
    let keys = rt.block_on(vended(&mock));
    let client = mock.s3_client_with(keys);
    (mock, client)
}

/// The floor: the mock's S3 client configuration over a canned-body HTTP client that answers
/// what the mock answered (its status, headers and body) to the same `GetObject`.
fn floor_client(rt: &tokio::runtime::Runtime, data: &bytes::Bytes) -> (MockLakeFormation, aws_sdk_s3::Client) {
    let (mock, client) = mock_client(rt, data);
    assert_eq!(rt.block_on(get(&client, KEY_1MIB)), *data);
    let journal = mock.journal().all();
    let raw = journal.last().and_then(|r| r.answer().reply()).and_then(|r| r.raw_response()).expect("an answer");
    assert_eq!(raw.status_code(), 200);
    let (headers, body) = (raw.headers().to_vec(), bytes::Bytes::copy_from_slice(raw.body_bytes()));
    let canned = aws_smithy_http_client::test_util::infallible_client_fn(move |_| {
        let mut response = http::Response::builder().status(200);
        for (name, value) in &headers {
            response = response.header(name, value);
        }
        response.body(body.clone()).unwrap()
    });
    let keys = rt.block_on(vended(&mock));
    let client = aws_sdk_s3::Client::from_conf(mock.s3_config_builder(keys).http_client(canned).build());
    (mock, client)
}

/// `s3_get_1mib_vs_floor`, its floor's time a call, and the mock's.
fn in_process(c: &mut criterion::Criterion, rt: &tokio::runtime::Runtime) -> (f64, f64, f64) {
    let samples = Samples::default();
    let data = object(1024 * 1024);
    let run = |mock: bool| {
        let data = data.clone();
        move |iters: u64| -> (Duration, u64) {
            // A fresh mock (and its journal) for each sample, as each test has its own.
            let (_mock, client) = if mock { mock_client(rt, &data) } else { floor_client(rt, &data) };
            assert_eq!(rt.block_on(get(&client, KEY_1MIB)).len(), data.len());
            let start = Instant::now();
            rt.block_on(async {
                for _ in 0..iters {
                    get(&client, KEY_1MIB).await;
                }
            });
            (start.elapsed(), iters)
        }
    };
    let (floor, lake) = (run(false), run(true));
    let variants: [Variant<'_>; 2] = [("s3_get_floor", &floor), ("s3_get_lake", &lake)];
    common::compare(c, &samples, "s3_get_1mib", &variants);
    (samples.ratio("s3_get_lake", "s3_get_floor"), samples.median("s3_get_floor"), samples.median("s3_get_lake"))
}

/// `server_s3_get_rps_vs_hyper` and the p99 latencies: a `GetObject` of the 64 KiB object,
/// header-signed by `aws_sdk_s3` with vended keys for the server's address (path-style), its
/// bytes replayed by the load generator (S3 takes a signed request again within its 15 minutes).
#[cfg(feature = "server")]
fn server(rt: &tokio::runtime::Runtime) -> common::server::VersusHyper {
    let data = object(64 * 1024);
    let mock = mock_with(&[(KEY_64KIB, &data)]);
    let server = lakeformation_mock::server::MockServer::start(&mock).unwrap();
    let keys = rt.block_on(vended(&mock));
    let (http, captured) = aws_smithy_http_client::test_util::capture_request(None);
    let config = mock.s3_config_builder(keys).http_client(http).endpoint_url(server.url()).force_path_style(true);
    // The canned answer is empty: only the request is wanted.
    let _ =
        rt.block_on(aws_sdk_s3::Client::from_conf(config.build()).get_object().bucket(BUCKET).key(KEY_64KIB).send());
    let signed = captured.expect_request();
    let uri: http::Uri = signed.uri().parse().unwrap();
    let mut request = format!("GET {} HTTP/1.1\r\n", uri.path_and_query().unwrap());
    if signed.headers().get("host").is_none() {
        request += &format!("host: {}\r\n", uri.authority().unwrap());
    }
    for (name, value) in signed.headers() {
        request += &format!("{name}: {value}\r\n");
    }
    request += "\r\n";
    let figures = common::server::versus_hyper(server.address(), request.into_bytes());
    // Every request was a verified, allowed read of the object, not an error answered fast.
    let reads = mock.journal().s3_inputs();
    assert!(reads.len() > 1000 && reads.iter().all(|r| r.status() == 200 && r.key() == Some(KEY_64KIB)));
    figures
}

/// The calls a probe run counts (callgrind's `--toggle-collect='*measured_calls*'`).
#[inline(never)]
fn measured_calls(rt: &tokio::runtime::Runtime, client: &aws_sdk_s3::Client, calls: u64) {
    rt.block_on(async {
        for _ in 0..calls {
            get(client, KEY_1MIB).await;
        }
    });
}

fn main() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    if let Some((variant, calls)) = common::probe_spec() {
        let data = object(1024 * 1024);
        let (_mock, client) = match variant.as_str() {
            "floor" => floor_client(&rt, &data),
            "lake" => mock_client(&rt, &data),
            other => panic!("LAKEFORMATION_MOCK_PROBE: no variant {other:?} (floor or lake)"),
        };
        rt.block_on(get(&client, KEY_1MIB));
        common::time_probe(&variant, calls, || measured_calls(&rt, &client, calls));
        return;
    }
    let mut c = common::criterion();
    let (ratio, floor_ns, lake_ns) = in_process(&mut c, &rt);
    #[cfg(feature = "server")]
    let server = server(&rt);
    c.final_summary();
    println!();
    println!("s3_get_1mib_floor_ns_per_call: {floor_ns:.0}");
    println!("s3_get_1mib_lake_ns_per_call: {lake_ns:.0}");
    println!("s3_get_1mib_vs_floor: {ratio:.3}");
    #[cfg(feature = "server")]
    {
        println!("server_s3_get_rps_vs_hyper: {:.3}", server.rps_ratio);
        println!("server_s3_p99_us: {:.0}", server.mock_p99_us);
        println!("hyper_s3_p99_us: {:.0}", server.hyper_p99_us);
    }
}
