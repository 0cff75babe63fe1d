//! S3 locations: `s3://bucket/prefix` (or `arn:aws:s3:::bucket/prefix`) and containment on
//! path boundaries.

use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;

/// A parsed S3 location: bucket and key prefix, without leading or trailing `/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct S3Uri<'a> {
    pub(crate) bucket: &'a str,
    pub(crate) key: &'a str,
}

impl<'a> S3Uri<'a> {
    /// Parses `s3://bucket[/key]` or `arn:{partition}:s3:::bucket[/key]`; `None` otherwise.
    pub(crate) fn parse(uri: &'a str) -> Option<S3Uri<'a>> {
        let rest = match uri.strip_prefix("s3://") {
            Some(rest) => rest,
            None => {
                let rest = uri.strip_prefix("arn:")?;
                let (_partition, rest) = rest.split_once(':')?;
                rest.strip_prefix("s3:::")?
            }
        };
        let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
        let valid_bucket = !bucket.is_empty()
            && bucket.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
        valid_bucket.then(|| S3Uri { bucket, key: key.trim_matches('/') })
    }

    /// Whether `self` is `other` or a prefix of it on a path boundary: `s3://b/p` covers
    /// `s3://b/p/x` but not `s3://b/px`.
    pub(crate) fn covers(&self, other: &S3Uri<'_>) -> bool {
        self.bucket == other.bucket
            && (self.key.is_empty()
                || other.key == self.key
                || (other.key.starts_with(self.key) && other.key.as_bytes()[self.key.len()] == b'/'))
    }
}

/// Whether location `outer` covers location `inner` (both parse as S3 locations).
pub(crate) fn covers(outer: &str, inner: &str) -> bool {
    match (S3Uri::parse(outer), S3Uri::parse(inner)) {
        (Some(outer), Some(inner)) => outer.covers(&inner),
        _ => false,
    }
}

/// S3 locations (of tables, or registered) by bucket and key, to find those that cover a location
/// or lie under it without going through them all. Each location is a position in its list.
#[derive(Clone, Debug, Default)]
pub(crate) struct S3Index {
    /// Positions by bucket, then by key (sorted, so that the keys under a prefix are a range).
    buckets: HashMap<String, BTreeMap<String, Vec<usize>>>,
}

impl S3Index {
    /// Adds the location at `position`; one that does not parse is left out.
    pub(crate) fn insert(&mut self, uri: &str, position: usize) {
        if let Some(uri) = S3Uri::parse(uri) {
            let keys = self.buckets.entry(uri.bucket.to_owned()).or_default();
            keys.entry(uri.key.to_owned()).or_default().push(position);
        }
    }

    /// The positions of the locations that cover `uri` (see [`S3Uri::covers`]), in order.
    pub(crate) fn covering(&self, uri: &S3Uri<'_>) -> Vec<usize> {
        let Some(keys) = self.buckets.get(uri.bucket) else { return Vec::new() };
        // The keys that cover `uri.key`: the empty key, each prefix ending before a `/`, and itself.
        let boundaries = uri.key.bytes().enumerate().filter(|&(_, b)| b == b'/').map(|(i, _)| &uri.key[..i]);
        let mut prefixes: Vec<&str> = std::iter::once("").chain(boundaries).collect();
        if !uri.key.is_empty() {
            prefixes.push(uri.key);
        }
        let mut found: Vec<usize> = prefixes.iter().filter_map(|p| keys.get(*p)).flatten().copied().collect();
        found.sort_unstable();
        found
    }

    /// The positions of the locations that `uri` covers, in order.
    pub(crate) fn under(&self, uri: &S3Uri<'_>) -> Vec<usize> {
        let Some(keys) = self.buckets.get(uri.bucket) else { return Vec::new() };
        let mut found: Vec<usize> = if uri.key.is_empty() {
            keys.values().flatten().copied().collect()
        } else {
            // `uri.key` itself, then the keys that start with `uri.key/` (one range of the map).
            let below = format!("{}/", uri.key);
            let inside = keys.range::<str, _>((Bound::Included(below.as_str()), Bound::Unbounded));
            let inside = inside.take_while(|(key, _)| key.starts_with(&below));
            keys.get(uri.key).into_iter().chain(inside.map(|(_, positions)| positions)).flatten().copied().collect()
        };
        found.sort_unstable();
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_on_path_boundaries() {
        assert!(covers("s3://b/p", "s3://b/p/x"));
        assert!(covers("s3://b/p/", "s3://b/p"));
        assert!(covers("s3://b", "s3://b/anything/at/all"));
        assert!(covers("arn:aws:s3:::b/p", "s3://b/p/x/y.parquet"));
        assert!(!covers("s3://b/p", "s3://b/px"));
        assert!(!covers("s3://b/p/x", "s3://b/p"));
        assert!(!covers("s3://b/p", "s3://c/p"));
    }

    /// The index finds what [`covers`] finds, in the same order, without going through the list.
    #[test]
    fn index_agrees_with_covers() {
        let all = [
            "s3://b",
            "s3://b/p",
            "s3://b/p/",
            "s3://b/p/x",
            "s3://b/px",
            "s3://b/p//y",
            "s3://b/p/",
            "s3://c/p",
            "arn:aws:s3:::b/p/x/z",
        ];
        let mut index = S3Index::default();
        for (i, uri) in all.iter().enumerate() {
            index.insert(uri, i);
        }
        let probes =
            ["s3://b", "s3://b/p", "s3://b/p/x/y", "s3://b/p/", "s3://b/px/q", "s3://b/p//y/z", "s3://c", "s3://d/p"];
        for probe in probes {
            let uri = S3Uri::parse(probe).unwrap();
            let covering: Vec<usize> = (0..all.len()).filter(|&i| covers(all[i], probe)).collect();
            let under: Vec<usize> = (0..all.len()).filter(|&i| covers(probe, all[i])).collect();
            assert_eq!(index.covering(&uri), covering, "covering {probe}");
            assert_eq!(index.under(&uri), under, "under {probe}");
        }
    }

    #[test]
    fn rejects_what_is_not_s3() {
        for bad in ["", "s3://", "s3:///k", "https://b/p", "arn:aws:iam::1:role/r", "s3://Upper/p"] {
            assert_eq!(S3Uri::parse(bad), None, "{bad}");
        }
    }
}
