/* mb-store-canvas-queries.c – what the canvas reads of a strategy, in one go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "mb-assessment.h"
#include "mb-indicator-stats.h"
#include "mb-store-canvas-queries.h"
#include "mb-store-private.h"

static void
node_row_free (gpointer data)
{
  MbCanvasNodeRow *row = data;

  g_free (row->id);
  g_free (row->title);
  g_free (row->code);
  g_free (row->status);
  g_free (row->start_date);
  g_free (row->end_date);
  g_free (row->parent_id);
  g_strfreev (row->sdgs);
  g_free (row);
}

static void
link_row_free (gpointer data)
{
  MbCanvasLinkRow *row = data;

  g_free (row->id);
  g_free (row->from_id);
  g_free (row->to_id);
  g_free (row->kind);
  g_free (row);
}

static void
stub_row_free (gpointer data)
{
  MbCanvasStubRow *row = data;

  g_free (row->link_id);
  g_free (row->node_id);
  g_free (row->other_node_id);
  g_free (row->other_node_title);
  g_free (row->other_strategy_id);
  g_free (row->other_strategy_name);
  g_free (row->kind);
  g_free (row);
}

void
mb_canvas_data_free (MbCanvasData *data)
{
  if (data == NULL)
    return;

  g_free (data->strategy_id);
  g_free (data->title);
  g_free (data->short_name);
  g_clear_pointer (&data->level_ids, g_ptr_array_unref);
  g_clear_pointer (&data->level_names, g_ptr_array_unref);
  g_clear_pointer (&data->nodes, g_ptr_array_unref);
  g_clear_pointer (&data->links, g_ptr_array_unref);
  g_clear_pointer (&data->stubs, g_ptr_array_unref);
  g_free (data);
}

static gboolean
step_done (sqlite3      *db,
           int           rc,
           GError      **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  _mb_store_set_sqlite_error (db, rc, error);
  return FALSE;
}

static sqlite3_stmt *
prepare_with_strategy (sqlite3     *db,
                       const char  *sql,
                       const char  *strategy_id,
                       GError     **error)
{
  sqlite3_stmt *stmt = _mb_store_prepare (db, sql, error);

  if (stmt != NULL)
    sqlite3_bind_text (stmt, 1, strategy_id, -1, SQLITE_TRANSIENT);
  return stmt;
}

/* The year a period ("2023", "2023-Q2") starts in. */
static double
period_year (const char *period)
{
  if (period == NULL || strlen (period) < 4)
    return NAN;
  return g_ascii_strtod (period, NULL);
}

/* Whether an indicator is on track: its progress (mb_indicator_progress(),
 * from the baseline to the last target) is at least the share of the time
 * from the baseline year to the target year that has passed by the latest
 * value (with a little slack, since yearly figures are noisy). */
typedef enum { STATUS_NO_DATA, STATUS_ON_TRACK, STATUS_BEHIND } IndicatorStatus;

static IndicatorStatus
indicator_status (gboolean lower_is_better,
                  double   baseline,
                  double   baseline_year,
                  double   target,
                  double   target_year,
                  double   latest,
                  double   latest_year)
{
  double progress = mb_indicator_progress (lower_is_better, baseline, target, latest);
  double expected;

  if (isnan (progress))
    return STATUS_NO_DATA;

  /* A target on the wrong side of the baseline, or on it: met or not. */
  if (target == baseline || (target > baseline) == lower_is_better)
    return progress >= 1.0 ? STATUS_ON_TRACK : STATUS_BEHIND;

  if (isnan (baseline_year) || isnan (target_year) || isnan (latest_year) ||
      target_year <= baseline_year)
    expected = 1.0;
  else
    expected = CLAMP ((latest_year - baseline_year) / (target_year - baseline_year), 0.0, 1.0);

  return progress >= expected - 0.1 ? STATUS_ON_TRACK : STATUS_BEHIND;
}

static gboolean
load_indicators (sqlite3      *db,
                 MbCanvasData *data,
                 GHashTable   *by_id,
                 GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare_with_strategy (db,
                                "SELECT ni.node_id, i.direction = 'decrease', i.baseline_value,"
                                " i.baseline_year, t.value, t.year, m.value, m.period"
                                " FROM node_indicators ni"
                                " JOIN nodes n ON n.id = ni.node_id"
                                " JOIN indicators i ON i.id = ni.indicator_id"
                                " LEFT JOIN measurements m ON m.rowid = "
                                MB_STORE_LATEST_MEASUREMENT_SQL ("i.id")
                                " LEFT JOIN indicator_targets t ON t.rowid = "
                                MB_STORE_LAST_TARGET_SQL ("i.id")
                                " WHERE n.strategy_id = ?", data->strategy_id, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MbCanvasNodeRow *node = g_hash_table_lookup (by_id, sqlite3_column_text (stmt, 0));
      IndicatorStatus status;

      if (node == NULL)
        continue;

      status = indicator_status (sqlite3_column_int (stmt, 1),
                                 _mb_column_double (stmt, 2), _mb_column_double (stmt, 3),
                                 _mb_column_double (stmt, 4), _mb_column_double (stmt, 5),
                                 _mb_column_double (stmt, 6),
                                 period_year ((const char *) sqlite3_column_text (stmt, 7)));
      switch (status)
        {
        case STATUS_ON_TRACK: node->indicators.on_track++; break;
        case STATUS_BEHIND:   node->indicators.behind++; break;
        case STATUS_NO_DATA:  node->indicators.no_data++; break;
        default:              g_assert_not_reached ();
        }
    }

  return step_done (db, rc, error);
}

/* The assessments of the strategy's latest follow-up round. */
static gboolean
load_assessments (sqlite3      *db,
                  MbCanvasData *data,
                  GHashTable   *by_id,
                  GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    prepare_with_strategy (db, "SELECT a.node_id, a.status FROM assessments a"
                               " JOIN follow_up_rounds r ON r.id = a.round_id"
                               " WHERE r.strategy_id = ?1 AND r.year = (SELECT max(year)"
                               "   FROM follow_up_rounds WHERE strategy_id = ?1)",
                           data->strategy_id, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MbCanvasNodeRow *node = g_hash_table_lookup (by_id, sqlite3_column_text (stmt, 0));
      MbAssessmentStatus status;

      if (node != NULL &&
          mb_assessment_status_from_string ((const char *) sqlite3_column_text (stmt, 1),
                                            &status))
        {
          node->assessed = TRUE;
          node->assessment = status;
        }
    }
  return step_done (db, rc, error);
}

static gboolean
load_counts (sqlite3      *db,
             MbCanvasData *data,
             GHashTable   *by_id,
             GError      **error)
{
  static const char *sqls[] = {
    "SELECT pn.node_id, count(*) FROM project_nodes pn JOIN nodes n ON n.id = pn.node_id"
    " WHERE n.strategy_id = ? GROUP BY pn.node_id",
    "SELECT cn.node_id, count(*) FROM call_nodes cn JOIN nodes n ON n.id = cn.node_id"
    " WHERE n.strategy_id = ? GROUP BY cn.node_id",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sqls); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = prepare_with_strategy (db, sqls[i], data->strategy_id,
                                                            error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          MbCanvasNodeRow *node = g_hash_table_lookup (by_id, sqlite3_column_text (stmt, 0));

          if (node == NULL)
            continue;
          if (i == 0)
            node->n_projects = (guint) sqlite3_column_int (stmt, 1);
          else
            node->n_calls = (guint) sqlite3_column_int (stmt, 1);
        }
      if (!step_done (db, rc, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_sdgs (sqlite3      *db,
           MbCanvasData *data,
           GHashTable   *by_id,
           GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) builders = g_hash_table_new_full (NULL, NULL, NULL,
                                                          (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  gpointer key, value;
  int rc;

  stmt = prepare_with_strategy (db,
                                "SELECT t.node_id, substr(t.tag, 5) FROM node_tags t"
                                " JOIN nodes n ON n.id = t.node_id"
                                " WHERE n.strategy_id = ? AND t.tag GLOB 'sdg:[0-9]*'"
                                " ORDER BY t.node_id, CAST(substr(t.tag, 5) AS INTEGER)",
                                data->strategy_id, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MbCanvasNodeRow *node = g_hash_table_lookup (by_id, sqlite3_column_text (stmt, 0));
      GPtrArray *sdgs;

      if (node == NULL)
        continue;
      sdgs = g_hash_table_lookup (builders, node);
      if (sdgs == NULL)
        {
          sdgs = g_ptr_array_new ();
          g_hash_table_insert (builders, node, sdgs);
        }
      g_ptr_array_add (sdgs, _mb_column_dup (stmt, 1));
    }
  if (!step_done (db, rc, error))
    return FALSE;

  g_hash_table_iter_init (&iter, builders);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      MbCanvasNodeRow *node = key;
      GPtrArray *sdgs = value;

      g_ptr_array_add (sdgs, NULL);
      g_strfreev (node->sdgs);
      node->sdgs = (GStrv) g_ptr_array_steal (sdgs, NULL);
    }

  return TRUE;
}

MbCanvasData *
mb_store_canvas_load (MbStore     *store,
                      const char  *strategy_id,
                      GError     **error)
{
  g_autoptr(MbCanvasData) data = g_new0 (MbCanvasData, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) level_index = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                             g_free, NULL);
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail (strategy_id != NULL, NULL);

  db = mb_store_get_db (store);
  data->strategy_id = g_strdup (strategy_id);
  data->level_ids = g_ptr_array_new_with_free_func (g_free);
  data->level_names = g_ptr_array_new_with_free_func (g_free);
  data->nodes = g_ptr_array_new_with_free_func (node_row_free);
  data->links = g_ptr_array_new_with_free_func (link_row_free);
  data->stubs = g_ptr_array_new_with_free_func (stub_row_free);

  stmt = prepare_with_strategy (db, "SELECT title, short_name, layout_direction FROM strategies"
                                " WHERE id = ?", strategy_id, error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (step_done (db, rc, error))
        g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                     _("There is no strategy with the id “%s”"), strategy_id);
      return NULL;
    }
  data->title = _mb_column_dup (stmt, 0);
  data->short_name = _mb_column_dup (stmt, 1);
  data->left_right = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "left-right") == 0;
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = prepare_with_strategy (db, "SELECT id, mb_level_name(name, name_sv) FROM levels"
                                " WHERE strategy_id = ? ORDER BY position, id", strategy_id, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_hash_table_insert (level_index, _mb_column_dup (stmt, 0),
                           GUINT_TO_POINTER (data->level_names->len));
      g_ptr_array_add (data->level_ids, _mb_column_dup (stmt, 0));
      g_ptr_array_add (data->level_names, _mb_column_dup (stmt, 1));
    }
  if (!step_done (db, rc, error))
    return NULL;
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Tree order: depth first, siblings by position, so that the outline and
   * the canvas's keyboard order agree. */
  stmt = prepare_with_strategy (db,
                                "WITH RECURSIVE tree (id, path) AS ("
                                "  SELECT id, printf('%08d', position) || id FROM nodes"
                                "   WHERE strategy_id = ?1 AND parent_id IS NULL"
                                "  UNION ALL"
                                "  SELECT n.id, tree.path || '/' || printf('%08d', n.position) || n.id"
                                "   FROM nodes n JOIN tree ON n.parent_id = tree.id)"
                                " SELECT n.id, n.title, n.code, n.parent_id, n.level_id, n.x, n.y,"
                                "  n.status, n.start_date, n.end_date, n.in_operation"
                                " FROM tree JOIN nodes n ON n.id = tree.id ORDER BY tree.path",
                                strategy_id, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MbCanvasNodeRow *node = g_new0 (MbCanvasNodeRow, 1);

      node->id = _mb_column_dup (stmt, 0);
      node->title = _mb_column_dup (stmt, 1);
      node->code = _mb_column_dup (stmt, 2);
      node->parent_id = _mb_column_dup (stmt, 3);
      node->level = GPOINTER_TO_UINT (g_hash_table_lookup (level_index,
                                                           sqlite3_column_text (stmt, 4)));
      node->pinned = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
      node->x = sqlite3_column_double (stmt, 5);
      node->y = sqlite3_column_double (stmt, 6);
      node->status = _mb_column_dup (stmt, 7);
      node->start_date = _mb_column_dup (stmt, 8);
      node->end_date = _mb_column_dup (stmt, 9);
      node->in_operation = sqlite3_column_int (stmt, 10) != 0;
      g_ptr_array_add (data->nodes, node);
      g_hash_table_insert (by_id, node->id, node);
    }
  if (!step_done (db, rc, error))
    return NULL;
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* The links from and to the strategy's nodes, each found by its index:
   * an OR over both ends would scan every link of the library (0.2 s of
   * CPU at 30,000 links, against 0.03 s this way). */
  stmt = prepare_with_strategy (db,
                                "WITH here (id) AS (SELECT id FROM nodes WHERE strategy_id = ?1),"
                                " ours (r) AS (SELECT rowid FROM links WHERE from_node_id IN here"
                                "  UNION SELECT rowid FROM links WHERE to_node_id IN here)"
                                " SELECT l.id, l.from_node_id, l.to_node_id, l.kind,"
                                " f.strategy_id = ?1, t.strategy_id = ?1,"
                                " o.id, coalesce(o.short_name, o.title),"
                                " CASE WHEN f.strategy_id = ?1 THEN t.title ELSE f.title END"
                                " FROM ours JOIN links l ON l.rowid = ours.r"
                                " JOIN nodes f ON f.id = l.from_node_id"
                                " JOIN nodes t ON t.id = l.to_node_id"
                                " JOIN strategies o ON o.id ="
                                "  CASE WHEN f.strategy_id = ?1 THEN t.strategy_id"
                                "  ELSE f.strategy_id END"
                                " ORDER BY l.id", strategy_id, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean from_here = sqlite3_column_int (stmt, 4) != 0;
      gboolean to_here = sqlite3_column_int (stmt, 5) != 0;

      if (from_here && to_here)
        {
          MbCanvasLinkRow *link = g_new0 (MbCanvasLinkRow, 1);

          link->id = _mb_column_dup (stmt, 0);
          link->from_id = _mb_column_dup (stmt, 1);
          link->to_id = _mb_column_dup (stmt, 2);
          link->kind = _mb_column_dup (stmt, 3);
          g_ptr_array_add (data->links, link);
        }
      else
        {
          MbCanvasStubRow *stub = g_new0 (MbCanvasStubRow, 1);

          stub->link_id = _mb_column_dup (stmt, 0);
          stub->outgoing = from_here;
          stub->node_id = _mb_column_dup (stmt, from_here ? 1 : 2);
          stub->other_node_id = _mb_column_dup (stmt, from_here ? 2 : 1);
          stub->kind = _mb_column_dup (stmt, 3);
          stub->other_strategy_id = _mb_column_dup (stmt, 6);
          stub->other_strategy_name = _mb_column_dup (stmt, 7);
          stub->other_node_title = _mb_column_dup (stmt, 8);
          g_ptr_array_add (data->stubs, stub);
        }
    }
  if (!step_done (db, rc, error))
    return NULL;

  if (!load_indicators (db, data, by_id, error) ||
      !load_counts (db, data, by_id, error) ||
      !load_assessments (db, data, by_id, error) ||
      !load_sdgs (db, data, by_id, error))
    return NULL;

  return g_steal_pointer (&data);
}

char *
mb_store_canvas_find_strategy (MbStore     *store,
                               const char  *id_or_title,
                               GError     **error)
{
  char *id;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail (id_or_title != NULL, NULL);

  id = _mb_store_query_text (mb_store_get_db (store),
                             "SELECT id FROM strategies WHERE id = ?1"
                             " UNION ALL SELECT id FROM strategies WHERE registration_number = ?1"
                             " UNION ALL SELECT id FROM strategies WHERE short_name = ?1"
                             " UNION ALL SELECT id FROM strategies WHERE title = ?1"
                             " UNION ALL SELECT id FROM strategies WHERE lower(title) = lower(?1)"
                             " LIMIT 1",
                             "s", id_or_title);
  if (id == NULL)
    g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                 _("There is no strategy with the id or title “%s”"), id_or_title);
  return id;
}

char *
mb_store_canvas_node_strategy (MbStore     *store,
                               const char  *node_id,
                               GError     **error)
{
  char *id;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);

  id = _mb_store_query_text (mb_store_get_db (store),
                             "SELECT strategy_id FROM nodes WHERE id = ?", "s", node_id);
  if (id == NULL)
    g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                 _("There is no node with the id “%s”"), node_id);
  return id;
}

/* Kept layouts (mb-schema-layout-cache.sql) */

/* Far beyond a real strategy's (8,000 nodes keep about 4 MB): a larger
 * blob is not read into memory at all. */
#define MAX_KEPT_LAYOUT_BYTES (64 * 1024 * 1024)

typedef struct
{
  const char *strategy_id;
  const char *shape;
  GBytes     *layout;   /* NULL: drop the strategy's row */
} KeptLayout;

static gboolean
write_kept_layout (MbStore   *store,
                   sqlite3   *db,
                   gpointer   user_data,
                   GError   **error)
{
  KeptLayout *kept = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;
  gsize size;
  const void *data;
  int rc;

  if (kept->layout == NULL)
    return _mb_store_exec (db, error, "DELETE FROM mb_layout_cache WHERE strategy_id = ?",
                           "s", kept->strategy_id);

  stmt = _mb_store_prepare (db, "INSERT OR REPLACE INTO mb_layout_cache"
                                " (strategy_id, shape, layout, written) VALUES (?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  now = _mb_store_now ();
  data = g_bytes_get_data (kept->layout, &size);
  sqlite3_bind_text (stmt, 1, kept->strategy_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kept->shape, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob64 (stmt, 3, data != NULL ? data : "", size, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return FALSE;
    }
  /* Layouts of strategies deleted since. */
  return _mb_store_exec (db, error, "DELETE FROM mb_layout_cache"
                                    " WHERE strategy_id NOT IN (SELECT id FROM strategies)",
                         NULL);
}

/**
 * mb_store_canvas_lookup_layout:
 * @store: a store
 * @strategy_id: a strategy
 * @shape: what the layout must have been made for (a hash of the graph)
 *
 * The layout kept by mb_store_canvas_keep_layout() for @strategy_id, if it
 * was made for @shape. A layout made for another shape is stale: it is
 * dropped (when the library can be written). The bytes are the file's:
 * read them with mb_layout_result_new_from_bytes(), which trusts none.
 *
 * Returns: (transfer full) (nullable): the kept bytes, or %NULL
 */
GBytes *
mb_store_canvas_lookup_layout (MbStore    *store,
                               const char *strategy_id,
                               const char *shape)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  KeptLayout stale = { strategy_id, shape, NULL };
  gboolean matches;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail (strategy_id != NULL, NULL);
  g_return_val_if_fail (shape != NULL, NULL);

  /* The length first: a blob too large (or not a blob) is never loaded. */
  stmt = _mb_store_prepare (mb_store_get_db (store),
                            "SELECT shape IS ?2, CASE WHEN typeof(layout) = 'blob'"
                            " AND length(layout) <= ?3 THEN layout END"
                            " FROM mb_layout_cache WHERE strategy_id = ?1",
                            &error);
  if (stmt == NULL)
    {
      g_debug ("No kept layout of %s: %s", strategy_id, error->message);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, strategy_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, shape, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, MAX_KEPT_LAYOUT_BYTES);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  matches = sqlite3_column_int (stmt, 0) != 0;
  if (matches && sqlite3_column_type (stmt, 1) == SQLITE_BLOB)
    return g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));

  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!_mb_store_write_cache (store, write_kept_layout, &stale, &error))
    g_debug ("Could not drop the stale layout of %s: %s", strategy_id, error->message);
  return NULL;
}

/**
 * mb_store_canvas_keep_layout:
 * @store: a store
 * @strategy_id: a strategy
 * @shape: what the layout was made for (a hash of the graph)
 * @layout: from mb_layout_result_to_bytes()
 * @error: return location for an error
 *
 * Keeps @layout as @strategy_id's last layout, in place of the one before.
 * A cache, not a user action: no undo step, no "changed". On a read-only
 * library or a review copy nothing is written, and that is no error; a
 * library busy with another writer fails at once.
 *
 * Returns: whether the layout is kept, or need not be
 */
gboolean
mb_store_canvas_keep_layout (MbStore     *store,
                             const char  *strategy_id,
                             const char  *shape,
                             GBytes      *layout,
                             GError     **error)
{
  KeptLayout kept = { strategy_id, shape, layout };

  g_return_val_if_fail (MB_IS_STORE (store), FALSE);
  g_return_val_if_fail (strategy_id != NULL, FALSE);
  g_return_val_if_fail (shape != NULL, FALSE);
  g_return_val_if_fail (layout != NULL, FALSE);

  return _mb_store_write_cache (store, write_kept_layout, &kept, error);
}
