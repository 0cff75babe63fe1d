//! The journal: every request the mock received, in arrival order, with filters and assertions.

use crate::record::input::OwnedAuditContext;
use crate::script::matchers::Matcher;
use crate::{Input, Operation, Request, Times};
use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsInput;
use aws_sdk_lakeformation::operation::get_temporary_glue_partition_credentials::GetTemporaryGluePartitionCredentialsInput;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsInput;
use std::fmt::Write;
use std::sync::{Mutex, MutexGuard};

/// Every request received, retries included, each recorded exactly once.
///
/// Reading hands out owned clones, so a test can hold them while calls go on.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsOutput;
/// use aws_sdk_lakeformation::types::AuditContext;
/// use lakeformation_mock::{matchers::query_id, MockLakeFormation, Rule};
///
/// let mock = MockLakeFormation::new();
/// Rule::table_credentials().respond_with(GetTemporaryGlueTableCredentialsOutput::builder().build()).mount(&mock);
/// mock.client()
///     .get_temporary_glue_table_credentials()
///     .table_arn("arn:aws:glue:us-east-1:123456789012:table/db/t")
///     .audit_context(AuditContext::builder().additional_audit_context("job-7").build())
///     .send()
///     .await
///     .unwrap();
///
/// let journal = mock.journal();
/// journal.assert_all_have_audit_context();
/// assert_eq!(journal.audit_contexts()[0].as_ref().unwrap().additional_audit_context(), Some("job-7"));
/// journal.assert_received(&query_id("q-1"), 0);
/// # }
/// ```
#[derive(Default)]
pub struct Journal {
    /// Boxed, so that the room the `Vec` keeps as it doubles is a pointer per request, not a
    /// whole `Request` (528 bytes): about 150 bytes less per journaled call.
    #[allow(clippy::vec_box)]
    entries: Mutex<Vec<Box<Request>>>,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.lock().iter()).finish()
    }
}

/// One line naming a request: its index, operation and identifying fields (a Glue request's
/// database and table, as Glue names them), each value cut at
/// [`MAX_ECHO`](crate::explain::echo::MAX_ECHO) bytes.
pub(crate) fn summary(request: &Request) -> String {
    use crate::script::matchers::{Field, Value, field_value};
    let mut s = format!("#{} {}", request.index(), request.operation());
    #[cfg(feature = "s3")] // s3: the object or prefix
    if let Some(uri) = request.input().and_then(|i| i.as_s3()).and_then(|i| i.s3_uri()) {
        let _ = write!(s, " {}", crate::explain::echo::capped(&uri));
    }
    if let Some(input) = request.input() {
        // A credentials request's database and table are in its `TableArn`, shown already.
        let names_table_by_arn = request.operation().names_table_by_arn();
        let fields = [Field::TableArn, Field::DataLocations, Field::DatabaseName, Field::TableName, Field::QueryId];
        for field in fields {
            if names_table_by_arn && matches!(field, Field::DatabaseName | Field::TableName) {
                continue;
            }
            let value = field_value(input, field);
            if value != Value::Missing {
                // A huge `TableArn` or list of `DataLocations` is cut: the line stays readable.
                let shown = crate::explain::echo::capped(&value.to_string()).into_owned();
                let _ = write!(s, " {}={shown}", field.path_for(request.operation()));
            }
        }
    } else if let Some(error) = request.input_error() {
        let _ = write!(s, " ({error})");
    }
    s
}

impl Journal {
    #[allow(clippy::vec_box)]
    fn lock(&self) -> MutexGuard<'_, Vec<Box<Request>>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn record(&self, mut request: Request) {
        let mut entries = self.lock();
        request.index = entries.len();
        entries.push(Box::new(request));
    }

    /// Every request, in arrival order.
    pub fn all(&self) -> Vec<Request> {
        self.lock().iter().map(|r| Request::clone(r)).collect()
    }

    /// The number of requests received.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether no request was received.
    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    /// Forgets every request received so far.
    pub fn clear(&self) {
        self.lock().clear();
    }

    /// The requests for `operation`.
    pub fn of(&self, operation: &Operation) -> Vec<Request> {
        self.lock().iter().filter(|r| r.operation() == operation).map(|r| Request::clone(r)).collect()
    }

    /// The requests that satisfy `matcher` (the same matchers rules use).
    pub fn matching(&self, matcher: &Matcher) -> Vec<Request> {
        // Matchers may be user closures: they run on a copy, without the journal's lock.
        self.all().into_iter().filter(|r| matcher.matches(r)).collect()
    }

    /// How many requests satisfy `matcher`.
    pub fn count(&self, matcher: &Matcher) -> usize {
        self.all().iter().filter(|r| matcher.matches(r)).count()
    }

    /// What `pick` reads from each request that has it, in order: one operation's typed inputs.
    fn inputs<T: Clone>(&self, pick: impl Fn(&Request) -> Option<&T>) -> Vec<T> {
        self.lock().iter().filter_map(|r| pick(r).cloned()).collect()
    }

    /// The typed inputs of every `GetTemporaryGlueTableCredentials` request, in order.
    pub fn table_credentials_inputs(&self) -> Vec<GetTemporaryGlueTableCredentialsInput> {
        self.inputs(Request::table_credentials_input)
    }

    /// The typed inputs of every `GetTemporaryDataLocationCredentials` request, in order.
    pub fn data_location_inputs(&self) -> Vec<GetTemporaryDataLocationCredentialsInput> {
        self.inputs(Request::data_location_input)
    }

    /// The typed inputs of every `GetTemporaryGluePartitionCredentials` request, in order.
    pub fn partition_credentials_inputs(&self) -> Vec<GetTemporaryGluePartitionCredentialsInput> {
        self.inputs(Request::partition_credentials_input)
    }

    /// The `AuditContext` of every request with a typed input, Glue's included, in order
    /// (`None` where absent).
    pub fn audit_contexts(&self) -> Vec<Option<OwnedAuditContext>> {
        self.lock().iter().filter_map(|r| r.input()).map(|i| i.audit_context().map(|a| a.to_owned_context())).collect()
    }

    /// The requests the mock could not answer.
    pub fn unanswered(&self) -> Vec<Request> {
        self.lock().iter().filter(|r| r.answer().is_unanswered()).map(|r| Request::clone(r)).collect()
    }

    /// Asserts that `times` requests satisfied `matcher`.
    ///
    /// ```should_panic
    /// use lakeformation_mock::{matchers::table_arn, MockLakeFormation};
    ///
    /// let mock = MockLakeFormation::new();
    /// mock.journal().assert_received(&table_arn("arn:aws:glue:us-east-1:123456789012:table/db/t"), 1);
    /// ```
    #[track_caller]
    pub fn assert_received(&self, matcher: &Matcher, times: impl Into<Times>) {
        let times = times.into();
        // The matcher may be a user closure: it runs on a copy, without the journal's lock.
        let entries = self.all();
        let count = entries.iter().filter(|r| matcher.matches(r)).count() as u64;
        if !times.contains(count) {
            let mut message = format!(
                "expected {times} matching [{matcher}], received {count}; the journal holds {} requests:",
                entries.len()
            );
            for r in entries.iter() {
                let why = matcher.mismatch(r).map_or_else(|| "matches".to_owned(), |m| m.to_string());
                let _ = write!(message, "\n  {}: {why}", summary(r));
            }
            panic!("{message}");
        }
    }

    /// Asserts that every request with a typed input carried an `AuditContext` (a Glue request's
    /// counts, with feature `glue`).
    #[track_caller]
    pub fn assert_all_have_audit_context(&self) {
        let entries = self.lock();
        let missing: Vec<String> =
            entries.iter().filter(|r| r.input().is_some() && r.audit_context().is_none()).map(|r| summary(r)).collect();
        if !missing.is_empty() {
            let list = missing.join("\n  ");
            drop(entries);
            panic!("{} of the requests carried no AuditContext:\n  {list}", missing.len());
        }
    }

    /// Asserts that every request of the operations `counts` accepts carried the same, present
    /// value `get` reads.
    #[track_caller]
    fn assert_shared(&self, what: &str, counts: impl Fn(&Operation) -> bool, get: impl Fn(&Input) -> Option<String>) {
        let entries = self.lock();
        let values: Vec<(String, Option<String>)> = entries
            .iter()
            .filter_map(|r| Some((summary(r), r.input().filter(|i| counts(&i.operation()))?)))
            .map(|(s, i)| (s, get(i)))
            .collect();
        let first = values.first().and_then(|(_, v)| v.clone());
        let same = first.is_some() && values.iter().all(|(_, v)| *v == first);
        if !same {
            let which = crate::services::served_names_of(&counts, "and");
            let mut message = format!("expected every {which} request to share one {what}, but they carried:");
            if values.is_empty() {
                let _ = write!(message, " (no {which} request at all)");
            }
            for (s, v) in &values {
                let _ =
                    write!(message, "\n  {s}: {}", v.as_deref().map_or("(absent)".to_owned(), |v| format!("{v:?}")));
            }
            drop(entries);
            panic!("{message}");
        }
    }

    /// Asserts that every request of one scan carried the same, present
    /// `QuerySessionContext.QueryId`: every `GetTemporaryGlueTableCredentials` request and, with
    /// feature `glue`, every Glue `GetUnfilteredTableMetadata` and
    /// `GetUnfilteredPartitionsMetadata` request (Glue's `QuerySessionContext.QueryId` counts).
    /// The partition and data-location operations carry no `QuerySessionContext` and are left
    /// out. At least one such request must have arrived.
    ///
    /// ```should_panic
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use aws_sdk_lakeformation::types::QuerySessionContext;
    /// use lakeformation_mock::{ErrorCode, MockLakeFormation, Reply, Rule};
    ///
    /// let mock = MockLakeFormation::new();
    /// Rule::table_credentials().respond_with(Reply::error(ErrorCode::EntityNotFound, "gone")).mount(&mock);
    /// for query in ["q-1", "q-2"] {
    ///     let _ = mock.client().get_temporary_glue_table_credentials()
    ///         .table_arn("arn:aws:glue:us-east-1:123456789012:table/sales/orders")
    ///         .query_session_context(QuerySessionContext::builder().query_id(query).build())
    ///         .send().await;
    /// }
    /// mock.journal().assert_shared_query_id(); // panics: "q-1" and "q-2"
    /// # }
    /// ```
    #[track_caller]
    pub fn assert_shared_query_id(&self) {
        self.assert_shared("QueryId", carries_query_session_context, |i| {
            i.query_session_context().and_then(|q| q.query_id()).map(str::to_owned)
        });
    }

    /// Asserts that every `GetTemporaryGlueTableCredentials` request carried the same, present
    /// `QuerySessionContext.QueryAuthorizationId`. Glue requests are left out: Glue issues the
    /// id (in its answer), and vending passes it back.
    #[track_caller]
    pub fn assert_shared_query_authorization_id(&self) {
        self.assert_shared(
            "QueryAuthorizationId",
            |op| *op == Operation::GetTemporaryGlueTableCredentials,
            |i| i.query_session_context().and_then(|q| q.query_authorization_id()).map(str::to_owned),
        );
    }
}

/// Whether requests of `operation` carry a `QuerySessionContext` (table vending, Glue's calls).
fn carries_query_session_context(operation: &Operation) -> bool {
    match operation {
        Operation::GetTemporaryGlueTableCredentials => true,
        #[cfg(feature = "glue")]
        Operation::Glue(_) => true,
        _ => false,
    }
}

#[cfg(feature = "glue")]
impl Journal {
    /// The Glue inputs received, in order (feature `glue`).
    pub fn glue_inputs(&self) -> Vec<crate::record::input::GlueInput> {
        self.inputs(|r| r.input().and_then(Input::as_glue))
    }

    /// The `GetUnfilteredTableMetadata` inputs received, in order (feature `glue`).
    pub fn unfiltered_table_metadata_inputs(
        &self,
    ) -> Vec<aws_sdk_glue::operation::get_unfiltered_table_metadata::GetUnfilteredTableMetadataInput> {
        self.inputs(|r| r.input().and_then(Input::as_unfiltered_table_metadata))
    }

    /// The `GetUnfilteredPartitionsMetadata` inputs received, in order (feature `glue`).
    pub fn unfiltered_partitions_metadata_inputs(
        &self,
    ) -> Vec<aws_sdk_glue::operation::get_unfiltered_partitions_metadata::GetUnfilteredPartitionsMetadataInput> {
        self.inputs(|r| r.input().and_then(Input::as_unfiltered_partitions_metadata))
    }
}

#[cfg(feature = "sts")]
impl Journal {
    /// The `AssumeRole` inputs received, in order (feature `sts`).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use lakeformation_mock::lake::{Lake, Principal, Role};
    /// use lakeformation_mock::MockLakeFormation;
    ///
    /// let role = "arn:aws:iam::123456789012:role/engine";
    /// let lake = Lake::builder()
    ///     .principal(Principal::new("AKIDCI", "arn:aws:iam::123456789012:user/ci"))
    ///     .role(Role::new(role).trusts("arn:aws:iam::123456789012:user/ci"))
    ///     .build();
    /// let mock = MockLakeFormation::new().with_lake(&lake);
    /// mock.sts_client_as("AKIDCI").assume_role().role_arn(role).role_session_name("s1").send().await.unwrap();
    /// let inputs = mock.journal().assume_role_inputs();
    /// assert_eq!(inputs[0].role_session_name(), Some("s1"));
    /// # }
    /// ```
    pub fn assume_role_inputs(&self) -> Vec<aws_sdk_sts::operation::assume_role::AssumeRoleInput> {
        self.inputs(|r| r.input().and_then(Input::as_assume_role))
    }
}
