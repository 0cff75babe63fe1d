//! The model as the lake holds it: indexed by what a decision looks up (the caller by access key
//! id, the table by name, the grants by principal and table, locations by bucket and key), so a
//! lake the size of a real catalog answers as fast as a one-table lake, and grants held so that
//! one is added or revoked without touching the others.

use super::grant::Grant;
use super::model::{LakeModel, Location, Principal, Table};
use super::s3::{S3Index, S3Uri};
use foldhash::{HashMap, HashSet};
use std::collections::BTreeMap;

/// A [`LakeModel`] with its lookups. Its grants are not in `model.grants` (always empty) but in
/// `grants`, each with the number that keeps the model's order; [`Catalog::to_model`] gives the
/// whole model back.
#[derive(Clone, Debug)]
pub(crate) struct Catalog {
    /// Everything but the grants.
    pub(crate) model: LakeModel,
    /// Positions in `model.principals` by access key id.
    principals: HashMap<String, usize>,
    /// The principals' ARNs.
    arns: HashSet<String>,
    /// Positions in `model.tables` by database, then name.
    tables: HashMap<String, HashMap<String, usize>>,
    /// Grants by principal ARN, then by position of the table and place in the model's order: a
    /// table's grants are one range, in order, and a grant needs no list of its own (a large
    /// lake has one grant per principal and table).
    grants: HashMap<String, BTreeMap<(usize, u64), Grant>>,
    /// The place of the next grant added.
    next_grant: u64,
    /// The tables' locations.
    table_locations: S3Index,
    /// The registered locations.
    registered: S3Index,
}

impl Catalog {
    /// The catalog of `model`, which is consistent ([`LakeModel::check`]).
    pub(crate) fn new(mut model: LakeModel) -> Catalog {
        let grants = std::mem::take(&mut model.grants);
        let mut catalog = Catalog {
            principals: HashMap::default(),
            arns: HashSet::default(),
            tables: HashMap::default(),
            grants: HashMap::default(),
            next_grant: 0,
            table_locations: S3Index::default(),
            registered: S3Index::default(),
            model,
        };
        for (i, principal) in catalog.model.principals.iter().enumerate() {
            // The first of two principals with the same key, as a search would find (check refuses both).
            catalog.principals.entry(principal.access_key_id.clone()).or_insert(i);
            catalog.arns.insert(principal.arn.clone());
        }
        // sts: grants may name a role, whose sessions hold them
        #[cfg(feature = "sts")]
        for role in &catalog.model.roles {
            catalog.arns.insert(role.arn.clone());
        }
        for (i, table) in catalog.model.tables.iter().enumerate() {
            // The database is copied once, not once per table.
            let names = match catalog.tables.get_mut(&table.database) {
                Some(names) => names,
                None => catalog.tables.entry(table.database.clone()).or_default(),
            };
            names.entry(table.name.clone()).or_insert(i);
            catalog.table_locations.insert(&table.location, i);
        }
        for (i, location) in catalog.model.locations.iter().enumerate() {
            catalog.registered.insert(&location.uri, i);
        }
        for grant in grants {
            assert!(catalog.add(grant), "a consistent model's grants name its tables");
        }
        catalog
    }

    /// The whole model: `model` with the grants in their order.
    pub(crate) fn to_model(&self) -> LakeModel {
        let mut grants: Vec<(&(usize, u64), &Grant)> = self.grants.values().flatten().collect();
        grants.sort_unstable_by_key(|((_, place), _)| *place);
        LakeModel { grants: grants.into_iter().map(|(_, grant)| grant.clone()).collect(), ..self.model.clone() }
    }

    /// The principal that signs with `access_key_id`.
    pub(crate) fn principal(&self, access_key_id: &str) -> Option<&Principal> {
        self.principals.get(access_key_id).map(|&i| &self.model.principals[i])
    }

    /// Whether a principal has this ARN.
    pub(crate) fn has_principal_arn(&self, arn: &str) -> bool {
        self.arns.contains(arn)
    }

    /// The position of table `database.name` in `model.tables`.
    fn table_position(&self, database: &str, name: &str) -> Option<usize> {
        self.tables.get(database)?.get(name).copied()
    }

    /// The table `database.name`.
    pub(crate) fn table(&self, database: &str, name: &str) -> Option<&Table> {
        self.table_position(database, name).map(|i| &self.model.tables[i])
    }

    /// Whether the catalog has a table in `database`.
    pub(crate) fn has_database(&self, database: &str) -> bool {
        self.tables.contains_key(database)
    }

    /// The grants `principal_arn` holds on `table`, in the model's order.
    pub(crate) fn grants_on(&self, principal_arn: &str, table: &Table) -> Vec<&Grant> {
        let (Some(t), Some(held)) = (self.table_position(&table.database, &table.name), self.grants.get(principal_arn))
        else {
            return Vec::new();
        };
        held.range((t, 0)..=(t, u64::MAX)).map(|(_, grant)| grant).collect()
    }

    /// The registered locations that cover `uri`, in the model's order.
    pub(crate) fn registered_covering(&self, uri: &S3Uri<'_>) -> Vec<&Location> {
        self.registered.covering(uri).into_iter().map(|i| &self.model.locations[i]).collect()
    }

    /// The tables whose location covers `uri`, in the model's order.
    pub(crate) fn tables_covering(&self, uri: &S3Uri<'_>) -> Vec<&Table> {
        self.table_locations.covering(uri).into_iter().map(|i| &self.model.tables[i]).collect()
    }

    /// The tables whose location lies under `uri` (or is it), in the model's order.
    pub(crate) fn tables_under(&self, uri: &S3Uri<'_>) -> Vec<&Table> {
        self.table_locations.under(uri).into_iter().map(|i| &self.model.tables[i]).collect()
    }

    /// Adds `grant` after the others, if its table exists; whether it does.
    pub(crate) fn add(&mut self, grant: Grant) -> bool {
        let Some(table) = self.table_position(&grant.database, &grant.table) else { return false };
        let place = self.next_grant;
        self.next_grant += 1;
        // The ARN is copied only for a principal's first grant (a large lake has 100 per principal).
        match self.grants.get_mut(&grant.principal) {
            Some(held) => {
                held.insert((table, place), grant);
            }
            None => {
                let arn = grant.principal.clone();
                self.grants.insert(arn, BTreeMap::from([((table, place), grant)]));
            }
        }
        true
    }

    /// Removes every grant equal to `grant`; whether there was one.
    pub(crate) fn remove(&mut self, grant: &Grant) -> bool {
        let Some(table) = self.table_position(&grant.database, &grant.table) else { return false };
        let Some(held) = self.grants.get_mut(&grant.principal) else { return false };
        let equal: Vec<(usize, u64)> =
            held.range((table, 0)..=(table, u64::MAX)).filter(|(_, g)| *g == grant).map(|(key, _)| *key).collect();
        for key in &equal {
            held.remove(key);
        }
        if held.is_empty() {
            self.grants.remove(&grant.principal);
        }
        !equal.is_empty()
    }
}
