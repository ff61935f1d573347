//! What both benchmarks share: the pack they measure with, and how they read percentiles.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use shared::harness::synthetic_pack;
use shared::pack::Content;

/// A pack the size of the real programme at its largest: 8 modules × 6 lessons × 5 questions,
/// 30 assessment items, 5 checklists. Built once per process.
pub(crate) fn content() -> Arc<Content> {
    static CONTENT: OnceLock<Arc<Content>> = OnceLock::new();
    CONTENT
        .get_or_init(|| Arc::new(Content::new(synthetic_pack(8, 6, 5, 30, 5))))
        .clone()
}

/// The `p` percentile (0.0 to 1.0) of timings sorted in ascending order, nearest rank.
pub(crate) fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}
