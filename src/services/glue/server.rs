//! Server mode for Glue clients: the server's own errors (`LakeFormationMockNoMatch`...) carry
//! their code in the body's `__type` too, where an awsJson1_1 client (botocore's `json`
//! protocol) reads it; a Lake Formation client reads the `x-amzn-errortype` header.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};

/// The server's response type.
type Response = hyper::Response<Full<Bytes>>;

/// `response`, with `__type` and `message` added to the body when it is one of the server's own
/// errors (an `x-amzn-errortype` code starting with `LakeFormationMock`); any other response as is.
pub(crate) async fn with_type(response: Response) -> Response {
    let code = match response.headers().get("x-amzn-errortype").and_then(|v| v.to_str().ok()) {
        Some(code) if code.starts_with("LakeFormationMock") => code.to_owned(),
        _ => return response,
    };
    let (mut parts, body) = response.into_parts();
    let bytes = body.collect().await.map(|c| c.to_bytes()).unwrap_or_default();
    let mut json: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_else(|_| serde_json::json!({}));
    if let Some(object) = json.as_object_mut() {
        if let Some(message) = object.get("Message").cloned() {
            object.insert("message".to_owned(), message);
        }
        object.insert("__type".to_owned(), serde_json::Value::String(code));
    }
    parts.headers.remove(http::header::CONTENT_LENGTH);
    Response::from_parts(parts, Full::new(Bytes::from(json.to_string())))
}
