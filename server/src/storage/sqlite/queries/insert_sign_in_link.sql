INSERT INTO sign_in_links (token_hash, council_id, email, expires_at_ms)
VALUES (?1, ?2, ?3, ?4)
