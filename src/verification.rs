//! The verification report: unmet expectations and unanswered requests, explained; and, when an
//! expectation is unmet, the requests the simulated lake answered instead, with its traces.

use crate::journal::summary;
use crate::matchers::Mismatch;
pub use crate::rule_set::UnmetExpectation;
use crate::{Reply, Request};
use std::fmt;

type Closest = Option<(String, Vec<Mismatch>, bool)>;

/// What [`MockLakeFormation::verify`](crate::MockLakeFormation::verify) found.
#[derive(Clone, Debug)]
pub struct Report {
    unmet: Vec<UnmetExpectation>,
    unanswered: Vec<(Closest, Request)>,
    /// The requests the simulated lake answered, gathered only when an expectation is unmet.
    lake: Vec<(Closest, Request)>,
    strict: bool,
    /// `fail_on_lake_answers`: a request the lake answered fails verification.
    no_lake: bool,
}

/// How many of the lake's answers the report lists.
const LAKE_ANSWERS_SHOWN: usize = 10;

impl Report {
    pub(crate) fn new(unmet: Vec<UnmetExpectation>, unanswered: Vec<(Closest, Request)>, strict: bool) -> Self {
        Report { unmet, unanswered, lake: Vec::new(), strict, no_lake: false }
    }

    /// Adds the requests the simulated lake answered (to explain an unmet expectation, or to
    /// fail verification with `fail_on_lake_answers`).
    pub(crate) fn with_lake_answers(mut self, lake: Vec<(Closest, Request)>, fail_on_them: bool) -> Self {
        self.lake = lake;
        self.no_lake = fail_on_them;
        self
    }

    /// Whether verification fails: an expectation is unmet, (with `fail_on_unmatched`) a
    /// request went unanswered, or (with `fail_on_lake_answers`) the simulated lake answered one.
    pub fn failed(&self) -> bool {
        !self.unmet.is_empty()
            || (self.strict && !self.unanswered.is_empty())
            || (self.no_lake && !self.lake.is_empty())
    }

    /// The unmet expectations.
    pub fn unmet_expectations(&self) -> &[UnmetExpectation] {
        &self.unmet
    }

    /// The requests nothing answered.
    pub fn unanswered_requests(&self) -> Vec<&Request> {
        self.unanswered.iter().map(|(_, r)| r).collect()
    }

    /// The requests the simulated lake answered, listed only when an expectation is unmet (one
    /// of them may be the request a rule expected, which did not match it): the report shows
    /// each with its closest rule and the lake's [`Trace`](crate::lake::Trace) (in full for a
    /// refusal). Empty when every expectation is met.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use lakeformation_mock::{lake::Lake, matchers, MockLakeFormation, Reply, Rule};
    /// use lakeformation_mock::ErrorCode;
    ///
    /// let mock = MockLakeFormation::builder().verify_on_drop(false).build().with_lake(&Lake::builder().build());
    /// Rule::table_credentials().and(matchers::table_arn("arn:aws:glue:us-east-1:123456789012:table/db/t"))
    ///     .respond_with(Reply::error(ErrorCode::EntityNotFound, "scripted")).named("db.t").expect(1).mount(&mock);
    /// // Another table: the rule does not match, the lake refuses (the caller is no principal of it).
    /// let _ = mock.client().get_temporary_glue_table_credentials()
    ///     .table_arn("arn:aws:glue:us-east-1:123456789012:table/db/u").send().await;
    /// let report = mock.report();
    /// assert_eq!(report.lake_answers().len(), 1);
    /// let text = report.to_string();
    /// assert!(text.contains("1 request the simulated lake answered (no rule matched it):"), "{text}");
    /// assert!(text.contains("      principal: none: access key id AKIDLAKEFORMATIONMOCK belongs to no principal"), "{text}");
    /// # }
    /// ```
    pub fn lake_answers(&self) -> Vec<&Request> {
        self.lake.iter().map(|(_, r)| r).collect()
    }
}

/// The closest rule to a request and how it differs, as report lines.
fn write_closest(f: &mut fmt::Formatter<'_>, closest: &Closest) -> fmt::Result {
    match closest {
        Some((rule, misses, exhausted)) => {
            let used_up = if *exhausted { " (its replies are used up)" } else { "" };
            writeln!(f, "    closest rule: {rule}{used_up}")?;
            for miss in misses {
                writeln!(f, "      {miss}")?;
            }
            Ok(())
        }
        None => writeln!(f, "    no rule is mounted"),
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
                write_closest(f, closest)?;
            }
        }
        if !self.lake.is_empty() {
            let them = if self.lake.len() == 1 { "it" } else { "them" };
            let why =
                if self.no_lake { ", and fail_on_lake_answers is on: script every request with a rule" } else { "" };
            writeln!(
                f,
                "{} (no rule matched {them}{why}):",
                plural(self.lake.len(), "request the simulated lake answered", "requests the simulated lake answered")
            )?;
            for (closest, request) in self.lake.iter().take(LAKE_ANSWERS_SHOWN) {
                writeln!(f, "  - {}", summary(request))?;
                write_closest(f, closest)?;
                let Some(trace) = request.answer().trace() else { continue };
                if request.answer().reply().and_then(Reply::service_error).is_some() {
                    writeln!(f, "    why the lake refused it:")?;
                    for step in trace {
                        writeln!(f, "      {step}")?;
                    }
                } else if let Some(answer) = trace.steps().last() {
                    writeln!(f, "    {answer}")?;
                }
            }
            if self.lake.len() > LAKE_ANSWERS_SHOWN {
                writeln!(f, "  ... and {} more", self.lake.len() - LAKE_ANSWERS_SHOWN)?;
            }
        }
        Ok(())
    }
}
