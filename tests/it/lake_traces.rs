//! Decision traces: every answer of the simulated lake carries the steps it was decided by,
//! read from the journal (`Answer::trace`) after calls through a real SDK client. The SDK still
//! sees only the service's terse message.

use crate::lake_support;

use aws_sdk_lakeformation::types::{Permission, PermissionType};
use lake_support::*;
use lakeformation_mock::lake::{
    Behavior, DataLakeSettings, Grant, Lake, PermissionTypeCoverage, Principal, Table, Trace,
};
use lakeformation_mock::{MockLakeFormation, Reply, Rule, Source};

/// The trace of the only request `mock` received.
fn only_trace(mock: &MockLakeFormation) -> Trace {
    let requests = mock.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert_eq!(requests[0].answer().source(), &Source::Lake);
    requests[0].answer().trace().expect("a lake answer has a trace").clone()
}

#[tokio::test]
async fn a_vend_by_full_table_access_is_traced_step_by_step() {
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    let out = mock.client_as(READER).get_temporary_glue_table_credentials().table_arn(ORDERS).send().await.unwrap();
    let trace = only_trace(&mock);
    let steps = trace.steps();
    assert_eq!(
        steps[..steps.len() - 1],
        [
            "region: the request was sent to us-east-1, the lake's region",
            "principal: access key id AKIDREADER is arn:aws:iam::123456789012:role/reader (no session tag)",
            "duration: 3600 seconds (the default, DurationSeconds not given)",
            "table: sales.orders at s3://lake/sales/orders/ (no policy)",
            "location s3://lake/sales/orders/ of table sales.orders: registered location s3://lake/ (region \
             us-east-1) covers it",
            "grants: SELECT on sales.orders",
            "permission SELECT: granted by SELECT on sales.orders",
            "full-table access to sales.orders: allowed: AllowFullTableExternalDataAccess is true, the table has no \
             policy, grant SELECT on sales.orders is unrestricted",
            "permission types: found [] on sales.orders, SupportedPermissionTypes declares []: covered",
            "S3 path: no S3Path; VendedS3Path is the table location s3://lake/sales/orders/",
        ],
        "{trace}"
    );
    let key = out.access_key_id().unwrap();
    assert_eq!(
        steps.last().unwrap(),
        &format!("answer: vended {key} (READ, 3600 seconds) for s3://lake/sales/orders/")
    );
    // Display: one step a line.
    assert_eq!(trace.to_string().lines().count(), steps.len());
    assert_eq!(trace.to_string().lines().next(), Some(steps[0].as_str()));
}

#[tokio::test]
async fn a_refusal_names_the_account_missing_from_the_allow_list() {
    let caller = "arn:aws:iam::123456789012:role/engine";
    let lake = Lake::builder()
        .settings(
            DataLakeSettings::default()
                .allow_external_data_filtering(true)
                .external_data_filtering_allow("999999999999")
                .authorized_session_tag_value("engine-x"),
        )
        .register_location("s3://bucket/")
        .table(Table::new("db", "t").location("s3://bucket/db/t/").column_policy())
        .principal(Principal::new("AKIDCALLER", caller).session_tag("LakeFormationAuthorizedCaller", "engine-x"))
        .grant(Grant::new(caller, "db", "t", [Permission::Select]))
        .build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let err = mock
        .client_as("AKIDCALLER")
        .get_temporary_glue_table_credentials()
        .table_arn("arn:aws:glue:us-east-1:123456789012:table/db/t")
        .supported_permission_types(PermissionType::ColumnPermission)
        .send()
        .await
        .unwrap_err();
    // The SDK sees what the service sends, no more.
    assert_eq!(glue_error(err), ("AccessDenied".into(), "Access is not allowed.".into()));
    let trace = only_trace(&mock);
    let steps: Vec<&str> = trace.steps().iter().map(String::as_str).collect();
    assert_eq!(
        steps[steps.len() - 4..],
        [
            "full-table access to db.t: not allowed: AllowFullTableExternalDataAccess is false; table db.t has \
             policies [COLUMN_PERMISSION]",
            "session-tag allowlisting: not allowed: account 123456789012 is not in ExternalDataFilteringAllowList \
             [999999999999] (nor is principal arn:aws:iam::123456789012:role/engine)",
            "vending: refused: allowed by neither full-table access nor session-tag allowlisting",
            "answer: refused with AccessDeniedException (status 400): Access is not allowed.",
        ],
        "{trace}"
    );
}

#[tokio::test]
async fn each_failed_session_tag_condition_is_named() {
    let settings = DataLakeSettings::default().external_data_filtering_allow(ACCOUNT);
    let caller = "arn:aws:iam::123456789012:role/caller";
    let cases = [
        (
            Principal::new("AKIDCALLER", caller),
            "session-tag allowlisting: not allowed: AllowExternalDataFiltering is false; session tag \
             LakeFormationAuthorizedCaller is absent",
        ),
        (
            Principal::new("AKIDCALLER", caller).session_tag("LakeFormationAuthorizedCaller", "engine-y"),
            "session-tag allowlisting: not allowed: AllowExternalDataFiltering is false; session tag \
             LakeFormationAuthorizedCaller has value engine-y, not in AuthorizedSessionTagValueList [engine-x]",
        ),
    ];
    for (principal, expected) in cases {
        let lake = Lake::builder()
            .settings(settings.clone().authorized_session_tag_value("engine-x"))
            .register_location("s3://bucket/")
            .table(Table::new("db", "t").location("s3://bucket/db/t/"))
            .principal(principal)
            .grant(Grant::new(caller, "db", "t", [Permission::Select]).columns(["id"]))
            .build();
        let mock = MockLakeFormation::new().with_lake(&lake);
        let _ = mock
            .client_as("AKIDCALLER")
            .get_temporary_glue_table_credentials()
            .table_arn("arn:aws:glue:us-east-1:123456789012:table/db/t")
            .send()
            .await
            .unwrap_err();
        let trace = only_trace(&mock);
        assert_eq!(trace.step("session-tag allowlisting:"), Some(expected), "{trace}");
        assert_eq!(
            trace.step("full-table access"),
            Some(
                "full-table access to db.t: not allowed: AllowFullTableExternalDataAccess is false; grant SELECT on \
                 db.t limited to columns id has a column restriction"
            ),
            "{trace}"
        );
    }
}

#[tokio::test]
async fn a_missing_grant_is_named_with_the_grants_considered() {
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    let err = mock
        .client_as(READER)
        .get_temporary_glue_table_credentials()
        .table_arn(ORDERS)
        .permissions(Permission::Insert)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        glue_error(err),
        ("AccessDenied".into(), "Insufficient Lake Formation permission(s): Required INSERT on sales.orders".into())
    );
    let trace = only_trace(&mock);
    let steps: Vec<&str> = trace.steps().iter().map(String::as_str).collect();
    assert_eq!(
        steps[steps.len() - 4..],
        [
            "grants: SELECT on sales.orders",
            "permission SELECT: granted by SELECT on sales.orders",
            "permission INSERT: missing: no grant considered gives it (nor ALL or SUPER_USER)",
            "answer: refused with AccessDeniedException (status 400): Insufficient Lake Formation permission(s): \
             Required INSERT on sales.orders",
        ],
        "{trace}"
    );

    // A caller with no grant at all: the trace says so.
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    let _ = mock.client_as(ENGINE).get_temporary_glue_table_credentials().table_arn(ORDERS).send().await.unwrap();
    let _ = mock.client_as(ANALYST).get_temporary_glue_table_credentials().table_arn(CUSTOMERS).send().await;
    let trace = mock.requests()[1].answer().trace().unwrap().clone();
    assert!(
        trace.contains("grants: none: arn:aws:iam::123456789012:role/analyst holds no grant on sales.customers"),
        "{trace}"
    );
}

#[tokio::test]
async fn a_permission_type_mismatch_names_the_policy_types_found_and_declared() {
    // Exact coverage: CELL_FILTER_PERMISSION does not cover the column policy, as it does by default.
    let exact = Behavior::default().permission_type_coverage(PermissionTypeCoverage::Exact);
    let mock = MockLakeFormation::new().with_lake(&lake().behavior(exact).build());
    let err = mock
        .client_as(ENGINE)
        .get_temporary_glue_table_credentials()
        .table_arn(CUSTOMERS)
        .supported_permission_types(PermissionType::CellFilterPermission)
        .send()
        .await
        .unwrap_err();
    assert_eq!(glue_error(err).0, "PermissionTypeMismatch");
    let trace = only_trace(&mock);
    assert_eq!(
        trace.step("permission types:"),
        Some(
            "permission types: found [COLUMN_PERMISSION (table policy)] on sales.customers, SupportedPermissionTypes \
             declares [CELL_FILTER_PERMISSION]: not covered: [COLUMN_PERMISSION]"
        ),
        "{trace}"
    );
    // The engine got there by session-tag allowlisting, full-table access being ruled out by the policy.
    assert!(trace.contains("full-table access to sales.customers: not allowed: table sales.customers has policies"));
    assert_eq!(
        trace.step("session-tag allowlisting:"),
        Some(
            "session-tag allowlisting: allowed: AllowExternalDataFiltering is true; account 123456789012 is in \
             ExternalDataFilteringAllowList; session tag LakeFormationAuthorizedCaller has value engine-x, in \
             AuthorizedSessionTagValueList"
        )
    );

    // A restriction that comes from the grant is named as such.
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    let _ = mock
        .client_as(ANALYST)
        .get_temporary_glue_table_credentials()
        .table_arn(ORDERS)
        .supported_permission_types(PermissionType::ColumnPermission)
        .send()
        .await;
    // ANALYST has no session tag: refused before the policy types, which the trace does not reach.
    let trace = only_trace(&mock);
    assert!(trace.step("permission types:").is_none(), "{trace}");
    assert!(trace.contains("grant SELECT on sales.orders limited to columns id, amount has a column restriction"));
}

#[tokio::test]
async fn a_data_location_is_traced_to_its_registered_location_and_table() {
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    mock.client_as(READER)
        .get_temporary_data_location_credentials()
        .data_locations("s3://lake/sales/orders/year=2024/")
        .send()
        .await
        .unwrap();
    let trace = only_trace(&mock);
    let steps: Vec<&str> = trace.steps().iter().map(String::as_str).collect();
    assert_eq!(
        steps[3..steps.len() - 1],
        [
            "scope: READ (CredentialsScope not given)",
            "location s3://lake/sales/orders/year=2024/: registered location s3://lake/ (region us-east-1) covers it",
            "location s3://lake/sales/orders/year=2024/: within table sales.orders at s3://lake/sales/orders/",
            "grants: SELECT on sales.orders",
            "permission SELECT on sales.orders: granted by SELECT on sales.orders",
            "full-table access to sales.orders: allowed: AllowFullTableExternalDataAccess is true, the table has no \
             policy, grant SELECT on sales.orders is unrestricted",
        ],
        "{trace}"
    );

    // A location nothing registers: the trace lists what is registered.
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    let _ = mock
        .client_as(READER)
        .get_temporary_data_location_credentials()
        .data_locations("s3://elsewhere/x/")
        .send()
        .await
        .unwrap_err();
    let trace = only_trace(&mock);
    assert_eq!(
        trace.step("location "),
        Some(
            "location s3://elsewhere/x/: no registered location covers it (registered: [s3://lake/, s3://eu-lake/, \
             s3://nested/, s3://nested/inner/, s3://shared/])"
        ),
        "{trace}"
    );

    // READWRITE without SUPER: the missing permission is named.
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    let _ = mock
        .client_as(WRITER)
        .get_temporary_data_location_credentials()
        .data_locations("s3://lake/sales/orders/")
        .credentials_scope(aws_sdk_lakeformation::types::CredentialsScope::Readwrite)
        .send()
        .await
        .unwrap_err();
    let trace = only_trace(&mock);
    assert!(trace.contains("scope: READWRITE (requested)"), "{trace}");
    assert!(
        trace.contains(
            "permission ALL (Super) on sales.orders for READWRITE: missing: no unrestricted ALL or SUPER_USER grant"
        ),
        "{trace}"
    );

    // Session-tag allowlisting is not applied to data locations unless the behavior says so.
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    let _ = mock
        .client_as(ENGINE)
        .get_temporary_data_location_credentials()
        .data_locations("s3://lake/sales/customers/")
        .send()
        .await
        .unwrap_err();
    let trace = only_trace(&mock);
    assert!(
        trace.contains(
            "session-tag allowlisting: not applied to data locations (Behavior::data_location_session_tag_allowlisting \
             is false)"
        ),
        "{trace}"
    );
}

#[tokio::test]
async fn an_unknown_access_key_and_a_foreign_region_are_traced() {
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    let _ = mock.client_as("AKIDNOBODY").get_temporary_glue_table_credentials().table_arn(ORDERS).send().await;
    let trace = only_trace(&mock);
    assert_eq!(
        trace.steps()[1..],
        [
            "principal: none: access key id AKIDNOBODY belongs to no principal of this lake",
            "answer: refused with AccessDeniedException (status 400): Access is not allowed. The request is signed \
             with access key id AKIDNOBODY, which is no principal of this lake: add one with \
             Lake::builder().principal(Principal::new(\"AKIDNOBODY\", arn)).",
        ],
        "{trace}"
    );

    let mock = MockLakeFormation::builder().region("eu-west-1").build().with_lake(&lake().build());
    let _ = mock.client_as(READER).get_temporary_glue_table_credentials().table_arn(ORDERS).send().await;
    let trace = only_trace(&mock);
    assert_eq!(trace.steps()[0], "region: the request was sent to eu-west-1, but the lake is in us-east-1");
    assert_eq!(trace.len(), 2, "nothing is decided after the region: {trace}");
}

#[tokio::test]
async fn the_trace_keeps_the_message_the_service_leaves_out() {
    let lake = lake().behavior(Behavior::default().refusal_messages(false)).build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let err = mock.client_as(NOPERM).get_temporary_glue_table_credentials().table_arn(ORDERS).send().await.unwrap_err();
    assert_eq!(glue_error(err), ("AccessDenied".into(), String::new()));
    let trace = only_trace(&mock);
    assert_eq!(
        trace.steps().last().unwrap(),
        "answer: refused with AccessDeniedException (status 400) (sent without a message): Insufficient Lake \
         Formation permission(s): Required SELECT on sales.orders"
    );
}

#[tokio::test]
async fn only_lake_answers_have_a_trace_and_debug_shows_it() {
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    Rule::table_credentials()
        .and(lakeformation_mock::matchers::table_arn(CUSTOMERS))
        .respond_with(Reply::error(lakeformation_mock::ErrorCode::AccessDenied, "scripted"))
        .mount(&mock);
    let _ = mock.client_as(READER).get_temporary_glue_table_credentials().table_arn(CUSTOMERS).send().await;
    let _ = mock.client_as(READER).get_temporary_glue_table_credentials().table_arn(ORDERS).send().await;
    let requests = mock.requests();
    assert!(requests[0].answer().trace().is_none(), "a rule's answer has no trace");
    let trace = requests[1].answer().trace().unwrap();
    let debug = format!("{:?}", requests[1]);
    assert!(debug.contains("trace: [\"region: the request was sent to us-east-1"), "{debug}");
    assert!(debug.contains(&format!("{:?}", trace.steps()[4])), "{debug}");
    // Secrets stay out of it.
    let vended = mock.lake().unwrap().vended_credentials();
    assert!(!debug.contains(vended[0].secret_access_key()), "{debug}");
}
