//! STS's answers on the wire (awsQuery): `<AssumeRoleResponse>` and
//! `<GetCallerIdentityResponse>` outputs and `<ErrorResponse>` errors, `text/xml`, written with
//! quick-xml's `Writer`, each text escaped by quick-xml.
//!
//! The writer, not quick-xml's serde serializer: the serializer checked every element's name
//! and went through serde for each of the answer's dozen fields, and cost a third of the mock's
//! own work in an `AssumeRole` (36,000 of 98,000 instructions a call under callgrind, the probe
//! of `benches/sts.rs`); the writer takes 15,000 (the mock's work 77,000).

use super::output::StsOutput;
use aws_smithy_types::date_time::Format;
use quick_xml::Writer;
use quick_xml::escape::partial_escape;
use quick_xml::events::BytesText;
use std::io;

/// The namespace of STS's answers.
const XMLNS: &str = "https://sts.amazonaws.com/doc/2011-06-15/";
/// The content type STS answers with.
pub(crate) const CONTENT_TYPE: &str = "text/xml";

/// A writer of one answer into a string's bytes.
type Xml = Writer<Vec<u8>>;

/// `<name>text</name>`, the text's `<`, `>` and `&` escaped (quotes need no escaping in text,
/// and STS's answers leave them as they are).
fn text(w: &mut Xml, name: &str, text: &str) -> io::Result<()> {
    w.create_element(name).write_text_content(BytesText::from_escaped(partial_escape(text))).map(|_| ())
}

/// `<name>text</name>` when there is a text.
fn optional(w: &mut Xml, name: &str, value: Option<&str>) -> io::Result<()> {
    value.map_or(Ok(()), |value| text(w, name, value))
}

/// A document `<root xmlns="..">..</root>` in STS's namespace, its content written by `content`.
fn document(root: &str, content: impl FnOnce(&mut Xml) -> io::Result<()>) -> Result<String, String> {
    let mut w = Writer::new(Vec::with_capacity(1024));
    w.create_element(root).with_attribute(("xmlns", XMLNS)).write_inner_content(content).map_err(written)?;
    String::from_utf8(w.into_inner()).map_err(|e| written(io::Error::other(e)))
}

/// `<root xmlns=".."><result>..</result><ResponseMetadata><RequestId>..</RequestId></ResponseMetadata></root>`.
fn response(
    root: &str,
    result: &str,
    request_id: &str,
    fields: impl FnOnce(&mut Xml) -> io::Result<()>,
) -> Result<String, String> {
    document(root, |w| {
        w.create_element(result).write_inner_content(fields)?;
        w.create_element("ResponseMetadata").write_inner_content(|w| text(w, "RequestId", request_id))?;
        Ok(())
    })
}

fn written(e: io::Error) -> String {
    format!("lakeformation-mock: the STS answer could not be written as XML: {e}")
}

/// The XML body of an STS output.
pub(crate) fn output_body(output: &StsOutput, request_id: &str) -> Result<String, String> {
    match output {
        StsOutput::AssumeRole(o) => {
            response("AssumeRoleResponse", "AssumeRoleResult", request_id, |w| {
                if let Some(c) = o.credentials() {
                    let expiration = c.expiration().fmt(Format::DateTime).map_err(io::Error::other)?;
                    w.create_element("Credentials").write_inner_content(|w| {
                        text(w, "AccessKeyId", c.access_key_id())?;
                        text(w, "SecretAccessKey", c.secret_access_key())?;
                        text(w, "SessionToken", c.session_token())?;
                        text(w, "Expiration", &expiration)
                    })?;
                }
                if let Some(u) = o.assumed_role_user() {
                    w.create_element("AssumedRoleUser").write_inner_content(|w| {
                        text(w, "AssumedRoleId", u.assumed_role_id())?;
                        text(w, "Arn", u.arn())
                    })?;
                }
                // STS still sends PackedPolicySize (the SDK marks it deprecated for SessionTokenUtilization).
                #[allow(deprecated)]
                if let Some(size) = o.packed_policy_size() {
                    text(w, "PackedPolicySize", &size.to_string())?;
                }
                optional(w, "SourceIdentity", o.source_identity())
            })
        }
        StsOutput::GetCallerIdentity(o) => {
            response("GetCallerIdentityResponse", "GetCallerIdentityResult", request_id, |w| {
                optional(w, "UserId", o.user_id())?;
                optional(w, "Account", o.account())?;
                optional(w, "Arn", o.arn())
            })
        }
    }
}

/// The XML body of an STS error: `Sender` for a 4xx status, `Receiver` for a 5xx.
pub(crate) fn error_body(error: &crate::ServiceError, request_id: &str) -> Result<String, String> {
    let kind = if error.status_code() >= 500 { "Receiver" } else { "Sender" };
    document("ErrorResponse", |w| {
        w.create_element("Error").write_inner_content(|w| {
            text(w, "Type", kind)?;
            text(w, "Code", error.code())?;
            optional(w, "Message", error.message())
        })?;
        text(w, "RequestId", request_id)
    })
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
