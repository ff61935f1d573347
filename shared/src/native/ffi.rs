//! The object Swift, Kotlin and Python call, exported with uniffi.
//!
//! One object, [`CoreRuntime`]: open it on a data folder with a [`ViewListener`], send it
//! events, read the view model when told it changed, and close it. Events and view models cross
//! as bytes in the Crux bridge format (bincode), decoded by the types `cargo xtask ffi` generates
//! for each shell; the JSON pair is a debugging aid for tests and tools.
//!
//! Errors cross as [`CoreError`]: a handful of cases a shell handles differently, each with a
//! message a person can act on. The internal [`Error`] keeps the technical detail.

use std::path::PathBuf;
use std::sync::Arc;

use super::error::{Error, Kind};
use super::{Options, Runtime};

uniffi::setup_scaffolding!();

/// What can go wrong, as a shell sees it. Each message says what happened and what to do.
///
/// Flat: each case reaches Swift, Kotlin and Python as its message (`error.message`, `str(e)`),
/// which is the text to show.
#[derive(Debug, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum CoreError {
    /// Progress cannot be stored in the data folder: it is not writable, the device is full,
    /// or the file was saved by a newer version of the app.
    #[error("{detail}")]
    Storage { detail: String },
    /// The shell sent bytes or JSON that are not an event of this core: the shell and the
    /// library are from different builds.
    #[error("{detail}")]
    InvalidEvent { detail: String },
    /// The device could not start the runtime's background threads or give it random numbers.
    #[error("{detail}")]
    Platform { detail: String },
    /// The runtime was closed; open a new one to go on.
    #[error("The app's core was closed. Open it again to continue.")]
    Closed,
}

impl From<Error> for CoreError {
    fn from(error: Error) -> Self {
        let detail = error.user_message();
        match error.kind() {
            Kind::Storage => Self::Storage { detail },
            Kind::InvalidEvent => Self::InvalidEvent { detail },
            Kind::Platform => Self::Platform { detail },
            Kind::Closed => Self::Closed,
        }
    }
}

/// How the shell hears that the view model changed. Called on a background thread: read the
/// new view with [`CoreRuntime::view`] (or hop to the UI thread first) and return quickly.
#[uniffi::export(callback_interface)]
pub trait ViewListener: Send + Sync {
    fn view_changed(&self);
}

/// The core with its storage, clock and network: everything a native shell talks to.
#[derive(uniffi::Object)]
pub struct CoreRuntime {
    runtime: Runtime,
}

impl std::fmt::Debug for CoreRuntime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CoreRuntime").finish_non_exhaustive()
    }
}

// uniffi hands arguments over owned; borrowing them would not save a copy.
#[allow(clippy::needless_pass_by_value)]
#[uniffi::export]
impl CoreRuntime {
    /// Opens the progress database in `data_dir` (created if missing) and starts the core.
    ///
    /// This reads the disk, so call it off the UI thread. A damaged database does not fail
    /// here: it is moved aside and the view's warning says where it went. This fails only when
    /// no database can be made in `data_dir` at all.
    #[uniffi::constructor]
    pub fn open(data_dir: String, listener: Box<dyn ViewListener>) -> Result<Arc<Self>, CoreError> {
        Self::open_with(Options::new(PathBuf::from(data_dir)), listener)
    }

    /// Sends an event, encoded in the Crux bridge format (bincode). Returns at once.
    pub fn send(&self, event: Vec<u8>) -> Result<(), CoreError> {
        Ok(self.runtime.send_bincode(&event)?)
    }

    /// Sends an event as JSON, for tests and tools.
    pub fn send_json(&self, event: String) -> Result<(), CoreError> {
        Ok(self.runtime.send_json(&event)?)
    }

    /// The current view model, encoded in the Crux bridge format (bincode).
    pub fn view(&self) -> Vec<u8> {
        self.runtime.view_bincode()
    }

    /// The current view model as JSON, for tests and tools.
    pub fn view_json(&self) -> String {
        self.runtime.view_json()
    }

    /// Finishes storing what the core has asked to store, and closes the database. Events sent
    /// afterwards fail with `Closed`; the last view stays readable.
    ///
    /// Named `shutdown`, not `close`, because Kotlin's bindings already give the object an
    /// `AutoCloseable.close()` that frees the Rust object. Freeing it shuts it down too.
    pub fn shutdown(&self) {
        self.runtime.close();
    }
}

impl CoreRuntime {
    /// Opens a runtime with options the shells do not need (another content pack, a storage
    /// observer), for tests and benchmarks of the exported object.
    pub fn open_with(
        options: Options,
        listener: Box<dyn ViewListener>,
    ) -> Result<Arc<Self>, CoreError> {
        let listener: Arc<dyn ViewListener> = Arc::from(listener);
        let runtime = Runtime::open(options, Arc::new(move || listener.view_changed()))?;
        Ok(Arc::new(Self { runtime }))
    }
}
