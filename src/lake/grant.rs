//! Grants: Lake Formation permissions a principal holds on a table.

use super::enums;
use crate::explain::hints::Language;
use aws_sdk_lakeformation::types::{Permission, PermissionType};
use serde::{Deserialize, Serialize};

/// Lake Formation permissions granted to a principal (by ARN) on a table.
///
/// `Permission::All` is what the console calls *Super*; it and `Permission::SuperUser` imply
/// every other permission. A grant limited to some columns or to a data cell filter is
/// restricted: it gives no full-table access, and the caller must declare the restriction's type
/// (`COLUMN_PERMISSION` or `CELL_FILTER_PERMISSION`), or a type above it, in
/// `SupportedPermissionTypes` (see [Permission types](crate::guide::lake#permission-types)). A
/// grant limits its columns by listing them ([`columns`](Self::columns), Lake Formation's
/// `ColumnNames`) or by leaving some out of all ([`excluding`](Self::excluding), a
/// `ColumnWildcard` with `ExcludedColumnNames`), not both.
///
/// ```
/// use aws_sdk_lakeformation::types::Permission;
/// use lakeformation_mock::lake::Grant;
///
/// let g = Grant::new("arn:aws:iam::123456789012:role/analyst", "db", "t", [Permission::Select])
///     .columns(["id", "amount"]);
/// assert!(g.is_restricted());
/// assert!(Grant::new("arn:aws:iam::123456789012:role/admin", "db", "t", [Permission::All]).implies(&Permission::Insert));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
#[must_use = "a grant does nothing until it is added to a lake"]
#[non_exhaustive]
pub struct Grant {
    /// The grantee's ARN (a [`Principal::arn`](super::Principal::arn)).
    pub principal: String,
    /// The table's database.
    pub database: String,
    /// The table's name.
    pub table: String,
    /// The permissions granted.
    #[serde(with = "enums::list")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<crate::fixture::enum_names::PermissionName>"))]
    pub permissions: Vec<Permission>,
    /// The columns the grant is limited to; empty means every column (but
    /// [`excluded_columns`](Self::excluded_columns)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    /// With no [`columns`](Self::columns): the columns left out of every column (a column
    /// wildcard with excluded columns); empty means none is left out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded_columns: Vec<String>,
    /// The data cell filter the grant is limited to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell_filter: Option<String>,
}

impl Grant {
    /// Grants `permissions` on `database.table` to `principal_arn`.
    pub fn new(
        principal_arn: impl Into<String>,
        database: impl Into<String>,
        table: impl Into<String>,
        permissions: impl IntoIterator<Item = Permission>,
    ) -> Self {
        Grant {
            principal: principal_arn.into(),
            database: database.into(),
            table: table.into(),
            permissions: permissions.into_iter().collect(),
            columns: Vec::new(),
            excluded_columns: Vec::new(),
            cell_filter: None,
        }
    }

    /// Limits the grant to these columns.
    pub fn columns<S: Into<String>>(mut self, columns: impl IntoIterator<Item = S>) -> Self {
        self.columns = columns.into_iter().map(Into::into).collect();
        self
    }

    /// Limits the grant to every column but these (a column wildcard with excluded columns).
    ///
    /// ```
    /// use aws_sdk_lakeformation::types::{Permission, PermissionType};
    /// use lakeformation_mock::lake::Grant;
    ///
    /// let g = Grant::new("arn:aws:iam::123456789012:role/analyst", "db", "t", [Permission::Select]).excluding(["ssn"]);
    /// assert_eq!(g.restriction_types(), [PermissionType::ColumnPermission]);
    /// ```
    pub fn excluding<S: Into<String>>(mut self, columns: impl IntoIterator<Item = S>) -> Self {
        self.excluded_columns = columns.into_iter().map(Into::into).collect();
        self
    }

    /// Limits the grant to the rows and columns of a data cell filter.
    pub fn cell_filter(mut self, name: impl Into<String>) -> Self {
        self.cell_filter = Some(name.into());
        self
    }

    /// Whether the grant is limited to some columns or cells.
    pub fn is_restricted(&self) -> bool {
        self.limits_columns() || self.cell_filter.is_some()
    }

    /// Whether the grant lists its columns or leaves some out.
    pub(crate) fn limits_columns(&self) -> bool {
        !self.columns.is_empty() || !self.excluded_columns.is_empty()
    }

    /// Whether the grant's column restriction (not its cell filter's) lets `column` through.
    #[cfg(feature = "glue")]
    pub(crate) fn lets_through(&self, column: &str) -> bool {
        lets_through(&self.columns, &self.excluded_columns, column)
    }

    /// What makes the grant unusable: columns both listed and excluded, worded for who built the
    /// grant (in Rust, the builder calls that set them).
    pub(crate) fn problem(&self, language: Language) -> Option<String> {
        (!self.columns.is_empty() && !self.excluded_columns.is_empty()).then(|| {
            let set_by = match language {
                Language::Rust => " (set by `Grant::columns` and `Grant::excluding`)",
                Language::Fixture => "",
            };
            format!(
                "a grant on {}.{} to `{}` has both Columns and ExcludedColumns{set_by}: a grant lists its columns \
                 or excludes some from all",
                self.database, self.table, self.principal
            )
        })
    }

    /// The policy types the grant's restriction brings.
    pub fn restriction_types(&self) -> Vec<PermissionType> {
        let mut kinds = Vec::new();
        if self.limits_columns() {
            kinds.push(PermissionType::ColumnPermission);
        }
        if self.cell_filter.is_some() {
            kinds.push(PermissionType::CellFilterPermission);
        }
        kinds
    }

    /// Whether the grant gives `permission` (directly, or through `ALL` / `SUPER_USER`).
    pub fn implies(&self, permission: &Permission) -> bool {
        self.permissions.iter().any(|p| p == permission || is_super(p))
    }
}

/// `ALL` (the console's *Super*) and `SUPER_USER` imply every permission.
pub(crate) fn is_super(permission: &Permission) -> bool {
    matches!(permission, Permission::All | Permission::SuperUser)
}

/// The permissions that allow writing: INSERT, DELETE, and the super permissions.
pub(crate) fn is_write(permission: &Permission) -> bool {
    matches!(permission, Permission::Insert | Permission::Delete) || is_super(permission)
}

/// Whether a column restriction lets `column` through: one of the `listed` columns, or when none
/// is listed, any column but the `excluded` ones (what grants and cell filters both limit).
#[cfg(feature = "glue")]
pub(crate) fn lets_through(listed: &[String], excluded: &[String], column: &str) -> bool {
    if listed.is_empty() { !excluded.iter().any(|c| c == column) } else { listed.iter().any(|c| c == column) }
}
