//! The decisions: given a lake and a validated request, vend (and for what) or refuse (and why).
//!
//! Order of the checks, the first failure answers:
//! - both operations: the region the request was sent to is the lake's (a request naming no
//!   region passes), then input validation, then the caller (a known access key id), then
//!   `DurationSeconds` within the caller's maximum session duration;
//! - table: `TableArn` well formed, of the lake's partition, region and account; the table exists;
//!   the caller holds SELECT (or ALL / SUPER_USER) and every requested permission; vending is
//!   allowed by one of the two paths; every policy type that applies is declared; `S3Path`
//!   (if any) lies within the table location;
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
use super::credentials::Purpose;
use super::grant::{is_super, is_write, Grant};
use super::model::{LakeModel, Principal, Table, AUTHORIZED_CALLER_TAG};
use super::s3::{self, S3Uri};
use super::validate;
use crate::{ErrorCode, Operation};
use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsInput;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsInput;
use aws_sdk_lakeformation::types::{CredentialsScope, Permission, PermissionType};

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
    /// The region the request was sent to ([`Request::region`](crate::Request::region)).
    pub(crate) region: Option<&'r str>,
}

/// What the lake vends: what for, and for how long.
#[derive(Debug)]
pub(crate) struct Vend {
    pub(crate) purpose: Purpose,
    pub(crate) duration_seconds: i32,
}

/// The request was sent to the lake's region (the region of its SigV4 credential scope, else of
/// its endpoint host); a request that names no region is not refused for it.
fn same_region(model: &LakeModel, region: Option<&str>) -> Result<(), Refusal> {
    match region {
        Some(region) if region != model.region => Err(refuse(
            model.behavior.other_region_request_error,
            format!(
                "This request was sent to region {region}, but this lake is in {lake}: configure the client for \
                 region {lake} (MockLakeFormation::builder().region(\"{lake}\")), or build the lake in region \
                 {region} (Lake::builder().region(\"{region}\")).",
                lake = model.region
            ),
        )),
        _ => Ok(()),
    }
}

/// The caller, from the access key id the request was signed with.
fn caller<'m>(model: &'m LakeModel, access_key_id: Option<&str>) -> Result<&'m Principal, Refusal> {
    let Some(key) = access_key_id else {
        return Err(refuse(ErrorCode::AccessDenied, format!("{ACCESS_NOT_ALLOWED} The request is not signed.")));
    };
    model.principal(key).ok_or_else(|| {
        refuse(
            ErrorCode::AccessDenied,
            format!(
                "{ACCESS_NOT_ALLOWED} The request is signed with access key id {key}, which is no principal of this \
                 lake: add one with Lake::builder().principal(Principal::new(\"{key}\", arn))."
            ),
        )
    })
}

/// The duration vended: the requested one, or the default (at most the caller's maximum session
/// duration), shortened to the vending cap if there is one. A requested duration above the
/// caller's maximum session duration is refused, not shortened.
fn duration(model: &LakeModel, principal: &Principal, requested: Option<i32>) -> Result<i32, Refusal> {
    let max = principal.max_session_duration_seconds.or(model.behavior.max_session_duration_seconds);
    let seconds = match (requested, max) {
        (Some(seconds), Some(max)) if seconds > max => {
            return Err(invalid(format!(
                "The requested DurationSeconds {seconds} exceeds the maximum session duration of principal {} \
                 ({max} seconds); durations are not shortened: ask for {max} seconds or less.",
                principal.arn
            )))
        }
        (Some(seconds), _) => seconds,
        (None, max) => {
            max.map_or(model.behavior.default_duration_seconds, |max| model.behavior.default_duration_seconds.min(max))
        }
    };
    Ok(match model.behavior.vended_duration_cap_seconds {
        Some(cap) => seconds.min(cap),
        None => seconds,
    })
}

/// Session-tag allowlisting: external data filtering on, the caller's account (or ARN) on the
/// allow list, and its `LakeFormationAuthorizedCaller` tag among the authorized values.
fn session_tag_allowed(model: &LakeModel, principal: &Principal) -> bool {
    let settings = &model.settings;
    let listed = settings
        .external_data_filtering_allow_list
        .iter()
        .any(|entry| Some(entry.as_str()) == principal.account_id() || *entry == principal.arn);
    let tagged = principal
        .session_tags
        .get(AUTHORIZED_CALLER_TAG)
        .is_some_and(|value| settings.authorized_session_tag_value_list.contains(value));
    settings.allow_external_data_filtering && listed && tagged
}

fn implies(grants: &[&Grant], permission: &Permission) -> bool {
    grants.iter().any(|g| g.implies(permission))
}

/// Full-table access: an unrestricted SELECT (or super) grant, on a table with no policy.
fn full_table_access(grants: &[&Grant], table: &Table) -> bool {
    table.policies.is_empty() && grants.iter().any(|g| !g.is_restricted() && g.implies(&Permission::Select))
}

/// The policy types that apply to the caller on the table: the table's, and its grants' restrictions.
fn restrictions(grants: &[&Grant], table: &Table) -> Vec<PermissionType> {
    let mut kinds = table.policies.clone();
    for kind in grants.iter().flat_map(|g| g.restriction_types()) {
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    kinds
}

fn insufficient(required: &Permission, table: &Table) -> String {
    format!("Insufficient Lake Formation permission(s): Required {} on {table}", required.as_str())
}

fn invalid(message: impl Into<String>) -> Refusal {
    refuse(ErrorCode::InvalidInput, message)
}

/// Decides a `GetTemporaryGlueTableCredentials` request.
pub(crate) fn glue_table(
    model: &LakeModel,
    call: Call<'_>,
    input: &GetTemporaryGlueTableCredentialsInput,
) -> Result<Vend, Refusal> {
    same_region(model, call.region)?;
    validate::glue_table(input, &model.behavior).map_err(invalid)?;
    let principal = caller(model, call.access_key_id)?;
    let duration_seconds = duration(model, principal, input.duration_seconds())?;
    let arn_text = input.table_arn().unwrap_or_default();
    let arn = TableArn::parse(arn_text).ok_or_else(|| {
        invalid(format!(
            "Invalid TableArn '{arn_text}': expected arn:{{partition}}:glue:{{region}}:{{account-id}}:table/{{database}}/{{table}}"
        ))
    })?;
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
    let table = model.table(arn.database, arn.table).ok_or_else(|| {
        let message = if model.tables.iter().any(|t| t.database == arn.database) {
            format!("Table {} not found in database {}.", arn.table, arn.database)
        } else {
            format!("Database {} not found.", arn.database)
        };
        refuse(ErrorCode::EntityNotFound, message)
    })?;
    let grants: Vec<&Grant> = model.grants_on(&principal.arn, table).collect();

    let mut permissions = vec![Permission::Select];
    for p in input.permissions() {
        if !permissions.contains(p) {
            permissions.push(p.clone());
        }
    }
    if let Some(missing) = permissions.iter().find(|p| !implies(&grants, p)) {
        return Err(refuse(ErrorCode::AccessDenied, insufficient(missing, table)));
    }

    let full = model.settings.allow_full_table_external_data_access && full_table_access(&grants, table);
    if !full && !session_tag_allowed(model, principal) {
        return Err(refuse(ErrorCode::AccessDenied, ACCESS_NOT_ALLOWED));
    }
    let supported = input.supported_permission_types();
    let applying = restrictions(&grants, table);
    let undeclared: Vec<&str> =
        applying.iter().filter(|k| !supported.contains(k)).map(PermissionType::as_str).collect();
    if !undeclared.is_empty() {
        let declared: Vec<&str> = supported.iter().map(PermissionType::as_str).collect();
        return Err(refuse(
            ErrorCode::PermissionTypeMismatch,
            format!(
                "Table {table} has permission type(s) [{}] that the request does not declare in \
                 SupportedPermissionTypes [{}].",
                undeclared.join(", "),
                declared.join(", ")
            ),
        ));
    }

    let location = match input.s3_path() {
        Some(path) if s3::covers(&table.location, path) => path.to_owned(),
        Some(path) => {
            return Err(refuse(
                model.behavior.s3_path_outside_table_error,
                format!("S3Path {path} is not within the location {} of table {table}.", table.location),
            ))
        }
        None => table.location.clone(),
    };
    let locations_sent = input.s3_path().is_some()
        || model.behavior.vended_s3_path_without_s3_path == VendedS3PathWithoutS3Path::TableLocation;
    let scope = if permissions.iter().any(is_write) { CredentialsScope::Readwrite } else { CredentialsScope::Read };
    Ok(Vend {
        purpose: Purpose {
            caller_access_key_id: principal.access_key_id.clone(),
            principal_arn: principal.arn.clone(),
            operation: Operation::GetTemporaryGlueTableCredentials,
            tables: vec![model.table_arn(table)],
            locations: vec![location],
            locations_sent,
            scope,
            permissions,
        },
        duration_seconds,
    })
}

/// The tables associated with `location` (see the module documentation).
fn associated_tables<'m>(model: &'m LakeModel, location: &str, uri: &S3Uri<'_>) -> Result<Vec<&'m Table>, Refusal> {
    let covers = |outer: &str, inner: &S3Uri<'_>| S3Uri::parse(outer).is_some_and(|o| o.covers(inner));
    let owners: Vec<&Table> = model.tables.iter().filter(|t| covers(&t.location, uri)).collect();
    if owners.len() > 1 {
        let names: Vec<String> = owners.iter().map(ToString::to_string).collect();
        return Err(refuse(
            ErrorCode::Conflict,
            format!("Location {location} is shared by several tables: {}.", names.join(", ")),
        ));
    }
    if !owners.is_empty() {
        return Ok(owners);
    }
    let below: Vec<&Table> =
        model.tables.iter().filter(|t| S3Uri::parse(&t.location).is_some_and(|t| uri.covers(&t))).collect();
    if below.is_empty() {
        return Err(refuse(
            model.behavior.location_without_table_error,
            format!("No Glue table is associated with location {location}."),
        ));
    }
    Ok(below)
}

/// Whether `grants` give what a data-location request of this scope needs on `table` (see
/// [`DataLocationScopeRule`]).
fn scope_allowed(behavior: &Behavior, grants: &[&Grant], table: &Table, write: bool) -> Result<(), Refusal> {
    let denied = |message: String| Err(refuse(behavior.location_denied_error, message));
    if !implies(grants, &Permission::Select) {
        return denied(insufficient(&Permission::Select, table));
    }
    match behavior.data_location_scope_rule {
        DataLocationScopeRule::SelectForReadSuperForWrite => {
            if !grants.iter().any(|g| !g.is_restricted() && g.implies(&Permission::Select)) {
                return denied(format!(
                    "{} (the whole table): the caller's grants are limited to some columns or cells",
                    insufficient(&Permission::Select, table)
                ));
            }
            if write && !grants.iter().any(|g| !g.is_restricted() && g.permissions.iter().any(is_super)) {
                return denied(format!(
                    "Insufficient Lake Formation permission(s): Required ALL (Super) on {table} for CredentialsScope \
                     READWRITE"
                ));
            }
        }
        DataLocationScopeRule::SelectPlusWritePermission => {
            if write && !grants.iter().any(|g| g.permissions.iter().any(is_write)) {
                return denied(format!("{} for CredentialsScope READWRITE", insufficient(&Permission::Insert, table)));
            }
        }
    }
    Ok(())
}

/// Decides a `GetTemporaryDataLocationCredentials` request.
pub(crate) fn data_location(
    model: &LakeModel,
    call: Call<'_>,
    input: &GetTemporaryDataLocationCredentialsInput,
) -> Result<Vend, Refusal> {
    same_region(model, call.region)?;
    validate::data_location(input, &model.behavior).map_err(invalid)?;
    let principal = caller(model, call.access_key_id)?;
    let duration_seconds = duration(model, principal, input.duration_seconds())?;
    if input.data_locations().is_empty() {
        return Err(invalid("DataLocations must name at least one Amazon S3 location."));
    }
    let scope = input.credentials_scope().cloned().unwrap_or(CredentialsScope::Read);
    let write = scope == CredentialsScope::Readwrite;
    let behavior = &model.behavior;
    let tagged = behavior.data_location_session_tag_allowlisting && session_tag_allowed(model, principal);
    let mut tables = Vec::new();
    let mut registered_locations: Vec<String> = Vec::new();
    for location in input.data_locations() {
        let uri = S3Uri::parse(location)
            .ok_or_else(|| invalid(format!("Invalid Amazon S3 location '{location}': expected s3://bucket/prefix.")))?;
        let registered: Vec<_> =
            model.locations.iter().filter(|r| S3Uri::parse(&r.uri).is_some_and(|r| r.covers(&uri))).collect();
        let registration = match registered.as_slice() {
            [] => {
                return Err(refuse(
                    behavior.unregistered_location_error,
                    format!("Location {location} is not registered with Lake Formation."),
                ))
            }
            [one] => *one,
            several => {
                let uris: Vec<&str> = several.iter().map(|r| r.uri.as_str()).collect();
                return Err(refuse(
                    ErrorCode::Conflict,
                    format!("Location {location} is covered by several registered resources: {}.", uris.join(", ")),
                ));
            }
        };
        let region = registration.region.as_deref().unwrap_or(&model.region);
        if region != model.region {
            return Err(refuse(
                behavior.other_region_location_error,
                format!(
                    "Location {location} is registered in region {region}, but this call is answered in region {}.",
                    model.region
                ),
            ));
        }
        if !registered_locations.contains(&registration.uri) {
            registered_locations.push(registration.uri.clone());
        }
        for table in associated_tables(model, location, &uri)? {
            let grants: Vec<&Grant> = model.grants_on(&principal.arn, table).collect();
            scope_allowed(behavior, &grants, table, write)?;
            let full = model.settings.allow_full_table_external_data_access && full_table_access(&grants, table);
            if !full && !tagged {
                return Err(refuse(behavior.location_denied_error, ACCESS_NOT_ALLOWED));
            }
            let arn = model.table_arn(table);
            if !tables.contains(&arn) {
                tables.push(arn);
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
            caller_access_key_id: principal.access_key_id.clone(),
            principal_arn: principal.arn.clone(),
            operation: Operation::GetTemporaryDataLocationCredentials,
            tables,
            locations: match behavior.accessible_data_locations {
                AccessibleDataLocations::Requested => input.data_locations().to_vec(),
                AccessibleDataLocations::RegisteredLocation => registered_locations,
            },
            locations_sent: true,
            scope,
            permissions,
        },
        duration_seconds,
    })
}
