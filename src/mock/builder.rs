//! How a mock is made: [`MockLakeFormationBuilder`] and its settings, and
//! [`MockLakeFormation::new`] / [`MockLakeFormation::builder`].

use crate::explain::hints::Language;
use crate::mock::handle::MockLakeFormation;
use crate::mock::state::{Inner, Settings};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

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
}

impl MockLakeFormationBuilder {
    /// The language of the mock's hints (default Rust; the fixture loaders set
    /// [`Language::Fixture`]).
    pub(crate) fn hint_language(mut self, language: Language) -> Self {
        self.settings.hint_language = language;
        self
    }
}
