//! The model: the app's whole state, and the helpers every update uses to make records.

use std::sync::Arc;

use crux_core::Command;

use crate::assessment;
use crate::clock::{Arrival, Clock, RecordId};
use crate::effects::Effect;
use crate::effects::store::{StoreRequest, SyncMark};
use crate::event::{Event, Internal};
use crate::pack::Content;
use crate::progress::Log;
use crate::quiz::QuizSession;
use crate::record::{Record, RecordBody, StoredRecord};
use crate::review::ReviewSession;
use crate::sync::client::{Outbox, SyncState};

/// Where the app is in starting up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Lifecycle {
    /// Waiting for the shell's start event.
    #[default]
    Idle,
    /// Reading stored progress.
    Loading,
    Ready,
    /// Stored progress could not be read at all. The message says what to do.
    Failed {
        message: String,
    },
}

/// The screen showing, with the state only that screen needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Screen {
    #[default]
    Home,
    Path,
    Lesson {
        lesson: String,
        step: u32,
    },
    Quiz(QuizSession),
    Review(ReviewSession),
    Assessment(assessment::Session),
    /// The templates, and the newest `shown` runs.
    Checklists {
        shown: usize,
    },
    Run {
        run: RecordId,
    },
    Settings {
        confirm_delete: bool,
    },
}

/// How a notice should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Success,
    Error,
}

/// A short message shown above the screen until dismissed or the learner moves on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub kind: NoticeKind,
}

/// The whole state of the core.
#[derive(Debug, Clone)]
pub struct Model {
    pub content: Arc<Content>,
    pub lifecycle: Lifecycle,
    pub clock: Clock,
    pub device: String,
    pub log: Log,
    /// This device's records the server has not accepted yet: pending or rejected.
    pub outbox: Outbox,
    /// Stored records that could not be decoded, or whose timestamps are out of range. They
    /// stay in storage.
    pub unreadable: usize,
    /// Records from other devices dated too far ahead of this device's clock to fold yet
    /// ([`crate::clock::Arrival::Later`]). They are stored, and folded when their time comes.
    pub later: Vec<Record>,
    pub screen: Screen,
    pub notice: Option<Notice>,
    /// A message from storage that must stay visible, such as data recovered from a damaged file.
    pub store_warning: Option<String>,
    /// Records the store failed to save. They are sent again with the next append; the store
    /// ignores ids it already has, so sending twice is safe.
    pub unsaved: Vec<StoredRecord>,
    pub sync: SyncState,
}

impl Default for Model {
    fn default() -> Self {
        Self::new(Content::default_content())
    }
}

impl Model {
    pub fn new(content: Arc<Content>) -> Self {
        Self {
            content,
            lifecycle: Lifecycle::Idle,
            clock: Clock::default(),
            device: String::new(),
            log: Log::default(),
            outbox: Outbox::default(),
            unreadable: 0,
            later: Vec::new(),
            screen: Screen::Home,
            notice: None,
            store_warning: None,
            unsaved: Vec::new(),
            sync: SyncState::default(),
        }
    }

    pub fn now_ms(&self) -> u64 {
        self.clock.now_ms()
    }

    pub fn inform(&mut self, kind: NoticeKind, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            kind,
        });
    }

    /// Takes in a record from another device: folded now, kept for later, or (with an
    /// impossible timestamp) left out and counted as unreadable.
    pub fn take_remote(&mut self, record: Record) {
        match self.clock.arrival(record.hlc) {
            Arrival::Now => {
                self.clock.observe(record.hlc);
                self.log.add(record, &self.content);
            }
            Arrival::Later => self.later.push(record),
            Arrival::Never => self.unreadable += 1,
        }
    }

    /// Folds the records kept for later whose time has come. Cheap when there are none.
    pub fn release_due(&mut self) {
        if self.later.is_empty() {
            return;
        }
        let (due, waiting): (Vec<Record>, Vec<Record>) = std::mem::take(&mut self.later)
            .into_iter()
            .partition(|r| self.clock.arrival(r.hlc) == Arrival::Now);
        self.later = waiting;
        for record in due {
            self.clock.observe(record.hlc);
            self.log.add(record, &self.content);
        }
    }

    /// Makes records for what just happened, adds them to the log, and asks the store to keep them.
    pub fn record(&mut self, bodies: Vec<RecordBody>) -> Command<Effect, Event> {
        if bodies.is_empty() {
            return Command::done();
        }
        let mut stored = std::mem::take(&mut self.unsaved);
        for body in bodies {
            let record = Record {
                id: self.clock.new_id(),
                device: self.device.clone(),
                hlc: self.clock.tick(),
                pack_version: self.content.pack.version,
                body,
            };
            stored.push(record.to_stored());
            self.outbox
                .set(record.id, SyncMark::Pending, record.is_private());
            self.log.add(record, &self.content);
        }
        let batch = stored.clone();
        Command::request_from_shell(StoreRequest::Append { records: stored }).then_send(
            move |response| {
                Event::Internal(Internal::Stored {
                    response,
                    records: batch.clone(),
                })
            },
        )
    }

    /// Like [`Model::record`] for one record, returning its id too.
    pub fn record_one(&mut self, body: RecordBody) -> (RecordId, Command<Effect, Event>) {
        let command = self.record(vec![body]);
        let id = self
            .log
            .records()
            .last()
            .map_or(RecordId(0), |record| record.id);
        (id, command)
    }
}
