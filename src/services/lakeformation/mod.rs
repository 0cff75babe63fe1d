//! AWS Lake Formation's operations: one module each (its wire shapes, how its typed input is
//! built, its model constraints, its modeled errors and its output), the shapes they share, the
//! service's enum vocabularies, its registry ([`REGISTRY`]) of the operations it models, and its answers to the services'
//! registry ([`LakeFormation`]).

pub(crate) mod data_location;
pub(crate) mod modeled;
pub(crate) mod partition;
pub(crate) mod shapes;
pub(crate) mod table;
pub(crate) mod vocabulary;

use crate::services::input_error::InputError;
use crate::services::sentence::sentence;
use crate::services::service_model::ServiceModel;
use crate::services::validation::table_arn_problem;
use crate::{ErrorCode, Input, Operation};
pub(crate) use modeled::Modeled;

/// Every Lake Formation operation the mock models, in the order messages list them.
pub(crate) static REGISTRY: &[&Modeled] = &[&table::MODELED, &data_location::MODELED, &partition::MODELED];

/// The model of `operation`, if it is a Lake Formation operation the mock models.
pub(crate) fn find(operation: &Operation) -> Option<&'static Modeled> {
    REGISTRY.iter().copied().find(|m| m.operation == *operation)
}

/// The Lake Formation operations' names, as a sentence: `A, B and C` (`conjunction` "and"), or
/// `A, B or C`.
pub(crate) fn names(conjunction: &str) -> String {
    sentence(REGISTRY.iter().map(|m| m.operation.name()).collect(), conjunction)
}

/// AWS Lake Formation, as the services' registry sees it: each answer comes from the
/// operation's [`Modeled`] in [`REGISTRY`].
pub(crate) struct LakeFormation;

impl ServiceModel for LakeFormation {
    fn operations(&self) -> Vec<Operation> {
        REGISTRY.iter().map(|m| m.operation.clone()).collect()
    }

    fn errors(&self, operation: &Operation) -> Option<&'static [ErrorCode]> {
        find(operation).map(|m| m.errors)
    }

    fn parse_input(&self, operation: &Operation, body: &[u8]) -> Option<Result<Input, InputError>> {
        find(operation).map(|m| (m.parse)(body))
    }

    fn validate(&self, input: &Input, body: &[u8]) -> Option<Result<(), String>> {
        let modeled = find(&input.operation())?;
        Some((modeled.validate)(input, body).into_result().and_then(|()| {
            // Within the model, still no table: the service refuses a `TableArn` it cannot
            // read. (`Input::table_arn` is the table and partition operations' `TableArn`.)
            table_arn_problem(input.table_arn()).map_or(Ok(()), Err)
        }))
    }
}
