//! Checks that pack text is written fresh: no run of eight words in a row may match a source.
//!
//! The sources are the seed documents and `FACTS.md` (facts about the rules, with where they
//! come from). They are not part of this repository. Instead `content/seeds.fingerprint`
//! holds a hash of every eight-word run in them, so the check runs anywhere, and `content check
//! --seeds <dir>` confirms the fingerprint still matches the source files.

use std::collections::HashMap;
use std::fmt::Write as _;

/// How many words in a row count as copying.
pub const RUN: usize = 8;

/// The words of a text, lower-cased with punctuation removed, as the comparison sees them.
pub fn normal_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// A stable 64-bit FNV-1a hash of a run of words joined by spaces.
fn run_hash(words: &[String]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            hash ^= u64::from(b' ');
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        for byte in word.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// The hashes of every eight-word run in a set of source files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprint {
    sources: Vec<String>,
    runs: HashMap<u64, usize>,
}

/// A run of pack text that matches a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    pub words: String,
    pub source: String,
}

impl Fingerprint {
    /// Builds the fingerprint of named source texts.
    pub fn of<'a>(sources: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut print = Self::default();
        for (name, text) in sources {
            let index = print.sources.len();
            print.sources.push(name.to_owned());
            for run in normal_words(text).windows(RUN) {
                print.runs.entry(run_hash(run)).or_insert(index);
            }
        }
        print
    }

    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    pub fn len(&self) -> usize {
        self.runs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// The first run of `text` found in a source, if any.
    pub fn find(&self, text: &str) -> Option<Copied> {
        let words = normal_words(text);
        words.windows(RUN).find_map(|run| {
            self.runs.get(&run_hash(run)).map(|&index| Copied {
                words: run.join(" "),
                source: self.sources[index].clone(),
            })
        })
    }

    /// The file format: `source <name>` lines, each followed by its hashes in hex, sorted.
    pub fn render(&self) -> String {
        let mut out = String::from(
            "# Hashes of every run of 8 words in the seed sources and FACTS.md (FNV-1a, 64-bit), for the originality check.\n\
             # Regenerate: cargo run -p content -- fingerprint ../shared/seeds ../shared/design/FACTS.md > content/seeds.fingerprint\n",
        );
        for (index, name) in self.sources.iter().enumerate() {
            let _ = writeln!(out, "source {name}");
            let mut hashes: Vec<u64> = self
                .runs
                .iter()
                .filter(|&(_, &i)| i == index)
                .map(|(&h, _)| h)
                .collect();
            hashes.sort_unstable();
            for hash in hashes {
                let _ = writeln!(out, "{hash:016x}");
            }
        }
        out
    }

    /// Reads the format written by [`Fingerprint::render`].
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut print = Self::default();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix("source ") {
                print.sources.push(name.trim().to_owned());
                continue;
            }
            let hash = u64::from_str_radix(line, 16)
                .map_err(|_| format!("line {}: expected a hex hash, found {line:?}", number + 1))?;
            if print.sources.is_empty() {
                return Err(format!(
                    "line {}: a hash before any `source` line",
                    number + 1
                ));
            }
            print.runs.entry(hash).or_insert(print.sources.len() - 1);
        }
        Ok(print)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str =
        "The project sets out to develop a programme for elected members to increase awareness.";

    #[test]
    fn finds_eight_copied_words_ignoring_case_and_punctuation() {
        let print = Fingerprint::of([("000.txt", SOURCE)]);
        let copied = print
            .find("We will DEVELOP a programme, for elected members to increase: awareness!")
            .expect("copied run");
        assert_eq!(copied.source, "000.txt");
        assert_eq!(
            copied.words,
            "develop a programme for elected members to increase"
        );
    }

    #[test]
    fn seven_words_in_a_row_are_allowed() {
        let print = Fingerprint::of([("000.txt", SOURCE)]);
        assert_eq!(
            print.find("Councils develop a programme for elected members each year."),
            None
        );
    }

    #[test]
    fn curly_and_straight_apostrophes_compare_equal() {
        let print = Fingerprint::of([(
            "s",
            "we can\u{2019}t leave anyone behind and we can\u{2019}t stall",
        )]);
        assert!(
            print
                .find("we can't leave anyone behind and we can't stall")
                .is_some()
        );
    }

    #[test]
    fn render_and_parse_round_trip() {
        let print = Fingerprint::of([
            ("a.txt", SOURCE),
            ("b.txt", "one two three four five six seven eight nine"),
        ]);
        let parsed = Fingerprint::parse(&print.render()).unwrap();
        assert_eq!(parsed, print);
        assert!(Fingerprint::parse("0123\n").is_err());
        assert!(Fingerprint::parse("source a\nnot-hex\n").is_err());
    }
}
