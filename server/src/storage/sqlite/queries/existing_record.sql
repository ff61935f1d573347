SELECT device, wall_ms, counter, pack_version, private, kind, body
FROM records
WHERE user_id = ?1 AND id = ?2
