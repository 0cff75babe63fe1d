//! [`InputError`]: why a request body could not be rebuilt into a typed [`Input`](crate::Input).
//! Its message (which lists the served operations) is written in `services/mod.rs`, next to the
//! registry, so that the services that build it need not import the registry.

/// Why a request body could not be rebuilt into a typed [`Input`](crate::Input).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputError {
    /// The path names an operation the mock does not model.
    UnsupportedOperation(String),
    /// The body is not the JSON the operation expects.
    Malformed {
        /// The operation the path named.
        operation: String,
        /// What was wrong, in serde_json's words.
        message: String,
        /// 1-based line of the problem in the body.
        line: usize,
        /// 1-based column of the problem in the body.
        column: usize,
    },
    /// The body was a stream, not bytes in memory.
    StreamingBody,
}
