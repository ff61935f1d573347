//! Checks across the whole pack: references between files, renames, and the text rules
//! (plain English and originality).

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use super::{LessonFigures, Loader, Rules};
use crate::diagnostic::Location;
use crate::model::Pack;
use crate::readability::{TextStats, word_count};

impl Loader {
    /// Checks that span files: prerequisites, recommended modules, renames.
    pub(super) fn cross_checks(&mut self, pack: &Pack, _rules: &Rules) {
        let module_ids: HashSet<&str> = pack.modules.iter().map(|m| m.id.as_str()).collect();
        for module in &pack.modules {
            for prerequisite in &module.prerequisites {
                let key = ("prerequisite", format!("{}>{prerequisite}", module.id));
                let location = self
                    .origins
                    .get(&key)
                    .cloned()
                    .unwrap_or_else(|| Location::new("modules", 0));
                if prerequisite == &module.id {
                    self.diagnostics
                        .push(location, "a module cannot be its own prerequisite");
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
                    format!(
                        "'{}' is renamed to '{}', which does not exist",
                        rename.from, rename.to
                    ),
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
    pub(super) fn text_checks(&mut self, rules: &Rules) -> (Vec<LessonFigures>, f64) {
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
