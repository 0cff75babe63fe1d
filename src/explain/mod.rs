//! How answers explain themselves: the simulated lake's decision [`Trace`](crate::lake::Trace)s,
//! hints worded in the user's language (Rust, or fixture JSON), and how much of an input's own
//! text a message quotes.

pub(crate) mod echo;
pub(crate) mod hints;
pub(crate) mod trace;
