//! Server mode on hostile or broken input: replies that would break HTTP framing are refused
//! when scripted, header values that are not UTF-8 get a 400 that names the header, and a large
//! fixture loads without stalling the server.
#![cfg(feature = "server")]

use crate::server_support;

use lakeformation_mock::MockLakeFormation;
use lakeformation_mock::server::MockServer;
use server_support::*;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

fn fixture_with_http_reply(http: &str) -> String {
    format!(r#"{{"version": 1, "rules": [{{"operation": "*", "responses": [{{"http": {http}, "repeat": true}}]}}]}}"#)
}

#[test]
fn a_fixture_reply_that_would_desynchronise_the_connection_is_refused_by_the_server() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    let server = MockServer::start(&mock).unwrap();
    let cases = [
        (
            r#"{"status": 200, "headers": {"content-length": "100"}, "body": "{}"}"#,
            "rules[0].responses[0].http.headers.content-length",
            "the `content-length` header says 100 bytes, but the body has 2",
        ),
        (
            r#"{"status": 200, "headers": {"content-length": "0"}, "body": "{\"a\": 1}"}"#,
            "rules[0].responses[0].http.headers.content-length",
            "the `content-length` header says 0 bytes, but the body has 8",
        ),
        (
            r#"{"status": 101, "headers": {"upgrade": "h2c"}}"#,
            "rules[0].responses[0].http.status",
            "status 101 is informational (1xx)",
        ),
        (r#"{"status": 100}"#, "rules[0].responses[0].http.status", "status 100 is informational (1xx)"),
    ];
    for (http, path, text) in cases {
        let fixture = fixture_with_http_reply(http);
        let reply = raw(server.address(), "POST", "/__lakeformation_mock/fixture", &[], fixture.as_bytes()).unwrap();
        assert_eq!(reply.status, 400, "{http}: {reply:?}");
        assert_eq!(reply.header("x-amzn-errortype"), Some("LakeFormationMockInvalidFixture"), "{reply:?}");
        let message = reply.json()["Message"].as_str().unwrap().to_owned();
        assert!(message.contains(&format!("at `{path}`: ")), "{http}: {message}");
        assert!(message.contains(text), "{http}: {message}");
    }
    assert_eq!(mock.rule_count(), 0, "nothing of a refused fixture is loaded");
    // The same fixture with a content-length that agrees loads, and the reply arrives whole.
    let fixture = fixture_with_http_reply(r#"{"status": 200, "headers": {"content-length": "2"}, "body": "{}"}"#);
    let reply = raw(server.address(), "POST", "/__lakeformation_mock/fixture", &[], fixture.as_bytes()).unwrap();
    assert_eq!(reply.status, 200, "{reply:?}");
    let reply = raw(server.address(), "POST", "/ListPermissions", &[], b"{}").unwrap();
    assert_eq!((reply.status, reply.body.as_str()), (200, "{}"), "{reply:?}");
}

/// Sends a request with one header whose value is raw bytes, and reads the whole response.
fn send_with_header_bytes(address: SocketAddr, name: &str, value: &[u8]) -> RawReply {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let body = br#"{"TableArn": "arn:aws:glue:us-east-1:123456789012:table/sales/orders"}"#;
    let mut request = format!(
        "POST /GetTemporaryGlueTableCredentials HTTP/1.1\r\nhost: {address}\r\nconnection: close\r\n\
         content-type: application/x-amz-json-1.1\r\ncontent-length: {}\r\n{name}: ",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(value);
    request.extend_from_slice(b"\r\n\r\n");
    request.extend_from_slice(body);
    stream.write_all(&request).unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    RawReply { status, head: head.to_owned(), body: body.to_owned() }
}

#[test]
fn a_header_value_that_is_not_utf8_gets_a_400_naming_the_header() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    let server = MockServer::start(&mock).unwrap();
    let reply = send_with_header_bytes(server.address(), "x-trace-id", b"caf\xe9");
    assert_eq!(reply.status, 400, "{reply:?}");
    assert_eq!(reply.header("x-amzn-errortype"), Some("LakeFormationMockMalformedRequest"), "{reply:?}");
    let message = reply.json()["Message"].as_str().unwrap().to_owned();
    assert!(message.contains("the value of header `x-trace-id` is not UTF-8"), "{message}");
    assert!(reply.header("x-amzn-requestid").is_some_and(|id| !id.is_empty()), "{reply:?}");
    assert!(mock.requests().is_empty(), "a request that cannot be read is not recorded");
    // UTF-8 beyond ASCII is fine, and recorded as sent.
    let reply = send_with_header_bytes(server.address(), "x-trace-id", "café".as_bytes());
    assert_eq!(reply.status, 404, "{reply:?}");
    assert_eq!(mock.requests()[0].header_value("x-trace-id"), Some("café"));
}

#[test]
fn a_host_header_that_is_not_a_host_gets_a_400_and_a_good_one_is_recorded_in_the_url() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    let server = MockServer::start(&mock).unwrap();
    let send = |host: &str| {
        let mut stream = TcpStream::connect(server.address()).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let request = format!(
            "POST /GetTemporaryGlueTableCredentials?x=1 HTTP/1.1\r\nhost: {host}\r\nconnection: close\r\n\
             content-length: 2\r\n\r\n{{}}"
        );
        stream.write_all(request.as_bytes()).unwrap();
        let mut text = String::new();
        stream.read_to_string(&mut text).unwrap();
        text
    };
    for host in ["lake formation", "lakeformation/x", "[::1"] {
        let reply = send(host);
        assert!(reply.starts_with("HTTP/1.1 400"), "{host}: {reply}");
        assert!(reply.contains("LakeFormationMockMalformedRequest"), "{host}: {reply}");
        assert!(reply.contains(&format!("its Host header `{host}` is not a host")), "{host}: {reply}");
        assert!(reply.contains("send the server's address as the Host"), "{host}: {reply}");
    }
    assert!(mock.requests().is_empty(), "a request that cannot be read is not recorded");
    // Recorded and refused as the service refuses it (no `TableArn`).
    let reply = send("lakeformation.us-east-1.amazonaws.com:8080");
    assert!(reply.contains("x-amzn-errortype: InvalidInputException"), "{reply}");
    assert_eq!(
        mock.requests()[0].uri(),
        "http://lakeformation.us-east-1.amazonaws.com:8080/GetTemporaryGlueTableCredentials?x=1"
    );
}

/// A fixture of `rules` rules, each denying one table.
fn big_fixture(rules: usize, tag: &str) -> String {
    let rules: Vec<String> = (0..rules)
        .map(|i| {
            format!(
                r#"{{"name": "{tag} {i}", "operation": "GetTemporaryGlueTableCredentials", "match": {{"TableArn": "arn:aws:glue:us-east-1:123456789012:table/{tag}/t{i}"}}, "responses": [{{"error": {{"code": "AccessDenied", "message": "no"}}, "repeat": true}}]}}"#
            )
        })
        .collect();
    format!(r#"{{"version": 1, "rules": [{}]}}"#, rules.join(",\n"))
}

/// Posts `fixture`, counts the post in `sent` once every byte is written, then reads the answer.
fn post_fixture(address: SocketAddr, fixture: &str, sent: &AtomicUsize) -> RawReply {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(300))).unwrap();
    let head = format!(
        "POST /__lakeformation_mock/fixture HTTP/1.1\r\nhost: {address}\r\nconnection: close\r\ncontent-length: {}\r\n\r\n",
        fixture.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(fixture.as_bytes()).unwrap();
    sent.fetch_add(1, Ordering::SeqCst);
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    RawReply { status, head: head.to_owned(), body: body.to_owned() }
}

#[test]
fn health_answers_while_a_large_fixture_loads() {
    const RULES: usize = 20_000;
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    let server = MockServer::builder().body_limit(64 * 1024 * 1024).start(&mock).unwrap();
    let address = server.address();
    // Two posts at once, as many as the server has async workers: were loading done on them,
    // nothing else could be answered until one load finished.
    let sent = Arc::new(AtomicUsize::new(0));
    let posts: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|tag| {
            let fixture = big_fixture(RULES, tag);
            let sent = sent.clone();
            std::thread::spawn(move || post_fixture(address, &fixture, &sent))
        })
        .collect();
    while sent.load(Ordering::SeqCst) < 2 {
        std::thread::yield_now();
    }
    // Both fixtures are on their way; a load mounts its rules only once it is parsed whole.
    let health = raw(address, "GET", "/__lakeformation_mock/health", &[], b"").unwrap();
    let mounted_when_health_answered = mock.rule_count();
    assert_eq!(health.status, 200, "{health:?}");
    assert_eq!(
        mounted_when_health_answered, 0,
        "health was answered only after a fixture load had finished: loading blocks the server"
    );
    for post in posts {
        let reply = post.join().unwrap();
        assert_eq!(reply.status, 200, "{reply:?}");
        assert_eq!(reply.json()["rules_added"], RULES, "{reply:?}");
    }
    assert_eq!(mock.rule_count(), 2 * RULES);
}
