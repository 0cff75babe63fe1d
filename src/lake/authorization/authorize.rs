//! What a Glue request may see of its table (feature `glue`): the checks of the handshake in
//! their order (region, caller, catalog, table, schema, registration, grants, application
//! integration, permission types), and the columns and rows the caller's grants let through.

use crate::ErrorCode;
use crate::explain::hints::Language;
use crate::explain::trace::Trace;
use crate::lake::catalog::Catalog;
use crate::lake::decide::{self, ACCESS_NOT_ALLOWED, Call, Refusal};
use crate::lake::grant::Grant;
use crate::lake::model::{Principal, Table};
use crate::lake::permission_types;
use crate::lake::schema::TableSchema;
use aws_sdk_glue::types::PermissionType as GlueType;
use aws_sdk_lakeformation::types::{Permission, PermissionType};

/// What a Glue request names.
pub(super) struct Target<'i> {
    catalog_id: &'i str,
    database: &'i str,
    name: &'i str,
    region: Option<&'i str>,
    supported: &'i [GlueType],
}

impl<'i> Target<'i> {
    /// The target of a request's fields (an unset one is empty: validation refused it already).
    pub(super) fn new(
        catalog_id: Option<&'i str>,
        database: Option<&'i str>,
        name: Option<&'i str>,
        region: Option<&'i str>,
        supported: &'i [GlueType],
    ) -> Target<'i> {
        Target {
            catalog_id: catalog_id.unwrap_or_default(),
            database: database.unwrap_or_default(),
            name: name.unwrap_or_default(),
            region,
            supported,
        }
    }
}

/// What a Glue request may see of its table.
pub(super) struct Authorized<'m> {
    pub(super) principal: &'m Principal,
    pub(super) table: &'m Table,
    pub(super) schema: &'m TableSchema,
    pub(super) registered: bool,
    /// `None` for a table not registered with Lake Formation.
    pub(super) columns: Option<Vec<String>>,
    pub(super) cell_filters: Vec<(String, String)>,
    pub(super) row_filter: Option<String>,
    pub(super) permissions: Vec<Permission>,
}

/// `(a) OR (b)`, or the one expression; `TRUE` when one of them is.
fn any_of(expressions: &[&str]) -> String {
    let mut unique: Vec<&str> = Vec::new();
    for e in expressions {
        if *e == "TRUE" {
            return "TRUE".to_owned();
        }
        if !unique.contains(e) {
            unique.push(e);
        }
    }
    match unique.as_slice() {
        [one] => (*one).to_owned(),
        several => several.iter().map(|e| format!("({e})")).collect::<Vec<_>>().join(" OR "),
    }
}

/// Decides what the caller may see of the table a Glue request names, recording why in `trace`.
pub(super) fn authorize<'m>(
    lake: &'m Catalog,
    call: Call<'m>,
    target: &Target<'_>,
    trace: &mut Trace,
) -> Result<Result<Authorized<'m>, String>, Refusal> {
    let model = &lake.model;
    decide::same_region(model, call, trace)?;
    let principal = decide::caller(lake, call, trace)?;
    let foreign = |what: &str, found: &str, lake: &str| Refusal {
        code: model.behavior.foreign_table_arn_error,
        message: format!("{what} {found} is not this lake's: this call is answered for {what} {lake}."),
    };
    if target.catalog_id != model.account_id {
        trace.push(format!("catalog: {} is not the lake's catalog {}", target.catalog_id, model.account_id));
        return Err(foreign("Catalog", target.catalog_id, &model.account_id));
    }
    if let Some(region) = target.region.filter(|r| *r != model.region) {
        trace.push(format!("catalog: Region {region} is not the lake's region {}", model.region));
        return Err(foreign("Region", region, &model.region));
    }
    let Some(table) = lake.table(target.database, target.name) else {
        let message = if lake.has_database(target.database) {
            format!("Table {} not found.", target.name)
        } else {
            format!("Database {} not found.", target.database)
        };
        trace.push(format!("table: {}.{} is not in the lake", target.database, target.name));
        return Err(Refusal { code: ErrorCode::EntityNotFound, message });
    };
    let Some(schema) = model.schema(table) else {
        return Ok(Err(format!("the table {table} has no schema in the lake: {}", add_schema(call.language, table))));
    };
    // The same decision as vending's (a location in another region is refused by both).
    let what = decide::table_location(table);
    let Some(registration) = decide::registration(lake, &table.location, &what, trace)? else {
        trace.push(format!(
            "table: {table} at {} is under no registered location: not governed by Lake Formation \
             (IsRegisteredWithLakeFormation false, no authorization)",
            table.location
        ));
        return Ok(Ok(Authorized {
            principal,
            table,
            schema,
            registered: false,
            columns: None,
            cell_filters: Vec::new(),
            row_filter: None,
            permissions: Vec::new(),
        }));
    };
    trace.push(format!("table: {table} at {}, under registered location {}", table.location, registration.uri));
    let grants: Vec<&Grant> = lake.grants_on(&principal.arn, table);
    let described = decide::describe_all(&grants);
    decide::trace_grants(trace, principal, table, &described);
    if grants.is_empty() {
        return Err(Refusal {
            code: ErrorCode::AccessDenied,
            message: format!("Insufficient Lake Formation permission(s) on {}", table.name),
        });
    }
    if !decide::a_path_allows(model, &grants, &described, table, principal, trace) {
        trace.push(
            "application integration: refused: the caller is allowed by neither full-table access nor \
             session-tag allowlisting",
        );
        return Err(Refusal { code: ErrorCode::AccessDenied, message: ACCESS_NOT_ALLOWED.to_owned() });
    }
    // One decision for Glue and vending (lake/permission_types.rs).
    let declared: Vec<PermissionType> = target.supported.iter().map(|t| PermissionType::from(t.as_str())).collect();
    permission_types::check(model.behavior.permission_type_coverage, &grants, table, &declared, trace)?;

    // Per SELECT grant: the columns it lets through and the rows (`TRUE`: all).
    let all_columns = schema.all_columns(table);
    let all: Vec<&str> = all_columns.iter().map(|c| c.name.as_str()).collect();
    let mut per_grant: Vec<(Vec<&str>, &str)> = Vec::new();
    for grant in grants.iter().filter(|g| g.implies(&Permission::Select)) {
        let (filter_columns, rows): (Vec<&str>, &str) = match &grant.cell_filter {
            Some(name) => {
                let Some(filter) = model.cell_filter(table, name) else {
                    return Ok(Err(format!(
                        "a grant on {table} names the cell filter {name}, which the lake does not define: {}",
                        add_cell_filter(call.language, name, table)
                    )));
                };
                let columns = all.iter().copied().filter(|c| filter.lets_through(c)).collect();
                (columns, filter.row_filter_expression.as_deref().unwrap_or("TRUE"))
            }
            None => (all.clone(), "TRUE"),
        };
        let columns = filter_columns.into_iter().filter(|c| grant.lets_through(c)).collect();
        per_grant.push((columns, rows));
    }
    let mut columns: Vec<String> = Vec::new();
    let mut cell_filters = Vec::new();
    for column in &all {
        let rows: Vec<&str> = per_grant.iter().filter(|(cs, _)| cs.contains(column)).map(|(_, r)| *r).collect();
        if !rows.is_empty() {
            columns.push((*column).to_owned());
            cell_filters.push(((*column).to_owned(), any_of(&rows)));
        }
    }
    columns.sort();
    cell_filters.sort();
    let rows: Vec<&str> = per_grant.iter().map(|(_, r)| *r).collect();
    let row_filter = (!rows.is_empty()).then(|| any_of(&rows));
    trace.push(match &row_filter {
        Some(filter) => format!("authorized: columns [{}], rows {filter}", columns.join(", ")),
        None => "authorized: no column (no grant gives SELECT)".to_owned(),
    });
    let mut permissions: Vec<Permission> = Vec::new();
    for p in grants.iter().flat_map(|g| &g.permissions) {
        if !permissions.contains(p) {
            permissions.push(p.clone());
        }
    }
    Ok(Ok(Authorized {
        principal,
        table,
        schema,
        registered: true,
        columns: Some(columns),
        cell_filters,
        row_filter,
        permissions,
    }))
}

/// How to give the lake a schema for `table`, in `language`.
fn add_schema(language: Language, table: &Table) -> String {
    let (database, name) = (&table.database, &table.name);
    match language {
        Language::Rust => format!(
            "add `.schema(TableSchema::new(\"{database}\", \"{name}\").column(\"id\", \"bigint\"))` to the lake"
        ),
        Language::Fixture => format!(
            "add `\"Schemas\": [{{\"Database\": \"{database}\", \"Table\": \"{name}\", \"Columns\": \
             [{{\"Name\": \"id\", \"Type\": \"bigint\"}}]}}]` to the fixture's lake"
        ),
    }
}

/// How to define the cell filter `filter` on `table` in the lake, in `language`.
fn add_cell_filter(language: Language, filter: &str, table: &Table) -> String {
    let (database, name) = (&table.database, &table.name);
    match language {
        Language::Rust => format!(
            "add `.cell_filter(CellFilter::new(\"{filter}\", \"{database}\", \"{name}\").row_filter(\"..\"))` to \
             the lake"
        ),
        Language::Fixture => format!(
            "add `\"CellFilters\": [{{\"Name\": \"{filter}\", \"Database\": \"{database}\", \"Table\": \
             \"{name}\", \"RowFilterExpression\": \"..\"}}]` to the fixture's lake"
        ),
    }
}
