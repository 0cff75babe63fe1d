//! Which location: a registered location covers the one asked for and is in the lake's region,
//! and the tables associated with a data location.

use super::outcome::{Call, Refusal, refuse};
use super::wording::bracketed;
use crate::ErrorCode;
use crate::explain::hints;
use crate::explain::trace::Trace;
use crate::lake::catalog::Catalog;
use crate::lake::model::{LakeModel, Location, Table};
use crate::lake::s3::S3Uri;

/// A registered location covers `location` and is in the lake's region: else refused with
/// [`Behavior::unregistered_location_error`](crate::lake::Behavior::unregistered_location_error) or [`Behavior::other_region_location_error`](crate::lake::Behavior::other_region_location_error).
/// `what` names the location in messages and the trace (`s3://… of partition […] of table …`).
pub(super) fn registered_in_lake_region(
    lake: &Catalog,
    call: Call<'_>,
    location: &str,
    what: &str,
    trace: &mut Trace,
) -> Result<(), Refusal> {
    match registration(lake, location, what, trace)? {
        Some(_) => Ok(()),
        None => Err(unregistered(&lake.model, call, what, S3Uri::parse(location).as_ref(), trace)),
    }
}

/// The registered location that covers `location` (`what` in messages and the trace), if any;
/// refused with [`Behavior::other_region_location_error`](crate::lake::Behavior::other_region_location_error) when it is in another region than the
/// lake's. Glue and vending decide with it alike: `None` is a location Lake Formation does not
/// govern (Glue answers `IsRegisteredWithLakeFormation: false`, vending refuses with
/// [`Behavior::unregistered_location_error`](crate::lake::Behavior::unregistered_location_error)).
pub(crate) fn registration<'m>(
    lake: &'m Catalog,
    location: &str,
    what: &str,
    trace: &mut Trace,
) -> Result<Option<&'m Location>, Refusal> {
    let Some(uri) = S3Uri::parse(location) else { return Ok(None) };
    let Some(registration) = lake.registered_covering(&uri).first().copied() else { return Ok(None) };
    in_lake_region(&lake.model, registration, what, trace)?;
    Ok(Some(registration))
}

/// The refusal of location `what` (at `uri`), which no registered location covers: with the
/// registered ones in the trace, and how to register its bucket in the message.
pub(super) fn unregistered(
    model: &LakeModel,
    call: Call<'_>,
    what: &str,
    uri: Option<&S3Uri<'_>>,
    trace: &mut Trace,
) -> Refusal {
    let all: Vec<&str> = model.locations.iter().map(|r| r.uri.as_str()).collect();
    trace.push(format!("location {what}: no registered location covers it (registered: {})", bracketed(all)));
    let mut message = format!("Location {what} is not registered with Lake Formation");
    if let Some(uri) = uri {
        message.push_str(&format!(": {}", hints::register_location(call.language, &format!("s3://{}/", uri.bucket))));
    }
    message.push('.');
    refuse(model.behavior.unregistered_location_error, message)
}

/// The registered location that covers location `what` is in the lake's region: else refused
/// with [`Behavior::other_region_location_error`](crate::lake::Behavior::other_region_location_error).
pub(super) fn in_lake_region(
    model: &LakeModel,
    registration: &Location,
    what: &str,
    trace: &mut Trace,
) -> Result<(), Refusal> {
    let region = registration.region.as_deref().unwrap_or(&model.region);
    trace.push(
        ["location ", what, ": registered location ", &registration.uri, " (region ", region, ") covers it"].concat(),
    );
    if region != model.region {
        return Err(refuse(
            model.behavior.other_region_location_error,
            format!(
                "Location {what} is registered in region {region}, but this call is answered in region {}.",
                model.region
            ),
        ));
    }
    Ok(())
}

/// The tables associated with `location` (see the module documentation).
pub(super) fn associated_tables<'m>(
    lake: &'m Catalog,
    location: &str,
    uri: &S3Uri<'_>,
    trace: &mut Trace,
) -> Result<Vec<&'m Table>, Refusal> {
    let owners = lake.tables_covering(uri);
    if owners.len() > 1 {
        let names: Vec<String> = owners.iter().map(ToString::to_string).collect();
        return Err(refuse(
            ErrorCode::Conflict,
            format!("Location {location} is shared by several tables: {}.", names.join(", ")),
        ));
    }
    if let [owner] = owners.as_slice() {
        trace.push(format!("location {location}: within table {owner} at {}", owner.location));
        return Ok(owners);
    }
    let below = lake.tables_under(uri);
    if below.is_empty() {
        return Err(refuse(
            lake.model.behavior.location_without_table_error,
            format!("No Glue table is associated with location {location}."),
        ));
    }
    let names: Vec<String> = below.iter().map(ToString::to_string).collect();
    trace.push(format!("location {location}: holds tables {} (each one is checked)", names.join(", ")));
    Ok(below)
}
