//! Writes the shells' copies of the core's types (events, view model, effect requests) for
//! Swift, Kotlin and TypeScript, with their bincode serializers, from the Rust definitions.
//!
//! `cargo run -p shared --features codegen --bin codegen -- <out-dir> [swift|kotlin|typescript]...`
//!
//! `cargo xtask ffi generate` runs it into `generated/types/`. The output is generated, never
//! edited: change the Rust types and run it again.
//!
//! The types come from `crux_core`'s typegen (facet). Two languages get a renaming pass first,
//! for names the generator writes as they are but the language will not compile:
//!
//! - Kotlin: an enum variant named like a Kotlin standard type (`BlockView::List`) would become
//!   a nested class that hides `kotlin.collections.List` from its siblings, so it is named
//!   after its enum too (`BlockView.ListBlockView`).
//! - TypeScript: a field named with a reserved word (`delete`, `private`) is not allowed as a
//!   class property, so it gets a trailing underscore (`delete_`).
//!
//! Bincode is positional, so names never reach the wire. The TypeScript package is then
//! installed and compiled with `pnpm`, which must be on the PATH; a failed compile fails the
//! run.

use std::path::Path;
use std::process::{Command, ExitCode};

use crux_core::type_generation::facet::{Config, TypeGenError, TypeRegistry};
use facet_generate::Registry;
use facet_generate::generation::bincode::BincodePlugin;
use facet_generate::generation::{kotlin, typescript};
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
        match language.as_str() {
            "swift" => registry()?
                .swift(&Config::builder(SWIFT_PACKAGE, &dir).build())
                .map_err(|e| e.to_string())?,
            "kotlin" => kotlin(&dir)?,
            _ => typescript(&dir)?,
        }
        eprintln!("codegen: wrote the {language} types to {}", dir.display());
    }
    Ok(())
}

fn registry() -> Result<crux_core::type_generation::facet::CodeGenerator, String> {
    TypeRegistry::new()
        .register_app::<NetworkedCouncillor>()
        .and_then(TypeRegistry::build)
        .map_err(|e: TypeGenError| e.to_string())
}

fn kotlin(dir: &Path) -> Result<(), String> {
    let mut registry = registry()?.registry();
    let renamed = rename_shadowing_variants(&mut registry);
    if !renamed.is_empty() {
        eprintln!("codegen: Kotlin variants renamed past standard types: {renamed:?}");
    }
    // Start clean, so a type removed from the core leaves no stale file behind.
    let package = dir.join(KOTLIN_PACKAGE.replace('.', "/"));
    match std::fs::remove_dir_all(&package) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("{}: {e}", package.display())),
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    kotlin::Installer::new(KOTLIN_PACKAGE, dir)
        .plugin(BincodePlugin)
        .generate(&registry)
        .map_err(|e| e.to_string())
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

fn typescript(dir: &Path) -> Result<(), String> {
    let mut registry = registry()?.registry();
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
    .map_err(|e| format!("{}: {e}", dir.display()))?;
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
    let mut escape = |owner: &str, fields: &mut Vec<Named<Format>>| {
        for field in fields {
            if TYPESCRIPT_RESERVED.contains(&field.name.as_str()) {
                renamed.push(format!("{owner}.{}", field.name));
                field.name.push('_');
            }
        }
    };
    for (name, container) in registry.iter_mut() {
        let owner = name.name.clone();
        match container {
            ContainerFormat::Struct(fields, _) => escape(&owner, fields),
            ContainerFormat::Enum(variants, ..) => {
                for variant in variants.values_mut() {
                    if let VariantFormat::Struct(fields) = &mut variant.value {
                        escape(&owner, fields);
                    }
                }
            }
            _ => {}
        }
    }
    renamed
}
