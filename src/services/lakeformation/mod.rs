//! AWS Lake Formation's operations: one module each (its wire shapes, how its typed input is
//! built, its model constraints, its modeled errors and its output), the shapes they share, and
//! the service's enum vocabularies.

pub(crate) mod data_location;
pub(crate) mod partition;
pub(crate) mod shapes;
pub(crate) mod table;
pub(crate) mod vocabulary;
