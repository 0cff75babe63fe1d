//! Glue's `GetUnfilteredTableMetadata` and `GetUnfilteredPartitionsMetadata` (feature `glue`):
//! routing by `X-Amz-Target`, their awsJson1_1 wire shapes and validation, their modeled errors,
//! and Glue's answers to the services' registry ([`Glue`]). The public types are re-exported
//! from [`crate::glue`].

#[cfg(feature = "server")]
pub(crate) mod server;
pub mod public;
mod output;
mod reply_checks;
mod validation;
mod wire;

pub(crate) use crate::record::input::GlueInput;
use crate::services::input_error::InputError;
pub(crate) use crate::services::operation::{GlueOperation, TARGET_PREFIX};
use crate::services::service_model::ServiceModel;
use crate::{ErrorCode, Input, Operation};

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

/// AWS Glue, as the services' registry sees it: its [`OPERATIONS`], each listing [`ERRORS`].
pub(crate) struct Glue;

impl ServiceModel for Glue {
    fn operations(&self) -> Vec<Operation> {
        OPERATIONS.iter().map(|operation| Operation::Glue(*operation)).collect()
    }

    fn errors(&self, operation: &Operation) -> Option<&'static [ErrorCode]> {
        // Glue's model lists its own errors for both operations (not AccessDenied, which Glue
        // sends anyway and the SDK decodes as `Unhandled` with its code).
        matches!(operation, Operation::Glue(_)).then_some(ERRORS)
    }

    fn parse_input(&self, operation: &Operation, body: &[u8]) -> Option<Result<Input, InputError>> {
        let Operation::Glue(operation) = operation else { return None };
        Some(parse_input(*operation, body).map(Input::Glue))
    }

    fn validate(&self, input: &Input, _body: &[u8]) -> Option<Result<(), String>> {
        let Input::Glue(input) = input else { return None };
        Some(validate(input))
    }
}

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
