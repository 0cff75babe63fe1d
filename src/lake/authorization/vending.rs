//! The check table vending makes of the `QueryAuthorizationId` a request carries (feature
//! `glue`): issued by this lake's Glue to the same principal for the same table, unexpired, and
//! passed back unchanged; required at all under the strict handshake
//! ([`QueryAuthorizationBehavior::strict`](crate::lake::QueryAuthorizationBehavior::strict)).
//!
//! The check applies to every table, whether or not the lake has its schema: an id for a table
//! Glue cannot describe is one this lake did not issue.

use crate::explain::hints::{Language, behavior_setting};
use crate::explain::trace::Trace;
use crate::lake::decide::{self, Refusal, Vend};
use crate::lake::handle::LakeInner;
use crate::lake::model::LakeModel;
use crate::lake::query_authorization::{QueryAuthorization, Store};
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsInput;
use std::time::SystemTime;

/// Checks the `QueryAuthorizationId` a table-credentials request carries (and, as a setting, the
/// one-tier rule), after the lake decided to vend `vend`; links the vending to the id.
pub(in crate::lake) fn check_vending(
    lake: &LakeInner,
    model: &LakeModel,
    input: &GetTemporaryGlueTableCredentialsInput,
    mut vend: Vend,
    now: SystemTime,
    language: Language,
    trace: &mut Trace,
) -> Result<Vend, Refusal> {
    let settings = &model.behavior.query_authorization;
    let types = input.supported_permission_types();
    if settings.one_permission_type_for_vending && types.len() > 1 {
        trace.push(format!(
            "permission types: {} values declared, and {} is on",
            types.len(),
            behavior_setting(
                language,
                "default().query_authorization(QueryAuthorizationBehavior::default().one_permission_type_for_vending(true))",
                "QueryAuthorization.OnePermissionTypeForVending"
            )
        ));
        return Err(decide::invalid(crate::services::glue::ONE_PERMISSION_TYPE));
    }
    let refuse = |reason: String, trace: &mut Trace| {
        trace.push(format!("query authorization: refused: {reason}"));
        Refusal { code: settings.error, message: settings.message.clone().unwrap_or(reason) }
    };
    let table = vend.purpose.tables.first().cloned().unwrap_or_default();
    let principal = vend.purpose.principal_arn.clone();
    let store = lake.authorizations();
    let id = input.query_session_context().and_then(|q| q.query_authorization_id());
    let Some(id) = id else {
        if settings.required_for_vending {
            let setting = behavior_setting(
                language,
                "default().query_authorization(QueryAuthorizationBehavior::strict())",
                "QueryAuthorization.RequiredForVending",
            );
            return Err(refuse(missing(&store, &table, &principal, &setting, now), trace));
        }
        return Ok(vend);
    };
    let Some(record) = store.find(id, &principal, &table) else {
        let hint = match store.latest_for(&principal, &table) {
            Some(issued) => format!(" (was it changed? {})", issued_by(issued)),
            None => String::new(),
        };
        return Err(refuse(
            format!("The QueryAuthorizationId {id} is unknown: this lake did not issue it{hint}."),
            trace,
        ));
    };
    if record.principal_arn != principal {
        return Err(refuse(
            format!("The QueryAuthorizationId {id} was issued to {}, not to {principal}.", record.principal_arn),
            trace,
        ));
    }
    if record.table_arn != table {
        return Err(refuse(
            format!("The QueryAuthorizationId {id} was issued for table {}, not for {table}.", record.table_arn),
            trace,
        ));
    }
    if now >= record.expires_at {
        let ago = now.duration_since(record.expires_at).unwrap_or_default().as_secs();
        return Err(refuse(format!("The QueryAuthorizationId {id} expired {ago} seconds ago."), trace));
    }
    trace.push(format!(
        "query authorization: {id}, issued by request #{} ({}) to {principal} for {table}, valid for {} more seconds",
        record.request_index,
        record.request_id,
        record.expires_at.duration_since(now).unwrap_or_default().as_secs()
    ));
    drop(store);
    vend.purpose.query_authorization_id = Some(id.to_owned());
    Ok(vend)
}

/// "GetUnfilteredTableMetadata (request #0) issued <id> to <principal> for this table".
fn issued_by(record: &QueryAuthorization) -> String {
    format!(
        "GetUnfilteredTableMetadata (request #{}) issued {} to {} for this table",
        record.request_index, record.id, record.principal_arn
    )
}

/// Why a request without an id is refused under the strict handshake, and the id it should
/// have carried, if Glue issued one.
fn missing(store: &Store, table: &str, principal: &str, setting: &str, now: SystemTime) -> String {
    let head = format!(
        "GetTemporaryGlueTableCredentials for table {table} carried no QueryAuthorizationId, and the strict \
         handshake ({setting}) requires one"
    );
    match store.latest_for(principal, table) {
        Some(issued) if now < issued.expires_at => {
            format!("{head}; {}: pass it unchanged in QuerySessionContext.QueryAuthorizationId.", issued_by(issued))
        }
        Some(issued) => format!(
            "{head}; {}, expired {} seconds ago: call GetUnfilteredTableMetadata again and pass the new id in \
             QuerySessionContext.QueryAuthorizationId.",
            issued_by(issued),
            now.duration_since(issued.expires_at).unwrap_or_default().as_secs()
        ),
        None => format!(
            "{head}; no GetUnfilteredTableMetadata call obtained one for {principal} and this table: call Glue \
             GetUnfilteredTableMetadata first and pass its QueryAuthorizationId in \
             QuerySessionContext.QueryAuthorizationId."
        ),
    }
}
