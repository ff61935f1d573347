//! The learning path: which modules and lessons are locked, open, under way or done, and what comes next.

use content::{Lesson, Module};

use crate::pack::Content;
use crate::progress::Progress;

/// Where a module stands for this learner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModuleState {
    /// Some prerequisites are not complete: these ones, by module index.
    Locked {
        waiting_for: Vec<usize>,
    },
    Available,
    InProgress,
    Complete,
}

/// Where a lesson stands for this learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LessonState {
    Locked,
    NotStarted,
    InProgress,
    Complete,
}

pub fn module_complete(module: &Module, progress: &Progress) -> bool {
    module.lessons.iter().all(|l| progress.is_complete(&l.id))
}

pub fn module_state(content: &Content, progress: &Progress, module: &Module) -> ModuleState {
    let waiting_for: Vec<usize> = module
        .prerequisites
        .iter()
        .filter_map(|id| content.module_index(id))
        .filter(|&i| !module_complete(&content.pack.modules[i], progress))
        .collect();
    if !waiting_for.is_empty() {
        return ModuleState::Locked { waiting_for };
    }
    if module_complete(module, progress) {
        ModuleState::Complete
    } else if module.lessons.iter().any(|l| {
        progress
            .lesson(&l.id)
            .is_some_and(super::progress::LessonProgress::started)
    }) {
        ModuleState::InProgress
    } else {
        ModuleState::Available
    }
}

pub fn lesson_state(
    content: &Content,
    progress: &Progress,
    module: &Module,
    lesson: &Lesson,
) -> LessonState {
    if matches!(
        module_state(content, progress, module),
        ModuleState::Locked { .. }
    ) {
        return LessonState::Locked;
    }
    match progress.lesson(&lesson.id) {
        Some(p) if p.complete => LessonState::Complete,
        Some(p) if p.started() => LessonState::InProgress,
        _ => LessonState::NotStarted,
    }
}

/// The first lesson on the path that is open and not yet complete.
pub fn next_lesson<'a>(
    content: &'a Content,
    progress: &Progress,
) -> Option<(&'a Module, &'a Lesson)> {
    content
        .pack
        .modules
        .iter()
        .filter(|m| {
            !matches!(
                module_state(content, progress, m),
                ModuleState::Locked { .. }
            )
        })
        .flat_map(|m| m.lessons.iter().map(move |l| (m, l)))
        .find(|(_, l)| !progress.is_complete(&l.id))
}

/// The lesson and step the learner was last on, if that lesson is not complete yet.
pub fn resume<'a>(
    content: &'a Content,
    progress: &Progress,
) -> Option<(&'a Module, &'a Lesson, u32)> {
    let position = progress.position.as_ref()?;
    let (module, lesson) = content.lesson(&position.lesson)?;
    if progress.is_complete(&lesson.id) {
        return None;
    }
    let last = u32::try_from(lesson.steps.len().saturating_sub(1)).unwrap_or(0);
    Some((module, lesson, position.step.min(last)))
}

/// Lessons complete, and lessons in all.
pub fn totals(content: &Content, progress: &Progress) -> (usize, usize) {
    let complete = content
        .pack
        .lessons()
        .filter(|l| progress.is_complete(&l.id))
        .count();
    (complete, content.lesson_count())
}
