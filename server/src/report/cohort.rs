//! The reports on one cohort: each sharing member's progress, the cohort's summary, and how
//! useful its members found each lesson and checklist.
//!
//! Builders are pure: they take learners already folded ([`Learner`]), so tests and benchmarks
//! build reports without a database.

use std::collections::HashMap;

use serde::Serialize;
use shared::clock::Hlc;
use shared::pack::Content;
use shared::record::{RATING_RANGE, Rated};

use super::learner::Learner;
use super::suppress::{Cell, MinGroup, Row, row};
use super::{Label, day};

/// Which cohort a report is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CohortRef {
    pub id: i64,
    pub name: String,
    pub council: String,
}

/// One quiz as a member's row shows it: their best attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuizRow {
    pub lesson: String,
    pub title: String,
    pub best_score: u32,
    pub out_of: u32,
    pub passed: bool,
}

/// One member who shares their progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberRow {
    /// Their display name, or a placeholder if they have not set one.
    pub name: String,
    pub modules_finished: usize,
    pub lessons_finished: usize,
    pub quizzes: Vec<QuizRow>,
    pub checklists_run: usize,
    /// `YYYY-MM-DD`, in UTC.
    pub last_active: Option<String>,
}

/// Each sharing member's progress. Members who do not share are counted, never named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CohortProgress {
    pub cohort: CohortRef,
    pub members: usize,
    pub sharing: usize,
    pub not_sharing: usize,
    pub modules_in_programme: usize,
    pub lessons_in_programme: usize,
    /// By name.
    pub rows: Vec<MemberRow>,
}

/// Shown for a member who has not set a name.
pub const NO_NAME: &str = "(no name set)";

pub fn progress(cohort: CohortRef, learners: &[Learner], content: &Content) -> CohortProgress {
    let mut rows: Vec<MemberRow> = learners
        .iter()
        .filter(|l| l.shares_progress())
        .map(|learner| member_row(learner, content))
        .collect();
    rows.sort_by_key(|row| row.name.to_lowercase());
    CohortProgress {
        cohort,
        members: learners.len(),
        sharing: rows.len(),
        not_sharing: learners.len() - rows.len(),
        modules_in_programme: content.pack.modules.len(),
        lessons_in_programme: content.lesson_count(),
        rows,
    }
}

fn member_row(learner: &Learner, content: &Content) -> MemberRow {
    let progress = &learner.progress;
    let name = progress.settings.display_name();
    MemberRow {
        name: if name.is_empty() { NO_NAME } else { name }.to_owned(),
        modules_finished: learner.modules_finished(content),
        lessons_finished: learner.lessons_finished(content),
        quizzes: content
            .pack
            .lessons()
            .filter_map(|lesson| {
                let done = progress.lesson(&lesson.id)?;
                let (best_score, out_of) = done.best?;
                Some(QuizRow {
                    lesson: lesson.id.clone(),
                    title: lesson.title.clone(),
                    best_score,
                    out_of,
                    passed: done.complete,
                })
            })
            .collect(),
        checklists_run: learner.checklists_run(),
        last_active: learner.last_active_ms.map(day),
    }
}

/// How many sharing members have finished one module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModuleCompletion {
    pub module: Label,
    /// `cells` are finished, then not finished; `total` is the members who share.
    pub members: Row,
}

/// How useful members found one lesson or checklist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UsefulnessRow {
    /// `lesson` or `checklist`.
    pub kind: &'static str,
    pub about: Label,
    /// Members who gave each rating, 1 to 5; `total` is members who rated.
    pub ratings: Row,
    /// The mean rating to one decimal place, shown when enough members rated.
    pub average: Option<f64>,
    /// Comments members allowed their programme lead to read, oldest first, without names.
    pub comments: Vec<String>,
}

/// The cohort as a whole: completion by module, stages, and usefulness.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CohortSummary {
    pub cohort: CohortRef,
    pub min_group: u32,
    pub modules: Vec<ModuleCompletion>,
    /// The stage distribution of members who added their result to the baseline.
    pub stages: Vec<Label>,
    /// `None` when the council has other cohorts with results: see the council's row in the
    /// baseline instead.
    pub stage_counts: Option<Row>,
    pub usefulness: Vec<UsefulnessRow>,
}

/// The summary of a cohort. `council_stages` is the stage counts of the cohort's whole council
/// in the baseline: the lead sees those too, so a cohort's own counts are shown only when they
/// are the council's (it is the only cohort with results). Otherwise the council's row minus
/// one cohort's would give another cohort's small groups.
pub fn summary(
    cohort: CohortRef,
    learners: &[Learner],
    content: &Content,
    min: MinGroup,
    council_stages: &[u32],
) -> CohortSummary {
    let sharing: Vec<&Learner> = learners.iter().filter(|l| l.shares_progress()).collect();
    let modules = content
        .pack
        .modules
        .iter()
        .map(|module| {
            let finished = sharing
                .iter()
                .filter(|l| shared::path::module_complete(module, &l.progress))
                .count();
            ModuleCompletion {
                module: Label::new(&module.id, &module.title),
                members: row(&[count(finished), count(sharing.len() - finished)], min),
            }
        })
        .collect();
    let (stages, stage_counts) = super::baseline::stage_counts(learners.iter(), content);
    CohortSummary {
        cohort,
        min_group: min.get(),
        modules,
        stages,
        stage_counts: (stage_counts == council_stages).then(|| row(&stage_counts, min)),
        usefulness: usefulness(learners, content, min),
    }
}

/// A count of learners as the suppression rules take it.
pub(super) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The kind and id a rating counts under: a lesson, or a checklist (whichever run was rated),
/// by its id in the current pack.
fn subject(about: &Rated, content: &Content) -> (&'static str, String) {
    match about {
        Rated::Lesson { lesson } => ("lesson", content.resolve(lesson).to_owned()),
        Rated::ChecklistRun { checklist, .. } => {
            ("checklist", content.resolve(checklist).to_owned())
        }
    }
}

/// Ratings and shared comments per lesson and checklist, in the programme's order. Each member
/// counts once per lesson or checklist: their latest rating of it.
pub fn usefulness(learners: &[Learner], content: &Content, min: MinGroup) -> Vec<UsefulnessRow> {
    let mut counts: HashMap<(&str, String), [u32; 5]> = HashMap::new();
    let mut comments: HashMap<(&str, String), Vec<(Hlc, &str)>> = HashMap::new();
    for learner in learners {
        let mut latest: HashMap<(&str, String), (Hlc, u8)> = HashMap::new();
        for (about, rating) in &learner.progress.ratings {
            let key = subject(about, content);
            if latest.get(&key).is_none_or(|(at, _)| rating.at > *at) {
                latest.insert(key, (rating.at, rating.value));
            }
        }
        for (key, (_, rating)) in latest {
            if RATING_RANGE.contains(&rating) {
                counts.entry(key).or_default()[usize::from(rating - 1)] += 1;
            }
        }
        for (about, comment) in &learner.progress.comments {
            // Private comments never reach a report (storage leaves them out); this is the
            // learner's tick box, checked again.
            if comment.value.shared && !comment.value.text.is_empty() {
                comments
                    .entry(subject(about, content))
                    .or_default()
                    .push((comment.at, comment.value.text.as_str()));
            }
        }
    }
    let lessons = content
        .pack
        .lessons()
        .map(|l| ("lesson", Label::new(&l.id, &l.title)));
    let checklists = content
        .pack
        .checklists
        .iter()
        .map(|c| ("checklist", Label::new(&c.id, &c.title)));
    lessons
        .chain(checklists)
        .filter_map(|(kind, about)| {
            let key = (kind, about.id.clone());
            let ratings = counts.get(&key).copied();
            let mut said = comments.remove(&key).unwrap_or_default();
            if ratings.is_none() && said.is_empty() {
                return None;
            }
            said.sort_by_key(|(at, _)| *at);
            let ratings = ratings.unwrap_or_default();
            let published = row(&ratings, min);
            // Only when every count is shown: with hidden counts, the number who rated and the
            // average together could give them back.
            let all_shown = published.cells.iter().all(|c| *c != Cell::Hidden);
            let average = match published.total {
                Cell::Shown(n) if n >= min.get() && all_shown => {
                    let sum: u32 = ratings.iter().zip(1..).map(|(c, r)| c * r).sum();
                    Some((f64::from(sum) / f64::from(n) * 10.0).round() / 10.0)
                }
                _ => None,
            };
            Some(UsefulnessRow {
                kind,
                about,
                ratings: published,
                average,
                comments: said.into_iter().map(|(_, text)| text.to_owned()).collect(),
            })
        })
        .collect()
}
