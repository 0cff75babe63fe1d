//! The S3 operations the mock names in its journal ([`S3Operation`]), and the guess of one for
//! a request refused before s3s routed it (a bad signature, an unknown key).

use std::fmt;

/// An S3 operation, as s3s names it from the request's method, path, query and headers
/// (feature `s3`). The operations the mock serves have a variant; any other is
/// [`S3Operation::Other`], named by s3s (`GetBucketPolicy`), and answered `NotImplemented`.
///
/// ```
/// use lakeformation_mock::s3::S3Operation;
///
/// assert_eq!(S3Operation::GetObject.name(), "GetObject");
/// assert_eq!(S3Operation::from_name("ListObjectsV2"), S3Operation::ListObjectsV2);
/// assert_eq!(S3Operation::from_name("GetBucketPolicy"), S3Operation::Other("GetBucketPolicy".into()));
/// assert!(S3Operation::PutObject.writes());
/// assert!(!S3Operation::HeadObject.writes());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum S3Operation {
    /// `GET /bucket/key` (with `Range`).
    GetObject,
    /// `HEAD /bucket/key`.
    HeadObject,
    /// `GET /bucket?list-type=2`.
    ListObjectsV2,
    /// `PUT /bucket/key`.
    PutObject,
    /// `DELETE /bucket/key`.
    DeleteObject,
    /// `POST /bucket?delete`.
    DeleteObjects,
    /// `POST /bucket/key?uploads`.
    CreateMultipartUpload,
    /// `PUT /bucket/key?partNumber=N&uploadId=U`.
    UploadPart,
    /// `POST /bucket/key?uploadId=U`.
    CompleteMultipartUpload,
    /// `DELETE /bucket/key?uploadId=U`.
    AbortMultipartUpload,
    /// `PUT /bucket/key` with `x-amz-copy-source`.
    CopyObject,
    /// Another S3 operation (answered `NotImplemented`), or `Unknown` for a request refused
    /// before its operation could be read.
    Other(String),
}

/// Every operation with a variant, in the order above.
const SERVED: [S3Operation; 11] = [
    S3Operation::GetObject,
    S3Operation::HeadObject,
    S3Operation::ListObjectsV2,
    S3Operation::PutObject,
    S3Operation::DeleteObject,
    S3Operation::DeleteObjects,
    S3Operation::CreateMultipartUpload,
    S3Operation::UploadPart,
    S3Operation::CompleteMultipartUpload,
    S3Operation::AbortMultipartUpload,
    S3Operation::CopyObject,
];

impl S3Operation {
    /// The operation's name, as in S3's API reference (and s3s's `S3Operation::name`).
    pub fn name(&self) -> &str {
        match self {
            S3Operation::GetObject => "GetObject",
            S3Operation::HeadObject => "HeadObject",
            S3Operation::ListObjectsV2 => "ListObjectsV2",
            S3Operation::PutObject => "PutObject",
            S3Operation::DeleteObject => "DeleteObject",
            S3Operation::DeleteObjects => "DeleteObjects",
            S3Operation::CreateMultipartUpload => "CreateMultipartUpload",
            S3Operation::UploadPart => "UploadPart",
            S3Operation::CompleteMultipartUpload => "CompleteMultipartUpload",
            S3Operation::AbortMultipartUpload => "AbortMultipartUpload",
            S3Operation::CopyObject => "CopyObject",
            S3Operation::Other(name) => name,
        }
    }

    /// The operation named `name`.
    pub fn from_name(name: &str) -> S3Operation {
        SERVED.into_iter().find(|op| op.name() == name).unwrap_or_else(|| S3Operation::Other(name.to_owned()))
    }

    /// Whether the operation writes (needs `READWRITE`): puts, deletes, multipart uploads and
    /// copies.
    pub fn writes(&self) -> bool {
        !matches!(
            self,
            S3Operation::GetObject | S3Operation::HeadObject | S3Operation::ListObjectsV2 | S3Operation::Other(_)
        )
    }

    /// The operation a request most likely is, for one refused before s3s routed it (its
    /// signature, or its key): from its method, whether it names an object, and its query and
    /// headers, among the operations the mock serves; `Other("Unknown")` otherwise.
    pub(crate) fn guess(method: &http::Method, names_object: bool, query: &str, copies: bool) -> S3Operation {
        let has = |param: &str| query.split('&').any(|pair| pair.split('=').next() == Some(param));
        match (method.as_str(), names_object) {
            ("GET", true) if !has("uploadId") => S3Operation::GetObject,
            ("HEAD", true) => S3Operation::HeadObject,
            ("GET", false) if has("list-type") => S3Operation::ListObjectsV2,
            ("PUT", true) if has("uploadId") => S3Operation::UploadPart,
            ("PUT", true) if copies => S3Operation::CopyObject,
            ("PUT", true) => S3Operation::PutObject,
            ("DELETE", true) if has("uploadId") => S3Operation::AbortMultipartUpload,
            ("DELETE", true) => S3Operation::DeleteObject,
            ("POST", false) if has("delete") => S3Operation::DeleteObjects,
            ("POST", true) if has("uploads") => S3Operation::CreateMultipartUpload,
            ("POST", true) if has("uploadId") => S3Operation::CompleteMultipartUpload,
            _ => S3Operation::Other("Unknown".to_owned()),
        }
    }
}

impl fmt::Display for S3Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
