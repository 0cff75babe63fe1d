//! The `object_store` crate's S3 client (`AmazonS3Builder`, the reader Rust engines use) against
//! the mock's server: with keys the lake vended it reads, heads, ranges and lists inside their
//! scope, and writes only with READWRITE keys; out-of-prefix reads, writes with READ keys,
//! ambient keys, expired keys (the server's clock advanced, then fresh keys), a wrong secret and a
//! missing session token each fail with S3's own error code, which object_store's error carries
//! (its `Display` holds S3's XML body).
//!
//! object_store is built with `aws-base` only (no reqwest, rustls nor aws-lc-rs), so the test
//! gives it what `aws` would have brought: an HTTP client (hyper-util's) and an HMAC-SHA256 (the
//! `hmac` and `sha2` crates).
#![cfg(all(feature = "server", feature = "s3"))]

use crate::server_support::client;
use aws_sdk_lakeformation::types::{CredentialsScope, Permission};
use futures_util::TryStreamExt;
use hmac::{KeyInit, Mac};
use lakeformation_mock::MockLakeFormation;
use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, Principal, S3Access, Table};
use lakeformation_mock::server::MockServer;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::client::{
    ClientOptions, CryptoProvider, DigestAlgorithm, DigestContext, HmacContext, HttpClient, HttpConnector, HttpError,
    HttpErrorKind, HttpRequest, HttpRequestBody, HttpResponse, HttpResponseBody, HttpService, Signer, SigningAlgorithm,
};
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::time::Duration;

const ROLE: &str = "arn:aws:iam::123456789012:role/engine";
const TABLE: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";
/// The secret a principal's own key signs with (the mock's documented test secret).
const PRINCIPAL_SECRET: &str = "lakeformation-mock-not-a-secret";

/// hyper-util's client as object_store's HTTP client.
#[derive(Debug)]
struct Hyper(hyper_util::client::legacy::Client<hyper_util::client::legacy::connect::HttpConnector, HttpRequestBody>);

#[async_trait::async_trait]
impl HttpService for Hyper {
    async fn call(&self, request: HttpRequest) -> Result<HttpResponse, HttpError> {
        use http_body_util::BodyExt;
        let response = self.0.request(request).await.map_err(|e| HttpError::new(HttpErrorKind::Request, e))?;
        Ok(response.map(|body| HttpResponseBody::new(body.map_err(|e| HttpError::new(HttpErrorKind::Decode, e)))))
    }
}

#[derive(Debug)]
struct HyperConnector;

impl HttpConnector for HyperConnector {
    fn connect(&self, _: &ClientOptions) -> object_store::Result<HttpClient> {
        let executor = hyper_util::rt::TokioExecutor::new();
        Ok(HttpClient::new(Hyper(hyper_util::client::legacy::Client::builder(executor).build_http())))
    }
}

/// SHA-256 and HMAC-SHA256 (all SigV4 needs) from the `sha2` and `hmac` crates.
#[derive(Debug)]
struct RustCrypto;

struct Sha256Context(Sha256, Vec<u8>);
struct HmacSha256Context(hmac::Hmac<Sha256>, Vec<u8>);

impl DigestContext for Sha256Context {
    fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }
    fn finish(&mut self) -> object_store::Result<&[u8]> {
        self.1 = self.0.clone().finalize().to_vec();
        Ok(&self.1)
    }
}

impl HmacContext for HmacSha256Context {
    fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }
    fn finish(&mut self) -> object_store::Result<&[u8]> {
        self.1 = self.0.clone().finalize().into_bytes().to_vec();
        Ok(&self.1)
    }
}

fn not_supported(what: &str) -> object_store::Error {
    object_store::Error::NotSupported { source: format!("the test's crypto has no {what}").into() }
}

impl CryptoProvider for RustCrypto {
    fn digest(&self, algorithm: DigestAlgorithm) -> object_store::Result<Box<dyn DigestContext>> {
        match algorithm {
            DigestAlgorithm::Sha256 => Ok(Box::new(Sha256Context(Sha256::new(), Vec::new()))),
            other => Err(not_supported(&format!("{other:?}"))),
        }
    }
    fn hmac(&self, algorithm: DigestAlgorithm, secret: &[u8]) -> object_store::Result<Box<dyn HmacContext>> {
        match algorithm {
            DigestAlgorithm::Sha256 => {
                let mac = hmac::Hmac::<Sha256>::new_from_slice(secret).map_err(|_| not_supported("HMAC key"))?;
                Ok(Box::new(HmacSha256Context(mac, Vec::new())))
            }
            other => Err(not_supported(&format!("HMAC {other:?}"))),
        }
    }
    fn sign(&self, _: SigningAlgorithm, _: &[u8]) -> object_store::Result<Box<dyn Signer>> {
        Err(not_supported("RSA signer (only Google Cloud needs one)"))
    }
}

/// An object_store S3 client for bucket `lake` on the server, path-style, signing with the given
/// keys, as an engine builds one from vended credentials.
fn store(server: &MockServer, key: &str, secret: &str, token: Option<&str>) -> AmazonS3 {
    let builder = AmazonS3Builder::new()
        .with_endpoint(server.url())
        .with_allow_http(true)
        .with_bucket_name("lake")
        .with_region("us-east-1")
        .with_access_key_id(key)
        .with_secret_access_key(secret)
        .with_http_connector(HyperConnector)
        .with_crypto_provider(Arc::new(RustCrypto));
    match token {
        Some(token) => builder.with_token(token),
        None => builder,
    }
    .build()
    .unwrap()
}

/// Keys vended for the table `sales.orders` (READ, by the table's grant), signed for by AKIDTEST.
async fn table_keys(server: &MockServer) -> (String, String, String) {
    let out = client(&server.url()).get_temporary_glue_table_credentials().table_arn(TABLE).send().await.unwrap();
    let token = out.session_token().unwrap().to_owned();
    (out.access_key_id().unwrap().to_owned(), out.secret_access_key().unwrap().to_owned(), token)
}

/// A store on the table's vended keys.
async fn table_store(server: &MockServer) -> AmazonS3 {
    let (key, secret, token) = table_keys(server).await;
    store(server, &key, &secret, Some(&token))
}

/// A mock whose lake lets AKIDTEST (role `engine`) read `sales.orders`, with two objects
/// in the table and one next to it; `principal` is AKIDTEST's principal, for its own S3 access,
/// and `permission` the role's grant on the table (ALL for READWRITE data-location keys).
fn mock_with(principal: Principal, permission: Permission) -> MockLakeFormation {
    let lake = Lake::builder()
        .settings(DataLakeSettings::default().allow_full_table_external_data_access(true))
        .register_location("s3://lake/")
        .table(Table::new("sales", "orders").location("s3://lake/sales/orders/"))
        .principal(principal)
        .grant(Grant::new(ROLE, "sales", "orders", [permission]))
        .build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    mock.s3().put("s3://lake/sales/orders/part-0.parquet", b"PAR1 zero PAR1".to_vec());
    mock.s3().put("s3://lake/sales/orders/dt=1/part-1.parquet", b"PAR1 one PAR1".to_vec());
    mock.s3().put("s3://lake/sales/customers/part-0.parquet", b"PAR1 customers PAR1".to_vec());
    mock
}

fn mock() -> MockLakeFormation {
    mock_with(Principal::new("AKIDTEST", ROLE), Permission::Select)
}

/// The S3 error code in an object_store error: its `Display` carries S3's XML answer. `None`, and
/// the test fails saying so, if the code is not there.
fn s3_code(err: &object_store::Error) -> Option<String> {
    let text = err.to_string();
    let start = text.find("<Code>")? + "<Code>".len();
    let end = start + text[start..].find("</Code>")?;
    Some(text[start..end].to_owned())
}

/// Asserts `err` carries S3's `code`. (object_store makes a 403 on a single object
/// `PermissionDenied`, a 400 and any refused listing `Generic`: the tests check that where it
/// matters to an engine's error handling.)
#[track_caller]
fn assert_s3_error(err: &object_store::Error, code: &str) {
    assert_eq!(s3_code(err).as_deref(), Some(code), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn object_store_reads_ranges_heads_and_lists_inside_the_vended_table_prefix() {
    let mock = mock();
    let server = MockServer::start(&mock).unwrap();
    let (key, secret, token) = table_keys(&server).await;
    let s3 = store(&server, &key, &secret, Some(&token));

    let object = s3.get(&Path::from("sales/orders/part-0.parquet")).await.unwrap();
    assert_eq!(object.meta.size, 14);
    assert_eq!(object.bytes().await.unwrap().as_ref(), b"PAR1 zero PAR1");
    let footer = s3.get_range(&Path::from("sales/orders/part-0.parquet"), 10..14).await.unwrap();
    assert_eq!(footer.as_ref(), b"PAR1");
    let head = s3.head(&Path::from("sales/orders/dt=1/part-1.parquet")).await.unwrap();
    assert_eq!(head.size, 13);
    let mut listed: Vec<String> = s3
        .list(Some(&Path::from("sales/orders")))
        .map_ok(|meta| meta.location.to_string())
        .try_collect()
        .await
        .unwrap();
    listed.sort();
    assert_eq!(listed, ["sales/orders/dt=1/part-1.parquet", "sales/orders/part-0.parquet"]);
    let partitions = s3.list_with_delimiter(Some(&Path::from("sales/orders"))).await.unwrap();
    assert_eq!(partitions.common_prefixes, [Path::from("sales/orders/dt=1")]);
    assert_eq!(partitions.objects.len(), 1);

    // The journal: every request signed with the vended key, answered 200, the range recorded.
    let inputs = mock.journal().s3_inputs();
    assert_eq!(inputs.len(), 5, "{inputs:?}");
    let statuses: Vec<u16> = inputs.iter().map(|i| i.status()).collect();
    assert_eq!(statuses, [200, 206, 200, 200, 200], "a ranged GET is 206 Partial Content, as S3's");
    assert!(inputs.iter().all(|i| i.access_key_id() == Some(key.as_str())), "{inputs:?}");
    assert!(inputs.iter().all(|i| i.vended_for() == [TABLE]), "{inputs:?}");
    assert_eq!(inputs[1].range(), Some("bytes=10-13"));
    assert_eq!(inputs[3].prefix(), Some("sales/orders/"));
}

#[tokio::test(flavor = "multi_thread")]
async fn object_store_with_read_keys_cannot_read_past_the_table_prefix_nor_write() {
    let mock = mock();
    let server = MockServer::start(&mock).unwrap();
    let s3 = table_store(&server).await;

    let err = s3.get(&Path::from("sales/customers/part-0.parquet")).await.unwrap_err();
    assert_s3_error(&err, "AccessDenied");
    assert!(matches!(err, object_store::Error::PermissionDenied { .. }), "{err:?}");
    assert!(err.to_string().contains("s3://lake/sales/orders/"), "names the vended scope: {err}");
    let err = s3.list(Some(&Path::from("sales"))).try_collect::<Vec<_>>().await.unwrap_err();
    assert_s3_error(&err, "AccessDenied");

    let err = s3.put(&Path::from("sales/orders/new.parquet"), PutPayload::from_static(b"x")).await.unwrap_err();
    assert_s3_error(&err, "AccessDenied");
    assert_eq!(mock.s3().get("s3://lake/sales/orders/new.parquet"), None, "nothing written");
    let err = s3.delete(&Path::from("sales/orders/part-0.parquet")).await.unwrap_err();
    assert_s3_error(&err, "AccessDenied");
    assert!(mock.s3().get("s3://lake/sales/orders/part-0.parquet").is_some(), "nothing deleted");

    let codes: Vec<Option<String>> =
        mock.journal().s3_inputs().iter().map(|i| i.error_code().map(str::to_owned)).collect();
    assert_eq!(codes, vec![Some("AccessDenied".to_owned()); 4], "each refusal journaled once");
}

#[tokio::test(flavor = "multi_thread")]
async fn object_store_writes_with_readwrite_data_location_keys_inside_their_location_only() {
    let mock = mock_with(Principal::new("AKIDTEST", ROLE), Permission::All);
    let server = MockServer::start(&mock).unwrap();
    let out = client(&server.url())
        .get_temporary_data_location_credentials()
        .data_locations("s3://lake/sales/orders/")
        .credentials_scope(CredentialsScope::Readwrite)
        .send()
        .await
        .unwrap();
    let c = out.credentials().unwrap();
    let s3 = store(&server, c.access_key_id().unwrap(), c.secret_access_key().unwrap(), c.session_token());

    let path = Path::from("sales/orders/dt=2/part-2.parquet");
    s3.put(&path, PutPayload::from_static(b"PAR1 two PAR1")).await.unwrap();
    assert_eq!(mock.s3().get("s3://lake/sales/orders/dt=2/part-2.parquet").as_deref(), Some(&b"PAR1 two PAR1"[..]));
    assert_eq!(s3.get(&path).await.unwrap().bytes().await.unwrap().as_ref(), b"PAR1 two PAR1");
    s3.delete(&path).await.unwrap();
    assert_eq!(mock.s3().get("s3://lake/sales/orders/dt=2/part-2.parquet"), None);

    let err = s3.put(&Path::from("sales/customers/x"), PutPayload::from_static(b"x")).await.unwrap_err();
    assert_s3_error(&err, "AccessDenied");
    assert_eq!(mock.s3().get("s3://lake/sales/customers/x"), None);
}

#[tokio::test(flavor = "multi_thread")]
async fn object_store_on_the_engines_ambient_keys_reaches_only_the_s3_access_it_was_given() {
    let principal = Principal::new("AKIDTEST", ROLE).s3_access("s3://lake/scratch/", S3Access::ReadWrite);
    let mock = mock_with(principal, Permission::Select);
    let server = MockServer::start(&mock).unwrap();
    // The engine's bug: reading governed data with its own credentials instead of vended ones.
    let ambient = store(&server, "AKIDTEST", PRINCIPAL_SECRET, None);
    let err = ambient.get(&Path::from("sales/orders/part-0.parquet")).await.unwrap_err();
    assert_s3_error(&err, "AccessDenied");
    assert!(err.to_string().contains("s3://lake/scratch/ (READWRITE)"), "says what the key does reach: {err}");
    // What it was given of its own, it reaches.
    ambient.put(&Path::from("scratch/spill"), PutPayload::from_static(b"spill")).await.unwrap();
    assert_eq!(mock.s3().get("s3://lake/scratch/spill").as_deref(), Some(&b"spill"[..]));
    // A key the lake does not know at all.
    let stranger = store(&server, "AKIDSTRANGER", PRINCIPAL_SECRET, None);
    let err = stranger.get(&Path::from("sales/orders/part-0.parquet")).await.unwrap_err();
    assert_s3_error(&err, "InvalidAccessKeyId");
}

#[tokio::test(flavor = "multi_thread")]
async fn object_store_after_the_servers_clock_passes_expiration_gets_expired_token_then_fresh_keys_read() {
    let mock = mock();
    let server = MockServer::start(&mock).unwrap();
    let path = Path::from("sales/orders/part-0.parquet");
    let s3 = table_store(&server).await;
    s3.get(&path).await.unwrap();

    server.advance_clock(Duration::from_secs(2 * 3600));
    let err = s3.get(&path).await.unwrap_err();
    assert_s3_error(&err, "ExpiredToken");
    assert!(matches!(err, object_store::Error::Generic { .. }), "{err:?}");
    // The engine's refresh: vend again (by the advanced clock) and build the store anew.
    let fresh = table_store(&server).await;
    assert_eq!(fresh.get(&path).await.unwrap().bytes().await.unwrap().as_ref(), b"PAR1 zero PAR1");
    let codes: Vec<Option<String>> =
        mock.journal().s3_inputs().iter().map(|i| i.error_code().map(str::to_owned)).collect();
    assert_eq!(codes, [None, Some("ExpiredToken".to_owned()), None]);
}

#[tokio::test(flavor = "multi_thread")]
async fn object_store_with_a_wrong_secret_or_without_the_session_token_is_refused() {
    let mock = mock();
    let server = MockServer::start(&mock).unwrap();
    let (key, secret, token) = table_keys(&server).await;
    let path = Path::from("sales/orders/part-0.parquet");

    // Tampered: the vended key and token, one character of the secret changed.
    let wrong = format!("{}{}", &secret[..secret.len() - 1], if secret.ends_with('A') { 'B' } else { 'A' });
    let err = store(&server, &key, &wrong, Some(&token)).get(&path).await.unwrap_err();
    assert_s3_error(&err, "SignatureDoesNotMatch");
    // The session token dropped (an engine that passes only key and secret).
    let err = store(&server, &key, &secret, None).get(&path).await.unwrap_err();
    assert_s3_error(&err, "InvalidToken");
    // Someone else's token.
    let (_, _, other_token) = table_keys(&server).await;
    let err = store(&server, &key, &secret, Some(&other_token)).get(&path).await.unwrap_err();
    assert_s3_error(&err, "InvalidToken");
    // And with all three right, it reads.
    store(&server, &key, &secret, Some(&token)).get(&path).await.unwrap();
}
