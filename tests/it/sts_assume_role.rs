//! STS through a real `aws_sdk_sts::Client`: `AssumeRole` of a lake's role issues a session the
//! lake keeps, `GetCallerIdentity` names principals and sessions, and Lake Formation vends to a
//! session as its role, reading its session tags for allowlisting; an expired session is refused.
#![cfg(feature = "sts")]

use aws_sdk_lakeformation::types::{Permission, PermissionType};
use aws_sdk_sts::types::Tag;
use aws_smithy_async::test_util::ManualTimeSource;
use aws_smithy_types::DateTime;
use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, Principal, Role, Table};
use lakeformation_mock::sts::{StsInput, StsOperation};
use lakeformation_mock::{Input, MockLakeFormation, Operation, Source};
use std::time::{Duration, UNIX_EPOCH};

pub const CI: &str = "AKIDCI";
pub const CI_ARN: &str = "arn:aws:iam::123456789012:user/ci";
pub const ROLE_ARN: &str = "arn:aws:iam::123456789012:role/engine";
const TABLE: &str = "arn:aws:glue:us-east-1:123456789012:table/db/t";

fn tag(key: &str, value: &str) -> Tag {
    Tag::builder().key(key).value(value).build().unwrap()
}

/// A lake whose `engine` role the `ci` user may assume, the role holding SELECT on db.t under
/// session-tag allowlisting of `engine-x`.
pub fn lake() -> Lake {
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
        .role(Role::new(ROLE_ARN).trusts(CI_ARN).max_session_duration(7200))
        .grant(Grant::new(ROLE_ARN, "db", "t", [Permission::Select]))
        .build()
}

#[tokio::test]
async fn assume_role_issues_a_session_the_lake_keeps() {
    let lake = lake();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let clock = ManualTimeSource::new(UNIX_EPOCH + Duration::from_secs(1_800_000_000));
    let out = mock
        .sts_client_as_at(CI, clock.clone())
        .assume_role()
        .role_arn(ROLE_ARN)
        .role_session_name("scan-1")
        .duration_seconds(1800)
        .tags(tag("LakeFormationAuthorizedCaller", "engine-x"))
        .tags(tag("team", "data"))
        .transitive_tag_keys("team")
        .send()
        .await
        .unwrap();
    let credentials = out.credentials().unwrap();
    assert!(credentials.access_key_id().starts_with("ASIA"), "{}", credentials.access_key_id());
    assert_eq!(credentials.expiration(), &DateTime::from_secs(1_800_000_000 + 1800));
    let user = out.assumed_role_user().unwrap();
    assert_eq!(user.arn(), "arn:aws:sts::123456789012:assumed-role/engine/scan-1");
    assert!(user.assumed_role_id().starts_with("AROA") && user.assumed_role_id().ends_with(":scan-1"));

    let session = lake.session(credentials.access_key_id()).expect("the lake keeps the session");
    assert_eq!(session.secret_access_key(), credentials.secret_access_key());
    assert_eq!(session.session_token(), credentials.session_token());
    assert_eq!(session.role_arn(), ROLE_ARN);
    assert_eq!(session.caller_arn(), CI_ARN);
    assert_eq!(session.tags().len(), 2);
    assert!(session.transitive_tag_keys().contains("team"));
    assert_eq!(session.expires_at(), UNIX_EPOCH + Duration::from_secs(1_800_001_800));
    assert!(!session.is_chained());
    assert_eq!(lake.sessions().len(), 1);

    // The journal has the request once, with its typed input, answered by the lake.
    let requests = mock.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].operation(), &Operation::Sts(StsOperation::AssumeRole));
    assert_eq!(*requests[0].answer().source(), Source::Lake);
    let Some(Input::Sts(StsInput::AssumeRole(input))) = requests[0].input() else { panic!("{:?}", requests[0]) };
    assert_eq!(input.role_session_name(), Some("scan-1"));
    assert_eq!(input.tags().len(), 2);
    // Secrets are redacted in Debug.
    let debug = format!("{:?} {:?}", requests[0], session);
    assert!(!debug.contains(credentials.secret_access_key()), "{debug}");
}

#[tokio::test]
async fn get_caller_identity_names_principals_and_sessions() {
    let lake = lake();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let me = mock.sts_client_as(CI).get_caller_identity().send().await.unwrap();
    assert_eq!((me.arn(), me.account()), (Some(CI_ARN), Some("123456789012")));
    assert!(me.user_id().unwrap().starts_with("AIDA"));

    let out = mock.sts_client_as(CI).assume_role().role_arn(ROLE_ARN).role_session_name("s1").send().await.unwrap();
    let c = out.credentials().unwrap();
    let as_session = mock.sts_client_with(crate::common::signing_credentials(
        c.access_key_id(),
        c.secret_access_key(),
        Some(c.session_token()),
    ));
    let me = as_session.get_caller_identity().send().await.unwrap();
    assert_eq!(me.arn(), Some("arn:aws:sts::123456789012:assumed-role/engine/s1"));
    assert_eq!(me.user_id(), Some(out.assumed_role_user().unwrap().assumed_role_id()));
}

/// Assumes the role with `tags`, then asks Lake Formation for table credentials with the
/// session's keys.
async fn vend_as_session(mock: &MockLakeFormation, tags: &[Tag]) -> Result<String, String> {
    let out = mock
        .sts_client_as(CI)
        .assume_role()
        .role_arn(ROLE_ARN)
        .role_session_name("engine")
        .set_tags(Some(tags.to_vec()))
        .send()
        .await
        .unwrap();
    let key = out.credentials().unwrap().access_key_id().to_owned();
    mock.client_as(key)
        .get_temporary_glue_table_credentials()
        .table_arn(TABLE)
        .supported_permission_types(PermissionType::ColumnPermission)
        .send()
        .await
        .map(|out| out.access_key_id().unwrap_or_default().to_owned())
        .map_err(|e| format!("{:?}", e.into_service_error()))
}

#[tokio::test]
async fn lake_formation_vends_to_a_session_as_its_role_by_its_session_tag() {
    let lake = lake();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let vended = vend_as_session(&mock, &[tag("LakeFormationAuthorizedCaller", "engine-x")]).await.unwrap();
    assert_eq!(lake.vended(&vended).unwrap().principal_arn(), ROLE_ARN);
    let requests = mock.requests();
    let steps = requests.last().unwrap().answer().trace().unwrap().steps().join("\n");
    assert!(
        steps.contains(&format!(
            "is {ROLE_ARN} (an STS session of the role, session tags LakeFormationAuthorizedCaller=engine-x)"
        )),
        "{steps}"
    );
    // Without the session tag, allowlisting does not allow it.
    let refused = vend_as_session(&mock, &[]).await.unwrap_err();
    assert!(refused.contains("AccessDenied"), "{refused}");
    let refused = vend_as_session(&mock, &[tag("LakeFormationAuthorizedCaller", "other")]).await.unwrap_err();
    assert!(refused.contains("AccessDenied"), "{refused}");
}

#[tokio::test]
async fn an_expired_session_is_refused_by_lake_formation_and_sts() {
    let lake = lake();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let clock = ManualTimeSource::new(UNIX_EPOCH + Duration::from_secs(1_800_000_000));
    let out = mock
        .sts_client_as_at(CI, clock.clone())
        .assume_role()
        .role_arn(ROLE_ARN)
        .role_session_name("short")
        .duration_seconds(900)
        .tags(tag("LakeFormationAuthorizedCaller", "engine-x"))
        .send()
        .await
        .unwrap();
    let key = out.credentials().unwrap().access_key_id().to_owned();
    let lf = mock.client_as_at(key.clone(), clock.clone());
    let vend = || {
        lf.get_temporary_glue_table_credentials()
            .table_arn(TABLE)
            .supported_permission_types(PermissionType::ColumnPermission)
            .send()
    };
    vend().await.unwrap();
    clock.advance(Duration::from_secs(900));
    let err = vend().await.unwrap_err();
    let err = err.into_service_error();
    assert_eq!(aws_sdk_lakeformation::error::ProvideErrorMetadata::code(&err), Some("ExpiredTokenException"));
    let message = aws_sdk_lakeformation::error::ProvideErrorMetadata::message(&err).unwrap();
    assert!(message.contains("expired") && message.contains("AssumeRole"), "{message}");

    let sts = mock.sts_client_as_at(key, clock.clone());
    let err = sts.get_caller_identity().send().await.unwrap_err().into_service_error();
    assert_eq!(aws_sdk_sts::error::ProvideErrorMetadata::code(&err), Some("ExpiredToken"));
}

/// The engine's whole handshake as a session: Glue authorizes the session (its role's grant, its
/// session tag), table vending accepts the `QueryAuthorizationId`, and after the session's
/// `Expiration` Glue refuses it too.
#[cfg(feature = "glue")]
#[tokio::test]
async fn glue_authorizes_a_session_as_its_role_until_it_expires() {
    use aws_sdk_glue::types::{PermissionType as GlueType, QuerySessionContext as GlueContext};
    use aws_sdk_lakeformation::types::QuerySessionContext;
    use lakeformation_mock::lake::TableSchema;

    let lake = lake();
    lake.update(|model| model.schemas.push(TableSchema::new("db", "t").column("id", "bigint")));
    let mock = MockLakeFormation::new().with_lake(&lake);
    let clock = ManualTimeSource::new(UNIX_EPOCH + Duration::from_secs(1_800_000_000));
    let out = mock
        .sts_client_as_at(CI, clock.clone())
        .assume_role()
        .role_arn(ROLE_ARN)
        .role_session_name("glue")
        .duration_seconds(900)
        .tags(tag("LakeFormationAuthorizedCaller", "engine-x"))
        .send()
        .await
        .unwrap();
    let key = out.credentials().unwrap().access_key_id().to_owned();
    let glue = mock.glue_client_as_at(key.clone(), clock.clone());
    let ask = || {
        glue.get_unfiltered_table_metadata()
            .catalog_id("123456789012")
            .database_name("db")
            .name("t")
            .supported_permission_types(GlueType::ColumnPermission)
            .query_session_context(
                GlueContext::builder().query_id("q1").query_start_time(DateTime::from_secs(1_800_000_000)).build(),
            )
            .send()
    };
    let meta = ask().await.unwrap();
    assert_eq!(meta.authorized_columns(), ["id"]);
    let id = meta.query_authorization_id().unwrap().to_owned();
    let vended = mock
        .client_as_at(key, clock.clone())
        .get_temporary_glue_table_credentials()
        .table_arn(TABLE)
        .supported_permission_types(PermissionType::ColumnPermission)
        .query_session_context(QuerySessionContext::builder().query_id("q1").query_authorization_id(id).build())
        .send()
        .await
        .unwrap();
    assert_eq!(lake.vended(vended.access_key_id().unwrap()).unwrap().principal_arn(), ROLE_ARN);
    clock.advance(Duration::from_secs(900));
    let err = ask().await.unwrap_err().into_service_error();
    assert_eq!(aws_sdk_glue::error::ProvideErrorMetadata::code(&err), Some("ExpiredTokenException"));
}
