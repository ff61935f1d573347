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

mod lesson_text;
mod raw;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::ops::{Range, RangeInclusive};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use toml::Spanned;

use crate::diagnostic::{Diagnostics, Location};
use crate::model::{
    Area, Assessment, Block, Channel, Checklist, ChecklistItem, Choice, Item, ItemKind, Lesson,
    Module, Pack, Question, QuestionKind, Quiz, Rename, Scale, Scoring, Section, Source, Stage,
};
use crate::originality::Fingerprint;
use crate::readability::{TextStats, word_count};
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
                let location = e
                    .span()
                    .map_or_else(|| file.whole(), |span| file.at(span));
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
                self.diagnostics
                    .push(Location::new(rel, 0), format!("cannot read this folder: {e}"));
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
            self.define("source", &source.key, location);
            sources.push(Source {
                key: source.key,
                title: source.title,
                file: source.file,
            });
        }
        let renamed = manifest
            .renamed
            .into_iter()
            .map(|(from, to)| {
                let location = file.at(to.span());
                self.origins
                    .insert(("rename", from.clone()), location);
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

    fn modules(&mut self, rules: &Rules, sources: &[Source]) -> Vec<Module> {
        let dir = self.dir.join("modules");
        let mut modules = Vec::new();
        for path in self.list_dir(&dir) {
            if path.is_dir() {
                if let Some(module) = self.module(&path, rules, sources) {
                    modules.push(module);
                }
            } else {
                let rel = self.rel(&path);
                self.diagnostics.push(
                    Location::new(rel, 0),
                    "unexpected file; each module is a folder with a module.toml",
                );
            }
        }
        if let Some(range) = &rules.modules
            && !range.contains(&modules.len())
        {
            let message = format!(
                "the pack has {} modules; a programme has {} to {}",
                modules.len(),
                range.start(),
                range.end()
            );
            self.diagnostics.push(Location::new("modules", 0), message);
        }
        modules
    }

    fn module(&mut self, dir: &Path, rules: &Rules, sources: &[Source]) -> Option<Module> {
        let file = self.read(&dir.join("module.toml"))?;
        let raw: raw::Module = self.parse(&file)?;
        let location = file.at(raw.id.span());
        self.define("module", raw.id.get_ref(), location.clone());
        for prerequisite in &raw.prerequisites {
            self.origins.insert(
                ("prerequisite", format!("{}>{}", raw.id.get_ref(), prerequisite.get_ref())),
                file.at(prerequisite.span()),
            );
        }
        self.text(location.clone(), &raw.title, None);
        self.text(location.clone(), &raw.summary, None);

        let mut lessons = Vec::new();
        let paths = self.list_dir(dir);
        let lesson_files: HashSet<PathBuf> = paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .cloned()
            .collect();
        for path in &paths {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name == "module.toml" {
                continue;
            }
            if let Some(stem) = name.strip_suffix(".quiz.toml") {
                if !lesson_files.contains(&dir.join(format!("{stem}.md"))) {
                    let rel = self.rel(path);
                    self.diagnostics.push(
                        Location::new(rel, 0),
                        format!("this quiz has no lesson; add {stem}.md beside it or remove it"),
                    );
                }
                continue;
            }
            if lesson_files.contains(path) {
                if let Some(lesson) = self.lesson(path, rules, sources) {
                    lessons.push(lesson);
                }
                continue;
            }
            let rel = self.rel(path);
            self.diagnostics.push(
                Location::new(rel, 0),
                "unexpected file; a module folder holds module.toml, lessons (.md) and quizzes (.quiz.toml)",
            );
        }
        if let Some(range) = &rules.module_lessons
            && !range.contains(&lessons.len())
        {
            let message = format!(
                "this module has {} lessons; a module has {} to {}",
                lessons.len(),
                range.start(),
                range.end()
            );
            self.diagnostics.push(location, message);
        }
        Some(Module {
            id: raw.id.into_inner(),
            title: raw.title,
            summary: raw.summary,
            prerequisites: raw
                .prerequisites
                .into_iter()
                .map(Spanned::into_inner)
                .collect(),
            lessons,
        })
    }

    fn lesson(&mut self, path: &Path, rules: &Rules, sources: &[Source]) -> Option<Lesson> {
        let file = self.read(path)?;
        let parsed = lesson_text::parse(&file.rel, &file.text, &mut self.diagnostics);
        let front_file = SourceFile {
            rel: file.rel.clone(),
            text: parsed.front.clone(),
            first_line: parsed.front_first_line.max(1),
        };
        if parsed.front.is_empty() && parsed.front_first_line == 0 {
            return None;
        }
        let front: raw::LessonFront = self.parse(&front_file)?;
        let location = front_file.at(front.id.span());
        let index = self.lessons.len();
        self.define("lesson", front.id.get_ref(), location.clone());
        self.texts.push(PackText {
            location: location.clone(),
            text: front.title.clone(),
            lesson: Some(index),
            heading: true,
        });

        if front.sources.is_empty() {
            self.diagnostics.push(
                location.clone(),
                "this lesson names no sources; add sources = [\"...\"] with the keys from pack.toml",
            );
        }
        for source in &front.sources {
            if !sources.iter().any(|s| &s.key == source.get_ref()) {
                let known: Vec<&str> = sources.iter().map(|s| s.key.as_str()).collect();
                let message = format!(
                    "unknown source '{}'; pack.toml lists: {}",
                    source.get_ref(),
                    known.join(", ")
                );
                self.diagnostics.push(front_file.at(source.span()), message);
            }
        }

        let mut words = 0;
        for unit in &parsed.units {
            words += word_count(&unit.text);
            self.texts.push(PackText {
                location: Location::new(&file.rel, unit.line),
                text: unit.text.clone(),
                lesson: Some(index),
                heading: unit.heading,
            });
        }
        if let Some(range) = &rules.lesson_words
            && !range.contains(&words)
        {
            let per_minute = crate::WORDS_PER_MINUTE;
            let message = format!(
                "this lesson has {words} words, about {:.1} minutes of reading; a lesson takes {} to {} minutes ({} to {} words)",
                f64::from(words) / f64::from(per_minute),
                range.start() / per_minute,
                range.end() / per_minute,
                range.start(),
                range.end()
            );
            self.diagnostics.push(location.clone(), message);
        }

        let lesson_id = front.id.get_ref().clone();
        self.lessons.push((lesson_id.clone(), file.rel.clone(), words));
        let quiz_path = path.with_extension("quiz.toml");
        let quiz = if quiz_path.exists() {
            self.quiz(&quiz_path, &lesson_id, rules, index)
        } else {
            let name = quiz_path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            self.diagnostics.push(
                location,
                format!("this lesson has no quiz; add {name} beside it"),
            );
            None
        };

        Some(Lesson {
            id: lesson_id,
            title: front.title,
            sources: front.sources.into_iter().map(Spanned::into_inner).collect(),
            words,
            steps: parsed.steps,
            quiz: quiz.unwrap_or(Quiz {
                pass_mark: 1,
                questions: Vec::new(),
            }),
        })
    }

    fn quiz(&mut self, path: &Path, lesson: &str, rules: &Rules, index: usize) -> Option<Quiz> {
        let file = self.read(path)?;
        let raw: raw::Quiz = self.parse(&file)?;
        let mut questions = Vec::new();
        let mut seen = HashMap::new();
        for question in raw.questions {
            let location = file.at(question.span());
            let question = question.into_inner();
            if let Some(first) = seen.insert(question.id.clone(), location.clone()) {
                self.diagnostics.push(
                    location.clone(),
                    format!("duplicate question id '{}': it is already used at {first}", question.id),
                );
            }
            check_id(&mut self.diagnostics, &location, &question.id);
            questions.push(self.question(&file, location, lesson, question, index));
        }
        let count = questions.len();
        if count == 0 {
            self.diagnostics
                .push(file.whole(), "this quiz has no questions; add [[question]] tables");
        }
        if let Some(range) = &rules.quiz_questions
            && count > 0
            && !range.contains(&count)
        {
            let message = format!(
                "this quiz has {count} questions; a quiz has {} to {}",
                range.start(),
                range.end()
            );
            self.diagnostics.push(file.whole(), message);
        }
        let count = u32::try_from(count).unwrap_or(u32::MAX);
        let pass_mark = match raw.pass_mark {
            Some(mark) => {
                let value = *mark.get_ref();
                if value == 0 || value > count {
                    self.diagnostics.push(
                        file.at(mark.span()),
                        format!("pass_mark is {value}; it must be between 1 and the number of questions ({count})"),
                    );
                }
                value
            }
            // Two thirds, rounded up: 2 of 3, 3 of 4, 4 of 5.
            None => (count * 2).div_ceil(3).max(1),
        };
        Some(Quiz {
            pass_mark,
            questions,
        })
    }

    fn question(
        &mut self,
        file: &SourceFile,
        location: Location,
        lesson: &str,
        raw: raw::Question,
        index: usize,
    ) -> Question {
        self.text(location.clone(), &raw.prompt, Some(index));
        let kind = match raw.kind {
            raw::QuestionKind::Single => QuestionKind::Single,
            raw::QuestionKind::Multiple => QuestionKind::Multiple,
            raw::QuestionKind::TrueFalse => QuestionKind::TrueFalse,
            raw::QuestionKind::Scenario => QuestionKind::Scenario,
        };
        match (&raw.scenario, kind) {
            (Some(scenario), QuestionKind::Scenario) => {
                self.text(location.clone(), scenario, Some(index));
            }
            (None, QuestionKind::Scenario) => self.diagnostics.push(
                location.clone(),
                "a scenario question needs scenario = \"...\" describing the situation",
            ),
            (Some(_), _) => self.diagnostics.push(
                location.clone(),
                "only scenario questions have a scenario; use type = \"scenario\"",
            ),
            (None, _) => {}
        }

        let options = if kind == QuestionKind::TrueFalse {
            self.true_false_options(&location, &raw, index)
        } else {
            if raw.answer.is_some() || raw.feedback_true.is_some() || raw.feedback_false.is_some() {
                self.diagnostics.push(
                    location.clone(),
                    "answer, feedback_true and feedback_false are for true_false questions; use [[question.option]] here",
                );
            }
            self.options(file, &location, raw.options, index)
        };

        let correct = options.iter().filter(|o| o.correct).count();
        if kind != QuestionKind::TrueFalse {
            if options.len() < 2 {
                self.diagnostics
                    .push(location.clone(), "a question needs at least two options");
            }
            if correct == 0 {
                self.diagnostics.push(
                    location.clone(),
                    "no option is marked correct = true; every question needs a right answer",
                );
            } else if correct > 1 && kind != QuestionKind::Multiple {
                self.diagnostics.push(
                    location.clone(),
                    format!("{correct} options are correct; only a \"multiple\" question may have more than one"),
                );
            }
        }

        Question {
            id: format!("{lesson}.{}", raw.id),
            kind,
            scenario: raw.scenario,
            prompt: raw.prompt,
            options,
        }
    }

    fn true_false_options(&mut self, location: &Location, raw: &raw::Question, index: usize) -> Vec<Choice> {
        if !raw.options.is_empty() {
            self.diagnostics.push(
                location.clone(),
                "a true_false question has no [[question.option]]; give answer, feedback_true and feedback_false",
            );
        }
        let Some(answer) = raw.answer else {
            self.diagnostics.push(
                location.clone(),
                "a true_false question needs answer = true or answer = false",
            );
            return Vec::new();
        };
        let mut options = Vec::new();
        for (value, feedback, field) in [
            (true, &raw.feedback_true, "feedback_true"),
            (false, &raw.feedback_false, "feedback_false"),
        ] {
            let feedback = if let Some(text) = feedback {
                self.text(location.clone(), text, Some(index));
                text.clone()
            } else {
                self.diagnostics.push(
                    location.clone(),
                    format!("a true_false question needs {field} = \"...\""),
                );
                String::new()
            };
            options.push(Choice {
                id: value.to_string(),
                // Shells show the core's own words for "True" and "False"; this text is a fallback.
                text: if value { "True" } else { "False" }.to_owned(),
                correct: value == answer,
                feedback,
            });
        }
        options
    }

    fn options(
        &mut self,
        file: &SourceFile,
        location: &Location,
        raw: Vec<Spanned<raw::QuestionOption>>,
        index: usize,
    ) -> Vec<Choice> {
        let mut options: Vec<Choice> = Vec::new();
        for (n, option) in raw.into_iter().enumerate() {
            let option_location = file.at(option.span());
            let option = option.into_inner();
            let id = option.id.unwrap_or_else(|| option_letter(n));
            if options.iter().any(|o| o.id == id) {
                self.diagnostics.push(
                    option_location.clone(),
                    format!("duplicate option id '{id}' in this question"),
                );
            }
            self.text(option_location.clone(), &option.text, Some(index));
            self.text(option_location, &option.feedback, Some(index));
            options.push(Choice {
                id,
                text: option.text,
                correct: option.correct,
                feedback: option.feedback,
            });
        }
        let _ = location;
        options
    }

    fn assessment(&mut self, rules: &Rules) -> Assessment {
        let empty = Assessment {
            title: String::new(),
            intro: Vec::new(),
            minutes: 0,
            areas: Vec::new(),
            stages: Vec::new(),
            scales: Vec::new(),
            items: Vec::new(),
            scoring: Scoring {
                yes: 100,
                not_sure: 0,
                no: 0,
                frequency: [0, 0, 0, 0],
                focus_below: 0,
            },
        };
        let Some(file) = self.read(&self.dir.join("assessment.toml")) else {
            return empty;
        };
        let Some(raw) = self.parse::<raw::Assessment>(&file) else {
            return empty;
        };
        let whole = file.whole();
        self.text(whole.clone(), &raw.title, None);
        for paragraph in &raw.intro {
            self.text(whole.clone(), paragraph, None);
        }
        let s = &raw.scoring;
        for (name, value) in [
            ("yes", s.yes),
            ("not_sure", s.not_sure),
            ("no", s.no),
            ("focus_below", s.focus_below),
        ]
        .into_iter()
        .chain(s.frequency.iter().map(|&f| ("frequency", f)))
        {
            if value > 100 {
                self.diagnostics.push(
                    whole.clone(),
                    format!("scoring.{name} is {value}; points are percentages from 0 to 100"),
                );
            }
        }

        let areas: Vec<Area> = raw
            .areas
            .into_iter()
            .map(|area| {
                let location = file.at(area.span());
                let area = area.into_inner();
                self.define("area", &area.id, location.clone());
                self.text(location.clone(), &area.title, None);
                self.text(location.clone(), &area.description, None);
                Area {
                    id: area.id,
                    title: area.title,
                    description: area.description,
                    modules: area.modules,
                }
            })
            .collect();

        let stages = self.stages(&file, raw.stages);
        let scales: Vec<Scale> = raw
            .scales
            .into_iter()
            .map(|scale| {
                let location = file.at(scale.span());
                let scale = scale.into_inner();
                self.define("scale", &scale.id, location.clone());
                if scale.labels.len() < 2 {
                    self.diagnostics
                        .push(location.clone(), "a scale needs at least two labels");
                }
                for label in &scale.labels {
                    self.text(location.clone(), label, None);
                }
                Scale {
                    id: scale.id,
                    labels: scale.labels,
                }
            })
            .collect();

        let items: Vec<Item> = raw
            .items
            .into_iter()
            .map(|item| {
                let location = file.at(item.span());
                self.item(location, item.into_inner(), &areas, &scales)
            })
            .collect();

        for area in &areas {
            if !items.iter().any(|i| i.area == area.id) {
                let location = self.origins[&("area", area.id.clone())].clone();
                self.diagnostics.push(
                    location,
                    format!("area '{}' has no items; add an [[item]] with area = \"{}\"", area.id, area.id),
                );
            }
        }
        if areas.is_empty() {
            self.diagnostics
                .push(whole.clone(), "the assessment has no areas; add [[area]] tables");
        }
        if let Some(range) = &rules.assessment_items
            && !range.contains(&items.len())
        {
            self.diagnostics.push(
                whole,
                format!(
                    "the assessment has {} items; it should have {} to {}",
                    items.len(),
                    range.start(),
                    range.end()
                ),
            );
        }

        Assessment {
            title: raw.title,
            intro: raw.intro,
            minutes: raw.minutes,
            areas,
            stages,
            scales,
            items,
            scoring: Scoring {
                yes: s.yes,
                not_sure: s.not_sure,
                no: s.no,
                frequency: s.frequency,
                focus_below: s.focus_below,
            },
        }
    }

    fn stages(&mut self, file: &SourceFile, raw: Vec<Spanned<raw::Stage>>) -> Vec<Stage> {
        let mut stages: Vec<Stage> = Vec::new();
        for stage in raw {
            let location = file.at(stage.span());
            let stage = stage.into_inner();
            self.define("stage", &stage.id, location.clone());
            self.text(location.clone(), &stage.title, None);
            self.text(location.clone(), &stage.description, None);
            match stages.last() {
                None if stage.min_score != 0 => self.diagnostics.push(
                    location.clone(),
                    "the first stage must start at min_score = 0, so every result has a stage",
                ),
                Some(previous) if stage.min_score <= previous.min_score => {
                    self.diagnostics.push(
                        location.clone(),
                        format!(
                            "stages go from lowest to highest; min_score {} is not above {}",
                            stage.min_score, previous.min_score
                        ),
                    );
                }
                _ => {}
            }
            if stage.min_score > 100 {
                self.diagnostics
                    .push(location, "min_score is a score from 0 to 100");
            }
            stages.push(Stage {
                id: stage.id,
                title: stage.title,
                description: stage.description,
                min_score: stage.min_score,
            });
        }
        if stages.is_empty() {
            self.diagnostics
                .push(file.whole(), "the assessment has no stages; add [[stage]] tables");
        }
        stages
    }

    fn item(&mut self, location: Location, item: raw::Item, areas: &[Area], scales: &[Scale]) -> Item {
        self.define("assessment item", &item.id, location.clone());
        self.text(location.clone(), &item.prompt, None);
        if let Some(hint) = &item.hint {
            self.text(location.clone(), hint, None);
        }
        if !areas.iter().any(|a| a.id == item.area) {
            self.diagnostics.push(
                location.clone(),
                format!("unknown area '{}'", item.area),
            );
        }
        let misplaced = |field: &str, kinds: &str| {
            format!("{field} is only for {kinds} items")
        };
        if item.kind != raw::ItemKind::Scale && item.scale.is_some() {
            self.diagnostics.push(location.clone(), misplaced("scale", "scale"));
        }
        if item.kind != raw::ItemKind::YesNo && item.reverse {
            self.diagnostics.push(location.clone(), misplaced("reverse", "yes_no"));
        }
        if item.kind != raw::ItemKind::Channels && (!item.channels.is_empty() || item.full_at.is_some()) {
            self.diagnostics
                .push(location.clone(), misplaced("channel and full_at", "channels"));
        }
        let kind = match item.kind {
            raw::ItemKind::Scale => {
                let scale = item.scale.unwrap_or_default();
                if !scales.iter().any(|s| s.id == scale) {
                    self.diagnostics.push(
                        location.clone(),
                        format!("a scale item needs scale = one of the [[scale]] ids; '{scale}' is not one"),
                    );
                }
                ItemKind::Scale { scale }
            }
            raw::ItemKind::YesNo => ItemKind::YesNo {
                reverse: item.reverse,
            },
            raw::ItemKind::Channels => {
                if item.channels.len() < 2 {
                    self.diagnostics.push(
                        location.clone(),
                        "a channels item needs at least two [[item.channel]] tables",
                    );
                }
                let mut channels: Vec<Channel> = Vec::new();
                for channel in item.channels {
                    if channels.iter().any(|c| c.id == channel.id) {
                        self.diagnostics.push(
                            location.clone(),
                            format!("duplicate channel id '{}'", channel.id),
                        );
                    }
                    self.text(location.clone(), &channel.label, None);
                    channels.push(Channel {
                        id: channel.id,
                        label: channel.label,
                    });
                }
                let full_at = item.full_at.unwrap_or(2);
                if full_at == 0 {
                    self.diagnostics
                        .push(location.clone(), "full_at must be 1 or more");
                }
                ItemKind::Channels { channels, full_at }
            }
        };
        let weight = item.weight.unwrap_or(1);
        if weight == 0 {
            self.diagnostics
                .push(location, "weight must be 1 or more; remove the item instead");
        }
        Item {
            id: item.id,
            area: item.area,
            prompt: item.prompt,
            hint: item.hint,
            weight,
            kind,
        }
    }

    fn checklists(&mut self) -> Vec<Checklist> {
        let dir = self.dir.join("checklists");
        let mut checklists = Vec::new();
        for path in self.list_dir(&dir) {
            if path.extension().is_none_or(|e| e != "toml") {
                let rel = self.rel(&path);
                self.diagnostics.push(
                    Location::new(rel, 0),
                    "unexpected file; checklists are .toml files",
                );
                continue;
            }
            let Some(file) = self.read(&path) else { continue };
            let Some(raw) = self.parse::<raw::Checklist>(&file) else {
                continue;
            };
            checklists.push(self.checklist(&file, raw));
        }
        checklists
    }

    fn checklist(&mut self, file: &SourceFile, raw: raw::Checklist) -> Checklist {
        let whole = file.whole();
        self.define("checklist", &raw.id, whole.clone());
        self.text(whole.clone(), &raw.title, None);
        self.text(whole.clone(), &raw.summary, None);
        let mut seen: HashMap<String, Location> = HashMap::new();
        let mut sections = Vec::new();
        for section in raw.sections {
            let location = file.at(section.span());
            let section = section.into_inner();
            check_id(&mut self.diagnostics, &location, &section.id);
            self.text(location.clone(), &section.title, None);
            if section.items.is_empty() {
                self.diagnostics
                    .push(location.clone(), "this section has no items; add [[section.item]] tables");
            }
            let mut items = Vec::new();
            for item in section.items {
                let location = file.at(item.span());
                let item = item.into_inner();
                check_id(&mut self.diagnostics, &location, &item.id);
                if let Some(first) = seen.insert(item.id.clone(), location.clone()) {
                    self.diagnostics.push(
                        location.clone(),
                        format!("duplicate item id '{}': it is already used at {first}", item.id),
                    );
                }
                self.text(location.clone(), &item.text, None);
                if let Some(prompt) = &item.note_prompt {
                    self.text(location, prompt, None);
                }
                items.push(ChecklistItem {
                    id: item.id,
                    text: item.text,
                    note_prompt: item.note_prompt,
                });
            }
            sections.push(Section {
                id: section.id,
                title: section.title,
                items,
            });
        }
        if sections.is_empty() {
            self.diagnostics
                .push(whole, "this checklist has no sections; add [[section]] tables");
        }
        Checklist {
            id: raw.id,
            title: raw.title,
            summary: raw.summary,
            sections,
        }
    }

    /// Checks that span files: prerequisites, recommended modules, renames.
    fn cross_checks(&mut self, pack: &Pack, _rules: &Rules) {
        let module_ids: HashSet<&str> = pack.modules.iter().map(|m| m.id.as_str()).collect();
        for module in &pack.modules {
            for prerequisite in &module.prerequisites {
                let key = ("prerequisite", format!("{}>{prerequisite}", module.id));
                let location = self.origins.get(&key).cloned().unwrap_or_else(|| Location::new("modules", 0));
                if prerequisite == &module.id {
                    self.diagnostics.push(location, "a module cannot be its own prerequisite");
                } else if !module_ids.contains(prerequisite.as_str()) {
                    self.diagnostics.push(
                        location,
                        format!("unknown prerequisite '{prerequisite}'; it must be a module id"),
                    );
                }
            }
        }
        for cycle in prerequisite_cycles(pack) {
            let location = self.origins[&("module", cycle[0].clone())].clone();
            self.diagnostics.push(
                location,
                format!("circular prerequisites: {}", cycle.join(" → ")),
            );
        }
        for area in &pack.assessment.areas {
            for module in &area.modules {
                if !module_ids.contains(module.as_str()) {
                    let location = self.origins[&("area", area.id.clone())].clone();
                    self.diagnostics.push(
                        location,
                        format!("area '{}' recommends unknown module '{module}'", area.id),
                    );
                }
            }
        }
        self.rename_checks(pack);
    }

    fn rename_checks(&mut self, pack: &Pack) {
        let mut current: HashSet<String> = HashSet::new();
        current.extend(pack.modules.iter().map(|m| m.id.clone()));
        current.extend(pack.lessons().map(|l| l.id.clone()));
        current.extend(pack.questions().map(|q| q.id.clone()));
        current.extend(pack.checklists.iter().map(|c| c.id.clone()));
        current.extend(pack.assessment.items.iter().map(|i| i.id.clone()));
        for rename in &pack.renamed {
            let location = self.origins[&("rename", rename.from.clone())].clone();
            if current.contains(&rename.from) {
                self.diagnostics.push(
                    location.clone(),
                    format!("'{}' is renamed but is still in use", rename.from),
                );
            }
            let mut target = rename.to.as_str();
            let mut hops = 0;
            while let Some(next) = pack.renamed.iter().find(|r| r.from == target) {
                target = &next.to;
                hops += 1;
                if hops > pack.renamed.len() {
                    self.diagnostics
                        .push(location.clone(), "these renames go round in a circle");
                    break;
                }
            }
            if hops <= pack.renamed.len() && !current.contains(target) {
                self.diagnostics.push(
                    location,
                    format!("'{}' is renamed to '{}', which does not exist", rename.from, rename.to),
                );
            }
        }
        for id in &pack.retired {
            if current.contains(id) {
                let location = self.origins[&("retired", id.clone())].clone();
                self.diagnostics
                    .push(location, format!("'{id}' is retired but is still in use"));
            }
        }
    }

    /// Readability and originality over every piece of text. Returns per-lesson figures and the median grade.
    fn text_checks(&mut self, rules: &Rules) -> (Vec<LessonFigures>, f64) {
        let mut by_lesson: BTreeMap<usize, (TextStats, u32)> = BTreeMap::new();
        for text in &self.texts {
            let stats = TextStats::of(&text.text);
            let longest = crate::readability::sentences(&text.text)
                .map(word_count)
                .max()
                .unwrap_or(0);
            if let Some(limits) = &rules.readability
                && longest > limits.max_sentence_words
            {
                self.diagnostics.push(
                    text.location.clone(),
                    format!(
                        "a sentence here has {longest} words; keep sentences to {} words or fewer",
                        limits.max_sentence_words
                    ),
                );
            }
            if let Some(print) = &rules.fingerprint
                && let Some(copied) = print.find(&text.text)
            {
                self.diagnostics.push(
                    text.location.clone(),
                    format!(
                        "\"{}\" matches {} word for word; write it in your own words",
                        copied.words, copied.source
                    ),
                );
            }
            // Readability is measured on the lesson's own text, not its quiz or its headings.
            if let Some(lesson) = text.lesson
                && !text.heading
                && Path::new(&text.location.file)
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("md"))
            {
                let entry = by_lesson.entry(lesson).or_default();
                entry.0.add(stats);
                entry.1 = entry.1.max(longest);
            }
        }

        let mut lessons = Vec::new();
        for (index, (id, file, words)) in self.lessons.iter().enumerate() {
            let (stats, longest) = by_lesson.get(&index).copied().unwrap_or_default();
            let grade = stats.grade();
            if let Some(limits) = &rules.readability
                && grade > limits.max_lesson_grade
            {
                self.diagnostics.push(
                    Location::new(file, 0),
                    format!(
                        "this lesson reads at grade {grade:.1}; keep it to {:.0} or below with shorter sentences and words",
                        limits.max_lesson_grade
                    ),
                );
            }
            lessons.push(LessonFigures {
                id: id.clone(),
                file: file.clone(),
                words: *words,
                grade,
                longest_sentence: longest,
            });
        }
        let median = median(lessons.iter().map(|l| l.grade).collect());
        if let Some(limits) = &rules.readability
            && median > limits.max_median_grade
        {
            self.diagnostics.push(
                Location::new("modules", 0),
                format!(
                    "the median lesson grade is {median:.1}; it should be {:.0} or below",
                    limits.max_median_grade
                ),
            );
        }
        (lessons, median)
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len().is_multiple_of(2) {
        f64::midpoint(values[mid - 1], values[mid])
    } else {
        values[mid]
    }
}

/// Option ids default to letters in order: a, b, c...
fn option_letter(n: usize) -> String {
    char::from(b'a' + u8::try_from(n % 26).unwrap_or(0)).to_string()
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

/// Each cycle in the prerequisite graph, as the list of module ids going round it (first repeated at the end).
fn prerequisite_cycles(pack: &Pack) -> Vec<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    fn visit(
        pack: &Pack,
        index: usize,
        marks: &mut [Mark],
        stack: &mut Vec<usize>,
        cycles: &mut Vec<Vec<String>>,
    ) {
        marks[index] = Mark::Active;
        stack.push(index);
        for prerequisite in &pack.modules[index].prerequisites {
            let Some(next) = pack.modules.iter().position(|m| &m.id == prerequisite) else {
                continue;
            };
            if next == index {
                continue;
            }
            match marks[next] {
                Mark::New => visit(pack, next, marks, stack, cycles),
                Mark::Active => {
                    let start = stack.iter().position(|&i| i == next).unwrap_or(0);
                    let mut cycle: Vec<String> = stack[start..]
                        .iter()
                        .map(|&i| pack.modules[i].id.clone())
                        .collect();
                    cycle.push(pack.modules[next].id.clone());
                    cycles.push(cycle);
                }
                Mark::Done => {}
            }
        }
        stack.pop();
        marks[index] = Mark::Done;
    }
    let mut marks = vec![Mark::New; pack.modules.len()];
    let mut cycles = Vec::new();
    for index in 0..pack.modules.len() {
        if marks[index] == Mark::New {
            visit(pack, index, &mut marks, &mut Vec::new(), &mut cycles);
        }
    }
    cycles
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
