UPDATE sign_in_links SET used_at_ms = ?2 WHERE token_hash = ?1 AND used_at_ms IS NULL
