//! Wire shapes more than one operation shares: `AuditContext`,
//! `QuerySessionContext`, temporary credentials, epoch-seconds timestamps, and JSON errors.

use crate::services::input_error::InputError;
use crate::services::json_checks::Object;
use aws_sdk_lakeformation::types::{AuditContext, QuerySessionContext};
use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;
use serde::de::{Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::marker::PhantomData;

/// A JSON array of an SDK enum's wire strings, each read as `T` straight from the text, with no
/// `String` of its own (a string the SDK does not know becomes `T`'s `Unknown`, which validation
/// reports). Its errors are serde's for a `Vec<String>`: `expected a sequence`, `expected a string`.
pub(crate) struct EnumList<T>(pub(crate) Vec<T>);

impl<'de, T: for<'a> From<&'a str>> Deserialize<'de> for EnumList<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(ListVisitor(PhantomData))
    }
}

struct ListVisitor<T>(PhantomData<T>);

impl<'de, T: for<'a> From<&'a str>> Visitor<'de> for ListVisitor<T> {
    type Value = EnumList<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<EnumList<T>, A::Error> {
        // As long as the list, no longer: the journal keeps every request's input, and a `Vec`
        // grown by `push` from empty holds room for four values. Room for one first: most lists
        // hold one value, and then need no second allocation.
        let mut values = Vec::with_capacity(1);
        while let Some(EnumValue(value)) = seq.next_element()? {
            values.push(value);
        }
        values.shrink_to_fit();
        Ok(EnumList(values))
    }
}

/// One value of an [`EnumList`].
struct EnumValue<T>(T);

impl<'de, T: for<'a> From<&'a str>> Deserialize<'de> for EnumValue<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(ValueVisitor(PhantomData))
    }
}

struct ValueVisitor<T>(PhantomData<T>);

impl<'de, T: for<'a> From<&'a str>> Visitor<'de> for ValueVisitor<T> {
    type Value = EnumValue<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<EnumValue<T>, E> {
        Ok(EnumValue(T::from(value)))
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct AuditContextBody {
    additional_audit_context: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
/// `QuerySessionContext` as both services send it (Glue's awsJson body has the same members).
pub(crate) struct QuerySessionContextBody<'a> {
    pub(crate) query_id: Option<String>,
    /// Borrowed from the request body: read as a timestamp, never kept.
    #[serde(borrow)]
    pub(crate) query_start_time: Option<&'a RawValue>,
    pub(crate) cluster_id: Option<String>,
    pub(crate) query_authorization_id: Option<String>,
    pub(crate) additional_context: Option<HashMap<String, String>>,
}

impl QuerySessionContextBody<'_> {
    /// `QueryStartTime` read as a timestamp (absent or `null`: none), for either service's
    /// `QuerySessionContext`.
    pub(crate) fn start_time(&self) -> Result<Option<DateTime>, String> {
        match self.query_start_time {
            Some(raw) if raw.get() != "null" => epoch_seconds(raw).map(Some),
            _ => Ok(None),
        }
    }
}

pub(crate) fn audit(body: Option<AuditContextBody>) -> Option<AuditContext> {
    body.map(|a| AuditContext::builder().set_additional_audit_context(a.additional_audit_context).build())
}

/// `QueryStartTime`: a JSON number of epoch seconds (a string is refused, as the services do).
pub(crate) fn epoch_seconds(raw: &RawValue) -> Result<DateTime, String> {
    let text = raw.get();
    if text.starts_with('"') {
        return Err(format!("QueryStartTime must be a JSON number of epoch seconds, found the string {text}"));
    }
    DateTime::from_str(text, Format::EpochSeconds)
        .map_err(|e| format!("QueryStartTime `{text}` is not a number of epoch seconds: {e}"))
}

pub(crate) fn query_session(body: Option<QuerySessionContextBody>) -> Result<Option<QuerySessionContext>, String> {
    let Some(q) = body else { return Ok(None) };
    let start = q.start_time()?;
    Ok(Some(
        QuerySessionContext::builder()
            .set_query_id(q.query_id)
            .set_query_start_time(start)
            .set_cluster_id(q.cluster_id)
            .set_query_authorization_id(q.query_authorization_id)
            .set_additional_context(q.additional_context)
            .build(),
    ))
}

/// A body that is not what `operation` takes.
pub(crate) fn malformed(operation: &str, message: String, line: usize, column: usize) -> InputError {
    InputError::Malformed { operation: operation.to_owned(), message, line, column }
}

/// The whole of a JSON text as the structure `B`, from a JSON object only (see [`Object`]), as
/// `serde_json::from_str` reads it otherwise (nothing may follow the value).
pub(crate) fn object_body<'a, B: Deserialize<'a>>(
    mut de: serde_json::Deserializer<impl serde_json::de::Read<'a>>,
) -> Result<B, serde_json::Error> {
    let Object(value) = Object::<B>::deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// Reads a request body as `operation`'s input shape `B`. An empty body reads as `{}`.
pub(crate) fn body<'a, B: Deserialize<'a>>(operation: &str, body: &'a [u8]) -> Result<B, InputError> {
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) { b"{}" } else { body };
    // Text checked as UTF-8 once, whole, is parsed without checking each string again (a
    // seventh of the parse); a body that is not UTF-8 is parsed as bytes, for serde_json's
    // error with its line and column.
    let parsed = match std::str::from_utf8(body) {
        Ok(text) => object_body(serde_json::Deserializer::from_str(text)),
        Err(_) => object_body(serde_json::Deserializer::from_slice(body)),
    };
    parsed.map_err(|e: serde_json::Error| {
        // serde_json ends its text with " at line L column C"; the position is given once.
        let text = e.to_string();
        let text = text.rsplit_once(" at line ").map_or(text.as_str(), |(m, _)| m).to_owned();
        // serde_json counts column 0 for a value refused before it is read (`[` at the start).
        malformed(operation, text, e.line(), e.column().max(1))
    })
}

/// An epoch-seconds timestamp as a JSON number, written exactly (`1700000000` or `1700000000.5`).
fn epoch_number(time: &DateTime) -> Result<Box<RawValue>, String> {
    let text = time.fmt(Format::EpochSeconds).map_err(|e| format!("cannot format Expiration {time:?}: {e}"))?;
    RawValue::from_string(text).map_err(|e| e.to_string())
}

/// Temporary credentials as the service writes them: the body of a table or partition answer
/// (with the table's `VendedS3Path`), and the `Credentials` of a data-location one (without).
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct CredentialsJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) access_key_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) secret_access_key: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) session_token: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) expiration: Option<Box<RawValue>>,
    #[serde(rename = "VendedS3Path", skip_serializing_if = "Option::is_none")]
    pub(crate) vended_s3_path: Option<&'a [String]>,
}

pub(crate) fn credentials_json<'a>(
    access_key_id: Option<&'a str>,
    secret_access_key: Option<&'a str>,
    session_token: Option<&'a str>,
    expiration: Option<&DateTime>,
) -> Result<CredentialsJson<'a>, String> {
    Ok(CredentialsJson {
        access_key_id,
        secret_access_key,
        session_token,
        expiration: expiration.map(epoch_number).transpose()?,
        vended_s3_path: None,
    })
}

impl CredentialsJson<'_> {
    /// The bytes of its strings: with [`JSON_OVERHEAD`], about the size of its JSON text.
    pub(crate) fn text_len(&self) -> usize {
        let strings = [self.access_key_id, self.secret_access_key, self.session_token];
        strings.iter().flatten().map(|s| s.len()).sum::<usize>()
            + self.expiration.as_ref().map_or(0, |e| e.get().len())
            + self.vended_s3_path.map_or(0, text_len)
    }
}

/// The bytes of `strings` as a JSON list's items, each quoted and followed by a comma.
pub(crate) fn text_len(strings: &[String]) -> usize {
    strings.iter().map(|s| s.len() + 3).sum()
}

/// Room for a body's member names, quotes and punctuation, beyond its strings' bytes.
pub(crate) const JSON_OVERHEAD: usize = 160;

/// `value` as JSON text (UTF-8, as serde_json writes it), written into a buffer of `capacity`
/// bytes. A body's size is known from its strings: a buffer grown from serde_json's default of
/// 128 bytes is copied at each doubling (three times for a credentials body with a real session
/// token).
pub(crate) fn to_json(value: &impl Serialize, capacity: usize) -> Result<Vec<u8>, String> {
    let mut text = Vec::with_capacity(capacity);
    serde_json::to_writer(&mut text, value).map_err(|e| e.to_string())?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    #[allow(dead_code)] // read only through Debug
    struct Shape {
        table_arn: Option<String>,
        duration_seconds: Option<i32>,
    }

    /// A body read as text gives serde_json's error for the bytes, at the same place: whether it
    /// is UTF-8 (parsed as text) or not (parsed as bytes).
    #[test]
    fn a_body_s_error_is_serde_json_s_for_its_bytes() {
        let bodies: [&[u8]; 6] = [
            b"{\"TableArn\": 7}",
            b"{\"TableArn\": \"a\",\n \"DurationSeconds\": \"900\"}",
            b"{\"TableArn\": \"caf\xc3\xa9\", \"DurationSeconds\": 9e99}",
            b"{\"TableArn\": \"caf\xe9\"}",
            b"\xff{}",
            b"{\"TableArn\": \"a\"",
        ];
        for bytes in bodies {
            let expected = serde_json::from_slice::<Shape>(bytes).unwrap_err();
            match body::<Shape>("Op", bytes) {
                Err(InputError::Malformed { message, line, column, .. }) => {
                    assert!(expected.to_string().starts_with(&message), "{expected} / {message}");
                    assert_eq!((line, column), (expected.line(), expected.column()), "{bytes:?}");
                }
                other => panic!("{bytes:?}: {other:?}"),
            }
        }
        let parsed: Shape = body("Op", "{\"TableArn\": \"caf\u{e9}\\n\"}".as_bytes()).unwrap();
        assert_eq!(parsed.table_arn.as_deref(), Some("caf\u{e9}\n"));
    }

    /// An enum list reads what a list of strings reads, with serde's errors for one, at the same
    /// place; a value the SDK does not know is kept, as `Unknown`.
    #[test]
    fn an_enum_list_reads_and_refuses_as_a_list_of_strings_does() {
        use aws_sdk_lakeformation::types::Permission;
        let list = |text: &str| serde_json::from_str::<EnumList<Permission>>(text).map(|l| l.0);
        let strings = |text: &str| serde_json::from_str::<Vec<String>>(text);
        for text in ["\"SELECT\"", "[7]", "[\"SELECT\", null]", "{}", "[\"SELECT\",]", "[\"SELECT\""] {
            let (ours, theirs) = (list(text).unwrap_err(), strings(text).unwrap_err());
            assert_eq!(ours.to_string(), theirs.to_string(), "{text}");
        }
        let read = list(r#"["SELECT", "SEL\u0045CT", "ALTER", "NOT_A_PERMISSION"]"#).unwrap();
        assert_eq!(read[..3], [Permission::Select, Permission::Select, Permission::Alter]);
        assert_eq!(read[3].as_str(), "NOT_A_PERMISSION");
        assert!(list("[]").unwrap().is_empty());
    }
}
