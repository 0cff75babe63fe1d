//! Server mode (feature `server`): the same mock, served over HTTP on loopback, for clients that
//! cannot be handed a connector (query engine workers, Java or Python services, the AWS CLI).
//!
//! Every AWS SDK honours an endpoint override (`AWS_ENDPOINT_URL_LAKEFORMATION`, `endpoint_url`),
//! so pointing it at [`MockServer::url`] sends its Lake Formation calls to a [`MockLakeFormation`]:
//! each request is recorded, matched and answered exactly as in process (rules, replies, latency,
//! the simulated lake), and the journal and verification are there too.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsOutput;
//! use lakeformation_mock::server::MockServer;
//! use lakeformation_mock::{MockLakeFormation, Rule};
//!
//! let mock = MockLakeFormation::new();
//! Rule::table_credentials()
//!     .respond_with(GetTemporaryGlueTableCredentialsOutput::builder().access_key_id("ASIAMOCKEXAMPLE00001").build())
//!     .mount(&mock);
//! let server = MockServer::start(&mock).unwrap(); // 127.0.0.1, an ephemeral port
//!
//! // Code you cannot inject into only needs the URL: `AWS_ENDPOINT_URL_LAKEFORMATION=<url>`.
//! // Here, a Rust client built by hand with a plain-HTTP client (the SDK's default client works too).
//! let config = mock
//!     .config_builder()
//!     .http_client(aws_smithy_http_client::Builder::new().build_http())
//!     .endpoint_url(server.url())
//!     .build();
//! let client = aws_sdk_lakeformation::Client::from_conf(config);
//! let out = client
//!     .get_temporary_glue_table_credentials()
//!     .table_arn("arn:aws:glue:us-east-1:123456789012:table/db/t")
//!     .send()
//!     .await
//!     .unwrap();
//! assert_eq!(out.access_key_id(), Some("ASIAMOCKEXAMPLE00001"));
//! assert_eq!(mock.requests().len(), 1);
//! # }
//! // Dropping `server` stops it.
//! ```
//!
//! # Control endpoints
//!
//! Under [`CONTROL_PREFIX`] (`/__lakeformation_mock/`), a path no Lake Formation operation uses.
//! Control requests are not recorded in the journal.
//!
//! | request | answer |
//! |---|---|
//! | `GET /__lakeformation_mock/health` | `{"ok": true}` |
//! | `GET /__lakeformation_mock/journal` | `{"count": n, "requests": [..]}`: each request's operation, typed input (wire names: `TableArn`, `AuditContext`, `QuerySessionContext`...), signing access key id, headers, and answer (status, error code, rule, vended access key id). Never the `authorization` or `x-amz-security-token` values, a `SecretAccessKey` or a `SessionToken`. |
//! | `POST /__lakeformation_mock/journal/reset` | forgets the recorded requests: `{"cleared": n}` |
//! | `POST /__lakeformation_mock/fixture` (body: a [fixture](crate::fixture) file's JSON) | adds its rules after those mounted, and its lake (if any) replaces the current one; its `settings` are not applied. It loads off the server's async workers, so other requests are answered meanwhile: `{"loaded": true, "rules_added": n, "rule_count": n, "lake": bool}`, or 400 `LakeFormationMockInvalidFixture` with the loader's error (line, column, JSON path) |
//! | `GET /__lakeformation_mock/clock` | the server's clock: `{"now": "2026-12-07T15:30:00Z", "advanced_seconds": n}` |
//! | `POST /__lakeformation_mock/clock/advance` (body: `{"seconds": n}`) | moves the server's clock forward (see [`MockServer::advance_clock`]) and answers as `GET clock`; 400 `LakeFormationMockInvalidClock` for a body that is not a whole number of seconds up to a hundred years |
//! | `GET /__lakeformation_mock/verify` | `{"passed": bool, "report": "<the verification report>"}`, always status 200; with `Accept: text/plain`, the report text alone |
//!
//! # Errors on the wire
//!
//! What the in-process connector turns into an `SdkError::DispatchFailure` becomes an HTTP error
//! that any SDK surfaces with a code (header `x-amzn-errortype`) and the same explanatory text
//! (body `{"Message": ..}`):
//!
//! | in process | over HTTP |
//! |---|---|
//! | no rule (nor lake) answered, or an operation the mock does not model | 404, `LakeFormationMockNoMatch` |
//! | malformed body, or a method other than `POST` | 400, `LakeFormationMockMalformedRequest` |
//! | (server only) a header value that is not UTF-8 (never recorded) | 400, `LakeFormationMockMalformedRequest`, naming the header |
//! | a scripted reply that does not fit the request | 400, `LakeFormationMockInvalidReply` |
//! | [`Fault::Timeout`](crate::Fault::Timeout) | 504, `LakeFormationMockTimeout` (SDKs retry it) |
//! | [`Fault::Io`](crate::Fault::Io) | the connection is closed without a response |
//! | [`Fault::Other`](crate::Fault::Other) | 502, `LakeFormationMockFault` |
//! | a body over the size limit (never recorded) | 413, `LakeFormationMockRequestTooLarge` |

mod clock;
mod control;
mod shared;
mod journal_json;
mod transport;

pub use shared::CONTROL_PREFIX;

use crate::MockLakeFormation;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// The default limit on a request body: 1 MiB (a real request body is a few hundred bytes).
pub const DEFAULT_BODY_LIMIT: usize = 1024 * 1024;

/// How long a stopping server lets requests in flight finish before closing their connections.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

/// Why a server could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServerError {
    /// The address is not a loopback address and no explicit opt-in was given.
    #[error(
        "lakeformation-mock: refusing to listen on {0}: it is not a loopback address, so other machines \
         could reach the mock and read its journal; listen on 127.0.0.1 (the default), or opt in with \
         `MockServer::builder().allow_non_loopback(true)`"
    )]
    NonLoopback(SocketAddr),
    /// The socket could not be bound (port taken, permission...).
    #[error("lakeformation-mock: cannot listen on {address}")]
    Bind {
        /// The address asked for.
        address: SocketAddr,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The server's thread or async runtime could not be started.
    #[error("lakeformation-mock: cannot start the server")]
    Start(#[source] std::io::Error),
}

/// Settings of a [`MockServer`], from [`MockServer::builder`].
#[must_use = "call `.start(&mock)` to start the server"]
#[derive(Clone, Debug)]
pub struct ServerBuilder {
    ip: IpAddr,
    port: u16,
    allow_non_loopback: bool,
    body_limit: usize,
}

impl ServerBuilder {
    /// The address to listen on (default `127.0.0.1`). Any non-loopback address also needs
    /// [`allow_non_loopback`](ServerBuilder::allow_non_loopback).
    pub fn ip(mut self, ip: IpAddr) -> Self {
        self.ip = ip;
        self
    }

    /// The port to listen on (default `0`: an ephemeral port, read it from [`MockServer::url`]).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Allows listening on an address other than loopback (off by default).
    pub fn allow_non_loopback(mut self, allow: bool) -> Self {
        self.allow_non_loopback = allow;
        self
    }

    /// The largest request body accepted, in bytes (default [`DEFAULT_BODY_LIMIT`]); a larger
    /// one gets a 413 and is not recorded. The 413's message says how to raise the limit: with
    /// this method for a mock built in Rust, with `serve --body-limit` for one loaded from a
    /// fixture (fixture users drive the `lakeformation-mock serve` command). S3 requests
    /// (feature `s3`) are not held to it: their bodies stream into the mock's S3, up to S3's
    /// own limit for one object, 5 GiB.
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// Starts serving `mock` (the server keeps a handle on it: rules mounted later apply too).
    ///
    /// # Errors
    /// [`ServerError::NonLoopback`] for a non-loopback address without the opt-in,
    /// [`ServerError::Bind`] when the port cannot be bound, [`ServerError::Start`] otherwise.
    pub fn start(self, mock: &MockLakeFormation) -> Result<MockServer, ServerError> {
        let address = SocketAddr::new(self.ip, self.port);
        if !self.ip.is_loopback() && !self.allow_non_loopback {
            return Err(ServerError::NonLoopback(address));
        }
        let listener = std::net::TcpListener::bind(address).map_err(|source| ServerError::Bind { address, source })?;
        let bound = listener.local_addr().map_err(|source| ServerError::Bind { address, source })?;
        listener.set_nonblocking(true).map_err(|source| ServerError::Bind { address, source })?;
        let clock = clock::ServerClock::default();
        let dispatcher = mock.dispatcher(aws_smithy_async::time::SharedTimeSource::new(clock.clone()));
        let state = Arc::new(shared::State {
            mock: mock.clone(),
            dispatcher,
            clock: clock.clone(),
            body_limit: self.body_limit,
        });
        let running = transport::spawn(listener, state, SHUTDOWN_GRACE).map_err(ServerError::Start)?;
        Ok(MockServer { address: bound, mock: mock.clone(), clock, running: Some(running) })
    }
}

/// A [`MockLakeFormation`] served over HTTP, on `127.0.0.1` by default.
///
/// It runs on a thread of its own (with its own Tokio runtime), so it works from plain and async
/// tests alike. Dropping it (or [`stop`](MockServer::stop)) stops accepting, lets requests in
/// flight finish for up to two seconds, then closes everything. See the [module docs](self) for
/// the control endpoints and how errors look on the wire.
#[must_use = "the server stops when this value is dropped"]
pub struct MockServer {
    address: SocketAddr,
    mock: MockLakeFormation,
    clock: clock::ServerClock,
    running: Option<transport::Running>,
}

impl MockServer {
    /// Serves `mock` on `127.0.0.1`, on an ephemeral port.
    ///
    /// # Errors
    /// When the socket or the server's runtime cannot be set up (see [`ServerBuilder::start`]).
    pub fn start(mock: &MockLakeFormation) -> Result<MockServer, ServerError> {
        MockServer::builder().start(mock)
    }

    /// A builder, to choose the address, port, or body size limit.
    ///
    /// ```
    /// use lakeformation_mock::server::{MockServer, ServerError};
    /// use lakeformation_mock::MockLakeFormation;
    ///
    /// let mock = MockLakeFormation::new();
    /// let refused = MockServer::builder().ip("0.0.0.0".parse().unwrap()).start(&mock);
    /// assert!(matches!(refused, Err(ServerError::NonLoopback(_))));
    ///
    /// let server = MockServer::builder().body_limit(64 * 1024).start(&mock).unwrap();
    /// assert!(server.url().starts_with("http://127.0.0.1:"));
    /// ```
    pub fn builder() -> ServerBuilder {
        ServerBuilder {
            ip: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            allow_non_loopback: false,
            body_limit: DEFAULT_BODY_LIMIT,
        }
    }

    /// The base URL to use as endpoint, e.g. `http://127.0.0.1:41234` (no trailing slash).
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The address the server listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The URL of a control endpoint, e.g. `control_url("journal")`.
    pub fn control_url(&self, endpoint: &str) -> String {
        format!("{}{CONTROL_PREFIX}{}", self.url(), endpoint.trim_start_matches('/'))
    }

    /// The server's clock: the system clock, plus however far [`advance_clock`](Self::advance_clock)
    /// (or `POST /__lakeformation_mock/clock/advance`) has moved it. The `Expiration` of what the
    /// lake vends and STS issues, and the leases S3 checks, are read from it.
    pub fn now(&self) -> SystemTime {
        aws_smithy_async::time::TimeSource::now(&self.clock)
    }

    /// Moves the server's clock `by` forward (in whole seconds, at most a hundred years; it never
    /// goes back) and returns the time it now reads: what a paused clock is to an in-process test,
    /// for clients the test cannot give a time source, such as keys that expire while an engine
    /// holds them. Signing times are still checked against the system clock, which clients sign by.
    ///
    /// ```
    /// use lakeformation_mock::MockLakeFormation;
    /// use lakeformation_mock::server::MockServer;
    /// use std::time::{Duration, SystemTime};
    ///
    /// let server = MockServer::start(&MockLakeFormation::new()).unwrap();
    /// let now = server.advance_clock(Duration::from_secs(2 * 3600));
    /// assert!(now >= SystemTime::now() + Duration::from_secs(2 * 3600 - 1));
    /// ```
    ///
    /// # Panics
    /// When `by` is more than a hundred years.
    pub fn advance_clock(&self, by: Duration) -> SystemTime {
        assert!(by <= clock::MAX_ADVANCE, "MockServer::advance_clock: {by:?} is more than a hundred years");
        self.clock.advance(by);
        self.now()
    }

    /// The mock being served.
    pub fn mock(&self) -> &MockLakeFormation {
        &self.mock
    }

    /// Stops the server now (the same as dropping it).
    pub fn stop(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        if let Some(running) = self.running.take() {
            running.stop(SHUTDOWN_GRACE + Duration::from_secs(1));
        }
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.shut_down();
    }
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer")
            .field("url", &self.url())
            .field("running", &self.running.is_some())
            .field("mock", &self.mock)
            .finish()
    }
}
