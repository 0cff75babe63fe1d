//! Helpers for the server-mode tests: a real SDK client that reaches a server by URL only, and a
//! raw HTTP/1.1 exchange for what no SDK sends.
#![allow(dead_code)]

use aws_credential_types::Credentials;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_sdk_lakeformation::config::retry::RetryConfig;
use aws_sdk_lakeformation::config::{BehaviorVersion, Region, SharedAsyncSleep};
use aws_types::SdkConfig;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

#[allow(unused_imports)] // each server test uses a different subset
pub use crate::common::{ARN, SECRET, SESSION_TOKEN, data_location_output, glue_output};

/// What a client that knows nothing of the mock is built from: `url` as endpoint, a plain HTTP
/// client, dummy credentials signing as `access_key_id`, standard retries without back-off.
fn config_for(url: &str, access_key_id: &str) -> SdkConfig {
    let credentials = Credentials::new(access_key_id, "not-a-secret", None, None, "server-test");
    SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(SharedCredentialsProvider::new(credentials))
        .http_client(aws_smithy_http_client::Builder::new().build_http())
        .sleep_impl(SharedAsyncSleep::new(aws_smithy_async::rt::sleep::TokioSleep::new()))
        .retry_config(RetryConfig::standard().with_initial_backoff(Duration::ZERO).with_max_backoff(Duration::ZERO))
        .endpoint_url(url)
        .build()
}

/// A Lake Formation client that knows nothing of the mock (see [`config_for`]).
pub fn client(url: &str) -> aws_sdk_lakeformation::Client {
    aws_sdk_lakeformation::Client::new(&config_for(url, "AKIDTEST"))
}

/// A Glue client that knows nothing of the mock, signing as `access_key_id` (feature `glue`).
#[cfg(feature = "glue")]
pub fn glue_client_as(url: &str, access_key_id: &str) -> aws_sdk_glue::Client {
    aws_sdk_glue::Client::new(&config_for(url, access_key_id))
}

/// A response read off the wire.
#[derive(Debug)]
pub struct RawReply {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl RawReply {
    /// A header's value (names compared without case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.trim().eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// Sends one HTTP/1.1 request (with `connection: close`) and reads the whole response.
/// `Err` when the server closed the connection without a response.
pub fn raw(
    address: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Result<RawReply, String> {
    let mut stream = TcpStream::connect(address).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(Duration::from_secs(10))).map_err(|e| e.to_string())?;
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nhost: {address}\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).map_err(|e| e.to_string())?;
    // The server may answer (413) before reading a large body, and close: ignore write errors.
    let _ = stream.write_all(body);
    let mut bytes = Vec::new();
    let read = stream.read_to_end(&mut bytes);
    if bytes.is_empty() {
        return Err(format!("no response ({read:?})"));
    }
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").ok_or_else(|| format!("incomplete response: {text}"))?;
    let status =
        head.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or_else(|| format!("bad status line: {head}"))?;
    Ok(RawReply { status, head: head.to_owned(), body: body.to_owned() })
}

/// `GET` on a control endpoint, as JSON.
pub fn control_get(address: SocketAddr, endpoint: &str) -> serde_json::Value {
    let reply = raw(address, "GET", &format!("/__lakeformation_mock/{endpoint}"), &[], b"").unwrap();
    assert_eq!(reply.status, 200, "{reply:?}");
    reply.json()
}
