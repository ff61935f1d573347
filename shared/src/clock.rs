//! Time and identity for records: a hybrid logical clock, and UUIDv7 ids from shell-given entropy.
//!
//! The core never reads a clock or a random source itself. The shell passes entropy at start and
//! the time with each event; this module turns them into ids and timestamps that order records
//! the same way on every device, even when device clocks disagree.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::sync::wire::MAX_CLOCK_AHEAD_MS;

/// The largest HLC counter a record may carry. A counter only grows while many records share a
/// millisecond, so real ones stay tiny; a record with a huge one (4,294,967,295, say) would sort
/// after every later record stamped in the same millisecond, so it is refused (ADR 0013).
pub const MAX_COUNTER: u32 = 0xFFFF;

/// When a record from another device may be taken into the fold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrival {
    /// Now: its time is within [`MAX_CLOCK_AHEAD_MS`] of this device's clock.
    Now,
    /// Once this device's clock comes within [`MAX_CLOCK_AHEAD_MS`] of its time. Until then it
    /// is kept but not applied, so a record dated hours ahead cannot outrank every change the
    /// learner makes in between.
    Later,
    /// Never: its counter is out of range, so no later record could ever outrank it.
    Never,
}

/// A hybrid logical clock timestamp: wall-clock milliseconds, then a counter for ties.
///
/// Comparing two timestamps compares `wall_ms` first. A device that has seen a timestamp from
/// another device never issues one that sorts before it, so causality survives clock skew.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Hlc {
    pub wall_ms: u64,
    pub counter: u32,
}

/// A record id: a UUIDv7, so ids sort roughly by creation time and never collide in practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordId(pub u128);

impl RecordId {
    /// Builds a UUIDv7 from a millisecond timestamp and 80 random bits.
    pub fn v7(unix_ms: u64, random: u128) -> Self {
        let ms = u128::from(unix_ms & 0xFFFF_FFFF_FFFF);
        let rand_a = (random >> 62) & 0xFFF; // 12 bits
        let rand_b = random & 0x3FFF_FFFF_FFFF_FFFF; // 62 bits
        Self((ms << 80) | (0x7 << 76) | (rand_a << 64) | (0b10 << 62) | rand_b)
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hex = format!("{:032x}", self.0);
        write!(
            f,
            "{}-{}-{}-{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..32]
        )
    }
}

impl FromStr for RecordId {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // Parsed by hand, without allocating: every stored record's id is parsed at start.
        let bytes = s.as_bytes();
        if bytes.len() != 36 {
            return Err(format!("'{s}' is not a UUID"));
        }
        let mut value: u128 = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if matches!(i, 8 | 13 | 18 | 23) {
                if b != b'-' {
                    return Err(format!("'{s}' is not a UUID"));
                }
                continue;
            }
            let digit = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => return Err(format!("'{s}' is not a UUID")),
            };
            value = (value << 4) | u128::from(digit);
        }
        Ok(Self(value))
    }
}

impl Serialize for RecordId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for RecordId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A small, fast generator (SplitMix64). Not for secrets: record ids need uniqueness, seeded
/// from the platform's secure random source; option orders need only an even spread, seeded
/// from the question (see [`crate::shuffle`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rng(u64);

impl Rng {
    pub fn from_entropy(entropy: &[u8]) -> Self {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for chunk in entropy.chunks(8) {
            let mut bytes = [0u8; 8];
            bytes[..chunk.len()].copy_from_slice(chunk);
            seed = Self(seed ^ u64::from_le_bytes(bytes)).next_u64();
        }
        Self(seed)
    }

    /// A generator whose numbers follow from `seed` alone, the same on every platform.
    pub fn from_seed(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn next_u128(&mut self) -> u128 {
        (u128::from(self.next_u64()) << 64) | u128::from(self.next_u64())
    }

    /// A number below `bound` (which must be above 0), by multiply-shift.
    pub fn below(&mut self, bound: usize) -> usize {
        let bound = bound as u64;
        usize::try_from((u128::from(self.next_u64()) * u128::from(bound)) >> 64).unwrap_or(0)
    }
}

/// The device's clock: the latest time the shell reported, the hybrid logical clock, and the id source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    now_ms: u64,
    last: Hlc,
    rng: Rng,
    utc_offset_minutes: i32,
}

impl Default for Clock {
    fn default() -> Self {
        Self::new(&[], 0)
    }
}

impl Clock {
    pub fn new(entropy: &[u8], utc_offset_minutes: i32) -> Self {
        Self {
            now_ms: 0,
            last: Hlc::default(),
            rng: Rng::from_entropy(entropy),
            utc_offset_minutes,
        }
    }

    /// The wall-clock time the shell last reported, in Unix milliseconds.
    pub fn now_ms(&self) -> u64 {
        self.now_ms
    }

    pub fn utc_offset_minutes(&self) -> i32 {
        self.utc_offset_minutes
    }

    /// Records the shell's wall-clock time. Time may go backwards (the user changed it); the
    /// hybrid clock still moves forwards.
    pub fn set_now(&mut self, now_ms: u64) {
        self.now_ms = now_ms;
    }

    /// A timestamp for a new local record, later than every timestamp seen so far.
    pub fn tick(&mut self) -> Hlc {
        self.last = if self.now_ms > self.last.wall_ms {
            Hlc {
                wall_ms: self.now_ms,
                counter: 0,
            }
        } else if self.last.counter >= MAX_COUNTER {
            // Still later than everything seen, and the counter stays in range.
            Hlc {
                wall_ms: self.last.wall_ms.saturating_add(1),
                counter: 0,
            }
        } else {
            Hlc {
                wall_ms: self.last.wall_ms,
                counter: self.last.counter + 1,
            }
        };
        self.last
    }

    /// Takes note of a timestamp from this device's own stored record, so later local ones sort
    /// after it. Remote timestamps go through [`Clock::arrival`] first.
    pub fn observe(&mut self, seen: Hlc) {
        if seen > self.last {
            self.last = seen;
        }
    }

    /// Whether a record from another device, stamped `seen`, may be folded now. A record the
    /// device takes in is then [`observe`](Clock::observe)d, so the clock never moves more than
    /// [`MAX_CLOCK_AHEAD_MS`] ahead of the wall clock because of another device.
    pub fn arrival(&self, seen: Hlc) -> Arrival {
        if seen.counter > MAX_COUNTER {
            Arrival::Never
        } else if seen.wall_ms > self.now_ms.saturating_add(MAX_CLOCK_AHEAD_MS) {
            Arrival::Later
        } else {
            Arrival::Now
        }
    }

    /// A new record id for a record made now.
    pub fn new_id(&mut self) -> RecordId {
        RecordId::v7(self.now_ms, self.rng.next_u128())
    }

    /// A new random device id: 16 hex characters.
    pub fn new_device_id(&mut self) -> String {
        format!("{:016x}", self.rng.next_u64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_v7_has_version_variant_and_timestamp() {
        let id = RecordId::v7(0x0190_1234_5678, u128::MAX);
        let text = id.to_string();
        assert_eq!(&text[0..13], "01901234-5678");
        assert_eq!(&text[14..15], "7", "version nibble");
        assert!(
            matches!(&text[19..20], "8" | "9" | "a" | "b"),
            "variant bits in {text}"
        );
        assert_eq!(text.parse::<RecordId>(), Ok(id));
    }

    #[test]
    fn ids_sort_by_time() {
        let mut clock = Clock::new(b"seed", 0);
        clock.set_now(1_000);
        let first = clock.new_id();
        clock.set_now(2_000);
        assert!(clock.new_id() > first);
    }

    #[test]
    fn bad_uuids_are_rejected() {
        for bad in [
            "",
            "xyz",
            "0190123456787fffbfffffffffffffff",
            "01901234-5678-7fff-bfff-fffffffffffg",
        ] {
            assert!(bad.parse::<RecordId>().is_err(), "{bad}");
        }
    }

    #[test]
    fn hlc_moves_forward_when_the_wall_clock_goes_back() {
        let mut clock = Clock::default();
        clock.set_now(10_000);
        let a = clock.tick();
        clock.set_now(5_000);
        let b = clock.tick();
        assert!(b > a);
        assert_eq!(
            b,
            Hlc {
                wall_ms: 10_000,
                counter: 1
            }
        );
    }

    #[test]
    fn hlc_stays_after_observed_remote_time() {
        let mut clock = Clock::default();
        clock.set_now(1_000);
        let remote = Hlc {
            wall_ms: 600_000,
            counter: 3,
        };
        clock.observe(remote);
        assert!(clock.tick() > remote);
    }

    #[test]
    fn remote_times_far_ahead_wait_and_huge_counters_never_count() {
        let mut clock = Clock::default();
        clock.set_now(1_000_000);
        let at = |wall_ms, counter| Hlc { wall_ms, counter };
        assert_eq!(
            clock.arrival(at(1_000_000 + MAX_CLOCK_AHEAD_MS, 5)),
            Arrival::Now
        );
        assert_eq!(
            clock.arrival(at(1_000_000 + MAX_CLOCK_AHEAD_MS + 1, 0)),
            Arrival::Later
        );
        assert_eq!(clock.arrival(at(1_000, u32::MAX)), Arrival::Never);
        assert_eq!(clock.arrival(at(1_000, MAX_COUNTER)), Arrival::Now);
        clock.set_now(1_000_001);
        assert_eq!(
            clock.arrival(at(1_000_000 + MAX_CLOCK_AHEAD_MS + 1, 0)),
            Arrival::Now
        );
    }

    #[test]
    fn the_counter_rolls_into_the_next_millisecond_instead_of_overflowing() {
        let mut clock = Clock::default();
        clock.set_now(5);
        clock.observe(Hlc {
            wall_ms: 10,
            counter: MAX_COUNTER,
        });
        let next = clock.tick();
        assert_eq!(
            next,
            Hlc {
                wall_ms: 11,
                counter: 0
            }
        );
        assert!(clock.tick() > next);
    }

    #[test]
    fn different_entropy_gives_different_ids() {
        let mut a = Clock::new(&[1; 32], 0);
        let mut b = Clock::new(&[2; 32], 0);
        assert_ne!(a.new_id(), b.new_id());
        assert_ne!(a.new_device_id(), b.new_device_id());
    }
}
