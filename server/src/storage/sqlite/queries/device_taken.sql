SELECT EXISTS (SELECT 1 FROM devices WHERE user_id = ?1 AND device = ?2)
