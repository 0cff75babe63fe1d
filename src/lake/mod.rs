//! The simulated lake: a model of a Lake Formation account that answers the credential-vending
//! operations the way the service does, for whatever no scripted rule answers.
//!
//! A [`Lake`] holds a [`LakeModel`] (account, [`DataLakeSettings`], registered [`Location`]s,
//! [`Table`]s, [`Principal`]s, [`Grant`]s and the [`Behavior`] settings for what the
//! specification leaves unconfirmed) and the record of every credential it vended
//! ([`VendedCredentials`]). Mount it on a mock with [`MockLakeFormation::with_lake`](crate::MockLakeFormation::with_lake) or
//! [`MockLakeFormation::set_lake`](crate::MockLakeFormation::set_lake); rules mounted on the mock still take precedence, and every
//! lake answer is journaled like a rule's.
//!
//! The caller is identified by the access key id its request is signed with (use
//! [`MockLakeFormation::client_as`](crate::MockLakeFormation::client_as)); `Expiration` is computed from the calling client's own time
//! source, so a client built with a test clock controls it, and is a whole number of seconds (as
//! STS issues it), so the SDK decodes exactly what the lake recorded. The lake answers only
//! requests sent to its own region ([`Behavior::other_region_request_error`]).
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsError;
//! use aws_sdk_lakeformation::types::{Permission, PermissionType};
//! use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, Principal, Table};
//! use lakeformation_mock::MockLakeFormation;
//!
//! let engine = "arn:aws:iam::123456789012:role/engine";
//! let lake = Lake::builder()
//!     .account_id("123456789012")
//!     .region("us-east-1")
//!     .settings(
//!         DataLakeSettings::default()
//!             .allow_external_data_filtering(true)
//!             .external_data_filtering_allow("123456789012")
//!             .authorized_session_tag_value("engine-x"),
//!     )
//!     .register_location("s3://lake/")
//!     .table(Table::new("sales", "orders").location("s3://lake/sales/orders/").column_policy())
//!     .principal(Principal::new("AKIDENGINE", engine).session_tag("LakeFormationAuthorizedCaller", "engine-x"))
//!     .grant(Grant::new(engine, "sales", "orders", [Permission::Select]))
//!     .build();
//! let mock = MockLakeFormation::new().with_lake(&lake);
//! let client = mock.client_as("AKIDENGINE");
//! let arn = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";
//!
//! let out = client.get_temporary_glue_table_credentials().table_arn(arn)
//!     .supported_permission_types(PermissionType::ColumnPermission).send().await.unwrap();
//! assert!(out.access_key_id().unwrap().starts_with("ASIA"));
//! assert_eq!(out.vended_s3_path(), ["s3://lake/sales/orders/"]);
//!
//! // The table has a column policy: a caller that does not declare COLUMN_PERMISSION is refused.
//! let err = client.get_temporary_glue_table_credentials().table_arn(arn).send().await.unwrap_err();
//! assert!(matches!(err.into_service_error(), GetTemporaryGlueTableCredentialsError::PermissionTypeMismatchException(_)));
//! # }
//! ```

pub(crate) mod arn;
mod answer;
// glue: the QueryAuthorizationId handshake and what Glue answers from (feature `glue`)
#[cfg(feature = "glue")]
mod authorization;
mod behavior;
mod builder;
mod catalog;
mod credentials;
mod decide;
mod edit;
mod enums;
mod grant;
mod handle;
mod model;
mod permission_types;
mod pinning;
#[cfg(feature = "glue")]
mod query_authorization;
mod refusal;
#[cfg(feature = "sts")]
mod sessions;
#[cfg(feature = "sts")]
mod sts;
mod s3;
#[cfg(feature = "s3")]
pub(crate) mod s3_access;
mod times;
#[cfg(feature = "glue")]
mod schema;
mod validate;

pub use crate::explain::trace::Trace;
pub use behavior::{
    AccessDeniedCode, AccessibleDataLocations, Behavior, DataLocationScopeRule, VendedS3PathWithoutS3Path,
};
pub use builder::LakeBuilder;
pub use credentials::VendedCredentials;
pub use grant::Grant;
pub use handle::Lake;
pub(crate) use handle::{IndexedModel, LakeInner};
pub use model::{
    AUTHORIZED_CALLER_TAG, DataLakeSettings, LakeModel, Location, ModelError, Partition, Pin, Principal, S3Access,
    Table,
};
#[cfg(feature = "sts")]
pub use model::{DEFAULT_MAX_SESSION_DURATION, Role};
pub use permission_types::PermissionTypeCoverage;
#[cfg(feature = "glue")]
pub use query_authorization::{QueryAuthorization, QueryAuthorizationBehavior};
#[cfg(feature = "glue")]
pub use schema::{CellFilter, Column, TableSchema};
#[cfg(feature = "sts")]
pub use sessions::Session;
