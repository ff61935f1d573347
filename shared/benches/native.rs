//! Benchmarks of the native runtime on real SQLite files (under `target/bench-native`, on disk,
//! not tmpfs, so that `fsync` costs what it costs).
//!
//! `cargo bench -p shared --bench native --features native` first prints a report, each figure
//! beside a baseline measured in the same run:
//!
//! - cold start: open a database of 50,000 records and get the first ready view model, against
//!   a plain `SELECT` of the same rows;
//! - one durable append (a one-record transaction, committed with `synchronous = FULL`);
//! - the exported object's calls in process, the other half of the FFI overhead ratio
//!   (`cargo xtask ffi bench` measures the same calls through the Python bindings).
//!
//! Then divan runs the same measurements with its own statistics.
// A benchmark prints its report, which is long by nature; percentile maths casts.
#![allow(
    clippy::print_stdout,
    clippy::too_many_lines,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss,
    missing_docs
)]

mod support;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use crux_core::bridge::{BincodeFfiFormat, FfiFormat};
use rusqlite::Connection;
use shared::effects::store::{StoreRequest, StoreResponse, meta};
use shared::harness::{Harness, synthetic_records};
use shared::native::ffi::{CoreRuntime, ViewListener};
use shared::native::store::{FILE_NAME, Store};
use shared::native::{Options, Runtime};
use shared::record::{Record, StoredRecord};
use shared::view::ScreenView;
use shared::{Destination, Event};
use support::{content, percentile};

const RECORDS: usize = 50_000;

fn bench_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../target/bench-native")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A data folder holding a database of 50,000 records, as three years of heavy use leave it.
fn full_database() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = bench_dir("full");
        let mut store = Store::open(&dir).unwrap();
        let records: Vec<StoredRecord> = synthetic_records(&content(), RECORDS, 42)
            .iter()
            .map(Record::to_stored)
            .collect();
        for request in [
            StoreRequest::Append { records },
            StoreRequest::SetMeta {
                key: meta::DEVICE_ID.into(),
                value: "phone".into(),
            },
        ] {
            assert_eq!(store.handle(&request), StoreResponse::Done);
        }
        dir
    })
}

/// Opens the runtime on the full database and waits for the first view that is not
/// "Loading". Returns the runtime (so closing it is not timed).
fn cold_start() -> Runtime {
    cold_start_timed().0
}

/// The same, and also when `open` returned and when the store answered the load, so the time
/// splits into the store's part and the core's (decoding, folding, the first view).
fn cold_start_timed() -> (Runtime, Instant, Instant, Instant) {
    let (tell, changes) = mpsc::channel();
    let loaded: Arc<Mutex<Option<Instant>>> = Arc::default();
    let mut options = Options::new(full_database());
    options.content = Some(content());
    let seen = loaded.clone();
    options.observer = Some(Arc::new(move |request, _| {
        if *request == StoreRequest::Load {
            *seen.lock().unwrap() = Some(Instant::now());
        }
    }));
    let runtime = Runtime::open(
        options,
        Arc::new(move || {
            let _ = tell.send(());
        }),
    )
    .unwrap();
    let opened = Instant::now();
    loop {
        if !matches!(runtime.view().screen, ScreenView::Loading { .. }) {
            let ready = Instant::now();
            let loaded = loaded.lock().unwrap().expect("the store answered the load");
            return (runtime, opened, loaded, ready);
        }
        changes.recv_timeout(Duration::from_secs(30)).unwrap();
    }
}

/// The baseline: a plain `SELECT` of every column of the same rows, into owned values.
fn plain_select() -> usize {
    select_with(None)
}

fn select_with(mmap_size: Option<i64>) -> usize {
    let conn = Connection::open(full_database().join(FILE_NAME)).unwrap();
    if let Some(size) = mmap_size {
        let _: i64 = conn
            .pragma_update_and_check(None, "mmap_size", size, |row| row.get(0))
            .unwrap();
    }
    let mut select = conn
        .prepare(
            "SELECT id, device, wall_ms, counter, pack_version, private, kind, body, sync_state, rejected_reason FROM records",
        )
        .unwrap();
    let rows = select
        .query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, i64>(2)?,
                row.get::<_, i64>(3)?,
                row.get::<_, i64>(4)?,
                row.get::<_, bool>(5)?,
                row.get::<_, String>(6)?,
                row.get::<_, String>(7)?,
                row.get::<_, String>(8)?,
                row.get::<_, Option<String>>(9)?,
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<Vec<_>>>()
        .unwrap();
    assert_eq!(rows.len(), RECORDS);
    rows.len()
}

/// The store's own load: open, migrate check, and read every row into the protocol's types.
fn store_load() -> usize {
    let mut store = Store::open(full_database()).unwrap();
    match store.handle(&StoreRequest::Load) {
        StoreResponse::Loaded(snapshot) => snapshot.records.len(),
        other => panic!("{other:?}"),
    }
}

/// A store on disk and a supply of fresh records to append one at a time.
struct Appender {
    store: Store,
    records: std::vec::IntoIter<StoredRecord>,
}

fn appender(name: &str, n: usize) -> Appender {
    let store = Store::open(&bench_dir(name)).unwrap();
    let records: Vec<StoredRecord> = synthetic_records(&content(), n, 7)
        .iter()
        .map(Record::to_stored)
        .collect();
    Appender {
        store,
        records: records.into_iter(),
    }
}

impl Appender {
    fn append_one(&mut self) {
        let record = self.records.next().expect("enough records");
        let response = self.store.handle(&StoreRequest::Append {
            records: vec![record],
        });
        assert_eq!(response, StoreResponse::Done);
    }
}

struct Quiet;

impl ViewListener for Quiet {
    fn view_changed(&self) {}
}

/// The exported object, as the Python bindings drive it: default content, a fresh folder, the
/// home screen showing.
fn exported() -> Arc<CoreRuntime> {
    let runtime = CoreRuntime::open(
        bench_dir("exported").to_string_lossy().into_owned(),
        Box::new(Quiet),
    )
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !runtime.view_json().contains("\"screen\":{\"Home\"") {
        assert!(Instant::now() < deadline, "the runtime never started");
        std::thread::sleep(Duration::from_millis(1));
    }
    runtime
}

fn dismiss_bytes() -> Vec<u8> {
    let mut bytes = Vec::new();
    BincodeFfiFormat::serialize(&mut bytes, &Event::DismissNotice).unwrap();
    bytes
}

fn timed(runs: usize, mut f: impl FnMut()) -> Vec<Duration> {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e3)
}

fn us(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1e6)
}

fn report() {
    full_database();
    // Warm the page cache and the allocator once, as a second launch finds them.
    drop(cold_start());
    plain_select();

    let runs = 15;
    let mut kept = Vec::new();
    let mut parts = Vec::new();
    let start = timed(runs, || {
        let started = Instant::now();
        let (runtime, opened, loaded, ready) = cold_start_timed();
        parts.push((opened - started, loaded - started, ready - loaded));
        kept.push(runtime);
    });
    drop(kept);
    let part = |pick: fn(&(Duration, Duration, Duration)) -> Duration| {
        let mut times: Vec<Duration> = parts.iter().map(pick).collect();
        times.sort();
        times
    };
    let (opened, loaded, core) = (part(|p| p.0), part(|p| p.1), part(|p| p.2));
    let load = timed(runs, || {
        store_load();
    });
    let select = timed(runs, || {
        plain_select();
    });
    // The core's part without the runtime: the same rows handed to the in-memory harness.
    let snapshot = match Store::open(full_database())
        .unwrap()
        .handle(&StoreRequest::Load)
    {
        StoreResponse::Loaded(snapshot) => snapshot,
        other => panic!("{other:?}"),
    };
    let mut harnesses: Vec<Harness> = (0..runs)
        .map(|_| {
            let mut harness = Harness::new(content());
            harness.store.records.clone_from(&snapshot.records);
            harness.store.meta.clone_from(&snapshot.meta);
            harness
        })
        .collect();
    let mut started = Vec::new();
    let in_memory = timed(runs, || {
        let mut harness = harnesses.pop().unwrap();
        harness.start();
        assert!(matches!(harness.view().screen, ScreenView::Home(_)));
        // Dropped after the timing, as the runtime's are.
        started.push(harness);
    });
    drop(started);
    let mmap = timed(runs, || {
        select_with(Some(256 << 20));
    });
    println!("\n## Cold start: {RECORDS} records to the first ready view model ({runs} runs)\n");
    println!("| measure | p50 ms | p90 ms |");
    println!("|---|---:|---:|");
    for (name, times) in [
        ("open + load + fold + first view (`cold_start_50k`)", &start),
        (
            "… of which `Runtime::open` returned (database open, threads)",
            &opened,
        ),
        (
            "… of which the store answered the load (read 50,000 rows)",
            &loaded,
        ),
        (
            "… of which the core: decode bodies, fold, first view",
            &core,
        ),
        (
            "the core alone, from memory (the harness): load, fold, first view",
            &in_memory,
        ),
        (
            "store alone: open + read into records (`store_load_50k`)",
            &load,
        ),
        (
            "baseline: plain `SELECT` of the same rows (`select_50k_baseline`)",
            &select,
        ),
        (
            "the same `SELECT` with `mmap_size` = 256 MB (not used: see ADR 0007)",
            &mmap,
        ),
    ] {
        println!(
            "| {name} | {} | {} |",
            ms(percentile(times, 0.5)),
            ms(percentile(times, 0.9))
        );
    }
    println!(
        "\nRatio, cold start to plain SELECT (p50): {:.1}",
        percentile(&start, 0.5).as_secs_f64() / percentile(&select, 0.5).as_secs_f64()
    );

    let appends = 300;
    let mut appender = appender("append-report", appends + 10);
    appender.append_one();
    let append = timed(appends, || appender.append_one());
    println!("\n## One durable append ({appends} runs, one record per transaction)\n");
    println!("| p50 ms | p90 ms | p99 ms |");
    println!("|---:|---:|---:|");
    println!(
        "| {} | {} | {} |",
        ms(percentile(&append, 0.5)),
        ms(percentile(&append, 0.9)),
        ms(percentile(&append, 0.99))
    );

    let runtime = exported();
    let calls = 20_000;
    let view = timed(calls, || {
        std::hint::black_box(runtime.view());
    });
    let bytes = dismiss_bytes();
    let send = timed(calls, || runtime.send(bytes.clone()).unwrap());
    let dismiss = serde_json::to_string(&Event::DismissNotice).unwrap();
    let send_json = timed(calls, || runtime.send_json(dismiss.clone()).unwrap());
    runtime
        .send_json(
            serde_json::to_string(&Event::Navigate {
                to: Destination::Home,
            })
            .unwrap(),
        )
        .unwrap();
    runtime.shutdown();
    println!(
        "\n## The exported object in process ({calls} calls; compare `cargo xtask ffi bench`)\n"
    );
    println!("| call | p50 µs | p90 µs |");
    println!("|---|---:|---:|");
    println!(
        "| `view()` (bincode view model) | {} | {} |",
        us(percentile(&view, 0.5)),
        us(percentile(&view, 0.9))
    );
    println!(
        "| `send(bytes)` (decode and queue) | {} | {} |",
        us(percentile(&send, 0.5)),
        us(percentile(&send, 0.9))
    );
    println!(
        "| `send_json(text)` (decode and queue) | {} | {} |",
        us(percentile(&send_json, 0.5)),
        us(percentile(&send_json, 0.9))
    );
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        divan::main();
        return;
    }
    report();
    divan::main();
}

#[divan::bench(sample_count = 15, sample_size = 1)]
fn cold_start_50k(bencher: divan::Bencher) {
    full_database();
    bencher.bench_local(cold_start);
}

#[divan::bench(sample_count = 15, sample_size = 1)]
fn store_load_50k(bencher: divan::Bencher) {
    full_database();
    bencher.bench_local(store_load);
}

#[divan::bench(sample_count = 15, sample_size = 1)]
fn select_50k_baseline(bencher: divan::Bencher) {
    full_database();
    bencher.bench_local(plain_select);
}

#[divan::bench(sample_count = 100, sample_size = 1)]
fn durable_append(bencher: divan::Bencher) {
    let appender = Mutex::new(appender("append-divan", 200));
    bencher.bench_local(|| appender.lock().unwrap().append_one());
}

#[divan::bench]
fn exported_view_in_process(bencher: divan::Bencher) {
    let runtime = exported();
    bencher.bench_local(|| runtime.view());
    runtime.shutdown();
}

#[divan::bench]
fn exported_send_in_process(bencher: divan::Bencher) {
    let runtime = exported();
    let bytes = dismiss_bytes();
    bencher.bench_local(|| runtime.send(bytes.clone()).unwrap());
    runtime.shutdown();
}
