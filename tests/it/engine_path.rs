//! An engine's whole path in one mock (features `sts` and `s3`): STS issues the engine's session,
//! Lake Formation vends to it as its role, and S3 accepts the vended keys within their scope but
//! not the session's own keys (ambient credentials), unless the role is given S3 access of its
//! own.
#![cfg(all(feature = "sts", feature = "s3"))]

use aws_credential_types::Credentials;
use aws_sdk_lakeformation::types::PermissionType;
use aws_sdk_s3::error::ProvideErrorMetadata;
use aws_sdk_sts::types::Tag;
use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, Principal, Role, S3Access, Table};
use lakeformation_mock::{MockLakeFormation, Source};

const CI: &str = "AKIDCI";
const CI_ARN: &str = "arn:aws:iam::123456789012:user/ci";
const ROLE_ARN: &str = "arn:aws:iam::123456789012:role/engine";
const TABLE: &str = "arn:aws:glue:us-east-1:123456789012:table/db/t";
const OBJECT: &str = "s3://bucket/db/t/part-0.parquet";

fn lake(role: Role) -> Lake {
    Lake::builder()
        .settings(
            DataLakeSettings::default()
                .allow_external_data_filtering(true)
                .external_data_filtering_allow("123456789012")
                .authorized_session_tag_value("engine-x"),
        )
        .register_location("s3://bucket/")
        .table(Table::new("db", "t").location("s3://bucket/db/t/"))
        .principal(Principal::new(CI, CI_ARN))
        .role(role.trusts(CI_ARN))
        .grant(Grant::new(ROLE_ARN, "db", "t", [aws_sdk_lakeformation::types::Permission::Select]))
        .build()
}

/// The engine's session: `AssumeRole` of the engine role with its allowlisting tag.
async fn session(mock: &MockLakeFormation) -> Credentials {
    let tag = Tag::builder().key("LakeFormationAuthorizedCaller").value("engine-x").build().unwrap();
    let out = mock
        .sts_client_as(CI)
        .assume_role()
        .role_arn(ROLE_ARN)
        .role_session_name("scan")
        .tags(tag)
        .send()
        .await
        .unwrap();
    let c = out.credentials().unwrap();
    crate::common::signing_credentials(c.access_key_id(), c.secret_access_key(), Some(c.session_token()))
}

fn read(s3: &aws_sdk_s3::Client, key: &str) -> aws_sdk_s3::operation::get_object::builders::GetObjectFluentBuilder {
    s3.get_object().bucket("bucket").key(key)
}

#[tokio::test]
async fn the_engine_reads_with_vended_keys_and_its_ambient_session_keys_are_refused() {
    let mock = MockLakeFormation::new().with_lake(&lake(Role::new(ROLE_ARN)));
    mock.s3().put(OBJECT, b"PAR1 rows PAR1".to_vec());
    let session = session(&mock).await;

    // The engine's bug: reading governed data with its own (ambient) session keys.
    let ambient = mock.s3_client_with(session.clone());
    let err = read(&ambient, "db/t/part-0.parquet").send().await.unwrap_err();
    assert_eq!(err.code(), Some("AccessDenied"));
    let message = err.message().unwrap_or_default();
    assert!(
        message.contains("the STS session keys of arn:aws:sts::123456789012:assumed-role/engine/scan"),
        "{message}"
    );
    assert!(message.contains(&format!("Role::new(\"{ROLE_ARN}\").s3_access(")), "the fix, in Rust: {message}");

    // The right path: the session asks Lake Formation, which vends to it as its role.
    let lf = aws_sdk_lakeformation::Client::from_conf(mock.config_builder().credentials_provider(session).build());
    let out = lf
        .get_temporary_glue_table_credentials()
        .table_arn(TABLE)
        .supported_permission_types(PermissionType::ColumnPermission)
        .send()
        .await
        .unwrap();
    let vended = crate::common::signing_credentials(
        out.access_key_id().unwrap(),
        out.secret_access_key().unwrap(),
        out.session_token(),
    );
    let s3 = mock.s3_client_with(vended);
    let object = read(&s3, "db/t/part-0.parquet").send().await.unwrap();
    assert_eq!(object.body.collect().await.unwrap().into_bytes().as_ref(), b"PAR1 rows PAR1");
    let err = read(&s3, "db/other/part-0.parquet").send().await.unwrap_err();
    assert_eq!(err.code(), Some("AccessDenied"), "past the vended prefix");

    let requests = mock.requests();
    let sources: Vec<String> = requests.iter().map(|r| r.answer().source().to_string()).collect();
    assert_eq!(requests.len(), 5, "assume, ambient read, vend, read, read past: {sources:?}");
    assert_eq!(requests[3].answer().source(), &Source::S3);
    assert_eq!(requests[3].answer().status_code(), Some(200));
}

#[tokio::test]
async fn a_role_with_s3_access_of_its_own_reaches_only_that_with_its_session_keys() {
    let role = Role::new(ROLE_ARN).s3_access("s3://scratch/engine/", S3Access::ReadWrite);
    let mock = MockLakeFormation::new().with_lake(&lake(role));
    mock.s3().put(OBJECT, b"governed".to_vec());
    let s3 = mock.s3_client_with(session(&mock).await);

    s3.put_object().bucket("scratch").key("engine/tmp/spill").body(b"spill".to_vec().into()).send().await.unwrap();
    assert_eq!(mock.s3().get("s3://scratch/engine/tmp/spill").as_deref(), Some(&b"spill"[..]));
    let err = read(&s3, "db/t/part-0.parquet").send().await.unwrap_err();
    assert_eq!(err.code(), Some("AccessDenied"), "the governed table stays out of the role's own reach");
    assert!(err.message().unwrap_or_default().contains("s3://scratch/engine/ (READWRITE)"), "{err:?}");
}

#[tokio::test]
async fn a_session_key_without_its_token_or_after_its_expiry_is_refused_at_s3() {
    let role = Role::new(ROLE_ARN).s3_access("s3://scratch/", S3Access::Read);
    let mock = MockLakeFormation::new().with_lake(&lake(role));
    mock.s3().put("s3://scratch/a", b"a".to_vec());
    let session = session(&mock).await;
    let tokenless = Credentials::new(session.access_key_id(), session.secret_access_key(), None, None, "no-token");
    let err = mock.s3_client_with(tokenless).get_object().bucket("scratch").key("a").send().await.unwrap_err();
    assert_eq!(err.code(), Some("InvalidToken"));

    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(3601);
    let clock = aws_smithy_async::test_util::ManualTimeSource::new(later);
    let err = mock.s3_client_with_at(session, clock).get_object().bucket("scratch").key("a").send().await.unwrap_err();
    assert_eq!(err.code(), Some("ExpiredToken"), "the session's default hour is over");
}
