//! The validator reports every problem at once, each with its file and line, and never panics.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use content::originality::Fingerprint;
use content::source::{Rules, load};

mod support;

fn fixture() -> PathBuf {
    support::fixtures().join("small")
}

/// A fresh copy of the small fixture pack, so a test can break it.
fn broken_copy(name: &str) -> PathBuf {
    support::copy_of_small(name)
}

fn problems(dir: &Path, rules: &Rules) -> Vec<String> {
    match load(dir, rules) {
        Ok(_) => Vec::new(),
        Err(diagnostics) => diagnostics.iter().map(ToString::to_string).collect(),
    }
}

fn replace(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(
        text.contains(from),
        "{} does not contain {from:?}",
        path.display()
    );
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn the_fixture_pack_is_valid_under_the_format_rules() {
    let compiled = load(&fixture(), &Rules::format_only()).unwrap();
    assert_eq!(compiled.pack.modules.len(), 3);
    assert_eq!(compiled.pack.lessons().count(), 4);
    let hello = compiled.pack.lessons().next().unwrap();
    assert_eq!(hello.quiz.questions[0].id, "hello.q1");
    assert_eq!(hello.quiz.pass_mark, 2);
    // The default pass mark is two thirds, rounded up.
    let world = compiled.pack.lessons().nth(1).unwrap();
    assert_eq!(world.quiz.pass_mark, 1);
}

#[test]
fn every_problem_is_reported_together_with_its_file_and_line() {
    let dir = broken_copy("many");
    let basics = dir.join("modules/01-basics");
    // An unknown prerequisite, and a cycle between two modules.
    replace(
        &dir.join("modules/02-next/module.toml"),
        "[\"basics\"]",
        "[\"basics\", \"missing\"]",
    );
    replace(
        &dir.join("modules/03-extra/module.toml"),
        "summary = \"Open from the start.\"",
        "summary = \"Open from the start.\"\nprerequisites = [\"next\"]",
    );
    replace(
        &basics.join("module.toml"),
        "summary = \"The first module.\"",
        "summary = \"The first module.\"\nprerequisites = [\"extra\"]",
    );
    // A question with no correct option.
    replace(
        &basics.join("01-hello.quiz.toml"),
        "text = \"Right\"\ncorrect = true",
        "text = \"Right\"",
    );
    // A duplicate lesson id.
    replace(
        &dir.join("modules/03-extra/01-bonus.md"),
        "id = \"bonus\"",
        "id = \"hello\"",
    );
    // A lesson with no sources.
    replace(&basics.join("02-world.md"), "sources = [\"s1\"]\n", "");
    // An assessment area with no items.
    replace(
        &dir.join("assessment.toml"),
        "area = \"skills\"",
        "area = \"safety\"",
    );
    // A typo in a field name, and broken TOML.
    replace(
        &dir.join("checklists/surgery.toml"),
        "note_prompt",
        "note_promt",
    );
    replace(
        &dir.join("modules/02-next/01-more.quiz.toml"),
        "prompt = \"Choose.\"",
        "prompt = \"Choose.",
    );

    let found = problems(&dir, &Rules::format_only());
    let expect = [
        "assessment.toml:24: area 'skills' has no items; add an [[item]] with area = \"skills\"",
        "checklists/surgery.toml:12: unknown field `note_promt`",
        "modules/01-basics/01-hello.quiz.toml:3: no option is marked correct = true; every question needs a right answer",
        "modules/01-basics/02-world.md:2: this lesson names no sources",
        "modules/02-next/01-more.quiz.toml:4: ",
        "modules/02-next/module.toml:4: unknown prerequisite 'missing'; it must be a module id",
        "modules/03-extra/01-bonus.md:2: duplicate lesson id 'hello': it is already used at modules/01-basics/01-hello.md:2",
        "circular prerequisites: ",
    ];
    for wanted in expect {
        assert!(
            found.iter().any(|p| p.contains(wanted)),
            "missing {wanted:?} in:\n{}",
            found.join("\n")
        );
    }
    let mut sorted = found.clone();
    sorted.sort();
    assert_eq!(found, sorted, "problems come sorted by file and line");
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn programme_rules_catch_length_plain_english_and_copying() {
    let dir = broken_copy("programme");
    let long = format!(
        "## A long step\n\n{}\n",
        "This sentence is deliberately made far too long for a reader on a phone because it keeps going on and on without any stop at all for breath."
    );
    let lesson = dir.join("modules/01-basics/02-world.md");
    let text = fs::read_to_string(&lesson).unwrap() + "\n" + &long;
    fs::write(&lesson, text).unwrap();
    let print = Fingerprint::of([(
        "000_source.txt",
        "Councillors are accessible and confident in their role in a digitally networked society.",
    )]);
    replace(
        &dir.join("modules/01-basics/01-hello.md"),
        "This is the first step.",
        "Councillors are accessible and confident in their role in a digitally networked society.",
    );

    let found = problems(&dir, &Rules::programme(Some(print)));
    let wanted = [
        "modules/01-basics/01-hello.md:2: this lesson has 27 words, about 0.1 minutes of reading; a lesson takes 3 to 6 minutes (600 to 1200 words)",
        "modules/01-basics/02-world.md:15: a sentence here has 28 words; keep sentences to 25 words or fewer",
        "modules/01-basics/01-hello.md:9: \"councillors are accessible and confident in their role\" matches 000_source.txt word for word; write it in your own words",
        "modules: the pack has 3 modules; a programme has 6 to 8",
        "modules/01-basics/module.toml:1: this module has 2 lessons; a module has 3 to 6",
        "modules/01-basics/02-world.quiz.toml: this quiz has 1 question; a quiz has 3 to 5",
        "assessment.toml: the assessment has 4 items; it should have 20 to 30",
    ];
    for wanted in wanted {
        assert!(
            found.iter().any(|p| p == wanted),
            "missing {wanted:?} in:\n{}",
            found.join("\n")
        );
    }
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn garbage_files_give_errors_not_panics() {
    let dir = broken_copy("garbage");
    fs::write(dir.join("pack.toml"), [0xff, 0xfe, 0x00, 0x41]).unwrap();
    fs::write(
        dir.join("modules/01-basics/01-hello.md"),
        "no front matter at all",
    )
    .unwrap();
    fs::write(
        dir.join("modules/01-basics/01-hello.quiz.toml"),
        "[[question]]\nid = 3\n",
    )
    .unwrap();
    fs::write(dir.join("modules/01-basics/stray.txt"), "?").unwrap();
    fs::remove_file(dir.join("modules/02-next/01-more.quiz.toml")).unwrap();
    fs::write(dir.join("assessment.toml"), "").unwrap();
    let found = problems(&dir, &Rules::format_only());
    for wanted in [
        "pack.toml: cannot read this file",
        "modules/01-basics/01-hello.md:1: start the file with front matter",
        "modules/01-basics/stray.txt: unexpected file",
        "modules/02-next/01-more.md:2: this lesson has no quiz; add 01-more.quiz.toml beside it",
        "assessment.toml:1: missing field `title`",
    ] {
        assert!(
            found.iter().any(|p| p.starts_with(wanted)),
            "missing {wanted:?} in:\n{}",
            found.join("\n")
        );
    }
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_check_command_prints_figures_or_fails_with_the_problems() {
    let ok = Command::new(env!("CARGO_BIN_EXE_content"))
        .args(["check", "--format-only"])
        .arg(fixture())
        .output()
        .unwrap();
    assert!(ok.status.success());
    let out = String::from_utf8(ok.stdout).unwrap();
    assert!(out.contains("Pack fixture version 1: 3 modules, 4 lessons, 6 questions, 4 assessment items, 1 checklists"), "{out}");
    assert!(out.contains("hello"), "per-lesson figures: {out}");

    let dir = broken_copy("cli");
    replace(
        &dir.join("modules/02-next/module.toml"),
        "[\"basics\"]",
        "[\"nowhere\"]",
    );
    let failed = Command::new(env!("CARGO_BIN_EXE_content"))
        .args(["check", "--format-only"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(!failed.status.success());
    let err = String::from_utf8(failed.stderr).unwrap();
    assert!(
        err.contains("modules/02-next/module.toml:4: unknown prerequisite 'nowhere'"),
        "{err}"
    );
    assert!(err.contains("1 problem in the pack"), "{err}");
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_default_pack_passes_every_programme_rule() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let print =
        Fingerprint::parse(&fs::read_to_string(root.join("seeds.fingerprint")).unwrap()).unwrap();
    assert_eq!(print.sources().len(), 6);
    let compiled =
        load(&root.join("pack"), &Rules::programme(Some(print))).unwrap_or_else(|e| panic!("{e}"));
    assert!(compiled.median_grade <= 7.0);
    assert!(
        compiled
            .lessons
            .iter()
            .all(|l| l.grade <= 8.0 && l.longest_sentence <= 25)
    );
}

#[test]
fn a_source_is_a_seed_file_or_a_facts_address_and_new_assessment_fields_are_checked() {
    let dir = broken_copy("facts");
    // A fact from FACTS.md is cited by its key, with an address instead of a file.
    fs::write(
        dir.join("pack.toml"),
        fs::read_to_string(dir.join("pack.toml")).unwrap()
            + "\n[[source]]\nkey = \"sar-month\"\ntitle = \"ICO: right of access\"\naddress = \"ico.org.uk, Right of access\"\n\n[[source]]\nkey = \"both\"\ntitle = \"Both\"\nfile = \"x.txt\"\naddress = \"y\"\n",
    )
    .unwrap();
    let assessment = dir.join("assessment.toml");
    replace(
        &assessment,
        "prompt = \"Do you keep separate accounts?\"",
        "prompt = \"Do you keep separate accounts?\"\nnot_applicable = \"I have no accounts\"",
    );
    replace(
        &assessment,
        "min_score = 0",
        "min_score = 0\nmin_channels = 10",
    );
    let found = problems(&dir, &Rules::format_only());
    let joined = found.join("\n");
    assert!(
        joined.contains("needs either `file`") && !joined.contains("sar-month"),
        "{joined}"
    );
    assert!(
        joined.contains("the first stage must have min_channels = 0"),
        "{joined}"
    );
    assert!(joined.contains("min_channels must not fall"), "{joined}");
    assert_eq!(found.len(), 3, "{joined}");
    let compiled = {
        replace(&assessment, "min_channels = 10", "min_channels = 0");
        let text = fs::read_to_string(dir.join("pack.toml")).unwrap();
        let cut = text.find("\n[[source]]\nkey = \"both\"").unwrap();
        fs::write(dir.join("pack.toml"), &text[..cut]).unwrap();
        load(&dir, &Rules::format_only()).unwrap_or_else(|e| panic!("{e}"))
    };
    let fact = compiled
        .pack
        .sources
        .iter()
        .find(|s| s.key == "sar-month")
        .unwrap();
    assert_eq!(fact.file, "ico.org.uk, Right of access");
    fs::remove_dir_all(dir).unwrap();
}
