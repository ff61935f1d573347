//! Blind strategies: rules that answer a quiz without reading it. A quiz that one of them passes tests nothing.
//!
//! A learner who has not read the lesson might still spot a pattern in how the pack was written:
//! the right answer is always the first option, "select all that apply" always has one wrong
//! option at the end, or the statement is usually false. Each [`Strategy`] plays one such
//! pattern on every question of a quiz, in the order the pack lists the options:
//!
//! - single and scenario questions: always option `k` (the last option when there are fewer);
//! - "select all that apply": the same option `k` alone, or a rule by count: tick them all, all
//!   but the last, all but the first, the first `n`, or the last `n`;
//! - true or false: always "true", or always "false".
//!
//! [`best_blind_score`] finds the strategy that scores most on a quiz. The validator refuses a
//! quiz in which that score reaches the pass mark. The app also shuffles options for each attempt;
//! this check keeps the pack honest in the order it is written, too.

use std::fmt;

use crate::model::{Question, QuestionKind, Quiz};

/// How a blind strategy answers "select all that apply".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ticks {
    /// Only the option at the strategy's position.
    Position,
    All,
    AllButLast,
    AllButFirst,
    First(usize),
    Last(usize),
}

/// One way to answer every question of a quiz without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Strategy {
    /// The option chosen in single and scenario questions (from 0).
    pub position: usize,
    pub ticks: Ticks,
    /// The answer given to every true-or-false question.
    pub always: bool,
}

impl fmt::Display for Strategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.position + 1;
        write!(f, "choose option {n}; ")?;
        match self.ticks {
            Ticks::Position => write!(f, "tick only option {n}")?,
            Ticks::All => write!(f, "tick them all")?,
            Ticks::AllButLast => write!(f, "tick all but the last")?,
            Ticks::AllButFirst => write!(f, "tick all but the first")?,
            Ticks::First(k) => write!(f, "tick the first {k}")?,
            Ticks::Last(k) => write!(f, "tick the last {k}")?,
        }
        write!(f, "; answer {}", if self.always { "true" } else { "false" })
    }
}

impl Strategy {
    /// The options this strategy picks in `question`, by index.
    pub fn picks(&self, question: &Question) -> Vec<usize> {
        let len = question.options.len();
        if len == 0 {
            return Vec::new();
        }
        let at = self.position.min(len - 1);
        match question.kind {
            QuestionKind::Single | QuestionKind::Scenario => vec![at],
            QuestionKind::TrueFalse => question
                .options
                .iter()
                .position(|o| o.id == self.always.to_string())
                .into_iter()
                .collect(),
            QuestionKind::Multiple => match self.ticks {
                Ticks::Position => vec![at],
                Ticks::All => (0..len).collect(),
                Ticks::AllButLast => (0..len - 1).collect(),
                Ticks::AllButFirst => (1..len).collect(),
                Ticks::First(k) => (0..k.min(len)).collect(),
                Ticks::Last(k) => (len - k.min(len)..len).collect(),
            },
        }
    }

    /// Whether this strategy answers `question` exactly right.
    pub fn answers(&self, question: &Question) -> bool {
        let chosen: Vec<&str> = self
            .picks(question)
            .into_iter()
            .map(|i| question.options[i].id.as_str())
            .collect();
        !chosen.is_empty() && question.is_correct(&chosen)
    }

    /// How many questions of `quiz` this strategy gets right.
    pub fn score(&self, quiz: &Quiz) -> u32 {
        let right = quiz.questions.iter().filter(|q| self.answers(q)).count();
        u32::try_from(right).unwrap_or(u32::MAX)
    }
}

/// Every strategy worth trying on `quiz`.
pub fn strategies(quiz: &Quiz) -> Vec<Strategy> {
    let widest = quiz
        .questions
        .iter()
        .map(|q| q.options.len())
        .max()
        .unwrap_or(0);
    let mut ticks = vec![
        Ticks::Position,
        Ticks::All,
        Ticks::AllButLast,
        Ticks::AllButFirst,
    ];
    for k in 1..widest {
        ticks.push(Ticks::First(k));
        ticks.push(Ticks::Last(k));
    }
    let mut all = Vec::new();
    for position in 0..widest.max(1) {
        for &ticks in &ticks {
            for always in [true, false] {
                all.push(Strategy {
                    position,
                    ticks,
                    always,
                });
            }
        }
    }
    all
}

/// The blind strategy that scores most on `quiz`, and its score.
pub fn best_blind_score(quiz: &Quiz) -> Option<(Strategy, u32)> {
    strategies(quiz)
        .into_iter()
        .map(|s| (s, s.score(quiz)))
        .max_by_key(|&(_, score)| score)
}

/// A strategy that passes `quiz` without reading it, if there is one.
pub fn passing_strategy(quiz: &Quiz) -> Option<(Strategy, u32)> {
    best_blind_score(quiz).filter(|&(_, score)| score >= quiz.pass_mark && quiz.pass_mark > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Choice;

    fn question(kind: QuestionKind, correct: &[usize], len: usize) -> Question {
        let ids: Vec<String> = if kind == QuestionKind::TrueFalse {
            vec!["true".into(), "false".into()]
        } else {
            (0..len).map(|i| format!("o{i}")).collect()
        };
        Question {
            id: "l.q".into(),
            kind,
            scenario: None,
            prompt: "?".into(),
            options: ids
                .into_iter()
                .enumerate()
                .map(|(i, id)| Choice {
                    id,
                    text: String::new(),
                    correct: correct.contains(&i),
                    feedback: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn the_old_pattern_is_caught() {
        // Right answer first, all but the last ticked, and "false".
        let quiz = Quiz {
            pass_mark: 3,
            questions: vec![
                question(QuestionKind::Single, &[0], 4),
                question(QuestionKind::Multiple, &[0, 1, 2], 4),
                question(QuestionKind::TrueFalse, &[1], 2),
                question(QuestionKind::Scenario, &[0], 3),
            ],
        };
        let (strategy, score) = passing_strategy(&quiz).unwrap();
        assert_eq!(score, 4);
        assert_eq!(strategy.position, 0);
        assert!(!strategy.always);
    }

    #[test]
    fn a_varied_quiz_is_not_passed_blind() {
        let quiz = Quiz {
            pass_mark: 3,
            questions: vec![
                question(QuestionKind::Single, &[2], 4),
                question(QuestionKind::Multiple, &[0, 2], 4),
                question(QuestionKind::TrueFalse, &[0], 2),
                question(QuestionKind::Scenario, &[1], 3),
            ],
        };
        assert_eq!(best_blind_score(&quiz).map(|(_, s)| s), Some(2));
        assert_eq!(passing_strategy(&quiz), None);
    }

    #[test]
    fn each_count_rule_is_tried() {
        for (correct, ticks) in [
            (&[0, 1, 2, 3][..], Ticks::All),
            (&[1, 2, 3], Ticks::AllButFirst),
            (&[0, 1], Ticks::First(2)),
            (&[2, 3], Ticks::Last(2)),
        ] {
            let q = question(QuestionKind::Multiple, correct, 4);
            let strategy = Strategy {
                position: 0,
                ticks,
                always: true,
            };
            assert!(strategy.answers(&q), "{strategy}");
        }
        let q = question(QuestionKind::Multiple, &[0, 3], 4);
        let quiz = Quiz {
            pass_mark: 1,
            questions: vec![q],
        };
        assert_eq!(passing_strategy(&quiz), None);
    }
}
