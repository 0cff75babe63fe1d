//! The fixture's `s3` section and a principal's `S3Access`: objects from a directory next to the
//! fixture file, read through a real `aws_sdk_s3::Client`; a missing directory is a load error
//! naming its key.
#![cfg(feature = "s3")]

use lakeformation_mock::MockLakeFormation;
use lakeformation_mock::fixture::Scenario;
use std::path::PathBuf;

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lakeformation-mock-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const FIXTURE: &str = r#"{
  "version": 1,
  "lake": {
    "Principals": [{"AccessKeyId": "AKIDENGINE", "Arn": "arn:aws:iam::123456789012:role/engine",
                    "S3Access": {"s3://lake/raw/": "READ"}}]
  },
  "s3": {"objects": {"s3://lake/raw/": "data/raw/"}}
}"#;

#[tokio::test]
async fn a_fixture_loads_objects_from_a_directory_next_to_it_for_its_principals() {
    let dir = scratch("s3-fixture");
    std::fs::create_dir_all(dir.join("data/raw/d=1")).unwrap();
    std::fs::write(dir.join("data/raw/d=1/a.json"), b"{\"a\": 1}").unwrap();
    std::fs::write(dir.join("data/raw/top.json"), b"{}").unwrap();
    std::fs::write(dir.join("scenario.json"), FIXTURE).unwrap();

    let mock = MockLakeFormation::from_fixture(dir.join("scenario.json")).unwrap();
    assert_eq!(mock.s3().list("s3://lake/raw/"), ["s3://lake/raw/d=1/a.json", "s3://lake/raw/top.json"]);
    let s3 = mock.s3_client_as("AKIDENGINE");
    let out = s3.get_object().bucket("lake").key("raw/d=1/a.json").send().await.unwrap();
    assert_eq!(out.body.collect().await.unwrap().into_bytes().as_ref(), b"{\"a\": 1}");
    let err = s3.put_object().bucket("lake").key("raw/new.json").send().await.unwrap_err();
    assert_eq!(aws_sdk_s3::error::ProvideErrorMetadata::code(&err), Some("AccessDenied"));
    // Hints are in fixture JSON for a fixture's mock.
    let message = aws_sdk_s3::error::ProvideErrorMetadata::message(&err).unwrap().to_owned();
    assert!(message.contains("READ"), "{message}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_missing_directory_or_a_bad_prefix_is_a_load_error_naming_its_key() {
    let dir = scratch("s3-fixture-missing");
    std::fs::write(dir.join("scenario.json"), r#"{"version": 1, "s3": {"objects": {"s3://lake/raw/": "nowhere/"}}}"#)
        .unwrap();
    let err = Scenario::from_path(dir.join("scenario.json")).unwrap_err();
    assert_eq!(err.json_path, r#"s3.objects."s3://lake/raw/""#);
    assert!(err.message.contains("nowhere"), "{}", err.message);
    let err = Scenario::from_json_str(r#"{"version": 1, "s3": {"objects": {"lake/raw/": "."}}}"#).unwrap_err();
    assert!(err.message.contains("is not an S3 prefix"), "{}", err.message);
    let err = Scenario::from_json_str(r#"{"version": 1, "s3": {"object": {}}}"#).unwrap_err();
    assert!(err.message.contains("unknown field"), "{}", err.message);
    std::fs::remove_dir_all(&dir).unwrap();
}
