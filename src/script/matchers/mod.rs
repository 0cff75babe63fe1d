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
use std::fmt;

mod field;
pub use field::Field;
use field::text_field;
pub(crate) use field::{Condition, Value, field_value};
use std::ops::{Bound, RangeBounds};
use std::sync::Arc;

/// A condition on a request. Build one with the functions of this module.
#[derive(Clone)]
#[must_use = "a matcher does nothing until a rule (`Rule::and`) or the journal uses it"]
pub struct Matcher(pub(crate) Kind);

#[derive(Clone)]
pub(crate) enum Kind {
    Operation(Operation),
    /// Any operation the mock models (what a rule not pinned to an operation answers).
    ModeledOperation,
    Region(String),
    SignedBy(String),
    Field(Field, Condition),
    AdditionalContext {
        key: String,
        value: Option<String>,
    },
    Header {
        name: String,
        value: Option<String>,
    },
    AnyOf(Vec<Matcher>),
    AllOf(Vec<Matcher>),
    Not(Box<Matcher>),
    Custom {
        description: String,
        predicate: Predicate,
    },
}

type Predicate = Arc<dyn Fn(&Request) -> bool + Send + Sync>;

/// One way a request failed a matcher: which part, what was wanted, what arrived.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Mismatch {
    /// The part of the request, e.g. `TableArn` or `header authorization`.
    pub field: String,
    /// What the matcher wanted.
    pub wanted: String,
    /// What the request had.
    pub found: String,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: wanted {}, found {}", self.field, self.wanted, self.found)
    }
}

impl Matcher {
    /// Whether `request` satisfies this matcher.
    ///
    /// Deciding builds no text: the work is linear in the size of the matcher, however deeply
    /// [`any_of`], [`all_of`] and [`not`] nest (only [`mismatch`](Self::mismatch) formats, once).
    /// A chain of [`not`]s is walked in a loop, so any depth of it works; nested [`any_of`] and
    /// [`all_of`] recurse, one stack frame per level.
    pub fn matches(&self, request: &Request) -> bool {
        let (negated, inner) = self.without_nots();
        let holds = match &inner.0 {
            Kind::AnyOf(matchers) => matchers.iter().any(|m| m.matches(request)),
            Kind::AllOf(matchers) => matchers.iter().all(|m| m.matches(request)),
            _ => inner.leaf_matches(request),
        };
        holds != negated
    }

    /// The matcher under any chain of [`not`]s, and whether their number is odd.
    fn without_nots(&self) -> (bool, &Matcher) {
        let (mut negated, mut m) = (false, self);
        while let Kind::Not(inner) = &m.0 {
            (negated, m) = (!negated, inner);
        }
        (negated, m)
    }

    /// [`matches`](Self::matches) for a matcher that combines no others.
    fn leaf_matches(&self, request: &Request) -> bool {
        match &self.0 {
            Kind::Operation(op) => request.operation() == op,
            Kind::ModeledOperation => request.operation().is_supported(),
            Kind::Region(region) => request.region_name() == Some(region.as_str()),
            Kind::SignedBy(key) => request.access_key_id() == Some(key.as_str()),
            // The common case, answered without copying the field's value.
            Kind::Field(field, condition @ Condition::Equals(Value::Text(want))) => match request.input() {
                Some(input) => match text_field(input, *field) {
                    Ok(found) => found == Some(want.as_str()),
                    Err(()) => condition.holds(&field_value(input, *field)),
                },
                None => false,
            },
            Kind::Field(field, condition) => {
                condition.holds(&request.input().map_or(Value::Missing, |input| field_value(input, *field)))
            }
            Kind::AdditionalContext { key, value } => additional_context_holds(request, key, value.as_deref()).0,
            Kind::Header { name, value } => header_holds(request, name, value.as_deref()).0,
            Kind::Custom { predicate, .. } => predicate(request),
            Kind::AnyOf(_) | Kind::AllOf(_) | Kind::Not(_) => self.matches(request),
        }
    }

    /// Why `request` does not satisfy this matcher, or `None` when it does.
    pub fn mismatch(&self, request: &Request) -> Option<Mismatch> {
        let fail = |field: String, wanted: String, found: String| {
            Some(Mismatch {
                field,
                wanted,
                found: crate::explain::echo::truncated_owned(found, crate::explain::echo::MAX_ECHO),
            })
        };
        match &self.0 {
            Kind::Operation(op) => (request.operation() != op).then(|| Mismatch {
                field: "operation".into(),
                wanted: op.to_string(),
                found: request.operation().to_string(),
            }),
            Kind::ModeledOperation => (!request.operation().is_supported()).then(|| Mismatch {
                field: "operation".into(),
                wanted: modeled_operations(),
                found: request.operation().to_string(),
            }),
            Kind::Region(region) => (request.region_name() != Some(region.as_str())).then(|| Mismatch {
                field: "region".into(),
                wanted: format!("{region:?}"),
                found: request
                    .region_name()
                    .map_or("(none: unsigned, to a host that names no region)".into(), |r| format!("{r:?}")),
            }),
            Kind::SignedBy(key) => (request.access_key_id() != Some(key.as_str())).then(|| Mismatch {
                field: "signed by".into(),
                wanted: format!("{key:?}"),
                found: request.access_key_id().map_or("(unsigned)".into(), |k| format!("{k:?}")),
            }),
            Kind::Field(field, condition) => {
                let value = request.input().map_or(Value::Missing, |input| field_value(input, *field));
                if condition.holds(&value) {
                    None
                } else {
                    fail(field.path_for(request.operation()).into(), condition.to_string(), value.to_string())
                }
            }
            Kind::AdditionalContext { key, value } => {
                let (ok, found) = additional_context_holds(request, key, value.as_deref());
                let wanted = value.as_ref().map_or("present".to_owned(), |v| format!("{v:?}"));
                let found = found.map_or("(absent)".to_owned(), |v| format!("{:?}", crate::explain::echo::capped(v)));
                (!ok).then(|| Mismatch {
                    field: format!("QuerySessionContext.AdditionalContext[{key:?}]"),
                    wanted,
                    found,
                })
            }
            Kind::Header { name, value } => {
                let (ok, found) = header_holds(request, name, value.as_deref());
                let shown = |v: &str| shown_header_value(name, v);
                (!ok).then(|| Mismatch {
                    field: format!("header {name}"),
                    wanted: value.as_deref().map_or("present".to_owned(), shown),
                    found: found.map_or("(absent)".to_owned(), shown),
                })
            }
            Kind::AnyOf(matchers) => {
                if matchers.iter().any(|m| m.matches(request)) {
                    None
                } else {
                    let wanted: Vec<String> = matchers.iter().map(|m| m.to_string()).collect();
                    fail("any_of".into(), wanted.join(" or "), "none of them".into())
                }
            }
            Kind::AllOf(matchers) => matchers.iter().find_map(|m| m.mismatch(request)),
            Kind::Not(inner) => inner.matches(request).then(|| Mismatch {
                field: "not".into(),
                wanted: format!("not {inner}"),
                found: "a request that matches it".into(),
            }),
            Kind::Custom { description, predicate } => (!predicate(request)).then(|| Mismatch {
                field: description.clone(),
                wanted: "true".into(),
                found: "false".into(),
            }),
        }
    }

    /// [`Matcher::matches_with_table`], with a panic of a user closure caught (`Err` with its
    /// message).
    pub(crate) fn try_matches_with_table(&self, request: &Request, table: Option<&str>) -> Result<bool, String> {
        crate::script::closures::caught(|| self.matches_with_table(request, table))
    }

    /// [`Matcher::mismatch`], with a panic of a user closure reported as the mismatch.
    pub(crate) fn mismatch_caught(&self, request: &Request) -> Option<Mismatch> {
        crate::script::closures::caught(|| self.mismatch(request)).unwrap_or_else(|message| {
            Some(Mismatch { field: self.to_string(), wanted: "no panic".into(), found: format!("panicked: {message}") })
        })
    }

    /// The operation this matcher pins, if it is an operation matcher.
    pub(crate) fn operation(&self) -> Option<&Operation> {
        match &self.0 {
            Kind::Operation(op) => Some(op),
            _ => None,
        }
    }

    /// [`Matcher::matches`], given the request's `TableArn` (`None` when it has none).
    pub(crate) fn matches_with_table(&self, request: &Request, table: Option<&str>) -> bool {
        match self.exact_table_arn() {
            Some(arn) => table == Some(arn),
            None => self.matches(request),
        }
    }

    /// The exact `TableArn` this matcher pins, if it is one.
    pub(crate) fn exact_table_arn(&self) -> Option<&str> {
        match &self.0 {
            Kind::Field(Field::TableArn, Condition::Equals(Value::Text(arn))) => Some(arn),
            _ => None,
        }
    }
}

impl fmt::Display for Matcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Kind::Operation(op) => write!(f, "operation = {op}"),
            Kind::ModeledOperation => write!(f, "operation is {}", modeled_operations()),
            Kind::Region(region) => write!(f, "region = {region:?}"),
            Kind::SignedBy(key) => write!(f, "signed by {key:?}"),
            Kind::Field(field, condition) => match condition {
                Condition::Equals(v) => write!(f, "{} = {v}", field.path()),
                other => write!(f, "{} is {other}", field.path()),
            },
            Kind::AdditionalContext { key, value: Some(v) } => write!(f, "AdditionalContext[{key:?}] = {v:?}"),
            Kind::AdditionalContext { key, value: None } => write!(f, "AdditionalContext has {key:?}"),
            Kind::Header { name, value: Some(v) } => write!(f, "header {name} = {}", shown_header_value(name, v)),
            Kind::Header { name, value: None } => write!(f, "header {name} is present"),
            // Written straight to `f`: no text of a subtree is built and copied into its parent's,
            // so showing a deep tree costs its size, not its size times its depth.
            Kind::AnyOf(ms) => write_list(f, "any of (", " | ", ms),
            Kind::AllOf(ms) => write_list(f, "all of (", " & ", ms),
            // A chain of `not`s is written in a loop, so any depth of it can be shown.
            Kind::Not(_) => {
                let mut depth = 0;
                let mut m = self;
                while let Kind::Not(inner) = &m.0 {
                    (depth, m) = (depth + 1, inner);
                }
                (0..depth).try_for_each(|_| f.write_str("not ("))?;
                fmt::Display::fmt(m, f)?;
                (0..depth).try_for_each(|_| f.write_str(")"))
            }
            Kind::Custom { description, .. } => f.write_str(description),
        }
    }
}

fn write_list(f: &mut fmt::Formatter<'_>, open: &str, separator: &str, matchers: &[Matcher]) -> fmt::Result {
    f.write_str(open)?;
    for (i, m) in matchers.iter().enumerate() {
        if i > 0 {
            f.write_str(separator)?;
        }
        fmt::Display::fmt(m, f)?;
    }
    f.write_str(")")
}

impl fmt::Debug for Matcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Matcher({self})")
    }
}

/// Whether the request's `AdditionalContext` has `key` (with `value`, when given), and the value
/// it has.
fn additional_context_holds<'r>(request: &'r Request, key: &str, value: Option<&str>) -> (bool, Option<&'r String>) {
    let found = request.query_session_context().and_then(|q| q.additional_context()).and_then(|m| m.get(key));
    let ok = match (value, found) {
        (Some(want), Some(got)) => want == got,
        (None, got) => got.is_some(),
        (Some(_), None) => false,
    };
    (ok, found)
}

/// Whether the request has header `name` (with `value`, when given), and the value it has.
fn header_holds<'r>(request: &'r Request, name: &str, value: Option<&str>) -> (bool, Option<&'r str>) {
    let found = request.header_value(name);
    let ok = match value {
        Some(want) => found == Some(want),
        None => found.is_some(),
    };
    (ok, found)
}

/// A header value as reports show it: quoted, or `** redacted **` for a secret header
/// (`authorization`, `x-amz-security-token`), whether it comes from the request or the test.
fn shown_header_value(name: &str, value: &str) -> String {
    if crate::record::redact::is_secret_header(name) { crate::REDACTED.to_owned() } else { format!("{value:?}") }
}

fn field(field: Field, condition: Condition) -> Matcher {
    Matcher(Kind::Field(field, condition))
}

fn eq_text(f: Field, value: impl Into<String>) -> Matcher {
    field(f, Condition::Equals(Value::Text(value.into())))
}

/// What a rule with no operation matcher answers: the operations the mock models.
fn modeled_operations() -> String {
    format!("an operation the mock models ({})", crate::services::served_names("or"))
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
