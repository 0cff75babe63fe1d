//! Input validation: the model's constraints (and the documented duration caps), checked the way
//! the service checks them, with its `N validation errors detected: ...` message.

use super::behavior::Behavior;
use super::enums::KnownEnum;
use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsInput;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsInput;
use aws_sdk_lakeformation::types::{AuditContext, CredentialsScope, QuerySessionContext};
use std::collections::HashMap;

/// The shortest `DurationSeconds` of both operations.
pub(crate) const MIN_DURATION_SECONDS: i32 = 900;

/// The violations found so far, each as `Value '...' at 'field' failed to satisfy constraint: ...`.
#[derive(Default)]
struct Violations(Vec<String>);

impl Violations {
    fn push(&mut self, value: &str, field: &str, constraint: &str) {
        self.0.push(format!("Value {value} at '{field}' failed to satisfy constraint: {constraint}"));
    }

    fn min_length(&mut self, value: &str, field: &str, min: usize) {
        if value.chars().count() < min {
            self.push(&quoted(value), field, &format!("Member must have length greater than or equal to {min}"));
        }
    }

    fn max_length(&mut self, value: &str, field: &str, max: usize) {
        if value.chars().count() > max {
            self.push(&quoted(value), field, &format!("Member must have length less than or equal to {max}"));
        }
    }

    fn duration(&mut self, duration: Option<i32>, max: i32) {
        let Some(seconds) = duration else { return };
        if seconds < MIN_DURATION_SECONDS {
            let constraint = format!("Member must have value greater than or equal to {MIN_DURATION_SECONDS}");
            self.push(&quoted(&seconds.to_string()), "durationSeconds", &constraint);
        } else if seconds > max {
            let constraint = format!("Member must have value less than or equal to {max}");
            self.push(&quoted(&seconds.to_string()), "durationSeconds", &constraint);
        }
    }

    /// A list of enum values: every one known, and a length within `min..=max`.
    fn enum_list<T: KnownEnum>(&mut self, values: Option<&[T]>, field: &str, min: usize, max: usize) {
        let Some(values) = values else { return };
        let shown = format!("'[{}]'", values.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(", "));
        if values.len() < min {
            self.push(&shown, field, &format!("Member must have length greater than or equal to {min}"));
        }
        if values.len() > max {
            self.push(&shown, field, &format!("Member must have length less than or equal to {max}"));
        }
        if values.iter().any(|v| !v.is_known()) {
            let constraint = format!(
                "Member must satisfy constraint: [Member must satisfy enum value set: [{}]]",
                T::known_values().join(", ")
            );
            self.push(&shown, field, &constraint);
        }
    }

    fn audit_context(&mut self, audit: Option<&AuditContext>) {
        if let Some(text) = audit.and_then(AuditContext::additional_audit_context) {
            self.max_length(text, "auditContext.additionalAuditContext", 2048);
        }
    }

    fn query_session_context(&mut self, context: Option<&QuerySessionContext>) {
        let Some(context) = context else { return };
        for (value, field) in [
            (context.query_id(), "querySessionContext.queryId"),
            (context.query_authorization_id(), "querySessionContext.queryAuthorizationId"),
        ] {
            if let Some(value) = value {
                self.min_length(value, field, 1);
                self.max_length(value, field, 255);
            }
        }
        if let Some(map) = context.additional_context() {
            self.additional_context(map);
        }
    }

    fn additional_context(&mut self, map: &HashMap<String, String>) {
        let field = "querySessionContext.additionalContext";
        let mut entries: Vec<_> = map.iter().collect();
        entries.sort();
        let shown = format!("'{{{}}}'", entries.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", "));
        let key_lengths = entries.iter().map(|(k, _)| k.chars().count());
        if key_lengths.clone().any(|n| n < 1) {
            self.push(
                &shown,
                field,
                "Map keys must satisfy constraint: [Member must have length greater than or equal to 1]",
            );
        }
        if key_lengths.clone().any(|n| n > 128) {
            self.push(
                &shown,
                field,
                "Map keys must satisfy constraint: [Member must have length less than or equal to 128]",
            );
        }
        if entries.iter().any(|(_, v)| v.chars().count() > 256) {
            self.push(
                &shown,
                field,
                "Map value must satisfy constraint: [Member must have length less than or equal to 256]",
            );
        }
    }

    fn into_result(self) -> Result<(), String> {
        match self.0.len() {
            0 => Ok(()),
            1 => Err(format!("1 validation error detected: {}", self.0[0])),
            n => Err(format!("{n} validation errors detected: {}", self.0.join("; "))),
        }
    }
}

fn quoted(value: &str) -> String {
    format!("'{value}'")
}

/// Checks a `GetTemporaryGlueTableCredentials` input; the error is the `InvalidInputException`
/// message.
pub(crate) fn glue_table(input: &GetTemporaryGlueTableCredentialsInput, behavior: &Behavior) -> Result<(), String> {
    let mut v = Violations::default();
    if input.table_arn().is_none() {
        v.push("null", "tableArn", "Member must not be null");
    }
    v.enum_list(input.permissions.as_deref(), "permissions", 0, usize::MAX);
    v.duration(input.duration_seconds(), behavior.table_max_duration_seconds);
    v.audit_context(input.audit_context());
    v.enum_list(input.supported_permission_types.as_deref(), "supportedPermissionTypes", 1, 255);
    v.query_session_context(input.query_session_context());
    v.into_result()
}

/// Checks a `GetTemporaryDataLocationCredentials` input; the error is the `InvalidInputException`
/// message.
pub(crate) fn data_location(
    input: &GetTemporaryDataLocationCredentialsInput,
    behavior: &Behavior,
) -> Result<(), String> {
    let mut v = Violations::default();
    v.duration(input.duration_seconds(), behavior.data_location_max_duration_seconds);
    v.audit_context(input.audit_context());
    if let Some(scope) = input.credentials_scope() {
        if !scope.is_known() {
            let constraint =
                format!("Member must satisfy enum value set: [{}]", CredentialsScope::known_values().join(", "));
            v.push(&quoted(scope.as_str()), "credentialsScope", &constraint);
        }
    }
    v.into_result()
}
