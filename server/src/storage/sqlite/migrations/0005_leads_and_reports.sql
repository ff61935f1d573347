-- Programme leads, and an index for the reports they read.

-- A lead belongs to one council and sees only its cohorts. The token is shown once, by
-- `nc-server lead add`; only its SHA-256 is kept.
CREATE TABLE leads (
    id            INTEGER PRIMARY KEY,
    council_id    INTEGER NOT NULL REFERENCES councils (id),
    name          TEXT NOT NULL,
    token_hash    BLOB NOT NULL UNIQUE,
    created_at_ms INTEGER NOT NULL
) STRICT;

CREATE INDEX leads_by_council ON leads (council_id);

-- The baseline reads two kinds of record for every learner on the server. Private records are
-- left out of the index, as every report query leaves them out.
CREATE INDEX records_for_baseline ON records (kind, user_id)
WHERE private = 0 AND kind IN ('baseline_sharing_set', 'baseline_result');
