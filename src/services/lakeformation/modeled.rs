//! [`Modeled`]: what the mock knows of one modeled Lake Formation operation; each operation's
//! module has one, listed in [`REGISTRY`](super::REGISTRY).

use crate::services::input_error::InputError;
use crate::services::validation::Violations;
use crate::{ErrorCode, Input, Operation};

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
