//! A catalogue of broken fixtures: each load error names the file, the position, the JSON path,
//! what was expected and found, and a suggestion for a typo.

use lakeformation_mock::MockLakeFormation;
use lakeformation_mock::fixture::{FixtureError, Scenario};

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
        "status 1000 is out of range: expected a final HTTP status from 200 to 599",
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
        "rules[0].responses[0].table_credentials_output",
        "a table_credentials_output cannot answer GetTemporaryDataLocationCredentials",
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
    // Fixtures that load as JSON but could never work.
    (
        "bad_header_name.json",
        5,
        80,
        "rules[0].responses[0].http.headers.retry after",
        "`retry after` is not a valid HTTP header name",
        None,
    ),
    (
        "bad_header_value_in_match.json",
        5,
        49,
        "rules[0].match.Headers.x-trace",
        "the value \"a\\nb\" of header `x-trace` is not a valid HTTP header value (no line breaks",
        None,
    ),
    (
        "error_with_success_status.json",
        5,
        81,
        "rules[0].responses[0].error.status",
        "200 is not an error status (400 to 599), which a service error needs; for a response with another status use `\"http\": {\"status\": 200}`",
        None,
    ),
    (
        "access_denied_status_not_an_error.json",
        6,
        45,
        "lake.Behavior.AccessDeniedStatus",
        "302 is not an error status (400 to 599)",
        None,
    ),
    (
        "expect_more_than_answers.json",
        8,
        3,
        "rules[0].expect",
        "the rule expects at least 4 calls, but its responses answer 3 at most and then it stops matching: add `\"repeat\": true`",
        None,
    ),
    ("zero_delay.json", 5, 52, "rules[0].responses[0].delay_ms", "delay_ms 0 waits for nothing: remove the key", None),
    (
        "negative_duration.json",
        6,
        49,
        "lake.Behavior.DefaultDurationSeconds",
        "-60 seconds is no duration: give a positive number of seconds",
        None,
    ),
    (
        "table_max_duration_below_900.json",
        6,
        50,
        "lake.Behavior.TableMaxDurationSeconds",
        "a largest duration of 600 seconds is below 900, the smallest a request may ask for",
        None,
    ),
    (
        "field_of_other_operation.json",
        9,
        3,
        "rules[0].match.TableArn",
        "only GetTemporaryGlueTableCredentials or GetTemporaryGluePartitionCredentials requests have TableArn, and this rule answers GetTemporaryDataLocationCredentials",
        None,
    ),
    (
        "present_field_of_other_operation.json",
        9,
        3,
        "rules[0].match.AnyOf[1].Present[1]",
        "only GetTemporaryDataLocationCredentials requests have CredentialsScope, and this rule answers GetTemporaryGlueTableCredentials",
        None,
    ),
    (
        "duplicate_header.json",
        5,
        100,
        "rules[0].responses[0].http.headers.retry-after",
        "the key `retry-after` is given twice: JSON keeps only the last value",
        None,
    ),
    (
        "duplicate_context_key.json",
        5,
        78,
        "rules[0].match.AdditionalContext.engine",
        "the key `engine` is given twice",
        None,
    ),
    ("bad_base64.json", 5, 77, "rules[0].responses[0].http.body_base64", "body_base64 is not base64", None),
    (
        "body_twice.json",
        5,
        93,
        "rules[0].responses[0].http.body_base64",
        "give the body once: `body` for text, or `body_base64` for bytes that are not UTF-8",
        None,
    ),
    (
        "content_length_mismatch.json",
        5,
        106,
        "rules[0].responses[0].http.headers.content-length",
        "the `content-length` header says 10 bytes, but the body has 5",
        None,
    ),
    (
        "informational_status.json",
        5,
        45,
        "rules[0].responses[0].http.status",
        "status 101 is informational (1xx)",
        None,
    ),
    ("duplicate_expect_key.json", 6, 33, "rules[0].expect.min", "the key `min` is given twice", None),
    (
        "duplicate_session_tag.json",
        8,
        110,
        "lake.Principals[0].SessionTags.LakeFormationAuthorizedCaller",
        "the key `LakeFormationAuthorizedCaller` is given twice",
        None,
    ),
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
    // The I/O error is kept as the error's source.
    assert_eq!(err.io_error().map(std::io::Error::kind), Some(std::io::ErrorKind::NotFound));
    let source = std::error::Error::source(&err).expect("a source");
    assert!(
        source.downcast_ref::<std::sync::Arc<std::io::Error>>().is_some() || source.is::<std::io::Error>(),
        "{source:?}"
    );
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

#[test]
fn responses_used_the_most_times_a_count_allows_load_without_overflow() {
    // Two replies of `times` u64::MAX answer more calls than a u64 counts: the loader must not
    // overflow adding them up (it panicked in debug builds), and any `expect` fits.
    let max = u64::MAX;
    let text = format!(
        r#"{{"version": 1, "rules": [{{"responses": [{{"fault": "io", "times": {max}}}, {{"fault": "timeout", "times": {max}}}],
            "expect": {max}}}]}}"#
    );
    let scenario = Scenario::from_json_str(&text).unwrap();
    assert_eq!(scenario.rule_count(), 1);
}

#[test]
fn a_rule_expecting_more_calls_than_its_responses_answer_is_refused() {
    let err = Scenario::from_json_str(r#"{"version": 1, "rules": [{"responses": [{"fault": "io"}], "expect": 2}]}"#)
        .unwrap_err();
    assert_eq!(err.json_path, "rules[0].expect");
    assert!(err.message.starts_with("the rule expects at least 2 calls, but its responses answer 1 at most"), "{err}");
}

#[test]
#[should_panic(expected = "RawResponse::new(700): 700 is not an HTTP status (100 to 599)")]
fn a_raw_response_with_no_http_status_is_refused_where_it_is_scripted() {
    let _ = lakeformation_mock::RawResponse::new(700);
}

#[test]
#[should_panic(expected = "RawResponse::header: `retry after` is not a valid HTTP header name")]
fn a_raw_response_header_with_an_invalid_name_is_refused_where_it_is_scripted() {
    let _ = lakeformation_mock::RawResponse::new(503).header("retry after", "1");
}

#[test]
#[should_panic(
    expected = "ServiceError::status(200): 200 is not an error status (400 to 599), which a service error needs; script any other status with `RawResponse::new(200)`"
)]
fn a_service_error_with_a_success_status_is_refused_where_it_is_scripted() {
    use lakeformation_mock::{ErrorCode, ServiceError};
    let _ = ServiceError::new(ErrorCode::AccessDenied, "no").status(200);
}

#[test]
fn a_lake_built_in_code_refuses_the_same_behaviour_settings() {
    use lakeformation_mock::lake::{Behavior, Lake};
    let err = Lake::builder()
        .behavior(Behavior::default().access_denied_status(302).table_max_duration_seconds(600))
        .try_build()
        .unwrap_err();
    assert_eq!(
        err.problems,
        [
            "Behavior.TableMaxDurationSeconds: a largest duration of 600 seconds is below 900, the smallest a request may ask for, so every request with `DurationSeconds` would be refused: give 900 or more",
            "Behavior.AccessDeniedStatus: 302 is not an error status (400 to 599), which a service error needs",
        ]
    );
}

#[test]
#[should_panic(expected = "RawResponse::new(101): 101 is informational (1xx)")]
fn a_raw_response_with_an_informational_status_is_refused_where_it_is_scripted() {
    let _ = lakeformation_mock::RawResponse::new(101);
}

#[test]
#[should_panic(expected = "RawResponse::body: the `content-length` header says 10 bytes, but the body has 5")]
fn a_raw_response_whose_content_length_disagrees_with_its_body_is_refused_where_it_is_scripted() {
    let _ = lakeformation_mock::RawResponse::new(200).header("content-length", "10").body("short");
}

#[test]
#[should_panic(expected = "RawResponse::header: the `content-length` header says 3 bytes, but the body has 5")]
fn a_content_length_set_after_the_body_is_checked_against_it() {
    let _ = lakeformation_mock::RawResponse::new(200).body("short").header("Content-Length", "3");
}

#[test]
#[should_panic(expected = "the `content-length` header says 7 bytes, but the body has 0")]
fn a_content_length_without_the_body_it_announces_is_refused_where_it_becomes_a_reply() {
    let _ = lakeformation_mock::Rule::table_credentials()
        .respond_with(lakeformation_mock::RawResponse::new(200).header("content-length", "7"));
}

#[test]
fn a_raw_response_whose_content_length_matches_its_body_is_accepted() {
    let raw = lakeformation_mock::RawResponse::new(200).header("content-length", "5").body("hello");
    let _ = lakeformation_mock::Reply::from(raw);
    let raw = lakeformation_mock::RawResponse::new(200).body("hello").header("content-length", "5");
    let _ = lakeformation_mock::Reply::from(raw);
}

#[test]
fn a_huge_unknown_key_gets_no_suggestion() {
    // "did you mean" compares the key with every valid name: a 1 MB key must not cost seconds.
    // The key starts with a valid name, so without the length cap it would be suggested.
    let key = format!("TableArn{}", "x".repeat(1024 * 1024));
    let text =
        format!(r#"{{"version": 1, "rules": [{{"match": {{"{key}": "a"}}, "responses": [{{"fault": "io"}}]}}]}}"#);
    let err = Scenario::from_json_str(&text).unwrap_err();
    assert!(err.message.starts_with("unknown field `TableArnxxx"), "{}", &err.message[..80]);
    assert_eq!(err.suggestion, None);
}

/// A fixture whose rule matches on `Not` nested `depth` times.
fn nested_not(depth: usize) -> String {
    let open = r#"{"Not": "#.repeat(depth);
    let close = "}".repeat(depth);
    format!(
        r#"{{"version": 1, "rules": [{{"operation": "GetTemporaryGlueTableCredentials", "match": {open}{{"TableArn": "{}"}}{close}, "responses": [{{"error": {{"code": "AccessDenied"}}, "repeat": true}}]}}]}}"#,
        "arn:aws:glue:us-east-1:123456789012:table/sales/orders"
    )
}

#[test]
fn a_fixture_nested_deeper_than_128_levels_is_a_clear_load_error() {
    let err = Scenario::from_json_str(&nested_not(10_000)).unwrap_err();
    assert_eq!(err.line, 1, "{err}");
    assert!(err.message.contains("nests objects and arrays deeper than 128 levels"), "{}", err.message);
    assert!(err.message.contains("`Not` and `AnyOf`"), "{}", err.message);
    // Just under the limit loads, and its matchers answer.
    let scenario = Scenario::from_json_str(&nested_not(120)).unwrap();
    let mock = scenario.configure(MockLakeFormation::builder().verify_on_drop(false)).build();
    mock.load_scenario(&scenario);
    assert_eq!(mock.rule_count(), 1);
}
