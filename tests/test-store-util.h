/* test-store-util.h – helpers shared by the store's test suites
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "mb-store-private.h"
#include "test-pg-util.h"
#include "test-util.h"

/* Frees @s when the current test ends; for asserting on returned strings. */
static inline const char *
mb_test_take (char *s)
{
  if (s != NULL)
    g_test_queue_free (s);
  return s;
}

static inline char *
mb_test_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

/* Counts "changed" emissions and keeps the last list of tables. */
typedef struct
{
  guint  n_changed;
  GStrv  last_tables;
} MbTestChanges;

static inline void
mb_test_changes_cb (MbStore            *store,
                    const char * const *tables,
                    MbTestChanges      *changes)
{
  changes->n_changed++;
  g_strfreev (changes->last_tables);
  changes->last_tables = g_strdupv ((char **) tables);
}

static inline void
mb_test_changes_watch (MbTestChanges *changes,
                       MbStore       *store)
{
  g_signal_connect (store, "changed", G_CALLBACK (mb_test_changes_cb), changes);
}

static inline void
mb_test_changes_clear (MbTestChanges *changes)
{
  g_clear_pointer (&changes->last_tables, g_strfreev);
}

/* The steps Undo can take back. */
static inline gint64
mb_test_n_undo_steps (MbStore *store)
{
  return _mb_store_query_int (mb_store_get_db (store),
                              "SELECT count(*) FROM mb_undo_steps WHERE stack = 0", NULL);
}

/* The engine the suites run on (tests/meson.build runs each store and
 * exchange suite twice): a library file, or with MB_TEST_ENGINE=postgresql
 * a shared library on the test's own server (tests/with-postgresql), whose
 * replica is what the tests read. */
static inline gboolean
mb_test_on_postgresql (void)
{
  return g_strcmp0 (g_getenv ("MB_TEST_ENGINE"), "postgresql") == 0;
}

/* Skips the current test on PostgreSQL, where there is no library file for
 * it to be about; @reason says which of the file's properties it tests
 * ("a library file's locks"). TRUE if it skipped. */
static inline gboolean
mb_test_skip_unless_file (const char *reason)
{
  g_autofree char *message = NULL;

  if (!mb_test_on_postgresql ())
    return FALSE;
  message = g_strdup_printf ("Not on PostgreSQL: %s", reason);
  g_test_skip (message);
  return TRUE;
}

#define MB_TEST_PG_TEMPLATE "mb_template"

/* The URI of the database that stands for the library file @path on the
 * test's server: its name is made from the path, so that opening the
 * same path again opens the same library. Made from a template that
 * --init's SQL made once per process (CREATE DATABASE copies it in a few
 * milliseconds; the SQL takes far longer). @application_name, if not NULL,
 * goes into the URI: another URI for the same library is another replica,
 * as another person's computer has. */
static inline char *
mb_test_pg_library_uri (const char *path,
                        const char *application_name)
{
  static gboolean template_made = FALSE;
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, path, -1);
  g_autofree char *name = g_strdup_printf ("m%.20s", hash);
  g_autoptr(PGconn) admin = mb_test_pg_connect ("postgres", "malbild_test");
  g_autofree char *exists_sql = g_strdup_printf ("SELECT 1 FROM pg_database WHERE datname = '%s'",
                                                 name);
  g_autofree char *exists = mb_test_pg_query_text (admin, exists_sql);
  g_autofree char *uri = mb_test_pg_uri (name, "malbild_test");

  if (exists == NULL)
    {
      g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s TEMPLATE " MB_TEST_PG_TEMPLATE,
                                                 name);

      if (!template_made)
        {
          g_autofree char *template_uri = mb_test_pg_uri (MB_TEST_PG_TEMPLATE, "malbild_test");
          g_autoptr(GError) error = NULL;

          mb_test_pg_exec (admin, "CREATE DATABASE " MB_TEST_PG_TEMPLATE);
          g_assert_true (mb_remote_init (template_uri, &error));
          g_assert_no_error (error);
          template_made = TRUE;
        }
      mb_test_pg_exec (admin, create);
    }
  if (application_name != NULL)
    return g_strdup_printf ("%s&application_name=%s", uri, application_name);
  return g_steal_pointer (&uri);
}

/* The library at @path on the engine the suite runs on, as mb_store_open()
 * and `malbild --database` take it: on PostgreSQL a path that is no file
 * (yet) stands for a shared library of its own. A file that exists (an
 * old library, a foreign file) stays a file: it is about files by nature. */
static inline char *
mb_test_database (const char *path)
{
  if (!mb_test_on_postgresql () || mb_remote_is_uri (path) ||
      g_file_test (path, G_FILE_TEST_EXISTS))
    return g_strdup (path);
  return mb_test_pg_library_uri (path, NULL);
}

/* mb_store_open() on the suite's engine (see mb_test_database()); a review
 * copy is always of a file. */
static inline MbStore *
mb_test_store_open (const char        *path,
                    MbStoreOpenFlags   flags,
                    GError           **error)
{
  g_autofree char *database = NULL;

  if (flags & MB_STORE_OPEN_REVIEW)
    return mb_store_open (path, flags, error);
  database = mb_test_database (path);
  return mb_store_open (database, flags, error);
}

/* One value as the server's dump has it: reals by their value. */
static inline void
mb_test_append_canonical (GString    *out,
                          gboolean    is_null,
                          gboolean    is_real,
                          const char *text)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (is_null)
    g_string_append (out, "\\N");
  else if (is_real)
    g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer,
                                          g_ascii_strtod (text, NULL)));
  else
    g_string_append (out, text);
}

static inline int
mb_test_compare_lines (gconstpointer a,
                       gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static inline char *
mb_test_sorted_lines (GPtrArray *lines)
{
  g_ptr_array_sort (lines, mb_test_compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* The replica's rows of @table and the server's, in one canonical form
 * (values as text, reals by value, blobs in hex, lines sorted). */
static inline void
mb_test_dump_table_both (sqlite3     *db,
                         PGconn      *conn,
                         const char  *table,
                         char       **replica,
                         char       **server)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autoptr(GString) server_sql = NULL;
  g_autoptr(PGresult) result = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  for (int c = 0; c < sqlite3_column_count (stmt); c++)
    g_string_append_printf (columns, "%s\"%s\"", c ? ", " : "", sqlite3_column_name (stmt, c));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GString *line = g_string_new (NULL);

      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          int type = sqlite3_column_type (stmt, c);

          if (c > 0)
            g_string_append_c (line, '|');
          if (type == SQLITE_BLOB)
            {
              const guint8 *data = sqlite3_column_blob (stmt, c);

              g_string_append (line, "\\x");
              for (int k = 0; k < sqlite3_column_bytes (stmt, c); k++)
                g_string_append_printf (line, "%02x", data[k]);
            }
          else if (type == SQLITE_FLOAT)
            {
              /* Not its text: SQLite writes 15 digits, and loses some. */
              char buffer[G_ASCII_DTOSTR_BUF_SIZE];

              g_string_append (line, g_ascii_dtostr (buffer, sizeof buffer,
                                                     sqlite3_column_double (stmt, c)));
            }
          else
            mb_test_append_canonical (line, type == SQLITE_NULL, FALSE,
                                      (const char *) sqlite3_column_text (stmt, c));
        }
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  sqlite3_finalize (stmt);
  *replica = mb_test_sorted_lines (lines);

  server_sql = g_string_new (NULL);
  g_string_printf (server_sql, "SELECT %s FROM \"%s\"", columns->str, table);
  result = PQexec (conn, server_sql->str);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", server_sql->str, PQresultErrorMessage (result));
  g_ptr_array_set_size (lines, 0);
  for (int r = 0; r < PQntuples (result); r++)
    {
      GString *line = g_string_new (NULL);

      for (int c = 0; c < PQnfields (result); c++)
        {
          Oid type = PQftype (result, c);

          if (c > 0)
            g_string_append_c (line, '|');
          /* float8 and numeric (700 float4, 701 float8, 1700 numeric) */
          mb_test_append_canonical (line, PQgetisnull (result, r, c),
                                    type == 700 || type == 701 || type == 1700,
                                    PQgetvalue (result, r, c));
        }
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  *server = mb_test_sorted_lines (lines);
}

/* On PostgreSQL: the server holds exactly what @store's replica holds,
 * every row of every entity table, so every test that dumps proves that
 * its actions were pushed whole. */
static inline void
mb_test_assert_server_holds (MbStore *store)
{
  /* One connection, kept: a dump is taken after nearly every action. */
  static PGconn *conn = NULL;
  static char *conn_uri = NULL;
  const char *uri = mb_store_get_remote_name (store);

  if (!mb_test_on_postgresql () || uri == NULL)
    return;
  if (conn == NULL || g_strcmp0 (conn_uri, uri) != 0 || PQstatus (conn) != CONNECTION_OK)
    {
      g_autoptr(GError) error = NULL;

      g_clear_pointer (&conn, PQfinish);
      g_free (conn_uri);
      conn_uri = g_strdup (uri);
      conn = mb_remote_connect (uri, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; mb_store_entity_tables[i]; i++)
    {
      g_autofree char *replica = NULL;
      g_autofree char *server = NULL;

      mb_test_dump_table_both (mb_store_get_db (store), conn, mb_store_entity_tables[i],
                               &replica, &server);
      if (g_strcmp0 (replica, server) != 0)
        g_error ("The server's %s is not the replica's:\n replica:\n%s\n server:\n%s",
                 mb_store_entity_tables[i], replica, server);
    }
}

/* A canonical text dump of every entity table, rows by primary key. */
static inline char *
mb_test_dump (MbStore *store)
{
  sqlite3 *db = mb_store_get_db (store);
  GString *out = g_string_new (NULL);

  for (guint i = 0; mb_store_entity_tables[i]; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1, 2",
                                              mb_store_entity_tables[i]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_string_append_printf (out, "[%s]\n", mb_store_entity_tables[i]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, c);
              g_string_append_printf (out, "%s%d:%s", c ? "|" : "",
                                      sqlite3_column_type (stmt, c), text ? text : "");
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  mb_test_assert_server_holds (store);
  return g_string_free (out, FALSE);
}

/* On PostgreSQL: a second replica of @store's library, made afresh by its
 * first pull, holds what @store holds: what the suites pushed can be
 * pulled. Nothing on a library file. */
static inline void
mb_test_assert_pulled (MbStore *store)
{
  g_autofree char *uri = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *second_dump = NULL;
  g_autoptr(MbStore) second = NULL;
  g_autoptr(GError) error = NULL;

  if (!mb_test_on_postgresql () || mb_store_get_remote_name (store) == NULL)
    return;
  uri = g_strdup_printf ("%s&application_name=second", mb_store_get_remote_name (store));
  second = mb_store_open (uri, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  dump = mb_test_dump (store);
  second_dump = mb_test_dump (second);
  g_assert_cmpstr (second_dump, ==, dump);
}

static inline MbStore *
mb_test_open (const char *dir,
              const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  MbStore *store = mb_test_store_open (path, MB_STORE_OPEN_NONE, &error);

  g_assert_no_error (error);
  return store;
}

/* Sets a text field through the store, as an editor does. */
static inline gboolean
mb_test_store_set_text (MbStore     *store,
                        const char  *table,
                        const char  *id,
                        const char  *column,
                        const char  *text,
                        GError     **error)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  return mb_store_set_field (store, table, id, column, &value, error);
}

/* The id of the level at @position of @strategy_id. */
static inline char *
mb_test_level (MbStore    *store,
               const char *strategy_id,
               int         position)
{
  return _mb_store_query_text (mb_store_get_db (store),
                               "SELECT id FROM levels WHERE strategy_id = ? AND position = ?",
                               "si", strategy_id, position);
}

/* Undo of the last step restores @before exactly; redo restores what was. */
static inline void
mb_test_assert_undoable (MbStore    *store,
                         const char *before)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *after = mb_test_dump (store);
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  g_assert_true (mb_store_undo (store, &error));
  g_assert_no_error (error);
  undone = mb_test_dump (store);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (mb_store_redo (store, &error));
  g_assert_no_error (error);
  redone = mb_test_dump (store);
  g_assert_cmpstr (redone, ==, after);
}

/* The file is sound and every reference resolves. */
static inline void
mb_test_assert_sound (MbStore *store)
{
  sqlite3 *db = mb_store_get_db (store);

  g_assert_cmpstr (mb_test_take (_mb_store_query_text (db, "PRAGMA integrity_check", NULL)),
                   ==, "ok");
  g_assert_null (mb_test_take (_mb_store_query_text (db, "PRAGMA foreign_key_check", NULL)));
}

/* A library of schema @version at @path, with @sql run on it. */
static inline void
mb_test_make_old_library (const char *path,
                          int         version,
                          const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (_mb_store_migrate (db, 0, version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}
