INSERT INTO councils (name, created_at_ms)
VALUES (?1, ?2)
ON CONFLICT (name) DO NOTHING
RETURNING id
