INSERT INTO devices (user_id, device, token_hash, created_at_ms)
VALUES (?1, ?2, ?3, ?4)
