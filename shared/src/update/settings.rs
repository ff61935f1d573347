//! Changing settings, and deleting this device's data.

use crux_core::Command;

use super::Cmd;

use crate::model::{Model, NoticeKind, Screen};
use crate::record::RecordBody;
use crate::text;

/// The longest display name, in characters.
pub(crate) const MAX_NAME_CHARS: usize = 60;

impl Model {
    pub(super) fn set_display_name(&mut self, name: &str) -> Cmd {
        let name = name.trim();
        if name.chars().count() > MAX_NAME_CHARS {
            self.inform(NoticeKind::Error, text::NAME_TOO_LONG);
            return Command::done();
        }
        if self.log.progress().settings.display_name() == name {
            return Command::done();
        }
        self.inform(NoticeKind::Success, text::NAME_SAVED);
        self.record(vec![RecordBody::DisplayNameSet {
            name: name.to_owned(),
        }])
    }

    pub(super) fn set_backup(&mut self, enabled: bool) -> Cmd {
        if self.log.progress().settings.backup() == enabled {
            return Command::done();
        }
        self.record(vec![RecordBody::BackupSet { enabled }])
    }

    pub(super) fn ask_delete(&mut self, confirm_delete: bool) -> Cmd {
        if matches!(self.screen, Screen::Settings { .. }) {
            self.screen = Screen::Settings { confirm_delete };
        }
        Command::done()
    }

    pub(super) fn confirm_delete(&mut self) -> Cmd {
        if self.screen
            != (Screen::Settings {
                confirm_delete: true,
            })
        {
            return Command::done();
        }
        self.screen = Screen::Settings {
            confirm_delete: false,
        };
        self.sign_out_and_wipe()
    }
}
