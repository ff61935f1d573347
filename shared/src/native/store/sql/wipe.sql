-- Run with `secure_delete` on, so the deleted pages are overwritten rather than left readable in
-- the file: the self-assessment and notes are private.
DELETE FROM records;
DELETE FROM meta;
