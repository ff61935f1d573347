//! Three devices of one learner act and sync in random interleavings against an in-process
//! server: the same `Service` the HTTP server runs, behind the same `SyncProtocol`, on a real
//! SQLite file. However the steps interleave, the devices converge on the same progress and the
//! server stores every record exactly once.

use std::collections::BTreeSet;
use std::sync::Arc;

use proptest::prelude::*;
use server::clock::ManualClock;
use server::pack::ServedPack;
use server::service::Service;
use server::storage::sqlite::SqliteStorage;
use server::testing::TempDir;
use shared::harness::{Harness, START_MS};
use shared::pack::Content;
use shared::record::Frequency;
use shared::sync::protocol::serve;
use shared::view::{ScreenView, SettingsView, SyncSettingsView};
use shared::{Destination, Event};

/// One thing a device can do.
#[derive(Debug, Clone)]
enum Step {
    Lesson(usize),
    Next,
    Quiz { pass: bool },
    Name(u8),
    Checklist,
    Tick(usize),
    Note(u8),
    Assessment,
    Backup(bool),
    Offline(bool),
    Sync,
    Wait(u64),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0usize..6).prop_map(Step::Lesson),
        Just(Step::Next),
        any::<bool>().prop_map(|pass| Step::Quiz { pass }),
        any::<u8>().prop_map(Step::Name),
        Just(Step::Checklist),
        (0usize..4).prop_map(Step::Tick),
        any::<u8>().prop_map(Step::Note),
        Just(Step::Assessment),
        any::<bool>().prop_map(Step::Backup),
        any::<bool>().prop_map(Step::Offline),
        Just(Step::Sync),
        (0u64..5_000).prop_map(Step::Wait),
    ]
}

fn settings(device: &mut Harness) -> SettingsView {
    device.send(Event::Navigate {
        to: Destination::Settings,
    });
    match device.view().screen {
        ScreenView::Settings(settings) => settings,
        other => panic!("expected settings, got {other:?}"),
    }
}

fn run_id(device: &Harness) -> Option<String> {
    device
        .model
        .log
        .progress()
        .runs
        .newest_first()
        .find(|r| !r.is_finished())
        .map(|r| r.id.to_string())
}

fn act(device: &mut Harness, step: &Step) {
    let content = device.model.content.clone();
    match step {
        Step::Lesson(n) => {
            let lesson = content.pack.lessons().nth(*n).unwrap().id.clone();
            device.send(Event::OpenLesson { lesson });
        }
        Step::Next => device.send(Event::NextStep),
        Step::Quiz { pass } => {
            let lesson = content.pack.lessons().next().unwrap();
            device.send(Event::OpenLesson {
                lesson: lesson.id.clone(),
            });
            device.send(Event::StartQuiz);
            for question in &lesson.quiz.questions {
                for option in question
                    .options
                    .iter()
                    .filter(|o| o.correct == *pass)
                    .take(1)
                {
                    device.send(Event::ChooseOption {
                        option: option.id.clone(),
                    });
                }
                device.send(Event::CheckAnswer);
                device.send(Event::NextQuestion);
            }
        }
        Step::Name(n) => device.send(Event::SetDisplayName {
            name: format!("Councillor {n}"),
        }),
        Step::Checklist => device.send(Event::StartChecklist {
            checklist: content.pack.checklists[0].id.clone(),
        }),
        Step::Tick(i) => {
            if let Some(run) = run_id(device) {
                let item = content.pack.checklists[0]
                    .items()
                    .nth(*i)
                    .unwrap()
                    .id
                    .clone();
                let done = i % 2 == 0;
                device.send(Event::SetItem { run, item, done });
            }
        }
        Step::Note(n) => {
            if let Some(run) = run_id(device) {
                let item = content.pack.checklists[0]
                    .items()
                    .next()
                    .unwrap()
                    .id
                    .clone();
                device.send(Event::SaveNote {
                    run,
                    item,
                    note: format!("Note {n}"),
                });
            }
        }
        Step::Assessment => {
            device.send(Event::Navigate {
                to: Destination::Assessment,
            });
            device.send(Event::StartAssessment);
            for item in &content.pack.assessment.items {
                match item.kind {
                    content::ItemKind::Channels { .. } => device.send(Event::SetChannel {
                        channel: "social".into(),
                        frequency: Frequency::Weekly,
                    }),
                    _ => device.send(Event::AnswerChoice { value: 1 }),
                }
                device.send(Event::NextItem);
            }
        }
        Step::Backup(on) => device.send(Event::SetBackup { enabled: *on }),
        Step::Offline(offline) => device.send(Event::ConnectivityChanged { online: !offline }),
        Step::Sync => device.send(Event::SyncNow),
        Step::Wait(ms) => device.advance(*ms),
    }
}

/// Everything a device shows that the records decide.
fn state(device: &Harness) -> shared::progress::Progress {
    device.model.log.progress().clone()
}

fn record_ids(device: &Harness) -> BTreeSet<String> {
    device
        .model
        .log
        .records()
        .iter()
        .map(|r| r.id.to_string())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn three_devices_always_converge(steps in prop::collection::vec((0usize..3, step()), 1..40)) {
        let dir = TempDir::new("convergence").unwrap();
        let storage = SqliteStorage::open(&dir.path().join("server.sqlite3")).unwrap();
        let server_clock = Arc::new(ManualClock::new(START_MS));
        let service = Arc::new(Service::new(storage, ServedPack::builtin()).with_clock(server_clock.clone()));
        let cohort = service.ensure_cohort("Test council", "Convergence cohort").unwrap();

        let content = Content::default_content();
        let mut devices: Vec<Harness> = (0u8..3)
            .map(|n| {
                let mut device = Harness::new(content.clone());
                device.entropy = vec![n + 1; 32];
                let service = service.clone();
                device.http = Arc::new(move |request| serve(service.as_ref(), request));
                // Device clocks disagree by up to four minutes: within what the server accepts
                // ahead of its own clock (five).
                device.now_ms = START_MS + u64::from(n) * 2 * 60_000;
                device.start();
                device
            })
            .collect();

        // The first device joins with the cohort code; the others pair with it.
        devices[0].send(Event::Join { server: "http://localhost".into(), code: cohort.code.clone() });
        for n in 1..3 {
            devices[0].send(Event::StartPairing);
            let code = devices[0].model.sync.pairing.clone().expect("a pairing code").code;
            devices[n].send(Event::Pair { server: "http://localhost".into(), code });
            prop_assert!(devices[n].model.sync.is_linked());
        }
        let _ = settings(&mut devices[0]);

        for (n, step) in &steps {
            act(&mut devices[*n], step);
            // The server's clock keeps up with the fastest device, so what the devices make is
            // never more than the allowed minutes ahead of it.
            server_clock.set(devices.iter().map(|d| d.now_ms).max().unwrap_or(START_MS));
        }

        // Everyone comes online and syncs. Then the first device turns backup on: having seen
        // every record, its timestamp beats them all, even those from clocks set ahead, so every
        // device adopts it and sends its private records too. A few more rounds let everything
        // reach everyone.
        // Before the final rounds every clock is set right (as a phone's is, by the network),
        // and the server's with them; then everyone syncs, ten minutes apart.
        let sync_round = |devices: &mut Vec<Harness>| {
            let now = devices.iter().map(|d| d.now_ms).max().unwrap_or(START_MS) + 10 * 60_000;
            server_clock.set(now);
            for device in devices.iter_mut() {
                device.now_ms = now;
                device.send(Event::SyncNow);
            }
        };
        for device in &mut devices {
            device.send(Event::ConnectivityChanged { online: true });
        }
        for _ in 0..2 {
            sync_round(&mut devices);
        }
        devices[0].send(Event::SetBackup { enabled: true });
        for _ in 0..3 {
            sync_round(&mut devices);
        }

        let first = state(&devices[0]);
        for device in &devices[1..] {
            prop_assert_eq!(state(device), first.clone());
            prop_assert_eq!(record_ids(device), record_ids(&devices[0]));
        }
        for device in &devices {
            prop_assert_eq!(device.model.outbox.len(), 0, "everything synced");
            let SyncSettingsView::Joined(joined) = settings(&mut device.clone()).sync else {
                panic!("joined");
            };
            prop_assert!(joined.problems.is_empty());
        }
        // The server holds each record once: as many rows as distinct records.
        let db = server::testing::db::DbContents::read(&dir.path().join("server.sqlite3")).unwrap();
        let stored: Vec<&str> = db.records.iter().map(|r| r.record.id.as_str()).collect();
        let distinct: BTreeSet<&str> = stored.iter().copied().collect();
        prop_assert_eq!(distinct.len(), stored.len(), "no record stored twice");
        prop_assert_eq!(stored.len(), record_ids(&devices[0]).len(), "every record on the server");
    }
}
