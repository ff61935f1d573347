//! `cargo xtask fuzz`: the libFuzzer targets in `fuzz/` (cargo-fuzz), each for a bounded time.
//!
//! Each target first replays its regression inputs (`fuzz/regressions/<target>/`, crashes found
//! before and since fixed), then fuzzes from its seeds (`fuzz/seeds/<target>/`) and the corpus
//! kept from earlier local runs (`target/fuzz-corpus/<target>/`). A crash stops the run and names
//! the input libFuzzer saved, to be fixed and added to the regressions.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::step::{cargo_tool, root, run, target_dir};

/// The cargo-fuzz release the targets are built with, installed into `target/tools` once.
const CARGO_FUZZ: &str = "0.13.2";

/// Seconds each target fuzzes for in `cargo xtask test`: long enough to reach deep inputs from
/// the seeds, short enough for CI's budget.
const TEST_SECONDS: u32 = 45;

/// Each target and the largest input it is given: a record is small; a sync request or a
/// pack is larger.
const TARGETS: &[(&str, u32)] = &[
    ("record", 4_096),
    ("sync_request", 65_536),
    ("pack", 65_536),
    ("pack_source", 16_384),
];

/// `cargo xtask fuzz [--seconds N] [TARGET]`.
pub(crate) fn main(args: &[String]) -> Result<(), String> {
    let mut seconds = TEST_SECONDS;
    let mut only = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => {
                seconds = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .ok_or("--seconds needs a whole number")?;
            }
            name if TARGETS.iter().any(|(t, _)| *t == name) => only = Some(name.to_owned()),
            other => {
                return Err(format!(
                    "unknown argument {other:?}; usage: cargo xtask fuzz [--seconds N] [{}]",
                    TARGETS
                        .iter()
                        .map(|(t, _)| *t)
                        .collect::<Vec<_>>()
                        .join("|")
                ));
            }
        }
    }
    fuzz(seconds, only.as_deref())
}

/// Every target, for the test command's time.
pub(crate) fn test() -> Result<(), String> {
    fuzz(TEST_SECONDS, None)
}

fn fuzz(seconds: u32, only: Option<&str>) -> Result<(), String> {
    let cargo_fuzz = cargo_fuzz()?;
    run(
        "fuzz targets: cargo fuzz build (address sanitizer, optimised)",
        fuzz_command(&cargo_fuzz).args(["build", "-O", "--fuzz-dir", "fuzz"]),
    )?;
    let mut figures = Vec::new();
    for &(target, max_len) in TARGETS {
        if only.is_some_and(|o| o != target) {
            continue;
        }
        replay_regressions(target)?;
        figures.push(fuzz_one(target, max_len, seconds)?);
    }
    println!("\n    fuzzing, {seconds} s per target:");
    for line in figures {
        println!("      {line}");
    }
    Ok(())
}

/// The `cargo-fuzz` command, from the PATH if it is the pinned version, else installed.
fn cargo_fuzz() -> Result<PathBuf, String> {
    cargo_tool(
        "cargo-fuzz",
        "cargo-fuzz",
        CARGO_FUZZ,
        true,
        "about two minutes",
    )
}

/// A cargo-fuzz command. libFuzzer's instrumentation needs unstable compiler flags; the
/// machine's one toolchain is stable, and `RUSTC_BOOTSTRAP` lets it take them for this build only.
fn fuzz_command(cargo_fuzz: &Path) -> Command {
    let mut command = Command::new(cargo_fuzz);
    command
        .current_dir(root())
        .env("RUSTC_BOOTSTRAP", "1")
        .env("CARGO_TARGET_DIR", fuzz_target_dir());
    command
}

fn fuzz_target_dir() -> PathBuf {
    target_dir().join("fuzz")
}

fn binary(target: &str) -> PathBuf {
    fuzz_target_dir()
        .join("x86_64-unknown-linux-gnu/release")
        .join(target)
}

/// A target's binary, run directly so its statistics can be read.
fn libfuzzer(target: &str) -> Command {
    let mut command = Command::new(binary(target));
    command
        .current_dir(root())
        .env("ASAN_OPTIONS", "detect_odr_violation=0");
    command
}

/// Runs each saved crash input once: each must now pass.
fn replay_regressions(target: &str) -> Result<(), String> {
    let dir = root().join("fuzz/regressions").join(target);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Ok(());
    };
    let mut inputs: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    inputs.sort();
    if inputs.is_empty() {
        return Ok(());
    }
    run(
        &format!("fuzz {target}: {} regression inputs", inputs.len()),
        libfuzzer(target).args(&inputs),
    )
}

/// Fuzzes one target for `seconds`, and returns a line of figures.
fn fuzz_one(target: &str, max_len: u32, seconds: u32) -> Result<String, String> {
    let corpus = target_dir().join("fuzz-corpus").join(target);
    let artifacts = target_dir().join("fuzz-artifacts").join(target);
    let seeds = root().join("fuzz/seeds").join(target);
    for dir in [&corpus, &artifacts] {
        fs::create_dir_all(dir).map_err(|e| format!("cannot make {}: {e}", dir.display()))?;
    }
    let log = target_dir()
        .join("fuzz-artifacts")
        .join(format!("{target}.log"));
    let name = format!("fuzz {target} for {seconds} s");
    println!("\n==> {name}");
    let started = Instant::now();
    let output = libfuzzer(target)
        .arg(&corpus)
        .arg(&seeds)
        .arg(format!("-max_total_time={seconds}"))
        .arg(format!("-max_len={max_len}"))
        .arg("-timeout=10")
        .arg("-rss_limit_mb=2048")
        .arg("-print_final_stats=1")
        .arg(format!("-artifact_prefix={}/", artifacts.display()))
        .output()
        .map_err(|e| format!("{name}: could not start {}: {e}", binary(target).display()))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    fs::write(&log, stderr.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", log.display()))?;
    println!("    ({name}: {:.1}s)", started.elapsed().as_secs_f64());
    if !output.status.success() {
        let tail: Vec<&str> = stderr.lines().rev().take(40).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!(
            "{name} found a failing input ({}). The input is in {}; fix the code, then copy the \
             input into fuzz/regressions/{target}/ and add a test beside the code. Full log: {}\n{}",
            output.status,
            artifacts.display(),
            log.display(),
            tail.join("\n")
        ));
    }
    let stat = |key: &str| {
        stderr
            .lines()
            .find_map(|l| l.strip_prefix(&format!("stat::{key}:")))
            .map_or_else(|| "?".to_owned(), |v| v.trim().to_owned())
    };
    let corpus_files = fs::read_dir(&corpus).map_or(0, Iterator::count);
    Ok(format!(
        "{target}: {} inputs run ({} a second), {corpus_files} inputs in the corpus, peak {} MB, no failure",
        stat("number_of_executed_units"),
        stat("average_exec_per_sec"),
        stat("peak_rss_mb"),
    ))
}
