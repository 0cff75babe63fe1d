//! What STS refuses, with its own codes and statuses, through a real `aws_sdk_sts::Client`:
//! session names, durations (the role's `MaxSessionDuration`, role chaining's hour), session
//! tags, trust, external ids, unknown roles and keys; and what it accepts at each edge.
#![cfg(feature = "sts")]

use crate::sts_assume_role::{CI, CI_ARN, ROLE_ARN, lake};
use aws_sdk_sts::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_sts::operation::assume_role::{AssumeRoleError, AssumeRoleOutput};
use aws_sdk_sts::types::Tag;
use lakeformation_mock::lake::{Lake, Principal, Role};
use lakeformation_mock::{MockLakeFormation, Source};

const OTHER: &str = "AKIDOTHER";
const OTHER_ARN: &str = "arn:aws:iam::123456789012:user/other";
const CHAINED_ARN: &str = "arn:aws:iam::123456789012:role/chained";
const PARTNER_ARN: &str = "arn:aws:iam::123456789012:role/partner";

fn tag(key: &str, value: &str) -> Tag {
    Tag::builder().key(key).value(value).build().unwrap()
}

/// The code, status and message of a refusal.
fn refusal(result: Result<AssumeRoleOutput, SdkError<AssumeRoleError>>) -> (String, u16, String) {
    let err = result.expect_err("refused");
    let status = err.raw_response().map(|r| r.status().as_u16()).unwrap_or_default();
    let err = err.into_service_error();
    (err.code().unwrap_or_default().to_owned(), status, err.message().unwrap_or_default().to_owned())
}

fn mock() -> (Lake, MockLakeFormation) {
    let lake = Lake::builder()
        .principal(Principal::new(CI, CI_ARN))
        .principal(Principal::new(OTHER, OTHER_ARN))
        .role(Role::new(ROLE_ARN).trusts(CI_ARN).max_session_duration(7200))
        .role(Role::new(CHAINED_ARN).trusts(ROLE_ARN).max_session_duration(43_200))
        .role(Role::new(PARTNER_ARN).trusts(CI_ARN).external_id("partner-42"))
        .build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    (lake, mock)
}

#[tokio::test]
async fn session_names_outside_the_model_are_validation_errors() {
    let (lake, mock) = mock();
    let sts = mock.sts_client_as(CI);
    for bad in ["a", &"a".repeat(65), "has space", "slash/no"] {
        let (code, status, message) = refusal(sts.assume_role().role_arn(ROLE_ARN).role_session_name(bad).send().await);
        assert_eq!((code.as_str(), status), ("ValidationError", 400), "{bad}: {message}");
        assert!(message.contains("roleSessionName") && message.contains("RoleSessionName"), "{message}");
    }
    for good in ["ab", &"a".repeat(64), "engine_1+=,.@-x"] {
        sts.assume_role().role_arn(ROLE_ARN).role_session_name(good).send().await.unwrap();
    }
    assert_eq!(lake.sessions().len(), 3);
    let requests = mock.requests();
    assert_eq!(requests.len(), 7, "each request is journaled once");
    assert!(requests[..4].iter().all(|r| *r.answer().source() == Source::Validation));
}

#[tokio::test]
async fn durations_are_refused_never_clamped() {
    let (lake, mock) = mock();
    let sts = mock.sts_client_as(CI);
    let assume =
        |seconds: i32| sts.assume_role().role_arn(ROLE_ARN).role_session_name("s1").duration_seconds(seconds).send();
    for (seconds, says) in [(899, "900"), (43_201, "43200"), (7201, "MaxSessionDuration")] {
        let (code, status, message) = refusal(assume(seconds).await);
        assert_eq!((code.as_str(), status), ("ValidationError", 400), "{seconds}: {message}");
        assert!(message.contains(says), "{message}");
    }
    let (_, _, message) = refusal(assume(7201).await);
    assert!(message.contains(".max_session_duration(7201)"), "the fix is a builder call: {message}");
    for seconds in [900, 7200] {
        let out = assume(seconds).await.unwrap();
        let session = lake.session(out.credentials().unwrap().access_key_id()).unwrap();
        assert_eq!(session.expires_at().duration_since(session.issued_at()).unwrap().as_secs(), seconds as u64);
    }
    // Without DurationSeconds: one hour.
    let out = sts.assume_role().role_arn(ROLE_ARN).role_session_name("s1").send().await.unwrap();
    let session = lake.session(out.credentials().unwrap().access_key_id()).unwrap();
    assert_eq!(session.expires_at().duration_since(session.issued_at()).unwrap().as_secs(), 3600);
}

/// An STS client signing with the session `out` issued.
fn as_session(mock: &MockLakeFormation, out: &AssumeRoleOutput) -> aws_sdk_sts::Client {
    let c = out.credentials().unwrap();
    let credentials =
        crate::common::signing_credentials(c.access_key_id(), c.secret_access_key(), Some(c.session_token()));
    mock.sts_client_with(credentials)
}

#[tokio::test]
async fn role_chaining_caps_the_session_at_an_hour_and_carries_transitive_tags() {
    let (lake, mock) = mock();
    let first = mock
        .sts_client_as(CI)
        .assume_role()
        .role_arn(ROLE_ARN)
        .role_session_name("first")
        .tags(tag("team", "data"))
        .tags(tag("LakeFormationAuthorizedCaller", "engine-x"))
        .transitive_tag_keys("team")
        .send()
        .await
        .unwrap();
    let session = as_session(&mock, &first);
    let chain = |seconds: Option<i32>| {
        session.assume_role().role_arn(CHAINED_ARN).role_session_name("second").set_duration_seconds(seconds).send()
    };
    let (code, status, message) = refusal(chain(Some(3601)).await);
    assert_eq!((code.as_str(), status), ("ValidationError", 400), "{message}");
    assert!(message.contains("role chaining") && message.contains("3600"), "{message}");
    let second = chain(Some(3600)).await.unwrap();
    let chained = lake.session(second.credentials().unwrap().access_key_id()).unwrap();
    assert!(chained.is_chained());
    assert_eq!(chained.caller_arn(), "arn:aws:sts::123456789012:assumed-role/engine/first");
    assert_eq!(chained.role_arn(), CHAINED_ARN);
    // The transitive tag is carried, the other is not.
    assert_eq!(chained.tags().get("team").map(String::as_str), Some("data"));
    assert!(!chained.tags().contains_key("LakeFormationAuthorizedCaller"), "{:?}", chained.tags());
    // A transitive tag cannot be overridden.
    let (code, _, message) = refusal(
        session.assume_role().role_arn(CHAINED_ARN).role_session_name("third").tags(tag("team", "x")).send().await,
    );
    assert_eq!(code, "ValidationError", "{message}");
    // The first session's role does not trust itself: a session cannot assume it again.
    let (code, status, _) = refusal(session.assume_role().role_arn(ROLE_ARN).role_session_name("again").send().await);
    assert_eq!((code.as_str(), status), ("AccessDenied", 403));
}

#[tokio::test]
async fn session_tags_outside_the_limits_are_validation_errors() {
    let (_, mock) = mock();
    let sts = mock.sts_client_as(CI);
    let assume =
        |tags: Vec<Tag>| sts.assume_role().role_arn(ROLE_ARN).role_session_name("s1").set_tags(Some(tags)).send();
    let many = |n: usize| (0..n).map(|i| tag(&format!("k{i}"), "v")).collect::<Vec<_>>();
    for (tags, says) in [
        (many(51), "50"),
        (vec![tag(&"k".repeat(129), "v")], "128"),
        (vec![tag("k", &"v".repeat(257))], "256"),
        (vec![tag("", "v")], "128"),
    ] {
        let (code, status, message) = refusal(assume(tags).await);
        assert_eq!((code.as_str(), status), ("ValidationError", 400), "{message}");
        assert!(message.contains(says), "{message}");
    }
    assume(many(50)).await.unwrap();
    assume(vec![tag(&"k".repeat(128), &"v".repeat(256)), tag("empty", "")]).await.unwrap();
}

#[tokio::test]
async fn untrusted_callers_unknown_roles_and_wrong_external_ids_are_access_denied() {
    let (_, mock) = mock();
    let (code, status, message) =
        refusal(mock.sts_client_as(OTHER).assume_role().role_arn(ROLE_ARN).role_session_name("s1").send().await);
    assert_eq!((code.as_str(), status), ("AccessDenied", 403));
    assert!(message.contains(OTHER_ARN) && message.contains(&format!(".trusts(\"{OTHER_ARN}\")")), "{message}");

    let missing = "arn:aws:iam::123456789012:role/missing";
    let (code, status, message) =
        refusal(mock.sts_client_as(CI).assume_role().role_arn(missing).role_session_name("s1").send().await);
    assert_eq!((code.as_str(), status), ("AccessDenied", 403));
    assert!(message.contains("Lake::builder().role(Role::new("), "{message}");

    let sts = mock.sts_client_as(CI);
    let partner = |id: Option<&str>| {
        sts.assume_role().role_arn(PARTNER_ARN).role_session_name("s1").set_external_id(id.map(str::to_owned)).send()
    };
    for id in [None, Some("partner-41")] {
        let (code, status, message) = refusal(partner(id).await);
        assert_eq!((code.as_str(), status), ("AccessDenied", 403), "{message}");
        assert!(message.contains("ExternalId"), "{message}");
    }
    partner(Some("partner-42")).await.unwrap();
}

#[tokio::test]
async fn an_unknown_access_key_is_an_invalid_client_token() {
    let (_, mock) = mock();
    let (code, status, message) =
        refusal(mock.sts_client_as("AKIDNOBODY").assume_role().role_arn(ROLE_ARN).role_session_name("s1").send().await);
    assert_eq!((code.as_str(), status), ("InvalidClientTokenId", 403));
    assert!(message.contains("AKIDNOBODY") && message.contains("Principal::new(\"AKIDNOBODY\""), "{message}");
    let err = mock.sts_client_as("AKIDNOBODY").get_caller_identity().send().await.unwrap_err().into_service_error();
    assert_eq!(err.code(), Some("InvalidClientTokenId"));
}

#[tokio::test]
async fn an_unknown_key_is_refused_before_its_invalid_input_as_sts_authenticates_first() {
    let (_, mock) = mock();
    let bad_name = || mock.sts_client_as("AKIDNOBODY").assume_role().role_arn(ROLE_ARN).role_session_name("no spaces");
    let (code, status, message) = refusal(bad_name().send().await);
    assert_eq!((code.as_str(), status), ("InvalidClientTokenId", 403), "{message}");
    let trace = mock.requests().pop().unwrap().answer().trace().unwrap().to_string();
    assert!(trace.contains("authenticates the caller before"), "{trace}");
    // A known caller with the same input gets the validation error.
    let (code, status, message) =
        refusal(mock.sts_client_as(CI).assume_role().role_arn(ROLE_ARN).role_session_name("no spaces").send().await);
    assert_eq!((code.as_str(), status), ("ValidationError", 400), "{message}");
}

#[tokio::test]
async fn the_default_lake_lets_ci_assume_the_engine_role() {
    // The shared lake of these tests: ci may assume engine, other callers may not.
    let lake = lake();
    let mock = MockLakeFormation::new().with_lake(&lake);
    mock.sts_client_as(CI).assume_role().role_arn(ROLE_ARN).role_session_name("s1").send().await.unwrap();
}
