//! Multipart uploads (create, upload a part, complete, abort) and `CopyObject`, over the
//! in-memory store.

use super::context::Context;
use super::shared::{etag, read_body};
use super::store::{Object, Upload, multipart_etag};
use bytes::BytesMut;
use s3s::dto::{
    AbortMultipartUploadInput, AbortMultipartUploadOutput, CompleteMultipartUploadInput, CompleteMultipartUploadOutput,
    CopyObjectInput, CopyObjectOutput, CopyObjectResult, CopySource, CreateMultipartUploadInput,
    CreateMultipartUploadOutput, Timestamp, UploadPartInput, UploadPartOutput,
};
use s3s::{S3ErrorCode, S3Result};
use std::collections::BTreeMap;

/// S3's part numbers: 1 to 10,000.
const PART_NUMBERS: std::ops::RangeInclusive<i32> = 1..=10_000;

fn no_such_upload(cx: &Context, upload_id: &str) -> s3s::S3Error {
    cx.refuse(
        S3ErrorCode::NoSuchUpload,
        format!(
            "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or \
             completed: {upload_id}"
        ),
    )
}

pub(crate) fn create(cx: &Context, input: CreateMultipartUploadInput) -> S3Result<CreateMultipartUploadOutput> {
    let mut objects = cx.store.write();
    objects.next_upload += 1;
    let upload_id = format!("lakeformation-mock-upload-{}", objects.next_upload);
    let upload = Upload {
        bucket: input.bucket.clone(),
        key: input.key.clone(),
        content_type: input.content_type,
        parts: BTreeMap::new(),
    };
    objects.uploads.insert(upload_id.clone(), upload);
    Ok(CreateMultipartUploadOutput {
        bucket: Some(input.bucket),
        key: Some(input.key),
        upload_id: Some(upload_id),
        ..CreateMultipartUploadOutput::default()
    })
}

pub(crate) async fn upload_part(cx: &Context, input: UploadPartInput) -> S3Result<UploadPartOutput> {
    if !PART_NUMBERS.contains(&input.part_number) {
        return Err(cx.refuse(
            S3ErrorCode::InvalidArgument,
            format!("Part number must be an integer between 1 and 10000, inclusive (it is {})", input.part_number),
        ));
    }
    let data = read_body(cx, input.body).await?;
    let part_etag = Object::new(data.clone(), cx.now, None).etag;
    let mut objects = cx.store.write();
    let upload = objects
        .uploads
        .get_mut(&input.upload_id)
        .filter(|u| u.bucket == input.bucket && u.key == input.key)
        .ok_or_else(|| no_such_upload(cx, &input.upload_id))?;
    upload.parts.insert(input.part_number, (data, part_etag.clone()));
    Ok(UploadPartOutput { e_tag: Some(etag(&part_etag)), ..UploadPartOutput::default() })
}

pub(crate) fn complete(cx: &Context, input: CompleteMultipartUploadInput) -> S3Result<CompleteMultipartUploadOutput> {
    let mut objects = cx.store.write();
    let upload = objects
        .uploads
        .get(&input.upload_id)
        .filter(|u| u.bucket == input.bucket && u.key == input.key)
        .ok_or_else(|| no_such_upload(cx, &input.upload_id))?;
    let listed = input.multipart_upload.and_then(|m| m.parts).unwrap_or_default();
    if listed.is_empty() {
        return Err(cx.refuse(
            S3ErrorCode::MalformedXML,
            "The XML you provided was not well-formed or did not validate against our published schema: \
             CompleteMultipartUpload lists no part"
                .to_owned(),
        ));
    }
    let mut data = BytesMut::new();
    let mut etags = Vec::with_capacity(listed.len());
    let mut previous = 0;
    for part in &listed {
        let number = part.part_number.unwrap_or_default();
        if number <= previous {
            return Err(cx.refuse(
                S3ErrorCode::InvalidPartOrder,
                "The list of parts was not in ascending order. The parts list must be specified in order by part number."
                    .to_owned(),
            ));
        }
        previous = number;
        let stored = upload.parts.get(&number);
        let matches = stored.is_some_and(|(_, stored)| part.e_tag.as_ref().is_none_or(|e| e.value() == stored));
        let Some((bytes, stored_etag)) = stored.filter(|_| matches) else {
            return Err(cx.refuse(
                S3ErrorCode::InvalidPart,
                format!(
                    "One or more of the specified parts could not be found. The part may not have been uploaded, or the \
                     specified entity tag may not match the part's entity tag: part {number}"
                ),
            ));
        };
        data.extend_from_slice(bytes);
        etags.push(stored_etag.clone());
    }
    let combined = multipart_etag(etags.iter().map(String::as_str));
    let object = Object {
        data: data.freeze(),
        etag: combined.clone(),
        last_modified: cx.now,
        content_type: upload.content_type.clone(),
    };
    objects.uploads.remove(&input.upload_id);
    objects.buckets.entry(input.bucket.clone()).or_default().insert(input.key.clone(), object);
    Ok(CompleteMultipartUploadOutput {
        bucket: Some(input.bucket),
        key: Some(input.key),
        e_tag: Some(etag(&combined)),
        ..CompleteMultipartUploadOutput::default()
    })
}

pub(crate) fn abort(cx: &Context, input: AbortMultipartUploadInput) -> S3Result<AbortMultipartUploadOutput> {
    let mut objects = cx.store.write();
    let known = objects.uploads.get(&input.upload_id).is_some_and(|u| u.bucket == input.bucket && u.key == input.key);
    if !known {
        return Err(no_such_upload(cx, &input.upload_id));
    }
    objects.uploads.remove(&input.upload_id);
    Ok(AbortMultipartUploadOutput::default())
}

pub(crate) fn copy(cx: &Context, input: CopyObjectInput) -> S3Result<CopyObjectOutput> {
    let CopySource::Bucket { bucket, key, .. } = &input.copy_source else {
        return Err(cx.refuse(S3ErrorCode::NotImplemented, "copies from access points are not implemented".to_owned()));
    };
    let source = cx.store.get(bucket, key).ok_or_else(|| {
        cx.refuse(
            S3ErrorCode::NoSuchKey,
            format!("The specified key does not exist: s3://{bucket}/{key} (the copy source)"),
        )
    })?;
    let content_type = input.content_type.or(source.content_type.clone());
    let object = Object { last_modified: cx.now, content_type, ..source };
    let result = CopyObjectResult {
        e_tag: Some(etag(&object.etag)),
        last_modified: Some(Timestamp::from(cx.now)),
        ..CopyObjectResult::default()
    };
    cx.store.put(&input.bucket, &input.key, object);
    Ok(CopyObjectOutput { copy_object_result: Some(result), ..CopyObjectOutput::default() })
}
