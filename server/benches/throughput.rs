//! Throughput: 10,000 records pushed through the real server on loopback, in 20 syncs of 500,
//! against a plain SQLite insert of the same rows into the same table with the same durability
//! (WAL, `synchronous = FULL`, one transaction per 500).
//!
//! `cargo bench -p server --bench throughput`
#![allow(clippy::print_stdout)]

use std::time::{Duration, Instant};

use rusqlite::{Connection, params};
use server::storage::sqlite::migrations;
use server::testing::records::{now_ms, steps};
use server::testing::{TempDir, TestServer};
use shared::record::StoredRecord;
use shared::sync::wire::{MAX_BATCH, RecordStatus};

const RECORDS: u32 = 10_000;
const RUNS: usize = 5;

fn through_server(server: &TestServer, run: usize) -> Duration {
    let client = server.client();
    let device = format!("phone-{run}");
    let enrolled = client.enrol(&server.cohort_code, &device).unwrap();
    let records = steps(&device, now_ms(), 0, RECORDS);
    let started = Instant::now();
    for batch in records.chunks(MAX_BATCH) {
        let answer = client.sync(&enrolled.token, 0, batch).unwrap();
        assert!(
            answer
                .results
                .iter()
                .all(|r| r.status == RecordStatus::Accepted)
        );
    }
    started.elapsed()
}

fn plain_sqlite(records: &[StoredRecord]) -> Duration {
    let dir = TempDir::new("bench").unwrap();
    let mut conn = Connection::open(dir.path().join("plain.sqlite3")).unwrap();
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")
        .unwrap();
    migrations::migrate(&mut conn).unwrap();
    conn.execute_batch(
        "INSERT INTO cohorts VALUES (1, 'c', 'c', 0); INSERT INTO users VALUES (1, 'u', 1, 0);",
    )
    .unwrap();
    let started = Instant::now();
    for batch in records.chunks(MAX_BATCH) {
        let tx = conn.transaction().unwrap();
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO records (user_id, id, device, wall_ms, counter, pack_version, private, kind, body, received_at_ms)
                     VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0)",
                )
                .unwrap();
            for r in batch {
                insert
                    .execute(params![
                        r.id,
                        r.device,
                        i64::try_from(r.wall_ms).unwrap(),
                        r.counter,
                        r.pack_version,
                        r.private,
                        r.kind,
                        r.body
                    ])
                    .unwrap();
            }
        }
        tx.commit().unwrap();
    }
    started.elapsed()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let server = TestServer::start(env!("CARGO_BIN_EXE_nc-server"));
    let through = median((0..RUNS).map(|run| through_server(&server, run)).collect());
    let rows = steps("plain", now_ms(), 0, RECORDS);
    let plain = median((0..RUNS).map(|_| plain_sqlite(&rows)).collect());
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("Pushing {RECORDS} records in syncs of {MAX_BATCH}, median of {RUNS} runs:");
    println!();
    println!("| measure | ms | records/s |");
    println!("|---|---:|---:|");
    for (name, time) in [
        ("through the server (HTTP, JSON, checks, SQLite)", through),
        ("plain SQLite insert of the same rows", plain),
    ] {
        println!(
            "| {name} | {:.0} | {:.0} |",
            ms(time),
            f64::from(RECORDS) / time.as_secs_f64()
        );
    }
    println!("| ratio | {:.1} | |", ms(through) / ms(plain));
}
