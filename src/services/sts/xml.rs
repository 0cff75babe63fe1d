//! STS's answers on the wire (awsQuery): `<AssumeRoleResponse>` and
//! `<GetCallerIdentityResponse>` outputs and `<ErrorResponse>` errors, `text/xml`, written with
//! quick-xml's serde serializer from the shapes below.

use super::output::StsOutput;
use aws_smithy_types::date_time::Format;
use serde::Serialize;

/// The namespace of STS's answers.
const XMLNS: &str = "https://sts.amazonaws.com/doc/2011-06-15/";
/// The content type STS answers with.
pub(crate) const CONTENT_TYPE: &str = "text/xml";

#[derive(Serialize)]
struct ResponseMetadata<'a> {
    #[serde(rename = "RequestId")]
    request_id: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CredentialsXml<'a> {
    access_key_id: &'a str,
    secret_access_key: &'a str,
    session_token: &'a str,
    expiration: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AssumedRoleUserXml<'a> {
    assumed_role_id: &'a str,
    arn: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AssumeRoleResult<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    credentials: Option<CredentialsXml<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    assumed_role_user: Option<AssumedRoleUserXml<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    packed_policy_size: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_identity: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename = "AssumeRoleResponse")]
struct AssumeRoleResponse<'a> {
    #[serde(rename = "@xmlns")]
    xmlns: &'static str,
    #[serde(rename = "AssumeRoleResult")]
    result: AssumeRoleResult<'a>,
    #[serde(rename = "ResponseMetadata")]
    metadata: ResponseMetadata<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct GetCallerIdentityResult<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    user_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    account: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    arn: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename = "GetCallerIdentityResponse")]
struct GetCallerIdentityResponse<'a> {
    #[serde(rename = "@xmlns")]
    xmlns: &'static str,
    #[serde(rename = "GetCallerIdentityResult")]
    result: GetCallerIdentityResult<'a>,
    #[serde(rename = "ResponseMetadata")]
    metadata: ResponseMetadata<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ErrorXml<'a> {
    r#type: &'static str,
    code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename = "ErrorResponse")]
struct ErrorResponse<'a> {
    #[serde(rename = "@xmlns")]
    xmlns: &'static str,
    #[serde(rename = "Error")]
    error: ErrorXml<'a>,
    #[serde(rename = "RequestId")]
    request_id: &'a str,
}

fn xml(value: &impl Serialize) -> Result<String, String> {
    quick_xml::se::to_string(value)
        .map_err(|e| format!("lakeformation-mock: the STS answer could not be written as XML: {e}"))
}

/// The XML body of an STS output.
pub(crate) fn output_body(output: &StsOutput, request_id: &str) -> Result<String, String> {
    let metadata = ResponseMetadata { request_id };
    match output {
        StsOutput::AssumeRole(o) => {
            let credentials = match o.credentials() {
                Some(c) => Some(CredentialsXml {
                    access_key_id: c.access_key_id(),
                    secret_access_key: c.secret_access_key(),
                    session_token: c.session_token(),
                    expiration: c.expiration().fmt(Format::DateTime).map_err(|e| e.to_string())?,
                }),
                None => None,
            };
            let user = o
                .assumed_role_user()
                .map(|u| AssumedRoleUserXml { assumed_role_id: u.assumed_role_id(), arn: u.arn() });
            // STS still sends PackedPolicySize (the SDK marks it deprecated for SessionTokenUtilization).
            #[allow(deprecated)]
            let result = AssumeRoleResult {
                credentials,
                assumed_role_user: user,
                packed_policy_size: o.packed_policy_size(),
                source_identity: o.source_identity(),
            };
            xml(&AssumeRoleResponse { xmlns: XMLNS, result, metadata })
        }
        StsOutput::GetCallerIdentity(o) => {
            let result = GetCallerIdentityResult { user_id: o.user_id(), account: o.account(), arn: o.arn() };
            xml(&GetCallerIdentityResponse { xmlns: XMLNS, result, metadata })
        }
    }
}

/// The XML body of an STS error: `Sender` for a 4xx status, `Receiver` for a 5xx.
pub(crate) fn error_body(error: &crate::ServiceError, request_id: &str) -> Result<String, String> {
    let r#type = if error.status_code() >= 500 { "Receiver" } else { "Sender" };
    let error = ErrorXml { r#type, code: error.code(), message: error.message() };
    xml(&ErrorResponse { xmlns: XMLNS, error, request_id })
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityOutput;

    #[test]
    fn answers_are_sts_xml() {
        let output = StsOutput::GetCallerIdentity(
            GetCallerIdentityOutput::builder()
                .account("123456789012")
                .arn("arn:aws:iam::123456789012:user/a&b")
                .build(),
        );
        let body = output_body(&output, "rid").unwrap();
        assert_eq!(
            body,
            "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>\
             <Account>123456789012</Account><Arn>arn:aws:iam::123456789012:user/a&amp;b</Arn></GetCallerIdentityResult>\
             <ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></GetCallerIdentityResponse>"
        );
        let error = crate::ServiceError::custom("AccessDenied", Some("no <way>".into()), 403);
        assert_eq!(
            error_body(&error, "rid").unwrap(),
            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>\
             <Code>AccessDenied</Code><Message>no &lt;way&gt;</Message></Error><RequestId>rid</RequestId></ErrorResponse>"
        );
    }
}
