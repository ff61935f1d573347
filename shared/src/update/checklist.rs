//! Starting, ticking, annotating and finishing checklist runs.

use crux_core::Command;

use super::Cmd;
use crate::clock::RecordId;
use crate::model::{Model, NoticeKind, Screen};
use crate::record::RecordBody;
use crate::text;

/// The longest note kept, in characters. Enough for a few paragraphs on a phone.
pub(crate) const MAX_NOTE_CHARS: usize = 2000;

impl Model {
    /// The run with this id, if it exists and can still be changed.
    fn open_run_id(&mut self, run: &str) -> Option<RecordId> {
        let id = run.parse::<RecordId>().ok()?;
        let found = self.log.progress().runs.get(id)?;
        if found.is_finished() {
            self.inform(NoticeKind::Info, text::RUN_FINISHED);
            return None;
        }
        Some(id)
    }

    fn item_exists(&self, run: RecordId, item: &str) -> bool {
        self.log
            .progress()
            .runs
            .get(run)
            .and_then(|r| self.content.checklist(&r.checklist))
            .is_some_and(|c| c.items().any(|i| i.id == item))
    }

    pub(super) fn start_checklist(&mut self, checklist: &str) -> Cmd {
        let Some(template) = self.content.checklist(checklist) else {
            self.inform(NoticeKind::Error, text::UNKNOWN_CHECKLIST);
            return Command::done();
        };
        let checklist = template.id.clone();
        let (run, command) = self.record_one(RecordBody::ChecklistStarted { checklist });
        self.screen = Screen::Run { run };
        command
    }

    pub(super) fn open_run(&mut self, run: &str) -> Cmd {
        let found = run
            .parse::<RecordId>()
            .ok()
            .filter(|id| self.log.progress().runs.get(*id).is_some());
        match found {
            Some(run) => self.screen = Screen::Run { run },
            None => self.inform(NoticeKind::Error, text::UNKNOWN_CHECKLIST),
        }
        Command::done()
    }

    pub(super) fn set_item(&mut self, run: &str, item: &str, done: bool) -> Cmd {
        let Some(id) = self.open_run_id(run) else {
            return Command::done();
        };
        let unchanged = self
            .log
            .progress()
            .runs
            .get(id)
            .is_some_and(|r| r.is_done(item) == done);
        if unchanged || !self.item_exists(id, item) {
            return Command::done();
        }
        self.record(vec![RecordBody::ChecklistItemSet {
            run: id,
            item: item.to_owned(),
            done,
        }])
    }

    pub(super) fn save_note(&mut self, run: &str, item: &str, note: &str) -> Cmd {
        let Some(id) = self.open_run_id(run) else {
            return Command::done();
        };
        if !self.item_exists(id, item) {
            return Command::done();
        }
        let note: String = note.trim().chars().take(MAX_NOTE_CHARS).collect();
        let current = self
            .log
            .progress()
            .runs
            .get(id)
            .and_then(|r| r.note(item))
            .unwrap_or("");
        if current == note {
            return Command::done();
        }
        self.inform(NoticeKind::Success, text::NOTE_SAVED);
        self.record(vec![RecordBody::ChecklistNoteSet {
            run: id,
            item: item.to_owned(),
            note,
        }])
    }

    pub(super) fn finish_run(&mut self, run: &str) -> Cmd {
        let Some(id) = self.open_run_id(run) else {
            return Command::done();
        };
        self.inform(NoticeKind::Success, text::RUN_DONE);
        self.record(vec![RecordBody::ChecklistFinished { run: id }])
    }
}
