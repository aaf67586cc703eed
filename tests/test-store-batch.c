/* test-store-batch.c – batch actions: their compact undo, redo and search index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-store-util.h"

#define N_NODES 1500
#define N_MEASUREMENTS 3000

static const char now[] = "2026-01-01T00:00:00.000Z";

typedef struct
{
  char *strategy;
  char *level;
  char *old_node;       /* existed before the batch */
  char *old_link;
  char *last_org;       /* the organisation with the largest rowid */
  char *indicator;
  GPtrArray *new_nodes;
} Library;

static void
library_clear (Library *lib)
{
  g_free (lib->strategy);
  g_free (lib->level);
  g_free (lib->old_node);
  g_free (lib->old_link);
  g_free (lib->last_org);
  g_free (lib->indicator);
  g_clear_pointer (&lib->new_nodes, g_ptr_array_unref);
}

static void
library_setup (MbStore *store,
               Library *lib)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other = NULL;

  lib->strategy = mb_store_create_strategy (store, "Befintlig", "rus", &error);
  lib->level = mb_test_level (store, lib->strategy, 0);
  lib->old_node = mb_store_create_node (store, lib->strategy, NULL, lib->level, "Gammal", &error);
  other = mb_store_create_node (store, lib->strategy, NULL, lib->level, "Annan", &error);
  lib->old_link = mb_store_create_link (store, lib->old_node, other, NULL, &error);
  lib->indicator = mb_store_create_indicator (store, lib->strategy, "Invånare", NULL, &error);
  g_free (mb_store_record_measurement (store, lib->indicator, "2020", NULL, NULL, 1.5, NULL,
                                       &error));
  g_free (mb_store_create_organisation (store, "Första", NULL, &error));
  lib->last_org = mb_store_create_organisation (store, "Sista", NULL, &error);
  g_assert_no_error (error);
  lib->new_nodes = g_ptr_array_new_with_free_func (g_free);
}

/* Like an import: thousands of new rows of many tables, and changes to rows
 * that were there, some of which point at new rows. */
static gboolean
import_like_cb (MbStore   *store,
                sqlite3   *db,
                gpointer   user_data,
                GError   **error)
{
  Library *lib = user_data;
  g_autofree char *org = mb_store_new_id ();
  g_autofree char *gone = mb_store_new_id ();

  for (guint i = 0; i < N_NODES; i++)
    {
      char *id = mb_store_new_id ();
      g_autofree char *title = g_strdup_printf ("Importerad nod %u", i);
      const char *parent = i > 0 ? lib->new_nodes->pdata[(i - 1) / 3] : NULL;

      g_ptr_array_add (lib->new_nodes, id);
      if (!_mb_store_exec (db, error, "INSERT INTO nodes (id, strategy_id, level_id, parent_id,"
                           " position, title, description, created, modified)"
                           " VALUES (?, ?, ?, ?, ?, ?, 'skogsbruk', ?, ?)", "ssssisss", id,
                           lib->strategy, lib->level, parent, (int) i, title, now, now))
        return FALSE;
      if (i > 0)
        {
          g_autofree char *link = mb_store_new_id ();

          if (!_mb_store_exec (db, error, "INSERT INTO links (id, from_node_id, to_node_id,"
                               " confidence, created, modified) VALUES (?, ?, ?, ?, ?, ?)",
                               "sssiss", link, id, (char *) lib->new_nodes->pdata[i / 2],
                               (int) (i % 101), now, now) ||
              !_mb_store_exec (db, error, "INSERT INTO node_tags (node_id, tag) VALUES (?, ?)",
                               "ss", id, i % 2 ? "sdg:7" : "sdg:9"))
            return FALSE;
        }
    }
  for (guint i = 0; i < N_MEASUREMENTS; i++)
    {
      g_autofree char *id = mb_store_new_id ();
      g_autofree char *period = g_strdup_printf ("%u", 1900 + i % 300);
      const char *territories[] = { "0023", "2380", "2361", "2309", "2321", "2326", "2303",
                                    "2305", "2313", "2260" };

      if (!_mb_store_exec (db, error, "INSERT INTO measurements (id, indicator_id, period,"
                           " territory_code, value, created, modified)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?)", "ssssdss", id, lib->indicator,
                           period, territories[i / 300], i * 0.1 + 1e-9, now, now))
        return FALSE;
    }

  /* Older rows changed, some now pointing at new ones: undo must restore
   * them before it deletes the new rows, or the cascades would take them. */
  if (!_mb_store_exec (db, error, "UPDATE links SET to_node_id = ? WHERE id = ?", "ss",
                       (char *) lib->new_nodes->pdata[5], lib->old_link) ||
      !_mb_store_exec (db, error, "UPDATE nodes SET parent_id = ?, title = 'Flyttad' WHERE id = ?",
                       "ss", (char *) lib->new_nodes->pdata[7], lib->old_node) ||
      !_mb_store_exec (db, error, "UPDATE measurements SET value = 2.5 WHERE period = '2020'",
                       NULL) ||
      !_mb_store_exec (db, error, "INSERT INTO node_indicators (node_id, indicator_id)"
                       " VALUES (?, ?)", "ss", (char *) lib->new_nodes->pdata[3], lib->indicator))
    return FALSE;

  /* The newest older row goes, and a new one may take its rowid. */
  if (!_mb_store_exec (db, error, "DELETE FROM organisations WHERE id = ?", "s", lib->last_org) ||
      !_mb_store_exec (db, error, "INSERT INTO organisations (id, name, created, modified)"
                       " VALUES (?, 'Ny organisation', ?, ?)", "sss", org, now, now))
    return FALSE;

  /* New rows changed again, or gone again, within the batch. */
  if (!_mb_store_exec (db, error, "UPDATE nodes SET title = 'Omdöpt' WHERE id = ?", "s",
                       (char *) lib->new_nodes->pdata[1]) ||
      !_mb_store_exec (db, error, "INSERT INTO projects (id, title, created, modified)"
                       " VALUES (?, 'Kortlivat', ?, ?)", "sss", gone, now, now) ||
      !_mb_store_exec (db, error, "DELETE FROM projects WHERE id = ?", "s", gone) ||
      !_mb_store_exec (db, error, "DELETE FROM nodes WHERE id = ?", "s",
                       (char *) lib->new_nodes->pdata[N_NODES - 1]))
    return FALSE;
  return TRUE;
}

static gint64
count (MbStore    *store,
       const char *sql)
{
  return _mb_store_query_int (mb_store_get_db (store), sql, NULL);
}

static guint
n_hits (MbStore    *store,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = mb_store_search (store, text, 0, &error);

  g_assert_no_error (error);
  return hits->len;
}

/* The search index holds exactly the searchable entities, and agrees with
 * itself. */
static void
assert_search_consistent (MbStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (count (store, "SELECT count(*) FROM mb_search_ids"), ==,
                   count (store, "SELECT (SELECT count(*) FROM strategies)"
                                 " + (SELECT count(*) FROM nodes)"
                                 " + (SELECT count(*) FROM indicators)"
                                 " + (SELECT count(*) FROM funding_calls)"
                                 " + (SELECT count(*) FROM projects)"
                                 " + (SELECT count(*) FROM organisations)"));
  g_assert_cmpint (count (store, "SELECT count(*) FROM mb_search"), ==,
                   count (store, "SELECT count(*) FROM mb_search_ids"));
  g_assert_cmpint (count (store, "SELECT count(*) FROM mb_search s JOIN mb_search_ids i"
                                 " ON i.rid = s.rowid JOIN nodes n ON n.id = i.id"
                                 " WHERE s.title IS NOT n.title"), ==, 0);
  g_assert_true (_mb_store_exec (mb_store_get_db (store), &error,
                                 "INSERT INTO mb_search (mb_search) VALUES ('integrity-check')",
                                 NULL));
  g_assert_no_error (error);
}

static void
assert_healthy (MbStore *store)
{
  mb_test_assert_sound (store);
  g_assert_cmpint (count (store, "SELECT count(*) FROM mb_undo_batch"), ==, 0);
  assert_search_consistent (store);
}

static void
test_batch_undo_redo (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autoptr(MbStore) store = mb_test_open (dir, "batch.malbild");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *now_dump = NULL;
  MbTestChanges changes = { 0, };
  Library lib = { 0, };
  gint64 log_before;

  library_setup (store, &lib);
  before = mb_test_dump (store);
  log_before = count (store, "SELECT max(seq) FROM mb_undo_log");
  mb_test_changes_watch (&changes, store);

  g_assert_true (mb_store_run_batch_action (store, "Import", import_like_cb, &lib, &error));
  g_assert_no_error (error);
  after = mb_test_dump (store);
  g_assert_cmpstr (mb_store_get_undo_label (store), ==, "Import");
  g_assert_cmpint (count (store, "SELECT count(*) FROM nodes"), ==, 2 + N_NODES - 1);
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (store), "SELECT count(*)"
                                        " FROM organisations WHERE id = ?", "s", lib.last_org),
                   ==, 0);
  g_assert_true (mb_store_changes_include ((const char * const *) changes.last_tables, "nodes"));
  g_assert_true (mb_store_changes_include ((const char * const *) changes.last_tables,
                                           "measurements"));
  g_assert_true (mb_store_changes_include ((const char * const *) changes.last_tables,
                                           "node_tags"));
  /* Compact: a few log rows per table with a rowid, not one per inserted row
   * (link tables such as node_tags keep a row each). */
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (store), "SELECT count(*) FROM"
                                        " mb_undo_log WHERE seq > ? AND tbl IN ('nodes', 'links',"
                                        " 'measurements', 'organisations', 'projects')",
                                        "I", log_before), <, 10);
  g_assert_cmpint (count (store, "SELECT count(*) FROM mb_undo_inserted"), >=,
                   N_NODES + N_MEASUREMENTS);
  /* The new rows are searchable, renamed and deleted ones as they end. */
  g_assert_cmpuint (n_hits (store, "Importerad"), ==, 100);
  g_assert_cmpuint (n_hits (store, "Omdöpt"), ==, 1);
  g_assert_cmpuint (n_hits (store, "Kortlivat"), ==, 0);
  g_assert_cmpuint (n_hits (store, "Flyttad"), ==, 1);
  assert_healthy (store);

  for (guint round = 0; round < 2; round++)
    {
      g_assert_true (mb_store_undo (store, &error));
      g_assert_no_error (error);
      now_dump = mb_test_dump (store);
      g_assert_cmpstr (now_dump, ==, before);
      g_clear_pointer (&now_dump, g_free);
      g_assert_true (mb_store_changes_include ((const char * const *) changes.last_tables,
                                               "nodes"));
      g_assert_cmpuint (n_hits (store, "Importerad"), ==, 0);
      g_assert_cmpuint (n_hits (store, "Gammal"), ==, 1);
      /* The set went with the step. */
      g_assert_cmpint (count (store, "SELECT count(*) FROM mb_undo_inserted"), ==, 0);
      assert_healthy (store);

      g_assert_true (mb_store_redo (store, &error));
      g_assert_no_error (error);
      now_dump = mb_test_dump (store);
      g_assert_cmpstr (now_dump, ==, after);
      g_clear_pointer (&now_dump, g_free);
      g_assert_cmpuint (n_hits (store, "Omdöpt"), ==, 1);
      /* A step this big is replayed as a batch itself: its re-inserted
       * rows are recorded as sets again. */
      g_assert_cmpint (count (store, "SELECT count(*) FROM mb_undo_inserted"), >=,
                       N_NODES + N_MEASUREMENTS);
      assert_healthy (store);
    }

  /* Across a reopen, once more. */
  g_clear_object (&store);
  store = mb_test_open (dir, "batch.malbild");
  g_assert_true (mb_store_undo (store, &error));
  now_dump = mb_test_dump (store);
  g_assert_cmpstr (now_dump, ==, before);
  g_clear_pointer (&now_dump, g_free);

  /* Everything before the batch undoes as well: back to empty. */
  while (mb_store_can_undo (store))
    g_assert_true (mb_store_undo (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (store, "SELECT count(*) FROM strategies"), ==, 0);
  assert_healthy (store);

  mb_test_changes_clear (&changes);
  library_clear (&lib);
  g_clear_object (&store);
  mb_test_remove_dir (dir);
}

static gboolean
fail_after_inserts_cb (MbStore   *store,
                       sqlite3   *db,
                       gpointer   user_data,
                       GError   **error)
{
  if (!import_like_cb (store, db, user_data, error))
    return FALSE;
  g_set_error_literal (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID, "Refused at the end");
  return FALSE;
}

static void
test_batch_failure_leaves_nothing (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autoptr(MbStore) store = mb_test_open (dir, "fail.malbild");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *now_dump = NULL;
  Library lib = { 0, };
  gint64 log_before;

  library_setup (store, &lib);
  before = mb_test_dump (store);
  log_before = count (store, "SELECT count(*) FROM mb_undo_log");

  g_assert_false (mb_store_run_batch_action (store, "Import", fail_after_inserts_cb, &lib,
                                             &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  now_dump = mb_test_dump (store);
  g_assert_cmpstr (now_dump, ==, before);
  g_assert_cmpint (count (store, "SELECT count(*) FROM mb_undo_log"), ==, log_before);
  g_assert_cmpint (count (store, "SELECT count(*) FROM mb_undo_inserted"), ==, 0);
  g_assert_cmpstr (mb_store_get_undo_label (store), ==, "Add Organisation");
  assert_healthy (store);

  library_clear (&lib);
  g_clear_object (&store);
  mb_test_remove_dir (dir);
}

/* A new action after the undo of a batch drops its redo; the next batch's
 * log entries may reuse the forgotten seqs without inheriting their sets. */
static void
test_batch_after_forgotten_redo (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autoptr(MbStore) store = mb_test_open (dir, "again.malbild");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  Library lib = { 0, };

  library_setup (store, &lib);
  g_assert_true (mb_store_run_batch_action (store, "Import", import_like_cb, &lib, &error));
  g_assert_true (mb_store_undo (store, &error));
  g_free (mb_store_create_organisation (store, "Mellan", NULL, &error));
  g_assert_false (mb_store_can_redo (store));
  g_assert_cmpint (count (store, "SELECT count(*) FROM mb_undo_inserted"), ==, 0);

  before = mb_test_dump (store);
  g_ptr_array_set_size (lib.new_nodes, 0);
  g_assert_true (mb_store_run_batch_action (store, "Import", import_like_cb, &lib, &error));
  g_assert_no_error (error);
  mb_test_assert_undoable (store, before);
  assert_healthy (store);

  library_clear (&lib);
  g_clear_object (&store);
  mb_test_remove_dir (dir);
}

/* A library of schema version 1, with history, is brought to the current
 * version and its history still undoes; then batches work in it. */
static void
test_batch_in_migrated_library (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "v1.malbild", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) store = NULL;
  g_autofree char *before = NULL;
  Library lib = { 0, };
  sqlite3 *db;

  if (mb_test_skip_unless_file ("migrating a library file of an old schema"))
    return;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (_mb_store_migrate (db, 0, 1, &error));
  g_assert_no_error (error);
  sqlite3_close (db);
  /* Version 1 cannot be opened by the store without migrating, so its
   * history is made by hand: one step that inserted an organisation. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO organisations (id, name, created, modified)"
    " VALUES ('00000000-0000-4000-8000-000000000001', 'Gammal', 'x', 'x');"
    "INSERT INTO mb_undo_steps (stack, label, first_seq, last_seq, created)"
    " SELECT 0, 'Add Organisation', min(seq), max(seq), 'x' FROM mb_undo_log;",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (store, "PRAGMA user_version"), ==, MB_STORE_SCHEMA_VERSION);
  assert_healthy (store);
  g_assert_true (mb_store_undo (store, &error));
  g_assert_cmpint (count (store, "SELECT count(*) FROM organisations"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM mb_search_ids"), ==, 0);
  g_assert_true (mb_store_redo (store, &error));
  g_assert_cmpint (count (store, "SELECT count(*) FROM organisations"), ==, 1);

  library_setup (store, &lib);
  before = mb_test_dump (store);
  g_assert_true (mb_store_run_batch_action (store, "Import", import_like_cb, &lib, &error));
  g_assert_no_error (error);
  assert_healthy (store);
  mb_test_assert_undoable (store, before);
  assert_healthy (store);

  library_clear (&lib);
  g_clear_object (&store);
  mb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/batch/undo-redo", test_batch_undo_redo);
  g_test_add_func ("/store/batch/failure-leaves-nothing", test_batch_failure_leaves_nothing);
  g_test_add_func ("/store/batch/after-forgotten-redo", test_batch_after_forgotten_redo);
  g_test_add_func ("/store/batch/migrated-library", test_batch_in_migrated_library);

  return g_test_run ();
}
