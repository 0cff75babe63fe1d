//! What the services share of SigV4 (features `sts` and `s3`): the `X-Amz-Date` format, and the
//! check of a header-signed request's signature, recomputed by `aws-sigv4` (the signer the AWS
//! SDKs for Rust use) over the headers the request says it signed.
//!
//! S3's requests are verified by s3s (src/services/s3/), which also knows S3's presigned URLs and
//! streaming payloads; STS's requests (small form bodies, header-signed by every SDK) here.

use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;
use std::time::SystemTime;

/// An `X-Amz-Date` (`20261207T112439Z`) as a time.
pub(crate) fn amz_date(text: &str) -> Option<SystemTime> {
    let b = text.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let iso = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &text[0..4],
        &text[4..6],
        &text[6..8],
        &text[9..11],
        &text[11..13],
        &text[13..15]
    );
    SystemTime::try_from(DateTime::from_str(&iso, Format::DateTime).ok()?).ok()
}

/// A header-signed request, as the check reads it.
#[cfg(feature = "sts")]
pub(crate) struct Signed<'a> {
    pub(crate) method: &'a str,
    /// The full URL (`http://host/path?query`).
    pub(crate) uri: &'a str,
    pub(crate) headers: Vec<(&'a str, &'a str)>,
    pub(crate) body: &'a [u8],
}

/// Checks `request`'s `authorization` header signature against the one `secret` gives; `Ok` for
/// a request that is not header-signed (nothing to check here). The error says what differs.
#[cfg(feature = "sts")]
pub(crate) fn check(request: &Signed<'_>, access_key_id: &str, secret: &str) -> Result<(), String> {
    use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
    use aws_sigv4::sign::v4;

    let header = |name: &str| request.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| *v);
    let Some(authorization) = header("authorization") else { return Ok(()) };
    let field =
        |name: &str| authorization.split([',', ' ']).find_map(|part| part.trim().strip_prefix(name)?.strip_prefix('='));
    let (Some(scope), Some(signed_headers), Some(signature)) =
        (field("Credential"), field("SignedHeaders"), field("Signature"))
    else {
        return Err(
            "its authorization header is not AWS4-HMAC-SHA256 Credential=.., SignedHeaders=.., Signature=..".into()
        );
    };
    let mut scope = scope.split('/');
    let (Some(_key), Some(_date), Some(region), Some(service)) =
        (scope.next(), scope.next(), scope.next(), scope.next())
    else {
        return Err("its credential scope is not <key>/<date>/<region>/<service>/aws4_request".into());
    };
    let Some(time) = header("x-amz-date").and_then(amz_date) else {
        return Err("it has no valid X-Amz-Date header".into());
    };
    if http::Uri::try_from(request.uri).ok().and_then(|uri| uri.authority().cloned()).is_none() {
        return Err("its URL names no host".into());
    }
    let signed: Vec<(&str, &str)> = signed_headers
        .split(';')
        .filter_map(|name| request.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).copied())
        .collect();
    let identity =
        aws_credential_types::Credentials::new(access_key_id, secret, None, None, "lakeformation-mock").into();
    let mut settings = SigningSettings::default();
    // Only what the client signed is passed in; nothing of it is left out.
    settings.excluded_headers = None;
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(time)
        .settings(settings)
        .build()
        .map_err(|e| format!("its signature cannot be recomputed: {e}"))?
        .into();
    let signable =
        SignableRequest::new(request.method, request.uri, signed.into_iter(), SignableBody::Bytes(request.body))
            .map_err(|e| format!("its signature cannot be recomputed: {e}"))?;
    let expected = sign(signable, &params).map_err(|e| format!("its signature cannot be recomputed: {e}"))?;
    if expected.signature() == signature {
        Ok(())
    } else {
        Err(format!(
            "its signature {signature} is not the one its secret access key gives over what it signed ({signed_headers})"
        ))
    }
}
