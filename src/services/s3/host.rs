//! Virtual-host and path-style addressing: which bucket a request's `Host` names
//! (`bucket.s3.us-east-1.amazonaws.com`, `bucket.localhost:9000`), if any; a host that names
//! none (`s3.us-east-1.amazonaws.com`, `127.0.0.1:9000`, `localhost`) is path-style.

use s3s::S3Result;
use s3s::host::{S3Host, VirtualHost};

/// s3s's `S3Host` for the hosts the mock is reached at.
pub(crate) struct Hosts;

impl S3Host for Hosts {
    fn parse_host_header<'a>(&'a self, host: &'a str) -> S3Result<VirtualHost<'a>> {
        Ok(match bucket_of_host(host) {
            Some((bucket, domain)) => VirtualHost::new(domain).with_bucket(bucket),
            None => VirtualHost::new(host),
        })
    }
}

/// The bucket a host names, and the domain after it: the labels before `s3` (or `s3-<region>`,
/// `s3.dualstack`) of an AWS host, or before `localhost`.
pub(crate) fn bucket_of_host(host: &str) -> Option<(&str, &str)> {
    let name =
        host.rsplit_once(':').filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit())).map_or(host, |(n, _)| n);
    if name.starts_with('[') || name.parse::<std::net::Ipv4Addr>().is_ok() {
        return None;
    }
    if let Some(bucket) = name.strip_suffix(".localhost").filter(|b| !b.is_empty()) {
        return Some((bucket, &host[bucket.len() + 1..]));
    }
    if !name.ends_with(".amazonaws.com") && !name.ends_with(".amazonaws.com.cn") {
        return None;
    }
    // `bucket.s3.region.amazonaws.com`: the first `s3` label that is not the first label.
    let mut offset = 0;
    for label in name.split('.') {
        if offset > 0 && (label == "s3" || label.starts_with("s3-")) {
            return Some((&host[..offset - 1], &host[offset..]));
        }
        offset += label.len() + 1;
    }
    None
}

/// The bucket and key a request names, from its host and path (for a request s3s refused
/// before it read them).
pub(crate) fn address(host: &str, path: &str) -> (Option<String>, Option<String>) {
    let path = path.trim_start_matches('/');
    let (bucket, key) = match bucket_of_host(host) {
        Some((bucket, _)) => (Some(bucket.to_owned()), path),
        None => match path.split_once('/') {
            Some((bucket, key)) => (Some(bucket.to_owned()), key),
            None => ((!path.is_empty()).then(|| path.to_owned()), ""),
        },
    };
    (bucket, (!key.is_empty()).then(|| key.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn virtual_hosts_name_their_bucket_and_others_none() {
        assert_eq!(bucket_of_host("lake.s3.us-east-1.amazonaws.com"), Some(("lake", "s3.us-east-1.amazonaws.com")));
        assert_eq!(bucket_of_host("my.lake.s3.amazonaws.com"), Some(("my.lake", "s3.amazonaws.com")));
        assert_eq!(bucket_of_host("lake.localhost:9000"), Some(("lake", "localhost:9000")));
        assert_eq!(bucket_of_host("s3.us-east-1.amazonaws.com"), None);
        assert_eq!(bucket_of_host("127.0.0.1:9000"), None);
        assert_eq!(bucket_of_host("localhost:9000"), None);
        assert_eq!(address("127.0.0.1:1", "/lake/db/t/x"), (Some("lake".into()), Some("db/t/x".into())));
        assert_eq!(address("lake.localhost", "/"), (Some("lake".into()), None));
    }
}
