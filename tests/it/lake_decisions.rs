//! Every refusal condition of the simulated lake's decisions (spec section 3), one case each,
//! through a real SDK client: the error variant and the message.

use crate::lake_support;

use aws_sdk_lakeformation::types::{CredentialsScope, Permission, PermissionType};
use lake_support::*;
use lakeformation_mock::MockLakeFormation;

type GlueCase = (&'static str, &'static str, fn(Glue) -> Glue, &'static str, &'static str);
type DlCase = (&'static str, &'static str, fn(Dl) -> Dl, &'static str, &'static str);

const GLUE_CASES: &[GlueCase] = &[
    (
        "caller is no principal",
        "AKIDNOBODY",
        |r| r.table_arn(ORDERS),
        "AccessDenied",
        "Access is not allowed. The request is signed with access key id AKIDNOBODY, which is no principal of this \
         lake: add one with Lake::builder().principal(Principal::new(\"AKIDNOBODY\", arn)).",
    ),
    (
        "malformed TableArn",
        READER,
        |r| r.table_arn("sales.orders"),
        "InvalidInput",
        "Invalid TableArn 'sales.orders': expected arn:{partition}:glue:{region}:{account-id}:table/{database}/{table}",
    ),
    (
        "TableArn in another region",
        READER,
        |r| r.table_arn("arn:aws:glue:eu-west-1:123456789012:table/sales/orders"),
        "AccessDenied",
        "Table arn:aws:glue:eu-west-1:123456789012:table/sales/orders is in region eu-west-1, but this call is \
         answered in region us-east-1.",
    ),
    (
        "TableArn of another account",
        READER,
        |r| r.table_arn("arn:aws:glue:us-east-1:999999999999:table/sales/orders"),
        "AccessDenied",
        "Table arn:aws:glue:us-east-1:999999999999:table/sales/orders is in account 999999999999, but this call is \
         answered in account 123456789012.",
    ),
    (
        "TableArn of another partition",
        READER,
        |r| r.table_arn("arn:aws-cn:glue:us-east-1:123456789012:table/sales/orders"),
        "AccessDenied",
        "Table arn:aws-cn:glue:us-east-1:123456789012:table/sales/orders is in partition aws-cn, but this call is \
         answered in partition aws.",
    ),
    (
        "unknown table",
        READER,
        |r| r.table_arn("arn:aws:glue:us-east-1:123456789012:table/sales/returns"),
        "EntityNotFound",
        "Table returns not found in database sales.",
    ),
    (
        "table location under no registered location",
        READER,
        |r| r.table_arn("arn:aws:glue:us-east-1:123456789012:table/raw/events"),
        "EntityNotFound",
        "Location s3://unregistered/events/ of table raw.events is not registered with Lake Formation: register it \
         with Lake::builder().register_location(\"s3://unregistered/\").",
    ),
    (
        "table location registered in another region",
        READER,
        |r| r.table_arn("arn:aws:glue:us-east-1:123456789012:table/eu/events"),
        "AccessDenied",
        "Location s3://eu-lake/events/ of table eu.events is registered in region eu-west-1, but this call is \
         answered in region us-east-1.",
    ),
    (
        "unknown database",
        READER,
        |r| r.table_arn("arn:aws:glue:us-east-1:123456789012:table/hr/people"),
        "EntityNotFound",
        "Database hr not found.",
    ),
    (
        "no SELECT nor SUPER",
        NOPERM,
        |r| r.table_arn(ORDERS),
        "AccessDenied",
        "Insufficient Lake Formation permission(s): Required SELECT on sales.orders",
    ),
    (
        "a requested permission not granted",
        READER,
        |r| r.table_arn(ORDERS).permissions(Permission::Select).permissions(Permission::Insert),
        "AccessDenied",
        "Insufficient Lake Formation permission(s): Required INSERT on sales.orders",
    ),
    (
        "vending allowlisted by neither path (table policy, no session tag)",
        READER,
        |r| r.table_arn(CUSTOMERS).supported_permission_types(PermissionType::ColumnPermission),
        "AccessDenied",
        "Access is not allowed.",
    ),
    (
        "vending allowlisted by neither path (restricted grant, no session tag)",
        ANALYST,
        |r| r.table_arn(ORDERS).supported_permission_types(PermissionType::ColumnPermission),
        "AccessDenied",
        "Access is not allowed.",
    ),
    (
        "table policy type not declared (none declared)",
        ENGINE,
        |r| r.table_arn(CUSTOMERS),
        "PermissionTypeMismatch",
        "Table sales.customers has permission type(s) [COLUMN_PERMISSION] that SupportedPermissionTypes [] does not \
         cover: declare one of [COLUMN_PERMISSION, CELL_FILTER_PERMISSION, NESTED_PERMISSION, NESTED_CELL_PERMISSION].",
    ),
    // Every declared type covers COLUMN_PERMISSION (the types are a hierarchy): the other
    // mismatches are in lake_permission_types.rs.
    (
        "S3Path outside the table location",
        READER,
        |r| r.table_arn(ORDERS).s3_path("s3://lake/sales/orders-archive/"),
        "InvalidInput",
        "S3Path s3://lake/sales/orders-archive/ is not within the location s3://lake/sales/orders/ of table \
         sales.orders.",
    ),
];

const DL_CASES: &[DlCase] = &[
    (
        "caller is no principal",
        "AKIDNOBODY",
        |r| r.data_locations("s3://lake/sales/orders/"),
        "AccessDenied",
        "Access is not allowed. The request is signed with access key id AKIDNOBODY, which is no principal of this \
         lake: add one with Lake::builder().principal(Principal::new(\"AKIDNOBODY\", arn)).",
    ),
    ("no data location", READER, |r| r, "InvalidInput", "DataLocations must name at least one Amazon S3 location."),
    (
        "not an S3 location",
        READER,
        |r| r.data_locations("https://lake/sales/orders/"),
        "InvalidInput",
        "Invalid Amazon S3 location 'https://lake/sales/orders/': expected s3://bucket/prefix.",
    ),
    (
        "location not registered",
        READER,
        |r| r.data_locations("s3://elsewhere/sales/"),
        "EntityNotFound",
        "Location s3://elsewhere/sales/ is not registered with Lake Formation: register it with \
         Lake::builder().register_location(\"s3://elsewhere/\").",
    ),
    (
        "registered location with no table",
        READER,
        |r| r.data_locations("s3://lake/empty/"),
        "EntityNotFound",
        "No Glue table is associated with location s3://lake/empty/.",
    ),
    (
        "several registered resources on the location",
        READER,
        |r| r.data_locations("s3://nested/inner/t/"),
        "Conflict",
        "Location s3://nested/inner/t/ is covered by several registered resources: s3://nested/, s3://nested/inner/.",
    ),
    (
        "several tables on the location",
        READER,
        |r| r.data_locations("s3://shared/t/part-0/"),
        "Conflict",
        "Location s3://shared/t/part-0/ is shared by several tables: shared.a, shared.b.",
    ),
    (
        "location in another region",
        READER,
        |r| r.data_locations("s3://eu-lake/events/"),
        "AccessDenied",
        "Location s3://eu-lake/events/ is registered in region eu-west-1, but this call is answered in region us-east-1.",
    ),
    (
        "no SELECT nor SUPER on the table",
        NOPERM,
        |r| r.data_locations("s3://lake/sales/orders/"),
        "AccessDenied",
        "Insufficient Lake Formation permission(s): Required SELECT on sales.orders",
    ),
    (
        "no SELECT on one of the tables under the location",
        WRITER,
        |r| r.data_locations("s3://lake/sales/"),
        "AccessDenied",
        "Insufficient Lake Formation permission(s): Required SELECT on sales.customers",
    ),
    (
        "READWRITE with SELECT only (SUPER needed)",
        READER,
        |r| r.data_locations("s3://lake/sales/orders/").credentials_scope(CredentialsScope::Readwrite),
        "AccessDenied",
        "Insufficient Lake Formation permission(s): Required ALL (Super) on sales.orders for CredentialsScope READWRITE",
    ),
    (
        "READWRITE with SELECT and INSERT (a write permission is not SUPER)",
        WRITER,
        |r| r.data_locations("s3://lake/sales/orders/").credentials_scope(CredentialsScope::Readwrite),
        "AccessDenied",
        "Insufficient Lake Formation permission(s): Required ALL (Super) on sales.orders for CredentialsScope READWRITE",
    ),
    (
        "READ with SELECT limited to some columns",
        ANALYST,
        |r| r.data_locations("s3://lake/sales/orders/"),
        "AccessDenied",
        "Insufficient Lake Formation permission(s): Required SELECT on sales.orders (the whole table): the caller's \
         grants are limited to some columns or cells",
    ),
    (
        "full-table access missing (table policy)",
        READER,
        |r| r.data_locations("s3://lake/sales/customers/"),
        "AccessDenied",
        "Access is not allowed.",
    ),
    (
        "session-tag allowlisting does not apply to data locations by default",
        ENGINE,
        |r| r.data_locations("s3://lake/sales/customers/"),
        "AccessDenied",
        "Access is not allowed.",
    ),
];

#[tokio::test]
async fn table_credentials_are_refused_for_each_condition() {
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    let mut failures = Vec::new();
    for (name, caller, request, variant, message) in GLUE_CASES {
        let client = mock.client_as(*caller);
        let result = request(client.get_temporary_glue_table_credentials()).send().await;
        match result {
            Ok(out) => failures.push(format!("{name}: expected {variant}, got credentials {:?}", out.access_key_id())),
            Err(err) => {
                let got = glue_error(err);
                if got != (variant.to_string(), message.to_string()) {
                    failures.push(format!("{name}:\n  expected {variant}: {message}\n  got      {}: {}", got.0, got.1));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every answer came from the lake, none from a rule, and none vended anything.
    assert_eq!(mock.requests().len(), GLUE_CASES.len());
    assert!(mock.requests().iter().all(|r| r.answer().rule().is_none() && r.answer().status_code() == Some(400)));
    assert!(mock.lake().unwrap().vended_credentials().is_empty());
}

#[tokio::test]
async fn data_location_credentials_are_refused_for_each_condition() {
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    let mut failures = Vec::new();
    for (name, caller, request, variant, message) in DL_CASES {
        let client = mock.client_as(*caller);
        let result = request(client.get_temporary_data_location_credentials()).send().await;
        match result {
            Ok(out) => failures.push(format!("{name}: expected {variant}, got {:?}", out.accessible_data_locations())),
            Err(err) => {
                let got = dl_error(err);
                if got != (variant.to_string(), message.to_string()) {
                    failures.push(format!("{name}:\n  expected {variant}: {message}\n  got      {}: {}", got.0, got.1));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(mock.requests().len(), DL_CASES.len());
    assert!(mock.lake().unwrap().vended_credentials().is_empty());
}

#[tokio::test]
async fn what_the_refused_callers_may_do_succeeds() {
    // The counterpart of the cases above: the same lake vends when the request is within the grants.
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    let out = mock.client_as(READER).get_temporary_glue_table_credentials().table_arn(ORDERS).send().await.unwrap();
    assert_eq!(out.vended_s3_path(), ["s3://lake/sales/orders/"]);

    let out = mock
        .client_as(READER)
        .get_temporary_glue_table_credentials()
        .table_arn(ORDERS)
        .s3_path("s3://lake/sales/orders/year=2024/")
        .send()
        .await
        .unwrap();
    assert_eq!(out.vended_s3_path(), ["s3://lake/sales/orders/year=2024/"]);

    let out = mock
        .client_as(ADMIN)
        .get_temporary_data_location_credentials()
        .data_locations("s3://lake/sales/orders/")
        .credentials_scope(CredentialsScope::Readwrite)
        .send()
        .await
        .unwrap();
    assert_eq!(out.credentials_scope(), Some(&CredentialsScope::Readwrite));
    assert_eq!(out.accessible_data_locations(), ["s3://lake/sales/orders/"]);

    // A location inside the table's location is associated with that table.
    let out = mock
        .client_as(READER)
        .get_temporary_data_location_credentials()
        .data_locations("s3://lake/sales/orders/year=2024/")
        .send()
        .await
        .unwrap();
    assert_eq!(out.credentials_scope(), Some(&CredentialsScope::Read));
    assert_eq!(out.accessible_data_locations(), ["s3://lake/sales/orders/year=2024/"]);
    let vended = mock.lake().unwrap().vended(out.credentials().unwrap().access_key_id().unwrap()).unwrap();
    assert_eq!(vended.tables(), [ORDERS]);
}

#[tokio::test]
async fn an_unregistered_table_refusal_says_how_to_register_it_in_fixture_json_for_a_fixture_s_mock() {
    let role = "arn:aws:iam::123456789012:role/reader";
    let scenario = lakeformation_mock::fixture::Scenario::from_json_str(&format!(
        r#"{{"version": 1, "lake": {{
            "Settings": {{"AllowFullTableExternalDataAccess": true}},
            "Tables": [{{"Database": "raw", "Name": "events", "Location": "s3://unregistered/events/"}}],
            "Principals": [{{"AccessKeyId": "AKIDREADER", "Arn": "{role}"}}],
            "Grants": [{{"Principal": "{role}", "Database": "raw", "Table": "events", "Permissions": ["SELECT"]}}]}}}}"#
    ))
    .unwrap();
    let mock = scenario.mock();
    let err = mock
        .client_as("AKIDREADER")
        .get_temporary_glue_table_credentials()
        .table_arn("arn:aws:glue:us-east-1:123456789012:table/raw/events")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        glue_error(err),
        (
            "EntityNotFound".to_owned(),
            "Location s3://unregistered/events/ of table raw.events is not registered with Lake Formation: register \
             it in the lake's \"Locations\": [{\"Uri\": \"s3://unregistered/\"}]."
                .to_owned()
        )
    );
}
