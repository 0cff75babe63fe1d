//! `GetTemporaryGlueTableCredentials`: `POST /GetTemporaryGlueTableCredentials`, credentials for
//! one Glue table.

use super::modeled::Modeled;
use super::shapes::{self, AuditContextBody, EnumList, QuerySessionContextBody, credentials_json, to_json};
use crate::services::input_error::InputError;
use crate::services::validation::{MAX_DURATION_SECONDS, Violations};
use crate::{ErrorCode, Input, Operation};
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::{
    GetTemporaryGlueTableCredentialsInput, GetTemporaryGlueTableCredentialsOutput,
};
use aws_sdk_lakeformation::types::{Permission, PermissionType};
use aws_smithy_types::DateTime;
use serde::Deserialize;
use std::fmt;

/// The errors the model lists for the operation (and for its partition sibling).
pub(crate) const ERRORS: &[ErrorCode] = &[
    ErrorCode::AccessDenied,
    ErrorCode::EntityNotFound,
    ErrorCode::InvalidInput,
    ErrorCode::PermissionTypeMismatch,
    ErrorCode::InternalService,
    ErrorCode::OperationTimeout,
];

pub(crate) static MODELED: Modeled = Modeled {
    operation: Operation::GetTemporaryGlueTableCredentials,
    rule: "Rule::table_credentials()",
    output_type: "GetTemporaryGlueTableCredentialsOutput",
    errors: ERRORS,
    parse,
    validate,
};

/// The request body.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Body<'a> {
    table_arn: Option<String>,
    permissions: Option<EnumList<Permission>>,
    duration_seconds: Option<i32>,
    #[serde(default, deserialize_with = "crate::services::json_checks::object")]
    audit_context: Option<AuditContextBody>,
    supported_permission_types: Option<EnumList<PermissionType>>,
    #[serde(rename = "S3Path")]
    s3_path: Option<String>,
    #[serde(borrow, default, deserialize_with = "crate::services::json_checks::object")]
    query_session_context: Option<QuerySessionContextBody<'a>>,
}

fn parse(body: &[u8]) -> Result<Input, InputError> {
    let name = MODELED.operation.name();
    let b: Body = shapes::body(name, body)?;
    let malformed = |message: String| shapes::malformed(name, message, 1, 1);
    let input = GetTemporaryGlueTableCredentialsInput::builder()
        .set_table_arn(b.table_arn)
        .set_permissions(b.permissions.map(|list| list.0))
        .set_duration_seconds(b.duration_seconds)
        .set_audit_context(shapes::audit(b.audit_context))
        .set_supported_permission_types(b.supported_permission_types.map(|list| list.0))
        .set_s3_path(b.s3_path)
        .set_query_session_context(shapes::query_session(b.query_session_context).map_err(malformed)?)
        .build()
        .map_err(|e| malformed(e.to_string()))?;
    Ok(Input::TableCredentials(input))
}

fn validate(input: &Input, _body: &[u8]) -> Violations {
    match input {
        Input::TableCredentials(input) => violations(input),
        _ => Violations::default(),
    }
}

/// The model's constraints `input` breaks, in member order.
pub(crate) fn violations(input: &GetTemporaryGlueTableCredentialsInput) -> Violations {
    let mut v = Violations::default();
    if input.table_arn().is_none() {
        v.push("null", "tableArn", "Member must not be null");
    }
    v.enum_list(input.permissions.as_deref(), "permissions", 0, usize::MAX);
    v.duration(input.duration_seconds(), MAX_DURATION_SECONDS);
    v.audit_context(input.audit_context());
    v.enum_list(input.supported_permission_types.as_deref(), "supportedPermissionTypes", 1, 255);
    v.query_session_context(input.query_session_context());
    v
}

/// The response body: the credentials and `VendedS3Path`, at the top level.
pub(crate) fn output_body(o: &GetTemporaryGlueTableCredentialsOutput) -> Result<Vec<u8>, String> {
    let credentials = credentials_json(o.access_key_id(), o.secret_access_key(), o.session_token(), o.expiration())?;
    let body = shapes::CredentialsJson { vended_s3_path: o.vended_s3_path.as_deref(), ..credentials };
    to_json(&body, body.text_len() + shapes::JSON_OVERHEAD)
}

pub(crate) fn expiring_at(
    output: &GetTemporaryGlueTableCredentialsOutput,
    expiration: DateTime,
) -> GetTemporaryGlueTableCredentialsOutput {
    let mut output = output.clone();
    output.expiration = Some(expiration);
    output
}

pub(crate) fn debug_fields<'s, 'a, 'b>(
    o: &GetTemporaryGlueTableCredentialsOutput,
    s: &'s mut fmt::DebugStruct<'a, 'b>,
) -> &'s mut fmt::DebugStruct<'a, 'b> {
    s.field("GetTemporaryGlueTableCredentialsOutput.access_key_id", &o.access_key_id)
        .field("secret_access_key", &o.secret_access_key.as_ref().map(|_| crate::REDACTED))
        .field("session_token", &o.session_token.as_ref().map(|_| crate::REDACTED))
        .field("expiration", &o.expiration)
        .field("vended_s3_path", &o.vended_s3_path)
}
