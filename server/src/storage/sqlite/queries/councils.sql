SELECT id, name
FROM councils
ORDER BY name COLLATE NOCASE, id
