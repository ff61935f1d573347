//! Module completion as an SVG bar chart. The table beside it carries the same figures for
//! screen readers, so the chart itself is hidden from them.

use std::fmt::Write as _;

use maud::{Markup, PreEscaped};

use crate::report::cohort::ModuleCompletion;
use crate::report::suppress::Cell;

const BAR_HEIGHT: u32 = 28;
const GAP: u32 = 12;
const LABEL_WIDTH: u32 = 40;
const PLOT_WIDTH: u32 = 400;

/// One bar per module: members who finished it, out of those who share. A hidden figure has
/// no bar and says so.
pub fn completion(modules: &[ModuleCompletion]) -> Markup {
    let height = u32::try_from(modules.len()).unwrap_or(0) * (BAR_HEIGHT + GAP) + GAP;
    let width = LABEL_WIDTH + PLOT_WIDTH + 120;
    let mut svg = format!(
        r#"<svg class="nc-chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" aria-hidden="true" focusable="false">"#
    );
    for (i, module) in modules.iter().enumerate() {
        let y = GAP + u32::try_from(i).unwrap_or(0) * (BAR_HEIGHT + GAP);
        let text_y = y + BAR_HEIGHT / 2 + 6;
        let _ = write!(
            svg,
            r##"<text x="0" y="{text_y}" fill="#0b0c0c">{}</text>"##,
            i + 1
        );
        let (finished, total) = (module.members.cells[0], module.members.total);
        match (finished, total) {
            (Cell::Shown(n), Cell::Shown(t)) if t > 0 => {
                let bar = PLOT_WIDTH * n / t;
                let _ = write!(
                    svg,
                    r##"<rect x="{LABEL_WIDTH}" y="{y}" width="{bar}" height="{BAR_HEIGHT}" fill="#1d70b8"/><text x="{}" y="{text_y}" fill="#0b0c0c">{n} of {t}</text>"##,
                    LABEL_WIDTH + bar + 8
                );
            }
            _ => {
                let _ = write!(
                    svg,
                    r##"<text x="{LABEL_WIDTH}" y="{text_y}" fill="#0b0c0c">Hidden</text>"##
                );
            }
        }
    }
    svg.push_str("</svg>");
    PreEscaped(svg)
}
