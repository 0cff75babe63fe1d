//! The smithy HTTP connector: turns each SDK request into a recorded [`Request`] and a response.

use crate::explain::hints::Language;
use crate::mock::choice::{Choice, choose};
use crate::mock::state::Inner;
use crate::mock::unanswered::{Unanswered, UnansweredKind, unanswered_message};
use crate::record::request::{Answer, Headers, Source};
use crate::services;
use crate::services::wire::{self, Wire};
use crate::{Input, InputError, MockLakeFormation, Operation, Reply, Request};
use aws_smithy_async::future::timeout::Timeout;
use aws_smithy_async::rt::sleep::{AsyncSleep, SharedAsyncSleep, TokioSleep};
use aws_smithy_async::time::{SharedTimeSource, SystemTimeSource};
use aws_smithy_runtime_api::client::connector_metadata::ConnectorMetadata;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use bytes::Bytes;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

impl HttpClient for MockLakeFormation {
    fn http_connector(&self, settings: &HttpConnectorSettings, components: &RuntimeComponents) -> SharedHttpConnector {
        let time_source = components.time_source().unwrap_or_else(|| SharedTimeSource::new(SystemTimeSource::new()));
        let sleep = components.sleep_impl().unwrap_or_else(|| SharedAsyncSleep::new(TokioSleep::new()));
        SharedHttpConnector::new(MockConnector {
            inner: self.inner.clone(),
            time_source,
            sleep,
            read_timeout: settings.read_timeout(),
        })
    }

    fn connector_metadata(&self) -> Option<ConnectorMetadata> {
        Some(ConnectorMetadata::new("lakeformation-mock", Some(env!("CARGO_PKG_VERSION").into())))
    }
}

/// One connector per client configuration; it carries that client's runtime components: its
/// time source (for `Expiration`s), its sleep (for scripted latency) and its read timeout.
#[derive(Clone)]
struct MockConnector {
    inner: Arc<Inner>,
    time_source: SharedTimeSource,
    sleep: SharedAsyncSleep,
    read_timeout: Option<Duration>,
}

impl std::fmt::Debug for MockConnector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockConnector").field("mock", &self.inner.id).finish()
    }
}

/// What the response waits for before it goes out: a scripted delay, then a gate.
#[derive(Default)]
struct Wait {
    delay: Option<Duration>,
    gate: Option<crate::Gate>,
}

impl Wait {
    /// Whether the response goes out at once.
    fn is_none(&self) -> bool {
        self.delay.is_none() && self.gate.is_none()
    }
}

/// Counts a response as in flight while its wait lasts, however it ends (sent, timed out, or
/// the call cancelled).
struct InFlight(Arc<Inner>);

impl InFlight {
    fn enter(inner: &Arc<Inner>) -> InFlight {
        inner.in_flight.fetch_add(1, Ordering::Relaxed);
        InFlight(inner.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::Relaxed);
    }
}

impl MockConnector {
    /// The connector's future: the result, after the scripted wait if there is one. A wait
    /// longer than the client's read timeout ends in a timeout error after the read timeout, as
    /// a real connector's does.
    fn answer(&self, wait: Wait, result: Result<HttpResponse, ConnectorError>) -> HttpConnectorFuture {
        if wait.is_none() {
            return HttpConnectorFuture::ready(result);
        }
        let waited = self.wait(wait);
        HttpConnectorFuture::new(async move {
            waited.await?;
            result
        })
    }

    /// The scripted wait, counted as in flight while it lasts; a timeout error when it lasts
    /// longer than the client's read timeout.
    fn wait(&self, wait: Wait) -> impl Future<Output = Result<(), ConnectorError>> + Send + 'static {
        let in_flight = InFlight::enter(&self.inner);
        let (sleep, read_timeout) = (self.sleep.clone(), self.read_timeout);
        async move {
            let _in_flight = in_flight;
            let waiting = async {
                if let Some(delay) = wait.delay {
                    sleep.sleep(delay).await;
                }
                if let Some(gate) = &wait.gate {
                    gate.pass().await;
                }
            };
            match read_timeout {
                None => waiting.await,
                Some(limit) => {
                    if Timeout::new(waiting, sleep.sleep(limit)).await.is_err() {
                        return Err(ConnectorError::timeout(
                            format!(
                                "lakeformation-mock: the scripted reply waited longer than the client's read timeout \
                                 of {limit:?} (HttpConnectorSettings::read_timeout)"
                            )
                            .into(),
                        ));
                    }
                }
            }
            Ok(())
        }
    }
}

impl HttpConnector for MockConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        #[cfg(feature = "s3")]
        if services::route::service_of(addressed(&request)) == services::route::Service::S3 {
            let id = request_id(self.inner.id, self.inner.next_request_id.fetch_add(1, Ordering::Relaxed));
            let (inner, now, language) =
                (self.inner.clone(), self.time_source.now(), self.inner.settings.hint_language);
            return services::s3::connect::connector_call(inner, id, now, request, language);
        }
        let arrived = Arrived {
            method: http::Method::from_bytes(request.method().as_bytes()).unwrap_or(http::Method::POST),
            uri: request.uri().to_owned(),
            headers: Headers::new(|| request.headers().iter_bytes()),
            body: request.body().bytes().map(Bytes::copy_from_slice),
        };
        let (_, wait, result) = handle(&self.inner, &self.time_source, arrived, self.inner.settings.hint_language);
        self.answer(wait, result.map(smithy_response))
    }
}

/// Where an SDK request goes (feature `s3`: the connector sends S3's to `services/s3/`).
#[cfg(feature = "s3")]
fn addressed(request: &HttpRequest) -> services::route::Addressed<'_> {
    services::route::Addressed {
        uri: request.uri(),
        target: request.headers().get("x-amz-target"),
        authorization: request.headers().get("authorization"),
        // An S3 request is told by its scope or host; STS's `Action` is read later, with the body.
        body: None,
    }
}

/// A request as it arrived, from an SDK client (its smithy request) or from the loopback server
/// (hyper's, read without a smithy request in between): what the mock records and reads.
pub(crate) struct Arrived {
    pub(crate) method: http::Method,
    /// The full URL, as the client used it.
    pub(crate) uri: String,
    pub(crate) headers: Headers,
    /// `None` for a streaming body.
    pub(crate) body: Option<Bytes>,
}

/// What the request's body says, or why it says nothing usable.
fn read_input(method: &http::Method, operation: &Operation, body: Option<&[u8]>) -> Result<Input, InputError> {
    let Some(body) = body else { return Err(InputError::StreamingBody) };
    if method != http::Method::POST && operation.is_supported() {
        return Err(InputError::Malformed {
            operation: operation.to_string(),
            message: format!("the method must be POST, found {method}"),
            line: 1,
            column: 1,
        });
    }
    services::parse_input(operation, body)
}

/// Records `arrived` and decides its answer (hints in `language`); returns the request id, what
/// to wait for and the result to give.
fn handle(
    inner: &Inner,
    time_source: &SharedTimeSource,
    arrived: Arrived,
    language: Language,
) -> (String, Wait, Result<wire::Response, ConnectorError>) {
    let addressed = services::route::Addressed {
        uri: &arrived.uri,
        target: arrived.headers.value("x-amz-target"),
        authorization: arrived.headers.value("authorization"),
        body: arrived.body.as_deref(),
    };
    let operation = services::route(addressed).operation;
    let input = read_input(&arrived.method, &operation, arrived.body.as_deref());
    let mut request = Request {
        index: 0,
        operation,
        method: arrived.method,
        uri: arrived.uri,
        headers: arrived.headers,
        body: arrived.body.unwrap_or_default(),
        input,
        answer: Answer::default(),
    };
    let request_id = request_id(inner.id, inner.next_request_id.fetch_add(1, Ordering::Relaxed));
    // Known to whatever answers (the lake records the id of the Glue call that authorized a scan).
    request.answer.request_id = Some(request_id.clone());

    // A malformed request is answered by nothing, not even a catch-all rule; an invalid one
    // is refused as the service refuses it, before any rule or the lake.
    let malformed = matches!(request.input, Err(InputError::Malformed { .. } | InputError::StreamingBody));
    let invalid = match &request.input {
        Ok(input) if inner.settings.validate_input => services::validate(input, &request.body).err(),
        _ => None,
    };
    // A service authenticates before it validates: the lake refuses an unknown signer first.
    let unauthenticated = invalid.as_ref().and_then(|_| {
        let lake = inner.fallback.read().unwrap_or_else(|e| e.into_inner()).clone()?;
        lake.authenticate(&request, time_source.now(), language)
    });
    let chosen = match (invalid, unauthenticated) {
        (Some(_), Some(refusal)) => Choice::Answer(Source::Lake, refusal),
        (Some(message), None) => Choice::Answer(Source::Validation, invalid_reply(&request.operation, message)),
        (None, _) if malformed => Choice::Nothing,
        (None, _) => choose(inner, time_source, &request, language),
    };
    // sts: an STS action nothing answers gets STS's own `InvalidAction` (src/services/sts/)
    #[cfg(feature = "sts")]
    let chosen = match (
        chosen,
        services::sts::unanswered_action(&request.operation, |action| {
            crate::explain::hints::sts_action_fix(language, action)
        }),
    ) {
        (Choice::Nothing, Some(error)) if !malformed => Choice::Answer(Source::Validation, Reply::from(error)),
        (chosen, _) => chosen,
    };

    let id_text = request_id.as_str();
    let (wait, result, answer) = match chosen {
        Choice::Nothing => {
            let message = unanswered_message(inner, &request, language);
            let reason = if malformed { UnansweredKind::Malformed } else { UnansweredKind::NoMatch };
            let error = Unanswered::error(&message, id_text, reason);
            (Wait::default(), Err(error), Answer { failure: Some(message), ..Answer::default() })
        }
        Choice::Panicked(message) => {
            let error = Unanswered::error(&message, id_text, UnansweredKind::Panicked);
            (Wait::default(), Err(error), Answer { failure: Some(message), ..Answer::default() })
        }
        Choice::Answer(source, reply) => match wire::encode(&reply, &source, &request.operation, &request_id) {
            Ok(wire) => {
                let result = match wire {
                    Wire::Response(response) => Ok(response),
                    Wire::Fault(error) => Err(error),
                };
                let wait = Wait { delay: reply.delay(), gate: reply.gate.clone() };
                (wait, result, Answer { reply: Some(reply), source, request_id: None, failure: None })
            }
            Err(message) => {
                let error = Unanswered::error(&message, id_text, UnansweredKind::InvalidReply);
                let answer = Answer { reply: Some(reply), source, request_id: None, failure: Some(message) };
                (Wait::default(), Err(error), answer)
            }
        },
    };
    request.answer = Answer { request_id: request.answer.request_id.take(), ..answer };
    log(&request);
    inner.journal.record(request);
    (request_id, wait, result)
}

/// What input validation sends for a request of `operation` that breaks its model's
/// constraints: `InvalidInputException` (Lake Formation, Glue), STS's `ValidationError`.
fn invalid_reply(operation: &Operation, message: String) -> Reply {
    #[cfg(feature = "sts")]
    if matches!(operation, Operation::Sts(_)) {
        return Reply::from(services::sts::invalid_error(message));
    }
    let _ = operation;
    Reply::error(crate::ErrorCode::InvalidInput, message)
}

/// `response` as the SDK's HTTP type.
fn smithy_response(response: wire::Response) -> HttpResponse {
    let parts = response.into_parts();
    let mut smithy = HttpResponse::new(parts.status.into(), SdkBody::from(parts.body));
    // Valid: checked when the response was made (`wire::Response`).
    let headers = smithy.headers_mut();
    for (name, value) in parts.raw_headers {
        headers.append(name.as_str().to_owned(), value);
    }
    for (name, value) in parts.headers {
        // Not yet there: `insert` takes the name as it is, where `append` writes it out and
        // parses it again.
        headers.insert(name, value);
    }
    smithy
}

/// One `debug` event per request (target `lakeformation_mock`): what arrived, who answered and
/// how, so that `RUST_LOG=lakeformation_mock=debug` tells the story of a test.
fn log(request: &Request) {
    if !tracing::enabled!(target: "lakeformation_mock", tracing::Level::DEBUG) {
        return;
    }
    let answer = request.answer();
    let decision = match (answer.trace().and_then(|t| t.steps().last()), answer.failure()) {
        (_, Some(failure)) => failure.lines().next().unwrap_or_default().to_owned(),
        (Some(step), None) => step.clone(),
        (None, None) => match answer.reply().and_then(Reply::service_error) {
            Some(error) => format!("{}: {}", error.code(), error.message().unwrap_or_default()),
            None => "answered".to_owned(),
        },
    };
    tracing::debug!(
        target: "lakeformation_mock",
        request_id = answer.request_id().unwrap_or_default(),
        index = request.index(),
        operation = %request.operation(),
        answered_by = %answer.source(),
        status = answer.status_code(),
        decision = %decision,
        "{} answered by {}: {decision}",
        request.operation(),
        answer.source(),
    );
}

/// The `n`th request id of mock `mock_id`, shaped like a UUID:
/// `{mock_id:08x}-0000-4000-8000-{n:012x}`, written without the formatting machinery (a fifth
/// of the cost, in one allocation of the right size).
fn request_id(mock_id: u64, n: u64) -> String {
    let mut id = String::with_capacity(36);
    push_hex(&mut id, mock_id, 8);
    id.push_str("-0000-4000-8000-");
    push_hex(&mut id, n, 12);
    id
}

/// `value` in lowercase hexadecimal, padded with zeros to `width` digits, as `{value:0width$x}`.
fn push_hex(text: &mut String, value: u64, width: usize) {
    let digits = (u64::BITS - value.leading_zeros()).div_ceil(4).max(width as u32);
    for digit in (0..digits).rev() {
        let nibble = (value >> (4 * digit)) & 0xf;
        text.push(char::from_digit(nibble as u32, 16).expect("a nibble is a hex digit"));
    }
}

/// What the loopback server answers requests with, outside any SDK client: the mock's connector
/// with the server's clock as time source and Tokio's sleep, made once for the server.
#[cfg_attr(not(feature = "server"), allow(dead_code))] // the loopback server uses this
pub(crate) struct Dispatcher(MockConnector);

#[cfg_attr(not(feature = "server"), allow(dead_code))]
impl Dispatcher {
    /// Answers one HTTP request: the same recording, matching and encoding as in process.
    /// Returns the request id the mock gave the request, with the answer, after its scripted
    /// wait. Hints are in fixture JSON: an HTTP client scripts the mock with fixtures.
    pub(crate) async fn dispatch(&self, request: Arrived) -> (String, Result<wire::Response, ConnectorError>) {
        let connector = &self.0;
        let (request_id, wait, result) = handle(&connector.inner, &connector.time_source, request, Language::Fixture);
        if !wait.is_none()
            && let Err(error) = connector.wait(wait).await
        {
            return (request_id, Err(error));
        }
        (request_id, result)
    }
}

impl MockLakeFormation {
    /// The loopback server's [`Dispatcher`], reading the server's clock.
    #[cfg_attr(not(feature = "server"), allow(dead_code))]
    pub(crate) fn dispatcher(&self, clock: SharedTimeSource) -> Dispatcher {
        Dispatcher(MockConnector {
            inner: self.inner.clone(),
            time_source: clock,
            sleep: SharedAsyncSleep::new(TokioSleep::new()),
            read_timeout: None,
        })
    }

    /// A fresh request id, for an error the loopback server sends without recording a request
    /// (a body over its size limit, an unreadable request, a control endpoint's error).
    #[cfg_attr(not(feature = "server"), allow(dead_code))]
    pub(crate) fn unrecorded_request_id(&self) -> String {
        request_id(self.inner.id, self.inner.next_request_id.fetch_add(1, Ordering::Relaxed))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_request_id_reads_as_its_format() {
        for (mock_id, n) in
            [(0, 0), (1, 0x2a), (0xffff_ffff, 0xfff_ffff_ffff), (0x1_0000_0000, 0x1000_0000_0000), (u64::MAX, u64::MAX)]
        {
            assert_eq!(super::request_id(mock_id, n), format!("{mock_id:08x}-0000-4000-8000-{n:012x}"));
        }
    }
}
