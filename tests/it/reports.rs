//! What a test writer reads when something goes wrong: the unmatched-request hint names every
//! operation the mock serves, failed assertions point at the test's own line, and the
//! verification report explains over-calls and near misses.

#[cfg(feature = "glue")]
use crate::common::{chain, glue_output};
#[cfg(feature = "glue")]
use lakeformation_mock::{MockLakeFormation, Rule};

/// Every operation the mock serves, Glue's with feature `glue`.
#[cfg(feature = "glue")]
const SERVED: &[&str] = &[
    "GetTemporaryGlueTableCredentials",
    "GetTemporaryDataLocationCredentials",
    "GetTemporaryGluePartitionCredentials",
    "GetUnfilteredTableMetadata",
    "GetUnfilteredPartitionsMetadata",
];

#[cfg(feature = "glue")]
#[tokio::test]
async fn the_unmatched_request_hint_names_the_glue_operations_too() {
    let mock = MockLakeFormation::builder().fail_on_unmatched(true).verify_on_drop(false).build();
    Rule::new().respond_with(glue_output("ASIAMOCKEXAMPLE00001")).named("catch-all").mount(&mock);
    // A Glue operation the mock does not serve, through a real Glue client.
    let err = mock.glue_client().get_table().database_name("sales").name("orders").send().await.unwrap_err();
    let text = chain(&err);
    assert!(text.contains("`AWSGlue.GetTable` is not an operation the mock models"), "{text}");
    let answers = text.split("(it answers ").nth(1).expect("the operations it answers");
    for name in SERVED {
        assert!(answers.contains(name), "{name} is missing from: {text}");
    }
    // The catch-all's own matcher, in the closest-rule diff, lists them as well.
    let wanted = text.split("operation: wanted ").nth(1).expect("the closest rule's operation diff");
    for name in SERVED {
        assert!(wanted.contains(name), "{name} is missing from: {text}");
    }
    // And the report says the same.
    let report = mock.report().to_string();
    assert!(report.contains("AWSGlue.GetTable"), "{report}");
    assert!(report.contains("GetUnfilteredPartitionsMetadata"), "{report}");
}
