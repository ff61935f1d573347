//! The database schema and its versioned migrations.
//!
//! `PRAGMA user_version` holds the schema version and `PRAGMA application_id` marks the file as
//! ours. Each migration is a `.sql` file beside this one. A migration that has shipped is never
//! edited: a change is a new migration, and a test opens a database made with the older SQL.

use rusqlite::{Connection, TransactionBehavior};

use crate::native::error::{Error, Result};

/// One step of the schema's history.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// The schema version after this step.
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

/// Every migration, oldest first. Versions count up from 1 with no gaps.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "records and metadata",
        sql: include_str!("sql/0001_records_meta.sql"),
    },
    Migration {
        version: 2,
        name: "sync state",
        sql: include_str!("sql/0002_sync_state.sql"),
    },
];

/// The schema version this build writes.
pub const VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].version;

/// Marks a database as this app's ("NCPR"), so a stray SQLite file is never taken for ours.
pub const APPLICATION_ID: i64 = 0x4E43_5052;

/// Brings a database to [`VERSION`] in one transaction: a crash part-way leaves the old version
/// intact, and the next open tries again.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(Error::sqlite("could not start the schema upgrade"))?;
    let version: i64 = tx
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(Error::sqlite("could not read the schema version"))?;
    let application_id: i64 = tx
        .pragma_query_value(None, "application_id", |row| row.get(0))
        .map_err(Error::sqlite("could not read the application id"))?;
    if version == 0 {
        let tables: i64 = tx
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
                [],
                |row| row.get(0),
            )
            .map_err(Error::sqlite("could not list the tables"))?;
        if tables > 0 {
            return Err(Error::Foreign);
        }
    } else if application_id != APPLICATION_ID {
        return Err(Error::Foreign);
    }
    if version > VERSION {
        return Err(Error::TooNew {
            found: version,
            known: VERSION,
        });
    }
    if version == VERSION {
        return Ok(());
    }
    for migration in MIGRATIONS.iter().filter(|m| m.version > version) {
        tx.execute_batch(migration.sql)
            .map_err(Error::sqlite(migration.name))?;
    }
    tx.pragma_update(None, "user_version", VERSION)
        .map_err(Error::sqlite("could not record the schema version"))?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)
        .map_err(Error::sqlite("could not mark the file as the app's"))?;
    tx.commit()
        .map_err(Error::sqlite("could not finish the schema upgrade"))
}

/// Makes an empty database at an older `version`, exactly as that version of the app did.
/// Tests use it to check that every older database still opens.
pub fn create_at(conn: &Connection, version: i64) -> Result<()> {
    for migration in MIGRATIONS.iter().filter(|m| m.version <= version) {
        conn.execute_batch(migration.sql)
            .map_err(Error::sqlite(migration.name))?;
    }
    conn.pragma_update(None, "user_version", version)
        .map_err(Error::sqlite("could not record the schema version"))?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .map_err(Error::sqlite("could not mark the file as the app's"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_count_up_from_one_with_no_gaps() {
        for (index, migration) in MIGRATIONS.iter().enumerate() {
            assert_eq!(migration.version, i64::try_from(index).unwrap() + 1);
        }
    }

    #[test]
    fn migrating_twice_changes_nothing() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, VERSION);
    }

    #[test]
    fn another_apps_database_is_not_taken_for_ours() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE notes (text TEXT)")
            .unwrap();
        assert!(matches!(migrate(&mut conn), Err(Error::Foreign)));
    }

    #[test]
    fn a_newer_schema_is_refused_not_downgraded() {
        let mut conn = Connection::open_in_memory().unwrap();
        create_at(&conn, VERSION).unwrap();
        conn.pragma_update(None, "user_version", VERSION + 1)
            .unwrap();
        assert!(matches!(
            migrate(&mut conn),
            Err(Error::TooNew { found, known }) if found == VERSION + 1 && known == VERSION
        ));
    }
}
