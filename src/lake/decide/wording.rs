//! How refusals and the trace name things: locations, lists, permission types, grants.

use crate::lake::grant::Grant;
use crate::lake::model::{Partition, Table};
use aws_sdk_lakeformation::types::{Permission, PermissionType};

/// How refusals and traces name a table's location, for Glue and vending alike:
/// `s3://… of table db.t`.
pub(crate) fn table_location(table: &Table) -> String {
    [&table.location, " of table ", &table.database, ".", &table.name].concat()
}

/// How refusals and traces name a partition's location: `s3://… of partition [v1, v2] of table db.t`.
pub(crate) fn partition_location(partition: &Partition, table: &Table) -> String {
    format!("{} of partition {} of table {table}", partition.location, bracketed(&partition.values))
}

/// `[A, B]`.
pub(crate) fn bracketed<T: AsRef<str>>(items: impl IntoIterator<Item = T>) -> String {
    let mut text = String::from("[");
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            text.push_str(", ");
        }
        text.push_str(item.as_ref());
    }
    text.push(']');
    text
}

/// The permission types, `[COLUMN_PERMISSION, CELL_FILTER_PERMISSION]`.
pub(crate) fn type_names(kinds: &[PermissionType]) -> String {
    bracketed(kinds.iter().map(PermissionType::as_str))
}

/// A grant in a sentence: `SELECT, INSERT on db.t limited to columns id, amount`.
pub(super) fn describe(grant: &Grant) -> String {
    let permissions: Vec<&str> = grant.permissions.iter().map(Permission::as_str).collect();
    let mut text = [&permissions.join(", "), " on ", &grant.database, ".", &grant.table].concat();
    if !grant.columns.is_empty() {
        text.push_str(&format!(" limited to columns {}", grant.columns.join(", ")));
    } else if !grant.excluded_columns.is_empty() {
        text.push_str(&format!(" limited to every column but {}", grant.excluded_columns.join(", ")));
    }
    if let Some(filter) = &grant.cell_filter {
        text.push_str(&format!(" limited to cell filter {filter}"));
    }
    text
}

/// What limits a restricted grant: `column`, `cell filter`, or both.
pub(super) fn restriction(grant: &Grant) -> &'static str {
    match (grant.limits_columns(), grant.cell_filter.is_some()) {
        (true, true) => "column and cell filter",
        (true, false) => "column",
        _ => "cell filter",
    }
}

pub(super) fn insufficient(required: &Permission, table: &Table) -> String {
    format!("Insufficient Lake Formation permission(s): Required {} on {table}", required.as_str())
}
