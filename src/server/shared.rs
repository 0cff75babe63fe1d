//! What the server's request handling shares: the connection state, the response type, the JSON
//! error response every AWS SDK reads, and the control endpoints' path prefix.

use crate::MockLakeFormation;
use crate::mock::connector::Dispatcher;
use bytes::Bytes;
use http_body_util::Full;

/// The path prefix of the control endpoints; no Lake Formation operation path starts with it.
pub const CONTROL_PREFIX: &str = "/__lakeformation_mock/";

/// What every connection shares.
pub(crate) struct State {
    pub(crate) mock: MockLakeFormation,
    /// Answers the Lake Formation requests (made once: its clock and sleep are shared).
    pub(crate) dispatcher: Dispatcher,
    /// The clock the dispatcher and S3 read, which a test may advance.
    pub(crate) clock: super::clock::ServerClock,
    pub(crate) body_limit: usize,
}

/// A response as the server sends it.
pub(crate) type Response = hyper::Response<Full<Bytes>>;

/// The most bytes of a message the server's own errors send: each value a message echoes is
/// already cut to [`crate::explain::echo::MAX_ECHO`]; this bounds a message that echoes many.
const MAX_MESSAGE: usize = 64 * 1024;

/// A JSON error response in the shape every AWS SDK reads: `x-amzn-errortype` and `Message`.
pub(crate) fn error_response(status: u16, code: &str, message: &str) -> Response {
    let body = crate::services::wire::message_body(Some(&crate::explain::echo::truncated(message, MAX_MESSAGE)));
    hyper::Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .header("x-amzn-errortype", code)
        .body(Full::new(Bytes::from(body)))
        .expect("a static status and valid header values make a valid response")
}
