//! Derived progress: everything shown is folded from the record log, in timestamp order.
//!
//! [`Log`] keeps records sorted by [`Record::order_key`]. A record that sorts last (every local
//! one, and most remote ones) is applied on top; one that sorts earlier triggers a refold from
//! scratch, so the result never depends on the order records arrived in.

use std::collections::HashMap;

use crate::assessment::Attempt;
use crate::checklist::{Runs, Stamped, merge};
use crate::clock::{Hlc, RecordId};
use crate::pack::Content;
use crate::record::{AreaScore, Rated, Record, RecordBody};
use crate::review::Deck;

/// A learner's progress through one lesson.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LessonProgress {
    /// The step they were last on (0-based), and when.
    pub position: Option<Stamped<u32>>,
    pub furthest_step: u32,
    pub attempts: u32,
    /// The best quiz score so far, and its total.
    pub best: Option<(u32, u32)>,
    /// A quiz attempt passed.
    pub complete: bool,
}

impl LessonProgress {
    pub fn started(&self) -> bool {
        self.position.is_some() || self.attempts > 0 || self.complete
    }
}

/// The learner's own settings, each merged last-writer-wins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub display_name: Option<Stamped<String>>,
    pub backup: Option<Stamped<bool>>,
    /// Whether the programme lead may see this learner's progress. `None`: never asked.
    pub share_progress: Option<Stamped<bool>>,
    /// Whether the learner's latest self-assessment result is in the anonymous baseline.
    pub share_baseline: Option<Stamped<bool>>,
}

impl Settings {
    pub fn display_name(&self) -> &str {
        self.display_name.as_ref().map_or("", |s| s.value.as_str())
    }

    /// Backing up private records is off until the learner turns it on.
    pub fn backup(&self) -> bool {
        self.backup.as_ref().is_some_and(|s| s.value)
    }

    /// Sharing with the programme lead is off until the learner turns it on.
    pub fn share_progress(&self) -> bool {
        self.share_progress.as_ref().is_some_and(|s| s.value)
    }

    pub fn share_baseline(&self) -> bool {
        self.share_baseline.as_ref().is_some_and(|s| s.value)
    }
}

/// A self-assessment result as the baseline holds it: the derived result, never the answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaselineEntry {
    pub stage: String,
    pub scores: Vec<AreaScore>,
    pub month: String,
    pub pack_version: u32,
}

/// A "Was this useful?" comment, and whether the programme lead may read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub text: String,
    pub shared: bool,
}

/// Where the learner last was in any lesson.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub lesson: String,
    pub step: u32,
    pub at: Hlc,
}

/// Everything derived from the records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    pub lessons: HashMap<String, LessonProgress>,
    pub position: Option<Position>,
    pub review: Deck,
    /// Completed self-assessments, oldest first.
    pub assessments: Vec<Attempt>,
    pub runs: Runs,
    pub settings: Settings,
    /// The latest result offered to the baseline. It counts only while sharing is on.
    pub baseline: Option<Stamped<BaselineEntry>>,
    /// The latest "Was this useful?" rating of each lesson and checklist run.
    pub ratings: HashMap<Rated, Stamped<u8>>,
    pub comments: HashMap<Rated, Stamped<Comment>>,
}

impl Progress {
    /// Folds records that are already in order.
    pub fn fold<'a>(records: impl IntoIterator<Item = &'a Record>, content: &Content) -> Self {
        let mut progress = Self::default();
        for record in records {
            progress.apply(record, content);
        }
        progress
    }

    pub fn lesson(&self, id: &str) -> Option<&LessonProgress> {
        self.lessons.get(id)
    }

    pub fn is_complete(&self, lesson: &str) -> bool {
        self.lessons.get(lesson).is_some_and(|l| l.complete)
    }

    /// Applies one record on top of the state folded so far.
    pub fn apply(&mut self, record: &Record, content: &Content) {
        let at = record.hlc;
        match &record.body {
            RecordBody::StepReached { lesson, step } => {
                let lesson = content.resolve(lesson).to_owned();
                let entry = self.lessons.entry(lesson.clone()).or_default();
                merge(&mut entry.position, *step, at);
                entry.furthest_step = entry.furthest_step.max(*step);
                if self.position.as_ref().is_none_or(|p| at > p.at) {
                    self.position = Some(Position {
                        lesson,
                        step: *step,
                        at,
                    });
                }
            }
            RecordBody::QuizAnswered {
                question, correct, ..
            } => {
                // A retired question is kept in the log but never comes back for review.
                if !correct && content.question(question).is_some() {
                    self.review.missed(content.resolve(question), at.wall_ms);
                }
            }
            RecordBody::QuizFinished {
                lesson,
                score,
                total,
                passed,
            } => {
                let entry = self
                    .lessons
                    .entry(content.resolve(lesson).to_owned())
                    .or_default();
                entry.attempts += 1;
                entry.complete |= *passed;
                if entry.best.is_none_or(|(best, _)| *score > best) {
                    entry.best = Some((*score, *total));
                }
            }
            RecordBody::ReviewAnswered { question, correct } => {
                let question = content.resolve(question);
                if *correct {
                    self.review.recalled(question, at.wall_ms);
                } else if content.question(question).is_some() {
                    self.review.missed(question, at.wall_ms);
                }
            }
            RecordBody::AssessmentCompleted {
                answers,
                scores,
                overall,
                stage,
            } => self.assessments.push(Attempt {
                at,
                answers: answers.clone(),
                scores: scores.clone(),
                overall: *overall,
                stage: stage.clone(),
            }),
            RecordBody::ChecklistStarted { checklist } => {
                self.runs.start(record.id, content.resolve(checklist), at);
            }
            RecordBody::ChecklistItemSet { run, item, done } => {
                self.runs.set_done(*run, item, *done, at);
            }
            RecordBody::ChecklistNoteSet { run, item, note } => {
                self.runs.set_note(*run, item, note, at);
            }
            RecordBody::ChecklistFinished { run } => self.runs.finish(*run, at),
            RecordBody::DisplayNameSet { name } => {
                merge(&mut self.settings.display_name, name.clone(), at);
            }
            RecordBody::BackupSet { enabled } => merge(&mut self.settings.backup, *enabled, at),
            RecordBody::ProgressSharingSet { .. }
            | RecordBody::BaselineSharingSet { .. }
            | RecordBody::BaselineResult { .. }
            | RecordBody::UsefulnessRated { .. }
            | RecordBody::UsefulnessComment { .. } => self.apply_sharing(record),
        }
    }

    /// The learner's sharing choices, and what they chose to share.
    fn apply_sharing(&mut self, record: &Record) {
        let at = record.hlc;
        match &record.body {
            RecordBody::ProgressSharingSet { enabled } => {
                merge(&mut self.settings.share_progress, *enabled, at);
            }
            RecordBody::BaselineSharingSet { enabled } => {
                merge(&mut self.settings.share_baseline, *enabled, at);
            }
            RecordBody::BaselineResult {
                stage,
                scores,
                month,
            } => merge(
                &mut self.baseline,
                BaselineEntry {
                    stage: stage.clone(),
                    scores: scores.clone(),
                    month: month.clone(),
                    pack_version: record.pack_version,
                },
                at,
            ),
            RecordBody::UsefulnessRated { about, rating } => {
                merge_keyed(&mut self.ratings, about, *rating, at);
            }
            RecordBody::UsefulnessComment {
                about,
                comment,
                shared,
            } => merge_keyed(
                &mut self.comments,
                about,
                Comment {
                    text: comment.clone(),
                    shared: *shared,
                },
                at,
            ),
            _ => {}
        }
    }
}

/// [`merge`] for one value in a map.
fn merge_keyed<T>(map: &mut HashMap<Rated, Stamped<T>>, key: &Rated, value: T, at: Hlc) {
    if map.get(key).is_none_or(|current| at > current.at) {
        map.insert(key.clone(), Stamped { value, at });
    }
}

/// How a record joined the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// It sorts after everything else, and was applied on top.
    Appended,
    /// It sorts before some records; progress was folded again.
    Refolded,
    /// Its id was already in the log.
    Duplicate,
}

/// The record log in fold order, with the progress folded from it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Log {
    records: Vec<Record>,
    /// Where each record sits in `records`.
    positions: HashMap<RecordId, usize>,
    progress: Progress,
}

impl Log {
    /// Builds a log from records in any order.
    pub fn from_records(mut records: Vec<Record>, content: &Content) -> Self {
        // Keys are unique (ids are), so an unstable sort gives the one order every device uses.
        records.sort_unstable_by(|a, b| a.order_key().cmp(&b.order_key()));
        let mut seen = std::collections::HashSet::with_capacity(records.len());
        records.retain(|r| seen.insert(r.id));
        let progress = Progress::fold(&records, content);
        let positions = index(&records);
        Self {
            records,
            positions,
            progress,
        }
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    pub fn records(&self) -> &[Record] {
        &self.records
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Makes room for `additional` more records without moving the rest.
    pub fn reserve(&mut self, additional: usize) {
        self.records.reserve(additional);
    }

    pub fn contains(&self, id: RecordId) -> bool {
        self.positions.contains_key(&id)
    }

    pub fn get(&self, id: RecordId) -> Option<&Record> {
        self.positions.get(&id).map(|&at| &self.records[at])
    }

    /// Adds one record, keeping the log sorted and the progress up to date.
    pub fn add(&mut self, record: Record, content: &Content) -> Added {
        if self.positions.contains_key(&record.id) {
            return Added::Duplicate;
        }
        let sorts_last = self
            .records
            .last()
            .is_none_or(|last| last.order_key() < record.order_key());
        if sorts_last {
            self.progress.apply(&record, content);
            self.positions.insert(record.id, self.records.len());
            self.records.push(record);
            Added::Appended
        } else {
            let at = self
                .records
                .partition_point(|r| r.order_key() < record.order_key());
            self.records.insert(at, record);
            self.positions = index(&self.records);
            self.progress = Progress::fold(&self.records, content);
            Added::Refolded
        }
    }

    /// Folds everything again, for example after a new content pack renamed ids.
    pub fn refold(&mut self, content: &Content) {
        self.progress = Progress::fold(&self.records, content);
    }
}

fn index(records: &[Record]) -> HashMap<RecordId, usize> {
    records
        .iter()
        .enumerate()
        .map(|(at, r)| (r.id, at))
        .collect()
}
