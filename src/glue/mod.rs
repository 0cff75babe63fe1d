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
//! members, lengths and ranges, enums, and the live one-tier rule (more than one
//! `SupportedPermissionTypes` value is `InvalidInputException`). Other Glue operations are
//! unanswered (journaled as [`Operation::Other`]`("AWSGlue.GetTable")`),
//! unless a [`Rule::any_operation`](crate::Rule::any_operation) answers them.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! use aws_sdk_glue::operation::get_unfiltered_table_metadata::GetUnfilteredTableMetadataOutput;
//! use aws_sdk_glue::types::PermissionType;
//! use lakeformation_mock::{MockLakeFormation, Rule};
//!
//! let mock = MockLakeFormation::new();
//! Rule::unfiltered_table_metadata()
//!     .respond_with(
//!         GetUnfilteredTableMetadataOutput::builder()
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

mod client;
mod reply;
#[cfg(feature = "server")]
pub(crate) mod server;
mod validation;
mod wire;

use crate::Operation;
use aws_sdk_glue::operation::get_unfiltered_partitions_metadata::{
    GetUnfilteredPartitionsMetadataInput, GetUnfilteredPartitionsMetadataOutput,
};
use aws_sdk_glue::operation::get_unfiltered_table_metadata::{
    GetUnfilteredTableMetadataInput, GetUnfilteredTableMetadataOutput,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use std::fmt;

pub(crate) use validation::{ONE_PERMISSION_TYPE, validate};
pub(crate) use wire::{encode, parse_input};

/// The prefix of a Glue request's `X-Amz-Target` header.
pub const TARGET_PREFIX: &str = "AWSGlue.";

/// A Glue operation the mock answers.
///
/// ```
/// use lakeformation_mock::glue::GlueOperation;
/// use lakeformation_mock::Operation;
///
/// let op = Operation::Glue(GlueOperation::GetUnfilteredTableMetadata);
/// assert_eq!(op.name(), "GetUnfilteredTableMetadata");
/// assert_eq!(GlueOperation::GetUnfilteredPartitionsMetadata.target(), "AWSGlue.GetUnfilteredPartitionsMetadata");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum GlueOperation {
    /// `GetUnfilteredTableMetadata`.
    GetUnfilteredTableMetadata,
    /// `GetUnfilteredPartitionsMetadata`.
    GetUnfilteredPartitionsMetadata,
}

impl GlueOperation {
    /// The operation's name.
    pub fn name(self) -> &'static str {
        match self {
            GlueOperation::GetUnfilteredTableMetadata => "GetUnfilteredTableMetadata",
            GlueOperation::GetUnfilteredPartitionsMetadata => "GetUnfilteredPartitionsMetadata",
        }
    }

    /// The `X-Amz-Target` header that names it.
    pub fn target(self) -> String {
        format!("{TARGET_PREFIX}{}", self.name())
    }

    fn from_name(name: &str) -> Option<GlueOperation> {
        match name {
            "GetUnfilteredTableMetadata" => Some(GlueOperation::GetUnfilteredTableMetadata),
            "GetUnfilteredPartitionsMetadata" => Some(GlueOperation::GetUnfilteredPartitionsMetadata),
            _ => None,
        }
    }
}

impl fmt::Display for GlueOperation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The operation a request names: a request with `X-Amz-Target: AWSGlue.<Operation>` is Glue's
/// (a Glue operation the mock does not answer is `Operation::Other("AWSGlue.<Operation>")`);
/// any other keeps the operation its path names.
pub(crate) fn route(http: &HttpRequest, by_path: Operation) -> Operation {
    let Some(target) = http.headers().get("x-amz-target") else { return by_path };
    let Some(name) = target.strip_prefix(TARGET_PREFIX) else { return by_path };
    match GlueOperation::from_name(name) {
        Some(operation) => Operation::Glue(operation),
        None => Operation::Other(target.to_owned()),
    }
}

/// How to script an answer to `operation`, in Rust.
pub(crate) fn how_to_script(operation: GlueOperation) -> String {
    match operation {
        GlueOperation::GetUnfilteredTableMetadata => {
            "Rule::unfiltered_table_metadata().respond_with(GetUnfilteredTableMetadataOutput::builder()...build()).mount(&mock), \
             or mount a lake with the table's schema (Lake::builder()...schema(TableSchema::new(..)))"
                .into()
        }
        GlueOperation::GetUnfilteredPartitionsMetadata => {
            "Rule::unfiltered_partitions_metadata().respond_with(GetUnfilteredPartitionsMetadataOutput::builder()...build()).mount(&mock), \
             or mount a lake with the table's schema (Lake::builder()...schema(TableSchema::new(..)))"
                .into()
        }
    }
}

/// The input of a Glue request, as the SDK's own input type.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum GlueInput {
    /// A `GetUnfilteredTableMetadata` request.
    TableMetadata(GetUnfilteredTableMetadataInput),
    /// A `GetUnfilteredPartitionsMetadata` request.
    PartitionsMetadata(GetUnfilteredPartitionsMetadataInput),
}

impl GlueInput {
    /// The operation this input belongs to.
    pub fn operation(&self) -> GlueOperation {
        match self {
            GlueInput::TableMetadata(_) => GlueOperation::GetUnfilteredTableMetadata,
            GlueInput::PartitionsMetadata(_) => GlueOperation::GetUnfilteredPartitionsMetadata,
        }
    }

    /// The `QuerySessionContext` the request carried (Glue's type).
    pub fn query_session_context(&self) -> Option<&aws_sdk_glue::types::QuerySessionContext> {
        match self {
            GlueInput::TableMetadata(i) => i.query_session_context(),
            GlueInput::PartitionsMetadata(i) => i.query_session_context(),
        }
    }

    /// The `AuditContext` the request carried (Glue's type).
    pub fn audit_context(&self) -> Option<&aws_sdk_glue::types::AuditContext> {
        match self {
            GlueInput::TableMetadata(i) => i.audit_context(),
            GlueInput::PartitionsMetadata(i) => i.audit_context(),
        }
    }
}

impl crate::Input {
    /// The Glue input, if this is one (feature `glue`).
    pub fn as_glue(&self) -> Option<&GlueInput> {
        match self {
            crate::Input::Glue(input) => Some(input),
            _ => None,
        }
    }

    /// The `GetUnfilteredTableMetadata` input, if this is one (feature `glue`).
    pub fn as_unfiltered_table_metadata(&self) -> Option<&GetUnfilteredTableMetadataInput> {
        match self.as_glue()? {
            GlueInput::TableMetadata(input) => Some(input),
            _ => None,
        }
    }

    /// The `GetUnfilteredPartitionsMetadata` input, if this is one (feature `glue`).
    pub fn as_unfiltered_partitions_metadata(&self) -> Option<&GetUnfilteredPartitionsMetadataInput> {
        match self.as_glue()? {
            GlueInput::PartitionsMetadata(input) => Some(input),
            _ => None,
        }
    }
}

/// A Glue output a reply carries.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum GlueOutput {
    TableMetadata(Box<GetUnfilteredTableMetadataOutput>),
    PartitionsMetadata(Box<GetUnfilteredPartitionsMetadataOutput>),
}

impl GlueOutput {
    fn operation(&self) -> GlueOperation {
        match self {
            GlueOutput::TableMetadata(_) => GlueOperation::GetUnfilteredTableMetadata,
            GlueOutput::PartitionsMetadata(_) => GlueOperation::GetUnfilteredPartitionsMetadata,
        }
    }
}
