//! The SQLite store on real files: migrations from every older schema, durability settings,
//! batched appends, damaged files moved aside, and the same answers as the in-memory store
//! that the core's own tests use.
#![cfg(feature = "native")]

use std::path::Path;

use proptest::prelude::*;
use rusqlite::Connection;
use shared::effects::store::{
    LoadedRecord, MetaEntry, Snapshot, StoreRequest, StoreResponse, SyncMark,
};
use shared::harness::MemoryStore;
use shared::native::error::Kind;
use shared::native::store::{self, FILE_NAME, Store, schema};
use shared::record::StoredRecord;

fn record(id: &str, body: &str) -> StoredRecord {
    StoredRecord {
        id: id.to_owned(),
        device: "phone".to_owned(),
        wall_ms: 1_777_626_000_000,
        counter: 3,
        pack_version: 2,
        private: false,
        kind: "step_reached".to_owned(),
        body: body.to_owned(),
    }
}

fn load(store: &mut Store) -> Snapshot {
    match store.handle(&StoreRequest::Load) {
        StoreResponse::Loaded(snapshot) => snapshot,
        other => panic!("load answered {other:?}"),
    }
}

fn done(store: &mut Store, request: &StoreRequest) {
    let response = store.handle(request);
    assert_eq!(response, StoreResponse::Done, "{request:?}");
}

fn ids(snapshot: &Snapshot) -> Vec<&str> {
    snapshot
        .records
        .iter()
        .map(|r| r.record.id.as_str())
        .collect()
}

fn pragma(conn: &Connection, name: &str) -> String {
    conn.query_row(&format!("PRAGMA {name}"), [], |row| {
        row.get::<_, rusqlite::types::Value>(0)
    })
    .map(|value| match value {
        rusqlite::types::Value::Integer(n) => n.to_string(),
        rusqlite::types::Value::Text(t) => t,
        other => format!("{other:?}"),
    })
    .unwrap()
}

/// The names of the files in a folder, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_new_database_is_at_the_latest_schema_in_wal_mode_and_durable() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("nested/data")).unwrap();
    assert!(store.recovered().is_none());
    let conn = store.connection();
    assert_eq!(pragma(conn, "user_version"), schema::VERSION.to_string());
    assert_eq!(
        pragma(conn, "application_id"),
        schema::APPLICATION_ID.to_string()
    );
    assert_eq!(pragma(conn, "journal_mode"), "wal");
    // 2 is FULL: a commit is on disk before it returns.
    assert_eq!(pragma(conn, "synchronous"), "2");
    assert!(store.path().ends_with(format!("nested/data/{FILE_NAME}")));
}

#[test]
fn a_version_1_database_opens_with_every_record_pending() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    {
        // Exactly what version 1 of the app made and wrote: no sync columns yet.
        let conn = Connection::open(&path).unwrap();
        schema::create_at(&conn, 1).unwrap();
        for (id, body) in [("r1", "{\"a\":1}"), ("r2", "{\"b\":2}")] {
            conn.execute(
                "INSERT INTO records (id, device, wall_ms, counter, pack_version, private, kind, body)
                 VALUES (?1, 'phone', 5, 0, 1, 0, 'step_reached', ?2)",
                [id, body],
            )
            .unwrap();
        }
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('device_id', 'phone')",
            [],
        )
        .unwrap();
    }

    let mut store = Store::open(dir.path()).unwrap();
    assert!(
        store.recovered().is_none(),
        "an old database is not damaged"
    );
    let snapshot = load(&mut store);
    assert_eq!(ids(&snapshot), ["r1", "r2"]);
    assert!(snapshot.records.iter().all(|r| r.sync == SyncMark::Pending));
    assert_eq!(snapshot.records[1].record.body, "{\"b\":2}");
    assert_eq!(snapshot.meta("device_id"), Some("phone"));
    let conn = store.connection();
    assert_eq!(pragma(conn, "user_version"), "2");
    let index: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'records_unsynced'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(index, 1, "version 2's index exists after the upgrade");

    // And the upgraded database takes version 2's writes.
    done(
        &mut store,
        &StoreRequest::MarkRejected {
            id: "r1".into(),
            reason: "too old".into(),
        },
    );
    assert_eq!(
        load(&mut store).records[0].sync,
        SyncMark::Rejected {
            reason: "too old".into()
        }
    );
}

#[test]
fn a_version_2_database_keeps_its_sync_state() {
    let dir = tempfile::tempdir().unwrap();
    {
        let conn = Connection::open(dir.path().join(FILE_NAME)).unwrap();
        schema::create_at(&conn, 2).unwrap();
        conn.execute_batch(
            "INSERT INTO records (id, device, wall_ms, counter, pack_version, private, kind, body, sync_state, rejected_reason)
             VALUES ('s', 'laptop', 1, 0, 1, 0, 'k', '{}', 'synced', NULL),
                    ('x', 'phone', 2, 0, 1, 1, 'k', '{}', 'rejected', 'quota'),
                    ('p', 'phone', 3, 0, 1, 0, 'k', '{}', 'pending', NULL);",
        )
        .unwrap();
    }
    let mut store = Store::open(dir.path()).unwrap();
    let snapshot = load(&mut store);
    let marks: Vec<(&str, &SyncMark)> = snapshot
        .records
        .iter()
        .map(|r| (r.record.id.as_str(), &r.sync))
        .collect();
    assert_eq!(
        marks,
        [
            ("s", &SyncMark::Synced),
            (
                "x",
                &SyncMark::Rejected {
                    reason: "quota".into()
                }
            ),
            ("p", &SyncMark::Pending)
        ]
    );
    assert!(snapshot.records[1].record.private);
}

#[test]
fn a_database_from_a_newer_app_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    {
        let conn = Connection::open(dir.path().join(FILE_NAME)).unwrap();
        schema::create_at(&conn, schema::VERSION).unwrap();
        conn.pragma_update(None, "user_version", schema::VERSION + 1)
            .unwrap();
    }
    let error = Store::open(dir.path()).unwrap_err();
    assert_eq!(error.kind(), Kind::Storage);
    assert!(
        error.user_message().contains("Update the app"),
        "{}",
        error.user_message()
    );
    assert_eq!(files(dir.path()), [FILE_NAME], "nothing moved or deleted");
}

#[test]
fn appends_are_batched_in_one_transaction_and_ignore_known_ids() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    done(
        &mut store,
        &StoreRequest::Append {
            records: vec![record("a", "first"), record("b", "b")],
        },
    );
    // A retry of "a" with other content keeps the first copy; "c" is new.
    done(
        &mut store,
        &StoreRequest::Append {
            records: vec![record("a", "second"), record("c", "c")],
        },
    );
    let snapshot = load(&mut store);
    assert_eq!(ids(&snapshot), ["a", "b", "c"]);
    assert_eq!(snapshot.records[0].record.body, "first");

    // A batch with one record SQLite cannot hold stores none of them.
    let mut bad = record("e", "e");
    bad.wall_ms = u64::MAX;
    let response = store.handle(&StoreRequest::Append {
        records: vec![record("d", "d"), bad],
    });
    let StoreResponse::Failed { message } = response else {
        panic!("{response:?}")
    };
    assert!(message.contains("Progress could not be saved"), "{message}");
    assert_eq!(ids(&load(&mut store)), ["a", "b", "c"], "all or nothing");
}

#[test]
fn a_file_that_is_not_a_database_is_moved_aside_with_its_log_and_a_fresh_one_starts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let garbage = b"this is not a SQLite file, it is a shopping list: milk, eggs".repeat(100);
    std::fs::write(&path, &garbage).unwrap();
    std::fs::write(dir.path().join(format!("{FILE_NAME}-wal")), b"old log").unwrap();

    let mut store = Store::open(dir.path()).unwrap();
    let message = store.recovered().unwrap().to_owned();
    let kept: Vec<String> = files(dir.path())
        .into_iter()
        .filter(|f| f.starts_with(&format!("{FILE_NAME}.corrupt-")))
        .collect();
    assert_eq!(
        kept.len(),
        2,
        "the file and its log are both kept: {kept:?}"
    );
    let kept_db = kept.iter().find(|f| !f.ends_with("-wal")).unwrap();
    assert!(kept.contains(&format!("{kept_db}-wal")));
    assert_eq!(std::fs::read(dir.path().join(kept_db)).unwrap(), garbage);
    assert!(message.contains("could not be read"), "{message}");
    assert!(message.contains(kept_db.as_str()), "says where: {message}");

    // The fresh database works, and every load says what happened.
    done(
        &mut store,
        &StoreRequest::Append {
            records: vec![record("new", "{}")],
        },
    );
    let snapshot = load(&mut store);
    assert_eq!(ids(&snapshot), ["new"]);
    assert_eq!(snapshot.recovered.as_deref(), Some(message.as_str()));

    // Next launch: a healthy file, so no warning.
    drop(store);
    let mut store = Store::open(dir.path()).unwrap();
    assert!(load(&mut store).recovered.is_none());
}

#[test]
fn another_apps_database_is_moved_aside_not_used() {
    let dir = tempfile::tempdir().unwrap();
    {
        let conn = Connection::open(dir.path().join(FILE_NAME)).unwrap();
        conn.execute_batch("CREATE TABLE photos (name TEXT); INSERT INTO photos VALUES ('cat');")
            .unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    assert!(store.recovered().unwrap().contains("not this app's"));
    let kept = files(dir.path())
        .into_iter()
        .find(|f| f.contains(".corrupt-"))
        .unwrap();
    let conn = Connection::open(dir.path().join(kept)).unwrap();
    let name: String = conn
        .query_row("SELECT name FROM photos", [], |r| r.get(0))
        .unwrap();
    assert_eq!(name, "cat", "the other app's data is intact");
}

#[test]
fn damage_found_only_when_reading_is_moved_aside_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    {
        let mut store = Store::open(dir.path()).unwrap();
        let records: Vec<StoredRecord> = (0..2_000)
            .map(|i| record(&format!("id-{i:05}"), &"x".repeat(200)))
            .collect();
        done(&mut store, &StoreRequest::Append { records });
    }
    // Closing checkpointed the log into the file. Scribble over its pages after the first
    // two (the header and schema), where the records live.
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 64 * 1024, "{} bytes", bytes.len());
    for byte in &mut bytes[3 * 4096..] {
        *byte = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();

    let mut store = Store::open(dir.path()).unwrap();
    let snapshot = load(&mut store);
    assert!(snapshot.records.is_empty());
    let message = snapshot.recovered.unwrap();
    assert!(message.contains("malformed"), "{message}");
    let kept = files(dir.path())
        .into_iter()
        .find(|f| f.contains(".corrupt-"))
        .unwrap();
    assert_eq!(std::fs::read(dir.path().join(kept)).unwrap(), bytes);
}

#[test]
fn a_data_folder_that_cannot_be_made_is_an_error_that_says_what_to_check() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the folder should be: even root cannot create a folder inside it.
    let blocked = dir.path().join("data");
    std::fs::write(&blocked, b"").unwrap();
    let error = Store::open(&blocked.join("app")).unwrap_err();
    assert_eq!(error.kind(), Kind::Storage);
    let message = error.user_message();
    assert!(message.contains("data folder"), "{message}");
    assert!(message.contains("data/app"), "names the folder: {message}");
}

#[test]
fn wipe_leaves_no_trace_of_private_notes_in_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let secret = "I worry about the ward meeting on Tuesday";
    let mut store = Store::open(dir.path()).unwrap();
    let mut note = record("note", &format!("{{\"note\":\"{secret}\"}}"));
    note.private = true;
    done(
        &mut store,
        &StoreRequest::Append {
            records: vec![note],
        },
    );
    done(
        &mut store,
        &StoreRequest::SetMeta {
            key: "device_id".into(),
            value: "phone".into(),
        },
    );
    let contains = |dir: &Path| {
        std::fs::read_dir(dir).unwrap().any(|entry| {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            bytes.windows(secret.len()).any(|w| w == secret.as_bytes())
        })
    };
    assert!(contains(dir.path()), "the note is on disk before the wipe");
    done(&mut store, &StoreRequest::Wipe);
    assert!(!contains(dir.path()), "no copy of the note stays behind");
    let snapshot = load(&mut store);
    assert!(snapshot.records.is_empty() && snapshot.meta.is_empty());
}

#[test]
fn has_record_finds_what_was_appended() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    done(
        &mut store,
        &StoreRequest::Append {
            records: vec![record("here", "{}")],
        },
    );
    assert!(store::has_record(store.connection(), "here").unwrap());
    assert!(!store::has_record(store.connection(), "gone").unwrap());
}

/// Snapshots compare equal when they hold the same things; metadata order is not part of the
/// protocol.
fn normalised(mut snapshot: Snapshot) -> Snapshot {
    snapshot.meta.sort_by(|a, b| a.key.cmp(&b.key));
    snapshot
}

fn request() -> impl Strategy<Value = StoreRequest> {
    let id = prop::sample::select(vec!["a", "b", "c", "d", "e", "f"]).prop_map(str::to_owned);
    let stored = (id.clone(), any::<u32>(), any::<bool>(), "[a-z]{0,4}").prop_map(
        |(id, wall, private, body)| StoredRecord {
            id,
            device: "d".into(),
            wall_ms: u64::from(wall),
            counter: wall % 7,
            pack_version: 1,
            private,
            kind: "k".into(),
            body,
        },
    );
    prop_oneof![
        4 => prop::collection::vec(stored.clone(), 0..4).prop_map(|records| StoreRequest::Append { records }),
        2 => prop::collection::vec(stored, 0..4).prop_map(|records| StoreRequest::AppendSynced { records }),
        2 => prop::collection::vec(id.clone(), 0..3).prop_map(|ids| StoreRequest::MarkSynced { ids }),
        2 => (id, "[a-z ]{0,8}").prop_map(|(id, reason)| StoreRequest::MarkRejected { id, reason }),
        1 => Just(StoreRequest::ResetSync),
        2 => (prop::sample::select(vec!["device_id", "sync_cursor", "link"]), "[a-z0-9]{0,3}")
            .prop_map(|(key, value)| StoreRequest::SetMeta { key: key.into(), value }),
        1 => Just(StoreRequest::Wipe),
        2 => Just(StoreRequest::Load),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// The SQLite store and the in-memory store that the core's tests run on answer every
    /// sequence of requests the same way, so those tests speak for the real store too.
    #[test]
    fn sqlite_answers_like_the_in_memory_store(requests in prop::collection::vec(request(), 1..25)) {
        let dir = tempfile::tempdir().unwrap();
        let mut sqlite = Store::open(dir.path()).unwrap();
        let mut memory = MemoryStore::default();
        for request in &requests {
            let (real, expected) = (sqlite.handle(request), memory.handle(request));
            match (real, expected) {
                (StoreResponse::Loaded(real), StoreResponse::Loaded(expected)) => {
                    prop_assert_eq!(normalised(real), normalised(expected), "after {:?}", request);
                }
                (real, expected) => prop_assert_eq!(real, expected, "after {:?}", request),
            }
        }
        // And the same holds after closing and opening the file again.
        drop(sqlite);
        let mut reopened = Store::open(dir.path()).unwrap();
        let StoreResponse::Loaded(real) = reopened.handle(&StoreRequest::Load) else { panic!() };
        let StoreResponse::Loaded(expected) = memory.handle(&StoreRequest::Load) else { panic!() };
        prop_assert_eq!(normalised(real), normalised(expected));
    }
}

#[test]
fn loaded_records_round_trip_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let original = StoredRecord {
        id: "0190b3c4-0000-7000-8000-000000000001".into(),
        device: "laptop-7".into(),
        wall_ms: 1_777_626_000_123,
        counter: 4_000_000_000,
        pack_version: 12,
        private: true,
        kind: "assessment_completed".into(),
        body: "{\"emoji\":\"✓ café\"}".into(),
    };
    done(
        &mut store,
        &StoreRequest::AppendSynced {
            records: vec![original.clone()],
        },
    );
    let snapshot = load(&mut store);
    assert_eq!(
        snapshot.records,
        [LoadedRecord {
            record: original,
            sync: SyncMark::Synced
        }]
    );
    assert_eq!(snapshot.meta, Vec::<MetaEntry>::new());
}
