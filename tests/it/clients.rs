//! The clients a mock builds: signing as a principal with the test's clock in one line, for
//! Lake Formation and Glue; and the region said once, on the mock, which a lake built without
//! one takes.

use aws_sdk_lakeformation::error::ProvideErrorMetadata;
use aws_sdk_lakeformation::types::Permission;
use aws_smithy_async::test_util::ManualTimeSource;
use aws_smithy_types::DateTime;
use lakeformation_mock::MockLakeFormation;
use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, LakeBuilder, Principal, Table};
use std::time::{Duration, UNIX_EPOCH};

const READER: &str = "AKIDREADER";
const READER_ARN: &str = "arn:aws:iam::123456789012:role/reader";
const T0: u64 = 1_700_000_000;

/// A lake where `READER` reads `sales.orders` whole; no region given.
fn lake() -> LakeBuilder {
    Lake::builder()
        .settings(DataLakeSettings::default().allow_full_table_external_data_access(true))
        .register_location("s3://lake/")
        .table(Table::new("sales", "orders").location("s3://lake/sales/orders/"))
        .principal(Principal::new(READER, READER_ARN))
        .grant(Grant::new(READER_ARN, "sales", "orders", [Permission::Select]))
}

fn orders(region: &str) -> String {
    format!("arn:aws:glue:{region}:123456789012:table/sales/orders")
}

#[tokio::test]
async fn a_client_signs_as_a_principal_and_reads_the_test_clock() {
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    let clock = ManualTimeSource::new(UNIX_EPOCH + Duration::from_secs(T0));
    let client = mock.client_as_at(READER, clock.clone());
    let table = orders("us-east-1");

    let out = client.get_temporary_glue_table_credentials().table_arn(&table).send().await.unwrap();
    let expires = out.expiration().unwrap().secs() as u64;
    assert!(expires > T0 && expires <= T0 + 43_200, "expires {expires}, by the test's clock");
    clock.advance(Duration::from_secs(3_600));
    let later = client.get_temporary_glue_table_credentials().table_arn(&table).send().await.unwrap();
    assert_eq!(later.expiration().unwrap().secs() as u64, expires + 3_600, "the clock moved an hour");

    let requests = mock.requests();
    assert_eq!(requests[0].access_key_id(), Some(READER));
    // The SigV4 date is the clock's too.
    assert_eq!(requests[0].header_value("x-amz-date"), Some("20231114T221320Z"));
    assert_eq!(requests[1].header_value("x-amz-date"), Some("20231114T231320Z"));
    assert_eq!(
        mock.lake().unwrap().vended(out.access_key_id().unwrap()).map(|v| v.expires_at_date_time()),
        Some(DateTime::from_secs(expires as i64))
    );
}

#[cfg(feature = "glue")]
#[tokio::test]
async fn a_glue_client_signs_as_a_principal_and_reads_the_test_clock() {
    let mock = MockLakeFormation::builder().fail_on_unmatched(false).build();
    let clock = ManualTimeSource::new(UNIX_EPOCH + Duration::from_secs(T0));
    let glue = mock.glue_client_as_at(READER, clock.clone());
    // No rule nor lake: only the request is looked at.
    let _ = glue
        .get_unfiltered_table_metadata()
        .catalog_id("123456789012")
        .database_name("sales")
        .name("orders")
        .send()
        .await;
    let request = &mock.requests()[0];
    assert_eq!(request.access_key_id(), Some(READER));
    assert_eq!(request.header_value("x-amz-date"), Some("20231114T221320Z"));
}

#[tokio::test]
async fn a_lake_built_without_a_region_takes_the_mocks() {
    let lake = lake().build();
    let mock = MockLakeFormation::builder().region("eu-west-1").build().with_lake(&lake);
    assert_eq!(lake.model().region, "eu-west-1");
    let out = mock.client_as(READER).get_temporary_glue_table_credentials().table_arn(orders("eu-west-1")).send().await;
    assert!(out.unwrap().access_key_id().unwrap().starts_with("ASIA"));

    // It follows the first mock only: set on a mock of another region, it refuses that mock's
    // requests as sent to another region.
    let other = MockLakeFormation::new().with_lake(&lake);
    assert_eq!(lake.model().region, "eu-west-1");
    let err =
        other.client_as(READER).get_temporary_glue_table_credentials().table_arn(orders("us-east-1")).send().await;
    let message = err.unwrap_err().into_service_error().message().unwrap_or_default().to_owned();
    assert!(message.contains("sent to region us-east-1, but this lake is in eu-west-1"), "{message}");
}

#[tokio::test]
async fn a_lake_given_a_region_keeps_it() {
    let lake = lake().region("us-east-1").build();
    let mock = MockLakeFormation::builder().region("eu-west-1").build().with_lake(&lake);
    assert_eq!(lake.model().region, "us-east-1");
    let err = mock.client_as(READER).get_temporary_glue_table_credentials().table_arn(orders("us-east-1")).send().await;
    let message = err.unwrap_err().into_service_error().message().unwrap_or_default().to_owned();
    assert!(message.contains("sent to region eu-west-1, but this lake is in us-east-1"), "{message}");
}

/// A fixture says its region once: with a lake in eu-west-1 and no `settings.region`, the mock's
/// clients go to eu-west-1 and the lake answers them (they went to us-east-1 and were refused).
#[tokio::test]
async fn a_fixture_lake_s_region_is_the_mock_s_without_settings_region() {
    let lake = r#""lake": {
        "Region": "eu-west-1",
        "Settings": {"AllowFullTableExternalDataAccess": true},
        "Locations": [{"Uri": "s3://lake/"}],
        "Tables": [{"Database": "sales", "Name": "orders", "Location": "s3://lake/sales/orders/"}],
        "Principals": [{"AccessKeyId": "AKIDREADER", "Arn": "arn:aws:iam::123456789012:role/reader"}],
        "Grants": [{"Principal": "arn:aws:iam::123456789012:role/reader", "Database": "sales", "Table": "orders", "Permissions": ["SELECT"]}]
    }"#;
    let scenario =
        lakeformation_mock::fixture::Scenario::from_json_str(&format!(r#"{{"version": 1, {lake}}}"#)).unwrap();
    let mock = scenario.mock();
    let out = mock
        .client_as("AKIDREADER")
        .get_temporary_glue_table_credentials()
        .table_arn(orders("eu-west-1"))
        .send()
        .await
        .unwrap();
    assert!(out.access_key_id().is_some());
    assert_eq!(mock.requests()[0].region_name(), Some("eu-west-1"));

    // settings.region, when given, still decides: a request from another region is refused.
    let scenario = lakeformation_mock::fixture::Scenario::from_json_str(&format!(
        r#"{{"version": 1, "settings": {{"region": "us-east-1", "fail_on_unmatched": false}}, {lake}}}"#
    ))
    .unwrap();
    let mock = scenario.mock();
    let err = mock
        .client_as("AKIDREADER")
        .get_temporary_glue_table_credentials()
        .table_arn(orders("eu-west-1"))
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.message().unwrap_or_default().contains("eu-west-1"), "{err:?}");
}
