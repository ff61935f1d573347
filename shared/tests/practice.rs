//! Review of missed questions, the self-assessment, checklists and settings.
// Journey tests read best as one story from start to finish.
#![allow(clippy::too_many_lines)]

mod support;

use shared::record::Frequency;
use shared::review::INTERVAL_DAYS;
use shared::view::{AssessmentView, DeleteView, ItemInput, ReviewView, ScreenView};
use shared::when::DAY_MS;
use shared::{Destination, Event};
use support::{button, has_button, notice, press, screen_name, started};

fn miss_first_question(harness: &mut shared::harness::Harness) {
    harness.send(Event::OpenLesson {
        lesson: "hello".into(),
    });
    harness.send(Event::StartQuiz);
    press(harness, "Wrong");
    press(harness, "Check answer");
}

fn review_view(harness: &mut shared::harness::Harness) -> ReviewView {
    harness.send(Event::Navigate {
        to: Destination::Review,
    });
    review_view_after(harness)
}

#[test]
fn a_missed_question_comes_back_after_a_day() {
    let mut harness = started();
    miss_first_question(&mut harness);
    harness.send(Event::Navigate {
        to: Destination::Home,
    });
    let ScreenView::Home(home) = harness.view().screen else {
        panic!()
    };
    assert_eq!(home.review.title, "No questions to review right now.");
    assert_eq!(home.review.detail, "Your next review is tomorrow.");
    assert!(home.review.action.is_none());
    assert!(matches!(
        review_view(&mut harness),
        ReviewView::Empty { .. }
    ));

    harness.now_ms += INTERVAL_DAYS[0] * DAY_MS;
    harness.send(Event::Navigate {
        to: Destination::Home,
    });
    let ScreenView::Home(home) = harness.view().screen else {
        panic!()
    };
    assert_eq!(home.review.title, "1 question to review.");
    press(&mut harness, "Start review");
    let ReviewView::Question {
        progress,
        question,
        lesson_title,
        ..
    } = review_view_after(&harness)
    else {
        panic!("expected a question")
    };
    assert_eq!(progress.text, "Question 1 of 1");
    assert_eq!(lesson_title, "Hello");
    assert_eq!(question.prompt, "Pick one.");

    press(&mut harness, "Right");
    press(&mut harness, "Check answer");
    press(&mut harness, "Review finished");
    let ReviewView::Done { text, .. } = review_view_after(&harness) else {
        panic!()
    };
    assert_eq!(
        text,
        "You got 1 of 1 right. Questions you missed will come back tomorrow."
    );

    // Up one box: not due tomorrow, due in three days.
    let card = harness
        .model
        .log
        .progress()
        .review
        .card("hello.q1")
        .unwrap();
    assert_eq!(card.level, 2);
    harness.now_ms += DAY_MS;
    assert_eq!(
        harness
            .model
            .log
            .progress()
            .review
            .due_count(harness.now_ms),
        0
    );
    harness.now_ms += 2 * DAY_MS;
    assert_eq!(
        harness
            .model
            .log
            .progress()
            .review
            .due_count(harness.now_ms),
        1
    );
}

fn review_view_after(harness: &shared::harness::Harness) -> ReviewView {
    match harness.view().screen {
        ScreenView::Review(r) => r,
        other => panic!("expected review, got {other:?}"),
    }
}

#[test]
fn the_assessment_goes_item_by_item_with_back_and_gives_a_result() {
    let mut harness = started();
    harness.send(Event::Navigate {
        to: Destination::Assessment,
    });
    let view = harness.view();
    let ScreenView::Assessment(AssessmentView::Intro(intro)) = &view.screen else {
        panic!()
    };
    assert_eq!(intro.facts, vec!["About 2 minutes", "4 questions"]);
    assert!(intro.privacy.contains("stay on this device"));
    assert!(intro.last_result.is_none());
    press(&mut harness, "Start");

    // Item 1: channels.
    let ScreenView::Assessment(AssessmentView::Item(item)) = harness.view().screen else {
        panic!()
    };
    assert_eq!(item.progress.text, "Question 1 of 4");
    let ItemInput::Channels { channels } = &item.input else {
        panic!()
    };
    assert_eq!(channels.len(), 2);
    assert_eq!(channels[0].frequencies.len(), 4);
    assert!(channels[0].frequencies[0].selected, "never, until chosen");
    assert!(item.next.is_some(), "a channels item can be left at never");
    harness.send(Event::SetChannel {
        channel: "social".into(),
        frequency: Frequency::Daily,
    });
    harness.send(Event::SetChannel {
        channel: "email".into(),
        frequency: Frequency::Weekly,
    });
    press(&mut harness, "Next");

    // Item 2: a scale. Next waits for an answer.
    let ScreenView::Assessment(AssessmentView::Item(item)) = harness.view().screen else {
        panic!()
    };
    assert_eq!(item.area_title, "Skills");
    assert!(item.next.is_none());
    harness.send(Event::NextItem);
    assert_eq!(notice(&harness.view()), Some("Choose an answer to go on."));
    harness.send(Event::AnswerChoice { value: 9 });
    assert!(
        !has_button(&harness.view(), "Next"),
        "an out-of-range choice is ignored"
    );
    press(&mut harness, "Fairly");
    press(&mut harness, "Next");

    // Back, then forward again: the answer is kept.
    press(&mut harness, "Previous");
    let ScreenView::Assessment(AssessmentView::Item(item)) = harness.view().screen else {
        panic!()
    };
    let ItemInput::Choice { choices } = &item.input else {
        panic!()
    };
    assert!(choices[2].selected);
    press(&mut harness, "Next");

    // Items 3 and 4: yes / no / not sure.
    press(&mut harness, "Yes");
    press(&mut harness, "Next");
    press(&mut harness, "Not sure");
    let records = harness.model.log.len();
    press(&mut harness, "See your result");
    assert_eq!(
        harness.model.log.len(),
        records + 1,
        "one record for the whole attempt"
    );
    let record = harness.model.log.records().last().unwrap();
    assert!(record.is_private());

    let ScreenView::Assessment(AssessmentView::Result(result)) = harness.view().screen else {
        panic!()
    };
    // presence: (100 + 67) / 2 = 84 (rounded); skills: 2 of 4 = 50; safety: (2×100 + 25) / 3 = 75.
    let scores: Vec<(&str, u32)> = result
        .areas
        .iter()
        .map(|a| (a.id.as_str(), a.score))
        .collect();
    assert_eq!(
        scores,
        vec![("presence", 84), ("safety", 75), ("skills", 50)]
    );
    assert_eq!(result.overall, 70);
    assert_eq!(result.stage.title, "Practising");
    assert_eq!(result.stage.position_text, "Stage 3 of 4");
    assert_eq!(
        result
            .focus
            .iter()
            .map(|f| f.title.as_str())
            .collect::<Vec<_>>(),
        vec!["Skills", "Safety"]
    );
    assert_eq!(result.focus[0].modules[0].label, "Go to module: Extra");
    assert!(result.compared_text.is_none());
    assert_eq!(result.chart.series, vec!["This time"]);
    assert_eq!(
        result.chart.summary,
        "Presence: 84. Safety: 75. Skills: 50."
    );
}

#[test]
fn a_second_attempt_shows_the_first_beside_it() {
    let mut harness = started();
    for (first, then) in [("Not confident", "No"), ("Very confident", "Yes")] {
        harness.send(Event::Navigate {
            to: Destination::Assessment,
        });
        press(&mut harness, "Start");
        press(&mut harness, "Next");
        press(&mut harness, first);
        press(&mut harness, "Next");
        press(&mut harness, then);
        press(&mut harness, "Next");
        press(&mut harness, "No");
        press(&mut harness, "See your result");
        harness.now_ms += DAY_MS;
    }
    let ScreenView::Assessment(AssessmentView::Result(result)) = harness.view().screen else {
        panic!()
    };
    let skills = result.areas.iter().find(|a| a.id == "skills").unwrap();
    assert_eq!((skills.score, skills.previous), (100, Some(0)));
    assert_eq!(skills.change_text, "Up 100 since last time");
    assert_eq!(result.chart.series, vec!["This time", "Last time"]);
    assert!(
        result
            .compared_text
            .as_deref()
            .unwrap()
            .starts_with("Compared with your last attempt on")
    );

    harness.send(Event::Navigate {
        to: Destination::Assessment,
    });
    press(&mut harness, "See your last result");
    assert!(matches!(
        harness.view().screen,
        ScreenView::Assessment(AssessmentView::Result(_))
    ));
    harness.send(Event::Navigate {
        to: Destination::Home,
    });
    let ScreenView::Home(home) = harness.view().screen else {
        panic!()
    };
    assert!(
        home.assessment
            .detail
            .starts_with("Last time you were at the")
    );
}

#[test]
fn a_checklist_runs_item_by_item_with_notes_and_can_be_finished() {
    let mut harness = started();
    harness.send(Event::Navigate {
        to: Destination::Checklists,
    });
    let ScreenView::Checklists(list) = harness.view().screen else {
        panic!()
    };
    assert_eq!(list.templates.len(), 1);
    assert_eq!(list.templates[0].items_text, "3 items");
    assert_eq!(
        list.no_runs_text.as_deref(),
        Some("You have not started a checklist yet.")
    );
    press(&mut harness, "Start");

    let ScreenView::Run(run) = harness.view().screen else {
        panic!()
    };
    assert_eq!(
        run.sections
            .iter()
            .map(|s| s.title.as_str())
            .collect::<Vec<_>>(),
        vec!["Before", "After"]
    );
    assert_eq!(run.progress_text, "0 of 3 done");
    assert_eq!(
        run.sections[0].items[0].note_prompt.as_deref(),
        Some("Which one?")
    );
    let run_id = run.run_id.clone();

    press(&mut harness, "Choose a platform.");
    press(&mut harness, "Publish the time.");
    press(&mut harness, "Publish the time.");
    harness.send(Event::SaveNote {
        run: run_id.clone(),
        item: "platform".into(),
        note: "  A video call service the library can host.  ".into(),
    });
    assert_eq!(notice(&harness.view()), Some("Note saved."));
    let note_record = harness.model.log.records().last().unwrap();
    assert!(note_record.is_private());

    // Unknown items and runs change nothing.
    let records = harness.model.log.len();
    harness.send(Event::SetItem {
        run: run_id.clone(),
        item: "nope".into(),
        done: true,
    });
    harness.send(Event::SetItem {
        run: "garbage".into(),
        item: "platform".into(),
        done: true,
    });
    assert_eq!(harness.model.log.len(), records);

    let ScreenView::Run(run) = harness.view().screen else {
        panic!()
    };
    let platform = &run.sections[0].items[0];
    assert!(platform.done);
    assert_eq!(
        platform.note.as_deref(),
        Some("A video call service the library can host.")
    );
    assert_eq!(platform.note_label.as_deref(), Some("Edit note"));
    assert!(!run.sections[0].items[1].done, "ticked then unticked");
    assert_eq!(run.progress_text, "1 of 3 done");

    press(&mut harness, "Finish checklist");
    let ScreenView::Run(run) = harness.view().screen else {
        panic!()
    };
    assert!(run.finished);
    assert!(run.finish.is_none());
    assert!(
        run.sections
            .iter()
            .flat_map(|s| &s.items)
            .all(|i| i.toggle.is_none())
    );
    harness.send(Event::SetItem {
        run: run_id.clone(),
        item: "publish".into(),
        done: true,
    });
    assert_eq!(
        notice(&harness.view()),
        Some("This checklist is finished. Start a new one to make changes.")
    );

    harness.send(Event::Back);
    let ScreenView::Checklists(list) = harness.view().screen else {
        panic!()
    };
    assert_eq!(list.runs.len(), 1);
    assert!(list.runs[0].finished);
    assert!(list.runs[0].status_text.starts_with("Finished"));
    assert!(list.templates[0].resume.is_none());
    harness.send(button(&harness.view(), "Open"));
    assert_eq!(screen_name(&harness.view()), "run");
}

#[test]
fn an_unfinished_run_can_be_continued_from_the_list() {
    let mut harness = started();
    harness.send(Event::StartChecklist {
        checklist: "surgery".into(),
    });
    harness.send(Event::Navigate {
        to: Destination::Checklists,
    });
    press(&mut harness, "Continue");
    assert_eq!(screen_name(&harness.view()), "run");
    harness.send(Event::StartChecklist {
        checklist: "no-such".into(),
    });
    assert_eq!(
        notice(&harness.view()),
        Some("We could not find that checklist. It may have been removed in an update.")
    );
}

#[test]
fn settings_change_the_name_and_backup() {
    let mut harness = started();
    harness.send(Event::Navigate {
        to: Destination::Settings,
    });
    let ScreenView::Settings(settings) = harness.view().screen else {
        panic!()
    };
    assert!(!settings.backup.on, "backup is off by default");
    assert!(matches!(settings.delete, DeleteView::Ready { .. }));
    assert_eq!(settings.about, "Content: Fixture pack, version 1.");

    harness.send(Event::SetDisplayName {
        name: "  Sam  ".into(),
    });
    assert_eq!(notice(&harness.view()), Some("Name saved."));
    harness.send(Event::SetDisplayName {
        name: "x".repeat(61),
    });
    assert_eq!(
        notice(&harness.view()),
        Some("Use 60 characters or fewer for your name.")
    );
    press(&mut harness, "Turn on");
    let ScreenView::Settings(settings) = harness.view().screen else {
        panic!()
    };
    assert_eq!(settings.name.value, "Sam");
    assert!(settings.backup.on);
    assert_eq!(settings.backup.toggle.label, "Turn off");

    let records = harness.model.log.len();
    harness.send(Event::SetBackup { enabled: true });
    harness.send(Event::SetDisplayName { name: "Sam".into() });
    assert_eq!(harness.model.log.len(), records, "no change, no record");

    harness.send(Event::Navigate {
        to: Destination::Home,
    });
    let ScreenView::Home(home) = harness.view().screen else {
        panic!()
    };
    assert_eq!(home.greeting, "Welcome back, Sam");
}
