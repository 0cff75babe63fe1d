//! AWS Lake Formation's operations: one module each (its wire shapes, how its typed input is
//! built, its model constraints, its modeled errors and its output), the shapes they share, the
//! service's enum vocabularies, and its registry ([`REGISTRY`]) of the operations it models.

pub(crate) mod data_location;
pub(crate) mod modeled;
pub(crate) mod partition;
pub(crate) mod shapes;
pub(crate) mod table;
pub(crate) mod vocabulary;

use crate::Operation;
use crate::services::sentence::sentence;
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
