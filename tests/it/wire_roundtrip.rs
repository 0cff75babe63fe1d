//! Property tests: what the SDK sends is journaled as the same typed input, and what is
//! scripted is what the SDK decodes.

use crate::common;

use aws_sdk_lakeformation::error::ProvideErrorMetadata;
use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::{
    GetTemporaryDataLocationCredentialsInput, GetTemporaryDataLocationCredentialsOutput,
};
use aws_sdk_lakeformation::operation::get_temporary_glue_partition_credentials::{
    GetTemporaryGluePartitionCredentialsInput, GetTemporaryGluePartitionCredentialsOutput,
};
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::{
    GetTemporaryGlueTableCredentialsInput, GetTemporaryGlueTableCredentialsOutput,
};
use aws_sdk_lakeformation::types::{
    AuditContext, CredentialsScope, PartitionValueList, Permission, PermissionType, QuerySessionContext,
    TemporaryCredentials,
};
use aws_smithy_types::DateTime;
use lakeformation_mock::{Input, MockLakeFormation, Rule, Source, matchers};
use proptest::collection::{hash_map, vec};
use proptest::option;
use proptest::prelude::*;
use std::sync::OnceLock;

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap())
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[a-zA-Z0-9:/_.-]{0,40}"]
}

/// A Glue table ARN: its database and table names any text without `/`, escapes and all (a
/// malformed ARN is refused before any rule).
fn table_arn() -> impl Strategy<Value = String> {
    ("[a-z-]{1,10}", "[a-z0-9-]{1,15}", "[0-9]{12}", "[^/]{1,20}", "[^/]{1,20}").prop_map(
        |(partition, region, account, db, table)| format!("arn:{partition}:glue:{region}:{account}:table/{db}/{table}"),
    )
}

fn permission() -> impl Strategy<Value = Permission> {
    prop_oneof![
        prop::sample::select(Permission::values().to_vec()).prop_map(Permission::from),
        "[A-Z_]{1,12}".prop_map(|s| Permission::from(s.as_str())),
    ]
}

fn permission_type() -> impl Strategy<Value = PermissionType> {
    prop_oneof![
        prop::sample::select(PermissionType::values().to_vec()).prop_map(PermissionType::from),
        "[A-Z_]{1,12}".prop_map(|s| PermissionType::from(s.as_str())),
    ]
}

/// Any instant from 1653 to 2286, to the nanosecond: the SDK writes it as an exact decimal.
fn instant() -> impl Strategy<Value = DateTime> {
    (-10_000_000_000i64..10_000_000_000, 0u32..1_000_000_000).prop_map(|(s, n)| DateTime::from_secs_and_nanos(s, n))
}

fn audit() -> impl Strategy<Value = AuditContext> {
    option::of(text()).prop_map(|c| AuditContext::builder().set_additional_audit_context(c).build())
}

fn query_session() -> impl Strategy<Value = QuerySessionContext> {
    (
        option::of(text()),
        option::of(instant()),
        option::of(text()),
        option::of(text()),
        option::of(hash_map(text(), text(), 0..4)),
    )
        .prop_map(|(id, start, cluster, auth, extra)| {
            QuerySessionContext::builder()
                .set_query_id(id)
                .set_query_start_time(start)
                .set_cluster_id(cluster)
                .set_query_authorization_id(auth)
                .set_additional_context(extra)
                .build()
        })
}

fn glue_input() -> impl Strategy<Value = GetTemporaryGlueTableCredentialsInput> {
    (
        option::of(text()),
        option::of(vec(permission(), 0..4)),
        option::of(any::<i32>()),
        option::of(audit()),
        option::of(vec(permission_type(), 0..4)),
        option::of(text()),
        option::of(query_session()),
    )
        .prop_map(|(arn, perms, duration, audit, types, path, qsc)| {
            GetTemporaryGlueTableCredentialsInput::builder()
                .set_table_arn(arn)
                .set_permissions(perms)
                .set_duration_seconds(duration)
                .set_audit_context(audit)
                .set_supported_permission_types(types)
                .set_s3_path(path)
                .set_query_session_context(qsc)
                .build()
                .unwrap()
        })
}

fn partition_input() -> impl Strategy<Value = GetTemporaryGluePartitionCredentialsInput> {
    (
        option::of(text()),
        option::of(vec(text(), 0..4)),
        option::of(vec(permission(), 0..4)),
        option::of(any::<i32>()),
        option::of(audit()),
        option::of(vec(permission_type(), 0..4)),
    )
        .prop_map(|(arn, values, perms, duration, audit, types)| {
            GetTemporaryGluePartitionCredentialsInput::builder()
                .set_table_arn(arn)
                .set_partition(values.map(|v| PartitionValueList::builder().set_values(Some(v)).build().unwrap()))
                .set_permissions(perms)
                .set_duration_seconds(duration)
                .set_audit_context(audit)
                .set_supported_permission_types(types)
                .build()
                .unwrap()
        })
}

fn scope() -> impl Strategy<Value = CredentialsScope> {
    prop_oneof![
        Just(CredentialsScope::Read),
        Just(CredentialsScope::Readwrite),
        "[A-Z_]{1,10}".prop_map(|s| CredentialsScope::from(s.as_str()))
    ]
}

fn data_location_input() -> impl Strategy<Value = GetTemporaryDataLocationCredentialsInput> {
    (option::of(any::<i32>()), option::of(audit()), option::of(vec(text(), 0..4)), option::of(scope())).prop_map(
        |(duration, audit, locations, scope)| {
            GetTemporaryDataLocationCredentialsInput::builder()
                .set_duration_seconds(duration)
                .set_audit_context(audit)
                .set_data_locations(locations)
                .set_credentials_scope(scope)
                .build()
                .unwrap()
        },
    )
}

/// An expiry the SDK decodes exactly: it reads epoch seconds as an `f64`, so only fractions
/// that are exact in binary survive (see the note on timestamps in `guide::replies`).
fn expiry() -> impl Strategy<Value = DateTime> {
    (0i64..4_102_444_800, prop::sample::select(vec![0u32, 250_000_000, 500_000_000, 750_000_000]))
        .prop_map(|(s, n)| DateTime::from_secs_and_nanos(s, n))
}

fn glue_output() -> impl Strategy<Value = GetTemporaryGlueTableCredentialsOutput> {
    (option::of(text()), option::of(text()), option::of(text()), option::of(expiry()), option::of(vec(text(), 0..3)))
        .prop_map(|(key, secret, token, expiry, paths)| {
            GetTemporaryGlueTableCredentialsOutput::builder()
                .set_access_key_id(key)
                .set_secret_access_key(secret)
                .set_session_token(token)
                .set_expiration(expiry)
                .set_vended_s3_path(paths)
                .build()
        })
}

fn partition_output() -> impl Strategy<Value = GetTemporaryGluePartitionCredentialsOutput> {
    (option::of(text()), option::of(text()), option::of(text()), option::of(expiry())).prop_map(
        |(key, secret, token, expiry)| {
            GetTemporaryGluePartitionCredentialsOutput::builder()
                .set_access_key_id(key)
                .set_secret_access_key(secret)
                .set_session_token(token)
                .set_expiration(expiry)
                .build()
        },
    )
}

fn data_location_output() -> impl Strategy<Value = GetTemporaryDataLocationCredentialsOutput> {
    let creds = (option::of(text()), option::of(text()), option::of(text()), option::of(expiry())).prop_map(
        |(key, secret, token, expiry)| {
            TemporaryCredentials::builder()
                .set_access_key_id(key)
                .set_secret_access_key(secret)
                .set_session_token(token)
                .set_expiration(expiry)
                .build()
        },
    );
    (option::of(creds), option::of(vec(text(), 0..3)), option::of(scope())).prop_map(|(creds, locations, scope)| {
        GetTemporaryDataLocationCredentialsOutput::builder()
            .set_credentials(creds)
            .set_accessible_data_locations(locations)
            .set_credentials_scope(scope)
            .build()
    })
}

/// The output without the request id the SDK attaches on decoding.
fn glue_fields(o: &GetTemporaryGlueTableCredentialsOutput) -> GetTemporaryGlueTableCredentialsOutput {
    GetTemporaryGlueTableCredentialsOutput::builder()
        .set_access_key_id(o.access_key_id.clone())
        .set_secret_access_key(o.secret_access_key.clone())
        .set_session_token(o.session_token.clone())
        .set_expiration(o.expiration)
        .set_vended_s3_path(o.vended_s3_path.clone())
        .build()
}

fn partition_fields(o: &GetTemporaryGluePartitionCredentialsOutput) -> GetTemporaryGluePartitionCredentialsOutput {
    GetTemporaryGluePartitionCredentialsOutput::builder()
        .set_access_key_id(o.access_key_id.clone())
        .set_secret_access_key(o.secret_access_key.clone())
        .set_session_token(o.session_token.clone())
        .set_expiration(o.expiration)
        .build()
}

fn data_location_fields(o: &GetTemporaryDataLocationCredentialsOutput) -> GetTemporaryDataLocationCredentialsOutput {
    GetTemporaryDataLocationCredentialsOutput::builder()
        .set_credentials(o.credentials.clone())
        .set_accessible_data_locations(o.accessible_data_locations.clone())
        .set_credentials_scope(o.credentials_scope.clone())
        .build()
}

/// A request refused by validation failed with `InvalidInputException`; any other was answered
/// by the rule.
fn answered_as_its_source<O, E: ProvideErrorMetadata + std::fmt::Debug>(
    request: &lakeformation_mock::Request,
    sent: Result<O, aws_sdk_lakeformation::error::SdkError<E, aws_sdk_lakeformation::config::http::HttpResponse>>,
) -> Result<(), TestCaseError> {
    match request.answer().source() {
        Source::Validation => {
            let error = sent.err().and_then(|e| e.as_service_error().and_then(|e| e.code()).map(str::to_owned));
            prop_assert_eq!(error.as_deref(), Some("InvalidInputException"));
        }
        source => {
            prop_assert!(matches!(source, Source::Rule(_)), "{source:?}");
            prop_assert!(sent.is_ok(), "{:?}", sent.err());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn glue_table_input_is_journaled_as_sent(input in glue_input()) {
        let mock = MockLakeFormation::new();
        Rule::table_credentials().respond_with(common::glue_output("ASIAMOCK")).mount(&mock);
        let client = mock.client();
        let sent = input.clone();
        let sent = runtime().block_on(async {
            client
                .get_temporary_glue_table_credentials()
                .set_table_arn(sent.table_arn)
                .set_permissions(sent.permissions)
                .set_duration_seconds(sent.duration_seconds)
                .set_audit_context(sent.audit_context)
                .set_supported_permission_types(sent.supported_permission_types)
                .set_s3_path(sent.s3_path)
                .set_query_session_context(sent.query_session_context)
                .send()
                .await
        });
        let requests = mock.requests();
        prop_assert_eq!(requests.len(), 1);
        prop_assert_eq!(requests[0].input(), Some(&Input::TableCredentials(input)));
        // The rule answers what validation lets through; what it refuses is InvalidInput.
        answered_as_its_source(&requests[0], sent)?;
    }

    #[test]
    fn data_location_input_is_journaled_as_sent(input in data_location_input()) {
        let mock = MockLakeFormation::new();
        Rule::data_location().respond_with(common::data_location_output("ASIAMOCK")).mount(&mock);
        let client = mock.client();
        let sent = input.clone();
        let sent = runtime().block_on(async {
            client
                .get_temporary_data_location_credentials()
                .set_duration_seconds(sent.duration_seconds)
                .set_audit_context(sent.audit_context)
                .set_data_locations(sent.data_locations)
                .set_credentials_scope(sent.credentials_scope)
                .send()
                .await
        });
        prop_assert_eq!(mock.journal().data_location_inputs(), vec![input]);
        answered_as_its_source(&mock.requests()[0], sent)?;
    }

    #[test]
    fn glue_partition_input_is_journaled_as_sent(input in partition_input()) {
        let mock = MockLakeFormation::new();
        Rule::partition_credentials()
            .respond_with(GetTemporaryGluePartitionCredentialsOutput::builder().access_key_id("ASIAMOCK").build())
            .mount(&mock);
        let client = mock.client();
        let sent = input.clone();
        let sent = runtime().block_on(async {
            client
                .get_temporary_glue_partition_credentials()
                .set_table_arn(sent.table_arn)
                .set_partition(sent.partition)
                .set_permissions(sent.permissions)
                .set_duration_seconds(sent.duration_seconds)
                .set_audit_context(sent.audit_context)
                .set_supported_permission_types(sent.supported_permission_types)
                .send()
                .await
        });
        prop_assert_eq!(mock.journal().partition_credentials_inputs(), vec![input.clone()]);
        let requests = mock.requests();
        prop_assert_eq!(requests[0].input(), Some(&Input::PartitionCredentials(input)));
        answered_as_its_source(&requests[0], sent)?;
    }

    /// Rules pinning an exact `TableArn` are found through an index keyed by the ARN as read
    /// from the body, escapes and all.
    #[test]
    fn a_rule_pinning_a_table_arn_answers_exactly_that_arn(arn in table_arn()) {
        // The request for another ARN goes unanswered on purpose.
        let mock = MockLakeFormation::builder().fail_on_unmatched(false).build();
        Rule::table_credentials().and(matchers::table_arn(format!("{arn}x"))).respond_with(common::glue_output("ASIAOTHER")).mount(&mock);
        Rule::table_credentials().and(matchers::table_arn(arn.clone())).respond_with(common::glue_output("ASIAPINNED")).mount(&mock);
        let client = mock.client();
        let got = runtime().block_on(client.get_temporary_glue_table_credentials().table_arn(&arn).send()).unwrap();
        prop_assert_eq!(got.access_key_id(), Some("ASIAPINNED"));
        let other = runtime().block_on(client.get_temporary_glue_table_credentials().table_arn(format!("{arn}y")).send());
        prop_assert!(other.is_err(), "no rule pins {arn}y");
    }

    #[test]
    fn scripted_glue_table_output_is_what_the_sdk_decodes(output in glue_output()) {
        let mock = MockLakeFormation::new();
        Rule::table_credentials().respond_with(output.clone()).mount(&mock);
        let client = mock.client();
        let got = runtime().block_on(client.get_temporary_glue_table_credentials().table_arn(common::ARN).send()).unwrap();
        prop_assert_eq!(glue_fields(&got), output);
        prop_assert!(aws_sdk_lakeformation::operation::RequestId::request_id(&got).is_some());
    }

    #[test]
    fn scripted_glue_partition_output_is_what_the_sdk_decodes(output in partition_output()) {
        let mock = MockLakeFormation::new();
        Rule::partition_credentials().respond_with(output.clone()).mount(&mock);
        let client = mock.client();
        let partition = PartitionValueList::builder().values("2024").build().unwrap();
        let got = runtime()
            .block_on(client.get_temporary_glue_partition_credentials().table_arn(common::ARN).partition(partition).send())
            .unwrap();
        prop_assert_eq!(partition_fields(&got), output);
        prop_assert!(aws_sdk_lakeformation::operation::RequestId::request_id(&got).is_some());
    }

    #[test]
    fn scripted_data_location_output_is_what_the_sdk_decodes(output in data_location_output()) {
        let mock = MockLakeFormation::new();
        Rule::data_location().respond_with(output.clone()).mount(&mock);
        let client = mock.client();
        let got = runtime().block_on(client.get_temporary_data_location_credentials().send()).unwrap();
        prop_assert_eq!(data_location_fields(&got), output);
    }
}

#[tokio::test]
async fn request_body_follows_the_service_wire_format() {
    let mock = MockLakeFormation::new();
    Rule::table_credentials().respond_with(common::glue_output("ASIAMOCK")).mount(&mock);
    mock.client()
        .get_temporary_glue_table_credentials()
        .table_arn(common::ARN)
        .duration_seconds(900)
        .query_session_context(
            QuerySessionContext::builder()
                .query_id("q")
                .query_start_time(DateTime::from_secs_f64(1_700_000_000.5))
                .build(),
        )
        .send()
        .await
        .unwrap();
    let request = &mock.requests()[0];
    assert_eq!(request.method(), "POST");
    assert!(request.uri().ends_with("/GetTemporaryGlueTableCredentials"), "{}", request.uri());
    assert_eq!(request.header_value("content-type"), Some("application/json"));
    let body = std::str::from_utf8(request.body_bytes()).unwrap();
    assert!(body.contains(r#""QueryStartTime":1700000000.5"#), "{body}");
    assert_eq!(request.access_key_id(), Some(lakeformation_mock::DEFAULT_ACCESS_KEY_ID));
}

/// The journal copies requests into shared blocks: requests larger than a block, and many that
/// fill blocks one after another, come back byte for byte with their typed inputs.
#[tokio::test]
async fn requests_of_every_size_are_journaled_byte_for_byte() {
    // AdditionalContext values longer than the model's 256 characters pad the requests.
    let mock = MockLakeFormation::builder().validate_input(false).build();
    Rule::table_credentials().respond_with(common::glue_output("ASIAMOCK")).mount(&mock);
    let client = mock.client();
    let sizes = [0usize, 10, 200_000, 3, 70_000, 1_000];
    let mut sent = Vec::new();
    for round in 0..40 {
        let size = sizes[round % sizes.len()];
        let context = QuerySessionContext::builder()
            .query_id(format!("q-{round}"))
            .additional_context("padding", "p".repeat(size))
            .build();
        client
            .get_temporary_glue_table_credentials()
            .table_arn(format!("{}-{round}", common::ARN))
            .query_session_context(context.clone())
            .send()
            .await
            .unwrap();
        sent.push(context);
    }
    let requests = mock.requests();
    assert_eq!(requests.len(), sent.len());
    for (request, context) in requests.iter().zip(&sent) {
        assert_eq!(request.query_session_context().and_then(|q| q.as_lake_formation()), Some(context));
        let length: usize = request.header_value("content-length").unwrap().parse().unwrap();
        assert_eq!(request.body_bytes().len(), length);
        assert!(request.uri().ends_with("/GetTemporaryGlueTableCredentials"), "{}", request.uri());
        assert_eq!(request.access_key_id(), Some(lakeformation_mock::DEFAULT_ACCESS_KEY_ID));
        assert_eq!(request.answer().request_id().map(str::len), Some(36));
    }
    // Request ids are distinct, and each is the one the SDK saw.
    let ids: std::collections::HashSet<_> = requests.iter().filter_map(|r| r.answer().request_id()).collect();
    assert_eq!(ids.len(), requests.len());
}

/// An HTTP client can send a header value that is not UTF-8 (the SDK never does; an interceptor
/// here swaps one in): the journal keeps it byte for byte.
#[tokio::test]
async fn a_header_value_that_is_not_utf8_is_journaled_byte_for_byte() {
    use aws_sdk_lakeformation::config::interceptors::BeforeTransmitInterceptorContextMut;
    use aws_sdk_lakeformation::config::{ConfigBag, Intercept, RuntimeComponents};
    use aws_smithy_runtime_api::box_error::BoxError;
    use aws_smithy_runtime_api::client::orchestrator::HttpRequest;

    #[derive(Debug)]
    struct BinaryHeader;
    impl Intercept for BinaryHeader {
        fn name(&self) -> &'static str {
            "BinaryHeader"
        }
        fn modify_before_transmit(
            &self,
            context: &mut BeforeTransmitInterceptorContextMut<'_>,
            _: &RuntimeComponents,
            _: &mut ConfigBag,
        ) -> Result<(), BoxError> {
            let request = context.request_mut();
            let mut http = request.try_clone().expect("an in-memory body").try_into_http1x()?;
            http.headers_mut().insert("x-binary", http::HeaderValue::from_bytes(b"caf\xe9 \xff")?);
            *request = HttpRequest::try_from(http)?;
            Ok(())
        }
    }

    let mock = MockLakeFormation::new();
    Rule::table_credentials().respond_with(common::glue_output("ASIAMOCK")).mount(&mock);
    let client = aws_sdk_lakeformation::Client::from_conf(mock.config_builder().interceptor(BinaryHeader).build());
    client.get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap();
    let request = &mock.requests()[0];
    let raw: Vec<&[u8]> = request.raw_headers().filter(|(n, _)| *n == "x-binary").map(|(_, v)| v).collect();
    assert_eq!(raw, [b"caf\xe9 \xff".as_slice()]);
    assert_eq!(request.header_map().get("x-binary").map(|v| v.as_bytes()), Some(b"caf\xe9 \xff".as_slice()));
    // The text views leave it out, or show it with replacement characters.
    assert_eq!(request.header_value("x-binary"), None);
    assert!(format!("{request:?}").contains("caf\u{fffd} \u{fffd}"), "{request:?}");
    assert_eq!(
        request.access_key_id(),
        Some(lakeformation_mock::DEFAULT_ACCESS_KEY_ID),
        "the other headers read as before"
    );
}
