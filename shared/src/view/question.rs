//! Questions with immediate feedback, as the quiz and review screens show them.

use content::{Choice, Question, QuestionKind, Quiz};
use facet::Facet;
use serde::{Deserialize, Serialize};

use super::{Action, RatingView, StepCount};
use crate::event::{Destination, Event};
use crate::model::Model;
use crate::quiz::{Answering, QuizSession, QuizState};
use crate::record::Rated;
use crate::review::{ReviewSession, ReviewState};
use crate::{path, shuffle, text, when};

#[derive(Facet, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[repr(C)]
pub enum QuestionKindView {
    Single,
    Multiple,
    TrueFalse,
    Scenario,
}

/// How an option shows once the answer is checked.
#[derive(Facet, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[repr(C)]
pub enum OptionMark {
    /// Not checked yet, or not chosen and not right.
    None,
    /// Chosen, and right.
    Correct,
    /// Chosen, but wrong.
    Incorrect,
    /// Not chosen, but right.
    Missed,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionView {
    pub id: String,
    pub text: String,
    pub selected: bool,
    pub mark: OptionMark,
    /// The mark in words, so it never rests on colour or an icon alone.
    pub mark_text: Option<String>,
    /// The option's own feedback, once checked, for options that were chosen.
    pub feedback: Option<String>,
    /// Picks or unpicks the option; absent once the answer is checked.
    pub choose: Option<Action>,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackView {
    pub correct: bool,
    pub heading: String,
    /// Names the right answer, always.
    pub right_answer: String,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionView {
    pub id: String,
    pub kind: QuestionKindView,
    /// "Choose one answer." or "Select all that apply."
    pub instruction: String,
    pub scenario: Option<String>,
    pub prompt: String,
    /// Several options may be picked (checkboxes rather than radio buttons).
    pub multiple: bool,
    pub options: Vec<OptionView>,
    pub feedback: Option<FeedbackView>,
    /// "Check answer" while choosing (absent until something is picked), then "Next question".
    pub primary: Option<Action>,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizResultView {
    pub passed: bool,
    pub heading: String,
    pub score_text: String,
    pub pass_text: String,
    pub text: String,
    pub actions: Vec<Action>,
    /// "Was this useful?" about the lesson.
    pub rating: RatingView,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[repr(C)]
pub enum QuizBody {
    Question(QuestionView),
    Result(QuizResultView),
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizView {
    pub lesson_id: String,
    pub heading: String,
    pub progress: StepCount,
    pub body: QuizBody,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[repr(C)]
pub enum ReviewView {
    /// Nothing due: says why, and when the next review is.
    Empty {
        heading: String,
        intro: String,
        text: String,
        action: Action,
    },
    Question {
        heading: String,
        lesson_title: String,
        progress: StepCount,
        question: QuestionView,
    },
    Done {
        heading: String,
        text: String,
        actions: Vec<Action>,
    },
}

/// A question as shown: its options in the shuffled order of `round` (see [`shuffle`]).
pub(crate) fn question_view(
    question: &Question,
    answering: &Answering,
    round: u32,
    last: bool,
    finish_label: &str,
) -> QuestionView {
    let checked = match answering {
        Answering::Choosing { .. } => None,
        Answering::Checked { correct, .. } => Some(*correct),
    };
    let shown: Vec<&Choice> = shuffle::option_order(question, round)
        .into_iter()
        .map(|at| &question.options[at])
        .collect();
    let options = shown
        .iter()
        .map(|option| {
            let selected = answering.is_selected(&option.id);
            let mark = match (checked.is_some(), selected, option.correct) {
                (false, ..) | (true, false, false) => OptionMark::None,
                (true, true, true) => OptionMark::Correct,
                (true, true, false) => OptionMark::Incorrect,
                (true, false, true) => OptionMark::Missed,
            };
            let label = match (question.kind, option.id.as_str()) {
                (QuestionKind::TrueFalse, "true") => text::TRUE.to_owned(),
                (QuestionKind::TrueFalse, "false") => text::FALSE.to_owned(),
                _ => option.text.clone(),
            };
            OptionView {
                id: option.id.clone(),
                // The label doubles as the accessible name of the option's "choose" action.
                choose: checked.is_none().then(|| {
                    Action::new(
                        label.clone(),
                        Event::ChooseOption {
                            option: option.id.clone(),
                        },
                    )
                }),
                text: label,
                selected,
                mark_text: match mark {
                    OptionMark::None => None,
                    OptionMark::Correct => Some(text::MARK_CORRECT.to_owned()),
                    OptionMark::Incorrect => Some(text::MARK_INCORRECT.to_owned()),
                    OptionMark::Missed => Some(text::MARK_MISSED.to_owned()),
                },
                mark,
                feedback: (checked.is_some() && selected).then(|| option.feedback.clone()),
            }
        })
        .collect::<Vec<_>>();
    let right: Vec<&str> = shown
        .iter()
        .zip(&options)
        .filter(|(o, _)| o.correct)
        .map(|(_, view)| view.text.as_str())
        .collect();
    let feedback = checked.map(|correct| FeedbackView {
        correct,
        heading: if correct {
            text::CORRECT
        } else {
            text::NOT_QUITE
        }
        .to_owned(),
        right_answer: text::right_answers(&right),
    });
    let primary = match answering {
        Answering::Choosing { selected } if selected.is_empty() => None,
        Answering::Choosing { .. } => Some(Action::new(text::CHECK_ANSWER, Event::CheckAnswer)),
        Answering::Checked { .. } => Some(Action::new(
            if last {
                finish_label
            } else {
                text::NEXT_QUESTION
            },
            Event::NextQuestion,
        )),
    };
    let (kind, instruction) = match question.kind {
        QuestionKind::Single => (QuestionKindView::Single, text::CHOOSE_ONE),
        QuestionKind::Multiple => (QuestionKindView::Multiple, text::CHOOSE_ALL),
        QuestionKind::TrueFalse => (QuestionKindView::TrueFalse, text::TRUE_OR_FALSE),
        QuestionKind::Scenario => (QuestionKindView::Scenario, text::CHOOSE_ONE),
    };
    QuestionView {
        id: question.id.clone(),
        kind,
        instruction: instruction.to_owned(),
        scenario: question.scenario.clone(),
        prompt: question.prompt.clone(),
        multiple: question.kind == QuestionKind::Multiple,
        options,
        feedback,
        primary,
    }
}

fn quiz_progress(quiz: &Quiz, index: usize) -> StepCount {
    StepCount::new(index + 1, quiz.questions.len(), text::question_of)
}

pub(super) fn quiz(model: &Model, session: &QuizSession) -> Option<QuizView> {
    let (_, lesson) = model.content.lesson(&session.lesson)?;
    let quiz = &lesson.quiz;
    let (progress, body) = match &session.state {
        QuizState::Question { index, answering } => {
            let question = quiz.questions.get(*index)?;
            let last = index + 1 == quiz.questions.len();
            (
                quiz_progress(quiz, *index),
                QuizBody::Question(question_view(
                    question,
                    answering,
                    session.attempt,
                    last,
                    text::SEE_SCORE,
                )),
            )
        }
        QuizState::Finished {
            score,
            total,
            passed,
        } => {
            let mut actions = Vec::new();
            if *passed {
                let next = path::next_lesson(&model.content, model.log.progress());
                if let Some((_, next)) = next {
                    actions.push(Action::new(
                        text::NEXT_LESSON,
                        Event::OpenLesson {
                            lesson: next.id.clone(),
                        },
                    ));
                }
            } else {
                actions.push(Action::new(text::TRY_AGAIN, Event::RetryQuiz));
                actions.push(Action::new(
                    text::REREAD,
                    Event::OpenLesson {
                        lesson: lesson.id.clone(),
                    },
                ));
            }
            actions.push(Action::new(
                text::BACK_TO_PATH,
                Event::Navigate {
                    to: Destination::Path,
                },
            ));
            (
                quiz_progress(quiz, quiz.questions.len().saturating_sub(1)),
                QuizBody::Result(QuizResultView {
                    passed: *passed,
                    heading: if *passed {
                        text::PASSED
                    } else {
                        text::NOT_PASSED
                    }
                    .to_owned(),
                    score_text: text::score(*score, *total),
                    pass_text: text::pass_mark(quiz.pass_mark, *total),
                    text: if *passed {
                        text::PASSED_TEXT
                    } else {
                        text::NOT_PASSED_TEXT
                    }
                    .to_owned(),
                    actions,
                    rating: super::sharing::rating(
                        model,
                        &Rated::Lesson {
                            lesson: lesson.id.clone(),
                        },
                    ),
                }),
            )
        }
    };
    Some(QuizView {
        lesson_id: lesson.id.clone(),
        heading: text::quiz_heading(&lesson.title),
        progress,
        body,
    })
}

pub(super) fn review(model: &Model, session: &ReviewSession) -> ReviewView {
    let progress = model.log.progress();
    let now = model.now_ms();
    let home = || {
        Action::new(
            text::BACK_HOME,
            Event::Navigate {
                to: Destination::Home,
            },
        )
    };
    let heading = text::REVIEW_TITLE.to_owned();
    match &session.state {
        ReviewState::NothingDue => ReviewView::Empty {
            heading,
            intro: text::REVIEW_INTRO.to_owned(),
            text: match progress.review.next_due() {
                None => text::REVIEW_EMPTY.to_owned(),
                Some(next) => format!(
                    "{} {}",
                    text::REVIEW_NONE_DUE,
                    text::next_review(&when::until(next, now))
                ),
            },
            action: home(),
        },
        ReviewState::Question { index, answering } => {
            let Some((lesson, question)) = session
                .questions
                .get(*index)
                .and_then(|id| model.content.question(id))
            else {
                return ReviewView::Done {
                    heading: text::REVIEW_DONE.to_owned(),
                    text: text::review_result(session.correct, *index),
                    actions: vec![home()],
                };
            };
            let last = index + 1 == session.questions.len();
            ReviewView::Question {
                heading,
                lesson_title: lesson.title.clone(),
                progress: StepCount::new(index + 1, session.questions.len(), text::question_of),
                question: question_view(
                    question,
                    answering,
                    session.round,
                    last,
                    text::REVIEW_DONE,
                ),
            }
        }
        ReviewState::Done => ReviewView::Done {
            heading: text::REVIEW_DONE.to_owned(),
            text: text::review_result(session.correct, session.questions.len()),
            actions: vec![home()],
        },
    }
}
