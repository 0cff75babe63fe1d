//! Input validation helpers (each operation's checks are in its module under `operations/`): every constraint of the operations' input shapes in the service model
//! (required members, ranges, lengths, patterns, enums), checked before any rule or the lake
//! answers, with the service's `N validation error(s) detected: ...` wording.
//!
//! The constraints are those of botocore's `lakeformation/2017-03-31/service-2.json`:
//!
//! | member | constraint |
//! |---|---|
//! | `TableArn` (table and partition operations) | required; then a Glue table ARN, `arn:{partition}:glue:{region}:{account}:table/{database}/{table}` (the service's check: the model sets no pattern) |
//! | `Partition` (partition operation) | required |
//! | `Partition.Values` (partition operation) | required; length 1 or more |
//! | `Permissions` | each one of the `Permission` enum |
//! | `DurationSeconds` | 900 to 43,200 |
//! | `AuditContext.AdditionalAuditContext` | length 0 to 2,048; pattern [`TEXT_PATTERN`] |
//! | `SupportedPermissionTypes` | length 1 to 255; each one of the `PermissionType` enum |
//! | `QuerySessionContext.QueryId`, `.QueryAuthorizationId` | length 1 to 255; pattern [`TEXT_PATTERN`] |
//! | `QuerySessionContext.AdditionalContext` | keys of length 1 to 128, values of length 0 to 256 |
//! | `CredentialsScope` (data-location operation) | `READ` or `READWRITE` |

use crate::services::lakeformation::vocabulary::KnownEnum;
use aws_sdk_lakeformation::types::{AuditContext, QuerySessionContext};
use std::collections::HashMap;
use std::fmt;

/// The model's `DurationSeconds` range, for every operation.
pub(crate) const MIN_DURATION_SECONDS: i32 = 900;
/// See [`MIN_DURATION_SECONDS`].
pub(crate) const MAX_DURATION_SECONDS: i32 = 43_200;

/// The pattern of the model's `AuditContextString` and `HashString`, as the service prints it:
/// any character but the control characters other than tab (and U+FFFE, U+FFFF).
const TEXT_PATTERN: &str = r"[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\t]*";

pub(crate) fn matches_text_pattern(value: &str) -> bool {
    value.chars().all(|c| c == '\t' || (c >= '\u{20}' && c != '\u{FFFE}' && c != '\u{FFFF}'))
}

/// The violations found so far, each as `Value '...' at 'field' failed to satisfy constraint: ...`.
#[derive(Default)]
pub(crate) struct Violations(Vec<String>);

impl Violations {
    /// `field` is any `Display` (a `&str`, or `format_args!` for a name built from an index),
    /// formatted only when a violation is pushed.
    pub(crate) fn push(&mut self, value: &str, field: impl fmt::Display, constraint: &str) {
        self.0.push(format!("Value {value} at '{field}' failed to satisfy constraint: {constraint}"));
    }

    /// A string of length `min..=max`, in characters.
    pub(crate) fn length(&mut self, value: &str, field: impl fmt::Display + Copy, min: usize, max: usize) {
        let n = value.chars().count();
        if n < min {
            self.push(&quoted(value), field, &format!("Member must have length greater than or equal to {min}"));
        }
        if n > max {
            self.push(&quoted(value), field, &format!("Member must have length less than or equal to {max}"));
        }
    }

    /// A string of the model's `AuditContextString` or `HashString` shape.
    // glue: pub(crate), for src/glue/
    pub(crate) fn text(&mut self, value: &str, field: impl fmt::Display + Copy, min: usize, max: usize) {
        self.length(value, field, min, max);
        if !matches_text_pattern(value) {
            self.push(
                &quoted(value),
                field,
                &format!("Member must satisfy regular expression pattern: {TEXT_PATTERN}"),
            );
        }
    }

    /// `DurationSeconds` within `MIN_DURATION_SECONDS..=max`.
    pub(crate) fn duration(&mut self, duration: Option<i32>, max: i32) {
        let Some(seconds) = duration else { return };
        if seconds < MIN_DURATION_SECONDS {
            let constraint = format!("Member must have value greater than or equal to {MIN_DURATION_SECONDS}");
            self.push(&quoted(&seconds.to_string()), "durationSeconds", &constraint);
        } else if seconds > max {
            let constraint = format!("Member must have value less than or equal to {max}");
            self.push(&quoted(&seconds.to_string()), "durationSeconds", &constraint);
        }
    }

    /// A list of strings with a length within `min..=max`.
    pub(crate) fn string_list(&mut self, values: &[String], field: &str, min: usize, max: usize) {
        let shown = || format!("'[{}]'", values.join(", "));
        if values.len() < min {
            self.push(&shown(), field, &format!("Member must have length greater than or equal to {min}"));
        }
        if values.len() > max {
            self.push(&shown(), field, &format!("Member must have length less than or equal to {max}"));
        }
    }

    /// A list of enum values: every one known, and a length within `min..=max`.
    pub(crate) fn enum_list<T: KnownEnum>(&mut self, values: Option<&[T]>, field: &str, min: usize, max: usize) {
        let Some(values) = values else { return };
        // Written only for a violation: a valid request makes no text.
        let shown = || format!("'[{}]'", values.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(", "));
        if values.len() < min {
            self.push(&shown(), field, &format!("Member must have length greater than or equal to {min}"));
        }
        if values.len() > max {
            self.push(&shown(), field, &format!("Member must have length less than or equal to {max}"));
        }
        if values.iter().any(|v| !v.is_known()) {
            let constraint = format!(
                "Member must satisfy constraint: [Member must satisfy enum value set: [{}]]",
                T::known_values().join(", ")
            );
            self.push(&shown(), field, &constraint);
        }
    }

    pub(crate) fn audit_context(&mut self, audit: Option<&AuditContext>) {
        if let Some(text) = audit.and_then(AuditContext::additional_audit_context) {
            self.text(text, "auditContext.additionalAuditContext", 0, 2048);
        }
    }

    pub(crate) fn query_session_context(&mut self, context: Option<&QuerySessionContext>) {
        let Some(context) = context else { return };
        for (value, field) in [
            (context.query_id(), "querySessionContext.queryId"),
            (context.query_authorization_id(), "querySessionContext.queryAuthorizationId"),
        ] {
            if let Some(value) = value {
                self.text(value, field, 1, 255);
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
        let key_lengths = || entries.iter().map(|(k, _)| k.chars().count());
        if key_lengths().any(|n| n < 1) {
            let constraint = "Map keys must satisfy constraint: [Member must have length greater than or equal to 1]";
            self.push(&shown, field, constraint);
        }
        if key_lengths().any(|n| n > 128) {
            let constraint = "Map keys must satisfy constraint: [Member must have length less than or equal to 128]";
            self.push(&shown, field, constraint);
        }
        if entries.iter().any(|(_, v)| v.chars().count() > 256) {
            let constraint = "Map value must satisfy constraint: [Member must have length less than or equal to 256]";
            self.push(&shown, field, constraint);
        }
    }

    /// The `InvalidInputException` message, if anything was found.
    pub(crate) fn into_result(self) -> Result<(), String> {
        match self.0.len() {
            0 => Ok(()),
            1 => Err(format!("1 validation error detected: {}", self.0[0])),
            n => Err(format!("{n} validation errors detected: {}", self.0.join("; "))),
        }
    }
}

/// The parts of `arn:{partition}:glue:{region}:{account}:table/{database}/{table}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TableArn<'a> {
    pub(crate) partition: &'a str,
    pub(crate) region: &'a str,
    pub(crate) account: &'a str,
    pub(crate) database: &'a str,
    pub(crate) table: &'a str,
}

impl<'a> TableArn<'a> {
    /// Parses a Glue table ARN; `None` if it is not one.
    pub(crate) fn parse(arn: &'a str) -> Option<TableArn<'a>> {
        let mut parts = arn.splitn(6, ':');
        let (prefix, partition, service, region, account, resource) =
            (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        if prefix != "arn" || service != "glue" || partition.is_empty() || region.is_empty() || account.is_empty() {
            return None;
        }
        let mut path = resource.splitn(3, '/');
        let (kind, database, table) = (path.next()?, path.next()?, path.next()?);
        if kind != "table" || database.is_empty() || table.is_empty() || table.contains('/') {
            return None;
        }
        Some(TableArn { partition, region, account, database, table })
    }
}

/// The refusal of a `TableArn` that is no Glue table ARN (`not-an-arn`, `""`, an S3 ARN): the
/// model sets no pattern, the service refuses it before it looks for the table.
pub(crate) fn invalid_table_arn(arn: &str) -> String {
    format!(
        "Invalid TableArn '{}': expected arn:{{partition}}:glue:{{region}}:{{account-id}}:table/{{database}}/{{table}}",
        crate::explain::echo::capped(arn)
    )
}

/// The refusal of `arn` as a table operation's `TableArn`, if it is no Glue table ARN.
pub(crate) fn table_arn_problem(arn: Option<&str>) -> Option<String> {
    let arn = arn?;
    TableArn::parse(arn).is_none().then(|| invalid_table_arn(arn))
}

pub(crate) fn quoted(value: &str) -> String {
    format!("'{value}'")
}
