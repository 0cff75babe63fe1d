//! The in-process path: an SDK request the connector routed to S3, its body streamed into s3s
//! (the SDK's `PutObject` body may be a stream, `aws-chunked` with a trailing checksum), and
//! s3s's answer as the SDK's response.

use super::call::{Arrived, Clocks, answer};
use crate::explain::hints::Language;
use crate::mock::state::Inner;
use aws_smithy_runtime_api::client::http::HttpConnectorFuture;
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_types::body::SdkBody;
use std::sync::Arc;
use std::time::SystemTime;

/// Answers an SDK request for S3 at `now` (the calling client's clock).
pub(crate) fn connector_call(
    inner: Arc<Inner>,
    request_id: String,
    now: SystemTime,
    request: HttpRequest,
    language: Language,
) -> HttpConnectorFuture {
    // The SDK's request is an `http` 1.x request underneath: its method, URI and headers move over.
    let uri = request.uri().to_owned();
    let (method, headers, body) = match request.try_into_http1x() {
        Ok(request) => {
            let (parts, body) = request.into_parts();
            (parts.method, parts.headers, body)
        }
        Err(error) => {
            let message = format!("lakeformation-mock: the S3 request {uri} is not a valid HTTP request: {error}");
            return HttpConnectorFuture::ready(Err(ConnectorError::user(message.into())));
        }
    };
    let body = match body.bytes() {
        Some(bytes) => s3s::Body::from(bytes::Bytes::copy_from_slice(bytes)),
        None => s3s::Body::http_body(body),
    };
    HttpConnectorFuture::new(async move {
        // In process the client signs by the same time source the mock reads.
        let clocks = Clocks { now, signing_now: now };
        let (_, response) = answer(&inner, request_id, clocks, Arrived { method, uri, headers, body }, language).await;
        let (parts, body) = response.into_parts();
        let mut smithy = HttpResponse::new(
            parts.status.as_u16().try_into().expect("s3s answers a valid status"),
            SdkBody::from(body),
        );
        for (name, value) in &parts.headers {
            smithy.headers_mut().append(name.as_str().to_owned(), value.to_str().unwrap_or_default().to_owned());
        }
        Ok(smithy)
    })
}
