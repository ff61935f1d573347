-- Does nothing (0 rows) when another council has the new name, whatever the case.
UPDATE OR IGNORE councils
SET name = ?2
WHERE id = ?1
