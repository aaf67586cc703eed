-- Målbild library schema: revisions of a strategy. Run by the migration that
-- adds it in mb-store.c, which also installs the undo triggers.
--
-- A revision is a named, immutable version of one strategy ("Handlingsplan
-- Hållbar energi, vt 2023"). Its rows are stored as chunks shared between
-- revisions (mb-revision.c), so that what did not change costs nothing.

CREATE TABLE revisions (
  id           TEXT PRIMARY KEY NOT NULL,
  strategy_id  TEXT NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
  name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
  taken        TEXT NOT NULL,
  automatic    INTEGER NOT NULL DEFAULT 0 CHECK (automatic IN (0, 1)),
  n_rows       INTEGER NOT NULL CHECK (n_rows >= 0),
  manifest     TEXT NOT NULL,   -- its tables, their columns and chunks
  created      TEXT NOT NULL,
  modified     TEXT NOT NULL,
  UNIQUE (strategy_id, name)
);

-- The rows of a table's run of keys, as text, by the SHA-256 of that text
-- (its first 128 bits, hex).
CREATE TABLE revision_chunks (
  hash  TEXT PRIMARY KEY NOT NULL CHECK (length(hash) = 32),
  data  TEXT NOT NULL
) WITHOUT ROWID;
