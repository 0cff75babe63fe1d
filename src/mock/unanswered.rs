//! A request nobody answered: the [`Unanswered`] error its SDK call fails with, why
//! ([`UnansweredKind`]), and the wording of its explanation (what went wrong, the closest rule,
//! how to script an answer).

use crate::Request;
use crate::explain::hints::Language;
use crate::mock::state::Inner;
use aws_smithy_runtime_api::client::result::ConnectorError;

/// The error an SDK call fails with when the mock cannot answer it: no rule matched, the body is
/// malformed, or a reply does not fit the request. It reaches the caller as
/// `SdkError::DispatchFailure`, whose source is this error. The request also fails verification
/// with the same explanation (unless
/// [`fail_on_unmatched(false)`](crate::MockLakeFormationBuilder::fail_on_unmatched)), so code
/// that retries or swallows the error cannot hide it.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use lakeformation_mock::{MockLakeFormation, Unanswered};
///
/// // This test leaves the request unanswered on purpose: it reads the error.
/// let mock = MockLakeFormation::builder().fail_on_unmatched(false).build();
/// let err = mock.client().get_temporary_glue_table_credentials()
///     .table_arn("arn:aws:glue:us-east-1:123456789012:table/db/t").send().await.unwrap_err();
/// let unanswered = std::error::Error::source(&err)
///     .and_then(|e| e.source())
///     .and_then(|e| e.downcast_ref::<Unanswered>())
///     .expect("a dispatch failure caused by Unanswered");
/// // The same id as the journal's entry for the request.
/// assert_eq!(Some(unanswered.request_id()), mock.requests()[0].answer().request_id());
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
#[non_exhaustive]
pub struct Unanswered {
    /// The full explanation, with how to script an answer.
    pub message: String,
    pub(crate) request_id: String,
    pub(crate) reason: UnansweredKind,
}

/// Why a request went unanswered: see [`Unanswered::kind`]. The loopback server answers each
/// with its own status (`Malformed` 400, `NoMatch` 404, `InvalidReply` 400, `Panicked` 500).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum UnansweredKind {
    /// The body (or the method) is not what the operation takes.
    Malformed,
    /// No rule matched, and no lake answers this operation.
    NoMatch,
    /// The reply chosen does not fit the request.
    InvalidReply,
    /// A user closure of a rule panicked.
    Panicked,
}

impl Unanswered {
    pub(super) fn error(message: &str, request_id: &str, reason: UnansweredKind) -> ConnectorError {
        let unanswered = Unanswered { message: message.to_owned(), request_id: request_id.to_owned(), reason };
        ConnectorError::other(Box::new(unanswered), None)
    }

    /// Why the request went unanswered.
    pub fn kind(&self) -> UnansweredKind {
        self.reason
    }

    /// The id the mock gave the request (what [`Answer::request_id`](crate::Answer::request_id) shows in the journal), to
    /// find it there.
    pub fn request_id(&self) -> &str {
        &self.request_id
    }
}

/// Why nobody answered `request`, and how to fix it, in `language`.
#[cold]
pub(crate) fn unanswered_message(inner: &Inner, request: &Request, language: Language) -> String {
    let operation = request.operation();
    let what = match request.input_error() {
        Some(crate::InputError::UnsupportedOperation(_)) => format!(
            "lakeformation-mock: no rule answers {} {} : `{operation}` is not an operation the mock models \
             (it answers {}).",
            request.method(),
            request.uri(),
            crate::services::served_names("and")
        ),
        Some(error) => format!("lakeformation-mock: {error}."),
        None => format!("lakeformation-mock: no rule matched this {operation} request."),
    };
    let rules = inner.rules().snapshot();
    let closest = crate::script::rule_set::closest(&rules, request).map(|(rule, misses, exhausted)| {
        (rule.to_string(), misses.into_iter().map(|miss| miss.to_string()).collect(), exhausted)
    });
    let how_to_answer = match language {
        Language::Rust => format!("mount a rule: {}", crate::explain::hints::how_to_script(operation)),
        Language::Fixture => crate::fixture::hint::how_to_answer(request),
    };
    crate::explain::hints::unanswered_message(what, closest, &how_to_answer)
}
