//! The mock itself: a cheap-to-clone handle on shared rules, journal and settings.

// The clients and config builders the mock makes.
mod clients;
pub(crate) mod connector;
pub(crate) mod state;

use crate::explain::hints::Language;
use crate::fixture::{FixtureError, Scenario};
use crate::lake::{Lake, LakeInner};
use crate::mock::state::{Inner, Settings};
use crate::record::journal::Journal;
use crate::record::verification::Report;
use crate::script::fallback::Fallback;
use crate::{Request, Rule, RuleGuard, RuleHandle};
use aws_sdk_lakeformation::config::SharedHttpClient;
use std::fmt;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// The access key id of the credentials [`MockLakeFormation::client`] signs with.
pub const DEFAULT_ACCESS_KEY_ID: &str = "AKIDLAKEFORMATIONMOCK";

/// An in-process Lake Formation for tests: inject it into a real `aws_sdk_lakeformation::Client`
/// and script what it answers.
///
/// Clones share the same rules and journal; the handle is `Send + Sync`.
///
/// # Who verifies
///
/// The handle you create ([`MockLakeFormation::new`], [`MockLakeFormationBuilder::build`], and the mocks a
/// fixture builds) checks the expectations of the rules when it is dropped, and the test fails
/// with the verification report if one is unmet (unless the thread is already panicking, or
/// [`MockLakeFormationBuilder::verify_on_drop`] turned it off). It does so whatever still holds the shared
/// state: a client kept in a `static`, a detached task, a thread nobody joined. Clones
/// ([`Clone::clone`]) and what the mock hands out ([`http_client`](Self::http_client),
/// [`client`](Self::client), [`config_builder`](Self::config_builder), a [`RuleHandle`](crate::RuleHandle))
/// share the rules and the journal but carry no such duty, so moving a clone into a closure or
/// a task never triggers a check. This is wiremock's `MockServer`: keep the handle you created
/// alive for as long as the test sends requests.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsOutput;
/// use lakeformation_mock::{MockLakeFormation, Rule};
///
/// let mock = MockLakeFormation::new();
/// Rule::table_credentials()
///     .respond_with(GetTemporaryGlueTableCredentialsOutput::builder().access_key_id("ASIAMOCKEXAMPLE00001").build())
///     .mount(&mock);
///
/// let client = mock.client();
/// let out = client.get_temporary_glue_table_credentials().table_arn("arn:aws:glue:us-east-1:123456789012:table/db/t").send().await.unwrap();
/// assert_eq!(out.access_key_id(), Some("ASIAMOCKEXAMPLE00001"));
/// assert_eq!(mock.requests().len(), 1);
/// # }
/// ```
pub struct MockLakeFormation {
    pub(crate) inner: Arc<Inner>,
    /// Whether dropping this handle verifies: only the handle the test created.
    verifies: bool,
}

impl Clone for MockLakeFormation {
    /// Another handle on the same rules and journal, which does not verify when dropped.
    fn clone(&self) -> Self {
        MockLakeFormation { inner: self.inner.clone(), verifies: false }
    }
}

impl Drop for MockLakeFormation {
    fn drop(&mut self) {
        if !self.verifies || !self.inner.settings.verify_on_drop || std::thread::panicking() {
            return;
        }
        let report = self.inner.report();
        if report.failed() {
            panic!("{report}");
        }
    }
}

static NEXT_MOCK_ID: AtomicU64 = AtomicU64::new(1);

/// Settings of a [`MockLakeFormation`], from [`MockLakeFormation::builder`].
#[must_use = "call `.build()` to get the mock"]
#[derive(Clone, Debug)]
pub struct MockLakeFormationBuilder {
    pub(crate) settings: Settings,
}

impl MockLakeFormationBuilder {
    /// The region of the clients the mock builds (default `us-east-1`), and of a lake set on the
    /// mock that was built without one (see [`LakeBuilder::region`](crate::lake::LakeBuilder::region)).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.settings.region = region.into();
        self
    }

    /// Whether a request that no rule (nor lake) answered fails verification too, not just its
    /// own SDK call (default `true`).
    ///
    /// On, an engine that retries the failed call, or swallows the error, cannot lose the
    /// request: [`verify`](MockLakeFormation::verify) and the drop of the handle you created
    /// fail with it, its closest rule and what differed (the same diff as the
    /// [`Unanswered`](crate::Unanswered) error the SDK call got). Turn it off for a test that
    /// leaves requests unanswered on purpose (to see how code copes with a call that fails,
    /// say). Fixture: `"settings": {"fail_on_unmatched": false}`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use lakeformation_mock::MockLakeFormation;
    ///
    /// let mock = MockLakeFormation::builder().fail_on_unmatched(false).build();
    /// let sent = mock.client().get_temporary_glue_table_credentials()
    ///     .table_arn("arn:aws:glue:us-east-1:123456789012:table/db/t").send().await;
    /// assert!(sent.is_err(), "no rule answers it");
    /// assert!(!mock.report().failed()); // and dropping `mock` passes
    /// # }
    /// ```
    pub fn fail_on_unmatched(mut self, on: bool) -> Self {
        self.settings.fail_on_unmatched = on;
        self
    }

    /// Makes every request the simulated lake answered fail verification, for a test that means
    /// to script every request with a rule and mounts a lake only as a safety net (or loads a
    /// fixture that has one). The report lists those requests with their closest rule and how
    /// they differ from it. Off by default. Fixture: `"settings": {"fail_on_lake_answers": true}`.
    ///
    /// ```should_panic
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use lakeformation_mock::{lake::Lake, MockLakeFormation};
    ///
    /// let mock = MockLakeFormation::builder().fail_on_lake_answers(true).build().with_lake(&Lake::builder().build());
    /// let _ = mock.client().get_temporary_glue_table_credentials()
    ///     .table_arn("arn:aws:glue:us-east-1:123456789012:table/db/t").send().await;
    /// mock.verify(); // panics: "1 request the simulated lake answered (no rule matched it, and fail_on_lake_answers is on ..."
    /// # }
    /// ```
    pub fn fail_on_lake_answers(mut self, on: bool) -> Self {
        self.settings.fail_on_lake_answers = on;
        self
    }

    /// Whether requests are checked against the service model's input constraints before any
    /// rule or lake answers (default `true`).
    ///
    /// A request the service would refuse (no `TableArn`, `DurationSeconds` outside 900..=43200,
    /// an unknown `Permissions` value, an empty `SupportedPermissionTypes`, a `QueryId` longer
    /// than 255 characters, ...) is answered with `InvalidInputException` and the service's
    /// `1 validation error detected: Value '...' at '...' failed to satisfy constraint: ...`
    /// message, journaled with [`Source::Validation`](crate::Source::Validation), and consumes
    /// no rule's reply. Turn it off only for a test that scripts the answer to an invalid
    /// request on purpose (to see how code copes with a service that answers what it should
    /// refuse, say); the simulated lake still refuses invalid input.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsOutput;
    /// use lakeformation_mock::{MockLakeFormation, Rule};
    ///
    /// let mock = MockLakeFormation::builder().validate_input(false).build();
    /// Rule::table_credentials().respond_with(GetTemporaryGlueTableCredentialsOutput::builder().build()).mount(&mock);
    /// let sent = mock.client().get_temporary_glue_table_credentials().duration_seconds(5).send().await;
    /// assert!(sent.is_ok(), "the service would refuse this request; the rule answers it anyway");
    /// # }
    /// ```
    pub fn validate_input(mut self, on: bool) -> Self {
        self.settings.validate_input = on;
        self
    }

    /// Whether dropping the handle `build()` returns verifies expectations (default `true`).
    pub fn verify_on_drop(mut self, on: bool) -> Self {
        self.settings.verify_on_drop = on;
        self
    }

    /// Builds the mock.
    pub fn build(self) -> MockLakeFormation {
        MockLakeFormation {
            inner: Arc::new(Inner::new(NEXT_MOCK_ID.fetch_add(1, Ordering::Relaxed), self.settings)),
            verifies: true,
        }
    }
}

impl Default for MockLakeFormation {
    fn default() -> Self {
        MockLakeFormation::new()
    }
}

impl MockLakeFormation {
    /// A mock with no rules, region `us-east-1`, verifying on drop (expectations, and requests
    /// nothing answered).
    pub fn new() -> Self {
        MockLakeFormation::builder().build()
    }

    /// A builder for a mock with other settings.
    pub fn builder() -> MockLakeFormationBuilder {
        MockLakeFormationBuilder {
            settings: Settings {
                region: "us-east-1".into(),
                fail_on_unmatched: true,
                verify_on_drop: true,
                validate_input: true,
                fail_on_lake_answers: false,
                hint_language: crate::explain::hints::Language::Rust,
            },
        }
    }

    /// The mock as an HTTP client, for a `Config` or `SdkConfig` you build yourself.
    ///
    /// ```
    /// use aws_sdk_lakeformation::config::{BehaviorVersion, Credentials, Region};
    ///
    /// let mock = lakeformation_mock::MockLakeFormation::new();
    /// let config = aws_sdk_lakeformation::Config::builder()
    ///     .behavior_version(BehaviorVersion::latest())
    ///     .region(Region::new("eu-west-1"))
    ///     .credentials_provider(Credentials::new("AKIDTEST", "not-a-secret", None, None, "test"))
    ///     .http_client(mock.http_client())
    ///     .build();
    /// let client = aws_sdk_lakeformation::Client::from_conf(config);
    /// # let _ = client;
    /// ```
    pub fn http_client(&self) -> SharedHttpClient {
        SharedHttpClient::new(self.clone())
    }

    pub(crate) fn mount_rule(&self, rule: Rule) -> RuleHandle {
        let expected = rule.expected;
        let mut rules = self.inner.rules();
        let (index, tally) = rules.mount(rule);
        let rule = rules.rule(index);
        drop(rules);
        RuleHandle::new(self.inner.clone(), index, tally, rule, expected)
    }

    pub(crate) fn set_fallback(&self, fallback: Arc<dyn Fallback>) {
        *self.inner.fallback.write().unwrap_or_else(|e| e.into_inner()) = Some(fallback);
    }

    /// The fallback, if one is set and it is a `T`.
    pub(crate) fn fallback<T: Fallback>(&self) -> Option<Arc<T>> {
        let fallback = self.inner.fallback.read().unwrap_or_else(|e| e.into_inner()).clone()?;
        let any: Arc<dyn std::any::Any + Send + Sync> = fallback;
        any.downcast().ok()
    }

    /// Removes every rule (and its expectations). The journal is kept.
    pub fn reset_rules(&self) {
        self.inner.rules().clear();
    }

    /// The number of mounted rules.
    pub fn rule_count(&self) -> usize {
        self.inner.rules().len()
    }

    /// How many requests the rules named `name` answered, or `None` if no rule has that name.
    pub fn calls_of(&self, name: &str) -> Option<u64> {
        self.inner.rules().calls(name)
    }

    /// Every request received so far, in arrival order, retries included.
    pub fn requests(&self) -> Vec<Request> {
        self.inner.journal.all()
    }

    /// How many responses are answered and journaled but not yet sent: waiting out a
    /// [`Reply::delayed`](crate::Reply::delayed) delay or held at a [`Gate`](crate::Gate). A call cancelled while it
    /// waits stops counting.
    pub fn in_flight(&self) -> usize {
        self.inner.in_flight.load(Ordering::Relaxed)
    }

    /// The journal: requests received so far, with filters and assertions.
    pub fn journal(&self) -> &Journal {
        &self.inner.journal
    }

    /// Checks the expectations of every rule now, and panics with a report if one is unmet or
    /// if a request went unanswered (unless
    /// [`MockLakeFormationBuilder::fail_on_unmatched`] turned that off).
    ///
    /// ```should_panic
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let mock = lakeformation_mock::MockLakeFormation::new();
    /// // No rule: the call fails, and the code under test may swallow that error...
    /// let _ = mock.client().get_temporary_glue_table_credentials()
    ///     .table_arn("arn:aws:glue:us-east-1:123456789012:table/db/t").send().await;
    /// mock.verify(); // ...but not this: "1 unmatched request (no rule matched): ..."
    /// # }
    /// ```
    #[track_caller]
    pub fn verify(&self) {
        let report = self.inner.report();
        if report.failed() {
            panic!("{report}");
        }
    }

    /// The verification report, without panicking.
    pub fn report(&self) -> Report {
        self.inner.report()
    }
}

impl fmt::Debug for MockLakeFormation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockLakeFormation")
            .field("id", &self.inner.id)
            .field("rules", &self.inner.rules().len())
            .field("requests", &self.inner.journal.len())
            .field("settings", &self.inner.settings)
            .finish()
    }
}

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

impl MockLakeFormationBuilder {
    /// The language of the mock's hints (default Rust; the fixture loaders set
    /// [`Language::Fixture`]).
    pub(crate) fn hint_language(mut self, language: Language) -> Self {
        self.settings.hint_language = language;
        self
    }
}

/// Why nobody answered `request`, and how to fix it, in `language`.
#[cold]
pub(crate) fn unanswered_message(inner: &Inner, request: &Request, language: Language) -> String {
    let operation = request.operation();
    let what = match request.input_error() {
        Some(crate::InputError::UnsupportedOperation(_)) => format!(
            "lakeformation-mock: no rule answers {} {} : `{operation}` is not an operation the mock models \
             (it answers {}).",
            request.method(),
            request.uri(),
            crate::services::served_names("and")
        ),
        Some(error) => format!("lakeformation-mock: {error}."),
        None => format!("lakeformation-mock: no rule matched this {operation} request."),
    };
    let rules = inner.rules().snapshot();
    let closest = crate::script::rule_set::closest(&rules, request).map(|(rule, misses, exhausted)| {
        (rule.to_string(), misses.into_iter().map(|miss| miss.to_string()).collect(), exhausted)
    });
    let how_to_answer = match language {
        Language::Rust => format!("mount a rule: {}", crate::explain::hints::how_to_script(operation)),
        Language::Fixture => crate::fixture::hint::how_to_answer(request),
    };
    crate::explain::hints::unanswered_message(what, closest, &how_to_answer)
}

// The mock's side of mounting a rule and of building a mock from a fixture: these methods of
// `Rule` and `Scenario` live here, with the mock they act on, so that neither `rule` nor
// `fixture` depends on `mock` (the module layering in `lib.rs`).

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
