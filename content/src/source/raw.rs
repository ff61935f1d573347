//! The source files as written: TOML shapes with spans, before they are checked and compiled.
//!
//! Unknown fields are errors, so a typo such as `prerequisite =` is reported, not ignored.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Manifest {
    pub id: String,
    pub version: u32,
    pub title: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default, rename = "source")]
    pub sources: Vec<Spanned<Source>>,
    #[serde(default)]
    pub renamed: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    pub retired: Vec<Spanned<String>>,
}

fn default_language() -> String {
    "en-GB".to_owned()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Source {
    pub key: String,
    pub title: String,
    /// A seed document's file name.
    pub file: Option<String>,
    /// Or, for a fact from `FACTS.md`, the public address or citation of its original.
    pub address: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Module {
    pub id: Spanned<String>,
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub prerequisites: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LessonFront {
    pub id: Spanned<String>,
    pub title: String,
    #[serde(default)]
    pub sources: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Quiz {
    pub pass_mark: Option<Spanned<u32>>,
    #[serde(default, rename = "question")]
    pub questions: Vec<Spanned<Question>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum QuestionKind {
    Single,
    Multiple,
    TrueFalse,
    Scenario,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Question {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: QuestionKind,
    pub prompt: String,
    pub scenario: Option<String>,
    /// For true/false questions: whether the statement is true.
    pub answer: Option<bool>,
    pub feedback_true: Option<String>,
    pub feedback_false: Option<String>,
    #[serde(default, rename = "option")]
    pub options: Vec<Spanned<QuestionOption>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuestionOption {
    pub id: Option<String>,
    pub text: String,
    #[serde(default)]
    pub correct: bool,
    pub feedback: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Assessment {
    pub title: String,
    pub intro: Vec<String>,
    pub minutes: u32,
    pub scoring: Scoring,
    #[serde(default, rename = "area")]
    pub areas: Vec<Spanned<Area>>,
    #[serde(default, rename = "stage")]
    pub stages: Vec<Spanned<Stage>>,
    #[serde(default, rename = "scale")]
    pub scales: Vec<Spanned<Scale>>,
    #[serde(default, rename = "item")]
    pub items: Vec<Spanned<Item>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Scoring {
    pub yes: u32,
    pub not_sure: u32,
    pub no: u32,
    pub frequency: [u32; 4],
    pub focus_below: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Area {
    pub id: String,
    pub title: String,
    pub description: String,
    #[serde(default)]
    pub modules: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Stage {
    pub id: String,
    pub title: String,
    pub description: String,
    pub min_score: u32,
    #[serde(default)]
    pub min_channels: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Scale {
    pub id: String,
    pub labels: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ItemKind {
    Scale,
    YesNo,
    Channels,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Item {
    pub id: String,
    pub area: String,
    #[serde(rename = "type")]
    pub kind: ItemKind,
    pub prompt: String,
    pub hint: Option<String>,
    pub weight: Option<u32>,
    pub scale: Option<String>,
    #[serde(default)]
    pub reverse: bool,
    /// For yes/no items: the label of a fourth answer that leaves the item out of the score.
    pub not_applicable: Option<String>,
    #[serde(default, rename = "channel")]
    pub channels: Vec<Channel>,
    pub full_at: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Channel {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Checklist {
    pub id: String,
    pub title: String,
    pub summary: String,
    #[serde(default, rename = "section")]
    pub sections: Vec<Spanned<Section>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Section {
    pub id: String,
    pub title: String,
    #[serde(default, rename = "item")]
    pub items: Vec<Spanned<ChecklistItem>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ChecklistItem {
    pub id: String,
    pub text: String,
    pub note_prompt: Option<String>,
}
