//! Reading what a report needs from storage, scoped to one council.
//!
//! A cohort is found only among its council's cohorts, so a lead of one council asking for
//! another's cohort gets the same answer as for one that does not exist. Records are read only
//! through [`Storage::shared_records`] and [`Storage::baseline_records`], whose SQL leaves
//! private records out.

use std::collections::HashMap;

use serde::Serialize;
use shared::pack::Content;

use super::baseline::{self, Baseline};
use super::cohort::CohortRef;
use super::learner::Learner;
use super::suppress::MinGroup;
use crate::storage::{Council, SharedRecord, Storage, StorageError, UserId};

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

/// The baseline of every council on the server, and, if given, this council beside it.
pub fn baseline<S: Storage>(
    storage: &S,
    council: Option<&Council>,
    content: &Content,
    min: MinGroup,
) -> Result<Baseline, ReportError> {
    let mut by_user: HashMap<UserId, (crate::storage::CouncilId, Vec<SharedRecord>)> =
        HashMap::new();
    for found in storage.baseline_records()? {
        by_user
            .entry(found.user)
            .or_insert_with(|| (found.council, Vec::new()))
            .1
            .push(found.record);
    }
    let folded: Vec<(crate::storage::CouncilId, Learner)> = by_user
        .into_values()
        .map(|(council, records)| (council, Learner::fold(records, content)))
        .collect();
    let all: Vec<_> = folded.iter().filter_map(|(_, l)| l.baseline()).collect();
    let part: Vec<_> = council.map_or_else(Vec::new, |council| {
        folded
            .iter()
            .filter(|(id, _)| *id == council.id)
            .filter_map(|(_, l)| l.baseline())
            .collect()
    });
    Ok(baseline::build(
        council.map(|c| (c.name.as_str(), part.as_slice())),
        &all,
        content,
        min,
    ))
}
