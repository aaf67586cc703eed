/* test-store-layout-cache.c – the canvas's last layouts, kept in the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mb-layout.h"
#include "mb-store-canvas-queries.h"
#include "test-store-util.h"

typedef struct
{
  char    *dir;
  char    *path;
  MbStore *store;
  char    *strategy;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = mb_test_make_dir ();
  f->path = g_build_filename (f->dir, "lib.malbild", NULL);
  f->store = mb_test_store_open (f->path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  f->strategy = mb_store_create_strategy (f->store, "RUS", "rus", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  mb_test_remove_dir (f->dir);
  g_free (f->strategy);
  g_free (f->path);
  g_free (f->dir);
}

static MbLayoutGraph *
small_graph (void)
{
  MbLayoutGraph *graph = mb_layout_graph_new (MB_LAYOUT_DIRECTION_TOP_DOWN);

  mb_layout_graph_add_node (graph, "a", 160, 64, 0);
  mb_layout_graph_add_node (graph, "b", 160, 64, 1);
  mb_layout_graph_add_node (graph, "c", 160, 64, 1);
  mb_layout_graph_add_edge (graph, "b", "a", MB_LAYOUT_EDGE_CONTRIBUTES);
  mb_layout_graph_add_edge (graph, "c", "a", MB_LAYOUT_EDGE_CONTRIBUTES);
  return graph;
}

static GBytes *
small_layout (MbLayoutGraph *graph)
{
  g_autoptr(MbLayoutResult) result = mb_layout_run_quick (graph, NULL);

  return mb_layout_result_to_bytes (result);
}

static gint64
n_kept (MbStore *store)
{
  return _mb_store_query_int (mb_store_get_db (store), "SELECT count(*) FROM mb_layout_cache",
                              NULL);
}

/* Kept, read back after a reopen; no undo step, no "changed", and the
 * undo history as it was. */
static void
test_keep_and_reopen (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MbLayoutGraph) graph = small_graph ();
  g_autoptr(GBytes) bytes = small_layout (graph);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(MbLayoutResult) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *undo_label = g_strdup (mb_store_get_undo_label (f->store));
  gint64 steps = mb_test_n_undo_steps (f->store);
  gint64 log = _mb_store_query_int (mb_store_get_db (f->store),
                                    "SELECT count(*) FROM mb_undo_log", NULL);
  MbTestChanges changes = { 0, };

  mb_test_changes_watch (&changes, f->store);
  g_assert_true (mb_store_canvas_keep_layout (f->store, f->strategy, "shape-1", bytes, &error));
  g_assert_no_error (error);
  /* Again, replacing it: still one row. */
  g_assert_true (mb_store_canvas_keep_layout (f->store, f->strategy, "shape-1", bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_kept (f->store), ==, 1);
  mb_test_spin ();
  g_assert_cmpuint (changes.n_changed, ==, 0);
  g_assert_cmpint (mb_test_n_undo_steps (f->store), ==, steps);
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (f->store),
                                        "SELECT count(*) FROM mb_undo_log", NULL), ==, log);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, undo_label);
  g_assert_false (mb_store_can_redo (f->store));

  back = mb_store_canvas_lookup_layout (f->store, f->strategy, "shape-1");
  g_assert_nonnull (back);
  g_assert_true (g_bytes_equal (back, bytes));
  g_clear_pointer (&back, g_bytes_unref);

  g_clear_object (&f->store);
  f->store = mb_test_store_open (f->path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  back = mb_store_canvas_lookup_layout (f->store, f->strategy, "shape-1");
  g_assert_nonnull (back);
  layout = mb_layout_result_new_from_bytes (graph, back, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mb_layout_result_get_n_nodes (layout), ==, 3);

  /* Undo takes back the user's last action, not the cache: creating the
   * strategy. Its kept layout then goes with the next write. */
  g_assert_true (mb_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mb_test_n_undo_steps (f->store), ==, steps - 1);
  {
    g_autofree char *other = mb_store_create_strategy (f->store, "S3", "rus", &error);

    g_assert_no_error (error);
    g_assert_true (mb_store_canvas_keep_layout (f->store, other, "shape-2", bytes, &error));
    g_assert_no_error (error);
    g_assert_null (mb_store_canvas_lookup_layout (f->store, f->strategy, "shape-1"));
    g_assert_cmpint (n_kept (f->store), ==, 1);
  }
  mb_test_assert_sound (f->store);
  mb_test_changes_clear (&changes);
}

/* A layout made for another shape is not used, and goes. */
static void
test_stale (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(MbLayoutGraph) graph = small_graph ();
  g_autoptr(GBytes) bytes = small_layout (graph);
  g_autoptr(GError) error = NULL;

  g_assert_true (mb_store_canvas_keep_layout (f->store, f->strategy, "before", bytes, &error));
  g_assert_no_error (error);
  g_assert_null (mb_store_canvas_lookup_layout (f->store, f->strategy, "after"));
  g_assert_cmpint (n_kept (f->store), ==, 0);
  g_assert_null (mb_store_canvas_lookup_layout (f->store, f->strategy, "before"));
  g_assert_null (mb_store_canvas_lookup_layout (f->store, "no-such-strategy", "before"));
}

/* A library opened read-only, or for review, is not written: no error
 * either, and what it holds is still read. */
static void
test_read_only_and_review (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(MbLayoutGraph) graph = small_graph ();
  g_autoptr(GBytes) bytes = small_layout (graph);
  g_autoptr(GBytes) other = g_bytes_new_static ("MBL1", 4);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *checksum = NULL;
  const MbStoreOpenFlags flags[] = { MB_STORE_OPEN_READ_ONLY, MB_STORE_OPEN_REVIEW };

  if (mb_test_skip_unless_file ("a library file's bytes, left as they were by read-only and review opens"))
    return;

  g_assert_true (mb_store_canvas_keep_layout (f->store, f->strategy, "shape", bytes, &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);
  checksum = mb_test_checksum (f->path);

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_autoptr(MbStore) store = mb_test_store_open (f->path, flags[i], &error);

      g_assert_no_error (error);
      back = mb_store_canvas_lookup_layout (store, f->strategy, "shape");
      g_assert_nonnull (back);
      g_assert_true (g_bytes_equal (back, bytes));
      g_clear_pointer (&back, g_bytes_unref);

      g_assert_true (mb_store_canvas_keep_layout (store, f->strategy, "shape", other, &error));
      g_assert_no_error (error);
      /* Stale here, but not dropped. */
      g_assert_null (mb_store_canvas_lookup_layout (store, f->strategy, "another shape"));
      back = mb_store_canvas_lookup_layout (store, f->strategy, "shape");
      g_assert_true (g_bytes_equal (back, bytes));
      g_clear_pointer (&back, g_bytes_unref);
      g_assert_cmpint (n_kept (store), ==, 1);
    }
  g_assert_cmpstr (mb_test_take (mb_test_checksum (f->path)), ==, checksum);
}

/* What a file holds in the cache is outside input: a row that is not a
 * blob, a blob far too large, or a truncated layout is not used. */
static void
test_hostile (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(MbLayoutGraph) graph = small_graph ();
  g_autoptr(GBytes) bytes = small_layout (graph);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = mb_store_get_db (f->store);
  const char *values[] = { "'MBL1 as text'", "zeroblob(64 * 1024 * 1024 + 1)", "x'4d424c31'" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT OR REPLACE INTO mb_layout_cache"
                                              " (strategy_id, shape, layout, written)"
                                              " VALUES (?, 'shape', %s, 'x')", values[i]);

      g_assert_true (_mb_store_exec (db, &error, sql, "s", f->strategy));
      g_assert_no_error (error);
      back = mb_store_canvas_lookup_layout (f->store, f->strategy, "shape");
      if (back != NULL)
        {
          /* Only the short blob comes back; the layout refuses it. */
          g_assert_cmpuint (i, ==, 2);
          g_assert_null (mb_layout_result_new_from_bytes (graph, back, &error));
          g_assert_error (error, MB_LAYOUT_ERROR, MB_LAYOUT_ERROR_INVALID_GEOMETRY);
          g_clear_error (&error);
          g_clear_pointer (&back, g_bytes_unref);
        }
      else
        {
          g_assert_cmpuint (i, <, 2);
          /* Dropped, as unusable. */
          g_assert_cmpint (n_kept (f->store), ==, 0);
        }
    }

  /* Each truncation of a real layout, as the file might hold it. */
  for (gsize cut = 0; cut < g_bytes_get_size (bytes); cut += 7)
    {
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (bytes, 0, cut);

      g_assert_true (mb_store_canvas_keep_layout (f->store, f->strategy, "shape", part, &error));
      g_assert_no_error (error);
      back = mb_store_canvas_lookup_layout (f->store, f->strategy, "shape");
      g_assert_nonnull (back);
      g_assert_null (mb_layout_result_new_from_bytes (graph, back, NULL));
      g_clear_pointer (&back, g_bytes_unref);
    }
}

/* Another writer holds the library: the cache gives up at once instead of
 * blocking the window for the busy timeout. */
static void
test_busy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(MbLayoutGraph) graph = small_graph ();
  g_autoptr(GBytes) bytes = small_layout (graph);
  g_autoptr(GError) error = NULL;
  sqlite3 *other = NULL;

  if (mb_test_skip_unless_file ("a library file's write lock, held by another connection"))
    return;

  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (mb_store_canvas_keep_layout (f->store, f->strategy, "shape", bytes, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_BUSY);
  g_clear_error (&error);
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);

  /* The store's own actions still wait as long as they did. */
  g_assert_true (mb_store_canvas_keep_layout (f->store, f->strategy, "shape", bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_busy_timeout (mb_store_get_db (f->store), 5000), ==, SQLITE_OK);
}

/* A library of the version before gets the cache table, empty. */
static void
test_migrate (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "old.malbild", NULL);
  g_autoptr(MbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (mb_test_skip_unless_file ("migrating a library file of an old schema"))
    return;

  mb_test_make_old_library (path, MB_STORE_SCHEMA_VERSION - 1, "SELECT 1");
  store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (store), "PRAGMA user_version", NULL),
                   ==, MB_STORE_SCHEMA_VERSION);
  g_assert_cmpint (n_kept (store), ==, 0);
  /* No undo triggers on it. */
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (store),
                                        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                                        " AND tbl_name = 'mb_layout_cache'", NULL), ==, 0);
  mb_test_assert_sound (store);
  g_clear_object (&store);
  mb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store-layout-cache/keep-and-reopen", Fixture, NULL,
              fixture_set_up, test_keep_and_reopen, fixture_tear_down);
  g_test_add ("/store-layout-cache/stale", Fixture, NULL,
              fixture_set_up, test_stale, fixture_tear_down);
  g_test_add ("/store-layout-cache/read-only-and-review", Fixture, NULL,
              fixture_set_up, test_read_only_and_review, fixture_tear_down);
  g_test_add ("/store-layout-cache/hostile", Fixture, NULL,
              fixture_set_up, test_hostile, fixture_tear_down);
  g_test_add ("/store-layout-cache/busy", Fixture, NULL,
              fixture_set_up, test_busy, fixture_tear_down);
  g_test_add_func ("/store-layout-cache/migrate", test_migrate);

  return g_test_run ();
}
