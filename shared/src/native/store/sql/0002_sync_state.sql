-- Schema version 2: where each record is in syncing.
--
-- Records made before sync existed have never been sent, so they start as pending.
ALTER TABLE records ADD COLUMN sync_state TEXT NOT NULL DEFAULT 'pending'
    CHECK (sync_state IN ('pending', 'synced', 'rejected'));
-- Why the server refused a record, shown to the user. Set only when sync_state is 'rejected'.
ALTER TABLE records ADD COLUMN rejected_reason TEXT;

-- An upload reads only what is not synced yet; a partial index keeps that cheap as the log grows.
CREATE INDEX records_unsynced ON records (seq) WHERE sync_state <> 'synced';
