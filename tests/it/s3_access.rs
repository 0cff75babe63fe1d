//! The mock's S3 through a real `aws_sdk_s3::Client`: keys the lake vended read inside their
//! scope and nowhere else, READ keys never write, and unknown keys, wrong secrets, missing
//! tokens and expired leases are refused with S3's own codes.
#![cfg(feature = "s3")]

use crate::common::signing_credentials as credentials;
use crate::lake_support::{ADMIN, ORDERS, READER, READER_ARN, lake};
use aws_credential_types::Credentials;
use aws_sdk_lakeformation::types::CredentialsScope;
use aws_sdk_s3::error::ProvideErrorMetadata;
use aws_sdk_s3::primitives::ByteStream;
use aws_smithy_async::test_util::ManualTimeSource;
use lakeformation_mock::lake::{Principal, S3Access};
use lakeformation_mock::s3::S3Operation;
use lakeformation_mock::{MockLakeFormation, Operation, Source};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const OBJECT: &str = "s3://lake/sales/orders/part-0.parquet";

/// A mock on the shared lake with one object under `sales.orders`, and READ keys vended for it.
async fn read_keys(mock: &MockLakeFormation, client: &aws_sdk_lakeformation::Client) -> Credentials {
    mock.s3().put(OBJECT, b"PAR1 orders PAR1".to_vec());
    let out = client.get_temporary_glue_table_credentials().table_arn(ORDERS).send().await.unwrap();
    credentials(out.access_key_id().unwrap(), out.secret_access_key().unwrap(), out.session_token())
}

/// The S3 error code and message of a failed call.
fn refusal<E: ProvideErrorMetadata>(error: aws_sdk_s3::error::SdkError<E>) -> (String, String) {
    (error.code().unwrap_or_default().to_owned(), error.message().unwrap_or_default().to_owned())
}

#[tokio::test]
async fn vended_keys_read_their_table_and_the_journal_records_it() {
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    let keys = read_keys(&mock, &mock.client_as(READER)).await;
    let s3 = mock.s3_client_with(keys.clone());
    let out = s3.get_object().bucket("lake").key("sales/orders/part-0.parquet").send().await.unwrap();
    assert_eq!(out.content_length(), Some(16));
    assert_eq!(out.body.collect().await.unwrap().into_bytes().as_ref(), b"PAR1 orders PAR1");

    let requests = mock.requests();
    assert_eq!(requests.len(), 2, "the vending call and the read, each once");
    let read = &requests[1];
    assert_eq!(read.operation(), &Operation::S3(S3Operation::GetObject));
    assert_eq!(read.answer().source(), &Source::S3);
    assert_eq!(read.answer().status_code(), Some(200));
    let input = read.input().unwrap().as_s3().unwrap();
    assert_eq!((input.bucket(), input.key()), (Some("lake"), Some("sales/orders/part-0.parquet")));
    assert_eq!(input.access_key_id(), Some(keys.access_key_id()));
    assert!(input.credentials().unwrap().contains("GetTemporaryGlueTableCredentials"), "{input:?}");
    assert!(input.credentials().unwrap().contains(READER_ARN));
}

#[tokio::test]
async fn read_keys_neither_write_nor_read_past_their_prefix() {
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    let keys = read_keys(&mock, &mock.client_as(READER)).await;
    mock.s3().put("s3://lake/sales/customers/part-0.parquet", b"secret".to_vec());
    let s3 = mock.s3_client_with(keys);

    let err =
        s3.put_object().bucket("lake").key("sales/orders/new.parquet").body(ByteStream::from_static(b"x")).send().await;
    let (code, message) = refusal(err.unwrap_err());
    assert_eq!(code, "AccessDenied");
    assert!(message.contains("READ") && message.contains("s3://lake/sales/orders/new.parquet"), "{message}");
    assert!(mock.s3().get("s3://lake/sales/orders/new.parquet").is_none(), "nothing written");

    let err = s3.get_object().bucket("lake").key("sales/customers/part-0.parquet").send().await;
    let (code, message) = refusal(err.unwrap_err());
    assert_eq!(code, "AccessDenied");
    assert!(message.contains("s3://lake/sales/orders/"), "names the scope: {message}");

    let last = mock.requests().pop().unwrap();
    assert_eq!(last.answer().status_code(), Some(403));
    assert!(last.answer().trace().unwrap().contains("refused: AccessDenied"), "{:?}", last.answer().trace());
}

#[tokio::test]
async fn unknown_keys_wrong_secrets_and_missing_tokens_fail_with_s3_codes() {
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    let keys = read_keys(&mock, &mock.client_as(READER)).await;
    let get = |credentials: Credentials| {
        let s3 = mock.s3_client_with(credentials);
        async move { refusal(s3.get_object().bucket("lake").key("sales/orders/part-0.parquet").send().await.unwrap_err()) }
    };
    let token = keys.session_token();
    assert_eq!(get(credentials("ASIAUNKNOWNKEY000000", "x", token)).await.0, "InvalidAccessKeyId");
    let (code, message) = get(credentials(keys.access_key_id(), "wrong", token)).await;
    assert_eq!(code, "SignatureDoesNotMatch");
    assert!(message.starts_with("The request signature we calculated does not match"), "{message}");
    assert!(message.contains("signs with the SecretAccessKey issued with it"), "{message}");
    let journaled = mock.journal().s3_inputs().pop().unwrap();
    assert_eq!(journaled.error_code(), Some("SignatureDoesNotMatch"));
    let (code, message) = get(credentials(keys.access_key_id(), keys.secret_access_key(), None)).await;
    assert_eq!(code, "InvalidToken");
    assert!(message.contains("SessionToken"), "{message}");
    let (code, _) = get(credentials(keys.access_key_id(), keys.secret_access_key(), Some("another"))).await;
    assert_eq!(code, "InvalidToken");
    assert_eq!(mock.requests().len(), 5, "every refused request is journaled once");
    assert!(mock.requests()[1..].iter().all(|r| r.operation() == &Operation::S3(S3Operation::GetObject)));
}

#[tokio::test]
async fn keys_expire_by_the_clients_clock_and_fresh_ones_work() {
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    let clock = ManualTimeSource::new(UNIX_EPOCH + Duration::from_secs(1_700_000_000));
    let keys = read_keys(&mock, &mock.client_as_at(READER, clock.clone())).await;
    let s3 = mock.s3_client_with_at(keys, clock.clone());
    let get = || s3.get_object().bucket("lake").key("sales/orders/part-0.parquet").send();
    get().await.unwrap();
    clock.advance(Duration::from_secs(3600));
    let (code, message) = refusal(get().await.unwrap_err());
    assert_eq!(code, "ExpiredToken");
    assert!(message.contains("The provided token has expired"), "{message}");

    let fresh = read_keys(&mock, &mock.client_as_at(READER, clock.clone())).await;
    mock.s3_client_with_at(fresh, clock.clone())
        .get_object()
        .bucket("lake")
        .key("sales/orders/part-0.parquet")
        .send()
        .await
        .unwrap();
    assert!(SystemTime::now() > UNIX_EPOCH);
}

#[tokio::test]
async fn ambient_keys_reach_only_the_s3_access_of_their_own() {
    let lake = lake()
        .principal(
            Principal::new("AKIDAMBIENT", "arn:aws:iam::123456789012:role/ambient")
                .s3_access("s3://lake/raw/", S3Access::Read),
        )
        .build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    mock.s3().put(OBJECT, b"governed".to_vec());
    mock.s3().put("s3://lake/raw/a.json", b"raw".to_vec());
    let (code, message) = refusal(
        mock.s3_client_as(READER)
            .get_object()
            .bucket("lake")
            .key("sales/orders/part-0.parquet")
            .send()
            .await
            .unwrap_err(),
    );
    assert_eq!(code, "AccessDenied");
    assert!(message.contains("s3_access"), "says how to give one: {message}");
    let ambient = mock.s3_client_as("AKIDAMBIENT");
    assert!(ambient.get_object().bucket("lake").key("sales/orders/part-0.parquet").send().await.is_err());
    ambient.get_object().bucket("lake").key("raw/a.json").send().await.unwrap();
}

#[tokio::test]
async fn readwrite_keys_write_list_copy_and_delete_inside_their_location() {
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    let out = mock
        .client_as(ADMIN)
        .get_temporary_data_location_credentials()
        .data_locations("s3://lake/sales/orders/")
        .credentials_scope(CredentialsScope::Readwrite)
        .send()
        .await
        .unwrap();
    let c = out.credentials().unwrap();
    let s3 =
        mock.s3_client_with(credentials(c.access_key_id().unwrap(), c.secret_access_key().unwrap(), c.session_token()));
    for i in 0..3 {
        s3.put_object()
            .bucket("lake")
            .key(format!("sales/orders/d=1/{i}.parquet"))
            .body(ByteStream::from(vec![b'a'; 100]))
            .send()
            .await
            .unwrap();
    }
    assert_eq!(mock.s3().get("s3://lake/sales/orders/d=1/2.parquet").unwrap().len(), 100);

    let page = s3.list_objects_v2().bucket("lake").prefix("sales/orders/").delimiter("/").send().await.unwrap();
    assert_eq!(page.common_prefixes()[0].prefix(), Some("sales/orders/d=1/"));
    let first = s3.list_objects_v2().bucket("lake").prefix("sales/orders/d=1/").max_keys(2).send().await.unwrap();
    assert_eq!(first.contents().len(), 2);
    assert_eq!(first.is_truncated(), Some(true));
    let token = first.next_continuation_token().unwrap();
    let second =
        s3.list_objects_v2().bucket("lake").prefix("sales/orders/d=1/").continuation_token(token).send().await.unwrap();
    assert_eq!(second.contents()[0].key(), Some("sales/orders/d=1/2.parquet"));
    let (code, _) = refusal(s3.list_objects_v2().bucket("lake").prefix("sales/").send().await.unwrap_err());
    assert_eq!(code, "AccessDenied", "a listing wider than the scope");

    let ranged =
        s3.get_object().bucket("lake").key("sales/orders/d=1/0.parquet").range("bytes=10-19").send().await.unwrap();
    assert_eq!(ranged.content_range(), Some("bytes 10-19/100"));
    assert_eq!(ranged.body.collect().await.unwrap().into_bytes().len(), 10);

    s3.copy_object()
        .bucket("lake")
        .key("sales/orders/copy.parquet")
        .copy_source("lake/sales/orders/d=1/0.parquet")
        .send()
        .await
        .unwrap();
    s3.delete_object().bucket("lake").key("sales/orders/d=1/1.parquet").send().await.unwrap();
    assert!(mock.s3().get("s3://lake/sales/orders/d=1/1.parquet").is_none());
    assert!(mock.s3().get("s3://lake/sales/orders/copy.parquet").is_some());
}

/// The panic message of `f`, which must panic.
fn panic_message(f: impl FnOnce()) -> String {
    let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).expect_err("expected a panic");
    err.downcast_ref::<String>().cloned().unwrap_or_default()
}

#[tokio::test]
async fn the_journal_says_in_one_call_which_keys_read_and_wrote() {
    let lake = lake()
        .principal(
            Principal::new("AKIDAMBIENT", "arn:aws:iam::123456789012:role/ambient")
                .s3_access("s3://lake/", S3Access::ReadWrite),
        )
        .build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let keys = read_keys(&mock, &mock.client_as(READER)).await;
    mock.s3_client_with(keys.clone())
        .get_object()
        .bucket("lake")
        .key("sales/orders/part-0.parquet")
        .send()
        .await
        .unwrap();
    let journal = mock.journal();
    journal.assert_s3_reads_used_keys_vended_for(ORDERS, "s3://lake/sales/orders/");
    journal.assert_no_s3_write_with_read_keys();

    // The engine's ambient key reads the same table, and READ keys try to write.
    let ambient = mock.s3_client_as("AKIDAMBIENT");
    ambient.get_object().bucket("lake").key("sales/orders/part-0.parquet").send().await.unwrap();
    let _ = mock.s3_client_with(keys).delete_object().bucket("lake").key("sales/orders/part-0.parquet").send().await;
    let message = panic_message(|| journal.assert_s3_reads_used_keys_vended_for(ORDERS, "s3://lake/sales/orders/"));
    assert!(message.contains("1 S3 read(s)") && message.contains("AKIDAMBIENT"), "{message}");
    let message = panic_message(|| journal.assert_no_s3_write_with_read_keys());
    assert!(
        message.contains("DeleteObject s3://lake/sales/orders/part-0.parquet")
            && message.contains("refused AccessDenied"),
        "{message}"
    );
    assert_eq!(journal.s3_inputs().len(), 3);
    assert!(mock.s3().get(OBJECT).is_some(), "the refused delete deleted nothing");
}

#[tokio::test]
async fn an_s3_request_shows_no_secret_in_debug_and_verification_passes() {
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    let keys = read_keys(&mock, &mock.client_as(READER)).await;
    let s3 = mock.s3_client_with(keys.clone());
    let _ = s3.get_object().bucket("lake").key("sales/other").send().await;
    let read = mock.requests().pop().unwrap();
    let shown = format!("{read:?}");
    assert!(!shown.contains(keys.session_token().unwrap()), "the session token shows: {shown}");
    assert!(!shown.contains(keys.secret_access_key()), "the secret shows");
    assert!(shown.contains("AccessDenied"), "the answer shows: {shown}");
    assert_eq!(read.answer().source().to_string(), "the mock's S3");
    // A refused S3 request was answered (with S3's error): nothing is left unanswered.
    mock.verify();
}

#[tokio::test]
async fn a_principal_declares_the_secret_its_own_key_signs_with() {
    let principal = Principal::new("AKIDOWN", "arn:aws:iam::123456789012:role/own")
        .s3_access("s3://lake/raw/", S3Access::Read)
        .secret_access_key("own-secret");
    assert!(!format!("{principal:?}").contains("own-secret"));
    let mock = MockLakeFormation::new().with_lake(&lake().principal(principal).build());
    mock.s3().put("s3://lake/raw/a", b"a".to_vec());
    let own = mock.s3_client_with(credentials("AKIDOWN", "own-secret", None));
    own.get_object().bucket("lake").key("raw/a").send().await.unwrap();
    let (code, _) =
        refusal(mock.s3_client_as("AKIDOWN").get_object().bucket("lake").key("raw/a").send().await.unwrap_err());
    assert_eq!(code, "SignatureDoesNotMatch", "the mock's test secret is no longer its secret");
}
