//! The lake as a mock's fallback: what it answers a request no scripted rule answers (vending
//! here; Glue's handshake in lake/authorization/).

#[cfg(feature = "glue")]
use super::authorization;
use super::catalog::Catalog;
use super::credentials::Pinned;
use super::decide::{self, Call, Refusal, Vend};
use super::handle::LakeInner;
use super::pinning;
use super::refusal::refusal_reply;
use super::times::{expiry, whole_second};
use crate::explain::hints::Language;
use crate::explain::trace::Trace;
use crate::script::fallback::Fallback;
use crate::{Input, Reply, Request};
use std::time::SystemTime;

impl Fallback for LakeInner {
    fn authenticate(&self, request: &Request, now: SystemTime, language: Language) -> Option<Reply> {
        // sts: STS authenticates its caller before it validates (src/lake/sts.rs)
        #[cfg(feature = "sts")]
        if let Some(Input::Sts(_)) = request.input() {
            let (access_key_id, region) = request.access_key_id_and_region();
            return super::sts::authenticate(
                self,
                request,
                Call { access_key_id, region, language, session: None },
                now,
            );
        }
        let _ = (request, now, language);
        None
    }

    fn answer(&self, request: &Request, now: SystemTime, language: Language) -> Reply {
        let (access_key_id, region) = request.access_key_id_and_region();
        // sts: STS's AssumeRole and GetCallerIdentity (src/lake/sts.rs)
        #[cfg(feature = "sts")]
        if let Some(Input::Sts(input)) = request.input() {
            let call = Call { access_key_id, region, language, session: None };
            return super::sts::answer(self, request, input, call, now);
        }
        // sts: a session the lake issued calls as its role; an expired one is refused
        #[cfg(feature = "sts")]
        let session =
            match super::sts::session_caller(self, Call { access_key_id, region, language, session: None }, now) {
                Ok(session) => session,
                Err(reply) => return reply,
            };
        let call = Call {
            access_key_id,
            region,
            language,
            #[cfg(feature = "sts")]
            session: session.as_ref(),
        };
        // Glue's GetUnfiltered*Metadata (src/lake/authorization/).
        #[cfg(feature = "glue")]
        if let Some(Input::Glue(input)) = request.input() {
            return authorization::answer(self, request, input, call, now);
        }
        let mut trace = Trace::default();
        let allowed = {
            let model = self.model();
            match self.allowed(&model, request, call, now, &mut trace) {
                Ok(allowed) => allowed,
                Err(refusal) => return refusal_reply(&model.model.behavior, refusal, trace),
            }
        };
        // Keys are drawn after the model's lock is released, so that edits of the lake
        // (`Lake::grant`, `update`) never wait for them.
        let vended = self.issue(allowed.vend, &allowed.pinned, allowed.issued_at, allowed.expires_at);
        trace.push(
            [
                "answer: vended ",
                vended.access_key_id(),
                " (",
                vended.scope().as_str(),
                ", ",
                &vended.duration().as_secs().to_string(),
                " seconds) for ",
                &vended.locations().join(", "),
            ]
            .concat(),
        );
        Reply::traced_output(vended.output(), trace)
    }
}

/// A credentials request the lake allows: what to vend, the pinned values to vend it with, and
/// when the credentials are issued and expire.
struct Allowed {
    vend: Vend,
    pinned: Pinned,
    issued_at: SystemTime,
    expires_at: SystemTime,
}

impl LakeInner {
    /// Decides a credentials request by `model`: what to vend (pinned values in place of drawn ones,
    /// `Expiration` from the calling client's clock `now`), or why not.
    fn allowed(
        &self,
        model: &Catalog,
        request: &Request,
        call: Call<'_>,
        now: SystemTime,
        trace: &mut Trace,
    ) -> Result<Allowed, Refusal> {
        let vend = decision(model, request, call, trace)?;
        // glue: table vending checks the QueryAuthorizationId it is given (src/lake/authorization/vending.rs)
        #[cfg(feature = "glue")]
        let vend = match request.input() {
            Some(Input::TableCredentials(input)) => {
                authorization::check_vending(self, &model.model, input, vend, now, call.language, trace)?
            }
            _ => vend,
        };
        let pinned = pinning::for_vending(&model.model, &vend.purpose);
        let names = pinned.names();
        if !names.is_empty() {
            trace.push(format!("pinned: {} (the lake's pins)", names.join(", ")));
        }
        let issued_at = whole_second(now);
        let expires_at = match pinned.expiration {
            Some(at) => at,
            None => {
                let seconds = u64::try_from(vend.duration_seconds).unwrap_or_default();
                expiry(issued_at, seconds, "credentials", call.language)?
            }
        };
        Ok(Allowed { vend, pinned, issued_at, expires_at })
    }
}

/// What the lake decides a credentials request: what to vend, or why not.
fn decision(model: &Catalog, request: &Request, call: Call<'_>, trace: &mut Trace) -> Result<Vend, Refusal> {
    match request.input() {
        Some(whole @ Input::TableCredentials(input)) => decide::glue_table(model, call, whole, input, trace),
        Some(Input::DataLocation(input)) => decide::data_location(model, call, input, trace),
        Some(whole @ Input::PartitionCredentials(input)) => decide::glue_partition(model, call, whole, input, trace),
        _ => Err(decide::invalid(format!("The simulated lake does not answer {}.", request.operation()))),
    }
}
