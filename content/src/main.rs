//! `content`: checks a content pack and prints its figures, or fingerprints source documents.
//!
//! ```text
//! content check <pack dir> [--seeds <dir or file>]... [--fingerprint <file>] [--format-only]
//! content fingerprint <seeds dir or file>...
//! ```
#![allow(clippy::print_stdout)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use content::originality::Fingerprint;
use content::source::{self, Compiled, Rules};

const USAGE: &str = "\
Usage:
  content check <pack dir> [--seeds <dir or file>]... [--fingerprint <file>] [--format-only]
      Check a content pack. Prints every problem with its file and line, or the pack's figures.
      --fingerprint  hashes of the source documents (default: seeds.fingerprint beside the pack)
      --seeds        the source documents themselves (a folder of them, or one file such as
                     FACTS.md; give it again for more); also checks the fingerprint is up to date
      --format-only  only the format rules, not the programme rules (for small test packs)
  content fingerprint <seeds dir or file>...
      Print the fingerprint of every file in folders of source documents, and of single files.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("check") => check(&args[1..]),
        Some("fingerprint") => fingerprint(&args[1..]),
        Some("-h" | "--help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// The fingerprint of the source documents: every file in each folder (in name order), and each
/// single file, in the order given.
fn read_seeds(paths: &[PathBuf]) -> Result<Fingerprint, String> {
    let mut files: Vec<PathBuf> = Vec::new();
    for path in paths {
        if path.is_file() {
            files.push(path.clone());
            continue;
        }
        let mut in_dir: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| format!("cannot read the seeds folder {}: {e}", path.display()))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        in_dir.sort();
        files.extend(in_dir);
    }
    let mut texts = Vec::new();
    for path in &files {
        let text =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        texts.push((name, String::from_utf8_lossy(&text).into_owned()));
    }
    Ok(Fingerprint::of(
        texts.iter().map(|(n, t)| (n.as_str(), t.as_str())),
    ))
}

fn fingerprint(args: &[String]) -> Result<(), String> {
    if args.is_empty() || args.iter().any(|a| a.starts_with('-')) {
        return Err(USAGE.to_owned());
    }
    let paths: Vec<PathBuf> = args.iter().map(PathBuf::from).collect();
    print!("{}", read_seeds(&paths)?.render());
    Ok(())
}

fn check(args: &[String]) -> Result<(), String> {
    let mut pack_dir = None;
    let mut seeds: Vec<PathBuf> = Vec::new();
    let mut print_file = None;
    let mut format_only = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seeds" => seeds.extend(args.next().map(PathBuf::from)),
            "--fingerprint" => print_file = args.next().map(PathBuf::from),
            "--format-only" => format_only = true,
            other if !other.starts_with('-') && pack_dir.is_none() => {
                pack_dir = Some(PathBuf::from(other));
            }
            _ => return Err(USAGE.to_owned()),
        }
    }
    let pack_dir = pack_dir.ok_or_else(|| USAGE.to_owned())?;

    let rules = if format_only {
        Rules::format_only()
    } else {
        let print_file = print_file.unwrap_or_else(|| {
            pack_dir
                .parent()
                .unwrap_or(Path::new("."))
                .join("seeds.fingerprint")
        });
        let text = std::fs::read_to_string(&print_file).map_err(|e| {
            format!(
                "cannot read the source fingerprint {}: {e}\nCreate it with: content fingerprint <seeds dir> > {}",
                print_file.display(),
                print_file.display()
            )
        })?;
        let print =
            Fingerprint::parse(&text).map_err(|e| format!("{}: {e}", print_file.display()))?;
        if !seeds.is_empty() {
            let fresh = read_seeds(&seeds)?;
            if fresh != print {
                let named: Vec<String> = seeds.iter().map(|s| s.display().to_string()).collect();
                return Err(format!(
                    "{} is out of date with the sources in {}.\nRegenerate it: cargo run -p content -- fingerprint {} > {}",
                    print_file.display(),
                    named.join(", "),
                    named.join(" "),
                    print_file.display()
                ));
            }
            println!(
                "Fingerprint matches {} source files.",
                fresh.sources().len()
            );
        }
        Rules::programme(Some(print))
    };

    match source::load(&pack_dir, &rules) {
        Ok(compiled) => {
            print_summary(&compiled, &rules);
            Ok(())
        }
        Err(problems) => Err(format!(
            "{problems}\n{} in the pack at {}.",
            if problems.len() == 1 {
                "1 problem".to_owned()
            } else {
                format!("{} problems", problems.len())
            },
            pack_dir.display()
        )),
    }
}

fn print_summary(compiled: &Compiled, rules: &Rules) {
    let pack = &compiled.pack;
    let lessons: Vec<_> = pack.lessons().collect();
    let questions = pack.questions().count();
    let words: u32 = lessons.iter().map(|l| l.words).sum();
    println!(
        "Pack {} version {}: {} modules, {} lessons, {} questions, {} assessment items, {} checklists, {:.0} minutes of reading.",
        pack.id,
        pack.version,
        pack.modules.len(),
        lessons.len(),
        questions,
        pack.assessment.items.len(),
        pack.checklists.len(),
        f64::from(words) / f64::from(content::WORDS_PER_MINUTE),
    );
    println!();
    println!(
        "{:<44} {:>5} {:>5} {:>6} {:>8}",
        "Lesson", "Words", "Min", "Grade", "Longest"
    );
    for figures in &compiled.lessons {
        println!(
            "{:<44} {:>5} {:>5.1} {:>6.1} {:>8}",
            figures.id,
            figures.words,
            f64::from(figures.words) / f64::from(content::WORDS_PER_MINUTE),
            figures.grade,
            figures.longest_sentence
        );
    }
    println!();
    match &rules.readability {
        Some(limits) => println!(
            "Median grade {:.1} (limit {:.0}); every lesson at grade {:.0} or below; no sentence over {} words.",
            compiled.median_grade,
            limits.max_median_grade,
            limits.max_lesson_grade,
            limits.max_sentence_words
        ),
        None => println!(
            "Median grade {:.1} (readability limits not applied).",
            compiled.median_grade
        ),
    }
    if let Some(print) = &rules.fingerprint {
        println!(
            "No run of {} words matches the {} source files ({} runs checked against).",
            content::originality::RUN,
            print.sources().len(),
            print.len()
        );
    }
    println!("The pack is valid.");
}
