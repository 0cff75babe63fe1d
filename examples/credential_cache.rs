//! A consumer's credential cache, tested with rules and expectations: the cache must call Lake
//! Formation once per table while credentials are fresh, refresh them `LEAD` before they
//! expire, never cache an error, and share one call among concurrent lookups (single flight),
//! checked with a gate that holds the reply instead of sleeps and timing. Run it with
//! `cargo run --example credential_cache`.

use aws_sdk_lakeformation::Client;
use aws_sdk_lakeformation::error::ProvideErrorMetadata;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsOutput;
use aws_smithy_types::DateTime;
use lakeformation_mock::{ErrorCode, Gate, MockLakeFormation, Reply, Rule, matchers};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The code under test: caches table credentials until `LEAD` before their expiry.
struct TableCredentialCache {
    client: Client,
    entries: HashMap<String, (String, SystemTime)>,
}

const LEAD: Duration = Duration::from_secs(300);

impl TableCredentialCache {
    fn new(client: Client) -> Self {
        TableCredentialCache { client, entries: HashMap::new() }
    }

    /// The access key id to use for `table_arn` at time `now`.
    async fn access_key(&mut self, table_arn: &str, now: SystemTime) -> Result<String, String> {
        if let Some((key, expires)) = self.entries.get(table_arn)
            && now + LEAD < *expires
        {
            return Ok(key.clone());
        }
        let out = self
            .client
            .get_temporary_glue_table_credentials()
            .table_arn(table_arn)
            .duration_seconds(3600)
            .send()
            .await
            .map_err(|e| {
                let e = e.into_service_error();
                format!("{}: {}", e.code().unwrap_or("unknown"), e.message().unwrap_or_default())
            })?;
        let key = out.access_key_id().ok_or("no access key in the answer")?.to_owned();
        let expires = out.expiration().ok_or("no expiration in the answer")?;
        let expires = UNIX_EPOCH + Duration::from_secs(expires.secs() as u64);
        self.entries.insert(table_arn.to_owned(), (key.clone(), expires));
        Ok(key)
    }
}

fn credentials(key: &str, expires_at: u64) -> GetTemporaryGlueTableCredentialsOutput {
    GetTemporaryGlueTableCredentialsOutput::builder()
        .access_key_id(key)
        .secret_access_key("example-secret-not-real")
        .session_token("example-token-not-real")
        .expiration(DateTime::from_secs(expires_at as i64))
        .build()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    const ORDERS: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";
    const RETURNS: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/returns";
    let t0: u64 = 1_800_000_000;
    let at = |secs: u64| UNIX_EPOCH + Duration::from_secs(t0 + secs);

    let mock = MockLakeFormation::new();
    // orders: one hour of credentials, then a refresh.
    Rule::table_credentials()
        .and(matchers::table_arn(ORDERS))
        .then(credentials("ASIAORDERSFIRST00001", t0 + 3600))
        .then(credentials("ASIAORDERSSECOND0002", t0 + 7200))
        .named("orders: first then refreshed credentials")
        .expect(2)
        .mount(&mock);
    // returns: denied once (the cache must not remember the failure), then granted.
    Rule::table_credentials()
        .and(matchers::table_arn(RETURNS))
        .then(Reply::error(ErrorCode::AccessDenied, "Access is not allowed."))
        .then(credentials("ASIARETURNS000000001", t0 + 3600))
        .named("returns: denied, then granted")
        .expect(2)
        .mount(&mock);

    let mut cache = TableCredentialCache::new(mock.client());
    let steps: [(&str, u64, Result<&str, &str>); 6] = [
        (ORDERS, 0, Ok("ASIAORDERSFIRST00001")),
        (ORDERS, 1200, Ok("ASIAORDERSFIRST00001")), // cached
        (ORDERS, 3300, Ok("ASIAORDERSSECOND0002")), // within LEAD of expiry: refreshed
        (RETURNS, 0, Err("AccessDeniedException")),
        (RETURNS, 10, Ok("ASIARETURNS000000001")), // the denial was not cached
        (RETURNS, 20, Ok("ASIARETURNS000000001")), // cached
    ];
    for (table, secs, expected) in steps {
        let got = cache.access_key(table, at(secs)).await;
        let table_name = table.rsplit('/').next().unwrap_or(table);
        println!("t+{secs:>4}s {table_name:<8} -> {got:?}");
        match (expected, &got) {
            (Ok(want), Ok(key)) => assert_eq!(key, want),
            (Err(code), Err(text)) => assert!(text.contains(code), "{text}"),
            _ => panic!("expected {expected:?}, got {got:?}"),
        }
    }
    // Each rule expected exactly two calls: one more or one less and this panics with a report.
    mock.verify();
    println!("{} calls to Lake Formation for 6 lookups; every expectation was met", mock.requests().len());

    single_flight().await;
}

/// Concurrent lookups of one table share one call: the reply is held at a gate until every
/// lookup is waiting, so the test does not depend on timing.
async fn single_flight() {
    const LINEITEM: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/lineitem";
    let mock = MockLakeFormation::new();
    let gate = Gate::new();
    Rule::table_credentials()
        .and(matchers::table_arn(LINEITEM))
        .respond_with(Reply::from(credentials("ASIALINEITEM00000001", 1_800_003_600)).held_by(&gate))
        .named("lineitem")
        .expect(1)
        .mount(&mock);
    // The cache behind an async lock: a lookup holds it across its call, so the others wait.
    let cache = Arc::new(tokio::sync::Mutex::new(TableCredentialCache::new(mock.client())));
    let now = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let lookups: Vec<_> = (0..4)
        .map(|_| {
            let cache = cache.clone();
            tokio::spawn(async move { cache.lock().await.access_key(LINEITEM, now).await })
        })
        .collect();
    // One call arrived and waits at the gate; the three other lookups wait for the cache.
    gate.wait_until_held(1).await;
    tokio::task::yield_now().await;
    assert_eq!((mock.requests().len(), mock.in_flight()), (1, 1));
    gate.open();
    for lookup in lookups {
        assert_eq!(lookup.await.unwrap().as_deref(), Ok("ASIALINEITEM00000001"));
    }
    mock.verify();
    println!("4 concurrent lookups of lineitem, 1 call to Lake Formation (held at a gate until all waited)");
}
