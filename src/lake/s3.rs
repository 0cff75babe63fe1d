//! S3 locations: `s3://bucket/prefix` (or `arn:aws:s3:::bucket/prefix`) and containment on
//! path boundaries.

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

    #[test]
    fn rejects_what_is_not_s3() {
        for bad in ["", "s3://", "s3:///k", "https://b/p", "arn:aws:iam::1:role/r", "s3://Upper/p"] {
            assert_eq!(S3Uri::parse(bad), None, "{bad}");
        }
    }
}
