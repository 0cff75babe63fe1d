//! The control endpoints under [`CONTROL_PREFIX`]: journal, reset, fixture, verification, health.

use super::journal_json;
use super::shared::{CONTROL_PREFIX, Response, State, error_response};
use crate::MockLakeFormation;
use crate::fixture::Scenario;
use bytes::Bytes;
use http_body_util::Full;

/// An endpoint under [`CONTROL_PREFIX`].
#[derive(Clone, Copy)]
enum Endpoint {
    Health,
    Journal,
    JournalReset,
    Fixture,
    Verify,
    Clock,
    ClockAdvance,
}

impl Endpoint {
    /// Every endpoint, in the order a wrong control request lists them. A variant left out of
    /// it is never constructed, which the build warns of (`dead_code`, an error in CI).
    const ALL: [Endpoint; 7] = [
        Endpoint::Health,
        Endpoint::Journal,
        Endpoint::JournalReset,
        Endpoint::Fixture,
        Endpoint::Verify,
        Endpoint::Clock,
        Endpoint::ClockAdvance,
    ];

    /// Its path under [`CONTROL_PREFIX`].
    fn path(self) -> &'static str {
        match self {
            Endpoint::Health => "health",
            Endpoint::Journal => "journal",
            Endpoint::JournalReset => "journal/reset",
            Endpoint::Fixture => "fixture",
            Endpoint::Verify => "verify",
            Endpoint::Clock => "clock",
            Endpoint::ClockAdvance => "clock/advance",
        }
    }

    /// The one method it takes.
    fn method(self) -> &'static str {
        match self {
            Endpoint::Health | Endpoint::Journal | Endpoint::Verify | Endpoint::Clock => "GET",
            Endpoint::JournalReset | Endpoint::Fixture | Endpoint::ClockAdvance => "POST",
        }
    }
}

/// The endpoints as the answer to a wrong control request lists them: `GET health, ...`.
fn endpoint_list() -> String {
    Endpoint::ALL.iter().map(|e| format!("{} {}", e.method(), e.path())).collect::<Vec<_>>().join(", ")
}

fn json(status: u16, value: &serde_json::Value) -> Response {
    hyper::Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(value.to_string())))
        .expect("a static status and header make a valid response")
}

fn text(status: u16, body: String) -> Response {
    hyper::Response::builder()
        .status(status)
        .header("content-type", "text/plain; charset=utf-8")
        .body(Full::new(Bytes::from(body)))
        .expect("a static status and header make a valid response")
}

fn wants_text(parts: &http::request::Parts) -> bool {
    let accept = parts.headers.get(http::header::ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or_default();
    accept.contains("text/plain") && !accept.contains("application/json")
}

/// Loads the fixture in `body` into the served mock, off the async workers: parsing and mounting
/// a large fixture takes a while, and the server keeps answering meanwhile.
async fn load_fixture(state: &State, body: Bytes) -> Response {
    let mock = state.mock.clone();
    match tokio::task::spawn_blocking(move || load_fixture_now(&mock, &body)).await {
        Ok(response) => response,
        Err(e) => error_response(
            500,
            "LakeFormationMockInternalError",
            &format!("lakeformation-mock: loading the fixture failed (a bug; please report it): {e}"),
        ),
    }
}

/// Loads the fixture in `body` into `mock`: its rules are added after those mounted, and its
/// lake (if it has one) replaces the current one. Its settings are not applied.
fn load_fixture_now(mock: &MockLakeFormation, body: &Bytes) -> Response {
    let Ok(text) = std::str::from_utf8(body) else {
        return error_response(
            400,
            "LakeFormationMockInvalidFixture",
            "lakeformation-mock: the fixture is not UTF-8 text",
        );
    };
    match Scenario::from_json_str(text) {
        Ok(scenario) => {
            let rules_added = scenario.rule_count();
            mock.load_scenario(&scenario);
            json(
                200,
                &serde_json::json!({
                    "loaded": true,
                    "rules_added": rules_added,
                    "rule_count": mock.rule_count(),
                    "lake": scenario.has_lake(),
                }),
            )
        }
        Err(e) => {
            error_response(400, "LakeFormationMockInvalidFixture", &format!("lakeformation-mock: invalid fixture: {e}"))
        }
    }
}

/// What `GET clock` and `POST clock/advance` answer: the time the server's clock reads and how
/// far it is ahead of the system clock.
fn clock_json(state: &State) -> Response {
    let now = aws_smithy_async::time::TimeSource::now(&state.clock);
    let now =
        aws_smithy_types::DateTime::from(now).fmt(aws_smithy_types::date_time::Format::DateTime).unwrap_or_default();
    json(200, &serde_json::json!({ "now": now, "advanced_seconds": state.clock.advanced().as_secs() }))
}

/// Moves the server's clock forward by the body's `{"seconds": n}`.
fn advance_clock(state: &State, body: &Bytes) -> Response {
    let max = super::clock::MAX_ADVANCE.as_secs();
    let seconds = serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v.as_object()?.get("seconds")?.as_u64())
        .filter(|&n| n <= max);
    let Some(seconds) = seconds else {
        return error_response(
            400,
            "LakeFormationMockInvalidClock",
            &format!(
                "lakeformation-mock: POST {CONTROL_PREFIX}clock/advance takes a JSON object {{\"seconds\": n}} with n a \
                 whole number of seconds from 0 to {max}; the body was {}",
                crate::explain::echo::truncated(&String::from_utf8_lossy(body), 200)
            ),
        );
    };
    state.clock.advance(std::time::Duration::from_secs(seconds));
    clock_json(state)
}

/// Answers one control request.
pub(crate) async fn handle(state: &State, parts: &http::request::Parts, body: Bytes) -> Response {
    let endpoint = parts.uri.path().strip_prefix(CONTROL_PREFIX).unwrap_or_default().trim_end_matches('/');
    let method = &parts.method;
    let Some(&found) = Endpoint::ALL.iter().find(|e| e.path() == endpoint) else {
        return error_response(
            404,
            "LakeFormationMockUnknownControlEndpoint",
            &format!(
                "lakeformation-mock: there is no control endpoint {CONTROL_PREFIX}{endpoint}; \
                 the endpoints under {CONTROL_PREFIX} are: {}",
                endpoint_list()
            ),
        );
    };
    let allowed = found.method();
    if method.as_str() != allowed {
        let mut response = error_response(
            405,
            "LakeFormationMockMethodNotAllowed",
            &format!(
                "lakeformation-mock: {method} is not allowed on {CONTROL_PREFIX}{endpoint} (it takes {allowed}); \
                 the endpoints are: {}",
                endpoint_list()
            ),
        );
        // RFC 9110: a 405 lists the methods the resource supports.
        response.headers_mut().insert(http::header::ALLOW, http::HeaderValue::from_static(allowed));
        return response;
    }
    match found {
        Endpoint::Health => json(200, &serde_json::json!({ "ok": true })),
        Endpoint::Journal => json(200, &journal_json::journal(&state.mock.requests())),
        Endpoint::JournalReset => {
            let journal = state.mock.journal();
            let cleared = journal.len();
            journal.clear();
            json(200, &serde_json::json!({ "cleared": cleared }))
        }
        Endpoint::Fixture => load_fixture(state, body).await,
        Endpoint::Clock => clock_json(state),
        Endpoint::ClockAdvance => advance_clock(state, &body),
        Endpoint::Verify => {
            let report = state.mock.report();
            if wants_text(parts) {
                text(200, report.to_string())
            } else {
                json(200, &serde_json::json!({ "passed": !report.failed(), "report": report.to_string() }))
            }
        }
    }
}
