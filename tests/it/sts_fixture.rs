//! Roles in a fixture's lake (`"Roles"`): a scenario loaded from JSON issues sessions of its
//! roles, its grants may name a role, and its refusals name the fixture keys to change.
#![cfg(feature = "sts")]

use aws_sdk_lakeformation::types::PermissionType;
use aws_sdk_sts::error::ProvideErrorMetadata;
use aws_sdk_sts::types::Tag;
use lakeformation_mock::fixture::Scenario;

const SCENARIO: &str = r#"{
  "version": 1,
  "description": "An engine assumes its role with the allowlisted session tag, then vends table credentials as it.",
  "lake": {
    "Settings": {
      "AllowExternalDataFiltering": true,
      "ExternalDataFilteringAllowList": ["123456789012"],
      "AuthorizedSessionTagValueList": ["engine-x"]
    },
    "Locations": [{"Uri": "s3://warehouse/"}],
    "Tables": [{"Database": "sales", "Name": "orders", "Location": "s3://warehouse/sales/orders/"}],
    "Principals": [{"AccessKeyId": "AKIDCI", "Arn": "arn:aws:iam::123456789012:user/ci"}],
    "Roles": [{
      "Arn": "arn:aws:iam::123456789012:role/engine",
      "TrustedPrincipals": ["arn:aws:iam::123456789012:user/ci"],
      "MaxSessionDuration": 7200
    }],
    "Grants": [{"Principal": "arn:aws:iam::123456789012:role/engine", "Database": "sales", "Table": "orders", "Permissions": ["SELECT"]}]
  }
}"#;

#[tokio::test]
async fn a_fixture_role_issues_sessions_that_vend_as_the_role() {
    let scenario = Scenario::from_json_str(SCENARIO).unwrap();
    let mock = scenario.mock();
    let out = mock
        .sts_client_as("AKIDCI")
        .assume_role()
        .role_arn("arn:aws:iam::123456789012:role/engine")
        .role_session_name("scan")
        .duration_seconds(7200)
        .tags(Tag::builder().key("LakeFormationAuthorizedCaller").value("engine-x").build().unwrap())
        .send()
        .await
        .unwrap();
    let key = out.credentials().unwrap().access_key_id();
    let vended = mock
        .client_as(key)
        .get_temporary_glue_table_credentials()
        .table_arn("arn:aws:glue:us-east-1:123456789012:table/sales/orders")
        .supported_permission_types(PermissionType::ColumnPermission)
        .send()
        .await
        .unwrap();
    let lake = mock.lake().unwrap();
    assert_eq!(
        lake.vended(vended.access_key_id().unwrap()).unwrap().principal_arn(),
        "arn:aws:iam::123456789012:role/engine"
    );
    assert_eq!(lake.session(key).unwrap().session_name(), "scan");
}

#[tokio::test]
async fn a_fixture_mocks_refusals_name_the_fixture_keys() {
    let mock = Scenario::from_json_str(SCENARIO).unwrap().mock();
    let sts = mock.sts_client_as("AKIDCI");
    let err = sts
        .assume_role()
        .role_arn("arn:aws:iam::123456789012:role/engine")
        .role_session_name("scan")
        .duration_seconds(7201)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    let message = err.message().unwrap();
    assert!(message.contains("\"MaxSessionDuration\"") && !message.contains("Role::new"), "{message}");
    let err = sts
        .assume_role()
        .role_arn("arn:aws:iam::123456789012:role/other")
        .role_session_name("scan")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    let message = err.message().unwrap();
    assert!(message.contains("\"Roles\"") && !message.contains("Lake::builder"), "{message}");
}

#[test]
fn a_bad_role_is_a_load_error() {
    let bad = SCENARIO.replace("\"MaxSessionDuration\": 7200", "\"MaxSessionDuration\": 60");
    let err = Scenario::from_json_str(&bad).unwrap_err().to_string();
    assert!(err.contains("MaxSessionDuration 60"), "{err}");
    let bad =
        SCENARIO.replace("arn:aws:iam::123456789012:role/engine\",\n      \"Trusted", "engine\",\n      \"Trusted");
    let err = Scenario::from_json_str(&bad).unwrap_err().to_string();
    assert!(err.contains("not an IAM role ARN"), "{err}");
}
