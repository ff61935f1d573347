-- A council's audit log, newest first.
SELECT who, what, at_ms
FROM audit_log
WHERE council_id = ?1
ORDER BY id DESC
LIMIT ?2
