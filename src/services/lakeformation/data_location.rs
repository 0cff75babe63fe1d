//! `GetTemporaryDataLocationCredentials`: `POST /GetTemporaryDataLocationCredentials`,
//! credentials for S3 locations.

use super::modeled::Modeled;
use super::shapes::{self, AuditContextBody, CredentialsJson, credentials_json, to_json};
use crate::services::input_error::InputError;
use crate::services::lakeformation::vocabulary::KnownEnum;
use crate::services::validation::{MAX_DURATION_SECONDS, Violations, quoted};
use crate::{ErrorCode, Input, Operation};
use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::{
    GetTemporaryDataLocationCredentialsInput, GetTemporaryDataLocationCredentialsOutput,
};
use aws_sdk_lakeformation::types::{CredentialsScope, TemporaryCredentials};
use aws_smithy_types::DateTime;
use serde::{Deserialize, Serialize};
use std::fmt;

pub(crate) static MODELED: Modeled = Modeled {
    operation: Operation::GetTemporaryDataLocationCredentials,
    rule: "Rule::data_location()",
    output_type: "GetTemporaryDataLocationCredentialsOutput",
    errors: &[
        ErrorCode::AccessDenied,
        ErrorCode::EntityNotFound,
        ErrorCode::InvalidInput,
        ErrorCode::Conflict,
        ErrorCode::GlueEncryption,
        ErrorCode::InternalService,
        ErrorCode::OperationTimeout,
    ],
    parse,
    validate,
};

/// The request body.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Body {
    duration_seconds: Option<i32>,
    #[serde(default, deserialize_with = "crate::services::json_checks::object")]
    audit_context: Option<AuditContextBody>,
    data_locations: Option<Vec<String>>,
    credentials_scope: Option<String>,
}

fn parse(body: &[u8]) -> Result<Input, InputError> {
    let name = MODELED.operation.name();
    let b: Body = shapes::body(name, body)?;
    let input = GetTemporaryDataLocationCredentialsInput::builder()
        .set_duration_seconds(b.duration_seconds)
        .set_audit_context(shapes::audit(b.audit_context))
        .set_data_locations(b.data_locations)
        .set_credentials_scope(b.credentials_scope.as_deref().map(CredentialsScope::from))
        .build()
        .map_err(|e| shapes::malformed(name, e.to_string(), 1, 1))?;
    Ok(Input::DataLocation(input))
}

fn validate(input: &Input, _body: &[u8]) -> Violations {
    match input {
        Input::DataLocation(input) => violations(input),
        _ => Violations::default(),
    }
}

/// The model's constraints `input` breaks, in member order.
pub(crate) fn violations(input: &GetTemporaryDataLocationCredentialsInput) -> Violations {
    let mut v = Violations::default();
    v.duration(input.duration_seconds(), MAX_DURATION_SECONDS);
    v.audit_context(input.audit_context());
    if let Some(scope) = input.credentials_scope()
        && !scope.is_known()
    {
        let constraint =
            format!("Member must satisfy enum value set: [{}]", CredentialsScope::known_values().join(", "));
        v.push(&quoted(scope.as_str()), "credentialsScope", &constraint);
    }
    v
}

/// The response body: `Credentials`, `AccessibleDataLocations`, `CredentialsScope`.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct OutputJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    credentials: Option<CredentialsJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accessible_data_locations: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credentials_scope: Option<&'a str>,
}

pub(crate) fn output_body(o: &GetTemporaryDataLocationCredentialsOutput) -> Result<Vec<u8>, String> {
    let credentials = o
        .credentials()
        .map(|c| credentials_json(c.access_key_id(), c.secret_access_key(), c.session_token(), c.expiration()))
        .transpose()?;
    let body = OutputJson {
        credentials,
        accessible_data_locations: o.accessible_data_locations.as_deref(),
        credentials_scope: o.credentials_scope().map(CredentialsScope::as_str),
    };
    let text_len = body.credentials.as_ref().map_or(0, CredentialsJson::text_len)
        + body.accessible_data_locations.map_or(0, shapes::text_len)
        + body.credentials_scope.map_or(0, str::len);
    to_json(&body, text_len + shapes::JSON_OVERHEAD)
}

pub(crate) fn expiring_at(
    output: &GetTemporaryDataLocationCredentialsOutput,
    expiration: DateTime,
) -> GetTemporaryDataLocationCredentialsOutput {
    let mut output = output.clone();
    let mut credentials = output.credentials.take().unwrap_or_else(|| TemporaryCredentials::builder().build());
    credentials.expiration = Some(expiration);
    output.credentials = Some(credentials);
    output
}

pub(crate) fn debug_fields<'s, 'a, 'b>(
    o: &GetTemporaryDataLocationCredentialsOutput,
    s: &'s mut fmt::DebugStruct<'a, 'b>,
) -> &'s mut fmt::DebugStruct<'a, 'b> {
    let creds = o.credentials.as_ref();
    s.field("GetTemporaryDataLocationCredentialsOutput.access_key_id", &creds.and_then(|c| c.access_key_id.as_deref()))
        .field("secret_access_key", &creds.and_then(|c| c.secret_access_key.as_ref()).map(|_| crate::REDACTED))
        .field("session_token", &creds.and_then(|c| c.session_token.as_ref()).map(|_| crate::REDACTED))
        .field("expiration", &creds.and_then(|c| c.expiration))
        .field("accessible_data_locations", &o.accessible_data_locations)
        .field("credentials_scope", &o.credentials_scope)
}
