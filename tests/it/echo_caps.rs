//! What an error echoes of its input is capped: a huge request value or fixture key gives a
//! message of bounded size that still says what arrived and how much was left out.

use aws_sdk_lakeformation::error::SdkError;
use aws_sdk_lakeformation::operation::get_temporary_glue_partition_credentials::GetTemporaryGluePartitionCredentialsOutput;
use aws_sdk_lakeformation::types::PartitionValueList;
use lakeformation_mock::fixture::Scenario;
use lakeformation_mock::{MockLakeFormation, Rule, Unanswered, matchers};

pub const ARN: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";

/// 100,000 partition values, about 690 KB of them.
pub fn huge_partition() -> PartitionValueList {
    PartitionValueList::builder().set_values(Some((0..100_000).map(|i| format!("v{i}")).collect())).build().unwrap()
}

/// The mock's explanation of an unanswered request.
fn explanation<E: std::error::Error + 'static>(err: &SdkError<E, aws_smithy_runtime_api::http::Response>) -> String {
    let SdkError::DispatchFailure(failure) = err else { panic!("expected a dispatch failure, got {err:?}") };
    let connector = failure.as_connector_error().unwrap();
    let source = std::error::Error::source(connector).expect("the connector error carries the explanation");
    source.downcast_ref::<Unanswered>().expect("the source is lakeformation_mock::Unanswered").message.clone()
}

#[tokio::test]
async fn the_closest_match_diff_shows_a_huge_value_cut() {
    let mock = MockLakeFormation::builder().fail_on_unmatched(false).build();
    Rule::partition_credentials()
        .and(matchers::partition_values(["2024-01-01"]))
        .respond_with(GetTemporaryGluePartitionCredentialsOutput::builder().build())
        .mount(&mock);
    let err = mock
        .client()
        .get_temporary_glue_partition_credentials()
        .table_arn(ARN)
        .partition(huge_partition())
        .send()
        .await
        .unwrap_err();
    let text = explanation(&err);
    assert!(text.len() < 8 * 1024, "the message is {} bytes", text.len());
    assert!(text.contains("Partition.Values: wanted"), "{text}");
    assert!(text.contains(r#"["v0", "v1", "v2""#) && text.contains(" more bytes)"), "{text}");
    mock.reset_rules();
}

#[test]
fn a_huge_unknown_fixture_key_is_shown_cut() {
    let key = "k".repeat(1_000_000);
    let err = Scenario::from_json_str(&format!(r#"{{"version": 1, "rules": [{{"{key}": 1, "responses": []}}]}}"#))
        .unwrap_err();
    let text = err.to_string();
    assert!(text.len() < 8 * 1024, "the error is {} bytes", text.len());
    assert!(text.contains("unknown field `kkkk") && text.contains("... (998976 more bytes)`"), "{text}");
    assert!(err.json_path.starts_with("rules[0].kkk") && err.json_path.len() < 1100, "{}", err.json_path.len());
}

#[tokio::test]
async fn a_huge_malformed_value_is_shown_cut() {
    let mock = MockLakeFormation::builder().fail_on_unmatched(false).build();
    let huge = "x".repeat(1_000_000);
    let rule = Rule::table_credentials().respond_with(crate::common::glue_output("ASIANEVER")).mount(&mock);
    let client = aws_sdk_lakeformation::Client::from_conf(
        mock.config_builder()
            .interceptor(BodyReplacer(format!(r#"{{"TableArn": "{ARN}", "DurationSeconds": "{huge}"}}"#)))
            .build(),
    );
    let err = client.get_temporary_glue_table_credentials().table_arn(ARN).send().await.unwrap_err();
    let text = explanation(&err);
    assert!(text.len() < 8 * 1024, "the message is {} bytes", text.len());
    assert!(text.contains("more bytes)"), "{text}");
    assert_eq!(rule.calls(), 0);
}

/// Replaces the request body the SDK serialized.
#[derive(Debug)]
pub struct BodyReplacer(pub String);

impl aws_smithy_runtime_api::client::interceptors::Intercept for BodyReplacer {
    fn name(&self) -> &'static str {
        "BodyReplacer"
    }

    fn modify_before_transmit(
        &self,
        context: &mut aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextMut<'_>,
        _: &aws_smithy_runtime_api::client::runtime_components::RuntimeComponents,
        _: &mut aws_smithy_types::config_bag::ConfigBag,
    ) -> Result<(), aws_smithy_runtime_api::box_error::BoxError> {
        *context.request_mut().body_mut() = aws_smithy_types::body::SdkBody::from(self.0.clone());
        Ok(())
    }
}

/// The simulated lake's refusal of a huge location quotes it cut, in the message the SDK sees and
/// in the trace's last step.
#[tokio::test]
async fn a_lake_refusal_of_a_huge_location_quotes_it_cut() {
    use lakeformation_mock::lake::{Lake, Principal};
    let role = "arn:aws:iam::123456789012:role/reader";
    let lake = Lake::builder().principal(Principal::new("AKIDREADER", role)).build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let location = format!("s3://warehouse/{}", "a".repeat(1_000_000));
    let err = mock
        .client_as("AKIDREADER")
        .get_temporary_data_location_credentials()
        .data_locations(&location)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    let message = aws_sdk_lakeformation::error::ProvideErrorMetadata::message(&err).unwrap();
    assert!(message.len() < 5_000, "{} bytes", message.len());
    assert!(message.contains("s3://warehouse/aaaa") && message.contains("more bytes)"), "{message}");
    let trace = mock.requests()[0].answer().trace().unwrap().to_string();
    assert!(trace.len() < 20_000 && trace.contains("more bytes)"), "{} bytes", trace.len());
}

/// Input validation's refusal of a huge `TableArn` that is no ARN quotes it cut.
#[tokio::test]
async fn a_huge_malformed_table_arn_is_quoted_cut() {
    let mock = MockLakeFormation::new();
    let arn = "x".repeat(1_000_000);
    let err = mock.client().get_temporary_glue_table_credentials().table_arn(&arn).send().await.unwrap_err();
    let message = aws_sdk_lakeformation::error::ProvideErrorMetadata::message(&err.into_service_error())
        .unwrap_or_default()
        .to_owned();
    assert!(message.len() < 2_000, "{} bytes", message.len());
    assert!(message.starts_with("Invalid TableArn 'xxxx") && message.contains("more bytes)"), "{message}");
}
