//! Glue's `GetUnfilteredPartitionsMetadata` answered (feature `glue`): the table's partitions an
//! `Expression` and a `Segment` select, a page of them, each with what the caller may see.

use super::authorize::Authorized;
use super::shapes::storage;
use crate::Reply;
use crate::explain::hints::Language;
use crate::explain::trace::Trace;
use crate::lake::catalog::Catalog;
use crate::lake::decide::{self, Call, Refusal};
use crate::lake::model::Partition as LakePartition;
use crate::lake::refusal::refusal_reply;
use crate::lake::schema::Column;
use crate::script::reply::ReplyKind;
use crate::services::glue::GlueOutput;
use aws_sdk_glue::operation::get_unfiltered_partitions_metadata::{
    GetUnfilteredPartitionsMetadataInput, GetUnfilteredPartitionsMetadataOutput,
};
use aws_sdk_glue::types::{Partition, UnfilteredPartition};

/// The partitions an `Expression` of `key = 'value'` terms joined by `AND` selects; `Err` for an
/// expression the lake does not evaluate.
fn selects(expression: &str, keys: &[Column], values: &[String]) -> Result<bool, String> {
    let mut all = true;
    for term in expression.split(" AND ").flat_map(|t| t.split(" and ")) {
        let Some((key, value)) = term.split_once('=') else {
            return Err(term.trim().to_owned());
        };
        let (key, value) = (key.trim(), value.trim());
        let value = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')).unwrap_or(value);
        let Some(position) = keys.iter().position(|k| k.name == key) else {
            return Err(term.trim().to_owned());
        };
        all &= values.get(position).is_some_and(|v| v == value);
    }
    Ok(all)
}

/// The answer to a `GetUnfilteredPartitionsMetadata` request the caller is `authorized` for.
pub(super) fn partitions(
    lake: &Catalog,
    authorized: &Authorized<'_>,
    input: &GetUnfilteredPartitionsMetadataInput,
    call: Call<'_>,
    mut trace: Trace,
) -> Reply {
    let model = &lake.model;
    let schema = authorized.schema;
    let behavior = &model.behavior;
    let mut chosen = Vec::new();
    let keys = schema.partition_columns(authorized.table);
    for (i, partition) in authorized.table.partitions.iter().enumerate() {
        if let Some(segment) = input.segment()
            && i32::try_from(i).unwrap_or(i32::MAX) % segment.total_segments().max(1) != segment.segment_number()
        {
            continue;
        }
        if let Some(expression) = input.expression().filter(|e| !e.trim().is_empty()) {
            match selects(expression, &keys, &partition.values) {
                Ok(false) => continue,
                Ok(true) => {}
                Err(term) => {
                    let message = format!(
                        "The simulated lake evaluates only `key = 'value'` terms joined by AND on partition keys; it \
                         cannot evaluate `{term}` of Expression `{expression}`: {}.",
                        script_instead(call.language)
                    );
                    return refusal_reply(behavior, decide::invalid(message), trace);
                }
            }
        }
        chosen.push(partition);
    }
    let start = match input.next_token() {
        None => 0,
        Some(token) => match token.strip_prefix("lakeformation-mock-partitions-").and_then(|n| n.parse().ok()) {
            Some(n) if n <= chosen.len() => n,
            _ => {
                let message = format!("Invalid NextToken: {token}");
                return refusal_reply(behavior, decide::invalid(message), trace);
            }
        },
    };
    // A table Lake Formation does not govern has no governed partition: nothing to decide.
    let registered = if authorized.registered {
        match governed(lake, authorized, &chosen, &mut trace) {
            Ok(registered) => registered,
            Err(refusal) => return refusal_reply(behavior, refusal, trace),
        }
    } else {
        vec![false; chosen.len()]
    };
    let ungoverned = registered.iter().filter(|r| !**r).count();
    if authorized.registered && ungoverned > 0 {
        trace.push(format!(
            "partitions: {ungoverned} of {} selected under no registered location (IsRegisteredWithLakeFormation false)",
            chosen.len()
        ));
    }
    let page = usize::try_from(input.max_results().unwrap_or(1000)).unwrap_or(1000);
    let end = (start + page).min(chosen.len());
    let listed: Vec<UnfilteredPartition> = chosen[start..end]
        .iter()
        .zip(&registered[start..end])
        .map(|(p, &registered)| {
            let partition = Partition::builder()
                .set_values(Some(p.values.clone()))
                .database_name(&authorized.table.database)
                .table_name(&authorized.table.name)
                .catalog_id(&model.account_id)
                .storage_descriptor(storage(schema, &p.location))
                .build();
            UnfilteredPartition::builder()
                .partition(partition)
                .set_authorized_columns(authorized.columns.clone().filter(|_| registered))
                .is_registered_with_lake_formation(registered)
                .build()
        })
        .collect();
    trace.push(format!(
        "answer: GetUnfilteredPartitionsMetadata output: partitions {} to {} of {} selected",
        start,
        end,
        chosen.len()
    ));
    let output = GetUnfilteredPartitionsMetadataOutput::builder()
        .set_unfiltered_partitions(Some(listed))
        .set_next_token((end < chosen.len()).then(|| format!("lakeformation-mock-partitions-{end}")))
        .build();
    Reply::traced(ReplyKind::Glue(GlueOutput::PartitionsMetadata(Box::new(output))), Some(trace))
}

/// Whether each partition of `chosen` is under a registered location, decided as partition
/// vending decides it; else the refusal of the first one vending refuses, its steps in `trace`.
fn governed(
    lake: &Catalog,
    authorized: &Authorized<'_>,
    chosen: &[&LakePartition],
    trace: &mut Trace,
) -> Result<Vec<bool>, Refusal> {
    let mut registered = Vec::with_capacity(chosen.len());
    for partition in chosen {
        let what = decide::partition_location(partition, authorized.table);
        // The steps of the partitions the lake governs stay out of the trace: one per partition.
        let mut steps = Trace::default();
        match decide::registration(lake, &partition.location, &what, &mut steps) {
            Ok(found) => registered.push(found.is_some()),
            Err(refusal) => {
                for step in steps.steps() {
                    trace.push(step.clone());
                }
                return Err(refusal);
            }
        }
    }
    Ok(registered)
}

/// How to answer a partitions request the lake cannot evaluate, in `language`.
fn script_instead(language: Language) -> &'static str {
    match language {
        Language::Rust => {
            "mount a rule for this request on the mock \
             (Rule::unfiltered_partitions_metadata().respond_with(GetUnfilteredPartitionsMetadataOutput::builder()...build()))"
        }
        Language::Fixture => {
            "add a rule for this request to the fixture's \"rules\" ({\"operation\": \"GetUnfilteredPartitionsMetadata\", \
             \"match\": {..}, \"responses\": [..]})"
        }
    }
}
