//! What a mock's handles share: its rules, journal, fallback (the lake), settings and counters.
//! [`MockLakeFormation`](crate::MockLakeFormation), its connectors and the rule handles each hold
//! an `Arc` of it.

use crate::fallback::Fallback;
use crate::journal::Journal;
use crate::rule_set::RuleSet;
use crate::verification::Report;
use aws_sdk_lakeformation::config::retry::RetryPartition;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

/// The shared state of one mock.
pub(crate) struct Inner {
    pub(crate) id: u64,
    pub(crate) rules: Mutex<RuleSet>,
    pub(crate) journal: Journal,
    pub(crate) fallback: RwLock<Option<Arc<dyn Fallback>>>,
    pub(crate) settings: Settings,
    pub(crate) next_request_id: AtomicU64,
    /// Responses answered but not yet sent: waiting out a delay or at a gate.
    pub(crate) in_flight: std::sync::atomic::AtomicUsize,
    /// The retry partition of the mock's clients: their own token bucket, shared by them alone.
    pub(crate) retry_partition: RetryPartition,
    /// The same for the mock's Glue clients (feature `glue`), as Glue's clients have a bucket of
    /// their own in production.
    #[cfg(feature = "glue")]
    pub(crate) glue_retry_partition: RetryPartition,
}

#[derive(Clone, Debug)]
pub(crate) struct Settings {
    pub(crate) region: String,
    pub(crate) fail_on_unmatched: bool,
    pub(crate) verify_on_drop: bool,
    pub(crate) validate_input: bool,
    pub(crate) fail_on_lake_answers: bool,
    pub(crate) hint_language: crate::hints::Language,
}

/// A retry partition that owns its token bucket (the SDK's default one: 500 tokens, 5 a
/// retry). A partition made with `RetryPartition::new(name)` would keep its bucket in the SDK's
/// process-wide map for good, one per mock, and look it up by name on every call.
fn retry_partition(name: String) -> RetryPartition {
    RetryPartition::custom(name).build()
}

impl Inner {
    pub(crate) fn new(id: u64, settings: Settings) -> Inner {
        Inner {
            id,
            rules: Mutex::new(RuleSet::default()),
            journal: Journal::default(),
            fallback: RwLock::new(None),
            settings,
            next_request_id: AtomicU64::new(1),
            in_flight: std::sync::atomic::AtomicUsize::new(0),
            retry_partition: retry_partition(format!("lakeformation-mock-{id}")),
            #[cfg(feature = "glue")]
            glue_retry_partition: retry_partition(format!("lakeformation-mock-glue-{id}")),
        }
    }

    pub(crate) fn rules(&self) -> MutexGuard<'_, RuleSet> {
        // A panic while the lock was held (in a user closure, say) leaves the rules usable.
        self.rules.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn report(&self) -> Report {
        let unmet = self.rules().unmet_expectations();
        let unmatched = self.journal.unanswered();
        // Matchers may be user closures: they run without the rules' lock.
        let rules = self.rules().snapshot();
        let unmatched = unmatched.into_iter().map(|r| (crate::rule_set::closest(&rules, &r), r)).collect();
        if unmet.is_empty() && !self.settings.fail_on_lake_answers {
            return Report::new(unmet, unmatched, self.settings.fail_on_unmatched);
        }
        // An expectation is unmet: the request the rule expected may have gone to the lake.
        let lake = self
            .journal
            .all()
            .into_iter()
            .filter(|r| r.answer().source() == &crate::Source::Lake)
            .map(|r| (crate::rule_set::closest(&rules, &r), r))
            .collect();
        Report::new(unmet, unmatched, self.settings.fail_on_unmatched)
            .with_lake_answers(lake, self.settings.fail_on_lake_answers)
    }
}
