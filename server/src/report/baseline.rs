//! The baseline: the stage distribution and mean area scores of learners who added their
//! self-assessment result, for one council beside all councils on the server.
//!
//! Seed 000's partnership surveyed members once; here the survey is continuous and private:
//! each learner counts once, with their latest result, only while they share it.

use serde::Serialize;
use shared::pack::Content;
use shared::progress::BaselineEntry;

use super::Label;
use super::learner::Learner;
use super::suppress::{Cell, MinGroup, Row, beside, row};

/// One group's row of the baseline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BaselineRow {
    /// The council's name, or "All councils".
    pub name: String,
    /// Learners at each stage; `total` is learners in the row.
    pub stages: Row,
    /// The mean score of each area, 0 to 100, rounded; `None` where hidden.
    pub area_means: Vec<Option<u32>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Baseline {
    pub min_group: u32,
    pub stages: Vec<Label>,
    pub areas: Vec<Label>,
    /// The council's row, when the report is for one council.
    pub council: Option<BaselineRow>,
    pub all: BaselineRow,
}

/// The name of the row for everyone.
pub const ALL_COUNCILS: &str = "All councils";

/// Counts per stage of the current pack, lowest first. A result whose stage the pack no longer
/// has is left out.
pub(super) fn stage_counts<'a>(
    learners: impl Iterator<Item = &'a Learner>,
    content: &Content,
) -> (Vec<Label>, Vec<u32>) {
    let entries: Vec<&BaselineEntry> = learners.filter_map(Learner::baseline).collect();
    counts_of(&entries, content)
}

fn counts_of(entries: &[&BaselineEntry], content: &Content) -> (Vec<Label>, Vec<u32>) {
    let stages = &content.pack.assessment.stages;
    let mut counts = vec![0u32; stages.len()];
    for entry in entries {
        if let Some(i) = stages.iter().position(|s| s.id == entry.stage) {
            counts[i] += 1;
        }
    }
    let labels = stages.iter().map(|s| Label::new(&s.id, &s.title)).collect();
    (labels, counts)
}

/// For each area of the pack: how many results score it, and their sum.
fn area_sums(entries: &[&BaselineEntry], content: &Content) -> Vec<(u32, u64)> {
    content
        .pack
        .assessment
        .areas
        .iter()
        .map(|area| {
            entries
                .iter()
                .filter_map(|e| e.scores.iter().find(|s| s.area == area.id))
                .fold((0, 0), |(n, sum), s| (n + 1, sum + u64::from(s.score)))
        })
        .collect()
}

fn mean((n, sum): (u32, u64)) -> u32 {
    u32::try_from((sum + u64::from(n) / 2) / u64::from(n.max(1))).unwrap_or(u32::MAX)
}

/// The baseline for every learner on the server (`all`), and, given the results of one
/// council's learners, that council beside it.
pub fn build(
    council: Option<(&str, &[&BaselineEntry])>,
    all: &[&BaselineEntry],
    content: &Content,
    min: MinGroup,
) -> Baseline {
    let (stages, all_counts) = counts_of(all, content);
    let all_sums = area_sums(all, content);
    let areas = content
        .pack
        .assessment
        .areas
        .iter()
        .map(|a| Label::new(&a.id, &a.title))
        .collect();
    let enough = |n: u32| n >= min.get();
    let Some((name, entries)) = council else {
        let whole = row(&all_counts, min);
        let area_means = all_sums
            .iter()
            .map(|&s| (whole.total != Cell::Hidden && enough(s.0)).then(|| mean(s)))
            .collect();
        return Baseline {
            min_group: min.get(),
            stages,
            areas,
            council: None,
            all: BaselineRow {
                name: ALL_COUNCILS.to_owned(),
                stages: whole,
                area_means,
            },
        };
    };
    let (_, part_counts) = counts_of(entries, content);
    let part_sums = area_sums(entries, content);
    let (part, whole) = beside(&part_counts, &all_counts, min);
    let part_means: Vec<Option<u32>> = part_sums
        .iter()
        .map(|&s| (part.total != Cell::Hidden && enough(s.0)).then(|| mean(s)))
        .collect();
    // A mean of all beside a shown mean of the council gives the mean of the rest: show it
    // only if the rest is a large enough group too.
    let whole_means = all_sums
        .iter()
        .zip(&part_sums)
        .zip(&part_means)
        .map(|((&w, &p), shown)| {
            let rest_ok = shown.is_none() || enough(w.0 - p.0);
            (whole.total != Cell::Hidden && enough(w.0) && rest_ok).then(|| mean(w))
        })
        .collect();
    Baseline {
        min_group: min.get(),
        stages,
        areas,
        council: Some(BaselineRow {
            name: name.to_owned(),
            stages: part,
            area_means: part_means,
        }),
        all: BaselineRow {
            name: ALL_COUNCILS.to_owned(),
            stages: whole,
            area_means: whole_means,
        },
    }
}
