-- Schema version 1: the record log and metadata, as the app stored them before sync existed.
--
-- Records are immutable facts (docs/adr/0002-progress-as-records.md). `kind` and `private` sit
-- beside the JSON body so that queries can filter without parsing it.
CREATE TABLE records (
    -- Local arrival order: loads, and later uploads, go oldest first.
    seq INTEGER PRIMARY KEY,
    -- A UUIDv7 made on the device. Unique, so appending a record twice keeps one copy.
    id TEXT NOT NULL UNIQUE,
    device TEXT NOT NULL,
    wall_ms INTEGER NOT NULL CHECK (wall_ms >= 0),
    counter INTEGER NOT NULL CHECK (counter >= 0),
    pack_version INTEGER NOT NULL CHECK (pack_version >= 0),
    private INTEGER NOT NULL CHECK (private IN (0, 1)),
    kind TEXT NOT NULL,
    body TEXT NOT NULL
);

-- Named values: the device id, and later the sync cursor and server link.
CREATE TABLE meta (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;
