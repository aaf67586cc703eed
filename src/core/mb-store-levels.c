/* mb-store-levels.c – editing a strategy's own level scheme
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rules: a level belongs to one strategy, and a node's level to its own
 * strategy's scheme (the FOREIGN KEY in mb-schema.sql); positions run
 * 0 … n-1 without gaps; a level with nodes on it is not removed unless its
 * nodes move to another level of the same strategy in the same step.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mb-scheme.h"
#include "mb-store-levels.h"
#include "mb-store-private.h"

/* Helpers */

/* The strategy of @level_id, or NULL with @error set. */
static char *
level_strategy (sqlite3     *db,
                const char  *level_id,
                GError     **error)
{
  char *strategy_id = level_id ? _mb_store_query_text (db, "SELECT strategy_id FROM levels"
                                                           " WHERE id = ?", "s", level_id)
                               : NULL;

  if (strategy_id == NULL)
    g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                 _("There is no level with id “%s”"), level_id ? level_id : "");
  return strategy_id;
}

/* Writes positions 0 … n-1 in the order of @ids. */
static gboolean
write_positions (sqlite3    *db,
                 GPtrArray  *ids,
                 GError    **error)
{
  g_autofree char *now = _mb_store_now ();

  for (guint i = 0; i < ids->len; i++)
    if (!_mb_store_exec (db, error,
                         "UPDATE levels SET position = ?1, modified = ?2"
                         " WHERE id = ?3 AND position IS NOT ?1",
                         "iss", (int) i, now, (const char *) g_ptr_array_index (ids, i)))
      return FALSE;
  return TRUE;
}

/* The ids of @strategy_id's levels in their order. */
static GPtrArray *
level_ids (sqlite3     *db,
           const char  *strategy_id,
           GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = _mb_store_prepare (db, "SELECT id FROM levels"
                                                        " WHERE strategy_id = ?"
                                                        " ORDER BY position, id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, strategy_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}


/* The SQL function mb_level_name(name, name_sv): what the UI shows. */
static void
level_name_sql (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  const char *name = (const char *) sqlite3_value_text (argv[0]);
  const char *name_sv = (const char *) sqlite3_value_text (argv[1]);

  if (name == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, mb_scheme_level_display_name (name, name_sv), -1,
                         SQLITE_TRANSIENT);
}

void
_mb_store_levels_register_sql (sqlite3 *db)
{
  sqlite3_create_function (db, "mb_level_name", 2, SQLITE_UTF8, NULL, level_name_sql,
                           NULL, NULL);
}

/* Rename */

typedef struct
{
  const char *level_id;
  char       *name;
} Rename;

static gboolean
rename_cb (MbStore   *store,
           sqlite3   *db,
           gpointer   data,
           GError   **error)
{
  Rename *rename = data;
  g_autofree char *strategy_id = level_strategy (db, rename->level_id, error);
  g_autofree char *now = _mb_store_now ();

  if (strategy_id == NULL)
    return FALSE;
  if (_mb_text_is_blank (rename->name))
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED, _("A level needs a name"));
      return FALSE;
    }
  if (_mb_store_query_int (db, "SELECT count(*) FROM levels WHERE strategy_id = ? AND id != ?"
                               " AND lower(mb_level_name(name, name_sv)) = lower(?)",
                           "sss", strategy_id, rename->level_id, rename->name) > 0)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DUPLICATE,
                   _("The strategy already has a level named “%s”"), rename->name);
      return FALSE;
    }
  /* Only the name as typed: the Swedish name of a built-in level would
   * otherwise make it follow the UI's language still. */
  return _mb_store_exec (db, error,
                         "UPDATE levels SET name = ?1, name_sv = NULL, modified = ?2"
                         " WHERE id = ?3 AND (name IS NOT ?1 OR name_sv IS NOT NULL)",
                         "sss", rename->name, now, rename->level_id);
}

gboolean
mb_store_rename_level (MbStore     *self,
                       const char  *level_id,
                       const char  *name,
                       GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name ? name : ""));
  Rename rename = { level_id, stripped };

  g_return_val_if_fail (MB_IS_STORE (self), FALSE);
  return mb_store_run_action (self, _("Rename Level"), rename_cb, &rename, error);
}

/* Move */

typedef struct
{
  const char *level_id;
  int         position;
} Move;

static gboolean
move_cb (MbStore   *store,
         sqlite3   *db,
         gpointer   data,
         GError   **error)
{
  Move *move = data;
  g_autofree char *strategy_id = level_strategy (db, move->level_id, error);
  g_autoptr(GPtrArray) ids = NULL;
  guint index;
  char *id;

  if (strategy_id == NULL || (ids = level_ids (db, strategy_id, error)) == NULL)
    return FALSE;
  g_ptr_array_find_with_equal_func (ids, move->level_id, g_str_equal, &index);
  id = g_ptr_array_steal_index (ids, index);
  if (move->position < 0 || (guint) move->position > ids->len)
    move->position = (int) ids->len;
  g_ptr_array_insert (ids, move->position, id);
  return write_positions (db, ids, error);
}

gboolean
mb_store_move_level (MbStore     *self,
                     const char  *level_id,
                     int          position,
                     GError     **error)
{
  Move move = { level_id, position };

  g_return_val_if_fail (MB_IS_STORE (self), FALSE);
  return mb_store_run_action (self, _("Move Level"), move_cb, &move, error);
}

/* Remove */

typedef struct
{
  const char *level_id;
  const char *move_to;
} Remove;

static gboolean
remove_cb (MbStore   *store,
           sqlite3   *db,
           gpointer   data,
           GError   **error)
{
  Remove *remove = data;
  g_autofree char *strategy_id = level_strategy (db, remove->level_id, error);
  g_autofree char *now = _mb_store_now ();
  g_autoptr(GPtrArray) ids = NULL;
  gint64 n_nodes;

  if (strategy_id == NULL)
    return FALSE;
  n_nodes = _mb_store_query_int (db, "SELECT count(*) FROM nodes WHERE level_id = ?",
                                 "s", remove->level_id);
  if (n_nodes > 0 && remove->move_to == NULL)
    {
      g_autofree char *level = _mb_store_query_text (db, "SELECT mb_level_name(name, name_sv)"
                                                         " FROM levels WHERE id = ?",
                                                     "s", remove->level_id);
      g_autofree char *strategy = _mb_store_query_text (db, "SELECT coalesce(short_name, title)"
                                                            " FROM strategies WHERE id = ?",
                                                        "s", strategy_id);

      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID,
                   /* Translators: "The level “Priority” of “RUS part 2” holds 3 nodes…" */
                   g_dngettext (GETTEXT_PACKAGE,
                                "The level “%s” of “%s” holds %d node; move it to another "
                                "level first",
                                "The level “%s” of “%s” holds %d nodes; move them to another "
                                "level first", (gulong) n_nodes),
                   level, strategy, (int) n_nodes);
      return FALSE;
    }
  if (remove->move_to != NULL)
    {
      g_autofree char *target_strategy = level_strategy (db, remove->move_to, error);

      if (target_strategy == NULL)
        return FALSE;
      if (!g_str_equal (target_strategy, strategy_id) ||
          g_str_equal (remove->move_to, remove->level_id))
        {
          g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_LEVEL_NOT_IN_SCHEME,
                       _("The nodes can only move to another level of the same strategy"));
          return FALSE;
        }
      if (!_mb_store_exec (db, error,
                           "UPDATE nodes SET level_id = ?, modified = ? WHERE level_id = ?",
                           "sss", remove->move_to, now, remove->level_id))
        return FALSE;
    }
  if (!_mb_store_exec (db, error, "DELETE FROM levels WHERE id = ?", "s", remove->level_id) ||
      (ids = level_ids (db, strategy_id, error)) == NULL)
    return FALSE;
  return write_positions (db, ids, error);
}

gboolean
mb_store_remove_level (MbStore     *self,
                       const char  *level_id,
                       const char  *move_nodes_to,
                       GError     **error)
{
  Remove remove = { level_id, move_nodes_to };

  g_return_val_if_fail (MB_IS_STORE (self), FALSE);
  return mb_store_run_action (self, _("Remove Level"), remove_cb, &remove, error);
}

gint64
mb_store_count_level_nodes (MbStore     *self,
                            const char  *level_id,
                            GError     **error)
{
  sqlite3 *db;
  g_autofree char *strategy_id = NULL;

  g_return_val_if_fail (MB_IS_STORE (self), -1);
  db = mb_store_get_db (self);
  if ((strategy_id = level_strategy (db, level_id, error)) == NULL)
    return -1;
  return _mb_store_query_int (db, "SELECT count(*) FROM nodes WHERE level_id = ?",
                              "s", level_id);
}

/* A strategy like another */

typedef struct
{
  const char *title;
  const char *source;
  const char *layout_direction;
  char       *result;
} CreateLike;

static gboolean
create_like_cb (MbStore   *store,
                sqlite3   *db,
                gpointer   data,
                GError   **error)
{
  CreateLike *create = data;
  g_autofree char *now = _mb_store_now ();
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) ids = NULL;

  if (_mb_text_is_blank (create->title))
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED, _("%s is required"),
                   _("Title"));
      return FALSE;
    }
  if (create->source == NULL ||
      _mb_store_query_int (db, "SELECT count(*) FROM strategies WHERE id = ?", "s",
                           create->source) == 0)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   _("There is no strategy with id “%s”"), create->source ? create->source : "");
      return FALSE;
    }
  if ((ids = level_ids (db, create->source, error)) == NULL)
    return FALSE;

  id = mb_store_new_id ();
  if (!_mb_store_exec (db, error,
                       "INSERT INTO strategies (id, title, scheme, position, created, modified)"
                       " SELECT ?1, ?2, scheme,"
                       "  (SELECT coalesce(max(position) + 1, 0) FROM strategies), ?3, ?3"
                       " FROM strategies WHERE id = ?4", "ssss",
                       id, create->title, now, create->source))
    return FALSE;
  /* A direction the schema does not know fails its CHECK, with its name. */
  if (create->layout_direction != NULL &&
      !_mb_store_exec (db, error, "UPDATE strategies SET layout_direction = ? WHERE id = ?",
                       "ss", create->layout_direction, id))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *level_id = mb_store_new_id ();

      if (!_mb_store_exec (db, error,
                           "INSERT INTO levels (id, strategy_id, position, name, name_sv, created,"
                           " modified) SELECT ?1, ?2, ?3, name, name_sv, ?4, ?4 FROM levels"
                           " WHERE id = ?5", "ssiss",
                           level_id, id, (int) i, now, (const char *) g_ptr_array_index (ids, i)))
        return FALSE;
    }
  create->result = g_steal_pointer (&id);
  return TRUE;
}

char *
mb_store_create_strategy_like (MbStore     *self,
                               const char  *title,
                               const char  *source_strategy_id,
                               const char  *layout_direction,
                               GError     **error)
{
  CreateLike create = { title, source_strategy_id, layout_direction, NULL };

  g_return_val_if_fail (MB_IS_STORE (self), NULL);
  if (!mb_store_run_action (self, _("Add Strategy"), create_like_cb, &create, error))
    {
      g_free (create.result);
      return NULL;
    }
  return create.result;
}
