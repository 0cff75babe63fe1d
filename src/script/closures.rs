//! User closures (matcher predicates, reply closures) run with their panics caught, so that a
//! panicking closure fails the one request it was asked about instead of the SDK call's task,
//! and leaves the mock's bookkeeping as it was.

use std::panic::{AssertUnwindSafe, catch_unwind};

/// Runs `f`; a panic becomes `Err` with the panic's message.
///
/// `AssertUnwindSafe` is sound here: the closures see a request by shared reference, and no
/// lock of the mock is held while they run, so nothing is left half-changed by the unwind.
pub(crate) fn caught<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic with a payload that is not text".to_owned())
    })
}
