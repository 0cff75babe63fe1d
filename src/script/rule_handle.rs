//! Handles on mounted rules: [`RuleHandle`] reads a rule's calls, [`RuleGuard`] verifies and
//! unmounts a rule at the end of a scope.

use crate::mock::state::Inner;
use crate::script::rule_set::{Tally, UnmetExpectation};
use crate::{Rule, Times};
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::Ordering;

/// A rule mounted on a mock, returned by [`Rule::mount`](crate::Rule::mount): how many requests
/// it answered, whether its replies are used up, and its own expectation.
///
/// A handle carries no duty: dropping it checks nothing, and the rule stays mounted. (For a rule
/// checked and removed at the end of a scope, see [`Rule::mount_as_scoped`](crate::Rule::mount_as_scoped).)
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use lakeformation_mock::{ErrorCode, MockLakeFormation, Reply, Rule};
///
/// let mock = MockLakeFormation::new();
/// let denied = Rule::table_credentials().then(Reply::error(ErrorCode::AccessDenied, "no")).mount(&mock);
/// assert_eq!(denied.calls(), 0);
///
/// let table = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";
/// let _ = mock.client().get_temporary_glue_table_credentials().table_arn(table).send().await;
/// assert_eq!(denied.calls(), 1);
/// assert!(denied.is_exhausted());
/// # }
/// ```
#[derive(Clone)]
pub struct RuleHandle {
    inner: Arc<Inner>,
    index: usize,
    tally: Arc<Tally>,
    /// The mounted rule, for its label: made only when a message needs it, not at mount.
    rule: Arc<Rule>,
    expected: Option<Times>,
}

impl RuleHandle {
    pub(crate) fn new(
        inner: Arc<Inner>,
        index: usize,
        tally: Arc<Tally>,
        rule: Arc<Rule>,
        expected: Option<Times>,
    ) -> Self {
        RuleHandle { inner, index, tally, rule, expected }
    }

    /// The rule as reports name it.
    fn label(&self) -> String {
        self.rule.label(Some(self.index))
    }

    /// How many requests the rule answered so far.
    pub fn calls(&self) -> u64 {
        self.tally.calls.load(Ordering::Relaxed)
    }

    /// Whether the rule's replies are used up, so that it no longer matches (a rule ending in
    /// [`respond_with`](crate::Rule::respond_with) or [`repeatedly`](crate::Rule::repeatedly)
    /// never is).
    pub fn is_exhausted(&self) -> bool {
        self.tally.exhausted.load(Ordering::Relaxed)
    }

    /// The rule's expectation, if it has one (see [`Rule::expect`](crate::Rule::expect)).
    pub fn expected(&self) -> Option<Times> {
        self.expected
    }

    /// The rule's expectation, when it is unmet now.
    pub fn unmet_expectation(&self) -> Option<UnmetExpectation> {
        let expected = self.expected?;
        let received = self.calls();
        (!expected.contains(received)).then(|| UnmetExpectation {
            rule: self.label(),
            expected,
            received,
            index: self.index,
        })
    }

    /// Checks this rule's expectation now, and panics with the same report as
    /// [`MockLakeFormation::verify`](crate::MockLakeFormation::verify) if it is unmet.
    #[track_caller]
    pub fn verify(&self) {
        if let Some(unmet) = self.unmet_expectation() {
            panic!("{}", self.inner.rule_report(unmet));
        }
    }

    fn unmount(&self) {
        self.inner.rules().unmount(self.index, &self.tally);
    }
}

impl fmt::Debug for RuleHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RuleHandle")
            .field("rule", &self.label())
            .field("calls", &self.calls())
            .field("exhausted", &self.is_exhausted())
            .field("expected", &self.expected)
            .finish()
    }
}

/// A rule mounted for a scope, returned by [`Rule::mount_as_scoped`](crate::Rule::mount_as_scoped).
///
/// When the guard is dropped, the rule's expectation is checked (the test panics with the
/// verification report if it is unmet, unless the thread is already panicking), then the rule
/// is unmounted: later requests go to the other rules, and the mock's own verification no longer
/// lists it. This is wiremock's `MockGuard`. The guard checks whatever the mock's
/// [`verify_on_drop`](crate::MockLakeFormationBuilder::verify_on_drop) setting says: asking for a scope is
/// asking for the check at its end.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsOutput;
/// use lakeformation_mock::{MockLakeFormation, Rule};
///
/// let mock = MockLakeFormation::new();
/// let client = mock.client();
/// let table = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";
/// {
///     let guard = Rule::table_credentials()
///         .respond_with(GetTemporaryGlueTableCredentialsOutput::builder().access_key_id("ASIASCOPED0000000001").build())
///         .expect(1)
///         .mount_as_scoped(&mock);
///     client.get_temporary_glue_table_credentials().table_arn(table).send().await.unwrap();
///     assert_eq!(guard.calls(), 1);
/// } // checked (1 call: met) and unmounted here
/// assert_eq!(mock.rule_count(), 0);
/// # }
/// ```
#[must_use = "the rule is unmounted and checked when the guard drops: bind it with `let guard = ..`, not `let _ = ..`"]
pub struct RuleGuard {
    handle: RuleHandle,
}

impl RuleGuard {
    pub(crate) fn new(handle: RuleHandle) -> Self {
        RuleGuard { handle }
    }

    /// How many requests the rule answered so far.
    pub fn calls(&self) -> u64 {
        self.handle.calls()
    }

    /// Whether the rule's replies are used up.
    pub fn is_exhausted(&self) -> bool {
        self.handle.is_exhausted()
    }

    /// A handle on the rule, which outlives the guard (its counts stay readable after the rule
    /// is unmounted).
    pub fn handle(&self) -> &RuleHandle {
        &self.handle
    }
}

impl Drop for RuleGuard {
    fn drop(&mut self) {
        self.handle.unmount();
        if std::thread::panicking() {
            return;
        }
        if let Some(unmet) = self.handle.unmet_expectation() {
            panic!("{}", self.handle.inner.rule_report(unmet));
        }
    }
}

impl fmt::Debug for RuleGuard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("RuleGuard").field(&self.handle).finish()
    }
}
