//! A recorded request: what arrived, rebuilt as typed input, and what the mock answered.

use crate::wire::InputError;
use crate::{Input, Operation, Reply};
use aws_sdk_lakeformation::types::{AuditContext, QuerySessionContext};
use bytes::Bytes;
use std::fmt;

/// Header names whose values are secrets.
const SECRET_HEADERS: [&str; 2] = ["authorization", "x-amz-security-token"];

/// One HTTP attempt as the mock received it (retries are separate requests).
///
/// Matchers and reply closures see it before it is answered; the journal hands out owned clones
/// with the [`Answer`] filled in.
#[derive(Clone)]
pub struct Request {
    pub(crate) index: usize,
    pub(crate) operation: Operation,
    pub(crate) input: Result<Input, InputError>,
    pub(crate) method: http::Method,
    pub(crate) uri: String,
    pub(crate) headers: HeaderLines,
    pub(crate) body: Bytes,
    pub(crate) answer: Answer,
}

impl Request {
    /// The position of this request in arrival order, from 0.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The operation named by the request path.
    pub fn operation(&self) -> &Operation {
        &self.operation
    }

    /// The typed input, if the body could be rebuilt into one.
    pub fn input(&self) -> Option<&Input> {
        self.input.as_ref().ok()
    }

    /// Why the body could not be rebuilt into a typed input, if it could not.
    pub fn input_error(&self) -> Option<&InputError> {
        self.input.as_ref().err()
    }

    /// The `GetTemporaryGlueTableCredentials` input, if this is one.
    pub fn glue_table_input(
        &self,
    ) -> Option<
        &aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsInput,
    > {
        self.input().and_then(Input::as_glue_table)
    }

    /// The `GetTemporaryDataLocationCredentials` input, if this is one.
    pub fn data_location_input(
        &self,
    ) -> Option<
        &aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsInput,
    >{
        self.input().and_then(Input::as_data_location)
    }

    /// The request's `AuditContext`, if it carried one.
    pub fn audit_context(&self) -> Option<&AuditContext> {
        self.input().and_then(Input::audit_context)
    }

    /// The request's `QuerySessionContext`, if it carried one.
    pub fn query_session_context(&self) -> Option<&QuerySessionContext> {
        self.input().and_then(Input::query_session_context)
    }

    /// The HTTP method.
    pub fn method(&self) -> &http::Method {
        &self.method
    }

    /// The full request URI.
    pub fn uri(&self) -> &str {
        &self.uri
    }

    /// The request headers (including the SigV4 `authorization` header), in the order received.
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.headers.iter()
    }

    /// The request headers as an `http::HeaderMap` (built on each call).
    pub fn header_map(&self) -> http::HeaderMap {
        self.headers()
            .filter_map(|(name, value)| {
                Some((http::HeaderName::from_bytes(name.as_bytes()).ok()?, http::HeaderValue::from_str(value).ok()?))
            })
            .collect()
    }

    /// A header's value (the first, if repeated); names compare without case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v)
    }

    /// The raw request body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The body parsed as JSON, if it is JSON (the wire form of the input, with the service's
    /// field names; it holds no secret).
    pub fn body_json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The headers, with the values of `authorization` and `x-amz-security-token` replaced by
    /// `** redacted **`: safe to log or write to a file.
    pub fn redacted_headers(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.headers().map(|(name, value)| {
            let secret = SECRET_HEADERS.iter().any(|s| s.eq_ignore_ascii_case(name));
            (name, if secret { crate::REDACTED } else { value })
        })
    }

    /// The access key id the request was signed with (the `Credential=` part of the SigV4
    /// `authorization` header).
    pub fn access_key_id(&self) -> Option<&str> {
        let auth = self.header("authorization")?;
        let credential = auth.split("Credential=").nth(1)?;
        credential.split('/').next().filter(|id| !id.is_empty())
    }

    /// What the mock answered.
    pub fn answer(&self) -> &Answer {
        &self.answer
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self.redacted_headers().collect();
        f.debug_struct("Request")
            .field("index", &self.index)
            .field("operation", &self.operation)
            .field("input", &self.input)
            .field("method", &self.method)
            .field("uri", &self.uri)
            .field("headers", &headers)
            .field("answer", &self.answer)
            .finish()
    }
}

/// What the mock did with a request.
#[derive(Clone, Debug, Default)]
pub struct Answer {
    pub(crate) reply: Option<Reply>,
    pub(crate) rule: Option<RuleRef>,
    pub(crate) request_id: Option<String>,
    pub(crate) failure: Option<String>,
}

/// The rule that answered a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleRef {
    /// The rule's position in mounting order, from 0.
    pub index: usize,
    /// The rule's name, if it was given one with `named`.
    pub name: Option<String>,
}

impl Answer {
    /// The reply sent, if one was (a modeled output or error, raw HTTP, or a fault).
    pub fn reply(&self) -> Option<&Reply> {
        self.reply.as_ref()
    }

    /// The rule that answered, if a rule did.
    pub fn rule(&self) -> Option<&RuleRef> {
        self.rule.as_ref()
    }

    /// The `x-amzn-requestid` sent with a modeled reply.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Why the mock could not answer (no rule matched, malformed body, reply for the wrong
    /// operation...): the same text the SDK call failed with.
    pub fn failure(&self) -> Option<&str> {
        self.failure.as_deref()
    }

    /// Whether the request went unanswered.
    pub fn is_unanswered(&self) -> bool {
        self.failure.is_some()
    }

    /// The HTTP status sent, if an HTTP response was sent.
    pub fn status(&self) -> Option<u16> {
        if self.failure.is_some() {
            return None;
        }
        let reply = self.reply.as_ref()?;
        if let Some(e) = reply.service_error() {
            Some(e.http_status())
        } else if let Some(raw) = reply.raw_response() {
            Some(raw.status())
        } else if reply.fault().is_some() {
            None
        } else {
            Some(200)
        }
    }
}

/// Headers kept compactly, one allocation for all: `name: value` lines. A header name cannot
/// hold `:` and a value cannot hold a line break, so the text splits back unambiguously.
#[derive(Clone, Default)]
pub(crate) struct HeaderLines(Box<str>);

impl HeaderLines {
    pub(crate) fn new(headers: &aws_smithy_runtime_api::http::Headers) -> Self {
        let size = headers.iter().map(|(n, v)| n.len() + v.len() + 3).sum();
        let mut text = String::with_capacity(size);
        for (name, value) in headers.iter() {
            text.push_str(name);
            text.push_str(": ");
            text.push_str(value);
            text.push('\n');
        }
        HeaderLines(text.into_boxed_str())
    }

    fn iter(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.0.lines().filter_map(|line| line.split_once(": "))
    }
}
