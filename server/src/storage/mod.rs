//! Where the server keeps cohorts, learners, devices, pairing codes and records.
//!
//! [`Storage`] is the whole of what the sync service needs from a database, so that a
//! PostgreSQL backend can follow without touching the protocol rules. [`sqlite`] is the
//! implementation used by default: one embedded file.
//!
//! Every method that reads or writes records takes the learner's [`UserId`]: there is no way to
//! ask for records without saying whose they are.

pub mod sqlite;

use shared::record::StoredRecord;

use crate::secrets::TokenHash;

/// A learner's row id. Never leaves the server: devices see [`Account::public_id`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UserId(pub i64);

/// A council's row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CouncilId(pub i64);

/// A council: it runs cohorts, and its programme leads see only those.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Council {
    pub id: CouncilId,
    /// Unique whatever the case.
    pub name: String,
}

/// A cohort: a group of learners who join with the same code, run by one council.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cohort {
    pub id: i64,
    pub name: String,
    /// In normalized form (see [`crate::secrets::normalize_code`]).
    pub code: String,
    pub council: Council,
}

/// A programme lead. They see only their own council's cohorts, and the baseline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lead {
    pub id: i64,
    /// Who the operator made the token for, to tell leads apart.
    pub name: String,
    pub council: Council,
}

/// A record as reports read it: never a private one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedRecord {
    pub record: StoredRecord,
    /// When the server received it: its own clock, not the device's.
    pub received_at_ms: u64,
}

/// A record the baseline reads, with whose it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaselineRecord {
    pub user: UserId,
    pub council: CouncilId,
    pub record: SharedRecord,
}

/// What a one-time sign-in link was, when someone tried to use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkUse {
    /// It was unused and in time: it is used up now.
    SignedIn { council: Council, email: String },
    /// It was used before.
    Used,
    /// Its time ran out.
    Expired,
    /// No such link.
    Unknown,
}

/// A signed-in programme lead's session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub council: Council,
    pub email: String,
    /// The token every form of this session sends back.
    pub csrf: String,
    pub created_at_ms: u64,
    pub seen_at_ms: u64,
}

/// One line of a council's audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub who: String,
    pub what: String,
    pub at_ms: u64,
}

/// A learner, as enrolment and pairing report them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub user: UserId,
    pub public_id: String,
    pub cohort: String,
}

/// Who a token belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceAuth {
    pub user: UserId,
    /// The device id the device stamps its records with.
    pub device: String,
}

/// A device joining: its own id and the hash of the token it was given.
#[derive(Debug, Clone, Copy)]
pub struct NewDevice<'a> {
    pub device: &'a str,
    pub token_hash: TokenHash,
}

/// What happened to one record offered for storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutOutcome {
    /// Stored now.
    Stored,
    /// The learner already has this id with the same content.
    Duplicate,
    /// The learner already has this id with different content; nothing was changed.
    Conflict,
}

/// Records after a cursor, and where the next request should start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub records: Vec<StoredRecord>,
    pub cursor: u64,
    pub more: bool,
}

/// How much one learner may store on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    pub records: u64,
    /// Bytes of record bodies.
    pub bytes: u64,
}

/// What happened to a batch offered for storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Put {
    /// One outcome per record, in order.
    Done(Vec<PutOutcome>),
    /// Storing the new records would take the learner past their quota: nothing was stored.
    OverQuota,
}

/// What redeeming a pairing code did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Redeemed {
    /// The device was added to this learner, and the code used up.
    Paired(Account),
    /// No live code matches: wrong, already used or expired.
    NoSuchCode,
    /// The learner already has a device with this id. The code is kept.
    DeviceTaken,
}

/// A failure inside the storage layer. Never caused by what a client sent: the service checks
/// requests before they reach storage, so these become 500s and are logged.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{0}")]
    Other(String),
}

/// Everything the sync service stores. Implementations must be safe to call from many threads.
pub trait Storage: Send + Sync + 'static {
    /// Adds a council. Returns `None` if one of that name (whatever the case) exists.
    fn add_council(&self, name: &str, now_ms: u64) -> Result<Option<Council>, StorageError>;

    /// Renames a council. Returns `false` if another council has that name (whatever the case).
    fn rename_council(&self, council: CouncilId, name: &str) -> Result<bool, StorageError>;

    /// Every council, by name.
    fn councils(&self) -> Result<Vec<Council>, StorageError>;

    /// Adds a cohort to a council. Returns `None` if the code is already taken (the caller
    /// makes another).
    fn add_cohort(
        &self,
        council: &Council,
        name: &str,
        code: &str,
        now_ms: u64,
    ) -> Result<Option<Cohort>, StorageError>;

    /// Every cohort, by council name, then oldest first.
    fn cohorts(&self) -> Result<Vec<Cohort>, StorageError>;

    fn cohort_by_code(&self, code: &str) -> Result<Option<Cohort>, StorageError>;

    /// Creates a learner in a cohort with their first device.
    fn enrol(
        &self,
        cohort: &Cohort,
        public_id: &str,
        device: NewDevice<'_>,
        now_ms: u64,
    ) -> Result<Account, StorageError>;

    fn device_for_token(&self, token_hash: &TokenHash) -> Result<Option<DeviceAuth>, StorageError>;

    /// Stores a pairing code for a learner in place of any they had, and forgets expired ones.
    /// Returns `false` if the code is held by another live pairing (the caller makes another).
    fn add_pairing_code(
        &self,
        user: UserId,
        code: &str,
        expires_at_ms: u64,
        now_ms: u64,
    ) -> Result<bool, StorageError>;

    /// Uses up a live pairing code, adding the device to its learner, in one transaction.
    fn redeem_pairing_code(
        &self,
        code: &str,
        device: NewDevice<'_>,
        now_ms: u64,
    ) -> Result<Redeemed, StorageError>;

    /// Signs out the device with this token: the token stops working. Returns whether there
    /// was one.
    fn delete_device(&self, token_hash: &TokenHash) -> Result<bool, StorageError>;

    /// Stores records for a learner, in order, each with its own outcome, unless the new ones
    /// would take the learner past `quota` (then none is stored). Records must already have
    /// passed the service's checks; `id`s must be in canonical form.
    fn put_records(
        &self,
        user: UserId,
        records: Vec<StoredRecord>,
        received_at_ms: u64,
        quota: Quota,
    ) -> Result<Put, StorageError>;

    /// The learner's records from devices other than `device`, after `cursor`, oldest first, at
    /// most `limit`. When nothing more waits, the cursor moves past the device's own records too.
    fn records_after(
        &self,
        user: UserId,
        device: &str,
        cursor: u64,
        limit: usize,
    ) -> Result<Page, StorageError>;

    /// Deletes a learner and everything stored for them: devices, tokens, pairing codes, records.
    fn delete_user(&self, user: UserId) -> Result<(), StorageError>;

    /// Adds a programme lead to a council, with the hash of the token they were given.
    fn add_lead(
        &self,
        council: &Council,
        name: &str,
        token_hash: &TokenHash,
        now_ms: u64,
    ) -> Result<Lead, StorageError>;

    fn lead_for_token(&self, token_hash: &TokenHash) -> Result<Option<Lead>, StorageError>;

    /// Every lead, by council name, then oldest first.
    fn leads(&self) -> Result<Vec<Lead>, StorageError>;

    /// Deletes a lead, so their token stops working. Returns whether there was one.
    fn remove_lead(&self, id: i64) -> Result<bool, StorageError>;

    /// A cohort's learners, oldest first.
    fn cohort_members(&self, cohort: i64) -> Result<Vec<UserId>, StorageError>;

    /// One learner's records that are not private, in no particular order. Reports read
    /// records only through this and [`Storage::baseline_records`], so they cannot see a
    /// private one.
    fn shared_records(&self, user: UserId) -> Result<Vec<SharedRecord>, StorageError>;

    /// Every learner's baseline choices and results, in no particular order.
    fn baseline_records(&self) -> Result<Vec<BaselineRecord>, StorageError>;

    /// Stores a one-time sign-in link (its hash) for a lead of a council.
    fn add_sign_in_link(
        &self,
        token_hash: &TokenHash,
        council: &Council,
        email: &str,
        expires_at_ms: u64,
    ) -> Result<(), StorageError>;

    /// Uses up a sign-in link, in one transaction: only one of two racing uses signs in.
    fn use_sign_in_link(
        &self,
        token_hash: &TokenHash,
        now_ms: u64,
    ) -> Result<LinkUse, StorageError>;

    fn add_session(
        &self,
        token_hash: &TokenHash,
        council: &Council,
        email: &str,
        csrf: &str,
        now_ms: u64,
    ) -> Result<(), StorageError>;

    fn session(&self, token_hash: &TokenHash) -> Result<Option<Session>, StorageError>;

    fn touch_session(&self, token_hash: &TokenHash, now_ms: u64) -> Result<(), StorageError>;

    fn delete_session(&self, token_hash: &TokenHash) -> Result<(), StorageError>;

    fn add_audit(
        &self,
        council: CouncilId,
        who: &str,
        what: &str,
        now_ms: u64,
    ) -> Result<(), StorageError>;

    /// A council's audit log, newest first, at most `limit` lines.
    fn audit_log(&self, council: CouncilId, limit: usize) -> Result<Vec<AuditEntry>, StorageError>;

    /// As [`Storage::baseline_records`], for one council's learners.
    fn council_baseline_records(
        &self,
        council: CouncilId,
    ) -> Result<Vec<BaselineRecord>, StorageError>;
}
