//! Which data locations: `GetTemporaryDataLocationCredentials`, decided location by location
//! (its registration, its associated tables, what the caller holds on each).

use super::access::{describe_all, full_table_path, granting, session_tag_path, trace_grants};
use super::caller::{caller, duration, same_region};
use super::location::{associated_tables, in_lake_region, unregistered};
use super::outcome::{ACCESS_NOT_ALLOWED, Call, NEITHER_PATH, Refusal, Vend, invalid, refuse};
use super::wording::{describe, insufficient, restriction};
use crate::explain::hints;
use crate::explain::trace::Trace;
use crate::lake::behavior::{AccessibleDataLocations, Behavior, DataLocationScopeRule};
use crate::lake::catalog::Catalog;
use crate::lake::credentials::Purpose;
use crate::lake::grant::{Grant, is_super, is_write};
use crate::lake::model::Table;
use crate::lake::s3::S3Uri;
use crate::lake::validate;
use crate::{ErrorCode, Operation};
use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsInput;
use aws_sdk_lakeformation::types::{CredentialsScope, Permission};

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
            let described = describe_all(&grants);
            trace_grants(trace, principal, table, &described);
            let grant = scope_allowed(behavior, &grants, table, write, trace)?;
            let (full, why) = full_table_path(model, &grants, &described, table);
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
