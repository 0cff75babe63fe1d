//! The SDK enums the lake reads and stores: which values the service knows, and their JSON form.

use crate::ErrorCode;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub(crate) use crate::vocabulary::KnownEnum;

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
