//! How the lake issues and checks `QueryAuthorizationId`s: [`QueryAuthorizationBehavior`], a
//! [`Behavior`](super::Behavior) field (feature `glue`).

use crate::ErrorCode;
use crate::explain::hints::Language;
use serde::{Deserialize, Serialize};

/// How the lake issues and checks `QueryAuthorizationId`s: the settings for what the service
/// leaves unconfirmed (a [`Behavior`](super::Behavior) field, fixture key `QueryAuthorization`).
///
/// The lake issues an id with each `GetUnfilteredTableMetadata` answer for a table under a
/// registered location, and remembers the principal, the table, the query id and the expiry. A
/// `GetTemporaryGlueTableCredentials` request that carries an id
/// (`QuerySessionContext.QueryAuthorizationId`) is refused when the id is unknown (never issued,
/// or changed on the way back), another principal's, another table's or expired; the trace names
/// which. The check applies to every table, whether or not the lake has its schema (an id for a
/// table Glue cannot describe is one the lake did not issue).
///
/// Whether a request must carry an id at all is [`required_for_vending`](Self::required_for_vending):
/// off by default, on in the [strict handshake](Self::strict), which a test of an engine that
/// must do the handshake should use, so that an engine forgetting the id fails.
///
/// | setting | fixture key | default |
/// |---|---|---|
/// | [`lifetime_seconds`](Self::lifetime_seconds) | `LifetimeSeconds` | 3600 |
/// | [`issue_without_query_session_context`](Self::issue_without_query_session_context) | `IssueWithoutQuerySessionContext` | `true` (Oxidant, a Rust query engine that calls both services, expects an id without a context) |
/// | [`required_for_vending`](Self::required_for_vending) | `RequiredForVending` | `false`: full-table readers (Amazon EMR, AWS's managed Spark and Hadoop service) and Apache Iceberg (a table format; its AWS client factory) vend without one; `true` in [`strict`](Self::strict) |
/// | [`one_permission_type_for_vending`](Self::one_permission_type_for_vending) | `OnePermissionTypeForVending` | `false` (Glue's one-tier rule is live; vending's is unconfirmed) |
/// | [`error`](Self::error) | `Error` | `AccessDeniedException` (sent as [`Behavior::access_denied_code`](super::Behavior::access_denied_code) says) |
/// | [`message`](Self::message) | `Message` | none: a message naming the problem |
///
/// ```
/// use lakeformation_mock::lake::{Behavior, QueryAuthorizationBehavior};
/// use lakeformation_mock::ErrorCode;
///
/// let strict = QueryAuthorizationBehavior::default()
///     .required_for_vending(true)
///     .error(ErrorCode::InvalidInput)
///     .message("Invalid query authorization.");
/// let behavior = Behavior::default().query_authorization(strict.clone());
/// assert_ne!(behavior, Behavior::default());
/// assert_eq!(behavior, Behavior::default().query_authorization(strict));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "PascalCase", deny_unknown_fields, default)]
#[must_use = "a behavior does nothing until it is given to a lake"]
pub struct QueryAuthorizationBehavior {
    /// How long an id stays valid for vending, in seconds (at least 1).
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub(crate) lifetime_seconds: u64,
    /// Whether `GetUnfilteredTableMetadata` issues an id to a request without a
    /// `QuerySessionContext`.
    pub(crate) issue_without_query_session_context: bool,
    /// Whether every table-credentials request must carry a `QueryAuthorizationId` (the strict
    /// handshake, [`QueryAuthorizationBehavior::strict`]).
    pub(crate) required_for_vending: bool,
    /// Whether table vending refuses more than one `SupportedPermissionTypes` value, as Glue does.
    pub(crate) one_permission_type_for_vending: bool,
    /// The error a refused id is answered with.
    #[serde(with = "crate::lake::enums::error_code")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::fixture::enum_names::ErrorCodeName"))]
    pub(crate) error: ErrorCode,
    /// The message of every refused id; `None`: a message naming the problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) message: Option<String>,
}

impl Default for QueryAuthorizationBehavior {
    fn default() -> Self {
        QueryAuthorizationBehavior {
            lifetime_seconds: 3600,
            issue_without_query_session_context: true,
            required_for_vending: false,
            one_permission_type_for_vending: false,
            error: ErrorCode::AccessDenied,
            message: None,
        }
    }
}

impl QueryAuthorizationBehavior {
    /// The strict handshake: every `GetTemporaryGlueTableCredentials` request must carry, in
    /// `QuerySessionContext.QueryAuthorizationId`, an id that Glue's `GetUnfilteredTableMetadata`
    /// issued to the same principal for the same table, unexpired and passed back unchanged. A
    /// request without one is refused with a message that names the Glue call that issued the
    /// id it should have carried ("GetTemporaryGlueTableCredentials for table ... carried no
    /// QueryAuthorizationId ...; GetUnfilteredTableMetadata (request #0) issued ... to ... for
    /// this table"). The other settings keep their defaults. Fixture:
    /// `"Behavior": {"QueryAuthorization": {"RequiredForVending": true}}`; in code also
    /// [`LakeBuilder::strict_handshake`](crate::lake::LakeBuilder::strict_handshake).
    ///
    /// **Why it is not the default.** The service does not require the id of every caller:
    /// full-table readers such as Amazon EMR (AWS's managed Spark and Hadoop service) send only
    /// `TableArn` and `AuditContext` (AWS's CloudTrail samples), and the AWS client factory of
    /// Apache Iceberg (a table format), `LakeFormationAwsClientFactory`, sends no
    /// `QuerySessionContext` at all, and both are vended credentials. Only engines that filter
    /// rows and columns themselves (StarRocks, an open-source SQL engine; duckdb, an embedded SQL
    /// database, and its Lake Formation extension) pass the id
    /// Glue issued, unchanged on renewal. A default lake therefore vends without an id (and
    /// still checks one it is given); a test of an engine of the second kind uses the strict
    /// handshake, so that an engine that forgets the id fails its test instead of passing. To
    /// loosen it again, `.required_for_vending(false)`.
    ///
    /// ```
    /// use lakeformation_mock::lake::{Behavior, QueryAuthorizationBehavior};
    ///
    /// let strict = QueryAuthorizationBehavior::strict();
    /// assert_eq!(strict, QueryAuthorizationBehavior::default().required_for_vending(true));
    /// assert_eq!(strict.clone().required_for_vending(false), QueryAuthorizationBehavior::default());
    /// let _behavior = Behavior::default().query_authorization(strict);
    /// ```
    pub fn strict() -> Self {
        QueryAuthorizationBehavior::default().required_for_vending(true)
    }

    /// Sets [`lifetime_seconds`](Self::lifetime_seconds).
    pub fn lifetime_seconds(mut self, seconds: u64) -> Self {
        self.lifetime_seconds = seconds;
        self
    }

    /// Sets [`issue_without_query_session_context`](Self::issue_without_query_session_context).
    pub fn issue_without_query_session_context(mut self, on: bool) -> Self {
        self.issue_without_query_session_context = on;
        self
    }

    /// Sets [`required_for_vending`](Self::required_for_vending).
    pub fn required_for_vending(mut self, on: bool) -> Self {
        self.required_for_vending = on;
        self
    }

    /// Sets [`one_permission_type_for_vending`](Self::one_permission_type_for_vending).
    pub fn one_permission_type_for_vending(mut self, on: bool) -> Self {
        self.one_permission_type_for_vending = on;
        self
    }

    /// Sets [`error`](Self::error).
    pub fn error(mut self, code: ErrorCode) -> Self {
        self.error = code;
        self
    }

    /// Sets [`message`](Self::message).
    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self
    }

    pub(crate) fn problems(&self, language: Language) -> Vec<String> {
        if self.lifetime_seconds == 0 {
            let setting = match language {
                Language::Rust => "QueryAuthorizationBehavior::lifetime_seconds",
                Language::Fixture => "Behavior.QueryAuthorization.LifetimeSeconds",
            };
            vec![format!("{setting}: must be at least 1")]
        } else {
            Vec::new()
        }
    }
}
