-- Målbild library schema: the yearly follow-up. Run by the migration that
-- adds it in mb-store.c, which also installs the undo and search triggers.
--
-- A region follows up its strategy every year (förordning 2017:583): per
-- round, a judgement of each goal, and a record of what was done.

-- A follow-up round of a strategy, usually one a year ("Uppföljning 2025").
CREATE TABLE follow_up_rounds (
  id               TEXT PRIMARY KEY NOT NULL,
  strategy_id      TEXT NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
  year             INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  title            TEXT NOT NULL CHECK (length(trim(title)) > 0),
  cutoff_date      TEXT,   -- the data cut-off: values after it are not this round's
  status           TEXT NOT NULL DEFAULT 'in-progress'
                   CHECK (status IN ('in-progress', 'approved')),
  decision_number  TEXT,   -- the approving decision's registration number
  decided_on       TEXT,   -- and its date
  responsible      TEXT,
  created          TEXT NOT NULL,
  modified         TEXT NOT NULL,
  UNIQUE (strategy_id, year)
);

-- A goal's assessment (bedömning) in a round. The status the indicators
-- suggested is kept beside the one given, and a status other than the
-- suggestion needs its reason.
CREATE TABLE assessments (
  id                TEXT PRIMARY KEY NOT NULL,
  round_id          TEXT NOT NULL REFERENCES follow_up_rounds (id) ON DELETE CASCADE,
  node_id           TEXT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
  status            TEXT NOT NULL
                    CHECK (status IN ('on-track', 'some-progress', 'at-risk', 'off-track',
                                      'not-assessable')),
  suggested_status  TEXT
                    CHECK (suggested_status IS NULL OR
                           suggested_status IN ('on-track', 'some-progress', 'at-risk',
                                                'off-track', 'not-assessable')),
  override_reason   TEXT,
  judgement         TEXT,
  assessed_by       TEXT,
  assessed_on       TEXT,
  created           TEXT NOT NULL,
  modified          TEXT NOT NULL,
  UNIQUE (round_id, node_id),
  CHECK (suggested_status IS NULL OR status = suggested_status OR
         length(trim(coalesce(override_reason, ''))) > 0)
);
CREATE INDEX assessments_by_node ON assessments (node_id);

-- What was done (genomfört): workshops, meetings, pre-studies, … of a
-- strategy's work, with the period they took place in (mb-period.h's
-- stored form: "2021", "2021-10", "2023-H1", "2021-10-05").
CREATE TABLE activities (
  id                   TEXT PRIMARY KEY NOT NULL,
  strategy_id          TEXT NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
  kind                 TEXT NOT NULL DEFAULT 'other'
                       CHECK (kind IN ('workshop', 'meeting', 'pre-study', 'peer-review',
                                       'call-published', 'municipal-dialogue', 'network',
                                       'decision', 'other')),
  title                TEXT NOT NULL CHECK (length(trim(title)) > 0),
  description          TEXT,
  start_period         TEXT CHECK (start_period IS NULL OR start_period GLOB '[12][0-9][0-9][0-9]*'),
  end_period           TEXT CHECK (end_period IS NULL OR end_period GLOB '[12][0-9][0-9][0-9]*'),
  registration_number  TEXT,
  participants         INTEGER CHECK (participants IS NULL OR participants >= 0),
  reference            TEXT,   -- a link or a document reference
  created              TEXT NOT NULL,
  modified             TEXT NOT NULL
);
CREATE INDEX activities_by_strategy ON activities (strategy_id, start_period);

-- Who took part, what it served, what it relates to.
CREATE TABLE activity_organisations (
  activity_id      TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  organisation_id  TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  PRIMARY KEY (activity_id, organisation_id)
) WITHOUT ROWID;
CREATE INDEX activity_organisations_by_org ON activity_organisations (organisation_id);

CREATE TABLE activity_nodes (
  activity_id  TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  node_id      TEXT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
  PRIMARY KEY (activity_id, node_id)
) WITHOUT ROWID;
CREATE INDEX activity_nodes_by_node ON activity_nodes (node_id);

CREATE TABLE activity_projects (
  activity_id  TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  project_id   TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  PRIMARY KEY (activity_id, project_id)
) WITHOUT ROWID;

CREATE TABLE activity_calls (
  activity_id  TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  call_id      TEXT NOT NULL REFERENCES funding_calls (id) ON DELETE CASCADE,
  PRIMARY KEY (activity_id, call_id)
) WITHOUT ROWID;
