-- One device id per learner, and running totals for the per-learner storage quota.

-- Before this version two devices of one learner could share a device id. Keep the newest
-- device row of each pair; the older ones' tokens stop working (those devices are told they
-- are signed out and can join again), and their records stay.
DELETE FROM devices
WHERE id NOT IN (SELECT MAX(id) FROM devices GROUP BY user_id, device);

CREATE UNIQUE INDEX devices_by_user_device ON devices (user_id, device);

-- What a learner stores, kept up to date by every insert, so a sync checks the quota without
-- counting rows.
ALTER TABLE users ADD COLUMN record_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN record_bytes INTEGER NOT NULL DEFAULT 0;

UPDATE users SET
    record_count = (SELECT COUNT(*) FROM records WHERE records.user_id = users.id),
    record_bytes = (SELECT COALESCE(SUM(LENGTH(CAST(body AS BLOB))), 0) FROM records WHERE records.user_id = users.id);
