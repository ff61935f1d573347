-- Deleting is what makes a code one-time: the same transaction adds the device.
DELETE FROM pairing_codes
WHERE code = ?1 AND expires_at_ms > ?2
RETURNING user_id
