/* mb-store-editor-queries.c – what the details panel and the pickers read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mb-store-editor-queries.h"
#include "mb-store-private.h"

/* Each query yields the rows' id, title and subtitle, in that order. */
static const struct
{
  const char *kind;
  const char *sql;
} related_queries[] = {
  [MB_RELATED_NODE_INDICATORS] = { "indicators",
    "SELECT i.id, i.title, coalesce(i.reference, i.unit) FROM node_indicators ni"
    " JOIN indicators i ON i.id = ni.indicator_id WHERE ni.node_id = ?1"
    " ORDER BY i.title COLLATE NOCASE, i.id" },
  [MB_RELATED_NODE_PROJECTS] = { "projects",
    "SELECT p.id, p.title, p.registration_number FROM project_nodes pn"
    " JOIN projects p ON p.id = pn.project_id WHERE pn.node_id = ?1"
    " ORDER BY p.title COLLATE NOCASE, p.id" },
  [MB_RELATED_NODE_CALLS] = { "funding_calls",
    "SELECT c.id, c.title, coalesce(c.call_number, c.funder) FROM call_nodes cn"
    " JOIN funding_calls c ON c.id = cn.call_id WHERE cn.node_id = ?1"
    " ORDER BY c.title COLLATE NOCASE, c.id" },
  [MB_RELATED_NODE_TAGS] = { "node_tags",
    "SELECT tag, tag, NULL FROM node_tags WHERE node_id = ?1"
    " ORDER BY substr(tag, 1, instr(tag, ':')), length(tag), tag" },
  [MB_RELATED_NODE_TERRITORIES] = { "node_territories",
    "SELECT territory_code, territory_code, NULL FROM node_territories WHERE node_id = ?1"
    " ORDER BY territory_code" },
  [MB_RELATED_PROJECT_NODES] = { "nodes",
    "SELECT n.id, n.title, coalesce(n.code || ' · ', '') || coalesce(s.short_name, s.title)"
    " FROM project_nodes pn JOIN nodes n ON n.id = pn.node_id"
    " JOIN strategies s ON s.id = n.strategy_id WHERE pn.project_id = ?1"
    " ORDER BY s.title, n.code, n.title COLLATE NOCASE, n.id" },
  [MB_RELATED_PROJECT_CALLS] = { "funding_calls",
    "SELECT c.id, c.title, coalesce(c.call_number, c.funder) FROM project_calls pc"
    " JOIN funding_calls c ON c.id = pc.call_id WHERE pc.project_id = ?1"
    " ORDER BY c.title COLLATE NOCASE, c.id" },
  [MB_RELATED_PROJECT_PARTNERS] = { "organisations",
    "SELECT o.id, o.name, o.org_number FROM project_partners pp"
    " JOIN organisations o ON o.id = pp.organisation_id WHERE pp.project_id = ?1"
    " ORDER BY o.name COLLATE NOCASE, o.id" },
  [MB_RELATED_PROJECT_FUNDING] = { "project_funding",
    "SELECT id, source, amount FROM project_funding WHERE project_id = ?1"
    " ORDER BY source COLLATE NOCASE" },
  [MB_RELATED_PROJECT_VALUES] = { "project_indicator_values",
    "SELECT v.id, i.title, v.kind || ' ' || coalesce(v.year, '') || ' ' || v.value"
    " FROM project_indicator_values v JOIN indicators i ON i.id = v.indicator_id"
    " WHERE v.project_id = ?1 ORDER BY i.title COLLATE NOCASE, v.year, v.kind" },
  [MB_RELATED_CALL_NODES] = { "nodes",
    "SELECT n.id, n.title, coalesce(n.code || ' · ', '') || coalesce(s.short_name, s.title)"
    " FROM call_nodes cn JOIN nodes n ON n.id = cn.node_id"
    " JOIN strategies s ON s.id = n.strategy_id WHERE cn.call_id = ?1"
    " ORDER BY s.title, n.code, n.title COLLATE NOCASE, n.id" },
  [MB_RELATED_CALL_PROJECTS] = { "projects",
    "SELECT p.id, p.title, p.registration_number FROM project_calls pc"
    " JOIN projects p ON p.id = pc.project_id WHERE pc.call_id = ?1"
    " ORDER BY p.title COLLATE NOCASE, p.id" },
  [MB_RELATED_INDICATOR_NODES] = { "nodes",
    "SELECT n.id, n.title, coalesce(n.code || ' · ', '') || coalesce(s.short_name, s.title)"
    " FROM node_indicators ni JOIN nodes n ON n.id = ni.node_id"
    " JOIN strategies s ON s.id = n.strategy_id WHERE ni.indicator_id = ?1"
    " ORDER BY s.title, n.code, n.title COLLATE NOCASE, n.id" },
  [MB_RELATED_NODE_LINKS] = { "links",
    "SELECT l.id, n.title, CASE WHEN l.from_node_id = ?1 THEN 'out:' ELSE 'in:' END || l.kind"
    " FROM links l JOIN nodes n"
    " ON n.id = CASE WHEN l.from_node_id = ?1 THEN l.to_node_id ELSE l.from_node_id END"
    " WHERE l.from_node_id = ?1 OR l.to_node_id = ?1"
    " ORDER BY l.from_node_id <> ?1, l.kind, n.title COLLATE NOCASE, l.id" },
  [MB_RELATED_INDICATOR_TARGETS] = { "indicator_targets",
    "SELECT id, year, value FROM indicator_targets WHERE indicator_id = ?1 ORDER BY year" },
};

/* Listing every entity of a table; ?1 is the strategy or NULL. */
static const struct
{
  const char *table;
  const char *sql;
} all_queries[] = {
  { "strategies",
    "SELECT id, title, short_name FROM strategies ORDER BY position, title COLLATE NOCASE" },
  { "levels",
    "SELECT id, mb_level_name(name, name_sv), NULL FROM levels"
    " WHERE ?1 IS NULL OR strategy_id = ?1"
    " ORDER BY strategy_id, position" },
  { "nodes",
    "SELECT n.id, n.title,"
    " coalesce(n.code || ' · ', '') || mb_level_name(l.name, l.name_sv) ||"
    " CASE WHEN ?1 IS NULL THEN ' · ' || coalesce(s.short_name, s.title) ELSE '' END"
    " FROM nodes n JOIN levels l ON l.id = n.level_id JOIN strategies s ON s.id = n.strategy_id"
    " WHERE ?1 IS NULL OR n.strategy_id = ?1"
    " ORDER BY s.title, l.position, n.code, n.title COLLATE NOCASE" },
  { "indicators",
    "SELECT id, title, coalesce(reference, unit) FROM indicators"
    " WHERE ?1 IS NULL OR strategy_id = ?1 OR strategy_id IS NULL"
    " ORDER BY title COLLATE NOCASE, id" },
  { "projects",
    "SELECT id, title, registration_number FROM projects ORDER BY title COLLATE NOCASE, id" },
  { "funding_calls",
    "SELECT id, title, coalesce(call_number, funder) FROM funding_calls"
    " ORDER BY title COLLATE NOCASE, id" },
  { "organisations",
    "SELECT id, name, org_number FROM organisations ORDER BY name COLLATE NOCASE, id" },
};

static GListModel *
list_items (MbStore     *store,
            const char  *kind,
            const char  *sql,
            const char  *param,
            GError     **error)
{
  g_autoptr(GListStore) items = g_list_store_new (MB_TYPE_ENTITY_ITEM);
  g_autoptr(sqlite3_stmt) stmt = _mb_store_prepare (mb_store_get_db (store), sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(MbEntityItem) item =
        mb_entity_item_new (kind,
                            (const char *) sqlite3_column_text (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1),
                            (const char *) sqlite3_column_text (stmt, 2));

      g_list_store_append (items, item);
    }
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (mb_store_get_db (store), rc, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&items));
}

GListModel *
mb_store_editor_list_related (MbStore     *store,
                              MbRelated    related,
                              const char  *id,
                              GError     **error)
{
  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail ((guint) related < G_N_ELEMENTS (related_queries), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return list_items (store, related_queries[related].kind, related_queries[related].sql,
                     id, error);
}

GListModel *
mb_store_editor_list_all (MbStore     *store,
                          const char  *table,
                          const char  *strategy_id,
                          GError     **error)
{
  g_return_val_if_fail (MB_IS_STORE (store), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (all_queries); i++)
    if (g_strcmp0 (all_queries[i].table, table) == 0)
      return list_items (store, table, all_queries[i].sql, strategy_id, error);

  g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
               _("There is no kind of entity “%s”"), table ? table : "");
  return NULL;
}
