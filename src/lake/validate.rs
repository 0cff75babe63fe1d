//! The lake's input checks: the model's constraints (see [`crate::services::validation`]), with the
//! lake's own `DurationSeconds` caps below the model's 43,200 (the docs cap the table operation
//! at 21,600, and the partition operation with it; see [`Behavior`]).

use super::behavior::Behavior;
use crate::services::lakeformation::{data_location, partition as glue_partition, table as glue_table};
use crate::services::validation::{MAX_DURATION_SECONDS, Violations, quoted};
use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsInput;
use aws_sdk_lakeformation::operation::get_temporary_glue_partition_credentials::GetTemporaryGluePartitionCredentialsInput;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsInput;

/// Adds a violation for a `DurationSeconds` within the model's range but above the lake's `cap`.
fn capped(mut v: Violations, duration: Option<i32>, cap: i32) -> Result<(), String> {
    if let Some(seconds) = duration.filter(|s| (cap.saturating_add(1)..=MAX_DURATION_SECONDS).contains(s)) {
        let constraint = format!("Member must have value less than or equal to {cap}");
        v.push(&quoted(&seconds.to_string()), "durationSeconds", &constraint);
    }
    v.into_result()
}

/// Checks a `GetTemporaryGlueTableCredentials` input; the error is the `InvalidInputException`
/// message.
pub(crate) fn glue_table(input: &GetTemporaryGlueTableCredentialsInput, behavior: &Behavior) -> Result<(), String> {
    capped(glue_table::violations(input), input.duration_seconds(), behavior.table_max_duration_seconds)
}

/// Checks a `GetTemporaryDataLocationCredentials` input; the error is the `InvalidInputException`
/// message.
pub(crate) fn data_location(
    input: &GetTemporaryDataLocationCredentialsInput,
    behavior: &Behavior,
) -> Result<(), String> {
    capped(data_location::violations(input), input.duration_seconds(), behavior.data_location_max_duration_seconds)
}

/// Checks a `GetTemporaryGluePartitionCredentials` input (capped as the table operation is);
/// the error is the `InvalidInputException` message.
pub(crate) fn glue_partition(
    input: &GetTemporaryGluePartitionCredentialsInput,
    behavior: &Behavior,
) -> Result<(), String> {
    capped(glue_partition::violations(input, false), input.duration_seconds(), behavior.table_max_duration_seconds)
}
