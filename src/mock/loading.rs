//! What the mock takes in besides rules mounted one by one: a simulated lake, a fixture's
//! scenario (and the journal recorded back as one). The mock's side of mounting a rule and of
//! building a mock from a fixture lives here too: these methods of `Rule` and `Scenario` stay
//! with the mock they act on, so that neither `script::rule` nor `fixture` depends on `mock`.

use crate::fixture::{FixtureError, Scenario};
use crate::lake::{Lake, LakeInner};
use crate::mock::builder::MockLakeFormationBuilder;
use crate::mock::handle::MockLakeFormation;
use crate::{Rule, RuleGuard, RuleHandle};
use std::path::Path;

/// The simulated lake and fixtures.
impl MockLakeFormation {
    /// The mock, with `lake` answering every request no rule matches (builder style).
    ///
    /// ```
    /// use lakeformation_mock::lake::Lake;
    /// use lakeformation_mock::MockLakeFormation;
    ///
    /// let lake = Lake::builder().build();
    /// let mock = MockLakeFormation::new().with_lake(&lake);
    /// assert!(mock.lake().is_some());
    /// ```
    pub fn with_lake(self, lake: &Lake) -> Self {
        self.set_lake(lake);
        self
    }

    /// Makes `lake` answer every request no rule matches, replacing any lake set before. A lake
    /// built without a region takes the mock's (see [`LakeBuilder::region`](crate::lake::LakeBuilder::region)).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsError;
    /// use lakeformation_mock::lake::Lake;
    /// use lakeformation_mock::MockLakeFormation;
    ///
    /// let mock = MockLakeFormation::new();
    /// mock.set_lake(&Lake::builder().build());
    /// // The default client's key is no principal of this empty lake.
    /// let err = mock.client().get_temporary_glue_table_credentials()
    ///     .table_arn("arn:aws:glue:us-east-1:123456789012:table/db/t").send().await.unwrap_err();
    /// assert!(matches!(err.into_service_error(), GetTemporaryGlueTableCredentialsError::AccessDeniedException(_)));
    /// # }
    /// ```
    pub fn set_lake(&self, lake: &Lake) {
        lake.follow_region(&self.inner.settings.region);
        self.set_fallback(lake.as_fallback());
    }

    /// The lake set with [`with_lake`](Self::with_lake) or [`set_lake`](Self::set_lake), if any.
    pub fn lake(&self) -> Option<Lake> {
        self.fallback::<LakeInner>().map(Lake::from_fallback)
    }

    /// A new mock built from a fixture file.
    ///
    /// ```
    /// let mock = lakeformation_mock::MockLakeFormation::from_fixture("fixtures/trino_table_denied.json").unwrap();
    /// # mock.reset_rules();
    /// ```
    pub fn from_fixture(path: impl AsRef<Path>) -> Result<MockLakeFormation, FixtureError> {
        Ok(Scenario::from_path(path)?.mock())
    }

    /// Adds a scenario's rules (after those already mounted) and, if it has one, its lake
    /// (replacing the current lake). The scenario's settings are not applied: they only apply to
    /// a mock built by [`Scenario::mock`].
    pub fn load_scenario(&self, scenario: &Scenario) {
        for rule in scenario.rules() {
            self.mount_rule(rule);
        }
        if let Some(lake) = scenario.lake() {
            self.set_lake(&lake);
        }
        #[cfg(feature = "s3")] // s3: the fixture's objects
        for (uri, data) in &scenario.s3_objects {
            self.s3().put(uri, data.clone());
        }
    }

    /// The journal so far as a fixture that replays the same answers in the same order, one
    /// rule per operation. `SecretAccessKey`, `SessionToken` and the `authorization` header are
    /// replaced by [`REDACTED_SECRET`](crate::fixture::REDACTED_SECRET); each response keeps the request it answered (with its
    /// `AuditContext` and `QuerySessionContext`) under `recorded_request`. Glue's two operations
    /// (feature `glue`) are recorded as Glue rules, in the order first called; requests to
    /// operations the mock does not model are left out.
    pub fn record_scenario(&self, description: &str) -> Scenario {
        Scenario::record(self.journal(), description)
    }
}

impl Rule {
    /// Mounts the rule on `mock`. It answers matching requests from now on, and its expectation
    /// is checked with the mock's. The returned [`RuleHandle`] reads its calls; ignoring it is
    /// fine.
    ///
    /// # Panics
    /// When the rule has no reply.
    #[track_caller]
    pub fn mount(self, mock: &MockLakeFormation) -> RuleHandle {
        assert!(
            !self.steps.is_empty(),
            "rule {} has no reply: add `.respond_with(..)` or `.then(..)` before `.mount(..)`",
            self.label(None)
        );
        mock.mount_rule(self)
    }

    /// Mounts the rule for a scope: when the returned guard drops, the rule's expectation is
    /// checked (the test panics if it is unmet) and the rule is unmounted. See [`RuleGuard`].
    ///
    /// # Panics
    /// When the rule has no reply.
    #[track_caller]
    pub fn mount_as_scoped(self, mock: &MockLakeFormation) -> RuleGuard {
        RuleGuard::new(self.mount(mock))
    }
}

impl Scenario {
    /// A new mock with the scenario's settings, rules and lake.
    pub fn mock(&self) -> MockLakeFormation {
        let mock = self.configure(MockLakeFormation::builder()).build();
        mock.load_scenario(self);
        mock
    }

    /// `builder` with the scenario's `settings` applied (`region`, `fail_on_unmatched`,
    /// `validate_input`, `fail_on_lake_answers`); settings the file does not give keep the
    /// builder's values. The mock's hints (how to answer a request no rule answered, what the
    /// lake lacks) are then fixture JSON rather than Rust code.
    ///
    /// ```
    /// use lakeformation_mock::fixture::Scenario;
    /// use lakeformation_mock::MockLakeFormation;
    ///
    /// let scenario = Scenario::from_json_str(r#"{"version": 1, "settings": {"validate_input": false}}"#).unwrap();
    /// let mock = scenario.configure(MockLakeFormation::builder().verify_on_drop(false)).build();
    /// # let _ = mock;
    /// ```
    pub fn configure(&self, builder: MockLakeFormationBuilder) -> MockLakeFormationBuilder {
        let mut builder = builder.hint_language(crate::explain::hints::Language::Fixture);
        let settings = self.settings();
        // The region is said once: without `settings.region`, the mock's clients go to the lake's.
        if let Some(region) = settings.region.clone().or_else(|| self.lake_region().map(str::to_owned)) {
            builder = builder.region(region);
        }
        if let Some(on) = settings.fail_on_unmatched {
            builder = builder.fail_on_unmatched(on);
        }
        if let Some(on) = settings.validate_input {
            builder = builder.validate_input(on);
        }
        if let Some(on) = settings.fail_on_lake_answers {
            builder = builder.fail_on_lake_answers(on);
        }
        builder
    }
}
