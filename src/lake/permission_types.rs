//! Which `SupportedPermissionTypes` a request must declare to be answered: one decision that
//! every operation reading a table applies alike (Glue's `GetUnfilteredTableMetadata` and
//! `GetUnfilteredPartitionsMetadata`, table and partition vending).
//!
//! The types that apply to a caller on a table are the table's own policies
//! ([`Table::policies`]) and the restrictions of the caller's grants on it: a grant limited to
//! some columns (listed, or all but some) brings `COLUMN_PERMISSION`, a grant limited to a data
//! cell filter `CELL_FILTER_PERMISSION`. The request is answered when the types it declares
//! cover every type that applies, as [`PermissionTypeCoverage`] says (by default the types are a
//! hierarchy); else it is refused with `PermissionTypeMismatchException`. The table of every
//! case is in the guide ([Permission types](crate::guide::lake#permission-types)).

use super::decide::{Refusal, bracketed};
use super::grant::Grant;
use super::model::Table;
use crate::ErrorCode;
use crate::explain::trace::Trace;
use aws_sdk_lakeformation::types::PermissionType;
use serde::{Deserialize, Serialize};

/// How the `SupportedPermissionTypes` a request declares cover the permission types that apply
/// to the caller on a table (a [`Behavior`](super::Behavior) setting, fixture key
/// `PermissionTypeCoverage`). Glue and vending apply the same coverage.
///
/// ```
/// use aws_sdk_lakeformation::types::PermissionType::*;
/// use lakeformation_mock::lake::PermissionTypeCoverage;
///
/// let hierarchy = PermissionTypeCoverage::default();
/// assert!(hierarchy.covers(&CellFilterPermission, &ColumnPermission));
/// assert!(!hierarchy.covers(&ColumnPermission, &CellFilterPermission));
/// assert!(hierarchy.covers(&NestedCellPermission, &NestedPermission));
/// assert!(!PermissionTypeCoverage::Exact.covers(&CellFilterPermission, &ColumnPermission));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum PermissionTypeCoverage {
    /// The types are a hierarchy, and a declared type covers itself and every type below it:
    /// `CELL_FILTER_PERMISSION` covers `COLUMN_PERMISSION`; `NESTED_PERMISSION` covers
    /// `COLUMN_PERMISSION`; `NESTED_CELL_PERMISSION` covers all three. Glue was seen applying the
    /// hierarchy (it names one type, "cell filter includes column"); vending is taken to apply it
    /// too, since engines send vending the one type they sent Glue.
    #[default]
    Hierarchy,
    /// A declared type covers only itself: every type that applies must be declared by name
    /// (the rule table vending followed before the hierarchy applied to every operation).
    Exact,
}

impl PermissionTypeCoverage {
    /// Whether declaring `declared` covers a `found` type that applies.
    pub fn covers(self, declared: &PermissionType, found: &PermissionType) -> bool {
        use PermissionType::*;
        declared == found
            || self == PermissionTypeCoverage::Hierarchy
                && matches!(
                    (declared, found),
                    (CellFilterPermission, ColumnPermission)
                        | (NestedPermission, ColumnPermission)
                        | (NestedCellPermission, ColumnPermission | CellFilterPermission | NestedPermission)
                )
    }
}

/// The four types a request may declare, in the model's order.
const DECLARABLE: [PermissionType; 4] = [
    PermissionType::ColumnPermission,
    PermissionType::CellFilterPermission,
    PermissionType::NestedPermission,
    PermissionType::NestedCellPermission,
];

/// The permission types that apply to the caller on `table`: the table's policies, then its
/// grants' restrictions, each once.
pub(super) fn applying(grants: &[&Grant], table: &Table) -> Vec<PermissionType> {
    let mut kinds = table.policies.clone();
    for kind in grants.iter().flat_map(|g| g.restriction_types()) {
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    kinds
}

/// The one decision: the `declared` types cover every type that applies to the caller (holding
/// `grants`) on `table`, else `PermissionTypeMismatchException`. Records the types found, where
/// each comes from, and the verdict in `trace`.
pub(super) fn check(
    coverage: PermissionTypeCoverage,
    grants: &[&Grant],
    table: &Table,
    declared: &[PermissionType],
    trace: &mut Trace,
) -> Result<(), Refusal> {
    let applying = applying(grants, table);
    let covered = |kind: &PermissionType| declared.iter().any(|d| coverage.covers(d, kind));
    let uncovered: Vec<&str> = applying.iter().filter(|k| !covered(k)).map(PermissionType::as_str).collect();
    let found: Vec<String> = applying
        .iter()
        .map(|k| {
            let source = if table.policies.contains(k) { "table policy" } else { "grant restriction" };
            format!("{} ({source})", k.as_str())
        })
        .collect();
    let declared_names = bracketed(declared.iter().map(PermissionType::as_str));
    let verdict =
        if uncovered.is_empty() { "covered".to_owned() } else { format!("not covered: {}", bracketed(&uncovered)) };
    trace.push(
        [
            "permission types: found ",
            &bracketed(&found),
            " on ",
            &table.database,
            ".",
            &table.name,
            ", SupportedPermissionTypes declares ",
            &declared_names,
            ": ",
            &verdict,
        ]
        .concat(),
    );
    if uncovered.is_empty() {
        return Ok(());
    }
    // The single types that would cover everything that applies.
    let enough: Vec<&str> = DECLARABLE
        .iter()
        .filter(|t| applying.iter().all(|k| coverage.covers(t, k)))
        .map(PermissionType::as_str)
        .collect();
    let fix = match enough.as_slice() {
        [] => format!("declare each of {}", bracketed(applying.iter().map(PermissionType::as_str))),
        [one] => format!("declare {one}"),
        several => format!("declare one of {}", bracketed(several)),
    };
    Err(Refusal {
        code: ErrorCode::PermissionTypeMismatch,
        message: format!(
            "Table {table} has permission type(s) {} that SupportedPermissionTypes {declared_names} does not cover: \
             {fix}.",
            bracketed(&uncovered)
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use PermissionType::*;

    /// Each declared type covers exactly what the hierarchy puts at or below it.
    #[test]
    fn the_hierarchy_and_the_exact_rule() {
        let below = |declared: &PermissionType| -> Vec<PermissionType> {
            DECLARABLE.iter().filter(|f| PermissionTypeCoverage::Hierarchy.covers(declared, f)).cloned().collect()
        };
        assert_eq!(below(&ColumnPermission), [ColumnPermission]);
        assert_eq!(below(&CellFilterPermission), [ColumnPermission, CellFilterPermission]);
        assert_eq!(below(&NestedPermission), [ColumnPermission, NestedPermission]);
        assert_eq!(below(&NestedCellPermission), DECLARABLE);
        for declared in &DECLARABLE {
            for found in &DECLARABLE {
                assert_eq!(PermissionTypeCoverage::Exact.covers(declared, found), declared == found);
            }
        }
    }
}
