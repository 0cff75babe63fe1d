//! A consumer's credential cache, tested against the simulated lake with a test clock.
//!
//! The cache hands out table credentials and refreshes them `lead` before their `Expiration`
//! (what the caches of Apache Iceberg, a table format, and of Trino, a distributed SQL query
//! engine, do). The lake computes `Expiration` from the client's own clock, so a `ManualTimeSource` drives time and nothing waits. The example checks, with the
//! lake's record of what it vended, that every credential handed out was vended for this caller
//! and table and still had at least `lead` to live; then that a revoked grant surfaces at the
//! next refresh, not before. Last, the same cache against a scripted reply whose `Expiration` is
//! relative to the client's clock (`Reply::expires_in`): no hard-coded epoch.
//!
//! Run it with `cargo run --example credential_refresh`.

use aws_sdk_lakeformation::Client;
use aws_sdk_lakeformation::error::ProvideErrorMetadata;
use aws_sdk_lakeformation::types::Permission;
use aws_smithy_async::test_util::ManualTimeSource;
use aws_smithy_async::time::TimeSource;
use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, Principal, Table};
use lakeformation_mock::{MockLakeFormation, Reply, Rule};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const TABLE_ARN: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";
const ENGINE_KEY: &str = "AKIDQUERYENGINE";
const ENGINE_ARN: &str = "arn:aws:iam::123456789012:role/query-engine";

/// The credentials the consumer uses.
#[derive(Clone, Debug)]
struct Cached {
    access_key_id: String,
    expiration: SystemTime,
}

/// The consumer under test: one table's credentials, refreshed `lead` before they expire.
struct CredentialCache {
    client: Client,
    clock: ManualTimeSource,
    lead: Duration,
    duration_seconds: i32,
    current: Option<Cached>,
    fetches: usize,
}

impl CredentialCache {
    async fn get(&mut self) -> Result<Cached, String> {
        let now = self.clock.now();
        if let Some(cached) = &self.current
            && now + self.lead < cached.expiration
        {
            return Ok(cached.clone());
        }
        let out = self
            .client
            .get_temporary_glue_table_credentials()
            .table_arn(TABLE_ARN)
            .duration_seconds(self.duration_seconds)
            .send()
            .await
            .map_err(|e| {
                let e = e.into_service_error();
                format!("{}: {}", e.code().unwrap_or("?"), e.message().unwrap_or_default())
            })?;
        let expiration = SystemTime::try_from(*out.expiration().ok_or("no Expiration")?).map_err(|e| e.to_string())?;
        let cached = Cached { access_key_id: out.access_key_id().ok_or("no AccessKeyId")?.to_owned(), expiration };
        self.fetches += 1;
        self.current = Some(cached.clone());
        Ok(cached)
    }
}

fn since(start: SystemTime, t: SystemTime) -> u64 {
    t.duration_since(start).unwrap_or_default().as_secs()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let lake = Lake::builder()
        .settings(DataLakeSettings::default().allow_full_table_external_data_access(true))
        .register_location("s3://lake/")
        .table(Table::new("sales", "orders").location("s3://lake/sales/orders/"))
        .principal(Principal::new(ENGINE_KEY, ENGINE_ARN))
        .grant(Grant::new(ENGINE_ARN, "sales", "orders", [Permission::Select]))
        .build();
    let mock = MockLakeFormation::new().with_lake(&lake);

    let start = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let clock = ManualTimeSource::new(start);
    let credentials = aws_credential_types::Credentials::new(ENGINE_KEY, "not-a-secret", None, None, "example");
    let client =
        Client::from_conf(mock.config_builder().credentials_provider(credentials).time_source(clock.clone()).build());

    let (duration, lead, step) = (900u64, Duration::from_secs(120), Duration::from_secs(60));
    let mut cache = CredentialCache {
        client,
        clock: clock.clone(),
        lead,
        duration_seconds: duration as i32,
        current: None,
        fetches: 0,
    };

    println!(
        "credentials of {duration}s, refreshed {}s before Expiration, used every {}s:",
        lead.as_secs(),
        step.as_secs()
    );
    let mut last_key = String::new();
    let steps = 40;
    for _ in 0..=steps {
        let now = clock.now();
        let cached = cache.get().await.expect("the engine may read the table");
        if cached.access_key_id != last_key {
            println!(
                "  t=+{:>4}s  fetched {}  expires t=+{}s",
                since(start, now),
                cached.access_key_id,
                since(start, cached.expiration)
            );
            last_key = cached.access_key_id.clone();
        }
        // What the lake says it vended these for.
        let vended = lake.vended(&cached.access_key_id).expect("the consumer uses only vended credentials");
        assert_eq!(vended.principal_arn(), ENGINE_ARN);
        assert_eq!(vended.tables(), [TABLE_ARN]);
        assert!(vended.covers("s3://lake/sales/orders/part-00000.parquet"));
        assert_eq!(vended.expires_at(), cached.expiration, "the consumer reads Expiration as vended");
        assert!(vended.is_valid_at(now), "handed out expired credentials at t=+{}s", since(start, now));
        assert!(vended.expires_at() > now + lead, "handed out credentials with less than the lead to live");
        clock.advance(step);
    }
    // A fetch every (duration - lead) seconds, rounded up to the next use: 0, 780, 1560, 2340.
    let period = (duration - lead.as_secs()).div_ceil(step.as_secs()) * step.as_secs();
    let expected = (steps * step.as_secs()) / period + 1;
    assert_eq!(cache.fetches as u64, expected, "refreshes");
    assert_eq!(lake.vended_credentials().len(), cache.fetches, "one call per refresh, no more");
    println!("{} fetches over {}s: one each {period}s, as expected", cache.fetches, steps * step.as_secs());

    // Revoke the grant: the cache serves what it holds until the next refresh, which fails.
    lake.update(|model| model.grants.clear());
    let held = cache.current.clone().expect("credentials are cached");
    let mut uses = 0;
    let error = loop {
        match cache.get().await {
            Ok(cached) => {
                assert_eq!(cached.access_key_id, held.access_key_id, "no refresh before the lead");
                uses += 1;
                clock.advance(step);
            }
            Err(error) => break error,
        }
    };
    println!(
        "grant revoked: {uses} more use(s) of {}, then the refresh at t=+{}s fails: {error}",
        held.access_key_id,
        since(start, clock.now())
    );
    assert_eq!(
        error,
        "AccessDeniedException: Insufficient Lake Formation permission(s): Required SELECT on sales.orders"
    );
    assert!(clock.now() + lead >= held.expiration, "the refresh happened only at the lead");
    println!(
        "ok: every credential used was vended to the engine for sales.orders and had at least {}s left",
        lead.as_secs()
    );

    scripted_relative_expiration().await;
}

/// The same cache against a rule whose credentials expire 15 minutes after each call, by the
/// client's clock: the test reads as "expires in 900 s", whatever the clock says.
async fn scripted_relative_expiration() {
    let mock = MockLakeFormation::new();
    let output = aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsOutput::builder()
        .access_key_id("ASIASCRIPTED00000001")
        .build();
    let rule =
        Rule::table_credentials().respond_with(Reply::from(output).expires_in(Duration::from_secs(900))).mount(&mock);
    let clock = ManualTimeSource::new(SystemTime::now());
    let client = Client::from_conf(mock.config_builder().time_source(clock.clone()).build());
    let (lead, step) = (Duration::from_secs(120), Duration::from_secs(60));
    let mut cache =
        CredentialCache { client, clock: clock.clone(), lead, duration_seconds: 900, current: None, fetches: 0 };
    for _ in 0..=30 {
        cache.get().await.expect("the rule answers");
        clock.advance(step);
    }
    // Over 30 minutes, a refresh each 780 s (900 s less the 120 s lead, to the next minute).
    assert_eq!(rule.calls(), 3, "refreshes");
    println!("scripted credentials expiring 900s after each call: {} fetches over 30 minutes", rule.calls());
}
