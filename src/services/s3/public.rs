//! The public S3 types (`lakeformation_mock::s3`, feature `s3`): the operations
//! ([`S3Operation`]), what the journal records of a request ([`S3Input`]), and the objects a
//! test puts and reads ([`S3Objects`], `MockLakeFormation::s3`).

pub use super::fixture::S3Spec;
pub use super::operation::S3Operation;
use super::store::{Object, Store};
use bytes::Bytes;
use std::path::Path;
use std::time::SystemTime;

/// What the journal records of an S3 request (`Input::S3`): its operation, bucket, key and
/// range, the access key it was signed with and what the lake knows of it, and the decision.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct S3Input {
    pub(crate) operation: S3Operation,
    pub(crate) bucket: Option<String>,
    pub(crate) key: Option<String>,
    pub(crate) prefix: Option<String>,
    pub(crate) range: Option<String>,
    pub(crate) access_key_id: Option<String>,
    pub(crate) credentials: Option<String>,
    pub(crate) vended_for: Vec<String>,
    pub(crate) key_writes: Option<bool>,
    pub(crate) status: u16,
    pub(crate) error_code: Option<String>,
}

impl S3Input {
    /// The operation.
    pub fn operation(&self) -> &S3Operation {
        &self.operation
    }

    /// The bucket it names.
    pub fn bucket(&self) -> Option<&str> {
        self.bucket.as_deref()
    }

    /// The object key it names (none for a listing or `DeleteObjects`).
    pub fn key(&self) -> Option<&str> {
        self.key.as_deref()
    }

    /// `s3://bucket/key` (or `s3://bucket/prefix` for a listing), if it names a bucket.
    pub fn s3_uri(&self) -> Option<String> {
        let bucket = self.bucket.as_deref()?;
        Some(format!("s3://{bucket}/{}", self.key.as_deref().or(self.prefix.as_deref()).unwrap_or("")))
    }

    /// A listing's `prefix`.
    pub fn prefix(&self) -> Option<&str> {
        self.prefix.as_deref()
    }

    /// The `Range` header (`bytes=0-99`).
    pub fn range(&self) -> Option<&str> {
        self.range.as_deref()
    }

    /// The access key id it was signed with.
    pub fn access_key_id(&self) -> Option<&str> {
        self.access_key_id.as_deref()
    }

    /// What the lake knows of the key, in words ("keys vended by GetTemporaryGlueTableCredentials
    /// for db.t to arn:..."); `None` for a key the lake does not know.
    pub fn credentials(&self) -> Option<&str> {
        self.credentials.as_deref()
    }

    /// The tables (Glue table ARNs) the key was vended for; empty for a key the lake did not
    /// vend (a principal's own, or an unknown one).
    pub fn vended_for(&self) -> &[String] {
        &self.vended_for
    }

    /// Whether the key may write (READWRITE keys, or a principal's own READWRITE access);
    /// `None` for a key the lake does not know.
    pub fn key_writes(&self) -> Option<bool> {
        self.key_writes
    }

    /// The record as JSON, for the server's journal endpoint (wire-like names; no secret).
    #[cfg_attr(not(feature = "server"), allow(dead_code))]
    pub(crate) fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "Operation": self.operation.name(),
            "Bucket": self.bucket,
            "Key": self.key,
            "Prefix": self.prefix,
            "Range": self.range,
            "AccessKeyId": self.access_key_id,
            "Credentials": self.credentials,
            "VendedFor": self.vended_for,
            "KeyWrites": self.key_writes,
            "Status": self.status,
            "ErrorCode": self.error_code,
        })
    }

    /// The HTTP status answered.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The S3 error code it was refused with (`AccessDenied`, `ExpiredToken`...), if it was.
    pub fn error_code(&self) -> Option<&str> {
        self.error_code.as_deref()
    }
}

/// The mock's S3 objects (`MockLakeFormation::s3`, feature `s3`), shared by its clones: what a
/// test puts for an engine to read, and reads back after it wrote.
///
/// ```
/// let mock = lakeformation_mock::MockLakeFormation::new();
/// mock.s3().put("s3://lake/db/t/part-0.parquet", b"PAR1".to_vec());
/// assert_eq!(mock.s3().get("s3://lake/db/t/part-0.parquet").as_deref(), Some(&b"PAR1"[..]));
/// assert_eq!(mock.s3().list("s3://lake/db/"), ["s3://lake/db/t/part-0.parquet"]);
/// assert!(mock.s3().delete("s3://lake/db/t/part-0.parquet"));
/// assert!(mock.s3().list("s3://lake/").is_empty());
/// ```
#[derive(Clone)]
pub struct S3Objects {
    pub(crate) store: Store,
}

/// `s3://bucket/key` as bucket and key; panics on anything else (a test's mistake).
#[track_caller]
fn split(uri: &str) -> (&str, &str) {
    let parsed = uri.strip_prefix("s3://").and_then(|rest| rest.split_once('/').or(Some((rest, ""))));
    match parsed {
        Some((bucket, key)) if !bucket.is_empty() => (bucket, key),
        _ => panic!("`{uri}` is not an S3 URI: write s3://bucket/key"),
    }
}

impl S3Objects {
    /// Puts `data` at `uri` (`s3://bucket/key`), replacing what was there.
    #[track_caller]
    pub fn put(&self, uri: &str, data: impl Into<Bytes>) {
        let (bucket, key) = split(uri);
        self.store.put(bucket, key, Object::new(data.into(), SystemTime::now(), None));
    }

    /// The object at `uri`, if there is one.
    #[track_caller]
    pub fn get(&self, uri: &str) -> Option<Bytes> {
        let (bucket, key) = split(uri);
        self.store.get(bucket, key).map(|object| object.data)
    }

    /// The objects whose URI starts with `prefix` (`s3://bucket/prefix`), as URIs, in key order.
    #[track_caller]
    pub fn list(&self, prefix: &str) -> Vec<String> {
        let (bucket, prefix) = split(prefix);
        let objects = self.store.read();
        let Some(keys) = objects.buckets.get(bucket) else { return Vec::new() };
        keys.range(prefix.to_owned()..)
            .take_while(|(key, _)| key.starts_with(prefix))
            .map(|(key, _)| format!("s3://{bucket}/{key}"))
            .collect()
    }

    /// Deletes the object at `uri`; whether there was one.
    #[track_caller]
    pub fn delete(&self, uri: &str) -> bool {
        let (bucket, key) = split(uri);
        self.store.delete(bucket, key)
    }

    /// Puts every file under directory `dir` (recursively) under `prefix` (`s3://bucket/prefix/`),
    /// each at its path relative to `dir`; returns how many.
    #[track_caller]
    pub fn put_dir(&self, prefix: &str, dir: impl AsRef<Path>) -> std::io::Result<usize> {
        let (bucket, prefix) = split(prefix);
        let prefix = if prefix.is_empty() || prefix.ends_with('/') { prefix.to_owned() } else { format!("{prefix}/") };
        let files = super::store::files_under(dir.as_ref())?;
        let count = files.len();
        for (key, data) in files {
            self.store.put(bucket, &format!("{prefix}{key}"), Object::new(data.into(), SystemTime::now(), None));
        }
        Ok(count)
    }
}

impl std::fmt::Debug for S3Objects {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let objects = self.store.read();
        f.debug_struct("S3Objects").field("objects", &objects.buckets.values().map(|b| b.len()).sum::<usize>()).finish()
    }
}
