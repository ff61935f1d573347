//! The learning path: modules in order, each with its state and its lessons.

use facet::Facet;
use serde::{Deserialize, Serialize};

use super::Action;
use crate::event::Event;
use crate::model::Model;
use crate::path::{LessonState, ModuleState, lesson_state, module_state};
use crate::text;

#[derive(Facet, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[repr(C)]
pub enum ModuleStatus {
    Locked,
    Available,
    InProgress,
    Complete,
}

#[derive(Facet, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[repr(C)]
pub enum LessonStatus {
    Locked,
    NotStarted,
    InProgress,
    Complete,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathView {
    pub heading: String,
    pub intro: String,
    pub modules: Vec<ModuleView>,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleView {
    pub id: String,
    pub number_text: String,
    pub title: String,
    pub summary: String,
    pub status: ModuleStatus,
    pub status_text: String,
    /// For a locked module: what opens it.
    pub unlock_text: Option<String>,
    pub progress_text: String,
    pub lessons: Vec<LessonRow>,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonRow {
    pub id: String,
    pub title: String,
    pub minutes_text: String,
    pub status: LessonStatus,
    pub status_text: String,
    /// Absent while the module is locked.
    pub open: Option<Action>,
}

pub(super) fn build(model: &Model) -> PathView {
    let content = &model.content;
    let progress = model.log.progress();
    let modules = content
        .pack
        .modules
        .iter()
        .enumerate()
        .map(|(index, module)| {
            let state = module_state(content, progress, module);
            let (status, status_text, unlock_text) = match &state {
                ModuleState::Locked { waiting_for } => {
                    let titles: Vec<&str> = waiting_for
                        .iter()
                        .map(|&i| content.pack.modules[i].title.as_str())
                        .collect();
                    (
                        ModuleStatus::Locked,
                        text::LOCKED,
                        Some(text::unlock_after(&titles)),
                    )
                }
                ModuleState::Available => (ModuleStatus::Available, text::NOT_STARTED, None),
                ModuleState::InProgress => (ModuleStatus::InProgress, text::IN_PROGRESS, None),
                ModuleState::Complete => (ModuleStatus::Complete, text::COMPLETE, None),
            };
            let lessons: Vec<LessonRow> = module
                .lessons
                .iter()
                .map(|lesson| {
                    let (status, status_text) =
                        match lesson_state(content, progress, module, lesson) {
                            LessonState::Locked => (LessonStatus::Locked, text::LOCKED),
                            LessonState::NotStarted => {
                                (LessonStatus::NotStarted, text::NOT_STARTED)
                            }
                            LessonState::InProgress => {
                                (LessonStatus::InProgress, text::IN_PROGRESS)
                            }
                            LessonState::Complete => (LessonStatus::Complete, text::COMPLETE),
                        };
                    LessonRow {
                        id: lesson.id.clone(),
                        title: lesson.title.clone(),
                        minutes_text: text::minutes_read(lesson.minutes()),
                        status,
                        status_text: status_text.to_owned(),
                        open: (status != LessonStatus::Locked).then(|| {
                            Action::new(
                                text::open_lesson(&lesson.title),
                                Event::OpenLesson {
                                    lesson: lesson.id.clone(),
                                },
                            )
                        }),
                    }
                })
                .collect();
            let done = lessons
                .iter()
                .filter(|l| l.status == LessonStatus::Complete)
                .count();
            ModuleView {
                id: module.id.clone(),
                number_text: text::module_number(index + 1),
                title: module.title.clone(),
                summary: module.summary.clone(),
                status,
                status_text: status_text.to_owned(),
                unlock_text,
                progress_text: text::lessons_progress(done, lessons.len()),
                lessons,
            }
        })
        .collect();
    PathView {
        heading: text::PATH_HEADING.to_owned(),
        intro: text::PATH_INTRO.to_owned(),
        modules,
    }
}
