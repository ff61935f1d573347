// swift-tools-version: 6.0
// The iOS shell's Foundation-only code (ios/Councillor/Core) against the real native runtime,
// on Linux, in Swift 6 language mode with complete concurrency checking.
//
// `cargo xtask swift` copies this folder into a Debian trixie chroot (Swift 6.0.3) and puts
// beside it what the targets below name, so that the very files the app compiles are the ones
// tested:
//
//   Sources/SharedFFI/        uniffi's C header, with a module map that links libshared
//   Sources/Shared/           uniffi's Swift bindings (generated/bindings/swift/Shared.swift)
//   Sources/CouncillorCore/   ios/Councillor/Core/*.swift, unchanged
//   ../SharedTypes/           the core's types (generated/types/swift/SharedTypes)
//   ../lib/libshared.so       the runtime, built for Linux
//
// Nothing here runs on its own: use `cargo xtask swift`.
import PackageDescription

let package = Package(
    name: "CouncillorCoreTests",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: "../SharedTypes")
    ],
    targets: [
        .systemLibrary(name: "SharedFFI", path: "Sources/SharedFFI"),
        .target(
            name: "Shared",
            dependencies: ["SharedFFI"],
            path: "Sources/Shared",
            // As the app builds it: build-core.sh's package is Swift 5 (tools version 5.9).
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .target(
            name: "CouncillorCore",
            dependencies: ["Shared", .product(name: "SharedTypes", package: "SharedTypes")],
            path: "Sources/CouncillorCore"
        ),
        .testTarget(
            name: "CouncillorCoreTests",
            dependencies: [
                "CouncillorCore", .product(name: "SharedTypes", package: "SharedTypes"),
            ],
            path: "Tests/CouncillorCoreTests"
        ),
    ]
)
