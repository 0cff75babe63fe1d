//! The mock's enum vocabularies against the SDK's: the fixture format's names and what
//! validation accepts are the SDK's `values()` plus what the newest service model added after the
//! SDK was generated (`EXECUTE`). When the SDK catches up or the model moves on, these fail.
//! (`tests/python/test_boto3.py` compares the committed JSON Schema with botocore's model.)

use crate::common;

use aws_sdk_lakeformation::types::{CredentialsScope, Permission, PermissionType};
use lakeformation_mock::fixture::spec::{ErrorCodeName, PermissionName, PermissionTypeName, ScopeName};
use lakeformation_mock::{ErrorCode, MockLakeFormation, Rule};

/// Values of the newest model (botocore) that `aws-sdk-lakeformation` does not have yet.
const NEWER_THAN_THE_SDK: &[&str] = &["EXECUTE"];

fn sorted<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = values.into_iter().collect();
    v.sort_unstable();
    v
}

#[test]
fn the_fixture_format_names_every_value_the_model_has() {
    let model_permissions = sorted(Permission::values().iter().copied().chain(NEWER_THAN_THE_SDK.iter().copied()));
    assert_eq!(sorted(PermissionName::ALL.iter().map(|p| p.as_str())), model_permissions);
    for newer in NEWER_THAN_THE_SDK {
        assert!(
            !Permission::values().contains(newer),
            "aws-sdk-lakeformation now has {newer}: drop it from the crate's PERMISSIONS_NEWER_THAN_THE_SDK and here"
        );
    }
    assert_eq!(sorted(PermissionTypeName::ALL.iter().map(|p| p.as_str())), sorted(PermissionType::values().to_vec()));
    assert_eq!(sorted(ScopeName::ALL.iter().map(|s| s.as_str())), sorted(CredentialsScope::values().to_vec()));
    assert_eq!(
        sorted(ErrorCodeName::ALL.iter().map(|c| c.as_str())),
        sorted(ErrorCode::ALL.iter().map(|c| c.as_str()))
    );
}

/// Validation accepts every value of the model, and nothing else.
#[tokio::test]
async fn validation_accepts_exactly_the_models_values() {
    let mock = MockLakeFormation::new();
    Rule::glue_table().respond_with(common::glue_output("ASIAOK")).mount(&mock);
    let client = mock.client();
    for value in PermissionName::ALL.iter().map(|p| p.as_str()) {
        let sent = client
            .get_temporary_glue_table_credentials()
            .table_arn(common::ARN)
            .permissions(Permission::from(value))
            .send()
            .await;
        assert!(sent.is_ok(), "{value}: {sent:?}");
    }
    for value in PermissionTypeName::ALL.iter().map(|p| p.as_str()) {
        let sent = client
            .get_temporary_glue_table_credentials()
            .table_arn(common::ARN)
            .supported_permission_types(PermissionType::from(value))
            .send()
            .await;
        assert!(sent.is_ok(), "{value}: {sent:?}");
    }
    for value in ["select", "EXECUTE ", "SUPER"] {
        let sent = client
            .get_temporary_glue_table_credentials()
            .table_arn(common::ARN)
            .permissions(Permission::from(value))
            .send()
            .await;
        assert!(sent.is_err(), "{value:?} is no permission of the model");
    }
}
