//! Server mode (feature `server`): an S3 request on the loopback server's port (routed here by
//! `src/server/transport.rs`), its hyper body streamed into s3s (the server's `body_limit` does
//! not apply: S3's own 5 GiB limit for one object does), answered by the system clock.

use super::call::{Arrived, answer};
use crate::explain::hints::Language;
use crate::mock::state::Inner;
use bytes::Bytes;
use hyper::body::Incoming;
use std::time::SystemTime;

/// Answers an S3 request that reached the server, recorded under `request_id`.
pub(crate) async fn respond(
    inner: &Inner,
    request_id: String,
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
    answer(inner, request_id, SystemTime::now(), arrived, Language::Fixture).await.1
}
