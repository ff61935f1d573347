-- A learner has at most one live pairing code: a new one replaces the old.
DELETE FROM pairing_codes
WHERE user_id = ?1
