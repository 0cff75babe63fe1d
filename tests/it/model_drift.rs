//! The mock's enum vocabularies against the SDK's: the fixture format's names and what
//! validation accepts are the SDK's `values()` plus what the newest service model added after the
//! SDK was generated (`EXECUTE`). When the SDK catches up or the model moves on, these fail.
//! (The fixture format's names are compared with the SDK's in `src/fixture/spec.rs`'s unit tests;
//! `tests/python/test_boto3.py` compares the committed JSON Schema with botocore's model.)

use crate::common;

use aws_sdk_lakeformation::types::{Permission, PermissionType};
use lakeformation_mock::{MockLakeFormation, Rule};

/// Values of the newest model (botocore) that `aws-sdk-lakeformation` does not have yet.
const NEWER_THAN_THE_SDK: &[&str] = &["EXECUTE"];

/// Validation accepts every value of the model, and nothing else.
#[tokio::test]
async fn validation_accepts_exactly_the_models_values() {
    let mock = MockLakeFormation::new();
    Rule::table_credentials().respond_with(common::glue_output("ASIAOK")).mount(&mock);
    let client = mock.client();
    for &value in Permission::values().iter().chain(NEWER_THAN_THE_SDK) {
        let sent = client
            .get_temporary_glue_table_credentials()
            .table_arn(common::ARN)
            .permissions(Permission::from(value))
            .send()
            .await;
        assert!(sent.is_ok(), "{value}: {sent:?}");
    }
    for &value in PermissionType::values() {
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
