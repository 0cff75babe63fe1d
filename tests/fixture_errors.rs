//! A catalogue of broken fixtures: each load error names the file, the position, the JSON path,
//! what was expected and found, and a suggestion for a typo.

use lakeformation_mock::fixture::{FixtureError, Scenario};
use lakeformation_mock::MockLakeFormation;

fn load(name: &str) -> FixtureError {
    let path = format!("{}/tests/broken_fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let err = Scenario::from_path(&path).expect_err(name);
    let text = err.to_string();
    assert!(text.starts_with(&path), "{name}: the message names the file: {text}");
    assert!(text.contains(&format!(":{}:{}: at `{}`: ", err.line, err.column, err.json_path)), "{text}");
    err
}

/// (file, line, column, JSON path, text the message must contain, suggestion)
type Case = (&'static str, usize, usize, &'static str, &'static str, Option<&'static str>);

const CASES: &[Case] = &[
    ("bad_json.json", 5, 3, "rules[0]", "expected `,` or `}`", None),
    ("wrong_type.json", 5, 24, "rules[0].priority", "invalid type: string \"high\", expected u8", None),
    (
        "unknown_field.json",
        5,
        27,
        "rules[0].match.TabelArn",
        "unknown field `TabelArn`, expected one of",
        Some("TableArn"),
    ),
    (
        "misspelt_enum.json",
        6,
        80,
        "rules[0].responses[0].data_location_output.CredentialsScope",
        "unknown variant `READ_WRITE`, expected `READ` or `READWRITE`",
        Some("READWRITE"),
    ),
    (
        "bad_version.json",
        2,
        14,
        "version",
        "unsupported fixture version 2: this lakeformation-mock reads version 1",
        None,
    ),
    (
        "status_out_of_range.json",
        5,
        48,
        "rules[0].responses[0].http.status",
        "status 1000 is out of range: expected an HTTP status from 100 to 599",
        None,
    ),
    ("priority_out_of_range.json", 5, 21, "rules[0].priority", "invalid value: integer `300`, expected u8", None),
    (
        "two_replies.json",
        5,
        84,
        "rules[0].responses[0]",
        "a response has exactly one reply, found error and fault",
        None,
    ),
    (
        "misspelt_error_code.json",
        5,
        54,
        "rules[0].responses[0].error.code",
        "unknown variant `AccesDenied`, expected one of",
        Some("AccessDenied"),
    ),
    (
        "output_for_other_operation.json",
        8,
        3,
        "rules[0].responses[0].glue_table_output",
        "a glue_table_output cannot answer GetTemporaryDataLocationCredentials",
        None,
    ),
    (
        "empty_range.json",
        8,
        3,
        "rules[0].match.AnyOf[0].DurationSecondsRange",
        "min 3600 is above max 900, so no request could match",
        None,
    ),
    ("bad_lake.json", 7, 1, "lake", "account id `42` is not 12 digits", None),
];

#[test]
fn each_broken_fixture_gets_a_precise_error() {
    for &(name, line, column, json_path, message, suggestion) in CASES {
        let err = load(name);
        assert_eq!((err.line, err.column), (line, column), "{name}: {err}");
        assert_eq!(err.json_path, json_path, "{name}: {err}");
        assert!(err.message.contains(message), "{name}: {err}");
        assert_eq!(err.suggestion.as_deref(), suggestion, "{name}: {err}");
    }
}

#[test]
fn a_suggestion_is_part_of_the_message() {
    let err = load("unknown_field.json");
    assert!(err.to_string().ends_with("; did you mean `TableArn`?"), "{err}");
}

#[test]
fn a_missing_file_is_an_error_not_a_panic() {
    let err = MockLakeFormation::from_fixture("fixtures/does-not-exist.json").unwrap_err();
    assert!(err.to_string().starts_with("fixtures/does-not-exist.json:0:0: at `.`: cannot read the fixture:"), "{err}");
}

#[test]
fn trailing_content_and_empty_documents_are_rejected() {
    let err = Scenario::from_json_str("{\"version\": 1} {}").unwrap_err();
    assert!(err.message.contains("trailing characters"), "{err}");
    let err = Scenario::from_json_str("").unwrap_err();
    assert!(err.message.contains("EOF while parsing"), "{err}");
    let err = Scenario::from_json_str("{}").unwrap_err();
    assert_eq!(err.message, "missing field `version`");
}
