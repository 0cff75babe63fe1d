//! Glue requests (through a real `aws_sdk_glue::Client`) in matchers, the journal and its
//! assertions, as vending requests are: their `AuditContext` (with `RequestedColumns` and
//! `AllColumnsRequested`), `QuerySessionContext`, catalog, database, table and the partition
//! operation's own fields.
#![cfg(feature = "glue")]

use aws_sdk_glue::Client as GlueClient;
use aws_sdk_glue::types::{AuditContext as GlueAudit, PermissionType as GlueType, QuerySessionContext as GlueContext};
use aws_smithy_types::DateTime;
use lakeformation_mock::fixture::Scenario;
use lakeformation_mock::glue::GlueOperation;
use lakeformation_mock::matchers::*;
use lakeformation_mock::{AuditContextRef, ErrorCode, MockLakeFormation, Operation, Reply, Rule};

mod query_ids;

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

// Defect 2: every matcher that makes sense works on Glue requests.

const ORDERS_ARN: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";

/// A valid `GetUnfilteredPartitionsMetadata` call for `sales.{table}`.
fn partitions(
    client: &GlueClient,
    table: &str,
) -> aws_sdk_glue::operation::get_unfiltered_partitions_metadata::builders::GetUnfilteredPartitionsMetadataFluentBuilder
{
    client
        .get_unfiltered_partitions_metadata()
        .catalog_id("123456789012")
        .database_name("sales")
        .table_name(table)
        .supported_permission_types(GlueType::CellFilterPermission)
}

/// A valid `GetUnfilteredTableMetadata` call for `sales.{table}`.
fn table(
    client: &GlueClient,
    table: &str,
) -> aws_sdk_glue::operation::get_unfiltered_table_metadata::builders::GetUnfilteredTableMetadataFluentBuilder {
    client
        .get_unfiltered_table_metadata()
        .catalog_id("123456789012")
        .database_name("sales")
        .name(table)
        .supported_permission_types(GlueType::CellFilterPermission)
}

async fn vend(mock: &MockLakeFormation, arn: &str) {
    let _ = mock.client().get_temporary_glue_table_credentials().table_arn(arn).send().await;
}

#[tokio::test]
async fn catalog_database_and_table_matchers_follow_a_table_through_glue_and_vending() {
    let mock = MockLakeFormation::new();
    Rule::new()
        .and(catalog_id("123456789012"))
        .and(database_name("sales"))
        .and(table_name("orders"))
        .respond_with(marker("orders"))
        .named("orders")
        .expect(3)
        .mount(&mock);
    Rule::new().respond_with(marker("anything else")).named("other").expect(3).mount(&mock);

    let glue = mock.glue_client();
    let _ = table(&glue, "orders").send().await;
    let _ = partitions(&glue, "orders").send().await;
    vend(&mock, ORDERS_ARN).await;
    // Another table, another database, another catalog: the fallback answers.
    let _ = table(&glue, "returns").send().await;
    let _ = partitions(&glue, "orders").database_name("raw").send().await;
    vend(&mock, "arn:aws:glue:us-east-1:210987654321:table/sales/orders").await;
    mock.verify();

    let journal = mock.journal();
    assert_eq!(journal.count(&table_name("orders")), 5);
    assert_eq!(journal.count(&database_name("raw")), 1);
    assert_eq!(journal.count(&catalog_id("210987654321")), 1);
}

#[tokio::test]
async fn a_mismatch_names_the_field_as_the_operation_does() {
    let mock = MockLakeFormation::new();
    Rule::new().respond_with(marker("any")).mount(&mock);
    let glue = mock.glue_client();
    let _ = table(&glue, "returns").send().await;
    let _ = partitions(&glue, "returns").send().await;
    vend(&mock, "arn:aws:glue:us-east-1:123456789012:table/sales/returns").await;

    let why: Vec<String> =
        mock.requests().iter().map(|r| table_name("orders").mismatch(r).unwrap().to_string()).collect();
    assert_eq!(
        why,
        [
            r#"Name: wanted "orders", found "returns""#,
            r#"TableName: wanted "orders", found "returns""#,
            r#"TableArn's table: wanted "orders", found "returns""#,
        ]
    );
    assert_eq!(Field::TableName.path_for(&Operation::Glue(GlueOperation::GetUnfilteredTableMetadata)), "Name");
    assert_eq!(Field::TableName.path(), "TableName");
}

#[tokio::test]
#[should_panic(
    expected = r#"#0 GetUnfilteredTableMetadata DatabaseName="sales" Name="returns" QuerySessionContext.QueryId="q-1": Name: wanted "orders", found "returns""#
)]
async fn assert_received_shows_a_glue_requests_table_in_glues_terms() {
    let mock = MockLakeFormation::new();
    Rule::new().respond_with(marker("any")).mount(&mock);
    let _ = table(&mock.glue_client(), "returns")
        .query_session_context(GlueContext::builder().query_id("q-1").build())
        .send()
        .await;
    mock.journal().assert_received(&table_name("orders"), 1);
}

#[tokio::test]
async fn query_session_context_matchers_read_glues_context() {
    let start = DateTime::from_secs(1_700_000_000);
    let context = GlueContext::builder()
        .query_id("q-1")
        .query_start_time(start)
        .cluster_id("cluster-1")
        .additional_context("engine", "trino")
        .build();
    let mock = MockLakeFormation::new();
    Rule::unfiltered_table_metadata()
        .and(query_id("q-1"))
        .and(query_start_time(start))
        .and(cluster_id("cluster-1"))
        .and(additional_context("engine", "trino"))
        .and(additional_context_contains_key("engine"))
        .and(present(Field::AdditionalContext))
        .respond_with(marker("q-1"))
        .named("q-1")
        .expect(1)
        .mount(&mock);
    Rule::unfiltered_partitions_metadata()
        .and(query_id("q-1"))
        .and(absent(Field::QueryStartTime))
        .respond_with(marker("q-1 partitions"))
        .named("q-1 partitions")
        .expect(1)
        .mount(&mock);
    Rule::new().respond_with(marker("other")).named("other").expect(1).mount(&mock);

    let glue = mock.glue_client();
    let _ = table(&glue, "orders").query_session_context(context).send().await;
    let _ =
        partitions(&glue, "orders").query_session_context(GlueContext::builder().query_id("q-1").build()).send().await;
    let _ = table(&glue, "orders").query_session_context(GlueContext::builder().query_id("q-2").build()).send().await;
    mock.verify();

    let requests = mock.requests();
    let sent = requests[0].query_session_context().unwrap();
    assert_eq!((sent.query_id(), sent.cluster_id()), (Some("q-1"), Some("cluster-1")));
    assert_eq!(sent.query_start_time(), Some(&start));
    assert_eq!(sent.additional_context().and_then(|m| m.get("engine")).map(String::as_str), Some("trino"));
    assert_eq!(sent.as_glue().and_then(|q| q.query_id()), Some("q-1"));
    assert!(sent.as_lake_formation().is_none());
}

#[tokio::test]
async fn permission_matchers_compare_glues_values_by_name() {
    use aws_sdk_glue::types::Permission as GluePermission;
    use aws_sdk_lakeformation::types::{Permission, PermissionType};

    let mock = MockLakeFormation::new();
    Rule::unfiltered_table_metadata()
        .and(supported_permission_types([PermissionType::CellFilterPermission]))
        .and(supported_permission_types_contain(PermissionType::CellFilterPermission))
        .and(permissions([Permission::Select]))
        .and(permissions_contain(Permission::Select))
        .respond_with(marker("select with cell filters"))
        .named("cell")
        .expect(1)
        .mount(&mock);
    Rule::new().respond_with(marker("other")).named("other").expect(3).mount(&mock);

    let glue = mock.glue_client();
    let _ = table(&glue, "orders").permissions(GluePermission::Select).send().await;
    let _ = table(&glue, "orders").permissions(GluePermission::Insert).send().await;
    let _ = table(&glue, "orders")
        .set_supported_permission_types(Some(vec![GlueType::ColumnPermission]))
        .permissions(GluePermission::Select)
        .send()
        .await;
    // The partitions operation has no `Permissions`.
    let _ = partitions(&glue, "orders").send().await;
    mock.verify();
    let journal = mock.journal();
    assert_eq!(journal.count(&supported_permission_types_contain(PermissionType::CellFilterPermission)), 3);
    assert_eq!(journal.count(&absent(Field::Permissions)), 1);
}

#[tokio::test]
async fn partition_fields_choose_the_page() {
    let mock = MockLakeFormation::new();
    Rule::unfiltered_partitions_metadata()
        .and(expression("day = '2024-01-01'"))
        .and(max_results(100))
        .and(absent(Field::NextToken))
        .respond_with(marker("first page"))
        .named("first page")
        .expect(1)
        .mount(&mock);
    Rule::unfiltered_partitions_metadata()
        .and(next_token("page-2"))
        .respond_with(marker("second page"))
        .named("second page")
        .expect(1)
        .mount(&mock);
    Rule::new().respond_with(marker("other")).named("other").expect(1).mount(&mock);

    let glue = mock.glue_client();
    let first = partitions(&glue, "orders").expression("day = '2024-01-01'").max_results(100);
    let _ = first.clone().send().await;
    let _ = first.clone().next_token("page-2").send().await;
    let _ = partitions(&glue, "orders").expression("day = '2024-01-02'").max_results(100).send().await;
    mock.verify();
    let why = max_results(50).mismatch(&mock.requests()[0]).unwrap();
    assert_eq!(why.to_string(), "MaxResults: wanted 50, found 100");
}

#[tokio::test]
async fn signed_by_and_region_match_glue_requests() {
    let mock = MockLakeFormation::new();
    Rule::new()
        .and(signed_by("AKIDENGINE"))
        .and(region("eu-west-1"))
        .respond_with(marker("engine in eu-west-1"))
        .named("engine")
        .expect(1)
        .mount(&mock);
    Rule::new().respond_with(marker("other")).named("other").expect(2).mount(&mock);

    let eu = aws_sdk_glue::Client::from_conf(
        mock.glue_config_builder()
            .region(aws_sdk_glue::config::Region::new("eu-west-1"))
            .credentials_provider(aws_credential_types::Credentials::for_tests())
            .build(),
    );
    let _ = table(&mock.glue_client_as("AKIDENGINE"), "orders").send().await;
    let _ = table(&eu, "orders").send().await;
    let engine_in_eu = aws_sdk_glue::Client::from_conf(
        mock.glue_config_builder()
            .region(aws_sdk_glue::config::Region::new("eu-west-1"))
            .credentials_provider(aws_credential_types::Credentials::new("AKIDENGINE", "x", None, None, "test"))
            .build(),
    );
    let _ = table(&engine_in_eu, "orders").send().await;
    mock.verify();
    let requests = mock.requests();
    assert_eq!(requests[2].region_name(), Some("eu-west-1"));
    assert!(requests[2].uri().contains("glue.eu-west-1.amazonaws.com"), "{}", requests[2].uri());
}

#[tokio::test]
async fn fixture_match_keys_for_glue_fields_choose_the_rule() {
    let scenario = Scenario::from_json_str(
        r#"{"version": 1, "rules": [
            {"name": "orders, first page", "expect": 1,
             "match": {"CatalogId": "123456789012", "DatabaseName": "sales", "TableName": "orders",
                       "Expression": "day = '2024-01-01'", "MaxResults": 10, "Absent": ["NextToken"],
                       "RequestedColumns": ["id"], "RequestedColumnsContain": "id", "AllColumnsRequested": false,
                       "QueryId": "q-1", "SupportedPermissionTypes": ["CELL_FILTER_PERMISSION"]},
             "responses": [{"error": {"code": "EntityNotFoundException", "message": "first page"}, "repeat": true}]},
            {"name": "other", "expect": 1,
             "responses": [{"error": {"code": "EntityNotFoundException", "message": "other"}, "repeat": true}]}
        ]}"#,
    )
    .unwrap();
    let mock = scenario.mock();
    let glue = mock.glue_client();
    let audit = GlueAudit::builder().requested_columns("id").all_columns_requested(false).build();
    let call = partitions(&glue, "orders")
        .expression("day = '2024-01-01'")
        .max_results(10)
        .audit_context(audit)
        .query_session_context(GlueContext::builder().query_id("q-1").build());
    let _ = call.clone().send().await;
    let _ = call.next_token("page-2").send().await;
    mock.verify();
    assert_eq!(mock.calls_of("orders, first page"), Some(1));
}

#[test]
fn a_glue_match_key_on_a_rule_for_a_vending_operation_is_a_load_error() {
    let err = Scenario::from_json_str(
        r#"{"version": 1, "rules": [{"operation": "GetTemporaryGlueTableCredentials",
            "match": {"Expression": "day = '2024-01-01'"},
            "responses": [{"error": {"code": "AccessDenied"}}]}]}"#,
    )
    .unwrap_err();
    assert_eq!(err.json_path, "rules[0].match.Expression", "{err}");
    assert!(
        err.message.starts_with(
            "only GetUnfilteredPartitionsMetadata requests have Expression, and this rule answers \
             GetTemporaryGlueTableCredentials"
        ),
        "{}",
        err.message
    );
    // Fields both halves of the handshake have are fine on a vending rule.
    Scenario::from_json_str(
        r#"{"version": 1, "rules": [{"operation": "GetTemporaryGlueTableCredentials",
            "match": {"TableName": "orders", "CatalogId": "123456789012", "QueryId": "q-1"},
            "responses": [{"error": {"code": "AccessDenied"}}]}]}"#,
    )
    .unwrap();
}
