//! The typed input of a recorded request, rebuilt as the SDK's own input types.

use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsInput;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsInput;
use aws_sdk_lakeformation::types::{AuditContext, QuerySessionContext};

use crate::Operation;

/// A request's input, rebuilt from its JSON body as the SDK's own input type.
///
/// A test therefore compares what arrived with the very value it would have built to send.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Input {
    /// A `GetTemporaryGlueTableCredentials` request.
    GlueTable(GetTemporaryGlueTableCredentialsInput),
    /// A `GetTemporaryDataLocationCredentials` request.
    DataLocation(GetTemporaryDataLocationCredentialsInput),
    // glue: the input of a Glue operation (src/glue/input.rs)
    /// The input of an AWS Glue operation (feature `glue`).
    #[cfg(feature = "glue")]
    #[cfg_attr(docsrs, doc(cfg(feature = "glue")))]
    Glue(crate::glue::GlueInput),
}

impl Input {
    /// The operation this input belongs to.
    pub fn operation(&self) -> Operation {
        match self {
            Input::GlueTable(_) => Operation::GetTemporaryGlueTableCredentials,
            Input::DataLocation(_) => Operation::GetTemporaryDataLocationCredentials,
            #[cfg(feature = "glue")] // glue:
            Input::Glue(input) => Operation::Glue(input.operation()),
        }
    }

    /// The table-credentials input, if this is one.
    pub fn as_glue_table(&self) -> Option<&GetTemporaryGlueTableCredentialsInput> {
        match self {
            Input::GlueTable(input) => Some(input),
            _ => None, // glue: also a Glue input
        }
    }

    /// The data-location input, if this is one.
    pub fn as_data_location(&self) -> Option<&GetTemporaryDataLocationCredentialsInput> {
        match self {
            Input::DataLocation(input) => Some(input),
            _ => None, // glue: also a Glue input
        }
    }

    /// The `AuditContext` the request carried (both operations have one; `None` for a Glue input,
    /// whose `AuditContext` is Glue's own type).
    pub fn audit_context(&self) -> Option<&AuditContext> {
        match self {
            Input::GlueTable(input) => input.audit_context(),
            Input::DataLocation(input) => input.audit_context(),
            #[cfg(feature = "glue")] // glue: Glue's AuditContext is another type (GlueInput::audit_context)
            Input::Glue(_) => None,
        }
    }

    /// The `QuerySessionContext` the request carried (table operation only; a Glue input's is
    /// Glue's own type).
    pub fn query_session_context(&self) -> Option<&QuerySessionContext> {
        self.as_glue_table().and_then(|input| input.query_session_context())
    }

    /// `DurationSeconds`, for either operation.
    pub fn duration_seconds(&self) -> Option<i32> {
        match self {
            Input::GlueTable(input) => input.duration_seconds(),
            Input::DataLocation(input) => input.duration_seconds(),
            #[cfg(feature = "glue")] // glue:
            Input::Glue(_) => None,
        }
    }
}

impl From<GetTemporaryGlueTableCredentialsInput> for Input {
    fn from(input: GetTemporaryGlueTableCredentialsInput) -> Self {
        Input::GlueTable(input)
    }
}

impl From<GetTemporaryDataLocationCredentialsInput> for Input {
    fn from(input: GetTemporaryDataLocationCredentialsInput) -> Self {
        Input::DataLocation(input)
    }
}
