//! `GetTemporaryGluePartitionCredentials`: `POST /GetTemporaryGluePartitionCredentials`,
//! credentials for one partition of a Glue table.
//!
//! The table operation's sibling: `TableArn` and `Partition.Values` name the partition; there is
//! no `S3Path` nor `QuerySessionContext`, and the answer has no `VendedS3Path`.

use super::modeled::Modeled;
use super::shapes::{self, AuditContextBody, EnumList, credentials_json, to_json};
use crate::services::input_error::InputError;
use crate::services::validation::{MAX_DURATION_SECONDS, Violations};
use crate::{Input, Operation};
use aws_sdk_lakeformation::operation::get_temporary_glue_partition_credentials::{
    GetTemporaryGluePartitionCredentialsInput, GetTemporaryGluePartitionCredentialsOutput,
};
use aws_sdk_lakeformation::types::{PartitionValueList, Permission, PermissionType};
use aws_smithy_types::DateTime;
use serde::Deserialize;
use std::fmt;

pub(crate) static MODELED: Modeled = Modeled {
    operation: Operation::GetTemporaryGluePartitionCredentials,
    rule: "Rule::partition_credentials()",
    output_type: "GetTemporaryGluePartitionCredentialsOutput",
    // The model lists the table operation's errors for it.
    errors: super::table::ERRORS,
    parse,
    validate,
};

/// The request body.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Body {
    table_arn: Option<String>,
    #[serde(default, deserialize_with = "crate::services::json_checks::object")]
    partition: Option<PartitionBody>,
    permissions: Option<EnumList<Permission>>,
    duration_seconds: Option<i32>,
    #[serde(default, deserialize_with = "crate::services::json_checks::object")]
    audit_context: Option<AuditContextBody>,
    supported_permission_types: Option<EnumList<PermissionType>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PartitionBody {
    values: Option<Vec<String>>,
}

/// Whether the body carries a `Partition` without `Values` (or with `"Values": null`).
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PartitionOnly {
    #[serde(default, deserialize_with = "crate::services::json_checks::object")]
    partition: Option<PartitionBody>,
}

fn parse(body: &[u8]) -> Result<Input, InputError> {
    let name = MODELED.operation.name();
    let b: Body = shapes::body(name, body)?;
    // The SDK's `PartitionValueList` cannot be built without `Values` (the SDK always sends
    // them): a body without them is read as an empty list, and validation, which sees the body,
    // refuses it with the service's "must not be null".
    let partition = b.partition.map(|p| PartitionValueList::builder().set_values(Some(p.values.unwrap_or_default())));
    let partition =
        partition.map(|p| p.build()).transpose().map_err(|e| shapes::malformed(name, e.to_string(), 1, 1))?;
    let input = GetTemporaryGluePartitionCredentialsInput::builder()
        .set_table_arn(b.table_arn)
        .set_partition(partition)
        .set_permissions(b.permissions.map(|list| list.0))
        .set_duration_seconds(b.duration_seconds)
        .set_audit_context(shapes::audit(b.audit_context))
        .set_supported_permission_types(b.supported_permission_types.map(|list| list.0))
        .build()
        .map_err(|e| shapes::malformed(name, e.to_string(), 1, 1))?;
    Ok(Input::PartitionCredentials(input))
}

fn validate(input: &Input, body: &[u8]) -> Violations {
    match input {
        Input::PartitionCredentials(input) => {
            // Only an empty list can stand for absent `Values`: then read the body again.
            let values_absent = input.partition().is_some_and(|p| p.values().is_empty())
                && shapes::body::<PartitionOnly>("", body)
                    .is_ok_and(|b| b.partition.is_some_and(|p| p.values.is_none()));
            violations(input, values_absent)
        }
        _ => Violations::default(),
    }
}

/// The model's constraints `input` breaks, in member order (`values_absent`: the body's
/// `Partition` had no `Values`, which the input shows as an empty list).
pub(crate) fn violations(input: &GetTemporaryGluePartitionCredentialsInput, values_absent: bool) -> Violations {
    let mut v = Violations::default();
    if input.table_arn().is_none() {
        v.push("null", "tableArn", "Member must not be null");
    }
    match input.partition() {
        None => v.push("null", "partition", "Member must not be null"),
        Some(_) if values_absent => v.push("null", "partition.values", "Member must not be null"),
        Some(partition) => v.string_list(partition.values(), "partition.values", 1, usize::MAX),
    }
    v.enum_list(input.permissions.as_deref(), "permissions", 0, usize::MAX);
    v.duration(input.duration_seconds(), MAX_DURATION_SECONDS);
    v.audit_context(input.audit_context());
    v.enum_list(input.supported_permission_types.as_deref(), "supportedPermissionTypes", 1, 255);
    v
}

/// The response body: the credentials, at the top level (no `VendedS3Path`).
pub(crate) fn output_body(o: &GetTemporaryGluePartitionCredentialsOutput) -> Result<Vec<u8>, String> {
    let body = credentials_json(o.access_key_id(), o.secret_access_key(), o.session_token(), o.expiration())?;
    to_json(&body, body.text_len() + shapes::JSON_OVERHEAD)
}

pub(crate) fn expiring_at(
    output: &GetTemporaryGluePartitionCredentialsOutput,
    expiration: DateTime,
) -> GetTemporaryGluePartitionCredentialsOutput {
    let mut output = output.clone();
    output.expiration = Some(expiration);
    output
}

pub(crate) fn debug_fields<'s, 'a, 'b>(
    o: &GetTemporaryGluePartitionCredentialsOutput,
    s: &'s mut fmt::DebugStruct<'a, 'b>,
) -> &'s mut fmt::DebugStruct<'a, 'b> {
    s.field("GetTemporaryGluePartitionCredentialsOutput.access_key_id", &o.access_key_id)
        .field("secret_access_key", &o.secret_access_key.as_ref().map(|_| crate::REDACTED))
        .field("session_token", &o.session_token.as_ref().map(|_| crate::REDACTED))
        .field("expiration", &o.expiration)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(body: &str) -> Result<(), String> {
        let input = parse(body.as_bytes()).unwrap();
        validate(&input, body.as_bytes()).into_result()
    }

    /// The SDK always sends `Values`; another client may not, and the service says so.
    #[test]
    fn a_partition_without_values_is_refused_as_null_and_an_empty_list_as_too_short() {
        let arn = r#""TableArn":"arn:aws:glue:us-east-1:123456789012:table/db/t""#;
        let null = "1 validation error detected: Value null at 'partition.values' failed to satisfy constraint: \
                    Member must not be null";
        assert_eq!(refusal(&format!(r#"{{{arn},"Partition":{{}}}}"#)), Err(null.to_owned()));
        assert_eq!(refusal(&format!(r#"{{{arn},"Partition":{{"Values":null}}}}"#)), Err(null.to_owned()));
        assert_eq!(
            refusal(&format!(r#"{{{arn},"Partition":{{"Values":[]}}}}"#)),
            Err("1 validation error detected: Value '[]' at 'partition.values' failed to satisfy constraint: \
                 Member must have length greater than or equal to 1"
                .to_owned())
        );
        assert_eq!(refusal(&format!(r#"{{{arn},"Partition":{{"Values":["a"]}},"Unknown":1}}"#)), Ok(()));
        assert!(refusal(r#"{"Partition":null}"#).unwrap_err().starts_with("2 validation errors detected"));
    }

    #[test]
    fn the_output_body_is_flat_with_a_numeric_expiration_and_no_vended_path() {
        let output = GetTemporaryGluePartitionCredentialsOutput::builder()
            .access_key_id("ASIA")
            .expiration(DateTime::from_secs_and_nanos(1_700_000_000, 500_000_000))
            .build();
        assert_eq!(output_body(&output).unwrap(), br#"{"AccessKeyId":"ASIA","Expiration":1700000000.5}"#);
    }
}
