//! Reads a pack folder, checks it against the [`Rules`], and compiles it into a [`Pack`].
//!
//! The layout is:
//!
//! ```text
//! pack.toml                       id, version, title, sources, renames
//! modules/NN-name/module.toml     one folder per module, in name order
//! modules/NN-name/NN-lesson.md    lessons in name order: TOML front matter, then text
//! modules/NN-name/NN-lesson.quiz.toml   the lesson's quiz
//! assessment.toml                 the self-assessment
//! checklists/name.toml            checklist templates
//! ```
//!
//! Loading never stops at the first problem: every file is read and every check runs, and all
//! problems come back together, sorted by file and line.

mod assessment;
mod checklists;
mod checks;
mod lesson_text;
mod lessons;
mod raw;

use std::collections::HashMap;
use std::fs;
use std::ops::{Range, RangeInclusive};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostics, Location};
use crate::model::{Block, Pack, Rename, Source};
use crate::originality::Fingerprint;
pub use lesson_text::TextUnit;

/// Which checks apply. The default pack is held to [`Rules::programme`]; test fixtures may relax them.
#[derive(Debug, Clone)]
pub struct Rules {
    /// Words of reading per lesson (3-6 minutes at [`crate::WORDS_PER_MINUTE`]).
    pub lesson_words: Option<RangeInclusive<u32>>,
    pub quiz_questions: Option<RangeInclusive<usize>>,
    pub module_lessons: Option<RangeInclusive<usize>>,
    pub modules: Option<RangeInclusive<usize>>,
    pub assessment_items: Option<RangeInclusive<usize>>,
    pub readability: Option<ReadabilityRules>,
    /// Refuse a quiz that a blind strategy passes ([`crate::blind`]).
    pub blind_strategies: bool,
    /// Source text that the pack must not copy from.
    pub fingerprint: Option<Fingerprint>,
}

/// Plain-English limits, so that the text suits a reading age of about 12.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReadabilityRules {
    pub max_lesson_grade: f64,
    pub max_median_grade: f64,
    pub max_sentence_words: u32,
}

impl Rules {
    /// The full set of checks for a published programme.
    pub fn programme(fingerprint: Option<Fingerprint>) -> Self {
        let per_minute = crate::WORDS_PER_MINUTE;
        Self {
            lesson_words: Some(3 * per_minute..=6 * per_minute),
            quiz_questions: Some(3..=5),
            module_lessons: Some(3..=6),
            modules: Some(6..=8),
            assessment_items: Some(20..=30),
            readability: Some(ReadabilityRules {
                max_lesson_grade: 8.0,
                max_median_grade: 7.0,
                max_sentence_words: 25,
            }),
            blind_strategies: true,
            fingerprint,
        }
    }

    /// Only the rules of the format itself: ids, references, answers. For small test packs.
    pub fn format_only() -> Self {
        Self {
            lesson_words: None,
            quiz_questions: None,
            module_lessons: None,
            modules: None,
            assessment_items: None,
            readability: None,
            blind_strategies: false,
            fingerprint: None,
        }
    }
}

/// Figures for one lesson, printed by `content check`.
#[derive(Debug, Clone, PartialEq)]
pub struct LessonFigures {
    pub id: String,
    pub file: String,
    pub words: u32,
    pub grade: f64,
    pub longest_sentence: u32,
}

/// A pack that passed every check, with the figures the checks measured.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub pack: Pack,
    pub lessons: Vec<LessonFigures>,
    pub median_grade: f64,
}

/// Loads, checks and compiles the pack in `dir`.
pub fn load(dir: &Path, rules: &Rules) -> Result<Compiled, Diagnostics> {
    let mut loader = Loader {
        dir: dir.to_path_buf(),
        diagnostics: Diagnostics::default(),
        texts: Vec::new(),
        origins: HashMap::new(),
        lessons: Vec::new(),
    };
    let pack = loader.pack(rules);
    let (lessons, median_grade) = loader.text_checks(rules);
    if loader.diagnostics.is_empty() {
        Ok(Compiled {
            pack,
            lessons,
            median_grade,
        })
    } else {
        Err(loader.diagnostics.sorted())
    }
}

/// A piece of text in the pack, with where it came from and which lesson (if any) it belongs to.
struct PackText {
    location: Location,
    text: String,
    lesson: Option<usize>,
    heading: bool,
}

struct Loader {
    dir: PathBuf,
    diagnostics: Diagnostics,
    texts: Vec<PackText>,
    /// Where each id was defined, keyed by kind and id, for problems found after compiling.
    origins: HashMap<(&'static str, String), Location>,
    /// Each lesson read so far: its id, file and word count, in order.
    lessons: Vec<(String, String, u32)>,
}

/// One source file's text, for turning spans into lines.
struct SourceFile {
    rel: String,
    text: String,
    /// Added to line numbers, for TOML embedded in a lesson file's front matter.
    first_line: u32,
}

impl SourceFile {
    fn at(&self, span: Range<usize>) -> Location {
        let mut location = Location::at_offset(&self.rel, &self.text, span.start);
        location.line += self.first_line - 1;
        location
    }

    fn whole(&self) -> Location {
        Location::new(&self.rel, 0)
    }
}

impl Loader {
    fn rel(&self, path: &Path) -> String {
        path.strip_prefix(&self.dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    }

    fn read(&mut self, path: &Path) -> Option<SourceFile> {
        let rel = self.rel(path);
        match fs::read_to_string(path) {
            Ok(text) => Some(SourceFile {
                rel,
                text,
                first_line: 1,
            }),
            Err(e) => {
                self.diagnostics
                    .push(Location::new(rel, 0), format!("cannot read this file: {e}"));
                None
            }
        }
    }

    fn parse<T: DeserializeOwned>(&mut self, file: &SourceFile) -> Option<T> {
        match toml::from_str::<T>(&file.text) {
            Ok(value) => Some(value),
            Err(e) => {
                let location = e.span().map_or_else(|| file.whole(), |span| file.at(span));
                let message = e.message().trim().replace('\n', " ");
                self.diagnostics.push(location, message);
                None
            }
        }
    }

    fn list_dir(&mut self, dir: &Path) -> Vec<PathBuf> {
        match fs::read_dir(dir) {
            Ok(entries) => {
                let mut paths: Vec<PathBuf> = entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| {
                        !p.file_name()
                            .and_then(|n| n.to_str())
                            .is_some_and(|n| n.starts_with('.'))
                    })
                    .collect();
                paths.sort();
                paths
            }
            Err(e) => {
                let rel = self.rel(dir);
                self.diagnostics.push(
                    Location::new(rel, 0),
                    format!("cannot read this folder: {e}"),
                );
                Vec::new()
            }
        }
    }

    fn text(&mut self, location: Location, text: &str, lesson: Option<usize>) {
        if text.trim().is_empty() {
            self.diagnostics.push(location, "this text is empty");
            return;
        }
        self.texts.push(PackText {
            location,
            text: text.to_owned(),
            lesson,
            heading: false,
        });
    }

    fn define(&mut self, kind: &'static str, id: &str, location: Location) {
        check_id(&mut self.diagnostics, &location, id);
        if let Some(first) = self.origins.get(&(kind, id.to_owned())) {
            let message = format!("duplicate {kind} id '{id}': it is already used at {first}");
            self.diagnostics.push(location, message);
        } else {
            self.origins.insert((kind, id.to_owned()), location);
        }
    }

    fn pack(&mut self, rules: &Rules) -> Pack {
        let manifest_path = self.dir.join("pack.toml");
        let manifest = self
            .read(&manifest_path)
            .and_then(|file| self.parse::<raw::Manifest>(&file).map(|m| (m, file)));

        let (sources, renamed, retired, header) = match manifest {
            Some((manifest, file)) => self.manifest(manifest, &file),
            None => Default::default(),
        };

        let modules = self.modules(rules, &sources);
        let assessment = self.assessment(rules);
        let checklists = self.checklists();

        let pack = Pack {
            id: header.0,
            version: header.1,
            title: header.2,
            language: header.3,
            sources,
            modules,
            assessment,
            checklists,
            renamed,
            retired,
        };
        self.cross_checks(&pack, rules);
        pack
    }

    #[allow(clippy::type_complexity)]
    fn manifest(
        &mut self,
        manifest: raw::Manifest,
        file: &SourceFile,
    ) -> (
        Vec<Source>,
        Vec<Rename>,
        Vec<String>,
        (String, u32, String, String),
    ) {
        let mut sources = Vec::new();
        for source in manifest.sources {
            let location = file.at(source.span());
            let source = source.into_inner();
            self.define("source", &source.key, location.clone());
            let file = match (source.file, source.address) {
                (Some(file), None) => file,
                (None, Some(address)) => address,
                _ => {
                    self.diagnostics.push(
                        location,
                        "a source needs either `file` (a seed document) or `address` (where a fact comes from), not both",
                    );
                    String::new()
                }
            };
            sources.push(Source {
                key: source.key,
                title: source.title,
                file,
            });
        }
        let renamed = manifest
            .renamed
            .into_iter()
            .map(|(from, to)| {
                let location = file.at(to.span());
                self.origins.insert(("rename", from.clone()), location);
                Rename {
                    from,
                    to: to.into_inner(),
                }
            })
            .collect();
        let retired = manifest
            .retired
            .into_iter()
            .map(|id| {
                self.origins
                    .insert(("retired", id.get_ref().clone()), file.at(id.span()));
                id.into_inner()
            })
            .collect();
        if manifest.version == 0 {
            self.diagnostics
                .push(file.whole(), "version must be 1 or more");
        }
        (
            sources,
            renamed,
            retired,
            (
                manifest.id,
                manifest.version,
                manifest.title,
                manifest.language,
            ),
        )
    }
}

/// Ids appear in records and URLs, so they are kept to lower-case letters, digits and dashes.
fn check_id(diagnostics: &mut Diagnostics, location: &Location, id: &str) {
    let ok = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-');
    if !ok {
        diagnostics.push(
            location.clone(),
            format!("id '{id}' must use only lower-case letters, digits and dashes"),
        );
    }
}

/// Whether a block holds any text a reader sees (used by tests and tools).
pub fn block_text(block: &Block) -> Vec<&str> {
    match block {
        Block::Heading(t) | Block::Paragraph(t) => vec![t.as_str()],
        Block::List { items, .. } => items.iter().map(String::as_str).collect(),
        Block::Callout { title, paragraphs } | Block::Example { title, paragraphs } => title
            .iter()
            .chain(paragraphs.iter())
            .map(String::as_str)
            .collect(),
    }
}

/// "1 lesson", "3 lessons".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
