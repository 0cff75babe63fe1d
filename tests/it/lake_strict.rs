//! The strict handshake (`QueryAuthorizationBehavior::strict()`, `LakeBuilder::strict_handshake()`):
//! table vending requires the `QueryAuthorizationId` Glue issued to the same principal for the
//! same table, so an engine that forgets it fails with a message naming the id and the Glue call;
//! and the id a request carries is checked for every table, with a schema or without.
#![cfg(feature = "glue")]

use aws_credential_types::Credentials;
use aws_sdk_glue::types::{PermissionType as GlueType, QuerySessionContext as GlueContext};
use aws_sdk_lakeformation::error::ProvideErrorMetadata;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsError as GtError;
use aws_sdk_lakeformation::types::{Permission, PermissionType, QuerySessionContext};
use aws_smithy_async::test_util::ManualTimeSource;
use lakeformation_mock::MockLakeFormation;
use lakeformation_mock::fixture::Scenario;
use lakeformation_mock::lake::{
    Behavior, CellFilter, DataLakeSettings, Grant, Lake, LakeBuilder, Principal, QueryAuthorizationBehavior, Table,
    TableSchema,
};
use std::time::{Duration, UNIX_EPOCH};

const ENGINE: &str = "arn:aws:iam::123456789012:role/engine";
const ORDERS: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";
/// A governed table the lake has no schema of: Glue cannot describe it, vending can vend it.
const BLOBS: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/blobs";

/// The engine (allowlisted by session tag) reads `sales.orders` through a cell filter, and
/// `sales.blobs` (no schema) whole.
fn lake() -> LakeBuilder {
    Lake::builder()
        .settings(
            DataLakeSettings::default()
                .allow_external_data_filtering(true)
                .external_data_filtering_allow("123456789012")
                .authorized_session_tag_value("engine-x"),
        )
        .register_location("s3://lake/sales/")
        .table(Table::new("sales", "orders").location("s3://lake/sales/orders/"))
        .table(Table::new("sales", "blobs").location("s3://lake/sales/blobs/"))
        .schema(TableSchema::new("sales", "orders").column("id", "bigint").column("region", "string"))
        .cell_filter(CellFilter::new("us-rows", "sales", "orders").row_filter("region = 'us'"))
        .principal(Principal::new("AKIDENGINE", ENGINE).session_tag("LakeFormationAuthorizedCaller", "engine-x"))
        .grant(Grant::new(ENGINE, "sales", "orders", [Permission::Select]).cell_filter("us-rows"))
        .grant(Grant::new(ENGINE, "sales", "blobs", [Permission::Select]))
        .seed(28)
}

/// Glue's `GetUnfilteredTableMetadata` for `sales.orders`: the id it issued.
async fn authorize(glue: &aws_sdk_glue::Client) -> String {
    let out = glue
        .get_unfiltered_table_metadata()
        .catalog_id("123456789012")
        .database_name("sales")
        .name("orders")
        .supported_permission_types(GlueType::CellFilterPermission)
        .query_session_context(GlueContext::builder().query_id("q-1").build())
        .send()
        .await
        .unwrap();
    out.query_authorization_id().expect("Glue issues an id for a governed table").to_owned()
}

/// Table vending as an engine sends it, with `context` as its `QuerySessionContext`.
async fn vend(
    lf: &aws_sdk_lakeformation::Client,
    table: &str,
    context: Option<QuerySessionContext>,
) -> Result<String, GtError> {
    lf.get_temporary_glue_table_credentials()
        .table_arn(table)
        .permissions(Permission::Select)
        .supported_permission_types(PermissionType::CellFilterPermission)
        .set_query_session_context(context)
        .send()
        .await
        .map(|out| out.access_key_id().unwrap().to_owned())
        .map_err(|e| e.into_service_error())
}

fn with_id(id: &str) -> Option<QuerySessionContext> {
    Some(QuerySessionContext::builder().query_id("q-1").query_authorization_id(id).build())
}

fn message(err: &GtError) -> &str {
    err.message().unwrap_or_default()
}

#[tokio::test]
async fn an_engine_that_drops_the_id_fails_naming_the_id_and_the_glue_call_that_issued_it() {
    let lake = lake().strict_handshake().build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let id = authorize(&mock.glue_client_as("AKIDENGINE")).await;
    let lf = mock.client_as("AKIDENGINE");

    // The engine forgot the context altogether, or kept its query id and dropped the id.
    let dropped = Some(QuerySessionContext::builder().query_id("q-1").build());
    for context in [None, dropped] {
        let err = vend(&lf, ORDERS, context).await.unwrap_err();
        assert!(matches!(err, GtError::AccessDeniedException(_)), "{err:?}");
        let text = message(&err);
        assert!(
            text.starts_with(&format!(
                "GetTemporaryGlueTableCredentials for table {ORDERS} carried no QueryAuthorizationId"
            )),
            "{text}"
        );
        assert!(
            text.contains(&format!("GetUnfilteredTableMetadata (request #0) issued {id} to {ENGINE} for this table")),
            "{text}"
        );
        assert!(text.contains("QueryAuthorizationBehavior::strict()"), "{text}");
        // The setting is named as a Rust user writes it: a call on a `Behavior`.
        assert!(
            text.contains("Behavior::default().query_authorization(QueryAuthorizationBehavior::strict())"),
            "{text}"
        );
    }
    assert!(lake.vended_credentials().is_empty());

    // The engine that passes the id is vended, and again on renewal with the same id.
    let first = vend(&lf, ORDERS, with_id(&id)).await.unwrap();
    let renewed = vend(&lf, ORDERS, with_id(&id)).await.unwrap();
    assert_eq!(lake.vended(&first).unwrap().query_authorization_id(), Some(id.as_str()));
    assert_eq!(lake.vended_under(&id).len(), 2);
    assert_ne!(first, renewed);
}

#[tokio::test]
async fn strict_without_any_glue_call_says_to_call_glue_first() {
    let mock = MockLakeFormation::new().with_lake(&lake().strict_handshake().build());
    let err = vend(&mock.client_as("AKIDENGINE"), ORDERS, None).await.unwrap_err();
    let text = message(&err);
    assert!(text.contains(&format!("no GetUnfilteredTableMetadata call obtained one for {ENGINE} and this table")));
    assert!(text.contains("call Glue GetUnfilteredTableMetadata first"), "{text}");
    let trace = mock.requests()[0].answer().trace().unwrap().to_string();
    assert!(trace.contains("query authorization: refused: GetTemporaryGlueTableCredentials for table"), "{trace}");
}

#[tokio::test]
async fn strict_names_an_expired_id_and_a_changed_one() {
    let clock = ManualTimeSource::new(UNIX_EPOCH + Duration::from_secs(1_700_000_000));
    let lake = lake()
        .behavior(Behavior::default().query_authorization(QueryAuthorizationBehavior::strict().lifetime_seconds(900)))
        .build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let credentials = Credentials::new("AKIDENGINE", "not-a-secret", None, None, "test");
    let glue = aws_sdk_glue::Client::from_conf(
        mock.glue_config_builder().credentials_provider(credentials.clone()).time_source(clock.clone()).build(),
    );
    let lf = aws_sdk_lakeformation::Client::from_conf(
        mock.config_builder().credentials_provider(credentials).time_source(clock.clone()).build(),
    );
    let id = authorize(&glue).await;

    // Changed on the way back (an engine that trims or re-encodes it).
    let changed = format!("{}x", &id[..id.len() - 1]);
    let err = vend(&lf, ORDERS, with_id(&changed)).await.unwrap_err();
    let text = message(&err);
    assert!(text.contains(&format!("The QueryAuthorizationId {changed} is unknown: this lake did not issue it")));
    assert!(text.contains(&format!("(was it changed? GetUnfilteredTableMetadata (request #0) issued {id}")), "{text}");

    clock.advance(Duration::from_secs(901));
    let err = vend(&lf, ORDERS, None).await.unwrap_err();
    let text = message(&err);
    assert!(text.contains(&format!("issued {id} to {ENGINE} for this table, expired 1 seconds ago")), "{text}");
    assert!(text.contains("call GetUnfilteredTableMetadata again"), "{text}");
    assert!(lake.vended_credentials().is_empty());
}

#[tokio::test]
async fn the_default_lake_vends_without_an_id_and_the_strict_preset_loosens_explicitly() {
    // The default: full-table readers and Iceberg vend without one, so the lake does too.
    for lake in [
        lake().build(),
        lake()
            .behavior(
                Behavior::default()
                    .query_authorization(QueryAuthorizationBehavior::strict().required_for_vending(false)),
            )
            .build(),
    ] {
        let mock = MockLakeFormation::new().with_lake(&lake);
        let key = vend(&mock.client_as("AKIDENGINE"), ORDERS, None).await.unwrap();
        assert_eq!(lake.vended(&key).unwrap().query_authorization_id(), None);
    }
}

#[tokio::test]
async fn the_id_is_checked_for_a_table_without_a_schema_too() {
    // Defect 4: the check used to skip tables the lake has no schema of.
    let lake = lake().build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let lf = mock.client_as("AKIDENGINE");
    let err = vend(&lf, BLOBS, with_id("made-up-by-the-engine")).await.unwrap_err();
    assert!(matches!(err, GtError::AccessDeniedException(_)), "{err:?}");
    assert_eq!(message(&err), "The QueryAuthorizationId made-up-by-the-engine is unknown: this lake did not issue it.");

    // An id Glue issued for another table is another table's, whatever the table.
    let id = authorize(&mock.glue_client_as("AKIDENGINE")).await;
    let err = vend(&lf, BLOBS, with_id(&id)).await.unwrap_err();
    assert_eq!(message(&err), format!("The QueryAuthorizationId {id} was issued for table {ORDERS}, not for {BLOBS}."));
    assert!(lake.vended_credentials().is_empty());

    // And the strict handshake requires one for it as for any table.
    let mock = MockLakeFormation::new().with_lake(&self::lake().strict_handshake().build());
    let err = vend(&mock.client_as("AKIDENGINE"), BLOBS, None).await.unwrap_err();
    assert!(message(&err).contains(&format!("for table {BLOBS} carried no QueryAuthorizationId")), "{err:?}");
}

#[tokio::test]
async fn a_fixture_turns_the_strict_handshake_on() {
    let scenario = Scenario::from_json_str(
        r#"{
            "version": 1,
            "lake": {
                "Settings": {"AllowFullTableExternalDataAccess": true},
                "Locations": [{"Uri": "s3://lake/"}],
                "Tables": [{"Database": "sales", "Name": "orders", "Location": "s3://lake/sales/orders/"}],
                "Schemas": [{"Database": "sales", "Table": "orders", "Columns": [{"Name": "id", "Type": "bigint"}]}],
                "Principals": [{"AccessKeyId": "AKIDREADER", "Arn": "arn:aws:iam::123456789012:role/reader"}],
                "Grants": [{"Principal": "arn:aws:iam::123456789012:role/reader", "Database": "sales", "Table": "orders", "Permissions": ["SELECT"]}],
                "Behavior": {"QueryAuthorization": {"RequiredForVending": true}}
            }
        }"#,
    )
    .unwrap();
    let mock = scenario.mock();
    let err = mock
        .client_as("AKIDREADER")
        .get_temporary_glue_table_credentials()
        .table_arn(ORDERS)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    let text = message(&err);
    assert!(text.contains("carried no QueryAuthorizationId"), "{text}");
    assert!(text.contains("the lake's Behavior key QueryAuthorization.RequiredForVending"), "{text}");
}
