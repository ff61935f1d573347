//! The fold is order-independent: the same set of records gives the same progress however it arrives.

mod support;

use proptest::prelude::*;
use shared::clock::{Hlc, RecordId};
use shared::progress::{Added, Log};
use shared::record::{Answer, AreaScore, ItemAnswer, Rated, Record, RecordBody, YesNo};

const LESSONS: [&str; 4] = ["hello", "world", "more", "bonus"];
const QUESTIONS: [&str; 4] = ["hello.q1", "hello.q2", "world.q1", "bonus.q1"];
const ITEMS: [&str; 3] = ["platform", "publish", "follow-up"];
const DEVICES: [&str; 3] = ["aaaa", "bbbb", "cccc"];

/// One generated action: a clock reading, a device, and what happened.
#[derive(Debug, Clone)]
struct Seed {
    wall: u64,
    counter: u32,
    device: usize,
    kind: u8,
    a: usize,
    b: u32,
    flag: bool,
}

fn seed() -> impl Strategy<Value = Seed> {
    // A small clock range makes ties (same wall time, different devices) common.
    (
        0u64..40,
        0u32..3,
        0usize..3,
        0u8..16,
        0usize..4,
        0u32..4,
        any::<bool>(),
    )
        .prop_map(|(wall, counter, device, kind, a, b, flag)| Seed {
            wall,
            counter,
            device,
            kind,
            a,
            b,
            flag,
        })
}

/// Turns seeds into records. Checklist records refer to runs started by earlier seeds.
fn records(seeds: &[Seed]) -> Vec<Record> {
    let mut runs: Vec<RecordId> = Vec::new();
    seeds
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let id = RecordId::v7(1_700_000_000_000 + s.wall, i as u128);
            let run = runs
                .get(s.a % runs.len().max(1))
                .copied()
                .unwrap_or(RecordId(0));
            let body = match s.kind {
                0 => RecordBody::StepReached {
                    lesson: LESSONS[s.a].into(),
                    step: s.b,
                },
                1 => RecordBody::QuizAnswered {
                    lesson: "hello".into(),
                    question: QUESTIONS[s.a].into(),
                    chosen: vec!["a".into()],
                    correct: s.flag,
                },
                2 => RecordBody::QuizFinished {
                    lesson: LESSONS[s.a].into(),
                    score: s.b,
                    total: 3,
                    passed: s.flag,
                },
                3 => RecordBody::ReviewAnswered {
                    question: QUESTIONS[s.a].into(),
                    correct: s.flag,
                },
                4 => {
                    runs.push(id);
                    RecordBody::ChecklistStarted {
                        checklist: "surgery".into(),
                    }
                }
                5 => RecordBody::ChecklistItemSet {
                    run,
                    item: ITEMS[s.a % 3].into(),
                    done: s.flag,
                },
                6 => RecordBody::ChecklistNoteSet {
                    run,
                    item: ITEMS[s.a % 3].into(),
                    note: format!("note {}", s.b),
                },
                7 => RecordBody::ChecklistFinished { run },
                8 => RecordBody::DisplayNameSet {
                    name: format!("Name {}", s.b),
                },
                9 => RecordBody::BackupSet { enabled: s.flag },
                10 => RecordBody::ProgressSharingSet { enabled: s.flag },
                11 => RecordBody::BaselineSharingSet { enabled: s.flag },
                12 => RecordBody::BaselineResult {
                    stage: format!("stage {}", s.b),
                    scores: Vec::new(),
                    month: "2026-12".into(),
                },
                13 => RecordBody::UsefulnessRated {
                    about: Rated::Lesson {
                        lesson: LESSONS[s.a].into(),
                    },
                    rating: u8::try_from(s.b).unwrap_or(0) + 1,
                },
                14 => RecordBody::UsefulnessComment {
                    about: Rated::Lesson {
                        lesson: LESSONS[s.a].into(),
                    },
                    comment: format!("comment {}", s.b),
                    shared: s.flag,
                },
                _ => RecordBody::AssessmentCompleted {
                    answers: vec![ItemAnswer {
                        item: "separate".into(),
                        answer: Answer::YesNo(YesNo::Yes),
                    }],
                    scores: vec![AreaScore {
                        area: "safety".into(),
                        score: s.b * 25,
                    }],
                    overall: s.b * 25,
                    stage: "exploring".into(),
                },
            };
            Record {
                id,
                device: DEVICES[s.device].into(),
                hlc: Hlc {
                    wall_ms: 1_700_000_000_000 + s.wall * 1000,
                    counter: s.counter,
                },
                pack_version: 1,
                body,
            }
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_arrival_order_folds_to_the_same_state(
        (seeds, order) in prop::collection::vec(seed(), 0..60)
            .prop_flat_map(|seeds| {
                let n = seeds.len();
                (Just(seeds), Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
            })
    ) {
        let content = support::fixture();
        let all = records(&seeds);
        let expected = Log::from_records(all.clone(), &content);

        let mut log = Log::default();
        for &i in &order {
            prop_assert_ne!(log.add(all[i].clone(), &content), Added::Duplicate);
        }
        // Arriving twice (a retried sync) changes nothing.
        for &i in order.iter().rev() {
            prop_assert_eq!(log.add(all[i].clone(), &content), Added::Duplicate);
        }
        prop_assert_eq!(log.progress(), expected.progress());
        prop_assert_eq!(log.records(), expected.records());
    }
}

#[test]
fn records_in_order_are_applied_on_top_without_a_refold() {
    let content = support::fixture();
    let seeds: Vec<Seed> = (0..5)
        .map(|i| Seed {
            wall: i,
            counter: 0,
            device: 0,
            kind: 0,
            a: 0,
            b: 1,
            flag: true,
        })
        .collect();
    let mut log = Log::default();
    for record in records(&seeds) {
        assert_eq!(log.add(record, &content), Added::Appended);
    }
    let mut late = records(&[Seed {
        wall: 0,
        counter: 0,
        device: 1,
        kind: 8,
        a: 0,
        b: 1,
        flag: true,
    }]);
    late[0].id = RecordId(1);
    assert_eq!(log.add(late.remove(0), &content), Added::Refolded);
}
