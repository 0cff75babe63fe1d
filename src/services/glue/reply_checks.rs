//! Glue's outputs checked against its model (botocore's `glue/2017-03-31/service-2.json`) before
//! they are sent: a scripted output that Glue could never send fails the call with a message that
//! names the member, instead of reaching the engine under test as a plausible answer.
//!
//! | member | constraint |
//! |---|---|
//! | `Table` (`GetUnfilteredTableMetadata`) | present: Glue always describes the table it authorized (the model leaves it optional, but an answer without it authorizes nothing) |
//! | `Table.Name`, `.DatabaseName`, `.Owner`, `.CreatedBy`, `.CatalogId`, `.VersionId` | length 1 to 255; single-line text |
//! | `Table.Description` | length 0 to 2,048 |
//! | `Table.Retention` | 0 or more |
//! | `Table.TableType` | length 0 to 255 |
//! | `Column.Name` (`StorageDescriptor.Columns`, `PartitionKeys`) | length 1 to 255; single-line text |
//! | `Column.Type` | length 0 to 131,072; `Column.Comment` 0 to 255 |
//! | `StorageDescriptor.Location` | length 0 to 2,056; `InputFormat`, `OutputFormat` 0 to 128 |
//! | `AuthorizedColumns` (table and partitions), `CellFilters.ColumnName` | each of length 1 to 255 |
//! | `CellFilters.RowFilterExpression`, `RowFilter` | length 0 to 2,048 |
//! | `QueryAuthorizationId` | length 1 to 255; single-line text |
//! | `ResourceArn` | length 20 to 2,048 |
//! | `Permissions` | each one of Glue's `Permission` enum |
//! | `UnfilteredPartitions.Partition.DatabaseName`, `.TableName`, `.CatalogId` | length 1 to 255 |

use super::output::GlueOutput;
use crate::services::validation::Violations;
use aws_sdk_glue::types::{Column, Partition, StorageDescriptor, Table};
use std::fmt::Display;

// Field names built from an index (`Table.PartitionKeys[3].Name`) are `format_args!`, formatted
// only when a member breaks the model: the lake's every Glue answer passes through here.

/// A single-line text of the model's `NameString` shape (and its 1..255 kin).
fn name(v: &mut Violations, value: Option<&str>, field: impl Display + Copy) {
    if let Some(value) = value {
        v.text(value, field, 1, 255);
    }
}

fn columns(v: &mut Violations, columns: Option<&[Column]>, field: impl Display + Copy) {
    for (i, column) in columns.into_iter().flatten().enumerate() {
        v.text(column.name(), format_args!("{field}[{i}].Name"), 1, 255);
        if let Some(kind) = column.r#type() {
            v.length(kind, format_args!("{field}[{i}].Type"), 0, 131_072);
        }
        if let Some(comment) = column.comment() {
            v.length(comment, format_args!("{field}[{i}].Comment"), 0, 255);
        }
    }
}

fn storage(v: &mut Violations, sd: Option<&StorageDescriptor>, field: impl Display + Copy) {
    let Some(sd) = sd else { return };
    columns(v, sd.columns.as_deref(), format_args!("{field}.Columns"));
    for (value, member, max) in [
        (sd.location(), "Location", 2056),
        (sd.input_format(), "InputFormat", 128),
        (sd.output_format(), "OutputFormat", 128),
    ] {
        if let Some(value) = value {
            v.length(value, format_args!("{field}.{member}"), 0, max);
        }
    }
}

fn table(v: &mut Violations, table: &Table) {
    v.text(table.name(), "Table.Name", 1, 255);
    for (value, field) in [
        (table.database_name(), "Table.DatabaseName"),
        (table.owner(), "Table.Owner"),
        (table.created_by(), "Table.CreatedBy"),
        (table.catalog_id(), "Table.CatalogId"),
        (table.version_id(), "Table.VersionId"),
    ] {
        name(v, value, field);
    }
    if let Some(description) = table.description() {
        v.length(description, "Table.Description", 0, 2048);
    }
    if table.retention() < 0 {
        v.push(
            &format!("'{}'", table.retention()),
            "Table.Retention",
            "Member must have value greater than or equal to 0",
        );
    }
    if let Some(kind) = table.table_type() {
        v.length(kind, "Table.TableType", 0, 255);
    }
    storage(v, table.storage_descriptor(), "Table.StorageDescriptor");
    columns(v, table.partition_keys.as_deref(), "Table.PartitionKeys");
}

fn column_names(v: &mut Violations, names: Option<&[String]>, field: impl Display + Copy) {
    for (i, column) in names.into_iter().flatten().enumerate() {
        v.text(column, format_args!("{field}[{i}]"), 1, 255);
    }
}

fn partition(v: &mut Violations, partition: &Partition, field: impl Display + Copy) {
    for (value, member) in [
        (partition.database_name(), "DatabaseName"),
        (partition.table_name(), "TableName"),
        (partition.catalog_id(), "CatalogId"),
    ] {
        name(v, value, format_args!("{field}.{member}"));
    }
    storage(v, partition.storage_descriptor(), format_args!("{field}.StorageDescriptor"));
}

/// The model's constraints `output` breaks, as `N validation error(s) detected: ...`, with the
/// members named as Glue's JSON names them (`Table.Name`).
pub(crate) fn check(output: &GlueOutput) -> Result<(), String> {
    let mut v = Violations::default();
    match output {
        GlueOutput::TableMetadata(o) => {
            match o.table() {
                None => v.push("null", "Table", "Member must not be null"),
                Some(t) => table(&mut v, t),
            }
            column_names(&mut v, o.authorized_columns.as_deref(), "AuthorizedColumns");
            for (i, filter) in o.cell_filters().iter().enumerate() {
                name(&mut v, filter.column_name(), format_args!("CellFilters[{i}].ColumnName"));
                if let Some(expression) = filter.row_filter_expression() {
                    v.length(expression, format_args!("CellFilters[{i}].RowFilterExpression"), 0, 2048);
                }
            }
            name(&mut v, o.query_authorization_id(), "QueryAuthorizationId");
            if let Some(arn) = o.resource_arn() {
                v.length(arn, "ResourceArn", 20, 2048);
            }
            v.enum_list(o.permissions.as_deref(), "Permissions", 0, usize::MAX);
            if let Some(filter) = o.row_filter() {
                v.length(filter, "RowFilter", 0, 2048);
            }
        }
        GlueOutput::PartitionsMetadata(o) => {
            for (i, p) in o.unfiltered_partitions().iter().enumerate() {
                if let Some(p) = p.partition() {
                    partition(&mut v, p, format_args!("UnfilteredPartitions[{i}].Partition"));
                }
                column_names(
                    &mut v,
                    p.authorized_columns.as_deref(),
                    format_args!("UnfilteredPartitions[{i}].AuthorizedColumns"),
                );
            }
        }
    }
    v.into_result()
}

/// Why `output` cannot be sent, in the test writer's terms, if it cannot (`scripted`: a rule's
/// reply, else the simulated lake's).
pub(crate) fn problem(output: &GlueOutput, scripted: bool) -> Option<String> {
    let found = check(output).err()?;
    let operation = output.operation();
    if !scripted {
        // The lake answers from its model: the value to change is there, not in a reply.
        return Some(format!(
            "lakeformation-mock: the simulated lake's {operation} output breaks Glue's model, so Glue never sends \
             it: {found}. Change the lake's table, schema or cell filter that gives this member (`Lake::builder()`, \
             or the fixture's `lake` keys) so that it keeps within its constraint"
        ));
    }
    let fix = match output {
        GlueOutput::TableMetadata(_) => {
            "Set what the model requires (a Table with its Name: `.table(Table::builder().name(\"orders\").build()?)`) \
             and keep each member within its constraint"
        }
        GlueOutput::PartitionsMetadata(_) => "Keep each member within its constraint",
    };
    Some(format!(
        "lakeformation-mock: the scripted {operation} output breaks Glue's model, so Glue never sends it: {found}. \
         {fix}; to send such a body anyway, script a RawResponse with it"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_glue::operation::get_unfiltered_table_metadata::GetUnfilteredTableMetadataOutput;

    #[test]
    fn an_output_without_a_table_names_the_table() {
        let output = GlueOutput::TableMetadata(Box::new(GetUnfilteredTableMetadataOutput::builder().build()));
        assert_eq!(
            check(&output),
            Err("1 validation error detected: Value null at 'Table' failed to satisfy constraint: Member must not be null"
                .to_owned())
        );
        let table = Table::builder().name("orders").build().unwrap();
        let output = GetUnfilteredTableMetadataOutput::builder().table(table).build();
        assert_eq!(check(&GlueOutput::TableMetadata(Box::new(output))), Ok(()));
    }

    #[test]
    fn a_lake_output_out_of_the_model_says_to_change_the_lake_not_to_script_a_reply() {
        let output = GlueOutput::TableMetadata(Box::new(GetUnfilteredTableMetadataOutput::builder().build()));
        let lake = problem(&output, false).unwrap();
        assert!(lake.contains("Change the lake's table") && lake.contains("fixture's `lake` keys"), "{lake}");
        assert!(!lake.contains("RawResponse") && !lake.contains(".table(Table::builder()"), "{lake}");
        let scripted = problem(&output, true).unwrap();
        assert!(
            scripted.contains("script a RawResponse") && scripted.contains(".table(Table::builder()"),
            "{scripted}"
        );
    }
}
