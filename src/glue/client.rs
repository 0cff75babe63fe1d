//! Ready `aws_sdk_glue` clients whose calls go to the mock.

use crate::{DEFAULT_ACCESS_KEY_ID, MockLakeFormation};
use aws_credential_types::Credentials;
use aws_sdk_glue::config::retry::{RetryConfig, RetryPartition};
use aws_sdk_glue::config::{BehaviorVersion, Region, SharedAsyncSleep};
use std::time::Duration;

impl MockLakeFormation {
    /// A Glue config builder ready for the mock (feature `glue`), set as
    /// [`config_builder`](Self::config_builder) is: test credentials, the mock's region, retries
    /// without back-off sleeps. The same [`http_client`](Self::http_client) serves both services.
    pub fn glue_config_builder(&self) -> aws_sdk_glue::config::Builder {
        self.glue_config_builder_for(DEFAULT_ACCESS_KEY_ID)
    }

    fn glue_config_builder_for(&self, access_key_id: impl Into<String>) -> aws_sdk_glue::config::Builder {
        let credentials =
            Credentials::new(access_key_id, "lakeformation-mock-not-a-secret", None, None, "lakeformation-mock");
        aws_sdk_glue::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(self.inner.settings.region.clone()))
            .credentials_provider(credentials)
            .http_client(self.http_client())
            .retry_config(RetryConfig::standard().with_initial_backoff(Duration::ZERO).with_max_backoff(Duration::ZERO))
            .retry_partition(RetryPartition::new(format!("lakeformation-mock-glue-{}", self.inner.id)))
            .sleep_impl(SharedAsyncSleep::new(aws_smithy_async::rt::sleep::TokioSleep::new()))
    }

    /// A ready Glue client whose calls all go to this mock (feature `glue`).
    ///
    /// ```
    /// let mock = lakeformation_mock::MockLakeFormation::new();
    /// let glue: aws_sdk_glue::Client = mock.glue_client();
    /// # let _ = glue;
    /// ```
    pub fn glue_client(&self) -> aws_sdk_glue::Client {
        aws_sdk_glue::Client::from_conf(self.glue_config_builder().build())
    }

    /// A ready Glue client that signs with `access_key_id`, so the simulated lake sees a given
    /// principal (feature `glue`; see [`client_as`](Self::client_as)).
    pub fn glue_client_as(&self, access_key_id: impl Into<String>) -> aws_sdk_glue::Client {
        aws_sdk_glue::Client::from_conf(self.glue_config_builder_for(access_key_id).build())
    }
}
