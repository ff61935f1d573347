SELECT COALESCE(MAX(seq), 0)
FROM records
WHERE user_id = ?1
