//! Events: what the shell tells the core. Most come straight from a button in the view model.

use facet::Facet;
use serde::{Deserialize, Serialize};

use crate::effects::store::StoreResponse;
use crate::record::{Frequency, StoredRecord};

/// A top-level place in the app, reached from the main navigation.
#[derive(Facet, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[repr(C)]
pub enum Destination {
    Home,
    Path,
    Review,
    Assessment,
    Checklists,
    Settings,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[repr(C)]
pub enum Event {
    /// Sent once at launch. `entropy` comes from the platform's secure random source (16 bytes
    /// or more); `utc_offset_minutes` is the local time zone, for showing dates.
    Start {
        entropy: Vec<u8>,
        utc_offset_minutes: i32,
    },
    Navigate {
        to: Destination,
    },
    /// Up one level: from a lesson to the path, from a checklist run to the list.
    Back,
    DismissNotice,

    // Lessons
    OpenLesson {
        lesson: String,
    },
    NextStep,
    PreviousStep,
    StartQuiz,

    // Quiz and review questions
    ChooseOption {
        option: String,
    },
    CheckAnswer,
    NextQuestion,
    RetryQuiz,
    StartReview,

    // Self-assessment
    StartAssessment,
    ShowLastResult,
    /// Picks the `value`th choice (from 0) of a scale or yes/no item.
    AnswerChoice {
        value: u32,
    },
    SetChannel {
        channel: String,
        frequency: Frequency,
    },
    NextItem,
    PreviousItem,

    // Checklists
    StartChecklist {
        checklist: String,
    },
    OpenRun {
        run: String,
    },
    /// Shows more of the earlier checklist runs.
    ShowMoreRuns,
    SetItem {
        run: String,
        item: String,
        done: bool,
    },
    SaveNote {
        run: String,
        item: String,
        note: String,
    },
    FinishRun {
        run: String,
    },

    // Settings
    SetDisplayName {
        name: String,
    },
    SetBackup {
        enabled: bool,
    },
    DeleteData,
    ConfirmDelete,
    CancelDelete,

    /// Answers to the core's own requests. Never sent by a shell.
    #[serde(skip)]
    #[facet(skip)]
    Internal(#[facet(opaque)] Internal),
}

/// Events the core sends itself, when an effect it asked for completes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Internal {
    /// A shell event, with the time it happened.
    Timed {
        event: Box<Event>,
        now_ms: u64,
    },
    Loaded(StoreResponse),
    /// The store answered an append of these records.
    Stored {
        response: StoreResponse,
        records: Vec<StoredRecord>,
    },
    Wiped(StoreResponse),
    /// The store answered a metadata write.
    MetaSaved(StoreResponse),
}
