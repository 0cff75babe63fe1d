//! Partitions are modeled once, on the table: Glue's `GetUnfilteredPartitionsMetadata` (a real
//! `aws_sdk_glue::Client`) lists the partitions partition vending (a real
//! `aws_sdk_lakeformation::Client`) vends, with the table's keys typed by its schema.
#![cfg(feature = "glue")]

use aws_sdk_glue::types::PermissionType as GlueType;
use aws_sdk_lakeformation::types::{PartitionValueList, Permission};
use lakeformation_mock::MockLakeFormation;
use lakeformation_mock::fixture::Scenario;
use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, LakeBuilder, Principal, Table, TableSchema};

const ROLE: &str = "arn:aws:iam::123456789012:role/engine";

/// `web.events`, partitioned by `dt` and `region`, with two partitions (one outside the table's
/// location), and a schema of `schema`.
fn lake(schema: TableSchema) -> LakeBuilder {
    Lake::builder()
        .settings(DataLakeSettings::default().allow_full_table_external_data_access(true))
        .register_location("s3://lake/")
        .register_location("s3://archive/")
        .table(
            Table::new("web", "events")
                .location("s3://lake/web/events/")
                .partition_keys(["dt", "region"])
                .partition(["2024-01-01", "eu"], "s3://lake/web/events/dt=2024-01-01/region=eu/")
                .partition(["2023-01-01", "us"], "s3://archive/events/2023-01-01/us/"),
        )
        .schema(schema)
        .principal(Principal::new("AKIDENGINE", ROLE))
        .grant(Grant::new(ROLE, "web", "events", [Permission::Select]))
}

#[tokio::test]
async fn glue_lists_the_partitions_of_the_table_that_vending_vends() {
    let schema = TableSchema::new("web", "events").column("id", "bigint").partition_key("dt", "date");
    let err = lake(schema.clone()).try_build().unwrap_err();
    // Typing some keys and not all, or in another order, is a model problem that says why.
    assert!(err.to_string().contains("types the partition keys [dt], but the table's partition keys are [dt, region]"));

    let lake = lake(schema.partition_key("region", "string")).build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let glue = mock.glue_client_as("AKIDENGINE");
    let out = glue
        .get_unfiltered_partitions_metadata()
        .catalog_id("123456789012")
        .database_name("web")
        .table_name("events")
        .supported_permission_types(GlueType::ColumnPermission)
        .send()
        .await
        .unwrap();
    let listed: Vec<(Vec<String>, String)> = out
        .unfiltered_partitions()
        .iter()
        .map(|u| {
            let p = u.partition().unwrap();
            (p.values().to_vec(), p.storage_descriptor().unwrap().location().unwrap().to_owned())
        })
        .collect();
    let lf = mock.client_as("AKIDENGINE");
    for (values, location) in &listed {
        let partition = PartitionValueList::builder().set_values(Some(values.clone())).build().unwrap();
        let vended = lf
            .get_temporary_glue_partition_credentials()
            .table_arn("arn:aws:glue:us-east-1:123456789012:table/web/events")
            .partition(partition)
            .send()
            .await
            .unwrap();
        assert_eq!(lake.vended(vended.access_key_id().unwrap()).unwrap().locations(), std::slice::from_ref(location));
    }
    assert_eq!(
        listed,
        [
            (
                vec!["2024-01-01".to_owned(), "eu".to_owned()],
                "s3://lake/web/events/dt=2024-01-01/region=eu/".to_owned()
            ),
            (vec!["2023-01-01".to_owned(), "us".to_owned()], "s3://archive/events/2023-01-01/us/".to_owned()),
        ]
    );

    // The table's keys, with the schema's types.
    let table = glue
        .get_unfiltered_table_metadata()
        .catalog_id("123456789012")
        .database_name("web")
        .name("events")
        .supported_permission_types(GlueType::ColumnPermission)
        .send()
        .await
        .unwrap();
    let keys: Vec<(&str, &str)> =
        table.table().unwrap().partition_keys().iter().map(|c| (c.name(), c.r#type().unwrap())).collect();
    assert_eq!(keys, [("dt", "date"), ("region", "string")]);
    assert_eq!(table.authorized_columns(), ["dt", "id", "region"]);
}

#[tokio::test]
async fn keys_the_schema_leaves_untyped_are_strings() {
    let lake = lake(TableSchema::new("web", "events").column("id", "bigint")).build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let table = mock
        .glue_client_as("AKIDENGINE")
        .get_unfiltered_table_metadata()
        .catalog_id("123456789012")
        .database_name("web")
        .name("events")
        .supported_permission_types(GlueType::ColumnPermission)
        .send()
        .await
        .unwrap();
    let keys: Vec<(&str, &str)> =
        table.table().unwrap().partition_keys().iter().map(|c| (c.name(), c.r#type().unwrap())).collect();
    assert_eq!(keys, [("dt", "string"), ("region", "string")]);
}

#[test]
fn a_fixture_with_partitions_in_a_schema_is_refused_with_where_they_went() {
    let json = r#"{"version": 1, "lake": {
        "Tables": [{"Database": "web", "Name": "events", "Location": "s3://lake/web/events/", "PartitionKeys": ["dt"]}],
        "Schemas": [{"Database": "web", "Table": "events", "Columns": [{"Name": "id", "Type": "bigint"}],
                     "Partitions": [{"Values": ["2024-01-01"], "Location": "s3://lake/web/events/dt=2024-01-01/"}]}]}}"#;
    let err = Scenario::from_json_str(json).unwrap_err().to_string();
    assert!(err.contains("lake.Schemas[0].Partitions"), "{err}");
    assert!(err.contains("partitions are the table's"), "{err}");
    assert!(err.contains("`Tables[].Partitions`"), "{err}");
}
