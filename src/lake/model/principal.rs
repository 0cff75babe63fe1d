//! A caller as plain data: the access key id it signs with, its IAM ARN, its session tags, its
//! longest session and the S3 access of its own (its ambient credentials at the mock's S3).

use crate::lake::arn;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The session tag whose value the session-tag allowlisting path checks.
pub const AUTHORIZED_CALLER_TAG: &str = "LakeFormationAuthorizedCaller";

/// A caller: the access key id its requests are signed with, its IAM ARN, and its session tags.
///
/// ```
/// use lakeformation_mock::lake::Principal;
///
/// let p = Principal::new("AKIDANALYST", "arn:aws:iam::123456789012:role/analyst")
///     .session_tag("LakeFormationAuthorizedCaller", "engine-x")
///     .max_session_duration_seconds(3600);
/// assert_eq!(p.arn_account_id(), Some("123456789012"));
/// assert_eq!(p.max_session_duration_seconds, Some(3600));
/// assert_eq!(p.session_tags["LakeFormationAuthorizedCaller"], "engine-x");
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
#[must_use = "a principal does nothing until it is added to a lake"]
#[non_exhaustive]
pub struct Principal {
    /// The access key id the caller signs with (see `MockLakeFormation::client_as`).
    pub access_key_id: String,
    /// The caller's IAM ARN, which grants name.
    pub arn: String,
    /// The session tags of the caller's session.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "unique_tags")]
    pub session_tags: BTreeMap<String, String>,
    /// The longest session the caller may be vended, in seconds (fixture key
    /// `MaxSessionDurationSeconds`): a longer `DurationSeconds` is refused with
    /// `InvalidInputException`, never shortened. `None` means
    /// [`Behavior::max_session_duration_seconds`](super::Behavior::max_session_duration_seconds).
    /// A role-chained session with session tags, as engines use, is capped at 3600.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_session_duration_seconds: Option<i32>,
    /// The S3 access of the caller's own (fixture key `S3Access`: `{"s3://bucket/prefix/":
    /// "READ"}`), by location: what the mock's S3 (feature `s3`) lets the caller's own access
    /// key reach, as an IAM policy on its role would. By default a caller has none and reaches
    /// S3 only through keys the lake vended. The key signs with the secret of the mock's clients
    /// (`MockLakeFormation::s3_client_as`).
    #[serde(default, rename = "S3Access", skip_serializing_if = "BTreeMap::is_empty")]
    pub s3_access: BTreeMap<String, S3Access>,
    /// The secret of the caller's own access key, which its S3 requests are signed with
    /// (fixture key `SecretAccessKey`; default `None`: the secret of the mock's clients,
    /// `lakeformation-mock-not-a-secret`). Never shown by `Debug`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_access_key: Option<String>,
}

impl std::fmt::Debug for Principal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Principal")
            .field("access_key_id", &self.access_key_id)
            .field("arn", &self.arn)
            .field("session_tags", &self.session_tags)
            .field("max_session_duration_seconds", &self.max_session_duration_seconds)
            .field("s3_access", &self.s3_access)
            .field("secret_access_key", &self.secret_access_key.as_ref().map(|_| crate::REDACTED))
            .finish()
    }
}

/// What a caller's own S3 access allows under a location (see [`Principal::s3_access`]).
///
/// ```
/// use lakeformation_mock::lake::{Principal, S3Access};
///
/// let p = Principal::new("AKIDENGINE", "arn:aws:iam::123456789012:role/engine")
///     .s3_access("s3://lake/raw/", S3Access::ReadWrite);
/// assert_eq!(p.s3_access["s3://lake/raw/"], S3Access::ReadWrite);
/// assert_eq!(serde_json::to_string(&S3Access::Read).unwrap(), r#""READ""#);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "UPPERCASE")]
pub enum S3Access {
    /// `GetObject`, `HeadObject` and `ListObjectsV2` under the location.
    Read,
    /// Also `PutObject`, `DeleteObject(s)`, multipart uploads and `CopyObject` into it.
    #[serde(rename = "READWRITE")]
    ReadWrite,
}

impl S3Access {
    /// Whether it allows writing.
    pub fn allows_write(self) -> bool {
        self == S3Access::ReadWrite
    }
}

fn unique_tags<'de, D: serde::Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
    Ok(crate::services::json_checks::unique_map(d)?.unwrap_or_default())
}

impl Principal {
    /// A caller with no session tags.
    pub fn new(access_key_id: impl Into<String>, arn: impl Into<String>) -> Self {
        Principal {
            access_key_id: access_key_id.into(),
            arn: arn.into(),
            session_tags: BTreeMap::new(),
            max_session_duration_seconds: None,
            s3_access: BTreeMap::new(),
            secret_access_key: None,
        }
    }

    /// Caps the caller's sessions at `seconds` (see
    /// [`max_session_duration_seconds`](Self::max_session_duration_seconds)).
    pub fn max_session_duration_seconds(mut self, seconds: i32) -> Self {
        self.max_session_duration_seconds = Some(seconds);
        self
    }

    /// Adds a session tag.
    pub fn session_tag(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.session_tags.insert(key.into(), value.into());
        self
    }

    /// Gives the caller S3 access of its own under `location` (`s3://bucket/prefix/`; see
    /// [`s3_access`](Self::s3_access)): how a test models an engine's ambient credentials.
    pub fn s3_access(mut self, location: impl Into<String>, access: S3Access) -> Self {
        self.s3_access.insert(location.into(), access);
        self
    }

    /// Declares the secret of the caller's own access key (see
    /// [`secret_access_key`](Self::secret_access_key)).
    ///
    /// ```
    /// use lakeformation_mock::lake::Principal;
    ///
    /// let p = Principal::new("AKIDENGINE", "arn:aws:iam::123456789012:role/engine").secret_access_key("s3cr3t");
    /// assert!(!format!("{p:?}").contains("s3cr3t"));
    /// ```
    pub fn secret_access_key(mut self, secret: impl Into<String>) -> Self {
        self.secret_access_key = Some(secret.into());
        self
    }

    /// The account id in the caller's ARN.
    pub fn arn_account_id(&self) -> Option<&str> {
        arn::account_of(&self.arn)
    }
}
