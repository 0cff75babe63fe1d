//! Pinned values (`LakeBuilder::pin`, fixture key `Pins`): an engine test that compares
//! literal keys, expirations and `QueryAuthorizationId`s gets them from the lake itself, for a
//! principal, a table or both, through real SDK clients.

use aws_sdk_lakeformation::types::{PartitionValueList, Permission};
use aws_smithy_types::DateTime;
use lakeformation_mock::MockLakeFormation;
use lakeformation_mock::fixture::Scenario;
use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, LakeBuilder, Pin, Principal, Table};
use std::time::{Duration, UNIX_EPOCH};

const READER: &str = "arn:aws:iam::123456789012:role/reader";
const OTHER: &str = "arn:aws:iam::123456789012:role/other";
const ORDERS: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";
const RETURNS: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/returns";
/// Obviously fake values: nothing here looks like a real key.
const KEY: &str = "ASIAPINNEDFAKE000001";
const SECRET: &str = "pinned-fake-secret-not-real";
const TOKEN: &str = "pinned-fake-token-not-real";
const EXPIRATION: i64 = 1_900_000_000;

/// Two readers with full-table access to `sales.orders` (partitioned by day) and `sales.returns`.
fn lake() -> LakeBuilder {
    let mut lake = Lake::builder()
        .settings(DataLakeSettings::default().allow_full_table_external_data_access(true))
        .register_location("s3://lake/")
        .table(
            Table::new("sales", "orders")
                .location("s3://lake/sales/orders/")
                .partition_keys(["day"])
                .partition(["2024-01-01"], "s3://lake/sales/orders/day=2024-01-01/"),
        )
        .table(Table::new("sales", "returns").location("s3://lake/sales/returns/"))
        .principal(Principal::new("AKIDREADER", READER))
        .principal(Principal::new("AKIDOTHER", OTHER));
    for role in [READER, OTHER] {
        for table in ["orders", "returns"] {
            lake = lake.grant(Grant::new(role, "sales", table, [Permission::Select]));
        }
    }
    lake
}

fn pinned_keys() -> Pin {
    Pin::new().keys(KEY, SECRET, TOKEN).expiration(UNIX_EPOCH + Duration::from_secs(EXPIRATION as u64))
}

/// The keys and expiration of a table vending.
async fn table_keys(client: &aws_sdk_lakeformation::Client, table: &str) -> (String, String, String, DateTime) {
    let out = client.get_temporary_glue_table_credentials().table_arn(table).send().await.unwrap();
    (
        out.access_key_id().unwrap().to_owned(),
        out.secret_access_key().unwrap().to_owned(),
        out.session_token().unwrap().to_owned(),
        *out.expiration().unwrap(),
    )
}

fn literal() -> (String, String, String, DateTime) {
    (KEY.to_owned(), SECRET.to_owned(), TOKEN.to_owned(), DateTime::from_secs(EXPIRATION))
}

#[tokio::test]
async fn a_principal_pin_fixes_what_every_vending_operation_sends() {
    let lake = lake().pin(pinned_keys().principal(READER)).build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let client = mock.client_as("AKIDREADER");

    // Table credentials, twice: the same literals each time.
    assert_eq!(table_keys(&client, ORDERS).await, literal());
    assert_eq!(table_keys(&client, RETURNS).await, literal());

    let out = client
        .get_temporary_data_location_credentials()
        .data_locations("s3://lake/sales/orders/")
        .send()
        .await
        .unwrap();
    let credentials = out.credentials().unwrap();
    assert_eq!(credentials.access_key_id(), Some(KEY));
    assert_eq!(credentials.secret_access_key(), Some(SECRET));
    assert_eq!(credentials.session_token(), Some(TOKEN));
    assert_eq!(credentials.expiration(), Some(&DateTime::from_secs(EXPIRATION)));

    let out = client
        .get_temporary_glue_partition_credentials()
        .table_arn(ORDERS)
        .partition(PartitionValueList::builder().values("2024-01-01").build().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(out.access_key_id(), Some(KEY));
    assert_eq!(out.secret_access_key(), Some(SECRET));
    assert_eq!(out.session_token(), Some(TOKEN));
    assert_eq!(out.expiration(), Some(&DateTime::from_secs(EXPIRATION)));

    // The lake's record: four vendings, the pinned key finds the latest (the partition's).
    assert_eq!(lake.vended_credentials().len(), 4);
    let latest = lake.vended(KEY).unwrap();
    assert_eq!(latest.partition_values(), Some(&["2024-01-01".to_owned()][..]));
    assert_eq!(latest.expires_at_date_time(), DateTime::from_secs(EXPIRATION));
    let trace = mock.requests()[0].answer().trace().unwrap().to_string();
    assert!(trace.contains("pinned: AccessKeyId, SecretAccessKey, SessionToken, Expiration"), "{trace}");

    // Another principal still gets fresh keys, valid for the default hour.
    let (key, secret, _, _) = table_keys(&mock.client_as("AKIDOTHER"), ORDERS).await;
    assert!(key.starts_with("ASIA") && key != KEY);
    assert_ne!(secret, SECRET);
    assert_eq!(lake.vended(&key).unwrap().duration().as_secs(), 3600);
}

#[tokio::test]
async fn a_table_pin_applies_to_that_table_and_the_first_pin_that_sets_a_value_wins() {
    let lake = lake()
        // Most specific first: the reader on orders gets this key...
        .pin(Pin::new().principal(READER).table("sales", "orders").access_key_id("ASIAREADERORDERS0001"))
        // ...and everybody on orders gets this secret and key, where no earlier pin sets them.
        .pin(Pin::new().table("sales", "orders").access_key_id("ASIAANYONEORDERS0001").secret_access_key(SECRET))
        .build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let reader = mock.client_as("AKIDREADER");

    let (key, secret, token, _) = table_keys(&reader, ORDERS).await;
    assert_eq!((key.as_str(), secret.as_str()), ("ASIAREADERORDERS0001", SECRET));
    assert!(token.len() > 400, "the token is drawn: {token}");
    let (key, secret, _, _) = table_keys(&mock.client_as("AKIDOTHER"), ORDERS).await;
    assert_eq!((key.as_str(), secret.as_str()), ("ASIAANYONEORDERS0001", SECRET));

    // Not on returns.
    let (key, secret, _, _) = table_keys(&reader, RETURNS).await;
    assert!(!key.contains("ORDERS") && secret != SECRET, "{key}");
}

#[tokio::test]
async fn pins_are_checked_and_debug_redacts_pinned_secrets() {
    let err = lake()
        .pin(Pin::new().principal("arn:aws:iam::123456789012:role/nobody").access_key_id(KEY))
        .pin(Pin::new().table("sales", "nothing").secret_access_key(SECRET))
        .pin(Pin::new().principal(READER))
        .pin(Pin::new().session_token("has a space"))
        .try_build()
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains(
            "pin #0 names the principal `arn:aws:iam::123456789012:role/nobody`, which the lake does not have"
        )
    );
    assert!(text.contains("pin #1 names the table sales.nothing, which the lake does not have"), "{text}");
    assert!(text.contains("pin #2 pins no value"), "{text}");
    assert!(text.contains("pin #3: its SessionToken must be non-empty printable ASCII without spaces"), "{text}");

    let debug = format!("{:?}", pinned_keys());
    assert!(debug.contains(KEY), "{debug}");
    assert!(!debug.contains(SECRET) && !debug.contains(TOKEN), "{debug}");
}

#[tokio::test]
async fn a_fixture_pins_with_the_pins_key() {
    let scenario = Scenario::from_json_str(&format!(
        r#"{{
            "version": 1,
            "lake": {{
                "Settings": {{"AllowFullTableExternalDataAccess": true}},
                "Locations": [{{"Uri": "s3://lake/"}}],
                "Tables": [{{"Database": "sales", "Name": "orders", "Location": "s3://lake/sales/orders/"}}],
                "Principals": [{{"AccessKeyId": "AKIDREADER", "Arn": "{READER}"}}],
                "Grants": [{{"Principal": "{READER}", "Database": "sales", "Table": "orders", "Permissions": ["SELECT"]}}],
                "Pins": [{{"Principal": "{READER}", "Database": "sales", "Table": "orders",
                           "AccessKeyId": "{KEY}", "SecretAccessKey": "{SECRET}", "SessionToken": "{TOKEN}",
                           "Expiration": {EXPIRATION}}}]
            }}
        }}"#
    ))
    .unwrap();
    let mock = scenario.mock();
    assert_eq!(table_keys(&mock.client_as("AKIDREADER"), ORDERS).await, literal());
    // The pins round-trip through the lake's model.
    let model = scenario.lake().unwrap().model();
    assert_eq!(model.pins.len(), 1);
    assert_eq!(model.pins[0].expiration, Some(EXPIRATION));

    let err = Scenario::from_json_str(r#"{"version": 1, "lake": {"Pins": [{"Expiration": "soon"}]}}"#).unwrap_err();
    assert!(err.to_string().contains("Expiration"), "{err}");
}

#[cfg(feature = "glue")]
#[tokio::test]
async fn the_id_glue_issues_can_be_pinned_and_vending_accepts_it() {
    use aws_sdk_glue::types::PermissionType as GlueType;
    use aws_sdk_lakeformation::types::QuerySessionContext;
    use lakeformation_mock::lake::TableSchema;

    let lake = lake()
        .schema(TableSchema::new("sales", "orders").column("id", "bigint"))
        .schema(TableSchema::new("sales", "returns").column("id", "bigint"))
        .pin(Pin::new().principal(READER).query_authorization_id("qa-pinned-fake-1"))
        .strict_handshake()
        .build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let glue = mock.glue_client_as("AKIDREADER");
    let lf = mock.client_as("AKIDREADER");
    for table in ["orders", "returns"] {
        let out = glue
            .get_unfiltered_table_metadata()
            .catalog_id("123456789012")
            .database_name("sales")
            .name(table)
            .supported_permission_types(GlueType::ColumnPermission)
            .send()
            .await
            .unwrap();
        assert_eq!(out.query_authorization_id(), Some("qa-pinned-fake-1"));
    }
    // The same pinned id was issued for both tables: vending either with it works.
    for table in [ORDERS, RETURNS] {
        lf.get_temporary_glue_table_credentials()
            .table_arn(table)
            .query_session_context(QuerySessionContext::builder().query_authorization_id("qa-pinned-fake-1").build())
            .send()
            .await
            .unwrap_or_else(|e| panic!("{table}: {e:?}"));
    }
    assert_eq!(lake.vended_under("qa-pinned-fake-1").len(), 2);
    assert_eq!(lake.query_authorization("qa-pinned-fake-1").unwrap().table_arn(), RETURNS);
    let trace = mock.requests()[0].answer().trace().unwrap().to_string();
    assert!(trace.contains("query authorization: issued the pinned id qa-pinned-fake-1"), "{trace}");

    // The other principal's id is still drawn.
    let out = mock
        .glue_client_as("AKIDOTHER")
        .get_unfiltered_table_metadata()
        .catalog_id("123456789012")
        .database_name("sales")
        .name("orders")
        .supported_permission_types(GlueType::ColumnPermission)
        .send()
        .await
        .unwrap();
    assert_eq!(out.query_authorization_id().unwrap().len(), 64);
}

/// A client clock at the end of time (`UNIX_EPOCH + (i64::MAX - 100) s`): no instant an hour
/// later exists, so the lake answers a modeled `InvalidInputException` that says why, for every
/// vending operation and for Glue, instead of panicking inside the connector.
///
/// The SDK's own SigV4 signer cannot format such a date (it panics first), so the clients sign
/// at an ordinary time and an interceptor moves their clock to the end of time after signing:
/// the connector, and so the lake, reads the client's clock at the end of time.
mod end_of_time {
    use super::*;
    use aws_credential_types::Credentials;
    use aws_sdk_lakeformation::error::ProvideErrorMetadata;
    use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsError as DlError;
    use aws_sdk_lakeformation::operation::get_temporary_glue_partition_credentials::GetTemporaryGluePartitionCredentialsError as GpError;
    use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsError as GtError;
    use aws_smithy_async::time::TimeSource;
    use aws_smithy_runtime_api::box_error::BoxError;
    use aws_smithy_runtime_api::client::interceptors::Intercept;
    use aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextRef;
    use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
    use aws_smithy_types::config_bag::ConfigBag;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::SystemTime;

    const ORDINARY: u64 = 1_700_000_000;

    fn end() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(i64::MAX as u64 - 100)
    }

    /// A client clock that reads an ordinary time until signing, and the end of time after.
    #[derive(Clone, Debug, Default)]
    struct Clock(Arc<AtomicBool>);

    impl TimeSource for Clock {
        fn now(&self) -> SystemTime {
            if self.0.load(Ordering::SeqCst) { end() } else { UNIX_EPOCH + Duration::from_secs(ORDINARY) }
        }
    }

    /// Moves the clock to the end of time once the request is signed, back before each attempt.
    #[derive(Debug)]
    struct EndOfTimeAfterSigning(Clock);

    impl Intercept for EndOfTimeAfterSigning {
        fn name(&self) -> &'static str {
            "EndOfTimeAfterSigning"
        }

        fn read_before_attempt(
            &self,
            _: &BeforeTransmitInterceptorContextRef<'_>,
            _: &RuntimeComponents,
            _: &mut ConfigBag,
        ) -> Result<(), BoxError> {
            self.0.0.store(false, Ordering::SeqCst);
            Ok(())
        }

        fn read_after_signing(
            &self,
            _: &BeforeTransmitInterceptorContextRef<'_>,
            _: &RuntimeComponents,
            _: &mut ConfigBag,
        ) -> Result<(), BoxError> {
            self.0.0.store(true, Ordering::SeqCst);
            Ok(())
        }
    }

    fn credentials() -> Credentials {
        Credentials::new("AKIDREADER", "not-a-secret", None, None, "test")
    }

    fn lf(mock: &MockLakeFormation) -> aws_sdk_lakeformation::Client {
        let clock = Clock::default();
        aws_sdk_lakeformation::Client::from_conf(
            mock.config_builder()
                .credentials_provider(credentials())
                .time_source(clock.clone())
                .interceptor(EndOfTimeAfterSigning(clock))
                .build(),
        )
    }

    fn says_why(message: Option<&str>) {
        let message = message.unwrap_or_default();
        assert!(
            message.contains("the calling client's clock reads 9223372036854775707 seconds after the epoch"),
            "{message}"
        );
        assert!(message.contains("cannot be represented"), "{message}");
    }

    #[tokio::test]
    async fn every_vending_operation_answers_invalid_input() {
        let lake = lake().build();
        let mock = MockLakeFormation::new().with_lake(&lake);
        let client = lf(&mock);
        let err = client.get_temporary_glue_table_credentials().table_arn(ORDERS).send().await.unwrap_err();
        let err = err.into_service_error();
        assert!(matches!(err, GtError::InvalidInputException(_)), "{err:?}");
        says_why(err.message());

        let err = client
            .get_temporary_data_location_credentials()
            .data_locations("s3://lake/sales/orders/")
            .send()
            .await
            .unwrap_err()
            .into_service_error();
        assert!(matches!(err, DlError::InvalidInputException(_)), "{err:?}");
        says_why(err.message());

        let err = client
            .get_temporary_glue_partition_credentials()
            .table_arn(ORDERS)
            .partition(PartitionValueList::builder().values("2024-01-01").build().unwrap())
            .send()
            .await
            .unwrap_err()
            .into_service_error();
        assert!(matches!(err, GpError::InvalidInputException(_)), "{err:?}");
        says_why(err.message());
        assert!(lake.vended_credentials().is_empty());

        // A pinned expiration needs no arithmetic: the lake vends it.
        let lake = super::lake().pin(pinned_keys().principal(READER)).build();
        let mock = MockLakeFormation::new().with_lake(&lake);
        assert_eq!(table_keys(&lf(&mock), ORDERS).await, literal());
    }

    #[cfg(feature = "glue")]
    #[tokio::test]
    async fn glue_answers_invalid_input_where_it_would_issue_an_id() {
        use aws_sdk_glue::operation::get_unfiltered_table_metadata::GetUnfilteredTableMetadataError;
        use aws_sdk_glue::types::PermissionType as GlueType;
        use lakeformation_mock::lake::TableSchema;

        let lake = lake().schema(TableSchema::new("sales", "orders").column("id", "bigint")).build();
        let mock = MockLakeFormation::new().with_lake(&lake);
        let clock = Clock::default();
        let glue = aws_sdk_glue::Client::from_conf(
            mock.glue_config_builder()
                .credentials_provider(credentials())
                .time_source(clock.clone())
                .interceptor(EndOfTimeAfterSigning(clock))
                .build(),
        );
        let err = glue
            .get_unfiltered_table_metadata()
            .catalog_id("123456789012")
            .database_name("sales")
            .name("orders")
            .supported_permission_types(GlueType::ColumnPermission)
            .send()
            .await
            .unwrap_err()
            .into_service_error();
        assert!(matches!(err, GetUnfilteredTableMetadataError::InvalidInputException(_)), "{err:?}");
        says_why(aws_sdk_glue::error::ProvideErrorMetadata::message(&err));
        assert!(lake.query_authorizations().is_empty());

        // Listing partitions issues nothing, and answers (the table's one partition).
        let out = glue
            .get_unfiltered_partitions_metadata()
            .catalog_id("123456789012")
            .database_name("sales")
            .table_name("orders")
            .supported_permission_types(GlueType::ColumnPermission)
            .send()
            .await
            .unwrap();
        assert_eq!(out.unfiltered_partitions().len(), 1);
    }
}
