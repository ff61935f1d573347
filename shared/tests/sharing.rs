//! The learner's sharing choices: the baseline, "Was this useful?", and sharing progress.

mod support;

use shared::harness::Harness;
use shared::record::{Rated, RecordBody};
use shared::view::{AssessmentView, ScreenView};
use shared::{Destination, Event};
use support::{notice, pass_lesson, press, started};

fn take_assessment(harness: &mut Harness) {
    harness.send(Event::Navigate {
        to: Destination::Assessment,
    });
    press(harness, "Start");
    press(harness, "Next");
    press(harness, "Fairly");
    press(harness, "Next");
    press(harness, "Yes");
    press(harness, "Next");
    press(harness, "Not sure");
    press(harness, "See your result");
}

fn bodies_since(harness: &Harness, from: usize) -> Vec<RecordBody> {
    harness.model.log.records()[from..]
        .iter()
        .map(|r| r.body.clone())
        .collect()
}

#[test]
fn the_baseline_gets_only_the_result_and_only_when_asked() {
    let mut harness = started();
    take_assessment(&mut harness);
    let ScreenView::Assessment(AssessmentView::Result(result)) = harness.view().screen else {
        panic!()
    };
    assert!(!result.baseline.on, "off until the learner turns it on");
    let attempt = harness.model.log.progress().assessments[0].clone();

    let before = harness.model.log.len();
    harness.send(result.baseline.toggle.event.clone());
    let added = bodies_since(&harness, before);
    assert_eq!(added.len(), 2, "{added:?}");
    assert_eq!(added[0], RecordBody::BaselineSharingSet { enabled: true });
    let RecordBody::BaselineResult {
        stage,
        scores,
        month,
    } = &added[1]
    else {
        panic!("{added:?}")
    };
    assert_eq!(stage, &attempt.stage);
    assert_eq!(scores, &attempt.scores);
    assert_eq!(month.len(), 7, "YYYY-MM, not the day: {month}");
    assert!(
        harness.model.log.records()[before..]
            .iter()
            .all(|r| !r.is_private())
    );
    assert_eq!(
        notice(&harness.view()),
        Some("Your result is now in the anonymous baseline.")
    );

    // A new result joins the baseline with the assessment, in the same batch.
    let before = harness.model.log.len();
    take_assessment(&mut harness);
    let kinds: Vec<&str> = bodies_since(&harness, before)
        .iter()
        .map(RecordBody::kind)
        .collect();
    assert_eq!(kinds, ["assessment_completed", "baseline_result"]);

    // Turning it off is one record, and turning it on again adds nothing new to send.
    let before = harness.model.log.len();
    harness.send(Event::SetBaselineSharing { enabled: false });
    harness.send(Event::SetBaselineSharing { enabled: false });
    harness.send(Event::SetBaselineSharing { enabled: true });
    let kinds: Vec<&str> = bodies_since(&harness, before)
        .iter()
        .map(RecordBody::kind)
        .collect();
    assert_eq!(kinds, ["baseline_sharing_set", "baseline_sharing_set"]);
    assert!(harness.model.log.progress().settings.share_baseline());
}

#[test]
fn was_this_useful_rates_the_lesson_and_keeps_an_unshared_comment_private() {
    let mut harness = started();
    pass_lesson(&mut harness, "hello");
    let ScreenView::Quiz(quiz) = harness.view().screen else {
        panic!()
    };
    let shared::view::QuizBody::Result(result) = &quiz.body else {
        panic!()
    };
    assert_eq!(result.rating.scale.len(), 5);
    assert!(result.rating.rated.is_none());

    let before = harness.model.log.len();
    harness.send(Event::RateUseful {
        rating: 0,
        comment: String::new(),
        share_comment: false,
    });
    assert_eq!(
        notice(&harness.view()),
        Some("Choose a rating from 1 to 5.")
    );
    harness.send(Event::RateUseful {
        rating: 4,
        comment: "  More examples, please.  ".into(),
        share_comment: false,
    });
    let records = &harness.model.log.records()[before..];
    assert_eq!(records.len(), 2);
    let about = Rated::Lesson {
        lesson: "hello".into(),
    };
    assert_eq!(
        records[0].body,
        RecordBody::UsefulnessRated {
            about: about.clone(),
            rating: 4
        }
    );
    assert!(!records[0].is_private());
    assert_eq!(
        records[1].body,
        RecordBody::UsefulnessComment {
            about,
            comment: "More examples, please.".into(),
            shared: false
        }
    );
    assert!(
        records[1].is_private(),
        "not ticked, so the lead never gets it"
    );

    let ScreenView::Quiz(quiz) = harness.view().screen else {
        panic!()
    };
    let shared::view::QuizBody::Result(result) = &quiz.body else {
        panic!()
    };
    assert_eq!(
        result.rating.rated.as_deref(),
        Some("You rated this 4 out of 5. Thank you.")
    );

    // Nothing to rate away from a result: the event is ignored.
    harness.send(Event::Navigate {
        to: Destination::Home,
    });
    let before = harness.model.log.len();
    harness.send(Event::RateUseful {
        rating: 5,
        comment: String::new(),
        share_comment: true,
    });
    assert_eq!(harness.model.log.len(), before);
}

#[test]
fn a_finished_checklist_run_can_be_rated_with_a_shared_comment() {
    let mut harness = started();
    harness.send(Event::StartChecklist {
        checklist: "surgery".into(),
    });
    let ScreenView::Run(run) = harness.view().screen else {
        panic!()
    };
    assert!(run.rating.is_none(), "rated once finished");
    harness.send(Event::RateUseful {
        rating: 3,
        comment: String::new(),
        share_comment: false,
    });
    assert!(harness.model.log.progress().ratings.is_empty());
    press(&mut harness, "Finish checklist");
    let ScreenView::Run(run) = harness.view().screen else {
        panic!()
    };
    assert!(run.rating.is_some());
    let before = harness.model.log.len();
    harness.send(Event::RateUseful {
        rating: 5,
        comment: "Handy before a surgery.".into(),
        share_comment: true,
    });
    let records = &harness.model.log.records()[before..];
    assert!(matches!(
        &records[1].body,
        RecordBody::UsefulnessComment { shared: true, about: Rated::ChecklistRun { checklist, .. }, .. }
            if checklist == "surgery"
    ));
    assert!(!records[1].is_private(), "ticked: it goes to the lead");
}

#[test]
fn progress_sharing_is_off_until_chosen_in_settings() {
    let mut harness = started();
    harness.send(Event::Navigate {
        to: Destination::Settings,
    });
    let ScreenView::Settings(settings) = harness.view().screen else {
        panic!()
    };
    assert!(!settings.sharing.progress.on);
    assert!(!settings.sharing.baseline.on);
    assert!(settings.sharing.progress.hint.contains("never see"));
    harness.send(settings.sharing.progress.toggle.event.clone());
    let ScreenView::Settings(settings) = harness.view().screen else {
        panic!()
    };
    assert!(settings.sharing.progress.on);
    assert_eq!(settings.sharing.progress.toggle.label, "Turn off");
    harness.send(settings.sharing.progress.toggle.event.clone());
    assert!(!harness.model.log.progress().settings.share_progress());
}

#[test]
fn rating_again_without_sharing_withdraws_the_shared_comment() {
    let mut harness = started();
    pass_lesson(&mut harness, "hello");
    harness.send(Event::RateUseful {
        rating: 4,
        comment: "Clear.".into(),
        share_comment: true,
    });
    let before = harness.model.log.len();
    harness.send(Event::RateUseful {
        rating: 2,
        comment: "On reflection, too long.".into(),
        share_comment: false,
    });
    let records = &harness.model.log.records()[before..];
    let about = Rated::Lesson {
        lesson: "hello".into(),
    };
    // The withdrawal is public, so the server sees it; the new comment stays private.
    assert_eq!(
        records[1].body,
        RecordBody::UsefulnessComment {
            about: about.clone(),
            comment: String::new(),
            shared: true
        }
    );
    assert!(!records[1].is_private());
    assert!(records[2].is_private());
    // The server's view: only public records, folded: no comment left to read.
    let public: Vec<_> = harness
        .model
        .log
        .records()
        .iter()
        .filter(|r| !r.is_private())
        .cloned()
        .collect();
    let seen = shared::progress::Progress::fold(&public, &harness.model.content);
    assert!(seen.comments[&about].value.text.is_empty());
}
