//! A Glue table as plain data: its location, the fine-grained policy types defined on it, its
//! partition keys and its partitions.

use crate::lake::enums;
use aws_sdk_lakeformation::types::PermissionType;
use serde::{Deserialize, Serialize};

/// A Glue table: database, name, S3 location, the fine-grained policy types defined on it, and
/// its partition keys and [`Partition`]s: the one place partitions are modeled, which partition
/// vending and Glue's `GetUnfilteredPartitionsMetadata` (feature `glue`) both read.
///
/// A policy type on the table applies to every caller: the caller must declare it in
/// `SupportedPermissionTypes`, and nobody has full-table access to the table.
///
/// ```
/// use aws_sdk_lakeformation::types::PermissionType;
/// use lakeformation_mock::lake::Table;
///
/// let t = Table::new("sales", "orders").location("s3://lake/sales/orders/").column_policy();
/// assert_eq!(t.policies, [PermissionType::ColumnPermission]);
/// assert_eq!(t.to_string(), "sales.orders");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
#[must_use = "a table does nothing until it is added to a lake"]
#[non_exhaustive]
pub struct Table {
    /// The Glue database.
    pub database: String,
    /// The table name.
    pub name: String,
    /// The table's S3 location (required).
    #[serde(default)]
    pub location: String,
    /// The fine-grained policy types defined on the table.
    #[serde(default, with = "enums::list", skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<crate::fixture::enum_names::PermissionTypeName>"))]
    pub policies: Vec<PermissionType>,
    /// The names of the partition keys, in order (none: the table is not partitioned).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partition_keys: Vec<String>,
    /// The table's partitions, each with one value per partition key and its own location.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partitions: Vec<Partition>,
}

impl Table {
    /// The table `database.name`, with no location yet.
    pub fn new(database: impl Into<String>, name: impl Into<String>) -> Self {
        Table {
            database: database.into(),
            name: name.into(),
            location: String::new(),
            policies: Vec::new(),
            partition_keys: Vec::new(),
            partitions: Vec::new(),
        }
    }

    /// Sets the table's S3 location.
    pub fn location(mut self, uri: impl Into<String>) -> Self {
        self.location = uri.into();
        self
    }

    /// Adds a fine-grained policy of this type.
    pub fn policy(mut self, kind: PermissionType) -> Self {
        if !self.policies.contains(&kind) {
            self.policies.push(kind);
        }
        self
    }

    /// Adds a column policy (`COLUMN_PERMISSION`).
    pub fn column_policy(self) -> Self {
        self.policy(PermissionType::ColumnPermission)
    }

    /// Adds a data cell filter (`CELL_FILTER_PERMISSION`).
    pub fn cell_filter_policy(self) -> Self {
        self.policy(PermissionType::CellFilterPermission)
    }

    /// Adds a nested-field policy (`NESTED_PERMISSION`).
    pub fn nested_policy(self) -> Self {
        self.policy(PermissionType::NestedPermission)
    }

    /// Adds a nested cell policy (`NESTED_CELL_PERMISSION`).
    pub fn nested_cell_policy(self) -> Self {
        self.policy(PermissionType::NestedCellPermission)
    }

    /// Sets the names of the partition keys, in order.
    pub fn partition_keys<I>(mut self, keys: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        self.partition_keys = keys.into_iter().map(Into::into).collect();
        self
    }

    /// Adds a partition: one value per partition key, in their order, and its S3 location (which
    /// may lie outside the table's, as Apache Hive, the Hadoop SQL warehouse whose table layout
    /// Glue's catalog follows, allows).
    pub fn partition<I>(mut self, values: I, location: impl Into<String>) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        self.partitions.push(Partition::new(values, location));
        self
    }

    /// The partition with exactly these values, in order.
    pub fn find_partition(&self, values: &[String]) -> Option<&Partition> {
        self.partitions.iter().find(|p| p.values == values)
    }
}

/// A partition of a [`Table`]: one value per partition key, and its own S3 location.
///
/// ```
/// use lakeformation_mock::lake::Table;
///
/// let t = Table::new("sales", "orders")
///     .location("s3://lake/sales/orders/")
///     .partition_keys(["dt", "region"])
///     .partition(["2024-01-01", "eu"], "s3://lake/sales/orders/dt=2024-01-01/region=eu/")
///     .partition(["2024-01-01", "us"], "s3://archive/orders/2024-01-01/us/");
/// assert_eq!(t.partitions[1].values, ["2024-01-01", "us"]);
/// assert_eq!(t.find_partition(&["2024-01-01".into(), "eu".into()]).unwrap().location,
///     "s3://lake/sales/orders/dt=2024-01-01/region=eu/");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Partition {
    /// One value per partition key of the table, in the keys' order.
    pub values: Vec<String>,
    /// The partition's S3 location (required).
    pub location: String,
}

impl Partition {
    /// The partition with these values at `location`.
    pub fn new<I>(values: I, location: impl Into<String>) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        Partition { values: values.into_iter().map(Into::into).collect(), location: location.into() }
    }
}

impl std::fmt::Display for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.database, self.name)
    }
}
