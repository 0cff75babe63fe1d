//! Glue's input validation of the two operations: the constraints of botocore's
//! `glue/2017-03-31/service-2.json` (required members, lengths, ranges, enums), then the live
//! one-tier rule for `SupportedPermissionTypes`, with the service's wording.
//!
//! | member | constraint |
//! |---|---|
//! | `CatalogId`, `DatabaseName`, `Name` / `TableName` | required; length 1 to 255; single-line text |
//! | `SupportedPermissionTypes` | required; 1 to 255 values of the `PermissionType` enum; **one** value (live) |
//! | `Permissions` | each one of Glue's `Permission` enum |
//! | `AuditContext.AdditionalAuditContext` | length 0 to 2,048 |
//! | `ParentResourceArn`, `RootResourceArn` | length 20 to 2,048 |
//! | `QuerySessionContext.QueryId`, `.QueryAuthorizationId` | length 1 to 255 |
//! | `Expression` | length 0 to 2,048 |
//! | `MaxResults` | 1 to 1,000 |
//! | `Segment` | `SegmentNumber` at least 0; `TotalSegments` 1 to 10; then `SegmentNumber` below `TotalSegments` (the model's text: segments are numbered 0 through `TotalSegments` - 1) |

use super::GlueInput;
use crate::services::lakeformation::vocabulary::KnownEnum;
use crate::services::validation::{Violations, quoted};
use aws_sdk_glue::types::{AuditContext, Permission, PermissionType, QuerySessionContext};

/// The live wording of Glue's refusal of more than one `SupportedPermissionTypes` value.
pub(crate) const ONE_PERMISSION_TYPE: &str = "Invalid permission type, it must be one of the following: \
     COLUMN_PERMISSION, CELL_FILTER_PERMISSION, NESTED_PERMISSION, NESTED_CELL_PERMISSION, or DATA_LOCATION_PERMISSION";

impl KnownEnum for PermissionType {
    fn known_values() -> &'static [&'static str] {
        PermissionType::values()
    }
}

impl KnownEnum for Permission {
    fn known_values() -> &'static [&'static str] {
        Permission::values()
    }
}

fn required(v: &mut Violations, value: Option<&str>, field: &str) {
    match value {
        None => v.push("null", field, "Member must not be null"),
        Some(value) => v.text(value, field, 1, 255),
    }
}

fn common(
    v: &mut Violations,
    audit: Option<&AuditContext>,
    types: Option<&[PermissionType]>,
    context: Option<&QuerySessionContext>,
) {
    if let Some(text) = audit.and_then(AuditContext::additional_audit_context) {
        v.text(text, "auditContext.additionalAuditContext", 0, 2048);
    }
    match types {
        None => v.push("null", "supportedPermissionTypes", "Member must not be null"),
        Some(types) => v.enum_list(Some(types), "supportedPermissionTypes", 1, 255),
    }
    if let Some(context) = context {
        for (value, field) in [
            (context.query_id(), "querySessionContext.queryId"),
            (context.query_authorization_id(), "querySessionContext.queryAuthorizationId"),
        ] {
            if let Some(value) = value {
                v.text(value, field, 1, 255);
            }
        }
    }
}

/// The refusal of `Segment {SegmentNumber: number, TotalSegments: total}` past the last segment.
fn segment_beyond_total(number: i32, total: i32) -> String {
    format!(
        "Invalid Segment: SegmentNumber {number} is not below TotalSegments {total}; the segments of {total} are \
         numbered 0 through {}",
        total - 1
    )
}

/// Checks a Glue input as Glue does; the error is the `InvalidInputException` message.
pub(crate) fn validate(input: &GlueInput) -> Result<(), String> {
    let mut v = Violations::default();
    let mut segment = None;
    let types = match input {
        GlueInput::TableMetadata(i) => {
            required(&mut v, i.catalog_id(), "catalogId");
            required(&mut v, i.database_name(), "databaseName");
            required(&mut v, i.name(), "name");
            common(&mut v, i.audit_context(), i.supported_permission_types.as_deref(), i.query_session_context());
            for (value, field) in
                [(i.parent_resource_arn(), "parentResourceArn"), (i.root_resource_arn(), "rootResourceArn")]
            {
                if let Some(value) = value {
                    v.length(value, field, 20, 2048);
                }
            }
            v.enum_list(i.permissions.as_deref(), "permissions", 0, usize::MAX);
            i.supported_permission_types()
        }
        GlueInput::PartitionsMetadata(i) => {
            required(&mut v, i.catalog_id(), "catalogId");
            required(&mut v, i.database_name(), "databaseName");
            required(&mut v, i.table_name(), "tableName");
            common(&mut v, i.audit_context(), i.supported_permission_types.as_deref(), i.query_session_context());
            if let Some(expression) = i.expression() {
                v.text(expression, "expression", 0, 2048);
            }
            if let Some(n) = i.max_results() {
                if n < 1 {
                    v.push(&quoted(&n.to_string()), "maxResults", "Member must have value greater than or equal to 1");
                } else if n > 1000 {
                    v.push(&quoted(&n.to_string()), "maxResults", "Member must have value less than or equal to 1000");
                }
            }
            if let Some(segment) = i.segment() {
                let (number, total) = (segment.segment_number(), segment.total_segments());
                if number < 0 {
                    let constraint = "Member must have value greater than or equal to 0";
                    v.push(&quoted(&number.to_string()), "segment.segmentNumber", constraint);
                }
                if !(1..=10).contains(&total) {
                    let constraint = if total < 1 {
                        "Member must have value greater than or equal to 1"
                    } else {
                        "Member must have value less than or equal to 10"
                    };
                    v.push(&quoted(&total.to_string()), "segment.totalSegments", constraint);
                }
            }
            segment = i.segment().map(|s| (s.segment_number(), s.total_segments()));
            i.supported_permission_types()
        }
    };
    v.into_result()?;
    // The model's text: "if the total number of segments is 4, SegmentNumber values range from 0
    // through 3". A segment past the last would answer no partitions, silently.
    if let Some((number, total)) = segment
        && number >= total
        && number >= 0
        && (1..=10).contains(&total)
    {
        return Err(segment_beyond_total(number, total));
    }
    // Live: Glue takes one tier of the hierarchy, never several.
    if types.len() > 1 {
        return Err(ONE_PERMISSION_TYPE.to_owned());
    }
    Ok(())
}
