UPDATE users
SET record_count = record_count + ?2, record_bytes = record_bytes + ?3
WHERE id = ?1
