//! The verification report: unmet expectations and unanswered requests, explained; the requests
//! an over-called rule answered; when an expectation is under-called, the requests the simulated
//! lake answered instead, with its traces; otherwise the lake's answers a rule nearly matched.

use crate::explain::hints::Language;
use crate::record::journal::summary;
use crate::script::matchers::Mismatch;
pub use crate::script::rule_set::UnmetExpectation;
use crate::{Reply, Request};
use std::collections::BTreeMap;
use std::fmt;

type Closest = Option<(String, Vec<Mismatch>, bool)>;

/// What [`MockLakeFormation::verify`](crate::MockLakeFormation::verify) found.
#[derive(Clone, Debug)]
pub struct Report {
    unmet: Vec<UnmetExpectation>,
    /// The requests each over-called rule answered, by the rule's index
    /// ([`UnmetExpectation::index`]).
    over_calls: BTreeMap<usize, Vec<Request>>,
    unanswered: Vec<(Closest, Request)>,
    /// The requests the simulated lake answered, gathered only when an expectation is
    /// under-called (or with `fail_on_lake_answers`).
    lake: Vec<(Closest, Request)>,
    strict: bool,
    /// `fail_on_lake_answers`: a request the lake answered fails verification.
    no_lake: bool,
    /// The mock's hint language: how the report words a fix (a builder method, or a fixture key).
    language: Language,
    /// The requests the simulated lake answered that a rule nearly matched, when `lake` is not
    /// listed.
    near_misses: Vec<(Closest, Request)>,
}

/// How many requests the report lists under one heading (the rest are counted).
const REQUESTS_SHOWN: usize = 10;

impl Report {
    pub(crate) fn new(
        unmet: Vec<UnmetExpectation>,
        unanswered: Vec<(Closest, Request)>,
        strict: bool,
        language: Language,
    ) -> Self {
        Report {
            unmet,
            over_calls: BTreeMap::new(),
            unanswered,
            lake: Vec::new(),
            strict,
            no_lake: false,
            language,
            near_misses: Vec::new(),
        }
    }

    /// Adds the requests each over-called rule answered, by the rule's index.
    pub(crate) fn with_over_calls(mut self, over_calls: BTreeMap<usize, Vec<Request>>) -> Self {
        self.over_calls = over_calls;
        self
    }

    /// Adds the requests the simulated lake answered that a rule nearly matched.
    pub(crate) fn with_near_misses(mut self, near_misses: Vec<(Closest, Request)>) -> Self {
        self.near_misses = near_misses;
        self
    }

    /// Adds the requests the simulated lake answered (to explain an unmet expectation, or to
    /// fail verification with `fail_on_lake_answers`).
    pub(crate) fn with_lake_answers(mut self, lake: Vec<(Closest, Request)>, fail_on_them: bool) -> Self {
        self.lake = lake;
        self.no_lake = fail_on_them;
        self
    }

    /// Whether verification fails: an expectation is unmet, a request went unanswered (unless
    /// `fail_on_unmatched` is off), or (with `fail_on_lake_answers`) the simulated lake answered
    /// one.
    pub fn failed(&self) -> bool {
        !self.unmet.is_empty()
            || (self.strict && !self.unanswered.is_empty())
            || (self.no_lake && !self.lake.is_empty())
    }

    /// The unmet expectations.
    pub fn unmet_expectations(&self) -> &[UnmetExpectation] {
        &self.unmet
    }

    /// The requests the rule of `unmet` answered, when it was called more often than it
    /// expects ([`UnmetExpectation::is_over_call`]); empty otherwise. The report lists them
    /// under the expectation.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use lakeformation_mock::{ErrorCode, MockLakeFormation, Reply, Rule};
    ///
    /// let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    /// Rule::table_credentials().respond_with(Reply::error(ErrorCode::EntityNotFound, "no")).named("lookup").expect(1).mount(&mock);
    /// for table in ["db/a", "db/b"] {
    ///     let arn = format!("arn:aws:glue:us-east-1:123456789012:table/{table}");
    ///     let _ = mock.client().get_temporary_glue_table_credentials().table_arn(arn).send().await;
    /// }
    /// let report = mock.report();
    /// let unmet = &report.unmet_expectations()[0];
    /// assert!(unmet.is_over_call());
    /// assert_eq!(report.requests_answered_by(unmet).len(), 2);
    /// assert!(report.to_string().contains("the 2 requests it answered:"), "{report}");
    /// # }
    /// ```
    pub fn requests_answered_by(&self, unmet: &UnmetExpectation) -> Vec<&Request> {
        if !self.unmet.contains(unmet) {
            return Vec::new();
        }
        self.over_calls.get(&unmet.index).map_or_else(Vec::new, |requests| requests.iter().collect())
    }

    /// The requests the simulated lake answered that a rule came within one matcher of
    /// answering (a rule for the request's operation, one of whose matchers failed), whether or
    /// not that rule has an expectation. They fail nothing: the report mentions them, with the
    /// rule and what differed, so that a rule that silently lost its request to the lake shows.
    /// Empty when the report lists every [`lake_answers`](Self::lake_answers) anyway.
    pub fn near_misses(&self) -> Vec<&Request> {
        self.near_misses.iter().map(|(_, r)| r).collect()
    }

    /// The requests nothing answered.
    pub fn unanswered_requests(&self) -> Vec<&Request> {
        self.unanswered.iter().map(|(_, r)| r).collect()
    }

    /// The requests the simulated lake answered, listed only when a rule was called fewer times
    /// than it expects (one of them may be the request it expected, which did not match it) or
    /// with `fail_on_lake_answers`: the report shows each with its closest rule and the lake's
    /// [`Trace`](crate::lake::Trace) (in full for a refusal). Empty otherwise (an over-called
    /// rule lists the requests it answered instead, see
    /// [`requests_answered_by`](Self::requests_answered_by)).
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
            let used_up = if *exhausted { " (its sequence of replies is used up)" } else { "" };
            writeln!(f, "    closest rule: {rule}{used_up}")?;
            for miss in misses {
                writeln!(f, "      {miss}")?;
            }
            Ok(())
        }
        None => writeln!(f, "    no rule is mounted"),
    }
}

/// Writes the first [`REQUESTS_SHOWN`] of `items`, each with `write_one`, then
/// `{indent}... and N more` for the rest.
fn write_first<T>(
    f: &mut fmt::Formatter<'_>,
    items: &[T],
    indent: &str,
    mut write_one: impl FnMut(&mut fmt::Formatter<'_>, &T) -> fmt::Result,
) -> fmt::Result {
    for item in items.iter().take(REQUESTS_SHOWN) {
        write_one(f, item)?;
    }
    if items.len() > REQUESTS_SHOWN {
        writeln!(f, "{indent}... and {} more", items.len() - REQUESTS_SHOWN)?;
    }
    Ok(())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.failed() {
            f.write_str("lakeformation-mock: every expectation was met")?;
            if !self.near_misses.is_empty() {
                writeln!(f)?;
                self.write_near_misses(f)?;
            }
            return Ok(());
        }
        writeln!(f, "lakeformation-mock verification failed:")?;
        if !self.unmet.is_empty() {
            writeln!(f, "{}:", plural(self.unmet.len(), "unmet expectation", "unmet expectations"))?;
            for u in &self.unmet {
                writeln!(f, "  - rule {} expected {}, received {}", u.rule, u.expected, u.received)?;
                let answered = self.over_calls.get(&u.index).map_or(&[][..], Vec::as_slice);
                match answered.len() {
                    0 => {}
                    1 => writeln!(f, "    the request it answered:")?,
                    n => writeln!(f, "    the {n} requests it answered:")?,
                }
                write_first(f, answered, "      ", |f, request| writeln!(f, "      - {}", summary(request)))?;
            }
        }
        // A rule matched these, but its reply cannot be sent (it breaks the service's model).
        let (unsendable, unmatched): (Vec<_>, Vec<_>) =
            self.unanswered.iter().partition(|(_, request)| request.answer().reply().is_some());
        if !unsendable.is_empty() {
            writeln!(
                f,
                "{} (a rule matched, but its reply cannot be sent):",
                plural(unsendable.len(), "unanswered request", "unanswered requests")
            )?;
            for (_, request) in &unsendable {
                writeln!(f, "  - {}", summary(request))?;
                // The answer's source names the rule as the rest of the report does (rule #3 `name`).
                let failure = request.answer().failure().unwrap_or_default();
                writeln!(f, "    {}: {failure}", request.answer().source())?;
            }
        }
        if !unmatched.is_empty() {
            writeln!(f, "{} (no rule matched):", plural(unmatched.len(), "unmatched request", "unmatched requests"))?;
            for (closest, request) in &unmatched {
                writeln!(f, "  - {}", summary(request))?;
                write_closest(f, closest)?;
            }
        }
        if !self.unanswered.is_empty() && self.strict {
            let turn_it_off = match self.language {
                Language::Rust => "build the mock with MockLakeFormation::builder().fail_on_unmatched(false)",
                // No `serve` flag turns it off, and a fixture POSTed to a server has its settings ignored.
                Language::Fixture => {
                    "give the fixture the mock starts from (`serve --fixture <PATH>`) \
                     \"settings\": {\"fail_on_unmatched\": false}"
                }
            };
            writeln!(
                f,
                "  (a request nothing answered fails verification; if the test leaves it unanswered on purpose, \
                 {turn_it_off})"
            )?;
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
            write_first(f, &self.lake, "  ", |f, (closest, request)| {
                writeln!(f, "  - {}", summary(request))?;
                write_closest(f, closest)?;
                let Some(trace) = request.answer().trace() else { return Ok(()) };
                if request.answer().reply().and_then(Reply::service_error).is_some() {
                    writeln!(f, "    why the lake refused it:")?;
                    for step in trace {
                        writeln!(f, "      {step}")?;
                    }
                } else if let Some(answer) = trace.steps().last() {
                    writeln!(f, "    {answer}")?;
                }
                Ok(())
            })?;
        }
        self.write_near_misses(f)
    }
}

impl Report {
    /// The lake's answers a rule nearly matched, if there are any.
    fn write_near_misses(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.near_misses.is_empty() {
            return Ok(());
        }
        let (them, they, were) =
            if self.near_misses.len() == 1 { ("it", "it", "was") } else { ("them", "they", "were") };
        writeln!(
            f,
            "note: {} though a rule nearly matched {them} (this fails nothing; check that {they} {were} meant for the lake):",
            plural(
                self.near_misses.len(),
                "request the simulated lake answered",
                "requests the simulated lake answered"
            )
        )?;
        write_first(f, &self.near_misses, "  ", |f, (closest, request)| {
            writeln!(f, "  - {}", summary(request))?;
            write_closest(f, closest)
        })
    }
}
