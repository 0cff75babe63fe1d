//! The mounted rules, indexed by operation and exact `TableArn` so that matching does not scan
//! every rule.

use crate::record::request::RuleRef;
use crate::script::matchers::Mismatch;
use crate::script::rule::{Count, Responder, Rule};
use crate::{Operation, Request, Times};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// What a mounted rule shares with its [`RuleHandle`](crate::RuleHandle)s: its calls so far and
/// whether its replies are used up, readable without the rules' lock.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    pub(crate) calls: AtomicU64,
    pub(crate) exhausted: AtomicBool,
}

/// The rules of one operation (or of any operation), split by the exact `TableArn` they pin.
#[derive(Default)]
struct Bucket {
    any_table: Vec<usize>,
    by_table: HashMap<String, Vec<usize>>,
}

pub(crate) struct Mounted {
    /// Shared, so that matching runs on a snapshot of the candidates, without the rules' lock.
    pub(crate) rule: Arc<Rule>,
    /// How many replies each step of the sequence has given (taken, and not given back).
    used: Vec<u64>,
    pub(crate) calls: u64,
    pub(crate) tally: Arc<Tally>,
    /// Unmounted by its [`RuleGuard`](crate::RuleGuard): it no longer matches, is no longer
    /// listed, and its expectation was checked by the guard.
    removed: bool,
}

impl Mounted {
    /// The step whose reply comes next: the first one not used up.
    fn current_step(&self) -> Option<usize> {
        self.rule.steps.iter().zip(&self.used).position(|(step, &used)| match step.count {
            Count::Times(n) => used < n,
            Count::Forever => true,
        })
    }

    fn exhausted(&self) -> bool {
        self.current_step().is_none()
    }

    fn update_tally(&self) {
        self.tally.calls.store(self.calls, Ordering::Relaxed);
        self.tally.exhausted.store(self.exhausted(), Ordering::Relaxed);
    }

    /// Takes the next reply of the sequence, if there is one left; returns its step.
    fn take(&mut self) -> Option<(usize, Responder)> {
        let step = self.current_step()?;
        self.used[step] += 1;
        self.calls += 1;
        self.update_tally();
        Some((step, self.rule.steps[step].responder.clone()))
    }

    /// Gives back a reply taken from `step` that was never sent (its closure panicked).
    fn give_back(&mut self, step: usize) {
        self.used[step] = self.used[step].saturating_sub(1);
        self.calls = self.calls.saturating_sub(1);
        self.update_tally();
    }
}

/// A reply taken from a rule: the rule, the step it came from, and how to make it.
pub(crate) struct Taken {
    pub(crate) rule: RuleRef,
    pub(crate) step: usize,
    pub(crate) responder: Responder,
}

/// A rule to try, taken out of the lock: its index and the rule.
pub(crate) type Candidate = (usize, Arc<Rule>);

/// An unmet expectation: the rule, what it expected, what it got.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnmetExpectation {
    /// The rule's name, or its matchers when it has none.
    pub rule: String,
    /// The expected number of calls.
    pub expected: Times,
    /// The calls it received.
    pub received: u64,
    /// The rule's index in mounting order, to find the requests it answered.
    pub(crate) index: usize,
}

impl UnmetExpectation {
    /// Whether the rule was called more often than it expects (rather than less).
    pub fn is_over_call(&self) -> bool {
        self.expected.is_exceeded_by(self.received)
    }
}

#[derive(Default)]
pub(crate) struct RuleSet {
    rules: Vec<Mounted>,
    /// Rule indices by the operation they pin (`None`: any), each list in the order rules are
    /// tried: priority, then mounting order. A handful of operations at most, so a list: finding
    /// a bucket compares operations instead of hashing them.
    buckets: Vec<(Option<Operation>, Bucket)>,
}

impl RuleSet {
    fn order(&self, index: usize) -> (u8, usize) {
        (self.rules[index].rule.priority, index)
    }

    /// Mounts `rule`; returns its index and the tally it shares with its handles.
    pub(crate) fn mount(&mut self, rule: Rule) -> (usize, Arc<Tally>) {
        let index = self.rules.len();
        let tally = Arc::new(Tally::default());
        let op = rule.matchers.iter().find_map(|m| m.operation()).cloned();
        let table = rule.matchers.iter().find_map(|m| m.exact_table_arn()).map(str::to_owned);
        let priority = rule.priority;
        let used = vec![0; rule.steps.len()];
        self.rules.push(Mounted { rule: Arc::new(rule), used, calls: 0, tally: tally.clone(), removed: false });
        let rules = &self.rules;
        let at = match self.buckets.iter().position(|(o, _)| *o == op) {
            Some(at) => at,
            None => {
                self.buckets.push((op, Bucket::default()));
                self.buckets.len() - 1
            }
        };
        let bucket = &mut self.buckets[at].1;
        let list = match table {
            Some(table) => bucket.by_table.entry(table).or_default(),
            None => &mut bucket.any_table,
        };
        // The new rule comes after every rule of the same or a lower priority number.
        let at = list.partition_point(|&i| rules[i].rule.priority <= priority);
        list.insert(at, index);
        (index, tally)
    }

    /// Unmounts the rule mounted at `index` with `tally` (nothing if [`clear`](Self::clear)
    /// removed it already): it stops matching and is no longer listed or verified.
    pub(crate) fn unmount(&mut self, index: usize, tally: &Arc<Tally>) {
        let Some(mounted) = self.rules.get_mut(index).filter(|m| Arc::ptr_eq(&m.tally, tally)) else { return };
        mounted.removed = true;
        for (_, bucket) in &mut self.buckets {
            bucket.any_table.retain(|&i| i != index);
            for list in bucket.by_table.values_mut() {
                list.retain(|&i| i != index);
            }
        }
    }

    /// How reports name the rule mounted at `index`.
    /// The rule mounted at `index`.
    pub(crate) fn rule(&self, index: usize) -> Arc<Rule> {
        self.rules[index].rule.clone()
    }

    pub(crate) fn label(&self, index: usize) -> String {
        self.rules[index].rule.label(Some(index))
    }

    /// The mounted rules, those a guard unmounted left out.
    fn live(&self) -> impl Iterator<Item = (usize, &Mounted)> {
        self.rules.iter().enumerate().filter(|(_, m)| !m.removed)
    }

    pub(crate) fn len(&self) -> usize {
        self.live().count()
    }

    /// The rules that could answer `request`, in the order they are tried (priority, then
    /// mounting order), those used up left out; `table` is the request's `TableArn`.
    ///
    /// Only the rules that could match are looked at: those of the request's operation or of
    /// any operation, pinning the request's `TableArn` or none. Their lists are merged in order.
    /// The caller matches them without the rules' lock (matchers may be user closures), then
    /// [`take`](Self::take)s the first that matches.
    pub(crate) fn candidates(&self, request: &Request, table: Option<&str>) -> Vec<Candidate> {
        let mut lists: [&[usize]; 4] = [&[]; 4];
        for (op, bucket) in &self.buckets {
            let slot = match op {
                Some(op) if op == request.operation() => 0,
                Some(_) => continue,
                None => 1,
            };
            lists[slot * 2] = &bucket.any_table;
            lists[slot * 2 + 1] = table.and_then(|t| bucket.by_table.get(t)).map_or(&[], Vec::as_slice);
        }
        let mut candidates: Vec<Candidate> = lists
            .iter()
            .flat_map(|list| list.iter().copied())
            .filter(|&i| !self.rules[i].exhausted())
            .map(|i| (i, self.rules[i].rule.clone()))
            .collect();
        candidates.sort_unstable_by_key(|&(i, _)| self.order(i));
        candidates
    }

    /// Takes the next reply of the rule at `index`, unless it was used up or unmounted since it
    /// was a candidate (another request took its last reply meanwhile).
    pub(crate) fn take(&mut self, index: usize) -> Option<Taken> {
        let mounted = self.rules.get_mut(index).filter(|m| !m.removed)?;
        let (step, responder) = mounted.take()?;
        Some(Taken { rule: RuleRef { index, name: mounted.rule.name.clone() }, step, responder })
    }

    /// Gives back a reply [`take`](Self::take)n and never sent: the rule's count and sequence are
    /// as if the request had not come.
    pub(crate) fn give_back(&mut self, taken: &Taken) {
        if let Some(mounted) = self.rules.get_mut(taken.rule.index) {
            mounted.give_back(taken.step);
        }
    }

    /// Every live rule, out of the lock, with whether it is used up and its label: for
    /// [`closest`] to look at without the lock.
    pub(crate) fn snapshot(&self) -> Vec<(usize, Arc<Rule>, bool)> {
        self.live().map(|(i, m)| (i, m.rule.clone(), m.exhausted())).collect()
    }

    pub(crate) fn unmet_expectations(&self) -> Vec<UnmetExpectation> {
        self.live()
            .filter_map(|(i, m)| {
                let expected = m.rule.expected?;
                (!expected.contains(m.calls)).then(|| UnmetExpectation {
                    rule: m.rule.label(Some(i)),
                    expected,
                    received: m.calls,
                    index: i,
                })
            })
            .collect()
    }

    pub(crate) fn calls(&self, name: &str) -> Option<u64> {
        let matching: Vec<u64> =
            self.live().map(|(_, m)| m).filter(|m| m.rule.name.as_deref() == Some(name)).map(|m| m.calls).collect();
        (!matching.is_empty()).then(|| matching.iter().sum())
    }

    pub(crate) fn clear(&mut self) {
        self.rules.clear();
        self.buckets.clear();
    }
}

/// The rule of `rules` (a [`RuleSet::snapshot`]) that comes closest to matching `request`
/// (fewest failing matchers, used-up rules last), with what failed. Runs matchers, user closures
/// among them: call it without the rules' lock.
pub(crate) fn closest(rules: &[(usize, Arc<Rule>, bool)], request: &Request) -> Option<(String, Vec<Mismatch>, bool)> {
    rules
        .iter()
        .map(|(i, rule, exhausted)| {
            let misses: Vec<Mismatch> = rule.matchers.iter().filter_map(|x| x.mismatch_caught(request)).collect();
            (*i, rule, misses, *exhausted)
        })
        .min_by_key(|(i, _, misses, exhausted)| (misses.len() + usize::from(*exhausted), *i))
        .map(|(i, rule, misses, exhausted)| (rule.label(Some(i)), misses, exhausted))
}
