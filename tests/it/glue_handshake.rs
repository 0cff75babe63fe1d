//! The query-authorization handshake through a real `aws_sdk_glue::Client` and a real
//! `aws_sdk_lakeformation::Client` sharing one mock: Glue's `GetUnfilteredTableMetadata` issues
//! the id, table vending checks it (unknown, another principal's, another table's, expired), and
//! the live shapes of Glue's answer.
#![cfg(feature = "glue")]

use aws_credential_types::Credentials;
use aws_sdk_glue::operation::get_unfiltered_table_metadata::{
    GetUnfilteredTableMetadataError, GetUnfilteredTableMetadataOutput,
};
use aws_sdk_glue::types::{PermissionType as GlueType, QuerySessionContext as GlueContext};
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsError;
use aws_sdk_lakeformation::types::{Permission, PermissionType, QuerySessionContext};
use aws_smithy_async::test_util::ManualTimeSource;
use lakeformation_mock::glue::{GlueInput, GlueOperation};
use lakeformation_mock::lake::{
    Behavior, CellFilter, DataLakeSettings, Grant, Lake, Principal, QueryAuthorizationBehavior, Table, TableSchema,
};
use lakeformation_mock::{ErrorCode, Input, MockLakeFormation, Operation, Reply, Rule, Source};
use std::time::{Duration, UNIX_EPOCH};

const ENGINE: &str = "arn:aws:iam::123456789012:role/engine";
const OTHER: &str = "arn:aws:iam::123456789012:role/other";
const ORDERS: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";
const RETURNS: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/returns";

/// A lake where the engine (allowlisted by session tag) reads `orders` through a cell filter
/// and `returns` whole, and another role reads `orders` whole.
fn lake(behavior: Behavior) -> Lake {
    Lake::builder()
        .settings(
            DataLakeSettings::default()
                .allow_external_data_filtering(true)
                .external_data_filtering_allow("123456789012")
                .authorized_session_tag_value("engine-x")
                .allow_full_table_external_data_access(true),
        )
        .register_location("s3://lake/sales/")
        .table(
            Table::new("sales", "orders")
                .location("s3://lake/sales/orders/")
                .partition_keys(["day"])
                .partition(["2024-01-01"], "s3://lake/sales/orders/day=2024-01-01/")
                .partition(["2024-01-02"], "s3://lake/sales/orders/day=2024-01-02/"),
        )
        .table(Table::new("sales", "returns").location("s3://lake/sales/returns/"))
        .table(Table::new("raw", "events").location("s3://unregistered/events/"))
        .schema(
            TableSchema::new("sales", "orders")
                .column("region", "string")
                .column("id", "bigint")
                .column("amount", "double")
                .partition_key("day", "string"),
        )
        .schema(TableSchema::new("sales", "returns").column("id", "bigint").column("reason", "string"))
        .schema(TableSchema::new("raw", "events").column("payload", "string"))
        .cell_filter(
            CellFilter::new("us-rows", "sales", "orders")
                .row_filter("region = 'us'")
                .columns(["id", "region", "amount"]),
        )
        .principal(Principal::new("AKIDENGINE", ENGINE).session_tag("LakeFormationAuthorizedCaller", "engine-x"))
        .principal(Principal::new("AKIDOTHER", OTHER))
        .grant(Grant::new(ENGINE, "sales", "orders", [Permission::Select]).cell_filter("us-rows"))
        .grant(Grant::new(ENGINE, "sales", "returns", [Permission::Select]))
        .grant(Grant::new(OTHER, "sales", "orders", [Permission::Select]))
        .behavior(behavior)
        .seed(42)
        .build()
}

fn glue_at(mock: &MockLakeFormation, clock: &ManualTimeSource, key: &str) -> aws_sdk_glue::Client {
    let credentials = Credentials::new(key, "not-a-secret", None, None, "test");
    aws_sdk_glue::Client::from_conf(
        mock.glue_config_builder().credentials_provider(credentials).time_source(clock.clone()).build(),
    )
}

fn lf_at(mock: &MockLakeFormation, clock: &ManualTimeSource, key: &str) -> aws_sdk_lakeformation::Client {
    let credentials = Credentials::new(key, "not-a-secret", None, None, "test");
    aws_sdk_lakeformation::Client::from_conf(
        mock.config_builder().credentials_provider(credentials).time_source(clock.clone()).build(),
    )
}

fn clock() -> ManualTimeSource {
    ManualTimeSource::new(UNIX_EPOCH + Duration::from_secs(1_700_000_000))
}

/// `GetUnfilteredTableMetadata` for `database.table` of the lake's account, asking for `kind`.
fn table_metadata(
    glue: &aws_sdk_glue::Client,
    database: &str,
    table: &str,
    kind: GlueType,
) -> aws_sdk_glue::operation::get_unfiltered_table_metadata::builders::GetUnfilteredTableMetadataFluentBuilder {
    glue.get_unfiltered_table_metadata()
        .catalog_id("123456789012")
        .database_name(database)
        .name(table)
        .supported_permission_types(kind)
}

/// `GetUnfilteredPartitionsMetadata` for `sales.orders`, asking for cell filters.
fn orders_partitions(
    glue: &aws_sdk_glue::Client,
) -> aws_sdk_glue::operation::get_unfiltered_partitions_metadata::builders::GetUnfilteredPartitionsMetadataFluentBuilder
{
    glue.get_unfiltered_partitions_metadata()
        .catalog_id("123456789012")
        .database_name("sales")
        .table_name("orders")
        .supported_permission_types(GlueType::CellFilterPermission)
}

async fn authorize(glue: &aws_sdk_glue::Client, table: &str, kind: GlueType) -> GetUnfilteredTableMetadataOutput {
    table_metadata(glue, "sales", table, kind)
        .query_session_context(GlueContext::builder().query_id("q-1").build())
        .send()
        .await
        .unwrap()
}

fn vend_with(
    client: &aws_sdk_lakeformation::Client,
    table_arn: &str,
    id: &str,
) -> aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::builders::GetTemporaryGlueTableCredentialsFluentBuilder
{
    client
        .get_temporary_glue_table_credentials()
        .table_arn(table_arn)
        .permissions(Permission::Select)
        .supported_permission_types(PermissionType::CellFilterPermission)
        .query_session_context(QuerySessionContext::builder().query_id("q-1").query_authorization_id(id).build())
}

#[tokio::test]
async fn authorize_vend_and_renew_with_the_same_id() {
    let lake = lake(Behavior::default());
    let mock = MockLakeFormation::new().with_lake(&lake);
    let clock = clock();
    let glue = glue_at(&mock, &clock, "AKIDENGINE");
    let lf = lf_at(&mock, &clock, "AKIDENGINE");

    let meta = authorize(&glue, "orders", GlueType::CellFilterPermission).await;
    // The live shape of one cell filter: sorted columns, one entry per column, the same expression.
    assert_eq!(meta.authorized_columns(), ["amount", "id", "region"]);
    assert_eq!(meta.row_filter(), Some("region = 'us'"));
    let filters: Vec<(&str, &str)> =
        meta.cell_filters().iter().map(|f| (f.column_name().unwrap(), f.row_filter_expression().unwrap())).collect();
    assert_eq!(filters, [("amount", "region = 'us'"), ("id", "region = 'us'"), ("region", "region = 'us'")]);
    assert!(meta.is_registered_with_lake_formation());
    assert_eq!(meta.resource_arn(), Some(ORDERS));
    let table = meta.table().unwrap();
    assert_eq!(table.name(), "orders");
    assert_eq!(table.storage_descriptor().unwrap().location(), Some("s3://lake/sales/orders/"));
    assert_eq!(table.storage_descriptor().unwrap().columns().len(), 3);
    assert_eq!(table.partition_keys()[0].name(), "day");
    let id = meta.query_authorization_id().unwrap().to_owned();
    assert_eq!(id.len(), 64);

    // Vend with the id, then renew with the same id.
    let first = vend_with(&lf, ORDERS, &id).send().await.unwrap();
    clock.advance(Duration::from_secs(600));
    let renewed = vend_with(&lf, ORDERS, &id).send().await.unwrap();
    assert_ne!(first.access_key_id(), renewed.access_key_id());

    // The lake links each vending to its authorization, and the authorization to its Glue call.
    let record = lake.query_authorization(&id).unwrap();
    assert_eq!(record.principal_arn(), ENGINE);
    assert_eq!(record.table_arn(), ORDERS);
    assert_eq!(record.query_id(), Some("q-1"));
    assert_eq!(record.row_filter(), "region = 'us'");
    let requests = mock.requests();
    assert_eq!(requests[0].operation(), &Operation::Glue(GlueOperation::GetUnfilteredTableMetadata));
    assert_eq!(Some(record.request_id()), requests[0].answer().request_id());
    let vended = lake.vended(first.access_key_id().unwrap()).unwrap();
    assert_eq!(vended.query_authorization_id(), Some(id.as_str()));
    assert_eq!(lake.vended_under(&id).len(), 2);
    // The journal: typed Glue input, and the vending's trace names the authorization.
    let inputs = mock.journal().unfiltered_table_metadata_inputs();
    assert_eq!(inputs[0].query_session_context().and_then(|q| q.query_id()), Some("q-1"));
    assert!(matches!(requests[0].input(), Some(Input::Glue(GlueInput::TableMetadata(_)))));
    let trace = requests[1].answer().trace().unwrap();
    let step = trace.step("query authorization:").unwrap();
    assert!(step.contains(&id) && step.contains(record.request_id()), "{step}");
    mock.journal().assert_shared_query_authorization_id();
}

#[tokio::test]
async fn a_full_table_grant_answers_the_live_shape() {
    let mock = MockLakeFormation::new().with_lake(&lake(Behavior::default()));
    let glue = mock.glue_client_as("AKIDENGINE");
    let meta = authorize(&glue, "returns", GlueType::ColumnPermission).await;
    assert_eq!(meta.authorized_columns(), ["id", "reason"]);
    assert_eq!(meta.row_filter(), Some("TRUE"));
    let filters: Vec<(&str, &str)> =
        meta.cell_filters().iter().map(|f| (f.column_name().unwrap(), f.row_filter_expression().unwrap())).collect();
    assert_eq!(filters, [("id", "TRUE"), ("reason", "TRUE")]);
    assert_eq!(meta.permissions().iter().map(|p| p.as_str()).collect::<Vec<_>>(), ["SELECT"]);
    // The wire carried the live keys (checked on the raw body the SDK decoded).
    let body: serde_json::Value = serde_json::from_slice(mock.requests()[0].body_bytes()).unwrap();
    assert_eq!(body["SupportedPermissionTypes"], serde_json::json!(["COLUMN_PERMISSION"]));
}

#[tokio::test]
async fn column_permission_alone_against_a_cell_filter_is_a_mismatch() {
    let mock = MockLakeFormation::new().with_lake(&lake(Behavior::default()));
    let err = table_metadata(&mock.glue_client_as("AKIDENGINE"), "sales", "orders", GlueType::ColumnPermission)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err.into_service_error(), GetUnfilteredTableMetadataError::PermissionTypeMismatchException(_)));
    let trace = mock.requests()[0].answer().trace().unwrap().to_string();
    assert!(trace.contains("not covered: [CELL_FILTER_PERMISSION]"), "{trace}");
}

#[tokio::test]
async fn more_than_one_permission_type_is_refused_with_the_live_wording() {
    let mock = MockLakeFormation::new().with_lake(&lake(Behavior::default()));
    let err = table_metadata(&mock.glue_client_as("AKIDENGINE"), "sales", "orders", GlueType::ColumnPermission)
        .supported_permission_types(GlueType::CellFilterPermission)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(matches!(err, GetUnfilteredTableMetadataError::InvalidInputException(_)));
    assert_eq!(
        aws_sdk_glue::error::ProvideErrorMetadata::message(&err),
        Some(
            "Invalid permission type, it must be one of the following: COLUMN_PERMISSION, CELL_FILTER_PERMISSION, \
             NESTED_PERMISSION, NESTED_CELL_PERMISSION, or DATA_LOCATION_PERMISSION"
        )
    );
    assert_eq!(mock.requests()[0].answer().source(), &Source::Validation);
}

#[tokio::test]
async fn required_members_are_validated() {
    let mock = MockLakeFormation::new();
    let err = mock.glue_client().get_unfiltered_table_metadata().name("orders").send().await.unwrap_err();
    let message = aws_sdk_glue::error::ProvideErrorMetadata::message(&err.into_service_error()).unwrap().to_owned();
    assert!(message.starts_with("3 validation errors detected:"), "{message}");
    assert!(message.contains("'catalogId' failed to satisfy constraint: Member must not be null"), "{message}");
    assert!(message.contains("'supportedPermissionTypes' failed to satisfy constraint: Member must not be null"));
}

async fn refused(lf: &aws_sdk_lakeformation::Client, table: &str, id: &str) -> GetTemporaryGlueTableCredentialsError {
    vend_with(lf, table, id).send().await.unwrap_err().into_service_error()
}

#[tokio::test]
async fn vending_refuses_an_unknown_a_foreign_a_misplaced_and_an_expired_id() {
    let lake =
        lake(Behavior::default().query_authorization(QueryAuthorizationBehavior::default().lifetime_seconds(900)));
    let mock = MockLakeFormation::new().with_lake(&lake);
    let clock = clock();
    let glue = glue_at(&mock, &clock, "AKIDENGINE");
    let engine = lf_at(&mock, &clock, "AKIDENGINE");
    let id =
        authorize(&glue, "orders", GlueType::CellFilterPermission).await.query_authorization_id().unwrap().to_owned();

    let err = refused(&engine, ORDERS, "not-an-id-this-lake-issued").await;
    assert!(matches!(err, GetTemporaryGlueTableCredentialsError::AccessDeniedException(_)));
    assert!(err.meta().message().unwrap().contains("is unknown"));

    // Another principal (who may read the table) presents the engine's id.
    let other = lf_at(&mock, &clock, "AKIDOTHER");
    let err = other
        .get_temporary_glue_table_credentials()
        .table_arn(ORDERS)
        .query_session_context(QuerySessionContext::builder().query_authorization_id(&id).build())
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.meta().message().unwrap().contains(&format!("was issued to {ENGINE}, not to {OTHER}")), "{err:?}");

    let err = refused(&engine, RETURNS, &id).await;
    assert!(err.meta().message().unwrap().contains(&format!("was issued for table {ORDERS}, not for {RETURNS}")));

    clock.advance(Duration::from_secs(901));
    let err = refused(&engine, ORDERS, &id).await;
    assert!(err.meta().message().unwrap().contains("expired 1 seconds ago"), "{err:?}");
    let trace = mock.requests().last().unwrap().answer().trace().unwrap().to_string();
    assert!(trace.contains("query authorization: refused: The QueryAuthorizationId"), "{trace}");
    assert!(lake.vended_credentials().is_empty());
}

#[tokio::test]
async fn refusals_take_the_code_and_message_settings_and_the_id_can_be_required() {
    let settings = QueryAuthorizationBehavior::default()
        .required_for_vending(true)
        .error(ErrorCode::InvalidInput)
        .message("Invalid query authorization.");
    let mock = MockLakeFormation::new().with_lake(&lake(Behavior::default().query_authorization(settings)));
    let lf = mock.client_as("AKIDENGINE");
    let err =
        lf.get_temporary_glue_table_credentials().table_arn(RETURNS).send().await.unwrap_err().into_service_error();
    assert!(matches!(err, GetTemporaryGlueTableCredentialsError::InvalidInputException(_)));
    assert_eq!(err.meta().message(), Some("Invalid query authorization."));
    let trace = mock.requests()[0].answer().trace().unwrap().to_string();
    assert!(trace.contains("carried no QueryAuthorizationId"), "{trace}");
}

#[tokio::test]
async fn no_id_without_a_query_session_context_when_so_set() {
    let settings = QueryAuthorizationBehavior::default().issue_without_query_session_context(false);
    let mock = MockLakeFormation::new().with_lake(&lake(Behavior::default().query_authorization(settings)));
    let glue = mock.glue_client_as("AKIDENGINE");
    let out = table_metadata(&glue, "sales", "returns", GlueType::ColumnPermission).send().await.unwrap();
    assert_eq!(out.query_authorization_id(), None);
    // By default, one is issued either way.
    let mock = MockLakeFormation::new().with_lake(&lake(Behavior::default()));
    let out = table_metadata(&mock.glue_client_as("AKIDENGINE"), "sales", "returns", GlueType::ColumnPermission)
        .send()
        .await
        .unwrap();
    assert!(out.query_authorization_id().is_some());
}

#[tokio::test]
async fn vending_may_apply_the_one_tier_rule() {
    let settings = QueryAuthorizationBehavior::default().one_permission_type_for_vending(true);
    let mock = MockLakeFormation::new().with_lake(&lake(Behavior::default().query_authorization(settings)));
    let err = mock
        .client_as("AKIDENGINE")
        .get_temporary_glue_table_credentials()
        .table_arn(RETURNS)
        .supported_permission_types(PermissionType::ColumnPermission)
        .supported_permission_types(PermissionType::CellFilterPermission)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(matches!(err, GetTemporaryGlueTableCredentialsError::InvalidInputException(_)));
}

#[tokio::test]
async fn glue_hides_a_table_the_caller_holds_no_grant_on_and_answers_unregistered_tables_ungoverned() {
    let mock = MockLakeFormation::new().with_lake(&lake(Behavior::default()));
    let other = mock.glue_client_as("AKIDOTHER");
    let err = table_metadata(&other, "sales", "returns", GlueType::ColumnPermission)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(aws_sdk_glue::error::ProvideErrorMetadata::code(&err), Some("AccessDeniedException"));
    assert_eq!(
        aws_sdk_glue::error::ProvideErrorMetadata::message(&err),
        Some("Insufficient Lake Formation permission(s) on returns")
    );

    let out = table_metadata(&mock.glue_client_as("AKIDENGINE"), "raw", "events", GlueType::ColumnPermission)
        .send()
        .await
        .unwrap();
    assert!(!out.is_registered_with_lake_formation());
    assert!(out.authorized_columns.is_none(), "absent, not empty");
    assert_eq!(out.query_authorization_id(), None);
}

#[tokio::test]
async fn partitions_carry_the_authorized_columns_and_page() {
    let mock = MockLakeFormation::new().with_lake(&lake(Behavior::default()));
    let glue = mock.glue_client_as("AKIDENGINE");
    let page = orders_partitions(&glue).max_results(1).send().await.unwrap();
    let partitions = page.unfiltered_partitions();
    assert_eq!(partitions.len(), 1);
    assert_eq!(partitions[0].partition().unwrap().values(), ["2024-01-01"]);
    assert_eq!(partitions[0].authorized_columns(), ["amount", "id", "region"]);
    let next = orders_partitions(&glue).set_next_token(page.next_token().map(str::to_owned)).send().await.unwrap();
    assert_eq!(next.unfiltered_partitions()[0].partition().unwrap().values(), ["2024-01-02"]);
    assert_eq!(next.next_token(), None);
    let filtered = orders_partitions(&glue).expression("day = '2024-01-02'").send().await.unwrap();
    assert_eq!(filtered.unfiltered_partitions().len(), 1);
}

#[tokio::test]
async fn rules_answer_glue_with_the_sdk_types_and_other_glue_operations_are_unanswered() {
    // Two requests are left unanswered on purpose.
    let mock = MockLakeFormation::builder().fail_on_unmatched(false).build();
    Rule::unfiltered_table_metadata()
        .respond_with(Reply::error(ErrorCode::EntityNotFound, "Table orders not found."))
        .expect(1)
        .mount(&mock);
    let glue = mock.glue_client();
    let err = table_metadata(&glue, "sales", "orders", GlueType::ColumnPermission)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(matches!(err, GetUnfilteredTableMetadataError::EntityNotFoundException(_)));

    let err = glue.get_table().database_name("sales").name("orders").send().await.unwrap_err();
    let text = format!("{}", aws_smithy_types::error::display::DisplayErrorContext(&err));
    assert!(text.contains("`AWSGlue.GetTable` is not an operation the mock models"), "{text}");
    assert_eq!(mock.requests()[1].operation(), &Operation::Other("AWSGlue.GetTable".into()));

    // A Glue output for a Lake Formation request is refused, not decoded as an empty answer.
    Rule::table_credentials().respond_with(GetUnfilteredTableMetadataOutput::builder().build()).mount(&mock);
    let err = mock.client().get_temporary_glue_table_credentials().table_arn(ORDERS).send().await.unwrap_err();
    let text = format!("{}", aws_smithy_types::error::display::DisplayErrorContext(&err));
    assert!(text.contains("a GetUnfilteredTableMetadata output was scripted"), "{text}");
}

#[tokio::test]
async fn ids_are_seeded_with_the_lake_and_never_repeat() {
    let mut ids = Vec::new();
    for _ in 0..2 {
        let mock = MockLakeFormation::new().with_lake(&lake(Behavior::default()));
        let glue = mock.glue_client_as("AKIDENGINE");
        let first = authorize(&glue, "returns", GlueType::ColumnPermission).await;
        let second = authorize(&glue, "returns", GlueType::ColumnPermission).await;
        assert_ne!(first.query_authorization_id(), second.query_authorization_id());
        ids.push((first.query_authorization_id, second.query_authorization_id));
    }
    // Two lakes with the same seed issue the same ids in the same order.
    assert_eq!(ids[0], ids[1]);
    let id = ids[0].0.as_deref().unwrap();
    assert!(id.len() == 64 && id.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()), "{id}");
}

/// A recording holds both halves of the handshake: the Glue call and the vending replay as they
/// were answered (the lake's id included), with the credentials' secrets redacted.
#[tokio::test]
async fn a_recording_of_the_handshake_replays_the_glue_call_and_the_vending() {
    let mock = MockLakeFormation::new().with_lake(&lake(Behavior::default()));
    let clock = clock();
    let meta = authorize(&glue_at(&mock, &clock, "AKIDENGINE"), "orders", GlueType::CellFilterPermission).await;
    let id = meta.query_authorization_id().unwrap().to_owned();
    let vended = vend_with(&lf_at(&mock, &clock, "AKIDENGINE"), ORDERS, &id).send().await.unwrap();

    let recording = mock.record_scenario("handshake");
    assert_eq!(
        recording.rule_names(),
        [Some("recorded GetUnfilteredTableMetadata"), Some("recorded GetTemporaryGlueTableCredentials")]
    );
    let json = recording.to_json_string();
    assert!(!json.contains(vended.secret_access_key().unwrap()), "the secret is redacted: {json}");
    assert!(json.contains(lakeformation_mock::fixture::REDACTED_SECRET));
    assert!(!json.contains("Signature="), "the signature is redacted: {json}");

    let replay = recording.mock();
    let again = authorize(&glue_at(&replay, &clock, "AKIDENGINE"), "orders", GlueType::CellFilterPermission).await;
    // The Glue answer replays as it was sent (but for its request id).
    assert_eq!(again.table(), meta.table());
    assert_eq!(again.authorized_columns(), meta.authorized_columns());
    assert_eq!(again.cell_filters(), meta.cell_filters());
    assert_eq!(again.row_filter(), meta.row_filter());
    assert_eq!(again.query_authorization_id(), Some(id.as_str()));
    assert_eq!(again.is_registered_with_lake_formation(), meta.is_registered_with_lake_formation());
    assert_eq!(again.resource_arn(), meta.resource_arn());
    assert_eq!(again.permissions(), meta.permissions());
    let again = vend_with(&replay.client(), ORDERS, again.query_authorization_id().unwrap()).send().await.unwrap();
    assert_eq!(again.access_key_id(), vended.access_key_id());
    replay.verify();
}
