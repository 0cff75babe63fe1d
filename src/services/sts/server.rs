//! Server mode for STS clients: the server's own errors (`LakeFormationMockNoMatch`...), sent as
//! JSON with an `x-amzn-errortype` header to the other services' clients, go to an STS client as
//! STS's `<ErrorResponse>` XML, the only error shape an awsQuery client reads.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};

/// The server's response type.
type Response = hyper::Response<Full<Bytes>>;

/// `response` as STS's XML error when it is one of the server's own errors (an
/// `x-amzn-errortype` code starting with `LakeFormationMock`); any other response as is.
pub(crate) async fn as_xml(response: Response) -> Response {
    let code = match response.headers().get("x-amzn-errortype").and_then(|v| v.to_str().ok()) {
        Some(code) if code.starts_with("LakeFormationMock") => code.to_owned(),
        _ => return response,
    };
    let request_id = response
        .headers()
        .get(crate::services::wire::REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let (mut parts, body) = response.into_parts();
    let bytes = body.collect().await.map(|c| c.to_bytes()).unwrap_or_default();
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
    let message = json.get("Message").and_then(|m| m.as_str()).map(str::to_owned);
    let error = crate::ServiceError::custom(code, message, parts.status.as_u16().max(400));
    let Ok(xml) = super::error_body(&error, &request_id) else {
        return Response::from_parts(parts, Full::new(bytes));
    };
    parts.headers.remove(http::header::CONTENT_LENGTH);
    parts.headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static(super::CONTENT_TYPE));
    Response::from_parts(parts, Full::new(Bytes::from(xml)))
}
