//! Property tests over random councils and cohorts: whatever learners share, no report shows a
//! figure about fewer than the minimum group, directly or by subtracting one shown figure from
//! another in the same report (ADR 0014).

use proptest::prelude::*;
use server::report::baseline::{self, Baseline, CouncilResults};
use server::report::cohort::{self, CohortRef};
use server::report::learner::Learner;
use server::report::suppress::{Cell, MinGroup, Row};
use shared::checklist::Stamped;
use shared::clock::Hlc;
use shared::pack::Content;
use shared::progress::{BaselineEntry, LessonProgress};
use shared::record::{AreaScore, Rated};

fn small(n: u32, min: MinGroup) -> bool {
    n > 0 && n < min.get()
}

/// Every figure of a row a reader sees is 0 or at least the minimum.
fn assert_safe(row: &Row, min: MinGroup, what: &str) -> Result<(), TestCaseError> {
    for cell in row.cells.iter().chain([&row.total]) {
        if let Cell::Shown(n) = *cell {
            prop_assert!(!small(n, min), "{what} shows {n}: {row:?}");
        }
    }
    Ok(())
}

/// What subtraction gives a reader of a council's row beside all councils'.
fn rest_of(part: &Row, whole: &Row) -> Row {
    let derived = |a: Cell, w: Cell| match (a, w) {
        (Cell::Shown(a), Cell::Shown(w)) => Cell::Shown(w - a),
        _ => Cell::Hidden,
    };
    Row {
        total: derived(part.total, whole.total),
        cells: part
            .cells
            .iter()
            .zip(&whole.cells)
            .map(|(&a, &w)| derived(a, w))
            .collect(),
    }
}

fn entry(content: &Content, stage: usize, score: u32) -> BaselineEntry {
    let spec = &content.pack.assessment;
    BaselineEntry {
        stage: spec.stages[stage % spec.stages.len()].id.clone(),
        scores: spec
            .areas
            .iter()
            .map(|a| AreaScore {
                area: a.id.clone(),
                score,
            })
            .collect(),
        month: "2026-11".into(),
        pack_version: 1,
    }
}

fn at(n: u64) -> Hlc {
    Hlc {
        wall_ms: 1_800_000_000_000 + n,
        counter: 0,
    }
}

/// A learner who shares or not, has finished the first `finished` lessons, rated the first
/// lesson `rating` (0: not rated), and is in the baseline at `stage` (`None`: not in it).
fn learner(
    content: &Content,
    shares: bool,
    finished: usize,
    rating: u8,
    stage: Option<usize>,
) -> Learner {
    let mut learner = Learner::default();
    let progress = &mut learner.progress;
    progress.settings.share_progress = Some(Stamped {
        value: shares,
        at: at(1),
    });
    if let Some(stage) = stage {
        progress.settings.share_baseline = Some(Stamped {
            value: true,
            at: at(1),
        });
        progress.baseline = Some(Stamped {
            value: entry(content, stage, 50),
            at: at(1),
        });
    }
    for lesson in content.pack.lessons().take(finished) {
        progress.lessons.insert(
            lesson.id.clone(),
            LessonProgress {
                complete: true,
                best: Some((5, 5)),
                attempts: 1,
                ..LessonProgress::default()
            },
        );
    }
    if rating > 0 {
        let first = content.pack.lessons().next().unwrap();
        progress.ratings.insert(
            Rated::Lesson {
                lesson: first.id.clone(),
            },
            Stamped {
                value: rating,
                at: at(2),
            },
        );
    }
    learner
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Each council's baseline beside all councils: no small figure, in either row or in the
    /// rest a reader can work out; means only from enough learners.
    #[test]
    fn the_baseline_never_shows_a_small_group(
        councils in prop::collection::vec(prop::collection::vec((0usize..4, 0u32..=100), 0..25), 1..5),
        min in 3u32..7,
    ) {
        let content = Content::default_content();
        let min = MinGroup::new(min).unwrap();
        let entries: Vec<Vec<BaselineEntry>> = councils
            .iter()
            .map(|c| c.iter().map(|&(stage, score)| entry(&content, stage, score)).collect())
            .collect();
        let all: Vec<&BaselineEntry> = entries.iter().flatten().collect();
        let results: Vec<CouncilResults<'_>> = entries
            .iter()
            .map(|e| CouncilResults { name: "Council", entries: e.iter().collect() })
            .collect();
        // The operator's all-councils report is as safe beside every council's row.
        let everyone = baseline::build(&results, None, &content, min);
        for (i, council) in entries.iter().enumerate() {
            let part: Vec<&BaselineEntry> = council.iter().collect();
            let report: Baseline = baseline::build(&results, Some(i), &content, min);
            prop_assert_eq!(&report.all, &everyone.all, "one row for all, whoever reads it");
            let mine = report.council.as_ref().unwrap();
            assert_safe(&mine.stages, min, &format!("council {i}"))?;
            assert_safe(&report.all.stages, min, "all councils")?;
            assert_safe(&rest_of(&mine.stages, &report.all.stages), min, "the rest")?;
            let n_part = u32::try_from(part.len()).unwrap();
            let n_all = u32::try_from(all.len()).unwrap();
            for (a, w) in mine.area_means.iter().zip(&report.all.area_means) {
                if a.is_some() {
                    prop_assert!(n_part >= min.get());
                }
                if w.is_some() {
                    prop_assert!(n_all >= min.get());
                    if a.is_some() {
                        prop_assert!(n_all - n_part >= min.get(), "the rest's mean would show");
                    }
                }
            }
        }
    }

    /// A cohort's summary and usefulness: no small figure, whoever shares and whatever they rate.
    #[test]
    fn a_cohort_summary_never_shows_a_small_group(
        members in prop::collection::vec(
            (any::<bool>(), 0usize..12, 0u8..=5, prop::option::of(0usize..4)),
            0..25,
        ),
        others in prop::collection::vec(0u32..8, 4),
        min in 3u32..7,
    ) {
        let content = Content::default_content();
        let min = MinGroup::new(min).unwrap();
        let learners: Vec<Learner> = members
            .iter()
            .map(|&(shares, finished, rating, stage)| {
                learner(&content, shares, finished, rating, stage)
            })
            .collect();
        let about = CohortRef { id: 1, name: "Pilot".into(), council: "Leeds".into() };
        let (_, own) = baseline::stage_counts(learners.iter(), &content);
        // The council's counts: this cohort's, plus other cohorts' (often none).
        let council: Vec<u32> = own.iter().zip(others.iter().cycle()).map(|(a, b)| a + b).collect();
        for council_stages in [&own, &council] {
            let summary = cohort::summary(about.clone(), &learners, &content, min, council_stages);
            for module in &summary.modules {
                assert_safe(&module.members, min, &module.module.id)?;
            }
            if let Some(stages) = &summary.stage_counts {
                prop_assert_eq!(&own, council_stages, "shown only when it is the council's");
                assert_safe(stages, min, "stages")?;
            } else {
                prop_assert_ne!(&own, council_stages);
            }
            for row in &summary.usefulness {
                assert_safe(&row.ratings, min, &row.about.id)?;
                if row.average.is_some() {
                    // The average with the number who rated would give back hidden counts.
                    prop_assert!(matches!(row.ratings.total, Cell::Shown(n) if n >= min.get()));
                    prop_assert!(row.ratings.cells.iter().all(|c| *c != Cell::Hidden));
                }
            }
        }
        // Members who do not share are counted, never named.
        let progress = cohort::progress(about, &learners, &content);
        let sharing = members.iter().filter(|m| m.0).count();
        prop_assert_eq!(progress.rows.len(), sharing);
        prop_assert_eq!(progress.not_sharing, members.len() - sharing);
    }
}
