//! Reports for programme leads, computed from synced records (ADR 0014).
//!
//! - [`suppress`]: the rule that hides small groups, so no figure about fewer than a handful of
//!   learners can be read or worked out.
//! - [`learner`]: one learner's shared records, folded by the core's own fold.
//! - [`cohort`] and [`baseline`]: pure builders, from folded learners to the report.
//! - [`read`]: reads what a report needs from storage, scoped to one council. It reads records
//!   only through the storage calls that never return a private one.
//! - [`csv`]: each report as a spreadsheet.

pub mod baseline;
pub mod cohort;
pub mod csv;
pub mod learner;
pub mod read;
pub mod suppress;

use serde::Serialize;

/// Something a report is about, by id and by the title people read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub id: String,
    pub title: String,
}

impl Label {
    pub fn new(id: &str, title: &str) -> Self {
        Self {
            id: id.to_owned(),
            title: title.to_owned(),
        }
    }
}

/// `YYYY-MM-DD` in UTC: a date a spreadsheet reads as a date.
pub fn day(unix_ms: u64) -> String {
    let (year, month, day) = shared::when::civil_date(unix_ms, 0);
    format!("{year:04}-{month:02}-{day:02}")
}
