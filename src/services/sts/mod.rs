//! AWS STS's `AssumeRole` and `GetCallerIdentity` (feature `sts`): routing by the form body's
//! `Action`, their awsQuery wire format (form-encoded requests in [`form`], XML answers and
//! `<ErrorResponse>` errors in [`xml`]), their validation, and STS's answers to the services'
//! registry ([`Sts`]). The public types are re-exported from [`crate::sts`].

mod form;
mod output;
pub mod public;
#[cfg(feature = "server")]
pub(crate) mod server;
mod validation;
mod xml;

use crate::services::input_error::InputError;
use crate::services::operation::StsOperation;
use crate::services::service_model::ServiceModel;
use crate::{ErrorCode, Input, Operation, ServiceError};

pub(crate) use output::StsOutput;
pub(crate) use xml::{CONTENT_TYPE, error_body, output_body};

/// The prefix of an STS action the mock does not answer, as [`Operation::Other`] names it
/// (`sts:GetSessionToken`), so that the journal tells it from a Lake Formation path.
pub(crate) const OTHER_PREFIX: &str = "sts:";

/// The STS operations the mock answers, in the order messages list them.
pub(crate) const OPERATIONS: &[StsOperation] = &[StsOperation::AssumeRole, StsOperation::GetCallerIdentity];

/// The operation an STS request's form body names with `Action=`: an action the mock does not
/// answer is `Operation::Other("sts:<Action>")`, a body with no `Action` `Operation::Other("sts:")`.
/// Called by [`crate::services::route`] once it knows the request is STS's.
pub(crate) fn route(body: Option<&[u8]>) -> Operation {
    let action = body.and_then(form::action).unwrap_or_default();
    match StsOperation::from_name(&action) {
        Some(operation) => Operation::Sts(operation),
        None => Operation::Other(format!("{OTHER_PREFIX}{action}")),
    }
}

/// Whether a request of `operation` is answered in STS's wire format: an STS operation, or an
/// STS action the mock does not answer.
pub(crate) fn is_sts(operation: &Operation) -> bool {
    match operation {
        Operation::Sts(_) => true,
        Operation::Other(name) => name.starts_with(OTHER_PREFIX),
        _ => false,
    }
}

/// What STS answers a request whose action nothing answers: `MissingAction` for a body with
/// no `Action`, `InvalidAction` (400) for an action the mock does not answer, naming the ones
/// it does and how to answer it (`fix` of the action, in the user's terms). `None` for a request that is not STS's.
pub(crate) fn unanswered_action(operation: &Operation, fix: impl FnOnce(&str) -> String) -> Option<ServiceError> {
    let Operation::Other(name) = operation else { return None };
    let action = name.strip_prefix(OTHER_PREFIX)?;
    let answered = OPERATIONS.iter().map(|o| o.name()).collect::<Vec<_>>().join(" and ");
    let error = if action.is_empty() {
        ServiceError::custom(
            "MissingAction",
            Some(format!(
                "Missing Action: the form body names no Action; send Action={answered} (what lakeformation-mock answers)."
            )),
            400,
        )
    } else {
        ServiceError::custom(
            "InvalidAction",
            Some(format!(
                "Could not find operation {action} for version 2011-06-15: lakeformation-mock answers the STS actions \
                 {answered}; {}.",
                fix(action)
            )),
            400,
        )
    };
    Some(error)
}

/// What input validation sends for an STS request: `ValidationError` (400), STS's code for a
/// value outside its model's constraints.
pub(crate) fn invalid_error(message: String) -> ServiceError {
    ServiceError::custom("ValidationError", Some(message), 400)
}

/// AWS STS, as the services' registry sees it: its [`OPERATIONS`]. Its errors are STS's own
/// codes (`AccessDenied`, `ValidationError`...), which [`ErrorCode`] does not name.
pub(crate) struct Sts;

impl ServiceModel for Sts {
    fn operations(&self) -> Vec<Operation> {
        OPERATIONS.iter().map(|operation| Operation::Sts(*operation)).collect()
    }

    fn errors(&self, operation: &Operation) -> Option<&'static [ErrorCode]> {
        matches!(operation, Operation::Sts(_)).then_some(&[])
    }

    fn parse_input(&self, operation: &Operation, body: &[u8]) -> Option<Result<Input, InputError>> {
        let Operation::Sts(operation) = operation else { return None };
        Some(form::parse_input(*operation, body).map(Input::Sts))
    }

    fn validate(&self, input: &Input, _body: &[u8]) -> Option<Result<(), String>> {
        let Input::Sts(input) = input else { return None };
        Some(validation::validate(input))
    }
}

/// How to script an answer to `operation`, in Rust.
pub(crate) fn how_to_script(operation: StsOperation) -> String {
    format!(
        "Rule::for_operation(Operation::Sts(StsOperation::{operation})).respond_with({operation}Output::builder()...build()).mount(&mock), \
         or mount a lake with the role and the caller (Lake::builder().role(Role::new(\"arn:aws:iam::<account>:role/<name>\")\
         .trusts(\"<caller ARN>\")).principal(Principal::new(\"<access key id>\", \"<caller ARN>\")))"
    )
}

/// How to answer `operation` in a fixture: its lake's `Roles` and `Principals` (fixture rules
/// have no STS output; a raw `http` response answers any request).
pub(crate) fn how_to_answer_in_fixture(operation: StsOperation) -> String {
    format!(
        "give the fixture's lake the role and the caller: \"Roles\": [{{\"Arn\": \"arn:aws:iam::<account>:role/<name>\", \
         \"TrustedPrincipals\": [\"<caller ARN>\"]}}], \"Principals\": [{{\"AccessKeyId\": \"<access key id>\", \"Arn\": \
         \"<caller ARN>\"}}] (the lake answers {operation}), or answer it with a raw response: {{\"operation\": \"*\", \
         \"responses\": [{{\"http\": {{\"status\": 200, \"headers\": {{\"content-type\": \"text/xml\"}}, \"body\": \
         \"<{operation}Response>...</{operation}Response>\"}}}}]}}"
    )
}
