//! Walks the whole default pack through the core: every module opens once its prerequisites are
//! done, every quiz can be passed with the answers its lesson teaches, and every assessment result
//! recommends modules.

mod support;

use std::collections::HashSet;

use content::{ItemKind, QuestionKind};
use shared::assessment::{focus_areas, score};
use shared::harness::Harness;
use shared::pack::Content;
use shared::path::{ModuleState, module_state};
use shared::record::{Answer, ChannelUse, Frequency, ItemAnswer, YesNo};
use shared::view::{QuizBody, ScreenView};
use shared::{Destination, Event};

fn pass_lesson(harness: &mut Harness, lesson: &str) {
    support::pass_lesson(harness, lesson);
    let ScreenView::Quiz(quiz) = harness.view().screen else {
        panic!("{lesson}: no quiz")
    };
    let QuizBody::Result(result) = quiz.body else {
        panic!("{lesson}: no result")
    };
    assert!(
        result.passed,
        "{lesson}: the right answers did not pass ({})",
        result.score_text
    );
}

#[test]
fn every_module_opens_after_its_prerequisites_and_every_quiz_can_be_passed() {
    let content = Content::default_content();
    let mut harness = Harness::new(content.clone());
    harness.start();

    let mut done: HashSet<String> = HashSet::new();
    let mut rounds = 0;
    while done.len() < content.pack.modules.len() {
        rounds += 1;
        assert!(
            rounds <= content.pack.modules.len(),
            "some modules can never be opened"
        );
        let progress = harness.model.log.progress().clone();
        let open: Vec<_> = content
            .pack
            .modules
            .iter()
            .filter(|m| !done.contains(&m.id))
            .filter(|m| {
                !matches!(
                    module_state(&content, &progress, m),
                    ModuleState::Locked { .. }
                )
            })
            .cloned()
            .collect();
        for module in &content.pack.modules {
            let locked = matches!(
                module_state(&content, &progress, module),
                ModuleState::Locked { .. }
            );
            let ready = module.prerequisites.iter().all(|p| done.contains(p));
            assert_eq!(
                locked, !ready,
                "{}: locked must mean a prerequisite is unfinished",
                module.id
            );
        }
        for module in open {
            for lesson in &module.lessons {
                pass_lesson(&mut harness, &lesson.id);
            }
            done.insert(module.id.clone());
        }
    }
    harness.send(Event::Navigate {
        to: Destination::Home,
    });
    let ScreenView::Home(home) = harness.view().screen else {
        panic!()
    };
    assert!(home.all_done.is_some());
}

#[test]
fn the_pack_uses_every_question_type_and_has_a_right_answer_everywhere() {
    let content = Content::default_content();
    let kinds: HashSet<String> = content
        .pack
        .questions()
        .map(|q| format!("{:?}", q.kind))
        .collect();
    for kind in [
        QuestionKind::Single,
        QuestionKind::Multiple,
        QuestionKind::TrueFalse,
        QuestionKind::Scenario,
    ] {
        assert!(
            kinds.contains(&format!("{kind:?}")),
            "no {kind:?} question in the pack"
        );
    }
    for question in content.pack.questions() {
        assert!(question.correct_ids().count() >= 1, "{}", question.id);
        assert!(
            question.options.iter().all(|o| !o.feedback.is_empty()),
            "{}",
            question.id
        );
    }
}

/// Answers where every item scores `level` points out of the scale (0 = lowest, 1 = highest),
/// except items in `high_areas`, which score the top.
fn answers(content: &Content, low: bool, high_areas: &[&str]) -> Vec<ItemAnswer> {
    let spec = &content.pack.assessment;
    spec.items
        .iter()
        .map(|item| {
            let top = !low || high_areas.contains(&item.area.as_str());
            let answer = match &item.kind {
                ItemKind::Scale { scale } => {
                    let points = spec
                        .scales
                        .iter()
                        .find(|s| &s.id == scale)
                        .unwrap()
                        .labels
                        .len();
                    Answer::Scale(if top {
                        u8::try_from(points - 1).unwrap()
                    } else {
                        0
                    })
                }
                ItemKind::YesNo { reverse, .. } => Answer::YesNo(match (top, reverse) {
                    (true, false) | (false, true) => YesNo::Yes,
                    _ => YesNo::No,
                }),
                ItemKind::Channels { channels, .. } => Answer::Channels(if top {
                    channels
                        .iter()
                        .map(|c| ChannelUse {
                            channel: c.id.clone(),
                            frequency: Frequency::Daily,
                        })
                        .collect()
                } else {
                    Vec::new()
                }),
            };
            ItemAnswer {
                item: item.id.clone(),
                answer,
            }
        })
        .collect()
}

#[test]
fn every_assessment_outcome_recommends_modules() {
    let content = Content::default_content();
    let spec = &content.pack.assessment;
    for area in &spec.areas {
        assert!(
            !area.modules.is_empty(),
            "area {} recommends nothing",
            area.id
        );
        assert!(area.modules.iter().all(|m| content.module(m).is_some()));
    }
    let area_ids: Vec<&str> = spec.areas.iter().map(|a| a.id.as_str()).collect();
    let mut cases = vec![answers(&content, true, &[]), answers(&content, false, &[])];
    // Each area strong on its own, and each pair of areas strong together.
    for (i, a) in area_ids.iter().enumerate() {
        cases.push(answers(&content, true, &[a]));
        for b in &area_ids[i + 1..] {
            cases.push(answers(&content, true, &[a, b]));
        }
    }
    let mut stages = HashSet::new();
    for case in &cases {
        let outcome = score(spec, case);
        stages.insert(outcome.stage.clone());
        let focus = focus_areas(spec, &outcome.scores);
        assert!(
            (2..=3).contains(&focus.len()),
            "{} areas to work on",
            focus.len()
        );
        let modules: Vec<&String> = focus
            .iter()
            .flat_map(|f| &spec.areas.iter().find(|a| a.id == f.area).unwrap().modules)
            .collect();
        assert!(!modules.is_empty());
    }
    assert!(
        stages.contains("getting-started") && stages.contains("digital-champion"),
        "{stages:?}"
    );
}
