//! The account's data lake settings as plain data: the settings that govern vending.

use serde::{Deserialize, Serialize};

/// The data lake settings that govern credential vending to external engines
/// (`GetDataLakeSettings` / `PutDataLakeSettings`). Vending is off by default.
///
/// ```
/// use lakeformation_mock::lake::DataLakeSettings;
///
/// let settings = DataLakeSettings::default()
///     .allow_external_data_filtering(true)
///     .external_data_filtering_allow("123456789012")
///     .authorized_session_tag_value("engine-x");
/// assert!(!settings.allow_full_table_external_data_access);
/// assert_eq!(settings.authorized_session_tag_value_list, ["engine-x"]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "PascalCase", deny_unknown_fields, default)]
#[must_use = "settings do nothing until they are given to a lake"]
#[non_exhaustive]
pub struct DataLakeSettings {
    /// `AllowFullTableExternalDataAccess`: vend to a caller with full-table access.
    pub allow_full_table_external_data_access: bool,
    /// `AllowExternalDataFiltering`: vend to allowlisted engines (session-tag path).
    pub allow_external_data_filtering: bool,
    /// `ExternalDataFilteringAllowList`: account ids (or principal ARNs) allowed on the session-tag path.
    pub external_data_filtering_allow_list: Vec<String>,
    /// `AuthorizedSessionTagValueList`: accepted values of the `LakeFormationAuthorizedCaller` session tag.
    pub authorized_session_tag_value_list: Vec<String>,
}

impl DataLakeSettings {
    /// Sets `AllowFullTableExternalDataAccess`.
    pub fn allow_full_table_external_data_access(mut self, on: bool) -> Self {
        self.allow_full_table_external_data_access = on;
        self
    }

    /// Sets `AllowExternalDataFiltering`.
    pub fn allow_external_data_filtering(mut self, on: bool) -> Self {
        self.allow_external_data_filtering = on;
        self
    }

    /// Adds an account id (or principal ARN) to `ExternalDataFilteringAllowList`.
    pub fn external_data_filtering_allow(mut self, account_or_arn: impl Into<String>) -> Self {
        self.external_data_filtering_allow_list.push(account_or_arn.into());
        self
    }

    /// Adds a value to `AuthorizedSessionTagValueList`.
    pub fn authorized_session_tag_value(mut self, value: impl Into<String>) -> Self {
        self.authorized_session_tag_value_list.push(value.into());
        self
    }
}
