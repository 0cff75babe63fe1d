//! The SDK enums the lake reads and stores: which values the service knows, and their JSON form.

use crate::ErrorCode;
use aws_sdk_lakeformation::types::{CredentialsScope, Permission, PermissionType};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An SDK enum: a closed set of wire values, plus `Unknown` for any other string.
pub(crate) trait KnownEnum: for<'a> From<&'a str> + AsRef<str> {
    /// Every value the service knows.
    fn known_values() -> &'static [&'static str];

    /// Whether this value is one the service knows (not `Unknown`).
    fn is_known(&self) -> bool {
        Self::known_values().contains(&self.as_ref())
    }
}

impl KnownEnum for Permission {
    fn known_values() -> &'static [&'static str] {
        Permission::values()
    }
}

impl KnownEnum for PermissionType {
    fn known_values() -> &'static [&'static str] {
        PermissionType::values()
    }
}

impl KnownEnum for CredentialsScope {
    fn known_values() -> &'static [&'static str] {
        CredentialsScope::values()
    }
}

/// A list of SDK enum values as a JSON array of their wire strings; unknown strings are refused.
pub(crate) mod list {
    use super::*;

    pub(crate) fn serialize<T: KnownEnum, S: Serializer>(values: &[T], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(values.iter().map(AsRef::as_ref))
    }

    pub(crate) fn deserialize<'de, T: KnownEnum, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
        let strings = Vec::<String>::deserialize(deserializer)?;
        strings
            .iter()
            .map(|s| {
                let value = T::from(s.as_str());
                if value.is_known() {
                    Ok(value)
                } else {
                    Err(serde::de::Error::custom(format!(
                        "unknown value `{s}`, expected one of: {}",
                        T::known_values().join(", ")
                    )))
                }
            })
            .collect()
    }
}

/// An [`ErrorCode`] as its wire name (`AccessDeniedException`); the short name is accepted too.
pub(crate) mod error_code {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(code: &ErrorCode, serializer: S) -> Result<S::Ok, S::Error> {
        code.as_str().serialize(serializer)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<ErrorCode, D::Error> {
        let name = String::deserialize(deserializer)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}
