//! The decisions: given a lake and a validated request, vend (and for what) or refuse (and why).
//!
//! Order of the checks, the first failure answers:
//! - every operation: the region the request was sent to is the lake's (a request naming no
//!   region passes), then input validation, then the caller (a known access key id), then
//!   `DurationSeconds` within the caller's maximum session duration;
//! - table: `TableArn` well formed, of the lake's partition, region and account; the table exists;
//!   a registered location in the lake's region covers the table location
//!   ([`Behavior::unregistered_location_error`], [`Behavior::other_region_location_error`]; Glue
//!   decides the same with [`registration`]); the caller holds SELECT (or ALL / SUPER_USER) and
//!   every requested permission; vending is allowed by one of the two paths; the declared
//!   `SupportedPermissionTypes` cover every permission type that applies (the decision Glue
//!   makes too: lake/permission_types.rs); `S3Path` (if any) lies within the table location;
//! - partition: the table's steps (its location too), then the request names one value per partition key
//!   (InvalidInput), the table has a partition with these values (EntityNotFound), and a
//!   registered location covers the partition's location
//!   ([`Behavior::unregistered_location_error`]) and is in the lake's region
//!   ([`Behavior::other_region_location_error`]); the partition may lie outside the table's
//!   location, as Apache Hive (the Hadoop SQL warehouse whose table layout Glue's catalog
//!   follows) allows;
//! - data location, for each requested location in order: it is an S3 location; exactly one
//!   registered location covers it; that one is in the lake's region; the associated tables
//!   (below) exist; on each, the caller holds what [`Behavior::data_location_scope_rule`]
//!   requires (by default SELECT on the whole table for `READ`, ALL / SUPER_USER on the whole
//!   table for `READWRITE`); vending is allowed.
//!
//! Tables associated with a data location: the table whose location covers it (the location is
//! the table's or inside it; several such tables: Conflict); failing that, every table whose
//! location lies under it (permission is then needed on each).

use super::arn::TableArn;
use super::behavior::Behavior;
use super::behavior::{AccessibleDataLocations, DataLocationScopeRule, VendedS3PathWithoutS3Path};
use super::catalog::Catalog;
use super::credentials::Purpose;
use super::grant::{Grant, is_super, is_write};
use super::model::{AUTHORIZED_CALLER_TAG, LakeModel, Location, Partition, Principal, Table};
use super::permission_types;
use super::s3::{self, S3Uri};
use super::validate;
use crate::explain::hints::{self, Language};
use crate::explain::trace::Trace;
use crate::{ErrorCode, Input, Operation};
use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsInput;
use aws_sdk_lakeformation::operation::get_temporary_glue_partition_credentials::GetTemporaryGluePartitionCredentialsInput;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsInput;
use aws_sdk_lakeformation::types::{CredentialsScope, Permission, PermissionType};

// glue: `same_region`, `caller`, `type_names`, `trace_grants`, `session_tag_path` and `full_table_path`
// are `pub(super)`, shared with lake/authorization.rs

/// The message of an `AccessDeniedException` the real service was seen sending.
pub(crate) const ACCESS_NOT_ALLOWED: &str = "Access is not allowed.";

/// Why the lake refuses a request.
#[derive(Debug)]
pub(crate) struct Refusal {
    pub(crate) code: ErrorCode,
    pub(crate) message: String,
}

fn refuse(code: ErrorCode, message: impl Into<String>) -> Refusal {
    Refusal { code, message: message.into() }
}

/// Who sent a request, and where to.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Call<'r> {
    /// The access key id the request is signed with.
    pub(crate) access_key_id: Option<&'r str>,
    /// The region the request was sent to ([`Request::region_name`](crate::Request::region_name)).
    pub(crate) region: Option<&'r str>,
    /// The language of the hints in refusals and the trace (Rust code, or fixture JSON).
    pub(crate) language: Language,
}

/// What the lake vends: what for, and for how long.
#[derive(Debug)]
pub(crate) struct Vend {
    pub(crate) purpose: Purpose,
    pub(crate) duration_seconds: i32,
}

/// The request was sent to the lake's region (the region of its SigV4 credential scope, else of
/// its endpoint host); a request that names no region is not refused for it.
pub(super) fn same_region(model: &LakeModel, call: Call<'_>, trace: &mut Trace) -> Result<(), Refusal> {
    match call.region {
        Some(region) if region != model.region => {
            trace.push(format!("region: the request was sent to {region}, but the lake is in {}", model.region));
            Err(refuse(
                model.behavior.other_region_request_error,
                format!(
                    "This request was sent to region {region}, but this lake is in {lake}: {}.",
                    hints::same_region(call.language, region, &model.region),
                    lake = model.region
                ),
            ))
        }
        Some(region) => {
            trace.push(format!("region: the request was sent to {region}, the lake's region"));
            Ok(())
        }
        None => {
            trace.push("region: the request names no region, so none is checked");
            Ok(())
        }
    }
}

/// The caller, from the access key id the request was signed with.
pub(super) fn caller<'m>(lake: &'m Catalog, call: Call<'_>, trace: &mut Trace) -> Result<&'m Principal, Refusal> {
    let model = &lake.model;
    let Some(key) = call.access_key_id else {
        trace.push("principal: none: the request is not signed, so no access key id names a caller");
        return Err(refuse(ErrorCode::AccessDenied, format!("{ACCESS_NOT_ALLOWED} The request is not signed.")));
    };
    let Some(principal) = lake.principal(key) else {
        trace.push(format!("principal: none: access key id {key} belongs to no principal of this lake"));
        return Err(refuse(
            ErrorCode::AccessDenied,
            format!(
                "{ACCESS_NOT_ALLOWED} The request is signed with access key id {key}, which is no principal of this \
                 lake: {}.",
                hints::add_principal(call.language, key, &model.account_id)
            ),
        ));
    };
    let tags = if principal.session_tags.is_empty() {
        "no session tag".to_owned()
    } else {
        let tags: Vec<String> = principal.session_tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!("session tags {}", tags.join(", "))
    };
    trace.push(format!("principal: access key id {key} is {} ({tags})", principal.arn));
    Ok(principal)
}

/// The duration vended: the requested one, or the default (at most the caller's maximum session
/// duration), shortened to the vending cap if there is one. A requested duration above the
/// caller's maximum session duration is refused, not shortened.
fn duration(
    model: &LakeModel,
    principal: &Principal,
    requested: Option<i32>,
    trace: &mut Trace,
) -> Result<i32, Refusal> {
    let max = principal.max_session_duration_seconds.or(model.behavior.max_session_duration_seconds);
    let (seconds, how) = match (requested, max) {
        (Some(seconds), Some(max)) if seconds > max => {
            trace.push(format!(
                "duration: {seconds} seconds requested, more than the maximum session duration of the principal \
                 ({max} seconds)"
            ));
            return Err(invalid(format!(
                "The requested DurationSeconds {seconds} exceeds the maximum session duration of principal {} \
                 ({max} seconds); durations are not shortened: ask for {max} seconds or less.",
                principal.arn
            )));
        }
        (Some(seconds), _) => (seconds, "requested"),
        (None, max) => (
            max.map_or(model.behavior.default_duration_seconds, |max| model.behavior.default_duration_seconds.min(max)),
            "the default, DurationSeconds not given",
        ),
    };
    match model.behavior.vended_duration_cap_seconds {
        Some(cap) if seconds > cap => {
            trace.push(format!("duration: {cap} seconds ({how}: {seconds}, shortened to the vending cap)"));
            Ok(cap)
        }
        _ => {
            trace.push(format!("duration: {seconds} seconds ({how})"));
            Ok(seconds)
        }
    }
}

/// `[A, B]`.
/// How refusals and traces name a table's location, for Glue and vending alike:
/// `s3://… of table db.t`.
pub(super) fn table_location(table: &Table) -> String {
    format!("{} of table {table}", table.location)
}

/// How refusals and traces name a partition's location: `s3://… of partition [v1, v2] of table db.t`.
pub(super) fn partition_location(partition: &Partition, table: &Table) -> String {
    format!("{} of partition {} of table {table}", partition.location, bracketed(&partition.values))
}

pub(super) fn bracketed<T: AsRef<str>>(items: impl IntoIterator<Item = T>) -> String {
    let items: Vec<String> = items.into_iter().map(|item| item.as_ref().to_owned()).collect();
    format!("[{}]", items.join(", "))
}

pub(super) fn type_names(kinds: &[PermissionType]) -> String {
    bracketed(kinds.iter().map(PermissionType::as_str))
}

/// A grant in a sentence: `SELECT, INSERT on db.t limited to columns id, amount`.
fn describe(grant: &Grant) -> String {
    let permissions: Vec<&str> = grant.permissions.iter().map(Permission::as_str).collect();
    let mut text = format!("{} on {}.{}", permissions.join(", "), grant.database, grant.table);
    if !grant.columns.is_empty() {
        text.push_str(&format!(" limited to columns {}", grant.columns.join(", ")));
    } else if !grant.excluded_columns.is_empty() {
        text.push_str(&format!(" limited to every column but {}", grant.excluded_columns.join(", ")));
    }
    if let Some(filter) = &grant.cell_filter {
        text.push_str(&format!(" limited to cell filter {filter}"));
    }
    text
}

/// What limits a restricted grant: `column`, `cell filter`, or both.
fn restriction(grant: &Grant) -> &'static str {
    match (grant.limits_columns(), grant.cell_filter.is_some()) {
        (true, true) => "column and cell filter",
        (true, false) => "column",
        _ => "cell filter",
    }
}

/// The grants considered on `table`, as a step.
pub(super) fn trace_grants(trace: &mut Trace, principal: &Principal, table: &Table, grants: &[&Grant]) {
    if grants.is_empty() {
        trace.push(format!("grants: none: {} holds no grant on {table}", principal.arn));
    } else {
        let described: Vec<String> = grants.iter().map(|g| describe(g)).collect();
        trace.push(format!("grants: {}", described.join("; ")));
    }
}

/// The grant that gives `permission`: an unrestricted one if there is one, else the first.
fn granting<'g>(grants: &[&'g Grant], permission: &Permission) -> Option<&'g Grant> {
    let mut giving = grants.iter().copied().filter(|g| g.implies(permission));
    let first = giving.next()?;
    if !first.is_restricted() {
        return Some(first);
    }
    Some(giving.find(|g| !g.is_restricted()).unwrap_or(first))
}

/// Session-tag allowlisting: external data filtering on, the caller's account (or ARN) on the
/// allow list, and its `LakeFormationAuthorizedCaller` tag among the authorized values. Whether
/// it allows vending, and why (a trace step).
pub(super) fn session_tag_path(model: &LakeModel, principal: &Principal) -> (bool, String) {
    let settings = &model.settings;
    let account = principal.arn_account_id().unwrap_or_default();
    let (mut held, mut failed) = (Vec::new(), Vec::new());
    if settings.allow_external_data_filtering {
        held.push("AllowExternalDataFiltering is true".to_owned());
    } else {
        failed.push("AllowExternalDataFiltering is false".to_owned());
    }
    let list = &settings.external_data_filtering_allow_list;
    if list.iter().any(|entry| Some(entry.as_str()) == principal.arn_account_id()) {
        held.push(format!("account {account} is in ExternalDataFilteringAllowList"));
    } else if list.contains(&principal.arn) {
        held.push(format!("principal {} is in ExternalDataFilteringAllowList", principal.arn));
    } else {
        failed.push(format!(
            "account {account} is not in ExternalDataFilteringAllowList {} (nor is principal {})",
            bracketed(list),
            principal.arn
        ));
    }
    let values = &settings.authorized_session_tag_value_list;
    match principal.session_tags.get(AUTHORIZED_CALLER_TAG) {
        None => failed.push(format!("session tag {AUTHORIZED_CALLER_TAG} is absent")),
        Some(value) if values.contains(value) => held
            .push(format!("session tag {AUTHORIZED_CALLER_TAG} has value {value}, in AuthorizedSessionTagValueList")),
        Some(value) => failed.push(format!(
            "session tag {AUTHORIZED_CALLER_TAG} has value {value}, not in AuthorizedSessionTagValueList {}",
            bracketed(values)
        )),
    }
    if failed.is_empty() {
        (true, format!("session-tag allowlisting: allowed: {}", held.join("; ")))
    } else {
        (false, format!("session-tag allowlisting: not allowed: {}", failed.join("; ")))
    }
}

/// Full-table access: the setting on, and an unrestricted SELECT (or super) grant on a table
/// with no policy. Whether it allows vending, and why (a trace step).
pub(super) fn full_table_path(model: &LakeModel, grants: &[&Grant], table: &Table) -> (bool, String) {
    let mut failed = Vec::new();
    if !model.settings.allow_full_table_external_data_access {
        failed.push("AllowFullTableExternalDataAccess is false".to_owned());
    }
    if !table.policies.is_empty() {
        failed.push(format!("table {table} has policies {}", type_names(&table.policies)));
    }
    let grant = granting(grants, &Permission::Select);
    match grant {
        Some(g) if g.is_restricted() => {
            failed.push(format!("grant {} has a {} restriction", describe(g), restriction(g)))
        }
        Some(_) => {}
        None => failed.push(format!("no grant gives SELECT on {table}")),
    }
    match grant {
        Some(grant) if failed.is_empty() => (
            true,
            format!(
                "full-table access to {table}: allowed: AllowFullTableExternalDataAccess is true, the table has no \
                 policy, grant {} is unrestricted",
                describe(grant)
            ),
        ),
        _ => (false, format!("full-table access to {table}: not allowed: {}", failed.join("; "))),
    }
}

fn insufficient(required: &Permission, table: &Table) -> String {
    format!("Insufficient Lake Formation permission(s): Required {} on {table}", required.as_str())
}

fn invalid(message: impl Into<String>) -> Refusal {
    refuse(ErrorCode::InvalidInput, message)
}

const NEITHER_PATH: &str = "vending: refused: allowed by neither full-table access nor session-tag allowlisting";

/// What the table and partition operations ask for, besides what each adds.
struct TableRequest<'i> {
    table_arn: Option<&'i str>,
    permissions: &'i [Permission],
    supported_permission_types: &'i [PermissionType],
    duration_seconds: Option<i32>,
}

impl<'i> TableRequest<'i> {
    /// Read through `Input`'s accessors, which both operations answer alike.
    fn of(input: &'i Input) -> TableRequest<'i> {
        TableRequest {
            table_arn: input.table_arn(),
            permissions: input.permissions().unwrap_or_default(),
            supported_permission_types: input.supported_permission_types().unwrap_or_default(),
            duration_seconds: input.duration_seconds(),
        }
    }
}

/// What the table and partition operations decide alike: who calls, which table, under which
/// grant, for which permissions and how long.
struct TableAccess<'m> {
    principal: &'m Principal,
    table: &'m Table,
    grant: &'m Grant,
    permissions: Vec<Permission>,
    duration_seconds: i32,
}

/// The steps the table and partition operations share: the region, `validation` (the
/// operation's input checks with the lake's caps), the caller, the duration, `TableArn`, the
/// table, the grants and permissions, the vending paths, and the permission types.
fn table_access<'m>(
    lake: &'m Catalog,
    call: Call<'_>,
    request: TableRequest<'_>,
    validation: impl FnOnce(&Behavior) -> Result<(), String>,
    trace: &mut Trace,
) -> Result<TableAccess<'m>, Refusal> {
    let model = &lake.model;
    same_region(model, call, trace)?;
    validation(&model.behavior).map_err(invalid)?;
    let principal = caller(lake, call, trace)?;
    let duration_seconds = duration(model, principal, request.duration_seconds, trace)?;
    let arn_text = request.table_arn.unwrap_or_default();
    let arn =
        TableArn::parse(arn_text).ok_or_else(|| invalid(crate::services::validation::invalid_table_arn(arn_text)))?;
    let foreign = |what: &str, found: &str, lake: &str| {
        refuse(
            model.behavior.foreign_table_arn_error,
            format!("Table {arn_text} is in {what} {found}, but this call is answered in {what} {lake}."),
        )
    };
    if arn.partition != model.partition {
        return Err(foreign("partition", arn.partition, &model.partition));
    }
    if arn.account != model.account_id {
        return Err(foreign("account", arn.account, &model.account_id));
    }
    if arn.region != model.region {
        return Err(foreign("region", arn.region, &model.region));
    }
    let table = lake.table(arn.database, arn.table).ok_or_else(|| {
        let message = if lake.has_database(arn.database) {
            format!("Table {} not found in database {}.", arn.table, arn.database)
        } else {
            format!("Database {} not found.", arn.database)
        };
        refuse(ErrorCode::EntityNotFound, message)
    })?;
    let policies = if table.policies.is_empty() { "no policy".to_owned() } else { type_names(&table.policies) };
    trace.push(format!("table: {table} at {} ({policies})", table.location));
    // Before the grants, as Glue decides: a table under no registered location is not governed
    // by Lake Formation (Glue answers it `IsRegisteredWithLakeFormation: false`), and there is
    // nothing to vend for it, whoever asks; one registered in another region is refused by both.
    registered_in_lake_region(lake, call, &table.location, &table_location(table), trace)?;
    let grants = lake.grants_on(&principal.arn, table);
    trace_grants(trace, principal, table, &grants);

    let mut permissions = vec![Permission::Select];
    for p in request.permissions {
        if !permissions.contains(p) {
            permissions.push(p.clone());
        }
    }
    for permission in &permissions {
        match granting(&grants, permission) {
            Some(grant) => trace.push(format!("permission {}: granted by {}", permission.as_str(), describe(grant))),
            None => {
                trace.push(format!(
                    "permission {}: missing: no grant considered gives it (nor ALL or SUPER_USER)",
                    permission.as_str()
                ));
                return Err(refuse(ErrorCode::AccessDenied, insufficient(permission, table)));
            }
        }
    }
    let grant = granting(&grants, &Permission::Select).expect("SELECT is checked above");

    let (full, why) = full_table_path(model, &grants, table);
    trace.push(why);
    if !full {
        let (tagged, why) = session_tag_path(model, principal);
        trace.push(why);
        if !tagged {
            trace.push(NEITHER_PATH);
            return Err(refuse(ErrorCode::AccessDenied, ACCESS_NOT_ALLOWED));
        }
    }
    let coverage = model.behavior.permission_type_coverage;
    permission_types::check(coverage, &grants, table, request.supported_permission_types, trace)?;
    Ok(TableAccess { principal, table, grant, permissions, duration_seconds })
}

/// Decides a `GetTemporaryGlueTableCredentials` request, recording why in `trace`.
pub(crate) fn glue_table(
    lake: &Catalog,
    call: Call<'_>,
    request: &Input,
    input: &GetTemporaryGlueTableCredentialsInput,
    trace: &mut Trace,
) -> Result<Vend, Refusal> {
    let model = &lake.model;
    let request = TableRequest::of(request);
    let TableAccess { principal, table, grant, permissions, duration_seconds } =
        table_access(lake, call, request, |behavior| validate::glue_table(input, behavior), trace)?;
    let location = match input.s3_path() {
        Some(path) if s3::covers(&table.location, path) => {
            trace.push(format!("S3 path: S3Path {path} lies within the table location {}", table.location));
            path.to_owned()
        }
        Some(path) => {
            return Err(refuse(
                model.behavior.s3_path_outside_table_error,
                format!("S3Path {path} is not within the location {} of table {table}.", table.location),
            ));
        }
        None => table.location.clone(),
    };
    let locations_sent = input.s3_path().is_some()
        || model.behavior.vended_s3_path_without_s3_path == VendedS3PathWithoutS3Path::TableLocation;
    if input.s3_path().is_none() {
        trace.push(if locations_sent {
            format!("S3 path: no S3Path; VendedS3Path is the table location {location}")
        } else {
            format!(
                "S3 path: no S3Path; VendedS3Path is left out ({}), the credentials cover the table location {location}",
                hints::behavior_setting(call.language, "vended_s3_path_without_s3_path", "VendedS3PathWithoutS3Path")
            )
        });
    }
    let scope = if permissions.iter().any(is_write) { CredentialsScope::Readwrite } else { CredentialsScope::Read };
    Ok(Vend {
        purpose: Purpose {
            tables: vec![model.table_arn(table)],
            grants: vec![grant.clone()],
            locations: vec![location],
            locations_sent,
            scope,
            permissions,
            ..Purpose::new(principal, Operation::GetTemporaryGlueTableCredentials)
        },
        duration_seconds,
    })
}

/// Decides a `GetTemporaryGluePartitionCredentials` request, recording why in `trace`: the
/// table operation's steps, then the partition (one value per partition key, a partition the
/// table has, at a location under a registered one). The credentials cover the partition's
/// location alone, and the reply names no location.
pub(crate) fn glue_partition(
    lake: &Catalog,
    call: Call<'_>,
    request: &Input,
    input: &GetTemporaryGluePartitionCredentialsInput,
    trace: &mut Trace,
) -> Result<Vend, Refusal> {
    let model = &lake.model;
    let request = TableRequest::of(request);
    let TableAccess { principal, table, grant, permissions, duration_seconds } =
        table_access(lake, call, request, |behavior| validate::glue_partition(input, behavior), trace)?;
    let values = input.partition().map(|p| p.values()).unwrap_or_default();
    let shown = bracketed(values);
    let keys = bracketed(&table.partition_keys);
    if values.len() != table.partition_keys.len() {
        trace.push(format!(
            "partition {shown}: {} value(s), but table {table} has {} partition key(s) {keys}",
            values.len(),
            table.partition_keys.len()
        ));
        return Err(invalid(if table.partition_keys.is_empty() {
            format!("Table {table} is not partitioned, but the request names partition values {shown}.")
        } else {
            format!(
                "Partition values {shown} do not match the partition keys {keys} of table {table}: expected {} \
                 value(s), got {}.",
                table.partition_keys.len(),
                values.len()
            )
        }));
    }
    let Some(partition) = table.find_partition(values) else {
        trace.push(format!("partition {shown}: table {table} has no such partition (keys {keys})"));
        return Err(refuse(ErrorCode::EntityNotFound, format!("Partition {shown} not found in table {table}.")));
    };
    let location = &partition.location;
    trace.push(format!("partition {shown}: at {location}"));
    registered_in_lake_region(lake, call, location, &partition_location(partition, table), trace)?;
    let scope = if permissions.iter().any(is_write) { CredentialsScope::Readwrite } else { CredentialsScope::Read };
    Ok(Vend {
        purpose: Purpose {
            tables: vec![model.table_arn(table)],
            grants: vec![grant.clone()],
            locations: vec![location.clone()],
            scope,
            permissions,
            partition_values: Some(partition.values.clone()),
            ..Purpose::new(principal, Operation::GetTemporaryGluePartitionCredentials)
        },
        duration_seconds,
    })
}

/// A registered location covers `location` and is in the lake's region: else refused with
/// [`Behavior::unregistered_location_error`] or [`Behavior::other_region_location_error`].
/// `what` names the location in messages and the trace (`s3://… of partition […] of table …`).
fn registered_in_lake_region(
    lake: &Catalog,
    call: Call<'_>,
    location: &str,
    what: &str,
    trace: &mut Trace,
) -> Result<(), Refusal> {
    match registration(lake, location, what, trace)? {
        Some(_) => Ok(()),
        None => Err(unregistered(&lake.model, call, what, S3Uri::parse(location).as_ref(), trace)),
    }
}

/// The registered location that covers `location` (`what` in messages and the trace), if any;
/// refused with [`Behavior::other_region_location_error`] when it is in another region than the
/// lake's. Glue and vending decide with it alike: `None` is a location Lake Formation does not
/// govern (Glue answers `IsRegisteredWithLakeFormation: false`, vending refuses with
/// [`Behavior::unregistered_location_error`]).
pub(super) fn registration<'m>(
    lake: &'m Catalog,
    location: &str,
    what: &str,
    trace: &mut Trace,
) -> Result<Option<&'m Location>, Refusal> {
    let Some(uri) = S3Uri::parse(location) else { return Ok(None) };
    let Some(registration) = lake.registered_covering(&uri).first().copied() else { return Ok(None) };
    in_lake_region(&lake.model, registration, what, trace)?;
    Ok(Some(registration))
}

/// The refusal of location `what` (at `uri`), which no registered location covers: with the
/// registered ones in the trace, and how to register its bucket in the message.
fn unregistered(model: &LakeModel, call: Call<'_>, what: &str, uri: Option<&S3Uri<'_>>, trace: &mut Trace) -> Refusal {
    let all: Vec<&str> = model.locations.iter().map(|r| r.uri.as_str()).collect();
    trace.push(format!("location {what}: no registered location covers it (registered: {})", bracketed(all)));
    let mut message = format!("Location {what} is not registered with Lake Formation");
    if let Some(uri) = uri {
        message.push_str(&format!(": {}", hints::register_location(call.language, &format!("s3://{}/", uri.bucket))));
    }
    message.push('.');
    refuse(model.behavior.unregistered_location_error, message)
}

/// The registered location that covers location `what` is in the lake's region: else refused
/// with [`Behavior::other_region_location_error`].
fn in_lake_region(model: &LakeModel, registration: &Location, what: &str, trace: &mut Trace) -> Result<(), Refusal> {
    let region = registration.region.as_deref().unwrap_or(&model.region);
    trace.push(format!("location {what}: registered location {} (region {region}) covers it", registration.uri));
    if region != model.region {
        return Err(refuse(
            model.behavior.other_region_location_error,
            format!(
                "Location {what} is registered in region {region}, but this call is answered in region {}.",
                model.region
            ),
        ));
    }
    Ok(())
}

/// The tables associated with `location` (see the module documentation).
fn associated_tables<'m>(
    lake: &'m Catalog,
    location: &str,
    uri: &S3Uri<'_>,
    trace: &mut Trace,
) -> Result<Vec<&'m Table>, Refusal> {
    let owners = lake.tables_covering(uri);
    if owners.len() > 1 {
        let names: Vec<String> = owners.iter().map(ToString::to_string).collect();
        return Err(refuse(
            ErrorCode::Conflict,
            format!("Location {location} is shared by several tables: {}.", names.join(", ")),
        ));
    }
    if let [owner] = owners.as_slice() {
        trace.push(format!("location {location}: within table {owner} at {}", owner.location));
        return Ok(owners);
    }
    let below = lake.tables_under(uri);
    if below.is_empty() {
        return Err(refuse(
            lake.model.behavior.location_without_table_error,
            format!("No Glue table is associated with location {location}."),
        ));
    }
    let names: Vec<String> = below.iter().map(ToString::to_string).collect();
    trace.push(format!("location {location}: holds tables {} (each one is checked)", names.join(", ")));
    Ok(below)
}

/// Whether `grants` give what a data-location request of this scope needs on `table` (see
/// [`DataLocationScopeRule`]); the grant that gives SELECT if they do.
fn scope_allowed<'g>(
    behavior: &Behavior,
    grants: &[&'g Grant],
    table: &Table,
    write: bool,
    trace: &mut Trace,
) -> Result<&'g Grant, Refusal> {
    let denied = |message: String| Err(refuse(behavior.location_denied_error, message));
    let Some(select) = granting(grants, &Permission::Select) else {
        trace.push(format!(
            "permission SELECT on {table}: missing: no grant considered gives it (nor ALL or SUPER_USER)"
        ));
        return denied(insufficient(&Permission::Select, table));
    };
    match behavior.data_location_scope_rule {
        DataLocationScopeRule::SelectForReadSuperForWrite => {
            if select.is_restricted() {
                trace.push(format!(
                    "permission SELECT on {table}: missing on the whole table, which data locations need: grant {} \
                     has a {} restriction",
                    describe(select),
                    restriction(select)
                ));
                return denied(format!(
                    "{} (the whole table): the caller's grants are limited to some columns or cells",
                    insufficient(&Permission::Select, table)
                ));
            }
            trace.push(format!("permission SELECT on {table}: granted by {}", describe(select)));
            if write {
                match grants.iter().find(|g| !g.is_restricted() && g.permissions.iter().any(is_super)) {
                    Some(g) => trace
                        .push(format!("permission ALL (Super) on {table} for READWRITE: granted by {}", describe(g))),
                    None => {
                        trace.push(format!(
                            "permission ALL (Super) on {table} for READWRITE: missing: no unrestricted ALL or \
                             SUPER_USER grant"
                        ));
                        return denied(format!(
                            "Insufficient Lake Formation permission(s): Required ALL (Super) on {table} for \
                             CredentialsScope READWRITE"
                        ));
                    }
                }
            }
        }
        DataLocationScopeRule::SelectPlusWritePermission => {
            trace.push(format!("permission SELECT on {table}: granted by {}", describe(select)));
            if write {
                match grants.iter().find(|g| g.permissions.iter().any(is_write)) {
                    Some(g) => {
                        trace.push(format!("write permission on {table} for READWRITE: granted by {}", describe(g)))
                    }
                    None => {
                        trace.push(format!(
                            "write permission on {table} for READWRITE: missing: no grant gives INSERT, DELETE, ALL \
                             or SUPER_USER"
                        ));
                        return denied(format!(
                            "{} for CredentialsScope READWRITE",
                            insufficient(&Permission::Insert, table)
                        ));
                    }
                }
            }
        }
    }
    Ok(select)
}

/// Decides a `GetTemporaryDataLocationCredentials` request, recording why in `trace`.
pub(crate) fn data_location(
    lake: &Catalog,
    call: Call<'_>,
    input: &GetTemporaryDataLocationCredentialsInput,
    trace: &mut Trace,
) -> Result<Vend, Refusal> {
    let model = &lake.model;
    same_region(model, call, trace)?;
    validate::data_location(input, &model.behavior).map_err(invalid)?;
    let principal = caller(lake, call, trace)?;
    let duration_seconds = duration(model, principal, input.duration_seconds(), trace)?;
    if input.data_locations().is_empty() {
        return Err(invalid("DataLocations must name at least one Amazon S3 location."));
    }
    let scope = input.credentials_scope().cloned().unwrap_or(CredentialsScope::Read);
    let write = scope == CredentialsScope::Readwrite;
    let given = if input.credentials_scope().is_some() { "requested" } else { "CredentialsScope not given" };
    trace.push(format!("scope: {} ({given})", scope.as_str()));
    let behavior = &model.behavior;
    // Session-tag allowlisting, decided (and traced) when full-table access first fails.
    let mut tagged: Option<bool> = None;
    let mut tables = Vec::new();
    let mut grants_vended = Vec::new();
    let mut registered_locations: Vec<String> = Vec::new();
    for location in input.data_locations() {
        let uri = S3Uri::parse(location)
            .ok_or_else(|| invalid(format!("Invalid Amazon S3 location '{location}': expected s3://bucket/prefix.")))?;
        let registered = lake.registered_covering(&uri);
        let registration = match registered.as_slice() {
            [] => return Err(unregistered(model, call, location, Some(&uri), trace)),
            [one] => *one,
            several => {
                let uris: Vec<&str> = several.iter().map(|r| r.uri.as_str()).collect();
                return Err(refuse(
                    ErrorCode::Conflict,
                    format!("Location {location} is covered by several registered resources: {}.", uris.join(", ")),
                ));
            }
        };
        in_lake_region(model, registration, location, trace)?;
        if !registered_locations.contains(&registration.uri) {
            registered_locations.push(registration.uri.clone());
        }
        for table in associated_tables(lake, location, &uri, trace)? {
            let grants = lake.grants_on(&principal.arn, table);
            trace_grants(trace, principal, table, &grants);
            let grant = scope_allowed(behavior, &grants, table, write, trace)?;
            let (full, why) = full_table_path(model, &grants, table);
            trace.push(why);
            if !full {
                let allowed = *tagged.get_or_insert_with(|| {
                    if behavior.data_location_session_tag_allowlisting {
                        let (allowed, why) = session_tag_path(model, principal);
                        trace.push(why);
                        allowed
                    } else {
                        trace.push(format!(
                            "session-tag allowlisting: not applied to data locations ({} is false)",
                            hints::behavior_setting(
                                call.language,
                                "data_location_session_tag_allowlisting",
                                "DataLocationSessionTagAllowlisting"
                            )
                        ));
                        false
                    }
                });
                if !allowed {
                    trace.push(NEITHER_PATH);
                    return Err(refuse(behavior.location_denied_error, ACCESS_NOT_ALLOWED));
                }
            }
            let arn = model.table_arn(table);
            if !tables.contains(&arn) {
                tables.push(arn);
                grants_vended.push(grant.clone());
            }
        }
    }
    let permissions = match (write, behavior.data_location_scope_rule) {
        (false, _) => vec![Permission::Select],
        (true, DataLocationScopeRule::SelectForReadSuperForWrite) => vec![Permission::Select, Permission::All],
        (true, DataLocationScopeRule::SelectPlusWritePermission) => vec![Permission::Select, Permission::Insert],
    };
    Ok(Vend {
        purpose: Purpose {
            tables,
            grants: grants_vended,
            locations: match behavior.accessible_data_locations {
                AccessibleDataLocations::Requested => input.data_locations().to_vec(),
                AccessibleDataLocations::RegisteredLocation => registered_locations,
            },
            locations_sent: true,
            scope,
            permissions,
            ..Purpose::new(principal, Operation::GetTemporaryDataLocationCredentials)
        },
        duration_seconds,
    })
}
