//! The mounted rules, indexed by operation and exact `TableArn` so that matching does not scan
//! every rule.

use crate::matchers::Mismatch;
use crate::request::RuleRef;
use crate::rule::{Count, Responder, Rule};
use crate::{Operation, Request, Times};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

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
    pub(crate) rule: Rule,
    step: usize,
    used_in_step: u64,
    pub(crate) calls: u64,
    pub(crate) tally: Arc<Tally>,
    /// Unmounted by its [`RuleGuard`](crate::RuleGuard): it no longer matches, is no longer
    /// listed, and its expectation was checked by the guard.
    removed: bool,
}

impl Mounted {
    fn exhausted(&self) -> bool {
        self.step >= self.rule.steps.len()
    }

    /// Takes the next reply of the sequence.
    fn take(&mut self) -> Responder {
        let step = &self.rule.steps[self.step];
        let responder = step.responder.clone();
        if let Count::Times(n) = step.count {
            self.used_in_step += 1;
            if self.used_in_step >= n {
                self.step += 1;
                self.used_in_step = 0;
            }
        }
        self.calls += 1;
        self.tally.calls.store(self.calls, Ordering::Relaxed);
        if self.exhausted() {
            self.tally.exhausted.store(true, Ordering::Relaxed);
        }
        responder
    }
}

/// An unmet expectation: the rule, what it expected, what it got.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnmetExpectation {
    /// The rule's name, or its matchers when it has none.
    pub rule: String,
    /// The expected number of calls.
    pub expected: Times,
    /// The calls it received.
    pub received: u64,
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
        self.rules.push(Mounted { rule, step: 0, used_in_step: 0, calls: 0, tally: tally.clone(), removed: false });
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

    /// Picks the rule that answers `request` and takes its next reply; `table` is the request's
    /// `TableArn` (read from its checked body, so that a rule pinning only the operation and the
    /// table never needs the typed input).
    ///
    /// Only the rules that could match are looked at: those of the request's operation or of
    /// any operation, pinning the request's `TableArn` or none. Their lists are merged in the
    /// order rules are tried.
    pub(crate) fn select(&mut self, request: &Request, table: Option<&str>) -> Option<(RuleRef, Responder)> {
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
        let mut heads = [0usize; 4];
        let index = loop {
            let next = (0..4).filter(|&l| heads[l] < lists[l].len()).min_by_key(|&l| self.order(lists[l][heads[l]]));
            let l = next?;
            let i = lists[l][heads[l]];
            heads[l] += 1;
            let mounted = &self.rules[i];
            if !mounted.exhausted() && mounted.rule.matchers.iter().all(|m| m.matches_with_table(request, table)) {
                break i;
            }
        };
        let mounted = &mut self.rules[index];
        let responder = mounted.take();
        Some((RuleRef { index, name: mounted.rule.name.clone() }, responder))
    }

    /// The rule that comes closest to matching `request` (fewest failing matchers, used-up
    /// rules last), with what failed.
    pub(crate) fn closest(&self, request: &Request) -> Option<(String, Vec<Mismatch>, bool)> {
        self.live()
            .map(|(i, m)| {
                let misses: Vec<Mismatch> = m.rule.matchers.iter().filter_map(|x| x.mismatch(request)).collect();
                (i, misses, m.exhausted())
            })
            .min_by_key(|(i, misses, exhausted)| (misses.len() + usize::from(*exhausted), *i))
            .map(|(i, misses, exhausted)| (self.rules[i].rule.label(Some(i)), misses, exhausted))
    }

    pub(crate) fn unmet_expectations(&self) -> Vec<UnmetExpectation> {
        self.live()
            .filter_map(|(i, m)| {
                let expected = m.rule.expected?;
                (!expected.contains(m.calls)).then(|| UnmetExpectation {
                    rule: m.rule.label(Some(i)),
                    expected,
                    received: m.calls,
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
