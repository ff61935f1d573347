INSERT INTO leads (council_id, name, token_hash, created_at_ms)
VALUES (?1, ?2, ?3, ?4)
RETURNING id
