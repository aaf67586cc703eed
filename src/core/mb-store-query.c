/* mb-store-query.c – the read queries the views need
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "mb-indicator-stats.h"
#include "mb-store-private.h"
#include "mb-store-remote-private.h"

GPtrArray *
_mb_store_query_records (sqlite3     *db,
                         GError     **error,
                         const char  *kind,
                         const char  *sql,
                         const char  *types,
                         ...)
{
  g_autoptr(sqlite3_stmt) stmt = _mb_store_prepare (db, sql, error);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;
  int rc;

  if (stmt == NULL)
    return NULL;
  va_start (args, types);
  _mb_store_bind (stmt, types, args);
  va_end (args);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, _mb_record_new_from_stmt (kind, stmt));
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&records);
}

MbRecord *
mb_store_get_record (MbStore     *self,
                     const char  *table,
                     const char  *id,
                     GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (MB_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (table == NULL || !g_strv_contains (mb_store_entity_tables, table))
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   _("There is no kind of entity “%s”"), table ? table : "");
      return NULL;
    }
  sql = g_strdup_printf ("SELECT * FROM %s WHERE id = ?", table);
  records = _mb_store_query_records (mb_store_get_db (self), error, table, sql, "s", id);
  if (records == NULL)
    return NULL;
  if (records->len == 0)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   _("There is no %s with id “%s”"), table, id);
      return NULL;
    }
  return g_object_ref (records->pdata[0]);
}

/* The path sorts a parent before its children and siblings by position. */
#define TREE_SQL \
  "WITH RECURSIVE t (id, depth, path) AS (" \
  "  SELECT id, 0, printf('%010d', position) || id FROM nodes" \
  "   WHERE strategy_id = ?1 AND parent_id IS NULL" \
  "  UNION ALL" \
  "  SELECT n.id, t.depth + 1, t.path || '/' || printf('%010d', n.position) || n.id" \
  "   FROM nodes n JOIN t ON n.parent_id = t.id)" \
  " SELECT n.*, t.depth AS depth FROM t JOIN nodes n ON n.id = t.id ORDER BY t.path"

const char _mb_store_tree_sql[] = TREE_SQL;

GPtrArray *
mb_store_query_tree (MbStore     *self,
                     const char  *strategy_id,
                     GError     **error)
{
  g_return_val_if_fail (MB_IS_STORE (self), NULL);
  g_return_val_if_fail (strategy_id != NULL, NULL);

  return _mb_store_query_records (mb_store_get_db (self), error, "nodes", TREE_SQL,
                                  "s", strategy_id);
}

static GStrv
query_ids (sqlite3     *db,
           const char  *sql,
           const char  *node_id,
           gboolean     tree,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mb_store_prepare (db, sql, error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, node_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, tree);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

gboolean
_mb_store_query_chain_sql (MbStore       *self,
                           const char    *node_id,
                           MbChainFlags   flags,
                           GStrv         *up,
                           GStrv         *down,
                           GError       **error)
{
  /* UNION (not UNION ALL) visits each node once, however many paths lead
   * there, so the cost is linear in the size of the chain. */
  static const char up_sql[] =
    "WITH RECURSIVE c (id) AS (SELECT ?1"
    "  UNION SELECT l.to_node_id FROM links l JOIN c ON l.from_node_id = c.id"
    "   WHERE l.kind = 'contributes-to'"
    "  UNION SELECT n.parent_id FROM nodes n JOIN c ON n.id = c.id"
    "   WHERE ?2 AND n.parent_id IS NOT NULL)"
    " SELECT id FROM c WHERE id <> ?1";
  static const char down_sql[] =
    "WITH RECURSIVE c (id) AS (SELECT ?1"
    "  UNION SELECT l.from_node_id FROM links l JOIN c ON l.to_node_id = c.id"
    "   WHERE l.kind = 'contributes-to'"
    "  UNION SELECT n.id FROM nodes n JOIN c ON n.parent_id = c.id WHERE ?2)"
    " SELECT id FROM c WHERE id <> ?1";
  sqlite3 *db;
  gboolean tree = (flags & MB_CHAIN_INCLUDE_TREE) != 0;
  g_auto(GStrv) ups = NULL;
  g_auto(GStrv) downs = NULL;

  g_return_val_if_fail (MB_IS_STORE (self), FALSE);
  g_return_val_if_fail (node_id != NULL, FALSE);

  db = mb_store_get_db (self);
  if (_mb_store_query_int (db, "SELECT count(*) FROM nodes WHERE id = ?", "s", node_id) == 0)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   _("There is no node with id “%s”"), node_id);
      return FALSE;
    }
  if ((up && !(ups = query_ids (db, up_sql, node_id, tree, error))) ||
      (down && !(downs = query_ids (db, down_sql, node_id, tree, error))))
    return FALSE;

  if (up)
    *up = g_steal_pointer (&ups);
  if (down)
    *down = g_steal_pointer (&downs);
  return TRUE;
}

gboolean
mb_store_query_chain (MbStore       *self,
                      const char    *node_id,
                      MbChainFlags   flags,
                      GStrv         *up,
                      GStrv         *down,
                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  MbChainIndex *index;

  g_return_val_if_fail (MB_IS_STORE (self), FALSE);
  g_return_val_if_fail (node_id != NULL, FALSE);

  /* Inside an action, the index would not see the uncommitted changes. */
  index = _mb_store_get_chain_index (self, &local_error);
  if (index == NULL)
    {
      if (local_error != NULL)
        g_debug ("Chain index unavailable: %s", local_error->message);
      return _mb_store_query_chain_sql (self, node_id, flags, up, down, error);
    }
  if (!_mb_chain_index_query (index, node_id, flags, up, down))
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   _("There is no node with id “%s”"), node_id);
      return FALSE;
    }
  return TRUE;
}

void
mb_indicator_status_free (MbIndicatorStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->indicator_id);
  g_free (status->title);
  g_free (status->unit);
  g_free (status->reference);
  g_free (status->latest_period);
  g_free (status);
}

GPtrArray *
_mb_store_query_indicator_statuses (sqlite3     *db,
                                    GError     **error,
                                    const char  *where,
                                    const char  *types,
                                    ...)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) result = NULL;
  g_autofree char *sql = NULL;
  va_list args;
  int rc;

  sql = g_strconcat ("SELECT i.id, i.title, i.unit, i.reference, i.direction = 'decrease',"
                     "  i.baseline_value, i.baseline_year, m.value, m.period, t.value, t.year"
                     " FROM indicators i"
                     " LEFT JOIN measurements m ON m.rowid = "
                     MB_STORE_LATEST_MEASUREMENT_SQL ("i.id")
                     " LEFT JOIN indicator_targets t ON t.rowid = "
                     MB_STORE_LAST_TARGET_SQL ("i.id")
                     " WHERE ", where, " ORDER BY i.title, i.id", NULL);
  stmt = _mb_store_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  va_start (args, types);
  _mb_store_bind (stmt, types, args);
  va_end (args);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) mb_indicator_status_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MbIndicatorStatus *s = g_new0 (MbIndicatorStatus, 1);

      s->indicator_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      s->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      s->unit = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      s->reference = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      s->decrease = sqlite3_column_int (stmt, 4);
      s->baseline = _mb_column_double (stmt, 5);
      s->baseline_year = sqlite3_column_int (stmt, 6);
      s->latest = _mb_column_double (stmt, 7);
      s->latest_period = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      s->target = _mb_column_double (stmt, 9);
      s->target_year = sqlite3_column_int (stmt, 10);

      s->progress = mb_indicator_progress (s->decrease, s->baseline, s->target, s->latest);
      g_ptr_array_add (result, s);
    }
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

GPtrArray *
mb_store_query_node_indicators (MbStore     *self,
                                const char  *node_id,
                                GError     **error)
{
  g_return_val_if_fail (MB_IS_STORE (self), NULL);

  return _mb_store_query_indicator_statuses (mb_store_get_db (self), error,
                                             "i.id IN (SELECT indicator_id FROM node_indicators"
                                             " WHERE node_id = ?)", "s", node_id);
}

GPtrArray *
mb_store_query_node_projects (MbStore     *self,
                              const char  *node_id,
                              GError     **error)
{
  g_return_val_if_fail (MB_IS_STORE (self), NULL);

  return _mb_store_query_records (mb_store_get_db (self), error, "projects",
                                  "SELECT p.* FROM project_nodes pn"
                                  " JOIN projects p ON p.id = pn.project_id"
                                  " WHERE pn.node_id = ? ORDER BY p.title, p.id", "s", node_id);
}

GPtrArray *
mb_store_query_node_calls (MbStore     *self,
                           const char  *node_id,
                           GError     **error)
{
  g_return_val_if_fail (MB_IS_STORE (self), NULL);

  return _mb_store_query_records (mb_store_get_db (self), error, "funding_calls",
                                  "SELECT c.* FROM call_nodes cn"
                                  " JOIN funding_calls c ON c.id = cn.call_id"
                                  " WHERE cn.node_id = ? ORDER BY c.title, c.id", "s", node_id);
}

void
mb_search_hit_free (MbSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->kind);
  g_free (hit->id);
  g_free (hit->title);
  g_free (hit->snippet);
  g_free (hit);
}

/* Each word of @text becomes a quoted prefix term, so that nothing a user
 * types is read as FTS5 syntax. */
static char *
match_expression (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r", -1);
  g_autoptr(GString) expr = g_string_new (NULL);

  for (guint i = 0; words[i]; i++)
    {
      g_autofree char *word = g_strdup (words[i]);
      char *src, *dst;

      for (src = dst = word; *src; src++)
        if (*src != '"')
          *dst++ = *src;
      *dst = '\0';
      if (*word == '\0')
        continue;
      g_string_append_printf (expr, "%s\"%s\"*", expr->len ? " " : "", word);
    }
  return expr->len ? g_string_free (g_steal_pointer (&expr), FALSE) : NULL;
}

GPtrArray *
mb_store_search (MbStore     *self,
                 const char  *text,
                 guint        limit,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) mb_search_hit_free);
  g_autofree char *expr = NULL;
  int rc;

  g_return_val_if_fail (MB_IS_STORE (self), NULL);

  /* A shared library is searched on its server, which knows Swedish word
   * forms; while the server is away, the replica's own index serves. */
  if (_mb_store_get_remote (self) != NULL &&
      _mb_store_remote_is_connected (_mb_store_get_remote (self)))
    return _mb_store_remote_search (_mb_store_get_remote (self), text ? text : "", limit, hits,
                                    error)
           ? g_steal_pointer (&hits) : NULL;

  expr = match_expression (text ? text : "");
  if (expr == NULL)
    return g_steal_pointer (&hits);

  /* Title matches weigh ten times the rest. */
  stmt = _mb_store_prepare (mb_store_get_db (self),
                            "SELECT i.kind, i.id, s.title,"
                            "  snippet(mb_search, -1, '', '', '…', 12), bm25(mb_search, 10.0, 1.0)"
                            " FROM mb_search s JOIN mb_search_ids i ON i.rid = s.rowid"
                            " WHERE mb_search MATCH ? ORDER BY 5, 3 LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, expr, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, limit ? (int) limit : 100);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MbSearchHit *hit = g_new0 (MbSearchHit, 1);

      hit->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      hit->id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      hit->title = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      hit->snippet = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      hit->rank = sqlite3_column_double (stmt, 4);
      g_ptr_array_add (hits, hit);
    }
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (mb_store_get_db (self), rc, error);
      return NULL;
    }
  return g_steal_pointer (&hits);
}
