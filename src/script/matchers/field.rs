//! The request fields field matchers look at, their values in each operation's input, and what
//! a field matcher wants of them.

use crate::{Input, Operation};
use aws_sdk_lakeformation::types::{CredentialsScope, Permission, PermissionType};
use aws_smithy_types::DateTime;
use std::fmt;

/// An input field of a modeled operation that a matcher can look at. An operation without the
/// field has it absent.
///
/// Lake Formation's and Glue's requests share most fields (`AuditContext`,
/// `QuerySessionContext`, `SupportedPermissionTypes`...): a matcher reads the field of whichever
/// operation the request is. `CatalogId`, `DatabaseName` and `TableName` are Glue's fields; a
/// table or partition credentials request names them in its `TableArn`, and they are read from
/// there (the ARN's account, database and table), so one matcher follows a table through
/// both halves of the handshake.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Field {
    /// `TableArn` (table and partition credentials operations).
    TableArn,
    /// `CatalogId` (Glue operations; the account of the `TableArn` for the table and partition
    /// credentials operations).
    CatalogId,
    /// `DatabaseName` (Glue operations; the database of the `TableArn` for the table and
    /// partition credentials operations).
    DatabaseName,
    /// The table's name: `Name` (Glue `GetUnfilteredTableMetadata`), `TableName` (Glue
    /// `GetUnfilteredPartitionsMetadata`), the table of the `TableArn` (table and partition
    /// credentials operations).
    TableName,
    /// `S3Path` (table credentials operation).
    S3Path,
    /// `DurationSeconds` (the Lake Formation operations).
    DurationSeconds,
    /// `Permissions` (table and partition credentials operations, Glue
    /// `GetUnfilteredTableMetadata`).
    Permissions,
    /// `SupportedPermissionTypes` (table and partition credentials operations, Glue operations).
    SupportedPermissionTypes,
    /// `DataLocations` (data-location operation).
    DataLocations,
    /// `CredentialsScope` (data-location operation).
    CredentialsScope,
    /// `AuditContext.AdditionalAuditContext` (every operation, Glue's included).
    AdditionalAuditContext,
    /// `AuditContext.RequestedColumns` (Glue operations).
    RequestedColumns,
    /// `AuditContext.AllColumnsRequested` (Glue operations).
    AllColumnsRequested,
    /// `QuerySessionContext.QueryId` (table credentials operation and Glue operations).
    QueryId,
    /// `QuerySessionContext.QueryStartTime` (table credentials operation and Glue operations).
    QueryStartTime,
    /// `QuerySessionContext.ClusterId` (table credentials operation and Glue operations).
    ClusterId,
    /// `QuerySessionContext.QueryAuthorizationId` (table credentials operation and Glue
    /// operations).
    QueryAuthorizationId,
    /// `QuerySessionContext.AdditionalContext` (table credentials operation and Glue
    /// operations), as a whole.
    AdditionalContext,
    /// `Partition.Values` (partition credentials operation).
    PartitionValues,
    /// `Expression` (Glue `GetUnfilteredPartitionsMetadata`).
    Expression,
    /// `MaxResults` (Glue `GetUnfilteredPartitionsMetadata`).
    MaxResults,
    /// `NextToken` (Glue `GetUnfilteredPartitionsMetadata`).
    NextToken,
}

impl Field {
    /// The field's name, e.g. `QuerySessionContext.QueryId`: its path in the request body (for
    /// [`TableName`](Field::TableName), `TableName`; see [`path_for`](Self::path_for)).
    pub fn path(self) -> &'static str {
        match self {
            Field::TableArn => "TableArn",
            Field::CatalogId => "CatalogId",
            Field::DatabaseName => "DatabaseName",
            Field::TableName => "TableName",
            Field::S3Path => "S3Path",
            Field::DurationSeconds => "DurationSeconds",
            Field::Permissions => "Permissions",
            Field::SupportedPermissionTypes => "SupportedPermissionTypes",
            Field::DataLocations => "DataLocations",
            Field::CredentialsScope => "CredentialsScope",
            Field::AdditionalAuditContext => "AuditContext.AdditionalAuditContext",
            Field::RequestedColumns => "AuditContext.RequestedColumns",
            Field::AllColumnsRequested => "AuditContext.AllColumnsRequested",
            Field::QueryId => "QuerySessionContext.QueryId",
            Field::QueryStartTime => "QuerySessionContext.QueryStartTime",
            Field::ClusterId => "QuerySessionContext.ClusterId",
            Field::QueryAuthorizationId => "QuerySessionContext.QueryAuthorizationId",
            Field::AdditionalContext => "QuerySessionContext.AdditionalContext",
            Field::PartitionValues => "Partition.Values",
            Field::Expression => "Expression",
            Field::MaxResults => "MaxResults",
            Field::NextToken => "NextToken",
        }
    }

    /// Where the field is in a request of `operation`, as reports show it: Glue
    /// `GetUnfilteredTableMetadata` names its table `Name`, and a credentials request names its
    /// catalog, database and table in its `TableArn` (`TableArn's table`).
    ///
    /// ```
    /// use lakeformation_mock::{matchers::Field, Operation};
    ///
    /// assert_eq!(Field::TableName.path_for(&Operation::GetTemporaryGlueTableCredentials), "TableArn's table");
    /// assert_eq!(Field::QueryId.path_for(&Operation::GetTemporaryGlueTableCredentials), "QuerySessionContext.QueryId");
    /// ```
    pub fn path_for(self, operation: &Operation) -> &'static str {
        let names_table_by_arn = operation.names_table_by_arn();
        match self {
            Field::CatalogId if names_table_by_arn => "TableArn's account",
            Field::DatabaseName if names_table_by_arn => "TableArn's database",
            Field::TableName if names_table_by_arn => "TableArn's table",
            #[cfg(feature = "glue")]
            Field::TableName
                if *operation
                    == Operation::Glue(crate::services::operation::GlueOperation::GetUnfilteredTableMetadata) =>
            {
                "Name"
            }
            other => other.path(),
        }
    }
}

/// What a field matcher wants of its field.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Condition {
    Equals(Value),
    /// A list field contains this item.
    Contains(String),
    Between(i64, i64),
    Present,
    Absent,
}

/// A field's value in a request, in a form matchers compare and diagnostics print.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Missing,
    Text(String),
    Number(i64),
    Bool(bool),
    /// Lists compare as sets: order does not matter.
    List(Vec<String>),
    /// A list whose order means something (`Partition.Values`, one per partition key, in key
    /// order): compares in order.
    Sequence(Vec<String>),
    Time(DateTime),
    Map(Vec<(String, String)>),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Missing => f.write_str("(absent)"),
            Value::Text(s) => write!(f, "{s:?}"),
            Value::Number(n) => write!(f, "{n}"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::List(items) | Value::Sequence(items) => write!(f, "{items:?}"),
            Value::Time(t) => {
                write!(f, "{}", t.fmt(aws_smithy_types::date_time::Format::EpochSeconds).unwrap_or_default())
            }
            Value::Map(entries) => {
                let entries: Vec<String> = entries.iter().map(|(k, v)| format!("{k:?}: {v:?}")).collect();
                write!(f, "{{{}}}", entries.join(", "))
            }
        }
    }
}

impl Value {
    fn same(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::List(a), Value::List(b)) => {
                let (mut a, mut b) = (a.clone(), b.clone());
                a.sort();
                b.sort();
                a == b
            }
            (Value::Map(a), Value::Map(b)) => {
                let (mut a, mut b) = (a.clone(), b.clone());
                a.sort();
                b.sort();
                a == b
            }
            (a, b) => a == b,
        }
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Condition::Equals(v) => write!(f, "{v}"),
            Condition::Contains(item) => write!(f, "a list containing {item:?}"),
            Condition::Between(lo, hi) => write!(f, "a number in {lo}..={hi}"),
            Condition::Present => f.write_str("present"),
            Condition::Absent => f.write_str("absent"),
        }
    }
}

impl Condition {
    pub(crate) fn holds(&self, value: &Value) -> bool {
        match self {
            Condition::Equals(want) => want.same(value),
            Condition::Contains(item) => {
                matches!(value, Value::List(items) | Value::Sequence(items) if items.contains(item))
            }
            Condition::Between(lo, hi) => matches!(value, Value::Number(n) if lo <= n && n <= hi),
            Condition::Present => *value != Value::Missing,
            Condition::Absent => *value == Value::Missing,
        }
    }
}

fn text(s: Option<&str>) -> Value {
    s.map_or(Value::Missing, |s| Value::Text(s.to_owned()))
}

fn list<T>(items: Option<&[T]>, name: impl Fn(&T) -> &str) -> Value {
    items.map_or(Value::Missing, |items| Value::List(items.iter().map(|i| name(i).to_owned()).collect()))
}

/// The value of a text field, borrowed; `Err(())` for a field that is not text.
pub(super) fn text_field(input: &Input, field: Field) -> Result<Option<&str>, ()> {
    let qsc = input.query_session_context();
    Ok(match field {
        Field::TableArn => input.table_arn(),
        Field::CatalogId => input.catalog_id(),
        Field::DatabaseName => input.database_name(),
        Field::TableName => input.table_name(),
        Field::S3Path => input.s3_path(),
        Field::CredentialsScope => input.credentials_scope().map(CredentialsScope::as_str),
        Field::AdditionalAuditContext => input.audit_context().and_then(|a| a.additional_audit_context()),
        Field::QueryId => qsc.and_then(|q| q.query_id()),
        Field::ClusterId => qsc.and_then(|q| q.cluster_id()),
        Field::QueryAuthorizationId => qsc.and_then(|q| q.query_authorization_id()),
        Field::Expression => input.expression(),
        Field::NextToken => input.next_token(),
        _ => return Err(()),
    })
}

/// `Permissions` and `SupportedPermissionTypes` by their wire names: Glue's enums are not
/// Lake Formation's, and a matcher compares the values both send.
fn permission_names(input: &Input, field: Field) -> Value {
    #[cfg(feature = "glue")]
    if let Some(glue) = input.as_glue() {
        use crate::record::input::GlueInput;
        return match (glue, field) {
            (GlueInput::TableMetadata(i), Field::Permissions) => {
                list(i.permissions.as_deref(), aws_sdk_glue::types::Permission::as_str)
            }
            (GlueInput::TableMetadata(i), Field::SupportedPermissionTypes) => {
                list(i.supported_permission_types.as_deref(), aws_sdk_glue::types::PermissionType::as_str)
            }
            (GlueInput::PartitionsMetadata(i), Field::SupportedPermissionTypes) => {
                list(i.supported_permission_types.as_deref(), aws_sdk_glue::types::PermissionType::as_str)
            }
            _ => Value::Missing,
        };
    }
    match field {
        Field::Permissions => list(input.permissions(), Permission::as_str),
        _ => list(input.supported_permission_types(), PermissionType::as_str),
    }
}

/// The value of `field` in `input` (`Missing` when the operation has no such field).
pub(crate) fn field_value(input: &Input, field: Field) -> Value {
    let qsc = input.query_session_context();
    match field {
        Field::DurationSeconds => input.duration_seconds().map_or(Value::Missing, |d| Value::Number(d.into())),
        Field::MaxResults => input.max_results().map_or(Value::Missing, |n| Value::Number(n.into())),
        Field::Permissions | Field::SupportedPermissionTypes => permission_names(input, field),
        Field::DataLocations => list(input.data_locations(), String::as_str),
        Field::PartitionValues => {
            input.partition_values().map_or(Value::Missing, |values| Value::Sequence(values.to_vec()))
        }
        Field::RequestedColumns => list(input.audit_context().and_then(|a| a.requested_columns()), String::as_str),
        Field::AllColumnsRequested => {
            input.audit_context().and_then(|a| a.all_columns_requested()).map_or(Value::Missing, Value::Bool)
        }
        Field::QueryStartTime => qsc.and_then(|q| q.query_start_time()).map_or(Value::Missing, |t| Value::Time(*t)),
        Field::AdditionalContext => qsc.and_then(|q| q.additional_context()).map_or(Value::Missing, |m| {
            let mut entries: Vec<(String, String)> = m.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
            entries.sort();
            Value::Map(entries)
        }),
        Field::TableArn
        | Field::CatalogId
        | Field::DatabaseName
        | Field::TableName
        | Field::S3Path
        | Field::CredentialsScope
        | Field::AdditionalAuditContext
        | Field::QueryId
        | Field::ClusterId
        | Field::QueryAuthorizationId
        | Field::Expression
        | Field::NextToken => text(text_field(input, field).ok().flatten()),
    }
}
