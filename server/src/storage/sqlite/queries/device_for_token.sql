SELECT user_id, device
FROM devices
WHERE token_hash = ?1
