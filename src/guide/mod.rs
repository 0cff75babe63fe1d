//! The guide: how to use each part of the mock, with examples that run (doc-only modules, as
//! clap's `_tutorial` and `_cookbook`; they hold no code). The [crate page](crate) is the first
//! ten minutes; this is the rest, one topic a page:
//!
//! | page | what it covers |
//! |---|---|
//! | [`replies`] | what a rule answers with: outputs, modeled errors, raw HTTP, faults, latency; what the mock refuses before any rule answers |
//! | [`rules`] | matchers, sequences, priorities, names, expectations and verification; partition credentials |
//! | [`journal`] | every request recorded as the SDK's typed input; filters and assertions; unanswered requests; tracing |
//! | [`lake`] | the simulated lake that decides as the service does, and explains each decision |
//! | [`glue`] | Glue's side of the query-authorization handshake (feature `glue`) |
//! | [`sts`] | the roles an engine assumes with STS, and the sessions Lake Formation and Glue then know (feature `sts`) |
//! | [`s3`] | the mock's S3: objects in memory, reached only with the keys the lake vended (feature `s3`) |
//! | [`fixtures`] | scenarios in versioned JSON files, key by key; recording a run as a fixture |
//! | [`server`] | the same mock over HTTP, for other languages and the AWS CLI (features `server`, `cli`) |

#[doc = include_str!("replies.md")]
pub mod replies {}

#[doc = include_str!("rules.md")]
pub mod rules {}

#[doc = include_str!("journal.md")]
pub mod journal {}

#[doc = include_str!("lake.md")]
pub mod lake {}

#[doc = include_str!("glue.md")]
pub mod glue {}

#[doc = include_str!("sts.md")]
pub mod sts {}
#[doc = include_str!("s3.md")]
pub mod s3 {}

#[doc = include_str!("fixtures.md")]
#[doc = "\n"]
#[doc = include_str!("../fixture/format.md")]
#[doc = "\n"]
#[doc = include_str!("fixture_examples.md")]
pub mod fixtures {}

#[doc = include_str!("server.md")]
pub mod server {}
