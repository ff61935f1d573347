//! The learner's sharing choices: progress with their programme lead, their result in the
//! anonymous baseline, and "Was this useful?" ratings.
//!
//! Each choice is a record, so it syncs and the server applies the latest one. Nothing here
//! ever turns sharing on without the learner asking.

use crux_core::Command;

use super::Cmd;
use crate::model::{Model, NoticeKind, Screen};
use crate::quiz::QuizState;
use crate::record::{RATING_RANGE, Rated, RecordBody};
use crate::{text, when};

/// The longest "Was this useful?" comment, in characters.
pub(crate) const MAX_COMMENT_CHARS: usize = 1000;

impl Model {
    pub(super) fn set_progress_sharing(&mut self, enabled: bool) -> Cmd {
        let current = &self.log.progress().settings.share_progress;
        // "No" from the first question is recorded too, so the question is not asked again.
        if current.as_ref().is_some_and(|c| c.value == enabled) {
            return Command::done();
        }
        self.inform(
            NoticeKind::Success,
            if enabled {
                text::SHARE_STARTED
            } else {
                text::SHARE_STOPPED
            },
        );
        self.record(vec![RecordBody::ProgressSharingSet { enabled }])
    }

    pub(super) fn set_baseline_sharing(&mut self, enabled: bool) -> Cmd {
        let progress = self.log.progress();
        if progress.settings.share_baseline() == enabled {
            return Command::done();
        }
        let mut bodies = vec![RecordBody::BaselineSharingSet { enabled }];
        if enabled {
            bodies.extend(self.baseline_result_due());
        }
        self.inform(
            NoticeKind::Success,
            if enabled {
                text::BASELINE_ADDED
            } else {
                text::BASELINE_REMOVED
            },
        );
        self.record(bodies)
    }

    /// The latest self-assessment's result, if the baseline does not have it yet. Only the
    /// derived result goes: the answers stay in their private record.
    pub(super) fn baseline_result_due(&self) -> Option<RecordBody> {
        let progress = self.log.progress();
        let latest = progress.assessments.last()?;
        if progress.baseline.as_ref().is_some_and(|b| b.at > latest.at) {
            return None;
        }
        Some(baseline_result(
            &latest.stage,
            &latest.scores,
            latest.at.wall_ms,
        ))
    }

    pub(super) fn rate_useful(&mut self, rating: u32, comment: &str, share_comment: bool) -> Cmd {
        let Some(about) = rated_on(&self.screen, self) else {
            return Command::done();
        };
        let Some(rating) = u8::try_from(rating)
            .ok()
            .filter(|r| RATING_RANGE.contains(r))
        else {
            self.inform(NoticeKind::Error, text::USEFUL_PICK_RATING);
            return Command::done();
        };
        let comment = comment.trim();
        if comment.chars().count() > MAX_COMMENT_CHARS {
            self.inform(NoticeKind::Error, text::COMMENT_TOO_LONG);
            return Command::done();
        }
        let mut bodies = vec![RecordBody::UsefulnessRated {
            about: about.clone(),
            rating,
        }];
        // A comment the lead could read before stays readable until a newer shared one
        // replaces it: so a new rating that does not share its comment withdraws the old one.
        let was_shared = self
            .log
            .progress()
            .comments
            .get(&about)
            .is_some_and(|c| c.value.shared && !c.value.text.is_empty());
        let shares_new = share_comment && !comment.is_empty();
        if was_shared && !shares_new {
            bodies.push(RecordBody::UsefulnessComment {
                about: about.clone(),
                comment: String::new(),
                shared: true,
            });
        }
        if !comment.is_empty() {
            bodies.push(RecordBody::UsefulnessComment {
                about,
                comment: comment.to_owned(),
                shared: share_comment,
            });
        }
        self.record(bodies)
    }
}

/// The record that puts a self-assessment's derived result in the baseline: the stage, the
/// area scores and the month taken, never the answers.
pub(super) fn baseline_result(
    stage: &str,
    scores: &[crate::record::AreaScore],
    taken_ms: u64,
) -> RecordBody {
    RecordBody::BaselineResult {
        stage: stage.to_owned(),
        scores: scores.to_vec(),
        month: when::month(taken_ms),
    }
}

/// What the screen showing can be rated as: a lesson once its quiz has a result, or a
/// finished checklist run.
pub(crate) fn rated_on(screen: &Screen, model: &Model) -> Option<Rated> {
    match screen {
        Screen::Quiz(session) if matches!(session.state, QuizState::Finished { .. }) => {
            Some(Rated::Lesson {
                lesson: model.content.resolve(&session.lesson).to_owned(),
            })
        }
        Screen::Run { run } => {
            let found = model.log.progress().runs.get(*run)?;
            found.is_finished().then(|| Rated::ChecklistRun {
                checklist: found.checklist.clone(),
                run: *run,
            })
        }
        _ => None,
    }
}
