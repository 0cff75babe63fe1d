//! `GetTemporaryGluePartitionCredentials` on the scripted path, all through a real client:
//! outputs, modeled errors, retries, faults, latency, sequences, the typed journal, matchers and
//! input validation.

use crate::common::{self, ARN, SECRET, SESSION_TOKEN};

use aws_sdk_lakeformation::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_lakeformation::operation::RequestId;
use aws_sdk_lakeformation::operation::get_temporary_glue_partition_credentials::{
    GetTemporaryGluePartitionCredentialsError as E, GetTemporaryGluePartitionCredentialsOutput,
};
use aws_sdk_lakeformation::types::{AuditContext, PartitionValueList, Permission, PermissionType};
use aws_smithy_types::DateTime;
use lakeformation_mock::matchers::{
    additional_audit_context, duration_seconds, partition_values, partition_values_contain, permissions,
    permissions_contain, supported_permission_types, table_arn,
};
use lakeformation_mock::{ErrorCode, Fault, Input, MockLakeFormation, Operation, Reply, Rule, Source, Unanswered};
use std::time::Duration;

fn partition(values: &[&str]) -> PartitionValueList {
    PartitionValueList::builder().set_values(Some(values.iter().map(|v| (*v).to_owned()).collect())).build().unwrap()
}

fn output(key: &str) -> GetTemporaryGluePartitionCredentialsOutput {
    GetTemporaryGluePartitionCredentialsOutput::builder()
        .access_key_id(key)
        .secret_access_key(SECRET)
        .session_token(SESSION_TOKEN)
        .expiration(DateTime::from_secs_and_nanos(1_900_000_000, 500_000_000))
        .build()
}

type Sent =
    Result<GetTemporaryGluePartitionCredentialsOutput, SdkError<E, aws_sdk_lakeformation::config::http::HttpResponse>>;

/// Sends a partition request for `values` of [`ARN`].
async fn send(mock: &MockLakeFormation, values: &[&str]) -> Sent {
    mock.client().get_temporary_glue_partition_credentials().table_arn(ARN).partition(partition(values)).send().await
}

#[tokio::test]
async fn a_scripted_output_is_what_the_sdk_decodes() {
    let mock = MockLakeFormation::new();
    Rule::partition_credentials().respond_with(output("ASIAPARTITION0000001")).expect(1).mount(&mock);
    let got = send(&mock, &["2024", "eu"]).await.unwrap();
    assert_eq!(got.access_key_id(), Some("ASIAPARTITION0000001"));
    assert_eq!(got.secret_access_key(), Some(SECRET));
    assert_eq!(got.session_token(), Some(SESSION_TOKEN));
    assert_eq!(got.expiration(), Some(&DateTime::from_secs_and_nanos(1_900_000_000, 500_000_000)));
    assert!(got.request_id().is_some());
    let request = &mock.requests()[0];
    assert_eq!(request.operation(), &Operation::GetTemporaryGluePartitionCredentials);
    assert!(request.uri().ends_with("/GetTemporaryGluePartitionCredentials"), "{}", request.uri());
    assert_eq!(
        request.answer().reply().and_then(|r| r.partition_credentials_output()),
        Some(&output("ASIAPARTITION0000001"))
    );
    // The body is the service's: flat credentials, `Expiration` a number, no `VendedS3Path`.
    let reply = format!("{:?}", request.answer().reply().unwrap());
    assert!(!reply.contains(SECRET) && !reply.contains(SESSION_TOKEN), "{reply}");
}

#[tokio::test]
async fn another_operations_output_is_refused_for_a_partition_request() {
    // The scripted reply does not fit: the request goes unanswered on purpose.
    let mock = MockLakeFormation::builder().fail_on_unmatched(false).build();
    Rule::partition_credentials().respond_with(common::glue_output("ASIATABLE")).mount(&mock);
    let err = send(&mock, &["2024"]).await.unwrap_err();
    let text = common::chain(&err);
    assert!(text.contains("GetTemporaryGlueTableCredentials output was scripted"), "{text}");
}

#[tokio::test]
async fn every_modeled_error_decodes_to_its_variant_with_message_and_request_id() {
    type IsVariant = fn(&E) -> bool;
    let cases: [(ErrorCode, IsVariant); 6] = [
        (ErrorCode::AccessDenied, |e| matches!(e, E::AccessDeniedException(_))),
        (ErrorCode::EntityNotFound, |e| matches!(e, E::EntityNotFoundException(_))),
        (ErrorCode::InvalidInput, |e| matches!(e, E::InvalidInputException(_))),
        (ErrorCode::PermissionTypeMismatch, |e| matches!(e, E::PermissionTypeMismatchException(_))),
        (ErrorCode::InternalService, |e| matches!(e, E::InternalServiceException(_))),
        (ErrorCode::OperationTimeout, |e| matches!(e, E::OperationTimeoutException(_))),
    ];
    for (code, is_variant) in cases {
        assert!(code.is_modeled_for(&Operation::GetTemporaryGluePartitionCredentials), "{code}");
        let mock = MockLakeFormation::new();
        Rule::partition_credentials().respond_with(Reply::error(code, format!("scripted {code}"))).mount(&mock);
        let err = send(&mock, &["2024"]).await.unwrap_err().into_service_error();
        assert!(is_variant(&err), "{code}: {err:?}");
        assert_eq!(err.message(), Some(format!("scripted {code}").as_str()));
        // The last attempt's id (the SDK retries InternalServiceException).
        assert_eq!(err.meta().request_id(), mock.requests().last().unwrap().answer().request_id(), "{code}");
        assert!(err.meta().request_id().is_some());
    }
    // The SDK's own error values reply the same way.
    let mock = MockLakeFormation::new();
    let denied = aws_sdk_lakeformation::types::error::AccessDeniedException::builder().message("no").build();
    Rule::partition_credentials().respond_with(E::AccessDeniedException(denied)).mount(&mock);
    let err = send(&mock, &["2024"]).await.unwrap_err().into_service_error();
    assert!(matches!(&err, E::AccessDeniedException(e) if e.message() == Some("no")), "{err:?}");
    // A code the operation does not model arrives as `Unhandled`, its code kept.
    assert!(!ErrorCode::Conflict.is_modeled_for(&Operation::GetTemporaryGluePartitionCredentials));
    let mock = MockLakeFormation::new();
    Rule::partition_credentials().respond_with(Reply::error(ErrorCode::Conflict, "shared")).mount(&mock);
    let err = send(&mock, &["2024"]).await.unwrap_err().into_service_error();
    assert_eq!((err.code(), err.message()), (Some("ConflictException"), Some("shared")));
    assert!(!err.is_access_denied_exception() && !err.is_invalid_input_exception(), "{err:?}");
}

#[tokio::test]
async fn a_500_is_retried_then_succeeds_and_a_connector_fault_fails_the_dispatch() {
    let mock = MockLakeFormation::new();
    Rule::partition_credentials()
        .then(Reply::error(ErrorCode::InternalService, "try again"))
        .respond_with(output("ASIAAFTERRETRY"))
        .mount(&mock);
    let got = send(&mock, &["2024"]).await.unwrap();
    assert_eq!(got.access_key_id(), Some("ASIAAFTERRETRY"));
    let journal = mock.requests();
    assert_eq!(journal.len(), 2);
    assert_eq!(journal[0].answer().status_code(), Some(500));
    assert_eq!(journal[1].answer().status_code(), Some(200));

    let mock = MockLakeFormation::new();
    Rule::partition_credentials().respond_with(Fault::Io).mount(&mock);
    match send(&mock, &["2024"]).await.unwrap_err() {
        SdkError::DispatchFailure(failure) => assert!(failure.is_io(), "{failure:?}"),
        other => panic!("expected a dispatch failure, got {other:?}"),
    }
}

#[tokio::test(start_paused = true)]
async fn latency_and_sequences_apply() {
    // The third request finds the sequence used up and goes unanswered on purpose.
    let mock = MockLakeFormation::builder().fail_on_unmatched(false).build();
    Rule::partition_credentials()
        .then(Reply::from(output("ASIAFIRST")).delayed(Duration::from_secs(2)))
        .then(Reply::error(ErrorCode::EntityNotFound, "gone"))
        .expect(2)
        .mount(&mock);
    let start = tokio::time::Instant::now();
    assert_eq!(send(&mock, &["2024"]).await.unwrap().access_key_id(), Some("ASIAFIRST"));
    assert!(start.elapsed() >= Duration::from_secs(2), "{:?}", start.elapsed());
    let err = send(&mock, &["2024"]).await.unwrap_err().into_service_error();
    assert!(matches!(err, E::EntityNotFoundException(_)), "{err:?}");
    // The sequence is used up: the third request is unanswered, and names the rule to mount.
    let err = send(&mock, &["2024"]).await.unwrap_err();
    let SdkError::DispatchFailure(failure) = &err else { panic!("expected a dispatch failure, got {err:?}") };
    let connector = failure.as_connector_error().unwrap();
    let source = std::error::Error::source(connector).expect("the connector error carries the explanation");
    let message = &source.downcast_ref::<Unanswered>().expect("an Unanswered source").message;
    assert!(
        message.contains("Rule::partition_credentials().respond_with(GetTemporaryGluePartitionCredentialsOutput"),
        "{message}"
    );
}

#[tokio::test]
async fn the_journal_hands_back_the_input_as_sent() {
    let mock = MockLakeFormation::new();
    Rule::partition_credentials().respond_with(output("ASIAJOURNAL")).mount(&mock);
    mock.client()
        .get_temporary_glue_partition_credentials()
        .table_arn(ARN)
        .partition(partition(&["2024", "eu-west"]))
        .permissions(Permission::Select)
        .duration_seconds(3600)
        .audit_context(AuditContext::builder().additional_audit_context("job-7").build())
        .supported_permission_types(PermissionType::CellFilterPermission)
        .send()
        .await
        .unwrap();
    let inputs = mock.journal().partition_credentials_inputs();
    assert_eq!(inputs.len(), 1);
    let sent = &inputs[0];
    assert_eq!(sent.table_arn(), Some(ARN));
    assert_eq!(sent.partition().map(|p| p.values()), Some(["2024".to_owned(), "eu-west".to_owned()].as_slice()));
    assert_eq!(sent.audit_context().and_then(|a| a.additional_audit_context()), Some("job-7"));
    assert_eq!(sent.duration_seconds(), Some(3600));
    let request = &mock.requests()[0];
    assert_eq!(request.partition_credentials_input(), Some(sent));
    assert_eq!(request.audit_context().and_then(|a| a.additional_audit_context()), Some("job-7"));
    // The shared accessors see the partition input.
    let input = request.input().unwrap();
    assert_eq!(input.as_partition_credentials(), Some(sent));
    assert_eq!(input.table_arn(), Some(ARN));
    assert_eq!(input.partition_values().map(<[String]>::len), Some(2));
    assert_eq!(input.permissions(), Some([Permission::Select].as_slice()));
    assert_eq!(input.supported_permission_types(), Some([PermissionType::CellFilterPermission].as_slice()));
    assert_eq!(input.duration_seconds(), Some(3600));
    assert_eq!(input.query_session_context(), None);
    assert!(input.as_table_credentials().is_none() && input.as_data_location().is_none());
    assert!(mock.journal().table_credentials_inputs().is_empty());
    assert_eq!(mock.journal().audit_contexts().len(), 1);
    // The body is the SDK's: keys in order, no S3Path, no QuerySessionContext.
    let body = std::str::from_utf8(request.body_bytes()).unwrap();
    assert!(body.contains(r#""Partition":{"Values":["2024","eu-west"]}"#), "{body}");
}

#[tokio::test]
async fn partition_values_match_exactly_or_by_containment_and_mismatches_name_the_field() {
    // Requests no rule matches go unanswered on purpose.
    let mock = MockLakeFormation::builder().fail_on_unmatched(false).build();
    Rule::partition_credentials()
        .and(partition_values(["eu", "2024"]))
        .respond_with(output("ASIAEXACT"))
        .named("exact")
        .mount(&mock);
    Rule::partition_credentials().and(partition_values_contain("us")).respond_with(output("ASIACONTAINS")).mount(&mock);
    // In order: one value per partition key, so the same values in another order name
    // another partition.
    assert_eq!(send(&mock, &["eu", "2024"]).await.unwrap().access_key_id(), Some("ASIAEXACT"));
    assert!(send(&mock, &["2024", "eu"]).await.is_err(), "reordered values name another partition");
    assert_eq!(send(&mock, &["2023", "us"]).await.unwrap().access_key_id(), Some("ASIACONTAINS"));
    assert_eq!(mock.journal().count(&partition_values_contain("eu")), 2);
    assert_eq!(mock.journal().count(&partition_values(["2023", "us"])), 1);
    assert_eq!(mock.journal().count(&partition_values(["us", "2023"])), 0);

    let err = send(&mock, &["2024", "ap"]).await.unwrap_err();
    let text = common::chain(&err);
    assert!(text.contains(r#"Partition.Values: wanted ["eu", "2024"], found ["2024", "ap"]"#), "{text}");
    // A request of another operation has no partition values.
    let matcher = partition_values_contain("eu");
    let mock = MockLakeFormation::new();
    Rule::table_credentials().respond_with(common::glue_output("ASIATABLE")).mount(&mock);
    mock.client().get_temporary_glue_table_credentials().table_arn(ARN).send().await.unwrap();
    let mismatch = matcher.mismatch(&mock.requests()[0]).unwrap();
    assert_eq!((mismatch.field.as_str(), mismatch.found.as_str()), ("Partition.Values", "(absent)"));
}

#[tokio::test]
async fn the_shared_field_matchers_see_the_partition_input() {
    let mock = MockLakeFormation::new();
    Rule::partition_credentials()
        .and(table_arn(ARN))
        .and(permissions([Permission::Select]))
        .and(permissions_contain(Permission::Select))
        .and(supported_permission_types([PermissionType::ColumnPermission]))
        .and(duration_seconds(1800))
        .and(additional_audit_context("job-9"))
        .respond_with(output("ASIAEVERYFIELD"))
        .expect(1)
        .mount(&mock);
    let got = mock
        .client()
        .get_temporary_glue_partition_credentials()
        .table_arn(ARN)
        .partition(partition(&["2024"]))
        .permissions(Permission::Select)
        .supported_permission_types(PermissionType::ColumnPermission)
        .duration_seconds(1800)
        .audit_context(AuditContext::builder().additional_audit_context("job-9").build())
        .send()
        .await
        .unwrap();
    assert_eq!(got.access_key_id(), Some("ASIAEVERYFIELD"));
    // `Rule::new()` answers the partition operation too; a table rule does not.
    let mock = MockLakeFormation::new();
    Rule::table_credentials().and(table_arn(ARN)).respond_with(common::glue_output("ASIATABLE")).mount(&mock);
    Rule::new().respond_with(output("ASIAANY")).mount(&mock);
    assert_eq!(send(&mock, &["2024"]).await.unwrap().access_key_id(), Some("ASIAANY"));
}

/// The service's wording for one violation.
fn one(value: &str, field: &str, constraint: &str) -> String {
    format!("1 validation error detected: Value {value} at '{field}' failed to satisfy constraint: {constraint}")
}

#[tokio::test]
async fn invalid_requests_are_refused_with_the_services_message_and_consume_no_rule() {
    let client_for = |mock: &MockLakeFormation| mock.client();
    let mock = MockLakeFormation::new();
    Rule::partition_credentials().then(output("ASIAONCE")).named("once").mount(&mock);
    let client = client_for(&mock);
    let request = || client.get_temporary_glue_partition_credentials();
    let cases: Vec<(&str, Sent, String)> = vec![
        (
            "no TableArn",
            request().partition(partition(&["2024"])).send().await,
            one("null", "tableArn", "Member must not be null"),
        ),
        ("no Partition", request().table_arn(ARN).send().await, one("null", "partition", "Member must not be null")),
        (
            "empty Partition.Values",
            request().table_arn(ARN).partition(partition(&[])).send().await,
            one("'[]'", "partition.values", "Member must have length greater than or equal to 1"),
        ),
        (
            "duration too short",
            request().table_arn(ARN).partition(partition(&["2024"])).duration_seconds(899).send().await,
            one("'899'", "durationSeconds", "Member must have value greater than or equal to 900"),
        ),
        (
            "duration too long",
            request().table_arn(ARN).partition(partition(&["2024"])).duration_seconds(43_201).send().await,
            one("'43201'", "durationSeconds", "Member must have value less than or equal to 43200"),
        ),
        (
            "empty SupportedPermissionTypes",
            request()
                .table_arn(ARN)
                .partition(partition(&["2024"]))
                .set_supported_permission_types(Some(vec![]))
                .send()
                .await,
            one("'[]'", "supportedPermissionTypes", "Member must have length greater than or equal to 1"),
        ),
        (
            "unknown permission",
            request().table_arn(ARN).partition(partition(&["2024"])).permissions(Permission::from("READ")).send().await,
            one(
                "'[READ]'",
                "permissions",
                "Member must satisfy constraint: [Member must satisfy enum value set: [ALL, ALTER, ASSOCIATE, \
                 CREATE_CATALOG, CREATE_DATABASE, CREATE_LF_TAG, CREATE_LF_TAG_EXPRESSION, CREATE_TABLE, \
                 DATA_LOCATION_ACCESS, DELETE, DESCRIBE, DROP, EXECUTE, GRANT_WITH_LF_TAG_EXPRESSION, INSERT, \
                 SELECT, SUPER_USER]]",
            ),
        ),
        (
            "no TableArn and no Partition",
            request().send().await,
            "2 validation errors detected: Value null at 'tableArn' failed to satisfy constraint: Member must not \
             be null; Value null at 'partition' failed to satisfy constraint: Member must not be null"
                .to_owned(),
        ),
    ];
    for (name, sent, message) in cases {
        let err = sent.expect_err(name).into_service_error();
        assert!(matches!(err, E::InvalidInputException(_)), "{name}: {err:?}");
        assert_eq!(err.message(), Some(message.as_str()), "{name}");
    }
    for request in mock.requests() {
        assert_eq!(request.answer().source(), &Source::Validation);
    }
    assert_eq!(mock.calls_of("once"), Some(0));
    // The rule's one reply is still there for a valid request.
    assert_eq!(send(&mock, &["2024"]).await.unwrap().access_key_id(), Some("ASIAONCE"));
}

#[tokio::test]
async fn requests_at_the_edges_of_the_constraints_are_answered() {
    let mock = MockLakeFormation::new();
    Rule::partition_credentials().respond_with(output("ASIAEDGE")).mount(&mock);
    let client = mock.client();
    let request = || client.get_temporary_glue_partition_credentials().table_arn(ARN).partition(partition(&["2024"]));
    let ok = [
        ("duration 900", request().duration_seconds(900).send().await),
        ("duration 43200", request().duration_seconds(43_200).send().await),
        ("no optional field", request().send().await),
        ("empty Permissions", request().set_permissions(Some(vec![])).send().await),
        ("EXECUTE, newer than the SDK", request().permissions(Permission::from("EXECUTE")).send().await),
        (
            "every permission type",
            request()
                .set_supported_permission_types(Some(PermissionType::values().iter().map(|v| (*v).into()).collect()))
                .send()
                .await,
        ),
        ("an empty partition value", {
            client.get_temporary_glue_partition_credentials().table_arn(ARN).partition(partition(&[""])).send().await
        }),
        ("an empty audit context", request().audit_context(AuditContext::builder().build()).send().await),
    ];
    for (name, sent) in ok {
        assert_eq!(sent.expect(name).access_key_id(), Some("ASIAEDGE"), "{name}");
    }
    assert!(mock.requests().iter().all(|r| matches!(r.answer().source(), Source::Rule(_))));
    assert!(matches!(mock.requests()[0].input(), Some(Input::PartitionCredentials(_))));
}

#[tokio::test]
async fn expires_in_sets_the_partition_outputs_expiration_from_the_clients_clock() {
    use aws_smithy_async::test_util::ManualTimeSource;
    use std::time::UNIX_EPOCH;

    let mock = MockLakeFormation::new();
    Rule::partition_credentials()
        .respond_with(Reply::from(output("ASIALEASE")).expires_in(Duration::from_secs(900)))
        .mount(&mock);
    let clock = ManualTimeSource::new(UNIX_EPOCH + Duration::from_millis(1_700_000_000_750));
    let client = aws_sdk_lakeformation::Client::from_conf(mock.config_builder().time_source(clock).build());
    let got = client
        .get_temporary_glue_partition_credentials()
        .table_arn(ARN)
        .partition(partition(&["2024"]))
        .send()
        .await
        .unwrap();
    assert_eq!(got.expiration(), Some(&DateTime::from_secs(1_700_000_900)));
    assert_eq!(got.access_key_id(), Some("ASIALEASE"));
}
