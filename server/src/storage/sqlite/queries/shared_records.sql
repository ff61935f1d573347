-- One learner's records for reports. Never a private record: the learner's own answers and
-- notes are not the report's to read, even when backup has put them on the server.
SELECT received_at_ms, id, device, wall_ms, counter, pack_version, private, kind, body
FROM records
WHERE user_id = ?1 AND private = 0
