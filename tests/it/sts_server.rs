//! STS in server mode: a real `aws_sdk_sts::Client` that knows only the server's URL assumes a
//! role, the session it gets calls Lake Formation over the same port, and requests no SDK sends
//! (an action the mock does not answer, no action) get STS's own XML errors.
#![cfg(all(feature = "sts", feature = "server"))]

use crate::server_support::raw;
use crate::sts_assume_role::{CI, ROLE_ARN, lake};
use aws_credential_types::Credentials;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_sdk_lakeformation::types::PermissionType;
use aws_sdk_sts::types::Tag;
use aws_types::SdkConfig;
use aws_types::region::Region;
use lakeformation_mock::server::MockServer;
use lakeformation_mock::sts::StsOperation;
use lakeformation_mock::{MockLakeFormation, Operation};

/// A config that knows nothing of the mock but its URL, signing with `credentials`.
fn config(url: &str, credentials: Credentials) -> SdkConfig {
    SdkConfig::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(SharedCredentialsProvider::new(credentials))
        .http_client(aws_smithy_http_client::Builder::new().build_http())
        .endpoint_url(url)
        .build()
}

#[tokio::test]
async fn a_session_assumed_over_http_calls_lake_formation_on_the_same_port() {
    let lake = lake();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let server = MockServer::start(&mock).unwrap();
    let ci = Credentials::new(CI, "not-a-secret", None, None, "server-test");
    let sts = aws_sdk_sts::Client::new(&config(&server.url(), ci));
    let out = sts
        .assume_role()
        .role_arn(ROLE_ARN)
        .role_session_name("over-http")
        .tags(Tag::builder().key("LakeFormationAuthorizedCaller").value("engine-x").build().unwrap())
        .send()
        .await
        .unwrap();
    let c = out.credentials().unwrap();
    assert_eq!(out.assumed_role_user().unwrap().arn(), "arn:aws:sts::123456789012:assumed-role/engine/over-http");
    let session = crate::common::signing_credentials(c.access_key_id(), c.secret_access_key(), Some(c.session_token()));
    let me =
        aws_sdk_sts::Client::new(&config(&server.url(), session.clone())).get_caller_identity().send().await.unwrap();
    assert_eq!(me.arn(), Some("arn:aws:sts::123456789012:assumed-role/engine/over-http"));
    let lf = aws_sdk_lakeformation::Client::new(&config(&server.url(), session));
    let vended = lf
        .get_temporary_glue_table_credentials()
        .table_arn("arn:aws:glue:us-east-1:123456789012:table/db/t")
        .supported_permission_types(PermissionType::ColumnPermission)
        .send()
        .await
        .unwrap();
    assert_eq!(lake.vended(vended.access_key_id().unwrap()).unwrap().principal_arn(), ROLE_ARN);
    let operations: Vec<Operation> = mock.requests().iter().map(|r| r.operation().clone()).collect();
    assert_eq!(
        operations,
        [
            Operation::Sts(StsOperation::AssumeRole),
            Operation::Sts(StsOperation::GetCallerIdentity),
            Operation::GetTemporaryGlueTableCredentials
        ]
    );
}

const SIGNED_FOR_STS: &str = "AWS4-HMAC-SHA256 Credential=AKIDCI/20261207/us-east-1/sts/aws4_request, \
                              SignedHeaders=host;x-amz-date, Signature=abc";

#[tokio::test]
async fn actions_the_mock_does_not_answer_get_sts_errors() {
    let mock = MockLakeFormation::new().with_lake(&lake());
    let server = MockServer::start(&mock).unwrap();
    let headers = [("authorization", SIGNED_FOR_STS), ("content-type", "application/x-www-form-urlencoded")];
    let address = server.address();
    let reply = tokio::task::spawn_blocking(move || {
        raw(address, "POST", "/", &headers, b"Action=GetSessionToken&Version=2011-06-15").unwrap()
    })
    .await
    .unwrap();
    assert_eq!(reply.status, 400, "{reply:?}");
    assert_eq!(reply.header("content-type"), Some("text/xml"));
    assert!(reply.header("x-amzn-requestid").is_some());
    assert!(reply.body.starts_with("<ErrorResponse"), "{}", reply.body);
    assert!(reply.body.contains("<Code>InvalidAction</Code>"), "{}", reply.body);
    assert!(reply.body.contains("AssumeRole and GetCallerIdentity"), "{}", reply.body);
    // In fixture JSON, for a server user: no Rust.
    assert!(reply.body.contains(r#"{"operation": "*", "responses"#), "{}", reply.body);
    assert!(!reply.body.contains("Rule::"), "{}", reply.body);

    let reply =
        tokio::task::spawn_blocking(move || raw(address, "POST", "/", &headers, b"Version=2011-06-15").unwrap())
            .await
            .unwrap();
    assert_eq!(reply.status, 400, "{reply:?}");
    assert!(reply.body.contains("<Code>MissingAction</Code>"), "{}", reply.body);

    let requests = mock.requests();
    assert_eq!(requests.len(), 2, "each request journaled once");
    assert_eq!(requests[0].operation(), &Operation::Other("sts:GetSessionToken".into()));
    assert_eq!(requests[1].operation(), &Operation::Other("sts:".into()));
}

#[tokio::test]
async fn the_servers_own_errors_reach_an_sts_client_as_sts_xml() {
    // No lake and no rule: nothing answers, and the STS client reads why.
    let mock = MockLakeFormation::builder().fail_on_unmatched(false).build();
    let server = MockServer::start(&mock).unwrap();
    let ci = Credentials::new(CI, "not-a-secret", None, None, "server-test");
    let sts = aws_sdk_sts::Client::new(&config(&server.url(), ci));
    let err = sts.get_caller_identity().send().await.unwrap_err();
    let status = err.raw_response().map(|r| r.status().as_u16());
    let err = err.into_service_error();
    assert_eq!(status, Some(404));
    assert_eq!(aws_sdk_sts::error::ProvideErrorMetadata::code(&err), Some("LakeFormationMockNoMatch"));
    let message = aws_sdk_sts::error::ProvideErrorMetadata::message(&err).unwrap();
    assert!(message.contains("GetCallerIdentity"), "{message}");
}

#[tokio::test]
async fn hostile_sts_bodies_get_specific_xml_errors_and_are_journaled_once() {
    let mock = MockLakeFormation::builder().fail_on_unmatched(false).build().with_lake(&lake());
    let server = MockServer::start(&mock).unwrap();
    let address = server.address();
    let headers = [("authorization", SIGNED_FOR_STS), ("content-type", "application/x-www-form-urlencoded")];
    let bodies: Vec<Vec<u8>> = vec![
        b"Action=AssumeRole&Tags.member.99999999999.Key=k".to_vec(),
        b"Action=AssumeRole&DurationSeconds=99999999999999999999".to_vec(),
        [b"Action=AssumeRole&RoleSessionName=".as_slice(), &[0xff, 0xfe, 0x00], b"&RoleArn=%zz"].concat(),
        vec![0xff; 4096],
        b"Action=AssumeRole&RoleArn=arn:aws:iam::123456789012:role/engine&RoleSessionName=s1&DurationSeconds=900"
            .iter()
            .copied()
            .chain((1..=60).flat_map(|i| format!("&Tags.member.{i}.Key=k{i}&Tags.member.{i}.Value=v").into_bytes()))
            .collect(),
    ];
    let count = bodies.len();
    let replies = tokio::task::spawn_blocking(move || {
        bodies.iter().map(|body| raw(address, "POST", "/", &headers, body).unwrap()).collect::<Vec<_>>()
    })
    .await
    .unwrap();
    for reply in &replies {
        assert!((400..500).contains(&reply.status), "{reply:?}");
        assert_eq!(reply.header("content-type"), Some("text/xml"), "{reply:?}");
        assert!(reply.body.starts_with("<ErrorResponse"), "{reply:?}");
    }
    assert!(replies[3].body.contains("<Code>MissingAction</Code>"), "{:?}", replies[3]);
    assert!(
        replies[4].body.contains("<Code>ValidationError</Code>") && replies[4].body.contains("50"),
        "{:?}",
        replies[4]
    );
    assert_eq!(mock.requests().len(), count, "each request journaled once");
    // The server keeps serving.
    let ci = Credentials::new(CI, "not-a-secret", None, None, "server-test");
    aws_sdk_sts::Client::new(&config(&server.url(), ci)).get_caller_identity().send().await.unwrap();
}
