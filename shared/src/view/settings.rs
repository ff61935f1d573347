//! Settings: name, backup of private answers, and deleting data from this device.

use facet::Facet;
use serde::{Deserialize, Serialize};

use super::Action;
use super::sharing::{self, SharePromptView, SharingView};
use crate::event::Event;
use crate::model::Model;
use crate::record::{Record, RecordBody};
use crate::sync::client::Phase;
use crate::{text, when};

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextFieldView {
    pub label: String,
    pub hint: String,
    pub value: String,
    pub save_label: String,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToggleView {
    pub label: String,
    pub hint: String,
    pub on: bool,
    pub state_text: String,
    pub toggle: Action,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[repr(C)]
pub enum DeleteView {
    Ready {
        action: Action,
    },
    Confirming {
        warning: String,
        confirm: Action,
        cancel: Action,
    },
}

/// A record the server refused, and why.
#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProblemView {
    pub what: String,
    pub reason: String,
}

/// Joining a council's server, by programme code or by pairing with another device.
/// The shell sends `Event::Join { server, code }` or `Event::Pair { server, code }` with what
/// was typed.
#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinView {
    pub heading: String,
    pub text: String,
    pub server: TextFieldView,
    pub code: TextFieldView,
    pub pair_heading: String,
    pub pair_text: String,
    pub pair_code: TextFieldView,
    /// "Please wait…" while a request is out; the shell disables the buttons.
    pub busy: Option<String>,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinedView {
    pub status: String,
    pub sync_text: String,
    pub sync_now: Action,
    pub add_device: Option<Action>,
    pub pairing_text: Option<String>,
    pub problems_heading: String,
    pub problems_text: String,
    pub problems: Vec<ProblemView>,
    pub delete_heading: String,
    pub delete_text: String,
    pub delete: DeleteView,
    pub busy: Option<String>,
    /// Asked once after joining: share progress with the programme lead?
    pub share_prompt: Option<SharePromptView>,
}

// One per render; boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[repr(C)]
pub enum SyncSettingsView {
    Join(JoinView),
    Joined(JoinedView),
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsView {
    pub heading: String,
    /// Typed by the learner; the shell sends `Event::SetDisplayName` with the text.
    pub name: TextFieldView,
    pub backup: ToggleView,
    pub sharing: SharingView,
    pub delete_heading: String,
    pub delete_text: String,
    pub delete: DeleteView,
    pub sync_heading: String,
    pub sync: SyncSettingsView,
    pub about: String,
}

pub(super) fn build(model: &Model, confirm_delete: bool) -> SettingsView {
    let settings = &model.log.progress().settings;
    let backup = settings.backup();
    SettingsView {
        heading: text::SETTINGS_HEADING.to_owned(),
        name: TextFieldView {
            label: text::NAME_LABEL.to_owned(),
            hint: text::NAME_HINT.to_owned(),
            value: settings.display_name().to_owned(),
            save_label: text::SAVE.to_owned(),
        },
        backup: ToggleView {
            label: text::BACKUP_LABEL.to_owned(),
            hint: text::BACKUP_HINT.to_owned(),
            on: backup,
            state_text: if backup {
                text::BACKUP_ON
            } else {
                text::BACKUP_OFF
            }
            .to_owned(),
            toggle: Action::new(
                if backup {
                    text::TURN_OFF
                } else {
                    text::TURN_ON
                },
                Event::SetBackup { enabled: !backup },
            ),
        },
        sharing: sharing::section(model),
        delete_heading: text::DELETE_HEADING.to_owned(),
        delete_text: text::DELETE_TEXT.to_owned(),
        delete: if confirm_delete {
            DeleteView::Confirming {
                warning: text::DELETE_WARNING.to_owned(),
                confirm: Action::new(text::DELETE_CONFIRM, Event::ConfirmDelete),
                cancel: Action::new(text::CANCEL, Event::CancelDelete),
            }
        } else {
            DeleteView::Ready {
                action: Action::new(text::DELETE, Event::DeleteData),
            }
        },
        sync_heading: text::SYNC_HEADING.to_owned(),
        sync: sync(model),
        about: text::about(&model.content.pack.title, model.content.pack.version),
    }
}

fn field(label: &str, hint: &str, value: &str, action: &str) -> TextFieldView {
    TextFieldView {
        label: label.to_owned(),
        hint: hint.to_owned(),
        value: value.to_owned(),
        save_label: action.to_owned(),
    }
}

fn sync(model: &Model) -> SyncSettingsView {
    let state = &model.sync;
    let busy = state.busy.map(|_| text::WORKING.to_owned());
    let Some(link) = &state.link else {
        return SyncSettingsView::Join(JoinView {
            heading: text::JOIN_HEADING.to_owned(),
            text: text::JOIN_TEXT.to_owned(),
            server: field(text::SERVER_LABEL, text::SERVER_HINT, "", text::JOIN),
            code: field(text::CODE_LABEL, "", "", text::JOIN),
            pair_heading: text::PAIR_HEADING.to_owned(),
            pair_text: text::PAIR_TEXT.to_owned(),
            pair_code: field(text::PAIR_CODE_LABEL, text::PAIR_CODE_HINT, "", text::PAIR),
            busy,
        });
    };
    let offset = model.clock.utc_offset_minutes();
    let pairing_text = state
        .pairing
        .as_ref()
        .filter(|p| p.expires_at_ms > model.now_ms())
        .map(|p| text::pairing_code(&spaced(&p.code), &when::clock_time(p.expires_at_ms, offset)));
    let mut problems: Vec<(&Record, &str)> = model
        .outbox
        .rejected()
        .filter_map(|(id, reason)| model.log.get(id).map(|r| (r, reason)))
        .collect();
    problems.sort_by(|a, b| a.0.order_key().cmp(&b.0.order_key()));
    SyncSettingsView::Joined(JoinedView {
        status: text::joined_to(&link.cohort),
        sync_text: super::sync(model).text,
        sync_now: Action::new(text::SYNC_NOW, Event::SyncNow),
        add_device: (state.phase != Phase::SignedOut)
            .then(|| Action::new(text::ADD_DEVICE, Event::StartPairing)),
        pairing_text,
        problems_heading: text::PROBLEMS_HEADING.to_owned(),
        problems_text: text::PROBLEMS_TEXT.to_owned(),
        problems: problems
            .into_iter()
            .map(|(record, reason)| ProblemView {
                what: describe(model, record),
                reason: reason.to_owned(),
            })
            .collect(),
        delete_heading: text::DELETE_ACCOUNT_HEADING.to_owned(),
        delete_text: text::DELETE_ACCOUNT_TEXT.to_owned(),
        delete: if state.confirm_delete_account {
            DeleteView::Confirming {
                warning: text::DELETE_ACCOUNT_WARNING.to_owned(),
                confirm: Action::new(text::DELETE_ACCOUNT_CONFIRM, Event::ConfirmDeleteAccount),
                cancel: Action::new(text::CANCEL, Event::CancelDeleteAccount),
            }
        } else {
            DeleteView::Ready {
                action: Action::new(text::DELETE_ACCOUNT, Event::DeleteAccount),
            }
        },
        busy,
        share_prompt: sharing::prompt(model),
    })
}

/// "123 456": easier to read out and type.
/// A pairing code as the learner reads it out or types it: groups of four, with spaces.
fn spaced(code: &str) -> String {
    code.replace('-', " ")
}

/// What a record was, in words, with the date it was made.
fn describe(model: &Model, record: &Record) -> String {
    let content = &model.content;
    let lesson_title = |id: &str| {
        content
            .lesson(id)
            .map_or_else(|| id.to_owned(), |(_, l)| l.title.clone())
    };
    let what = match &record.body {
        RecordBody::StepReached { lesson, .. } => format!("Reading: {}", lesson_title(lesson)),
        RecordBody::QuizAnswered { lesson, .. } | RecordBody::QuizFinished { lesson, .. } => {
            format!("Quiz: {}", lesson_title(lesson))
        }
        RecordBody::ReviewAnswered { .. } => "A review answer".to_owned(),
        RecordBody::AssessmentCompleted { .. } => "Your self-assessment".to_owned(),
        RecordBody::ChecklistStarted { .. }
        | RecordBody::ChecklistItemSet { .. }
        | RecordBody::ChecklistFinished { .. } => "A checklist".to_owned(),
        RecordBody::ChecklistNoteSet { .. } => "A checklist note".to_owned(),
        RecordBody::DisplayNameSet { .. } => "Your name".to_owned(),
        RecordBody::BackupSet { .. } => "Your backup setting".to_owned(),
        RecordBody::ProgressSharingSet { .. } => "Your choice to share progress".to_owned(),
        RecordBody::BaselineSharingSet { .. } | RecordBody::BaselineResult { .. } => {
            "Your baseline result".to_owned()
        }
        RecordBody::UsefulnessRated { .. } | RecordBody::UsefulnessComment { .. } => {
            "Your rating".to_owned()
        }
    };
    format!(
        "{what} ({})",
        when::date(record.hlc.wall_ms, model.clock.utc_offset_minutes())
    )
}
