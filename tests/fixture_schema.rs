//! The committed JSON Schema of the fixture format is generated from the Rust types; this test
//! fails when it is stale. Regenerate it with
//! `LAKEFORMATION_MOCK_WRITE_SCHEMA=1 cargo test --features schema --test fixture_schema`.
#![cfg(feature = "schema")]

use lakeformation_mock::fixture::ScenarioSpec;

#[test]
fn the_committed_schema_is_up_to_date() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/scenario-v1.schema.json");
    let generated = serde_json::to_string_pretty(&schemars::schema_for!(ScenarioSpec)).unwrap() + "\n";
    if std::env::var_os("LAKEFORMATION_MOCK_WRITE_SCHEMA").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "schema/scenario-v1.schema.json is stale: regenerate it with \
         `LAKEFORMATION_MOCK_WRITE_SCHEMA=1 cargo test --features schema --test fixture_schema`"
    );
}

#[test]
fn the_schema_describes_every_top_level_field() {
    let schema = serde_json::to_value(schemars::schema_for!(ScenarioSpec)).unwrap();
    let properties = schema["properties"].as_object().unwrap();
    for field in ["$schema", "version", "description", "settings", "lake", "rules"] {
        assert!(properties.contains_key(field), "{field} missing from the schema");
    }
    assert_eq!(schema["additionalProperties"], serde_json::json!(false), "unknown fields are rejected");
}
