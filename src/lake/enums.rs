//! The SDK enums the lake reads and stores: which values the service knows, and their JSON form.

/// A list of SDK enum values as a JSON array of their wire strings; unknown strings are refused.
pub(crate) mod list {
    use crate::services::lakeformation::shapes::EnumList;
    use crate::services::lakeformation::vocabulary::KnownEnum;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<T: KnownEnum, S: Serializer>(values: &[T], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(values.iter().map(AsRef::as_ref))
    }

    pub(crate) fn deserialize<'de, T: KnownEnum, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
        // Each value straight from the JSON text, with no `String` of its own (a large fixture
        // has one list per grant); the unknown one is refused once the list is read, as before.
        let values = EnumList::<T>::deserialize(deserializer)?.0;
        match values.iter().find(|value| !value.is_known()) {
            None => Ok(values),
            Some(unknown) => Err(serde::de::Error::custom(format!(
                "unknown value `{}`, expected one of: {}",
                unknown.as_ref(),
                T::known_values().join(", ")
            ))),
        }
    }
}

/// An [`ErrorCode`] as its wire name (`AccessDeniedException`); the short name is accepted too.
pub(crate) mod error_code {
    use crate::ErrorCode;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(crate) fn serialize<S: Serializer>(code: &ErrorCode, serializer: S) -> Result<S::Ok, S::Error> {
        code.as_str().serialize(serializer)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<ErrorCode, D::Error> {
        let name = String::deserialize(deserializer)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use crate::lake::Grant;

    /// The errors of a list that is not a list of known strings (those of a `Vec<String>`, then
    /// the unknown value's).
    #[test]
    fn a_list_of_anything_but_known_strings_is_refused() {
        let grant = |permissions: &str| {
            let json = format!(r#"{{"Principal": "p", "Database": "d", "Table": "t", "Permissions": {permissions}}}"#);
            serde_json::from_str::<Grant>(&json).map(|g| g.permissions).map_err(|e| e.to_string())
        };
        assert_eq!(grant(r#"["SELECT", "INSERT"]"#).unwrap().len(), 2);
        assert!(grant("[]").unwrap().is_empty());
        assert_eq!(
            grant(r#""SELECT""#).unwrap_err(),
            r#"invalid type: string "SELECT", expected a sequence at line 1 column 73"#
        );
        assert_eq!(grant("[1]").unwrap_err(), "invalid type: integer `1`, expected a string at line 1 column 67");
        let unknown = grant(r#"["SELECT", "READ"]"#).unwrap_err();
        assert!(unknown.starts_with("unknown value `READ`, expected one of: ALL, ALTER"), "{unknown}");
    }
}
