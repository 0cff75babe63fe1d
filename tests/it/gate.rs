//! Deterministic concurrency: replies held at a gate until the test opens it, the number of
//! responses in flight, and waits that follow the client's own sleep and read timeout.

use crate::common;

use aws_sdk_lakeformation::config::timeout::TimeoutConfig;
use aws_smithy_async::test_util::instant_time_and_sleep;
use aws_smithy_async::time::TimeSource;
use lakeformation_mock::{Gate, MockLakeFormation, Reply, Rule};
use std::time::{Duration, UNIX_EPOCH};

#[tokio::test]
async fn concurrent_calls_wait_at_the_gate_until_it_opens() {
    let mock = MockLakeFormation::new();
    let gate = Gate::new();
    let rule = Rule::table_credentials()
        .respond_with(Reply::from(common::glue_output("ASIAGATED")).held_by(&gate))
        .mount(&mock);
    let calls: Vec<_> = (0..3)
        .map(|_| {
            let client = mock.client();
            tokio::spawn(
                async move { client.get_temporary_glue_table_credentials().table_arn(common::ARN).send().await },
            )
        })
        .collect();
    gate.wait_until_held(3).await;
    // Every request arrived, was journaled and counted; none was answered yet.
    assert_eq!((gate.held(), mock.in_flight(), mock.requests().len(), rule.calls()), (3, 3, 3, 3));
    assert!(calls.iter().all(|c| !c.is_finished()));
    gate.open();
    for call in calls {
        assert_eq!(call.await.unwrap().unwrap().access_key_id(), Some("ASIAGATED"));
    }
    assert_eq!((gate.held(), mock.in_flight()), (0, 0));
    // An open gate lets later replies through at once.
    mock.client().get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap();
}

#[tokio::test]
async fn a_cancelled_call_stops_counting_as_held_and_in_flight() {
    let mock = MockLakeFormation::new();
    let gate = Gate::new();
    Rule::table_credentials().respond_with(Reply::from(common::glue_output("ASIAGATED")).held_by(&gate)).mount(&mock);
    let client = mock.client();
    let call =
        tokio::spawn(async move { client.get_temporary_glue_table_credentials().table_arn(common::ARN).send().await });
    gate.wait_until_held(1).await;
    call.abort();
    assert!(call.await.unwrap_err().is_cancelled());
    assert_eq!((gate.held(), mock.in_flight()), (0, 0));
    assert_eq!(mock.requests().len(), 1, "the request was journaled when it arrived");
}

/// Latency goes through the client's own sleep: with a test sleep that advances a test clock
/// instead of waiting, a one-hour delay passes at once and the clock shows it.
#[tokio::test]
async fn scripted_latency_uses_the_clients_sleep() {
    let mock = MockLakeFormation::new();
    Rule::table_credentials()
        .respond_with(Reply::from(common::glue_output("ASIASLOW")).delayed(Duration::from_secs(3600)))
        .mount(&mock);
    let (time, sleep) = instant_time_and_sleep(UNIX_EPOCH + Duration::from_secs(1_700_000_000));
    let client = aws_sdk_lakeformation::Client::from_conf(
        mock.config_builder().time_source(time.clone()).sleep_impl(sleep).build(),
    );
    let out = client.get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap();
    assert_eq!(out.access_key_id(), Some("ASIASLOW"));
    // The hour passed on the test clock (the SDK's own sleeps may add a fraction of a second).
    let waited = time.now().duration_since(UNIX_EPOCH + Duration::from_secs(1_700_000_000)).unwrap();
    assert!(waited >= Duration::from_secs(3600) && waited < Duration::from_secs(3601), "{waited:?}");
}

/// A reply delayed past the client's read timeout is a timeout error, as a real connector gives
/// (and the SDK retries it, as it retries any timeout).
#[tokio::test(start_paused = true)]
async fn a_reply_delayed_past_the_read_timeout_is_a_timeout() {
    let mock = MockLakeFormation::new();
    Rule::table_credentials()
        .respond_with(Reply::from(common::glue_output("ASIATOOLATE")).delayed(Duration::from_secs(10)))
        .mount(&mock);
    let config = mock
        .config_builder()
        .timeout_config(TimeoutConfig::builder().read_timeout(Duration::from_secs(2)).build())
        .build();
    let client = aws_sdk_lakeformation::Client::from_conf(config);
    let started = tokio::time::Instant::now();
    let err = client.get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap_err();
    let text = common::chain(&err);
    assert!(text.contains("longer than the client's read timeout of 2s"), "{text}");
    assert!(matches!(err, aws_sdk_lakeformation::error::SdkError::DispatchFailure(ref e) if e.is_timeout()), "{err:?}");
    // Three attempts of two seconds each, not ten.
    assert_eq!(started.elapsed(), Duration::from_secs(6));
    assert_eq!(mock.requests().len(), 3);

    // Within the read timeout, the reply arrives.
    Rule::data_location()
        .respond_with(Reply::from(common::data_location_output("ASIAINTIME")).delayed(Duration::from_secs(1)))
        .mount(&mock);
    let out = client.get_temporary_data_location_credentials().send().await.unwrap();
    assert_eq!(out.credentials().unwrap().access_key_id(), Some("ASIAINTIME"));
}
