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
//!
//! The checks are in [`authorize`]; the answers in [`table_metadata`] and [`partitions`]; the
//! check table vending makes of an id in [`vending`]; the ids' plain data, and the public methods
//! that read them, in lake/query_authorization.rs.

use crate::explain::trace::Trace;
use crate::lake::decide::{self, Call};
use crate::lake::handle::LakeInner;
use crate::lake::refusal::{incomplete, refusal_reply};
use crate::record::input::GlueInput;
use crate::{Reply, Request};
use authorize::{Target, authorize};
use std::time::SystemTime;

mod authorize;
mod partitions;
mod shapes;
mod table_metadata;
// glue: the check of the id a table-credentials request carries
mod vending;
pub(super) use vending::check_vending;

/// The lake's answer to a Glue request.
pub(super) fn answer(lake: &LakeInner, request: &Request, input: &GlueInput, call: Call<'_>, now: SystemTime) -> Reply {
    let mut trace = Trace::default();
    let model = lake.model();
    let behavior = &model.model.behavior;
    let target = match input {
        GlueInput::TableMetadata(i) => {
            Target::new(i.catalog_id(), i.database_name(), i.name(), i.region(), i.supported_permission_types())
        }
        GlueInput::PartitionsMetadata(i) => {
            Target::new(i.catalog_id(), i.database_name(), i.table_name(), i.region(), i.supported_permission_types())
        }
    };
    // Validation refused invalid input already, unless it was turned off: the lake never answers it.
    if let Err(message) = crate::services::glue::validate(input) {
        trace.push("input: invalid");
        return refusal_reply(behavior, decide::invalid(message), trace);
    }
    let authorized = match authorize(&model, call, &target, &mut trace) {
        Err(refusal) => return refusal_reply(behavior, refusal, trace),
        Ok(Err(missing)) => return incomplete(missing, trace),
        Ok(Ok(authorized)) => authorized,
    };
    match input {
        GlueInput::TableMetadata(i) => table_metadata::table_metadata(
            lake,
            &model.model,
            request,
            &authorized,
            i.query_session_context(),
            call,
            now,
            trace,
        ),
        GlueInput::PartitionsMetadata(i) => partitions::partitions(&model, &authorized, i, call, trace),
    }
}
