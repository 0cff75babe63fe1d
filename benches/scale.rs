//! Performance where users feel it: a lake the size of a real catalog, a whole test, the server
//! under a parallel suite. Each figure is a ratio against a baseline measured side by side in
//! the same run (see BENCHMARKS.md). Run with `cargo bench --features server --bench scale`;
//! the last lines are `name: value` figures. The build figure is `benches/build_cost.sh`.

mod common;

use aws_sdk_lakeformation::Client;
use aws_sdk_lakeformation::config::retry::RetryConfig;
use aws_sdk_lakeformation::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_lakeformation::types::{AuditContext, Permission};
use common::{LOCATION, PRINCIPAL_ARN, PRINCIPAL_KEY, Samples, TABLE, body, compare, median, output, table_call};
use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, LakeBuilder, Principal, Table};
use lakeformation_mock::server::MockServer;
use lakeformation_mock::{MockLakeFormation, Rule, matchers};
use std::time::{Duration, Instant};

/// The size of the large lake (the bench's table, principal, grant and location included).
const TABLES: usize = 10_000;
const PRINCIPALS: usize = 1_000;
const GRANTS: usize = 100_000;
const LOCATIONS: usize = 1_000;

/// The large lake, as plain parts, for the builder and the fixture alike: `sales.orders` and the
/// bench's principal, as in the one-table lake, among 9,999 other tables (10 per database, each
/// database a registered location), 999 other principals, and 100 grants per principal. The
/// bench's principal holds 99 grants on other tables besides its grant on `sales.orders`.
struct Parts {
    /// (database, name, location)
    tables: Vec<(String, String, String)>,
    /// (access key id, ARN)
    principals: Vec<(String, String)>,
    /// (principal ARN, database, table)
    grants: Vec<(String, String, String)>,
    locations: Vec<String>,
}

fn large_parts() -> Parts {
    let mut tables = vec![("sales".to_owned(), "orders".to_owned(), LOCATION.to_owned())];
    for i in 0..TABLES - 1 {
        let (db, t) = (i / 10, i % 10);
        tables.push((format!("db{db}"), format!("t{t}"), format!("s3://warehouse/db{db}/t{t}/")));
    }
    let mut locations = vec!["s3://warehouse/sales/".to_owned()];
    locations.extend((0..LOCATIONS - 1).map(|db| format!("s3://warehouse/db{db}/")));
    let mut principals = vec![(PRINCIPAL_KEY.to_owned(), PRINCIPAL_ARN.to_owned())];
    principals.extend(
        (1..PRINCIPALS).map(|p| (format!("AKIDBENCHUSER{p:07}"), format!("arn:aws:iam::123456789012:role/user-{p}"))),
    );
    let per_principal = GRANTS / PRINCIPALS;
    let mut grants = Vec::with_capacity(GRANTS);
    for (p, (_, arn)) in principals.iter().enumerate() {
        for k in 0..per_principal {
            // 100 distinct tables per principal, spread over the catalog.
            let table = &tables[(p * 37 + k * 101) % TABLES];
            grants.push((arn.clone(), table.0.clone(), table.1.clone()));
        }
    }
    if !grants.iter().any(|(arn, db, t)| arn == PRINCIPAL_ARN && db == "sales" && t == "orders") {
        grants[0] = (PRINCIPAL_ARN.to_owned(), "sales".to_owned(), "orders".to_owned());
    }
    Parts { tables, principals, grants, locations }
}

fn one_table_parts() -> Parts {
    Parts {
        tables: vec![("sales".to_owned(), "orders".to_owned(), LOCATION.to_owned())],
        principals: vec![(PRINCIPAL_KEY.to_owned(), PRINCIPAL_ARN.to_owned())],
        grants: vec![(PRINCIPAL_ARN.to_owned(), "sales".to_owned(), "orders".to_owned())],
        locations: vec!["s3://warehouse/sales/".to_owned()],
    }
}

fn lake(parts: &Parts) -> Lake {
    let mut builder: LakeBuilder =
        Lake::builder().settings(DataLakeSettings::default().allow_full_table_external_data_access(true)).seed(1);
    for uri in &parts.locations {
        builder = builder.register_location(uri.as_str());
    }
    for (db, name, location) in &parts.tables {
        builder = builder.table(Table::new(db, name).location(location));
    }
    for (key, arn) in &parts.principals {
        builder = builder.principal(Principal::new(key, arn));
    }
    for (arn, db, table) in &parts.grants {
        builder = builder.grant(Grant::new(arn, db, table, [Permission::Select]));
    }
    builder.build()
}

/// A fixture file holding the lake of `parts`, written as a user would.
fn fixture(parts: &Parts) -> String {
    let locations: Vec<String> = parts.locations.iter().map(|uri| format!(r#"{{"Uri": "{uri}"}}"#)).collect();
    let tables: Vec<String> = parts
        .tables
        .iter()
        .map(|(db, name, location)| format!(r#"{{"Database": "{db}", "Name": "{name}", "Location": "{location}"}}"#))
        .collect();
    let principals: Vec<String> =
        parts.principals.iter().map(|(key, arn)| format!(r#"{{"AccessKeyId": "{key}", "Arn": "{arn}"}}"#)).collect();
    let grants: Vec<String> = parts
        .grants
        .iter()
        .map(|(arn, db, t)| {
            format!(r#"{{"Principal": "{arn}", "Database": "{db}", "Table": "{t}", "Permissions": ["SELECT"]}}"#)
        })
        .collect();
    format!(
        r#"{{"version": 1, "description": "a large lake", "lake": {{"Settings": {{"AllowFullTableExternalDataAccess": true}},
"Locations": [{}],
"Tables": [{}],
"Principals": [{}],
"Grants": [{}]}}}}"#,
        locations.join(",\n"),
        tables.join(",\n"),
        principals.join(",\n"),
        grants.join(",\n")
    )
}

/// The data-location call: [`LOCATION`], with an `AuditContext`.
async fn location_call(client: &Client) {
    let out = client
        .get_temporary_data_location_credentials()
        .data_locations(LOCATION)
        .audit_context(AuditContext::builder().additional_audit_context("bench-job").build())
        .send()
        .await
        .expect("every benchmarked data-location call succeeds");
    std::hint::black_box(out);
}

/// `iters` calls on a fresh mock over `lake`, after one untimed call.
fn lake_calls<'a>(
    rt: &'a tokio::runtime::Runtime,
    lake: &'a Lake,
    location: bool,
) -> impl Fn(u64) -> (Duration, u64) + 'a {
    move |iters| {
        let mock = MockLakeFormation::builder().verify_on_drop(false).build().with_lake(lake);
        let client = mock.client_as(PRINCIPAL_KEY);
        rt.block_on(async {
            let one =
                async |client: &Client| if location { location_call(client).await } else { table_call(client).await };
            one(&client).await;
            let start = Instant::now();
            for _ in 0..iters {
                one(&client).await;
            }
            (start.elapsed(), iters)
        })
    }
}

/// `iters` changes of one grant (revoked, then granted again) on `lake`.
fn grant_changes<'a>(lake: &'a Lake, grant: &'a Grant) -> impl Fn(u64) -> (Duration, u64) + 'a {
    move |iters| {
        let start = Instant::now();
        for _ in 0..iters {
            assert!(lake.revoke(grant));
            lake.grant(grant.clone());
        }
        (start.elapsed(), iters)
    }
}

/// The floor's client: the configuration `mock.client()` has, over a canned-body HTTP client.
fn floor_client(body: &str) -> Client {
    let http = common::canned_http_client(body.to_owned());
    let config = aws_sdk_lakeformation::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKIDFLOOR", "not-a-secret", None, None, "floor"))
        .http_client(http)
        .retry_config(RetryConfig::standard().with_initial_backoff(Duration::ZERO).with_max_backoff(Duration::ZERO))
        .sleep_impl(aws_smithy_async::rt::sleep::SharedAsyncSleep::new(aws_smithy_async::rt::sleep::TokioSleep::new()))
        .build();
    Client::from_conf(config)
}

/// `iters` whole tests: what a `#[tokio::test]` does with the mock, or with the floor's client.
fn whole_tests<'a>(rt: &'a tokio::runtime::Runtime, with_mock: bool) -> impl Fn(u64) -> (Duration, u64) + 'a {
    let body = body();
    move |iters| {
        let start = Instant::now();
        for _ in 0..iters {
            rt.block_on(async {
                if with_mock {
                    let mock = MockLakeFormation::new();
                    Rule::table_credentials()
                        .and(matchers::table_arn(TABLE))
                        .respond_with(output())
                        .expect(3)
                        .mount(&mock);
                    let client = mock.client();
                    for _ in 0..3 {
                        table_call(&client).await;
                    }
                    mock.verify();
                } else {
                    let client = floor_client(&body);
                    for _ in 0..3 {
                        table_call(&client).await;
                    }
                }
            });
        }
        (start.elapsed(), iters)
    }
}

// ---- The server under a parallel suite ----------------------------------------------------

/// A request as a client without the SDK sends it (a Python suite's, say): the table call.
fn raw_request() -> Vec<u8> {
    let body = format!(r#"{{"TableArn":"{TABLE}","Permissions":["SELECT"]}}"#);
    format!(
        "POST /GetTemporaryGlueTableCredentials HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// `server_rps_vs_hyper` and the p99 latencies: the table call on a scripted mock's server.
fn server_figures() -> common::server::VersusHyper {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    Rule::table_credentials().respond_with(output()).mount(&mock);
    let server = MockServer::start(&mock).unwrap();
    common::server::versus_hyper(server.address(), raw_request())
}

fn main() {
    let mut c = common::criterion();
    let samples = Samples::default();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();

    // The figures of a test process come first: the whole test, the fixture, then the server (whose
    // journal holds some 200,000 requests by its end). After 100 MB of lakes or journal (held, or
    // freed), every allocation is slower (BENCHMARKS.md, "Issue 17, third session"), which a test
    // process does not see.
    compare(
        &mut c,
        &samples,
        "whole_test",
        &[("test_floor", &whole_tests(&rt, false)), ("test_mock", &whole_tests(&rt, true))],
    );

    // The fixture's text, from parts dropped before it is measured.
    let text = fixture(&large_parts());
    common::fixture_loads(&mut c, &samples, "fixture_lake_10k_tables", &text, |_| {});

    drop(text);

    let server = server_figures();

    let (one, large) = (one_table_parts(), large_parts());
    assert_eq!(
        (large.tables.len(), large.principals.len(), large.grants.len(), large.locations.len()),
        (TABLES, PRINCIPALS, GRANTS, LOCATIONS)
    );
    let (one_lake, large_lake) = (lake(&one), lake(&large));

    compare(
        &mut c,
        &samples,
        "lake_table_call",
        &[("table_1", &lake_calls(&rt, &one_lake, false)), ("table_10k", &lake_calls(&rt, &large_lake, false))],
    );
    compare(
        &mut c,
        &samples,
        "lake_location_call",
        &[("location_1", &lake_calls(&rt, &one_lake, true)), ("location_1k", &lake_calls(&rt, &large_lake, true))],
    );

    // A grant in the middle of the large lake's list, and the one-table lake's only grant.
    let (arn, db, t) = &large.grants[GRANTS / 2];
    let middle = Grant::new(arn, db, t, [Permission::Select]);
    let only = Grant::new(PRINCIPAL_ARN, "sales", "orders", [Permission::Select]);
    compare(
        &mut c,
        &samples,
        "grant_change",
        &[("update_1", &grant_changes(&one_lake, &only)), ("update_100k", &grant_changes(&large_lake, &middle))],
    );
    // The same change with `Lake::update`, which copies and checks the whole model: a few runs.
    let closure_ms = median(
        (0..5)
            .map(|_| {
                let start = Instant::now();
                large_lake.update(|model| model.grants.retain(|g| *g != middle));
                large_lake.update(|model| model.grants.push(middle.clone()));
                start.elapsed().as_secs_f64() * 1e3
            })
            .collect(),
    );

    c.final_summary();

    println!();
    println!("lake_table_1_ns_per_call: {:.0}", samples.median("table_1"));
    println!("lake_10k_tables_vs_1: {:.3}", samples.ratio("table_10k", "table_1"));
    println!("lake_locations_1k_vs_1: {:.3}", samples.ratio("location_1k", "location_1"));
    println!("lake_update_1_ns: {:.0}", samples.median("update_1"));
    println!("lake_update_100k_vs_1: {:.3}", samples.ratio("update_100k", "update_1"));
    println!("lake_update_closure_100k_ms: {closure_ms:.1}");
    println!("fixture_lake_10k_tables_ms: {:.1}", samples.median("fixture_lake_10k_tables") / 1e6);
    println!("per_test_floor_us: {:.0}", samples.median("test_floor") / 1e3);
    println!("per_test_vs_floor: {:.3}", samples.ratio("test_mock", "test_floor"));
    println!("server_rps_vs_hyper: {:.3}", server.rps_ratio);
    println!("server_p99_us: {:.0}", server.mock_p99_us);
    println!("hyper_p99_us: {:.0}", server.hyper_p99_us);
}
