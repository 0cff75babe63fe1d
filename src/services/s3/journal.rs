//! The journal's S3 look-ups and assertions (feature `s3`): the S3 requests' records, and the
//! two questions a test of an engine asks of them, one call each.

use super::public::S3Input;
use crate::Journal;

impl Journal {
    /// What the journal recorded of each S3 request (feature `s3`), in arrival order.
    pub fn s3_inputs(&self) -> Vec<S3Input> {
        self.all().iter().filter_map(|r| r.input()?.as_s3().cloned()).collect()
    }

    /// Panics unless every S3 read (GetObject, HeadObject, ListObjectsV2) under `prefix`
    /// (`s3://bucket/prefix/`) was signed with keys vended for table `table_arn`, listing those
    /// that were not (feature `s3`): the engine read governed data with the keys meant for it.
    ///
    /// ```
    /// let mock = lakeformation_mock::MockLakeFormation::new();
    /// // No S3 request yet: nothing to object to.
    /// mock.journal().assert_s3_reads_used_keys_vended_for("arn:aws:glue:us-east-1:123456789012:table/db/t", "s3://lake/db/t/");
    /// mock.journal().assert_no_s3_write_with_read_keys();
    /// ```
    #[track_caller]
    pub fn assert_s3_reads_used_keys_vended_for(&self, table_arn: &str, prefix: &str) {
        let offending: Vec<String> = self
            .s3_inputs()
            .iter()
            .filter(|i| !i.operation().writes() && i.s3_uri().is_some_and(|uri| uri.starts_with(prefix)))
            .filter(|i| !i.vended_for().iter().any(|t| t == table_arn))
            .map(describe)
            .collect();
        assert!(
            offending.is_empty(),
            "{} S3 read(s) under {prefix} did not use keys vended for {table_arn}:\n{}",
            offending.len(),
            offending.join("\n")
        );
    }

    /// Panics if any S3 write (PutObject, DeleteObject(s), multipart, CopyObject) was signed
    /// with keys that may not write (READ keys), refused or not, listing them (feature `s3`).
    #[track_caller]
    pub fn assert_no_s3_write_with_read_keys(&self) {
        let offending: Vec<String> = self
            .s3_inputs()
            .iter()
            .filter(|i| i.operation().writes() && i.key_writes() == Some(false))
            .map(describe)
            .collect();
        assert!(offending.is_empty(), "{} S3 write(s) used READ keys:\n{}", offending.len(), offending.join("\n"));
    }
}

/// One line for an S3 request in an assertion's message.
fn describe(input: &S3Input) -> String {
    format!(
        "  {} {} with {} ({}): {}",
        input.operation(),
        input.s3_uri().unwrap_or_default(),
        input.access_key_id().unwrap_or("no key"),
        input.credentials().unwrap_or("a key the lake does not know"),
        input.error_code().map_or_else(|| format!("answered {}", input.status()), |code| format!("refused {code}"))
    )
}
