UPDATE records SET sync_state = 'synced', rejected_reason = NULL WHERE id = ?1
