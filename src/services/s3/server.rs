//! Server mode (feature `server`): an S3 request on the loopback server's port (routed here by
//! `src/server/transport.rs`), its hyper body streamed into s3s (the server's `body_limit` does
//! not apply: S3's own 5 GiB limit for one object does), answered by the server's clock (leases)
//! and the system clock (signing times).

use super::call::{Arrived, Clocks, answer};
use crate::explain::hints::Language;
use crate::mock::state::Inner;
use bytes::Bytes;
use hyper::body::Incoming;
use std::time::SystemTime;

/// Answers an S3 request that reached the server at `now` (the server's clock), recorded under
/// `request_id`.
pub(crate) async fn respond(
    inner: &Inner,
    request_id: String,
    now: SystemTime,
    request: hyper::Request<Incoming>,
) -> http::Response<Bytes> {
    let (parts, body) = request.into_parts();
    let host = parts.headers.get(http::header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1");
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let arrived = Arrived {
        method: parts.method,
        uri: format!("http://{host}{path}"),
        headers: parts.headers,
        body: s3s::Body::from(body),
    };
    // Hints in fixture JSON: an HTTP client scripts the mock with fixtures.
    // Clients sign by the clocks they run on, which a test cannot advance.
    let clocks = Clocks { now, signing_now: SystemTime::now() };
    answer(inner, request_id, clocks, arrived, Language::Fixture).await.1
}
