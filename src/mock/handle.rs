//! The handle a test holds: [`MockLakeFormation`], a cheap-to-clone handle on the mock's shared
//! rules, journal and settings, with what it reads back (requests, the report).

use crate::mock::state::Inner;
use crate::record::journal::Journal;
use crate::record::verification::Report;
use crate::script::fallback::Fallback;
use crate::{Request, Rule, RuleHandle};
use aws_sdk_lakeformation::config::SharedHttpClient;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::Ordering;

/// The access key id of the credentials [`MockLakeFormation::client`] signs with.
pub const DEFAULT_ACCESS_KEY_ID: &str = "AKIDLAKEFORMATIONMOCK";

/// An in-process Lake Formation for tests: inject it into a real `aws_sdk_lakeformation::Client`
/// and script what it answers.
///
/// Clones share the same rules and journal; the handle is `Send + Sync`.
///
/// # Who verifies
///
/// The handle you create ([`MockLakeFormation::new`], [`MockLakeFormationBuilder::build`](crate::MockLakeFormationBuilder::build), and the mocks a
/// fixture builds) checks the expectations of the rules when it is dropped, and the test fails
/// with the verification report if one is unmet (unless the thread is already panicking, or
/// [`MockLakeFormationBuilder::verify_on_drop`](crate::MockLakeFormationBuilder::verify_on_drop) turned it off). It does so whatever still holds the shared
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
    pub(super) verifies: bool,
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

impl MockLakeFormation {
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
    /// [`MockLakeFormationBuilder::fail_on_unmatched`](crate::MockLakeFormationBuilder::fail_on_unmatched) turned that off).
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
