//! The Swift the iOS app compiles, compiled and tested with a real Swift compiler on Linux.
//!
//! `cargo xtask swift` (part of `cargo xtask test`, after `ffi test` has generated everything):
//!
//! 1. Makes a Debian 13 (trixie) chroot in `target/swift-chroot` with `debootstrap`
//!    (the minbase variant) and installs Debian's Swift 6.0.3 (`swiftlang`) in it, once: later
//!    runs find it ready by its stamp file.
//! 2. Copies in the generated `SharedTypes` package, uniffi's `Shared.swift` and C header,
//!    `libshared.so` built for Linux, the iOS shell's Foundation-only files
//!    (`ios/Councillor/Core`) and the tests in `tests/swift`.
//! 3. `swift build` of `SharedTypes` alone (every generated type), then `swift build` and
//!    `swift test` of `tests/swift`: the app's own files, in Swift 6 language mode, driving the
//!    real runtime.
//!
//! It runs as root (chroot and mount need it), as CI does. `/proc`, which the Swift driver
//! needs, is mounted for the run and unmounted by a guard, also when a step fails.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::step::{cmd, root, run, target_dir};

/// What the chroot gets beyond minbase: the compiler with Foundation, `XCTest` and Swift Testing,
/// and the C headers `swift build` links against. Changing this list makes the chroot again.
const PACKAGES: &str = "swiftlang libc6-dev";
const SUITE: &str = "trixie";
const MIRROR: &str = "http://deb.debian.org/debian";

/// Debian's `libswiftObservation.so` refers to a symbol of the Swift runtime it does not link
/// (`swift::threading::fatal`, reached only on a fatal threading error), so a program that
/// imports Observation links only if the linker allows it. Checked with Swift 6.0.3.
const LINK_FLAGS: [&str; 4] = [
    "-Xlinker",
    "-L/nc/lib",
    "-Xlinker",
    "--allow-shlib-undefined",
];

/// `cargo xtask swift`.
pub(crate) fn test() -> Result<(), String> {
    let generated = root().join("generated");
    if !generated
        .join("types/swift/SharedTypes/Package.swift")
        .is_file()
        || !generated.join("bindings/swift/Shared.swift").is_file()
        || !target_dir().join("ffi/lib/libshared.so").is_file()
    {
        crate::ffi::main(&["generate".to_owned()])?;
    }
    let chroot = target_dir().join("swift-chroot");
    make_chroot(&chroot)?;
    stage(&chroot)?;
    let _proc = Mount::proc(&chroot)?;
    run(
        "Swift: swift build of the generated SharedTypes package",
        &mut in_chroot(&chroot, "/nc/SharedTypes", "swift build"),
    )?;
    let flags = LINK_FLAGS.join(" ");
    run(
        "Swift: build the iOS Core files and their tests (Swift 6 language mode)",
        &mut in_chroot(
            &chroot,
            "/nc/tests",
            &format!("swift build --build-tests {flags}"),
        ),
    )?;
    run(
        "Swift: the iOS Core files against the real runtime (swift test)",
        &mut in_chroot(
            &chroot,
            "/nc/tests",
            &format!("LD_LIBRARY_PATH=/nc/lib swift test --skip-build {flags}"),
        ),
    )
}

/// A shell command run in `dir` inside the chroot.
fn in_chroot(chroot: &Path, dir: &str, script: &str) -> Command {
    let mut command = cmd("chroot", &[]);
    command
        .arg(chroot)
        .args(["/bin/sh", "-c", &format!("cd {dir} && {script}")])
        // The host's may name folders the chroot lacks.
        .env("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin")
        .env("HOME", "/root");
    command
}

/// The chroot with Swift, made once and kept under `target/`.
fn make_chroot(chroot: &Path) -> Result<(), String> {
    let stamp = chroot.join("nc-swift-ready");
    if std::fs::read_to_string(&stamp).is_ok_and(|s| s.trim() == PACKAGES) {
        return Ok(());
    }
    if !is_root() {
        return Err(
            "the Swift tests build a chroot, which needs root: run as root (CI does)".to_owned(),
        );
    }
    // A half-made chroot (an interrupted run) is made again from nothing; never with /proc
    // still mounted in it.
    if chroot.exists() {
        let proc = chroot.join("proc");
        if mounted(&proc) && !unmount(&proc) {
            return Err(format!(
                "{} is still mounted; unmount it, then run again",
                proc.display()
            ));
        }
        std::fs::remove_dir_all(chroot).map_err(|e| format!("{}: {e}", chroot.display()))?;
    }
    crate::setup::debian_package("debootstrap", "/usr/sbin/debootstrap")?;
    run(
        &format!("Swift: debootstrap a minimal Debian {SUITE}"),
        cmd("debootstrap", &["--variant=minbase", SUITE])
            .arg(chroot)
            .arg(MIRROR),
    )?;
    {
        let _proc = Mount::proc(chroot)?;
        run(
            "Swift: apt-get update in the chroot",
            &mut in_chroot(chroot, "/", "apt-get update -qq"),
        )?;
        run(
            &format!("Swift: apt-get install {PACKAGES} in the chroot"),
            in_chroot(
                chroot,
                "/",
                &format!(
                    "apt-get install -y -qq --no-install-recommends {PACKAGES} && apt-get clean"
                ),
            )
            .env("DEBIAN_FRONTEND", "noninteractive"),
        )?;
    }
    std::fs::write(&stamp, PACKAGES).map_err(|e| format!("{}: {e}", stamp.display()))
}

/// Copies what the Swift packages build from into `/nc` in the chroot, afresh each run (the
/// build folders inside stay, so unchanged files are not compiled again).
fn stage(chroot: &Path) -> Result<(), String> {
    let nc = chroot.join("nc");
    let generated = root().join("generated");
    // The sources are replaced; `.build` folders are kept for incremental builds.
    let types = nc.join("SharedTypes");
    replace_dir(&types.join("Sources"))?;
    copy_tree(
        &generated.join("types/swift/SharedTypes/Sources"),
        &types.join("Sources"),
    )?;
    copy_file(
        &generated.join("types/swift/SharedTypes/Package.swift"),
        &types.join("Package.swift"),
    )?;

    let lib = nc.join("lib");
    std::fs::create_dir_all(&lib).map_err(|e| format!("{}: {e}", lib.display()))?;
    copy_file(
        &target_dir().join("ffi/lib/libshared.so"),
        &lib.join("libshared.so"),
    )?;

    let tests = nc.join("tests");
    for dir in ["Sources", "Tests"] {
        replace_dir(&tests.join(dir))?;
    }
    copy_file(
        &root().join("tests/swift/Package.swift"),
        &tests.join("Package.swift"),
    )?;
    copy_tree(&root().join("tests/swift/Tests"), &tests.join("Tests"))?;
    let bindings = generated.join("bindings/swift");
    let ffi = tests.join("Sources/SharedFFI");
    copy_file(&bindings.join("SharedFFI.h"), &ffi.join("SharedFFI.h"))?;
    // uniffi's module map names Darwin; this one names the library to link instead.
    std::fs::write(
        ffi.join("module.modulemap"),
        "module SharedFFI {\n    header \"SharedFFI.h\"\n    link \"shared\"\n    export *\n}\n",
    )
    .map_err(|e| format!("{}: {e}", ffi.display()))?;
    copy_file(
        &bindings.join("Shared.swift"),
        &tests.join("Sources/Shared/Shared.swift"),
    )?;
    copy_tree(
        &root().join("ios/Councillor/Core"),
        &tests.join("Sources/CouncillorCore"),
    )
}

fn replace_dir(dir: &Path) -> Result<(), String> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("could not remove {}: {e}", dir.display())),
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))
}

fn copy_file(from: &Path, to: &Path) -> Result<(), String> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("could not copy {}: {e}", from.display()))
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path.file_name().expect("an entry has a name");
        if path.is_dir() {
            copy_tree(&path, &to.join(name))?;
        } else {
            copy_file(&path, &to.join(name))?;
        }
    }
    Ok(())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

/// A file system mounted in the chroot, unmounted when dropped: at the end of the run, and on
/// every early return or panic, so no failed test leaves a mount behind.
struct Mount {
    point: PathBuf,
}

impl Mount {
    fn proc(chroot: &Path) -> Result<Self, String> {
        let point = chroot.join("proc");
        // A mount left by a run that was killed is taken down first, not stacked on.
        if mounted(&point) && !unmount(&point) {
            return Err(format!("{} is mounted and busy", point.display()));
        }
        run(
            "Swift: mount /proc in the chroot",
            cmd("mount", &["-t", "proc", "proc"]).arg(&point),
        )?;
        Ok(Self { point })
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        if !unmount(&self.point) {
            // Lazily, if something in the chroot still holds it: it goes when that ends.
            let _ = Command::new("umount").arg("-l").arg(&self.point).status();
        }
    }
}

fn mounted(point: &Path) -> bool {
    Command::new("mountpoint")
        .arg("-q")
        .arg(point)
        .status()
        .is_ok_and(|s| s.success())
}

fn unmount(point: &Path) -> bool {
    Command::new("umount")
        .arg(point)
        .status()
        .is_ok_and(|s| s.success())
}
