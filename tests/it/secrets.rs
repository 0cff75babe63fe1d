//! No secret is ever shown: every kind of secret a test can hand the mock (the client's session
//! token and signature, a presigned URL's SigV4 parameters, scripted and vended credentials, raw
//! reply bodies, a header matcher's expected token) sent through every surface that shows what
//! the mock saw (Debug of every public type, reports, panics, SDK errors, the journal JSON,
//! recordings, HTTP bodies, the CLI's exit report), and none appears.

use crate::server_support;

use aws_credential_types::Credentials;
use aws_sdk_lakeformation::types::{Permission, PermissionType};
use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, Principal, Table};
use lakeformation_mock::matchers::header;
use lakeformation_mock::{MockLakeFormation, RawResponse, Rule};
use server_support::*;

const CLIENT_SECRET: &str = "client-secret-key-DO-NOT-LEAK-000000000";
const CLIENT_TOKEN: &str = "client-session-token-DO-NOT-LEAK";
const EXPECTED_TOKEN: &str = "expected-token-in-a-matcher-DO-NOT-LEAK";
const RAW_SECRET: &str = "raw-body-secret-DO-NOT-LEAK";
const RAW_TOKEN: &str = "raw-body-session-token-DO-NOT-LEAK";
const PRESIGNED: [&str; 3] =
    ["presigned-signature-DO-NOT-LEAK", "presigned-token-DO-NOT-LEAK", "AKIDPRESIGNEDDONOTLEAK"];
const ENGINE_KEY: &str = "AKIDSECRETSENGINE001";
const ENGINE_ROLE: &str = "arn:aws:iam::123456789012:role/engine";

/// Every secret of the scenario below, and the lake's vended ones (added as they are vended).
fn secrets() -> Vec<String> {
    let mut all: Vec<String> =
        [CLIENT_SECRET, CLIENT_TOKEN, EXPECTED_TOKEN, RAW_SECRET, RAW_TOKEN, SECRET, SESSION_TOKEN]
            .iter()
            .chain(PRESIGNED.iter())
            .map(|s| s.to_string())
            .collect();
    all.push(", Signature=".into()); // the SigV4 signature in an authorization header
    all
}

#[track_caller]
fn assert_no_secret(surface: &str, text: &str, secrets: &[String]) {
    for secret in secrets {
        assert!(!text.contains(secret.as_str()), "{surface} shows the secret {secret:?}:\n{text}");
    }
}

fn panic_text(payload: Box<dyn std::any::Any + Send>) -> String {
    payload.downcast_ref::<String>().cloned().or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string())).unwrap()
}

fn lake() -> Lake {
    Lake::builder()
        .settings(DataLakeSettings::default().allow_full_table_external_data_access(true))
        .register_location("s3://lake/")
        .table(Table::new("sales", "orders").location("s3://lake/sales/orders/"))
        .principal(Principal::new(ENGINE_KEY, ENGINE_ROLE))
        .grant(Grant::new(ENGINE_ROLE, "sales", "orders", [Permission::Select]))
        .build()
}

/// A mock whose rules see every kind of secret: a header matcher expecting a token, a typed output
/// with credentials, a raw reply whose JSON body holds credentials, and a lake vending some.
fn scenario() -> (MockLakeFormation, Lake) {
    let lake = lake();
    let mock = MockLakeFormation::builder().verify_on_drop(false).build().with_lake(&lake);
    Rule::table_credentials()
        .and(header("x-amz-security-token", EXPECTED_TOKEN))
        .respond_with(glue_output("ASIANEVER"))
        .expect(1)
        .mount(&mock);
    Rule::table_credentials()
        .and(lakeformation_mock::matchers::table_arn(OTHER_TABLE))
        .respond_with(glue_output("ASIATYPED"))
        .mount(&mock);
    Rule::data_location()
        .respond_with(RawResponse::new(200).json(&serde_json::json!({
            "Credentials": {"AccessKeyId": "ASIARAW", "SecretAccessKey": RAW_SECRET, "SessionToken": RAW_TOKEN, "Expiration": 1900000000},
            "AccessibleDataLocations": ["s3://lake/raw/"]
        })))
        .mount(&mock);
    (mock, lake)
}

const OTHER_TABLE: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/returns";
const ORDERS: &str = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";

/// A client signing with a secret key and a session token, as the given access key id.
fn client_with_token(mock: &MockLakeFormation, key: &str) -> aws_sdk_lakeformation::Client {
    let credentials = Credentials::new(key, CLIENT_SECRET, Some(CLIENT_TOKEN.into()), None, "secrets-test");
    aws_sdk_lakeformation::Client::from_conf(mock.config_builder().credentials_provider(credentials).build())
}

#[tokio::test]
async fn no_in_process_surface_shows_a_secret() {
    let (mock, lake) = scenario();
    let client = client_with_token(&mock, ENGINE_KEY);
    let mut secrets = secrets();

    // Unanswered by the header rule (wrong token), answered by the lake: credentials vended.
    let vended = client
        .get_temporary_glue_table_credentials()
        .table_arn(ORDERS)
        .supported_permission_types(PermissionType::ColumnPermission)
        .send()
        .await
        .unwrap();
    let key = vended.access_key_id().unwrap().to_owned();
    secrets.push(vended.secret_access_key().unwrap().to_owned());
    secrets.push(vended.session_token().unwrap().to_owned());
    // The typed output and the raw reply.
    client.get_temporary_glue_table_credentials().table_arn(OTHER_TABLE).send().await.unwrap();
    client.get_temporary_data_location_credentials().data_locations("s3://lake/raw/").send().await.unwrap();
    // Unanswered: an operation nothing answers; its error text has the closest rule's diff.
    let err = client.get_data_lake_settings().send().await.unwrap_err();
    assert_no_secret("the SDK error", &common_chain(&err), &secrets);

    let requests = mock.requests();
    assert!(
        requests.iter().all(|r| r.header_value("x-amz-security-token") == Some(CLIENT_TOKEN)),
        "the token was sent"
    );
    for request in &requests {
        assert_no_secret("Debug of a Request", &format!("{request:?}"), &secrets);
        assert_no_secret("Debug of an Answer", &format!("{:?}", request.answer()), &secrets);
        assert_no_secret("Answer::failure", request.answer().failure().unwrap_or_default(), &secrets);
        if let Some(reply) = request.answer().reply() {
            assert_no_secret("Debug of a Reply", &format!("{reply:?}"), &secrets);
            if let Some(raw) = reply.raw_response() {
                assert_no_secret("Debug of a RawResponse", &format!("{raw:?}"), &secrets);
            }
        }
    }
    assert_no_secret("Debug of the mock", &format!("{mock:?}"), &secrets);
    assert_no_secret("Debug of the journal", &format!("{:?}", mock.journal()), &secrets);
    assert_no_secret("Debug of the lake", &format!("{lake:?}"), &secrets);
    assert_no_secret("Debug of VendedCredentials", &format!("{:?}", lake.vended(&key).unwrap()), &secrets);
    assert_no_secret(
        "Debug of a Rule",
        &format!("{:?}", Rule::table_credentials().and(header("x-amz-security-token", EXPECTED_TOKEN))),
        &secrets,
    );
    let report = mock.report();
    assert!(report.failed(), "the header rule's expectation is unmet");
    assert_no_secret("the Report", &report.to_string(), &secrets);
    assert_no_secret("Debug of the Report", &format!("{report:?}"), &secrets);

    let verify = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| mock.verify())).unwrap_err();
    assert_no_secret("the verify() panic", &panic_text(verify), &secrets);
    let assertion = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        mock.journal().assert_received(&header("x-amz-security-token", EXPECTED_TOKEN), 1)
    }))
    .unwrap_err();
    let assertion = panic_text(assertion);
    assert!(assertion.contains("x-amz-security-token"), "{assertion}");
    assert_no_secret("the assert_received panic", &assertion, &secrets);

    let recording = mock.record_scenario("secrets");
    let json = recording.to_json_string();
    assert!(json.contains("ASIARAW"), "the raw reply is recorded: {json}");
    assert_no_secret("a recording", &json, &secrets);
    assert_no_secret("Debug of a Scenario", &format!("{recording:?}"), &secrets);
    let fixture = lakeformation_mock::fixture::Scenario::from_json_str(&format!(
        r#"{{"version": 1, "rules": [{{"responses": [{{"table_credentials_output": {{"SecretAccessKey": "{SECRET}", "SessionToken": "{SESSION_TOKEN}"}}}},
            {{"http": {{"status": 200, "body": "{{\"SecretAccessKey\": \"{RAW_SECRET}\"}}"}}}}]}}]}}"#
    ))
    .unwrap();
    assert_no_secret("Debug of a loaded Scenario", &format!("{fixture:?}"), &secrets);
}

#[cfg(feature = "server")]
#[tokio::test]
async fn no_server_surface_shows_a_secret() {
    use lakeformation_mock::server::MockServer;

    let (mock, _lake) = scenario();
    let server = MockServer::start(&mock).unwrap();
    let address = server.address();
    let secrets = secrets();
    // A request with a session token and a presigned URL's SigV4 parameters.
    let query = format!(
        "/GetTemporaryGlueTableCredentials?X-Amz-Signature={}&X-Amz-Security-Token={}&X-Amz-Credential={}%2F20260101%2Fus-east-1%2Flakeformation%2Faws4_request",
        PRESIGNED[0], PRESIGNED[1], PRESIGNED[2]
    );
    let (not_found, journal, verify) = tokio::task::spawn_blocking(move || {
        let not_found = raw(
            address,
            "POST",
            &query,
            &[("x-amz-security-token", CLIENT_TOKEN), ("authorization", "AWS4-HMAC-SHA256 Credential=AKIDX/20260101/us-east-1/lakeformation/aws4_request, SignedHeaders=host, Signature=abc")],
            br#"{"TableArn": "arn:aws:glue:us-east-1:999999999999:table/x/y"}"#,
        )
        .unwrap();
        let journal = raw(address, "GET", "/__lakeformation_mock/journal", &[], b"").unwrap();
        let verify = raw(address, "GET", "/__lakeformation_mock/verify", &[], b"").unwrap();
        (not_found, journal, verify)
    })
    .await
    .unwrap();
    // The lake refused it (unknown key), or nothing answered: either way, a body to check.
    assert_no_secret("an error body", &format!("{} {}", not_found.head, not_found.body), &secrets);
    assert!(journal.body.contains("X-Amz-Signature"), "the query is journaled: {}", journal.body);
    assert_no_secret("GET journal", &journal.body, &secrets);
    assert!(verify.body.contains("x-amz-security-token"), "the header rule is reported: {}", verify.body);
    assert_no_secret("GET verify", &verify.body, &secrets);

    // A 404 for a request no rule nor lake answers, with the closest rule's diff.
    let client = client_with_token(&mock, "AKIDUNKNOWN");
    let url = server.url();
    let config = client
        .config()
        .to_builder()
        .endpoint_url(url)
        .http_client(aws_smithy_http_client::Builder::new().build_http())
        .build();
    let err = aws_sdk_lakeformation::Client::from_conf(config).get_data_lake_settings().send().await.unwrap_err();
    let body = String::from_utf8_lossy(err.raw_response().unwrap().body().bytes().unwrap()).into_owned();
    assert!(body.contains("closest rule"), "{body}");
    assert_no_secret("the 404 body", &body, &secrets);
}

#[cfg(all(feature = "cli", unix))]
#[test]
fn the_cli_exit_report_shows_no_secret() {
    use std::io::{BufRead, BufReader, Read};
    use std::process::{Command, Stdio};

    let fixture = std::env::temp_dir().join(format!("lakeformation-mock-{}-secrets.json", std::process::id()));
    std::fs::write(
        &fixture,
        format!(
            r#"{{"version": 1, "rules": [{{"operation": "GetTemporaryGlueTableCredentials",
                "match": {{"Headers": {{"x-amz-security-token": "{EXPECTED_TOKEN}"}}}},
                "responses": [{{"table_credentials_output": {{"SecretAccessKey": "{SECRET}", "SessionToken": "{SESSION_TOKEN}"}}}}],
                "expect": 1}}]}}"#
        ),
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_lakeformation-mock"))
        .args(["serve", "--port", "0", "--fixture"])
        .arg(&fixture)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut url = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut url).unwrap();
    let address = url.trim().trim_start_matches("http://").parse().unwrap();
    let reply = raw(
        address,
        "POST",
        "/GetTemporaryGlueTableCredentials",
        &[("x-amz-security-token", CLIENT_TOKEN)],
        br#"{"TableArn": "arn:aws:glue:us-east-1:123456789012:table/sales/orders"}"#,
    )
    .unwrap();
    assert_eq!(reply.status, 404, "{reply:?}");
    assert_no_secret("the CLI's 404 body", &reply.body, &secrets());
    assert!(Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap().success());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let _ = std::fs::remove_file(&fixture);
    assert_eq!(status.code(), Some(1), "the unmet expectation fails the run: {stderr}");
    assert!(stderr.contains("x-amz-security-token"), "{stderr}");
    assert_no_secret("the CLI's exit report", &stderr, &secrets());
}

fn common_chain(err: &dyn std::error::Error) -> String {
    aws_smithy_types::error::display::DisplayErrorContext(err).to_string()
}
