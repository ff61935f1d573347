-- Marks a link used, if it is unused; returns what it was either way, so the caller can say
-- whether it was used before or has expired.
SELECT sign_in_links.council_id, councils.name, sign_in_links.email,
       sign_in_links.expires_at_ms, sign_in_links.used_at_ms
FROM sign_in_links
JOIN councils ON councils.id = sign_in_links.council_id
WHERE sign_in_links.token_hash = ?1
