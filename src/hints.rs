//! What the mock tells the user to do, in the language they script it in: Rust code for a mock
//! built in code and used in process, fixture JSON for a mock loaded from a fixture
//! ([`Scenario::mock`](crate::fixture::Scenario::mock), `MockLakeFormation::from_fixture`) and for
//! every request that reaches the mock over HTTP ([`MockServer`](crate::server::MockServer): its clients
//! speak JSON, whatever built the mock).
//!
//! Two kinds of hint: how to script an answer to a request no rule (nor lake) answered, and how
//! to change the simulated lake where it refuses a request for want of something the test
//! forgot to give it (a principal, a region).

use crate::fixture::spec::{
    CredentialsSpec, DataLocationOutputSpec, GlueTableOutputSpec, HttpSpec, MatchSpec, OperationSpec, ResponseSpec,
    RuleSpec, ScopeName, Status,
};
use crate::mock::Inner;
use crate::wire::InputError;
use crate::{Input, MockBuilder, Operation, Request};

/// The language of the hints a mock gives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Language {
    /// Rust code: `Rule::glue_table().respond_with(..)`, `Lake::builder().principal(..)`.
    #[default]
    Rust,
    /// Fixture JSON: `{"operation": .., "match": .., "responses": [..]}`, `"Principals": [..]`.
    Fixture,
}

impl MockBuilder {
    /// The language of the mock's hints (default Rust; the fixture loaders set
    /// [`Language::Fixture`]).
    pub(crate) fn hint_language(mut self, language: Language) -> Self {
        self.settings.hint_language = language;
        self
    }
}

fn how_to_script(operation: &Operation) -> String {
    match operation {
        Operation::GetTemporaryGlueTableCredentials => "Rule::glue_table().respond_with(GetTemporaryGlueTableCredentialsOutput::builder()...build()).mount(&mock)".into(),
        Operation::GetTemporaryDataLocationCredentials => "Rule::data_location().respond_with(GetTemporaryDataLocationCredentialsOutput::builder()...build()).mount(&mock)".into(),
        Operation::Other(name) => format!("Rule::for_operation(Operation::Other(\"{name}\".into())).respond_with(RawResponse::new(200).json(..)).mount(&mock)"),
        #[cfg(feature = "glue")] // glue:
        Operation::Glue(operation) => crate::glue::how_to_script(*operation),
    }
}

/// Example credentials for a scripted output (not secrets: they only have to look like keys).
fn example_credentials() -> (Option<String>, Option<String>, Option<String>) {
    (Some("ASIAMOCKEXAMPLE00001".into()), Some("example-secret-not-real".into()), Some("example-token-not-real".into()))
}

/// The fixture rule that answers `request`: its operation, a `match` on what names its resource
/// (`TableArn`, or `DataLocations`) and an output that answers every such request, with
/// credentials that expire an hour after each answer.
pub(crate) fn fixture_rule(request: &Request) -> RuleSpec {
    let (access_key_id, secret_access_key, session_token) = example_credentials();
    let answers = |response: ResponseSpec| ResponseSpec { repeat: true, ..response };
    let outputs = ResponseSpec { expires_in_seconds: Some(3600), ..ResponseSpec::default() };
    let (operation, matches, response) = match (request.operation(), request.input()) {
        (Operation::GetTemporaryGlueTableCredentials, input) => {
            let table_arn = match input {
                Some(Input::GlueTable(input)) => input.table_arn().map(str::to_owned),
                _ => None,
            };
            let output = GlueTableOutputSpec { access_key_id, secret_access_key, session_token, ..Default::default() };
            (
                OperationSpec::GetTemporaryGlueTableCredentials,
                table_arn.map(|arn| MatchSpec { table_arn: Some(arn), ..MatchSpec::default() }),
                ResponseSpec { glue_table_output: Some(output), ..outputs },
            )
        }
        (Operation::GetTemporaryDataLocationCredentials, input) => {
            let input = match input {
                Some(Input::DataLocation(input)) => Some(input),
                _ => None,
            };
            let locations = input.map(|i| i.data_locations().to_vec()).filter(|l| !l.is_empty());
            let scope = input
                .and_then(|i| i.credentials_scope())
                .and_then(|s| ScopeName::ALL.iter().copied().find(|n| n.as_str() == s.as_str()));
            let credentials = CredentialsSpec { access_key_id, secret_access_key, session_token, expiration: None };
            let output = DataLocationOutputSpec {
                credentials: Some(credentials),
                accessible_data_locations: locations.clone(),
                credentials_scope: scope,
            };
            (
                OperationSpec::GetTemporaryDataLocationCredentials,
                locations.map(|l| MatchSpec { data_locations: Some(l), ..MatchSpec::default() }),
                ResponseSpec { data_location_output: Some(output), ..outputs },
            )
        }
        // glue: `_`, not `Operation::Other(_)`: a Glue operation is answered by a raw response too
        _ => {
            let http = HttpSpec { status: Status(200), body: "{}".into(), ..HttpSpec::default() };
            (OperationSpec::Any, None, ResponseSpec { http: Some(http), ..ResponseSpec::default() })
        }
    };
    RuleSpec { operation: Some(operation), matches, responses: vec![answers(response)], ..RuleSpec::default() }
}

/// Writes JSON on one line with a space after each `:` and `,`, as people write it in prose.
struct Spaced;

impl serde_json::ser::Formatter for Spaced {
    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, writer: &mut W, first: bool) -> std::io::Result<()> {
        if first { Ok(()) } else { writer.write_all(b", ") }
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, writer: &mut W, first: bool) -> std::io::Result<()> {
        self.begin_array_value(writer, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        writer.write_all(b": ")
    }
}

/// `value` as one line of JSON, spaced for reading.
pub(crate) fn one_line(value: &impl serde::Serialize) -> String {
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, Spaced);
    value.serialize(&mut serializer).expect("a fixture value always serializes");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// How to answer `request`, in `language`.
fn how_to_answer(request: &Request, language: Language) -> String {
    match language {
        Language::Rust => format!("mount a rule: {}", how_to_script(request.operation())),
        Language::Fixture => {
            let rule = one_line(&fixture_rule(request));
            match request.operation() {
                // glue: the modeled Lake Formation operations first, so that a Glue one gets the `*` rule
                Operation::GetTemporaryGlueTableCredentials | Operation::GetTemporaryDataLocationCredentials => {
                    format!("add this rule to the fixture's \"rules\": {rule}")
                }
                _ => format!(
                    "add this rule to the fixture's \"rules\" (an \"operation\": \"*\" rule answers every request \
                     that no rule before it answers, before any lake does): {rule}"
                ),
            }
        }
    }
}

/// Why nobody answered, and how to fix it, in `language`.
#[cold]
pub(crate) fn unanswered_message(inner: &Inner, request: &Request, language: Language) -> String {
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
    message.push_str(&format!("\n  to answer it, {}", how_to_answer(request, language)));
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
