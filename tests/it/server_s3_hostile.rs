//! Hostile S3 input to the server, correctly signed (so it reaches S3's parsing, not only the
//! signature check): malformed XML bodies, a listing that asks for more keys than S3 gives,
//! operations the mock does not serve, and absurd ranges each get a specific S3 XML error; each
//! request is journaled once and the server keeps serving.
#![cfg(all(feature = "server", feature = "s3"))]

use crate::server_s3::{lake, mock, readwrite_keys};
use crate::server_support::{RawReply, raw};
use aws_credential_types::Credentials;
use aws_sigv4::http_request::{PayloadChecksumKind, SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use lakeformation_mock::lake::Behavior;
use lakeformation_mock::server::MockServer;
use std::net::SocketAddr;
use std::time::SystemTime;

/// Sends `method path` with `body`, SigV4-signed for S3 with `keys` (payload hash included).
fn signed(address: SocketAddr, keys: &Credentials, method: &str, path: &str, body: &[u8]) -> RawReply {
    signed_with(address, keys, method, path, &[], body)
}

/// The same, with `extra` headers, signed too.
fn signed_with(
    address: SocketAddr,
    keys: &Credentials,
    method: &str,
    path: &str,
    extra: &[(&str, &str)],
    body: &[u8],
) -> RawReply {
    let identity = keys.clone().into();
    let mut settings = SigningSettings::default();
    settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region("us-east-1")
        .name("s3")
        .time(SystemTime::now())
        .settings(settings)
        .build()
        .unwrap()
        .into();
    let host = address.to_string();
    let url = format!("http://{host}{path}");
    let mut to_sign = vec![("host", host.as_str())];
    to_sign.extend_from_slice(extra);
    let request = SignableRequest::new(method, &url, to_sign.iter().copied(), SignableBody::Bytes(body)).unwrap();
    let (instructions, _) = sign(request, &params).unwrap().into_parts();
    let mut headers: Vec<(String, String)> =
        instructions.headers().map(|(name, value)| (name.to_owned(), value.to_owned())).collect();
    headers.extend(extra.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())));
    let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    raw(address, method, path, &headers, body).unwrap()
}

/// The `<Code>` of an S3 XML error.
fn code(reply: &RawReply) -> &str {
    let start = reply.body.find("<Code>").map(|i| i + "<Code>".len()).unwrap_or_else(|| panic!("{reply:?}"));
    let end = reply.body[start..].find("</Code>").unwrap() + start;
    &reply.body[start..end]
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_xml_bodies_are_malformed_xml_and_each_is_journaled_once() {
    let mock = mock();
    let server = MockServer::start(&mock).unwrap();
    let keys = readwrite_keys(&server).await;
    mock.s3().put("s3://lake/sales/orders/x", b"x".to_vec());
    let before = mock.requests().len();

    let reply = signed(server.address(), &keys, "POST", "/lake?delete", b"<Delete><Object><Key>sales/orders/x");
    assert_eq!((reply.status, code(&reply)), (400, "MalformedXML"), "{reply:?}");
    assert!(mock.s3().get("s3://lake/sales/orders/x").is_some(), "nothing deleted");

    let reply = signed(server.address(), &keys, "POST", "/lake/sales/orders/big?uploads", b"");
    assert_eq!(reply.status, 200, "{reply:?}");
    let start = reply.body.find("<UploadId>").unwrap() + "<UploadId>".len();
    let upload = reply.body[start..start + reply.body[start..].find('<').unwrap()].to_owned();
    let path = format!("/lake/sales/orders/big?uploadId={upload}");
    let reply = signed(server.address(), &keys, "POST", &path, b"<CompleteMultipartUpload><Part>");
    assert_eq!((reply.status, code(&reply)), (400, "MalformedXML"), "{reply:?}");
    assert!(mock.s3().get("s3://lake/sales/orders/big").is_none(), "nothing completed");

    assert_eq!(mock.requests().len(), before + 3, "each request journaled once");
    // The server still serves, and the valid upload can still be aborted.
    let reply = signed(server.address(), &keys, "DELETE", &path, b"");
    assert_eq!(reply.status, 204, "{reply:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_listing_asking_for_a_million_keys_gets_a_thousand_a_page_and_pages_through_all() {
    let mock = mock();
    let server = MockServer::start(&mock).unwrap();
    let keys = readwrite_keys(&server).await;
    for i in 0..2500 {
        mock.s3().put(&format!("s3://lake/sales/orders/part-{i:05}"), b"x".to_vec());
    }
    let mut seen = 0;
    let mut path = "/lake?list-type=2&prefix=sales%2Forders%2F&max-keys=1000000".to_owned();
    let mut pages = 0;
    loop {
        let reply = signed(server.address(), &keys, "GET", &path, b"");
        assert_eq!(reply.status, 200, "{reply:?}");
        let count = reply.body.matches("<Key>").count();
        assert!(count <= 1000, "{count} keys in one page");
        seen += count;
        pages += 1;
        let Some(start) = reply.body.find("<NextContinuationToken>") else { break };
        let start = start + "<NextContinuationToken>".len();
        let token = &reply.body[start..start + reply.body[start..].find('<').unwrap()];
        let token: String = url_encode(token);
        path = format!("/lake?list-type=2&prefix=sales%2Forders%2F&max-keys=1000000&continuation-token={token}");
    }
    assert_eq!((seen, pages), (2500, 3));
}

/// Percent-encodes every byte but SigV4's unreserved ones.
fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn unserved_operations_and_absurd_ranges_get_s3_errors_and_the_server_keeps_serving() {
    let mock = mock();
    let server = MockServer::start(&mock).unwrap();
    let keys = readwrite_keys(&server).await;
    mock.s3().put("s3://lake/sales/orders/x", b"0123456789".to_vec());
    let before = mock.requests().len();

    // Outside what vended keys may call, READWRITE or not: AccessDenied, as S3 under their session policy.
    let reply = signed(server.address(), &keys, "PUT", "/lake?versioning", b"<VersioningConfiguration/>");
    assert_eq!((reply.status, code(&reply)), (403, "AccessDenied"), "{reply:?}");
    assert!(reply.body.contains("PutBucketVersioning is outside what vended keys may call"), "{}", reply.body);
    assert!(reply.body.contains("S3ReadAlsoAllows"), "names the fixture setting: {}", reply.body);
    // One the setting allows reaches the mock's S3, which does not serve it: NotImplemented.
    mock.set_lake(&lake(Behavior::default().s3_read_also_allows(["GetObjectTagging"])));
    mock.s3().put("s3://lake/sales/orders/x", b"0123456789".to_vec());
    let keys = readwrite_keys(&server).await;
    let reply = signed(server.address(), &keys, "GET", "/lake/sales/orders/x?tagging", b"");
    assert_eq!((reply.status, code(&reply)), (501, "NotImplemented"), "{reply:?}");
    assert!(reply.body.contains("GetObjectTagging"), "names the operation: {}", reply.body);

    let range = [("range", "bytes=99999999999999999-")];
    let reply = signed_with(server.address(), &keys, "GET", "/lake/sales/orders/x", &range, b"");
    assert_eq!((reply.status, code(&reply)), (416, "InvalidRange"), "{reply:?}");

    let reply = signed(server.address(), &keys, "GET", "/lake/sales/orders/x", b"");
    assert_eq!((reply.status, reply.body.as_str()), (200, "0123456789"));
    assert_eq!(mock.requests().len(), before + 5, "each request journaled once (one of them a vending call)");
}
