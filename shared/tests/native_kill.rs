//! A process killed with SIGKILL at any moment loses no record the core was told is stored.
//!
//! The test runs this same test binary again as a child (`appending_child`), which drives the
//! runtime as fast as it can, making a progress record with every event, and prints the id of
//! every record whose append was answered `Done`. The parent kills it at a random moment with
//! `kill -9`, opens the database, and checks that every printed id is there.
#![cfg(all(feature = "native", unix))]

mod native_support;
mod support;

use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use native_support::Shell;
use shared::Event;
use shared::effects::store::{StoreRequest, StoreResponse};
use shared::native::Options;
use shared::native::store::{self, Store};

/// Set in the child's environment: the data folder to append into.
const CHILD_DIR: &str = "NC_KILL_TEST_DIR";
const ACK: &str = "STORED ";

/// The child: appends until it is killed. Does nothing when run as an ordinary test.
#[test]
fn appending_child() {
    let Some(dir) = std::env::var_os(CHILD_DIR) else {
        return;
    };
    let mut options = Options::new(dir);
    options.content = Some(support::fixture());
    options.observer = Some(Arc::new(|request, response| {
        if let (StoreRequest::Append { records }, StoreResponse::Done) = (request, response) {
            let mut out = std::io::stdout().lock();
            for record in records {
                writeln!(out, "{ACK}{}", record.id).unwrap();
            }
            // Unbuffered in effect: the parent must see each line before the next append.
            out.flush().unwrap();
        }
    }));
    let shell = Shell::open(options);
    shell.wait_for("progress to load", |v| {
        !matches!(v.screen, shared::view::ScreenView::Loading { .. })
    });
    shell.send(Event::OpenLesson {
        lesson: "hello".into(),
    });
    for round in 0u64.. {
        shell.send(Event::NextStep);
        shell.send(Event::PreviousStep);
        if round % 10 == 0 {
            shell.send(Event::SetDisplayName {
                name: format!("Councillor {round}"),
            });
        }
        // Enough of a pause that the queue does not grow without bound.
        std::thread::sleep(Duration::from_micros(300));
    }
}

/// A small generator for the kill moments, seeded from the clock and printed, so a failure
/// can be replayed with `NC_KILL_SEED`.
fn seed() -> u64 {
    std::env::var("NC_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .subsec_nanos()
                .into()
        })
}

fn next(state: &mut u64) -> u64 {
    // SplitMix64.
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[test]
fn a_killed_process_loses_no_acknowledged_record() {
    let seed = seed();
    eprintln!("kill test seed: {seed} (set NC_KILL_SEED to replay)");
    let mut rng = seed;
    for round in 0..4 {
        let dir = tempfile::tempdir().unwrap();
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "appending_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_DIR, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
        let reader = {
            let acknowledged = acknowledged.clone();
            let stdout = child.stdout.take().unwrap();
            std::thread::spawn(move || {
                for line in BufReader::new(stdout).lines() {
                    let Ok(line) = line else { break };
                    if let Some(id) = line.strip_prefix(ACK) {
                        acknowledged.lock().unwrap().push(id.to_owned());
                    }
                }
            })
        };

        // Let it get going, then kill it somewhere in the next stretch of appends: mid
        // transaction, mid fsync, between appends; wherever the moment falls.
        let warm_up = 20 + usize::try_from(next(&mut rng) % 200).unwrap();
        let deadline = Instant::now() + native_support::PATIENCE;
        while acknowledged.lock().unwrap().len() < warm_up {
            assert!(
                Instant::now() < deadline,
                "the child acknowledged only {} appends",
                acknowledged.lock().unwrap().len()
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        std::thread::sleep(Duration::from_micros(next(&mut rng) % 20_000));
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(9), "round {round}: {status:?}");
        reader.join().unwrap();

        let acknowledged = acknowledged.lock().unwrap().clone();
        let mut store = Store::open(dir.path()).unwrap();
        assert!(
            store.recovered().is_none(),
            "a kill must not damage the file"
        );
        let integrity: String = store
            .connection()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(integrity, "ok");
        let missing: Vec<&String> = acknowledged
            .iter()
            .filter(|id| !store::has_record(store.connection(), id).unwrap())
            .collect();
        assert!(
            missing.is_empty(),
            "round {round} (seed {seed}): {} of {} acknowledged records are gone: {missing:?}",
            missing.len(),
            acknowledged.len()
        );
        let StoreResponse::Loaded(snapshot) = store.handle(&StoreRequest::Load) else {
            panic!()
        };
        assert!(snapshot.records.len() >= acknowledged.len());
        eprintln!(
            "round {round}: killed after {} acknowledged appends; {} records on disk",
            acknowledged.len(),
            snapshot.records.len()
        );
    }
}
