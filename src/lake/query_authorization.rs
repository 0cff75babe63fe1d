//! The query-authorization handshake's settings and records (feature `glue`), and the public
//! methods that set and read them: [`Behavior::query_authorization`],
//! [`Lake::query_authorization`], [`Lake::query_authorizations`], [`Lake::vended_under`] and
//! [`VendedCredentials::query_authorization_id`]. The settings are in `settings.rs`, the records
//! of issued ids and their store in `issued.rs`.

mod issued;
mod settings;

pub use issued::QueryAuthorization;
pub(in crate::lake) use issued::Store;
pub use settings::QueryAuthorizationBehavior;

use crate::lake::behavior::Behavior;
use crate::lake::credentials::VendedCredentials;
use crate::lake::handle::Lake;

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
