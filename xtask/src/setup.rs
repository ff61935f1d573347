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
const PACKAGES: &[(&str, &str)] = &[
    // The FFI tests (`cargo xtask ffi test`): the JVM, JNA for uniffi's Kotlin bindings, and
    // JUnit 5 for the Android core wrapper's tests.
    ("default-jdk-headless", "/usr/bin/javac"),
    ("libjna-java", "/usr/share/java/jna.jar"),
    (
        "junit5",
        "/usr/share/java/junit-platform-console-standalone.jar",
    ),
    // The browser tests of the web shell (tests/browser), driven by npm's playwright-core.
    ("chromium", "/usr/bin/chromium"),
    // The Swift tests' Debian trixie chroot, with Debian's Swift in it (`cargo xtask swift`).
    ("debootstrap", "/usr/sbin/debootstrap"),
    // Every shell script, checked (`cargo xtask scripts`).
    ("shellcheck", "/usr/bin/shellcheck"),
    // libFuzzer, which the fuzz targets link, is C++ built from source (`cargo xtask fuzz`).
    ("g++", "/usr/bin/g++"),
];

pub(crate) fn apt_packages() -> Result<(), String> {
    install_missing(PACKAGES)
}

/// One Debian package, installed if `file` is missing: for a command run on its own
/// (`cargo xtask swift`) on a machine `cargo xtask test` has not set up.
pub(crate) fn debian_package(package: &str, file: &str) -> Result<(), String> {
    install_missing(&[(package, file)])
}

fn install_missing(packages: &[(&str, &str)]) -> Result<(), String> {
    let missing: Vec<&str> = packages
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

/// kotlinc and pnpm for the FFI tests and type generation, from `tests/ffi/package-lock.json`
/// into `tests/ffi/node_modules` (gitignored).
pub(crate) fn npm_packages() -> Result<(), String> {
    let dir = crate::step::root().join("tests/ffi");
    let installed = dir
        .join("node_modules/kotlin-compiler/bin/kotlinc")
        .is_file()
        && dir.join("node_modules/.bin/pnpm").is_file();
    if installed {
        return Ok(());
    }
    if !has("npm") {
        return Err("npm is needed for kotlinc and pnpm: install Node.js and npm".to_owned());
    }
    run(
        "npm ci (kotlinc, pnpm)",
        cmd("npm", &["ci", "--no-audit", "--no-fund"]).current_dir(dir),
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
        return Err(
            "the wasm32-unknown-unknown target is missing and rustup is not installed. \
                    Install rustup (https://rustup.rs), or build the wasm with Debian's rustc-web: \
                    see README.md, \"Web shell\"."
                .to_owned(),
        );
    }
    run(
        "rustup target add wasm32-unknown-unknown",
        &mut cmd("rustup", &["target", "add", "wasm32-unknown-unknown"]),
    )
    .map_err(|e| {
        format!(
            "{e}. Check the network and try again, or build the wasm with Debian's rustc-web: \
             see README.md, \"Web shell\"."
        )
    })
}

/// The `schemathesis` version the server's API check uses (`PyPI`), pinned so CI is repeatable.
const SCHEMATHESIS: &str = "schemathesis==4.32.5";

/// `schemathesis` in its own virtual environment under `target/` (so gitignored and out of the
/// system Python), installed on first use. Returns the path of its command.
pub(crate) fn schemathesis() -> Result<std::path::PathBuf, String> {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || crate::step::root().join("target"),
        std::path::PathBuf::from,
    );
    let venv = target.join("tools/schemathesis-venv");
    let program = venv.join("bin/schemathesis");
    let stamp = venv.join("installed.txt");
    if program.is_file() && std::fs::read_to_string(&stamp).is_ok_and(|s| s.trim() == SCHEMATHESIS)
    {
        return Ok(program);
    }
    if !has("python3") {
        return Err("python3 is needed for schemathesis: install Python 3.9 or newer".to_owned());
    }
    let venv_arg = venv.to_string_lossy().into_owned();
    if run(
        "python3 -m venv (for schemathesis)",
        &mut cmd("python3", &["-m", "venv", "--clear", &venv_arg]),
    )
    .is_err()
    {
        // Debian's python3 leaves the venv module out; it is its own package.
        run(
            "apt-get install python3-venv",
            elevate(&["apt-get", "install", "-y", "-qq", "python3-venv"])
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )?;
        run(
            "python3 -m venv (for schemathesis)",
            &mut cmd("python3", &["-m", "venv", "--clear", &venv_arg]),
        )?;
    }
    let pip = venv.join("bin/pip").to_string_lossy().into_owned();
    run(
        &format!("pip install {SCHEMATHESIS}"),
        &mut cmd(
            &pip,
            &[
                "install",
                "--quiet",
                "--disable-pip-version-check",
                SCHEMATHESIS,
            ],
        ),
    )?;
    std::fs::write(&stamp, SCHEMATHESIS).map_err(|e| e.to_string())?;
    Ok(program)
}

/// A Python virtual environment in `dir`, made afresh; Debian's `python3-venv` is installed
/// first if the `venv` module is missing. The tree-sitter syntax check of the shells uses it.
pub(crate) fn python_venv(dir: &std::path::Path) -> Result<(), String> {
    let dir = dir.to_string_lossy().into_owned();
    let make = || {
        run(
            &format!("python3 -m venv {dir}"),
            &mut cmd("python3", &["-m", "venv", "--clear", &dir]),
        )
    };
    if make().is_ok() {
        return Ok(());
    }
    run(
        "apt-get install python3-venv",
        elevate(&["apt-get", "install", "-y", "-qq", "python3-venv"])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )?;
    make()
}
