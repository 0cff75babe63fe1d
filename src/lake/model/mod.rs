//! The lake as plain data: account, data lake settings, registered locations, tables,
//! principals, grants and pins (and with feature `glue`, schemas and cell filters). No runtime
//! state here (see [`Lake`](super::Lake) for that), so a model can be compared, cloned, and
//! written to or read from JSON. The files below hold the parts; [`LakeModel::check`] (in
//! `check.rs`) is the one place that checks them against each other.

mod check;
mod location;
mod pin;
mod principal;
#[cfg(feature = "sts")]
mod role;
mod settings;
mod table;

pub use location::Location;
pub use pin::Pin;
pub(crate) use pin::time_of;
pub use principal::{AUTHORIZED_CALLER_TAG, Principal, S3Access};
#[cfg(feature = "sts")]
pub use role::{DEFAULT_MAX_SESSION_DURATION, Role};
pub use settings::DataLakeSettings;
pub use table::{Partition, Table};

use super::arn;
use super::behavior::Behavior;
use super::grant::Grant;
#[cfg(feature = "glue")]
use super::schema::{CellFilter, TableSchema};
use serde::{Deserialize, Serialize};

/// Everything a simulated lake knows, as plain data (the JSON field names are those of the AWS
/// APIs: `AccountId`, `AllowFullTableExternalDataAccess`...).
///
/// Build one with [`Lake::builder`](super::Lake::builder), or deserialize it and turn it into a
/// lake with [`Lake::from_model`](super::Lake::from_model). Every key is optional: one left out
/// keeps its [`Default`] value, the same as the builder's, so `{}` is the model of
/// `Lake::builder().build()`.
///
/// ```
/// use lakeformation_mock::lake::{Lake, LakeModel};
///
/// let lake = Lake::builder().account_id("111122223333").region("eu-west-1").build();
/// let model: LakeModel = lake.model();
/// assert_eq!(model.account_id, "111122223333");
/// assert_eq!(model.partition, "aws");
/// let json = serde_json::to_string(&model).unwrap();
/// let back: LakeModel = serde_json::from_str(&json).unwrap();
/// assert_eq!(back, model);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "PascalCase", deny_unknown_fields, default)]
#[non_exhaustive]
pub struct LakeModel {
    /// The AWS partition of every ARN (default `aws`).
    pub partition: String,
    /// The account that owns the lake's catalog (12 digits; default `123456789012`).
    pub account_id: String,
    /// The region the lake answers in (default `us-east-1`, the mock's default region).
    pub region: String,
    /// The data lake settings that decide whether credentials may be vended at all (default:
    /// vending off).
    pub settings: DataLakeSettings,
    /// The S3 locations registered with Lake Formation.
    pub locations: Vec<Location>,
    /// The Glue tables of the catalog.
    pub tables: Vec<Table>,
    /// The callers the lake knows, by access key id.
    pub principals: Vec<Principal>,
    /// The Lake Formation permissions granted on tables.
    pub grants: Vec<Grant>,
    /// How the lake decides where the service's behaviour is unconfirmed.
    pub behavior: Behavior,
    /// Makes the vended credentials a fixed sequence (see [`LakeBuilder::seed`](super::LakeBuilder::seed)).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Values the lake answers with instead of drawing them (fixture key `Pins`; see [`Pin`](super::Pin)).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pins: Vec<Pin>,
    // glue: what Glue's GetUnfiltered*Metadata answer from (src/lake/schema.rs)
    /// The tables' schemas: columns and the types of the partition keys (fixture key `Schemas`;
    /// feature `glue`). Glue answers only for a table that has one. The partitions are the
    /// table's ([`Table::partitions`]).
    #[cfg(feature = "glue")]
    #[cfg_attr(docsrs, doc(cfg(feature = "glue")))]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub schemas: Vec<TableSchema>,
    /// The data cell filters that grants name with [`Grant::cell_filter`] (fixture key
    /// `CellFilters`; feature `glue`).
    #[cfg(feature = "glue")]
    #[cfg_attr(docsrs, doc(cfg(feature = "glue")))]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cell_filters: Vec<CellFilter>,
    // sts: the roles STS's AssumeRole issues sessions of (src/lake/model/role.rs)
    /// The IAM roles the lake's callers may assume through STS (fixture key `Roles`; feature
    /// `sts`). Grants may name a role's ARN: its sessions hold them.
    #[cfg(feature = "sts")]
    #[cfg_attr(docsrs, doc(cfg(feature = "sts")))]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
}

/// The defaults of [`Lake::builder`](super::Lake::builder) and, key by key, of a fixture's
/// `lake` (a key left out takes its value from here): account `123456789012`, region
/// `us-east-1`, partition `aws`, vending off, nothing registered, the default [`Behavior`].
impl Default for LakeModel {
    fn default() -> Self {
        LakeModel {
            partition: "aws".into(),
            account_id: "123456789012".into(),
            region: "us-east-1".into(),
            settings: DataLakeSettings::default(),
            locations: Vec::new(),
            tables: Vec::new(),
            principals: Vec::new(),
            grants: Vec::new(),
            behavior: Behavior::default(),
            seed: None,
            pins: Vec::new(),
            #[cfg(feature = "glue")] // glue:
            schemas: Vec::new(),
            #[cfg(feature = "glue")] // glue:
            cell_filters: Vec::new(),
            #[cfg(feature = "sts")] // sts:
            roles: Vec::new(),
        }
    }
}

/// Why a [`LakeModel`] cannot make a lake: every problem found, one per line.
///
/// ```
/// use lakeformation_mock::lake::{Lake, Table};
///
/// let err = Lake::builder().account_id("42").table(Table::new("db", "t")).try_build().unwrap_err();
/// assert_eq!(err.problems.len(), 2);
/// assert!(err.to_string().contains("account id `42` is not 12 digits"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid lake model:\n  - {}", problems.join("\n  - "))]
#[non_exhaustive]
pub struct ModelError {
    /// What is wrong, one sentence each.
    pub problems: Vec<String>,
}

impl LakeModel {
    /// The principal that signs with `access_key_id`.
    pub fn find_principal(&self, access_key_id: &str) -> Option<&Principal> {
        self.principals.iter().find(|p| p.access_key_id == access_key_id)
    }

    /// The role with this ARN (feature `sts`).
    #[cfg(feature = "sts")]
    pub fn find_role(&self, arn: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.arn == arn)
    }

    /// The table `database.name`.
    pub fn find_table(&self, database: &str, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.database == database && t.name == name)
    }

    /// The ARN of `table` in this lake.
    pub fn table_arn(&self, table: &Table) -> String {
        arn::table_arn(&self.partition, &self.region, &self.account_id, &table.database, &table.name)
    }

    /// The grants `principal_arn` holds on `table`.
    pub fn grants_on<'a>(&'a self, principal_arn: &'a str, table: &'a Table) -> impl Iterator<Item = &'a Grant> + 'a {
        self.grants
            .iter()
            .filter(move |g| g.principal == principal_arn && g.database == table.database && g.table == table.name)
    }

    /// The schema of `table`, if the lake has one (feature `glue`).
    #[cfg(feature = "glue")]
    pub fn schema(&self, table: &Table) -> Option<&TableSchema> {
        self.schemas.iter().find(|s| s.database == table.database && s.table == table.name)
    }

    /// The cell filter `name` on `table` (feature `glue`).
    #[cfg(feature = "glue")]
    pub fn cell_filter(&self, table: &Table, name: &str) -> Option<&CellFilter> {
        self.cell_filters.iter().find(|f| f.name == name && f.database == table.database && f.table == table.name)
    }
}
