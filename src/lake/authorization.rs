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
//! check table vending makes of an id in [`vending`]; the ids' plain data in
//! lake/query_authorization.rs.

use crate::ErrorCode;
use crate::explain::trace::Trace;
use crate::lake::behavior::Behavior;
use crate::lake::credentials::VendedCredentials;
use crate::lake::decide::{Call, Refusal};
use crate::lake::handle::{Lake, LakeInner};
use crate::lake::query_authorization::{QueryAuthorization, QueryAuthorizationBehavior};
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

impl Behavior {
    /// Sets [`query_authorization`](Self::query_authorization) (feature `glue`).
    pub fn query_authorization(mut self, settings: QueryAuthorizationBehavior) -> Self {
        self.query_authorization = settings;
        self
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
        self.inner.authorizations().issued().to_vec()
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
        return refusal_reply(behavior, Refusal { code: ErrorCode::InvalidInput, message }, trace);
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
