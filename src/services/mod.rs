//! The modeled operations: one module each, listed once in [`REGISTRY`].
//!
//! Everything that differs between operations lives in the operation's module: its wire
//! shapes (the request body in, the output body out), how its typed input is built, its model
//! constraints, and its modeled errors. Adding an operation is one module here, its line in
//! [`REGISTRY`], and a variant in each of the public enums that name operations
//! ([`Operation`], [`Input`], [`Output`]).

pub(crate) mod error_code;
#[cfg(feature = "glue")]
pub(crate) mod glue;
pub(crate) mod json_checks;
pub(crate) mod lakeformation;
pub(crate) mod operation;
pub(crate) mod validation;
pub(crate) mod wire;

use lakeformation::{data_location, partition as glue_partition, table as glue_table};

use crate::services::validation::Violations;
use crate::{ErrorCode, Input, Operation};
use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsOutput;
use aws_sdk_lakeformation::operation::get_temporary_glue_partition_credentials::GetTemporaryGluePartitionCredentialsOutput;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsOutput;
use aws_smithy_types::DateTime;
use std::fmt;

/// Why a request body could not be rebuilt into a typed [`Input`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// The path names an operation the mock does not model.
    #[error("`{0}` is not an operation lakeformation-mock models (it answers {names})", names = served_names("and"))]
    UnsupportedOperation(String),
    /// The body is not the JSON the operation expects.
    #[error("the {operation} request body is not valid: {shown} at line {line} column {column}", shown = crate::explain::echo::capped_quotes(message))]
    Malformed {
        /// The operation the path named.
        operation: String,
        /// What was wrong, in serde_json's words.
        message: String,
        /// 1-based line of the problem in the body.
        line: usize,
        /// 1-based column of the problem in the body.
        column: usize,
    },
    /// The body was a stream, not bytes in memory.
    #[error("the request body is a stream; the SDK always sends these operations' bodies in memory")]
    StreamingBody,
}

/// What the mock knows of one modeled operation.
pub(crate) struct Modeled {
    /// The operation (its wire name is [`Operation::name`]).
    pub(crate) operation: Operation,
    /// The `Rule` constructor that answers it, as Rust: `Rule::table_credentials()`.
    pub(crate) rule: &'static str,
    /// The SDK output type's name, for hints.
    pub(crate) output_type: &'static str,
    /// The error codes its model lists (the SDK decodes these into the operation's error enum).
    pub(crate) errors: &'static [ErrorCode],
    /// Its typed input, rebuilt from a request body (an empty body reads as `{}`).
    pub(crate) parse: fn(&[u8]) -> Result<Input, InputError>,
    /// The model's constraints its input breaks, in member order. The request body is there
    /// for what the SDK's input type cannot hold (a partition without `Values`).
    pub(crate) validate: fn(&Input, &[u8]) -> Violations,
}

/// Every operation the mock models, in the order messages list them.
pub(crate) static REGISTRY: &[&Modeled] = &[&glue_table::MODELED, &data_location::MODELED, &glue_partition::MODELED];

/// The model of `operation`, if the mock models it.
pub(crate) fn find(operation: &Operation) -> Option<&'static Modeled> {
    REGISTRY.iter().copied().find(|m| m.operation == *operation)
}

/// The Lake Formation operations' names, as a sentence: `A, B and C` (`conjunction` "and"), or
/// `A, B or C`.
pub(crate) fn names(conjunction: &str) -> String {
    sentence(REGISTRY.iter().map(|m| m.operation.name()).collect(), conjunction)
}

/// Every operation the mock serves, as [`names`] writes them: Lake Formation's, then (feature
/// `glue`) Glue's.
pub(crate) fn served_names(conjunction: &str) -> String {
    #[allow(unused_mut)] // without `glue`, nothing is added
    let mut names: Vec<&str> = REGISTRY.iter().map(|m| m.operation.name()).collect();
    #[cfg(feature = "glue")]
    names.extend(glue::OPERATIONS.iter().map(|op| op.name()));
    sentence(names, conjunction)
}

fn sentence(names: Vec<&str>, conjunction: &str) -> String {
    match names.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} {conjunction} {last}", rest.join(", ")),
        None => String::new(),
    }
}

impl ErrorCode {
    /// Whether `operation`'s model lists this error, so that the SDK decodes it into that
    /// operation's error enum (otherwise it arrives as `Unhandled`, with its code).
    ///
    /// ```
    /// use lakeformation_mock::{ErrorCode, Operation};
    ///
    /// assert!(ErrorCode::PermissionTypeMismatch.is_modeled_for(&Operation::GetTemporaryGlueTableCredentials));
    /// assert!(!ErrorCode::PermissionTypeMismatch.is_modeled_for(&Operation::GetTemporaryDataLocationCredentials));
    /// ```
    pub fn is_modeled_for(self, operation: &Operation) -> bool {
        // Glue's model lists its own errors for both operations (not AccessDenied, which Glue
        // sends anyway and the SDK decodes as `Unhandled` with its code).
        #[cfg(feature = "glue")]
        if let Operation::Glue(_) = operation {
            return glue::ERRORS.contains(&self);
        }
        find(operation).is_some_and(|m| m.errors.contains(&self))
    }
}

/// A modeled operation's output, as the SDK's own type.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Output {
    GlueTable(GetTemporaryGlueTableCredentialsOutput),
    DataLocation(GetTemporaryDataLocationCredentialsOutput),
    GluePartition(GetTemporaryGluePartitionCredentialsOutput),
}

impl Output {
    /// The operation this output answers.
    pub(crate) fn operation(&self) -> Operation {
        match self {
            Output::GlueTable(_) => Operation::GetTemporaryGlueTableCredentials,
            Output::DataLocation(_) => Operation::GetTemporaryDataLocationCredentials,
            Output::GluePartition(_) => Operation::GetTemporaryGluePartitionCredentials,
        }
    }

    /// The JSON body the service sends with it.
    pub(crate) fn body(&self) -> Result<Vec<u8>, String> {
        match self {
            Output::GlueTable(output) => glue_table::output_body(output),
            Output::DataLocation(output) => data_location::output_body(output),
            Output::GluePartition(output) => glue_partition::output_body(output),
        }
    }

    /// Adds the output's fields to a `Debug` of its reply, secrets redacted.
    pub(crate) fn debug_fields<'s, 'a, 'b>(
        &self,
        s: &'s mut fmt::DebugStruct<'a, 'b>,
    ) -> &'s mut fmt::DebugStruct<'a, 'b> {
        match self {
            Output::GlueTable(output) => glue_table::debug_fields(output, s),
            Output::DataLocation(output) => data_location::debug_fields(output, s),
            Output::GluePartition(output) => glue_partition::debug_fields(output, s),
        }
    }

    /// The same output with its credentials' `Expiration` set.
    pub(crate) fn expiring_at(&self, expiration: DateTime) -> Output {
        match self {
            Output::GlueTable(output) => Output::GlueTable(glue_table::expiring_at(output, expiration)),
            Output::DataLocation(output) => Output::DataLocation(data_location::expiring_at(output, expiration)),
            Output::GluePartition(output) => Output::GluePartition(glue_partition::expiring_at(output, expiration)),
        }
    }
}

/// Checks `input` against its operation's model; the error is the `InvalidInputException`
/// message.
pub(crate) fn validate(input: &Input, body: &[u8]) -> Result<(), String> {
    #[cfg(feature = "glue")]
    if let Input::Glue(input) = input {
        return glue::validate(input);
    }
    match find(&input.operation()) {
        Some(modeled) => (modeled.validate)(input, body).into_result()?,
        None => return Ok(()),
    }
    // Within the model, still no table: the service refuses a `TableArn` it cannot read.
    // (`Input::table_arn` is the table and partition operations' `TableArn`.)
    crate::services::validation::table_arn_problem(input.table_arn()).map_or(Ok(()), Err)
}

/// Rebuilds the typed input of `operation` from a request body.
pub(crate) fn parse_input(operation: &Operation, body: &[u8]) -> Result<Input, InputError> {
    #[cfg(feature = "glue")]
    if let Operation::Glue(glue) = operation {
        return glue::parse_input(*glue, body).map(Input::Glue);
    }
    match find(operation) {
        Some(modeled) => (modeled.parse)(body),
        None => Err(InputError::UnsupportedOperation(operation.name().to_owned())),
    }
}

impl From<GetTemporaryGlueTableCredentialsOutput> for Output {
    fn from(output: GetTemporaryGlueTableCredentialsOutput) -> Self {
        Output::GlueTable(output)
    }
}

impl From<GetTemporaryDataLocationCredentialsOutput> for Output {
    fn from(output: GetTemporaryDataLocationCredentialsOutput) -> Self {
        Output::DataLocation(output)
    }
}

impl From<GetTemporaryGluePartitionCredentialsOutput> for Output {
    fn from(output: GetTemporaryGluePartitionCredentialsOutput) -> Self {
        Output::GluePartition(output)
    }
}
