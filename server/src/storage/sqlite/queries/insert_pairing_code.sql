INSERT INTO pairing_codes (code, user_id, expires_at_ms)
VALUES (?1, ?2, ?3)
ON CONFLICT (code) DO NOTHING
