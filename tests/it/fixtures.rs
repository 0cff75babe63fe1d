//! Every committed fixture loads, and each one's scenario behaves as its description says,
//! through a real SDK client.

use crate::common;

use aws_sdk_lakeformation::error::ProvideErrorMetadata;
use aws_sdk_lakeformation::types::{AuditContext, CredentialsScope, PermissionType, QuerySessionContext};
use aws_smithy_async::test_util::ManualTimeSource;
use lakeformation_mock::MockLakeFormation;
use lakeformation_mock::fixture::Scenario;
use std::time::{Duration, UNIX_EPOCH};

fn fixture(name: &str) -> MockLakeFormation {
    MockLakeFormation::from_fixture(format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn every_committed_fixture_loads() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut loaded = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            // glue: a lake with `Schemas`, or a Glue rule, loads only with the `glue` feature;
            // sts: a lake with `Roles` only with the `sts` feature
            let text = std::fs::read_to_string(&path).unwrap();
            let needs_glue =
                cfg!(not(feature = "glue")) && (text.contains("\"Schemas\"") || text.contains("\"GetUnfiltered"));
            let needs_sts = cfg!(not(feature = "sts")) && text.contains("\"Roles\"");
            if needs_glue || needs_sts {
                let err = Scenario::from_path(&path).unwrap_err().to_string();
                assert!(err.contains("feature `glue`") || err.contains("feature `sts`"), "{err}");
                loaded += 1;
                continue;
            }
            let scenario = Scenario::from_path(&path).unwrap_or_else(|e| panic!("{e}"));
            assert!(!scenario.description().is_empty(), "{}: describe the scenario", path.display());
            loaded += 1;
        }
    }
    assert!(loaded >= 6, "only {loaded} fixtures found");
}

#[tokio::test]
async fn iceberg_style_vending_through_session_tag_allowlisting() {
    let mock = fixture("iceberg_table_vending.json");
    let client = mock.client_as("AKIDICEBERGENGINE001");
    let out = client
        .get_temporary_glue_table_credentials()
        .table_arn(common::ARN)
        .supported_permission_types(PermissionType::ColumnPermission)
        .send()
        .await
        .unwrap();
    let key = out.access_key_id().unwrap();
    assert!(key.starts_with("ASIA") && key.len() == 20, "{key}");
    assert_eq!(out.vended_s3_path(), ["s3://warehouse/sales/orders/"]);
    let vended = mock.lake().unwrap().vended(key).expect("the lake remembers what it vended");
    assert_eq!(vended.principal_arn(), "arn:aws:sts::123456789012:assumed-role/iceberg-engine/query-session");

    // Without the session tag, and without full-table access turned on, vending is not allowed.
    let untagged = mock.client_as("AKIDUNTAGGEDCALLER01");
    let err = untagged
        .get_temporary_glue_table_credentials()
        .table_arn(common::ARN)
        .supported_permission_types(PermissionType::ColumnPermission)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_access_denied_exception(), "{err:?}");
}

#[tokio::test]
async fn trino_style_call_is_denied_and_not_retried() {
    let mock = fixture("trino_table_denied.json");
    let err = mock
        .client()
        .get_temporary_glue_table_credentials()
        .table_arn(common::ARN)
        .duration_seconds(3600)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_access_denied_exception());
    assert_eq!(err.message(), Some("Access is not allowed."));
    assert_eq!(mock.requests().len(), 1);
    mock.verify();
}

#[tokio::test]
async fn access_grants_style_read_and_readwrite() {
    let mock = fixture("access_grants_data_location.json");
    let prefix = "s3://grants-bucket/data/events/";
    for (key, scope) in
        [("AKIDGRANTSREADER001", CredentialsScope::Read), ("AKIDGRANTSWRITER001", CredentialsScope::Readwrite)]
    {
        let out = mock
            .client_as(key)
            .get_temporary_data_location_credentials()
            .data_locations(prefix)
            .credentials_scope(scope.clone())
            .send()
            .await
            .unwrap_or_else(|e| panic!("{key}: {}", common::chain(&e)));
        assert_eq!(out.credentials_scope(), Some(&scope), "{key}");
        assert!(!out.accessible_data_locations().is_empty(), "{key}");
        assert!(out.credentials().and_then(|c| c.access_key_id()).is_some_and(|k| k.starts_with("ASIA")));
    }
    let err = mock
        .client_as("AKIDGRANTSREADER001")
        .get_temporary_data_location_credentials()
        .data_locations(prefix)
        .credentials_scope(CredentialsScope::Readwrite)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_access_denied_exception(), "{err:?}");
}

#[tokio::test]
async fn a_retry_storm_is_absorbed_by_the_sdk_retries() {
    let mock = fixture("retry_storm.json");
    let out = mock.client().get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap();
    assert_eq!(out.access_key_id(), Some("ASIAMOCKRETRYSTORM01"));
    let statuses: Vec<_> = mock.requests().iter().map(|r| r.answer().status_code()).collect();
    assert_eq!(statuses, [Some(500), Some(500), Some(200)]);
    mock.verify();
}

#[tokio::test]
async fn credentials_are_refreshed_across_an_expiry_driven_by_the_clients_clock() {
    let mock = fixture("credential_refresh.json");
    let clock = ManualTimeSource::new(UNIX_EPOCH + Duration::from_secs(1_800_000_000));
    let config = mock
        .config_builder()
        .credentials_provider(aws_sdk_lakeformation::config::Credentials::new(
            "AKIDQUERYENGINE0001",
            "not-a-secret",
            None,
            None,
            "test",
        ))
        .time_source(clock.clone())
        .build();
    let client = aws_sdk_lakeformation::Client::from_conf(config);
    let call = || client.get_temporary_glue_table_credentials().table_arn(common::ARN).send();

    let first = call().await.unwrap();
    assert_eq!(first.expiration().map(|e| e.secs()), Some(1_800_000_000 + 3600));
    clock.advance(Duration::from_secs(3300));
    let second = call().await.unwrap();
    assert_eq!(second.expiration().map(|e| e.secs()), Some(1_800_003_300 + 3600));
    assert_ne!(first.access_key_id(), second.access_key_id(), "fresh credentials on every call");
}

#[tokio::test]
async fn a_table_with_cell_filters_fails_closed_for_an_engine_that_cannot_apply_them() {
    let mock = fixture("fail_closed_permission_type_mismatch.json");
    let client = mock.client_as("AKIDDUCKDBENGINE001");
    let arn = "arn:aws:glue:us-east-1:123456789012:table/hr/salaries";
    let err = client
        .get_temporary_glue_table_credentials()
        .table_arn(arn)
        .supported_permission_types(PermissionType::ColumnPermission)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_permission_type_mismatch_exception(), "{err:?}");
    let ok = client
        .get_temporary_glue_table_credentials()
        .table_arn(arn)
        .supported_permission_types(PermissionType::CellFilterPermission)
        .send()
        .await;
    assert!(ok.is_ok(), "{ok:?}");
}

#[tokio::test]
async fn a_recorded_run_replays_the_same_answers_without_its_secrets() {
    // Run a scenario with real-looking generated secrets (the lake), plus scripted errors.
    let mock = fixture("iceberg_table_vending.json");
    lakeformation_mock::Rule::table_credentials()
        .and(lakeformation_mock::matchers::query_id("q-denied"))
        .respond_with(lakeformation_mock::Reply::error(
            lakeformation_mock::ErrorCode::AccessDenied,
            "Access is not allowed.",
        ))
        .mount(&mock);
    let client = mock.client_as("AKIDICEBERGENGINE001");
    let mut answers = Vec::new();
    let mut secrets = Vec::new();
    for query in ["q-1", "q-denied", "q-2"] {
        let result = client
            .get_temporary_glue_table_credentials()
            .table_arn(common::ARN)
            .supported_permission_types(PermissionType::ColumnPermission)
            .audit_context(AuditContext::builder().additional_audit_context(format!("audit-{query}")).build())
            .query_session_context(
                QuerySessionContext::builder().query_id(query).query_authorization_id("auth-7").build(),
            )
            .send()
            .await;
        answers.push(match result {
            Ok(o) => {
                secrets.push(o.secret_access_key().unwrap().to_owned());
                secrets.push(o.session_token().unwrap().to_owned());
                Ok((o.access_key_id().map(str::to_owned), o.expiration().copied(), o.vended_s3_path().to_vec()))
            }
            Err(e) => Err(e.into_service_error().code().map(str::to_owned)),
        });
    }

    let recording = mock.record_scenario("recorded iceberg run");
    let dir = std::env::temp_dir().join(format!("lfmock-record-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("recorded.json");
    recording.write(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    for secret in &secrets {
        assert!(!text.contains(secret.as_str()), "a secret leaked into the recording");
    }
    assert!(!text.contains("Signature="), "the authorization header leaked");
    assert!(text.contains("audit-q-1") && text.contains("auth-7"), "audit and session contexts are kept");

    let replay = MockLakeFormation::from_fixture(&path).unwrap();
    let client = replay.client();
    let mut replayed = Vec::new();
    for query in ["q-1", "q-denied", "q-2"] {
        let result = client
            .get_temporary_glue_table_credentials()
            .table_arn(common::ARN)
            .query_session_context(QuerySessionContext::builder().query_id(query).build())
            .send()
            .await;
        replayed.push(match result {
            Ok(o) => {
                assert_eq!(o.secret_access_key(), Some(lakeformation_mock::fixture::REDACTED_SECRET));
                Ok((o.access_key_id().map(str::to_owned), o.expiration().copied(), o.vended_s3_path().to_vec()))
            }
            Err(e) => Err(e.into_service_error().code().map(str::to_owned)),
        });
    }
    assert_eq!(replayed, answers);
    replay.verify();
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn an_error_code_the_format_does_not_name_is_recorded_as_the_same_raw_response() {
    let mock = MockLakeFormation::new();
    let teapot = lakeformation_mock::ServiceError::custom("TeapotException", Some("short and stout".into()), 418);
    lakeformation_mock::Rule::table_credentials().respond_with(teapot).mount(&mock);
    let call = |client: aws_sdk_lakeformation::Client| async move {
        let err = client.get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap_err();
        let status = err.raw_response().map(|r| r.status().as_u16());
        let e = err.into_service_error();
        (status, e.code().map(str::to_owned), e.message().map(str::to_owned))
    };
    let original = call(mock.client()).await;
    assert_eq!(original, (Some(418), Some("TeapotException".into()), Some("short and stout".into())));
    let replay = Scenario::from_json_str(&mock.record_scenario("teapot").to_json_string()).unwrap().mock();
    assert_eq!(call(replay.client()).await, original);
}

#[tokio::test]
async fn a_scenario_adds_its_rules_and_lake_to_a_mock_built_in_code() {
    let mock = MockLakeFormation::new();
    lakeformation_mock::Rule::table_credentials()
        .and(lakeformation_mock::matchers::query_id("from-code"))
        .respond_with(common::glue_output("ASIAFROMCODE"))
        .mount(&mock);
    mock.load_scenario(
        &Scenario::from_path(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/retry_storm.json")).unwrap(),
    );
    assert_eq!(mock.rule_count(), 2);
    let client = mock.client();
    let code = client
        .get_temporary_glue_table_credentials()
        .table_arn(common::ARN)
        .query_session_context(QuerySessionContext::builder().query_id("from-code").build())
        .send()
        .await
        .unwrap();
    assert_eq!(code.access_key_id(), Some("ASIAFROMCODE"), "rules mounted first still come first");
    let fixture = client.get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap();
    assert_eq!(fixture.access_key_id(), Some("ASIAMOCKRETRYSTORM01"));
    mock.verify();
}

#[tokio::test]
async fn a_recording_replays_a_non_utf8_body_and_repeated_headers_byte_for_byte() {
    let body: &[u8] = b"\xff\xfe{\"Message\": \"caf\xe9\"}\x00";
    let mock = MockLakeFormation::new();
    lakeformation_mock::Rule::table_credentials()
        .respond_with(
            lakeformation_mock::RawResponse::new(418)
                .header("x-repeated", "first")
                .header("content-type", "application/octet-stream")
                .header("x-repeated", "second")
                .body(body),
        )
        .mount(&mock);
    // What the SDK saw: status, every value of each header, the body's bytes.
    let call = |client: aws_sdk_lakeformation::Client| async move {
        let err = client.get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap_err();
        let raw = err.raw_response().expect("an HTTP response");
        let values = |name| raw.headers().get_all(name).map(str::to_owned).collect::<Vec<_>>();
        (
            raw.status().as_u16(),
            values("x-repeated"),
            values("content-type"),
            raw.body().bytes().expect("a loaded body").to_vec(),
        )
    };
    let original = call(mock.client()).await;
    assert_eq!(
        original,
        (418, vec!["first".into(), "second".into()], vec!["application/octet-stream".into()], body.to_vec())
    );

    let dir = std::env::temp_dir().join(format!("lakeformation-mock-bytes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("recorded.json");
    mock.record_scenario("bytes and repeated headers").write(&path).unwrap();
    let replay = MockLakeFormation::from_fixture(&path).unwrap();
    assert_eq!(call(replay.client()).await, original);
    // The journals agree on the bytes sent, and on each header's values in order (the order of
    // different names carries no meaning in HTTP, and the fixture groups values by name).
    let sent = |mock: &MockLakeFormation| {
        let raw = mock.requests()[0].answer().reply().and_then(|r| r.raw_response().cloned()).unwrap();
        let mut headers = raw.headers().to_vec();
        headers.sort_by(|a, b| a.0.cmp(&b.0));
        (raw.status_code(), headers, raw.body_bytes().to_vec())
    };
    assert_eq!(sent(&replay), sent(&mock));
    std::fs::remove_dir_all(&dir).ok();
}
