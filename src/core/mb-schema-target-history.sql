-- Målbild library schema: the history of the targets of adopted strategies.
-- Run by the migration that adds it in mb-store.c, which also installs the
-- undo triggers.
--
-- Once a strategy is adopted, its targets are a decision: changing or
-- removing one takes a reason, and the earlier value stays here with that
-- reason and its date (mb-store-ops.c). A draft's targets keep none.

CREATE TABLE target_history (
  id            TEXT PRIMARY KEY NOT NULL,
  indicator_id  TEXT NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
  year          INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  value         REAL,   -- the value before; NULL when the change added the target
  reason        TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  changed       TEXT NOT NULL,   -- when, as created
  kind          TEXT NOT NULL DEFAULT 'changed' CHECK (kind IN ('changed', 'removed')),
  created       TEXT NOT NULL,
  modified      TEXT NOT NULL
);
CREATE INDEX target_history_by_indicator ON target_history (indicator_id, changed);
