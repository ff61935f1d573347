-- The learner's records from their other devices, in the order the server stored them.
SELECT seq, id, device, wall_ms, counter, pack_version, private, kind, body
FROM records
WHERE user_id = ?1 AND seq > ?2 AND device <> ?3
ORDER BY seq
LIMIT ?4
