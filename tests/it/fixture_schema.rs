//! The committed JSON Schema of the fixture format is generated from the Rust types; this test
//! fails when it is stale. Regenerate it with
//! `LAKEFORMATION_MOCK_WRITE_SCHEMA=1 cargo test --features schema --test it fixture_schema`.
#![cfg(feature = "schema")]

use lakeformation_mock::fixture::json_schema;

/// The value with every object's keys in order: the same text whether or not another crate in
/// the build turns on serde_json's `preserve_order`.
fn sorted(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => {
            let entries: std::collections::BTreeMap<String, serde_json::Value> =
                map.into_iter().map(|(k, v)| (k, sorted(v))).collect();
            serde_json::Value::Object(entries.into_iter().collect())
        }
        serde_json::Value::Array(items) => serde_json::Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

#[test]
fn the_committed_schema_is_up_to_date() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/scenario-v1.schema.json");
    let generated = json_schema();
    let generated = serde_json::to_string_pretty(&sorted(generated)).unwrap() + "\n";
    if std::env::var_os("LAKEFORMATION_MOCK_WRITE_SCHEMA").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "schema/scenario-v1.schema.json is stale: regenerate it with \
         `LAKEFORMATION_MOCK_WRITE_SCHEMA=1 cargo test --features schema --test it fixture_schema`"
    );
}

#[test]
fn the_schema_describes_every_top_level_field() {
    let schema = json_schema();
    let properties = schema["properties"].as_object().unwrap();
    for field in ["$schema", "version", "description", "settings", "lake", "rules"] {
        assert!(properties.contains_key(field), "{field} missing from the schema");
    }
    assert_eq!(schema["additionalProperties"], serde_json::json!(false), "unknown fields are rejected");
}

fn committed_schema() -> serde_json::Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema/scenario-v1.schema.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn every_committed_fixture_follows_the_committed_schema() {
    let validator = jsonschema::validator_for(&committed_schema()).unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let fixture: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let errors: Vec<String> =
                validator.iter_errors(&fixture).map(|e| format!("{} at {}", e, e.instance_path())).collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 6);
}

#[test]
fn the_schema_catches_what_editors_should_flag_in_rules_and_the_lake() {
    let validator = jsonschema::validator_for(&committed_schema()).unwrap();
    let broken = [
        serde_json::json!({"version": 1, "rules": [{"match": {"TabelArn": "x"}, "responses": [{"fault": "io"}]}]}),
        serde_json::json!({"version": 1, "rules": [{"responses": [{"data_location_output": {"CredentialsScope": "READ_WRITE"}}]}]}),
        serde_json::json!({"version": 2}),
        serde_json::json!({"version": 1, "lake": {"AccountId": "123456789012", "Region": "us-east-1", "Grants": [{"Principal": "p", "Database": "d", "Table": "t", "Permissions": ["SELEC"]}]}}),
        serde_json::json!({"version": 1, "lake": {"AccountId": "123456789012", "Region": "us-east-1", "Tabels": []}}),
    ];
    for fixture in broken {
        assert!(!validator.is_valid(&fixture), "the schema accepts {fixture}");
    }
}

/// Every name in `schema` that a file may write: property names, and the values of the enums
/// that name something (operations, request fields, faults, error codes, scopes, permissions).
fn written_names(schema: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
    match schema {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::Object(properties)) = map.get("properties") {
                out.extend(properties.keys().map(|k| format!("`{k}`")));
            }
            if let Some(serde_json::Value::String(value)) = map.get("const") {
                out.insert(format!("\"{value}\""));
            }
            if let Some(serde_json::Value::Array(values)) = map.get("enum") {
                out.extend(values.iter().filter_map(|v| v.as_str()).map(|v| format!("\"{v}\"")));
            }
            map.values().for_each(|v| written_names(v, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| written_names(v, out)),
        _ => {}
    }
}

#[test]
fn the_guide_and_the_spec_docs_show_every_key_and_value_of_the_schema() {
    let root = env!("CARGO_MANIFEST_DIR");
    let guide = std::fs::read_to_string(format!("{root}/src/guide/mod.rs")).unwrap();
    assert!(
        guide.contains(r#"include_str!("../fixture/format.md")"#),
        "guide::fixtures must include src/fixture/format.md (fixture::spec's docs include it too), not a copy"
    );
    // The tables the docs show: the fixture format's, and the guide's (the lake Behavior's among them).
    let mut sources = vec![format!("{root}/src/fixture/format.md")];
    for entry in std::fs::read_dir(format!("{root}/src/guide")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            sources.push(path.display().to_string());
        }
    }
    let tables: String = sources
        .iter()
        .flat_map(|p| std::fs::read_to_string(p).unwrap().lines().map(str::to_owned).collect::<Vec<_>>())
        .filter(|l| l.starts_with('|'))
        .collect::<Vec<_>>()
        .join("\n");
    let mut names = std::collections::BTreeSet::new();
    written_names(&committed_schema(), &mut names);
    // A key or value shows as `Name` or, in a JSON example, as "Name".
    let shown = |name: &str| {
        let bare = name.trim_matches(|c| c == '`' || c == '"');
        tables.contains(&format!("`{bare}`")) || tables.contains(&format!("\"{bare}\""))
    };
    let missing: Vec<&String> = names.iter().filter(|n| !shown(n)).collect();
    assert!(
        missing.is_empty(),
        "the docs' tables (src/fixture/format.md, src/guide/*.md) do not show these fixture keys or values: {missing:?}"
    );
}
