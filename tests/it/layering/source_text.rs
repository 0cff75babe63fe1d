//! A module's source read as code: comments blanked (a `//` or `/*` inside a string or char
//! literal is not one), and the inline unit-test module (`#[cfg(test)] mod tests { .. }`) cut
//! out by brace matching, so the code after it still counts. A visibility `pub(in path)` is
//! read as `pub`: it names where an item may be seen, not a module the item uses.

/// What a character of a source text is part of.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    /// Code, including whitespace.
    Code,
    /// A string, byte string, raw string or char literal, quotes included.
    Literal,
    /// A line or block comment.
    Comment,
}

/// The index of the first `wanted` at or after `from`, or the end of `chars`.
fn find_from(chars: &[char], from: usize, wanted: char) -> usize {
    (from..chars.len()).find(|&k| chars[k] == wanted).unwrap_or(chars.len())
}

/// The end of the block comment that starts at `at` (`/*`), nested ones included.
fn block_comment_end(chars: &[char], at: usize) -> usize {
    let mut depth = 0;
    let mut k = at;
    while k + 1 < chars.len() {
        match (chars[k], chars[k + 1]) {
            ('/', '*') => depth += 1,
            ('*', '/') => depth -= 1,
            _ => {
                k += 1;
                continue;
            }
        }
        k += 2;
        if depth == 0 {
            return k;
        }
    }
    chars.len()
}

/// The end of a string whose text starts at `from` (after its opening `"`), escapes skipped.
fn string_end(chars: &[char], from: usize) -> usize {
    let mut k = from;
    while k < chars.len() {
        match chars[k] {
            '\\' => k += 2,
            '"' => return k + 1,
            _ => k += 1,
        }
    }
    chars.len()
}

/// The end of the raw string whose `#`s (or `"`) start at `from` (after its `r`), if one does
/// (`r#name` is a raw identifier).
fn raw_string_end(chars: &[char], from: usize) -> Option<usize> {
    let hashes = chars[from..].iter().take_while(|c| **c == '#').count();
    if chars.get(from + hashes) != Some(&'"') {
        return None;
    }
    let closing: Vec<char> = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
    let text = from + hashes + 1;
    let end = (text..chars.len()).find(|&k| chars[k..].starts_with(&closing));
    Some(end.map_or(chars.len(), |end| end + closing.len()))
}

/// The end of the char literal that starts at `at` (`'`), or `None` for a lifetime or label.
fn char_literal_end(chars: &[char], at: usize) -> Option<usize> {
    match chars.get(at + 1)? {
        '\\' => Some(find_from(chars, at + 3, '\'') + 1),
        '\'' => None,
        _ => (chars.get(at + 2) == Some(&'\'')).then_some(at + 3),
    }
}

/// The comment or literal that starts at `at`, with its end index (a line comment ends before
/// its newline).
fn span_at(chars: &[char], at: usize) -> Option<(Part, usize)> {
    let after_word = at > 0 && (chars[at - 1].is_alphanumeric() || chars[at - 1] == '_');
    let literal = |end: usize| (Part::Literal, end);
    match (chars[at], chars.get(at + 1).copied()) {
        ('/', Some('/')) => Some((Part::Comment, find_from(chars, at, '\n'))),
        ('/', Some('*')) => Some((Part::Comment, block_comment_end(chars, at))),
        ('"', _) => Some(literal(string_end(chars, at + 1))),
        ('\'', _) => char_literal_end(chars, at).map(literal),
        ('b', Some('"')) if !after_word => Some(literal(string_end(chars, at + 2))),
        ('b', Some('r')) if !after_word => raw_string_end(chars, at + 2).map(literal),
        ('r', Some('"' | '#')) if !after_word => raw_string_end(chars, at + 1).map(literal),
        _ => None,
    }
}

/// What each character of `chars` is part of.
fn parts_of(chars: &[char]) -> Vec<Part> {
    let mut parts = vec![Part::Code; chars.len()];
    let mut at = 0;
    while at < chars.len() {
        match span_at(chars, at) {
            Some((part, end)) => {
                parts[at..end].fill(part);
                at = end;
            }
            None => at += 1,
        }
    }
    parts
}

/// The end of the inline unit-test module whose `#[cfg(test)]` starts at `at` (after its
/// closing brace), if one does: braces in literals and comments do not count.
fn unit_tests_end(chars: &[char], parts: &[Part], at: usize) -> Option<usize> {
    let mut k = at;
    for word in ["#[cfg(test)]", "mod", "tests", "{"] {
        while chars.get(k).is_some_and(|c| c.is_whitespace()) || parts.get(k) == Some(&Part::Comment) {
            k += 1;
        }
        let word: Vec<char> = word.chars().collect();
        if !chars[k..].starts_with(&word) || parts[k..k + word.len()].iter().any(|p| *p != Part::Code) {
            return None;
        }
        k += word.len();
    }
    let mut depth = 1;
    while k < chars.len() && depth > 0 {
        if parts[k] == Part::Code {
            match chars[k] {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
        }
        k += 1;
    }
    Some(k)
}

/// Where a visibility `pub(in path)` that starts at `at` ends (after its `)`), if one does.
fn restricted_visibility_end(chars: &[char], parts: &[Part], at: usize) -> Option<usize> {
    let opening: Vec<char> = "pub(in ".chars().collect();
    let starts = parts[at] == Part::Code && chars.get(at..at + opening.len()) == Some(&opening[..]);
    let close = starts.then(|| (at + opening.len()..chars.len()).find(|&k| chars[k] == ')'))??;
    Some(close + 1)
}

/// The module's code: comments blanked (newlines kept), `pub(in path)` read as `pub`, and
/// inline `mod tests { .. }` blocks after `#[cfg(test)]` left out.
pub(super) fn code_of(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let parts = parts_of(&chars);
    let mut code = String::with_capacity(text.len());
    let mut at = 0;
    while at < chars.len() {
        if let Some(end) = unit_tests_end(&chars, &parts, at) {
            at = end;
            continue;
        }
        if let Some(end) = restricted_visibility_end(&chars, &parts, at) {
            code.push_str("pub");
            at = end;
            continue;
        }
        let c = chars[at];
        code.push(if parts[at] == Part::Comment && c != '\n' { ' ' } else { c });
        at += 1;
    }
    code
}
