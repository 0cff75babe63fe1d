//! How the lake sends what it refuses ([`refusal_reply`], [`incomplete`]): shared by vending and
//! Glue's handshake.

use super::behavior::Behavior;
use super::decide::Refusal;
use crate::explain::echo;
use crate::explain::trace::Trace;
use crate::{ErrorCode, Reply, ServiceError};

// The issue-time arithmetic moved to `times.rs`; re-exported while `answer.rs` imports it from here.

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
