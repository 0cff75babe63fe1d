//! Who may do what at the mock's S3: s3s's `S3Auth` (the secret of an access key, from the
//! lake) and `S3Access` (the session token, the lease under the mock's clock, and the scope of
//! the key), over one request's [`Context`].

use super::context::Context;
use super::operation::S3Operation;
use crate::explain::hints::Language;
use crate::lake::s3_access::{KeyOrigin, S3Key};
use crate::services::sigv4::amz_date;
use aws_smithy_types::DateTime;
use s3s::access::{S3Access, S3AccessContext};
use s3s::auth::{S3Auth, SecretKey};
use s3s::dto::{CopyObjectInput, CopySource, DeleteObjectsInput, ListObjectsV2Input};
use s3s::path::S3Path;
use s3s::{S3Error, S3ErrorCode, S3Request, S3Result};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// The largest difference S3 accepts between a request's `X-Amz-Date` and its own clock.
const MAX_SKEW: Duration = Duration::from_secs(15 * 60);

/// The operations a `READ` key may call (beyond them, the lake's `Behavior` may allow more).
const READS: [S3Operation; 3] = [S3Operation::GetObject, S3Operation::HeadObject, S3Operation::ListObjectsV2];

/// s3s's `S3Auth` and `S3Access` for one request.
pub(crate) struct Guard(pub(crate) Arc<Context>);

#[async_trait::async_trait]
impl S3Auth for Guard {
    async fn get_secret_key(&self, access_key: &str) -> S3Result<SecretKey> {
        let cx = &self.0;
        cx.seen().access_key_id = Some(access_key.to_owned());
        let Some(lake) = &cx.lake else {
            let fix = match cx.language {
                Language::Rust => "set a lake on the mock (MockLakeFormation::with_lake) and sign with keys it vends",
                Language::Fixture => "give the fixture a \"lake\" and sign with keys it vends",
            };
            return Err(cx.refuse(
                S3ErrorCode::InvalidAccessKeyId,
                format!("the mock has no simulated lake, so no access key reaches its S3 ({access_key}): {fix}"),
            ));
        };
        match crate::lake::s3_access::s3_key(lake, access_key) {
            Some(key) => {
                cx.step(format!("access key {access_key}: {}", key.origin.describe()));
                let secret = SecretKey::from(key.secret_access_key.as_str());
                cx.seen().key = Some(key);
                Ok(secret)
            }
            None => Err(cx.refuse(
                S3ErrorCode::InvalidAccessKeyId,
                format!(
                    "the access key {access_key} is neither one the lake vended nor a principal's: sign with the \
                     AccessKeyId, SecretAccessKey and SessionToken the lake vended, or {}",
                    ambient_hint(cx.language, access_key)
                ),
            )),
        }
    }
}

/// How to give a principal S3 access of its own, in the user's terms.
fn ambient_hint(language: Language, access_key: &str) -> String {
    match language {
        Language::Rust => format!(
            "give the principal S3 access of its own: Principal::new(\"{access_key}\", arn).s3_access(\"s3://bucket/prefix/\", \
             S3Access::Read)"
        ),
        Language::Fixture => format!(
            "give the principal {{\"AccessKeyId\": \"{access_key}\", ...}} S3 access of its own: \"S3Access\": \
             {{\"s3://bucket/prefix/\": \"READ\"}}"
        ),
    }
}

/// How to give a role's sessions S3 access of their own, in the user's terms (feature `sts`).
#[cfg(feature = "sts")]
fn role_hint(language: Language, role_arn: &str) -> String {
    match language {
        Language::Rust => format!(
            "give the role S3 access of its own: Role::new(\"{role_arn}\").s3_access(\"s3://bucket/prefix/\", S3Access::Read)"
        ),
        Language::Fixture => format!(
            "give the role {{\"Arn\": \"{role_arn}\", ...}} in \"Roles\" S3 access of its own: \"S3Access\": \
             {{\"s3://bucket/prefix/\": \"READ\"}}"
        ),
    }
}

#[async_trait::async_trait]
impl S3Access for Guard {
    async fn check(&self, acx: &mut S3AccessContext<'_>) -> S3Result<()> {
        let cx = &self.0;
        let operation = S3Operation::from_name(acx.s3_op().name());
        let (bucket, object) = match acx.s3_path() {
            S3Path::Root => (None, None),
            S3Path::Bucket { bucket } => (Some(bucket.to_string()), None),
            S3Path::Object { bucket, key } => (Some(bucket.to_string()), Some(key.to_string())),
        };
        {
            let mut seen = cx.seen();
            seen.operation = Some(operation.clone());
            seen.bucket.clone_from(&bucket);
            seen.object.clone_from(&object);
        }
        if acx.credentials().is_none() {
            return Err(cx.refuse(
                S3ErrorCode::AccessDenied,
                format!(
                    "Access Denied: the {operation} request is anonymous (unsigned); sign it with keys the lake vended"
                ),
            ));
        }
        let key = cx.seen().key.clone().ok_or_else(|| S3Error::new(S3ErrorCode::InternalError))?;
        let query = acx.uri().query().unwrap_or_default();
        check_date(cx, acx.headers(), query)?;
        check_token(cx, &key, acx.headers(), query)?;
        if let Some(expires_at) = key.expires_at
            && cx.now >= expires_at
        {
            return Err(cx.refuse(
                S3ErrorCode::ExpiredToken,
                format!(
                    "The provided token has expired. lakeformation-mock: {} expired at {} (the mock's clock reads {}): \
                     vend new keys before Expiration",
                    key.origin.describe(),
                    DateTime::from(expires_at),
                    DateTime::from(cx.now)
                ),
            ));
        }
        let allowed = READS.contains(&operation)
            || cx.read_also_allows.iter().any(|name| name == operation.name())
            || (operation.writes() && key.reach.iter().any(|r| r.write));
        if !allowed {
            let what = bucket
                .as_deref()
                .map_or("s3://".to_owned(), |b| format!("s3://{b}/{}", object.as_deref().unwrap_or("")));
            return Err(cx.denied(&key, &operation, &what));
        }
        // An object's path is checked here; a listing's prefix, the keys of DeleteObjects and the
        // source of CopyObject when s3s has read them (below).
        if let (Some(bucket), Some(object)) = (&bucket, &object) {
            cx.reach(&key, &operation, &format!("s3://{bucket}/{object}"), operation.writes())?;
        } else if !matches!(operation, S3Operation::ListObjectsV2 | S3Operation::DeleteObjects) {
            let what = bucket.as_deref().map_or("s3://".to_owned(), |b| format!("s3://{b}"));
            cx.reach(&key, &operation, &what, operation.writes())?;
        }
        Ok(())
    }

    async fn list_objects_v2(&self, req: &mut S3Request<ListObjectsV2Input>) -> S3Result<()> {
        let cx = &self.0;
        let prefix = req.input.prefix.clone().unwrap_or_default();
        cx.seen().prefix = Some(prefix.clone());
        let key = cx.seen().key.clone().ok_or_else(|| S3Error::new(S3ErrorCode::InternalError))?;
        cx.reach(&key, &S3Operation::ListObjectsV2, &format!("s3://{}/{prefix}", req.input.bucket), false)
    }

    async fn delete_objects(&self, req: &mut S3Request<DeleteObjectsInput>) -> S3Result<()> {
        let cx = &self.0;
        let key = cx.seen().key.clone().ok_or_else(|| S3Error::new(S3ErrorCode::InternalError))?;
        for object in &req.input.delete.objects {
            cx.reach(&key, &S3Operation::DeleteObjects, &format!("s3://{}/{}", req.input.bucket, object.key), true)?;
        }
        Ok(())
    }

    async fn copy_object(&self, req: &mut S3Request<CopyObjectInput>) -> S3Result<()> {
        let cx = &self.0;
        let key = cx.seen().key.clone().ok_or_else(|| S3Error::new(S3ErrorCode::InternalError))?;
        match &req.input.copy_source {
            CopySource::Bucket { bucket, key: source, .. } => {
                cx.reach(&key, &S3Operation::CopyObject, &format!("s3://{bucket}/{source}"), false)
            }
            _ => Err(cx.refuse(
                S3ErrorCode::NotImplemented,
                "lakeformation-mock copies from bucket/key sources only, not from access points or outposts".to_owned(),
            )),
        }
    }
}

/// Refuses a request whose `X-Amz-Date` is more than 15 minutes from the signing clock
/// ([`Context::signing_now`]), as S3 does; a presigned URL past its `X-Amz-Expires`.
fn check_date(cx: &Context, headers: &http::HeaderMap, query: &str) -> S3Result<()> {
    let header = headers.get("x-amz-date").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let presigned = query_value(query, "X-Amz-Date");
    let Some(signed_at) = header.as_deref().or(presigned.as_deref()).and_then(amz_date) else { return Ok(()) };
    if let Some(expires) = query_value(query, "X-Amz-Expires").and_then(|s| s.parse::<u64>().ok()) {
        if cx.signing_now > signed_at + Duration::from_secs(expires) {
            return Err(cx.refuse(
                S3ErrorCode::AccessDenied,
                format!(
                    "Request has expired: the presigned URL was valid for {expires} seconds from {}",
                    DateTime::from(signed_at)
                ),
            ));
        }
        return Ok(());
    }
    let skew = cx.signing_now.duration_since(signed_at).unwrap_or_else(|e| e.duration());
    if skew > MAX_SKEW {
        return Err(cx.refuse(
            S3ErrorCode::RequestTimeTooSkewed,
            format!(
                "The difference between the request time and the current time is too large: signed at {}, the mock's \
                 clock reads {} (the client's time source in process, the system clock in server mode)",
                DateTime::from(signed_at),
                DateTime::from(cx.signing_now)
            ),
        ));
    }
    Ok(())
}

/// Why a presigned URL whose lease the client's clock has not seen end would still be refused:
/// s3s checks a presigned URL's `X-Amz-Expires` against the system clock, which a paused or
/// advanced client clock does not move. `None` when the system clock is within the lease too.
pub(super) fn presigned_past_the_system_clock(cx: &Context, query: &str) -> Option<String> {
    let signed_at = query_value(query, "X-Amz-Date").as_deref().and_then(amz_date)?;
    let expires = Duration::from_secs(query_value(query, "X-Amz-Expires")?.parse().ok()?);
    let system_now = SystemTime::now();
    let within = |now: SystemTime| now <= signed_at + expires;
    (within(cx.signing_now) && !within(system_now)).then(|| {
        format!(
            "Request has expired. lakeformation-mock: this URL was presigned at {} for {} seconds by a client whose              clock reads {}, but presigned URLs are checked (by s3s) against the system clock, which reads {}:              presign with a client on the system clock (a paused or advanced time source works for every other              request)",
            DateTime::from(signed_at),
            expires.as_secs(),
            DateTime::from(cx.signing_now),
            DateTime::from(system_now)
        )
    })
}

/// Refuses a request signed with a temporary key without its session token, or with another.
fn check_token(cx: &Context, key: &S3Key, headers: &http::HeaderMap, query: &str) -> S3Result<()> {
    let Some(expected) = &key.session_token else { return Ok(()) };
    let header = headers.get("x-amz-security-token").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let sent = header.or_else(|| query_value(query, "X-Amz-Security-Token"));
    let problem = match sent {
        None => "carries no X-Amz-Security-Token",
        Some(token) if token == *expected => return Ok(()),
        Some(_) => "carries another X-Amz-Security-Token than the one vended with it",
    };
    let origin = key.origin.describe();
    Err(cx.refuse(
        S3ErrorCode::InvalidToken,
        format!(
            "The provided token is malformed or otherwise invalid. lakeformation-mock: the request signed with {} ({origin}) \
             {problem}: pass the SessionToken the lake vended with the keys",
            key.access_key_id
        ),
    ))
}

/// The value of `name` in a query string, percent-decoded (SigV4 encodes every reserved byte,
/// so a `+` is a `+`, not a space).
fn query_value(query: &str, name: &str) -> Option<String> {
    let raw = query.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))?;
    Some(percent_encoding::percent_decode_str(raw).decode_utf8_lossy().into_owned())
}

impl Context {
    /// Refuses `operation` on `uri` unless `key` reaches it (for writing if `write`).
    pub(crate) fn reach(&self, key: &S3Key, operation: &S3Operation, uri: &str, write: bool) -> S3Result<()> {
        if key.reaches(uri, write) {
            self.step(format!("{operation} of {uri}: within {}", key.describe_reach()));
            return Ok(());
        }
        Err(self.denied(key, operation, uri))
    }

    /// `AccessDenied` for `operation` on `uri` with `key`: which key, which scope, which path,
    /// and the fix.
    fn denied(&self, key: &S3Key, operation: &S3Operation, uri: &str) -> S3Error {
        let origin = key.origin.describe();
        let reach = key.describe_reach();
        let reads_there = key.reaches(uri, false);
        let fix = match &key.origin {
            _ if operation.writes() && reads_there => "these keys are READ: write with keys vended READWRITE \
                 (GetTemporaryDataLocationCredentials with CredentialsScope READWRITE, or table credentials for a write \
                 permission)"
                .to_owned(),
            _ if !READS.contains(operation)
                && !operation.writes()
                && !self.read_also_allows.iter().any(|name| name == operation.name()) =>
            {
                format!(
                "{operation} is outside what vended keys may call (READ keys: GetObject, HeadObject, ListObjectsV2; \
                 READWRITE keys also PutObject, DeleteObject, DeleteObjects, multipart uploads and CopyObject); {}",
                crate::explain::hints::behavior_setting(self.language, "s3_read_also_allows([..])", "S3ReadAlsoAllows")
                    + " allows more"
                )
            }
            KeyOrigin::Principal { .. } if key.reach.is_empty() => {
                format!("read with the keys the lake vended, or {}", ambient_hint(self.language, &key.access_key_id))
            }
            #[cfg(feature = "sts")]
            KeyOrigin::Session { role_arn, .. } if key.reach.is_empty() => {
                format!("read with the keys the lake vended, or {}", role_hint(self.language, role_arn))
            }
            _ => format!("stay within {reach}, or vend keys for the table or location that holds {uri}"),
        };
        self.refuse(
            S3ErrorCode::AccessDenied,
            format!(
                "Access Denied. lakeformation-mock: {operation} of {uri} with {origin} (access key {}), which reach {reach}: \
                 {fix}",
                key.access_key_id
            ),
        )
    }
}
