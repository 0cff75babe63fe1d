//! The awsJson1_1 wire format of the two Glue operations, as the SDK's serializers write the
//! requests (`protocol_serde/shape_get_unfiltered_*_input.rs`) and its deserializers read the
//! answers: request bodies in, response bodies out.

use super::{GlueInput, GlueOperation};
use crate::services::input_error::InputError;
use crate::services::lakeformation::shapes::{self, QuerySessionContextBody};
use aws_sdk_glue::operation::get_unfiltered_partitions_metadata::{
    GetUnfilteredPartitionsMetadataInput, GetUnfilteredPartitionsMetadataOutput,
};
use aws_sdk_glue::operation::get_unfiltered_table_metadata::{
    GetUnfilteredTableMetadataInput, GetUnfilteredTableMetadataOutput,
};
use aws_sdk_glue::types::{
    AuditContext, Column, Partition, Permission, PermissionType, QuerySessionContext, Segment, StorageDescriptor,
    SupportedDialect, Table, UnfilteredPartition, ViewDialect,
};
use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// The content type of Glue's requests and answers.
pub(crate) const CONTENT_TYPE: &str = "application/x-amz-json-1.1";

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AuditContextBody {
    additional_audit_context: Option<String>,
    requested_columns: Option<Vec<String>>,
    all_columns_requested: Option<bool>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DialectBody {
    dialect: Option<String>,
    dialect_version: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SegmentBody {
    segment_number: Option<i32>,
    total_segments: Option<i32>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct TableMetadataBody<'a> {
    region: Option<String>,
    catalog_id: Option<String>,
    database_name: Option<String>,
    name: Option<String>,
    #[serde(default, deserialize_with = "crate::services::json_checks::object")]
    audit_context: Option<AuditContextBody>,
    supported_permission_types: Option<Vec<String>>,
    parent_resource_arn: Option<String>,
    root_resource_arn: Option<String>,
    #[serde(default, deserialize_with = "crate::services::json_checks::object")]
    supported_dialect: Option<DialectBody>,
    permissions: Option<Vec<String>>,
    #[serde(borrow, default, deserialize_with = "crate::services::json_checks::object")]
    query_session_context: Option<QuerySessionContextBody<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PartitionsMetadataBody<'a> {
    region: Option<String>,
    catalog_id: Option<String>,
    database_name: Option<String>,
    table_name: Option<String>,
    expression: Option<String>,
    #[serde(default, deserialize_with = "crate::services::json_checks::object")]
    audit_context: Option<AuditContextBody>,
    supported_permission_types: Option<Vec<String>>,
    next_token: Option<String>,
    #[serde(default, deserialize_with = "crate::services::json_checks::object")]
    segment: Option<SegmentBody>,
    max_results: Option<i32>,
    #[serde(borrow, default, deserialize_with = "crate::services::json_checks::object")]
    query_session_context: Option<QuerySessionContextBody<'a>>,
}

fn audit(body: Option<AuditContextBody>) -> Option<AuditContext> {
    body.map(|a| {
        AuditContext::builder()
            .set_additional_audit_context(a.additional_audit_context)
            .set_requested_columns(a.requested_columns)
            .set_all_columns_requested(a.all_columns_requested)
            .build()
    })
}

fn query_session(body: Option<QuerySessionContextBody>) -> Result<Option<QuerySessionContext>, String> {
    let Some(q) = body else { return Ok(None) };
    let start = q.start_time()?;
    Ok(Some(
        QuerySessionContext::builder()
            .set_query_id(q.query_id)
            .set_query_start_time(start)
            .set_cluster_id(q.cluster_id)
            .set_query_authorization_id(q.query_authorization_id)
            .set_additional_context(q.additional_context)
            .build(),
    ))
}

fn types(values: Option<Vec<String>>) -> Option<Vec<PermissionType>> {
    values.map(|v| v.iter().map(|t| PermissionType::from(t.as_str())).collect())
}

/// Rebuilds the typed input of a Glue request. An empty body reads as `{}`.
pub(crate) fn parse_input(operation: GlueOperation, body: &[u8]) -> Result<GlueInput, InputError> {
    let malformed = |message: String, line: usize, column: usize| InputError::Malformed {
        operation: operation.name().to_owned(),
        message,
        line,
        column,
    };
    match operation {
        GlueOperation::GetUnfilteredTableMetadata => {
            let b: TableMetadataBody = shapes::body(operation.name(), body)?;
            let input = GetUnfilteredTableMetadataInput::builder()
                .set_region(b.region)
                .set_catalog_id(b.catalog_id)
                .set_database_name(b.database_name)
                .set_name(b.name)
                .set_audit_context(audit(b.audit_context))
                .set_supported_permission_types(types(b.supported_permission_types))
                .set_parent_resource_arn(b.parent_resource_arn)
                .set_root_resource_arn(b.root_resource_arn)
                .set_supported_dialect(b.supported_dialect.map(|d| {
                    SupportedDialect::builder()
                        .set_dialect(d.dialect.map(|v| ViewDialect::from(v.as_str())))
                        .set_dialect_version(d.dialect_version)
                        .build()
                }))
                .set_permissions(b.permissions.map(|v| v.iter().map(|p| Permission::from(p.as_str())).collect()))
                .set_query_session_context(query_session(b.query_session_context).map_err(|m| malformed(m, 1, 1))?)
                .build()
                .map_err(|e| malformed(e.to_string(), 1, 1))?;
            Ok(GlueInput::TableMetadata(input))
        }
        GlueOperation::GetUnfilteredPartitionsMetadata => {
            let b: PartitionsMetadataBody = shapes::body(operation.name(), body)?;
            let input = GetUnfilteredPartitionsMetadataInput::builder()
                .set_region(b.region)
                .set_catalog_id(b.catalog_id)
                .set_database_name(b.database_name)
                .set_table_name(b.table_name)
                .set_expression(b.expression)
                .set_audit_context(audit(b.audit_context))
                .set_supported_permission_types(types(b.supported_permission_types))
                .set_next_token(b.next_token)
                .set_segment(
                    b.segment
                        .map(|s| {
                            Segment::builder()
                                .set_segment_number(s.segment_number)
                                .set_total_segments(s.total_segments)
                                .build()
                        })
                        .transpose()
                        .map_err(|e| malformed(e.to_string(), 1, 1))?,
                )
                .set_max_results(b.max_results)
                .set_query_session_context(query_session(b.query_session_context).map_err(|m| malformed(m, 1, 1))?)
                .build()
                .map_err(|e| malformed(e.to_string(), 1, 1))?;
            Ok(GlueInput::PartitionsMetadata(input))
        }
    }
}

/// An epoch-seconds timestamp as a JSON number, written exactly.
fn epoch(time: &DateTime) -> Result<Value, String> {
    let text = time.fmt(Format::EpochSeconds).map_err(|e| format!("cannot format {time:?}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// An object of the keys whose value is present.
struct Object(Map<String, Value>);

impl Object {
    fn new() -> Object {
        Object(Map::new())
    }

    fn set(&mut self, key: &str, value: Option<Value>) -> &mut Object {
        if let Some(value) = value {
            self.0.insert(key.to_owned(), value);
        }
        self
    }

    fn text(&mut self, key: &str, value: Option<&str>) -> &mut Object {
        self.set(key, value.map(|v| json!(v)))
    }

    fn done(&mut self) -> Value {
        Value::Object(std::mem::take(&mut self.0))
    }
}

fn strings<T: AsRef<str>>(values: Option<&[T]>) -> Option<Value> {
    values.map(|v| Value::Array(v.iter().map(|s| json!(s.as_ref())).collect()))
}

fn map(values: Option<&HashMap<String, String>>) -> Option<Value> {
    values.map(|m| {
        let sorted: std::collections::BTreeMap<&String, &String> = m.iter().collect();
        json!(sorted)
    })
}

/// Refuses a member the mock does not write, rather than leave it out silently.
fn unsupported(shape: &str, member: &str, present: bool) -> Result<(), String> {
    if present {
        Err(format!(
            "lakeformation-mock: the scripted Glue output sets {shape}.{member}, which the mock does not encode; script a \
             RawResponse with the JSON body instead"
        ))
    } else {
        Ok(())
    }
}

fn columns(columns: Option<&[Column]>) -> Result<Option<Value>, String> {
    let Some(columns) = columns else { return Ok(None) };
    let list = columns
        .iter()
        .map(|c| {
            Ok(Object::new()
                .text("Name", Some(c.name()))
                .text("Type", c.r#type())
                .text("Comment", c.comment())
                .set("Parameters", map(c.parameters.as_ref()))
                .done())
        })
        .collect::<Result<Vec<Value>, String>>()?;
    Ok(Some(Value::Array(list)))
}

fn storage(sd: Option<&StorageDescriptor>) -> Result<Option<Value>, String> {
    let Some(sd) = sd else { return Ok(None) };
    unsupported("StorageDescriptor", "AdditionalLocations", sd.additional_locations.is_some())?;
    unsupported("StorageDescriptor", "SerdeInfo", sd.serde_info.is_some())?;
    unsupported("StorageDescriptor", "BucketColumns", sd.bucket_columns.is_some())?;
    unsupported("StorageDescriptor", "SortColumns", sd.sort_columns.is_some())?;
    unsupported("StorageDescriptor", "SkewedInfo", sd.skewed_info.is_some())?;
    unsupported("StorageDescriptor", "SchemaReference", sd.schema_reference.is_some())?;
    Ok(Some(
        Object::new()
            .set("Columns", columns(sd.columns.as_deref())?)
            .text("Location", sd.location())
            .text("InputFormat", sd.input_format())
            .text("OutputFormat", sd.output_format())
            .set("Compressed", Some(json!(sd.compressed())))
            .set("NumberOfBuckets", Some(json!(sd.number_of_buckets())))
            .set("Parameters", map(sd.parameters.as_ref()))
            .set("StoredAsSubDirectories", Some(json!(sd.stored_as_sub_directories())))
            .done(),
    ))
}

fn time(value: Option<&DateTime>) -> Result<Option<Value>, String> {
    value.map(epoch).transpose()
}

fn table(t: Option<&Table>) -> Result<Option<Value>, String> {
    let Some(t) = t else { return Ok(None) };
    for (member, present) in [
        ("ViewOriginalText", t.view_original_text.is_some()),
        ("ViewExpandedText", t.view_expanded_text.is_some()),
        ("TargetTable", t.target_table.is_some()),
        ("FederatedTable", t.federated_table.is_some()),
        ("ViewDefinition", t.view_definition.is_some()),
        ("IcebergTableMetadata", t.iceberg_table_metadata.is_some()),
        ("Status", t.status.is_some()),
        ("RLSProperties", t.rls_properties.is_some()),
    ] {
        unsupported("Table", member, present)?;
    }
    Ok(Some(
        Object::new()
            .text("Name", Some(t.name()))
            .text("DatabaseName", t.database_name())
            .text("Description", t.description())
            .text("Owner", t.owner())
            .set("CreateTime", time(t.create_time())?)
            .set("UpdateTime", time(t.update_time())?)
            .set("LastAccessTime", time(t.last_access_time())?)
            .set("LastAnalyzedTime", time(t.last_analyzed_time())?)
            .set("Retention", Some(json!(t.retention())))
            .set("StorageDescriptor", storage(t.storage_descriptor())?)
            .set("PartitionKeys", columns(t.partition_keys.as_deref())?)
            .text("TableType", t.table_type())
            .set("Parameters", map(t.parameters.as_ref()))
            .text("CreatedBy", t.created_by())
            .set("IsRegisteredWithLakeFormation", Some(json!(t.is_registered_with_lake_formation())))
            .text("CatalogId", t.catalog_id())
            .text("VersionId", t.version_id())
            .set("IsMultiDialectView", t.is_multi_dialect_view().map(|b| json!(b)))
            .set("IsMaterializedView", t.is_materialized_view().map(|b| json!(b)))
            .done(),
    ))
}

/// The body of a `GetUnfilteredTableMetadata` answer.
pub(crate) fn table_metadata_body(o: &GetUnfilteredTableMetadataOutput) -> Result<Value, String> {
    let cell_filters = o.cell_filters.as_ref().map(|filters| {
        Value::Array(
            filters
                .iter()
                .map(|f| {
                    Object::new()
                        .text("ColumnName", f.column_name())
                        .text("RowFilterExpression", f.row_filter_expression())
                        .done()
                })
                .collect(),
        )
    });
    Ok(Object::new()
        .set("Table", table(o.table())?)
        .set("AuthorizedColumns", strings(o.authorized_columns.as_deref()))
        .set("IsRegisteredWithLakeFormation", Some(json!(o.is_registered_with_lake_formation())))
        .set("CellFilters", cell_filters)
        .text("QueryAuthorizationId", o.query_authorization_id())
        .set("IsMultiDialectView", Some(json!(o.is_multi_dialect_view())))
        .set("IsMaterializedView", Some(json!(o.is_materialized_view())))
        .text("ResourceArn", o.resource_arn())
        .set("IsProtected", Some(json!(o.is_protected())))
        .set(
            "Permissions",
            strings(o.permissions.as_deref().map(|p| p.iter().map(Permission::as_str).collect::<Vec<_>>()).as_deref()),
        )
        .text("RowFilter", o.row_filter())
        .done())
}

fn partition(p: Option<&Partition>) -> Result<Option<Value>, String> {
    let Some(p) = p else { return Ok(None) };
    Ok(Some(
        Object::new()
            .set("Values", strings(p.values.as_deref()))
            .text("DatabaseName", p.database_name())
            .text("TableName", p.table_name())
            .set("CreationTime", time(p.creation_time())?)
            .set("LastAccessTime", time(p.last_access_time())?)
            .set("StorageDescriptor", storage(p.storage_descriptor())?)
            .set("Parameters", map(p.parameters.as_ref()))
            .set("LastAnalyzedTime", time(p.last_analyzed_time())?)
            .text("CatalogId", p.catalog_id())
            .done(),
    ))
}

fn unfiltered_partition(p: &UnfilteredPartition) -> Result<Value, String> {
    Ok(Object::new()
        .set("Partition", partition(p.partition())?)
        .set("AuthorizedColumns", strings(p.authorized_columns.as_deref()))
        .set("IsRegisteredWithLakeFormation", Some(json!(p.is_registered_with_lake_formation())))
        .done())
}

/// The body of a `GetUnfilteredPartitionsMetadata` answer.
pub(crate) fn partitions_metadata_body(o: &GetUnfilteredPartitionsMetadataOutput) -> Result<Value, String> {
    let partitions = o
        .unfiltered_partitions
        .as_ref()
        .map(|list| list.iter().map(unfiltered_partition).collect::<Result<Vec<Value>, String>>())
        .transpose()?;
    Ok(Object::new().set("UnfilteredPartitions", partitions.map(Value::Array)).text("NextToken", o.next_token()).done())
}
