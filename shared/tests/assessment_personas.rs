//! Personas through the default pack's self-assessment: the stage reflects real practice online.
//!
//! A councillor with no online presence stays at "Getting started" however they answer the rest;
//! daily use of several channels with good privacy habits reaches "Practising" or above; depth of
//! use beats breadth; "not applicable" neither helps nor hurts; and answers to items the pack no
//! longer has (from older attempts) are ignored, not a crash.

use content::{Assessment, ItemKind};
use shared::assessment::{channels_score, item_points, score};
use shared::clock::{Hlc, RecordId};
use shared::harness::Harness;
use shared::pack::Content;
use shared::record::{
    Answer, AreaScore, ChannelUse, Frequency, ItemAnswer, Record, RecordBody, YesNo,
};
use shared::view::ScreenView;
use shared::{Destination, Event};

/// A persona: how they use each channel, and how they answer each kind of item.
struct Persona<'a> {
    channels: &'a [(&'a str, Frequency)],
    /// The answer to every yes/no item not in `overrides`.
    yes_no: YesNo,
    /// The point on every scale (0 = lowest, 4 = highest) not in `overrides`.
    scale: u8,
    overrides: &'a [(&'a str, Answer)],
}

impl Persona<'_> {
    fn answers(&self, spec: &Assessment) -> Vec<ItemAnswer> {
        spec.items
            .iter()
            .map(|item| {
                let given = self
                    .overrides
                    .iter()
                    .find(|(id, _)| *id == item.id)
                    .map(|(_, a)| a.clone());
                let answer = given.unwrap_or_else(|| match &item.kind {
                    ItemKind::Scale { .. } => Answer::Scale(self.scale),
                    ItemKind::YesNo { .. } => Answer::YesNo(self.yes_no),
                    ItemKind::Channels { .. } => Answer::Channels(
                        self.channels
                            .iter()
                            .map(|(channel, frequency)| ChannelUse {
                                channel: (*channel).to_owned(),
                                frequency: *frequency,
                            })
                            .collect(),
                    ),
                });
                ItemAnswer {
                    item: item.id.clone(),
                    answer,
                }
            })
            .collect()
    }

    fn stage(&self, spec: &Assessment) -> String {
        score(spec, &self.answers(spec)).stage
    }
}

fn spec() -> Assessment {
    Content::default_content().pack.assessment.clone()
}

const ALL_CHANNELS: [&str; 5] = ["social", "web", "newsletter", "video", "messaging"];

#[test]
fn no_presence_and_honest_answers_is_getting_started() {
    let spec = spec();
    let persona = Persona {
        channels: &[],
        yes_no: YesNo::No,
        scale: 0,
        overrides: &[],
    };
    assert_eq!(persona.stage(&spec), "getting-started");
}

#[test]
fn no_presence_stays_getting_started_even_with_every_other_answer_at_the_top() {
    let spec = spec();
    let persona = Persona {
        channels: &[],
        yes_no: YesNo::Yes,
        scale: 4,
        overrides: &[],
    };
    let outcome = score(&spec, &persona.answers(&spec));
    assert_eq!(outcome.channels, 0);
    assert_eq!(
        outcome.stage, "getting-started",
        "overall {}",
        outcome.overall
    );
}

#[test]
fn daily_use_of_several_channels_with_good_privacy_habits_is_practising_or_above() {
    let spec = spec();
    let persona = Persona {
        channels: &[
            ("social", Frequency::Daily),
            ("messaging", Frequency::Daily),
            ("newsletter", Frequency::NowAndThen),
        ],
        yes_no: YesNo::NotSure,
        scale: 2,
        overrides: &[
            ("separate-accounts", Answer::YesNo(YesNo::Yes)),
            ("checked-settings", Answer::YesNo(YesNo::Yes)),
            ("two-step-social", Answer::YesNo(YesNo::Yes)),
            ("two-step-email", Answer::YesNo(YesNo::Yes)),
            ("abuse-report", Answer::YesNo(YesNo::Yes)),
            ("abuse-help", Answer::YesNo(YesNo::Yes)),
            ("home-private", Answer::YesNo(YesNo::Yes)),
            ("reply-to-residents", Answer::YesNo(YesNo::Yes)),
            ("invite-replies", Answer::YesNo(YesNo::Yes)),
            ("found-by-search", Answer::YesNo(YesNo::Yes)),
            ("know-strategy", Answer::YesNo(YesNo::NotApplicable)),
            ("know-forum", Answer::YesNo(YesNo::NotApplicable)),
        ],
    };
    let stage = persona.stage(&spec);
    assert!(
        stage == "practising" || stage == "digital-champion",
        "{stage}"
    );
}

#[test]
fn everything_daily_and_every_answer_at_the_top_is_digital_champion() {
    let spec = spec();
    let channels: Vec<(&str, Frequency)> = ALL_CHANNELS
        .iter()
        .map(|c| (*c, Frequency::Daily))
        .collect();
    let persona = Persona {
        channels: &channels,
        yes_no: YesNo::Yes,
        scale: 4,
        overrides: &[],
    };
    assert_eq!(persona.stage(&spec), "digital-champion");
}

#[test]
fn occasional_use_with_mixed_answers_is_exploring() {
    let spec = spec();
    let persona = Persona {
        channels: &[("social", Frequency::NowAndThen)],
        yes_no: YesNo::NotSure,
        scale: 2,
        overrides: &[
            ("found-by-search", Answer::YesNo(YesNo::Yes)),
            ("council-page-current", Answer::YesNo(YesNo::Yes)),
            ("separate-accounts", Answer::YesNo(YesNo::Yes)),
        ],
    };
    assert_eq!(persona.stage(&spec), "exploring");
}

#[test]
fn a_confident_councillor_who_posts_only_now_and_then_is_not_yet_practising() {
    let spec = spec();
    let channels: Vec<(&str, Frequency)> = ALL_CHANNELS
        .iter()
        .map(|c| (*c, Frequency::NowAndThen))
        .collect();
    let persona = Persona {
        channels: &channels,
        yes_no: YesNo::Yes,
        scale: 4,
        overrides: &[],
    };
    assert_eq!(persona.stage(&spec), "exploring");
}

#[test]
fn weekly_use_of_two_channels_with_fair_answers_is_practising() {
    let spec = spec();
    let persona = Persona {
        channels: &[("social", Frequency::Weekly), ("web", Frequency::Weekly)],
        yes_no: YesNo::Yes,
        scale: 3,
        overrides: &[
            ("help-peers", Answer::YesNo(YesNo::No)),
            ("know-forum", Answer::YesNo(YesNo::No)),
            ("left-out", Answer::YesNo(YesNo::NotSure)),
        ],
    };
    assert_eq!(persona.stage(&spec), "practising");
}

#[test]
fn one_channel_every_day_outscores_five_now_and_then() {
    let spec = spec();
    let item = spec
        .items
        .iter()
        .find(|i| matches!(i.kind, ItemKind::Channels { .. }))
        .unwrap();
    let uses = |list: &[(&str, Frequency)]| {
        Answer::Channels(
            list.iter()
                .map(|(c, f)| ChannelUse {
                    channel: (*c).to_owned(),
                    frequency: *f,
                })
                .collect(),
        )
    };
    let five: Vec<(&str, Frequency)> = ALL_CHANNELS
        .iter()
        .map(|c| (*c, Frequency::NowAndThen))
        .collect();
    let one_daily = item_points(&spec, item, &uses(&[("social", Frequency::Daily)])).unwrap();
    let five_rarely = item_points(&spec, item, &uses(&five)).unwrap();
    assert!(one_daily > five_rarely, "{one_daily} vs {five_rarely}");
    let two_daily = item_points(
        &spec,
        item,
        &uses(&[("social", Frequency::Daily), ("web", Frequency::Daily)]),
    )
    .unwrap();
    assert_eq!(two_daily, 100);
}

#[test]
fn there_isnt_one_neither_helps_nor_hurts() {
    let spec = spec();
    let base = Persona {
        channels: &[("social", Frequency::Daily)],
        yes_no: YesNo::Yes,
        scale: 2,
        overrides: &[],
    };
    let leadership = |overrides: &[(&str, Answer)]| {
        let persona = Persona { overrides, ..base };
        score(&spec, &persona.answers(&spec))
            .scores
            .iter()
            .find(|s| s.area == "leadership")
            .unwrap()
            .score
    };
    let none = leadership(&[("know-strategy", Answer::YesNo(YesNo::NotApplicable))]);
    let no = leadership(&[("know-strategy", Answer::YesNo(YesNo::No))]);
    let yes = leadership(&[("know-strategy", Answer::YesNo(YesNo::Yes))]);
    assert!(no < none && none <= yes, "no {no}, none {none}, yes {yes}");
}

#[test]
fn there_isnt_one_is_offered_only_where_the_pack_says() {
    let spec = spec();
    let offered: Vec<&str> = spec
        .items
        .iter()
        .filter(|i| {
            matches!(
                i.kind,
                ItemKind::YesNo {
                    not_applicable: Some(_),
                    ..
                }
            )
        })
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(offered, ["know-strategy", "know-forum"]);
    // No item is reverse-scored: every "yes" is the good answer, so saying "no" to everything
    // can never look like good practice.
    assert!(
        spec.items
            .iter()
            .all(|i| !matches!(i.kind, ItemKind::YesNo { reverse: true, .. }))
    );
    assert!(
        spec.items
            .iter()
            .all(|i| i.weight == 1 || matches!(i.kind, ItemKind::Channels { .. }))
    );
}

#[test]
fn the_ward_surgeries_module_is_recommended_by_some_area() {
    let spec = spec();
    assert!(
        spec.areas
            .iter()
            .any(|a| a.modules.iter().any(|m| m == "ward-surgeries"))
    );
}

/// Answers from an earlier version of the pack, with items it has since split or reworded.
fn old_answers() -> Vec<ItemAnswer> {
    ["abuse-plan", "two-step", "home-shown", "broadcast-only"]
        .iter()
        .map(|id| ItemAnswer {
            item: (*id).to_owned(),
            answer: Answer::YesNo(YesNo::Yes),
        })
        .chain([ItemAnswer {
            item: "channels".to_owned(),
            answer: Answer::Channels(vec![ChannelUse {
                channel: "fax".to_owned(),
                frequency: Frequency::Daily,
            }]),
        }])
        .collect()
}

#[test]
fn answers_to_items_the_pack_no_longer_has_are_ignored() {
    let spec = spec();
    let outcome = score(&spec, &old_answers());
    assert!(outcome.scores.iter().all(|s| s.score == 0));
    assert_eq!(channels_score(&spec, &old_answers()), 0);
    assert_eq!(outcome.stage, "getting-started");
}

#[test]
fn an_old_attempt_with_old_item_ids_folds_and_shows_its_result() {
    let content = Content::default_content();
    let record = Record {
        id: RecordId::v7(shared::harness::START_MS - 86_400_000, 1),
        device: "old-device".to_owned(),
        hlc: Hlc {
            wall_ms: shared::harness::START_MS - 86_400_000,
            counter: 0,
        },
        pack_version: 1,
        body: RecordBody::AssessmentCompleted {
            answers: old_answers(),
            scores: vec![
                AreaScore {
                    area: "privacy".to_owned(),
                    score: 60,
                },
                AreaScore {
                    area: "an-area-since-removed".to_owned(),
                    score: 40,
                },
            ],
            overall: 50,
            stage: "a-stage-since-removed".to_owned(),
        },
    };
    let mut harness = Harness::new(content);
    harness
        .store
        .records
        .push(shared::effects::store::LoadedRecord {
            record: record.to_stored(),
            sync: shared::effects::store::SyncMark::Synced,
        });
    harness.start();
    assert_eq!(harness.model.log.progress().assessments.len(), 1);
    harness.send(Event::Navigate {
        to: Destination::Assessment,
    });
    harness.send(Event::ShowLastResult);
    let ScreenView::Assessment(view) = harness.view().screen else {
        panic!("not on the assessment screen")
    };
    assert!(format!("{view:?}").contains("privacy"));
}
