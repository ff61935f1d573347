INSERT INTO cohorts (name, code, created_at_ms, council_id)
VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (code) DO NOTHING
RETURNING id
