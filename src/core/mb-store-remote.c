/* mb-store-remote.c – a store's side of a shared library: its replica
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See mb-store-remote-private.h for the design, and mb-remote.h for what
 * the server holds. Values travel as text both ways (PostgreSQL's text
 * forms, COPY's text format for many rows): integers in decimal, reals in
 * the shortest form that reads back exactly, blobs as "\x" and hex.
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "mb-remote.h"
#include "mb-store-private.h"
#include "mb-store-remote-private.h"
#include "mb-store-undo-log.h"

/* The key of a row: its primary key's values, joined by this. */
#define KEY_SEPARATOR "\x1f"

typedef enum
{
  TYPE_TEXT,
  TYPE_INTEGER,
  TYPE_REAL,
  TYPE_BLOB,
} ColumnType;

typedef struct
{
  char       *name;
  GPtrArray  *columns;   /* char * */
  GArray     *types;     /* ColumnType, per column */
  GArray     *pk;        /* guint: indexes into columns, in the key's order */
  char       *select;    /* "c1, c2, …" quoted */
} RemoteTable;

struct _MbStoreRemote
{
  char       *uri;
  char       *display_name;
  char       *user;
  char       *library_id;   /* made new by an upgrade */
  PGconn     *conn;
  gboolean    reviewer;
  GHashTable *tables;     /* name → RemoteTable */
  /* Actions this connection pushed that the replica has not counted as
   * pulled: a pull that finds only these reads no tables. */
  GHashTable *own_actions;
};

static void
remote_table_free (RemoteTable *t)
{
  g_free (t->name);
  g_ptr_array_unref (t->columns);
  g_array_unref (t->types);
  g_array_unref (t->pk);
  g_free (t->select);
  g_free (t);
}

void
_mb_remote_conflict_free (MbRemoteConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->table);
  g_free (conflict->key);
  g_free (conflict->title);
  g_free (conflict->column);
  g_free (conflict->base);
  g_free (conflict->theirs);
  g_free (conflict->mine);
  g_free (conflict->author);
  g_clear_pointer (&conflict->when, g_date_time_unref);
  g_free (conflict);
}

/* Connection */

static void
set_server_error (MbStoreRemote  *self,
                  const char     *what,
                  PGresult       *result,
                  GError        **error)
{
  const char *message = result ? PQresultErrorMessage (result) : NULL;
  g_autofree char *reason = NULL;

  if (message == NULL || *message == '\0')
    message = PQerrorMessage (self->conn);
  reason = g_strstrip (g_strdup (message));
  if (PQstatus (self->conn) != CONNECTION_OK)
    g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DISCONNECTED,
                 _("The connection to “%s” was lost: %s"), self->display_name, reason);
  else
    g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_IO,
                 _("“%s” refused to %s: %s"), self->display_name, what, reason);
}

/* Runs @sql with @n text parameters; the result if its status is @expect. */
static PGresult *
run (MbStoreRemote       *self,
     const char          *what,
     ExecStatusType       expect,
     const char          *sql,
     int                  n,
     const char * const  *params,
     GError             **error)
{
  PGresult *result = PQexecParams (self->conn, sql, n, NULL, params, NULL, NULL, 0);

  if (PQresultStatus (result) != expect)
    {
      set_server_error (self, what, result, error);
      PQclear (result);
      return NULL;
    }
  return result;
}

static gboolean
run_plain (MbStoreRemote  *self,
           const char     *what,
           const char     *sql,
           GError        **error)
{
  g_autoptr(PGresult) result = run (self, what, PGRES_COMMAND_OK, sql, 0, NULL, error);

  return result != NULL;
}

static void
rollback_server (MbStoreRemote *self)
{
  if (PQstatus (self->conn) == CONNECTION_OK &&
      PQtransactionStatus (self->conn) != PQTRANS_IDLE)
    PQclear (PQexec (self->conn, "ROLLBACK"));
}

/* A connection made and checked: who is on it, in which role, listening.
 * Touches nothing of a remote, so that a thread may make it. */
typedef struct
{
  PGconn   *conn;
  char     *user;
  char     *library_id;
  gboolean  reviewer;
} Connection;

static void
connection_free (Connection *c)
{
  g_clear_pointer (&c->conn, PQfinish);
  g_free (c->user);
  g_free (c->library_id);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Connection, connection_free)

static Connection *
open_connection (const char  *uri,
                 const char  *display_name,
                 GError     **error)
{
  g_autoptr(Connection) c = g_new0 (Connection, 1);
  g_autoptr(PGresult) result = NULL;
  int version;

  c->conn = mb_remote_connect (uri, error);
  if (c->conn == NULL)
    return NULL;

  version = mb_remote_schema_version (c->conn, error);
  if (version < 0)
    return NULL;
  if (version == 0)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_A_LIBRARY,
                   _("“%s” holds no Målbild library: an administrator creates one with"
                     " “malbild --database URI --init”"), display_name);
      return NULL;
    }
  if (version > MB_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_TOO_NEW,
                   _("“%s” was made by a newer Målbild (schema version %d; this one knows %d)"),
                   display_name, version, MB_STORE_SCHEMA_VERSION);
      return NULL;
    }
  if (version < MB_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_TOO_NEW,
                   _("“%s” is a library of an older Målbild (schema version %d): an"
                     " administrator upgrades it with “malbild --database URI --init”"),
                   display_name, version);
      return NULL;
    }

  result = PQexec (c->conn, "SELECT session_user,"
                            " pg_has_role (session_user, '" MB_REMOTE_EDITOR_ROLE "', 'MEMBER')"
                            " OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)");
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      g_autofree char *reason = g_strstrip (g_strdup (PQresultErrorMessage (result)));

      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_IO,
                   _("“%s” refused to %s: %s"), display_name, _("say who is connected"), reason);
      return NULL;
    }
  c->user = g_strdup (PQgetvalue (result, 0, 0));
  c->reviewer = !g_str_equal (PQgetvalue (result, 0, 1), "t");
  PQclear (result);
  result = PQexec (c->conn, "SELECT value FROM mb_meta WHERE key = 'library_id'");
  c->library_id = g_strdup (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) > 0
                            ? PQgetvalue (result, 0, 0) : "");
  if (!mb_remote_exec (c->conn, "LISTEN " MB_REMOTE_CHANNEL, error))
    return NULL;
  return g_steal_pointer (&c);
}

static void
install_connection (MbStoreRemote *self,
                    Connection    *c)
{
  g_clear_pointer (&self->conn, PQfinish);
  self->conn = g_steal_pointer (&c->conn);
  g_free (self->user);
  self->user = g_steal_pointer (&c->user);
  g_free (self->library_id);
  self->library_id = g_steal_pointer (&c->library_id);
  self->reviewer = c->reviewer;
}

static gboolean
connect_remote (MbStoreRemote  *self,
                GError        **error)
{
  g_autoptr(Connection) c = open_connection (self->uri, self->display_name, error);

  if (c == NULL)
    return FALSE;
  install_connection (self, c);
  return TRUE;
}

MbStoreRemote *
_mb_store_remote_open (const char  *uri,
                       GError     **error)
{
  g_autoptr(MbStoreRemote) self = g_new0 (MbStoreRemote, 1);

  self->uri = g_strdup (uri);
  self->display_name = mb_remote_display_name (uri);
  self->tables = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) remote_table_free);
  self->own_actions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (!connect_remote (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
_mb_store_remote_free (MbStoreRemote *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->conn, PQfinish);
  g_hash_table_unref (self->tables);
  g_hash_table_unref (self->own_actions);
  g_free (self->uri);
  g_free (self->display_name);
  g_free (self->user);
  g_free (self->library_id);
  g_free (self);
}

char *
_mb_store_remote_replica_path (const char *uri)
{
  g_autofree char *name = mb_remote_display_name (uri);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, name, -1);
  g_autofree char *file = g_strdup_printf ("%.32s.malbild", hash);

  return g_build_filename (g_get_user_cache_dir (), "malbild", "shared", file, NULL);
}

const char *
_mb_store_remote_get_display_name (MbStoreRemote *self)
{
  return self->display_name;
}

const char *
_mb_store_remote_get_user (MbStoreRemote *self)
{
  return self->user;
}

gboolean
_mb_store_remote_is_reviewer (MbStoreRemote *self)
{
  return self->reviewer;
}

gboolean
_mb_store_remote_is_connected (MbStoreRemote *self)
{
  return self->conn != NULL && PQstatus (self->conn) == CONNECTION_OK;
}

int
_mb_store_remote_get_socket (MbStoreRemote *self)
{
  return _mb_store_remote_is_connected (self) ? PQsocket (self->conn) : -1;
}

static void
reconnect_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  MbStoreRemote *self = task_data;
  GError *error = NULL;
  Connection *c = open_connection (self->uri, self->display_name, &error);

  if (c == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, c, (GDestroyNotify) connection_free);
}

void
_mb_store_remote_reconnect_async (MbStoreRemote       *self,
                                  gpointer             source_object,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source_object, NULL, callback, user_data);

  /* The uri and display name it reads do not change while it runs. */
  g_task_set_task_data (task, self, NULL);
  g_task_run_in_thread (task, reconnect_thread);
}

gboolean
_mb_store_remote_reconnect_finish (MbStoreRemote  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_autoptr(Connection) c = g_task_propagate_pointer (G_TASK (result), error);

  if (c == NULL)
    return FALSE;
  install_connection (self, c);
  return TRUE;
}

GArray *
_mb_store_remote_own_actions (MbStoreRemote *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gint64 *id;

  g_hash_table_iter_init (&iter, self->own_actions);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    g_array_append_val (ids, *id);
  return ids;
}

void
_mb_store_remote_add_own_actions (MbStoreRemote *self,
                                  GArray        *ids)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_hash_table_add (self->own_actions, g_memdup2 (&g_array_index (ids, gint64, i),
                                                    sizeof (gint64)));
}

gboolean
_mb_store_remote_take_notifications (MbStoreRemote *self,
                                     gboolean      *lost)
{
  PGnotify *notify;
  gboolean news = FALSE;

  *lost = FALSE;
  if (!_mb_store_remote_is_connected (self) || !PQconsumeInput (self->conn) ||
      PQstatus (self->conn) != CONNECTION_OK)
    {
      *lost = TRUE;
      return FALSE;
    }
  while ((notify = PQnotifies (self->conn)) != NULL)
    {
      gint64 id = g_ascii_strtoll (notify->extra, NULL, 10);

      if (!g_hash_table_contains (self->own_actions, &id))
        news = TRUE;
      PQfreemem (notify);
    }
  return news;
}

/* Tables */

static ColumnType
column_type (const char *declared)
{
  g_autofree char *upper = g_ascii_strup (declared ? declared : "", -1);

  if (strstr (upper, "INT"))
    return TYPE_INTEGER;
  if (strstr (upper, "REAL") || strstr (upper, "FLOA") || strstr (upper, "DOUB"))
    return TYPE_REAL;
  if (strstr (upper, "BLOB"))
    return TYPE_BLOB;
  return TYPE_TEXT;
}

static const char *
type_cast (ColumnType type)
{
  switch (type)
    {
    case TYPE_INTEGER: return "bigint";
    case TYPE_REAL:    return "double precision";
    case TYPE_BLOB:    return "bytea";
    case TYPE_TEXT:
    default:           return "text";
    }
}

static RemoteTable *
lookup_table (MbStoreRemote *self,
              sqlite3       *db,
              const char    *name)
{
  RemoteTable *t = g_hash_table_lookup (self->tables, name);
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) pk_order = NULL;
  GString *select;

  if (t != NULL)
    return t;

  t = g_new0 (RemoteTable, 1);
  t->name = g_strdup (name);
  t->columns = g_ptr_array_new_with_free_func (g_free);
  t->types = g_array_new (FALSE, FALSE, sizeof (ColumnType));
  t->pk = g_array_new (FALSE, FALSE, sizeof (guint));
  pk_order = g_array_new (FALSE, FALSE, sizeof (int));
  select = g_string_new (NULL);

  sql = g_strdup_printf ("PRAGMA table_info(\"%s\")", name);
  stmt = _mb_store_prepare (db, sql, NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *column = (const char *) sqlite3_column_text (stmt, 1);
      ColumnType type = column_type ((const char *) sqlite3_column_text (stmt, 2));
      int pk = sqlite3_column_int (stmt, 5);

      g_string_append_printf (select, "%s\"%s\"", t->columns->len ? ", " : "", column);
      if (pk > 0)
        {
          guint index = t->columns->len;
          guint at = 0;

          /* In the key's declared order. */
          while (at < pk_order->len && g_array_index (pk_order, int, at) < pk)
            at++;
          g_array_insert_val (pk_order, at, pk);
          g_array_insert_val (t->pk, at, index);
        }
      g_ptr_array_add (t->columns, g_strdup (column));
      g_array_append_val (t->types, type);
    }
  t->select = g_string_free (select, FALSE);
  g_hash_table_insert (self->tables, t->name, t);
  return t;
}

static const char *
column_name (RemoteTable *t,
             guint        i)
{
  return t->columns->pdata[i];
}

static ColumnType
column_type_at (RemoteTable *t,
                guint        i)
{
  return g_array_index (t->types, ColumnType, i);
}

/* Values as text */

static char *
blob_text (const guint8 *data,
           gsize         len)
{
  GString *out = g_string_sized_new (2 + 2 * len);

  g_string_append (out, "\\x");
  for (gsize i = 0; i < len; i++)
    g_string_append_printf (out, "%02x", data[i]);
  return g_string_free (out, FALSE);
}

static char *
real_text (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value));
}

/* The text form of column @i of @stmt; NULL for SQL NULL. */
static char *
column_text (sqlite3_stmt *stmt,
             int           i)
{
  switch (sqlite3_column_type (stmt, i))
    {
    case SQLITE_NULL:
      return NULL;
    case SQLITE_INTEGER:
      return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, i));
    case SQLITE_FLOAT:
      return real_text (sqlite3_column_double (stmt, i));
    case SQLITE_BLOB:
      return blob_text (sqlite3_column_blob (stmt, i), sqlite3_column_bytes (stmt, i));
    default:
      return g_strdup ((const char *) sqlite3_column_text (stmt, i));
    }
}

/* The text form of a value in the undo log's JSON (see append_value_json()
 * in mb-store-undo-log.c); NULL for null. */
static char *
json_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      const char *hex = json_object_has_member (object, "blob")
                        ? json_object_get_string_member (object, "blob") : "";
      g_autofree char *lower = g_ascii_strdown (hex ? hex : "", -1);

      return g_strconcat ("\\x", lower, NULL);
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return real_text (json_node_get_double (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "1" : "0");
    default:
      return g_strdup (json_node_get_string (node));
    }
}

static void
bind_text_value (sqlite3_stmt *stmt,
                 int           i,
                 ColumnType    type,
                 const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, i);
  else if (type == TYPE_INTEGER)
    sqlite3_bind_int64 (stmt, i, g_ascii_strtoll (text, NULL, 10));
  else if (type == TYPE_REAL)
    sqlite3_bind_double (stmt, i, g_ascii_strtod (text, NULL));
  else if (type == TYPE_BLOB && g_str_has_prefix (text, "\\x"))
    {
      gsize len = (strlen (text) - 2) / 2;
      guint8 *data = g_malloc (len + 1);

      for (gsize k = 0; k < len; k++)
        data[k] = (g_ascii_xdigit_value (text[2 + 2 * k]) << 4) |
                  g_ascii_xdigit_value (text[3 + 2 * k]);
      sqlite3_bind_blob (stmt, i, data, len, g_free);
    }
  else
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
}

/* A row's key from the JSON object of its values (or of its key). */
static char *
key_from_object (RemoteTable *t,
                 JsonObject  *object)
{
  GString *key = g_string_new (NULL);

  for (guint k = 0; k < t->pk->len; k++)
    {
      const char *name = column_name (t, g_array_index (t->pk, guint, k));
      g_autofree char *text = json_text (json_object_get_member (object, name));

      if (k > 0)
        g_string_append (key, KEY_SEPARATOR);
      g_string_append (key, text ? text : "");
    }
  return g_string_free (key, FALSE);
}

/* "pk1" = $N AND "pk2" = $N+1 … */
static void
append_key_condition (GString     *sql,
                      RemoteTable *t,
                      int          first_param,
                      gboolean     sqlite)
{
  for (guint k = 0; k < t->pk->len; k++)
    {
      guint c = g_array_index (t->pk, guint, k);

      if (sqlite)
        g_string_append_printf (sql, "%s\"%s\" = ?%d", k ? " AND " : "", column_name (t, c),
                                first_param + k);
      else
        g_string_append_printf (sql, "%s\"%s\" = $%d::%s", k ? " AND " : "", column_name (t, c),
                                first_param + k, type_cast (column_type_at (t, c)));
    }
}

static GStrv
split_key (const char *key)
{
  return g_strsplit (key, KEY_SEPARATOR, -1);
}

/* The replica's own tables */

gboolean
_mb_store_remote_attach (MbStoreRemote  *self,
                         sqlite3        *db,
                         gboolean       *anew,
                         GError        **error)
{
  g_autofree char *followed = NULL;
  g_autofree char *identity = g_strdup_printf ("%s#%s", self->display_name,
                                               self->library_id ? self->library_id : "");

  *anew = FALSE;
  if (!_mb_store_exec (db, error,
                       "CREATE TABLE IF NOT EXISTS mb_remote_state ("
                       "  key TEXT PRIMARY KEY NOT NULL, value TEXT) WITHOUT ROWID", NULL) ||
      !_mb_store_exec (db, error,
                       "CREATE TABLE IF NOT EXISTS mb_remote_rows ("
                       "  tbl TEXT NOT NULL, key TEXT NOT NULL, rev INTEGER NOT NULL,"
                       "  PRIMARY KEY (tbl, key)) WITHOUT ROWID", NULL) ||
      !_mb_store_exec (db, error,
                       "CREATE TABLE IF NOT EXISTS mb_remote_actions ("
                       "  id INTEGER PRIMARY KEY, author TEXT NOT NULL, at TEXT NOT NULL,"
                       "  label TEXT NOT NULL)", NULL) ||
      /* Each undo step's action on the server, and the rows as it left
       * them: undo goes ahead only where they still are so. */
      !_mb_store_exec (db, error,
                       "CREATE TABLE IF NOT EXISTS mb_remote_steps ("
                       "  first_seq INTEGER PRIMARY KEY, rev INTEGER NOT NULL)", NULL) ||
      !_mb_store_exec (db, error,
                       "CREATE TABLE IF NOT EXISTS mb_remote_after ("
                       "  first_seq INTEGER NOT NULL, tbl TEXT NOT NULL, key TEXT NOT NULL,"
                       "  vals TEXT, PRIMARY KEY (first_seq, tbl, key)) WITHOUT ROWID", NULL))
    return FALSE;

  followed = _mb_store_query_text (db, "SELECT value FROM mb_remote_state WHERE key = 'uri'",
                                   NULL);
  if (followed != NULL && g_str_equal (followed, identity))
    return TRUE;
  *anew = TRUE;

  /* A replica of nothing yet (or of something else): it starts again. */
  for (guint i = 0; mb_store_entity_tables[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM \"%s\"", mb_store_entity_tables[i]);

      if (!_mb_store_exec (db, error, sql, NULL))
        return FALSE;
    }
  return sqlite3_exec (db, "DELETE FROM mb_undo_steps; DELETE FROM mb_undo_log;"
                           " DELETE FROM mb_remote_rows; DELETE FROM mb_remote_actions;"
                           " DELETE FROM mb_remote_steps; DELETE FROM mb_remote_after;"
                           " DELETE FROM mb_remote_state", NULL, NULL, NULL) == SQLITE_OK &&
         _mb_store_exec (db, error,
                         "INSERT INTO mb_remote_state (key, value) VALUES ('uri', ?),"
                         " ('last_action', '0')", "s", identity);
}

static gint64
last_action (sqlite3 *db)
{
  return _mb_store_query_int (db, "SELECT CAST(value AS INTEGER) FROM mb_remote_state"
                                  " WHERE key = 'last_action'", NULL);
}

gboolean
_mb_store_remote_row_author (sqlite3     *db,
                             const char  *table,
                             const char  *key,
                             char       **author,
                             GDateTime  **when)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean found;

  stmt = _mb_store_prepare (db,
                            "SELECT a.author, a.at FROM mb_remote_rows r"
                            " JOIN mb_remote_actions a ON a.id = r.rev"
                            " WHERE r.tbl = ? AND r.key = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      *author = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *when = g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (stmt, 1), NULL);
    }
  return found;
}

/* Push */

/* What one action did to one row: how it was before (@base, the JSON
 * object of its values; NULL if it did not exist, or for a row of a set,
 * whose values are in the stash) and whether it existed. */
typedef struct
{
  RemoteTable *table;
  char        *key;
  gboolean     existed;
  JsonObject  *base;
} RowChange;

static void
row_change_free (RowChange *change)
{
  g_free (change->key);
  g_clear_pointer (&change->base, json_object_unref);
  g_free (change);
}

typedef struct
{
  MbStoreRemote *remote;
  sqlite3       *db;
  gint64         rev;
  gint64         first;      /* the action's first undo-log entry */
  gint64         undo_of;    /* an undo or redo: the first entry of the step it replays */
  gint64         undo_rev;   /* and that step's action on the server (0: unknown) */
  GHashTable    *changes;    /* "table\x1fkey" → RowChange */
  GPtrArray     *order;      /* RowChange, first touched first */
  GHashTable    *stmts;      /* SQL → sqlite3_stmt */
  GPtrArray     *sets;       /* SetChange */
} Push;

typedef struct
{
  RemoteTable *table;
  gint64       seq;
  gboolean     inserted;    /* rows in mb_undo_inserted; else rows in the stash, deleted */
} SetChange;

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static sqlite3_stmt *
push_stmt (Push        *push,
           const char  *sql,
           GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (push->stmts, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  stmt = _mb_store_prepare (push->db, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (push->stmts, g_strdup (sql), stmt);
  return stmt;
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

static gboolean
note_entry (Push         *push,
            gint64        seq,
            const char   *tbl,
            const char   *op,
            const char   *key_json,
            const char   *vals_json,
            GError      **error)
{
  RemoteTable *t = lookup_table (push->remote, push->db, tbl);
  g_autoptr(JsonObject) key_object = NULL;
  g_autoptr(JsonObject) vals = NULL;
  g_autofree char *key = NULL;
  g_autofree char *id = NULL;
  RowChange *change;

  if (g_str_equal (op, MB_UNDO_OP_DELETE_SET) || g_str_equal (op, MB_UNDO_OP_INSERT_SET))
    {
      SetChange *set = g_new0 (SetChange, 1);

      set->table = t;
      set->seq = seq;
      set->inserted = g_str_equal (op, MB_UNDO_OP_DELETE_SET);
      g_ptr_array_add (push->sets, set);
      return TRUE;
    }

  if (g_str_equal (op, MB_UNDO_OP_DELETE))
    key_object = parse_object (key_json);
  else
    {
      vals = parse_object (vals_json);
      key_object = g_str_equal (op, MB_UNDO_OP_UPDATE) ? parse_object (key_json)
                                                       : json_object_ref (vals);
    }
  if (key_object == NULL || (vals == NULL && !g_str_equal (op, MB_UNDO_OP_DELETE)))
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, seq);

      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_BAD_HISTORY,
                   _("Entry %s of the undo log cannot be read"), number);
      return FALSE;
    }

  key = key_from_object (t, key_object);
  id = g_strconcat (tbl, KEY_SEPARATOR, key, NULL);
  if (g_hash_table_contains (push->changes, id))
    return TRUE;  /* the first entry says how the row was */

  change = g_new0 (RowChange, 1);
  change->table = t;
  change->key = g_steal_pointer (&key);
  change->existed = !g_str_equal (op, MB_UNDO_OP_DELETE);
  change->base = g_steal_pointer (&vals);
  g_hash_table_insert (push->changes, g_steal_pointer (&id), change);
  g_ptr_array_add (push->order, change);
  return TRUE;
}

/* The row now, as text per column; NULL if it is gone. */
static GPtrArray *
read_row (Push         *push,
          RemoteTable  *t,
          const char   *key,
          GError      **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_auto(GStrv) parts = split_key (key);
  sqlite3_stmt *stmt;
  GPtrArray *row;
  int rc;

  g_string_printf (sql, "SELECT %s FROM \"%s\" WHERE ", t->select, t->name);
  append_key_condition (sql, t, 1, TRUE);
  stmt = push_stmt (push, sql->str, error);
  if (stmt == NULL)
    return NULL;
  for (guint k = 0; k < t->pk->len && parts[k] != NULL; k++)
    bind_text_value (stmt, k + 1, column_type_at (t, g_array_index (t->pk, guint, k)), parts[k]);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        _mb_store_set_sqlite_error (push->db, rc, error);
      return NULL;
    }
  row = g_ptr_array_new_with_free_func (g_free);
  for (guint c = 0; c < t->columns->len; c++)
    g_ptr_array_add (row, column_text (stmt, c));
  return row;
}

/* When a row was last modified is bookkeeping, which every change of
 * another field writes: it is never a conflict of its own. */
static gboolean
is_bookkeeping (const char *column)
{
  return g_str_equal (column, "modified");
}

static GDateTime *
parse_time (const char *text)
{
  return text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

#define ACTION_TIME "to_char (a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"

/* Fills @conflict with the server's row (or its absence) and who wrote it. */
static gboolean
describe_conflict (Push               *push,
                   RowChange          *change,
                   GPtrArray          *mine,
                   MbRemoteConflict  **conflict,
                   GError            **error)
{
  RemoteTable *t = change->table;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(PGresult) result = NULL;
  g_auto(GStrv) parts = split_key (change->key);
  MbRemoteConflict *c = g_new0 (MbRemoteConflict, 1);

  g_string_printf (sql, "SELECT r.*, a.author, " ACTION_TIME " FROM (SELECT %s, mb_rev"
                   " FROM \"%s\" WHERE ", t->select, t->name);
  append_key_condition (sql, t, 1, FALSE);
  g_string_append (sql, ") r LEFT JOIN mb_actions a ON a.id = r.mb_rev");
  result = run (push->remote, _("read a row"), PGRES_TUPLES_OK, sql->str, t->pk->len,
                (const char * const *) parts, error);
  if (result == NULL)
    {
      _mb_remote_conflict_free (c);
      return FALSE;
    }

  c->table = g_strdup (t->name);
  c->key = g_strdup (change->key);
  /* The entity as people name it: its title, or its name. */
  for (guint i = 0; i < t->columns->len && c->title == NULL; i++)
    if (g_str_equal (column_name (t, i), "title") || g_str_equal (column_name (t, i), "name"))
      {
        if (mine != NULL && mine->pdata[i] != NULL)
          c->title = g_strdup (mine->pdata[i]);
        else if (change->base != NULL)
          c->title = json_text (json_object_get_member (change->base, column_name (t, i)));
        else if (PQntuples (result) > 0 && !PQgetisnull (result, 0, i))
          c->title = g_strdup (PQgetvalue (result, 0, i));
      }
  if (PQntuples (result) == 0)
    {
      /* Gone: who deleted it is in mb_deletions. */
      g_autoptr(PGresult) who = NULL;
      g_autoptr(GString) keys = g_string_new ("{");
      const char *params[2] = { t->name, NULL };

      for (guint k = 0; k < t->pk->len; k++)
        {
          g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
          g_autofree char *json = NULL;

          json_node_set_string (node, parts[k] ? parts[k] : "");
          json = json_to_string (node, FALSE);
          g_string_append_printf (keys, "%s\"%s\": %s", k ? ", " : "",
                                  column_name (t, g_array_index (t->pk, guint, k)), json);
        }
      g_string_append_c (keys, '}');
      params[1] = keys->str;
      who = run (push->remote, _("read a row"), PGRES_TUPLES_OK,
                 "SELECT a.author, " ACTION_TIME " FROM mb_deletions d"
                 " JOIN mb_actions a ON a.id = d.rev WHERE d.tbl = $1 AND d.key = $2::jsonb"
                 " ORDER BY d.rev DESC LIMIT 1", 2, params, NULL);
      if (who != NULL && PQntuples (who) > 0)
        {
          c->author = g_strdup (PQgetvalue (who, 0, 0));
          c->when = parse_time (PQgetvalue (who, 0, 1));
        }
    }
  else
    {
      guint n = t->columns->len;

      /* After the columns: mb_rev, then its action's author and time. */
      c->author = PQgetisnull (result, 0, n + 1) ? NULL : g_strdup (PQgetvalue (result, 0, n + 1));
      c->when = PQgetisnull (result, 0, n + 2) ? NULL : parse_time (PQgetvalue (result, 0, n + 2));
      /* The first column whose value is not what the action started from. */
      for (guint i = 0; change->base != NULL && i < n; i++)
        {
          g_autofree char *base = json_text (json_object_get_member (change->base,
                                                                     column_name (t, i)));
          const char *theirs = PQgetisnull (result, 0, i) ? NULL : PQgetvalue (result, 0, i);
          const char *now = mine ? mine->pdata[i] : NULL;

          if (is_bookkeeping (column_name (t, i)) ||
              g_strcmp0 (base, theirs) == 0 || g_strcmp0 (base, now) == 0)
            continue;
          c->column = g_strdup (column_name (t, i));
          c->base = g_steal_pointer (&base);
          c->theirs = g_strdup (theirs);
          c->mine = g_strdup (now);
          break;
        }
    }
  *conflict = c;
  return TRUE;
}

static void
set_conflict_error (Push              *push,
                    MbRemoteConflict  *c,
                    GError           **error)
{
  g_autoptr(GDateTime) local = c->when ? g_date_time_to_local (c->when) : NULL;
  g_autofree char *when = local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("?");
  const char *who = c->author ? c->author : _("Somebody");
  const char *what = c->title ? c->title : c->table;

  if (c->column != NULL)
    g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_CONFLICT,
                 _("%s changed %s of “%s” to “%s” at %s; it was “%s”, and your change"
                   " would make it “%s”"),
                 who, c->column, what, c->theirs ? c->theirs : "", when,
                 c->base ? c->base : "", c->mine ? c->mine : "");
  else
    g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_CONFLICT,
                 _("%s changed or deleted “%s” at %s, after you last saw it"), who, what, when);
}

static gboolean
same_value (ColumnType  type,
            const char *a,
            const char *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (type == TYPE_REAL)
    return g_ascii_strtod (a, NULL) == g_ascii_strtod (b, NULL);
  return g_str_equal (a, b);
}

/* An undo or redo goes ahead on a row only if the row is still as the
 * step it replays left it: nobody changed it since, whichever field. */
static gboolean
check_as_left (Push              *push,
               RowChange         *change,
               GPtrArray         *now,
               MbRemoteConflict **conflict,
               GError           **error)
{
  RemoteTable *t = change->table;
  sqlite3_stmt *stmt;
  g_autoptr(JsonObject) image = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(PGresult) result = NULL;
  g_auto(GStrv) parts = split_key (change->key);
  gboolean same = TRUE;

  stmt = push_stmt (push, "SELECT vals FROM mb_remote_after WHERE first_seq = ? AND tbl = ?"
                          " AND key = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, push->undo_of);
  sqlite3_bind_text (stmt, 2, t->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, change->key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;  /* a step from before the replica kept images */
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    image = parse_object ((const char *) sqlite3_column_text (stmt, 0));

  g_string_printf (sql, "SELECT %s FROM \"%s\" WHERE ", t->select, t->name);
  append_key_condition (sql, t, 1, FALSE);
  result = run (push->remote, _("read a row"), PGRES_TUPLES_OK, sql->str, t->pk->len,
                (const char * const *) parts, error);
  if (result == NULL)
    return FALSE;
  if ((image == NULL) != (PQntuples (result) == 0))
    same = FALSE;
  for (guint i = 0; same && image != NULL && i < t->columns->len; i++)
    {
      JsonNode *node = json_object_get_member (image, column_name (t, i));
      const char *left = node && !JSON_NODE_HOLDS_NULL (node) ? json_node_get_string (node) : NULL;
      const char *there = PQgetisnull (result, 0, i) ? NULL : PQgetvalue (result, 0, i);

      if (!is_bookkeeping (column_name (t, i)))
        same = same_value (column_type_at (t, i), left, there);
    }
  if (same)
    return TRUE;

  if (!describe_conflict (push, change, now, conflict, error))
    return FALSE;
  /* The base of an undo is what the step left: say so with its values. */
  if (image != NULL && (*conflict)->column == NULL)
    for (guint i = 0; i < t->columns->len && PQntuples (result) > 0; i++)
      {
        JsonNode *node = json_object_get_member (image, column_name (t, i));
        const char *left = node && !JSON_NODE_HOLDS_NULL (node) ? json_node_get_string (node)
                                                                 : NULL;
        const char *there = PQgetisnull (result, 0, i) ? NULL : PQgetvalue (result, 0, i);

        if (is_bookkeeping (column_name (t, i)) ||
            same_value (column_type_at (t, i), left, there))
          continue;
        (*conflict)->column = g_strdup (column_name (t, i));
        (*conflict)->base = g_strdup (left);
        (*conflict)->theirs = g_strdup (there);
        (*conflict)->mine = g_strdup (now ? now->pdata[i] : NULL);
        break;
      }
  set_conflict_error (push, *conflict, error);
  return FALSE;
}

/* Keeps the rows as this action left them, for its undo and redo. */
static gboolean
record_image (Push         *push,
              RowChange    *change,
              GPtrArray    *now,
              GError      **error)
{
  RemoteTable *t = change->table;
  sqlite3_stmt *stmt;
  g_autofree char *vals = NULL;

  if (now != NULL)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      for (guint i = 0; i < t->columns->len; i++)
        {
          json_builder_set_member_name (builder, column_name (t, i));
          if (now->pdata[i] == NULL)
            json_builder_add_null_value (builder);
          else
            json_builder_add_string_value (builder, now->pdata[i]);
        }
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      vals = json_to_string (root, FALSE);
    }
  stmt = push_stmt (push, "INSERT OR REPLACE INTO mb_remote_after (first_seq, tbl, key, vals)"
                          " VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, push->first);
  sqlite3_bind_text (stmt, 2, t->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, change->key, -1, SQLITE_STATIC);
  if (vals != NULL)
    sqlite3_bind_text (stmt, 4, vals, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (push->db, sqlite3_errcode (push->db), error);
      return FALSE;
    }
  return TRUE;
}

static gint64
known_rev (Push        *push,
           RemoteTable *t,
           const char  *key)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = push_stmt (push, "SELECT rev FROM mb_remote_rows WHERE tbl = ? AND key = ?",
                                  &error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, t->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static gboolean
record_row (Push         *push,
            RemoteTable  *t,
            const char   *key,
            gboolean      present,
            GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = push_stmt (push, present ? "INSERT INTO mb_remote_rows (tbl, key, rev) VALUES (?, ?, ?)"
                                    " ON CONFLICT (tbl, key) DO UPDATE SET rev = excluded.rev"
                                  : "DELETE FROM mb_remote_rows WHERE tbl = ? AND key = ?",
                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, t->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  if (present)
    sqlite3_bind_int64 (stmt, 3, push->rev);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (push->db, sqlite3_errcode (push->db), error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
push_row (Push              *push,
          RowChange         *change,
          MbRemoteConflict **conflict,
          GError           **error)
{
  RemoteTable *t = change->table;
  g_autoptr(GPtrArray) now = NULL;
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PGresult) result = NULL;

  now = read_row (push, t, change->key, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!change->existed && now == NULL)
    return TRUE;
  if (push->undo_of > 0 && !check_as_left (push, change, now, conflict, error))
    return FALSE;
  if (!record_image (push, change, now, error))
    return FALSE;

  if (!change->existed)
    {
      g_string_printf (sql, "INSERT INTO \"%s\" (%s) VALUES (", t->name, t->select);
      for (guint i = 0; i < t->columns->len; i++)
        {
          g_string_append_printf (sql, "%s$%u::%s", i ? ", " : "", i + 1,
                                  type_cast (column_type_at (t, i)));
          g_ptr_array_add (params, g_strdup (now->pdata[i]));
        }
      /* The same key made by somebody else meanwhile (a tag, a relation):
       * nothing is inserted, and the check below finds it. */
      g_string_append (sql, ") ON CONFLICT (");
      for (guint k = 0; k < t->pk->len; k++)
        g_string_append_printf (sql, "%s\"%s\"", k ? ", " : "",
                                column_name (t, g_array_index (t->pk, guint, k)));
      g_string_append (sql, ") DO NOTHING");
    }
  else if (now == NULL)
    {
      gint64 rev = known_rev (push, t, change->key);
      g_auto(GStrv) parts = split_key (change->key);

      g_string_printf (sql, "DELETE FROM \"%s\" WHERE ", t->name);
      append_key_condition (sql, t, 1, FALSE);
      for (guint k = 0; parts[k] != NULL; k++)
        g_ptr_array_add (params, g_strdup (parts[k]));
      if (rev > 0)
        {
          g_string_append_printf (sql, " AND mb_rev = $%u::bigint", params->len + 1);
          g_ptr_array_add (params, g_strdup_printf ("%" G_GINT64_FORMAT, rev));
        }
    }
  else
    {
      g_auto(GStrv) parts = split_key (change->key);
      g_autoptr(GString) check = g_string_new (NULL);
      guint n_set = 0;

      g_string_printf (sql, "UPDATE \"%s\" SET ", t->name);
      for (guint i = 0; i < t->columns->len; i++)
        {
          g_autofree char *base = json_text (json_object_get_member (change->base,
                                                                     column_name (t, i)));

          if (g_strcmp0 (base, now->pdata[i]) == 0)
            continue;
          g_ptr_array_add (params, g_strdup (now->pdata[i]));
          g_string_append_printf (sql, "%s\"%s\" = $%u::%s", n_set++ ? ", " : "",
                                  column_name (t, i), params->len,
                                  type_cast (column_type_at (t, i)));
          if (is_bookkeeping (column_name (t, i)))
            continue;
          g_ptr_array_add (params, g_steal_pointer (&base));
          g_string_append_printf (check, " AND \"%s\" IS NOT DISTINCT FROM $%u::%s",
                                  column_name (t, i), params->len,
                                  type_cast (column_type_at (t, i)));
        }
      if (n_set == 0)
        return TRUE;
      g_string_append (sql, " WHERE ");
      append_key_condition (sql, t, params->len + 1, FALSE);
      for (guint k = 0; parts[k] != NULL; k++)
        g_ptr_array_add (params, g_strdup (parts[k]));
      g_string_append (sql, check->str);
    }

  result = run (push->remote, _("save a change"), PGRES_COMMAND_OK, sql->str, params->len,
                (const char * const *) params->pdata, error);
  if (result == NULL)
    return FALSE;
  if (g_str_equal (PQcmdTuples (result), "0"))
    {
      /* A delete of a row already gone wants what happened anyway. */
      if (change->existed && now == NULL)
        {
          g_autoptr(PGresult) exists = NULL;
          g_autoptr(GString) probe = g_string_new (NULL);
          g_auto(GStrv) parts = split_key (change->key);

          g_string_printf (probe, "SELECT 1 FROM \"%s\" WHERE ", t->name);
          append_key_condition (probe, t, 1, FALSE);
          exists = run (push->remote, _("read a row"), PGRES_TUPLES_OK, probe->str, t->pk->len,
                        (const char * const *) parts, error);
          if (exists == NULL)
            return FALSE;
          if (PQntuples (exists) == 0)
            return record_row (push, t, change->key, FALSE, error);
        }
      if (!describe_conflict (push, change, now, conflict, error))
        return FALSE;
      set_conflict_error (push, *conflict, error);
      return FALSE;
    }
  return record_row (push, t, change->key, now != NULL, error);
}

/* COPY's text format: backslash, tab, newline and carriage return escaped;
 * \N for NULL. */
static void
append_copy_field (GString    *out,
                   const char *text)
{
  if (text == NULL)
    {
      g_string_append (out, "\\N");
      return;
    }
  for (const char *p = text; *p; p++)
    switch (*p)
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case '\t': g_string_append (out, "\\t"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      default:   g_string_append_c (out, *p);
      }
}

/* The end of a COPY: its result, and every other one read and cleared, so
 * that the connection takes the next command. */
static gboolean
end_copy (MbStoreRemote  *self,
          const char     *what,
          GError        **error)
{
  g_autoptr(PGresult) end = PQgetResult (self->conn);
  PGresult *more;

  while ((more = PQgetResult (self->conn)) != NULL)
    PQclear (more);
  if (PQresultStatus (end) != PGRES_COMMAND_OK)
    {
      set_server_error (self, what, end, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
copy_in (MbStoreRemote  *self,
         const char     *sql,
         sqlite3_stmt   *rows,
         guint           n_columns,
         GError        **error)
{
  g_autoptr(PGresult) start = PQexec (self->conn, sql);
  g_autoptr(GString) buffer = g_string_sized_new (1 << 16);
  int rc;

  if (PQresultStatus (start) != PGRES_COPY_IN)
    {
      set_server_error (self, _("save changes"), start, error);
      return FALSE;
    }
  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *text = column_text (rows, c);

          if (c > 0)
            g_string_append_c (buffer, '\t');
          append_copy_field (buffer, text);
        }
      g_string_append_c (buffer, '\n');
      if (buffer->len > (1 << 16))
        {
          if (PQputCopyData (self->conn, buffer->str, buffer->len) != 1)
            break;
          g_string_truncate (buffer, 0);
        }
    }
  if (buffer->len > 0)
    PQputCopyData (self->conn, buffer->str, buffer->len);
  PQputCopyEnd (self->conn, rc == SQLITE_DONE ? NULL : "the replica could not be read");
  if (!end_copy (self, _("save changes"), error))
    return FALSE;
  return TRUE;
}

/* An undo or redo of a set goes ahead only if nobody else wrote any of its
 * rows after the step it replays. @ids: an array literal of the rows. */
static gboolean
check_set_untouched (Push              *push,
                     RemoteTable       *t,
                     const char        *ids,
                     MbRemoteConflict **conflict,
                     GError           **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *rev = NULL;
  g_autoptr(PGresult) result = NULL;
  const char *params[2];
  RowChange change = { t, NULL, TRUE, NULL };

  if (push->undo_of == 0 || push->undo_rev == 0)
    return TRUE;
  rev = g_strdup_printf ("%" G_GINT64_FORMAT, push->undo_rev);
  params[0] = ids;
  params[1] = rev;
  sql = g_strdup_printf ("SELECT t.id FROM \"%s\" t JOIN mb_actions a ON a.id = t.mb_rev"
                         " WHERE t.id = ANY ($1::text[]) AND t.mb_rev > $2::bigint"
                         " AND a.author <> session_user LIMIT 1", t->name);
  result = run (push->remote, _("read a row"), PGRES_TUPLES_OK, sql, 2, params, error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    return TRUE;
  change.key = PQgetvalue (result, 0, 0);
  if (!describe_conflict (push, &change, NULL, conflict, error))
    return FALSE;
  set_conflict_error (push, *conflict, error);
  return FALSE;
}

/* A set of rows a batch inserted (or an undo put back): copied in. */
static gboolean
push_inserted_set (Push       *push,
                   SetChange  *set,
                   GError    **error)
{
  RemoteTable *t = set->table;
  g_autofree char *select = g_strdup_printf ("SELECT %s FROM \"%s\" WHERE id IN"
                                             " (SELECT id FROM mb_undo_inserted WHERE seq = ?)",
                                             t->select, t->name);
  g_autofree char *copy = g_strdup_printf ("COPY \"%s\" (%s) FROM STDIN", t->name, t->select);
  g_autoptr(sqlite3_stmt) rows = _mb_store_prepare (push->db, select, error);

  if (rows == NULL)
    return FALSE;
  sqlite3_bind_int64 (rows, 1, set->seq);
  if (!copy_in (push->remote, copy, rows, t->columns->len, error))
    return FALSE;
  return _mb_store_exec (push->db, error,
                         "INSERT INTO mb_remote_rows (tbl, key, rev)"
                         " SELECT ?, id, ? FROM mb_undo_inserted WHERE seq = ?"
                         " ON CONFLICT (tbl, key) DO UPDATE SET rev = excluded.rev",
                         "sII", t->name, push->rev, set->seq);
}

/* A set of rows an undo took away: deleted where nobody wrote them since. */
static gboolean
push_deleted_set (Push              *push,
                  SetChange         *set,
                  MbRemoteConflict **conflict,
                  GError           **error)
{
  RemoteTable *t = set->table;
  g_autofree char *select = g_strdup_printf ("SELECT s.id, r.rev FROM mb_undo_stash_%s s"
                                             " LEFT JOIN mb_remote_rows r ON r.tbl = ?"
                                             " AND r.key = s.id WHERE s.mb_seq = ?", t->name);
  g_autofree char *delete = g_strdup_printf ("DELETE FROM \"%s\" t USING"
                                             " unnest ($1::text[], $2::bigint[]) AS k (id, rev)"
                                             " WHERE t.id = k.id AND (k.rev IS NULL"
                                             " OR t.mb_rev = k.rev)", t->name);
  g_autofree char *left = g_strdup_printf ("SELECT id FROM \"%s\" WHERE id = ANY ($1::text[])"
                                           " LIMIT 1", t->name);
  g_autoptr(sqlite3_stmt) rows = _mb_store_prepare (push->db, select, error);
  g_autoptr(GString) ids = g_string_new ("{");
  g_autoptr(GString) revs = g_string_new ("{");
  g_autoptr(PGresult) result = NULL;
  g_autoptr(PGresult) rest = NULL;
  const char *params[2];
  guint n = 0;

  if (rows == NULL)
    return FALSE;
  sqlite3_bind_text (rows, 1, t->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (rows, 2, set->seq);
  while (sqlite3_step (rows) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (rows, 0);

      /* Ids are UUIDs: nothing in them needs quoting in an array literal. */
      g_string_append_printf (ids, "%s\"%s\"", n ? "," : "", id);
      if (sqlite3_column_type (rows, 1) == SQLITE_NULL)
        g_string_append_printf (revs, "%sNULL", n ? "," : "");
      else
        g_string_append_printf (revs, "%s%" G_GINT64_FORMAT, n ? "," : "",
                                (gint64) sqlite3_column_int64 (rows, 1));
      n++;
    }
  g_string_append_c (ids, '}');
  g_string_append_c (revs, '}');
  params[0] = ids->str;
  params[1] = revs->str;
  if (!check_set_untouched (push, t, ids->str, conflict, error))
    return FALSE;
  result = run (push->remote, _("save changes"), PGRES_COMMAND_OK, delete, 2, params, error);
  if (result == NULL)
    return FALSE;
  rest = run (push->remote, _("read a row"), PGRES_TUPLES_OK, left, 1, params, error);
  if (rest == NULL)
    return FALSE;
  if (PQntuples (rest) > 0)
    {
      RowChange change = { t, PQgetvalue (rest, 0, 0), TRUE, NULL };

      if (!describe_conflict (push, &change, NULL, conflict, error))
        return FALSE;
      set_conflict_error (push, *conflict, error);
      return FALSE;
    }
  {
    g_autofree char *forget = g_strdup_printf ("DELETE FROM mb_remote_rows WHERE tbl = ? AND key IN"
                                               " (SELECT id FROM mb_undo_stash_%s"
                                               " WHERE mb_seq = ?)", t->name);

    return _mb_store_exec (push->db, error, forget, "sI", t->name, set->seq);
  }
}

static gboolean
is_before (gpointer key,
           gpointer value,
           gpointer data)
{
  return *(gint64 *) key < *(gint64 *) data;
}

gboolean
_mb_store_remote_push (MbStoreRemote     *self,
                       sqlite3           *db,
                       gint64             first,
                       gint64             last,
                       const char        *label,
                       gint64             undo_of,
                       MbRemoteConflict **conflict,
                       GError           **error)
{
  g_autoptr(sqlite3_stmt) entries = NULL;
  g_autoptr(PGresult) begun = NULL;
  g_autoptr(GError) local_error = NULL;
  Push push = { self, db, 0, first, undo_of, 0, NULL, NULL, NULL, NULL };
  const char *params[1] = { label };
  gint64 previous = -1;
  gboolean ok = FALSE;
  int rc;

  *conflict = NULL;
  if (!_mb_store_remote_is_connected (self))
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DISCONNECTED,
                   _("“%s” cannot be reached: nothing was changed"), self->display_name);
      return FALSE;
    }

  push.changes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) row_change_free);
  push.order = g_ptr_array_new ();
  push.stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);
  push.sets = g_ptr_array_new_with_free_func (g_free);

  entries = _mb_store_prepare (db, "SELECT seq, tbl, op, key, vals FROM mb_undo_log"
                                   " WHERE seq BETWEEN ? AND ? ORDER BY seq", &local_error);
  if (entries == NULL)
    goto out;
  sqlite3_bind_int64 (entries, 1, first);
  sqlite3_bind_int64 (entries, 2, last);
  while ((rc = sqlite3_step (entries)) == SQLITE_ROW)
    if (!note_entry (&push, sqlite3_column_int64 (entries, 0),
                     (const char *) sqlite3_column_text (entries, 1),
                     (const char *) sqlite3_column_text (entries, 2),
                     (const char *) sqlite3_column_text (entries, 3),
                     (const char *) sqlite3_column_text (entries, 4), &local_error))
      goto out;
  if (push.order->len == 0 && push.sets->len == 0)
    {
      ok = TRUE;
      goto out;
    }

  if (!run_plain (self, _("start a change"), "BEGIN", &local_error))
    goto out;
  begun = run (self, _("start a change"), PGRES_TUPLES_OK, "SELECT mb_begin_action ($1)", 1,
               params, &local_error);
  if (begun == NULL)
    goto out;
  push.rev = g_ascii_strtoll (PQgetvalue (begun, 0, 0), NULL, 10);
  {
    /* The action before this one: with the action lock held, a statement
     * from now on sees every action that committed before it. */
    g_autofree char *rev = g_strdup_printf ("%" G_GINT64_FORMAT, push.rev);
    const char *before_params[1] = { rev };
    g_autoptr(PGresult) before = run (self, _("start a change"), PGRES_TUPLES_OK,
                                      "SELECT coalesce (max (id), 0) FROM mb_actions"
                                      " WHERE id < $1::bigint", 1, before_params, &local_error);

    if (before == NULL)
      goto out;
    previous = g_ascii_strtoll (PQgetvalue (before, 0, 0), NULL, 10);
  }
  if (undo_of > 0)
    push.undo_rev = _mb_store_query_int (db, "SELECT rev FROM mb_remote_steps WHERE first_seq = ?",
                                         "I", undo_of);

  for (guint i = 0; i < push.sets->len; i++)
    {
      SetChange *set = push.sets->pdata[i];

      if (set->inserted ? !push_inserted_set (&push, set, &local_error)
                        : !push_deleted_set (&push, set, conflict, &local_error))
        goto out;
    }
  for (guint i = 0; i < push.order->len; i++)
    if (!push_row (&push, push.order->pdata[i], conflict, &local_error))
      goto out;

  if (!run_plain (self, _("save a change"), "COMMIT", &local_error))
    goto out;
  /* A replica that had every action before this one has this one too: it
   * stays up to date, and the next open (or pull) reads nothing again. */
  if (previous == last_action (db))
    {
      g_hash_table_foreach_remove (self->own_actions, is_before, &push.rev);
      if (!_mb_store_exec (db, &local_error, "UPDATE mb_remote_state SET value = ?"
                           " WHERE key = 'last_action'", "I", push.rev))
        goto out;
    }
  g_hash_table_add (self->own_actions, g_memdup2 (&push.rev, sizeof push.rev));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *at = g_date_time_format_iso8601 (now);

    /* The step's action, and no images of steps that are gone. */
    ok = _mb_store_exec (db, &local_error,
                         "INSERT OR REPLACE INTO mb_remote_actions (id, author, at, label)"
                         " VALUES (?, ?, ?, ?)", "Isss", push.rev, self->user, at, label) &&
         _mb_store_exec (db, &local_error,
                         "INSERT OR REPLACE INTO mb_remote_steps (first_seq, rev) VALUES (?, ?)",
                         "II", first, push.rev) &&
         _mb_store_exec (db, &local_error,
                         "DELETE FROM mb_remote_steps WHERE first_seq NOT IN"
                         " (SELECT first_seq FROM mb_undo_steps)", NULL) &&
         _mb_store_exec (db, &local_error,
                         "DELETE FROM mb_remote_after WHERE first_seq NOT IN"
                         " (SELECT first_seq FROM mb_undo_steps)", NULL);
  }

out:
  if (!ok)
    {
      rollback_server (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  g_hash_table_unref (push.changes);
  g_ptr_array_unref (push.order);
  g_hash_table_unref (push.stmts);
  g_ptr_array_unref (push.sets);
  return ok;
}

/* Pull */

/* One field of COPY's text format, unescaped; NULL for \N. */
static char *
copy_field (const char *field,
            gsize       len)
{
  GString *out;

  if (len == 2 && field[0] == '\\' && field[1] == 'N')
    return NULL;
  out = g_string_sized_new (len);
  for (gsize i = 0; i < len; i++)
    {
      char c = field[i];

      if (c != '\\' || i + 1 == len)
        {
          g_string_append_c (out, c);
          continue;
        }
      c = field[++i];
      switch (c)
        {
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'v': g_string_append_c (out, '\v'); break;
        case 'x':
          {
            int value = 0, n = 0;

            while (n < 2 && i + 1 < len && g_ascii_isxdigit (field[i + 1]))
              value = value * 16 + g_ascii_xdigit_value (field[++i]), n++;
            g_string_append_c (out, (char) value);
          }
          break;
        default:
          if (c >= '0' && c <= '7')
            {
              int value = c - '0', n = 1;

              while (n < 3 && i + 1 < len && field[i + 1] >= '0' && field[i + 1] <= '7')
                value = value * 8 + (field[++i] - '0'), n++;
              g_string_append_c (out, (char) value);
            }
          else
            g_string_append_c (out, c);
        }
    }
  return g_string_free (out, FALSE);
}

/* One row of COPY's text format (@len bytes, its newline included), as
 * its fields unescaped; NULL for SQL NULL. Frees @line. */
static GPtrArray *
copy_row (char *line,
          int   len)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  const char *p = line;
  const char *end = line + len;

  if (end > line && end[-1] == '\n')
    end--;
  while (p <= end)
    {
      const char *tab = memchr (p, '\t', end - p);
      const char *stop = tab ? tab : end;

      g_ptr_array_add (fields, copy_field (p, stop - p));
      p = stop + 1;
    }
  PQfreemem (line);
  return fields;
}

typedef struct
{
  MbStoreRemote *remote;
  sqlite3       *db;
  GHashTable    *tables;
  GHashTable    *changing_actions;  /* action ids whose rows changed the replica */
} Pull;

static gboolean
pull_deletions (Pull     *pull,
                gint64    last,
                gint64    top,
                GError  **error)
{
  g_autofree char *from = g_strdup_printf ("%" G_GINT64_FORMAT, last);
  g_autofree char *to = g_strdup_printf ("%" G_GINT64_FORMAT, top);
  const char *params[2] = { from, to };
  g_autoptr(PGresult) result = NULL;

  result = run (pull->remote, _("read changes"), PGRES_TUPLES_OK,
                "SELECT tbl, key::text, rev FROM mb_deletions WHERE rev > $1::bigint"
                " AND rev <= $2::bigint ORDER BY rev", 2, params, error);
  if (result == NULL)
    return FALSE;

  for (int r = 0; r < PQntuples (result); r++)
    {
      const char *tbl = PQgetvalue (result, r, 0);
      g_autoptr(JsonObject) key_object = parse_object (PQgetvalue (result, r, 1));
      g_autoptr(GString) sql = g_string_new (NULL);
      g_autofree char *key = NULL;
      g_auto(GStrv) parts = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;
      RemoteTable *t;

      if (!g_strv_contains (mb_store_entity_tables, tbl) || key_object == NULL)
        continue;
      t = lookup_table (pull->remote, pull->db, tbl);
      key = key_from_object (t, key_object);
      parts = split_key (key);
      g_string_printf (sql, "DELETE FROM \"%s\" WHERE ", t->name);
      append_key_condition (sql, t, 1, TRUE);
      stmt = _mb_store_prepare (pull->db, sql->str, error);
      if (stmt == NULL)
        return FALSE;
      for (guint k = 0; k < t->pk->len && parts[k] != NULL; k++)
        bind_text_value (stmt, k + 1, column_type_at (t, g_array_index (t->pk, guint, k)),
                         parts[k]);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          _mb_store_set_sqlite_error (pull->db, sqlite3_errcode (pull->db), error);
          return FALSE;
        }
      if (sqlite3_changes (pull->db) > 0)
        {
          gint64 rev = g_ascii_strtoll (PQgetvalue (result, r, 2), NULL, 10);

          g_hash_table_add (pull->tables, g_strdup (t->name));
          g_hash_table_add (pull->changing_actions, g_memdup2 (&rev, sizeof rev));
        }
      if (!_mb_store_exec (pull->db, error, "DELETE FROM mb_remote_rows WHERE tbl = ? AND key = ?",
                           "ss", t->name, key))
        return FALSE;
    }
  return TRUE;
}

static char *
upsert_sql (RemoteTable *t)
{
  GString *sql = g_string_new (NULL);
  g_autoptr(GString) set = g_string_new (NULL);
  g_autoptr(GString) differs = g_string_new (NULL);
  g_autoptr(GString) pk = g_string_new (NULL);

  for (guint k = 0; k < t->pk->len; k++)
    g_string_append_printf (pk, "%s\"%s\"", k ? ", " : "",
                            column_name (t, g_array_index (t->pk, guint, k)));
  for (guint i = 0; i < t->columns->len; i++)
    {
      gboolean in_key = FALSE;

      for (guint k = 0; k < t->pk->len; k++)
        in_key |= g_array_index (t->pk, guint, k) == i;
      if (in_key)
        continue;
      g_string_append_printf (set, "%s\"%s\" = excluded.\"%s\"", set->len ? ", " : "",
                              column_name (t, i), column_name (t, i));
      g_string_append_printf (differs, "%s\"%s\".\"%s\" IS NOT excluded.\"%s\"",
                              differs->len ? " OR " : "", t->name, column_name (t, i),
                              column_name (t, i));
    }
  g_string_printf (sql, "INSERT INTO \"%s\" (%s) VALUES (", t->name, t->select);
  for (guint i = 0; i < t->columns->len; i++)
    g_string_append_printf (sql, "%s?%u", i ? ", " : "", i + 1);
  if (set->len == 0)
    g_string_append_printf (sql, ") ON CONFLICT (%s) DO NOTHING", pk->str);
  else
    g_string_append_printf (sql, ") ON CONFLICT (%s) DO UPDATE SET %s WHERE %s", pk->str,
                            set->str, differs->str);
  return g_string_free (sql, FALSE);
}

/* The rows of @t written by actions @last < rev <= @top. */
static gboolean
pull_table (Pull        *pull,
            RemoteTable *t,
            gint64       last,
            gint64       top,
            GError     **error)
{
  MbStoreRemote *self = pull->remote;
  g_autofree char *copy = g_strdup_printf ("COPY (SELECT %s, mb_rev FROM \"%s\""
                                           " WHERE mb_rev > %" G_GINT64_FORMAT
                                           " AND mb_rev <= %" G_GINT64_FORMAT ") TO STDOUT",
                                           t->select, t->name, last, top);
  g_autofree char *upsert = upsert_sql (t);
  g_autoptr(PGresult) start = PQexec (self->conn, copy);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) record = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n = t->columns->len;
  char *line = NULL;
  int len;

  if (PQresultStatus (start) != PGRES_COPY_OUT)
    {
      set_server_error (self, _("read changes"), start, error);
      return FALSE;
    }
  stmt = _mb_store_prepare (pull->db, upsert, &local_error);
  record = _mb_store_prepare (pull->db, "INSERT INTO mb_remote_rows (tbl, key, rev)"
                                        " VALUES (?, ?, ?) ON CONFLICT (tbl, key)"
                                        " DO UPDATE SET rev = excluded.rev", &local_error);

  while ((len = PQgetCopyData (self->conn, &line, FALSE)) > 0)
    {
      g_autoptr(GPtrArray) fields = copy_row (line, len);
      g_autoptr(GString) key = g_string_new (NULL);
      gint64 rev;

      line = NULL;
      if (local_error != NULL || fields->len != n + 1)
        {
          if (local_error == NULL)
            g_set_error (&local_error, MB_STORE_ERROR, MB_STORE_ERROR_IO,
                         _("“%s” sent a row of %s that cannot be read"), self->display_name,
                         t->name);
          continue;  /* the copy is read to its end */
        }

      sqlite3_reset (stmt);
      for (guint i = 0; i < n; i++)
        bind_text_value (stmt, i + 1, column_type_at (t, i), fields->pdata[i]);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          g_autoptr(GError) row_error = NULL;

          _mb_store_set_sqlite_error (pull->db, sqlite3_errcode (pull->db), &row_error);
          g_set_error (&local_error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID,
                       _("“%s” holds a row of %s that this library refuses: %s"),
                       self->display_name, t->name, row_error->message);
          continue;
        }
      rev = g_ascii_strtoll (fields->pdata[n], NULL, 10);
      if (sqlite3_changes (pull->db) > 0)
        {
          g_hash_table_add (pull->tables, g_strdup (t->name));
          g_hash_table_add (pull->changing_actions, g_memdup2 (&rev, sizeof rev));
        }

      for (guint k = 0; k < t->pk->len; k++)
        {
          const char *part = fields->pdata[g_array_index (t->pk, guint, k)];

          if (k > 0)
            g_string_append (key, KEY_SEPARATOR);
          g_string_append (key, part ? part : "");
        }
      sqlite3_reset (record);
      sqlite3_bind_text (record, 1, t->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (record, 2, key->str, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (record, 3, rev);
      if (sqlite3_step (record) != SQLITE_DONE && local_error == NULL)
        _mb_store_set_sqlite_error (pull->db, sqlite3_errcode (pull->db), &local_error);
    }
  if (!end_copy (self, _("read changes"), error))
    return FALSE;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
_mb_store_remote_pull (MbStoreRemote  *self,
                       sqlite3        *db,
                       GHashTable     *tables,
                       char          **author,
                       char          **label,
                       GError        **error)
{
  g_autoptr(PGresult) actions = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *from = NULL;
  const char *params[1];
  Pull pull = { self, db, tables, NULL };
  gint64 last, top;
  gboolean only_own = TRUE;
  int n;

  *author = NULL;
  *label = NULL;
  if (!_mb_store_remote_is_connected (self))
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DISCONNECTED,
                   _("“%s” cannot be reached"), self->display_name);
      return FALSE;
    }

  last = last_action (db);
  from = g_strdup_printf ("%" G_GINT64_FORMAT, last);
  params[0] = from;
  /* One snapshot: action ids are given out in commit order (see
   * mb_begin_action), so the actions it holds are all those up to its
   * newest. */
  if (!run_plain (self, _("read changes"), "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                  error))
    return FALSE;
  actions = run (self, _("read changes"), PGRES_TUPLES_OK,
                 "SELECT a.id, a.author, " ACTION_TIME ", a.label FROM mb_actions a"
                 " WHERE a.id > $1::bigint ORDER BY a.id", 1, params, &local_error);
  if (actions == NULL)
    goto fail;
  n = PQntuples (actions);
  if (n == 0)
    {
      rollback_server (self);
      return TRUE;
    }
  top = g_ascii_strtoll (PQgetvalue (actions, n - 1, 0), NULL, 10);
  for (int r = 0; r < n && only_own; r++)
    {
      gint64 id = g_ascii_strtoll (PQgetvalue (actions, r, 0), NULL, 10);

      only_own = g_hash_table_contains (self->own_actions, &id);
    }

  pull.changing_actions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  /* What this connection pushed itself is in the replica already. */
  if (!only_own)
    {
      if (!pull_deletions (&pull, last, top, &local_error))
        goto fail;
      for (guint i = 0; mb_store_entity_tables[i] != NULL; i++)
        if (!pull_table (&pull, lookup_table (self, db, mb_store_entity_tables[i]), last, top,
                         &local_error))
          goto fail;
    }

  for (int r = 0; r < n; r++)
    {
      gint64 id = g_ascii_strtoll (PQgetvalue (actions, r, 0), NULL, 10);

      if (!_mb_store_exec (db, &local_error,
                           "INSERT OR REPLACE INTO mb_remote_actions (id, author, at, label)"
                           " VALUES (?, ?, ?, ?)", "Isss", id, PQgetvalue (actions, r, 1),
                           PQgetvalue (actions, r, 2), PQgetvalue (actions, r, 3)))
        goto fail;
      if (g_hash_table_contains (pull.changing_actions, &id) &&
          !g_hash_table_contains (self->own_actions, &id))
        {
          g_free (*author);
          g_free (*label);
          *author = g_strdup (PQgetvalue (actions, r, 1));
          *label = g_strdup (PQgetvalue (actions, r, 3));
        }
      g_hash_table_remove (self->own_actions, &id);
    }
  if (!_mb_store_exec (db, &local_error,
                       "UPDATE mb_remote_state SET value = ? WHERE key = 'last_action'", "I", top))
    goto fail;

  rollback_server (self);  /* a read-only snapshot: nothing to commit */
  g_hash_table_unref (pull.changing_actions);
  return TRUE;

fail:
  rollback_server (self);
  g_clear_pointer (&pull.changing_actions, g_hash_table_unref);
  g_clear_pointer (author, g_free);
  g_clear_pointer (label, g_free);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Search */

/* Each word of @text as a prefix term of PostgreSQL's full-text search, all
 * of them required. A word goes in quoted, so that the server's own parser
 * reads it as it read the text it indexed ("kolada:N01951", "2020-01234",
 * "1.2") and nothing typed is query syntax. NULL if no word is left. */
static char *
prefix_query (const char *text)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      g_string_append (query, query->len ? " & '" : "'");
      for (const char *p = words[i]; *p; p++)
        {
          if (*p == '\'' || *p == '\\')
            g_string_append_c (query, *p);
          g_string_append_c (query, *p);
        }
      g_string_append (query, "':*");
    }
  return query->len ? g_string_free (g_steal_pointer (&query), FALSE) : NULL;
}

gboolean
_mb_store_remote_search (MbStoreRemote  *self,
                         const char     *text,
                         guint           limit,
                         GPtrArray      *hits,
                         GError        **error)
{
  g_autofree char *query = prefix_query (text);
  g_autofree char *count = g_strdup_printf ("%u", limit ? limit : 100);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(PGresult) result = NULL;
  const char *params[2] = { query, count };
  const char *table;
  const char * const *columns;

  if (query == NULL)
    return TRUE;

  /* The tables' weighted vectors (mb-remote.c): the title counts most.
   * A snippet only for the hits that are shown. */
  g_string_append (sql, "WITH q AS (SELECT to_tsquery ('swedish', $1) AS q),"
                        " hits AS (");
  for (guint i = 0; _mb_store_search_table (i, &table, &columns); i++)
    {
      g_string_append_printf (sql, "%sSELECT '%s' AS kind, t.id, t.\"%s\" AS title,"
                              " ts_rank (t.mb_search, q.q, 1) AS rank, concat_ws (' '",
                              i ? " UNION ALL " : "", table, columns[0]);
      for (guint c = 1; columns[c] != NULL; c++)
        g_string_append_printf (sql, ", t.\"%s\"", columns[c]);
      g_string_append_printf (sql, ") AS body FROM \"%s\" t, q WHERE t.mb_search @@ q.q", table);
    }
  g_string_append (sql, ") SELECT h.kind, h.id, h.title,"
                        " ts_headline ('swedish', h.body, q.q, 'MaxWords=12, MinWords=4,"
                        " StartSel=\"\", StopSel=\"\", FragmentDelimiter=\"…\"'), h.rank"
                        " FROM (SELECT * FROM hits ORDER BY rank DESC, title LIMIT $2::int) h, q"
                        " ORDER BY h.rank DESC, h.title");

  result = run (self, _("search"), PGRES_TUPLES_OK, sql->str, 2, params, error);
  if (result == NULL)
    return FALSE;
  for (int r = 0; r < PQntuples (result); r++)
    {
      MbSearchHit *hit = g_new0 (MbSearchHit, 1);

      hit->kind = g_strdup (PQgetvalue (result, r, 0));
      hit->id = g_strdup (PQgetvalue (result, r, 1));
      hit->title = g_strdup (PQgetvalue (result, r, 2));
      hit->snippet = g_strdup (PQgetvalue (result, r, 3));
      /* As the replica's search ranks: lower is better. */
      hit->rank = -g_ascii_strtod (PQgetvalue (result, r, 4), NULL);
      g_ptr_array_add (hits, hit);
    }
  return TRUE;
}

/* Upgrade */

/* Rows of the server's @t (the columns the library file of the old version
 * has) into that file. */
static gboolean
upgrade_read_table (MbStoreRemote  *self,
                    sqlite3        *db,
                    RemoteTable    *t,
                    GError        **error)
{
  g_autofree char *copy = g_strdup_printf ("COPY (SELECT %s FROM \"%s\") TO STDOUT",
                                           t->select, t->name);
  g_autofree char *insert = NULL;
  g_autoptr(GString) marks = g_string_new (NULL);
  g_autoptr(PGresult) start = PQexec (self->conn, copy);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  char *line = NULL;
  int len;

  if (PQresultStatus (start) != PGRES_COPY_OUT)
    {
      set_server_error (self, _("read changes"), start, error);
      return FALSE;
    }
  for (guint i = 0; i < t->columns->len; i++)
    g_string_append_printf (marks, "%s?", i ? ", " : "");
  insert = g_strdup_printf ("INSERT INTO \"%s\" (%s) VALUES (%s)", t->name, t->select, marks->str);
  stmt = _mb_store_prepare (db, insert, &local_error);

  while ((len = PQgetCopyData (self->conn, &line, FALSE)) > 0)
    {
      g_autoptr(GPtrArray) fields = copy_row (line, len);

      if (stmt != NULL)
        sqlite3_reset (stmt);
      for (guint i = 0; stmt != NULL && i < fields->len && i < t->columns->len; i++)
        bind_text_value (stmt, i + 1, column_type_at (t, i), fields->pdata[i]);
      if (stmt != NULL && local_error == NULL && sqlite3_step (stmt) != SQLITE_DONE)
        {
          _mb_store_set_sqlite_error (db, sqlite3_errcode (db), &local_error);
          g_prefix_error (&local_error, "%s: ", t->name);
        }
    }
  if (!end_copy (self, _("read changes"), error))
    return FALSE;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
table_exists_in (sqlite3    *db,
                 const char *table)
{
  return _mb_store_query_int (db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                                  " AND name = ?", "s", table) > 0;
}

gboolean
_mb_remote_upgrade (PGconn      *conn,
                    const char  *display_name,
                    int          version,
                    GError     **error)
{
  g_autoptr(MbStoreRemote) self = g_new0 (MbStoreRemote, 1);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *label = NULL;
  g_autofree char *lock = NULL;
  g_autoptr(PGresult) top = NULL;
  g_autoptr(PGresult) begun = NULL;
  const char *params[1];
  sqlite3 *db = NULL;
  gboolean ok = FALSE;

  /* A remote of the moment, on the caller's connection. */
  self->conn = conn;
  self->display_name = g_strdup (display_name);
  self->tables = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) remote_table_free);
  self->own_actions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  schema = _mb_remote_schema_sql (&local_error);
  if (schema == NULL ||
      sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL)
        != SQLITE_OK)
    goto out;
  _mb_store_levels_register_sql (db);
  lock = g_strdup_printf ("SELECT pg_advisory_xact_lock (%" G_GINT64_FORMAT ")",
                          (gint64) MB_REMOTE_ACTION_LOCK);

  /* Nobody writes while the library is made anew. */
  if (!run_plain (self, _("start a change"), "BEGIN", &local_error) ||
      !mb_remote_exec (conn, lock, &local_error) ||
      !_mb_store_migrate (db, 0, version, &local_error) ||
      !_mb_store_exec (db, &local_error, "BEGIN", NULL) ||
      !_mb_store_exec (db, &local_error, "PRAGMA defer_foreign_keys = ON", NULL))
    goto out;
  for (guint i = 0; mb_store_entity_tables[i] != NULL; i++)
    if (table_exists_in (db, mb_store_entity_tables[i]) &&
        !upgrade_read_table (self, db, lookup_table (self, db, mb_store_entity_tables[i]),
                             &local_error))
      goto out;
  if (!_mb_store_exec (db, &local_error, "COMMIT", NULL))
    goto out;
  /* The same migrations as a library file's, then this version's tables. */
  g_hash_table_remove_all (self->tables);
  if (!_mb_store_migrate (db, version, MB_STORE_SCHEMA_VERSION, &local_error))
    goto out;

  top = run (self, _("read changes"), PGRES_TUPLES_OK,
             "SELECT coalesce (max (id), 0) FROM mb_actions", 0, NULL, &local_error);
  if (top == NULL ||
      !mb_remote_exec (conn, "CREATE TEMPORARY TABLE mb_old_actions ON COMMIT DROP AS"
                             " SELECT * FROM mb_actions;"
                             " DROP SCHEMA " MB_REMOTE_SCHEMA " CASCADE", &local_error) ||
      !mb_remote_exec (conn, schema, &local_error) ||
      !mb_remote_exec (conn, "SET LOCAL search_path TO " MB_REMOTE_SCHEMA ", pg_temp;"
                             " INSERT INTO mb_actions SELECT * FROM pg_temp.mb_old_actions",
                       &local_error))
    goto out;
  /* Action ids go on from where they were. */
  if (!g_str_equal (PQgetvalue (top, 0, 0), "0"))
    {
      g_autofree char *setval = g_strdup_printf ("SELECT setval ('mb_action_seq', %s)",
                                                 PQgetvalue (top, 0, 0));

      if (!mb_remote_exec (conn, setval, &local_error))
        goto out;
    }
  label = g_strdup_printf ("Upgrade to schema version %d", MB_STORE_SCHEMA_VERSION);
  params[0] = label;
  begun = run (self, _("start a change"), PGRES_TUPLES_OK, "SELECT mb_begin_action ($1)", 1,
               params, &local_error);
  if (begun == NULL)
    goto out;
  for (guint i = 0; mb_store_entity_tables[i] != NULL; i++)
    {
      RemoteTable *t = lookup_table (self, db, mb_store_entity_tables[i]);
      g_autofree char *select = g_strdup_printf ("SELECT %s FROM \"%s\"", t->select, t->name);
      g_autofree char *copy = g_strdup_printf ("COPY \"%s\" (%s) FROM STDIN", t->name,
                                               t->select);
      g_autoptr(sqlite3_stmt) rows = _mb_store_prepare (db, select, &local_error);

      if (rows == NULL || !copy_in (self, copy, rows, t->columns->len, &local_error))
        goto out;
    }
  ok = run_plain (self, _("save changes"), "COMMIT", &local_error);

out:
  if (!ok)
    {
      rollback_server (self);
      if (local_error == NULL)
        g_set_error (&local_error, MB_STORE_ERROR, MB_STORE_ERROR_FAILED, "%s",
                     db ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  if (db != NULL)
    sqlite3_close (db);
  self->conn = NULL;  /* the caller's */
  return ok;
}

gboolean
_mb_store_remote_has_news (MbStoreRemote *self,
                           sqlite3       *db)
{
  g_autofree char *from = g_strdup_printf ("%" G_GINT64_FORMAT, last_action (db));
  const char *params[1] = { from };
  g_autoptr(PGresult) result = NULL;

  if (!_mb_store_remote_is_connected (self))
    return TRUE;
  result = PQexecParams (self->conn, "SELECT EXISTS (SELECT FROM mb_actions"
                                     " WHERE id > $1::bigint)", 1, NULL, params, NULL, NULL, 0);
  return PQresultStatus (result) != PGRES_TUPLES_OK || g_str_equal (PQgetvalue (result, 0, 0), "t");
}
