//! What the S3 operations share: reading a request's body whole, and ETags as s3s's type.

use super::context::Context;
use bytes::Bytes;
use s3s::dto::{ETag, StreamingBlob};
use s3s::{Body, S3ErrorCode, S3Result};

/// The largest object (or part) the mock takes: S3's limit for one `PutObject`, 5 GiB.
pub(crate) const MAX_OBJECT_SIZE: usize = 5 * 1024 * 1024 * 1024;

/// A request body, read whole (up to [`MAX_OBJECT_SIZE`]), or `IncompleteBody` if it breaks
/// off (a streaming body whose signature or checksum does not verify, say).
pub(crate) async fn read_body(cx: &Context, body: Option<StreamingBlob>) -> S3Result<Bytes> {
    let Some(blob) = body else { return Ok(Bytes::new()) };
    let mut body = Body::from(blob);
    body.store_all_limited(MAX_OBJECT_SIZE).await.map_err(|error| {
        let mut refused =
            cx.refuse(S3ErrorCode::IncompleteBody, format!("the request body could not be read: {error}"));
        if let Some(code) = error.downcast_ref::<s3s::S3Error>().map(|e| e.code().clone()) {
            refused.set_code(code);
        }
        refused
    })
}

/// `etag` as s3s's strong ETag.
pub(crate) fn etag(etag: &str) -> ETag {
    ETag::Strong(etag.to_owned())
}
