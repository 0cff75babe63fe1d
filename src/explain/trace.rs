//! Decision traces: why the simulated lake answered as it did.

use std::fmt;

/// Why the simulated lake answered a request as it did: the steps of its decision, in order,
/// each a short sentence (`"principal: ..."`, `"region: ..."`, `"full-table access: ..."`,
/// `"grants: ..."`, `"permission types: ..."`...), the last one the answer.
///
/// Every lake answer carries one, credentials and refusals alike; read it from the journal
/// with [`Answer::trace`](crate::Answer::trace). The SDK still sees only the service's terse
/// message: the trace is for the test author. `Display` prints one step per line.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use aws_sdk_lakeformation::types::Permission;
/// use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, Principal, Table};
/// use lakeformation_mock::MockLakeFormation;
///
/// let role = "arn:aws:iam::123456789012:role/reader";
/// let lake = Lake::builder()
///     .settings(DataLakeSettings::default().allow_full_table_external_data_access(true))
///     .register_location("s3://lake/")
///     .table(Table::new("db", "t").location("s3://lake/db/t/"))
///     .principal(Principal::new("AKIDREADER", role))
///     .grant(Grant::new(role, "db", "t", [Permission::Describe]))
///     .build();
/// let mock = MockLakeFormation::new().with_lake(&lake);
/// let arn = "arn:aws:glue:us-east-1:123456789012:table/db/t";
/// let err = mock.client_as("AKIDREADER").get_temporary_glue_table_credentials().table_arn(arn).send().await;
/// assert!(err.is_err());
///
/// let request = &mock.requests()[0];
/// let trace = request.answer().trace().unwrap();
/// assert!(trace.contains("principal: access key id AKIDREADER is arn:aws:iam::123456789012:role/reader"));
/// assert!(trace.contains("grants: DESCRIBE on db.t"));
/// assert!(trace.contains("permission SELECT: missing"));
/// println!("{trace}"); // one step per line
/// # }
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Trace {
    steps: Vec<String>,
}

impl Trace {
    /// The steps, in the order the lake took them.
    pub fn steps(&self) -> &[String] {
        &self.steps
    }

    /// Whether a step contains `text`.
    ///
    /// ```
    /// use lakeformation_mock::lake::Trace;
    ///
    /// let trace = Trace::default();
    /// assert!(!trace.contains("principal"));
    /// assert!(trace.is_empty());
    /// ```
    pub fn contains(&self, text: &str) -> bool {
        self.steps.iter().any(|step| step.contains(text))
    }

    /// The first step that starts with `prefix` (`"principal:"`, `"region:"`...), if any.
    pub fn step(&self, prefix: &str) -> Option<&str> {
        self.steps.iter().find(|step| step.starts_with(prefix)).map(String::as_str)
    }

    /// The number of steps.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// Whether there is no step.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// Adds a step.
    /// A step longer than [`STEP_ECHO`] bytes (one quoting a huge request value) is cut, with
    /// what was left out counted.
    pub(crate) fn push(&mut self, step: impl Into<String>) {
        self.steps.push(crate::explain::echo::truncated_owned(step.into(), STEP_ECHO));
    }
}

/// The most bytes of one step: room for several echoed values and the lake's own words.
const STEP_ECHO: usize = 4 * crate::explain::echo::MAX_ECHO;

impl fmt::Display for Trace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.steps.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            f.write_str(step)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Trace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.steps).finish()
    }
}

impl<'a> IntoIterator for &'a Trace {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;

    fn into_iter(self) -> Self::IntoIter {
        self.steps.iter()
    }
}
