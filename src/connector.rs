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
use std::sync::atomic::Ordering;
use std::sync::{Arc, OnceLock};

/// The error an SDK call fails with when the mock cannot answer it: no rule matched, the body is
/// malformed, or a reply does not fit the request. It reaches the caller as
/// `SdkError::DispatchFailure`, whose source is this error.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Unanswered {
    /// The full explanation, with how to script an answer.
    pub message: String,
    pub(crate) reason: Reason,
}

/// Why a request went unanswered (the loopback server turns it into a status).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reason {
    /// The body (or the method) is not what the operation takes.
    Malformed,
    /// No rule matched, and no lake answers this operation.
    NoMatch,
    /// The reply chosen does not fit the request.
    InvalidReply,
}

impl Unanswered {
    fn error(message: &str, reason: Reason) -> ConnectorError {
        ConnectorError::other(Box::new(Unanswered { message: message.to_owned(), reason }), None)
    }
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
#[cold]
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

/// The rule (or the simulated lake) that answers `request`, and its reply. `checked` is its
/// checked body, turned into the typed input only if the lake answers.
fn choose(
    inner: &Inner,
    time_source: &SharedTimeSource,
    request: &Request,
    checked: Option<wire::Checked<'_>>,
) -> Option<(Option<RuleRef>, Reply)> {
    // The rules' lock is released before a reply closure or the lake runs.
    let selected = inner.rules().select(request, checked.as_ref().and_then(wire::Checked::table_arn));
    match selected {
        Some((rule, Responder::Fixed(reply))) => Some((Some(rule), reply)),
        Some((rule, Responder::Computed(f))) => Some((Some(rule), f(request))),
        None => {
            let fallback = inner.fallback.read().unwrap_or_else(|e| e.into_inner()).clone();
            match fallback {
                Some(lake) if request.operation.is_supported() => {
                    if let Some(checked) = checked {
                        let _ = request.input.set(Box::new(wire::build_input(&request.operation, checked)));
                    }
                    Some((None, lake.answer(request, time_source.now())))
                }
                _ => None,
            }
        }
    }
}

/// Writes `value` in lowercase hexadecimal, at least `width` digits (what `{:0width$x}` writes,
/// without the formatting machinery, on every request).
fn hex(block: &mut bytes::BytesMut, value: u64, width: usize) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let digits = (64 - value.leading_zeros() as usize).div_ceil(4).max(width);
    for i in (0..digits).rev() {
        block.extend_from_slice(&[DIGITS[(value >> (4 * i)) as usize & 0xf]]);
    }
}

/// The length of the request ids the mock sends (`x-amzn-requestid`), a UUID's.
const REQUEST_ID_LEN: usize = 36;

/// Records `http` and decides its answer; returns the delay to wait and the result to give.
fn handle(
    inner: &Inner,
    time_source: &SharedTimeSource,
    http: HttpRequest,
) -> (Option<std::time::Duration>, Result<HttpResponse, ConnectorError>) {
    let operation = Operation::from_path(http.uri());
    let (body, error): (&[u8], _) = match http.body().bytes() {
        Some(bytes) if http.method() == "POST" || !operation.is_supported() => (bytes, None),
        Some(bytes) => (
            bytes,
            Some(InputError::Malformed {
                operation: operation.to_string(),
                message: format!("the method must be POST, found {}", http.method()),
                line: 1,
                column: 1,
            }),
        ),
        None => (&[], Some(InputError::StreamingBody)),
    };
    let n = inner.next_request_id.fetch_add(1, Ordering::Relaxed);
    let mut ends = [0; 3];
    let len = crate::request::request_len(http.uri(), http.headers(), body) + REQUEST_ID_LEN;
    let data = inner.journal.store(len, |block| {
        ends = crate::request::write_request(block, http.uri(), http.headers(), body);
        hex(block, inner.id, 8);
        block.extend_from_slice(b"-0000-4000-8000-");
        hex(block, n, 12);
    });
    let method = http::Method::from_bytes(http.method().as_bytes()).unwrap_or(http::Method::POST);
    let mut request =
        Request { index: 0, operation, input: OnceLock::new(), method, data, ends, answer: Answer::default() };

    // The body is checked, not yet rebuilt into a typed input: only matchers that look past the
    // operation and an exact `TableArn` (and the simulated lake) need that.
    let checked = match error {
        Some(error) => Err(error),
        None => wire::check_input(&request.operation, request.body()),
    };
    // A malformed request is answered by nothing, not even a catch-all rule.
    let malformed = matches!(checked, Err(InputError::Malformed { .. } | InputError::StreamingBody));
    let chosen: Option<(Option<RuleRef>, Reply)> = match checked {
        Err(error) => {
            let _ = request.input.set(Box::new(Err(error)));
            if malformed {
                None
            } else {
                choose(inner, time_source, &request, None)
            }
        }
        Ok(checked) => choose(inner, time_source, &request, Some(checked)),
    };
    // The journal keeps the body; the typed input is rebuilt from it when asked for.
    request.forget_input();

    let request_id = request.data.slice(ends[2]..);
    let (delay, result, answer) = match chosen {
        None => {
            let message = unanswered_message(inner, &request);
            let error = Unanswered::error(&message, if malformed { Reason::Malformed } else { Reason::NoMatch });
            (None, Err(error), Answer { failure: Some(message), ..Answer::default() })
        }
        Some((rule, reply)) => match wire::encode(&reply, &request.operation, &request_id, rule.is_some()) {
            Ok(wire) => {
                let result = match wire {
                    Wire::Response(response) => Ok(response),
                    Wire::Fault(error) => Err(error),
                };
                let request_id = (reply.raw_response().is_none() && reply.fault().is_none()).then_some(request_id);
                (reply.delay(), result, Answer { reply: Some(reply), rule, request_id, failure: None })
            }
            Err(message) => {
                let error = Unanswered::error(&message, Reason::InvalidReply);
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

#[cfg(test)]
mod tests {
    use super::hex;

    #[test]
    fn hex_writes_what_format_writes() {
        for value in [0, 1, 0xabc, 0xffff_ffff, 0x1_0000_0000, u64::MAX] {
            for width in [8, 12] {
                let mut block = bytes::BytesMut::new();
                hex(&mut block, value, width);
                assert_eq!(std::str::from_utf8(&block).unwrap(), format!("{value:0width$x}"));
            }
        }
    }
}
