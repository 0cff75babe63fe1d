//! The Lake Formation operations the mock knows about.

use std::fmt;

/// A Lake Formation operation, identified from the request path (`POST /{OperationName}`).
///
/// The mock answers [`Operation::GetTemporaryGlueTableCredentials`],
/// [`Operation::GetTemporaryDataLocationCredentials`] and
/// [`Operation::GetTemporaryGluePartitionCredentials`]. Any other path is recorded as
/// [`Operation::Other`] so that a test can see what its code tried to call.
///
/// ```
/// use lakeformation_mock::Operation;
///
/// assert_eq!(Operation::GetTemporaryGlueTableCredentials.name(), "GetTemporaryGlueTableCredentials");
/// assert_eq!(Operation::from_name("ListPermissions"), Operation::Other("ListPermissions".into()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Operation {
    /// `POST /GetTemporaryGlueTableCredentials`.
    GetTemporaryGlueTableCredentials,
    /// `POST /GetTemporaryDataLocationCredentials`.
    GetTemporaryDataLocationCredentials,
    /// `POST /GetTemporaryGluePartitionCredentials`.
    GetTemporaryGluePartitionCredentials,
    /// Any other path: another Lake Formation operation, or a wrong URL.
    Other(String),
    // glue: a Glue operation, named by `X-Amz-Target: AWSGlue.<Operation>` (src/glue/)
    /// An AWS Glue operation the mock answers (feature `glue`); another Glue operation is
    /// [`Operation::Other`] named by its target, `AWSGlue.GetTable`.
    #[cfg(feature = "glue")]
    #[cfg_attr(docsrs, doc(cfg(feature = "glue")))]
    Glue(GlueOperation),
    // sts: an STS action, named by the form body's `Action=` (src/services/sts/)
    /// An AWS STS operation the mock answers (feature `sts`); another STS action is
    /// [`Operation::Other`] named `sts:<Action>` (`sts:GetSessionToken`).
    #[cfg(feature = "sts")]
    #[cfg_attr(docsrs, doc(cfg(feature = "sts")))]
    Sts(StsOperation),
    /// An Amazon S3 operation (feature `s3`), as s3s names it; one the mock does not serve is
    /// [`S3Operation::Other`](crate::s3::S3Operation::Other).
    #[cfg(feature = "s3")]
    #[cfg_attr(docsrs, doc(cfg(feature = "s3")))]
    S3(crate::services::s3::operation::S3Operation),
}

impl Operation {
    /// The operation's wire name, as it appears in the request path.
    pub fn name(&self) -> &str {
        match self {
            Operation::GetTemporaryGlueTableCredentials => "GetTemporaryGlueTableCredentials",
            Operation::GetTemporaryDataLocationCredentials => "GetTemporaryDataLocationCredentials",
            Operation::GetTemporaryGluePartitionCredentials => "GetTemporaryGluePartitionCredentials",
            Operation::Other(name) => name,
            #[cfg(feature = "glue")] // glue:
            Operation::Glue(operation) => operation.name(),
            #[cfg(feature = "sts")] // sts:
            Operation::Sts(operation) => operation.name(),
            #[cfg(feature = "s3")]
            Operation::S3(operation) => operation.name(),
        }
    }

    /// The operation with this wire name; names the mock does not answer give [`Operation::Other`].
    pub fn from_name(name: &str) -> Operation {
        Operation::modeled(name).unwrap_or_else(|| Operation::Other(name.to_owned()))
    }

    /// The modeled operation with this wire name.
    fn modeled(name: &str) -> Option<Operation> {
        match name {
            "GetTemporaryGlueTableCredentials" => Some(Operation::GetTemporaryGlueTableCredentials),
            "GetTemporaryDataLocationCredentials" => Some(Operation::GetTemporaryDataLocationCredentials),
            "GetTemporaryGluePartitionCredentials" => Some(Operation::GetTemporaryGluePartitionCredentials),
            _ => None,
        }
    }

    /// The operation a request URI names: the last segment of its path, so that an endpoint URL
    /// with a path prefix (`http://127.0.0.1:9000/lf/GetTemporaryGlueTableCredentials`) still
    /// works. Only the path counts, never the host or port. A path with no last segment (`/`,
    /// or one ending in `/`) names no operation: it is recorded as [`Operation::Other`] named by
    /// the whole path.
    pub(crate) fn from_uri(uri: &str) -> Operation {
        // The SDK's and the server's requests, without parsing the whole URI: a path, or a
        // `scheme://authority` and a path, whose last segment names a modeled operation. Any
        // other URI is parsed, for the same answer as before.
        if let Some((_, name)) = path_of(uri).and_then(|path| path.rsplit_once('/'))
            && let Some(operation) = Operation::modeled(name)
        {
            return operation;
        }
        let path = match uri.parse::<http::Uri>() {
            Ok(uri) => uri.path().to_owned(),
            Err(_) => uri.split(['?', '#']).next().unwrap_or_default().to_owned(),
        };
        match path.rsplit('/').next() {
            Some(name) if !name.is_empty() => Operation::from_name(name),
            _ => Operation::Other(if path.is_empty() { "/".to_owned() } else { path }),
        }
    }

    /// Whether a request of this operation names its table by its `TableArn` (the table and
    /// partition credentials operations), rather than by `CatalogId`, `DatabaseName` and a table
    /// name (Glue's).
    pub(crate) fn names_table_by_arn(&self) -> bool {
        matches!(self, Operation::GetTemporaryGlueTableCredentials | Operation::GetTemporaryGluePartitionCredentials)
    }

    /// Whether the mock models this operation (and so can rebuild its typed input).
    pub fn is_supported(&self) -> bool {
        !matches!(self, Operation::Other(_))
    }
}

/// The path of `uri` (query and fragment left out) when it is a path (`/GetX?a=b`) or a
/// `scheme://authority` then a path; `None` for any other form. Single-character searches
/// only (memchr): this runs for every request.
fn path_of(uri: &str) -> Option<&str> {
    let uri = uri.split('?').next()?.split('#').next()?;
    if uri.starts_with('/') {
        return Some(uri);
    }
    let after_scheme = uri[uri.find(':')?..].strip_prefix("://")?;
    Some(&after_scheme[after_scheme.find('/')?..])
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The prefix of a Glue request's `X-Amz-Target` header (feature `glue`).
#[cfg(feature = "glue")]
pub const TARGET_PREFIX: &str = "AWSGlue.";

/// A Glue operation the mock answers.
///
/// ```
/// use lakeformation_mock::glue::GlueOperation;
/// use lakeformation_mock::Operation;
///
/// let op = Operation::Glue(GlueOperation::GetUnfilteredTableMetadata);
/// assert_eq!(op.name(), "GetUnfilteredTableMetadata");
/// assert_eq!(GlueOperation::GetUnfilteredPartitionsMetadata.target(), "AWSGlue.GetUnfilteredPartitionsMetadata");
/// ```
#[cfg(feature = "glue")]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum GlueOperation {
    /// `GetUnfilteredTableMetadata`.
    GetUnfilteredTableMetadata,
    /// `GetUnfilteredPartitionsMetadata`.
    GetUnfilteredPartitionsMetadata,
}

#[cfg(feature = "glue")]
impl GlueOperation {
    /// The operation's name.
    pub fn name(self) -> &'static str {
        match self {
            GlueOperation::GetUnfilteredTableMetadata => "GetUnfilteredTableMetadata",
            GlueOperation::GetUnfilteredPartitionsMetadata => "GetUnfilteredPartitionsMetadata",
        }
    }

    /// The `X-Amz-Target` header that names it.
    pub fn target(self) -> String {
        format!("{TARGET_PREFIX}{}", self.name())
    }

    pub(crate) fn from_name(name: &str) -> Option<GlueOperation> {
        match name {
            "GetUnfilteredTableMetadata" => Some(GlueOperation::GetUnfilteredTableMetadata),
            "GetUnfilteredPartitionsMetadata" => Some(GlueOperation::GetUnfilteredPartitionsMetadata),
            _ => None,
        }
    }
}

#[cfg(feature = "glue")]
impl fmt::Display for GlueOperation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An AWS STS operation the mock answers (feature `sts`).
///
/// ```
/// use lakeformation_mock::sts::StsOperation;
/// use lakeformation_mock::Operation;
///
/// assert_eq!(Operation::Sts(StsOperation::AssumeRole).name(), "AssumeRole");
/// assert_eq!(StsOperation::from_name("GetCallerIdentity"), Some(StsOperation::GetCallerIdentity));
/// assert_eq!(StsOperation::from_name("GetSessionToken"), None);
/// ```
#[cfg(feature = "sts")]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum StsOperation {
    /// `Action=AssumeRole`.
    AssumeRole,
    /// `Action=GetCallerIdentity`.
    GetCallerIdentity,
}

#[cfg(feature = "sts")]
impl StsOperation {
    /// The operation's name, as the form body's `Action` gives it.
    pub fn name(self) -> &'static str {
        match self {
            StsOperation::AssumeRole => "AssumeRole",
            StsOperation::GetCallerIdentity => "GetCallerIdentity",
        }
    }

    /// The operation named `name` (an `Action` value), if the mock answers it.
    pub fn from_name(name: &str) -> Option<StsOperation> {
        match name {
            "AssumeRole" => Some(StsOperation::AssumeRole),
            "GetCallerIdentity" => Some(StsOperation::GetCallerIdentity),
            _ => None,
        }
    }
}

#[cfg(feature = "sts")]
impl fmt::Display for StsOperation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_modeled_operation_reads_back_from_its_name() {
        for operation in [
            Operation::GetTemporaryGlueTableCredentials,
            Operation::GetTemporaryDataLocationCredentials,
            Operation::GetTemporaryGluePartitionCredentials,
        ] {
            assert_eq!(Operation::from_name(operation.name()), operation);
            assert_eq!(Operation::from_uri(&format!("/{operation}")), operation);
            assert!(crate::services::find(&operation).is_some(), "{operation} is not in the registry");
        }
    }

    #[test]
    fn the_operation_comes_from_the_path_alone() {
        let glue_table = Operation::GetTemporaryGlueTableCredentials;
        assert_eq!(Operation::from_uri("/lf/GetTemporaryGlueTableCredentials?x=1"), glue_table);
        assert_eq!(
            Operation::from_uri("https://lakeformation.us-east-1.amazonaws.com/GetTemporaryGlueTableCredentials"),
            glue_table
        );
        // Neither the host nor the port names an operation.
        assert_eq!(Operation::from_uri("http://GetTemporaryGlueTableCredentials/"), Operation::Other("/".into()));
        assert_eq!(Operation::from_uri("http://GetTemporaryGlueTableCredentials"), Operation::Other("/".into()));
        assert_eq!(Operation::from_uri("http://127.0.0.1:9000/"), Operation::Other("/".into()));
        assert_eq!(Operation::from_uri("/"), Operation::Other("/".into()));
        assert_eq!(
            Operation::from_uri("http://127.0.0.1:9000/GetTemporaryGlueTableCredentials/"),
            Operation::Other("/GetTemporaryGlueTableCredentials/".into())
        );
        // A fragment, user info, an IPv6 host, a query with slashes: the path's last segment still counts.
        assert_eq!(Operation::from_uri("/GetTemporaryGlueTableCredentials#top"), glue_table);
        assert_eq!(Operation::from_uri("http://u@[::1]:9000/GetTemporaryGlueTableCredentials?a=/b/c"), glue_table);
        assert_eq!(
            Operation::from_uri("http://host?a=/GetTemporaryGlueTableCredentials"),
            Operation::Other("/".into())
        );
        assert_eq!(Operation::from_uri("/lf/ListPermissions"), Operation::Other("ListPermissions".into()));
    }
}
