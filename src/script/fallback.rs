//! What answers a request no rule matched: the small trait through which the core reaches the
//! simulated lake without knowing it.

use crate::explain::hints::Language;
use crate::{Reply, Request};
use std::time::SystemTime;

/// What answers a request no rule matched (the simulated lake).
pub(crate) trait Fallback: Send + Sync + std::any::Any {
    /// The reply for `request` at time `now` (read from the calling client's time source).
    /// Its hints are in `language`.
    fn answer(&self, request: &Request, now: SystemTime, language: Language) -> Reply;
}
