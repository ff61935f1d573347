//! The self-assessment: the intro, one item at a time, and the result with a chart.

use content::ItemKind;
use facet::Facet;
use serde::{Deserialize, Serialize};

use super::settings::ToggleView;
use super::{Action, StepCount};
use crate::assessment::{Attempt, Phase, Session, focus_areas, yes_no_choices};
use crate::event::{Destination, Event};
use crate::model::Model;
use crate::record::{Answer, Frequency, YesNo};
use crate::{text, when};

// One per render; boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[repr(C)]
pub enum AssessmentView {
    Intro(AssessmentIntroView),
    Item(AssessmentItemView),
    Result(AssessmentResultView),
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentIntroView {
    pub heading: String,
    pub paragraphs: Vec<String>,
    /// "About 10 minutes", "27 questions".
    pub facts: Vec<String>,
    pub privacy: String,
    pub start: Action,
    pub last_result: Option<Action>,
}

/// One choice of a scale or yes/no item, or one frequency of a channel.
#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceView {
    pub label: String,
    pub selected: bool,
    pub choose: Action,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelView {
    pub id: String,
    pub label: String,
    pub frequencies: Vec<ChoiceView>,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[repr(C)]
pub enum ItemInput {
    /// One answer from a list (a scale, or yes / no / not sure): radio buttons.
    Choice { choices: Vec<ChoiceView> },
    /// How often each channel is used: one row of radio buttons per channel.
    Channels { channels: Vec<ChannelView> },
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentItemView {
    pub id: String,
    pub progress: StepCount,
    pub area_title: String,
    pub prompt: String,
    pub hint: Option<String>,
    pub input: ItemInput,
    pub back: Action,
    /// "Next", or "See your result" on the last item. Absent until the item has an answer.
    pub next: Option<Action>,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageView {
    pub title: String,
    pub description: String,
    pub position_text: String,
    /// Every stage's title, lowest first, so shells can draw the route.
    pub route: Vec<String>,
    /// Index into `route` of this stage.
    pub index: u32,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaResultView {
    pub id: String,
    pub title: String,
    pub score: u32,
    pub previous: Option<u32>,
    pub change_text: String,
}

/// A bar chart of scores by area, with the text a screen reader reads instead.
#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartView {
    pub title: String,
    pub max: u32,
    pub series: Vec<String>,
    /// The whole chart in words.
    pub summary: String,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FocusView {
    pub title: String,
    pub score_text: String,
    pub description: String,
    pub modules: Vec<Action>,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentResultView {
    pub heading: String,
    pub date_text: String,
    pub stage_text: String,
    pub stage: StageView,
    pub overall: u32,
    pub overall_text: String,
    pub areas: Vec<AreaResultView>,
    pub chart: ChartView,
    pub compared_text: Option<String>,
    pub focus_heading: String,
    pub focus: Vec<FocusView>,
    pub privacy: String,
    /// "Add my result to the anonymous baseline".
    pub baseline: ToggleView,
    pub actions: Vec<Action>,
}

pub(super) fn build(model: &Model, session: &Session) -> AssessmentView {
    let spec = &model.content.pack.assessment;
    let attempts = &model.log.progress().assessments;
    match &session.phase {
        Phase::Intro => AssessmentView::Intro(AssessmentIntroView {
            heading: spec.title.clone(),
            paragraphs: spec.intro.clone(),
            facts: text::assessment_facts(spec.minutes, spec.items.len()),
            privacy: text::ASSESSMENT_PRIVACY.to_owned(),
            start: Action::new(text::START_ASSESSMENT, Event::StartAssessment),
            last_result: (!attempts.is_empty())
                .then(|| Action::new(text::SEE_LAST_RESULT, Event::ShowLastResult)),
        }),
        Phase::Item { index } => AssessmentView::Item(item(model, session, *index)),
        Phase::Result { attempt } => match attempts.get(*attempt) {
            Some(current) => AssessmentView::Result(result(
                model,
                current,
                attempt.checked_sub(1).and_then(|i| attempts.get(i)),
            )),
            None => build(model, &Session::new(spec)),
        },
    }
}

fn item(model: &Model, session: &Session, index: usize) -> AssessmentItemView {
    let spec = &model.content.pack.assessment;
    let item = &spec.items[index];
    let answer = session.answers[index].as_ref();
    let input = item_input(spec, item, answer);
    let last = index + 1 == spec.items.len();
    AssessmentItemView {
        id: item.id.clone(),
        progress: StepCount::new(index + 1, spec.items.len(), text::question_of),
        area_title: spec
            .areas
            .iter()
            .find(|a| a.id == item.area)
            .map_or_else(String::new, |a| a.title.clone()),
        prompt: item.prompt.clone(),
        hint: item.hint.clone(),
        input,
        back: Action::new(text::PREVIOUS, Event::PreviousItem),
        next: session.has_answer(spec, index).then(|| {
            Action::new(
                if last {
                    text::FINISH_ASSESSMENT
                } else {
                    text::NEXT
                },
                Event::NextItem,
            )
        }),
    }
}

fn item_input(
    spec: &content::Assessment,
    item: &content::Item,
    answer: Option<&Answer>,
) -> ItemInput {
    match &item.kind {
        ItemKind::Scale { scale } => {
            let labels = spec
                .scales
                .iter()
                .find(|s| &s.id == scale)
                .map_or(&[][..], |s| s.labels.as_slice());
            ItemInput::Choice {
                choices: labels
                    .iter()
                    .enumerate()
                    .map(|(i, label)| ChoiceView {
                        label: label.clone(),
                        selected: matches!(answer, Some(Answer::Scale(v)) if usize::from(*v) == i),
                        choose: Action::new(
                            label.clone(),
                            Event::AnswerChoice {
                                value: u32::try_from(i).unwrap_or(0),
                            },
                        ),
                    })
                    .collect(),
            }
        }
        ItemKind::YesNo { not_applicable, .. } => ItemInput::Choice {
            choices: yes_no_choices(&item.kind)
                .iter()
                .enumerate()
                .map(|(i, choice)| {
                    let label = match choice {
                        YesNo::Yes => text::YES,
                        YesNo::No => text::NO,
                        YesNo::NotSure => text::NOT_SURE,
                        YesNo::NotApplicable => not_applicable.as_deref().unwrap_or(text::NOT_SURE),
                    };
                    ChoiceView {
                        label: label.to_owned(),
                        selected: matches!(answer, Some(Answer::YesNo(a)) if a == choice),
                        choose: Action::new(
                            label,
                            Event::AnswerChoice {
                                value: u32::try_from(i).unwrap_or(0),
                            },
                        ),
                    }
                })
                .collect(),
        },
        ItemKind::Channels { channels, .. } => ItemInput::Channels {
            channels: channels
                .iter()
                .map(|channel| {
                    let current = match answer {
                        Some(Answer::Channels(uses)) => uses
                            .iter()
                            .find(|u| u.channel == channel.id)
                            .map_or(Frequency::Never, |u| u.frequency),
                        _ => Frequency::Never,
                    };
                    ChannelView {
                        id: channel.id.clone(),
                        label: channel.label.clone(),
                        frequencies: Frequency::ALL
                            .iter()
                            .map(|&frequency| ChoiceView {
                                label: text::FREQUENCIES[frequency.index()].to_owned(),
                                selected: frequency == current,
                                choose: Action::new(
                                    format!(
                                        "{}: {}",
                                        channel.label,
                                        text::FREQUENCIES[frequency.index()]
                                    ),
                                    Event::SetChannel {
                                        channel: channel.id.clone(),
                                        frequency,
                                    },
                                ),
                            })
                            .collect(),
                    }
                })
                .collect(),
        },
    }
}

fn result(model: &Model, current: &Attempt, previous: Option<&Attempt>) -> AssessmentResultView {
    let content = &model.content;
    let spec = &content.pack.assessment;
    let offset = model.clock.utc_offset_minutes();
    let areas: Vec<AreaResultView> = spec
        .areas
        .iter()
        .map(|area| {
            let score = current.score_of(&area.id).unwrap_or(0);
            let before = previous.and_then(|p| p.score_of(&area.id));
            AreaResultView {
                id: area.id.clone(),
                title: area.title.clone(),
                score,
                previous: before,
                change_text: text::change(score, before),
            }
        })
        .collect();
    let stage_index = spec
        .stages
        .iter()
        .position(|s| s.id == current.stage)
        .unwrap_or(0);
    let stage = spec.stages.get(stage_index);
    let stage_title = stage.map_or_else(String::new, |s| s.title.clone());
    let focus = focus_views(model, current);
    let series = if previous.is_some() {
        vec![text::THIS_TIME.to_owned(), text::LAST_TIME.to_owned()]
    } else {
        vec![text::THIS_TIME.to_owned()]
    };
    let summary_parts: Vec<String> = areas
        .iter()
        .map(|a| text::area_score(&a.title, a.score, a.previous))
        .collect();
    AssessmentResultView {
        heading: text::RESULT_HEADING.to_owned(),
        date_text: text::result_date(&when::date(current.at.wall_ms, offset)),
        stage_text: text::stage_is(&stage_title),
        stage: StageView {
            title: stage_title,
            description: stage.map_or_else(String::new, |s| s.description.clone()),
            position_text: text::stage_position(stage_index + 1, spec.stages.len()),
            route: spec.stages.iter().map(|s| s.title.clone()).collect(),
            index: u32::try_from(stage_index).unwrap_or(0),
        },
        overall: current.overall,
        overall_text: text::overall(current.overall),
        chart: ChartView {
            title: text::CHART_TITLE.to_owned(),
            max: 100,
            series,
            summary: text::chart_summary(&summary_parts),
        },
        areas,
        compared_text: previous.map(|p| text::compared_with(&when::date(p.at.wall_ms, offset))),
        focus_heading: text::FOCUS_HEADING.to_owned(),
        focus,
        privacy: text::ASSESSMENT_PRIVACY.to_owned(),
        baseline: super::sharing::baseline_toggle(model),
        actions: vec![
            Action::new(text::RETAKE, Event::StartAssessment),
            Action::new(
                text::BACK_HOME,
                Event::Navigate {
                    to: Destination::Home,
                },
            ),
        ],
    }
}

fn focus_views(model: &Model, current: &Attempt) -> Vec<FocusView> {
    let content = &model.content;
    let spec = &content.pack.assessment;
    focus_areas(spec, &current.scores)
        .into_iter()
        .filter_map(|score| {
            spec.areas
                .iter()
                .find(|a| a.id == score.area)
                .map(|a| (a, score.score))
        })
        .map(|(area, score)| FocusView {
            title: area.title.clone(),
            score_text: text::out_of_100(score),
            description: area.description.clone(),
            modules: area
                .modules
                .iter()
                .filter_map(|id| content.module(id))
                .map(|module| {
                    // An open module goes straight to its first unfinished lesson; a locked one
                    // goes to the path, which says what opens it.
                    let progress = model.log.progress();
                    let locked = matches!(
                        crate::path::module_state(content, progress, module),
                        crate::path::ModuleState::Locked { .. }
                    );
                    let lesson = module
                        .lessons
                        .iter()
                        .find(|l| !progress.is_complete(&l.id))
                        .or(module.lessons.first());
                    let event = match lesson {
                        Some(lesson) if !locked => Event::OpenLesson {
                            lesson: lesson.id.clone(),
                        },
                        _ => Event::Navigate {
                            to: Destination::Path,
                        },
                    };
                    Action::new(text::open_module(&module.title), event)
                })
                .collect(),
        })
        .collect()
}
