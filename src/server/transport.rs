//! The hyper glue: the accept loop on its own thread, and one HTTP request in, one response out.

use super::control;
use super::shared::{CONTROL_PREFIX, Response, State, error_response};
use crate::Unanswered;
use crate::UnansweredKind;
use crate::explain::hints::Language;
use crate::mock::connector::{Arrived, Dispatcher};
use crate::record::request::Headers;
use crate::services::wire;
use aws_smithy_runtime_api::client::result::ConnectorError;
use bytes::Bytes;
use http::uri::PathAndQuery;
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use std::borrow::Cow;
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;
use tokio::sync::oneshot;

/// The service "error" that makes hyper close the connection without a response
/// (a scripted [`Fault::Io`](crate::Fault::Io)).
#[derive(Debug, thiserror::Error)]
#[error("lakeformation-mock: scripted I/O fault, closing the connection")]
pub(crate) struct CloseConnection;

/// A running server thread.
pub(crate) struct Running {
    shutdown: oneshot::Sender<()>,
    done: mpsc::Receiver<()>,
    thread: JoinHandle<()>,
}

impl Running {
    /// Asks the accept loop to stop, and waits up to `wait` for the thread to finish.
    pub(crate) fn stop(self, wait: Duration) {
        let _ = self.shutdown.send(());
        match self.done.recv_timeout(wait) {
            Ok(()) | Err(mpsc::RecvTimeoutError::Disconnected) => {
                let _ = self.thread.join();
            }
            // The thread is stuck (a request handler that never returns): let it go rather than
            // hang the test; it ends with the process.
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
    }
}

/// Serves `listener` (already bound, non-blocking) on a new thread with its own runtime.
pub(crate) fn spawn(listener: std::net::TcpListener, state: Arc<State>, grace: Duration) -> std::io::Result<Running> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("lakeformation-mock-server")
        .enable_all()
        .build()?;
    let listener = {
        let _entered = runtime.enter();
        tokio::net::TcpListener::from_std(listener)?
    };
    let (shutdown, shutdown_rx) = oneshot::channel();
    let (done_tx, done) = mpsc::channel();
    let thread = std::thread::Builder::new().name("lakeformation-mock-server".into()).spawn(move || {
        runtime.block_on(accept_loop(listener, state, shutdown_rx, grace));
        runtime.shutdown_timeout(Duration::from_millis(100));
        let _ = done_tx.send(());
    })?;
    Ok(Running { shutdown, done, thread })
}

async fn accept_loop(
    listener: tokio::net::TcpListener,
    state: Arc<State>,
    mut shutdown: oneshot::Receiver<()>,
    grace: Duration,
) {
    let graceful = GracefulShutdown::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _peer)) => stream,
                    // Out of file descriptors and the like: back off a little, keep serving.
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(10)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let state = state.clone();
                let service = service_fn(move |request| handle(state.clone(), request));
                let connection =
                    hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
                let connection = graceful.watch(connection);
                tokio::spawn(async move {
                    // A client going away, or a scripted I/O fault: nothing to report.
                    let _ = connection.await;
                });
            }
            _ = &mut shutdown => break,
        }
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(grace) => {}
    }
}

/// The 413 answer, its fix worded in the served mock's hint language: a mock built in Rust is
/// served by Rust code (the builder method); one from a fixture, as `serve` makes it, by the CLI.
fn too_large(state: &State) -> Response {
    let limit = state.body_limit;
    let raise_it = match state.mock.inner.settings.hint_language {
        Language::Rust => "`MockServer::builder().body_limit(..)`",
        Language::Fixture => "`serve --body-limit <BYTES>`",
    };
    error_response(
        413,
        "LakeFormationMockRequestTooLarge",
        &format!(
            "lakeformation-mock: the request body exceeds the server's limit of {limit} bytes (raise it with {raise_it})"
        ),
    )
}

/// Sets `x-amzn-requestid` on `response` unless it has one: every response carries a request id,
/// as the service's do.
fn with_request_id(mut response: Response, request_id: impl FnOnce() -> String) -> Response {
    if !response.headers().contains_key(wire::REQUEST_ID)
        && let Ok(id) = http::HeaderValue::from_str(&request_id())
    {
        response.headers_mut().insert(wire::REQUEST_ID, id);
    }
    response
}

/// The service `request` is for, routed once per request as the connector routes it (by target,
/// SigV4 credential scope or host): the server shapes its own errors for the client that sent it.
fn service_of(request: &hyper::Request<Incoming>) -> crate::services::route::Service {
    use crate::services::route::Addressed;
    let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok());
    let uri = request.uri().to_string();
    let addressed =
        Addressed { uri: &uri, target: header("x-amz-target"), authorization: header("authorization"), body: None };
    crate::services::route::service_of(addressed)
}

async fn handle(state: Arc<State>, request: hyper::Request<Incoming>) -> Result<Response, CloseConnection> {
    #[allow(unused_variables)] // read only with feature glue, sts or s3
    let service = service_of(&request);
    // s3: S3 requests stream their body into s3s (src/services/s3/server.rs), past the body limit
    #[cfg(feature = "s3")]
    if service == crate::services::route::Service::S3 {
        let request_id = state.mock.unrecorded_request_id();
        let now = aws_smithy_async::time::TimeSource::now(&state.clock);
        let response = crate::services::s3::server::respond(&state.mock.inner, request_id, now, request).await;
        return Ok(response.map(Full::new));
    }
    let response = respond(&state, request).await?;
    // sts: an STS client reads only STS's XML errors (src/services/sts/server.rs)
    #[cfg(feature = "sts")]
    let response = if service == crate::services::route::Service::Sts {
        crate::services::sts::server::as_xml(response).await
    } else {
        response
    };
    // glue: a Glue client reads the code of the server's own errors from the body (src/services/glue/server.rs)
    #[cfg(feature = "glue")]
    let response = if service == crate::services::route::Service::Glue {
        crate::services::glue::server::with_type(response).await
    } else {
        response
    };
    Ok(with_request_id(response, || state.mock.unrecorded_request_id()))
}

async fn respond(state: &State, request: hyper::Request<Incoming>) -> Result<Response, CloseConnection> {
    let (parts, body) = request.into_parts();
    let declared = parts.headers.get(http::header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > state.body_limit as u64) {
        return Ok(too_large(state));
    }
    let body = match read_body(body, declared, state).await {
        Ok(body) => body,
        Err(refused) => return Ok(refused),
    };
    if parts.uri.path().starts_with(CONTROL_PREFIX) || parts.uri.path() == CONTROL_PREFIX.trim_end_matches('/') {
        return Ok(control::handle(state, &parts, body).await);
    }
    answer(&state.dispatcher, parts, body).await
}

/// The request's body (`declared` bytes long, when it says, within the server's limit), or the response that
/// refuses it. A copy, made as it arrives: what hyper read is a slice of the connection's read
/// buffer, which the journal would otherwise keep alive, whole, for every request.
async fn read_body(body: Incoming, declared: Option<u64>, state: &State) -> Result<Bytes, Response> {
    let mut body = Limited::new(body, state.body_limit);
    let mut bytes = Vec::with_capacity(declared.map_or(0, |n| n as usize));
    while let Some(frame) = body.frame().await {
        match frame {
            Ok(frame) => {
                if let Some(data) = frame.data_ref() {
                    bytes.extend_from_slice(data);
                }
            }
            Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => {
                return Err(too_large(state));
            }
            Err(e) => {
                let message = format!("lakeformation-mock: could not read the request body: {e}");
                return Err(error_response(400, "LakeFormationMockMalformedRequest", &message));
            }
        }
    }
    bytes.shrink_to_fit();
    Ok(Bytes::from(bytes))
}

/// Answers a Lake Formation request through the same path as the in-process connector.
async fn answer(
    dispatcher: &Dispatcher,
    parts: http::request::Parts,
    body: Bytes,
) -> Result<Response, CloseConnection> {
    // A header value must be text to be recorded, matched and shown: refuse one that is not,
    // rather than record the request without it.
    if let Some((name, _)) = parts.headers.iter().find(|(_, v)| std::str::from_utf8(v.as_bytes()).is_err()) {
        let message = format!(
            "lakeformation-mock: the value of header `{name}` is not UTF-8, so the request cannot be recorded \
             or matched as sent; send the value as UTF-8 text (or percent-encode its bytes)"
        );
        return Ok(error_response(400, "LakeFormationMockMalformedRequest", &message));
    }
    // Record the URL the client used, as in process (where it is the full endpoint URL): the path
    // as hyper parsed it, after the host, which is parsed here.
    let host = parts.headers.get(http::header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1");
    let authority = match http::uri::Authority::try_from(host) {
        Ok(authority) => authority,
        Err(e) => {
            let message = format!(
                "lakeformation-mock: the request cannot be read: its Host header `{host}` is not a host ({e}); \
                 send the server's address as the Host, e.g. `Host: 127.0.0.1:8080`, as HTTP clients do"
            );
            return Ok(error_response(400, "LakeFormationMockMalformedRequest", &message));
        }
    };
    let path = parts.uri.path_and_query().map_or("/", PathAndQuery::as_str);
    // Read as hyper parsed it: no smithy request in between (BENCHMARKS.md). The URL is put
    // together by hand: `format!` costs a thousand instructions more, a tenth of a request.
    let mut uri = String::with_capacity("http://".len() + authority.as_str().len() + path.len());
    for part in ["http://", authority.as_str(), path] {
        uri.push_str(part);
    }
    let request = Arrived {
        uri,
        headers: Headers::new(|| parts.headers.iter().map(|(name, value)| (name.as_str(), value.as_bytes()))),
        method: parts.method,
        // Copied out of hyper's read buffer (`read_body`).
        body: Some(body),
    };
    // An error the mock answers with carries the id of its journal entry.
    let (request_id, answer) = dispatcher.dispatch(request).await;
    match answer {
        Ok(response) => Ok(hyper_response(response)),
        Err(error) => connector_error(error).map(|response| with_request_id(response, || request_id)),
    }
}

/// `response` as hyper's: the names as they are, the body not copied.
fn hyper_response(response: wire::Response) -> Response {
    let parts = response.into_parts();
    let mut hyper = Response::new(Full::new(parts.body));
    *hyper.status_mut() = parts.status;
    let raw = parts.raw_headers.into_iter().map(|(name, value)| (name, Cow::Owned(value)));
    for (name, value) in raw.chain(parts.headers) {
        let value = match value {
            Cow::Borrowed(value) => http::HeaderValue::from_static(value),
            Cow::Owned(value) => match http::HeaderValue::try_from(value) {
                Ok(value) => value,
                // Checked when the response was made (`wire::Response`): not seen.
                Err(e) => {
                    let message = format!("lakeformation-mock: invalid response: the value of header `{name}`: {e}");
                    return error_response(500, "LakeFormationMockInvalidReply", &message);
                }
            },
        };
        hyper.headers_mut().append(name, value);
    }
    hyper
}

/// What an in-process `DispatchFailure` becomes on the wire (see the module docs' table).
fn connector_error(error: ConnectorError) -> Result<Response, CloseConnection> {
    if error.is_io() {
        return Err(CloseConnection);
    }
    if error.is_timeout() {
        return Ok(error_response(504, "LakeFormationMockTimeout", &error_text(&error)));
    }
    let unanswered = std::error::Error::source(&error).and_then(|s| s.downcast_ref::<Unanswered>());
    Ok(match unanswered {
        Some(u) => match u.reason {
            UnansweredKind::Malformed => error_response(400, "LakeFormationMockMalformedRequest", &u.message),
            UnansweredKind::NoMatch => error_response(404, "LakeFormationMockNoMatch", &u.message),
            UnansweredKind::InvalidReply => error_response(400, "LakeFormationMockInvalidReply", &u.message),
            UnansweredKind::Panicked => error_response(500, "LakeFormationMockClosurePanicked", &u.message),
        },
        None => error_response(502, "LakeFormationMockFault", &error_text(&error)),
    })
}

fn error_text(error: &ConnectorError) -> String {
    std::error::Error::source(error).map_or_else(|| error.to_string(), |s| s.to_string())
}
