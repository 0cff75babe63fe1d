//! [`LakeModel::check`]: the one place the parts of a model are checked, each alone and against
//! each other (a grant names a known table, a pin a known principal, a schema a known column).

use super::{LakeModel, ModelError, Table, time_of};
use crate::explain::hints::Language;
use crate::lake::{arn, s3};
use foldhash::HashSet;

/// The shortest `DurationSeconds` of both operations: a maximum session duration below it
/// would refuse every duration.
const MIN_SESSION_SECONDS: i32 = 900;

impl LakeModel {
    /// Checks that the model is consistent: ids and ARNs well formed, S3 locations valid, no
    /// duplicate principal or table, every grant naming a known table and principal.
    pub fn check(&self) -> Result<(), ModelError> {
        self.check_worded(Language::Rust)
    }

    /// [`check`](Self::check), with the fixes worded for who built the model: Rust calls for a
    /// model built in code, fixture JSON keys for one loaded from a fixture.
    pub(crate) fn check_worded(&self, language: Language) -> Result<(), ModelError> {
        let mut problems = Vec::new();
        if self.partition.is_empty() {
            problems.push("the partition is empty".to_owned());
        }
        if self.account_id.len() != 12 || !self.account_id.bytes().all(|b| b.is_ascii_digit()) {
            problems.push(format!("the account id `{}` is not 12 digits", self.account_id));
        }
        if self.region.is_empty() {
            problems.push("the region is empty".to_owned());
        }
        for location in &self.locations {
            if s3::S3Uri::parse(&location.uri).is_none() {
                problems
                    .push(format!("the registered location `{}` is not an S3 URI (s3://bucket/prefix)", location.uri));
            }
        }
        // Sets, not searches, so that a lake of 10,000 tables and 100,000 grants checks in milliseconds.
        let mut tables = HashSet::default();
        for table in &self.tables {
            if table.database.is_empty() || table.name.is_empty() || table.name.contains('/') {
                problems.push(format!(
                    "the table `{}.{}` needs a database and a name without `/`",
                    table.database, table.name
                ));
            }
            if table.location.is_empty() {
                problems.push(format!("the table {table} has no location: {}", add_location(language)));
            } else if s3::S3Uri::parse(&table.location).is_none() {
                problems.push(format!("the location `{}` of table {} is not an S3 URI", table.location, table));
            }
            if !tables.insert((table.database.as_str(), table.name.as_str())) {
                problems.push(format!("the table {table} is defined twice"));
            }
            partition_problems(table, language, &mut problems);
        }
        let mut keys = HashSet::default();
        for principal in &self.principals {
            if arn::account_of(&principal.arn).is_none() {
                problems.push(format!(
                    "the principal ARN `{}` has no account id (expected arn:aws:iam::123456789012:role/name)",
                    principal.arn
                ));
            }
            if let Some(max) = principal.max_session_duration_seconds.filter(|&max| max < MIN_SESSION_SECONDS) {
                problems.push(format!(
                    "the maximum session duration {max} of principal `{}` is below the shortest duration, \
                     {MIN_SESSION_SECONDS} seconds",
                    principal.arn
                ));
            }
            for location in principal.s3_access.keys().filter(|l| s3::S3Uri::parse(l).is_none()) {
                problems.push(format!(
                    "the S3 access `{location}` of principal `{}` is not an S3 location (expected s3://bucket/prefix/)",
                    principal.arn
                ));
            }
            if !keys.insert(principal.access_key_id.as_str()) {
                problems.push(format!("the access key id `{}` belongs to two principals", principal.access_key_id));
            }
        }
        if let Some(max) = self.behavior.max_session_duration_seconds.filter(|&max| max < MIN_SESSION_SECONDS) {
            problems.push(format!(
                "the behavior's maximum session duration {max} is below the shortest duration, {MIN_SESSION_SECONDS} \
                 seconds"
            ));
        }
        #[allow(unused_mut)] // sts: grants may also name roles
        let mut arns: HashSet<&str> = self.principals.iter().map(|p| p.arn.as_str()).collect();
        // sts: roles are checked on their own and named by grants (src/lake/model/role.rs)
        #[cfg(feature = "sts")]
        {
            let mut roles = HashSet::default();
            for role in &self.roles {
                problems.extend(role.problems());
                if !roles.insert(role.arn.as_str()) {
                    problems.push(format!("the role `{}` is in the lake twice", role.arn));
                }
            }
            arns.extend(roles);
        }
        for grant in &self.grants {
            if !tables.contains(&(grant.database.as_str(), grant.table.as_str())) {
                problems.push(format!(
                    "a grant names the table {}.{}, which the lake does not have",
                    grant.database, grant.table
                ));
            }
            if !arns.contains(grant.principal.as_str()) {
                problems
                    .push(format!("a grant names the principal `{}`, which the lake does not have", grant.principal));
            }
            problems.extend(grant.problem(language));
        }
        problems.extend(self.behavior.problems());
        problems.extend(pin_problems(self, language));
        // glue: schemas and cell filters name known tables and columns
        #[cfg(feature = "glue")]
        problems.extend(schema_problems(self, language));
        if problems.is_empty() { Ok(()) } else { Err(ModelError { problems }) }
    }
}

/// Adds what is wrong with the partition keys and partitions of `table` to `problems`.
fn partition_problems(table: &Table, language: Language, problems: &mut Vec<String>) {
    let mut keys = HashSet::default();
    for key in &table.partition_keys {
        if key.is_empty() {
            problems.push(format!("the table {table} has an empty partition key name"));
        } else if !keys.insert(key.as_str()) {
            problems.push(format!("the table {table} has the partition key `{key}` twice"));
        }
    }
    if table.partition_keys.is_empty() && !table.partitions.is_empty() {
        problems
            .push(format!("the table {table} has partitions but no partition keys: {}", add_partition_keys(language)));
        return;
    }
    let mut seen = HashSet::default();
    for partition in &table.partitions {
        let values = format!("[{}]", partition.values.join(", "));
        if partition.values.len() != table.partition_keys.len() {
            problems.push(format!(
                "the partition {values} of table {table} has {} value(s), but the table has {} partition \
                 key(s) [{}]",
                partition.values.len(),
                table.partition_keys.len(),
                table.partition_keys.join(", ")
            ));
        }
        if !seen.insert(partition.values.as_slice()) {
            problems.push(format!("the partition {values} of table {table} is defined twice"));
        }
        if s3::S3Uri::parse(&partition.location).is_none() {
            problems.push(format!(
                "the location `{}` of partition {values} of table {table} is not an S3 URI",
                partition.location
            ));
        }
    }
}
/// What is wrong with the pins of `model`.
fn pin_problems(model: &LakeModel, language: Language) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, pin) in model.pins.iter().enumerate() {
        let at = format!("pin #{i}");
        if let Some(arn) = &pin.principal
            && !model.principals.iter().any(|p| &p.arn == arn)
        {
            problems.push(format!("{at} names the principal `{arn}`, which the lake does not have"));
        }
        match (&pin.database, &pin.table) {
            (Some(database), Some(name)) if model.find_table(database, name).is_none() => {
                problems.push(format!("{at} names the table {database}.{name}, which the lake does not have"));
            }
            (Some(_), None) | (None, Some(_)) => {
                problems.push(format!("{at} names a table by half: {}", whole_table(language)));
            }
            _ => {}
        }
        if pin.is_empty() {
            problems.push(format!("{at} pins no value: {}", pin_a_value(language)));
        }
        for (key, value) in [
            ("AccessKeyId", &pin.access_key_id),
            ("SecretAccessKey", &pin.secret_access_key),
            ("SessionToken", &pin.session_token),
        ] {
            // Keys are sent in SigV4 headers: no spaces, no control characters.
            if value.as_ref().is_some_and(|v| v.is_empty() || !v.bytes().all(|b| b.is_ascii_graphic())) {
                problems.push(format!("{at}: its {key} must be non-empty printable ASCII without spaces"));
            }
        }
        if pin.expiration.is_some_and(|s| time_of(s).is_none()) {
            problems.push(format!("{at}: its Expiration is beyond the times this platform can represent"));
        }
        #[cfg(feature = "glue")]
        if let Some(id) = &pin.query_authorization_id {
            let length = id.chars().count();
            if !(1..=255).contains(&length) || id.chars().any(|c| c.is_control() && c != '\t') {
                problems.push(format!(
                    "{at}: its QueryAuthorizationId must be 1 to 255 characters without control characters, as \
                     vending validates the id passed back (it has {length})"
                ));
            }
        }
    }
    problems
}

/// The inconsistencies of the schemas and cell filters of `model` (and of its query authorization
/// settings).
#[cfg(feature = "glue")]
fn schema_problems(model: &LakeModel, language: Language) -> Vec<String> {
    let mut problems = model.behavior.query_authorization.problems(language);
    for (i, schema) in model.schemas.iter().enumerate() {
        let name = format!("{}.{}", schema.database, schema.table);
        let Some(table) = model.find_table(&schema.database, &schema.table) else {
            problems.push(format!("the schema of {name} names a table the lake does not have"));
            continue;
        };
        if model.schemas[..i].iter().any(|s| s.database == schema.database && s.table == schema.table) {
            problems.push(format!("the table {name} has two schemas"));
        }
        let typed: Vec<&str> = schema.partition_keys.iter().map(|c| c.name.as_str()).collect();
        if !typed.is_empty() && typed != table.partition_keys {
            problems.push(format!(
                "the schema of {name} types the partition keys [{}], but the table's partition keys are [{}]: \
                 the keys are the table's ({}); a schema types none of them, or all, in their order",
                typed.join(", "),
                table.partition_keys.join(", "),
                match language {
                    Language::Rust => "`Table::partition_keys`",
                    Language::Fixture => "the table's `PartitionKeys`",
                }
            ));
        }
        let all = schema.all_columns(table);
        let has_column = |name: &str| all.iter().any(|c| c.name == name);
        let mut seen = Vec::new();
        for column in &all {
            if column.name.is_empty() || column.kind.is_empty() {
                problems.push(format!("a column of {name} has no name or no type"));
            }
            if seen.contains(&column.name.as_str()) {
                problems.push(format!("the column {} of {name} is defined twice", column.name));
            }
            seen.push(&column.name);
        }
        for grant in model.grants.iter().filter(|g| g.database == table.database && g.table == table.name) {
            for column in grant.columns.iter().chain(&grant.excluded_columns).filter(|c| !has_column(c)) {
                problems.push(format!("a grant on {name} names the column {column}, which its schema does not have"));
            }
        }
    }
    for (i, filter) in model.cell_filters.iter().enumerate() {
        let name = format!("{}.{}", filter.database, filter.table);
        let Some(table) = model.find_table(&filter.database, &filter.table) else {
            problems
                .push(format!("the cell filter {} names the table {name}, which the lake does not have", filter.name));
            continue;
        };
        if model.cell_filters[..i]
            .iter()
            .any(|f| f.name == filter.name && f.database == filter.database && f.table == filter.table)
        {
            problems.push(format!("the cell filter {} on {name} is defined twice", filter.name));
        }
        if !filter.column_names.is_empty() && !filter.excluded_column_names.is_empty() {
            problems.push(format!(
                "the cell filter {} on {name} has both {}: a filter lists its columns or excludes some from all",
                filter.name,
                match language {
                    Language::Rust => "`columns(..)` and `excluding(..)`",
                    Language::Fixture => "`ColumnNames` and `ExcludedColumnNames`",
                }
            ));
        }
        if let Some(schema) = model.schema(table) {
            let all = schema.all_columns(table);
            for column in filter.column_names.iter().chain(&filter.excluded_column_names) {
                if !all.iter().any(|c| &c.name == column) {
                    problems.push(format!(
                        "the cell filter {} on {name} names the column {column}, which its schema does not have",
                        filter.name
                    ));
                }
            }
        }
    }
    problems
}

/// How to give a table its location.
fn add_location(language: Language) -> &'static str {
    match language {
        Language::Rust => "add `.location(\"s3://bucket/prefix/\")`",
        Language::Fixture => "add \"Location\": \"s3://bucket/prefix/\"",
    }
}

/// How to name a table's partition keys.
fn add_partition_keys(language: Language) -> &'static str {
    match language {
        // The Rust wording names the fixture key too, as it always has.
        Language::Rust => "add `.partition_keys([..])` (fixture key `PartitionKeys`)",
        Language::Fixture => "add \"PartitionKeys\": [..], one name per value of each partition's \"Values\"",
    }
}

/// How a pin names its table.
fn whole_table(language: Language) -> &'static str {
    match language {
        Language::Rust => "set both `database` and `table` (`Pin::table(database, name)`), or neither",
        Language::Fixture => "give both `Database` and `Table`, or neither",
    }
}

/// How to give a pin a value.
fn pin_a_value(language: Language) -> &'static str {
    match language {
        Language::Rust => {
            "pin one with `.keys(..)`, `.access_key_id(..)`, `.secret_access_key(..)`, `.session_token(..)`, \
             `.expiration(..)` or `.query_authorization_id(..)`"
        }
        Language::Fixture => {
            "set `AccessKeyId`, `SecretAccessKey`, `SessionToken`, `Expiration` or `QueryAuthorizationId`"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lake::Pin;

    /// A model with a table without location, partitions without keys, and an empty pin.
    fn broken() -> LakeModel {
        let table = Table::new("db", "t").partition(["x"], "s3://lake/db/t/x/");
        LakeModel { tables: vec![table], pins: vec![Pin::new()], ..LakeModel::default() }
    }

    #[test]
    fn fixture_users_are_told_the_fixture_keys_and_no_rust() {
        let text = broken().check_worded(Language::Fixture).unwrap_err().to_string();
        for fixture in ["\"Location\": \"s3://bucket/prefix/\"", "\"PartitionKeys\": [..]", "set `AccessKeyId`"] {
            assert!(text.contains(fixture), "{fixture} missing from {text}");
        }
        for rust in [".location(", ".partition_keys(", ".keys(", "Pin::"] {
            assert!(!text.contains(rust), "{rust} in {text}");
        }
    }

    #[test]
    fn rust_users_are_told_the_builder_calls() {
        let text = broken().check().unwrap_err().to_string();
        for rust in [".location(\"s3://bucket/prefix/\")", ".partition_keys([..])", ".keys(..)"] {
            assert!(text.contains(rust), "{rust} missing from {text}");
        }
    }
}
