//! The [`Matcher`] value: what kinds of condition it holds, how it tests a request, how it reads.

use crate::{Operation, Request};
use std::fmt;

use super::field::{Condition, Field, Value, field_value, text_field};
use std::sync::Arc;

/// A condition on a request. Build one with the functions of this module.
#[derive(Clone)]
#[must_use = "a matcher does nothing until a rule (`Rule::and`) or the journal uses it"]
pub struct Matcher(pub(crate) Kind);

#[derive(Clone)]
pub(crate) enum Kind {
    Operation(Operation),
    /// Any operation the mock models (what a rule not pinned to an operation answers).
    ModeledOperation,
    Region(String),
    SignedBy(String),
    Field(Field, Condition),
    AdditionalContext {
        key: String,
        value: Option<String>,
    },
    Header {
        name: String,
        value: Option<String>,
    },
    AnyOf(Vec<Matcher>),
    AllOf(Vec<Matcher>),
    Not(Box<Matcher>),
    Custom {
        description: String,
        predicate: Predicate,
    },
}

type Predicate = Arc<dyn Fn(&Request) -> bool + Send + Sync>;

/// One way a request failed a matcher: which part, what was wanted, what arrived.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Mismatch {
    /// The part of the request, e.g. `TableArn` or `header authorization`.
    pub field: String,
    /// What the matcher wanted.
    pub wanted: String,
    /// What the request had.
    pub found: String,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: wanted {}, found {}", self.field, self.wanted, self.found)
    }
}

impl Matcher {
    /// Whether `request` satisfies this matcher.
    ///
    /// Deciding builds no text: the work is linear in the size of the matcher, however deeply
    /// [`any_of`](super::any_of), [`all_of`](super::all_of) and [`not`](super::not) nest (only
    /// [`mismatch`](Self::mismatch) formats, once). A chain of `not`s is walked in a loop, so any
    /// depth of it works; nested `any_of` and `all_of` recurse, one stack frame per level.
    pub fn matches(&self, request: &Request) -> bool {
        let (negated, inner) = self.without_nots();
        let holds = match &inner.0 {
            Kind::AnyOf(matchers) => matchers.iter().any(|m| m.matches(request)),
            Kind::AllOf(matchers) => matchers.iter().all(|m| m.matches(request)),
            _ => inner.leaf_matches(request),
        };
        holds != negated
    }

    /// The matcher under any chain of [`not`]s, and whether their number is odd.
    fn without_nots(&self) -> (bool, &Matcher) {
        let (mut negated, mut m) = (false, self);
        while let Kind::Not(inner) = &m.0 {
            (negated, m) = (!negated, inner);
        }
        (negated, m)
    }

    /// [`matches`](Self::matches) for a matcher that combines no others.
    fn leaf_matches(&self, request: &Request) -> bool {
        match &self.0 {
            Kind::Operation(op) => request.operation() == op,
            Kind::ModeledOperation => request.operation().is_supported(),
            Kind::Region(region) => request.region_name() == Some(region.as_str()),
            Kind::SignedBy(key) => request.access_key_id() == Some(key.as_str()),
            // The common case, answered without copying the field's value.
            Kind::Field(field, condition @ Condition::Equals(Value::Text(want))) => match request.input() {
                Some(input) => match text_field(input, *field) {
                    Ok(found) => found == Some(want.as_str()),
                    Err(()) => condition.holds(&field_value(input, *field)),
                },
                None => false,
            },
            Kind::Field(field, condition) => {
                condition.holds(&request.input().map_or(Value::Missing, |input| field_value(input, *field)))
            }
            Kind::AdditionalContext { key, value } => additional_context_holds(request, key, value.as_deref()).0,
            Kind::Header { name, value } => header_holds(request, name, value.as_deref()).0,
            Kind::Custom { predicate, .. } => predicate(request),
            Kind::AnyOf(_) | Kind::AllOf(_) | Kind::Not(_) => self.matches(request),
        }
    }

    /// Why `request` does not satisfy this matcher, or `None` when it does.
    pub fn mismatch(&self, request: &Request) -> Option<Mismatch> {
        let fail = |field: String, wanted: String, found: String| {
            Some(Mismatch {
                field,
                wanted,
                found: crate::explain::echo::truncated_owned(found, crate::explain::echo::MAX_ECHO),
            })
        };
        match &self.0 {
            Kind::Operation(op) => (request.operation() != op).then(|| Mismatch {
                field: "operation".into(),
                wanted: op.to_string(),
                found: request.operation().to_string(),
            }),
            Kind::ModeledOperation => (!request.operation().is_supported()).then(|| Mismatch {
                field: "operation".into(),
                wanted: modeled_operations(),
                found: request.operation().to_string(),
            }),
            Kind::Region(region) => (request.region_name() != Some(region.as_str())).then(|| Mismatch {
                field: "region".into(),
                wanted: format!("{region:?}"),
                found: request
                    .region_name()
                    .map_or("(none: unsigned, to a host that names no region)".into(), |r| format!("{r:?}")),
            }),
            Kind::SignedBy(key) => (request.access_key_id() != Some(key.as_str())).then(|| Mismatch {
                field: "signed by".into(),
                wanted: format!("{key:?}"),
                found: request.access_key_id().map_or("(unsigned)".into(), |k| format!("{k:?}")),
            }),
            Kind::Field(field, condition) => {
                let value = request.input().map_or(Value::Missing, |input| field_value(input, *field));
                if condition.holds(&value) {
                    None
                } else {
                    fail(field.path_for(request.operation()).into(), condition.to_string(), value.to_string())
                }
            }
            Kind::AdditionalContext { key, value } => {
                let (ok, found) = additional_context_holds(request, key, value.as_deref());
                let wanted = value.as_ref().map_or("present".to_owned(), |v| format!("{v:?}"));
                let found = found.map_or("(absent)".to_owned(), |v| format!("{:?}", crate::explain::echo::capped(v)));
                (!ok).then(|| Mismatch {
                    field: format!("QuerySessionContext.AdditionalContext[{key:?}]"),
                    wanted,
                    found,
                })
            }
            Kind::Header { name, value } => {
                let (ok, found) = header_holds(request, name, value.as_deref());
                let shown = |v: &str| shown_header_value(name, v);
                (!ok).then(|| Mismatch {
                    field: format!("header {name}"),
                    wanted: value.as_deref().map_or("present".to_owned(), shown),
                    found: found.map_or("(absent)".to_owned(), shown),
                })
            }
            Kind::AnyOf(matchers) => {
                if matchers.iter().any(|m| m.matches(request)) {
                    None
                } else {
                    let wanted: Vec<String> = matchers.iter().map(|m| m.to_string()).collect();
                    fail("any_of".into(), wanted.join(" or "), "none of them".into())
                }
            }
            Kind::AllOf(matchers) => matchers.iter().find_map(|m| m.mismatch(request)),
            Kind::Not(inner) => inner.matches(request).then(|| Mismatch {
                field: "not".into(),
                wanted: format!("not {inner}"),
                found: "a request that matches it".into(),
            }),
            Kind::Custom { description, predicate } => (!predicate(request)).then(|| Mismatch {
                field: description.clone(),
                wanted: "true".into(),
                found: "false".into(),
            }),
        }
    }

    /// [`Matcher::matches_with_table`], with a panic of a user closure caught (`Err` with its
    /// message).
    pub(crate) fn try_matches_with_table(&self, request: &Request, table: Option<&str>) -> Result<bool, String> {
        crate::script::closures::caught(|| self.matches_with_table(request, table))
    }

    /// [`Matcher::mismatch`], with a panic of a user closure reported as the mismatch.
    pub(crate) fn mismatch_caught(&self, request: &Request) -> Option<Mismatch> {
        crate::script::closures::caught(|| self.mismatch(request)).unwrap_or_else(|message| {
            Some(Mismatch { field: self.to_string(), wanted: "no panic".into(), found: format!("panicked: {message}") })
        })
    }

    /// The operation this matcher pins, if it is an operation matcher.
    pub(crate) fn operation(&self) -> Option<&Operation> {
        match &self.0 {
            Kind::Operation(op) => Some(op),
            _ => None,
        }
    }

    /// [`Matcher::matches`], given the request's `TableArn` (`None` when it has none).
    pub(crate) fn matches_with_table(&self, request: &Request, table: Option<&str>) -> bool {
        match self.exact_table_arn() {
            Some(arn) => table == Some(arn),
            None => self.matches(request),
        }
    }

    /// The exact `TableArn` this matcher pins, if it is one.
    pub(crate) fn exact_table_arn(&self) -> Option<&str> {
        match &self.0 {
            Kind::Field(Field::TableArn, Condition::Equals(Value::Text(arn))) => Some(arn),
            _ => None,
        }
    }
}

impl fmt::Display for Matcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Kind::Operation(op) => write!(f, "operation = {op}"),
            Kind::ModeledOperation => write!(f, "operation is {}", modeled_operations()),
            Kind::Region(region) => write!(f, "region = {region:?}"),
            Kind::SignedBy(key) => write!(f, "signed by {key:?}"),
            Kind::Field(field, condition) => match condition {
                Condition::Equals(v) => write!(f, "{} = {v}", field.path()),
                other => write!(f, "{} is {other}", field.path()),
            },
            Kind::AdditionalContext { key, value: Some(v) } => write!(f, "AdditionalContext[{key:?}] = {v:?}"),
            Kind::AdditionalContext { key, value: None } => write!(f, "AdditionalContext has {key:?}"),
            Kind::Header { name, value: Some(v) } => write!(f, "header {name} = {}", shown_header_value(name, v)),
            Kind::Header { name, value: None } => write!(f, "header {name} is present"),
            // Written straight to `f`: no text of a subtree is built and copied into its parent's,
            // so showing a deep tree costs its size, not its size times its depth.
            Kind::AnyOf(ms) => write_list(f, "any of (", " | ", ms),
            Kind::AllOf(ms) => write_list(f, "all of (", " & ", ms),
            // A chain of `not`s is written in a loop, so any depth of it can be shown.
            Kind::Not(_) => {
                let mut depth = 0;
                let mut m = self;
                while let Kind::Not(inner) = &m.0 {
                    (depth, m) = (depth + 1, inner);
                }
                (0..depth).try_for_each(|_| f.write_str("not ("))?;
                fmt::Display::fmt(m, f)?;
                (0..depth).try_for_each(|_| f.write_str(")"))
            }
            Kind::Custom { description, .. } => f.write_str(description),
        }
    }
}

fn write_list(f: &mut fmt::Formatter<'_>, open: &str, separator: &str, matchers: &[Matcher]) -> fmt::Result {
    f.write_str(open)?;
    for (i, m) in matchers.iter().enumerate() {
        if i > 0 {
            f.write_str(separator)?;
        }
        fmt::Display::fmt(m, f)?;
    }
    f.write_str(")")
}

impl fmt::Debug for Matcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Matcher({self})")
    }
}

/// Whether the request's `AdditionalContext` has `key` (with `value`, when given), and the value
/// it has.
fn additional_context_holds<'r>(request: &'r Request, key: &str, value: Option<&str>) -> (bool, Option<&'r String>) {
    let found = request.query_session_context().and_then(|q| q.additional_context()).and_then(|m| m.get(key));
    let ok = match (value, found) {
        (Some(want), Some(got)) => want == got,
        (None, got) => got.is_some(),
        (Some(_), None) => false,
    };
    (ok, found)
}

/// Whether the request has header `name` (with `value`, when given), and the value it has.
fn header_holds<'r>(request: &'r Request, name: &str, value: Option<&str>) -> (bool, Option<&'r str>) {
    let found = request.header_value(name);
    let ok = match value {
        Some(want) => found == Some(want),
        None => found.is_some(),
    };
    (ok, found)
}

/// A header value as reports show it: quoted, or `** redacted **` for a secret header
/// (`authorization`, `x-amz-security-token`), whether it comes from the request or the test.
fn shown_header_value(name: &str, value: &str) -> String {
    if crate::record::redact::is_secret_header(name) { crate::REDACTED.to_owned() } else { format!("{value:?}") }
}

/// What a rule with no operation matcher answers: the operations the mock models.
pub(crate) fn modeled_operations() -> String {
    format!("an operation the mock models ({})", crate::services::served_names("or"))
}
