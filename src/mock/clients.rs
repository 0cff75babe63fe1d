//! The clients a mock builds: ready `aws_sdk_lakeformation` (and, with features `glue` and `sts`,
//! `aws_sdk_glue` and `aws_sdk_sts`) clients and config builders, signing as a given principal, reading a given
//! clock.

use super::handle::{DEFAULT_ACCESS_KEY_ID, MockLakeFormation};
use aws_credential_types::Credentials;
use aws_sdk_lakeformation::config::retry::RetryConfig;
use aws_sdk_lakeformation::config::{BehaviorVersion, Region, SharedAsyncSleep};
use aws_sdk_lakeformation::{Client, Config};
use aws_smithy_async::time::TimeSource;
use std::time::Duration;

/// The credentials the mock's clients sign with: `access_key_id` and a secret that is none.
fn test_credentials(access_key_id: impl Into<String>) -> Credentials {
    Credentials::new(access_key_id, "lakeformation-mock-not-a-secret", None, None, "lakeformation-mock")
}

impl MockLakeFormation {
    /// A config builder ready for the mock: test credentials, the mock's region, the latest
    /// behavior version, standard retries (3 attempts) with no back-off sleep, a retry partition
    /// of its own, and Tokio's sleep. Change what you need, then `build()`.
    ///
    /// The retry partition holds the SDK's retry token bucket: the mock's clients share one, as
    /// one service's clients do in production, so scripted failures drain it as they would there;
    /// another mock's (another test's) failures cannot.
    pub fn config_builder(&self) -> aws_sdk_lakeformation::config::Builder {
        self.config_builder_for(test_credentials(DEFAULT_ACCESS_KEY_ID))
    }

    fn config_builder_for(&self, credentials: Credentials) -> aws_sdk_lakeformation::config::Builder {
        Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(self.inner.settings.region.clone()))
            .credentials_provider(credentials)
            .http_client(self.http_client())
            .retry_config(RetryConfig::standard().with_initial_backoff(Duration::ZERO).with_max_backoff(Duration::ZERO))
            .retry_partition(self.inner.retry_partition.clone())
            .sleep_impl(SharedAsyncSleep::new(aws_smithy_async::rt::sleep::TokioSleep::new()))
    }

    /// A ready client whose calls all go to this mock.
    pub fn client(&self) -> Client {
        Client::from_conf(self.config_builder().build())
    }

    /// A ready client that signs with `access_key_id`, so the simulated lake sees a given
    /// principal.
    pub fn client_as(&self, access_key_id: impl Into<String>) -> Client {
        Client::from_conf(self.config_builder_for(test_credentials(access_key_id)).build())
    }

    /// A ready client that signs with `access_key_id` and reads the time from `clock`: the
    /// simulated lake sees a given principal, and what depends on the time (the `Expiration`s
    /// the lake vends and [`Reply::expires_in`](crate::Reply::expires_in) scripts, the expiry of
    /// a `QueryAuthorizationId`, the SigV4 date) follows the test's clock. `clock` is a
    /// `ManualTimeSource` the test advances (pass a clone, keep the original), or a
    /// `StaticTimeSource` for a fixed instant (both in `aws_smithy_async`).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsOutput;
    /// use aws_smithy_async::test_util::ManualTimeSource;
    /// use aws_smithy_types::DateTime;
    /// use lakeformation_mock::{MockLakeFormation, Reply, Rule};
    /// use std::time::{Duration, UNIX_EPOCH};
    ///
    /// let mock = MockLakeFormation::new();
    /// let output = GetTemporaryGlueTableCredentialsOutput::builder().access_key_id("ASIAEXAMPLE").build();
    /// Rule::table_credentials().respond_with(Reply::from(output).expires_in(Duration::from_secs(600))).mount(&mock);
    ///
    /// let clock = ManualTimeSource::new(UNIX_EPOCH + Duration::from_secs(1_700_000_000));
    /// let client = mock.client_as_at("AKIDENGINE", clock.clone());
    /// let table = "arn:aws:glue:us-east-1:123456789012:table/db/t";
    /// let out = client.get_temporary_glue_table_credentials().table_arn(table).send().await.unwrap();
    /// assert_eq!(out.expiration(), Some(&DateTime::from_secs(1_700_000_600)));
    /// assert_eq!(mock.requests()[0].access_key_id(), Some("AKIDENGINE"));
    ///
    /// clock.advance(Duration::from_secs(60));
    /// let out = client.get_temporary_glue_table_credentials().table_arn(table).send().await.unwrap();
    /// assert_eq!(out.expiration(), Some(&DateTime::from_secs(1_700_000_660)));
    /// # }
    /// ```
    pub fn client_as_at(&self, access_key_id: impl Into<String>, clock: impl TimeSource + 'static) -> Client {
        Client::from_conf(self.config_builder_for(test_credentials(access_key_id)).time_source(clock).build())
    }
}

// Glue clients (feature `glue`): the same mock answers Glue's side of the handshake.
#[cfg(feature = "glue")]
impl MockLakeFormation {
    /// A Glue config builder ready for the mock (feature `glue`), set as
    /// [`config_builder`](Self::config_builder) is: test credentials, the mock's region, retries
    /// without back-off sleeps. The same [`http_client`](Self::http_client) serves both services.
    pub fn glue_config_builder(&self) -> aws_sdk_glue::config::Builder {
        self.glue_config_builder_for(DEFAULT_ACCESS_KEY_ID)
    }

    fn glue_config_builder_for(&self, access_key_id: impl Into<String>) -> aws_sdk_glue::config::Builder {
        let credentials = test_credentials(access_key_id);
        aws_sdk_glue::Config::builder()
            .behavior_version(aws_sdk_glue::config::BehaviorVersion::latest())
            .region(aws_sdk_glue::config::Region::new(self.inner.settings.region.clone()))
            .credentials_provider(credentials)
            .http_client(self.http_client())
            .retry_config(
                aws_sdk_glue::config::retry::RetryConfig::standard()
                    .with_initial_backoff(Duration::ZERO)
                    .with_max_backoff(Duration::ZERO),
            )
            .retry_partition(self.inner.glue_retry_partition.clone())
            .sleep_impl(aws_sdk_glue::config::SharedAsyncSleep::new(aws_smithy_async::rt::sleep::TokioSleep::new()))
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

    /// A ready Glue client that signs with `access_key_id` and reads the time from `clock`
    /// (feature `glue`; see [`client_as_at`](Self::client_as_at)): the `QueryAuthorizationId`s
    /// the simulated lake issues to it expire by that clock.
    ///
    /// ```
    /// use aws_smithy_async::time::StaticTimeSource;
    /// use std::time::{Duration, UNIX_EPOCH};
    ///
    /// let mock = lakeformation_mock::MockLakeFormation::new();
    /// let at = StaticTimeSource::new(UNIX_EPOCH + Duration::from_secs(1_700_000_000));
    /// let glue: aws_sdk_glue::Client = mock.glue_client_as_at("AKIDENGINE", at);
    /// # let _ = glue;
    /// ```
    pub fn glue_client_as_at(
        &self,
        access_key_id: impl Into<String>,
        clock: impl TimeSource + 'static,
    ) -> aws_sdk_glue::Client {
        aws_sdk_glue::Client::from_conf(self.glue_config_builder_for(access_key_id).time_source(clock).build())
    }
}

// STS clients (feature `sts`): the same mock answers AssumeRole and GetCallerIdentity.
#[cfg(feature = "sts")]
impl MockLakeFormation {
    /// An STS config builder ready for the mock (feature `sts`), set as
    /// [`config_builder`](Self::config_builder) is: test credentials, the mock's region, retries
    /// without back-off sleeps. The same [`http_client`](Self::http_client) serves every service.
    pub fn sts_config_builder(&self) -> aws_sdk_sts::config::Builder {
        self.sts_config_builder_for(test_credentials(DEFAULT_ACCESS_KEY_ID))
    }

    fn sts_config_builder_for(&self, credentials: Credentials) -> aws_sdk_sts::config::Builder {
        aws_sdk_sts::Config::builder()
            .behavior_version(aws_sdk_sts::config::BehaviorVersion::latest())
            .region(aws_sdk_sts::config::Region::new(self.inner.settings.region.clone()))
            .credentials_provider(credentials)
            .http_client(self.http_client())
            .retry_config(
                aws_sdk_sts::config::retry::RetryConfig::standard()
                    .with_initial_backoff(Duration::ZERO)
                    .with_max_backoff(Duration::ZERO),
            )
            .retry_partition(self.inner.sts_retry_partition.clone())
            .sleep_impl(aws_sdk_sts::config::SharedAsyncSleep::new(aws_smithy_async::rt::sleep::TokioSleep::new()))
    }

    /// A ready STS client whose calls all go to this mock (feature `sts`), signing as
    /// [`DEFAULT_ACCESS_KEY_ID`](crate::DEFAULT_ACCESS_KEY_ID).
    ///
    /// ```
    /// let mock = lakeformation_mock::MockLakeFormation::new();
    /// let sts: aws_sdk_sts::Client = mock.sts_client();
    /// # let _ = sts;
    /// ```
    pub fn sts_client(&self) -> aws_sdk_sts::Client {
        aws_sdk_sts::Client::from_conf(self.sts_config_builder().build())
    }

    /// A ready STS client that signs with `access_key_id` (feature `sts`): a principal of the
    /// simulated lake, or a session it issued (see [`client_as`](Self::client_as)).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use lakeformation_mock::lake::{Lake, Principal};
    /// use lakeformation_mock::MockLakeFormation;
    ///
    /// let lake = Lake::builder().principal(Principal::new("AKIDCI", "arn:aws:iam::123456789012:user/ci")).build();
    /// let mock = MockLakeFormation::new().with_lake(&lake);
    /// let me = mock.sts_client_as("AKIDCI").get_caller_identity().send().await.unwrap();
    /// assert_eq!(me.arn(), Some("arn:aws:iam::123456789012:user/ci"));
    /// assert_eq!(me.account(), Some("123456789012"));
    /// # }
    /// ```
    pub fn sts_client_as(&self, access_key_id: impl Into<String>) -> aws_sdk_sts::Client {
        aws_sdk_sts::Client::from_conf(self.sts_config_builder_for(test_credentials(access_key_id)).build())
    }

    /// A ready STS client that signs with `access_key_id` and reads the time from `clock`
    /// (feature `sts`; see [`client_as_at`](Self::client_as_at)): the sessions the simulated
    /// lake issues to it expire by that clock.
    pub fn sts_client_as_at(
        &self,
        access_key_id: impl Into<String>,
        clock: impl TimeSource + 'static,
    ) -> aws_sdk_sts::Client {
        let config = self.sts_config_builder_for(test_credentials(access_key_id)).time_source(clock);
        aws_sdk_sts::Client::from_conf(config.build())
    }

    /// A ready STS client that signs with whole credentials (feature `sts`): a session's own
    /// keys and token, as an engine that chains roles would.
    pub fn sts_client_with(&self, credentials: Credentials) -> aws_sdk_sts::Client {
        aws_sdk_sts::Client::from_conf(self.sts_config_builder_for(credentials).build())
    }
}
