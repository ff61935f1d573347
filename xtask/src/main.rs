//! Project commands. `cargo xtask test` sets up a fresh machine and runs every check CI runs;
//! `cargo xtask run` builds and starts the app.
#![allow(clippy::print_stdout)]

mod checks;
mod ffi;
mod fuzz;
mod scripts;
mod server;
mod setup;
mod shells;
mod step;
mod swift;
mod web;

use std::process::ExitCode;

const USAGE: &str = "\
Usage: cargo xtask <command>

  test      Set up what is missing, then run every check CI runs:
            formatting, lints, the content pack, the wasm build, and all tests.
  run       Build the web app and serve it with the sync server on
            http://127.0.0.1:8080 (NC_BIND changes it), printing a cohort code.
  check     The fast checks only: formatting, lints and the content pack.
  server    The sync server against server/openapi.yaml: schemathesis on the live binary.
  ffi       The native runtime's generated code and cross-language tests:
              ffi generate  build libshared; write uniffi bindings (Kotlin, Swift,
                            Python) and the core's types (Swift, Kotlin, TypeScript)
                            into generated/
              ffi test      generate, then run the Python, Kotlin (JVM) and C tests
              ffi size      the release library, stripped, against its 6 MB budget
              ffi bench     the cost of a call through the Python and Kotlin bindings
  fuzz      The libFuzzer targets in fuzz/ (record, sync_request, pack, pack_source),
            45 s each; `fuzz --seconds N [TARGET]` runs longer or one target.
  web       The web shell:
              web build     the wasm core, the TypeScript types and web/dist
              web test      build, then tsc, the unit tests and the browser tests
  shells    The iOS and Android shells, without Xcode or the Android SDK: every screen,
            view-model field and event has its place in both; every Swift and Kotlin
            file parses (tree-sitter); the Android library exports the runtime and
            passes the core wrapper's JVM tests. `shells coverage|syntax|android` runs
            one of the three.
  swift     A real Swift compiler (Debian's 6.0.3, in a trixie chroot in target/; as root):
            swift build of the generated SharedTypes and uniffi's Shared, and swift test
            of the iOS shell's Core files (Swift 6 mode) against the real library.
  scripts   shellcheck on every shell script.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") => checks::test(),
        Some("check") => checks::quick(),
        Some("server") => server::api_conformance(),
        Some("run") => checks::start_app(),
        Some("ffi") => ffi::main(&args[1..]),
        Some("fuzz") => fuzz::main(&args[1..]),
        Some("shells") => shells::main(&args[1..]),
        Some("web") => web::main(&args[1..]),
        Some("swift") => swift::test(),
        Some("scripts") => scripts::test(),
        Some("-h" | "--help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::FAILURE;
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask failed: {message}");
            ExitCode::FAILURE
        }
    }
}
