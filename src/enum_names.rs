//! The enum values as fixture files and the JSON Schema spell them: permissions, permission
//! types, scopes, error codes. Shared by the fixture format and the lake's model (both read
//! them from JSON); a unit test in `fixture::spec` holds them to the SDK's `values()`.

use serde::{Deserialize, Serialize};

/// An enum of wire names: its variants, each with the value as written (and an alias it also
/// reads), `ALL`, and `as_str`.
macro_rules! names {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $wire:literal $(| $alias:literal)?),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[allow(missing_docs, clippy::enum_variant_names)]
        pub enum $name { $(#[serde(rename = $wire $(, alias = $alias)?)] $variant),* }

        impl $name {
            /// Every value, in declaration order.
            #[cfg_attr(not(test), allow(dead_code))] // the unit tests compare it with the SDK's
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The wire value.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),* }
            }
        }
    };
}
pub(crate) use names;

names!(
    /// A Lake Formation permission, as on the wire.
    PermissionName {
        All = "ALL", Select = "SELECT", Alter = "ALTER", Drop = "DROP", Delete = "DELETE", Insert = "INSERT",
        Describe = "DESCRIBE", CreateDatabase = "CREATE_DATABASE", CreateTable = "CREATE_TABLE",
        DataLocationAccess = "DATA_LOCATION_ACCESS", CreateLfTag = "CREATE_LF_TAG", Associate = "ASSOCIATE",
        GrantWithLfTagExpression = "GRANT_WITH_LF_TAG_EXPRESSION", CreateLfTagExpression = "CREATE_LF_TAG_EXPRESSION",
        CreateCatalog = "CREATE_CATALOG", SuperUser = "SUPER_USER", Execute = "EXECUTE",
    }
);

names!(
    /// A permission type, as on the wire.
    PermissionTypeName {
        ColumnPermission = "COLUMN_PERMISSION", CellFilterPermission = "CELL_FILTER_PERMISSION",
        NestedPermission = "NESTED_PERMISSION", NestedCellPermission = "NESTED_CELL_PERMISSION",
    }
);

// Variants named as the SDK's `CredentialsScope` (tested in convert.rs).
names!(
    /// A credentials scope, as on the wire (`READ_WRITE` is a documentation error: the service
    /// says `READWRITE`).
    ScopeName { Read = "READ", Readwrite = "READWRITE" }
);

names!(
    /// An error code (see [`ErrorCode`](crate::ErrorCode)).
    ErrorCodeName {
        AccessDenied = "AccessDeniedException" | "AccessDenied",
        EntityNotFound = "EntityNotFoundException" | "EntityNotFound",
        InvalidInput = "InvalidInputException" | "InvalidInput",
        PermissionTypeMismatch = "PermissionTypeMismatchException" | "PermissionTypeMismatch",
        Conflict = "ConflictException" | "Conflict",
        GlueEncryption = "GlueEncryptionException" | "GlueEncryption",
        InternalService = "InternalServiceException" | "InternalService",
        OperationTimeout = "OperationTimeoutException" | "OperationTimeout",
        Throttling = "ThrottlingException" | "Throttling",
    }
);
