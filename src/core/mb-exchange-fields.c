/* mb-exchange-fields.c – the one description of every exchanged table and column
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export, import, validation and the JSON Schema in data/ are all driven by
 * this table; tests/test-exchange.c checks it against mb-schema.sql, so a
 * column added there without a description here fails the suite.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "mb-exchange-fields.h"
#include "mb-indicator-stats.h"
#include "mb-json-writer.h"
#include "mb-period.h"
#include "mb-store-private.h"

#define NN MB_FIELD_NOT_NULL
#define PK (MB_FIELD_PRIMARY_KEY | MB_FIELD_NOT_NULL)
#define HAS_MIN MB_FIELD_HAS_MIN
#define HAS_MAX MB_FIELD_HAS_MAX

#define ID { "id", MB_FIELD_TEXT, PK, MB_FIELD_FORMAT_UUID, NULL, NULL, 0, 0, NULL }
#define CREATED { "created", MB_FIELD_TEXT, NN, MB_FIELD_FORMAT_DATE_TIME, NULL, NULL, 0, 0, NULL }
#define MODIFIED { "modified", MB_FIELD_TEXT, NN, MB_FIELD_FORMAT_DATE_TIME, NULL, NULL, 0, 0, NULL }
#define TEXT(name) { name, MB_FIELD_TEXT, 0, MB_FIELD_FORMAT_NONE, NULL, NULL, 0, 0, NULL }
#define NOT_BLANK(name) { name, MB_FIELD_TEXT, NN, MB_FIELD_FORMAT_NOT_BLANK, NULL, NULL, 0, 0, NULL }
#define TIME_PERIOD(name) { name, MB_FIELD_TEXT, 0, MB_FIELD_FORMAT_TIME_PERIOD, NULL, NULL, 0, 0, NULL }
#define DATE(name) { name, MB_FIELD_TEXT, 0, MB_FIELD_FORMAT_DATE, NULL, NULL, 0, 0, NULL }
#define REF(name, flags, table) { name, MB_FIELD_TEXT, flags, MB_FIELD_FORMAT_UUID, NULL, NULL, 0, 0, table }
#define ENUM(name, flags, values, dflt) { name, MB_FIELD_TEXT, flags, MB_FIELD_FORMAT_NONE, values, dflt, 0, 0, NULL }
#define YEAR(name, flags) { name, MB_FIELD_INTEGER, flags | HAS_MIN | HAS_MAX, MB_FIELD_FORMAT_NONE, NULL, NULL, 1900, 2200, NULL }
#define REAL(name, flags, min, max) { name, MB_FIELD_REAL, flags, MB_FIELD_FORMAT_NONE, NULL, NULL, min, max, NULL }
#define FLAG(name) { name, MB_FIELD_BOOLEAN, NN, MB_FIELD_FORMAT_NONE, NULL, "0", 0, 0, NULL }
#define POSITION(dflt) { "position", MB_FIELD_INTEGER, NN, MB_FIELD_FORMAT_NONE, NULL, dflt, 0, 0, NULL }

#define FIELDS(array) array, G_N_ELEMENTS (array)

static const char * const sectors[] = { "public", "business", "academia", "civil-society", NULL };
static const char * const strategy_statuses[] = { "draft", "adopted", "archived", NULL };
static const char * const directions[] = { "top-down", "left-right", NULL };
static const char * const node_statuses[] = { "planned", "ongoing", "done", "paused", NULL };
static const char * const link_kinds[] = {
  "contributes-to", "conflicts-with", "depends-on", NULL
};
static const char * const measures[] = { "number", "percent", "qualitative", NULL };
static const char * const indicator_directions[] = { "increase", "decrease", NULL };
static const char * const genders[] = { "T", "K", "M", NULL };
static const char * const call_statuses[] = { "planned", "open", "closed", "cancelled", NULL };
static const char * const project_statuses[] = {
  "planned", "applied", "granted", "ongoing", "completed", "rejected", "cancelled", NULL
};
static const char * const target_change_kinds[] = { "changed", "removed", NULL };
static const char * const value_kinds[] = { "planned", "actual", NULL };
static const char * const parent_relations[] = { "part", "child", NULL };
static const char * const comment_statuses[] = { "open", "resolved", NULL };
static const char * const round_statuses[] = { "in-progress", "approved", NULL };
static const char * const assessment_statuses[] = {
  "on-track", "some-progress", "at-risk", "off-track", "not-assessable", NULL
};
static const char * const activity_kinds[] = {
  "workshop", "meeting", "pre-study", "peer-review", "call-published", "municipal-dialogue",
  "network", "decision", "other", NULL
};

static const MbExchangeField organisations[] = {
  ID,
  NOT_BLANK ("name"),
  TEXT ("org_number"),
  ENUM ("sector", NN, sectors, "'public'"),
  CREATED, MODIFIED,
};

static const MbExchangeField strategies[] = {
  ID,
  NOT_BLANK ("title"),
  TEXT ("short_name"),
  TEXT ("registration_number"),
  REF ("organisation_id", 0, "organisations"),
  REF ("parent_id", 0, "strategies"),
  POSITION ("0"),
  YEAR ("period_from", 0),
  YEAR ("period_to", 0),
  DATE ("adopted_on"),
  ENUM ("status", NN, strategy_statuses, "'draft'"),
  { "scheme", MB_FIELD_TEXT, NN, MB_FIELD_FORMAT_NONE, NULL, "'custom'", 0, 0, NULL },
  ENUM ("layout_direction", NN, directions, "'top-down'"),
  TEXT ("description"),
  CREATED, MODIFIED,
  ENUM ("parent_relation", NN, parent_relations, "'child'"),
};

static const MbExchangeField levels[] = {
  ID,
  REF ("strategy_id", NN, "strategies"),
  { "position", MB_FIELD_INTEGER, NN | HAS_MIN, MB_FIELD_FORMAT_NONE, NULL, NULL, 0, 0, NULL },
  NOT_BLANK ("name"),
  TEXT ("name_sv"),
  CREATED, MODIFIED,
};

static const MbExchangeField nodes[] = {
  ID,
  REF ("strategy_id", NN, "strategies"),
  REF ("level_id", NN, "levels"),
  REF ("parent_id", 0, "nodes"),
  POSITION ("0"),
  NOT_BLANK ("title"),
  TEXT ("code"),
  TEXT ("description"),
  REAL ("x", 0, 0, 0),
  REAL ("y", 0, 0, 0),
  TEXT ("responsible"),
  REF ("organisation_id", 0, "organisations"),
  TIME_PERIOD ("start_date"),
  TIME_PERIOD ("end_date"),
  ENUM ("status", 0, node_statuses, NULL),
  CREATED, MODIFIED,
  FLAG ("in_operation"),
};

static const MbExchangeField links[] = {
  ID,
  REF ("from_node_id", NN, "nodes"),
  REF ("to_node_id", NN, "nodes"),
  ENUM ("kind", NN, link_kinds, "'contributes-to'"),
  TEXT ("rationale"),
  TEXT ("assumptions"),
  { "confidence", MB_FIELD_INTEGER, HAS_MIN | HAS_MAX, MB_FIELD_FORMAT_NONE, NULL, NULL, 0, 100, NULL },
  TEXT ("evidence"),
  CREATED, MODIFIED,
};

static const MbExchangeField node_tags[] = {
  REF ("node_id", PK, "nodes"),
  { "tag", MB_FIELD_TEXT, PK, MB_FIELD_FORMAT_TAG, NULL, NULL, 0, 0, NULL },
};

static const MbExchangeField node_territories[] = {
  REF ("node_id", PK, "nodes"),
  { "territory_code", MB_FIELD_TEXT, PK, MB_FIELD_FORMAT_TERRITORY, NULL, NULL, 0, 0, NULL },
};

static const MbExchangeField indicators[] = {
  ID,
  REF ("strategy_id", 0, "strategies"),
  NOT_BLANK ("title"),
  TEXT ("description"),
  TEXT ("unit"),
  ENUM ("measure", NN, measures, "'number'"),
  ENUM ("direction", NN, indicator_directions, "'increase'"),
  REAL ("baseline_value", 0, 0, 0),
  YEAR ("baseline_year", 0),
  TEXT ("source"),
  TEXT ("frequency"),
  FLAG ("by_gender"),
  FLAG ("by_municipality"),
  TEXT ("reference"),
  CREATED, MODIFIED,
};

static const MbExchangeField indicator_targets[] = {
  ID,
  REF ("indicator_id", NN, "indicators"),
  YEAR ("year", NN),
  REAL ("value", NN, 0, 0),
  TEXT ("note"),
  CREATED, MODIFIED,
};

static const MbExchangeField target_history[] = {
  ID,
  REF ("indicator_id", NN, "indicators"),
  YEAR ("year", NN),
  REAL ("value", 0, 0, 0),
  NOT_BLANK ("reason"),
  { "changed", MB_FIELD_TEXT, NN, MB_FIELD_FORMAT_DATE_TIME, NULL, NULL, 0, 0, NULL },
  ENUM ("kind", NN, target_change_kinds, "'changed'"),
  CREATED, MODIFIED,
};

static const MbExchangeField node_indicators[] = {
  REF ("node_id", PK, "nodes"),
  REF ("indicator_id", PK, "indicators"),
};

static const MbExchangeField measurements[] = {
  ID,
  REF ("indicator_id", NN, "indicators"),
  { "period", MB_FIELD_TEXT, NN, MB_FIELD_FORMAT_PERIOD, NULL, NULL, 0, 0, NULL },
  { "territory_code", MB_FIELD_TEXT, NN, MB_FIELD_FORMAT_FOUR_DIGITS, NULL, "'0000'", 0, 0, NULL },
  ENUM ("gender", NN, genders, "'T'"),
  REAL ("value", 0, 0, 0),
  TEXT ("status"),
  TEXT ("note"),
  CREATED, MODIFIED,
};

static const MbExchangeField funding_calls[] = {
  ID,
  NOT_BLANK ("title"),
  TEXT ("funder"),
  TEXT ("programme"),
  TEXT ("call_number"),
  DATE ("opens_on"),
  DATE ("closes_on"),
  REAL ("budget", HAS_MIN, 0, 0),
  FLAG ("budget_preliminary"),
  REAL ("max_support_rate", HAS_MIN | HAS_MAX, 0, 100),
  TEXT ("eligible_actors"),
  TEXT ("regions"),
  ENUM ("status", NN, call_statuses, "'planned'"),
  TEXT ("url"),
  TEXT ("description"),
  CREATED, MODIFIED,
};

static const MbExchangeField projects[] = {
  ID,
  NOT_BLANK ("title"),
  TEXT ("registration_number"),
  REF ("owner_id", 0, "organisations"),
  ENUM ("status", NN, project_statuses, "'planned'"),
  DATE ("start_date"),
  DATE ("end_date"),
  REAL ("total_budget", HAS_MIN, 0, 0),
  TEXT ("description"),
  CREATED, MODIFIED,
};

static const MbExchangeField project_funding[] = {
  ID,
  REF ("project_id", NN, "projects"),
  NOT_BLANK ("source"),
  REAL ("amount", NN | HAS_MIN, 0, 0),
  CREATED, MODIFIED,
};

static const MbExchangeField project_partners[] = {
  REF ("project_id", PK, "projects"),
  REF ("organisation_id", PK, "organisations"),
};

static const MbExchangeField project_calls[] = {
  REF ("project_id", PK, "projects"),
  REF ("call_id", PK, "funding_calls"),
};

static const MbExchangeField project_nodes[] = {
  REF ("project_id", PK, "projects"),
  REF ("node_id", PK, "nodes"),
};

static const MbExchangeField call_nodes[] = {
  REF ("call_id", PK, "funding_calls"),
  REF ("node_id", PK, "nodes"),
};

static const MbExchangeField project_indicator_values[] = {
  ID,
  REF ("project_id", NN, "projects"),
  REF ("indicator_id", NN, "indicators"),
  ENUM ("kind", NN, value_kinds, NULL),
  YEAR ("year", 0),
  REAL ("value", NN, 0, 0),
  CREATED, MODIFIED,
};

static const MbExchangeField review_comments[] = {
  ID,
  REF ("node_id", 0, "nodes"),
  REF ("link_id", 0, "links"),
  NOT_BLANK ("author"),
  NOT_BLANK ("body"),
  ENUM ("status", NN, comment_statuses, "'open'"),
  CREATED, MODIFIED,
  REF ("assessment_id", 0, "assessments"),
};

static const MbExchangeField follow_up_rounds[] = {
  ID,
  REF ("strategy_id", NN, "strategies"),
  YEAR ("year", NN),
  NOT_BLANK ("title"),
  DATE ("cutoff_date"),
  ENUM ("status", NN, round_statuses, "'in-progress'"),
  TEXT ("decision_number"),
  DATE ("decided_on"),
  TEXT ("responsible"),
  CREATED, MODIFIED,
};

static const MbExchangeField assessments[] = {
  ID,
  REF ("round_id", NN, "follow_up_rounds"),
  REF ("node_id", NN, "nodes"),
  ENUM ("status", NN, assessment_statuses, NULL),
  ENUM ("suggested_status", 0, assessment_statuses, NULL),
  TEXT ("override_reason"),
  TEXT ("judgement"),
  TEXT ("assessed_by"),
  DATE ("assessed_on"),
  CREATED, MODIFIED,
};

static const MbExchangeField activities[] = {
  ID,
  REF ("strategy_id", NN, "strategies"),
  ENUM ("kind", NN, activity_kinds, "'other'"),
  NOT_BLANK ("title"),
  TEXT ("description"),
  TIME_PERIOD ("start_period"),
  TIME_PERIOD ("end_period"),
  TEXT ("registration_number"),
  { "participants", MB_FIELD_INTEGER, HAS_MIN, MB_FIELD_FORMAT_NONE, NULL, NULL, 0, 0, NULL },
  TEXT ("reference"),
  CREATED, MODIFIED,
};

static const MbExchangeField activity_organisations[] = {
  REF ("activity_id", PK, "activities"),
  REF ("organisation_id", PK, "organisations"),
};

static const MbExchangeField activity_nodes[] = {
  REF ("activity_id", PK, "activities"),
  REF ("node_id", PK, "nodes"),
};

static const MbExchangeField activity_projects[] = {
  REF ("activity_id", PK, "activities"),
  REF ("project_id", PK, "projects"),
};

static const MbExchangeField activity_calls[] = {
  REF ("activity_id", PK, "activities"),
  REF ("call_id", PK, "funding_calls"),
};

static const MbExchangeField revisions[] = {
  ID,
  REF ("strategy_id", NN, "strategies"),
  NOT_BLANK ("name"),
  { "taken", MB_FIELD_TEXT, NN, MB_FIELD_FORMAT_DATE_TIME, NULL, NULL, 0, 0, NULL },
  FLAG ("automatic"),
  { "n_rows", MB_FIELD_INTEGER, NN | HAS_MIN, MB_FIELD_FORMAT_NONE, NULL, NULL, 0, 0, NULL },
  { "manifest", MB_FIELD_TEXT, NN, MB_FIELD_FORMAT_NONE, NULL, NULL, 0, 0, NULL },
  CREATED, MODIFIED,
};

static const MbExchangeField revision_chunks[] = {
  { "hash", MB_FIELD_TEXT, PK, MB_FIELD_FORMAT_CHUNK_HASH, NULL, NULL, 0, 0, NULL },
  { "data", MB_FIELD_TEXT, NN, MB_FIELD_FORMAT_NONE, NULL, NULL, 0, 0, NULL },
};

#define U(...) (const char * const[]) { __VA_ARGS__, NULL }

static const MbExchangeTable tables[] = {
  { "organisations", FIELDS (organisations), TRUE, { NULL },
    "Organisations: owners of strategies and projects, project partners." },
  { "strategies", FIELDS (strategies), TRUE, { U ("registration_number") },
    "Strategies, each with its own level scheme." },
  { "levels", FIELDS (levels), TRUE, { U ("strategy_id", "id") },
    "The ordered, named levels of a strategy's scheme." },
  { "nodes", FIELDS (nodes), TRUE, { NULL },
    "Goals, priorities, actions: the nodes of a strategy, on one of its levels; in_operation:"
    " the end_date is when the work is in operation (\"I drift 2022\"), not done." },
  { "links", FIELDS (links), TRUE, { U ("from_node_id", "to_node_id", "kind") },
    "Links between nodes, also across strategies; contributes-to links form no cycle." },
  { "node_tags", FIELDS (node_tags), FALSE, { NULL },
    "Catalogue tags of nodes: \"sdg:7\", \"dimension:social\"." },
  { "node_territories", FIELDS (node_territories), FALSE, { NULL },
    "Territories (official four-digit codes) a node targets." },
  { "indicators", FIELDS (indicators), TRUE, { NULL },
    "Indicators; reference points into a catalogue (\"kolada:N01951\", \"erdf:RCR 29\")." },
  { "indicator_targets", FIELDS (indicator_targets), TRUE, { U ("indicator_id", "year") },
    "Target values of an indicator per year." },
  { "target_history", FIELDS (target_history), TRUE, { NULL },
    "Earlier target values of an adopted strategy's indicators: the value before a change"
    " or removal (none when the change added the target), with its reason and date." },
  { "node_indicators", FIELDS (node_indicators), FALSE, { NULL },
    "Indicators attached to nodes." },
  { "measurements", FIELDS (measurements), TRUE,
    { U ("indicator_id", "period", "territory_code", "gender") },
    "Measured values of an indicator per period, territory and gender." },
  { "funding_calls", FIELDS (funding_calls), TRUE, { NULL },
    "Funding calls." },
  { "projects", FIELDS (projects), TRUE, { U ("registration_number") },
    "Projects." },
  { "project_funding", FIELDS (project_funding), TRUE, { U ("project_id", "source") },
    "Granted funding of a project per source." },
  { "project_partners", FIELDS (project_partners), FALSE, { NULL },
    "Partner organisations of projects." },
  { "project_calls", FIELDS (project_calls), FALSE, { NULL },
    "Funding calls a project was financed from." },
  { "project_nodes", FIELDS (project_nodes), FALSE, { NULL },
    "Nodes a project contributes to." },
  { "call_nodes", FIELDS (call_nodes), FALSE, { NULL },
    "Nodes a funding call serves." },
  { "project_indicator_values", FIELDS (project_indicator_values), TRUE, { NULL },
    "Planned and reported indicator values of projects." },
  { "review_comments", FIELDS (review_comments), TRUE, { NULL },
    "Reviewers' comments on a node, a link or an assessment (exactly one of node_id, link_id"
    " and assessment_id)." },
  { "follow_up_rounds", FIELDS (follow_up_rounds), TRUE, { U ("strategy_id", "year") },
    "A strategy's follow-up rounds, usually one a year." },
  { "assessments", FIELDS (assessments), TRUE, { U ("round_id", "node_id") },
    "A goal's assessment in a follow-up round; a status other than the suggested one has"
    " its override_reason." },
  { "activities", FIELDS (activities), TRUE, { NULL },
    "What was done: workshops, meetings, pre-studies, … with their periods"
    " (\"2021\", \"2021-10\", \"2023-H1\", \"2021-summer\", \"2021-Q3\", \"2021-10-05\")." },
  { "activity_organisations", FIELDS (activity_organisations), FALSE, { NULL },
    "Organisations that took part in an activity." },
  { "activity_nodes", FIELDS (activity_nodes), FALSE, { NULL },
    "Goals and strength areas an activity served." },
  { "activity_projects", FIELDS (activity_projects), FALSE, { NULL },
    "Projects an activity relates to." },
  { "activity_calls", FIELDS (activity_calls), FALSE, { NULL },
    "Funding calls an activity relates to." },
  { "revisions", FIELDS (revisions), TRUE, { U ("strategy_id", "name") },
    "Named, immutable versions of a strategy (format version 2): its rows as chunks, named by"
    " the manifest. An import never changes a revision the library has." },
  { "revision_chunks", FIELDS (revision_chunks), FALSE, { NULL },
    "The rows of revisions, shared between them: the text of a run of rows and the first 32"
    " hex digits of its SHA-256." },
};

const MbExchangeTable *
mb_exchange_get_tables (guint *n_tables)
{
  *n_tables = G_N_ELEMENTS (tables);
  return tables;
}

const MbExchangeTable *
mb_exchange_lookup_table (const char *name,
                          guint      *index)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_str_equal (tables[i].name, name))
      {
        if (index != NULL)
          *index = i;
        return &tables[i];
      }
  return NULL;
}

const MbExchangeField *
mb_exchange_table_lookup_field (const MbExchangeTable *table,
                                const char            *name,
                                guint                 *index)
{
  for (guint i = 0; i < table->n_fields; i++)
    if (g_str_equal (table->fields[i].name, name))
      {
        if (index != NULL)
          *index = i;
        return &table->fields[i];
      }
  return NULL;
}

gboolean
mb_exchange_field_is_required (const MbExchangeField *field)
{
  return (field->flags & MB_FIELD_NOT_NULL) != 0 && field->default_sql == NULL;
}

static gboolean
is_digits (const char *s,
           guint       n)
{
  for (guint i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_valid_date (const char *s)
{
  int year, month, day;

  if (strlen (s) != 10 || !is_digits (s, 4) || s[4] != '-' || !is_digits (s + 5, 2) ||
      s[7] != '-' || !is_digits (s + 8, 2))
    return FALSE;

  year = atoi (s);
  month = atoi (s + 5);
  day = atoi (s + 8);
  /* A plausible range, as the schema's years: 9999 is a typing error. */
  return year >= 1900 && year <= 2200 && g_date_valid_dmy (day, month, year);
}

/* Not empty and not only white space: tabs, no-break spaces and the other
 * Unicode spaces count as white space, as do the invisible zero-width ones. */
static gboolean
is_not_blank (const char *s)
{
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x200b && c != 0x2060 && c != 0xfeff &&
          c != 0x180e)
        return TRUE;
    }
  return FALSE;
}

/* "2026-11-22T18:43:30.123Z": UTC, optional fraction of a second. */
static gboolean
is_valid_date_time (const char *s)
{
  g_autofree char *date = g_strndup (s, 10);
  const char *p = s + 11;

  if (strlen (s) < 20 || !is_valid_date (date) || s[10] != 'T')
    return FALSE;
  if (!is_digits (p, 2) || p[2] != ':' || !is_digits (p + 3, 2) || p[5] != ':' ||
      !is_digits (p + 6, 2))
    return FALSE;
  if (atoi (p) > 23 || atoi (p + 3) > 59 || atoi (p + 6) > 59)
    return FALSE;

  p += 8;
  if (*p == '.')
    {
      guint n = 0;

      for (p++; g_ascii_isdigit (*p); p++)
        n++;
      if (n == 0 || n > 9)
        return FALSE;
    }
  return g_str_equal (p, "Z");
}

static gboolean
is_uuid (const char *s)
{
  static const guint groups[] = { 8, 4, 4, 4, 12 };

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      for (guint i = 0; i < groups[g]; i++, s++)
        if (!g_ascii_isdigit (*s) && !(*s >= 'a' && *s <= 'f'))
          return FALSE;
      if (*s != (g + 1 < G_N_ELEMENTS (groups) ? '-' : '\0'))
        return FALSE;
      s++;
    }
  return TRUE;
}

char *
mb_exchange_field_check_text (const MbExchangeField *field,
                              const char            *value)
{
  gsize len = strlen (value);

  if (field->enum_values != NULL && !g_strv_contains (field->enum_values, value))
    {
      g_autofree char *allowed = g_strjoinv ("”, “", (char **) field->enum_values);
      g_autofree char *shown = _mb_text_shown (value);

      return g_strdup_printf (_("“%s” is not one of “%s”"), shown, allowed);
    }

  switch (field->format)
    {
    case MB_FIELD_FORMAT_NONE:
      return NULL;
    case MB_FIELD_FORMAT_CHUNK_HASH:
      {
        gboolean ok = len == 32;

        for (gsize i = 0; ok && i < len; i++)
          ok = g_ascii_isdigit (value[i]) || (value[i] >= 'a' && value[i] <= 'f');
        return ok ? NULL : g_strdup (_("not 32 lower-case hexadecimal digits"));
      }
    case MB_FIELD_FORMAT_UUID:
      return is_uuid (value) ? NULL : g_strdup (_("not a lower-case UUID"));
    case MB_FIELD_FORMAT_DATE:
      return is_valid_date (value)
        ? NULL : g_strdup (_("not a date of the form 2026-12-31 in the years 1900–2200"));
    case MB_FIELD_FORMAT_DATE_TIME:
      return is_valid_date_time (value)
        ? NULL : g_strdup (_("not a UTC time of the form 2026-12-31T23:59:59.000Z "
                                "in the years 1900–2200"));
    case MB_FIELD_FORMAT_NOT_BLANK:
      return is_not_blank (value) ? NULL : g_strdup (_("must not be empty or only white space"));
    case MB_FIELD_FORMAT_TAG:
      {
        const char *colon = len >= 3 ? strchr (value + 1, ':') : NULL;

        /* GLOB '?*:?*': some colon with a character on each side. */
        while (colon != NULL && colon[1] == '\0')
          colon = NULL;
        return colon != NULL ? NULL : g_strdup (_("not a tag of the form “sdg:7”"));
      }
    case MB_FIELD_FORMAT_TERRITORY:
      return mb_territory_code_is_valid (value)
        ? NULL : g_strdup (_("not a Swedish territory code (“0000” Sweden, “0023” a region, "
                             "“2380” a municipality)"));
    case MB_FIELD_FORMAT_FOUR_DIGITS:
      return len == 4 && is_digits (value, 4)
        ? NULL : g_strdup (_("not a four-digit territory code"));
    case MB_FIELD_FORMAT_PERIOD:
      /* The rule of the app's own entry (mb_measurement_check_period). */
      return !isnan (mb_period_to_time (value))
        ? NULL : g_strdup (_("not a period: a year 1900–2200 (“2023”), a quarter (“2023-Q2”) "
                             "or a month (“2023-06”)"));
    case MB_FIELD_FORMAT_TIME_PERIOD:
      {
        MbPeriod period;
        g_autofree char *stored = NULL;

        if (mb_period_parse (value, &period, NULL))
          stored = mb_period_to_string (&period);
        return g_strcmp0 (stored, value) == 0
          ? NULL : g_strdup (_("not a period of the form “2021”, “2023-H1”, “2021-summer”,"
                               " “2021-Q3”, “2021-10” or “2021-10-05”"));
      }
    default:
      g_assert_not_reached ();
    }
}

/* JSON Schema */

static const char *
format_pattern (MbFieldFormat format)
{
  switch (format)
    {
    case MB_FIELD_FORMAT_UUID:
      return "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
    case MB_FIELD_FORMAT_DATE:
      return "^(19[0-9]{2}|2[01][0-9]{2}|2200)-[0-9]{2}-[0-9]{2}$";
    case MB_FIELD_FORMAT_DATE_TIME:
      return "^(19[0-9]{2}|2[01][0-9]{2}|2200)-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z$";
    case MB_FIELD_FORMAT_NOT_BLANK:
      return "[^\\s\\u200b\\u2060\\u180e]";
    case MB_FIELD_FORMAT_TAG:
      return "[\\s\\S]:[\\s\\S]";
    case MB_FIELD_FORMAT_TERRITORY:
      return "^(0000|00(0[1-9]|1[0234789]|2[0-5])|(0[1-9]|1[0234789]|2[0-5])(0[1-9]|[1-9][0-9]))$";
    case MB_FIELD_FORMAT_FOUR_DIGITS:
      return "^[0-9]{4}$";
    case MB_FIELD_FORMAT_PERIOD:
      return "^(19[0-9]{2}|2[01][0-9]{2}|2200)(-Q[1-4]|-(0[1-9]|1[0-2]))?$";
    case MB_FIELD_FORMAT_TIME_PERIOD:
      return "^[12][0-9]{3}(-(H[12]|Q[1-4]|spring|summer|autumn|[0-9]{2}(-[0-9]{2})?))?$";
    case MB_FIELD_FORMAT_CHUNK_HASH:
      return "^[0-9a-f]{32}$";
    case MB_FIELD_FORMAT_NONE:
    default:
      return NULL;
    }
}

static const char *
format_name (MbFieldFormat format)
{
  switch (format)
    {
    case MB_FIELD_FORMAT_UUID:
      return "uuid";
    case MB_FIELD_FORMAT_DATE:
      return "date";
    case MB_FIELD_FORMAT_DATE_TIME:
      return "date-time";
    case MB_FIELD_FORMAT_NONE:
    case MB_FIELD_FORMAT_NOT_BLANK:
    case MB_FIELD_FORMAT_TAG:
    case MB_FIELD_FORMAT_TERRITORY:
    case MB_FIELD_FORMAT_FOUR_DIGITS:
    case MB_FIELD_FORMAT_PERIOD:
    case MB_FIELD_FORMAT_TIME_PERIOD:
    case MB_FIELD_FORMAT_CHUNK_HASH:
    default:
      return NULL;
    }
}

static void
write_field_schema (MbJsonWriter          *w,
                    const MbExchangeField *field)
{
  static const char * const type_names[] = { "string", "integer", "number", "boolean" };
  gboolean nullable = (field->flags & MB_FIELD_NOT_NULL) == 0;

  mb_json_writer_key (w, field->name);
  mb_json_writer_begin_object (w);

  mb_json_writer_key (w, "type");
  if (nullable)
    {
      mb_json_writer_begin_array (w);
      mb_json_writer_string (w, type_names[field->type], -1);
      mb_json_writer_string (w, "null", -1);
      mb_json_writer_end_array (w);
    }
  else
    mb_json_writer_string (w, type_names[field->type], -1);

  if (field->enum_values != NULL)
    {
      mb_json_writer_key (w, "enum");
      mb_json_writer_begin_array (w);
      for (guint i = 0; field->enum_values[i]; i++)
        mb_json_writer_string (w, field->enum_values[i], -1);
      if (nullable)
        mb_json_writer_null (w);
      mb_json_writer_end_array (w);
    }

  if (format_name (field->format) != NULL)
    {
      mb_json_writer_key (w, "format");
      mb_json_writer_string (w, format_name (field->format), -1);
    }
  if (format_pattern (field->format) != NULL)
    {
      mb_json_writer_key (w, "pattern");
      mb_json_writer_string (w, format_pattern (field->format), -1);
    }
  if (field->flags & MB_FIELD_HAS_MIN)
    {
      mb_json_writer_key (w, "minimum");
      mb_json_writer_double (w, field->minimum);
    }
  if (field->flags & MB_FIELD_HAS_MAX)
    {
      mb_json_writer_key (w, "maximum");
      mb_json_writer_double (w, field->maximum);
    }
  if (field->type == MB_FIELD_INTEGER && !(field->flags & MB_FIELD_HAS_MIN))
    {
      mb_json_writer_key (w, "minimum");
      mb_json_writer_int (w, G_MININT64);
    }
  if (field->type == MB_FIELD_INTEGER && !(field->flags & MB_FIELD_HAS_MAX))
    {
      mb_json_writer_key (w, "maximum");
      mb_json_writer_int (w, G_MAXINT64);
    }
  if (field->references != NULL)
    {
      g_autofree char *text = g_strdup_printf ("The id of an entry of \"%s\".", field->references);

      mb_json_writer_key (w, "description");
      mb_json_writer_string (w, text, -1);
    }

  mb_json_writer_end_object (w);
}

static void
write_table_schema (MbJsonWriter          *w,
                    const MbExchangeTable *table)
{
  gboolean has_xy = g_str_equal (table->name, "nodes");

  mb_json_writer_key (w, table->name);
  mb_json_writer_begin_object (w);
  mb_json_writer_key (w, "description");
  mb_json_writer_string (w, table->description, -1);
  mb_json_writer_key (w, "type");
  mb_json_writer_string (w, "array", -1);
  mb_json_writer_key (w, "items");
  mb_json_writer_begin_object (w);

  mb_json_writer_key (w, "type");
  mb_json_writer_string (w, "object", -1);
  mb_json_writer_key (w, "additionalProperties");
  mb_json_writer_boolean (w, FALSE);

  mb_json_writer_key (w, "required");
  mb_json_writer_begin_array (w);
  for (guint i = 0; i < table->n_fields; i++)
    if (mb_exchange_field_is_required (&table->fields[i]))
      mb_json_writer_string (w, table->fields[i].name, -1);
  mb_json_writer_end_array (w);

  if (has_xy)
    {
      /* CHECK ((x IS NULL) = (y IS NULL)): a pinned position has both. */
      mb_json_writer_key (w, "dependentRequired");
      mb_json_writer_begin_object (w);
      mb_json_writer_key (w, "x");
      mb_json_writer_begin_array (w);
      mb_json_writer_string (w, "y", -1);
      mb_json_writer_end_array (w);
      mb_json_writer_key (w, "y");
      mb_json_writer_begin_array (w);
      mb_json_writer_string (w, "x", -1);
      mb_json_writer_end_array (w);
      mb_json_writer_end_object (w);
    }

  mb_json_writer_key (w, "properties");
  mb_json_writer_begin_object (w);
  for (guint i = 0; i < table->n_fields; i++)
    write_field_schema (w, &table->fields[i]);
  mb_json_writer_end_object (w);

  mb_json_writer_end_object (w);
  mb_json_writer_end_object (w);
}

char *
mb_exchange_build_json_schema (void)
{
  GString *out = g_string_new (NULL);
  g_autoptr(MbJsonWriter) w = mb_json_writer_new (out);

  mb_json_writer_begin_object (w);
  mb_json_writer_key (w, "$schema");
  mb_json_writer_string (w, "https://json-schema.org/draft/2020-12/schema", -1);
  mb_json_writer_key (w, "$id");
  mb_json_writer_string (w, "https://github.com/malbild/malbild/data/malbild-exchange.schema.json",
                         -1);
  mb_json_writer_key (w, "title");
  mb_json_writer_string (w, "Målbild exchange format, version 2 (reads version 1)", -1);
  mb_json_writer_key (w, "description");
  mb_json_writer_string (w,
    "A library of regional development strategies: one array per table of the "
    "library, one object per row, keys named as the columns; entities keep their "
    "UUID \"id\" and refer to each other by it. A NULL column is left out (or null). "
    "Rules beyond this schema, checked on import: references resolve (in the file or "
    "the library), a node's level belongs to its strategy, period_from <= period_to, "
    "a link does not point to its own node, contributes-to links form no cycle, "
    "the unique keys of the library hold, a revision chunk's hash is the SHA-256 of its "
    "data and every chunk a revision's manifest names is in the file or the library. "
    "Version 1 is version 2 without revisions. "
    "Generated from src/core/mb-exchange-fields.c.", -1);
  mb_json_writer_key (w, "type");
  mb_json_writer_string (w, "object", -1);
  mb_json_writer_key (w, "additionalProperties");
  mb_json_writer_boolean (w, FALSE);
  mb_json_writer_key (w, "required");
  mb_json_writer_begin_array (w);
  mb_json_writer_string (w, "format", -1);
  mb_json_writer_string (w, "version", -1);
  mb_json_writer_end_array (w);

  mb_json_writer_key (w, "properties");
  mb_json_writer_begin_object (w);
  mb_json_writer_key (w, "format");
  mb_json_writer_begin_object (w);
  mb_json_writer_key (w, "const");
  mb_json_writer_string (w, MB_EXCHANGE_FORMAT_NAME, -1);
  mb_json_writer_end_object (w);
  mb_json_writer_key (w, "version");
  mb_json_writer_begin_object (w);
  mb_json_writer_key (w, "enum");
  mb_json_writer_begin_array (w);
  for (int v = MB_EXCHANGE_FORMAT_OLDEST_VERSION; v <= MB_EXCHANGE_FORMAT_VERSION; v++)
    mb_json_writer_int (w, v);
  mb_json_writer_end_array (w);
  mb_json_writer_end_object (w);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    write_table_schema (w, &tables[i]);
  mb_json_writer_end_object (w);

  mb_json_writer_end_object (w);

  return g_string_free (out, FALSE);
}
