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
}

impl Operation {
    /// The operation's wire name, as it appears in the request path.
    pub fn name(&self) -> &str {
        match self {
            Operation::GetTemporaryGlueTableCredentials => "GetTemporaryGlueTableCredentials",
            Operation::GetTemporaryDataLocationCredentials => "GetTemporaryDataLocationCredentials",
            Operation::Other(name) => name,
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

    /// The operation a request path names: its last segment, so that an endpoint URL with a path
    /// prefix (`http://127.0.0.1:9000/lf/GetTemporaryGlueTableCredentials`) still works.
    pub(crate) fn from_path(path: &str) -> Operation {
        let path = path.split('?').next().unwrap_or_default();
        let name = path.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
        Operation::from_name(name)
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
    fn path_prefix_and_query_are_ignored() {
        assert_eq!(
            Operation::from_path("/lf/GetTemporaryGlueTableCredentials?x=1"),
            Operation::GetTemporaryGlueTableCredentials
        );
        assert_eq!(Operation::from_path("/"), Operation::Other(String::new()));
    }
}
