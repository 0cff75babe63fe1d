//! The service's enum vocabularies: which wire values Lake Formation knows for each enum the
//! credential-vending operations take. One table, built from the SDK's own `values()`.
//!
//! The SDK is generated from the model at its release, so a value the service added later is
//! missing from it (the SDK sends it, as `Unknown`, and the service accepts it). Such values are
//! listed in [`PERMISSIONS_NEWER_THAN_THE_SDK`]; a test compares these lists with the SDK's
//! `values()` and the JSON Schema with botocore's model, so the next drift fails a test.

use aws_sdk_lakeformation::types::{CredentialsScope, Permission, PermissionType};
use std::sync::LazyLock;

/// `Permission` values the newest service model has and the SDK this crate builds with lacks
/// (botocore's model lists 17 permissions, `aws-sdk-lakeformation` 1.126 has 16).
pub(crate) const PERMISSIONS_NEWER_THAN_THE_SDK: &[&str] = &["EXECUTE"];

static PERMISSIONS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut all = Permission::values().to_vec();
    all.extend(PERMISSIONS_NEWER_THAN_THE_SDK.iter().filter(|v| !Permission::values().contains(v)));
    // In the SDK's (alphabetical) order, as the service lists them in its messages.
    all.sort_unstable();
    all
});

/// An SDK enum: a closed set of wire values, plus `Unknown` for any other string.
pub(crate) trait KnownEnum: for<'a> From<&'a str> + AsRef<str> {
    /// Every value the service knows.
    fn known_values() -> &'static [&'static str];

    /// Whether this value is one the service knows.
    fn is_known(&self) -> bool {
        Self::known_values().contains(&self.as_ref())
    }
}

impl KnownEnum for Permission {
    fn known_values() -> &'static [&'static str] {
        &PERMISSIONS
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

#[cfg(test)]
mod tests {
    use super::*;

    /// When the SDK gains a value listed as newer, this fails: drop it from the list.
    #[test]
    fn the_values_newer_than_the_sdk_are_not_in_the_sdk() {
        for value in PERMISSIONS_NEWER_THAN_THE_SDK {
            assert!(
                !Permission::values().contains(value),
                "aws-sdk-lakeformation now knows {value}: remove it from PERMISSIONS_NEWER_THAN_THE_SDK"
            );
        }
        assert_eq!(Permission::known_values().len(), Permission::values().len() + PERMISSIONS_NEWER_THAN_THE_SDK.len());
    }
}
