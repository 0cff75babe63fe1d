//! The Glue shapes the handshake answers with, built from the lake's schemas (feature `glue`).

use crate::lake::schema::{Column, TableSchema};
use aws_sdk_glue::types::{Column as GlueColumn, StorageDescriptor};

/// The schema's columns as Glue lists them.
pub(super) fn glue_columns(columns: &[Column]) -> Vec<GlueColumn> {
    columns
        .iter()
        .map(|c| GlueColumn::builder().name(&c.name).r#type(&c.kind).build().expect("a column has a name"))
        .collect()
}

/// The `StorageDescriptor` of a table or partition at `location`: the schema's columns and the location.
pub(super) fn storage(schema: &TableSchema, location: &str) -> StorageDescriptor {
    StorageDescriptor::builder().set_columns(Some(glue_columns(&schema.columns))).location(location).build()
}
