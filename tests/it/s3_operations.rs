//! The S3 operations the mock serves, through a real `aws_sdk_s3::Client` with READWRITE keys:
//! streaming uploads, multipart uploads, batch deletes, head, ranges, both addressing styles,
//! and what it does not serve (`NotImplemented`, naming the operation).
#![cfg(feature = "s3")]

use crate::lake_support::{ADMIN, lake};
use aws_credential_types::Credentials;
use aws_sdk_lakeformation::types::CredentialsScope;
use aws_sdk_s3::error::ProvideErrorMetadata;
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{CompletedMultipartUpload, CompletedPart, Delete, ObjectIdentifier};
use lakeformation_mock::lake::{Behavior, LakeBuilder};
use lakeformation_mock::s3::S3Operation;
use lakeformation_mock::{MockLakeFormation, Operation};

/// READWRITE keys for `s3://lake/sales/orders/`, vended on a mock on `lake`.
async fn writer(lake: LakeBuilder) -> (MockLakeFormation, Credentials) {
    let mock = MockLakeFormation::new().with_lake(&lake.build());
    let out = mock
        .client_as(ADMIN)
        .get_temporary_data_location_credentials()
        .data_locations("s3://lake/sales/orders/")
        .credentials_scope(CredentialsScope::Readwrite)
        .send()
        .await
        .unwrap();
    let c = out.credentials().unwrap();
    let keys = crate::common::signing_credentials(
        c.access_key_id().unwrap(),
        c.secret_access_key().unwrap(),
        c.session_token(),
    );
    (mock, keys)
}

#[tokio::test]
async fn a_streamed_upload_with_a_trailing_checksum_is_verified_and_stored() {
    let (mock, keys) = writer(lake()).await;
    let s3 = mock.s3_client_with(keys);
    let out = s3
        .put_object()
        .bucket("lake")
        .key("sales/orders/p.parquet")
        .body(ByteStream::from_static(b"hello"))
        .send()
        .await
        .unwrap();
    assert_eq!(out.e_tag(), Some("\"5d41402abc4b2a76b9719d911017c592\""), "the MD5 of the data, as S3's");
    let put = mock.requests().pop().unwrap();
    assert_eq!(put.operation(), &Operation::S3(S3Operation::PutObject));
    assert_eq!(
        put.header_value("x-amz-content-sha256"),
        Some("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
    );

    // A file is streamed: aws-chunked, its CRC32 in a trailer, which s3s checks.
    let path = std::env::temp_dir().join(format!("lakeformation-mock-s3-{}.bin", std::process::id()));
    std::fs::write(&path, vec![b'z'; 70_000]).unwrap();
    let body = ByteStream::from_path(&path).await.unwrap();
    s3.put_object().bucket("lake").key("sales/orders/streamed").body(body).send().await.unwrap();
    std::fs::remove_file(&path).unwrap();
    let put = mock.requests().pop().unwrap();
    assert_eq!(put.header_value("x-amz-content-sha256"), Some("STREAMING-UNSIGNED-PAYLOAD-TRAILER"));
    assert_eq!(put.header_value("x-amz-trailer"), Some("x-amz-checksum-crc32"));
    assert_eq!(mock.s3().get("s3://lake/sales/orders/streamed").unwrap(), vec![b'z'; 70_000]);
    assert_eq!(mock.s3().get("s3://lake/sales/orders/p.parquet").unwrap().as_ref(), b"hello");

    let head = s3.head_object().bucket("lake").key("sales/orders/p.parquet").send().await.unwrap();
    assert_eq!(head.content_length(), Some(5));
    assert_eq!(head.e_tag(), out.e_tag());
    let missing = s3.head_object().bucket("lake").key("sales/orders/none").send().await.unwrap_err();
    assert_eq!(missing.raw_response().unwrap().status().as_u16(), 404);
}

#[tokio::test]
async fn multipart_uploads_complete_abort_and_refuse_unknown_parts() {
    let (mock, keys) = writer(lake()).await;
    let s3 = mock.s3_client_with(keys);
    let key = "sales/orders/big.parquet";
    let upload = s3.create_multipart_upload().bucket("lake").key(key).send().await.unwrap();
    let id = upload.upload_id().unwrap();
    let mut parts = Vec::new();
    for (n, data) in [(1, vec![b'a'; 5 * 1024 * 1024]), (2, b"tail".to_vec())] {
        let out = s3
            .upload_part()
            .bucket("lake")
            .key(key)
            .upload_id(id)
            .part_number(n)
            .body(ByteStream::from(data))
            .send()
            .await
            .unwrap();
        parts.push(CompletedPart::builder().part_number(n).e_tag(out.e_tag().unwrap()).build());
    }
    let wrong = CompletedMultipartUpload::builder()
        .parts(CompletedPart::builder().part_number(3).e_tag("\"x\"").build())
        .build();
    let err = s3
        .complete_multipart_upload()
        .bucket("lake")
        .key(key)
        .upload_id(id)
        .multipart_upload(wrong)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("InvalidPart"));
    let done = CompletedMultipartUpload::builder().set_parts(Some(parts)).build();
    let out = s3
        .complete_multipart_upload()
        .bucket("lake")
        .key(key)
        .upload_id(id)
        .multipart_upload(done)
        .send()
        .await
        .unwrap();
    assert!(out.e_tag().unwrap().ends_with("-2\""), "{:?}", out.e_tag());
    assert_eq!(mock.s3().get("s3://lake/sales/orders/big.parquet").unwrap().len(), 5 * 1024 * 1024 + 4);

    let second = s3.create_multipart_upload().bucket("lake").key(key).send().await.unwrap();
    s3.abort_multipart_upload().bucket("lake").key(key).upload_id(second.upload_id().unwrap()).send().await.unwrap();
    let err = s3
        .abort_multipart_upload()
        .bucket("lake")
        .key(key)
        .upload_id(second.upload_id().unwrap())
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("NoSuchUpload"));
}

#[tokio::test]
async fn a_batch_delete_inside_the_scope_deletes_and_one_key_outside_refuses_it_all() {
    let (mock, keys) = writer(lake()).await;
    for key in ["a", "b"] {
        mock.s3().put(&format!("s3://lake/sales/orders/{key}"), b"x".to_vec());
    }
    mock.s3().put("s3://lake/sales/customers/c", b"x".to_vec());
    let s3 = mock.s3_client_with(keys);
    let ids = |keys: &[&str]| {
        let objects = keys.iter().map(|k| ObjectIdentifier::builder().key(*k).build().unwrap()).collect();
        Delete::builder().set_objects(Some(objects)).build().unwrap()
    };
    let err = s3
        .delete_objects()
        .bucket("lake")
        .delete(ids(&["sales/orders/a", "sales/customers/c"]))
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("AccessDenied"));
    assert!(mock.s3().get("s3://lake/sales/orders/a").is_some(), "nothing deleted");
    let out =
        s3.delete_objects().bucket("lake").delete(ids(&["sales/orders/a", "sales/orders/b"])).send().await.unwrap();
    assert_eq!(out.deleted().len(), 2);
    assert_eq!(mock.s3().list("s3://lake/sales/orders/"), Vec::<String>::new());
}

#[tokio::test]
async fn path_style_and_virtual_host_addressing_reach_the_same_objects() {
    let (mock, keys) = writer(lake()).await;
    mock.s3().put("s3://lake/sales/orders/x", b"same".to_vec());
    let path_style = aws_sdk_s3::Client::from_conf(mock.s3_config_builder(keys.clone()).force_path_style(true).build());
    let out = path_style.get_object().bucket("lake").key("sales/orders/x").send().await.unwrap();
    assert_eq!(out.body.collect().await.unwrap().into_bytes().as_ref(), b"same");
    mock.s3_client_with(keys).get_object().bucket("lake").key("sales/orders/x").send().await.unwrap();
    let uris: Vec<String> = mock.requests().iter().skip(1).map(|r| r.uri().to_owned()).collect();
    assert!(uris[0].starts_with("https://s3.us-east-1.amazonaws.com/lake/"), "{uris:?}");
    assert!(uris[1].starts_with("https://lake.s3.us-east-1.amazonaws.com/"), "{uris:?}");
}

#[tokio::test]
async fn absurd_ranges_and_unserved_operations_get_s3_errors() {
    let (mock, keys) = writer(lake().behavior(Behavior::default().s3_read_also_allows(["GetObjectTagging"]))).await;
    mock.s3().put("s3://lake/sales/orders/x", b"0123456789".to_vec());
    let s3 = mock.s3_client_with(keys);
    let err = s3.get_object().bucket("lake").key("sales/orders/x").range("bytes=50-60").send().await.unwrap_err();
    assert_eq!(err.code(), Some("InvalidRange"));
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 416);

    let err = s3.get_object_tagging().bucket("lake").key("sales/orders/x").send().await.unwrap_err();
    assert_eq!(err.code(), Some("NotImplemented"));
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 501);
    assert!(err.message().unwrap().contains("GetObjectTagging"), "{:?}", err.message());
    let last = mock.requests().pop().unwrap();
    assert_eq!(last.operation(), &Operation::S3(S3Operation::Other("GetObjectTagging".into())));

    // Not allowed to READ keys by default: AccessDenied, naming the setting that allows it.
    let err = s3.get_object_acl().bucket("lake").key("sales/orders/x").send().await.unwrap_err();
    assert_eq!(err.code(), Some("AccessDenied"));
    assert!(err.message().unwrap().contains("s3_read_also_allows"), "{:?}", err.message());
}
