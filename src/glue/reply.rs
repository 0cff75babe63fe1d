//! Glue replies and rules: the SDK's Glue outputs and errors as [`Reply`]s, rules for the two
//! operations, and the journal's Glue inputs.

use super::{GlueInput, GlueOperation, GlueOutput};
use crate::reply::ReplyKind;
use crate::{Journal, Operation, Reply, Rule, ServiceError};
use aws_sdk_glue::error::ProvideErrorMetadata;
use aws_sdk_glue::operation::get_unfiltered_partitions_metadata::{
    GetUnfilteredPartitionsMetadataError, GetUnfilteredPartitionsMetadataInput, GetUnfilteredPartitionsMetadataOutput,
};
use aws_sdk_glue::operation::get_unfiltered_table_metadata::{
    GetUnfilteredTableMetadataError, GetUnfilteredTableMetadataInput, GetUnfilteredTableMetadataOutput,
};

impl From<GetUnfilteredTableMetadataOutput> for Reply {
    fn from(output: GetUnfilteredTableMetadataOutput) -> Self {
        Reply::traced(ReplyKind::Glue(GlueOutput::TableMetadata(Box::new(output))), None)
    }
}

impl From<GetUnfilteredPartitionsMetadataOutput> for Reply {
    fn from(output: GetUnfilteredPartitionsMetadataOutput) -> Self {
        Reply::traced(ReplyKind::Glue(GlueOutput::PartitionsMetadata(Box::new(output))), None)
    }
}

/// A Glue error's code and message, with Glue's status (500 for `InternalServiceException`).
fn glue_error(code: Option<&str>, message: Option<&str>) -> Reply {
    let code = code.unwrap_or("InternalServiceException");
    let status = if code == "InternalServiceException" { 500 } else { 400 };
    ServiceError::custom(code, message.map(str::to_owned), status).into()
}

impl From<GetUnfilteredTableMetadataError> for Reply {
    /// The error as Glue sends it: its code (`EntityNotFoundException`...) and message, status
    /// 400 (500 for `InternalServiceException`).
    fn from(error: GetUnfilteredTableMetadataError) -> Self {
        glue_error(error.code(), error.message())
    }
}

impl From<GetUnfilteredPartitionsMetadataError> for Reply {
    /// The error as Glue sends it (see the table-metadata error's conversion).
    fn from(error: GetUnfilteredPartitionsMetadataError) -> Self {
        glue_error(error.code(), error.message())
    }
}

impl Reply {
    /// The `GetUnfilteredTableMetadata` output, if this reply is one (feature `glue`).
    pub fn unfiltered_table_metadata_output(&self) -> Option<&GetUnfilteredTableMetadataOutput> {
        match &self.inner.kind {
            ReplyKind::Glue(GlueOutput::TableMetadata(output)) => Some(output),
            _ => None,
        }
    }

    /// The `GetUnfilteredPartitionsMetadata` output, if this reply is one (feature `glue`).
    pub fn unfiltered_partitions_metadata_output(&self) -> Option<&GetUnfilteredPartitionsMetadataOutput> {
        match &self.inner.kind {
            ReplyKind::Glue(GlueOutput::PartitionsMetadata(output)) => Some(output),
            _ => None,
        }
    }
}

impl Rule {
    /// A rule for Glue's `GetUnfilteredTableMetadata` (feature `glue`).
    pub fn unfiltered_table_metadata() -> Self {
        Rule::for_operation(Operation::Glue(GlueOperation::GetUnfilteredTableMetadata))
    }

    /// A rule for Glue's `GetUnfilteredPartitionsMetadata` (feature `glue`).
    pub fn unfiltered_partitions_metadata() -> Self {
        Rule::for_operation(Operation::Glue(GlueOperation::GetUnfilteredPartitionsMetadata))
    }
}

impl Journal {
    /// The Glue inputs received, in order (feature `glue`).
    pub fn glue_inputs(&self) -> Vec<GlueInput> {
        self.all().iter().filter_map(|r| r.input().and_then(crate::Input::as_glue).cloned()).collect()
    }

    /// The `GetUnfilteredTableMetadata` inputs received, in order (feature `glue`).
    pub fn unfiltered_table_metadata_inputs(&self) -> Vec<GetUnfilteredTableMetadataInput> {
        self.all()
            .iter()
            .filter_map(|r| r.input().and_then(crate::Input::as_unfiltered_table_metadata).cloned())
            .collect()
    }

    /// The `GetUnfilteredPartitionsMetadata` inputs received, in order (feature `glue`).
    pub fn unfiltered_partitions_metadata_inputs(&self) -> Vec<GetUnfilteredPartitionsMetadataInput> {
        self.all()
            .iter()
            .filter_map(|r| r.input().and_then(crate::Input::as_unfiltered_partitions_metadata).cloned())
            .collect()
    }
}
