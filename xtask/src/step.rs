//! Running commands as named steps, with timings, so a CI log shows where time goes.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The repository root (the parent of this crate).
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// Cargo's target folder: `CARGO_TARGET_DIR`, or `target/` in the repository.
pub(crate) fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

/// A cargo-installed command at exactly `version`: from the PATH if it is that version, else
/// installed into `target/tools` once. `locked` installs with the tool's own lock file.
pub(crate) fn cargo_tool(
    binary: &str,
    krate: &str,
    version: &str,
    locked: bool,
    how_long: &str,
) -> Result<PathBuf, String> {
    let installed = target_dir().join("tools/bin").join(binary);
    for candidate in [PathBuf::from(binary), installed.clone()] {
        let matches = Command::new(&candidate)
            .arg("--version")
            .output()
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains(version));
        if matches {
            return Ok(candidate);
        }
    }
    let mut install = cmd("cargo", &["install", krate, "--version", version]);
    if locked {
        install.arg("--locked");
    }
    run(
        &format!("cargo install {krate} {version} (once; {how_long})"),
        install.arg("--root").arg(target_dir().join("tools")),
    )?;
    Ok(installed)
}

/// A command to run from the repository root.
pub(crate) fn cmd(program: &str, args: &[&str]) -> Command {
    let mut command = Command::new(program);
    command.args(args).current_dir(root());
    command
}

/// Runs a command as a named step. Fails with the step's name if the command fails.
pub(crate) fn run(name: &str, command: &mut Command) -> Result<(), String> {
    println!("\n==> {name}");
    let started = Instant::now();
    let status = command.status().map_err(|e| {
        format!(
            "{name}: could not start {}: {e}",
            command.get_program().to_string_lossy()
        )
    })?;
    println!("    ({name}: {:.1}s)", started.elapsed().as_secs_f64());
    if status.success() {
        Ok(())
    } else {
        Err(format!("{name} failed ({status})"))
    }
}

/// Runs a command that is expected to fail, and returns its combined output.
pub(crate) fn run_expecting_failure(name: &str, command: &mut Command) -> Result<String, String> {
    println!("\n==> {name}");
    let output = command
        .output()
        .map_err(|e| format!("{name}: could not start: {e}"))?;
    if output.status.success() {
        return Err(format!("{name}: expected a failure, but it succeeded"));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr))
}

/// Whether a program is on the PATH.
pub(crate) fn has(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program} >/dev/null 2>&1")])
        .status()
        .is_ok_and(|s| s.success())
}
