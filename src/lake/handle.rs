//! The [`Lake`] handle: the shared state of a simulated lake (its model and the credentials it
//! vended), and the [`IndexedModel`] several lakes share.

use super::catalog::Catalog;
use super::credentials::Pinned;
use super::credentials::{self, VendedCredentials};
use super::decide::Vend;
use super::model::{LakeModel, ModelError};
#[cfg(feature = "glue")]
use super::query_authorization::Store;
use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard};
use std::time::SystemTime;

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
    pub(super) inner: Arc<LakeInner>,
}

/// What a [`Lake`]'s clones share; the mock holds it as its fallback.
pub(crate) struct LakeInner {
    /// Shared with the other lakes built from the same [`IndexedModel`] (a fixture's lake) until
    /// one of them changes it, which then copies it.
    pub(super) model: RwLock<Arc<Catalog>>,
    state: Mutex<State>,
    // glue: the QueryAuthorizationIds issued (src/lake/query_authorization.rs)
    #[cfg(feature = "glue")]
    authorizations: Mutex<Store>,
    // sts: the sessions STS's AssumeRole issued (src/lake/sessions.rs)
    #[cfg(feature = "sts")]
    pub(super) sessions: Mutex<super::sessions::Sessions>,
    /// Built without a region: takes the region of the first mock it is set on.
    pub(super) follows_mock_region: AtomicBool,
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
        Lake {
            inner: Arc::new(LakeInner {
                model: RwLock::new(Arc::clone(&model.0)),
                state: Mutex::new(state),
                // ids drawn from their own seeded source
                #[cfg(feature = "glue")]
                authorizations: Mutex::new(Store::new(seed)),
                #[cfg(feature = "sts")]
                sessions: Mutex::default(),
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
        if let Err(error) = self.change_model(change) {
            panic!("Lake::update left the lake inconsistent, the change is not applied: {error}");
        }
    }

    /// Applies `change` to a copy of the model and puts the copy in place if it is consistent;
    /// else leaves the model as it was and says why.
    fn change_model(&self, change: impl FnOnce(&mut LakeModel)) -> Result<(), ModelError> {
        let mut model = self.inner.model.write().unwrap_or_else(|e| e.into_inner());
        let mut changed = model.to_model();
        change(&mut changed);
        changed.check()?;
        *model = Arc::new(Catalog::new(changed));
        Ok(())
    }

    /// What the lake vended as `access_key_id` (the temporary `ASIA...` key), if it did; for a
    /// [pinned](super::Pin) key vended several times, the latest vending.
    pub fn vended(&self, access_key_id: &str) -> Option<VendedCredentials> {
        let state = self.inner.state();
        state.position(access_key_id).map(|i| state.vended[i].clone())
    }

    /// Every credential the lake vended, in the order vended.
    pub fn vended_credentials(&self) -> Vec<VendedCredentials> {
        self.inner.state().vended.clone()
    }

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
        if !self.inner.follows_mock_region.swap(false, Ordering::Relaxed) {
            return;
        }
        if self.inner.model().model.region == region {
            return;
        }
        // An unusable region (empty) leaves the lake as it is: it then refuses the requests.
        let _unusable = self.change_model(|model| model.region = region.to_owned());
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

impl LakeInner {
    /// The model the lake decides by now.
    pub(super) fn model(&self) -> RwLockReadGuard<'_, Arc<Catalog>> {
        self.model.read().unwrap_or_else(|e| e.into_inner())
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The `QueryAuthorizationId`s the lake issued (feature `glue`).
    #[cfg(feature = "glue")]
    pub(super) fn authorizations(&self) -> MutexGuard<'_, Store> {
        self.authorizations.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Draws fresh keys, never any the lake vended before, from the lake's random source
    /// (feature `sts`: an STS session's keys; `taken` says whether a session already has them).
    #[cfg(feature = "sts")]
    pub(super) fn draw_keys(&self, taken: impl Fn(&str) -> bool) -> credentials::Keys {
        let mut state = self.state();
        loop {
            let keys = credentials::generate(&mut state.rng);
            if state.position(keys.access_key_id()).is_none() && !taken(keys.access_key_id()) {
                return keys;
            }
        }
    }

    /// Draws fresh keys (never one vended before), puts the `pinned` ones in their place, and
    /// records what they were vended for, issued at `issued_at` (a whole second, as STS issues
    /// them, so `Expiration` is a whole number of seconds that the SDK decodes exactly) until
    /// `expires_at`.
    pub(super) fn issue(
        &self,
        vend: Vend,
        pinned: &Pinned,
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

// sts: the sessions STS's AssumeRole issued (src/lake/sessions.rs)
#[cfg(feature = "sts")]
impl LakeInner {
    pub(super) fn sessions(&self) -> MutexGuard<'_, super::sessions::Sessions> {
        self.sessions.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The session that signs with `access_key_id`, if the lake issued it.
    pub(super) fn session(&self, access_key_id: &str) -> Option<super::sessions::Session> {
        self.sessions().find(access_key_id).cloned()
    }

    /// What S3 verifies a request signed with `access_key_id` by, if a session of this lake has it.
    #[cfg_attr(not(feature = "s3"), allow(dead_code))] // read by S3 (src/lake/s3_access.rs)
    pub(crate) fn session_keys(&self, access_key_id: &str) -> Option<super::sessions::SessionKeys> {
        let sessions = self.sessions();
        let session = sessions.find(access_key_id)?;
        Some(super::sessions::SessionKeys {
            secret_access_key: session.secret_access_key.clone(),
            session_token: session.session_token.clone(),
            principal_arn: session.arn.clone(),
            role_arn: session.role_arn.clone(),
            expires_at: session.expires_at,
        })
    }
}

#[cfg(feature = "sts")]
impl Lake {
    /// Every STS session the lake issued, in order (feature `sts`).
    pub fn sessions(&self) -> Vec<super::sessions::Session> {
        self.inner.sessions().all().to_vec()
    }

    /// The STS session whose access key id is `access_key_id`, if the lake issued it (feature `sts`).
    pub fn session(&self, access_key_id: &str) -> Option<super::sessions::Session> {
        self.inner.session(access_key_id)
    }
}
