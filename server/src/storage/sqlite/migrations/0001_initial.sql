-- Cohorts, learners, their devices, and their records.

CREATE TABLE cohorts (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    -- Normalized: upper case, `XXXX-XXXX`.
    code          TEXT NOT NULL UNIQUE,
    created_at_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    -- The id devices see; the row id never leaves the server.
    public_id     TEXT NOT NULL UNIQUE,
    cohort_id     INTEGER NOT NULL REFERENCES cohorts (id),
    created_at_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE devices (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- The device's own id, as it stamps its records.
    device        TEXT NOT NULL,
    -- SHA-256 of the bearer token. The token itself is never stored.
    token_hash    BLOB NOT NULL UNIQUE,
    created_at_ms INTEGER NOT NULL
) STRICT;

CREATE INDEX devices_by_user ON devices (user_id);

CREATE TABLE records (
    -- The server's sequence number: cursors point into it. AUTOINCREMENT so that a number is
    -- never reused, even after the newest records are deleted with their account.
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- The StoredRecord fields. `id` is the record's UUIDv7 in canonical (lower-case) form.
    id             TEXT NOT NULL,
    device         TEXT NOT NULL,
    wall_ms        INTEGER NOT NULL,
    counter        INTEGER NOT NULL,
    pack_version   INTEGER NOT NULL,
    private        INTEGER NOT NULL CHECK (private IN (0, 1)),
    kind           TEXT NOT NULL,
    body           TEXT NOT NULL,
    received_at_ms INTEGER NOT NULL,
    -- Ids are unique per learner, not globally: one learner's ids say nothing about another's.
    UNIQUE (user_id, id)
) STRICT;

-- Sync reads one learner's records in sequence order.
CREATE INDEX records_by_user_seq ON records (user_id, seq);
