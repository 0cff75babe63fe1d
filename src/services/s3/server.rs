//! Server mode (feature `server`): an S3 request on the loopback server's port, its hyper body
//! streamed into s3s (the server's `body_limit` does not apply: S3's own 5 GiB limit for one
//! object does), answered by the system clock, as in process.

use super::call::{Arrived, answer};
use crate::explain::hints::Language;
use crate::mock::state::Inner;
use bytes::Bytes;
use hyper::body::Incoming;
use std::time::SystemTime;

/// Whether the server routes `request` to S3: signed for `s3` (header or presigned), or
/// addressed to an S3 host.
pub(crate) fn is_s3(request: &hyper::Request<Incoming>) -> bool {
    use crate::services::route::{Addressed, Service, service_of};
    let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok());
    let uri = request.uri().to_string();
    let addressed =
        Addressed { uri: &uri, target: header("x-amz-target"), authorization: header("authorization"), body: None };
    service_of(addressed) == Service::S3
}

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
