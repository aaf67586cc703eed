-- Målbild library schema, version 8: what it adds to version 7. Run by
-- migrate_assessment_comments in mb-store.c, which also reinstalls the undo
-- and search triggers of the tables it changes and adds the columns to their
-- stashes.

-- Review comments on an assessment too: exactly one of node, link and
-- assessment. A CHECK cannot be changed in place, so the table is made anew;
-- its rows keep their order.
CREATE TABLE review_comments_6 (
  id             TEXT PRIMARY KEY NOT NULL,
  node_id        TEXT REFERENCES nodes (id) ON DELETE CASCADE,
  link_id        TEXT REFERENCES links (id) ON DELETE CASCADE,
  author         TEXT NOT NULL CHECK (length(trim(author)) > 0),
  body           TEXT NOT NULL CHECK (length(trim(body)) > 0),
  status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  created        TEXT NOT NULL,
  modified       TEXT NOT NULL,
  assessment_id  TEXT REFERENCES assessments (id) ON DELETE CASCADE,
  CHECK ((node_id IS NOT NULL) + (link_id IS NOT NULL) + (assessment_id IS NOT NULL) = 1)
);
INSERT INTO review_comments_6 (id, node_id, link_id, author, body, status, created, modified)
  SELECT id, node_id, link_id, author, body, status, created, modified
  FROM review_comments ORDER BY rowid;
DROP TABLE review_comments;
ALTER TABLE review_comments_6 RENAME TO review_comments;
CREATE INDEX review_comments_by_node ON review_comments (node_id);
CREATE INDEX review_comments_by_link ON review_comments (link_id);
CREATE INDEX review_comments_by_assessment ON review_comments (assessment_id);

-- A plan's end may be when the work is in operation ("I drift 2022")
-- rather than done ("klart 2022"): the period is end_date, this says which.
ALTER TABLE nodes ADD COLUMN in_operation INTEGER NOT NULL DEFAULT 0
  CHECK (in_operation IN (0, 1));
