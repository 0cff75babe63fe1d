//! Fixture load errors and server hints word their fixes in fixture JSON keys or CLI flags, never
//! in Rust, for fixture and server users; a Rust `MockServer` user still reads builder methods.
//! (The `lakeformation-mock` binary's wording is checked in its tests, `server_cli.rs`.)

use lakeformation_mock::fixture::Scenario;

/// A fixture whose lake has one table, `table` (its JSON object).
pub(crate) fn lake_with_table(table: &str) -> String {
    format!(r#"{{"version": 1, "lake": {{"AccountId": "123456789012", "Region": "us-east-1", "Tables": [{table}]}}}}"#)
}

/// Bits of Rust a fixture or CLI user cannot act on.
const RUST_WORDING: &[&str] = &[
    "MockServer::builder",
    "MockLakeFormation::builder",
    ".fail_on_unmatched(",
    ".body_limit(",
    ".allow_non_loopback(",
    ".location(",
    ".partition_keys(",
    ".respond_with(",
    ".mount(",
    "calls_of",
    "Lake::builder",
    "Principal::new",
];

/// Fails if `text` words a fix in Rust (see [`RUST_WORDING`]).
pub(crate) fn assert_no_rust(text: &str) {
    for rust in RUST_WORDING {
        assert!(!text.contains(rust), "`{rust}` in: {text}");
    }
}

#[test]
fn a_lake_table_without_location_is_told_the_location_key() {
    let err = Scenario::from_json_str(&lake_with_table(r#"{"Database": "db", "Name": "t"}"#)).unwrap_err();
    assert_eq!(err.json_path, "lake.Tables[0].Location", "{err}");
    assert!(err.message.contains(r#"add "Location": "s3://bucket/prefix/""#), "{err}");
    assert_no_rust(&err.to_string());
}

#[test]
fn a_lake_table_without_location_does_not_hide_the_lakes_other_problems() {
    let fixture = r#"{"version": 1, "lake": {"AccountId": "1234", "Region": "us-east-1",
        "Tables": [{"Database": "db", "Name": "t"}, {"Database": "db", "Name": "t", "Location": "s3://lake/db/t/"}]}}"#;
    let err = Scenario::from_json_str(fixture).unwrap_err();
    assert_eq!(err.json_path, "lake.Tables[0].Location", "{err}");
    for problem in [r#"add "Location": "s3://bucket/prefix/""#, "`1234` is not 12 digits", "defined twice"] {
        assert!(err.message.contains(problem), "`{problem}` missing in: {err}");
    }
    assert_no_rust(&err.to_string());
}

#[test]
fn a_lake_table_with_partitions_but_no_keys_is_told_the_partition_keys_key() {
    let table = r#"{"Database": "db", "Name": "t", "Location": "s3://lake/db/t/",
        "Partitions": [{"Values": ["2024-01-01"], "Location": "s3://lake/db/t/dt=2024-01-01/"}]}"#;
    let err = Scenario::from_json_str(&lake_with_table(table)).unwrap_err();
    assert_eq!(err.json_path, "lake.Tables[0].PartitionKeys", "{err}");
    assert!(err.message.contains(r#"add "PartitionKeys": [..]"#), "{err}");
    assert_no_rust(&err.to_string());
}

#[test]
fn two_rules_with_one_name_are_told_without_rust_methods() {
    let rule = r#"{"name": "orders", "responses": [{"fault": "timeout", "repeat": true}]}"#;
    let err = Scenario::from_json_str(&format!(r#"{{"version": 1, "rules": [{rule}, {rule}]}}"#)).unwrap_err();
    assert!(err.message.contains("has the name of rules[0]"), "{err}");
    assert_no_rust(&err.to_string());
}

#[cfg(feature = "server")]
mod server {
    use super::*;
    use crate::server_support::{control_get, raw};
    use lakeformation_mock::MockLakeFormation;
    use lakeformation_mock::server::{MockServer, ServerError};

    #[test]
    fn a_fixture_posted_to_the_server_is_told_its_fix_in_fixture_keys() {
        let mock = MockLakeFormation::builder().verify_on_drop(false).build();
        let server = MockServer::start(&mock).unwrap();
        let fixture = lake_with_table(r#"{"Database": "db", "Name": "t"}"#);
        let reply = raw(server.address(), "POST", "/__lakeformation_mock/fixture", &[], fixture.as_bytes()).unwrap();
        assert_eq!(reply.status, 400, "{reply:?}");
        let message = reply.json()["Message"].as_str().unwrap().to_owned();
        assert!(message.contains(r#"add "Location": "s3://bucket/prefix/""#), "{message}");
        assert_no_rust(&message);
    }

    #[test]
    fn the_verify_endpoint_words_the_opt_out_as_the_mocks_hints_are_worded() {
        let body = br#"{"TableArn": "arn:aws:glue:us-east-1:123456789012:table/db/t"}"#;
        // A mock loaded from a fixture: its report names the fixture setting.
        let from_fixture = Scenario::from_json_str(r#"{"version": 1}"#).unwrap();
        let mock = from_fixture.configure(MockLakeFormation::builder().verify_on_drop(false)).build();
        let server = MockServer::start(&mock).unwrap();
        raw(server.address(), "POST", "/GetTemporaryGlueTableCredentials", &[], body).unwrap();
        let report = control_get(server.address(), "verify")["report"].as_str().unwrap().to_owned();
        assert!(report.contains(r#""settings": {"fail_on_unmatched": false}"#), "{report}");
        assert_no_rust(&report);

        // A mock built in Rust: its report names the builder method.
        let mock = MockLakeFormation::builder().verify_on_drop(false).build();
        let server = MockServer::start(&mock).unwrap();
        raw(server.address(), "POST", "/GetTemporaryGlueTableCredentials", &[], body).unwrap();
        let report = control_get(server.address(), "verify")["report"].as_str().unwrap().to_owned();
        assert!(report.contains("MockLakeFormation::builder().fail_on_unmatched(false)"), "{report}");
    }

    #[test]
    fn a_server_started_in_rust_words_its_fixes_in_builder_methods() {
        let mock = MockLakeFormation::builder().verify_on_drop(false).build();
        let server = MockServer::builder().body_limit(16).start(&mock).unwrap();
        let reply = raw(server.address(), "POST", "/GetTemporaryGlueTableCredentials", &[], &[b' '; 64]).unwrap();
        assert_eq!(reply.status, 413, "{reply:?}");
        let message = reply.json()["Message"].as_str().unwrap().to_owned();
        assert!(
            message.contains("MockServer::builder().body_limit(..)") && !message.contains("--body-limit"),
            "{message}"
        );

        let err = MockServer::builder().ip("0.0.0.0".parse().unwrap()).start(&mock).unwrap_err();
        assert!(matches!(err, ServerError::NonLoopback(_)), "{err:?}");
        let text = err.to_string();
        assert!(text.contains("allow_non_loopback(true)") && !text.contains("--allow-non-loopback"), "{text}");
    }
}
