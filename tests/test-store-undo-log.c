/* test-store-undo-log.c – undo runs only what the store can vouch for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A library is outside input, its undo history too. A history edited to do
 * something else (delete every node, attach a file anywhere, name a table
 * or column that is not the store's, change a batch's set of rows) is
 * refused: the step is not applied, nothing changes, no file appears, the
 * history is cleared and the library stays editable. A genuine history,
 * also one written by version 4 (SQL text), still undoes exactly.
 */

#include "config.h"

#include <math.h>
#include <float.h>

#include "test-store-util.h"

static const char *node_titles = "SELECT group_concat(title, '|') FROM"
                                 " (SELECT title FROM nodes ORDER BY title)";

typedef struct
{
  char    *dir;
  char    *path;
  MbStore *store;
  char    *strategy;
  char    *node;
} Library;

static void
library_clear (Library *lib)
{
  g_clear_object (&lib->store);
  mb_test_remove_dir (lib->dir);
  g_free (lib->dir);
  g_free (lib->path);
  g_free (lib->strategy);
  g_free (lib->node);
}

static gboolean
add_organisations_cb (MbStore   *store,
                      sqlite3   *db,
                      gpointer   user_data,
                      GError   **error)
{
  guint n = GPOINTER_TO_UINT (user_data);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = mb_store_new_id ();
      g_autofree char *name = g_strdup_printf ("Importerad %u", i);

      if (!_mb_store_exec (db, error, "INSERT INTO organisations (id, name, created, modified)"
                           " VALUES (?, ?, 'x', 'x')", "ss", id, name))
        return FALSE;
    }
  return TRUE;
}

/* A strategy with three nodes, one renamed last (the step to undo);
 * with @batch a batch of 5 organisations ("Import") comes last instead. */
static void
library_setup (Library  *lib,
               gboolean  batch)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) title = G_VALUE_INIT;
  g_autofree char *level = NULL;

  lib->dir = mb_test_make_dir ();
  lib->path = g_build_filename (lib->dir, "lib.malbild", NULL);
  lib->store = mb_test_store_open (lib->path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_free (mb_store_create_organisation (lib->store, "Region", NULL, &error));
  lib->strategy = mb_store_create_strategy (lib->store, "Plan", "rus", &error);
  level = mb_test_level (lib->store, lib->strategy, 0);
  lib->node = mb_store_create_node (lib->store, lib->strategy, NULL, level, "Ett", &error);
  g_free (mb_store_create_node (lib->store, lib->strategy, NULL, level, "Två", &error));
  g_free (mb_store_create_node (lib->store, lib->strategy, NULL, level, "Tre", &error));
  g_assert_no_error (error);

  if (batch)
    g_assert_true (mb_store_run_batch_action (lib->store, "Import", add_organisations_cb,
                                              GUINT_TO_POINTER (5), &error));
  else
    {
      g_value_init (&title, G_TYPE_STRING);
      g_value_set_string (&title, "Ett (ny)");
      g_assert_true (mb_store_set_field (lib->store, "nodes", lib->node, "title", &title,
                                         &error));
    }
  g_assert_no_error (error);
}

/* Edits the library file with another connection, as a file from someone
 * else would come, and opens it again. On PostgreSQL the file is the
 * replica, where the history is kept all the same. */
static void
tamper (Library    *lib,
        const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strdup (mb_store_get_path (lib->store));
  sqlite3 *db;

  g_clear_object (&lib->store);
  g_assert_cmpint (sqlite3_open (file, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  sqlite3_close (db);
  lib->store = mb_test_store_open (lib->path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
}

/* @replay (undo or redo) is refused with a message naming the library;
 * nothing changed; the history is gone; the library is still editable. */
static void
assert_refused (Library  *lib,
                gboolean (*replay) (MbStore *, GError **))
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = mb_test_dump (lib->store);
  g_autofree char *now = NULL;
  g_autofree char *id = NULL;
  sqlite3 *db = mb_store_get_db (lib->store);

  g_assert_false (replay (lib->store, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_BAD_HISTORY);
  g_assert_nonnull (strstr (error->message, mb_store_get_path (lib->store)));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  now = mb_test_dump (lib->store);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);
  g_assert_false (mb_store_can_undo (lib->store));
  g_assert_false (mb_store_can_redo (lib->store));
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM mb_undo_log", NULL), ==, 0);
  mb_test_assert_sound (lib->store);

  /* Still a library to work in, with a history of its own. */
  id = mb_store_create_organisation (lib->store, "Efteråt", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  g_assert_true (mb_store_undo (lib->store, &error));
  g_assert_no_error (error);
  now = mb_test_dump (lib->store);
  g_assert_cmpstr (now, ==, before);
  g_assert_true (mb_store_redo (lib->store, &error));
  g_assert_no_error (error);
}

#define LAST_ENTRY "(SELECT max(seq) FROM mb_undo_log)"

/* Each edit of the entry that undoes "Rename". */
static const struct {
  const char *name;
  const char *sql;
} edited_entries[] = {
  { "sql-as-kind", "UPDATE mb_undo_log SET op = 'DELETE FROM nodes' WHERE seq = " LAST_ENTRY },
  { "unknown-kind", "UPDATE mb_undo_log SET op = 'truncate' WHERE seq = " LAST_ENTRY },
  /* A deletion by a key that is not the primary key would take them all. */
  { "key-not-primary", "UPDATE mb_undo_log SET op = 'delete', vals = NULL,"
                       " key = json_object('strategy_id', (SELECT strategy_id FROM nodes"
                       " LIMIT 1)) WHERE seq = " LAST_ENTRY },
  { "key-plus-column", "UPDATE mb_undo_log SET key = json_set(key, '$.level_id', 'x')"
                       " WHERE seq = " LAST_ENTRY },
  { "unknown-table", "UPDATE mb_undo_log SET tbl = 'mb_undo_steps' WHERE seq = " LAST_ENTRY },
  { "schema-table", "UPDATE mb_undo_log SET tbl = 'sqlite_master' WHERE seq = " LAST_ENTRY },
  { "bad-column", "UPDATE mb_undo_log SET vals = json_set(vals,"
                  " '$.\"title = title; DROP TABLE nodes; --\"', 'x') WHERE seq = " LAST_ENTRY },
  { "column-twice", "UPDATE mb_undo_log SET vals = '{\"title\":\"a\",\"title\":\"b\"}'"
                    " WHERE seq = " LAST_ENTRY },
  { "malformed-json", "UPDATE mb_undo_log SET vals = '{\"title\": ' WHERE seq = " LAST_ENTRY },
  { "array-value", "UPDATE mb_undo_log SET vals = '{\"title\": [1, 2]}' WHERE seq = "
                   LAST_ENTRY },
  { "not-an-object", "UPDATE mb_undo_log SET vals = '[\"title\"]' WHERE seq = " LAST_ENTRY },
  { "blob-key", "UPDATE mb_undo_log SET key = x'7b7d' WHERE seq = " LAST_ENTRY },
  { "row-not-there", "UPDATE mb_undo_log SET key = json_object('id', 'no-such-node')"
                     " WHERE seq = " LAST_ENTRY },
  /* An update that breaks a rule of the schema. */
  { "breaks-a-check", "UPDATE mb_undo_log SET vals = json_set(vals, '$.title', ' ')"
                      " WHERE seq = " LAST_ENTRY },
  /* An insertion of a row that points nowhere (checked at commit). */
  { "dangling-insert", "UPDATE mb_undo_log SET op = 'insert', key = NULL,"
                       " vals = json_set(vals, '$.id', 'new-node', '$.strategy_id', 'nowhere')"
                       " WHERE seq = " LAST_ENTRY },
  /* A set where the store keeps single rows. */
  { "set-kind", "UPDATE mb_undo_log SET op = 'delete-set', key = NULL,"
                " vals = '{\"rows\":1}' WHERE seq = " LAST_ENTRY },
};

static void
test_edited_entry (gconstpointer data)
{
  const char *sql = data;
  Library lib = { 0, };

  library_setup (&lib, FALSE);
  g_assert_cmpstr (mb_store_get_undo_label (lib.store), ==, "Change Title");
  tamper (&lib, sql);
  assert_refused (&lib, mb_store_undo);
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (mb_store_get_db (lib.store), node_titles,
                                                       NULL)), ==, "Ett (ny)|Tre|Två");
  library_clear (&lib);
}

/* Changes of a batch's set of rows. */
static const struct {
  const char *name;
  const char *sql;
} edited_sets[] = {
  /* One more row, of those that were there before the batch. */
  { "row-added", "INSERT INTO mb_undo_inserted (seq, id) SELECT l.seq, o.id"
                 " FROM mb_undo_log l, organisations o WHERE l.op = 'delete-set'"
                 " AND o.name = 'Region'" },
  /* The same, with the size changed to match: not there as a new row. */
  { "row-missing", "INSERT INTO mb_undo_inserted (seq, id) SELECT seq, 'no-such-row'"
                   " FROM mb_undo_log WHERE op = 'delete-set';"
                   "UPDATE mb_undo_log SET vals = '{\"rows\":6}' WHERE op = 'delete-set'" },
  { "size-malformed", "UPDATE mb_undo_log SET vals = '{\"rows\":\"all\"}'"
                      " WHERE op = 'delete-set'" },
  { "table-changed", "UPDATE mb_undo_log SET tbl = 'nodes' WHERE op = 'delete-set'" },
  { "link-table", "UPDATE mb_undo_log SET tbl = 'node_tags' WHERE op = 'delete-set'" },
};

static void
test_edited_set (gconstpointer data)
{
  const char *sql = data;
  Library lib = { 0, };

  library_setup (&lib, TRUE);
  g_assert_cmpstr (mb_store_get_undo_label (lib.store), ==, "Import");
  tamper (&lib, sql);
  assert_refused (&lib, mb_store_undo);
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (lib.store),
                                        "SELECT count(*) FROM organisations", NULL), ==, 7);
  library_clear (&lib);
}

/* The rows that redo would bring back, changed after the undo. */
static void
test_edited_stash (void)
{
  g_autoptr(GError) error = NULL;
  Library lib = { 0, };

  library_setup (&lib, TRUE);
  g_assert_true (mb_store_undo (lib.store, &error));
  g_assert_no_error (error);
  tamper (&lib, "DELETE FROM mb_undo_stash_organisations WHERE rowid ="
                " (SELECT min(rowid) FROM mb_undo_stash_organisations)");
  assert_refused (&lib, mb_store_redo);
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (lib.store),
                                        "SELECT count(*) FROM organisations", NULL), ==, 2);
  library_clear (&lib);
}

/* A library as version 4 writes it, whose SQL history was edited:
 * upgrading it keeps no SQL, and the first undo that reaches the edited
 * entry refuses it. */
static void
test_edited_v4_history (gconstpointer data)
{
  const char *hostile = data;
  g_autofree char *dir = mb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "v4.malbild", NULL);
  g_autofree char *attached = g_build_filename (dir, "attached.db", NULL);
  g_autoptr(GString) edit = g_string_new (hostile);
  g_autoptr(GError) error = NULL;
  Library lib = { 0, };

  if (mb_test_skip_unless_file ("migrating a library file of an old schema"))
    return;

  g_string_replace (edit, "@PATH@", attached, 0);
  mb_test_make_old_library (path, 4,
    "INSERT INTO organisations (id, name, created, modified)"
    " VALUES ('00000000-0000-4000-8000-00000000000a', 'Region', 'x', 'x');"
    "INSERT INTO strategies (id, title, created, modified)"
    " VALUES ('00000000-0000-4000-8000-000000000001', 'Plan', 'x', 'x');"
    "INSERT INTO levels (id, strategy_id, position, name, created, modified)"
    " VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001',"
    "  0, 'Vision', 'x', 'x');"
    "INSERT INTO nodes (id, strategy_id, level_id, title, created, modified)"
    " VALUES ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000001',"
    "  '00000000-0000-4000-8000-000000000002', 'Ett', 'x', 'x');"
    "INSERT INTO mb_undo_steps (stack, label, first_seq, last_seq, created)"
    " SELECT 0, 'Add', min(seq), max(seq), 'x' FROM mb_undo_log;"
    "UPDATE nodes SET title = 'Ett (ny)';"
    "INSERT INTO mb_undo_steps (stack, label, first_seq, last_seq, created)"
    " SELECT 0, 'Rename', max(seq), max(seq), 'x' FROM mb_undo_log;");
  {
    sqlite3 *db;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, edit->str, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }

  lib.dir = g_steal_pointer (&dir);
  lib.path = g_steal_pointer (&path);
  lib.store = mb_test_store_open (lib.path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (lib.store), "PRAGMA user_version",
                                        NULL), ==, MB_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (mb_store_get_undo_label (lib.store), ==, "Rename");
  assert_refused (&lib, mb_store_undo);
  g_assert_false (g_file_test (attached, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (mb_store_get_db (lib.store), node_titles,
                                                       NULL)), ==, "Ett (ny)");
  /* Region, and the one assert_refused() added. */
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (lib.store),
                                        "SELECT count(*) FROM organisations", NULL), ==, 2);
  library_clear (&lib);
}

static const struct {
  const char *name;
  const char *sql;   /* @PATH@: a path next to the library */
} edited_v4[] = {
  { "delete-all", "UPDATE mb_undo_log SET sql = 'DELETE FROM nodes; DELETE FROM organisations'"
                  " WHERE seq = (SELECT max(seq) FROM mb_undo_log)" },
  { "attach", "UPDATE mb_undo_log SET sql = 'ATTACH DATABASE ''@PATH@'' AS x;"
              " CREATE TABLE x.t (a)' WHERE seq = (SELECT max(seq) FROM mb_undo_log)" },
  { "extra-statement", "UPDATE mb_undo_log SET sql = sql || '; DELETE FROM organisations'"
                       " WHERE seq = (SELECT max(seq) FROM mb_undo_log)" },
  { "where-widened", "UPDATE mb_undo_log SET sql = replace(sql, ' WHERE ', ' WHERE 1 OR ')"
                     " WHERE seq = (SELECT max(seq) FROM mb_undo_log)" },
};

/* A genuine version 4 history, with values of every kind, converts and
 * undoes and redoes exactly. */
static void
test_v4_history_converts (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "v4.malbild", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) store = NULL;
  g_autofree char *v4_dump = NULL;
  g_autofree char *dump = NULL;
  sqlite3 *db;
  const char *exact = "SELECT count(*) FROM indicators WHERE baseline_value = ?"
                      " AND typeof(baseline_value) = 'real'";

  if (mb_test_skip_unless_file ("migrating a library file of an old schema"))
    return;

  mb_test_make_old_library (path, 4,
    "INSERT INTO organisations (id, name, org_number, created, modified)"
    " VALUES ('00000000-0000-4000-8000-00000000000a', 'O''Brien \"AB\"', NULL, 'x', 'x');"
    "INSERT INTO indicators (id, title, baseline_value, baseline_year, created, modified)"
    " VALUES ('00000000-0000-4000-8000-00000000000b', 'Andel', 0.1 + 0.2, 2020, 'x', 'x');"
    "INSERT INTO mb_undo_steps (stack, label, first_seq, last_seq, created)"
    " SELECT 0, 'Add', min(seq), max(seq), 'x' FROM mb_undo_log;"
    "UPDATE indicators SET baseline_value = 1e-320, description = x'00ff';"
    "DELETE FROM organisations;"
    "INSERT INTO mb_undo_steps (stack, label, first_seq, last_seq, created)"
    " SELECT 0, 'Change', (SELECT last_seq + 1 FROM mb_undo_steps), max(seq), 'x'"
    " FROM mb_undo_log;");

  store = mb_test_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  db = mb_store_get_db (store);
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM mb_undo_log"
                                            " WHERE op NOT IN ('delete', 'update', 'insert')",
                                        NULL), ==, 0);
  v4_dump = mb_test_dump (store);

  g_assert_true (mb_store_undo (store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (db, "SELECT name FROM organisations",
                                                       NULL)), ==, "O'Brien \"AB\"");
  g_assert_cmpint (_mb_store_query_int (db, exact, "d", 0.1 + 0.2), ==, 1);
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM indicators"
                                            " WHERE description IS NULL", NULL), ==, 1);
  g_assert_true (mb_store_undo (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM indicators", NULL), ==, 0);

  g_assert_true (mb_store_redo (store, &error));
  g_assert_true (mb_store_redo (store, &error));
  g_assert_no_error (error);
  dump = mb_test_dump (store);
  g_assert_cmpstr (dump, ==, v4_dump);
  g_assert_cmpint (_mb_store_query_int (db, exact, "d", 1e-320), ==, 1);
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM indicators"
                                            " WHERE description = x'00ff'", NULL), ==, 1);
  mb_test_assert_sound (store);
  g_clear_object (&store);
  mb_test_remove_dir (dir);
}

static gboolean
set_values_cb (MbStore   *store,
               sqlite3   *db,
               gpointer   user_data,
               GError   **error)
{
  const double *value = user_data;

  return _mb_store_exec (db, error, "UPDATE indicators SET baseline_value = ?,"
                         " description = CASE WHEN ? > 0 THEN x'00ff10' ELSE 'text' END",
                         "dd", *value, *value);
}

/* Values keep their type and every bit through undo and redo. */
static void
test_exact_values (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autoptr(MbStore) store = mb_test_open (dir, "exact.malbild");
  g_autoptr(GError) error = NULL;
  g_autofree char *indicator = NULL;
  const double values[] = { 0.1 + 0.2, 1e-320, DBL_MAX, -DBL_MIN, INFINITY, -INFINITY, 2.0,
                            -0.5 };
  const char *exact = "SELECT count(*) FROM indicators WHERE baseline_value = ?"
                      " AND typeof(baseline_value) = 'real'";
  sqlite3 *db = mb_store_get_db (store);

  indicator = mb_store_create_indicator (store, NULL, "Andel", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_true (mb_store_run_action (store, "Set", set_values_cb, (gpointer) &values[i],
                                        &error));
  g_assert_no_error (error);

  /* Back through every value, and forward again, across a reopen. */
  for (guint i = G_N_ELEMENTS (values) - 1; i > 0; i--)
    {
      g_assert_true (mb_store_undo (store, &error));
      g_assert_no_error (error);
      g_assert_cmpint (_mb_store_query_int (db, exact, "d", values[i - 1]), ==, 1);
      g_assert_cmpstr (mb_test_take (_mb_store_query_text (db, "SELECT typeof(description)"
                                                           " FROM indicators", NULL)), ==,
                       values[i - 1] > 0 ? "blob" : "text");
    }
  g_clear_object (&store);
  store = mb_test_open (dir, "exact.malbild");
  db = mb_store_get_db (store);
  for (guint i = 1; i < G_N_ELEMENTS (values); i++)
    {
      g_assert_true (mb_store_redo (store, &error));
      g_assert_no_error (error);
      g_assert_cmpint (_mb_store_query_int (db, exact, "d", values[i]), ==, 1);
    }
  mb_test_assert_sound (store);
  g_clear_object (&store);
  mb_test_remove_dir (dir);
}

/* Undo of a batch keeps its rows as a set, and redo brings them back whole:
 * no log row per row either way. */
static void
test_batch_redo_is_set_based (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autoptr(MbStore) store = mb_test_open (dir, "sets.malbild");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *now = NULL;
  sqlite3 *db = mb_store_get_db (store);

  g_free (mb_store_create_organisation (store, "Region", NULL, &error));
  before = mb_test_dump (store);
  g_assert_true (mb_store_run_batch_action (store, "Import", add_organisations_cb,
                                            GUINT_TO_POINTER (3000), &error));
  g_assert_no_error (error);
  after = mb_test_dump (store);

  for (guint round = 0; round < 2; round++)
    {
      g_assert_true (mb_store_undo (store, &error));
      g_assert_no_error (error);
      now = mb_test_dump (store);
      g_assert_cmpstr (now, ==, before);
      g_clear_pointer (&now, g_free);
      g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM mb_undo_log l"
                                                " JOIN mb_undo_steps s ON s.stack = 1"
                                                " AND l.seq BETWEEN s.first_seq AND s.last_seq",
                                            NULL), ==, 1);
      g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM mb_undo_stash_organisations",
                                            NULL), ==, 3000);
      g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM mb_search_ids", NULL), ==,
                       1);

      /* The stash lives in the library: redo works after a restart. */
      if (round == 1)
        {
          g_clear_object (&store);
          store = mb_test_open (dir, "sets.malbild");
          db = mb_store_get_db (store);
        }
      g_assert_true (mb_store_redo (store, &error));
      g_assert_no_error (error);
      now = mb_test_dump (store);
      g_assert_cmpstr (now, ==, after);
      g_clear_pointer (&now, g_free);
      g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM mb_undo_stash_organisations",
                                            NULL), ==, 0);
      g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM mb_search_ids", NULL), ==,
                       3001);
      mb_test_assert_sound (store);
    }

  /* A new action forgets the redo, and its stash with it. */
  g_assert_true (mb_store_undo (store, &error));
  g_free (mb_store_create_organisation (store, "Annan", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM mb_undo_stash_organisations",
                                        NULL), ==, 0);
  g_clear_object (&store);
  mb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (edited_entries); i++)
    {
      g_autofree char *name = g_strdup_printf ("/store/undo-log/refuses/%s",
                                               edited_entries[i].name);
      g_test_add_data_func (name, edited_entries[i].sql, test_edited_entry);
    }
  for (guint i = 0; i < G_N_ELEMENTS (edited_sets); i++)
    {
      g_autofree char *name = g_strdup_printf ("/store/undo-log/refuses-set/%s",
                                               edited_sets[i].name);
      g_test_add_data_func (name, edited_sets[i].sql, test_edited_set);
    }
  g_test_add_func ("/store/undo-log/refuses-set/stash", test_edited_stash);
  for (guint i = 0; i < G_N_ELEMENTS (edited_v4); i++)
    {
      g_autofree char *name = g_strdup_printf ("/store/undo-log/refuses-v4/%s",
                                               edited_v4[i].name);
      g_test_add_data_func (name, edited_v4[i].sql, test_edited_v4_history);
    }
  g_test_add_func ("/store/undo-log/v4-history-converts", test_v4_history_converts);
  g_test_add_func ("/store/undo-log/exact-values", test_exact_values);
  g_test_add_func ("/store/undo-log/batch-redo-is-set-based", test_batch_redo_is_set_based);

  return g_test_run ();
}
