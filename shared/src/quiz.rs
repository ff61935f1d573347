//! Answering questions: the quiz at the end of a lesson, and the single-question steps that review reuses.
//!
//! Each question goes: choosing → checked (with feedback for each chosen option and the right
//! answer named) → the next question. After the last, the quiz is scored against its pass mark.

use content::{Question, QuestionKind, Quiz};

/// Answering one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answering {
    /// Options picked so far, in the order of the question (not the shuffled order shown).
    Choosing { selected: Vec<String> },
    /// The answer was checked; feedback is showing.
    Checked { chosen: Vec<String>, correct: bool },
}

impl Default for Answering {
    fn default() -> Self {
        Self::Choosing {
            selected: Vec::new(),
        }
    }
}

/// Why a quiz event did nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The event does not apply now: for example, choosing after the answer was checked, or
    /// answering after the quiz ended.
    NotNow,
    /// "Check answer" with nothing chosen.
    NothingChosen,
    NoSuchOption,
}

impl Answering {
    /// Picks an option. A single-answer question keeps one choice; "select all that apply" toggles.
    pub fn choose(&mut self, question: &Question, option: &str) -> Result<(), Refusal> {
        let Self::Choosing { selected } = self else {
            return Err(Refusal::NotNow);
        };
        if !question.options.iter().any(|o| o.id == option) {
            return Err(Refusal::NoSuchOption);
        }
        if question.kind == QuestionKind::Multiple {
            if let Some(at) = selected.iter().position(|s| s == option) {
                selected.remove(at);
            } else {
                selected.push(option.to_owned());
            }
            // Keep the question's order, so records and views do not depend on tap order.
            selected.sort_by_key(|s| question.options.iter().position(|o| &o.id == s));
        } else {
            *selected = vec![option.to_owned()];
        }
        Ok(())
    }

    /// Checks the chosen options. Returns whether they were exactly right.
    pub fn check(&mut self, question: &Question) -> Result<bool, Refusal> {
        let Self::Choosing { selected } = self else {
            return Err(Refusal::NotNow);
        };
        if selected.is_empty() {
            return Err(Refusal::NothingChosen);
        }
        let correct = question.is_correct(selected);
        *self = Self::Checked {
            chosen: std::mem::take(selected),
            correct,
        };
        Ok(correct)
    }

    pub fn is_selected(&self, option: &str) -> bool {
        match self {
            Self::Choosing { selected } => selected.iter().any(|s| s == option),
            Self::Checked { chosen, .. } => chosen.iter().any(|s| s == option),
        }
    }
}

/// Where a quiz attempt is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuizState {
    Question {
        index: usize,
        answering: Answering,
    },
    Finished {
        score: u32,
        total: u32,
        passed: bool,
    },
}

/// One attempt at a lesson's quiz.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizSession {
    pub lesson: String,
    /// How many attempts at this quiz had finished when this one began. It seeds the order the
    /// options show in ([`crate::shuffle`]), so the order is the same after a restart.
    pub attempt: u32,
    pub state: QuizState,
    /// Whether each question so far was answered correctly.
    pub results: Vec<bool>,
}

/// What a step of the quiz produced, for the caller to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Answered {
        question: String,
        chosen: Vec<String>,
        correct: bool,
    },
    Moved,
    Finished {
        score: u32,
        total: u32,
        passed: bool,
    },
}

impl QuizSession {
    pub fn new(lesson: &str, attempt: u32) -> Self {
        Self {
            lesson: lesson.to_owned(),
            attempt,
            state: QuizState::Question {
                index: 0,
                answering: Answering::default(),
            },
            results: Vec::new(),
        }
    }

    pub fn choose(&mut self, quiz: &Quiz, option: &str) -> Result<(), Refusal> {
        match &mut self.state {
            QuizState::Question { index, answering } => {
                answering.choose(&quiz.questions[*index], option)
            }
            QuizState::Finished { .. } => Err(Refusal::NotNow),
        }
    }

    pub fn check(&mut self, quiz: &Quiz) -> Result<Outcome, Refusal> {
        let QuizState::Question { index, answering } = &mut self.state else {
            return Err(Refusal::NotNow);
        };
        let question = &quiz.questions[*index];
        let correct = answering.check(question)?;
        self.results.push(correct);
        let Answering::Checked { chosen, .. } = answering else {
            unreachable!("check moves to Checked");
        };
        Ok(Outcome::Answered {
            question: question.id.clone(),
            chosen: chosen.clone(),
            correct,
        })
    }

    /// After feedback: the next question, or the score after the last.
    pub fn next(&mut self, quiz: &Quiz) -> Result<Outcome, Refusal> {
        let QuizState::Question {
            index,
            answering: Answering::Checked { .. },
        } = self.state
        else {
            return Err(Refusal::NotNow);
        };
        if index + 1 < quiz.questions.len() {
            self.state = QuizState::Question {
                index: index + 1,
                answering: Answering::default(),
            };
            return Ok(Outcome::Moved);
        }
        let score = u32::try_from(self.results.iter().filter(|&&r| r).count()).unwrap_or(0);
        let total = u32::try_from(quiz.questions.len()).unwrap_or(0);
        let passed = score >= quiz.pass_mark;
        self.state = QuizState::Finished {
            score,
            total,
            passed,
        };
        Ok(Outcome::Finished {
            score,
            total,
            passed,
        })
    }
}

#[cfg(test)]
mod tests {
    use content::Choice;

    use super::*;

    fn question(kind: QuestionKind, correct: &[&str]) -> Question {
        Question {
            id: "l.q".into(),
            kind,
            scenario: None,
            prompt: "?".into(),
            options: ["a", "b", "c"]
                .iter()
                .map(|id| Choice {
                    id: (*id).into(),
                    text: id.to_uppercase(),
                    correct: correct.contains(id),
                    feedback: format!("about {id}"),
                })
                .collect(),
        }
    }

    fn quiz(pass_mark: u32) -> Quiz {
        Quiz {
            pass_mark,
            questions: vec![
                question(QuestionKind::Single, &["a"]),
                question(QuestionKind::Multiple, &["a", "c"]),
            ],
        }
    }

    #[test]
    fn single_choice_keeps_the_last_pick_and_multiple_toggles() {
        let single = question(QuestionKind::Single, &["a"]);
        let mut answering = Answering::default();
        answering.choose(&single, "a").unwrap();
        answering.choose(&single, "b").unwrap();
        assert_eq!(
            answering,
            Answering::Choosing {
                selected: vec!["b".into()]
            }
        );

        let multiple = question(QuestionKind::Multiple, &["a", "c"]);
        let mut answering = Answering::default();
        for option in ["c", "a", "b", "b"] {
            answering.choose(&multiple, option).unwrap();
        }
        assert_eq!(
            answering,
            Answering::Choosing {
                selected: vec!["a".into(), "c".into()]
            }
        );
        assert_eq!(answering.check(&multiple), Ok(true));
    }

    #[test]
    fn multiple_choice_needs_exactly_the_right_set() {
        let multiple = question(QuestionKind::Multiple, &["a", "c"]);
        let mut answering = Answering::default();
        answering.choose(&multiple, "a").unwrap();
        assert_eq!(answering.check(&multiple), Ok(false));
    }

    #[test]
    fn cannot_check_nothing_or_choose_after_checking() {
        let single = question(QuestionKind::Single, &["a"]);
        let mut answering = Answering::default();
        assert_eq!(answering.check(&single), Err(Refusal::NothingChosen));
        assert_eq!(answering.choose(&single, "z"), Err(Refusal::NoSuchOption));
        answering.choose(&single, "a").unwrap();
        answering.check(&single).unwrap();
        assert_eq!(answering.choose(&single, "b"), Err(Refusal::NotNow));
        assert_eq!(answering.check(&single), Err(Refusal::NotNow));
    }

    #[test]
    fn a_quiz_scores_against_its_pass_mark_and_refuses_answers_after_the_end() {
        let quiz = quiz(2);
        let mut session = QuizSession::new("l", 0);
        assert_eq!(
            session.next(&quiz),
            Err(Refusal::NotNow),
            "cannot skip a question"
        );
        session.choose(&quiz, "a").unwrap();
        assert!(matches!(
            session.check(&quiz),
            Ok(Outcome::Answered { correct: true, .. })
        ));
        assert_eq!(session.next(&quiz), Ok(Outcome::Moved));
        session.choose(&quiz, "a").unwrap();
        assert!(matches!(
            session.check(&quiz),
            Ok(Outcome::Answered { correct: false, .. })
        ));
        assert_eq!(
            session.next(&quiz),
            Ok(Outcome::Finished {
                score: 1,
                total: 2,
                passed: false
            })
        );
        assert_eq!(session.choose(&quiz, "a"), Err(Refusal::NotNow));
        assert_eq!(session.check(&quiz), Err(Refusal::NotNow));
        assert_eq!(session.next(&quiz), Err(Refusal::NotNow));
    }
}
