//! Settings: name, backup of private answers, and deleting data from this device.

use facet::Facet;
use serde::{Deserialize, Serialize};

use super::Action;
use crate::event::Event;
use crate::model::Model;
use crate::text;

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

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsView {
    pub heading: String,
    /// Typed by the learner; the shell sends `Event::SetDisplayName` with the text.
    pub name: TextFieldView,
    pub backup: ToggleView,
    pub delete_heading: String,
    pub delete_text: String,
    pub delete: DeleteView,
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
        about: text::about(&model.content.pack.title, model.content.pack.version),
    }
}
