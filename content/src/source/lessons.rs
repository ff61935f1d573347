//! Modules, lessons and quizzes: reading each folder and checking what can be checked locally.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use toml::Spanned;

use super::{Loader, PackText, Rules, SourceFile, check_id, lesson_text, raw};
use crate::diagnostic::Location;
use crate::model::{Choice, Lesson, Module, Question, QuestionKind, Quiz, Source};
use crate::readability::word_count;

impl Loader {
    pub(super) fn modules(&mut self, rules: &Rules, sources: &[Source]) -> Vec<Module> {
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
                "the pack has {}; a programme has {} to {}",
                super::count(modules.len(), "module"),
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
                (
                    "prerequisite",
                    format!("{}>{}", raw.id.get_ref(), prerequisite.get_ref()),
                ),
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
                "this module has {}; a module has {} to {}",
                super::count(lessons.len(), "lesson"),
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
        self.lessons
            .push((lesson_id.clone(), file.rel.clone(), words));
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
                    format!(
                        "duplicate question id '{}': it is already used at {first}",
                        question.id
                    ),
                );
            }
            check_id(&mut self.diagnostics, &location, &question.id);
            questions.push(self.question(&file, &location, lesson, question, index));
        }
        let count = questions.len();
        if count == 0 {
            self.diagnostics.push(
                file.whole(),
                "this quiz has no questions; add [[question]] tables",
            );
        }
        if let Some(range) = &rules.quiz_questions
            && count > 0
            && !range.contains(&count)
        {
            let message = format!(
                "this quiz has {}; a quiz has {} to {}",
                super::count(count, "question"),
                range.start(),
                range.end()
            );
            self.diagnostics.push(file.whole(), message);
        }
        let count = u32::try_from(count).unwrap_or(u32::MAX);
        let pass_mark = match raw.pass_mark {
            Some(ref mark) => {
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
        let quiz = Quiz {
            pass_mark,
            questions,
        };
        if rules.blind_strategies
            && let Some((strategy, score)) = crate::blind::passing_strategy(&quiz)
        {
            let location = raw
                .pass_mark
                .as_ref()
                .map_or_else(|| file.whole(), |mark| file.at(mark.span()));
            self.diagnostics.push(
                location,
                format!(
                    "this quiz can be passed without reading it: \"{strategy}\" gets {score} of {count} right, and the pass mark is {pass_mark}; vary where the right answers sit, how many are right in \"select all that apply\", and the true or false answers"
                ),
            );
        }
        Some(quiz)
    }

    fn question(
        &mut self,
        file: &SourceFile,
        location: &Location,
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
            self.true_false_options(location, &raw, index)
        } else {
            if raw.answer.is_some() || raw.feedback_true.is_some() || raw.feedback_false.is_some() {
                self.diagnostics.push(
                    location.clone(),
                    "answer, feedback_true and feedback_false are for true_false questions; use [[question.option]] here",
                );
            }
            self.options(file, location, raw.options, index)
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

    fn true_false_options(
        &mut self,
        location: &Location,
        raw: &raw::Question,
        index: usize,
    ) -> Vec<Choice> {
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
}

/// Option ids default to letters in order: a, b, c...
fn option_letter(n: usize) -> String {
    char::from(b'a' + u8::try_from(n % 26).unwrap_or(0)).to_string()
}
