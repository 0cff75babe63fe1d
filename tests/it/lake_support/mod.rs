//! The lake the `lake_*` tests share, and helpers to read SDK errors.
#![allow(dead_code)]

use aws_sdk_lakeformation::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsError as DlError;
use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::builders::GetTemporaryDataLocationCredentialsFluentBuilder;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsError as GtError;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::builders::GetTemporaryGlueTableCredentialsFluentBuilder;
use aws_sdk_lakeformation::types::Permission;
use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, LakeBuilder, Location, Principal, Table};

pub const ACCOUNT: &str = "123456789012";
pub const ORDERS: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";
pub const CUSTOMERS: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/customers";

/// Reads `orders` (full-table access) and `customers` (a column policy); no session tag.
pub const READER: &str = "AKIDREADER";
pub const READER_ARN: &str = "arn:aws:iam::123456789012:role/reader";
/// SELECT and INSERT on `orders` (a write permission, but not SUPER).
pub const WRITER: &str = "AKIDWRITER";
pub const WRITER_ARN: &str = "arn:aws:iam::123456789012:role/writer";
/// Only DESCRIBE on `orders`.
pub const NOPERM: &str = "AKIDNOPERM";
pub const NOPERM_ARN: &str = "arn:aws:iam::123456789012:role/noperm";
/// An allowlisted engine (session tag `engine-x`) reading both tables.
pub const ENGINE: &str = "AKIDENGINE";
pub const ENGINE_ARN: &str = "arn:aws:iam::123456789012:role/engine";
/// Reads `customers` through a column-restricted grant; no session tag.
pub const ANALYST: &str = "AKIDANALYST";
pub const ANALYST_ARN: &str = "arn:aws:iam::123456789012:role/analyst";
/// ALL (the console's Super) on `orders`: may write it through the data-location operation.
pub const ADMIN: &str = "AKIDADMIN";
pub const ADMIN_ARN: &str = "arn:aws:iam::123456789012:role/admin";

/// The shared lake, before `build()`: both vending paths on, and
/// - `s3://lake/` registered, with `sales.orders` and `sales.customers` (column policy) under it
///   and nothing under `s3://lake/empty/`;
/// - `s3://eu-lake/` registered in eu-west-1, with `eu.events`;
/// - `s3://nested/` and `s3://nested/inner/` both registered, with `nested.t` in the inner one;
/// - `s3://shared/t/` the location of both `shared.a` and `shared.b`.
pub fn lake() -> LakeBuilder {
    Lake::builder()
        .account_id(ACCOUNT)
        .region("us-east-1")
        .settings(
            DataLakeSettings::default()
                .allow_full_table_external_data_access(true)
                .allow_external_data_filtering(true)
                .external_data_filtering_allow(ACCOUNT)
                .authorized_session_tag_value("engine-x"),
        )
        .register_location("s3://lake/")
        .register_location(Location::new("s3://eu-lake/").region("eu-west-1"))
        .register_location("s3://nested/")
        .register_location("s3://nested/inner/")
        .register_location("s3://shared/")
        .table(Table::new("sales", "orders").location("s3://lake/sales/orders/"))
        .table(Table::new("sales", "customers").location("s3://lake/sales/customers/").column_policy())
        .table(Table::new("eu", "events").location("s3://eu-lake/events/"))
        .table(Table::new("nested", "t").location("s3://nested/inner/t/"))
        .table(Table::new("shared", "a").location("s3://shared/t/"))
        .table(Table::new("shared", "b").location("s3://shared/t/"))
        .table(Table::new("raw", "events").location("s3://unregistered/events/"))
        .principal(Principal::new(READER, READER_ARN))
        .principal(Principal::new(WRITER, WRITER_ARN))
        .principal(Principal::new(NOPERM, NOPERM_ARN))
        .principal(Principal::new(ENGINE, ENGINE_ARN).session_tag("LakeFormationAuthorizedCaller", "engine-x"))
        .principal(Principal::new(ANALYST, ANALYST_ARN))
        .principal(Principal::new(ADMIN, ADMIN_ARN))
        .grant(Grant::new(READER_ARN, "sales", "orders", [Permission::Select]))
        .grant(Grant::new(READER_ARN, "sales", "customers", [Permission::Select]))
        .grant(Grant::new(READER_ARN, "eu", "events", [Permission::Select]))
        .grant(Grant::new(READER_ARN, "nested", "t", [Permission::Select]))
        .grant(Grant::new(READER_ARN, "shared", "a", [Permission::Select]))
        .grant(Grant::new(READER_ARN, "shared", "b", [Permission::Select]))
        .grant(Grant::new(WRITER_ARN, "sales", "orders", [Permission::Select, Permission::Insert]))
        .grant(Grant::new(NOPERM_ARN, "sales", "orders", [Permission::Describe]))
        .grant(Grant::new(ENGINE_ARN, "sales", "orders", [Permission::Select]))
        .grant(Grant::new(ENGINE_ARN, "sales", "customers", [Permission::Select]))
        .grant(Grant::new(ANALYST_ARN, "sales", "orders", [Permission::Select]).columns(["id", "amount"]))
        .grant(Grant::new(ADMIN_ARN, "sales", "orders", [Permission::All]))
        .grant(Grant::new(READER_ARN, "raw", "events", [Permission::Select]))
}

/// A fluent table request, to adjust in a test case.
pub type Glue = GetTemporaryGlueTableCredentialsFluentBuilder;
/// A fluent data-location request, to adjust in a test case.
pub type Dl = GetTemporaryDataLocationCredentialsFluentBuilder;

/// The variant name and message of a table-operation error.
pub fn glue_error(err: SdkError<GtError>) -> (String, String) {
    let err = match err {
        SdkError::ServiceError(e) => e.into_err(),
        other => panic!("expected a service error, got {other:?}"),
    };
    (glue_variant(&err).to_owned(), err.message().unwrap_or_default().to_owned())
}

/// The variant name of a table-operation error (`Unhandled` for a code the SDK does not model).
pub fn glue_variant(err: &GtError) -> &'static str {
    match err {
        GtError::AccessDeniedException(_) => "AccessDenied",
        GtError::EntityNotFoundException(_) => "EntityNotFound",
        GtError::InvalidInputException(_) => "InvalidInput",
        GtError::PermissionTypeMismatchException(_) => "PermissionTypeMismatch",
        GtError::InternalServiceException(_) => "InternalService",
        GtError::OperationTimeoutException(_) => "OperationTimeout",
        _ => "Unhandled",
    }
}

/// The variant name and message of a data-location error.
pub fn dl_error(err: SdkError<DlError>) -> (String, String) {
    let err = match err {
        SdkError::ServiceError(e) => e.into_err(),
        other => panic!("expected a service error, got {other:?}"),
    };
    (dl_variant(&err).to_owned(), err.message().unwrap_or_default().to_owned())
}

/// The variant name of a data-location error (`Unhandled` for a code the SDK does not model).
pub fn dl_variant(err: &DlError) -> &'static str {
    match err {
        DlError::AccessDeniedException(_) => "AccessDenied",
        DlError::ConflictException(_) => "Conflict",
        DlError::EntityNotFoundException(_) => "EntityNotFound",
        DlError::InvalidInputException(_) => "InvalidInput",
        DlError::GlueEncryptionException(_) => "GlueEncryption",
        DlError::InternalServiceException(_) => "InternalService",
        DlError::OperationTimeoutException(_) => "OperationTimeout",
        _ => "Unhandled",
    }
}
