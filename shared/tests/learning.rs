//! The learning path, the lesson reader and quizzes.
// Journey tests read best as one story from start to finish.
#![allow(clippy::too_many_lines)]

mod support;

use shared::harness::Harness;
use shared::record::RecordBody;
use shared::view::{
    LessonStatus, ModuleStatus, OptionMark, QuestionView, QuizBody, QuizResultView, QuizView,
    ScreenView,
};
use shared::{Destination, Event, shuffle};
use support::{button, notice, pass_lesson, press, screen_name, started};

fn path_view(harness: &mut Harness) -> shared::view::PathView {
    harness.send(Event::Navigate {
        to: Destination::Path,
    });
    match harness.view().screen {
        ScreenView::Path(path) => path,
        other => panic!("expected the path, got {other:?}"),
    }
}

fn quiz_view(harness: &Harness) -> QuizView {
    match harness.view().screen {
        ScreenView::Quiz(quiz) => quiz,
        other => panic!("expected a quiz, got {other:?}"),
    }
}

fn question_view(harness: &Harness) -> QuestionView {
    match quiz_view(harness).body {
        QuizBody::Question(question) => question,
        QuizBody::Result(result) => panic!("expected a question, got {result:?}"),
    }
}

fn result_view(harness: &Harness) -> QuizResultView {
    match quiz_view(harness).body {
        QuizBody::Result(result) => result,
        QuizBody::Question(question) => panic!("expected the result, got {question:?}"),
    }
}

#[test]
fn the_path_shows_each_module_state_and_what_unlocks_it() {
    let mut harness = started();
    let path = path_view(&mut harness);
    let states: Vec<(&str, ModuleStatus)> = path
        .modules
        .iter()
        .map(|m| (m.id.as_str(), m.status))
        .collect();
    assert_eq!(
        states,
        vec![
            ("basics", ModuleStatus::Available),
            ("next", ModuleStatus::Locked),
            ("extra", ModuleStatus::Available)
        ]
    );
    let locked = &path.modules[1];
    assert_eq!(
        locked.unlock_text.as_deref(),
        Some("Finish Basics to open this module.")
    );
    assert!(
        locked
            .lessons
            .iter()
            .all(|l| l.status == LessonStatus::Locked && l.open.is_none())
    );
    assert_eq!(path.modules[0].progress_text, "0 of 2 lessons done");
    assert_eq!(path.modules[0].number_text, "Module 1");
}

#[test]
fn a_lesson_reads_step_by_step_and_ends_in_its_quiz() {
    let mut harness = started();
    harness.send(Event::OpenLesson {
        lesson: "hello".into(),
    });
    let view = harness.view();
    let ScreenView::Lesson(lesson) = &view.screen else {
        panic!("{}", screen_name(&view))
    };
    assert_eq!(lesson.step.text, "Step 1 of 3");
    assert_eq!(lesson.heading, "First step");
    assert!(lesson.previous.is_none());
    assert_eq!(lesson.next.label, "Next");
    assert_eq!(lesson.sources_text, "Based on: Source one.");
    assert!(view.back.is_some());

    press(&mut harness, "Next");
    press(&mut harness, "Previous");
    press(&mut harness, "Next");
    press(&mut harness, "Next");
    let view = harness.view();
    let ScreenView::Lesson(lesson) = &view.screen else {
        panic!()
    };
    assert_eq!(lesson.step.text, "Step 3 of 3");
    assert_eq!(lesson.next.label, "Start the quiz");
    // Next on the last step goes nowhere; the quiz is its own action.
    harness.send(Event::NextStep);
    assert!(matches!(harness.view().screen, ScreenView::Lesson(ref l) if l.step.current == 3));

    press(&mut harness, "Start the quiz");
    assert_eq!(screen_name(&harness.view()), "quiz");
}

#[test]
fn a_lesson_resumes_at_the_step_where_the_learner_left() {
    let mut harness = started();
    harness.send(Event::OpenLesson {
        lesson: "hello".into(),
    });
    harness.send(Event::NextStep);
    harness.send(Event::NextStep);
    harness.send(Event::PreviousStep);
    harness.send(Event::Navigate {
        to: Destination::Home,
    });

    let view = harness.view();
    let ScreenView::Home(home) = &view.screen else {
        panic!()
    };
    let resume = home.resume.as_ref().unwrap();
    assert_eq!(resume.title, "Hello");
    assert_eq!(resume.detail, "Basics. Step 2 of 3");
    assert!(home.next.is_none(), "the next lesson is the one to resume");
    press(&mut harness, "Continue");
    let ScreenView::Lesson(lesson) = harness.view().screen else {
        panic!()
    };
    assert_eq!(lesson.step.current, 2);
}

#[test]
fn reopening_a_lesson_at_the_same_step_records_nothing_new() {
    let mut harness = started();
    harness.send(Event::OpenLesson {
        lesson: "hello".into(),
    });
    let records = harness.model.log.len();
    harness.send(Event::Back);
    harness.send(Event::OpenLesson {
        lesson: "hello".into(),
    });
    assert_eq!(harness.model.log.len(), records);
}

#[test]
fn unknown_and_locked_lessons_say_why_and_stay_put() {
    let mut harness = started();
    harness.send(Event::OpenLesson {
        lesson: "nope".into(),
    });
    let view = harness.view();
    assert_eq!(screen_name(&view), "home");
    assert_eq!(
        notice(&view),
        Some("We could not find that lesson. It may have been removed in an update.")
    );

    harness.send(Event::OpenLesson {
        lesson: "more".into(),
    });
    let view = harness.view();
    assert_eq!(screen_name(&view), "home");
    assert_eq!(
        notice(&view),
        Some("This lesson opens when you finish what comes before Next.")
    );
    assert!(harness.model.log.is_empty());

    press(&mut harness, "Dismiss");
    assert_eq!(notice(&harness.view()), None);
}

#[test]
fn each_answer_gets_feedback_and_names_the_right_answer() {
    let mut harness = started();
    harness.send(Event::OpenLesson {
        lesson: "hello".into(),
    });
    harness.send(Event::StartQuiz);

    let quiz = quiz_view(&harness);
    assert_eq!(quiz.heading, "Quiz: Hello");
    assert_eq!(quiz.progress.text, "Question 1 of 3");
    let question = question_view(&harness);
    assert_eq!(question.instruction, "Choose one answer.");
    assert!(
        question.primary.is_none(),
        "nothing to check until an option is chosen"
    );

    // Checking with nothing chosen explains itself.
    harness.send(Event::CheckAnswer);
    assert_eq!(notice(&harness.view()), Some("Choose an answer first."));

    press(&mut harness, "Wrong");
    press(&mut harness, "Check answer");
    let checked = quiz_view(&harness);
    let question = question_view(&harness);
    let feedback = question.feedback.as_ref().unwrap();
    assert!(!feedback.correct);
    assert_eq!(feedback.heading, "Not quite");
    assert_eq!(feedback.right_answer, "The right answer is: Right.");
    let mut marks: Vec<(&str, OptionMark, Option<&str>)> = question
        .options
        .iter()
        .map(|o| (o.text.as_str(), o.mark, o.feedback.as_deref()))
        .collect();
    // The options show in a shuffled order; the marks are what matter here.
    marks.sort_by_key(|m| m.0);
    assert_eq!(
        marks,
        vec![
            ("Right", OptionMark::Missed, None),
            ("Wrong", OptionMark::Incorrect, Some("No, this is wrong."))
        ]
    );
    assert!(question.options.iter().all(|o| o.choose.is_none()));

    // Choosing again after checking changes nothing.
    harness.send(Event::ChooseOption { option: "a".into() });
    assert_eq!(quiz_view(&harness), checked);

    press(&mut harness, "Next question");
    let question = question_view(&harness);
    assert_eq!(question.instruction, "Is this true or false?");
    assert_eq!(
        question
            .options
            .iter()
            .map(|o| o.text.as_str())
            .collect::<Vec<_>>(),
        vec!["True", "False"]
    );
    press(&mut harness, "False");
    press(&mut harness, "Check answer");
    let question = question_view(&harness);
    assert_eq!(question.feedback.as_ref().unwrap().heading, "Correct");

    press(&mut harness, "Next question");
    let question = question_view(&harness);
    assert_eq!(question.instruction, "Select all that apply.");
    assert!(question.multiple);
    press(&mut harness, "Two");
    press(&mut harness, "Three");
    press(&mut harness, "Three");
    press(&mut harness, "Four");
    press(&mut harness, "Check answer");
    let question = question_view(&harness);
    let feedback = question.feedback.as_ref().unwrap();
    assert!(feedback.correct);
    assert_eq!(
        feedback.right_answer,
        // In the order the options show in, for this attempt.
        "The right answers are: Four and Two."
    );
    assert_eq!(question.primary.as_ref().unwrap().label, "See your score");

    press(&mut harness, "See your score");
    let result = result_view(&harness);
    assert!(result.passed);
    assert_eq!(result.score_text, "You got 2 out of 3 right.");
    assert_eq!(result.pass_text, "You need 2 out of 3 to pass.");
}

/// The ids of the options on screen, in the order they show.
fn shown_ids(harness: &Harness) -> Vec<String> {
    question_view(harness)
        .options
        .iter()
        .map(|o| o.id.clone())
        .collect()
}

#[test]
fn options_show_shuffled_per_attempt_the_same_after_a_restart_and_are_recorded_by_id() {
    let mut harness = started();
    let content = harness.model.content.clone();
    let (_, hello) = content.lesson("hello").unwrap();
    let multiple = &hello.quiz.questions[2];
    let order_ids = |round: u32| -> Vec<String> {
        shuffle::option_order(multiple, round)
            .into_iter()
            .map(|at| multiple.options[at].id.clone())
            .collect()
    };
    let to_third = |harness: &mut Harness| {
        harness.send(Event::OpenLesson {
            lesson: "hello".into(),
        });
        harness.send(Event::StartQuiz);
        for option in ["b", "true"] {
            harness.send(Event::ChooseOption {
                option: option.into(),
            });
            harness.send(Event::CheckAnswer);
            harness.send(Event::NextQuestion);
        }
    };
    to_third(&mut harness);
    assert_eq!(
        shown_ids(&harness),
        order_ids(0),
        "the core's order, attempt 0"
    );

    // The same attempt after a restart shows the same order.
    let mut reopened = harness.reopen();
    reopened.start();
    to_third(&mut reopened);
    assert_eq!(shown_ids(&reopened), order_ids(0));

    // Answers are recorded by option id, in the question's own order, whatever the display order.
    reopened.send(Event::ChooseOption { option: "c".into() });
    reopened.send(Event::ChooseOption { option: "a".into() });
    reopened.send(Event::CheckAnswer);
    let last = reopened.model.log.records().last().unwrap().body.clone();
    assert_eq!(
        last,
        RecordBody::QuizAnswered {
            lesson: "hello".into(),
            question: "hello.q3".into(),
            chosen: vec!["a".into(), "c".into()],
            correct: true,
        }
    );

    // Each finished attempt seeds the next: over a few retries the order changes.
    reopened.send(Event::NextQuestion);
    let mut seen = vec![shown_ids_after_retry(&mut reopened)];
    for _ in 0..5 {
        seen.push(shown_ids_after_retry(&mut reopened));
    }
    for (round, ids) in seen.iter().enumerate() {
        assert_eq!(ids, &order_ids(u32::try_from(round).unwrap() + 1));
    }
    assert!(seen.iter().any(|ids| ids != &seen[0]), "{seen:?}");
}

/// From a finished attempt: tries again, answers the first two questions wrongly, and returns
/// the order of the third question's options; then finishes the attempt.
fn shown_ids_after_retry(harness: &mut Harness) -> Vec<String> {
    harness.send(Event::RetryQuiz);
    for option in ["b", "true"] {
        harness.send(Event::ChooseOption {
            option: option.into(),
        });
        harness.send(Event::CheckAnswer);
        harness.send(Event::NextQuestion);
    }
    let ids = shown_ids(harness);
    harness.send(Event::ChooseOption { option: "b".into() });
    harness.send(Event::CheckAnswer);
    harness.send(Event::NextQuestion);
    ids
}

#[test]
fn a_failed_quiz_can_be_retried_and_answers_after_the_end_are_refused() {
    let mut harness = started();
    harness.send(Event::OpenLesson {
        lesson: "world".into(),
    });
    harness.send(Event::StartQuiz);
    press(&mut harness, "Ignore it");
    press(&mut harness, "Check answer");
    press(&mut harness, "See your score");
    let result = result_view(&harness);
    assert!(!result.passed);
    assert_eq!(result.heading, "Not passed yet");
    assert!(!harness.model.log.progress().is_complete("world"));

    let records = harness.model.log.len();
    harness.send(Event::ChooseOption { option: "a".into() });
    harness.send(Event::CheckAnswer);
    assert_eq!(
        harness.model.log.len(),
        records,
        "no answer recorded after the end"
    );
    assert_eq!(
        notice(&harness.view()),
        Some("This quiz has ended. Try it again to answer more questions.")
    );

    press(&mut harness, "Try the quiz again");
    press(&mut harness, "Reply");
    press(&mut harness, "Check answer");
    press(&mut harness, "See your score");
    assert!(harness.model.log.progress().is_complete("world"));
    let lesson = harness.model.log.progress().lesson("world").unwrap();
    assert_eq!(lesson.attempts, 2);
    assert_eq!(lesson.best, Some((1, 1)));
}

#[test]
fn passing_every_lesson_of_a_module_unlocks_the_next() {
    let mut harness = started();
    pass_lesson(&mut harness, "hello");
    let path = path_view(&mut harness);
    assert_eq!(path.modules[0].status, ModuleStatus::InProgress);
    assert_eq!(path.modules[0].lessons[0].status, LessonStatus::Complete);
    assert_eq!(path.modules[1].status, ModuleStatus::Locked);

    pass_lesson(&mut harness, "world");
    let path = path_view(&mut harness);
    assert_eq!(path.modules[0].status, ModuleStatus::Complete);
    assert_eq!(path.modules[1].status, ModuleStatus::Available);
    assert!(path.modules[1].unlock_text.is_none());

    let view = harness.view();
    harness.send(button(&view, "Open lesson: More"));
    assert_eq!(screen_name(&harness.view()), "lesson");
}

#[test]
fn the_quiz_result_offers_the_next_lesson_and_home_shows_progress() {
    let mut harness = started();
    pass_lesson(&mut harness, "hello");
    let view = harness.view();
    assert_eq!(
        button(&view, "Next lesson"),
        Event::OpenLesson {
            lesson: "world".into()
        }
    );
    harness.send(Event::Navigate {
        to: Destination::Home,
    });
    let ScreenView::Home(home) = harness.view().screen else {
        panic!()
    };
    assert_eq!(home.summary, "You have finished 1 of 4 lessons.");
    assert_eq!(home.next.unwrap().title, "World");
    assert!(home.resume.is_none(), "a finished lesson is not resumed");
}

#[test]
fn back_goes_up_one_level() {
    let mut harness = started();
    harness.send(Event::OpenLesson {
        lesson: "hello".into(),
    });
    harness.send(Event::StartQuiz);
    harness.send(Event::Back);
    let ScreenView::Lesson(lesson) = harness.view().screen else {
        panic!()
    };
    assert_eq!(
        lesson.step.current, 3,
        "back from the quiz returns to the last step"
    );
    harness.send(Event::Back);
    assert_eq!(screen_name(&harness.view()), "path");
    harness.send(Event::Back);
    assert_eq!(screen_name(&harness.view()), "home");
}

#[test]
fn finishing_every_lesson_says_well_done() {
    let mut harness = started();
    for lesson in ["hello", "world", "more", "bonus"] {
        pass_lesson(&mut harness, lesson);
    }
    harness.send(Event::Navigate {
        to: Destination::Home,
    });
    let ScreenView::Home(home) = harness.view().screen else {
        panic!()
    };
    assert!(home.all_done.is_some());
    assert!(home.next.is_none());
}
