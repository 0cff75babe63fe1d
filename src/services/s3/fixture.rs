//! The fixture's `s3` section (feature `s3`): objects loaded from directories of files, each
//! mapped to an S3 prefix (`"s3": {"objects": {"s3://lake/sales/orders/": "data/orders/"}}`,
//! directories relative to the fixture file), read when the fixture is.

use bytes::Bytes;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The fixture's `s3` section.
///
/// ```
/// use lakeformation_mock::fixture::Scenario;
///
/// let dir = std::env::temp_dir().join(format!("lfm-doc-s3-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join("d=1")).unwrap();
/// std::fs::write(dir.join("d=1/part-0.parquet"), b"PAR1").unwrap();
/// let text = format!(r#"{{"version": 1, "s3": {{"objects": {{"s3://lake/db/t/": {:?}}}}}}}"#, dir.display().to_string());
/// let mock = Scenario::from_json_str(&text).unwrap().mock();
/// assert_eq!(mock.s3().list("s3://lake/db/t/"), ["s3://lake/db/t/d=1/part-0.parquet"]);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct S3Spec {
    /// Directories of files (relative to the fixture file), each put under its S3 prefix: a file
    /// `d=1/part-0.parquet` of the directory mapped to `s3://lake/db/t/` is the object
    /// `s3://lake/db/t/d=1/part-0.parquet`.
    #[serde(default)]
    pub objects: BTreeMap<String, String>,
}

/// The objects of `spec`, read from their directories (relative to `base`, the fixture file's
/// directory); the error names the key (`s3.objects."s3://..."`) and what went wrong.
pub(crate) fn read_objects(spec: &S3Spec, base: Option<&Path>) -> Result<Vec<(String, Bytes)>, (String, String)> {
    let mut objects = Vec::new();
    for (prefix, dir) in &spec.objects {
        let key = format!("s3.objects.{prefix:?}");
        if prefix.strip_prefix("s3://").is_none_or(|rest| rest.is_empty() || rest.starts_with('/')) {
            return Err((key, format!("`{prefix}` is not an S3 prefix: write s3://bucket/prefix/")));
        }
        let root: PathBuf = match base {
            Some(base) => base.join(dir),
            None => PathBuf::from(dir),
        };
        let files = super::store::files_under(&root).map_err(|e| {
            (key.clone(), format!("cannot read the directory {} ({dir:?} in the fixture): {e}", root.display()))
        })?;
        let under = format!("{}/", prefix.trim_end_matches('/'));
        objects.extend(files.into_iter().map(|(relative, data)| (format!("{under}{relative}"), Bytes::from(data))));
    }
    Ok(objects)
}
