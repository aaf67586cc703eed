/* mb-remote.c – a library shared on PostgreSQL: connecting, and the schema
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server's schema is not written by hand: it is read from a library
 * that the store's own migrations create in memory (PRAGMA table_info,
 * index_list, foreign_key_list), so that a migration of mb-schema*.sql is
 * one of the server's too. What that means table by table is in
 * mb-remote.h.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "mb-remote.h"
#include "mb-store-private.h"

/* Connecting */

gboolean
mb_remote_is_uri (const char *database)
{
  static GRegex *keyword = NULL;
  PQconninfoOption *options;
  char *message = NULL;

  if (database == NULL)
    return FALSE;
  if (g_str_has_prefix (database, "postgresql://") || g_str_has_prefix (database, "postgres://"))
    return TRUE;

  /* libpq's key=value form starts with a keyword and "="; a file name
   * rarely does, and one that does is no valid conninfo ("a=b.malbild"). */
  if (g_once_init_enter (&keyword))
    g_once_init_leave (&keyword, g_regex_new ("^\\s*[a-z_]+\\s*=", G_REGEX_OPTIMIZE,
                                                      0, NULL));
  if (!g_regex_match (keyword, database, 0, NULL))
    return FALSE;

  options = PQconninfoParse (database, &message);
  PQfreemem (message);
  if (options == NULL)
    return FALSE;
  PQconninfoFree (options);
  return TRUE;
}

/* Whether @conninfo, as libpq reads it, holds a password. */
static gboolean
has_password (const char *conninfo)
{
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  gboolean found = FALSE;

  if (options == NULL)
    return FALSE;
  for (PQconninfoOption *o = options; o->keyword; o++)
    if (g_str_equal (o->keyword, "password") && o->val != NULL)
      found = TRUE;
  PQconninfoFree (options);
  return found;
}

/* A URI without "user:password@"'s password and without a password=
 * parameter. The user part ends where libpq's parser ends it: at the first
 * "@" before the first "/". */
static char *
strip_uri_password (const char *uri)
{
  const char *start = strstr (uri, "://") + 3;
  const char *p = start;
  const char *query;
  GString *out = g_string_new_len (uri, start - uri);

  while (*p && *p != '@' && *p != '/')
    p++;
  if (*p == '@')
    {
      const char *colon = start;

      while (*colon != ':' && *colon != '@')
        colon++;
      g_string_append_len (out, start, colon - start);
      start = p;
    }

  query = strchr (start, '?');
  if (query == NULL)
    {
      g_string_append (out, start);
      return g_string_free (out, FALSE);
    }

  g_string_append_len (out, start, query - start);
  {
    g_auto(GStrv) params = g_strsplit (query + 1, "&", -1);
    gboolean first = TRUE;

    for (guint i = 0; params[i]; i++)
      {
        if (g_str_has_prefix (params[i], "password=") || params[i][0] == '\0')
          continue;
        g_string_append_c (out, first ? '?' : '&');
        g_string_append (out, params[i]);
        first = FALSE;
      }
  }
  return g_string_free (out, FALSE);
}

/* @value as a conninfo value: quoted if it needs to be. */
static void
append_conninfo_value (GString    *out,
                       const char *value)
{
  if (*value != '\0' && strpbrk (value, " \t\n\r\f\v'\\") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '\'');
  for (const char *c = value; *c; c++)
    {
      if (*c == '\'' || *c == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '\'');
}

/* A key=value conninfo rebuilt from what libpq reads in it, but its
 * password: the user's order is lost, never a quoted password's end. */
static char *
rebuild_conninfo (const char *conninfo)
{
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  GString *out = g_string_new (NULL);

  if (options == NULL)
    return g_string_free (out, FALSE);
  for (PQconninfoOption *o = options; o->keyword; o++)
    {
      if (o->val == NULL || g_str_equal (o->keyword, "password"))
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%s=", o->keyword);
      append_conninfo_value (out, o->val);
    }
  PQconninfoFree (options);
  return g_string_free (out, FALSE);
}

char *
mb_remote_display_name (const char *uri)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (uri != NULL, NULL);

  if (!has_password (uri))
    return g_strdup (uri);

  /* The user's own text where it can be kept, checked by libpq's own
   * reading; else libpq's reading written out again. */
  if (g_str_has_prefix (uri, "postgresql://") || g_str_has_prefix (uri, "postgres://"))
    {
      stripped = strip_uri_password (uri);
      if (!has_password (stripped))
        return g_steal_pointer (&stripped);
    }
  return rebuild_conninfo (uri);
}

/* libpq's message on one line, without its last newline. */
static char *
one_line (const char *message)
{
  g_autofree char *copy = g_strstrip (g_strdup (message ? message : ""));
  g_auto(GStrv) lines = g_strsplit (copy, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    g_strstrip (lines[i]);
  return g_strjoinv (" ", lines);
}

PGconn *
mb_remote_connect (const char  *uri,
                   GError     **error)
{
  /* The URI is expanded where "dbname" stands; what follows it overrides
   * what it says (the client's encoding and name are Målbild's), what
   * precedes it gives way to it. The server
   * keeps only ASCII of an application_name ("M??lbild"), hence no "å". */
  const char * const keywords[] = {
    "connect_timeout", "dbname", "client_encoding", "application_name", NULL
  };
  /* A server that does not answer is given up after a while, unless the
   * URI says how long to wait. */
  const char * const values[] = { "10", uri, "UTF8", "Malbild", NULL };
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (uri != NULL, NULL);

  conn = PQconnectdbParams (keywords, values, 1);
  if (conn == NULL || PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *name = mb_remote_display_name (uri);
      g_autofree char *reason = one_line (conn ? PQerrorMessage (conn) : g_strerror (ENOMEM));

      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_IO,
                   _("Could not connect to “%s”: %s"), name, reason);
      return NULL;
    }

  /* A SET rather than the startup "options": connection poolers refuse
   * those, and a URI's own options= stays the user's. */
  if (!mb_remote_exec (conn, "SET search_path TO " MB_REMOTE_SCHEMA, &local_error))
    {
      g_autofree char *name = mb_remote_display_name (uri);

      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_IO,
                   _("Could not connect to “%s”: %s"), name, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&conn);
}

/* " (line L, column C)" of the 1-based character @position in @sql. */
static char *
describe_position (const char *sql,
                   const char *position)
{
  glong offset = position ? strtol (position, NULL, 10) : 0;
  glong length = g_utf8_strlen (sql, -1);
  const char *at;
  int line = 1;
  int column = 1;

  if (offset < 1 || offset > length + 1 || !g_utf8_validate (sql, -1, NULL))
    return NULL;
  at = g_utf8_offset_to_pointer (sql, offset - 1);
  for (const char *c = sql; c < at; c = g_utf8_next_char (c))
    {
      if (*c == '\n')
        {
          line++;
          column = 1;
        }
      else
        column++;
    }
  return g_strdup_printf (_("line %d, column %d"), line, column);
}

gboolean
mb_remote_exec (PGconn      *conn,
                const char  *sql,
                GError     **error)
{
  g_autoptr(PGresult) result = NULL;
  g_autofree char *message = NULL;
  g_autofree char *where = NULL;

  g_return_val_if_fail (conn != NULL, FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  result = PQexec (conn, sql);
  switch (PQresultStatus (result))
    {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
      return TRUE;
    case PGRES_COPY_OUT:
    case PGRES_COPY_IN:
    case PGRES_COPY_BOTH:
    case PGRES_BAD_RESPONSE:
    case PGRES_NONFATAL_ERROR:
    case PGRES_FATAL_ERROR:
    case PGRES_SINGLE_TUPLE:
    case PGRES_PIPELINE_SYNC:
    case PGRES_PIPELINE_ABORTED:
    default:
      break;
    }

  message = one_line (result ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL);
  if (*message == '\0')
    {
      g_free (message);
      message = one_line (PQerrorMessage (conn));
    }
  if (result != NULL)
    where = describe_position (sql, PQresultErrorField (result, PG_DIAG_STATEMENT_POSITION));
  if (where != NULL)
    g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_IO, "%s (%s)", message, where);
  else
    g_set_error_literal (error, MB_STORE_ERROR, MB_STORE_ERROR_IO, message);
  return FALSE;
}

/* The first value of @sql's result, into @value (NULL for SQL NULL or no
 * row). */
static gboolean
query_value (PGconn      *conn,
             const char  *sql,
             char       **value,
             GError     **error)
{
  g_autoptr(PGresult) result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      g_autofree char *message = one_line (result ? PQresultErrorMessage (result)
                                                  : PQerrorMessage (conn));

      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_IO, "%s", message);
      return FALSE;
    }
  *value = PQntuples (result) > 0 && !PQgetisnull (result, 0, 0)
           ? g_strdup (PQgetvalue (result, 0, 0)) : NULL;
  return TRUE;
}

int
mb_remote_schema_version (PGconn  *conn,
                          GError **error)
{
  g_autofree char *meta = NULL;
  g_autofree char *text = NULL;
  char *end = NULL;
  gint64 version;

  g_return_val_if_fail (conn != NULL, -1);

  /* Two statements: a reference to a table that is not there fails when
   * the statement is planned, whatever guards it. */
  if (!query_value (conn, "SELECT to_regclass('" MB_REMOTE_SCHEMA ".mb_meta')", &meta, error))
    return -1;
  if (meta == NULL)
    return 0;
  if (!query_value (conn,
                    "SELECT value FROM " MB_REMOTE_SCHEMA ".mb_meta WHERE key = 'schema_version'",
                    &text, error))
    return -1;

  version = text ? g_ascii_strtoll (text, &end, 10) : 0;
  if (text == NULL || *text == '\0' || *end != '\0' || version < 1 || version > G_MAXINT)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_A_LIBRARY,
                   _("The schema “%s” has no valid schema version (“%s”)"),
                   MB_REMOTE_SCHEMA, text ? text : "");
      return -1;
    }
  return (int) version;
}

/* The SQLite schema, read once */

typedef struct
{
  char     *name;
  char     *type;      /* PostgreSQL's */
  gboolean  not_null;
  char     *fallback;  /* a literal default, or NULL */
} RemoteColumn;

typedef struct
{
  char  *name;         /* SQLite's; an automatic one for a UNIQUE constraint */
  gboolean unique;
  gboolean automatic;  /* a constraint's (sqlite_autoindex_…), not CREATE INDEX */
  GStrv  columns;
} RemoteIndex;

typedef struct
{
  GStrv  columns;
  char  *ref_table;
  GStrv  ref_columns;
} RemoteForeignKey;

typedef struct
{
  char      *name;
  GPtrArray *columns;       /* RemoteColumn */
  GStrv      primary_key;
  GPtrArray *indexes;       /* RemoteIndex, by name */
  GPtrArray *foreign_keys;  /* RemoteForeignKey, in SQLite's order */
} RemoteTable;

typedef struct
{
  GPtrArray  *tables;    /* RemoteTable, in mb_store_entity_tables[]'s order */
  GHashTable *by_name;
  char       *failure;   /* why it could not be read, or NULL */
} RemoteSchema;

/* SQLite's type affinity (sqlite.org/datatype3.html, 3.1) as a PostgreSQL
 * type. */
static const char *
postgresql_type (const char *declared)
{
  g_autofree char *upper = g_ascii_strup (declared ? declared : "", -1);

  if (strstr (upper, "INT"))
    return "bigint";
  if (strstr (upper, "CHAR") || strstr (upper, "CLOB") || strstr (upper, "TEXT"))
    return "text";
  if (*upper == '\0' || strstr (upper, "BLOB"))
    return "bytea";
  if (strstr (upper, "REAL") || strstr (upper, "FLOA") || strstr (upper, "DOUB"))
    return "double precision";
  return "numeric";
}

/* @fallback if it is a literal both engines read alike (a string, a
 * number, NULL), else NULL: an expression's default is the client's. */
static char *
literal_default (const char *fallback)
{
  static GRegex *literal = NULL;

  if (fallback == NULL)
    return NULL;
  if (g_once_init_enter (&literal))
    g_once_init_leave (&literal,
                               g_regex_new ("^('([^']|'')*'|[-+]?[0-9]+(\\.[0-9]+)?|NULL)$",
                                            G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_match (literal, fallback, 0, NULL) ? g_strdup (fallback) : NULL;
}

static void
remote_index_free (gpointer data)
{
  RemoteIndex *index = data;

  g_free (index->name);
  g_strfreev (index->columns);
  g_free (index);
}

static void
remote_column_free (gpointer data)
{
  RemoteColumn *column = data;

  g_free (column->name);
  g_free (column->type);
  g_free (column->fallback);
  g_free (column);
}

static void
remote_foreign_key_free (gpointer data)
{
  RemoteForeignKey *key = data;

  g_strfreev (key->columns);
  g_free (key->ref_table);
  g_strfreev (key->ref_columns);
  g_free (key);
}

static int
compare_index_names (gconstpointer a,
                     gconstpointer b)
{
  const RemoteIndex *x = *(RemoteIndex * const *) a;
  const RemoteIndex *y = *(RemoteIndex * const *) b;

  return strcmp (x->name, y->name);
}

static gboolean
read_columns (sqlite3      *db,
              RemoteTable  *table,
              GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info(\"%s\")", table->name);
  g_autoptr(sqlite3_stmt) stmt = _mb_store_prepare (db, sql, error);
  g_autoptr(GArray) pk_order = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) pk_names = g_ptr_array_new ();
  GStrvBuilder *pk;

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      RemoteColumn *column = g_new0 (RemoteColumn, 1);
      int pk_position = sqlite3_column_int (stmt, 5);

      column->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      column->type = g_strdup (postgresql_type ((const char *) sqlite3_column_text (stmt, 2)));
      column->not_null = sqlite3_column_int (stmt, 3) != 0;
      column->fallback = literal_default ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (table->columns, column);
      if (pk_position > 0)
        {
          g_array_append_val (pk_order, pk_position);
          g_ptr_array_add (pk_names, column->name);
        }
    }
  if (table->columns->len == 0)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   "The library has no table “%s”", table->name);
      return FALSE;
    }
  if (pk_names->len == 0)
    {
      /* A deletion could not name the row it deleted. */
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_FAILED,
                   "The table “%s” has no primary key", table->name);
      return FALSE;
    }

  /* In the key's order, which need not be the columns'. */
  pk = g_strv_builder_new ();
  for (guint position = 1; position <= pk_names->len; position++)
    for (guint i = 0; i < pk_order->len; i++)
      if (g_array_index (pk_order, int, i) == (int) position)
        g_strv_builder_add (pk, g_ptr_array_index (pk_names, i));
  table->primary_key = g_strv_builder_end (pk);
  g_strv_builder_unref (pk);
  return TRUE;
}

static gboolean
read_indexes (sqlite3      *db,
              RemoteTable  *table,
              GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA index_list(\"%s\")", table->name);
  g_autoptr(sqlite3_stmt) stmt = _mb_store_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *origin = (const char *) sqlite3_column_text (stmt, 3);
      gboolean unique = sqlite3_column_int (stmt, 2) != 0;
      gboolean partial = sqlite3_column_int (stmt, 4) != 0;
      g_autofree char *info_sql = g_strdup_printf ("PRAGMA index_info(\"%s\")", name);
      g_autoptr(sqlite3_stmt) info = NULL;
      g_autoptr(GStrvBuilder) columns = g_strv_builder_new ();
      gboolean expression = FALSE;
      RemoteIndex *index;

      if (g_str_equal (origin, "pk"))
        continue;
      info = _mb_store_prepare (db, info_sql, error);
      if (info == NULL)
        return FALSE;
      while (sqlite3_step (info) == SQLITE_ROW)
        {
          if (sqlite3_column_type (info, 2) == SQLITE_NULL)
            expression = TRUE;
          else
            g_strv_builder_add (columns, (const char *) sqlite3_column_text (info, 2));
        }

      if (partial || expression)
        {
          /* A unique one would be a rule the server did not keep. A
           * plain one only speeds up the replica's own queries. */
          if (!unique)
            continue;
          g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_FAILED,
                       "The unique index “%s” of “%s” is partial or on an expression, "
                       "which the server's schema cannot carry over yet",
                       name, table->name);
          return FALSE;
        }

      index = g_new0 (RemoteIndex, 1);
      index->name = g_strdup (name);
      index->unique = unique;
      index->automatic = g_str_equal (origin, "u");
      index->columns = g_strv_builder_end (columns);
      g_ptr_array_add (table->indexes, index);
    }
  g_ptr_array_sort (table->indexes, compare_index_names);
  return TRUE;
}

static gboolean
read_foreign_keys (sqlite3      *db,
                   RemoteTable  *table,
                   GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA foreign_key_list(\"%s\")", table->name);
  g_autoptr(sqlite3_stmt) stmt = _mb_store_prepare (db, sql, error);
  g_autoptr(GStrvBuilder) columns = NULL;
  g_autoptr(GStrvBuilder) ref_columns = NULL;
  g_autofree char *ref_table = NULL;
  gboolean implicit = FALSE;
  int current = -1;

  if (stmt == NULL)
    return FALSE;

  /* One row per column; the rows of a key are adjacent, by seq. */
  for (gboolean more = sqlite3_step (stmt) == SQLITE_ROW; ; more = sqlite3_step (stmt) == SQLITE_ROW)
    {
      int id = more ? sqlite3_column_int (stmt, 0) : -2;

      if (id != current && columns != NULL)
        {
          RemoteForeignKey *key = g_new0 (RemoteForeignKey, 1);

          key->columns = g_strv_builder_end (columns);
          key->ref_table = g_steal_pointer (&ref_table);
          /* REFERENCES t without columns: t's primary key, filled in
           * once every table is read. */
          key->ref_columns = implicit ? NULL : g_strv_builder_end (ref_columns);
          g_ptr_array_add (table->foreign_keys, key);
          g_clear_pointer (&columns, g_strv_builder_unref);
          g_clear_pointer (&ref_columns, g_strv_builder_unref);
        }
      if (!more)
        break;
      if (id != current)
        {
          current = id;
          columns = g_strv_builder_new ();
          ref_columns = g_strv_builder_new ();
          ref_table = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          implicit = FALSE;
        }
      g_strv_builder_add (columns, (const char *) sqlite3_column_text (stmt, 3));
      if (sqlite3_column_type (stmt, 4) == SQLITE_NULL)
        implicit = TRUE;
      else
        g_strv_builder_add (ref_columns, (const char *) sqlite3_column_text (stmt, 4));
    }
  /* SQLite lists a table's keys last first. */
  for (guint i = 0; i < table->foreign_keys->len / 2; i++)
    {
      guint j = table->foreign_keys->len - 1 - i;
      gpointer swap = table->foreign_keys->pdata[i];

      table->foreign_keys->pdata[i] = table->foreign_keys->pdata[j];
      table->foreign_keys->pdata[j] = swap;
    }
  return TRUE;
}

static gboolean
read_schema (RemoteSchema  *schema,
             GError       **error)
{
  sqlite3 *db = NULL;
  gboolean ok = TRUE;

  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL)
      != SQLITE_OK)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_FAILED,
                   "Could not open a library in memory: %s", sqlite3_errmsg (db));
      sqlite3_close (db);
      return FALSE;
    }
  _mb_store_levels_register_sql (db);

  /* A new library, as mb_store_open() makes one. */
  ok = _mb_store_migrate (db, 0, MB_STORE_SCHEMA_VERSION, error);
  for (guint i = 0; ok && mb_store_entity_tables[i]; i++)
    {
      RemoteTable *table = g_new0 (RemoteTable, 1);

      table->name = g_strdup (mb_store_entity_tables[i]);
      table->columns = g_ptr_array_new_with_free_func (remote_column_free);
      table->indexes = g_ptr_array_new_with_free_func (remote_index_free);
      table->foreign_keys = g_ptr_array_new_with_free_func (remote_foreign_key_free);
      g_ptr_array_add (schema->tables, table);
      g_hash_table_insert (schema->by_name, table->name, table);
      ok = read_columns (db, table, error) &&
           read_indexes (db, table, error) &&
           read_foreign_keys (db, table, error);
    }
  sqlite3_close (db);

  for (guint i = 0; ok && i < schema->tables->len; i++)
    {
      RemoteTable *table = g_ptr_array_index (schema->tables, i);

      for (guint k = 0; ok && k < table->foreign_keys->len; k++)
        {
          RemoteForeignKey *key = g_ptr_array_index (table->foreign_keys, k);
          RemoteTable *target = g_hash_table_lookup (schema->by_name, key->ref_table);

          if (target == NULL)
            {
              g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_FAILED,
                           "A foreign key of “%s” refers to “%s”, which is not shared",
                           table->name, key->ref_table);
              ok = FALSE;
            }
          else if (key->ref_columns == NULL)
            key->ref_columns = g_strdupv (target->primary_key);
        }
    }
  return ok;
}

static RemoteSchema *
get_schema (void)
{
  static RemoteSchema *cache = NULL;

  if (g_once_init_enter (&cache))
    {
      RemoteSchema *schema = g_new0 (RemoteSchema, 1);
      g_autoptr(GError) error = NULL;

      schema->tables = g_ptr_array_new ();
      schema->by_name = g_hash_table_new (g_str_hash, g_str_equal);
      if (!read_schema (schema, &error))
        schema->failure = g_strdup (error->message);
      g_once_init_leave (&cache, schema);
    }
  return cache;
}

const char * const *
mb_remote_primary_key (const char *table)
{
  RemoteSchema *schema = get_schema ();
  RemoteTable *found;

  g_return_val_if_fail (table != NULL, NULL);

  if (schema->failure != NULL)
    {
      g_critical ("The shared library's schema: %s", schema->failure);
      return NULL;
    }
  found = g_hash_table_lookup (schema->by_name, table);
  return found ? (const char * const *) found->primary_key : NULL;
}

/* The server's schema */

/* PostgreSQL's reserved keywords (pg_get_keywords () of catcode R and T),
 * which a column or table may not be named unquoted. */
static const char * const reserved_words[] = {
  "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric",
  "authorization", "binary", "both", "case", "cast", "check", "collate", "collation",
  "column", "concurrently", "constraint", "create", "cross", "current_catalog",
  "current_date", "current_role", "current_schema", "current_time", "current_timestamp",
  "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end",
  "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group",
  "having", "ilike", "in", "initially", "inner", "intersect", "into", "is", "isnull", "join",
  "lateral", "leading", "left", "like", "limit", "localtime", "localtimestamp", "natural",
  "not", "notnull", "null", "offset", "on", "only", "or", "order", "outer", "overlaps",
  "placing", "primary", "references", "returning", "right", "select", "session_user",
  "similar", "some", "symmetric", "table", "tablesample", "then", "to", "trailing", "true",
  "union", "unique", "user", "using", "variadic", "verbose", "when", "where", "window",
  "with",
};

/* @name as an SQL identifier: as it is where PostgreSQL reads it so. */
static void
append_identifier (GString    *sql,
                   const char *name)
{
  gboolean plain = g_ascii_islower (name[0]) || name[0] == '_';

  for (const char *c = name; plain && *c; c++)
    plain = g_ascii_islower (*c) || g_ascii_isdigit (*c) || *c == '_';
  for (guint i = 0; plain && i < G_N_ELEMENTS (reserved_words); i++)
    plain = !g_str_equal (name, reserved_words[i]);
  if (plain)
    {
      g_string_append (sql, name);
      return;
    }
  g_string_append_c (sql, '"');
  for (const char *c = name; *c; c++)
    {
      if (*c == '"')
        g_string_append_c (sql, '"');
      g_string_append_c (sql, *c);
    }
  g_string_append_c (sql, '"');
}

/* "a, b, c" */
static void
append_identifiers (GString            *sql,
                    const char * const *names)
{
  for (guint i = 0; names[i]; i++)
    {
      if (i > 0)
        g_string_append (sql, ", ");
      append_identifier (sql, names[i]);
    }
}

/* @text as an SQL string literal. */
static void
append_literal (GString    *sql,
                const char *text)
{
  g_string_append_c (sql, '\'');
  for (const char *c = text; *c; c++)
    {
      if (*c == '\'')
        g_string_append_c (sql, '\'');
      g_string_append_c (sql, *c);
    }
  g_string_append_c (sql, '\'');
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* "table(a,b)" with the columns sorted: PostgreSQL matches a foreign key's
 * referenced columns to a unique constraint's as a set. */
static char *
column_set_key (const char         *table,
                const char * const *columns)
{
  g_auto(GStrv) sorted = g_strdupv ((char **) columns);
  g_autofree char *joined = NULL;

  qsort (sorted, g_strv_length (sorted), sizeof (char *), compare_strings);
  joined = g_strjoinv (",", sorted);
  return g_strdup_printf ("%s(%s)", table, joined);
}

static RemoteColumn *
find_column (RemoteTable *table,
             const char  *name)
{
  for (guint i = 0; i < table->columns->len; i++)
    {
      RemoteColumn *column = g_ptr_array_index (table->columns, i);

      if (g_str_equal (column->name, name))
        return column;
    }
  return NULL;
}

/* Whether @columns are the first columns of @table's primary key or of
 * one of its indexes, which a foreign key's checks can then use. */
static gboolean
has_index_on (RemoteTable        *table,
              const char * const *columns)
{
  guint n = g_strv_length ((char **) columns);

  for (guint i = 0; i <= table->indexes->len; i++)
    {
      const char * const *indexed = i < table->indexes->len
        ? (const char * const *) ((RemoteIndex *) g_ptr_array_index (table->indexes, i))->columns
        : (const char * const *) table->primary_key;
      gboolean prefix = g_strv_length ((char **) indexed) >= n;

      for (guint k = 0; prefix && k < n; k++)
        prefix = g_str_equal (indexed[k], columns[k]);
      if (prefix)
        return TRUE;
    }
  return FALSE;
}

/* The full-text search column of @table, if search indexes it: title
 * weight A, the rest B, as the replica's FTS5 index (mb-store.c). */
static gboolean
append_search_column (GString     *sql,
                      RemoteTable *table)
{
  const char *name;
  const char * const *columns = NULL;
  guint index = 0;

  while (_mb_store_search_table (index, &name, &columns) && !g_str_equal (name, table->name))
    index++;
  if (!_mb_store_search_table (index, &name, &columns))
    return FALSE;

  g_string_append (sql, ",\n  mb_search tsvector GENERATED ALWAYS AS (");
  for (guint i = 0; columns[i]; i++)
    {
      RemoteColumn *column = find_column (table, columns[i]);

      if (i == 0)
        g_string_append (sql, "setweight(to_tsvector('swedish'::regconfig, ");
      else if (i == 1)
        g_string_append (sql, "\n    || setweight(to_tsvector('swedish'::regconfig, ");
      else
        g_string_append (sql, " || ' ' || ");
      g_string_append (sql, "coalesce(");
      append_identifier (sql, columns[i]);
      if (column != NULL && !g_str_equal (column->type, "text"))
        g_string_append (sql, "::text");
      g_string_append (sql, ", '')");
      if (i == 0)
        g_string_append (sql, "), 'A')");
      if (i > 0 && columns[i + 1] == NULL)
        g_string_append (sql, "), 'B')");
    }
  g_string_append (sql, ") STORED");
  return TRUE;
}

static void
append_table (GString     *sql,
              RemoteTable *table,
              GHashTable  *referenced)
{
  gboolean searched;

  g_string_append (sql, "\nCREATE TABLE ");
  append_identifier (sql, table->name);
  g_string_append (sql, " (\n");
  for (guint i = 0; i < table->columns->len; i++)
    {
      RemoteColumn *column = g_ptr_array_index (table->columns, i);

      g_string_append (sql, "  ");
      append_identifier (sql, column->name);
      g_string_append_printf (sql, " %s", column->type);
      if (column->not_null)
        g_string_append (sql, " NOT NULL");
      if (column->fallback != NULL)
        g_string_append_printf (sql, " DEFAULT %s", column->fallback);
      g_string_append (sql, ",\n");
    }
  /* The action that last wrote the row: what a replica pulls by. */
  g_string_append (sql, "  mb_rev bigint NOT NULL");
  searched = append_search_column (sql, table);

  g_string_append (sql, ",\n  PRIMARY KEY (");
  append_identifiers (sql, (const char * const *) table->primary_key);
  g_string_append (sql, ")");

  /* A replica pushes an action's rows in its own order, which may hold a
   * value twice for a moment (a swap); PostgreSQL refuses a foreign key to
   * a deferrable constraint, so those referred to are checked at once. */
  for (guint i = 0; i < table->indexes->len; i++)
    {
      RemoteIndex *index = g_ptr_array_index (table->indexes, i);
      g_autofree char *key = NULL;

      if (!index->unique)
        continue;
      key = column_set_key (table->name, (const char * const *) index->columns);
      g_string_append (sql, ",\n  ");
      if (!index->automatic)
        {
          g_string_append (sql, "CONSTRAINT ");
          append_identifier (sql, index->name);
          g_string_append_c (sql, ' ');
        }
      g_string_append (sql, "UNIQUE (");
      append_identifiers (sql, (const char * const *) index->columns);
      g_string_append (sql, ")");
      if (!g_hash_table_contains (referenced, key))
        g_string_append (sql, " DEFERRABLE INITIALLY DEFERRED");
    }
  g_string_append (sql, "\n);\n");

  g_string_append_printf (sql, "CREATE INDEX %1$s_mb_rev ON %1$s (mb_rev);\n", table->name);
  if (searched)
    g_string_append_printf (sql, "CREATE INDEX %1$s_mb_search ON %1$s USING gin (mb_search);\n",
                            table->name);

  /* The replica's own indexes, for the same queries on the server. */
  for (guint i = 0; i < table->indexes->len; i++)
    {
      RemoteIndex *index = g_ptr_array_index (table->indexes, i);

      if (index->unique)
        continue;
      g_string_append (sql, "CREATE INDEX ");
      append_identifier (sql, index->name);
      g_string_append (sql, " ON ");
      append_identifier (sql, table->name);
      g_string_append (sql, " (");
      append_identifiers (sql, (const char * const *) index->columns);
      g_string_append (sql, ");\n");
    }

  /* A deleted row's foreign-key check looks up the rows that refer to it:
   * an index each, as SQLite's documentation asks for too. */
  for (guint i = 0; i < table->foreign_keys->len; i++)
    {
      RemoteForeignKey *key = g_ptr_array_index (table->foreign_keys, i);
      g_autofree char *columns = NULL;

      if (has_index_on (table, (const char * const *) key->columns))
        continue;
      columns = g_strjoinv ("_", key->columns);
      g_string_append_printf (sql, "CREATE INDEX %s_by_%s ON ", table->name, columns);
      append_identifier (sql, table->name);
      g_string_append (sql, " (");
      append_identifiers (sql, (const char * const *) key->columns);
      g_string_append (sql, ");\n");
    }

  /* Every write names its action; a deleted row, or a row whose key
   * changed, leaves its old key for the replicas to delete. */
  g_string_append (sql, "CREATE TRIGGER mb_rev BEFORE INSERT OR UPDATE ON ");
  append_identifier (sql, table->name);
  g_string_append (sql, "\n  FOR EACH ROW EXECUTE FUNCTION mb_set_rev ();\n");
  g_string_append (sql, "CREATE TRIGGER mb_deleted AFTER DELETE ON ");
  append_identifier (sql, table->name);
  g_string_append (sql, "\n  FOR EACH ROW EXECUTE FUNCTION mb_note_deletion (");
  for (guint i = 0; table->primary_key[i]; i++)
    {
      if (i > 0)
        g_string_append (sql, ", ");
      append_literal (sql, table->primary_key[i]);
    }
  g_string_append (sql, ");\n");
  g_string_append (sql, "CREATE TRIGGER mb_rekeyed AFTER UPDATE ON ");
  append_identifier (sql, table->name);
  g_string_append (sql, "\n  FOR EACH ROW WHEN (");
  for (guint i = 0; table->primary_key[i]; i++)
    {
      if (i > 0)
        g_string_append (sql, " OR ");
      g_string_append (sql, "OLD.");
      append_identifier (sql, table->primary_key[i]);
      g_string_append (sql, " IS DISTINCT FROM NEW.");
      append_identifier (sql, table->primary_key[i]);
    }
  g_string_append (sql, ")\n  EXECUTE FUNCTION mb_note_deletion (");
  for (guint i = 0; table->primary_key[i]; i++)
    {
      if (i > 0)
        g_string_append (sql, ", ");
      append_literal (sql, table->primary_key[i]);
    }
  g_string_append (sql, ");\n");
}

static void
append_foreign_keys (GString     *sql,
                     RemoteTable *table)
{
  for (guint i = 0; i < table->foreign_keys->len; i++)
    {
      RemoteForeignKey *key = g_ptr_array_index (table->foreign_keys, i);

      g_string_append (sql, "ALTER TABLE ");
      append_identifier (sql, table->name);
      g_string_append (sql, " ADD FOREIGN KEY (");
      append_identifiers (sql, (const char * const *) key->columns);
      g_string_append (sql, ")\n  REFERENCES ");
      append_identifier (sql, key->ref_table);
      g_string_append (sql, " (");
      append_identifiers (sql, (const char * const *) key->ref_columns);
      g_string_append (sql, ") DEFERRABLE INITIALLY DEFERRED;\n");
    }
}

/* Tables, functions and grants that are the server's own, not the
 * replica's. The functions pin their search_path: SECURITY DEFINER runs
 * them as the schema's owner, and a caller's own schema first in the path
 * could otherwise put its own mb_actions in their way. */
static const char prologue_sql[] =
  "DO $$\n"
  "BEGIN\n"
  "  -- The roles are the server's, shared by its libraries: made once.\n"
  "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" MB_REMOTE_EDITOR_ROLE "') THEN\n"
  "    CREATE ROLE " MB_REMOTE_EDITOR_ROLE " NOLOGIN;\n"
  "  END IF;\n"
  "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" MB_REMOTE_REVIEWER_ROLE "') THEN\n"
  "    CREATE ROLE " MB_REMOTE_REVIEWER_ROLE " NOLOGIN;\n"
  "  END IF;\n"
  "END\n"
  "$$;\n"
  "\n"
  "CREATE SCHEMA IF NOT EXISTS " MB_REMOTE_SCHEMA ";\n"
  "SET LOCAL search_path TO " MB_REMOTE_SCHEMA ", pg_temp;\n"
  "\n"
  "CREATE TABLE mb_meta (\n"
  "  key text PRIMARY KEY,\n"
  "  value text NOT NULL\n"
  ");\n"
  "\n"
  "CREATE TABLE mb_actions (\n"
  "  id bigint PRIMARY KEY,\n"
  "  author text NOT NULL DEFAULT session_user,\n"
  "  at timestamptz NOT NULL DEFAULT clock_timestamp(),\n"
  "  label text NOT NULL\n"
  ");\n"
  "CREATE SEQUENCE mb_action_seq OWNED BY mb_actions.id;\n"
  "\n"
  "CREATE TABLE mb_deletions (\n"
  "  rev bigint NOT NULL,\n"
  "  tbl text NOT NULL,\n"
  "  key jsonb NOT NULL\n"
  ");\n"
  "CREATE INDEX mb_deletions_by_rev ON mb_deletions (rev);\n"
  "\n"
  "-- An action: its id, in commit order (the lock is held until the\n"
  "-- transaction ends, so an action that commits later has a larger id), and\n"
  "-- a NOTIFY that the server delivers at commit.\n"
  "CREATE FUNCTION mb_begin_action (label text) RETURNS bigint\n"
  "LANGUAGE plpgsql SECURITY DEFINER SET search_path = " MB_REMOTE_SCHEMA ", pg_temp AS $$\n"
  "DECLARE\n"
  "  action bigint;\n"
  "BEGIN\n"
  "  PERFORM pg_advisory_xact_lock(%" G_GINT64_FORMAT ");\n"
  "  action := nextval('mb_action_seq');\n"
  "  INSERT INTO mb_actions (id, author, label) VALUES (action, session_user, label);\n"
  "  PERFORM set_config('malbild.action', action::text, true);\n"
  "  PERFORM pg_notify('" MB_REMOTE_CHANNEL "', action::text);\n"
  "  RETURN action;\n"
  "END\n"
  "$$;\n"
  "\n"
  "-- The transaction's action; a change from elsewhere (psql) gets one.\n"
  "CREATE FUNCTION mb_current_action () RETURNS bigint\n"
  "LANGUAGE plpgsql SECURITY DEFINER SET search_path = " MB_REMOTE_SCHEMA ", pg_temp AS $$\n"
  "DECLARE\n"
  "  action text := current_setting('malbild.action', true);\n"
  "BEGIN\n"
  "  IF action IS NULL OR action = '' THEN\n"
  "    RETURN mb_begin_action('Changed outside Målbild');\n"
  "  END IF;\n"
  "  RETURN action::bigint;\n"
  "END\n"
  "$$;\n"
  "\n"
  "-- Reads the setting itself before it calls: an import writes many rows.\n"
  "CREATE FUNCTION mb_set_rev () RETURNS trigger\n"
  "LANGUAGE plpgsql AS $$\n"
  "BEGIN\n"
  "  NEW.mb_rev := coalesce(nullif(current_setting('malbild.action', true), '')::bigint,\n"
  "                         " MB_REMOTE_SCHEMA ".mb_current_action());\n"
  "  RETURN NEW;\n"
  "END\n"
  "$$;\n"
  "\n"
  "-- The arguments name the primary key's columns.\n"
  "CREATE FUNCTION mb_note_deletion () RETURNS trigger\n"
  "LANGUAGE plpgsql SECURITY DEFINER SET search_path = " MB_REMOTE_SCHEMA ", pg_temp AS $$\n"
  "BEGIN\n"
  "  INSERT INTO mb_deletions (rev, tbl, key)\n"
  "    SELECT mb_current_action(), TG_TABLE_NAME, jsonb_object_agg(k, to_jsonb(OLD) -> k)\n"
  "    FROM unnest(TG_ARGV) AS k;\n"
  "  RETURN NULL;\n"
  "END\n"
  "$$;\n";

/* Trigger functions are never checked for EXECUTE when they fire, only
 * when a trigger is made: nobody but the owner gets them. */
static const char functions_grants_sql[] =
  "REVOKE ALL ON SCHEMA " MB_REMOTE_SCHEMA " FROM PUBLIC;\n"
  "GRANT USAGE ON SCHEMA " MB_REMOTE_SCHEMA " TO "
    MB_REMOTE_EDITOR_ROLE ", " MB_REMOTE_REVIEWER_ROLE ";\n"
  "REVOKE ALL ON FUNCTION mb_begin_action (text), mb_current_action (), mb_set_rev (),\n"
  "  mb_note_deletion () FROM PUBLIC;\n"
  "GRANT EXECUTE ON FUNCTION mb_begin_action (text), mb_current_action () TO "
    MB_REMOTE_EDITOR_ROLE ", " MB_REMOTE_REVIEWER_ROLE ";\n"
  "GRANT SELECT ON mb_meta, mb_actions, mb_deletions TO "
    MB_REMOTE_EDITOR_ROLE ", " MB_REMOTE_REVIEWER_ROLE ";\n";

/* The SQL of the schema; in a transaction of its own unless
 * @in_transaction (an upgrade's, which the caller runs). */
static char *
schema_sql (gboolean   in_transaction,
            GError   **error)
{
  RemoteSchema *schema = get_schema ();
  g_autoptr(GHashTable) referenced = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                             g_free, NULL);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) tables = g_string_new (NULL);

  if (schema->failure != NULL)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_FAILED,
                   "The shared library's schema: %s", schema->failure);
      return NULL;
    }

  for (guint i = 0; i < schema->tables->len; i++)
    {
      RemoteTable *table = g_ptr_array_index (schema->tables, i);

      if (find_column (table, "mb_rev") || find_column (table, "mb_search"))
        {
          g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_FAILED,
                       "The table “%s” has a column of the server's own (mb_rev, mb_search)",
                       table->name);
          return NULL;
        }
      for (guint k = 0; k < table->foreign_keys->len; k++)
        {
          RemoteForeignKey *key = g_ptr_array_index (table->foreign_keys, k);

          g_hash_table_add (referenced,
                            column_set_key (key->ref_table,
                                            (const char * const *) key->ref_columns));
        }
      if (i > 0)
        g_string_append (tables, ", ");
      append_identifier (tables, table->name);
    }

  g_string_append_printf (sql,
                          "-- A shared Målbild library, schema version %d: what\n"
                          "-- malbild --init runs (malbild --print-init-sql prints it), made from\n"
                          "-- the SQLite schema of the same Målbild. One transaction.\n"
                          "-- SQLite's CHECKs are not here: each client checks them in its replica.\n"
                          "-- The search column leaves out what the replica's search adds from\n"
                          "-- other tables (an activity's organisations' names): a generated\n"
                          "-- column reads only its own row.\n"
                          "%s",
                          MB_STORE_SCHEMA_VERSION, in_transaction ? "\n" : "BEGIN;\n\n");
  g_string_append_printf (sql, prologue_sql, (gint64) MB_REMOTE_ACTION_LOCK);

  for (guint i = 0; i < schema->tables->len; i++)
    append_table (sql, g_ptr_array_index (schema->tables, i), referenced);

  /* After every table: a key may refer to a table made after its own. */
  g_string_append (sql, "\n-- Checked at commit: a replica pushes an action's rows in its own order,\n"
                        "-- its cascades included (NO ACTION: the server cascades nothing).\n");
  for (guint i = 0; i < schema->tables->len; i++)
    append_foreign_keys (sql, g_ptr_array_index (schema->tables, i));

  g_string_append (sql, "\n");
  g_string_append (sql, functions_grants_sql);
  g_string_append_printf (sql, "GRANT SELECT, INSERT, UPDATE, DELETE ON %s\n  TO %s;\n",
                          tables->str, MB_REMOTE_EDITOR_ROLE);
  g_string_append_printf (sql, "GRANT SELECT ON %s\n  TO %s;\n",
                          tables->str, MB_REMOTE_REVIEWER_ROLE);
  /* A reviewer adds comments, and nothing else. */
  g_string_append_printf (sql, "GRANT INSERT ON review_comments TO %s;\n",
                          MB_REMOTE_REVIEWER_ROLE);

  /* A library's identity: a replica of another library, or of this one
   * before an upgrade made it anew, starts again. */
  g_string_append_printf (sql,
                          "\nINSERT INTO mb_meta (key, value) VALUES ('schema_version', '%d'),\n"
                          "  ('library_id', gen_random_uuid ()::text);\n%s",
                          MB_STORE_SCHEMA_VERSION, in_transaction ? "" : "COMMIT;\n");
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

char *
mb_remote_init_sql (GError **error)
{
  return schema_sql (FALSE, error);
}

char *
_mb_remote_schema_sql (GError **error)
{
  return schema_sql (TRUE, error);
}

/* The names --init makes in the schema, which must not be taken. */
static char *
taken_names (PGconn  *conn,
             GError **error)
{
  RemoteSchema *schema = get_schema ();
  g_autoptr(GString) names = g_string_new ("{mb_meta,mb_actions,mb_action_seq,mb_deletions");
  g_autoptr(PGresult) result = NULL;
  const char *values[1];

  for (guint i = 0; i < schema->tables->len; i++)
    g_string_append_printf (names, ",%s", ((RemoteTable *) g_ptr_array_index (schema->tables, i))->name);
  g_string_append_c (names, '}');
  values[0] = names->str;

  result = PQexecParams (conn,
                         "SELECT string_agg(c.relname, ', ' ORDER BY c.relname) FROM pg_class c"
                         " JOIN pg_namespace n ON n.oid = c.relnamespace"
                         " WHERE n.nspname = '" MB_REMOTE_SCHEMA "' AND c.relname = ANY ($1::text[])",
                         1, NULL, values, NULL, NULL, 0);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      g_autofree char *message = one_line (PQresultErrorMessage (result));

      g_set_error_literal (error, MB_STORE_ERROR, MB_STORE_ERROR_IO, message);
      return NULL;
    }
  return g_strdup (PQgetisnull (result, 0, 0) ? "" : PQgetvalue (result, 0, 0));
}

gboolean
mb_remote_init (const char  *uri,
                GError     **error)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *taken = NULL;
  g_autofree char *sql = NULL;
  int version;

  g_return_val_if_fail (uri != NULL, FALSE);

  name = mb_remote_display_name (uri);
  conn = mb_remote_connect (uri, error);
  if (conn == NULL)
    return FALSE;

  version = mb_remote_schema_version (conn, &local_error);
  if (version < 0)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_FAILED, "%s: %s",
                   name, local_error->message);
      return FALSE;
    }
  /* Made before, by this Målbild: nothing to do. */
  if (version == MB_STORE_SCHEMA_VERSION)
    return TRUE;
  if (version > MB_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_TOO_NEW,
                   _("%s: the database holds a library of a newer Målbild (schema version "
                     "%d; this one knows up to %d)"),
                   name, version, MB_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  /* An older library: made anew at this version, with everything in it
   * carried through the same migrations as a library file. */
  if (version > 0)
    {
      if (_mb_remote_upgrade (conn, name, version, &local_error))
        return TRUE;
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_FAILED,
                   _("%s: could not upgrade the library from schema version %d to %d: %s"),
                   name, version, MB_STORE_SCHEMA_VERSION, local_error->message);
      return FALSE;
    }

  taken = taken_names (conn, &local_error);
  if (taken == NULL)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_IO, "%s: %s", name, local_error->message);
      return FALSE;
    }
  if (*taken != '\0')
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_FAILED,
                   _("%s: the schema “%s” already holds tables that are not a Målbild "
                     "library’s: %s"),
                   name, MB_REMOTE_SCHEMA, taken);
      return FALSE;
    }

  sql = mb_remote_init_sql (error);
  if (sql == NULL)
    return FALSE;
  if (!mb_remote_exec (conn, sql, &local_error))
    {
      /* What the transaction began, it ends: nothing remains. */
      PQclear (PQexec (conn, "ROLLBACK"));
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_IO,
                   _("%s: could not create the library: %s"), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}
