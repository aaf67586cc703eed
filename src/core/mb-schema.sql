-- Målbild library schema, version 1.
--
-- One table per entity of the model (docs: shared/docs/design.md, domain.md).
-- Column names are also the field names of the JSON exchange format, so the
-- exporter and importer can be driven by one description of these tables.
--
-- Conventions:
--  * id        TEXT UUID (lower-case, 8-4-4-4-12), stable across export/import.
--  * created, modified  TEXT, ISO 8601 UTC with milliseconds ("2026-11-22T18:43:30.123Z").
--  * dates     TEXT "YYYY-MM-DD"; years INTEGER.
--  * booleans  INTEGER 0/1.
--  * enums     TEXT with a CHECK, in lower-case kebab form.
-- Rules that SQL cannot say (no cycles among contributes-to links, …) are
-- enforced in mb-store.c, before the write, with a GError naming the problem.

CREATE TABLE organisations (
  id          TEXT PRIMARY KEY NOT NULL,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
  org_number  TEXT,
  sector      TEXT NOT NULL DEFAULT 'public'
              CHECK (sector IN ('public', 'business', 'academia', 'civil-society')),
  created     TEXT NOT NULL,
  modified    TEXT NOT NULL
);

CREATE TABLE strategies (
  id                  TEXT PRIMARY KEY NOT NULL,
  title               TEXT NOT NULL CHECK (length(trim(title)) > 0),
  short_name          TEXT,
  registration_number TEXT UNIQUE,
  organisation_id     TEXT REFERENCES organisations (id) ON DELETE SET NULL,
  parent_id           TEXT REFERENCES strategies (id) ON DELETE SET NULL,
  position            INTEGER NOT NULL DEFAULT 0,
  period_from         INTEGER CHECK (period_from IS NULL OR period_from BETWEEN 1900 AND 2200),
  period_to           INTEGER CHECK (period_to IS NULL OR period_to BETWEEN 1900 AND 2200),
  adopted_on          TEXT,
  status              TEXT NOT NULL DEFAULT 'draft'
                      CHECK (status IN ('draft', 'adopted', 'archived')),
  scheme              TEXT NOT NULL DEFAULT 'custom',  -- built-in template it was made from
  layout_direction    TEXT NOT NULL DEFAULT 'top-down'
                      CHECK (layout_direction IN ('top-down', 'left-right')),
  description         TEXT,
  created             TEXT NOT NULL,
  modified            TEXT NOT NULL,
  CHECK (period_from IS NULL OR period_to IS NULL OR period_from <= period_to)
);

-- A strategy's level scheme: its own ordered list of named levels.
CREATE TABLE levels (
  id           TEXT PRIMARY KEY NOT NULL,
  strategy_id  TEXT NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL CHECK (position >= 0),
  name         TEXT NOT NULL CHECK (length(trim(name)) > 0),  -- English
  name_sv      TEXT,                                          -- Swedish
  created      TEXT NOT NULL,
  modified     TEXT NOT NULL,
  UNIQUE (strategy_id, id)
);
CREATE INDEX levels_by_strategy ON levels (strategy_id, position);

CREATE TABLE nodes (
  id               TEXT PRIMARY KEY NOT NULL,
  strategy_id      TEXT NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
  level_id         TEXT NOT NULL,
  parent_id        TEXT REFERENCES nodes (id) ON DELETE CASCADE,
  position         INTEGER NOT NULL DEFAULT 0,
  title            TEXT NOT NULL CHECK (length(trim(title)) > 0),
  code             TEXT,
  description      TEXT,
  x                REAL,   -- pinned canvas position; NULL = placed by auto-layout
  y                REAL,
  responsible      TEXT,   -- person or role
  organisation_id  TEXT REFERENCES organisations (id) ON DELETE SET NULL,
  start_date       TEXT,
  end_date         TEXT,
  status           TEXT CHECK (status IS NULL OR status IN ('planned', 'ongoing', 'done', 'paused')),
  created          TEXT NOT NULL,
  modified         TEXT NOT NULL,
  -- A node's level belongs to its own strategy's scheme.
  FOREIGN KEY (strategy_id, level_id) REFERENCES levels (strategy_id, id),
  CHECK ((x IS NULL) = (y IS NULL))
);
CREATE INDEX nodes_by_strategy ON nodes (strategy_id, parent_id, position);
CREATE INDEX nodes_by_parent ON nodes (parent_id, position);
CREATE INDEX nodes_by_level ON nodes (level_id);

CREATE TABLE links (
  id            TEXT PRIMARY KEY NOT NULL,
  from_node_id  TEXT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
  to_node_id    TEXT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
  kind          TEXT NOT NULL DEFAULT 'contributes-to'
                CHECK (kind IN ('contributes-to', 'conflicts-with', 'depends-on')),
  rationale     TEXT,
  assumptions   TEXT,
  confidence    INTEGER CHECK (confidence IS NULL OR confidence BETWEEN 0 AND 100),
  evidence      TEXT,
  created       TEXT NOT NULL,
  modified      TEXT NOT NULL,
  CHECK (from_node_id <> to_node_id),
  UNIQUE (from_node_id, to_node_id, kind)
);
CREATE INDEX links_by_to ON links (to_node_id, kind);

-- Tags point into the shipped catalogues: "sdg:7", "dimension:social",
-- "perspective:gender-equality".
CREATE TABLE node_tags (
  node_id  TEXT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
  tag      TEXT NOT NULL CHECK (tag GLOB '?*:?*'),
  PRIMARY KEY (node_id, tag)
) WITHOUT ROWID;

-- Territories by official code (Kolada/SCB: "0023" county, "2380" Östersund).
CREATE TABLE node_territories (
  node_id         TEXT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
  territory_code  TEXT NOT NULL CHECK (territory_code GLOB '[0-9][0-9][0-9][0-9]'),
  PRIMARY KEY (node_id, territory_code)
) WITHOUT ROWID;

CREATE TABLE indicators (
  id                TEXT PRIMARY KEY NOT NULL,
  strategy_id       TEXT REFERENCES strategies (id) ON DELETE SET NULL,
  title             TEXT NOT NULL CHECK (length(trim(title)) > 0),
  description       TEXT,
  unit              TEXT,
  measure           TEXT NOT NULL DEFAULT 'number'
                    CHECK (measure IN ('number', 'percent', 'qualitative')),
  direction         TEXT NOT NULL DEFAULT 'increase'
                    CHECK (direction IN ('increase', 'decrease')),
  baseline_value    REAL,
  baseline_year     INTEGER CHECK (baseline_year IS NULL OR baseline_year BETWEEN 1900 AND 2200),
  source            TEXT,
  frequency         TEXT,   -- "yearly", "quarterly", …
  by_gender         INTEGER NOT NULL DEFAULT 0 CHECK (by_gender IN (0, 1)),
  by_municipality   INTEGER NOT NULL DEFAULT 0 CHECK (by_municipality IN (0, 1)),
  reference         TEXT,   -- "kolada:N01951", "erdf:RCR 29", "scb:…"; kept when retired
  created           TEXT NOT NULL,
  modified          TEXT NOT NULL
);
CREATE INDEX indicators_by_reference ON indicators (reference);

CREATE TABLE indicator_targets (
  id            TEXT PRIMARY KEY NOT NULL,
  indicator_id  TEXT NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
  year          INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  value         REAL NOT NULL,
  note          TEXT,
  created       TEXT NOT NULL,
  modified      TEXT NOT NULL,
  UNIQUE (indicator_id, year)
);

CREATE TABLE node_indicators (
  node_id       TEXT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
  indicator_id  TEXT NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
  PRIMARY KEY (node_id, indicator_id)
) WITHOUT ROWID;
CREATE INDEX node_indicators_by_indicator ON node_indicators (indicator_id);

CREATE TABLE measurements (
  id              TEXT PRIMARY KEY NOT NULL,
  indicator_id    TEXT NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
  period          TEXT NOT NULL CHECK (period GLOB '[12][0-9][0-9][0-9]*'),  -- "2023", "2023-Q2"
  territory_code  TEXT NOT NULL DEFAULT '0000',  -- "0000" = Sweden / not split
  gender          TEXT NOT NULL DEFAULT 'T' CHECK (gender IN ('T', 'K', 'M')),
  value           REAL,
  status          TEXT,   -- Kolada status, "preliminary", …
  note            TEXT,
  created         TEXT NOT NULL,
  modified        TEXT NOT NULL,
  UNIQUE (indicator_id, period, territory_code, gender)
);

CREATE TABLE funding_calls (
  id                  TEXT PRIMARY KEY NOT NULL,
  title               TEXT NOT NULL CHECK (length(trim(title)) > 0),
  funder              TEXT,
  programme           TEXT,
  call_number         TEXT,   -- the funder's own identifier of the call
  opens_on            TEXT,
  closes_on           TEXT,
  budget              REAL CHECK (budget IS NULL OR budget >= 0),
  budget_preliminary  INTEGER NOT NULL DEFAULT 0 CHECK (budget_preliminary IN (0, 1)),
  max_support_rate    REAL CHECK (max_support_rate IS NULL OR max_support_rate BETWEEN 0 AND 100),
  eligible_actors     TEXT,
  regions             TEXT,
  status              TEXT NOT NULL DEFAULT 'planned'
                      CHECK (status IN ('planned', 'open', 'closed', 'cancelled')),
  url                 TEXT,
  description         TEXT,
  created             TEXT NOT NULL,
  modified            TEXT NOT NULL
);

CREATE TABLE projects (
  id                   TEXT PRIMARY KEY NOT NULL,
  title                TEXT NOT NULL CHECK (length(trim(title)) > 0),
  registration_number  TEXT UNIQUE,
  owner_id             TEXT REFERENCES organisations (id) ON DELETE SET NULL,
  status               TEXT NOT NULL DEFAULT 'planned'
                       CHECK (status IN ('planned', 'applied', 'granted', 'ongoing',
                                         'completed', 'rejected', 'cancelled')),
  start_date           TEXT,
  end_date             TEXT,
  total_budget         REAL CHECK (total_budget IS NULL OR total_budget >= 0),
  description          TEXT,
  created              TEXT NOT NULL,
  modified             TEXT NOT NULL
);

-- Granted funding per source ("ERDF", "anslag 1:1", "municipalities", …).
CREATE TABLE project_funding (
  id          TEXT PRIMARY KEY NOT NULL,
  project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  source      TEXT NOT NULL CHECK (length(trim(source)) > 0),
  amount      REAL NOT NULL CHECK (amount >= 0),
  created     TEXT NOT NULL,
  modified    TEXT NOT NULL,
  UNIQUE (project_id, source)
);

CREATE TABLE project_partners (
  project_id       TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  organisation_id  TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  PRIMARY KEY (project_id, organisation_id)
) WITHOUT ROWID;

CREATE TABLE project_calls (
  project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  call_id     TEXT NOT NULL REFERENCES funding_calls (id) ON DELETE CASCADE,
  PRIMARY KEY (project_id, call_id)
) WITHOUT ROWID;

CREATE TABLE project_nodes (
  project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  node_id     TEXT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
  PRIMARY KEY (project_id, node_id)
) WITHOUT ROWID;
CREATE INDEX project_nodes_by_node ON project_nodes (node_id);

CREATE TABLE call_nodes (
  call_id  TEXT NOT NULL REFERENCES funding_calls (id) ON DELETE CASCADE,
  node_id  TEXT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
  PRIMARY KEY (call_id, node_id)
) WITHOUT ROWID;
CREATE INDEX call_nodes_by_node ON call_nodes (node_id);

-- Planned and reported (actual) indicator values of a project.
CREATE TABLE project_indicator_values (
  id            TEXT PRIMARY KEY NOT NULL,
  project_id    TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  indicator_id  TEXT NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
  kind          TEXT NOT NULL CHECK (kind IN ('planned', 'actual')),
  year          INTEGER CHECK (year IS NULL OR year BETWEEN 1900 AND 2200),
  value         REAL NOT NULL,
  created       TEXT NOT NULL,
  modified      TEXT NOT NULL
);
CREATE INDEX project_indicator_values_by_project ON project_indicator_values (project_id);
