//! The `lakeformation-mock` binary: `serve` and `validate`.
#![cfg(all(feature = "cli", unix))]

use crate::fixture_wording::{assert_no_rust, lake_with_table};
use crate::server_support;

use server_support::*;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_lakeformation-mock");

/// Kills the child if the test ends before it exited.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Server {
    /// Spawns `serve` with `args`, its output piped; the guard kills it if the test fails.
    fn spawn(args: &[&str]) -> Server {
        let child =
            Command::new(BIN).arg("serve").args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        Server(child)
    }

    /// Starts `serve` with `args` and reads the URL it prints first.
    fn start(args: &[&str]) -> (Server, String) {
        let mut server = Server::spawn(args);
        let mut line = String::new();
        BufReader::new(server.0.stdout.take().unwrap()).read_line(&mut line).unwrap();
        (server, line.trim().to_owned())
    }

    /// Sends SIGTERM and waits (at most 10 s) for the exit.
    fn terminate(&mut self) -> (ExitStatus, String) {
        let pid = self.0.id().to_string();
        assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
        let status = self.exit_within(Duration::from_secs(10), "of SIGTERM");
        (status, read_all(self.0.stderr.take()))
    }

    /// Waits for the exit; fails (the guard then kills it) if it runs `limit` (`after` what).
    fn exit_within(&mut self, limit: Duration, after: &str) -> ExitStatus {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.0.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "serve did not exit within {limit:?} {after}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// All a child's output stream holds until it closes (empty if it was already taken).
fn read_all(stream: Option<impl Read>) -> String {
    let mut text = String::new();
    if let Some(mut stream) = stream {
        stream.read_to_string(&mut text).unwrap();
    }
    text
}

fn temp_file(name: &str, content: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("lakeformation-mock-{}-{name}", std::process::id()));
    std::fs::write(&path, content).unwrap();
    path
}

#[tokio::test]
async fn serve_prints_its_url_answers_from_the_fixture_and_reports_on_sigterm() {
    let (mut server, url) = Server::start(&["--fixture", "fixtures/server_boto3.json"]);
    assert!(url.starts_with("http://127.0.0.1:"), "{url:?}");
    let out = client(&url).get_temporary_glue_table_credentials().table_arn(ARN).send().await.unwrap();
    assert_eq!(out.access_key_id(), Some("ASIABOTOTABLE0000001"));

    // Two rules of the fixture expect calls that never came: the report says so, exit status 1.
    let (status, stderr) = tokio::task::spawn_blocking(move || server.terminate()).await.unwrap();
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("rule `payroll is denied` expected"), "{stderr}");
}

#[test]
fn serve_without_a_fixture_serves_an_empty_mock_and_reports_what_it_left_unanswered() {
    let (mut server, url) = Server::start(&["--port", "0"]);
    let address = url.trim_start_matches("http://").parse().unwrap();
    let body = br#"{"TableArn": "arn:aws:glue:us-east-1:123456789012:table/db/t"}"#;
    let reply = raw(address, "POST", "/GetTemporaryGlueTableCredentials", &[], body).unwrap();
    assert_eq!(reply.header("x-amzn-errortype"), Some("LakeFormationMockNoMatch"), "{reply:?}");
    assert!(reply.header("x-amzn-requestid").is_some(), "{reply:?}");
    let (status, stderr) = server.terminate();
    // A request nothing answered fails the run, as it fails a test in process.
    assert!(!status.success(), "{stderr}");
    assert!(stderr.contains("1 unmatched request (no rule matched):"), "{stderr}");
    assert!(stderr.contains("#0 GetTemporaryGlueTableCredentials"), "{stderr}");
    // Its fixes are worded for a CLI user (a fixture setting), even without `--fixture`.
    assert!(stderr.contains(r#""settings": {"fail_on_unmatched": false}"#), "{stderr}");
    assert_no_rust(&stderr);
}

#[test]
fn serve_refuses_a_non_loopback_address_without_the_flag() {
    // Spawned, not `.output()`: if the refusal regresses, `serve` would serve until killed.
    let mut server = Server::spawn(&["--bind", "0.0.0.0"]);
    let status = server.exit_within(Duration::from_secs(10), "of starting: it should refuse --bind 0.0.0.0");
    assert!(!status.success());
    let stdout = read_all(server.0.stdout.take());
    assert!(stdout.is_empty(), "printed a URL: {stdout}");
    let stderr = read_all(server.0.stderr.take());
    assert!(stderr.contains("not a loopback address") && stderr.contains("--allow-non-loopback"), "{stderr}");
    // Worded in its flags, not the library's builder method.
    assert!(!stderr.contains("allow_non_loopback(true)"), "{stderr}");
    assert_no_rust(&stderr);
}

#[test]
fn serve_words_the_body_limit_fix_as_its_flag() {
    let (_server, url) = Server::start(&["--body-limit", "16"]);
    let address = url.trim_start_matches("http://").parse().unwrap();
    let reply = raw(address, "POST", "/GetTemporaryGlueTableCredentials", &[], &[b' '; 64]).unwrap();
    assert_eq!(reply.status, 413, "{reply:?}");
    let message = reply.json()["Message"].as_str().unwrap().to_owned();
    assert!(message.contains("--body-limit"), "{message}");
    assert_no_rust(&message);
}

#[test]
fn serve_refuses_a_broken_fixture() {
    let bad = temp_file("serve-bad.json", r#"{"version": 2}"#);
    let out = Command::new(BIN).args(["serve", "--fixture"]).arg(&bad).output().unwrap();
    let _ = std::fs::remove_file(&bad);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unsupported fixture version 2"), "{stderr}");
}

#[test]
fn validate_accepts_good_files_and_prints_the_loaders_errors() {
    let out = Command::new(BIN).args(["validate", "fixtures/server_boto3.json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok fixtures/server_boto3.json (3 rule(s), a lake)"));

    let bad = temp_file(
        "validate-bad.json",
        "{\n  \"version\": 1,\n  \"rules\": [{\"operation\": \"GetTemporaryGlueTableCredential\", \"responses\": []}]\n}\n",
    );
    let out = Command::new(BIN).arg("validate").arg("fixtures/server_boto3.json").arg(&bad).output().unwrap();
    let _ = std::fs::remove_file(&bad);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("{}:3:", bad.display())), "names file and line: {stderr}");
    assert!(stderr.contains("at `rules[0].operation`"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 valid, 1 invalid"));
}

#[test]
fn validate_prints_the_fixture_keys() {
    let path = temp_file("wording.json", &lake_with_table(r#"{"Database": "db", "Name": "t"}"#));
    let out = Command::new(BIN).arg("validate").arg(&path).output().unwrap();
    let _ = std::fs::remove_file(&path);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("lake.Tables[0].Location") && stderr.contains(r#""Location""#), "{stderr}");
    assert_no_rust(&stderr);
}

#[test]
fn validate_checks_every_fixture_of_a_directory() {
    let dir = std::env::temp_dir().join(format!("lakeformation-mock-{}-validate-dir", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy("fixtures/server_boto3.json", dir.join("a.json")).unwrap();
    std::fs::write(dir.join("b.json"), r#"{"version": 1, "rulez": []}"#).unwrap();
    std::fs::write(dir.join("notes.txt"), "not a fixture").unwrap();
    let out = Command::new(BIN).arg("validate").arg(&dir).output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(stdout.contains("a.json (3 rule(s), a lake)") && stdout.contains("1 valid, 1 invalid"), "{stdout}");
    assert!(stderr.contains("b.json:1:") && stderr.contains("did you mean `rules`?"), "{stderr}");
}

#[test]
fn validate_accepts_every_committed_fixture_the_glue_rules_among_them() {
    let out = Command::new(BIN).args(["validate", "fixtures/"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("glue_rules.json (2 rule(s))") && stdout.contains(" 0 invalid"), "{stdout}");
}

/// The signal handlers are in place before the URL is printed: a SIGTERM sent the moment a
/// client reads the URL stops the server with its report, never kills it unreported.
#[test]
fn serve_stops_cleanly_on_a_sigterm_sent_as_soon_as_the_url_is_printed() {
    for _ in 0..10 {
        let (mut server, url) = Server::start(&["--port", "0"]);
        assert!(url.starts_with("http://127.0.0.1:"), "{url:?}");
        let (status, stderr) = server.terminate();
        assert!(status.success(), "{status:?}: {stderr}");
        assert!(stderr.contains("every expectation was met"), "{stderr}");
    }
}
