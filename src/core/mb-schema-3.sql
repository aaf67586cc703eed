-- Målbild library schema, version 3: what it adds to version 1 (mb-schema.sql;
-- version 2 added only the store's own bookkeeping). Run by migrate_to_3 in
-- mb-store.c, which also installs the undo and search triggers.

-- Review comments on a node or a link (exactly one of the two). A reviewer
-- who may change nothing else can still add them (review mode).
CREATE TABLE review_comments (
  id        TEXT PRIMARY KEY NOT NULL,
  node_id   TEXT REFERENCES nodes (id) ON DELETE CASCADE,
  link_id   TEXT REFERENCES links (id) ON DELETE CASCADE,
  author    TEXT NOT NULL CHECK (length(trim(author)) > 0),
  body      TEXT NOT NULL CHECK (length(trim(body)) > 0),
  status    TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  created   TEXT NOT NULL,
  modified  TEXT NOT NULL,
  CHECK ((node_id IS NULL) <> (link_id IS NULL))
);
CREATE INDEX review_comments_by_node ON review_comments (node_id);
CREATE INDEX review_comments_by_link ON review_comments (link_id);

-- The document hierarchy: a strategy under its parent_id is a 'part' of that
-- document (RUS part 1/2/3) or a 'child' document under it (an action plan,
-- a municipal strategy).
ALTER TABLE strategies ADD COLUMN parent_relation TEXT NOT NULL DEFAULT 'child'
  CHECK (parent_relation IN ('part', 'child'));
CREATE INDEX strategies_by_parent ON strategies (parent_id, position);
