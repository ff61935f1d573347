//! Snapshots of every screen's view model, so any change to what a learner sees is reviewed.

mod support;

use shared::harness::Harness;
use shared::record::Frequency;
use shared::{Destination, Event};
use support::{fixture, press, started};

fn snapshot(name: &str, harness: &Harness) {
    insta::assert_yaml_snapshot!(name, harness.view());
}

#[test]
fn every_screen() {
    let mut loading = Harness::new(fixture());
    snapshot("loading", &loading);
    loading.store.fail_next =
        Some("The disk is full. Free some space, then open the app again.".into());
    loading.start();
    snapshot("failed", &loading);

    let mut harness = started();
    snapshot("home_empty", &harness);
    harness.send(Event::Navigate {
        to: Destination::Path,
    });
    snapshot("path", &harness);
    harness.send(Event::OpenLesson {
        lesson: "hello".into(),
    });
    snapshot("lesson_step_1", &harness);
    press(&mut harness, "Next");
    press(&mut harness, "Next");
    snapshot("lesson_last_step", &harness);
    press(&mut harness, "Start the quiz");
    snapshot("quiz_question", &harness);
    press(&mut harness, "Wrong");
    snapshot("quiz_chosen", &harness);
    press(&mut harness, "Check answer");
    snapshot("quiz_feedback", &harness);
    press(&mut harness, "Next question");
    press(&mut harness, "False");
    press(&mut harness, "Check answer");
    press(&mut harness, "Next question");
    press(&mut harness, "Two");
    press(&mut harness, "Four");
    press(&mut harness, "Check answer");
    press(&mut harness, "See your score");
    snapshot("quiz_passed", &harness);

    harness.send(Event::Navigate {
        to: Destination::Review,
    });
    snapshot("review_none_due", &harness);
    harness.now_ms += shared::when::DAY_MS;
    harness.send(Event::Navigate {
        to: Destination::Review,
    });
    snapshot("review_question", &harness);
    press(&mut harness, "Right");
    press(&mut harness, "Check answer");
    press(&mut harness, "Review finished");
    snapshot("review_done", &harness);

    harness.send(Event::Navigate {
        to: Destination::Assessment,
    });
    snapshot("assessment_intro", &harness);
    press(&mut harness, "Start");
    harness.send(Event::SetChannel {
        channel: "social".into(),
        frequency: Frequency::Weekly,
    });
    snapshot("assessment_channels", &harness);
    press(&mut harness, "Next");
    press(&mut harness, "Confident");
    snapshot("assessment_scale", &harness);
    press(&mut harness, "Next");
    press(&mut harness, "Yes");
    press(&mut harness, "Next");
    press(&mut harness, "No");
    press(&mut harness, "See your result");
    snapshot("assessment_result", &harness);

    harness.send(Event::Navigate {
        to: Destination::Checklists,
    });
    snapshot("checklists_empty", &harness);
    press(&mut harness, "Start");
    press(&mut harness, "Choose a platform.");
    let run = match harness.view().screen {
        shared::view::ScreenView::Run(run) => run.run_id,
        _ => unreachable!(),
    };
    harness.send(Event::SaveNote {
        run,
        item: "platform".into(),
        note: "The library's video room.".into(),
    });
    snapshot("checklist_run", &harness);
    press(&mut harness, "Finish checklist");
    harness.send(Event::Back);
    snapshot("checklists_with_run", &harness);

    harness.send(Event::Navigate {
        to: Destination::Settings,
    });
    snapshot("settings", &harness);
    press(&mut harness, "Delete my data");
    snapshot("settings_confirm_delete", &harness);
    press(&mut harness, "Cancel");

    harness.send(Event::Navigate {
        to: Destination::Home,
    });
    snapshot("home_in_progress", &harness);
}
