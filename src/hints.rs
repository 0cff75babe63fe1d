//! What the mock tells the user to do when it cannot answer: how to script the answer.

use crate::mock::Inner;
use crate::wire::InputError;
use crate::{Operation, Request};

fn how_to_script(operation: &Operation) -> String {
    match operation {
        Operation::GetTemporaryGlueTableCredentials => "Rule::glue_table().respond_with(GetTemporaryGlueTableCredentialsOutput::builder()...build()).mount(&mock)".into(),
        Operation::GetTemporaryDataLocationCredentials => "Rule::data_location().respond_with(GetTemporaryDataLocationCredentialsOutput::builder()...build()).mount(&mock)".into(),
        Operation::Other(name) => format!("Rule::for_operation(Operation::Other(\"{name}\".into())).respond_with(RawResponse::new(200).json(..)).mount(&mock)"),
    }
}

/// Why nobody answered, and how to fix it.
#[cold]
pub(crate) fn unanswered_message(inner: &Inner, request: &Request) -> String {
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
    let rules = inner.rules().snapshot();
    if let Some((rule, misses, exhausted)) = crate::rule_set::closest(&rules, request) {
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
