#![doc = include_str!("../README.md")]
#![warn(missing_docs)]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod closures;
mod connector;
mod error_code;
pub mod fixture;
mod gate;
// glue: AWS Glue's side of the query-authorization handshake (feature `glue`)
#[cfg(feature = "glue")]
#[cfg_attr(docsrs, doc(cfg(feature = "glue")))]
pub mod glue;
mod hints;
mod input;
mod journal;
pub mod lake;
pub mod matchers;
mod mock;
mod operation;
mod redact;
mod reply;
mod request;
mod rule;
mod rule_handle;
mod rule_set;
#[cfg(feature = "server")]
#[cfg_attr(docsrs, doc(cfg(feature = "server")))]
pub mod server;
mod times;
mod validation;
mod verification;
mod vocabulary;
mod wire;

pub use connector::{Unanswered, UnansweredKind};
pub use error_code::{ErrorCode, UnknownErrorCode};
pub use gate::Gate;
pub use input::Input;
pub use journal::Journal;
pub use mock::{DEFAULT_ACCESS_KEY_ID, MockBuilder, MockLakeFormation};
pub use operation::Operation;
pub use reply::{Fault, RawResponse, Reply, ServiceError};
pub use request::{Answer, Request, RuleRef, Source};
pub use rule::{DEFAULT_PRIORITY, Rule};
pub use rule_handle::{RuleGuard, RuleHandle};
pub use times::Times;
pub use verification::{Report, UnmetExpectation};
pub use wire::InputError;

pub(crate) use redact::REDACTED;
