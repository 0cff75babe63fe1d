//! An S3 location registered with Lake Formation, as plain data ([`Location`]).

use serde::{Deserialize, Serialize};

/// An S3 location registered with Lake Formation (`RegisterResource`).
///
/// ```
/// use lakeformation_mock::lake::Location;
///
/// let here: Location = "s3://bucket/prefix/".into();
/// assert_eq!(here.region, None);
/// let there = Location::new("s3://eu-bucket/").region("eu-west-1");
/// assert_eq!(there.region.as_deref(), Some("eu-west-1"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Location {
    /// The location, `s3://bucket/prefix` (an `arn:aws:s3:::bucket/prefix` ARN works too).
    pub uri: String,
    /// The region of its bucket; `None` means the lake's region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

impl Location {
    /// A location in the lake's region.
    pub fn new(uri: impl Into<String>) -> Self {
        Location { uri: uri.into(), region: None }
    }

    /// Puts its bucket in another region.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }
}

impl From<&str> for Location {
    fn from(uri: &str) -> Self {
        Location::new(uri)
    }
}

impl From<String> for Location {
    fn from(uri: String) -> Self {
        Location::new(uri)
    }
}
