//! One learner as the reports see them: their shared records, folded once by the core's own
//! fold, so a report and the learner's app never disagree about what is finished.

use shared::pack::Content;
use shared::path;
use shared::progress::Progress;
use shared::record::Record;

use crate::storage::SharedRecord;

/// What the reports know of one learner.
#[derive(Debug, Clone, Default)]
pub struct Learner {
    pub progress: Progress,
    /// The server's time of their latest activity (see [`Learner::fold`]).
    pub last_active_ms: Option<u64>,
    /// Records that could not be decoded; left out, and counted for the operator's log.
    pub unreadable: usize,
}

impl Learner {
    /// Folds a learner's shared records. A record's time is its device's clock, which the
    /// server bounds but does not trust; "last active" is the earlier of that and when the
    /// server received it, so a device whose clock runs ahead cannot look busier than it is.
    pub fn fold(records: Vec<SharedRecord>, content: &Content) -> Self {
        let mut last_active_ms = None;
        let mut unreadable = 0;
        let mut decoded = Vec::with_capacity(records.len());
        for shared in records {
            let at = shared.record.wall_ms.min(shared.received_at_ms);
            last_active_ms = last_active_ms.max(Some(at));
            match Record::from_stored_owned(shared.record) {
                Ok(record) => decoded.push(record),
                Err(_) => unreadable += 1,
            }
        }
        decoded.sort_unstable_by(|a, b| a.order_key().cmp(&b.order_key()));
        Self {
            progress: Progress::fold(&decoded, content),
            last_active_ms,
            unreadable,
        }
    }

    pub fn shares_progress(&self) -> bool {
        self.progress.settings.share_progress()
    }

    /// Their result in the baseline, if they share it.
    pub fn baseline(&self) -> Option<&shared::progress::BaselineEntry> {
        self.progress
            .settings
            .share_baseline()
            .then_some(self.progress.baseline.as_ref().map(|b| &b.value))
            .flatten()
    }

    pub fn modules_finished(&self, content: &Content) -> usize {
        content
            .pack
            .modules
            .iter()
            .filter(|m| path::module_complete(m, &self.progress))
            .count()
    }

    pub fn lessons_finished(&self, content: &Content) -> usize {
        path::totals(content, &self.progress).0
    }

    pub fn checklists_run(&self) -> usize {
        self.progress
            .runs
            .newest_first()
            .filter(|r| r.is_finished())
            .count()
    }
}
