//! Rate limits, per client address or per learner, never global (ADR 0013).
//!
//! Each limit is a generic cell rate algorithm (GCRA, the token bucket written as one
//! timestamp per key): `max` requests may come at once, and after that one more every
//! `window / max`. Checking and counting are one step under one lock, so parallel requests
//! cannot both pass the last free place. A refusal says when to try again (`Retry-After`).

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// `max` requests per `window`, with bursts of up to `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub max: u32,
    pub window: Duration,
}

impl Rate {
    pub const fn per_hour(max: u32) -> Self {
        Self {
            max,
            window: Duration::from_secs(3600),
        }
    }

    fn window_ms(self) -> u64 {
        u64::try_from(self.window.as_millis()).unwrap_or(u64::MAX)
    }

    /// The time one request uses up.
    fn interval_ms(self) -> u64 {
        (self.window_ms() / u64::from(self.max.max(1))).max(1)
    }
}

/// A refusal: the caller may try again after this many seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub u64);

/// Keys whose buckets are full again are forgotten when the table grows past this, so memory
/// stays in proportion to the clients active within one window.
const PRUNE_AT: usize = 4096;

/// One rate limit over many keys.
#[derive(Debug)]
pub struct Limiter<K> {
    rate: Rate,
    /// The theoretical arrival time of each key's next request, in Unix ms.
    next: Mutex<HashMap<K, u64>>,
}

impl<K: Eq + Hash + Copy> Limiter<K> {
    pub fn new(rate: Rate) -> Self {
        Self {
            rate,
            next: Mutex::new(HashMap::new()),
        }
    }

    pub fn rate(&self) -> Rate {
        self.rate
    }

    /// Counts one request for `key` at `now_ms`, or refuses it if the key is over its rate.
    pub fn take(&self, key: K, now_ms: u64) -> Result<(), RetryAfter> {
        let (interval, window) = (self.rate.interval_ms(), self.rate.window_ms());
        let mut next = self.next.lock().unwrap_or_else(PoisonError::into_inner);
        if next.len() >= PRUNE_AT {
            next.retain(|_, tat| *tat > now_ms);
        }
        let tat = next.get(&key).copied().unwrap_or(now_ms).max(now_ms);
        let new_tat = tat.saturating_add(interval);
        if new_tat - now_ms > window {
            let wait_ms = new_tat - window - now_ms;
            return Err(RetryAfter(wait_ms.div_ceil(1000).max(1)));
        }
        next.insert(key, new_tat);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_800_000_000_000;

    #[test]
    fn a_burst_of_max_passes_then_one_per_interval() {
        let limiter = Limiter::new(Rate::per_hour(6));
        for _ in 0..6 {
            assert_eq!(limiter.take(1, NOW), Ok(()));
        }
        let RetryAfter(wait) = limiter.take(1, NOW).unwrap_err();
        assert_eq!(wait, 600, "one more every ten minutes");
        assert!(limiter.take(1, NOW + 599_000).is_err());
        assert_eq!(limiter.take(1, NOW + 600_000), Ok(()));
        assert!(limiter.take(1, NOW + 600_000).is_err());
    }

    #[test]
    fn keys_are_independent() {
        let limiter = Limiter::new(Rate::per_hour(1));
        assert_eq!(limiter.take("a", NOW), Ok(()));
        assert!(limiter.take("a", NOW).is_err());
        assert_eq!(limiter.take("b", NOW), Ok(()));
    }

    #[test]
    fn refusals_are_not_counted() {
        let limiter = Limiter::new(Rate::per_hour(2));
        limiter.take(1, NOW).unwrap();
        limiter.take(1, NOW).unwrap();
        for _ in 0..100 {
            assert!(limiter.take(1, NOW).is_err());
        }
        // Hammering while refused does not push the next free place further away.
        assert_eq!(limiter.take(1, NOW + 1_800_000), Ok(()));
    }

    #[test]
    fn a_clock_that_steps_back_cannot_free_places() {
        let limiter = Limiter::new(Rate::per_hour(1));
        limiter.take(1, NOW).unwrap();
        assert!(limiter.take(1, NOW - 10_000_000).is_err());
    }

    #[test]
    fn full_buckets_are_forgotten_when_the_table_grows() {
        let limiter = Limiter::new(Rate::per_hour(10));
        for key in 0..PRUNE_AT as u64 {
            limiter.take(key, NOW).unwrap();
        }
        limiter.take(u64::MAX, NOW + 3_600_000).unwrap();
        let size = limiter.next.lock().unwrap().len();
        assert_eq!(size, 1, "only the newest key is still counting");
    }

    #[test]
    fn parallel_takes_never_pass_more_than_max() {
        let limiter = std::sync::Arc::new(Limiter::new(Rate::per_hour(50)));
        let passed: usize = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    let limiter = &limiter;
                    s.spawn(move || (0..100).filter(|_| limiter.take(7, NOW).is_ok()).count())
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).sum()
        });
        assert_eq!(passed, 50);
    }
}
