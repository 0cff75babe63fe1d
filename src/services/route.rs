//! The one router from a request to its service and operation, shared by the connector and the
//! server: a request with `X-Amz-Target: AWSGlue.<Operation>` is Glue's (feature `glue`); any other
//! is Lake Formation's, its operation named by the last segment of its path. A new service (STS,
//! S3) adds its variant to [`Service`] and its test here, by target prefix, path, SigV4 credential
//! scope or host.

use crate::Operation;

/// The AWS service a request is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Service {
    /// AWS Lake Formation (restJson1: `POST /{OperationName}`).
    LakeFormation,
    /// AWS Glue (awsJson1_1: `X-Amz-Target: AWSGlue.<Operation>`), feature `glue`.
    #[cfg(feature = "glue")]
    Glue,
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

/// The service a request is for, by its `X-Amz-Target` header, `target`: what [`route`] decides
/// before it reads the operation (the server asks only this, to shape its own errors).
pub(crate) fn service_of(target: Option<&str>) -> Service {
    #[cfg(feature = "glue")]
    if target.is_some_and(|t| t.starts_with(crate::services::operation::TARGET_PREFIX)) {
        return Service::Glue;
    }
    let _ = target; // without `glue`, only Lake Formation is routed
    Service::LakeFormation
}

/// Routes a request by its URI (a path, or a whole URL) and its `X-Amz-Target` header, `target`.
pub(crate) fn route(uri: &str, target: Option<&str>) -> Routed {
    let service = service_of(target);
    let operation = match service {
        Service::LakeFormation => Operation::from_uri(uri),
        #[cfg(feature = "glue")]
        Service::Glue => crate::services::glue::route(target.unwrap_or_default()),
    };
    Routed { service, operation }
}
