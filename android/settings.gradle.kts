// The Android app: `app` (the Compose shell) and `core` (the non-UI Kotlin: CoreWrapper, which
// the JVM tests also compile, plus the Rust library and the Kotlin generated from it).
pluginManagement {
    repositories {
        google {
            content {
                includeGroupByRegex("com\\.android.*")
                includeGroupByRegex("com\\.google.*")
                includeGroupByRegex("androidx.*")
            }
        }
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
        // The Kotlin half of rustls-platform-verifier, which its authors publish as a Maven
        // repository beside their source (see the crate's README, "Android").
        maven {
            url = uri("https://github.com/rustls/rustls-platform-verifier/raw/maven-archive/android-release-support/maven/")
            content { includeGroup("org.rustls") }
        }
    }
}

rootProject.name = "NetworkedCouncillor"
include(":app")
include(":core")
