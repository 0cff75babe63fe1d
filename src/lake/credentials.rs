//! Vended credentials: how they are generated, and the record the lake keeps of each.

use super::grant::Grant;
use super::model::Principal;
use super::s3;
use crate::Operation;
use crate::services::Output;
use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsOutput;
use aws_sdk_lakeformation::operation::get_temporary_glue_partition_credentials::GetTemporaryGluePartitionCredentialsOutput;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsOutput;
use aws_sdk_lakeformation::types::{CredentialsScope, Permission, TemporaryCredentials};
use aws_smithy_types::DateTime;
use base64::Engine;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

const UPPER_ALPHANUMERIC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const SECRET_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+";
/// Real session tokens start with these bytes (`IQoJb3JpZ2luX2Vj` in base64).
const TOKEN_PREFIX: &[u8] = b"!\n\torigin_ec";
const TOKEN_RANDOM_BYTES: usize = 300;

/// A set of temporary keys, kept as one text: the access key id, the secret, then the session
/// token (a lake keeps one per call, so one allocation, not three).
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Keys {
    text: Arc<str>,
    /// Where the access key id and the secret end in `text`.
    ends: [usize; 2],
}

impl Keys {
    pub(crate) fn access_key_id(&self) -> &str {
        &self.text[..self.ends[0]]
    }

    pub(crate) fn secret_access_key(&self) -> &str {
        &self.text[self.ends[0]..self.ends[1]]
    }

    pub(crate) fn session_token(&self) -> &str {
        &self.text[self.ends[1]..]
    }

    /// These keys with the pinned ones in their place.
    pub(crate) fn pinned(self, pinned: &Pinned) -> Keys {
        if pinned.access_key_id.is_none() && pinned.secret_access_key.is_none() && pinned.session_token.is_none() {
            return self;
        }
        let access_key_id = pinned.access_key_id.as_deref().unwrap_or(self.access_key_id());
        let secret = pinned.secret_access_key.as_deref().unwrap_or(self.secret_access_key());
        let token = pinned.session_token.as_deref().unwrap_or(self.session_token());
        let text = format!("{access_key_id}{secret}{token}");
        Keys { text: text.into(), ends: [access_key_id.len(), access_key_id.len() + secret.len()] }
    }
}

fn pick(rng: &mut fastrand::Rng, alphabet: &[u8], out: &mut String, len: usize) {
    out.extend((0..len).map(|_| char::from(alphabet[rng.usize(..alphabet.len())])));
}

/// Draws keys in the real formats: `ASIA` + 16 uppercase alphanumerics, a 40-character secret
/// of `[A-Za-z0-9/+]`, and a base64 session token of a little over 400 characters.
pub(crate) fn generate(rng: &mut fastrand::Rng) -> Keys {
    const TOKEN_LEN: usize = TOKEN_PREFIX.len() + TOKEN_RANDOM_BYTES;
    // The three keys are drawn one after the other into the text they are kept as.
    let mut text = String::with_capacity(ACCESS_KEY_ID_LEN + SECRET_LEN + TOKEN_LEN.div_ceil(3) * 4);
    text.push_str("ASIA");
    pick(rng, UPPER_ALPHANUMERIC, &mut text, ACCESS_KEY_ID_LEN - 4);
    let access_key_id_end = text.len();
    pick(rng, SECRET_CHARS, &mut text, SECRET_LEN);
    let secret_end = text.len();
    let mut token = [0u8; TOKEN_LEN];
    token[..TOKEN_PREFIX.len()].copy_from_slice(TOKEN_PREFIX);
    rng.fill(&mut token[TOKEN_PREFIX.len()..]);
    base64::engine::general_purpose::STANDARD.encode_string(token, &mut text);
    Keys { text: text.into(), ends: [access_key_id_end, secret_end] }
}

/// The length of the secret access keys the lake vends.
const SECRET_LEN: usize = 40;

/// The length of the access key ids the lake vends (`ASIA` + 16).
pub(crate) const ACCESS_KEY_ID_LEN: usize = 20;

/// The values pinned for a vending, each `None` when drawn.
#[derive(Default)]
pub(crate) struct Pinned {
    pub(crate) access_key_id: Option<String>,
    pub(crate) secret_access_key: Option<String>,
    pub(crate) session_token: Option<String>,
    pub(crate) expiration: Option<SystemTime>,
}

impl Pinned {
    /// The keys of the values pinned (`AccessKeyId`...).
    pub(crate) fn names(&self) -> Vec<&'static str> {
        [
            ("AccessKeyId", self.access_key_id.is_some()),
            ("SecretAccessKey", self.secret_access_key.is_some()),
            ("SessionToken", self.session_token.is_some()),
            ("Expiration", self.expiration.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, pinned)| pinned.then_some(name))
        .collect()
    }
}

/// What credentials are vended for: the decision of the lake, before keys and times.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Purpose {
    pub(crate) caller_access_key_id: String,
    pub(crate) principal_arn: String,
    pub(crate) operation: Operation,
    pub(crate) tables: Vec<String>,
    /// The grant each of `tables` was vended under (the one giving SELECT).
    pub(crate) grants: Vec<Grant>,
    pub(crate) locations: Vec<String>,
    /// Whether the reply names `locations` (`VendedS3Path` may be left out).
    pub(crate) locations_sent: bool,
    pub(crate) scope: CredentialsScope,
    pub(crate) permissions: Vec<Permission>,
    // glue: the QueryAuthorizationId the vending was checked against (src/lake/authorization/vending.rs)
    #[cfg(feature = "glue")]
    pub(crate) query_authorization_id: Option<String>,
    /// The partition's values, for credentials vended for one partition.
    pub(crate) partition_values: Option<Vec<String>>,
}

impl Purpose {
    /// What `principal` is vended by `operation`, before the decision fills in what for: no
    /// tables, grants, locations or permissions yet, a READ scope, no partition.
    pub(crate) fn new(principal: &Principal, operation: Operation) -> Purpose {
        Purpose {
            caller_access_key_id: principal.access_key_id.clone(),
            principal_arn: principal.arn.clone(),
            operation,
            tables: Vec::new(),
            grants: Vec::new(),
            locations: Vec::new(),
            locations_sent: false,
            scope: CredentialsScope::Read,
            permissions: Vec::new(),
            #[cfg(feature = "glue")]
            query_authorization_id: None,
            partition_values: None,
        }
    }
}

/// What the lake vended, to whom, for what, and until when: one record per successful call.
///
/// Ask the lake with [`Lake::vended`](super::Lake::vended) to check that a consumer uses
/// credentials only within what they were vended for. `Debug` never shows the secret or token.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use aws_sdk_lakeformation::types::{CredentialsScope, Permission};
/// use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, Principal, Table};
/// use lakeformation_mock::MockLakeFormation;
///
/// let role = "arn:aws:iam::123456789012:role/reader";
/// let lake = Lake::builder()
///     .settings(DataLakeSettings::default().allow_full_table_external_data_access(true))
///     .register_location("s3://lake/")
///     .table(Table::new("db", "t").location("s3://lake/db/t/"))
///     .principal(Principal::new("AKIDREADER", role))
///     .grant(Grant::new(role, "db", "t", [Permission::Select]))
///     .build();
/// let mock = MockLakeFormation::new().with_lake(&lake);
///
/// let out = mock.client_as("AKIDREADER").get_temporary_glue_table_credentials()
///     .table_arn("arn:aws:glue:us-east-1:123456789012:table/db/t").send().await.unwrap();
/// let vended = lake.vended(out.access_key_id().unwrap()).unwrap();
/// assert_eq!(vended.principal_arn(), role);
/// assert_eq!(vended.scope(), &CredentialsScope::Read);
/// assert!(vended.covers("s3://lake/db/t/part-0.parquet"));
/// assert!(!vended.covers("s3://lake/db/other/"));
/// assert_eq!(vended.duration().as_secs(), 3600);
/// // Vended under an unrestricted grant: every column, every row.
/// assert_eq!(vended.column_names(), None);
/// assert_eq!(vended.cell_filter_name(), None);
/// assert!(!format!("{vended:?}").contains(vended.secret_access_key()));
/// # }
/// ```
#[derive(Clone, PartialEq)]
pub struct VendedCredentials {
    pub(crate) keys: Keys,
    /// Shared by the records of calls vended for the same purpose.
    pub(crate) purpose: Arc<Purpose>,
    pub(crate) issued_at: SystemTime,
    pub(crate) expires_at: SystemTime,
}

impl VendedCredentials {
    /// The temporary access key id (`ASIA...`).
    pub fn access_key_id(&self) -> &str {
        self.keys.access_key_id()
    }

    /// The temporary secret access key.
    pub fn secret_access_key(&self) -> &str {
        self.keys.secret_access_key()
    }

    /// The session token.
    pub fn session_token(&self) -> &str {
        self.keys.session_token()
    }

    /// The access key id of the call that obtained them.
    pub fn caller_access_key_id(&self) -> &str {
        &self.purpose.caller_access_key_id
    }

    /// The ARN of the principal they were vended to.
    pub fn principal_arn(&self) -> &str {
        &self.purpose.principal_arn
    }

    /// The operation that vended them.
    pub fn operation(&self) -> &Operation {
        &self.purpose.operation
    }

    /// The output the lake answers with: these credentials, as the operation that vended them
    /// sends them.
    pub(crate) fn output(&self) -> Output {
        let expiration = DateTime::from(self.expires_at);
        let locations = self.sent_locations().map(<[String]>::to_vec);
        match self.operation() {
            Operation::GetTemporaryDataLocationCredentials => {
                let credentials = TemporaryCredentials::builder()
                    .access_key_id(self.access_key_id())
                    .secret_access_key(self.secret_access_key())
                    .session_token(self.session_token())
                    .expiration(expiration)
                    .build();
                let output = GetTemporaryDataLocationCredentialsOutput::builder()
                    .credentials(credentials)
                    .set_accessible_data_locations(locations)
                    .credentials_scope(self.scope().clone())
                    .build();
                Output::DataLocation(output)
            }
            Operation::GetTemporaryGluePartitionCredentials => {
                let output = GetTemporaryGluePartitionCredentialsOutput::builder()
                    .access_key_id(self.access_key_id())
                    .secret_access_key(self.secret_access_key())
                    .session_token(self.session_token())
                    .expiration(expiration)
                    .build();
                Output::GluePartition(output)
            }
            _ => {
                let output = GetTemporaryGlueTableCredentialsOutput::builder()
                    .access_key_id(self.access_key_id())
                    .secret_access_key(self.secret_access_key())
                    .session_token(self.session_token())
                    .expiration(expiration)
                    .set_vended_s3_path(locations)
                    .build();
                Output::GlueTable(output)
            }
        }
    }

    /// The values of the partition they were vended for (`GetTemporaryGluePartitionCredentials`),
    /// in the order of the table's partition keys; `None` for table or data-location credentials.
    /// Their [`locations`](Self::locations) are then the partition's location alone.
    pub fn partition_values(&self) -> Option<&[String]> {
        self.purpose.partition_values.as_deref()
    }

    /// The ARNs of the tables they give access to: the requested table, or the tables
    /// associated with the data locations.
    pub fn tables(&self) -> &[String] {
        &self.purpose.tables
    }

    /// The grants they were vended under, one for each of [`tables`](Self::tables), in the same
    /// order: on each table, the caller's grant that gives SELECT (an unrestricted one when the
    /// caller holds one). An engine given these credentials must enforce its restrictions: read
    /// only its [`columns`](Grant::columns), apply its [`cell_filter`](Grant::cell_filter).
    pub fn grants(&self) -> &[Grant] {
        &self.purpose.grants
    }

    /// The grant they were vended under: for table credentials, the grant on the table; for a
    /// data location spanning several tables, the grant on the first (see [`grants`](Self::grants)).
    pub fn grant_used(&self) -> Option<&Grant> {
        self.purpose.grants.first()
    }

    /// The columns the engine may read under [`grant_used`](Self::grant_used): `None` means every column.
    ///
    /// A restricted grant can only be vended under by session-tag allowlisting, to an engine
    /// trusted to enforce it; a test checks that the engine read no other column.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use aws_sdk_lakeformation::types::{Permission, PermissionType};
    /// use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, Principal, Table};
    /// use lakeformation_mock::MockLakeFormation;
    ///
    /// let engine = "arn:aws:iam::123456789012:role/engine";
    /// let lake = Lake::builder()
    ///     .settings(DataLakeSettings::default().allow_external_data_filtering(true)
    ///         .external_data_filtering_allow("123456789012").authorized_session_tag_value("engine-x"))
    ///     .register_location("s3://lake/")
    ///     .table(Table::new("db", "t").location("s3://lake/db/t/"))
    ///     .principal(Principal::new("AKIDENGINE", engine).session_tag("LakeFormationAuthorizedCaller", "engine-x"))
    ///     .grant(Grant::new(engine, "db", "t", [Permission::Select]).cell_filter("eu-rows"))
    ///     .build();
    /// let mock = MockLakeFormation::new().with_lake(&lake);
    /// let out = mock.client_as("AKIDENGINE").get_temporary_glue_table_credentials()
    ///     .table_arn("arn:aws:glue:us-east-1:123456789012:table/db/t")
    ///     .supported_permission_types(PermissionType::CellFilterPermission).send().await.unwrap();
    /// let vended = lake.vended(out.access_key_id().unwrap()).unwrap();
    /// assert_eq!(vended.column_names(), None);
    /// assert_eq!(vended.cell_filter_name(), Some("eu-rows"));
    /// assert!(vended.grant_used().unwrap().is_restricted());
    /// # }
    /// ```
    pub fn column_names(&self) -> Option<&[String]> {
        self.grant_used().map(|g| g.columns.as_slice()).filter(|columns| !columns.is_empty())
    }

    /// The data cell filter (its name) the engine must apply under [`grant_used`](Self::grant_used):
    /// `None` means every row and column the grant's [`column_names`](Self::column_names) allow.
    pub fn cell_filter_name(&self) -> Option<&str> {
        self.grant_used().and_then(|g| g.cell_filter.as_deref())
    }

    /// The S3 locations they give access to: what the reply named as `VendedS3Path` or
    /// `AccessibleDataLocations` (the table location when `VendedS3Path` was left out, see
    /// [`sent_locations`](Self::sent_locations)); for partition credentials, the partition's
    /// location alone (the reply names none).
    pub fn locations(&self) -> &[String] {
        &self.purpose.locations
    }

    /// The locations the reply named (`VendedS3Path` or `AccessibleDataLocations`), `None` when
    /// it named none ([`Behavior::vended_s3_path_without_s3_path`](super::Behavior::vended_s3_path_without_s3_path)).
    pub fn sent_locations(&self) -> Option<&[String]> {
        self.purpose.locations_sent.then_some(self.purpose.locations.as_slice())
    }

    /// `READ`, or `READWRITE` (data-location `READWRITE` requests, or table requests whose
    /// `Permissions` include a write permission).
    pub fn scope(&self) -> &CredentialsScope {
        &self.purpose.scope
    }

    /// The permissions the credentials were vended for (`SELECT` when the request named none).
    pub fn permissions(&self) -> &[Permission] {
        &self.purpose.permissions
    }

    /// When they were vended, by the calling client's clock, truncated to the whole second.
    pub fn issued_at(&self) -> SystemTime {
        self.issued_at
    }

    /// When they expire (the `Expiration` sent): a whole second.
    pub fn expires_at(&self) -> SystemTime {
        self.expires_at
    }

    /// [`expires_at`](Self::expires_at) as the SDK's `DateTime`: equal (`==`) to the
    /// `Expiration` the SDK decodes.
    pub fn expires_at_date_time(&self) -> DateTime {
        DateTime::from(self.expires_at)
    }

    /// The effective duration: `expires_at - issued_at`.
    pub fn duration(&self) -> Duration {
        self.expires_at.duration_since(self.issued_at).unwrap_or_default()
    }

    /// Whether they are still valid at `time`.
    pub fn is_valid_at(&self, time: SystemTime) -> bool {
        time < self.expires_at
    }

    /// Whether `s3_uri` (an object or prefix) lies within one of [`locations`](Self::locations),
    /// on path boundaries.
    pub fn covers(&self, s3_uri: &str) -> bool {
        self.purpose.locations.iter().any(|location| s3::covers(location, s3_uri))
    }

    /// Whether they allow writing (scope `READWRITE`).
    pub fn allows_write(&self) -> bool {
        self.purpose.scope == CredentialsScope::Readwrite
    }
}

impl fmt::Debug for VendedCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VendedCredentials")
            .field("access_key_id", &self.access_key_id())
            .field("secret_access_key", &crate::REDACTED)
            .field("session_token", &crate::REDACTED)
            .field("caller_access_key_id", &self.purpose.caller_access_key_id)
            .field("principal_arn", &self.purpose.principal_arn)
            .field("operation", &self.purpose.operation)
            .field("tables", &self.purpose.tables)
            .field("partition_values", &self.purpose.partition_values)
            .field("grants", &self.purpose.grants)
            .field("locations", &self.purpose.locations)
            .field("scope", &self.purpose.scope)
            .field("permissions", &self.purpose.permissions)
            .field("issued_at", &DateTime::from(self.issued_at))
            .field("expires_at", &self.expires_at_date_time())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_have_the_real_formats() {
        let mut rng = fastrand::Rng::with_seed(7);
        let keys = generate(&mut rng);
        assert_eq!(keys.access_key_id().len(), 20);
        assert!(keys.access_key_id().starts_with("ASIA"));
        assert!(keys.access_key_id().bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
        assert_eq!(keys.secret_access_key().len(), 40);
        assert!(keys.secret_access_key().bytes().all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'+'));
        assert!(keys.session_token().starts_with("IQoJb3JpZ2luX2Vj"));
        assert!(keys.session_token().len() > 400);
    }
}
