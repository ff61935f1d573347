UPDATE records SET sync_state = 'pending', rejected_reason = NULL WHERE sync_state <> 'pending'
