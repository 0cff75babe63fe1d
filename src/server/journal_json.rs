//! The journal as JSON, for the control endpoint: typed inputs in their wire names, answers, and
//! no secret (no `authorization` or `x-amz-security-token` value, no `SecretAccessKey`, no
//! `SessionToken`).

use crate::{Answer, Request, Source};
use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;
use serde_json::{Map, Value, json};

/// `{"count": n, "requests": [..]}`.
pub(crate) fn journal(requests: &[Request]) -> Value {
    json!({ "count": requests.len(), "requests": requests.iter().map(request).collect::<Vec<_>>() })
}

pub(crate) fn request(request: &Request) -> Value {
    let headers: Map<String, Value> =
        request.redacted_headers().map(|(name, value)| (name.to_owned(), Value::from(value.into_owned()))).collect();
    json!({
        "index": request.index(),
        "operation": request.operation().name(),
        "method": request.method().as_str(),
        "uri": request.redacted_uri(),
        "access_key_id": request.access_key_id(),
        "region": request.region_name(),
        "headers": headers,
        // The body of a request with a typed input is that input in its wire form; a body that
        // is no JSON (an empty one, only whitespace) is shown as the text that arrived.
        "input": request.input().map(|_input| {
            #[cfg(feature = "s3")] // s3: the request's record, as the journal keeps it
            if let Some(s3) = _input.as_s3() {
                return s3.to_json();
            }
            request.body_json().unwrap_or_else(|| Value::String(String::from_utf8_lossy(request.body_bytes()).into_owned()))
        }),
        "input_error": request.input_error().map(ToString::to_string),
        "answer": answer(request.answer()),
    })
}

/// Inserts `value` under `key` unless it is `None`/absent (the wire omits absent fields).
fn put(map: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        map.insert(key.to_owned(), value);
    }
}

fn epoch(time: &DateTime) -> Value {
    time.fmt(Format::EpochSeconds)
        .ok()
        .and_then(|text| serde_json::from_str::<Value>(&text).ok())
        .unwrap_or_else(|| Value::String(format!("{time:?}")))
}

/// What was answered: status, error code, rule, and the vended credentials' public parts.
fn answer(answer: &Answer) -> Value {
    let reply = answer.reply();
    let error = reply.and_then(|r| r.service_error());
    let fault = reply.and_then(|r| r.fault()).map(|f| match f {
        crate::Fault::Timeout => "timeout".to_owned(),
        crate::Fault::Io => "io".to_owned(),
        crate::Fault::Other(message) => format!("other: {message}"),
    });
    let credentials = reply.and_then(|r| {
        if let Some(o) = r.table_credentials_output() {
            Some((o.access_key_id(), o.expiration()))
        } else if let Some(o) = r.partition_credentials_output() {
            Some((o.access_key_id(), o.expiration()))
        } else {
            let c = r.data_location_output()?.credentials()?;
            Some((c.access_key_id(), c.expiration()))
        }
    });
    let credentials = credentials.map(|(key, expiration)| {
        let mut map = Map::new();
        put(&mut map, "AccessKeyId", key.map(Value::from));
        put(&mut map, "Expiration", expiration.map(epoch));
        Value::Object(map)
    });
    let answered_by = match answer.source() {
        Source::Rule(_) => Some("rule"),
        Source::Lake => Some("lake"),
        Source::Validation => Some("validation"),
        #[cfg(feature = "s3")]
        Source::S3 => Some("s3"),
        _ => None,
    };
    json!({
        "status": answer.status_code(),
        "error_code": error.map(|e| e.code()),
        "error_message": error.and_then(|e| e.message()),
        "fault": fault,
        "answered_by": answered_by,
        "rule": answer.rule().map(|r| json!({ "index": r.index(), "name": r.name() })),
        "request_id": answer.request_id(),
        "delay_ms": reply.and_then(|r| r.delay()).map(|d| d.as_millis() as u64),
        "credentials": credentials,
        "failure": answer.failure(),
        // Why the simulated lake answered so, one step a line (lake answers only).
        "trace": answer.trace().map(|trace| trace.steps()),
    })
}
