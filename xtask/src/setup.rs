//! Installing what a fresh machine lacks: system packages, the wasm target, npm packages.

use std::process::Command;

use crate::step::{cmd, has, run};

/// Whether we are root (CI) or can use sudo without a password.
fn elevate(args: &[&str]) -> Command {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0"));
    if root {
        cmd(args[0], &args[1..])
    } else {
        let mut all = vec!["-n"];
        all.extend_from_slice(args);
        cmd("sudo", &all)
    }
}

/// Debian packages the checks need, with a file each provides, to skip installing when present.
const PACKAGES: &[(&str, &str)] = &[];

pub(crate) fn apt_packages() -> Result<(), String> {
    let missing: Vec<&str> = PACKAGES
        .iter()
        .filter(|(_, file)| !std::path::Path::new(file).exists())
        .map(|(package, _)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    run(
        "apt-get update",
        elevate(&["apt-get", "update", "-qq"]).env("DEBIAN_FRONTEND", "noninteractive"),
    )?;
    let mut args = vec!["apt-get", "install", "-y", "-qq", "--no-install-recommends"];
    args.extend(missing);
    run(
        "apt-get install",
        elevate(&args).env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// The wasm32 target for building the core as the web shell runs it.
pub(crate) fn wasm_target() -> Result<(), String> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("wasm32-unknown-unknown"));
    if installed {
        return Ok(());
    }
    if !has("rustup") {
        return Err("the wasm32-unknown-unknown target is missing and rustup is not installed. \
                    Install rustup (https://rustup.rs), or see docs/TOOLCHAIN.md for Debian's rustc-web route."
            .to_owned());
    }
    run(
        "rustup target add wasm32-unknown-unknown",
        &mut cmd("rustup", &["target", "add", "wasm32-unknown-unknown"]),
    )
    .map_err(|e| {
        format!("{e}. Check the network, or see docs/TOOLCHAIN.md for Debian's rustc-web route.")
    })
}
