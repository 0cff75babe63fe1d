//! Why a scripted status, header or body cannot be sent: the checks shared by replies, fixtures and the wire.

/// Why `status` is not a final HTTP status, which a reply needs, if it is not.
pub(crate) fn status_problem(status: u16) -> Option<String> {
    match status {
        100..=199 => Some(format!(
            "{status} is informational (1xx): it announces a final response instead of being one, so the \
             client would wait for a response that never comes (or switch protocols, for 101); script a \
             final status, 200 to 599"
        )),
        200..=599 => None,
        _ => Some(format!("{status} is not an HTTP status (100 to 599); script a final status, 200 to 599")),
    }
}

/// Why the `content-length` headers among `headers` are malformed, if they are: not a number of
/// bytes, or given more than once.
pub(crate) fn content_length_form_problem(headers: &[(String, String)]) -> Option<String> {
    let mut values = headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case("content-length")).map(|(_, v)| v);
    let first = values.next()?;
    if values.next().is_some() {
        return Some(
            "the `content-length` header is given more than once: give it once, or leave it out (the length \
             of the body is sent for you)"
                .into(),
        );
    }
    if first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit()) || first.parse::<u64>().is_err() {
        return Some(format!(
            "the `content-length` header {first:?} is not a number of bytes: give the body's length, or leave \
             the header out (the length of the body is sent for you)"
        ));
    }
    None
}

/// Why the `content-length` header among `headers` does not frame a body of `body_len` bytes, if
/// it does not (no header frames any body).
pub(crate) fn content_length_problem(headers: &[(String, String)], body_len: usize) -> Option<String> {
    if let Some(problem) = content_length_form_problem(headers) {
        return Some(problem);
    }
    let (_, declared) = headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("content-length"))?;
    (declared.parse::<u64>().ok() != Some(body_len as u64)).then(|| {
        format!(
            "the `content-length` header says {declared} bytes, but the body has {body_len}: the client would \
             read a response of another length than sent, and the connection would be out of step; leave the \
             header out (the length of the body is sent for you) or make it match the body"
        )
    })
}

/// Why `status` cannot carry a service error, if it cannot.
pub(crate) fn error_status_problem(status: u16) -> Option<String> {
    (!(400..=599).contains(&status))
        .then(|| format!("{status} is not an error status (400 to 599), which a service error needs"))
}

#[track_caller]
pub(crate) fn assert_error_status(status: u16, call: &str) {
    if let Some(problem) = error_status_problem(status) {
        panic!("{call}({status}): {problem}; script any other status with `RawResponse::new({status})`");
    }
}

/// Why `name: value` is not a valid HTTP header, if it is not.
pub(crate) fn header_problem(name: &str, value: &str) -> Option<String> {
    header_name(name).err().or_else(|| header_value_problem(name, value))
}

/// `name` as an HTTP header name, or why it is not one.
pub(crate) fn header_name(name: &str) -> Result<http::HeaderName, String> {
    http::HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
        format!(
            "`{name}` is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only, no spaces or colons)"
        )
    })
}

/// Why `value` is not a valid value of header `name`, if it is not.
pub(crate) fn header_value_problem(name: &str, value: &str) -> Option<String> {
    http::HeaderValue::from_bytes(value.as_bytes()).is_err().then(|| {
        format!(
            "the value {value:?} of header `{name}` is not a valid HTTP header value (no line breaks or other control characters)"
        )
    })
}
