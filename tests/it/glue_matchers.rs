//! Glue requests (through a real `aws_sdk_glue::Client`) in matchers, the journal and its
//! assertions, as vending requests are: their `AuditContext` (with `RequestedColumns` and
//! `AllColumnsRequested`), `QuerySessionContext`, catalog, database, table and the partition
//! operation's own fields.
#![cfg(feature = "glue")]

use aws_sdk_glue::Client as GlueClient;
use aws_sdk_glue::types::{AuditContext as GlueAudit, PermissionType as GlueType};
use lakeformation_mock::matchers::{
    additional_audit_context, all_columns_requested, requested_columns, requested_columns_contain,
};
use lakeformation_mock::{AuditContextRef, ErrorCode, MockLakeFormation, Reply, Rule};

/// A valid `GetUnfilteredTableMetadata` call for `sales.orders` (Glue refuses one without
/// `CatalogId`, `DatabaseName`, `Name` or `SupportedPermissionTypes`), with `audit`.
async fn table_metadata(client: &GlueClient, audit: Option<GlueAudit>) {
    let _ = client
        .get_unfiltered_table_metadata()
        .catalog_id("123456789012")
        .database_name("sales")
        .name("orders")
        .supported_permission_types(GlueType::ColumnPermission)
        .set_audit_context(audit)
        .send()
        .await;
}

fn glue_audit() -> GlueAudit {
    GlueAudit::builder()
        .additional_audit_context("job-7")
        .requested_columns("id")
        .requested_columns("amount")
        .all_columns_requested(false)
        .build()
}

/// A rule that answers with a recognisable error, so a test sees which rule answered.
fn marker(message: &str) -> Reply {
    Reply::error(ErrorCode::EntityNotFound, message)
}

#[tokio::test]
async fn a_glue_requests_audit_context_counts_for_assert_all_have_audit_context() {
    let mock = MockLakeFormation::new();
    Rule::unfiltered_table_metadata().respond_with(marker("scripted")).mount(&mock);
    table_metadata(&mock.glue_client(), Some(glue_audit())).await;
    mock.journal().assert_all_have_audit_context();
}

#[tokio::test]
#[should_panic(expected = "1 of the requests carried no AuditContext:\n  #0 GetUnfilteredTableMetadata")]
async fn a_glue_request_without_audit_context_fails_assert_all_have_audit_context() {
    let mock = MockLakeFormation::new();
    Rule::unfiltered_table_metadata().respond_with(marker("scripted")).mount(&mock);
    table_metadata(&mock.glue_client(), None).await;
    mock.journal().assert_all_have_audit_context();
}

#[tokio::test]
async fn request_audit_context_reads_glues_fields() {
    let mock = MockLakeFormation::new();
    Rule::unfiltered_table_metadata().respond_with(marker("scripted")).mount(&mock);
    table_metadata(&mock.glue_client(), Some(glue_audit())).await;

    let request = &mock.requests()[0];
    let audit = request.audit_context().expect("the Glue request carried an AuditContext");
    assert_eq!(audit.additional_audit_context(), Some("job-7"));
    assert_eq!(audit.requested_columns(), Some(["id".to_owned(), "amount".to_owned()].as_slice()));
    assert_eq!(audit.all_columns_requested(), Some(false));
    assert_eq!(audit.as_glue(), Some(&glue_audit()));
    assert_eq!(audit.as_lake_formation(), None);
    assert!(matches!(audit, AuditContextRef::Glue(_)));
    assert_eq!(request.input().unwrap().audit_context(), Some(audit));

    let owned = mock.journal().audit_contexts();
    assert_eq!(owned.len(), 1);
    let owned = owned[0].as_ref().unwrap();
    assert_eq!(owned.additional_audit_context(), Some("job-7"));
    assert_eq!(owned.requested_columns().map(<[String]>::len), Some(2));
    assert_eq!(owned.as_glue(), Some(&glue_audit()));
}

#[tokio::test]
async fn a_vending_requests_audit_context_has_no_requested_columns() {
    let mock = MockLakeFormation::new();
    Rule::table_credentials().respond_with(marker("scripted")).mount(&mock);
    let _ = mock
        .client()
        .get_temporary_glue_table_credentials()
        .table_arn("arn:aws:glue:us-east-1:123456789012:table/sales/orders")
        .audit_context(aws_sdk_lakeformation::types::AuditContext::builder().additional_audit_context("job-7").build())
        .send()
        .await;
    let requests = mock.requests();
    let audit = requests[0].audit_context().unwrap();
    assert_eq!(audit.additional_audit_context(), Some("job-7"));
    assert_eq!((audit.requested_columns(), audit.all_columns_requested()), (None, None));
    assert!(audit.as_lake_formation().is_some() && audit.as_glue().is_none());
}

#[tokio::test]
async fn audit_context_matchers_choose_among_glue_rules() {
    let mock = MockLakeFormation::new();
    Rule::unfiltered_table_metadata()
        .and(additional_audit_context("job-7"))
        .and(requested_columns(["amount", "id"]))
        .and(requested_columns_contain("amount"))
        .and(all_columns_requested(false))
        .respond_with(marker("job-7's columns"))
        .named("job-7")
        .expect(1)
        .mount(&mock);
    Rule::unfiltered_table_metadata().respond_with(marker("anything else")).named("other").expect(2).mount(&mock);

    let glue = mock.glue_client();
    table_metadata(&glue, Some(glue_audit())).await;
    // The same context with every column asked for, and with none: the fallback answers.
    let mut every_column = glue_audit();
    every_column.all_columns_requested = Some(true);
    table_metadata(&glue, Some(every_column)).await;
    table_metadata(&glue, None).await;

    let journal = mock.journal();
    assert_eq!(journal.count(&additional_audit_context("job-7")), 2);
    assert_eq!(journal.count(&all_columns_requested(true)), 1);
    assert_eq!(journal.count(&requested_columns_contain("id")), 2);
    assert_eq!(journal.count(&requested_columns_contain("region")), 0);
    mock.verify();
}

#[tokio::test]
async fn a_glue_audit_mismatch_names_glues_field() {
    // The request goes unmatched on purpose: the test reads the matchers' diffs.
    let mock = MockLakeFormation::builder().fail_on_unmatched(false).build();
    Rule::unfiltered_table_metadata().and(requested_columns_contain("region")).respond_with(marker("x")).mount(&mock);
    table_metadata(&mock.glue_client(), Some(glue_audit())).await;
    let request = &mock.requests()[0];
    let why = requested_columns_contain("region").mismatch(request).unwrap();
    assert_eq!(
        why.to_string(),
        r#"AuditContext.RequestedColumns: wanted a list containing "region", found ["id", "amount"]"#
    );
    let why = all_columns_requested(true).mismatch(request).unwrap();
    assert_eq!(why.to_string(), "AuditContext.AllColumnsRequested: wanted true, found false");
}
