//! STS outputs as a reply carries them: the SDK's own `AssumeRoleOutput` and
//! `GetCallerIdentityOutput`, scripted or the simulated lake's, their secrets redacted in `Debug`.

use crate::services::operation::StsOperation;
use aws_sdk_sts::operation::assume_role::AssumeRoleOutput;
use aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityOutput;
use std::fmt;

/// An STS operation's output.
#[derive(Clone, PartialEq)]
pub(crate) enum StsOutput {
    AssumeRole(AssumeRoleOutput),
    GetCallerIdentity(GetCallerIdentityOutput),
}

impl StsOutput {
    /// The operation this output answers.
    pub(crate) fn operation(&self) -> StsOperation {
        match self {
            StsOutput::AssumeRole(_) => StsOperation::AssumeRole,
            StsOutput::GetCallerIdentity(_) => StsOperation::GetCallerIdentity,
        }
    }
}

impl fmt::Debug for StsOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StsOutput::AssumeRole(output) => {
                let mut s = f.debug_struct("AssumeRoleOutput");
                if let Some(credentials) = output.credentials() {
                    s.field("access_key_id", &credentials.access_key_id())
                        .field("secret_access_key", &crate::REDACTED)
                        .field("session_token", &crate::REDACTED)
                        .field("expiration", credentials.expiration());
                }
                s.field("assumed_role_user", &output.assumed_role_user()).finish()
            }
            StsOutput::GetCallerIdentity(output) => output.fmt(f),
        }
    }
}
