/* test-store.c – opening, migration, transactions and persistent undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "mb-store-private.h"
#include "test-store-util.h"

static gboolean
insert_org_cb (MbStore   *store,
               sqlite3   *db,
               gpointer   user_data,
               GError   **error)
{
  g_autofree char *id = mb_store_new_id ();
  g_autofree char *now = _mb_store_now ();

  return _mb_store_exec (db, error,
                         "INSERT INTO organisations (id, name, created, modified)"
                         " VALUES (?, ?, ?, ?)", "ssss", id, user_data, now, now);
}

static gboolean
fail_after_insert_cb (MbStore   *store,
                      sqlite3   *db,
                      gpointer   user_data,
                      GError   **error)
{
  if (!insert_org_cb (store, db, user_data, error))
    return FALSE;
  g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID, "refused");
  return FALSE;
}

static void
test_store_open_new (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "new.malbild", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) store = mb_test_store_open (path, MB_STORE_OPEN_NONE, &error);
  sqlite3 *db;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_false (mb_store_is_read_only (store));
  g_assert_false (mb_store_can_undo (store));
  g_assert_false (mb_store_can_redo (store));
  g_assert_null (mb_store_get_undo_label (store));

  db = mb_store_get_db (store);
  g_assert_cmpint (_mb_store_query_int (db, "PRAGMA user_version", NULL), ==,
                   MB_STORE_SCHEMA_VERSION);
  g_assert_cmpint (_mb_store_query_int (db, "PRAGMA application_id", NULL), ==,
                   MB_STORE_APPLICATION_ID);
  g_assert_cmpint (_mb_store_query_int (db, "PRAGMA foreign_keys", NULL), ==, 1);
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (db, "PRAGMA journal_mode", NULL)),
                   ==, "wal");
  for (guint i = 0; mb_store_entity_tables[i]; i++)
    g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM sqlite_master"
                                              " WHERE type = 'table' AND name = ?",
                                          "s", mb_store_entity_tables[i]), ==, 1);
  mb_test_remove_dir (dir);
}

static void
test_store_open_refuses_foreign (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *other = g_build_filename (dir, "other.sqlite", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.malbild", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  MbStore *store;
  sqlite3 *db;

  if (mb_test_skip_unless_file ("files that are no library, or a newer one"))
    return;

  /* A text file. */
  g_assert_true (g_file_set_contents (text, "Hello, this is not SQLite at all.\n"
                                      "Not even close, it is just some text.\n", -1, NULL));
  before = mb_test_checksum (text);
  store = mb_store_open (text, MB_STORE_OPEN_NONE, &error);
  g_assert_null (store);
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_A_LIBRARY);
  g_assert_cmpstr (mb_test_take (mb_test_checksum (text)), ==, before);
  g_clear_error (&error);
  g_clear_pointer (&before, g_free);

  /* Another application's SQLite database. */
  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = mb_test_checksum (other);
  store = mb_store_open (other, MB_STORE_OPEN_NONE, &error);
  g_assert_null (store);
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_A_LIBRARY);
  g_assert_cmpstr (mb_test_take (mb_test_checksum (other)), ==, before);
  g_assert_false (g_file_test (mb_test_take (g_strconcat (other, "-wal", NULL)),
                               G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_clear_pointer (&before, g_free);

  /* A library from a newer Målbild. */
  store = mb_store_open (newer, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_object_unref (store);
  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = mb_test_checksum (newer);
  store = mb_store_open (newer, MB_STORE_OPEN_NONE, &error);
  g_assert_null (store);
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_TOO_NEW);
  g_assert_cmpstr (mb_test_take (mb_test_checksum (newer)), ==, before);
  g_clear_error (&error);

  mb_test_remove_dir (dir);
}

/* Each migration step: a library at version v opens, is brought to the
 * current version and keeps its data. */
static void
test_store_migrations (void)
{
  if (mb_test_skip_unless_file ("migrating a library file of an old schema"))
    return;

  for (int v = 1; v <= MB_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *dir = mb_test_make_dir ();
      g_autofree char *path = g_build_filename (dir, "old.malbild", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(MbStore) store = NULL;
      sqlite3 *db;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_true (_mb_store_migrate (db, 0, v, &error));
      g_assert_no_error (error);
      g_assert_cmpint (sqlite3_exec (db, "INSERT INTO organisations (id, name, created, modified)"
                                     " VALUES ('00000000-0000-4000-8000-000000000001', 'Kept',"
                                     " '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
                                     NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
      g_assert_no_error (error);
      db = mb_store_get_db (store);
      g_assert_cmpint (_mb_store_query_int (db, "PRAGMA user_version", NULL), ==,
                       MB_STORE_SCHEMA_VERSION);
      g_assert_cmpstr (mb_test_take (_mb_store_query_text (db, "SELECT name FROM organisations",
                                                              NULL)), ==, "Kept");
      g_clear_object (&store);
      mb_test_remove_dir (dir);
    }
}

/* A version 2 library with history: after the migration to version 3 its
 * steps still undo and redo, and strategies' undo knows the new column. */
static void
test_store_migrate_v2_history (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "v2.malbild", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) store = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  const char *title = "SELECT title || '/' || parent_relation FROM strategies";
  sqlite3 *db;

  if (mb_test_skip_unless_file ("migrating a library file of an old schema"))
    return;

  mb_test_make_old_library (path, 2,
    "INSERT INTO strategies (id, title, created, modified) VALUES"
    " ('00000000-0000-4000-8000-000000000001', 'RUS', '2026-01-01T00:00:00.000Z',"
    "  '2026-01-01T00:00:00.000Z');"
    "INSERT INTO mb_undo_steps (stack, label, first_seq, last_seq, created)"
    " SELECT 0, 'Add Strategy', min(seq), max(seq), '2026-01-01T00:00:00.000Z' FROM mb_undo_log;"
    "UPDATE strategies SET title = 'RUS 2050';"
    "INSERT INTO mb_undo_steps (stack, label, first_seq, last_seq, created)"
    " SELECT 0, 'Rename', max(seq), max(seq), '2026-01-01T00:00:00.000Z' FROM mb_undo_log;");

  store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  db = mb_store_get_db (store);
  g_assert_cmpint (_mb_store_query_int (db, "PRAGMA user_version", NULL), ==,
                   MB_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (db, title, NULL)), ==, "RUS 2050/child");
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM review_comments", NULL), ==, 0);

  g_assert_cmpstr (mb_store_get_undo_label (store), ==, "Rename");
  g_assert_true (mb_store_undo (store, &error));
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (db, title, NULL)), ==, "RUS/child");
  g_assert_true (mb_store_undo (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM strategies", NULL), ==, 0);
  g_assert_true (mb_store_redo (store, &error));
  g_assert_true (mb_store_redo (store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (db, title, NULL)), ==, "RUS 2050/child");

  /* The new column is undone as any other. */
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "part");
  g_assert_true (mb_store_set_field (store, "strategies", "00000000-0000-4000-8000-000000000001",
                                     "parent_relation", &value, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (db, title, NULL)), ==, "RUS 2050/part");
  g_assert_true (mb_store_undo (store, &error));
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (db, title, NULL)), ==, "RUS 2050/child");
  g_assert_true (mb_store_undo (store, &error));
  g_assert_true (mb_store_undo (store, &error));
  g_assert_no_error (error);
  g_assert_false (mb_store_can_undo (store));

  g_clear_object (&store);
  mb_test_remove_dir (dir);
}

static void
test_store_action_undo_redo (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "undo.malbild", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) store = mb_test_store_open (path, MB_STORE_OPEN_NONE, &error);
  MbTestChanges changes = { 0 };
  sqlite3 *db = mb_store_get_db (store);
  const char *count = "SELECT count(*) FROM organisations";

  mb_test_changes_watch (&changes, store);

  g_assert_true (mb_store_run_action (store, "Add Organisation", insert_org_cb, (gpointer) "A", &error));
  g_assert_no_error (error);
  g_assert_cmpint (changes.n_changed, ==, 1);
  g_assert_true (mb_store_changes_include ((const char * const *) changes.last_tables,
                                           "organisations"));
  g_assert_true (mb_store_can_undo (store));
  g_assert_cmpstr (mb_store_get_undo_label (store), ==, "Add Organisation");
  g_assert_true (mb_store_run_action (store, "Add Other", insert_org_cb, (gpointer) "B", &error));
  g_assert_cmpint (_mb_store_query_int (db, count, NULL), ==, 2);

  /* A failed action leaves no trace, not even in the history. */
  g_assert_false (mb_store_run_action (store, "Fail", fail_after_insert_cb, (gpointer) "C", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (_mb_store_query_int (db, count, NULL), ==, 2);
  g_assert_cmpstr (mb_store_get_undo_label (store), ==, "Add Other");
  g_assert_cmpint (changes.n_changed, ==, 2);

  g_assert_true (mb_store_undo (store, &error));
  g_assert_cmpint (changes.n_changed, ==, 3);
  g_assert_cmpint (_mb_store_query_int (db, count, NULL), ==, 1);
  g_assert_cmpstr (mb_store_get_undo_label (store), ==, "Add Organisation");
  g_assert_cmpstr (mb_store_get_redo_label (store), ==, "Add Other");
  g_assert_true (mb_store_undo (store, &error));
  g_assert_cmpint (_mb_store_query_int (db, count, NULL), ==, 0);
  g_assert_false (mb_store_can_undo (store));
  g_assert_false (mb_store_undo (store, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOTHING_TO_UNDO);
  g_clear_error (&error);

  g_assert_true (mb_store_redo (store, &error));
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (db, "SELECT name FROM organisations",
                                                          NULL)), ==, "A");
  g_assert_cmpstr (mb_store_get_redo_label (store), ==, "Add Other");

  /* A new action drops the redo history. */
  g_assert_true (mb_store_run_action (store, "Add Third", insert_org_cb, (gpointer) "C", &error));
  g_assert_false (mb_store_can_redo (store));
  g_assert_false (mb_store_redo (store, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOTHING_TO_REDO);
  g_clear_error (&error);
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM mb_undo_steps", NULL), ==, 2);

  /* History survives closing and reopening. */
  g_clear_object (&store);
  store = mb_test_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  db = mb_store_get_db (store);
  g_assert_cmpstr (mb_store_get_undo_label (store), ==, "Add Third");
  g_assert_true (mb_store_undo (store, &error));
  g_assert_true (mb_store_undo (store, &error));
  g_assert_cmpint (_mb_store_query_int (db, count, NULL), ==, 0);
  g_assert_cmpstr (mb_store_get_redo_label (store), ==, "Add Organisation");

  mb_test_changes_clear (&changes);
  g_clear_object (&store);
  mb_test_remove_dir (dir);
}

static void
test_store_undo_limit (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "limit.malbild", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) store = mb_test_store_open (path, MB_STORE_OPEN_NONE, &error);
  sqlite3 *db = mb_store_get_db (store);

  for (int i = 0; i < MB_STORE_UNDO_LIMIT + 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("Org %d", i);
      g_assert_true (mb_store_run_action (store, name, insert_org_cb, name, &error));
    }
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM mb_undo_steps", NULL), ==,
                   MB_STORE_UNDO_LIMIT);
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM mb_undo_log", NULL), ==,
                   MB_STORE_UNDO_LIMIT);
  for (int i = 0; i < MB_STORE_UNDO_LIMIT; i++)
    g_assert_true (mb_store_undo (store, &error));
  g_assert_false (mb_store_can_undo (store));
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM organisations", NULL), ==, 20);
  mb_test_remove_dir (dir);
}

static void
test_store_read_only (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "ro.malbild", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) store = mb_test_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_autoptr(MbStore) ro = NULL;

  g_assert_true (mb_store_run_action (store, "Add", insert_org_cb, (gpointer) "A", &error));
  g_clear_object (&store);

  ro = mb_test_store_open (path, MB_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (mb_store_is_read_only (ro));
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (ro), "SELECT count(*) FROM organisations",
                                        NULL), ==, 1);
  g_assert_false (mb_store_run_action (ro, "Add", insert_org_cb, (gpointer) "B", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (mb_store_undo (ro, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* A missing file is not created in review mode. */
  g_clear_object (&ro);
  g_clear_pointer (&path, g_free);
  path = g_build_filename (dir, "missing.malbild", NULL);
  ro = mb_store_open (path, MB_STORE_OPEN_READ_ONLY, &error);
  g_assert_null (ro);
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_IO);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  mb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/open/new", test_store_open_new);
  g_test_add_func ("/store/open/refuses-foreign", test_store_open_refuses_foreign);
  g_test_add_func ("/store/open/migrations", test_store_migrations);
  g_test_add_func ("/store/open/migrate-v2-history", test_store_migrate_v2_history);
  g_test_add_func ("/store/action/undo-redo", test_store_action_undo_redo);
  g_test_add_func ("/store/action/undo-limit", test_store_undo_limit);
  g_test_add_func ("/store/open/read-only", test_store_read_only);

  return g_test_run ();
}
