SELECT councils.id, councils.name, console_sessions.email, console_sessions.csrf,
       console_sessions.created_at_ms, console_sessions.seen_at_ms
FROM console_sessions
JOIN councils ON councils.id = console_sessions.council_id
WHERE console_sessions.token_hash = ?1
