//! STS's requests: a form-encoded body (`Action=AssumeRole&Version=2011-06-15&RoleArn=..`,
//! lists as `Tags.member.N.Key`), read with `form_urlencoded` into the SDK's typed inputs.

use crate::record::input::StsInput;
use crate::services::input_error::InputError;
use crate::services::operation::StsOperation;
use aws_sdk_sts::operation::assume_role::AssumeRoleInput;
use aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityInput;
use aws_sdk_sts::types::{PolicyDescriptorType, ProvidedContext, Tag};
use std::collections::BTreeMap;

/// The `Action` a form body names.
pub(super) fn action(body: &[u8]) -> Option<String> {
    form_urlencoded::parse(body).find(|(name, _)| name == "Action").map(|(_, value)| value.into_owned())
}

/// Why a body cannot be read as `operation`'s input.
fn malformed(operation: StsOperation, message: impl Into<String>) -> InputError {
    InputError::Malformed { operation: operation.name().to_owned(), message: message.into(), line: 1, column: 1 }
}

/// A list parameter's members (`Prefix.member.N` or `Prefix.member.N.Field`), by position N
/// (1, 2, ...), each with its fields (`""` for a member that is a plain value).
type Members = BTreeMap<u32, BTreeMap<String, String>>;

/// The parameters of a body: plain ones by name, list ones by their prefix.
#[derive(Default)]
struct Params {
    plain: BTreeMap<String, String>,
    lists: BTreeMap<String, Members>,
}

fn params(operation: StsOperation, body: &[u8]) -> Result<Params, InputError> {
    let mut params = Params::default();
    for (name, value) in form_urlencoded::parse(body) {
        if let Some((prefix, rest)) = name.split_once(".member.") {
            let (position, field) = rest.split_once('.').unwrap_or((rest, ""));
            let position: u32 = position
                .parse()
                .ok()
                .filter(|&n| n > 0)
                .ok_or_else(|| malformed(operation, format!("`{name}` does not number its list member from 1")))?;
            let members = params.lists.entry(prefix.to_owned()).or_default();
            members.entry(position).or_default().insert(field.to_owned(), value.into_owned());
        } else {
            params.plain.insert(name.into_owned(), value.into_owned());
        }
    }
    Ok(params)
}

impl Params {
    fn take(&mut self, name: &str) -> Option<String> {
        self.plain.remove(name)
    }

    fn integer(&mut self, operation: StsOperation, name: &str) -> Result<Option<i32>, InputError> {
        match self.take(name) {
            None => Ok(None),
            Some(text) => text
                .parse()
                .map(Some)
                .map_err(|_| malformed(operation, format!("`{name}` must be an integer, found `{text}`"))),
        }
    }

    fn members(&mut self, prefix: &str) -> Option<Vec<BTreeMap<String, String>>> {
        self.lists.remove(prefix).map(|members| members.into_values().collect())
    }
}

/// `operation`'s typed input, from its form body.
pub(super) fn parse_input(operation: StsOperation, body: &[u8]) -> Result<StsInput, InputError> {
    let mut params = params(operation, body)?;
    match operation {
        StsOperation::GetCallerIdentity => Ok(StsInput::GetCallerIdentity(
            GetCallerIdentityInput::builder().build().map_err(|e| malformed(operation, e.to_string()))?,
        )),
        StsOperation::AssumeRole => assume_role(operation, &mut params).map(|i| StsInput::AssumeRole(Box::new(i))),
    }
}

fn assume_role(operation: StsOperation, params: &mut Params) -> Result<AssumeRoleInput, InputError> {
    let tags =
        match params.members("Tags") {
            None => None,
            Some(members) => Some(
                members
                    .into_iter()
                    .map(|mut fields| {
                        Tag::builder().set_key(fields.remove("Key")).set_value(fields.remove("Value")).build().map_err(
                            |e| malformed(operation, format!("a member of `Tags` needs a Key and a Value ({e})")),
                        )
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        };
    let transitive = params
        .members("TransitiveTagKeys")
        .map(|members| members.into_iter().filter_map(|mut fields| fields.remove("")).collect::<Vec<_>>());
    let policy_arns = params.members("PolicyArns").map(|members| {
        members
            .into_iter()
            .map(|mut fields| PolicyDescriptorType::builder().set_arn(fields.remove("arn")).build())
            .collect::<Vec<_>>()
    });
    let contexts = params.members("ProvidedContexts").map(|members| {
        members
            .into_iter()
            .map(|mut fields| {
                ProvidedContext::builder()
                    .set_provider_arn(fields.remove("ProviderArn"))
                    .set_context_assertion(fields.remove("ContextAssertion"))
                    .build()
            })
            .collect::<Vec<_>>()
    });
    AssumeRoleInput::builder()
        .set_role_arn(params.take("RoleArn"))
        .set_role_session_name(params.take("RoleSessionName"))
        .set_policy_arns(policy_arns)
        .set_policy(params.take("Policy"))
        .set_duration_seconds(params.integer(operation, "DurationSeconds")?)
        .set_tags(tags)
        .set_transitive_tag_keys(transitive)
        .set_external_id(params.take("ExternalId"))
        .set_serial_number(params.take("SerialNumber"))
        .set_token_code(params.take("TokenCode"))
        .set_source_identity(params.take("SourceIdentity"))
        .set_provided_contexts(contexts)
        .set_minimum_session_token_size(params.integer(operation, "MinimumSessionTokenSize")?)
        .build()
        .map_err(|e| malformed(operation, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_assume_role_body_reads_into_the_sdk_input() {
        let body = b"Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fr\
                     &RoleSessionName=s&DurationSeconds=900&Tags.member.2.Key=b&Tags.member.2.Value=2\
                     &Tags.member.1.Key=a&Tags.member.1.Value=1&TransitiveTagKeys.member.1=a&ExternalId=x";
        assert_eq!(action(body).as_deref(), Some("AssumeRole"));
        let StsInput::AssumeRole(input) = parse_input(StsOperation::AssumeRole, body).unwrap() else { panic!() };
        assert_eq!(input.role_arn(), Some("arn:aws:iam::123456789012:role/r"));
        assert_eq!(input.duration_seconds(), Some(900));
        let keys: Vec<&str> = input.tags().iter().map(|t| t.key()).collect();
        assert_eq!(keys, ["a", "b"]);
        assert_eq!(input.transitive_tag_keys(), ["a"]);
        assert_eq!(input.external_id(), Some("x"));
    }

    #[test]
    fn a_non_integer_duration_is_malformed() {
        let body = b"Action=AssumeRole&DurationSeconds=soon";
        assert!(matches!(parse_input(StsOperation::AssumeRole, body), Err(InputError::Malformed { .. })));
        let body = b"Action=AssumeRole&Tags.member.0.Key=a";
        assert!(matches!(parse_input(StsOperation::AssumeRole, body), Err(InputError::Malformed { .. })));
    }
}
