/* mb-store.c – the library file: open, migrate, transactions, persistent undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Undo follows sqlite.org's "Automatic Undo/Redo Using SQLite": triggers on
 * every entity table write the inverse of each row change into mb_undo_log,
 * inside the same transaction as the change. Since schema version 5 an entry
 * is data (table, kind, key, values), never SQL: replay builds and checks
 * each statement itself and refuses a history it cannot vouch for
 * (mb-store-undo-log.c). A step is a range of that log (mb_undo_steps).
 * Undo replays a step's inverses in reverse order in one transaction; the
 * triggers record what that replay did, which becomes the redo step.
 * Because log and steps live in the library, history survives a restart
 * and a crash, and is exactly as durable as the data it undoes.
 *
 * A batch action (import, paste, generator) inserts up to hundreds of
 * thousands of rows, and a log row per inserted row would cost more than the
 * rows themselves. While a batch runs, mb_undo_batch holds each table's
 * largest rowid from before it: rows above it are new, and the triggers skip
 * them (inserts, and updates or deletes of a row the batch itself made).
 * At the end, the new rows' ids go into mb_undo_inserted in one INSERT …
 * SELECT per table, and one log entry per table deletes them on undo. That
 * entry was reserved before the batch ran, so it is replayed after the
 * per-row inverses of the older rows the batch changed, which may have
 * pointed at new rows. Undo moves the set's rows into a stash in one
 * statement and redo moves them back in one, so both cost about what the
 * import's own inserts cost. The search index of the new rows is filled in
 * one statement per table as well.
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib-unix.h>

#include "mb-core-resources.h"
#include "mb-remote.h"
#include "mb-store-lock-private.h"
#include "mb-store-private.h"
#include "mb-store-remote-private.h"
#include "mb-store-review.h"
#include "mb-store-undo-log.h"

struct _MbStore
{
  GObject   parent_instance;

  /* Owned references */
  sqlite3  *db;
  char     *path;
  char     *undo_label;
  char     *redo_label;
  /* The chain index, kept current with the committed library. */
  MbChainCache *chain;

  /* A review's working copy: its directory (deleted at finalize) and the
   * file it was made from. NULL when not a review. */
  char     *review_dir;
  char     *review_source;

  /* Commits of other connections (windows, processes, this store's own
   * workers): the data version and the highest undo-log seq this store has
   * accounted for. A watch polls the data version while the store is open,
   * and announces what the log says changed (see take_outside_changes()). */
  gint64    seen_data_version;
  gint64    seen_seq;
  GSource  *watch;
  GSource  *chain_idle;   /* starts the chain index's first build */
  /* mb_store_run_async() works running; the watch waits for them. */
  guint     n_workers;

  /* A worker's store (mb_store_run_async()): its actions announce nothing;
   * the tables they touched and their ranges of the undo log are handed
   * back to the store that started the work. */
  GHashTable *worker_tables;
  GArray     *worker_ranges;
  /* The files as opened, to refuse edits once they were deleted or replaced. */
  MbStoreFiles files;
  char        *gone_reason;

  gboolean  read_only;
  gboolean  review;
  gboolean  in_transaction;
  int       busy_timeout;   /* ms, as set on the connection */

  /* A shared library (mb-store-remote-private.h): its URI, the connection
   * the replica follows, the watch on its socket, and the pull or
   * reconnection waiting to run. NULL and 0 for a file. */
  char          *remote_uri;
  MbStoreRemote *remote;
  GSource       *remote_watch;
  guint          pull_source;
  guint          reconnect_source;
  gboolean       reconnecting;   /* a thread tries to connect */
  gboolean       disposed;
  /* The running transaction: its first undo-log entry and its action's
   * label, for the push at its commit. */
  gint64         txn_first;
  const char    *txn_label;
  gint64         txn_undo_of;   /* an undo or redo: the first entry of the step */
  MbRemoteConflict *conflict;
};

G_DEFINE_FINAL_TYPE (MbStore, mb_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_READ_ONLY,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_GONE_REASON,
  PROP_REMOTE_NAME,
  PROP_CONNECTED,
  N_PROPS
};

enum {
  CHANGED,
  REMOTE_ACTION,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

enum {
  STACK_UNDO = 0,
  STACK_REDO = 1,
};

const char * const mb_store_entity_tables[] = {
  "organisations", "strategies", "levels", "nodes", "links", "node_tags",
  "node_territories", "indicators", "indicator_targets", "target_history", "node_indicators",
  "measurements", "funding_calls", "projects", "project_funding",
  "project_partners", "project_calls", "project_nodes", "call_nodes",
  "project_indicator_values", "review_comments", "follow_up_rounds", "assessments",
  "activities", "activity_organisations", "activity_nodes", "activity_projects",
  "activity_calls", "revisions", "revision_chunks",
  NULL
};

/* The names of an activity's organisations, for its search body: a person
 * looking for what was done with a partner types the partner's name. */
#define ACTIVITY_ORGANISATION_NAMES \
  "(SELECT group_concat(o.name, ' ') FROM activity_organisations ao" \
  " JOIN organisations o ON o.id = ao.organisation_id WHERE ao.activity_id = %s.id)"

/* Full-text search: which columns of which table are indexed. The first is
 * the title; the rest form the body, with @extra (an expression over the
 * row, "%s" standing for its name) if set. */
static const struct {
  const char *table;
  const char *columns[6];
  const char *extra;
} search_tables[] = {
  { "strategies", { "title", "short_name", "registration_number", "description", NULL } },
  { "nodes", { "title", "code", "description", "responsible", NULL } },
  { "indicators", { "title", "reference", "description", "unit", "source", NULL } },
  { "funding_calls", { "title", "call_number", "funder", "programme", "description", NULL } },
  { "projects", { "title", "registration_number", "description", NULL } },
  { "organisations", { "name", "org_number", NULL } },
  { "review_comments", { "author", "body", NULL } },
  { "follow_up_rounds", { "title", "decision_number", "responsible", NULL } },
  { "assessments", { "judgement", "override_reason", "assessed_by", NULL } },
  { "activities", { "title", "description", "registration_number", "reference", NULL },
    ACTIVITY_ORGANISATION_NAMES },
};

/* A batch stays off when a table's rowids come near the end of their range,
 * where SQLite would no longer give new rows larger ones. */
#define BATCH_MAX_ROWID (G_MAXINT64 / 2)

/* Page cache (KiB) while a batch or a replay of a large step runs. A
 * transaction of hundreds of thousands of rows with random UUID keys
 * outgrows SQLite's default 2 MiB: it would spill pages to the WAL and read
 * them back all along, which costs more than the inserts themselves. */
#define BIG_TRANSACTION_CACHE_KIB 65536
#define BIG_STEP_ENTRIES 1000

G_DEFINE_QUARK (mb-store-error-quark, mb_store_error)

/* Helpers */

char *
_mb_store_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *seconds = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (now) / 1000);
}

char *
mb_store_new_id (void)
{
  return g_uuid_string_random ();
}

gboolean
mb_store_changes_include (const char * const *tables,
                          const char        *table)
{
  return tables != NULL && g_strv_contains (tables, table);
}

static const char *
constraint_column_hint (const char *msg)
{
  const char *colon = strchr (msg, ':');

  return colon ? colon + 1 : msg;
}

void
_mb_store_set_sqlite_error (sqlite3  *db,
                            int       rc,
                            GError  **error)
{
  const char *msg = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  int ext = db ? sqlite3_extended_errcode (db) : rc;
  const char *path;

  switch (ext)
    {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DUPLICATE,
                   _("The value is already taken:%s"), constraint_column_hint (msg));
      return;
    case SQLITE_CONSTRAINT_NOTNULL:
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED,
                   _("A required field is empty:%s"), constraint_column_hint (msg));
      return;
    case SQLITE_CONSTRAINT_CHECK:
      if (strstr (msg, "length(trim("))
        g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED,
                     _("A required field is empty:%s"), constraint_column_hint (msg));
      else if (strstr (msg, "BETWEEN") || strstr (msg, ">=") || strstr (msg, "<="))
        g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_RANGE,
                     _("A value is out of range:%s"), constraint_column_hint (msg));
      else
        g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID,
                     _("A value is not allowed:%s"), constraint_column_hint (msg));
      return;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   _("A reference points to something that does not exist"));
      return;
    default:
      break;
    }

  /* Say which library: the app may have several open, and a script more. */
  path = db ? sqlite3_db_filename (db, "main") : NULL;
  if (path != NULL && path[0] == '\0')
    path = NULL;

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      if (path != NULL)
        g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_BUSY,
                     _("The library “%s” is in use by another program; try again"), path);
      else
        g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_BUSY,
                     _("The library is in use by another program; try again"));
      break;
    case SQLITE_READONLY:
      if (path != NULL)
        g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_READ_ONLY,
                     _("The library “%s” cannot be written: %s"), path, msg);
      else
        g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_READ_ONLY,
                     _("The library cannot be written: %s"), msg);
      break;
    case SQLITE_AUTH:
      /* Only a review store has an authorizer. */
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_READ_ONLY,
                   _("This library is open for review; only comments can be added"));
      break;
    case SQLITE_NOTADB:
      if (path != NULL)
        g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_A_LIBRARY,
                     _("“%s” is not a Målbild library"), path);
      else
        g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_A_LIBRARY,
                     _("The file is not a Målbild library"));
      break;
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_CORRUPT:
      if (path != NULL)
        g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_IO,
                     _("The library “%s” could not be read or written: %s"), path, msg);
      else
        g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_IO,
                     _("The library could not be read or written: %s"), msg);
      break;
    default:
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_FAILED, "%s", msg);
      break;
    }
}

sqlite3_stmt *
_mb_store_prepare (sqlite3     *db,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return NULL;
    }
  return stmt;
}

gboolean
_mb_store_bind (sqlite3_stmt *stmt,
                const char   *types,
                va_list       args)
{
  for (int i = 0; types && types[i]; i++)
    {
      int rc = SQLITE_OK;

      switch (types[i])
        {
        case 's':
          {
            const char *s = va_arg (args, const char *);
            rc = s ? sqlite3_bind_text (stmt, i + 1, s, -1, SQLITE_TRANSIENT)
                   : sqlite3_bind_null (stmt, i + 1);
          }
          break;
        case 'i':
          rc = sqlite3_bind_int (stmt, i + 1, va_arg (args, int));
          break;
        case 'I':
          rc = sqlite3_bind_int64 (stmt, i + 1, va_arg (args, gint64));
          break;
        case 'd':
          {
            double d = va_arg (args, double);
            rc = isnan (d) ? sqlite3_bind_null (stmt, i + 1)
                           : sqlite3_bind_double (stmt, i + 1, d);
          }
          break;
        default:
          g_return_val_if_reached (FALSE);
        }
      if (rc != SQLITE_OK)
        return FALSE;
    }
  return TRUE;
}

gboolean
_mb_store_exec (sqlite3     *db,
                GError     **error,
                const char  *sql,
                const char  *types,
                ...)
{
  g_autoptr(sqlite3_stmt) stmt = _mb_store_prepare (db, sql, error);
  va_list args;
  gboolean ok;
  int rc;

  if (stmt == NULL)
    return FALSE;

  va_start (args, types);
  ok = _mb_store_bind (stmt, types, args);
  va_end (args);
  if (!ok)
    {
      _mb_store_set_sqlite_error (db, SQLITE_MISUSE, error);
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

gint64
_mb_store_query_int (sqlite3    *db,
                     const char *sql,
                     const char *types,
                     ...)
{
  g_autoptr(sqlite3_stmt) stmt = _mb_store_prepare (db, sql, NULL);
  va_list args;

  if (stmt == NULL)
    return 0;
  va_start (args, types);
  _mb_store_bind (stmt, types, args);
  va_end (args);

  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

char *
_mb_store_query_text (sqlite3    *db,
                      const char *sql,
                      const char *types,
                      ...)
{
  g_autoptr(sqlite3_stmt) stmt = _mb_store_prepare (db, sql, NULL);
  va_list args;

  if (stmt == NULL)
    return NULL;
  va_start (args, types);
  _mb_store_bind (stmt, types, args);
  va_end (args);

  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gboolean
exec_plain (sqlite3     *db,
            const char  *sql,
            GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Schema and migrations */

/* Tables that a later version adds get their triggers from the migration
 * that creates them, so the earlier ones pass them by. */
static gboolean
table_exists (sqlite3    *db,
              const char *table)
{
  return _mb_store_query_int (db, "SELECT count(*) FROM sqlite_master"
                                  " WHERE type = 'table' AND name = ?", "s", table) > 0;
}

GPtrArray *
_mb_store_table_columns (sqlite3    *db,
                         const char *table,
                         GPtrArray **pk_columns)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info(\"%s\")", table);
  g_autoptr(sqlite3_stmt) stmt = _mb_store_prepare (db, sql, NULL);
  GPtrArray *columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) pks = g_ptr_array_new_with_free_func (g_free);

  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      g_ptr_array_add (columns, g_strdup (name));
      if (sqlite3_column_int (stmt, 5) > 0)
        g_ptr_array_add (pks, g_strdup (name));
    }

  *pk_columns = g_steal_pointer (&pks);
  return columns;
}

/* Versions 1 to 4: the inverse of each row change, as SQL text, into
 * mb_undo_log. Rows are addressed by primary key (not rowid, which VACUUM
 * may renumber). With @batch_aware (schema version 2 on, tables with a
 * rowid), rows that a running batch action made are left to the batch's own
 * record. Version 5 replaces them (mb-store-undo-log.c); only the
 * migrations up to it use these. */
static gboolean
install_undo_triggers (sqlite3     *db,
                       const char  *table,
                       gboolean     batch_aware,
                       GError     **error)
{
  g_autoptr(GPtrArray) pks = NULL;
  g_autoptr(GPtrArray) columns = _mb_store_table_columns (db, table, &pks);
  g_autoptr(GString) where_new = g_string_new (NULL);
  g_autoptr(GString) set_old = g_string_new (NULL);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) values_old = g_string_new (NULL);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *when_new = NULL;
  g_autofree char *when_old = NULL;

  for (guint i = 0; i < pks->len; i++)
    g_string_append_printf (where_new, "%s%s=' || quote(new.%s) || '",
                            i ? " AND " : "", (char *) pks->pdata[i], (char *) pks->pdata[i]);
  for (guint i = 0; i < columns->len; i++)
    {
      const char *c = columns->pdata[i];

      g_string_append_printf (set_old, "%s%s=' || quote(old.%s) || '", i ? "," : "", c, c);
      g_string_append_printf (names, "%s%s", i ? "," : "", c);
      g_string_append_printf (values_old, "%s' || quote(old.%s) || '", i ? "," : "", c);
    }
  when_new = _mb_undo_batch_when (table, "new", batch_aware);
  when_old = _mb_undo_batch_when (table, "old", batch_aware);

  g_string_append_printf (sql,
    "CREATE TRIGGER mb_undo_%1$s_insert AFTER INSERT ON %1$s %6$sBEGIN "
    "INSERT INTO mb_undo_log (tbl, sql) VALUES ('%1$s', "
    "'DELETE FROM %1$s WHERE %2$s'); END;\n"
    "CREATE TRIGGER mb_undo_%1$s_update AFTER UPDATE ON %1$s %7$sBEGIN "
    "INSERT INTO mb_undo_log (tbl, sql) VALUES ('%1$s', "
    "'UPDATE %1$s SET %3$s WHERE %2$s'); END;\n"
    "CREATE TRIGGER mb_undo_%1$s_delete AFTER DELETE ON %1$s %7$sBEGIN "
    "INSERT INTO mb_undo_log (tbl, sql) VALUES ('%1$s', "
    "'INSERT INTO %1$s (%4$s) VALUES (%5$s)'); END;\n",
    table, where_new->str, set_old->str, names->str, values_old->str, when_new, when_old);

  return exec_plain (db, sql->str, error);
}

static int
search_table_index (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (search_tables); i++)
    if (g_str_equal (search_tables[i].table, table))
      return (int) i;
  return -1;
}

gboolean
_mb_store_search_table (guint                 index,
                        const char          **table,
                        const char * const  **columns)
{
  if (index >= G_N_ELEMENTS (search_tables))
    return FALSE;
  *table = search_tables[index].table;
  *columns = search_tables[index].columns;
  return TRUE;
}

/* The body column of the search index of search_tables[@index], reading
 * row @row. */
static char *
search_body (const char *row,
             int         index)
{
  const char * const *columns = search_tables[index].columns;
  GString *body = g_string_new ("''");

  for (guint i = 1; columns[i]; i++)
    g_string_append_printf (body, " || ' ' || coalesce(%s.%s, '')", row, columns[i]);
  if (search_tables[index].extra != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (search_tables[index].extra, "%s", -1);
      g_autofree char *extra = g_strjoinv (row, parts);

      g_string_append_printf (body, " || ' ' || coalesce(%s, '')", extra);
    }
  return g_string_free (body, FALSE);
}

/* Keeps mb_search (FTS5) in step with an entity table. mb_search_ids gives
 * each indexed entity a stable integer rowid in the index. */
static gboolean
install_search_triggers (sqlite3     *db,
                         int          index,
                         gboolean     batch_aware,
                         GError     **error)
{
  const char *table = search_tables[index].table;
  const char * const *columns = search_tables[index].columns;
  g_autofree char *body_new = search_body ("new", index);
  g_autoptr(GString) body_old_changed = g_string_new ("0");
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *when_new = NULL;

  for (guint i = 1; columns[i]; i++)
    g_string_append_printf (body_old_changed, " OR old.%1$s IS NOT new.%1$s", columns[i]);
  /* A batch indexes its new rows at its end; updates and deletes of rows
   * not yet indexed find nothing to change. */
  when_new = _mb_undo_batch_when (table, "new", batch_aware);

  g_string_append_printf (sql,
    "CREATE TRIGGER mb_search_%1$s_insert AFTER INSERT ON %1$s %5$sBEGIN "
    "INSERT INTO mb_search_ids (id, kind) VALUES (new.id, '%1$s'); "
    "INSERT INTO mb_search (rowid, title, body) VALUES ("
    "(SELECT rid FROM mb_search_ids WHERE id = new.id), new.%2$s, %3$s); END;\n"
    "CREATE TRIGGER mb_search_%1$s_update AFTER UPDATE ON %1$s "
    "WHEN old.%2$s IS NOT new.%2$s OR %4$s BEGIN "
    "UPDATE mb_search SET title = new.%2$s, body = %3$s "
    "WHERE rowid = (SELECT rid FROM mb_search_ids WHERE id = old.id); END;\n"
    "CREATE TRIGGER mb_search_%1$s_delete AFTER DELETE ON %1$s BEGIN "
    "DELETE FROM mb_search WHERE rowid = (SELECT rid FROM mb_search_ids WHERE id = old.id); "
    "DELETE FROM mb_search_ids WHERE id = old.id; END;\n",
    table, columns[0], body_new, body_old_changed->str, when_new);

  return exec_plain (db, sql->str, error);
}

/* Runs the SQL file @name of the core's resources. */
static gboolean
exec_resource (sqlite3     *db,
               const char  *name,
               GError     **error)
{
  g_autofree char *path = g_strconcat ("/io/github/malbild/Malbild/core/", name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sql = NULL;

  bytes = g_resource_lookup_data (mb_core_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return exec_plain (db, sql, error);
}

static gboolean
migrate_to_1 (sqlite3  *db,
              GError  **error)
{
  if (!exec_resource (db, "mb-schema.sql", error))
    return FALSE;

  if (!exec_plain (db,
                   "CREATE TABLE mb_undo_log ("
                   "  seq INTEGER PRIMARY KEY,"
                   "  tbl TEXT NOT NULL,"
                   "  sql TEXT NOT NULL);"
                   "CREATE TABLE mb_undo_steps ("
                   "  id INTEGER PRIMARY KEY,"
                   "  stack INTEGER NOT NULL CHECK (stack IN (0, 1)),"
                   "  label TEXT NOT NULL,"
                   "  first_seq INTEGER NOT NULL,"
                   "  last_seq INTEGER NOT NULL,"
                   "  created TEXT NOT NULL);"
                   "CREATE INDEX mb_undo_steps_by_stack ON mb_undo_steps (stack, id);"
                   "CREATE TABLE mb_search_ids ("
                   "  rid INTEGER PRIMARY KEY,"
                   "  id TEXT NOT NULL UNIQUE,"
                   "  kind TEXT NOT NULL);"
                   "CREATE VIRTUAL TABLE mb_search USING fts5 ("
                   "  title, body, tokenize = 'unicode61 remove_diacritics 2',"
                   "  prefix = '2 3');"
                   /* Queries of the UI that the schema's indexes do not cover. */
                   "CREATE INDEX links_by_from ON links (from_node_id, kind);"
                   "CREATE INDEX measurements_latest ON measurements "
                   "  (indicator_id, gender, period DESC, territory_code);"
                   "CREATE INDEX node_tags_by_tag ON node_tags (tag);"
                   "CREATE INDEX indicators_by_strategy ON indicators (strategy_id);"
                   "CREATE INDEX project_calls_by_call ON project_calls (call_id);"
                   "CREATE INDEX project_partners_by_org ON project_partners (organisation_id);",
                   error))
    return FALSE;

  for (guint i = 0; mb_store_entity_tables[i]; i++)
    if (table_exists (db, mb_store_entity_tables[i]) &&
        !install_undo_triggers (db, mb_store_entity_tables[i], FALSE, error))
      return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (search_tables); i++)
    if (table_exists (db, search_tables[i].table) &&
        !install_search_triggers (db, i, FALSE, error))
      return FALSE;

  return TRUE;
}

/* Version 2: batch actions record their inserted rows as sets. */
static gboolean
migrate_to_2 (sqlite3  *db,
              GError  **error)
{
  if (!exec_plain (db,
                   /* Rows only inside a batch action's transaction. */
                   "CREATE TABLE mb_undo_batch ("
                   "  tbl TEXT PRIMARY KEY NOT NULL,"
                   "  max_rowid INTEGER NOT NULL) WITHOUT ROWID;"
                   /* The rows a batch inserted, by the log entry that deletes them. */
                   "CREATE TABLE mb_undo_inserted ("
                   "  seq INTEGER NOT NULL,"
                   "  id TEXT NOT NULL,"
                   "  PRIMARY KEY (seq, id)) WITHOUT ROWID;"
                   /* Log seqs are reused once forgotten: so must their sets be. */
                   "CREATE TRIGGER mb_undo_log_forget AFTER DELETE ON mb_undo_log BEGIN "
                   "  DELETE FROM mb_undo_inserted WHERE seq = old.seq; END;",
                   error))
    return FALSE;

  for (guint i = 0; i < _mb_undo_n_set_tables; i++)
    {
      g_autofree char *drop = g_strdup_printf ("DROP TRIGGER mb_undo_%1$s_insert;"
                                               "DROP TRIGGER mb_undo_%1$s_update;"
                                               "DROP TRIGGER mb_undo_%1$s_delete;",
                                               _mb_undo_set_tables[i]);

      if (!table_exists (db, _mb_undo_set_tables[i]))
        continue;
      if (!exec_plain (db, drop, error) ||
          !install_undo_triggers (db, _mb_undo_set_tables[i], TRUE, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (search_tables); i++)
    {
      g_autofree char *drop = g_strdup_printf ("DROP TRIGGER mb_search_%1$s_insert;"
                                               "DROP TRIGGER mb_search_%1$s_update;"
                                               "DROP TRIGGER mb_search_%1$s_delete;",
                                               search_tables[i].table);

      if (!table_exists (db, search_tables[i].table))
        continue;
      if (!exec_plain (db, drop, error) ||
          !install_search_triggers (db, i, TRUE, error))
        return FALSE;
    }
  return TRUE;
}

/* Version 3: review comments on nodes and links, and the document
 * hierarchy's kind of parent. */
static gboolean
migrate_to_3 (sqlite3  *db,
              GError  **error)
{
  const char *comments = "review_comments";

  if (!exec_resource (db, "mb-schema-3.sql", error) ||
      !exec_plain (db,
                   "DROP TRIGGER mb_undo_strategies_insert;"
                   "DROP TRIGGER mb_undo_strategies_update;"
                   "DROP TRIGGER mb_undo_strategies_delete;",
                   error))
    return FALSE;

  return install_undo_triggers (db, "strategies", TRUE, error) &&
         install_undo_triggers (db, comments, TRUE, error) &&
         install_search_triggers (db, search_table_index (comments), TRUE, error);
}

/* The yearly follow-up: rounds, assessments per goal, and what was done. */
static gboolean
migrate_follow_up (sqlite3  *db,
                   GError  **error)
{
  static const char * const tables[] = {
    "follow_up_rounds", "assessments", "activities", "activity_organisations",
    "activity_nodes", "activity_projects", "activity_calls",
  };

  if (!exec_resource (db, "mb-schema-follow-up.sql", error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      int search = search_table_index (tables[i]);
      gboolean batch = FALSE;

      for (guint j = 0; j < _mb_undo_n_set_tables; j++)
        batch |= g_str_equal (_mb_undo_set_tables[j], tables[i]);
      if (!install_undo_triggers (db, tables[i], batch, error) ||
          (search >= 0 &&
           !install_search_triggers (db, search, TRUE, error)))
        return FALSE;
    }
  return TRUE;
}

/* Version 5: undo keeps data, not SQL (mb-store-undo-log.c). */
static gboolean
migrate_to_structured_undo (sqlite3  *db,
                            GError  **error)
{
  return _mb_undo_migrate_to_structured (db, error);
}

/* Version 6: revisions of a strategy (mb-revision.c). */
static gboolean
migrate_revisions (sqlite3  *db,
                   GError  **error)
{
  return exec_resource (db, "mb-schema-revisions.sql", error) &&
         _mb_undo_install_triggers (db, "revisions", FALSE, error) &&
         _mb_undo_install_triggers (db, "revision_chunks", FALSE, error);
}

/* Version 7: the earlier targets of adopted strategies, with their reasons. */
static gboolean
migrate_target_history (sqlite3  *db,
                        GError  **error)
{
  return exec_resource (db, "mb-schema-target-history.sql", error) &&
         _mb_undo_install_triggers (db, "target_history", FALSE, error);
}

/* Drops @table's undo triggers and installs them anew, for its columns now;
 * every table the migrations change is a set table. */
static gboolean
reinstall_undo_triggers (sqlite3     *db,
                         const char  *table,
                         GError     **error)
{
  g_autofree char *drop = g_strdup_printf ("DROP TRIGGER IF EXISTS mb_undo_%1$s_insert;"
                                           "DROP TRIGGER IF EXISTS mb_undo_%1$s_update;"
                                           "DROP TRIGGER IF EXISTS mb_undo_%1$s_delete;",
                                           table);

  return exec_plain (db, drop, error) && _mb_undo_install_triggers (db, table, TRUE, error);
}

/* Keeps an activity's search body in step with its organisations: who took
 * part is added and removed apart from the activity, and an organisation
 * may be renamed. */
static gboolean
install_activity_organisation_search_triggers (sqlite3  *db,
                                               GError  **error)
{
  int index = search_table_index ("activities");
  g_autofree char *body = search_body ("a", index);
  g_autofree char *sql = g_strdup_printf (
    "CREATE TRIGGER mb_search_activity_organisations_insert AFTER INSERT"
    " ON activity_organisations BEGIN"
    " UPDATE mb_search SET body = (SELECT %1$s FROM activities a WHERE a.id = new.activity_id)"
    " WHERE rowid = (SELECT rid FROM mb_search_ids WHERE id = new.activity_id); END;\n"
    "CREATE TRIGGER mb_search_activity_organisations_delete AFTER DELETE"
    " ON activity_organisations BEGIN"
    " UPDATE mb_search SET body = (SELECT %1$s FROM activities a WHERE a.id = old.activity_id)"
    " WHERE rowid = (SELECT rid FROM mb_search_ids WHERE id = old.activity_id); END;\n"
    "CREATE TRIGGER mb_search_organisations_activities AFTER UPDATE OF name ON organisations"
    " WHEN old.name IS NOT new.name BEGIN"
    " UPDATE mb_search SET body = (SELECT %1$s FROM activities a"
    "  JOIN mb_search_ids i ON i.id = a.id WHERE i.rid = mb_search.rowid)"
    " WHERE rowid IN (SELECT i.rid FROM activity_organisations ao"
    "  JOIN mb_search_ids i ON i.id = ao.activity_id WHERE ao.organisation_id = new.id); END;\n",
    body);

  return exec_plain (db, sql, error);
}

/* Version 8: review comments on assessments too (the CHECK names three
 * targets, so the table is made anew), a plan's end that is when the work
 * is in operation ("I drift 2022"), and activities found by the names of
 * their organisations. */
static gboolean
migrate_assessment_comments (sqlite3  *db,
              GError  **error)
{
  int activities = search_table_index ("activities");
  g_autofree char *body = search_body ("a", activities);
  g_autofree char *reindex = NULL;

  if (!exec_resource (db, "mb-schema-assessment-comments.sql", error) ||
      !exec_plain (db,
                   "ALTER TABLE mb_undo_stash_review_comments ADD COLUMN assessment_id;"
                   "ALTER TABLE mb_undo_stash_nodes ADD COLUMN in_operation;"
                   "DROP TRIGGER mb_search_activities_insert;"
                   "DROP TRIGGER mb_search_activities_update;"
                   "DROP TRIGGER mb_search_activities_delete;",
                   error))
    return FALSE;

  /* Stashed rows of a batch, from before: in operation they were not. */
  if (!exec_plain (db, "UPDATE mb_undo_stash_nodes SET in_operation = 0", error))
    return FALSE;

  reindex = g_strdup_printf ("UPDATE mb_search SET body = (SELECT %s FROM activities a"
                             " JOIN mb_search_ids i ON i.id = a.id WHERE i.rid = mb_search.rowid)"
                             " WHERE rowid IN (SELECT i.rid FROM mb_search_ids i"
                             " WHERE i.kind = 'activities')", body);

  return reinstall_undo_triggers (db, "review_comments", error) &&
         reinstall_undo_triggers (db, "nodes", error) &&
         install_search_triggers (db, search_table_index ("review_comments"), TRUE, error) &&
         install_search_triggers (db, activities, TRUE, error) &&
         install_activity_organisation_search_triggers (db, error) &&
         exec_plain (db, reindex, error);
}

/* Version 9: the canvas's last layout of each strategy, a cache with no
 * undo triggers (mb-schema-layout-cache.sql). */
static gboolean
migrate_layout_cache (sqlite3  *db,
                      GError  **error)
{
  return exec_resource (db, "mb-schema-layout-cache.sql", error);
}

/* migrations[n] brings a library from version n to n + 1. A migration that
 * changes an entity table's columns must recreate its undo triggers
 * (_mb_undo_install_triggers) and, for a set table, its stash's columns. */
static gboolean (* const migrations[]) (sqlite3 *, GError **) = {
  migrate_to_1,
  migrate_to_2,
  migrate_to_3,
  migrate_follow_up,
  migrate_to_structured_undo,
  migrate_revisions,
  migrate_target_history,
  migrate_assessment_comments,
  migrate_layout_cache,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == MB_STORE_SCHEMA_VERSION);

gboolean
_mb_store_migrate (sqlite3  *db,
                   int       from,
                   int       to,
                   GError  **error)
{
  g_autofree char *set_version = NULL;

  g_return_val_if_fail (from >= 0 && to <= MB_STORE_SCHEMA_VERSION, FALSE);

  /* The schema files are in the resources the class registers. */
  g_type_class_unref (g_type_class_ref (MB_TYPE_STORE));

  for (int v = from; v < to; v++)
    if (!migrations[v] (db, error))
      return FALSE;

  set_version = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                 MB_STORE_APPLICATION_ID, to);
  return exec_plain (db, set_version, error);
}

/* Undo state */

static void
set_label (MbStore     *self,
           char       **field,
           const char  *value,
           GParamSpec  *label_pspec,
           GParamSpec  *can_pspec)
{
  gboolean had = *field != NULL;

  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), label_pspec);
  if (had != (value != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), can_pspec);
}

void
mb_store_refresh (MbStore *self)
{
  g_autofree char *undo = NULL;
  g_autofree char *redo = NULL;
  const char *sql = "SELECT label FROM mb_undo_steps WHERE stack = ? ORDER BY id DESC LIMIT 1";

  g_return_if_fail (MB_IS_STORE (self));

  undo = _mb_store_query_text (self->db, sql, "i", STACK_UNDO);
  redo = _mb_store_query_text (self->db, sql, "i", STACK_REDO);

  g_object_freeze_notify (G_OBJECT (self));
  set_label (self, &self->undo_label, undo, properties[PROP_UNDO_LABEL], properties[PROP_CAN_UNDO]);
  set_label (self, &self->redo_label, redo, properties[PROP_REDO_LABEL], properties[PROP_CAN_REDO]);
  g_object_thaw_notify (G_OBJECT (self));
}

static GStrv
changed_tables (sqlite3 *db,
                gint64   first_seq,
                gint64   last_seq)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  stmt = _mb_store_prepare (db,
                            "SELECT DISTINCT tbl FROM mb_undo_log WHERE seq BETWEEN ? AND ?",
                            NULL);
  sqlite3_bind_int64 (stmt, 1, first_seq);
  sqlite3_bind_int64 (stmt, 2, last_seq);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));

  return g_strv_builder_end (builder);
}

static gint64
last_seq (sqlite3 *db)
{
  return _mb_store_query_int (db, "SELECT coalesce(max(seq), 0) FROM mb_undo_log", NULL);
}

static gboolean
drop_steps (sqlite3     *db,
            const char  *where,
            GError     **error)
{
  g_autofree char *sql = g_strdup_printf (
    "DELETE FROM mb_undo_log WHERE seq IN (SELECT l.seq FROM mb_undo_steps s "
    "  JOIN mb_undo_log l ON l.seq BETWEEN s.first_seq AND s.last_seq WHERE %1$s);"
    "DELETE FROM mb_undo_steps WHERE %1$s;", where);

  return exec_plain (db, sql, error);
}

/* An edit written into a deleted or replaced file would be reported saved and
 * then be lost, so none is accepted once the files are not the ones opened. */
static gboolean
check_files (MbStore  *self,
             GError  **error)
{
  gboolean wal_lost = FALSE;

  g_autoptr(GError) local_error = NULL;

  if (_mb_store_files_check (&self->files, self->path, &wal_lost, &local_error))
    return TRUE;
  if (self->gone_reason == NULL)
    {
      self->gone_reason = g_strdup (local_error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GONE_REASON]);
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  /* What was committed is still in the deleted journal that this
   * connection holds open: copy it into the library while we can. */
  if (wal_lost)
    sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_FULL, NULL, NULL);
  return FALSE;
}

static gboolean
begin_write (MbStore  *self,
             GError  **error)
{
  if (self->read_only)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_READ_ONLY,
                   _("The library is open read-only"));
      return FALSE;
    }
  if (self->in_transaction)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_FAILED,
                   _("Another change is in progress"));
      return FALSE;
    }
  if (!check_files (self, error))
    return FALSE;
  /* What the last action met is no longer news. */
  g_clear_pointer (&self->conflict, _mb_remote_conflict_free);
  if (self->remote != NULL && !_mb_store_remote_is_connected (self->remote))
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DISCONNECTED,
                   _("“%s” cannot be reached: nothing was changed"),
                   _mb_store_remote_get_display_name (self->remote));
      return FALSE;
    }
  if (!exec_plain (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->in_transaction = TRUE;
  self->txn_first = last_seq (self->db) + 1;
  self->txn_label = NULL;
  self->txn_undo_of = 0;
  return TRUE;
}

static void
rollback (MbStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
}

static void remote_lost (MbStore *self);
static void remote_pull_soon (MbStore *self);
static void remote_take_news (MbStore *self);

/* A shared library's replica commits only what the server took. */
static gboolean
push (MbStore  *self,
      GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 last = last_seq (self->db);

  g_clear_pointer (&self->conflict, _mb_remote_conflict_free);
  if (last < self->txn_first)
    return TRUE;
  if (_mb_store_remote_push (self->remote, self->db, self->txn_first, last,
                             self->txn_label ? self->txn_label : _("Change"),
                             self->txn_undo_of, &self->conflict, &local_error))
    {
      remote_take_news (self);
      return TRUE;
    }
  if (g_error_matches (local_error, MB_STORE_ERROR, MB_STORE_ERROR_DISCONNECTED))
    remote_lost (self);
  else if (g_error_matches (local_error, MB_STORE_ERROR, MB_STORE_ERROR_CONFLICT))
    remote_pull_soon (self);  /* the replica shows what the server holds */
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
commit (MbStore  *self,
        GError  **error)
{
  int rc;

  if (self->remote != NULL)
    {
      int pending = 0, highest = 0;

      /* A broken reference fails the COMMIT below, as in a file; checked
       * first, so that the server never takes what the replica refuses. */
      sqlite3_db_status (self->db, SQLITE_DBSTATUS_DEFERRED_FKS, &pending, &highest, FALSE);
      if (pending > 0)
        {
          _mb_store_set_sqlite_error (NULL, SQLITE_CONSTRAINT_FOREIGNKEY, error);
          rollback (self);
          return FALSE;
        }
      if (!push (self, error))
        {
          rollback (self);
          return FALSE;
        }
    }
  rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _mb_store_set_sqlite_error (self->db, rc, error);
      rollback (self);
      return FALSE;
    }
  self->in_transaction = FALSE;
  return TRUE;
}

static void
emit_changed (MbStore   *self,
              GStrv      tables)
{
  mb_store_refresh (self);
  if (tables != NULL && tables[0] != NULL)
    g_signal_emit (self, signals[CHANGED], 0, tables);
}

/* Everything the undo log can say nothing precise about touched. */
static void
add_all_entity_tables (GHashTable *set)
{
  for (guint i = 0; mb_store_entity_tables[i] != NULL; i++)
    g_hash_table_add (set, g_strdup (mb_store_entity_tables[i]));
}

static void
add_tables (GHashTable         *set,
            const char * const *tables)
{
  for (guint i = 0; tables != NULL && tables[i] != NULL; i++)
    g_hash_table_add (set, g_strdup (tables[i]));
}

static GStrv
tables_from_set (GHashTable *set)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer table;

  /* In the order of the entity tables, so that the same changes always
   * read the same. */
  for (guint i = 0; mb_store_entity_tables[i] != NULL; i++)
    if (g_hash_table_contains (set, mb_store_entity_tables[i]))
      g_strv_builder_add (builder, mb_store_entity_tables[i]);
  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &table, NULL))
    if (!g_strv_contains (mb_store_entity_tables, table))
      g_strv_builder_add (builder, table);
  return g_strv_builder_end (builder);
}

static gboolean
in_ranges (gint64        seq,
           const gint64 *ranges,
           guint         n_ranges)
{
  for (guint i = 0; i < n_ranges; i++)
    if (seq >= ranges[2 * i] && seq <= ranges[2 * i + 1])
      return TRUE;
  return FALSE;
}

/* What commits of other connections touched since this store last looked,
 * added to @set; FALSE if nobody else committed. Each commit leaves its
 * inverse in mb_undo_log, one entry per row change with its table, at seqs
 * above every earlier entry: the entries above the highest seq seen name
 * the tables, except those in @own (pairs of first and last seq: commits
 * whose tables the caller knows, its own or its workers'). When entries
 * are missing there (history forgotten: an undo followed by another
 * action drops the redo entries; a batch gives back its unused ones) or
 * the log went below what was seen, it cannot tell, and every entity
 * table counts. One read transaction, so that the data version and the
 * log agree. Outside a write transaction only. */
static gboolean
take_outside_changes (MbStore      *self,
                      const gint64 *own,
                      guint         n_own,
                      GHashTable   *set)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 version, top, expected, found = 0;
  gboolean changed = FALSE;

  if (sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    return FALSE;
  /* The log first: it starts the read transaction, whose snapshot the data
   * version then describes. */
  top = last_seq (self->db);
  version = _mb_store_query_int (self->db, "PRAGMA data_version", NULL);

  if (version != self->seen_data_version)
    {
      changed = TRUE;
      expected = top - self->seen_seq;
      for (guint i = 0; i < n_own; i++)
        {
          gint64 first = MAX (own[2 * i], self->seen_seq + 1);
          gint64 last = MIN (own[2 * i + 1], top);

          if (last >= first)
            expected -= last - first + 1;
        }
      stmt = _mb_store_prepare (self->db,
                                "SELECT seq, tbl FROM mb_undo_log WHERE seq > ? ORDER BY seq",
                                NULL);
      if (top < self->seen_seq || stmt == NULL)
        expected = -1;
      else
        {
          sqlite3_bind_int64 (stmt, 1, self->seen_seq);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            if (!in_ranges (sqlite3_column_int64 (stmt, 0), own, n_own))
              {
                g_hash_table_add (set, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
                found++;
              }
        }
      if (found != expected)
        add_all_entity_tables (set);
    }

  self->seen_seq = top;
  self->seen_data_version = version;
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  /* Whatever other connections committed, the chain index is built anew. */
  _mb_chain_cache_follow (self->chain, self->db, version);
  return changed;
}

/* Announces a commit of this store's own, whose undo-log entries are
 * @first to @last: with whatever other connections committed meanwhile, as
 * one "changed". A worker's store keeps it for the store it works for. */
static void
announce (MbStore *self,
          GStrv    tables,
          gint64   first,
          gint64   last)
{
  g_autoptr(GHashTable) set = NULL;
  g_auto(GStrv) all = NULL;
  gint64 own[2] = { first, last };

  /* PRAGMA data_version, which the chain index follows, only tells of
   * other connections' commits. */
  if (mb_store_changes_include ((const char * const *) tables, "nodes") ||
      mb_store_changes_include ((const char * const *) tables, "links"))
    _mb_chain_cache_committed (self->chain, self->db, first, last);

  if (self->worker_tables != NULL)
    {
      add_tables (self->worker_tables, (const char * const *) tables);
      if (last >= first)
        g_array_append_vals (self->worker_ranges, own, 2);
      return;
    }

  set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  add_tables (set, (const char * const *) tables);
  take_outside_changes (self, own, last >= first ? 1 : 0, set);
  all = tables_from_set (set);
  emit_changed (self, all);
}

/* Raises the page cache for one big transaction; returns the setting to
 * give back to restore_cache(). */
static gint64
enlarge_cache (sqlite3 *db)
{
  gint64 old = _mb_store_query_int (db, "PRAGMA cache_size", NULL);
  gint64 kib = old < 0 ? -old
                       : old * _mb_store_query_int (db, "PRAGMA page_size", NULL) / 1024;

  if (kib < BIG_TRANSACTION_CACHE_KIB)
    sqlite3_exec (db, "PRAGMA cache_size = -" G_STRINGIFY (BIG_TRANSACTION_CACHE_KIB),
                  NULL, NULL, NULL);
  return old;
}

static void
restore_cache (sqlite3 *db,
               gint64   old)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, old);

  sqlite3_exec (db, sql, NULL, NULL, NULL);
}

/* A running batch: per table, the largest rowid before it and the log entry
 * reserved for the set of its new rows. */
typedef struct
{
  const char *table;
  gint64      max_rowid;
  gint64      seq;
} BatchTable;

static gboolean
batch_begin (sqlite3  *db,
             GArray   *batch,
             GError  **error)
{
  for (guint i = 0; i < _mb_undo_n_set_tables; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT coalesce(max(rowid), 0) FROM %s",
                                              _mb_undo_set_tables[i]);
      BatchTable t = { _mb_undo_set_tables[i], _mb_store_query_int (db, sql, NULL), 0 };

      if (t.max_rowid > BATCH_MAX_ROWID)
        continue;
      /* In the order of the entity tables, so that undo (which replays a
       * step backwards) deletes the dependent rows first. */
      if (!_mb_store_exec (db, error, "INSERT INTO mb_undo_batch (tbl, max_rowid) VALUES (?, ?)",
                           "sI", t.table, t.max_rowid) ||
          !_mb_store_exec (db, error, "INSERT INTO mb_undo_log (tbl, op) VALUES (?, ?)",
                           "ss", t.table, MB_UNDO_OP_DELETE_SET))
        return FALSE;
      t.seq = sqlite3_last_insert_rowid (db);
      g_array_append_val (batch, t);
    }
  return TRUE;
}

/* Records each table's new rows as one set, indexes them for search, and
 * ends the batch. */
static gboolean
batch_end (sqlite3  *db,
           GArray   *batch,
           GError  **error)
{
  for (guint i = 0; i < batch->len; i++)
    {
      const BatchTable *t = &g_array_index (batch, BatchTable, i);
      g_autofree char *record = g_strdup_printf ("INSERT INTO mb_undo_inserted (seq, id)"
                                                 " SELECT ?, id FROM %s WHERE rowid > ?",
                                                 t->table);
      g_autofree char *size = NULL;
      int search = search_table_index (t->table);

      if (!_mb_store_exec (db, error, record, "II", t->seq, t->max_rowid))
        return FALSE;
      if (sqlite3_changes (db) == 0)
        {
          if (!_mb_store_exec (db, error, "DELETE FROM mb_undo_log WHERE seq = ?", "I", t->seq))
            return FALSE;
          continue;
        }

      /* Undo checks the set against its size. */
      size = g_strdup_printf ("{\"rows\":%d}", sqlite3_changes (db));
      if (!_mb_store_exec (db, error, "UPDATE mb_undo_log SET vals = ? WHERE seq = ?", "sI",
                           size, t->seq))
        return FALSE;

      if (search >= 0)
        {
          g_autofree char *body = search_body ("t", search);
          g_autofree char *ids = g_strdup_printf ("INSERT INTO mb_search_ids (id, kind)"
                                                  " SELECT id, '%s' FROM %s WHERE rowid > ?",
                                                  t->table, t->table);
          g_autofree char *rows = g_strdup_printf ("INSERT INTO mb_search (rowid, title, body)"
                                                   " SELECT i.rid, t.%s, %s FROM %s t"
                                                   " JOIN mb_search_ids i ON i.id = t.id"
                                                   " WHERE t.rowid > ?",
                                                   search_tables[search].columns[0], body,
                                                   t->table);

          if (!_mb_store_exec (db, error, ids, "I", t->max_rowid) ||
              !_mb_store_exec (db, error, rows, "I", t->max_rowid))
            return FALSE;
        }
    }
  return _mb_store_exec (db, error, "DELETE FROM mb_undo_batch", NULL);
}

static gboolean
run_action_in_transaction (MbStore           *self,
            const char        *label,
            gboolean           batch,
            MbStoreActionFunc  func,
            gpointer           user_data,
            GError           **error)
{
  g_auto(GStrv) tables = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) batch_state = g_array_new (FALSE, FALSE, sizeof (BatchTable));
  g_autofree char *now = NULL;
  gint64 first, last;

  if (!begin_write (self, error))
    return FALSE;

  first = last_seq (self->db) + 1;
  if (batch && !batch_begin (self->db, batch_state, error))
    {
      rollback (self);
      return FALSE;
    }
  if (!func (self, self->db, user_data, &local_error))
    {
      rollback (self);
      if (local_error == NULL)
        g_set_error (&local_error, MB_STORE_ERROR, MB_STORE_ERROR_FAILED,
                     _("“%s” failed"), label);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (batch && !batch_end (self->db, batch_state, error))
    {
      rollback (self);
      return FALSE;
    }

  last = last_seq (self->db);
  self->txn_label = label;
  if (last >= first)
    {
      now = _mb_store_now ();
      tables = changed_tables (self->db, first, last);
      if (!drop_steps (self->db, "stack = 1", error) ||
          !_mb_store_exec (self->db, error,
                           "INSERT INTO mb_undo_steps (stack, label, first_seq, last_seq, created)"
                           " VALUES (0, ?, ?, ?, ?)",
                           "sIIs", label, first, last, now) ||
          !drop_steps (self->db,
                       "stack = 0 AND id <= (SELECT id FROM mb_undo_steps WHERE stack = 0"
                       " ORDER BY id DESC LIMIT 1 OFFSET " G_STRINGIFY (MB_STORE_UNDO_LIMIT) ")",
                       error))
        {
          rollback (self);
          return FALSE;
        }
    }

  if (!commit (self, error))
    return FALSE;

  announce (self, tables, first, last);
  return TRUE;
}

static gboolean
run_action (MbStore           *self,
            const char        *label,
            gboolean           batch,
            MbStoreActionFunc  func,
            gpointer           user_data,
            GError           **error)
{
  g_autofree char *restore_temp_store = NULL;
  gint64 cache = 0;
  gboolean ok;

  if (batch && !self->in_transaction)
    {
      cache = enlarge_cache (self->db);
      /* Each INSERT that fires a trigger keeps a statement journal, in a
       * temporary file by default; writing that file cost more than the
       * rows themselves. A batch's statements change a row or a few pages
       * each, so their journals are small in memory. (Outside any
       * transaction: SQLite refuses the change inside one.) */
      restore_temp_store = g_strdup_printf ("PRAGMA temp_store = %" G_GINT64_FORMAT,
                                            _mb_store_query_int (self->db, "PRAGMA temp_store",
                                                                 NULL));
      sqlite3_exec (self->db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
    }
  ok = run_action_in_transaction (self, label, batch, func, user_data, error);
  if (restore_temp_store != NULL)
    {
      sqlite3_exec (self->db, restore_temp_store, NULL, NULL, NULL);
      restore_cache (self->db, cache);
    }
  return ok;
}

gboolean
mb_store_run_action (MbStore           *self,
                     const char        *label,
                     MbStoreActionFunc  func,
                     gpointer           user_data,
                     GError           **error)
{
  g_return_val_if_fail (MB_IS_STORE (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  return run_action (self, label, FALSE, func, user_data, error);
}

gboolean
mb_store_run_batch_action (MbStore           *self,
                           const char        *label,
                           MbStoreActionFunc  func,
                           gpointer           user_data,
                           GError           **error)
{
  g_return_val_if_fail (MB_IS_STORE (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  return run_action (self, label, TRUE, func, user_data, error);
}

/* Replays the top step of @from inversely and records the result as the top
 * step of the other stack. */
static gboolean
replay_step (MbStore  *self,
             int       from,
             GError  **error)
{
  g_autoptr(sqlite3_stmt) step = NULL;
  g_autoptr(MbUndoReplay) replay = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) tables = NULL;
  g_autofree char *label = NULL;
  g_autofree char *replay_label = NULL;
  g_autofree char *now = NULL;
  gint64 step_id, first, last, old_first, old_last;
  g_autoptr(GArray) batch_state = g_array_new (FALSE, FALSE, sizeof (BatchTable));
  gint64 cache = 0;
  gboolean big = FALSE;
  gboolean ok = TRUE;
  int rc;

  if (!begin_write (self, error))
    return FALSE;

  /* The replay may run in any order that ends consistent; cascades and
   * parent-first inserts only have to hold at commit. */
  if (!exec_plain (self->db, "PRAGMA defer_foreign_keys = ON", &local_error))
    goto fail;

  step = _mb_store_prepare (self->db,
                            "SELECT id, label, first_seq, last_seq FROM mb_undo_steps"
                            " WHERE stack = ? ORDER BY id DESC LIMIT 1", &local_error);
  if (step == NULL)
    goto fail;
  sqlite3_bind_int (step, 1, from);
  if ((rc = sqlite3_step (step)) != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (&local_error, MB_STORE_ERROR,
                             from == STACK_UNDO ? MB_STORE_ERROR_NOTHING_TO_UNDO
                                                : MB_STORE_ERROR_NOTHING_TO_REDO,
                             from == STACK_UNDO ? _("There is nothing to undo")
                                                : _("There is nothing to redo"));
      else
        _mb_store_set_sqlite_error (self->db, rc, &local_error);
      goto fail;
    }
  step_id = sqlite3_column_int64 (step, 0);
  label = g_strdup ((const char *) sqlite3_column_text (step, 1));
  first = sqlite3_column_int64 (step, 2);
  last = sqlite3_column_int64 (step, 3);
  g_clear_pointer (&step, sqlite3_finalize);

  /* Every entry is read and checked before anything is written. */
  replay = _mb_undo_replay_load (self->db, first, last, &local_error);
  if (replay == NULL)
    goto fail;

  /* The step is forgotten only after its replay: a batch's inverse reads
   * its set of rows, which goes with the step's log entries. */
  old_first = first;
  old_last = last;
  first = last_seq (self->db) + 1;
  big = _mb_undo_replay_size (replay) > BIG_STEP_ENTRIES;
  /* A big step (an import, or its undo) is replayed as a batch itself: the
   * rows it inserts are recorded as sets, which is exact for any statements
   * and saves a log row per row. */
  if (big)
    {
      cache = enlarge_cache (self->db);
      if (!batch_begin (self->db, batch_state, &local_error))
        goto fail;
    }
  if (!_mb_undo_replay_run (replay, self->db, self->review, &local_error) ||
      (big && !batch_end (self->db, batch_state, &local_error)))
    goto fail;
  last = last_seq (self->db);

  if (!_mb_store_exec (self->db, &local_error,
                       "DELETE FROM mb_undo_log WHERE seq BETWEEN ? AND ?",
                       "II", old_first, old_last) ||
      !_mb_store_exec (self->db, &local_error, "DELETE FROM mb_undo_steps WHERE id = ?",
                       "I", step_id))
    goto fail;

  now = _mb_store_now ();
  tables = changed_tables (self->db, first, last);
  if (!_mb_store_exec (self->db, &local_error,
                       "INSERT INTO mb_undo_steps (stack, label, first_seq, last_seq, created)"
                       " VALUES (?, ?, ?, ?, ?)",
                       "isIIs", from == STACK_UNDO ? STACK_REDO : STACK_UNDO,
                       label, first, last, now))
    goto fail;
  replay_label = g_strdup_printf (from == STACK_UNDO ? _("Undo “%s”") : _("Redo “%s”"), label);
  self->txn_label = replay_label;
  self->txn_undo_of = old_first;

  ok = commit (self, &local_error);
  if (big)
    restore_cache (self->db, cache);
  if (!ok)
    {
      /* What the replay wrote breaks a deferred rule (a reference). */
      if (local_error->domain == MB_STORE_ERROR &&
          local_error->code == MB_STORE_ERROR_NOT_FOUND)
        local_error->code = MB_STORE_ERROR_BAD_HISTORY;
      /* A colleague changed what the step would change back. */
      if (g_error_matches (local_error, MB_STORE_ERROR, MB_STORE_ERROR_CONFLICT))
        g_prefix_error (&local_error, from == STACK_UNDO ? _("“%s” cannot be undone: ")
                                                         : _("“%s” cannot be redone: "), label);
      goto refused;
    }

  announce (self, tables, first, last);
  return TRUE;

fail:
  rollback (self);
  if (big)
    restore_cache (self->db, cache);
refused:
  if (g_error_matches (local_error, MB_STORE_ERROR, MB_STORE_ERROR_BAD_HISTORY))
    {
      /* Nothing of the step was applied. A damaged history cannot be
       * replayed past this step, so it goes, and the library is usable
       * without it. */
      g_autoptr(GError) clear_error = NULL;
      gboolean cleared = mb_store_clear_history (self, &clear_error);

      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_BAD_HISTORY,
                   cleared ? _("The undo history of “%s” is damaged (%s); it has been cleared,"
                               " and the library is unchanged")
                           : _("The undo history of “%s” is damaged (%s); nothing was changed"),
                   self->path, local_error->message);
      return FALSE;
    }
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
mb_store_clear_history (MbStore  *self,
                        GError  **error)
{
  g_autoptr(GString) sql = g_string_new ("DELETE FROM mb_undo_steps; DELETE FROM mb_undo_log;"
                                         " DELETE FROM mb_undo_inserted;");

  g_return_val_if_fail (MB_IS_STORE (self), FALSE);

  for (guint i = 0; i < _mb_undo_n_set_tables; i++)
    g_string_append_printf (sql, " DELETE FROM mb_undo_stash_%s;", _mb_undo_set_tables[i]);
  if (!begin_write (self, error))
    return FALSE;
  if (!exec_plain (self->db, sql->str, error) || !commit (self, error))
    {
      rollback (self);
      return FALSE;
    }
  mb_store_refresh (self);
  return TRUE;
}

gboolean
mb_store_undo (MbStore  *self,
               GError  **error)
{
  g_return_val_if_fail (MB_IS_STORE (self), FALSE);

  return replay_step (self, STACK_UNDO, error);
}

gboolean
mb_store_redo (MbStore  *self,
               GError  **error)
{
  g_return_val_if_fail (MB_IS_STORE (self), FALSE);

  return replay_step (self, STACK_REDO, error);
}

gboolean
mb_store_can_undo (MbStore *self)
{
  g_return_val_if_fail (MB_IS_STORE (self), FALSE);

  return self->undo_label != NULL;
}

gboolean
mb_store_can_redo (MbStore *self)
{
  g_return_val_if_fail (MB_IS_STORE (self), FALSE);

  return self->redo_label != NULL;
}

const char *
mb_store_get_undo_label (MbStore *self)
{
  g_return_val_if_fail (MB_IS_STORE (self), NULL);

  return self->undo_label;
}

const char *
mb_store_get_redo_label (MbStore *self)
{
  g_return_val_if_fail (MB_IS_STORE (self), NULL);

  return self->redo_label;
}

MbChainIndex *
_mb_store_get_chain_index (MbStore  *self,
                           GError  **error)
{
  g_return_val_if_fail (MB_IS_STORE (self), NULL);

  if (self->in_transaction)
    return NULL;
  return _mb_chain_cache_get (self->chain, self->db, error);
}

const char *
_mb_store_get_reader_file (MbStore      *self,
                           MbStoreFiles *files)
{
  const char *file;
  g_autofree char *mode = NULL;

  g_return_val_if_fail (MB_IS_STORE (self), NULL);

  file = sqlite3_db_filename (self->db, "main");
  if (file == NULL || *file == '\0' || !self->files.library.known || self->gone_reason != NULL)
    return NULL;
  mode = _mb_store_query_text (self->db, "PRAGMA journal_mode", NULL);
  if (g_ascii_strcasecmp (mode ? mode : "", "wal") != 0)
    return NULL;
  *files = self->files;
  return file;
}

MbChainIndex *
_mb_store_peek_chain_index (MbStore *self)
{
  g_return_val_if_fail (MB_IS_STORE (self), NULL);

  return _mb_chain_cache_peek (self->chain);
}

/* Opening */

/* Reads the header fields without writing anything, so that a file that is
 * not ours stays byte-for-byte untouched. Returns the schema version. */
int
_mb_store_check_library (sqlite3     *db,
                         const char  *path,
                         gboolean    *is_new,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 app_id, version, n_objects;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT (SELECT application_id FROM pragma_application_id),"
                               " (SELECT user_version FROM pragma_user_version),"
                               " (SELECT count(*) FROM sqlite_master)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if ((rc & 0xff) == SQLITE_NOTADB)
        g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_A_LIBRARY,
                     _("“%s” is not a Målbild library"), path);
      else
        _mb_store_set_sqlite_error (db, rc, error);
      return -1;
    }
  app_id = sqlite3_column_int64 (stmt, 0);
  version = sqlite3_column_int64 (stmt, 1);
  n_objects = sqlite3_column_int64 (stmt, 2);

  *is_new = app_id == 0 && version == 0 && n_objects == 0;
  if (!*is_new && app_id != MB_STORE_APPLICATION_ID)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_A_LIBRARY,
                   _("“%s” is not a Målbild library"), path);
      return -1;
    }
  if (version > MB_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Målbild (format %d; this "
                     "version reads up to %d)"),
                   path, (int) version, MB_STORE_SCHEMA_VERSION);
      return -1;
    }
  return (int) version;
}

/* What the library holds now counts as seen: only later commits of other
 * connections are news. */
static void
mark_all_seen (MbStore *self)
{
  if (sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    return;
  self->seen_seq = last_seq (self->db);
  self->seen_data_version = _mb_store_query_int (self->db, "PRAGMA data_version", NULL);
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
}

/* The watch: commits of other connections and processes reach this store's
 * views as its own "changed". SQLite tells nothing by itself, but PRAGMA
 * data_version, a read of the shared WAL index, says whether anybody else
 * committed; a poll of it costs next to nothing, works for every writer
 * (another window, the command line, a script with sqlite3) and needs no
 * file monitor, which would also fire for this store's own writes and
 * checkpoints. A change shows within WATCH_INTERVAL_MS. */
#define WATCH_INTERVAL_MS 250

static gboolean
watch_cb (gpointer data)
{
  MbStore *self = data;
  g_autoptr(GHashTable) set = NULL;
  g_auto(GStrv) tables = NULL;

  /* A running action or worker announces what happened meanwhile itself. */
  if (self->in_transaction || self->n_workers > 0 || !sqlite3_get_autocommit (self->db) ||
      _mb_store_query_int (self->db, "PRAGMA data_version", NULL) == self->seen_data_version)
    return G_SOURCE_CONTINUE;

  set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (take_outside_changes (self, NULL, 0, set))
    {
      tables = tables_from_set (set);
      emit_changed (self, tables);
    }
  return G_SOURCE_CONTINUE;
}

/* In the opening thread's main context, where its "changed" handlers run.
 * A thread that cannot own that context (a worker thread while the
 * application's main loop runs, with a store of its own) gets no watch:
 * it would fire in another thread than the one using the store. */
static void
start_watch (MbStore *self)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

  if (!g_main_context_acquire (context))
    return;
  self->watch = g_timeout_source_new (WATCH_INTERVAL_MS);
  g_source_set_callback (self->watch, watch_cb, self, NULL);
  g_source_set_static_name (self->watch, "[malbild] store watch");
  g_source_attach (self->watch, context);
  g_main_context_release (context);
}

static gboolean
chain_index_idle_cb (gpointer data)
{
  MbStore *self = data;

  g_clear_pointer (&self->chain_idle, g_source_unref);
  _mb_chain_cache_build_in_thread (self->chain, self);
  return G_SOURCE_REMOVE;
}

/* Where the store's thread owns its main context (the watch runs there),
 * the chain index is built in a thread once the opening is over and the
 * main loop has nothing else to do: the first selection finds it ready,
 * and the opening does not share the processor with it. Elsewhere the
 * first chain query builds it. */
static void
start_chain_index (MbStore *self)
{
  if (self->watch == NULL)
    return;
  self->chain_idle = g_idle_source_new ();
  g_source_set_priority (self->chain_idle, G_PRIORITY_LOW);
  g_source_set_callback (self->chain_idle, chain_index_idle_cb, self, NULL);
  g_source_set_static_name (self->chain_idle, "[malbild] chain index");
  g_source_attach (self->chain_idle, g_source_get_context (self->watch));
}

/* A shared library */

#define RECONNECT_INTERVAL_S 2

/* What colleagues committed, into the replica: one transaction that leaves
 * nothing in the undo history, one "changed", and a word of whose action
 * it was. Waits while an action or a worker runs. */
static gboolean
remote_pull (MbStore  *self,
             GError  **error)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) batch_state = g_array_new (FALSE, FALSE, sizeof (BatchTable));
  g_autoptr(GError) local_error = NULL;
  g_autofree char *author = NULL;
  g_autofree char *label = NULL;
  g_auto(GStrv) tables = NULL;
  gboolean anew = FALSE;
  gint64 before;

  if (!exec_plain (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->in_transaction = TRUE;
  /* A reviewer's replica follows everybody's edits all the same. */
  if (self->review)
    sqlite3_set_authorizer (self->db, NULL, NULL);
  if (!_mb_store_remote_attach (self->remote, self->db, &anew, &local_error))
    {
      if (self->review)
        sqlite3_set_authorizer (self->db, _mb_store_review_authorize, NULL);
      rollback (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* A replica made anew has no undo history left: everything changed. */
  if (anew)
    add_all_entity_tables (set);
  before = last_seq (self->db);
  /* New rows go in as a batch's would: no undo entry each, one search
   * index statement per table. Rows are applied in any order. */
  if ((anew || _mb_store_remote_has_news (self->remote, self->db)) &&
      (!exec_plain (self->db, "PRAGMA defer_foreign_keys = ON", &local_error) ||
       !batch_begin (self->db, batch_state, &local_error) ||
       !_mb_store_remote_pull (self->remote, self->db, set, &author, &label, &local_error) ||
       !batch_end (self->db, batch_state, &local_error) ||
       !_mb_store_exec (self->db, &local_error, "DELETE FROM mb_undo_log WHERE seq > ?", "I",
                        before)))
    {
      if (self->review)
        sqlite3_set_authorizer (self->db, _mb_store_review_authorize, NULL);
      rollback (self);
      if (g_error_matches (local_error, MB_STORE_ERROR, MB_STORE_ERROR_DISCONNECTED))
        remote_lost (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (self->review)
    sqlite3_set_authorizer (self->db, _mb_store_review_authorize, NULL);
  if (sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      _mb_store_set_sqlite_error (self->db, sqlite3_errcode (self->db), error);
      rollback (self);
      return FALSE;
    }
  self->in_transaction = FALSE;

  remote_take_news (self);
  if (g_hash_table_size (set) == 0)
    return TRUE;
  if (g_hash_table_contains (set, "nodes") || g_hash_table_contains (set, "links"))
    _mb_chain_cache_invalidate (self->chain, self->db);
  take_outside_changes (self, NULL, 0, set);
  tables = tables_from_set (set);
  if (author != NULL)
    g_signal_emit (self, signals[REMOTE_ACTION], 0, author, label);
  emit_changed (self, tables);
  return TRUE;
}

static gboolean
pull_cb (gpointer data)
{
  MbStore *self = data;
  g_autoptr(GError) error = NULL;

  if (self->in_transaction || self->n_workers > 0)
    return G_SOURCE_CONTINUE;  /* again shortly */
  self->pull_source = 0;
  if (!remote_pull (self, &error))
    g_warning ("Could not follow “%s”: %s", self->remote_uri, error->message);
  return G_SOURCE_REMOVE;
}

static void
remote_pull_soon (MbStore *self)
{
  if (self->pull_source == 0 && self->worker_tables == NULL)
    self->pull_source = g_timeout_add (20, pull_cb, self);
}

static gboolean remote_watch_cb (int fd, GIOCondition condition, gpointer data);

/* Notifications that came in while the connection was busy with other
 * things wait in libpq's queue, with no more input for the watch to see:
 * they are read after each exchange. */
static void
remote_take_news (MbStore *self)
{
  gboolean lost = FALSE;

  if (self->worker_tables != NULL)
    return;
  if (_mb_store_remote_take_notifications (self->remote, &lost))
    remote_pull_soon (self);
  if (lost)
    remote_lost (self);
}

static void
remote_watch_start (MbStore *self)
{
  int fd = _mb_store_remote_get_socket (self->remote);
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

  if (fd < 0 || self->worker_tables != NULL || !g_main_context_acquire (context))
    return;
  self->remote_watch = g_unix_fd_source_new (fd, G_IO_IN | G_IO_HUP | G_IO_ERR);
  g_source_set_callback (self->remote_watch, G_SOURCE_FUNC (remote_watch_cb), self, NULL);
  g_source_set_static_name (self->remote_watch, "[malbild] shared library");
  g_source_attach (self->remote_watch, context);
  g_main_context_release (context);
}

static void
remote_watch_stop (MbStore *self)
{
  if (self->remote_watch != NULL)
    {
      g_source_destroy (self->remote_watch);
      g_clear_pointer (&self->remote_watch, g_source_unref);
    }
}

static void
reconnected_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  MbStore *self = MB_STORE (object);
  g_autoptr(GError) error = NULL;

  self->reconnecting = FALSE;
  if (self->disposed || self->remote == NULL ||
      !_mb_store_remote_reconnect_finish (self->remote, result, &error))
    return;  /* the timer tries again */
  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  remote_watch_start (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
  remote_pull_soon (self);
}

static gboolean
reconnect_cb (gpointer data)
{
  MbStore *self = data;

  if (!self->reconnecting)
    {
      /* The task keeps the store, and with it the remote, until it ends. */
      self->reconnecting = TRUE;
      _mb_store_remote_reconnect_async (self->remote, self, reconnected_cb, NULL);
    }
  return G_SOURCE_CONTINUE;
}

/* The server went away: say so, and try again every few seconds. */
static void
remote_lost (MbStore *self)
{
  remote_watch_stop (self);
  if (self->reconnect_source != 0 || self->worker_tables != NULL)
    return;
  self->reconnect_source = g_timeout_add_seconds (RECONNECT_INTERVAL_S, reconnect_cb, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

static gboolean
remote_watch_cb (int           fd,
                 GIOCondition  condition,
                 gpointer      data)
{
  MbStore *self = data;
  gboolean lost = FALSE;

  if (_mb_store_remote_take_notifications (self->remote, &lost))
    remote_pull_soon (self);
  if (!lost)
    return G_SOURCE_CONTINUE;
  g_clear_pointer (&self->remote_watch, g_source_unref);
  remote_lost (self);
  return G_SOURCE_REMOVE;
}

/* From now on the authorizer refuses every write but comments. */
static void
enter_review (MbStore *self)
{
  sqlite3_set_authorizer (self->db, _mb_store_review_authorize, NULL);
  self->review = TRUE;
}

static gboolean
mb_store_setup (MbStore           *self,
                MbStoreOpenFlags   flags,
                GError           **error)
{
  gboolean read_only = (flags & MB_STORE_OPEN_READ_ONLY) != 0;
  gboolean is_new = FALSE;
  int version;
  int rc;

  if (!_mb_store_lock_ensure ())
    g_debug ("SQLite locks the POSIX way here: a stray close () can drop them");
  rc = sqlite3_open_v2 (self->path, &self->db,
                        read_only ? SQLITE_OPEN_READONLY
                                  : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_IO,
                   _("Could not open “%s”: %s"), self->path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  _mb_store_levels_register_sql (self->db);
  /* A second process waits this long for the first one's transaction. */
  self->busy_timeout = 5000;
  sqlite3_busy_timeout (self->db, self->busy_timeout);

  version = _mb_store_check_library (self->db, self->path, &is_new, error);
  if (version < 0)
    return FALSE;

  if (read_only && version < MB_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, MB_STORE_ERROR, is_new ? MB_STORE_ERROR_NOT_A_LIBRARY
                                                 : MB_STORE_ERROR_READ_ONLY,
                   is_new ? _("“%s” is not a Målbild library")
                          : _("“%s” must be upgraded, which a read-only library cannot be"),
                   self->path);
      return FALSE;
    }

  /* FULL: every action is a commit the user was told is saved, and actions
   * are few, so an fsync per commit costs nothing noticeable while NORMAL
   * could lose the last actions on power loss. */
  if (!exec_plain (self->db, "PRAGMA foreign_keys = ON", error))
    return FALSE;
  if (!read_only &&
      !exec_plain (self->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL", error))
    return FALSE;

  if (version < MB_STORE_SCHEMA_VERSION)
    {
      if (!exec_plain (self->db, "BEGIN IMMEDIATE", error))
        return FALSE;
      /* Another process may have migrated it meanwhile. */
      version = (int) _mb_store_query_int (self->db, "PRAGMA user_version", NULL);
      if ((version < MB_STORE_SCHEMA_VERSION &&
           !_mb_store_migrate (self->db, version, MB_STORE_SCHEMA_VERSION, error)) ||
          !exec_plain (self->db, "COMMIT", error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  self->read_only = read_only;
  if (!read_only && _mb_store_is_working_copy (self->path))
    enter_review (self);
  mb_store_refresh (self);
  mark_all_seen (self);
  _mb_store_files_record (&self->files, self->path);
  return TRUE;
}

/* Connects, opens the replica (made on the first visit), and brings it up
 * to the server's state before anybody reads it. */
static gboolean
attach_remote (MbStore  *self,
               GError  **error)
{
  /* The first pull attaches the replica, and fills it if it is new. */
  if (!remote_pull (self, error))
    return FALSE;
  if (_mb_store_remote_is_reviewer (self->remote) && !self->review)
    enter_review (self);
  mb_store_refresh (self);
  mark_all_seen (self);
  return TRUE;
}

static MbStore *
open_remote (const char        *uri,
             MbStoreOpenFlags   flags,
             GError           **error)
{
  g_autoptr(MbStore) self = NULL;
  g_autofree char *dir = NULL;

  self = g_object_new (MB_TYPE_STORE, NULL);
  self->remote_uri = g_strdup (uri);
  self->remote = _mb_store_remote_open (uri, error);
  if (self->remote == NULL)
    return NULL;
  self->path = _mb_store_remote_replica_path (uri);
  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_IO,
                   _("Could not make the folder “%s” for the copy of “%s”: %s"), dir,
                   _mb_store_remote_get_display_name (self->remote), g_strerror (saved_errno));
      return NULL;
    }
  /* The replica is written even when the library is open read-only:
   * following the server is not an edit. */
  if (!mb_store_setup (self, flags & ~MB_STORE_OPEN_READ_ONLY, error) ||
      !attach_remote (self, error))
    return NULL;
  self->read_only = (flags & MB_STORE_OPEN_READ_ONLY) != 0;
  start_watch (self);
  remote_watch_start (self);
  start_chain_index (self);
  return g_steal_pointer (&self);
}

MbStore *
mb_store_open (const char        *path,
               MbStoreOpenFlags   flags,
               GError           **error)
{
  g_autoptr(MbStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (flags & MB_STORE_OPEN_REVIEW)
    return _mb_store_open_review (path, error);
  if (mb_remote_is_uri (path))
    return open_remote (path, flags, error);

  self = g_object_new (MB_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (!mb_store_setup (self, flags, error))
    return NULL;
  start_watch (self);
  start_chain_index (self);

  return g_steal_pointer (&self);
}

const char *
mb_store_get_path (MbStore *self)
{
  g_return_val_if_fail (MB_IS_STORE (self), NULL);

  return self->path;
}

MbStoreRemote *
_mb_store_get_remote (MbStore *self)
{
  return self->remote;
}

const char *
mb_store_get_remote_name (MbStore *self)
{
  g_return_val_if_fail (MB_IS_STORE (self), NULL);

  return self->remote ? _mb_store_remote_get_display_name (self->remote) : NULL;
}

gboolean
mb_store_is_connected (MbStore *self)
{
  g_return_val_if_fail (MB_IS_STORE (self), FALSE);

  return self->remote == NULL || _mb_store_remote_is_connected (self->remote);
}

gboolean
mb_store_get_last_change (MbStore     *self,
                          const char  *table,
                          const char  *id,
                          char       **author,
                          GDateTime  **when)
{
  g_return_val_if_fail (MB_IS_STORE (self), FALSE);
  g_return_val_if_fail (table != NULL && id != NULL, FALSE);
  g_return_val_if_fail (author != NULL && when != NULL, FALSE);

  *author = NULL;
  *when = NULL;
  return self->remote != NULL &&
         _mb_store_remote_row_author (self->db, table, id, author, when);
}

gboolean
mb_store_get_conflict (MbStore     *self,
                       char       **author,
                       GDateTime  **when,
                       char       **column,
                       char       **theirs,
                       char       **mine)
{
  MbRemoteConflict *c;

  g_return_val_if_fail (MB_IS_STORE (self), FALSE);
  g_return_val_if_fail (author != NULL && when != NULL && column != NULL, FALSE);
  g_return_val_if_fail (theirs != NULL && mine != NULL, FALSE);

  c = self->conflict;
  *author = NULL;
  *when = NULL;
  *column = NULL;
  *theirs = NULL;
  *mine = NULL;
  if (c == NULL || c->column == NULL)
    return FALSE;
  *author = g_strdup (c->author);
  *when = c->when ? g_date_time_ref (c->when) : NULL;
  *column = g_strdup (c->column);
  *theirs = g_strdup (c->theirs);
  *mine = g_strdup (c->mine);
  return TRUE;
}

gboolean
mb_store_is_read_only (MbStore *self)
{
  g_return_val_if_fail (MB_IS_STORE (self), TRUE);

  return self->read_only;
}

gboolean
mb_store_is_review (MbStore *self)
{
  g_return_val_if_fail (MB_IS_STORE (self), FALSE);

  return self->review;
}

const char *
mb_store_get_review_source (MbStore *self)
{
  g_return_val_if_fail (MB_IS_STORE (self), NULL);

  return self->review_source;
}

void
_mb_store_take_review_dir (MbStore    *self,
                           char       *dir,
                           const char *source)
{
  g_return_if_fail (MB_IS_STORE (self));
  g_return_if_fail (self->review_dir == NULL);

  self->review_dir = dir;
  self->review_source = g_strdup (source);
}

/* Earlier history is not the reviewer's to undo: it goes. Other connections
 * to the working copy are reviews too. */
gboolean
_mb_store_begin_review (MbStore  *self,
                        GError  **error)
{
  g_return_val_if_fail (MB_IS_STORE (self), FALSE);

  if (!exec_plain (self->db, "BEGIN IMMEDIATE; DELETE FROM mb_undo_steps;"
                             " DELETE FROM mb_undo_log; COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  enter_review (self);
  _mb_store_set_working_copy (self->path, TRUE);
  mb_store_refresh (self);
  mark_all_seen (self);
  return TRUE;
}

const char *
mb_store_get_gone_reason (MbStore *self)
{
  g_return_val_if_fail (MB_IS_STORE (self), NULL);

  return self->gone_reason;
}

sqlite3 *
mb_store_get_db (MbStore *self)
{
  g_return_val_if_fail (MB_IS_STORE (self), NULL);

  return self->db;
}

void
_mb_store_set_busy_timeout (MbStore *self,
                            int      milliseconds)
{
  g_return_if_fail (MB_IS_STORE (self));

  self->busy_timeout = milliseconds;
  sqlite3_busy_timeout (self->db, milliseconds);
}

gboolean
_mb_store_write_cache (MbStore            *self,
                       MbStoreActionFunc   func,
                       gpointer            user_data,
                       GError            **error)
{
  gboolean ok;
  gint64 seq;

  g_return_val_if_fail (MB_IS_STORE (self), FALSE);

  /* A cache is no reason to write a file the user opened not to change. */
  if (self->read_only || self->review)
    return TRUE;

  /* Another writer's transaction (a worker's import, another window) is
   * not worth waiting for on the UI thread: the cache can wait instead. */
  sqlite3_busy_timeout (self->db, 0);
  ok = begin_write (self, error);
  sqlite3_busy_timeout (self->db, self->busy_timeout);
  if (!ok)
    return FALSE;

  seq = last_seq (self->db);
  if (!func (self, self->db, user_data, error))
    {
      rollback (self);
      return FALSE;
    }
  /* A cache write that reached the undo log would be an undo step of its
   * own at the next user action's, and a change other windows announce. */
  if (last_seq (self->db) != seq)
    {
      rollback (self);
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_FAILED,
                   /* For logs: the canvas does not show it. */
                   "A cache write of “%s” reached the undo log", self->path);
      return FALSE;
    }
  return commit (self, error);
}

/* Work in a worker thread */

typedef struct
{
  char            *path;
  char            *remote_uri;   /* a shared library's, or NULL */
  MbStoreOpenFlags flags;
  MbStoreWorkFunc  func;
  gpointer         user_data;
  GDestroyNotify   result_free;
  gpointer         result;
  GError          *error;
  /* What the worker's actions touched, handed back. */
  GStrv            tables;
  GArray          *ranges;
  GArray          *remote_actions;  /* a shared library's: the actions it pushed */
} Work;

static void
work_free (gpointer data)
{
  Work *work = data;

  g_free (work->path);
  g_free (work->remote_uri);
  if (work->result != NULL && work->result_free != NULL)
    work->result_free (work->result);
  g_clear_error (&work->error);
  g_strfreev (work->tables);
  g_clear_pointer (&work->ranges, g_array_unref);
  g_clear_pointer (&work->remote_actions, g_array_unref);
  g_free (work);
}

/* A cancelled work interrupts the statement its action runs: the action
 * fails and rolls back whole. */
static int
work_progress_cb (gpointer cancellable)
{
  return g_cancellable_is_cancelled (cancellable);
}

static void
work_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Work *work = task_data;
  g_autoptr(MbStore) worker = NULL;
  g_autoptr(GHashTable) tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  work->ranges = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (g_cancellable_set_error_if_cancelled (cancellable, &work->error))
    goto out;

  /* A connection of its own: SQLite connections are not shared between
   * threads, and the signals of the store the work is for belong to its
   * thread. No watch: the worker's store never announces. */
  worker = g_object_new (MB_TYPE_STORE, NULL);
  worker->path = g_strdup (work->path);
  worker->worker_tables = g_hash_table_ref (tables);
  worker->worker_ranges = g_array_ref (work->ranges);
  /* A shared library's worker pushes its actions on a connection of its
   * own; the store it works for pulls. */
  if (work->remote_uri != NULL)
    {
      worker->remote_uri = g_strdup (work->remote_uri);
      worker->remote = _mb_store_remote_open (work->remote_uri, &work->error);
      if (worker->remote == NULL)
        goto out;
    }
  if (!mb_store_setup (worker, work->flags, &work->error))
    goto out;
  if (worker->remote != NULL && _mb_store_remote_is_reviewer (worker->remote))
    enter_review (worker);
  if (cancellable != NULL)
    sqlite3_progress_handler (worker->db, 1000, work_progress_cb, cancellable);

  work->result = work->func (worker, work->user_data, cancellable, &work->error);
  if (work->result == NULL && work->error == NULL)
    g_set_error_literal (&work->error, MB_STORE_ERROR, MB_STORE_ERROR_FAILED,
                         _("The work failed"));
  if (work->error != NULL && g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (&work->error);
      g_cancellable_set_error_if_cancelled (cancellable, &work->error);
    }

out:
  work->tables = tables_from_set (tables);
  if (worker != NULL && worker->remote != NULL)
    work->remote_actions = _mb_store_remote_own_actions (worker->remote);
  g_task_return_boolean (task, TRUE);
}

/* Back in the store's thread: announce what the worker committed, then
 * hand its result to the caller. */
static void
work_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  MbStore *self = MB_STORE (object);
  g_autoptr(GTask) outer = user_data;
  Work *work = g_task_get_task_data (outer);
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) tables = NULL;

  g_return_if_fail (self->n_workers > 0);
  /* The worker's pushes are in the replica already: their news is old. */
  if (self->remote != NULL)
    _mb_store_remote_add_own_actions (self->remote, work->remote_actions);
  self->n_workers--;

  add_tables (set, (const char * const *) work->tables);
  if (!self->in_transaction)
    take_outside_changes (self, (const gint64 *) work->ranges->data, work->ranges->len / 2, set);
  tables = tables_from_set (set);
  emit_changed (self, tables);

  if (work->error != NULL)
    g_task_return_error (outer, g_steal_pointer (&work->error));
  else
    g_task_return_pointer (outer, g_steal_pointer (&work->result), work->result_free);
}

void
mb_store_run_async (MbStore             *self,
                    MbStoreWorkFunc      func,
                    gpointer             user_data,
                    GDestroyNotify       result_free,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             callback_data)
{
  g_autoptr(GTask) inner = NULL;
  GTask *outer;
  Work *work;

  g_return_if_fail (MB_IS_STORE (self));
  g_return_if_fail (func != NULL);

  work = g_new0 (Work, 1);
  work->path = g_strdup (self->path);
  work->remote_uri = g_strdup (self->remote_uri);
  work->flags = self->read_only ? MB_STORE_OPEN_READ_ONLY : MB_STORE_OPEN_NONE;
  work->func = func;
  work->user_data = user_data;
  work->result_free = result_free;

  outer = g_task_new (self, cancellable, callback, callback_data);
  g_task_set_source_tag (outer, mb_store_run_async);
  g_task_set_task_data (outer, work, work_free);
  /* What the worker committed is reported, even if cancelled too late to
   * stop it. */
  g_task_set_check_cancellable (outer, FALSE);

  self->n_workers++;
  inner = g_task_new (self, cancellable, work_done_cb, outer);
  g_task_set_task_data (inner, work, NULL);
  g_task_set_check_cancellable (inner, FALSE);
  g_task_run_in_thread (inner, work_thread);
}

gpointer
mb_store_run_finish (MbStore       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (MB_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mb_store_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* GObject */

static void
mb_store_dispose (GObject *object)
{
  MbStore *self = (MbStore *) object;

  if (self->watch != NULL)
    {
      g_source_destroy (self->watch);
      g_clear_pointer (&self->watch, g_source_unref);
    }
  if (self->chain_idle != NULL)
    {
      g_source_destroy (self->chain_idle);
      g_clear_pointer (&self->chain_idle, g_source_unref);
    }
  self->disposed = TRUE;
  remote_watch_stop (self);
  g_clear_handle_id (&self->pull_source, g_source_remove);
  g_clear_handle_id (&self->reconnect_source, g_source_remove);

  G_OBJECT_CLASS (mb_store_parent_class)->dispose (object);
}

static void
mb_store_finalize (GObject *object)
{
  MbStore *self = (MbStore *) object;

  g_clear_pointer (&self->worker_tables, g_hash_table_unref);
  g_clear_pointer (&self->worker_ranges, g_array_unref);

  g_clear_pointer (&self->chain, _mb_chain_cache_free);
  if (self->db != NULL)
    sqlite3_close (self->db);
  if (self->review_dir != NULL)
    {
      _mb_store_set_working_copy (self->path, FALSE);
      _mb_store_remove_review_dir (self->review_dir);
    }
  g_clear_pointer (&self->review_dir, g_free);
  g_clear_pointer (&self->review_source, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->undo_label, g_free);
  g_clear_pointer (&self->redo_label, g_free);
  g_clear_pointer (&self->gone_reason, g_free);
  g_clear_pointer (&self->remote, _mb_store_remote_free);
  g_clear_pointer (&self->remote_uri, g_free);
  g_clear_pointer (&self->conflict, _mb_remote_conflict_free);

  G_OBJECT_CLASS (mb_store_parent_class)->finalize (object);
}

static void
mb_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  MbStore *self = MB_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, mb_store_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, mb_store_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, self->undo_label);
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, self->redo_label);
      break;
    case PROP_GONE_REASON:
      g_value_set_string (value, self->gone_reason);
      break;
    case PROP_REMOTE_NAME:
      g_value_set_string (value, mb_store_get_remote_name (self));
      break;
    case PROP_CONNECTED:
      g_value_set_boolean (value, mb_store_is_connected (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_store_class_init (MbStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* The schema lives in core's own resource bundle. */
  mb_core_register_resource ();

  object_class->dispose = mb_store_dispose;
  object_class->finalize = mb_store_finalize;
  object_class->get_property = mb_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * MbStore:gone-reason:
   *
   * Why the store refuses every edit from now on: its library, WAL or -shm
   * was deleted or replaced under it. NULL while all is well.
   */
  properties[PROP_GONE_REASON] =
    g_param_spec_string ("gone-reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * MbStore:remote-name:
   *
   * The shared library the store follows, as the user may see its address
   * (no password); NULL for a library file.
   */
  properties[PROP_REMOTE_NAME] =
    g_param_spec_string ("remote-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * MbStore:connected:
   *
   * FALSE while a shared library's server cannot be reached: edits are
   * refused, and the store tries again every few seconds. Always TRUE for a
   * file.
   */
  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MbStore::remote-action:
   * @author: who did it, as the server names them
   * @label: what they did ("Rename “Goal”")
   *
   * Emitted just before the "changed" of a colleague's action on a shared
   * library, for a quiet word of who changed what.
   */
  signals[REMOTE_ACTION] =
    g_signal_new ("remote-action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * MbStore::changed:
   * @tables: the names of the tables the committed transaction touched
   *
   * Emitted once after each committed action, undo or redo, after a work
   * of mb_store_run_async(), and when the store notices commits of other
   * connections or processes. The store is the only emitter.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
mb_store_init (MbStore *self)
{
  self->chain = _mb_chain_cache_new ();
}

gboolean
_mb_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* g_unichar_isspace() leaves out the no-break spaces and the BOM. */
      if (!g_unichar_isspace (c) && c != 0x00A0 && c != 0x202F && c != 0x2007 && c != 0xFEFF)
        return FALSE;
    }
  return TRUE;
}

char *
_mb_text_shown (const char *text)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == 40)
        {
          g_string_append (out, "…");
          break;
        }
      if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

char *
_mb_column_dup (sqlite3_stmt *stmt,
                int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

double
_mb_column_double (sqlite3_stmt *stmt,
                   int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL
         ? NAN : sqlite3_column_double (stmt, column);
}
