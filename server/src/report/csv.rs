//! Each report as CSV, for a spreadsheet: one header row in plain words, then one row per
//! member, lesson or group.
//!
//! Every field is quoted. A field that a spreadsheet would run as a formula (one starting with
//! `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, so a learner's name or
//! comment can never run code on the lead's computer (CSV injection).

use super::baseline::Baseline;
use super::cohort::{CohortProgress, UsefulnessRow};
use super::suppress::Cell;

/// What a hidden figure says in a spreadsheet.
pub const HIDDEN: &str = "hidden (small group)";

fn field(out: &mut String, value: &str) {
    out.push('"');
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        out.push('\'');
    }
    out.push_str(&value.replace('"', "\"\""));
    out.push('"');
}

fn line<S: AsRef<str>>(out: &mut String, fields: impl IntoIterator<Item = S>) {
    for (i, value) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, value.as_ref());
    }
    out.push_str("\r\n");
}

fn cell(cell: Cell) -> String {
    cell.value()
        .map_or_else(|| HIDDEN.to_owned(), |n| n.to_string())
}

/// One row per member who shares. Those who do not are counted in the report, not here: a
/// spreadsheet's rows stay all members, for sorting and filtering.
pub fn cohort_progress(report: &CohortProgress) -> String {
    let mut out = String::new();
    line(
        &mut out,
        [
            "Name",
            "Modules finished",
            "Lessons finished",
            "Quiz results",
            "Checklists run",
            "Last active",
        ],
    );
    for row in &report.rows {
        let quizzes = row
            .quizzes
            .iter()
            .map(|q| {
                format!(
                    "{}: {} of {}{}",
                    q.title,
                    q.best_score,
                    q.out_of,
                    if q.passed { " (passed)" } else { "" }
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        line(
            &mut out,
            [
                row.name.clone(),
                format!(
                    "{} of {}",
                    row.modules_finished, report.modules_in_programme
                ),
                format!(
                    "{} of {}",
                    row.lessons_finished, report.lessons_in_programme
                ),
                quizzes,
                row.checklists_run.to_string(),
                row.last_active.clone().unwrap_or_default(),
            ],
        );
    }
    out
}

/// One row per lesson or checklist that has ratings or comments.
pub fn usefulness(rows: &[UsefulnessRow]) -> String {
    let mut out = String::new();
    line(
        &mut out,
        [
            "Lesson or checklist",
            "Type",
            "Members who rated",
            "Rated 1 (not useful)",
            "Rated 2",
            "Rated 3",
            "Rated 4",
            "Rated 5 (extremely useful)",
            "Average rating",
            "Comments shared with you",
        ],
    );
    for row in rows {
        let mut fields = vec![
            row.about.title.clone(),
            row.kind.to_owned(),
            cell(row.ratings.total),
        ];
        fields.extend(row.ratings.cells.iter().map(|&c| cell(c)));
        fields.push(
            row.average
                .map_or_else(|| HIDDEN.to_owned(), |a| format!("{a:.1}")),
        );
        fields.push(row.comments.join("\n"));
        line(&mut out, fields);
    }
    out
}

/// One row for the council (if any) and one for all councils.
pub fn baseline(report: &Baseline) -> String {
    let mut out = String::new();
    let mut header = vec!["Group".to_owned(), "Members".to_owned()];
    header.extend(report.stages.iter().map(|s| format!("Stage: {}", s.title)));
    header.extend(
        report
            .areas
            .iter()
            .map(|a| format!("Average score: {}", a.title)),
    );
    line(&mut out, header);
    for row in report.council.iter().chain([&report.all]) {
        let mut fields = vec![row.name.clone(), cell(row.stages.total)];
        fields.extend(row.stages.cells.iter().map(|&c| cell(c)));
        fields.extend(
            row.area_means
                .iter()
                .map(|m| m.map_or_else(|| HIDDEN.to_owned(), |m| m.to_string())),
        );
        line(&mut out, fields);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        let mut out = String::new();
        line(&mut out, ["=HYPERLINK(\"x\")", "Sam \"Jo\"", "+1", "plain"]);
        assert_eq!(
            out,
            "\"'=HYPERLINK(\"\"x\"\")\",\"Sam \"\"Jo\"\"\",\"'+1\",\"plain\"\r\n"
        );
    }
}
