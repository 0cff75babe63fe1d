//! What Glue's `GetUnfilteredTableMetadata` and `GetUnfilteredPartitionsMetadata` answer from
//! (feature `glue`): table schemas (columns, partition keys, partitions) and the data cell
//! filters that grants name.

use super::LakeBuilder;
use super::model::{LakeModel, Table};
use serde::{Deserialize, Serialize};
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

/// A partition of a partitioned table: its values (one per partition key, in order) and its S3
/// location.
///
/// ```
/// use lakeformation_mock::lake::PartitionSpec;
///
/// let p = PartitionSpec::new(["us"], "s3://lake/sales/orders/region=us/");
/// assert_eq!(p.values, ["us"]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct PartitionSpec {
    /// The partition's values, one per partition key.
    pub values: Vec<String>,
    /// The partition's S3 location.
    pub location: String,
}

impl PartitionSpec {
    /// The partition with these values at `location`.
    pub fn new<S: Into<String>>(values: impl IntoIterator<Item = S>, location: impl Into<String>) -> Self {
        PartitionSpec { values: values.into_iter().map(Into::into).collect(), location: location.into() }
    }
}

/// The schema of a table of the lake (a [`Table`](super::Table) names it by database and name):
/// what Glue's `GetUnfilteredTableMetadata` returns as `Table`.
///
/// ```
/// use lakeformation_mock::lake::{Column, PartitionSpec, TableSchema};
///
/// let s = TableSchema::new("sales", "orders")
///     .column("id", "bigint")
///     .column("amount", "double")
///     .partition_key("region", "string")
///     .partition(PartitionSpec::new(["us"], "s3://lake/sales/orders/region=us/"));
/// assert_eq!(s.all_columns().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["id", "amount", "region"]);
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
    /// The partition keys (`PartitionKeys`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partition_keys: Vec<Column>,
    /// The partitions (`GetUnfilteredPartitionsMetadata`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partitions: Vec<PartitionSpec>,
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
            partitions: Vec::new(),
            table_type: None,
            parameters: BTreeMap::new(),
        }
    }

    /// Adds a data column.
    pub fn column(mut self, name: impl Into<String>, kind: impl Into<String>) -> Self {
        self.columns.push(Column::new(name, kind));
        self
    }

    /// Adds a partition key.
    pub fn partition_key(mut self, name: impl Into<String>, kind: impl Into<String>) -> Self {
        self.partition_keys.push(Column::new(name, kind));
        self
    }

    /// Adds a partition.
    pub fn partition(mut self, partition: PartitionSpec) -> Self {
        self.partitions.push(partition);
        self
    }

    /// Sets a table parameter.
    pub fn parameter(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.parameters.insert(key.into(), value.into());
        self
    }

    /// The data columns, then the partition keys: every column a grant may name.
    pub fn all_columns(&self) -> impl Iterator<Item = &Column> {
        self.columns.iter().chain(&self.partition_keys)
    }

    fn has_column(&self, name: &str) -> bool {
        self.all_columns().any(|c| c.name == name)
    }
}

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
        if self.column_names.is_empty() {
            !self.excluded_column_names.iter().any(|c| c == column)
        } else {
            self.column_names.iter().any(|c| c == column)
        }
    }
}

impl LakeModel {
    /// The schema of `table`, if the lake has one (feature `glue`).
    pub fn schema(&self, table: &Table) -> Option<&TableSchema> {
        self.schemas.iter().find(|s| s.database == table.database && s.table == table.name)
    }

    /// The cell filter `name` on `table` (feature `glue`).
    pub fn cell_filter(&self, table: &Table, name: &str) -> Option<&CellFilter> {
        self.cell_filters.iter().find(|f| f.name == name && f.database == table.database && f.table == table.name)
    }
}

impl LakeBuilder {
    /// Adds a table schema (feature `glue`).
    pub fn schema(mut self, schema: TableSchema) -> Self {
        self.model.schemas.push(schema);
        self
    }

    /// Defines a data cell filter (feature `glue`).
    pub fn cell_filter(mut self, filter: CellFilter) -> Self {
        self.model.cell_filters.push(filter);
        self
    }
}

/// The inconsistencies of the schemas and cell filters of `model`.
pub(super) fn problems(model: &LakeModel) -> Vec<String> {
    let mut problems = model.behavior.query_authorization.problems();
    for (i, schema) in model.schemas.iter().enumerate() {
        let name = format!("{}.{}", schema.database, schema.table);
        let Some(table) = model.find_table(&schema.database, &schema.table) else {
            problems.push(format!("the schema of {name} names a table the lake does not have"));
            continue;
        };
        if model.schemas[..i].iter().any(|s| s.database == schema.database && s.table == schema.table) {
            problems.push(format!("the table {name} has two schemas"));
        }
        let mut seen = Vec::new();
        for column in schema.all_columns() {
            if column.name.is_empty() || column.kind.is_empty() {
                problems.push(format!("a column of {name} has no name or no type"));
            }
            if seen.contains(&column.name.as_str()) {
                problems.push(format!("the column {} of {name} is defined twice", column.name));
            }
            seen.push(&column.name);
        }
        for partition in &schema.partitions {
            if partition.values.len() != schema.partition_keys.len() {
                problems.push(format!(
                    "the partition {:?} of {name} has {} values for {} partition keys",
                    partition.values,
                    partition.values.len(),
                    schema.partition_keys.len()
                ));
            }
            if super::s3::S3Uri::parse(&partition.location).is_none() {
                problems
                    .push(format!("the location `{}` of a partition of {name} is not an S3 URI", partition.location));
            }
        }
        for grant in model.grants.iter().filter(|g| g.database == table.database && g.table == table.name) {
            for column in grant.columns.iter().chain(&grant.excluded_columns).filter(|c| !schema.has_column(c)) {
                problems.push(format!("a grant on {name} names the column {column}, which its schema does not have"));
            }
        }
    }
    for (i, filter) in model.cell_filters.iter().enumerate() {
        let name = format!("{}.{}", filter.database, filter.table);
        let Some(table) = model.find_table(&filter.database, &filter.table) else {
            problems
                .push(format!("the cell filter {} names the table {name}, which the lake does not have", filter.name));
            continue;
        };
        if model.cell_filters[..i]
            .iter()
            .any(|f| f.name == filter.name && f.database == filter.database && f.table == filter.table)
        {
            problems.push(format!("the cell filter {} on {name} is defined twice", filter.name));
        }
        if !filter.column_names.is_empty() && !filter.excluded_column_names.is_empty() {
            problems.push(format!(
                "the cell filter {} on {name} has both ColumnNames and ExcludedColumnNames (a filter lists its columns \
                 or excludes some from all)",
                filter.name
            ));
        }
        if let Some(schema) = model.schema(table) {
            for column in filter.column_names.iter().chain(&filter.excluded_column_names) {
                if !schema.has_column(column) {
                    problems.push(format!(
                        "the cell filter {} on {name} names the column {column}, which its schema does not have",
                        filter.name
                    ));
                }
            }
        }
    }
    problems
}
