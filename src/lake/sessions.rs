//! The STS sessions a lake issued (feature `sts`): each [`Session`] by its access key id, as
//! Lake Formation and Glue then know it (a caller whose grants are its role's and whose session
//! tags are its own) and as S3 will verify it (its secret, token and expiry).

use super::model::Principal;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::time::SystemTime;

/// A session STS `AssumeRole` issued: its keys, the role and session it stands for, its
/// session tags and when it expires (by the calling client's clock).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use lakeformation_mock::lake::{Lake, Principal, Role};
/// use lakeformation_mock::MockLakeFormation;
///
/// let role = "arn:aws:iam::123456789012:role/engine";
/// let lake = Lake::builder()
///     .principal(Principal::new("AKIDCI", "arn:aws:iam::123456789012:user/ci"))
///     .role(Role::new(role).trusts("arn:aws:iam::123456789012:user/ci"))
///     .build();
/// let mock = MockLakeFormation::new().with_lake(&lake);
/// let out = mock.sts_client_as("AKIDCI").assume_role().role_arn(role).role_session_name("scan-1")
///     .tags(aws_sdk_sts::types::Tag::builder().key("LakeFormationAuthorizedCaller").value("engine-x").build().unwrap())
///     .send().await.unwrap();
/// let key = out.credentials().unwrap().access_key_id();
/// let session = lake.session(key).unwrap();
/// assert_eq!(session.arn(), "arn:aws:sts::123456789012:assumed-role/engine/scan-1");
/// assert_eq!(session.role_arn(), role);
/// assert_eq!(session.tags()["LakeFormationAuthorizedCaller"], "engine-x");
/// assert!(format!("{session:?}").contains("redacted"));
/// # }
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Session {
    pub(super) access_key_id: String,
    pub(super) secret_access_key: String,
    pub(super) session_token: String,
    pub(super) role_arn: String,
    pub(super) arn: String,
    pub(super) assumed_role_id: String,
    pub(super) session_name: String,
    pub(super) tags: BTreeMap<String, String>,
    pub(super) transitive_tag_keys: BTreeSet<String>,
    pub(super) caller_arn: String,
    pub(super) caller_access_key_id: String,
    pub(super) issued_at: SystemTime,
    pub(super) expires_at: SystemTime,
    pub(super) chained: bool,
}

impl Session {
    /// The session's access key id (`ASIA...`).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The session's secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session's token.
    pub fn session_token(&self) -> &str {
        &self.session_token
    }

    /// The ARN of the role assumed, which grants name.
    pub fn role_arn(&self) -> &str {
        &self.role_arn
    }

    /// The session's ARN, `arn:aws:sts::<account>:assumed-role/<role>/<session>`.
    pub fn arn(&self) -> &str {
        &self.arn
    }

    /// `AssumedRoleId`: the role's unique id (`AROA...`), `:`, the session name.
    pub fn assumed_role_id(&self) -> &str {
        &self.assumed_role_id
    }

    /// `RoleSessionName`.
    pub fn session_name(&self) -> &str {
        &self.session_name
    }

    /// The session tags: the request's, and the transitive ones of the session that assumed it.
    pub fn tags(&self) -> &BTreeMap<String, String> {
        &self.tags
    }

    /// The tag keys a session chained from this one carries over.
    pub fn transitive_tag_keys(&self) -> &BTreeSet<String> {
        &self.transitive_tag_keys
    }

    /// The ARN of the caller that assumed the role (a principal's, or a session's).
    pub fn caller_arn(&self) -> &str {
        &self.caller_arn
    }

    /// The access key id the `AssumeRole` request was signed with.
    pub fn caller_access_key_id(&self) -> &str {
        &self.caller_access_key_id
    }

    /// When it was issued (a whole second, by the calling client's clock).
    pub fn issued_at(&self) -> SystemTime {
        self.issued_at
    }

    /// `Expiration`.
    pub fn expires_at(&self) -> SystemTime {
        self.expires_at
    }

    /// Whether the session was assumed by another session (role chaining: at most one hour).
    pub fn is_chained(&self) -> bool {
        self.chained
    }

    /// Whether the session is still valid at `time`.
    pub fn is_valid_at(&self, time: SystemTime) -> bool {
        time < self.expires_at
    }

    /// The caller Lake Formation and Glue see: the role's ARN (whose grants count), the
    /// session's tags.
    pub(super) fn principal(&self) -> Principal {
        let mut principal = Principal::new(self.access_key_id.clone(), self.role_arn.clone());
        principal.session_tags = self.tags.clone();
        principal
    }
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &crate::REDACTED)
            .field("session_token", &crate::REDACTED)
            .field("arn", &self.arn)
            .field("role_arn", &self.role_arn)
            .field("tags", &self.tags)
            .field("transitive_tag_keys", &self.transitive_tag_keys)
            .field("caller_arn", &self.caller_arn)
            .field("issued_at", &self.issued_at)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// What S3 needs to verify a request signed with a session's keys.
#[allow(dead_code)] // for the S3 side: what it verifies a session-signed request by
#[derive(Clone, Debug)]
pub(crate) struct SessionKeys {
    pub(crate) secret_access_key: String,
    pub(crate) session_token: String,
    /// The session's ARN (`arn:aws:sts::<account>:assumed-role/<role>/<session>`).
    pub(crate) principal_arn: String,
    /// The role's ARN, which grants name.
    pub(crate) role_arn: String,
    pub(crate) expires_at: SystemTime,
}

/// The sessions a lake issued, in order, with their positions by access key id.
#[derive(Default)]
pub(crate) struct Sessions {
    issued: Vec<Session>,
    by_key: HashMap<String, usize>,
}

impl Sessions {
    /// Every session, in the order issued.
    pub(crate) fn all(&self) -> &[Session] {
        &self.issued
    }

    pub(crate) fn find(&self, access_key_id: &str) -> Option<&Session> {
        self.by_key.get(access_key_id).map(|&i| &self.issued[i])
    }

    pub(crate) fn record(&mut self, session: Session) {
        self.by_key.insert(session.access_key_id.clone(), self.issued.len());
        self.issued.push(session);
    }
}
