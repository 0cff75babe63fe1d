//! Input validation of the simulated lake (spec section 2): each constraint answers
//! `InvalidInputException` with the service's `N validation error(s) detected: ...` message.

use crate::lake_support;

use aws_sdk_lakeformation::types::{AuditContext, CredentialsScope, Permission, PermissionType, QuerySessionContext};
use lake_support::*;
use lakeformation_mock::MockLakeFormation;
use lakeformation_mock::lake::Behavior;

type GlueCase = (&'static str, fn(Glue) -> Glue, &'static str);
type DlCase = (&'static str, fn(Dl) -> Dl, &'static str);

fn audit(len: usize) -> AuditContext {
    AuditContext::builder().additional_audit_context("a".repeat(len)).build()
}

fn query(
    f: fn(
        aws_sdk_lakeformation::types::builders::QuerySessionContextBuilder,
    ) -> aws_sdk_lakeformation::types::builders::QuerySessionContextBuilder,
) -> QuerySessionContext {
    f(QuerySessionContext::builder()).build()
}

const GLUE_CASES: &[GlueCase] = &[
    (
        "missing TableArn",
        |r| r,
        "1 validation error detected: Value null at 'tableArn' failed to satisfy constraint: Member must not be null",
    ),
    (
        "DurationSeconds below 900",
        |r| r.table_arn(ORDERS).duration_seconds(5),
        "1 validation error detected: Value '5' at 'durationSeconds' failed to satisfy constraint: Member must have \
         value greater than or equal to 900",
    ),
    (
        "DurationSeconds above the table cap (21,600)",
        |r| r.table_arn(ORDERS).duration_seconds(21_601),
        "1 validation error detected: Value '21601' at 'durationSeconds' failed to satisfy constraint: Member must \
         have value less than or equal to 21600",
    ),
    (
        "empty SupportedPermissionTypes",
        |r| r.table_arn(ORDERS).set_supported_permission_types(Some(vec![])),
        "1 validation error detected: Value '[]' at 'supportedPermissionTypes' failed to satisfy constraint: Member \
         must have length greater than or equal to 1",
    ),
    (
        "unknown SupportedPermissionTypes value",
        |r| r.table_arn(ORDERS).supported_permission_types(PermissionType::from("ROW_PERMISSION")),
        "1 validation error detected: Value '[ROW_PERMISSION]' at 'supportedPermissionTypes' failed to satisfy \
         constraint: Member must satisfy constraint: [Member must satisfy enum value set: [CELL_FILTER_PERMISSION, \
         COLUMN_PERMISSION, NESTED_CELL_PERMISSION, NESTED_PERMISSION]]",
    ),
    (
        "unknown Permissions value",
        |r| r.table_arn(ORDERS).permissions(Permission::Select).permissions(Permission::from("READ")),
        "1 validation error detected: Value '[SELECT, READ]' at 'permissions' failed to satisfy constraint: Member \
         must satisfy constraint: [Member must satisfy enum value set: [ALL, ALTER, ASSOCIATE, CREATE_CATALOG, \
         CREATE_DATABASE, CREATE_LF_TAG, CREATE_LF_TAG_EXPRESSION, CREATE_TABLE, DATA_LOCATION_ACCESS, DELETE, \
         DESCRIBE, DROP, EXECUTE, GRANT_WITH_LF_TAG_EXPRESSION, INSERT, SELECT, SUPER_USER]]",
    ),
    ("AdditionalAuditContext over 2048 characters", |r| r.table_arn(ORDERS).audit_context(audit(2049)), "AUDIT"),
    (
        "empty QueryId",
        |r| r.table_arn(ORDERS).query_session_context(query(|q| q.query_id(""))),
        "1 validation error detected: Value '' at 'querySessionContext.queryId' failed to satisfy constraint: Member \
         must have length greater than or equal to 1",
    ),
    (
        "QueryId over 255 characters",
        |r| r.table_arn(ORDERS).query_session_context(query(|q| q.query_id("q".repeat(256)))),
        "QUERY_ID",
    ),
    (
        "QueryAuthorizationId over 255 characters",
        |r| r.table_arn(ORDERS).query_session_context(query(|q| q.query_authorization_id("z".repeat(256)))),
        "QUERY_AUTHORIZATION_ID",
    ),
    (
        "empty AdditionalContext key",
        |r| r.table_arn(ORDERS).query_session_context(query(|q| q.additional_context("", "v"))),
        "1 validation error detected: Value '{=v}' at 'querySessionContext.additionalContext' failed to satisfy \
         constraint: Map keys must satisfy constraint: [Member must have length greater than or equal to 1]",
    ),
    (
        "AdditionalContext key over 128 characters",
        |r| r.table_arn(ORDERS).query_session_context(query(|q| q.additional_context("k".repeat(129), "v"))),
        "CONTEXT_KEY",
    ),
    (
        "AdditionalContext value over 256 characters",
        |r| r.table_arn(ORDERS).query_session_context(query(|q| q.additional_context("k", "v".repeat(257)))),
        "CONTEXT_VALUE",
    ),
    (
        "several violations at once",
        |r| r.duration_seconds(100_000).set_supported_permission_types(Some(vec![])),
        "3 validation errors detected: Value null at 'tableArn' failed to satisfy constraint: Member must not be \
         null; Value '100000' at 'durationSeconds' failed to satisfy constraint: Member must have value less than \
         or equal to 43200; Value '[]' at 'supportedPermissionTypes' failed to satisfy constraint: Member must have \
         length greater than or equal to 1",
    ),
];

const DL_CASES: &[DlCase] = &[
    (
        "DurationSeconds below 900",
        |r| r.data_locations("s3://lake/sales/orders/").duration_seconds(899),
        "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must \
         have value greater than or equal to 900",
    ),
    (
        "DurationSeconds above 43,200",
        |r| r.data_locations("s3://lake/sales/orders/").duration_seconds(43_201),
        "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must \
         have value less than or equal to 43200",
    ),
    (
        "CredentialsScope READ_WRITE (the doc's spelling, not the wire's)",
        |r| r.data_locations("s3://lake/sales/orders/").credentials_scope(CredentialsScope::from("READ_WRITE")),
        "1 validation error detected: Value 'READ_WRITE' at 'credentialsScope' failed to satisfy constraint: Member \
         must satisfy enum value set: [READ, READWRITE]",
    ),
    (
        "AdditionalAuditContext over 2048 characters",
        |r| r.data_locations("s3://lake/sales/orders/").audit_context(audit(2049)),
        "AUDIT",
    ),
];

/// The long-value messages, spelled out here rather than in the tables.
fn expected(message: &str) -> String {
    let length = |value: String, field: &str, max: usize| {
        format!(
            "1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: Member must \
             have length less than or equal to {max}"
        )
    };
    match message {
        "AUDIT" => length("a".repeat(2049), "auditContext.additionalAuditContext", 2048),
        "QUERY_ID" => length("q".repeat(256), "querySessionContext.queryId", 255),
        "QUERY_AUTHORIZATION_ID" => length("z".repeat(256), "querySessionContext.queryAuthorizationId", 255),
        "CONTEXT_KEY" => format!(
            "1 validation error detected: Value '{{{}=v}}' at 'querySessionContext.additionalContext' failed to \
             satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 128]",
            "k".repeat(129)
        ),
        "CONTEXT_VALUE" => format!(
            "1 validation error detected: Value '{{k={}}}' at 'querySessionContext.additionalContext' failed to \
             satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 256]",
            "v".repeat(257)
        ),
        other => other.to_owned(),
    }
}

#[tokio::test]
async fn invalid_table_requests_answer_invalid_input() {
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    let client = mock.client_as(READER);
    let mut failures = Vec::new();
    for (name, request, message) in GLUE_CASES {
        let want = ("InvalidInput".to_owned(), expected(message));
        match request(client.get_temporary_glue_table_credentials()).send().await {
            Ok(_) => failures.push(format!("{name}: expected InvalidInput, got credentials")),
            Err(err) => {
                let got = glue_error(err);
                if got != want {
                    failures
                        .push(format!("{name}:\n  expected {}: {}\n  got      {}: {}", want.0, want.1, got.0, got.1));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn invalid_data_location_requests_answer_invalid_input() {
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    let client = mock.client_as(READER);
    let mut failures = Vec::new();
    for (name, request, message) in DL_CASES {
        let want = ("InvalidInput".to_owned(), expected(message));
        match request(client.get_temporary_data_location_credentials()).send().await {
            Ok(_) => failures.push(format!("{name}: expected InvalidInput, got credentials")),
            Err(err) => {
                let got = dl_error(err);
                if got != want {
                    failures
                        .push(format!("{name}:\n  expected {}: {}\n  got      {}: {}", want.0, want.1, got.0, got.1));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn validation_comes_before_the_caller_check() {
    // An unknown caller with an invalid request learns about the input first, as from the service.
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    let err = mock.client_as("AKIDNOBODY").get_temporary_glue_table_credentials().send().await.unwrap_err();
    assert_eq!(glue_error(err).0, "InvalidInput");
}

#[tokio::test]
async fn the_bounds_themselves_are_valid() {
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    let client = mock.client_as(READER);
    for seconds in [900, 21_600] {
        let out =
            client.get_temporary_glue_table_credentials().table_arn(ORDERS).duration_seconds(seconds).send().await;
        assert!(out.is_ok(), "{seconds}: {out:?}");
    }
    let long = client
        .get_temporary_glue_table_credentials()
        .table_arn(ORDERS)
        .audit_context(audit(2048))
        .query_session_context(query(|q| {
            q.query_id("q".repeat(255))
                .query_authorization_id("z".repeat(255))
                .additional_context("k".repeat(128), "v".repeat(256))
        }))
        .supported_permission_types(PermissionType::ColumnPermission)
        .send()
        .await;
    // Validation lets it through; with `glue`, the lake then refuses an id its Glue did not issue.
    #[cfg(not(feature = "glue"))]
    assert!(long.is_ok(), "{long:?}");
    #[cfg(feature = "glue")]
    assert!(glue_error(long.unwrap_err()).1.contains("is unknown: this lake did not issue it"));
    for seconds in [900, 43_200] {
        let out = client
            .get_temporary_data_location_credentials()
            .data_locations("s3://lake/sales/orders/")
            .duration_seconds(seconds)
            .send()
            .await;
        assert!(out.is_ok(), "{seconds}: {out:?}");
    }
}

#[tokio::test]
async fn the_table_duration_cap_is_a_setting() {
    let lake = lake().behavior(Behavior::default().table_max_duration_seconds(43_200)).build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let client = mock.client_as(READER);
    let out =
        client.get_temporary_glue_table_credentials().table_arn(ORDERS).duration_seconds(43_200).send().await.unwrap();
    assert_eq!(lake.vended(out.access_key_id().unwrap()).unwrap().duration().as_secs(), 43_200);
    let err = client
        .get_temporary_glue_table_credentials()
        .table_arn(ORDERS)
        .duration_seconds(43_201)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        glue_error(err).1,
        "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must \
         have value less than or equal to 43200"
    );
}
