//! Bodies no SDK sends, as a hostile or broken client sends them: the mock refuses what the
//! services refuse, even when a catch-all rule would answer.

use crate::common;
use aws_sdk_lakeformation::config::{Intercept, RuntimeComponents};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextMut;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::config_bag::ConfigBag;
use lakeformation_mock::{InputError, MockLakeFormation, Rule};

/// Replaces the request body on its way out.
#[derive(Debug)]
pub(crate) struct Body(pub(crate) String);

impl Intercept for Body {
    fn name(&self) -> &'static str {
        "Body"
    }

    fn modify_before_transmit(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        _rc: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        *context.request_mut().body_mut() = SdkBody::from(self.0.clone());
        Ok(())
    }
}

/// A mock whose catch-all rules answer every Lake Formation operation with success.
fn answering_everything() -> MockLakeFormation {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    Rule::table_credentials().respond_with(common::glue_output("ASIACATCHALL")).mount(&mock);
    Rule::partition_credentials()
        .respond_with(
            aws_sdk_lakeformation::operation::get_temporary_glue_partition_credentials::GetTemporaryGluePartitionCredentialsOutput::builder()
                .access_key_id("ASIACATCHALL")
                .build(),
        )
        .mount(&mock);
    Rule::data_location().respond_with(common::data_location_output("ASIACATCHALL")).mount(&mock);
    mock
}

/// Sends `body` as the body of `operation`'s request; the error text, or `Ok` when answered.
async fn lake_formation(mock: &MockLakeFormation, operation: &str, body: &str) -> Result<(), String> {
    let client =
        aws_sdk_lakeformation::Client::from_conf(mock.config_builder().interceptor(Body(body.to_owned())).build());
    match operation {
        "table" => client
            .get_temporary_glue_table_credentials()
            .table_arn(common::ARN)
            .send()
            .await
            .map(|_| ())
            .map_err(|e| common::chain(&e)),
        "partition" => client
            .get_temporary_glue_partition_credentials()
            .table_arn(common::ARN)
            .partition(aws_sdk_lakeformation::types::PartitionValueList::builder().values("x").build().unwrap())
            .send()
            .await
            .map(|_| ())
            .map_err(|e| common::chain(&e)),
        _ => client.get_temporary_data_location_credentials().send().await.map(|_| ()).map_err(|e| common::chain(&e)),
    }
}

#[tokio::test]
async fn a_json_array_where_the_model_wants_an_object_is_malformed() {
    let arn = common::ARN;
    let cases = [
        ("table", format!(r#"{{"TableArn":"{arn}","AuditContext":["job-7"]}}"#), "line 1 column"),
        ("table", format!(r#"{{"TableArn":"{arn}","QuerySessionContext":["q-1"]}}"#), "line 1 column"),
        ("table", format!(r#"["{arn}"]"#), "line 1 column 1"),
        ("partition", format!(r#"{{"TableArn":"{arn}","Partition":[["2024-01-01","eu"]]}}"#), "line 1 column"),
        ("partition", format!(r#"{{"TableArn":"{arn}","Partition":{{"Values":["a"]}},"AuditContext":["x"]}}"#), ""),
        ("data-location", r#"{"AuditContext":["job-7"]}"#.to_owned(), ""),
        ("data-location", r#"[900]"#.to_owned(), ""),
    ];
    for (operation, body, position) in cases {
        let mock = answering_everything();
        let text = lake_formation(&mock, operation, &body).await.expect_err(&body);
        assert!(text.contains("invalid type: sequence, expected a JSON object"), "{body}: {text}");
        assert!(text.contains(position), "{body}: {text}");
        let request = &mock.requests()[0];
        assert!(matches!(request.input_error(), Some(InputError::Malformed { .. })), "{body}: {request:?}");
        assert!(request.answer().rule().is_none(), "{body}");
    }

    // The same members as objects are answered.
    let mock = answering_everything();
    let body = format!(r#"{{"TableArn":"{arn}","AuditContext":{{"AdditionalAuditContext":"job-7"}}}}"#);
    assert_eq!(lake_formation(&mock, "table", &body).await, Ok(()));
    let body = format!(r#"{{"TableArn":"{arn}","Partition":{{"Values":["2024-01-01","eu"]}}}}"#);
    assert_eq!(lake_formation(&mock, "partition", &body).await, Ok(()));
    let body = r#"{"AuditContext":null}"#;
    assert_eq!(lake_formation(&mock, "data-location", body).await, Ok(()));
}

#[cfg(feature = "glue")]
mod glue {
    use super::*;
    use aws_sdk_glue::operation::get_unfiltered_partitions_metadata::GetUnfilteredPartitionsMetadataOutput;
    use aws_sdk_glue::operation::get_unfiltered_table_metadata::GetUnfilteredTableMetadataOutput;
    use aws_sdk_glue::types::{PermissionType, Table};
    use lakeformation_mock::Reply;

    const TABLE: &str =
        r#""CatalogId":"123456789012","DatabaseName":"sales","SupportedPermissionTypes":["COLUMN_PERMISSION"]"#;

    async fn glue(body: &str, partitions: bool) -> (MockLakeFormation, Result<(), String>) {
        let mock = MockLakeFormation::builder().verify_on_drop(false).build();
        let table = Table::builder().name("orders").build().unwrap();
        Rule::unfiltered_table_metadata()
            .respond_with(Reply::from(GetUnfilteredTableMetadataOutput::builder().table(table).build()))
            .mount(&mock);
        Rule::unfiltered_partitions_metadata()
            .respond_with(GetUnfilteredPartitionsMetadataOutput::builder().build())
            .mount(&mock);
        let client =
            aws_sdk_glue::Client::from_conf(mock.glue_config_builder().interceptor(Body(body.to_owned())).build());
        let result = if partitions {
            client
                .get_unfiltered_partitions_metadata()
                .catalog_id("123456789012")
                .database_name("sales")
                .table_name("orders")
                .supported_permission_types(PermissionType::ColumnPermission)
                .send()
                .await
                .map(|_| ())
                .map_err(|e| common::chain(&e))
        } else {
            client
                .get_unfiltered_table_metadata()
                .catalog_id("123456789012")
                .database_name("sales")
                .name("orders")
                .supported_permission_types(PermissionType::ColumnPermission)
                .send()
                .await
                .map(|_| ())
                .map_err(|e| common::chain(&e))
        };
        (mock, result)
    }

    #[tokio::test]
    async fn a_json_array_where_glue_s_model_wants_an_object_is_malformed() {
        let cases = [
            (format!(r#"{{{TABLE},"Name":"orders","AuditContext":["job-7"]}}"#), false),
            (format!(r#"{{{TABLE},"Name":"orders","QuerySessionContext":["q-1"]}}"#), false),
            (format!(r#"{{{TABLE},"Name":"orders","SupportedDialect":["SPARK","3"]}}"#), false),
            (r#"["123456789012","sales","orders"]"#.to_owned(), false),
            (format!(r#"{{{TABLE},"TableName":"orders","Segment":[0,1]}}"#), true),
            (format!(r#"{{{TABLE},"TableName":"orders","AuditContext":["job-7"]}}"#), true),
        ];
        for (body, partitions) in cases {
            let (mock, result) = glue(&body, partitions).await;
            let text = result.expect_err(&body);
            assert!(text.contains("invalid type: sequence, expected a JSON object"), "{body}: {text}");
            let request = &mock.requests()[0];
            assert!(matches!(request.input_error(), Some(InputError::Malformed { .. })), "{body}: {request:?}");
        }
        let body = format!(r#"{{{TABLE},"Name":"orders","AuditContext":{{"AdditionalAuditContext":"job-7"}}}}"#);
        assert_eq!(glue(&body, false).await.1, Ok(()));
    }
}

/// `TableArn` has no pattern in the model; the service refuses one it cannot read as a Glue
/// table ARN, so scripted mode does too, before any rule (input validation is on by default).
#[tokio::test]
async fn a_malformed_table_arn_is_refused_before_a_catch_all_rule() {
    use aws_sdk_lakeformation::error::ProvideErrorMetadata;
    use aws_sdk_lakeformation::types::PartitionValueList;
    use lakeformation_mock::Source;

    let partition = || PartitionValueList::builder().values("2024-01-01").build().unwrap();
    for arn in
        ["not-an-arn", "", "arn:aws:s3:::sales-bucket/orders/", "arn:aws:glue:us-east-1:123456789012:database/sales"]
    {
        let mock = answering_everything();
        let client = mock.client();
        let table = client.get_temporary_glue_table_credentials().table_arn(arn).send().await;
        let table = table.expect_err(arn).into_service_error();
        assert!(table.is_invalid_input_exception(), "{arn}: {table:?}");
        let wanted = format!(
            "Invalid TableArn '{arn}': expected arn:{{partition}}:glue:{{region}}:{{account-id}}:table/{{database}}/{{table}}"
        );
        assert_eq!(table.message(), Some(wanted.as_str()));
        let sent = client.get_temporary_glue_partition_credentials().table_arn(arn).partition(partition()).send().await;
        let partition_error = sent.expect_err(arn).into_service_error();
        assert!(partition_error.is_invalid_input_exception(), "{arn}: {partition_error:?}");
        assert_eq!(partition_error.message(), Some(wanted.as_str()));
        assert!(mock.requests().iter().all(|r| r.answer().source() == &Source::Validation), "{arn}");
    }

    // A test that means to script an answer to such a request turns validation off.
    let mock = MockLakeFormation::builder().validate_input(false).build();
    Rule::table_credentials().respond_with(common::glue_output("ASIAANYWAY")).mount(&mock);
    let out = mock.client().get_temporary_glue_table_credentials().table_arn("not-an-arn").send().await.unwrap();
    assert_eq!(out.access_key_id(), Some("ASIAANYWAY"));
}
