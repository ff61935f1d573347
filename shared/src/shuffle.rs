//! The order options show in: shuffled for each attempt, yet the same on every device and after a restart.
//!
//! A pack lists options in the order its author wrote them, and a learner who always picked the
//! first would learn nothing. So the core shuffles them. The shuffle is seeded from the question's
//! id and a round number (for a quiz, how many attempts at the lesson's quiz had finished when
//! this one began), so the order holds still while an attempt is under way, survives a restart,
//! and is the same in every shell. A new attempt gets a new order.
//!
//! Only the display order changes. Answers are still kept and recorded by option id, so stored
//! progress means the same whatever order the options were shown in. "True" and "False" keep
//! their usual order.

use content::{Question, QuestionKind};

use crate::clock::Rng;

/// A seed from a text id and a round: FNV-1a over the id's bytes, then the round.
pub fn seed(id: &str, round: u32) -> u64 {
    let mut hash: u64 = 0xCBF2_9CE4_8422_2325;
    for byte in id.bytes().chain(round.to_le_bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01B3);
    }
    hash
}

/// The order to show `len` items in: a permutation of `0..len`, from `seed`.
pub fn permutation(len: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    // The same generator as record ids (SplitMix64): even enough for a handful of options,
    // and the same on every platform.
    let mut rng = Rng::from_seed(seed);
    for i in (1..len).rev() {
        let j = rng.below(i + 1);
        order.swap(i, j);
    }
    order
}

/// The order to show a question's options in for one round: indexes into `question.options`.
pub fn option_order(question: &Question, round: u32) -> Vec<usize> {
    if question.kind == QuestionKind::TrueFalse {
        return (0..question.options.len()).collect();
    }
    permutation(question.options.len(), seed(&question.id, round))
}

#[cfg(test)]
mod tests {
    use content::Choice;

    use super::*;

    fn question(id: &str, kind: QuestionKind, options: usize) -> Question {
        Question {
            id: id.into(),
            kind,
            scenario: None,
            prompt: "?".into(),
            options: (0..options)
                .map(|i| Choice {
                    id: format!("o{i}"),
                    text: format!("Option {i}"),
                    correct: i == 0,
                    feedback: String::new(),
                })
                .collect(),
        }
    }

    fn is_permutation(order: &[usize], len: usize) -> bool {
        let mut sorted = order.to_vec();
        sorted.sort_unstable();
        sorted == (0..len).collect::<Vec<_>>()
    }

    #[test]
    fn the_same_round_always_gives_the_same_order() {
        let q = question("lesson.q1", QuestionKind::Single, 4);
        for round in 0..20 {
            let order = option_order(&q, round);
            assert!(is_permutation(&order, 4));
            assert_eq!(order, option_order(&q, round));
        }
    }

    #[test]
    fn different_rounds_and_questions_give_different_orders() {
        let q = question("lesson.q1", QuestionKind::Scenario, 4);
        let first = option_order(&q, 0);
        assert!(
            (1..10).any(|round| option_order(&q, round) != first),
            "a new attempt brings a new order"
        );
        let other = question("lesson.q2", QuestionKind::Scenario, 4);
        assert!((0..10).any(|round| option_order(&q, round) != option_order(&other, round)));
    }

    #[test]
    fn the_right_answer_is_not_always_shown_first() {
        // Option 0 is the right one; over a few attempts it shows in every position.
        let q = question("lesson.q3", QuestionKind::Multiple, 4);
        let mut seen = [0u32; 4];
        for round in 0..200 {
            let order = option_order(&q, round);
            let at = order.iter().position(|&i| i == 0).unwrap();
            seen[at] += 1;
        }
        assert!(seen.iter().all(|&n| n > 20), "evenly spread: {seen:?}");
    }

    #[test]
    fn in_the_default_pack_the_right_answer_shows_in_every_place() {
        let content = crate::pack::Content::default_content();
        for round in 0..3 {
            let mut places = [0u32; 4];
            for question in content.pack.questions() {
                if matches!(question.kind, QuestionKind::Single | QuestionKind::Scenario) {
                    let order = option_order(question, round);
                    let shown = order.iter().position(|&i| question.options[i].correct);
                    places[shown.unwrap().min(3)] += 1;
                }
            }
            assert!(
                places[..3].iter().all(|&n| n > 5),
                "round {round}: {places:?}"
            );
        }
    }

    #[test]
    fn true_or_false_keeps_its_order() {
        let q = question("lesson.q4", QuestionKind::TrueFalse, 2);
        for round in 0..10 {
            assert_eq!(option_order(&q, round), vec![0, 1]);
        }
    }

    const PINNED: [usize; 4] = [1, 3, 2, 0];

    #[test]
    fn the_generator_is_the_same_everywhere() {
        // Fixed values, so a change to the order (which would reshuffle open attempts) is seen.
        // SplitMix64's published test values.
        let mut rng = Rng::from_seed(1_234_567);
        assert_eq!(rng.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(rng.next_u64(), 3_203_168_211_198_807_973);
        assert_eq!(permutation(0, 7), Vec::<usize>::new());
        assert_eq!(permutation(1, 7), vec![0]);
        assert_eq!(permutation(4, seed("lesson.q1", 0)), PINNED);
    }
}
