//! Rules: matchers plus a sequence of replies, with a priority, a name and an expectation.

use crate::script::matchers::{self, Matcher};
use crate::{Operation, Reply, Request, Times};
use std::fmt;
use std::sync::Arc;

pub(crate) type ReplyFn = Arc<dyn Fn(&Request) -> Reply + Send + Sync>;

/// How a step produces its reply.
#[derive(Clone)]
pub(crate) enum Responder {
    Fixed(Reply),
    Computed(ReplyFn),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Count {
    Times(u64),
    Forever,
}

#[derive(Clone)]
pub(crate) struct Step {
    pub(crate) responder: Responder,
    pub(crate) count: Count,
}

/// The default priority of a rule. Lower numbers win.
pub const DEFAULT_PRIORITY: u8 = 5;

/// A rule: which requests it answers (matchers), what it answers (a sequence of replies), and
/// what it expects (a number of calls).
///
/// Replies are given in sequence: [`then`](Rule::then) adds a reply used once (or
/// [`times`](Rule::times) times), [`respond_with`](Rule::respond_with) a reply used forever.
/// A rule whose sequence is used up stops matching, so the next rule (or the simulated lake)
/// answers.
///
/// When several rules match, the lowest [`priority`](Rule::priority) wins, then the one mounted
/// first.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsOutput;
/// use lakeformation_mock::{matchers::table_arn, ErrorCode, MockLakeFormation, Reply, Rule};
///
/// let mock = MockLakeFormation::new();
/// let arn = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";
/// Rule::table_credentials()
///     .and(table_arn(arn))
///     .then(Reply::error(ErrorCode::InternalService, "try again"))
///     .respond_with(GetTemporaryGlueTableCredentialsOutput::builder().access_key_id("ASIAMOCKEXAMPLE00001").build())
///     .named("orders table")
///     .expect(2)
///     .mount(&mock);
///
/// // The SDK retries the 500, then gets the credentials.
/// let out = mock.client().get_temporary_glue_table_credentials().table_arn(arn).send().await.unwrap();
/// assert_eq!(out.access_key_id(), Some("ASIAMOCKEXAMPLE00001"));
/// mock.verify();
/// # }
/// ```
#[must_use = "a rule does nothing until it is mounted: call `.mount(&mock)`"]
#[derive(Clone)]
pub struct Rule {
    pub(crate) matchers: Vec<Matcher>,
    pub(crate) steps: Vec<Step>,
    pub(crate) priority: u8,
    pub(crate) name: Option<std::sync::Arc<str>>,
    pub(crate) expected: Option<Times>,
}

impl Default for Rule {
    fn default() -> Self {
        Rule::new()
    }
}

impl Rule {
    /// A rule that matches every request for an operation the mock serves; add matchers with
    /// [`and`](Rule::and). A request for any other operation is not answered by it: see
    /// [`any_operation`](Rule::any_operation).
    ///
    /// The operations, each with the constructor of a rule for it alone:
    ///
    /// | Service | Operation | Rule for it alone |
    /// |---|---|---|
    /// | Lake Formation | `GetTemporaryGlueTableCredentials` | [`Rule::table_credentials`] |
    /// | Lake Formation | `GetTemporaryDataLocationCredentials` | [`Rule::data_location`] |
    /// | Lake Formation | `GetTemporaryGluePartitionCredentials` | [`Rule::partition_credentials`] |
    /// | Glue (feature `glue`) | `GetUnfilteredTableMetadata` | `Rule::unfiltered_table_metadata` |
    /// | Glue (feature `glue`) | `GetUnfilteredPartitionsMetadata` | `Rule::unfiltered_partitions_metadata` |
    ///
    /// ([`Rule::for_operation`] takes any [`Operation`].)
    pub fn new() -> Self {
        Rule::any_operation().and(matchers::modeled_operation())
    }

    /// A rule that matches every request, whatever its path names: also operations the mock
    /// does not model (`POST /GetDataLakeSettings`, `POST /`), which it then answers with what
    /// you script, typically a [`RawResponse`](crate::RawResponse). Use it only when a test
    /// means to answer such requests.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use lakeformation_mock::{MockLakeFormation, RawResponse, Rule};
    ///
    /// let mock = MockLakeFormation::new();
    /// Rule::any_operation().respond_with(RawResponse::new(200).json(&serde_json::json!({}))).mount(&mock);
    /// let out = mock.client().get_data_lake_settings().send().await;
    /// assert!(out.is_ok());
    /// # }
    /// ```
    pub fn any_operation() -> Self {
        Rule { matchers: Vec::new(), steps: Vec::new(), priority: DEFAULT_PRIORITY, name: None, expected: None }
    }

    /// A rule for one operation.
    pub fn for_operation(operation: Operation) -> Self {
        Rule::any_operation().and(matchers::operation(operation))
    }

    /// A rule for Lake Formation's `GetTemporaryGlueTableCredentials` (table credentials; Glue's
    /// own table call is [`unfiltered_table_metadata`](Rule::unfiltered_table_metadata)).
    pub fn table_credentials() -> Self {
        Rule::for_operation(Operation::GetTemporaryGlueTableCredentials)
    }

    /// A rule for `GetTemporaryDataLocationCredentials`.
    pub fn data_location() -> Self {
        Rule::for_operation(Operation::GetTemporaryDataLocationCredentials)
    }

    /// A rule for Lake Formation's `GetTemporaryGluePartitionCredentials` (partition credentials).
    pub fn partition_credentials() -> Self {
        Rule::for_operation(Operation::GetTemporaryGluePartitionCredentials)
    }

    /// Adds a matcher: the rule matches only requests that satisfy all of its matchers.
    pub fn and(mut self, matcher: Matcher) -> Self {
        self.matchers.push(matcher);
        self
    }

    /// Adds a closure over the whole request as a matcher; `description` names it in reports.
    pub fn and_request(
        self,
        description: impl Into<String>,
        predicate: impl Fn(&Request) -> bool + Send + Sync + 'static,
    ) -> Self {
        self.and(matchers::request(description, predicate))
    }

    fn push(mut self, responder: Responder, count: Count) -> Self {
        self.steps.push(Step { responder, count });
        self
    }

    /// Answers with `reply` every time from now on (after any earlier step of the sequence).
    #[track_caller]
    pub fn respond_with(self, reply: impl Into<Reply>) -> Self {
        self.push(Responder::Fixed(reply.into()), Count::Forever)
    }

    /// Answers with what `f` computes from the request, every time from now on.
    pub fn respond_with_fn(self, f: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Self {
        self.push(Responder::Computed(Arc::new(f)), Count::Forever)
    }

    /// Adds `reply` to the sequence, used once (see [`times`](Rule::times)).
    #[track_caller]
    pub fn then(self, reply: impl Into<Reply>) -> Self {
        self.push(Responder::Fixed(reply.into()), Count::Times(1))
    }

    /// Adds a computed reply to the sequence, used once (see [`times`](Rule::times)).
    pub fn then_fn(self, f: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Self {
        self.push(Responder::Computed(Arc::new(f)), Count::Times(1))
    }

    /// Uses the last reply of the sequence `n` times instead of once.
    ///
    /// # Panics
    /// When the rule has no reply yet, or `n` is 0.
    #[track_caller]
    pub fn times(mut self, n: u64) -> Self {
        assert!(n > 0, "Rule::times(0): a step used zero times never answers; remove it instead");
        let step = self.steps.last_mut().expect("Rule::times: add a reply with `.then(..)` first");
        step.count = Count::Times(n);
        self
    }

    /// Uses the last reply of the sequence forever, so the rule is never used up.
    ///
    /// # Panics
    /// When the rule has no reply yet.
    #[track_caller]
    pub fn repeatedly(mut self) -> Self {
        let step = self.steps.last_mut().expect("Rule::repeatedly: add a reply with `.then(..)` first");
        step.count = Count::Forever;
        self
    }

    /// Sets the priority: among matching rules the lowest number wins (default
    /// [`DEFAULT_PRIORITY`], 5).
    pub fn priority(mut self, priority: u8) -> Self {
        self.priority = priority;
        self
    }

    /// Names the rule in verification reports and in the journal.
    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into().into());
        self
    }

    /// Expects this many calls (`1`, `1..=3`, `2..`, `Times::never()`), checked by
    /// [`MockLakeFormation::verify`](crate::MockLakeFormation::verify) and when the mock is dropped.
    ///
    /// # Panics
    /// When the range is empty (`3..3`, `..0`).
    #[track_caller]
    pub fn expect(mut self, times: impl Into<Times>) -> Self {
        self.expected = Some(times.into());
        self
    }

    /// The rule's name, or a description built from its matchers.
    pub(crate) fn label(&self, index: Option<usize>) -> String {
        match (&self.name, index) {
            (Some(name), _) => format!("`{name}`"),
            (None, index) => {
                let what: Vec<String> = self.matchers.iter().map(|m| m.to_string()).collect();
                let what = if what.is_empty() { "any request".to_owned() } else { what.join(" and ") };
                match index {
                    Some(i) => format!("#{i} ({what})"),
                    None => format!("({what})"),
                }
            }
        }
    }

    /// The matchers of this rule.
    pub fn matchers(&self) -> &[Matcher] {
        &self.matchers
    }
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("name", &self.name)
            .field("matchers", &self.matchers)
            .field("steps", &self.steps.len())
            .field("priority", &self.priority)
            .field("expected", &self.expected)
            .finish()
    }
}

#[cfg(feature = "glue")]
impl Rule {
    /// A rule for Glue's `GetUnfilteredTableMetadata` (feature `glue`).
    pub fn unfiltered_table_metadata() -> Self {
        Rule::for_operation(Operation::Glue(crate::services::operation::GlueOperation::GetUnfilteredTableMetadata))
    }

    /// A rule for Glue's `GetUnfilteredPartitionsMetadata` (feature `glue`).
    pub fn unfiltered_partitions_metadata() -> Self {
        Rule::for_operation(Operation::Glue(crate::services::operation::GlueOperation::GetUnfilteredPartitionsMetadata))
    }
}
