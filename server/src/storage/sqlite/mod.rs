//! The SQLite storage: one file, in WAL mode, with one writer thread and a pool of readers.
//!
//! Writes go through [`writer`] (group commit, `synchronous = FULL`: an answered write survives
//! a crash or power cut). Reads use their own connections, which WAL lets run alongside the
//! writer; each sync's read happens in one read transaction, so it sees one consistent snapshot.
//! SQL lives in `queries/*.sql` and `migrations/*.sql` beside this file.

pub mod migrations;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use shared::record::StoredRecord;

use self::writer::Writer;
pub use self::writer::WriterStats;
use super::{
    Account, AuditEntry, BaselineRecord, Cohort, Council, CouncilId, DeviceAuth, Lead, LinkUse,
    NewDevice, Page, Put, PutOutcome, Quota, Redeemed, Session, SharedRecord, Storage,
    StorageError, UserId,
};
use crate::secrets::TokenHash;

mod sql {
    pub(super) const INSERT_COUNCIL: &str = include_str!("queries/insert_council.sql");
    pub(super) const RENAME_COUNCIL: &str = include_str!("queries/rename_council.sql");
    pub(super) const COUNCILS: &str = include_str!("queries/councils.sql");
    pub(super) const INSERT_COHORT: &str = include_str!("queries/insert_cohort.sql");
    pub(super) const COHORTS: &str = include_str!("queries/cohorts.sql");
    pub(super) const COHORT_BY_CODE: &str = include_str!("queries/cohort_by_code.sql");
    pub(super) const INSERT_USER: &str = include_str!("queries/insert_user.sql");
    pub(super) const INSERT_DEVICE: &str = include_str!("queries/insert_device.sql");
    pub(super) const DEVICE_FOR_TOKEN: &str = include_str!("queries/device_for_token.sql");
    pub(super) const ACCOUNT: &str = include_str!("queries/account.sql");
    pub(super) const DELETE_EXPIRED_PAIRING_CODES: &str =
        include_str!("queries/delete_expired_pairing_codes.sql");
    pub(super) const INSERT_PAIRING_CODE: &str = include_str!("queries/insert_pairing_code.sql");
    pub(super) const TAKE_PAIRING_CODE: &str = include_str!("queries/take_pairing_code.sql");
    pub(super) const PAIRING_CODE_USER: &str = include_str!("queries/pairing_code_user.sql");
    pub(super) const DELETE_USER_PAIRING_CODES: &str =
        include_str!("queries/delete_user_pairing_codes.sql");
    pub(super) const DEVICE_TAKEN: &str = include_str!("queries/device_taken.sql");
    pub(super) const DELETE_DEVICE: &str = include_str!("queries/delete_device.sql");
    pub(super) const QUOTA_USED: &str = include_str!("queries/quota_used.sql");
    pub(super) const ADD_QUOTA_USED: &str = include_str!("queries/add_quota_used.sql");
    pub(super) const INSERT_RECORD: &str = include_str!("queries/insert_record.sql");
    pub(super) const EXISTING_RECORD: &str = include_str!("queries/existing_record.sql");
    pub(super) const RECORDS_AFTER: &str = include_str!("queries/records_after.sql");
    pub(super) const LAST_SEQ: &str = include_str!("queries/last_seq.sql");
    pub(super) const DELETE_USER: &str = include_str!("queries/delete_user.sql");
    pub(super) const INSERT_LEAD: &str = include_str!("queries/insert_lead.sql");
    pub(super) const LEAD_FOR_TOKEN: &str = include_str!("queries/lead_for_token.sql");
    pub(super) const LEADS: &str = include_str!("queries/leads.sql");
    pub(super) const DELETE_LEAD: &str = include_str!("queries/delete_lead.sql");
    pub(super) const COHORT_MEMBERS: &str = include_str!("queries/cohort_members.sql");
    pub(super) const SHARED_RECORDS: &str = include_str!("queries/shared_records.sql");
    pub(super) const BASELINE_RECORDS: &str = include_str!("queries/baseline_records.sql");
    pub(super) const INSERT_SIGN_IN_LINK: &str = include_str!("queries/insert_sign_in_link.sql");
    pub(super) const TAKE_SIGN_IN_LINK: &str = include_str!("queries/take_sign_in_link.sql");
    pub(super) const USE_SIGN_IN_LINK: &str = include_str!("queries/use_sign_in_link.sql");
    pub(super) const INSERT_SESSION: &str = include_str!("queries/insert_session.sql");
    pub(super) const SESSION: &str = include_str!("queries/session.sql");
    pub(super) const TOUCH_SESSION: &str = include_str!("queries/touch_session.sql");
    pub(super) const DELETE_SESSION: &str = include_str!("queries/delete_session.sql");
    pub(super) const INSERT_AUDIT: &str = include_str!("queries/insert_audit.sql");
    pub(super) const AUDIT_LOG: &str = include_str!("queries/audit_log.sql");
    pub(super) const COUNCIL_BASELINE_RECORDS: &str =
        include_str!("queries/council_baseline_records.sql");
}

/// How long a connection waits for a lock before giving up. Only the writer writes, so this is
/// a safety net (a checkpoint, an operator's `sqlite3` shell), not the normal path.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Idle read connections kept open; more are opened under load and closed after.
const MAX_IDLE_READERS: usize = 16;

/// SQLite stores signed 64-bit integers. Values that do not fit (only a hostile cursor could be
/// that large) are clamped: no stored number is that large either, so the meaning is kept.
fn int(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

fn uint(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot open the database {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("cannot prepare the database {path}: {source}")]
    Migrate {
        path: PathBuf,
        source: migrations::MigrationError,
    },
    #[error("cannot start the database writer: {0}")]
    Thread(std::io::Error),
}

pub struct SqliteStorage {
    path: PathBuf,
    writer: Writer,
    readers: Mutex<Vec<Connection>>,
}

impl std::fmt::Debug for SqliteStorage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStorage")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl SqliteStorage {
    /// Opens the database at `path`, creating it on first run and applying any migrations.
    pub fn open(path: &Path) -> Result<Self, OpenError> {
        let open_err = |source| OpenError::Open {
            path: path.to_path_buf(),
            source,
        };
        let mut conn = Connection::open(path).map_err(open_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        // WAL: readers never block the writer or each other. FULL: a commit is on disk before
        // its answer goes out, so a device never deletes its copy of something the server lost.
        // secure_delete: a deleted account's rows are overwritten, not left readable in free
        // space (the log is emptied too: see `Writer::run_and_erase`).
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; \
             PRAGMA secure_delete = ON;",
        )
        .map_err(open_err)?;
        let from = migrations::migrate(&mut conn).map_err(|source| OpenError::Migrate {
            path: path.to_path_buf(),
            source,
        })?;
        if from == 0 {
            tracing::info!(path = %path.display(), "created a new database");
        }
        Ok(Self {
            path: path.to_path_buf(),
            writer: Writer::start(conn).map_err(OpenError::Thread)?,
            readers: Mutex::new(Vec::new()),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn writer_stats(&self) -> &WriterStats {
        self.writer.stats()
    }

    fn open_reader(&self) -> Result<Connection, StorageError> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.execute_batch("PRAGMA query_only = ON;")?;
        Ok(conn)
    }

    /// Runs `read` on a pooled read connection.
    fn read<T>(
        &self,
        read: impl FnOnce(&mut Connection) -> Result<T, StorageError>,
    ) -> Result<T, StorageError> {
        let pooled = self
            .readers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        let mut conn = match pooled {
            Some(conn) => conn,
            None => self.open_reader()?,
        };
        let result = read(&mut conn);
        // A connection left inside a transaction (an error mid-read) is not reused.
        if conn.is_autocommit() {
            let mut idle = self.readers.lock().unwrap_or_else(PoisonError::into_inner);
            if idle.len() < MAX_IDLE_READERS {
                idle.push(conn);
            }
        }
        result
    }
}

fn cohort_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Cohort> {
    Ok(Cohort {
        id: row.get(0)?,
        name: row.get(1)?,
        code: row.get(2)?,
        council: Council {
            id: CouncilId(row.get(3)?),
            name: row.get(4)?,
        },
    })
}

fn add_device(
    conn: &Connection,
    user: UserId,
    device: NewDevice<'_>,
    now_ms: u64,
) -> rusqlite::Result<()> {
    conn.prepare_cached(sql::INSERT_DEVICE)?.execute(params![
        user.0,
        device.device,
        &device.token_hash.0[..],
        int(now_ms)
    ])?;
    Ok(())
}

fn account(conn: &Connection, user: UserId) -> rusqlite::Result<Account> {
    conn.prepare_cached(sql::ACCOUNT)?
        .query_row([user.0], |row| {
            Ok(Account {
                user,
                public_id: row.get(0)?,
                cohort: row.get(1)?,
            })
        })
}

/// Stores one record, or says why it was not: already there, the same or different.
fn put_record(
    conn: &Connection,
    user: UserId,
    record: &StoredRecord,
    received_at_ms: u64,
) -> rusqlite::Result<PutOutcome> {
    let inserted = conn.prepare_cached(sql::INSERT_RECORD)?.execute(params![
        user.0,
        record.id,
        record.device,
        int(record.wall_ms),
        record.counter,
        record.pack_version,
        record.private,
        record.kind,
        record.body,
        int(received_at_ms),
    ])?;
    if inserted == 1 {
        return Ok(PutOutcome::Stored);
    }
    let same = conn.prepare_cached(sql::EXISTING_RECORD)?.query_row(
        params![user.0, record.id],
        |row| {
            Ok(row.get::<_, String>(0)? == record.device
                && row.get::<_, i64>(1)? == int(record.wall_ms)
                && row.get::<_, u32>(2)? == record.counter
                && row.get::<_, u32>(3)? == record.pack_version
                && row.get::<_, bool>(4)? == record.private
                && row.get::<_, String>(5)? == record.kind
                && row.get::<_, String>(6)? == record.body)
        },
    )?;
    Ok(if same {
        PutOutcome::Duplicate
    } else {
        PutOutcome::Conflict
    })
}

/// Stores a batch and adds it to the learner's totals, or says it would go over the quota.
fn put_within_quota(
    conn: &Connection,
    user: UserId,
    records: &[StoredRecord],
    received_at_ms: u64,
    quota: Quota,
) -> rusqlite::Result<Put> {
    let (used_records, used_bytes): (i64, i64) = conn
        .prepare_cached(sql::QUOTA_USED)?
        .query_row([user.0], |row| Ok((row.get(0)?, row.get(1)?)))?;
    let (mut added_records, mut added_bytes) = (0u64, 0u64);
    let mut outcomes = Vec::with_capacity(records.len());
    for record in records {
        let outcome = put_record(conn, user, record, received_at_ms)?;
        if outcome == PutOutcome::Stored {
            added_records += 1;
            added_bytes += record.body.len() as u64;
        }
        outcomes.push(outcome);
    }
    if uint(used_records).saturating_add(added_records) > quota.records
        || uint(used_bytes).saturating_add(added_bytes) > quota.bytes
    {
        return Ok(Put::OverQuota);
    }
    conn.prepare_cached(sql::ADD_QUOTA_USED)?.execute(params![
        user.0,
        int(added_records),
        int(added_bytes)
    ])?;
    Ok(Put::Done(outcomes))
}

fn record_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<(u64, StoredRecord)> {
    record_at(row, 0)
}

/// A number, then a stored record's eight columns, from column `at` on.
fn record_at(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<(u64, StoredRecord)> {
    Ok((
        uint(row.get(at)?),
        StoredRecord {
            id: row.get(at + 1)?,
            device: row.get(at + 2)?,
            wall_ms: uint(row.get(at + 3)?),
            counter: row.get(at + 4)?,
            pack_version: row.get(at + 5)?,
            private: row.get(at + 6)?,
            kind: row.get(at + 7)?,
            body: row.get(at + 8)?,
        },
    ))
}

fn baseline_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<BaselineRecord> {
    Ok(BaselineRecord {
        user: UserId(row.get(0)?),
        council: CouncilId(row.get(1)?),
        record: shared_at(row, 2)?,
    })
}

fn lead_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Lead> {
    Ok(Lead {
        id: row.get(0)?,
        name: row.get(1)?,
        council: Council {
            id: CouncilId(row.get(2)?),
            name: row.get(3)?,
        },
    })
}

fn shared_at(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<SharedRecord> {
    let (received_at_ms, record) = record_at(row, at)?;
    Ok(SharedRecord {
        record,
        received_at_ms,
    })
}

impl Storage for SqliteStorage {
    fn add_council(&self, name: &str, now_ms: u64) -> Result<Option<Council>, StorageError> {
        let name = name.to_owned();
        self.writer.run(move |conn| {
            let id: Option<i64> = conn
                .prepare_cached(sql::INSERT_COUNCIL)?
                .query_row(params![name, int(now_ms)], |row| row.get(0))
                .optional()?;
            Ok(id.map(|id| Council {
                id: CouncilId(id),
                name,
            }))
        })
    }

    fn rename_council(&self, council: CouncilId, name: &str) -> Result<bool, StorageError> {
        let name = name.to_owned();
        self.writer.run(move |conn| {
            let changed = conn
                .prepare_cached(sql::RENAME_COUNCIL)?
                .execute(params![council.0, name])?;
            Ok(changed == 1)
        })
    }

    fn councils(&self) -> Result<Vec<Council>, StorageError> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(sql::COUNCILS)?;
            let councils = stmt
                .query_map([], |row| {
                    Ok(Council {
                        id: CouncilId(row.get(0)?),
                        name: row.get(1)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
            Ok(councils)
        })
    }

    fn add_cohort(
        &self,
        council: &Council,
        name: &str,
        code: &str,
        now_ms: u64,
    ) -> Result<Option<Cohort>, StorageError> {
        let (council, name, code) = (council.clone(), name.to_owned(), code.to_owned());
        self.writer.run(move |conn| {
            let id: Option<i64> = conn
                .prepare_cached(sql::INSERT_COHORT)?
                .query_row(params![name, code, int(now_ms), council.id.0], |row| {
                    row.get(0)
                })
                .optional()?;
            Ok(id.map(|id| Cohort {
                id,
                name,
                code,
                council,
            }))
        })
    }

    fn cohorts(&self) -> Result<Vec<Cohort>, StorageError> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(sql::COHORTS)?;
            let cohorts = stmt
                .query_map([], cohort_from_row)?
                .collect::<Result<_, _>>()?;
            Ok(cohorts)
        })
    }

    fn cohort_by_code(&self, code: &str) -> Result<Option<Cohort>, StorageError> {
        self.read(|conn| {
            Ok(conn
                .prepare_cached(sql::COHORT_BY_CODE)?
                .query_row([code], cohort_from_row)
                .optional()?)
        })
    }

    fn enrol(
        &self,
        cohort: &Cohort,
        public_id: &str,
        device: NewDevice<'_>,
        now_ms: u64,
    ) -> Result<Account, StorageError> {
        let (cohort_id, cohort_name) = (cohort.id, cohort.name.clone());
        let (public_id, device_id, token_hash) = (
            public_id.to_owned(),
            device.device.to_owned(),
            device.token_hash,
        );
        self.writer.run(move |conn| {
            let user = UserId(
                conn.prepare_cached(sql::INSERT_USER)?
                    .query_row(params![public_id, cohort_id, int(now_ms)], |row| row.get(0))?,
            );
            let device = NewDevice {
                device: &device_id,
                token_hash,
            };
            add_device(conn, user, device, now_ms)?;
            Ok(Account {
                user,
                public_id,
                cohort: cohort_name,
            })
        })
    }

    fn device_for_token(&self, token_hash: &TokenHash) -> Result<Option<DeviceAuth>, StorageError> {
        self.read(|conn| {
            Ok(conn
                .prepare_cached(sql::DEVICE_FOR_TOKEN)?
                .query_row([&token_hash.0[..]], |row| {
                    Ok(DeviceAuth {
                        user: UserId(row.get(0)?),
                        device: row.get(1)?,
                    })
                })
                .optional()?)
        })
    }

    fn add_pairing_code(
        &self,
        user: UserId,
        code: &str,
        expires_at_ms: u64,
        now_ms: u64,
    ) -> Result<bool, StorageError> {
        let code = code.to_owned();
        self.writer.run(move |conn| {
            conn.prepare_cached(sql::DELETE_EXPIRED_PAIRING_CODES)?
                .execute([int(now_ms)])?;
            conn.prepare_cached(sql::DELETE_USER_PAIRING_CODES)?
                .execute([user.0])?;
            let inserted = conn
                .prepare_cached(sql::INSERT_PAIRING_CODE)?
                .execute(params![code, user.0, int(expires_at_ms)])?;
            Ok(inserted == 1)
        })
    }

    fn redeem_pairing_code(
        &self,
        code: &str,
        device: NewDevice<'_>,
        now_ms: u64,
    ) -> Result<Redeemed, StorageError> {
        let (code, device_id, token_hash) =
            (code.to_owned(), device.device.to_owned(), device.token_hash);
        self.writer.run(move |conn| {
            let user: Option<i64> = conn
                .prepare_cached(sql::PAIRING_CODE_USER)?
                .query_row(params![code, int(now_ms)], |row| row.get(0))
                .optional()?;
            let Some(user) = user.map(UserId) else {
                return Ok(Redeemed::NoSuchCode);
            };
            let taken: bool = conn
                .prepare_cached(sql::DEVICE_TAKEN)?
                .query_row(params![user.0, device_id], |row| row.get(0))?;
            if taken {
                return Ok(Redeemed::DeviceTaken);
            }
            conn.prepare_cached(sql::TAKE_PAIRING_CODE)?
                .execute([&code])?;
            let device = NewDevice {
                device: &device_id,
                token_hash,
            };
            add_device(conn, user, device, now_ms)?;
            Ok(Redeemed::Paired(account(conn, user)?))
        })
    }

    fn delete_device(&self, token_hash: &TokenHash) -> Result<bool, StorageError> {
        let hash = token_hash.0;
        self.writer.run(move |conn| {
            Ok(conn
                .prepare_cached(sql::DELETE_DEVICE)?
                .execute([&hash[..]])?
                > 0)
        })
    }

    fn put_records(
        &self,
        user: UserId,
        records: Vec<StoredRecord>,
        received_at_ms: u64,
        quota: Quota,
    ) -> Result<Put, StorageError> {
        if records.is_empty() {
            return Ok(Put::Done(Vec::new()));
        }
        self.writer.run(move |conn| {
            // The batch goes in under a savepoint of its own, so going over the quota undoes
            // exactly this batch and nothing else in the writer's group.
            conn.execute_batch("SAVEPOINT batch")?;
            let put = put_within_quota(conn, user, &records, received_at_ms, quota);
            match put {
                Ok(Put::Done(_)) => conn.execute_batch("RELEASE batch")?,
                _ => conn.execute_batch("ROLLBACK TO batch; RELEASE batch")?,
            }
            Ok(put?)
        })
    }

    fn records_after(
        &self,
        user: UserId,
        device: &str,
        cursor: u64,
        limit: usize,
    ) -> Result<Page, StorageError> {
        self.read(|conn| {
            // One read transaction: the records and the last sequence number come from the same
            // snapshot, so moving the cursor to that number never skips a record.
            let tx = conn.transaction()?;
            let fetch = i64::try_from(limit).unwrap_or(i64::MAX).saturating_add(1);
            let mut rows: Vec<(u64, StoredRecord)> = tx
                .prepare_cached(sql::RECORDS_AFTER)?
                .query_map(params![user.0, int(cursor), device, fetch], record_from_row)?
                .collect::<Result<_, _>>()?;
            let more = rows.len() > limit;
            rows.truncate(limit);
            let cursor = if more {
                rows.last().map_or(cursor, |(seq, _)| *seq)
            } else {
                // Everything from other devices has been sent: skip past this device's own
                // records too, so the next sync does not scan them again.
                uint(
                    tx.prepare_cached(sql::LAST_SEQ)?
                        .query_row([user.0], |row| row.get(0))?,
                )
            };
            tx.commit()?;
            Ok(Page {
                records: rows.into_iter().map(|(_, record)| record).collect(),
                cursor,
                more,
            })
        })
    }

    fn delete_user(&self, user: UserId) -> Result<(), StorageError> {
        self.writer.run_and_erase(move |conn| {
            for statement in sql::DELETE_USER.split(';').filter(|s| {
                s.lines()
                    .any(|l| !l.trim().is_empty() && !l.trim().starts_with("--"))
            }) {
                conn.prepare_cached(statement)?.execute([user.0])?;
            }
            Ok(())
        })
    }

    fn add_lead(
        &self,
        council: &Council,
        name: &str,
        token_hash: &TokenHash,
        now_ms: u64,
    ) -> Result<Lead, StorageError> {
        let (council, name, hash) = (council.clone(), name.to_owned(), token_hash.0);
        self.writer.run(move |conn| {
            let id: i64 = conn
                .prepare_cached(sql::INSERT_LEAD)?
                .query_row(params![council.id.0, name, &hash[..], int(now_ms)], |row| {
                    row.get(0)
                })?;
            Ok(Lead { id, name, council })
        })
    }

    fn lead_for_token(&self, token_hash: &TokenHash) -> Result<Option<Lead>, StorageError> {
        self.read(|conn| {
            Ok(conn
                .prepare_cached(sql::LEAD_FOR_TOKEN)?
                .query_row([&token_hash.0[..]], lead_from_row)
                .optional()?)
        })
    }

    fn leads(&self) -> Result<Vec<Lead>, StorageError> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(sql::LEADS)?;
            let leads = stmt
                .query_map([], lead_from_row)?
                .collect::<Result<_, _>>()?;
            Ok(leads)
        })
    }

    fn remove_lead(&self, id: i64) -> Result<bool, StorageError> {
        self.writer
            .run(move |conn| Ok(conn.prepare_cached(sql::DELETE_LEAD)?.execute([id])? == 1))
    }

    fn cohort_members(&self, cohort: i64) -> Result<Vec<UserId>, StorageError> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(sql::COHORT_MEMBERS)?;
            let members = stmt
                .query_map([cohort], |row| Ok(UserId(row.get(0)?)))?
                .collect::<Result<_, _>>()?;
            Ok(members)
        })
    }

    fn shared_records(&self, user: UserId) -> Result<Vec<SharedRecord>, StorageError> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(sql::SHARED_RECORDS)?;
            let records = stmt
                .query_map([user.0], |row| shared_at(row, 0))?
                .collect::<Result<_, _>>()?;
            Ok(records)
        })
    }

    fn baseline_records(&self) -> Result<Vec<BaselineRecord>, StorageError> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(sql::BASELINE_RECORDS)?;
            let records = stmt
                .query_map([], baseline_from_row)?
                .collect::<Result<_, _>>()?;
            Ok(records)
        })
    }

    fn council_baseline_records(
        &self,
        council: CouncilId,
    ) -> Result<Vec<BaselineRecord>, StorageError> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(sql::COUNCIL_BASELINE_RECORDS)?;
            let records = stmt
                .query_map([council.0], baseline_from_row)?
                .collect::<Result<_, _>>()?;
            Ok(records)
        })
    }

    fn add_sign_in_link(
        &self,
        token_hash: &TokenHash,
        council: &Council,
        email: &str,
        expires_at_ms: u64,
    ) -> Result<(), StorageError> {
        let (hash, council, email) = (token_hash.0, council.id.0, email.to_owned());
        self.writer.run(move |conn| {
            conn.prepare_cached(sql::INSERT_SIGN_IN_LINK)?
                .execute(params![&hash[..], council, email, int(expires_at_ms)])?;
            Ok(())
        })
    }

    fn use_sign_in_link(
        &self,
        token_hash: &TokenHash,
        now_ms: u64,
    ) -> Result<LinkUse, StorageError> {
        let hash = token_hash.0;
        // On the writer: the read and the update are one transaction, so a link clicked twice
        // at once signs in once.
        self.writer.run(move |conn| {
            let found = conn
                .prepare_cached(sql::TAKE_SIGN_IN_LINK)?
                .query_row([&hash[..]], |row| {
                    Ok((
                        Council {
                            id: CouncilId(row.get(0)?),
                            name: row.get(1)?,
                        },
                        row.get::<_, String>(2)?,
                        uint(row.get(3)?),
                        row.get::<_, Option<i64>>(4)?,
                    ))
                })
                .optional()?;
            let Some((council, email, expires_at_ms, used)) = found else {
                return Ok(LinkUse::Unknown);
            };
            if used.is_some() {
                return Ok(LinkUse::Used);
            }
            if now_ms >= expires_at_ms {
                return Ok(LinkUse::Expired);
            }
            conn.prepare_cached(sql::USE_SIGN_IN_LINK)?
                .execute(params![&hash[..], int(now_ms)])?;
            Ok(LinkUse::SignedIn { council, email })
        })
    }

    fn add_session(
        &self,
        token_hash: &TokenHash,
        council: &Council,
        email: &str,
        csrf: &str,
        now_ms: u64,
    ) -> Result<(), StorageError> {
        let (hash, council, email, csrf) = (
            token_hash.0,
            council.id.0,
            email.to_owned(),
            csrf.to_owned(),
        );
        self.writer.run(move |conn| {
            conn.prepare_cached(sql::INSERT_SESSION)?.execute(params![
                &hash[..],
                council,
                email,
                csrf,
                int(now_ms)
            ])?;
            Ok(())
        })
    }

    fn session(&self, token_hash: &TokenHash) -> Result<Option<Session>, StorageError> {
        self.read(|conn| {
            Ok(conn
                .prepare_cached(sql::SESSION)?
                .query_row([&token_hash.0[..]], |row| {
                    Ok(Session {
                        council: Council {
                            id: CouncilId(row.get(0)?),
                            name: row.get(1)?,
                        },
                        email: row.get(2)?,
                        csrf: row.get(3)?,
                        created_at_ms: uint(row.get(4)?),
                        seen_at_ms: uint(row.get(5)?),
                    })
                })
                .optional()?)
        })
    }

    fn touch_session(&self, token_hash: &TokenHash, now_ms: u64) -> Result<(), StorageError> {
        let hash = token_hash.0;
        self.writer.run(move |conn| {
            conn.prepare_cached(sql::TOUCH_SESSION)?
                .execute(params![&hash[..], int(now_ms)])?;
            Ok(())
        })
    }

    fn delete_session(&self, token_hash: &TokenHash) -> Result<(), StorageError> {
        let hash = token_hash.0;
        self.writer.run(move |conn| {
            conn.prepare_cached(sql::DELETE_SESSION)?
                .execute([&hash[..]])?;
            Ok(())
        })
    }

    fn add_audit(
        &self,
        council: CouncilId,
        who: &str,
        what: &str,
        now_ms: u64,
    ) -> Result<(), StorageError> {
        let (who, what) = (who.to_owned(), what.to_owned());
        self.writer.run(move |conn| {
            conn.prepare_cached(sql::INSERT_AUDIT)?.execute(params![
                council.0,
                who,
                what,
                int(now_ms)
            ])?;
            Ok(())
        })
    }

    fn audit_log(&self, council: CouncilId, limit: usize) -> Result<Vec<AuditEntry>, StorageError> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(sql::AUDIT_LOG)?;
            let entries = stmt
                .query_map(params![council.0, int(limit as u64)], |row| {
                    Ok(AuditEntry {
                        who: row.get(0)?,
                        what: row.get(1)?,
                        at_ms: uint(row.get(2)?),
                    })
                })?
                .collect::<Result<_, _>>()?;
            Ok(entries)
        })
    }
}
