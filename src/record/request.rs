//! A recorded request: what arrived, rebuilt as typed input, and what the mock answered.

use crate::record::input::{AuditContextRef, QuerySessionContextRef};
use crate::{Input, InputError, Operation, Reply};
use bytes::Bytes;
use std::fmt;

use crate::record::redact::{self, is_secret_header};

/// Every header as received, values byte for byte (a value need not be UTF-8), in order, held
/// in three allocations whatever their number: the names end to end, the values end to end, and
/// where each ends. (A box for each name and each value was 16 allocations for the SDK's 8
/// headers, each freed on its own.)
#[derive(Clone, Default)]
pub(crate) struct Headers {
    names: Box<str>,
    values: Box<[u8]>,
    /// Where each header's name ends in `names`, and its value in `values`.
    ends: Box<[(usize, usize)]>,
}

impl Headers {
    /// The headers `headers()` iterates over (called twice: once to size the buffers).
    pub(crate) fn new<'a, I: Iterator<Item = (&'a str, &'a [u8])>>(headers: impl Fn() -> I) -> Headers {
        let (count, names_len, values_len) =
            headers().fold((0, 0, 0), |(c, n, v), (name, value)| (c + 1, n + name.len(), v + value.len()));
        let mut names = String::with_capacity(names_len);
        let mut values = Vec::with_capacity(values_len);
        let mut ends = Vec::with_capacity(count);
        for (name, value) in headers() {
            names.push_str(name);
            values.extend_from_slice(value);
            ends.push((names.len(), values.len()));
        }
        Headers { names: names.into(), values: values.into(), ends: ends.into() }
    }

    /// The first UTF-8 value of a header named `name` (in any case).
    pub(crate) fn value(&self, name: &str) -> Option<&str> {
        self.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)).find_map(|(_, value)| std::str::from_utf8(value).ok())
    }

    fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> + '_ {
        let mut start = (0, 0);
        self.ends.iter().map(move |&(name_end, value_end)| {
            let header = (&self.names[start.0..name_end], &self.values[start.1..value_end]);
            start = (name_end, value_end);
            header
        })
    }
}

/// One HTTP attempt as the mock received it (retries are separate requests).
///
/// Matchers and reply closures see it before it is answered; the journal hands out owned clones
/// with the [`Answer`] filled in.
#[derive(Clone)]
pub struct Request {
    pub(crate) index: usize,
    pub(crate) operation: Operation,
    pub(crate) method: http::Method,
    pub(crate) uri: String,
    pub(crate) headers: Headers,
    pub(crate) body: Bytes,
    /// The typed input parsed from the body when the request arrived, or why it could not be.
    pub(crate) input: Result<Input, InputError>,
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
    pub fn table_credentials_input(
        &self,
    ) -> Option<
        &aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsInput,
    > {
        self.input().and_then(Input::as_table_credentials)
    }

    /// The `GetTemporaryDataLocationCredentials` input, if this is one.
    pub fn data_location_input(
        &self,
    ) -> Option<
        &aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsInput,
    >{
        self.input().and_then(Input::as_data_location)
    }

    /// The `GetTemporaryGluePartitionCredentials` input, if this is one.
    pub fn partition_credentials_input(
        &self,
    ) -> Option<
        &aws_sdk_lakeformation::operation::get_temporary_glue_partition_credentials::GetTemporaryGluePartitionCredentialsInput,
    >{
        self.input().and_then(Input::as_partition_credentials)
    }

    /// The request's `AuditContext`, if it carried one: Lake Formation's or Glue's (see
    /// [`AuditContextRef`]).
    pub fn audit_context(&self) -> Option<AuditContextRef<'_>> {
        self.input().and_then(Input::audit_context)
    }

    /// The request's `QuerySessionContext`, if it carried one: a table-credentials request's or
    /// a Glue request's (see [`QuerySessionContextRef`]).
    pub fn query_session_context(&self) -> Option<QuerySessionContextRef<'_>> {
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

    /// Every request header as received, values as bytes: also a value that is not UTF-8 (which
    /// an HTTP client can send, and [`headers`](Self::headers) leaves out), in the order received.
    pub fn raw_headers(&self) -> impl Iterator<Item = (&str, &[u8])> + '_ {
        self.headers.iter()
    }

    /// The request headers (including the SigV4 `authorization` header), in the order received;
    /// a value that is not UTF-8 is left out (see [`raw_headers`](Self::raw_headers)).
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.raw_headers().filter_map(|(name, value)| Some((name, std::str::from_utf8(value).ok()?)))
    }

    /// The request headers as an `http::HeaderMap` (built on each call), every value included.
    pub fn header_map(&self) -> http::HeaderMap {
        self.raw_headers()
            .filter_map(|(name, value)| {
                Some((http::HeaderName::from_bytes(name.as_bytes()).ok()?, http::HeaderValue::from_bytes(value).ok()?))
            })
            .collect()
    }

    /// A header's value (the first, if repeated); names compare without case.
    pub fn header_value(&self, name: &str) -> Option<&str> {
        self.headers.value(name)
    }

    /// The raw request body.
    pub fn body_bytes(&self) -> &[u8] {
        &self.body
    }

    /// The body parsed as JSON, if it is JSON (the wire form of the input, with the service's
    /// field names; it holds no secret).
    pub fn body_json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(self.body_bytes()).ok()
    }

    /// The headers, with the values of `authorization` and `x-amz-security-token` replaced by
    /// `** redacted **`: safe to log or write to a file.
    ///
    /// Every header is listed; a value that is not UTF-8 is shown with `U+FFFD` in place of its
    /// invalid bytes.
    pub fn redacted_headers(&self) -> impl Iterator<Item = (&str, std::borrow::Cow<'_, str>)> + '_ {
        self.raw_headers().map(|(name, value)| {
            let shown = if is_secret_header(name) { redact::REDACTED.into() } else { String::from_utf8_lossy(value) };
            (name, shown)
        })
    }

    /// The URI with the values of SigV4 query parameters (`X-Amz-Signature`,
    /// `X-Amz-Security-Token`, `X-Amz-Credential`, as in a presigned URL) replaced by
    /// `** redacted **`: safe to log or write to a file.
    pub fn redacted_uri(&self) -> std::borrow::Cow<'_, str> {
        redact::uri(self.uri())
    }

    /// The access key id the request was signed with (the `Credential=` part of the SigV4
    /// `authorization` header).
    pub fn access_key_id(&self) -> Option<&str> {
        // `AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, ...`
        self.credential_scope()?.split('/').next().filter(|id| !id.is_empty())
    }

    /// The region the request was sent to: the region of its SigV4 credential scope
    /// (`Credential=AKID/20240101/eu-west-1/lakeformation/aws4_request`), else the region in the
    /// endpoint host (`lakeformation.eu-west-1.amazonaws.com`, `glue.eu-west-1.amazonaws.com`).
    /// `None` for an unsigned request to a host that names no region (a loopback server, say).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// // No rule answers: the request is only looked at.
    /// let mock = lakeformation_mock::MockLakeFormation::builder().region("eu-west-1").fail_on_unmatched(false).build();
    /// let _ = mock.client().get_temporary_glue_table_credentials().table_arn("arn:aws:glue:eu-west-1:123456789012:table/db/t").send().await;
    /// assert_eq!(mock.requests()[0].region_name(), Some("eu-west-1"));
    /// # }
    /// ```
    pub fn region_name(&self) -> Option<&str> {
        self.credential_scope().and_then(|scope| scope.split('/').nth(2)).or_else(|| region_of_host(self.uri()))
    }

    /// [`access_key_id`](Self::access_key_id) and [`region_name`](Self::region_name) from one
    /// read of the credential scope (the lake reads both for every call: ~1k instructions less
    /// than the two calls).
    pub(crate) fn access_key_id_and_region(&self) -> (Option<&str>, Option<&str>) {
        let mut parts = self.credential_scope().map(|scope| scope.split('/'));
        let key = parts.as_mut().and_then(Iterator::next).filter(|id| !id.is_empty());
        let region = parts.as_mut().and_then(|parts| parts.nth(1)).or_else(|| region_of_host(self.uri()));
        (key, region)
    }

    /// The SigV4 credential (`AKID/date/region/service/aws4_request`), from the `authorization`
    /// header or a presigned URL's `X-Amz-Credential`.
    fn credential_scope(&self) -> Option<&str> {
        crate::services::route::credential_scope(self.header_value("authorization"), self.uri())
    }

    /// What the mock answered.
    pub fn answer(&self) -> &Answer {
        &self.answer
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, std::borrow::Cow<'_, str>)> = self.redacted_headers().collect();
        f.debug_struct("Request")
            .field("index", &self.index)
            .field("operation", &self.operation)
            .field("input", &self.input)
            .field("method", &self.method)
            .field("uri", &self.redacted_uri())
            .field("region", &self.region_name())
            .field("headers", &headers)
            .field("answer", &self.answer)
            .finish()
    }
}

/// What the mock did with a request.
#[derive(Clone, Debug, Default)]
pub struct Answer {
    pub(crate) reply: Option<Reply>,
    pub(crate) source: Source,
    pub(crate) request_id: Option<String>,
    pub(crate) failure: Option<String>,
}

/// Where an answer came from.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use lakeformation_mock::{MockLakeFormation, Source};
///
/// let mock = MockLakeFormation::new();
/// // DurationSeconds below the model's 900: refused before any rule is consulted.
/// let _ = mock.client().get_temporary_glue_table_credentials()
///     .table_arn("arn:aws:glue:us-east-1:123456789012:table/db/t").duration_seconds(5).send().await;
/// assert_eq!(mock.requests()[0].answer().source(), &Source::Validation);
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Source {
    /// A rule answered (or was chosen, and its reply did not fit the request).
    Rule(RuleRef),
    /// The simulated lake answered.
    Lake,
    /// Input validation refused the request with `InvalidInputException` before any rule or
    /// lake saw it (see [`MockLakeFormationBuilder::validate_input`](crate::MockLakeFormationBuilder::validate_input)).
    Validation,
    /// Nothing answered: see [`Answer::failure`].
    #[default]
    Nothing,
    /// The mock's S3 (feature `s3`) answered, deciding by the lake's keys: see
    /// [`Answer::trace`] for why.
    #[cfg(feature = "s3")]
    #[cfg_attr(docsrs, doc(cfg(feature = "s3")))]
    S3,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Rule(rule) => match &rule.name {
                Some(name) => write!(f, "rule #{} `{name}`", rule.index),
                None => write!(f, "rule #{}", rule.index),
            },
            Source::Lake => f.write_str("the simulated lake"),
            Source::Validation => f.write_str("input validation"),
            Source::Nothing => f.write_str("nothing"),
            #[cfg(feature = "s3")]
            Source::S3 => f.write_str("the mock's S3"),
        }
    }
}

/// The rule that answered a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleRef {
    pub(crate) index: usize,
    pub(crate) name: Option<std::sync::Arc<str>>,
}

impl RuleRef {
    /// The rule's position in mounting order, from 0.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The rule's name, if it was given one with [`Rule::named`](crate::Rule::named).
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }
}

impl Answer {
    /// The reply sent, if one was (a modeled output or error, raw HTTP, or a fault).
    pub fn reply(&self) -> Option<&Reply> {
        self.reply.as_ref()
    }

    /// The rule that answered, if a rule did.
    pub fn rule(&self) -> Option<&RuleRef> {
        match &self.source {
            Source::Rule(rule) => Some(rule),
            _ => None,
        }
    }

    /// Where the answer came from: a rule, the simulated lake, input validation, or nothing.
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// The request id of this request: the `x-amzn-requestid` of the response sent, and the id
    /// an unanswered request's [`Unanswered`](crate::Unanswered) error carries.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Why the mock could not answer (no rule matched, malformed body, reply for the wrong
    /// operation...): the same text the SDK call failed with.
    pub fn failure(&self) -> Option<&str> {
        self.failure.as_deref()
    }

    /// Why the simulated lake answered as it did (credentials or a refusal), if it answered:
    /// the principal, the region check, the vending path, the grants, the registered location,
    /// the policy types (see [`Trace`](crate::lake::Trace)). `None` for other answers.
    pub fn trace(&self) -> Option<&crate::explain::trace::Trace> {
        self.reply.as_ref().and_then(Reply::trace)
    }

    /// Whether the request went unanswered.
    pub fn is_unanswered(&self) -> bool {
        self.failure.is_some()
    }

    /// The HTTP status sent, if an HTTP response was sent.
    pub fn status_code(&self) -> Option<u16> {
        if self.failure.is_some() {
            return None;
        }
        let reply = self.reply.as_ref()?;
        if let Some(e) = reply.service_error() {
            Some(e.status_code())
        } else if let Some(raw) = reply.raw_response() {
            Some(raw.status_code())
        } else if reply.fault().is_some() {
            None
        } else {
            Some(200)
        }
    }
}

/// The region named by a regional AWS endpoint host of Lake Formation or Glue
/// (`lakeformation.eu-west-1.amazonaws.com`, `lakeformation-fips.us-gov-west-1.amazonaws.com`,
/// `glue.eu-west-1.amazonaws.com`, `.amazonaws.com.cn`), if the URI has one.
fn region_of_host(uri: &str) -> Option<&str> {
    let authority = uri.split_once("://")?.1.split(['/', '?']).next()?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let host = host.split(':').next()?;
    let mut labels = host.split('.');
    let service = labels.next()?;
    let region = labels.next()?;
    let rest: Vec<&str> = labels.collect();
    let aws = matches!(rest.as_slice(), ["amazonaws", "com"] | ["amazonaws", "com", "cn"] | ["api", "aws"]);
    let ours = service.starts_with("lakeformation") || service == "glue" || service == "glue-fips";
    (ours && aws && !region.is_empty()).then_some(region)
}

#[cfg(test)]
mod tests {
    use super::region_of_host;

    #[test]
    fn regional_hosts_of_both_services_name_their_region() {
        for (uri, region) in [
            ("https://lakeformation.eu-west-1.amazonaws.com/GetTemporaryGlueTableCredentials", Some("eu-west-1")),
            ("https://lakeformation-fips.us-gov-west-1.amazonaws.com/", Some("us-gov-west-1")),
            ("https://glue.ap-south-1.amazonaws.com/", Some("ap-south-1")),
            ("https://glue-fips.us-east-2.amazonaws.com", Some("us-east-2")),
            ("https://glue.cn-north-1.amazonaws.com.cn/", Some("cn-north-1")),
            ("https://s3.eu-west-1.amazonaws.com/", None),
            ("http://127.0.0.1:8080/", None),
        ] {
            assert_eq!(region_of_host(uri), region, "{uri}");
        }
    }
}
