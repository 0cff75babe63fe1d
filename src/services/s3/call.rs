//! One S3 request, from the connector (a smithy request) or the server (hyper's): built into
//! s3s's request, answered by an `S3Service` made for it (its [`Context`]: the lake, the mock's
//! clock, the objects), recorded in the journal once, and its response handed back.

use super::access::Guard;
use super::backend::Backend;
use super::context::{Context, Seen};
use super::host::{Hosts, address};
use super::operation::S3Operation;
use super::public::S3Input;
use crate::explain::hints::Language;
use crate::mock::state::Inner;
use crate::record::request::{Answer, Headers, Source};
use crate::script::reply::{RawResponse, ReplyKind};
use crate::{Input, Operation, Reply, Request};
use bytes::Bytes;
use s3s::config::{S3Config, StaticConfigProvider};
use s3s::service::S3ServiceBuilder;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// An S3 request as it arrived.
pub(crate) struct Arrived {
    pub(crate) method: http::Method,
    /// The full URL, as the client used it (or the path, from the server, with a `Host`).
    pub(crate) uri: String,
    pub(crate) headers: http::HeaderMap,
    pub(crate) body: s3s::Body,
}

/// The two clocks an S3 request is answered by.
#[derive(Clone, Copy)]
pub(crate) struct Clocks {
    /// The mock's clock: leases (`Expiration`) and objects' `LastModified`.
    pub(crate) now: SystemTime,
    /// What a request's signing time is checked against (15 minutes of skew, presigned leases).
    pub(crate) signing_now: SystemTime,
}

/// Answers `arrived` by `clocks` (hints in `language`); returns its request id and response.
pub(crate) async fn answer(
    inner: &Inner,
    request_id: String,
    clocks: Clocks,
    arrived: Arrived,
    language: Language,
) -> (String, http::Response<Bytes>) {
    let lake = inner.fallback.read().unwrap_or_else(|e| e.into_inner()).clone().and_then(|fallback| {
        let any: Arc<dyn std::any::Any + Send + Sync> = fallback;
        any.downcast::<crate::lake::LakeInner>().ok().map(crate::lake::Lake::from_fallback)
    });
    let read_also_allows = lake.as_ref().map(|lake| lake.s3_read_also_allows()).unwrap_or_default();
    let cx = Arc::new(Context {
        lake,
        now: clocks.now,
        signing_now: clocks.signing_now,
        store: inner.s3.clone(),
        request_id: request_id.clone(),
        language,
        read_also_allows,
        seen: Mutex::new(Seen::default()),
    });
    let Arrived { method, uri, mut headers, body } = arrived;
    let authority = uri.split_once("://").and_then(|(_, rest)| rest.split(['/', '?']).next()).map(str::to_owned);
    if !headers.contains_key(http::header::HOST)
        && let Some(value) = authority.as_deref().and_then(|a| http::HeaderValue::from_str(a).ok())
    {
        headers.insert(http::header::HOST, value);
    }
    let recorded_headers = Headers::new(|| headers.iter().map(|(name, value)| (name.as_str(), value.as_bytes())));
    let host = headers.get(http::header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let response = match build(&method, &uri, headers, body) {
        Ok(request) => call(&cx, request).await,
        Err(message) => error_response(&cx, s3s::S3ErrorCode::InvalidURI, message),
    };
    let mut response = response;
    if let Ok(value) = http::HeaderValue::from_str(&request_id) {
        response.headers_mut().insert("x-amz-request-id", value);
    }
    record(
        inner,
        &cx,
        Recorded { method, uri: &uri, host: &host, headers: recorded_headers, request_id: &request_id },
        &response,
    );
    (request_id, response)
}

/// s3s's request for what arrived.
fn build(
    method: &http::Method,
    uri: &str,
    headers: http::HeaderMap,
    body: s3s::Body,
) -> Result<s3s::HttpRequest, String> {
    let parsed: http::Uri = uri.parse().map_err(|e| format!("the request URI {uri:?} does not parse: {e}"))?;
    let mut request =
        http::Request::builder().method(method.clone()).uri(parsed).body(body).map_err(|e| e.to_string())?;
    *request.headers_mut() = headers;
    Ok(request)
}

/// The answer of an `S3Service` made for this request, its body read whole.
async fn call(cx: &Arc<Context>, request: s3s::HttpRequest) -> http::Response<Bytes> {
    let mut builder = S3ServiceBuilder::new(Backend(cx.clone()));
    builder.set_auth(Guard(cx.clone()));
    builder.set_access(Guard(cx.clone()));
    builder.set_host(Hosts);
    // The request's date is checked against the mock's clock (access.rs), not the system's.
    let mut config = S3Config::default();
    config.presigned_url_max_skew_time_secs = u32::MAX;
    builder.set_config(Arc::new(StaticConfigProvider::new(Arc::new(config))));
    let service = builder.build();
    if let Some(message) = super::access::presigned_past_the_system_clock(cx, request.uri().query().unwrap_or_default())
    {
        return error_response(cx, s3s::S3ErrorCode::AccessDenied, message);
    }
    match service.call(request).await {
        Ok(response) => {
            let (parts, mut body) = response.into_parts();
            match body.store_all_limited(usize::MAX).await {
                Ok(bytes) => {
                    let response = http::Response::from_parts(parts, bytes);
                    match signature_mismatch(cx, &response) {
                        Some(message) => error_response(cx, s3s::S3ErrorCode::SignatureDoesNotMatch, message),
                        None => response,
                    }
                }
                Err(error) => {
                    error_response(cx, s3s::S3ErrorCode::InternalError, format!("the answer's body broke off: {error}"))
                }
            }
        }
        Err(error) => error_response(cx, s3s::S3ErrorCode::InternalError, format!("s3s could not answer: {error:?}")),
    }
}

/// S3's message, and whose secret to sign with, for a signature s3s found not to match (s3s
/// answers that with no message of its own).
fn signature_mismatch(cx: &Context, response: &http::Response<Bytes>) -> Option<String> {
    if response.status() != http::StatusCode::FORBIDDEN || cx.seen().refused.is_some() {
        return None;
    }
    if error_code_of(response.body()).as_deref() != Some("SignatureDoesNotMatch") {
        return None;
    }
    let seen = cx.seen();
    let key = seen.key.as_ref()?;
    let whose = match &key.origin {
        crate::lake::s3_access::KeyOrigin::Principal { .. } => match cx.language {
            Language::Rust => {
                "the secret the lake declares for it (Principal::secret_access_key), or the mock's test \
                               secret lakeformation-mock-not-a-secret when it declares none"
            }
            Language::Fixture => {
                "the secret the lake declares for it (its \"SecretAccessKey\" in \"Principals\"), or \
                                  the mock's test secret lakeformation-mock-not-a-secret when it declares none"
            }
        },
        _ => "the SecretAccessKey issued with it",
    };
    Some(format!(
        "The request signature we calculated does not match the signature you provided. Check your key and signing \
         method. lakeformation-mock: the request is signed with access key {} ({}), which signs with {whose}",
        key.access_key_id,
        key.origin.describe()
    ))
}

/// An S3 error response the mock writes itself (s3s's XML of an `S3Error`).
fn error_response(cx: &Context, code: s3s::S3ErrorCode, message: String) -> http::Response<Bytes> {
    let error = cx.refuse(code, message);
    let status = error.status_code().unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    let body = match error.to_http_response() {
        Ok(response) => response.into_body().bytes().unwrap_or_default(),
        Err(_) => Bytes::new(),
    };
    let mut response = http::Response::new(body);
    *response.status_mut() = status;
    response
}

/// What the journal needs of the request besides what s3s saw.
struct Recorded<'a> {
    method: http::Method,
    uri: &'a str,
    host: &'a str,
    headers: Headers,
    request_id: &'a str,
}

/// Records the request in the journal: its operation, as s3s named it (or as guessed when it
/// was refused before s3s routed it), its bucket, key, range and key, and the decision.
fn record(inner: &Inner, cx: &Context, request: Recorded<'_>, response: &http::Response<Bytes>) {
    let seen = std::mem::take(&mut *cx.seen());
    let path_and_query =
        request.uri.split_once("://").map_or(request.uri, |(_, rest)| &rest[rest.find('/').unwrap_or(rest.len())..]);
    let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
    let (bucket, object) = match (&seen.bucket, &seen.object) {
        (Some(_), _) => (seen.bucket.clone(), seen.object.clone()),
        _ => address(request.host, path),
    };
    let operation = seen.operation.clone().unwrap_or_else(|| {
        let copies = request.headers.value("x-amz-copy-source").is_some();
        S3Operation::guess(&request.method, object.is_some(), query, copies)
    });
    let status = response.status().as_u16();
    let mut trace = seen.trace;
    let mut refused = seen.refused;
    if refused.is_none() {
        // s3s refuses some requests by itself (a signature that does not match): its XML says why.
        match (status >= 400).then(|| error_code_of(response.body())).flatten() {
            Some(code) => {
                trace.push(format!("refused by s3s: {code}"));
                refused = Some(code);
            }
            None => trace.push(format!("answered {status}")),
        }
    }
    let input = S3Input {
        operation: operation.clone(),
        bucket,
        key: object,
        prefix: seen.prefix,
        range: request.headers.value("range").map(str::to_owned),
        access_key_id: seen.access_key_id,
        credentials: seen.key.as_ref().map(|key| key.origin.describe()),
        vended_for: match seen.key.as_ref().map(|key| &key.origin) {
            Some(crate::lake::s3_access::KeyOrigin::Vended { tables, .. }) => tables.clone(),
            _ => Vec::new(),
        },
        key_writes: seen.key.as_ref().map(|key| key.reach.iter().any(|r| r.write)),
        status,
        error_code: refused,
    };
    let mut raw = RawResponse::new(status).body(response.body().clone());
    for (name, value) in response.headers() {
        if let Ok(value) = value.to_str() {
            raw = raw.header(name.as_str(), value);
        }
    }
    let reply = Reply::traced(ReplyKind::Http(raw), Some(trace));
    let request = Request {
        index: 0,
        operation: Operation::S3(operation),
        method: request.method,
        uri: request.uri.to_owned(),
        headers: request.headers,
        body: Bytes::new(),
        input: Ok(Input::S3(input)),
        answer: Answer {
            reply: Some(reply),
            source: Source::S3,
            request_id: Some(request.request_id.to_owned()),
            failure: None,
        },
    };
    inner.journal.record(request);
}

/// The `<Code>` of an S3 error body (`<Error><Code>SignatureDoesNotMatch</Code>..`), if it is one.
fn error_code_of(body: &[u8]) -> Option<String> {
    let mut reader = quick_xml::Reader::from_reader(body);
    let mut path: Vec<Vec<u8>> = Vec::new();
    loop {
        match reader.read_event().ok()? {
            quick_xml::events::Event::Start(start) => path.push(start.local_name().as_ref().to_vec()),
            quick_xml::events::Event::End(_) => {
                path.pop();
            }
            quick_xml::events::Event::Text(text) if path == [b"Error".to_vec(), b"Code".to_vec()] => {
                return text.decode().ok().map(|code| code.trim().to_owned()).filter(|code| !code.is_empty());
            }
            quick_xml::events::Event::Eof => return None,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::error_code_of;

    #[test]
    fn the_code_of_an_s3_error_body_is_read_and_anything_else_has_none() {
        let body = br#"<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code><RequestId>1</RequestId></Error>"#;
        assert_eq!(error_code_of(body).as_deref(), Some("SignatureDoesNotMatch"));
        assert_eq!(error_code_of(b""), None);
        assert_eq!(error_code_of(b"<ListBucketResult><Code>x</Code></ListBucketResult>"), None);
        assert_eq!(error_code_of(b"not xml <"), None);
    }
}
