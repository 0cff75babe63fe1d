//! Matchers: conditions on a request that decide which rule answers it.
//!
//! Every matcher is a plain value, so rules, journal filters and fixture files share them.
//! A rule matches when all its matchers do; [`any_of`] and [`not`] combine them further.
//!
//! Two words, in Rust and in fixture keys alike: a list field *contains* an item
//! ([`permissions_contain`], fixture key `PermissionsContain`), and a field or header is
//! *present* or *absent* ([`present`], [`absent`], [`header_present`]; fixture keys `Present`,
//! `Absent`).
//!
//! ```
//! use lakeformation_mock::matchers::{any_of, not, query_id, table_arn};
//!
//! let m = any_of([table_arn("arn:aws:glue:us-east-1:123456789012:table/db/a"), not(query_id("q1"))]);
//! # let _ = m;
//! ```

use crate::{Input, Operation, Request};
use aws_sdk_lakeformation::types::{CredentialsScope, Permission, PermissionType};
use aws_smithy_types::DateTime;

mod field;
pub use field::Field;
pub(crate) use field::{Condition, Value, field_value};
mod matcher;
pub(crate) use matcher::Kind;
pub use matcher::{Matcher, Mismatch};
use std::ops::{Bound, RangeBounds};
use std::sync::Arc;

fn field(field: Field, condition: Condition) -> Matcher {
    Matcher(Kind::Field(field, condition))
}

fn eq_text(f: Field, value: impl Into<String>) -> Matcher {
    field(f, Condition::Equals(Value::Text(value.into())))
}

/// Matches the operations the mock models, whatever their path (what [`Rule::new`](crate::Rule::new)
/// starts with).
pub(crate) fn modeled_operation() -> Matcher {
    Matcher(Kind::ModeledOperation)
}

/// Matches requests sent to `region`: the region of the SigV4 credential scope (or, for an
/// unsigned request, of the endpoint host). See [`Request::region_name`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use aws_sdk_lakeformation::config::Region;
/// use lakeformation_mock::{matchers::region, ErrorCode, MockLakeFormation, Reply, Rule};
///
/// let mock = MockLakeFormation::new();
/// Rule::table_credentials().and(region("eu-west-1")).respond_with(Reply::error(ErrorCode::AccessDenied, "wrong region")).mount(&mock);
/// let client = aws_sdk_lakeformation::Client::from_conf(mock.config_builder().region(Region::new("eu-west-1")).build());
/// let err = client.get_temporary_glue_table_credentials().table_arn("arn:aws:glue:eu-west-1:123456789012:table/db/t").send().await.unwrap_err();
/// assert_eq!(err.into_service_error().meta().message(), Some("wrong region"));
/// # }
/// ```
pub fn region(region: impl Into<String>) -> Matcher {
    Matcher(Kind::Region(region.into()))
}

/// Matches requests signed with `access_key_id` (the `Credential=` of the SigV4 signature; see
/// [`Request::access_key_id`]), to script answers per caller.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use lakeformation_mock::{matchers::signed_by, ErrorCode, MockLakeFormation, Reply, Rule};
///
/// let mock = MockLakeFormation::new();
/// Rule::table_credentials().and(signed_by("AKIDINTRUDER")).respond_with(Reply::error(ErrorCode::AccessDenied, "no")).mount(&mock);
/// let err = mock.client_as("AKIDINTRUDER").get_temporary_glue_table_credentials()
///     .table_arn("arn:aws:glue:us-east-1:123456789012:table/db/t").send().await.unwrap_err();
/// assert_eq!(err.into_service_error().meta().code(), Some("AccessDeniedException"));
/// # }
/// ```
pub fn signed_by(access_key_id: impl Into<String>) -> Matcher {
    Matcher(Kind::SignedBy(access_key_id.into()))
}

/// The request is for this operation.
pub fn operation(operation: Operation) -> Matcher {
    Matcher(Kind::Operation(operation))
}

/// `TableArn` equals `arn`.
pub fn table_arn(arn: impl Into<String>) -> Matcher {
    eq_text(Field::TableArn, arn)
}

/// `CatalogId` equals `id`: a Glue request's `CatalogId`, or the account of a table or
/// partition credentials request's `TableArn`.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use lakeformation_mock::{matchers::{catalog_id, database_name, table_name}, ErrorCode, MockLakeFormation, Reply, Rule};
///
/// let mock = MockLakeFormation::new();
/// // One rule for every request about sales.orders, whichever operation names it.
/// Rule::new()
///     .and(catalog_id("123456789012")).and(database_name("sales")).and(table_name("orders"))
///     .respond_with(Reply::error(ErrorCode::EntityNotFound, "orders is gone"))
///     .mount(&mock);
/// let err = mock.client().get_temporary_glue_table_credentials()
///     .table_arn("arn:aws:glue:us-east-1:123456789012:table/sales/orders").send().await.unwrap_err();
/// assert_eq!(err.into_service_error().meta().message(), Some("orders is gone"));
/// # }
/// ```
pub fn catalog_id(id: impl Into<String>) -> Matcher {
    eq_text(Field::CatalogId, id)
}

/// `DatabaseName` equals `name`: a Glue request's `DatabaseName`, or the database of a table or
/// partition credentials request's `TableArn`.
pub fn database_name(name: impl Into<String>) -> Matcher {
    eq_text(Field::DatabaseName, name)
}

/// The table's name equals `name`: Glue `GetUnfilteredTableMetadata`'s `Name`,
/// `GetUnfilteredPartitionsMetadata`'s `TableName`, or the table of a table or partition
/// credentials request's `TableArn`.
pub fn table_name(name: impl Into<String>) -> Matcher {
    eq_text(Field::TableName, name)
}

/// `Expression` (Glue `GetUnfilteredPartitionsMetadata`) equals `expression`, as sent.
pub fn expression(expression: impl Into<String>) -> Matcher {
    eq_text(Field::Expression, expression)
}

/// `MaxResults` (Glue `GetUnfilteredPartitionsMetadata`) equals `max`.
pub fn max_results(max: i32) -> Matcher {
    field(Field::MaxResults, Condition::Equals(Value::Number(max.into())))
}

/// `NextToken` (Glue `GetUnfilteredPartitionsMetadata`) equals `token`: the page a request asks
/// for (`absent(Field::NextToken)` matches the first page).
pub fn next_token(token: impl Into<String>) -> Matcher {
    eq_text(Field::NextToken, token)
}

/// `S3Path` equals `path`.
pub fn s3_path(path: impl Into<String>) -> Matcher {
    eq_text(Field::S3Path, path)
}

/// `DurationSeconds` equals `seconds`.
pub fn duration_seconds(seconds: i32) -> Matcher {
    field(Field::DurationSeconds, Condition::Equals(Value::Number(seconds.into())))
}

/// `DurationSeconds` is present and within `range` (e.g. `900..=3600`, `3600..`).
pub fn duration_seconds_in(range: impl RangeBounds<i32>) -> Matcher {
    let lo = match range.start_bound() {
        Bound::Included(n) => i64::from(*n),
        Bound::Excluded(n) => i64::from(*n) + 1,
        Bound::Unbounded => i64::MIN,
    };
    let hi = match range.end_bound() {
        Bound::Included(n) => i64::from(*n),
        Bound::Excluded(n) => i64::from(*n) - 1,
        Bound::Unbounded => i64::MAX,
    };
    field(Field::DurationSeconds, Condition::Between(lo, hi))
}

/// `Permissions` is exactly this set (order does not matter). A Glue request's `Permissions`
/// (Glue's own enum) compare by their wire names: `Permission::Select` matches Glue's `SELECT`.
pub fn permissions(permissions: impl IntoIterator<Item = Permission>) -> Matcher {
    let items = permissions.into_iter().map(|p| p.as_str().to_owned()).collect();
    field(Field::Permissions, Condition::Equals(Value::List(items)))
}

/// `Permissions` contains `permission`.
pub fn permissions_contain(permission: Permission) -> Matcher {
    field(Field::Permissions, Condition::Contains(permission.as_str().to_owned()))
}

/// `SupportedPermissionTypes` is exactly this set (order does not matter). A Glue request's
/// (Glue's own enum) compare by their wire names: `PermissionType::CellFilterPermission`
/// matches Glue's `CELL_FILTER_PERMISSION`.
pub fn supported_permission_types(types: impl IntoIterator<Item = PermissionType>) -> Matcher {
    let items = types.into_iter().map(|p| p.as_str().to_owned()).collect();
    field(Field::SupportedPermissionTypes, Condition::Equals(Value::List(items)))
}

/// `SupportedPermissionTypes` contains `permission_type`.
pub fn supported_permission_types_contain(permission_type: PermissionType) -> Matcher {
    field(Field::SupportedPermissionTypes, Condition::Contains(permission_type.as_str().to_owned()))
}

/// `DataLocations` is exactly this set (order does not matter).
pub fn data_locations<S: Into<String>>(locations: impl IntoIterator<Item = S>) -> Matcher {
    field(Field::DataLocations, Condition::Equals(Value::List(locations.into_iter().map(Into::into).collect())))
}

/// `DataLocations` contains `location`.
pub fn data_locations_contain(location: impl Into<String>) -> Matcher {
    field(Field::DataLocations, Condition::Contains(location.into()))
}

/// `Partition.Values` is exactly these values, in this order (one per partition key, in key order).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use aws_sdk_lakeformation::types::PartitionValueList;
/// use lakeformation_mock::{matchers::{partition_values_contain, partition_values}, ErrorCode, MockLakeFormation, Reply, Rule};
///
/// let mock = MockLakeFormation::new();
/// Rule::partition_credentials()
///     .and(partition_values(["eu", "2024"]))
///     .and(partition_values_contain("eu"))
///     .respond_with(Reply::error(ErrorCode::EntityNotFound, "no such partition"))
///     .mount(&mock);
/// let err = mock.client().get_temporary_glue_partition_credentials()
///     .table_arn("arn:aws:glue:us-east-1:123456789012:table/sales/orders")
///     .partition(PartitionValueList::builder().values("eu").values("2024").build().unwrap())
///     .send().await.unwrap_err();
/// assert_eq!(err.into_service_error().meta().message(), Some("no such partition"));
/// # }
/// ```
pub fn partition_values<S: Into<String>>(values: impl IntoIterator<Item = S>) -> Matcher {
    field(Field::PartitionValues, Condition::Equals(Value::Sequence(values.into_iter().map(Into::into).collect())))
}

/// `Partition.Values` contains `value`.
pub fn partition_values_contain(value: impl Into<String>) -> Matcher {
    field(Field::PartitionValues, Condition::Contains(value.into()))
}

/// `CredentialsScope` equals `scope`.
pub fn credentials_scope(scope: CredentialsScope) -> Matcher {
    eq_text(Field::CredentialsScope, scope.as_str())
}

/// `AuditContext.AdditionalAuditContext` equals `context`.
pub fn additional_audit_context(context: impl Into<String>) -> Matcher {
    eq_text(Field::AdditionalAuditContext, context)
}

/// `AuditContext.RequestedColumns` (Glue operations) is exactly this set of columns (order does
/// not matter).
///
/// ```
/// # #[cfg(feature = "glue")]
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use aws_sdk_glue::types::{AuditContext, PermissionType};
/// use lakeformation_mock::{matchers::{all_columns_requested, requested_columns, requested_columns_contain}, ErrorCode, MockLakeFormation, Reply, Rule};
///
/// let mock = MockLakeFormation::new();
/// Rule::unfiltered_table_metadata()
///     .and(requested_columns(["id", "amount"]))
///     .and(requested_columns_contain("id"))
///     .and(all_columns_requested(false))
///     .respond_with(Reply::error(ErrorCode::EntityNotFound, "no such table"))
///     .mount(&mock);
/// let err = mock.glue_client().get_unfiltered_table_metadata()
///     .catalog_id("123456789012").database_name("sales").name("orders")
///     .supported_permission_types(PermissionType::ColumnPermission)
///     .audit_context(AuditContext::builder().requested_columns("amount").requested_columns("id").all_columns_requested(false).build())
///     .send().await.unwrap_err();
/// assert_eq!(err.into_service_error().meta().message(), Some("no such table"));
/// # }
/// # #[cfg(not(feature = "glue"))] fn main() {}
/// ```
pub fn requested_columns<S: Into<String>>(columns: impl IntoIterator<Item = S>) -> Matcher {
    field(Field::RequestedColumns, Condition::Equals(Value::List(columns.into_iter().map(Into::into).collect())))
}

/// `AuditContext.RequestedColumns` (Glue operations) contains `column`.
pub fn requested_columns_contain(column: impl Into<String>) -> Matcher {
    field(Field::RequestedColumns, Condition::Contains(column.into()))
}

/// `AuditContext.AllColumnsRequested` (Glue operations) is present and equals `all`.
pub fn all_columns_requested(all: bool) -> Matcher {
    field(Field::AllColumnsRequested, Condition::Equals(Value::Bool(all)))
}

/// `QuerySessionContext.QueryId` equals `id`.
pub fn query_id(id: impl Into<String>) -> Matcher {
    eq_text(Field::QueryId, id)
}

/// `QuerySessionContext.QueryStartTime` equals `time`.
pub fn query_start_time(time: DateTime) -> Matcher {
    field(Field::QueryStartTime, Condition::Equals(Value::Time(time)))
}

/// `QuerySessionContext.ClusterId` equals `id`.
pub fn cluster_id(id: impl Into<String>) -> Matcher {
    eq_text(Field::ClusterId, id)
}

/// `QuerySessionContext.QueryAuthorizationId` equals `id`.
pub fn query_authorization_id(id: impl Into<String>) -> Matcher {
    eq_text(Field::QueryAuthorizationId, id)
}

/// `QuerySessionContext.AdditionalContext[key]` equals `value`.
pub fn additional_context(key: impl Into<String>, value: impl Into<String>) -> Matcher {
    Matcher(Kind::AdditionalContext { key: key.into(), value: Some(value.into()) })
}

/// `QuerySessionContext.AdditionalContext` contains `key`, whatever its value.
pub fn additional_context_contains_key(key: impl Into<String>) -> Matcher {
    Matcher(Kind::AdditionalContext { key: key.into(), value: None })
}

/// The field is present in the request (for a context field: the context carries it).
pub fn present(f: Field) -> Matcher {
    field(f, Condition::Present)
}

/// The field is absent from the request.
pub fn absent(f: Field) -> Matcher {
    field(f, Condition::Absent)
}

/// HTTP header `name` equals `value` (names are case-insensitive).
pub fn header(name: impl Into<String>, value: impl Into<String>) -> Matcher {
    Matcher(Kind::Header { name: name.into().to_ascii_lowercase(), value: Some(value.into()) })
}

/// HTTP header `name` is present.
pub fn header_present(name: impl Into<String>) -> Matcher {
    Matcher(Kind::Header { name: name.into().to_ascii_lowercase(), value: None })
}

/// At least one of `matchers` holds.
pub fn any_of(matchers: impl IntoIterator<Item = Matcher>) -> Matcher {
    Matcher(Kind::AnyOf(matchers.into_iter().collect()))
}

/// Every one of `matchers` holds (as the matchers of one rule do); useful inside
/// [`any_of`] and [`not`].
pub fn all_of(matchers: impl IntoIterator<Item = Matcher>) -> Matcher {
    Matcher(Kind::AllOf(matchers.into_iter().collect()))
}

/// `matcher` does not hold.
pub fn not(matcher: Matcher) -> Matcher {
    Matcher(Kind::Not(Box::new(matcher)))
}

/// A closure over the whole request; `description` names it in diagnostics.
///
/// ```
/// use lakeformation_mock::matchers::request;
///
/// let long = request("DurationSeconds > 1h", |r| r.input().and_then(|i| i.duration_seconds()).unwrap_or(0) > 3600);
/// # let _ = long;
/// ```
pub fn request(
    description: impl Into<String>,
    predicate: impl Fn(&Request) -> bool + Send + Sync + 'static,
) -> Matcher {
    Matcher(Kind::Custom { description: description.into(), predicate: Arc::new(predicate) })
}

/// A closure over the typed input; requests without a typed input do not match.
pub fn input(description: impl Into<String>, predicate: impl Fn(&Input) -> bool + Send + Sync + 'static) -> Matcher {
    request(description, move |r| r.input().is_some_and(&predicate))
}
