//! Plain-English measures: words, sentences, syllables and the Flesch-Kincaid grade.
//!
//! The syllable count is a heuristic, as in every readability tool; it is close enough to rank
//! texts and catch long words, which is what the checks need.

/// Counts of one piece of text, which add up across pieces.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextStats {
    pub sentences: u32,
    pub words: u32,
    pub syllables: u32,
}

impl TextStats {
    pub fn of(text: &str) -> Self {
        let mut stats = Self::default();
        for sentence in sentences(text) {
            let words: Vec<&str> = words(sentence).collect();
            if words.is_empty() {
                continue;
            }
            stats.sentences += 1;
            stats.words += count(words.len());
            stats.syllables += words.iter().map(|w| syllables(w)).sum::<u32>();
        }
        stats
    }

    pub fn add(&mut self, other: Self) {
        self.sentences += other.sentences;
        self.words += other.words;
        self.syllables += other.syllables;
    }

    /// The Flesch-Kincaid grade level: 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
    pub fn grade(&self) -> f64 {
        if self.words == 0 || self.sentences == 0 {
            return 0.0;
        }
        let words = f64::from(self.words);
        0.39 * (words / f64::from(self.sentences)) + 11.8 * (f64::from(self.syllables) / words)
            - 15.59
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Splits text into sentences at `.`, `!` or `?` followed by a space or the end.
pub fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text.trim();
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let bytes = rest.as_bytes();
        let mut end = rest.len();
        for (i, b) in bytes.iter().enumerate() {
            if matches!(b, b'.' | b'!' | b'?') {
                // Let closing quotes and brackets stay with their sentence.
                let mut j = i + 1;
                while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')') {
                    j += 1;
                }
                let closing_quote =
                    rest[j..].starts_with('\u{201d}') || rest[j..].starts_with('\u{2019}');
                if closing_quote {
                    j += 3;
                }
                if j >= bytes.len() || bytes[j].is_ascii_whitespace() {
                    end = j;
                    break;
                }
            }
        }
        let sentence = rest[..end].trim();
        rest = rest[end..].trim_start();
        Some(sentence)
    })
}

/// The words of a text: whitespace-separated tokens with at least one letter or digit.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().any(char::is_alphanumeric))
}

/// Counts words the same way as [`words`].
pub fn word_count(text: &str) -> u32 {
    count(words(text).count())
}

/// An estimate of the syllables in one word.
pub fn syllables(word: &str) -> u32 {
    // Hyphenated words are spoken as their parts.
    if word.contains('-') {
        return word
            .split('-')
            .filter(|p| !p.is_empty())
            .map(syllables)
            .sum::<u32>()
            .max(1);
    }
    let lower: Vec<char> = word
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if lower.is_empty() {
        // A number: count it as one syllable, like a short word.
        return 1;
    }
    if lower.len() <= 3 {
        return 1;
    }
    let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut letters = lower.as_slice();
    // Silent endings: "-es" and "-ed" (as in "makes", "asked"), and a final "e" (as in "make"),
    // but not "-le" (as in "table"), which is sounded.
    let n = letters.len();
    let drops_ed = letters.ends_with(&['e', 'd']) && !matches!(letters[n - 3], 't' | 'd');
    let drops_plural_es = letters.ends_with(&['e', 's'])
        && !is_vowel(letters[n - 3])
        && !matches!(letters[n - 3], 's' | 'x' | 'z' | 'c' | 'g' | 'h');
    if drops_ed || drops_plural_es {
        letters = &letters[..n - 2];
    } else if letters.ends_with(&['e']) && !letters.ends_with(&['l', 'e']) {
        letters = &letters[..n - 1];
    }
    let mut groups = 0u32;
    let mut previous_vowel = false;
    for (i, &c) in letters.iter().enumerate() {
        // A leading "y" is a consonant ("yes", "your").
        let vowel = is_vowel(c) && !(i == 0 && c == 'y');
        if vowel && !previous_vowel {
            groups += 1;
        }
        previous_vowel = vowel;
    }
    groups.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_at_end_punctuation_only() {
        let found: Vec<&str> =
            sentences("Post it. Then wait! Is 2.5 a lot? \"Yes.\" Done").collect();
        assert_eq!(
            found,
            vec![
                "Post it.",
                "Then wait!",
                "Is 2.5 a lot?",
                "\"Yes.\"",
                "Done"
            ]
        );
    }

    #[test]
    fn counts_words_ignoring_punctuation_tokens() {
        assert_eq!(word_count("A resident – on Facebook – asks: \"why?\""), 6);
    }

    #[test]
    fn syllable_estimates_for_common_words() {
        for (word, expected) in [
            ("the", 1),
            ("make", 1),
            ("table", 2),
            ("council", 2),
            ("councillor", 3),
            ("asked", 1),
            ("wanted", 2),
            ("resident", 3),
            ("digital", 3),
            ("information", 4),
            ("two-way", 2),
            ("yes", 1),
            ("2026", 1),
        ] {
            assert_eq!(syllables(word), expected, "{word}");
        }
    }

    #[test]
    fn simple_text_has_a_low_grade_and_dense_text_a_high_one() {
        let simple = TextStats::of(
            "Post a short update. Say what the council decided. Ask what people think.",
        );
        let dense = TextStats::of(
            "Organisational transformation necessitates comprehensive understanding of interdependencies between technological infrastructure and institutional governance arrangements.",
        );
        assert!(simple.grade() < 6.0, "{}", simple.grade());
        assert!(dense.grade() > 16.0, "{}", dense.grade());
        assert_eq!(simple.sentences, 3);
        assert_eq!(simple.words, 13);
    }
}
