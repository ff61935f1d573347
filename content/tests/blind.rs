//! The blind-strategy check: a quiz that can be passed without reading it fails the pack.

use std::fs;
use std::path::PathBuf;

use content::blind;
use content::source::{Rules, load};

mod support;

use support::{copy_of_small, fixtures};

/// The problems with the first lesson's quiz, in the small pack with that quiz replaced by
/// `quiz` from `fixtures/blind`. (The pack's other quizzes are too short to resist a guess.)
fn problems_with(quiz: &str) -> Vec<String> {
    let dir = copy_of_small(&format!("blind-{quiz}"));
    fs::copy(
        fixtures().join("blind").join(quiz),
        dir.join("modules/01-basics/01-hello.quiz.toml"),
    )
    .unwrap();
    let rules = Rules {
        blind_strategies: true,
        ..Rules::format_only()
    };
    let found = match load(&dir, &rules) {
        Ok(_) => Vec::new(),
        Err(diagnostics) => diagnostics
            .iter()
            .map(ToString::to_string)
            .filter(|p| p.starts_with("modules/01-basics/01-hello.quiz.toml"))
            .collect(),
    };
    fs::remove_dir_all(dir).unwrap();
    found
}

#[test]
fn a_varied_quiz_passes_the_check() {
    assert_eq!(problems_with("varied.quiz.toml"), Vec::<String>::new());
}

#[test]
fn quizzes_that_a_blind_rule_passes_fail_with_the_rule_named() {
    for (quiz, rule) in [
        (
            "first-option.quiz.toml",
            "\"choose option 1; tick the first 3; answer false\" gets 4 of 4 right",
        ),
        (
            "tick-all-and-true.quiz.toml",
            "tick them all; answer true\" gets 4 of 4 right",
        ),
        ("first-two.quiz.toml", "tick the first 2"),
    ] {
        let found = problems_with(quiz);
        assert_eq!(found.len(), 1, "{quiz}: {found:?}");
        assert!(
            found[0].starts_with("modules/01-basics/01-hello.quiz.toml")
                && found[0].contains("can be passed without reading it")
                && found[0].contains(rule),
            "{quiz}: {}",
            found[0]
        );
    }
}

#[test]
fn the_format_rules_alone_do_not_apply_it_and_the_programme_rules_do() {
    assert!(!Rules::format_only().blind_strategies);
    assert!(Rules::programme(None).blind_strategies);
}

#[test]
fn no_blind_strategy_passes_any_quiz_in_the_default_pack() {
    let pack = load(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("pack"),
        &Rules::format_only(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    for lesson in pack.pack.lessons() {
        let (strategy, score) = blind::best_blind_score(&lesson.quiz).unwrap();
        assert!(
            score < lesson.quiz.pass_mark,
            "{}: \"{strategy}\" gets {score}, pass mark {}",
            lesson.id,
            lesson.quiz.pass_mark
        );
    }
}
