//! The lake together with the mock: rules first, the lake for the rest, everything journaled;
//! the lake's unconfirmed-behaviour settings as seen through the SDK.

use crate::lake_support;

use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsOutput;
use aws_sdk_lakeformation::types::Permission;
use lake_support::*;
use lakeformation_mock::lake::{Behavior, Grant};
use lakeformation_mock::{ErrorCode, MockLakeFormation, Operation, Reply, Rule, matchers};

#[tokio::test]
async fn rules_take_precedence_and_the_lake_answers_the_rest() {
    let lake = lake().build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    Rule::table_credentials()
        .and(matchers::table_arn(CUSTOMERS))
        .respond_with(GetTemporaryGlueTableCredentialsOutput::builder().access_key_id("ASIASCRIPTED00000001").build())
        .named("customers")
        .expect(1)
        .mount(&mock);
    Rule::data_location().respond_with(Reply::error(ErrorCode::InternalService, "scripted")).times(1).mount(&mock);

    let client = mock.client_as(READER);
    let scripted = client.get_temporary_glue_table_credentials().table_arn(CUSTOMERS).send().await.unwrap();
    assert_eq!(scripted.access_key_id(), Some("ASIASCRIPTED00000001"));
    let simulated = client.get_temporary_glue_table_credentials().table_arn(ORDERS).send().await.unwrap();
    assert!(simulated.access_key_id().unwrap().starts_with("ASIA"));
    assert_ne!(simulated.access_key_id(), Some("ASIASCRIPTED00000001"));

    // The data-location rule answers once (the SDK retries the 500 on the lake, which vends).
    let out = client.get_temporary_data_location_credentials().data_locations("s3://lake/sales/orders/").send().await;
    let out = out.unwrap();
    assert_eq!(out.accessible_data_locations(), ["s3://lake/sales/orders/"]);

    let requests = mock.requests();
    assert_eq!(requests.len(), 4);
    assert_eq!(requests[0].answer().rule().and_then(|r| r.name()), Some("customers"));
    assert!(requests[1].answer().rule().is_none(), "the lake answered");
    // The journal's reply is what the SDK decoded, field for field, and its Debug keeps the
    // secrets out.
    let journaled = requests[1].answer().reply().unwrap();
    let output = journaled.table_credentials_output().unwrap();
    assert_eq!(output.access_key_id(), simulated.access_key_id());
    assert_eq!(output.secret_access_key(), simulated.secret_access_key());
    assert_eq!(output.session_token(), simulated.session_token());
    // The lake issues whole-second `Expiration`s, which the SDK decodes exactly.
    assert_eq!(output.expiration(), simulated.expiration());
    assert_eq!(output.vended_s3_path(), simulated.vended_s3_path());
    assert!(journaled.data_location_output().is_none());
    let debug = format!("{journaled:?}");
    assert!(debug.contains(simulated.access_key_id().unwrap()), "{debug}");
    assert!(
        !debug.contains(simulated.secret_access_key().unwrap()) && !debug.contains(simulated.session_token().unwrap())
    );
    let journaled = requests[3].answer().reply().and_then(|r| r.data_location_output()).unwrap();
    let (journaled_credentials, credentials) = (journaled.credentials().unwrap(), out.credentials().unwrap());
    assert_eq!(journaled_credentials.access_key_id(), credentials.access_key_id());
    assert_eq!(journaled_credentials.secret_access_key(), credentials.secret_access_key());
    assert_eq!(journaled_credentials.session_token(), credentials.session_token());
    assert_eq!(journaled_credentials.expiration(), credentials.expiration());
    assert_eq!(journaled.accessible_data_locations(), out.accessible_data_locations());
    assert_eq!(journaled.credentials_scope(), out.credentials_scope());
    assert_eq!(requests[1].answer().status_code(), Some(200));
    assert!(requests[1].answer().request_id().is_some(), "lake answers carry a request id");
    assert_eq!(requests[2].answer().status_code(), Some(500));
    assert!(requests[3].answer().rule().is_none());
    assert_eq!(lake.vended_credentials().len(), 2, "scripted answers are not the lake's");
    mock.verify();
}

#[tokio::test]
async fn lake_refusals_are_journaled_as_service_errors() {
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    let _ = mock.client_as(NOPERM).get_temporary_glue_table_credentials().table_arn(ORDERS).send().await.unwrap_err();
    let request = &mock.journal().of(&Operation::GetTemporaryGlueTableCredentials)[0];
    let error = request.answer().reply().and_then(|r| r.service_error()).unwrap();
    assert_eq!(error.code(), "AccessDeniedException");
    assert_eq!(error.message(), Some("Insufficient Lake Formation permission(s): Required SELECT on sales.orders"));
    assert_eq!(request.answer().status_code(), Some(400));
    assert!(!request.answer().is_unanswered());
}

#[tokio::test]
async fn the_mock_hands_back_its_lake_and_changes_apply_at_once() {
    let mock = MockLakeFormation::new();
    assert!(mock.lake().is_none());
    mock.set_lake(&lake().build());
    let lake = mock.lake().unwrap();
    let client = mock.client_as(READER);
    let out = client.get_temporary_glue_table_credentials().table_arn(ORDERS).send().await.unwrap();
    assert!(lake.vended(out.access_key_id().unwrap()).is_some());

    // Revoke READER's SELECT on orders: the next request is refused.
    lake.update(|m| m.grants.retain(|g| !(g.principal == READER_ARN && g.table == "orders")));
    let err = client.get_temporary_glue_table_credentials().table_arn(ORDERS).send().await.unwrap_err();
    assert_eq!(
        glue_error(err),
        ("AccessDenied".into(), "Insufficient Lake Formation permission(s): Required SELECT on sales.orders".into())
    );
    // Grant it back as SUPER (ALL).
    lake.update(|m| m.grants.push(Grant::new(READER_ARN, "sales", "orders", [Permission::All])));
    assert!(client.get_temporary_glue_table_credentials().table_arn(ORDERS).send().await.is_ok());

    // Another lake replaces the first.
    mock.set_lake(&lake_support::lake().seed(5).build());
    assert_eq!(mock.lake().unwrap().model().seed, Some(5));
}

#[test]
#[should_panic(expected = "a grant names the table sales.gone, which the lake does not have")]
fn an_update_that_breaks_the_model_is_refused() {
    let lake = lake().build();
    lake.update(|m| m.grants.push(Grant::new(READER_ARN, "sales", "gone", [Permission::Select])));
}

#[tokio::test]
async fn access_denied_status_is_a_setting() {
    let lake = lake().behavior(Behavior::default().access_denied_status(403)).build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let err = mock.client_as(NOPERM).get_temporary_glue_table_credentials().table_arn(ORDERS).send().await.unwrap_err();
    assert_eq!(glue_error(err).0, "AccessDenied");
    assert_eq!(mock.requests()[0].answer().status_code(), Some(403));
}

#[tokio::test]
async fn the_unconfirmed_error_codes_are_settings() {
    let behavior = Behavior::default()
        .foreign_table_arn_error(ErrorCode::EntityNotFound)
        .s3_path_outside_table_error(ErrorCode::AccessDenied)
        .unregistered_location_error(ErrorCode::AccessDenied)
        .location_without_table_error(ErrorCode::AccessDenied)
        .location_denied_error(ErrorCode::EntityNotFound)
        .other_region_location_error(ErrorCode::EntityNotFound);
    let mock = MockLakeFormation::new().with_lake(&lake().behavior(behavior).build());
    let client = mock.client_as(READER);

    let glue = |arn: &'static str, path: Option<&'static str>| {
        client.get_temporary_glue_table_credentials().table_arn(arn).set_s3_path(path.map(Into::into)).send()
    };
    let foreign = glue("arn:aws:glue:us-east-1:999999999999:table/sales/orders", None).await.unwrap_err();
    assert_eq!(glue_error(foreign).0, "EntityNotFound");
    let outside = glue(ORDERS, Some("s3://lake/elsewhere/")).await.unwrap_err();
    assert_eq!(glue_error(outside).0, "AccessDenied");

    let expectations = [
        ("s3://elsewhere/", "AccessDenied"),
        ("s3://lake/empty/", "AccessDenied"),
        ("s3://eu-lake/events/", "EntityNotFound"),
        ("s3://lake/sales/customers/", "EntityNotFound"),
    ];
    for (location, variant) in expectations {
        let err = client.get_temporary_data_location_credentials().data_locations(location).send().await.unwrap_err();
        assert_eq!(dl_error(err).0, variant, "{location}");
    }
}
