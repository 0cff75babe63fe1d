//! Finer changes to a lake in use than [`Lake::update`]: granting and revoking one grant touch
//! that grant only, so they cost the same on a lake of 100,000 grants as on a lake of one (but
//! the first change to a fixture's lake copies it: until then it shares the model the scenario
//! loaded, see `IndexedModel`).

use super::grant::Grant;
use super::handle::Lake;
use std::sync::Arc;

impl Lake {
    /// Adds `grant` while the lake is in use, after the grants it holds (as
    /// [`LakeBuilder::grant`](super::LakeBuilder::grant) adds one); later requests see it. Panics,
    /// leaving the lake as it was, if the grant names a table or a principal the lake does not
    /// have.
    ///
    /// Unlike [`update`](Self::update), it neither copies nor re-checks the rest of the model.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use aws_sdk_lakeformation::types::Permission;
    /// use lakeformation_mock::lake::{DataLakeSettings, Grant, Lake, Principal, Table};
    /// use lakeformation_mock::MockLakeFormation;
    ///
    /// let analyst = "arn:aws:iam::123456789012:role/analyst";
    /// let lake = Lake::builder()
    ///     .settings(DataLakeSettings::default().allow_full_table_external_data_access(true))
    ///     .register_location("s3://lake/")
    ///     .table(Table::new("db", "t").location("s3://lake/db/t/"))
    ///     .principal(Principal::new("AKIDANALYST", analyst))
    ///     .build();
    /// let mock = MockLakeFormation::new().with_lake(&lake);
    /// let client = mock.client_as("AKIDANALYST");
    /// let arn = "arn:aws:glue:us-east-1:123456789012:table/db/t";
    ///
    /// // No grant yet: refused.
    /// assert!(client.get_temporary_glue_table_credentials().table_arn(arn).send().await.is_err());
    /// let select = Grant::new(analyst, "db", "t", [Permission::Select]);
    /// lake.grant(select.clone());
    /// assert!(client.get_temporary_glue_table_credentials().table_arn(arn).send().await.is_ok());
    /// assert!(lake.revoke(&select));
    /// assert!(client.get_temporary_glue_table_credentials().table_arn(arn).send().await.is_err());
    /// # }
    /// ```
    #[track_caller]
    pub fn grant(&self, grant: Grant) {
        let mut catalog = self.inner.model.write().unwrap_or_else(|e| e.into_inner());
        if !catalog.has_principal_arn(&grant.principal) {
            drop(catalog);
            panic!(
                "Lake::grant names the principal `{}`, which the lake does not have; the grant is not added",
                grant.principal
            );
        }
        if catalog.table(&grant.database, &grant.table).is_none() {
            drop(catalog);
            panic!(
                "Lake::grant names the table {}.{}, which the lake does not have; the grant is not added",
                grant.database, grant.table
            );
        }
        Arc::make_mut(&mut catalog).add(grant);
    }

    /// Removes every grant equal to `grant` (same principal, table, permissions, columns and cell
    /// filter) while the lake is in use; later requests no longer see it. Whether the lake held
    /// it. Other grants on the same table, even overlapping ones, stay.
    ///
    /// ```
    /// use aws_sdk_lakeformation::types::Permission;
    /// use lakeformation_mock::lake::{Grant, Lake, Principal, Table};
    ///
    /// let x = "arn:aws:iam::123456789012:role/x";
    /// let select = Grant::new(x, "db", "t", [Permission::Select]);
    /// let lake = Lake::builder()
    ///     .table(Table::new("db", "t").location("s3://lake/db/t/"))
    ///     .principal(Principal::new("AKIDX", x))
    ///     .grant(select.clone())
    ///     .build();
    /// assert!(lake.revoke(&select));
    /// assert!(lake.model().grants.is_empty());
    /// assert!(!lake.revoke(&select), "already revoked");
    /// ```
    pub fn revoke(&self, grant: &Grant) -> bool {
        let mut catalog = self.inner.model.write().unwrap_or_else(|e| e.into_inner());
        Arc::make_mut(&mut catalog).remove(grant)
    }
}
