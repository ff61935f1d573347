INSERT INTO records
    (user_id, id, device, wall_ms, counter, pack_version, private, kind, body, received_at_ms)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
ON CONFLICT (user_id, id) DO NOTHING
