//! `cargo xtask scripts`: every shell script in the repository, checked with `shellcheck`.
//!
//! A script is a tracked file ending in `.sh`, or one whose first line runs `sh` or `bash`
//! (`.ci/run`). `ios/scripts/build-core.sh` runs only on a Mac, so this is the one check it
//! gets here; shellcheck also catches what macOS's bash 3.2 would trip on.

use std::path::PathBuf;
use std::process::Command;

use crate::step::{cmd, root, run};

pub(crate) fn test() -> Result<(), String> {
    crate::setup::debian_package("shellcheck", "/usr/bin/shellcheck")?;
    let scripts = scripts()?;
    if scripts.is_empty() {
        return Err("no shell scripts found; is this a git checkout?".to_owned());
    }
    println!(
        "    {}",
        scripts
            .iter()
            .map(|p| p.to_string_lossy())
            .collect::<Vec<_>>()
            .join(", ")
    );
    run(
        "shellcheck: every shell script",
        cmd("shellcheck", &["--severity=style", "--external-sources"]).args(&scripts),
    )
}

/// Tracked shell scripts, as paths from the repository's root.
fn scripts() -> Result<Vec<PathBuf>, String> {
    let output = Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(root())
        .output()
        .map_err(|e| format!("could not run git: {e}"))?;
    if !output.status.success() {
        return Err("git ls-files failed".to_owned());
    }
    let mut found = Vec::new();
    for name in String::from_utf8_lossy(&output.stdout).split('\0') {
        if name.is_empty() {
            continue;
        }
        let path = PathBuf::from(name);
        let sh = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("sh"));
        if sh || runs_a_shell(&root().join(&path)) {
            found.push(path);
        }
    }
    Ok(found)
}

/// Whether a file starts with a `#!` line naming `sh` or `bash`.
fn runs_a_shell(path: &std::path::Path) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let first = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let Some(line) = std::str::from_utf8(first)
        .ok()
        .and_then(|l| l.strip_prefix("#!"))
    else {
        return false;
    };
    line.split_whitespace()
        .filter_map(|word| word.rsplit('/').next())
        .any(|program| program == "sh" || program == "bash")
}
