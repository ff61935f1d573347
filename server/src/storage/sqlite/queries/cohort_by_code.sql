SELECT cohorts.id, cohorts.name, cohorts.code, councils.id, councils.name
FROM cohorts
JOIN councils ON councils.id = cohorts.council_id
WHERE cohorts.code = ?1
