//! The simulated lake words what the user should do in the language the mock is scripted in:
//! fixture JSON for a mock loaded from a fixture and for every request over HTTP, Rust for a mock
//! built in code and used in process. One lake model, mounted each way (feature `glue`).

#[cfg(feature = "glue")]
mod with_glue {
    use aws_sdk_glue::error::ProvideErrorMetadata;
    use aws_sdk_glue::types::PermissionType;
    use lakeformation_mock::MockLakeFormation;
    use lakeformation_mock::fixture::Scenario;
    use lakeformation_mock::lake::{Lake, LakeModel};

    /// A governed table `sales.orders` without a schema, and a governed table `web.events` with
    /// one and a partition; the caller `AKIDREADER` holds SELECT on both.
    const MODEL: &str = r#"{
        "Settings": {"AllowFullTableExternalDataAccess": true},
        "Locations": [{"Uri": "s3://lake/"}],
        "Tables": [
            {"Database": "sales", "Name": "orders", "Location": "s3://lake/sales/orders/"},
            {"Database": "web", "Name": "events", "Location": "s3://lake/web/events/", "PartitionKeys": ["dt"],
             "Partitions": [{"Values": ["2024-01-01"], "Location": "s3://lake/web/events/dt=2024-01-01/"}]}
        ],
        "Schemas": [{"Database": "web", "Table": "events", "Columns": [{"Name": "id", "Type": "bigint"}]}],
        "Principals": [{"AccessKeyId": "AKIDREADER", "Arn": "arn:aws:iam::123456789012:role/reader"}],
        "Grants": [
            {"Principal": "arn:aws:iam::123456789012:role/reader", "Database": "sales", "Table": "orders", "Permissions": ["SELECT"]},
            {"Principal": "arn:aws:iam::123456789012:role/reader", "Database": "web", "Table": "events", "Permissions": ["SELECT"]}
        ]
    }"#;

    /// The Rust wording of the fix for the table without a schema.
    const RUST_SCHEMA: &str = r#".schema(TableSchema::new("sales", "orders")"#;
    /// Its fixture wording.
    const FIXTURE_SCHEMA: &str = r#""Schemas": [{"Database": "sales", "Table": "orders""#;
    /// The Rust wording of the fix for a partition `Expression` the lake cannot evaluate.
    const RUST_RULE: &str = "Rule::unfiltered_partitions_metadata()";
    /// Its fixture wording.
    const FIXTURE_RULE: &str = r#"the fixture's "rules""#;

    /// A mock built in code with the lake of [`MODEL`].
    fn rust_mock() -> MockLakeFormation {
        let model: LakeModel = serde_json::from_str(MODEL).unwrap();
        MockLakeFormation::new().with_lake(&Lake::from_model(model).unwrap())
    }

    /// A mock loaded from a fixture with the lake of [`MODEL`].
    fn fixture_mock() -> MockLakeFormation {
        Scenario::from_json_str(&format!(r#"{{"version": 1, "lake": {MODEL}}}"#)).unwrap().mock()
    }

    /// The message of the lake's answer to `GetUnfilteredTableMetadata` for `sales.orders`.
    async fn no_schema_message(glue: &aws_sdk_glue::Client) -> String {
        let err = glue
            .get_unfiltered_table_metadata()
            .catalog_id("123456789012")
            .database_name("sales")
            .name("orders")
            .supported_permission_types(PermissionType::ColumnPermission)
            .send()
            .await
            .unwrap_err()
            .into_service_error();
        assert_eq!(err.code(), Some("LakeFormationMockIncompleteModel"), "{err:?}");
        err.message().unwrap_or_default().to_owned()
    }

    /// The message of the lake's answer to a partitions request with an `Expression` it cannot evaluate.
    async fn expression_message(glue: &aws_sdk_glue::Client) -> String {
        let err = glue
            .get_unfiltered_partitions_metadata()
            .catalog_id("123456789012")
            .database_name("web")
            .table_name("events")
            .expression("dt > '2023-12-31'")
            .supported_permission_types(PermissionType::ColumnPermission)
            .send()
            .await
            .unwrap_err()
            .into_service_error();
        err.message().unwrap_or_default().to_owned()
    }

    /// `message` says the fix in fixture JSON (`fixture`) and not in Rust (`rust`).
    fn assert_fixture_wording(message: &str, fixture: &str, rust: &str) {
        assert!(message.contains(fixture), "no fixture wording `{fixture}` in: {message}");
        assert!(!message.contains(rust), "Rust wording `{rust}` in: {message}");
    }

    #[tokio::test]
    async fn a_fixture_s_lake_words_its_fixes_in_fixture_json() {
        let mock = fixture_mock();
        let glue = mock.glue_client_as("AKIDREADER");
        assert_fixture_wording(&no_schema_message(&glue).await, FIXTURE_SCHEMA, RUST_SCHEMA);
        assert_fixture_wording(&expression_message(&glue).await, FIXTURE_RULE, RUST_RULE);
    }

    #[tokio::test]
    async fn a_lake_built_in_code_words_its_fixes_in_rust() {
        let mock = rust_mock();
        let glue = mock.glue_client_as("AKIDREADER");
        // The same assertion with the roles swapped: Rust shown, fixture JSON not.
        assert_fixture_wording(&no_schema_message(&glue).await, RUST_SCHEMA, FIXTURE_SCHEMA);
        assert_fixture_wording(&expression_message(&glue).await, RUST_RULE, FIXTURE_RULE);
    }

    #[cfg(feature = "server")]
    #[tokio::test]
    async fn a_lake_built_in_code_and_served_over_http_words_its_fixes_in_fixture_json() {
        let mock = rust_mock();
        let server = lakeformation_mock::server::MockServer::start(&mock).unwrap();
        let glue = crate::server_support::glue_client_as(&server.url(), "AKIDREADER");
        assert_fixture_wording(&no_schema_message(&glue).await, FIXTURE_SCHEMA, RUST_SCHEMA);
        assert_fixture_wording(&expression_message(&glue).await, FIXTURE_RULE, RUST_RULE);
    }
}
