//! What the lake answers STS (feature `sts`): `GetCallerIdentity` for its principals and
//! sessions, `AssumeRole` of its roles (trust, external id, durations, role chaining, session
//! tags), and the session callers Lake Formation and Glue then see. A session's signature is
//! checked with the secret the lake issued it, a principal's with the secret the lake declares
//! for it (none declared: not checked).

use super::catalog::Catalog;
use super::decide::Call;
use super::handle::LakeInner;
use super::model::{Principal, Role};
use super::sessions::Session;
use super::times::whole_second;
use crate::explain::hints::Language;
use crate::explain::trace::Trace;
use crate::record::input::StsInput;
use crate::services::sigv4::Signed;
use crate::{Reply, Request, ServiceError};
use aws_sdk_sts::operation::assume_role::{AssumeRoleInput, AssumeRoleOutput};
use aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityOutput;
use aws_sdk_sts::types::{AssumedRoleUser, Credentials};
use aws_smithy_types::DateTime;
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, SystemTime};

/// The longest session a session may assume (role chaining), in seconds.
const CHAINED_MAX_SECONDS: i32 = 3600;
/// The session `AssumeRole` issues without `DurationSeconds`, in seconds.
const DEFAULT_SECONDS: i32 = 3600;

/// An STS refusal: its code, status and message.
struct StsRefusal {
    code: &'static str,
    status: u16,
    message: String,
}

fn refuse(code: &'static str, status: u16, message: impl Into<String>) -> StsRefusal {
    StsRefusal { code, status, message: message.into() }
}

fn refused(refusal: StsRefusal, mut trace: Trace) -> Reply {
    trace.push(format!("answer: refused with {} (status {}): {}", refusal.code, refusal.status, refusal.message));
    Reply::refused(ServiceError::custom(refusal.code, Some(refusal.message), refusal.status), trace)
}

/// `rust` or `fixture`, as the user builds the lake.
fn hint(language: Language, rust: String, fixture: String) -> String {
    match language {
        Language::Rust => rust,
        Language::Fixture => fixture,
    }
}

/// Who signed an STS request.
enum Caller {
    Principal(Principal),
    Session(Box<Session>),
}

impl Caller {
    fn arn(&self) -> &str {
        match self {
            Caller::Principal(p) => &p.arn,
            Caller::Session(s) => &s.arn,
        }
    }
}

/// The message STS sends for an expired session.
const EXPIRED: &str = "The security token included in the request is expired";

/// How to get a fresh session, in the user's terms.
fn refresh(language: Language) -> &'static str {
    match language {
        Language::Rust => {
            "call AssumeRole again for fresh keys (aws_config::sts::AssumeRoleProvider refreshes them before Expiration)"
        }
        Language::Fixture => "call AssumeRole again for fresh keys before the session's Expiration",
    }
}

/// Refuses a request whose signature is not the one `secret` gives (`SignatureDoesNotMatch`,
/// 403, as STS), saying whose secret it must be signed with.
fn check_signature(
    request: &Request,
    key: &str,
    secret: &str,
    whose: &str,
    trace: &mut Trace,
) -> Result<(), StsRefusal> {
    let headers: Vec<(&str, &str)> = request.headers().collect();
    let signed = Signed { method: request.method().as_str(), uri: request.uri(), headers, body: request.body_bytes() };
    match crate::services::sigv4::check(&signed, key, secret) {
        Ok(()) => {
            trace.push(format!("signature: the request is signed with the secret of {key}"));
            Ok(())
        }
        Err(why) => {
            trace.push(format!("signature: does not match: {why}"));
            Err(refuse(
                "SignatureDoesNotMatch",
                403,
                format!(
                    "The request signature we calculated does not match the signature you provided. Check your AWS \
                     Secret Access Key and signing method. lakeformation-mock: {why}; sign with {whose}."
                ),
            ))
        }
    }
}

fn caller(
    lake: &LakeInner,
    model: &Catalog,
    request: &Request,
    call: Call<'_>,
    now: SystemTime,
    trace: &mut Trace,
) -> Result<Caller, StsRefusal> {
    let Some(key) = call.access_key_id else {
        trace.push("caller: none: the request is not signed");
        return Err(refuse(
            "MissingAuthenticationToken",
            403,
            "Request is missing Authentication Token: sign the request with a principal's access key id.",
        ));
    };
    if let Some(session) = lake.session(key) {
        if !session.is_valid_at(now) {
            trace.push(format!("caller: access key id {key} is session {}, expired", session.arn));
            return Err(refuse(
                "ExpiredToken",
                400,
                format!("{EXPIRED}: session {} expired; {}.", session.arn, refresh(call.language)),
            ));
        }
        trace.push(format!("caller: access key id {key} is session {} of role {}", session.arn, session.role_arn));
        let whose = "the SecretAccessKey AssumeRole returned with this AccessKeyId";
        check_signature(request, key, session.secret_access_key(), whose, trace)?;
        return Ok(Caller::Session(Box::new(session)));
    }
    match model.principal(key) {
        Some(principal) => {
            trace.push(format!("caller: access key id {key} is {}", principal.arn));
            // A principal's signature is checked when the lake declares its secret; the mock's
            // clients and any test secret sign for a principal that declares none.
            if let Some(secret) = &principal.secret_access_key {
                let whose = hint(
                    call.language,
                    format!("the secret the lake declares for {key} (Principal::secret_access_key)"),
                    format!("the secret the lake declares for {key} (its \"SecretAccessKey\" in \"Principals\")"),
                );
                check_signature(request, key, secret, &whose, trace)?;
            } else {
                trace.push(format!("signature: not checked: the lake declares no secret for {key}"));
            }
            Ok(Caller::Principal(principal.clone()))
        }
        None => {
            trace.push(format!("caller: none: access key id {key} is no principal or session of this lake"));
            let account = &model.model.account_id;
            Err(refuse(
                "InvalidClientTokenId",
                403,
                format!(
                    "The security token included in the request is invalid: access key id {key} is no principal of this \
                     lake and no session it issued; {}.",
                    hint(
                        call.language,
                        format!(
                            "add it with Lake::builder().principal(Principal::new(\"{key}\", \"arn:aws:iam::{account}:user/<name>\"))"
                        ),
                        format!(
                            "add it to the lake's \"Principals\": [{{\"AccessKeyId\": \"{key}\", \"Arn\": \"arn:aws:iam::{account}:user/<name>\"}}]"
                        ),
                    )
                ),
            ))
        }
    }
}

/// A stable unique id for `arn`, as IAM gives a user (`AIDA...`) or a role (`AROA...`).
fn unique_id(prefix: &str, arn: &str) -> String {
    // FNV-1a, twice over, as 16 base-36 characters: stable across runs and builds.
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut id = String::from(prefix);
    for round in 0..2u8 {
        for byte in arn.bytes().chain([round]) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        let mut h = hash;
        for _ in 0..8 {
            id.push(char::from(ALPHABET[(h % 32) as usize]));
            h /= 32;
        }
    }
    id
}

/// The refusal of an STS request's caller, checked before its input as STS does: an unsigned
/// request, an unknown key or an expired session is refused for that, whatever else is wrong.
pub(super) fn authenticate(lake: &LakeInner, request: &Request, call: Call<'_>, now: SystemTime) -> Option<Reply> {
    let mut trace = Trace::default();
    let model = lake.model();
    let refusal = caller(lake, &model, request, call, now, &mut trace).err()?;
    trace.push("STS authenticates the caller before it reads the request's parameters");
    Some(refused(refusal, trace))
}

/// The lake's answer to an STS request.
pub(super) fn answer(lake: &LakeInner, request: &Request, input: &StsInput, call: Call<'_>, now: SystemTime) -> Reply {
    let mut trace = Trace::default();
    let model = lake.model();
    let caller = match caller(lake, &model, request, call, now, &mut trace) {
        Ok(caller) => caller,
        Err(refusal) => return refused(refusal, trace),
    };
    match input {
        StsInput::GetCallerIdentity(_) => {
            let (arn, user_id) = match &caller {
                Caller::Principal(p) => (p.arn.clone(), unique_id("AIDA", &p.arn)),
                Caller::Session(s) => (s.arn.clone(), s.assumed_role_id.clone()),
            };
            let account = super::arn::account_of(&arn).unwrap_or(&model.model.account_id).to_owned();
            trace.push(format!("answer: the caller is {arn}"));
            let output = GetCallerIdentityOutput::builder().arn(arn).user_id(user_id).account(account).build();
            Reply::traced_sts(crate::services::sts::StsOutput::GetCallerIdentity(output), trace)
        }
        StsInput::AssumeRole(input) => {
            let decided = assume(&model, &caller, input, call.language, &mut trace);
            drop(model);
            match decided {
                Ok(assumed) => issue(lake, assumed, &caller, call, now, trace),
                Err(refusal) => refused(refusal, trace),
            }
        }
    }
}

/// What `AssumeRole` is allowed to issue.
struct Assumed {
    role: Role,
    session_name: String,
    seconds: i32,
    tags: BTreeMap<String, String>,
    transitive: BTreeSet<String>,
}

fn assume(
    model: &Catalog,
    caller: &Caller,
    input: &AssumeRoleInput,
    language: Language,
    trace: &mut Trace,
) -> Result<Assumed, StsRefusal> {
    let role_arn = input.role_arn().unwrap_or_default();
    let denied = |why: String| {
        refuse(
            "AccessDenied",
            403,
            format!(
                "User: {} is not authorized to perform: sts:AssumeRole on resource: {role_arn}: {why}",
                caller.arn()
            ),
        )
    };
    let Some(role) = model.model.find_role(role_arn) else {
        trace.push(format!("role: none: {role_arn} is no role of this lake"));
        return Err(denied(format!(
            "the lake has no such role; {}",
            hint(
                language,
                format!("add it with Lake::builder().role(Role::new(\"{role_arn}\").trusts(\"{}\"))", caller.arn()),
                format!(
                    "add it to the lake's \"Roles\": [{{\"Arn\": \"{role_arn}\", \"TrustedPrincipals\": [\"{}\"]}}]",
                    caller.arn()
                ),
            )
        )));
    };
    let trusted = match caller {
        Caller::Principal(p) => role.trusts_principal(&p.arn),
        Caller::Session(s) => role.trusts_principal(&s.arn) || role.trusts_principal(&s.role_arn),
    };
    if !trusted {
        trace.push(format!("trust: {} does not trust {}", role.arn, caller.arn()));
        let trustee = match caller {
            Caller::Principal(p) => p.arn.clone(),
            Caller::Session(s) => s.role_arn.clone(),
        };
        return Err(denied(format!(
            "the role's trust policy does not name the caller; {}",
            hint(
                language,
                format!("trust it with Role::new(\"{role_arn}\").trusts(\"{trustee}\")"),
                format!("add \"{trustee}\" to the role's \"TrustedPrincipals\""),
            )
        )));
    }
    trace.push(format!("trust: {} trusts {}", role.arn, caller.arn()));
    if let Some(required) = &role.external_id
        && input.external_id() != Some(required.as_str())
    {
        trace.push("trust: the role requires an ExternalId the request does not match");
        let sent = input.external_id().map_or("none".to_owned(), |id| format!("`{id}`"));
        return Err(denied(format!(
            "the role's trust policy requires an ExternalId and the request sent {sent}; {}",
            hint(
                language,
                "send the role's external id (.external_id(..) on assume_role())".to_owned(),
                "send the role's \"ExternalId\" as ExternalId".to_owned(),
            )
        )));
    }
    let chained = matches!(caller, Caller::Session(_));
    let seconds = match input.duration_seconds() {
        Some(seconds) if chained && seconds > CHAINED_MAX_SECONDS => {
            trace.push(format!("duration: {seconds} seconds requested by a session (role chaining caps it at 3600)"));
            return Err(refuse(
                "ValidationError",
                400,
                format!(
                    "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining: \
                     {seconds} seconds were requested by session {}; ask for DurationSeconds of 3600 or less.",
                    caller.arn()
                ),
            ));
        }
        Some(seconds) if seconds > role.max_session_duration => {
            trace.push(format!("duration: {seconds} seconds requested, more than the role's MaxSessionDuration"));
            return Err(refuse(
                "ValidationError",
                400,
                format!(
                    "The requested DurationSeconds exceeds the MaxSessionDuration set for this role: {seconds} seconds \
                     requested, {} allowed; ask for less, or {}.",
                    role.max_session_duration,
                    hint(
                        language,
                        format!("raise it with Role::new(\"{role_arn}\").max_session_duration({seconds})"),
                        format!("raise the role's \"MaxSessionDuration\" to {seconds}"),
                    )
                ),
            ));
        }
        Some(seconds) => seconds,
        None => DEFAULT_SECONDS.min(role.max_session_duration),
    };
    trace.push(format!("duration: {seconds} seconds"));
    let mut tags = BTreeMap::new();
    let mut transitive = BTreeSet::new();
    if let Caller::Session(session) = caller {
        for key in &session.transitive_tag_keys {
            if let Some(value) = session.tags.get(key) {
                tags.insert(key.clone(), value.clone());
                transitive.insert(key.clone());
            }
        }
    }
    for tag in input.tags() {
        if transitive.iter().any(|key| key.eq_ignore_ascii_case(tag.key())) {
            trace.push(format!("tags: {} is a transitive tag of the calling session", tag.key()));
            return Err(refuse(
                "ValidationError",
                400,
                format!(
                    "The session tag {} is transitive from the calling session and cannot be overridden; leave it out \
                     of Tags (the chained session carries it).",
                    tag.key()
                ),
            ));
        }
        tags.insert(tag.key().to_owned(), tag.value().to_owned());
    }
    transitive.extend(input.transitive_tag_keys().iter().cloned());
    let session_name = input.role_session_name().unwrap_or_default().to_owned();
    Ok(Assumed { role: role.clone(), session_name, seconds, tags, transitive })
}

fn issue(
    lake: &LakeInner,
    assumed: Assumed,
    caller: &Caller,
    call: Call<'_>,
    now: SystemTime,
    mut trace: Trace,
) -> Reply {
    let issued_at = whole_second(now);
    let Some(expires_at) = issued_at.checked_add(Duration::from_secs(assumed.seconds as u64)) else {
        let refusal = refuse(
            "ValidationError",
            400,
            "The calling client's clock is out of range; give it a time near the present.",
        );
        return refused(refusal, trace);
    };
    let role = &assumed.role;
    let role_name = role.name().unwrap_or_default();
    let mut parts = role.arn.splitn(6, ':');
    let partition = parts.nth(1).unwrap_or("aws");
    let account = super::arn::account_of(&role.arn).unwrap_or_default();
    let arn = format!("arn:{partition}:sts::{account}:assumed-role/{role_name}/{}", assumed.session_name);
    let assumed_role_id = format!("{}:{}", unique_id("AROA", &role.arn), assumed.session_name);
    let keys = lake.draw_keys(|key| lake.sessions().find(key).is_some());
    let session = Session {
        access_key_id: keys.access_key_id().to_owned(),
        secret_access_key: keys.secret_access_key().to_owned(),
        session_token: keys.session_token().to_owned(),
        role_arn: role.arn.clone(),
        arn: arn.clone(),
        assumed_role_id: assumed_role_id.clone(),
        session_name: assumed.session_name,
        tags: assumed.tags,
        transitive_tag_keys: assumed.transitive,
        caller_arn: caller.arn().to_owned(),
        caller_access_key_id: call.access_key_id.unwrap_or_default().to_owned(),
        issued_at,
        expires_at,
        chained: matches!(caller, Caller::Session(_)),
    };
    let credentials = Credentials::builder()
        .access_key_id(keys.access_key_id())
        .secret_access_key(keys.secret_access_key())
        .session_token(keys.session_token())
        .expiration(DateTime::from(expires_at))
        .build();
    let user = AssumedRoleUser::builder().arn(arn.clone()).assumed_role_id(assumed_role_id).build();
    let (Ok(credentials), Ok(user)) = (credentials, user) else {
        return refused(
            refuse("InternalFailure", 500, "lakeformation-mock could not build the AssumeRole answer"),
            trace,
        );
    };
    trace.push(format!("answer: issued session {arn} as {} for {} seconds", keys.access_key_id(), assumed.seconds));
    lake.sessions().record(session);
    #[allow(deprecated)] // STS still sends PackedPolicySize
    let output =
        AssumeRoleOutput::builder().credentials(credentials).assumed_role_user(user).packed_policy_size(0).build();
    Reply::traced_sts(crate::services::sts::StsOutput::AssumeRole(output), trace)
}

/// The session that signs a Lake Formation or Glue request, as the caller those services see;
/// the reply that refuses an expired one (`ExpiredTokenException`, as those services send it).
pub(super) fn session_caller(lake: &LakeInner, call: Call<'_>, now: SystemTime) -> Result<Option<Principal>, Reply> {
    let Some(session) = call.access_key_id.and_then(|key| lake.session(key)) else { return Ok(None) };
    if session.is_valid_at(now) {
        return Ok(Some(session.principal()));
    }
    let mut trace = Trace::default();
    trace.push(format!("principal: access key id {} is session {}, expired", session.access_key_id, session.arn));
    let message = format!("{EXPIRED}: session {} expired; {}.", session.arn, refresh(call.language));
    trace.push(format!("answer: refused with ExpiredTokenException (status 400): {message}"));
    Err(Reply::refused(ServiceError::custom("ExpiredTokenException", Some(message), 400), trace))
}

#[cfg(test)]
mod tests {
    #[test]
    fn unique_ids_are_stable_and_distinct() {
        let a = super::unique_id("AROA", "arn:aws:iam::123456789012:role/a");
        assert_eq!(a, super::unique_id("AROA", "arn:aws:iam::123456789012:role/a"));
        assert_ne!(a, super::unique_id("AROA", "arn:aws:iam::123456789012:role/b"));
        assert_eq!(a.len(), 20);
        assert!(a.starts_with("AROA"));
    }
}
