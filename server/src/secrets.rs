//! Secrets and codes: device tokens (and their hashes), pairing codes, cohort codes and user ids.
//!
//! Everything random comes from the operating system (`getrandom`), never from a seeded
//! generator, because these values are credentials. Tokens are stored only as SHA-256 hashes:
//! a copy of the database alone does not let anyone sync as a learner.

use sha2::{Digest, Sha256};

/// The SHA-256 hash of a bearer token: the only form in which a token is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenHash(pub [u8; 32]);

impl TokenHash {
    pub fn of(token: &str) -> Self {
        Self(Sha256::digest(token.as_bytes()).into())
    }
}

/// Cohort codes avoid letters and digits that are easy to misread (0/O, 1/I/L) when a programme
/// lead reads one out in a meeting.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    // The OS random source failing is not something the server can work around: without it no
    // credential can be made safely, so stopping is the right answer.
    getrandom::getrandom(&mut bytes).expect("the operating system's random source works");
    bytes
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// A new bearer token: 32 random bytes, as 64 hex characters.
pub fn new_token() -> String {
    hex(&random_bytes::<32>())
}

/// A learner's public id, as the server reports it: 16 random bytes in hex.
pub fn new_user_id() -> String {
    hex(&random_bytes::<16>())
}

/// The length of a pairing code, in characters from [`CODE_ALPHABET`]: 31^12, about 7.9e17
/// codes (60 bits). ADR 0013 shows why this keeps guessing below one success a year.
pub const PAIRING_CODE_LEN: usize = 12;

/// The length of a cohort code: 31^8, about 8.5e11 codes (40 bits).
pub const COHORT_CODE_LEN: usize = 8;

/// `len` characters from [`CODE_ALPHABET`], uniform (bytes that would bias the choice are
/// skipped), in groups of four joined by hyphens: `K7QM-3XPA`.
fn new_code(len: usize) -> String {
    let alphabet_len = u8::try_from(CODE_ALPHABET.len()).expect("the alphabet is short");
    // 248 is the largest multiple of 31 below 256: bytes at or above it are skipped, so every
    // character is equally likely.
    let limit = 256 - 256 % u16::from(alphabet_len);
    let mut chars = Vec::with_capacity(len);
    while chars.len() < len {
        for b in random_bytes::<16>() {
            if u16::from(b) < limit && chars.len() < len {
                chars.push(char::from(CODE_ALPHABET[usize::from(b % alphabet_len)]));
            }
        }
    }
    group(&chars)
}

fn group(chars: &[char]) -> String {
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// A one-time pairing code such as `K7QM-3XPA-9RTW`.
pub fn new_pairing_code() -> String {
    new_code(PAIRING_CODE_LEN)
}

/// A cohort code such as `K7QM-3XPA`.
pub fn new_cohort_code() -> String {
    new_code(COHORT_CODE_LEN)
}

/// A code as typed by a learner, in the stored form: upper case, in hyphenated groups of four,
/// ignoring spaces and hyphens. `k7qm 3xpa` and `K7QM-3XPA` are the same code. Text that is
/// not a whole number of groups is kept as typed (upper case): it will match nothing.
pub fn normalize_code(typed: &str) -> String {
    let chars: Vec<char> = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if !chars.is_empty() && chars.len().is_multiple_of(4) {
        group(&chars)
    } else {
        chars.into_iter().collect()
    }
}

/// Whether a normalized code has the shape of a pairing code: twelve characters from the
/// alphabet, in three groups.
pub fn is_pairing_code(code: &str) -> bool {
    code.len() == PAIRING_CODE_LEN + 2
        && code.split('-').count() == 3
        && code
            .split('-')
            .all(|g| g.len() == 4 && g.bytes().all(|b| CODE_ALPHABET.contains(&b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_64_hex_characters_and_differ() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn a_token_hash_is_sha256_of_the_token() {
        // The SHA-256 of "abc", a published test vector.
        let expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert_eq!(hex(&TokenHash::of("abc").0), expected);
    }

    #[test]
    fn pairing_codes_are_three_groups_of_the_alphabet() {
        for _ in 0..200 {
            let code = new_pairing_code();
            assert!(is_pairing_code(&code), "{code}");
            assert_eq!(normalize_code(&code.to_lowercase().replace('-', " ")), code);
        }
        assert!(!is_pairing_code("123456"));
        assert!(!is_pairing_code("K7QM-3XPA"));
        assert!(
            !is_pairing_code("K7QM-3XPA-9RT0"),
            "0 is not in the alphabet"
        );
        assert!(!is_pairing_code("K7QM3XPA9RTW--"));
        assert!(!is_pairing_code("Ｋ7QM-3XPA-9RTW"));
    }

    #[test]
    fn cohort_codes_use_the_unambiguous_alphabet_and_normalize() {
        for _ in 0..200 {
            let code = new_cohort_code();
            assert_eq!(code.len(), 9);
            assert_eq!(&code[4..5], "-");
            assert!(
                code.bytes()
                    .filter(|&b| b != b'-')
                    .all(|b| CODE_ALPHABET.contains(&b)),
                "{code}"
            );
            assert_eq!(normalize_code(&code.to_lowercase().replace('-', " ")), code);
        }
        assert_eq!(normalize_code(" k7qm-3xpa "), "K7QM-3XPA");
        assert_eq!(normalize_code("short"), "SHORT");
    }
}
