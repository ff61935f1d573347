//! Taking the self-assessment, item by item, and recording the finished attempt.

use crux_core::Command;

use super::Cmd;
use crate::assessment::{Phase, Refusal, Session, score};
use crate::model::{Model, NoticeKind, Screen};
use crate::record::{Frequency, RecordBody};
use crate::text;

impl Model {
    fn assessment_session(&mut self) -> Option<&mut Session> {
        match &mut self.screen {
            Screen::Assessment(session) => Some(session),
            _ => None,
        }
    }

    fn assessment_refused(&mut self, refusal: Refusal) -> Cmd {
        if refusal == Refusal::NeedsAnswer {
            self.inform(NoticeKind::Info, text::ANSWER_FIRST);
        }
        Command::done()
    }

    pub(super) fn start_assessment(&mut self) -> Cmd {
        let spec = &self.content.pack.assessment;
        let mut session = match &self.screen {
            Screen::Assessment(session) => session.clone(),
            _ => Session::new(spec),
        };
        match session.start() {
            Ok(()) => {
                self.screen = Screen::Assessment(session);
                Command::done()
            }
            Err(refusal) => self.assessment_refused(refusal),
        }
    }

    pub(super) fn show_last_result(&mut self) -> Cmd {
        let attempts = self.log.progress().assessments.len();
        if let Some(last) = attempts.checked_sub(1) {
            self.screen = Screen::Assessment(Session::showing(&self.content.pack.assessment, last));
        }
        Command::done()
    }

    pub(super) fn answer_choice(&mut self, value: u32) -> Cmd {
        let content = self.content.clone();
        let result = self.assessment_session().map_or(Err(Refusal::NotNow), |s| {
            s.choose(&content.pack.assessment, value)
        });
        result.map_or_else(|r| self.assessment_refused(r), |()| Command::done())
    }

    pub(super) fn set_channel(&mut self, channel: &str, frequency: Frequency) -> Cmd {
        let content = self.content.clone();
        let result = self.assessment_session().map_or(Err(Refusal::NotNow), |s| {
            s.set_channel(&content.pack.assessment, channel, frequency)
        });
        result.map_or_else(|r| self.assessment_refused(r), |()| Command::done())
    }

    pub(super) fn previous_item(&mut self) -> Cmd {
        let result = self
            .assessment_session()
            .map_or(Err(Refusal::NotNow), Session::previous);
        result.map_or_else(|r| self.assessment_refused(r), |()| Command::done())
    }

    pub(super) fn next_item(&mut self) -> Cmd {
        let content = self.content.clone();
        let spec = &content.pack.assessment;
        let result = self
            .assessment_session()
            .map_or(Err(Refusal::NotNow), |s| s.next(spec));
        match result {
            Ok(None) => Command::done(),
            Ok(Some(answers)) => {
                let outcome = score(spec, &answers);
                let attempt = self.log.progress().assessments.len();
                let mut bodies = Vec::with_capacity(2);
                // A learner in the baseline stays in it with their newest result.
                if self.log.progress().settings.share_baseline() {
                    bodies.push(super::sharing::baseline_result(
                        &outcome.stage,
                        &outcome.scores,
                        self.now_ms(),
                    ));
                }
                bodies.insert(
                    0,
                    RecordBody::AssessmentCompleted {
                        answers,
                        scores: outcome.scores,
                        overall: outcome.overall,
                        stage: outcome.stage,
                    },
                );
                let command = self.record(bodies);
                if let Some(session) = self.assessment_session() {
                    session.phase = Phase::Result { attempt };
                }
                command
            }
            Err(refusal) => self.assessment_refused(refusal),
        }
    }
}
