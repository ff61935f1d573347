-- Every learner's baseline choices and results, with the council they belong to. Never a
-- private record (see shared_records.sql).
SELECT records.user_id, cohorts.council_id, records.received_at_ms, records.id, records.device,
       records.wall_ms, records.counter, records.pack_version, records.private, records.kind,
       records.body
FROM records INDEXED BY records_for_baseline
JOIN users ON users.id = records.user_id
JOIN cohorts ON cohorts.id = users.cohort_id
WHERE records.private = 0 AND records.kind IN ('baseline_sharing_set', 'baseline_result')
