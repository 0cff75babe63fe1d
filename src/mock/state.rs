//! What a mock's handles share: its rules, journal, fallback (the lake), settings and counters.
//! [`MockLakeFormation`](crate::MockLakeFormation), its connectors and the rule handles each hold
//! an `Arc` of it.

use crate::Request;
use crate::record::journal::Journal;
use crate::record::verification::Report;
use crate::script::fallback::Fallback;
use crate::script::rule_set::RuleSet;
use crate::script::rule_set::UnmetExpectation;
use aws_sdk_lakeformation::config::retry::RetryPartition;
use std::collections::BTreeMap;
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
    /// The same for the mock's STS clients (feature `sts`).
    #[cfg(feature = "sts")]
    pub(crate) sts_retry_partition: RetryPartition,
    /// The S3 objects (feature `s3`).
    #[cfg(feature = "s3")]
    pub(crate) s3: crate::services::s3::store::Store,
}

#[derive(Clone, Debug)]
pub(crate) struct Settings {
    pub(crate) region: String,
    pub(crate) fail_on_unmatched: bool,
    pub(crate) verify_on_drop: bool,
    pub(crate) validate_input: bool,
    pub(crate) fail_on_lake_answers: bool,
    pub(crate) hint_language: crate::explain::hints::Language,
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
            #[cfg(feature = "sts")]
            sts_retry_partition: retry_partition(format!("lakeformation-mock-sts-{id}")),
            #[cfg(feature = "s3")]
            s3: Default::default(),
        }
    }

    pub(crate) fn rules(&self) -> MutexGuard<'_, RuleSet> {
        // A panic while the lock was held (in a user closure, say) leaves the rules usable.
        self.rules.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn report(&self) -> Report {
        let unmet = self.rules().unmet_expectations();
        // Matchers may be user closures: they run without the rules' lock.
        let rules = self.rules().snapshot();
        if rules.is_empty() && !self.settings.fail_on_lake_answers {
            // No rule: no expectation, no over-call, no near miss; only what went unanswered.
            let unmatched = self.journal.unanswered().into_iter().map(|r| (None, r)).collect();
            return Report::new(unmet, unmatched, self.settings.fail_on_unmatched, self.settings.hint_language);
        }
        let requests = self.journal.all();
        let with_closest = |r: &Request| (crate::script::rule_set::closest(&rules, r), r.clone());
        let unmatched = requests.iter().filter(|r| r.answer().is_unanswered()).map(with_closest).collect();
        let over_calls = answered_by_over_called(&unmet, &requests);
        let lake = requests.iter().filter(|r| r.answer().source() == &crate::Source::Lake);
        // A rule called too few times: the request it expected may have gone to the lake, so
        // every lake answer is listed. Otherwise only those a rule nearly matched are.
        let explain_lake = unmet.iter().any(|u| !u.is_over_call()) || self.settings.fail_on_lake_answers;
        let report = Report::new(unmet, unmatched, self.settings.fail_on_unmatched, self.settings.hint_language)
            .with_over_calls(over_calls);
        if explain_lake {
            report.with_lake_answers(lake.map(with_closest).collect(), self.settings.fail_on_lake_answers)
        } else {
            report.with_near_misses(lake.map(with_closest).filter(|(closest, _)| is_near_miss(closest)).collect())
        }
    }

    /// The report on one rule's unmet expectation (a [`RuleHandle`](crate::RuleHandle)'s or a
    /// [`RuleGuard`](crate::RuleGuard)'s), with the requests it answered if it was over-called.
    pub(crate) fn rule_report(&self, unmet: UnmetExpectation) -> Report {
        let unmet = vec![unmet];
        let over_calls = answered_by_over_called(&unmet, &self.journal.all());
        Report::new(unmet, Vec::new(), false, self.settings.hint_language).with_over_calls(over_calls)
    }
}

/// The requests of `requests` each over-called rule of `unmet` answered, by the rule's index
/// (an under-called rule has no entry).
fn answered_by_over_called(unmet: &[UnmetExpectation], requests: &[Request]) -> BTreeMap<usize, Vec<Request>> {
    unmet
        .iter()
        .filter(|u| u.is_over_call())
        .map(|u| {
            let by_rule =
                |r: &&Request| matches!(r.answer().source(), crate::Source::Rule(rule) if rule.index() == u.index);
            (u.index, requests.iter().filter(by_rule).cloned().collect())
        })
        .collect()
}

/// Whether a rule came within one matcher of answering a request the lake answered instead: it
/// serves the request's operation, and exactly one other matcher failed.
fn is_near_miss(closest: &Option<(String, Vec<crate::script::matchers::Mismatch>, bool)>) -> bool {
    match closest {
        Some((_, misses, _)) => misses.len() == 1 && misses.iter().all(|m| m.field != "operation"),
        None => false,
    }
}
