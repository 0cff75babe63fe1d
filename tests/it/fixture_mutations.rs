//! Property test: every committed fixture, mutated at random (a key deleted or given twice, a
//! value of another type, a number out of range, the text truncated or with garbage inserted),
//! either is a load error or loads into a mock that answers real SDK calls of both operations
//! without an invalid response. Loading never panics.

use aws_sdk_lakeformation::types::CredentialsScope;
use lakeformation_mock::MockLakeFormation;
use lakeformation_mock::fixture::Scenario;
use proptest::prelude::*;
use serde_json::Value;
use std::sync::OnceLock;

/// The committed fixtures: (file name, text).
// glue: without the `glue` feature, a lake's `Schemas` and `CellFilters` are unknown keys: left out
fn without_glue(text: String) -> String {
    let strip_glue = !cfg!(feature = "glue") && text.contains("\"Schemas\"");
    // sts: a lake's `Roles` load only with the `sts` feature; the grants naming them go with them
    let strip_sts = !cfg!(feature = "sts") && text.contains("\"Roles\"");
    if !strip_glue && !strip_sts {
        return text;
    }
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    if let Some(lake) = json.get_mut("lake").and_then(serde_json::Value::as_object_mut) {
        if strip_glue {
            lake.remove("Schemas");
            lake.remove("CellFilters");
        }
        if strip_sts {
            let roles: Vec<serde_json::Value> = lake
                .remove("Roles")
                .and_then(|r| r.as_array().cloned())
                .unwrap_or_default()
                .iter()
                .filter_map(|role| role.get("Arn").cloned())
                .collect();
            if let Some(grants) = lake.get_mut("Grants").and_then(serde_json::Value::as_array_mut) {
                grants.retain(|grant| grant.get("Principal").is_none_or(|p| !roles.contains(p)));
            }
        }
    }
    serde_json::to_string_pretty(&json).unwrap()
}

fn fixtures() -> &'static [(String, String)] {
    static FIXTURES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
        let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
            // glue: a fixture of Glue rules loads only with the `glue` feature
            .filter(|(_, text)| cfg!(feature = "glue") || !text.contains("\"GetUnfiltered"))
            .map(|(name, text)| (name, without_glue(text)))
            .collect();
        out.sort();
        assert!(out.len() >= 8, "the committed fixtures are in {dir}");
        out
    })
}

#[derive(Clone, Debug)]
enum Mutation {
    DeleteKey,
    ChangeType,
    OutOfRange,
    DuplicateKey,
    Truncate,
    Garbage,
}

/// A step of a path into a JSON document.
#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

/// Every node's path, in document order.
fn paths(value: &Value, at: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                at.push(Step::Key(k.clone()));
                paths(v, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                at.push(Step::Index(i));
                paths(v, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn node<'a>(value: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(value, |v, step| match step {
        Step::Key(k) => &mut v[k.as_str()],
        Step::Index(i) => &mut v[*i],
    })
}

const OTHER_TYPES: &[&str] = &["null", "true", "0", "-1", "\"x\"", "\"\"", "[]", "{}", "[1]", "{\"a\": 1}"];
const OUT_OF_RANGE: &[&str] = &[
    "-1",
    "0",
    "1",
    "99",
    "100",
    "101",
    "199",
    "256",
    "600",
    "65536",
    "2147483648",
    "4294967296",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775809",
    "1.5",
    "1e300",
    "-1e300",
];
const GARBAGE: &[&str] =
    &["}", "]", ",", ":", "\"", "{", "[", "\\", "\u{0}", "\u{feff}", "null", "1e999", "\"\\ud800\"", "\u{10ffff}"];

/// `text` mutated by `mutation`; `pick` and `variant` choose where and how.
fn mutate(text: &str, mutation: &Mutation, pick: usize, variant: usize) -> String {
    let mut doc: Value = serde_json::from_str(text).unwrap();
    let mut all = Vec::new();
    paths(&doc, &mut Vec::new(), &mut all);
    let choose = |filter: &dyn Fn(&Value) -> bool, doc: &Value| -> Option<Vec<Step>> {
        let mut doc = doc.clone();
        let fitting: Vec<&Vec<Step>> = all.iter().filter(|p| filter(node(&mut doc, p))).collect();
        (!fitting.is_empty()).then(|| fitting[pick % fitting.len()].clone())
    };
    match mutation {
        Mutation::DeleteKey => {
            let members: Vec<&Vec<Step>> = all.iter().filter(|p| matches!(p.last(), Some(Step::Key(_)))).collect();
            if let Some(path) = members.get(pick % members.len().max(1)) {
                let (Some(Step::Key(key)), parent) = (path.last(), &path[..path.len() - 1]) else { unreachable!() };
                node(&mut doc, parent).as_object_mut().unwrap().remove(key);
            }
            doc.to_string()
        }
        Mutation::ChangeType => {
            let path = all[pick % all.len()].clone();
            *node(&mut doc, &path) = serde_json::from_str(OTHER_TYPES[variant % OTHER_TYPES.len()]).unwrap();
            doc.to_string()
        }
        Mutation::OutOfRange => {
            if let Some(path) = choose(&|v| v.is_number(), &doc) {
                // Written as text: some are out of range for any Rust number type.
                let marker = "\u{1}number\u{1}";
                *node(&mut doc, &path) = Value::String(marker.into());
                let text = doc.to_string();
                return text.replace(&Value::from(marker).to_string(), OUT_OF_RANGE[variant % OUT_OF_RANGE.len()]);
            }
            doc.to_string()
        }
        Mutation::DuplicateKey => {
            if let Some(path) = choose(&|v| v.as_object().is_some_and(|m| !m.is_empty()), &doc) {
                let object = node(&mut doc, &path).as_object().unwrap().clone();
                let entries: Vec<String> =
                    object.iter().map(|(k, v)| format!("{}: {v}", Value::from(k.as_str()))).collect();
                let twice = entries[variant % entries.len()].clone();
                let mut written = entries.clone();
                written.insert((variant / entries.len()) % (entries.len() + 1), twice);
                let marker = "\u{1}object\u{1}";
                *node(&mut doc, &path) = Value::String(marker.into());
                let text = doc.to_string();
                return text.replace(&Value::from(marker).to_string(), &format!("{{{}}}", written.join(", ")));
            }
            doc.to_string()
        }
        Mutation::Truncate | Mutation::Garbage => mutate_on_text(text, mutation, pick, variant),
    }
}

/// Strings of the fixture that look like a table ARN or an S3 location, to send requests for.
fn targets(text: &str) -> (Vec<String>, Vec<String>) {
    let mut all = Vec::new();
    fn strings(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) => out.push(s.clone()),
            Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
            Value::Object(map) => map.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }
    strings(&serde_json::from_str(text).unwrap(), &mut all);
    let pick = |prefix: &str, default: &str| {
        let mut found: Vec<String> = all.iter().filter(|s| s.starts_with(prefix)).take(2).cloned().collect();
        found.push(default.to_owned());
        found
    };
    (pick("arn:aws:glue:", "arn:aws:glue:us-east-1:123456789012:table/db/t"), pick("s3://", "s3://bucket/prefix/"))
}

/// Loads `text`; when it loads, sends a few calls of both operations and checks no answer is
/// an invalid response.
fn check(name: &str, original: &str, text: &str) -> Result<(), TestCaseError> {
    let Ok(scenario) = Scenario::from_json_str(text) else { return Ok(()) };
    let mock = scenario.configure(MockLakeFormation::builder().verify_on_drop(false)).build();
    mock.load_scenario(&scenario);
    let (tables, locations) = targets(original);
    // Paused time: a scripted delay, however long, passes at once.
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().start_paused(true).build().unwrap();
    runtime.block_on(async {
        let client = mock.client();
        for arn in &tables {
            let _ = client.get_temporary_glue_table_credentials().table_arn(arn).send().await;
        }
        for location in &locations {
            let _ = client
                .get_temporary_data_location_credentials()
                .data_locations(location)
                .credentials_scope(CredentialsScope::Read)
                .send()
                .await;
        }
    });
    for request in mock.requests() {
        let failure = request.answer().failure().unwrap_or_default();
        prop_assert!(!failure.contains("invalid response"), "{name}, mutated to:\n{text}\nanswered: {failure}");
    }
    Ok(())
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        Just(Mutation::DeleteKey),
        Just(Mutation::ChangeType),
        Just(Mutation::OutOfRange),
        Just(Mutation::DuplicateKey),
        Just(Mutation::Truncate),
        Just(Mutation::Garbage),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 320, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_fixtures_load_or_fail_cleanly_and_never_answer_an_invalid_response(
        which in any::<usize>(),
        mutations in proptest::collection::vec((mutation(), any::<usize>(), any::<usize>()), 1..3),
    ) {
        let (name, original) = &fixtures()[which % fixtures().len()];
        let mut text = original.clone();
        for (mutation, pick, variant) in &mutations {
            // A later mutation works on JSON; once the text is no JSON, only text mutations apply.
            text = match serde_json::from_str::<Value>(&text) {
                Ok(_) => mutate(&text, mutation, *pick, *variant),
                Err(_) => mutate_text(&text, *pick, *variant),
            };
        }
        check(name, original, &text)?;
    }
}

/// A text-only mutation, for text that is no longer JSON.
fn mutate_text(text: &str, pick: usize, variant: usize) -> String {
    if text.is_empty() {
        return GARBAGE[variant % GARBAGE.len()].to_owned();
    }
    mutate_on_text(
        text,
        if variant.is_multiple_of(2) { &Mutation::Truncate } else { &Mutation::Garbage },
        pick,
        variant,
    )
}

fn mutate_on_text(text: &str, mutation: &Mutation, pick: usize, variant: usize) -> String {
    let mut at = pick % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    match mutation {
        Mutation::Truncate => text[..at].to_owned(),
        _ => format!("{}{}{}", &text[..at], GARBAGE[variant % GARBAGE.len()], &text[at..]),
    }
}

#[test]
fn every_committed_fixture_loads_and_answers_unmutated() {
    for (name, text) in fixtures() {
        Scenario::from_json_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        check(name, text, text).unwrap();
    }
}
