//! The storage capability: a durable log of records plus a few named values, on the device.
//!
//! The native runtime answers with SQLite and the web shell with IndexedDB. Both promise the
//! same thing: when a request answers [`StoreResponse::Done`], its change survives the app
//! being killed.

use crux_core::capability::Operation;
use facet::Facet;
use serde::{Deserialize, Serialize};

use crate::record::StoredRecord;

/// Metadata keys the core keeps in the store.
pub mod meta {
    /// This device's id, made on first launch.
    pub const DEVICE_ID: &str = "device_id";
    /// The server this device joined, as JSON: server address, token, user and cohort.
    pub const LINK: &str = "link";
    /// The server sequence number of the last record received.
    pub const SYNC_CURSOR: &str = "sync_cursor";
    /// When the last sync finished, in Unix milliseconds.
    pub const LAST_SYNCED: &str = "last_synced_ms";
    /// A content pack newer than the built-in one, as JSON.
    pub const PACK: &str = "pack";
    /// A sign-out still to send after this device's data was deleted offline, as JSON: the
    /// server address and the old token, and nothing else.
    pub const SIGN_OUT: &str = "sign_out";
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[repr(C)]
pub enum StoreRequest {
    /// Read every record and every metadata value.
    Load,
    /// Add records made on this device, all in one transaction. They start as not yet synced.
    /// A record whose id is already stored is left as it is.
    Append { records: Vec<StoredRecord> },
    /// Add records that arrived from the server. They are already synced.
    AppendSynced { records: Vec<StoredRecord> },
    /// Mark records as accepted by the server.
    MarkSynced { ids: Vec<String> },
    /// Mark a record as rejected by the server, keeping the reason to show the user.
    MarkRejected { id: String, reason: String },
    /// Mark every record as not yet synced, for example after the server account was deleted,
    /// so that joining again sends everything.
    ResetSync,
    /// Set one metadata value. An empty value removes the key.
    SetMeta { key: String, value: String },
    /// Delete everything stored on this device.
    Wipe,
}

impl Operation for StoreRequest {
    type Output = StoreResponse;
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[repr(C)]
pub enum StoreResponse {
    Loaded(Snapshot),
    Done,
    /// The request failed. The message says what went wrong in words a person can act on.
    Failed {
        message: String,
    },
}

/// Everything the store holds.
#[derive(Facet, Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub meta: Vec<MetaEntry>,
    pub records: Vec<LoadedRecord>,
    /// Set when the store could not read its old data and started afresh. Says what happened
    /// and where the old data was kept, so nothing is lost silently.
    pub recovered: Option<String>,
}

impl Snapshot {
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|entry| entry.key == key)
            .map(|entry| entry.value.as_str())
    }
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetaEntry {
    pub key: String,
    pub value: String,
}

#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadedRecord {
    pub record: StoredRecord,
    pub sync: SyncMark,
}

/// Where a stored record is in syncing.
#[derive(Facet, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[repr(C)]
pub enum SyncMark {
    /// Made here and not yet accepted by the server.
    Pending,
    Synced,
    /// The server refused it. It stays on the device, and the user can see why.
    Rejected {
        reason: String,
    },
}
