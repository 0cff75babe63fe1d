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

    /// The refusal of `request`'s signer, when the service would refuse it before reading the
    /// request's input (a request both unsigned by a known caller and invalid gets the
    /// former): `None` when the caller is known, or the service checks its input first.
    fn authenticate(&self, request: &Request, now: SystemTime, language: Language) -> Option<Reply>;
}
