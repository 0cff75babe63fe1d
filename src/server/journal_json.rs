//! The journal as JSON, for the control endpoint: typed inputs in their wire names, answers, and
//! no secret (no `authorization` or `x-amz-security-token` value, no `SecretAccessKey`, no
//! `SessionToken`).

use crate::{Answer, Input, Request};
use aws_sdk_lakeformation::types::{AuditContext, QuerySessionContext};
use aws_smithy_types::date_time::Format;
use aws_smithy_types::DateTime;
use serde_json::{json, Map, Value};

/// Header names whose values are secrets.
const SECRET_HEADERS: [&str; 2] = ["authorization", "x-amz-security-token"];

/// `{"count": n, "requests": [..]}`.
pub(crate) fn journal(requests: &[Request]) -> Value {
    json!({ "count": requests.len(), "requests": requests.iter().map(request).collect::<Vec<_>>() })
}

pub(crate) fn request(request: &Request) -> Value {
    let headers: Map<String, Value> = request
        .headers()
        .iter()
        .map(|(name, value)| {
            let value = if SECRET_HEADERS.contains(&name.as_str()) {
                crate::REDACTED.to_owned()
            } else {
                value.to_str().map_or_else(|_| "<non-utf8>".to_owned(), str::to_owned)
            };
            (name.as_str().to_owned(), Value::String(value))
        })
        .collect();
    json!({
        "index": request.index(),
        "operation": request.operation().name(),
        "method": request.method().as_str(),
        "uri": request.uri(),
        "access_key_id": request.access_key_id(),
        "headers": headers,
        "input": request.input().map(input),
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

fn audit_context(audit: &AuditContext) -> Value {
    let mut map = Map::new();
    put(&mut map, "AdditionalAuditContext", audit.additional_audit_context().map(Value::from));
    Value::Object(map)
}

fn query_session_context(q: &QuerySessionContext) -> Value {
    let mut map = Map::new();
    put(&mut map, "QueryId", q.query_id().map(Value::from));
    put(&mut map, "QueryStartTime", q.query_start_time().map(epoch));
    put(&mut map, "ClusterId", q.cluster_id().map(Value::from));
    put(&mut map, "QueryAuthorizationId", q.query_authorization_id().map(Value::from));
    put(
        &mut map,
        "AdditionalContext",
        q.additional_context()
            .map(|m| Value::Object(m.iter().map(|(k, v)| (k.clone(), Value::from(v.as_str()))).collect())),
    );
    Value::Object(map)
}

fn strings<T>(items: Option<&Vec<T>>, as_str: impl Fn(&T) -> &str) -> Option<Value> {
    items.map(|v| Value::Array(v.iter().map(|item| Value::from(as_str(item))).collect()))
}

/// The typed input, written back with the wire's field names.
fn input(input: &Input) -> Value {
    let mut map = Map::new();
    if let Some(i) = input.as_glue_table() {
        put(&mut map, "TableArn", i.table_arn().map(Value::from));
        put(&mut map, "Permissions", strings(i.permissions.as_ref(), |p| p.as_str()));
        put(&mut map, "DurationSeconds", i.duration_seconds().map(Value::from));
        put(&mut map, "AuditContext", i.audit_context().map(audit_context));
        put(&mut map, "SupportedPermissionTypes", strings(i.supported_permission_types.as_ref(), |p| p.as_str()));
        put(&mut map, "S3Path", i.s3_path().map(Value::from));
        put(&mut map, "QuerySessionContext", i.query_session_context().map(query_session_context));
    } else if let Some(i) = input.as_data_location() {
        put(&mut map, "DurationSeconds", i.duration_seconds().map(Value::from));
        put(&mut map, "AuditContext", i.audit_context().map(audit_context));
        put(&mut map, "DataLocations", strings(i.data_locations.as_ref(), String::as_str));
        put(&mut map, "CredentialsScope", i.credentials_scope().map(|s| Value::from(s.as_str())));
    }
    Value::Object(map)
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
        if let Some(o) = r.glue_table_output() {
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
    let answered_by = match (answer.rule(), reply) {
        (Some(_), _) => Some("rule"),
        (None, Some(_)) => Some("lake"),
        (None, None) => None,
    };
    json!({
        "status": answer.status(),
        "error_code": error.map(|e| e.code()),
        "error_message": error.and_then(|e| e.message()),
        "fault": fault,
        "answered_by": answered_by,
        "rule": answer.rule().map(|r| json!({ "index": r.index, "name": r.name })),
        "request_id": answer.request_id(),
        "delay_ms": reply.and_then(|r| r.delay()).map(|d| d.as_millis() as u64),
        "credentials": credentials,
        "failure": answer.failure(),
    })
}
