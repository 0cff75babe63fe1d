//! The simulated lake in server mode: it answers what no rule does, seeing the signing key id.
#![cfg(feature = "server")]

use crate::server_support;

use aws_sdk_lakeformation::types::{PartitionValueList, Permission, PermissionType};
use lakeformation_mock::MockLakeFormation;
use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, Principal, Table};
use lakeformation_mock::server::MockServer;
use server_support::{client, control_get};

#[tokio::test]
async fn the_lake_vends_and_refuses_over_http() {
    let engine = "arn:aws:iam::123456789012:role/engine";
    let lake = Lake::builder()
        .account_id("123456789012")
        .region("us-east-1")
        .settings(
            DataLakeSettings::default()
                .allow_external_data_filtering(true)
                .external_data_filtering_allow("123456789012")
                .authorized_session_tag_value("engine-x"),
        )
        .register_location("s3://lake/")
        .table(Table::new("sales", "orders").location("s3://lake/sales/orders/").column_policy())
        // The server-mode test client signs with AKIDTEST.
        .principal(Principal::new("AKIDTEST", engine).session_tag("LakeFormationAuthorizedCaller", "engine-x"))
        .grant(Grant::new(engine, "sales", "orders", [Permission::Select]))
        .build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let server = MockServer::start(&mock).unwrap();
    let client = client(&server.url());
    let arn = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";

    let out = client
        .get_temporary_glue_table_credentials()
        .table_arn(arn)
        .supported_permission_types(PermissionType::ColumnPermission)
        .send()
        .await
        .unwrap();
    let key = out.access_key_id().unwrap();
    assert!(key.starts_with("ASIA"), "{key}");
    assert_eq!(out.vended_s3_path(), ["s3://lake/sales/orders/"]);
    assert!(lake.vended(key).is_some(), "the lake recorded what it vended over HTTP");

    let err = client.get_temporary_glue_table_credentials().table_arn(arn).send().await.unwrap_err();
    assert!(err.into_service_error().is_permission_type_mismatch_exception());
    let requests = mock.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests.iter().all(|r| r.answer().rule().is_none() && r.answer().reply().is_some()), "lake answers");

    // The journal JSON carries each lake answer's trace, one step a string, the SDK none of it.
    let address = server.address();
    let journal = tokio::task::spawn_blocking(move || control_get(address, "journal")).await.unwrap();
    let answers: Vec<&serde_json::Value> =
        journal["requests"].as_array().unwrap().iter().map(|r| &r["answer"]).collect();
    let steps = |answer: &serde_json::Value| -> Vec<String> {
        let trace = answer["trace"].as_array().unwrap_or_else(|| panic!("no trace in {answer}"));
        trace.iter().map(|step| step.as_str().unwrap().to_owned()).collect()
    };
    let vended = steps(answers[0]);
    assert_eq!(
        vended[1],
        "principal: access key id AKIDTEST is arn:aws:iam::123456789012:role/engine \
                           (session tags LakeFormationAuthorizedCaller=engine-x)"
    );
    assert!(vended.iter().any(|s| s.starts_with("session-tag allowlisting: allowed:")), "{vended:?}");
    assert_eq!(
        vended.last().unwrap(),
        &format!("answer: vended {key} (READ, 3600 seconds) for s3://lake/sales/orders/")
    );
    let refused = steps(answers[1]);
    assert_eq!(answers[1]["error_code"], "PermissionTypeMismatchException");
    assert!(
        refused.contains(
            &"permission types: found [COLUMN_PERMISSION (table policy)] on sales.orders, \
                           SupportedPermissionTypes declares []: not covered: [COLUMN_PERMISSION]"
                .to_owned()
        ),
        "{refused:?}"
    );
    assert_eq!(answers[1]["error_message"].as_str().unwrap(), refused.last().unwrap().split_once("): ").unwrap().1);
}

#[tokio::test]
async fn rule_answers_have_no_trace_in_the_journal_json() {
    use lakeformation_mock::Rule;
    let mock = MockLakeFormation::new();
    Rule::table_credentials().respond_with(server_support::glue_output("ASIARULE")).mount(&mock);
    let server = MockServer::start(&mock).unwrap();
    client(&server.url())
        .get_temporary_glue_table_credentials()
        .table_arn("arn:aws:glue:us-east-1:123456789012:table/sales/orders")
        .send()
        .await
        .unwrap();
    let address = server.address();
    let journal = tokio::task::spawn_blocking(move || control_get(address, "journal")).await.unwrap();
    assert_eq!(journal["requests"][0]["answer"]["answered_by"], "rule");
    assert!(journal["requests"][0]["answer"]["trace"].is_null(), "{journal}");
}

#[tokio::test]
async fn the_lake_vends_and_refuses_a_partition_over_http() {
    let reader = "arn:aws:iam::123456789012:role/reader";
    let lake = Lake::builder()
        .settings(DataLakeSettings::default().allow_full_table_external_data_access(true))
        .register_location("s3://lake/")
        .table(
            Table::new("web", "events")
                .location("s3://lake/web/events/")
                .partition_keys(["dt"])
                .partition(["2024-01-01"], "s3://lake/web/events/dt=2024-01-01/"),
        )
        .principal(Principal::new("AKIDTEST", reader))
        .grant(Grant::new(reader, "web", "events", [Permission::Select]))
        .build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let server = MockServer::start(&mock).unwrap();
    let client = client(&server.url());
    let arn = "arn:aws:glue:us-east-1:123456789012:table/web/events";
    let send = |value: &str| {
        let partition = PartitionValueList::builder().values(value).build().unwrap();
        client.get_temporary_glue_partition_credentials().table_arn(arn).partition(partition).send()
    };

    let out = send("2024-01-01").await.unwrap();
    let vended = lake.vended(out.access_key_id().unwrap()).expect("the lake recorded it");
    assert_eq!(vended.locations(), ["s3://lake/web/events/dt=2024-01-01/"]);
    assert_eq!(vended.partition_values(), Some(&["2024-01-01".to_owned()][..]));

    let err = send("2099-01-01").await.unwrap_err().into_service_error();
    assert!(err.is_entity_not_found_exception(), "{err:?}");
    assert_eq!(err.meta().message(), Some("Partition [2099-01-01] not found in table web.events."));
    let journaled = mock.requests();
    assert_eq!(journaled.len(), 2);
    let values = journaled[1].partition_credentials_input().unwrap().partition().unwrap().values();
    assert_eq!(values, ["2099-01-01"], "the journal holds the typed input sent over HTTP");
}
