//! Parses a lesson file: TOML front matter between `+++` lines, then a small, strict subset of Markdown.
//!
//! The subset is deliberately narrow so that every shell can render it natively and accessibly:
//! `## ` starts a step, `### ` is a heading inside a step, `- ` and `1. ` make lists, and
//! `:::callout` / `:::example` ... `:::` set text apart. Text is plain: no inline markup.

use crate::diagnostic::{Diagnostics, Location};
use crate::model::{Block, Step};

/// A piece of lesson text with the line it came from, for the readability and originality checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextUnit {
    pub line: u32,
    pub text: String,
    /// Headings are fragments, not sentences, so readability skips them.
    pub heading: bool,
}

/// A lesson file split into its front matter and its steps.
#[derive(Debug, Default)]
pub(crate) struct ParsedLesson {
    pub front: String,
    /// The line of the file where the front matter's first line is, so TOML errors point at the file.
    pub front_first_line: u32,
    pub steps: Vec<Step>,
    pub step_lines: Vec<u32>,
    pub units: Vec<TextUnit>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum BoxKind {
    Callout,
    Example,
}

struct OpenBox {
    kind: BoxKind,
    title: Option<String>,
    paragraphs: Vec<String>,
    line: u32,
}

struct Parser<'a> {
    file: &'a str,
    diagnostics: &'a mut Diagnostics,
    lesson: ParsedLesson,
    paragraph: Vec<&'a str>,
    paragraph_line: u32,
    list: Option<(bool, Vec<String>, Vec<u32>)>,
    open_box: Option<OpenBox>,
}

/// Parses `text`, the contents of `file`. Problems go to `diagnostics`; parsing carries on past them.
pub(crate) fn parse(file: &str, text: &str, diagnostics: &mut Diagnostics) -> ParsedLesson {
    let lines: Vec<&str> = text.lines().collect();
    let mut parser = Parser {
        file,
        diagnostics,
        lesson: ParsedLesson::default(),
        paragraph: Vec::new(),
        paragraph_line: 0,
        list: None,
        open_box: None,
    };

    let Some(close) = split_front_matter(&lines) else {
        parser.error(
            1,
            "start the file with front matter: a line with +++, TOML lines, then another +++",
        );
        return parser.lesson;
    };
    parser.lesson.front = lines[1..close].join("\n");
    parser.lesson.front_first_line = 2;
    let body_start = close + 1;

    for (index, raw) in lines.iter().enumerate().skip(body_start) {
        parser.line(line_number(index), raw);
    }
    parser.finish(line_number(lines.len()));
    parser.lesson
}

fn line_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

fn split_front_matter(lines: &[&str]) -> Option<usize> {
    if lines.first().map(|l| l.trim_end()) != Some("+++") {
        return None;
    }
    lines
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, l)| l.trim_end() == "+++")
        .map(|(i, _)| i)
}

/// Returns the text of an ordered list item (`12. text`), if the line is one.
fn ordered_item(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    line[digits..].strip_prefix(". ")
}

impl<'a> Parser<'a> {
    fn error(&mut self, line: u32, message: impl Into<String>) {
        self.diagnostics
            .push(Location::new(self.file, line), message.into());
    }

    fn line(&mut self, number: u32, raw: &'a str) {
        let line = raw.trim_end();
        let trimmed = line.trim_start();

        if self.open_box.is_some() {
            self.box_line(number, trimmed);
            return;
        }
        if trimmed.is_empty() {
            self.flush_paragraph();
            self.flush_list();
            return;
        }
        if let Some(rest) = trimmed.strip_prefix(":::") {
            self.flush_all();
            self.open_box(number, rest);
            return;
        }
        if let Some(heading) = trimmed.strip_prefix("## ") {
            self.flush_all();
            self.start_step(number, heading.trim());
            return;
        }
        if let Some(heading) = trimmed.strip_prefix("### ") {
            self.flush_all();
            let heading = self.checked_text(number, heading.trim());
            self.push_unit(number, &heading, true);
            self.push_block(number, Block::Heading(heading));
            return;
        }
        if trimmed.starts_with('#') && trimmed.trim_start_matches('#').starts_with(' ') {
            self.error(
                number,
                "use ## for a step and ### for a heading inside a step; the lesson title goes in the front matter",
            );
            return;
        }
        if let Some(item) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
        {
            self.list_item(number, false, item);
            return;
        }
        if let Some(item) = ordered_item(trimmed) {
            self.list_item(number, true, item);
            return;
        }
        // An indented line straight after a list item continues that item.
        if line.starts_with("  ")
            && self.paragraph.is_empty()
            && let Some((_, items, _)) = self.list.as_mut()
            && let Some(last) = items.last_mut()
        {
            last.push(' ');
            last.push_str(trimmed);
            return;
        }
        self.flush_list();
        if self.paragraph.is_empty() {
            self.paragraph_line = number;
        }
        self.paragraph.push(trimmed);
    }

    fn box_line(&mut self, number: u32, trimmed: &'a str) {
        if trimmed == ":::" {
            self.flush_paragraph();
            if let Some(open) = self.open_box.take() {
                if open.paragraphs.is_empty() {
                    self.error(
                        open.line,
                        "this box is empty; add some text before the closing :::",
                    );
                }
                let block = match open.kind {
                    BoxKind::Callout => Block::Callout {
                        title: open.title,
                        paragraphs: open.paragraphs,
                    },
                    BoxKind::Example => Block::Example {
                        title: open.title,
                        paragraphs: open.paragraphs,
                    },
                };
                self.push_block(open.line, block);
            }
        } else if trimmed.starts_with(":::") {
            self.error(
                number,
                "a box cannot start inside another box; close the first one with ::: on its own line",
            );
        } else if trimmed.is_empty() {
            self.flush_paragraph();
        } else {
            if self.paragraph.is_empty() {
                self.paragraph_line = number;
            }
            self.paragraph.push(trimmed);
        }
    }

    fn open_box(&mut self, number: u32, rest: &str) {
        let (kind, title) = rest.split_once(' ').unwrap_or((rest, ""));
        let kind = match kind {
            "callout" => BoxKind::Callout,
            "example" => BoxKind::Example,
            "" => {
                self.error(
                    number,
                    "this ::: closes nothing; open a box with :::callout or :::example first",
                );
                return;
            }
            other => {
                self.error(
                    number,
                    format!("unknown box ':::{other}'; use :::callout or :::example"),
                );
                BoxKind::Callout
            }
        };
        let title = title.trim();
        let title = if title.is_empty() {
            None
        } else {
            let title = self.checked_text(number, title);
            self.push_unit(number, &title, true);
            Some(title)
        };
        self.open_box = Some(OpenBox {
            kind,
            title,
            paragraphs: Vec::new(),
            line: number,
        });
    }

    fn start_step(&mut self, number: u32, heading: &str) {
        if heading.is_empty() {
            self.error(number, "a step heading needs some text after ##");
        }
        let heading = self.checked_text(number, heading);
        self.push_unit(number, &heading, true);
        self.lesson.steps.push(Step {
            heading,
            blocks: Vec::new(),
        });
        self.lesson.step_lines.push(number);
    }

    fn list_item(&mut self, number: u32, ordered: bool, item: &str) {
        self.flush_paragraph();
        if self.list.as_ref().is_some_and(|(o, _, _)| *o != ordered) {
            self.flush_list();
        }
        let item = self.checked_text(number, item.trim());
        let (_, items, lines) = self
            .list
            .get_or_insert_with(|| (ordered, Vec::new(), Vec::new()));
        items.push(item);
        lines.push(number);
    }

    fn flush_paragraph(&mut self) {
        if self.paragraph.is_empty() {
            return;
        }
        let line = self.paragraph_line;
        let joined = self.paragraph.join(" ");
        self.paragraph.clear();
        let text = self.checked_text(line, &joined);
        self.push_unit(line, &text, false);
        if let Some(open) = self.open_box.as_mut() {
            open.paragraphs.push(text);
        } else {
            self.push_block(line, Block::Paragraph(text));
        }
    }

    fn flush_list(&mut self) {
        if let Some((ordered, items, lines)) = self.list.take() {
            for (item, line) in items.iter().zip(&lines) {
                self.push_unit(*line, item, false);
            }
            self.push_block(lines[0], Block::List { ordered, items });
        }
    }

    fn flush_all(&mut self) {
        self.flush_paragraph();
        self.flush_list();
    }

    fn finish(&mut self, last_line: u32) {
        self.flush_all();
        if let Some(open) = self.open_box.take() {
            self.error(
                open.line,
                "this box is never closed; end it with ::: on its own line",
            );
        }
        if self.lesson.steps.is_empty() {
            self.error(
                last_line,
                "a lesson needs at least one step; start each step with a ## heading",
            );
        }
        let empty: Vec<u32> = self
            .lesson
            .steps
            .iter()
            .zip(&self.lesson.step_lines)
            .filter(|(step, _)| step.blocks.is_empty())
            .map(|(_, line)| *line)
            .collect();
        for line in empty {
            self.error(line, "this step has a heading but no text");
        }
    }

    fn push_block(&mut self, line: u32, block: Block) {
        match self.lesson.steps.last_mut() {
            Some(step) => step.blocks.push(block),
            None => self.error(
                line,
                "text before the first step; start the lesson with a ## step heading",
            ),
        }
    }

    fn push_unit(&mut self, line: u32, text: &str, heading: bool) {
        self.lesson.units.push(TextUnit {
            line,
            text: text.to_owned(),
            heading,
        });
    }

    /// Lesson text is plain: inline Markdown would show up as stray symbols in a native shell.
    fn checked_text(&mut self, line: u32, text: &str) -> String {
        const MARKUP: [(&str, &str); 5] = [
            ("**", "bold"),
            ("__", "underline"),
            ("`", "code"),
            ("](", "a link"),
            ("<", "HTML"),
        ];
        if let Some((_, what)) = MARKUP.iter().find(|(mark, _)| text.contains(mark)) {
            self.error(
                line,
                format!("lesson text is plain; remove the {what} markup"),
            );
        }
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> ParsedLesson {
        let mut d = Diagnostics::default();
        let parsed = parse("l.md", text, &mut d);
        assert!(d.is_empty(), "unexpected problems:\n{d}");
        parsed
    }

    fn problems(text: &str) -> Vec<String> {
        let mut d = Diagnostics::default();
        parse("l.md", text, &mut d);
        d.sorted().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn parses_steps_and_every_block_kind() {
        let lesson = parse_ok(
            "+++\nid = \"x\"\n+++\n\n## One\n\nFirst line\ncontinues here.\n\n### Sub\n\n- a\n- b\n  more b\n\n1. first\n2. second\n\n## Two\n\n:::callout Remember\nKeep it short.\n\nSecond para.\n:::\n\n:::example\nA resident asks.\n:::\n",
        );
        assert_eq!(lesson.front, "id = \"x\"");
        assert_eq!(lesson.steps.len(), 2);
        assert_eq!(
            lesson.steps[0].blocks,
            vec![
                Block::Paragraph("First line continues here.".into()),
                Block::Heading("Sub".into()),
                Block::List {
                    ordered: false,
                    items: vec!["a".into(), "b more b".into()]
                },
                Block::List {
                    ordered: true,
                    items: vec!["first".into(), "second".into()]
                },
            ]
        );
        assert_eq!(
            lesson.steps[1].blocks,
            vec![
                Block::Callout {
                    title: Some("Remember".into()),
                    paragraphs: vec!["Keep it short.".into(), "Second para.".into()]
                },
                Block::Example {
                    title: None,
                    paragraphs: vec!["A resident asks.".into()]
                },
            ]
        );
        assert_eq!(lesson.step_lines, vec![5, 19]);
        let first_para = lesson.units.iter().find(|u| !u.heading).unwrap();
        assert_eq!(first_para.line, 7);
    }

    #[test]
    fn reports_every_problem_with_its_line() {
        let found = problems(
            "+++\nid = \"x\"\n+++\nStray text.\n# Title\n## Step\n\nSome **bold** text.\n\n:::warning\nx\n:::\n\n## Empty\n\n:::callout\nnever closed\n",
        );
        assert_eq!(
            found,
            vec![
                "l.md:4: text before the first step; start the lesson with a ## step heading",
                "l.md:5: use ## for a step and ### for a heading inside a step; the lesson title goes in the front matter",
                "l.md:8: lesson text is plain; remove the bold markup",
                "l.md:10: unknown box ':::warning'; use :::callout or :::example",
                "l.md:14: this step has a heading but no text",
                "l.md:16: this box is never closed; end it with ::: on its own line",
            ]
        );
    }

    #[test]
    fn missing_front_matter_is_reported_at_line_one() {
        assert_eq!(
            problems("## Step\n\nText.\n"),
            vec![
                "l.md:1: start the file with front matter: a line with +++, TOML lines, then another +++"
            ]
        );
    }
}
