//! Retries, connector faults, latency and sequences, as the SDK's pipeline sees them.

use crate::common;

use aws_sdk_lakeformation::config::timeout::TimeoutConfig;
use aws_sdk_lakeformation::error::SdkError;
use lakeformation_mock::{ErrorCode, Fault, MockLakeFormation, RawResponse, Reply, Rule};
use std::time::Duration;

#[tokio::test]
async fn a_500_then_success_is_one_successful_call_and_two_journal_entries() {
    let mock = MockLakeFormation::new();
    Rule::table_credentials()
        .then(Reply::error(ErrorCode::InternalService, "try again"))
        .respond_with(common::glue_output("ASIAAFTERRETRY"))
        .mount(&mock);
    let out = mock.client().get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap();
    assert_eq!(out.access_key_id(), Some("ASIAAFTERRETRY"));
    let journal = mock.requests();
    assert_eq!(journal.len(), 2);
    assert_eq!(journal[0].answer().status_code(), Some(500));
    assert_eq!(journal[1].answer().status_code(), Some(200));
    assert_eq!(journal[1].header_value("amz-sdk-request"), Some("attempt=2; max=3"));
}

#[tokio::test]
async fn throttling_and_raw_503_are_retried_until_success() {
    let mock = MockLakeFormation::new();
    Rule::data_location()
        .then(Reply::throttling())
        .then(RawResponse::new(503).body("Service Unavailable"))
        .respond_with(common::data_location_output("ASIATHIRDTIME"))
        .mount(&mock);
    let out = mock.client().get_temporary_data_location_credentials().send().await.unwrap();
    assert_eq!(out.credentials().and_then(|c| c.access_key_id()), Some("ASIATHIRDTIME"));
    assert_eq!(mock.requests().len(), 3);
}

#[tokio::test]
async fn access_denied_and_operation_timeout_are_not_retried() {
    for code in [ErrorCode::AccessDenied, ErrorCode::OperationTimeout] {
        let mock = MockLakeFormation::new();
        Rule::table_credentials().respond_with(Reply::error(code, "no")).mount(&mock);
        let err = mock.client().get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap_err();
        assert!(matches!(err, SdkError::ServiceError(_)));
        assert_eq!(mock.requests().len(), 1, "{code}");
    }
}

#[tokio::test]
async fn raw_responses_are_sent_exactly_as_given() {
    let mock = MockLakeFormation::new();
    let body = r#"{"__type":"com.amazonaws.lakeformation#EntityNotFoundException:http://x","message":"gone"}"#;
    Rule::table_credentials()
        .respond_with(RawResponse::new(400).header("x-amz-request-id", "raw-id-1").body(body))
        .mount(&mock);
    let err = mock.client().get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap_err();
    assert_eq!(aws_sdk_lakeformation::operation::RequestId::request_id(&err), Some("raw-id-1"));
    let e = err.into_service_error();
    assert!(e.is_entity_not_found_exception(), "{e:?}");
    assert_eq!(aws_sdk_lakeformation::error::ProvideErrorMetadata::message(&e), Some("gone"));
}

#[tokio::test]
async fn connector_faults_map_to_dispatch_failures_of_the_matching_kind() {
    // (fault, check on the ConnectorError, attempts the SDK makes)
    type IsKind = fn(&aws_smithy_runtime_api::client::result::ConnectorError) -> bool;
    let cases: [(Fault, IsKind, usize); 3] = [
        (Fault::Timeout, |e| e.is_timeout(), 3),
        (Fault::Io, |e| e.is_io(), 3),
        (Fault::Other("TLS handshake failed".into()), |e| e.is_other().then_some(()).is_some(), 1),
    ];
    for (fault, is_kind, attempts) in cases {
        let mock = MockLakeFormation::new();
        Rule::table_credentials().respond_with(fault.clone()).mount(&mock);
        let err = mock.client().get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap_err();
        let SdkError::DispatchFailure(failure) = &err else { panic!("{fault:?}: {err:?}") };
        assert!(is_kind(failure.as_connector_error().unwrap()), "{fault:?}: {err:?}");
        assert_eq!(mock.requests().len(), attempts, "{fault:?}");
        assert_eq!(mock.requests()[0].answer().reply().and_then(Reply::fault), Some(&fault));
    }
}

#[tokio::test(start_paused = true)]
async fn latency_is_an_async_sleep_that_paused_time_skips() {
    let mock = MockLakeFormation::new();
    Rule::table_credentials()
        .respond_with(Reply::from(common::glue_output("ASIASLOW")).delayed(Duration::from_secs(30)))
        .mount(&mock);
    let start = tokio::time::Instant::now();
    let out = mock.client().get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap();
    assert_eq!(out.access_key_id(), Some("ASIASLOW"));
    assert!(start.elapsed() >= Duration::from_secs(30), "{:?}", start.elapsed());
}

#[tokio::test(start_paused = true)]
async fn latency_beyond_the_clients_attempt_timeout_is_a_timeout_error() {
    let mock = MockLakeFormation::new();
    Rule::table_credentials()
        .respond_with(Reply::from(common::glue_output("ASIASLOW")).delayed(Duration::from_secs(10)))
        .mount(&mock);
    let config = mock
        .config_builder()
        .timeout_config(TimeoutConfig::builder().operation_timeout(Duration::from_secs(2)).build())
        .build();
    let client = aws_sdk_lakeformation::Client::from_conf(config);
    let err = client.get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap_err();
    assert!(matches!(err, SdkError::TimeoutError(_)), "{err:?}");
}

#[tokio::test]
async fn a_sequence_answers_in_order_with_times_and_then_falls_through() {
    let mock = MockLakeFormation::new();
    Rule::table_credentials()
        .then(common::glue_output("ASIAFIRST"))
        .then(common::glue_output("ASIASECOND"))
        .times(2)
        .priority(1)
        .mount(&mock);
    Rule::table_credentials().respond_with(common::glue_output("ASIAFALLBACK")).mount(&mock);
    let client = mock.client();
    let mut keys = Vec::new();
    for _ in 0..5 {
        let out = client.get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap();
        keys.push(out.access_key_id().unwrap().to_owned());
    }
    assert_eq!(keys, ["ASIAFIRST", "ASIASECOND", "ASIASECOND", "ASIAFALLBACK", "ASIAFALLBACK"]);
    let rules: Vec<_> = mock.requests().iter().map(|r| r.answer().rule().unwrap().index()).collect();
    assert_eq!(rules, [0, 0, 0, 1, 1]);
}

#[tokio::test]
async fn repeatedly_makes_the_last_reply_answer_forever() {
    let mock = MockLakeFormation::new();
    Rule::data_location()
        .then(common::data_location_output("ASIAONCE"))
        .then(common::data_location_output("ASIAFOREVER"))
        .repeatedly()
        .mount(&mock);
    let client = mock.client();
    for expected in ["ASIAONCE", "ASIAFOREVER", "ASIAFOREVER", "ASIAFOREVER"] {
        let out = client.get_temporary_data_location_credentials().send().await.unwrap();
        assert_eq!(out.credentials().and_then(|c| c.access_key_id()), Some(expected));
    }
}

#[tokio::test]
async fn a_used_up_sequence_with_nothing_behind_it_fails_the_call_and_says_so() {
    // Verified below, rather than on drop.
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    Rule::table_credentials().then(common::glue_output("ASIAONLYONCE")).named("one shot").mount(&mock);
    let client = mock.client();
    client.get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap();
    let err = client.get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap_err();
    let text = common::chain(&err);
    assert!(text.contains("closest rule: `one shot` (its sequence of replies is used up)"), "{text}");
    // An engine that swallowed the error still fails its test, and the report says the same.
    let report = mock.report();
    assert!(report.failed());
    assert!(report.to_string().contains("closest rule: `one shot` (its sequence of replies is used up)"), "{report}");
}

/// Retries draw on a token bucket (500 tokens, 5 a retry) that the SDK shares between every
/// client of one retry partition. Each mock's clients have a partition of their own, so one test
/// that drains its bucket with failures, as production would, cannot take another test's retries.
#[tokio::test]
async fn a_mock_that_drains_its_retry_bucket_leaves_other_mocks_retrying() {
    let drained = MockLakeFormation::new();
    Rule::table_credentials().respond_with(Reply::error(ErrorCode::InternalService, "down")).mount(&drained);
    let client = drained.client();
    // Two retries a call: 50 calls empty the bucket; the calls after it are not retried.
    for _ in 0..60 {
        let _ = client.get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap_err();
    }
    let before = drained.requests().len();
    let _ = client.get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap_err();
    assert_eq!(drained.requests().len() - before, 1, "an empty bucket: the SDK does not retry");
    // The same mock's other clients share its bucket, as one service's clients do in production.
    let second = drained.client();
    let before = drained.requests().len();
    let _ = second.get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap_err();
    assert_eq!(drained.requests().len() - before, 1, "the mock's clients share one bucket");

    let fresh = MockLakeFormation::new();
    Rule::table_credentials()
        .then(Reply::error(ErrorCode::InternalService, "once"))
        .respond_with(common::glue_output("ASIARETRIEDAGAIN"))
        .mount(&fresh);
    let out = fresh.client().get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap();
    assert_eq!(out.access_key_id(), Some("ASIARETRIEDAGAIN"));
    assert_eq!(fresh.requests().len(), 2, "another mock's bucket is full: its call is retried");
}
