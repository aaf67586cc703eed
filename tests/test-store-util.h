/* test-store-util.h – helpers shared by the store's test suites
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "mb-store-private.h"
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
  return g_string_free (out, FALSE);
}

static inline MbStore *
mb_test_open (const char *dir,
              const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  MbStore *store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);

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
