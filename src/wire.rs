//! The restJson1 wire format of the two operations: request bodies in, response bodies out.

use crate::reply::{Fault, ReplyKind};
use crate::{Input, Operation, Reply};
use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::{
    GetTemporaryDataLocationCredentialsInput, GetTemporaryDataLocationCredentialsOutput,
};
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::{
    GetTemporaryGlueTableCredentialsInput, GetTemporaryGlueTableCredentialsOutput,
};
use aws_sdk_lakeformation::types::{AuditContext, CredentialsScope, Permission, PermissionType, QuerySessionContext};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_types::DateTime;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::date_time::Format;
use bytes::Bytes;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::HashMap;

/// Why a request body could not be rebuilt into a typed [`Input`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// The path names an operation the mock does not model.
    #[error(
        "`{0}` is not an operation lakeformation-mock models (it answers GetTemporaryGlueTableCredentials and GetTemporaryDataLocationCredentials)"
    )]
    UnsupportedOperation(String),
    /// The body is not the JSON the operation expects.
    #[error("the {operation} request body is not valid: {message} at line {line} column {column}")]
    Malformed {
        /// The operation the path named.
        operation: String,
        /// What was wrong, in serde_json's words.
        message: String,
        /// 1-based line of the problem in the body.
        line: usize,
        /// 1-based column of the problem in the body.
        column: usize,
    },
    /// The body was a stream, not bytes in memory.
    #[error("the request body is a stream; the SDK always sends these operations' bodies in memory")]
    StreamingBody,
}

/// A JSON string of a request body, borrowed from the body when it has no escapes: checking a
/// body allocates nothing for its strings.
#[derive(PartialEq, Eq, Hash)]
struct Text<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

impl Text<'_> {
    fn as_str(&self) -> &str {
        &self.0
    }
}

fn owned(text: Option<Text<'_>>) -> Option<String> {
    text.map(|t| t.0.into_owned())
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AuditContextBody<'a> {
    #[serde(borrow)]
    additional_audit_context: Option<Text<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct QuerySessionContextBody<'a> {
    #[serde(borrow)]
    query_id: Option<Text<'a>>,
    #[serde(borrow)]
    query_start_time: Option<&'a RawValue>,
    #[serde(borrow)]
    cluster_id: Option<Text<'a>>,
    #[serde(borrow)]
    query_authorization_id: Option<Text<'a>>,
    #[serde(borrow)]
    additional_context: Option<HashMap<Text<'a>, Text<'a>>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct GlueTableBody<'a> {
    #[serde(borrow)]
    table_arn: Option<Text<'a>>,
    #[serde(borrow)]
    permissions: Option<Vec<Text<'a>>>,
    duration_seconds: Option<i32>,
    #[serde(borrow)]
    audit_context: Option<AuditContextBody<'a>>,
    #[serde(borrow)]
    supported_permission_types: Option<Vec<Text<'a>>>,
    #[serde(rename = "S3Path", borrow)]
    s3_path: Option<Text<'a>>,
    #[serde(borrow)]
    query_session_context: Option<QuerySessionContextBody<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DataLocationBody<'a> {
    duration_seconds: Option<i32>,
    #[serde(borrow)]
    audit_context: Option<AuditContextBody<'a>>,
    #[serde(borrow)]
    data_locations: Option<Vec<Text<'a>>>,
    #[serde(borrow)]
    credentials_scope: Option<Text<'a>>,
}

fn audit(body: Option<AuditContextBody<'_>>) -> Option<AuditContext> {
    body.map(|a| AuditContext::builder().set_additional_audit_context(owned(a.additional_audit_context)).build())
}

fn epoch_seconds(raw: &RawValue) -> Result<DateTime, String> {
    let text = raw.get();
    if text.starts_with('"') {
        return Err(format!("QueryStartTime must be a JSON number of epoch seconds, found the string {text}"));
    }
    DateTime::from_str(text, Format::EpochSeconds)
        .map_err(|e| format!("QueryStartTime `{text}` is not a number of epoch seconds: {e}"))
}

/// The `QueryStartTime` of a query session context, checked.
fn query_start_time(q: &QuerySessionContextBody<'_>) -> Result<Option<DateTime>, String> {
    match q.query_start_time {
        Some(raw) if raw.get() != "null" => epoch_seconds(raw).map(Some),
        _ => Ok(None),
    }
}

fn query_session(body: Option<QuerySessionContextBody<'_>>) -> Result<Option<QuerySessionContext>, String> {
    let Some(q) = body else { return Ok(None) };
    let start = query_start_time(&q)?;
    Ok(Some(
        QuerySessionContext::builder()
            .set_query_id(owned(q.query_id))
            .set_query_start_time(start)
            .set_cluster_id(owned(q.cluster_id))
            .set_query_authorization_id(owned(q.query_authorization_id))
            .set_additional_context(
                q.additional_context
                    .map(|m| m.into_iter().map(|(k, v)| (k.0.into_owned(), v.0.into_owned())).collect()),
            )
            .build(),
    ))
}

fn malformed(operation: &Operation, message: String, line: usize, column: usize) -> InputError {
    InputError::Malformed { operation: operation.name().to_owned(), message, line, column }
}

/// A request body that has been checked against its operation's input shape, its strings still
/// borrowed from the body.
enum Checked<'a> {
    GlueTable(GlueTableBody<'a>),
    DataLocation(DataLocationBody<'a>),
    // glue: a Glue body, checked and built by src/glue/wire.rs
    #[cfg(feature = "glue")]
    Glue(Box<crate::glue::GlueInput>),
}

/// Checks a request body against the input shape of `operation` (JSON syntax, field types,
/// `QueryStartTime`) without building the typed input: what every request goes through before
/// it is matched. [`parse_input`] accepts exactly the bodies this accepts. An empty body reads as
/// `{}`.
fn check_input<'a>(operation: &Operation, body: &'a [u8]) -> Result<Checked<'a>, InputError> {
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) { b"{}" } else { body };
    let json_error = |e: serde_json::Error| {
        // serde_json ends its text with " at line L column C"; the position is given once, below.
        let text = e.to_string();
        let text = text.rsplit_once(" at line ").map_or(text.as_str(), |(m, _)| m).to_owned();
        malformed(operation, text, e.line(), e.column())
    };
    match operation {
        Operation::GetTemporaryGlueTableCredentials => {
            let b: GlueTableBody = serde_json::from_slice(body).map_err(json_error)?;
            if let Some(q) = &b.query_session_context {
                query_start_time(q).map_err(|message| malformed(operation, message, 1, 1))?;
            }
            Ok(Checked::GlueTable(b))
        }
        Operation::GetTemporaryDataLocationCredentials => {
            Ok(Checked::DataLocation(serde_json::from_slice(body).map_err(json_error)?))
        }
        Operation::Other(name) => Err(InputError::UnsupportedOperation(name.clone())),
        #[cfg(feature = "glue")] // glue:
        Operation::Glue(glue) => Ok(Checked::Glue(Box::new(crate::glue::parse_input(*glue, body)?))),
    }
}

/// Rebuilds the typed input of `operation` from a request body. An empty body reads as `{}`.
pub(crate) fn parse_input(operation: &Operation, body: &[u8]) -> Result<Input, InputError> {
    build_input(operation, check_input(operation, body)?)
}

/// The typed input of a checked body.
fn build_input(operation: &Operation, checked: Checked<'_>) -> Result<Input, InputError> {
    let other_error = |message: String| malformed(operation, message, 1, 1);
    match checked {
        Checked::GlueTable(b) => {
            let input = GetTemporaryGlueTableCredentialsInput::builder()
                .set_table_arn(owned(b.table_arn))
                .set_permissions(b.permissions.map(|v| v.iter().map(|p| Permission::from(p.as_str())).collect()))
                .set_duration_seconds(b.duration_seconds)
                .set_audit_context(audit(b.audit_context))
                .set_supported_permission_types(
                    b.supported_permission_types.map(|v| v.iter().map(|p| PermissionType::from(p.as_str())).collect()),
                )
                .set_s3_path(owned(b.s3_path))
                .set_query_session_context(query_session(b.query_session_context).map_err(other_error)?)
                .build()
                .map_err(|e| other_error(e.to_string()))?;
            Ok(Input::GlueTable(input))
        }
        Checked::DataLocation(b) => {
            let input = GetTemporaryDataLocationCredentialsInput::builder()
                .set_duration_seconds(b.duration_seconds)
                .set_audit_context(audit(b.audit_context))
                .set_data_locations(b.data_locations.map(|v| v.into_iter().map(|t| t.0.into_owned()).collect()))
                .set_credentials_scope(b.credentials_scope.as_ref().map(|s| CredentialsScope::from(s.as_str())))
                .build()
                .map_err(|e| other_error(e.to_string()))?;
            Ok(Input::DataLocation(input))
        }
        #[cfg(feature = "glue")] // glue:
        Checked::Glue(input) => Ok(Input::Glue(*input)),
    }
}

/// An epoch-seconds timestamp as a JSON number, written exactly (`1700000000` or `1700000000.5`).
fn epoch_number(time: &DateTime) -> Result<Box<RawValue>, String> {
    let text = time.fmt(Format::EpochSeconds).map_err(|e| format!("cannot format Expiration {time:?}: {e}"))?;
    RawValue::from_string(text).map_err(|e| e.to_string())
}

/// Temporary credentials as the service writes them: the body of a
/// `GetTemporaryGlueTableCredentials` answer (with its `VendedS3Path`), and the `Credentials` of
/// a `GetTemporaryDataLocationCredentials` one (without). One struct rather than a flattened one:
/// serde's flattening goes through a map serializer, several times slower for every answer the
/// lake encodes.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CredentialsJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    access_key_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    secret_access_key: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    session_token: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expiration: Option<Box<RawValue>>,
    #[serde(rename = "VendedS3Path", skip_serializing_if = "Option::is_none")]
    vended_s3_path: Option<&'a [String]>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct DataLocationJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    credentials: Option<CredentialsJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accessible_data_locations: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credentials_scope: Option<&'a str>,
}

fn credentials_json<'a>(
    access_key_id: Option<&'a str>,
    secret_access_key: Option<&'a str>,
    session_token: Option<&'a str>,
    expiration: Option<&DateTime>,
) -> Result<CredentialsJson<'a>, String> {
    Ok(CredentialsJson {
        access_key_id,
        secret_access_key,
        session_token,
        expiration: expiration.map(epoch_number).transpose()?,
        vended_s3_path: None,
    })
}

pub(crate) fn glue_table_body(o: &GetTemporaryGlueTableCredentialsOutput) -> Result<String, String> {
    let json = CredentialsJson {
        vended_s3_path: o.vended_s3_path.as_deref(),
        ..credentials_json(o.access_key_id(), o.secret_access_key(), o.session_token(), o.expiration())?
    };
    to_json(&json)
}

/// `value` as JSON text, written into a buffer sized for a body with a session token.
fn to_json(value: &impl Serialize) -> Result<String, String> {
    let mut text = Vec::with_capacity(1024);
    serde_json::to_writer(&mut text, value).map_err(|e| e.to_string())?;
    String::from_utf8(text).map_err(|e| e.to_string())
}

pub(crate) fn data_location_body(o: &GetTemporaryDataLocationCredentialsOutput) -> Result<String, String> {
    let credentials = o
        .credentials()
        .map(|c| credentials_json(c.access_key_id(), c.secret_access_key(), c.session_token(), c.expiration()))
        .transpose()?;
    let json = DataLocationJson {
        credentials,
        accessible_data_locations: o.accessible_data_locations.as_deref(),
        credentials_scope: o.credentials_scope().map(CredentialsScope::as_str),
    };
    to_json(&json)
}

/// The body of an error response: `{"Message": ..}`, or `{}` without a message.
pub(crate) fn error_body(error: &crate::ServiceError) -> String {
    message_body(error.message())
}

/// `{"Message": ..}`, or `{}` without a message: how the service words an error.
pub(crate) fn message_body(message: Option<&str>) -> String {
    match message {
        Some(message) => serde_json::json!({ "Message": message }).to_string(),
        None => "{}".to_owned(),
    }
}

/// Why a reply could not be turned into a response for this request.
fn wrong_operation(reply: &str, operation: &Operation) -> String {
    format!(
        "lakeformation-mock: a {reply} output was scripted, but the request is {operation}; \
         script a {operation} output for it (the SDK would otherwise decode a wrong, empty answer)"
    )
}

/// What a reply turns into on the wire.
pub(crate) enum Wire {
    Response(HttpResponse),
    Fault(ConnectorError),
}

pub(crate) fn fault_error(fault: &Fault) -> ConnectorError {
    match fault {
        Fault::Timeout => ConnectorError::timeout("lakeformation-mock: scripted connection timeout".into()),
        Fault::Io => ConnectorError::io("lakeformation-mock: scripted I/O error (connection reset)".into()),
        Fault::Other(message) => ConnectorError::other(format!("lakeformation-mock: {message}").into(), None),
    }
}

/// Why a response could not be built.
fn invalid(error: aws_smithy_runtime_api::http::HttpError) -> String {
    format!("invalid response: {error}")
}

/// A response built as the SDK's own HTTP type (no `http` response to convert).
fn response<'a>(
    status: u16,
    headers: impl IntoIterator<Item = (&'a str, &'a str)>,
    body: impl Into<SdkBody>,
) -> Result<HttpResponse, String> {
    let status = aws_smithy_runtime_api::http::StatusCode::try_from(status).map_err(invalid)?;
    let mut response = HttpResponse::new(status, body.into());
    for (name, value) in headers {
        response.headers_mut().try_append(name.to_owned(), value.to_owned()).map_err(invalid)?;
    }
    Ok(response)
}

/// A modeled answer (an output or a service error): JSON, with the request id as
/// `x-amzn-requestid` (a slice of the request's journal block, not a copy).
fn modeled(status: u16, request_id: &Bytes, body: impl Into<SdkBody>) -> Result<HttpResponse, String> {
    let mut response = response(status, [], body)?;
    let id =
        http::HeaderValue::from_maybe_shared(request_id.clone()).map_err(|e| format!("invalid request id: {e}"))?;
    let headers = response.headers_mut();
    headers.try_append("content-type", "application/json").map_err(invalid)?;
    headers.try_append("x-amzn-requestid", id).map_err(invalid)?;
    Ok(response)
}

/// The JSON body of an output reply, from the reply's cache or made by `make`.
fn encoded(reply: &Reply, cache: bool, make: impl FnOnce() -> Result<String, String>) -> Result<Bytes, String> {
    let make = || make().map(Bytes::from);
    match (reply.inner.encoded.get(), cache) {
        (Some(body), _) => body.clone(),
        (None, true) => reply.inner.encoded.get_or_init(make).clone(),
        (None, false) => make(),
    }
}

/// Turns `reply` into what the connector returns for a request of `operation`. An output's body
/// is kept with the reply when `cache` is set (a rule's reply, sent again and again), not for a
/// reply made for one request (the lake's).
pub(crate) fn encode(reply: &Reply, operation: &Operation, request_id: &Bytes, cache: bool) -> Result<Wire, String> {
    // glue: a Glue operation's answers, and Glue outputs, are awsJson1_1 (src/glue/wire.rs)
    #[cfg(feature = "glue")]
    if let Some(wire) = crate::glue::encode(reply, operation, request_id) {
        return wire;
    }
    let response = match &reply.inner.kind {
        ReplyKind::GlueTable(output) => {
            if *operation != Operation::GetTemporaryGlueTableCredentials {
                return Err(wrong_operation("GetTemporaryGlueTableCredentials", operation));
            }
            modeled(200, request_id, encoded(reply, cache, || glue_table_body(output))?)?
        }
        ReplyKind::DataLocation(output) => {
            if *operation != Operation::GetTemporaryDataLocationCredentials {
                return Err(wrong_operation("GetTemporaryDataLocationCredentials", operation));
            }
            modeled(200, request_id, encoded(reply, cache, || data_location_body(output))?)?
        }
        ReplyKind::Vended(vended) => {
            let v = &vended.record;
            if v.operation() != operation {
                return Err(wrong_operation(v.operation().name(), operation));
            }
            let credentials = credentials_json(
                Some(v.access_key_id()),
                Some(v.secret_access_key()),
                Some(v.session_token()),
                Some(&v.expiration()),
            )?;
            let body = if *operation == Operation::GetTemporaryGlueTableCredentials {
                to_json(&CredentialsJson { vended_s3_path: v.sent_locations(), ..credentials })?
            } else {
                to_json(&DataLocationJson {
                    credentials: Some(credentials),
                    accessible_data_locations: v.sent_locations(),
                    credentials_scope: Some(v.scope().as_str()),
                })?
            };
            modeled(200, request_id, body)?
        }
        ReplyKind::Error(error) => {
            let mut response = modeled(error.http_status(), request_id, error_body(error))?;
            let code = error.code().to_owned();
            response.headers_mut().try_append("x-amzn-errortype", code).map_err(invalid)?;
            response
        }
        ReplyKind::Http(raw) => {
            let headers = raw.headers().iter().map(|(name, value)| (name.as_str(), value.as_str()));
            let mut response = response(raw.status(), headers, raw.body_bytes().to_vec())?;
            // The service sends a request id with every response; a raw reply that sets its own
            // (either name the SDK reads) keeps it.
            let has_id = ["x-amzn-requestid", "x-amz-request-id"].iter().any(|n| response.headers().contains_key(*n));
            if !has_id {
                let id = std::str::from_utf8(request_id).map_err(|e| format!("invalid request id: {e}"))?;
                response.headers_mut().try_append("x-amzn-requestid", id.to_owned()).map_err(invalid)?;
            }
            response
        }
        ReplyKind::Fault(fault) => return Ok(Wire::Fault(fault_error(fault))),
        #[cfg(feature = "glue")] // glue: answered by crate::glue::encode above
        ReplyKind::Glue(_) => return Err(wrong_operation("AWS Glue", operation)),
    };
    Ok(Wire::Response(response))
}
