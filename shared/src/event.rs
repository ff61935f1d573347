//! Events: what the shell tells the core. Most come straight from a button in the view model.

use facet::Facet;
use serde::{Deserialize, Serialize};

use crux_http::protocol::HttpResult;

use crate::effects::store::StoreResponse;
use crate::record::{Frequency, StoredRecord};
use crate::sync::client::SignOut;
use crate::update::sign_out::Then;

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
    /// "Share my progress with my programme lead": from the question after joining, or Settings.
    SetProgressSharing {
        enabled: bool,
    },
    /// "Add my result to the anonymous baseline".
    SetBaselineSharing {
        enabled: bool,
    },
    /// "Was this useful?" on a quiz result or a finished checklist run: a rating from 1 to 5,
    /// a comment (may be empty), and whether the programme lead may read the comment.
    RateUseful {
        rating: u32,
        comment: String,
        share_comment: bool,
    },
    DeleteData,
    ConfirmDelete,
    CancelDelete,

    // Sync
    /// The shell's view of the network changed.
    ConnectivityChanged {
        online: bool,
    },
    /// Sent by the shell about once a minute while the app is in view, so times like
    /// "Synced 2 minutes ago" stay true.
    Tick,
    /// Join a council's programme with the code a programme lead gave out.
    Join {
        server: String,
        code: String,
    },
    /// On a device that has joined: get a code for adding another device.
    StartPairing,
    /// On a new device: join with a pairing code from a device that has joined.
    Pair {
        server: String,
        code: String,
    },
    SyncNow,
    DeleteAccount,
    ConfirmDeleteAccount,
    CancelDeleteAccount,

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
    /// The store answered a wipe; `pending` is a sign-out still to send.
    Wiped {
        response: StoreResponse,
        pending: Option<Box<SignOut>>,
    },
    /// The server answered a sign-out of this device.
    SignedOut {
        result: HttpResult,
        // Boxed: events are moved often, and this rare one should not make them all larger.
        pending: Box<SignOut>,
        then: Then,
    },
    /// The store answered a metadata write.
    MetaSaved(StoreResponse),
    /// The server answered a sync request that carried these record ids.
    SyncAnswered {
        sent: Vec<String>,
        result: HttpResult,
    },
    /// The server answered a request to join (by code or by pairing).
    Joined {
        server: String,
        result: HttpResult,
    },
    PairingStarted(HttpResult),
    PackFetched(HttpResult),
    AccountDeleted(HttpResult),
    /// A debounce or backoff wait is over.
    SyncTimer,
}

impl Internal {
    /// Whether handling this needs the time now: answers from the network and timers arrive
    /// later than the event that caused them, so they are stamped like a shell event.
    pub fn needs_time(&self) -> bool {
        matches!(
            self,
            Self::SyncAnswered { .. }
                | Self::Joined { .. }
                | Self::PairingStarted(_)
                | Self::PackFetched(_)
                | Self::AccountDeleted(_)
                | Self::SignedOut { .. }
                | Self::SyncTimer
        )
    }
}
