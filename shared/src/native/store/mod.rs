//! The SQLite store: answers the core's [`StoreRequest`]s with a file on the device.
//!
//! The contract (see [`crate::effects::store`]) is that `Done` means durable: the change
//! survives the app being killed or the phone losing power. So the database runs in WAL mode
//! with `synchronous = FULL`, and every request is one transaction that has committed before
//! the answer goes back.
//!
//! A damaged file is never deleted. It is moved aside with its `-wal` and `-shm` files, a fresh
//! database takes its place, and [`Snapshot::recovered`] tells the user where the old one is.
//!
//! The SQL lives in `sql/` beside this file; [`schema`] holds the migrations.

pub mod schema;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, Transaction, params};

use crate::effects::store::{
    LoadedRecord, MetaEntry, Snapshot, StoreRequest, StoreResponse, SyncMark,
};
use crate::native::error::{Error, Result};
use crate::record::StoredRecord;

const INSERT_RECORD: &str = include_str!("sql/insert_record.sql");
const LOAD_RECORDS: &str = include_str!("sql/load_records.sql");
const LOAD_META: &str = include_str!("sql/load_meta.sql");
const SET_META: &str = include_str!("sql/set_meta.sql");
const DELETE_META: &str = include_str!("sql/delete_meta.sql");
const MARK_SYNCED: &str = include_str!("sql/mark_synced.sql");
const MARK_REJECTED: &str = include_str!("sql/mark_rejected.sql");
const RESET_SYNC: &str = include_str!("sql/reset_sync.sql");
const WIPE: &str = include_str!("sql/wipe.sql");

/// The database's file name inside the data folder.
pub const FILE_NAME: &str = "progress.db";

/// How long to wait for a lock another connection holds (a second copy of the app, a backup
/// tool) before giving up with "busy".
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The progress database, open.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Set when the old file could not be read and was moved aside; every load reports it.
    recovered: Option<String>,
}

impl Store {
    /// Opens (or creates) the database in `dir`, creating the folder if needed, and brings its
    /// schema up to date. A damaged file is moved aside and replaced by an empty one.
    ///
    /// Fails only when even a fresh database cannot be made here, or when the file belongs to
    /// a newer version of the app: the error says what to do.
    pub fn open(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir).map_err(Error::io("could not create the data folder", dir))?;
        let path = dir.join(FILE_NAME);
        // A file that is not SQLite at all is moved aside before SQLite opens it: on closing,
        // SQLite would delete a `-wal` file it cannot use, and that log may be worth keeping.
        if !has_sqlite_header(&path)? {
            let kept = move_aside(&path)?;
            let conn = connect(&path)?;
            return Ok(Self {
                conn,
                path,
                recovered: Some(recovered_message(&kept, &Error::NotADatabase)),
            });
        }
        match connect(&path) {
            Ok(conn) => Ok(Self {
                conn,
                path,
                recovered: None,
            }),
            Err(error) if error.is_corruption() => {
                let kept = move_aside(&path)?;
                let conn = connect(&path)?;
                Ok(Self {
                    conn,
                    path,
                    recovered: Some(recovered_message(&kept, &error)),
                })
            }
            Err(error) => Err(error),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The open connection, for tests and diagnostics that read the file directly.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// What the store had to do to open, when it could not read the old file.
    pub fn recovered(&self) -> Option<&str> {
        self.recovered.as_deref()
    }

    /// Answers one request. A failure becomes [`StoreResponse::Failed`] with a message a person
    /// can act on; the core shows it and keeps unsaved records to send again.
    pub fn handle(&mut self, request: &StoreRequest) -> StoreResponse {
        match self.try_handle(request) {
            Ok(response) => response,
            Err(error) => StoreResponse::Failed {
                message: error.user_message(),
            },
        }
    }

    fn try_handle(&mut self, request: &StoreRequest) -> Result<StoreResponse> {
        match request {
            StoreRequest::Load => match self.load() {
                Ok(snapshot) => Ok(StoreResponse::Loaded(snapshot)),
                // Damage found only on reading: keep the file, start afresh, and say so.
                Err(error) if error.is_corruption() => {
                    self.start_afresh(&error)?;
                    Ok(StoreResponse::Loaded(self.load()?))
                }
                Err(error) => Err(error),
            },
            StoreRequest::Append { records } => {
                self.append(records, "pending")?;
                Ok(StoreResponse::Done)
            }
            StoreRequest::AppendSynced { records } => {
                self.append(records, "synced")?;
                Ok(StoreResponse::Done)
            }
            StoreRequest::MarkSynced { ids } => {
                self.write("could not mark records as synced", |tx| {
                    let mut update = tx.prepare_cached(MARK_SYNCED)?;
                    for id in ids {
                        update.execute([id])?;
                    }
                    Ok(())
                })?;
                Ok(StoreResponse::Done)
            }
            StoreRequest::MarkRejected { id, reason } => {
                self.write("could not mark a record as rejected", |tx| {
                    tx.prepare_cached(MARK_REJECTED)?.execute([id, reason])?;
                    Ok(())
                })?;
                Ok(StoreResponse::Done)
            }
            StoreRequest::ResetSync => {
                self.write("could not mark records as not synced", |tx| {
                    tx.prepare_cached(RESET_SYNC)?.execute([])?;
                    Ok(())
                })?;
                Ok(StoreResponse::Done)
            }
            StoreRequest::SetMeta { key, value } => {
                self.write("could not save a setting", |tx| {
                    // An empty value removes the key (the protocol's rule).
                    if value.is_empty() {
                        tx.prepare_cached(DELETE_META)?.execute([key])?;
                    } else {
                        tx.prepare_cached(SET_META)?.execute([key, value])?;
                    }
                    Ok(())
                })?;
                Ok(StoreResponse::Done)
            }
            StoreRequest::Wipe => {
                self.wipe()?;
                Ok(StoreResponse::Done)
            }
        }
    }

    /// Every record, in the order they arrived, and every metadata value, read in one
    /// transaction so they agree with each other.
    pub fn load(&mut self) -> Result<Snapshot> {
        let tx = self
            .conn
            .transaction()
            .map_err(Error::sqlite("could not start reading progress"))?;
        let meta = {
            let mut select = tx
                .prepare_cached(LOAD_META)
                .map_err(Error::sqlite("could not read settings"))?;
            select
                .query_map([], |row| {
                    Ok(MetaEntry {
                        key: row.get(0)?,
                        value: row.get(1)?,
                    })
                })
                .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
                .map_err(Error::sqlite("could not read settings"))?
        };
        let records = {
            let mut select = tx
                .prepare_cached(LOAD_RECORDS)
                .map_err(Error::sqlite("could not read progress records"))?;
            select
                .query_map([], loaded_record)
                .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
                .map_err(Error::sqlite("could not read progress records"))?
        };
        tx.commit()
            .map_err(Error::sqlite("could not finish reading progress"))?;
        Ok(Snapshot {
            meta,
            records,
            recovered: self.recovered.clone(),
        })
    }

    /// Adds records in one transaction: all of them are stored, or none.
    fn append(&mut self, records: &[StoredRecord], sync_state: &str) -> Result<()> {
        self.write("could not save progress", |tx| {
            let mut insert = tx.prepare_cached(INSERT_RECORD)?;
            for record in records {
                insert.execute(params![
                    record.id,
                    record.device,
                    record.wall_ms,
                    record.counter,
                    record.pack_version,
                    record.private,
                    record.kind,
                    record.body,
                    sync_state,
                ])?;
            }
            Ok(())
        })
    }

    /// Deletes everything, overwriting the deleted pages, and empties the write-ahead log so no
    /// copy of the old data stays behind in it.
    fn wipe(&mut self) -> Result<()> {
        self.conn
            .pragma_update(None, "secure_delete", true)
            .map_err(Error::sqlite("could not prepare to delete progress"))?;
        self.write("could not delete progress", |tx| tx.execute_batch(WIPE))?;
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(Error::sqlite("could not clear the write-ahead log"))?;
        self.conn
            .pragma_update(None, "secure_delete", false)
            .map_err(Error::sqlite("could not finish deleting progress"))
    }

    /// Runs `work` in one write transaction and commits it. With `synchronous = FULL` the commit
    /// returns only once the write-ahead log is on disk.
    fn write(
        &mut self,
        context: &'static str,
        work: impl FnOnce(&Transaction<'_>) -> rusqlite::Result<()>,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(Error::sqlite(context))?;
        work(&tx).map_err(Error::sqlite(context))?;
        tx.commit().map_err(Error::sqlite(context))
    }

    /// Replaces a database found damaged after opening with an empty one, keeping the old file.
    fn start_afresh(&mut self, cause: &Error) -> Result<()> {
        // Close the damaged file before moving it, so nothing more is written to it.
        let placeholder = Connection::open_in_memory()
            .map_err(Error::sqlite("could not close the damaged database"))?;
        drop(std::mem::replace(&mut self.conn, placeholder));
        let kept = move_aside(&self.path)?;
        self.conn = connect(&self.path)?;
        self.recovered = Some(recovered_message(&kept, cause));
        Ok(())
    }
}

/// Opens the file with the settings durability needs, and migrates it.
fn connect(path: &Path) -> Result<Connection> {
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(Error::sqlite("could not open the progress database"))?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(Error::sqlite("could not configure the progress database"))?;
    // The first statement reads the file header, so a file that is not a database fails here.
    let _mode: String = conn
        .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
        .map_err(Error::sqlite("could not read the progress database"))?;
    // FULL: a commit is on disk before it returns, even if the phone then loses power.
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(Error::sqlite("could not configure the progress database"))?;
    schema::migrate(&mut conn)?;
    Ok(conn)
}

/// Whether the file is missing, empty (SQLite makes a new database of both), or starts with
/// SQLite's 16-byte header.
fn has_sqlite_header(path: &Path) -> Result<bool> {
    use std::io::Read;
    const HEADER: &[u8; 16] = b"SQLite format 3\0";
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(true),
        Err(e) => return Err(Error::io("could not read the progress database", path)(e)),
    };
    let mut start = Vec::with_capacity(HEADER.len());
    file.by_ref()
        .take(16)
        .read_to_end(&mut start)
        .map_err(Error::io("could not read the progress database", path))?;
    Ok(start.is_empty() || start == HEADER)
}

fn loaded_record(row: &Row<'_>) -> rusqlite::Result<LoadedRecord> {
    let sync = match row.get_ref(8)?.as_str()? {
        "synced" => SyncMark::Synced,
        "rejected" => SyncMark::Rejected {
            reason: row.get::<_, Option<String>>(9)?.unwrap_or_default(),
        },
        _ => SyncMark::Pending,
    };
    Ok(LoadedRecord {
        record: StoredRecord {
            id: row.get(0)?,
            device: row.get(1)?,
            wall_ms: row.get(2)?,
            counter: row.get(3)?,
            pack_version: row.get(4)?,
            private: row.get(5)?,
            kind: row.get(6)?,
            body: row.get(7)?,
        },
        sync,
    })
}

/// Moves a damaged database and its `-wal` and `-shm` files to `<name>.corrupt-<unix ms>`,
/// keeping SQLite's naming so that the moved file still opens with its log. Returns the new
/// path of the database file.
pub fn move_aside(path: &Path) -> Result<PathBuf> {
    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let mut kept = path.as_os_str().to_owned();
    kept.push(format!(".corrupt-{stamp}"));
    let kept = PathBuf::from(kept);
    for suffix in ["", "-wal", "-shm"] {
        let mut from = path.as_os_str().to_owned();
        from.push(suffix);
        let mut to = kept.as_os_str().to_owned();
        to.push(suffix);
        match std::fs::rename(&from, &to) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(Error::io("could not move the damaged database aside", path)(e));
            }
        }
    }
    Ok(kept)
}

fn recovered_message(kept: &Path, cause: &Error) -> String {
    format!(
        "Your saved progress could not be read, so the app has started again with no progress. \
         The unreadable file is kept at {} — keep it if you want support to try to recover it. ({cause})",
        kept.display()
    )
}

/// Whether the database holds a record with this id. For tests and tools that check a file
/// without going through the runtime.
pub fn has_record(conn: &Connection, id: &str) -> Result<bool> {
    conn.query_row("SELECT 1 FROM records WHERE id = ?1", [id], |_| Ok(()))
        .optional()
        .map(|found| found.is_some())
        .map_err(Error::sqlite("could not look up a record"))
}
