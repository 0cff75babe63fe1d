//! Operation names written as a sentence, for messages: `A, B and C`.

/// `names` as a sentence: `A, B and C` (`conjunction` "and"), or `A, B or C`.
pub(crate) fn sentence(names: Vec<&str>, conjunction: &str) -> String {
    match names.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} {conjunction} {last}", rest.join(", ")),
        None => String::new(),
    }
}
