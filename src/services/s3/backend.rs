//! The S3 operations the mock serves, as s3s's `S3` trait over the in-memory [`Store`]:
//! objects (get with `Range`, head, list, put, delete) here, multipart uploads and copies in
//! `multipart.rs`. Every other operation keeps s3s's default: `NotImplemented` (501), naming it.

use super::context::Context;
use super::multipart;
use super::shared::{etag, read_body};
use super::store::{Object, Store};
use s3s::dto::{AbortMultipartUploadInput, AbortMultipartUploadOutput};
use s3s::dto::{
    CommonPrefix, CompleteMultipartUploadInput, CompleteMultipartUploadOutput, CopyObjectInput, CopyObjectOutput,
    CreateMultipartUploadInput, CreateMultipartUploadOutput, DeleteObjectInput, DeleteObjectOutput, DeleteObjectsInput,
    DeleteObjectsOutput, DeletedObject, GetObjectInput, GetObjectOutput, HeadObjectInput, HeadObjectOutput,
    ListObjectsV2Input, ListObjectsV2Output, PutObjectInput, PutObjectOutput, StreamingBlob, Timestamp,
    UploadPartInput, UploadPartOutput,
};
use s3s::{Body, S3, S3ErrorCode, S3Request, S3Response, S3Result};
use std::sync::Arc;

/// The most keys one `ListObjectsV2` page holds, S3's limit.
const MAX_KEYS: i32 = 1000;

/// s3s's `S3` for one request.
pub(crate) struct Backend(pub(crate) Arc<Context>);

impl Backend {
    fn store(&self) -> &Store {
        &self.0.store
    }

    /// The object at `bucket`/`key`, or `NoSuchKey`.
    fn object(&self, bucket: &str, key: &str) -> S3Result<Object> {
        self.store().get(bucket, key).ok_or_else(|| {
            self.0.refuse(S3ErrorCode::NoSuchKey, format!("The specified key does not exist: s3://{bucket}/{key}"))
        })
    }
}

#[async_trait::async_trait]
impl S3 for Backend {
    async fn get_object(&self, req: S3Request<GetObjectInput>) -> S3Result<S3Response<GetObjectOutput>> {
        let input = req.input;
        let object = self.object(&input.bucket, &input.key)?;
        let length = object.data.len() as u64;
        let (data, content_range) = match &input.range {
            None => (object.data.clone(), None),
            Some(range) => {
                let Ok(part) = range.check(length) else {
                    return Err(self.0.refuse(
                        S3ErrorCode::InvalidRange,
                        format!(
                            "The requested range is not satisfiable: {} of an object of {length} bytes",
                            range.to_header_string()
                        ),
                    ));
                };
                let content_range = format!("bytes {}-{}/{length}", part.start, part.end.saturating_sub(1));
                (object.data.slice(part.start as usize..part.end as usize), Some(content_range))
            }
        };
        let output = GetObjectOutput {
            accept_ranges: Some("bytes".to_owned()),
            content_length: Some(data.len() as i64),
            content_range,
            content_type: object.content_type.clone(),
            e_tag: Some(etag(&object.etag)),
            last_modified: Some(Timestamp::from(object.last_modified)),
            body: Some(StreamingBlob::from(Body::from(data))),
            ..GetObjectOutput::default()
        };
        Ok(S3Response::new(output))
    }

    async fn head_object(&self, req: S3Request<HeadObjectInput>) -> S3Result<S3Response<HeadObjectOutput>> {
        let object = self.object(&req.input.bucket, &req.input.key)?;
        let output = HeadObjectOutput {
            accept_ranges: Some("bytes".to_owned()),
            content_length: Some(object.data.len() as i64),
            content_type: object.content_type.clone(),
            e_tag: Some(etag(&object.etag)),
            last_modified: Some(Timestamp::from(object.last_modified)),
            ..HeadObjectOutput::default()
        };
        Ok(S3Response::new(output))
    }

    async fn list_objects_v2(&self, req: S3Request<ListObjectsV2Input>) -> S3Result<S3Response<ListObjectsV2Output>> {
        let input = req.input;
        let max_keys = input.max_keys.unwrap_or(MAX_KEYS);
        if max_keys < 0 {
            return Err(self.0.refuse(
                S3ErrorCode::InvalidArgument,
                format!("max-keys must be between 0 and {MAX_KEYS} (it is {max_keys})"),
            ));
        }
        let after = match &input.continuation_token {
            Some(token) => Some(super::listing::decode_token(token).ok_or_else(|| {
                self.0.refuse(S3ErrorCode::InvalidArgument, "The continuation token provided is incorrect".to_owned())
            })?),
            None => input.start_after.clone(),
        };
        let prefix = input.prefix.clone().unwrap_or_default();
        let page = {
            let objects = self.store().read();
            let empty = Default::default();
            let bucket = objects.buckets.get(&input.bucket).unwrap_or(&empty);
            super::listing::page(bucket, &prefix, input.delimiter.as_deref(), after.as_deref(), max_keys.min(MAX_KEYS))
        };
        let key_count = (page.objects.len() + page.common_prefixes.len()) as i32;
        let output = ListObjectsV2Output {
            name: Some(input.bucket),
            prefix: Some(prefix),
            delimiter: input.delimiter,
            max_keys: Some(max_keys),
            key_count: Some(key_count),
            continuation_token: input.continuation_token,
            start_after: input.start_after,
            is_truncated: Some(page.next.is_some()),
            next_continuation_token: page.next.as_deref().map(super::listing::encode_token),
            contents: Some(page.objects),
            common_prefixes: (!page.common_prefixes.is_empty())
                .then(|| page.common_prefixes.into_iter().map(|p| CommonPrefix { prefix: Some(p) }).collect()),
            ..ListObjectsV2Output::default()
        };
        Ok(S3Response::new(output))
    }

    async fn put_object(&self, req: S3Request<PutObjectInput>) -> S3Result<S3Response<PutObjectOutput>> {
        let input = req.input;
        let data = read_body(&self.0, input.body).await?;
        let object = Object::new(data, self.0.now, input.content_type);
        let output = PutObjectOutput { e_tag: Some(etag(&object.etag)), ..PutObjectOutput::default() };
        self.store().put(&input.bucket, &input.key, object);
        Ok(S3Response::new(output))
    }

    async fn delete_object(&self, req: S3Request<DeleteObjectInput>) -> S3Result<S3Response<DeleteObjectOutput>> {
        // S3 answers 204 whether or not the key existed.
        self.store().delete(&req.input.bucket, &req.input.key);
        Ok(S3Response::new(DeleteObjectOutput::default()))
    }

    async fn delete_objects(&self, req: S3Request<DeleteObjectsInput>) -> S3Result<S3Response<DeleteObjectsOutput>> {
        let input = req.input;
        let quiet = input.delete.quiet.unwrap_or(false);
        let mut deleted = Vec::new();
        for object in input.delete.objects {
            self.store().delete(&input.bucket, &object.key);
            if !quiet {
                deleted.push(DeletedObject { key: Some(object.key), ..DeletedObject::default() });
            }
        }
        Ok(S3Response::new(DeleteObjectsOutput { deleted: Some(deleted), ..DeleteObjectsOutput::default() }))
    }

    async fn create_multipart_upload(
        &self,
        req: S3Request<CreateMultipartUploadInput>,
    ) -> S3Result<S3Response<CreateMultipartUploadOutput>> {
        multipart::create(&self.0, req.input).map(S3Response::new)
    }

    async fn upload_part(&self, req: S3Request<UploadPartInput>) -> S3Result<S3Response<UploadPartOutput>> {
        multipart::upload_part(&self.0, req.input).await.map(S3Response::new)
    }

    async fn complete_multipart_upload(
        &self,
        req: S3Request<CompleteMultipartUploadInput>,
    ) -> S3Result<S3Response<CompleteMultipartUploadOutput>> {
        multipart::complete(&self.0, req.input).map(S3Response::new)
    }

    async fn abort_multipart_upload(
        &self,
        req: S3Request<AbortMultipartUploadInput>,
    ) -> S3Result<S3Response<AbortMultipartUploadOutput>> {
        multipart::abort(&self.0, req.input).map(S3Response::new)
    }

    async fn copy_object(&self, req: S3Request<CopyObjectInput>) -> S3Result<S3Response<CopyObjectOutput>> {
        multipart::copy(&self.0, req.input).map(S3Response::new)
    }
}
