//! STS checks the signature of what it is sent: a session's keys sign with the secret
//! `AssumeRole` issued them, a principal that declares its secret signs with that one; anything
//! else is `SignatureDoesNotMatch` (403), which says whose secret to sign with. A principal that
//! declares no secret is not checked (the mock's clients sign with a test secret).
#![cfg(feature = "sts")]

use crate::common::signing_credentials;
use crate::sts_assume_role::{CI, CI_ARN, ROLE_ARN};
use aws_sdk_sts::error::ProvideErrorMetadata;
use lakeformation_mock::MockLakeFormation;
use lakeformation_mock::lake::{Lake, Principal, Role};

const DECLARED: &str = "AKIDDECLARED";
const DECLARED_ARN: &str = "arn:aws:iam::123456789012:user/declared";

fn mock() -> MockLakeFormation {
    let lake = Lake::builder()
        .principal(Principal::new(CI, CI_ARN))
        .principal(Principal::new(DECLARED, DECLARED_ARN).secret_access_key("declared-test-secret"))
        .role(Role::new(ROLE_ARN).trusts(CI_ARN))
        .build();
    MockLakeFormation::new().with_lake(&lake)
}

#[tokio::test]
async fn a_session_signs_with_the_secret_it_was_issued_and_another_is_signature_does_not_match() {
    let mock = mock();
    let out = mock.sts_client_as(CI).assume_role().role_arn(ROLE_ARN).role_session_name("engine").send().await.unwrap();
    let c = out.credentials().unwrap();
    let issued = signing_credentials(c.access_key_id(), c.secret_access_key(), Some(c.session_token()));
    let who = mock.sts_client_with(issued).get_caller_identity().send().await.unwrap();
    assert!(who.arn().unwrap().ends_with("assumed-role/engine/engine"), "{who:?}");

    let wrong = signing_credentials(c.access_key_id(), "not-the-issued-secret", Some(c.session_token()));
    let err = mock.sts_client_with(wrong).get_caller_identity().send().await.unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 403);
    let err = err.into_service_error();
    assert_eq!(err.code(), Some("SignatureDoesNotMatch"), "{err:?}");
    let message = err.message().unwrap();
    assert!(message.contains("the SecretAccessKey AssumeRole returned"), "{message}");
    let trace = mock.requests().pop().unwrap().answer().trace().unwrap().to_string();
    assert!(trace.contains("signature: does not match"), "{trace}");
}

#[tokio::test]
async fn a_principal_that_declares_its_secret_signs_with_it_and_one_that_does_not_is_not_checked() {
    let mock = mock();
    let declared = signing_credentials(DECLARED, "declared-test-secret", None);
    let who = mock.sts_client_with(declared).get_caller_identity().send().await.unwrap();
    assert_eq!(who.arn(), Some(DECLARED_ARN));

    // The mock's own client signs with its test secret, not the declared one.
    let err = mock.sts_client_as(DECLARED).get_caller_identity().send().await.unwrap_err().into_service_error();
    assert_eq!(err.code(), Some("SignatureDoesNotMatch"), "{err:?}");
    assert!(err.message().unwrap().contains("Principal::secret_access_key"), "{err:?}");

    // CI declares none: any secret signs for it.
    let any = signing_credentials(CI, "whatever-the-test-uses", None);
    mock.sts_client_with(any).get_caller_identity().send().await.unwrap();
    let trace = mock.requests().pop().unwrap().answer().trace().unwrap().to_string();
    assert!(trace.contains("signature: not checked"), "{trace}");
}
