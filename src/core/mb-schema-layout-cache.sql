-- Målbild library schema: the canvas's last layout of each strategy.
-- Run by the migration that adds it in mb-store.c.
--
-- A cache, not the user's data: the first visit to a strategy in a new
-- session shows its last layout at once instead of waiting for Graphviz.
-- Written when a layout arrives, outside the undo history and without a
-- "changed" notification (no undo triggers on it, by design); not exported,
-- not in revisions, never in a review copy. A row is used only while the
-- graph's shape is the one it was made for, and dropped when it is stale.
-- No foreign key: deleting a strategy (or undoing its creation) must not
-- have to write here; rows of strategies gone are dropped at the next write.

CREATE TABLE mb_layout_cache (
  strategy_id  TEXT PRIMARY KEY NOT NULL,
  shape        TEXT NOT NULL,   -- SHA-256 of what the layout depends on
  layout       BLOB NOT NULL,   -- mb_layout_result_to_bytes()
  written      TEXT NOT NULL
);
