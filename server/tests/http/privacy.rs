//! What the database holds: private records only when sent, tokens only as hashes.
//!
//! The full "backup off" test (the device never sends private records) belongs with the core's
//! sync client; these prove the server side: what is sent is stored, and [`DbContents`] shows
//! exactly what is there.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use server::testing::db::DbContents;
use server::testing::records::{now_ms, private_note, step};
use sha2::{Digest, Sha256};
use shared::sync::wire::RecordStatus;

use super::{enrol, pair, start};

#[test]
fn private_records_that_are_sent_are_stored_and_visible_in_the_file() {
    let server = start();
    let client = server.client();
    let phone = enrol(&server, "phone");
    let note = private_note("phone", now_ms(), 1, "call the clerk about the agenda");
    let public = step("phone", now_ms(), 2);
    let answer = client
        .sync(&phone.token, 0, &[note.clone(), public])
        .unwrap();
    assert!(
        answer
            .results
            .iter()
            .all(|r| r.status == RecordStatus::Accepted)
    );

    let db = server.db();
    let private: Vec<_> = db.private_records().collect();
    assert_eq!(private.len(), 1);
    assert_eq!(private[0].record, note);
    assert_eq!(private[0].user, phone.user);
    assert!(DbContents::file_contains(&server.db_path(), "call the clerk").unwrap());
    let listing = db.to_string();
    assert!(listing.contains("checklist_note_set"), "{listing}");
    assert!(listing.contains("(private)"), "{listing}");
}

#[test]
fn a_deleted_account_leaves_no_trace_of_its_private_records_in_the_files() {
    let server = start();
    let client = server.client();
    let phone = enrol(&server, "phone");
    let other = enrol(&server, "someone-else");
    let note = private_note("phone", now_ms(), 1, "ask the ward officer about the bins");
    client
        .sync(&phone.token, 0, &[note, step("phone", now_ms(), 2)])
        .unwrap();
    // Someone else's records, written after, keep the pages and the log busy.
    client
        .sync(&other.token, 0, &[step("someone-else", now_ms(), 3)])
        .unwrap();
    assert!(DbContents::file_contains(&server.db_path(), "ask the ward officer").unwrap());

    client.delete_account(&phone.token).unwrap();

    // Not only gone from the tables: erased from the database file and its write-ahead log,
    // where a deleted row would otherwise stay readable until its page is reused.
    assert!(
        !DbContents::file_contains(&server.db_path(), "ask the ward officer").unwrap(),
        "the deleted note is still readable in the database's files"
    );
    let db = server.db();
    assert_eq!(db.records.len(), 1, "{db}");
    assert_eq!(db.records[0].user, other.user, "{db}");
}

#[test]
fn a_server_that_was_sent_no_private_records_holds_none() {
    let server = start();
    let client = server.client();
    let phone = enrol(&server, "phone");
    client
        .sync(&phone.token, 0, &[step("phone", now_ms(), 1)])
        .unwrap();
    let db = server.db();
    assert_eq!(db.records.len(), 1);
    assert_eq!(db.private_records().count(), 0);
    assert!(!DbContents::file_contains(&server.db_path(), "checklist_note_set").unwrap());
}

#[test]
fn tokens_are_stored_only_as_sha256_hashes() {
    let server = start();
    let client = server.client();
    let phone = enrol(&server, "phone");
    let laptop = pair(&client, &phone.token, "laptop");
    let db = server.db();
    assert_eq!(db.devices.len(), 2);
    for (device, token) in [("phone", &phone.token), ("laptop", &laptop.token)] {
        assert_eq!(token.len(), 64, "32 random bytes in hex");
        let stored = db.devices.iter().find(|d| d.device == device).unwrap();
        assert_eq!(stored.token_hash, Sha256::digest(token.as_bytes()).to_vec());
        assert!(
            !DbContents::file_contains(&server.db_path(), token).unwrap(),
            "the token itself is nowhere in the database file"
        );
    }
    // A hash is not a token: sending it back is refused.
    let hash = db.devices[0]
        .token_hash
        .iter()
        .fold(String::new(), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        });
    let refused = client.sync(&hash, 0, &[]).unwrap_err();
    assert!(
        matches!(&refused, server::testing::client::Failed::Status(r) if r.status == 401),
        "{refused}"
    );
}

#[test]
fn a_deletion_while_a_reader_holds_the_log_answers_at_once_and_erases_when_it_lets_go() {
    let server = start();
    let client = server.client();
    let phone = enrol(&server, "phone");
    let other = enrol(&server, "someone-else");
    let note = private_note("phone", now_ms(), 1, "the residents on Mill Lane asked");
    client.sync(&phone.token, 0, &[note]).unwrap();
    // A reader (a backup tool, an operator's query) holds a read transaction open on the log.
    let reader = rusqlite::Connection::open(server.db_path()).unwrap();
    reader.execute_batch("BEGIN").unwrap();
    let rows: i64 = reader
        .query_row("SELECT COUNT(*) FROM records", [], |row| row.get(0))
        .unwrap();
    assert_eq!(rows, 1);

    let asked = Instant::now();
    client.delete_account(&phone.token).unwrap();
    assert!(
        asked.elapsed() < Duration::from_secs(3),
        "the deletion waited on the reader: {:?}",
        asked.elapsed()
    );
    // Other learners' writes are not held up while the log waits to be emptied.
    let synced = Instant::now();
    client
        .sync(&other.token, 0, &[step("someone-else", now_ms(), 2)])
        .unwrap();
    assert!(
        synced.elapsed() < Duration::from_secs(2),
        "{:?}",
        synced.elapsed()
    );
    assert!(
        DbContents::file_contains(&server.db_path(), "Mill Lane").unwrap(),
        "with the reader still there, the old log frames are expected to remain"
    );

    drop(reader);
    let deadline = Instant::now() + Duration::from_secs(10);
    while DbContents::file_contains(&server.db_path(), "Mill Lane").unwrap() {
        assert!(
            Instant::now() < deadline,
            "the deleted note was never erased from the files"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        server
            .log()
            .contains("readers still hold the write-ahead log")
    );
}
