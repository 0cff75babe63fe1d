//! A bounded load test on loopback: concurrent SDK clients against one server, nothing lost.
#![cfg(feature = "server")]

use crate::server_support;

use aws_sdk_lakeformation::types::AuditContext;
use lakeformation_mock::server::MockServer;
use lakeformation_mock::{MockLakeFormation, Operation, Rule};
use server_support::*;
use std::collections::HashSet;
use std::time::Duration;

const CLIENTS: usize = 8;
const CALLS_PER_CLIENT: usize = 50;
const TIME_LIMIT: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_clients_lose_no_request_and_see_no_error() {
    let mock = MockLakeFormation::new();
    Rule::table_credentials().respond_with(glue_output("ASIALOADTABLE0000001")).named("table").mount(&mock);
    Rule::data_location().respond_with(data_location_output("ASIALOADLOCATION0001")).named("location").mount(&mock);
    let server = MockServer::start(&mock).unwrap();

    let mut tasks = Vec::new();
    for c in 0..CLIENTS {
        let client = client(&server.url());
        tasks.push(tokio::spawn(async move {
            let mut errors = Vec::new();
            for i in 0..CALLS_PER_CLIENT {
                let audit = AuditContext::builder().additional_audit_context(format!("client-{c}-call-{i}")).build();
                let key = if i % 2 == 0 {
                    client
                        .get_temporary_glue_table_credentials()
                        .table_arn(ARN)
                        .audit_context(audit)
                        .send()
                        .await
                        .map(|o| o.access_key_id().map(str::to_owned))
                        .map_err(|e| format!("{e:?}"))
                } else {
                    client
                        .get_temporary_data_location_credentials()
                        .audit_context(audit)
                        .send()
                        .await
                        .map(|o| o.credentials().and_then(|c| c.access_key_id()).map(str::to_owned))
                        .map_err(|e| format!("{e:?}"))
                };
                match key {
                    Ok(Some(key)) if key.starts_with("ASIALOAD") => {}
                    other => errors.push(format!("client {c} call {i}: {other:?}")),
                }
            }
            errors
        }));
    }
    let all = async {
        let mut errors = Vec::new();
        for task in tasks {
            errors.extend(task.await.unwrap());
        }
        errors
    };
    let errors = tokio::time::timeout(TIME_LIMIT, all).await.expect("the load test ran past its time limit");
    assert!(errors.is_empty(), "{} errors, first: {:?}", errors.len(), errors.first());

    let total = CLIENTS * CALLS_PER_CLIENT;
    let requests = mock.requests();
    assert_eq!(requests.len(), total, "every request is in the journal, once");
    assert_eq!(mock.journal().of(&Operation::GetTemporaryGlueTableCredentials).len(), total / 2);
    assert!(requests.iter().all(|r| r.answer().status_code() == Some(200)));
    let indices: Vec<usize> = requests.iter().map(|r| r.index()).collect();
    assert_eq!(indices, (0..total).collect::<Vec<_>>());
    let contexts: HashSet<String> =
        requests.iter().filter_map(|r| r.audit_context()?.additional_audit_context().map(str::to_owned)).collect();
    assert_eq!(contexts.len(), total, "each call recorded with its own AuditContext");
    assert_eq!(mock.calls_of("table"), Some(total as u64 / 2));
    assert_eq!(mock.calls_of("location"), Some(total as u64 / 2));
}
