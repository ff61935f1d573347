//! Helpers for the native runtime's tests: a runtime on a real folder, and waiting for views.
#![allow(dead_code, unreachable_pub)]

use std::path::Path;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use shared::Event;
use shared::native::{Options, Runtime};
use shared::view::{ScreenView, ViewModel};

/// How long any one wait may take before the test fails. Generous: the machine is shared.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// A runtime, as a shell holds it: it hears "the view changed" and reads the view.
pub struct Shell {
    pub runtime: Runtime,
    changes: Receiver<()>,
    /// The thread each view change was heard on.
    pub listener_threads: Arc<Mutex<Vec<std::thread::ThreadId>>>,
}

impl Shell {
    pub fn open(options: Options) -> Self {
        Self::try_open(options).unwrap_or_else(|e| panic!("open: {e}"))
    }

    pub fn try_open(options: Options) -> shared::native::error::Result<Self> {
        let (tell, changes) = mpsc::channel();
        let threads = Arc::new(Mutex::new(Vec::new()));
        let seen = threads.clone();
        let runtime = Runtime::open(
            options,
            Arc::new(move || {
                seen.lock().unwrap().push(std::thread::current().id());
                let _ = tell.send(());
            }),
        )?;
        Ok(Self {
            runtime,
            changes,
            listener_threads: threads,
        })
    }

    /// Opens on `dir` with the small fixture pack, and waits until progress has loaded.
    pub fn ready(dir: &Path) -> Self {
        let mut options = Options::new(dir);
        options.content = Some(crate::support::fixture());
        let shell = Self::open(options);
        shell.wait_for("progress to load", |v| {
            !matches!(v.screen, ScreenView::Loading { .. })
        });
        shell
    }

    pub fn send(&self, event: Event) {
        self.runtime.send(event).unwrap();
    }

    /// Presses the first button with this label in the current view.
    pub fn press(&self, label: &str) {
        let event = crate::support::button(&self.runtime.view(), label);
        self.send(event);
    }

    /// Waits until the view satisfies `done`, waking on each view change. Fails the test with
    /// the last view if it never does.
    pub fn wait_for(&self, what: &str, done: impl Fn(&ViewModel) -> bool) -> ViewModel {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let view = self.runtime.view();
            if done(&view) {
                return view;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "waited {PATIENCE:?} for {what}; the view is {}",
                serde_json::to_string_pretty(&view).unwrap()
            );
            let _ = self
                .changes
                .recv_timeout(left.min(Duration::from_millis(200)));
        }
    }
}

/// The lesson screen's step number, if a lesson is showing.
pub fn lesson_step(view: &ViewModel) -> Option<u32> {
    match &view.screen {
        ScreenView::Lesson(lesson) => Some(lesson.step.current),
        _ => None,
    }
}
