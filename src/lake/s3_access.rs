//! What the lake says about an access key at S3 (feature `s3`): its secret, its session token,
//! its expiry and the locations it reaches, whichever source the key comes from: credentials
//! the lake vended, or a principal's S3 access of its own (ambient credentials). A new source
//! of keys (STS sessions) is one more arm of [`s3_key`].

use super::Lake;
use super::credentials::VendedCredentials;
use crate::Operation;
use std::time::SystemTime;

/// The secret the mock's clients sign with (`MockLakeFormation::client_as` and the others): the
/// secret of a principal's own access key unless it declares one (`Principal::secret_access_key`).
pub(crate) const PRINCIPAL_SECRET: &str = "lakeformation-mock-not-a-secret";

/// An access key the lake knows at S3, and what it may reach.
#[derive(Clone)]
pub(crate) struct S3Key {
    pub(crate) access_key_id: String,
    pub(crate) secret_access_key: String,
    /// The session token a request signed with the key must carry (temporary keys).
    pub(crate) session_token: Option<String>,
    /// When the key stops working (temporary keys).
    pub(crate) expires_at: Option<SystemTime>,
    /// The locations the key reaches, each with whether it may write there.
    pub(crate) reach: Vec<Reach>,
    pub(crate) origin: KeyOrigin,
}

/// A location a key reaches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Reach {
    /// `s3://bucket/prefix`.
    pub(crate) location: String,
    pub(crate) write: bool,
}

/// Where a key comes from, for the journal and for refusals.
#[derive(Clone, Debug)]
pub(crate) enum KeyOrigin {
    /// Vended by the lake: by which operation, to whom, for which tables.
    Vended { operation: Operation, principal_arn: String, tables: Vec<String> },
    /// A principal's own key, with its S3 access of its own (possibly none).
    Principal { arn: String },
    /// The keys of an STS session (feature `sts`), with its role's S3 access of its own
    /// (possibly none).
    #[cfg(feature = "sts")]
    Session { arn: String, role_arn: String },
}

impl KeyOrigin {
    /// The origin in words: "keys vended by GetTemporaryGlueTableCredentials for db.t to arn:...".
    pub(crate) fn describe(&self) -> String {
        match self {
            KeyOrigin::Vended { operation, principal_arn, tables } if tables.is_empty() => {
                format!("keys vended by {operation} to {principal_arn}")
            }
            KeyOrigin::Vended { operation, principal_arn, tables } => {
                format!("keys vended by {operation} for {} to {principal_arn}", tables.join(", "))
            }
            KeyOrigin::Principal { arn } => format!("the own access key of principal {arn}"),
            #[cfg(feature = "sts")]
            KeyOrigin::Session { arn, .. } => format!("the STS session keys of {arn}"),
        }
    }
}

impl S3Key {
    /// The reach of the key, in words: "s3://lake/db/t (READ)", or "nothing".
    pub(crate) fn describe_reach(&self) -> String {
        if self.reach.is_empty() {
            return "nothing".to_owned();
        }
        let each =
            self.reach.iter().map(|r| format!("{} ({})", r.location, if r.write { "READWRITE" } else { "READ" }));
        each.collect::<Vec<_>>().join(", ")
    }

    /// Whether the key reaches `uri` (an object or a listing's prefix), for writing if `write`.
    pub(crate) fn reaches(&self, uri: &str, write: bool) -> bool {
        self.reach.iter().any(|r| (r.write || !write) && super::s3::covers(&r.location, uri))
    }

    fn vended(vended: VendedCredentials) -> S3Key {
        let write = vended.allows_write();
        S3Key {
            access_key_id: vended.access_key_id().to_owned(),
            secret_access_key: vended.secret_access_key().to_owned(),
            session_token: Some(vended.session_token().to_owned()),
            expires_at: Some(vended.expires_at()),
            reach: vended.locations().iter().map(|l| Reach { location: l.clone(), write }).collect(),
            origin: KeyOrigin::Vended {
                operation: vended.operation().clone(),
                principal_arn: vended.principal_arn().to_owned(),
                tables: vended.tables().to_vec(),
            },
        }
    }
}

impl Lake {
    /// The lake's `Behavior::s3_read_also_allows`.
    pub(crate) fn s3_read_also_allows(&self) -> Vec<String> {
        self.inner.model().model.behavior.s3_read_also_allows.clone()
    }
}

/// What the lake knows of `access_key_id` at S3: credentials it vended (the latest vending of
/// the key), else an STS session's keys (feature `sts`), else a principal's own key; `None` for
/// a key it does not know.
pub(crate) fn s3_key(lake: &Lake, access_key_id: &str) -> Option<S3Key> {
    if let Some(vended) = lake.vended(access_key_id) {
        return Some(S3Key::vended(vended));
    }
    #[cfg(feature = "sts")]
    if let Some(session) = lake.inner.session_keys(access_key_id) {
        let catalog = lake.inner.model();
        let role = catalog.model.find_role(&session.role_arn);
        return Some(S3Key {
            access_key_id: access_key_id.to_owned(),
            secret_access_key: session.secret_access_key,
            session_token: Some(session.session_token),
            expires_at: Some(session.expires_at),
            reach: role.map(|role| reach_of(&role.s3_access)).unwrap_or_default(),
            origin: KeyOrigin::Session { arn: session.principal_arn, role_arn: session.role_arn },
        });
    }
    let catalog = lake.inner.model();
    let principal = catalog.principal(access_key_id)?;
    Some(S3Key {
        access_key_id: access_key_id.to_owned(),
        secret_access_key: principal.secret_access_key.clone().unwrap_or_else(|| PRINCIPAL_SECRET.to_owned()),
        session_token: None,
        expires_at: None,
        reach: reach_of(&principal.s3_access),
        origin: KeyOrigin::Principal { arn: principal.arn.clone() },
    })
}

/// The locations an S3 access of one's own reaches.
fn reach_of(access: &std::collections::BTreeMap<String, super::model::S3Access>) -> Vec<Reach> {
    access.iter().map(|(location, access)| Reach { location: location.clone(), write: access.allows_write() }).collect()
}
