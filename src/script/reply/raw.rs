//! An HTTP response sent exactly as given ([`RawResponse`]).

use super::checks::{content_length_form_problem, content_length_problem, header_problem, status_problem};
use bytes::Bytes;
use std::fmt;

/// An HTTP response sent exactly as given: any status, headers and body.
///
/// Unlike modeled replies, nothing is added: no `x-amzn-requestid` unless you set one.
///
/// ```
/// use lakeformation_mock::RawResponse;
///
/// let raw = RawResponse::new(502).header("content-type", "text/html").body("<html>bad gateway</html>");
/// assert_eq!(raw.status_code(), 502);
/// ```
#[derive(Clone, PartialEq, Eq)]
#[must_use = "a raw response does nothing until a rule answers with it"]
pub struct RawResponse {
    status: u16,
    headers: Vec<(String, String)>,
    body: Bytes,
}

impl RawResponse {
    /// A response with this status, no headers and an empty body.
    ///
    /// # Panics
    /// When `status` is not a final HTTP status (200 to 599): no client could receive it, so the
    /// mistake is reported here rather than as a failed call later. An informational status
    /// (1xx, such as `101 Switching Protocols`) only announces a final response, so a client
    /// would wait for one that never comes.
    ///
    /// ```should_panic
    /// // panics: "RawResponse::new(700): 700 is not an HTTP status (100 to 599)"
    /// let _ = lakeformation_mock::RawResponse::new(700);
    /// ```
    #[track_caller]
    pub fn new(status: u16) -> Self {
        if let Some(problem) = status_problem(status) {
            panic!("RawResponse::new({status}): {problem}");
        }
        RawResponse { status, headers: Vec::new(), body: Bytes::new() }
    }

    /// Adds a header; a name given twice sends the header twice, in the order given.
    ///
    /// A `content-length` header is optional (the length of the body is sent for you); when
    /// given, it must be given once and equal the body's length, or the client would read a
    /// response of another length than sent and the connection would be out of step. It is
    /// checked against the body here when the body is already set, else by [`body`](Self::body)
    /// or, for a response left without a body, when it becomes a [`Reply`](super::Reply).
    ///
    /// # Panics
    /// When `name` is not a valid HTTP header name or `value` not a valid header value (a
    /// line break, say), or a `content-length` that is not a number, is given twice, or
    /// disagrees with a body already set.
    #[track_caller]
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let (name, value) = (name.into(), value.into());
        if let Some(problem) = header_problem(&name, &value) {
            panic!("RawResponse::header: {problem}");
        }
        self.headers.push((name, value));
        let problem = match self.body.is_empty() {
            true => content_length_form_problem(&self.headers),
            false => content_length_problem(&self.headers, self.body.len()),
        };
        if let Some(problem) = problem {
            panic!("RawResponse::header: {problem}");
        }
        self
    }

    /// Sets the body.
    ///
    /// # Panics
    /// When a `content-length` header was given and disagrees with the body's length.
    #[track_caller]
    pub fn body(mut self, body: impl Into<Bytes>) -> Self {
        self.body = body.into();
        if let Some(problem) = content_length_problem(&self.headers, self.body.len()) {
            panic!("RawResponse::body: {problem}");
        }
        self
    }

    /// Sets a JSON body and the `content-type: application/json` header.
    ///
    /// # Panics
    /// When a `content-length` header was given and disagrees with the body's length.
    #[track_caller]
    pub fn json(self, value: &serde_json::Value) -> Self {
        self.header("content-type", "application/json").body(value.to_string())
    }

    /// The status code.
    pub fn status_code(&self) -> u16 {
        self.status
    }

    /// The headers, in the order given.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The body bytes.
    pub fn body_bytes(&self) -> &[u8] {
        &self.body
    }
}

impl fmt::Debug for RawResponse {
    /// The body as text, with the values of `SecretAccessKey` and `SessionToken` of a JSON body
    /// replaced by `** redacted **`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let body = crate::record::redact::json_body(&self.body, crate::REDACTED)
            .unwrap_or_else(|| String::from_utf8_lossy(&self.body).into_owned());
        f.debug_struct("RawResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &body)
            .finish()
    }
}
