//! Scripted STS answers: rules for `Operation::Sts(..)` answer before the lake with the SDK's own
//! outputs (sent as STS's XML) or STS errors (as `<ErrorResponse>`, decoded into the modeled
//! variants), match on the typed input, and a reply of another service is refused.
#![cfg(feature = "sts")]

use crate::sts_assume_role::{CI, ROLE_ARN, lake};
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsOutput;
use aws_sdk_sts::operation::assume_role::{AssumeRoleError, AssumeRoleOutput};
use aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityOutput;
use aws_sdk_sts::types::{AssumedRoleUser, Credentials};
use aws_smithy_types::DateTime;
use lakeformation_mock::sts::{StsInput, StsOperation};
use lakeformation_mock::{Input, MockLakeFormation, Operation, Reply, Rule, ServiceError, Source, matchers};

fn scripted() -> AssumeRoleOutput {
    AssumeRoleOutput::builder()
        .credentials(
            Credentials::builder()
                .access_key_id("ASIASCRIPTED00000001")
                .secret_access_key("scripted-secret-not-real")
                .session_token("scripted-token")
                .expiration(DateTime::from_secs(1_900_000_000))
                .build()
                .unwrap(),
        )
        .assumed_role_user(
            AssumedRoleUser::builder()
                .arn("arn:aws:sts::123456789012:assumed-role/engine/scripted")
                .assumed_role_id("AROASCRIPTED:scripted")
                .build()
                .unwrap(),
        )
        .build()
}

#[tokio::test]
async fn a_rule_answers_before_the_lake_with_the_sdks_output() {
    let lake = lake();
    let mock = MockLakeFormation::new().with_lake(&lake);
    Rule::for_operation(Operation::Sts(StsOperation::AssumeRole))
        .and_request("RoleSessionName is scripted", |request| {
            matches!(request.input(), Some(Input::Sts(StsInput::AssumeRole(i))) if i.role_session_name() == Some("scripted"))
        })
        .respond_with(scripted())
        .named("scripted session")
        .mount(&mock);
    let sts = mock.sts_client_as(CI);
    let out = sts.assume_role().role_arn(ROLE_ARN).role_session_name("scripted").send().await.unwrap();
    let credentials = out.credentials().unwrap();
    assert_eq!(credentials.access_key_id(), "ASIASCRIPTED00000001");
    assert_eq!(credentials.secret_access_key(), "scripted-secret-not-real");
    assert_eq!(credentials.expiration(), &DateTime::from_secs(1_900_000_000));
    assert_eq!(out.assumed_role_user().unwrap().assumed_role_id(), "AROASCRIPTED:scripted");
    // Scripted sessions are not the lake's.
    assert!(lake.sessions().is_empty());
    // Another session name goes to the lake.
    sts.assume_role().role_arn(ROLE_ARN).role_session_name("real").send().await.unwrap();
    assert_eq!(lake.sessions().len(), 1);
    let requests = mock.requests();
    assert!(matches!(requests[0].answer().source(), Source::Rule(_)));
    assert_eq!(*requests[1].answer().source(), Source::Lake);
    let debug = format!("{:?}", requests[0].answer());
    assert!(!debug.contains("scripted-secret-not-real"), "{debug}");

    Rule::for_operation(Operation::Sts(StsOperation::GetCallerIdentity))
        .and(matchers::signed_by("AKIDANYONE"))
        .respond_with(
            GetCallerIdentityOutput::builder()
                .arn("arn:aws:iam::123456789012:user/anyone")
                .account("123456789012")
                .build(),
        )
        .mount(&mock);
    let me = mock.sts_client_as("AKIDANYONE").get_caller_identity().send().await.unwrap();
    assert_eq!(me.arn(), Some("arn:aws:iam::123456789012:user/anyone"));
}

#[tokio::test]
async fn scripted_sts_errors_arrive_as_the_modeled_variants() {
    let mock = MockLakeFormation::new();
    Rule::for_operation(Operation::Sts(StsOperation::AssumeRole))
        .then(Reply::from(ServiceError::custom(
            "RegionDisabledException",
            Some("STS is not activated in this region".into()),
            403,
        )))
        .then(ServiceError::custom("PackedPolicyTooLarge", Some("too large".into()), 400))
        .mount(&mock);
    let sts = mock.sts_client();
    let assume = || sts.assume_role().role_arn(ROLE_ARN).role_session_name("s1").send();
    let err = assume().await.unwrap_err().into_service_error();
    assert!(matches!(err, AssumeRoleError::RegionDisabledException(_)), "{err:?}");
    let err = assume().await.unwrap_err().into_service_error();
    assert!(matches!(err, AssumeRoleError::PackedPolicyTooLargeException(_)), "{err:?}");
}

#[tokio::test]
async fn another_services_output_for_an_sts_request_is_refused() {
    let mock = MockLakeFormation::builder().fail_on_unmatched(false).build();
    Rule::for_operation(Operation::Sts(StsOperation::AssumeRole))
        .respond_with(GetTemporaryGlueTableCredentialsOutput::builder().access_key_id("ASIAWRONG").build())
        .mount(&mock);
    let err = mock.sts_client().assume_role().role_arn(ROLE_ARN).role_session_name("s1").send().await.unwrap_err();
    let text = format!("{:?}", aws_smithy_types::error::display::DisplayErrorContext(&err));
    assert!(
        text.contains("GetTemporaryGlueTableCredentials output was scripted") && text.contains("AssumeRole"),
        "{text}"
    );
    // And an STS output for a Lake Formation request.
    Rule::table_credentials().respond_with(scripted()).mount(&mock);
    let err = mock
        .client()
        .get_temporary_glue_table_credentials()
        .table_arn("arn:aws:glue:us-east-1:123456789012:table/db/t")
        .send()
        .await
        .unwrap_err();
    let text = format!("{:?}", aws_smithy_types::error::display::DisplayErrorContext(&err));
    assert!(text.contains("AssumeRole output was scripted"), "{text}");
}

#[tokio::test]
async fn an_unanswered_sts_request_says_how_to_answer_it_in_the_mocks_language() {
    let mock = MockLakeFormation::builder().fail_on_unmatched(false).build();
    let err = mock.sts_client().get_caller_identity().send().await.unwrap_err();
    let text = format!("{}", aws_smithy_types::error::display::DisplayErrorContext(&err));
    assert!(text.contains("Rule::for_operation(Operation::Sts(StsOperation::GetCallerIdentity))"), "{text}");
    assert!(text.contains("Lake::builder().role(Role::new("), "{text}");

    let fixture = r#"{"version": 1, "description": "nothing answers STS", "settings": {"fail_on_unmatched": false}}"#;
    let mock = lakeformation_mock::fixture::Scenario::from_json_str(fixture).unwrap().mock();
    let err = mock.sts_client().get_caller_identity().send().await.unwrap_err();
    let text = format!("{}", aws_smithy_types::error::display::DisplayErrorContext(&err));
    assert!(text.contains("\"Roles\": [{\"Arn\"") && !text.contains("Lake::builder"), "{text}");
}
