//! Reading what a report needs from storage, scoped to one council.
//!
//! A cohort is found only among its council's cohorts, so a lead of one council asking for
//! another's cohort gets the same answer as for one that does not exist. Records are read only
//! through [`Storage::shared_records`] and [`Storage::baseline_records`], whose SQL leaves
//! private records out.

use std::collections::HashMap;

use serde::Serialize;
use shared::pack::Content;

use super::baseline::{self, Baseline, CouncilResults};
use super::cohort::CohortRef;
use super::learner::Learner;
use super::suppress::MinGroup;
use crate::storage::{Council, CouncilId, SharedRecord, Storage, StorageError, UserId};
use shared::progress::BaselineEntry;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// No cohort with that id in this council.
    #[error("no such cohort")]
    NoSuchCohort,
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// One of a council's cohorts, as the lead's list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CohortEntry {
    pub id: i64,
    pub name: String,
    /// The join code learners type.
    pub code: String,
    pub members: usize,
    /// Members who share their progress.
    pub sharing: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CouncilCohorts {
    pub council: String,
    pub min_group: u32,
    pub cohorts: Vec<CohortEntry>,
}

/// Each learner of a cohort, folded.
fn learners<S: Storage>(
    storage: &S,
    members: &[UserId],
    content: &Content,
) -> Result<Vec<Learner>, StorageError> {
    members
        .iter()
        .map(|&user| {
            let learner = Learner::fold(storage.shared_records(user)?, content);
            if learner.unreadable > 0 {
                tracing::warn!(
                    unreadable = learner.unreadable,
                    "a report left out records it could not read"
                );
            }
            Ok(learner)
        })
        .collect()
}

/// The council's cohorts, with how many members each has and how many share.
pub fn council_cohorts<S: Storage>(
    storage: &S,
    council: &Council,
    content: &Content,
    min: MinGroup,
) -> Result<CouncilCohorts, ReportError> {
    let mut cohorts = Vec::new();
    for cohort in storage
        .cohorts()?
        .into_iter()
        .filter(|c| c.council.id == council.id)
    {
        let members = storage.cohort_members(cohort.id)?;
        let sharing = learners(storage, &members, content)?
            .iter()
            .filter(|l| l.shares_progress())
            .count();
        cohorts.push(CohortEntry {
            id: cohort.id,
            name: cohort.name,
            code: cohort.code,
            members: members.len(),
            sharing,
        });
    }
    Ok(CouncilCohorts {
        council: council.name.clone(),
        min_group: min.get(),
        cohorts,
    })
}

/// A cohort of this council, with its learners folded.
pub fn cohort<S: Storage>(
    storage: &S,
    council: &Council,
    cohort: i64,
    content: &Content,
) -> Result<(CohortRef, Vec<Learner>), ReportError> {
    let found = storage
        .cohorts()?
        .into_iter()
        .find(|c| c.id == cohort && c.council.id == council.id)
        .ok_or(ReportError::NoSuchCohort)?;
    let members = storage.cohort_members(found.id)?;
    let learners = learners(storage, &members, content)?;
    Ok((
        CohortRef {
            id: found.id,
            name: found.name,
            council: found.council.name,
        },
        learners,
    ))
}

/// Learners with baseline records (all, or one council's), folded, with their council.
fn baseline_learners<S: Storage>(
    storage: &S,
    council: Option<CouncilId>,
    content: &Content,
) -> Result<Vec<(CouncilId, Learner)>, ReportError> {
    let mut by_user: HashMap<UserId, (CouncilId, Vec<SharedRecord>)> = HashMap::new();
    let records = match council {
        Some(council) => storage.council_baseline_records(council)?,
        None => storage.baseline_records()?,
    };
    for found in records {
        by_user
            .entry(found.user)
            .or_insert_with(|| (found.council, Vec::new()))
            .1
            .push(found.record);
    }
    Ok(by_user
        .into_values()
        .map(|(council, records)| (council, Learner::fold(records, content)))
        .collect())
}

/// The baseline of every council on the server, and, if given, this council beside it.
pub fn baseline<S: Storage>(
    storage: &S,
    council: Option<&Council>,
    content: &Content,
    min: MinGroup,
) -> Result<Baseline, ReportError> {
    let learners = baseline_learners(storage, None, content)?;
    let mut by_council: HashMap<CouncilId, Vec<&BaselineEntry>> = HashMap::new();
    for (id, learner) in &learners {
        if let Some(entry) = learner.baseline() {
            by_council.entry(*id).or_default().push(entry);
        }
    }
    let councils = storage.councils()?;
    let results: Vec<CouncilResults<'_>> = councils
        .iter()
        .map(|c| CouncilResults {
            name: &c.name,
            entries: by_council.remove(&c.id).unwrap_or_default(),
        })
        .collect();
    let target = council.and_then(|c| councils.iter().position(|k| k.id == c.id));
    Ok(baseline::build(&results, target, content, min))
}

/// How many of a council's learners in the baseline are at each stage: a cohort's summary
/// shows its own stage counts only when they are the council's (see [`super::cohort::summary`]).
pub fn council_stage_counts<S: Storage>(
    storage: &S,
    council: &Council,
    content: &Content,
) -> Result<Vec<u32>, ReportError> {
    let learners = baseline_learners(storage, Some(council.id), content)?;
    let (_, counts) = baseline::stage_counts(learners.iter().map(|(_, l)| l), content);
    Ok(counts)
}
