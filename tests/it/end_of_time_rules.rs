//! Scripted replies with a relative expiry (`Reply::expires_in`, fixture key
//! `expires_in_seconds`) whose `Expiration` cannot be represented: a client clock near the end
//! of time, or an enormous duration. The rule answers `InvalidInputException` saying why, as the
//! simulated lake does, instead of panicking inside the SDK's pipeline.
//!
//! The SDK's SigV4 signer cannot format a date near the end of time (it panics first), so these
//! clients sign at an ordinary time and an interceptor moves their clock after signing: the
//! connector reads the client's clock at the moved time.

use crate::common;

use aws_credential_types::Credentials;
use aws_sdk_lakeformation::error::ProvideErrorMetadata;
use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsError as DlError;
use aws_sdk_lakeformation::operation::get_temporary_glue_partition_credentials::{
    GetTemporaryGluePartitionCredentialsError as GpError, GetTemporaryGluePartitionCredentialsOutput,
};
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsError as GtError;
use aws_sdk_lakeformation::types::PartitionValueList;
use aws_smithy_async::time::TimeSource;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextRef;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::DateTime;
use aws_smithy_types::config_bag::ConfigBag;
use lakeformation_mock::fixture::Scenario;
use lakeformation_mock::{MockLakeFormation, Reply, Rule};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const ORDINARY: u64 = 1_700_000_000;
const TEN_MINUTES: Duration = Duration::from_secs(600);

fn ordinary() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(ORDINARY)
}

fn end_of_time() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(i64::MAX as u64 - 100)
}

/// A client clock that reads an ordinary time until signing, and `after` once signed.
#[derive(Clone, Debug)]
struct Clock {
    after: SystemTime,
    signed: Arc<Mutex<bool>>,
}

impl TimeSource for Clock {
    fn now(&self) -> SystemTime {
        if *self.signed.lock().unwrap() { self.after } else { ordinary() }
    }
}

/// Moves the clock once the request is signed, back before each attempt.
#[derive(Debug)]
struct MoveClockAfterSigning(Clock);

impl Intercept for MoveClockAfterSigning {
    fn name(&self) -> &'static str {
        "MoveClockAfterSigning"
    }

    fn read_before_attempt(
        &self,
        _: &BeforeTransmitInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        *self.0.signed.lock().unwrap() = false;
        Ok(())
    }

    fn read_after_signing(
        &self,
        _: &BeforeTransmitInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        *self.0.signed.lock().unwrap() = true;
        Ok(())
    }
}

/// A client whose clock reads `after` once the request is signed.
fn client_at(mock: &MockLakeFormation, after: SystemTime) -> aws_sdk_lakeformation::Client {
    let clock = Clock { after, signed: Arc::default() };
    aws_sdk_lakeformation::Client::from_conf(
        mock.config_builder()
            .credentials_provider(Credentials::new("AKIDREADER", "not-a-secret", None, None, "test"))
            .time_source(clock.clone())
            .interceptor(MoveClockAfterSigning(clock))
            .build(),
    )
}

fn says_why(message: Option<&str>, clock: &str) {
    let message = message.unwrap_or_default();
    assert!(message.contains(&format!("the calling client's clock reads {clock}")), "{message}");
    assert!(message.contains("cannot be represented"), "{message}");
    assert!(message.contains("expires_in"), "{message}");
}

#[tokio::test]
async fn every_vending_rule_answers_invalid_input_at_the_end_of_time() {
    let mock = MockLakeFormation::new();
    Rule::table_credentials()
        .respond_with(Reply::from(common::glue_output("ASIATABLE")).expires_in(TEN_MINUTES))
        .mount(&mock);
    Rule::data_location()
        .respond_with(Reply::from(common::data_location_output("ASIALOCATION")).expires_in(TEN_MINUTES))
        .mount(&mock);
    let partition = GetTemporaryGluePartitionCredentialsOutput::builder().access_key_id("ASIAPARTITION").build();
    Rule::partition_credentials().respond_with(Reply::from(partition).expires_in(TEN_MINUTES)).mount(&mock);
    let client = client_at(&mock, end_of_time());
    let clock = "9223372036854775707 seconds after the epoch";

    let err = client.get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap_err();
    let err = err.into_service_error();
    assert!(matches!(err, GtError::InvalidInputException(_)), "{err:?}");
    says_why(err.message(), clock);

    let err = client.get_temporary_data_location_credentials().send().await.unwrap_err().into_service_error();
    assert!(matches!(err, DlError::InvalidInputException(_)), "{err:?}");
    says_why(err.message(), clock);

    let err = client
        .get_temporary_glue_partition_credentials()
        .table_arn(common::ARN)
        .partition(PartitionValueList::builder().values("2024-01-01").build().unwrap())
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(matches!(err, GpError::InvalidInputException(_)), "{err:?}");
    says_why(err.message(), clock);

    // The journal keeps the answer as sent: the error.
    let requests = mock.requests();
    assert_eq!(requests.len(), 3);
    for request in &requests {
        let error = request.answer().reply().and_then(|reply| reply.service_error()).expect("an error was sent");
        assert_eq!(error.code(), "InvalidInputException");
    }
}

#[tokio::test]
async fn an_enormous_fixture_duration_answers_invalid_input_at_an_ordinary_time() {
    let scenario = Scenario::from_json_str(&format!(
        r#"{{"version": 1, "rules": [{{"operation": "GetTemporaryGlueTableCredentials",
            "responses": [{{"table_credentials_output": {{"AccessKeyId": "ASIAFIXTURE"}},
                            "expires_in_seconds": {}, "repeat": true}}]}}]}}"#,
        u64::MAX
    ))
    .unwrap();
    let mock = scenario.mock();
    let client = client_at(&mock, ordinary());
    let err = client.get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap_err();
    let err = err.into_service_error();
    assert!(matches!(err, GtError::InvalidInputException(_)), "{err:?}");
    says_why(err.message(), &format!("{ORDINARY} seconds after the epoch"));
}

#[tokio::test]
async fn a_clock_before_the_epoch_expires_from_the_whole_second_before_it() {
    let mock = MockLakeFormation::new();
    Rule::table_credentials()
        .respond_with(Reply::from(common::glue_output("ASIATABLE")).expires_in(TEN_MINUTES))
        .mount(&mock);
    // 1000.25 seconds before the epoch: the whole second at or before it is -1001.
    let client = client_at(&mock, UNIX_EPOCH - Duration::from_millis(1_000_250));
    let out = client.get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap();
    assert_eq!(out.expiration(), Some(&DateTime::from_secs(-1001 + 600)));
}
