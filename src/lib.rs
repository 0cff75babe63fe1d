#![doc = include_str!("../README.md")]
#![warn(missing_docs)]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

// The crate's folders, each one concept (`tests/it/layering.rs` checks that no module imports
// one that imports it back):
// the AWS services the mock answers: each one's wire shapes, input validation, error codes and
// operations, and the registry that routes a request to its operation.
mod services;
// What a test scripts: rules, matchers, replies, sequences, gates, the fallback.
mod script;
// What the mock remembers: requests, typed inputs, the journal, verification, redaction.
mod record;
// How answers explain themselves: decision traces, hints in the user's language, quoting input.
mod explain;
// `Lake`: a simulated account that answers by the service's rules.
pub mod lake;
// `Scenario`: fixture files, their checks, recording.
pub mod fixture;
// `MockLakeFormation`: the handle a test holds, its shared state and the SDK connector.
mod mock;
// `MockServer`: the mock on loopback for other languages.
#[cfg(feature = "server")]
#[cfg_attr(docsrs, doc(cfg(feature = "server")))]
pub mod server;
// The guide: doc-only modules, one topic a page (no code).
pub mod guide;

// AWS Glue's side of the query-authorization handshake, its public types (feature `glue`).
pub use script::matchers;
#[cfg(feature = "glue")]
#[cfg_attr(docsrs, doc(cfg(feature = "glue")))]
pub use services::glue::public as glue;
// AWS STS's operations and typed inputs (feature `sts`).
#[cfg(feature = "sts")]
#[cfg_attr(docsrs, doc(cfg(feature = "sts")))]
pub use services::sts::public as sts;
// Amazon S3's public types (feature `s3`): its operations, the journal's record, the objects.
#[cfg(feature = "s3")]
#[cfg_attr(docsrs, doc(cfg(feature = "s3")))]
pub use services::s3::public as s3;

pub use mock::{DEFAULT_ACCESS_KEY_ID, MockLakeFormation, MockLakeFormationBuilder, Unanswered, UnansweredKind};
pub use record::input::{AuditContextRef, Input, OwnedAuditContext, QuerySessionContextRef};
pub use record::journal::Journal;
pub use record::request::{Answer, Request, RuleRef, Source};
pub use record::verification::{Report, UnmetExpectation};
pub use script::gate::Gate;
pub use script::reply::{Fault, RawResponse, Reply, ServiceError};
pub use script::rule::{DEFAULT_PRIORITY, Rule};
pub use script::rule_handle::{RuleGuard, RuleHandle};
pub use script::times::Times;
pub use services::InputError;
pub use services::error_code::{ErrorCode, UnknownErrorCode};
pub use services::operation::Operation;

pub(crate) use record::redact::REDACTED;
