//! The services the mock answers, one folder each (`lakeformation/`, `glue/`), and the one
//! registry of them ([`SERVICES`]): it routes a request to its service and operation
//! ([`route`]) and dispatches to the service that answers for the operation: parsing an input
//! ([`parse_input`]), validating it ([`validate`]) and which errors an operation's model lists
//! ([`ErrorCode::is_modeled_for`]). Each service answers through its [`ServiceModel`]. The
//! connector and the server both route with [`route`].
//!
//! Everything that differs between operations lives in the operation's module in its service's
//! folder: its wire shapes, how its typed input is built, its model constraints, and its modeled
//! errors. Adding a Lake Formation operation is one module in `lakeformation/` with its
//! `MODELED`, its line in `lakeformation::REGISTRY`, and a variant in each of the enums that name
//! operations ([`Operation`], [`Input`], [`Output`]). Adding a service is its folder, with its
//! operations, their `ERRORS` and its [`ServiceModel`], its line in [`SERVICES`], and its
//! [`Service`](route::Service) variant and test in [`route`](mod@route).

pub(crate) mod error_code;
#[cfg(feature = "glue")]
pub(crate) mod glue;
pub(crate) mod input_error;
pub(crate) mod json_checks;
pub(crate) mod lakeformation;
pub(crate) mod operation;
pub(crate) mod route;
#[cfg(feature = "s3")]
pub(crate) mod s3;
mod sentence;
#[cfg(any(feature = "sts", feature = "s3"))]
pub(crate) mod sigv4;
pub(crate) mod service_model;
#[cfg(feature = "sts")]
pub(crate) mod sts;
pub(crate) mod validation;
pub(crate) mod wire;

pub use input_error::InputError;
pub(crate) use lakeformation::{find, names};
pub(crate) use route::route;

use crate::{ErrorCode, Input, Operation};
use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsOutput;
use aws_sdk_lakeformation::operation::get_temporary_glue_partition_credentials::GetTemporaryGluePartitionCredentialsOutput;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsOutput;
use aws_smithy_types::DateTime;
use lakeformation::{data_location, partition, table};
use sentence::sentence;
use service_model::ServiceModel;
use std::fmt;

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::UnsupportedOperation(name) => {
                write!(f, "`{name}` is not an operation lakeformation-mock models (it answers {})", served_names("and"))
            }
            InputError::Malformed { operation, message, line, column } => write!(
                f,
                "the {operation} request body is not valid: {} at line {line} column {column}",
                crate::explain::echo::capped_quotes(message)
            ),
            InputError::StreamingBody => {
                f.write_str("the request body is a stream; the SDK always sends these operations' bodies in memory")
            }
        }
    }
}

impl std::error::Error for InputError {}

/// Every service the mock answers, in the order messages list their operations: Lake
/// Formation's, then (feature `glue`) Glue's, then (feature `sts`) STS's.
pub(crate) static SERVICES: &[&dyn ServiceModel] = &[
    &lakeformation::LakeFormation,
    #[cfg(feature = "glue")]
    &glue::Glue,
    #[cfg(feature = "sts")]
    &sts::Sts,
];

/// Every operation the mock serves, as [`names`] writes them, service by service.
pub(crate) fn served_names(conjunction: &str) -> String {
    served_names_of(|_| true, conjunction)
}

/// The operations the mock serves that `keep` keeps, as [`names`] writes them, service by
/// service.
pub(crate) fn served_names_of(keep: impl Fn(&Operation) -> bool, conjunction: &str) -> String {
    let operations: Vec<Operation> =
        SERVICES.iter().flat_map(|service| service.operations()).filter(|operation| keep(operation)).collect();
    sentence(operations.iter().map(Operation::name).collect(), conjunction)
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
        SERVICES.iter().find_map(|service| service.errors(operation)).is_some_and(|errors| errors.contains(&self))
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
            Output::GlueTable(output) => table::output_body(output),
            Output::DataLocation(output) => data_location::output_body(output),
            Output::GluePartition(output) => partition::output_body(output),
        }
    }

    /// Adds the output's fields to a `Debug` of its reply, secrets redacted.
    pub(crate) fn debug_fields<'s, 'a, 'b>(
        &self,
        s: &'s mut fmt::DebugStruct<'a, 'b>,
    ) -> &'s mut fmt::DebugStruct<'a, 'b> {
        match self {
            Output::GlueTable(output) => table::debug_fields(output, s),
            Output::DataLocation(output) => data_location::debug_fields(output, s),
            Output::GluePartition(output) => partition::debug_fields(output, s),
        }
    }

    /// The same output with its credentials' `Expiration` set.
    pub(crate) fn expiring_at(&self, expiration: DateTime) -> Output {
        match self {
            Output::GlueTable(output) => Output::GlueTable(table::expiring_at(output, expiration)),
            Output::DataLocation(output) => Output::DataLocation(data_location::expiring_at(output, expiration)),
            Output::GluePartition(output) => Output::GluePartition(partition::expiring_at(output, expiration)),
        }
    }
}

/// Checks `input` against its operation's model; the error is the `InvalidInputException`
/// message. An input of no service's operation passes.
pub(crate) fn validate(input: &Input, body: &[u8]) -> Result<(), String> {
    SERVICES.iter().find_map(|service| service.validate(input, body)).unwrap_or(Ok(()))
}

/// Rebuilds the typed input of `operation` from a request body.
pub(crate) fn parse_input(operation: &Operation, body: &[u8]) -> Result<Input, InputError> {
    SERVICES
        .iter()
        .find_map(|service| service.parse_input(operation, body))
        .unwrap_or_else(|| Err(InputError::UnsupportedOperation(operation.name().to_owned())))
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
