//! Presigned S3 URLs in process: the SDK presigns from the system clock by default, whatever the
//! client's time source, and that URL is answered; one presigned from a paused clock in the past
//! is checked (by s3s) against the system clock, so it is refused, and the refusal says so and what
//! to do.
#![cfg(feature = "s3")]

use crate::common::signing_credentials as credentials;
use crate::lake_support::{ORDERS, READER, lake};
use aws_sdk_s3::presigning::PresigningConfig;
use aws_smithy_async::test_util::ManualTimeSource;
use aws_smithy_async::time::TimeSource;
use aws_smithy_runtime_api::client::http::{HttpClient, HttpConnector, HttpConnectorSettings};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponentsBuilder;
use aws_smithy_types::body::SdkBody;
use lakeformation_mock::MockLakeFormation;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Sends a presigned GET through the mock's HttpClient, as an HTTP client on `clock` would.
async fn send(mock: &MockLakeFormation, uri: &str, clock: ManualTimeSource) -> (u16, String) {
    let components = RuntimeComponentsBuilder::for_tests().with_time_source(Some(clock)).build().unwrap();
    let connector = mock.http_client().http_connector(&HttpConnectorSettings::default(), &components);
    let mut request = HttpRequest::new(SdkBody::empty());
    *request.uri_mut() = uri.try_into().unwrap();
    let response = connector.call(request).await.unwrap();
    let body = String::from_utf8_lossy(response.body().bytes().unwrap()).into_owned();
    (response.status().as_u16(), body)
}

#[tokio::test]
async fn a_url_presigned_by_a_paused_clock_is_refused_saying_presigned_urls_read_the_system_clock() {
    let mock = MockLakeFormation::new().with_lake(&lake().build());
    mock.s3().put("s3://lake/sales/orders/part-0.parquet", b"rows".to_vec());
    let vend = |clock: ManualTimeSource| {
        let client = mock.client_as_at(READER, clock);
        async move {
            let out = client.get_temporary_glue_table_credentials().table_arn(ORDERS).send().await.unwrap();
            credentials(out.access_key_id().unwrap(), out.secret_access_key().unwrap(), out.session_token())
        }
    };
    // Presigned from `start` (the SDK's default is the system clock, whatever the client's clock).
    let presign = |clock: ManualTimeSource, start: Option<SystemTime>| {
        let mock = mock.clone();
        async move {
            let keys = vend(clock.clone()).await;
            let mut config = PresigningConfig::builder().expires_in(Duration::from_secs(300));
            config.set_start_time(start);
            let request = mock
                .s3_client_with_at(keys, clock)
                .get_object()
                .bucket("lake")
                .key("sales/orders/part-0.parquet")
                .presigned(config.build().unwrap())
                .await
                .unwrap();
            request.uri().to_owned()
        }
    };
    let paused = ManualTimeSource::new(UNIX_EPOCH + Duration::from_secs(1_700_000_000));
    let uri = presign(paused.clone(), Some(paused.now())).await;
    let (status, body) = send(&mock, &uri, paused.clone()).await;
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("<Code>AccessDenied</Code>"), "{body}");
    assert!(body.contains("checked (by s3s) against the system clock"), "{body}");
    assert!(body.contains("presign with a client on the system clock"), "{body}");

    // Presigned from the system clock (the SDK's default) by the same paused client: answered.
    let uri = presign(paused.clone(), None).await;
    assert_eq!(send(&mock, &uri, paused).await, (200, "rows".to_owned()));
}
