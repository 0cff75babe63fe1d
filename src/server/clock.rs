//! The server's clock: the system clock, plus however far a test has advanced it (control
//! endpoint `POST clock/advance`, [`MockServer::advance_clock`](super::MockServer::advance_clock)).
//!
//! In process a test pauses or advances the mock's time through the SDK client's time source;
//! a served mock has no such client, so the server keeps a clock of its own that every request
//! reads: `Expiration`s the lake vends and STS issues, and the leases S3 checks. Signatures are
//! still checked against the system clock, which the clients sign by.

use aws_smithy_async::time::TimeSource;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// The most a clock may be advanced in one call: a hundred years.
pub(crate) const MAX_ADVANCE: Duration = Duration::from_secs(100 * 365 * 24 * 3600);

/// The system clock plus an offset that only grows.
#[derive(Debug, Default, Clone)]
pub(crate) struct ServerClock {
    advanced_seconds: Arc<AtomicU64>,
}

impl ServerClock {
    /// Moves the clock `by` forward (whole seconds; never back, so a lease once expired stays
    /// expired) and returns how far it is now ahead of the system clock.
    pub(crate) fn advance(&self, by: Duration) -> Duration {
        let seconds = by.as_secs();
        let before = self.advanced_seconds.fetch_add(seconds, Ordering::SeqCst);
        Duration::from_secs(before.saturating_add(seconds))
    }

    /// How far the clock is ahead of the system clock.
    pub(crate) fn advanced(&self) -> Duration {
        Duration::from_secs(self.advanced_seconds.load(Ordering::SeqCst))
    }
}

impl TimeSource for ServerClock {
    fn now(&self) -> SystemTime {
        SystemTime::now() + self.advanced()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advancing_adds_up_and_the_clock_reads_ahead_of_the_system_clock() {
        let clock = ServerClock::default();
        assert_eq!(clock.advance(Duration::from_secs(3600)), Duration::from_secs(3600));
        assert_eq!(clock.advance(Duration::from_millis(1500)), Duration::from_secs(3601));
        let ahead = clock.now().duration_since(SystemTime::now()).unwrap();
        assert!(ahead > Duration::from_secs(3600) && ahead <= Duration::from_secs(3601), "{ahead:?}");
    }
}
