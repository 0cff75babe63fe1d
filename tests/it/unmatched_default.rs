//! A request nothing answered fails the test by default, however the code under test handled
//! the failed call (retried it, swallowed the error): at verification and on drop, with the
//! closest rule and the same diff as the error the SDK call got.

use crate::common::{ARN, OTHER_ARN, glue_output};
use lakeformation_mock::fixture::Scenario;
use lakeformation_mock::{MockLakeFormation, Rule, Unanswered, matchers};

/// Code under test that asks for credentials and falls back to none when the call fails.
async fn swallowing_engine(client: &aws_sdk_lakeformation::Client, table: &str) -> Option<String> {
    let out = client.get_temporary_glue_table_credentials().table_arn(table).send().await.ok()?;
    out.access_key_id().map(str::to_owned)
}

/// The explanation the SDK call failed with.
async fn unanswered_message(client: &aws_sdk_lakeformation::Client, table: &str) -> String {
    let err = client.get_temporary_glue_table_credentials().table_arn(table).send().await.unwrap_err();
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&err);
    while let Some(error) = source {
        if let Some(unanswered) = error.downcast_ref::<Unanswered>() {
            return unanswered.message.clone();
        }
        source = error.source();
    }
    panic!("no Unanswered in {err:?}")
}

fn orders_rule() -> Rule {
    Rule::table_credentials().and(matchers::table_arn(ARN)).respond_with(glue_output("ASIAORDERS")).named("orders")
}

#[tokio::test]
#[should_panic(expected = "1 unmatched request (no rule matched):\n  - #0 GetTemporaryGlueTableCredentials")]
async fn an_engine_that_swallows_the_error_still_fails_its_test_on_drop() {
    let mock = MockLakeFormation::new();
    orders_rule().mount(&mock);
    assert_eq!(swallowing_engine(&mock.client(), OTHER_ARN).await, None);
    // Nothing else checks: dropping the mock fails the test.
}

#[tokio::test]
async fn an_engine_that_retries_fails_verification_with_the_diff_its_call_got() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    orders_rule().mount(&mock);
    let client = mock.client();
    let message = unanswered_message(&client, OTHER_ARN).await;
    for _ in 0..2 {
        assert_eq!(swallowing_engine(&client, OTHER_ARN).await, None);
    }
    let report = mock.report();
    assert!(report.failed());
    assert_eq!(report.unanswered_requests().len(), 3, "every attempt is listed");
    let text = report.to_string();
    assert!(text.contains("3 unmatched requests (no rule matched):"), "{text}");
    // The closest rule and its diff, as the SDK call's error gave them.
    let diff: Vec<&str> = message
        .lines()
        .skip_while(|l| !l.contains("closest rule:"))
        .take_while(|l| !l.contains("to answer it"))
        .collect();
    assert_eq!(diff.len(), 2, "{message}");
    for line in diff {
        assert!(text.contains(line.trim()), "the report lacks {line:?}: {text}");
    }
    assert!(text.contains(&format!("TableArn: wanted \"{ARN}\", found \"{OTHER_ARN}\"")), "{text}");
}

#[tokio::test]
async fn a_test_that_leaves_requests_unanswered_opts_out() {
    let mock = MockLakeFormation::builder().fail_on_unmatched(false).build();
    orders_rule().mount(&mock);
    assert_eq!(swallowing_engine(&mock.client(), OTHER_ARN).await, None);
    let report = mock.report();
    assert!(!report.failed(), "{report}");
    assert_eq!(report.unanswered_requests().len(), 1, "still listed, for a test that looks");
    mock.verify();
}

#[tokio::test]
async fn a_fixtures_mock_fails_on_unmatched_unless_its_settings_say_otherwise() {
    for (settings, fails) in [("", true), (r#", "settings": {"fail_on_unmatched": false}"#, false)] {
        let scenario = Scenario::from_json_str(&format!(r#"{{"version": 1{settings}}}"#)).unwrap();
        let mock = scenario.configure(MockLakeFormation::builder().verify_on_drop(false)).build();
        assert_eq!(swallowing_engine(&mock.client(), ARN).await, None);
        assert_eq!(mock.report().failed(), fails, "settings {settings:?}: {}", mock.report());
    }
}
