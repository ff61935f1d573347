INSERT INTO console_sessions (token_hash, council_id, email, csrf, created_at_ms, seen_at_ms)
VALUES (?1, ?2, ?3, ?4, ?5, ?5)
