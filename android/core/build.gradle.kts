// The non-UI half of the Android app, as a library module:
//
// - src/main/kotlin: CoreWrapper, the one door to the core. The same file is compiled and tested
//   on the JVM by `cargo xtask ffi test`; keep it free of Android APIs.
// - the Rust library, libcouncillor.so (android/rust), built for each ABI with cargo-ndk;
// - the Kotlin generated from it at build time: uniffi's bindings (`org.networkedcouncillor.ffi`)
//   and the core's types (`org.networkedcouncillor.shared`, Crux typegen). Both go under
//   build/generated/rust/ and are never committed.
//
// Needs on the PATH (or in ~/.cargo/bin): cargo, cargo-ndk, and the Rust targets for the ABIs
// (see README.md, "Android app").
import javax.inject.Inject
import org.jetbrains.kotlin.gradle.dsl.JvmTarget

plugins {
    alias(libs.plugins.android.library)
    alias(libs.plugins.kotlin.android)
}

/** The repository's root folder (android/..): where the Rust workspace is. */
val repositoryRoot: File = rootDir.parentFile

/** The ABIs to build the Rust library for (gradle.properties: nc.abis). */
val rustAbis: List<String> =
    providers.gradleProperty("nc.abis").get().split(",").map(String::trim).filter(String::isNotEmpty)

/** `release` (what ships; slower to build) or `debug` (gradle.properties: nc.rustProfile). */
val rustProfile: String = providers.gradleProperty("nc.rustProfile").getOrElse("release")

/**
 * cargo, from the PATH or rustup's usual place: Android Studio started from a desktop launcher
 * does not see the PATH a shell sets. `-Pnc.cargo=/path/to/cargo` overrides both.
 */
val cargoExecutable: String = providers.gradleProperty("nc.cargo").orNull
    ?: File(System.getProperty("user.home"), ".cargo/bin/cargo").takeIf(File::canExecute)?.path
    ?: "cargo"

/** The Rust target triple cargo-ndk builds for an Android ABI: cargo's folder name for it. */
fun rustTriple(abi: String): String = when (abi) {
    "arm64-v8a" -> "aarch64-linux-android"
    "armeabi-v7a" -> "armv7-linux-androideabi"
    "x86_64" -> "x86_64-linux-android"
    "x86" -> "i686-linux-android"
    else -> throw GradleException("nc.abis: unknown Android ABI $abi")
}

/** Where the library and the generated Kotlin go (never committed). */
val generated = "build/generated/rust"

android {
    namespace = "org.networkedcouncillor.core"
    compileSdk = libs.versions.compileSdk.get().toInt()
    ndkVersion = libs.versions.ndk.get()

    defaultConfig {
        minSdk = libs.versions.minSdk.get().toInt()
        consumerProguardFiles("consumer-rules.pro")
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    sourceSets {
        getByName("main") {
            kotlin.srcDir("$generated/kotlin")
            jniLibs.srcDir("$generated/jniLibs")
        }
    }
}

kotlin {
    compilerOptions {
        jvmTarget.set(JvmTarget.JVM_17)
    }
}

dependencies {
    // uniffi's Kotlin bindings call the library through JNA, which Android takes as an .aar.
    implementation(variantOf(libs.jna) { artifactType("aar") })
    // `@RequiresApi` in the bindings' Android cleaner (uniffi-android.toml).
    implementation(libs.androidx.annotation)
    // The Kotlin half of rustls-platform-verifier: the Rust TLS client asks Android's trust
    // manager through it (the app calls NativeTls.init at start-up).
    implementation(libs.rustls.platform.verifier)
}

/** The Rust sources the library is built from, so Gradle knows when to build it again. */
fun rustSources(): ConfigurableFileCollection = files(
    File(repositoryRoot, "Cargo.toml"),
    File(repositoryRoot, "Cargo.lock"),
    fileTree(File(repositoryRoot, "shared")),
    fileTree(File(repositoryRoot, "content")),
    fileTree(File(repositoryRoot, "android/rust")) { exclude("target/**") },
    fileTree(File(repositoryRoot, "tools/uniffi-bindgen")) { exclude("target/**") },
)

/** Builds libcouncillor.so for each ABI with cargo-ndk, laid out as jniLibs/<abi>/. */
abstract class CargoNdkBuild @Inject constructor(private val exec: ExecOperations) : DefaultTask() {
    @get:Input abstract val cargo: Property<String>
    @get:Input abstract val abis: ListProperty<String>
    @get:Input abstract val profile: Property<String>
    @get:Input abstract val platform: Property<Int>
    @get:Internal abstract val repository: DirectoryProperty
    @get:Internal abstract val ndkDirectory: DirectoryProperty
    @get:InputFiles @get:PathSensitive(PathSensitivity.RELATIVE) abstract val sources: ConfigurableFileCollection
    @get:OutputDirectory abstract val outputDirectory: DirectoryProperty

    @TaskAction
    fun build() {
        val root = repository.get().asFile
        val out = outputDirectory.get().asFile
        out.deleteRecursively()
        val arguments = buildList {
            add("ndk")
            abis.get().forEach { abi -> add("--target"); add(abi) }
            add("--platform"); add(platform.get().toString())
            add("--output-dir"); add(out.absolutePath)
            // cargo-ndk's own option, before `build`: it passes the manifest on to cargo itself,
            // and cargo refuses a second `--manifest-path` after the subcommand.
            add("--manifest-path"); add(File(root, "android/rust/Cargo.toml").absolutePath)
            add("build")
            add("--locked")
            if (profile.get() == "release") add("--release")
        }
        exec.exec {
            executable = cargo.get()
            args(arguments)
            workingDir = root
            environment("ANDROID_NDK_HOME", ndkDirectory.get().asFile.absolutePath)
            // A target folder of its own under the main one: `shared` builds a cdylib, so its
            // rlib is named without a hash, and builds with other features must not share it.
            environment("CARGO_TARGET_DIR", File(root, "target/android").absolutePath)
        }
    }
}

/**
 * Generates the Kotlin for the library: uniffi's bindings, read from the built library (so they
 * always match it), and the core's types with their bincode serializers.
 *
 * The bindings are read from cargo's own copy of the library in `target/android/<triple>/`, not
 * from jniLibs: uniffi finds its metadata in the symbol table, and a packaging step that strips
 * the copy (cargo-ndk 3.x did; the Android Gradle plugin does when it packages) leaves none.
 * `uniffi-android.toml` asks for Android's cleaner instead of `java.lang.ref.Cleaner` (API 33),
 * as minSdk is 26.
 */
abstract class GenerateCoreKotlin @Inject constructor(
    private val exec: ExecOperations,
    private val fs: FileSystemOperations,
) : DefaultTask() {
    @get:Input abstract val cargo: Property<String>
    @get:InputFile @get:PathSensitive(PathSensitivity.RELATIVE) abstract val library: RegularFileProperty
    @get:InputFile @get:PathSensitive(PathSensitivity.RELATIVE) abstract val uniffiConfig: RegularFileProperty
    @get:Internal abstract val repository: DirectoryProperty
    @get:InputFiles @get:PathSensitive(PathSensitivity.RELATIVE) abstract val sources: ConfigurableFileCollection
    @get:OutputDirectory abstract val outputDirectory: DirectoryProperty

    @TaskAction
    fun generate() {
        val root = repository.get().asFile
        val out = outputDirectory.get().asFile
        val types = File(temporaryDir, "types")
        fs.delete { delete(out, types) }
        val library = library.get().asFile
        // uniffi-bindgen at the library's exact uniffi version (tools/uniffi-bindgen).
        cargoRun(
            root,
            "run", "--locked", "--quiet",
            "--manifest-path", "tools/uniffi-bindgen/Cargo.toml",
            "--target-dir", File(root, "target").absolutePath,
            "--",
            "generate", "--no-format", "--language", "kotlin",
            "--config", uniffiConfig.get().asFile.absolutePath,
            "--out-dir", out.absolutePath,
            library.absolutePath,
        )
        // The core's types, for Kotlin only (shared/src/bin/codegen.rs).
        cargoRun(
            root,
            "run", "--locked", "--quiet",
            "-p", "shared", "--features", "codegen", "--bin", "codegen",
            "--", types.absolutePath, "kotlin",
        )
        // The types' folder also holds a Gradle file for publishing them alone: sources only.
        fs.copy {
            from(File(types, "kotlin"))
            into(out)
            include("**/*.kt")
        }
    }

    private fun cargoRun(root: File, vararg arguments: String) {
        exec.exec {
            executable = cargo.get()
            args(arguments.toList())
            workingDir = root
        }
    }
}

val cargoNdkBuild = tasks.register<CargoNdkBuild>("cargoNdkBuild") {
    group = "rust"
    description = "Builds libcouncillor.so for ${rustAbis.joinToString()} with cargo-ndk."
    cargo.set(cargoExecutable)
    abis.set(rustAbis)
    profile.set(rustProfile)
    platform.set(libs.versions.minSdk.get().toInt())
    repository.set(repositoryRoot)
    ndkDirectory.set(androidComponents.sdkComponents.ndkDirectory)
    sources.from(rustSources())
    outputDirectory.set(layout.projectDirectory.dir("$generated/jniLibs"))
}

val generateCoreKotlin = tasks.register<GenerateCoreKotlin>("generateCoreKotlin") {
    group = "rust"
    description = "Generates the uniffi bindings and the core's types for Kotlin."
    cargo.set(cargoExecutable)
    dependsOn(cargoNdkBuild)
    library.set(
        File(repositoryRoot, "target/android/${rustTriple(rustAbis.first())}/$rustProfile/libcouncillor.so")
    )
    uniffiConfig.set(layout.projectDirectory.file("uniffi-android.toml"))
    repository.set(repositoryRoot)
    sources.from(rustSources())
    outputDirectory.set(layout.projectDirectory.dir("$generated/kotlin"))
}

// Before anything compiles or packages: the library and the Kotlin that calls it.
tasks.named("preBuild") {
    dependsOn(cargoNdkBuild, generateCoreKotlin)
}
