//! Replies onto the wire: a [`Reply`] becomes the HTTP response (or the connector error) the
//! service would send for the request's operation. Each operation's output body is written by
//! its module under `operations/`.

use crate::reply::{Fault, ReplyKind};
use crate::{Operation, Reply};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_types::body::SdkBody;

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
/// `x-amzn-requestid`.
fn modeled(status: u16, request_id: &str, body: impl Into<SdkBody>) -> Result<HttpResponse, String> {
    json_response(status, "application/json", request_id, body)
}

/// A JSON response of `content_type`, with the request id as `x-amzn-requestid`. The names and
/// the content type are static: no allocation for them (`append` of static strings cannot fail).
fn json_response(
    status: u16,
    content_type: &'static str,
    request_id: &str,
    body: impl Into<SdkBody>,
) -> Result<HttpResponse, String> {
    let mut response = response(status, [], body)?;
    let headers = response.headers_mut();
    headers.append("content-type", content_type);
    headers.try_append("x-amzn-requestid", request_id.to_owned()).map_err(invalid)?;
    Ok(response)
}

/// Turns `reply` into what the connector returns for a request of `operation`.
pub(crate) fn encode(reply: &Reply, operation: &Operation, request_id: &str) -> Result<Wire, String> {
    // A Glue operation's answers, and Glue outputs, are awsJson1_1 (`src/glue/wire.rs`).
    #[cfg(feature = "glue")]
    if let Some(wire) = glue_encode(reply, operation, request_id) {
        return wire;
    }
    let response = match &reply.inner.kind {
        ReplyKind::Output(output, body) => {
            let answers = output.operation();
            if answers != *operation {
                return Err(wrong_operation(answers.name(), operation));
            }
            modeled(200, request_id, body.clone()?)?
        }
        ReplyKind::Error(error) => {
            let mut response = modeled(error.status_code(), request_id, error_body(error))?;
            let code = error.code().to_owned();
            response.headers_mut().try_append("x-amzn-errortype", code).map_err(invalid)?;
            response
        }
        ReplyKind::Http(raw) => {
            let headers = raw.headers().iter().map(|(name, value)| (name.as_str(), value.as_str()));
            let mut response = response(raw.status_code(), headers, raw.body_bytes().to_vec())?;
            // The service sends a request id with every response; a raw reply that sets its own
            // (either name the SDK reads) keeps it.
            let has_id = ["x-amzn-requestid", "x-amz-request-id"].iter().any(|n| response.headers().contains_key(*n));
            if !has_id {
                response.headers_mut().try_append("x-amzn-requestid", request_id.to_owned()).map_err(invalid)?;
            }
            response
        }
        ReplyKind::Fault(fault) => return Ok(Wire::Fault(fault_error(fault))),
        #[cfg(feature = "glue")] // glue: answered by crate::glue::encode above
        ReplyKind::Glue(_) => return Err(wrong_operation("AWS Glue", operation)),
    };
    Ok(Wire::Response(response))
}

/// What `reply` turns into for a request of `operation`, when Glue is involved (feature
/// `glue`): a Glue operation's modeled answers (outputs and errors, awsJson1_1), or a Glue output
/// for another operation (an error). `None`: the common encoding applies (raw responses and
/// faults, and every answer to a Lake Formation operation that is not a Glue output).
#[cfg(feature = "glue")]
fn glue_encode(reply: &Reply, operation: &Operation, request_id: &str) -> Option<Result<Wire, String>> {
    use crate::operations::glue::{self, GlueOutput};
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
            let body = match output {
                GlueOutput::TableMetadata(o) => glue::table_metadata_body(o),
                GlueOutput::PartitionsMetadata(o) => glue::partitions_metadata_body(o),
            };
            body.and_then(|b| json(200, b.to_string()))
        }
        (Some(_), ReplyKind::Error(error)) => {
            // Glue's errors: `__type` and `message` in the body, no `x-amzn-errortype` header.
            let mut body = serde_json::Map::new();
            body.insert("__type".into(), error.code().into());
            if let Some(message) = error.message() {
                body.insert("message".into(), message.into());
            }
            json(error.status_code(), serde_json::Value::Object(body).to_string())
        }
        (Some(_), ReplyKind::Output(output, _)) => Err(wrong_operation(output.operation().name(), operation)),
    };
    Some(result)
}
