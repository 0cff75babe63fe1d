//! The `AuditContext` and `QuerySessionContext` of a request, whichever service's type it
//! carries: Lake Formation's, or (feature `glue`) Glue's.
//!
//! Both services name the fields alike, so a test reads them the same way whatever the
//! operation; [`as_lake_formation`](AuditContextRef::as_lake_formation) and `as_glue` hand back
//! the SDK's own type.

use aws_smithy_types::DateTime;
use std::collections::HashMap;

/// A request's `AuditContext`, borrowed: Lake Formation's type or Glue's.
///
/// Glue's also carries `RequestedColumns` and `AllColumnsRequested`; for a Lake Formation
/// request they read as absent.
///
/// ```
/// use aws_sdk_lakeformation::types::AuditContext;
/// use lakeformation_mock::AuditContextRef;
///
/// let sent = AuditContext::builder().additional_audit_context("job-7").build();
/// let context = AuditContextRef::LakeFormation(&sent);
/// assert_eq!(context.additional_audit_context(), Some("job-7"));
/// assert_eq!(context.requested_columns(), None);
/// assert_eq!(context.as_lake_formation(), Some(&sent));
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum AuditContextRef<'a> {
    /// The `AuditContext` of a Lake Formation request.
    LakeFormation(&'a aws_sdk_lakeformation::types::AuditContext),
    /// The `AuditContext` of a Glue request (feature `glue`).
    #[cfg(feature = "glue")]
    #[cfg_attr(docsrs, doc(cfg(feature = "glue")))]
    Glue(&'a aws_sdk_glue::types::AuditContext),
}

impl<'a> AuditContextRef<'a> {
    /// `AdditionalAuditContext`.
    pub fn additional_audit_context(self) -> Option<&'a str> {
        match self {
            AuditContextRef::LakeFormation(c) => c.additional_audit_context(),
            #[cfg(feature = "glue")]
            AuditContextRef::Glue(c) => c.additional_audit_context(),
        }
    }

    /// `RequestedColumns` (Glue only): `None` when absent, which differs from an empty list.
    pub fn requested_columns(self) -> Option<&'a [String]> {
        match self {
            AuditContextRef::LakeFormation(_) => None,
            #[cfg(feature = "glue")]
            AuditContextRef::Glue(c) => c.requested_columns.as_deref(),
        }
    }

    /// `AllColumnsRequested` (Glue only).
    pub fn all_columns_requested(self) -> Option<bool> {
        match self {
            AuditContextRef::LakeFormation(_) => None,
            #[cfg(feature = "glue")]
            AuditContextRef::Glue(c) => c.all_columns_requested(),
        }
    }

    /// The Lake Formation type, if this is a Lake Formation request's context.
    pub fn as_lake_formation(self) -> Option<&'a aws_sdk_lakeformation::types::AuditContext> {
        match self {
            AuditContextRef::LakeFormation(c) => Some(c),
            #[cfg(feature = "glue")]
            AuditContextRef::Glue(_) => None,
        }
    }

    /// The Glue type, if this is a Glue request's context (feature `glue`).
    #[cfg(feature = "glue")]
    #[cfg_attr(docsrs, doc(cfg(feature = "glue")))]
    pub fn as_glue(self) -> Option<&'a aws_sdk_glue::types::AuditContext> {
        match self {
            AuditContextRef::Glue(c) => Some(c),
            AuditContextRef::LakeFormation(_) => None,
        }
    }

    /// An owned copy.
    pub fn to_owned_context(self) -> OwnedAuditContext {
        match self {
            AuditContextRef::LakeFormation(c) => OwnedAuditContext::LakeFormation(c.clone()),
            #[cfg(feature = "glue")]
            AuditContextRef::Glue(c) => OwnedAuditContext::Glue(c.clone()),
        }
    }
}

/// A request's `AuditContext`, owned (what [`Journal::audit_contexts`](crate::Journal::audit_contexts)
/// hands out): Lake Formation's type or Glue's. Its accessors are [`AuditContextRef`]'s.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum OwnedAuditContext {
    /// The `AuditContext` of a Lake Formation request.
    LakeFormation(aws_sdk_lakeformation::types::AuditContext),
    /// The `AuditContext` of a Glue request (feature `glue`).
    #[cfg(feature = "glue")]
    #[cfg_attr(docsrs, doc(cfg(feature = "glue")))]
    Glue(aws_sdk_glue::types::AuditContext),
}

impl OwnedAuditContext {
    /// A borrowed view, with every accessor.
    pub fn as_context_ref(&self) -> AuditContextRef<'_> {
        match self {
            OwnedAuditContext::LakeFormation(c) => AuditContextRef::LakeFormation(c),
            #[cfg(feature = "glue")]
            OwnedAuditContext::Glue(c) => AuditContextRef::Glue(c),
        }
    }

    /// `AdditionalAuditContext`.
    pub fn additional_audit_context(&self) -> Option<&str> {
        self.as_context_ref().additional_audit_context()
    }

    /// `RequestedColumns` (Glue only): `None` when absent, which differs from an empty list.
    pub fn requested_columns(&self) -> Option<&[String]> {
        self.as_context_ref().requested_columns()
    }

    /// `AllColumnsRequested` (Glue only).
    pub fn all_columns_requested(&self) -> Option<bool> {
        self.as_context_ref().all_columns_requested()
    }

    /// The Lake Formation type, if this is a Lake Formation request's context.
    pub fn as_lake_formation(&self) -> Option<&aws_sdk_lakeformation::types::AuditContext> {
        self.as_context_ref().as_lake_formation()
    }

    /// The Glue type, if this is a Glue request's context (feature `glue`).
    #[cfg(feature = "glue")]
    #[cfg_attr(docsrs, doc(cfg(feature = "glue")))]
    pub fn as_glue(&self) -> Option<&aws_sdk_glue::types::AuditContext> {
        self.as_context_ref().as_glue()
    }
}

/// A request's `QuerySessionContext`, borrowed: Lake Formation's type (table credentials) or
/// Glue's (both Glue operations). The two carry the same fields.
///
/// ```
/// use aws_sdk_lakeformation::types::QuerySessionContext;
/// use lakeformation_mock::QuerySessionContextRef;
///
/// let sent = QuerySessionContext::builder().query_id("q-1").cluster_id("c-1").build();
/// let context = QuerySessionContextRef::LakeFormation(&sent);
/// assert_eq!((context.query_id(), context.cluster_id()), (Some("q-1"), Some("c-1")));
/// assert_eq!(context.as_lake_formation(), Some(&sent));
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum QuerySessionContextRef<'a> {
    /// The `QuerySessionContext` of a `GetTemporaryGlueTableCredentials` request.
    LakeFormation(&'a aws_sdk_lakeformation::types::QuerySessionContext),
    /// The `QuerySessionContext` of a Glue request (feature `glue`).
    #[cfg(feature = "glue")]
    #[cfg_attr(docsrs, doc(cfg(feature = "glue")))]
    Glue(&'a aws_sdk_glue::types::QuerySessionContext),
}

impl<'a> QuerySessionContextRef<'a> {
    /// `QueryId`.
    pub fn query_id(self) -> Option<&'a str> {
        match self {
            QuerySessionContextRef::LakeFormation(c) => c.query_id(),
            #[cfg(feature = "glue")]
            QuerySessionContextRef::Glue(c) => c.query_id(),
        }
    }

    /// `QueryStartTime`.
    pub fn query_start_time(self) -> Option<&'a DateTime> {
        match self {
            QuerySessionContextRef::LakeFormation(c) => c.query_start_time(),
            #[cfg(feature = "glue")]
            QuerySessionContextRef::Glue(c) => c.query_start_time(),
        }
    }

    /// `ClusterId`.
    pub fn cluster_id(self) -> Option<&'a str> {
        match self {
            QuerySessionContextRef::LakeFormation(c) => c.cluster_id(),
            #[cfg(feature = "glue")]
            QuerySessionContextRef::Glue(c) => c.cluster_id(),
        }
    }

    /// `QueryAuthorizationId` (on a Glue request, what the engine sent: Glue issues the id in
    /// its answer).
    pub fn query_authorization_id(self) -> Option<&'a str> {
        match self {
            QuerySessionContextRef::LakeFormation(c) => c.query_authorization_id(),
            #[cfg(feature = "glue")]
            QuerySessionContextRef::Glue(c) => c.query_authorization_id(),
        }
    }

    /// `AdditionalContext`.
    pub fn additional_context(self) -> Option<&'a HashMap<String, String>> {
        match self {
            QuerySessionContextRef::LakeFormation(c) => c.additional_context(),
            #[cfg(feature = "glue")]
            QuerySessionContextRef::Glue(c) => c.additional_context(),
        }
    }

    /// The Lake Formation type, if this is a Lake Formation request's context.
    pub fn as_lake_formation(self) -> Option<&'a aws_sdk_lakeformation::types::QuerySessionContext> {
        match self {
            QuerySessionContextRef::LakeFormation(c) => Some(c),
            #[cfg(feature = "glue")]
            QuerySessionContextRef::Glue(_) => None,
        }
    }

    /// The Glue type, if this is a Glue request's context (feature `glue`).
    #[cfg(feature = "glue")]
    #[cfg_attr(docsrs, doc(cfg(feature = "glue")))]
    pub fn as_glue(self) -> Option<&'a aws_sdk_glue::types::QuerySessionContext> {
        match self {
            QuerySessionContextRef::Glue(c) => Some(c),
            QuerySessionContextRef::LakeFormation(_) => None,
        }
    }
}
