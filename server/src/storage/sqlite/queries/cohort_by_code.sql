SELECT id, name, code
FROM cohorts
WHERE code = ?1
