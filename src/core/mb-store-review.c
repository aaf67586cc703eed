/* mb-store-review.c – review mode, the document hierarchy and review comments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A review store is a private working copy of a library (or of an imported
 * exchange file) in a temporary directory, so the original is never written.
 * An SQLite authorizer lets statements write review comments and the store's
 * own bookkeeping (undo log, search index) and nothing else: every other
 * write fails when it is prepared, whatever code path it comes from.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mb-exchange.h"
#include "mb-review-copies-private.h"
#include "mb-store-private.h"
#include "mb-store-review.h"
#include "mb-revision.h"

/* Review mode */

/* Pragmas a review store may set: connection settings, not the file's. */
static const char * const settable_pragmas[] = {
  "cache_size", "temp_store", "defer_foreign_keys", "foreign_keys", "busy_timeout",
  "table_info", "table_xinfo", "foreign_key_list", "index_list", "index_info",
  "foreign_key_check", "integrity_check", "quick_check",
  NULL
};

/* The comments, the store's bookkeeping (a shared library's replica's too),
 * and SQLite's own: its table-valued
 * pragmas ask for sqlite_master, which no statement can change without
 * PRAGMA writable_schema, refused below. */
static gboolean
review_may_write (const char *table,
                  const char *database)
{
  if (g_strcmp0 (database, "temp") == 0)
    return TRUE;
  return table != NULL &&
         (g_str_equal (table, "review_comments") ||
          g_str_has_prefix (table, "mb_undo_") ||
          g_str_has_prefix (table, "mb_remote_") ||
          g_str_has_prefix (table, "mb_search") ||
          g_str_equal (table, "sqlite_master") ||
          g_str_equal (table, "sqlite_sequence") ||
          g_str_has_prefix (table, "sqlite_stat"));
}

int
_mb_store_review_authorize (gpointer    user_data,
                            int         action,
                            const char *a,
                            const char *b,
                            const char *database,
                            const char *trigger)
{
  switch (action)
    {
    case SQLITE_INSERT:
    case SQLITE_UPDATE:
    case SQLITE_DELETE:
      return review_may_write (a, database) ? SQLITE_OK : SQLITE_DENY;
    case SQLITE_PRAGMA:
      return b == NULL || g_strv_contains (settable_pragmas, a) ? SQLITE_OK : SQLITE_DENY;
    case SQLITE_READ:
    case SQLITE_SELECT:
    case SQLITE_FUNCTION:
    case SQLITE_RECURSIVE:
    case SQLITE_TRANSACTION:
    case SQLITE_SAVEPOINT:
    case SQLITE_CREATE_TEMP_TABLE:
    case SQLITE_CREATE_TEMP_INDEX:
    case SQLITE_CREATE_TEMP_TRIGGER:
    case SQLITE_CREATE_TEMP_VIEW:
    case SQLITE_DROP_TEMP_TABLE:
    case SQLITE_DROP_TEMP_INDEX:
    case SQLITE_DROP_TEMP_TRIGGER:
    case SQLITE_DROP_TEMP_VIEW:
      return SQLITE_OK;
    default:
      /* Schema changes, ATTACH, VACUUM's relatives: nothing a reviewer does. */
      return SQLITE_DENY;
    }
}

G_LOCK_DEFINE_STATIC (working_copies);
static GHashTable *working_copies;

void
_mb_store_set_working_copy (const char *path,
                            gboolean    active)
{
  G_LOCK (working_copies);
  if (working_copies == NULL)
    working_copies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (active)
    g_hash_table_add (working_copies, g_strdup (path));
  else
    g_hash_table_remove (working_copies, path);
  G_UNLOCK (working_copies);
}

gboolean
_mb_store_is_working_copy (const char *path)
{
  gboolean found;

  G_LOCK (working_copies);
  found = working_copies != NULL && g_hash_table_contains (working_copies, path);
  G_UNLOCK (working_copies);
  return found;
}

void
_mb_store_remove_review_dir (const char *dir)
{
  _mb_review_copies_remove_dir (dir);
}

/* Copies the library at @path to @copy with SQLite's backup API, reading
 * the original through a read-only connection. */
static gboolean
copy_library (const char  *path,
              const char  *copy,
              GError     **error)
{
  sqlite3 *src = NULL;
  sqlite3 *dst = NULL;
  sqlite3_backup *backup;
  gboolean is_new = FALSE;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_open_v2 (path, &src, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_IO, _("Could not open “%s”: %s"), path,
                   src ? sqlite3_errmsg (src) : sqlite3_errstr (rc));
      goto out;
    }
  sqlite3_extended_result_codes (src, TRUE);
  sqlite3_busy_timeout (src, 5000);
  if (_mb_store_check_library (src, path, &is_new, error) < 0)
    goto out;
  if (is_new)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_A_LIBRARY,
                   _("“%s” is not a Målbild library"), path);
      goto out;
    }

  if (sqlite3_open_v2 (copy, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      _mb_store_set_sqlite_error (dst, sqlite3_errcode (dst), error);
      goto out;
    }
  backup = sqlite3_backup_init (dst, "main", src, "main");
  if (backup == NULL)
    {
      _mb_store_set_sqlite_error (dst, sqlite3_errcode (dst), error);
      goto out;
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (NULL, rc, error);
      goto out;
    }
  ok = TRUE;

out:
  sqlite3_close (dst);
  sqlite3_close (src);
  return ok;
}

/* Opens the new library @name in a fresh temporary directory, which the
 * store deletes when it is finalized. */
static MbStore *
open_working_copy (const char  *source,
                   const char  *name,
                   gboolean     from_library,
                   GError     **error)
{
  g_autofree char *dir = _mb_review_copies_make_dir (error);
  g_autofree char *copy = NULL;
  MbStore *store = NULL;

  if (dir == NULL)
    return NULL;
  copy = g_build_filename (dir, name, NULL);
  if (!_mb_review_copies_create_file (copy, error) ||
      (from_library && !copy_library (source, copy, error)) ||
      (store = mb_store_open (copy, MB_STORE_OPEN_NONE, error)) == NULL)
    {
      _mb_store_remove_review_dir (dir);
      return NULL;
    }
  _mb_store_take_review_dir (store, g_steal_pointer (&dir), source);
  return store;
}

MbStore *
_mb_store_open_review (const char  *path,
                       GError     **error)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(MbStore) store = open_working_copy (path, name, TRUE, error);

  if (store == NULL || !_mb_store_begin_review (store, error))
    return NULL;
  return g_steal_pointer (&store);
}

MbStore *
mb_store_open_review_json (const char  *json_path,
                           GError     **error)
{
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autoptr(MbStore) store = NULL;
  g_autoptr(MbProblemList) problems = mb_problem_list_new (1);
  MbImportReport *report;

  g_return_val_if_fail (json_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  base = g_path_get_basename (json_path);
  if (g_str_has_suffix (base, ".json"))
    base[strlen (base) - strlen (".json")] = '\0';
  name = g_strconcat (*base ? base : "review", ".malbild", NULL);

  store = open_working_copy (json_path, name, FALSE, error);
  if (store == NULL)
    return NULL;
  report = mb_exchange_import_file (store, json_path, MB_IMPORT_NONE, problems, error);
  if (report == NULL)
    return NULL;
  mb_import_report_free (report);

  if (!_mb_store_begin_review (store, error))
    return NULL;
  return g_steal_pointer (&store);
}

MbStore *
mb_store_open_revision (const char  *library_path,
                        const char  *revision_id,
                        GError     **error)
{
  g_autofree char *name = NULL;
  g_autoptr(MbStore) store = NULL;

  g_return_val_if_fail (library_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_path_get_basename (library_path);
  store = open_working_copy (library_path, name, TRUE, error);
  if (store == NULL ||
      !_mb_revision_restore_as_it_was (store, revision_id, error) ||
      !mb_store_clear_history (store, error) ||
      !_mb_store_begin_review (store, error))
    return NULL;
  return g_steal_pointer (&store);
}

/* Document hierarchy */

gboolean
_mb_store_check_strategy_parent (sqlite3     *db,
                                 const char  *strategy_id,
                                 const char  *parent_id,
                                 GError     **error)
{
  g_autofree char *title = NULL;
  g_autofree char *parent_title = NULL;

  if (parent_id == NULL)
    return TRUE;
  if (_mb_store_query_int (db,
        "WITH RECURSIVE up (id) AS (SELECT ?1 UNION"
        "  SELECT s.parent_id FROM strategies s JOIN up ON s.id = up.id"
        "  WHERE s.parent_id IS NOT NULL)"
        " SELECT count(*) FROM up WHERE id = ?2", "ss", parent_id, strategy_id) == 0)
    return TRUE;

  title = _mb_store_query_text (db, "SELECT title FROM strategies WHERE id = ?", "s",
                                strategy_id);
  if (g_strcmp0 (parent_id, strategy_id) == 0)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_CYCLE,
                   _("“%s” cannot be placed under itself"), title);
      return FALSE;
    }
  parent_title = _mb_store_query_text (db, "SELECT title FROM strategies WHERE id = ?", "s",
                                       parent_id);
  g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_CYCLE,
               _("“%s” cannot be placed under “%s”: “%s” is already under “%s”, "
                 "which would make a circle"), title, parent_title, parent_title, title);
  return FALSE;
}

/* Siblings are ranked by position, then title; the path of ranks sorts a
 * parent before its children. */
#define STRATEGY_TREE_SQL \
  "WITH RECURSIVE ranked (id, parent_id, rank) AS (" \
  "  SELECT id, parent_id, printf('%08d', row_number () OVER" \
  "   (PARTITION BY parent_id ORDER BY position, title, id)) FROM strategies)," \
  " t (id, depth, path) AS (" \
  "  SELECT id, 0, rank FROM ranked WHERE parent_id IS NULL" \
  "  UNION ALL" \
  "  SELECT r.id, t.depth + 1, t.path || '/' || r.rank" \
  "   FROM ranked r JOIN t ON r.parent_id = t.id)" \
  " SELECT s.*, t.depth AS depth FROM t JOIN strategies s ON s.id = t.id ORDER BY t.path"

GPtrArray *
mb_store_query_strategy_tree (MbStore  *self,
                              GError  **error)
{
  g_return_val_if_fail (MB_IS_STORE (self), NULL);

  return _mb_store_query_records (mb_store_get_db (self), error, "strategies",
                                  STRATEGY_TREE_SQL, NULL);
}

/* Review comments */

typedef struct
{
  const char *target_table;
  const char *target_id;
  const char *author;
  const char *body;
  char       *id;
} NewComment;

static gboolean
require_target (sqlite3     *db,
                const char  *table,
                const char  *id,
                GError     **error)
{
  g_autofree char *sql = NULL;

  if (g_strcmp0 (table, "nodes") != 0 && g_strcmp0 (table, "links") != 0 &&
      g_strcmp0 (table, "assessments") != 0)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID,
                   _("Comments can be made on nodes, links and assessments only"));
      return FALSE;
    }
  sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE id = ?", table);
  if (id != NULL && _mb_store_query_int (db, sql, "s", id) > 0)
    return TRUE;
  if (g_str_equal (table, "nodes"))
    g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                 _("There is no node with id “%s”"), id ? id : "");
  else if (g_str_equal (table, "links"))
    g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                 _("There is no link with id “%s”"), id ? id : "");
  else
    g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                 _("There is no assessment with id “%s”"), id ? id : "");
  return FALSE;
}

static gboolean
require_not_blank (const char  *value,
                   const char  *field,
                   GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (value ? value : ""));

  if (*stripped != '\0')
    return TRUE;
  g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED, _("%s is required"), field);
  return FALSE;
}

static gboolean
add_comment_cb (MbStore   *store,
                sqlite3   *db,
                gpointer   data,
                GError   **error)
{
  NewComment *comment = data;
  g_autofree char *now = _mb_store_now ();
  const char *table = comment->target_table;
  const char *id = comment->target_id;

  if (!require_target (db, table, id, error) ||
      !require_not_blank (comment->author, _("Author"), error) ||
      !require_not_blank (comment->body, _("Comment"), error))
    return FALSE;

  comment->id = mb_store_new_id ();
  return _mb_store_exec (db, error,
                         "INSERT INTO review_comments (id, node_id, link_id, assessment_id,"
                         " author, body, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         "ssssssss", comment->id,
                         g_str_equal (table, "nodes") ? id : NULL,
                         g_str_equal (table, "links") ? id : NULL,
                         g_str_equal (table, "assessments") ? id : NULL,
                         comment->author, comment->body, now, now);
}

char *
mb_store_add_comment (MbStore     *self,
                      const char  *target_table,
                      const char  *target_id,
                      const char  *author,
                      const char  *body,
                      GError     **error)
{
  NewComment comment = { target_table, target_id, author, body, NULL };

  g_return_val_if_fail (MB_IS_STORE (self), NULL);

  if (!mb_store_run_action (self, _("Add Comment"), add_comment_cb, &comment, error))
    {
      g_free (comment.id);
      return NULL;
    }
  return comment.id;
}

typedef struct
{
  const char *id;
  const char *status;
} CommentStatus;

static gboolean
set_comment_status_cb (MbStore   *store,
                       sqlite3   *db,
                       gpointer   data,
                       GError   **error)
{
  CommentStatus *change = data;
  g_autofree char *now = _mb_store_now ();

  if (change->id == NULL ||
      _mb_store_query_int (db, "SELECT count(*) FROM review_comments WHERE id = ?", "s",
                           change->id) == 0)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   _("There is no comment with id “%s”"), change->id ? change->id : "");
      return FALSE;
    }
  return _mb_store_exec (db, error,
                         "UPDATE review_comments SET status = ?1, modified = ?2"
                         " WHERE id = ?3 AND status IS NOT ?1", "sss",
                         change->status, now, change->id);
}

gboolean
mb_store_set_comment_resolved (MbStore     *self,
                               const char  *comment_id,
                               gboolean     resolved,
                               GError     **error)
{
  CommentStatus change = { comment_id, resolved ? "resolved" : "open" };

  g_return_val_if_fail (MB_IS_STORE (self), FALSE);

  return mb_store_run_action (self, resolved ? _("Resolve Comment") : _("Reopen Comment"),
                              set_comment_status_cb, &change, error);
}

GPtrArray *
mb_store_query_comments (MbStore     *self,
                         const char  *target_id,
                         GError     **error)
{
  g_return_val_if_fail (MB_IS_STORE (self), NULL);
  g_return_val_if_fail (target_id != NULL, NULL);

  return _mb_store_query_records (mb_store_get_db (self), error, "review_comments",
                                  "SELECT * FROM review_comments"
                                  " WHERE node_id = ?1 OR link_id = ?1 OR assessment_id = ?1"
                                  " ORDER BY created, id",
                                  "s", target_id);
}

/* A link belongs to the strategies of both its ends; an assessment to its
 * goal's. */
#define STRATEGY_COMMENTS_SQL \
  "SELECT * FROM (" \
  "  SELECT c.*, 'nodes' AS target_table, c.node_id AS target_id, n.title AS target_title," \
  "   NULL AS round_title" \
  "   FROM review_comments c JOIN nodes n ON n.id = c.node_id WHERE n.strategy_id = ?1" \
  "  UNION ALL" \
  "  SELECT c.*, 'links', c.link_id, f.title || ' → ' || t.title, NULL" \
  "   FROM review_comments c JOIN links l ON l.id = c.link_id" \
  "   JOIN nodes f ON f.id = l.from_node_id JOIN nodes t ON t.id = l.to_node_id" \
  "   WHERE f.strategy_id = ?1 OR t.strategy_id = ?1" \
  "  UNION ALL" \
  "  SELECT c.*, 'assessments', c.assessment_id, n.title, r.title" \
  "   FROM review_comments c JOIN assessments a ON a.id = c.assessment_id" \
  "   JOIN nodes n ON n.id = a.node_id JOIN follow_up_rounds r ON r.id = a.round_id" \
  "   WHERE n.strategy_id = ?1)" \
  " WHERE ?2 = 0 OR status = 'open' ORDER BY created, id"

GPtrArray *
mb_store_query_strategy_comments (MbStore     *self,
                                  const char  *strategy_id,
                                  gboolean     open_only,
                                  GError     **error)
{
  g_return_val_if_fail (MB_IS_STORE (self), NULL);
  g_return_val_if_fail (strategy_id != NULL, NULL);

  return _mb_store_query_records (mb_store_get_db (self), error, "review_comments",
                                  STRATEGY_COMMENTS_SQL, "si", strategy_id, open_only ? 1 : 0);
}
