//! The self-assessment file: areas, stages, scales and items.

use toml::Spanned;

use super::{Loader, Rules, SourceFile, raw};
use crate::diagnostic::Location;
use crate::model::{Area, Assessment, Channel, Item, ItemKind, Scale, Scoring, Stage};

impl Loader {
    pub(super) fn assessment(&mut self, rules: &Rules) -> Assessment {
        let Some(file) = self.read(&self.dir.join("assessment.toml")) else {
            return empty_assessment();
        };
        let Some(raw) = self.parse::<raw::Assessment>(&file) else {
            return empty_assessment();
        };
        let whole = file.whole();
        self.text(whole.clone(), &raw.title, None);
        for paragraph in &raw.intro {
            self.text(whole.clone(), paragraph, None);
        }
        self.check_scoring(&whole, &raw.scoring);
        let s = &raw.scoring;
        let areas = self.areas(&file, raw.areas);
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
                    format!(
                        "area '{}' has no items; add an [[item]] with area = \"{}\"",
                        area.id, area.id
                    ),
                );
            }
        }
        if areas.is_empty() {
            self.diagnostics.push(
                whole.clone(),
                "the assessment has no areas; add [[area]] tables",
            );
        }
        if let Some(range) = &rules.assessment_items
            && !range.contains(&items.len())
        {
            self.diagnostics.push(
                whole,
                format!(
                    "the assessment has {}; it should have {} to {}",
                    super::count(items.len(), "item"),
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

    fn check_scoring(&mut self, whole: &Location, s: &raw::Scoring) {
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
    }

    fn areas(&mut self, file: &SourceFile, raw: Vec<Spanned<raw::Area>>) -> Vec<Area> {
        raw.into_iter()
            .map(|area| {
                let location = file.at(area.span());
                let area = area.into_inner();
                self.define("area", &area.id, location.clone());
                self.text(location.clone(), &area.title, None);
                self.text(location, &area.description, None);
                Area {
                    id: area.id,
                    title: area.title,
                    description: area.description,
                    modules: area.modules,
                }
            })
            .collect()
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
                    .push(location.clone(), "min_score is a score from 0 to 100");
            }
            match stages.last() {
                None if stage.min_channels != 0 => self.diagnostics.push(
                    location.clone(),
                    "the first stage must have min_channels = 0, so every result has a stage",
                ),
                Some(previous) if stage.min_channels < previous.min_channels => {
                    self.diagnostics.push(
                        location.clone(),
                        format!(
                            "min_channels must not fall from one stage to the next; {} is below {}",
                            stage.min_channels, previous.min_channels
                        ),
                    );
                }
                _ => {}
            }
            if stage.min_channels > 100 {
                self.diagnostics
                    .push(location, "min_channels is a score from 0 to 100");
            }
            stages.push(Stage {
                id: stage.id,
                title: stage.title,
                description: stage.description,
                min_score: stage.min_score,
                min_channels: stage.min_channels,
            });
        }
        if stages.is_empty() {
            self.diagnostics.push(
                file.whole(),
                "the assessment has no stages; add [[stage]] tables",
            );
        }
        stages
    }

    fn item(
        &mut self,
        location: Location,
        item: raw::Item,
        areas: &[Area],
        scales: &[Scale],
    ) -> Item {
        self.define("assessment item", &item.id, location.clone());
        self.text(location.clone(), &item.prompt, None);
        if let Some(hint) = &item.hint {
            self.text(location.clone(), hint, None);
        }
        if !areas.iter().any(|a| a.id == item.area) {
            self.diagnostics
                .push(location.clone(), format!("unknown area '{}'", item.area));
        }
        let misplaced = |field: &str, kinds: &str| format!("{field} is only for {kinds} items");
        if item.kind != raw::ItemKind::Scale && item.scale.is_some() {
            self.diagnostics
                .push(location.clone(), misplaced("scale", "scale"));
        }
        if item.kind != raw::ItemKind::YesNo && item.reverse {
            self.diagnostics
                .push(location.clone(), misplaced("reverse", "yes_no"));
        }
        if item.kind != raw::ItemKind::YesNo && item.not_applicable.is_some() {
            self.diagnostics
                .push(location.clone(), misplaced("not_applicable", "yes_no"));
        }
        if let Some(label) = &item.not_applicable {
            self.text(location.clone(), label, None);
        }
        if item.kind != raw::ItemKind::Channels
            && (!item.channels.is_empty() || item.full_at.is_some())
        {
            self.diagnostics.push(
                location.clone(),
                misplaced("channel and full_at", "channels"),
            );
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
                not_applicable: item.not_applicable,
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
            self.diagnostics.push(
                location,
                "weight must be 1 or more; remove the item instead",
            );
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
}

/// What an unreadable assessment file compiles to, so checking can carry on.
fn empty_assessment() -> Assessment {
    Assessment {
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
    }
}
