//! The compiled content pack: the form the app reads, after the sources have been checked.
//!
//! Everything here is plain data. Ids are stable strings that progress records refer to, so a
//! newer pack keeps earlier progress as long as it keeps (or renames) the ids.

use serde::{Deserialize, Serialize};

/// A whole content pack: the learning path, the self-assessment and the checklists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pack {
    pub id: String,
    /// Increases with every published change; a device takes a pack only if it is newer.
    pub version: u32,
    pub title: String,
    pub language: String,
    pub sources: Vec<Source>,
    pub modules: Vec<Module>,
    pub assessment: Assessment,
    pub checklists: Vec<Checklist>,
    /// Ids that changed name: progress recorded against `from` counts for `to`.
    pub renamed: Vec<Rename>,
    /// Ids that no longer exist. Progress against them is kept but not shown.
    pub retired: Vec<String>,
}

/// A source document that lessons draw their facts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The short key lessons cite, such as `"003"`.
    pub key: String,
    pub title: String,
    /// The file name of a seed document, or the public address of a fact's original, so a
    /// programme lead can trace it.
    pub file: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rename {
    pub from: String,
    pub to: String,
}

/// A module on the learning path: a few lessons on one theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Module {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// Modules that must be complete before this one opens.
    pub prerequisites: Vec<String>,
    pub lessons: Vec<Lesson>,
}

/// A 3-6 minute lesson: a few steps of reading, then a quiz.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lesson {
    pub id: String,
    pub title: String,
    /// Keys of the [`Source`]s the lesson draws on.
    pub sources: Vec<String>,
    /// Words of reading, used for the reading time.
    pub words: u32,
    pub steps: Vec<Step>,
    pub quiz: Quiz,
}

impl Lesson {
    /// Reading time in whole minutes, at least one.
    pub fn minutes(&self) -> u32 {
        crate::reading_minutes(self.words)
    }
}

/// One screen of a lesson.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// A structured piece of lesson text. Shells render each kind natively.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    Heading(String),
    Paragraph(String),
    List {
        ordered: bool,
        items: Vec<String>,
    },
    /// Something to remember, set apart from the text.
    Callout {
        title: Option<String>,
        paragraphs: Vec<String>,
    },
    /// A generic, made-up situation that shows the idea in practice.
    Example {
        title: Option<String>,
        paragraphs: Vec<String>,
    },
}

/// The quiz at the end of a lesson.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quiz {
    /// How many questions must be answered correctly to pass.
    pub pass_mark: u32,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionKind {
    /// Exactly one option is right.
    Single,
    /// "Select all that apply": one or more options are right.
    Multiple,
    /// The options are "True" and "False".
    TrueFalse,
    /// A short situation, then one right option.
    Scenario,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Unique across the pack: `"<lesson id>.<question id>"`.
    pub id: String,
    pub kind: QuestionKind,
    pub scenario: Option<String>,
    pub prompt: String,
    pub options: Vec<Choice>,
}

impl Question {
    pub fn correct_ids(&self) -> impl Iterator<Item = &str> {
        self.options
            .iter()
            .filter(|o| o.correct)
            .map(|o| o.id.as_str())
    }

    /// Whether exactly the right options were chosen.
    pub fn is_correct<S: AsRef<str>>(&self, chosen: &[S]) -> bool {
        self.options
            .iter()
            .all(|o| o.correct == chosen.iter().any(|c| c.as_ref() == o.id))
            && chosen
                .iter()
                .all(|c| self.options.iter().any(|o| o.id == c.as_ref()))
    }
}

/// One option of a question, with the feedback shown when it is chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: String,
    pub text: String,
    pub correct: bool,
    pub feedback: String,
}

/// The private digital-footprint self-assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub title: String,
    pub intro: Vec<String>,
    pub minutes: u32,
    pub areas: Vec<Area>,
    /// Stages of the progression route, lowest first.
    pub stages: Vec<Stage>,
    pub scales: Vec<Scale>,
    pub items: Vec<Item>,
    pub scoring: Scoring,
}

/// An area the assessment scores from 0 to 100.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Area {
    pub id: String,
    pub title: String,
    pub description: String,
    /// Modules recommended when this area is one to work on.
    pub modules: Vec<String>,
}

/// A stage on the progression route, reached at an overall score of `min_score` or more, when
/// the channels score (real use of online channels) is also at least `min_channels`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    pub id: String,
    pub title: String,
    pub description: String,
    pub min_score: u32,
    /// The channels item's score this stage needs, so the stage reflects practice.
    #[serde(default)]
    pub min_channels: u32,
}

/// A rating scale with a label for each point, lowest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    pub id: String,
    pub labels: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub area: String,
    pub prompt: String,
    pub hint: Option<String>,
    /// Relative weight of this item within its area.
    pub weight: u32,
    pub kind: ItemKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemKind {
    /// A point on a named scale. The lowest point scores 0, the highest 100.
    Scale { scale: String },
    /// Yes, no or not sure. With `reverse`, "no" is the good answer. With `not_applicable`, a
    /// fourth answer with that label (such as "There isn't one") leaves the item out of the score.
    YesNo {
        reverse: bool,
        #[serde(default)]
        not_applicable: Option<String>,
    },
    /// Which channels the councillor uses, and how often.
    Channels {
        channels: Vec<Channel>,
        full_at: u32,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Channel {
    pub id: String,
    pub label: String,
}

/// How answers turn into scores. Percentages, so the rule is exact and the same on every device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scoring {
    /// Points for "yes", "not sure" and "no" (reversed items swap yes and no).
    pub yes: u32,
    pub not_sure: u32,
    pub no: u32,
    /// Points for each frequency of a channel: never, now and then, every week, every day.
    pub frequency: [u32; 4],
    /// Areas scoring below this are candidates to work on first.
    pub focus_below: u32,
}

/// A practice checklist template, run item by item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checklist {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub sections: Vec<Section>,
}

impl Checklist {
    pub fn items(&self) -> impl Iterator<Item = &ChecklistItem> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub items: Vec<ChecklistItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub id: String,
    pub text: String,
    /// Shown when a note would help, for example "Which platform did you choose?".
    pub note_prompt: Option<String>,
}

impl Pack {
    pub fn lessons(&self) -> impl Iterator<Item = &Lesson> {
        self.modules.iter().flat_map(|m| m.lessons.iter())
    }

    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.lessons().flat_map(|l| l.quiz.questions.iter())
    }

    /// Problems that would stop the app using this compiled pack: broken references, questions
    /// without a right answer, duplicate ids. A pack from the source validator has none; this
    /// guards packs that arrive over the network.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let module_ids: std::collections::HashSet<&str> =
            self.modules.iter().map(|m| m.id.as_str()).collect();
        for module in &self.modules {
            if !seen.insert(("module", module.id.as_str())) {
                problems.push(format!("duplicate module {}", module.id));
            }
            for prerequisite in &module.prerequisites {
                if !module_ids.contains(prerequisite.as_str()) {
                    problems.push(format!(
                        "module {} needs unknown module {prerequisite}",
                        module.id
                    ));
                }
            }
            for lesson in &module.lessons {
                if !seen.insert(("lesson", lesson.id.as_str())) {
                    problems.push(format!("duplicate lesson {}", lesson.id));
                }
                if lesson.steps.is_empty() {
                    problems.push(format!("lesson {} has no steps", lesson.id));
                }
                for question in &lesson.quiz.questions {
                    let correct = question.options.iter().filter(|o| o.correct).count();
                    let fits = match question.kind {
                        QuestionKind::Multiple => correct >= 1,
                        _ => correct == 1,
                    };
                    if !fits || !seen.insert(("question", question.id.as_str())) {
                        problems.push(format!("question {} is unusable", question.id));
                    }
                }
            }
        }
        let assessment = &self.assessment;
        if assessment.stages.first().is_none_or(|s| s.min_score != 0) {
            problems.push("the assessment's stages must start at 0".to_owned());
        }
        for item in &assessment.items {
            let area = assessment.areas.iter().any(|a| a.id == item.area);
            let scale = match &item.kind {
                ItemKind::Scale { scale } => assessment
                    .scales
                    .iter()
                    .any(|s| &s.id == scale && s.labels.len() >= 2),
                _ => true,
            };
            if !area || !scale {
                problems.push(format!("assessment item {} is unusable", item.id));
            }
        }
        for area in &assessment.areas {
            if area
                .modules
                .iter()
                .any(|m| !module_ids.contains(m.as_str()))
            {
                problems.push(format!("area {} recommends an unknown module", area.id));
            }
        }
        for checklist in &self.checklists {
            if !seen.insert(("checklist", checklist.id.as_str())) {
                problems.push(format!("duplicate checklist {}", checklist.id));
            }
        }
        problems
    }

    /// Where an id now lives, following renames.
    pub fn current_id<'a>(&'a self, id: &'a str) -> &'a str {
        let mut id = id;
        // A chain of renames is allowed; the validator rules out cycles, the bound keeps us safe anyway.
        for _ in 0..self.renamed.len() {
            match self.renamed.iter().find(|r| r.from == id) {
                Some(rename) => id = &rename.to,
                None => break,
            }
        }
        id
    }
}
