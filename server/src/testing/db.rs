//! Everything the server's database holds, read straight from the file: for tests that must
//! prove what is (and is not) stored, such as tokens only as hashes and no private records.

use std::fmt::{self, Write as _};
use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use shared::record::StoredRecord;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbCohort {
    pub name: String,
    pub code: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbDevice {
    /// The learner's public id.
    pub user: String,
    pub device: String,
    pub token_hash: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbPairingCode {
    pub user: String,
    pub code: String,
    pub expires_at_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbRecord {
    pub seq: u64,
    /// The learner's public id.
    pub user: String,
    pub record: StoredRecord,
    pub received_at_ms: u64,
}

/// The whole database, table by table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DbContents {
    pub schema_version: u32,
    pub cohorts: Vec<DbCohort>,
    /// Public ids of every learner.
    pub users: Vec<String>,
    pub devices: Vec<DbDevice>,
    pub pairing_codes: Vec<DbPairingCode>,
    pub records: Vec<DbRecord>,
}

fn uint(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

impl DbContents {
    /// Reads the file at `path`. Safe while the server runs (WAL lets a reader in), and after it
    /// was killed (the write-ahead log is read too).
    pub fn read(path: &Path) -> rusqlite::Result<Self> {
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        conn.execute_batch("PRAGMA query_only = ON;")?;
        let schema_version = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        let cohorts = conn
            .prepare("SELECT name, code FROM cohorts ORDER BY id")?
            .query_map([], |row| {
                Ok(DbCohort {
                    name: row.get(0)?,
                    code: row.get(1)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let users = conn
            .prepare("SELECT public_id FROM users ORDER BY id")?
            .query_map([], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        let devices = conn
            .prepare(
                "SELECT users.public_id, devices.device, devices.token_hash
                 FROM devices JOIN users ON users.id = devices.user_id ORDER BY devices.id",
            )?
            .query_map([], |row| {
                Ok(DbDevice {
                    user: row.get(0)?,
                    device: row.get(1)?,
                    token_hash: row.get(2)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let pairing_codes = conn
            .prepare(
                "SELECT users.public_id, code, expires_at_ms
                 FROM pairing_codes JOIN users ON users.id = pairing_codes.user_id ORDER BY code",
            )?
            .query_map([], |row| {
                Ok(DbPairingCode {
                    user: row.get(0)?,
                    code: row.get(1)?,
                    expires_at_ms: uint(row.get(2)?),
                })
            })?
            .collect::<Result<_, _>>()?;
        let records = conn
            .prepare(
                "SELECT records.seq, users.public_id, records.id, device, wall_ms, counter,
                        pack_version, private, kind, body, received_at_ms
                 FROM records JOIN users ON users.id = records.user_id ORDER BY seq",
            )?
            .query_map([], |row| {
                Ok(DbRecord {
                    seq: uint(row.get(0)?),
                    user: row.get(1)?,
                    record: StoredRecord {
                        id: row.get(2)?,
                        device: row.get(3)?,
                        wall_ms: uint(row.get(4)?),
                        counter: row.get(5)?,
                        pack_version: row.get(6)?,
                        private: row.get(7)?,
                        kind: row.get(8)?,
                        body: row.get(9)?,
                    },
                    received_at_ms: uint(row.get(10)?),
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(Self {
            schema_version,
            cohorts,
            users,
            devices,
            pairing_codes,
            records,
        })
    }

    /// The records stored for one learner (by public id).
    pub fn records_of<'a>(&'a self, user: &'a str) -> impl Iterator<Item = &'a StoredRecord> + 'a {
        self.records
            .iter()
            .filter(move |r| r.user == user)
            .map(|r| &r.record)
    }

    /// Every private record stored, for any learner.
    pub fn private_records(&self) -> impl Iterator<Item = &DbRecord> {
        self.records.iter().filter(|r| r.record.private)
    }

    /// Whether `text` appears anywhere in the file or its write-ahead log, as raw bytes: the
    /// strongest check that a secret (a token, a private note) was never written.
    pub fn file_contains(db: &Path, text: &str) -> std::io::Result<bool> {
        let mut wal = db.as_os_str().to_owned();
        wal.push("-wal");
        let needle = text.as_bytes();
        for path in [db.to_path_buf(), wal.into()] {
            match std::fs::read(&path) {
                Ok(bytes) if bytes.windows(needle.len()).any(|w| w == needle) => return Ok(true),
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        Ok(false)
    }
}

/// A listing of everything held, for people reading a failed test or checking a database.
impl fmt::Display for DbContents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "schema version {}", self.schema_version)?;
        writeln!(f, "{} cohort(s):", self.cohorts.len())?;
        for c in &self.cohorts {
            writeln!(f, "  {} {}", c.code, c.name)?;
        }
        writeln!(
            f,
            "{} learner(s), {} device(s):",
            self.users.len(),
            self.devices.len()
        )?;
        for d in &self.devices {
            let hash = d.token_hash.iter().fold(String::new(), |mut s, b| {
                let _ = write!(s, "{b:02x}");
                s
            });
            writeln!(
                f,
                "  learner {} device {} token sha256 {hash}",
                d.user, d.device
            )?;
        }
        writeln!(f, "{} pairing code(s)", self.pairing_codes.len())?;
        writeln!(f, "{} record(s):", self.records.len())?;
        for r in &self.records {
            writeln!(
                f,
                "  #{} learner {} {} {} {}{}",
                r.seq,
                r.user,
                r.record.device,
                r.record.kind,
                r.record.id,
                if r.record.private { " (private)" } else { "" }
            )?;
        }
        Ok(())
    }
}
