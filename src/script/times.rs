//! How many calls a rule expects.

use std::fmt;
use std::ops::{Range, RangeFrom, RangeInclusive, RangeTo, RangeToInclusive};

/// An expected number of calls: exact, a range, at least, at most, or never.
///
/// Integers and ranges convert into it, so `rule.expect(1)`, `rule.expect(1..=3)` and
/// `rule.expect(2..)` all read naturally.
///
/// ```
/// use lakeformation_mock::Times;
///
/// assert!(Times::from(1..=3).contains(2));
/// assert!(!Times::at_least(2).contains(1));
/// assert_eq!(Times::never().to_string(), "never");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Times {
    min: u64,
    max: Option<u64>,
}

impl Times {
    /// Exactly `n` calls.
    pub fn exactly(n: u64) -> Self {
        Times { min: n, max: Some(n) }
    }

    /// No call at all.
    pub fn never() -> Self {
        Times::exactly(0)
    }

    /// `n` calls or more.
    pub fn at_least(n: u64) -> Self {
        Times { min: n, max: None }
    }

    /// At most `n` calls.
    pub fn at_most(n: u64) -> Self {
        Times { min: 0, max: Some(n) }
    }

    /// Between `min` and `max` calls, both included.
    ///
    /// # Panics
    /// When `min > max`: such an expectation could never be met.
    #[track_caller]
    pub fn between(min: u64, max: u64) -> Self {
        assert!(
            min <= max,
            "Times::between({min}, {max}): the minimum is above the maximum, so no call count could meet it"
        );
        Times { min, max: Some(max) }
    }

    /// Whether `calls` meets the expectation.
    pub fn contains(&self, calls: u64) -> bool {
        calls >= self.min && self.max.is_none_or(|max| calls <= max)
    }

    /// Whether `calls` is more than the expectation allows.
    pub(crate) fn is_exceeded_by(&self, calls: u64) -> bool {
        self.max.is_some_and(|max| calls > max)
    }
}

impl fmt::Display for Times {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: u64| if n == 1 { "call" } else { "calls" };
        match (self.min, self.max) {
            (0, Some(0)) => f.write_str("never"),
            (min, Some(max)) if min == max => write!(f, "exactly {min} {}", plural(min)),
            (0, Some(max)) => write!(f, "at most {max} {}", plural(max)),
            (min, Some(max)) => write!(f, "between {min} and {max} calls"),
            (min, None) => write!(f, "at least {min} {}", plural(min)),
        }
    }
}

impl From<u64> for Times {
    fn from(n: u64) -> Self {
        Times::exactly(n)
    }
}

impl From<RangeInclusive<u64>> for Times {
    #[track_caller]
    fn from(r: RangeInclusive<u64>) -> Self {
        Times::between(*r.start(), *r.end())
    }
}

impl From<Range<u64>> for Times {
    #[track_caller]
    fn from(r: Range<u64>) -> Self {
        assert!(r.start < r.end, "the call-count range {r:?} is empty");
        Times::between(r.start, r.end - 1)
    }
}

impl From<RangeFrom<u64>> for Times {
    fn from(r: RangeFrom<u64>) -> Self {
        Times::at_least(r.start)
    }
}

impl From<RangeTo<u64>> for Times {
    #[track_caller]
    fn from(r: RangeTo<u64>) -> Self {
        assert!(r.end > 0, "the call-count range ..0 is empty");
        Times::at_most(r.end - 1)
    }
}

impl From<RangeToInclusive<u64>> for Times {
    fn from(r: RangeToInclusive<u64>) -> Self {
        Times::at_most(r.end)
    }
}
