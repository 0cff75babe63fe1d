//! AWS Glue's side of the query-authorization handshake (feature `glue`).
//!
//! Engines that filter data themselves call Glue `GetUnfilteredTableMetadata` (or
//! `GetUnfilteredPartitionsMetadata`) with a `QuerySessionContext`, receive the authorized
//! columns, the cell filters and a `QueryAuthorizationId`, then pass that id back in
//! `QuerySessionContext` to Lake Formation's `GetTemporaryGlueTableCredentials`, and again on each
//! renewal. The same [`MockLakeFormation`](crate::MockLakeFormation) is the HTTP client of an
//! `aws_sdk_glue::Client` too ([`MockLakeFormation::glue_client`](crate::MockLakeFormation::glue_client);
//! [`http_client`](crate::MockLakeFormation::http_client) works for both), and answers both
//! operations (awsJson1_1: `POST /` with `X-Amz-Target: AWSGlue.<Operation>`):
//!
//! - from **rules**: [`Rule::unfiltered_table_metadata`](crate::Rule::unfiltered_table_metadata)
//!   and [`Rule::unfiltered_partitions_metadata`](crate::Rule::unfiltered_partitions_metadata),
//!   answered with the SDK's own output and error types (`GetUnfilteredTableMetadataOutput`,
//!   `GetUnfilteredTableMetadataError`) or [`Reply::error`](crate::Reply::error), sent as Glue
//!   sends them (`{"__type": "...", "message": "..."}`, status 400);
//! - from the **simulated lake**: its grants, table schemas and cell filters give the live shapes
//!   (sorted `AuthorizedColumns`, one `CellFilters` entry per authorized column, `RowFilter`
//!   `"TRUE"` for a full-table grant), and it issues the `QueryAuthorizationId` that table
//!   vending then checks (see [`lake::QueryAuthorizationBehavior`](crate::lake::QueryAuthorizationBehavior)).
//!
//! Every Glue request is journaled as the SDK's typed input ([`GlueInput`], in
//! [`Input::Glue`](crate::Input::Glue)) and validated first as Glue validates it: required
//! members, lengths and ranges, enums, a `Segment` past the last (`SegmentNumber` must be below
//! `TotalSegments`, as the model's text numbers them), and the live one-tier rule (more than one
//! `SupportedPermissionTypes` value is `InvalidInputException`). A JSON array where the model
//! wants an object (`"AuditContext": ["job-7"]`) is a malformed request. Other Glue operations are
//! unanswered (journaled as [`Operation::Other`](crate::Operation::Other)`("AWSGlue.GetTable")`),
//! unless a [`Rule::any_operation`](crate::Rule::any_operation) answers them.
//!
//! A scripted output is checked against Glue's model before it is sent: one Glue could never
//! send (a `GetUnfilteredTableMetadata` output without `Table`, an empty `Table.Name` or
//! `QueryAuthorizationId`, a `Permissions` value Glue does not know) fails the call with a
//! message naming the member, as a vending output for another operation does. A
//! [`RawResponse`](crate::RawResponse) sends any body. Errors go out with any code; those Glue's
//! model does not list for the operation (`AccessDeniedException`, which Glue sends anyway)
//! decode as `Unhandled` with their code: see [`ErrorCode::is_modeled_for`](crate::ErrorCode::is_modeled_for).
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! use aws_sdk_glue::operation::get_unfiltered_table_metadata::GetUnfilteredTableMetadataOutput;
//! use aws_sdk_glue::types::{PermissionType, Table};
//! use lakeformation_mock::{MockLakeFormation, Rule};
//!
//! let mock = MockLakeFormation::new();
//! Rule::unfiltered_table_metadata()
//!     .respond_with(
//!         GetUnfilteredTableMetadataOutput::builder()
//!             .table(Table::builder().name("orders").database_name("sales").build().unwrap())
//!             .authorized_columns("id")
//!             .query_authorization_id("qa-1")
//!             .build(),
//!     )
//!     .mount(&mock);
//! let out = mock.glue_client().get_unfiltered_table_metadata()
//!     .catalog_id("123456789012").database_name("sales").name("orders")
//!     .supported_permission_types(PermissionType::CellFilterPermission)
//!     .send().await.unwrap();
//! assert_eq!(out.query_authorization_id(), Some("qa-1"));
//! assert_eq!(mock.journal().unfiltered_table_metadata_inputs()[0].name(), Some("orders"));
//! # }
//! ```

pub use crate::record::input::GlueInput;
pub use crate::services::operation::{GlueOperation, TARGET_PREFIX};
