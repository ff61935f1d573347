-- A record whose id is already stored is left as it is (the store protocol's rule), so a retry
-- after a failed or unacknowledged append is always safe.
INSERT OR IGNORE INTO records
    (id, device, wall_ms, counter, pack_version, private, kind, body, sync_state)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
