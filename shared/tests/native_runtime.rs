//! The native runtime end to end on real files: the core on its worker thread, SQLite storage,
//! closing and reopening, and the errors a shell sees.
#![cfg(feature = "native")]

mod native_support;
mod support;

use std::sync::{Arc, Mutex, OnceLock, Weak};

use crux_core::bridge::{BincodeFfiFormat, FfiFormat};
use native_support::{Shell, lesson_step};
use shared::effects::store::{StoreRequest, StoreResponse};
use shared::harness::Harness;
use shared::native::error::{Error, Kind};
use shared::native::store::Store;
use shared::native::{Options, Runtime};
use shared::view::{ScreenView, ViewModel};
use shared::{Destination, Event};

fn open_lesson() -> Event {
    Event::OpenLesson {
        lesson: "hello".into(),
    }
}

#[test]
fn a_learner_leaves_mid_lesson_and_resumes_there_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let shell = Shell::ready(dir.path());
    shell.send(open_lesson());
    shell.wait_for("the lesson", |v| lesson_step(v) == Some(1));
    shell.press("Next");
    shell.wait_for("step 2", |v| lesson_step(v) == Some(2));
    shell.send(Event::Navigate {
        to: Destination::Home,
    });
    shell.wait_for("home", |v| matches!(v.screen, ScreenView::Home(_)));
    shell.runtime.close();
    drop(shell);

    let shell = Shell::ready(dir.path());
    let view = shell.runtime.view();
    let ScreenView::Home(home) = &view.screen else {
        panic!("{view:?}")
    };
    let resume = home.resume.as_ref().expect("a lesson to resume");
    assert_eq!(resume.detail, "Basics. Step 2 of 3");
    shell.press("Continue");
    shell.wait_for("the lesson at step 2", |v| lesson_step(v) == Some(2));
}

#[test]
fn the_shell_hears_of_changes_on_a_worker_thread_never_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let shell = Shell::ready(dir.path());
    shell.send(open_lesson());
    shell.wait_for("the lesson", |v| lesson_step(v) == Some(1));
    let threads = shell.listener_threads.lock().unwrap().clone();
    assert!(!threads.is_empty());
    assert!(threads.iter().all(|t| *t != std::thread::current().id()));
}

#[test]
fn everything_sent_before_close_is_stored_as_the_in_memory_shell_stores_it() {
    let events: Vec<Event> = std::iter::once(open_lesson())
        .chain((0..15).flat_map(|_| [Event::NextStep, Event::PreviousStep]))
        .chain([Event::SetDisplayName {
            name: "Cllr Patel".into(),
        }])
        .collect();

    // The reference: the same events through the in-memory shell.
    let mut harness = Harness::new(support::fixture());
    harness.start();
    for event in &events {
        harness.send(event.clone());
    }
    let expected: Vec<String> = harness
        .store
        .records
        .iter()
        .map(|r| r.record.kind.clone())
        .collect();
    assert!(expected.len() > 30, "{expected:?}");

    let dir = tempfile::tempdir().unwrap();
    let shell = Shell::ready(dir.path());
    for event in events {
        shell.send(event);
    }
    // Close at once: closing waits for storage to finish what the core asked of it.
    shell.runtime.close();
    let mut store = Store::open(dir.path()).unwrap();
    let StoreResponse::Loaded(snapshot) = store.handle(&StoreRequest::Load) else {
        panic!()
    };
    let stored: Vec<String> = snapshot
        .records
        .iter()
        .map(|r| r.record.kind.clone())
        .collect();
    assert_eq!(stored, expected);
    assert!(snapshot.meta("device_id").is_some());
}

#[test]
fn after_close_events_fail_the_view_stays_and_closing_again_is_harmless() {
    let dir = tempfile::tempdir().unwrap();
    let shell = Shell::ready(dir.path());
    shell.runtime.close();
    assert!(matches!(
        shell.runtime.send(Event::NextStep),
        Err(Error::Closed)
    ));
    assert_eq!(
        shell.runtime.send_json("\"NextStep\"").unwrap_err().kind(),
        Kind::Closed
    );
    assert!(matches!(shell.runtime.view().screen, ScreenView::Home(_)));
    shell.runtime.close();
}

#[test]
fn a_listener_may_close_the_runtime_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let slot: Arc<OnceLock<Weak<Runtime>>> = Arc::new(OnceLock::new());
    let closed = Arc::new(Mutex::new(false));
    let (from_listener, closed_in_listener) = (slot.clone(), closed.clone());
    let mut options = Options::new(dir.path());
    options.content = Some(support::fixture());
    let runtime = Arc::new(
        Runtime::open(
            options,
            Arc::new(move || {
                if let Some(runtime) = from_listener.get().and_then(Weak::upgrade) {
                    runtime.close();
                    *closed_in_listener.lock().unwrap() = true;
                }
            }),
        )
        .unwrap(),
    );
    slot.set(Arc::downgrade(&runtime)).unwrap();
    // Wait for any render to reach the listener.
    let deadline = std::time::Instant::now() + native_support::PATIENCE;
    while !*closed.lock().unwrap() {
        // The start event may have rendered before the slot was filled; poke the core.
        let _ = runtime.send(Event::DismissNotice);
        assert!(
            std::time::Instant::now() < deadline,
            "the listener never ran"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(matches!(runtime.send(Event::NextStep), Err(Error::Closed)));
}

#[test]
fn bytes_that_are_not_an_event_are_refused_with_an_invalid_event_error() {
    let dir = tempfile::tempdir().unwrap();
    let shell = Shell::ready(dir.path());
    let error = shell.runtime.send_bincode(&[0xFF, 0xFF, 0xFF]).unwrap_err();
    assert_eq!(error.kind(), Kind::InvalidEvent);
    assert!(error.user_message().contains("Update the app"));
    let error = shell.runtime.send_json("{\"Teleport\":{}}").unwrap_err();
    assert_eq!(error.kind(), Kind::InvalidEvent);
    // A good event still works after the bad ones.
    let mut bytes = Vec::new();
    BincodeFfiFormat::serialize(&mut bytes, &open_lesson()).unwrap();
    shell.runtime.send_bincode(&bytes).unwrap();
    shell.wait_for("the lesson", |v| lesson_step(v) == Some(1));
}

#[test]
fn the_bincode_and_json_views_are_the_same_view_model() {
    let dir = tempfile::tempdir().unwrap();
    let shell = Shell::ready(dir.path());
    let view = shell.runtime.view();
    let from_bincode: ViewModel =
        BincodeFfiFormat::deserialize(&shell.runtime.view_bincode()).unwrap();
    let from_json: ViewModel = serde_json::from_str(&shell.runtime.view_json()).unwrap();
    assert_eq!(from_bincode, view);
    assert_eq!(from_json, view);
}

#[test]
fn a_damaged_database_is_kept_and_the_view_warns_until_the_next_launch() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("progress.db"), vec![0x42; 10_000]).unwrap();
    let shell = Shell::ready(dir.path());
    let view = shell.runtime.view();
    let warning = view.warning.expect("a warning");
    assert!(warning.contains("could not be read"), "{warning}");
    assert!(warning.contains("progress.db.corrupt-"), "{warning}");
    assert!(
        matches!(view.screen, ScreenView::Home(_)),
        "the app is usable"
    );
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains(".corrupt-"))
        .unwrap();
    assert_eq!(std::fs::read(kept).unwrap(), vec![0x42; 10_000]);
}

#[test]
fn a_folder_that_cannot_be_used_fails_to_open_with_a_storage_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, b"").unwrap();
    let error = Shell::try_open(Options::new(file.join("data")))
        .err()
        .unwrap();
    assert_eq!(error.kind(), Kind::Storage);
    assert!(error.user_message().contains("data folder"));
}
