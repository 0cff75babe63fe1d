//! The smithy HTTP connector: turns each SDK request into a recorded [`Request`] and a response.

use crate::mock::Inner;
use crate::request::{Answer, RuleRef};
use crate::rule::Responder;
use crate::wire::{self, InputError, Wire};
use crate::{MockLakeFormation, Operation, Reply, Request};
use aws_smithy_async::time::{SharedTimeSource, SystemTimeSource};
use aws_smithy_runtime_api::client::connector_metadata::ConnectorMetadata;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use bytes::Bytes;
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// The error an SDK call fails with when the mock cannot answer it: no rule matched, the body is
/// malformed, or a reply does not fit the request. It reaches the caller as
/// `SdkError::DispatchFailure`, whose source is this error.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Unanswered {
    /// The full explanation, with how to script an answer.
    pub message: String,
}

impl HttpClient for MockLakeFormation {
    fn http_connector(&self, _settings: &HttpConnectorSettings, components: &RuntimeComponents) -> SharedHttpConnector {
        let time_source = components.time_source().unwrap_or_else(|| SharedTimeSource::new(SystemTimeSource::new()));
        SharedHttpConnector::new(MockConnector { inner: self.inner.clone(), time_source })
    }

    fn connector_metadata(&self) -> Option<ConnectorMetadata> {
        Some(ConnectorMetadata::new("lakeformation-mock", Some(env!("CARGO_PKG_VERSION").into())))
    }
}

/// One connector per client configuration; it carries that client's time source.
#[derive(Clone)]
struct MockConnector {
    inner: Arc<Inner>,
    time_source: SharedTimeSource,
}

impl std::fmt::Debug for MockConnector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockConnector").field("mock", &self.inner.id).finish()
    }
}

impl HttpConnector for MockConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        match handle(&self.inner, &self.time_source, request) {
            (None, result) => HttpConnectorFuture::ready(result),
            (Some(delay), result) => HttpConnectorFuture::new(async move {
                tokio::time::sleep(delay).await;
                result
            }),
        }
    }
}

fn how_to_script(operation: &Operation) -> String {
    match operation {
        Operation::GetTemporaryGlueTableCredentials => "Rule::glue_table().respond_with(GetTemporaryGlueTableCredentialsOutput::builder()...build()).mount(&mock)".into(),
        Operation::GetTemporaryDataLocationCredentials => "Rule::data_location().respond_with(GetTemporaryDataLocationCredentialsOutput::builder()...build()).mount(&mock)".into(),
        Operation::Other(name) => format!("Rule::for_operation(Operation::Other(\"{name}\".into())).respond_with(RawResponse::new(200).json(..)).mount(&mock)"),
    }
}

/// Why nobody answered, and how to fix it.
fn unanswered_message(inner: &Inner, request: &Request) -> String {
    let operation = request.operation();
    let mut message = match request.input_error() {
        Some(InputError::UnsupportedOperation(_)) => format!(
            "lakeformation-mock: no rule answers {} {} : `{operation}` is not an operation the mock models \
             (it answers GetTemporaryGlueTableCredentials and GetTemporaryDataLocationCredentials).",
            request.method(),
            request.uri()
        ),
        Some(error) => format!("lakeformation-mock: {error}."),
        None => format!("lakeformation-mock: no rule matched this {operation} request."),
    };
    if let Some((rule, misses, exhausted)) = inner.rules().closest(request) {
        message.push_str(&format!("\n  closest rule: {rule}"));
        if exhausted {
            message.push_str(" (its sequence of replies is used up)");
        }
        for miss in misses {
            message.push_str(&format!("\n    {miss}"));
        }
    }
    message.push_str(&format!("\n  to answer it, mount a rule: {}", how_to_script(operation)));
    message
}

/// Records `http` and decides its answer; returns the delay to wait and the result to give.
fn handle(
    inner: &Inner,
    time_source: &SharedTimeSource,
    http: HttpRequest,
) -> (Option<std::time::Duration>, Result<HttpResponse, ConnectorError>) {
    let operation = Operation::from_path(http.uri());
    let body = http.body().bytes().map(Bytes::copy_from_slice);
    let input = match &body {
        Some(bytes) if http.method() == "POST" || !operation.is_supported() => wire::parse_input(&operation, bytes),
        Some(_) => Err(InputError::Malformed {
            operation: operation.to_string(),
            message: format!("the method must be POST, found {}", http.method()),
            line: 1,
            column: 1,
        }),
        None => Err(InputError::StreamingBody),
    };
    let method = http::Method::from_bytes(http.method().as_bytes()).unwrap_or(http::Method::POST);
    let headers = crate::request::HeaderLines::new(http.headers());
    let mut request = Request {
        index: 0,
        operation,
        input,
        method,
        uri: http.uri().to_owned(),
        headers,
        body: body.unwrap_or_default(),
        answer: Answer::default(),
    };

    let malformed = matches!(request.input, Err(InputError::Malformed { .. } | InputError::StreamingBody));
    let chosen: Option<(Option<RuleRef>, Reply)> = if malformed {
        None
    } else {
        let selected = inner.rules().select(&request);
        match selected {
            Some((rule, Responder::Fixed(reply))) => Some((Some(rule), reply)),
            Some((rule, Responder::Computed(f))) => Some((Some(rule), f(&request))),
            None => {
                let fallback = inner.fallback.read().unwrap_or_else(|e| e.into_inner()).clone();
                match fallback {
                    Some(lake) if request.operation.is_supported() => {
                        Some((None, lake.answer(&request, time_source.now())))
                    }
                    _ => None,
                }
            }
        }
    };

    let n = inner.next_request_id.fetch_add(1, Ordering::Relaxed);
    let request_id = format!("{:08x}-0000-4000-8000-{n:012x}", inner.id);
    let (delay, result, answer) = match chosen {
        None => {
            let message = unanswered_message(inner, &request);
            let error = ConnectorError::other(Box::new(Unanswered { message: message.clone() }), None);
            (None, Err(error), Answer { failure: Some(message), ..Answer::default() })
        }
        Some((rule, reply)) => match wire::encode(&reply, &request.operation, &request_id) {
            Ok(wire) => {
                let result = match wire {
                    Wire::Response(response) => Ok(response),
                    Wire::Fault(error) => Err(error),
                };
                let request_id = (reply.raw_response().is_none() && reply.fault().is_none()).then_some(request_id);
                (reply.delay(), result, Answer { reply: Some(reply), rule, request_id, failure: None })
            }
            Err(message) => {
                let error = ConnectorError::other(Box::new(Unanswered { message: message.clone() }), None);
                (None, Err(error), Answer { reply: Some(reply), rule, request_id: None, failure: Some(message) })
            }
        },
    };
    request.answer = answer;
    inner.journal.record(request);
    (delay, result)
}

impl MockLakeFormation {
    /// Answers one HTTP request outside any SDK client (used by the loopback server): the same
    /// recording, matching and encoding as in process, with the system clock as time source.
    #[cfg_attr(not(feature = "server"), allow(dead_code))] // the loopback server calls this
    pub(crate) fn dispatch(&self, request: HttpRequest) -> HttpConnectorFuture {
        let time_source = SharedTimeSource::new(SystemTimeSource::new());
        MockConnector { inner: self.inner.clone(), time_source }.call(request)
    }
}
