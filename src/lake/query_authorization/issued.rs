//! The `QueryAuthorizationId`s a lake issued (feature `glue`): the record of one
//! ([`QueryAuthorization`]) and the store of those records a lake keeps ([`Store`]).

use std::collections::HashMap;
use std::fmt;
use std::time::SystemTime;

/// A `QueryAuthorizationId` the lake issued with a `GetUnfilteredTableMetadata` answer: to whom,
/// for which table and query, until when, and what it authorized.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use aws_sdk_glue::types::PermissionType;
/// use aws_sdk_lakeformation::types::Permission;
/// use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, Principal, Table, TableSchema};
/// use lakeformation_mock::MockLakeFormation;
///
/// let role = "arn:aws:iam::123456789012:role/engine";
/// let lake = Lake::builder()
///     .settings(DataLakeSettings::default().allow_full_table_external_data_access(true))
///     .register_location("s3://lake/")
///     .table(Table::new("db", "t").location("s3://lake/db/t/"))
///     .schema(TableSchema::new("db", "t").column("id", "bigint"))
///     .principal(Principal::new("AKIDENGINE", role))
///     .grant(Grant::new(role, "db", "t", [Permission::Select]))
///     .seed(1)
///     .build();
/// let mock = MockLakeFormation::new().with_lake(&lake);
/// let out = mock.glue_client_as("AKIDENGINE").get_unfiltered_table_metadata()
///     .catalog_id("123456789012").database_name("db").name("t")
///     .supported_permission_types(PermissionType::ColumnPermission)
///     .send().await.unwrap();
/// let id = out.query_authorization_id().unwrap();
/// let authorization = lake.query_authorization(id).unwrap();
/// assert_eq!(authorization.principal_arn(), role);
/// assert_eq!(authorization.table_arn(), "arn:aws:glue:us-east-1:123456789012:table/db/t");
/// assert_eq!(authorization.authorized_columns(), ["id"]);
/// assert_eq!(authorization.request_id(), mock.requests()[0].answer().request_id().unwrap());
/// # }
/// ```
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct QueryAuthorization {
    pub(in crate::lake) id: String,
    pub(in crate::lake) principal_arn: String,
    pub(in crate::lake) caller_access_key_id: String,
    pub(in crate::lake) table_arn: String,
    pub(in crate::lake) query_id: Option<String>,
    pub(in crate::lake) issued_at: SystemTime,
    pub(in crate::lake) expires_at: SystemTime,
    pub(in crate::lake) request_id: String,
    pub(in crate::lake) request_index: usize,
    pub(in crate::lake) authorized_columns: Vec<String>,
    pub(in crate::lake) row_filter: String,
}

impl QueryAuthorization {
    /// The id (`QueryAuthorizationId`).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The ARN of the principal it was issued to.
    pub fn principal_arn(&self) -> &str {
        &self.principal_arn
    }

    /// The access key id of the Glue call that obtained it.
    pub fn caller_access_key_id(&self) -> &str {
        &self.caller_access_key_id
    }

    /// The ARN of the table it authorizes.
    pub fn table_arn(&self) -> &str {
        &self.table_arn
    }

    /// The `QuerySessionContext.QueryId` of the Glue call, if it had one.
    pub fn query_id(&self) -> Option<&str> {
        self.query_id.as_deref()
    }

    /// When it was issued (the calling client's clock, whole seconds).
    pub fn issued_at(&self) -> SystemTime {
        self.issued_at
    }

    /// When it stops being valid for vending.
    pub fn expires_at(&self) -> SystemTime {
        self.expires_at
    }

    /// The request id of the Glue call that obtained it (its journal entry's
    /// [`Answer::request_id`](crate::Answer::request_id)).
    pub fn request_id(&self) -> &str {
        &self.request_id
    }

    /// The position of the Glue call that obtained it in the mock's journal
    /// ([`Request::index`](crate::Request::index)), as refusals name it ("request #0").
    pub fn request_index(&self) -> usize {
        self.request_index
    }

    /// The columns it authorized (`AuthorizedColumns`, sorted).
    pub fn authorized_columns(&self) -> &[String] {
        &self.authorized_columns
    }

    /// The row filter it authorized (`RowFilter`; `TRUE` for every row).
    pub fn row_filter(&self) -> &str {
        &self.row_filter
    }
}

impl fmt::Debug for QueryAuthorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("QueryAuthorization")
            .field("id", &self.id)
            .field("principal_arn", &self.principal_arn)
            .field("table_arn", &self.table_arn)
            .field("query_id", &self.query_id)
            .field("expires_at", &self.expires_at)
            .field("request_id", &self.request_id)
            .field("request_index", &self.request_index)
            .field("authorized_columns", &self.authorized_columns)
            .field("row_filter", &self.row_filter)
            .finish()
    }
}

/// The ids a lake issued, and the random source they are drawn from.
pub(in crate::lake) struct Store {
    rng: fastrand::Rng,
    issued: Vec<QueryAuthorization>,
    /// Positions in `issued` by id: several when a pinned id was issued more than once.
    by_id: HashMap<String, Vec<usize>>,
}

/// Mixed into the lake's seed, so that ids are seeded with the lake but drawn apart from the keys.
const ID_SEED_SALT: u64 = 0x5141_5f49_445f_5345;

impl Store {
    /// An empty store, its ids drawn from `seed` (mixed with a salt) if given.
    pub(in crate::lake) fn new(seed: Option<u64>) -> Store {
        let rng = match seed {
            Some(seed) => fastrand::Rng::with_seed(seed ^ ID_SEED_SALT),
            None => fastrand::Rng::new(),
        };
        Store { rng, issued: Vec::new(), by_id: HashMap::new() }
    }

    /// A fresh id: 64 lowercase hexadecimal digits, never one issued before.
    pub(in crate::lake) fn draw(&mut self) -> String {
        loop {
            let id: String = (0..64).map(|_| char::from(b"0123456789abcdef"[self.rng.usize(..16)])).collect();
            if !self.by_id.contains_key(&id) {
                return id;
            }
        }
    }

    /// Records `record`.
    pub(in crate::lake) fn insert(&mut self, record: QueryAuthorization) {
        self.by_id.entry(record.id.clone()).or_default().push(self.issued.len());
        self.issued.push(record);
    }

    /// The latest record of `id`.
    pub(in crate::lake) fn latest(&self, id: &str) -> Option<&QueryAuthorization> {
        self.by_id.get(id).and_then(|at| at.last()).map(|&i| &self.issued[i])
    }

    /// The record of `id` to check a vending of `table` to `principal` against: the latest one
    /// issued to that principal for that table (a pinned id may have been issued for several),
    /// else the latest one.
    pub(in crate::lake) fn find(&self, id: &str, principal: &str, table: &str) -> Option<&QueryAuthorization> {
        let at = self.by_id.get(id)?;
        let mine =
            at.iter().rev().map(|&i| &self.issued[i]).find(|r| r.principal_arn == principal && r.table_arn == table);
        mine.or_else(|| self.latest(id))
    }

    /// The latest id issued to `principal` for `table`.
    pub(in crate::lake) fn latest_for(&self, principal: &str, table: &str) -> Option<&QueryAuthorization> {
        self.issued.iter().rev().find(|r| r.principal_arn == principal && r.table_arn == table)
    }

    /// Every record, in the order issued.
    pub(in crate::lake) fn issued(&self) -> &[QueryAuthorization] {
        &self.issued
    }
}
