/* mb-report.c – the follow-up report (uppföljningsrapport) built from the library
 *
 * The report follows the shape of the region's own follow-up report
 * (RUN/12/2022): the framework, the long-term goal and priorities, each goal's
 * assessment with its indicators, projects and calls, what was done in the
 * year, what happens next, and annexes. Every figure is read from the
 * library here and formatted in the report's language, which need not be the
 * UI's: a Swedish strategist may write the report in English, so the report
 * keeps its own words (W()) rather than the UI's gettext catalogue.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "mb-follow-up-goals.h"
#include "mb-follow-up.h"
#include "mb-format.h"
#include "mb-indicator-stats.h"
#include "mb-report.h"
#include "mb-revision.h"
#include "mb-roadmap.h"
#include "mb-store-private.h"

#define MAX_CHARTS_PER_GOAL 3

typedef struct
{
  MbStore               *store;
  sqlite3               *db;
  const MbReportOptions *options;
  MbReportDoc           *doc;
  gboolean               sv;
  MbPeriodLanguage       language;
  int                    year;
  char                  *strategy_id;
  char                  *strategy_title;
  char                  *round_id;
  char                  *cutoff_date;
  GPtrArray             *goals;        /* of MbFollowUpGoal */
  GHashTable            *level_names;  /* node id → its level's name in the report's language */
  GHashTable            *level_places; /* node id → its level's position + 1 */
  int                    top_levels[2]; /* the positions of the first two levels in use, or -1 */
  GHashTable            *indicators;   /* id → Indicator, each read once */
  GPtrArray             *indicator_order; /* of Indicator, as first met, for the annex */
  guint                  n_charts;
} Report;

/* The report's words: Swedish, or English. */
#define W(sv_text, en_text) (r->sv ? (sv_text) : (en_text))

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static sqlite3_stmt *
prepare_with (Report      *r,
              const char  *sql,
              const char  *arg,
              GError     **error)
{
  sqlite3_stmt *stmt = _mb_store_prepare (r->db, sql, error);

  if (stmt != NULL && arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  return stmt;
}

static gboolean
step_done (Report  *r,
           int      rc,
           GError **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  _mb_store_set_sqlite_error (r->db, rc, error);
  return FALSE;
}

/* Formatting in the report's language */

static char *
format_number (Report *r,
               double  value)
{
  return mb_format_number_in (value, r->language);
}

static char *
format_amount (Report *r,
               double  kronor)
{
  g_autofree char *number = NULL;

  if (!isfinite (kronor))
    return g_strdup ("–");
  number = format_number (r, round (kronor));
  return g_strdup_printf ("%s\u00a0kr", number);
}

static char *
format_percent (Report *r,
                double  fraction)
{
  g_autofree char *number = NULL;

  if (!isfinite (fraction))
    return g_strdup ("–");
  number = format_number (r, round (fraction * 100.0));
  return g_strdup_printf (r->sv ? "%s\u00a0%%" : "%s%%", number);
}

/* "2022-03-15" as Swedish documents write it, "15 March 2022" in English. */
static char *
format_date (Report     *r,
             const char *iso_date)
{
  static const char * const months[] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
  };
  int y, m, d;

  if (iso_date == NULL || *iso_date == '\0')
    return g_strdup ("");
  if (sscanf (iso_date, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return g_strdup (iso_date);
  if (r->sv)
    return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  return g_strdup_printf ("%d %s %d", d, months[m - 1], y);
}

static char *
format_period (Report     *r,
               const char *stored)
{
  MbPeriod period;

  if (stored == NULL || !mb_period_parse (stored, &period, NULL))
    return g_strdup (stored ? stored : "");
  return mb_period_format (&period, r->language);
}

static const char *
status_word (Report             *r,
             MbAssessmentStatus  status)
{
  switch (status)
    {
    case MB_ASSESSMENT_ON_TRACK:
      return W ("I fas", "On track");
    case MB_ASSESSMENT_SOME_PROGRESS:
      return W ("Viss framgång", "Some progress");
    case MB_ASSESSMENT_AT_RISK:
      return W ("Risk", "At risk");
    case MB_ASSESSMENT_OFF_TRACK:
      return W ("Ur fas", "Off track");
    case MB_ASSESSMENT_NOT_ASSESSABLE:
    default:
      return W ("Kan inte bedömas", "Cannot be assessed");
    }
}

static const char *
plan_status_word (Report     *r,
                  const char *status)
{
  if (g_strcmp0 (status, "planned") == 0)
    return W ("Planerad", "Planned");
  if (g_strcmp0 (status, "ongoing") == 0)
    return W ("Pågående", "Ongoing");
  if (g_strcmp0 (status, "done") == 0)
    return W ("Klar", "Done");
  if (g_strcmp0 (status, "paused") == 0)
    return W ("Pausad", "Paused");
  return "";
}

static const char *
project_status_word (Report     *r,
                     const char *status)
{
  static const struct { const char *key, *sv, *en; } words[] = {
    { "planned", "Planerat", "Planned" },
    { "applied", "Ansökt", "Applied" },
    { "granted", "Beviljat", "Granted" },
    { "ongoing", "Pågående", "Ongoing" },
    { "completed", "Avslutat", "Completed" },
    { "rejected", "Avslaget", "Rejected" },
    { "cancelled", "Avbrutet", "Cancelled" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_strcmp0 (status, words[i].key) == 0)
      return r->sv ? words[i].sv : words[i].en;
  return status ? status : "";
}

static const char *
call_status_word (Report     *r,
                  const char *status)
{
  if (g_strcmp0 (status, "open") == 0)
    return W ("Öppen", "Open");
  if (g_strcmp0 (status, "closed") == 0)
    return W ("Stängd", "Closed");
  if (g_strcmp0 (status, "cancelled") == 0)
    return W ("Inställd", "Cancelled");
  return W ("Planerad", "Planned");
}

static const char *
gender_word (Report     *r,
             const char *gender)
{
  if (g_strcmp0 (gender, "K") == 0)
    return W ("Kvinnor", "Women");
  if (g_strcmp0 (gender, "M") == 0)
    return W ("Män", "Men");
  return W ("Totalt", "Total");
}

static char *
territory_name (Report     *r,
                const char *code)
{
  const char *name;

  if (code == NULL || g_str_equal (code, MB_TERRITORY_NONE))
    return g_strdup (W ("Sverige", "Sweden"));
  name = r->options->catalogue ? mb_catalogue_get_territory_name (r->options->catalogue, code)
                               : NULL;
  return g_strdup (name ? name : code);
}

/* Indicators, read once each */

typedef struct
{
  char   *territory;
  char   *gender;
  char   *period;
  double  time;
  double  value;
} Value;

typedef struct
{
  char      *id;
  char      *title;
  char      *description;
  char      *unit;
  char      *source;
  char      *reference;
  gboolean   lower_is_better;
  gboolean   qualitative;
  double     baseline;
  int        baseline_year;
  GArray    *target_years;     /* int, ascending */
  GArray    *target_values;    /* double */
  GPtrArray *history;          /* of MbTargetChange: earlier targets, newest first */
  GPtrArray *values;           /* of Value, by period, up to the report's year */
  /* The headline series (the app's: mb-indicator-stats.c) cut at the year. */
  char      *territory;
  char      *gender;
  GArray    *trend;            /* of MbSeriesPoint */
} Indicator;

static void
value_free (gpointer data)
{
  Value *v = data;

  g_free (v->territory);
  g_free (v->gender);
  g_free (v->period);
  g_free (v);
}

static void
indicator_free (gpointer data)
{
  Indicator *ind = data;

  g_free (ind->id);
  g_free (ind->title);
  g_free (ind->description);
  g_free (ind->unit);
  g_free (ind->source);
  g_free (ind->reference);
  g_array_unref (ind->target_years);
  g_array_unref (ind->target_values);
  g_clear_pointer (&ind->history, g_ptr_array_unref);
  g_ptr_array_unref (ind->values);
  g_free (ind->territory);
  g_free (ind->gender);
  g_array_unref (ind->trend);
  g_free (ind);
}

static Indicator *
read_indicator (Report      *r,
                const char  *id,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(MbIndicatorSummary) summary = NULL;
  Indicator *ind;
  const MbSeriesPoint *trend;
  guint n_trend = 0;
  int rc;

  if ((ind = g_hash_table_lookup (r->indicators, id)) != NULL)
    return ind;

  stmt = prepare_with (r, "SELECT title, description, unit, source, reference, direction,"
                          " measure, baseline_value, baseline_year FROM indicators WHERE id = ?",
                       id, error);
  if (stmt == NULL)
    return NULL;
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND, "No indicator %s", id);
      else
        _mb_store_set_sqlite_error (r->db, rc, error);
      return NULL;
    }

  ind = g_new0 (Indicator, 1);
  ind->id = g_strdup (id);
  ind->title = _mb_column_dup (stmt, 0);
  ind->description = _mb_column_dup (stmt, 1);
  ind->unit = _mb_column_dup (stmt, 2);
  ind->source = _mb_column_dup (stmt, 3);
  ind->reference = _mb_column_dup (stmt, 4);
  ind->lower_is_better = g_strcmp0 (column_text (stmt, 5), "decrease") == 0;
  ind->qualitative = g_strcmp0 (column_text (stmt, 6), "qualitative") == 0;
  ind->baseline = _mb_column_double (stmt, 7);
  ind->baseline_year = sqlite3_column_int (stmt, 8);
  ind->target_years = g_array_new (FALSE, FALSE, sizeof (int));
  ind->target_values = g_array_new (FALSE, FALSE, sizeof (double));
  ind->values = g_ptr_array_new_with_free_func (value_free);
  ind->trend = g_array_new (FALSE, FALSE, sizeof (MbSeriesPoint));
  g_hash_table_insert (r->indicators, ind->id, ind);
  g_ptr_array_add (r->indicator_order, ind);
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = prepare_with (r, "SELECT year, value FROM indicator_targets WHERE indicator_id = ?"
                          " ORDER BY year", id, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);
      double value = sqlite3_column_double (stmt, 1);

      g_array_append_val (ind->target_years, year);
      g_array_append_val (ind->target_values, value);
    }
  if (!step_done (r, rc, error))
    return NULL;
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* An adopted strategy's targets keep what they were: the chart shows it. */
  ind->history = mb_store_query_target_history (r->store, id, error);
  if (ind->history == NULL)
    return NULL;

  stmt = prepare_with (r, "SELECT territory_code, gender, period, value FROM measurements"
                          " WHERE indicator_id = ? AND value IS NOT NULL ORDER BY period",
                       id, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      double time = mb_period_to_time (column_text (stmt, 2));
      Value *v;

      /* The report tells what was known in its year. */
      if (!(time < r->year + 1))
        continue;
      v = g_new0 (Value, 1);
      v->territory = _mb_column_dup (stmt, 0);
      v->gender = _mb_column_dup (stmt, 1);
      v->period = _mb_column_dup (stmt, 2);
      v->time = time;
      v->value = sqlite3_column_double (stmt, 3);
      g_ptr_array_add (ind->values, v);
    }
  if (!step_done (r, rc, error))
    return NULL;

  /* The headline series is the one the app shows for the indicator, so the
   * report's figures are the Indicators view's. */
  summary = mb_indicator_stats_get_summary (r->store, id, error);
  if (summary == NULL)
    return NULL;
  ind->territory = g_strdup (mb_indicator_summary_get_series_territory (summary));
  ind->gender = g_strdup (mb_indicator_summary_get_series_gender (summary));
  trend = mb_indicator_summary_get_trend (summary, &n_trend);
  for (guint i = 0; i < n_trend && trend[i].time < r->year + 1; i++)
    g_array_append_val (ind->trend, trend[i]);
  return ind;
}

/* The target the report measures against: the first set for the report's
 * year or later, else the last one. */
static gboolean
indicator_target (Indicator *ind,
                  int        year,
                  int       *target_year,
                  double    *target_value)
{
  guint n = ind->target_years->len;

  if (n == 0)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_array_index (ind->target_years, int, i) >= year || i == n - 1)
      {
        *target_year = g_array_index (ind->target_years, int, i);
        *target_value = g_array_index (ind->target_values, double, i);
        return TRUE;
      }
  return FALSE;
}

/* ↗ ↘ → over the last three values, or "" with fewer than two. */
static const char *
trend_arrow (Indicator *ind)
{
  guint n = ind->trend->len;
  double first, last;

  if (n < 2)
    return "";
  first = g_array_index (ind->trend, MbSeriesPoint, n >= 3 ? n - 3 : 0).value;
  last = g_array_index (ind->trend, MbSeriesPoint, n - 1).value;
  if (fabs (last - first) <= 1e-9 * MAX (fabs (first), 1.0))
    return "→";
  return last > first ? "↗" : "↘";
}

static char *
period_of_time (double time)
{
  return g_strdup_printf ("%d", (int) floor (time));
}

/* A value with its unit, unless the indicator's title already names it
 * (Kolada's do: "Nystartade företag, antal"). */
static char *
with_unit (Report     *r,
           Indicator  *ind,
           double      value)
{
  g_autofree char *number = format_number (r, value);
  const char *unit = ind->unit;

  if (!isfinite (value) || unit == NULL || *unit == '\0' || g_str_equal (unit, "%") ||
      strstr (ind->title, unit) != NULL)
    return g_steal_pointer (&number);
  return g_strdup_printf ("%s %s", number, unit);
}

/* Title page and framework */

static gboolean
fill_title_page (Report  *r,
                 GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *region = NULL;
  g_autofree char *decided_on = NULL;
  g_autofree char *today = NULL;
  int rc;

  /* The region: the organisation of the strategy or of the first of its
   * parents that has one. */
  stmt = prepare_with (r, "WITH RECURSIVE up (id, parent_id, organisation_id, depth) AS ("
                          "  SELECT id, parent_id, organisation_id, 0 FROM strategies WHERE id = ?"
                          "  UNION ALL SELECT s.id, s.parent_id, s.organisation_id, up.depth + 1"
                          "  FROM strategies s JOIN up ON s.id = up.parent_id WHERE up.depth < 32)"
                          " SELECT o.name FROM up JOIN organisations o ON o.id = up.organisation_id"
                          " ORDER BY up.depth LIMIT 1", r->strategy_id, error);
  if (stmt == NULL)
    return FALSE;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    region = _mb_column_dup (stmt, 0);
  else if (!step_done (r, rc, error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  r->doc->region = g_steal_pointer (&region);
  r->doc->title = g_strdup_printf (W ("Uppföljningsrapport %d", "Follow-up report %d"), r->year);
  r->doc->subtitle = g_strdup (r->strategy_title);

  if (r->round_id != NULL)
    {
      stmt = prepare_with (r, "SELECT decision_number, decided_on, responsible, cutoff_date"
                              " FROM follow_up_rounds WHERE id = ?", r->round_id, error);
      if (stmt == NULL)
        return FALSE;
      if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          r->doc->registration_number = _mb_column_dup (stmt, 0);
          decided_on = _mb_column_dup (stmt, 1);
          r->doc->unit = _mb_column_dup (stmt, 2);
          r->cutoff_date = _mb_column_dup (stmt, 3);
        }
      else if (!step_done (r, rc, error))
        return FALSE;
    }

  /* The report's date: the committee's decision, or the day it is written
   * (from SOURCE_DATE_EPOCH, so equal libraries give equal reports). */
  today = g_strndup (r->doc->generated, 10);
  r->doc->date = format_date (r, decided_on && *decided_on ? decided_on : today);
  return TRUE;
}

static gboolean
add_framework (Report  *r,
               GError **error)
{
  static const char * const headers_sv[] = { "Dokument", "Diarienummer", "Antagen", "Period" };
  static const char * const headers_en[] = { "Document", "Registration number", "Adopted", "Period" };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  MbReportTable *table = NULL;
  GPtrArray *linked = NULL;
  int rc;

  mb_report_doc_add_heading (r->doc, 1, "framework",
                             W ("Det regionala ramverket", "The regional framework"));
  mb_report_doc_add_paragraph (r->doc, MB_REPORT_PARAGRAPH_BODY,
                               W ("Strategin följs upp som en del av de styrdokument den hör till:",
                                  "The strategy is followed up as part of the documents it belongs to:"));

  /* The whole tree the strategy stands in: from its top document down. */
  stmt = prepare_with (r, "WITH RECURSIVE up (id, parent_id, depth) AS ("
                          "  SELECT id, parent_id, 0 FROM strategies WHERE id = ?1"
                          "  UNION ALL SELECT s.id, s.parent_id, up.depth + 1 FROM strategies s"
                          "  JOIN up ON s.id = up.parent_id WHERE up.depth < 32),"
                          " root AS (SELECT id FROM up ORDER BY depth DESC LIMIT 1),"
                          " down (id, depth, path) AS ("
                          "  SELECT id, 0, '' FROM root"
                          "  UNION ALL SELECT s.id, down.depth + 1,"
                          "   down.path || printf('%08d', s.position) || s.title"
                          "  FROM strategies s JOIN down ON s.parent_id = down.id WHERE down.depth < 32)"
                          " SELECT s.title, s.registration_number, s.adopted_on, s.period_from,"
                          "  s.period_to, down.depth, s.id = ?1"
                          " FROM down JOIN strategies s ON s.id = down.id ORDER BY down.path",
                       r->strategy_id, error);
  if (stmt == NULL)
    return FALSE;
  table = mb_report_doc_add_table (r->doc, W ("Styrdokumenten", "The strategy documents"), 4,
                                   r->sv ? headers_sv : headers_en, NULL);
  table->row_headers = TRUE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GString) title = g_string_new (NULL);
      g_autofree char *adopted = format_date (r, column_text (stmt, 2));
      g_autofree char *period = NULL;
      int depth = sqlite3_column_int (stmt, 5);
      const char *cells[4];

      /* Indented as the documents stand in one another. */
      for (int i = 0; i < depth; i++)
        g_string_append (title, "\u2003");
      g_string_append (title, column_text (stmt, 0));
      if (sqlite3_column_int (stmt, 6))
        g_string_append (title, W (" (denna uppföljning)", " (this follow-up)"));
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL || sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        period = g_strdup_printf ("%s–%s",
                                  sqlite3_column_type (stmt, 3) != SQLITE_NULL ? column_text (stmt, 3) : "",
                                  sqlite3_column_type (stmt, 4) != SQLITE_NULL ? column_text (stmt, 4) : "");
      cells[0] = title->str;
      cells[1] = column_text (stmt, 1) ? column_text (stmt, 1) : "–";
      cells[2] = *adopted ? adopted : "–";
      cells[3] = period ? period : "–";
      mb_report_table_add_row (table, cells);
    }
  if (!step_done (r, rc, error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Strategies the goals are linked with, outside that tree. */
  stmt = prepare_with (r, "SELECT DISTINCT s.title, s.registration_number FROM links l"
                          " JOIN nodes a ON a.id = l.from_node_id JOIN nodes b ON b.id = l.to_node_id"
                          " JOIN strategies s ON s.id = CASE WHEN a.strategy_id = ?1"
                          "   THEN b.strategy_id ELSE a.strategy_id END"
                          " WHERE (a.strategy_id = ?1) <> (b.strategy_id = ?1)"
                          " ORDER BY s.title", r->strategy_id, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (linked == NULL)
        {
          mb_report_doc_add_paragraph (r->doc, MB_REPORT_PARAGRAPH_BODY,
                                       W ("Strategins mål är kopplade till mål i:",
                                          "The strategy's goals are linked with goals of:"));
          linked = mb_report_doc_add_list (r->doc);
        }
      if (column_text (stmt, 1) != NULL)
        g_ptr_array_add (linked, g_strdup_printf ("%s (%s %s)", column_text (stmt, 0),
                                                  W ("dnr", "reg. no."), column_text (stmt, 1)));
      else
        g_ptr_array_add (linked, _mb_column_dup (stmt, 0));
    }
  return step_done (r, rc, error);
}

/* The long-term goal and the priorities: the strategy's first two levels,
 * and the strength areas of the documents it stands among. */
static gboolean
add_priorities (Report  *r,
                GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean any_area = FALSE;
  int rc;

  mb_report_doc_add_heading (r->doc, 1, "priorities",
                             W ("Mål och prioriteringar", "Goals and priorities"));
  for (guint i = 0; i < r->goals->len; i++)
    {
      MbFollowUpGoal *goal = g_ptr_array_index (r->goals, i);
      g_autofree char *description = NULL;
      const char *level = g_hash_table_lookup (r->level_names, goal->node_id);
      g_autofree char *heading = NULL;

      int position = GPOINTER_TO_INT (g_hash_table_lookup (r->level_places, goal->node_id)) - 1;

      if (position != r->top_levels[0] && position != r->top_levels[1])
        continue;
      heading = level ? g_strdup_printf ("%s: %s", level, goal->title) : g_strdup (goal->title);
      mb_report_doc_add_heading (r->doc, 2, NULL, heading);
      description = _mb_store_query_text (r->db, "SELECT description FROM nodes WHERE id = ?",
                                          "s", goal->node_id);
      if (description != NULL && *description != '\0')
        mb_report_doc_add_paragraph (r->doc, MB_REPORT_PARAGRAPH_BODY, description);
    }

  stmt = prepare_with (r, "WITH RECURSIVE up (id, parent_id, depth) AS ("
                          "  SELECT id, parent_id, 0 FROM strategies WHERE id = ?1"
                          "  UNION ALL SELECT s.id, s.parent_id, up.depth + 1 FROM strategies s"
                          "  JOIN up ON s.id = up.parent_id WHERE up.depth < 32),"
                          " root AS (SELECT id FROM up ORDER BY depth DESC LIMIT 1),"
                          " down (id, depth) AS (SELECT id, 0 FROM root"
                          "  UNION ALL SELECT s.id, down.depth + 1 FROM strategies s"
                          "  JOIN down ON s.parent_id = down.id WHERE down.depth < 32)"
                          " SELECT n.title, n.description FROM nodes n JOIN levels l ON l.id = n.level_id"
                          " WHERE n.strategy_id IN (SELECT id FROM down) AND l.name = 'Strength area'"
                          " ORDER BY n.strategy_id, n.position, n.title", r->strategy_id, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *description = column_text (stmt, 1);

      if (!any_area)
        {
          mb_report_doc_add_heading (r->doc, 2, "strength-areas",
                                     W ("Styrkeområden i smart specialisering",
                                        "Strength areas of smart specialisation"));
          any_area = TRUE;
        }
      mb_report_doc_add_heading (r->doc, 3, NULL, column_text (stmt, 0));
      mb_report_doc_add_paragraph (r->doc, description && *description ? MB_REPORT_PARAGRAPH_BODY
                                                                        : MB_REPORT_PARAGRAPH_NOTE,
                                   description && *description
                                   ? description : W ("Ingen beskrivning.", "No description."));
    }
  return step_done (r, rc, error);
}

/* A goal */

/* The values an adopted strategy's targets had before they were changed or
 * removed, oldest first, faint on the chart and said in its text
 * alternative: "Tidigare mål 2030: 40." A change that added a target had
 * no value before. */
static void
add_earlier_targets (Report        *r,
                     Indicator     *ind,
                     MbReportChart *chart)
{
  g_autoptr(GString) said = NULL;

  for (guint i = ind->history->len; i > 0; i--)
    {
      MbTargetChange *change = g_ptr_array_index (ind->history, i - 1);
      guint n = chart->earlier_years->len;
      g_autofree char *value = NULL;

      if (isnan (change->value))
        continue;
      mb_report_chart_add_earlier_target (chart, change->year, change->value);
      if (chart->earlier_years->len == n)
        continue;
      value = format_number (r, change->value);
      if (said == NULL)
        said = g_string_new (NULL);
      else
        g_string_append (said, ", ");
      g_string_append_printf (said, "%d: %s", change->year, value);
    }
  if (said != NULL)
    {
      g_autofree char *description = chart->description;

      chart->description = g_strdup_printf (W ("%s Tidigare mål %s.", "%s Earlier targets %s."),
                                            description, said->str);
    }
}

static void
add_indicator_chart (Report    *r,
                     Indicator *ind)
{
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  MbReportChart *chart;
  MbReportSeries *series;
  MbSeriesPoint *p0 = &g_array_index (ind->trend, MbSeriesPoint, 0);
  MbSeriesPoint *pn = &g_array_index (ind->trend, MbSeriesPoint, ind->trend->len - 1);
  g_autofree char *where = territory_name (r, ind->territory);

  title = g_strdup_printf ("%s, %s", ind->title, where);
  first = format_number (r, p0->value);
  last = format_number (r, pn->value);
  /* The text alternative says what the chart shows. */
  description = g_strdup_printf (W ("Linjediagram: %s från %s %d till %s %d.",
                                    "Line chart: %s from %s in %d to %s in %d."),
                                 title, first, (int) floor (p0->time), last, (int) floor (pn->time));
  chart = mb_report_doc_add_chart (r->doc, title, description, ind->unit);
  chart->decreasing = ind->lower_is_better;
  if (isfinite (ind->baseline) && ind->baseline_year > 0)
    {
      chart->baseline = ind->baseline;
      chart->baseline_year = ind->baseline_year;
    }
  for (guint i = 0; i < ind->target_years->len; i++)
    mb_report_chart_add_target (chart, g_array_index (ind->target_years, int, i),
                                g_array_index (ind->target_values, double, i));
  add_earlier_targets (r, ind, chart);

  series = mb_report_chart_add_series (chart, gender_word (r, ind->gender));
  for (guint i = 0; i < ind->trend->len; i++)
    {
      MbSeriesPoint *p = &g_array_index (ind->trend, MbSeriesPoint, i);

      mb_report_series_add_point (series, p->time, p->value);
    }

  /* Women and men of the same territory beside the total. */
  for (guint g = 0; g < 2; g++)
    {
      const char *gender = g == 0 ? "K" : "M";
      MbReportSeries *split = NULL;

      if (g_strcmp0 (ind->gender, gender) == 0)
        continue;
      for (guint i = 0; i < ind->values->len; i++)
        {
          Value *v = g_ptr_array_index (ind->values, i);

          if (g_strcmp0 (v->territory, ind->territory) != 0 || !g_str_equal (v->gender, gender))
            continue;
          if (split == NULL)
            split = mb_report_chart_add_series (chart, gender_word (r, gender));
          mb_report_series_add_point (split, v->time, v->value);
        }
    }
  r->n_charts++;
}

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The latest values by territory and gender, for an indicator split either
 * way: one row per territory, columns women, men, total. */
static void
add_split_table (Report    *r,
                 Indicator *ind)
{
  g_autoptr(GHashTable) latest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) territories = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean by_gender = FALSE;
  g_autofree char *caption = NULL;
  g_autofree char *year_text = NULL;
  double latest_time = -1;
  const char *headers[4];
  const gboolean numeric[4] = { FALSE, TRUE, TRUE, TRUE };
  MbReportTable *table;

  /* The newest year any territory has; each territory's value of it. */
  for (guint i = 0; i < ind->values->len; i++)
    latest_time = MAX (latest_time, floor (((Value *) g_ptr_array_index (ind->values, i))->time));
  for (guint i = 0; i < ind->values->len; i++)
    {
      Value *v = g_ptr_array_index (ind->values, i);

      if (floor (v->time) != latest_time)
        continue;
      g_hash_table_insert (latest, g_strconcat (v->territory, "/", v->gender, NULL), v);
      if (!g_str_equal (v->gender, "T"))
        by_gender = TRUE;
      if (!g_hash_table_contains (seen, v->territory))
        {
          g_hash_table_add (seen, v->territory);
          g_ptr_array_add (territories, v->territory);
        }
    }
  if (territories->len < 2 && !by_gender)
    return;

  g_ptr_array_sort (territories, compare_codes);
  year_text = g_strdup_printf ("%d", (int) latest_time);
  if (territories->len > 1 && by_gender)
    caption = g_strdup_printf (W ("%s %s, per kommun och kön", "%s %s, by municipality and gender"),
                               ind->title, year_text);
  else if (by_gender)
    caption = g_strdup_printf (W ("%s %s, per kön", "%s %s, by gender"), ind->title, year_text);
  else
    caption = g_strdup_printf (W ("%s %s, per kommun", "%s %s, by municipality"),
                               ind->title, year_text);
  headers[0] = W ("Område", "Area");
  headers[1] = W ("Kvinnor", "Women");
  headers[2] = W ("Män", "Men");
  headers[3] = W ("Totalt", "Total");
  table = by_gender ? mb_report_doc_add_table (r->doc, caption, 4, headers, numeric)
                    : mb_report_doc_add_table (r->doc, caption, 2,
                                               (const char *[]) { headers[0], headers[3] },
                                               (const gboolean[]) { FALSE, TRUE });
  table->row_headers = TRUE;
  for (guint t = 0; t < territories->len; t++)
    {
      const char *code = g_ptr_array_index (territories, t);
      g_autofree char *name = territory_name (r, code);
      char *cell[3];
      static const char * const genders[] = { "K", "M", "T" };

      for (guint g = 0; g < 3; g++)
        {
          g_autofree char *key = g_strconcat (code, "/", genders[g], NULL);
          Value *v = g_hash_table_lookup (latest, key);

          cell[g] = v ? format_number (r, v->value) : g_strdup ("–");
        }
      if (by_gender)
        mb_report_table_add_row (table, (const char *[]) { name, cell[0], cell[1], cell[2] });
      else
        mb_report_table_add_row (table, (const char *[]) { name, cell[2] });
      for (guint g = 0; g < 3; g++)
        g_free (cell[g]);
    }
}

static gboolean
add_indicator_table (Report      *r,
                     const char  *node_id,
                     GError     **error)
{
  static const gboolean numeric[] = { FALSE, FALSE, TRUE, TRUE, TRUE, FALSE, TRUE, TRUE };
  const char *headers[] = {
    W ("Indikator", "Indicator"), W ("Källa", "Source"), W ("Utgångsläge", "Baseline"),
    W ("Senaste värde", "Latest value"), W ("Förändring sedan föregående år", "Change since last year"),
    W ("Trend", "Trend"), W ("Mål", "Target"), W ("Måluppfyllelse", "Progress"),
  };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  MbReportTable *table = NULL;
  guint n_charts = 0;
  int rc;

  stmt = prepare_with (r, "SELECT ni.indicator_id FROM node_indicators ni"
                          " JOIN indicators i ON i.id = ni.indicator_id"
                          " WHERE ni.node_id = ? ORDER BY i.title", node_id, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Indicator *ind = read_indicator (r, column_text (stmt, 0), error);
      g_autofree char *baseline = NULL;
      g_autofree char *latest = NULL;
      g_autofree char *change = NULL;
      g_autofree char *target = NULL;
      g_autofree char *progress = NULL;
      g_autofree char *source = NULL;
      int target_year = 0;
      double target_value = NAN;
      double latest_value = NAN;
      const char *cells[8];

      if (ind == NULL)
        return FALSE;
      if (table == NULL)
        {
          table = mb_report_doc_add_table (r->doc, W ("Indikatorer", "Indicators"), 8, headers,
                                           numeric);
          table->row_headers = TRUE;
        }
      g_ptr_array_add (shown, ind);

      source = g_strdup (ind->source && *ind->source ? ind->source
                                                    : ind->reference ? ind->reference : "–");
      if (isfinite (ind->baseline))
        {
          g_autofree char *value = with_unit (r, ind, ind->baseline);

          baseline = ind->baseline_year > 0 ? g_strdup_printf ("%s (%d)", value, ind->baseline_year)
                                            : g_steal_pointer (&value);
        }
      if (ind->trend->len > 0)
        {
          MbSeriesPoint *last = &g_array_index (ind->trend, MbSeriesPoint, ind->trend->len - 1);
          g_autofree char *value = with_unit (r, ind, last->value);
          g_autofree char *when = period_of_time (last->time);

          latest_value = last->value;
          latest = g_strdup_printf ("%s (%s)", value, when);
          /* Since last year: against the value a year before the latest. */
          for (guint i = ind->trend->len - 1; i-- > 0;)
            {
              MbSeriesPoint *p = &g_array_index (ind->trend, MbSeriesPoint, i);

              if (floor (p->time) == floor (last->time) - 1)
                {
                  g_autofree char *delta = format_number (r, last->value - p->value);

                  change = last->value > p->value ? g_strdup_printf ("+%s", delta)
                                                  : g_steal_pointer (&delta);
                  break;
                }
              if (floor (p->time) < floor (last->time) - 1)
                break;
            }
        }
      if (indicator_target (ind, r->year, &target_year, &target_value))
        {
          g_autofree char *value = with_unit (r, ind, target_value);

          target = g_strdup_printf ("%s (%d)", value, target_year);
        }
      progress = format_percent (r, mb_indicator_progress (ind->lower_is_better, ind->baseline,
                                                           target_value, latest_value));

      cells[0] = ind->title;
      cells[1] = source;
      cells[2] = baseline ? baseline : "–";
      cells[3] = latest ? latest : W ("Inga värden", "No values");
      cells[4] = change ? change : "–";
      cells[5] = trend_arrow (ind);
      cells[6] = target ? target : "–";
      cells[7] = progress;
      mb_report_table_add_row (table, cells);
    }
  if (!step_done (r, rc, error))
    return FALSE;

  if (table == NULL)
    {
      mb_report_doc_add_paragraph (r->doc, MB_REPORT_PARAGRAPH_NOTE,
                                   W ("Målet har inga indikatorer.", "The goal has no indicators."));
      return TRUE;
    }

  for (guint i = 0; i < shown->len; i++)
    add_split_table (r, g_ptr_array_index (shown, i));
  /* The key indicators: those with a series to draw. */
  for (guint i = 0; i < shown->len && n_charts < MAX_CHARTS_PER_GOAL; i++)
    {
      Indicator *ind = g_ptr_array_index (shown, i);

      if (ind->trend->len >= 2 && !ind->qualitative)
        {
          add_indicator_chart (r, ind);
          n_charts++;
        }
    }
  return TRUE;
}

static gboolean
add_projects (Report      *r,
              const char  *node_id,
              GError     **error)
{
  static const gboolean numeric[] = { FALSE, FALSE, FALSE, TRUE, FALSE };
  const char *headers[] = {
    W ("Projekt", "Project"), W ("Status", "Status"), W ("Period", "Period"),
    W ("Budget", "Budget"), W ("Beviljad finansiering", "Granted funding"),
  };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  MbReportTable *table = NULL;
  int rc;

  stmt = prepare_with (r, "SELECT p.title, p.registration_number, p.status, p.start_date,"
                          " p.end_date, p.total_budget,"
                          " (SELECT group_concat(source || char(31) || amount, char(30)) FROM"
                          "   (SELECT source, amount FROM project_funding f"
                          "    WHERE f.project_id = p.id ORDER BY amount DESC, source))"
                          " FROM project_nodes pn JOIN projects p ON p.id = pn.project_id"
                          " WHERE pn.node_id = ? ORDER BY p.start_date, p.title", node_id, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GString) funding = g_string_new (NULL);
      g_autoptr(GString) title = g_string_new (column_text (stmt, 0));
      g_autofree char *budget = format_amount (r, _mb_column_double (stmt, 5));
      g_autofree char *from = format_date (r, column_text (stmt, 3));
      g_autofree char *to = format_date (r, column_text (stmt, 4));
      g_autofree char *period = (*from || *to) ? g_strdup_printf ("%s–%s", from, to) : g_strdup ("–");
      const char *sources = column_text (stmt, 6);

      if (table == NULL)
        {
          table = mb_report_doc_add_table (r->doc, W ("Projekt", "Projects"), 5, headers, numeric);
          table->row_headers = TRUE;
        }
      if (column_text (stmt, 1) != NULL)
        g_string_append_printf (title, " (%s)", column_text (stmt, 1));
      if (sources != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (sources, "\x1e", -1);

          for (guint i = 0; parts[i] != NULL; i++)
            {
              g_auto(GStrv) pair = g_strsplit (parts[i], "\x1f", 2);
              g_autofree char *amount = format_amount (r, pair[1] ? g_ascii_strtod (pair[1], NULL) : NAN);

              g_string_append_printf (funding, "%s%s: %s", i > 0 ? "; " : "", pair[0], amount);
            }
        }
      mb_report_table_add_row (table, (const char *[]) {
                                 title->str, project_status_word (r, column_text (stmt, 2)), period,
                                 budget, funding->len ? funding->str : "–" });
    }
  if (!step_done (r, rc, error))
    return FALSE;
  if (table == NULL)
    mb_report_doc_add_paragraph (r->doc, MB_REPORT_PARAGRAPH_NOTE,
                                 W ("Inga projekt är kopplade till målet.",
                                    "No projects are linked to the goal."));
  g_clear_pointer (&stmt, sqlite3_finalize);

  {
    const char *call_headers[] = {
      W ("Utlysning", "Funding call"), W ("Finansiär", "Funder"), W ("Öppen", "Open"),
      W ("Budget", "Budget"), W ("Status", "Status"),
    };

    table = NULL;
    stmt = prepare_with (r, "SELECT c.title, c.funder, c.programme, c.opens_on, c.closes_on,"
                            " c.budget, c.status FROM call_nodes cn"
                            " JOIN funding_calls c ON c.id = cn.call_id"
                            " WHERE cn.node_id = ? ORDER BY c.opens_on, c.title", node_id, error);
    if (stmt == NULL)
      return FALSE;
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        g_autofree char *funder = NULL;
        g_autofree char *from = format_date (r, column_text (stmt, 3));
        g_autofree char *to = format_date (r, column_text (stmt, 4));
        g_autofree char *open = (*from || *to) ? g_strdup_printf ("%s–%s", from, to) : g_strdup ("–");
        g_autofree char *budget = format_amount (r, _mb_column_double (stmt, 5));

        if (table == NULL)
          {
            table = mb_report_doc_add_table (r->doc, W ("Utlysningar", "Funding calls"), 5,
                                             call_headers, (const gboolean[]) { 0, 0, 0, 1, 0 });
            table->row_headers = TRUE;
          }
        funder = column_text (stmt, 2) ? g_strdup_printf ("%s, %s", column_text (stmt, 1) ? column_text (stmt, 1) : "",
                                                          column_text (stmt, 2))
                                       : g_strdup (column_text (stmt, 1) ? column_text (stmt, 1) : "–");
        mb_report_table_add_row (table, (const char *[]) {
                                   column_text (stmt, 0), funder, open, budget,
                                   call_status_word (r, column_text (stmt, 6)) });
      }
    return step_done (r, rc, error);
  }
}

static gboolean
add_goal (Report          *r,
          MbFollowUpGoal  *goal,
          GError         **error)
{
  const char *level = g_hash_table_lookup (r->level_names, goal->node_id);
  g_autofree char *heading = NULL;
  g_autofree char *anchor = g_strdup_printf ("goal-%s", goal->node_id);

  heading = goal->code && *goal->code ? g_strdup_printf ("%s %s", goal->code, goal->title)
                                      : g_strdup (goal->title);
  mb_report_doc_add_heading (r->doc, goal->depth == 0 ? 2 : 3, anchor, heading);
  if (level != NULL)
    mb_report_doc_add_paragraph (r->doc, MB_REPORT_PARAGRAPH_NOTE, level);

  if (goal->assessed)
    {
      g_autofree char *status = g_strdup_printf ("%s %s", mb_assessment_status_get_symbol (goal->status),
                                                 status_word (r, goal->status));

      mb_report_doc_add_status (r->doc, goal->status, status);
      if (goal->judgement && *goal->judgement)
        mb_report_doc_add_paragraph (r->doc, MB_REPORT_PARAGRAPH_BODY, goal->judgement);
      if (goal->override_reason && *goal->override_reason)
        {
          g_autofree char *text = NULL;

          text = g_strdup_printf (W ("Indikatorerna pekade på ”%s”; bedömningen avviker: %s",
                                     "The indicators suggested “%s”; the assessment differs: %s"),
                                  goal->suggestion ? status_word (r, goal->suggestion->status) : "–",
                                  goal->override_reason);
          mb_report_doc_add_paragraph (r->doc, MB_REPORT_PARAGRAPH_NOTE, text);
        }
      if (goal->assessed_by && *goal->assessed_by)
        {
          g_autofree char *when = format_date (r, goal->assessed_on);
          g_autofree char *text = *when ? g_strdup_printf (W ("Bedömt av %s, %s.", "Assessed by %s, %s."),
                                                           goal->assessed_by, when)
                                        : g_strdup_printf (W ("Bedömt av %s.", "Assessed by %s."),
                                                           goal->assessed_by);

          mb_report_doc_add_paragraph (r->doc, MB_REPORT_PARAGRAPH_NOTE, text);
        }
    }
  else
    {
      g_autofree char *text = NULL;

      if (goal->suggestion != NULL && goal->n_indicators > 0)
        text = g_strdup_printf (W ("Inte bedömt för %d. Indikatorerna pekar på: %s %s.",
                                   "Not assessed for %d. The indicators suggest: %s %s."),
                                r->year, mb_assessment_status_get_symbol (goal->suggestion->status),
                                status_word (r, goal->suggestion->status));
      else
        text = g_strdup_printf (W ("Inte bedömt för %d.", "Not assessed for %d."), r->year);
      mb_report_doc_add_status (r->doc, MB_ASSESSMENT_NOT_ASSESSABLE, text);
    }

  if (!add_indicator_table (r, goal->node_id, error))
    return FALSE;
  return add_projects (r, goal->node_id, error);
}

static gboolean
add_goals (Report        *r,
           GCancellable  *cancellable,
           GError       **error)
{
  guint depth = r->options->depth;

  mb_report_doc_add_heading (r->doc, 1, "goals", W ("Uppföljning per mål", "Follow-up per goal"));
  if (r->round_id == NULL)
    {
      g_autofree char *text = g_strdup_printf (W ("Strategin har ingen uppföljningsomgång för %d: målen är inte bedömda.",
                                                  "The strategy has no follow-up round for %d: the goals are not assessed."),
                                               r->year);

      mb_report_doc_add_paragraph (r->doc, MB_REPORT_PARAGRAPH_NOTE, text);
    }
  if (r->goals->len == 0)
    mb_report_doc_add_paragraph (r->doc, MB_REPORT_PARAGRAPH_NOTE,
                                 W ("Strategin har inga mål.", "The strategy has no goals."));

  for (guint i = 0; i < r->goals->len; i++)
    {
      MbFollowUpGoal *goal = g_ptr_array_index (r->goals, i);

      if (depth > 0 && goal->depth >= depth)
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!add_goal (r, goal, error))
        return FALSE;
    }
  return TRUE;
}

/* What was done */

static gboolean
add_done (Report  *r,
          GError **error)
{
  g_autoptr(MbActivitySummary) summary = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *intro = NULL;

  mb_report_doc_add_heading (r->doc, 1, "done", W ("Vad är genomfört", "What was done"));
  summary = mb_follow_up_summarise_activities (r->store, r->strategy_id, r->year, error);
  if (summary == NULL)
    return FALSE;
  activities = mb_follow_up_list_activities (r->store, r->strategy_id, r->year, error);
  if (activities == NULL)
    return FALSE;

  if (summary->n_activities == 0)
    {
      g_autofree char *text = g_strdup_printf (W ("Inga aktiviteter är registrerade för %d.",
                                                  "No activities are recorded for %d."), r->year);

      mb_report_doc_add_paragraph (r->doc, MB_REPORT_PARAGRAPH_NOTE, text);
      return TRUE;
    }

  sentence = mb_activity_summary_to_sentence (summary, r->language);
  /* Inside the report's own sentence, it starts in lower case ("en workshop"). */
  if (g_ascii_isupper (sentence[0]))
    sentence[0] = g_ascii_tolower (sentence[0]);
  intro = g_strdup_printf (W ("Under %d genomfördes %s", "In %d there were %s"), r->year, sentence);
  /* The sentence starts with a count ("16 workshoppar …"). */
  mb_report_doc_add_paragraph (r->doc, MB_REPORT_PARAGRAPH_BODY, intro);

  {
    const char *headers[] = { W ("Slag", "Kind"), W ("Antal", "Number") };
    MbReportTable *table = mb_report_doc_add_table (r->doc, W ("Aktiviteter per slag", "Activities by kind"),
                                                    2, headers, (const gboolean[]) { FALSE, TRUE });

    table->row_headers = TRUE;
    for (guint k = 0; k < MB_ACTIVITY_N_KINDS; k++)
      {
        g_autofree char *label = NULL;
        g_autofree char *count = NULL;

        if (summary->by_kind[k] == 0)
          continue;
        label = g_strdup (mb_activity_kind_get_word (k, r->language, FALSE));
        label[0] = g_ascii_toupper (label[0]);
        count = g_strdup_printf ("%u", summary->by_kind[k]);
        mb_report_table_add_row (table, (const char *[]) { label, count });
      }
  }

  if (summary->n_organisations > 0)
    {
      const char *headers[] = { W ("Sektor", "Sector"), W ("Organisationer", "Organisations") };
      const char *sectors[MB_N_SECTORS] = {
        W ("Offentlig sektor", "Public sector"), W ("Näringsliv", "Business"),
        W ("Akademi", "Academia"), W ("Civilsamhälle", "Civil society"),
      };
      MbReportTable *table = mb_report_doc_add_table (r->doc, W ("Deltagande organisationer per sektor",
                                                                 "Participating organisations by sector"),
                                                      2, headers, (const gboolean[]) { FALSE, TRUE });

      table->row_headers = TRUE;
      for (guint k = 0; k < MB_N_SECTORS; k++)
        {
          g_autofree char *count = g_strdup_printf ("%u", summary->by_sector[k]);

          mb_report_table_add_row (table, (const char *[]) { sectors[k], count });
        }
    }

  if (summary->per_node != NULL && summary->per_node->len > 0)
    {
      const char *headers[] = { W ("Mål eller styrkeområde", "Goal or strength area"),
                                W ("Aktiviteter", "Activities") };
      MbReportTable *table = mb_report_doc_add_table (r->doc,
                                                      W ("Aktiviteter per mål och styrkeområde",
                                                         "Activities per goal and strength area"),
                                                      2, headers, (const gboolean[]) { FALSE, TRUE });

      table->row_headers = TRUE;
      for (guint i = 0; i < summary->per_node->len; i++)
        {
          MbActivityNodeCount *count = g_ptr_array_index (summary->per_node, i);
          g_autofree char *n = g_strdup_printf ("%u", count->n_activities);

          mb_report_table_add_row (table, (const char *[]) { count->title, n });
        }
    }

  mb_report_doc_add_heading (r->doc, 2, "activities", W ("Aktiviteterna", "The activities"));
  {
    GPtrArray *list = mb_report_doc_add_list (r->doc);

    for (guint i = 0; i < activities->len; i++)
      {
        MbRecord *activity = g_ptr_array_index (activities, i);
        g_autoptr(GString) item = g_string_new (mb_record_get_string (activity, "title"));
        g_autofree char *when = format_period (r, mb_record_get_string (activity, "start_period"));
        const char *participants = mb_record_get_string (activity, "participants");

        if (*when != '\0' || participants != NULL)
          {
            g_string_append (item, " (");
            g_string_append (item, when);
            if (participants != NULL)
              g_string_append_printf (item, "%s%s %s", *when ? ", " : "", participants,
                                      W ("deltagare", "participants"));
            g_string_append (item, ")");
          }
        g_ptr_array_add (list, g_string_free (g_steal_pointer (&item), FALSE));
      }
  }
  return TRUE;
}

/* What happens next */

static gboolean
add_next (Report  *r,
          GError **error)
{
  static const MbPlanStatus statuses[] = { MB_PLAN_STATUS_PLANNED, MB_PLAN_STATUS_ONGOING,
                                           MB_PLAN_STATUS_PAUSED };
  const char *headers[] = { W ("Insats", "Intervention"), W ("Ansvarig", "Responsible"),
                            W ("Tidsplan", "Time plan"), W ("Status", "Status") };
  g_autoptr(MbRoadmap) roadmap = NULL;
  g_autoptr(GPtrArray) overdue = g_ptr_array_new_with_free_func (g_free);
  MbReportTable *table = NULL;
  GDate day;

  mb_report_doc_add_heading (r->doc, 1, "next", W ("Detta händer framöver", "What happens next"));
  /* Seen from the end of the report's year. */
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 31, G_DATE_DECEMBER, r->year);
  roadmap = mb_roadmap_query (r->store, r->strategy_id, MB_ROADMAP_BY_PARENT, statuses,
                              G_N_ELEMENTS (statuses), NULL, &day, error);
  if (roadmap == NULL)
    return FALSE;

  for (guint g = 0; g < roadmap->groups->len; g++)
    {
      MbRoadmapGroup *group = g_ptr_array_index (roadmap->groups, g);

      for (guint i = 0; i < group->items->len; i++)
        {
          MbRoadmapItem *item = g_ptr_array_index (group->items, i);
          g_autofree char *plan = mb_time_plan_format (&item->plan, r->language);

          if (table == NULL)
            {
              table = mb_report_doc_add_table (r->doc, W ("Planerade och pågående insatser",
                                                          "Planned and ongoing interventions"),
                                               4, headers, NULL);
              table->row_headers = TRUE;
            }
          mb_report_table_add_row (table, (const char *[]) {
                                     item->title, item->responsible ? item->responsible : "–",
                                     *plan ? plan : "–",
                                     plan_status_word (r, mb_plan_status_to_string (item->plan.status)) });
          if (item->overdue)
            g_ptr_array_add (overdue, g_strdup_printf ("%s (%s)", item->title, plan));
        }
    }
  if (table == NULL)
    mb_report_doc_add_paragraph (r->doc, MB_REPORT_PARAGRAPH_NOTE,
                                 W ("Inga insatser är planerade eller pågående.",
                                    "No interventions are planned or ongoing."));
  if (overdue->len > 0)
    {
      GPtrArray *list;

      mb_report_doc_add_paragraph (r->doc, MB_REPORT_PARAGRAPH_BODY,
                                   W ("Försenade insatser, vars tidsplan har passerat utan att de är klara:",
                                      "Overdue interventions, whose time plan has passed without them being done:"));
      list = mb_report_doc_add_list (r->doc);
      for (guint i = 0; i < overdue->len; i++)
        g_ptr_array_add (list, g_strdup (g_ptr_array_index (overdue, i)));
    }
  return TRUE;
}

/* Annexes */

static const char *
entity_word (Report     *r,
             const char *entity)
{
  static const struct { const char *entity, *sv, *en; } words[] = {
    { "strategy", "Strategi", "Strategy" },
    { "level", "Nivå", "Level" },
    { "node", "Mål eller insats", "Goal or intervention" },
    { "link", "Koppling", "Link" },
    { "tag", "Tagg", "Tag" },
    { "territory", "Område", "Territory" },
    { "indicator", "Indikator", "Indicator" },
    { "target", "Målvärde", "Target" },
    { "node-indicator", "Indikator på mål", "Indicator of a goal" },
    { "project", "Projekt på mål", "Project of a goal" },
    { "call", "Utlysning på mål", "Funding call of a goal" },
    { "round", "Uppföljningsomgång", "Follow-up round" },
    { "assessment", "Bedömning", "Assessment" },
    { "activity", "Aktivitet", "Activity" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_str_equal (words[i].entity, entity))
      return W (words[i].sv, words[i].en);
  return W ("Aktivitetens koppling", "Relation of an activity");
}

static const char *
change_word (Report       *r,
             MbChangeKind  kind)
{
  switch (kind)
    {
    case MB_CHANGE_ADDED: return W ("Tillagd", "Added");
    case MB_CHANGE_REMOVED: return W ("Borttagen", "Removed");
    case MB_CHANGE_MOVED: return W ("Flyttad", "Moved");
    case MB_CHANGE_CHANGED:
    default: return W ("Ändrad", "Changed");
    }
}

/* What a change changed, as a reader says it: a title old → new, other
 * fields by name (their values are ids and codes). */
static char *
change_what (Report   *r,
             MbChange *change)
{
  static const struct { const char *column, *sv, *en; } names[] = {
    { "description", "beskrivning", "description" },
    { "parent_id", "överordnat mål", "parent" },
    { "level_id", "nivå", "level" },
    { "position", "ordning", "order" },
    { "value", "värde", "value" },
    { "year", "år", "year" },
    { "responsible", "ansvarig", "responsible" },
    { "start_date", "start", "start" },
    { "end_date", "slut", "end" },
    { "judgement", "bedömning", "judgement" },
    { "kind", "slag", "kind" },
  };
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint f = 0; change->fields != NULL && f < change->fields->len; f++)
    {
      MbFieldChange *field = &g_array_index (change->fields, MbFieldChange, f);
      const char *name = field->name;

      if (out->len)
        g_string_append (out, "; ");
      if (g_str_equal (name, "title") || g_str_equal (name, "name") ||
          (g_str_equal (name, "value") && field->type == 'n') || g_str_equal (name, "status"))
        {
          g_string_append_printf (out, "%s: %s → %s",
                                  g_str_equal (name, "value") ? W ("värde", "value")
                                  : g_str_equal (name, "status") ? "status"
                                  : W ("titel", "title"),
                                  field->old_value ? field->old_value : "–",
                                  field->new_value ? field->new_value : "–");
          continue;
        }
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        if (g_str_equal (names[i].column, name))
          {
            name = W (names[i].sv, names[i].en);
            break;
          }
      g_string_append (out, name);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* "Ändringar sedan förra revideringen": the strategy now against its
 * latest revision, when it has one. */
static gboolean
add_revision_changes (Report  *r,
                      GError **error)
{
  const char *headers[] = { W ("Vad", "What"), W ("Ändring", "Change"), W ("Titel", "Title"),
                            W ("Ändrat", "Changed fields") };
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *taken = NULL;
  g_autofree char *intro = NULL;
  MbRevision *last;
  MbReportTable *table;

  revisions = mb_store_list_revisions (r->store, r->strategy_id, error);
  if (revisions == NULL)
    return FALSE;
  if (revisions->len == 0)
    return TRUE;
  last = g_ptr_array_index (revisions, revisions->len - 1);
  changes = mb_store_compare_revisions (r->store, r->strategy_id, last->id, NULL, error);
  if (changes == NULL)
    return FALSE;

  mb_report_doc_add_heading (r->doc, 2, "annex-changes",
                             W ("Ändringar sedan förra revideringen",
                                "Changes since the last revision"));
  {
    g_autofree char *date = g_strndup (last->taken, 10);

    taken = format_date (r, date);
  }
  if (changes->len == 0)
    {
      intro = g_strdup_printf (W ("Strategin är oförändrad sedan revideringen ”%s” (%s).",
                                  "The strategy is unchanged since the revision “%s” (%s)."),
                               last->name, taken);
      mb_report_doc_add_paragraph (r->doc, MB_REPORT_PARAGRAPH_BODY, intro);
      return TRUE;
    }
  if (changes->len == 1)
    intro = g_strdup_printf (W ("Sedan revideringen ”%s” (%s) har strategin ändrats på en punkt.",
                                "Since the revision “%s” (%s) the strategy has changed in one place."),
                             last->name, taken);
  else
    intro = g_strdup_printf (W ("Sedan revideringen ”%s” (%s) har strategin ändrats på %u punkter.",
                                "Since the revision “%s” (%s) the strategy has changed in %u places."),
                             last->name, taken, changes->len);
  mb_report_doc_add_paragraph (r->doc, MB_REPORT_PARAGRAPH_BODY, intro);
  table = mb_report_doc_add_table (r->doc, W ("Ändringar sedan förra revideringen",
                                              "Changes since the last revision"),
                                   4, headers, NULL);
  for (guint i = 0; i < changes->len; i++)
    {
      MbChange *change = g_ptr_array_index (changes, i);
      g_autofree char *what = change_what (r, change);

      mb_report_table_add_row (table, (const char *[]) {
                                 entity_word (r, change->entity), change_word (r, change->kind),
                                 change->title, *what ? what : "–" });
    }
  return TRUE;
}

static gboolean
add_annex (Report  *r,
           GError **error)
{
  const char *headers[] = { W ("Indikator", "Indicator"), W ("Källa", "Source"),
                            W ("Referens", "Reference"), W ("Enhet", "Unit"),
                            W ("Riktning", "Direction") };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *illustrative = NULL;
  int rc;

  mb_report_doc_add_heading (r->doc, 1, "annex", W ("Bilagor", "Annexes"));
  mb_report_doc_add_heading (r->doc, 2, "annex-indicators",
                             W ("Indikatorer och källor", "Indicators and sources"));
  if (r->indicator_order->len == 0)
    mb_report_doc_add_paragraph (r->doc, MB_REPORT_PARAGRAPH_NOTE,
                                 W ("Rapporten visar inga indikatorer.", "The report shows no indicators."));
  else
    {
      MbReportTable *table = mb_report_doc_add_table (r->doc, W ("Indikatorernas definitioner",
                                                                 "The indicators' definitions"),
                                                      5, headers, NULL);

      table->row_headers = TRUE;
      for (guint i = 0; i < r->indicator_order->len; i++)
        {
          Indicator *ind = g_ptr_array_index (r->indicator_order, i);
          g_autoptr(GString) title = g_string_new (ind->title);

          if (ind->description && *ind->description)
            g_string_append_printf (title, ". %s", ind->description);
          mb_report_table_add_row (table, (const char *[]) {
                                     title->str, ind->source ? ind->source : "–",
                                     ind->reference ? ind->reference : "–",
                                     ind->unit ? ind->unit : "–",
                                     ind->lower_is_better ? W ("Lägre är bättre", "Lower is better")
                                                          : W ("Högre är bättre", "Higher is better") });
        }
    }

  mb_report_doc_add_heading (r->doc, 2, "annex-data", W ("Underlaget", "The data"));
  {
    g_autofree char *cutoff = format_date (r, r->cutoff_date);
    g_autofree char *text = NULL;

    if (*cutoff != '\0')
      text = g_strdup_printf (W ("Uppgifterna är hämtade till och med %s. Värden visas till och med år %d.",
                                 "The data was collected up to %s. Values are shown up to %d."),
                              cutoff, r->year);
    else
      text = g_strdup_printf (W ("Värden visas till och med år %d.", "Values are shown up to %d."),
                              r->year);
    mb_report_doc_add_paragraph (r->doc, MB_REPORT_PARAGRAPH_BODY, text);
  }

  /* What the library marks as illustrative, so nobody takes it for fact. */
  stmt = prepare_with (r, "SELECT title FROM nodes WHERE strategy_id = ?1 AND"
                          "  (title LIKE '%illustrativ%' OR description LIKE '%illustrativ%')"
                          " UNION SELECT title FROM activities WHERE strategy_id = ?1 AND"
                          "  (title LIKE '%illustrativ%' OR description LIKE '%illustrativ%')"
                          "  AND CAST(substr(start_period, 1, 4) AS INTEGER) <= ?2"
                          "  AND CAST(substr(coalesce(end_period, start_period), 1, 4) AS INTEGER) >= ?2"
                          " UNION SELECT title FROM follow_up_rounds WHERE strategy_id = ?1 AND"
                          "  responsible LIKE '%illustrativ%'"
                          " ORDER BY 1", r->strategy_id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 2, r->year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (illustrative == NULL)
        {
          mb_report_doc_add_paragraph (r->doc, MB_REPORT_PARAGRAPH_BODY,
                                       W ("Följande uppgifter är illustrativa och inte verkliga:",
                                          "The following entries are illustrative, not real:"));
          illustrative = mb_report_doc_add_list (r->doc);
        }
      g_ptr_array_add (illustrative, _mb_column_dup (stmt, 0));
    }
  return step_done (r, rc, error) && add_revision_changes (r, error);
}

/* Building */

static gboolean
read_levels (Report  *r,
             GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  r->top_levels[0] = r->top_levels[1] = -1;
  stmt = prepare_with (r, "SELECT n.id, l.name, l.name_sv, l.position FROM nodes n"
                          " JOIN levels l ON l.id = n.level_id WHERE n.strategy_id = ?",
                       r->strategy_id, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = column_text (stmt, 1);
      const char *name_sv = column_text (stmt, 2);

      int position = sqlite3_column_int (stmt, 3);

      g_hash_table_insert (r->level_names, _mb_column_dup (stmt, 0),
                           g_strdup (r->sv && name_sv && *name_sv ? name_sv : name));
      g_hash_table_insert (r->level_places, _mb_column_dup (stmt, 0), GINT_TO_POINTER (position + 1));
      /* The two highest levels the strategy uses. */
      if (r->top_levels[0] < 0 || position < r->top_levels[0])
        {
          if (r->top_levels[0] >= 0)
            r->top_levels[1] = r->top_levels[0];
          r->top_levels[0] = position;
        }
      else if (position != r->top_levels[0] && (r->top_levels[1] < 0 || position < r->top_levels[1]))
        r->top_levels[1] = position;
    }
  return step_done (r, rc, error);
}

static void
report_clear (Report *r)
{
  g_free (r->strategy_id);
  g_free (r->strategy_title);
  g_free (r->round_id);
  g_free (r->cutoff_date);
  g_clear_pointer (&r->goals, g_ptr_array_unref);
  g_clear_pointer (&r->level_names, g_hash_table_unref);
  g_clear_pointer (&r->level_places, g_hash_table_unref);
  g_clear_pointer (&r->indicators, g_hash_table_unref);
  g_clear_pointer (&r->indicator_order, g_ptr_array_unref);
  g_clear_pointer (&r->doc, mb_report_doc_free);
}

MbReportDoc *
mb_report_build (MbStore               *store,
                 const MbReportOptions *options,
                 GCancellable          *cancellable,
                 GError               **error)
{
  Report report = { 0 }, *r = &report;
  MbReportSections sections = options->sections ? options->sections : MB_REPORT_SECTION_ALL;
  gboolean ok = FALSE;
  gboolean own_transaction;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail (options->strategy_id != NULL, NULL);

  if (options->year < 1900 || options->year > 2200)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "%d is not a year between 1900 and 2200", options->year);
      return NULL;
    }

  r->store = store;
  r->db = mb_store_get_db (store);
  r->options = options;
  r->year = options->year;
  r->sv = options->language == MB_REPORT_LANGUAGE_SWEDISH;
  r->language = r->sv ? MB_PERIOD_LANGUAGE_SWEDISH : MB_PERIOD_LANGUAGE_ENGLISH;
  r->strategy_id = g_strdup (options->strategy_id);
  r->level_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r->level_places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r->indicators = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, indicator_free);
  r->indicator_order = g_ptr_array_new ();
  r->doc = mb_report_doc_new (options->language);

  /* One read transaction: every section sees the same library. */
  own_transaction = sqlite3_get_autocommit (r->db);
  if (own_transaction && !_mb_store_exec (r->db, error, "BEGIN", NULL))
    goto out;

  r->strategy_title = _mb_store_query_text (r->db, "SELECT title FROM strategies WHERE id = ?",
                                            "s", r->strategy_id);
  if (r->strategy_title == NULL)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   "No strategy %s", r->strategy_id);
      goto rollback;
    }
  r->round_id = mb_follow_up_find_round (store, r->strategy_id, r->year, error);
  if (error && *error)
    goto rollback;
  r->goals = mb_follow_up_list_goals (store, r->strategy_id, r->round_id, r->year, error);
  if (r->goals == NULL || !read_levels (r, error) || !fill_title_page (r, error))
    goto rollback;

  mb_report_doc_add_toc (r->doc);
  {
    g_autofree char *intro = NULL;

    intro = g_strdup_printf (W ("Rapporten följer upp %s för år %d. Den är skriven ur uppgifterna i Målbild: "
                                "bedömningarna, indikatorernas värden, projekten, utlysningarna och aktiviteterna.",
                                "This report follows up %s for %d. It is written from the data in Målbild: "
                                "the assessments, the indicators' values, the projects, the funding calls and the activities."),
                             r->strategy_title, r->year);
    mb_report_doc_add_paragraph (r->doc, MB_REPORT_PARAGRAPH_BODY, intro);
  }

  if (((sections & MB_REPORT_SECTION_FRAMEWORK) && !add_framework (r, error)) ||
      ((sections & MB_REPORT_SECTION_PRIORITIES) && !add_priorities (r, error)) ||
      ((sections & MB_REPORT_SECTION_GOALS) && !add_goals (r, cancellable, error)) ||
      ((sections & MB_REPORT_SECTION_DONE) && !add_done (r, error)) ||
      ((sections & MB_REPORT_SECTION_NEXT) && !add_next (r, error)) ||
      ((sections & MB_REPORT_SECTION_ANNEX) && !add_annex (r, error)))
    goto rollback;
  ok = TRUE;

rollback:
  if (own_transaction)
    sqlite3_exec (r->db, "COMMIT", NULL, NULL, NULL);
out:
  if (ok)
    {
      MbReportDoc *doc = g_steal_pointer (&r->doc);

      report_clear (r);
      return doc;
    }
  report_clear (r);
  return NULL;
}
