//! What the learner shares: the two sharing toggles, the question asked after joining, and
//! "Was this useful?".

use facet::Facet;
use serde::{Deserialize, Serialize};

use super::Action;
use super::settings::{TextFieldView, ToggleView};
use crate::event::Event;
use crate::model::Model;
use crate::record::{RATING_RANGE, Rated};
use crate::text;

/// Settings' sharing section.
#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharingView {
    pub heading: String,
    pub progress: ToggleView,
    pub baseline: ToggleView,
}

/// Asked once, after joining a programme: share progress with the programme lead or not.
#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharePromptView {
    pub heading: String,
    pub text: String,
    pub will_see_heading: String,
    pub will_see: Vec<String>,
    pub will_not_see_heading: String,
    pub will_not_see: Vec<String>,
    pub yes: Action,
    pub no: Action,
}

/// One point of the "Was this useful?" scale.
#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingChoice {
    /// What the shell sends as `Event::RateUseful { rating }`.
    pub value: u32,
    pub label: String,
}

/// "Was this useful?". Until rated the shell shows the scale (one choice), a comment box and
/// a tick box, and sends `Event::RateUseful` with what was chosen; after, it shows `rated`.
#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingView {
    pub question: String,
    pub hint: String,
    pub scale: Vec<RatingChoice>,
    /// The comment box; `save_label` is the label of the button that sends the rating.
    pub comment: TextFieldView,
    pub share_comment_label: String,
    /// "You rated this 4 out of 5. Thank you.", once rated.
    pub rated: Option<String>,
}

fn toggle(label: &str, hint: &str, on: bool, state: [&str; 2], event: Event) -> ToggleView {
    ToggleView {
        label: label.to_owned(),
        hint: hint.to_owned(),
        on,
        state_text: state[usize::from(!on)].to_owned(),
        toggle: Action::new(if on { text::TURN_OFF } else { text::TURN_ON }, event),
    }
}

pub(super) fn progress_toggle(model: &Model) -> ToggleView {
    let on = model.log.progress().settings.share_progress();
    toggle(
        text::SHARE_PROGRESS_LABEL,
        text::SHARE_PROGRESS_HINT,
        on,
        [text::SHARE_PROGRESS_ON, text::SHARE_PROGRESS_OFF],
        Event::SetProgressSharing { enabled: !on },
    )
}

pub(super) fn baseline_toggle(model: &Model) -> ToggleView {
    let on = model.log.progress().settings.share_baseline();
    toggle(
        text::BASELINE_LABEL,
        text::BASELINE_HINT,
        on,
        [text::BASELINE_ON, text::BASELINE_OFF],
        Event::SetBaselineSharing { enabled: !on },
    )
}

pub(super) fn section(model: &Model) -> SharingView {
    SharingView {
        heading: text::SHARING_HEADING.to_owned(),
        progress: progress_toggle(model),
        baseline: baseline_toggle(model),
    }
}

/// The question after joining, until the learner has answered it (on any device).
pub(super) fn prompt(model: &Model) -> Option<SharePromptView> {
    let list = |items: &[&str]| items.iter().map(|&s| s.to_owned()).collect();
    model
        .log
        .progress()
        .settings
        .share_progress
        .is_none()
        .then(|| SharePromptView {
            heading: text::SHARE_PROMPT_HEADING.to_owned(),
            text: text::SHARE_PROMPT_TEXT.to_owned(),
            will_see_heading: text::LEAD_WILL_SEE.to_owned(),
            will_see: list(&text::LEAD_WILL_SEE_LIST),
            will_not_see_heading: text::LEAD_WILL_NOT_SEE.to_owned(),
            will_not_see: list(&text::LEAD_WILL_NOT_SEE_LIST),
            yes: Action::new(text::SHARE_YES, Event::SetProgressSharing { enabled: true }),
            no: Action::new(text::SHARE_NO, Event::SetProgressSharing { enabled: false }),
        })
}

pub(super) fn rating(model: &Model, about: &Rated) -> RatingView {
    RatingView {
        question: text::USEFUL_QUESTION.to_owned(),
        hint: text::USEFUL_HINT.to_owned(),
        scale: RATING_RANGE
            .zip(text::USEFUL_SCALE)
            .map(|(value, label)| RatingChoice {
                value: u32::from(value),
                label: label.to_owned(),
            })
            .collect(),
        comment: TextFieldView {
            label: text::USEFUL_COMMENT_LABEL.to_owned(),
            hint: text::USEFUL_COMMENT_HINT.to_owned(),
            value: String::new(),
            save_label: text::USEFUL_SEND.to_owned(),
        },
        share_comment_label: text::USEFUL_SHARE_COMMENT.to_owned(),
        rated: model
            .log
            .progress()
            .ratings
            .get(about)
            .map(|r| text::rated(r.value)),
    }
}
