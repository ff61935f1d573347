-- Councils. A council runs cohorts; a programme lead belongs to one council and sees only its
-- cohorts.

CREATE TABLE councils (
    id            INTEGER PRIMARY KEY,
    -- Unique whatever the case, so "Leeds" and "leeds" cannot both exist.
    name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at_ms INTEGER NOT NULL
) STRICT;

-- SQLite adds a column with a foreign key only if it may be NULL. The server always sets it;
-- cohorts made before this version move into "Default council" below, which the operator can
-- rename with `nc-server council rename`.
ALTER TABLE cohorts ADD COLUMN council_id INTEGER REFERENCES councils (id);

INSERT INTO councils (id, name, created_at_ms)
SELECT 1, 'Default council', MIN(created_at_ms) FROM cohorts HAVING COUNT(*) > 0;

UPDATE cohorts SET council_id = 1;

CREATE INDEX cohorts_by_council ON cohorts (council_id);
