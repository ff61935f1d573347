//! The console's stylesheets: GOV.UK Frontend (vendored, see `server/assets/README.md`) and a
//! few rules of the console's own.

use std::sync::OnceLock;

/// GOV.UK Frontend's compiled CSS, without its `@font-face` rules: the GDS Transport font is for
/// services on GOV.UK only, so text falls back to Arial, as the design system advises.
pub fn govuk_css() -> &'static str {
    static CSS: OnceLock<String> = OnceLock::new();
    CSS.get_or_init(|| strip_font_faces(include_str!("../../assets/govuk-frontend.min.css")))
}

fn strip_font_faces(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("@font-face") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find('}')
            .map_or("", |end| &rest[start + end + 1..]);
    }
    out.push_str(rest);
    out
}

/// The console's own rules: the join code's size, the chart, and the handout in print.
pub const CONSOLE_CSS: &str = "\
.nc-code{font-size:3rem;font-weight:700;letter-spacing:.1em;font-family:monospace}\
.nc-chart{max-width:100%;height:auto}\
.nc-chart text{font-size:16px;font-family:arial,sans-serif}\
.nc-qr svg{width:200px;height:200px}\
.nc-nav-form{display:inline}\
.nc-table-scroll{overflow-x:auto;margin-bottom:20px}\
.nc-table-scroll:focus{outline:3px solid #fd0;outline-offset:0}\
@media print{.govuk-header,.govuk-footer,.nc-no-print{display:none}}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_faces_are_removed_and_the_rest_kept() {
        let css = "a{b:c}@font-face{font-family:x;src:url(/f)}d{e:f}@font-face{g:h}";
        assert_eq!(strip_font_faces(css), "a{b:c}d{e:f}");
        assert!(!govuk_css().contains("@font-face"));
        assert!(govuk_css().contains(".govuk-table"));
    }
}
