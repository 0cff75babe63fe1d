//! Fixtures that load but can never work are refused when loaded (and so by
//! `lakeformation-mock validate`): each error names the rule by index and name, and the key path.

use lakeformation_mock::fixture::Scenario;

/// The error of a fixture whose `rules` are `rules` (and `extra` top-level keys).
fn refused(extra: &str, rules: &str) -> (String, String) {
    let text = format!(r#"{{"version": 1, {extra} "rules": [{rules}]}}"#);
    let err = Scenario::from_json_str(&text).expect_err(&text);
    (err.json_path.clone(), err.message.clone())
}

const ANSWER: &str = r#""responses": [{"fault": "io", "repeat": true}]"#;

fn rule(name: &str, body: &str) -> String {
    format!(r#"{{"name": "{name}", "operation": "GetTemporaryGlueTableCredentials", {body} {ANSWER}}}"#)
}

#[test]
fn two_rules_with_one_name_are_refused_naming_both() {
    let rules = [
        rule("orders", r#""match": {"QueryId": "q-1"},"#),
        rule("returns", r#""match": {"QueryId": "q-2"},"#),
        rule("orders", r#""match": {"QueryId": "q-3"},"#),
    ]
    .join(",");
    let (path, message) = refused("", &rules);
    assert_eq!(path, "rules[2].name");
    assert!(message.contains("rules[2] (`orders`) has the name of rules[0] (`orders`)"), "{message}");
}

#[test]
fn conditions_input_validation_makes_impossible_are_refused() {
    let cases = [
        (
            r#""match": {"DurationSeconds": 5}, "expect": 1,"#,
            "DurationSeconds",
            "DurationSeconds 5 is outside 900 to 43200",
        ),
        (r#""match": {"DurationSecondsRange": {"min": 50000}},"#, "DurationSecondsRange", "lies outside 900 to 43200"),
        (r#""match": {"DurationSecondsRange": {"max": 899}},"#, "DurationSecondsRange", "lies outside 900 to 43200"),
        (
            r#""match": {"SupportedPermissionTypes": []},"#,
            "SupportedPermissionTypes",
            "Absent: [\"SupportedPermissionTypes\"]",
        ),
        (r#""match": {"QueryId": "q\u0001"},"#, "QueryId", "holds a control character"),
        (r#""match": {"QueryAuthorizationId": "a\u001b"},"#, "QueryAuthorizationId", "holds a control character"),
        (r#""match": {"QueryId": "q\uFFFE"},"#, "QueryId", "holds U+FFFE or U+FFFF"),
        (r#""match": {"QueryId": ""},"#, "QueryId", "has 0 characters, outside the 1 to 255"),
        (r#""match": {"TableArn": "not-an-arn"},"#, "TableArn", "TableArn `not-an-arn` is no Glue table ARN"),
    ];
    for (body, key, why) in cases {
        let (path, message) = refused("", &rule("never", body));
        assert_eq!(path, format!("rules[0].match.{key}"), "{body}");
        assert!(message.starts_with("rules[0] (`never`) can never match: "), "{body}: {message}");
        assert!(message.contains(why), "{body}: {message}");
        assert!(message.contains("InvalidInputException"), "{body}: {message}");
    }
    let (_, message) = refused("", &rule("never", r#""match": {"DurationSeconds": 5}, "expect": 1,"#));
    assert!(message.contains("its `expect` can never be met"), "{message}");
    // With validation off, a rule may answer such requests on purpose.
    let text = format!(
        r#"{{"version": 1, "settings": {{"validate_input": false}}, "rules": [{}]}}"#,
        rule("refused on purpose", r#""match": {"DurationSeconds": 5}, "expect": 1,"#)
    );
    assert!(Scenario::from_json_str(&text).is_ok());
}

#[test]
fn conditions_that_never_hold_are_refused() {
    let cases = [
        (r#""match": {"AnyOf": []},"#, "AnyOf", "`AnyOf: []` offers no alternative"),
        (r#""match": {"Not": {}},"#, "Not", "`Not: {}` negates the empty condition"),
        (
            r#""match": {"QueryId": "q-1", "ClusterId": "c", "Not": {"QueryId": "q-1"}},"#,
            "Not",
            "requires `QueryId` and, under `Not`, excludes the same",
        ),
        (
            r#""match": {"Present": ["S3Path"], "Absent": ["S3Path"]},"#,
            "Absent[0]",
            "S3Path is both Present and Absent",
        ),
        (
            r#""match": {"QueryId": "q-1", "Absent": ["QuerySessionContext.QueryId"]},"#,
            "Absent[0]",
            "QuerySessionContext.QueryId must be absent, yet `QueryId` sets a condition on its value",
        ),
        (r#""match": {"AnyOf": [{"Region": "eu-west-1"}, {"AnyOf": []}]},"#, "AnyOf[1].AnyOf", "offers no alternative"),
        (r#""match": {"SignedBy": "AKID\u0000"},"#, "SignedBy", "holds a control character"),
    ];
    for (body, key, why) in cases {
        let (path, message) = refused("", &rule("never", body));
        assert_eq!(path, format!("rules[0].match.{key}"), "{body}");
        assert!(message.starts_with("rules[0] (`never`): "), "{body}: {message}");
        assert!(message.contains(why), "{body}: {message}");
    }
    // A negation of something else, and a negated empty list of alternatives inside AnyOf, load.
    let fine = rule("fine", r#""match": {"QueryId": "q-1", "Not": {"QueryId": "q-2"}},"#);
    assert!(Scenario::from_json_str(&format!(r#"{{"version": 1, "rules": [{fine}]}}"#)).is_ok());
}

#[test]
fn a_rule_shadowed_by_a_catch_all_tried_first_is_refused() {
    // Priority 1 beats the default 5, whatever the order in the file.
    let rules = [rule("specific", r#""match": {"QueryId": "q-1"},"#), rule("catch-all", r#""priority": 1,"#)].join(",");
    let (path, message) = refused("", &rules);
    assert_eq!(path, "rules[0]");
    assert!(
        message.contains(
            "rules[0] (`specific`) can never answer: rules[1] (`catch-all`), a catch-all of priority 1 that answers \
             forever"
        ),
        "{message}"
    );
    // Same priority: the first mounted is tried first.
    let rules = [rule("catch-all", ""), rule("later", "")].join(",");
    assert_eq!(refused("", &rules).0, "rules[1]");
    // A catch-all of any operation shadows an operation's rule.
    let any = r#"{"name": "any", "operation": "*", "responses": [{"fault": "io", "repeat": true}]}"#;
    assert_eq!(refused("", &format!("{any},{}", rule("later", ""))).0, "rules[1]");

    // Not shadowed: a catch-all that runs out, one of another operation, or tried later.
    for rules in [
        format!(
            r#"{{"operation": "GetTemporaryGlueTableCredentials", "responses": [{{"fault": "io", "times": 2}}]}},{}"#,
            rule("later", "")
        ),
        format!(r#"{{"operation": "GetTemporaryDataLocationCredentials", {ANSWER}}},{}"#, rule("later", "")),
        [rule("first", r#""priority": 1, "match": {"QueryId": "q-1"},"#), rule("catch-all", "")].join(","),
    ] {
        let text = format!(r#"{{"version": 1, "rules": [{rules}]}}"#);
        assert!(Scenario::from_json_str(&text).is_ok(), "{text}");
    }
}

#[test]
fn an_unknown_region_is_refused_with_the_closest_one() {
    let (path, message) = refused(r#""settings": {"region": "us-east-7"},"#, "");
    assert_eq!(path, "settings.region");
    assert!(message.contains("`us-east-7` is not an AWS region"), "{message}");
    assert!(message.contains("did you mean `us-east-1`?") || message.contains("did you mean"), "{message}");

    let (path, message) = refused("", &rule("moon", r#""match": {"Region": "moon-1"},"#));
    assert_eq!(path, "rules[0].match.Region");
    assert!(message.starts_with("rules[0] (`moon`): `moon-1` is not an AWS region"), "{message}");

    let (path, _) = refused(r#""lake": {"Region": "eu-wst-1"},"#, "");
    assert_eq!(path, "lake.Region");

    let ok = r#"{"version": 1, "settings": {"region": "ap-southeast-5"}, "rules": []}"#;
    assert!(Scenario::from_json_str(ok).is_ok());
}

#[test]
fn a_rule_name_with_a_control_character_is_refused() {
    let (path, message) = refused("", &rule("bad\\u0007name", ""));
    assert_eq!(path, "rules[0].name");
    assert!(message.contains("holds a control character"), "{message}");
}

/// The `validate` command reports the same error, with the file, and fails.
#[cfg(feature = "cli")]
#[test]
fn the_validate_command_refuses_a_fixture_that_can_never_work() {
    let file = std::env::temp_dir().join(format!("lakeformation-mock-{}-never.json", std::process::id()));
    let text = format!(r#"{{"version": 1, "rules": [{}]}}"#, rule("never", r#""match": {"AnyOf": []},"#));
    std::fs::write(&file, text).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lakeformation-mock"))
        .arg("validate")
        .arg(&file)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&file);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("at `rules[0].match.AnyOf`"), "{stderr}");
    assert!(stderr.contains("rules[0] (`never`): `AnyOf: []` offers no alternative"), "{stderr}");
}

/// Checks of the whole scenario point at the rule they name, not at the end of the file.
#[test]
fn the_error_points_at_the_rule_it_names() {
    let text = "{\n  \"version\": 1,\n  \"rules\": [\n    {\"match\": {\"QueryId\": \"q\"}, \"responses\": [{\"fault\": \"io\"}]},\n    {\"name\": \"never\", \"match\": {\"Not\": {}}, \"responses\": [{\"fault\": \"io\"}]}\n  ]\n}\n";
    let err = Scenario::from_json_str(text).unwrap_err();
    assert_eq!((err.line, err.column, err.json_path.as_str()), (5, 5, "rules[1].match.Not"), "{err}");
    assert!(err.to_string().starts_with("<fixture>:5:5: at `rules[1].match.Not`: rules[1] (`never`): "), "{err}");
}

/// The load check applies input validation's own pattern: DEL and the C1 controls, which the
/// model's pattern accepts in a `QueryId`, load, and the request carrying them is answered.
#[tokio::test]
async fn a_query_id_the_model_accepts_loads_and_is_answered() {
    let text = r#"{"version": 1, "rules": [{"operation": "GetTemporaryGlueTableCredentials", "match": {"QueryId": "q\u007f\u0085"}, "responses": [{"table_credentials_output": {"AccessKeyId": "ASIAMOCKEXAMPLE00001"}, "repeat": true}]}]}"#;
    let mock = Scenario::from_json_str(text).unwrap().mock();
    let out = mock
        .client()
        .get_temporary_glue_table_credentials()
        .table_arn("arn:aws:glue:us-east-1:123456789012:table/sales/orders")
        .query_session_context(
            aws_sdk_lakeformation::types::QuerySessionContext::builder().query_id("q\u{7f}\u{85}").build(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(out.access_key_id(), Some("ASIAMOCKEXAMPLE00001"));
}
