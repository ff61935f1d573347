//! The lesson reader: one step at a time, as structured blocks.

use content::Block;
use facet::Facet;
use serde::{Deserialize, Serialize};

use super::{Action, StepCount};
use crate::event::Event;
use crate::model::Model;
use crate::text;

/// A piece of lesson text. Shells render each kind natively: a heading, a paragraph, a list,
/// a box set apart (callout), or a worked example.
#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[repr(C)]
pub enum BlockView {
    Heading {
        text: String,
    },
    Paragraph {
        text: String,
    },
    List {
        ordered: bool,
        items: Vec<String>,
    },
    Callout {
        title: Option<String>,
        paragraphs: Vec<String>,
    },
    Example {
        title: Option<String>,
        paragraphs: Vec<String>,
    },
}

impl From<&Block> for BlockView {
    fn from(block: &Block) -> Self {
        match block {
            Block::Heading(text) => Self::Heading { text: text.clone() },
            Block::Paragraph(text) => Self::Paragraph { text: text.clone() },
            Block::List { ordered, items } => Self::List {
                ordered: *ordered,
                items: items.clone(),
            },
            Block::Callout { title, paragraphs } => Self::Callout {
                title: title.clone(),
                paragraphs: paragraphs.clone(),
            },
            // An example always has a title, so it reads as one without its box.
            Block::Example { title, paragraphs } => Self::Example {
                title: Some(title.clone().unwrap_or_else(|| text::EXAMPLE.to_owned())),
                paragraphs: paragraphs.clone(),
            },
        }
    }
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonView {
    pub lesson_id: String,
    pub module_title: String,
    pub title: String,
    pub minutes_text: String,
    pub step: StepCount,
    pub heading: String,
    pub blocks: Vec<BlockView>,
    pub previous: Option<Action>,
    /// "Next", or on the last step "Start the quiz".
    pub next: Action,
    pub sources_text: String,
}

pub(super) fn build(model: &Model, lesson_id: &str, step: u32) -> Option<LessonView> {
    let (module, lesson) = model.content.lesson(lesson_id)?;
    let total = lesson.steps.len();
    let index = usize::try_from(step)
        .unwrap_or(0)
        .min(total.saturating_sub(1));
    let current = lesson.steps.get(index)?;
    let last = index + 1 == total;
    let sources: Vec<&str> = lesson
        .sources
        .iter()
        .filter_map(|key| model.content.pack.sources.iter().find(|s| &s.key == key))
        .map(|s| s.title.as_str())
        .collect();
    Some(LessonView {
        lesson_id: lesson.id.clone(),
        module_title: module.title.clone(),
        title: lesson.title.clone(),
        minutes_text: text::minutes_read(lesson.minutes()),
        step: StepCount::new(index + 1, total, |n, t| {
            text::step_of(u32::try_from(n).unwrap_or(0), u32::try_from(t).unwrap_or(0))
        }),
        heading: current.heading.clone(),
        blocks: current.blocks.iter().map(BlockView::from).collect(),
        previous: (index > 0).then(|| Action::new(text::PREVIOUS, Event::PreviousStep)),
        next: if last {
            Action::new(text::START_QUIZ, Event::StartQuiz)
        } else {
            Action::new(text::NEXT, Event::NextStep)
        },
        sources_text: text::based_on(&sources),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_example_without_a_title_is_called_an_example() {
        let untitled = Block::Example {
            title: None,
            paragraphs: vec!["Before: …".into()],
        };
        let BlockView::Example { title, .. } = BlockView::from(&untitled) else {
            panic!("an example stays an example");
        };
        assert_eq!(title.as_deref(), Some(text::EXAMPLE));
        let titled = Block::Example {
            title: Some("Before and after".into()),
            paragraphs: vec![],
        };
        let BlockView::Example { title, .. } = BlockView::from(&titled) else {
            panic!("an example stays an example");
        };
        assert_eq!(title.as_deref(), Some("Before and after"));
    }
}
