//! Server mode, seen by a real `aws_sdk_lakeformation::Client` that only knows the endpoint URL.
#![cfg(feature = "server")]

use crate::server_support;

use aws_sdk_lakeformation::error::ProvideErrorMetadata;
use aws_sdk_lakeformation::types::{AuditContext, CredentialsScope, QuerySessionContext};
use aws_smithy_types::DateTime;
use lakeformation_mock::server::{MockServer, ServerError};
use lakeformation_mock::{ErrorCode, Fault, MockLakeFormation, Reply, Rule};
use server_support::*;
use std::time::{Duration, Instant};

#[tokio::test]
async fn both_operations_and_a_modeled_error_over_http() {
    let mock = MockLakeFormation::new();
    Rule::table_credentials().respond_with(glue_output("ASIASERVERTABLE00001")).named("table").expect(1).mount(&mock);
    Rule::data_location()
        .respond_with(data_location_output("ASIASERVERLOCATION01"))
        .named("location")
        .expect(1)
        .mount(&mock);
    let server = MockServer::start(&mock).unwrap();
    let client = client(&server.url());

    let table = client
        .get_temporary_glue_table_credentials()
        .table_arn(ARN)
        .audit_context(AuditContext::builder().additional_audit_context("job-42").build())
        .query_session_context(
            QuerySessionContext::builder()
                .query_id("q-1")
                .query_authorization_id("qa-1")
                .query_start_time(DateTime::from_secs_f64(1_700_000_000.5))
                .additional_context("engine", "trino")
                .build(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(table.access_key_id(), Some("ASIASERVERTABLE00001"));
    assert_eq!(table.secret_access_key(), Some(SECRET));
    assert_eq!(table.session_token(), Some(SESSION_TOKEN));
    assert_eq!(table.expiration(), Some(&DateTime::from_secs(1_900_000_000)));
    assert_eq!(table.vended_s3_path(), ["s3://sales-bucket/orders/"]);

    let location = client
        .get_temporary_data_location_credentials()
        .data_locations("s3://sales-bucket/orders/")
        .credentials_scope(CredentialsScope::Read)
        .send()
        .await
        .unwrap();
    let credentials = location.credentials().unwrap();
    assert_eq!(credentials.access_key_id(), Some("ASIASERVERLOCATION01"));
    assert_eq!(location.accessible_data_locations(), ["s3://sales-bucket/orders/"]);
    assert_eq!(location.credentials_scope(), Some(&CredentialsScope::Read));

    Rule::table_credentials()
        .and(lakeformation_mock::matchers::table_arn("arn:aws:glue:us-east-1:123456789012:table/sales/secret"))
        .respond_with(Reply::error(ErrorCode::AccessDenied, "Access is not allowed."))
        .priority(1)
        .mount(&mock);
    let err = client
        .get_temporary_glue_table_credentials()
        .table_arn("arn:aws:glue:us-east-1:123456789012:table/sales/secret")
        .send()
        .await
        .unwrap_err();
    let err = err.into_service_error();
    assert!(err.is_access_denied_exception(), "{err:?}");
    assert_eq!(err.message(), Some("Access is not allowed."));

    // The journal holds what the client sent, typed, as in process.
    let requests = mock.requests();
    assert_eq!(requests.len(), 3);
    assert_eq!(requests[0].access_key_id(), Some("AKIDTEST"));
    assert_eq!(requests[0].audit_context().unwrap().additional_audit_context(), Some("job-42"));
    assert_eq!(requests[0].query_session_context().unwrap().query_id(), Some("q-1"));
    assert!(requests[0].uri().starts_with(&server.url()), "{}", requests[0].uri());
    assert_eq!(requests[2].answer().status_code(), Some(400));
    mock.verify();
}

#[tokio::test]
async fn the_journal_endpoint_shows_typed_inputs_and_answers_without_secrets() {
    // The data-location request goes unanswered on purpose, to show its journal entry.
    let mock = MockLakeFormation::builder().fail_on_unmatched(false).build();
    Rule::table_credentials().respond_with(glue_output("ASIASERVERTABLE00001")).named("table").mount(&mock);
    let server = MockServer::start(&mock).unwrap();
    client(&server.url())
        .get_temporary_glue_table_credentials()
        .table_arn(ARN)
        .audit_context(AuditContext::builder().additional_audit_context("job-42").build())
        .query_session_context(
            QuerySessionContext::builder()
                .query_id("q-1")
                .query_start_time(DateTime::from_secs_f64(1_700_000_000.5))
                .additional_context("engine", "trino")
                .build(),
        )
        .send()
        .await
        .unwrap();
    let _ = client(&server.url()).get_temporary_data_location_credentials().send().await;

    let address = server.address();
    let journal = tokio::task::spawn_blocking(move || control_get(address, "journal")).await.unwrap();
    assert_eq!(journal["count"], 2);
    let first = &journal["requests"][0];
    assert_eq!(first["operation"], "GetTemporaryGlueTableCredentials");
    assert_eq!(first["access_key_id"], "AKIDTEST");
    assert_eq!(first["input"]["TableArn"], ARN);
    assert_eq!(first["input"]["AuditContext"]["AdditionalAuditContext"], "job-42");
    assert_eq!(first["input"]["QuerySessionContext"]["QueryId"], "q-1");
    assert_eq!(first["input"]["QuerySessionContext"]["QueryStartTime"], 1_700_000_000.5);
    assert_eq!(first["input"]["QuerySessionContext"]["AdditionalContext"]["engine"], "trino");
    assert_eq!(first["answer"]["status"], 200);
    assert_eq!(first["answer"]["rule"]["name"], "table");
    assert_eq!(first["answer"]["answered_by"], "rule");
    assert_eq!(first["answer"]["credentials"]["AccessKeyId"], "ASIASERVERTABLE00001");
    assert_eq!(first["headers"]["authorization"], "** redacted **");
    let second = &journal["requests"][1];
    assert_eq!(second["operation"], "GetTemporaryDataLocationCredentials");
    assert!(second["answer"]["failure"].as_str().unwrap().contains("no rule matched"), "{second}");

    // The unanswered request's hint proposes a fixture output with example (not secret) values.
    let text = journal
        .to_string()
        .replace(r#"\"SecretAccessKey\": \"example-secret-not-real\""#, "")
        .replace(r#"\"SessionToken\": \"example-token-not-real\""#, "");
    for secret in [SECRET, SESSION_TOKEN, "SecretAccessKey", "SessionToken", "Signature="] {
        assert!(!text.contains(secret), "the journal JSON leaks {secret:?}: {text}");
    }
}

#[tokio::test]
async fn an_unmatched_request_fails_with_a_clear_code_and_the_same_text_as_in_process() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    let server = MockServer::start(&mock).unwrap();
    let err = client(&server.url()).get_temporary_glue_table_credentials().table_arn(ARN).send().await.unwrap_err();
    let err = err.into_service_error();
    assert_eq!(err.code(), Some("LakeFormationMockNoMatch"));
    let message = err.message().unwrap();
    assert!(message.starts_with("lakeformation-mock: no rule matched this GetTemporaryGlueTableCredentials request"));
    assert_eq!(Some(message), mock.requests()[0].answer().failure(), "same text as in process");
    assert_eq!(mock.requests().len(), 1, "a 404 is not retried");
}

#[test]
fn malformed_requests_get_the_in_process_explanation() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    let server = MockServer::start(&mock).unwrap();
    let reply = raw(
        server.address(),
        "POST",
        "/GetTemporaryGlueTableCredentials",
        &[("content-type", "application/json")],
        br#"{"TableArn": 5}"#,
    )
    .unwrap();
    assert_eq!(reply.status, 400, "{reply:?}");
    assert_eq!(reply.header("x-amzn-errortype"), Some("LakeFormationMockMalformedRequest"));
    let message = reply.json()["Message"].as_str().unwrap().to_owned();
    assert!(message.contains("request body is not valid"), "{message}");
    assert!(message.contains("line 1 column"), "{message}");
    assert_eq!(Some(message.as_str()), mock.requests()[0].answer().failure());

    let reply = raw(server.address(), "GET", "/GetTemporaryGlueTableCredentials", &[], b"").unwrap();
    assert_eq!(reply.status, 400, "{reply:?}");
    assert!(reply.json()["Message"].as_str().unwrap().contains("the method must be POST"), "{reply:?}");

    let reply = raw(server.address(), "POST", "/ListPermissions", &[], b"{}").unwrap();
    assert_eq!(reply.status, 404, "{reply:?}");
    assert_eq!(reply.header("x-amzn-errortype"), Some("LakeFormationMockNoMatch"));
    assert!(reply.json()["Message"].as_str().unwrap().contains("`ListPermissions` is not an operation"), "{reply:?}");
}

#[test]
fn a_body_over_the_limit_gets_413_and_is_not_recorded() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    let server = MockServer::builder().body_limit(1024).start(&mock).unwrap();
    let big = format!(r#"{{"TableArn":"{}"}}"#, "a".repeat(4096));
    let reply = raw(server.address(), "POST", "/GetTemporaryGlueTableCredentials", &[], big.as_bytes()).unwrap();
    assert_eq!(reply.status, 413, "{reply:?}");
    assert_eq!(reply.header("x-amzn-errortype"), Some("LakeFormationMockRequestTooLarge"));
    assert!(reply.json()["Message"].as_str().unwrap().contains("1024 bytes"), "{reply:?}");
    // Under the limit, the same server answers.
    let reply = raw(
        server.address(),
        "POST",
        "/GetTemporaryGlueTableCredentials",
        &[],
        br#"{"TableArn":"arn:aws:glue:us-east-1:123456789012:table/db/t"}"#,
    )
    .unwrap();
    assert_eq!(reply.status, 404, "{reply:?}");
    assert_eq!(mock.requests().len(), 1);
}

#[tokio::test]
async fn scripted_latency_holds_the_http_response() {
    let mock = MockLakeFormation::new();
    Rule::table_credentials()
        .respond_with(Reply::from(glue_output("ASIASLOW")).delayed(Duration::from_millis(300)))
        .mount(&mock);
    let server = MockServer::start(&mock).unwrap();
    let started = Instant::now();
    let out = client(&server.url()).get_temporary_glue_table_credentials().table_arn(ARN).send().await.unwrap();
    assert_eq!(out.access_key_id(), Some("ASIASLOW"));
    assert!(started.elapsed() >= Duration::from_millis(300), "answered after {:?}", started.elapsed());
}

#[tokio::test]
async fn scripted_faults_map_to_a_504_and_a_closed_connection() {
    let mock = MockLakeFormation::new();
    Rule::table_credentials()
        .then(Fault::Timeout)
        .then(Fault::Io)
        .respond_with(glue_output("ASIAAFTERFAULTS"))
        .mount(&mock);
    let server = MockServer::start(&mock).unwrap();
    // 504 and a dropped connection are both transient: the SDK retries through them.
    let out = client(&server.url()).get_temporary_glue_table_credentials().table_arn(ARN).send().await.unwrap();
    assert_eq!(out.access_key_id(), Some("ASIAAFTERFAULTS"));
    assert_eq!(mock.requests().len(), 3);

    let address = server.address();
    Rule::data_location().then(Fault::Timeout).then(Fault::Io).mount(&mock);
    let (timeout, io) = tokio::task::spawn_blocking(move || {
        let timeout = raw(address, "POST", "/GetTemporaryDataLocationCredentials", &[], b"{}");
        let io = raw(address, "POST", "/GetTemporaryDataLocationCredentials", &[], b"{}");
        (timeout, io)
    })
    .await
    .unwrap();
    let timeout = timeout.unwrap();
    assert_eq!(timeout.status, 504, "{timeout:?}");
    assert_eq!(timeout.header("x-amzn-errortype"), Some("LakeFormationMockTimeout"));
    assert!(io.is_err(), "an I/O fault closes the connection without a response, got {io:?}");
}

#[tokio::test]
async fn control_endpoints_reset_the_journal_and_report_verification() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    Rule::table_credentials().respond_with(glue_output("ASIAX")).named("orders").expect(2).mount(&mock);
    let server = MockServer::start(&mock).unwrap();
    client(&server.url()).get_temporary_glue_table_credentials().table_arn(ARN).send().await.unwrap();
    let address = server.address();
    tokio::task::spawn_blocking(move || {
        let verify = control_get(address, "verify");
        assert_eq!(verify["passed"], false);
        let report = verify["report"].as_str().unwrap();
        assert!(report.contains("rule `orders` expected exactly 2 calls, received 1"), "{report}");
        let text = raw(address, "GET", "/__lakeformation_mock/verify", &[("accept", "text/plain")], b"").unwrap();
        assert_eq!(text.body, report);

        let reset = raw(address, "POST", "/__lakeformation_mock/journal/reset", &[], b"").unwrap();
        assert_eq!(reset.json()["cleared"], 1);
        assert_eq!(control_get(address, "journal")["count"], 0);
        assert_eq!(control_get(address, "health")["ok"], true);

        let wrong = raw(address, "POST", "/__lakeformation_mock/journal", &[], b"").unwrap();
        assert_eq!(wrong.status, 405, "{wrong:?}");
        let unknown = raw(address, "GET", "/__lakeformation_mock/rules", &[], b"").unwrap();
        assert_eq!(unknown.status, 404, "{unknown:?}");
        assert!(unknown.json()["Message"].as_str().unwrap().contains("GET journal"), "{unknown:?}");
    })
    .await
    .unwrap();
    assert!(mock.requests().is_empty(), "control requests are not recorded");
    client(&server.url()).get_temporary_glue_table_credentials().table_arn(ARN).send().await.unwrap();
    let address = server.address();
    let verify = tokio::task::spawn_blocking(move || control_get(address, "verify")).await.unwrap();
    assert_eq!(verify["passed"], true, "{verify}");
}

#[test]
fn non_loopback_addresses_are_refused_without_the_opt_in() {
    let mock = MockLakeFormation::new();
    let err = MockServer::builder().ip("0.0.0.0".parse().unwrap()).start(&mock).unwrap_err();
    assert!(matches!(err, ServerError::NonLoopback(_)), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("not a loopback address") && text.contains("allow_non_loopback(true)"), "{text}");
    // Loopback needs no opt-in, IPv4 or IPv6 (when the machine has it).
    drop(MockServer::builder().ip("127.0.0.2".parse().unwrap()).start(&mock).unwrap());
}

#[test]
fn a_taken_port_is_a_bind_error() {
    let mock = MockLakeFormation::new();
    let first = MockServer::start(&mock).unwrap();
    let err = MockServer::builder().port(first.address().port()).start(&mock).unwrap_err();
    assert!(matches!(err, ServerError::Bind { .. }), "{err:?}");
    // The OS's reason is the source, printed once in a chain.
    let chain = aws_smithy_types::error::display::DisplayErrorContext(&err).to_string();
    let reason = std::error::Error::source(&err).expect("the bind error").to_string();
    assert_eq!(chain.matches(reason.as_str()).count(), 1, "{chain}");
    assert!(err.to_string().contains(&first.address().to_string()), "{err}");
}

#[test]
fn dropping_the_server_stops_it_promptly() {
    let mock = MockLakeFormation::new();
    let server = MockServer::start(&mock).unwrap();
    let address = server.address();
    assert_eq!(control_get(address, "health")["ok"], true);
    let started = Instant::now();
    drop(server);
    assert!(started.elapsed() < Duration::from_secs(2), "stopping took {:?}", started.elapsed());
    assert!(std::net::TcpStream::connect(address).is_err(), "still accepting after drop");
}

#[tokio::test]
async fn stopping_waits_for_a_request_in_flight() {
    let mock = MockLakeFormation::new();
    Rule::table_credentials()
        .respond_with(Reply::from(glue_output("ASIAINFLIGHT")).delayed(Duration::from_millis(400)))
        .mount(&mock);
    let server = MockServer::start(&mock).unwrap();
    let client = client(&server.url());
    let call = tokio::spawn(async move { client.get_temporary_glue_table_credentials().table_arn(ARN).send().await });
    tokio::time::sleep(Duration::from_millis(100)).await;
    tokio::task::spawn_blocking(move || server.stop()).await.unwrap();
    let out = call.await.unwrap().unwrap();
    assert_eq!(out.access_key_id(), Some("ASIAINFLIGHT"));
}

#[test]
fn a_reply_that_does_not_fit_and_other_faults_have_their_own_codes() {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    Rule::table_credentials().respond_with(data_location_output("ASIAWRONGOPERATION01")).mount(&mock);
    Rule::data_location().respond_with(Fault::Other("upstream exploded".into())).mount(&mock);
    let server = MockServer::start(&mock).unwrap();

    let wrong = raw(
        server.address(),
        "POST",
        "/GetTemporaryGlueTableCredentials",
        &[],
        br#"{"TableArn":"arn:aws:glue:us-east-1:123456789012:table/db/t"}"#,
    )
    .unwrap();
    assert_eq!(wrong.status, 400, "{wrong:?}");
    assert_eq!(wrong.header("x-amzn-errortype"), Some("LakeFormationMockInvalidReply"));
    assert!(wrong.json()["Message"].as_str().unwrap().contains("output was scripted, but the request is"), "{wrong:?}");

    let other = raw(server.address(), "POST", "/GetTemporaryDataLocationCredentials", &[], b"{}").unwrap();
    assert_eq!(other.status, 502, "{other:?}");
    assert_eq!(other.header("x-amzn-errortype"), Some("LakeFormationMockFault"));
    assert!(other.json()["Message"].as_str().unwrap().contains("upstream exploded"), "{other:?}");
}
