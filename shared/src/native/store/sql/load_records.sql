SELECT id, device, wall_ms, counter, pack_version, private, kind, body, sync_state, rejected_reason
FROM records
ORDER BY seq
