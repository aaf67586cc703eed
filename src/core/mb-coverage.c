/* mb-coverage.c – where a strategy's follow-up has gaps, per entity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The details panel shows these hints on the entity itself; the canvas and
 * the outline can badge the same entities, so the rules live here, once.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mb-coverage.h"
#include "mb-store-private.h"

/* Level names of the built-in schemes (and their Swedish names) where the
 * concrete work sits; everything above them is a goal of some kind. */
static const char * const intervention_levels[] = {
  "intervention", "interventions", "activity", "activities",
  "insats", "insatser", "aktivitet", "aktiviteter", "åtgärd", "åtgärder",
  NULL
};

gboolean
mb_coverage_is_intervention_level (const char *name)
{
  g_autofree char *folded = NULL;
  g_autofree char *trimmed = NULL;

  if (name == NULL)
    return FALSE;
  trimmed = g_strstrip (g_strdup (name));
  folded = g_utf8_casefold (trimmed, -1);
  return g_strv_contains (intervention_levels, folded);
}

static MbCoverageHints
node_hints (sqlite3    *db,
            const char *id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean intervention;

  stmt = _mb_store_prepare (db, "SELECT l.name, l.name_sv FROM nodes n"
                                " JOIN levels l ON l.id = n.level_id WHERE n.id = ?", NULL);
  if (stmt == NULL)
    return MB_COVERAGE_NONE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return MB_COVERAGE_NONE;
  intervention = mb_coverage_is_intervention_level ((const char *) sqlite3_column_text (stmt, 0))
              || mb_coverage_is_intervention_level ((const char *) sqlite3_column_text (stmt, 1));

  if (intervention)
    return _mb_store_query_int (db, "SELECT count(*) FROM project_nodes WHERE node_id = ?",
                                "s", id) == 0
      ? MB_COVERAGE_INTERVENTION_WITHOUT_PROJECT : MB_COVERAGE_NONE;

  return _mb_store_query_int (db, "SELECT count(*) FROM node_indicators WHERE node_id = ?",
                              "s", id) == 0
    ? MB_COVERAGE_GOAL_WITHOUT_INDICATOR : MB_COVERAGE_NONE;
}

MbCoverageHints
mb_coverage_get_hints (MbStore    *store,
                       const char *table,
                       const char *id,
                       int         current_year)
{
  sqlite3 *db;

  g_return_val_if_fail (MB_IS_STORE (store), MB_COVERAGE_NONE);

  if (table == NULL || id == NULL)
    return MB_COVERAGE_NONE;
  if (current_year <= 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      current_year = g_date_time_get_year (now);
    }
  db = mb_store_get_db (store);

  if (g_str_equal (table, "nodes"))
    return node_hints (db, id);

  if (g_str_equal (table, "indicators"))
    {
      /* A period begins with its year ("2023", "2023-Q2"); a gap recorded
       * without a value is not data. */
      if (_mb_store_query_int (db, "SELECT count(*) FROM indicators WHERE id = ?", "s", id) == 0)
        return MB_COVERAGE_NONE;
      return _mb_store_query_int (db, "SELECT count(*) FROM measurements WHERE indicator_id = ?"
                                      " AND value IS NOT NULL"
                                      " AND CAST(substr(period, 1, 4) AS INTEGER) >= ?",
                                  "si", id, current_year - MB_COVERAGE_RECENT_YEARS) == 0
        ? MB_COVERAGE_INDICATOR_WITHOUT_RECENT_DATA : MB_COVERAGE_NONE;
    }

  if (g_str_equal (table, "funding_calls"))
    {
      if (_mb_store_query_int (db, "SELECT count(*) FROM funding_calls WHERE id = ?",
                               "s", id) == 0)
        return MB_COVERAGE_NONE;
      return _mb_store_query_int (db, "SELECT count(*) FROM call_nodes WHERE call_id = ?",
                                  "s", id) == 0
        ? MB_COVERAGE_CALL_WITHOUT_PRIORITY : MB_COVERAGE_NONE;
    }

  return MB_COVERAGE_NONE;
}

const char *
mb_coverage_hint_get_message (MbCoverageHints hint)
{
  switch (hint)
    {
    case MB_COVERAGE_GOAL_WITHOUT_INDICATOR:
      return _("No indicator measures this goal");
    case MB_COVERAGE_INTERVENTION_WITHOUT_PROJECT:
      return _("No project carries out this intervention");
    case MB_COVERAGE_INDICATOR_WITHOUT_RECENT_DATA:
      return _("No values from the last two years");
    case MB_COVERAGE_CALL_WITHOUT_PRIORITY:
      return _("This call serves no priority of a strategy");
    case MB_COVERAGE_NONE:
    default:
      return NULL;
    }
}

const char *
mb_coverage_hint_get_advice (MbCoverageHints hint)
{
  switch (hint)
    {
    case MB_COVERAGE_GOAL_WITHOUT_INDICATOR:
      return _("Attach an indicator to follow the goal up.");
    case MB_COVERAGE_INTERVENTION_WITHOUT_PROJECT:
      return _("Link the projects that do the work.");
    case MB_COVERAGE_INDICATOR_WITHOUT_RECENT_DATA:
      return _("Record or import recent measurements.");
    case MB_COVERAGE_CALL_WITHOUT_PRIORITY:
      return _("Link the goals or interventions the call supports.");
    case MB_COVERAGE_NONE:
    default:
      return NULL;
    }
}
