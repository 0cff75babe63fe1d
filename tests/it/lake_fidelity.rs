//! The lake's fidelity to what real clients see ("no false passes"): the region a request is
//! sent to, `Expiration` exactly as the SDK decodes it, and the settings for the service's
//! unconfirmed wire and decision details, each seen through a real SDK client.

use crate::lake_support;

use aws_credential_types::Credentials;
use aws_sdk_lakeformation::config::Region;
use aws_sdk_lakeformation::error::ProvideErrorMetadata;
use aws_sdk_lakeformation::types::{CredentialsScope, Permission};
use aws_smithy_async::test_util::ManualTimeSource;
use lake_support::*;
use lakeformation_mock::lake::{
    AccessDeniedCode, AccessibleDataLocations, Behavior, DataLocationScopeRule, VendedS3PathWithoutS3Path,
};
use lakeformation_mock::{ErrorCode, MockLakeFormation};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

mod strict_profile;

/// A client of `mock` for `region`, signing as `access_key_id`.
fn client_in(mock: &MockLakeFormation, region: &'static str, access_key_id: &str) -> aws_sdk_lakeformation::Client {
    let credentials = Credentials::new(access_key_id, "not-a-secret", None, None, "test");
    aws_sdk_lakeformation::Client::from_conf(
        mock.config_builder().region(Region::new(region)).credentials_provider(credentials).build(),
    )
}

/// A client of `mock` signing as `access_key_id`, whose clock is `clock`.
fn client_at(mock: &MockLakeFormation, clock: &ManualTimeSource, access_key_id: &str) -> aws_sdk_lakeformation::Client {
    let credentials = Credentials::new(access_key_id, "not-a-secret", None, None, "test");
    aws_sdk_lakeformation::Client::from_conf(
        mock.config_builder().credentials_provider(credentials).time_source(clock.clone()).build(),
    )
}

const OTHER_REGION: &str = "This request was sent to region eu-west-1, but this lake is in us-east-1: configure the \
                            client for region us-east-1 (MockLakeFormation::builder().region(\"us-east-1\")), or \
                            build the lake in region eu-west-1 (Lake::builder().region(\"eu-west-1\")).";

#[tokio::test]
async fn a_lake_answers_only_requests_sent_to_its_region() {
    let lake = lake().build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let client = client_in(&mock, "eu-west-1", READER);

    // READER may read orders, and the TableArn is the lake's: only the region is wrong.
    let err = client.get_temporary_glue_table_credentials().table_arn(ORDERS).send().await.unwrap_err();
    assert_eq!(glue_error(err), ("AccessDenied".into(), OTHER_REGION.into()));
    let err = client
        .get_temporary_data_location_credentials()
        .data_locations("s3://lake/sales/orders/")
        .send()
        .await
        .unwrap_err();
    assert_eq!(dl_error(err), ("AccessDenied".into(), OTHER_REGION.into()));
    assert_eq!(mock.requests()[0].region_name(), Some("eu-west-1"));

    // The region is decided before the lake's other decisions: an unknown caller is refused for
    // its region too. Input validation comes first, as the service's front end validates
    // before anything is looked up.
    let nobody = client_in(&mock, "eu-west-1", "AKIDNOBODY");
    let err = nobody.get_temporary_glue_table_credentials().table_arn(ORDERS).send().await.unwrap_err();
    assert_eq!(glue_error(err), ("AccessDenied".into(), OTHER_REGION.into()));
    let err =
        nobody.get_temporary_glue_table_credentials().table_arn(ORDERS).duration_seconds(5).send().await.unwrap_err();
    assert_eq!(glue_error(err).0, "InvalidInput");

    // The same client in the lake's region is answered.
    let out = client_in(&mock, "us-east-1", READER)
        .get_temporary_glue_table_credentials()
        .table_arn(ORDERS)
        .send()
        .await
        .unwrap();
    assert!(lake.vended(out.access_key_id().unwrap()).is_some());
    assert_eq!(lake.vended_credentials().len(), 1, "nothing was vended to the other region");

    // The error code is a setting.
    lake.update(|m| m.behavior = m.behavior.clone().other_region_request_error(ErrorCode::EntityNotFound));
    let err = client.get_temporary_glue_table_credentials().table_arn(ORDERS).send().await.unwrap_err();
    assert_eq!(glue_error(err), ("EntityNotFound".into(), OTHER_REGION.into()));
}

#[tokio::test]
async fn a_request_that_names_no_region_is_not_refused_for_it() {
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    // Unsigned (no credentials, no auth allowed) and sent to a loopback host: no region at all.
    let config = aws_sdk_lakeformation::Config::builder()
        .behavior_version(aws_sdk_lakeformation::config::BehaviorVersion::latest())
        .region(Region::new("eu-west-1"))
        .endpoint_url("http://127.0.0.1:9")
        .http_client(mock.http_client())
        .allow_no_auth()
        .build();
    let client = aws_sdk_lakeformation::Client::from_conf(config);
    let err = client.get_temporary_glue_table_credentials().table_arn(ORDERS).send().await.unwrap_err();
    assert_eq!(mock.requests()[0].region_name(), None);
    // Refused for being unsigned (no caller), not for its region.
    assert_eq!(glue_error(err), ("AccessDenied".into(), "Access is not allowed. The request is not signed.".into()));
}

/// Both operations, called by a client whose clock reads `start`: what the SDK decoded as
/// `Expiration` equals, exactly, what the lake recorded, and is a whole second no later than
/// `start` plus the duration.
async fn assert_expirations_exact(start: SystemTime) {
    let lake = lake().build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let clock = ManualTimeSource::new(start);
    let client = client_at(&mock, &clock, READER);

    let out = client.get_temporary_glue_table_credentials().table_arn(ORDERS).send().await.unwrap();
    let vended = lake.vended(out.access_key_id().unwrap()).unwrap();
    assert_eq!(out.expiration(), Some(&vended.expires_at_date_time()), "table operation, clock at {start:?}");
    assert_eq!(vended.expires_at_date_time().subsec_nanos(), 0);
    assert_eq!(vended.duration(), Duration::from_secs(3600));
    let issued = vended.issued_at();
    assert!(issued <= start && start.duration_since(issued).unwrap() < Duration::from_secs(1), "{issued:?}");

    let out = client
        .get_temporary_data_location_credentials()
        .data_locations("s3://lake/sales/orders/")
        .duration_seconds(900)
        .send()
        .await
        .unwrap();
    let credentials = out.credentials().unwrap();
    let vended = lake.vended(credentials.access_key_id().unwrap()).unwrap();
    assert_eq!(
        credentials.expiration(),
        Some(&vended.expires_at_date_time()),
        "data-location operation, clock at {start:?}"
    );
    assert_eq!(vended.expires_at_date_time().subsec_nanos(), 0);
    assert_eq!(vended.duration(), Duration::from_secs(900));

    // What the journal shows is what the SDK decoded.
    let journaled = mock.requests()[0].answer().reply().and_then(|r| r.table_credentials_output().cloned()).unwrap();
    assert_eq!(journaled.expiration(), Some(&lake.vended_credentials()[0].expires_at_date_time()));
}

#[tokio::test]
async fn expiration_is_what_the_sdk_decodes_with_a_real_clock() {
    assert_expirations_exact(SystemTime::now()).await;
}

#[tokio::test]
async fn expiration_is_what_the_sdk_decodes_with_a_sub_second_clock() {
    let start = UNIX_EPOCH + Duration::from_millis(1_700_000_000_250);
    assert_expirations_exact(start).await;
    // Issued at the whole second before the clock: 1_700_000_000 + 3600.
    let lake = lake().build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let out = client_at(&mock, &ManualTimeSource::new(start), READER)
        .get_temporary_glue_table_credentials()
        .table_arn(ORDERS)
        .send()
        .await
        .unwrap();
    assert_eq!(out.expiration(), Some(&aws_smithy_types::DateTime::from_secs(1_700_003_600)));
    let vended = lake.vended(out.access_key_id().unwrap()).unwrap();
    assert_eq!(vended.issued_at(), UNIX_EPOCH + Duration::from_secs(1_700_000_000));
}

const NO_SELECT: &str = "Insufficient Lake Formation permission(s): Required SELECT on sales.orders";

#[tokio::test]
async fn access_denied_is_sent_as_access_denied_exception_by_default() {
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    let err = mock.client_as(NOPERM).get_temporary_glue_table_credentials().table_arn(ORDERS).send().await;
    let err = err.unwrap_err().into_service_error();
    assert_eq!(glue_variant(&err), "AccessDenied", "{err:?}");
    assert_eq!((err.code(), err.message()), (Some("AccessDeniedException"), Some(NO_SELECT)));
}

#[tokio::test]
async fn access_denied_can_be_sent_as_access_denied() {
    let lake = lake().behavior(Behavior::default().access_denied_code(AccessDeniedCode::AccessDenied)).build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let client = mock.client_as(NOPERM);

    // The Rust SDK does not know the code `AccessDenied`: it decodes `Unhandled`, keeping code
    // and message.
    let err = client.get_temporary_glue_table_credentials().table_arn(ORDERS).send().await.unwrap_err();
    let err = err.into_service_error();
    assert_eq!(glue_variant(&err), "Unhandled", "{err:?}");
    assert_eq!((err.code(), err.message()), (Some("AccessDenied"), Some(NO_SELECT)));
    let err = client.get_temporary_data_location_credentials().data_locations("s3://lake/sales/orders/").send().await;
    let err = err.unwrap_err().into_service_error();
    assert_eq!(dl_variant(&err), "Unhandled", "{err:?}");
    assert_eq!((err.code(), err.message()), (Some("AccessDenied"), Some(NO_SELECT)));

    // The journal shows the error as sent: a service error with that code, the AccessDenied
    // status and a request id.
    let request = &mock.requests()[0];
    let sent = request.answer().reply().and_then(|r| r.service_error()).unwrap();
    assert_eq!((sent.code(), sent.message(), sent.status_code()), ("AccessDenied", Some(NO_SELECT), 400));
    assert!(request.answer().request_id().is_some());

    // Only AccessDenied refusals change their code; the status setting still applies.
    lake.update(|m| m.behavior = m.behavior.clone().access_denied_status(403));
    let err = client.get_temporary_glue_table_credentials().table_arn(ORDERS).send().await.unwrap_err();
    assert_eq!(err.raw_response().map(|r| r.status().as_u16()), Some(403));
    assert_eq!(err.into_service_error().code(), Some("AccessDenied"));
    let err = client.get_temporary_glue_table_credentials().duration_seconds(5).send().await.unwrap_err();
    assert!(err.into_service_error().is_invalid_input_exception());
}

#[tokio::test]
async fn refusals_can_come_without_a_message() {
    let lake = lake().behavior(Behavior::default().refusal_messages(false)).build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let err = mock.client_as(NOPERM).get_temporary_glue_table_credentials().table_arn(ORDERS).send().await;
    let err = err.unwrap_err().into_service_error();
    assert!(err.is_access_denied_exception(), "{err:?}");
    assert_eq!(err.message(), None);
    let err = mock
        .client_as(READER)
        .get_temporary_data_location_credentials()
        .data_locations("s3://elsewhere/")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_entity_not_found_exception(), "{err:?}");
    assert_eq!(err.message(), None);
    // Sent as an empty JSON object, and journaled without a message.
    let sent = mock.requests()[0].answer().reply().and_then(|r| r.service_error()).cloned().unwrap();
    assert_eq!((sent.code(), sent.message()), ("AccessDeniedException", None));

    // Combined with the other code, as both were seen: no message, code `AccessDenied`.
    lake.update(|m| m.behavior = m.behavior.clone().access_denied_code(AccessDeniedCode::AccessDenied));
    let err = mock.client_as(NOPERM).get_temporary_glue_table_credentials().table_arn(ORDERS).send().await;
    let err = err.unwrap_err().into_service_error();
    assert_eq!((err.code(), err.message()), (Some("AccessDenied"), None));
}

#[tokio::test]
async fn vended_s3_path_without_s3_path_is_the_table_location_by_default() {
    let lake = lake().build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let out = mock.client_as(READER).get_temporary_glue_table_credentials().table_arn(ORDERS).send().await.unwrap();
    assert_eq!(out.vended_s3_path, Some(vec!["s3://lake/sales/orders/".to_owned()]));
    let vended = lake.vended(out.access_key_id().unwrap()).unwrap();
    assert_eq!(vended.sent_locations(), Some(&["s3://lake/sales/orders/".to_owned()][..]));
}

#[tokio::test]
async fn vended_s3_path_without_s3_path_can_be_absent() {
    let behavior = Behavior::default().vended_s3_path_without_s3_path(VendedS3PathWithoutS3Path::Absent);
    let lake = lake().behavior(behavior).build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let client = mock.client_as(READER);
    let out = client.get_temporary_glue_table_credentials().table_arn(ORDERS).send().await.unwrap();
    assert_eq!(out.vended_s3_path, None, "no VendedS3Path at all, not an empty list");
    assert!(out.access_key_id().is_some() && out.expiration().is_some());
    // The credentials still cover the table; the journal shows the reply as sent.
    let vended = lake.vended(out.access_key_id().unwrap()).unwrap();
    assert_eq!((vended.sent_locations(), vended.locations()), (None, &["s3://lake/sales/orders/".to_owned()][..]));
    assert!(vended.covers("s3://lake/sales/orders/part-0.parquet"));
    let journaled = mock.requests()[0].answer().reply().and_then(|r| r.table_credentials_output().cloned()).unwrap();
    assert_eq!(journaled.vended_s3_path, None);

    // An S3Path asked for is still sent back.
    let out = client
        .get_temporary_glue_table_credentials()
        .table_arn(ORDERS)
        .s3_path("s3://lake/sales/orders/year=2024/")
        .send()
        .await
        .unwrap();
    assert_eq!(out.vended_s3_path(), ["s3://lake/sales/orders/year=2024/"]);
}

#[tokio::test]
async fn accessible_data_locations_are_the_requested_ones_by_default() {
    let lake = lake().build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let object = "s3://lake/sales/orders/year=2024/part-0.parquet";
    let out =
        mock.client_as(READER).get_temporary_data_location_credentials().data_locations(object).send().await.unwrap();
    assert_eq!(out.accessible_data_locations(), [object]);
    let vended = lake.vended(out.credentials().unwrap().access_key_id().unwrap()).unwrap();
    assert!(!vended.covers("s3://lake/sales/orders/year=2023/part-0.parquet"));
}

#[tokio::test]
async fn accessible_data_locations_can_be_the_registered_locations() {
    let behavior = Behavior::default().accessible_data_locations(AccessibleDataLocations::RegisteredLocation);
    let lake = lake().behavior(behavior).build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let client = mock.client_as(READER);
    let object = "s3://lake/sales/orders/year=2024/part-0.parquet";
    let out = client.get_temporary_data_location_credentials().data_locations(object).send().await.unwrap();
    // The access-grants plugin caches these credentials under AccessibleDataLocations[0].
    assert_eq!(out.accessible_data_locations(), ["s3://lake/"]);
    let vended = lake.vended(out.credentials().unwrap().access_key_id().unwrap()).unwrap();
    assert_eq!(vended.locations(), ["s3://lake/"]);
    assert_eq!(vended.tables(), [ORDERS], "permission was still decided on the requested path's table");

    // Two requested paths under one registered location name it once.
    let out = client
        .get_temporary_data_location_credentials()
        .data_locations("s3://lake/sales/orders/a/")
        .data_locations("s3://lake/sales/orders/b/")
        .send()
        .await
        .unwrap();
    assert_eq!(out.accessible_data_locations(), ["s3://lake/"]);
}

/// Data-location credentials for `s3://lake/sales/orders/` asked by `caller` with `scope`: the
/// permissions vended for, or the error variant and message.
async fn orders_location(
    mock: &MockLakeFormation,
    caller: &str,
    scope: CredentialsScope,
) -> Result<Vec<Permission>, (String, String)> {
    let out = mock
        .client_as(caller)
        .get_temporary_data_location_credentials()
        .data_locations("s3://lake/sales/orders/")
        .credentials_scope(scope.clone())
        .send()
        .await
        .map_err(dl_error)?;
    assert_eq!(out.credentials_scope(), Some(&scope));
    let vended = mock.lake().unwrap().vended(out.credentials().unwrap().access_key_id().unwrap()).unwrap();
    Ok(vended.permissions().to_vec())
}

const SUPER_NEEDED: &str =
    "Insufficient Lake Formation permission(s): Required ALL (Super) on sales.orders for CredentialsScope READWRITE";

#[tokio::test]
async fn data_location_scope_needs_whole_table_select_to_read_and_super_to_write_by_default() {
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    use CredentialsScope::{Read, Readwrite};
    assert_eq!(orders_location(&mock, READER, Read).await, Ok(vec![Permission::Select]));
    assert_eq!(orders_location(&mock, ADMIN, Readwrite).await, Ok(vec![Permission::Select, Permission::All]));
    let denied = |message: &str| Err(("AccessDenied".to_owned(), message.to_owned()));
    assert_eq!(orders_location(&mock, WRITER, Readwrite).await, denied(SUPER_NEEDED));
    assert_eq!(orders_location(&mock, READER, Readwrite).await, denied(SUPER_NEEDED));
    assert_eq!(
        orders_location(&mock, ANALYST, Read).await,
        denied(
            "Insufficient Lake Formation permission(s): Required SELECT on sales.orders (the whole table): the \
             caller's grants are limited to some columns or cells"
        )
    );
    // SUPER limited to some columns is no SUPER on the whole table.
    mock.lake().unwrap().update(|m| {
        m.grants.retain(|g| g.principal != ADMIN_ARN);
        m.grants.push(
            lakeformation_mock::lake::Grant::new(ADMIN_ARN, "sales", "orders", [Permission::All]).columns(["id"]),
        );
    });
    assert_eq!(orders_location(&mock, ADMIN, Readwrite).await.unwrap_err().0, "AccessDenied");
}

#[tokio::test]
async fn data_location_scope_can_be_select_plus_a_write_permission() {
    let behavior = Behavior::default().data_location_scope_rule(DataLocationScopeRule::SelectPlusWritePermission);
    let mock = MockLakeFormation::new().with_lake(&lake().behavior(behavior).build());
    use CredentialsScope::{Read, Readwrite};
    assert_eq!(orders_location(&mock, WRITER, Readwrite).await, Ok(vec![Permission::Select, Permission::Insert]));
    assert_eq!(orders_location(&mock, ADMIN, Readwrite).await, Ok(vec![Permission::Select, Permission::Insert]));
    assert_eq!(
        orders_location(&mock, READER, Readwrite).await,
        Err((
            "AccessDenied".to_owned(),
            "Insufficient Lake Formation permission(s): Required INSERT on sales.orders for CredentialsScope READWRITE"
                .to_owned()
        ))
    );
    // A column-limited SELECT passes this rule's permission check; vending still needs
    // full-table access, which the analyst lacks.
    assert_eq!(
        orders_location(&mock, ANALYST, Read).await,
        Err(("AccessDenied".to_owned(), "Access is not allowed.".to_owned()))
    );
}

fn too_long(seconds: i32, max: i32, principal_arn: &str) -> (String, String) {
    (
        "InvalidInput".to_owned(),
        format!(
            "The requested DurationSeconds {seconds} exceeds the maximum session duration of principal \
             {principal_arn} ({max} seconds); durations are not shortened: ask for {max} seconds or less."
        ),
    )
}

#[tokio::test]
async fn a_duration_above_the_callers_maximum_session_is_refused_not_shortened() {
    // Every caller is capped at one hour (role chaining with session tags); ENGINE's own cap is
    // two hours.
    let behavior = Behavior::default().max_session_duration_seconds(Some(3600));
    let lake = lake().behavior(behavior).build();
    lake.update(|m| {
        let engine = m.principals.iter_mut().find(|p| p.access_key_id == ENGINE).unwrap();
        engine.max_session_duration_seconds = Some(7200);
    });
    let mock = MockLakeFormation::new().with_lake(&lake);
    let table = |caller: &str, seconds: Option<i32>| {
        mock.client_as(caller)
            .get_temporary_glue_table_credentials()
            .table_arn(ORDERS)
            .set_duration_seconds(seconds)
            .send()
    };
    let location = |caller: &str, seconds: i32| {
        mock.client_as(caller)
            .get_temporary_data_location_credentials()
            .data_locations("s3://lake/sales/orders/")
            .duration_seconds(seconds)
            .send()
    };

    // What StarRocks saw: 21600 and 43200 refused, 3600 vended.
    assert_eq!(glue_error(table(READER, Some(21_600)).await.unwrap_err()), too_long(21_600, 3600, READER_ARN));
    assert_eq!(dl_error(location(READER, 43_200).await.unwrap_err()), too_long(43_200, 3600, READER_ARN));
    assert_eq!(glue_error(table(READER, Some(3601)).await.unwrap_err()), too_long(3601, 3600, READER_ARN));
    let out = table(READER, Some(3600)).await.unwrap();
    assert_eq!(lake.vended(out.access_key_id().unwrap()).unwrap().duration(), Duration::from_secs(3600));
    let out = location(READER, 3600).await.unwrap();
    let vended = lake.vended(out.credentials().unwrap().access_key_id().unwrap()).unwrap();
    assert_eq!(vended.duration(), Duration::from_secs(3600));

    // A principal's own maximum wins over the behaviour's.
    let out = table(ENGINE, Some(7200)).await.unwrap();
    assert_eq!(lake.vended(out.access_key_id().unwrap()).unwrap().duration(), Duration::from_secs(7200));
    assert_eq!(glue_error(table(ENGINE, Some(7201)).await.unwrap_err()), too_long(7201, 7200, ENGINE_ARN));

    // No DurationSeconds: the default, at most the maximum.
    lake.update(|m| m.behavior = m.behavior.clone().max_session_duration_seconds(Some(1800)));
    let out = table(READER, None).await.unwrap();
    assert_eq!(lake.vended(out.access_key_id().unwrap()).unwrap().duration(), Duration::from_secs(1800));

    // Without any maximum, only the operation's range applies.
    lake.update(|m| m.behavior = m.behavior.clone().max_session_duration_seconds(None));
    let out = table(READER, Some(21_600)).await.unwrap();
    assert_eq!(lake.vended(out.access_key_id().unwrap()).unwrap().duration(), Duration::from_secs(21_600));
}

#[test]
fn a_maximum_session_duration_below_the_shortest_duration_is_refused() {
    use lakeformation_mock::lake::{Lake, Principal};
    let err = Lake::builder()
        .principal(Principal::new("AKIDX", "arn:aws:iam::123456789012:role/x").max_session_duration_seconds(600))
        .behavior(Behavior::default().max_session_duration_seconds(Some(60)))
        .try_build()
        .unwrap_err();
    assert_eq!(
        err.problems,
        [
            "the maximum session duration 600 of principal `arn:aws:iam::123456789012:role/x` is below the shortest \
             duration, 900 seconds",
            "the behavior's maximum session duration 60 is below the shortest duration, 900 seconds",
        ]
    );
}
