//! The connector's choice of answer: which rule (or the simulated lake) answers a request, and
//! with which reply.

use crate::explain::hints::Language;
use crate::mock::state::Inner;
use crate::record::request::Source;
use crate::script::rule::Responder;
use crate::{Input, Reply, Request};
use aws_smithy_async::time::SharedTimeSource;

/// What answers a request.
pub(super) enum Choice {
    /// A rule, the lake or validation, with its reply.
    Answer(Source, Reply),
    /// Nothing does.
    Nothing,
    /// A user closure of a rule panicked while matching or making the reply: the request is
    /// not answered, and the rule's reply is not used up.
    Panicked(String),
}

/// The rule (or the simulated lake) that answers `request`, and its reply.
///
/// No lock of the mock is held while a user closure (a matcher, a reply closure) or the lake
/// runs: the candidates are taken out of the rules' lock, matched, and the first that matches
/// gives its next reply, unless another request used it up meanwhile (then the next one is
/// tried). A reply closure that panics gives its reply back.
pub(super) fn choose(inner: &Inner, time_source: &SharedTimeSource, request: &Request, language: Language) -> Choice {
    let table = request.input().and_then(Input::table_arn);
    let taken = 'select: loop {
        let candidates = inner.rules().candidates(request, table);
        for (index, rule) in candidates {
            let mut matched = true;
            for matcher in &rule.matchers {
                match matcher.try_matches_with_table(request, table) {
                    Ok(true) => {}
                    Ok(false) => {
                        matched = false;
                        break;
                    }
                    Err(panic) => {
                        let label = rule.label(Some(index));
                        return Choice::Panicked(format!(
                            "lakeformation-mock: the matcher `{matcher}` of rule {label} panicked on this {} request: \
                             {panic}. The request is not answered and no rule's reply is used up.",
                            request.operation()
                        ));
                    }
                }
            }
            if matched {
                match inner.rules().take(index) {
                    Some(taken) => break 'select Some(taken),
                    // Used up by another request since: look again.
                    None => continue 'select,
                }
            }
        }
        break None;
    };
    match taken {
        Some(taken) => {
            let reply = match &taken.responder {
                Responder::Fixed(reply) => reply.clone(),
                Responder::Computed(f) => match crate::script::closures::caught(|| f(request)) {
                    Ok(reply) => reply,
                    Err(panic) => {
                        let label = {
                            let mut rules = inner.rules();
                            rules.give_back(&taken);
                            rules.label(taken.rule.index)
                        };
                        return Choice::Panicked(format!(
                            "lakeformation-mock: the reply closure of rule {label} panicked on this {} request: \
                             {panic}. The request is not answered and the rule's reply is not used up.",
                            request.operation()
                        ));
                    }
                },
            };
            Choice::Answer(Source::Rule(taken.rule), reply.sent_at(time_source.now()))
        }
        None => {
            let fallback = inner.fallback.read().unwrap_or_else(|e| e.into_inner()).clone();
            match fallback {
                Some(lake) if request.operation.is_supported() => {
                    Choice::Answer(Source::Lake, lake.answer(request, time_source.now(), language))
                }
                _ => Choice::Nothing,
            }
        }
    }
}
