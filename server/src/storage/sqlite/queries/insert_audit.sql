INSERT INTO audit_log (council_id, who, what, at_ms) VALUES (?1, ?2, ?3, ?4)
