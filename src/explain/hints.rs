//! What the mock tells the user to do, in the language they script it in: Rust code for a mock
//! built in code and used in process, fixture JSON for a mock loaded from a fixture
//! ([`Scenario::mock`](crate::fixture::Scenario::mock), `MockLakeFormation::from_fixture`) and for
//! every request that reaches the mock over HTTP ([`MockServer`](crate::server::MockServer): its clients
//! speak JSON, whatever built the mock).
//!
//! Two kinds of hint: how to script an answer to a request no rule (nor lake) answered, and how
//! to change the simulated lake where it refuses a request for want of something the test
//! forgot to give it (a principal, a region).
//!
//! A leaf: it formats from plain data; the mock and the fixture module work out what to say.

use crate::Operation;

/// The language of the hints a mock gives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Language {
    /// Rust code: `Rule::table_credentials().respond_with(..)`, `Lake::builder().principal(..)`.
    #[default]
    Rust,
    /// Fixture JSON: `{"operation": .., "match": .., "responses": [..]}`, `"Principals": [..]`.
    Fixture,
}

/// How to answer a request of `operation` in Rust.
pub(crate) fn how_to_script(operation: &Operation) -> String {
    #[cfg(feature = "glue")]
    if let Operation::Glue(operation) = operation {
        return crate::services::glue::how_to_script(*operation);
    }
    #[cfg(feature = "sts")]
    if let Operation::Sts(operation) = operation {
        return crate::services::sts::how_to_script(*operation);
    }
    match crate::services::find(operation) {
        Some(m) => format!("{}.respond_with({}::builder()...build()).mount(&mock)", m.rule, m.output_type),
        None => format!(
            "Rule::for_operation(Operation::Other(\"{}\".into())).respond_with(RawResponse::new(200).json(..)).mount(&mock)",
            operation.name()
        ),
    }
}

/// Why nobody answered a request, and how to fix it: `what` (the first line, e.g. no rule
/// matched), the closest rule with its differences and whether its replies are used up, and
/// `how_to_answer` (Rust or fixture JSON, in the mock's language).
#[cold]
pub(crate) fn unanswered_message(
    what: String,
    closest: Option<(String, Vec<String>, bool)>,
    how_to_answer: &str,
) -> String {
    let mut message = what;
    if let Some((rule, misses, exhausted)) = closest {
        message.push_str(&format!("\n  closest rule: {rule}"));
        if exhausted {
            message.push_str(" (its sequence of replies is used up)");
        }
        for miss in misses {
            message.push_str(&format!("\n    {miss}"));
        }
    }
    message.push_str(&format!("\n  to answer it, {how_to_answer}"));
    message
}

/// How to make the lake know the caller signing with `access_key_id`.
pub(crate) fn add_principal(language: Language, access_key_id: &str, account_id: &str) -> String {
    match language {
        Language::Rust => format!("add one with Lake::builder().principal(Principal::new(\"{access_key_id}\", arn))"),
        Language::Fixture => format!(
            "add one to the lake's \"Principals\": [{{\"AccessKeyId\": \"{access_key_id}\", \"Arn\": \
             \"arn:aws:iam::{account_id}:role/NAME\"}}] (and grant it what it needs in \"Grants\")"
        ),
    }
}

/// How to register `uri` (a bucket's root, say) with the lake.
pub(crate) fn register_location(language: Language, uri: &str) -> String {
    match language {
        Language::Rust => format!("register it with Lake::builder().register_location(\"{uri}\")"),
        Language::Fixture => format!("register it in the lake's \"Locations\": [{{\"Uri\": \"{uri}\"}}]"),
    }
}

/// How to send a request to the lake's region, or put the lake in the request's.
pub(crate) fn same_region(language: Language, request_region: &str, lake_region: &str) -> String {
    match language {
        Language::Rust => format!(
            "configure the client for region {lake_region} (MockLakeFormation::builder().region(\"{lake_region}\")), \
             or build the lake in region {request_region} (Lake::builder().region(\"{request_region}\"))"
        ),
        Language::Fixture => format!(
            "configure the client for region {lake_region} (its own region setting, e.g. AWS_REGION={lake_region}; \
             for the clients a fixture's mock builds, \"settings\": {{\"region\": \"{lake_region}\"}}), or put the \
             lake in region {request_region} (\"lake\": {{\"Region\": \"{request_region}\"}})"
        ),
    }
}

/// A lake behavior setting, by the name the user sets it with.
pub(crate) fn behavior_setting(language: Language, rust: &str, fixture_key: &str) -> String {
    match language {
        Language::Rust => format!("Behavior::{rust}"),
        Language::Fixture => format!("the lake's Behavior key {fixture_key}"),
    }
}

/// How to answer an STS `action` the mock does not (feature `sts`): a rule for its operation in
/// Rust, a raw-response rule in fixture JSON.
#[cfg(feature = "sts")]
pub(crate) fn sts_action_fix(language: Language, action: &str) -> String {
    let prefix = crate::services::sts::OTHER_PREFIX;
    match language {
        Language::Rust => {
            format!("script another with Rule::for_operation(Operation::Other(\"{prefix}{action}\".into()))")
        }
        Language::Fixture => format!(
            "answer another with a raw response: {{\"operation\": \"*\", \"responses\": [{{\"http\": {{\"status\": \
             200, \"headers\": {{\"content-type\": \"text/xml\"}}, \"body\": \"<{action}Response>...</{action}Response>\"}}}}]}}"
        ),
    }
}
