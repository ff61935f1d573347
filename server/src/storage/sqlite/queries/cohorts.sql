SELECT cohorts.id, cohorts.name, cohorts.code, councils.id, councils.name
FROM cohorts
JOIN councils ON councils.id = cohorts.council_id
ORDER BY councils.name COLLATE NOCASE, councils.id, cohorts.id
