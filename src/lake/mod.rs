//! The simulated lake: a model of a Lake Formation account that answers the credential-vending
//! operations the way the service does, for whatever no scripted rule answers.
//!
//! A [`Lake`] holds a [`LakeModel`] (account, [`DataLakeSettings`], registered [`Location`]s,
//! [`Table`]s, [`Principal`]s, [`Grant`]s and the [`Behavior`] settings for what the
//! specification leaves unconfirmed) and the record of every credential it vended
//! ([`VendedCredentials`]). Mount it on a mock with [`MockLakeFormation::with_lake`](crate::MockLakeFormation::with_lake) or
//! [`MockLakeFormation::set_lake`](crate::MockLakeFormation::set_lake); rules mounted on the mock still take precedence, and every
//! lake answer is journaled like a rule's.
//!
//! The caller is identified by the access key id its request is signed with (use
//! [`MockLakeFormation::client_as`](crate::MockLakeFormation::client_as)); `Expiration` is computed from the calling client's own time
//! source, so a client built with a test clock controls it, and is a whole number of seconds (as
//! STS issues it), so the SDK decodes exactly what the lake recorded. The lake answers only
//! requests sent to its own region ([`Behavior::other_region_request_error`]).
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsError;
//! use aws_sdk_lakeformation::types::{Permission, PermissionType};
//! use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, Principal, Table};
//! use lakeformation_mock::MockLakeFormation;
//!
//! let engine = "arn:aws:iam::123456789012:role/engine";
//! let lake = Lake::builder()
//!     .account_id("123456789012")
//!     .region("us-east-1")
//!     .settings(
//!         DataLakeSettings::default()
//!             .allow_external_data_filtering(true)
//!             .external_data_filtering_allow("123456789012")
//!             .authorized_session_tag_value("engine-x"),
//!     )
//!     .register_location("s3://lake/")
//!     .table(Table::new("sales", "orders").location("s3://lake/sales/orders/").column_policy())
//!     .principal(Principal::new("AKIDENGINE", engine).session_tag("LakeFormationAuthorizedCaller", "engine-x"))
//!     .grant(Grant::new(engine, "sales", "orders", [Permission::Select]))
//!     .build();
//! let mock = MockLakeFormation::new().with_lake(&lake);
//! let client = mock.client_as("AKIDENGINE");
//! let arn = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";
//!
//! let out = client.get_temporary_glue_table_credentials().table_arn(arn)
//!     .supported_permission_types(PermissionType::ColumnPermission).send().await.unwrap();
//! assert!(out.access_key_id().unwrap().starts_with("ASIA"));
//! assert_eq!(out.vended_s3_path(), ["s3://lake/sales/orders/"]);
//!
//! // The table has a column policy: a caller that does not declare COLUMN_PERMISSION is refused.
//! let err = client.get_temporary_glue_table_credentials().table_arn(arn).send().await.unwrap_err();
//! assert!(matches!(err.into_service_error(), GetTemporaryGlueTableCredentialsError::PermissionTypeMismatchException(_)));
//! # }
//! ```

pub(crate) mod arn;
// glue: the QueryAuthorizationId handshake and what Glue answers from (feature `glue`)
#[cfg(feature = "glue")]
mod authorization;
mod behavior;
mod catalog;
mod credentials;
mod decide;
mod edit;
mod enums;
mod grant;
mod model;
mod permission_types;
mod pin;
mod s3;
#[cfg(feature = "glue")]
mod schema;
mod validate;

pub use crate::explain::trace::Trace;
#[cfg(feature = "glue")]
pub use authorization::{QueryAuthorization, QueryAuthorizationBehavior};
pub use behavior::{
    AccessDeniedCode, AccessibleDataLocations, Behavior, DataLocationScopeRule, VendedS3PathWithoutS3Path,
};
pub use credentials::VendedCredentials;
pub use grant::Grant;
pub use model::{
    AUTHORIZED_CALLER_TAG, DataLakeSettings, LakeModel, Location, ModelError, Partition, Principal, Table,
};
pub use permission_types::PermissionTypeCoverage;
pub use pin::Pin;
#[cfg(feature = "glue")]
pub use schema::{CellFilter, Column, TableSchema};

use crate::script::fallback::Fallback;
use crate::{ErrorCode, Input, Reply, Request, ServiceError};
use catalog::Catalog;
use decide::{Call, Refusal, Vend};
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A simulated Lake Formation account: the model it decides by, and the credentials it vended.
///
/// Cloning is cheap and clones share everything, so a test keeps one handle to inspect what was
/// vended after giving another to the mock.
///
/// ```
/// use lakeformation_mock::lake::Lake;
///
/// let lake = Lake::builder().seed(7).build();
/// let handle = lake.clone();
/// assert_eq!(handle.model().region, "us-east-1");
/// assert!(lake.vended_credentials().is_empty());
/// ```
#[derive(Clone)]
pub struct Lake {
    inner: Arc<LakeInner>,
}

pub(crate) struct LakeInner {
    /// Shared with the other lakes built from the same [`IndexedModel`] (a fixture's lake) until
    /// one of them changes it, which then copies it.
    model: RwLock<Arc<Catalog>>,
    state: Mutex<State>,
    // glue: the QueryAuthorizationIds issued (src/lake/authorization.rs)
    #[cfg(feature = "glue")]
    authorizations: Mutex<authorization::Store>,
    /// Built without a region: takes the region of the first mock it is set on.
    follows_mock_region: std::sync::atomic::AtomicBool,
}

/// What changes as the lake answers: the random source and the record of vended credentials.
struct State {
    rng: fastrand::Rng,
    vended: Vec<VendedCredentials>,
    /// Positions in `vended` by access key id, for the keys of the length the lake draws
    /// (`ASIA` + 16 characters): the latest vending with that key.
    by_key: HashMap<[u8; credentials::ACCESS_KEY_ID_LEN], usize>,
    /// The same for pinned access key ids of another length.
    by_other_key: HashMap<String, usize>,
}

impl State {
    fn position(&self, access_key_id: &str) -> Option<usize> {
        match key(access_key_id) {
            Some(key) => self.by_key.get(&key).copied(),
            None => self.by_other_key.get(access_key_id).copied(),
        }
    }

    /// Records `vended`; a pinned key vended again finds the latest record.
    fn record(&mut self, vended: VendedCredentials) {
        let index = self.vended.len();
        match key(vended.access_key_id()) {
            Some(key) => self.by_key.insert(key, index),
            None => self.by_other_key.insert(vended.access_key_id().to_owned(), index),
        };
        self.vended.push(vended);
    }
}

/// An access key id as a key of [`State::by_key`], if it has the length of those the lake vends.
fn key(access_key_id: &str) -> Option<[u8; credentials::ACCESS_KEY_ID_LEN]> {
    access_key_id.as_bytes().try_into().ok()
}

impl Lake {
    /// A builder for a lake in account `123456789012`, partition `aws`, with vending off and
    /// nothing in it, in the region of the mock it is set on (see [`LakeBuilder::region`]).
    pub fn builder() -> LakeBuilder {
        LakeBuilder { model: LakeModel::default(), region_given: false }
    }

    /// A lake deciding by `model`, if the model is consistent (see [`LakeModel::check`]).
    ///
    /// ```
    /// use lakeformation_mock::lake::{Lake, LakeModel};
    ///
    /// let model: LakeModel = serde_json::from_str(r#"{
    ///     "AccountId": "123456789012", "Region": "eu-west-1",
    ///     "Settings": {"AllowFullTableExternalDataAccess": true},
    ///     "Locations": [{"Uri": "s3://lake/"}],
    ///     "Tables": [{"Database": "db", "Name": "t", "Location": "s3://lake/db/t/", "Policies": ["COLUMN_PERMISSION"]}]
    /// }"#).unwrap();
    /// let lake = Lake::from_model(model).unwrap();
    /// assert_eq!(lake.model().tables.len(), 1);
    /// ```
    pub fn from_model(model: LakeModel) -> Result<Lake, ModelError> {
        model.check()?;
        Ok(Lake::from_indexed(&IndexedModel::new(model)))
    }

    /// A lake deciding by `model`, sharing its catalog (see [`IndexedModel`]).
    pub(crate) fn from_indexed(model: &IndexedModel) -> Lake {
        let seed = model.0.model.seed;
        let rng = match seed {
            Some(seed) => fastrand::Rng::with_seed(seed),
            None => fastrand::Rng::new(),
        };
        let state = State { rng, vended: Vec::new(), by_key: HashMap::new(), by_other_key: HashMap::new() };
        #[cfg(feature = "glue")] // ids drawn from their own seeded source
        let authorizations = Mutex::new(authorization::Store::new(seed));
        let model = RwLock::new(Arc::clone(&model.0));
        Lake {
            inner: Arc::new(LakeInner {
                model,
                state: Mutex::new(state),
                #[cfg(feature = "glue")]
                authorizations,
                follows_mock_region: false.into(),
            }),
        }
    }

    /// A copy of the model the lake decides by now.
    pub fn model(&self) -> LakeModel {
        self.inner.model().to_model()
    }

    /// Changes the model while the lake is in use (revoke a grant, turn a setting off...);
    /// later requests see the change. Panics, leaving the model as it was, if the change makes
    /// it inconsistent.
    ///
    /// It copies and checks the whole model: to add or remove one grant of a large lake,
    /// [`grant`](Self::grant) and [`revoke`](Self::revoke) cost what they cost on a small one.
    ///
    /// ```
    /// use aws_sdk_lakeformation::types::Permission;
    /// use lakeformation_mock::lake::{Grant, Lake, Principal, Table};
    ///
    /// let lake = Lake::builder()
    ///     .table(Table::new("db", "t").location("s3://lake/db/t/"))
    ///     .principal(Principal::new("AKIDX", "arn:aws:iam::123456789012:role/x"))
    ///     .grant(Grant::new("arn:aws:iam::123456789012:role/x", "db", "t", [Permission::Select]))
    ///     .build();
    /// lake.update(|model| model.grants.clear());
    /// assert!(lake.model().grants.is_empty());
    /// ```
    #[track_caller]
    pub fn update(&self, change: impl FnOnce(&mut LakeModel)) {
        let mut model = self.inner.model.write().unwrap_or_else(|e| e.into_inner());
        let mut changed = model.to_model();
        change(&mut changed);
        if let Err(error) = changed.check() {
            drop(model);
            panic!("Lake::update left the lake inconsistent, the change is not applied: {error}");
        }
        *model = Arc::new(Catalog::new(changed));
    }

    /// What the lake vended as `access_key_id` (the temporary `ASIA...` key), if it did; for a
    /// [pinned](Pin) key vended several times, the latest vending.
    pub fn vended(&self, access_key_id: &str) -> Option<VendedCredentials> {
        let state = self.inner.state();
        state.position(access_key_id).map(|i| state.vended[i].clone())
    }

    /// Every credential the lake vended, in the order vended.
    pub fn vended_credentials(&self) -> Vec<VendedCredentials> {
        self.inner.state().vended.clone()
    }
}

impl fmt::Debug for Lake {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lake")
            .field("model", &self.inner.model().to_model())
            .field("vended", &self.inner.state().vended.len())
            .finish()
    }
}

/// A checked model with its lookups, built once for any number of lakes (a fixture's lake: each
/// [`Scenario::mock`](crate::fixture::Scenario::mock) would otherwise copy and index the whole
/// model again). The lakes share it until one changes, which then copies it.
#[derive(Clone, Debug)]
pub(crate) struct IndexedModel(Arc<Catalog>);

impl IndexedModel {
    /// `model` with its lookups; `model` is consistent ([`LakeModel::check`]).
    pub(crate) fn new(model: LakeModel) -> IndexedModel {
        IndexedModel(Arc::new(Catalog::new(model)))
    }

    /// A copy of the model.
    pub(crate) fn to_model(&self) -> LakeModel {
        self.0.to_model()
    }

    /// The region the lake answers in.
    pub(crate) fn region(&self) -> &str {
        &self.0.model.region
    }
}

/// Builds a [`Lake`]: see [`Lake::builder`] and the [module documentation](self).
#[must_use = "call `.build()` to get the lake"]
#[derive(Clone, Debug)]
pub struct LakeBuilder {
    model: LakeModel,
    /// Whether [`region`](Self::region) was called.
    region_given: bool,
}

impl LakeBuilder {
    /// The AWS partition (default `aws`).
    pub fn partition(mut self, partition: impl Into<String>) -> Self {
        self.model.partition = partition.into();
        self
    }

    /// The account id of the catalog (default `123456789012`).
    pub fn account_id(mut self, account_id: impl Into<String>) -> Self {
        self.model.account_id = account_id.into();
        self
    }

    /// The region the lake answers in. Without it, the lake takes the region of the first mock
    /// it is set on ([`MockLakeFormationBuilder::region`](crate::MockLakeFormationBuilder::region),
    /// `us-east-1` by default), so the region is said once; until then it is `us-east-1`. A lake
    /// given a region other than its mock's refuses the mock's requests as the service refuses
    /// a request sent to another region (to test that).
    ///
    /// ```
    /// use lakeformation_mock::lake::Lake;
    /// use lakeformation_mock::MockLakeFormation;
    ///
    /// let lake = Lake::builder().build();
    /// let mock = MockLakeFormation::builder().region("eu-west-1").build().with_lake(&lake);
    /// assert_eq!(lake.model().region, "eu-west-1");
    /// # drop(mock);
    /// ```
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.model.region = region.into();
        self.region_given = true;
        self
    }

    /// The data lake settings (default: vending off).
    pub fn settings(mut self, settings: DataLakeSettings) -> Self {
        self.model.settings = settings;
        self
    }

    /// Registers an S3 location (`"s3://bucket/prefix/"`, or a [`Location`] in another region).
    pub fn register_location(mut self, location: impl Into<Location>) -> Self {
        self.model.locations.push(location.into());
        self
    }

    /// Adds a Glue table.
    pub fn table(mut self, table: Table) -> Self {
        self.model.tables.push(table);
        self
    }

    /// Adds a caller.
    pub fn principal(mut self, principal: Principal) -> Self {
        self.model.principals.push(principal);
        self
    }

    /// Grants permissions on a table.
    pub fn grant(mut self, grant: Grant) -> Self {
        self.model.grants.push(grant);
        self
    }

    /// The settings for what the specification leaves unconfirmed (default: the documented reading).
    pub fn behavior(mut self, behavior: Behavior) -> Self {
        self.model.behavior = behavior;
        self
    }

    /// Turns on the strict handshake (feature `glue`): table vending requires a
    /// `QueryAuthorizationId` that Glue issued to the same principal for the same table (see
    /// [`QueryAuthorizationBehavior::strict`], which says why it is not the default). It changes
    /// only that setting of the lake's [`Behavior`]; [`behavior`](Self::behavior) replaces every
    /// setting, this one too, so call it after `behavior(..)`.
    ///
    /// ```
    /// use lakeformation_mock::lake::{Lake, QueryAuthorizationBehavior};
    ///
    /// let lake = Lake::builder().strict_handshake().build();
    /// assert_eq!(lake.model().behavior, lakeformation_mock::lake::Behavior::default()
    ///     .query_authorization(QueryAuthorizationBehavior::strict()));
    /// ```
    #[cfg(feature = "glue")]
    pub fn strict_handshake(mut self) -> Self {
        self.model.behavior.query_authorization.required_for_vending = true;
        self
    }

    /// Pins values the lake would otherwise draw: the keys and `Expiration` it vends, and the
    /// `QueryAuthorizationId` its Glue issues, for a principal, a table or both (see [`Pin`]).
    /// Pins apply in the order added: each value comes from the first that applies and sets it.
    pub fn pin(mut self, pin: Pin) -> Self {
        self.model.pins.push(pin);
        self
    }

    /// Makes the vended credentials a fixed sequence: two lakes with the same seed and the same
    /// requests vend identical keys. Without a seed, keys are random (and never repeat within a lake).
    pub fn seed(mut self, seed: u64) -> Self {
        self.model.seed = Some(seed);
        self
    }

    /// The lake, or every inconsistency of the model.
    pub fn try_build(self) -> Result<Lake, ModelError> {
        let lake = Lake::from_model(self.model)?;
        lake.inner.follows_mock_region.store(!self.region_given, std::sync::atomic::Ordering::Relaxed);
        Ok(lake)
    }

    /// The lake; panics with every inconsistency of the model (see [`try_build`](Self::try_build)).
    #[track_caller]
    pub fn build(self) -> Lake {
        match self.try_build() {
            Ok(lake) => lake,
            Err(error) => panic!("{error}"),
        }
    }
}

#[cfg(feature = "glue")]
impl LakeBuilder {
    /// Adds a table schema (feature `glue`).
    pub fn schema(mut self, schema: TableSchema) -> Self {
        self.model.schemas.push(schema);
        self
    }

    /// Defines a data cell filter (feature `glue`).
    pub fn cell_filter(mut self, filter: CellFilter) -> Self {
        self.model.cell_filters.push(filter);
        self
    }
}

impl LakeInner {
    fn model(&self) -> RwLockReadGuard<'_, Arc<Catalog>> {
        self.model.read().unwrap_or_else(|e| e.into_inner())
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Draws fresh keys (never one vended before), puts the `pinned` ones in their place, and
    /// records what they were vended for, issued at `issued_at` (a whole second, as STS issues
    /// them, so `Expiration` is a whole number of seconds that the SDK decodes exactly) until
    /// `expires_at`.
    fn issue(
        &self,
        vend: Vend,
        pinned: &pin::Pinned,
        issued_at: SystemTime,
        expires_at: SystemTime,
    ) -> VendedCredentials {
        let mut state = self.state();
        let keys = loop {
            let keys = credentials::generate(&mut state.rng);
            if state.position(keys.access_key_id()).is_none() {
                break keys.pinned(pinned);
            }
        };
        // Calls vended for the same purpose as the last one share its record of it.
        let purpose = match state.vended.last() {
            Some(last) if *last.purpose == vend.purpose => last.purpose.clone(),
            _ => Arc::new(vend.purpose),
        };
        let vended = VendedCredentials { keys, purpose, issued_at, expires_at };
        state.record(vended.clone());
        vended
    }
}

/// The most bytes of a refusal's message: room for several echoed values of
/// [`MAX_ECHO`](crate::explain::echo::MAX_ECHO) bytes and the lake's own words.
const REFUSAL_ECHO: usize = 4 * crate::explain::echo::MAX_ECHO;

/// How the lake sends a refusal: its code (`AccessDenied` as [`Behavior::access_denied_code`]
/// and [`Behavior::access_denied_status`] say), and its message unless
/// [`Behavior::refusal_messages`] is off. The trace ends with what was sent, and the message in
/// full even when none is sent. A message longer than [`REFUSAL_ECHO`] bytes (one that quotes a
/// huge request value, such as a 1 MB `S3Path`) is cut, with what was left out counted.
fn refusal_reply(behavior: &Behavior, refusal: Refusal, mut trace: Trace) -> Reply {
    let Refusal { code, message: full } = refusal;
    let full = crate::explain::echo::truncated_owned(full, REFUSAL_ECHO);
    let message = behavior.refusal_messages.then(|| full.clone());
    let error = if code == ErrorCode::AccessDenied {
        ServiceError::custom(behavior.access_denied_code.as_str(), message, behavior.access_denied_status)
    } else {
        ServiceError::custom(code.as_str(), message, code.default_status())
    };
    let sent = if behavior.refusal_messages { "" } else { " (sent without a message)" };
    trace.push(format!("answer: refused with {} (status {}){sent}: {full}", error.code(), error.status_code()));
    Reply::refused(error, trace)
}

/// `time` truncated to the whole second before it (`UNIX_EPOCH` + whole seconds).
fn whole_second(time: SystemTime) -> SystemTime {
    let whole = match time.duration_since(UNIX_EPOCH) {
        Ok(after) => UNIX_EPOCH.checked_add(Duration::from_secs(after.as_secs())),
        Err(before) => {
            let before = before.duration();
            let seconds = before.as_secs() + u64::from(before.subsec_nanos() > 0);
            UNIX_EPOCH.checked_sub(Duration::from_secs(seconds))
        }
    };
    whole.unwrap_or(time)
}

/// When `what`, issued at `issued_at` for `seconds`, expires: refused with
/// `InvalidInputException` when no such time exists (a client clock near the end of time), the
/// modeled error for a request the service cannot serve as given, with a message that says why.
fn expiry(issued_at: SystemTime, seconds: u64, what: &str) -> Result<SystemTime, Refusal> {
    issued_at.checked_add(Duration::from_secs(seconds)).ok_or_else(|| {
        let clock = match issued_at.duration_since(UNIX_EPOCH) {
            Ok(after) => format!("{} seconds after the epoch", after.as_secs()),
            Err(before) => format!("{} seconds before the epoch", before.duration().as_secs()),
        };
        Refusal {
            code: ErrorCode::InvalidInput,
            message: format!(
                "The request's time is out of range: the calling client's clock reads {clock}, and {what} valid for \
                 {seconds} seconds from then would expire at a time that cannot be represented. Give the client a \
                 time source (`time_source`) near the present."
            ),
        }
    })
}

impl Fallback for LakeInner {
    fn answer(&self, request: &Request, now: SystemTime, language: crate::explain::hints::Language) -> Reply {
        let call = Call { access_key_id: request.access_key_id(), region: request.region_name(), language };
        // Glue's GetUnfiltered*Metadata (src/lake/authorization.rs).
        #[cfg(feature = "glue")]
        if let Some(Input::Glue(input)) = request.input() {
            return authorization::answer(self, request, input, call, now);
        }
        let mut trace = Trace::default();
        let vend = {
            let model = self.model();
            let decision = match request.input() {
                Some(whole @ Input::TableCredentials(input)) => {
                    decide::glue_table(&model, call, whole, input, &mut trace)
                }
                Some(Input::DataLocation(input)) => decide::data_location(&model, call, input, &mut trace),
                Some(whole @ Input::PartitionCredentials(input)) => {
                    decide::glue_partition(&model, call, whole, input, &mut trace)
                }
                _ => Err(Refusal {
                    code: ErrorCode::InvalidInput,
                    message: format!("The simulated lake does not answer {}.", request.operation()),
                }),
            };
            // glue: table vending checks the QueryAuthorizationId it is given (src/lake/authorization.rs)
            #[cfg(feature = "glue")]
            let decision = match request.input() {
                Some(Input::TableCredentials(input)) => decision.and_then(|vend| {
                    authorization::check_vending(self, &model.model, input, vend, now, call.language, &mut trace)
                }),
                _ => decision,
            };
            let pinned = decision.map(|vend| {
                let pinned = pin::for_vending(&model.model, &vend.purpose);
                let names = pinned.names();
                if !names.is_empty() {
                    trace.push(format!("pinned: {} (the lake's pins)", names.join(", ")));
                }
                (vend, pinned)
            });
            let issued_at = whole_second(now);
            let timed = pinned.and_then(|(vend, pinned)| {
                let seconds = u64::try_from(vend.duration_seconds).unwrap_or_default();
                let expires_at = match pinned.expiration {
                    Some(at) => at,
                    None => expiry(issued_at, seconds, "credentials")?,
                };
                Ok((vend, pinned, expires_at))
            });
            match timed {
                Ok((vend, pinned, expires_at)) => (vend, pinned, issued_at, expires_at),
                Err(refusal) => return refusal_reply(&model.model.behavior, refusal, trace),
            }
        };
        let (vend, pinned, issued_at, expires_at) = vend;
        let vended = self.issue(vend, &pinned, issued_at, expires_at);
        trace.push(format!(
            "answer: vended {} ({}, {} seconds) for {}",
            vended.access_key_id(),
            vended.scope().as_str(),
            vended.duration().as_secs(),
            vended.locations().join(", ")
        ));
        Reply::traced_output(vended.output(), trace)
    }
}

impl Lake {
    /// The lake as a mock's fallback (what [`MockLakeFormation::set_lake`](crate::MockLakeFormation::set_lake) installs).
    pub(crate) fn as_fallback(&self) -> Arc<LakeInner> {
        self.inner.clone()
    }

    /// The lake whose fallback this is.
    pub(crate) fn from_fallback(inner: Arc<LakeInner>) -> Lake {
        Lake { inner }
    }

    /// Puts a lake built without a region in `region`, the region of the mock it is set on, the
    /// first time it is set on one.
    pub(crate) fn follow_region(&self, region: &str) {
        if !self.inner.follows_mock_region.swap(false, std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        let mut model = self.inner.model.write().unwrap_or_else(|e| e.into_inner());
        let mut changed = model.to_model();
        if changed.region == region {
            return;
        }
        changed.region = region.to_owned();
        // An unusable region (empty) leaves the lake as it is: it then refuses the requests.
        if changed.check().is_ok() {
            *model = Arc::new(Catalog::new(changed));
        }
    }
}
