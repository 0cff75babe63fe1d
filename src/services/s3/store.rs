//! The mock's S3 objects, in memory, shared by the mock's clones: buckets of objects by key,
//! and the multipart uploads in progress.

use bytes::Bytes;
use md5::{Digest, Md5};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::SystemTime;

/// One stored object.
#[derive(Clone, Debug)]
pub(crate) struct Object {
    pub(crate) data: Bytes,
    /// The ETag's value, unquoted: the MD5 of the data in hex, or for a multipart upload the
    /// MD5 of its parts' MD5s and `-` and their count, as S3's.
    pub(crate) etag: String,
    pub(crate) last_modified: SystemTime,
    pub(crate) content_type: Option<String>,
}

impl Object {
    /// An object of `data`, its ETag the MD5 of the data.
    pub(crate) fn new(data: Bytes, last_modified: SystemTime, content_type: Option<String>) -> Object {
        let etag = hex(&Md5::digest(&data));
        Object { data, etag, last_modified, content_type }
    }
}

/// A multipart upload in progress: where it goes and its parts so far.
#[derive(Clone, Debug)]
pub(crate) struct Upload {
    pub(crate) bucket: String,
    pub(crate) key: String,
    pub(crate) content_type: Option<String>,
    /// Parts by number: data and ETag.
    pub(crate) parts: BTreeMap<i32, (Bytes, String)>,
}

/// What the store holds.
#[derive(Default)]
pub(crate) struct Objects {
    /// Objects by bucket, then key (sorted: a listing is a range).
    pub(crate) buckets: HashMap<String, BTreeMap<String, Object>>,
    pub(crate) uploads: HashMap<String, Upload>,
    pub(crate) next_upload: u64,
}

/// The store, shared by the mock's clones and the S3 requests it answers.
#[derive(Clone, Default)]
pub(crate) struct Store(Arc<RwLock<Objects>>);

impl Store {
    pub(crate) fn read(&self) -> RwLockReadGuard<'_, Objects> {
        self.0.read().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn write(&self) -> RwLockWriteGuard<'_, Objects> {
        self.0.write().unwrap_or_else(|e| e.into_inner())
    }

    /// The object at `bucket`/`key`.
    pub(crate) fn get(&self, bucket: &str, key: &str) -> Option<Object> {
        self.read().buckets.get(bucket)?.get(key).cloned()
    }

    /// Puts `object` at `bucket`/`key`, replacing what was there.
    pub(crate) fn put(&self, bucket: &str, key: &str, object: Object) {
        self.write().buckets.entry(bucket.to_owned()).or_default().insert(key.to_owned(), object);
    }

    /// Deletes the object at `bucket`/`key`; whether there was one.
    pub(crate) fn delete(&self, bucket: &str, key: &str) -> bool {
        self.write().buckets.get_mut(bucket).is_some_and(|objects| objects.remove(key).is_some())
    }
}

/// Every file under `dir` (recursively), each with its path relative to `dir` as a key
/// (`d=1/part-0.parquet`), in no particular order.
pub(crate) fn files_under(dir: &std::path::Path) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(at) = pending.pop() {
        for entry in std::fs::read_dir(&at)? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let relative = path.strip_prefix(dir).unwrap_or(&path);
            let key: Vec<String> =
                relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            files.push((key.join("/"), std::fs::read(&path)?));
        }
    }
    Ok(files)
}

/// `bytes` in lowercase hexadecimal.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The ETag S3 gives a multipart upload of parts with these ETags: the MD5 of the parts' MD5s,
/// `-`, and the number of parts.
pub(crate) fn multipart_etag<'a>(part_etags: impl ExactSizeIterator<Item = &'a str>) -> String {
    let count = part_etags.len();
    let mut digest = Md5::new();
    for etag in part_etags {
        let raw: Vec<u8> =
            (0..etag.len() / 2).filter_map(|i| u8::from_str_radix(&etag[2 * i..2 * i + 2], 16).ok()).collect();
        digest.update(&raw);
    }
    format!("{}-{count}", hex(&digest.finalize()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etags_are_md5s_as_s3_computes_them() {
        let object = Object::new(Bytes::from_static(b"hello"), SystemTime::UNIX_EPOCH, None);
        assert_eq!(object.etag, "5d41402abc4b2a76b9719d911017c592");
        // Two parts "hello" and "world": md5(md5("hello") ++ md5("world")) and "-2".
        let world = hex(&Md5::digest(b"world"));
        let etag = multipart_etag([object.etag.as_str(), world.as_str()].into_iter());
        assert!(etag.ends_with("-2") && etag.len() == 34, "{etag}");
    }
}
