//! The sync wire format: JSON bodies exchanged with the council's server under `/api/v1`.
//!
//! Shared by the core (which builds requests) and the server (which answers them), so the two
//! can never disagree. Unknown fields are refused in both directions. See ADR 0008.

use serde::{Deserialize, Serialize};

use crate::record::StoredRecord;

/// Where every route lives.
pub const API: &str = "/api/v1";

/// Most records in one sync request, and in one response.
pub const MAX_BATCH: usize = 500;

/// Largest request body the server accepts, in bytes.
pub const MAX_BODY: usize = 1024 * 1024;

/// Largest record body (JSON text) the server accepts, in bytes.
pub const MAX_RECORD_BODY: usize = 16 * 1024;

/// Records stamped further ahead of the server's clock than this are refused: the device clock
/// is wrong. Minutes, not hours: a record dated far ahead would otherwise outrank every later
/// change to the same setting until its time came (ADR 0013). Devices apply the same bound to
/// what they receive (`crate::clock::Clock::observe`).
pub const MAX_CLOCK_AHEAD_MS: u64 = 5 * 60 * 1000;

/// `POST /api/v1/enrol`: join a cohort with the code a programme lead gave out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrolRequest {
    pub cohort_code: String,
    /// The device's own id, as it stamps its records.
    pub device: String,
}

/// The answer to enrolling or pairing: a token for this device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Enrolled {
    /// Sent as `Authorization: Bearer <token>`. The server keeps only a hash of it.
    pub token: String,
    pub user: String,
    /// The cohort's name, to show the learner which programme they joined.
    pub cohort: String,
}

/// `POST /api/v1/pair` (authenticated): a short one-time code for adding another device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PairingCode {
    /// Six digits.
    pub code: String,
    pub expires_at_ms: u64,
}

/// `POST /api/v1/pair/complete`: a new device joins the same learner with a pairing code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PairRequest {
    pub code: String,
    pub device: String,
}

/// `POST /api/v1/sync` (authenticated): this device's new records, and where it is in the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyncRequest {
    /// The server sequence number of the last record this device has received; 0 at first.
    pub cursor: u64,
    /// At most [`MAX_BATCH`] records made on this device.
    pub records: Vec<StoredRecord>,
}

/// What the server did with one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordStatus {
    /// Stored now.
    Accepted,
    /// Already stored, identically: a retry. Counts as synced.
    Duplicate,
    /// Refused, with a reason. The device keeps the record and shows the reason.
    Rejected,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordResult {
    pub id: String,
    pub status: RecordStatus,
    /// Why it was rejected, in words for the learner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The answer to a sync request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyncResponse {
    /// One result per record sent, in the same order.
    pub results: Vec<RecordResult>,
    /// Records from the learner's other devices after `cursor`, oldest first, at most [`MAX_BATCH`].
    pub records: Vec<StoredRecord>,
    /// The cursor to send next time.
    pub cursor: u64,
    /// More records wait after this batch: sync again straight away.
    pub more: bool,
    /// The newest content pack version the server offers.
    pub pack_version: u32,
}

/// Every error answer: `{"error": {"code": "...", "message": "..."}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorDetail {
    /// Stable, for programs: `bad_request`, `unauthorized`, `unknown_cohort`, `bad_pairing_code`,
    /// `device_taken`, `quota_exceeded`, `too_large`, `too_many_attempts`, `unsupported_media_type`,
    /// `not_found`, `method_not_allowed`, `timeout`, `internal`.
    pub code: String,
    /// For people: what went wrong and what to do.
    pub message: String,
}
