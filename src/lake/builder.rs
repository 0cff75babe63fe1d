//! [`LakeBuilder`]: a [`Lake`] said piece by piece in code (a fixture says it in JSON, see
//! [`LakeModel`]).

use super::behavior::Behavior;
use super::grant::Grant;
use super::handle::Lake;
use super::model::Pin;
use super::model::{DataLakeSettings, LakeModel, Location, ModelError, Principal, Table};
#[cfg(feature = "glue")]
use super::schema::{CellFilter, TableSchema};
use std::sync::atomic::Ordering;

impl Lake {
    /// A builder for a lake in account `123456789012`, partition `aws`, with vending off and
    /// nothing in it, in the region of the mock it is set on (see [`LakeBuilder::region`]).
    pub fn builder() -> LakeBuilder {
        LakeBuilder { model: LakeModel::default(), region_given: false }
    }
}

/// Builds a [`Lake`]: see [`Lake::builder`] and the [module documentation](crate::lake).
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

    /// Adds an IAM role that STS `AssumeRole` issues sessions of (feature `sts`; see [`Role`](super::Role)).
    #[cfg(feature = "sts")]
    pub fn role(mut self, role: super::Role) -> Self {
        self.model.roles.push(role);
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
    /// [`QueryAuthorizationBehavior::strict`](super::QueryAuthorizationBehavior::strict), which
    /// says why it is not the default). It changes only that setting of the lake's [`Behavior`];
    /// [`behavior`](Self::behavior) replaces every setting, this one too, so call it after
    /// `behavior(..)`.
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
        lake.inner.follows_mock_region.store(!self.region_given, Ordering::Relaxed);
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
