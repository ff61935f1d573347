-- The learner a live pairing code belongs to. It is deleted, with the device added, only once
-- the new device's id is known to be free.
SELECT user_id
FROM pairing_codes
WHERE code = ?1 AND expires_at_ms > ?2
