//! Query ids span the scan: Glue's calls and the vending that follows, in the journal's counts
//! and its `assert_shared_query_id` and `assert_shared_query_authorization_id`.

use super::*;

/// Vending for `sales.orders` under `query`, with the id Glue would have issued (`auth-1`).
async fn vend_in_query(mock: &MockLakeFormation, query: &str) {
    let _ = mock
        .client()
        .get_temporary_glue_table_credentials()
        .table_arn(ORDERS_ARN)
        .query_session_context(
            aws_sdk_lakeformation::types::QuerySessionContext::builder()
                .query_id(query)
                .query_authorization_id("auth-1")
                .build(),
        )
        .send()
        .await;
}

/// One scan of `sales.orders` under `query`: Glue's table and partitions calls, then vending
/// with the id Glue would have issued.
async fn scan(mock: &MockLakeFormation, query: &str) {
    let glue = mock.glue_client();
    let context = GlueContext::builder().query_id(query).build();
    let _ = table(&glue, "orders").query_session_context(context.clone()).send().await;
    let _ = partitions(&glue, "orders").query_session_context(context).send().await;
    vend_in_query(mock, query).await;
}

fn answering_everything() -> MockLakeFormation {
    let mock = MockLakeFormation::new();
    Rule::new().respond_with(marker("scripted")).mount(&mock);
    mock
}

#[tokio::test]
async fn query_id_counts_and_assert_shared_query_id_span_glue_and_vending() {
    let mock = answering_everything();
    scan(&mock, "q-1").await;
    let journal = mock.journal();
    assert_eq!(journal.count(&query_id("q-1")), 3);
    journal.assert_received(&query_id("q-1"), 3);
    journal.assert_shared_query_id();
    journal.assert_shared_query_authorization_id();
}

#[tokio::test]
#[should_panic(expected = "expected every GetTemporaryGlueTableCredentials, GetUnfilteredTableMetadata and \
    GetUnfilteredPartitionsMetadata request to share one QueryId, but they carried:\n  \
    #0 GetUnfilteredTableMetadata DatabaseName=\"sales\" Name=\"orders\" QuerySessionContext.QueryId=\"q-1\": \"q-1\"\n  \
    #1 GetUnfilteredPartitionsMetadata DatabaseName=\"sales\" TableName=\"orders\" QuerySessionContext.QueryId=\"q-1\": \"q-1\"\n  \
    #2 GetTemporaryGlueTableCredentials TableArn=\"arn:aws:glue:us-east-1:123456789012:table/sales/orders\" QuerySessionContext.QueryId=\"q-1\": \"q-1\"\n  \
    #3 GetUnfilteredTableMetadata DatabaseName=\"sales\" Name=\"orders\" QuerySessionContext.QueryId=\"q-2\": \"q-2\"")]
async fn a_glue_request_of_another_query_fails_assert_shared_query_id() {
    let mock = answering_everything();
    scan(&mock, "q-1").await;
    let context = GlueContext::builder().query_id("q-2").build();
    let _ = table(&mock.glue_client(), "orders").query_session_context(context).send().await;
    mock.journal().assert_shared_query_id();
}

#[tokio::test]
#[should_panic(expected = "#0 GetUnfilteredPartitionsMetadata DatabaseName=\"sales\" TableName=\"orders\": (absent)")]
async fn a_glue_request_without_a_query_id_fails_assert_shared_query_id() {
    let mock = answering_everything();
    let _ = partitions(&mock.glue_client(), "orders").send().await;
    scan(&mock, "q-1").await;
    mock.journal().assert_shared_query_id();
}

#[tokio::test]
async fn assert_shared_query_authorization_id_leaves_glue_requests_out() {
    let mock = answering_everything();
    // Glue issues the id: the engine sends none to Glue, and the same one to every vending call.
    scan(&mock, "q-1").await;
    vend_in_query(&mock, "q-1").await;
    mock.journal().assert_shared_query_authorization_id();
    assert_eq!(mock.journal().count(&present(Field::QueryAuthorizationId)), 2);
}
