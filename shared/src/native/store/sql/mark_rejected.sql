UPDATE records SET sync_state = 'rejected', rejected_reason = ?2 WHERE id = ?1
