UPDATE console_sessions SET seen_at_ms = ?2 WHERE token_hash = ?1
