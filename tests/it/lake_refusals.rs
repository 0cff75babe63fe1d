//! The refusals Glue and vending make alike on one lake: a table or a partition whose location is
//! registered in another region, a table or partition under no registered location. Each
//! situation goes through Glue's `GetUnfilteredTableMetadata` / `GetUnfilteredPartitionsMetadata`
//! (a real `aws_sdk_glue::Client`) and table / partition vending (a real
//! `aws_sdk_lakeformation::Client`), which reach the same verdict.
#![cfg(feature = "glue")]

use aws_sdk_glue::types::PermissionType as GlueType;
use aws_sdk_lakeformation::error::ProvideErrorMetadata;
use aws_sdk_lakeformation::types::{PartitionValueList, Permission};
use lakeformation_mock::lake::{
    Behavior, DataLakeSettings, Grant, Lake, Location, Principal, QueryAuthorizationBehavior, Table, TableSchema,
};
use lakeformation_mock::{ErrorCode, MockLakeFormation};

const ACCOUNT: &str = "123456789012";
const ENGINE: &str = "AKIDENGINE";
/// A caller with no grant at all.
const STRANGER: &str = "AKIDSTRANGER";

/// `s3://lake/` registered here, `s3://eu-lake/` in eu-west-1. Tables, each partitioned by `day`:
/// - `db.here` under `s3://lake/`, with a partition here (`2024-01-01`), one under `s3://eu-lake/`
///   (`2024-01-02`) and one under nothing registered (`2024-01-03`);
/// - `db.eu` under `s3://eu-lake/`, `db.raw` under nothing registered, each with one partition
///   (`2024-01-01`) beside it.
fn lake(behavior: Behavior) -> Lake {
    let engine = format!("arn:aws:iam::{ACCOUNT}:role/engine");
    let mut builder = Lake::builder()
        .settings(DataLakeSettings::default().allow_full_table_external_data_access(true))
        .register_location("s3://lake/")
        .register_location(Location::new("s3://eu-lake/").region("eu-west-1"))
        .principal(Principal::new(ENGINE, &engine))
        .principal(Principal::new(STRANGER, format!("arn:aws:iam::{ACCOUNT}:role/stranger")))
        .behavior(behavior.query_authorization(QueryAuthorizationBehavior::default().required_for_vending(false)));
    let tables: [(&str, &str, &[Day]); 3] = [
        (
            "here",
            "s3://lake/here/",
            &[
                ("2024-01-01", "s3://lake/here/day=2024-01-01/"),
                ("2024-01-02", "s3://eu-lake/here/day=2024-01-02/"),
                ("2024-01-03", "s3://elsewhere/here/day=2024-01-03/"),
            ],
        ),
        ("eu", "s3://eu-lake/eu/", &[("2024-01-01", "s3://eu-lake/eu/day=2024-01-01/")]),
        ("raw", "s3://unregistered/raw/", &[("2024-01-01", "s3://unregistered/raw/day=2024-01-01/")]),
    ];
    for (name, location, partitions) in tables {
        let mut table = Table::new("db", name).location(location).partition_keys(["day"]);
        let schema = TableSchema::new("db", name).column("id", "bigint").partition_key("day", "string");
        for (day, at) in partitions {
            table = table.partition([*day], *at);
        }
        builder = builder.table(table).schema(schema).grant(Grant::new(&engine, "db", name, [Permission::Select]));
    }
    builder.build()
}

/// A partition: its `day` and its location.
type Day = (&'static str, &'static str);

/// `ok`, or `code: message`.
fn verdict<T, E: ProvideErrorMetadata>(result: Result<T, E>) -> String {
    match result {
        Ok(_) => "ok".to_owned(),
        Err(e) => format!("{}: {}", e.code().unwrap_or("no code"), e.message().unwrap_or("no message")),
    }
}

fn table_arn(table: &str) -> String {
    format!("arn:aws:glue:us-east-1:{ACCOUNT}:table/db/{table}")
}

async fn glue_table(mock: &MockLakeFormation, key: &str, table: &str) -> String {
    let out = mock
        .glue_client_as(key)
        .get_unfiltered_table_metadata()
        .catalog_id(ACCOUNT)
        .database_name("db")
        .name(table)
        .supported_permission_types(GlueType::ColumnPermission)
        .send()
        .await;
    match out {
        Ok(out) if out.is_registered_with_lake_formation() => "ok".to_owned(),
        Ok(_) => "not governed".to_owned(),
        Err(e) => verdict::<(), _>(Err(e)),
    }
}

/// Glue's verdict on the partition of `day` of `table` (selected by `Expression`).
async fn glue_partition(mock: &MockLakeFormation, key: &str, table: &str, day: &str) -> String {
    let out = mock
        .glue_client_as(key)
        .get_unfiltered_partitions_metadata()
        .catalog_id(ACCOUNT)
        .database_name("db")
        .table_name(table)
        .expression(format!("day = '{day}'"))
        .supported_permission_types(GlueType::ColumnPermission)
        .send()
        .await;
    match out {
        Ok(out) => {
            let [partition] = out.unfiltered_partitions() else { panic!("one partition of {day}: {out:?}") };
            if partition.is_registered_with_lake_formation() {
                assert!(partition.authorized_columns().contains(&"id".to_owned()), "{partition:?}");
                "ok".to_owned()
            } else {
                assert_eq!(partition.authorized_columns, None, "no authorization for an ungoverned partition");
                "not governed".to_owned()
            }
        }
        Err(e) => verdict::<(), _>(Err(e)),
    }
}

async fn vend_table(mock: &MockLakeFormation, key: &str, table: &str) -> String {
    verdict(mock.client_as(key).get_temporary_glue_table_credentials().table_arn(table_arn(table)).send().await)
}

async fn vend_partition(mock: &MockLakeFormation, key: &str, table: &str, day: &str) -> String {
    let partition = PartitionValueList::builder().values(day).build().unwrap();
    verdict(
        mock.client_as(key)
            .get_temporary_glue_partition_credentials()
            .table_arn(table_arn(table))
            .partition(partition)
            .send()
            .await,
    )
}

/// Vending's refusal for a location Lake Formation does not govern, as Glue's `not governed`.
fn ungoverned(vended: &str) -> &str {
    if vended.starts_with("EntityNotFoundException: Location ") && vended.contains("is not registered") {
        "not governed"
    } else {
        vended
    }
}

const OTHER_REGION_TABLE: &str = "AccessDeniedException: Location s3://eu-lake/eu/ of table db.eu is registered in \
                                  region eu-west-1, but this call is answered in region us-east-1.";

#[tokio::test]
async fn a_table_registered_in_another_region_is_refused_by_glue_and_vending_alike() {
    let mock = MockLakeFormation::new().with_lake(&lake(Behavior::default()));
    // Whoever asks: the location is decided before the grants, by both.
    for key in [ENGINE, STRANGER] {
        assert_eq!(glue_table(&mock, key, "eu").await, OTHER_REGION_TABLE, "{key}: GetUnfilteredTableMetadata");
        assert_eq!(
            glue_partition(&mock, key, "eu", "2024-01-01").await,
            OTHER_REGION_TABLE,
            "{key}: GetUnfilteredPartitionsMetadata"
        );
        assert_eq!(vend_table(&mock, key, "eu").await, OTHER_REGION_TABLE, "{key}: table vending");
        assert_eq!(
            vend_partition(&mock, key, "eu", "2024-01-01").await,
            OTHER_REGION_TABLE,
            "{key}: partition vending"
        );
    }
    let trace = mock.requests()[0].answer().trace().unwrap().to_string();
    assert!(
        trace.contains(
            "location s3://eu-lake/eu/ of table db.eu: registered location s3://eu-lake/ (region eu-west-1) covers it"
        ),
        "{trace}"
    );

    // The setting for the code applies to both.
    let lake = lake(Behavior::default().other_region_location_error(ErrorCode::EntityNotFound));
    let mock = MockLakeFormation::new().with_lake(&lake);
    let glue = glue_table(&mock, ENGINE, "eu").await;
    assert!(glue.starts_with("EntityNotFoundException: Location s3://eu-lake/eu/"), "{glue}");
    assert_eq!(vend_table(&mock, ENGINE, "eu").await, glue);
}

#[tokio::test]
async fn a_partition_registered_in_another_region_is_refused_by_glue_and_vending_alike() {
    let mock = MockLakeFormation::new().with_lake(&lake(Behavior::default()));
    let refused = "AccessDeniedException: Location s3://eu-lake/here/day=2024-01-02/ of partition [2024-01-02] of \
                   table db.here is registered in region eu-west-1, but this call is answered in region us-east-1.";
    assert_eq!(glue_partition(&mock, ENGINE, "here", "2024-01-02").await, refused);
    assert_eq!(vend_partition(&mock, ENGINE, "here", "2024-01-02").await, refused);
    // Its neighbour here is answered by both, and so is the table.
    assert_eq!(glue_partition(&mock, ENGINE, "here", "2024-01-01").await, "ok");
    assert_eq!(vend_partition(&mock, ENGINE, "here", "2024-01-01").await, "ok");
    assert_eq!(glue_table(&mock, ENGINE, "here").await, "ok");
    assert_eq!(vend_table(&mock, ENGINE, "here").await, "ok");

    // A listing that selects it (no Expression: every partition) is refused as a whole.
    let all = mock
        .glue_client_as(ENGINE)
        .get_unfiltered_partitions_metadata()
        .catalog_id(ACCOUNT)
        .database_name("db")
        .table_name("here")
        .supported_permission_types(GlueType::ColumnPermission)
        .send()
        .await;
    assert_eq!(verdict(all), refused);
}

#[tokio::test]
async fn a_partition_under_no_registered_location_is_ungoverned_for_glue_and_refused_by_vending() {
    let mock = MockLakeFormation::new().with_lake(&lake(Behavior::default()));
    assert_eq!(glue_partition(&mock, ENGINE, "here", "2024-01-03").await, "not governed");
    let vended = vend_partition(&mock, ENGINE, "here", "2024-01-03").await;
    assert_eq!(ungoverned(&vended), "not governed", "{vended}");
    let trace = mock.requests()[0].answer().trace().unwrap().to_string();
    assert!(
        trace
            .contains("partitions: 1 of 1 selected under no registered location (IsRegisteredWithLakeFormation false)"),
        "{trace}"
    );
}

#[tokio::test]
async fn a_table_under_no_registered_location_is_ungoverned_for_glue_and_refused_by_vending_whoever_asks() {
    let mock = MockLakeFormation::new().with_lake(&lake(Behavior::default()));
    // The stranger holds no grant: Glue answers the table ungoverned all the same, and vending
    // refuses it as unregistered, not for the missing grant.
    for key in [ENGINE, STRANGER] {
        assert_eq!(glue_table(&mock, key, "raw").await, "not governed", "{key}");
        assert_eq!(glue_partition(&mock, key, "raw", "2024-01-01").await, "not governed", "{key}");
        let table = vend_table(&mock, key, "raw").await;
        assert_eq!(
            table,
            "EntityNotFoundException: Location s3://unregistered/raw/ of table db.raw is not registered with Lake \
             Formation: register it with Lake::builder().register_location(\"s3://unregistered/\").",
            "{key}"
        );
        // The partition operation decides the table's location first.
        assert_eq!(vend_partition(&mock, key, "raw", "2024-01-01").await, table, "{key}");
    }
}
