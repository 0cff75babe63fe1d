//! Scripted Glue answers checked against Glue's model, through a real `aws_sdk_glue::Client`: an
//! output Glue could never send fails the call naming the member; errors decode as the SDK
//! decodes Glue's, and `ErrorCode::is_modeled_for` says which ones it decodes.
#![cfg(feature = "glue")]

use crate::common;
use aws_sdk_glue::error::ProvideErrorMetadata;
use aws_sdk_glue::operation::get_unfiltered_partitions_metadata::GetUnfilteredPartitionsMetadataOutput;
use aws_sdk_glue::operation::get_unfiltered_table_metadata::{
    GetUnfilteredTableMetadataError as TmError, GetUnfilteredTableMetadataOutput,
};
use aws_sdk_glue::types::{ColumnRowFilter, Partition, Permission, PermissionType, Table, UnfilteredPartition};
use lakeformation_mock::glue::GlueOperation;
use lakeformation_mock::{ErrorCode, MockLakeFormation, Operation, Reply, Rule};

fn orders() -> Table {
    Table::builder().name("orders").database_name("sales").build().unwrap()
}

/// The text of the error a `GetUnfilteredTableMetadata` call answered by `reply` fails with.
async fn table_metadata_failure(reply: impl Into<Reply>) -> String {
    // The request goes unanswered on purpose: the report below says why.
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    Rule::unfiltered_table_metadata().respond_with(reply).mount(&mock);
    let err = mock
        .glue_client()
        .get_unfiltered_table_metadata()
        .catalog_id("123456789012")
        .database_name("sales")
        .name("orders")
        .supported_permission_types(PermissionType::CellFilterPermission)
        .send()
        .await
        .expect_err("an output Glue never sends is refused");
    // The journal keeps the same explanation, and the reply that could not be sent.
    let text = common::chain(&err);
    let failure = mock.requests()[0].answer().failure().map(str::to_owned).unwrap_or_default();
    assert!(failure.contains("breaks Glue's model") && text.contains(&failure), "{failure} / {text}");
    // Verification fails, and says the rule matched but its reply cannot be sent, and why.
    let report = mock.report();
    assert!(report.failed());
    let shown = report.to_string();
    assert!(shown.contains("1 unanswered request (a rule matched, but its reply cannot be sent):"), "{shown}");
    assert!(shown.contains(&format!("rule #0: {failure}")), "{shown}");
    assert!(!shown.contains("no rule matched"), "{shown}");
    text
}

#[tokio::test]
async fn a_table_metadata_output_without_a_table_fails_the_call_naming_the_table() {
    let text =
        table_metadata_failure(GetUnfilteredTableMetadataOutput::builder().authorized_columns("id").build()).await;
    assert!(
        text.contains(
            "the scripted GetUnfilteredTableMetadata output breaks Glue's model, so Glue never sends it: 1 validation \
             error detected: Value null at 'Table' failed to satisfy constraint: Member must not be null"
        ),
        "{text}"
    );
    assert!(text.contains(".table(Table::builder().name("), "{text}");

    // With its table, the same output is sent.
    let mock = MockLakeFormation::new();
    let output = GetUnfilteredTableMetadataOutput::builder().table(orders()).authorized_columns("id").build();
    Rule::unfiltered_table_metadata().respond_with(output).mount(&mock);
    let out = mock
        .glue_client()
        .get_unfiltered_table_metadata()
        .catalog_id("123456789012")
        .database_name("sales")
        .name("orders")
        .supported_permission_types(PermissionType::CellFilterPermission)
        .send()
        .await
        .unwrap();
    assert_eq!(out.table().map(Table::name), Some("orders"));
}

#[tokio::test]
async fn each_member_out_of_the_model_is_named() {
    let cases = [
        (
            GetUnfilteredTableMetadataOutput::builder().table(Table::builder().name("").build().unwrap()).build(),
            "Value '' at 'Table.Name' failed to satisfy constraint: Member must have length greater than or equal to 1",
        ),
        (
            GetUnfilteredTableMetadataOutput::builder().table(orders()).query_authorization_id("").build(),
            "at 'QueryAuthorizationId' failed to satisfy constraint: Member must have length greater than or equal to 1",
        ),
        (
            GetUnfilteredTableMetadataOutput::builder().table(orders()).permissions(Permission::from("READ")).build(),
            "Value '[READ]' at 'Permissions' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set",
        ),
        (
            GetUnfilteredTableMetadataOutput::builder().table(orders()).resource_arn("arn:aws:glue").build(),
            "at 'ResourceArn' failed to satisfy constraint: Member must have length greater than or equal to 20",
        ),
        (
            GetUnfilteredTableMetadataOutput::builder()
                .table(orders())
                .cell_filters(ColumnRowFilter::builder().column_name("").row_filter_expression("TRUE").build())
                .build(),
            "at 'CellFilters[0].ColumnName' failed to satisfy constraint",
        ),
        (
            GetUnfilteredTableMetadataOutput::builder().table(orders()).row_filter("x".repeat(2049)).build(),
            "at 'RowFilter' failed to satisfy constraint: Member must have length less than or equal to 2048",
        ),
        (
            GetUnfilteredTableMetadataOutput::builder().table(orders()).authorized_columns("a\u{1}b").build(),
            "at 'AuthorizedColumns[0]' failed to satisfy constraint: Member must satisfy regular expression pattern",
        ),
    ];
    for (output, wanted) in cases {
        let text = table_metadata_failure(output).await;
        assert!(text.contains(wanted), "wanted {wanted:?} in {text}");
    }
}

#[tokio::test]
async fn a_partitions_output_out_of_the_model_is_named_by_its_index() {
    let mock = MockLakeFormation::builder().fail_on_unmatched(false).build();
    let partition = |database: &str| {
        UnfilteredPartition::builder()
            .partition(Partition::builder().values("2024-01-01").database_name(database).table_name("orders").build())
            .authorized_columns("id")
            .build()
    };
    let output = GetUnfilteredPartitionsMetadataOutput::builder()
        .unfiltered_partitions(partition("sales"))
        .unfiltered_partitions(partition(""))
        .build();
    Rule::unfiltered_partitions_metadata().respond_with(output).mount(&mock);
    let err = mock
        .glue_client()
        .get_unfiltered_partitions_metadata()
        .catalog_id("123456789012")
        .database_name("sales")
        .table_name("orders")
        .supported_permission_types(PermissionType::CellFilterPermission)
        .send()
        .await
        .unwrap_err();
    let text = common::chain(&err);
    assert!(
        text.contains("Value '' at 'UnfilteredPartitions[1].Partition.DatabaseName' failed to satisfy constraint"),
        "{text}"
    );
    assert!(mock.requests()[0].answer().is_unanswered());
}

fn variant(e: &TmError) -> &'static str {
    match e {
        TmError::EntityNotFoundException(_) => "EntityNotFoundException",
        TmError::GlueEncryptionException(_) => "GlueEncryptionException",
        TmError::InternalServiceException(_) => "InternalServiceException",
        TmError::InvalidInputException(_) => "InvalidInputException",
        TmError::OperationTimeoutException(_) => "OperationTimeoutException",
        TmError::PermissionTypeMismatchException(_) => "PermissionTypeMismatchException",
        _ => "Unhandled",
    }
}

/// `is_modeled_for` says what the SDK does with each code: its own variant, or `Unhandled`.
#[tokio::test]
async fn every_error_code_decodes_as_is_modeled_for_says() {
    let operation = Operation::Glue(GlueOperation::GetUnfilteredTableMetadata);
    for &code in ErrorCode::ALL {
        let mock = MockLakeFormation::new();
        Rule::unfiltered_table_metadata().respond_with(Reply::error(code, "scripted")).mount(&mock);
        let err = mock
            .glue_client()
            .get_unfiltered_table_metadata()
            .catalog_id("123456789012")
            .database_name("sales")
            .name("orders")
            .supported_permission_types(PermissionType::CellFilterPermission)
            .send()
            .await
            .unwrap_err()
            .into_service_error();
        assert_eq!(err.code(), Some(code.as_str()), "{code}");
        assert_eq!(err.message(), Some("scripted"), "{code}");
        let decoded = variant(&err);
        assert_eq!(decoded != "Unhandled", code.is_modeled_for(&operation), "{code} decodes as {decoded}");
        if decoded != "Unhandled" {
            assert_eq!(decoded, code.as_str());
        }
    }
    // Glue sends AccessDenied though its model lists it for neither operation.
    assert!(!ErrorCode::AccessDenied.is_modeled_for(&operation));
    assert!(!ErrorCode::AccessDenied.is_modeled_for(&Operation::Glue(GlueOperation::GetUnfilteredPartitionsMetadata)));
    assert!(ErrorCode::GlueEncryption.is_modeled_for(&Operation::Glue(GlueOperation::GetUnfilteredPartitionsMetadata)));
}

/// Segments are numbered 0 through `TotalSegments` - 1 (the model's text): one past the last is
/// refused, not answered with no partitions; the model's ranges are refused in its wording.
#[tokio::test]
async fn an_impossible_segment_is_refused_before_a_catch_all_rule() {
    use aws_sdk_glue::operation::get_unfiltered_partitions_metadata::GetUnfilteredPartitionsMetadataError as E;
    use aws_sdk_glue::types::Segment;
    use lakeformation_mock::Source;

    let mock = MockLakeFormation::new();
    Rule::unfiltered_partitions_metadata()
        .respond_with(GetUnfilteredPartitionsMetadataOutput::builder().build())
        .mount(&mock);
    let glue = mock.glue_client();
    let send = |number: i32, total: i32| {
        glue.get_unfiltered_partitions_metadata()
            .catalog_id("123456789012")
            .database_name("sales")
            .table_name("orders")
            .supported_permission_types(PermissionType::CellFilterPermission)
            .segment(Segment::builder().segment_number(number).total_segments(total).build().unwrap())
            .send()
    };
    let cases = [
        (
            5,
            2,
            "Invalid Segment: SegmentNumber 5 is not below TotalSegments 2; the segments of 2 are numbered 0 through 1",
        ),
        (
            2,
            2,
            "Invalid Segment: SegmentNumber 2 is not below TotalSegments 2; the segments of 2 are numbered 0 through 1",
        ),
        (
            -1,
            2,
            "1 validation error detected: Value '-1' at 'segment.segmentNumber' failed to satisfy constraint: Member \
             must have value greater than or equal to 0",
        ),
        (
            0,
            0,
            "1 validation error detected: Value '0' at 'segment.totalSegments' failed to satisfy constraint: Member \
             must have value greater than or equal to 1",
        ),
        (
            0,
            11,
            "1 validation error detected: Value '11' at 'segment.totalSegments' failed to satisfy constraint: Member \
             must have value less than or equal to 10",
        ),
    ];
    for (number, total, message) in cases {
        let err = send(number, total).await.expect_err(message).into_service_error();
        assert!(matches!(err, E::InvalidInputException(_)), "{number}/{total}: {err:?}");
        assert_eq!(err.message(), Some(message));
    }
    assert!(mock.requests().iter().all(|r| r.answer().source() == &Source::Validation));
    // The last segment, and the only one of one, are answered.
    send(1, 2).await.unwrap();
    send(0, 1).await.unwrap();
    send(9, 10).await.unwrap();
}
