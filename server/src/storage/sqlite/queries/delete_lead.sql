DELETE FROM leads WHERE id = ?1
