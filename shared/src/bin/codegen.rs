//! Writes the shells' copies of the core's types (events, view model, effect requests) for
//! Swift, Kotlin and TypeScript, with their bincode serializers, from the Rust definitions.
//!
//! `cargo run -p shared --features codegen --bin codegen -- <out-dir> [swift|kotlin|typescript]...`
//!
//! `cargo xtask ffi generate` runs it into `generated/types/`. The output is generated, never
//! edited: change the Rust types and run it again.
//!
//! The types come from `crux_core`'s typegen (facet). Each language gets a renaming pass first,
//! for names the generator writes as they are but the language will not compile:
//!
//! - Swift: a field named with a reserved word (`StoredRecord.private`) is written in backticks
//!   (`` `private` ``) wherever it appears.
//! - Kotlin: the same for its hard keywords (`in`, `is`, `val`). Also, an enum variant named
//!   like a Kotlin standard type (`BlockView::List`) would become a nested class that hides
//!   `kotlin.collections.List` from its siblings, so it is named after its enum too
//!   (`BlockView.ListBlockView`).
//! - TypeScript: a field named with a reserved word (`delete`, `private`) is not allowed as a
//!   class property, so it gets a trailing underscore (`delete_`).
//!
//! The generator turns every field name into lower camel case, which drops backticks, so a
//! Swift or Kotlin field is first renamed to a placeholder no one would write
//! (`ncEscapedPrivate`), and the placeholder is replaced with the backticked word in the
//! written files. Bincode is positional, so names never reach the wire.
//!
//! The Swift package's manifest also names its platforms (iOS 17, as the app, and macOS 14),
//! which the generator leaves out (so `SwiftPM` would assume iOS 12). The TypeScript package is then
//! installed and compiled with `pnpm`, which must be on the PATH; a failed compile fails the
//! run.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, ExitCode};

use crux_core::type_generation::facet::{TypeGenError, TypeRegistry};
use facet_generate::Registry;
use facet_generate::generation::bincode::BincodePlugin;
use facet_generate::generation::{kotlin, swift, typescript};
use facet_generate::reflection::format::{ContainerFormat, Format, Named, VariantFormat};
use shared::NetworkedCouncillor;

/// The Swift package, the Kotlin package and the npm package the types go into.
const SWIFT_PACKAGE: &str = "SharedTypes";
const KOTLIN_PACKAGE: &str = "org.networkedcouncillor.shared";
const TYPESCRIPT_PACKAGE: &str = "shared_types";

const LANGUAGES: [&str; 3] = ["swift", "kotlin", "typescript"];

/// Kotlin standard types that the generated code names unqualified (`List<String>`), so a
/// nested class of the same name would hide them.
const KOTLIN_STANDARD_TYPES: &[&str] = &[
    "Any",
    "Array",
    "Boolean",
    "Byte",
    "ByteArray",
    "Char",
    "Double",
    "Float",
    "Int",
    "List",
    "Long",
    "Map",
    "Nothing",
    "Pair",
    "Set",
    "Short",
    "String",
    "Triple",
    "UByte",
    "UInt",
    "ULong",
    "UShort",
    "Unit",
];

/// Swift's keywords, which a declaration may use as a name only in backticks. Backticks around
/// a word that needs none are harmless, so this errs on the side of the whole list.
const SWIFT_RESERVED: &[&str] = &[
    "Any",
    "Protocol",
    "Self",
    "Type",
    "as",
    "associatedtype",
    "async",
    "await",
    "break",
    "case",
    "catch",
    "class",
    "continue",
    "default",
    "defer",
    "deinit",
    "do",
    "else",
    "enum",
    "extension",
    "fallthrough",
    "false",
    "fileprivate",
    "for",
    "func",
    "guard",
    "if",
    "import",
    "in",
    "init",
    "inout",
    "internal",
    "is",
    "let",
    "nil",
    "operator",
    "precedencegroup",
    "private",
    "protocol",
    "public",
    "repeat",
    "rethrows",
    "return",
    "self",
    "static",
    "struct",
    "subscript",
    "super",
    "switch",
    "throw",
    "throws",
    "true",
    "try",
    "typealias",
    "var",
    "where",
    "while",
];

/// Kotlin's hard keywords, which are never names unless in backticks. (Its soft keywords and
/// modifiers, `private` and `open` among them, are names where a name is expected.)
const KOTLIN_RESERVED: &[&str] = &[
    "as",
    "break",
    "class",
    "continue",
    "do",
    "else",
    "false",
    "for",
    "fun",
    "if",
    "in",
    "interface",
    "is",
    "null",
    "object",
    "package",
    "return",
    "super",
    "this",
    "throw",
    "true",
    "try",
    "typealias",
    "typeof",
    "val",
    "var",
    "when",
    "while",
];

/// The platforms the Swift types' package supports: the app's (ios/project.yml), and a macOS
/// recent enough for the same concurrency features, for tests on a Mac.
const SWIFT_PLATFORMS: &str = "platforms: [.iOS(.v17), .macOS(.v14)],";

/// Words TypeScript will not take as a class property declared in a constructor: the reserved
/// words, and those reserved in strict mode (class bodies are always strict).
const TYPESCRIPT_RESERVED: &[&str] = &[
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "implements",
    "import",
    "in",
    "instanceof",
    "interface",
    "let",
    "new",
    "null",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "static",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next() else {
        eprintln!("usage: codegen <out-dir> [swift|kotlin|typescript]...");
        return ExitCode::FAILURE;
    };
    let mut languages: Vec<String> = args.collect();
    if languages.is_empty() {
        languages = LANGUAGES.iter().map(|&l| l.to_owned()).collect();
    }
    if let Some(unknown) = languages.iter().find(|l| !LANGUAGES.contains(&l.as_str())) {
        eprintln!("codegen: unknown language {unknown:?}; choose from {LANGUAGES:?}");
        return ExitCode::FAILURE;
    }
    match generate(Path::new(&out), &languages) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("codegen: {e}");
            ExitCode::FAILURE
        }
    }
}

fn generate(out: &Path, languages: &[String]) -> Result<(), String> {
    for language in languages {
        let dir = out.join(language);
        let registry = registry()?;
        match language.as_str() {
            "swift" => swift(registry, &dir)?,
            "kotlin" => kotlin(registry, &dir)?,
            _ => {
                typescript(registry, &dir)?;
                compile_typescript(&dir)?;
            }
        }
        eprintln!("codegen: wrote the {language} types to {}", dir.display());
    }
    Ok(())
}

fn registry() -> Result<Registry, String> {
    TypeRegistry::new()
        .register_app::<NetworkedCouncillor>()
        .and_then(TypeRegistry::build)
        .map(crux_core::type_generation::facet::CodeGenerator::registry)
        .map_err(|e: TypeGenError| e.to_string())
}

/// Writes the Swift package `SharedTypes` into `dir/SharedTypes`.
fn swift(mut registry: Registry, dir: &Path) -> Result<(), String> {
    let escaped = placehold_reserved(&mut registry, SWIFT_RESERVED);
    let package = dir.join(SWIFT_PACKAGE);
    remove_dir(&package)?;
    std::fs::create_dir_all(&package).map_err(|e| format!("{}: {e}", package.display()))?;
    swift::Installer::new(SWIFT_PACKAGE, &package)
        .plugin(BincodePlugin)
        .generate(&registry)
        .map_err(|e| e.to_string())?;
    unplace(&package, "swift", &escaped)?;
    if !escaped.is_empty() {
        eprintln!("codegen: Swift fields written in backticks: {escaped:?}");
    }
    let manifest = package.join("Package.swift");
    let text = read(&manifest)?;
    std::fs::write(&manifest, with_platforms(&text)?)
        .map_err(|e| format!("{}: {e}", manifest.display()))
}

/// The generated `Package.swift` with its platforms named. `.v17` needs tools version 5.9.
fn with_platforms(manifest: &str) -> Result<String, String> {
    let name = format!("Package(\n    name: \"{SWIFT_PACKAGE}\",\n");
    if !manifest.contains(&name) {
        return Err(format!("the generated Package.swift has no {name:?}"));
    }
    Ok(manifest
        .replacen(
            "// swift-tools-version: 5.8",
            "// swift-tools-version: 5.9",
            1,
        )
        .replacen(&name, &format!("{name}    {SWIFT_PLATFORMS}\n"), 1))
}

/// Writes the Kotlin package `org.networkedcouncillor.shared` under `dir`.
fn kotlin(mut registry: Registry, dir: &Path) -> Result<(), String> {
    let renamed = rename_shadowing_variants(&mut registry);
    if !renamed.is_empty() {
        eprintln!("codegen: Kotlin variants renamed past standard types: {renamed:?}");
    }
    let escaped = placehold_reserved(&mut registry, KOTLIN_RESERVED);
    // Start clean, so a type removed from the core leaves no stale file behind.
    let package = dir.join(KOTLIN_PACKAGE.replace('.', "/"));
    remove_dir(&package)?;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    kotlin::Installer::new(KOTLIN_PACKAGE, dir)
        .plugin(BincodePlugin)
        .generate(&registry)
        .map_err(|e| e.to_string())?;
    unplace(dir, "kt", &escaped)?;
    if !escaped.is_empty() {
        eprintln!("codegen: Kotlin fields written in backticks: {escaped:?}");
    }
    Ok(())
}

fn remove_dir(dir: &Path) -> Result<(), String> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("{}: {e}", dir.display())),
    }
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Renames every field whose name is in `reserved` to a placeholder, `ncEscaped` and the word
/// (as the generator will write it, in lower camel case). Returns the reserved words renamed.
fn placehold_reserved(registry: &mut Registry, reserved: &[&str]) -> BTreeSet<String> {
    let mut escaped = BTreeSet::new();
    for_each_field(registry, |_, field| {
        if reserved.contains(&field.name.as_str()) {
            escaped.insert(field.name.clone());
            field.name = format!("nc_escaped_{}", field.name);
        }
    });
    escaped
}

/// The placeholder the generator writes for a reserved `word`: `ncEscapedPrivate`.
fn placeholder(word: &str) -> String {
    let mut chars = word.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase());
    format!(
        "ncEscaped{}{}",
        first.into_iter().collect::<String>(),
        chars.as_str()
    )
}

/// In every file under `dir` ending in `.extension`, replaces each placeholder for `words` with
/// the word in backticks, as a whole identifier only.
fn unplace(dir: &Path, extension: &str, words: &BTreeSet<String>) -> Result<(), String> {
    if words.is_empty() {
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            unplace(&path, extension, words)?;
        } else if path.extension().is_some_and(|e| e == extension) {
            let mut text = read(&path)?;
            for word in words {
                text = replace_identifier(&text, &placeholder(word), &format!("`{word}`"));
            }
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// `text` with every whole-identifier `from` replaced by `to` (not inside a longer name).
fn replace_identifier(text: &str, from: &str, to: &str) -> String {
    let is_name = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(from) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + from.len()..].chars().next();
        out.push_str(&rest[..at]);
        if before.is_some_and(is_name) || after.is_some_and(is_name) {
            out.push_str(from);
        } else {
            out.push_str(to);
        }
        rest = &rest[at + from.len()..];
    }
    out.push_str(rest);
    out
}

/// Renames enum variants that share a name with a Kotlin standard type: `List` in `BlockView`
/// becomes `ListBlockView`. Returns what was renamed, as `Enum.Variant`.
fn rename_shadowing_variants(registry: &mut Registry) -> Vec<String> {
    let mut renamed = Vec::new();
    for (name, container) in registry.iter_mut() {
        if let ContainerFormat::Enum(variants, ..) = container {
            for variant in variants.values_mut() {
                if KOTLIN_STANDARD_TYPES.contains(&variant.name.as_str()) {
                    renamed.push(format!("{}.{}", name.name, variant.name));
                    variant.name.push_str(&name.name);
                }
            }
        }
    }
    renamed
}

/// Writes the npm package `shared_types` into `dir`, with its `tsconfig.json`.
fn typescript(mut registry: Registry, dir: &Path) -> Result<(), String> {
    let renamed = escape_reserved(&mut registry);
    if !renamed.is_empty() {
        eprintln!("codegen: TypeScript fields renamed past reserved words: {renamed:?}");
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    typescript::Installer::new(TYPESCRIPT_PACKAGE, dir)
        .plugin(BincodePlugin)
        .generate(&registry)
        .map_err(|e| e.to_string())?;
    let tsconfig = serde_json::json!({
        "compilerOptions": {
            "target": "es2020",
            "module": "commonjs",
            "declaration": true,
            "outDir": "dist",
            "strict": true,
            "esModuleInterop": true,
            "skipLibCheck": true,
            "forceConsistentCasingInFileNames": true
        }
    });
    std::fs::write(
        dir.join("tsconfig.json"),
        serde_json::to_string_pretty(&tsconfig).expect("JSON values serialize"),
    )
    .map_err(|e| format!("{}: {e}", dir.display()))
}

/// Installs the TypeScript package's dependencies and compiles it with `tsc`.
fn compile_typescript(dir: &Path) -> Result<(), String> {
    pnpm(dir, &["install", "--silent"])?;
    pnpm(dir, &["exec", "tsc", "--build"])
}

fn pnpm(dir: &Path, args: &[&str]) -> Result<(), String> {
    let status = Command::new("pnpm")
        .args(args)
        .current_dir(dir)
        .status()
        .map_err(|e| format!("could not run pnpm (is it on the PATH?): {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`pnpm {}` failed ({status})", args.join(" ")))
    }
}

/// Renames every struct field (and struct-like variant field) that TypeScript reserves.
/// Returns what was renamed, as `Type.field`.
fn escape_reserved(registry: &mut Registry) -> Vec<String> {
    let mut renamed = Vec::new();
    for_each_field(registry, |owner, field| {
        if TYPESCRIPT_RESERVED.contains(&field.name.as_str()) {
            renamed.push(format!("{owner}.{}", field.name));
            field.name.push('_');
        }
    });
    renamed
}

/// Calls `visit` with the owner's name and each field of every struct and struct-like variant.
fn for_each_field(registry: &mut Registry, mut visit: impl FnMut(&str, &mut Named<Format>)) {
    for (name, container) in registry.iter_mut() {
        let owner = name.name.clone();
        match container {
            ContainerFormat::Struct(fields, _) => {
                for field in fields {
                    visit(&owner, field);
                }
            }
            ContainerFormat::Enum(variants, ..) => {
                for variant in variants.values_mut() {
                    if let VariantFormat::Struct(fields) = &mut variant.value {
                        for field in fields {
                            visit(&owner, field);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use facet::Facet;

    /// Fields named with reserved words: Swift's (`private`, `default`, `repeat`), Kotlin's hard
    /// keywords (`val`, `when`, `object`) and TypeScript's (`delete`, `private`).
    #[derive(Facet)]
    struct Reserved {
        private: bool,
        default: u32,
        val: bool,
        when: String,
        delete: String,
        plain: u8,
    }

    /// A struct-like variant with reserved field names, and one that needs nothing.
    #[derive(Facet)]
    #[repr(C)]
    #[allow(dead_code)]
    enum Choice {
        Keyed { repeat: bool, object: u32 },
        Plain,
    }

    fn registry() -> Registry {
        TypeRegistry::new()
            .register_type::<Reserved>()
            .and_then(|r| r.register_type::<Choice>())
            .and_then(TypeRegistry::build)
            .map(crux_core::type_generation::facet::CodeGenerator::registry)
            .expect("the test types register")
    }

    fn all_text(dir: &Path, extension: &str) -> String {
        let mut text = String::new();
        for entry in std::fs::read_dir(dir).expect("readable") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                text.push_str(&all_text(&path, extension));
            } else if path.extension().is_some_and(|e| e == extension) {
                text.push_str(&std::fs::read_to_string(&path).expect("text"));
            }
        }
        text
    }

    #[test]
    fn swift_writes_reserved_fields_in_backticks() {
        let out = tempfile::tempdir().expect("a temporary folder");
        swift(registry(), out.path()).expect("generates");
        let code = all_text(out.path(), "swift");
        for declaration in [
            "public var `private`: Bool",
            "public var `default`: UInt32",
            "case keyed(`repeat`: Bool, object: UInt32)",
        ] {
            assert!(code.contains(declaration), "no {declaration:?} in:\n{code}");
        }
        assert!(code.contains("public var plain: UInt8"), "{code}");
        assert!(
            !code.contains("ncEscaped"),
            "a placeholder is left:\n{code}"
        );
        assert!(
            !code.contains("var private:"),
            "an unescaped field:\n{code}"
        );
        let manifest =
            std::fs::read_to_string(out.path().join("SharedTypes/Package.swift")).expect("text");
        assert!(manifest.contains(SWIFT_PLATFORMS), "{manifest}");
        assert!(
            manifest.starts_with("// swift-tools-version: 5.9"),
            "{manifest}"
        );
    }

    #[test]
    fn kotlin_writes_hard_keywords_in_backticks() {
        let out = tempfile::tempdir().expect("a temporary folder");
        kotlin(registry(), out.path()).expect("generates");
        let code = all_text(out.path(), "kt");
        for declaration in [
            "val `val`: Boolean",
            "val `when`: String",
            "val `object`: UInt",
        ] {
            assert!(code.contains(declaration), "no {declaration:?} in:\n{code}");
        }
        // A soft keyword is a name where a name is expected, and stays as it is.
        assert!(code.contains("val private: Boolean"), "{code}");
        assert!(
            !code.contains("ncEscaped"),
            "a placeholder is left:\n{code}"
        );
    }

    #[test]
    fn typescript_renames_reserved_fields() {
        let out = tempfile::tempdir().expect("a temporary folder");
        typescript(registry(), out.path()).expect("generates");
        let code = all_text(out.path(), "ts");
        for name in ["delete_", "private_", "default_"] {
            assert!(code.contains(name), "no {name:?} in:\n{code}");
        }
        assert!(!code.contains("public delete:"), "{code}");
    }

    #[test]
    fn placeholders_are_replaced_only_as_whole_names() {
        let text = "x.ncEscapedIn = ncEscapedIn; ncEscapedInner; aNcEscapedIn";
        assert_eq!(
            replace_identifier(text, &placeholder("in"), "`in`"),
            "x.`in` = `in`; ncEscapedInner; aNcEscapedIn"
        );
    }
}
