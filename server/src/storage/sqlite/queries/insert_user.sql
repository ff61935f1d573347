INSERT INTO users (public_id, cohort_id, created_at_ms)
VALUES (?1, ?2, ?3)
RETURNING id
