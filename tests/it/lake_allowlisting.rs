//! The two ways vending is allowed (spec section 3): session-tag allowlisting and full-table
//! access, each succeeding when all its conditions hold and failing when any one does not.

use crate::lake_support;

use aws_sdk_lakeformation::types::{Permission, PermissionType};
use lake_support::*;
use lakeformation_mock::MockLakeFormation;
use lakeformation_mock::lake::{Behavior, DataLakeSettings, Grant, Lake, Principal, Table};

const TABLE: &str = "arn:aws:glue:us-east-1:123456789012:table/db/t";
const CALLER: &str = "AKIDCALLER";
const CALLER_ARN: &str = "arn:aws:iam::123456789012:role/caller";

/// A lake with one table and one caller holding `grant`, under `settings`.
fn lake_with(settings: DataLakeSettings, principal: Principal, table: Table, grant: Grant) -> Lake {
    Lake::builder()
        .settings(settings)
        .register_location("s3://bucket/")
        .table(table)
        .principal(principal)
        .grant(grant)
        .build()
}

fn session_tag_settings() -> DataLakeSettings {
    DataLakeSettings::default()
        .allow_external_data_filtering(true)
        .external_data_filtering_allow(ACCOUNT)
        .authorized_session_tag_value("engine-x")
}

fn tagged(value: &str) -> Principal {
    Principal::new(CALLER, CALLER_ARN).session_tag("LakeFormationAuthorizedCaller", value)
}

fn table() -> Table {
    Table::new("db", "t").location("s3://bucket/db/t/")
}

fn select() -> Grant {
    Grant::new(CALLER_ARN, "db", "t", [Permission::Select])
}

/// `Ok(())` if the lake vends table credentials to the caller, else the error message.
async fn vends_table(lake: &Lake, types: &[PermissionType]) -> Result<(), String> {
    let mock = MockLakeFormation::new().with_lake(lake);
    let result = mock
        .client_as(CALLER)
        .get_temporary_glue_table_credentials()
        .table_arn(TABLE)
        .set_supported_permission_types(Some(types.to_vec()).filter(|t| !t.is_empty()))
        .send()
        .await;
    result.map(|_| ()).map_err(|e| {
        let (variant, message) = glue_error(e);
        format!("{variant}: {message}")
    })
}

const DENIED: &str = "AccessDenied: Access is not allowed.";

#[tokio::test]
async fn session_tag_allowlisting_vends_to_an_authorized_engine() {
    let lake = lake_with(session_tag_settings(), tagged("engine-x"), table().cell_filter_policy(), select());
    assert_eq!(vends_table(&lake, &[PermissionType::CellFilterPermission]).await, Ok(()));
    // An allowlist entry may also be the caller's ARN rather than its account.
    let settings = DataLakeSettings::default()
        .allow_external_data_filtering(true)
        .external_data_filtering_allow(CALLER_ARN)
        .authorized_session_tag_value("engine-x");
    let lake = lake_with(settings, tagged("engine-x"), table(), select());
    assert_eq!(vends_table(&lake, &[]).await, Ok(()));
}

#[tokio::test]
async fn session_tag_allowlisting_fails_when_any_condition_fails() {
    let cases = [
        (
            "external data filtering off",
            session_tag_settings().allow_external_data_filtering(false),
            tagged("engine-x"),
        ),
        (
            "account not on the allow list",
            DataLakeSettings::default()
                .allow_external_data_filtering(true)
                .external_data_filtering_allow("999999999999")
                .authorized_session_tag_value("engine-x"),
            tagged("engine-x"),
        ),
        ("tag value not authorized", session_tag_settings(), tagged("engine-y")),
        ("no session tag", session_tag_settings(), Principal::new(CALLER, CALLER_ARN)),
        (
            "tag under another key",
            session_tag_settings(),
            Principal::new(CALLER, CALLER_ARN).session_tag("AuthorizedCaller", "engine-x"),
        ),
    ];
    for (name, settings, principal) in cases {
        // A table with a policy, so that the full-table path cannot vend either.
        let lake = lake_with(settings, principal, table().column_policy(), select());
        let result = vends_table(&lake, &[PermissionType::ColumnPermission]).await;
        assert_eq!(result.as_ref().map_err(String::as_str), Err(DENIED), "{name}");
    }
}

#[tokio::test]
async fn session_tag_allowlisting_still_needs_select() {
    let lake = lake_with(
        session_tag_settings(),
        tagged("engine-x"),
        table(),
        Grant::new(CALLER_ARN, "db", "t", [Permission::Describe]),
    );
    assert_eq!(
        vends_table(&lake, &[]).await,
        Err("AccessDenied: Insufficient Lake Formation permission(s): Required SELECT on db.t".into())
    );
}

#[tokio::test]
async fn full_table_access_vends_to_an_unrestricted_select_or_super() {
    let settings = DataLakeSettings::default().allow_full_table_external_data_access(true);
    for permission in [Permission::Select, Permission::All, Permission::SuperUser] {
        let lake = lake_with(
            settings.clone(),
            Principal::new(CALLER, CALLER_ARN),
            table(),
            Grant::new(CALLER_ARN, "db", "t", [permission.clone()]),
        );
        assert_eq!(vends_table(&lake, &[]).await, Ok(()), "{permission:?}");
    }
}

#[tokio::test]
async fn full_table_access_fails_when_any_condition_fails() {
    let on = DataLakeSettings::default().allow_full_table_external_data_access(true);
    let plain = Principal::new(CALLER, CALLER_ARN);
    let cases = [
        ("setting off", DataLakeSettings::default(), table(), select()),
        ("grant limited to columns", on.clone(), table(), select().columns(["id"])),
        ("grant limited to a cell filter", on.clone(), table(), select().cell_filter("eu-rows")),
        ("table with a nested policy", on.clone(), table().nested_policy(), select()),
    ];
    for (name, settings, table, grant) in cases {
        let lake = lake_with(settings, plain.clone(), table, grant);
        let all_types = [
            PermissionType::ColumnPermission,
            PermissionType::CellFilterPermission,
            PermissionType::NestedPermission,
            PermissionType::NestedCellPermission,
        ];
        assert_eq!(vends_table(&lake, &all_types).await.as_ref().map_err(String::as_str), Err(DENIED), "{name}");
    }
}

#[tokio::test]
async fn a_restricted_grant_must_be_declared_on_the_session_tag_path() {
    let lake = lake_with(session_tag_settings(), tagged("engine-x"), table(), select().cell_filter("eu-rows"));
    assert_eq!(
        vends_table(&lake, &[PermissionType::ColumnPermission]).await,
        Err("PermissionTypeMismatch: Table db.t has permission type(s) [CELL_FILTER_PERMISSION] that \
             SupportedPermissionTypes [COLUMN_PERMISSION] does not cover: declare one of [CELL_FILTER_PERMISSION, \
             NESTED_CELL_PERMISSION]."
            .into())
    );
    assert_eq!(vends_table(&lake, &[PermissionType::CellFilterPermission]).await, Ok(()));
}

#[tokio::test]
async fn data_locations_need_full_table_access_unless_configured() {
    // The shared lake's engine has only the session-tag path to `customers` (it has a column policy).
    let request = |mock: &MockLakeFormation| {
        mock.client_as(ENGINE).get_temporary_data_location_credentials().data_locations("s3://lake/sales/customers/")
    };
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    assert_eq!(
        dl_error(request(&mock).send().await.unwrap_err()),
        ("AccessDenied".into(), "Access is not allowed.".into())
    );

    let lake = lake().behavior(Behavior::default().data_location_session_tag_allowlisting(true)).build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let out = request(&mock).send().await.unwrap();
    assert_eq!(out.accessible_data_locations(), ["s3://lake/sales/customers/"]);

    // The full-table path: READER on `orders` (no policy, unrestricted SELECT).
    let out = mock
        .client_as(READER)
        .get_temporary_data_location_credentials()
        .data_locations("s3://lake/sales/orders/")
        .send()
        .await
        .unwrap();
    assert_eq!(out.accessible_data_locations(), ["s3://lake/sales/orders/"]);
    // ... and without the setting it is refused.
    lake.update(|m| m.settings.allow_full_table_external_data_access = false);
    let err = mock
        .client_as(READER)
        .get_temporary_data_location_credentials()
        .data_locations("s3://lake/sales/orders/")
        .send()
        .await
        .unwrap_err();
    assert_eq!(dl_error(err), ("AccessDenied".into(), "Access is not allowed.".into()));
}
