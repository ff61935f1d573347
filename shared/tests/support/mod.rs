//! Shared helpers for the core's tests: the small fixture pack, and finding buttons in views.
#![allow(dead_code, unreachable_pub)]

use std::path::PathBuf;
use std::sync::Arc;

use content::source::{self, Rules};
use shared::Event;
use shared::harness::Harness;
use shared::pack::Content;
use shared::view::{Action, ScreenView, ViewModel};

/// The small pack in `content/tests/fixtures/small`, so editing the real content never breaks these tests.
pub fn fixture() -> Arc<Content> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../content/tests/fixtures/small");
    let compiled =
        source::load(&dir, &Rules::format_only()).unwrap_or_else(|e| panic!("fixture pack: {e}"));
    Arc::new(Content::new(compiled.pack))
}

/// A started harness over the fixture pack.
pub fn started() -> Harness {
    let mut harness = Harness::new(fixture());
    harness.start();
    harness
}

/// Every action anywhere in the view, found by walking its serialized form.
pub fn actions(view: &ViewModel) -> Vec<Action> {
    let value = serde_json::to_value(view).expect("views serialize");
    let mut found = Vec::new();
    collect(&value, &mut found);
    found
}

fn collect(value: &serde_json::Value, found: &mut Vec<Action>) {
    match value {
        serde_json::Value::Object(map) => {
            if map.len() == 2
                && map.contains_key("label")
                && map.contains_key("event")
                && let Ok(action) = serde_json::from_value::<Action>(value.clone())
            {
                found.push(action);
                return;
            }
            map.values().for_each(|v| collect(v, found));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, found)),
        _ => {}
    }
}

/// The event of the first action with this label. Panics with the labels on offer if there is none,
/// which is what a learner would see: the button is not there.
pub fn button(view: &ViewModel, label: &str) -> Event {
    let all = actions(view);
    all.iter().find(|a| a.label == label).map_or_else(
        || {
            let labels: Vec<&str> = all.iter().map(|a| a.label.as_str()).collect();
            panic!("no button {label:?}; the view offers {labels:?}")
        },
        |a| a.event.clone(),
    )
}

pub fn has_button(view: &ViewModel, label: &str) -> bool {
    actions(view).iter().any(|a| a.label == label)
}

/// Presses a button by its label.
pub fn press(harness: &mut Harness, label: &str) {
    let event = button(&harness.view(), label);
    harness.send(event);
}

pub fn screen_name(view: &ViewModel) -> &'static str {
    match &view.screen {
        ScreenView::Loading { .. } => "loading",
        ScreenView::Failed { .. } => "failed",
        ScreenView::Home(_) => "home",
        ScreenView::Path(_) => "path",
        ScreenView::Lesson(_) => "lesson",
        ScreenView::Quiz(_) => "quiz",
        ScreenView::Review(_) => "review",
        ScreenView::Assessment(_) => "assessment",
        ScreenView::Checklists(_) => "checklists",
        ScreenView::Run(_) => "run",
        ScreenView::Settings(_) => "settings",
    }
}

pub fn notice(view: &ViewModel) -> Option<&str> {
    view.notice.as_ref().map(|n| n.text.as_str())
}

/// Reads a lesson to its end and answers its quiz by choosing every right option, checking on
/// the way that the lesson opened.
pub fn pass_lesson(harness: &mut Harness, lesson: &str) {
    harness.send(Event::OpenLesson {
        lesson: lesson.into(),
    });
    assert_eq!(
        screen_name(&harness.view()),
        "lesson",
        "{lesson} did not open"
    );
    while has_button(&harness.view(), "Next") {
        press(harness, "Next");
    }
    press(harness, "Start the quiz");
    answer_right(harness, lesson);
}

/// Answers every question of a lesson's quiz, from the first, by choosing all its right options.
pub fn answer_right(harness: &mut Harness, lesson: &str) {
    let content = harness.model.content.clone();
    let (_, found) = content.lesson(lesson).unwrap();
    for question in &found.quiz.questions {
        for option in question.options.iter().filter(|o| o.correct) {
            harness.send(Event::ChooseOption {
                option: option.id.clone(),
            });
        }
        harness.send(Event::CheckAnswer);
        harness.send(Event::NextQuestion);
    }
}
