//! STS's model constraints on `AssumeRole`'s input (botocore's `sts/2011-06-15`): what the
//! service refuses with `ValidationError` before it looks at the role. Each message is STS's
//! own wording (`1 validation error detected: Value .. at '..' failed to satisfy constraint: ..`)
//! followed by what to send instead.

use crate::record::input::StsInput;
use aws_sdk_sts::operation::assume_role::AssumeRoleInput;

/// The shortest and longest session STS issues, in seconds.
pub(crate) const DURATION_RANGE: std::ops::RangeInclusive<i32> = 900..=43_200;
/// The most session tags one `AssumeRole` may pass.
pub(crate) const MAX_TAGS: usize = 50;

/// Checks `input` against STS's model; the error is the `ValidationError` message.
pub(super) fn validate(input: &StsInput) -> Result<(), String> {
    match input {
        StsInput::AssumeRole(input) => assume_role(input),
        StsInput::GetCallerIdentity(_) => Ok(()),
    }
}

/// STS's wording of one failed constraint, then the fix.
fn failed(value: &str, member: &str, constraint: &str, fix: &str) -> String {
    let value = crate::explain::echo::capped_quotes(value);
    format!(
        "1 validation error detected: Value {value} at '{member}' failed to satisfy constraint: {constraint}. {fix}"
    )
}

fn is_session_name_char(c: char) -> bool {
    c.is_alphanumeric() || "_+=,.@-".contains(c)
}

fn is_external_id_char(c: char) -> bool {
    c.is_alphanumeric() || "_+=,.@:/-".contains(c)
}

fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c.is_whitespace() || "_.:/=+-@".contains(c)
}

fn assume_role(input: &AssumeRoleInput) -> Result<(), String> {
    let Some(role_arn) = input.role_arn() else {
        return Err(failed(
            "null",
            "roleArn",
            "Member must not be null",
            "Send RoleArn, the ARN of the role to assume.",
        ));
    };
    if !(20..=2048).contains(&role_arn.len()) {
        return Err(failed(
            role_arn,
            "roleArn",
            "Member must have length between 20 and 2048",
            "Send the role's whole ARN, arn:aws:iam::<account>:role/<name>.",
        ));
    }
    let Some(name) = input.role_session_name() else {
        return Err(failed(
            "null",
            "roleSessionName",
            "Member must not be null",
            "Send RoleSessionName, 2 to 64 characters of letters, digits and _+=,.@-.",
        ));
    };
    let length = name.chars().count();
    if !(2..=64).contains(&length) {
        return Err(failed(
            name,
            "roleSessionName",
            &format!("Member must have length between 2 and 64 (it has {length})"),
            "Send a RoleSessionName of 2 to 64 characters.",
        ));
    }
    if !name.chars().all(is_session_name_char) {
        return Err(failed(
            name,
            "roleSessionName",
            "Member must satisfy regular expression pattern: [\\w+=,.@-]*",
            "Send a RoleSessionName of letters, digits and _+=,.@- only.",
        ));
    }
    if let Some(seconds) = input.duration_seconds()
        && !DURATION_RANGE.contains(&seconds)
    {
        let (constraint, fix) = if seconds < *DURATION_RANGE.start() {
            ("Member must have value greater than or equal to 900", "Ask for DurationSeconds of 900 or more.")
        } else {
            ("Member must have value less than or equal to 43200", "Ask for DurationSeconds of 43200 or less.")
        };
        return Err(failed(&seconds.to_string(), "durationSeconds", constraint, fix));
    }
    if let Some(id) = input.external_id()
        && (!(2..=1224).contains(&id.chars().count()) || !id.chars().all(is_external_id_char))
    {
        return Err(failed(
            id,
            "externalId",
            "Member must have length between 2 and 1224 and satisfy regular expression pattern: [\\w+=,.@:\\/-]*",
            "Send the ExternalId the role's trust policy names.",
        ));
    }
    if let Some(policy) = input.policy()
        && !(1..=2048).contains(&policy.chars().count())
    {
        return Err(failed(
            policy,
            "policy",
            "Member must have length between 1 and 2048",
            "Send a session Policy of at most 2048 characters, or none.",
        ));
    }
    tags(input)
}

fn tags(input: &AssumeRoleInput) -> Result<(), String> {
    let tags = input.tags();
    if tags.len() > MAX_TAGS {
        return Err(failed(
            &format!("{} tags", tags.len()),
            "tags",
            "Member must have length less than or equal to 50",
            "Pass at most 50 session Tags.",
        ));
    }
    for (i, tag) in tags.iter().enumerate() {
        let key = tag.key();
        if !(1..=128).contains(&key.chars().count()) || !key.chars().all(is_tag_char) {
            return Err(failed(
                key,
                &format!("tags.{}.member.key", i + 1),
                "Member must have length between 1 and 128 and satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+",
                "Give each session tag a Key of 1 to 128 letters, digits, spaces and _.:/=+-@.",
            ));
        }
        let value = tag.value();
        if value.chars().count() > 256 || !value.chars().all(is_tag_char) {
            return Err(failed(
                value,
                &format!("tags.{}.member.value", i + 1),
                "Member must have length less than or equal to 256 and satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*",
                "Give each session tag a Value of at most 256 letters, digits, spaces and _.:/=+-@.",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str) -> StsInput {
        StsInput::AssumeRole(Box::new(
            AssumeRoleInput::builder()
                .role_arn("arn:aws:iam::123456789012:role/r")
                .role_session_name(name)
                .build()
                .unwrap(),
        ))
    }

    #[test]
    fn session_names_follow_the_model() {
        assert!(validate(&input("engine-1@x.y,z=+_")).is_ok());
        assert!(validate(&input("a")).unwrap_err().contains("length between 2 and 64"));
        assert!(validate(&input(&"a".repeat(65))).is_err());
        assert!(validate(&input("has space")).unwrap_err().contains("regular expression"));
    }
}
