-- One council's learners' baseline choices and results (see baseline_records.sql).
SELECT records.user_id, cohorts.council_id, records.received_at_ms, records.id, records.device,
       records.wall_ms, records.counter, records.pack_version, records.private, records.kind,
       records.body
FROM cohorts
JOIN users ON users.cohort_id = cohorts.id
JOIN records INDEXED BY records_for_baseline ON records.user_id = users.id
WHERE cohorts.council_id = ?1
  AND records.private = 0 AND records.kind IN ('baseline_sharing_set', 'baseline_result')
