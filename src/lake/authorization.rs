//! The query-authorization handshake (feature `glue`): Glue's `GetUnfilteredTableMetadata` and
//! `GetUnfilteredPartitionsMetadata` answered from the lake's grants, schemas and cell filters;
//! the `QueryAuthorizationId`s the lake issues with them, and the check table vending makes of
//! the id a request carries.
//!
//! Order of the checks of a Glue request, the first failure answers: the region the request was
//! sent to; the caller; `CatalogId` (and `Region`, if given) are the lake's; the table exists
//! (`EntityNotFoundException`); it has a schema (else the lake's model is incomplete); then, for a
//! table under a registered location: the caller holds a grant on it (else
//! `AccessDeniedException` "Insufficient Lake Formation permission(s) on ...", Glue hiding the
//! table); vending to the caller is allowed (full-table access or session-tag allowlisting, as
//! for credentials); the declared `SupportedPermissionTypes` value covers every policy type that
//! applies, the one decision vending also makes (lake/permission_types.rs; else
//! `PermissionTypeMismatchException`).

use super::catalog::Catalog;
use super::decide::{self, ACCESS_NOT_ALLOWED, Call, Refusal};
use super::model::{LakeModel, Principal, Table};
use super::schema::TableSchema;
use super::{Lake, LakeInner, VendedCredentials, expiry, refusal_reply, whole_second};
use crate::explain::trace::Trace;
use crate::lake::grant::Grant;
use crate::record::input::GlueInput;
use crate::script::reply::ReplyKind;
use crate::services::glue::GlueOutput;
use crate::{ErrorCode, Reply, Request, ServiceError};
use aws_sdk_glue::operation::get_unfiltered_partitions_metadata::{
    GetUnfilteredPartitionsMetadataInput, GetUnfilteredPartitionsMetadataOutput,
};
use aws_sdk_glue::operation::get_unfiltered_table_metadata::GetUnfilteredTableMetadataOutput;
use aws_sdk_glue::types::{
    Column as GlueColumn, ColumnRowFilter, Partition, Permission as GluePermission, PermissionType as GlueType,
    QuerySessionContext, StorageDescriptor, Table as GlueTable, UnfilteredPartition,
};
use aws_sdk_lakeformation::types::{Permission, PermissionType};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::time::SystemTime;

// glue: the check of the id a table-credentials request carries
mod vending;
pub(super) use vending::check_vending;

/// How the lake issues and checks `QueryAuthorizationId`s: the settings for what the service
/// leaves unconfirmed (a [`Behavior`](super::Behavior) field, fixture key `QueryAuthorization`).
///
/// The lake issues an id with each `GetUnfilteredTableMetadata` answer for a table under a
/// registered location, and remembers the principal, the table, the query id and the expiry. A
/// `GetTemporaryGlueTableCredentials` request that carries an id
/// (`QuerySessionContext.QueryAuthorizationId`) is refused when the id is unknown (never issued,
/// or changed on the way back), another principal's, another table's or expired; the trace names
/// which. The check applies to every table, whether or not the lake has its schema (an id for a
/// table Glue cannot describe is one the lake did not issue).
///
/// Whether a request must carry an id at all is [`required_for_vending`](Self::required_for_vending):
/// off by default, on in the [strict handshake](Self::strict), which a test of an engine that
/// must do the handshake should use, so that an engine forgetting the id fails.
///
/// | setting | fixture key | default |
/// |---|---|---|
/// | [`lifetime_seconds`](Self::lifetime_seconds) | `LifetimeSeconds` | 3600 |
/// | [`issue_without_query_session_context`](Self::issue_without_query_session_context) | `IssueWithoutQuerySessionContext` | `true` (Oxidant, a Rust query engine that calls both services, expects an id without a context) |
/// | [`required_for_vending`](Self::required_for_vending) | `RequiredForVending` | `false`: full-table readers (Amazon EMR, AWS's managed Spark and Hadoop service) and Apache Iceberg (a table format; its AWS client factory) vend without one; `true` in [`strict`](Self::strict) |
/// | [`one_permission_type_for_vending`](Self::one_permission_type_for_vending) | `OnePermissionTypeForVending` | `false` (Glue's one-tier rule is live; vending's is unconfirmed) |
/// | [`error`](Self::error) | `Error` | `AccessDeniedException` (sent as [`Behavior::access_denied_code`](super::Behavior::access_denied_code) says) |
/// | [`message`](Self::message) | `Message` | none: a message naming the problem |
///
/// ```
/// use lakeformation_mock::lake::{Behavior, QueryAuthorizationBehavior};
/// use lakeformation_mock::ErrorCode;
///
/// let strict = QueryAuthorizationBehavior::default()
///     .required_for_vending(true)
///     .error(ErrorCode::InvalidInput)
///     .message("Invalid query authorization.");
/// let behavior = Behavior::default().query_authorization(strict.clone());
/// assert_ne!(behavior, Behavior::default());
/// assert_eq!(behavior, Behavior::default().query_authorization(strict));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "PascalCase", deny_unknown_fields, default)]
#[must_use = "a behavior does nothing until it is given to a lake"]
pub struct QueryAuthorizationBehavior {
    /// How long an id stays valid for vending, in seconds (at least 1).
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub(crate) lifetime_seconds: u64,
    /// Whether `GetUnfilteredTableMetadata` issues an id to a request without a
    /// `QuerySessionContext`.
    pub(crate) issue_without_query_session_context: bool,
    /// Whether every table-credentials request must carry a `QueryAuthorizationId` (the strict
    /// handshake, [`QueryAuthorizationBehavior::strict`]).
    pub(crate) required_for_vending: bool,
    /// Whether table vending refuses more than one `SupportedPermissionTypes` value, as Glue does.
    pub(crate) one_permission_type_for_vending: bool,
    /// The error a refused id is answered with.
    #[serde(with = "super::enums::error_code")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::fixture::enum_names::ErrorCodeName"))]
    pub(crate) error: ErrorCode,
    /// The message of every refused id; `None`: a message naming the problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) message: Option<String>,
}

impl Default for QueryAuthorizationBehavior {
    fn default() -> Self {
        QueryAuthorizationBehavior {
            lifetime_seconds: 3600,
            issue_without_query_session_context: true,
            required_for_vending: false,
            one_permission_type_for_vending: false,
            error: ErrorCode::AccessDenied,
            message: None,
        }
    }
}

impl QueryAuthorizationBehavior {
    /// The strict handshake: every `GetTemporaryGlueTableCredentials` request must carry, in
    /// `QuerySessionContext.QueryAuthorizationId`, an id that Glue's `GetUnfilteredTableMetadata`
    /// issued to the same principal for the same table, unexpired and passed back unchanged. A
    /// request without one is refused with a message that names the Glue call that issued the
    /// id it should have carried ("GetTemporaryGlueTableCredentials for table ... carried no
    /// QueryAuthorizationId ...; GetUnfilteredTableMetadata (request #0) issued ... to ... for
    /// this table"). The other settings keep their defaults. Fixture:
    /// `"Behavior": {"QueryAuthorization": {"RequiredForVending": true}}`; in code also
    /// [`LakeBuilder::strict_handshake`](super::LakeBuilder::strict_handshake).
    ///
    /// **Why it is not the default.** The service does not require the id of every caller:
    /// full-table readers such as Amazon EMR (AWS's managed Spark and Hadoop service) send only
    /// `TableArn` and `AuditContext` (AWS's CloudTrail samples), and the AWS client factory of
    /// Apache Iceberg (a table format), `LakeFormationAwsClientFactory`, sends no
    /// `QuerySessionContext` at all, and both are vended credentials. Only engines that filter
    /// rows and columns themselves (StarRocks, an open-source SQL engine; duckdb, an embedded SQL
    /// database, and its Lake Formation extension) pass the id
    /// Glue issued, unchanged on renewal. A default lake therefore vends without an id (and
    /// still checks one it is given); a test of an engine of the second kind uses the strict
    /// handshake, so that an engine that forgets the id fails its test instead of passing. To
    /// loosen it again, `.required_for_vending(false)`.
    ///
    /// ```
    /// use lakeformation_mock::lake::{Behavior, QueryAuthorizationBehavior};
    ///
    /// let strict = QueryAuthorizationBehavior::strict();
    /// assert_eq!(strict, QueryAuthorizationBehavior::default().required_for_vending(true));
    /// assert_eq!(strict.clone().required_for_vending(false), QueryAuthorizationBehavior::default());
    /// let _behavior = Behavior::default().query_authorization(strict);
    /// ```
    pub fn strict() -> Self {
        QueryAuthorizationBehavior::default().required_for_vending(true)
    }

    /// Sets [`lifetime_seconds`](Self::lifetime_seconds).
    pub fn lifetime_seconds(mut self, seconds: u64) -> Self {
        self.lifetime_seconds = seconds;
        self
    }

    /// Sets [`issue_without_query_session_context`](Self::issue_without_query_session_context).
    pub fn issue_without_query_session_context(mut self, on: bool) -> Self {
        self.issue_without_query_session_context = on;
        self
    }

    /// Sets [`required_for_vending`](Self::required_for_vending).
    pub fn required_for_vending(mut self, on: bool) -> Self {
        self.required_for_vending = on;
        self
    }

    /// Sets [`one_permission_type_for_vending`](Self::one_permission_type_for_vending).
    pub fn one_permission_type_for_vending(mut self, on: bool) -> Self {
        self.one_permission_type_for_vending = on;
        self
    }

    /// Sets [`error`](Self::error).
    pub fn error(mut self, code: ErrorCode) -> Self {
        self.error = code;
        self
    }

    /// Sets [`message`](Self::message).
    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self
    }

    pub(crate) fn problems(&self) -> Vec<String> {
        if self.lifetime_seconds == 0 {
            vec!["Behavior.QueryAuthorization.LifetimeSeconds: must be at least 1".to_owned()]
        } else {
            Vec::new()
        }
    }
}

impl super::Behavior {
    /// Sets [`query_authorization`](Self::query_authorization) (feature `glue`).
    pub fn query_authorization(mut self, settings: QueryAuthorizationBehavior) -> Self {
        self.query_authorization = settings;
        self
    }
}

/// A `QueryAuthorizationId` the lake issued with a `GetUnfilteredTableMetadata` answer: to whom,
/// for which table and query, until when, and what it authorized.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use aws_sdk_glue::types::PermissionType;
/// use aws_sdk_lakeformation::types::Permission;
/// use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, Principal, Table, TableSchema};
/// use lakeformation_mock::MockLakeFormation;
///
/// let role = "arn:aws:iam::123456789012:role/engine";
/// let lake = Lake::builder()
///     .settings(DataLakeSettings::default().allow_full_table_external_data_access(true))
///     .register_location("s3://lake/")
///     .table(Table::new("db", "t").location("s3://lake/db/t/"))
///     .schema(TableSchema::new("db", "t").column("id", "bigint"))
///     .principal(Principal::new("AKIDENGINE", role))
///     .grant(Grant::new(role, "db", "t", [Permission::Select]))
///     .seed(1)
///     .build();
/// let mock = MockLakeFormation::new().with_lake(&lake);
/// let out = mock.glue_client_as("AKIDENGINE").get_unfiltered_table_metadata()
///     .catalog_id("123456789012").database_name("db").name("t")
///     .supported_permission_types(PermissionType::ColumnPermission)
///     .send().await.unwrap();
/// let id = out.query_authorization_id().unwrap();
/// let authorization = lake.query_authorization(id).unwrap();
/// assert_eq!(authorization.principal_arn(), role);
/// assert_eq!(authorization.table_arn(), "arn:aws:glue:us-east-1:123456789012:table/db/t");
/// assert_eq!(authorization.authorized_columns(), ["id"]);
/// assert_eq!(authorization.request_id(), mock.requests()[0].answer().request_id().unwrap());
/// # }
/// ```
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct QueryAuthorization {
    id: String,
    principal_arn: String,
    caller_access_key_id: String,
    table_arn: String,
    query_id: Option<String>,
    issued_at: SystemTime,
    expires_at: SystemTime,
    request_id: String,
    request_index: usize,
    authorized_columns: Vec<String>,
    row_filter: String,
}

impl QueryAuthorization {
    /// The id (`QueryAuthorizationId`).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The ARN of the principal it was issued to.
    pub fn principal_arn(&self) -> &str {
        &self.principal_arn
    }

    /// The access key id of the Glue call that obtained it.
    pub fn caller_access_key_id(&self) -> &str {
        &self.caller_access_key_id
    }

    /// The ARN of the table it authorizes.
    pub fn table_arn(&self) -> &str {
        &self.table_arn
    }

    /// The `QuerySessionContext.QueryId` of the Glue call, if it had one.
    pub fn query_id(&self) -> Option<&str> {
        self.query_id.as_deref()
    }

    /// When it was issued (the calling client's clock, whole seconds).
    pub fn issued_at(&self) -> SystemTime {
        self.issued_at
    }

    /// When it stops being valid for vending.
    pub fn expires_at(&self) -> SystemTime {
        self.expires_at
    }

    /// The request id of the Glue call that obtained it (its journal entry's
    /// [`Answer::request_id`](crate::Answer::request_id)).
    pub fn request_id(&self) -> &str {
        &self.request_id
    }

    /// The position of the Glue call that obtained it in the mock's journal
    /// ([`Request::index`](crate::Request::index)), as refusals name it ("request #0").
    pub fn request_index(&self) -> usize {
        self.request_index
    }

    /// The columns it authorized (`AuthorizedColumns`, sorted).
    pub fn authorized_columns(&self) -> &[String] {
        &self.authorized_columns
    }

    /// The row filter it authorized (`RowFilter`; `TRUE` for every row).
    pub fn row_filter(&self) -> &str {
        &self.row_filter
    }
}

impl fmt::Debug for QueryAuthorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("QueryAuthorization")
            .field("id", &self.id)
            .field("principal_arn", &self.principal_arn)
            .field("table_arn", &self.table_arn)
            .field("query_id", &self.query_id)
            .field("expires_at", &self.expires_at)
            .field("request_id", &self.request_id)
            .field("request_index", &self.request_index)
            .field("authorized_columns", &self.authorized_columns)
            .field("row_filter", &self.row_filter)
            .finish()
    }
}

/// The ids a lake issued, and the random source they are drawn from.
pub(crate) struct Store {
    rng: fastrand::Rng,
    issued: Vec<QueryAuthorization>,
    /// Positions in `issued` by id: several when a pinned id was issued more than once.
    by_id: HashMap<String, Vec<usize>>,
}

/// Mixed into the lake's seed, so that ids are seeded with the lake but drawn apart from the keys.
const ID_SEED_SALT: u64 = 0x5141_5f49_445f_5345;

impl Store {
    pub(crate) fn new(seed: Option<u64>) -> Store {
        let rng = match seed {
            Some(seed) => fastrand::Rng::with_seed(seed ^ ID_SEED_SALT),
            None => fastrand::Rng::new(),
        };
        Store { rng, issued: Vec::new(), by_id: HashMap::new() }
    }

    /// A fresh id: 64 lowercase hexadecimal digits, never one issued before.
    fn draw(&mut self) -> String {
        loop {
            let id: String = (0..64).map(|_| char::from(b"0123456789abcdef"[self.rng.usize(..16)])).collect();
            if !self.by_id.contains_key(&id) {
                return id;
            }
        }
    }

    /// Records `record`.
    fn insert(&mut self, record: QueryAuthorization) {
        self.by_id.entry(record.id.clone()).or_default().push(self.issued.len());
        self.issued.push(record);
    }

    /// The latest record of `id`.
    fn latest(&self, id: &str) -> Option<&QueryAuthorization> {
        self.by_id.get(id).and_then(|at| at.last()).map(|&i| &self.issued[i])
    }

    /// The record of `id` to check a vending of `table` to `principal` against: the latest one
    /// issued to that principal for that table (a pinned id may have been issued for several),
    /// else the latest one.
    pub(super) fn find(&self, id: &str, principal: &str, table: &str) -> Option<&QueryAuthorization> {
        let at = self.by_id.get(id)?;
        let mine =
            at.iter().rev().map(|&i| &self.issued[i]).find(|r| r.principal_arn == principal && r.table_arn == table);
        mine.or_else(|| self.latest(id))
    }

    /// The latest id issued to `principal` for `table`.
    pub(super) fn latest_for(&self, principal: &str, table: &str) -> Option<&QueryAuthorization> {
        self.issued.iter().rev().find(|r| r.principal_arn == principal && r.table_arn == table)
    }
}

impl Lake {
    /// The `QueryAuthorizationId` record `id`, if this lake issued it (feature `glue`); the
    /// latest one for an id pinned and issued several times.
    pub fn query_authorization(&self, id: &str) -> Option<QueryAuthorization> {
        self.inner.authorizations().latest(id).cloned()
    }

    /// Every `QueryAuthorizationId` the lake issued, in order (feature `glue`).
    pub fn query_authorizations(&self) -> Vec<QueryAuthorization> {
        self.inner.authorizations().issued.clone()
    }

    /// The credentials vended with the `QueryAuthorizationId` `id` (feature `glue`).
    pub fn vended_under(&self, id: &str) -> Vec<VendedCredentials> {
        self.vended_credentials().into_iter().filter(|v| v.query_authorization_id() == Some(id)).collect()
    }
}

impl VendedCredentials {
    /// The `QueryAuthorizationId` the table-credentials request carried and the lake accepted
    /// (feature `glue`); see [`Lake::query_authorization`].
    pub fn query_authorization_id(&self) -> Option<&str> {
        self.purpose.query_authorization_id.as_deref()
    }
}

impl LakeInner {
    fn authorizations(&self) -> std::sync::MutexGuard<'_, Store> {
        self.authorizations.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// What a lake's model lacks to answer: sent as a 400 with code `LakeFormationMockIncompleteModel`.
fn incomplete(message: String, mut trace: Trace) -> Reply {
    trace.push(format!("answer: the lake cannot answer: {message}"));
    let error = ServiceError::custom("LakeFormationMockIncompleteModel", Some(message), 400);
    Reply::refused(error, trace)
}

/// What a Glue request names.
struct Target<'i> {
    catalog_id: &'i str,
    database: &'i str,
    name: &'i str,
    region: Option<&'i str>,
    supported: &'i [GlueType],
}

/// What a Glue request may see of its table.
struct Authorized<'m> {
    principal: &'m Principal,
    table: &'m Table,
    schema: &'m TableSchema,
    registered: bool,
    /// `None` for a table not registered with Lake Formation.
    columns: Option<Vec<String>>,
    cell_filters: Vec<(String, String)>,
    row_filter: Option<String>,
    permissions: Vec<Permission>,
}

/// `(a) OR (b)`, or the one expression; `TRUE` when one of them is.
fn any_of(expressions: &[&str]) -> String {
    let mut unique: Vec<&str> = Vec::new();
    for e in expressions {
        if *e == "TRUE" {
            return "TRUE".to_owned();
        }
        if !unique.contains(e) {
            unique.push(e);
        }
    }
    match unique.as_slice() {
        [one] => (*one).to_owned(),
        several => several.iter().map(|e| format!("({e})")).collect::<Vec<_>>().join(" OR "),
    }
}

/// Decides what the caller may see of the table a Glue request names, recording why in `trace`.
fn authorize<'m>(
    lake: &'m Catalog,
    call: Call<'_>,
    target: &Target<'_>,
    trace: &mut Trace,
) -> Result<Result<Authorized<'m>, String>, Refusal> {
    let model = &lake.model;
    decide::same_region(model, call, trace)?;
    let principal = decide::caller(lake, call, trace)?;
    let foreign = |what: &str, found: &str, lake: &str| Refusal {
        code: model.behavior.foreign_table_arn_error,
        message: format!("{what} {found} is not this lake's: this call is answered for {what} {lake}."),
    };
    if target.catalog_id != model.account_id {
        trace.push(format!("catalog: {} is not the lake's catalog {}", target.catalog_id, model.account_id));
        return Err(foreign("Catalog", target.catalog_id, &model.account_id));
    }
    if let Some(region) = target.region.filter(|r| *r != model.region) {
        trace.push(format!("catalog: Region {region} is not the lake's region {}", model.region));
        return Err(foreign("Region", region, &model.region));
    }
    let Some(table) = lake.table(target.database, target.name) else {
        let message = if lake.has_database(target.database) {
            format!("Table {} not found.", target.name)
        } else {
            format!("Database {} not found.", target.database)
        };
        trace.push(format!("table: {}.{} is not in the lake", target.database, target.name));
        return Err(Refusal { code: ErrorCode::EntityNotFound, message });
    };
    let Some(schema) = model.schema(table) else {
        return Ok(Err(format!(
            "the table {table} has no schema in the lake: add `.schema(TableSchema::new(\"{}\", \"{}\").column(..))` \
             to the lake, or `\"Schemas\": [{{\"Database\": \"{}\", \"Table\": \"{}\", \"Columns\": [{{\"Name\": \"id\", \
             \"Type\": \"bigint\"}}]}}]` to the fixture's lake",
            table.database, table.name, table.database, table.name
        )));
    };
    // The same decision as vending's (a location in another region is refused by both).
    let what = decide::table_location(table);
    let Some(registration) = decide::registration(lake, &table.location, &what, trace)? else {
        trace.push(format!(
            "table: {table} at {} is under no registered location: not governed by Lake Formation \
             (IsRegisteredWithLakeFormation false, no authorization)",
            table.location
        ));
        return Ok(Ok(Authorized {
            principal,
            table,
            schema,
            registered: false,
            columns: None,
            cell_filters: Vec::new(),
            row_filter: None,
            permissions: Vec::new(),
        }));
    };
    trace.push(format!("table: {table} at {}, under registered location {}", table.location, registration.uri));
    let grants: Vec<&Grant> = lake.grants_on(&principal.arn, table);
    decide::trace_grants(trace, principal, table, &grants);
    if grants.is_empty() {
        return Err(Refusal {
            code: ErrorCode::AccessDenied,
            message: format!("Insufficient Lake Formation permission(s) on {}", table.name),
        });
    }
    let (full, why) = decide::full_table_path(model, &grants, table);
    trace.push(why);
    if !full {
        let (tagged, why) = decide::session_tag_path(model, principal);
        trace.push(why);
        if !tagged {
            trace.push(
                "application integration: refused: the caller is allowed by neither full-table access nor \
                 session-tag allowlisting",
            );
            return Err(Refusal { code: ErrorCode::AccessDenied, message: ACCESS_NOT_ALLOWED.to_owned() });
        }
    }
    // One decision for Glue and vending (lake/permission_types.rs).
    let declared: Vec<PermissionType> = target.supported.iter().map(|t| PermissionType::from(t.as_str())).collect();
    super::permission_types::check(model.behavior.permission_type_coverage, &grants, table, &declared, trace)?;

    // Per SELECT grant: the columns it lets through and the rows (`TRUE`: all).
    let all_columns = schema.all_columns(table);
    let all: Vec<&str> = all_columns.iter().map(|c| c.name.as_str()).collect();
    let mut per_grant: Vec<(Vec<&str>, &str)> = Vec::new();
    for grant in grants.iter().filter(|g| g.implies(&Permission::Select)) {
        let (filter_columns, rows): (Vec<&str>, &str) = match &grant.cell_filter {
            Some(name) => {
                let Some(filter) = model.cell_filter(table, name) else {
                    return Ok(Err(format!(
                        "a grant on {table} names the cell filter {name}, which the lake does not define: add \
                         `.cell_filter(CellFilter::new(\"{name}\", \"{}\", \"{}\").row_filter(\"..\"))` to the lake, \
                         or an entry of \"CellFilters\" to the fixture's lake",
                        table.database, table.name
                    )));
                };
                let columns = all.iter().copied().filter(|c| filter.lets_through(c)).collect();
                (columns, filter.row_filter_expression.as_deref().unwrap_or("TRUE"))
            }
            None => (all.clone(), "TRUE"),
        };
        let columns = filter_columns.into_iter().filter(|c| grant.lets_through(c)).collect();
        per_grant.push((columns, rows));
    }
    let mut columns: Vec<String> = Vec::new();
    let mut cell_filters = Vec::new();
    for column in &all {
        let rows: Vec<&str> = per_grant.iter().filter(|(cs, _)| cs.contains(column)).map(|(_, r)| *r).collect();
        if !rows.is_empty() {
            columns.push((*column).to_owned());
            cell_filters.push(((*column).to_owned(), any_of(&rows)));
        }
    }
    columns.sort();
    cell_filters.sort();
    let rows: Vec<&str> = per_grant.iter().map(|(_, r)| *r).collect();
    let row_filter = (!rows.is_empty()).then(|| any_of(&rows));
    trace.push(match &row_filter {
        Some(filter) => format!("authorized: columns [{}], rows {filter}", columns.join(", ")),
        None => "authorized: no column (no grant gives SELECT)".to_owned(),
    });
    let mut permissions: Vec<Permission> = Vec::new();
    for p in grants.iter().flat_map(|g| &g.permissions) {
        if !permissions.contains(p) {
            permissions.push(p.clone());
        }
    }
    Ok(Ok(Authorized {
        principal,
        table,
        schema,
        registered: true,
        columns: Some(columns),
        cell_filters,
        row_filter,
        permissions,
    }))
}

fn glue_columns(columns: &[super::schema::Column]) -> Vec<GlueColumn> {
    columns
        .iter()
        .map(|c| GlueColumn::builder().name(&c.name).r#type(&c.kind).build().expect("a column has a name"))
        .collect()
}

fn storage(schema: &TableSchema, location: &str) -> StorageDescriptor {
    StorageDescriptor::builder().set_columns(Some(glue_columns(&schema.columns))).location(location).build()
}

/// The `Table` Glue returns: the whole schema, unfiltered (the engine filters).
fn glue_table(model: &LakeModel, authorized: &Authorized<'_>) -> GlueTable {
    let schema = authorized.schema;
    let table = authorized.table;
    GlueTable::builder()
        .name(&table.name)
        .database_name(&table.database)
        .catalog_id(&model.account_id)
        .storage_descriptor(storage(schema, &table.location))
        .set_partition_keys(Some(glue_columns(&schema.partition_columns(table))))
        .table_type(schema.table_type.as_deref().unwrap_or("EXTERNAL_TABLE"))
        .set_parameters(
            (!schema.parameters.is_empty())
                .then(|| schema.parameters.iter().map(|(k, v)| (k.clone(), v.clone())).collect()),
        )
        .is_registered_with_lake_formation(authorized.registered)
        .build()
        .expect("a table has a name")
}

/// The lake's answer to a Glue request.
pub(super) fn answer(lake: &LakeInner, request: &Request, input: &GlueInput, call: Call<'_>, now: SystemTime) -> Reply {
    let mut trace = Trace::default();
    let model = lake.model();
    let behavior = &model.model.behavior;
    let (target, context) = match input {
        GlueInput::TableMetadata(i) => (
            Target {
                catalog_id: i.catalog_id().unwrap_or_default(),
                database: i.database_name().unwrap_or_default(),
                name: i.name().unwrap_or_default(),
                region: i.region(),
                supported: i.supported_permission_types(),
            },
            i.query_session_context(),
        ),
        GlueInput::PartitionsMetadata(i) => (
            Target {
                catalog_id: i.catalog_id().unwrap_or_default(),
                database: i.database_name().unwrap_or_default(),
                name: i.table_name().unwrap_or_default(),
                region: i.region(),
                supported: i.supported_permission_types(),
            },
            i.query_session_context(),
        ),
    };
    // Validation refused invalid input already, unless it was turned off: the lake never answers it.
    if let Err(message) = crate::services::glue::validate(input) {
        trace.push("input: invalid");
        return refusal_reply(behavior, Refusal { code: ErrorCode::InvalidInput, message }, trace);
    }
    let authorized = match authorize(&model, call, &target, &mut trace) {
        Err(refusal) => return refusal_reply(behavior, refusal, trace),
        Ok(Err(missing)) => return incomplete(missing, trace),
        Ok(Ok(authorized)) => authorized,
    };
    match input {
        GlueInput::TableMetadata(_) => {
            table_metadata(lake, &model.model, request, &authorized, context, call, now, trace)
        }
        GlueInput::PartitionsMetadata(i) => partitions(&model, &authorized, i, trace),
    }
}

#[allow(clippy::too_many_arguments)] // the one place a Glue answer and an id meet
fn table_metadata(
    lake: &LakeInner,
    model: &LakeModel,
    request: &Request,
    authorized: &Authorized<'_>,
    context: Option<&QuerySessionContext>,
    call: Call<'_>,
    now: SystemTime,
    mut trace: Trace,
) -> Reply {
    let settings = &model.behavior.query_authorization;
    let table_arn = model.table_arn(authorized.table);
    let mut output = GetUnfilteredTableMetadataOutput::builder()
        .table(glue_table(model, authorized))
        .is_registered_with_lake_formation(authorized.registered)
        .resource_arn(&table_arn);
    if let Some(columns) = &authorized.columns {
        output = output
            .set_authorized_columns(Some(columns.clone()))
            .set_cell_filters(Some(
                authorized
                    .cell_filters
                    .iter()
                    .map(|(c, e)| ColumnRowFilter::builder().column_name(c).row_filter_expression(e).build())
                    .collect(),
            ))
            .set_row_filter(authorized.row_filter.clone())
            .set_permissions(Some(authorized.permissions.iter().map(|p| GluePermission::from(p.as_str())).collect()));
    }
    let issue = authorized.registered && (context.is_some() || settings.issue_without_query_session_context);
    if authorized.registered && !issue {
        trace.push(format!(
            "query authorization: none issued: the request has no QuerySessionContext ({} is false)",
            crate::explain::hints::behavior_setting(
                call.language,
                "query_authorization.issue_without_query_session_context",
                "QueryAuthorization.IssueWithoutQuerySessionContext"
            )
        ));
    }
    if issue {
        let issued_at = whole_second(now);
        let expires_at = match expiry(issued_at, settings.lifetime_seconds, "a QueryAuthorizationId") {
            Ok(at) => at,
            Err(refusal) => return refusal_reply(&model.behavior, refusal, trace),
        };
        let request_id = request.answer().request_id().unwrap_or_default().to_owned();
        let mut store = lake.authorizations();
        let pinned = super::pin::query_authorization_id(model, &authorized.principal.arn, &table_arn);
        let how = if pinned.is_some() { "issued the pinned id" } else { "issued" };
        let id = pinned.unwrap_or_else(|| store.draw());
        let record = QueryAuthorization {
            id: id.clone(),
            principal_arn: authorized.principal.arn.clone(),
            caller_access_key_id: authorized.principal.access_key_id.clone(),
            table_arn: table_arn.clone(),
            query_id: context.and_then(|c| c.query_id()).map(str::to_owned),
            issued_at,
            expires_at,
            request_id,
            request_index: request.index(),
            authorized_columns: authorized.columns.clone().unwrap_or_default(),
            row_filter: authorized.row_filter.clone().unwrap_or_else(|| "TRUE".to_owned()),
        };
        store.insert(record);
        trace.push(format!(
            "query authorization: {how} {id} to {} for {table_arn}, valid for {} seconds",
            authorized.principal.arn, settings.lifetime_seconds
        ));
        output = output.query_authorization_id(id);
    }
    trace.push("answer: GetUnfilteredTableMetadata output");
    Reply::traced(ReplyKind::Glue(GlueOutput::TableMetadata(Box::new(output.build()))), Some(trace))
}

/// The partitions an `Expression` of `key = 'value'` terms joined by `AND` selects; `Err` for an
/// expression the lake does not evaluate.
fn selects(expression: &str, keys: &[super::schema::Column], values: &[String]) -> Result<bool, String> {
    let mut all = true;
    for term in expression.split(" AND ").flat_map(|t| t.split(" and ")) {
        let Some((key, value)) = term.split_once('=') else {
            return Err(term.trim().to_owned());
        };
        let (key, value) = (key.trim(), value.trim());
        let value = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')).unwrap_or(value);
        let Some(position) = keys.iter().position(|k| k.name == key) else {
            return Err(term.trim().to_owned());
        };
        all &= values.get(position).is_some_and(|v| v == value);
    }
    Ok(all)
}

fn partitions(
    lake: &Catalog,
    authorized: &Authorized<'_>,
    input: &GetUnfilteredPartitionsMetadataInput,
    mut trace: Trace,
) -> Reply {
    let model = &lake.model;
    let schema = authorized.schema;
    let behavior = &model.behavior;
    let mut chosen = Vec::new();
    let keys = schema.partition_columns(authorized.table);
    for (i, partition) in authorized.table.partitions.iter().enumerate() {
        if let Some(segment) = input.segment()
            && i32::try_from(i).unwrap_or(i32::MAX) % segment.total_segments().max(1) != segment.segment_number()
        {
            continue;
        }
        if let Some(expression) = input.expression().filter(|e| !e.trim().is_empty()) {
            match selects(expression, &keys, &partition.values) {
                Ok(false) => continue,
                Ok(true) => {}
                Err(term) => {
                    let message = format!(
                        "The simulated lake evaluates only `key = 'value'` terms joined by AND on partition keys; it \
                         cannot evaluate `{term}` of Expression `{expression}`: script a rule for this request."
                    );
                    return refusal_reply(behavior, Refusal { code: ErrorCode::InvalidInput, message }, trace);
                }
            }
        }
        chosen.push(partition);
    }
    let start = match input.next_token() {
        None => 0,
        Some(token) => match token.strip_prefix("lakeformation-mock-partitions-").and_then(|n| n.parse().ok()) {
            Some(n) if n <= chosen.len() => n,
            _ => {
                let message = format!("Invalid NextToken: {token}");
                return refusal_reply(behavior, Refusal { code: ErrorCode::InvalidInput, message }, trace);
            }
        },
    };
    // Each selected partition's location, decided as partition vending decides it.
    let mut registered = Vec::with_capacity(chosen.len());
    for p in &chosen {
        let what = decide::partition_location(p, authorized.table);
        let mut steps = Trace::default();
        // A table Lake Formation does not govern has no governed partition.
        let found =
            if authorized.registered { decide::registration(lake, &p.location, &what, &mut steps) } else { Ok(None) };
        match found {
            Ok(found) => registered.push(found.is_some()),
            Err(refusal) => {
                steps.steps().iter().for_each(|step| trace.push(step.clone()));
                return refusal_reply(behavior, refusal, trace);
            }
        }
    }
    let ungoverned = registered.iter().filter(|r| !**r).count();
    if authorized.registered && ungoverned > 0 {
        trace.push(format!(
            "partitions: {ungoverned} of {} selected under no registered location (IsRegisteredWithLakeFormation false)",
            chosen.len()
        ));
    }
    let page = usize::try_from(input.max_results().unwrap_or(1000)).unwrap_or(1000);
    let end = (start + page).min(chosen.len());
    let listed: Vec<UnfilteredPartition> = chosen[start..end]
        .iter()
        .zip(&registered[start..end])
        .map(|(p, &registered)| {
            let partition = Partition::builder()
                .set_values(Some(p.values.clone()))
                .database_name(&authorized.table.database)
                .table_name(&authorized.table.name)
                .catalog_id(&model.account_id)
                .storage_descriptor(storage(schema, &p.location))
                .build();
            UnfilteredPartition::builder()
                .partition(partition)
                .set_authorized_columns(authorized.columns.clone().filter(|_| registered))
                .is_registered_with_lake_formation(registered)
                .build()
        })
        .collect();
    trace.push(format!(
        "answer: GetUnfilteredPartitionsMetadata output: partitions {} to {} of {} selected",
        start,
        end,
        chosen.len()
    ));
    let output = GetUnfilteredPartitionsMetadataOutput::builder()
        .set_unfiltered_partitions(Some(listed))
        .set_next_token((end < chosen.len()).then(|| format!("lakeformation-mock-partitions-{end}")))
        .build();
    Reply::traced(ReplyKind::Glue(GlueOutput::PartitionsMetadata(Box::new(output))), Some(trace))
}
