//! The typed input of a recorded AWS STS request (feature `sts`), as the SDK's own input types.

use crate::services::operation::StsOperation;
use aws_sdk_sts::operation::assume_role::AssumeRoleInput;
use aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityInput;

/// The input of an STS request, rebuilt from its form-encoded body as the SDK's own input type.
///
/// ```
/// use aws_sdk_sts::operation::assume_role::AssumeRoleInput;
/// use lakeformation_mock::sts::{StsInput, StsOperation};
///
/// let input = StsInput::AssumeRole(Box::new(AssumeRoleInput::builder().role_arn("arn:aws:iam::123456789012:role/r").build().unwrap()));
/// assert_eq!(input.operation(), StsOperation::AssumeRole);
/// assert_eq!(input.as_assume_role().and_then(|i| i.role_arn()), Some("arn:aws:iam::123456789012:role/r"));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum StsInput {
    /// An `AssumeRole` request.
    AssumeRole(Box<AssumeRoleInput>),
    /// A `GetCallerIdentity` request.
    GetCallerIdentity(GetCallerIdentityInput),
}

impl StsInput {
    /// The operation this input belongs to.
    pub fn operation(&self) -> StsOperation {
        match self {
            StsInput::AssumeRole(_) => StsOperation::AssumeRole,
            StsInput::GetCallerIdentity(_) => StsOperation::GetCallerIdentity,
        }
    }

    /// The `AssumeRole` input, if this is one.
    pub fn as_assume_role(&self) -> Option<&AssumeRoleInput> {
        match self {
            StsInput::AssumeRole(input) => Some(input),
            StsInput::GetCallerIdentity(_) => None,
        }
    }
}
