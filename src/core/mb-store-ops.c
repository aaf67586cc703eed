/* mb-store-ops.c – the typed user operations of the store and their rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each public function here is one user action: it validates, then writes
 * through mb_store_run_action(), so it is one transaction and one undo step.
 * Rules SQL can say live in mb-schema.sql (its CHECKs are translated into
 * MB_STORE_ERROR codes); the rest (cycles, schemes, same strategy) are here.
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "mb-indicator-stats.h"
#include "mb-period.h"
#include "mb-scheme.h"
#include "mb-store-private.h"

/* Helpers */


static gboolean
require_text (const char  *value,
              const char  *field,
              GError     **error)
{
  if (!_mb_text_is_blank (value))
    return TRUE;
  g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED, _("%s is required"), field);
  return FALSE;
}

static gboolean
is_entity_table (const char *table)
{
  /* Revisions change only through mb-revision.c, the history of targets
   * only with the targets it records: they are immutable. */
  return table != NULL && g_strv_contains (mb_store_entity_tables, table) &&
         !g_str_has_prefix (table, "revision") && !g_str_equal (table, "target_history") &&
         !g_str_has_prefix (table, "node_") && !g_str_equal (table, "project_partners") &&
         !g_str_equal (table, "project_calls") && !g_str_equal (table, "project_nodes") &&
         !g_str_equal (table, "call_nodes");
}

static const char *
kind_name (const char *table)
{
  static const struct { const char *table; const char *name; } names[] = {
    { "organisations", N_("organisation") },
    { "strategies", N_("strategy") },
    { "levels", N_("level") },
    { "nodes", N_("node") },
    { "links", N_("link") },
    { "indicators", N_("indicator") },
    { "indicator_targets", N_("target") },
    { "measurements", N_("measurement") },
    { "funding_calls", N_("funding call") },
    { "projects", N_("project") },
    { "project_funding", N_("funding") },
    { "project_indicator_values", N_("project indicator value") },
    { "review_comments", N_("comment") },
    { "follow_up_rounds", N_("follow-up round") },
    { "assessments", N_("assessment") },
    { "activities", N_("activity") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i].table, table))
      return _(names[i].name);
  return table;
}

static gboolean
require_entity (sqlite3     *db,
                const char  *table,
                const char  *id,
                GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE id = ?", table);

  if (id != NULL && _mb_store_query_int (db, sql, "s", id) > 0)
    return TRUE;
  g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
               _("There is no %s with id “%s”"), kind_name (table), id ? id : "");
  return FALSE;
}

/* A short name of an entity for undo labels: its title or name. */
static char *
entity_title (sqlite3    *db,
              const char *table,
              const char *id)
{
  const char *column = "title";
  g_autofree char *sql = NULL;

  if (g_str_equal (table, "organisations") || g_str_equal (table, "levels"))
    column = "name";
  else if (g_str_equal (table, "measurements"))
    column = "period";
  else if (g_str_equal (table, "indicator_targets"))
    column = "year";
  else if (g_str_equal (table, "project_funding"))
    column = "source";
  else if (g_str_equal (table, "links") || g_str_equal (table, "project_indicator_values"))
    column = "kind";

  sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?", column, table);
  return _mb_store_query_text (db, sql, "s", id);
}

/* Does @from reach @to along contributes-to links? */
static gboolean
contributes_reach (sqlite3    *db,
                   const char *from,
                   const char *to)
{
  return _mb_store_query_int (db,
    "WITH RECURSIVE r (id) AS (SELECT ? UNION"
    "  SELECT l.to_node_id FROM links l JOIN r ON l.from_node_id = r.id"
    "  WHERE l.kind = 'contributes-to')"
    " SELECT count(*) FROM r WHERE id = ?", "ss", from, to) > 0;
}

static gboolean
check_no_cycle (sqlite3     *db,
                const char  *from,
                const char  *to,
                const char  *kind,
                GError     **error)
{
  if (g_strcmp0 (from, to) == 0)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_CYCLE,
                   _("A node cannot be linked to itself"));
      return FALSE;
    }
  if (g_strcmp0 (kind, "contributes-to") == 0 && contributes_reach (db, to, from))
    {
      g_autofree char *a = entity_title (db, "nodes", from);
      g_autofree char *b = entity_title (db, "nodes", to);

      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_CYCLE,
                   _("“%s” cannot contribute to “%s”: “%s” already contributes to “%s”, "
                     "which would make a circle"), a, b, b, a);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_level_in_scheme (sqlite3     *db,
                       const char  *strategy_id,
                       const char  *level_id,
                       GError     **error)
{
  if (level_id != NULL &&
      _mb_store_query_int (db, "SELECT count(*) FROM levels WHERE id = ? AND strategy_id = ?",
                           "ss", level_id, strategy_id) > 0)
    return TRUE;
  g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_LEVEL_NOT_IN_SCHEME,
               _("The level “%s” is not part of the strategy’s level scheme"),
               level_id ? level_id : "");
  return FALSE;
}

/* @parent_id must be a node of @strategy_id, and not @node_id or below it. */
static gboolean
check_parent (sqlite3     *db,
              const char  *strategy_id,
              const char  *node_id,
              const char  *parent_id,
              GError     **error)
{
  g_autofree char *parent_strategy = NULL;

  if (parent_id == NULL)
    return TRUE;
  if (!require_entity (db, "nodes", parent_id, error))
    return FALSE;
  parent_strategy = _mb_store_query_text (db, "SELECT strategy_id FROM nodes WHERE id = ?",
                                          "s", parent_id);
  if (g_strcmp0 (parent_strategy, strategy_id) != 0)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID,
                   _("A node’s parent must belong to the same strategy"));
      return FALSE;
    }
  if (node_id != NULL &&
      _mb_store_query_int (db,
        "WITH RECURSIVE up (id) AS (SELECT ? UNION"
        "  SELECT n.parent_id FROM nodes n JOIN up ON n.id = up.id WHERE n.parent_id IS NOT NULL)"
        " SELECT count(*) FROM up WHERE id = ?", "ss", parent_id, node_id) > 0)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_CYCLE,
                   _("A node cannot be placed under itself or one of its own sub-nodes"));
      return FALSE;
    }
  return TRUE;
}

static const char *
first_column_of (const char *table)
{
  return g_str_equal (table, "organisations") || g_str_equal (table, "levels") ? "name"
                                                                                : "title";
}

/* Actions with their arguments: each operation's callback gets a struct of
 * its own parameters; those that create or find an entity give its id in
 * the struct's "id". */

/* Runs an operation that makes an entity; returns its id, which the
 * callback left in @id. */
static char *
run (MbStore            *self,
     const char         *label,
     MbStoreActionFunc   func,
     gpointer            data,
     char              **id,
     GError            **error)
{
  if (!mb_store_run_action (self, label, func, data, error))
    {
      g_clear_pointer (id, g_free);
      return NULL;
    }
  return g_steal_pointer (id);
}

/* strategies */

typedef struct
{
  const char *title;
  const char *scheme_key;
  const char *layout_direction;   /* NULL: the schema's default */
  char       *id;                 /* out */
} CreateStrategy;

static gboolean
create_strategy_cb (MbStore   *store,
                    sqlite3   *db,
                    gpointer   data,
                    GError   **error)
{
  CreateStrategy *op = data;
  const MbScheme *scheme = NULL;
  g_autofree char *now = _mb_store_now ();

  if (!require_text (op->title, _("Title"), error))
    return FALSE;
  if (op->scheme_key != NULL && (scheme = mb_scheme_lookup (op->scheme_key)) == NULL)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   _("There is no level scheme “%s”"), op->scheme_key);
      return FALSE;
    }
  if (op->layout_direction != NULL &&
      !g_strv_contains ((const char *[]) { "top-down", "left-right", NULL }, op->layout_direction))
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID,
                   _("“%s” is not a layout direction"), op->layout_direction);
      return FALSE;
    }

  op->id = mb_store_new_id ();
  if (!_mb_store_exec (db, error,
                       "INSERT INTO strategies (id, title, scheme, position, created, modified)"
                       " VALUES (?, ?, ?, (SELECT coalesce(max(position) + 1, 0) FROM strategies),"
                       " ?, ?)", "sssss",
                       op->id, op->title, scheme ? scheme->key : "custom", now, now))
    return FALSE;
  /* Otherwise the schema's default. */
  if (op->layout_direction != NULL &&
      !_mb_store_exec (db, error, "UPDATE strategies SET layout_direction = ? WHERE id = ?",
                       "ss", op->layout_direction, op->id))
    return FALSE;

  for (guint i = 0; scheme && i < scheme->n_levels; i++)
    {
      g_autofree char *level_id = mb_store_new_id ();

      if (!_mb_store_exec (db, error,
                           "INSERT INTO levels (id, strategy_id, position, name, name_sv, created,"
                           " modified) VALUES (?, ?, ?, ?, ?, ?, ?)", "ssissss",
                           level_id, op->id, (int) i, scheme->levels[i].name,
                           scheme->levels[i].name_sv, now, now))
        return FALSE;
    }
  return TRUE;
}

char *
mb_store_create_strategy (MbStore     *self,
                          const char  *title,
                          const char  *scheme_key,
                          GError     **error)
{
  return mb_store_create_strategy_full (self, title, scheme_key, NULL, error);
}

char *
mb_store_create_strategy_full (MbStore     *self,
                               const char  *title,
                               const char  *scheme_key,
                               const char  *layout_direction,
                               GError     **error)
{
  CreateStrategy op = { .title = title, .scheme_key = scheme_key,
                        .layout_direction = layout_direction };

  g_return_val_if_fail (MB_IS_STORE (self), NULL);
  return run (self, _("Add Strategy"), create_strategy_cb, &op, &op.id, error);
}

/* levels */

typedef struct
{
  const char *strategy_id;
  int         position;
  const char *name;
  const char *name_sv;
  char       *id;                 /* out */
} CreateLevel;

static gboolean
create_level_cb (MbStore   *store,
                 sqlite3   *db,
                 gpointer   data,
                 GError   **error)
{
  CreateLevel *op = data;
  g_autofree char *now = _mb_store_now ();
  int n;

  if (!require_entity (db, "strategies", op->strategy_id, error) ||
      !require_text (op->name, _("Name"), error))
    return FALSE;

  n = (int) _mb_store_query_int (db, "SELECT count(*) FROM levels WHERE strategy_id = ?",
                                 "s", op->strategy_id);
  if (op->position < 0 || op->position > n)
    op->position = n;
  /* Renumber downward first so positions stay distinct at every step. */
  if (!_mb_store_exec (db, error,
                       "UPDATE levels SET position = position + 1, modified = ?"
                       " WHERE strategy_id = ? AND position >= ?", "ssi", now, op->strategy_id, op->position))
    return FALSE;

  op->id = mb_store_new_id ();
  return _mb_store_exec (db, error,
                         "INSERT INTO levels (id, strategy_id, position, name, name_sv, created,"
                         " modified) VALUES (?, ?, ?, ?, ?, ?, ?)", "ssissss",
                         op->id, op->strategy_id, op->position, op->name, op->name_sv, now, now);
}

char *
mb_store_create_level (MbStore     *self,
                       const char  *strategy_id,
                       int          position,
                       const char  *name,
                       const char  *name_sv,
                       GError     **error)
{
  CreateLevel op = { .strategy_id = strategy_id, .name = name, .name_sv = name_sv, .position = position };

  g_return_val_if_fail (MB_IS_STORE (self), NULL);
  return run (self, _("Add Level"), create_level_cb, &op, &op.id, error);
}

/* nodes */

typedef struct
{
  const char *strategy_id;
  const char *parent_id;
  const char *level_id;
  const char *title;
  char       *id;                 /* out */
} CreateNode;

static gboolean
create_node_cb (MbStore   *store,
                sqlite3   *db,
                gpointer   data,
                GError   **error)
{
  CreateNode *op = data;
  g_autofree char *now = _mb_store_now ();

  if (!require_entity (db, "strategies", op->strategy_id, error) ||
      !check_level_in_scheme (db, op->strategy_id, op->level_id, error) ||
      !check_parent (db, op->strategy_id, NULL, op->parent_id, error) ||
      !require_text (op->title, _("Title"), error))
    return FALSE;

  op->id = mb_store_new_id ();
  return _mb_store_exec (db, error,
                         "INSERT INTO nodes (id, strategy_id, level_id, parent_id, position, title,"
                         " created, modified) VALUES (?1, ?2, ?3, ?4,"
                         " (SELECT coalesce(max(position) + 1, 0) FROM nodes"
                         "  WHERE strategy_id = ?2 AND parent_id IS ?4), ?5, ?6, ?6)",
                         "ssssss", op->id, op->strategy_id, op->level_id, op->parent_id, op->title, now);
}

char *
mb_store_create_node (MbStore     *self,
                      const char  *strategy_id,
                      const char  *parent_id,
                      const char  *level_id,
                      const char  *title,
                      GError     **error)
{
  CreateNode op = { .strategy_id = strategy_id, .parent_id = parent_id, .level_id = level_id, .title = title };

  g_return_val_if_fail (MB_IS_STORE (self), NULL);
  return run (self, _("Add Node"), create_node_cb, &op, &op.id, error);
}

/* Places @node_id at @position among the children of @parent_id, shifting
 * only the siblings whose position changes (fewer rows in the undo log). */
static gboolean
place_node (sqlite3     *db,
            const char  *node_id,
            const char  *strategy_id,
            const char  *parent_id,
            int          position,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) siblings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *now = _mb_store_now ();

  stmt = _mb_store_prepare (db,
                            "SELECT id FROM nodes WHERE strategy_id = ? AND parent_id IS ?"
                            " AND id <> ? ORDER BY position, id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, strategy_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, parent_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, node_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (siblings, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));

  if (position < 0 || (guint) position > siblings->len)
    position = siblings->len;
  g_ptr_array_insert (siblings, position, g_strdup (node_id));

  if (!_mb_store_exec (db, error,
                       "UPDATE nodes SET parent_id = ?, modified = ? WHERE id = ?"
                       " AND parent_id IS NOT ?", "ssss", parent_id, now, node_id, parent_id))
    return FALSE;
  for (guint i = 0; i < siblings->len; i++)
    if (!_mb_store_exec (db, error,
                         "UPDATE nodes SET position = ?, modified = ? WHERE id = ?"
                         " AND position <> ?", "issi", (int) i, now,
                         (char *) siblings->pdata[i], (int) i))
      return FALSE;
  return TRUE;
}

typedef struct
{
  const char *node_id;
  const char *parent_id;
  int         position;
} MoveNode;

static gboolean
move_node_cb (MbStore   *store,
              sqlite3   *db,
              gpointer   data,
              GError   **error)
{
  MoveNode *op = data;
  g_autofree char *strategy_id = NULL;

  if (!require_entity (db, "nodes", op->node_id, error))
    return FALSE;
  strategy_id = _mb_store_query_text (db, "SELECT strategy_id FROM nodes WHERE id = ?",
                                      "s", op->node_id);
  if (!check_parent (db, strategy_id, op->node_id, op->parent_id, error))
    return FALSE;
  return place_node (db, op->node_id, strategy_id, op->parent_id, op->position, error);
}

gboolean
mb_store_move_node (MbStore     *self,
                    const char  *node_id,
                    const char  *new_parent_id,
                    int          position,
                    GError     **error)
{
  MoveNode op = { .node_id = node_id, .parent_id = new_parent_id, .position = position };
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (MB_IS_STORE (self), FALSE);

  title = entity_title (mb_store_get_db (self), "nodes", node_id);
  label = g_strdup_printf (_("Move “%s”"), title ? title : "");
  return mb_store_run_action (self, label, move_node_cb, &op, error);
}

/* One wording for one node and for several, so that the undo label and its
 * translation are the same whichever call placed it. */
static const char *
pin_label (gboolean pinned,
           guint    n)
{
  return pinned ? g_dngettext (GETTEXT_PACKAGE, "Place Node", "Place Nodes", n)
                : g_dngettext (GETTEXT_PACKAGE, "Unpin Node", "Unpin Nodes", n);
}

typedef struct
{
  const char *node_id;
  gboolean    pinned;
  double      x, y;
} PinNode;

static gboolean
pin_node_cb (MbStore   *store,
             sqlite3   *db,
             gpointer   data,
             GError   **error)
{
  PinNode *op = data;
  g_autofree char *now = _mb_store_now ();

  if (!require_entity (db, "nodes", op->node_id, error))
    return FALSE;
  if (op->pinned && (!isfinite (op->x) || !isfinite (op->y)))
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_RANGE,
                   _("A node’s position must be a finite number"));
      return FALSE;
    }
  return _mb_store_exec (db, error, "UPDATE nodes SET x = ?, y = ?, modified = ? WHERE id = ?",
                         "ddss", op->pinned ? op->x : NAN, op->pinned ? op->y : NAN, now,
                         op->node_id);
}

gboolean
mb_store_pin_node (MbStore     *self,
                   const char  *node_id,
                   gboolean     pinned,
                   double       x,
                   double       y,
                   GError     **error)
{
  PinNode op = { .node_id = node_id, .pinned = pinned, .x = x, .y = y };

  g_return_val_if_fail (MB_IS_STORE (self), FALSE);
  return mb_store_run_action (self, pin_label (pinned, 1), pin_node_cb, &op, error);
}

typedef struct
{
  const char * const *node_ids;
  const double       *xs;
  const double       *ys;
} PinNodes;

static gboolean
pin_nodes_cb (MbStore   *store,
              sqlite3   *db,
              gpointer   user_data,
              GError   **error)
{
  PinNodes *pin = user_data;
  g_autofree char *now = _mb_store_now ();

  for (guint i = 0; pin->node_ids[i] != NULL; i++)
    {
      double x = pin->xs != NULL ? pin->xs[i] : NAN;
      double y = pin->ys != NULL ? pin->ys[i] : NAN;

      if (pin->xs != NULL && (!isfinite (x) || !isfinite (y)))
        {
          g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_RANGE,
                       _("A node’s position must be a finite number"));
          return FALSE;
        }
      if (_mb_store_query_int (db, "SELECT count(*) FROM nodes WHERE id = ?",
                               "s", pin->node_ids[i]) == 0)
        {
          g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                       _("There is no node with the id “%s”"), pin->node_ids[i]);
          return FALSE;
        }
      if (!_mb_store_exec (db, error, "UPDATE nodes SET x = ?, y = ?, modified = ? WHERE id = ?",
                           "ddss", x, y, now, pin->node_ids[i]))
        return FALSE;
    }

  return TRUE;
}

gboolean
mb_store_pin_nodes (MbStore            *self,
                    const char * const *node_ids,
                    const double       *xs,
                    const double       *ys,
                    GError            **error)
{
  PinNodes pin = { node_ids, xs, ys };
  guint n;

  g_return_val_if_fail (MB_IS_STORE (self), FALSE);
  g_return_val_if_fail (node_ids != NULL, FALSE);
  g_return_val_if_fail ((xs == NULL) == (ys == NULL), FALSE);

  n = g_strv_length ((GStrv) node_ids);
  if (n == 0)
    return TRUE;

  return mb_store_run_action (self, pin_label (xs != NULL, n), pin_nodes_cb, &pin, error);
}

/* @node_ids as a JSON array, for json_each() in a query. */
static char *
ids_to_json (const char * const *node_ids)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; node_ids[i] != NULL; i++)
    json_builder_add_string_value (builder, node_ids[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

gboolean
mb_store_describe_nodes_deletion (MbStore            *self,
                                  const char * const *node_ids,
                                  MbNodeDeletion     *out,
                                  GError            **error)
{
  sqlite3 *db;
  /* The subtrees of all of them, a node below two of them counted once. */
  const char *subtree =
    "WITH RECURSIVE sub (id) AS (SELECT value FROM json_each (?1) UNION"
    "  SELECT n.id FROM nodes n JOIN sub ON n.parent_id = sub.id) ";
  g_autofree char *json = NULL;
  g_autofree char *links = NULL;
  g_autofree char *attachments = NULL;
  g_autofree char *descendants = NULL;

  g_return_val_if_fail (MB_IS_STORE (self), FALSE);
  g_return_val_if_fail (node_ids != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  db = mb_store_get_db (self);
  for (guint i = 0; node_ids[i] != NULL; i++)
    if (!require_entity (db, "nodes", node_ids[i], error))
      return FALSE;

  json = ids_to_json (node_ids);
  descendants = g_strconcat (subtree, "SELECT count(*) FROM sub"
                             " WHERE id NOT IN (SELECT value FROM json_each (?1))", NULL);
  links = g_strconcat (subtree,
                       "SELECT count(*) FROM links WHERE from_node_id IN (SELECT id FROM sub)"
                       " OR to_node_id IN (SELECT id FROM sub)", NULL);
  attachments = g_strconcat (subtree, "SELECT "
                             "(SELECT count(*) FROM node_indicators WHERE node_id IN sub) +"
                             "(SELECT count(*) FROM node_tags WHERE node_id IN sub) +"
                             "(SELECT count(*) FROM node_territories WHERE node_id IN sub) +"
                             "(SELECT count(*) FROM project_nodes WHERE node_id IN sub) +"
                             "(SELECT count(*) FROM call_nodes WHERE node_id IN sub)", NULL);
  out->n_descendants = (guint) _mb_store_query_int (db, descendants, "s", json);
  out->n_links = (guint) _mb_store_query_int (db, links, "s", json);
  out->n_attachments = (guint) _mb_store_query_int (db, attachments, "s", json);
  return TRUE;
}

gboolean
mb_store_describe_node_deletion (MbStore         *self,
                                 const char      *node_id,
                                 MbNodeDeletion  *out,
                                 GError         **error)
{
  g_return_val_if_fail (node_id != NULL, FALSE);

  return mb_store_describe_nodes_deletion (self, (const char *[]) { node_id, NULL }, out,
                                           error);
}

/* links */

static gboolean
validate_link_kind (const char  *kind,
                    GError     **error)
{
  if (g_strv_contains ((const char *[]) { "contributes-to", "conflicts-with", "depends-on",
                                          NULL }, kind))
    return TRUE;
  g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID,
               _("“%s” is not a kind of link"), kind);
  return FALSE;
}

typedef struct
{
  const char *from_node_id;
  const char *to_node_id;
  const char *kind;
  char       *id;                 /* out */
} CreateLink;

static gboolean
create_link_cb (MbStore   *store,
                sqlite3   *db,
                gpointer   data,
                GError   **error)
{
  CreateLink *op = data;
  const char *kind = op->kind ? op->kind : "contributes-to";
  g_autofree char *now = _mb_store_now ();

  if (!require_entity (db, "nodes", op->from_node_id, error) ||
      !require_entity (db, "nodes", op->to_node_id, error) ||
      !validate_link_kind (kind, error) ||
      !check_no_cycle (db, op->from_node_id, op->to_node_id, kind, error))
    return FALSE;
  if (_mb_store_query_int (db, "SELECT count(*) FROM links WHERE from_node_id = ?"
                               " AND to_node_id = ? AND kind = ?", "sss", op->from_node_id, op->to_node_id, kind))
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DUPLICATE,
                   _("These nodes are already linked this way"));
      return FALSE;
    }

  op->id = mb_store_new_id ();
  return _mb_store_exec (db, error,
                         "INSERT INTO links (id, from_node_id, to_node_id, kind, created, modified)"
                         " VALUES (?, ?, ?, ?, ?, ?)", "ssssss",
                         op->id, op->from_node_id, op->to_node_id, kind, now, now);
}

char *
mb_store_create_link (MbStore     *self,
                      const char  *from_node_id,
                      const char  *to_node_id,
                      const char  *kind,
                      GError     **error)
{
  CreateLink op = { .from_node_id = from_node_id, .to_node_id = to_node_id, .kind = kind };

  g_return_val_if_fail (MB_IS_STORE (self), NULL);
  return run (self, _("Add Link"), create_link_cb, &op, &op.id, error);
}

/* indicators, targets, measurements */

typedef struct
{
  const char *strategy_id;
  const char *title;
  const char *reference;
  char       *id;                 /* out */
} CreateIndicator;

static gboolean
create_indicator_cb (MbStore   *store,
                     sqlite3   *db,
                     gpointer   data,
                     GError   **error)
{
  CreateIndicator *op = data;
  g_autofree char *now = _mb_store_now ();

  if ((op->strategy_id && !require_entity (db, "strategies", op->strategy_id, error)) ||
      !require_text (op->title, _("Title"), error))
    return FALSE;

  op->id = mb_store_new_id ();
  return _mb_store_exec (db, error,
                         "INSERT INTO indicators (id, strategy_id, title, reference, created,"
                         " modified) VALUES (?, ?, ?, ?, ?, ?)", "ssssss",
                         op->id, op->strategy_id, op->title, _mb_text_is_blank (op->reference) ? NULL : op->reference, now, now);
}

char *
mb_store_create_indicator (MbStore     *self,
                           const char  *strategy_id,
                           const char  *title,
                           const char  *reference,
                           GError     **error)
{
  CreateIndicator op = { .strategy_id = strategy_id, .title = title, .reference = reference };

  g_return_val_if_fail (MB_IS_STORE (self), NULL);
  return run (self, _("Add Indicator"), create_indicator_cb, &op, &op.id, error);
}

static gboolean
check_year (int          year,
            const char  *field,
            GError     **error)
{
  if (year >= 1900 && year <= 2200)
    return TRUE;
  g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_RANGE,
               _("%s: %d is not a year between 1900 and 2200"), field, year);
  return FALSE;
}

static gboolean
check_finite (double       value,
              const char  *field,
              GError     **error)
{
  if (isfinite (value))
    return TRUE;
  g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_RANGE,
               _("%s must be a finite number"), field);
  return FALSE;
}

/* Targets of adopted strategies.
 *
 * An adopted strategy's targets are a decision of its owner: changing,
 * adding or removing one takes a reason, and the earlier value stays in
 * target_history with the reason and the date, shown on the indicator page
 * and in its chart. A draft (or archived) strategy's targets are still being
 * worked out: they change freely, need no reason and keep no history. An
 * indicator belongs to an adopted strategy through its own strategy or
 * through any goal it is attached to. */

gboolean
_mb_store_target_is_adopted (sqlite3    *db,
                             const char *indicator_id)
{
  return _mb_store_query_int (db,
    "SELECT EXISTS (SELECT 1 FROM indicators i JOIN strategies s ON s.id = i.strategy_id"
    "  WHERE i.id = ?1 AND s.status = 'adopted')"
    " OR EXISTS (SELECT 1 FROM node_indicators ni JOIN nodes n ON n.id = ni.node_id"
    "  JOIN strategies s ON s.id = n.strategy_id"
    "  WHERE ni.indicator_id = ?1 AND s.status = 'adopted')", "s", indicator_id) > 0;
}

gboolean
_mb_store_record_target_change (sqlite3     *db,
                                const char  *indicator_id,
                                int          year,
                                double       earlier,
                                const char  *kind,
                                const char  *reason,
                                GError     **error)
{
  g_autofree char *id = mb_store_new_id ();
  g_autofree char *now = _mb_store_now ();
  g_autofree char *trimmed = g_strstrip (g_strdup (reason));

  /* 'd' binds NAN as NULL: the change added the target. */
  return _mb_store_exec (db, error,
                         "INSERT INTO target_history (id, indicator_id, year, value, reason,"
                         " changed, kind, created, modified) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                         " ?6, ?6)", "ssidsss",
                         id, indicator_id, year, earlier, trimmed, now, kind);
}

/* Before the target of @indicator_id's @year changes from @earlier (NAN:
 * there was none): for an adopted strategy, refuses without a @reason and
 * otherwise keeps @earlier in the history as @kind, with the reason. For a
 * strategy not adopted, nothing: no reason needed, no history kept. */
static gboolean
keep_earlier_target (sqlite3     *db,
                     const char  *indicator_id,
                     int          year,
                     double       earlier,
                     const char  *kind,
                     const char  *reason,
                     GError     **error)
{
  if (!_mb_store_target_is_adopted (db, indicator_id))
    return TRUE;
  if (_mb_text_is_blank (reason))
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED,
                   _("The target for %d belongs to an adopted strategy: changing or removing it "
                     "needs a reason"), year);
      return FALSE;
    }
  return _mb_store_record_target_change (db, indicator_id, year, earlier, kind, reason, error);
}

/* The target @target_id changes in a way that gives no reason
 * (mb_store_delete(), mb_store_set_field()): refused if it is adopted. */
static gboolean
refuse_target_without_reason (sqlite3     *db,
                              const char  *target_id,
                              GError     **error)
{
  g_autofree char *indicator = _mb_store_query_text (db, "SELECT indicator_id FROM"
                                                         " indicator_targets WHERE id = ?",
                                                     "s", target_id);
  int year = (int) _mb_store_query_int (db, "SELECT year FROM indicator_targets WHERE id = ?",
                                        "s", target_id);

  return keep_earlier_target (db, indicator, year, NAN, NULL, NULL, error);
}

typedef struct
{
  const char *indicator_id;
  int         year;
  double      value;
  const char *reason;             /* NULL: mb_store_set_target(), no reason */
  char       *id;                 /* out */
} SetTarget;

static gboolean
set_target_cb (MbStore   *store,
               sqlite3   *db,
               gpointer   data,
               GError   **error)
{
  SetTarget *op = data;
  g_autofree char *now = _mb_store_now ();
  double earlier = NAN;

  if (!require_entity (db, "indicators", op->indicator_id, error) ||
      !check_year (op->year, _("Target year"), error) ||
      !check_finite (op->value, _("Target value"), error))
    return FALSE;

  op->id = _mb_store_query_text (db, "SELECT id FROM indicator_targets"
                                         " WHERE indicator_id = ? AND year = ?",
                                     "si", op->indicator_id, op->year);
  if (op->id != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = _mb_store_prepare (db, "SELECT value FROM indicator_targets"
                                                            " WHERE id = ?", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, op->id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        earlier = sqlite3_column_double (stmt, 0);
      /* The same value again changes nothing, and needs no reason. */
      if (earlier == op->value)
        return TRUE;
    }

  if (!keep_earlier_target (db, op->indicator_id, op->year, earlier, "changed", op->reason,
                            error))
    return FALSE;

  if (op->id != NULL)
    return _mb_store_exec (db, error,
                           "UPDATE indicator_targets SET value = ?, modified = ?"
                           " WHERE id = ? AND value IS NOT ?1", "dss", op->value, now, op->id);

  op->id = mb_store_new_id ();
  return _mb_store_exec (db, error,
                         "INSERT INTO indicator_targets (id, indicator_id, year, value, created,"
                         " modified) VALUES (?, ?, ?, ?, ?, ?)", "ssidss",
                         op->id, op->indicator_id, op->year, op->value, now, now);
}

char *
mb_store_set_target (MbStore     *self,
                     const char  *indicator_id,
                     int          year,
                     double       value,
                     GError     **error)
{
  return mb_store_set_target_with_reason (self, indicator_id, year, value, NULL, error);
}

char *
mb_store_set_target_with_reason (MbStore     *self,
                                 const char  *indicator_id,
                                 int          year,
                                 double       value,
                                 const char  *reason,
                                 GError     **error)
{
  SetTarget op = { .indicator_id = indicator_id, .year = year, .value = value,
                   .reason = reason };

  g_return_val_if_fail (MB_IS_STORE (self), NULL);
  return run (self, _("Set Target"), set_target_cb, &op, &op.id, error);
}

typedef struct
{
  const char *target_id;
  const char *reason;
} RemoveTarget;

static gboolean
remove_target_cb (MbStore   *store,
                  sqlite3   *db,
                  gpointer   data,
                  GError   **error)
{
  RemoveTarget *op = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *indicator_id = NULL;
  double value;
  int year;

  if (!require_entity (db, "indicator_targets", op->target_id, error) ||
      (stmt = _mb_store_prepare (db, "SELECT indicator_id, year, value FROM indicator_targets"
                                     " WHERE id = ?", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, op->target_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _mb_store_set_sqlite_error (db, sqlite3_errcode (db), error);
      return FALSE;
    }
  indicator_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  year = sqlite3_column_int (stmt, 1);
  value = sqlite3_column_double (stmt, 2);

  if (!keep_earlier_target (db, indicator_id, year, value, "removed", op->reason, error))
    return FALSE;
  return _mb_store_exec (db, error, "DELETE FROM indicator_targets WHERE id = ?", "s",
                         op->target_id);
}

gboolean
mb_store_remove_target (MbStore     *self,
                        const char  *target_id,
                        const char  *reason,
                        GError     **error)
{
  RemoveTarget op = { .target_id = target_id, .reason = reason };
  g_autofree char *label = NULL;
  int year;

  g_return_val_if_fail (MB_IS_STORE (self), FALSE);

  year = (int) _mb_store_query_int (mb_store_get_db (self),
                                    "SELECT year FROM indicator_targets WHERE id = ?", "s",
                                    target_id);
  label = g_strdup_printf (_("Remove Target %d"), year);
  return mb_store_run_action (self, label, remove_target_cb, &op, error);
}

gboolean
mb_store_target_needs_reason (MbStore    *self,
                              const char *indicator_id)
{
  g_return_val_if_fail (MB_IS_STORE (self), FALSE);
  return indicator_id != NULL &&
         _mb_store_target_is_adopted (mb_store_get_db (self), indicator_id);
}

void
mb_target_change_free (MbTargetChange *change)
{
  if (change == NULL)
    return;
  g_free (change->id);
  g_free (change->reason);
  g_free (change->changed);
  g_free (change);
}

GPtrArray *
mb_store_query_target_history (MbStore     *self,
                               const char  *indicator_id,
                               GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) mb_target_change_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MB_IS_STORE (self), NULL);

  stmt = _mb_store_prepare (mb_store_get_db (self),
                            "SELECT id, year, value, reason, changed, kind FROM target_history"
                            " WHERE indicator_id = ? ORDER BY changed DESC, rowid DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, indicator_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MbTargetChange *change = g_new0 (MbTargetChange, 1);

      change->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      change->year = sqlite3_column_int (stmt, 1);
      change->value = sqlite3_column_type (stmt, 2) == SQLITE_NULL
                      ? NAN : sqlite3_column_double (stmt, 2);
      change->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      change->changed = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      change->removed = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 5), "removed") == 0;
      g_ptr_array_add (changes, change);
    }
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (mb_store_get_db (self), rc, error);
      return NULL;
    }
  return g_steal_pointer (&changes);
}

typedef struct
{
  const char *indicator_id;
  const char *period;
  const char *territory_code;
  const char *gender;
  double      value;
  const char *status;
  char       *id;                 /* out */
} RecordMeasurement;

static gboolean
record_measurement_cb (MbStore   *store,
                       sqlite3   *db,
                       gpointer   data,
                       GError   **error)
{
  RecordMeasurement *op = data;
  const char *territory = op->territory_code ? op->territory_code : "0000";
  const char *gender = op->gender ? op->gender : "T";
  g_autofree char *now = _mb_store_now ();
  g_autoptr(GError) field_error = NULL;

  if (!require_entity (db, "indicators", op->indicator_id, error) ||
      !require_text (op->period, _("Period"), error))
    return FALSE;
  /* The rules of the value dialog and the importers, with the field named. */
  if (!mb_measurement_check_period (op->period, &field_error) ||
      !mb_measurement_check_territory (territory, &field_error))
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID, "%s: %s",
                   field_error->code == MB_MEASUREMENT_ERROR_PERIOD ? _("Period") : _("Territory"),
                   field_error->message);
      return FALSE;
    }
  if (!g_strv_contains ((const char *[]) { "T", "K", "M", NULL }, gender))
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID,
                   _("Gender: “%s” is not one of T, K and M"), gender);
      return FALSE;
    }
  if (isinf (op->value))
    return check_finite (op->value, _("Value"), error);

  op->id = _mb_store_query_text (db, "SELECT id FROM measurements WHERE indicator_id = ?"
                                         " AND period = ? AND territory_code = ? AND gender = ?",
                                     "ssss", op->indicator_id, op->period, territory, gender);
  if (op->id != NULL)
    return _mb_store_exec (db, error,
                           "UPDATE measurements SET value = ?, status = ?, modified = ?"
                           " WHERE id = ?", "dsss", op->value, op->status, now, op->id);

  op->id = mb_store_new_id ();
  return _mb_store_exec (db, error,
                         "INSERT INTO measurements (id, indicator_id, period, territory_code,"
                         " gender, value, status, created, modified)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", "sssssdsss",
                         op->id, op->indicator_id, op->period, territory, gender, op->value, op->status, now, now);
}

char *
mb_store_record_measurement (MbStore     *self,
                             const char  *indicator_id,
                             const char  *period,
                             const char  *territory_code,
                             const char  *gender,
                             double       value,
                             const char  *status,
                             GError     **error)
{
  RecordMeasurement op = { .indicator_id = indicator_id, .period = period, .territory_code = territory_code, .gender = gender,
                    .value = value, .status = status };

  g_return_val_if_fail (MB_IS_STORE (self), NULL);
  return run (self, _("Record Value"), record_measurement_cb, &op, &op.id, error);
}

/* projects, calls, organisations */

static gboolean
check_unique_registration (sqlite3     *db,
                           const char  *table,
                           const char  *number,
                           const char  *except_id,
                           GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT title FROM %s WHERE registration_number = ?"
                                          " AND id IS NOT ?", table);
  g_autofree char *other = _mb_store_query_text (db, sql, "ss", number, except_id);

  if (other == NULL)
    return TRUE;
  g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DUPLICATE,
               _("Registration number: “%s” is already used by “%s”"), number, other);
  return FALSE;
}

typedef struct
{
  const char *title;
  const char *registration_number;
  char       *id;                 /* out */
} CreateProject;

static gboolean
create_project_cb (MbStore   *store,
                   sqlite3   *db,
                   gpointer   data,
                   GError   **error)
{
  CreateProject *op = data;
  const char *number = _mb_text_is_blank (op->registration_number) ? NULL : op->registration_number;
  g_autofree char *now = _mb_store_now ();

  if (!require_text (op->title, _("Title"), error) ||
      (number && !check_unique_registration (db, "projects", number, NULL, error)))
    return FALSE;

  op->id = mb_store_new_id ();
  return _mb_store_exec (db, error,
                         "INSERT INTO projects (id, title, registration_number, created, modified)"
                         " VALUES (?, ?, ?, ?, ?)", "sssss", op->id, op->title, number, now, now);
}

char *
mb_store_create_project (MbStore     *self,
                         const char  *title,
                         const char  *registration_number,
                         GError     **error)
{
  CreateProject op = { .title = title, .registration_number = registration_number };

  g_return_val_if_fail (MB_IS_STORE (self), NULL);
  return run (self, _("Add Project"), create_project_cb, &op, &op.id, error);
}

typedef struct
{
  const char *project_id;
  const char *source;
  double      amount;
  char       *id;                 /* out */
} SetProjectFunding;

static gboolean
set_project_funding_cb (MbStore   *store,
                        sqlite3   *db,
                        gpointer   data,
                        GError   **error)
{
  SetProjectFunding *op = data;
  g_autofree char *now = _mb_store_now ();

  if (!require_entity (db, "projects", op->project_id, error) ||
      !require_text (op->source, _("Funding source"), error) ||
      !check_finite (op->amount, _("Amount"), error))
    return FALSE;
  if (op->amount < 0)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_RANGE,
                   _("Amount: %g is negative"), op->amount);
      return FALSE;
    }

  op->id = _mb_store_query_text (db, "SELECT id FROM project_funding"
                                         " WHERE project_id = ? AND source = ?",
                                     "ss", op->project_id, op->source);
  if (op->id != NULL)
    return _mb_store_exec (db, error,
                           "UPDATE project_funding SET amount = ?, modified = ? WHERE id = ?",
                           "dss", op->amount, now, op->id);

  op->id = mb_store_new_id ();
  return _mb_store_exec (db, error,
                         "INSERT INTO project_funding (id, project_id, source, amount, created,"
                         " modified) VALUES (?, ?, ?, ?, ?, ?)", "sssdss",
                         op->id, op->project_id, op->source, op->amount, now, now);
}

char *
mb_store_set_project_funding (MbStore     *self,
                              const char  *project_id,
                              const char  *source,
                              double       amount,
                              GError     **error)
{
  SetProjectFunding op = { .project_id = project_id, .source = source, .amount = amount };

  g_return_val_if_fail (MB_IS_STORE (self), NULL);
  return run (self, _("Set Funding"), set_project_funding_cb, &op, &op.id, error);
}

typedef struct
{
  const char *project_id;
  const char *indicator_id;
  const char *kind;
  int         year;             /* 0: none */
  double      value;
  char       *id;                 /* out */
} AddProjectIndicatorValue;

static gboolean
add_project_indicator_value_cb (MbStore   *store,
                                sqlite3   *db,
                                gpointer   data,
                                GError   **error)
{
  AddProjectIndicatorValue *op = data;
  g_autofree char *now = _mb_store_now ();

  if (!require_entity (db, "projects", op->project_id, error) ||
      !require_entity (db, "indicators", op->indicator_id, error) ||
      (op->year != 0 && !check_year (op->year, _("Year"), error)) ||
      !check_finite (op->value, _("Value"), error))
    return FALSE;
  if (!g_strv_contains ((const char *[]) { "planned", "actual", NULL }, op->kind ? op->kind : ""))
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID,
                   _("“%s” is neither planned nor actual"), op->kind ? op->kind : "");
      return FALSE;
    }

  op->id = mb_store_new_id ();
  return _mb_store_exec (db, error,
                         "INSERT INTO project_indicator_values (id, project_id, indicator_id, kind,"
                         " year, value, created, modified)"
                         " VALUES (?, ?, ?, ?, nullif(?, 0), ?, ?, ?)", "ssssidss",
                         op->id, op->project_id, op->indicator_id, op->kind, op->year, op->value, now, now);
}

char *
mb_store_add_project_indicator_value (MbStore     *self,
                                      const char  *project_id,
                                      const char  *indicator_id,
                                      const char  *kind,
                                      int          year,
                                      double       value,
                                      GError     **error)
{
  AddProjectIndicatorValue op = { .project_id = project_id, .indicator_id = indicator_id, .kind = kind, .year = year, .value = value };

  g_return_val_if_fail (MB_IS_STORE (self), NULL);
  return run (self, _("Add Indicator Value"), add_project_indicator_value_cb, &op, &op.id, error);
}

typedef struct
{
  const char *table;            /* funding_calls or organisations */
  const char *title;            /* a call's title, an organisation's name */
  const char *sector;           /* organisations only; NULL: the default */
  char       *id;                 /* out */
} CreateTitled;

static gboolean
create_titled_cb (MbStore   *store,
                  sqlite3   *db,
                  gpointer   data,
                  GError   **error)
{
  CreateTitled *op = data;
  const char *first = first_column_of (op->table);
  g_autofree char *now = _mb_store_now ();
  g_autofree char *sql = NULL;

  if (!require_text (op->title, g_str_equal (first, "name") ? _("Name") : _("Title"), error))
    return FALSE;

  op->id = mb_store_new_id ();
  if (op->sector != NULL)
    {
      sql = g_strdup_printf ("INSERT INTO %s (id, %s, sector, created, modified)"
                             " VALUES (?, ?, ?, ?, ?)", op->table, first);
      return _mb_store_exec (db, error, sql, "sssss", op->id, op->title, op->sector, now, now);
    }
  sql = g_strdup_printf ("INSERT INTO %s (id, %s, created, modified) VALUES (?, ?, ?, ?)",
                         op->table, first);
  return _mb_store_exec (db, error, sql, "ssss", op->id, op->title, now, now);
}

char *
mb_store_create_call (MbStore     *self,
                      const char  *title,
                      GError     **error)
{
  CreateTitled op = { .table = "funding_calls", .title = title };

  g_return_val_if_fail (MB_IS_STORE (self), NULL);
  return run (self, _("Add Funding Call"), create_titled_cb, &op, &op.id, error);
}

char *
mb_store_create_organisation (MbStore     *self,
                              const char  *name,
                              const char  *sector,
                              GError     **error)
{
  CreateTitled op = { .table = "organisations", .title = name, .sector = sector };

  g_return_val_if_fail (MB_IS_STORE (self), NULL);
  return run (self, _("Add Organisation"), create_titled_cb, &op, &op.id, error);
}

/* delete */

typedef struct
{
  const char *table;
  const char *id;
} Delete;

static gboolean
delete_cb (MbStore   *store,
           sqlite3   *db,
           gpointer   data,
           GError   **error)
{
  Delete *op = data;
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", op->table);
  gint64 users;

  if (!require_entity (db, op->table, op->id, error))
    return FALSE;
  /* The way with a reason is mb_store_remove_target(). */
  if (g_str_equal (op->table, "indicator_targets") &&
      !refuse_target_without_reason (db, op->id, error))
    return FALSE;
  if (g_str_equal (op->table, "levels") &&
      (users = _mb_store_query_int (db, "SELECT count(*) FROM nodes WHERE level_id = ?",
                                    "s", op->id)) > 0)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "The level is used by %d node",
                                "The level is used by %d nodes", (gulong) users), (int) users);
      return FALSE;
    }
  return _mb_store_exec (db, error, sql, "s", op->id);
}

gboolean
mb_store_delete (MbStore     *self,
                 const char  *table,
                 const char  *id,
                 GError     **error)
{
  Delete op = { .table = table, .id = id };
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (MB_IS_STORE (self), FALSE);

  if (!is_entity_table (table))
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   _("There is no kind of entity “%s”"), table ? table : "");
      return FALSE;
    }
  title = entity_title (mb_store_get_db (self), table, id);
  label = g_strdup_printf (_("Delete “%s”"), title ? title : kind_name (table));
  return mb_store_run_action (self, label, delete_cb, &op, error);
}

static gboolean
delete_nodes_cb (MbStore   *store,
                 sqlite3   *db,
                 gpointer   data,
                 GError   **error)
{
  const char * const *node_ids = data;

  for (guint i = 0; node_ids[i] != NULL; i++)
    if (!require_entity (db, "nodes", node_ids[i], error))
      return FALSE;
  /* A node below another one of them has gone with it already. */
  for (guint i = 0; node_ids[i] != NULL; i++)
    if (!_mb_store_exec (db, error, "DELETE FROM nodes WHERE id = ?", "s", node_ids[i]))
      return FALSE;
  return TRUE;
}

gboolean
mb_store_delete_nodes (MbStore            *self,
                       const char * const *node_ids,
                       GError            **error)
{
  g_autoptr(GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *label = NULL;
  guint n;

  g_return_val_if_fail (MB_IS_STORE (self), FALSE);
  g_return_val_if_fail (node_ids != NULL, FALSE);

  for (guint i = 0; node_ids[i] != NULL; i++)
    g_hash_table_add (distinct, (gpointer) node_ids[i]);
  n = g_hash_table_size (distinct);
  if (n == 0)
    return TRUE;
  if (n == 1)
    return mb_store_delete (self, "nodes", node_ids[0], error);

  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u Node", "Delete %u Nodes", n),
                           n);
  return mb_store_run_action (self, label, delete_nodes_cb, (gpointer) node_ids, error);
}

/* set_field */

typedef struct
{
  const char   *table;
  const char   *id;
  const char   *column;
  const GValue *value;
} FieldChange;

/* The column's declared type and whether it is NOT NULL; FALSE if absent. */
static gboolean
column_info (sqlite3     *db,
             const char  *table,
             const char  *column,
             char       **type,
             gboolean    *not_null)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _mb_store_prepare (db, "SELECT type, \"notnull\" FROM pragma_table_info(?)"
                                " WHERE name = ?", NULL);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, column, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  *type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  *not_null = sqlite3_column_int (stmt, 1);
  return TRUE;
}

static char *
field_label (const char *column)
{
  g_autofree char *label = g_strdelimit (g_strdup (column), "_", ' ');

  label[0] = g_ascii_toupper (label[0]);
  return g_steal_pointer (&label);
}

static char *
value_text (const GValue *value)
{
  if (value == NULL || !G_IS_VALUE (value))
    return g_strdup ("");
  if (G_VALUE_HOLDS_STRING (value))
    return g_strdup (g_value_get_string (value) ?: "");
  return g_strdup_value_contents (value);
}

/* Binds @value as the column's type; string input is parsed for numeric
 * columns, and an empty string means NULL. */
static gboolean
bind_field (sqlite3_stmt  *stmt,
            int            index,
            const char    *type,
            const char    *label,
            const GValue  *value,
            GError       **error)
{
  gboolean is_int = g_str_equal (type, "INTEGER");
  gboolean is_real = g_str_equal (type, "REAL");

  if (value == NULL || !G_IS_VALUE (value))
    return sqlite3_bind_null (stmt, index) == SQLITE_OK;

  switch (G_VALUE_TYPE (value))
    {
    case G_TYPE_STRING:
      {
        const char *s = g_value_get_string (value);
        gint64 n;
        double d;
        char *end = NULL;

        if (s == NULL || *s == '\0')
          sqlite3_bind_null (stmt, index);
        else if (is_int)
          {
            if (!g_ascii_string_to_signed (s, 10, G_MININT64, G_MAXINT64, &n, NULL))
              goto not_a_number;
            sqlite3_bind_int64 (stmt, index, n);
          }
        else if (is_real)
          {
            d = g_ascii_strtod (s, &end);
            if (end == s || *end != '\0' || !isfinite (d))
              goto not_a_number;
            sqlite3_bind_double (stmt, index, d);
          }
        else
          sqlite3_bind_text (stmt, index, s, -1, SQLITE_TRANSIENT);
        return TRUE;

      not_a_number:
        g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID,
                     _("%s: “%s” is not a number"), label, s);
        return FALSE;
      }
    case G_TYPE_BOOLEAN:
      sqlite3_bind_int (stmt, index, g_value_get_boolean (value));
      return TRUE;
    case G_TYPE_INT:
      sqlite3_bind_int (stmt, index, g_value_get_int (value));
      return TRUE;
    case G_TYPE_UINT:
      sqlite3_bind_int64 (stmt, index, g_value_get_uint (value));
      return TRUE;
    case G_TYPE_INT64:
      sqlite3_bind_int64 (stmt, index, g_value_get_int64 (value));
      return TRUE;
    case G_TYPE_DOUBLE:
      if (!isfinite (g_value_get_double (value)))
        {
          g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_RANGE,
                       _("%s must be a finite number"), label);
          return FALSE;
        }
      sqlite3_bind_double (stmt, index, g_value_get_double (value));
      return TRUE;
    default:
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID,
                   _("%s: a value of type %s cannot be stored"), label,
                   G_VALUE_TYPE_NAME (value));
      return FALSE;
    }
}

static gboolean
set_field_cb (MbStore   *store,
              sqlite3   *db,
              gpointer   data,
              GError   **error)
{
  FieldChange *change = data;
  g_autofree char *type = NULL;
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *now = _mb_store_now ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean not_null = FALSE;
  int rc;

  if (!require_entity (db, change->table, change->id, error))
    return FALSE;
  label = field_label (change->column);
  if (g_strv_contains ((const char *[]) { "id", "created", "modified", NULL }, change->column) ||
      !column_info (db, change->table, change->column, &type, &not_null))
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   _("A %s has no field “%s” that can be changed"),
                   kind_name (change->table), change->column);
      return FALSE;
    }
  text = value_text (change->value);

  /* Fields whose rules SQL does not express. */
  if (g_str_equal (change->table, "nodes"))
    {
      g_autofree char *strategy_id = _mb_store_query_text (db, "SELECT strategy_id FROM nodes"
                                                               " WHERE id = ?", "s", change->id);

      if (g_str_equal (change->column, "strategy_id"))
        {
          g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID,
                       _("A node cannot be moved to another strategy; copy it instead"));
          return FALSE;
        }
      if (g_str_equal (change->column, "level_id") &&
          !check_level_in_scheme (db, strategy_id, *text ? text : NULL, error))
        return FALSE;
      if (g_str_equal (change->column, "parent_id"))
        {
          const char *parent = *text ? text : NULL;

          return check_parent (db, strategy_id, change->id, parent, error) &&
                 place_node (db, change->id, strategy_id, parent, -1, error);
        }
      if (g_str_equal (change->column, "position"))
        {
          g_autofree char *parent = _mb_store_query_text (db, "SELECT parent_id FROM nodes"
                                                              " WHERE id = ?", "s", change->id);
          gint64 position;

          if (!g_ascii_string_to_signed (text, 10, 0, G_MAXINT, &position, NULL))
            {
              g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_RANGE,
                           _("%s: “%s” is not a position"), label, text);
              return FALSE;
            }
          return place_node (db, change->id, strategy_id, parent, (int) position, error);
        }
    }
  /* An adopted strategy's target changes only with a reason, through
   * mb_store_set_target_with_reason() or mb_store_remove_target(). */
  if (g_str_equal (change->table, "indicator_targets") &&
      g_strv_contains ((const char *[]) { "indicator_id", "year", "value", NULL },
                       change->column) &&
      !refuse_target_without_reason (db, change->id, error))
    return FALSE;
  /* An open end is not when anything is in operation. */
  if (g_str_equal (change->table, "nodes") && g_str_equal (change->column, "end_date") &&
      *text == '\0' &&
      !_mb_store_exec (db, error, "UPDATE nodes SET in_operation = 0, modified = ?"
                                  " WHERE id = ? AND in_operation <> 0", "ss", now, change->id))
    return FALSE;
  if (g_str_equal (change->table, "strategies") && g_str_equal (change->column, "parent_id") &&
      !_mb_store_check_strategy_parent (db, change->id, *text ? text : NULL, error))
    return FALSE;
  if (g_str_equal (change->table, "levels") &&
      g_strv_contains ((const char *[]) { "strategy_id", "position", NULL }, change->column))
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID,
                   _("A level cannot be moved this way"));
      return FALSE;
    }
  if (g_str_equal (change->column, "registration_number") && *text &&
      !check_unique_registration (db, change->table, text, change->id, error))
    return FALSE;
  if (not_null && (change->value == NULL || !G_IS_VALUE (change->value) || _mb_text_is_blank (text)))
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED, _("%s is required"), label);
      return FALSE;
    }

  sql = g_strdup_printf ("UPDATE %s SET %s = ?1, modified = ?2 WHERE id = ?3 AND %s IS NOT ?1",
                         change->table, change->column, change->column);
  if ((stmt = _mb_store_prepare (db, sql, error)) == NULL ||
      !bind_field (stmt, 1, type, label, change->value, error))
    return FALSE;
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, change->id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      /* Name the field and the value rather than SQLite's expression. */
      _mb_store_set_sqlite_error (db, rc, &local_error);
      if (g_error_matches (local_error, MB_STORE_ERROR, MB_STORE_ERROR_RANGE))
        g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_RANGE,
                     _("%s: “%s” is out of range"), label, text);
      else if (g_error_matches (local_error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID))
        g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID,
                     _("%s: “%s” is not allowed"), label, text);
      else if (g_error_matches (local_error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED))
        g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED, _("%s is required"), label);
      else if (g_error_matches (local_error, MB_STORE_ERROR, MB_STORE_ERROR_DUPLICATE))
        g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DUPLICATE,
                     _("%s: “%s” is already used"), label, text);
      else if (g_error_matches (local_error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND))
        g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                     _("%s: “%s” does not exist"), label, text);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Adopting a strategy keeps the version adopted (issue 16), in the same
   * step: undo takes back both. */
  if (g_str_equal (change->table, "strategies") && g_str_equal (change->column, "status") &&
      g_str_equal (text, "adopted") && sqlite3_changes (db) > 0 &&
      !_mb_revision_take_on_adoption (db, change->id, error))
    return FALSE;

  if (g_str_equal (change->table, "links") &&
      g_strv_contains ((const char *[]) { "from_node_id", "to_node_id", "kind", NULL },
                       change->column))
    {
      g_autofree char *from = _mb_store_query_text (db, "SELECT from_node_id FROM links"
                                                        " WHERE id = ?", "s", change->id);
      g_autofree char *to = _mb_store_query_text (db, "SELECT to_node_id FROM links"
                                                      " WHERE id = ?", "s", change->id);
      g_autofree char *kind = _mb_store_query_text (db, "SELECT kind FROM links WHERE id = ?",
                                                    "s", change->id);

      /* The link itself now runs from → to, so a path back closes a circle. */
      if (g_strcmp0 (kind, "contributes-to") == 0 && contributes_reach (db, to, from))
        {
          g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_CYCLE,
                       _("The link would make a circle of contributions"));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
mb_store_set_field (MbStore       *self,
                    const char    *table,
                    const char    *id,
                    const char    *column,
                    const GValue  *value,
                    GError       **error)
{
  FieldChange change = { table, id, column, value };
  g_autofree char *field = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (MB_IS_STORE (self), FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  if (!is_entity_table (table))
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   _("There is no kind of entity “%s”"), table ? table : "");
      return FALSE;
    }
  field = field_label (column);
  label = g_strdup_printf (_("Change %s"), field);
  return mb_store_run_action (self, label, set_field_cb, &change, error);
}

typedef struct
{
  const char *node_id;
  const char *end;
  gboolean    in_operation;
} NodeEnd;

static gboolean
set_node_end_cb (MbStore   *store,
                 sqlite3   *db,
                 gpointer   data,
                 GError   **error)
{
  const NodeEnd *change = data;
  g_autofree char *now = _mb_store_now ();
  MbPeriod period;

  if (!require_entity (db, "nodes", change->node_id, error))
    return FALSE;
  if (change->end != NULL)
    {
      g_autofree char *stored = NULL;

      /* The stored form only: what is typed is the caller's to read. */
      if (mb_period_parse (change->end, &period, NULL))
        stored = mb_period_to_string (&period);
      if (g_strcmp0 (stored, change->end) != 0)
        {
          g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID,
                       _("End: “%s” is not a period such as 2021-10"), change->end);
          return FALSE;
        }
    }
  return _mb_store_exec (db, error,
                         "UPDATE nodes SET end_date = ?1, in_operation = ?2, modified = ?3"
                         " WHERE id = ?4 AND (end_date IS NOT ?1 OR in_operation IS NOT ?2)",
                         "siss", change->end, change->end != NULL && change->in_operation,
                         now, change->node_id);
}

gboolean
mb_store_set_node_end (MbStore     *self,
                       const char  *node_id,
                       const char  *end,
                       gboolean     in_operation,
                       GError     **error)
{
  NodeEnd change = { node_id, end && *end ? end : NULL, in_operation };

  g_return_val_if_fail (MB_IS_STORE (self), FALSE);

  return mb_store_run_action (self, _("Change End"), set_node_end_cb, &change, error);
}

/* relations */

static const struct {
  const char *table;
  const char *column_a, *table_a;
  const char *column_b, *table_b;   /* table_b NULL: a value, not a reference */
  const char *label_relate;
  const char *label_unrelate;
} relations[] = {
  [MB_RELATION_NODE_INDICATOR] = { "node_indicators", "node_id", "nodes",
                                   "indicator_id", "indicators",
                                   N_("Attach Indicator"), N_("Detach Indicator") },
  [MB_RELATION_NODE_TAG] = { "node_tags", "node_id", "nodes", "tag", NULL,
                             N_("Add Tag"), N_("Remove Tag") },
  [MB_RELATION_NODE_TERRITORY] = { "node_territories", "node_id", "nodes",
                                   "territory_code", NULL,
                                   N_("Add Territory"), N_("Remove Territory") },
  [MB_RELATION_PROJECT_NODE] = { "project_nodes", "project_id", "projects", "node_id", "nodes",
                                 N_("Link Project"), N_("Unlink Project") },
  [MB_RELATION_CALL_NODE] = { "call_nodes", "call_id", "funding_calls", "node_id", "nodes",
                              N_("Link Funding Call"), N_("Unlink Funding Call") },
  [MB_RELATION_PROJECT_CALL] = { "project_calls", "project_id", "projects",
                                 "call_id", "funding_calls",
                                 N_("Link Project to Call"), N_("Unlink Project from Call") },
  [MB_RELATION_PROJECT_PARTNER] = { "project_partners", "project_id", "projects",
                                    "organisation_id", "organisations",
                                    N_("Add Partner"), N_("Remove Partner") },
};

typedef struct
{
  MbRelation  relation;
  const char *a;
  const char *b;
  gboolean    remove;           /* unrelate */
} Relate;

static gboolean
relate_cb (MbStore   *store,
           sqlite3   *db,
           gpointer   data,
           GError   **error)
{
  Relate *op = data;
  MbRelation rel = op->relation;
  g_autofree char *exists = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s = ? AND %s = ?",
                                             relations[rel].table, relations[rel].column_a,
                                             relations[rel].column_b);
  g_autofree char *sql = NULL;
  g_autofree char *field = field_label (relations[rel].column_b);
  gboolean present;

  if (!require_entity (db, relations[rel].table_a, op->a, error) ||
      (relations[rel].table_b && !require_entity (db, relations[rel].table_b, op->b, error)) ||
      !require_text (op->b, field, error))
    return FALSE;

  present = _mb_store_query_int (db, exists, "ss", op->a, op->b) > 0;
  if (!op->remove)
    {
      if (present)
        {
          g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DUPLICATE,
                       _("“%s” is already there"), op->b);
          return FALSE;
        }
      sql = g_strdup_printf ("INSERT INTO %s (%s, %s) VALUES (?, ?)", relations[rel].table,
                             relations[rel].column_a, relations[rel].column_b);
    }
  else
    {
      if (!present)
        {
          g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                       _("“%s” is not there"), op->b);
          return FALSE;
        }
      sql = g_strdup_printf ("DELETE FROM %s WHERE %s = ? AND %s = ?", relations[rel].table,
                             relations[rel].column_a, relations[rel].column_b);
    }
  if (rel == MB_RELATION_NODE_TERRITORY && !op->remove && !mb_territory_code_is_valid (op->b))
    {
      g_autofree char *shown = _mb_text_shown (op->b);

      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID,
                   _("“%s” is not a valid %s"), shown, _("territory code"));
      return FALSE;
    }
  if (!_mb_store_exec (db, error, sql, "ss", op->a, op->b))
    {
      /* Tags and territory codes have a form, checked by the schema. */
      if (g_error_matches (*error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID))
        {
          g_clear_error (error);
          g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID,
                       _("“%s” is not a valid %s"), op->b,
                       rel == MB_RELATION_NODE_TAG ? _("tag") : _("territory code"));
        }
      return FALSE;
    }
  return TRUE;
}

static gboolean
relate (MbStore     *self,
        MbRelation   relation,
        const char  *a,
        const char  *b,
        gboolean     remove,
        GError     **error)
{
  Relate op = { .a = a, .b = b, .relation = relation, .remove = remove };

  g_return_val_if_fail (MB_IS_STORE (self), FALSE);
  g_return_val_if_fail ((guint) relation < G_N_ELEMENTS (relations), FALSE);

  return mb_store_run_action (self,
                              _(remove ? relations[relation].label_unrelate
                                       : relations[relation].label_relate),
                              relate_cb, &op, error);
}

gboolean
mb_store_relate (MbStore     *self,
                 MbRelation   relation,
                 const char  *a,
                 const char  *b,
                 GError     **error)
{
  return relate (self, relation, a, b, FALSE, error);
}

gboolean
mb_store_unrelate (MbStore     *self,
                   MbRelation   relation,
                   const char  *a,
                   const char  *b,
                   GError     **error)
{
  return relate (self, relation, a, b, TRUE, error);
}

/* paste */

typedef struct
{
  const char         *strategy_id;
  const char         *parent_id;
  const char * const *node_ids;
  GStrv               new_ids;
} Paste;

static gboolean
paste_cb (MbStore   *store,
          sqlite3   *db,
          gpointer   data,
          GError   **error)
{
  Paste *paste = data;
  g_autoptr(GHashTable) map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *now = _mb_store_now ();
  guint n = g_strv_length ((char **) paste->node_ids);

  if (!require_entity (db, "strategies", paste->strategy_id, error) ||
      !check_parent (db, paste->strategy_id, NULL, paste->parent_id, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (!require_entity (db, "nodes", paste->node_ids[i], error))
        return FALSE;
      g_hash_table_insert (map, g_strdup (paste->node_ids[i]), mb_store_new_id ());
    }

  /* Parents before children: a copied node goes under its copied parent. */
  for (guint done = 0, pass = 0; done < n && pass <= n; pass++)
    for (guint i = 0; i < n; i++)
      {
        const char *old_id = paste->node_ids[i];
        const char *new_id = g_hash_table_lookup (map, old_id);
        g_autofree char *old_parent = NULL;
        g_autofree char *level_id = NULL;
        const char *parent;

        if (_mb_store_query_int (db, "SELECT count(*) FROM nodes WHERE id = ?", "s", new_id))
          continue;
        old_parent = _mb_store_query_text (db, "SELECT parent_id FROM nodes WHERE id = ?",
                                           "s", old_id);
        if (old_parent && g_hash_table_contains (map, old_parent))
          {
            parent = g_hash_table_lookup (map, old_parent);
            if (!_mb_store_query_int (db, "SELECT count(*) FROM nodes WHERE id = ?", "s", parent))
              continue;
          }
        else
          parent = paste->parent_id;

        /* The level at the same position of the target strategy's scheme. */
        level_id = _mb_store_query_text (db,
          "SELECT t.id FROM nodes n JOIN levels l ON l.id = n.level_id"
          " JOIN levels t ON t.strategy_id = ? AND t.position = l.position WHERE n.id = ?",
          "ss", paste->strategy_id, old_id);
        if (level_id == NULL)
          {
            g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_LEVEL_NOT_IN_SCHEME,
                         _("The strategy’s level scheme has no level for a copied node"));
            return FALSE;
          }
        if (!_mb_store_exec (db, error,
              "INSERT INTO nodes (id, strategy_id, level_id, parent_id, position, title, code,"
              " description, responsible, organisation_id, start_date, end_date, status,"
              " created, modified)"
              " SELECT ?1, ?2, ?3, ?4, (SELECT coalesce(max(position) + 1, 0) FROM nodes"
              "   WHERE strategy_id = ?2 AND parent_id IS ?4), title, code, description,"
              "   responsible, organisation_id, start_date, end_date, status, ?5, ?5"
              " FROM nodes WHERE id = ?6", "ssssss",
              new_id, paste->strategy_id, level_id, parent, now, old_id) ||
            !_mb_store_exec (db, error,
              "INSERT INTO node_tags (node_id, tag) SELECT ?, tag FROM node_tags"
              " WHERE node_id = ?", "ss", new_id, old_id) ||
            !_mb_store_exec (db, error,
              "INSERT INTO node_territories (node_id, territory_code) SELECT ?, territory_code"
              " FROM node_territories WHERE node_id = ?", "ss", new_id, old_id))
          return FALSE;
        done++;
      }

  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        g_autoptr(sqlite3_stmt) stmt = NULL;

        stmt = _mb_store_prepare (db, "SELECT kind, rationale, assumptions, confidence, evidence"
                                      " FROM links WHERE from_node_id = ? AND to_node_id = ?",
                                  error);
        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_text (stmt, 1, paste->node_ids[i], -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (stmt, 2, paste->node_ids[j], -1, SQLITE_TRANSIENT);
        while (sqlite3_step (stmt) == SQLITE_ROW)
          {
            g_autofree char *link_id = mb_store_new_id ();

            if (!_mb_store_exec (db, error,
                                 "INSERT INTO links (id, from_node_id, to_node_id, kind, rationale,"
                                 " assumptions, confidence, evidence, created, modified)"
                                 " VALUES (?, ?, ?, ?, ?, ?, nullif(?, -1), ?, ?, ?)",
                                 "ssssssisss", link_id,
                                 (char *) g_hash_table_lookup (map, paste->node_ids[i]),
                                 (char *) g_hash_table_lookup (map, paste->node_ids[j]),
                                 (const char *) sqlite3_column_text (stmt, 0),
                                 (const char *) sqlite3_column_text (stmt, 1),
                                 (const char *) sqlite3_column_text (stmt, 2),
                                 sqlite3_column_type (stmt, 3) == SQLITE_NULL
                                   ? -1 : sqlite3_column_int (stmt, 3),
                                 (const char *) sqlite3_column_text (stmt, 4), now, now))
              return FALSE;
          }
      }

  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, g_hash_table_lookup (map, paste->node_ids[i]));
  paste->new_ids = g_strv_builder_end (builder);
  return TRUE;
}

gboolean
mb_store_paste_nodes (MbStore             *self,
                      const char          *strategy_id,
                      const char          *parent_id,
                      const char * const  *node_ids,
                      GStrv               *new_ids,
                      GError             **error)
{
  Paste paste = { strategy_id, parent_id, node_ids, NULL };
  gboolean ok;

  g_return_val_if_fail (MB_IS_STORE (self), FALSE);
  g_return_val_if_fail (node_ids != NULL, FALSE);

  ok = mb_store_run_batch_action (self, _("Paste"), paste_cb, &paste, error);
  if (ok && new_ids != NULL)
    *new_ids = g_steal_pointer (&paste.new_ids);
  g_strfreev (paste.new_ids);
  return ok;
}

/* Copy of a whole library */

typedef struct
{
  MbStore *source;
} CopyLibrary;

static gboolean
copy_library_cb (MbStore   *store,
                 sqlite3   *db,
                 gpointer   data,
                 GError   **error)
{
  CopyLibrary *copy = data;
  sqlite3 *from = mb_store_get_db (copy->source);

  /* Tables in the exchange's order, parents first; rows that refer to
   * rows of their own table (a strategy's parent) hold at the commit. */
  if (!_mb_store_exec (db, error, "PRAGMA defer_foreign_keys = ON", NULL))
    return FALSE;
  for (guint i = 0; mb_store_entity_tables[i] != NULL; i++)
    {
      const char *table = mb_store_entity_tables[i];
      g_autoptr(GPtrArray) pks = NULL;
      g_autoptr(GPtrArray) columns = _mb_store_table_columns (db, table, &pks);
      g_autoptr(GString) names = g_string_new (NULL);
      g_autoptr(GString) marks = g_string_new (NULL);
      g_autofree char *select = NULL;
      g_autofree char *insert = NULL;
      g_autoptr(sqlite3_stmt) read = NULL;
      g_autoptr(sqlite3_stmt) write = NULL;
      int rc;

      for (guint c = 0; c < columns->len; c++)
        {
          g_string_append_printf (names, "%s\"%s\"", c ? ", " : "", (char *) columns->pdata[c]);
          g_string_append_printf (marks, "%s?", c ? ", " : "");
        }
      select = g_strdup_printf ("SELECT %s FROM \"%s\"", names->str, table);
      insert = g_strdup_printf ("INSERT INTO \"%s\" (%s) VALUES (%s)", table, names->str,
                                marks->str);
      read = _mb_store_prepare (from, select, error);
      write = read ? _mb_store_prepare (db, insert, error) : NULL;
      if (write == NULL)
        return FALSE;
      while ((rc = sqlite3_step (read)) == SQLITE_ROW)
        {
          sqlite3_reset (write);
          for (guint c = 0; c < columns->len; c++)
            sqlite3_bind_value (write, c + 1, sqlite3_column_value (read, c));
          if (sqlite3_step (write) != SQLITE_DONE)
            {
              _mb_store_set_sqlite_error (db, sqlite3_errcode (db), error);
              g_prefix_error (error, "%s: ", table);
              return FALSE;
            }
        }
      if (rc != SQLITE_DONE)
        {
          _mb_store_set_sqlite_error (from, rc, error);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
mb_store_copy_library (MbStore  *self,
                       MbStore  *source,
                       GError  **error)
{
  CopyLibrary copy = { source };

  g_return_val_if_fail (MB_IS_STORE (self), FALSE);
  g_return_val_if_fail (MB_IS_STORE (source), FALSE);

  for (guint i = 0; mb_store_entity_tables[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM \"%s\")",
                                              mb_store_entity_tables[i]);

      if (_mb_store_query_int (mb_store_get_db (self), sql, NULL) != 0)
        {
          const char *name = mb_store_get_remote_name (self);

          g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DUPLICATE,
                       _("“%s” is not empty (it has %s): a library is only copied into an"
                         " empty one"), name ? name : mb_store_get_path (self),
                       mb_store_entity_tables[i]);
          return FALSE;
        }
    }
  return mb_store_run_batch_action (self, _("Copy Library"), copy_library_cb, &copy, error);
}
