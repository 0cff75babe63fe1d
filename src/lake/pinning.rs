//! Which pins apply to a call, and what they pin: the keys and `Expiration` the lake vends, and
//! the `QueryAuthorizationId` its Glue issues, fixed for a principal, a table or both (the pins
//! themselves are plain data of the model: [`Pin`]).

use super::arn;
use super::credentials::{Pinned, Purpose};
use super::model::{LakeModel, Pin, time_of};

/// Whether `pin` applies to a call of `principal_arn` on any of `tables` (ARNs).
fn applies(pin: &Pin, model: &LakeModel, principal_arn: &str, tables: &[String]) -> bool {
    if pin.principal.as_deref().is_some_and(|p| p != principal_arn) {
        return false;
    }
    match (&pin.database, &pin.table) {
        (Some(database), Some(name)) => {
            let arn = arn::table_arn(&model.partition, &model.region, &model.account_id, database, name);
            tables.contains(&arn)
        }
        _ => true,
    }
}

/// `value` if `slot` has none yet (the first pin that sets a value gives it).
fn fill<T: Clone>(slot: &mut Option<T>, value: &Option<T>) {
    if slot.is_none() {
        slot.clone_from(value);
    }
}

/// The values pinned for what `purpose` vends: each from the first pin, in the model's order,
/// that applies and sets it (one pass over the pins).
pub(crate) fn for_vending(model: &LakeModel, purpose: &Purpose) -> Pinned {
    let mut pinned = Pinned::default();
    let (who, tables) = (purpose.principal_arn.as_str(), purpose.tables.as_slice());
    for pin in model.pins.iter().filter(|p| applies(p, model, who, tables)) {
        fill(&mut pinned.access_key_id, &pin.access_key_id);
        fill(&mut pinned.secret_access_key, &pin.secret_access_key);
        fill(&mut pinned.session_token, &pin.session_token);
        if pinned.expiration.is_none() {
            pinned.expiration = pin.expiration.and_then(time_of);
        }
    }
    pinned
}

/// The `QueryAuthorizationId` pinned for `principal_arn` on the table `table_arn`.
#[cfg(feature = "glue")]
pub(crate) fn query_authorization_id(model: &LakeModel, principal_arn: &str, table_arn: &str) -> Option<String> {
    let tables = [table_arn.to_owned()];
    model
        .pins
        .iter()
        .filter(|p| applies(p, model, principal_arn, &tables))
        .find_map(|p| p.query_authorization_id.clone())
}
