//! Opening a lesson, moving between its steps, and starting its quiz.

use crux_core::Command;

use super::Cmd;
use crate::model::{Model, NoticeKind, Screen};
use crate::path::{LessonState, lesson_state};
use crate::quiz::QuizSession;
use crate::record::RecordBody;
use crate::text;

impl Model {
    pub(super) fn open_lesson(&mut self, id: &str) -> Cmd {
        let content = self.content.clone();
        let Some((module, lesson)) = content.lesson(id) else {
            self.inform(NoticeKind::Error, text::UNKNOWN_LESSON);
            return Command::done();
        };
        let progress = self.log.progress();
        if lesson_state(&content, progress, module, lesson) == LessonState::Locked {
            self.inform(NoticeKind::Info, text::lesson_locked(&module.title));
            return Command::done();
        }
        let last = u32::try_from(lesson.steps.len().saturating_sub(1)).unwrap_or(0);
        let saved = progress
            .lesson(&lesson.id)
            .filter(|p| !p.complete)
            .and_then(|p| p.position.as_ref());
        // Resume where the learner left off; a finished lesson opens at the start.
        let step = saved.map_or(0, |s| s.value.min(last));
        self.screen = Screen::Lesson {
            lesson: lesson.id.clone(),
            step,
        };
        self.reach_step(&lesson.id, step)
    }

    /// Records a step as where the learner is, unless it already is.
    fn reach_step(&mut self, lesson: &str, step: u32) -> Cmd {
        let progress = self.log.progress();
        let here = progress
            .position
            .as_ref()
            .is_some_and(|p| p.lesson == lesson && p.step == step);
        if here {
            return Command::done();
        }
        self.record(vec![RecordBody::StepReached {
            lesson: lesson.to_owned(),
            step,
        }])
    }

    pub(super) fn move_step(&mut self, delta: i32) -> Cmd {
        let Screen::Lesson { lesson, step } = &self.screen else {
            return Command::done();
        };
        let Some((_, found)) = self.content.lesson(lesson) else {
            return Command::done();
        };
        let total = u32::try_from(found.steps.len()).unwrap_or(0);
        let Some(next) = step.checked_add_signed(delta).filter(|&s| s < total) else {
            return Command::done();
        };
        let lesson = lesson.clone();
        self.screen = Screen::Lesson {
            lesson: lesson.clone(),
            step: next,
        };
        self.reach_step(&lesson, next)
    }

    pub(super) fn start_quiz(&mut self) -> Cmd {
        let Screen::Lesson { lesson, .. } = &self.screen else {
            return Command::done();
        };
        let has_questions = self
            .content
            .lesson(lesson)
            .is_some_and(|(_, l)| !l.quiz.questions.is_empty());
        if has_questions {
            let attempt = self.finished_attempts(lesson);
            self.screen = Screen::Quiz(QuizSession::new(lesson, attempt));
        }
        Command::done()
    }
}

impl Model {
    /// How many attempts at a lesson's quiz have finished: the round that seeds the option order.
    pub(super) fn finished_attempts(&self, lesson: &str) -> u32 {
        self.log
            .progress()
            .lesson(self.content.resolve(lesson))
            .map_or(0, |l| l.attempts)
    }
}
