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
use super::suppress::{Cell, MinGroup, Row, beside, merged, row};

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
pub fn stage_counts<'a>(
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

/// One council's results in the baseline.
pub struct CouncilResults<'a> {
    pub name: &'a str,
    pub entries: Vec<&'a BaselineEntry>,
}

/// The baseline for every learner on the server, and, if `target` names one of `councils`,
/// that council beside it.
///
/// The row for all councils is the same for every reader: hidden wherever it would have to be
/// beside any council's row (ADR 0014). So a lead who subtracts their own council, or two
/// leads who pool their reports, or anyone given the operator's all-councils report, learns no
/// figure about a small group.
pub fn build(
    councils: &[CouncilResults<'_>],
    target: Option<usize>,
    content: &Content,
    min: MinGroup,
) -> Baseline {
    // A result whose stage this pack does not have is left out of every figure, so the
    // stage counts and the means describe the same learners.
    let stage_ids: Vec<&str> = content
        .pack
        .assessment
        .stages
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    let per_council: Vec<Vec<&BaselineEntry>> = councils
        .iter()
        .map(|c| {
            c.entries
                .iter()
                .copied()
                .filter(|e| stage_ids.contains(&e.stage.as_str()))
                .collect()
        })
        .collect();
    let all: Vec<&BaselineEntry> = per_council.iter().flatten().copied().collect();
    let (stages, all_counts) = counts_of(&all, content);
    let all_sums = area_sums(&all, content);
    let enough = |n: u32| n >= min.get();

    let council_counts: Vec<Vec<u32>> = per_council
        .iter()
        .map(|entries| counts_of(entries, content).1)
        .collect();
    let council_sums: Vec<Vec<(u32, u64)>> = per_council
        .iter()
        .map(|entries| area_sums(entries, content))
        .collect();
    let beside_each: Vec<Row> = council_counts
        .iter()
        .map(|counts| beside(counts, &all_counts, min).1)
        .collect();
    let whole = merged(&all_counts, &beside_each, min);
    // A council's mean is shown from enough learners; the mean of all only if, beside every
    // council whose mean is shown, the rest are enough too.
    let council_mean = |sums: &[(u32, u64)], shown: bool| -> Vec<Option<u32>> {
        sums.iter()
            .map(|&s| (shown && enough(s.0)).then(|| mean(s)))
            .collect()
    };
    let area_means = all_sums
        .iter()
        .enumerate()
        .map(|(area, &w)| {
            let rest_ok = council_sums
                .iter()
                .all(|sums| !enough(sums[area].0) || enough(w.0 - sums[area].0));
            (whole.total != Cell::Hidden && enough(w.0) && rest_ok).then(|| mean(w))
        })
        .collect();
    let areas = content
        .pack
        .assessment
        .areas
        .iter()
        .map(|a| Label::new(&a.id, &a.title))
        .collect();
    let council = target.map(|i| {
        let part = row(&council_counts[i], min);
        let shown = part.total != Cell::Hidden;
        BaselineRow {
            name: councils[i].name.to_owned(),
            stages: part,
            area_means: council_mean(&council_sums[i], shown),
        }
    });
    Baseline {
        min_group: min.get(),
        stages,
        areas,
        council,
        all: BaselineRow {
            name: ALL_COUNCILS.to_owned(),
            stages: whole,
            area_means,
        },
    }
}
