SELECT record_count, record_bytes
FROM users
WHERE id = ?1
