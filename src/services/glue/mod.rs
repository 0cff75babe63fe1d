//! Glue's `GetUnfilteredTableMetadata` and `GetUnfilteredPartitionsMetadata` (feature `glue`):
//! routing by `X-Amz-Target`, their awsJson1_1 wire shapes and validation. The public types are
//! re-exported from [`crate::glue`].

#[cfg(feature = "server")]
pub(crate) mod server;
pub mod public;
mod output;
mod reply_checks;
mod validation;
mod wire;

pub(crate) use crate::record::input::GlueInput;
pub(crate) use crate::services::operation::{GlueOperation, TARGET_PREFIX};
use crate::{ErrorCode, Operation};

pub(crate) use output::GlueOutput;
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

/// The operation a Glue request's `target` (its `X-Amz-Target`, `AWSGlue.<Operation>`) names: a
/// Glue operation the mock does not answer is `Operation::Other("AWSGlue.<Operation>")`. Called
/// by [`crate::services::route`] once it knows the request is Glue's.
pub(crate) fn route(target: &str) -> Operation {
    let name = target.strip_prefix(TARGET_PREFIX).unwrap_or(target);
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
