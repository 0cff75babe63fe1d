//! Glue rules in fixture files (feature `glue`): scripted `GetUnfilteredTableMetadata` and
//! `GetUnfilteredPartitionsMetadata` outputs, Glue's errors, faults and raw replies, served to a
//! real `aws_sdk_glue::Client` in process and over HTTP; precise load errors; recordings of the
//! handshake that replay both halves. Without the feature, a Glue key names the feature.

use lakeformation_mock::fixture::Scenario;

#[cfg(feature = "glue")]
mod with_glue {
    use super::*;
    use aws_sdk_glue::error::ProvideErrorMetadata;
    use aws_sdk_glue::operation::get_unfiltered_partitions_metadata::GetUnfilteredPartitionsMetadataError;
    use aws_sdk_glue::operation::get_unfiltered_table_metadata::GetUnfilteredTableMetadataError;
    use aws_sdk_glue::types::{Permission, PermissionType};
    use lakeformation_mock::MockLakeFormation;

    const GLUE_RULES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/glue_rules.json");

    fn table_metadata(
        glue: &aws_sdk_glue::Client,
    ) -> aws_sdk_glue::operation::get_unfiltered_table_metadata::builders::GetUnfilteredTableMetadataFluentBuilder {
        glue.get_unfiltered_table_metadata()
            .catalog_id("123456789012")
            .database_name("sales")
            .name("orders")
            .supported_permission_types(PermissionType::CellFilterPermission)
    }

    fn partitions(
        glue: &aws_sdk_glue::Client,
    ) -> aws_sdk_glue::operation::get_unfiltered_partitions_metadata::builders::GetUnfilteredPartitionsMetadataFluentBuilder
    {
        glue.get_unfiltered_partitions_metadata()
            .catalog_id("123456789012")
            .database_name("sales")
            .table_name("orders")
            .supported_permission_types(PermissionType::CellFilterPermission)
    }

    /// What `fixtures/glue_rules.json` scripts, as an engine's Glue client sees it.
    async fn the_glue_rules_answer(glue: &aws_sdk_glue::Client) {
        let meta = table_metadata(glue).send().await.unwrap();
        let table = meta.table().unwrap();
        assert_eq!(
            (table.name(), table.database_name(), table.catalog_id()),
            ("orders", Some("sales"), Some("123456789012"))
        );
        assert_eq!(table.table_type(), Some("EXTERNAL_TABLE"));
        assert_eq!(table.parameters().unwrap()["classification"], "parquet");
        let sd = table.storage_descriptor().unwrap();
        assert_eq!(sd.location(), Some("s3://sales-bucket/orders/"));
        let columns: Vec<(&str, Option<&str>)> = sd.columns().iter().map(|c| (c.name(), c.r#type())).collect();
        assert_eq!(columns, [("id", Some("bigint")), ("region", Some("string")), ("ssn", Some("string"))]);
        assert_eq!(sd.columns()[2].comment(), Some("not authorized"));
        assert_eq!(table.partition_keys()[0].name(), "dt");
        assert!(table.is_registered_with_lake_formation());
        assert_eq!(meta.authorized_columns(), ["id", "region"]);
        assert!(meta.is_registered_with_lake_formation());
        let filters: Vec<(Option<&str>, Option<&str>)> =
            meta.cell_filters().iter().map(|f| (f.column_name(), f.row_filter_expression())).collect();
        assert_eq!(filters, [(Some("id"), Some("region = 'eu'")), (Some("region"), Some("region = 'eu'"))]);
        assert_eq!(meta.query_authorization_id(), Some("qa-orders-0001"));
        assert_eq!(meta.resource_arn(), Some("arn:aws:glue:us-east-1:123456789012:table/sales/orders"));
        assert!(meta.is_protected());
        assert_eq!(meta.permissions(), [Permission::Select]);
        assert_eq!(meta.row_filter(), Some("region = 'eu'"));

        // The second answer is the same; then the Glue error, as Glue sends it.
        table_metadata(glue).send().await.unwrap();
        let err = table_metadata(glue).send().await.unwrap_err().into_service_error();
        assert!(matches!(err, GetUnfilteredTableMetadataError::EntityNotFoundException(_)), "{err:?}");
        assert_eq!(err.message(), Some("Entity Not Found"));

        let first = partitions(glue).send().await.unwrap();
        assert_eq!(first.next_token(), Some("page-2"));
        let [p] = first.unfiltered_partitions() else { panic!("{first:?}") };
        let partition = p.partition().unwrap();
        assert_eq!(partition.values(), ["2024-01-01"]);
        assert_eq!(partition.table_name(), Some("orders"));
        assert_eq!(partition.storage_descriptor().unwrap().location(), Some("s3://sales-bucket/orders/dt=2024-01-01/"));
        assert_eq!(p.authorized_columns(), ["id", "region"]);
        assert!(p.is_registered_with_lake_formation());
        let second = partitions(glue).next_token("page-2").send().await.unwrap();
        assert_eq!(second.next_token(), None);
        assert_eq!(second.unfiltered_partitions()[0].partition().unwrap().values(), ["2024-01-02"]);
    }

    #[tokio::test]
    async fn a_fixture_with_glue_rules_answers_a_glue_client() {
        let mock = MockLakeFormation::from_fixture(GLUE_RULES).unwrap();
        the_glue_rules_answer(&mock.glue_client()).await;
        // The last reply of the partitions rule is a connector fault.
        let err = partitions(&mock.glue_client()).send().await.unwrap_err();
        assert!(matches!(err, aws_sdk_glue::error::SdkError::DispatchFailure(_)), "{err:?}");
        assert_eq!(mock.calls_of("orders metadata"), Some(3));
        mock.verify();
    }

    #[cfg(feature = "server")]
    #[tokio::test]
    async fn a_served_fixture_with_glue_rules_answers_a_glue_client_over_http() {
        use aws_sdk_glue::config::{BehaviorVersion, Region};
        let mock = MockLakeFormation::from_fixture(GLUE_RULES).unwrap();
        let server = lakeformation_mock::server::MockServer::start(&mock).unwrap();
        let config = aws_sdk_glue::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .credentials_provider(aws_credential_types::Credentials::new("AKIDTEST", "not-a-secret", None, None, "t"))
            .http_client(aws_smithy_http_client::Builder::new().build_http())
            .endpoint_url(server.url())
            .build();
        the_glue_rules_answer(&aws_sdk_glue::Client::from_conf(config)).await;
        mock.verify();
    }

    /// `record_scenario` records Glue's requests: a recording of the scripted run replays the
    /// same outputs and errors, in the same order.
    #[tokio::test]
    async fn a_recording_of_glue_answers_replays_them() {
        let mock = MockLakeFormation::from_fixture(GLUE_RULES).unwrap();
        the_glue_rules_answer(&mock.glue_client()).await;
        let recording = mock.record_scenario("glue answers");
        assert_eq!(
            recording.rule_names(),
            [Some("recorded GetUnfilteredTableMetadata"), Some("recorded GetUnfilteredPartitionsMetadata")]
        );
        let json = recording.to_json_string();
        assert!(
            json.contains("\"unfiltered_table_metadata_output\"") && json.contains("\"NextToken\": \"page-2\""),
            "{json}"
        );
        assert!(json.contains("\"code\": \"EntityNotFoundException\""), "{json}");
        assert!(!json.contains("Signature="), "the signature is redacted: {json}");
        let replay = recording.mock();
        the_glue_rules_answer(&replay.glue_client()).await;
        replay.verify();
    }

    #[tokio::test]
    async fn glue_errors_of_a_fixture_are_glues_own_modeled_errors() {
        let mock = Scenario::from_json_str(
            r#"{"version": 1, "rules": [
                {"operation": "GetUnfilteredTableMetadata", "responses": [
                    {"error": {"code": "FederationSourceRetryable", "message": "try again"}},
                    {"error": {"code": "InternalServiceException"}},
                    {"http": {"status": 200, "headers": {"content-type": "application/x-amz-json-1.1"}, "body": "{\"Table\": {\"Name\": \"raw\"}}"}, "repeat": true}
                ]},
                {"operation": "GetUnfilteredPartitionsMetadata", "responses": [
                    {"error": {"code": "PermissionTypeMismatchException", "message": "use cells", "status": 400}, "repeat": true}
                ]}
            ]}"#,
        )
        .unwrap()
        .mock();
        let glue = aws_sdk_glue::Client::from_conf(
            mock.glue_config_builder().retry_config(aws_sdk_glue::config::retry::RetryConfig::disabled()).build(),
        );
        let err = table_metadata(&glue).send().await.unwrap_err().into_service_error();
        assert!(matches!(err, GetUnfilteredTableMetadataError::FederationSourceRetryableException(_)), "{err:?}");
        assert_eq!(err.message(), Some("try again"));
        let err = table_metadata(&glue).send().await.unwrap_err();
        assert_eq!(err.raw_response().map(|r| r.status().as_u16()), Some(500));
        assert!(matches!(err.into_service_error(), GetUnfilteredTableMetadataError::InternalServiceException(_)));
        let raw = table_metadata(&glue).send().await.unwrap();
        assert_eq!(raw.table().unwrap().name(), "raw");
        let err = partitions(&glue).send().await.unwrap_err().into_service_error();
        assert!(matches!(err, GetUnfilteredPartitionsMetadataError::PermissionTypeMismatchException(_)), "{err:?}");
        assert_eq!(err.message(), Some("use cells"));
    }

    /// A Glue request nothing answers, to a mock built from a fixture: the hint proposes a Glue
    /// rule, which answers it once pasted into the fixture.
    #[tokio::test]
    async fn an_unanswered_glue_request_gets_a_glue_fixture_rule() {
        // The request goes unanswered on purpose: the test reads the hint.
        let mock =
            Scenario::from_json_str(r#"{"version": 1, "settings": {"fail_on_unmatched": false}}"#).unwrap().mock();
        let err = table_metadata(&mock.glue_client()).send().await.unwrap_err();
        let text = crate::common::chain(&err);
        let marker = "add this rule to the fixture's \"rules\": ";
        let rule = &text[text.find(marker).unwrap_or_else(|| panic!("no fixture hint: {text}")) + marker.len()..];
        let expected = r#"{"operation": "GetUnfilteredTableMetadata", "responses": [{"unfiltered_table_metadata_output": {"Table": {"Name": "orders", "DatabaseName": "sales", "CatalogId": "123456789012"}, "IsRegisteredWithLakeFormation": true}, "repeat": true}]}"#;
        assert!(rule.starts_with(expected), "{text}");
        let rule = expected;
        let fixed = Scenario::from_json_str(&format!(r#"{{"version": 1, "rules": [{rule}]}}"#)).unwrap().mock();
        let meta = table_metadata(&fixed.glue_client()).send().await.unwrap();
        assert_eq!(meta.table().unwrap().name(), "orders");
    }

    /// `(json_path, a part of the message)` of loading `rules`.
    fn load_error(rules: &str) -> (String, String) {
        let err = Scenario::from_json_str(&format!(r#"{{"version": 1, "rules": {rules}}}"#)).unwrap_err();
        (err.json_path.clone(), err.to_string())
    }

    /// A match key only the partitions operation's requests have, on a rule for the table
    /// operation, can never hold: refused, as on a vending rule.
    #[test]
    fn a_partition_listing_key_on_a_table_metadata_rule_is_a_load_error() {
        for key in [r#""Expression": "dt = '2024-01-01'""#, r#""MaxResults": 10"#, r#""NextToken": "t""#] {
            let (path, message) = load_error(&format!(
                r#"[{{"operation": "GetUnfilteredTableMetadata", "match": {{{key}}}, "responses": [{{"unfiltered_table_metadata_output": {{"Table": {{"Name": "orders"}}}}}}]}}]"#
            ));
            let name = key.split('"').nth(1).unwrap();
            assert_eq!(path, format!("rules[0].match.{name}"), "{message}");
            assert!(
                message.contains(&format!("GetUnfilteredTableMetadata requests have no {name}"))
                    && message.contains("remove it"),
                "{message}"
            );
        }
    }

    #[test]
    fn a_broken_glue_rule_is_a_precise_load_error() {
        let cases = [
            // A required member of the model is missing.
            (
                r#"[{"operation": "GetUnfilteredTableMetadata", "responses": [{"unfiltered_table_metadata_output": {"AuthorizedColumns": ["id"]}}]}]"#,
                "rules[0].responses[0].unfiltered_table_metadata_output",
                "missing field `Table`",
            ),
            (
                r#"[{"operation": "GetUnfilteredTableMetadata", "responses": [{"unfiltered_table_metadata_output": {"Table": {"DatabaseName": "sales"}}}]}]"#,
                "rules[0].responses[0].unfiltered_table_metadata_output.Table",
                "missing field `Name`",
            ),
            (
                r#"[{"operation": "GetUnfilteredTableMetadata", "responses": [{"unfiltered_table_metadata_output": {"Table": {"Name": "t", "PartitionKeys": [{"Type": "string"}]}}}]}]"#,
                "rules[0].responses[0].unfiltered_table_metadata_output.Table.PartitionKeys[0]",
                "missing field `Name`",
            ),
            // A Glue reply on a vending rule, and the other way round.
            (
                r#"[{"operation": "GetTemporaryGlueTableCredentials", "responses": [{"unfiltered_table_metadata_output": {"Table": {"Name": "t"}}}]}]"#,
                "rules[0].responses[0].unfiltered_table_metadata_output",
                "an unfiltered_table_metadata_output cannot answer GetTemporaryGlueTableCredentials",
            ),
            (
                r#"[{"operation": "GetUnfilteredPartitionsMetadata", "responses": [{"table_credentials_output": {"AccessKeyId": "ASIA"}}]}]"#,
                "rules[0].responses[0].table_credentials_output",
                "a table_credentials_output cannot answer GetUnfilteredPartitionsMetadata",
            ),
            (
                r#"[{"operation": "GetUnfilteredTableMetadata", "responses": [{"unfiltered_partitions_metadata_output": {}}]}]"#,
                "rules[0].responses[0].unfiltered_partitions_metadata_output",
                "cannot answer GetUnfilteredTableMetadata",
            ),
            // A Glue error code on a vending rule, a vending-only one on a Glue rule.
            (
                r#"[{"operation": "GetTemporaryDataLocationCredentials", "responses": [{"error": {"code": "FederationSourceException"}}]}]"#,
                "rules[0].responses[0].error.code",
                "FederationSourceException is an error of Glue's",
            ),
            (
                r#"[{"operation": "GetUnfilteredTableMetadata", "responses": [{"error": {"code": "ConflictException"}}]}]"#,
                "rules[0].responses[0].error.code",
                "GetUnfilteredTableMetadata never answers ConflictException",
            ),
            // A vending request field matched on a Glue rule.
            (
                r#"[{"operation": "GetUnfilteredPartitionsMetadata", "match": {"TableArn": "arn:aws:glue:us-east-1:123456789012:table/sales/orders"}, "responses": [{"fault": "io"}]}]"#,
                "rules[0].match.TableArn",
                "GetUnfilteredPartitionsMetadata requests have no TableArn",
            ),
            (
                r#"[{"operation": "GetUnfilteredTableMetadata", "match": {"DurationSecondsRange": {"min": 900}}, "responses": [{"fault": "io"}]}]"#,
                "rules[0].match.DurationSecondsRange",
                "requests have no DurationSeconds",
            ),
            // Glue's outputs have no Expiration; Glue's permissions are Glue's list.
            (
                r#"[{"operation": "GetUnfilteredTableMetadata", "responses": [{"unfiltered_table_metadata_output": {"Table": {"Name": "t"}}, "expires_in_seconds": 60}]}]"#,
                "rules[0].responses[0].expires_in_seconds",
                "Glue's outputs carry no Expiration",
            ),
            (
                r#"[{"operation": "GetUnfilteredTableMetadata", "responses": [{"unfiltered_table_metadata_output": {"Table": {"Name": "t"}, "Permissions": ["DESCRIBE"]}}]}]"#,
                "rules[0].responses[0].unfiltered_table_metadata_output.Permissions[0]",
                "unknown variant `DESCRIBE`",
            ),
            (
                r#"[{"operation": "GetUnfilteredTableMetadata", "responses": [{"unfiltered_table_metadata_output": {"Tabel": {"Name": "t"}}}]}]"#,
                "rules[0].responses[0].unfiltered_table_metadata_output.Tabel",
                "did you mean `Table`?",
            ),
        ];
        for (rules, path, message) in cases {
            let (at, text) = load_error(rules);
            assert_eq!(at, path, "{rules}: {text}");
            assert!(text.contains(message), "{rules}: expected {message:?} in {text}");
        }
    }

    #[test]
    fn an_error_code_close_to_a_glue_one_gets_a_suggestion() {
        let (at, text) = load_error(
            r#"[{"operation": "GetUnfilteredTableMetadata", "responses": [{"error": {"code": "FederationSourceExeption"}}]}]"#,
        );
        assert_eq!(at, "rules[0].responses[0].error.code");
        assert!(text.contains("did you mean `FederationSourceException`?"), "{text}");
    }

    #[test]
    fn a_glue_fixture_round_trips_through_its_json() {
        let scenario = Scenario::from_path(GLUE_RULES).unwrap();
        let again = Scenario::from_json_str(&scenario.to_json_string()).unwrap();
        assert_eq!(again.to_json_string(), scenario.to_json_string());
        assert!(scenario.to_json_string().contains("\"QueryAuthorizationId\": \"qa-orders-0001\""));
    }
}

/// Without the feature, every Glue key of a fixture says which feature reads it.
#[cfg(not(feature = "glue"))]
#[test]
fn without_the_glue_feature_a_glue_key_names_the_feature() {
    let cases = [
        (
            r#"{"version": 1, "rules": [{"operation": "GetUnfilteredTableMetadata", "responses": [{"fault": "io"}]}]}"#,
            "rules[0].operation",
        ),
        (
            r#"{"version": 1, "rules": [{"responses": [{"unfiltered_partitions_metadata_output": {}}]}]}"#,
            "rules[0].responses[0].unfiltered_partitions_metadata_output",
        ),
        (r#"{"version": 1, "lake": {"Schemas": []}}"#, "lake.Schemas"),
        (r#"{"version": 1, "lake": {"CellFilters": []}}"#, "lake.CellFilters"),
    ];
    for (text, path) in cases {
        let err = Scenario::from_json_str(text).unwrap_err();
        assert_eq!(err.json_path, path, "{err}");
        assert!(err.to_string().contains("needs lakeformation-mock's feature `glue`"), "{err}");
        // How to turn it on, for a test's dependency and for the binary.
        assert!(err.to_string().contains(r#"`features = ["glue"]` in Cargo.toml"#), "{err}");
        assert!(err.to_string().contains("`--features cli,glue`"), "{err}");
        assert_eq!(err.suggestion, None, "{err}");
    }
    let err = Scenario::from_json_str(
        r#"{"version": 1, "rules": [{"responses": [{"error": {"code": "FederationSourceException"}}]}]}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("feature `glue`"), "{err}");
    assert!(err.to_string().contains(r#"`features = ["glue"]` in Cargo.toml"#), "{err}");
}
