//! An engine's scan path, tested end to end against one mock answering both AWS Glue and Lake
//! Formation: the query-authorization handshake that engines which filter data themselves follow
//! (StarRocks, an open-source SQL engine; duckdb, an embedded SQL database, with its Lake
//! Formation extension).
//!
//! The lake runs the strict handshake (`Lake::builder().strict_handshake()`, see the Glue guide):
//! every table-credentials request must carry the `QueryAuthorizationId` Glue issued, so an
//! engine that forgot it fails here as it would against a strict deployment, instead of being
//! vended credentials anyway.
//!
//! The engine under test plans a scan: it asks Glue `GetUnfilteredTableMetadata` (with a
//! `QuerySessionContext`) what the caller may read, refuses what it cannot enforce (an empty
//! `AuthorizedColumns`, different row filters on different columns), projects the requested
//! columns onto the authorized ones, then asks Lake Formation for table credentials with the
//! `QueryAuthorizationId` Glue issued, and renews them with the same id when they near their
//! `Expiration`. A test clock drives time, so nothing waits.
//!
//! The example checks, with the journal and the lake's records, that the engine passed the id
//! unchanged on every vending call, read no column it was not authorized, applied the row filter,
//! and that a second query's id cannot be swapped in for another table.
//!
//! Run it with `cargo run --example engine_handshake --features glue`.

use aws_sdk_glue::types::{PermissionType as GlueType, QuerySessionContext as GlueContext};
use aws_sdk_lakeformation::error::ProvideErrorMetadata;
use aws_sdk_lakeformation::types::{Permission, PermissionType, QuerySessionContext};
use aws_smithy_async::test_util::ManualTimeSource;
use aws_smithy_async::time::TimeSource;
use lakeformation_mock::lake::{CellFilter, DataLakeSettings, Grant, Lake, Principal, Table, TableSchema};
use lakeformation_mock::{MockLakeFormation, Operation};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const ENGINE_KEY: &str = "AKIDSCANENGINE";
const ENGINE_ARN: &str = "arn:aws:iam::123456789012:role/scan-engine";
const ACCOUNT: &str = "123456789012";

/// What a scan may do: the plan the engine enforces.
#[derive(Debug)]
struct Plan {
    table_arn: String,
    columns: Vec<String>,
    row_filter: String,
    query_authorization_id: String,
}

/// The engine under test: plans scans through Glue, reads with vended credentials.
struct Engine {
    glue: aws_sdk_glue::Client,
    lakeformation: aws_sdk_lakeformation::Client,
    clock: ManualTimeSource,
    query_id: String,
}

impl Engine {
    /// Asks Glue what the caller may read of `database.table`, and refuses what the engine
    /// cannot enforce.
    async fn plan(&self, database: &str, table: &str, requested: &[&str]) -> Result<Plan, String> {
        let meta = self
            .glue
            .get_unfiltered_table_metadata()
            .catalog_id(ACCOUNT)
            .database_name(database)
            .name(table)
            .supported_permission_types(GlueType::CellFilterPermission)
            .query_session_context(
                GlueContext::builder().query_id(&self.query_id).query_start_time(self.clock.now().into()).build(),
            )
            .send()
            .await
            .map_err(|e| {
                format!("Glue refused the scan: {}", aws_smithy_types::error::display::DisplayErrorContext(e))
            })?;
        if !meta.is_registered_with_lake_formation() {
            return Err("not governed by Lake Formation: read it without vending".into());
        }
        // An empty list means no column may be read (never "every column").
        if meta.authorized_columns().is_empty() {
            return Err("no column is authorized".into());
        }
        let row_filter = meta.row_filter().ok_or("no RowFilter: refuse rather than read every row")?.to_owned();
        // One row filter for every column: what this engine can enforce.
        if meta.cell_filters().iter().any(|f| f.row_filter_expression() != Some(row_filter.as_str())) {
            return Err("different row filters on different columns: this engine cannot enforce them".into());
        }
        let columns: Vec<String> = requested
            .iter()
            .filter(|c| meta.authorized_columns().iter().any(|a| a == *c))
            .map(|c| (*c).to_owned())
            .collect();
        Ok(Plan {
            table_arn: meta.resource_arn().ok_or("no ResourceArn")?.to_owned(),
            columns,
            row_filter,
            query_authorization_id: meta.query_authorization_id().ok_or("no QueryAuthorizationId")?.to_owned(),
        })
    }

    /// Table credentials for the plan, with its `QueryAuthorizationId`: the access key id and
    /// when it expires.
    async fn credentials(&self, plan: &Plan) -> Result<(String, SystemTime), String> {
        let out = self
            .lakeformation
            .get_temporary_glue_table_credentials()
            .table_arn(&plan.table_arn)
            .permissions(Permission::Select)
            .supported_permission_types(PermissionType::CellFilterPermission)
            .duration_seconds(900)
            .query_session_context(
                QuerySessionContext::builder()
                    .query_id(&self.query_id)
                    .query_authorization_id(&plan.query_authorization_id)
                    .build(),
            )
            .send()
            .await
            .map_err(|e| {
                let e = e.into_service_error();
                format!("{}: {}", e.code().unwrap_or("?"), e.message().unwrap_or(""))
            })?;
        let expiration = SystemTime::try_from(*out.expiration().ok_or("no Expiration")?).map_err(|e| e.to_string())?;
        Ok((out.access_key_id().ok_or("no AccessKeyId")?.to_owned(), expiration))
    }

    /// Scans `splits` splits, one minute each, renewing the credentials a minute before they
    /// expire: the access key ids used.
    async fn scan(&self, plan: &Plan, splits: usize) -> Result<Vec<String>, String> {
        let (mut key, mut expiration) = self.credentials(plan).await?;
        let mut used = vec![key.clone()];
        for _ in 0..splits {
            if expiration - Duration::from_secs(60) <= self.clock.now() {
                (key, expiration) = self.credentials(plan).await?;
                used.push(key.clone());
            }
            // Read one split with `key`, projecting `plan.columns`, filtering `plan.row_filter`.
            self.clock.advance(Duration::from_secs(60));
        }
        Ok(used)
    }
}

#[tokio::main]
async fn main() {
    let lake = Lake::builder()
        .strict_handshake() // a vending call without the id Glue issued is refused
        .settings(
            DataLakeSettings::default()
                .allow_external_data_filtering(true)
                .external_data_filtering_allow(ACCOUNT)
                .authorized_session_tag_value("scan-engine"),
        )
        .register_location("s3://warehouse/sales/")
        .table(Table::new("sales", "orders").location("s3://warehouse/sales/orders/"))
        .table(Table::new("sales", "customers").location("s3://warehouse/sales/customers/"))
        .schema(
            TableSchema::new("sales", "orders")
                .column("id", "bigint")
                .column("region", "string")
                .column("amount", "double")
                .column("card_number", "string"),
        )
        .schema(TableSchema::new("sales", "customers").column("id", "bigint").column("name", "string"))
        .cell_filter(
            CellFilter::new("us-rows", "sales", "orders").row_filter("region = 'us'").excluding(["card_number"]),
        )
        .principal(Principal::new(ENGINE_KEY, ENGINE_ARN).session_tag("LakeFormationAuthorizedCaller", "scan-engine"))
        .grant(Grant::new(ENGINE_ARN, "sales", "orders", [Permission::Select]).cell_filter("us-rows"))
        .grant(Grant::new(ENGINE_ARN, "sales", "customers", [Permission::Select]))
        .seed(7)
        .build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let clock = ManualTimeSource::new(UNIX_EPOCH + Duration::from_secs(1_700_000_000));
    let credentials = aws_credential_types::Credentials::new(ENGINE_KEY, "not-a-secret", None, None, "example");
    let engine = Engine {
        glue: aws_sdk_glue::Client::from_conf(
            mock.glue_config_builder().credentials_provider(credentials.clone()).time_source(clock.clone()).build(),
        ),
        lakeformation: aws_sdk_lakeformation::Client::from_conf(
            mock.config_builder().credentials_provider(credentials).time_source(clock.clone()).build(),
        ),
        clock: clock.clone(),
        query_id: "query-0001".into(),
    };

    // 1. Plan: the engine asked for a column it may not read; the plan drops it.
    let plan = engine.plan("sales", "orders", &["id", "amount", "card_number"]).await.unwrap();
    assert_eq!(plan.columns, ["id", "amount"]);
    assert_eq!(plan.row_filter, "region = 'us'");
    println!("plan: {plan:?}");

    // 2. Scan 30 one-minute splits with 15-minute credentials: renewed twice, same id each time.
    let keys = engine.scan(&plan, 30).await.unwrap();
    assert_eq!(keys.len(), 3, "{keys:?}");
    let requests = mock.journal().table_credentials_inputs();
    assert!(requests.iter().all(|i| {
        i.query_session_context().and_then(|q| q.query_authorization_id()) == Some(plan.query_authorization_id.as_str())
    }));
    mock.journal().assert_shared_query_id();
    for key in &keys {
        let vended = lake.vended(key).unwrap();
        assert_eq!(vended.query_authorization_id(), Some(plan.query_authorization_id.as_str()));
        assert_eq!(vended.principal_arn(), ENGINE_ARN);
    }
    let authorization = lake.query_authorization(&plan.query_authorization_id).unwrap();
    // The engine read only what the authorization allowed.
    assert!(plan.columns.iter().all(|c| authorization.authorized_columns().contains(c)));
    assert_eq!(authorization.row_filter(), plan.row_filter);
    println!("scan: {} credentials, all vended under {}", keys.len(), authorization.id());

    // 3. A bug the handshake catches: reusing the orders plan's id for another table.
    let customers = engine.plan("sales", "customers", &["id", "name"]).await.unwrap();
    let swapped = Plan { query_authorization_id: plan.query_authorization_id.clone(), ..customers };
    let refused = engine.credentials(&swapped).await.unwrap_err();
    assert!(refused.starts_with("AccessDeniedException"), "{refused}");
    println!("swapped id refused: {refused}");
    let last = mock.requests().into_iter().last().unwrap();
    assert_eq!(last.operation(), &Operation::GetTemporaryGlueTableCredentials);
    println!("the lake's reason:\n{}", last.answer().trace().unwrap());

    // 4. Another bug the strict handshake catches: forgetting the id altogether.
    let forgotten = engine
        .lakeformation
        .get_temporary_glue_table_credentials()
        .table_arn(&plan.table_arn)
        .permissions(Permission::Select)
        .supported_permission_types(PermissionType::CellFilterPermission)
        .query_session_context(QuerySessionContext::builder().query_id(&engine.query_id).build())
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    let message = forgotten.message().unwrap_or_default();
    assert!(message.contains("carried no QueryAuthorizationId"), "{message}");
    assert!(message.contains(&plan.query_authorization_id), "{message}");
    println!("forgotten id refused: {}: {message}", forgotten.code().unwrap_or("?"));

    // 5. After an hour (the id's lifetime), the old id no longer vends: the engine must plan again.
    clock.advance(Duration::from_secs(3600));
    let expired = engine.credentials(&plan).await.unwrap_err();
    assert!(expired.contains("expired"), "{expired}");
    println!("expired id refused: {expired}");
}
