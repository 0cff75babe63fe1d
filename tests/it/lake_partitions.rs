//! The simulated lake answers `GetTemporaryGluePartitionCredentials`: each decision of the
//! partition operation, through a real client, and the record of what was vended.

use aws_sdk_lakeformation::error::ProvideErrorMetadata;
use aws_sdk_lakeformation::operation::get_temporary_glue_partition_credentials::{
    GetTemporaryGluePartitionCredentialsError as E, GetTemporaryGluePartitionCredentialsOutput,
};
use aws_sdk_lakeformation::types::{PartitionValueList, Permission, PermissionType};
use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, Principal, Table};
use lakeformation_mock::{MockLakeFormation, Operation};

const EVENTS: &str = "arn:aws:glue:us-east-1:123456789012:table/web/events";
const FLAT: &str = "arn:aws:glue:us-east-1:123456789012:table/web/flat";
const READER: &str = "AKIDREADER";
const READER_ARN: &str = "arn:aws:iam::123456789012:role/reader";
const NOPERM: &str = "AKIDNOPERM";
const NOPERM_ARN: &str = "arn:aws:iam::123456789012:role/noperm";

/// `web.events`, partitioned by `dt` and `region`: one partition under the table, one in an
/// archive bucket (registered too, as Hive allows), one in a bucket nobody registered. `web.flat`
/// is not partitioned. The reader has SELECT on both, `noperm` only DESCRIBE on `events`.
fn lake() -> Lake {
    Lake::builder()
        .settings(DataLakeSettings::default().allow_full_table_external_data_access(true))
        .register_location("s3://lake/")
        .register_location("s3://archive/")
        .table(
            Table::new("web", "events")
                .location("s3://lake/web/events/")
                .partition_keys(["dt", "region"])
                .partition(["2024-01-01", "eu"], "s3://lake/web/events/dt=2024-01-01/region=eu/")
                .partition(["2023-01-01", "eu"], "s3://archive/events/2023-01-01/eu/")
                .partition(["2022-01-01", "eu"], "s3://elsewhere/events/2022-01-01/eu/"),
        )
        .table(Table::new("web", "flat").location("s3://lake/web/flat/"))
        .principal(Principal::new(READER, READER_ARN))
        .principal(Principal::new(NOPERM, NOPERM_ARN))
        .grant(Grant::new(READER_ARN, "web", "events", [Permission::Select]))
        .grant(Grant::new(READER_ARN, "web", "flat", [Permission::Select]))
        .grant(Grant::new(NOPERM_ARN, "web", "events", [Permission::Describe]))
        .build()
}

fn values(values: &[&str]) -> PartitionValueList {
    PartitionValueList::builder().set_values(Some(values.iter().map(|v| (*v).to_owned()).collect())).build().unwrap()
}

async fn send(
    mock: &MockLakeFormation,
    key: &str,
    table: &str,
    partition: &[&str],
) -> Result<GetTemporaryGluePartitionCredentialsOutput, E> {
    mock.client_as(key)
        .get_temporary_glue_partition_credentials()
        .table_arn(table)
        .partition(values(partition))
        .send()
        .await
        .map_err(|e| e.into_service_error())
}

#[tokio::test]
async fn a_partition_under_the_table_is_vended_for_its_location_only() {
    let lake = lake();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let out = send(&mock, READER, EVENTS, &["2024-01-01", "eu"]).await.unwrap();
    let key = out.access_key_id().unwrap();
    assert!(key.starts_with("ASIA"), "{key}");
    let vended = lake.vended(key).unwrap();
    assert_eq!(out.expiration(), Some(&vended.expires_at_date_time()));
    assert_eq!(vended.duration().as_secs(), 3600);
    assert_eq!(vended.locations(), ["s3://lake/web/events/dt=2024-01-01/region=eu/"]);
    assert!(vended.covers("s3://lake/web/events/dt=2024-01-01/region=eu/part-0.parquet"));
    assert!(!vended.covers("s3://lake/web/events/dt=2024-01-02/region=eu/part-0.parquet"));
    let trace = mock.requests()[0].answer().trace().unwrap().to_string();
    assert!(trace.contains("partition [2024-01-01, eu]: at s3://lake/web/events/dt=2024-01-01/region=eu/"), "{trace}");
    assert!(trace.contains("registered location s3://lake/ (region us-east-1) covers it"), "{trace}");
}

#[tokio::test]
async fn a_partition_outside_the_table_but_registered_is_vended() {
    let lake = lake();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let out = send(&mock, READER, EVENTS, &["2023-01-01", "eu"]).await.unwrap();
    let vended = lake.vended(out.access_key_id().unwrap()).unwrap();
    assert_eq!(vended.locations(), ["s3://archive/events/2023-01-01/eu/"]);
    assert!(!vended.covers("s3://lake/web/events/"));
}

#[tokio::test]
async fn a_partition_under_no_registered_location_is_refused_as_an_unregistered_location() {
    let mock = MockLakeFormation::new().with_lake(&lake());
    let err = send(&mock, READER, EVENTS, &["2022-01-01", "eu"]).await.unwrap_err();
    assert!(matches!(err, E::EntityNotFoundException(_)), "{err:?}");
    assert_eq!(
        err.message(),
        Some(
            "Location s3://elsewhere/events/2022-01-01/eu/ of partition [2022-01-01, eu] of table web.events is not \
             registered with Lake Formation: register it with Lake::builder().register_location(\"s3://elsewhere/\")."
        )
    );
    // The same setting as a data location that is not registered.
    let strict = lake();
    strict.update(|m| {
        m.behavior = m.behavior.clone().unregistered_location_error(lakeformation_mock::ErrorCode::AccessDenied)
    });
    let mock = MockLakeFormation::new().with_lake(&strict);
    let err = send(&mock, READER, EVENTS, &["2022-01-01", "eu"]).await.unwrap_err();
    assert!(matches!(err, E::AccessDeniedException(_)), "{err:?}");
}

#[tokio::test]
async fn a_partition_registered_in_another_region_is_refused_as_a_data_location_is() {
    let lake = lake();
    lake.update(|m| {
        let archive = m.locations.iter_mut().find(|l| l.uri == "s3://archive/").unwrap();
        archive.region = Some("eu-west-1".to_owned());
    });
    let mock = MockLakeFormation::new().with_lake(&lake);
    let err = send(&mock, READER, EVENTS, &["2023-01-01", "eu"]).await.unwrap_err();
    assert!(matches!(err, E::AccessDeniedException(_)), "{err:?}");
    assert_eq!(
        err.message(),
        Some(
            "Location s3://archive/events/2023-01-01/eu/ of partition [2023-01-01, eu] of table web.events is \
             registered in region eu-west-1, but this call is answered in region us-east-1."
        )
    );
    assert!(lake.vended_credentials().is_empty(), "nothing vended");
    // The partition in the lake's region is still vended, and the setting is the data location's.
    send(&mock, READER, EVENTS, &["2024-01-01", "eu"]).await.unwrap();
    lake.update(|m| {
        m.behavior = m.behavior.clone().other_region_location_error(lakeformation_mock::ErrorCode::EntityNotFound)
    });
    let err = send(&mock, READER, EVENTS, &["2023-01-01", "eu"]).await.unwrap_err();
    assert!(matches!(err, E::EntityNotFoundException(_)), "{err:?}");
}

#[tokio::test]
async fn unknown_partition_values_are_entity_not_found() {
    let mock = MockLakeFormation::new().with_lake(&lake());
    let err = send(&mock, READER, EVENTS, &["2099-01-01", "eu"]).await.unwrap_err();
    assert!(matches!(err, E::EntityNotFoundException(_)), "{err:?}");
    assert_eq!(err.message(), Some("Partition [2099-01-01, eu] not found in table web.events."));
    // Values match in the keys' order: the same values swapped are another partition.
    let err = send(&mock, READER, EVENTS, &["eu", "2024-01-01"]).await.unwrap_err();
    assert!(matches!(err, E::EntityNotFoundException(_)), "{err:?}");
}

#[tokio::test]
async fn a_wrong_number_of_values_is_invalid_input() {
    let mock = MockLakeFormation::new().with_lake(&lake());
    let err = send(&mock, READER, EVENTS, &["2024-01-01"]).await.unwrap_err();
    assert!(matches!(err, E::InvalidInputException(_)), "{err:?}");
    assert_eq!(
        err.message(),
        Some(
            "Partition values [2024-01-01] do not match the partition keys [dt, region] of table web.events: \
             expected 2 value(s), got 1."
        )
    );
    let err = send(&mock, READER, FLAT, &["2024-01-01"]).await.unwrap_err();
    assert!(matches!(err, E::InvalidInputException(_)), "{err:?}");
    assert_eq!(
        err.message(),
        Some("Table web.flat is not partitioned, but the request names partition values [2024-01-01].")
    );
}

#[tokio::test]
async fn a_caller_without_select_is_refused_before_the_partition_is_looked_up() {
    let mock = MockLakeFormation::new().with_lake(&lake());
    let err = send(&mock, NOPERM, EVENTS, &["2024-01-01", "eu"]).await.unwrap_err();
    assert!(matches!(err, E::AccessDeniedException(_)), "{err:?}");
    assert_eq!(err.message(), Some("Insufficient Lake Formation permission(s): Required SELECT on web.events"));
    // The same for a partition that does not exist: the table's decisions come first.
    let err = send(&mock, NOPERM, EVENTS, &["2099-01-01", "eu"]).await.unwrap_err();
    assert!(matches!(err, E::AccessDeniedException(_)), "{err:?}");
}

#[tokio::test]
async fn permission_types_are_checked_as_for_the_table() {
    let lake = lake();
    lake.update(|m| {
        let events = m.tables.iter_mut().find(|t| t.name == "events").unwrap();
        events.policies.push(PermissionType::CellFilterPermission);
        m.settings =
            m.settings.clone().allow_external_data_filtering(true).external_data_filtering_allow("123456789012");
        m.settings.authorized_session_tag_value_list.push("engine-x".into());
        m.principals[0].session_tags.insert("LakeFormationAuthorizedCaller".into(), "engine-x".into());
    });
    let mock = MockLakeFormation::new().with_lake(&lake);
    let err = mock
        .client_as(READER)
        .get_temporary_glue_partition_credentials()
        .table_arn(EVENTS)
        .partition(values(&["2024-01-01", "eu"]))
        .supported_permission_types(PermissionType::ColumnPermission)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(matches!(err, E::PermissionTypeMismatchException(_)), "{err:?}");
    let out = mock
        .client_as(READER)
        .get_temporary_glue_partition_credentials()
        .table_arn(EVENTS)
        .partition(values(&["2024-01-01", "eu"]))
        .supported_permission_types(PermissionType::CellFilterPermission)
        .send()
        .await
        .unwrap();
    assert!(out.access_key_id().is_some());
}

#[tokio::test]
async fn the_record_names_the_partition() {
    let lake = lake();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let out = send(&mock, READER, EVENTS, &["2024-01-01", "eu"]).await.unwrap();
    let vended = lake.vended(out.access_key_id().unwrap()).unwrap();
    assert_eq!(vended.operation(), &Operation::GetTemporaryGluePartitionCredentials);
    assert_eq!(vended.partition_values(), Some(&["2024-01-01".to_owned(), "eu".to_owned()][..]));
    assert_eq!(vended.tables(), [EVENTS]);
    assert_eq!(vended.principal_arn(), READER_ARN);
    assert_eq!(vended.sent_locations(), None);
    assert_eq!(vended.grant_used().unwrap().table, "events");
    // Table credentials name no partition.
    let table = mock.client_as(READER).get_temporary_glue_table_credentials().table_arn(EVENTS).send().await.unwrap();
    assert_eq!(lake.vended(table.access_key_id().unwrap()).unwrap().partition_values(), None);
}

#[test]
fn a_model_with_inconsistent_partitions_is_refused_with_every_problem() {
    let err = Lake::builder()
        .table(Table::new("web", "nokeys").location("s3://lake/a/").partition(["x"], "s3://lake/a/x/"))
        .table(
            Table::new("web", "events")
                .location("s3://lake/b/")
                .partition_keys(["dt", "region"])
                .partition(["2024-01-01"], "s3://lake/b/1/")
                .partition(["2024-01-01", "eu"], "s3://lake/b/2/")
                .partition(["2024-01-01", "eu"], "s3://lake/b/3/")
                .partition(["2024-01-02", "eu"], "not-s3"),
        )
        .try_build()
        .unwrap_err();
    assert_eq!(
        err.problems,
        [
            "the table web.nokeys has partitions but no partition keys: add `.partition_keys([..])` (fixture key \
             `PartitionKeys`)",
            "the partition [2024-01-01] of table web.events has 1 value(s), but the table has 2 partition key(s) [dt, \
             region]",
            "the partition [2024-01-01, eu] of table web.events is defined twice",
            "the location `not-s3` of partition [2024-01-02, eu] of table web.events is not an S3 URI",
        ]
    );
}

#[test]
fn fixture_keys_are_the_table_s() {
    let model: lakeformation_mock::lake::LakeModel = serde_json::from_str(
        r#"{"Tables": [{"Database": "web", "Name": "events", "Location": "s3://lake/web/events/",
            "PartitionKeys": ["dt"], "Partitions": [{"Values": ["2024-01-01"], "Location": "s3://lake/web/events/dt=2024-01-01/"}]}]}"#,
    )
    .unwrap();
    let built = Table::new("web", "events")
        .location("s3://lake/web/events/")
        .partition_keys(["dt"])
        .partition(["2024-01-01"], "s3://lake/web/events/dt=2024-01-01/");
    assert_eq!(model.tables, [built]);
    let json = serde_json::to_value(&model).unwrap();
    assert_eq!(json["Tables"][0]["Partitions"][0]["Values"][0], "2024-01-01");
}

/// `fixtures/duckdb_partition_scan.json`: one call per partition, as the duckdb extension
/// scans, each answered by the lake for that partition's location; an unknown partition refused.
#[tokio::test]
async fn a_duckdb_style_partition_scan_from_the_fixture() {
    let mock =
        MockLakeFormation::from_fixture(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/duckdb_partition_scan.json"))
            .unwrap();
    let lake = mock.lake().unwrap();
    let client = mock.client_as("AKIDDUCKDBENGINE0001");
    let table = "arn:aws:glue:us-east-1:123456789012:table/web/events";
    let scan = async |partition: &[&str]| {
        client
            .get_temporary_glue_partition_credentials()
            .table_arn(table)
            .partition(values(partition))
            .permissions(Permission::Select)
            .supported_permission_types(PermissionType::CellFilterPermission)
            .send()
            .await
            .map_err(|e| e.into_service_error())
    };
    let partitions = [
        (["2024-01-01", "eu"], "s3://warehouse/web/events/dt=2024-01-01/region=eu/"),
        (["2024-01-01", "us"], "s3://warehouse/web/events/dt=2024-01-01/region=us/"),
        (["2023-12-31", "eu"], "s3://archive/web/events/2023-12-31/eu/"),
    ];
    for (partition, location) in partitions {
        let out = scan(&partition).await.unwrap();
        let vended = lake.vended(out.access_key_id().unwrap()).unwrap();
        assert_eq!(vended.locations(), [location]);
        assert_eq!(vended.partition_values().unwrap(), partition);
        assert_eq!(out.expiration(), Some(&vended.expires_at_date_time()));
        assert_eq!(vended.duration().as_secs(), 3600);
    }
    let err = scan(&["2024-01-02", "eu"]).await.unwrap_err();
    assert!(matches!(err, E::EntityNotFoundException(_)), "{err:?}");
    assert_eq!(err.message(), Some("Partition [2024-01-02, eu] not found in table web.events."));
    assert_eq!(lake.vended_credentials().len(), 3);
    // The lake answered everything: verification (fail_on_unmatched) passes.
    mock.verify();
}
