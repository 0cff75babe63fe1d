//! The lake as plain data: account, data lake settings, registered locations, tables,
//! principals and grants. No runtime state here (see [`Lake`](super::Lake) for that), so a model
//! can be compared, cloned, and written to or read from JSON.

use super::arn;
use super::behavior::Behavior;
use super::enums;
use super::grant::Grant;
use super::s3;
use aws_sdk_lakeformation::types::PermissionType;
use foldhash::HashSet;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The shortest `DurationSeconds` of both operations: a maximum session duration below it
/// would refuse every duration.
const MIN_SESSION_SECONDS: i32 = 900;

/// The session tag whose value the session-tag allowlisting path checks.
pub const AUTHORIZED_CALLER_TAG: &str = "LakeFormationAuthorizedCaller";

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
    pub pins: Vec<super::pin::Pin>,
    // glue: what Glue's GetUnfiltered*Metadata answer from (src/lake/schema.rs)
    /// The tables' schemas: columns and the types of the partition keys (fixture key `Schemas`;
    /// feature `glue`). Glue answers only for a table that has one. The partitions are the
    /// table's ([`Table::partitions`]).
    #[cfg(feature = "glue")]
    #[cfg_attr(docsrs, doc(cfg(feature = "glue")))]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub schemas: Vec<super::schema::TableSchema>,
    /// The data cell filters that grants name with [`Grant::cell_filter`] (fixture key
    /// `CellFilters`; feature `glue`).
    #[cfg(feature = "glue")]
    #[cfg_attr(docsrs, doc(cfg(feature = "glue")))]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cell_filters: Vec<super::schema::CellFilter>,
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
    /// Checks that the model is consistent: ids and ARNs well formed, S3 locations valid, no
    /// duplicate principal or table, every grant naming a known table and principal.
    pub fn check(&self) -> Result<(), ModelError> {
        let mut problems = Vec::new();
        if self.partition.is_empty() {
            problems.push("the partition is empty".to_owned());
        }
        if self.account_id.len() != 12 || !self.account_id.bytes().all(|b| b.is_ascii_digit()) {
            problems.push(format!("the account id `{}` is not 12 digits", self.account_id));
        }
        if self.region.is_empty() {
            problems.push("the region is empty".to_owned());
        }
        for location in &self.locations {
            if s3::S3Uri::parse(&location.uri).is_none() {
                problems
                    .push(format!("the registered location `{}` is not an S3 URI (s3://bucket/prefix)", location.uri));
            }
        }
        // Sets, not searches, so that a lake of 10,000 tables and 100,000 grants checks in milliseconds.
        let mut tables = HashSet::default();
        for table in &self.tables {
            if table.database.is_empty() || table.name.is_empty() || table.name.contains('/') {
                problems.push(format!(
                    "the table `{}.{}` needs a database and a name without `/`",
                    table.database, table.name
                ));
            }
            if table.location.is_empty() {
                problems.push(format!("the table {} has no location: add `.location(\"s3://bucket/prefix/\")`", table));
            } else if s3::S3Uri::parse(&table.location).is_none() {
                problems.push(format!("the location `{}` of table {} is not an S3 URI", table.location, table));
            }
            if !tables.insert((table.database.as_str(), table.name.as_str())) {
                problems.push(format!("the table {table} is defined twice"));
            }
            table.partition_problems(&mut problems);
        }
        let mut keys = HashSet::default();
        for principal in &self.principals {
            if arn::account_of(&principal.arn).is_none() {
                problems.push(format!(
                    "the principal ARN `{}` has no account id (expected arn:aws:iam::123456789012:role/name)",
                    principal.arn
                ));
            }
            if let Some(max) = principal.max_session_duration_seconds.filter(|&max| max < MIN_SESSION_SECONDS) {
                problems.push(format!(
                    "the maximum session duration {max} of principal `{}` is below the shortest duration, \
                     {MIN_SESSION_SECONDS} seconds",
                    principal.arn
                ));
            }
            if !keys.insert(principal.access_key_id.as_str()) {
                problems.push(format!("the access key id `{}` belongs to two principals", principal.access_key_id));
            }
        }
        if let Some(max) = self.behavior.max_session_duration_seconds.filter(|&max| max < MIN_SESSION_SECONDS) {
            problems.push(format!(
                "the behavior's maximum session duration {max} is below the shortest duration, {MIN_SESSION_SECONDS} \
                 seconds"
            ));
        }
        let arns: HashSet<&str> = self.principals.iter().map(|p| p.arn.as_str()).collect();
        for grant in &self.grants {
            if !tables.contains(&(grant.database.as_str(), grant.table.as_str())) {
                problems.push(format!(
                    "a grant names the table {}.{}, which the lake does not have",
                    grant.database, grant.table
                ));
            }
            if !arns.contains(grant.principal.as_str()) {
                problems
                    .push(format!("a grant names the principal `{}`, which the lake does not have", grant.principal));
            }
            problems.extend(grant.problem());
        }
        problems.extend(self.behavior.problems());
        problems.extend(super::pin::problems(self));
        // glue: schemas and cell filters name known tables and columns
        #[cfg(feature = "glue")]
        problems.extend(super::schema::problems(self));
        if problems.is_empty() { Ok(()) } else { Err(ModelError { problems }) }
    }

    /// The principal that signs with `access_key_id`.
    pub fn find_principal(&self, access_key_id: &str) -> Option<&Principal> {
        self.principals.iter().find(|p| p.access_key_id == access_key_id)
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
}

/// The data lake settings that govern credential vending to external engines
/// (`GetDataLakeSettings` / `PutDataLakeSettings`). Vending is off by default.
///
/// ```
/// use lakeformation_mock::lake::DataLakeSettings;
///
/// let settings = DataLakeSettings::default()
///     .allow_external_data_filtering(true)
///     .external_data_filtering_allow("123456789012")
///     .authorized_session_tag_value("engine-x");
/// assert!(!settings.allow_full_table_external_data_access);
/// assert_eq!(settings.authorized_session_tag_value_list, ["engine-x"]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "PascalCase", deny_unknown_fields, default)]
#[must_use = "settings do nothing until they are given to a lake"]
#[non_exhaustive]
pub struct DataLakeSettings {
    /// `AllowFullTableExternalDataAccess`: vend to a caller with full-table access.
    pub allow_full_table_external_data_access: bool,
    /// `AllowExternalDataFiltering`: vend to allowlisted engines (session-tag path).
    pub allow_external_data_filtering: bool,
    /// `ExternalDataFilteringAllowList`: account ids (or principal ARNs) allowed on the session-tag path.
    pub external_data_filtering_allow_list: Vec<String>,
    /// `AuthorizedSessionTagValueList`: accepted values of the `LakeFormationAuthorizedCaller` session tag.
    pub authorized_session_tag_value_list: Vec<String>,
}

impl DataLakeSettings {
    /// Sets `AllowFullTableExternalDataAccess`.
    pub fn allow_full_table_external_data_access(mut self, on: bool) -> Self {
        self.allow_full_table_external_data_access = on;
        self
    }

    /// Sets `AllowExternalDataFiltering`.
    pub fn allow_external_data_filtering(mut self, on: bool) -> Self {
        self.allow_external_data_filtering = on;
        self
    }

    /// Adds an account id (or principal ARN) to `ExternalDataFilteringAllowList`.
    pub fn external_data_filtering_allow(mut self, account_or_arn: impl Into<String>) -> Self {
        self.external_data_filtering_allow_list.push(account_or_arn.into());
        self
    }

    /// Adds a value to `AuthorizedSessionTagValueList`.
    pub fn authorized_session_tag_value(mut self, value: impl Into<String>) -> Self {
        self.authorized_session_tag_value_list.push(value.into());
        self
    }
}

/// An S3 location registered with Lake Formation (`RegisterResource`).
///
/// ```
/// use lakeformation_mock::lake::Location;
///
/// let here: Location = "s3://bucket/prefix/".into();
/// assert_eq!(here.region, None);
/// let there = Location::new("s3://eu-bucket/").region("eu-west-1");
/// assert_eq!(there.region.as_deref(), Some("eu-west-1"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Location {
    /// The location, `s3://bucket/prefix` (an `arn:aws:s3:::bucket/prefix` ARN works too).
    pub uri: String,
    /// The region of its bucket; `None` means the lake's region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

impl Location {
    /// A location in the lake's region.
    pub fn new(uri: impl Into<String>) -> Self {
        Location { uri: uri.into(), region: None }
    }

    /// Puts its bucket in another region.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }
}

impl From<&str> for Location {
    fn from(uri: &str) -> Self {
        Location::new(uri)
    }
}

impl From<String> for Location {
    fn from(uri: String) -> Self {
        Location::new(uri)
    }
}

/// A Glue table: database, name, S3 location, the fine-grained policy types defined on it, and
/// its partition keys and [`Partition`]s: the one place partitions are modeled, which partition
/// vending and Glue's `GetUnfilteredPartitionsMetadata` (feature `glue`) both read.
///
/// A policy type on the table applies to every caller: the caller must declare it in
/// `SupportedPermissionTypes`, and nobody has full-table access to the table.
///
/// ```
/// use aws_sdk_lakeformation::types::PermissionType;
/// use lakeformation_mock::lake::Table;
///
/// let t = Table::new("sales", "orders").location("s3://lake/sales/orders/").column_policy();
/// assert_eq!(t.policies, [PermissionType::ColumnPermission]);
/// assert_eq!(t.to_string(), "sales.orders");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
#[must_use = "a table does nothing until it is added to a lake"]
#[non_exhaustive]
pub struct Table {
    /// The Glue database.
    pub database: String,
    /// The table name.
    pub name: String,
    /// The table's S3 location (required).
    #[serde(default)]
    pub location: String,
    /// The fine-grained policy types defined on the table.
    #[serde(default, with = "enums::list", skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<crate::fixture::enum_names::PermissionTypeName>"))]
    pub policies: Vec<PermissionType>,
    /// The names of the partition keys, in order (none: the table is not partitioned).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partition_keys: Vec<String>,
    /// The table's partitions, each with one value per partition key and its own location.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partitions: Vec<Partition>,
}

impl Table {
    /// The table `database.name`, with no location yet.
    pub fn new(database: impl Into<String>, name: impl Into<String>) -> Self {
        Table {
            database: database.into(),
            name: name.into(),
            location: String::new(),
            policies: Vec::new(),
            partition_keys: Vec::new(),
            partitions: Vec::new(),
        }
    }

    /// Sets the table's S3 location.
    pub fn location(mut self, uri: impl Into<String>) -> Self {
        self.location = uri.into();
        self
    }

    /// Adds a fine-grained policy of this type.
    pub fn policy(mut self, kind: PermissionType) -> Self {
        if !self.policies.contains(&kind) {
            self.policies.push(kind);
        }
        self
    }

    /// Adds a column policy (`COLUMN_PERMISSION`).
    pub fn column_policy(self) -> Self {
        self.policy(PermissionType::ColumnPermission)
    }

    /// Adds a data cell filter (`CELL_FILTER_PERMISSION`).
    pub fn cell_filter_policy(self) -> Self {
        self.policy(PermissionType::CellFilterPermission)
    }

    /// Adds a nested-field policy (`NESTED_PERMISSION`).
    pub fn nested_policy(self) -> Self {
        self.policy(PermissionType::NestedPermission)
    }

    /// Adds a nested cell policy (`NESTED_CELL_PERMISSION`).
    pub fn nested_cell_policy(self) -> Self {
        self.policy(PermissionType::NestedCellPermission)
    }

    /// Sets the names of the partition keys, in order.
    pub fn partition_keys<I>(mut self, keys: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        self.partition_keys = keys.into_iter().map(Into::into).collect();
        self
    }

    /// Adds a partition: one value per partition key, in their order, and its S3 location (which
    /// may lie outside the table's, as Apache Hive, the Hadoop SQL warehouse whose table layout
    /// Glue's catalog follows, allows).
    pub fn partition<I>(mut self, values: I, location: impl Into<String>) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        self.partitions.push(Partition::new(values, location));
        self
    }

    /// Adds what is wrong with the table's partition keys and partitions to `problems`.
    fn partition_problems(&self, problems: &mut Vec<String>) {
        let mut keys = HashSet::default();
        for key in &self.partition_keys {
            if key.is_empty() {
                problems.push(format!("the table {self} has an empty partition key name"));
            } else if !keys.insert(key.as_str()) {
                problems.push(format!("the table {self} has the partition key `{key}` twice"));
            }
        }
        if self.partition_keys.is_empty() && !self.partitions.is_empty() {
            problems.push(format!(
                "the table {self} has partitions but no partition keys: add `.partition_keys([..])` \
                 (fixture key `PartitionKeys`)"
            ));
            return;
        }
        let mut seen = HashSet::default();
        for partition in &self.partitions {
            let values = format!("[{}]", partition.values.join(", "));
            if partition.values.len() != self.partition_keys.len() {
                problems.push(format!(
                    "the partition {values} of table {self} has {} value(s), but the table has {} partition \
                     key(s) [{}]",
                    partition.values.len(),
                    self.partition_keys.len(),
                    self.partition_keys.join(", ")
                ));
            }
            if !seen.insert(partition.values.as_slice()) {
                problems.push(format!("the partition {values} of table {self} is defined twice"));
            }
            if s3::S3Uri::parse(&partition.location).is_none() {
                problems.push(format!(
                    "the location `{}` of partition {values} of table {self} is not an S3 URI",
                    partition.location
                ));
            }
        }
    }

    /// The partition with exactly these values, in order.
    pub fn find_partition(&self, values: &[String]) -> Option<&Partition> {
        self.partitions.iter().find(|p| p.values == values)
    }
}

/// A partition of a [`Table`]: one value per partition key, and its own S3 location.
///
/// ```
/// use lakeformation_mock::lake::Table;
///
/// let t = Table::new("sales", "orders")
///     .location("s3://lake/sales/orders/")
///     .partition_keys(["dt", "region"])
///     .partition(["2024-01-01", "eu"], "s3://lake/sales/orders/dt=2024-01-01/region=eu/")
///     .partition(["2024-01-01", "us"], "s3://archive/orders/2024-01-01/us/");
/// assert_eq!(t.partitions[1].values, ["2024-01-01", "us"]);
/// assert_eq!(t.find_partition(&["2024-01-01".into(), "eu".into()]).unwrap().location,
///     "s3://lake/sales/orders/dt=2024-01-01/region=eu/");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Partition {
    /// One value per partition key of the table, in the keys' order.
    pub values: Vec<String>,
    /// The partition's S3 location (required).
    pub location: String,
}

impl Partition {
    /// The partition with these values at `location`.
    pub fn new<I>(values: I, location: impl Into<String>) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        Partition { values: values.into_iter().map(Into::into).collect(), location: location.into() }
    }
}

impl std::fmt::Display for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.database, self.name)
    }
}

/// A caller: the access key id its requests are signed with, its IAM ARN, and its session tags.
///
/// ```
/// use lakeformation_mock::lake::Principal;
///
/// let p = Principal::new("AKIDANALYST", "arn:aws:iam::123456789012:role/analyst")
///     .session_tag("LakeFormationAuthorizedCaller", "engine-x")
///     .max_session_duration_seconds(3600);
/// assert_eq!(p.arn_account_id(), Some("123456789012"));
/// assert_eq!(p.max_session_duration_seconds, Some(3600));
/// assert_eq!(p.session_tags["LakeFormationAuthorizedCaller"], "engine-x");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
#[must_use = "a principal does nothing until it is added to a lake"]
#[non_exhaustive]
pub struct Principal {
    /// The access key id the caller signs with (see `MockLakeFormation::client_as`).
    pub access_key_id: String,
    /// The caller's IAM ARN, which grants name.
    pub arn: String,
    /// The session tags of the caller's session.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "unique_tags")]
    pub session_tags: BTreeMap<String, String>,
    /// The longest session the caller may be vended, in seconds (fixture key
    /// `MaxSessionDurationSeconds`): a longer `DurationSeconds` is refused with
    /// `InvalidInputException`, never shortened. `None` means
    /// [`Behavior::max_session_duration_seconds`](super::Behavior::max_session_duration_seconds).
    /// A role-chained session with session tags, as engines use, is capped at 3600.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_session_duration_seconds: Option<i32>,
}

fn unique_tags<'de, D: serde::Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
    Ok(crate::services::json_checks::unique_map(d)?.unwrap_or_default())
}

impl Principal {
    /// A caller with no session tags.
    pub fn new(access_key_id: impl Into<String>, arn: impl Into<String>) -> Self {
        Principal {
            access_key_id: access_key_id.into(),
            arn: arn.into(),
            session_tags: BTreeMap::new(),
            max_session_duration_seconds: None,
        }
    }

    /// Caps the caller's sessions at `seconds` (see
    /// [`max_session_duration_seconds`](Self::max_session_duration_seconds)).
    pub fn max_session_duration_seconds(mut self, seconds: i32) -> Self {
        self.max_session_duration_seconds = Some(seconds);
        self
    }

    /// Adds a session tag.
    pub fn session_tag(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.session_tags.insert(key.into(), value.into());
        self
    }

    /// The account id in the caller's ARN.
    pub fn arn_account_id(&self) -> Option<&str> {
        arn::account_of(&self.arn)
    }
}
