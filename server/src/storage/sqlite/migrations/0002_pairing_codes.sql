-- Short one-time codes for adding a second device to a learner.

CREATE TABLE pairing_codes (
    -- Six digits. Unique among live codes; expired ones are deleted before a new one is made.
    code          TEXT PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at_ms INTEGER NOT NULL
) STRICT;

CREATE INDEX pairing_codes_by_user ON pairing_codes (user_id);
