//! The aws-config path: an `aws_config::sts::AssumeRoleProvider` built on the mock's
//! `HttpClient` assumes the lake's role, and the Lake Formation client whose credentials it
//! provides vends for the role, refreshing the session after its `Expiration` by the test clock.
#![cfg(feature = "sts")]

use crate::sts_assume_role::{CI, ROLE_ARN, lake};
use aws_config::sts::AssumeRoleProvider;
use aws_credential_types::Credentials;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_sdk_lakeformation::types::PermissionType;
use aws_smithy_async::rt::sleep::{SharedAsyncSleep, TokioSleep};
use aws_smithy_async::test_util::ManualTimeSource;
use aws_smithy_async::time::SharedTimeSource;
use aws_types::SdkConfig;
use aws_types::region::Region;
use lakeformation_mock::MockLakeFormation;
use lakeformation_mock::sts::StsOperation;
use lakeformation_mock::{Operation, Request};
use std::time::{Duration, UNIX_EPOCH};

const TABLE: &str = "arn:aws:glue:us-east-1:123456789012:table/db/t";

/// The engine's shared config: the mock's HTTP client, the CI user's keys, the test's clock.
fn sdk_config(mock: &MockLakeFormation, clock: &ManualTimeSource) -> SdkConfig {
    SdkConfig::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .http_client(mock.http_client())
        .credentials_provider(SharedCredentialsProvider::new(Credentials::new(CI, "ci-secret", None, None, "ci")))
        .time_source(SharedTimeSource::new(clock.clone()))
        .sleep_impl(SharedAsyncSleep::new(TokioSleep::new()))
        .build()
}

#[tokio::test]
async fn an_assume_role_provider_on_the_mock_provides_keys_lake_formation_vends_to() {
    let lake = lake();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let clock = ManualTimeSource::new(UNIX_EPOCH + Duration::from_secs(1_800_000_000));
    let config = sdk_config(&mock, &clock);
    let provider = AssumeRoleProvider::builder(ROLE_ARN)
        .session_name("engine-scan")
        .session_length(Duration::from_secs(900))
        .tags([("LakeFormationAuthorizedCaller", "engine-x")])
        .configure(&config)
        .build()
        .await;
    let lf_config = aws_sdk_lakeformation::config::Builder::from(&config).credentials_provider(provider).build();
    let lf = aws_sdk_lakeformation::Client::from_conf(lf_config);
    let vend = || {
        lf.get_temporary_glue_table_credentials()
            .table_arn(TABLE)
            .supported_permission_types(PermissionType::ColumnPermission)
            .send()
    };

    let out = vend().await.unwrap();
    let sessions = lake.sessions();
    assert_eq!(sessions.len(), 1);
    let session = &sessions[0];
    assert_eq!(session.arn(), "arn:aws:sts::123456789012:assumed-role/engine/engine-scan");
    assert_eq!(session.caller_access_key_id(), CI);
    assert_eq!(session.tags()["LakeFormationAuthorizedCaller"], "engine-x");
    let vended = lake.vended(out.access_key_id().unwrap()).unwrap();
    assert_eq!(vended.principal_arn(), ROLE_ARN);
    assert_eq!(vended.caller_access_key_id(), session.access_key_id());

    // The provider's keys are cached until their Expiration; after it, the provider assumes the
    // role again and the next call signs with the fresh session.
    vend().await.unwrap();
    assert_eq!(lake.sessions().len(), 1);
    clock.advance(Duration::from_secs(901));
    vend().await.unwrap();
    let sessions = lake.sessions();
    assert_eq!(sessions.len(), 2, "{sessions:?}");
    let requests = mock.requests();
    let last = requests.last().unwrap();
    assert_eq!(last.access_key_id(), Some(sessions[1].access_key_id()));
    let assumes = requests.iter().filter(|r| r.operation() == &Operation::Sts(StsOperation::AssumeRole)).count();
    assert_eq!(assumes, 2);
    assert!(requests.iter().all(|r: &Request| r.answer().status_code() == Some(200)), "{requests:#?}");
}
