//! Glue's `GetUnfilteredTableMetadata` answered (feature `glue`): the table as Glue describes it,
//! what the caller may see of it, and the `QueryAuthorizationId` the lake issues with it.

use super::authorize::Authorized;
use super::shapes::{glue_columns, storage};
use crate::explain::hints::behavior_setting;
use crate::explain::trace::Trace;
use crate::lake::decide::Call;
use crate::lake::handle::LakeInner;
use crate::lake::model::LakeModel;
use crate::lake::pinning;
use crate::lake::query_authorization::QueryAuthorization;
use crate::lake::refusal::refusal_reply;
use crate::lake::times::{expiry, whole_second};
use crate::script::reply::ReplyKind;
use crate::services::glue::GlueOutput;
use crate::{Reply, Request};
use aws_sdk_glue::operation::get_unfiltered_table_metadata::GetUnfilteredTableMetadataOutput;
use aws_sdk_glue::types::{ColumnRowFilter, Permission as GluePermission, QuerySessionContext, Table as GlueTable};
use std::time::SystemTime;

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

/// The answer to a `GetUnfilteredTableMetadata` request the caller is `authorized` for.
#[allow(clippy::too_many_arguments)] // the one place a Glue answer and an id meet
pub(super) fn table_metadata(
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
            behavior_setting(
                call.language,
                "query_authorization.issue_without_query_session_context",
                "QueryAuthorization.IssueWithoutQuerySessionContext"
            )
        ));
    }
    if issue {
        let issued_at = whole_second(now);
        let expires_at = match expiry(issued_at, settings.lifetime_seconds, "a QueryAuthorizationId", call.language) {
            Ok(at) => at,
            Err(refusal) => return refusal_reply(&model.behavior, refusal, trace),
        };
        let request_id = request.answer().request_id().unwrap_or_default().to_owned();
        let mut store = lake.authorizations();
        let pinned = pinning::query_authorization_id(model, &authorized.principal.arn, &table_arn);
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
