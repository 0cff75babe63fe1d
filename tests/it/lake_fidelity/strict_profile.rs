//! The strict profile of `fixtures/fidelity_profiles.json`: every fidelity setting off its
//! default, loaded with the crate's fixture API and checked through real clients.

use super::*;

const EVENTS: &str = "arn:aws:glue:us-east-1:123456789012:table/analytics/events";
const READER: &str = "AKIDFIDELITYREADER1";
const WRITER: &str = "AKIDFIDELITYWRITER1";
const NOPERM: &str = "AKIDFIDELITYNOPERM1";
const ENGINE: &str = "AKIDFIDELITYENGINE1";

fn mock() -> MockLakeFormation {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/fidelity_profiles.json");
    MockLakeFormation::from_fixture(path).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_fixture_sets_every_fidelity_setting_off_its_default() {
    let model = mock().lake().unwrap().model();
    let defaults = Behavior::default();
    let settings = [
        ("OtherRegionRequestError", defaults.clone().other_region_request_error(ErrorCode::EntityNotFound)),
        ("AccessDeniedCode", defaults.clone().access_denied_code(AccessDeniedCode::AccessDenied)),
        ("RefusalMessages", defaults.clone().refusal_messages(false)),
        (
            "VendedS3PathWithoutS3Path",
            defaults.clone().vended_s3_path_without_s3_path(VendedS3PathWithoutS3Path::Absent),
        ),
        (
            "DataLocationScopeRule",
            defaults.clone().data_location_scope_rule(DataLocationScopeRule::SelectPlusWritePermission),
        ),
        ("MaxSessionDurationSeconds", defaults.clone().max_session_duration_seconds(Some(3600))),
        (
            "AccessibleDataLocations",
            defaults.clone().accessible_data_locations(AccessibleDataLocations::RegisteredLocation),
        ),
    ];
    for (name, one) in &settings {
        assert_ne!(one, &defaults, "{name} is at its default in the strict profile");
    }
    let strict = defaults
        .clone()
        .other_region_request_error(ErrorCode::EntityNotFound)
        .access_denied_code(AccessDeniedCode::AccessDenied)
        .refusal_messages(false)
        .vended_s3_path_without_s3_path(VendedS3PathWithoutS3Path::Absent)
        .data_location_scope_rule(DataLocationScopeRule::SelectPlusWritePermission)
        .max_session_duration_seconds(Some(3600))
        .accessible_data_locations(AccessibleDataLocations::RegisteredLocation);
    assert_eq!(model.behavior, strict);
    let engine = model.find_principal(ENGINE).unwrap();
    assert_eq!(engine.max_session_duration_seconds, Some(7200));
}

#[tokio::test]
async fn another_region_is_refused_with_the_configured_code_and_no_message() {
    let mock = mock();
    let err = client_in(&mock, "eu-west-1", READER)
        .get_temporary_glue_table_credentials()
        .table_arn(EVENTS)
        .send()
        .await
        .unwrap_err();
    assert_eq!(glue_error(err), ("EntityNotFound".into(), String::new()));
    // With messages back on, the message names both regions.
    mock.lake().unwrap().update(|m| m.behavior = m.behavior.clone().refusal_messages(true));
    let err = client_in(&mock, "eu-west-1", READER)
        .get_temporary_glue_table_credentials()
        .table_arn(EVENTS)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    let message = err.message().unwrap();
    assert!(message.contains("region eu-west-1") && message.contains("lake is in us-east-1"), "{message}");
}

#[tokio::test]
async fn access_denied_arrives_as_access_denied_without_a_message() {
    let mock = mock();
    let err = mock.client_as(NOPERM).get_temporary_glue_table_credentials().table_arn(EVENTS).send().await;
    let err = err.unwrap_err().into_service_error();
    assert_eq!((glue_variant(&err), err.code(), err.message()), ("Unhandled", Some("AccessDenied"), None));
    let sent = mock.requests()[0].answer().reply().and_then(|r| r.service_error()).cloned().unwrap();
    assert_eq!((sent.code(), sent.message()), ("AccessDenied", None));
}

#[tokio::test]
async fn table_credentials_come_without_vended_s3_path() {
    let mock = mock();
    let out = mock.client_as(READER).get_temporary_glue_table_credentials().table_arn(EVENTS).send().await.unwrap();
    assert_eq!(out.vended_s3_path, None);
    let vended = mock.lake().unwrap().vended(out.access_key_id().unwrap()).unwrap();
    assert_eq!(out.expiration(), Some(&vended.expires_at_date_time()));
    assert!(vended.covers("s3://fidelity-bucket/data/events/part-0.parquet"));
}

#[tokio::test]
async fn data_locations_follow_the_earlier_scope_rule_and_name_the_registered_location() {
    let mock = mock();
    let out = mock
        .client_as(WRITER)
        .get_temporary_data_location_credentials()
        .data_locations("s3://fidelity-bucket/data/events/day=1/part-0.parquet")
        .credentials_scope(CredentialsScope::Readwrite)
        .send()
        .await
        .unwrap();
    assert_eq!(out.credentials_scope(), Some(&CredentialsScope::Readwrite), "SELECT + INSERT may write");
    assert_eq!(out.accessible_data_locations(), ["s3://fidelity-bucket/data/"]);
    let err = mock
        .client_as(READER)
        .get_temporary_data_location_credentials()
        .data_locations("s3://fidelity-bucket/data/events/")
        .credentials_scope(CredentialsScope::Readwrite)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!((err.code(), err.message()), (Some("AccessDenied"), None));
}

#[tokio::test]
async fn sessions_are_capped_at_an_hour_or_the_principals_own_maximum() {
    let mock = mock();
    let glue = |caller: &str, seconds: i32| {
        mock.client_as(caller).get_temporary_glue_table_credentials().table_arn(EVENTS).duration_seconds(seconds).send()
    };
    let err = glue(READER, 21_600).await.unwrap_err().into_service_error();
    assert!(err.is_invalid_input_exception(), "{err:?}");
    assert!(glue(READER, 3600).await.is_ok());
    assert!(glue(ENGINE, 7200).await.is_ok());
    let err = glue(ENGINE, 7201).await.unwrap_err().into_service_error();
    assert!(err.is_invalid_input_exception(), "{err:?}");
    let err = mock
        .client_as(READER)
        .get_temporary_data_location_credentials()
        .data_locations("s3://fidelity-bucket/data/events/")
        .duration_seconds(43_200)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_invalid_input_exception(), "{err:?}");
}
