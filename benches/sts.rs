//! The cost of STS `AssumeRole` through the mock (feature `sts`): the simulated lake answering
//! an `aws_sdk_sts::Client` (caller, trust, durations and tags checked, keys drawn, the session
//! kept, the XML answer written and journaled) against the same client over a canned-body HTTP
//! client that answers the same XML at once (the SDK pipeline with nothing behind it).
//!
//! `cargo bench --features sts --bench sts` prints `sts_assume_role_vs_floor`. For instruction
//! counts, `LAKEFORMATION_MOCK_PROBE=lake:2000 valgrind --tool=callgrind
//! --toggle-collect='*measured_calls*' target/release/deps/sts-<hash>` (variants `floor`, `lake`).

#[allow(dead_code)] // the set-up of the Lake Formation benches; this one uses its samples and comparison
mod common;

use aws_sdk_sts::Client;
use aws_sdk_sts::types::Tag;
use common::{Samples, Variant};
use lakeformation_mock::MockLakeFormation;
use lakeformation_mock::lake::{Lake, Principal, Role};
use std::time::{Duration, Instant};

const ROLE_ARN: &str = "arn:aws:iam::123456789012:role/bench-engine";

/// What STS answers `AssumeRole` with: credentials as long as real ones, the session's user.
fn body() -> String {
    format!(
        "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult><Credentials>\
         <AccessKeyId>ASIABENCHMARK0000001</AccessKeyId><SecretAccessKey>bench/secret+not+real+00000000000000000</SecretAccessKey>\
         <SessionToken>{}</SessionToken><Expiration>2030-03-17T17:46:40Z</Expiration></Credentials><AssumedRoleUser>\
         <Arn>arn:aws:sts::123456789012:assumed-role/bench-engine/bench</Arn><AssumedRoleId>AROABENCHMARK:bench</AssumedRoleId>\
         </AssumedRoleUser><PackedPolicySize>0</PackedPolicySize></AssumeRoleResult><ResponseMetadata>\
         <RequestId>00000000-0000-4000-8000-000000000001</RequestId></ResponseMetadata></AssumeRoleResponse>",
        "IQoJbm90LWEtcmVhbC1zZXNzaW9uLXRva2VuLWZvci1iZW5jaG1hcmtz".repeat(11)
    )
}

/// The floor: the mock's STS client configuration over a canned-body HTTP client.
fn floor_client() -> Client {
    let mock = MockLakeFormation::builder().verify_on_drop(false).build();
    let body = body();
    let canned = aws_smithy_http_client::test_util::infallible_client_fn(move |_| {
        http::Response::builder()
            .status(200)
            .header("content-type", "text/xml")
            .header("x-amzn-requestid", "00000000-0000-4000-8000-000000000001")
            .body(body.clone())
            .unwrap()
    });
    Client::from_conf(mock.sts_config_builder().http_client(canned).build())
}

/// A fresh mock whose lake lets the bench principal assume the role, and its STS client.
fn lake_client() -> Client {
    let lake = Lake::builder()
        .principal(Principal::new(common::PRINCIPAL_KEY, "arn:aws:iam::123456789012:user/bench"))
        .role(Role::new(ROLE_ARN).trusts("arn:aws:iam::123456789012:user/bench"))
        .seed(1)
        .build();
    let mock = MockLakeFormation::builder().verify_on_drop(false).build().with_lake(&lake);
    mock.sts_client_as(common::PRINCIPAL_KEY)
}

/// The call measured: `AssumeRole` with a session name, a duration and the allowlisting tag.
async fn assume(client: &Client) {
    let out = client
        .assume_role()
        .role_arn(ROLE_ARN)
        .role_session_name("bench")
        .duration_seconds(900)
        .tags(Tag::builder().key("LakeFormationAuthorizedCaller").value("bench-engine").build().unwrap())
        .send()
        .await
        .expect("every benchmarked AssumeRole succeeds");
    std::hint::black_box(out);
}

/// The calls a probe run counts (callgrind's `--toggle-collect='*measured_calls*'`).
#[inline(never)]
fn measured_calls(rt: &tokio::runtime::Runtime, client: &Client, calls: u64) {
    rt.block_on(async {
        for _ in 0..calls {
            assume(client).await;
        }
    });
}

fn main() {
    if let Some((variant, calls)) = common::probe_spec() {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let client = match variant.as_str() {
            "floor" => floor_client(),
            "lake" => lake_client(),
            other => panic!("LAKEFORMATION_MOCK_PROBE: no variant {other:?} (floor or lake)"),
        };
        rt.block_on(assume(&client));
        common::time_probe(&variant, calls, || measured_calls(&rt, &client, calls));
        return;
    }
    let mut c = common::criterion();
    let samples = Samples::default();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let run = |make: fn() -> Client| {
        let rt = &rt;
        move |iters: u64| -> (Duration, u64) {
            let client = make();
            rt.block_on(assume(&client));
            let start = Instant::now();
            rt.block_on(async {
                for _ in 0..iters {
                    assume(&client).await;
                }
            });
            (start.elapsed(), iters)
        }
    };
    let (floor, lake) = (run(floor_client), run(lake_client));
    let variants: [Variant<'_>; 2] = [("sts_floor", &floor), ("sts_lake", &lake)];
    common::compare(&mut c, &samples, "sts_assume_role", &variants);
    c.final_summary();
    println!();
    println!("sts_floor_ns_per_call: {:.0}", samples.median("sts_floor"));
    println!("sts_assume_role_vs_floor: {:.3}", samples.ratio("sts_lake", "sts_floor"));
}
