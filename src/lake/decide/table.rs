//! May the caller read this table: the steps the table and partition operations share (the
//! caller, `TableArn`, the table, its registration, the grants and permissions, the vending paths,
//! the permission types), then what each adds (`S3Path`; the partition and its location).

use super::access::{a_path_allows, describe_all, granting, granting_index, trace_grants};
use super::caller::{caller, duration, same_region};
use super::location::registered_in_lake_region;
use super::outcome::{ACCESS_NOT_ALLOWED, Call, NEITHER_PATH, Refusal, Vend, invalid, refuse};
use super::wording::{bracketed, insufficient, partition_location, table_location, type_names};
use crate::explain::hints;
use crate::explain::trace::Trace;
use crate::lake::arn::TableArn;
use crate::lake::behavior::{Behavior, VendedS3PathWithoutS3Path};
use crate::lake::catalog::Catalog;
use crate::lake::credentials::Purpose;
use crate::lake::grant::{Grant, is_write};
use crate::lake::model::{Principal, Table};
use crate::lake::{permission_types, s3, validate};
use crate::{ErrorCode, Input, Operation};
use aws_sdk_lakeformation::operation::get_temporary_glue_partition_credentials::GetTemporaryGluePartitionCredentialsInput;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsInput;
use aws_sdk_lakeformation::types::{CredentialsScope, Permission};

/// What the table and partition operations decide alike: who calls, which table, under which
/// grant, for which permissions and how long.
struct TableAccess<'m> {
    principal: &'m Principal,
    table: &'m Table,
    /// The table's ARN: the request's `TableArn`, which names exactly this table once the
    /// lookup found it (every part is compared as is), so no `LakeModel::table_arn` formatting.
    table_arn: String,
    grant: &'m Grant,
    permissions: Vec<Permission>,
    duration_seconds: i32,
}

impl TableAccess<'_> {
    /// What the table and partition operations vend: the table, under its grant, for the
    /// permissions (`READWRITE` when one of them writes), covering `location` (named in the reply
    /// when `location_sent`); for a partition, with its values.
    fn vend(
        self,
        operation: Operation,
        location: String,
        location_sent: bool,
        partition_values: Option<Vec<String>>,
    ) -> Vend {
        let scope =
            if self.permissions.iter().any(is_write) { CredentialsScope::Readwrite } else { CredentialsScope::Read };
        Vend {
            purpose: Purpose {
                tables: vec![self.table_arn],
                grants: vec![self.grant.clone()],
                locations: vec![location],
                locations_sent: location_sent,
                scope,
                permissions: self.permissions,
                partition_values,
                ..Purpose::new(self.principal, operation)
            },
            duration_seconds: self.duration_seconds,
        }
    }
}

/// The steps the table and partition operations share, read from `input` through `Input`'s
/// accessors (which both operations answer alike): the region, `validation` (the operation's
/// input checks with the lake's caps), the caller, the duration, `TableArn`, the table, the
/// grants and permissions, the vending paths, and the permission types.
fn table_access<'m>(
    lake: &'m Catalog,
    call: Call<'m>,
    input: &Input,
    validation: impl FnOnce(&Behavior) -> Result<(), String>,
    trace: &mut Trace,
) -> Result<TableAccess<'m>, Refusal> {
    let model = &lake.model;
    same_region(model, call, trace)?;
    validation(&model.behavior).map_err(invalid)?;
    let principal = caller(lake, call, trace)?;
    let duration_seconds = duration(model, principal, input.duration_seconds(), trace)?;
    let arn_text = input.table_arn().unwrap_or_default();
    let arn =
        TableArn::parse(arn_text).ok_or_else(|| invalid(crate::services::validation::invalid_table_arn(arn_text)))?;
    let foreign = |what: &str, found: &str, lake: &str| {
        refuse(
            model.behavior.foreign_table_arn_error,
            format!("Table {arn_text} is in {what} {found}, but this call is answered in {what} {lake}."),
        )
    };
    if arn.partition != model.partition {
        return Err(foreign("partition", arn.partition, &model.partition));
    }
    if arn.account != model.account_id {
        return Err(foreign("account", arn.account, &model.account_id));
    }
    if arn.region != model.region {
        return Err(foreign("region", arn.region, &model.region));
    }
    let table = lake.table(arn.database, arn.table).ok_or_else(|| {
        let message = if lake.has_database(arn.database) {
            format!("Table {} not found in database {}.", arn.table, arn.database)
        } else {
            format!("Database {} not found.", arn.database)
        };
        refuse(ErrorCode::EntityNotFound, message)
    })?;
    let policies = if table.policies.is_empty() { "no policy".to_owned() } else { type_names(&table.policies) };
    trace.push(["table: ", &table.database, ".", &table.name, " at ", &table.location, " (", &policies, ")"].concat());
    // Before the grants, as Glue decides: a table under no registered location is not governed
    // by Lake Formation (Glue answers it `IsRegisteredWithLakeFormation: false`), and there is
    // nothing to vend for it, whoever asks; one registered in another region is refused by both.
    registered_in_lake_region(lake, call, &table.location, &table_location(table), trace)?;
    let grants = lake.grants_on(&principal.arn, table);
    let described = describe_all(&grants);
    trace_grants(trace, principal, table, &described);

    let mut permissions = vec![Permission::Select];
    for p in input.permissions().unwrap_or_default() {
        if !permissions.contains(p) {
            permissions.push(p.clone());
        }
    }
    for permission in &permissions {
        match granting_index(&grants, permission) {
            Some(i) => trace.push(["permission ", permission.as_str(), ": granted by ", &described[i]].concat()),
            None => {
                trace.push(format!(
                    "permission {}: missing: no grant considered gives it (nor ALL or SUPER_USER)",
                    permission.as_str()
                ));
                return Err(refuse(ErrorCode::AccessDenied, insufficient(permission, table)));
            }
        }
    }
    let grant = granting(&grants, &Permission::Select).expect("SELECT is checked above");

    if !a_path_allows(model, &grants, &described, table, principal, trace) {
        trace.push(NEITHER_PATH);
        return Err(refuse(ErrorCode::AccessDenied, ACCESS_NOT_ALLOWED));
    }
    let coverage = model.behavior.permission_type_coverage;
    let declared = input.supported_permission_types().unwrap_or_default();
    permission_types::check(coverage, &grants, table, declared, trace)?;
    Ok(TableAccess { principal, table, table_arn: arn_text.to_owned(), grant, permissions, duration_seconds })
}

/// Decides a `GetTemporaryGlueTableCredentials` request, recording why in `trace`.
pub(crate) fn glue_table(
    lake: &Catalog,
    call: Call<'_>,
    request: &Input,
    input: &GetTemporaryGlueTableCredentialsInput,
    trace: &mut Trace,
) -> Result<Vend, Refusal> {
    let model = &lake.model;
    let access = table_access(lake, call, request, |behavior| validate::glue_table(input, behavior), trace)?;
    let table = access.table;
    let location = match input.s3_path() {
        Some(path) if s3::covers(&table.location, path) => {
            trace.push(format!("S3 path: S3Path {path} lies within the table location {}", table.location));
            path.to_owned()
        }
        Some(path) => {
            return Err(refuse(
                model.behavior.s3_path_outside_table_error,
                format!("S3Path {path} is not within the location {} of table {table}.", table.location),
            ));
        }
        None => table.location.clone(),
    };
    let locations_sent = input.s3_path().is_some()
        || model.behavior.vended_s3_path_without_s3_path == VendedS3PathWithoutS3Path::TableLocation;
    if input.s3_path().is_none() {
        trace.push(if locations_sent {
            ["S3 path: no S3Path; VendedS3Path is the table location ", &location].concat()
        } else {
            format!(
                "S3 path: no S3Path; VendedS3Path is left out ({}), the credentials cover the table location {location}",
                hints::behavior_setting(call.language, "vended_s3_path_without_s3_path", "VendedS3PathWithoutS3Path")
            )
        });
    }
    Ok(access.vend(Operation::GetTemporaryGlueTableCredentials, location, locations_sent, None))
}

/// Decides a `GetTemporaryGluePartitionCredentials` request, recording why in `trace`: the
/// table operation's steps, then the partition (one value per partition key, a partition the
/// table has, at a location under a registered one). The credentials cover the partition's
/// location alone, and the reply names no location.
pub(crate) fn glue_partition(
    lake: &Catalog,
    call: Call<'_>,
    request: &Input,
    input: &GetTemporaryGluePartitionCredentialsInput,
    trace: &mut Trace,
) -> Result<Vend, Refusal> {
    let access = table_access(lake, call, request, |behavior| validate::glue_partition(input, behavior), trace)?;
    let table = access.table;
    let values = input.partition().map(|p| p.values()).unwrap_or_default();
    let shown = bracketed(values);
    let keys = bracketed(&table.partition_keys);
    if values.len() != table.partition_keys.len() {
        trace.push(format!(
            "partition {shown}: {} value(s), but table {table} has {} partition key(s) {keys}",
            values.len(),
            table.partition_keys.len()
        ));
        return Err(invalid(if table.partition_keys.is_empty() {
            format!("Table {table} is not partitioned, but the request names partition values {shown}.")
        } else {
            format!(
                "Partition values {shown} do not match the partition keys {keys} of table {table}: expected {} \
                 value(s), got {}.",
                table.partition_keys.len(),
                values.len()
            )
        }));
    }
    let Some(partition) = table.find_partition(values) else {
        trace.push(format!("partition {shown}: table {table} has no such partition (keys {keys})"));
        return Err(refuse(ErrorCode::EntityNotFound, format!("Partition {shown} not found in table {table}.")));
    };
    let location = &partition.location;
    trace.push(format!("partition {shown}: at {location}"));
    registered_in_lake_region(lake, call, location, &partition_location(partition, table), trace)?;
    let values = Some(partition.values.clone());
    Ok(access.vend(Operation::GetTemporaryGluePartitionCredentials, location.clone(), false, values))
}
