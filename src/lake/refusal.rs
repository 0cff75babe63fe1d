//! How the lake sends what it refuses ([`refusal_reply`], [`incomplete`]) and the times it
//! computes for what it issues ([`whole_second`], [`expiry`]): shared by vending and Glue's
//! handshake.

use super::behavior::Behavior;
use super::decide::Refusal;
use crate::explain::echo;
use crate::explain::hints::Language;
use crate::explain::trace::Trace;
use crate::{ErrorCode, Reply, ServiceError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The most bytes of a refusal's message: room for several echoed values of
/// [`MAX_ECHO`](crate::explain::echo::MAX_ECHO) bytes and the lake's own words.
const REFUSAL_ECHO: usize = 4 * echo::MAX_ECHO;

/// How the lake sends a refusal: its code (`AccessDenied` as [`Behavior::access_denied_code`]
/// and [`Behavior::access_denied_status`] say), and its message unless
/// [`Behavior::refusal_messages`] is off. The trace ends with what was sent, and the message in
/// full even when none is sent. A message longer than [`REFUSAL_ECHO`] bytes (one that quotes a
/// huge request value, such as a 1 MB `S3Path`) is cut, with what was left out counted.
pub(super) fn refusal_reply(behavior: &Behavior, refusal: Refusal, mut trace: Trace) -> Reply {
    let Refusal { code, message: full } = refusal;
    let full = echo::truncated_owned(full, REFUSAL_ECHO);
    let message = behavior.refusal_messages.then(|| full.clone());
    let error = if code == ErrorCode::AccessDenied {
        ServiceError::custom(behavior.access_denied_code.as_str(), message, behavior.access_denied_status)
    } else {
        ServiceError::custom(code.as_str(), message, code.default_status())
    };
    let sent = if behavior.refusal_messages { "" } else { " (sent without a message)" };
    trace.push(format!("answer: refused with {} (status {}){sent}: {full}", error.code(), error.status_code()));
    Reply::refused(error, trace)
}

/// What a lake's model lacks to answer: sent as a 400 with code `LakeFormationMockIncompleteModel`.
#[cfg(feature = "glue")]
pub(super) fn incomplete(message: String, mut trace: Trace) -> Reply {
    trace.push(format!("answer: the lake cannot answer: {message}"));
    let error = ServiceError::custom("LakeFormationMockIncompleteModel", Some(message), 400);
    Reply::refused(error, trace)
}

/// `time` truncated to the whole second before it (`UNIX_EPOCH` + whole seconds).
pub(super) fn whole_second(time: SystemTime) -> SystemTime {
    let whole = match time.duration_since(UNIX_EPOCH) {
        Ok(after) => UNIX_EPOCH.checked_add(Duration::from_secs(after.as_secs())),
        Err(before) => {
            let before = before.duration();
            let seconds = before.as_secs() + u64::from(before.subsec_nanos() > 0);
            UNIX_EPOCH.checked_sub(Duration::from_secs(seconds))
        }
    };
    whole.unwrap_or(time)
}

/// When `what`, issued at `issued_at` for `seconds`, expires: refused with
/// `InvalidInputException` when no such time exists (a client clock near the end of time), the
/// modeled error for a request the service cannot serve as given, with a message that says why
/// and how to fix it in `language`.
pub(super) fn expiry(
    issued_at: SystemTime,
    seconds: u64,
    what: &str,
    language: Language,
) -> Result<SystemTime, Refusal> {
    issued_at.checked_add(Duration::from_secs(seconds)).ok_or_else(|| {
        let clock = match issued_at.duration_since(UNIX_EPOCH) {
            Ok(after) => format!("{} seconds after the epoch", after.as_secs()),
            Err(before) => format!("{} seconds before the epoch", before.duration().as_secs()),
        };
        let fix = match language {
            Language::Rust => "Give the client a time source (`time_source`) near the present.",
            Language::Fixture => "Send the request from a client whose clock reads near the present.",
        };
        Refusal {
            code: ErrorCode::InvalidInput,
            message: format!(
                "The request's time is out of range: the calling client's clock reads {clock}, and {what} valid for \
                 {seconds} seconds from then would expire at a time that cannot be represented. {fix}"
            ),
        }
    })
}
