//! [`ServiceModel`]: what one service's folder answers for its own operations (which they
//! are, how their typed inputs are parsed and validated, which errors their models list), so that
//! the registry in [`crate::services`] dispatches to a service without knowing which it is.

use crate::services::input_error::InputError;
use crate::{ErrorCode, Input, Operation};

/// One service's answers for the operations it models. Each method answers `None` for an
/// operation (or input) that is not this service's, so the registry asks each service in turn.
pub(crate) trait ServiceModel: Sync {
    /// The operations the mock answers for this service, in the order messages list them.
    fn operations(&self) -> Vec<Operation>;

    /// The errors `operation`'s model lists (the SDK decodes these into the operation's error
    /// enum); `None` when `operation` is not this service's.
    fn errors(&self, operation: &Operation) -> Option<&'static [ErrorCode]>;

    /// `operation`'s typed input, rebuilt from a request body; `None` when `operation` is not
    /// this service's.
    fn parse_input(&self, operation: &Operation, body: &[u8]) -> Option<Result<Input, InputError>>;

    /// Checks `input` against its operation's model (the error is the `InvalidInputException`
    /// message); `None` when `input` is not for this service. The request body is there for
    /// what the SDK's input type cannot hold.
    fn validate(&self, input: &Input, body: &[u8]) -> Option<Result<(), String>>;
}
