//! The iOS and Android shells, checked on a machine with neither Xcode nor the Android SDK.
//!
//! `cargo xtask shells` (and `cargo xtask test`, after `ffi test`) runs three checks:
//!
//! 1. **Coverage**, against the core's types as generated for Swift and Kotlin
//!    (`generated/types/`): every screen has its view in both shells; every variant of every
//!    view-model enum is handled; every field of every view-model struct is read (a few are
//!    allowed to go unread, each with its reason, but never one that carries an `Action`); and
//!    every event is either in an action the core builds, sent by the runtime itself, or built
//!    by both shells, which build no other (docs/adr/0001-pure-core-thin-shells.md).
//! 2. **Syntax**: every Swift and Kotlin file of the shells, Gradle scripts included, parses
//!    with tree-sitter (`PyPI`'s `tree-sitter`, `tree-sitter-swift`, `tree-sitter-kotlin`, pinned
//!    with hashes in `tools/tree-sitter/requirements.txt`, installed into
//!    `target/tools/tree-sitter-venv`).
//! 3. **The Android library** (`android/rust`, `libcouncillor.so`): its lock file agrees with
//!    the workspace's, the app's TLS verifier component matches the crate, it is formatted, and
//!    built for Linux it exports the same uniffi API as `libshared` and passes the core
//!    wrapper's JVM tests when loaded the way the app loads it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::ffi::{JARS, JUNIT_CONSOLE};
use crate::step::{cmd, has, root, run, target_dir};

const USAGE: &str = "usage: cargo xtask shells [coverage|syntax|android]";

/// `cargo xtask shells [coverage|syntax|android]`: all three checks, or one.
pub(crate) fn main(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        None => test(),
        Some("coverage") => coverage(),
        Some("syntax") => syntax(),
        Some("android") => android_library(),
        _ => Err(USAGE.to_owned()),
    }
}

/// Every check, as `cargo xtask test` runs them (after `ffi test`, which generates the types).
pub(crate) fn test() -> Result<(), String> {
    coverage()?;
    syntax()?;
    android_library()
}

// ---------------------------------------------------------------------------------------------
// 1. Coverage
// ---------------------------------------------------------------------------------------------

/// Fields a shell may leave unread, with the reason. A field that carries an `Action` can never
/// be listed: every button the core offers must be on screen.
const UNREAD_IN_BOTH: &[(&str, &str, &str)] = &[
    (
        "ShellText",
        "skipLink",
        "a web page's skip link; a native screen has no navigation block to skip (VoiceOver and \
         TalkBack move by heading)",
    ),
    (
        "ShellText",
        "appName",
        "the platform shows the app's name from its own metadata (Info.plist, strings.xml), in \
         the same words; the title bar shows `title`",
    ),
    (
        "QuestionView",
        "kind",
        "the instruction says the kind of question in words, and `multiple` picks the control",
    ),
];

/// The generated Swift and Kotlin types, and the Rust that builds events.
fn coverage() -> Result<(), String> {
    println!("\n==> shells: every screen, view-model field and event has its place");
    let generated = root().join("generated/types");
    let swift_types = generated.join("swift/SharedTypes/Sources/SharedTypes/SharedTypes.swift");
    let kotlin_types = generated.join("kotlin/org/networkedcouncillor/shared/Shared.kt");
    if !swift_types.is_file() || !kotlin_types.is_file() {
        crate::ffi::main(&["generate".to_owned()])?;
    }
    let swift = parse_swift(&read(&swift_types)?)?;
    let kotlin = parse_kotlin(&read(&kotlin_types)?)?;
    let shells = [
        Shell {
            name: "iOS",
            language: Language::Swift,
            sources: sources(&root().join("ios"), &["swift"])?,
            types: &swift,
        },
        Shell {
            name: "Android",
            language: Language::Kotlin,
            sources: sources(&root().join("android"), &["kt"])?,
            types: &kotlin,
        },
    ];
    let built_by_core = rust_events(&root().join("shared/src/view"))?;
    let sent_by_runtime = rust_events(&root().join("shared/src/native/mod.rs"))?;
    let mut problems = Vec::new();
    for shell in &shells {
        problems.extend(shell.check(&built_by_core, &sent_by_runtime));
    }
    if problems.is_empty() {
        let reachable = swift.reachable();
        println!(
            "    both shells cover {} screens, {} view-model types and {} events",
            swift.enums["ScreenView"].len(),
            reachable.len(),
            swift.enums["Event"].len()
        );
        Ok(())
    } else {
        for problem in &problems {
            println!("    {problem}");
        }
        Err(format!(
            "{} places in the shells do not match the core's view model",
            problems.len()
        ))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Language {
    Swift,
    Kotlin,
}

struct Field {
    name: String,
    ty: String,
}

enum Payload {
    Unit,
    /// `case home(HomeView)` / `data class Home(val value: HomeView)`.
    Newtype(String),
    Fields(Vec<Field>),
}

struct Variant {
    name: String,
    payload: Payload,
}

/// The core's types as one language's generated code declares them.
#[derive(Default)]
struct Types {
    structs: BTreeMap<String, Vec<Field>>,
    /// Enums with data (Swift `indirect enum`, Kotlin `sealed interface`), variants in order.
    enums: BTreeMap<String, Vec<Variant>>,
}

impl Types {
    /// The view model's own types: every struct and enum reachable from `ViewModel`, not going
    /// into `Event` (whose variants are checked as events) nor through fields a shell may leave
    /// unread.
    fn reachable(&self) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut queue = vec!["ViewModel".to_owned()];
        while let Some(name) = queue.pop() {
            if name == "Event" || !seen.insert(name.clone()) {
                continue;
            }
            let mut types = Vec::new();
            if let Some(fields) = self.structs.get(&name) {
                types.extend(
                    fields
                        .iter()
                        .filter(|f| !may_go_unread(&name, &f.name))
                        .map(|f| f.ty.as_str()),
                );
            }
            for variant in self.enums.get(&name).into_iter().flatten() {
                match &variant.payload {
                    Payload::Unit => {}
                    Payload::Newtype(ty) => types.push(ty),
                    Payload::Fields(fields) => types.extend(fields.iter().map(|f| f.ty.as_str())),
                }
            }
            for ty in types {
                for word in type_names(ty) {
                    if self.structs.contains_key(&word) || self.enums.contains_key(&word) {
                        queue.push(word);
                    }
                }
            }
        }
        seen
    }
}

fn may_go_unread(owner: &str, field: &str) -> bool {
    UNREAD_IN_BOTH
        .iter()
        .any(|(o, f, _)| *o == owner && *f == field)
}

/// Capitalised words in a type: `[Action]` and `List<org.x.Action>?` both give `Action`.
fn type_names(ty: &str) -> Vec<String> {
    ty.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .filter(|word| word.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(str::to_owned)
        .collect()
}

/// Whether a field's type holds a button.
fn carries_action(ty: &str) -> bool {
    type_names(ty).iter().any(|name| name == "Action")
}

fn parse_swift(source: &str) -> Result<Types, String> {
    let mut types = Types::default();
    let mut lines = source.lines();
    while let Some(line) = lines.next() {
        if let Some(rest) = line.strip_prefix("public struct ") {
            let name = rest.split(':').next().unwrap_or_default().trim().to_owned();
            let mut fields = Vec::new();
            for line in lines.by_ref() {
                let line = line.trim();
                if line.starts_with("public init(") || line == "}" {
                    break;
                }
                if let Some(field) = line.strip_prefix("public var ")
                    && let Some((name, ty)) = field.split_once(": ")
                {
                    fields.push(Field {
                        name: name.trim_matches('`').to_owned(),
                        ty: ty.to_owned(),
                    });
                }
            }
            types.structs.insert(name, fields);
        } else if let Some(rest) = line.strip_prefix("indirect public enum ") {
            let name = rest.split(':').next().unwrap_or_default().trim().to_owned();
            let mut variants = Vec::new();
            for line in lines.by_ref() {
                let line = line.trim();
                if line.starts_with("public func ") || line == "}" {
                    break;
                }
                if let Some(case) = line.strip_prefix("case ") {
                    variants.push(swift_case(case));
                }
            }
            types.enums.insert(name, variants);
        }
    }
    for needed in ["ViewModel", "ScreenView", "Event"] {
        if !types.structs.contains_key(needed) && !types.enums.contains_key(needed) {
            return Err(format!(
                "the generated Swift declares no {needed}: has its form changed?"
            ));
        }
    }
    Ok(types)
}

/// `home(HomeView)`, `join(server: String, code: String)` or `tick`.
fn swift_case(case: &str) -> Variant {
    let Some((name, payload)) = case.split_once('(') else {
        return Variant {
            name: case.trim().to_owned(),
            payload: Payload::Unit,
        };
    };
    let payload = payload.strip_suffix(')').unwrap_or(payload);
    let parts: Vec<&str> = payload.split(", ").collect();
    let payload = if parts.iter().all(|part| part.contains(": ")) {
        Payload::Fields(
            parts
                .iter()
                .filter_map(|part| part.split_once(": "))
                .map(|(name, ty)| Field {
                    name: name.to_owned(),
                    ty: ty.to_owned(),
                })
                .collect(),
        )
    } else {
        Payload::Newtype(payload.to_owned())
    };
    Variant {
        name: name.to_owned(),
        payload,
    }
}

fn parse_kotlin(source: &str) -> Result<Types, String> {
    let mut types = Types::default();
    let mut lines = source.lines();
    while let Some(line) = lines.next() {
        if let Some(rest) = line.strip_prefix("data class ") {
            let name = rest.trim_end_matches('(').to_owned();
            let mut fields = Vec::new();
            for line in lines.by_ref() {
                if line.starts_with(')') {
                    break;
                }
                if let Some(field) = kotlin_field(line) {
                    fields.push(field);
                }
            }
            types.structs.insert(name, fields);
        } else if let Some(rest) = line.strip_prefix("sealed interface ") {
            let name = rest.trim_end_matches(" {").to_owned();
            let mut variants = Vec::new();
            while let Some(line) = lines.next() {
                if line == "}" {
                    break;
                }
                if let Some(rest) = line.strip_prefix("    data object ") {
                    let name = rest.split(':').next().unwrap_or_default().trim();
                    variants.push(Variant {
                        name: name.to_owned(),
                        payload: Payload::Unit,
                    });
                } else if let Some(rest) = line.strip_prefix("    data class ") {
                    let name = rest.trim_end_matches('(').to_owned();
                    let mut fields = Vec::new();
                    for line in lines.by_ref() {
                        if line.starts_with("    )") {
                            break;
                        }
                        if let Some(field) = kotlin_field(line) {
                            fields.push(field);
                        }
                    }
                    let payload = match fields.as_slice() {
                        [only] if only.name == "value" => Payload::Newtype(only.ty.clone()),
                        [] => Payload::Unit,
                        _ => Payload::Fields(fields),
                    };
                    variants.push(Variant { name, payload });
                }
            }
            types.enums.insert(name, variants);
        } else if let Some(rest) = line.strip_prefix("enum class ") {
            let name = rest.trim_end_matches(" {").to_owned();
            let mut variants = Vec::new();
            for line in lines.by_ref() {
                let line = line.trim();
                if line.starts_with("///") || line.is_empty() {
                    continue;
                }
                let last = line.ends_with(';');
                variants.push(Variant {
                    name: line.trim_end_matches([',', ';']).to_owned(),
                    payload: Payload::Unit,
                });
                if last || line == "}" {
                    break;
                }
            }
            types.enums.insert(name, variants);
        }
    }
    for needed in ["ViewModel", "ScreenView", "Event"] {
        if !types.structs.contains_key(needed) && !types.enums.contains_key(needed) {
            return Err(format!(
                "the generated Kotlin declares no {needed}: has its form changed?"
            ));
        }
    }
    Ok(types)
}

/// `    val changeText: String,` → `changeText: String`.
fn kotlin_field(line: &str) -> Option<Field> {
    let field = line.trim().strip_prefix("val ")?;
    let (name, ty) = field.split_once(": ")?;
    let ty = ty.trim_end_matches(',');
    let ty = ty.split(" = ").next().unwrap_or(ty);
    Some(Field {
        name: name.to_owned(),
        ty: ty.replace("org.networkedcouncillor.shared.", ""),
    })
}

/// Rust variants of `Event` built by the code in `path`: `Event::OpenLesson { .. }`.
fn rust_events(path: &Path) -> Result<BTreeSet<String>, String> {
    let mut files = Vec::new();
    if path.is_dir() {
        collect(path, &["rs"], &mut files)?;
    } else {
        files.push(path.to_path_buf());
    }
    let mut events = BTreeSet::new();
    for file in files {
        let source = read(&file)?;
        // Code only: doc comments name events the shells build.
        for line in source.lines() {
            let code = line.split("//").next().unwrap_or_default();
            for (at, _) in code.match_indices("Event::") {
                let name: String = code[at + "Event::".len()..]
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect();
                if !name.is_empty() {
                    events.insert(name);
                }
            }
        }
    }
    Ok(events)
}

/// One shell: its language, its source files and the types generated for it.
struct Shell<'a> {
    name: &'static str,
    language: Language,
    sources: Vec<(PathBuf, String)>,
    types: &'a Types,
}

impl Shell<'_> {
    fn check(
        &self,
        built_by_core: &BTreeSet<String>,
        sent_by_runtime: &BTreeSet<String>,
    ) -> Vec<String> {
        let code = self.code();
        let mut problems = Vec::new();
        let reachable = self.types.reachable();
        for name in &reachable {
            if let Some(fields) = self.types.structs.get(name) {
                for field in fields {
                    problems.extend(self.check_field(name, field, &code));
                }
            }
            if let Some(variants) = self.types.enums.get(name) {
                for variant in variants {
                    problems.extend(self.check_variant(name, variant, &code));
                }
            }
        }
        problems.extend(self.check_screens(&code));
        problems.extend(self.check_events(&code, built_by_core, sent_by_runtime));
        problems.extend(self.check_exhaustive());
        problems
    }

    /// Every source file of the shell, joined: the checks look for how names are used.
    fn code(&self) -> String {
        self.sources
            .iter()
            .map(|(_, source)| source.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn check_field(&self, owner: &str, field: &Field, code: &str) -> Option<String> {
        let allowed = may_go_unread(owner, &field.name);
        if carries_action(&field.ty) && allowed {
            return Some(format!(
                "{}: {owner}.{} holds a button and may not be left unread",
                self.name, field.name
            ));
        }
        if allowed || reads(code, &field.name) {
            return None;
        }
        let what = if carries_action(&field.ty) {
            "a button the core offers"
        } else {
            "words or data the core sends"
        };
        Some(format!(
            "{}: {owner}.{} ({what}) is never read",
            self.name, field.name
        ))
    }

    /// A variant of a view-model enum must be handled where its enum is switched on; a
    /// Swift pattern binds labelled values by their labels, so none is dropped.
    fn check_variant(&self, owner: &str, variant: &Variant, code: &str) -> Option<String> {
        let name = &variant.name;
        let handled = match self.language {
            // `is ScreenView.Home ->`, or `Tone.INFO ->` for an enum class.
            Language::Kotlin => match &variant.payload {
                Payload::Unit => contains_word(code, &format!("{owner}.{name}")),
                Payload::Newtype(_) | Payload::Fields(_) => {
                    contains_word(code, &format!("is {owner}.{name}"))
                }
            },
            Language::Swift => match &variant.payload {
                Payload::Unit => {
                    contains_word(code, &format!("case .{name}"))
                        || code.contains(&format!(", .{name}:"))
                }
                Payload::Newtype(_) => code.contains(&format!("case let .{name}(")),
                Payload::Fields(fields) => {
                    let labels: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
                    let bound = swift_bindings(code, name);
                    if !bound.is_empty() && !bound.contains(&labels) {
                        return Some(format!(
                            "{}: bind {owner}.{name}'s values by their labels, \
                             `case let .{name}({})`, so that none is dropped",
                            self.name,
                            labels.join(", ")
                        ));
                    }
                    !bound.is_empty()
                }
            },
        };
        (!handled).then(|| format!("{}: {owner}.{name} is never handled", self.name))
    }

    /// One view per screen: for each screen's view type, a view that takes it, and that view
    /// in use (so a screen dropped from the switch that picks the view is caught).
    fn check_screens(&self, code: &str) -> Vec<String> {
        let mut problems = Vec::new();
        for variant in &self.types.enums["ScreenView"] {
            let Payload::Newtype(ty) = &variant.payload else {
                continue;
            };
            let Some(view) = self.view_taking(code, ty) else {
                problems.push(format!(
                    "{}: no view takes the {} screen's {ty}",
                    self.name, variant.name
                ));
                continue;
            };
            // Swift declares `struct HomeScreen: View`; Kotlin `fun HomeScreen(`, a use itself.
            let declarations = usize::from(self.language == Language::Kotlin);
            if code.matches(&format!("{view}(")).count() <= declarations {
                problems.push(format!(
                    "{}: {view}, the {} screen's view, is never shown",
                    self.name, variant.name
                ));
            }
        }
        problems
    }

    /// The view that takes a `ty`: the Swift `struct` with a `let model: ty`, or the Kotlin
    /// function with a `ty` parameter.
    fn view_taking(&self, code: &str, ty: &str) -> Option<String> {
        match self.language {
            Language::Swift => {
                let at = code.find(&format!(": {ty}\n"))?;
                let start = code[..at].rfind("struct ")? + "struct ".len();
                let name: String = code[start..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                (!name.is_empty()).then_some(name)
            }
            Language::Kotlin => code.match_indices("fun ").find_map(|(at, _)| {
                let header: String = code[at..].chars().take_while(|c| *c != ')').collect();
                let (name, parameters) = header["fun ".len()..].split_once('(')?;
                parameters
                    .contains(&format!(": {ty}"))
                    .then(|| name.trim().to_owned())
            }),
        }
    }

    /// Events come from the core's actions, except what the shell alone knows: what was typed
    /// and what the platform reports. Those it must build, and no others.
    fn check_events(
        &self,
        code: &str,
        built_by_core: &BTreeSet<String>,
        sent_by_runtime: &BTreeSet<String>,
    ) -> Vec<String> {
        let mut problems = Vec::new();
        for variant in &self.types.enums["Event"] {
            let rust = rust_name(&variant.name);
            let built_here = match self.language {
                Language::Swift => {
                    code.contains(&format!("send(.{}", variant.name))
                        || code.contains(&format!("Event.{}", variant.name))
                }
                Language::Kotlin => contains_word(code, &format!("Event.{}", variant.name)),
            };
            let from_core = built_by_core.contains(&rust) || sent_by_runtime.contains(&rust);
            match (from_core, built_here) {
                (true, true) if built_by_core.contains(&rust) => problems.push(format!(
                    "{}: builds Event.{} itself; send the event of the core's action instead",
                    self.name, variant.name
                )),
                (false, false) => problems.push(format!(
                    "{}: Event.{} is neither in a core action nor sent by the shell",
                    self.name, variant.name
                )),
                _ => {}
            }
        }
        problems
    }

    /// Switches over the core's types list every case (no `default:`, no `else ->`), so that a
    /// new screen or variant fails the Swift and Kotlin compilers too.
    fn check_exhaustive(&self) -> Vec<String> {
        let (catch_all, folders): (&str, &[&str]) = match self.language {
            Language::Swift => ("default:", &["/Screens/", "/Frame/"]),
            Language::Kotlin => ("else ->", &["/ui/screens/", "/ui/frame/"]),
        };
        self.sources
            .iter()
            .filter(|(path, _)| {
                let path = path.to_string_lossy();
                folders.iter().any(|folder| path.contains(folder))
            })
            .filter(|(_, source)| source.contains(catch_all))
            .map(|(path, _)| {
                format!(
                    "{}: {} has `{catch_all}`; list the core's cases instead",
                    self.name,
                    path.display()
                )
            })
            .collect()
    }
}

/// The Rust name of a Swift or Kotlin `Event` variant: `connectivityChanged`,
/// `ConnectivityChanged` and (renamed for Kotlin) `PairEvent` all name `ConnectivityChanged`
/// or `Pair`.
fn rust_name(name: &str) -> String {
    let name = if name.len() > "Event".len() {
        name.strip_suffix("Event").unwrap_or(name)
    } else {
        name
    };
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// Whether `.name` is read anywhere: `model.greeting`, `\.id`.
fn reads(code: &str, name: &str) -> bool {
    contains_word(code, &format!(".{name}"))
}

/// `needle` in `haystack`, not followed by more of an identifier.
fn contains_word(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(at, _)| {
        !haystack[at + needle.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// The names each `case let .name(a, b)` binds.
fn swift_bindings<'c>(code: &'c str, name: &str) -> Vec<Vec<&'c str>> {
    let pattern = format!("case let .{name}(");
    code.match_indices(&pattern)
        .filter_map(|(at, _)| {
            let rest = &code[at + pattern.len()..];
            let inner = &rest[..rest.find(')')?];
            Some(inner.split(',').map(str::trim).collect())
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// 2. Syntax
// ---------------------------------------------------------------------------------------------

/// Every Swift and Kotlin file of the shells, parsed with tree-sitter.
fn syntax() -> Result<(), String> {
    let python = tree_sitter()?;
    let mut files = sources(&root().join("ios"), &["swift"])?;
    files.extend(sources(&root().join("android"), &["kt", "kts"])?);
    let paths: Vec<String> = files
        .iter()
        .map(|(path, _)| path.to_string_lossy().into_owned())
        .collect();
    run(
        "shells: every Swift and Kotlin file parses (tree-sitter)",
        cmd(
            &python.to_string_lossy(),
            &["tools/tree-sitter/syntax_check.py"],
        )
        .args(&paths),
    )
}

/// The tree-sitter packages in their own virtual environment, installed on first use and
/// again when `tools/tree-sitter/requirements.txt` changes. Returns its Python.
fn tree_sitter() -> Result<PathBuf, String> {
    let requirements = root().join("tools/tree-sitter/requirements.txt");
    let wanted = read(&requirements)?;
    let venv = target_dir().join("tools/tree-sitter-venv");
    let python = venv.join("bin/python");
    let stamp = venv.join("installed.txt");
    if python.is_file() && std::fs::read_to_string(&stamp).is_ok_and(|s| s == wanted) {
        return Ok(python);
    }
    if !has("python3") {
        return Err("python3 is needed for the tree-sitter syntax check".to_owned());
    }
    crate::setup::python_venv(&venv)?;
    run(
        "pip install tree-sitter and its Swift and Kotlin grammars",
        cmd(
            &python.to_string_lossy(),
            &[
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--require-hashes",
                "-r",
            ],
        )
        .arg(&requirements),
    )?;
    std::fs::write(&stamp, wanted).map_err(|e| format!("{}: {e}", stamp.display()))?;
    Ok(python)
}

// ---------------------------------------------------------------------------------------------
// 3. The Android library
// ---------------------------------------------------------------------------------------------

const ANDROID_CRATE: &str = "android/rust";
const ANDROID_LIBRARY: &str = "libcouncillor.so";

fn android_library() -> Result<(), String> {
    println!("\n==> shells: the Android library's lock file and its TLS verifier's version");
    let lock = lock_packages(&read(&root().join(ANDROID_CRATE).join("Cargo.lock"))?);
    let workspace = lock_packages(&read(&root().join("Cargo.lock"))?);
    let strays: Vec<String> = lock
        .iter()
        .filter(|(name, _)| name.as_str() != "councillor-android")
        .filter(|package| !workspace.contains(package))
        .map(|(name, version)| format!("{name} {version}"))
        .collect();
    if !strays.is_empty() {
        return Err(format!(
            "{ANDROID_CRATE}/Cargo.lock has versions the workspace does not: {}. Copy Cargo.lock \
             there and run `cargo metadata --manifest-path {ANDROID_CRATE}/Cargo.toml` to trim it.",
            strays.join(", ")
        ));
    }
    verifier_version(&lock)?;
    run(
        "shells: android/rust is formatted",
        &mut cmd(
            "cargo",
            &[
                "fmt",
                "--manifest-path",
                "android/rust/Cargo.toml",
                "--",
                "--check",
            ],
        ),
    )?;
    // A target folder of its own: `shared` builds a cdylib, so cargo names its rlib without a
    // hash, and a build of `shared` with other features in the main target folder would
    // replace the one this library links.
    let target = target_dir();
    let own_target = target.join("shells/cargo");
    run(
        "shells: build the Android library for Linux (android/rust)",
        cmd(
            "cargo",
            &[
                "build",
                "--locked",
                "--manifest-path",
                "android/rust/Cargo.toml",
                "--target-dir",
            ],
        )
        .arg(&own_target),
    )?;
    let dir = target.join("shells/lib");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let library = dir.join(ANDROID_LIBRARY);
    std::fs::copy(own_target.join("debug").join(ANDROID_LIBRARY), &library)
        .map_err(|e| format!("could not copy {ANDROID_LIBRARY}: {e}"))?;
    same_exports(&library, &target.join("ffi/lib/libshared.so"))?;
    jvm_tests(&dir)
}

/// `(name, version)` of every package in a Cargo.lock.
fn lock_packages(lock: &str) -> BTreeSet<(String, String)> {
    let mut packages = BTreeSet::new();
    let mut name = None;
    for line in lock.lines() {
        if let Some(value) = line.strip_prefix("name = ") {
            name = Some(value.trim_matches('"').to_owned());
        } else if let Some(value) = line.strip_prefix("version = ")
            && let Some(name) = name.take()
        {
            packages.insert((name, value.trim_matches('"').to_owned()));
        }
    }
    packages
}

/// The app's Kotlin half of rustls-platform-verifier must be the version its crate expects.
fn verifier_version(lock: &BTreeSet<(String, String)>) -> Result<(), String> {
    let crate_version = lock
        .iter()
        .find(|(name, _)| name == "rustls-platform-verifier-android")
        .map(|(_, version)| version.as_str())
        .ok_or("android/rust/Cargo.lock has no rustls-platform-verifier-android")?;
    let catalog_path = root().join("android/gradle/libs.versions.toml");
    let catalog = read(&catalog_path)?;
    let pinned = catalog
        .lines()
        .find_map(|line| line.strip_prefix("rustlsPlatformVerifier = "))
        .map(|v| v.trim().trim_matches('"'))
        .ok_or("android/gradle/libs.versions.toml pins no rustlsPlatformVerifier")?;
    if pinned == crate_version {
        println!("    rustls-platform-verifier's Android component {pinned}, as the crate expects");
        Ok(())
    } else {
        Err(format!(
            "android/gradle/libs.versions.toml pins rustlsPlatformVerifier {pinned}, but the \
             crate rustls-platform-verifier-android is {crate_version}: make them the same"
        ))
    }
}

/// The Android library must export exactly the uniffi API `libshared` does: it is the same
/// runtime, linked into a library of another name.
fn same_exports(library: &Path, reference: &Path) -> Result<(), String> {
    let ours = uniffi_exports(library)?;
    let theirs = uniffi_exports(reference)?;
    if ours.is_empty() || ours != theirs {
        let missing: Vec<&String> = theirs.difference(&ours).collect();
        return Err(format!(
            "{ANDROID_LIBRARY} does not export libshared's uniffi API; missing: {missing:?}"
        ));
    }
    println!(
        "    {ANDROID_LIBRARY} exports libshared's {} uniffi functions",
        ours.len()
    );
    Ok(())
}

fn uniffi_exports(library: &Path) -> Result<BTreeSet<String>, String> {
    let output = std::process::Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(library)
        .output()
        .map_err(|e| format!("could not run nm: {e}"))?;
    if !output.status.success() {
        return Err(format!("nm could not read {}", library.display()));
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().last())
        .filter(|symbol| symbol.starts_with("uniffi_shared_") || symbol.starts_with("ffi_shared_"))
        .map(str::to_owned)
        .collect())
}

/// The core wrapper's JUnit tests (compiled by `cargo xtask ffi test`), with uniffi's bindings
/// pointed at the Android library as the app points them (`NativeTls.kt`).
fn jvm_tests(library_dir: &Path) -> Result<(), String> {
    let classes = target_dir().join("ffi/kotlin-classes");
    if !classes.is_dir() {
        crate::ffi::test()?;
    }
    let stdlib = root().join("tests/ffi/node_modules/kotlin-compiler/lib/kotlin-stdlib.jar");
    run(
        "shells: the core wrapper's JVM tests against the Android library",
        cmd("java", &[])
            .arg(format!("-Djna.library.path={}", library_dir.display()))
            .arg("-Duniffi.component.shared.libraryOverride=councillor")
            .args([
                "-jar",
                JUNIT_CONSOLE,
                "--disable-banner",
                "--fail-if-no-tests",
                "--details=summary",
            ])
            .arg("-cp")
            .arg(format!(
                "{}:{}:{}",
                classes.display(),
                stdlib.display(),
                JARS.join(":")
            ))
            .args(["--select-package", "org.networkedcouncillor.core"]),
    )
}

// ---------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The shell's own source files under `dir`, with their text: not what a build or a generator
/// wrote there.
fn sources(dir: &Path, extensions: &[&str]) -> Result<Vec<(PathBuf, String)>, String> {
    let mut files = Vec::new();
    collect(dir, extensions, &mut files)?;
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = read(&path)?;
            let shown = path
                .strip_prefix(root())
                .map_or(path.clone(), Path::to_path_buf);
            Ok((shown, text))
        })
        .collect()
}

/// Files under `dir` with one of `extensions`, skipping generated and build folders.
fn collect(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) -> Result<(), String> {
    const SKIPPED: [&str; 7] = [
        "generated",
        "build",
        "target",
        ".gradle",
        "node_modules",
        "DerivedData",
        "rust",
    ];
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if path.is_dir() {
            if !SKIPPED.contains(&name) && !name.ends_with(".xcodeproj") {
                collect(&path, extensions, out)?;
            }
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| extensions.contains(&e))
        {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SWIFT: &str = "\
public struct ViewModel: Hashable, Equatable {
    public var title: String
    public var screen: ScreenView
    public var back: Action?

    public init(title: String) {
    }
}

public struct Action: Hashable, Equatable {
    public var label: String
    public var event: Event

    public init(label: String) {
    }
}

public struct HomeView: Hashable, Equatable {
    public var greeting: String
    public var next: Action

    public init(greeting: String) {
    }
}

indirect public enum ScreenView: Hashable, Equatable {
    case loading(text: String)
    case home(HomeView)

    public func serialize() {
    }
}

indirect public enum Event: Hashable, Equatable {
    case back
    case tick
    case join(server: String, code: String)

    public func serialize() {
    }
}
";

    const CORE_EVENTS: &[&str] = &["Back"];
    const RUNTIME_EVENTS: &[&str] = &[];

    fn check(shell_code: &str) -> Vec<String> {
        let types = parse_swift(SWIFT).expect("parses");
        let shell = Shell {
            name: "iOS",
            language: Language::Swift,
            sources: vec![(
                PathBuf::from("ios/Councillor/Screens/X.swift"),
                shell_code.to_owned(),
            )],
            types: &types,
        };
        let core = CORE_EVENTS.iter().map(|s| (*s).to_owned()).collect();
        let runtime = RUNTIME_EVENTS.iter().map(|s| (*s).to_owned()).collect();
        shell.check(&core, &runtime)
    }

    /// Renders everything in the little view model above.
    const COMPLETE: &str = "\
struct HomeScreen: View {
    let model: HomeView
}
Text(view.title)
if let back = view.back { send(back.event) }
Text(action.label)
switch view.screen {
case let .loading(text): Text(text)
case let .home(home): HomeScreen(model: home)
}
Text(home.greeting); ActionButton(action: home.next)
send(.tick)
send(.join(server: server, code: code))
";

    #[test]
    fn a_complete_shell_passes() {
        assert_eq!(check(COMPLETE), Vec::<String>::new());
    }

    #[test]
    fn a_screen_without_a_view_fails() {
        let problems = check(&COMPLETE.replace("    let model: HomeView\n", ""));
        assert_eq!(problems, ["iOS: no view takes the home screen's HomeView"]);
        let problems = check(&COMPLETE.replace("case let .home(home)", "case .other"));
        assert_eq!(problems, ["iOS: ScreenView.home is never handled"]);
        let problems = check(&COMPLETE.replace("HomeScreen(model: home)", "EmptyView()"));
        assert_eq!(
            problems,
            ["iOS: HomeScreen, the home screen's view, is never shown"]
        );
    }

    #[test]
    fn an_unrendered_button_fails() {
        let problems = check(&COMPLETE.replace("home.next", "home.other"));
        assert_eq!(
            problems,
            ["iOS: HomeView.next (a button the core offers) is never read"]
        );
    }

    #[test]
    fn values_must_be_bound_by_their_labels() {
        let problems = check(&COMPLETE.replace("case let .loading(text)", "case let .loading(_)"));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("case let .loading(text)"),
            "{problems:?}"
        );
    }

    #[test]
    fn events_come_from_actions_or_from_the_shell() {
        let problems = check(&COMPLETE.replace("send(.tick)", ""));
        assert_eq!(
            problems,
            ["iOS: Event.tick is neither in a core action nor sent by the shell"]
        );
        let problems = check(&format!("{COMPLETE}\nsend(.back)"));
        assert_eq!(
            problems,
            ["iOS: builds Event.back itself; send the event of the core's action instead"]
        );
    }

    #[test]
    fn kotlin_types_parse() {
        let kotlin = "\
data class HomeView(
    val greeting: String,
    val next: org.networkedcouncillor.shared.Action? = null,
) {
}

sealed interface ScreenView {
    data class Loading(
        val text: String,
    ) : ScreenView {
    }

    data class Home(
        val value: org.networkedcouncillor.shared.HomeView,
    ) : ScreenView {
    }
}

sealed interface Event {
    data object Back: Event {
    }

    data class PairEvent(
        val server: String,
        val code: String,
    ) : Event {
    }
}

data class ViewModel(
    val screen: org.networkedcouncillor.shared.ScreenView,
) {
}
";
        let types = parse_kotlin(kotlin).expect("parses");
        assert_eq!(types.structs["HomeView"][1].ty, "Action?");
        let screens = &types.enums["ScreenView"];
        assert!(matches!(&screens[1].payload, Payload::Newtype(ty) if ty == "HomeView"));
        assert_eq!(rust_name(&types.enums["Event"][1].name), "Pair");
        assert!(types.reachable().contains("HomeView"));
    }
}
