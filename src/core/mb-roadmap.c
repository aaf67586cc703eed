/* mb-roadmap.c – a strategy's interventions on a time line (färdplan)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mb-roadmap.h"
#include "mb-store-private.h"

static const char * const plan_status_keys[] = {
  [MB_PLAN_STATUS_NONE] = NULL,
  [MB_PLAN_STATUS_PLANNED] = "planned",
  [MB_PLAN_STATUS_ONGOING] = "ongoing",
  [MB_PLAN_STATUS_DONE] = "done",
  [MB_PLAN_STATUS_PAUSED] = "paused",
};

const char *
mb_plan_status_to_string (MbPlanStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (plan_status_keys), NULL);
  return plan_status_keys[status];
}

static gboolean
parse_stored_period (const char *text,
                     MbPeriod   *period)
{
  g_autofree char *stored = NULL;

  memset (period, 0, sizeof *period);
  if (text == NULL || *text == '\0')
    return TRUE;
  if (!mb_period_parse (text, period, NULL))
    return FALSE;
  stored = mb_period_to_string (period);
  return g_strcmp0 (stored, text) == 0;
}

gboolean
mb_time_plan_from_fields (const char *status,
                          const char *start,
                          const char *end,
                          gboolean    in_operation,
                          MbTimePlan *plan)
{
  memset (plan, 0, sizeof *plan);
  plan->in_operation = in_operation && end != NULL;
  for (guint i = 1; i < G_N_ELEMENTS (plan_status_keys); i++)
    if (g_strcmp0 (status, plan_status_keys[i]) == 0)
      plan->status = (MbPlanStatus) i;
  return parse_stored_period (start, &plan->start) && parse_stored_period (end, &plan->end);
}

GStrv
mb_roadmap_list_targets (MbStore     *store,
                         const char  *strategy_id,
                         GError     **error)
{
  sqlite3 *db = mb_store_get_db (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  stmt = _mb_store_prepare (db, "SELECT DISTINCT t.id, t.title FROM links l"
                                " JOIN nodes n ON n.id = l.from_node_id"
                                " JOIN nodes t ON t.id = l.to_node_id"
                                " WHERE n.strategy_id = ? AND l.kind = 'contributes-to'"
                                " ORDER BY t.title, t.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, strategy_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
      g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 1));
    }
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

typedef struct
{
  const char     *node_id;
  const MbPeriod *start;
  const MbPeriod *end;
} Reschedule;

static gboolean
reschedule_cb (MbStore   *store,
               sqlite3   *db,
               gpointer   data,
               GError   **error)
{
  const Reschedule *op = data;
  g_autofree char *start = mb_period_to_string (op->start);
  g_autofree char *end = mb_period_to_string (op->end);
  g_autofree char *now = _mb_store_now ();

  if (_mb_store_query_int (db, "SELECT count(*) FROM nodes WHERE id = ?", "s", op->node_id) == 0)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   _("There is no node with id “%s”"), op->node_id);
      return FALSE;
    }
  if (start != NULL && end != NULL)
    {
      GDate first, last;

      mb_period_get_first_day (op->start, &first);
      mb_period_get_last_day (op->end, &last);
      if (g_date_compare (&first, &last) > 0)
        {
          g_set_error_literal (error, MB_STORE_ERROR, MB_STORE_ERROR_RANGE,
                               _("The time plan would end before it starts"));
          return FALSE;
        }
    }
  return _mb_store_exec (db, error, "UPDATE nodes SET start_date = ?, end_date = ?,"
                                    " modified = ? WHERE id = ?",
                         "ssss", start, end, now, op->node_id);
}

gboolean
mb_roadmap_reschedule (MbStore         *store,
                       const char      *node_id,
                       const MbPeriod  *start,
                       const MbPeriod  *end,
                       GError         **error)
{
  Reschedule op = { node_id, start, end };
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (MB_IS_STORE (store), FALSE);
  g_return_val_if_fail (node_id != NULL && start != NULL && end != NULL, FALSE);

  title = _mb_store_query_text (mb_store_get_db (store), "SELECT title FROM nodes WHERE id = ?",
                                "s", node_id);
  /* Translators: an undo label; %s is a goal's or an intervention's title. */
  label = g_strdup_printf (_("Reschedule “%s”"), title ? title : "");
  return mb_store_run_action (store, label, reschedule_cb, &op, error);
}

static void
item_free (gpointer data)
{
  MbRoadmapItem *item = data;

  g_free (item->node_id);
  g_free (item->title);
  g_free (item->code);
  g_free (item->level_name);
  g_free (item->responsible);
  g_free (item);
}

static void
group_free (gpointer data)
{
  MbRoadmapGroup *group = data;

  g_free (group->id);
  g_free (group->title);
  g_ptr_array_unref (group->items);
  g_free (group);
}

void
mb_roadmap_free (MbRoadmap *roadmap)
{
  if (roadmap == NULL)
    return;
  g_free (roadmap->strategy_id);
  g_free (roadmap->strategy_title);
  g_ptr_array_unref (roadmap->groups);
  g_free (roadmap);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const MbRoadmapItem *x = *(MbRoadmapItem * const *) a;
  const MbRoadmapItem *y = *(MbRoadmapItem * const *) b;
  int c = g_date_compare (&x->first_day, &y->first_day);

  if (c != 0)
    return c;
  if ((c = g_date_compare (&x->last_day, &y->last_day)) != 0)
    return c;
  return g_utf8_collate (x->title, y->title);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const MbRoadmapGroup *x = *(MbRoadmapGroup * const *) a;
  const MbRoadmapGroup *y = *(MbRoadmapGroup * const *) b;

  /* The group of items without one goes last. */
  if ((x->id == NULL) != (y->id == NULL))
    return x->id == NULL ? 1 : -1;
  return g_utf8_collate (x->title, y->title);
}

static const char *
group_sql (MbRoadmapGrouping grouping)
{
  switch (grouping)
    {
    case MB_ROADMAP_BY_CONTRIBUTION:
      return "(SELECT t.id FROM links l JOIN nodes t ON t.id = l.to_node_id"
             " WHERE l.from_node_id = n.id AND l.kind = 'contributes-to'"
             " ORDER BY t.title, t.id LIMIT 1),"
             " (SELECT t.title FROM links l JOIN nodes t ON t.id = l.to_node_id"
             " WHERE l.from_node_id = n.id AND l.kind = 'contributes-to'"
             " ORDER BY t.title, t.id LIMIT 1)";
    case MB_ROADMAP_BY_ORGANISATION:
      return "o.id, o.name";
    case MB_ROADMAP_BY_PARENT:
    default:
      return "p.id, coalesce(p.code || ' ' || p.title, p.title)";
    }
}

/* Where an item lies on the line: its start's first day to its end's last;
 * a plan with one end only is that period; an open end runs to @horizon. */
static void
place_item (MbRoadmapItem *item,
            const GDate   *horizon)
{
  const MbTimePlan *plan = &item->plan;

  if (plan->start.precision != MB_PERIOD_NONE)
    mb_period_get_first_day (&plan->start, &item->first_day);
  else
    mb_period_get_first_day (&plan->end, &item->first_day);

  if (plan->end.precision != MB_PERIOD_NONE)
    mb_period_get_last_day (&plan->end, &item->last_day);
  else
    {
      item->open_end = TRUE;
      item->last_day = *horizon;
      if (g_date_compare (&item->last_day, &item->first_day) < 0)
        mb_period_get_last_day (&plan->start, &item->last_day);
    }
}

static gboolean
status_wanted (MbPlanStatus        status,
               const MbPlanStatus *statuses,
               guint               n_statuses)
{
  if (statuses == NULL)
    return TRUE;
  for (guint i = 0; i < n_statuses; i++)
    if (statuses[i] == status)
      return TRUE;
  return FALSE;
}

MbRoadmap *
mb_roadmap_query (MbStore            *store,
                  const char         *strategy_id,
                  MbRoadmapGrouping   grouping,
                  const MbPlanStatus *statuses,
                  guint               n_statuses,
                  const char         *contributes_to,
                  const GDate        *today,
                  GError            **error)
{
  g_autoptr(MbRoadmap) roadmap = g_new0 (MbRoadmap, 1);
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) serving = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  MbRoadmapGroup *no_group = NULL;
  gboolean swedish = mb_period_language_for_ui () == MB_PERIOD_LANGUAGE_SWEDISH;
  sqlite3 *db;
  int period_from = 0, period_to = 0;
  int rc;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail (strategy_id != NULL, NULL);

  db = mb_store_get_db (store);
  roadmap->strategy_id = g_strdup (strategy_id);
  roadmap->groups = g_ptr_array_new_with_free_func (group_free);
  g_date_clear (&roadmap->today, 1);
  if (today != NULL)
    roadmap->today = *today;
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_set_dmy (&roadmap->today, (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now), g_date_time_get_year (now));
    }

  /* A part of a document (RUS part 2) looks toward its document's horizon
   * (2050) when it names none of its own. */
  stmt = _mb_store_prepare (db, "WITH RECURSIVE up (id, parent_id, period_to, depth) AS ("
                                "  SELECT id, parent_id, period_to, 0 FROM strategies WHERE id = ?1"
                                "  UNION ALL SELECT s.id, s.parent_id, s.period_to, up.depth + 1"
                                "  FROM strategies s JOIN up ON s.id = up.parent_id"
                                "  WHERE up.period_to IS NULL AND up.depth < 32)"
                                " SELECT s.title, coalesce(s.period_from, 0),"
                                "  coalesce((SELECT period_to FROM up WHERE period_to IS NOT NULL"
                                "            ORDER BY depth LIMIT 1), 0)"
                                " FROM strategies s WHERE s.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, strategy_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   _("There is no strategy with id “%s”"), strategy_id);
      return NULL;
    }
  roadmap->strategy_title = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  period_from = sqlite3_column_int (stmt, 1);
  period_to = sqlite3_column_int (stmt, 2);
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* The horizon: the end of the strategy's period (2050 for the RUS). */
  g_date_clear (&roadmap->first_day, 1);
  g_date_clear (&roadmap->last_day, 1);
  if (period_to > 0)
    g_date_set_dmy (&roadmap->last_day, 31, G_DATE_DECEMBER, (GDateYear) period_to);
  if (period_from > 0)
    g_date_set_dmy (&roadmap->first_day, 1, G_DATE_JANUARY, (GDateYear) period_from);

  if (contributes_to != NULL)
    {
      g_auto(GStrv) down = NULL;

      if (!mb_store_query_chain (store, contributes_to, MB_CHAIN_INCLUDE_TREE, NULL, &down,
                                 error))
        return NULL;
      serving = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; down != NULL && down[i] != NULL; i++)
        g_hash_table_add (serving, g_strdup (down[i]));
    }

  sql = g_strdup_printf ("SELECT n.id, n.title, n.code, l.name, l.name_sv, n.responsible,"
                         " n.status, n.start_date, n.end_date, %s, n.in_operation"
                         " FROM nodes n JOIN levels l ON l.id = n.level_id"
                         " LEFT JOIN nodes p ON p.id = n.parent_id"
                         " LEFT JOIN organisations o ON o.id = n.organisation_id"
                         " WHERE n.strategy_id = ?"
                         "  AND (n.start_date IS NOT NULL OR n.end_date IS NOT NULL"
                         "       OR n.status IS NOT NULL)",
                         group_sql (grouping));
  stmt = _mb_store_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, strategy_id, -1, SQLITE_TRANSIENT);

  /* Items first, placed once the line's ends are known. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *group_id = (const char *) sqlite3_column_text (stmt, 9);
      const char *name_sv = (const char *) sqlite3_column_text (stmt, 4);
      MbRoadmapGroup *group;
      MbRoadmapItem *item;
      MbTimePlan plan;

      if (!mb_time_plan_from_fields ((const char *) sqlite3_column_text (stmt, 6),
                                     (const char *) sqlite3_column_text (stmt, 7),
                                     (const char *) sqlite3_column_text (stmt, 8),
                                     sqlite3_column_int (stmt, 11) != 0, &plan))
        continue;   /* a date the editor refuses cannot be in the library */
      if (!status_wanted (plan.status, statuses, n_statuses) ||
          (serving != NULL && !g_hash_table_contains (serving, id) &&
           g_strcmp0 (id, contributes_to) != 0))
        continue;
      if (plan.start.precision == MB_PERIOD_NONE && plan.end.precision == MB_PERIOD_NONE)
        {
          roadmap->n_unplanned++;
          continue;
        }

      item = g_new0 (MbRoadmapItem, 1);
      item->node_id = g_strdup (id);
      item->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      item->code = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      item->level_name = g_strdup (swedish && name_sv != NULL
                                     ? name_sv : (const char *) sqlite3_column_text (stmt, 3));
      item->responsible = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      item->plan = plan;
      item->overdue = mb_time_plan_is_overdue (&plan, &roadmap->today);
      roadmap->n_items++;
      roadmap->n_overdue += item->overdue;

      if (group_id == NULL)
        {
          if (no_group == NULL)
            {
              no_group = g_new0 (MbRoadmapGroup, 1);
              no_group->items = g_ptr_array_new_with_free_func (item_free);
              g_ptr_array_add (roadmap->groups, no_group);
            }
          group = no_group;
        }
      else if ((group = g_hash_table_lookup (groups, group_id)) == NULL)
        {
          group = g_new0 (MbRoadmapGroup, 1);
          group->id = g_strdup (group_id);
          group->title = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
          group->items = g_ptr_array_new_with_free_func (item_free);
          g_hash_table_insert (groups, group->id, group);
          g_ptr_array_add (roadmap->groups, group);
        }
      g_ptr_array_add (group->items, item);
    }
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  /* The line runs from the period's start (or the first item, if earlier)
   * to the horizon (or the last item, if later). */
  for (guint g = 0; g < roadmap->groups->len; g++)
    {
      MbRoadmapGroup *group = roadmap->groups->pdata[g];

      for (guint i = 0; i < group->items->len; i++)
        {
          const MbTimePlan *plan = &((MbRoadmapItem *) group->items->pdata[i])->plan;
          GDate first, last;

          mb_period_get_first_day (plan->start.precision ? &plan->start : &plan->end, &first);
          mb_period_get_last_day (plan->end.precision ? &plan->end : &plan->start, &last);
          if (!g_date_valid (&roadmap->first_day) ||
              g_date_compare (&first, &roadmap->first_day) < 0)
            roadmap->first_day = first;
          if (!g_date_valid (&roadmap->last_day) ||
              g_date_compare (&last, &roadmap->last_day) > 0)
            roadmap->last_day = last;
        }
    }
  if (!g_date_valid (&roadmap->first_day))
    roadmap->first_day = roadmap->today;
  /* Where we are is on the line, when the plans lie behind us. */
  if (g_date_compare (&roadmap->today, &roadmap->first_day) > 0 &&
      (!g_date_valid (&roadmap->last_day) ||
       g_date_compare (&roadmap->today, &roadmap->last_day) > 0))
    {
      roadmap->last_day = roadmap->today;
      g_date_set_dmy (&roadmap->last_day, 31, G_DATE_DECEMBER, g_date_get_year (&roadmap->today));
    }
  if (!g_date_valid (&roadmap->last_day) ||
      g_date_compare (&roadmap->last_day, &roadmap->first_day) < 0)
    {
      roadmap->last_day = roadmap->first_day;
      g_date_add_years (&roadmap->last_day, 1);
    }

  for (guint g = 0; g < roadmap->groups->len; g++)
    {
      MbRoadmapGroup *group = roadmap->groups->pdata[g];

      if (group->id == NULL)
        group->title = g_strdup (grouping == MB_ROADMAP_BY_ORGANISATION
                                   ? _("No responsible organisation")
                                   : grouping == MB_ROADMAP_BY_CONTRIBUTION
                                       ? _("Contributes to nothing yet")
                                       : _("Not under another node"));
      for (guint i = 0; i < group->items->len; i++)
        place_item (group->items->pdata[i], &roadmap->last_day);
      g_ptr_array_sort (group->items, compare_items);
    }
  g_ptr_array_sort (roadmap->groups, compare_groups);

  return g_steal_pointer (&roadmap);
}
