//! What the mock answers with: typed outputs, modeled errors, raw HTTP, connector faults, latency.

use crate::ErrorCode;
use crate::explain::trace::Trace;
use crate::services::Output;
use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::{
    GetTemporaryDataLocationCredentialsError, GetTemporaryDataLocationCredentialsOutput,
};
use aws_sdk_lakeformation::operation::get_temporary_glue_partition_credentials::{
    GetTemporaryGluePartitionCredentialsError, GetTemporaryGluePartitionCredentialsOutput,
};
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::{
    GetTemporaryGlueTableCredentialsError, GetTemporaryGlueTableCredentialsOutput,
};
use bytes::Bytes;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

mod checks;
mod fault;
mod raw;
mod service_error;

pub(crate) use checks::{
    content_length_problem, error_status_problem, header_name, header_problem, header_value_problem,
};
pub use fault::Fault;
pub use raw::RawResponse;
pub use service_error::ServiceError;

/// One answer to one request.
///
/// Build it from the SDK's own types with `From` (outputs and operation errors), or with the
/// constructors here. Cloning is cheap: the content is shared.
///
/// ```
/// use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsOutput;
/// use lakeformation_mock::{ErrorCode, Fault, RawResponse, Reply};
/// use std::time::Duration;
///
/// let ok = Reply::from(GetTemporaryGlueTableCredentialsOutput::builder().access_key_id("ASIAEXAMPLE").build());
/// let denied = Reply::error(ErrorCode::AccessDenied, "Access is not allowed.");
/// let slow = ok.clone().delayed(Duration::from_millis(200));
/// let raw = Reply::from(RawResponse::new(503).body("busy"));
/// let timeout = Reply::from(Fault::Timeout);
/// # let _ = (denied, slow, raw, timeout);
/// ```
#[derive(Clone)]
#[must_use = "a reply does nothing until a rule answers with it"]
pub struct Reply {
    pub(crate) inner: Arc<ReplyInner>,
    pub(crate) delay: Option<Duration>,
    /// `Expiration` this long after the moment the reply is sent (see [`Reply::expires_in`]).
    expires_in: Option<Duration>,
    /// Held until this gate opens (see [`Reply::held_by`]).
    pub(crate) gate: Option<crate::Gate>,
}

/// What a reply and its clones share (one reference count to touch per answer).
pub(crate) struct ReplyInner {
    pub(crate) kind: ReplyKind,
    /// Why the simulated lake answered so (set on the lake's replies only).
    pub(crate) trace: Option<Trace>,
}

pub(crate) enum ReplyKind {
    /// An output, with its JSON body encoded when the reply is made (see [`ReplyKind::output`]).
    Output(Output, Result<Bytes, String>),
    /// A Glue output, scripted or the simulated lake's (`src/glue/reply.rs`).
    #[cfg(feature = "glue")]
    Glue(crate::services::glue::GlueOutput),
    /// An STS output, scripted or the simulated lake's (`src/services/sts/output.rs`).
    #[cfg(feature = "sts")]
    Sts(crate::services::sts::StsOutput),
    Error(ServiceError),
    Http(RawResponse),
    Fault(Fault),
}

impl ReplyKind {
    /// An output reply, its body encoded now, so that a rule answering many requests encodes it
    /// once (see BENCHMARKS.md: about 10,000 instructions per answer, most of them serde_json
    /// scanning the session token for characters to escape). An output that cannot be encoded
    /// keeps the error for each answer.
    pub(crate) fn output(output: Output) -> ReplyKind {
        let body = output.body().map(Bytes::from);
        ReplyKind::Output(output, body)
    }
}

impl Reply {
    fn new(kind: ReplyKind) -> Self {
        Reply::traced(kind, None)
    }

    pub(crate) fn traced(kind: ReplyKind, trace: Option<Trace>) -> Self {
        Reply { inner: Arc::new(ReplyInner { kind, trace }), delay: None, expires_in: None, gate: None }
    }

    /// The simulated lake's answer, and why.
    pub(crate) fn traced_output(output: impl Into<Output>, trace: Trace) -> Self {
        Reply::traced(ReplyKind::output(output.into()), Some(trace))
    }

    /// The simulated lake's STS answer, and why (feature `sts`).
    #[cfg(feature = "sts")]
    pub(crate) fn traced_sts(output: crate::services::sts::StsOutput, trace: Trace) -> Self {
        Reply::traced(ReplyKind::Sts(output), Some(trace))
    }

    /// The simulated lake's refusal, and why.
    pub(crate) fn refused(error: ServiceError, trace: Trace) -> Self {
        Reply::traced(ReplyKind::Error(error), Some(trace))
    }

    /// Why the simulated lake answered so, if this is the lake's reply.
    pub(crate) fn trace(&self) -> Option<&Trace> {
        self.inner.trace.as_ref()
    }

    /// A modeled error with the code's status, `x-amzn-errortype` header and `{"Message": ..}` body.
    pub fn error(code: ErrorCode, message: impl Into<String>) -> Self {
        ServiceError::new(code, message).into()
    }

    /// A `ThrottlingException` (status 400), which the SDK's standard retry strategy retries.
    pub fn throttling() -> Self {
        Reply::error(ErrorCode::Throttling, "Rate exceeded")
    }

    /// Waits `delay` before answering. The wait uses the calling client's sleep (its
    /// `sleep_impl`; `mock.client()` sets Tokio's), so a test running under
    /// `tokio::time::pause()`, or a client with a test sleep, does not really wait. A delay
    /// longer than the client's read timeout ends in a timeout error, as a real connector's.
    pub fn delayed(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }

    /// The delay before this reply is sent, if any.
    pub fn delay(&self) -> Option<Duration> {
        self.delay
    }

    /// Holds the reply until `gate` opens (after any [`delayed`](Self::delayed) wait): the
    /// request is journaled when it arrives, its response goes out when the test calls
    /// [`Gate::open`](crate::Gate::open). See [`Gate`](crate::Gate).
    pub fn held_by(mut self, gate: &crate::Gate) -> Self {
        self.gate = Some(gate.clone());
        self
    }

    /// Makes a credentials output expire `duration` after the moment it is sent, read from the
    /// calling client's time source (as the simulated lake does), to the whole second as STS
    /// issues them: a refresh test needs no hard-coded epoch, and a client with a test clock
    /// controls it. The journal keeps the output as sent, with its `Expiration`. Fixture key:
    /// `expires_in_seconds`. When that time cannot be represented (a client clock near the end of
    /// time, or an enormous duration), the rule answers `InvalidInputException` saying why.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsOutput;
    /// use aws_smithy_async::test_util::ManualTimeSource;
    /// use aws_smithy_types::DateTime;
    /// use lakeformation_mock::{MockLakeFormation, Reply, Rule};
    /// use std::time::{Duration, UNIX_EPOCH};
    ///
    /// let mock = MockLakeFormation::new();
    /// let output = GetTemporaryGlueTableCredentialsOutput::builder().access_key_id("ASIAEXAMPLE").build();
    /// Rule::table_credentials().respond_with(Reply::from(output).expires_in(Duration::from_secs(600))).mount(&mock);
    ///
    /// let clock = ManualTimeSource::new(UNIX_EPOCH + Duration::from_millis(1_700_000_000_250));
    /// let client = aws_sdk_lakeformation::Client::from_conf(mock.config_builder().time_source(clock).build());
    /// let out = client.get_temporary_glue_table_credentials()
    ///     .table_arn("arn:aws:glue:us-east-1:123456789012:table/db/t").send().await.unwrap();
    /// assert_eq!(out.expiration(), Some(&DateTime::from_secs(1_700_000_600)));
    /// # }
    /// ```
    ///
    /// # Panics
    /// When the reply is not a credentials output (an error, raw HTTP or a fault has no
    /// `Expiration`).
    #[track_caller]
    pub fn expires_in(mut self, duration: Duration) -> Self {
        assert!(
            matches!(self.inner.kind, ReplyKind::Output(..)),
            "Reply::expires_in applies to a {} output, not to {self:?}",
            crate::services::names("or")
        );
        self.expires_in = Some(duration);
        self
    }

    /// How long after it is sent the output expires, if it was scripted with
    /// [`expires_in`](Self::expires_in).
    pub fn relative_expiration(&self) -> Option<Duration> {
        self.expires_in
    }

    /// The reply as sent at `now`: an output scripted with [`expires_in`](Self::expires_in)
    /// gets its `Expiration`, the whole second of `now` plus the duration. When no such time
    /// exists (a client clock near the end of time, or an enormous duration), the reply is an
    /// `InvalidInputException` that says why, as the simulated lake answers, instead of a panic
    /// inside the SDK's pipeline.
    pub(crate) fn sent_at(self, now: SystemTime) -> Reply {
        let Some(duration) = self.expires_in else { return self };
        let ReplyKind::Output(output, _) = &self.inner.kind else { return self };
        let reply = match whole_second(now).and_then(|whole| whole.checked_add(duration)) {
            Some(expiration) => {
                Reply::new(ReplyKind::output(output.expiring_at(aws_smithy_types::DateTime::from(expiration))))
            }
            None => Reply::error(ErrorCode::InvalidInput, unrepresentable_expiration(now, duration)),
        };
        Reply { delay: self.delay, gate: self.gate.clone(), ..reply }
    }

    /// The scripted table-credentials output, if this reply is one.
    pub fn table_credentials_output(&self) -> Option<&GetTemporaryGlueTableCredentialsOutput> {
        match &self.inner.kind {
            ReplyKind::Output(Output::GlueTable(output), _) => Some(output),
            _ => None,
        }
    }

    /// The scripted data-location output, if this reply is one.
    pub fn data_location_output(&self) -> Option<&GetTemporaryDataLocationCredentialsOutput> {
        match &self.inner.kind {
            ReplyKind::Output(Output::DataLocation(output), _) => Some(output),
            _ => None,
        }
    }

    /// The scripted partition-credentials output, if this reply is one.
    pub fn partition_credentials_output(&self) -> Option<&GetTemporaryGluePartitionCredentialsOutput> {
        match &self.inner.kind {
            ReplyKind::Output(Output::GluePartition(output), _) => Some(output),
            _ => None,
        }
    }

    /// The service error, if this reply is one.
    pub fn service_error(&self) -> Option<&ServiceError> {
        match &self.inner.kind {
            ReplyKind::Error(error) => Some(error),
            _ => None,
        }
    }

    /// The raw HTTP response, if this reply is one.
    pub fn raw_response(&self) -> Option<&RawResponse> {
        match &self.inner.kind {
            ReplyKind::Http(raw) => Some(raw),
            _ => None,
        }
    }

    /// The connector fault, if this reply is one.
    pub fn fault(&self) -> Option<&Fault> {
        match &self.inner.kind {
            ReplyKind::Fault(fault) => Some(fault),
            _ => None,
        }
    }
}

/// `time` truncated to the whole second at or before it, if that time exists.
fn whole_second(time: SystemTime) -> Option<SystemTime> {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => UNIX_EPOCH.checked_add(Duration::from_secs(after.as_secs())),
        Err(before) => {
            let before = before.duration();
            let seconds = before.as_secs().checked_add(u64::from(before.subsec_nanos() > 0))?;
            UNIX_EPOCH.checked_sub(Duration::from_secs(seconds))
        }
    }
}

/// Why an output scripted to expire `duration` after it is sent at `now` cannot be sent, in the
/// words the simulated lake uses for the same case (`src/lake/mod.rs`).
fn unrepresentable_expiration(now: SystemTime, duration: Duration) -> String {
    let clock = match now.duration_since(UNIX_EPOCH) {
        Ok(after) => format!("{} seconds after the epoch", after.as_secs()),
        Err(before) => format!("{} seconds before the epoch", before.duration().as_secs()),
    };
    format!(
        "The request's time is out of range: the calling client's clock reads {clock}, and the output scripted \
         with `Reply::expires_in({duration:?})` (fixture key `expires_in_seconds`) would expire at a time that \
         cannot be represented. Give the client a time source (`time_source`) near the present, or a shorter \
         duration."
    )
}

impl From<GetTemporaryGlueTableCredentialsOutput> for Reply {
    fn from(output: GetTemporaryGlueTableCredentialsOutput) -> Self {
        Reply::new(ReplyKind::output(Output::GlueTable(output)))
    }
}

impl From<GetTemporaryDataLocationCredentialsOutput> for Reply {
    fn from(output: GetTemporaryDataLocationCredentialsOutput) -> Self {
        Reply::new(ReplyKind::output(Output::DataLocation(output)))
    }
}

impl From<GetTemporaryGluePartitionCredentialsOutput> for Reply {
    fn from(output: GetTemporaryGluePartitionCredentialsOutput) -> Self {
        Reply::new(ReplyKind::output(Output::GluePartition(output)))
    }
}

impl From<ServiceError> for Reply {
    fn from(error: ServiceError) -> Self {
        Reply::new(ReplyKind::Error(error))
    }
}

impl From<RawResponse> for Reply {
    /// # Panics
    /// When the response's `content-length` header disagrees with its body (see
    /// [`RawResponse::header`]).
    #[track_caller]
    fn from(raw: RawResponse) -> Self {
        if let Some(problem) = content_length_problem(raw.headers(), raw.body_bytes().len()) {
            panic!("RawResponse: {problem}");
        }
        Reply::new(ReplyKind::Http(raw))
    }
}

impl From<Fault> for Reply {
    fn from(fault: Fault) -> Self {
        Reply::new(ReplyKind::Fault(fault))
    }
}

impl From<GetTemporaryGlueTableCredentialsError> for Reply {
    fn from(error: GetTemporaryGlueTableCredentialsError) -> Self {
        ServiceError::from(error).into()
    }
}

impl From<GetTemporaryDataLocationCredentialsError> for Reply {
    fn from(error: GetTemporaryDataLocationCredentialsError) -> Self {
        ServiceError::from(error).into()
    }
}

impl From<GetTemporaryGluePartitionCredentialsError> for Reply {
    fn from(error: GetTemporaryGluePartitionCredentialsError) -> Self {
        ServiceError::from(error).into()
    }
}

impl fmt::Debug for Reply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("Reply");
        match &self.inner.kind {
            ReplyKind::Output(output, _) => output.debug_fields(&mut s),
            ReplyKind::Error(e) => s.field("error", e),
            ReplyKind::Http(raw) => s.field("http", raw),
            ReplyKind::Fault(fault) => s.field("fault", fault),
            #[cfg(feature = "glue")] // glue: a Glue output holds no secret
            ReplyKind::Glue(output) => s.field("glue", output),
            #[cfg(feature = "sts")] // sts: its Debug redacts the secrets
            ReplyKind::Sts(output) => s.field("sts", output),
        };
        if let Some(delay) = self.delay {
            s.field("delay", &delay);
        }
        if let Some(trace) = &self.inner.trace {
            s.field("trace", trace);
        }
        s.finish()
    }
}

// Glue replies (feature `glue`): the SDK's Glue outputs and errors.

#[cfg(feature = "glue")]
impl From<aws_sdk_glue::operation::get_unfiltered_table_metadata::GetUnfilteredTableMetadataOutput> for Reply {
    fn from(output: aws_sdk_glue::operation::get_unfiltered_table_metadata::GetUnfilteredTableMetadataOutput) -> Self {
        Reply::traced(ReplyKind::Glue(crate::services::glue::GlueOutput::TableMetadata(Box::new(output))), None)
    }
}

#[cfg(feature = "glue")]
impl From<aws_sdk_glue::operation::get_unfiltered_partitions_metadata::GetUnfilteredPartitionsMetadataOutput>
    for Reply
{
    fn from(
        output: aws_sdk_glue::operation::get_unfiltered_partitions_metadata::GetUnfilteredPartitionsMetadataOutput,
    ) -> Self {
        Reply::traced(ReplyKind::Glue(crate::services::glue::GlueOutput::PartitionsMetadata(Box::new(output))), None)
    }
}

// STS replies (feature `sts`): the SDK's STS outputs, sent as STS's XML.

#[cfg(feature = "sts")]
impl From<aws_sdk_sts::operation::assume_role::AssumeRoleOutput> for Reply {
    /// A scripted `AssumeRole` answer (feature `sts`), sent as STS's XML.
    fn from(output: aws_sdk_sts::operation::assume_role::AssumeRoleOutput) -> Self {
        Reply::traced(ReplyKind::Sts(crate::services::sts::StsOutput::AssumeRole(output)), None)
    }
}

#[cfg(feature = "sts")]
impl From<aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityOutput> for Reply {
    /// A scripted `GetCallerIdentity` answer (feature `sts`), sent as STS's XML.
    fn from(output: aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityOutput) -> Self {
        Reply::traced(ReplyKind::Sts(crate::services::sts::StsOutput::GetCallerIdentity(output)), None)
    }
}

/// A Glue error's code and message, with Glue's status (500 for `InternalServiceException`).
#[cfg(feature = "glue")]
fn glue_error(code: Option<&str>, message: Option<&str>) -> Reply {
    let code = code.unwrap_or("InternalServiceException");
    let status = if code == "InternalServiceException" { 500 } else { 400 };
    ServiceError::custom(code, message.map(str::to_owned), status).into()
}

#[cfg(feature = "glue")]
impl From<aws_sdk_glue::operation::get_unfiltered_table_metadata::GetUnfilteredTableMetadataError> for Reply {
    /// The error as Glue sends it: its code (`EntityNotFoundException`...) and message, status
    /// 400 (500 for `InternalServiceException`).
    fn from(error: aws_sdk_glue::operation::get_unfiltered_table_metadata::GetUnfilteredTableMetadataError) -> Self {
        glue_error(
            aws_sdk_glue::error::ProvideErrorMetadata::code(&error),
            aws_sdk_glue::error::ProvideErrorMetadata::message(&error),
        )
    }
}

#[cfg(feature = "glue")]
impl From<aws_sdk_glue::operation::get_unfiltered_partitions_metadata::GetUnfilteredPartitionsMetadataError> for Reply {
    /// The error as Glue sends it (see the table-metadata error's conversion).
    fn from(
        error: aws_sdk_glue::operation::get_unfiltered_partitions_metadata::GetUnfilteredPartitionsMetadataError,
    ) -> Self {
        glue_error(
            aws_sdk_glue::error::ProvideErrorMetadata::code(&error),
            aws_sdk_glue::error::ProvideErrorMetadata::message(&error),
        )
    }
}

#[cfg(feature = "glue")]
impl Reply {
    /// The `GetUnfilteredTableMetadata` output, if this reply is one (feature `glue`).
    pub fn unfiltered_table_metadata_output(
        &self,
    ) -> Option<&aws_sdk_glue::operation::get_unfiltered_table_metadata::GetUnfilteredTableMetadataOutput> {
        match &self.inner.kind {
            ReplyKind::Glue(crate::services::glue::GlueOutput::TableMetadata(output)) => Some(output),
            _ => None,
        }
    }

    /// The `GetUnfilteredPartitionsMetadata` output, if this reply is one (feature `glue`).
    pub fn unfiltered_partitions_metadata_output(
        &self,
    ) -> Option<&aws_sdk_glue::operation::get_unfiltered_partitions_metadata::GetUnfilteredPartitionsMetadataOutput>
    {
        match &self.inner.kind {
            ReplyKind::Glue(crate::services::glue::GlueOutput::PartitionsMetadata(output)) => Some(output),
            _ => None,
        }
    }
}
