//! An IAM role the lake's callers may assume through STS (feature `sts`): its ARN, its longest
//! session, who its trust policy lets assume it, and the external id it may require.

use super::principal::S3Access;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The default `MaxSessionDuration` of an IAM role, in seconds (one hour).
pub const DEFAULT_MAX_SESSION_DURATION: i32 = 3600;

/// An IAM role that STS `AssumeRole` issues sessions of (fixture key `Roles`).
///
/// Grants name the role's ARN; a session of the role is a caller of Lake Formation and Glue
/// whose grants are the role's and whose session tags are the session's.
///
/// ```
/// use lakeformation_mock::lake::Role;
///
/// let role = Role::new("arn:aws:iam::123456789012:role/engine")
///     .trusts("arn:aws:iam::123456789012:user/ci")
///     .max_session_duration(7200)
///     .external_id("engine-x");
/// assert_eq!(role.name(), Some("engine"));
/// assert_eq!(role.max_session_duration, 7200);
/// assert!(role.trusts_principal("arn:aws:iam::123456789012:user/ci"));
/// assert!(!role.trusts_principal("arn:aws:iam::123456789012:user/other"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
#[must_use = "a role does nothing until it is added to a lake"]
#[non_exhaustive]
pub struct Role {
    /// The role's ARN, `arn:<partition>:iam::<account>:role/<name>`.
    pub arn: String,
    /// The longest session `AssumeRole` issues, in seconds, 3600 to 43200 (default 3600): a
    /// longer `DurationSeconds` is refused with `ValidationError`, never shortened.
    #[serde(default = "default_max_session_duration")]
    pub max_session_duration: i32,
    /// The principal ARNs the role's trust policy allows to assume it (fixture key
    /// `TrustedPrincipals`): a lake principal's ARN, another role's ARN (its sessions may
    /// chain into this one), an assumed-role session ARN, `arn:aws:iam::<account>:root` (every
    /// caller of that account) or `*` (every caller).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trusted_principals: Vec<String>,
    /// The `sts:ExternalId` the trust policy requires, if any: `AssumeRole` without it (or
    /// with another) is refused with `AccessDenied`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// The role's own S3 access (fixture key `S3Access`: `{"s3://bucket/prefix/": "READ"}`), by
    /// location: what the mock's S3 (feature `s3`) lets the role's STS sessions reach with their
    /// own keys, as an IAM policy on the role would. By default a role has none: its sessions
    /// reach S3 only through keys the lake vends them, which is how an engine's ambient
    /// credentials are caught reading governed data.
    #[serde(default, rename = "S3Access", skip_serializing_if = "BTreeMap::is_empty")]
    pub s3_access: BTreeMap<String, S3Access>,
}

fn default_max_session_duration() -> i32 {
    DEFAULT_MAX_SESSION_DURATION
}

impl Role {
    /// A role that trusts nobody yet, with the default `MaxSessionDuration` (3600 seconds).
    pub fn new(arn: impl Into<String>) -> Self {
        Role {
            arn: arn.into(),
            max_session_duration: DEFAULT_MAX_SESSION_DURATION,
            trusted_principals: Vec::new(),
            external_id: None,
            s3_access: BTreeMap::new(),
        }
    }

    /// Lets `principal_arn` assume the role (see [`trusted_principals`](Self::trusted_principals)).
    pub fn trusts(mut self, principal_arn: impl Into<String>) -> Self {
        self.trusted_principals.push(principal_arn.into());
        self
    }

    /// Sets the role's `MaxSessionDuration`, in seconds.
    pub fn max_session_duration(mut self, seconds: i32) -> Self {
        self.max_session_duration = seconds;
        self
    }

    /// Requires `AssumeRole` to pass this `ExternalId`.
    pub fn external_id(mut self, external_id: impl Into<String>) -> Self {
        self.external_id = Some(external_id.into());
        self
    }

    /// Gives the role's sessions S3 access of their own under `location` (`s3://bucket/prefix/`;
    /// see [`s3_access`](Self::s3_access)): an engine role's ambient credentials.
    ///
    /// ```
    /// use lakeformation_mock::lake::{Role, S3Access};
    ///
    /// let role = Role::new("arn:aws:iam::123456789012:role/engine").s3_access("s3://scratch/", S3Access::ReadWrite);
    /// assert_eq!(role.s3_access["s3://scratch/"], S3Access::ReadWrite);
    /// ```
    pub fn s3_access(mut self, location: impl Into<String>, access: S3Access) -> Self {
        self.s3_access.insert(location.into(), access);
        self
    }

    /// The role's name: its ARN after `role/` and any path.
    pub fn name(&self) -> Option<&str> {
        let resource = self.arn.splitn(6, ':').nth(5)?;
        let path = resource.strip_prefix("role/")?;
        path.rsplit('/').next().filter(|name| !name.is_empty())
    }

    /// Whether the trust policy names `arn`, its account's root, or `*`.
    pub fn trusts_principal(&self, arn: &str) -> bool {
        let root = crate::lake::arn::account_of(arn).map(|account| format!(":iam::{account}:root"));
        self.trusted_principals.iter().any(|trusted| {
            trusted == "*" || trusted == arn || root.as_deref().is_some_and(|root| trusted.ends_with(root))
        })
    }

    /// What is wrong with the role on its own, one sentence each.
    pub(crate) fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let is_iam = self.arn.split(':').nth(2) == Some("iam");
        if !is_iam || crate::lake::arn::account_of(&self.arn).is_none() || self.name().is_none() {
            problems.push(format!(
                "the role ARN `{}` is not an IAM role ARN (expected arn:aws:iam::123456789012:role/name)",
                self.arn
            ));
        }
        if !(3600..=43_200).contains(&self.max_session_duration) {
            problems.push(format!(
                "the MaxSessionDuration {} of role `{}` is outside 3600..=43200 seconds, which IAM allows",
                self.max_session_duration, self.arn
            ));
        }
        for location in self.s3_access.keys().filter(|l| crate::lake::s3::S3Uri::parse(l).is_none()) {
            problems.push(format!(
                "the S3 access `{location}` of role `{}` is not an S3 location (expected s3://bucket/prefix/)",
                self.arn
            ));
        }
        problems
    }
}
