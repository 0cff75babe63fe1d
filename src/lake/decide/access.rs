//! What the caller's grants give on a table, and whether vending to it is allowed: full-table
//! access, or session-tag allowlisting.

use super::wording::{bracketed, describe, restriction, type_names};
use crate::explain::trace::Trace;
use crate::lake::grant::Grant;
use crate::lake::model::{AUTHORIZED_CALLER_TAG, LakeModel, Principal, Table};
use aws_sdk_lakeformation::types::Permission;

/// How the trace names each of `grants` ([`describe`]), in their order. A decision describes
/// its grants once and passes these on: the trace names the granting grant again in the
/// permission and full-table steps, and a description costs ~2k instructions.
pub(crate) fn describe_all(grants: &[&Grant]) -> Vec<String> {
    grants.iter().map(|g| describe(g)).collect()
}

/// The grants considered on `table` (`described` by [`describe_all`]), as a step.
pub(crate) fn trace_grants(trace: &mut Trace, principal: &Principal, table: &Table, described: &[String]) {
    if described.is_empty() {
        trace.push(format!("grants: none: {} holds no grant on {table}", principal.arn));
    } else {
        trace.push(["grants: ", &described.join("; ")].concat());
    }
}

/// The grant that gives `permission`: an unrestricted one if there is one, else the first.
pub(super) fn granting<'g>(grants: &[&'g Grant], permission: &Permission) -> Option<&'g Grant> {
    granting_index(grants, permission).map(|i| grants[i])
}

/// Where in `grants` the grant [`granting`] picks is (to find its description).
pub(super) fn granting_index(grants: &[&Grant], permission: &Permission) -> Option<usize> {
    let mut giving = grants.iter().enumerate().filter(|(_, g)| g.implies(permission));
    let (first, grant) = giving.next()?;
    if !grant.is_restricted() {
        return Some(first);
    }
    Some(giving.find(|(_, g)| !g.is_restricted()).map_or(first, |(i, _)| i))
}

/// Session-tag allowlisting: external data filtering on, the caller's account (or ARN) on the
/// allow list, and its `LakeFormationAuthorizedCaller` tag among the authorized values. Whether
/// it allows vending, and why (a trace step).
pub(crate) fn session_tag_path(model: &LakeModel, principal: &Principal) -> (bool, String) {
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
/// with no policy. Whether it allows vending, and why (a trace step). `described`: the grants'
/// descriptions ([`describe_all`]).
pub(crate) fn full_table_path(
    model: &LakeModel,
    grants: &[&Grant],
    described: &[String],
    table: &Table,
) -> (bool, String) {
    let mut failed = Vec::new();
    if !model.settings.allow_full_table_external_data_access {
        failed.push("AllowFullTableExternalDataAccess is false".to_owned());
    }
    if !table.policies.is_empty() {
        failed.push(format!("table {table} has policies {}", type_names(&table.policies)));
    }
    let grant = granting_index(grants, &Permission::Select);
    match grant {
        Some(i) if grants[i].is_restricted() => {
            failed.push(format!("grant {} has a {} restriction", described[i], restriction(grants[i])))
        }
        Some(_) => {}
        None => failed.push(format!("no grant gives SELECT on {table}")),
    }
    match grant {
        Some(i) if failed.is_empty() => (
            true,
            [
                "full-table access to ",
                &table.database,
                ".",
                &table.name,
                ": allowed: AllowFullTableExternalDataAccess is true, the table has no policy, grant ",
                &described[i],
                " is unrestricted",
            ]
            .concat(),
        ),
        _ => (false, format!("full-table access to {table}: not allowed: {}", failed.join("; "))),
    }
}

/// Whether one of vending's two paths allows `principal` on `table`: full-table access
/// ([`full_table_path`]), else session-tag allowlisting ([`session_tag_path`]); each path's
/// verdict is a step of `trace`. The caller words the refusal when neither does.
pub(crate) fn a_path_allows(
    model: &LakeModel,
    grants: &[&Grant],
    described: &[String],
    table: &Table,
    principal: &Principal,
    trace: &mut Trace,
) -> bool {
    let (full, why) = full_table_path(model, grants, described, table);
    trace.push(why);
    if full {
        return true;
    }
    let (tagged, why) = session_tag_path(model, principal);
    trace.push(why);
    tagged
}
