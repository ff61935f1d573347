//! Sync end to end: real native runtimes (their own SQLite files, reqwest over loopback) against
//! the real `nc-server` binary on 127.0.0.1, with faults: devices offline, the server killed
//! mid-sync, and a connection cut in the middle of the server's answer.
//!
//! The server binary must be built (`cargo test --workspace` builds it; alone,
//! `cargo build -p server --bin nc-server`).

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use server::testing::{TempDir, TestServer, binary_path};
use shared::native::{Options, Runtime};
use shared::view::{ScreenView, SyncSettingsView, SyncState, ViewModel};
use shared::{Destination, Event};

const PATIENCE: Duration = Duration::from_secs(30);

/// A learner's device: the native runtime on its own data folder.
struct Device {
    runtime: Runtime,
    dir: TempDir,
}

impl Device {
    fn open(label: &str) -> Self {
        let dir = TempDir::new(label).expect("a temporary folder");
        let runtime =
            Runtime::open(Options::new(dir.path()), Arc::new(|| {})).expect("the runtime opens");
        let device = Self { runtime, dir };
        device.wait_for("the app to open", |v| {
            matches!(v.screen, ScreenView::Home(_))
        });
        device
    }

    fn send(&self, event: Event) {
        self.runtime.send(event).expect("the runtime takes events");
    }

    fn view(&self) -> ViewModel {
        self.runtime.view()
    }

    /// Waits until the view satisfies `done`, failing with the last view if it never does.
    fn wait_for(&self, what: &str, done: impl Fn(&ViewModel) -> bool) -> ViewModel {
        let started = Instant::now();
        loop {
            let view = self.view();
            if done(&view) {
                return view;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "timed out waiting for {what}; last view: {view:?}"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn join(&self, server: &str, code: &str) {
        self.send(Event::Join {
            server: server.to_owned(),
            code: code.to_owned(),
        });
        self.wait_for("joining", |v| v.sync.state != SyncState::LocalOnly);
    }

    fn settings(&self) -> SyncSettingsView {
        self.send(Event::Navigate {
            to: Destination::Settings,
        });
        let view = self.wait_for("settings", |v| matches!(v.screen, ScreenView::Settings(_)));
        let ScreenView::Settings(settings) = view.screen else {
            unreachable!()
        };
        settings.sync
    }

    /// A pairing code from this (joined) device, as its settings screen shows it.
    fn pairing_code(&self) -> String {
        self.settings();
        self.send(Event::StartPairing);
        let view = self.wait_for("a pairing code", |v| match &v.screen {
            ScreenView::Settings(s) => {
                matches!(&s.sync, SyncSettingsView::Joined(j) if j.pairing_text.is_some())
            }
            _ => false,
        });
        let ScreenView::Settings(settings) = view.screen else {
            unreachable!()
        };
        let SyncSettingsView::Joined(joined) = settings.sync else {
            unreachable!()
        };
        // "Enter this code on your other device: K7QM 3XPA 9RTW. It works until…": the three
        // groups of four after the colon, typed as shown.
        let text = joined.pairing_text.unwrap();
        let after = text.split_once(": ").map_or("", |(_, rest)| rest);
        after.split(". ").next().unwrap_or_default().to_owned()
    }

    /// Syncs now and waits until nothing is waiting and the last sync succeeded.
    fn sync(&self) {
        self.send(Event::SyncNow);
        // Events are handled in order: once both of these screens have shown, one after the
        // other, "Sync now" has been handled, so the sync state read next is not from before
        // it. (One screen would not do: the view may already be showing it.)
        self.send(Event::Navigate {
            to: Destination::Settings,
        });
        self.wait_for("sync now to be handled", |v| {
            matches!(v.screen, ScreenView::Settings(_))
        });
        self.send(Event::Navigate {
            to: Destination::Checklists,
        });
        self.wait_for("sync now to be handled", |v| {
            matches!(v.screen, ScreenView::Checklists(_))
        });
        self.wait_for("a finished sync", |v| {
            v.sync.state == SyncState::Synced
                && !v.sync.text.contains("waiting")
                && v.sync.text.starts_with("Synced")
        });
    }

    fn path(&self) -> ScreenView {
        self.send(Event::Navigate {
            to: Destination::Path,
        });
        self.wait_for("the path", |v| matches!(v.screen, ScreenView::Path(_)))
            .screen
    }

    fn checklists(&self) -> ScreenView {
        self.send(Event::Navigate {
            to: Destination::Checklists,
        });
        self.wait_for("the checklists", |v| {
            matches!(v.screen, ScreenView::Checklists(_))
        })
        .screen
    }

    /// Passes the first lesson's quiz with its right answers.
    fn pass_first_lesson(&self) {
        let content = shared::pack::Content::default_content();
        let lesson = content.pack.lessons().next().unwrap().clone();
        self.send(Event::OpenLesson {
            lesson: lesson.id.clone(),
        });
        for _ in 1..lesson.steps.len() {
            self.send(Event::NextStep);
        }
        self.send(Event::StartQuiz);
        for question in &lesson.quiz.questions {
            for option in question.options.iter().filter(|o| o.correct) {
                self.send(Event::ChooseOption {
                    option: option.id.clone(),
                });
            }
            self.send(Event::CheckAnswer);
            self.send(Event::NextQuestion);
        }
        self.wait_for("the quiz result", |v| match &v.screen {
            ScreenView::Quiz(q) => matches!(q.body, shared::view::QuizBody::Result(_)),
            _ => false,
        });
    }

    /// Closes the runtime, which finishes every write the core asked for, then reads the ids of
    /// every record in this device's SQLite file. (Syncing reads the core's log, so the server
    /// can hold a record before the device's disk has caught up.)
    fn close_and_read_ids(&self) -> BTreeSet<String> {
        self.runtime.close();
        let db = self.dir.path().join(shared::native::store::FILE_NAME);
        let conn =
            rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .unwrap();
        let mut statement = conn.prepare("SELECT id FROM records").unwrap();
        statement
            .query_map([], |row| row.get::<_, String>(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }
}

fn server_ids(server: &TestServer) -> Vec<String> {
    server
        .db()
        .records
        .iter()
        .map(|r| r.record.id.clone())
        .collect()
}

fn assert_each_once(ids: &[String]) {
    let distinct: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(
        distinct.len(),
        ids.len(),
        "a record is stored twice on the server"
    );
}

/// Asserts two sets of ids are equal, saying how they differ (not listing hundreds of ids).
fn assert_same(server: &BTreeSet<String>, device: &BTreeSet<String>, what: &str) {
    let only_server: Vec<&String> = server.difference(device).take(3).collect();
    let only_device: Vec<&String> = device.difference(server).take(3).collect();
    assert!(
        only_server.is_empty() && only_device.is_empty(),
        "{what}: server has {}, device has {}; only on the server (first 3): {only_server:?}; only on the device: {only_device:?}",
        server.len(),
        device.len()
    );
}

#[test]
fn two_devices_learn_offline_then_converge() {
    let server = TestServer::start(binary_path());
    let phone = Device::open("phone");
    let laptop = Device::open("laptop");
    phone.join(&server.url(), &server.cohort_code);
    phone.sync();
    let code = phone.pairing_code();
    laptop.send(Event::Pair {
        server: server.url(),
        code,
    });
    laptop.wait_for("pairing", |v| v.sync.state != SyncState::LocalOnly);
    laptop.sync();

    // Both go offline and learn different things.
    phone.send(Event::ConnectivityChanged { online: false });
    laptop.send(Event::ConnectivityChanged { online: false });
    phone.pass_first_lesson();
    laptop.send(Event::StartChecklist {
        checklist: "web-ward-surgery".into(),
    });
    laptop.send(Event::SetDisplayName {
        name: "Councillor Example".into(),
    });
    phone.wait_for("offline status", |v| v.sync.state == SyncState::Offline);
    assert!(
        !server
            .db()
            .records
            .iter()
            .any(|r| r.record.kind == "quiz_finished"),
        "nothing leaves a device that is offline"
    );

    // Back online: each syncs (twice, so each gets what the other sent).
    phone.send(Event::ConnectivityChanged { online: true });
    laptop.send(Event::ConnectivityChanged { online: true });
    for _ in 0..2 {
        phone.sync();
        laptop.sync();
    }

    assert_eq!(
        phone.path(),
        laptop.path(),
        "the same learning path on both"
    );
    assert_eq!(
        phone.checklists(),
        laptop.checklists(),
        "the same checklists on both"
    );
    assert_eq!(
        phone.close_and_read_ids(),
        laptop.close_and_read_ids(),
        "the same records in both files"
    );
    let on_server = server_ids(&server);
    assert_each_once(&on_server);
    assert_same(
        &on_server.iter().cloned().collect(),
        &phone.close_and_read_ids(),
        "the server has every record",
    );
}

#[test]
fn with_backup_off_the_server_holds_no_private_record() {
    let server = TestServer::start(binary_path());
    let phone = Device::open("private");
    phone.join(&server.url(), &server.cohort_code);
    phone.send(Event::StartChecklist {
        checklist: "web-ward-surgery".into(),
    });
    let run = phone.wait_for("the run", |v| matches!(v.screen, ScreenView::Run(_)));
    let ScreenView::Run(run) = run.screen else {
        unreachable!()
    };
    let secret = "A resident told me about a private family matter";
    phone.send(Event::SaveNote {
        run: run.run_id.clone(),
        item: run.sections[0].items[0].id.clone(),
        note: secret.into(),
    });
    phone.send(Event::Navigate {
        to: Destination::Assessment,
    });
    phone.send(Event::StartAssessment);
    let items = shared::pack::Content::default_content()
        .pack
        .assessment
        .items
        .clone();
    for item in &items {
        if !matches!(item.kind, content::ItemKind::Channels { .. }) {
            phone.send(Event::AnswerChoice { value: 1 });
        }
        phone.send(Event::NextItem);
    }
    phone.wait_for("the result", |v| {
        matches!(
            &v.screen,
            ScreenView::Assessment(shared::view::AssessmentView::Result(_))
        )
    });
    phone.sync();

    let db = server.db();
    assert!(!db.records.is_empty(), "the rest did sync");
    assert_eq!(
        db.private_records().count(),
        0,
        "no private record on the server"
    );
    assert!(
        !db.records
            .iter()
            .any(|r| r.record.kind == "assessment_completed"
                || r.record.kind == "checklist_note_set")
    );
    assert!(!server::testing::db::DbContents::file_contains(&server.db_path(), secret).unwrap());

    // Turning backup on sends them.
    phone.send(Event::SetBackup { enabled: true });
    phone.sync();
    let db = server.db();
    assert_eq!(db.private_records().count(), 2);
}

#[test]
fn a_server_killed_mid_sync_loses_nothing_and_stores_nothing_twice() {
    let mut server = TestServer::start(binary_path());
    let phone = Device::open("killed");
    phone.join(&server.url(), &server.cohort_code);
    phone.sync();
    let lesson = shared::pack::Content::default_content()
        .pack
        .lessons()
        .next()
        .unwrap()
        .id
        .clone();
    // Kill the server at a few moments into the upload of hundreds of records (two batches),
    // restart it on the same file, and let the device carry on.
    for (round, delay_ms) in [2u64, 15, 40].into_iter().enumerate() {
        phone.send(Event::ConnectivityChanged { online: false });
        phone.send(Event::OpenLesson {
            lesson: lesson.clone(),
        });
        for _ in 0..150 {
            phone.send(Event::NextStep);
            phone.send(Event::PreviousStep);
        }
        // Events are handled in order, so once the name shows, every step before it is recorded.
        let name = format!("Round {round}");
        phone.send(Event::SetDisplayName { name: name.clone() });
        phone.send(Event::Navigate {
            to: Destination::Home,
        });
        phone.wait_for("every step recorded", |v| match &v.screen {
            ScreenView::Home(home) => home.greeting.ends_with(&name),
            _ => false,
        });
        phone.send(Event::ConnectivityChanged { online: true });
        thread::sleep(Duration::from_millis(delay_ms));
        server.kill();
        thread::sleep(Duration::from_millis(200));
        server.restart();
        // The device retries on its own after backing off; "Sync now" skips the wait.
        phone.sync();
    }

    let on_server = server_ids(&server);
    assert_each_once(&on_server);
    let local: BTreeSet<String> = phone.close_and_read_ids();
    let remote: BTreeSet<String> = on_server.into_iter().collect();
    assert_same(
        &remote,
        &local,
        "every record reached the server exactly once",
    );
    assert!(local.len() > 900, "{} records", local.len());
}

/// A TCP proxy that cuts the first `cuts` server answers to the sync route halfway through.
struct CuttingProxy {
    addr: SocketAddr,
    cut: Arc<AtomicUsize>,
}

impl CuttingProxy {
    fn start(upstream: SocketAddr, cuts: usize) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let remaining = Arc::new(AtomicUsize::new(cuts));
        let cut = Arc::new(AtomicUsize::new(0));
        let done = cut.clone();
        thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let remaining = remaining.clone();
                let done = done.clone();
                thread::spawn(move || relay(client, upstream, &remaining, &done));
            }
        });
        Self { addr, cut }
    }
}

/// Relays one connection, one request and answer at a time (the runtime's client keeps
/// connections alive), cutting answers to `/sync` while `remaining` lasts.
fn relay(mut client: TcpStream, upstream: SocketAddr, remaining: &AtomicUsize, done: &AtomicUsize) {
    let Ok(mut server) = TcpStream::connect(upstream) else {
        return;
    };
    let _ = client.set_read_timeout(Some(Duration::from_secs(10)));
    let _ = server.set_read_timeout(Some(Duration::from_millis(300)));
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        // Forward the request.
        let Ok(n) = client.read(&mut buffer) else {
            return;
        };
        if n == 0 {
            return;
        }
        let request = &buffer[..n];
        let to_sync =
            std::str::from_utf8(request).is_ok_and(|r| r.starts_with("POST /api/v1/sync"));
        if server.write_all(request).is_err() {
            return;
        }
        // Read the answer: its start may take a while on a busy machine (the whole suite runs
        // at once on two cores), then wait a little for the rest of it.
        let mut answer = Vec::new();
        let mut chunk = vec![0u8; 1 << 16];
        let _ = server.set_read_timeout(Some(Duration::from_secs(10)));
        loop {
            match server.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => {
                    answer.extend_from_slice(&chunk[..n]);
                    let _ = server.set_read_timeout(Some(Duration::from_millis(300)));
                }
                Err(_) if !answer.is_empty() => break,
                Err(_) => return,
            }
        }
        let cut = to_sync
            && remaining
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |r| r.checked_sub(1))
                .is_ok();
        if cut {
            // Half an answer, then the line goes dead: the server has stored the records, the
            // device never hears it did.
            let _ = client.write_all(&answer[..answer.len() / 2]);
            done.fetch_add(1, Ordering::SeqCst);
            return;
        }
        if client.write_all(&answer).is_err() {
            return;
        }
    }
}

#[test]
fn an_answer_cut_off_mid_way_is_retried_without_duplicates() {
    let server = TestServer::start(binary_path());
    let proxy = CuttingProxy::start(server.addr(), 1);
    let phone = Device::open("cut");
    let url = format!("http://{}", proxy.addr);
    phone.send(Event::ConnectivityChanged { online: false });
    phone.pass_first_lesson();
    phone.send(Event::ConnectivityChanged { online: true });
    phone.join(&url, &server.cohort_code);

    // The first sync's answer is cut: the device backs off and says so.
    phone.wait_for("a failed sync", |v| {
        v.sync.text.starts_with("Could not reach the server")
    });
    assert_eq!(proxy.cut.load(Ordering::SeqCst), 1);
    let after_cut = server_ids(&server);
    assert!(
        !after_cut.is_empty(),
        "the server stored the records before the line was cut"
    );

    // The retry sends the same records again: the server says "already have it".
    phone.sync();
    let on_server = server_ids(&server);
    assert_each_once(&on_server);
    assert_eq!(
        on_server.len(),
        after_cut.len(),
        "the retry stored nothing new"
    );
    assert_same(
        &on_server.into_iter().collect(),
        &phone.close_and_read_ids(),
        "after the retry",
    );
}
