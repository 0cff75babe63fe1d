//! One page of a `ListObjectsV2` listing over a bucket's sorted keys: prefix, delimiter
//! (common prefixes), `start-after` or continuation, and `max-keys`.

use super::store::Object;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use s3s::dto::Timestamp;
use std::collections::BTreeMap;
use std::ops::Bound;

/// A page: its objects and common prefixes, and where the next page starts (the last key or
/// common prefix listed), if the listing goes on.
pub(crate) struct Page {
    pub(crate) objects: Vec<s3s::dto::Object>,
    pub(crate) common_prefixes: Vec<String>,
    pub(crate) next: Option<String>,
}

/// The page of `bucket` under `prefix` after `after`, grouped by `delimiter`, of at most
/// `max_keys` entries (objects and common prefixes together).
pub(crate) fn page(
    bucket: &BTreeMap<String, Object>,
    prefix: &str,
    delimiter: Option<&str>,
    after: Option<&str>,
    max_keys: i32,
) -> Page {
    let mut page = Page { objects: Vec::new(), common_prefixes: Vec::new(), next: None };
    let start = match after {
        Some(after) if after >= prefix => Bound::Excluded(after.to_owned()),
        _ => Bound::Included(prefix.to_owned()),
    };
    let delimiter = delimiter.filter(|d| !d.is_empty());
    let mut count = 0;
    let mut last = None::<String>;
    for (key, object) in bucket.range((start, Bound::Unbounded)) {
        if !key.starts_with(prefix) {
            break;
        }
        // The keys of a common prefix already listed (on this page, or the one before).
        let in_listed_prefix = |listed: &str| delimiter.is_some_and(|d| listed.ends_with(d)) && key.starts_with(listed);
        if last.as_deref().is_some_and(in_listed_prefix) || after.is_some_and(in_listed_prefix) {
            continue;
        }
        if count == max_keys {
            page.next = last;
            return page;
        }
        let rest = &key[prefix.len()..];
        match delimiter.and_then(|d| rest.find(d).map(|at| at + d.len())) {
            Some(end) => {
                let common = format!("{prefix}{}", &rest[..end]);
                page.common_prefixes.push(common.clone());
                last = Some(common);
            }
            None => {
                page.objects.push(s3s::dto::Object {
                    key: Some(key.clone()),
                    size: Some(object.data.len() as i64),
                    e_tag: Some(super::shared::etag(&object.etag)),
                    last_modified: Some(Timestamp::from(object.last_modified)),
                    storage_class: Some(s3s::dto::ObjectStorageClass::from_static(
                        s3s::dto::ObjectStorageClass::STANDARD,
                    )),
                    ..s3s::dto::Object::default()
                });
                last = Some(key.clone());
            }
        }
        count += 1;
    }
    page
}

/// The continuation token for a listing that goes on after `last` (opaque to clients, as S3's).
pub(crate) fn encode_token(last: &str) -> String {
    URL_SAFE_NO_PAD.encode(last)
}

/// The key or common prefix a continuation token goes on after.
pub(crate) fn decode_token(token: &str) -> Option<String> {
    String::from_utf8(URL_SAFE_NO_PAD.decode(token).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;
    use std::time::SystemTime;

    fn bucket(keys: &[&str]) -> BTreeMap<String, Object> {
        keys.iter()
            .map(|k| (k.to_string(), Object::new(Bytes::from_static(b"x"), SystemTime::UNIX_EPOCH, None)))
            .collect()
    }

    fn keys(page: &Page) -> Vec<&str> {
        page.objects.iter().map(|o| o.key.as_deref().unwrap()).collect()
    }

    #[test]
    fn pages_go_on_after_their_last_entry() {
        let b = bucket(&["a/1", "a/2", "a/3", "b/1"]);
        let first = page(&b, "a/", None, None, 2);
        assert_eq!(keys(&first), ["a/1", "a/2"]);
        let second = page(&b, "a/", None, first.next.as_deref(), 2);
        assert_eq!(keys(&second), ["a/3"]);
        assert_eq!(second.next, None);
    }

    #[test]
    fn a_delimiter_groups_keys_into_common_prefixes_across_pages() {
        let b = bucket(&["t/a=1/x", "t/a=1/y", "t/a=2/x", "t/top"]);
        let first = page(&b, "t/", Some("/"), None, 1);
        assert_eq!(first.common_prefixes, ["t/a=1/"]);
        let second = page(&b, "t/", Some("/"), first.next.as_deref(), 5);
        assert_eq!(second.common_prefixes, ["t/a=2/"]);
        assert_eq!(keys(&second), ["t/top"]);
        assert_eq!(decode_token(&encode_token("t/a=1/")).as_deref(), Some("t/a=1/"));
    }
}
