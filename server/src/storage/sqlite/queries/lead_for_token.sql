SELECT leads.id, leads.name, councils.id, councils.name
FROM leads
JOIN councils ON councils.id = leads.council_id
WHERE leads.token_hash = ?1
