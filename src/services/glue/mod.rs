//! Glue's `GetUnfilteredTableMetadata` and `GetUnfilteredPartitionsMetadata` (feature `glue`):
//! routing by `X-Amz-Target`, their awsJson1_1 wire shapes and validation. The public types are
//! re-exported from [`crate::glue`].

#[cfg(feature = "server")]
pub(crate) mod server;
pub mod public;
mod reply_checks;
mod validation;
mod wire;

pub(crate) use crate::record::input::GlueInput;
pub(crate) use crate::services::operation::{GlueOperation, TARGET_PREFIX};
use crate::{ErrorCode, Operation};
use aws_sdk_glue::operation::get_unfiltered_partitions_metadata::GetUnfilteredPartitionsMetadataOutput;
use aws_sdk_glue::operation::get_unfiltered_table_metadata::GetUnfilteredTableMetadataOutput;

pub(crate) use reply_checks::problem as output_problem;
pub(crate) use validation::{ONE_PERMISSION_TYPE, validate};
pub(crate) use wire::{CONTENT_TYPE, parse_input, partitions_metadata_body, table_metadata_body};

/// The errors Glue's model lists for both operations that [`ErrorCode`] names (the model also
/// lists `FederationSourceException` and `FederationSourceRetryableException`, which a rule
/// sends with [`ServiceError::custom`](crate::ServiceError::custom)). `AccessDeniedException`
/// is not among them, though Glue sends it: the SDK decodes it as `Unhandled`, with its code.
pub(crate) const ERRORS: &[ErrorCode] = &[
    ErrorCode::EntityNotFound,
    ErrorCode::InvalidInput,
    ErrorCode::InternalService,
    ErrorCode::OperationTimeout,
    ErrorCode::GlueEncryption,
    ErrorCode::PermissionTypeMismatch,
];

/// The operation a request names: a request with `X-Amz-Target: AWSGlue.<Operation>` is Glue's
/// (a Glue operation the mock does not answer is `Operation::Other("AWSGlue.<Operation>")`);
/// any other keeps the operation its path names. `target` is the request's `X-Amz-Target` header.
pub(crate) fn route(target: Option<&str>, by_path: Operation) -> Operation {
    let Some(target) = target else { return by_path };
    let Some(name) = target.strip_prefix(TARGET_PREFIX) else { return by_path };
    match GlueOperation::from_name(name) {
        Some(operation) => Operation::Glue(operation),
        None => Operation::Other(target.to_owned()),
    }
}

/// The Glue operations the mock answers, in the order messages list them.
pub(crate) const OPERATIONS: &[GlueOperation] =
    &[GlueOperation::GetUnfilteredTableMetadata, GlueOperation::GetUnfilteredPartitionsMetadata];

/// How to script an answer to `operation`, in Rust.
pub(crate) fn how_to_script(operation: GlueOperation) -> String {
    match operation {
        GlueOperation::GetUnfilteredTableMetadata => {
            "Rule::unfiltered_table_metadata().respond_with(GetUnfilteredTableMetadataOutput::builder()...build()).mount(&mock), \
             or mount a lake with the table's schema (Lake::builder()...schema(TableSchema::new(..)))"
                .into()
        }
        GlueOperation::GetUnfilteredPartitionsMetadata => {
            "Rule::unfiltered_partitions_metadata().respond_with(GetUnfilteredPartitionsMetadataOutput::builder()...build()).mount(&mock), \
             or mount a lake with the table's schema (Lake::builder()...schema(TableSchema::new(..)))"
                .into()
        }
    }
}

/// A Glue output a reply carries.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum GlueOutput {
    TableMetadata(Box<GetUnfilteredTableMetadataOutput>),
    PartitionsMetadata(Box<GetUnfilteredPartitionsMetadataOutput>),
}

impl GlueOutput {
    pub(crate) fn operation(&self) -> GlueOperation {
        match self {
            GlueOutput::TableMetadata(_) => GlueOperation::GetUnfilteredTableMetadata,
            GlueOutput::PartitionsMetadata(_) => GlueOperation::GetUnfilteredPartitionsMetadata,
        }
    }
}
