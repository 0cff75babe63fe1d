//! The one router from a request to its service and operation, shared by the connector and the
//! server. In order:
//! - `X-Amz-Target: AWSGlue.<Operation>` is Glue's (feature `glue`);
//! - the service of the request's SigV4 credential scope (`Credential=AKID/date/region/sts/...`,
//!   from the `authorization` header or a presigned URL's `X-Amz-Credential`): `sts` is STS's
//!   (feature `sts`), `s3` is S3's (feature `s3`);
//! - an unsigned request is routed by its host (`sts.<region>.amazonaws.com`, `s3.` or
//!   `<bucket>.s3.`...);
//! - any other request is Lake Formation's, its operation named by the last segment of its path.
//!
//! A new service adds its variant to [`Service`] and its test here.

use crate::Operation;

/// The AWS service a request is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Service {
    /// AWS Lake Formation (restJson1: `POST /{OperationName}`).
    LakeFormation,
    /// AWS Glue (awsJson1_1: `X-Amz-Target: AWSGlue.<Operation>`), feature `glue`.
    #[cfg(feature = "glue")]
    Glue,
    /// AWS STS (awsQuery: `POST /` with a form-encoded `Action=`), feature `sts`.
    #[cfg(feature = "sts")]
    Sts,
    /// Amazon S3 (restXml, path-style or virtual-host addressing), feature `s3`.
    #[cfg(feature = "s3")]
    S3,
}

/// A request's service and operation. An operation its service does not model is
/// `Operation::Other`, named by its path (Lake Formation) or its target (`AWSGlue.GetTable`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Routed {
    /// The service the request is for.
    pub(crate) service: Service,
    /// The operation it names.
    pub(crate) operation: Operation,
}

/// What a request says about where it goes: its URI (a path, or a whole URL), its
/// `X-Amz-Target` header and its `authorization` header.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Addressed<'a> {
    pub(crate) uri: &'a str,
    /// Read only by Glue's routing.
    #[cfg_attr(not(feature = "glue"), allow(dead_code))]
    pub(crate) target: Option<&'a str>,
    pub(crate) authorization: Option<&'a str>,
    /// The request body: STS's operation is its form's `Action` (`None` when not read yet).
    #[cfg_attr(not(feature = "sts"), allow(dead_code))]
    pub(crate) body: Option<&'a [u8]>,
}

/// The SigV4 credential scope of a request (`AKID/date/region/service/aws4_request`), from its
/// `authorization` header or a presigned URL's `X-Amz-Credential` query parameter (still
/// percent-encoded there: `AKID%2F20240101%2F...`).
pub(crate) fn credential_scope<'a>(authorization: Option<&'a str>, uri: &'a str) -> Option<&'a str> {
    const CREDENTIAL: &str = "Credential=";
    if let Some(auth) = authorization {
        // The SDK writes `AWS4-HMAC-SHA256 Credential=...`: no search in the common case.
        let credential = match auth.strip_prefix("AWS4-HMAC-SHA256 Credential=") {
            Some(rest) => rest,
            None => &auth[auth.find(CREDENTIAL)? + CREDENTIAL.len()..],
        };
        let end = credential.bytes().position(|b| b == b',' || b == b' ').unwrap_or(credential.len());
        return Some(&credential[..end]);
    }
    let query = uri.split_once('?')?.1;
    query.split('&').find_map(|pair| pair.strip_prefix("X-Amz-Credential="))
}

/// The signing service named by a credential scope: its fourth part, split on `/` or on a
/// percent-encoded `%2F` (a presigned URL's).
fn scope_service(scope: &str) -> Option<&str> {
    if !scope.contains('%') {
        return scope.split('/').nth(3);
    }
    // Rare (presigned URLs): decoded, and matched against the services the mock routes.
    let decoded = scope.replace("%2F", "/").replace("%2f", "/");
    let service = decoded.split('/').nth(3)?;
    ["sts", "s3", "lakeformation", "glue"].into_iter().find(|known| *known == service)
}

/// The service an unsigned request's host names (`sts.us-east-1.amazonaws.com`,
/// `s3.us-east-1.amazonaws.com`, `bucket.s3.us-east-1.amazonaws.com`), if it is one the mock
/// routes by host.
fn host_service(uri: &str) -> Option<&'static str> {
    let authority = uri.split_once("://")?.1.split(['/', '?']).next()?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let host = host.split(':').next()?;
    if !host.ends_with(".amazonaws.com") && !host.ends_with(".amazonaws.com.cn") {
        return None;
    }
    let labels: Vec<&str> = host.split('.').collect();
    if labels.first() == Some(&"sts") {
        return Some("sts");
    }
    labels.iter().any(|label| *label == "s3" || label.starts_with("s3-")).then_some("s3")
}

/// The service a request is for: what [`route`] decides before it reads the operation (the
/// server asks only this, to shape its own errors).
pub(crate) fn service_of(request: Addressed<'_>) -> Service {
    #[cfg(feature = "glue")]
    if request.target.is_some_and(|t| t.starts_with(crate::services::operation::TARGET_PREFIX)) {
        return Service::Glue;
    }
    let signed_for = match credential_scope(request.authorization, request.uri) {
        Some(scope) => scope_service(scope),
        None => host_service(request.uri),
    };
    match signed_for {
        #[cfg(feature = "sts")]
        Some("sts") => Service::Sts,
        #[cfg(feature = "s3")]
        Some("s3") => Service::S3,
        _ => Service::LakeFormation,
    }
}

/// Routes a request to its service and operation.
pub(crate) fn route(request: Addressed<'_>) -> Routed {
    let service = service_of(request);
    let operation = match service {
        Service::LakeFormation => Operation::from_uri(request.uri),
        #[cfg(feature = "glue")]
        Service::Glue => crate::services::glue::route(request.target.unwrap_or_default()),
        // sts: the operation is the form body's `Action` (src/services/sts/)
        #[cfg(feature = "sts")]
        Service::Sts => crate::services::sts::route(request.body),
        // s3: the operation is decided by s3s from the method, path and query (src/services/s3/)
        #[cfg(feature = "s3")]
        Service::S3 => Operation::Other("S3".to_owned()),
    };
    Routed { service, operation }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed(service: &str) -> String {
        format!(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261207/us-east-1/{service}/aws4_request, \
             SignedHeaders=host;x-amz-date, Signature=abc"
        )
    }

    fn service(uri: &str, target: Option<&str>, authorization: Option<&str>) -> Service {
        service_of(Addressed { uri, target, authorization, body: None })
    }

    #[test]
    fn lake_formation_is_the_default() {
        let auth = signed("lakeformation");
        assert_eq!(service("/GetTemporaryGlueTableCredentials", None, Some(&auth)), Service::LakeFormation);
        assert_eq!(service("http://127.0.0.1:1/GetTemporaryGlueTableCredentials", None, None), Service::LakeFormation);
    }

    #[cfg(feature = "glue")]
    #[test]
    fn glue_is_routed_by_its_target() {
        let auth = signed("glue");
        assert_eq!(service("/", Some("AWSGlue.GetUnfilteredTableMetadata"), Some(&auth)), Service::Glue);
    }

    #[cfg(feature = "sts")]
    #[test]
    fn sts_is_routed_by_its_scope_or_host() {
        let auth = signed("sts");
        assert_eq!(service("http://127.0.0.1:1/", None, Some(&auth)), Service::Sts);
        assert_eq!(service("https://sts.us-east-1.amazonaws.com/", None, None), Service::Sts);
        assert_eq!(service("https://sts.amazonaws.com/", None, None), Service::Sts);
    }

    #[cfg(feature = "s3")]
    #[test]
    fn s3_is_routed_by_its_scope_presigned_scope_or_host() {
        let auth = signed("s3");
        assert_eq!(service("http://127.0.0.1:1/bucket/key", None, Some(&auth)), Service::S3);
        let presigned = "http://127.0.0.1:1/bucket/key?X-Amz-Algorithm=AWS4-HMAC-SHA256&\
                         X-Amz-Credential=AKIDEXAMPLE%2F20261207%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=x";
        assert_eq!(service(presigned, None, None), Service::S3);
        assert_eq!(service("https://bucket.s3.us-east-1.amazonaws.com/key", None, None), Service::S3);
        assert_eq!(service("https://s3.amazonaws.com/bucket/key", None, None), Service::S3);
    }

    #[test]
    fn a_service_the_mock_does_not_serve_falls_back_to_lake_formation() {
        let auth = signed("dynamodb");
        assert_eq!(service("/", None, Some(&auth)), Service::LakeFormation);
    }
}
