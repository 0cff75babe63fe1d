//! The integration tests, as one binary: each module is one area of the mock, each test goes
//! through a real `aws_sdk_lakeformation::Client` (or, for server mode, over loopback HTTP).
//! One binary links the SDK once instead of once per file.

mod common;
mod lake_support;
mod server_support;

mod closures;
mod concurrency;
mod errors;
mod fixture_errors;
mod fixture_glue;
mod fixture_mutations;
mod fixture_rules;
mod fixture_schema;
mod fixtures;
mod gate;
mod glue_handshake;
mod glue_matchers;
mod glue_partition;
mod glue_validation;
mod hostile_input;
mod lake_allowlisting;
mod lake_credentials;
mod lake_decisions;
mod lake_edit;
mod lake_fidelity;
mod lake_model;
mod lake_partition_model;
mod lake_partitions;
mod lake_permission_types;
mod lake_refusals;
mod lake_pinned;
mod lake_rules;
mod lake_strict;
mod lake_traces;
mod lake_validation;
mod layering;
mod matcher_work;
mod matchers;
mod model_drift;
mod relative_expiration;
mod reports;
mod retries_faults;
mod routing;
mod secrets;
mod server_cli;
mod server_fixture;
mod server_framing;
mod server_lake;
mod server_load;
mod server_sdk;
mod unanswered;
mod validation;
mod verification;
mod wire_roundtrip;
