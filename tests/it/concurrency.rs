//! Many tasks on many threads: every request is recorded exactly once, every scripted answer is
//! handed out exactly once.

use crate::common;

use lakeformation_mock::{MockLakeFormation, Rule};
use std::collections::HashSet;

const TASKS: usize = 32;
const CALLS: usize = 1_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn a_thousand_calls_from_32_tasks_are_journaled_once_each_and_share_out_a_sequence() {
    let mock = MockLakeFormation::new();
    let mut rule = Rule::table_credentials().named("distinct answers").expect(CALLS as u64);
    for i in 0..CALLS {
        rule = rule.then(common::glue_output(&format!("ASIA{i:016}")));
    }
    rule.mount(&mock);
    let client = mock.client();

    let mut handles = Vec::new();
    for task in 0..TASKS {
        let client = client.clone();
        handles.push(tokio::spawn(async move {
            let mut keys = Vec::new();
            // Spread the 1,000 calls over the tasks: 8 tasks do 32, 24 do 31.
            let calls = CALLS / TASKS + usize::from(task < CALLS % TASKS);
            for _ in 0..calls {
                let arn = format!("arn:aws:glue:us-east-1:123456789012:table/db/t{task}");
                let out = client.get_temporary_glue_table_credentials().table_arn(arn).send().await.unwrap();
                keys.push(out.access_key_id().unwrap().to_owned());
            }
            keys
        }));
    }
    let mut keys = Vec::new();
    for handle in handles {
        keys.extend(handle.await.unwrap());
    }

    assert_eq!(keys.len(), CALLS);
    let distinct: HashSet<&String> = keys.iter().collect();
    assert_eq!(distinct.len(), CALLS, "an answer was handed out twice");

    let journal = mock.requests();
    assert_eq!(journal.len(), CALLS);
    let indices: Vec<usize> = journal.iter().map(|r| r.index()).collect();
    assert_eq!(indices, (0..CALLS).collect::<Vec<_>>());
    for task in 0..TASKS {
        let arn = format!("arn:aws:glue:us-east-1:123456789012:table/db/t{task}");
        let expected = CALLS / TASKS + usize::from(task < CALLS % TASKS);
        assert_eq!(mock.journal().count(&lakeformation_mock::matchers::table_arn(arn)), expected);
    }
    assert_eq!(mock.calls_of("distinct answers"), Some(CALLS as u64));
    mock.verify();
}

#[test]
fn the_handle_and_what_it_hands_out_can_cross_threads() {
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<MockLakeFormation>();
    send_sync::<lakeformation_mock::Request>();
    send_sync::<lakeformation_mock::Reply>();
    send_sync::<Rule>();
    send_sync::<lakeformation_mock::lake::Lake>();
}

#[tokio::test]
async fn clones_share_rules_and_journal() {
    let mock = MockLakeFormation::new();
    let clone = mock.clone();
    Rule::table_credentials().respond_with(common::glue_output("ASIASHARED")).mount(&clone);
    let out = mock.client().get_temporary_glue_table_credentials().table_arn(common::ARN).send().await.unwrap();
    assert_eq!(out.access_key_id(), Some("ASIASHARED"));
    assert_eq!(clone.requests().len(), 1);
}
