//! Scripted replies relative to the client's clock: `Reply::expires_in` and the fixture key
//! `expires_in_seconds` set `Expiration` from the calling client's time source, to the whole
//! second, at the moment each reply is sent.

use crate::common;

use aws_smithy_async::test_util::ManualTimeSource;
use aws_smithy_types::DateTime;
use lakeformation_mock::fixture::Scenario;
use lakeformation_mock::{MockLakeFormation, Reply, Rule};
use std::time::{Duration, UNIX_EPOCH};

fn client_at(mock: &MockLakeFormation, clock: &ManualTimeSource) -> aws_sdk_lakeformation::Client {
    aws_sdk_lakeformation::Client::from_conf(mock.config_builder().time_source(clock.clone()).build())
}

#[tokio::test]
async fn an_output_expires_relative_to_the_clients_clock_at_each_call() {
    let mock = MockLakeFormation::new();
    let ten_minutes = Duration::from_secs(600);
    Rule::table_credentials()
        .respond_with(Reply::from(common::glue_output("ASIATABLE")).expires_in(ten_minutes))
        .mount(&mock);
    Rule::data_location()
        .respond_with(Reply::from(common::data_location_output("ASIALOCATION")).expires_in(ten_minutes))
        .mount(&mock);
    let clock = ManualTimeSource::new(UNIX_EPOCH + Duration::from_millis(1_700_000_000_750));
    let client = client_at(&mock, &clock);

    let out = client.get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap();
    assert_eq!(out.expiration(), Some(&DateTime::from_secs(1_700_000_600)));
    // The journal keeps the output as sent.
    let sent = mock.requests()[0].answer().reply().unwrap().table_credentials_output().unwrap().expiration().copied();
    assert_eq!(sent, Some(DateTime::from_secs(1_700_000_600)));

    clock.advance(Duration::from_secs(300));
    let out = client.get_temporary_data_location_credentials().send().await.unwrap();
    assert_eq!(out.credentials().unwrap().expiration(), Some(&DateTime::from_secs(1_700_000_900)));
    let out = client.get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap();
    assert_eq!(out.expiration(), Some(&DateTime::from_secs(1_700_000_900)));
}

#[tokio::test]
async fn the_fixture_key_expires_in_seconds_does_the_same() {
    let scenario = Scenario::from_json_str(
        r#"{"version": 1, "rules": [{"operation": "GetTemporaryGlueTableCredentials",
            "responses": [{"table_credentials_output": {"AccessKeyId": "ASIAFIXTURE"}, "expires_in_seconds": 60, "repeat": true}]}]}"#,
    )
    .unwrap();
    let mock = scenario.mock();
    let clock = ManualTimeSource::new(UNIX_EPOCH + Duration::from_secs(1_800_000_000));
    let out =
        client_at(&mock, &clock).get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap();
    assert_eq!(out.expiration(), Some(&DateTime::from_secs(1_800_000_060)));

    let err = Scenario::from_json_str(
        r#"{"version": 1, "rules": [{"responses": [{"error": {"code": "AccessDeniedException"}, "expires_in_seconds": 60}]}]}"#,
    )
    .unwrap_err();
    assert_eq!(err.json_path, "rules[0].responses[0].expires_in_seconds");
    assert!(
        err.to_string()
            .contains("goes with `table_credentials_output`, `data_location_output` or `partition_credentials_output`"),
        "{err}"
    );
}

#[test]
#[should_panic(
    expected = "Reply::expires_in applies to a GetTemporaryGlueTableCredentials, GetTemporaryDataLocationCredentials or GetTemporaryGluePartitionCredentials output"
)]
fn expires_in_on_an_error_is_refused_where_it_is_scripted() {
    let _ = Reply::error(lakeformation_mock::ErrorCode::AccessDenied, "no").expires_in(Duration::from_secs(60));
}
