//! The mock's S3 (feature `s3`): its objects ([`MockLakeFormation::s3`]) and ready
//! `aws_sdk_s3` clients that sign with given credentials (the keys the lake vended, say).

use super::handle::MockLakeFormation;
use crate::services::s3::public::S3Objects;
use aws_credential_types::Credentials;
use aws_sdk_s3::config::retry::RetryConfig;
use aws_sdk_s3::config::{BehaviorVersion, Region, SharedAsyncSleep};
use aws_smithy_async::time::TimeSource;
use std::time::Duration;

impl MockLakeFormation {
    /// The mock's S3 objects (feature `s3`), shared by its clones: put what an engine reads,
    /// read back what it wrote.
    pub fn s3(&self) -> S3Objects {
        S3Objects { store: self.inner.s3.clone() }
    }

    /// A config builder for an S3 client on the mock that signs with `credentials` (feature
    /// `s3`): the mock's region, the latest behavior version, standard retries with no back-off
    /// sleep, Tokio's sleep. Addressing is the SDK's default, virtual-host
    /// (`bucket.s3.<region>.amazonaws.com`); `force_path_style(true)` works the same.
    pub fn s3_config_builder(&self, credentials: Credentials) -> aws_sdk_s3::config::Builder {
        aws_sdk_s3::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(self.inner.settings.region.clone()))
            .credentials_provider(credentials)
            .http_client(self.http_client())
            .retry_config(RetryConfig::standard().with_initial_backoff(Duration::ZERO).with_max_backoff(Duration::ZERO))
            .sleep_impl(SharedAsyncSleep::new(aws_smithy_async::rt::sleep::TokioSleep::new()))
    }

    /// A ready S3 client on the mock that signs with `credentials` (feature `s3`): the keys the
    /// lake vended (access key, secret and session token), or a principal's own key (signed with
    /// the mock's test secret, see [`s3_client_as`](Self::s3_client_as)).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use aws_credential_types::Credentials;
    ///
    /// let mock = lakeformation_mock::MockLakeFormation::new();
    /// let s3 = mock.s3_client_with(Credentials::new("AKIDUNKNOWN", "secret", None, None, "test"));
    /// let err = s3.get_object().bucket("lake").key("db/t/x").send().await.unwrap_err();
    /// assert_eq!(err.into_service_error().meta().code(), Some("InvalidAccessKeyId"));
    /// # }
    /// ```
    pub fn s3_client_with(&self, credentials: Credentials) -> aws_sdk_s3::Client {
        aws_sdk_s3::Client::from_conf(self.s3_config_builder(credentials).build())
    }

    /// The same, reading the time from `clock` (feature `s3`): the lease of vended keys runs by
    /// it (`ExpiredToken` after their `Expiration`), as the SigV4 date does.
    pub fn s3_client_with_at(&self, credentials: Credentials, clock: impl TimeSource + 'static) -> aws_sdk_s3::Client {
        aws_sdk_s3::Client::from_conf(self.s3_config_builder(credentials).time_source(clock).build())
    }

    /// An S3 client that signs with a principal's own `access_key_id` and the mock's test secret
    /// (feature `s3`): the principal's ambient credentials, which reach only the S3 access the
    /// lake gives it of its own (`Principal::s3_access`).
    pub fn s3_client_as(&self, access_key_id: impl Into<String>) -> aws_sdk_s3::Client {
        let secret = crate::lake::s3_access::PRINCIPAL_SECRET;
        self.s3_client_with(Credentials::new(access_key_id, secret, None, None, "lakeformation-mock"))
    }
}
