//! The device's side of sync: its link to a server, where it is in the exchange, and the pure
//! rules for what to send and when to try again.
//!
//! States: local only (not joined), idle, syncing, backing off after a failure, offline, and
//! signed out (the server no longer knows this device). See ADR 0008 and ADR 0010.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::wire::{MAX_BATCH, PairingCode};
use crate::clock::RecordId;
use crate::effects::store::SyncMark;
use crate::progress::Log;
use crate::record::StoredRecord;

/// Wait after a change before syncing, so a burst of taps goes in one request.
pub const DEBOUNCE_MS: u64 = 2_000;
/// The first wait after a failure; it doubles with each failure in a row...
pub const BACKOFF_FIRST_MS: u64 = 5_000;
/// ...up to this.
pub const BACKOFF_MAX_MS: u64 = 5 * 60 * 1_000;

/// The server this device joined, as kept in the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub server: String,
    pub token: String,
    pub user: String,
    pub cohort: String,
}

/// A sign-out still to send: the server and the token of a device whose data was deleted
/// while it could not reach the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOut {
    pub server: String,
    pub token: String,
}

impl From<&Link> for SignOut {
    fn from(link: &Link) -> Self {
        Self {
            server: link.server.clone(),
            token: link.token.clone(),
        }
    }
}

/// Where the device is in syncing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Phase {
    /// Not joined to a council's server: everything stays on the device.
    #[default]
    LocalOnly,
    Idle,
    Syncing,
    /// The last attempt failed; the next is due at `retry_at_ms`.
    BackingOff {
        retry_at_ms: u64,
    },
    /// The shell reports no network.
    Offline,
    /// The server refused this device's token; joining again fixes it.
    SignedOut,
}

/// A request the settings screen is waiting on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Busy {
    Joining,
    Pairing,
    DeletingAccount,
}

/// What set a sync going. Some triggers wait out a backoff; others (the learner pressing
/// "Sync now", or the network coming back) start at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    Launch,
    Online,
    Manual,
    Timer,
}

// The flags are independent facts (network, a pending timer, a pending confirmation);
// folding them into one enum would make impossible combinations easy to write.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncState {
    pub link: Option<Link>,
    pub cursor: u64,
    pub phase: Phase,
    /// What the shell last said about the network. Assumed online until told otherwise.
    pub offline: bool,
    pub last_synced_ms: Option<u64>,
    /// New records arrived while a sync was out: go again when it ends.
    pub again: bool,
    /// A debounce or backoff timer is waiting.
    pub timer_armed: bool,
    pub busy: Option<Busy>,
    /// A pairing code to show, until it expires.
    pub pairing: Option<PairingCode>,
    pub confirm_delete_account: bool,
    /// The newest pack version the server offers.
    pub server_pack: u32,
    /// Why the last attempt failed, in words.
    pub last_error: Option<String>,
    /// Failed attempts in a row; a success resets it.
    pub failures: u32,
    /// A sign-out to send at the next chance (see `update::sign_out`).
    pub sign_out: Option<SignOut>,
}

impl SyncState {
    pub fn is_linked(&self) -> bool {
        self.link.is_some()
    }

    /// Whether a sync may start now for this trigger.
    pub fn may_start(&self, trigger: Trigger, now_ms: u64) -> bool {
        if self.link.is_none() || self.offline {
            return false;
        }
        match self.phase {
            Phase::LocalOnly | Phase::Syncing | Phase::SignedOut => false,
            Phase::Idle | Phase::Offline => true,
            Phase::BackingOff { retry_at_ms, .. } => {
                matches!(trigger, Trigger::Online | Trigger::Manual | Trigger::Launch)
                    || now_ms >= retry_at_ms
            }
        }
    }
}

/// How long to wait after `failures` failures in a row: 5 s, 10 s, 20 s... up to 5 minutes.
pub fn backoff_ms(failures: u32) -> u64 {
    let doublings = failures.saturating_sub(1).min(16);
    (BACKOFF_FIRST_MS << doublings).min(BACKOFF_MAX_MS)
}

/// Whether a record may leave the device: it was made here, is not yet synced or rejected,
/// and is not private unless the learner turned on backup.
pub fn may_send(
    device: &str,
    mark: Option<&SyncMark>,
    private: bool,
    backup: bool,
    record_device: &str,
) -> bool {
    record_device == device && matches!(mark, Some(SyncMark::Pending)) && (!private || backup)
}

/// This device's records that the server has not accepted: pending, or rejected with a reason.
/// Counts are kept as records come and go, so showing the sync state never walks the set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outbox {
    entries: HashMap<RecordId, (SyncMark, bool)>,
    pending: usize,
    pending_private: usize,
    rejected: usize,
}

impl Outbox {
    /// Sets a record's mark. A synced mark takes it out of the outbox.
    pub fn set(&mut self, id: RecordId, mark: SyncMark, private: bool) {
        self.remove(id);
        match mark {
            SyncMark::Synced => return,
            SyncMark::Pending => {
                self.pending += 1;
                self.pending_private += usize::from(private);
            }
            SyncMark::Rejected { .. } => self.rejected += 1,
        }
        self.entries.insert(id, (mark, private));
    }

    /// The server has the record.
    pub fn remove(&mut self, id: RecordId) {
        if let Some((mark, private)) = self.entries.remove(&id) {
            match mark {
                SyncMark::Pending => {
                    self.pending -= 1;
                    self.pending_private -= usize::from(private);
                }
                SyncMark::Rejected { .. } => self.rejected -= 1,
                SyncMark::Synced => {}
            }
        }
    }

    pub fn get(&self, id: RecordId) -> Option<&SyncMark> {
        self.entries.get(&id).map(|(mark, _)| mark)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Records the server refused, with its reasons.
    pub fn rejected(&self) -> impl Iterator<Item = (RecordId, &str)> {
        self.entries
            .iter()
            .filter_map(|(id, (mark, _))| match mark {
                SyncMark::Rejected { reason } => Some((*id, reason.as_str())),
                _ => None,
            })
    }

    /// How many records wait to go (private ones only with backup on), and how many were refused.
    pub fn counts(&self, backup: bool) -> (usize, usize) {
        let waiting = if backup {
            self.pending
        } else {
            self.pending - self.pending_private
        };
        (waiting, self.rejected)
    }
}

/// The next batch to send: this device's sendable records, oldest first, at most [`MAX_BATCH`].
pub fn next_batch(log: &Log, outbox: &Outbox, device: &str, backup: bool) -> Vec<StoredRecord> {
    if outbox.counts(backup).0 == 0 {
        return Vec::new();
    }
    log.records()
        .iter()
        .filter(|r| may_send(device, outbox.get(r.id), r.is_private(), backup, &r.device))
        .take(MAX_BATCH)
        .map(crate::record::Record::to_stored)
        .collect()
}

/// A server address a person typed, checked and tidied: `https://host[:port]`, no trailing
/// slash. Plain `http://` is accepted only for a server on this machine (see
/// [`plain_http_allowed`]): anywhere else the token would cross the network readable.
pub fn normalise_server(input: &str) -> Option<String> {
    let trimmed = input.trim().trim_end_matches('/');
    let (rest, plain) = match trimmed.strip_prefix("https://") {
        Some(rest) => (rest, false),
        None => (trimmed.strip_prefix("http://")?, true),
    };
    let authority = rest.split('/').next().unwrap_or("");
    let valid = !authority.is_empty()
        && !trimmed.contains(char::is_whitespace)
        && authority
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        && (!plain || plain_http_allowed(host_of(authority)));
    valid.then(|| trimmed.to_owned())
}

/// The host of `host[:port]` or `[v6][:port]`.
fn host_of(authority: &str) -> &str {
    if let Some(v6) = authority.strip_prefix('[') {
        return v6.split(']').next().unwrap_or("");
    }
    authority.split(':').next().unwrap_or("")
}

/// Whether plain HTTP may be used to reach `host`: only this machine (`localhost`, 127.0.0.0/8,
/// `::1`), and `10.0.2.2`, which is the development machine as the Android emulator sees it.
/// Everything else must be HTTPS. Shared by the core (when a server is typed) and the native
/// transport (on every request), so neither can be talked out of it alone.
pub fn plain_http_allowed(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host == "10.0.2.2"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_five_minutes() {
        assert_eq!(backoff_ms(1), 5_000);
        assert_eq!(backoff_ms(2), 10_000);
        assert_eq!(backoff_ms(4), 40_000);
        assert_eq!(backoff_ms(7), 300_000);
        assert_eq!(backoff_ms(u32::MAX), 300_000);
    }

    #[test]
    fn only_own_pending_records_leave_and_private_ones_only_with_backup() {
        let pending = SyncMark::Pending;
        assert!(may_send("me", Some(&pending), false, false, "me"));
        assert!(!may_send("me", Some(&pending), true, false, "me"));
        assert!(may_send("me", Some(&pending), true, true, "me"));
        assert!(!may_send("me", Some(&pending), false, false, "other"));
        assert!(!may_send("me", Some(&SyncMark::Synced), false, false, "me"));
        assert!(!may_send(
            "me",
            Some(&SyncMark::Rejected { reason: "x".into() }),
            false,
            false,
            "me"
        ));
        assert!(!may_send("me", None, false, false, "me"));
    }

    #[test]
    fn backing_off_waits_unless_the_learner_or_the_network_says_go() {
        let state = SyncState {
            link: Some(Link {
                server: "http://s".into(),
                token: "t".into(),
                user: "u".into(),
                cohort: "c".into(),
            }),
            phase: Phase::BackingOff { retry_at_ms: 100 },
            failures: 2,
            ..SyncState::default()
        };
        assert!(!state.may_start(Trigger::Timer, 99));
        assert!(state.may_start(Trigger::Timer, 100));
        assert!(state.may_start(Trigger::Manual, 0));
        assert!(state.may_start(Trigger::Online, 0));
        let offline = SyncState {
            offline: true,
            ..state
        };
        assert!(!offline.may_start(Trigger::Manual, 1000));
    }

    #[test]
    fn server_addresses_are_checked_and_tidied() {
        assert_eq!(
            normalise_server(" http://127.0.0.1:8080/ "),
            Some("http://127.0.0.1:8080".into())
        );
        assert_eq!(
            normalise_server("https://council.example"),
            Some("https://council.example".into())
        );
        for bad in [
            "",
            "council.example",
            "ftp://x",
            "http://",
            "http://exa mple",
            "http://ex<ample",
            "http://council.example",
            "http://192.168.1.5:8080",
            "http://localhost.council.example",
        ] {
            assert_eq!(normalise_server(bad), None, "{bad}");
        }
        for development in [
            "http://localhost:8080",
            "http://127.0.0.2",
            "http://[::1]:8080",
            "http://10.0.2.2:8080",
        ] {
            assert!(normalise_server(development).is_some(), "{development}");
        }
    }
}
