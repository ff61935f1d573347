INSERT INTO cohorts (name, code, created_at_ms)
VALUES (?1, ?2, ?3)
ON CONFLICT (code) DO NOTHING
RETURNING id
