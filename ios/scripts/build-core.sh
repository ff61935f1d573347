#!/usr/bin/env bash
# Builds what the iOS app links and imports, all into ios/generated/ (gitignored):
#
#   generated/Shared/        a Swift package: SharedFFI.xcframework (the Rust core as a static
#                            library for devices and for the simulator on Apple silicon and Intel)
#                            and uniffi's Swift bindings (`CoreRuntime`, `ViewListener`, `CoreError`)
#   generated/SharedTypes/   a Swift package: the core's types (`ViewModel`, `Event`, ...) with
#                            their bincode serializers, from Crux typegen
#
# Run it on a Mac with Xcode before opening the project, and again after changing the Rust code:
#
#   ios/scripts/build-core.sh            # release libraries (what ships; a few minutes a target)
#   ios/scripts/build-core.sh --debug    # debug libraries (quicker to build, slower to run)
#
# It does what `cargo xtask ffi generate` does for Linux, with Apple's file names and targets.
set -euo pipefail

IOS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$IOS_DIR/.." && pwd)"
OUT="$IOS_DIR/generated"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

# No arrays: macOS ships bash 3.2, where `set -u` calls an empty array unbound. Cargo's profile
# is named by `--profile`, with `dev` building into the `debug` folder.
PROFILE=release
CARGO_PROFILE=release
case "${1:-}" in
  --debug) PROFILE=debug; CARGO_PROFILE=dev ;;
  "" | --release) ;;
  *) echo "usage: $0 [--release|--debug]" >&2; exit 2 ;;
esac

DEVICE=aarch64-apple-ios
SIMULATORS="aarch64-apple-ios-sim x86_64-apple-ios"
TARGETS="$DEVICE $SIMULATORS"
# The C code inside the core (SQLite, ring) is compiled for the app's minimum iOS version.
export IPHONEOS_DEPLOYMENT_TARGET=17.0

fail() { echo "build-core.sh: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || fail "$1 is missing: $2"; }

[ "$(uname -s)" = Darwin ] || fail "this script runs on macOS with Xcode (it needs the iOS SDK)."
need cargo "install Rust from https://rustup.rs"
need rustup "install Rust from https://rustup.rs"
need xcodebuild "install Xcode and run: sudo xcode-select -s /Applications/Xcode.app"
need lipo "install Xcode's command line tools: xcode-select --install"

installed="$(rustup target list --installed)"
for target in $TARGETS; do
  if ! printf '%s\n' "$installed" | grep -qx "$target"; then
    echo "==> rustup target add $target"
    rustup target add "$target"
  fi
done

cd "$ROOT"
for target in $TARGETS; do
  echo "==> libshared for $target ($PROFILE)"
  cargo build --locked --profile "$CARGO_PROFILE" -p shared --features native --target "$target"
done

WORK="$TARGET_DIR/ios"
rm -rf "$WORK"
mkdir -p "$WORK/device" "$WORK/simulator" "$WORK/bindings" "$WORK/headers" "$WORK/types"

echo "==> Swift bindings (uniffi)"
cargo build --locked --manifest-path tools/uniffi-bindgen/Cargo.toml --target-dir "$TARGET_DIR"
# The simulator's dynamic library carries uniffi's metadata (the release profile strips only
# debug info); the bindings are the same for every target.
"$TARGET_DIR/debug/uniffi-bindgen" generate --no-format --language swift \
  --out-dir "$WORK/bindings" "$TARGET_DIR/aarch64-apple-ios-sim/$PROFILE/libshared.dylib"

echo "==> the core's Swift types (Crux typegen)"
cargo run --locked --quiet -p shared --features codegen --bin codegen -- "$WORK/types" swift

echo "==> SharedFFI.xcframework"
cp "$WORK/bindings/SharedFFI.h" "$WORK/headers/"
# An XCFramework's module map must be called module.modulemap.
cp "$WORK/bindings/SharedFFI.modulemap" "$WORK/headers/module.modulemap"
cp "$TARGET_DIR/$DEVICE/$PROFILE/libshared.a" "$WORK/device/libshared.a"
lipo -create \
  "$TARGET_DIR/aarch64-apple-ios-sim/$PROFILE/libshared.a" \
  "$TARGET_DIR/x86_64-apple-ios/$PROFILE/libshared.a" \
  -output "$WORK/simulator/libshared.a"

rm -rf "$OUT"
mkdir -p "$OUT/Shared/Sources/Shared"
xcodebuild -create-xcframework \
  -library "$WORK/device/libshared.a" -headers "$WORK/headers" \
  -library "$WORK/simulator/libshared.a" -headers "$WORK/headers" \
  -output "$OUT/Shared/SharedFFI.xcframework"
cp "$WORK/bindings/Shared.swift" "$OUT/Shared/Sources/Shared/Shared.swift"

cat >"$OUT/Shared/Package.swift" <<'SWIFT'
// swift-tools-version: 5.9
// Written by ios/scripts/build-core.sh. Do not edit: run the script again.
import PackageDescription

let package = Package(
    name: "Shared",
    platforms: [.iOS(.v17)],
    products: [
        .library(name: "Shared", targets: ["Shared"])
    ],
    targets: [
        .binaryTarget(name: "SharedFFI", path: "SharedFFI.xcframework"),
        .target(
            name: "Shared",
            dependencies: ["SharedFFI"],
            path: "Sources/Shared",
            linkerSettings: [
                // The platform certificate verifier (rustls-platform-verifier) and time zones.
                .linkedFramework("Security"),
                .linkedFramework("CoreFoundation"),
            ]
        ),
    ]
)
SWIFT

cp -R "$WORK/types/swift/SharedTypes" "$OUT/SharedTypes"

echo
echo "Done: $OUT"
echo "Next: cd ios && xcodegen generate && open Councillor.xcodeproj"
