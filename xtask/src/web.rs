//! The web shell: build it, serve it with the sync server, and test it in a real browser.
//!
//! - `cargo xtask run`: [`build`], then the sync server on <http://127.0.0.1:8080> serving
//!   `web/dist`, with its SQLite file in `target/app/`, printing the address and a cohort code.
//! - `cargo xtask test` runs [`test`]: the shell's type checks and unit tests (vitest), then the
//!   browser tests in `tests/browser` (Debian's Chromium driven by playwright-core).
//!
//! Building takes four steps, each skipped when its output is newer than its inputs, so a
//! second run starts in seconds:
//!
//! 1. the core for wasm32 (`web/core`, release), then `wasm-bindgen --target web` and
//!    `wasm-opt -Oz` into `web/generated/wasm/`;
//! 2. the core's TypeScript types, by the `codegen` bin of `shared`, into
//!    `web/generated/types/`;
//! 3. `npm ci` in `web/` when its lock file changed;
//! 4. `vite build` into `web/dist/`.
//!
//! Everything it writes is gitignored.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::SystemTime;

use crate::setup;
use crate::step::{cargo_tool, cmd, has, root, run, target_dir};

const WASM_TARGET: &str = "wasm32-unknown-unknown";
const USAGE: &str = "usage: cargo xtask web <build|test>";
/// The address `cargo xtask run` serves on, unless `NC_BIND` says otherwise.
const ADDRESS: &str = "127.0.0.1:8080";

/// `cargo xtask web <build|test>`.
pub(crate) fn main(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("build") => build(),
        Some("test") => {
            setup::apt_packages()?;
            test()
        }
        _ => Err(USAGE.to_owned()),
    }
}

fn web() -> PathBuf {
    root().join("web")
}

/// The newest modification time of `path`, or of any file under it.
fn newest(path: &Path) -> Option<SystemTime> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.is_file() {
        return meta.modified().ok();
    }
    std::fs::read_dir(path)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.file_name() != "node_modules" && e.file_name() != "target")
        .filter_map(|e| newest(&e.path()))
        .max()
}

/// Whether `output` exists and is newer than every one of `inputs`.
fn fresh(output: &Path, inputs: &[PathBuf]) -> bool {
    let Some(made) = std::fs::metadata(output).and_then(|m| m.modified()).ok() else {
        return false;
    };
    inputs.iter().filter_map(|i| newest(i)).all(|t| t <= made)
}

/// `npm ci` in `dir`, when `node_modules` is missing or older than the lock file.
pub(crate) fn npm_ci(dir: &Path) -> Result<(), String> {
    let installed = dir.join("node_modules/.package-lock.json");
    if fresh(&installed, &[dir.join("package-lock.json")]) {
        return Ok(());
    }
    if !has("npm") {
        return Err(
            "npm is needed to build the web shell: install Node.js 20.19 or newer, with npm"
                .to_owned(),
        );
    }
    let name = format!(
        "npm ci ({})",
        dir.strip_prefix(root()).unwrap_or(dir).display()
    );
    run(
        &name,
        cmd("npm", &["ci", "--no-audit", "--no-fund"]).current_dir(dir),
    )
}

/// The version of a crate in Cargo.lock.
fn locked_version(krate: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let needle = format!("name = \"{krate}\"\nversion = \"");
    let start = lock
        .find(&needle)
        .ok_or_else(|| format!("{krate} is not in Cargo.lock"))?
        + needle.len();
    let end = lock[start..]
        .find('"')
        .ok_or_else(|| format!("Cargo.lock: no version for {krate}"))?;
    Ok(lock[start..start + end].to_owned())
}

/// A `wasm-bindgen` command of exactly the version of the `wasm-bindgen` crate in the build:
/// from the PATH if it is that version, else installed into `target/tools` (once, 3-8 minutes).
fn wasm_bindgen() -> Result<PathBuf, String> {
    let version = locked_version("wasm-bindgen")?;
    // Not `--locked`: the CLI's own lock file names a crate that may be missing from the registry
    // mirror; the version pin is what matters.
    cargo_tool(
        "wasm-bindgen",
        "wasm-bindgen-cli",
        &version,
        false,
        "it takes a few minutes",
    )
}

/// The core for the browser: wasm32 build, wasm-bindgen, wasm-opt.
fn wasm() -> Result<(), String> {
    let built = target_dir().join(WASM_TARGET).join("release/web_core.wasm");
    match setup::wasm_target() {
        Ok(()) => run(
            "web core: cargo build (wasm32, release)",
            &mut cmd(
                "cargo",
                &[
                    "build",
                    "--locked",
                    "--release",
                    "-p",
                    "web-core",
                    "--target",
                    WASM_TARGET,
                ],
            ),
        )?,
        // Built another way (Debian's rustc-web, see README.md): use it as it is.
        Err(e) if built.is_file() => println!(
            "\n==> web core: {e}\n    Using the wasm already built at {}",
            built.display()
        ),
        Err(e) => return Err(e),
    }
    let out = web().join("generated/wasm");
    let wasm = out.join("web_core_bg.wasm");
    if fresh(&wasm, std::slice::from_ref(&built)) && out.join("web_core.js").is_file() {
        println!("\n==> web core: wasm-bindgen and wasm-opt are up to date");
        return Ok(());
    }
    let bindgen = wasm_bindgen()?;
    run(
        "web core: wasm-bindgen --target web",
        cmd(
            &bindgen.to_string_lossy(),
            &["--target", "web", "--out-dir"],
        )
        .arg(&out)
        .arg(&built),
    )?;
    // binaryen from npm (web/package.json). The features are those rustc enables for wasm32.
    let opt = web().join("node_modules/.bin/wasm-opt");
    let mut optimise = cmd(
        &opt.to_string_lossy(),
        &[
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
            "-o",
        ],
    );
    optimise.arg(&wasm).arg(&wasm);
    run("web core: wasm-opt -Oz", &mut optimise)
}

/// The core's types for TypeScript, generated from the Rust definitions.
fn types() -> Result<(), String> {
    let out = web().join("generated/types");
    let stamp = out.join("typescript/shared_types.ts");
    let inputs = [
        root().join("shared/src"),
        root().join("shared/Cargo.toml"),
        root().join("Cargo.lock"),
    ];
    if fresh(&stamp, &inputs) {
        println!("\n==> web shell: TypeScript types are up to date");
        return Ok(());
    }
    // The generator installs and compiles the package it writes with pnpm (from web/'s npm
    // packages).
    let path = format!(
        "{}:{}",
        web().join("node_modules/.bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    crate::ffi::codegen(
        "web shell: TypeScript types (shared's codegen bin)",
        &out,
        Some("typescript"),
        &path,
    )?;
    if stamp.is_file() {
        Ok(())
    } else {
        Err(format!("the codegen bin did not write {}", stamp.display()))
    }
}

/// Builds everything the browser loads into `web/dist`.
pub(crate) fn build() -> Result<(), String> {
    npm_ci(&web())?;
    wasm()?;
    types()?;
    let inputs: Vec<PathBuf> = [
        "src",
        "public",
        "generated",
        "index.html",
        "vite.config.ts",
        "package-lock.json",
    ]
    .iter()
    .map(|p| web().join(p))
    .collect();
    if fresh(&web().join("dist/sw.js"), &inputs) {
        println!("\n==> web shell: web/dist is up to date");
        return Ok(());
    }
    run(
        "web shell: vite build",
        cmd("node_modules/.bin/vite", &["build", "--logLevel", "warn"]).current_dir(web()),
    )
}

fn server_binary() -> Result<PathBuf, String> {
    run(
        "sync server: cargo build",
        &mut cmd(
            "cargo",
            &["build", "--locked", "-p", "server", "--bin", "nc-server"],
        ),
    )?;
    Ok(target_dir().join("debug/nc-server"))
}

/// `cargo xtask run`: builds the app and serves it until Ctrl-C.
/// A one-time sign-in link to the demo council's console.
fn lead_link(server: &Path, db: &Path, address: &str) -> Result<String, String> {
    let output = Command::new(server)
        .args(["lead", "invite", "--council", "Demo council"])
        .args([
            "--email",
            "demo.lead@example.org",
            "--public-url",
            address,
            "--db",
        ])
        .arg(db)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", server.display()))?;
    if !output.status.success() {
        return Err(format!(
            "could not make a sign-in link: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

pub(crate) fn start() -> Result<(), String> {
    build()?;
    let server = server_binary()?;
    let data = target_dir().join("app");
    std::fs::create_dir_all(&data).map_err(|e| format!("cannot create {}: {e}", data.display()))?;
    let db = data.join("nc-server.sqlite3");
    // A demo council with a cohort of generated learners, so the lead console has something
    // to show (made once; later runs keep it).
    run(
        "demo data: a cohort of generated learners",
        Command::new(&server).arg("demo").arg("--db").arg(&db),
    )?;
    let mut command = Command::new(&server);
    command
        .arg("--db")
        .arg(&db)
        .arg("--web-dir")
        .arg(web().join("dist"))
        .arg("--demo-cohort")
        .current_dir(root())
        .stdout(Stdio::piped());
    // NC_BIND, if set, chooses the address (the server reads it); otherwise the usual one.
    if std::env::var_os("NC_BIND").is_none() {
        command.arg("--bind").arg(ADDRESS);
    }
    println!("\n==> starting the sync server with the web app");
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", server.display()))?;
    let stdout = child
        .stdout
        .take()
        .ok_or("the server's output is missing")?;
    let mut code = None;
    let mut lines = BufReader::new(stdout).lines();
    for line in lines.by_ref() {
        let line = line.map_err(|e| format!("reading the server's output: {e}"))?;
        if let Some(rest) = line.split("join with code ").nth(1) {
            code = Some(rest.trim().to_owned());
        }
        if let Some(address) = line.strip_prefix("nc-server listening on ") {
            let sign_in = lead_link(&server, &db, address.trim())?;
            println!(
                "\n  Networked Councillor is running at {address}\n\n  Open it in a browser. To sync, go to Settings and join with the programme code {}\n  The programme lead's console, with a demo cohort, signs in with this link (once, within 15 minutes):\n    {sign_in}\n  Progress on the server is kept in {}\n  Stop with Ctrl-C.\n",
                code.as_deref().unwrap_or("(see above)"),
                db.display()
            );
            break;
        }
    }
    // Keep passing on what the server prints, so its output never fills the pipe.
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            println!("{line}");
        }
    });
    let status = child
        .wait()
        .map_err(|e| format!("waiting for the server: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "the server stopped ({status}); is something else using {ADDRESS}? Set NC_BIND=127.0.0.1:<port> to use another port"
        ))
    }
}

/// The web shell's checks and tests: types, unit tests, then the browser tests.
pub(crate) fn test() -> Result<(), String> {
    build()?;
    run(
        "web shell: tsc --noEmit (strict)",
        cmd("npm", &["run", "--silent", "typecheck"]).current_dir(web()),
    )?;
    run(
        "web shell: unit tests (vitest)",
        cmd("node_modules/.bin/vitest", &["run"]).current_dir(web()),
    )?;
    let server = server_binary()?;
    let browser = root().join("tests/browser");
    npm_ci(&browser)?;
    run(
        "browser tests: tsc --noEmit (strict)",
        cmd("node_modules/.bin/tsc", &["--noEmit"]).current_dir(&browser),
    )?;
    run(
        "browser tests: Chromium against the real server (journey, offline, sharing, console, keyboard, accessibility, screenshots, figures)",
        cmd("node_modules/.bin/vitest", &["run"])
            .current_dir(&browser)
            .env("NC_SERVER_BIN", &server)
            .env("NC_WEB_DIST", web().join("dist"))
            .env("NC_ARTIFACTS", root().join("tests/artifacts"))
            .env("CI", "1"),
    )
}
