DELETE FROM console_sessions WHERE token_hash = ?1
