//! Spaced review of missed questions, on Leitner boxes.
//!
//! A question answered wrongly (in a quiz or a review) goes into box 1. Each right answer in a
//! review moves it up a box; a wrong one sends it back to box 1. A question comes back after
//! the interval of its box, and leaves the deck after a right answer in the last box.
//!
//! | box | comes back after |
//! |-----|------------------|
//! | 1   | 1 day            |
//! | 2   | 3 days           |
//! | 3   | 7 days           |
//! | 4   | 14 days          |
//! | 5   | 30 days          |
//!
//! A session takes at most [`SESSION_SIZE`] due questions: about two minutes at 20 seconds each.

use std::collections::HashMap;

use crate::quiz::Answering;
use crate::when::DAY_MS;

/// Days until a question in each box comes back.
pub const INTERVAL_DAYS: [u64; 5] = [1, 3, 7, 14, 30];

/// Questions in one review session.
pub const SESSION_SIZE: usize = 6;

/// A question waiting for review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Card {
    /// The Leitner box, from 1.
    pub level: u8,
    pub due_ms: u64,
}

/// When a question in `level` comes back, if it was answered at `at_ms`.
pub fn due_after(level: u8, at_ms: u64) -> u64 {
    let index = usize::from(level.clamp(1, 5) - 1);
    at_ms.saturating_add(INTERVAL_DAYS[index] * DAY_MS)
}

/// Every question in review, keyed by question id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deck {
    cards: HashMap<String, Card>,
}

impl Deck {
    /// A wrong answer: the question starts again in box 1.
    pub fn missed(&mut self, question: &str, at_ms: u64) {
        self.cards.insert(
            question.to_owned(),
            Card {
                level: 1,
                due_ms: due_after(1, at_ms),
            },
        );
    }

    /// A right answer in review: up a box, or out of the deck from the last box.
    /// A right answer to a question not in the deck changes nothing.
    pub fn recalled(&mut self, question: &str, at_ms: u64) {
        let Some(card) = self.cards.get_mut(question) else {
            return;
        };
        let last = u8::try_from(INTERVAL_DAYS.len()).unwrap_or(u8::MAX);
        if card.level >= last {
            self.cards.remove(question);
        } else {
            card.level += 1;
            card.due_ms = due_after(card.level, at_ms);
        }
    }

    pub fn card(&self, question: &str) -> Option<Card> {
        self.cards.get(question).copied()
    }

    pub fn len(&self) -> usize {
        self.cards.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cards.is_empty()
    }

    /// Questions due at `now_ms`, most overdue first (ties by id, so every device agrees).
    pub fn due(&self, now_ms: u64) -> Vec<&str> {
        let mut due: Vec<(&str, u64)> = self
            .cards
            .iter()
            .filter(|(_, card)| card.due_ms <= now_ms)
            .map(|(id, card)| (id.as_str(), card.due_ms))
            .collect();
        due.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(b.0)));
        due.into_iter().map(|(id, _)| id).collect()
    }

    pub fn due_count(&self, now_ms: u64) -> usize {
        self.cards.values().filter(|c| c.due_ms <= now_ms).count()
    }

    /// When the next question falls due, if any is waiting.
    pub fn next_due(&self) -> Option<u64> {
        self.cards.values().map(|c| c.due_ms).min()
    }
}

/// Where a review session is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewState {
    /// Nothing was due when the session opened.
    NothingDue,
    Question {
        index: usize,
        answering: Answering,
    },
    Done,
}

/// A short review session over the questions that were due when it began.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewSession {
    pub questions: Vec<String>,
    /// The day the session began, counted from the epoch. It seeds the order the options show
    /// in ([`crate::shuffle`]): the same all session, and new on another day.
    pub round: u32,
    pub state: ReviewState,
    pub correct: usize,
}

impl ReviewSession {
    /// A session over the most overdue questions, at most [`SESSION_SIZE`] of them.
    pub fn begin(deck: &Deck, now_ms: u64) -> Self {
        let questions: Vec<String> = deck
            .due(now_ms)
            .into_iter()
            .take(SESSION_SIZE)
            .map(str::to_owned)
            .collect();
        let state = if questions.is_empty() {
            ReviewState::NothingDue
        } else {
            ReviewState::Question {
                index: 0,
                answering: Answering::default(),
            }
        };
        Self {
            questions,
            round: u32::try_from(now_ms / DAY_MS).unwrap_or(u32::MAX),
            state,
            correct: 0,
        }
    }

    /// After feedback: the next question, or the end.
    pub fn advance(&mut self) -> bool {
        let ReviewState::Question {
            index,
            answering: Answering::Checked { .. },
        } = self.state
        else {
            return false;
        };
        self.state = if index + 1 < self.questions.len() {
            ReviewState::Question {
                index: index + 1,
                answering: Answering::default(),
            }
        } else {
            ReviewState::Done
        };
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missed_question_climbs_the_boxes_then_leaves() {
        let mut deck = Deck::default();
        deck.missed("q", 0);
        assert_eq!(
            deck.card("q"),
            Some(Card {
                level: 1,
                due_ms: DAY_MS
            })
        );
        let mut t = DAY_MS;
        for (level, days) in [(2u8, 3u64), (3, 7), (4, 14), (5, 30)] {
            deck.recalled("q", t);
            assert_eq!(
                deck.card("q"),
                Some(Card {
                    level,
                    due_ms: t + days * DAY_MS
                })
            );
            t += days * DAY_MS;
        }
        deck.recalled("q", t);
        assert_eq!(deck.card("q"), None);
        assert!(deck.is_empty());
    }

    #[test]
    fn a_wrong_review_answer_starts_again() {
        let mut deck = Deck::default();
        deck.missed("q", 0);
        deck.recalled("q", DAY_MS);
        deck.missed("q", 2 * DAY_MS);
        assert_eq!(
            deck.card("q"),
            Some(Card {
                level: 1,
                due_ms: 3 * DAY_MS
            })
        );
    }

    #[test]
    fn due_lists_only_due_questions_most_overdue_first() {
        let mut deck = Deck::default();
        deck.missed("b", 0);
        deck.missed("a", 0);
        deck.missed("c", DAY_MS);
        assert_eq!(deck.due(DAY_MS - 1), Vec::<&str>::new());
        assert_eq!(deck.due(DAY_MS), vec!["a", "b"]);
        assert_eq!(deck.due(2 * DAY_MS), vec!["a", "b", "c"]);
        assert_eq!(deck.due_count(2 * DAY_MS), 3);
        assert_eq!(deck.next_due(), Some(DAY_MS));
    }

    #[test]
    fn a_session_takes_the_most_overdue_questions_up_to_its_size() {
        let mut deck = Deck::default();
        for i in 0..10u64 {
            deck.missed(&format!("q{i}"), i * 1000);
        }
        let session = ReviewSession::begin(&deck, 10 * DAY_MS);
        assert_eq!(session.questions.len(), SESSION_SIZE);
        assert_eq!(session.questions[0], "q0");
        assert_eq!(session.questions[5], "q5");
        assert!(matches!(
            session.state,
            ReviewState::Question { index: 0, .. }
        ));
        assert_eq!(
            ReviewSession::begin(&Deck::default(), 0).state,
            ReviewState::NothingDue
        );
    }

    #[test]
    fn recalling_an_unknown_question_does_nothing() {
        let mut deck = Deck::default();
        deck.recalled("q", 0);
        assert!(deck.is_empty());
    }
}
