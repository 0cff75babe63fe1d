//! [`GlueOutput`]: a Glue output a reply carries, one variant per operation the mock answers.

use crate::services::operation::GlueOperation;
use aws_sdk_glue::operation::get_unfiltered_partitions_metadata::GetUnfilteredPartitionsMetadataOutput;
use aws_sdk_glue::operation::get_unfiltered_table_metadata::GetUnfilteredTableMetadataOutput;

/// A Glue output a reply carries.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum GlueOutput {
    TableMetadata(Box<GetUnfilteredTableMetadataOutput>),
    PartitionsMetadata(Box<GetUnfilteredPartitionsMetadataOutput>),
}

impl GlueOutput {
    /// The operation this output answers.
    pub(crate) fn operation(&self) -> GlueOperation {
        match self {
            GlueOutput::TableMetadata(_) => GlueOperation::GetUnfilteredTableMetadata,
            GlueOutput::PartitionsMetadata(_) => GlueOperation::GetUnfilteredPartitionsMetadata,
        }
    }
}
