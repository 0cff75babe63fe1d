//! What Glue's `GetUnfilteredTableMetadata` and `GetUnfilteredPartitionsMetadata` answer from
//! (feature `glue`): table schemas (columns, and the types of the table's partition keys) and
//! the data cell filters that grants name. The partitions themselves are the table's
//! ([`Table::partitions`]), which vending and Glue both read.

use super::model::Table;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A column of a Glue table: its name and type, in the type names of Apache Hive (the Hadoop SQL
/// warehouse whose catalog Glue's follows): `bigint`, `string`, `decimal(10,2)`...
///
/// ```
/// use lakeformation_mock::lake::Column;
///
/// let c = Column::new("amount", "decimal(10,2)");
/// assert_eq!(c.name, "amount");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Column {
    /// The column name.
    pub name: String,
    /// The column type, as Glue writes it.
    #[serde(rename = "Type")]
    pub kind: String,
}

impl Column {
    /// A column `name` of type `kind`.
    pub fn new(name: impl Into<String>, kind: impl Into<String>) -> Self {
        Column { name: name.into(), kind: kind.into() }
    }
}

/// The schema of a table of the lake (a [`Table`](super::Table) names it by database and name):
/// what Glue's `GetUnfilteredTableMetadata` returns as `Table`.
///
/// Partitions are the table's: its partition keys ([`Table::partition_keys`]) and partitions
/// ([`Table::partition`]), which Glue's `GetUnfilteredPartitionsMetadata` lists and partition
/// vending reads. The schema may give the partition keys' types
/// ([`partition_key`](Self::partition_key)), naming the table's keys in their order; a key it
/// does not type is a `string`, as Hive's partition keys usually are.
///
/// ```
/// use lakeformation_mock::lake::{Column, Table, TableSchema};
///
/// let table = Table::new("sales", "orders")
///     .location("s3://lake/sales/orders/")
///     .partition_keys(["region"])
///     .partition(["us"], "s3://lake/sales/orders/region=us/");
/// let s = TableSchema::new("sales", "orders").column("id", "bigint").column("amount", "double");
/// assert_eq!(s.partition_columns(&table), [Column::new("region", "string")]);
/// let typed = s.partition_key("region", "varchar(2)");
/// assert_eq!(typed.partition_columns(&table), [Column::new("region", "varchar(2)")]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
#[must_use = "a schema does nothing until it is added to a lake"]
#[non_exhaustive]
pub struct TableSchema {
    /// The table's database.
    pub database: String,
    /// The table's name.
    pub table: String,
    /// The data columns (`StorageDescriptor.Columns`).
    #[serde(default)]
    pub columns: Vec<Column>,
    /// The types of the table's partition keys (`PartitionKeys`): none, or the table's keys
    /// ([`Table::partition_keys`]), each once, in their order; the keys left out are `string`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partition_keys: Vec<Column>,
    /// The key of the earlier format, refused with where partitions went.
    #[serde(default, rename = "Partitions", skip_serializing)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    moved_partitions: MovedPartitions,
    /// `TableType` (default `EXTERNAL_TABLE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table_type: Option<String>,
    /// The table's `Parameters` (`{"table_type": "ICEBERG", "metadata_location": ...}`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub parameters: BTreeMap<String, String>,
}

impl TableSchema {
    /// An empty schema for `database.table`.
    pub fn new(database: impl Into<String>, table: impl Into<String>) -> Self {
        TableSchema {
            database: database.into(),
            table: table.into(),
            columns: Vec::new(),
            partition_keys: Vec::new(),
            moved_partitions: MovedPartitions,
            table_type: None,
            parameters: BTreeMap::new(),
        }
    }

    /// Adds a data column.
    pub fn column(mut self, name: impl Into<String>, kind: impl Into<String>) -> Self {
        self.columns.push(Column::new(name, kind));
        self
    }

    /// Types the table's next partition key (the keys are the table's: [`Table::partition_keys`]).
    pub fn partition_key(mut self, name: impl Into<String>, kind: impl Into<String>) -> Self {
        self.partition_keys.push(Column::new(name, kind));
        self
    }

    /// Sets a table parameter.
    pub fn parameter(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.parameters.insert(key.into(), value.into());
        self
    }

    /// The partition keys of `table` (its [`Table::partition_keys`]) as Glue answers them: each
    /// with the type this schema gives it, else `string`.
    pub fn partition_columns(&self, table: &Table) -> Vec<Column> {
        let typed = |key: &String| self.partition_keys.iter().find(|c| &c.name == key).map(|c| c.kind.clone());
        table.partition_keys.iter().map(|key| Column::new(key, typed(key).unwrap_or_else(|| "string".into()))).collect()
    }

    /// The data columns, then the partition keys of `table`: every column a grant may name. The
    /// data columns are borrowed, not copied (Glue answers with them on every call); the
    /// partition keys are made as [`partition_columns`](Self::partition_columns) types them.
    pub(crate) fn all_columns(&self, table: &Table) -> Vec<Cow<'_, Column>> {
        self.columns
            .iter()
            .map(Cow::Borrowed)
            .chain(self.partition_columns(table).into_iter().map(Cow::Owned))
            .collect()
    }
}

/// `Partitions`, a key of a schema in the earlier fixture format: reading it fails with where
/// partitions went (a misspelt-key error would suggest `PartitionKeys`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct MovedPartitions;

impl<'de> Deserialize<'de> for MovedPartitions {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(d)?;
        Err(serde::de::Error::custom(MOVED_PARTITIONS))
    }
}

const MOVED_PARTITIONS: &str = concat!(
    "a schema has no `Partitions`: partitions are the table's, so that Glue and vending read the same ones: ",
    "move them to the table (`Tables[].Partitions`, each `{\"Values\": [..], \"Location\": \"s3://..\"}`, ",
    "with the keys' names in `Tables[].PartitionKeys`); the schema's `PartitionKeys` only give their types"
);

/// A data cell filter (Lake Formation `DataCellsFilter`): the rows (a PartiQL-like row filter
/// expression) and the columns a grant limited to it may read. A grant names it with
/// [`Grant::cell_filter`](super::Grant::cell_filter).
///
/// ```
/// use lakeformation_mock::lake::CellFilter;
///
/// let f = CellFilter::new("us-rows", "sales", "orders").row_filter("region = 'us'");
/// assert_eq!(f.row_filter_expression.as_deref(), Some("region = 'us'"));
/// assert!(f.column_names.is_empty()); // every column
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
#[must_use = "a cell filter does nothing until it is added to a lake"]
#[non_exhaustive]
pub struct CellFilter {
    /// The filter's name, which grants use.
    pub name: String,
    /// The table's database.
    pub database: String,
    /// The table's name.
    pub table: String,
    /// The row filter expression; `None` means every row (`AllRowsWildcard`), answered as `TRUE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_filter_expression: Option<String>,
    /// The columns it lets through; empty means every column but
    /// [`excluded_column_names`](Self::excluded_column_names) (`ColumnWildcard`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub column_names: Vec<String>,
    /// With no `column_names`: the columns the wildcard leaves out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded_column_names: Vec<String>,
}

impl CellFilter {
    /// A filter on `database.table` that lets every row and column through.
    pub fn new(name: impl Into<String>, database: impl Into<String>, table: impl Into<String>) -> Self {
        CellFilter {
            name: name.into(),
            database: database.into(),
            table: table.into(),
            row_filter_expression: None,
            column_names: Vec::new(),
            excluded_column_names: Vec::new(),
        }
    }

    /// Lets only the rows matching `expression` through.
    pub fn row_filter(mut self, expression: impl Into<String>) -> Self {
        self.row_filter_expression = Some(expression.into());
        self
    }

    /// Lets only these columns through.
    pub fn columns<S: Into<String>>(mut self, columns: impl IntoIterator<Item = S>) -> Self {
        self.column_names = columns.into_iter().map(Into::into).collect();
        self
    }

    /// Lets every column but these through.
    pub fn excluding<S: Into<String>>(mut self, columns: impl IntoIterator<Item = S>) -> Self {
        self.excluded_column_names = columns.into_iter().map(Into::into).collect();
        self
    }

    /// Whether the filter lets `column` through.
    pub(crate) fn lets_through(&self, column: &str) -> bool {
        super::grant::lets_through(&self.column_names, &self.excluded_column_names, column)
    }
}
