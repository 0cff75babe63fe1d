//! Who is the caller: the request was sent to the lake's region, it is signed by a principal
//! the lake knows, and the duration it asks for is within that principal's maximum session.

use super::outcome::{ACCESS_NOT_ALLOWED, Call, Refusal, invalid, refuse};
use crate::ErrorCode;
use crate::explain::hints;
use crate::explain::trace::Trace;
use crate::lake::catalog::Catalog;
use crate::lake::model::{LakeModel, Principal};

/// The request was sent to the lake's region (the region of its SigV4 credential scope, else of
/// its endpoint host); a request that names no region is not refused for it.
pub(crate) fn same_region(model: &LakeModel, call: Call<'_>, trace: &mut Trace) -> Result<(), Refusal> {
    match call.region {
        Some(region) if region != model.region => {
            trace.push(format!("region: the request was sent to {region}, but the lake is in {}", model.region));
            Err(refuse(
                model.behavior.other_region_request_error,
                format!(
                    "This request was sent to region {region}, but this lake is in {lake}: {}.",
                    hints::same_region(call.language, region, &model.region),
                    lake = model.region
                ),
            ))
        }
        Some(region) => {
            trace.push(["region: the request was sent to ", region, ", the lake's region"].concat());
            Ok(())
        }
        None => {
            trace.push("region: the request names no region, so none is checked");
            Ok(())
        }
    }
}

/// The caller, from the access key id the request was signed with.
pub(crate) fn caller<'m>(lake: &'m Catalog, call: Call<'m>, trace: &mut Trace) -> Result<&'m Principal, Refusal> {
    let model = &lake.model;
    let Some(key) = call.access_key_id else {
        trace.push("principal: none: the request is not signed, so no access key id names a caller");
        return Err(refuse(ErrorCode::AccessDenied, format!("{ACCESS_NOT_ALLOWED} The request is not signed.")));
    };
    let found = lake.principal(key);
    // sts: a session the lake issued is its role, with the session's tags (src/lake/sts.rs)
    #[cfg(feature = "sts")]
    let found = found.or(call.session);
    let Some(principal) = found else {
        trace.push(format!("principal: none: access key id {key} belongs to no principal of this lake"));
        return Err(refuse(
            ErrorCode::AccessDenied,
            format!(
                "{ACCESS_NOT_ALLOWED} The request is signed with access key id {key}, which is no principal of this \
                 lake: {}.",
                hints::add_principal(call.language, key, &model.account_id)
            ),
        ));
    };
    let tags = if principal.session_tags.is_empty() {
        "no session tag".to_owned()
    } else {
        let tags: Vec<String> = principal.session_tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!("session tags {}", tags.join(", "))
    };
    // sts: say that the caller is a session, whose grants are its role's
    #[cfg(feature = "sts")]
    let tags = if lake.principal(key).is_none() { format!("an STS session of the role, {tags}") } else { tags };
    trace.push(["principal: access key id ", key, " is ", &principal.arn, " (", &tags, ")"].concat());
    Ok(principal)
}

/// The duration vended: the requested one, or the default (at most the caller's maximum session
/// duration), shortened to the vending cap if there is one. A requested duration above the
/// caller's maximum session duration is refused, not shortened.
pub(super) fn duration(
    model: &LakeModel,
    principal: &Principal,
    requested: Option<i32>,
    trace: &mut Trace,
) -> Result<i32, Refusal> {
    let max = principal.max_session_duration_seconds.or(model.behavior.max_session_duration_seconds);
    let (seconds, how) = match (requested, max) {
        (Some(seconds), Some(max)) if seconds > max => {
            trace.push(format!(
                "duration: {seconds} seconds requested, more than the maximum session duration of the principal \
                 ({max} seconds)"
            ));
            return Err(invalid(format!(
                "The requested DurationSeconds {seconds} exceeds the maximum session duration of principal {} \
                 ({max} seconds); durations are not shortened: ask for {max} seconds or less.",
                principal.arn
            )));
        }
        (Some(seconds), _) => (seconds, "requested"),
        (None, max) => (
            max.map_or(model.behavior.default_duration_seconds, |max| model.behavior.default_duration_seconds.min(max)),
            "the default, DurationSeconds not given",
        ),
    };
    match model.behavior.vended_duration_cap_seconds {
        Some(cap) if seconds > cap => {
            trace.push(format!("duration: {cap} seconds ({how}: {seconds}, shortened to the vending cap)"));
            Ok(cap)
        }
        _ => {
            trace.push(format!("duration: {seconds} seconds ({how})"));
            Ok(seconds)
        }
    }
}
