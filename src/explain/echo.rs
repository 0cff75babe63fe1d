//! How much of a request's or a fixture's own text a message echoes: a value longer than
//! [`MAX_ECHO`] bytes is cut, with what was left out counted, so that a hostile or generated
//! input (100,000 partition values, a 1 MB fixture key) gives a message of bounded size.

use std::borrow::Cow;

/// The most bytes of one echoed value a message shows.
pub(crate) const MAX_ECHO: usize = 1024;

/// `text`, or its first [`MAX_ECHO`] bytes (cut at a character boundary) followed by
/// `... (N more bytes)`.
pub(crate) fn capped(text: &str) -> Cow<'_, str> {
    truncated(text, MAX_ECHO)
}

/// [`truncated`] for a `String` the caller owns: `text` itself when it is short enough.
pub(crate) fn truncated_owned(text: String, max: usize) -> String {
    match truncated(&text, max) {
        Cow::Borrowed(_) => text,
        Cow::Owned(cut) => cut,
    }
}

/// `text`, or its first `max` bytes (cut at a character boundary) followed by
/// `... (N more bytes)`.
pub(crate) fn truncated(text: &str, max: usize) -> Cow<'_, str> {
    if text.len() <= max {
        return Cow::Borrowed(text);
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!("{}... ({} more bytes)", &text[..end], text.len() - end))
}

/// `message` with each `` `quoted` `` value (serde's way of naming a key or value) capped.
pub(crate) fn capped_quotes(message: &str) -> Cow<'_, str> {
    if message.len() <= MAX_ECHO {
        return Cow::Borrowed(message);
    }
    let mut out = String::with_capacity(MAX_ECHO * 2);
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        // The odd parts are inside backquotes; the others are the message's own words, with
        // room for a value it quotes otherwise (serde_json's `invalid type: string "..."`).
        out.push_str(&if i % 2 == 1 { capped(part) } else { truncated(part, MAX_ECHO * 2) });
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_value_is_cut_at_a_character_boundary_and_says_how_much_is_left_out() {
        assert_eq!(capped("short"), "short");
        assert_eq!(capped(&"x".repeat(1030)), format!("{}... (6 more bytes)", "x".repeat(1024)));
        let text = format!("{}é{}", "a".repeat(1023), "b".repeat(10));
        assert_eq!(capped(&text), format!("{}... (12 more bytes)", "a".repeat(1023)));
        let message = format!("unknown field `{}`, expected `TableArn`", "k".repeat(1_000_000));
        let shown = capped_quotes(&message);
        assert!(shown.len() < 1200, "{}", shown.len());
        assert!(shown.ends_with("... (998976 more bytes)`, expected `TableArn`"), "{shown}");
    }
}
