/* mb-follow-up-goals.c – what the follow-up view shows of a strategy in one round
 *
 * One reading per round: the tree, the round's assessments, the links to
 * indicators, projects and the year's activities, each one query; the
 * indicators' figures once per strategy (mb_indicator_stats_list_summaries()),
 * so that a large strategy opens quickly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "mb-follow-up-goals.h"
#include "mb-indicator-stats.h"
#include "mb-period.h"
#include "mb-store-private.h"

static const char * const sector_labels[MB_N_SECTORS] = {
  N_("Public"),
  N_("Business"),
  N_("Academia"),
  N_("Civil society"),
};

const char *
mb_sector_get_label (MbSector sector)
{
  g_return_val_if_fail (sector < MB_N_SECTORS, NULL);
  return _(sector_labels[sector]);
}

void
mb_follow_up_goal_free (MbFollowUpGoal *goal)
{
  if (goal == NULL)
    return;
  g_free (goal->node_id);
  g_free (goal->parent_id);
  g_free (goal->title);
  g_free (goal->code);
  g_free (goal->judgement);
  g_free (goal->override_reason);
  g_free (goal->assessed_by);
  g_free (goal->assessed_on);
  g_free (goal->assessment_id);
  g_clear_pointer (&goal->suggestion, mb_assessment_suggestion_free);
  g_free (goal);
}

/* Counts per node id of a query whose rows are (node_id, count). */
static GHashTable *
count_by_node (sqlite3     *db,
               const char  *sql,
               const char  *strategy_id,
               int          year,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mb_store_prepare (db, sql, error);
  g_autoptr(GHashTable) counts = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_bind_text (stmt, 1, strategy_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (counts, _mb_column_dup (stmt, 0),
                         GUINT_TO_POINTER ((guint) sqlite3_column_int64 (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&counts);
}

/* The value of @summary's headline series known at the end of @year (the
 * last point up to it) with its time, or NAN. */
static double
value_by_year (MbIndicatorSummary *summary,
               double              year,
               double             *time)
{
  guint n = 0;
  const MbSeriesPoint *points = mb_indicator_summary_get_trend (summary, &n);
  double value = NAN;

  *time = NAN;
  for (guint i = 0; i < n && points[i].time < year + 1; i++)
    {
      value = points[i].value;
      *time = points[i].time;
    }
  return value;
}

static double
progress_of (MbIndicatorSummary *summary,
             double              value)
{
  return mb_indicator_progress (mb_indicator_summary_get_lower_is_better (summary),
                                mb_indicator_summary_get_baseline_value (summary),
                                mb_indicator_summary_get_target_value (summary),
                                value);
}

static void
judge_goal (MbFollowUpGoal *goal,
            GPtrArray      *summaries,
            int             year)
{
  g_autofree MbAssessmentInput *inputs = g_new0 (MbAssessmentInput, MAX (summaries->len, 1));
  double sum = 0, sum_before = 0;
  guint n_progress = 0, n_change = 0;

  for (guint i = 0; i < summaries->len; i++)
    {
      MbIndicatorSummary *s = g_ptr_array_index (summaries, i);
      double latest_time, before_time;
      double now = progress_of (s, value_by_year (s, year, &latest_time));
      /* Since last year: the latest value against the one a year before it. */
      double before = isnan (latest_time)
                      ? NAN : progress_of (s, value_by_year (s, floor (latest_time) - 1,
                                                             &before_time));

      mb_assessment_input_from_summary (&inputs[i], s);
      /* The round judges what was known in its year. */
      while (inputs[i].n_values > 0 && inputs[i].values[inputs[i].n_values - 1].time >= year + 1)
        inputs[i].n_values--;
      if (!isnan (now))
        {
          sum += now;
          n_progress++;
          if (!isnan (before))
            {
              sum_before += now - before;
              n_change++;
            }
        }
    }
  goal->n_indicators = summaries->len;
  goal->suggestion = mb_assessment_suggest (inputs, summaries->len, year);
  goal->progress = n_progress > 0 ? sum / n_progress : NAN;
  goal->progress_change = n_change > 0 ? sum_before / n_change : NAN;
}

void
mb_follow_up_get_today (GDate *today)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (today, 1);
  g_date_set_dmy (today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

gboolean
mb_follow_up_node_is_overdue (MbRecord    *node,
                              const GDate *today)
{
  const char *start = mb_record_get_string (node, "start_date");
  const char *end = mb_record_get_string (node, "end_date");
  const char *status = mb_record_get_string (node, "status");
  MbTimePlan plan = { 0 };

  if (end == NULL || !mb_period_parse (end, &plan.end, NULL))
    return FALSE;
  if (start != NULL)
    mb_period_parse (start, &plan.start, NULL);
  plan.status = g_strcmp0 (status, "done") == 0 ? MB_PLAN_STATUS_DONE
                : g_strcmp0 (status, "ongoing") == 0 ? MB_PLAN_STATUS_ONGOING
                : g_strcmp0 (status, "paused") == 0 ? MB_PLAN_STATUS_PAUSED
                : g_strcmp0 (status, "planned") == 0 ? MB_PLAN_STATUS_PLANNED
                : MB_PLAN_STATUS_NONE;
  return mb_time_plan_is_overdue (&plan, today);
}

GPtrArray *
mb_follow_up_list_goals (MbStore     *store,
                         const char  *strategy_id,
                         const char  *round_id,
                         int          year,
                         GError     **error)
{
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GHashTable) indicators = NULL;   /* id → MbIndicatorSummary */
  g_autoptr(GHashTable) projects = NULL;
  g_autoptr(GHashTable) activities = NULL;
  g_autoptr(GListModel) summaries = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GDate today[1];
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail (strategy_id != NULL, NULL);

  db = mb_store_get_db (store);
  mb_follow_up_get_today (today);
  goals = g_ptr_array_new_with_free_func ((GDestroyNotify) mb_follow_up_goal_free);
  by_id = g_hash_table_new (g_str_hash, g_str_equal);

  /* The tree. */
  {
    g_autoptr(GPtrArray) tree = mb_store_query_tree (store, strategy_id, error);

    if (tree == NULL)
      return NULL;
    for (guint i = 0; i < tree->len; i++)
      {
        MbRecord *r = g_ptr_array_index (tree, i);
        MbFollowUpGoal *goal = g_new0 (MbFollowUpGoal, 1);

        goal->node_id = g_strdup (mb_record_get_id (r));
        goal->parent_id = g_strdup (mb_record_get_string (r, "parent_id"));
        goal->title = g_strdup (mb_record_get_title (r));
        goal->code = g_strdup (mb_record_get_string (r, "code"));
        goal->depth = mb_record_get_depth (r);
        goal->progress = NAN;
        goal->progress_change = NAN;
        goal->overdue = mb_follow_up_node_is_overdue (r, today);
        g_ptr_array_add (goals, goal);
        g_hash_table_insert (by_id, goal->node_id, goal);
      }
  }

  /* The round's assessments. */
  if (round_id != NULL)
    {
      stmt = _mb_store_prepare (db, "SELECT node_id, status, judgement, override_reason,"
                                    " assessed_by, assessed_on, id FROM assessments"
                                    " WHERE round_id = ?", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, round_id, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          MbFollowUpGoal *goal = g_hash_table_lookup (by_id, sqlite3_column_text (stmt, 0));

          if (goal == NULL ||
              !mb_assessment_status_from_string ((const char *) sqlite3_column_text (stmt, 1),
                                                 &goal->status))
            continue;
          goal->assessed = TRUE;
          goal->judgement = _mb_column_dup (stmt, 2);
          goal->override_reason = _mb_column_dup (stmt, 3);
          goal->assessed_by = _mb_column_dup (stmt, 4);
          goal->assessed_on = _mb_column_dup (stmt, 5);
          goal->assessment_id = _mb_column_dup (stmt, 6);
        }
      if (rc != SQLITE_DONE)
        {
          _mb_store_set_sqlite_error (db, rc, error);
          return NULL;
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  /* The figures of the strategy's goals' indicators, once: not the whole
   * library's, which in a region's library are many times more. */
  summaries = _mb_indicator_stats_list_node_summaries (store, strategy_id, error);
  if (summaries == NULL)
    return NULL;
  indicators = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (summaries); i++)
    {
      MbIndicatorSummary *s = g_list_model_get_item (summaries, i);

      g_hash_table_insert (indicators, (gpointer) mb_indicator_summary_get_id (s), s);
    }

  {
    g_autoptr(GHashTable) per_node = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                            (GDestroyNotify) g_ptr_array_unref);

    stmt = _mb_store_prepare (db, "SELECT ni.node_id, ni.indicator_id FROM node_indicators ni"
                                  " JOIN nodes n ON n.id = ni.node_id"
                                  " JOIN indicators i ON i.id = ni.indicator_id"
                                  " WHERE n.strategy_id = ? ORDER BY i.title, i.id", error);
    if (stmt == NULL)
      return NULL;
    sqlite3_bind_text (stmt, 1, strategy_id, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        MbFollowUpGoal *goal = g_hash_table_lookup (by_id, sqlite3_column_text (stmt, 0));
        MbIndicatorSummary *s = g_hash_table_lookup (indicators, sqlite3_column_text (stmt, 1));
        GPtrArray *list;

        if (goal == NULL || s == NULL)
          continue;
        list = g_hash_table_lookup (per_node, goal->node_id);
        if (list == NULL)
          {
            list = g_ptr_array_new ();
            g_hash_table_insert (per_node, goal->node_id, list);
          }
        g_ptr_array_add (list, s);
      }
    if (rc != SQLITE_DONE)
      {
        _mb_store_set_sqlite_error (db, rc, error);
        return NULL;
      }
    g_clear_pointer (&stmt, sqlite3_finalize);

    for (guint i = 0; i < goals->len; i++)
      {
        MbFollowUpGoal *goal = g_ptr_array_index (goals, i);
        GPtrArray *list = g_hash_table_lookup (per_node, goal->node_id);
        g_autoptr(GPtrArray) none = g_ptr_array_new ();

        judge_goal (goal, list ? list : none, year);
      }
  }

  projects = count_by_node (db, "SELECT pn.node_id, count(*) FROM project_nodes pn"
                                " JOIN nodes n ON n.id = pn.node_id WHERE n.strategy_id = ?1"
                                " AND ?2 = ?2 GROUP BY pn.node_id",
                            strategy_id, year, error);
  if (projects == NULL)
    return NULL;
  activities = count_by_node (db, "SELECT an.node_id, count(*) FROM activity_nodes an"
                                  " JOIN activities a ON a.id = an.activity_id WHERE"
                                  " a.strategy_id = ?1 AND"
                                  " substr(coalesce(a.start_period, a.end_period), 1, 4)"
                                  "   <= printf('%04d', ?2) AND"
                                  " substr(coalesce(a.end_period, a.start_period), 1, 4)"
                                  "   >= printf('%04d', ?2)"
                                  " GROUP BY an.node_id",
                              strategy_id, year, error);
  if (activities == NULL)
    return NULL;
  for (guint i = 0; i < goals->len; i++)
    {
      MbFollowUpGoal *goal = g_ptr_array_index (goals, i);

      goal->n_projects = GPOINTER_TO_UINT (g_hash_table_lookup (projects, goal->node_id));
      goal->n_activities = GPOINTER_TO_UINT (g_hash_table_lookup (activities, goal->node_id));
    }

  return g_steal_pointer (&goals);
}

GPtrArray *
mb_follow_up_list_rounds (MbStore     *store,
                          const char  *strategy_id,
                          GError     **error)
{
  g_return_val_if_fail (MB_IS_STORE (store), NULL);

  return _mb_store_query_records (mb_store_get_db (store), error, "follow_up_rounds",
                                  "SELECT * FROM follow_up_rounds WHERE strategy_id = ?"
                                  " ORDER BY year DESC",
                                  "s", strategy_id);
}

GPtrArray *
mb_follow_up_list_activities (MbStore     *store,
                              const char  *strategy_id,
                              int          year,
                              GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);

  records = _mb_store_query_records (mb_store_get_db (store), error, "activities",
                                     "SELECT a.*, (SELECT group_concat(o.name || '\x1f' ||"
                                     "   coalesce(o.sector, 'public'), '\x1e')"
                                     "   FROM activity_organisations ao JOIN organisations o"
                                     "   ON o.id = ao.organisation_id"
                                     "   WHERE ao.activity_id = a.id) AS organisation_list"
                                     " FROM activities a WHERE a.strategy_id = ? AND"
                                     " substr(coalesce(a.start_period, a.end_period), 1, 4)"
                                     "   <= printf('%04d', ?) AND"
                                     " substr(coalesce(a.end_period, a.start_period), 1, 4)"
                                     "   >= printf('%04d', ?)"
                                     " ORDER BY coalesce(a.start_period, a.end_period), a.title",
                                     "sii", strategy_id, year, year);
  return g_steal_pointer (&records);
}
