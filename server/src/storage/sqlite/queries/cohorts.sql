SELECT id, name, code
FROM cohorts
ORDER BY id
