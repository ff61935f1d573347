//! The native runtime's generated code and its tests across languages.
//!
//! - `cargo xtask ffi generate`: builds `libshared` with the `native` feature, then writes
//!   - uniffi's Kotlin, Swift and Python bindings into `generated/bindings/<language>/`;
//!   - the core's types (events, view model) for Swift, Kotlin and TypeScript into
//!     `generated/types/<language>/`.
//! - `cargo xtask ffi test`: generates, then runs the `codegen` bin's tests (reserved words),
//!   checks the Kotlin generated for Android uses Android's cleaner, and runs the Python
//!   journey, the Kotlin core wrapper's JUnit tests on the JVM, and the C program that drives
//!   the Swift FFI header. (`cargo xtask swift` compiles the Swift itself.)
//! - `cargo xtask ffi size`: the release library, stripped, against its 6 MB budget.
//! - `cargo xtask ffi bench`: the cost of a call through the Python and Kotlin (JNA) bindings,
//!   into the release library.
//!
//! Everything generated is gitignored and made again from the Rust definitions: never edit it.
//! Bindings come from the unstripped debug library, which carries uniffi's metadata.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::step::{cmd, root, run, target_dir};

const USAGE: &str = "usage: cargo xtask ffi <generate|test|size|bench>";

/// The library's file names, as cargo writes them on Linux.
const DYLIB: &str = "libshared.so";
const STATICLIB: &str = "libshared.a";
/// The library must fit a phone app's budget (docs/BENCHMARKS.md).
const SIZE_BUDGET: u64 = 6 * 1024 * 1024;

pub(crate) fn main(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("generate") => generate().map(|_| ()),
        Some("test") => test(),
        Some("size") => size().map(|_| ()),
        Some("bench") => bench(),
        _ => Err(USAGE.to_owned()),
    }
}

/// Generates everything, then runs the tests of each language against the real library.
pub(crate) fn test() -> Result<(), String> {
    let lib = generate()?;
    codegen_tests()?;
    android_bindings(&lib)?;
    python()?;
    kotlin(&lib)?;
    swift_header(&lib)
}

fn generated() -> PathBuf {
    root().join("generated")
}

/// Builds the library and writes the bindings and types. Returns the folder of the library
/// files the tests use.
fn generate() -> Result<PathBuf, String> {
    run(
        "build libshared (native feature)",
        &mut cmd(
            "cargo",
            &["build", "--locked", "-p", "shared", "--features", "native"],
        ),
    )?;
    // Copy the library out of target/debug at once: any later build of `shared` with other
    // features (the codegen run below, for one) writes the same file names there.
    let built = target_dir().join("debug");
    let lib = target_dir().join("ffi/lib");
    std::fs::create_dir_all(&lib).map_err(|e| format!("{}: {e}", lib.display()))?;
    for name in [DYLIB, STATICLIB] {
        std::fs::copy(built.join(name), lib.join(name))
            .map_err(|e| format!("could not copy {name} to {}: {e}", lib.display()))?;
    }
    bindings(&lib)?;
    types()?;
    Ok(lib)
}

/// uniffi's bindings, from the metadata in the built library.
fn bindings(lib: &Path) -> Result<(), String> {
    // A workspace of its own (see tools/uniffi-bindgen/Cargo.toml), built alone so its `cli`
    // features stay out of the library, into the same target folder.
    let target = target_dir();
    run(
        "build uniffi-bindgen",
        &mut cmd(
            "cargo",
            &[
                "build",
                "--locked",
                "--manifest-path",
                "tools/uniffi-bindgen/Cargo.toml",
                "--target-dir",
                &target.to_string_lossy(),
            ],
        ),
    )?;
    let bindgen = target.join("debug/uniffi-bindgen");
    let library = lib.join(DYLIB);
    for language in ["kotlin", "swift", "python"] {
        let out = generated().join("bindings").join(language);
        remove(&out)?;
        run(
            &format!("uniffi bindings: {language}"),
            cmd(
                &bindgen.to_string_lossy(),
                &["generate", "--no-format", "--language", language],
            )
            .arg("--out-dir")
            .arg(&out)
            .arg(&library),
        )?;
    }
    // Python loads the library from beside its module.
    let python = generated().join("bindings/python");
    std::fs::copy(&library, python.join(DYLIB)).map_err(|e| {
        format!(
            "could not copy {} to {}: {e}",
            library.display(),
            python.display()
        )
    })?;
    Ok(())
}

/// The core's types for each shell, by the `codegen` bin (Crux typegen with facet).
fn types() -> Result<(), String> {
    let tools = npm_tools()?;
    let out = generated().join("types");
    remove(&out)?;
    let path = format!(
        "{}:{}",
        tools.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    codegen("core types: Swift, Kotlin, TypeScript", &out, None, &path)?;
    // The generator does not check that pnpm succeeded; the compiled package shows it did.
    let compiled = out.join("typescript/dist");
    if !compiled.is_dir() {
        return Err(format!(
            "the TypeScript types were not compiled: {} is missing (did `pnpm install` fail?)",
            compiled.display()
        ));
    }
    Ok(())
}

/// Runs `shared`'s `codegen` bin (Crux typegen with facet) into `out`: every language, or only
/// `language`. `path` is the PATH it runs with, so that it finds pnpm.
pub(crate) fn codegen(
    title: &str,
    out: &Path,
    language: Option<&str>,
    path: &str,
) -> Result<(), String> {
    let mut command = cmd(
        "cargo",
        &[
            "run",
            "--quiet",
            "--locked",
            "-p",
            "shared",
            "--features",
            "codegen",
            "--bin",
            "codegen",
            "--",
        ],
    );
    command.arg(out);
    if let Some(language) = language {
        command.arg(language);
    }
    run(title, command.env("PATH", path))
}

/// The `codegen` bin's own tests: a field named with a reserved word of Swift, Kotlin or
/// TypeScript comes out escaped. (`cargo test --workspace` leaves the bin out: it needs the
/// `codegen` feature.)
fn codegen_tests() -> Result<(), String> {
    run(
        "codegen: reserved words escaped for Swift, Kotlin and TypeScript",
        &mut cmd(
            "cargo",
            &[
                "test",
                "--locked",
                "-p",
                "shared",
                "--features",
                "codegen",
                "--bin",
                "codegen",
            ],
        ),
    )
}

/// The Kotlin the Android app compiles is generated with `android/core/uniffi-android.toml`
/// merged in. uniffi only warns about a config file it cannot read, so check its effect: the
/// Android cleaner, and no `java.lang.ref.Cleaner.create()` (API 33; minSdk is 26).
fn android_bindings(lib: &Path) -> Result<(), String> {
    let out = target_dir().join("ffi/kotlin-android");
    remove(&out)?;
    run(
        "uniffi bindings: Kotlin for Android (android/core/uniffi-android.toml)",
        cmd(
            &target_dir().join("debug/uniffi-bindgen").to_string_lossy(),
            &[
                "generate",
                "--no-format",
                "--language",
                "kotlin",
                "--config",
                "android/core/uniffi-android.toml",
            ],
        )
        .arg("--out-dir")
        .arg(&out)
        .arg(lib.join(DYLIB)),
    )?;
    let path = out.join("org/networkedcouncillor/ffi/shared.kt");
    let kotlin = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    if !kotlin.contains("android.system.SystemCleaner")
        || kotlin.contains("java.lang.ref.Cleaner.create()")
    {
        return Err(format!(
            "{} does not use Android's cleaner: is android/core/uniffi-android.toml read?",
            path.display()
        ));
    }
    println!("    the Android bindings free objects with Android's cleaner, not java.lang.ref's");
    Ok(())
}

/// kotlinc and pnpm from npm (see setup.rs). Returns the folder of their commands.
fn npm_tools() -> Result<PathBuf, String> {
    crate::setup::npm_packages()?;
    Ok(root().join("tests/ffi/node_modules/.bin"))
}

fn kotlinc() -> PathBuf {
    root().join("tests/ffi/node_modules/kotlin-compiler/bin/kotlinc")
}

/// The full learner journey and the damaged-database checks, through uniffi's Python bindings.
fn python() -> Result<(), String> {
    run(
        "FFI tests: Python (journey, reopen, damaged database)",
        cmd(
            "python3",
            &[
                "-m",
                "unittest",
                "discover",
                "-s",
                "tests/ffi/python",
                "-p",
                "test_*.py",
                "-v",
            ],
        )
        .env("NC_PYTHON_BINDINGS", generated().join("bindings/python")),
    )
}

/// Jars from Debian's packages (see setup.rs).
pub(crate) const JARS: [&str; 4] = [
    "/usr/share/java/jna.jar",
    "/usr/share/java/junit-jupiter-api.jar",
    "/usr/share/java/apiguardian-api.jar",
    "/usr/share/java/opentest4j.jar",
];
pub(crate) const JUNIT_CONSOLE: &str = "/usr/share/java/junit-platform-console-standalone.jar";

/// The Android shell's core wrapper, compiled with the generated Kotlin and tested with
/// JUnit 5 on the JVM against the real library.
fn kotlin(lib: &Path) -> Result<(), String> {
    let mut sources = Vec::new();
    for dir in [
        generated().join("bindings/kotlin"),
        generated().join("types/kotlin"),
        root().join("android/core/src/main/kotlin"),
        root().join("tests/ffi/kotlin"),
    ] {
        collect(&dir, &["kt", "java"], &mut sources)?;
    }
    let classes = target_dir().join("ffi/kotlin-classes");
    remove(&classes)?;
    let classpath = JARS.join(":");
    let mut compile = cmd(
        &kotlinc().to_string_lossy(),
        &["-nowarn", "-jvm-target", "17"],
    );
    compile
        .arg("-cp")
        .arg(&classpath)
        .arg("-d")
        .arg(&classes)
        .args(&sources);
    run("FFI tests: compile the Kotlin core wrapper", &mut compile)?;
    let stdlib = root().join("tests/ffi/node_modules/kotlin-compiler/lib/kotlin-stdlib.jar");
    run(
        "FFI tests: Kotlin core wrapper on the JVM (JUnit 5)",
        cmd("java", &[])
            .arg(format!("-Djna.library.path={}", lib.display()))
            .args([
                "-jar",
                JUNIT_CONSOLE,
                "--disable-banner",
                "--fail-if-no-tests",
            ])
            .arg("--details=tree")
            .arg("-cp")
            .arg(format!(
                "{}:{}:{classpath}",
                classes.display(),
                stdlib.display()
            ))
            .args(["--select-package", "org.networkedcouncillor.core"]),
    )
}

/// Swift calls the library through the C header uniffi writes for it. With no Swift compiler
/// here, a C program compiled against that header drives one journey through the same ABI.
fn swift_header(lib: &Path) -> Result<(), String> {
    let out = target_dir().join("ffi");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    swift_expectations(&out)?;
    let program = out.join("swift-abi-journey");
    run(
        "FFI tests: compile a C journey against the Swift header",
        cmd(
            "gcc",
            &[
                "-std=c11",
                "-Wall",
                "-Wextra",
                "-Werror",
                "-D_Nullable=",
                "-D_Nonnull=",
            ],
        )
        .arg("-I")
        .arg(generated().join("bindings/swift"))
        .arg("-I")
        .arg(&out)
        .arg("tests/ffi/c/journey.c")
        .arg(lib.join(STATICLIB))
        .args(["-lpthread", "-ldl", "-lm", "-o"])
        .arg(&program),
    )?;
    let data = out.join("swift-abi-journey-data");
    remove(&data)?;
    run(
        "FFI tests: the C journey through the Swift header's ABI",
        cmd(&program.to_string_lossy(), &[]).arg(&data),
    )
}

/// Writes `swift_expectations.h`: the contract version and API checksums that the generated
/// `Shared.swift` checks when it loads the library, so the C program checks the same.
fn swift_expectations(out: &Path) -> Result<(), String> {
    let swift_path = generated().join("bindings/swift/Shared.swift");
    let swift = std::fs::read_to_string(&swift_path)
        .map_err(|e| format!("{}: {e}", swift_path.display()))?;
    let version = swift
        .lines()
        .find_map(|line| line.trim().strip_prefix("let bindings_contract_version = "))
        .ok_or("Shared.swift names no contract version")?;
    let mut checksums = String::new();
    for line in swift.lines() {
        // `if (uniffi_shared_checksum_method_coreruntime_view() != 22980) {`
        let Some(rest) = line.trim().strip_prefix("if (uniffi_shared_checksum_") else {
            continue;
        };
        let Some((name, expected)) = rest.split_once("() != ") else {
            continue;
        };
        let expected = expected.trim_end_matches(|c: char| !c.is_ascii_digit());
        let function = format!("uniffi_shared_checksum_{name}");
        let _ = writeln!(checksums, "    {{\"{function}\", {function}, {expected}}},");
    }
    if checksums.is_empty() {
        return Err("Shared.swift checks no API checksums".to_owned());
    }
    let header = format!(
        "/* Generated by `cargo xtask ffi test` from Shared.swift: what Swift checks on load. */\n\
         #define EXPECTED_CONTRACT_VERSION {version}\n\
         static const struct {{\n    const char *name;\n    uint16_t (*actual)(void);\n    uint16_t expected;\n}} CHECKSUMS[] = {{\n{checksums}}};\n"
    );
    std::fs::write(out.join("swift_expectations.h"), header)
        .map_err(|e| format!("{}: {e}", out.display()))
}

/// Builds the release library (as the apps ship it: fat LTO, one codegen unit) and copies it
/// out of target/release. Returns the copy.
fn release_library() -> Result<PathBuf, String> {
    run(
        "build libshared for release (native feature)",
        &mut cmd(
            "cargo",
            &[
                "build",
                "--locked",
                "--release",
                "-p",
                "shared",
                "--features",
                "native",
            ],
        ),
    )?;
    let dir = target_dir().join("ffi/release");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let copy = dir.join(DYLIB);
    std::fs::copy(target_dir().join("release").join(DYLIB), &copy)
        .map_err(|e| format!("could not copy the release {DYLIB}: {e}"))?;
    Ok(copy)
}

/// The release library, stripped as an app ships it, against the size budget.
fn size() -> Result<u64, String> {
    let built = release_library()?;
    let stripped = target_dir().join("ffi/libshared.stripped.so");
    run(
        "strip the release library",
        cmd("strip", &["--strip-all", "-o"])
            .arg(&stripped)
            .arg(&built),
    )?;
    let bytes = std::fs::metadata(&stripped)
        .map_err(|e| format!("{}: {e}", stripped.display()))?
        .len();
    #[allow(clippy::cast_precision_loss)]
    let mb = bytes as f64 / (1024.0 * 1024.0);
    println!("    {DYLIB}, release, stripped: {bytes} bytes ({mb:.2} MB; budget 6 MB)");
    if bytes > SIZE_BUDGET {
        return Err(format!(
            "{DYLIB} is {mb:.2} MB stripped, over the 6 MB budget"
        ));
    }
    Ok(bytes)
}

/// Calls through the generated Python bindings into the release library, against the same
/// calls in process (`cargo bench -p shared --bench native --features native`).
fn bench() -> Result<(), String> {
    generate()?;
    let library = release_library()?;
    let dir = target_dir().join("ffi/bench-python");
    remove(&dir)?;
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (from, name) in [
        (generated().join("bindings/python/shared.py"), "shared.py"),
        (library, DYLIB),
    ] {
        std::fs::copy(&from, dir.join(name))
            .map_err(|e| format!("could not copy {}: {e}", from.display()))?;
    }
    run(
        "FFI overhead through the Python bindings (release library)",
        cmd("python3", &["tests/ffi/python/bench_ffi.py"]).env("NC_PYTHON_BINDINGS", &dir),
    )?;

    // The same through Kotlin and JNA, as on Android.
    let mut sources = Vec::new();
    collect(&generated().join("bindings/kotlin"), &["kt"], &mut sources)?;
    collect(
        &root().join("tests/ffi/kotlin-bench"),
        &["kt"],
        &mut sources,
    )?;
    let classes = target_dir().join("ffi/kotlin-bench-classes");
    remove(&classes)?;
    run(
        "compile the Kotlin FFI benchmark",
        cmd(
            &kotlinc().to_string_lossy(),
            &["-nowarn", "-jvm-target", "17"],
        )
        .arg("-cp")
        .arg(JARS[0])
        .arg("-d")
        .arg(&classes)
        .args(&sources),
    )?;
    let stdlib = root().join("tests/ffi/node_modules/kotlin-compiler/lib/kotlin-stdlib.jar");
    run(
        "FFI overhead through the Kotlin bindings (JNA, release library)",
        cmd("java", &[])
            .arg(format!("-Djna.library.path={}", dir.display()))
            .arg("-cp")
            .arg(format!(
                "{}:{}:{}",
                classes.display(),
                stdlib.display(),
                JARS[0]
            ))
            .arg("org.networkedcouncillor.bench.FfiBenchKt"),
    )
}

fn remove(dir: &Path) -> Result<(), String> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("could not remove {}: {e}", dir.display())),
    }
}

/// Every file under `dir` with one of `extensions`, sorted so builds are repeatable.
fn collect(dir: &Path, extensions: &[&str], found: &mut Vec<PathBuf>) -> Result<(), String> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .map(|entry| entry.map(|e| e.path()).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, extensions, found)?;
        } else if path
            .extension()
            .is_some_and(|ext| extensions.iter().any(|e| ext == *e))
        {
            found.push(path);
        }
    }
    Ok(())
}
