//! The content pack: its compiled model, and (with the `source` feature) its source format and validator.

pub mod model;
pub mod readability;

#[cfg(feature = "source")]
pub mod blind;
#[cfg(feature = "source")]
pub mod diagnostic;
#[cfg(feature = "source")]
pub mod originality;
#[cfg(feature = "source")]
pub mod source;

pub use model::*;

/// Reading speed used for lesson times. A little below the adult average of about 238 words a
/// minute, because councillors read on a phone, often between meetings.
pub const WORDS_PER_MINUTE: u32 = 200;

/// Whole minutes to read `words`, rounded up, and at least one.
pub fn reading_minutes(words: u32) -> u32 {
    words.div_ceil(WORDS_PER_MINUTE).max(1)
}
