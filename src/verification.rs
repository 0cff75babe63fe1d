//! The verification report: unmet expectations and unanswered requests, explained.

use crate::journal::summary;
use crate::matchers::Mismatch;
pub use crate::rule_set::UnmetExpectation;
use crate::Request;
use std::fmt;

type Closest = Option<(String, Vec<Mismatch>, bool)>;

/// What [`MockLakeFormation::verify`](crate::MockLakeFormation::verify) found.
#[derive(Clone, Debug)]
pub struct Report {
    unmet: Vec<UnmetExpectation>,
    unanswered: Vec<(Closest, Request)>,
    strict: bool,
}

impl Report {
    pub(crate) fn new(unmet: Vec<UnmetExpectation>, unanswered: Vec<(Closest, Request)>, strict: bool) -> Self {
        Report { unmet, unanswered, strict }
    }

    /// Whether verification fails: an expectation is unmet, or (with `fail_on_unmatched`) a
    /// request went unanswered.
    pub fn failed(&self) -> bool {
        !self.unmet.is_empty() || (self.strict && !self.unanswered.is_empty())
    }

    /// The unmet expectations.
    pub fn unmet_expectations(&self) -> &[UnmetExpectation] {
        &self.unmet
    }

    /// The requests nothing answered.
    pub fn unanswered_requests(&self) -> Vec<&Request> {
        self.unanswered.iter().map(|(_, r)| r).collect()
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.failed() {
            return f.write_str("lakeformation-mock: every expectation was met");
        }
        writeln!(f, "lakeformation-mock verification failed:")?;
        if !self.unmet.is_empty() {
            writeln!(f, "{}:", plural(self.unmet.len(), "unmet expectation", "unmet expectations"))?;
            for u in &self.unmet {
                writeln!(f, "  - rule {} expected {}, received {}", u.rule, u.expected, u.received)?;
            }
        }
        if !self.unanswered.is_empty() {
            writeln!(
                f,
                "{} (no rule matched):",
                plural(self.unanswered.len(), "unmatched request", "unmatched requests")
            )?;
            for (closest, request) in &self.unanswered {
                writeln!(f, "  - {}", summary(request))?;
                match closest {
                    Some((rule, misses, exhausted)) => {
                        let used_up = if *exhausted { " (its replies are used up)" } else { "" };
                        writeln!(f, "    closest rule: {rule}{used_up}")?;
                        for miss in misses {
                            writeln!(f, "      {miss}")?;
                        }
                    }
                    None => writeln!(f, "    no rule is mounted")?,
                }
            }
        }
        Ok(())
    }
}
