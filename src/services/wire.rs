//! Replies onto the wire: a [`Reply`] becomes the HTTP response (or the connector error) the
//! service would send for the request's operation (JSON; STS's XML with feature `sts`). Each operation's output body is written by
//! its module under `operations/`.

use crate::script::reply::{Fault, ReplyKind};
use crate::{Operation, Reply, Source};
use aws_smithy_runtime_api::client::result::ConnectorError;
use bytes::Bytes;
use http::HeaderName;
use std::borrow::Cow;

/// The body of an error response: `{"Message": ..}`, or `{}` without a message.
pub(crate) fn error_body(error: &crate::ServiceError) -> String {
    message_body(error.message())
}

/// Glue's error body: `{"__type": code, "message": ..}` (Glue sends no `x-amzn-errortype` header).
#[cfg(feature = "glue")]
pub(crate) fn glue_error_body(error: &crate::ServiceError) -> String {
    let mut body = serde_json::Map::new();
    body.insert("__type".into(), error.code().into());
    if let Some(message) = error.message() {
        body.insert("message".into(), message.into());
    }
    serde_json::Value::Object(body).to_string()
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
    Response(Response),
    Fault(ConnectorError),
}

/// `x-amzn-requestid`: the request id the service sends with every response.
pub(crate) const REQUEST_ID: HeaderName = HeaderName::from_static("x-amzn-requestid");
/// `x-amzn-errortype`: a modeled error's code.
pub(crate) const ERROR_TYPE: HeaderName = HeaderName::from_static("x-amzn-errortype");

/// A response as the mock sends it, before it becomes the SDK's (in process) or hyper's (the
/// loopback server's): neither parses a header name again, and the body is not copied. Every
/// header is valid: what the mock did not write itself is checked when the response is made.
pub(crate) struct Response {
    status: http::StatusCode,
    /// A raw reply's own headers, in the order given.
    raw_headers: Vec<(HeaderName, String)>,
    /// A modeled answer's `content-type`.
    content_type: Option<&'static str>,
    /// `x-amzn-requestid`.
    request_id: Option<String>,
    /// A modeled error's `x-amzn-errortype`.
    error_type: Option<String>,
    body: Bytes,
}

/// A [`Response`] taken apart, its headers in the order they are sent: the raw reply's own,
/// then the mock's (`content-type`, `x-amzn-requestid`, `x-amzn-errortype`), each at most once
/// and none that the raw reply sets itself.
pub(crate) struct Parts<I> {
    pub(crate) status: http::StatusCode,
    pub(crate) raw_headers: Vec<(HeaderName, String)>,
    pub(crate) headers: I,
    pub(crate) body: Bytes,
}

impl Response {
    pub(crate) fn into_parts(self) -> Parts<impl Iterator<Item = (HeaderName, Cow<'static, str>)>> {
        let content_type = self.content_type.map(|value| (http::header::CONTENT_TYPE, Cow::Borrowed(value)));
        let request_id = self.request_id.map(|value| (REQUEST_ID, Cow::Owned(value)));
        let error_type = self.error_type.map(|value| (ERROR_TYPE, Cow::Owned(value)));
        Parts {
            status: self.status,
            raw_headers: self.raw_headers,
            headers: content_type.into_iter().chain(request_id).chain(error_type),
            body: self.body,
        }
    }
}

pub(crate) fn fault_error(fault: &Fault) -> ConnectorError {
    match fault {
        Fault::Timeout => ConnectorError::timeout("lakeformation-mock: scripted connection timeout".into()),
        Fault::Io => ConnectorError::io("lakeformation-mock: scripted I/O error (connection reset)".into()),
        Fault::Other(message) => ConnectorError::other(format!("lakeformation-mock: {message}").into(), None),
    }
}

/// Why a response could not be built.
fn invalid(problem: impl std::fmt::Display) -> String {
    format!("invalid response: {problem}")
}

/// `status`, if it is one.
fn status(status: u16) -> Result<http::StatusCode, String> {
    http::StatusCode::from_u16(status).map_err(invalid)
}

/// `name: value`, checked: a header the mock did not write itself.
fn checked(name: &str, value: &str) -> Result<(HeaderName, String), String> {
    let parsed = crate::script::reply::header_name(name).map_err(invalid)?;
    Ok((parsed, checked_value(name, value)?))
}

/// `value`, checked as the value of header `name` (named as the reply names it).
fn checked_value(name: &str, value: &str) -> Result<String, String> {
    match crate::script::reply::header_value_problem(name, value) {
        Some(problem) => Err(invalid(problem)),
        None => Ok(value.to_owned()),
    }
}

/// A modeled answer (an output or a service error): JSON, with the request id as
/// `x-amzn-requestid`.
fn modeled(status: u16, request_id: &str, body: impl Into<Bytes>) -> Result<Response, String> {
    json_response(status, "application/json", request_id, body)
}

/// A JSON response of `content_type`, with the request id as `x-amzn-requestid`.
fn json_response(
    status: u16,
    content_type: &'static str,
    request_id: &str,
    body: impl Into<Bytes>,
) -> Result<Response, String> {
    Ok(Response {
        status: self::status(status)?,
        raw_headers: Vec::new(),
        content_type: Some(content_type),
        request_id: Some(request_id.to_owned()),
        error_type: None,
        body: body.into(),
    })
}

/// Turns `reply`, which `source` chose, into what the connector returns for a request of
/// `operation`.
pub(crate) fn encode(reply: &Reply, source: &Source, operation: &Operation, request_id: &str) -> Result<Wire, String> {
    // sts: STS's answers are XML (src/services/sts/xml.rs)
    #[cfg(feature = "sts")]
    if let Some(wire) = sts_encode(reply, operation, request_id) {
        return wire;
    }
    // A Glue operation's answers, and Glue outputs, are awsJson1_1 (`src/glue/wire.rs`).
    #[cfg(feature = "glue")]
    if let Some(wire) = glue_encode(reply, source, operation, request_id) {
        return wire;
    }
    #[cfg(not(feature = "glue"))]
    let _ = source; // only a Glue output's checks ask who chose the reply
    let response = match &reply.inner.kind {
        ReplyKind::Output(output, body) => {
            let answers = output.operation();
            if answers != *operation {
                return Err(wrong_operation(answers.name(), operation));
            }
            modeled(200, request_id, body.clone()?)?
        }
        ReplyKind::Error(error) => {
            let code = checked_value(ERROR_TYPE.as_str(), error.code())?;
            Response { error_type: Some(code), ..modeled(error.status_code(), request_id, error_body(error))? }
        }
        ReplyKind::Http(raw) => {
            let raw_headers =
                raw.headers().iter().map(|(name, value)| checked(name, value)).collect::<Result<Vec<_>, _>>()?;
            // The service sends a request id with every response; a raw reply that sets its own
            // (either name the SDK reads) keeps it.
            let has_id = raw_headers.iter().any(|(name, _)| name == REQUEST_ID || name == "x-amz-request-id");
            Response {
                status: status(raw.status_code())?,
                raw_headers,
                content_type: None,
                request_id: (!has_id).then(|| request_id.to_owned()),
                error_type: None,
                body: Bytes::copy_from_slice(raw.body_bytes()),
            }
        }
        ReplyKind::Fault(fault) => return Ok(Wire::Fault(fault_error(fault))),
        #[cfg(feature = "glue")] // glue: answered by crate::glue::encode above
        ReplyKind::Glue(_) => return Err(wrong_operation("AWS Glue", operation)),
        #[cfg(feature = "sts")] // sts: answered by crate::services::sts::encode above
        ReplyKind::Sts(_) => return Err(wrong_operation("AWS STS", operation)),
    };
    Ok(Wire::Response(response))
}

/// What `reply` turns into for a request of `operation`, when Glue is involved (feature
/// `glue`): a Glue operation's modeled answers (outputs and errors, awsJson1_1), or a Glue output
/// for another operation (an error). `None`: the common encoding applies (raw responses and
/// faults, and every answer to a Lake Formation operation that is not a Glue output).
#[cfg(feature = "glue")]
fn glue_encode(
    reply: &Reply,
    source: &Source,
    operation: &Operation,
    request_id: &str,
) -> Option<Result<Wire, String>> {
    use crate::services::glue::{self, GlueOutput};
    let json =
        |status: u16, body: String| json_response(status, glue::CONTENT_TYPE, request_id, body).map(Wire::Response);
    let glue = match operation {
        Operation::Glue(glue) => Some(*glue),
        _ => None,
    };
    let result = match (glue, &reply.inner.kind) {
        (None, ReplyKind::Glue(output)) => Err(wrong_operation(output.operation().name(), operation)),
        (None, _) | (Some(_), ReplyKind::Http(_) | ReplyKind::Fault(_)) => return None,
        (Some(glue), ReplyKind::Glue(output)) if output.operation() != glue => {
            Err(wrong_operation(output.operation().name(), operation))
        }
        (Some(_), ReplyKind::Glue(output)) => {
            let scripted = matches!(source, Source::Rule(_));
            if let Some(problem) = glue::output_problem(output, scripted) {
                return Some(Err(problem));
            }
            let body = match output {
                GlueOutput::TableMetadata(o) => glue::table_metadata_body(o),
                GlueOutput::PartitionsMetadata(o) => glue::partitions_metadata_body(o),
            };
            body.and_then(|b| json(200, b.to_string()))
        }
        (Some(_), ReplyKind::Error(error)) => json(error.status_code(), glue_error_body(error)),
        (Some(_), ReplyKind::Output(output, _)) => Err(wrong_operation(output.operation().name(), operation)),
        #[cfg(feature = "sts")] // sts: an STS output for a Glue operation
        (Some(_), ReplyKind::Sts(output)) => Err(wrong_operation(output.operation().name(), operation)),
    };
    Some(result)
}

#[cfg(feature = "sts")]
/// What `reply` turns into for a request of `operation`, when STS is involved: an STS
/// request's modeled answers (outputs and errors, XML), or an STS output for another operation
/// (an error). `None`: the common encoding applies (raw responses and faults, and answers to
/// other services' operations).
fn sts_encode(reply: &Reply, operation: &Operation, request_id: &str) -> Option<Result<Wire, String>> {
    use crate::services::sts;
    let is_sts = sts::is_sts(operation);
    let response = |status: u16, body: Result<String, String>| {
        body.and_then(|body| json_response(status, sts::CONTENT_TYPE, request_id, body)).map(Wire::Response)
    };
    let result = match (&reply.inner.kind, operation) {
        (ReplyKind::Sts(output), Operation::Sts(asked)) if output.operation() == *asked => {
            response(200, sts::output_body(output, request_id))
        }
        (ReplyKind::Sts(output), _) => Err(wrong_operation(output.operation().name(), operation)),
        (ReplyKind::Http(_) | ReplyKind::Fault(_), _) => return None,
        (ReplyKind::Error(error), _) if is_sts => response(error.status_code(), sts::error_body(error, request_id)),
        (ReplyKind::Output(output, _), Operation::Sts(_)) => Err(wrong_operation(output.operation().name(), operation)),
        #[cfg(feature = "glue")]
        (ReplyKind::Glue(output), Operation::Sts(_)) => Err(wrong_operation(output.operation().name(), operation)),
        _ => return None,
    };
    Some(result)
}
