//! Checklists: the templates, earlier runs, and one run grouped by section.

use facet::Facet;
use serde::{Deserialize, Serialize};

use super::{Action, RatingView};
use crate::checklist::Run;
use crate::clock::RecordId;
use crate::event::Event;
use crate::model::Model;
use crate::record::Rated;
use crate::{text, when};

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateView {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub items_text: String,
    pub start: Action,
    /// "Continue" the newest unfinished run of this template.
    pub resume: Option<Action>,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunRow {
    pub id: String,
    pub title: String,
    pub status_text: String,
    pub progress_text: String,
    pub finished: bool,
    pub open: Action,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistsView {
    pub heading: String,
    pub intro: String,
    pub templates: Vec<TemplateView>,
    pub runs_heading: String,
    /// The newest runs first; more come a page at a time.
    pub runs: Vec<RunRow>,
    /// "Show earlier checklists", when there are more runs than shown.
    pub more: Option<Action>,
    /// Shown when there are no runs yet.
    pub no_runs_text: Option<String>,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunItemView {
    pub id: String,
    pub text: String,
    pub done: bool,
    /// Ticks or unticks the item; absent once the run is finished.
    pub toggle: Option<Action>,
    pub note: Option<String>,
    /// A prompt for the note, when the template suggests one.
    pub note_prompt: Option<String>,
    /// "Add a note" or "Edit note"; absent once the run is finished.
    pub note_label: Option<String>,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunSectionView {
    pub id: String,
    pub title: String,
    pub items: Vec<RunItemView>,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunView {
    pub run_id: String,
    pub title: String,
    pub summary: String,
    pub status_text: String,
    pub progress_text: String,
    pub finished: bool,
    pub sections: Vec<RunSectionView>,
    /// The label for saving a note; shells send `Event::SaveNote` with the text.
    pub save_note_label: String,
    pub notes_privacy: String,
    pub finish: Option<Action>,
    /// "Was this useful?", once the run is finished.
    pub rating: Option<RatingView>,
}

fn status(model: &Model, run: &Run) -> String {
    let offset = model.clock.utc_offset_minutes();
    match run.finished {
        Some(at) => text::finished_on(&when::date(at.wall_ms, offset)),
        None => text::started_on(&when::date(run.started.wall_ms, offset)),
    }
}

/// Runs listed at a time, so the list stays quick to build and small to send.
pub const RUNS_PAGE: usize = 10;

pub(super) fn list(model: &Model, shown: usize) -> ChecklistsView {
    let content = &model.content;
    let runs = &model.log.progress().runs;
    let templates = content
        .pack
        .checklists
        .iter()
        .map(|checklist| TemplateView {
            id: checklist.id.clone(),
            title: checklist.title.clone(),
            summary: checklist.summary.clone(),
            items_text: text::items_count(checklist.items().count()),
            start: Action::new(
                text::START_CHECKLIST,
                Event::StartChecklist {
                    checklist: checklist.id.clone(),
                },
            ),
            resume: runs.open_run_of(&checklist.id).map(|run| {
                Action::new(
                    text::CONTINUE_CHECKLIST,
                    Event::OpenRun {
                        run: run.id.to_string(),
                    },
                )
            }),
        })
        .collect();
    let rows: Vec<RunRow> = runs
        .newest_first()
        .take(shown)
        .filter_map(|run| {
            let checklist = content.checklist(&run.checklist)?;
            let items = checklist.items().map(|i| i.id.as_str());
            Some(RunRow {
                id: run.id.to_string(),
                title: checklist.title.clone(),
                status_text: status(model, run),
                progress_text: text::done_of(run.done_count(items), checklist.items().count()),
                finished: run.is_finished(),
                open: Action::new(
                    text::OPEN,
                    Event::OpenRun {
                        run: run.id.to_string(),
                    },
                ),
            })
        })
        .collect();
    ChecklistsView {
        heading: text::CHECKLISTS_HEADING.to_owned(),
        intro: text::CHECKLISTS_INTRO.to_owned(),
        templates,
        runs_heading: text::EARLIER_RUNS.to_owned(),
        no_runs_text: rows.is_empty().then(|| text::NO_RUNS.to_owned()),
        more: (runs.len() > shown).then(|| Action::new(text::MORE_RUNS, Event::ShowMoreRuns)),
        runs: rows,
    }
}

pub(super) fn run(model: &Model, id: RecordId) -> Option<RunView> {
    let run = model.log.progress().runs.get(id)?;
    let checklist = model.content.checklist(&run.checklist)?;
    let finished = run.is_finished();
    let run_id = run.id.to_string();
    let sections = checklist
        .sections
        .iter()
        .map(|section| RunSectionView {
            id: section.id.clone(),
            title: section.title.clone(),
            items: section
                .items
                .iter()
                .map(|item| {
                    let done = run.is_done(&item.id);
                    let note = run.note(&item.id).map(str::to_owned);
                    RunItemView {
                        id: item.id.clone(),
                        text: item.text.clone(),
                        done,
                        toggle: (!finished).then(|| {
                            Action::new(
                                item.text.clone(),
                                Event::SetItem {
                                    run: run_id.clone(),
                                    item: item.id.clone(),
                                    done: !done,
                                },
                            )
                        }),
                        note_label: (!finished).then(|| {
                            if note.is_some() {
                                text::EDIT_NOTE
                            } else {
                                text::ADD_NOTE
                            }
                            .to_owned()
                        }),
                        note,
                        note_prompt: item.note_prompt.clone(),
                    }
                })
                .collect(),
        })
        .collect();
    let items = checklist.items().map(|i| i.id.as_str());
    Some(RunView {
        title: checklist.title.clone(),
        summary: checklist.summary.clone(),
        status_text: if finished {
            format!("{}. {}", status(model, run), text::RUN_FINISHED)
        } else {
            status(model, run)
        },
        progress_text: text::done_of(run.done_count(items), checklist.items().count()),
        finished,
        sections,
        save_note_label: text::SAVE_NOTE.to_owned(),
        notes_privacy: text::NOTES_PRIVATE.to_owned(),
        finish: (!finished).then(|| {
            Action::new(
                text::FINISH_RUN,
                Event::FinishRun {
                    run: run_id.clone(),
                },
            )
        }),
        rating: finished.then(|| {
            super::sharing::rating(
                model,
                &Rated::ChecklistRun {
                    checklist: run.checklist.clone(),
                    run: run.id,
                },
            )
        }),
        run_id,
    })
}
