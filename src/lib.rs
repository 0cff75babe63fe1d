#![doc = include_str!("../README.md")]
#![warn(missing_docs)]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

// The modules in layers: each uses only modules of the layers above it (and of its own layer,
// as listed), never one below, so there is no import cycle (`tests/it/layering.rs` checks it).
//
// Layer 1, leaves: plain values and helpers that know no other module.
// `catch_unwind` around user closures.
mod closures;
// How much of an input's own text a message echoes (`... (N more bytes)`).
mod echo;
// The enum values as fixture files and the JSON Schema spell them.
mod enum_names;
// `ErrorCode`: the service's error codes and their statuses.
mod error_code;
// `Gate`: holds replies until the test opens it.
mod gate;
// Checks on JSON the mock reads: unique keys, errors that extend their JSON path.
mod json_checks;
// `Operation`: an operation, named by the request path.
mod operation;
// What is secret, and how it is hidden in Debug, logs and recordings.
mod redact;
// `Times`: how many calls a rule expects.
mod times;
// `Trace`: why the simulated lake answered as it did.
mod trace;
// The service's enum vocabularies (the SDK's `values()` plus what the model added since).
mod vocabulary;
// Layer 2, the operations: typed inputs, the model's constraints, one module per operation.
// `Input`: a request's typed input, the SDK's own input types.
mod input;
// `Violations`: the model's constraints, in the service's wording (uses `vocabulary`).
mod validation;
// One module per modeled operation (wire shapes, input, validation, errors, output), and the
// registry that lists them (uses `input`, `validation`).
mod operations;
// Hints in the user's language: Rust or fixture JSON (uses `operations`).
mod hints;
// Layer 3, requests and replies.
// `Reply`, `ServiceError`, `RawResponse`, `Fault`: what the mock answers with.
mod reply;
// A reply onto the wire: the HTTP response the service would send (uses `reply`).
mod wire;
// `Request`, `Answer`, `Source`: a recorded request and what answered it (uses `reply`).
mod request;
// `Matcher`s: conditions on a request (uses `request`).
pub mod matchers;
// Layer 4, rules and the journal.
// `Rule`: matchers, a sequence of replies, an expectation (uses `matchers`).
mod rule;
// `Journal`: every request received, with filters and assertions (uses `matchers`).
mod journal;
// The mounted rules, their counts and how a request picks one (uses `rule`).
mod rule_set;
// `Report`: what verification found (uses `journal`, `rule_set`).
mod verification;
// The trait through which the core asks the lake, knowing nothing else of it (uses `request`).
mod fallback;
// Layer 5, a mock's shared state and the handles on its rules.
// What a mock's handles share: rules, journal, fallback, settings (uses layer 4).
mod state;
// `RuleHandle`, `RuleGuard`: a mounted rule's calls and scope (uses `state`).
mod rule_handle;
// Layer 6, the simulated lake and fixture files.
// `Lake`: a simulated lake that answers by the service's rules (implements `fallback`).
pub mod lake;
// `Scenario`: fixture files, their checks, recording (uses `lake`, `rule`).
pub mod fixture;
// Layer 7, the mock and its connector.
// `MockLakeFormation`: the handle a test holds, all its methods (uses everything above).
mod mock;
// The smithy HTTP connector: each SDK request recorded and answered (uses `mock`, `state`).
mod connector;
// Layer 8, serving the mock over HTTP.
// `MockServer`: the mock on loopback for other languages (uses `mock`, `connector`, `fixture`).
#[cfg(feature = "server")]
#[cfg_attr(docsrs, doc(cfg(feature = "server")))]
pub mod server;
// AWS Glue's side of the query-authorization handshake, its public types (feature `glue`; its
// wire shapes are in `operations::glue`).
#[cfg(feature = "glue")]
#[cfg_attr(docsrs, doc(cfg(feature = "glue")))]
pub mod glue;

// The guide: doc-only modules, one topic a page (no code).
pub mod guide;

pub use connector::{Unanswered, UnansweredKind};
pub use error_code::{ErrorCode, UnknownErrorCode};
pub use gate::Gate;
pub use input::{AuditContextRef, Input, OwnedAuditContext, QuerySessionContextRef};
pub use journal::Journal;
pub use mock::{DEFAULT_ACCESS_KEY_ID, MockLakeFormation, MockLakeFormationBuilder};
pub use operation::Operation;
pub use operations::InputError;
pub use reply::{Fault, RawResponse, Reply, ServiceError};
pub use request::{Answer, Request, RuleRef, Source};
pub use rule::{DEFAULT_PRIORITY, Rule};
pub use rule_handle::{RuleGuard, RuleHandle};
pub use times::Times;
pub use verification::{Report, UnmetExpectation};

pub(crate) use redact::REDACTED;
