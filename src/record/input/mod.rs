//! The typed input of a recorded request, rebuilt as the SDK's own input types.
//!
//! The accessors shared by several operations (`table_arn`, `permissions`, ...) are the one
//! place that knows which operation has which field: matchers and the journal go through them.

use aws_sdk_lakeformation::operation::get_temporary_data_location_credentials::GetTemporaryDataLocationCredentialsInput;
use aws_sdk_lakeformation::operation::get_temporary_glue_partition_credentials::GetTemporaryGluePartitionCredentialsInput;
use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsInput;
use aws_sdk_lakeformation::types::{CredentialsScope, Permission, PermissionType};

use crate::Operation;

mod context;
pub use context::{AuditContextRef, OwnedAuditContext, QuerySessionContextRef};
#[cfg(feature = "sts")]
mod sts;
#[cfg(feature = "sts")]
pub use sts::StsInput;

/// A request's input, rebuilt from its JSON body as the SDK's own input type.
///
/// A test therefore compares what arrived with the very value it would have built to send.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Input {
    /// A `GetTemporaryGlueTableCredentials` request.
    TableCredentials(GetTemporaryGlueTableCredentialsInput),
    /// A `GetTemporaryDataLocationCredentials` request.
    DataLocation(GetTemporaryDataLocationCredentialsInput),
    /// A `GetTemporaryGluePartitionCredentials` request.
    ///
    /// The SDK cannot build a `Partition` without `Values` (and never sends one): a body whose
    /// `Partition` lacks them is rebuilt with an empty list, and refused by input validation
    /// as the service refuses it (`Value null at 'partition.values'`).
    PartitionCredentials(GetTemporaryGluePartitionCredentialsInput),
    /// The input of an AWS Glue operation (feature `glue`).
    #[cfg(feature = "glue")]
    #[cfg_attr(docsrs, doc(cfg(feature = "glue")))]
    Glue(GlueInput),
    /// The input of an AWS STS operation (feature `sts`).
    #[cfg(feature = "sts")]
    #[cfg_attr(docsrs, doc(cfg(feature = "sts")))]
    Sts(StsInput),
    /// What the journal records of an Amazon S3 request (feature `s3`).
    #[cfg(feature = "s3")]
    #[cfg_attr(docsrs, doc(cfg(feature = "s3")))]
    S3(crate::services::s3::public::S3Input),
}

impl Input {
    /// The operation this input belongs to.
    pub fn operation(&self) -> Operation {
        match self {
            Input::TableCredentials(_) => Operation::GetTemporaryGlueTableCredentials,
            Input::DataLocation(_) => Operation::GetTemporaryDataLocationCredentials,
            Input::PartitionCredentials(_) => Operation::GetTemporaryGluePartitionCredentials,
            #[cfg(feature = "glue")]
            Input::Glue(input) => Operation::Glue(input.operation()),
            #[cfg(feature = "sts")]
            Input::Sts(input) => Operation::Sts(input.operation()),
            #[cfg(feature = "s3")]
            Input::S3(input) => Operation::S3(input.operation().clone()),
        }
    }

    /// The table-credentials input, if this is one.
    pub fn as_table_credentials(&self) -> Option<&GetTemporaryGlueTableCredentialsInput> {
        match self {
            Input::TableCredentials(input) => Some(input),
            _ => None,
        }
    }

    /// The data-location input, if this is one.
    pub fn as_data_location(&self) -> Option<&GetTemporaryDataLocationCredentialsInput> {
        match self {
            Input::DataLocation(input) => Some(input),
            _ => None,
        }
    }

    /// The partition-credentials input, if this is one.
    pub fn as_partition_credentials(&self) -> Option<&GetTemporaryGluePartitionCredentialsInput> {
        match self {
            Input::PartitionCredentials(input) => Some(input),
            _ => None,
        }
    }

    /// `TableArn` (table and partition operations).
    pub fn table_arn(&self) -> Option<&str> {
        match self {
            Input::TableCredentials(input) => input.table_arn(),
            Input::PartitionCredentials(input) => input.table_arn(),
            Input::DataLocation(_) => None,
            #[cfg(feature = "glue")]
            Input::Glue(_) => None,
            #[cfg(feature = "sts")]
            Input::Sts(_) => None,
            #[cfg(feature = "s3")]
            Input::S3(_) => None,
        }
    }

    /// How the request names its table: a Glue request by its `CatalogId`, `DatabaseName` and
    /// `Name` or `TableName`; a table or partition credentials request by the parts of its
    /// `TableArn` (nothing when it has none, or one that is no Glue table ARN).
    fn table_naming(&self) -> TableNaming<'_> {
        match self {
            #[cfg(feature = "glue")]
            Input::Glue(GlueInput::TableMetadata(i)) => {
                TableNaming { catalog_id: i.catalog_id(), database_name: i.database_name(), table_name: i.name() }
            }
            #[cfg(feature = "glue")]
            Input::Glue(GlueInput::PartitionsMetadata(i)) => {
                TableNaming { catalog_id: i.catalog_id(), database_name: i.database_name(), table_name: i.table_name() }
            }
            _ => match self.table_arn().and_then(crate::services::validation::TableArn::parse) {
                Some(arn) => TableNaming {
                    catalog_id: Some(arn.account),
                    database_name: Some(arn.database),
                    table_name: Some(arn.table),
                },
                None => TableNaming::default(),
            },
        }
    }

    /// `CatalogId` (Glue operations); for the table and partition credentials operations, the
    /// account of the `TableArn` (a Glue catalog's id is its account's).
    pub fn catalog_id(&self) -> Option<&str> {
        self.table_naming().catalog_id
    }

    /// `DatabaseName` (Glue operations); for the table and partition credentials operations,
    /// the database of the `TableArn`.
    pub fn database_name(&self) -> Option<&str> {
        self.table_naming().database_name
    }

    /// The table's name: `Name` (Glue `GetUnfilteredTableMetadata`), `TableName` (Glue
    /// `GetUnfilteredPartitionsMetadata`); for the table and partition credentials operations,
    /// the table of the `TableArn`.
    pub fn table_name(&self) -> Option<&str> {
        self.table_naming().table_name
    }

    /// `Expression` (Glue `GetUnfilteredPartitionsMetadata`).
    pub fn expression(&self) -> Option<&str> {
        #[cfg(feature = "glue")]
        if let Some(i) = self.as_unfiltered_partitions_metadata() {
            return i.expression();
        }
        None
    }

    /// `MaxResults` (Glue `GetUnfilteredPartitionsMetadata`).
    pub fn max_results(&self) -> Option<i32> {
        #[cfg(feature = "glue")]
        if let Some(i) = self.as_unfiltered_partitions_metadata() {
            return i.max_results();
        }
        None
    }

    /// `NextToken` (Glue `GetUnfilteredPartitionsMetadata`).
    pub fn next_token(&self) -> Option<&str> {
        #[cfg(feature = "glue")]
        if let Some(i) = self.as_unfiltered_partitions_metadata() {
            return i.next_token();
        }
        None
    }

    /// `S3Path` (table operation).
    pub fn s3_path(&self) -> Option<&str> {
        self.as_table_credentials().and_then(|input| input.s3_path())
    }

    /// `Partition.Values` (partition operation).
    pub fn partition_values(&self) -> Option<&[String]> {
        self.as_partition_credentials().and_then(|input| input.partition()).map(|p| p.values())
    }

    /// `Permissions` (table and partition operations; a Glue request's are Glue's own type: see
    /// `as_unfiltered_table_metadata`).
    pub fn permissions(&self) -> Option<&[Permission]> {
        match self {
            Input::TableCredentials(input) => input.permissions.as_deref(),
            Input::PartitionCredentials(input) => input.permissions.as_deref(),
            Input::DataLocation(_) => None,
            #[cfg(feature = "glue")]
            Input::Glue(_) => None,
            #[cfg(feature = "sts")]
            Input::Sts(_) => None,
            #[cfg(feature = "s3")]
            Input::S3(_) => None,
        }
    }

    /// `SupportedPermissionTypes` (table and partition operations; a Glue request's are Glue's
    /// own type: see `as_glue`).
    pub fn supported_permission_types(&self) -> Option<&[PermissionType]> {
        match self {
            Input::TableCredentials(input) => input.supported_permission_types.as_deref(),
            Input::PartitionCredentials(input) => input.supported_permission_types.as_deref(),
            Input::DataLocation(_) => None,
            #[cfg(feature = "glue")]
            Input::Glue(_) => None,
            #[cfg(feature = "sts")]
            Input::Sts(_) => None,
            #[cfg(feature = "s3")]
            Input::S3(_) => None,
        }
    }

    /// `DataLocations` (data-location operation).
    pub fn data_locations(&self) -> Option<&[String]> {
        self.as_data_location().and_then(|input| input.data_locations.as_deref())
    }

    /// `CredentialsScope` (data-location operation).
    pub fn credentials_scope(&self) -> Option<&CredentialsScope> {
        self.as_data_location().and_then(|input| input.credentials_scope())
    }

    /// The `AuditContext` the request carried (every operation has one, Glue's included).
    pub fn audit_context(&self) -> Option<AuditContextRef<'_>> {
        match self {
            Input::TableCredentials(input) => input.audit_context().map(AuditContextRef::LakeFormation),
            Input::DataLocation(input) => input.audit_context().map(AuditContextRef::LakeFormation),
            Input::PartitionCredentials(input) => input.audit_context().map(AuditContextRef::LakeFormation),
            #[cfg(feature = "glue")]
            Input::Glue(input) => input.audit_context().map(AuditContextRef::Glue),
            #[cfg(feature = "sts")]
            Input::Sts(_) => None,
            #[cfg(feature = "s3")]
            Input::S3(_) => None,
        }
    }

    /// The `QuerySessionContext` the request carried: the table-credentials operation's, or a
    /// Glue operation's (the partition and data-location operations have none).
    pub fn query_session_context(&self) -> Option<QuerySessionContextRef<'_>> {
        match self {
            Input::TableCredentials(input) => input.query_session_context().map(QuerySessionContextRef::LakeFormation),
            Input::DataLocation(_) | Input::PartitionCredentials(_) => None,
            #[cfg(feature = "glue")]
            Input::Glue(input) => input.query_session_context().map(QuerySessionContextRef::Glue),
            #[cfg(feature = "sts")]
            Input::Sts(_) => None,
            #[cfg(feature = "s3")]
            Input::S3(_) => None,
        }
    }

    /// The S3 request's record (feature `s3`), if this is one.
    #[cfg(feature = "s3")]
    #[cfg_attr(docsrs, doc(cfg(feature = "s3")))]
    pub fn as_s3(&self) -> Option<&crate::services::s3::public::S3Input> {
        match self {
            Input::S3(input) => Some(input),
            _ => None,
        }
    }

    /// `DurationSeconds`, for every operation.
    pub fn duration_seconds(&self) -> Option<i32> {
        match self {
            Input::TableCredentials(input) => input.duration_seconds(),
            Input::DataLocation(input) => input.duration_seconds(),
            Input::PartitionCredentials(input) => input.duration_seconds(),
            #[cfg(feature = "glue")]
            Input::Glue(_) => None,
            #[cfg(feature = "sts")]
            Input::Sts(input) => input.as_assume_role().and_then(|i| i.duration_seconds()),
            #[cfg(feature = "s3")]
            Input::S3(_) => None,
        }
    }
}

impl From<GetTemporaryGlueTableCredentialsInput> for Input {
    fn from(input: GetTemporaryGlueTableCredentialsInput) -> Self {
        Input::TableCredentials(input)
    }
}

impl From<GetTemporaryDataLocationCredentialsInput> for Input {
    fn from(input: GetTemporaryDataLocationCredentialsInput) -> Self {
        Input::DataLocation(input)
    }
}

impl From<GetTemporaryGluePartitionCredentialsInput> for Input {
    fn from(input: GetTemporaryGluePartitionCredentialsInput) -> Self {
        Input::PartitionCredentials(input)
    }
}

#[cfg(feature = "sts")]
impl From<aws_sdk_sts::operation::assume_role::AssumeRoleInput> for Input {
    fn from(input: aws_sdk_sts::operation::assume_role::AssumeRoleInput) -> Self {
        Input::Sts(StsInput::AssumeRole(Box::new(input)))
    }
}

#[cfg(feature = "sts")]
impl From<aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityInput> for Input {
    fn from(input: aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityInput) -> Self {
        Input::Sts(StsInput::GetCallerIdentity(input))
    }
}

/// The catalog, database and table a request names ([`Input::table_naming`]).
#[derive(Default)]
struct TableNaming<'a> {
    catalog_id: Option<&'a str>,
    database_name: Option<&'a str>,
    table_name: Option<&'a str>,
}

/// The input of a Glue request, as the SDK's own input type.
#[cfg(feature = "glue")]
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum GlueInput {
    /// A `GetUnfilteredTableMetadata` request.
    TableMetadata(aws_sdk_glue::operation::get_unfiltered_table_metadata::GetUnfilteredTableMetadataInput),
    /// A `GetUnfilteredPartitionsMetadata` request.
    PartitionsMetadata(
        aws_sdk_glue::operation::get_unfiltered_partitions_metadata::GetUnfilteredPartitionsMetadataInput,
    ),
}

#[cfg(feature = "glue")]
impl GlueInput {
    /// The operation this input belongs to.
    pub fn operation(&self) -> crate::services::operation::GlueOperation {
        match self {
            GlueInput::TableMetadata(_) => crate::services::operation::GlueOperation::GetUnfilteredTableMetadata,
            GlueInput::PartitionsMetadata(_) => {
                crate::services::operation::GlueOperation::GetUnfilteredPartitionsMetadata
            }
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

#[cfg(feature = "glue")]
impl Input {
    /// The Glue input, if this is one (feature `glue`).
    pub fn as_glue(&self) -> Option<&GlueInput> {
        match self {
            Input::Glue(input) => Some(input),
            _ => None,
        }
    }

    /// The `GetUnfilteredTableMetadata` input, if this is one (feature `glue`).
    pub fn as_unfiltered_table_metadata(
        &self,
    ) -> Option<&aws_sdk_glue::operation::get_unfiltered_table_metadata::GetUnfilteredTableMetadataInput> {
        match self.as_glue()? {
            GlueInput::TableMetadata(input) => Some(input),
            _ => None,
        }
    }

    /// The `GetUnfilteredPartitionsMetadata` input, if this is one (feature `glue`).
    pub fn as_unfiltered_partitions_metadata(
        &self,
    ) -> Option<&aws_sdk_glue::operation::get_unfiltered_partitions_metadata::GetUnfilteredPartitionsMetadataInput>
    {
        match self.as_glue()? {
            GlueInput::PartitionsMetadata(input) => Some(input),
            _ => None,
        }
    }
}

#[cfg(feature = "sts")]
impl Input {
    /// The STS input, if this is one (feature `sts`).
    pub fn as_sts(&self) -> Option<&StsInput> {
        match self {
            Input::Sts(input) => Some(input),
            _ => None,
        }
    }

    /// The `AssumeRole` input, if this is one (feature `sts`).
    pub fn as_assume_role(&self) -> Option<&aws_sdk_sts::operation::assume_role::AssumeRoleInput> {
        self.as_sts()?.as_assume_role()
    }
}
