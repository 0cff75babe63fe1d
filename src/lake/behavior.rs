//! The lake's settings for what the service specification leaves unconfirmed.

use super::enums;
use crate::ErrorCode;
use serde::{Deserialize, Serialize};

/// How the lake behaves where Lake Formation's behaviour could not be confirmed against a live
/// account. Each default is the documented (or best) reading; change one to test a consumer
/// against the other reading. In a fixture, the settings go under the lake's `Behavior`, each
/// with the key shown (unset keys keep their defaults). In code, start from
/// [`Behavior::default()`] and chain the setters below (the fields are private, so settings
/// added later break no caller); behaviours compare with `==`.
///
/// | setting | fixture key | default | why |
/// |---|---|---|---|
/// | [`default_duration_seconds`](Self::default_duration_seconds) | `DefaultDurationSeconds` | 3600 | what consumers assume when `DurationSeconds` is omitted |
/// | [`table_max_duration_seconds`](Self::table_max_duration_seconds) | `TableMaxDurationSeconds` | 21,600 | the docs' cap for the table operation (the model says 43,200) |
/// | [`data_location_max_duration_seconds`](Self::data_location_max_duration_seconds) | `DataLocationMaxDurationSeconds` | 43,200 | the docs' and model's cap for data locations |
/// | [`vended_duration_cap_seconds`](Self::vended_duration_cap_seconds) | `VendedDurationCapSeconds` | none | the service *may* shorten a duration; by default it does not |
/// | [`max_session_duration_seconds`](Self::max_session_duration_seconds) | `MaxSessionDurationSeconds` (also a principal's) | none | a caller's session cap (one hour for tagged role chaining): longer durations refused |
/// | [`access_denied_status`](Self::access_denied_status) | `AccessDeniedStatus` | 400 | real responses carry 400 (the model says 403) |
/// | [`access_denied_code`](Self::access_denied_code) | `AccessDeniedCode` | `AccessDeniedException` | the code may also arrive as `AccessDenied` |
/// | [`refusal_messages`](Self::refusal_messages) | `RefusalMessages` | `true` | refusals may come without a `Message` (botocore#2624) |
/// | [`unregistered_location_error`](Self::unregistered_location_error) | `UnregisteredLocationError` | `EntityNotFound` | data location, or a table's or partition's location, not registered |
/// | [`location_without_table_error`](Self::location_without_table_error) | `LocationWithoutTableError` | `EntityNotFound` | no Glue table on the data location |
/// | [`location_denied_error`](Self::location_denied_error) | `LocationDeniedError` | `AccessDenied` | missing permission or vending off, data-location operation |
/// | [`other_region_location_error`](Self::other_region_location_error) | `OtherRegionLocationError` | `AccessDenied` | data location, or a table's or partition's location, registered in another region |
/// | [`other_region_request_error`](Self::other_region_request_error) | `OtherRegionRequestError` | `AccessDenied` | request sent to another region than the lake's |
/// | [`foreign_table_arn_error`](Self::foreign_table_arn_error) | `ForeignTableArnError` | `AccessDenied` | `TableArn` of another partition, region or account |
/// | [`s3_path_outside_table_error`](Self::s3_path_outside_table_error) | `S3PathOutsideTableError` | `InvalidInput` | `S3Path` not within the table location |
/// | [`vended_s3_path_without_s3_path`](Self::vended_s3_path_without_s3_path) | `VendedS3PathWithoutS3Path` | `TableLocation` | undocumented; StarRocks (an open-source SQL engine) says it is not always filled |
/// | [`accessible_data_locations`](Self::accessible_data_locations) | `AccessibleDataLocations` | `Requested` | may be the registered prefix over the requested path |
/// | [`data_location_scope_rule`](Self::data_location_scope_rule) | `DataLocationScopeRule` | `SelectForReadSuperForWrite` | the path-based vending doc of Amazon EMR (AWS's managed Spark and Hadoop service); **changed**: before, READWRITE needed SELECT plus a write permission (`SelectPlusWritePermission`) |
/// | [`data_location_session_tag_allowlisting`](Self::data_location_session_tag_allowlisting) | `DataLocationSessionTagAllowlisting` | `false` | the data-location doc names full-table access only |
/// | [`permission_type_coverage`](Self::permission_type_coverage) | `PermissionTypeCoverage` | `Hierarchy` | Glue was seen applying the hierarchy; vending is taken to apply it too (**changed**: vending needed each type by name, `Exact`) |
/// | [`s3_read_also_allows`](Self::s3_read_also_allows) | `S3ReadAlsoAllows` | none | which S3 operations a READ session allows beyond GetObject, HeadObject and ListObjectsV2 is unconfirmed (feature `s3`) |
///
/// ```
/// use lakeformation_mock::lake::Behavior;
/// use lakeformation_mock::ErrorCode;
///
/// let b = Behavior::default().access_denied_status(403).foreign_table_arn_error(ErrorCode::EntityNotFound);
/// assert_ne!(b, Behavior::default());
/// assert_eq!(b, Behavior::default().foreign_table_arn_error(ErrorCode::EntityNotFound).access_denied_status(403));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "PascalCase", deny_unknown_fields, default)]
#[must_use = "a behavior does nothing until it is given to a lake"]
pub struct Behavior {
    /// The duration of credentials when the request has no `DurationSeconds` (default 3600).
    #[serde(deserialize_with = "positive_seconds")]
    pub(crate) default_duration_seconds: i32,
    /// The largest `DurationSeconds` the table operation accepts (default 21,600, as documented;
    /// the model allows 43,200). At least 900, the smallest duration a request may ask for.
    #[serde(deserialize_with = "max_seconds")]
    pub(crate) table_max_duration_seconds: i32,
    /// The largest `DurationSeconds` the data-location operation accepts (default 43,200). At
    /// least 900.
    #[serde(deserialize_with = "max_seconds")]
    pub(crate) data_location_max_duration_seconds: i32,
    /// When set, longer durations are shortened to this many seconds, as the service may do
    /// (default: no shortening).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "cap_seconds")]
    pub(crate) vended_duration_cap_seconds: Option<i32>,
    /// The longest session a caller may be vended, in seconds, for principals that set no
    /// [`Principal::max_session_duration_seconds`](super::Principal::max_session_duration_seconds)
    /// (fixture key `MaxSessionDurationSeconds`; default `None`: no cap beyond the operation's).
    /// A longer `DurationSeconds` is refused with `InvalidInputException`, never shortened
    /// (StarRocks, an open-source SQL engine, saw 21600 and 43200 refused where 3600 worked: role chaining caps tagged sessions at one
    /// hour); a request with no `DurationSeconds` gets the default duration, at most this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) max_session_duration_seconds: Option<i32>,
    /// The HTTP status of `AccessDeniedException` (default 400 as seen; 403 is the modeled one),
    /// an error status from 400 to 599.
    #[serde(deserialize_with = "error_status")]
    #[cfg_attr(feature = "schema", schemars(range(min = 400, max = 599)))]
    pub(crate) access_denied_status: u16,
    /// The error code `AccessDenied` refusals are sent with (fixture key `AccessDeniedCode`;
    /// default `AccessDeniedException`, the modeled one). With `AccessDenied` the SDK decodes an
    /// `Unhandled` error whose `code()` is `Some("AccessDenied")`.
    pub(crate) access_denied_code: AccessDeniedCode,
    /// Whether refusals carry a `Message` (fixture key `RefusalMessages`; default `true`). With
    /// `false` every refusal of the lake has the body `{}`, so the SDK's `message()` is `None`.
    pub(crate) refusal_messages: bool,
    /// The error for a data location, or the location of a requested table or partition, under
    /// no registered location (default `EntityNotFound`).
    #[serde(with = "enums::error_code")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::fixture::enum_names::ErrorCodeName"))]
    pub(crate) unregistered_location_error: ErrorCode,
    /// The error for a registered data location with no Glue table (default `EntityNotFound`).
    #[serde(with = "enums::error_code")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::fixture::enum_names::ErrorCodeName"))]
    pub(crate) location_without_table_error: ErrorCode,
    /// The error for a data location the caller lacks permission on, or when vending is not
    /// allowed (default `AccessDenied`).
    #[serde(with = "enums::error_code")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::fixture::enum_names::ErrorCodeName"))]
    pub(crate) location_denied_error: ErrorCode,
    /// The error for a data location, or a table's or partition's location, registered in another
    /// region (default `AccessDenied`).
    #[serde(with = "enums::error_code")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::fixture::enum_names::ErrorCodeName"))]
    pub(crate) other_region_location_error: ErrorCode,
    /// The error for a request sent to another region than the lake's (the region of its SigV4
    /// credential scope, else of its endpoint host; default `AccessDenied`). A request that names
    /// no region (unsigned, to a loopback host) is not refused for its region.
    #[serde(with = "enums::error_code")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::fixture::enum_names::ErrorCodeName"))]
    pub(crate) other_region_request_error: ErrorCode,
    /// The error for a `TableArn` of another partition, region or account (default `AccessDenied`).
    #[serde(with = "enums::error_code")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::fixture::enum_names::ErrorCodeName"))]
    pub(crate) foreign_table_arn_error: ErrorCode,
    /// The error for an `S3Path` outside the table location (default `InvalidInput`).
    #[serde(with = "enums::error_code")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::fixture::enum_names::ErrorCodeName"))]
    pub(crate) s3_path_outside_table_error: ErrorCode,
    /// `VendedS3Path` of a table request with no `S3Path` (fixture key `VendedS3PathWithoutS3Path`;
    /// default `TableLocation`): the table location, or absent from the reply. The credentials
    /// cover the table location either way ([`VendedCredentials::locations`](super::VendedCredentials::locations)).
    pub(crate) vended_s3_path_without_s3_path: VendedS3PathWithoutS3Path,
    /// `AccessibleDataLocations` of a data-location request (fixture key
    /// `AccessibleDataLocations`; default `Requested`): the requested locations, or the registered
    /// location covering each of them (the AWS access-grants plugin caches under
    /// `AccessibleDataLocations[0]`).
    pub(crate) accessible_data_locations: AccessibleDataLocations,
    /// The permissions a data-location request needs on each associated table (fixture key
    /// `DataLocationScopeRule`; default `SelectForReadSuperForWrite`: `READ` needs an unrestricted
    /// SELECT, `READWRITE` an unrestricted ALL / SUPER_USER, as the path-based vending doc of
    /// Amazon EMR, AWS's managed Spark and Hadoop service, says). `SelectPlusWritePermission` is the lake's earlier rule.
    pub(crate) data_location_scope_rule: DataLocationScopeRule,
    /// Whether session-tag allowlisting also allows data-location credentials (default `false`:
    /// the operation's documentation names full-table access only).
    pub(crate) data_location_session_tag_allowlisting: bool,
    /// How the declared `SupportedPermissionTypes` cover the permission types that apply, for
    /// Glue and vending alike (fixture key `PermissionTypeCoverage`; default `Hierarchy`:
    /// `CELL_FILTER_PERMISSION` covers `COLUMN_PERMISSION`, and so on). `Exact` is the rule table
    /// vending followed before.
    pub(crate) permission_type_coverage: super::permission_types::PermissionTypeCoverage,
    /// The S3 operations (by name, `GetObjectAttributes`) READ keys may call beyond
    /// `GetObject`, `HeadObject` and `ListObjectsV2`, inside their scope (fixture key
    /// `S3ReadAlsoAllows`; default none: which others a READ session allows is unconfirmed).
    #[serde(default, skip_serializing_if = "Vec::is_empty", rename = "S3ReadAlsoAllows")]
    pub(crate) s3_read_also_allows: Vec<String>,
    /// How the lake issues and checks `QueryAuthorizationId`s (fixture key `QueryAuthorization`;
    /// feature `glue`); [`QueryAuthorizationBehavior::strict`](super::QueryAuthorizationBehavior::strict)
    /// requires one for table vending.
    #[cfg(feature = "glue")]
    pub(crate) query_authorization: super::query_authorization::QueryAuthorizationBehavior,
}

impl Default for Behavior {
    fn default() -> Self {
        Behavior {
            default_duration_seconds: 3600,
            table_max_duration_seconds: 21_600,
            data_location_max_duration_seconds: 43_200,
            vended_duration_cap_seconds: None,
            max_session_duration_seconds: None,
            access_denied_status: 400,
            access_denied_code: AccessDeniedCode::AccessDeniedException,
            refusal_messages: true,
            unregistered_location_error: ErrorCode::EntityNotFound,
            location_without_table_error: ErrorCode::EntityNotFound,
            location_denied_error: ErrorCode::AccessDenied,
            other_region_location_error: ErrorCode::AccessDenied,
            other_region_request_error: ErrorCode::AccessDenied,
            foreign_table_arn_error: ErrorCode::AccessDenied,
            s3_path_outside_table_error: ErrorCode::InvalidInput,
            vended_s3_path_without_s3_path: VendedS3PathWithoutS3Path::TableLocation,
            accessible_data_locations: AccessibleDataLocations::Requested,
            data_location_scope_rule: DataLocationScopeRule::SelectForReadSuperForWrite,
            data_location_session_tag_allowlisting: false,
            permission_type_coverage: Default::default(),
            s3_read_also_allows: Vec::new(),
            #[cfg(feature = "glue")] // glue:
            query_authorization: Default::default(),
        }
    }
}

/// The smallest `DurationSeconds` a request may ask for.
const MIN_MAX_SECONDS: i32 = crate::services::validation::MIN_DURATION_SECONDS;

fn positive_problem(seconds: i32) -> Option<String> {
    (seconds <= 0).then(|| format!("{seconds} seconds is no duration: give a positive number of seconds"))
}

fn max_problem(seconds: i32) -> Option<String> {
    (seconds < MIN_MAX_SECONDS).then(|| {
        format!(
            "a largest duration of {seconds} seconds is below {MIN_MAX_SECONDS}, the smallest a request may ask for, \
             so every request with `DurationSeconds` would be refused: give {MIN_MAX_SECONDS} or more"
        )
    })
}

fn checked<'de, D: serde::Deserializer<'de>, T: Deserialize<'de> + Copy>(
    d: D,
    problem: impl Fn(T) -> Option<String>,
) -> Result<T, D::Error> {
    let value = T::deserialize(d)?;
    match problem(value) {
        Some(p) => Err(serde::de::Error::custom(p)),
        None => Ok(value),
    }
}

fn positive_seconds<'de, D: serde::Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
    checked(d, positive_problem)
}

fn max_seconds<'de, D: serde::Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
    checked(d, max_problem)
}

fn cap_seconds<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i32>, D::Error> {
    checked(d, positive_problem).map(Some)
}

fn error_status<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
    checked(d, crate::script::reply::error_status_problem)
}

impl Behavior {
    /// What makes these settings unusable, each with its field: durations that are not
    /// positive, a largest duration below 900 seconds, an `AccessDeniedStatus` that is not an
    /// error status.
    pub(crate) fn problems(&self) -> Vec<String> {
        let found = [
            ("DefaultDurationSeconds", positive_problem(self.default_duration_seconds)),
            ("TableMaxDurationSeconds", max_problem(self.table_max_duration_seconds)),
            ("DataLocationMaxDurationSeconds", max_problem(self.data_location_max_duration_seconds)),
            ("VendedDurationCapSeconds", self.vended_duration_cap_seconds.and_then(positive_problem)),
            ("AccessDeniedStatus", crate::script::reply::error_status_problem(self.access_denied_status)),
        ];
        found.into_iter().filter_map(|(field, p)| Some(format!("Behavior.{field}: {}", p?))).collect()
    }

    /// Sets [`default_duration_seconds`](Self::default_duration_seconds).
    pub fn default_duration_seconds(mut self, seconds: i32) -> Self {
        self.default_duration_seconds = seconds;
        self
    }

    /// Sets [`table_max_duration_seconds`](Self::table_max_duration_seconds).
    pub fn table_max_duration_seconds(mut self, seconds: i32) -> Self {
        self.table_max_duration_seconds = seconds;
        self
    }

    /// Sets [`data_location_max_duration_seconds`](Self::data_location_max_duration_seconds).
    pub fn data_location_max_duration_seconds(mut self, seconds: i32) -> Self {
        self.data_location_max_duration_seconds = seconds;
        self
    }

    /// Sets [`vended_duration_cap_seconds`](Self::vended_duration_cap_seconds).
    pub fn vended_duration_cap_seconds(mut self, seconds: Option<i32>) -> Self {
        self.vended_duration_cap_seconds = seconds;
        self
    }

    /// Sets [`max_session_duration_seconds`](Self::max_session_duration_seconds).
    pub fn max_session_duration_seconds(mut self, seconds: Option<i32>) -> Self {
        self.max_session_duration_seconds = seconds;
        self
    }

    /// Sets [`access_denied_status`](Self::access_denied_status).
    pub fn access_denied_status(mut self, status: u16) -> Self {
        self.access_denied_status = status;
        self
    }

    /// Sets [`access_denied_code`](Self::access_denied_code).
    pub fn access_denied_code(mut self, code: AccessDeniedCode) -> Self {
        self.access_denied_code = code;
        self
    }

    /// Sets [`refusal_messages`](Self::refusal_messages).
    pub fn refusal_messages(mut self, on: bool) -> Self {
        self.refusal_messages = on;
        self
    }

    /// Sets [`unregistered_location_error`](Self::unregistered_location_error).
    pub fn unregistered_location_error(mut self, code: ErrorCode) -> Self {
        self.unregistered_location_error = code;
        self
    }

    /// Sets [`location_without_table_error`](Self::location_without_table_error).
    pub fn location_without_table_error(mut self, code: ErrorCode) -> Self {
        self.location_without_table_error = code;
        self
    }

    /// Sets [`location_denied_error`](Self::location_denied_error).
    pub fn location_denied_error(mut self, code: ErrorCode) -> Self {
        self.location_denied_error = code;
        self
    }

    /// Sets [`other_region_location_error`](Self::other_region_location_error).
    pub fn other_region_location_error(mut self, code: ErrorCode) -> Self {
        self.other_region_location_error = code;
        self
    }

    /// Sets [`other_region_request_error`](Self::other_region_request_error).
    pub fn other_region_request_error(mut self, code: ErrorCode) -> Self {
        self.other_region_request_error = code;
        self
    }

    /// Sets [`foreign_table_arn_error`](Self::foreign_table_arn_error).
    pub fn foreign_table_arn_error(mut self, code: ErrorCode) -> Self {
        self.foreign_table_arn_error = code;
        self
    }

    /// Sets [`s3_path_outside_table_error`](Self::s3_path_outside_table_error).
    pub fn s3_path_outside_table_error(mut self, code: ErrorCode) -> Self {
        self.s3_path_outside_table_error = code;
        self
    }

    /// Sets [`vended_s3_path_without_s3_path`](Self::vended_s3_path_without_s3_path).
    pub fn vended_s3_path_without_s3_path(mut self, choice: VendedS3PathWithoutS3Path) -> Self {
        self.vended_s3_path_without_s3_path = choice;
        self
    }

    /// Sets [`accessible_data_locations`](Self::accessible_data_locations).
    pub fn accessible_data_locations(mut self, choice: AccessibleDataLocations) -> Self {
        self.accessible_data_locations = choice;
        self
    }

    /// Sets [`data_location_scope_rule`](Self::data_location_scope_rule).
    pub fn data_location_scope_rule(mut self, rule: DataLocationScopeRule) -> Self {
        self.data_location_scope_rule = rule;
        self
    }

    /// Sets [`data_location_session_tag_allowlisting`](Self::data_location_session_tag_allowlisting).
    pub fn data_location_session_tag_allowlisting(mut self, on: bool) -> Self {
        self.data_location_session_tag_allowlisting = on;
        self
    }

    /// Sets [`permission_type_coverage`](Self::permission_type_coverage).
    pub fn permission_type_coverage(mut self, coverage: super::permission_types::PermissionTypeCoverage) -> Self {
        self.permission_type_coverage = coverage;
        self
    }

    /// Sets [`s3_read_also_allows`](Self::s3_read_also_allows): `["GetObjectAttributes"]`.
    pub fn s3_read_also_allows<S: Into<String>>(mut self, operations: impl IntoIterator<Item = S>) -> Self {
        self.s3_read_also_allows = operations.into_iter().map(Into::into).collect();
        self
    }
}

/// The error code the lake sends `AccessDenied` refusals with (see
/// [`Behavior::access_denied_code`]).
///
/// ```
/// use lakeformation_mock::lake::AccessDeniedCode;
///
/// assert_eq!(AccessDeniedCode::default().as_str(), "AccessDeniedException");
/// assert_eq!(serde_json::to_string(&AccessDeniedCode::AccessDenied).unwrap(), r#""AccessDenied""#);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum AccessDeniedCode {
    /// `AccessDeniedException`, the modeled code: the SDK decodes `AccessDeniedException`.
    #[default]
    AccessDeniedException,
    /// `AccessDenied`, which the AWS access-grants plugin also handles: the SDK decodes an
    /// `Unhandled` error with this code.
    AccessDenied,
}

impl AccessDeniedCode {
    /// The code as sent in `x-amzn-errortype`.
    pub fn as_str(&self) -> &'static str {
        match self {
            AccessDeniedCode::AccessDeniedException => "AccessDeniedException",
            AccessDeniedCode::AccessDenied => "AccessDenied",
        }
    }
}

/// What `VendedS3Path` is when a table request has no `S3Path` (see
/// [`Behavior::vended_s3_path_without_s3_path`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum VendedS3PathWithoutS3Path {
    /// The table location, as one element.
    #[default]
    TableLocation,
    /// No `VendedS3Path` in the reply at all.
    Absent,
}

/// What `AccessibleDataLocations` lists in a data-location reply (see
/// [`Behavior::accessible_data_locations`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum AccessibleDataLocations {
    /// The requested `DataLocations`, as requested.
    #[default]
    Requested,
    /// The registered location (as registered) that covers each requested location, each
    /// listed once, in request order.
    RegisteredLocation,
}

/// What a data-location request needs on each table associated with its locations (see
/// [`Behavior::data_location_scope_rule`]). Either way, vending must also be allowed (full-table
/// access, or session-tag allowlisting where configured).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum DataLocationScopeRule {
    /// `READ` needs SELECT on the whole table (a grant of SELECT, ALL or SUPER_USER limited to no
    /// columns and no cell filter); `READWRITE` needs ALL or SUPER_USER on the whole table. The
    /// rule of the path-based credential vending documentation of Amazon EMR (AWS's managed Spark
    /// and Hadoop service).
    #[default]
    SelectForReadSuperForWrite,
    /// `READ` needs SELECT (or ALL / SUPER_USER), possibly limited to some columns or cells;
    /// `READWRITE` needs that plus a write permission (INSERT, DELETE, ALL or SUPER_USER). The
    /// lake's rule before `SelectForReadSuperForWrite` became the default.
    SelectPlusWritePermission,
}
