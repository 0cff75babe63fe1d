//! The decisions: given a lake and a validated request, vend (and for what) or refuse (and why).
//!
//! Order of the checks, the first failure answers:
//! - every operation: the region the request was sent to is the lake's (a request naming no
//!   region passes), then input validation, then the caller (a known access key id), then
//!   `DurationSeconds` within the caller's maximum session duration;
//! - table: `TableArn` well formed, of the lake's partition, region and account; the table exists;
//!   a registered location in the lake's region covers the table location
//!   ([`Behavior::unregistered_location_error`](crate::lake::Behavior::unregistered_location_error), [`Behavior::other_region_location_error`](crate::lake::Behavior::other_region_location_error); Glue
//!   decides the same with `registration`); the caller holds SELECT (or ALL / SUPER_USER) and
//!   every requested permission; vending is allowed by one of the two paths; the declared
//!   `SupportedPermissionTypes` cover every permission type that applies (the decision Glue
//!   makes too: lake/permission_types.rs); `S3Path` (if any) lies within the table location;
//! - partition: the table's steps (its location too), then the request names one value per partition key
//!   (InvalidInput), the table has a partition with these values (EntityNotFound), and a
//!   registered location covers the partition's location
//!   ([`Behavior::unregistered_location_error`](crate::lake::Behavior::unregistered_location_error)) and is in the lake's region
//!   ([`Behavior::other_region_location_error`](crate::lake::Behavior::other_region_location_error)); the partition may lie outside the table's
//!   location, as Apache Hive (the Hadoop SQL warehouse whose table layout Glue's catalog
//!   follows) allows;
//! - data location, for each requested location in order: it is an S3 location; exactly one
//!   registered location covers it; that one is in the lake's region; the associated tables
//!   (below) exist; on each, the caller holds what [`Behavior::data_location_scope_rule`](crate::lake::Behavior::data_location_scope_rule)
//!   requires (by default SELECT on the whole table for `READ`, ALL / SUPER_USER on the whole
//!   table for `READWRITE`); vending is allowed.
//!
//! Tables associated with a data location: the table whose location covers it (the location is
//! the table's or inside it; several such tables: Conflict); failing that, every table whose
//! location lies under it (permission is then needed on each).
//!
//! Each file answers one question: [`caller`] (who is the caller), [`access`] (what its grants
//! give, may it be vended to), [`location`] (which registered location), [`table`] (the table
//! and partition operations), [`data_location`] (the data-location operation); [`outcome`] holds
//! what they start from and end in, [`wording`] how they name things. They import each other in
//! that order, and this file only re-exports them.
//!
//! The steps every vending call traces (region, principal, table, location, grants, permission,
//! full-table access, permission types, S3 path, answer) are built with `[..].concat()` rather
//! than `format!`: one allocation of the exact size instead of the formatting machinery, 11k
//! instructions less per call (callgrind), about a fifth of what the lake adds to a call.
//! Steps of refusals keep `format!`.

mod access;
mod caller;
mod data_location;
mod location;
mod outcome;
mod table;
mod wording;

pub(crate) use data_location::data_location;
pub(crate) use outcome::{Call, Refusal, Vend, invalid};
pub(crate) use table::{glue_partition, glue_table};
pub(crate) use wording::bracketed;
// glue: the steps Glue's answers share with vending (lake/authorization/)
#[cfg(feature = "glue")]
pub(crate) use access::{a_path_allows, describe_all, trace_grants};
#[cfg(feature = "glue")]
pub(crate) use caller::{caller, same_region};
#[cfg(feature = "glue")]
pub(crate) use location::registration;
#[cfg(feature = "glue")]
pub(crate) use outcome::ACCESS_NOT_ALLOWED;
#[cfg(feature = "glue")]
pub(crate) use wording::{partition_location, table_location};
