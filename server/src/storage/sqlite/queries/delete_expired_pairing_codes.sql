DELETE FROM pairing_codes
WHERE expires_at_ms <= ?1
