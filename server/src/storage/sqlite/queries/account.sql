SELECT users.public_id, cohorts.name
FROM users
JOIN cohorts ON cohorts.id = users.cohort_id
WHERE users.id = ?1
