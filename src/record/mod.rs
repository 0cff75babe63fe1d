//! What the mock remembers: each [`Request`](crate::Request) with its typed
//! [`Input`](crate::Input) and its answer, the [`Journal`](crate::Journal) of them, verification of
//! the expectations, and what is secret in them (redaction).

pub(crate) mod input;
pub(crate) mod journal;
pub(crate) mod redact;
pub(crate) mod request;
pub(crate) mod verification;
