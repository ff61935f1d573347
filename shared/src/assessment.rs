//! The private digital-footprint self-assessment: scoring, past attempts, and the question-by-question session.
//!
//! Scoring is exact integer arithmetic on percentages, so every device gives the same result
//! (the rule is written out in `docs/CONTENT-FORMAT.md` and ADR 0006). Answers to items the pack
//! no longer has are ignored, so an old attempt never breaks the core.

use content::{Assessment, Item, ItemKind};

use crate::clock::Hlc;
use crate::record::{Answer, AreaScore, ChannelUse, Frequency, ItemAnswer, YesNo};

/// Most areas suggested as the ones to work on first.
pub const MAX_FOCUS: usize = 3;
/// Fewest areas suggested, so there is always some advice.
pub const MIN_FOCUS: usize = 2;

/// `num / den` rounded half up.
fn round_div(num: u64, den: u64) -> u32 {
    if den == 0 {
        return 0;
    }
    u32::try_from((2 * num + den) / (2 * den)).unwrap_or(u32::MAX)
}

/// Points from 0 to 100 for one answer, or `None` if the answer does not fit the item or is
/// "not applicable" (either way the item is left out of its area's score).
pub fn item_points(spec: &Assessment, item: &Item, answer: &Answer) -> Option<u32> {
    match (&item.kind, answer) {
        (ItemKind::Scale { scale }, Answer::Scale(value)) => {
            let points = spec.scales.iter().find(|s| &s.id == scale)?.labels.len();
            let top = u64::try_from(points.checked_sub(1)?).ok()?;
            let value = u64::from(*value);
            (value <= top).then(|| round_div(value * 100, top))
        }
        (ItemKind::YesNo { reverse, .. }, Answer::YesNo(answer)) => {
            let s = &spec.scoring;
            match (answer, reverse) {
                (YesNo::Yes, false) | (YesNo::No, true) => Some(s.yes),
                (YesNo::No, false) | (YesNo::Yes, true) => Some(s.no),
                (YesNo::NotSure, _) => Some(s.not_sure),
                // "There isn't one": the item is left out, so it neither helps nor hurts.
                (YesNo::NotApplicable, _) => None,
            }
        }
        (ItemKind::Channels { channels, full_at }, Answer::Channels(uses)) => {
            // The mean of the best `full_at` channels: depth counts, not breadth, so one
            // channel used every day scores more than five used now and then.
            let mut points: Vec<u64> = channels
                .iter()
                .map(|c| {
                    let frequency = uses
                        .iter()
                        .find(|u| u.channel == c.id)
                        .map_or(Frequency::Never, |u| u.frequency);
                    u64::from(spec.scoring.frequency[frequency.index()])
                })
                .collect();
            points.sort_unstable_by(|a, b| b.cmp(a));
            let full_at = usize::try_from(*full_at).unwrap_or(1).max(1);
            let total: u64 = points.iter().take(full_at).sum();
            Some(round_div(total, u64::try_from(full_at).unwrap_or(1)).min(100))
        }
        _ => None,
    }
}

/// The result of one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub scores: Vec<AreaScore>,
    pub overall: u32,
    /// The channels score: how much the learner really uses online channels (0 to 100).
    pub channels: u32,
    pub stage: String,
}

/// Scores a set of answers against the pack's rules.
pub fn score(spec: &Assessment, answers: &[ItemAnswer]) -> Outcome {
    let scores: Vec<AreaScore> = spec
        .areas
        .iter()
        .map(|area| {
            let (mut sum, mut weight) = (0u64, 0u64);
            for item in spec.items.iter().filter(|i| i.area == area.id) {
                let points = answers
                    .iter()
                    .find(|a| a.item == item.id)
                    .and_then(|a| item_points(spec, item, &a.answer));
                if let Some(points) = points {
                    sum += u64::from(points) * u64::from(item.weight);
                    weight += u64::from(item.weight);
                }
            }
            AreaScore {
                area: area.id.clone(),
                score: round_div(sum, weight),
            }
        })
        .collect();
    let overall = round_div(
        scores.iter().map(|s| u64::from(s.score)).sum(),
        u64::try_from(scores.len()).unwrap_or(1),
    );
    let channels = channels_score(spec, answers);
    Outcome {
        stage: stage_for(spec, overall, channels).to_owned(),
        scores,
        overall,
        channels,
    }
}

/// The best score on the pack's channels items: how much the learner really uses online
/// channels. A pack with no channels item puts no limit on the stage (100).
pub fn channels_score(spec: &Assessment, answers: &[ItemAnswer]) -> u32 {
    let mut items = spec
        .items
        .iter()
        .filter(|i| matches!(i.kind, ItemKind::Channels { .. }))
        .peekable();
    if items.peek().is_none() {
        return 100;
    }
    items
        .map(|item| {
            answers
                .iter()
                .find(|a| a.item == item.id)
                .and_then(|a| item_points(spec, item, &a.answer))
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0)
}

/// The highest stage whose minimum the overall score reaches, and whose minimum channels score
/// the learner's real use of channels reaches.
pub fn stage_for(spec: &Assessment, overall: u32, channels: u32) -> &str {
    spec.stages
        .iter()
        .rev()
        .find(|s| overall >= s.min_score && channels >= s.min_channels)
        .or_else(|| spec.stages.first())
        .map_or("", |s| s.id.as_str())
}

/// The areas to work on first: the lowest under the pack's threshold, between two and three of them.
pub fn focus_areas<'a>(spec: &Assessment, scores: &'a [AreaScore]) -> Vec<&'a AreaScore> {
    let mut ranked: Vec<(usize, &AreaScore)> = scores.iter().enumerate().collect();
    ranked.sort_by_key(|(i, s)| (s.score, *i));
    let below = ranked
        .iter()
        .filter(|(_, s)| s.score < spec.scoring.focus_below)
        .count();
    let take = below.clamp(MIN_FOCUS, MAX_FOCUS).min(ranked.len());
    ranked.into_iter().take(take).map(|(_, s)| s).collect()
}

/// A completed attempt, as folded from its record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    pub at: Hlc,
    pub answers: Vec<ItemAnswer>,
    pub scores: Vec<AreaScore>,
    pub overall: u32,
    pub stage: String,
}

impl Attempt {
    pub fn score_of(&self, area: &str) -> Option<u32> {
        self.scores.iter().find(|s| s.area == area).map(|s| s.score)
    }
}

/// Where the learner is in taking the assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    Intro,
    Item {
        index: usize,
    },
    /// Showing an attempt's result: the index into the learner's attempts.
    Result {
        attempt: usize,
    },
}

/// Why an assessment event did nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The event does not apply at this point (for example, answering on the intro page).
    NotNow,
    /// "Next" before choosing an answer.
    NeedsAnswer,
    /// The value is not one of the item's choices.
    NoSuchChoice,
}

/// An attempt in progress. Answers stay in memory until the last item; only the finished
/// attempt is recorded, as one private record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub phase: Phase,
    pub answers: Vec<Option<Answer>>,
}

/// The answers to a yes/no item, in the order they are shown. The last is offered only on
/// items with a `not_applicable` label.
pub const YES_NO_CHOICES: [YesNo; 4] =
    [YesNo::Yes, YesNo::No, YesNo::NotSure, YesNo::NotApplicable];

/// The answers a yes/no item offers: three, or four with its "not applicable" label.
pub fn yes_no_choices(kind: &ItemKind) -> &'static [YesNo] {
    match kind {
        ItemKind::YesNo {
            not_applicable: Some(_),
            ..
        } => &YES_NO_CHOICES,
        _ => &YES_NO_CHOICES[..3],
    }
}

impl Session {
    pub fn new(spec: &Assessment) -> Self {
        Self {
            phase: Phase::Intro,
            answers: vec![None; spec.items.len()],
        }
    }

    pub fn showing(spec: &Assessment, attempt: usize) -> Self {
        Self {
            phase: Phase::Result { attempt },
            ..Self::new(spec)
        }
    }

    pub fn start(&mut self) -> Result<(), Refusal> {
        match self.phase {
            Phase::Intro | Phase::Result { .. } => {
                self.answers.iter_mut().for_each(|a| *a = None);
                self.phase = Phase::Item { index: 0 };
                Ok(())
            }
            Phase::Item { .. } => Err(Refusal::NotNow),
        }
    }

    fn current(&self) -> Result<usize, Refusal> {
        match self.phase {
            Phase::Item { index } => Ok(index),
            _ => Err(Refusal::NotNow),
        }
    }

    /// Chooses the `value`th choice of a scale or yes/no item.
    pub fn choose(&mut self, spec: &Assessment, value: u32) -> Result<(), Refusal> {
        let index = self.current()?;
        let item = &spec.items[index];
        let value = usize::try_from(value).map_err(|_| Refusal::NoSuchChoice)?;
        let answer = match &item.kind {
            ItemKind::Scale { scale } => {
                let labels = spec
                    .scales
                    .iter()
                    .find(|s| &s.id == scale)
                    .map_or(0, |s| s.labels.len());
                if value >= labels {
                    return Err(Refusal::NoSuchChoice);
                }
                Answer::Scale(u8::try_from(value).map_err(|_| Refusal::NoSuchChoice)?)
            }
            ItemKind::YesNo { .. } => Answer::YesNo(
                *yes_no_choices(&item.kind)
                    .get(value)
                    .ok_or(Refusal::NoSuchChoice)?,
            ),
            ItemKind::Channels { .. } => return Err(Refusal::NotNow),
        };
        self.answers[index] = Some(answer);
        Ok(())
    }

    /// Sets how often one channel is used, on a channels item.
    pub fn set_channel(
        &mut self,
        spec: &Assessment,
        channel: &str,
        frequency: Frequency,
    ) -> Result<(), Refusal> {
        let index = self.current()?;
        let ItemKind::Channels { channels, .. } = &spec.items[index].kind else {
            return Err(Refusal::NotNow);
        };
        if !channels.iter().any(|c| c.id == channel) {
            return Err(Refusal::NoSuchChoice);
        }
        let answer = self.answers[index].get_or_insert_with(|| Answer::Channels(Vec::new()));
        if let Answer::Channels(uses) = answer {
            uses.retain(|u| u.channel != channel);
            if frequency != Frequency::Never {
                uses.push(ChannelUse {
                    channel: channel.to_owned(),
                    frequency,
                });
                uses.sort_by(|a, b| a.channel.cmp(&b.channel));
            }
        }
        Ok(())
    }

    /// Whether the current item has an answer. A channels item always has one: "never" for all.
    pub fn has_answer(&self, spec: &Assessment, index: usize) -> bool {
        self.answers[index].is_some() || matches!(spec.items[index].kind, ItemKind::Channels { .. })
    }

    /// Moves on. Returns the finished answers after the last item.
    pub fn next(&mut self, spec: &Assessment) -> Result<Option<Vec<ItemAnswer>>, Refusal> {
        let index = self.current()?;
        if !self.has_answer(spec, index) {
            return Err(Refusal::NeedsAnswer);
        }
        if index + 1 < spec.items.len() {
            self.phase = Phase::Item { index: index + 1 };
            return Ok(None);
        }
        let answers = spec
            .items
            .iter()
            .zip(&self.answers)
            .map(|(item, answer)| ItemAnswer {
                item: item.id.clone(),
                answer: answer.clone().unwrap_or(Answer::Channels(Vec::new())),
            })
            .collect();
        Ok(Some(answers))
    }

    /// Goes back one item, or to the intro from the first.
    pub fn previous(&mut self) -> Result<(), Refusal> {
        let index = self.current()?;
        self.phase = if index == 0 {
            Phase::Intro
        } else {
            Phase::Item { index: index - 1 }
        };
        Ok(())
    }
}
