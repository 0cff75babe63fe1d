//! A report line names a request by its identifying fields, each capped: a huge `TableArn` or
//! list of `DataLocations` is shown cut, with what was left out counted, so the report stays
//! readable.

use lakeformation_mock::MockLakeFormation;

/// A Glue table ARN whose table name is 100,000 bytes long.
fn huge_table_arn() -> String {
    format!("arn:aws:glue:us-east-1:123456789012:table/sales/{}", "t".repeat(100_000))
}

#[tokio::test]
async fn an_unmatched_request_with_a_huge_table_arn_is_named_by_a_cut_arn() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).validate_input(false).build();
    let _ = mock.client().get_temporary_glue_table_credentials().table_arn(huge_table_arn()).send().await;
    let text = mock.report().to_string();
    assert!(text.len() < 4 * 1024, "the report is {} bytes", text.len());
    assert!(text.contains("#0 GetTemporaryGlueTableCredentials TableArn=\"arn:aws:glue:us-east-1:"), "{text}");
    assert!(text.contains("ttt... (99026 more bytes)"), "{text}");
}

#[tokio::test]
async fn an_unmatched_request_with_many_data_locations_is_named_by_a_cut_list() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).validate_input(false).build();
    let locations: Vec<String> = (0..10_000).map(|i| format!("s3://bucket/prefix-{i}/")).collect();
    let _ = mock.client().get_temporary_data_location_credentials().set_data_locations(Some(locations)).send().await;
    let text = mock.report().to_string();
    assert!(text.len() < 4 * 1024, "the report is {} bytes", text.len());
    assert!(text.contains(r#"DataLocations=["s3://bucket/prefix-0/", "s3://bucket/prefix-1/""#), "{text}");
    assert!(text.contains(" more bytes)"), "{text}");
}

#[tokio::test]
async fn a_shared_query_id_failure_names_each_request_by_a_cut_arn() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).validate_input(false).build();
    let _ = mock.client().get_temporary_glue_table_credentials().table_arn(huge_table_arn()).send().await;
    let journal = mock.journal();
    let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| journal.assert_shared_query_id()));
    let payload = panic.expect_err("no request carried a QueryId");
    let message = payload.downcast_ref::<String>().expect("a formatted panic message");
    assert!(message.len() < 4 * 1024, "the message is {} bytes", message.len());
    assert!(message.contains("(99026 more bytes): (absent)"), "{message}");
}
