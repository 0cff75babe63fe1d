//! One permission-type decision for every operation: each cell of the table in the guide
//! (`guide::lake`, "Permission types": grant kind x `SupportedPermissionTypes`) through Glue's
//! `GetUnfilteredTableMetadata` and `GetUnfilteredPartitionsMetadata` (a real `aws_sdk_glue::Client`)
//! and table and partition vending (a real `aws_sdk_lakeformation::Client`).
#![cfg(feature = "glue")]

use aws_sdk_glue::types::PermissionType as GlueType;
use aws_sdk_lakeformation::error::ProvideErrorMetadata;
use aws_sdk_lakeformation::types::{PartitionValueList, Permission, PermissionType};
use lakeformation_mock::MockLakeFormation;
use lakeformation_mock::lake::{
    Behavior, CellFilter, DataLakeSettings, Grant, Lake, PermissionTypeCoverage, Principal, QueryAuthorizationBehavior,
    Table, TableSchema,
};

const ACCOUNT: &str = "123456789012";

/// A grant kind of the table's rows: who calls, on which table.
#[derive(Clone, Copy, Debug)]
enum Kind {
    NoGrant,
    WholeTable,
    ColumnsListed,
    AllColumnsButSome,
    CellFilter,
    NestedPolicy,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::NoGrant => "no grant",
            Kind::WholeTable => "the whole table",
            Kind::ColumnsListed => "columns listed",
            Kind::AllColumnsButSome => "all columns but some",
            Kind::CellFilter => "a data cell filter",
            Kind::NestedPolicy => "the whole table, with a NESTED_PERMISSION policy on it",
        }
    }

    /// The caller's access key id and the table it reads.
    fn caller(self) -> (&'static str, &'static str) {
        match self {
            Kind::NoGrant => ("AKIDNOGRANT", "t"),
            Kind::WholeTable => ("AKIDWHOLE", "t"),
            Kind::ColumnsListed => ("AKIDLISTED", "t"),
            Kind::AllColumnsButSome => ("AKIDEXCLUDED", "t"),
            Kind::CellFilter => ("AKIDCELLS", "t"),
            Kind::NestedPolicy => ("AKIDWHOLE", "n"),
        }
    }
}

/// The columns of the table: what a request declares.
#[derive(Clone, Copy, Debug)]
enum Declared {
    Nothing,
    One(&'static str),
    ColumnAndCellFilter,
}

impl Declared {
    const ALL: [Declared; 6] = [
        Declared::Nothing,
        Declared::One("COLUMN_PERMISSION"),
        Declared::One("CELL_FILTER_PERMISSION"),
        Declared::One("NESTED_PERMISSION"),
        Declared::One("NESTED_CELL_PERMISSION"),
        Declared::ColumnAndCellFilter,
    ];

    fn names(self) -> Vec<&'static str> {
        match self {
            Declared::Nothing => Vec::new(),
            Declared::One(name) => vec![name],
            Declared::ColumnAndCellFilter => vec!["COLUMN_PERMISSION", "CELL_FILTER_PERMISSION"],
        }
    }

    fn name(self) -> String {
        match self {
            Declared::Nothing => "none".to_owned(),
            _ => self.names().join(" and "),
        }
    }

    /// Glue's input rules, checked before any decision: a value is required, and only one.
    fn glue_refuses(self) -> bool {
        !matches!(self, Declared::One(_))
    }
}

/// Two tables under `s3://lake/`, partitioned by `day` with one partition: `db.t` and `db.n`
/// (a nested policy). Every caller carries the allowlisted session tag, so that vending is
/// allowed to restricted grants and only the permission types decide.
fn lake(coverage: PermissionTypeCoverage) -> Lake {
    let arn = |name: &str| format!("arn:aws:iam::{ACCOUNT}:role/{name}");
    let principal =
        |key: &str, name: &str| Principal::new(key, arn(name)).session_tag("LakeFormationAuthorizedCaller", "engine-x");
    let table = |name: &str| {
        Table::new("db", name)
            .location(format!("s3://lake/db/{name}/"))
            .partition_keys(["day"])
            .partition(["2024-01-01"], format!("s3://lake/db/{name}/day=2024-01-01/"))
    };
    let schema = |name: &str| {
        TableSchema::new("db", name)
            .column("id", "bigint")
            .column("region", "string")
            .column("ssn", "string")
            .partition_key("day", "string")
    };
    let select = |name: &str, table: &str| Grant::new(arn(name), "db", table, [Permission::Select]);
    Lake::builder()
        .settings(
            DataLakeSettings::default()
                .allow_external_data_filtering(true)
                .external_data_filtering_allow(ACCOUNT)
                .authorized_session_tag_value("engine-x"),
        )
        .register_location("s3://lake/")
        .table(table("t"))
        .table(table("n").nested_policy())
        .schema(schema("t"))
        .schema(schema("n"))
        .cell_filter(CellFilter::new("us-rows", "db", "t").row_filter("region = 'us'"))
        .principal(principal("AKIDNOGRANT", "nogrant"))
        .principal(principal("AKIDWHOLE", "whole"))
        .principal(principal("AKIDLISTED", "listed"))
        .principal(principal("AKIDEXCLUDED", "excluded"))
        .principal(principal("AKIDCELLS", "cells"))
        .grant(select("whole", "t"))
        .grant(select("whole", "n"))
        .grant(select("listed", "t").columns(["id", "region"]))
        .grant(select("excluded", "t").excluding(["ssn"]))
        .grant(select("cells", "t").cell_filter("us-rows"))
        .behavior(
            Behavior::default()
                .permission_type_coverage(coverage)
                // Vending without a QueryAuthorizationId: only the permission types decide here.
                .query_authorization(QueryAuthorizationBehavior::default().required_for_vending(false)),
        )
        .build()
}

/// `ok`, or the error code.
fn verdict<T, E: ProvideErrorMetadata>(result: Result<T, E>) -> String {
    match result {
        Ok(_) => "ok".to_owned(),
        Err(e) => e.code().unwrap_or("no code").to_owned(),
    }
}

/// What each of the four operations answers in one cell, by operation name.
async fn answers(mock: &MockLakeFormation, kind: Kind, declared: Declared) -> [(&'static str, String); 4] {
    let (key, table) = kind.caller();
    let table_arn = format!("arn:aws:glue:us-east-1:{ACCOUNT}:table/db/{table}");
    let names = declared.names();
    // None declared: the member is left out (an empty list is invalid input).
    let glue_types = || (!names.is_empty()).then(|| names.iter().map(|n| GlueType::from(*n)).collect::<Vec<_>>());
    let lf_types = || (!names.is_empty()).then(|| names.iter().map(|n| PermissionType::from(*n)).collect::<Vec<_>>());
    let glue = mock.glue_client_as(key);
    let lf = mock.client_as(key);
    let table_metadata = glue
        .get_unfiltered_table_metadata()
        .catalog_id(ACCOUNT)
        .database_name("db")
        .name(table)
        .set_supported_permission_types(glue_types())
        .send()
        .await;
    let partitions_metadata = glue
        .get_unfiltered_partitions_metadata()
        .catalog_id(ACCOUNT)
        .database_name("db")
        .table_name(table)
        .set_supported_permission_types(glue_types())
        .send()
        .await;
    let table_credentials = lf
        .get_temporary_glue_table_credentials()
        .table_arn(&table_arn)
        .set_supported_permission_types(lf_types())
        .send()
        .await;
    let partition_credentials = lf
        .get_temporary_glue_partition_credentials()
        .table_arn(&table_arn)
        .partition(PartitionValueList::builder().values("2024-01-01").build().unwrap())
        .set_supported_permission_types(lf_types())
        .send()
        .await;
    [
        ("GetUnfilteredTableMetadata", verdict(table_metadata)),
        ("GetUnfilteredPartitionsMetadata", verdict(partitions_metadata)),
        ("GetTemporaryGlueTableCredentials", verdict(table_credentials)),
        ("GetTemporaryGluePartitionCredentials", verdict(partition_credentials)),
    ]
}

/// The code of a cell's short name in the guide's table.
fn code(short: &str) -> &'static str {
    match short {
        "ok" => "ok",
        "PTM" => "PermissionTypeMismatchException",
        "AD" => "AccessDeniedException",
        other => panic!("no such verdict in the table: {other}"),
    }
}

/// Runs every cell of `table` (per grant kind, one verdict per column of [`Declared::ALL`])
/// through the four operations; a failure names the cell and the operation.
async fn check_table(coverage: PermissionTypeCoverage, table: &[(Kind, [&str; 6])]) {
    let mock = MockLakeFormation::new().with_lake(&lake(coverage));
    let mut failures = Vec::new();
    for (kind, row) in table {
        for (declared, expected) in Declared::ALL.iter().zip(row) {
            for (operation, got) in answers(&mock, *kind, *declared).await {
                let glue = operation.starts_with("GetUnfiltered");
                let want = if glue && declared.glue_refuses() { "InvalidInputException" } else { code(expected) };
                if got != want {
                    failures.push(format!(
                        "grant {:?} ({}), declared {}: {operation} answered {got}, the table says {want}",
                        kind,
                        kind.name(),
                        declared.name()
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} cell(s) wrong:\n{}", failures.len(), failures.join("\n"));
}

/// The guide's table, cell by cell (columns: none, COLUMN, CELL_FILTER, NESTED, NESTED_CELL,
/// COLUMN and CELL_FILTER).
#[tokio::test]
async fn every_cell_of_the_permission_type_table_is_answered_alike_by_glue_and_vending() {
    check_table(
        PermissionTypeCoverage::Hierarchy,
        &[
            (Kind::NoGrant, ["AD", "AD", "AD", "AD", "AD", "AD"]),
            (Kind::WholeTable, ["ok", "ok", "ok", "ok", "ok", "ok"]),
            (Kind::ColumnsListed, ["PTM", "ok", "ok", "ok", "ok", "ok"]),
            (Kind::AllColumnsButSome, ["PTM", "ok", "ok", "ok", "ok", "ok"]),
            (Kind::CellFilter, ["PTM", "PTM", "ok", "PTM", "ok", "ok"]),
            (Kind::NestedPolicy, ["PTM", "PTM", "PTM", "ok", "ok", "PTM"]),
        ],
    )
    .await;
}

/// With `PermissionTypeCoverage::Exact`, a higher type no longer covers a lower one, for Glue
/// and vending alike.
#[tokio::test]
async fn with_exact_coverage_each_type_is_declared_by_name_everywhere() {
    check_table(
        PermissionTypeCoverage::Exact,
        &[
            (Kind::NoGrant, ["AD", "AD", "AD", "AD", "AD", "AD"]),
            (Kind::WholeTable, ["ok", "ok", "ok", "ok", "ok", "ok"]),
            (Kind::ColumnsListed, ["PTM", "ok", "PTM", "PTM", "PTM", "ok"]),
            (Kind::AllColumnsButSome, ["PTM", "ok", "PTM", "PTM", "PTM", "ok"]),
            (Kind::CellFilter, ["PTM", "PTM", "ok", "PTM", "PTM", "ok"]),
            (Kind::NestedPolicy, ["PTM", "PTM", "PTM", "ok", "PTM", "PTM"]),
        ],
    )
    .await;
}

/// The refusal names what is not covered and what to declare, the same for Glue and vending;
/// Glue answers a grant of all columns but some with those columns.
#[tokio::test]
async fn a_mismatch_names_what_to_declare_and_excluded_columns_are_left_out() {
    let mock = MockLakeFormation::new().with_lake(&lake(PermissionTypeCoverage::Hierarchy));
    let expected = "Table db.t has permission type(s) [CELL_FILTER_PERMISSION] that SupportedPermissionTypes \
                    [COLUMN_PERMISSION] does not cover: declare one of [CELL_FILTER_PERMISSION, \
                    NESTED_CELL_PERMISSION].";
    let glue = mock
        .glue_client_as("AKIDCELLS")
        .get_unfiltered_table_metadata()
        .catalog_id(ACCOUNT)
        .database_name("db")
        .name("t")
        .supported_permission_types(GlueType::ColumnPermission)
        .send()
        .await
        .unwrap_err();
    assert_eq!(glue.message(), Some(expected));
    let vending = mock
        .client_as("AKIDCELLS")
        .get_temporary_glue_table_credentials()
        .table_arn(format!("arn:aws:glue:us-east-1:{ACCOUNT}:table/db/t"))
        .supported_permission_types(PermissionType::ColumnPermission)
        .send()
        .await
        .unwrap_err();
    assert_eq!(vending.message(), Some(expected));
    let trace = mock.requests()[1].answer().trace().unwrap().to_string();
    assert!(
        trace.contains(
            "permission types: found [CELL_FILTER_PERMISSION (grant restriction)] on db.t, SupportedPermissionTypes \
             declares [COLUMN_PERMISSION]: not covered: [CELL_FILTER_PERMISSION]"
        ),
        "{trace}"
    );

    let out = mock
        .glue_client_as("AKIDEXCLUDED")
        .get_unfiltered_table_metadata()
        .catalog_id(ACCOUNT)
        .database_name("db")
        .name("t")
        .supported_permission_types(GlueType::ColumnPermission)
        .send()
        .await
        .unwrap();
    assert_eq!(out.authorized_columns(), ["day", "id", "region"]);
}

/// A grant cannot both list and exclude columns.
#[test]
fn a_grant_that_lists_and_excludes_columns_is_refused() {
    let role = "arn:aws:iam::123456789012:role/r";
    let err = Lake::builder()
        .table(Table::new("db", "t").location("s3://lake/db/t/"))
        .principal(Principal::new("AKIDR", role))
        .grant(Grant::new(role, "db", "t", [Permission::Select]).columns(["id"]).excluding(["ssn"]))
        .try_build()
        .unwrap_err();
    assert!(err.to_string().contains("has both Columns and ExcludedColumns"), "{err}");
}
