//! Reports at scale: 100 councils × 3 cohorts × 20 learners, each with a year of records
//! (300 each by default: 1.8 million rows, private notes among them), in a real SQLite file.
//!
//! Each report is built the way the API builds it (a lead's token, the storage reads, the
//! core's fold, suppression, JSON), median of 11 runs, beside a baseline in the same run: a
//! raw SQL read of the same rows with no decoding, so the ratio is what the report's own
//! work costs over just reading its data.
//!
//! `cargo bench -p server --bench reports` (settings: `NC_REPORT_COUNCILS`,
//! `NC_REPORT_RECORDS` per learner).
#![allow(clippy::print_stdout)]

use std::time::{Duration, Instant};

use rusqlite::{Connection, params};
use server::pack::ServedPack;
use server::service::Service;
use server::storage::sqlite::{SqliteStorage, migrations};
use server::testing::TempDir;
use shared::harness::synthetic_records;
use shared::pack::Content;
use shared::record::{AreaScore, Rated, Record, RecordBody};

const COHORTS_PER_COUNCIL: usize = 3;
const LEARNERS_PER_COHORT: usize = 20;
const RUNS: usize = 11;
const YEAR_MS: u64 = 365 * 24 * 60 * 60 * 1000;
const YEAR_START_MS: u64 = 1_764_547_200_000; // 2025-12-01

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The sharing choices and results one learner makes, varied by `n` so the cohort is mixed:
/// most share progress, over half join the baseline, most rate a few lessons.
fn sharing_bodies(content: &Content, n: usize) -> Vec<RecordBody> {
    let mut bodies = vec![
        RecordBody::DisplayNameSet {
            name: format!("Councillor {n}"),
        },
        RecordBody::ProgressSharingSet {
            enabled: n % 10 < 7,
        },
    ];
    let spec = &content.pack.assessment;
    if n % 10 < 6 {
        bodies.push(RecordBody::BaselineSharingSet { enabled: true });
        bodies.push(RecordBody::BaselineResult {
            stage: spec.stages[n % spec.stages.len()].id.clone(),
            scores: spec
                .areas
                .iter()
                .enumerate()
                .map(|(i, a)| AreaScore {
                    area: a.id.clone(),
                    score: u32::try_from((n * 7 + i * 13) % 101).unwrap_or(0),
                })
                .collect(),
            month: "2026-06".into(),
        });
    }
    for lesson in content.pack.lessons().take(n % 8) {
        let about = Rated::Lesson {
            lesson: lesson.id.clone(),
        };
        bodies.push(RecordBody::UsefulnessRated {
            about: about.clone(),
            rating: u8::try_from(1 + n % 5).unwrap_or(3),
        });
        bodies.push(RecordBody::UsefulnessComment {
            about,
            comment: "More local examples, please.".into(),
            shared: n.is_multiple_of(2),
        });
    }
    bodies
}

/// Writes the whole data set straight into the database, in one transaction.
fn populate(path: &std::path::Path, content: &Content, councils: usize, per_learner: usize) {
    let mut conn = Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA journal_mode = WAL;").unwrap();
    migrations::migrate(&mut conn).unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut council = tx
            .prepare("INSERT INTO councils (id, name, created_at_ms) VALUES (?1, ?2, 0)")
            .unwrap();
        let mut cohort = tx
            .prepare("INSERT INTO cohorts (id, name, code, created_at_ms, council_id) VALUES (?1, ?2, ?3, 0, ?4)")
            .unwrap();
        let mut user = tx
            .prepare("INSERT INTO users (id, public_id, cohort_id, created_at_ms) VALUES (?1, ?2, ?3, 0)")
            .unwrap();
        let mut record = tx
            .prepare(
                "INSERT INTO records (user_id, id, device, wall_ms, counter, pack_version, private, kind, body, received_at_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )
            .unwrap();
        let id = |n: usize| i64::try_from(n).unwrap();
        let mut learner = 0usize;
        for c in 1..=councils {
            council
                .execute(params![id(c), format!("Council {c:03}")])
                .unwrap();
            for k in 0..COHORTS_PER_COUNCIL {
                let cohort_id = (c - 1) * COHORTS_PER_COUNCIL + k + 1;
                cohort
                    .execute(params![
                        id(cohort_id),
                        format!("Cohort {k}"),
                        format!("C{cohort_id:07}"),
                        id(c)
                    ])
                    .unwrap();
                for _ in 0..LEARNERS_PER_COHORT {
                    learner += 1;
                    user.execute(params![id(learner), format!("u{learner}"), id(cohort_id)])
                        .unwrap();
                    let mut records: Vec<Record> =
                        synthetic_records(content, per_learner, learner as u64);
                    let extra = sharing_bodies(content, learner);
                    let base = records.last().map_or(0, |r| r.hlc.wall_ms);
                    records.extend(extra.into_iter().enumerate().map(|(i, body)| Record {
                        id: shared::clock::RecordId::v7(base + 1 + i as u64, learner as u128),
                        device: "phone".into(),
                        hlc: shared::clock::Hlc {
                            wall_ms: base + 1 + i as u64,
                            counter: 0,
                        },
                        pack_version: 1,
                        body,
                    }));
                    // Spread over a year, in order.
                    let total = records.len() as u64;
                    for (i, r) in records.iter_mut().enumerate() {
                        r.hlc.wall_ms = YEAR_START_MS + YEAR_MS * i as u64 / total;
                    }
                    for r in &records {
                        let s = r.to_stored();
                        record
                            .execute(params![
                                id(learner),
                                s.id,
                                s.device,
                                i64::try_from(s.wall_ms).unwrap(),
                                s.counter,
                                s.pack_version,
                                s.private,
                                s.kind,
                                s.body,
                                i64::try_from(s.wall_ms).unwrap()
                            ])
                            .unwrap();
                    }
                }
            }
        }
    }
    tx.commit().unwrap();
    conn.execute_batch("ANALYZE;").unwrap();
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn time(mut work: impl FnMut()) -> Duration {
    work(); // warm the page cache and statement caches
    median(
        (0..RUNS)
            .map(|_| {
                let started = Instant::now();
                work();
                started.elapsed()
            })
            .collect(),
    )
}

/// The baseline: the same rows read raw, no decoding.
fn raw_cohort_read(conn: &Connection, cohort: i64) -> usize {
    let mut stmt = conn
        .prepare_cached(
            "SELECT records.body FROM records JOIN users ON users.id = records.user_id
             WHERE users.cohort_id = ?1 AND records.private = 0",
        )
        .unwrap();
    let rows = stmt
        .query_map([cohort], |row| row.get::<_, String>(0))
        .unwrap();
    rows.map(|r| r.unwrap().len()).sum()
}

fn raw_baseline_read(conn: &Connection) -> usize {
    let mut stmt = conn
        .prepare_cached(include_str!(
            "../src/storage/sqlite/queries/baseline_records.sql"
        ))
        .unwrap();
    let rows = stmt.query_map([], |row| row.get::<_, String>(10)).unwrap();
    rows.map(|r| r.unwrap().len()).sum()
}

fn main() {
    let councils = setting("NC_REPORT_COUNCILS", 100);
    let per_learner = setting("NC_REPORT_RECORDS", 300);
    let content = Content::default_content();
    let dir = TempDir::new("reports-bench").unwrap();
    let path = dir.path().join("reports.sqlite3");
    let started = Instant::now();
    populate(&path, &content, councils, per_learner);
    let learners = councils * COHORTS_PER_COUNCIL * LEARNERS_PER_COHORT;
    let built = started.elapsed();
    let (records, private): (i64, i64) = Connection::open(&path)
        .unwrap()
        .query_row("SELECT COUNT(*), SUM(private) FROM records", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    println!(
        "{councils} councils × {COHORTS_PER_COUNCIL} cohorts × {LEARNERS_PER_COHORT} learners = {learners} learners, {records} records ({private} private), built in {:.1} s",
        built.as_secs_f64()
    );

    let service = Service::new(SqliteStorage::open(&path).unwrap(), ServedPack::builtin());
    let council = format!("Council {:03}", councils.div_ceil(2));
    let (_, token) = service.add_lead(&council, "Bench lead").unwrap();
    let token = Some(token.as_str());
    let raw = Connection::open(&path).unwrap();
    let cohort: i64 = raw
        .query_row(
            "SELECT cohorts.id FROM cohorts JOIN councils ON councils.id = cohorts.council_id WHERE councils.name = ?1 ORDER BY cohorts.id LIMIT 1",
            [&council],
            |r| r.get(0),
        )
        .unwrap();
    let json = |value: &dyn erased::Json| value.to_json_len();

    let raw_cohort = time(|| {
        std::hint::black_box(raw_cohort_read(&raw, cohort));
    });
    let raw_baseline = time(|| {
        std::hint::black_box(raw_baseline_read(&raw));
    });
    let reports: [(&str, Duration, Duration); 5] = [
        (
            "council's cohorts (3 cohorts, 60 learners folded)",
            time(|| {
                std::hint::black_box(json(&service.lead_cohorts(token).unwrap()));
            }),
            raw_cohort * 3,
        ),
        (
            "cohort progress (20 learners)",
            time(|| {
                std::hint::black_box(json(&service.lead_progress(token, cohort).unwrap()));
            }),
            raw_cohort,
        ),
        (
            "cohort summary (20 learners)",
            time(|| {
                std::hint::black_box(json(&service.lead_summary(token, cohort).unwrap()));
            }),
            raw_cohort,
        ),
        (
            "cohort usefulness (20 learners)",
            time(|| {
                std::hint::black_box(json(&service.lead_usefulness(token, cohort).unwrap()));
            }),
            raw_cohort,
        ),
        (
            "baseline: council beside all (every learner)",
            time(|| {
                std::hint::black_box(json(&service.lead_baseline(token).unwrap()));
            }),
            raw_baseline,
        ),
    ];
    println!(
        "\n{:<48} {:>10} {:>14} {:>7}",
        "report (median of 11)", "built", "raw SQL read", "ratio"
    );
    for (name, built, baseline) in reports {
        println!(
            "{name:<48} {:>8.1} ms {:>11.1} ms {:>6.1}×",
            built.as_secs_f64() * 1000.0,
            baseline.as_secs_f64() * 1000.0,
            built.as_secs_f64() / baseline.as_secs_f64()
        );
    }
}

/// JSON encoding is part of each report's cost, as the API pays it.
mod erased {
    pub(crate) trait Json {
        fn to_json_len(&self) -> usize;
    }

    impl<T: serde::Serialize> Json for T {
        fn to_json_len(&self) -> usize {
            serde_json::to_vec(self).map_or(0, |v| v.len())
        }
    }
}
