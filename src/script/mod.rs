//! What a test scripts: [`Rule`](crate::Rule)s and the set they are mounted in, the
//! [`matchers`](crate::matchers) that pick requests, the [`Reply`](crate::Reply)s and sequences
//! they answer with, [`Gate`](crate::Gate)s, expected call counts, and the fallback that answers
//! what no rule matches.

pub(crate) mod closures;
pub(crate) mod fallback;
pub(crate) mod gate;
pub mod matchers;
pub(crate) mod reply;
pub(crate) mod rule;
pub(crate) mod rule_handle;
pub(crate) mod rule_set;
pub(crate) mod times;
