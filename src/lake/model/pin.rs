//! A pin as plain data: values the lake answers with instead of drawing them (vended keys and
//! `Expiration`, Glue's `QueryAuthorizationId`), for a principal, a table or both. Which pin
//! applies to a call is decided in `lake/pinning.rs`.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Values the lake answers with instead of drawing them: for the calls of one principal, on one
/// table, or both (neither: every call). Fixture key `Pins` of the lake.
///
/// A pin applies to a vending call when its [`principal`](Self::principal) (if set) is the
/// caller's ARN and its table (if set) is the table vended (for a data location, one of the
/// tables associated with it; for a partition, its table). Each value comes from the first pin,
/// in the order added, that applies and sets it; values no pin sets are drawn as usual. So put
/// the most specific pins first.
///
/// - [`access_key_id`](Self::access_key_id), [`secret_access_key`](Self::secret_access_key),
///   [`session_token`](Self::session_token): the keys of every vending it applies to (the real
///   service vends fresh keys on every call; a pinned key is the same on each, and
///   [`Lake::vended`](crate::lake::Lake::vended) finds the latest record vended with it).
/// - [`expiration`](Self::expiration): the `Expiration` sent, in whole seconds since the epoch,
///   instead of the issue time plus the duration (a time before the issue time gives credentials
///   that are expired on arrival).
/// - `query_authorization_id` (feature `glue`): the id `GetUnfilteredTableMetadata` issues; the
///   vending check accepts it as it accepts a drawn one (issued to that principal, for that
///   table, unexpired).
///
/// Use obviously fake values, never real-looking ones.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use aws_sdk_lakeformation::types::Permission;
/// use aws_smithy_types::DateTime;
/// use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, Pin, Principal, Table};
/// use lakeformation_mock::MockLakeFormation;
/// use std::time::{Duration, UNIX_EPOCH};
///
/// let role = "arn:aws:iam::123456789012:role/reader";
/// let lake = Lake::builder()
///     .settings(DataLakeSettings::default().allow_full_table_external_data_access(true))
///     .register_location("s3://lake/")
///     .table(Table::new("db", "t").location("s3://lake/db/t/"))
///     .principal(Principal::new("AKIDREADER", role))
///     .grant(Grant::new(role, "db", "t", [Permission::Select]))
///     .pin(
///         Pin::new()
///             .principal(role)
///             .keys("ASIAPINNEDFAKE000001", "pinned-fake-secret", "pinned-fake-token")
///             .expiration(UNIX_EPOCH + Duration::from_secs(1_900_000_000)),
///     )
///     .build();
/// let mock = MockLakeFormation::new().with_lake(&lake);
/// let out = mock.client_as("AKIDREADER").get_temporary_glue_table_credentials()
///     .table_arn("arn:aws:glue:us-east-1:123456789012:table/db/t").send().await.unwrap();
/// assert_eq!(out.access_key_id(), Some("ASIAPINNEDFAKE000001"));
/// assert_eq!(out.secret_access_key(), Some("pinned-fake-secret"));
/// assert_eq!(out.session_token(), Some("pinned-fake-token"));
/// assert_eq!(out.expiration(), Some(&DateTime::from_secs(1_900_000_000)));
/// assert_eq!(lake.vended("ASIAPINNEDFAKE000001").unwrap().principal_arn(), role);
/// # }
/// ```
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
#[must_use = "a pin does nothing until it is added to a lake"]
#[non_exhaustive]
pub struct Pin {
    /// The ARN of the principal whose calls it applies to (`None`: any principal's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub principal: Option<String>,
    /// The database of the table it applies to (with [`table`](Self::table); `None`: any table).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database: Option<String>,
    /// The name of the table it applies to (with [`database`](Self::database)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// The `AccessKeyId` vended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_key_id: Option<String>,
    /// The `SecretAccessKey` vended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_access_key: Option<String>,
    /// The `SessionToken` vended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_token: Option<String>,
    /// The `Expiration` vended, in whole seconds since the epoch (`1900000000`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration: Option<i64>,
    /// The `QueryAuthorizationId` Glue's `GetUnfilteredTableMetadata` issues (feature `glue`;
    /// 1 to 255 characters, as the model allows).
    #[cfg(feature = "glue")]
    #[cfg_attr(docsrs, doc(cfg(feature = "glue")))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_authorization_id: Option<String>,
}

impl Pin {
    /// A pin for every call, pinning nothing yet: narrow it with [`principal`](Self::principal)
    /// and [`table`](Self::table), then set the values.
    pub fn new() -> Pin {
        Pin::default()
    }

    /// Applies the pin only to the calls of the principal with this ARN.
    pub fn principal(mut self, arn: impl Into<String>) -> Self {
        self.principal = Some(arn.into());
        self
    }

    /// Applies the pin only to table `database.name`.
    pub fn table(mut self, database: impl Into<String>, name: impl Into<String>) -> Self {
        self.database = Some(database.into());
        self.table = Some(name.into());
        self
    }

    /// Pins all three keys.
    pub fn keys(
        self,
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: impl Into<String>,
    ) -> Self {
        self.access_key_id(access_key_id).secret_access_key(secret_access_key).session_token(session_token)
    }

    /// Pins the `AccessKeyId`.
    pub fn access_key_id(mut self, value: impl Into<String>) -> Self {
        self.access_key_id = Some(value.into());
        self
    }

    /// Pins the `SecretAccessKey`.
    pub fn secret_access_key(mut self, value: impl Into<String>) -> Self {
        self.secret_access_key = Some(value.into());
        self
    }

    /// Pins the `SessionToken`.
    pub fn session_token(mut self, value: impl Into<String>) -> Self {
        self.session_token = Some(value.into());
        self
    }

    /// Pins the `Expiration`, truncated to the whole second (before the epoch: to the second
    /// before).
    pub fn expiration(mut self, at: SystemTime) -> Self {
        self.expiration = Some(match at.duration_since(UNIX_EPOCH) {
            Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
            Err(before) => {
                let before = before.duration();
                let seconds = before.as_secs() + u64::from(before.subsec_nanos() > 0);
                i64::try_from(seconds).map_or(i64::MIN, |s| -s)
            }
        });
        self
    }

    /// Pins the `QueryAuthorizationId` Glue issues (feature `glue`).
    #[cfg(feature = "glue")]
    #[cfg_attr(docsrs, doc(cfg(feature = "glue")))]
    pub fn query_authorization_id(mut self, id: impl Into<String>) -> Self {
        self.query_authorization_id = Some(id.into());
        self
    }

    /// Whether it sets no value at all.
    pub(crate) fn is_empty(&self) -> bool {
        let id = {
            #[cfg(feature = "glue")]
            {
                self.query_authorization_id.is_none()
            }
            #[cfg(not(feature = "glue"))]
            {
                true
            }
        };
        self.access_key_id.is_none()
            && self.secret_access_key.is_none()
            && self.session_token.is_none()
            && self.expiration.is_none()
            && id
    }
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted = |value: &Option<String>| value.as_ref().map(|_| crate::REDACTED);
        let mut d = f.debug_struct("Pin");
        d.field("principal", &self.principal)
            .field("database", &self.database)
            .field("table", &self.table)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &redacted(&self.secret_access_key))
            .field("session_token", &redacted(&self.session_token))
            .field("expiration", &self.expiration);
        #[cfg(feature = "glue")]
        d.field("query_authorization_id", &self.query_authorization_id);
        d.finish()
    }
}

/// The `Expiration` of a pin as a time.
pub(crate) fn time_of(seconds: i64) -> Option<SystemTime> {
    let magnitude = Duration::from_secs(seconds.unsigned_abs());
    if seconds >= 0 { UNIX_EPOCH.checked_add(magnitude) } else { UNIX_EPOCH.checked_sub(magnitude) }
}
