//! A failure of the connection itself ([`Fault`]).

/// A failure of the connection itself: no HTTP response at all.
///
/// Each maps to the SDK's `SdkError::DispatchFailure` with the matching kind, so user code sees
/// what a real network fault gives it. Timeouts and I/O errors are transient: the SDK retries them.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// The connection timed out (`ConnectorError::is_timeout()`).
    Timeout,
    /// An I/O error such as a reset connection (`ConnectorError::is_io()`).
    Io,
    /// Any other dispatch failure, with this message (`ConnectorError::is_other()`).
    Other(String),
}
