//! What is secret, and how it is hidden wherever the mock shows or writes what it saw: headers
//! (`authorization`, `x-amz-security-token`), presigned URLs' SigV4 query parameters, and the
//! `SecretAccessKey` and `SessionToken` of credentials in a JSON body.

use std::borrow::Cow;

/// What `Debug` output and reports show in place of a secret.
pub(crate) const REDACTED: &str = "** redacted **";

/// Header names whose values are secrets.
const SECRET_HEADERS: [&str; 2] = ["authorization", "x-amz-security-token"];

/// Query parameters of a presigned (SigV4 query-string) URL whose values are secrets or name the
/// signing key.
const SECRET_QUERY_PARAMETERS: [&str; 3] = ["X-Amz-Signature", "X-Amz-Security-Token", "X-Amz-Credential"];

/// JSON members of credentials whose values are secrets.
const SECRET_JSON_MEMBERS: [&str; 2] = ["SecretAccessKey", "SessionToken"];

/// Whether a header's value is a secret (`authorization`, `x-amz-security-token`).
pub(crate) fn is_secret_header(name: &str) -> bool {
    SECRET_HEADERS.iter().any(|s| s.eq_ignore_ascii_case(name))
}

/// `uri` with the values of SigV4 query parameters (`X-Amz-Signature`, `X-Amz-Security-Token`,
/// `X-Amz-Credential`) replaced by `** redacted **`.
pub(crate) fn uri(uri: &str) -> Cow<'_, str> {
    let Some((base, query)) = uri.split_once('?') else { return uri.into() };
    let secret = |pair: &str| {
        let name = pair.split('=').next().unwrap_or_default();
        SECRET_QUERY_PARAMETERS.iter().any(|s| s.eq_ignore_ascii_case(name))
    };
    if !query.split('&').any(secret) {
        return uri.into();
    }
    let pairs: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((name, _)) if secret(pair) => format!("{name}={REDACTED}"),
            _ => pair.to_owned(),
        })
        .collect();
    format!("{base}?{}", pairs.join("&")).into()
}

/// A JSON body with the values of its `SecretAccessKey` and `SessionToken` members (at any
/// depth) replaced by `with`; `None` when the body is not JSON or holds no such member.
pub(crate) fn json_body(body: &[u8], with: &str) -> Option<String> {
    let mut value: serde_json::Value = serde_json::from_slice(body).ok()?;
    replace_secrets(&mut value, with).then(|| value.to_string())
}

fn replace_secrets(value: &mut serde_json::Value, with: &str) -> bool {
    match value {
        serde_json::Value::Object(members) => {
            let mut found = false;
            for (name, member) in members.iter_mut() {
                if SECRET_JSON_MEMBERS.iter().any(|s| s.eq_ignore_ascii_case(name)) {
                    *member = serde_json::Value::String(with.to_owned());
                    found = true;
                } else {
                    found |= replace_secrets(member, with);
                }
            }
            found
        }
        serde_json::Value::Array(items) => {
            items.iter_mut().fold(false, |found, item| replace_secrets(item, with) | found)
        }
        _ => false,
    }
}
