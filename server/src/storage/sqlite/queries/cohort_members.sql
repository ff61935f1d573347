-- A cohort's learners, oldest first.
SELECT id
FROM users
WHERE cohort_id = ?1
ORDER BY id
