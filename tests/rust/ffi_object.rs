//! The exported `CoreRuntime` called in process, through the same methods the generated
//! bindings call: bytes in the Crux bridge format in and out, the listener, and the public
//! error a shell sees.

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crux_core::bridge::{BincodeFfiFormat, FfiFormat};
use native_tests::{CoreError, CoreRuntime, ViewListener};
use shared::view::{ScreenView, ViewModel};
use shared::{Destination, Event};

struct Listener(Mutex<Sender<()>>);

impl ViewListener for Listener {
    fn view_changed(&self) {
        let _ = self.0.lock().unwrap().send(());
    }
}

fn open(dir: &std::path::Path) -> (Arc<CoreRuntime>, Receiver<()>) {
    let (tell, changes) = mpsc::channel();
    let runtime = CoreRuntime::open(
        dir.to_string_lossy().into_owned(),
        Box::new(Listener(Mutex::new(tell))),
    )
    .unwrap();
    (runtime, changes)
}

fn view(runtime: &CoreRuntime) -> ViewModel {
    BincodeFfiFormat::deserialize(&runtime.view()).unwrap()
}

fn send(runtime: &CoreRuntime, event: &Event) {
    let mut bytes = Vec::new();
    BincodeFfiFormat::serialize(&mut bytes, event).unwrap();
    runtime.send(bytes).unwrap();
}

fn wait_for(
    runtime: &CoreRuntime,
    changes: &Receiver<()>,
    done: impl Fn(&ViewModel) -> bool,
) -> ViewModel {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let view = view(runtime);
        if done(&view) {
            return view;
        }
        assert!(
            Instant::now() < deadline,
            "gave up waiting; the view is {view:?}"
        );
        let _ = changes.recv_timeout(Duration::from_millis(200));
    }
}

#[test]
fn a_lesson_opens_through_the_exported_object() {
    let dir = tempfile::tempdir().unwrap();
    let (runtime, changes) = open(dir.path());
    wait_for(&runtime, &changes, |v| {
        matches!(v.screen, ScreenView::Home(_))
    });
    send(
        &runtime,
        &Event::Navigate {
            to: Destination::Path,
        },
    );
    let view = wait_for(&runtime, &changes, |v| {
        matches!(v.screen, ScreenView::Path(_))
    });
    let ScreenView::Path(path) = view.screen else {
        unreachable!()
    };
    let first = path.modules[0].lessons[0].open.clone().expect("open");
    send(&runtime, &first.event);
    let view = wait_for(&runtime, &changes, |v| {
        matches!(v.screen, ScreenView::Lesson(_))
    });
    assert!(view.back.is_some());

    // The JSON pair shows the same thing.
    let json: ViewModel = serde_json::from_str(&runtime.view_json()).unwrap();
    assert_eq!(json, view);
    runtime.send_json("\"Back\"".to_owned()).unwrap();
    wait_for(&runtime, &changes, |v| {
        matches!(v.screen, ScreenView::Path(_))
    });
    runtime.shutdown();
}

#[test]
fn the_public_error_names_the_case_and_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file");
    std::fs::write(&file, b"").unwrap();
    let (tell, _changes) = mpsc::channel();
    let error = CoreRuntime::open(
        file.join("data").to_string_lossy().into_owned(),
        Box::new(Listener(Mutex::new(tell))),
    )
    .unwrap_err();
    let CoreError::Storage { detail } = &error else {
        panic!("{error:?}")
    };
    assert!(
        detail.starts_with("The app's data folder cannot be used"),
        "{detail}"
    );
    assert_eq!(error.to_string(), *detail);

    let (runtime, _changes) = open(dir.path());
    assert!(matches!(
        runtime.send(vec![9, 9, 9]),
        Err(CoreError::InvalidEvent { .. })
    ));
    assert!(matches!(
        runtime.send_json("not json".to_owned()),
        Err(CoreError::InvalidEvent { .. })
    ));
    runtime.shutdown();
    let closed = runtime.send_json("\"Back\"".to_owned()).unwrap_err();
    assert!(matches!(closed, CoreError::Closed));
    assert!(closed.to_string().contains("Open it again"));
}
