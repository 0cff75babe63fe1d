//! The mock itself: the handle a test holds ([`MockLakeFormation`]), how it is built, what it
//! takes in (rules, a lake, fixtures), its shared state, the clients it makes and the SDK
//! connector that answers their requests.
//!
//! The files import each other in one direction: `handle` (the handle) and `state` (what its
//! clones share) at the bottom; `builder`, `clients`, `loading` on the handle; the connector on
//! `choice` (which rule or lake answers) and `unanswered` (the error when nothing does). This
//! file only declares them and re-exports the public names.

// How a mock is made: the builder and its settings.
mod builder;
// The connector's choice of answer: a rule, or the lake.
mod choice;
// The clients and config builders the mock makes.
mod clients;
pub(crate) mod connector;
// The handle a test holds.
mod handle;
// A lake, a fixture's scenario, mounting a rule.
mod loading;
// The mock's S3 objects and clients (feature `s3`).
#[cfg(feature = "s3")]
mod s3_clients;
pub(crate) mod state;
// A request nobody answered: its error and explanation.
mod unanswered;

pub use builder::MockLakeFormationBuilder;
pub use handle::{DEFAULT_ACCESS_KEY_ID, MockLakeFormation};
pub use unanswered::{Unanswered, UnansweredKind};
