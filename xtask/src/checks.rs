//! The checks CI runs, in the order that fails fastest.

use std::path::Path;

use crate::step::{cmd, root, run, run_expecting_failure};
use crate::{ffi, setup};

/// Formatting, lints and the content pack: a minute or two.
pub(crate) fn quick() -> Result<(), String> {
    run(
        "cargo fmt --check",
        &mut cmd("cargo", &["fmt", "--all", "--", "--check"]),
    )?;
    run(
        "cargo fmt --check (fuzz targets)",
        &mut cmd(
            "cargo",
            &["fmt", "--manifest-path", "fuzz/Cargo.toml", "--", "--check"],
        ),
    )?;
    run(
        "cargo clippy (all targets, warnings are errors)",
        &mut cmd(
            "cargo",
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--locked",
                "--",
                "-D",
                "warnings",
            ],
        ),
    )?;
    content_check()
}

fn content_check() -> Result<(), String> {
    let mut check = cmd(
        "cargo",
        &[
            "run",
            "--quiet",
            "--locked",
            "-p",
            "content",
            "--",
            "check",
            "content/pack",
        ],
    );
    // The source documents live beside the repository on a development machine; when they are
    // there, also confirm the committed fingerprint matches them.
    let seeds = root().join("../shared/seeds");
    let facts = root().join("../shared/design/FACTS.md");
    if seeds.is_dir() && facts.is_file() {
        check.arg("--seeds").arg(&seeds).arg("--seeds").arg(&facts);
    }
    run("content check", &mut check)
}

/// Everything CI runs.
pub(crate) fn test() -> Result<(), String> {
    setup::apt_packages()?;
    setup::wasm_target()?;
    quick()?;
    run(
        "core builds for wasm32 (no native code leaked in)",
        &mut cmd(
            "cargo",
            &[
                "build",
                "--locked",
                "-p",
                "shared",
                "--target",
                "wasm32-unknown-unknown",
            ],
        ),
    )?;
    run(
        "cargo test",
        cmd("cargo", &["test", "--workspace", "--locked"]).env("CI", "1"),
    )?;
    // The parsers a stranger can reach, under libFuzzer for a bounded time.
    crate::fuzz::test()?;
    // The native runtime through its generated bindings: Python, Kotlin on the JVM, and C
    // against the Swift header.
    setup::npm_packages()?;
    ffi::test()?;
    // The iOS and Android shells against the generated types, their syntax, and the Android
    // library through the JVM tests.
    crate::shells::test()?;
    // The generated Swift and the iOS shell's Core files with a real Swift compiler, and their
    // tests against the real library.
    crate::swift::test()?;
    // Every shell script, with shellcheck.
    crate::scripts::test()?;
    // The sync server against its OpenAPI description, live on 127.0.0.1.
    crate::server::api_conformance()?;
    // The web shell: its type checks and unit tests, then Chromium against the real server.
    crate::web::test()?;
    broken_pack_fails_the_build()
}

/// An invalid pack must fail `cargo build` with `file:line` messages, never reach run time.
fn broken_pack_fails_the_build() -> Result<(), String> {
    let broken = Path::new("content/tests/fixtures/broken");
    let output = run_expecting_failure(
        "a broken content pack fails the build",
        cmd("cargo", &["build", "--locked", "-p", "shared"])
            .env("NC_CONTENT_PACK", root().join(broken)),
    )?;
    let expected = "modules/01-only/module.toml:4: unknown prerequisite 'nowhere'";
    if output.contains(expected) {
        println!("    the build failed as it should, saying: {expected}");
        Ok(())
    } else {
        Err(format!(
            "the build failed, but without {expected:?}:\n{output}"
        ))
    }
}

/// `cargo xtask run`: builds the web shell and serves it with the sync server.
pub(crate) fn start_app() -> Result<(), String> {
    crate::web::start()
}
