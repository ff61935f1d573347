//! The home screen: where to pick up, what is next, what is due for review, and shortcuts.

use facet::Facet;
use serde::{Deserialize, Serialize};

use super::Action;
use crate::event::{Destination, Event};
use crate::model::Model;
use crate::{path, text, when};

/// A card with a heading, a line or two, and one button.
#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    pub heading: String,
    pub title: String,
    pub detail: String,
    pub action: Option<Action>,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeView {
    pub greeting: String,
    pub summary: String,
    /// The exact lesson step the learner left off at, if a lesson is under way.
    pub resume: Option<Card>,
    /// The next lesson on the path, when it is not the one to resume.
    pub next: Option<Card>,
    /// Shown when every lesson is done.
    pub all_done: Option<String>,
    pub review: Card,
    pub assessment: Card,
    pub checklists_heading: String,
    pub checklists: Vec<Action>,
}

pub(super) fn build(model: &Model) -> HomeView {
    let content = &model.content;
    let progress = model.log.progress();
    let now = model.now_ms();
    let (done, total) = path::totals(content, progress);

    let resume = path::resume(content, progress).map(|(module, lesson, step)| Card {
        heading: text::RESUME_HEADING.to_owned(),
        title: lesson.title.clone(),
        detail: format!(
            "{}. {}",
            module.title,
            text::step_of(step + 1, u32::try_from(lesson.steps.len()).unwrap_or(0))
        ),
        action: Some(Action::new(
            text::CONTINUE,
            Event::OpenLesson {
                lesson: lesson.id.clone(),
            },
        )),
    });
    let resumed = resume
        .as_ref()
        .and_then(|c| c.action.as_ref())
        .map(|a| a.event.clone());
    let next = path::next_lesson(content, progress)
        .map(|(module, lesson)| {
            let heading = if done == 0 && resume.is_none() {
                text::FIRST_HEADING
            } else {
                text::NEXT_HEADING
            };
            Card {
                heading: heading.to_owned(),
                title: lesson.title.clone(),
                detail: format!("{}. {}", module.title, text::minutes_read(lesson.minutes())),
                action: Some(Action::new(
                    text::START_LESSON,
                    Event::OpenLesson {
                        lesson: lesson.id.clone(),
                    },
                )),
            }
        })
        .filter(|card| card.action.as_ref().map(|a| &a.event) != resumed.as_ref());

    let due = progress.review.due_count(now);
    let review_detail = match (due, progress.review.next_due()) {
        (0, Some(next)) => text::next_review(&when::until(next, now)),
        _ => String::new(),
    };
    let review = Card {
        heading: text::REVIEW_HEADING.to_owned(),
        title: text::review_due(due),
        detail: review_detail,
        action: (due > 0).then(|| Action::new(text::START_REVIEW, Event::StartReview)),
    };

    let assessment = assessment_card(model);
    let checklists = content
        .pack
        .checklists
        .iter()
        .map(|c| {
            Action::new(
                c.title.clone(),
                Event::StartChecklist {
                    checklist: c.id.clone(),
                },
            )
        })
        .collect();

    HomeView {
        greeting: text::greeting(progress.settings.display_name()),
        summary: text::lessons_done(done, total),
        all_done: (done == total && total > 0).then(|| text::ALL_DONE.to_owned()),
        resume,
        next,
        review,
        assessment,
        checklists_heading: text::CHECKLISTS_HEADING.to_owned(),
        checklists,
    }
}

fn assessment_card(model: &Model) -> Card {
    let content = &model.content;
    let progress = model.log.progress();
    Card {
        heading: text::ASSESSMENT_HEADING.to_owned(),
        title: content.pack.assessment.title.clone(),
        detail: progress.assessments.last().map_or_else(
            || text::ASSESSMENT_NEVER.to_owned(),
            |last| {
                let stage = content
                    .pack
                    .assessment
                    .stages
                    .iter()
                    .find(|s| s.id == last.stage)
                    .map_or(last.stage.as_str(), |s| s.title.as_str());
                text::assessment_last(
                    stage,
                    &when::date(last.at.wall_ms, model.clock.utc_offset_minutes()),
                )
            },
        ),
        action: Some(Action::new(
            text::TAKE_ASSESSMENT,
            Event::Navigate {
                to: Destination::Assessment,
            },
        )),
    }
}
