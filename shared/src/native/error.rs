//! The runtime's internal error: what went wrong, with enough context to debug it.
//!
//! Shells never see this type. [`Error::kind`] sorts it into the few cases a shell handles
//! differently, and [`Error::user_message`] says it in words a person can act on; the FFI turns
//! both into its small public error (`CoreError` in [`super::ffi`]).

use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

/// What went wrong inside the native runtime.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A SQLite call failed. `context` says what the runtime was doing.
    #[error("{context}: {source}")]
    Sqlite {
        context: &'static str,
        #[source]
        source: rusqlite::Error,
    },
    /// A file system call failed on `path`.
    #[error("{context} {}: {source}", path.display())]
    Io {
        context: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The database's schema is newer than this build knows: the app was downgraded.
    #[error("the database is at schema version {found}, but this build knows only up to {known}")]
    TooNew { found: i64, known: i64 },
    /// The file does not start with SQLite's header: it was overwritten or truncated.
    #[error("the file is not a database (its header is wrong)")]
    NotADatabase,
    /// The file is a SQLite database, but not this app's.
    #[error("the file is not this app's progress database")]
    Foreign,
    /// The platform's secure random source failed.
    #[error("no secure random numbers: {0}")]
    Entropy(getrandom::Error),
    /// A worker thread could not be started.
    #[error("could not start the {name} thread: {source}")]
    Thread {
        name: &'static str,
        #[source]
        source: std::io::Error,
    },
    /// The bytes or JSON sent were not an event of this core.
    #[error("not an event this core understands: {0}")]
    BadEvent(String),
    /// The runtime was closed, so it takes no more events.
    #[error("the runtime is closed")]
    Closed,
}

/// The few kinds of failure a shell tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Progress cannot be stored: the folder is not writable, the disk is full, and so on.
    Storage,
    /// The shell sent something that is not an event.
    InvalidEvent,
    /// The runtime was already closed.
    Closed,
    /// The device lacks something the app needs (random numbers, threads).
    Platform,
}

impl Error {
    pub(crate) fn sqlite(context: &'static str) -> impl FnOnce(rusqlite::Error) -> Self {
        move |source| Self::Sqlite { context, source }
    }

    pub(crate) fn io(context: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.to_path_buf();
        move |source| Self::Io {
            context,
            path,
            source,
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Self::Sqlite { .. }
            | Self::Io { .. }
            | Self::TooNew { .. }
            | Self::NotADatabase
            | Self::Foreign => Kind::Storage,
            Self::BadEvent(_) => Kind::InvalidEvent,
            Self::Closed => Kind::Closed,
            Self::Entropy(_) | Self::Thread { .. } => Kind::Platform,
        }
    }

    /// The SQLite error code, when SQLite said what kind of failure it was.
    pub(crate) fn sqlite_code(&self) -> Option<ErrorCode> {
        match self {
            Self::Sqlite {
                source: rusqlite::Error::SqliteFailure(failure, _),
                ..
            } => Some(failure.code),
            _ => None,
        }
    }

    /// Whether the database file itself is damaged or is not a database at all, as opposed to
    /// the device refusing access. Only a damaged file is moved aside.
    pub(crate) fn is_corruption(&self) -> bool {
        matches!(self, Self::Foreign | Self::NotADatabase)
            || matches!(
                self.sqlite_code(),
                Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
            )
    }

    /// What happened and what to do about it, for a person. The technical detail follows in
    /// brackets so that a support request carries it.
    pub fn user_message(&self) -> String {
        let advice = match self {
            Self::TooNew { .. } => {
                "Your progress was saved by a newer version of the app. Update the app to open it."
            }
            Self::Io { source, .. } if source.kind() == std::io::ErrorKind::StorageFull => {
                "The device is out of storage space, so progress cannot be saved. Free some space, then open the app again."
            }
            Self::Io { source, .. }
                if matches!(
                    source.kind(),
                    std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
                ) =>
            {
                "The app is not allowed to write to its data folder. Check the app's storage permission, then open the app again."
            }
            Self::Io { .. } => {
                "The app's data folder cannot be used. Check that it exists and can be written, then open the app again."
            }
            Self::NotADatabase => {
                "The progress file is damaged. Move it out of the app's data folder, then open the app again."
            }
            Self::Foreign => {
                "The progress file is not one this app made. Move it out of the app's data folder, then open the app again."
            }
            Self::Sqlite { .. } => match self.sqlite_code() {
                Some(ErrorCode::DiskFull) => {
                    "The device is out of storage space, so progress cannot be saved. Free some space, then try again."
                }
                Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied | ErrorCode::CannotOpen) => {
                    "The app cannot write its progress file. Check the app's storage permission and free space, then open the app again."
                }
                Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                    "The progress file is in use by another copy of the app. Close the other copy, then try again."
                }
                _ => {
                    "Progress could not be saved on this device. Try again; if it keeps failing, restart the device."
                }
            },
            Self::Entropy(_) | Self::Thread { .. } => {
                "The device could not start the app's background work. Restart the device, then open the app again."
            }
            Self::BadEvent(_) => {
                "The app sent the core something it does not understand. Update the app; if that does not help, report this."
            }
            Self::Closed => "The app's core was closed. Open the app again.",
        };
        format!("{advice} ({self})")
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_that_cannot_be_written_says_what_to_check() {
        let error = Error::io("could not create the data folder", Path::new("/data/app"))(
            std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        );
        let message = error.user_message();
        assert_eq!(error.kind(), Kind::Storage);
        assert!(
            message.starts_with("The app is not allowed to write"),
            "{message}"
        );
        assert!(message.contains("/data/app"), "{message}");
    }

    #[test]
    fn only_a_damaged_file_counts_as_corruption() {
        let failure = |code| Error::Sqlite {
            context: "test",
            source: rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None),
        };
        assert!(failure(rusqlite::ffi::SQLITE_NOTADB).is_corruption());
        assert!(failure(rusqlite::ffi::SQLITE_CORRUPT).is_corruption());
        assert!(!failure(rusqlite::ffi::SQLITE_CANTOPEN).is_corruption());
        assert!(
            failure(rusqlite::ffi::SQLITE_FULL)
                .user_message()
                .contains("out of storage space")
        );
    }
}
