SELECT leads.id, leads.name, councils.id, councils.name
FROM leads
JOIN councils ON councils.id = leads.council_id
ORDER BY councils.name COLLATE NOCASE, councils.id, leads.id
