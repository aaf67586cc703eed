/* mb-store-undo-log.c – the structured undo log: its triggers, and its replay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A library travels between organisations, so its undo history is outside
 * input like the rest of the file. Up to schema version 4 the triggers wrote
 * each inverse as SQL text, and undo ran that text: an edited log could run
 * any statement (ATTACH a file anywhere, delete every row). Since version 5
 * an entry is data: a table, a kind, the row's key and its column values as
 * a JSON object. Replay builds each statement itself, from a fixed table
 * list and the columns PRAGMA table_info names, binds the values as
 * parameters, and touches only the row named; an authorizer refuses
 * anything else the statements (or the triggers they fire) might try.
 * Whatever does not fit is refused before anything is written.
 *
 * Values keep their exact type: a REAL goes into the JSON as the text
 * quote() gives it (15 digits when they round-trip, else 20), an infinity
 * as ±9e999, a BLOB as {"blob": "HEX"}.
 *
 * A batch's inserted rows are one entry, "delete-set", whose rows are named
 * in mb_undo_inserted. Its undo copies them into the table's stash
 * (mb_undo_stash_TABLE, columns without affinity, so values stay as they
 * were) with one INSERT … SELECT, deletes them with one DELETE while the
 * table's triggers log nothing, and records one "insert-set" entry; redo
 * copies them back with one INSERT … SELECT. Redo thus costs what undo
 * costs, not a statement per row.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mb-store-private.h"
#include "mb-store-undo-log.h"

/* Parents before children: a batch's sets are undone last table first, so
 * that no set's rows went with a parent's by a cascade (comments are on
 * nodes, links and assessments). */
const char * const _mb_undo_set_tables[] = {
  "organisations", "strategies", "levels", "nodes", "links", "indicators",
  "indicator_targets", "measurements", "funding_calls", "projects",
  "project_funding", "project_indicator_values", "follow_up_rounds", "assessments",
  "activities", "review_comments",
};
const guint _mb_undo_n_set_tables = G_N_ELEMENTS (_mb_undo_set_tables);

typedef enum
{
  OP_DELETE,
  OP_UPDATE,
  OP_INSERT,
  OP_DELETE_SET,
  OP_INSERT_SET,
} UndoOp;

/* One column value, as SQLite holds it. */
typedef struct
{
  int     type;   /* SQLITE_NULL, _INTEGER, _FLOAT, _TEXT, _BLOB */
  gint64  i;
  double  d;
  char   *bytes;  /* text (NUL-terminated) or blob */
  gsize   len;
} Value;

typedef struct
{
  char      *name;
  GPtrArray *columns;   /* char *, in table order */
  GPtrArray *pks;
  gboolean   set_table;
  gboolean   stash_checked;
} TableInfo;

typedef struct
{
  gint64      seq;
  TableInfo  *table;
  UndoOp      op;
  GPtrArray  *key_cols;   /* borrowed from table->columns */
  GArray     *key_vals;   /* Value */
  GPtrArray  *val_cols;
  GArray     *val_vals;
  gint64      rows;       /* of a set */
} Entry;

struct _MbUndoReplay
{
  GPtrArray  *entries;    /* Entry *, newest first */
  GHashTable *tables;     /* name → TableInfo */
  GHashTable *stmts;      /* SQL → sqlite3_stmt */
  gint64      set_rows;
};

/* Helpers */

static void
value_clear (gpointer data)
{
  Value *v = data;

  g_clear_pointer (&v->bytes, g_free);
}

static void
table_info_free (gpointer data)
{
  TableInfo *t = data;

  g_free (t->name);
  g_ptr_array_unref (t->columns);
  g_ptr_array_unref (t->pks);
  g_free (t);
}

static void
stmt_free (gpointer data)
{
  sqlite3_finalize (data);
}

static void
entry_free (gpointer data)
{
  Entry *e = data;

  g_clear_pointer (&e->key_cols, g_ptr_array_unref);
  g_clear_pointer (&e->key_vals, g_array_unref);
  g_clear_pointer (&e->val_cols, g_ptr_array_unref);
  g_clear_pointer (&e->val_vals, g_array_unref);
  g_free (e);
}

static gboolean
is_set_table (const char *table)
{
  for (guint i = 0; i < _mb_undo_n_set_tables; i++)
    if (g_str_equal (_mb_undo_set_tables[i], table))
      return TRUE;
  return FALSE;
}

/* Column and table names come from the schema, never from the log; quoted
 * all the same. */
static void
append_name (GString    *out,
             const char *name)
{
  g_string_append_c (out, '"');
  for (const char *p = name; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* The JSON of the value of SQL expression @x, exact for every type. */
static void
append_value_json (GString    *out,
                   const char *x)
{
  g_string_append_printf (out,
                          "CASE typeof(%1$s) WHEN 'real' THEN json(iif(abs(%1$s) < 9e999,"
                          " quote(%1$s), iif(%1$s > 0, '9e999', '-9e999')))"
                          " WHEN 'blob' THEN json_object('blob', hex(%1$s)) ELSE %1$s END", x);
}

/* json_object('c1', VALUE(row.c1), …) for @columns. */
static char *
object_expr (const char *row,
             GPtrArray  *columns)
{
  GString *out = g_string_new ("json_object(");

  for (guint i = 0; i < columns->len; i++)
    {
      g_autofree char *x = g_strdup_printf ("%s.\"%s\"", row, (char *) columns->pdata[i]);

      g_string_append_printf (out, "%s'%s', ", i ? ", " : "", (char *) columns->pdata[i]);
      append_value_json (out, x);
    }
  g_string_append_c (out, ')');
  return g_string_free (out, FALSE);
}

/* Triggers */

char *
_mb_undo_batch_when (const char *table,
                     const char *row,
                     gboolean    batch_aware)
{
  if (!batch_aware)
    return g_strdup ("");
  return g_strdup_printf ("WHEN NOT EXISTS (SELECT 1 FROM mb_undo_batch"
                          " WHERE tbl = '%s' AND max_rowid < %s.rowid) ", table, row);
}

gboolean
_mb_undo_install_triggers (sqlite3     *db,
                           const char  *table,
                           gboolean     batch_aware,
                           GError     **error)
{
  g_autoptr(GPtrArray) pks = NULL;
  g_autoptr(GPtrArray) columns = _mb_store_table_columns (db, table, &pks);
  g_autofree char *key_new = object_expr ("new", pks);
  g_autofree char *row_old = object_expr ("old", columns);
  g_autofree char *when_new = NULL;
  g_autofree char *when_old = NULL;
  g_autofree char *sql = NULL;
  int rc;

  when_new = _mb_undo_batch_when (table, "new", batch_aware);
  when_old = _mb_undo_batch_when (table, "old", batch_aware);
  sql = g_strdup_printf (
    "CREATE TRIGGER mb_undo_%1$s_insert AFTER INSERT ON %1$s %4$sBEGIN "
    "INSERT INTO mb_undo_log (tbl, op, key) VALUES ('%1$s', '" MB_UNDO_OP_DELETE "', %2$s); END;\n"
    "CREATE TRIGGER mb_undo_%1$s_update AFTER UPDATE ON %1$s %5$sBEGIN "
    "INSERT INTO mb_undo_log (tbl, op, key, vals) VALUES ('%1$s', '" MB_UNDO_OP_UPDATE "', %2$s,"
    " %3$s); END;\n"
    "CREATE TRIGGER mb_undo_%1$s_delete AFTER DELETE ON %1$s %5$sBEGIN "
    "INSERT INTO mb_undo_log (tbl, op, vals) VALUES ('%1$s', '" MB_UNDO_OP_INSERT "', %3$s); END;\n",
    table, key_new, row_old, when_new, when_old);

  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Errors */

G_GNUC_PRINTF (3, 4)
static void
refuse (GError     **error,
        gint64       seq,
        const char  *format,
        ...)
{
  g_autofree char *reason = NULL;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_BAD_HISTORY,
               _("entry %s: %s"), number, reason);
}

/* Loading and checking */

static sqlite3_stmt *
cached_stmt (MbUndoReplay  *replay,
             sqlite3       *db,
             const char    *sql,
             GError       **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (replay->stmts, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  stmt = _mb_store_prepare (db, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (replay->stmts, g_strdup (sql), stmt);
  return stmt;
}

static TableInfo *
lookup_table (MbUndoReplay  *replay,
              sqlite3       *db,
              const char    *name,
              gint64         seq,
              GError       **error)
{
  TableInfo *t;

  if (name == NULL || !g_strv_contains (mb_store_entity_tables, name))
    {
      refuse (error, seq, _("“%s” is not a table of the library"), name ? name : "");
      return NULL;
    }
  t = g_hash_table_lookup (replay->tables, name);
  if (t != NULL)
    return t;

  t = g_new0 (TableInfo, 1);
  t->name = g_strdup (name);
  t->columns = _mb_store_table_columns (db, name, &t->pks);
  t->set_table = is_set_table (name);
  g_hash_table_insert (replay->tables, t->name, t);
  if (t->columns->len == 0 || t->pks->len == 0)
    {
      refuse (error, seq, _("“%s” is not a table of the library"), name);
      return NULL;
    }
  return t;
}

/* The stash must have the table's columns, in its order, after mb_seq: a
 * migration that changes the one changes the other. */
static gboolean
check_stash (sqlite3     *db,
             TableInfo   *t,
             gint64       seq,
             GError     **error)
{
  g_autofree char *stash = g_strconcat ("mb_undo_stash_", t->name, NULL);
  g_autoptr(GPtrArray) pks = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  gboolean ok;

  if (t->stash_checked)
    return TRUE;
  columns = _mb_store_table_columns (db, stash, &pks);
  ok = t->set_table && columns->len == t->columns->len + 1 &&
       g_str_equal (columns->pdata[0], "mb_seq");
  for (guint i = 0; ok && i < t->columns->len; i++)
    ok = g_str_equal (columns->pdata[i + 1], t->columns->pdata[i]);
  if (!ok)
    {
      refuse (error, seq, _("rows of “%s” cannot be kept as a set"), t->name);
      return FALSE;
    }
  t->stash_checked = TRUE;
  return TRUE;
}

static guint8 *
decode_hex (const char *hex,
            gsize      *len)
{
  gsize n = hex ? strlen (hex) : 0;
  guint8 *out;

  if (hex == NULL || n % 2 != 0)
    return NULL;
  out = g_malloc (n / 2 + 1);
  for (gsize i = 0; i < n; i += 2)
    {
      int hi = g_ascii_xdigit_value (hex[i]);
      int lo = g_ascii_xdigit_value (hex[i + 1]);

      if (hi < 0 || lo < 0)
        {
          g_free (out);
          return NULL;
        }
      out[i / 2] = (guint8) (hi * 16 + lo);
    }
  *len = n / 2;
  return out;
}

/* Reads the JSON object @json of entry @seq into columns of @t and values.
 * Each member must name a column of @t, once. */
static gboolean
read_object (MbUndoReplay  *replay,
             sqlite3       *db,
             TableInfo     *t,
             gint64         seq,
             gboolean       is_key,
             sqlite3_stmt  *row,
             int            col,
             GPtrArray    **cols_out,
             GArray       **vals_out,
             GError       **error)
{
  g_autoptr(GPtrArray) cols = g_ptr_array_new ();
  g_autoptr(GArray) vals = g_array_new (FALSE, TRUE, sizeof (Value));
  sqlite3_stmt *each;
  int rc;

  g_array_set_clear_func (vals, value_clear);
  if (sqlite3_column_type (row, col) != SQLITE_TEXT)
    {
      refuse (error, seq, "%s", is_key ? _("its key is missing") : _("its values are missing"));
      return FALSE;
    }
  each = cached_stmt (replay, db, "SELECT key, type, value, json_type(?1) FROM json_each(?1)",
                      error);
  if (each == NULL)
    return FALSE;
  sqlite3_bind_value (each, 1, sqlite3_column_value (row, col));

  while ((rc = sqlite3_step (each)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (each, 0);
      const char *type = (const char *) sqlite3_column_text (each, 1);
      const char *top = (const char *) sqlite3_column_text (each, 3);
      Value v = { SQLITE_NULL, };
      guint index;

      if (g_strcmp0 (top, "object") != 0 || key == NULL ||
          sqlite3_column_type (each, 0) != SQLITE_TEXT)
        {
          refuse (error, seq, "%s", is_key ? _("its key is malformed")
                                           : _("its values are malformed"));
          return FALSE;
        }
      if (!g_ptr_array_find_with_equal_func (t->columns, key, g_str_equal, &index))
        {
          refuse (error, seq, _("“%s” is not a column of “%s”"), key, t->name);
          return FALSE;
        }
      if (g_ptr_array_find (cols, t->columns->pdata[index], NULL))
        {
          refuse (error, seq, _("column “%s” appears twice"), key);
          return FALSE;
        }

      if (g_strcmp0 (type, "null") == 0)
        v.type = SQLITE_NULL;
      else if (g_strcmp0 (type, "integer") == 0)
        {
          v.type = SQLITE_INTEGER;
          v.i = sqlite3_column_int64 (each, 2);
        }
      else if (g_strcmp0 (type, "real") == 0)
        {
          v.type = SQLITE_FLOAT;
          v.d = sqlite3_column_double (each, 2);
        }
      else if (g_strcmp0 (type, "text") == 0)
        {
          v.type = SQLITE_TEXT;
          v.len = sqlite3_column_bytes (each, 2);
          v.bytes = g_strndup ((const char *) sqlite3_column_text (each, 2), v.len);
        }
      else if (g_strcmp0 (type, "object") == 0)
        {
          /* {"blob": "HEX"} and nothing else. */
          g_autofree char *object = g_strdup ((const char *) sqlite3_column_text (each, 2));
          sqlite3_stmt *blob = cached_stmt (replay, db,
                                            "SELECT json_type(?1, '$.blob'),"
                                            " json_extract(?1, '$.blob'),"
                                            " (SELECT count(*) FROM json_each(?1))", error);

          if (blob == NULL)
            return FALSE;
          sqlite3_bind_text (blob, 1, object, -1, SQLITE_STATIC);
          if (sqlite3_step (blob) == SQLITE_ROW &&
              g_strcmp0 ((const char *) sqlite3_column_text (blob, 0), "text") == 0 &&
              sqlite3_column_int (blob, 2) == 1)
            v.bytes = (char *) decode_hex ((const char *) sqlite3_column_text (blob, 1), &v.len);
          sqlite3_reset (blob);
          if (v.bytes == NULL)
            {
              refuse (error, seq, _("the value of “%s” is malformed"), key);
              return FALSE;
            }
          v.type = SQLITE_BLOB;
        }
      else
        {
          refuse (error, seq, _("the value of “%s” is malformed"), key);
          return FALSE;
        }
      g_ptr_array_add (cols, t->columns->pdata[index]);
      g_array_append_val (vals, v);
    }
  sqlite3_reset (each);
  if (rc != SQLITE_DONE)
    {
      refuse (error, seq, "%s", is_key ? _("its key is malformed")
                                       : _("its values are malformed"));
      return FALSE;
    }
  if (cols->len == 0)
    {
      refuse (error, seq, "%s", is_key ? _("its key is missing") : _("its values are missing"));
      return FALSE;
    }
  *cols_out = g_steal_pointer (&cols);
  *vals_out = g_steal_pointer (&vals);
  return TRUE;
}

static gboolean
has_all (GPtrArray *cols,
         GPtrArray *wanted)
{
  for (guint i = 0; i < wanted->len; i++)
    if (!g_ptr_array_find_with_equal_func (cols, wanted->pdata[i], g_str_equal, NULL))
      return FALSE;
  return TRUE;
}

/* A set's size, {"rows": N}, and that the set holds exactly that many. */
static gboolean
read_set (MbUndoReplay  *replay,
          sqlite3       *db,
          Entry         *e,
          sqlite3_stmt  *row,
          GError       **error)
{
  g_autofree char *count_sql = NULL;
  sqlite3_stmt *stmt;
  gint64 n = -1;

  if (!e->table->set_table)
    {
      refuse (error, e->seq, _("rows of “%s” cannot be kept as a set"), e->table->name);
      return FALSE;
    }
  if (sqlite3_column_type (row, 3) != SQLITE_NULL)
    {
      refuse (error, e->seq, _("a set has no key"));
      return FALSE;
    }
  stmt = cached_stmt (replay, db, "SELECT json_extract(?1, '$.rows'), json_type(?1, '$.rows'),"
                      " (SELECT count(*) FROM json_each(?1))", NULL);
  if (stmt != NULL && sqlite3_column_type (row, 4) == SQLITE_TEXT)
    {
      sqlite3_bind_value (stmt, 1, sqlite3_column_value (row, 4));
      if (sqlite3_step (stmt) == SQLITE_ROW &&
          g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "integer") == 0 &&
          sqlite3_column_int64 (stmt, 2) == 1)
        n = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  if (n < 1)
    {
      refuse (error, e->seq, _("the size of its set is malformed"));
      return FALSE;
    }

  /* Both kinds use the stash: read its columns now, before the replay's
   * authorizer refuses the pragma. */
  if (!check_stash (db, e->table, e->seq, error))
    return FALSE;
  if (e->op == OP_DELETE_SET)
    count_sql = g_strdup ("SELECT count(*) FROM mb_undo_inserted WHERE seq = ?");
  else
    count_sql = g_strdup_printf ("SELECT count(*) FROM mb_undo_stash_%s WHERE mb_seq = ?",
                                 e->table->name);
  if (_mb_store_query_int (db, count_sql, "I", e->seq) != n)
    {
      refuse (error, e->seq, _("its set of rows of “%s” has been changed"), e->table->name);
      return FALSE;
    }
  e->rows = n;
  replay->set_rows += n;
  return TRUE;
}

static gboolean
read_entry (MbUndoReplay  *replay,
            sqlite3       *db,
            sqlite3_stmt  *row,
            Entry         *e,
            GError       **error)
{
  const char *tbl = (const char *) sqlite3_column_text (row, 1);
  const char *op = (const char *) sqlite3_column_text (row, 2);

  e->seq = sqlite3_column_int64 (row, 0);
  e->table = lookup_table (replay, db, tbl, e->seq, error);
  if (e->table == NULL)
    return FALSE;

  if (g_strcmp0 (op, MB_UNDO_OP_DELETE) == 0)
    e->op = OP_DELETE;
  else if (g_strcmp0 (op, MB_UNDO_OP_UPDATE) == 0)
    e->op = OP_UPDATE;
  else if (g_strcmp0 (op, MB_UNDO_OP_INSERT) == 0)
    e->op = OP_INSERT;
  else if (g_strcmp0 (op, MB_UNDO_OP_DELETE_SET) == 0)
    e->op = OP_DELETE_SET;
  else if (g_strcmp0 (op, MB_UNDO_OP_INSERT_SET) == 0)
    e->op = OP_INSERT_SET;
  else if (g_strcmp0 (op, MB_UNDO_OP_UNREADABLE) == 0)
    {
      refuse (error, e->seq, _("it was not of a form the store writes when the library was"
                               " upgraded"));
      return FALSE;
    }
  else
    {
      refuse (error, e->seq, _("“%s” is not a kind of change"), op ? op : "");
      return FALSE;
    }

  switch (e->op)
    {
    case OP_DELETE:
    case OP_UPDATE:
      /* The key names the one row: its whole primary key, nothing else. */
      if (!read_object (replay, db, e->table, e->seq, TRUE, row, 3,
                        &e->key_cols, &e->key_vals, error))
        return FALSE;
      if (e->key_cols->len != e->table->pks->len || !has_all (e->key_cols, e->table->pks))
        {
          refuse (error, e->seq, _("its key is not the key of “%s”"), e->table->name);
          return FALSE;
        }
      if (e->op == OP_DELETE)
        {
          if (sqlite3_column_type (row, 4) != SQLITE_NULL)
            {
              refuse (error, e->seq, _("a deletion has no values"));
              return FALSE;
            }
          return TRUE;
        }
      return read_object (replay, db, e->table, e->seq, FALSE, row, 4,
                          &e->val_cols, &e->val_vals, error);
    case OP_INSERT:
      if (sqlite3_column_type (row, 3) != SQLITE_NULL)
        {
          refuse (error, e->seq, _("an insertion has no key"));
          return FALSE;
        }
      if (!read_object (replay, db, e->table, e->seq, FALSE, row, 4,
                        &e->val_cols, &e->val_vals, error))
        return FALSE;
      if (!has_all (e->val_cols, e->table->pks))
        {
          refuse (error, e->seq, _("its values lack the key of “%s”"), e->table->name);
          return FALSE;
        }
      return TRUE;
    case OP_DELETE_SET:
    case OP_INSERT_SET:
    default:
      return read_set (replay, db, e, row, error);
    }
}

MbUndoReplay *
_mb_undo_replay_load (sqlite3  *db,
                      gint64    first,
                      gint64    last,
                      GError  **error)
{
  g_autoptr(MbUndoReplay) replay = g_new0 (MbUndoReplay, 1);
  g_autoptr(sqlite3_stmt) rows = NULL;
  int rc;

  replay->entries = g_ptr_array_new_with_free_func (entry_free);
  replay->tables = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, table_info_free);
  replay->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         stmt_free);

  rows = _mb_store_prepare (db, "SELECT seq, tbl, op, key, vals FROM mb_undo_log"
                                " WHERE seq BETWEEN ? AND ? ORDER BY seq DESC", error);
  if (rows == NULL)
    return NULL;
  sqlite3_bind_int64 (rows, 1, first);
  sqlite3_bind_int64 (rows, 2, last);
  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      Entry *e = g_new0 (Entry, 1);

      g_ptr_array_add (replay->entries, e);
      if (!read_entry (replay, db, rows, e, error))
        return NULL;
    }
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&replay);
}

gint64
_mb_undo_replay_size (MbUndoReplay *replay)
{
  return replay->entries->len + replay->set_rows;
}

void
_mb_undo_replay_free (MbUndoReplay *replay)
{
  if (replay == NULL)
    return;
  g_clear_pointer (&replay->entries, g_ptr_array_unref);
  g_clear_pointer (&replay->stmts, g_hash_table_unref);
  g_clear_pointer (&replay->tables, g_hash_table_unref);
  g_free (replay);
}

/* Applying */

static void
bind_values (sqlite3_stmt *stmt,
             int           first,
             GArray       *vals)
{
  for (guint i = 0; vals && i < vals->len; i++)
    {
      const Value *v = &g_array_index (vals, Value, i);
      int n = first + (int) i;

      switch (v->type)
        {
        case SQLITE_INTEGER:
          sqlite3_bind_int64 (stmt, n, v->i);
          break;
        case SQLITE_FLOAT:
          sqlite3_bind_double (stmt, n, v->d);
          break;
        case SQLITE_TEXT:
          sqlite3_bind_text (stmt, n, v->bytes, (int) v->len, SQLITE_STATIC);
          break;
        case SQLITE_BLOB:
          sqlite3_bind_blob (stmt, n, v->bytes, (int) v->len, SQLITE_STATIC);
          break;
        default:
          sqlite3_bind_null (stmt, n);
          break;
        }
    }
}

static void
append_where_key (GString *sql,
                  Entry   *e,
                  int      first)
{
  g_string_append (sql, " WHERE ");
  for (guint i = 0; i < e->key_cols->len; i++)
    {
      if (i > 0)
        g_string_append (sql, " AND ");
      append_name (sql, e->key_cols->pdata[i]);
      g_string_append_printf (sql, " = ?%d", first + (int) i);
    }
}

/* Runs @stmt to its end. A constraint it breaks means the history does not
 * fit the library. */
static gboolean
step_done (sqlite3       *db,
           sqlite3_stmt  *stmt,
           gint64         seq,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  while (rc == SQLITE_ROW)
    rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_autoptr(GError) reason = NULL;

      _mb_store_set_sqlite_error (db, rc, &reason);
      refuse (error, seq, _("it does not fit the library: %s"), reason->message);
    }
  else
    _mb_store_set_sqlite_error (db, rc, error);
  return FALSE;
}

static gboolean
apply_row (MbUndoReplay  *replay,
           sqlite3       *db,
           Entry         *e,
           GError       **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int n_vals = e->val_vals ? (int) e->val_vals->len : 0;

  switch (e->op)
    {
    case OP_DELETE:
      g_string_append (sql, "DELETE FROM ");
      append_name (sql, e->table->name);
      append_where_key (sql, e, 1);
      break;
    case OP_UPDATE:
      g_string_append (sql, "UPDATE ");
      append_name (sql, e->table->name);
      g_string_append (sql, " SET ");
      for (guint i = 0; i < e->val_cols->len; i++)
        {
          g_string_append (sql, i ? ", " : "");
          append_name (sql, e->val_cols->pdata[i]);
          g_string_append_printf (sql, " = ?%u", i + 1);
        }
      append_where_key (sql, e, n_vals + 1);
      break;
    case OP_INSERT:
    case OP_DELETE_SET:
    case OP_INSERT_SET:
    default:
      g_string_append (sql, "INSERT INTO ");
      append_name (sql, e->table->name);
      g_string_append (sql, " (");
      for (guint i = 0; i < e->val_cols->len; i++)
        {
          g_string_append (sql, i ? ", " : "");
          append_name (sql, e->val_cols->pdata[i]);
        }
      g_string_append (sql, ") VALUES (");
      for (guint i = 0; i < e->val_cols->len; i++)
        g_string_append_printf (sql, "%s?%u", i ? ", " : "", i + 1);
      g_string_append_c (sql, ')');
      break;
    }

  stmt = cached_stmt (replay, db, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_values (stmt, 1, e->val_vals);
  bind_values (stmt, n_vals + 1, e->key_vals);
  if (!step_done (db, stmt, e->seq, error))
    return FALSE;

  /* An update brings back a row that is there. (A deletion may find its
   * row gone already, with a parent's cascade.) */
  if (e->op == OP_UPDATE && sqlite3_changes (db) != 1)
    {
      refuse (error, e->seq, _("the row of “%s” it changes is not there"), e->table->name);
      return FALSE;
    }
  return TRUE;
}

static char *
column_list (TableInfo *t)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < t->columns->len; i++)
    {
      g_string_append (out, i ? ", " : "");
      append_name (out, t->columns->pdata[i]);
    }
  return g_string_free (out, FALSE);
}

/* Undo of a batch's inserts: the set's rows go to the stash and out of the
 * table, with a statement each, and one entry records them for redo. */
static gboolean
apply_delete_set (MbUndoReplay  *replay,
                  sqlite3       *db,
                  Entry         *e,
                  GError       **error)
{
  TableInfo *t = e->table;
  g_autofree char *columns = column_list (t);
  g_autofree char *stash = NULL;
  g_autofree char *delete = NULL;
  g_autofree char *count = g_strdup_printf ("SELECT count(*) FROM \"%s\"", t->name);
  g_autofree char *vals = g_strdup_printf ("{\"rows\":%" G_GINT64_FORMAT "}", e->rows);
  gboolean had_batch;
  gint64 max_rowid, seq, before;
  gboolean ok;

  /* While the set goes, the table's triggers take every row for one a
   * batch made, and log nothing. */
  had_batch = _mb_store_query_int (db, "SELECT count(*) FROM mb_undo_batch WHERE tbl = ?",
                                   "s", t->name) > 0;
  max_rowid = _mb_store_query_int (db, "SELECT max_rowid FROM mb_undo_batch WHERE tbl = ?",
                                   "s", t->name);
  if (!_mb_store_exec (db, error, "INSERT INTO mb_undo_log (tbl, op, vals) VALUES (?, ?, ?)",
                       "sss", t->name, MB_UNDO_OP_INSERT_SET, vals))
    return FALSE;
  seq = sqlite3_last_insert_rowid (db);

  stash = g_strdup_printf ("INSERT INTO mb_undo_stash_%1$s (mb_seq, %2$s) SELECT ?, %2$s"
                           " FROM \"%1$s\" WHERE id IN (SELECT id FROM mb_undo_inserted"
                           " WHERE seq = ?) ORDER BY rowid", t->name, columns);
  if (!_mb_store_exec (db, error, stash, "II", seq, e->seq))
    return FALSE;
  if (sqlite3_changes (db) != e->rows)
    {
      refuse (error, e->seq, _("rows of its set of “%s” are not there"), t->name);
      return FALSE;
    }

  before = _mb_store_query_int (db, count, NULL);
  delete = g_strdup_printf ("DELETE FROM \"%s\" WHERE id IN (SELECT id FROM mb_undo_inserted"
                            " WHERE seq = ?)", t->name);
  if (!_mb_store_exec (db, error, "INSERT OR REPLACE INTO mb_undo_batch (tbl, max_rowid)"
                       " VALUES (?, -1)", "s", t->name))
    return FALSE;
  ok = _mb_store_exec (db, error, delete, "I", e->seq);
  ok = (had_batch ? _mb_store_exec (db, ok ? error : NULL, "UPDATE mb_undo_batch"
                                    " SET max_rowid = ? WHERE tbl = ?", "Is", max_rowid, t->name)
                  : _mb_store_exec (db, ok ? error : NULL, "DELETE FROM mb_undo_batch"
                                    " WHERE tbl = ?", "s", t->name)) && ok;
  if (!ok)
    return FALSE;
  /* Unlogged, the set may take only its own rows with it. */
  if (before - _mb_store_query_int (db, count, NULL) != e->rows)
    {
      refuse (error, e->seq, _("deleting its set would delete other rows of “%s”"), t->name);
      return FALSE;
    }
  return TRUE;
}

/* Redo of a batch's inserts: the stashed rows come back in one statement. */
static gboolean
apply_insert_set (MbUndoReplay  *replay,
                  sqlite3       *db,
                  Entry         *e,
                  GError       **error)
{
  g_autofree char *columns = column_list (e->table);
  g_autofree char *sql = g_strdup_printf ("INSERT INTO \"%1$s\" (%2$s) SELECT %2$s"
                                          " FROM mb_undo_stash_%1$s WHERE mb_seq = ?"
                                          " ORDER BY rowid", e->table->name, columns);
  sqlite3_stmt *stmt = cached_stmt (replay, db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, e->seq);
  if (!step_done (db, stmt, e->seq, error))
    return FALSE;
  if (sqlite3_changes (db) != e->rows)
    {
      refuse (error, e->seq, _("its set of rows of “%s” has been changed"), e->table->name);
      return FALSE;
    }
  return TRUE;
}

/* Tables a replay may write: the entities and the store's own bookkeeping
 * that their triggers keep (undo log, batch sets, stashes, search index and
 * FTS5's tables behind it). SQLite asks about sqlite_master when FTS5
 * declares its table on a new connection; no statement can change it
 * without PRAGMA writable_schema, which is refused. */
static gboolean
replay_may_write (const char *table)
{
  return table != NULL &&
         (g_strv_contains (mb_store_entity_tables, table) ||
          g_str_equal (table, "mb_undo_log") ||
          g_str_equal (table, "mb_undo_inserted") ||
          g_str_equal (table, "mb_undo_batch") ||
          g_str_has_prefix (table, "mb_undo_stash_") ||
          g_str_equal (table, "mb_search") ||
          g_str_has_prefix (table, "mb_search_") ||
          g_str_equal (table, "sqlite_master"));
}

/* Built-in functions that reach outside the statement's rows. The store
 * registers none of its own. */
static const char * const outside_functions[] = {
  "load_extension", "fts3_tokenizer", "readfile", "writefile", "edit", "sqlite_dbpage",
  NULL
};

static int
replay_authorize (gpointer    user_data,
                  int         action,
                  const char *a,
                  const char *b,
                  const char *database,
                  const char *trigger)
{
  gboolean review = GPOINTER_TO_INT (user_data);

  if (review && _mb_store_review_authorize (NULL, action, a, b, database, trigger) != SQLITE_OK)
    return SQLITE_DENY;

  switch (action)
    {
    case SQLITE_INSERT:
    case SQLITE_UPDATE:
    case SQLITE_DELETE:
      return g_strcmp0 (database, "main") == 0 && replay_may_write (a) ? SQLITE_OK : SQLITE_DENY;
    case SQLITE_READ:
    case SQLITE_SELECT:
    case SQLITE_RECURSIVE:
      return SQLITE_OK;
    case SQLITE_FUNCTION:
      return b != NULL && !g_strv_contains (outside_functions, b) ? SQLITE_OK : SQLITE_DENY;
    case SQLITE_PRAGMA:
      /* FTS5 asks whether its index changed under it. */
      return g_strcmp0 (a, "data_version") == 0 && b == NULL ? SQLITE_OK : SQLITE_DENY;
    default:
      /* ATTACH, schema changes, transactions, other pragmas. */
      return SQLITE_DENY;
    }
}

gboolean
_mb_undo_replay_run (MbUndoReplay  *replay,
                     sqlite3       *db,
                     gboolean       review,
                     GError       **error)
{
  gboolean ok = TRUE;

  /* Prepared statements of the replay are prepared again under it. */
  g_hash_table_remove_all (replay->stmts);
  sqlite3_set_authorizer (db, replay_authorize, GINT_TO_POINTER (review));

  for (guint i = 0; ok && i < replay->entries->len; i++)
    {
      Entry *e = replay->entries->pdata[i];

      switch (e->op)
        {
        case OP_DELETE_SET:
          ok = apply_delete_set (replay, db, e, error);
          break;
        case OP_INSERT_SET:
          ok = apply_insert_set (replay, db, e, error);
          break;
        case OP_DELETE:
        case OP_UPDATE:
        case OP_INSERT:
        default:
          ok = apply_row (replay, db, e, error);
          break;
        }
    }

  g_hash_table_remove_all (replay->stmts);
  sqlite3_set_authorizer (db, review ? _mb_store_review_authorize : NULL, NULL);
  return ok;
}

/* Version 5: from SQL text to structured entries */

/* Reads versions 1 to 4's trigger-made SQL. Only the shapes its triggers wrote
 * are understood; anything else is not. */
typedef struct
{
  const char *p;
} Cursor;

static gboolean
eat (Cursor     *c,
     const char *text)
{
  gsize n = strlen (text);

  if (strncmp (c->p, text, n) != 0)
    return FALSE;
  c->p += n;
  return TRUE;
}

static char *
read_name (Cursor *c)
{
  const char *start = c->p;

  while (g_ascii_islower (*c->p) || *c->p == '_' || (c->p > start && g_ascii_isdigit (*c->p)))
    c->p++;
  return c->p > start ? g_strndup (start, c->p - start) : NULL;
}

/* A literal as quote() writes it. */
static gboolean
read_literal (Cursor *c,
              Value  *v)
{
  const char *start = c->p;

  memset (v, 0, sizeof *v);
  if (eat (c, "NULL"))
    {
      v->type = SQLITE_NULL;
      return TRUE;
    }
  if (*c->p == '\'')
    {
      GString *s = g_string_new (NULL);

      for (c->p++; ; c->p++)
        {
          if (*c->p == '\0')
            {
              g_string_free (s, TRUE);
              return FALSE;
            }
          if (*c->p == '\'')
            {
              if (c->p[1] != '\'')
                break;
              c->p++;
            }
          g_string_append_c (s, *c->p);
        }
      c->p++;
      v->type = SQLITE_TEXT;
      v->len = s->len;
      v->bytes = g_string_free (s, FALSE);
      return TRUE;
    }
  if (eat (c, "X'"))
    {
      const char *hex = c->p;
      g_autofree char *digits = NULL;

      while (g_ascii_isxdigit (*c->p))
        c->p++;
      digits = g_strndup (hex, c->p - hex);
      if (!eat (c, "'"))
        return FALSE;
      v->type = SQLITE_BLOB;
      v->bytes = (char *) decode_hex (digits, &v->len);
      return v->bytes != NULL;
    }

  /* -?digits(.digits)?(e[+-]?digits)? */
  {
    gboolean real = FALSE;
    g_autofree char *number = NULL;

    if (*c->p == '-')
      c->p++;
    if (!g_ascii_isdigit (*c->p))
      return FALSE;
    while (g_ascii_isdigit (*c->p))
      c->p++;
    if (*c->p == '.')
      {
        real = TRUE;
        c->p++;
        if (!g_ascii_isdigit (*c->p))
          return FALSE;
        while (g_ascii_isdigit (*c->p))
          c->p++;
      }
    if (*c->p == 'e')
      {
        real = TRUE;
        c->p++;
        if (*c->p == '+' || *c->p == '-')
          c->p++;
        if (!g_ascii_isdigit (*c->p))
          return FALSE;
        while (g_ascii_isdigit (*c->p))
          c->p++;
      }
    number = g_strndup (start, c->p - start);
    if (real)
      {
        v->type = SQLITE_FLOAT;
        v->d = g_ascii_strtod (number, NULL);
        return TRUE;
      }
    v->type = SQLITE_INTEGER;
    return g_ascii_string_to_signed (number, 10, G_MININT64, G_MAXINT64, &v->i, NULL);
  }
}

/* name=literal pairs, separated by @separator. */
static gboolean
read_pairs (Cursor     *c,
            const char *separator,
            GPtrArray  *names,
            GArray     *vals)
{
  do
    {
      char *name = read_name (c);
      Value v;

      if (name == NULL)
        return FALSE;
      g_ptr_array_add (names, name);
      if (!eat (c, "=") || !read_literal (c, &v))
        return FALSE;
      g_array_append_val (vals, v);
    }
  while (eat (c, separator));
  return TRUE;
}

/* JSON of @names and @vals, encoded as the triggers encode them. */
static char *
json_of (sqlite3     *db,
         GPtrArray   *names,
         GArray      *vals)
{
  g_autoptr(GString) sql = g_string_new ("SELECT json_object(");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char *json = NULL;

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *x = g_strdup_printf ("?%u", 2 * i + 2);

      g_string_append_printf (sql, "%s?%u, ", i ? ", " : "", 2 * i + 1);
      append_value_json (sql, x);
    }
  g_string_append_c (sql, ')');
  stmt = _mb_store_prepare (db, sql->str, NULL);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GArray) one = g_array_new (FALSE, FALSE, sizeof (Value));

      sqlite3_bind_text (stmt, 2 * i + 1, names->pdata[i], -1, SQLITE_STATIC);
      g_array_append_val (one, g_array_index (vals, Value, i));
      bind_values (stmt, 2 * i + 2, one);
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    json = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return json;
}

/* One older entry as (op, key, vals); FALSE when it is not of a shape
 * the triggers wrote. */
static gboolean
convert_entry (sqlite3     *db,
               gint64       seq,
               const char  *tbl,
               const char  *text,
               const char **op,
               char       **key,
               char       **vals)
{
  g_autoptr(GPtrArray) key_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) val_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) key_vals = g_array_new (FALSE, FALSE, sizeof (Value));
  g_autoptr(GArray) val_vals = g_array_new (FALSE, FALSE, sizeof (Value));
  g_autofree char *table = NULL;
  Cursor c = { text };

  g_array_set_clear_func (key_vals, value_clear);
  g_array_set_clear_func (val_vals, value_clear);
  if (text == NULL || tbl == NULL)
    return FALSE;

  if (eat (&c, "DELETE FROM "))
    {
      table = read_name (&c);
      if (table == NULL || !eat (&c, " WHERE "))
        return FALSE;
      if (eat (&c, "id IN (SELECT id FROM mb_undo_inserted WHERE seq = "))
        {
          Value v;
          gint64 rows;

          if (!read_literal (&c, &v) || v.type != SQLITE_INTEGER || v.i != seq ||
              !eat (&c, ")") || *c.p != '\0' || !g_str_equal (table, tbl))
            return FALSE;
          rows = _mb_store_query_int (db, "SELECT count(*) FROM mb_undo_inserted WHERE seq = ?",
                                      "I", seq);
          if (rows < 1)
            return FALSE;
          *op = MB_UNDO_OP_DELETE_SET;
          *vals = g_strdup_printf ("{\"rows\":%" G_GINT64_FORMAT "}", rows);
          return TRUE;
        }
      if (!read_pairs (&c, " AND ", key_names, key_vals))
        return FALSE;
      *op = MB_UNDO_OP_DELETE;
    }
  else if (eat (&c, "UPDATE "))
    {
      table = read_name (&c);
      if (table == NULL || !eat (&c, " SET ") || !read_pairs (&c, ",", val_names, val_vals) ||
          !eat (&c, " WHERE ") || !read_pairs (&c, " AND ", key_names, key_vals))
        return FALSE;
      *op = MB_UNDO_OP_UPDATE;
    }
  else if (eat (&c, "INSERT INTO "))
    {
      table = read_name (&c);
      if (table == NULL || !eat (&c, " ("))
        return FALSE;
      do
        {
          char *name = read_name (&c);

          if (name == NULL)
            return FALSE;
          g_ptr_array_add (val_names, name);
        }
      while (eat (&c, ","));
      if (!eat (&c, ") VALUES ("))
        return FALSE;
      for (guint i = 0; i < val_names->len; i++)
        {
          Value v;

          if ((i > 0 && !eat (&c, ",")) || !read_literal (&c, &v))
            return FALSE;
          g_array_append_val (val_vals, v);
        }
      if (!eat (&c, ")"))
        return FALSE;
      *op = MB_UNDO_OP_INSERT;
    }
  else
    return FALSE;

  if (*c.p != '\0' || !g_str_equal (table, tbl))
    return FALSE;
  *key = key_names->len ? json_of (db, key_names, key_vals) : NULL;
  *vals = val_names->len ? json_of (db, val_names, val_vals) : NULL;
  return (key_names->len == 0 || *key != NULL) && (val_names->len == 0 || *vals != NULL);
}

gboolean
_mb_undo_migrate_to_structured (sqlite3  *db,
                                GError  **error)
{
  g_autoptr(GString) forget = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) old = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  int rc;

  for (guint i = 0; mb_store_entity_tables[i]; i++)
    {
      const char *kinds[] = { "insert", "update", "delete" };

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autofree char *drop = g_strdup_printf ("DROP TRIGGER IF EXISTS mb_undo_%s_%s",
                                                   mb_store_entity_tables[i], kinds[k]);
          if (!_mb_store_exec (db, error, drop, NULL))
            return FALSE;
        }
    }

  /* The stashes: each set table's columns, without affinity, after the seq
   * of the entry that keeps them. */
  g_string_append (forget, "CREATE TRIGGER mb_undo_log_forget AFTER DELETE ON mb_undo_log"
                           " WHEN old.op IN ('" MB_UNDO_OP_DELETE_SET "', '"
                           MB_UNDO_OP_INSERT_SET "') BEGIN"
                           " DELETE FROM mb_undo_inserted WHERE seq = old.seq;");
  for (guint i = 0; i < _mb_undo_n_set_tables; i++)
    {
      const char *t = _mb_undo_set_tables[i];
      g_autoptr(GPtrArray) pks = NULL;
      g_autoptr(GPtrArray) columns = _mb_store_table_columns (db, t, &pks);
      g_autoptr(GString) create = g_string_new (NULL);
      g_autofree char *index = NULL;

      g_string_append_printf (create, "CREATE TABLE mb_undo_stash_%s (mb_seq INTEGER NOT NULL",
                              t);
      for (guint c = 0; c < columns->len; c++)
        {
          g_string_append (create, ", ");
          append_name (create, columns->pdata[c]);
        }
      g_string_append_c (create, ')');
      index = g_strdup_printf ("CREATE INDEX mb_undo_stash_%1$s_by_seq"
                               " ON mb_undo_stash_%1$s (mb_seq)", t);
      if (!_mb_store_exec (db, error, create->str, NULL) ||
          !_mb_store_exec (db, error, index, NULL))
        return FALSE;
      g_string_append_printf (forget, " DELETE FROM mb_undo_stash_%s WHERE mb_seq = old.seq;", t);
    }
  g_string_append (forget, " END");

  if (!_mb_store_exec (db, error, "DROP TRIGGER mb_undo_log_forget", NULL) ||
      !_mb_store_exec (db, error,
                       "CREATE TABLE mb_undo_log4 ("
                       "  seq INTEGER PRIMARY KEY,"
                       "  tbl TEXT NOT NULL,"
                       "  op TEXT NOT NULL,"
                       "  key TEXT,"
                       "  vals TEXT)", NULL))
    return FALSE;

  /* Entries of another shape cannot be replayed: they become entries of
   * a kind replay refuses, so that the first undo that reaches one says the
   * history is damaged, and clears it. */
  old = _mb_store_prepare (db, "SELECT seq, tbl, sql FROM mb_undo_log ORDER BY seq", error);
  insert = _mb_store_prepare (db, "INSERT INTO mb_undo_log4 (seq, tbl, op, key, vals)"
                                  " VALUES (?, ?, ?, ?, ?)", error);
  if (old == NULL || insert == NULL)
    return FALSE;
  while ((rc = sqlite3_step (old)) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (old, 0);
      const char *tbl = (const char *) sqlite3_column_text (old, 1);
      const char *op = NULL;
      g_autofree char *key = NULL;
      g_autofree char *vals = NULL;

      if (!convert_entry (db, seq, tbl, (const char *) sqlite3_column_text (old, 2),
                          &op, &key, &vals))
        {
          op = MB_UNDO_OP_UNREADABLE;
          g_clear_pointer (&key, g_free);
          g_clear_pointer (&vals, g_free);
        }
      sqlite3_bind_int64 (insert, 1, seq);
      sqlite3_bind_text (insert, 2, tbl ? tbl : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 3, op, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 4, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 5, vals, -1, SQLITE_STATIC);
      if (sqlite3_step (insert) != SQLITE_DONE)
        {
          _mb_store_set_sqlite_error (db, sqlite3_extended_errcode (db), error);
          return FALSE;
        }
      sqlite3_reset (insert);
    }
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return FALSE;
    }
  g_clear_pointer (&old, sqlite3_finalize);
  g_clear_pointer (&insert, sqlite3_finalize);

  if (!_mb_store_exec (db, error, "DROP TABLE mb_undo_log", NULL) ||
      !_mb_store_exec (db, error, "ALTER TABLE mb_undo_log4 RENAME TO mb_undo_log", NULL) ||
      !_mb_store_exec (db, error, forget->str, NULL))
    return FALSE;

  /* Tables of later versions are not there yet: their migrations install
   * their own triggers. */
  for (guint i = 0; mb_store_entity_tables[i]; i++)
    if (_mb_store_query_int (db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                                 " AND name = ?", "s", mb_store_entity_tables[i]) > 0 &&
        !_mb_undo_install_triggers (db, mb_store_entity_tables[i],
                                    is_set_table (mb_store_entity_tables[i]), error))
      return FALSE;
  return TRUE;
}
