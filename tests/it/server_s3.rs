//! The mock's S3 in server mode: on the same port as Lake Formation, routed by the request's
//! SigV4 scope, through a real HTTP client; objects larger than the server's body limit go
//! through; presigned URLs work and are refused once tampered with; the server keeps serving;
//! the server's clock, advanced by a test, expires the keys it vended.
#![cfg(all(feature = "server", feature = "s3"))]

use crate::server_support::{client, raw};
use aws_credential_types::Credentials;
use aws_sdk_lakeformation::types::{CredentialsScope, Permission};
use aws_sdk_s3::error::ProvideErrorMetadata;
use aws_sdk_s3::presigning::PresigningConfig;
use aws_sdk_s3::primitives::ByteStream;
use lakeformation_mock::lake::{Behavior, DataLakeSettings, Grant, Lake, Principal, Table};
use lakeformation_mock::s3::S3Operation;
use lakeformation_mock::server::MockServer;
use lakeformation_mock::{MockLakeFormation, Operation};
use std::time::Duration;

const ROLE: &str = "arn:aws:iam::123456789012:role/engine";

/// An S3 client that knows nothing of the mock: a plain HTTP client to `url`, path-style.
fn s3_client(url: &str, keys: Credentials) -> aws_sdk_s3::Client {
    aws_sdk_s3::Client::from_conf(s3_config(url, keys).build())
}

/// Its config, before `build()`.
fn s3_config(url: &str, keys: Credentials) -> aws_sdk_s3::config::Builder {
    aws_sdk_s3::Config::builder()
        .behavior_version(aws_sdk_s3::config::BehaviorVersion::latest())
        .region(aws_sdk_s3::config::Region::new("us-east-1"))
        .credentials_provider(keys)
        .http_client(aws_smithy_http_client::Builder::new().build_http())
        .endpoint_url(url)
        .force_path_style(true)
}

/// A mock whose lake lets the server tests' signer (AKIDTEST) read and write `sales.orders`.
pub(crate) fn mock() -> MockLakeFormation {
    MockLakeFormation::new().with_lake(&lake(Behavior::default()))
}

/// That lake, with `behavior`: `sales.orders` at `s3://lake/sales/orders/`.
pub(crate) fn lake(behavior: Behavior) -> Lake {
    Lake::builder()
        .behavior(behavior)
        .settings(DataLakeSettings::default().allow_full_table_external_data_access(true))
        .register_location("s3://lake/")
        .table(Table::new("sales", "orders").location("s3://lake/sales/orders/"))
        .principal(Principal::new("AKIDTEST", ROLE))
        .grant(Grant::new(ROLE, "sales", "orders", [Permission::All]))
        .build()
}

/// READWRITE keys for the table's location, vended by `server`.
pub(crate) async fn readwrite_keys(server: &MockServer) -> Credentials {
    let out = client(&server.url())
        .get_temporary_data_location_credentials()
        .data_locations("s3://lake/sales/orders/")
        .credentials_scope(CredentialsScope::Readwrite)
        .send()
        .await
        .unwrap();
    let c = out.credentials().unwrap();
    crate::common::signing_credentials(c.access_key_id().unwrap(), c.secret_access_key().unwrap(), c.session_token())
}

/// Keys vended by `server` for the table, and their expiration.
async fn table_keys(server: &MockServer) -> (Credentials, std::time::SystemTime) {
    let out = client(&server.url())
        .get_temporary_glue_table_credentials()
        .table_arn("arn:aws:glue:us-east-1:123456789012:table/sales/orders")
        .send()
        .await
        .unwrap();
    let expiration = std::time::SystemTime::try_from(*out.expiration().unwrap()).unwrap();
    let keys = crate::common::signing_credentials(
        out.access_key_id().unwrap(),
        out.secret_access_key().unwrap(),
        out.session_token(),
    );
    (keys, expiration)
}

#[tokio::test(flavor = "multi_thread")]
async fn vended_keys_write_and_read_objects_over_http_past_the_body_limit() {
    let mock = mock();
    let server = MockServer::start(&mock).unwrap();
    let keys = readwrite_keys(&server).await;
    let s3 = s3_client(&server.url(), keys.clone());
    let big = vec![7u8; 3 * 1024 * 1024];
    s3.put_object()
        .bucket("lake")
        .key("sales/orders/big.bin")
        .body(ByteStream::from(big.clone()))
        .send()
        .await
        .unwrap();
    let got = s3.get_object().bucket("lake").key("sales/orders/big.bin").send().await.unwrap();
    assert_eq!(got.body.collect().await.unwrap().into_bytes().len(), big.len());
    assert_eq!(mock.s3().get("s3://lake/sales/orders/big.bin").unwrap().len(), big.len());

    // A file is streamed over plain HTTP (aws-chunked with a trailing checksum), verified by s3s.
    let path = std::env::temp_dir().join(format!("lakeformation-mock-server-s3-{}.bin", std::process::id()));
    std::fs::write(&path, vec![b'q'; 200_000]).unwrap();
    let body = ByteStream::from_path(&path).await.unwrap();
    s3.put_object().bucket("lake").key("sales/orders/streamed.bin").body(body).send().await.unwrap();
    std::fs::remove_file(&path).unwrap();
    let put = mock.requests().pop().unwrap();
    let payload = put.header_value("x-amz-content-sha256").unwrap_or_default().to_owned();
    assert!(payload.starts_with("STREAMING-"), "{payload}");
    assert_eq!(mock.s3().get("s3://lake/sales/orders/streamed.bin").unwrap(), vec![b'q'; 200_000]);

    let err = s3.get_object().bucket("lake").key("sales/other").send().await.unwrap_err();
    assert_eq!(err.code(), Some("AccessDenied"));
    let stranger = s3_client(&server.url(), Credentials::new("AKIDSTRANGER", "x", None, None, "t"));
    let err = stranger.get_object().bucket("lake").key("sales/orders/big.bin").send().await.unwrap_err();
    assert_eq!(err.code(), Some("InvalidAccessKeyId"));

    // A presigned GET works from any HTTP client; one byte changed in its signature does not.
    let presigned = s3
        .get_object()
        .bucket("lake")
        .key("sales/orders/big.bin")
        .presigned(PresigningConfig::expires_in(Duration::from_secs(300)).unwrap())
        .await
        .unwrap();
    let path = presigned.uri().split_once(&server.url()).unwrap().1.to_owned();
    let reply = raw(server.address(), "GET", &path, &[], b"").unwrap();
    assert_eq!(reply.status, 200, "{}", reply.head);
    let at = path.find("X-Amz-Signature=").unwrap() + "X-Amz-Signature=".len();
    let flipped = if &path[at..at + 1] == "0" { "1" } else { "0" };
    let tampered = format!("{}{flipped}{}", &path[..at], &path[at + 1..]);
    let reply = raw(server.address(), "GET", &tampered, &[], b"").unwrap();
    assert_eq!(reply.status, 403);
    assert!(reply.body.contains("<Code>SignatureDoesNotMatch</Code>"), "{}", reply.body);

    let s3_requests: Vec<_> =
        mock.requests().into_iter().filter(|r| matches!(r.operation(), Operation::S3(_))).collect();
    assert_eq!(s3_requests.len(), 7, "each S3 request journaled once");
    assert_eq!(s3_requests[0].operation(), &Operation::S3(S3Operation::PutObject));
    assert!(s3_requests.iter().all(|r| r.answer().request_id().is_some()));
    // The control endpoint's journal shows what the journal keeps of them, and no secret.
    let journal = crate::server_support::control_get(server.address(), "journal");
    let put = journal["requests"].as_array().unwrap().iter().find(|r| r["operation"] == "PutObject").unwrap();
    assert_eq!(put["input"]["Key"], "sales/orders/big.bin");
    assert_eq!(put["answer"]["answered_by"], "s3");
    assert!(!journal.to_string().contains(keys.secret_access_key()));
    assert!(!journal.to_string().contains(keys.session_token().unwrap()));
    // The server still serves Lake Formation.
    client(&server.url())
        .get_temporary_glue_table_credentials()
        .table_arn("arn:aws:glue:us-east-1:123456789012:table/sales/orders")
        .send()
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn garbage_signed_for_s3_gets_an_s3_error_and_the_server_keeps_serving() {
    let mock = mock();
    let server = MockServer::start(&mock).unwrap();
    let auth =
        "AWS4-HMAC-SHA256 Credential=AKIDTEST/20261207/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00";
    let reply = raw(
        server.address(),
        "POST",
        "/lake?delete",
        &[("authorization", auth), ("x-amz-date", "nonsense")],
        b"<Delete><Object>",
    )
    .unwrap();
    assert!((400..500).contains(&reply.status), "{reply:?}");
    assert!(reply.body.contains("<Error>") && reply.body.contains("<Code>"), "S3's XML error: {}", reply.body);
    assert_eq!(mock.requests().len(), 1);
    assert_eq!(mock.requests()[0].operation(), &Operation::S3(S3Operation::DeleteObjects), "guessed from the request");
    let reply = raw(server.address(), "GET", "/lake/x", &[("authorization", auth)], b"").unwrap();
    assert!((400..500).contains(&reply.status), "{reply:?}");
    assert_eq!(mock.requests().len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_request_signed_by_a_clock_far_from_the_servers_is_refused_as_too_skewed_then_corrected() {
    let mock = mock();
    let server = MockServer::start(&mock).unwrap();
    let (keys, _) = table_keys(&server).await;
    mock.s3().put("s3://lake/sales/orders/x", b"x".to_vec());
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    let clock = aws_smithy_async::time::StaticTimeSource::new(hour_ago);
    let skewed = aws_sdk_s3::Client::from_conf(s3_config(&server.url(), keys.clone()).time_source(clock).build());
    // Refused, then retried by the SDK with its clock corrected by the response's `Date`: as with S3.
    skewed.get_object().bucket("lake").key("sales/orders/x").send().await.unwrap();
    let tries: Vec<(Option<String>, u16)> =
        mock.journal().s3_inputs().iter().map(|i| (i.error_code().map(str::to_owned), i.status())).collect();
    assert_eq!(tries, [(Some("RequestTimeTooSkewed".to_owned()), 403), (None, 200)]);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_servers_clock_advances_past_a_lease_and_keys_vended_after_it_work() {
    let mock = mock();
    let server = MockServer::start(&mock).unwrap();
    mock.s3().put("s3://lake/sales/orders/x", b"x".to_vec());
    let vend = || async {
        let (keys, expiration) = table_keys(&server).await;
        (s3_client(&server.url(), keys), expiration)
    };
    let (s3, first_expiration) = vend().await;
    s3.get_object().bucket("lake").key("sales/orders/x").send().await.unwrap();

    // Two hours on, by the control endpoint: the keys have expired, signatures still check out.
    let reply =
        raw(server.address(), "POST", "/__lakeformation_mock/clock/advance", &[], br#"{"seconds": 7200}"#).unwrap();
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json()["advanced_seconds"], 7200);
    let err = s3.get_object().bucket("lake").key("sales/orders/x").send().await.unwrap_err();
    assert_eq!(err.code(), Some("ExpiredToken"), "{err:?}");
    assert!(err.message().unwrap().contains("the mock's clock reads"), "{err:?}");

    // Keys vended now expire by the advanced clock, and read.
    let (fresh, second_expiration) = vend().await;
    assert!(second_expiration >= first_expiration + Duration::from_secs(7200), "{second_expiration:?}");
    fresh.get_object().bucket("lake").key("sales/orders/x").send().await.unwrap();
    assert_eq!(crate::server_support::control_get(server.address(), "clock")["advanced_seconds"], 7200);
    // The Rust handle moves the same clock.
    let now = server.advance_clock(Duration::from_secs(3600));
    assert!(now >= second_expiration, "{now:?}");
    let err = fresh.get_object().bucket("lake").key("sales/orders/x").send().await.unwrap_err();
    assert_eq!(err.code(), Some("ExpiredToken"), "{err:?}");
}

#[test]
fn the_clock_endpoint_refuses_a_body_that_is_not_whole_seconds_and_says_what_it_takes() {
    let server = MockServer::start(&mock()).unwrap();
    for body in [&br#"{"seconds": -5}"#[..], br#"{"seconds": 1.5}"#, b"soon", br#"{"minutes": 2}"#] {
        let reply = raw(server.address(), "POST", "/__lakeformation_mock/clock/advance", &[], body).unwrap();
        assert_eq!(reply.status, 400, "{}", reply.body);
        assert_eq!(reply.header("x-amzn-errortype"), Some("LakeFormationMockInvalidClock"));
        assert!(reply.body.contains(r#"{\"seconds\": n}"#), "{}", reply.body);
    }
    assert_eq!(crate::server_support::control_get(server.address(), "clock")["advanced_seconds"], 0);
}
