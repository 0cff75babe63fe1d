//! What one S3 request is answered with ([`Context`]: the lake, the mock's clock, the objects)
//! and what was learnt while answering it ([`Seen`]: the operation, the key, the decision),
//! which the journal records.

use super::operation::S3Operation;
use super::store::Store;
use crate::explain::hints::Language;
use crate::explain::trace::Trace;
use crate::lake::Lake;
use crate::lake::s3_access::S3Key;
use s3s::{S3Error, S3ErrorCode};
use std::sync::{Mutex, MutexGuard};
use std::time::SystemTime;

/// One request's context, shared by s3s's hooks (auth, access, the operations).
pub(crate) struct Context {
    pub(crate) lake: Option<Lake>,
    /// The mock's clock for this request, which leases are checked against: the calling
    /// client's time source (the server's clock in server mode, which a test may advance).
    pub(crate) now: SystemTime,
    /// The clock a request's signing time (`X-Amz-Date`, a presigned URL's lease) is checked
    /// against: the client's own time source in process, the system clock in server mode, where
    /// clients sign by the clocks they run on.
    pub(crate) signing_now: SystemTime,
    pub(crate) store: Store,
    pub(crate) request_id: String,
    pub(crate) language: Language,
    /// The operations beyond GetObject, HeadObject and ListObjectsV2 a READ key may call (the
    /// lake's `Behavior::s3_read_also_allows`).
    pub(crate) read_also_allows: Vec<String>,
    pub(crate) seen: Mutex<Seen>,
}

/// What the request turned out to be, as s3s read it.
#[derive(Default)]
pub(crate) struct Seen {
    pub(crate) operation: Option<S3Operation>,
    pub(crate) bucket: Option<String>,
    pub(crate) object: Option<String>,
    pub(crate) prefix: Option<String>,
    pub(crate) access_key_id: Option<String>,
    /// What the lake knows of the key.
    pub(crate) key: Option<S3Key>,
    pub(crate) trace: Trace,
    /// The error code the request was refused with, if it was.
    pub(crate) refused: Option<String>,
}

impl Context {
    pub(crate) fn seen(&self) -> MutexGuard<'_, Seen> {
        self.seen.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds a step to the decision trace.
    pub(crate) fn step(&self, step: String) {
        self.seen().trace.push(step);
    }

    /// An S3 error with `code` and `message` (and the request's id), its reason in the trace.
    pub(crate) fn refuse(&self, code: S3ErrorCode, message: String) -> S3Error {
        {
            let mut seen = self.seen();
            seen.trace.push(format!("refused: {}: {message}", code.as_str()));
            seen.refused = Some(code.as_str().to_owned());
        }
        let mut error = S3Error::with_message(code, message);
        error.set_request_id(self.request_id.clone());
        error
    }
}
