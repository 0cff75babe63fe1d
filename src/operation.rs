//! The Lake Formation operations the mock knows about.

use std::fmt;

/// A Lake Formation operation, identified from the request path (`POST /{OperationName}`).
///
/// The mock answers [`Operation::GetTemporaryGlueTableCredentials`] and
/// [`Operation::GetTemporaryDataLocationCredentials`]. Any other path is recorded as
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
    /// Any other path: another Lake Formation operation, or a wrong URL.
    Other(String),
    // glue: a Glue operation, named by `X-Amz-Target: AWSGlue.<Operation>` (src/glue/)
    /// An AWS Glue operation the mock answers (feature `glue`); another Glue operation is
    /// [`Operation::Other`] named by its target, `AWSGlue.GetTable`.
    #[cfg(feature = "glue")]
    #[cfg_attr(docsrs, doc(cfg(feature = "glue")))]
    Glue(crate::glue::GlueOperation),
}

impl Operation {
    /// The operation's wire name, as it appears in the request path.
    pub fn name(&self) -> &str {
        match self {
            Operation::GetTemporaryGlueTableCredentials => "GetTemporaryGlueTableCredentials",
            Operation::GetTemporaryDataLocationCredentials => "GetTemporaryDataLocationCredentials",
            Operation::Other(name) => name,
            #[cfg(feature = "glue")] // glue:
            Operation::Glue(operation) => operation.name(),
        }
    }

    /// The operation with this wire name; names the mock does not answer give [`Operation::Other`].
    pub fn from_name(name: &str) -> Operation {
        match name {
            "GetTemporaryGlueTableCredentials" => Operation::GetTemporaryGlueTableCredentials,
            "GetTemporaryDataLocationCredentials" => Operation::GetTemporaryDataLocationCredentials,
            other => Operation::Other(other.to_owned()),
        }
    }

    /// The operation a request URI names: the last segment of its path, so that an endpoint URL
    /// with a path prefix (`http://127.0.0.1:9000/lf/GetTemporaryGlueTableCredentials`) still
    /// works. Only the path counts, never the host or port. A path with no last segment (`/`,
    /// or one ending in `/`) names no operation: it is recorded as [`Operation::Other`] named by
    /// the whole path.
    pub(crate) fn from_uri(uri: &str) -> Operation {
        let path = match uri.parse::<http::Uri>() {
            Ok(uri) => uri.path().to_owned(),
            Err(_) => uri.split(['?', '#']).next().unwrap_or_default().to_owned(),
        };
        match path.rsplit('/').next() {
            Some(name) if !name.is_empty() => Operation::from_name(name),
            _ => Operation::Other(if path.is_empty() { "/".to_owned() } else { path }),
        }
    }

    /// Whether the mock models this operation (and so can rebuild its typed input).
    pub fn is_supported(&self) -> bool {
        !matches!(self, Operation::Other(_))
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
