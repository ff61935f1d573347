//! Benchmarks of the core on a pack the size of the real programme at its largest:
//! 8 modules × 6 lessons × 5 questions, 30 assessment items and 5 checklists.
//!
//! `cargo bench -p shared --bench core` first prints a table of `update` + `view` latency per
//! event type (p50 and p99 over many runs), the bincode size of every screen's view model, and
//! the fold of 50,000 records, each beside a baseline measured in the same run. Then divan runs
//! the timed benchmarks with its own statistics.
// A benchmark prints its report; its case table is long by nature; percentile maths casts.
#![allow(
    clippy::print_stdout,
    clippy::too_many_lines,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss,
    missing_docs
)]

mod support;

use std::hint::black_box;
use std::time::{Duration, Instant};

use crux_core::bridge::{BincodeFfiFormat, FfiFormat};
use shared::effects::store::{LoadedRecord, SyncMark};
use shared::harness::{Harness, synthetic_records};
use shared::progress::Log;
use shared::record::{Frequency, Record};
use shared::view::ScreenView;
use shared::{Destination, Event};
use support::{content, percentile};

const HISTORY: usize = 2_000;
const FOLDED: usize = 50_000;

fn records(n: usize) -> Vec<Record> {
    synthetic_records(&content(), n, 42)
}

/// A started core holding a long history of progress.
fn base() -> Harness {
    let mut harness = Harness::new(content());
    harness.store.records = records(HISTORY)
        .iter()
        .map(|r| LoadedRecord {
            record: r.to_stored(),
            sync: SyncMark::Synced,
        })
        .collect();
    harness.now_ms += 400 * shared::when::DAY_MS;
    harness.start();
    harness
}

fn run_id(harness: &Harness) -> String {
    match harness.view().screen {
        ScreenView::Run(run) => run.run_id,
        _ => panic!("not on a checklist run"),
    }
}

/// Every event type, each with the state it is sent in.
fn cases() -> Vec<(&'static str, Harness, Event)> {
    let base = base();
    let at = |setup: &[Event]| {
        let mut harness = base.clone();
        for event in setup {
            harness.send(event.clone());
        }
        harness
    };
    let lesson = Event::OpenLesson {
        lesson: "m0-l0".into(),
    };
    let quiz = [lesson.clone(), Event::StartQuiz];
    let choose = Event::ChooseOption { option: "a".into() };
    let assessment = [
        Event::Navigate {
            to: Destination::Assessment,
        },
        Event::StartAssessment,
    ];
    // Every item answered but the last, so the measured event finishes the assessment.
    let mut answered = assessment.to_vec();
    for i in 0..29 {
        if i % 3 != 2 {
            answered.push(Event::AnswerChoice { value: 1 });
        }
        answered.push(Event::NextItem);
    }
    let run = at(&[Event::StartChecklist {
        checklist: "k0".into(),
    }]);
    let id = run_id(&run);
    vec![
        (
            "Navigate Home",
            at(&[Event::Navigate {
                to: Destination::Path,
            }]),
            Event::Navigate {
                to: Destination::Home,
            },
        ),
        (
            "Navigate Path",
            base.clone(),
            Event::Navigate {
                to: Destination::Path,
            },
        ),
        (
            "Navigate Review",
            base.clone(),
            Event::Navigate {
                to: Destination::Review,
            },
        ),
        (
            "Navigate Checklists",
            base.clone(),
            Event::Navigate {
                to: Destination::Checklists,
            },
        ),
        (
            "Navigate Settings",
            base.clone(),
            Event::Navigate {
                to: Destination::Settings,
            },
        ),
        (
            "OpenLesson",
            at(&[Event::Navigate {
                to: Destination::Path,
            }]),
            lesson.clone(),
        ),
        (
            "NextStep",
            at(std::slice::from_ref(&lesson)),
            Event::NextStep,
        ),
        (
            "PreviousStep",
            at(&[lesson.clone(), Event::NextStep]),
            Event::PreviousStep,
        ),
        (
            "StartQuiz",
            at(std::slice::from_ref(&lesson)),
            Event::StartQuiz,
        ),
        ("ChooseOption", at(&quiz), choose.clone()),
        (
            "CheckAnswer",
            at(&[quiz[0].clone(), quiz[1].clone(), choose.clone()]),
            Event::CheckAnswer,
        ),
        (
            "NextQuestion",
            at(&[
                quiz[0].clone(),
                quiz[1].clone(),
                choose.clone(),
                Event::CheckAnswer,
            ]),
            Event::NextQuestion,
        ),
        (
            "RetryQuiz",
            at(&[quiz[0].clone(), quiz[1].clone()]),
            Event::RetryQuiz,
        ),
        ("StartReview", base.clone(), Event::StartReview),
        (
            "StartAssessment",
            at(&assessment[..1]),
            Event::StartAssessment,
        ),
        (
            "AnswerChoice",
            at(&assessment),
            Event::AnswerChoice { value: 2 },
        ),
        (
            "SetChannel",
            at(&[
                assessment[0].clone(),
                assessment[1].clone(),
                Event::AnswerChoice { value: 2 },
                Event::NextItem,
                Event::AnswerChoice { value: 0 },
                Event::NextItem,
            ]),
            Event::SetChannel {
                channel: "c1".into(),
                frequency: Frequency::Weekly,
            },
        ),
        (
            "NextItem",
            at(&[
                assessment[0].clone(),
                assessment[1].clone(),
                Event::AnswerChoice { value: 2 },
            ]),
            Event::NextItem,
        ),
        (
            "PreviousItem",
            at(&[
                assessment[0].clone(),
                assessment[1].clone(),
                Event::AnswerChoice { value: 2 },
                Event::NextItem,
            ]),
            Event::PreviousItem,
        ),
        (
            "ShowLastResult",
            at(&assessment[..1]),
            Event::ShowLastResult,
        ),
        (
            "NextItem (finishes: result screen)",
            at(&answered),
            Event::NextItem,
        ),
        (
            "StartChecklist",
            base.clone(),
            Event::StartChecklist {
                checklist: "k1".into(),
            },
        ),
        (
            "OpenRun",
            at(&[Event::Navigate {
                to: Destination::Checklists,
            }]),
            Event::OpenRun { run: id.clone() },
        ),
        (
            "SetItem",
            run.clone(),
            Event::SetItem {
                run: id.clone(),
                item: "before-0".into(),
                done: true,
            },
        ),
        (
            "SaveNote",
            run.clone(),
            Event::SaveNote {
                run: id.clone(),
                item: "before-1".into(),
                note: "Booked the room.".into(),
            },
        ),
        ("FinishRun", run.clone(), Event::FinishRun { run: id }),
        (
            "SetDisplayName",
            at(&[Event::Navigate {
                to: Destination::Settings,
            }]),
            Event::SetDisplayName { name: "Sam".into() },
        ),
        (
            "SetBackup",
            at(&[Event::Navigate {
                to: Destination::Settings,
            }]),
            Event::SetBackup { enabled: true },
        ),
        (
            "DeleteData",
            at(&[Event::Navigate {
                to: Destination::Settings,
            }]),
            Event::DeleteData,
        ),
        (
            "CancelDelete",
            at(&[
                Event::Navigate {
                    to: Destination::Settings,
                },
                Event::DeleteData,
            ]),
            Event::CancelDelete,
        ),
        ("Back", at(&[lesson]), Event::Back),
        ("DismissNotice", run, Event::DismissNotice),
    ]
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn latency_report() {
    const RUNS: usize = 2_000;
    println!(
        "update + view per event ({RUNS} runs each, {HISTORY} records of history). Target: p99 ≤ 100 µs."
    );
    println!("Baseline: view alone on the same state. Ratio = p50 of update+view ÷ p50 of view.\n");
    println!("| event | p50 µs | p99 µs | view p50 µs | ratio | view bytes |");
    println!("|---|---:|---:|---:|---:|---:|");
    let mut worst = Duration::ZERO;
    for (name, state, event) in cases() {
        let mut times = Vec::with_capacity(RUNS);
        let mut views = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let mut harness = state.clone();
            // A clone has no spare capacity; make room as a long-running app would have,
            // so the timing is the core's work and not a one-off copy of the whole log.
            harness.model.log.reserve(8);
            harness.store.records.reserve(8);
            let event = event.clone();
            let started = Instant::now();
            harness.send(event);
            black_box(harness.view());
            times.push(started.elapsed());
            let started = Instant::now();
            black_box(state.view());
            views.push(started.elapsed());
        }
        times.sort();
        views.sort();
        let mut harness = state.clone();
        harness.send(event);
        let mut bytes = Vec::new();
        BincodeFfiFormat::serialize(&mut bytes, &harness.view()).unwrap();
        let p99 = percentile(&times, 0.99);
        worst = worst.max(p99);
        println!(
            "| {name} | {:.1} | {:.1} | {:.1} | {:.1} | {} |",
            micros(percentile(&times, 0.5)),
            micros(p99),
            micros(percentile(&views, 0.5)),
            percentile(&times, 0.5).as_secs_f64() / percentile(&views, 0.5).as_secs_f64(),
            bytes.len()
        );
    }
    println!(
        "\nWorst p99: {:.1} µs ({:.2}% of a 120 Hz frame).\n",
        micros(worst),
        worst.as_secs_f64() / (1.0 / 120.0) * 100.0
    );
}

fn fold_report() {
    let all = records(FOLDED);
    let content = content();
    let mut fold = Vec::new();
    let mut sort = Vec::new();
    for _ in 0..10 {
        let input = all.clone();
        let started = Instant::now();
        black_box(Log::from_records(input, &content));
        fold.push(started.elapsed());
        let mut input = all.clone();
        let started = Instant::now();
        input.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        black_box(input);
        sort.push(started.elapsed());
    }
    fold.sort();
    sort.sort();
    println!(
        "Fold {FOLDED} records from scratch: median {:.1} ms (target ≤ 50 ms). Baseline, sorting them alone: {:.1} ms. Ratio {:.1}.\n",
        fold[5].as_secs_f64() * 1e3,
        sort[5].as_secs_f64() * 1e3,
        fold[5].as_secs_f64() / sort[5].as_secs_f64()
    );
}

/// The core's share of a cold start: from the store's answer with 50,000 records to the first
/// view model. The baseline is decoding the same stored records alone.
fn load_report() {
    use crux_core::App;
    use shared::effects::store::{Snapshot, StoreResponse};
    use shared::event::Internal;
    use shared::model::{Lifecycle, Model};

    let content = content();
    let stored: Vec<LoadedRecord> = records(FOLDED)
        .iter()
        .map(|r| LoadedRecord {
            record: r.to_stored(),
            sync: SyncMark::Synced,
        })
        .collect();
    let app = shared::NetworkedCouncillor;
    let mut load = Vec::new();
    let mut decode = Vec::new();
    for _ in 0..10 {
        let snapshot = Snapshot {
            meta: vec![],
            records: stored.clone(),
            recovered: None,
        };
        let mut model = Model::new(content.clone());
        model.lifecycle = Lifecycle::Loading;
        let started = Instant::now();
        let command = app.update(
            Event::Internal(Internal::Loaded(StoreResponse::Loaded(snapshot))),
            &mut model,
        );
        black_box(app.view(&model));
        load.push(started.elapsed());
        drop(command);
        let copy = stored.clone();
        let started = Instant::now();
        black_box(
            copy.into_iter()
                .map(|l| Record::from_stored_owned(l.record).unwrap())
                .collect::<Vec<_>>(),
        );
        decode.push(started.elapsed());
    }
    load.sort();
    decode.sort();
    println!(
        "Load {FOLDED} stored records into the core and build the first view: median {:.1} ms. Baseline, decoding them alone: {:.1} ms. Ratio {:.1}.\n",
        load[5].as_secs_f64() * 1e3,
        decode[5].as_secs_f64() * 1e3,
        load[5].as_secs_f64() / decode[5].as_secs_f64()
    );
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        divan::main();
        return;
    }
    latency_report();
    fold_report();
    load_report();
    divan::main();
}

#[divan::bench(sample_count = 20)]
fn fold_50k(bencher: divan::Bencher) {
    let all = records(FOLDED);
    let content = content();
    bencher
        .with_inputs(|| all.clone())
        .bench_values(|input| Log::from_records(input, &content));
}

#[divan::bench(sample_count = 20)]
fn sort_50k_baseline(bencher: divan::Bencher) {
    let all = records(FOLDED);
    bencher
        .with_inputs(|| all.clone())
        .bench_values(|mut input| input.sort_by(|a, b| a.order_key().cmp(&b.order_key())));
}

#[divan::bench(sample_count = 20)]
fn decode_50k_stored(bencher: divan::Bencher) {
    let stored: Vec<_> = records(FOLDED).iter().map(Record::to_stored).collect();
    bencher.bench(|| {
        stored
            .iter()
            .map(|s| Record::from_stored(s).unwrap())
            .collect::<Vec<_>>()
    });
}

#[divan::bench]
fn view_home(bencher: divan::Bencher) {
    let model = base().model;
    bencher.bench(|| shared::ViewModel::build(&model));
}
