//! Checklist runs: a template worked through item by item, with ticks and notes.
//!
//! A tick or a note is one value per item. When two devices disagree about the same item, the
//! later timestamp wins for that item alone; other items are untouched (see ADR 0003).

use std::collections::{BTreeMap, HashMap};

use crate::clock::{Hlc, RecordId};

/// A value with the time it was set, merged last-writer-wins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamped<T> {
    pub value: T,
    pub at: Hlc,
}

/// Keeps whichever of the current and the new value was set later.
pub fn merge<T>(slot: &mut Option<Stamped<T>>, value: T, at: Hlc) {
    if slot.as_ref().is_none_or(|current| at > current.at) {
        *slot = Some(Stamped { value, at });
    }
}

/// One run of a checklist template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub id: RecordId,
    pub checklist: String,
    pub started: Hlc,
    pub finished: Option<Hlc>,
    done: HashMap<String, Option<Stamped<bool>>>,
    notes: HashMap<String, Option<Stamped<String>>>,
}

impl Run {
    pub fn is_done(&self, item: &str) -> bool {
        self.done
            .get(item)
            .and_then(Option::as_ref)
            .is_some_and(|s| s.value)
    }

    pub fn note(&self, item: &str) -> Option<&str> {
        self.notes
            .get(item)
            .and_then(Option::as_ref)
            .map(|s| s.value.as_str())
            .filter(|n| !n.is_empty())
    }

    pub fn done_count<'a>(&self, items: impl IntoIterator<Item = &'a str>) -> usize {
        items.into_iter().filter(|item| self.is_done(item)).count()
    }

    pub fn is_finished(&self) -> bool {
        self.finished.is_some()
    }
}

/// Every checklist run, keyed by the id of the record that started it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Runs {
    runs: BTreeMap<RecordId, Run>,
}

impl Runs {
    pub fn start(&mut self, id: RecordId, checklist: &str, at: Hlc) {
        self.runs.entry(id).or_insert_with(|| Run {
            id,
            checklist: checklist.to_owned(),
            started: at,
            finished: None,
            done: HashMap::new(),
            notes: HashMap::new(),
        });
    }

    /// Ticks or unticks an item. Records for a run that is not known are ignored here; they
    /// stay in the log.
    pub fn set_done(&mut self, run: RecordId, item: &str, done: bool, at: Hlc) {
        if let Some(run) = self.runs.get_mut(&run) {
            merge(run.done.entry(item.to_owned()).or_default(), done, at);
        }
    }

    pub fn set_note(&mut self, run: RecordId, item: &str, note: &str, at: Hlc) {
        if let Some(run) = self.runs.get_mut(&run) {
            merge(
                run.notes.entry(item.to_owned()).or_default(),
                note.to_owned(),
                at,
            );
        }
    }

    /// Marks a run finished. The first finish counts; finishing twice changes nothing.
    pub fn finish(&mut self, run: RecordId, at: Hlc) {
        if let Some(run) = self.runs.get_mut(&run) {
            run.finished = Some(run.finished.map_or(at, |f| f.min(at)));
        }
    }

    pub fn get(&self, id: RecordId) -> Option<&Run> {
        self.runs.get(&id)
    }

    /// Runs, newest first. Run ids are UUIDv7 ids, which sort by the time the run began.
    pub fn newest_first(&self) -> impl Iterator<Item = &Run> {
        self.runs.values().rev()
    }

    /// The newest unfinished run of a template, to offer "Continue".
    pub fn open_run_of(&self, checklist: &str) -> Option<&Run> {
        self.newest_first()
            .find(|r| r.checklist == checklist && !r.is_finished())
    }

    pub fn len(&self) -> usize {
        self.runs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(wall_ms: u64) -> Hlc {
        Hlc {
            wall_ms,
            counter: 0,
        }
    }

    #[test]
    fn later_tick_wins_per_item_whatever_the_order() {
        let run = RecordId(1);
        let mut a = Runs::default();
        a.start(run, "surgery", at(1));
        a.set_done(run, "platform", true, at(10));
        a.set_done(run, "platform", false, at(20));
        a.set_done(run, "publish", true, at(15));

        let mut b = Runs::default();
        b.start(run, "surgery", at(1));
        b.set_done(run, "publish", true, at(15));
        b.set_done(run, "platform", false, at(20));
        b.set_done(run, "platform", true, at(10));

        assert_eq!(a, b);
        assert!(!a.get(run).unwrap().is_done("platform"));
        assert!(a.get(run).unwrap().is_done("publish"));
    }

    #[test]
    fn notes_merge_per_item_and_empty_means_none() {
        let run = RecordId(1);
        let mut runs = Runs::default();
        runs.start(run, "surgery", at(1));
        runs.set_note(run, "platform", "Video call", at(5));
        runs.set_note(run, "platform", "", at(6));
        runs.set_note(run, "publish", "On the ward page", at(7));
        let run = runs.get(run).unwrap();
        assert_eq!(run.note("platform"), None);
        assert_eq!(run.note("publish"), Some("On the ward page"));
    }

    #[test]
    fn open_run_is_the_newest_unfinished_one() {
        let mut runs = Runs::default();
        runs.start(RecordId(1), "surgery", at(1));
        runs.start(RecordId(2), "surgery", at(2));
        runs.finish(RecordId(2), at(3));
        assert_eq!(runs.open_run_of("surgery").map(|r| r.id), Some(RecordId(1)));
        runs.finish(RecordId(1), at(4));
        assert!(runs.open_run_of("surgery").is_none());
    }

    #[test]
    fn records_for_an_unknown_run_are_ignored() {
        let mut runs = Runs::default();
        runs.set_done(RecordId(9), "x", true, at(1));
        runs.finish(RecordId(9), at(1));
        assert!(runs.is_empty());
    }
}
