//! The schema, as numbered migrations in `.sql` files beside this one.
//!
//! The database's `user_version` is the number of the last migration applied. Opening a
//! database applies the missing ones in order, each in its own transaction with its version
//! bump, so a crash mid-upgrade leaves the file at the previous version, never half-way.
//! A migration is never edited once released: a change is a new file.

use rusqlite::Connection;

/// Marks a file as this server's (`PRAGMA application_id`), so it refuses to migrate a
/// stranger's SQLite file. "NCS1" in ASCII.
pub const APPLICATION_ID: i32 = 0x4E43_5331;

/// One step of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub sql: &'static str,
}

/// Every migration, in order. `version` is the position, from 1.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "cohorts, users, devices, records",
        sql: include_str!("migrations/0001_initial.sql"),
    },
    Migration {
        version: 2,
        name: "pairing codes",
        sql: include_str!("migrations/0002_pairing_codes.sql"),
    },
    Migration {
        version: 3,
        name: "one device id per learner, storage quota totals",
        sql: include_str!("migrations/0003_device_ids_and_quota.sql"),
    },
    Migration {
        version: 4,
        name: "councils, each with its cohorts",
        sql: include_str!("migrations/0004_councils.sql"),
    },
    Migration {
        version: 5,
        name: "programme leads, and the baseline's index",
        sql: include_str!("migrations/0005_leads_and_reports.sql"),
    },
    Migration {
        version: 6,
        name: "the lead console: sign-in links, sessions, audit log",
        sql: include_str!("migrations/0006_console.sql"),
    },
];

/// The schema version this server writes.
pub fn latest() -> u32 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

#[derive(Debug, thiserror::Error)]
pub enum MigrationError {
    #[error(
        "the database was written by a newer server (schema version {found}; this server knows up to {known}). Upgrade the server, or restore a backup."
    )]
    TooNew { found: u32, known: u32 },
    #[error("this file is not a Networked Councillor server database (application id {0:#x})")]
    Foreign(i32),
    #[error("migration {version} ({name}) failed: {source}")]
    Failed {
        version: u32,
        name: &'static str,
        source: rusqlite::Error,
    },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

pub fn version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Brings the database up to [`latest`]. Returns the version it started at.
pub fn migrate(conn: &mut Connection) -> Result<u32, MigrationError> {
    migrate_to(conn, latest())
}

/// Brings the database up to `target`: used by tests to make a database as an older server
/// left it.
pub fn migrate_to(conn: &mut Connection, target: u32) -> Result<u32, MigrationError> {
    let application_id: i32 = conn.query_row("PRAGMA application_id", [], |row| row.get(0))?;
    let found = version(conn)?;
    if application_id != APPLICATION_ID {
        let empty: bool = conn.query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM sqlite_schema)",
            [],
            |row| row.get(0),
        )?;
        if application_id != 0 || !empty {
            return Err(MigrationError::Foreign(application_id));
        }
    }
    if found > latest() {
        return Err(MigrationError::TooNew {
            found,
            known: latest(),
        });
    }
    for migration in MIGRATIONS
        .iter()
        .filter(|m| m.version > found && m.version <= target)
    {
        let failed = |source| MigrationError::Failed {
            version: migration.version,
            name: migration.name,
            source,
        };
        let tx = conn.transaction().map_err(failed)?;
        tx.execute_batch(migration.sql).map_err(failed)?;
        // PRAGMAs take no parameters; both values are numbers this code controls.
        tx.execute_batch(&format!(
            "PRAGMA user_version = {}; PRAGMA application_id = {APPLICATION_ID};",
            migration.version
        ))
        .map_err(failed)?;
        tx.commit().map_err(failed)?;
        tracing::info!(
            version = migration.version,
            name = migration.name,
            "applied a database migration"
        );
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(conn: &Connection) -> Vec<(String, String)> {
        let mut stmt = conn
            .prepare("SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
            .unwrap();
        stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn versions_are_numbered_in_order_from_one() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version as usize, i + 1, "{}", m.name);
        }
    }

    #[test]
    fn a_fresh_database_reaches_the_latest_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), 0);
        assert_eq!(version(&conn).unwrap(), latest());
        // Opening again applies nothing.
        assert_eq!(migrate(&mut conn).unwrap(), latest());
    }

    /// Every older version upgrades to exactly the schema a fresh database gets.
    #[test]
    fn every_older_version_upgrades_to_the_fresh_schema() {
        let mut fresh = Connection::open_in_memory().unwrap();
        migrate(&mut fresh).unwrap();
        let expected = schema(&fresh);
        for start in 0..latest() {
            let mut old = Connection::open_in_memory().unwrap();
            migrate_to(&mut old, start).unwrap();
            assert_eq!(version(&old).unwrap(), start);
            assert_eq!(migrate(&mut old).unwrap(), start);
            assert_eq!(schema(&old), expected, "upgrading from version {start}");
        }
    }

    /// Data written at version 1 (before pairing existed) survives the upgrade and works with it.
    #[test]
    fn data_from_version_one_survives_the_upgrade() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 1).unwrap();
        conn.execute_batch(
            "INSERT INTO cohorts VALUES (1, 'Pilot', 'AAAA-BBBB', 1);
             INSERT INTO users VALUES (1, 'u1', 1, 1);
             INSERT INTO devices VALUES (1, 1, 'phone', x'00', 1);
             INSERT INTO records (user_id, id, device, wall_ms, counter, pack_version, private, kind, body, received_at_ms)
               VALUES (1, 'r1', 'phone', 5, 0, 1, 0, 'step_reached', '{}', 6);",
        )
        .unwrap();
        assert!(
            conn.execute("INSERT INTO pairing_codes VALUES ('123456', 1, 9)", [])
                .is_err(),
            "version 1 has no pairing codes"
        );
        migrate(&mut conn).unwrap();
        let (records, devices): (i64, i64) = conn
            .query_row(
                "SELECT (SELECT COUNT(*) FROM records), (SELECT COUNT(*) FROM devices)",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .unwrap();
        assert_eq!((records, devices), (1, 1));
        conn.execute("INSERT INTO pairing_codes VALUES ('123456', 1, 9)", [])
            .unwrap();
    }

    /// Version 2 allowed two devices of one learner to share an id, and kept no totals: the
    /// upgrade keeps the newest of the pair and counts what each learner stores.
    #[test]
    fn data_from_version_two_gets_unique_devices_and_totals() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 2).unwrap();
        conn.execute_batch(
            "INSERT INTO cohorts VALUES (1, 'Pilot', 'AAAA-BBBB', 1);
             INSERT INTO users VALUES (1, 'u1', 1, 1), (2, 'u2', 1, 1);
             INSERT INTO devices VALUES (1, 1, 'phone', x'01', 1), (2, 1, 'phone', x'02', 2),
               (3, 1, 'laptop', x'03', 3), (4, 2, 'phone', x'04', 4);
             INSERT INTO records (user_id, id, device, wall_ms, counter, pack_version, private, kind, body, received_at_ms)
               VALUES (1, 'r1', 'phone', 5, 0, 1, 0, 'step_reached', '{\"a\":1}', 6),
                      (1, 'r2', 'phone', 5, 0, 1, 0, 'step_reached', '{}', 6);",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let devices: Vec<i64> = conn
            .prepare("SELECT id FROM devices ORDER BY id")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            devices,
            [2, 3, 4],
            "the older 'phone' of learner 1 is signed out"
        );
        let totals: Vec<(i64, i64)> = conn
            .prepare("SELECT record_count, record_bytes FROM users ORDER BY id")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(totals, [(2, 9), (0, 0)]);
        assert!(
            conn.execute("INSERT INTO devices VALUES (5, 1, 'laptop', x'05', 5)", [])
                .is_err(),
            "a second 'laptop' for learner 1 is refused"
        );
    }

    /// Version 3 had cohorts but no councils: they all move into one "Default council".
    #[test]
    fn cohorts_from_version_three_move_into_a_default_council() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 3).unwrap();
        conn.execute_batch(
            "INSERT INTO cohorts VALUES (1, 'Pilot', 'AAAA-BBBB', 7), (2, 'Spring', 'CCCC-DDDD', 9);
             INSERT INTO users (id, public_id, cohort_id, created_at_ms) VALUES (1, 'u1', 2, 10);",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let councils: Vec<(i64, String, i64)> = conn
            .prepare("SELECT id, name, created_at_ms FROM councils")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(councils, [(1, "Default council".to_owned(), 7)]);
        let homes: Vec<Option<i64>> = conn
            .prepare("SELECT council_id FROM cohorts ORDER BY id")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(homes, [Some(1), Some(1)]);
        assert!(
            conn.execute("INSERT INTO councils VALUES (2, 'DEFAULT COUNCIL', 1)", [])
                .is_err(),
            "council names are unique whatever the case"
        );
    }

    /// An empty version-3 database gets no default council: the operator names the first one.
    #[test]
    fn an_empty_version_three_database_gets_no_council() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 3).unwrap();
        migrate(&mut conn).unwrap();
        let councils: i64 = conn
            .query_row("SELECT COUNT(*) FROM councils", [], |row| row.get(0))
            .unwrap();
        assert_eq!(councils, 0);
    }

    /// Version 4 had councils but no leads: the upgrade adds them, and the baseline's index
    /// covers the records already stored.
    #[test]
    fn data_from_version_four_gets_leads_and_the_baseline_index() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 4).unwrap();
        conn.execute_batch(
            "INSERT INTO councils VALUES (1, 'Leeds', 1);
             INSERT INTO cohorts VALUES (1, 'Pilot', 'AAAA-BBBB', 7, 1);
             INSERT INTO users (id, public_id, cohort_id, created_at_ms) VALUES (1, 'u1', 1, 10);
             INSERT INTO records (user_id, id, device, wall_ms, counter, pack_version, private, kind, body, received_at_ms)
               VALUES (1, 'r1', 'phone', 5, 0, 1, 0, 'baseline_sharing_set', '{}', 6),
                      (1, 'r2', 'phone', 5, 0, 1, 1, 'assessment_completed', '{}', 6);",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        conn.execute("INSERT INTO leads VALUES (1, 1, 'Sam', x'01', 9)", [])
            .unwrap();
        assert!(
            conn.execute("INSERT INTO leads VALUES (2, 1, 'Jo', x'01', 9)", [])
                .is_err(),
            "a token hash belongs to one lead"
        );
        let plan: String = conn
            .query_row(
                &format!(
                    "EXPLAIN QUERY PLAN {}",
                    include_str!("queries/baseline_records.sql")
                ),
                [],
                |row| row.get(3),
            )
            .unwrap();
        assert!(plan.contains("records_for_baseline"), "{plan}");
        let found: i64 = conn
            .query_row(
                &format!(
                    "SELECT COUNT(*) FROM ({})",
                    include_str!("queries/baseline_records.sql")
                ),
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(found, 1, "the old record is found, the private one is not");
    }

    /// Version 5 had leads' tokens but no console: the upgrade adds its tables, empty, and
    /// keeps the leads.
    #[test]
    fn data_from_version_five_gets_the_console_tables() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 5).unwrap();
        conn.execute_batch(
            "INSERT INTO councils VALUES (1, 'Leeds', 1);
             INSERT INTO leads VALUES (1, 1, 'Sam', x'01', 9);",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
        conn.execute_batch(
            "INSERT INTO sign_in_links VALUES (x'02', 1, 'sam@leeds.gov.uk', 10, NULL);
             INSERT INTO console_sessions VALUES (x'03', 1, 'sam@leeds.gov.uk', 'c', 1, 1);
             INSERT INTO audit_log (council_id, who, what, at_ms) VALUES (1, 'sam', 'x', 2);",
        )
        .unwrap();
        let leads: i64 = conn
            .query_row("SELECT COUNT(*) FROM leads", [], |row| row.get(0))
            .unwrap();
        assert_eq!(leads, 1);
        assert!(
            conn.execute(
                "INSERT INTO audit_log (council_id, who, what, at_ms) VALUES (9, 'x', 'y', 1)",
                []
            )
            .is_err(),
            "an audit line belongs to a council that exists"
        );
    }

    #[test]
    fn a_newer_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        conn.execute_batch(&format!("PRAGMA user_version = {}", latest() + 1))
            .unwrap();
        assert!(matches!(
            migrate(&mut conn),
            Err(MigrationError::TooNew { found, .. }) if found == latest() + 1
        ));
    }

    #[test]
    fn another_programs_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE notes (text TEXT)")
            .unwrap();
        assert!(matches!(
            migrate(&mut conn),
            Err(MigrationError::Foreign(0))
        ));
    }
}
