-- The programme lead's console: one-time sign-in links, sessions, and the audit log.

-- A link from `nc-server lead invite`: works once, for 15 minutes. Only its SHA-256 is kept.
CREATE TABLE sign_in_links (
    token_hash    BLOB PRIMARY KEY,
    council_id    INTEGER NOT NULL REFERENCES councils (id),
    email         TEXT NOT NULL,
    expires_at_ms INTEGER NOT NULL,
    used_at_ms    INTEGER
) STRICT;

-- A signed-in lead. The cookie holds the session's token; only its SHA-256 is kept. `csrf` is
-- the token every form of the session must send back.
CREATE TABLE console_sessions (
    token_hash    BLOB PRIMARY KEY,
    council_id    INTEGER NOT NULL REFERENCES councils (id),
    email         TEXT NOT NULL,
    csrf          TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    seen_at_ms    INTEGER NOT NULL
) STRICT;

-- Every report a lead viewed or downloaded: who, what, when.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    council_id INTEGER NOT NULL REFERENCES councils (id),
    who        TEXT NOT NULL,
    what       TEXT NOT NULL,
    at_ms      INTEGER NOT NULL
) STRICT;

CREATE INDEX audit_log_by_council ON audit_log (council_id, id);
