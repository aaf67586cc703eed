/* mb-bench-store.c – the store's benchmark: bulk insert, open + tree, chain, search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   mb-bench-store [--runs N] [--small]
 *
 * Prints the median of N runs (3 for the bulk inserts, 5 × N for the
 * queries) for the "large" library of design.md, generated with seed 1.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "mb-core.h"
#include "mb-generator.h"
#include "mb-store-list-model.h"
#include "mb-store-private.h"

static const MbGenerateSize *size;
static char *dir;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *ms)
{
  g_array_sort (ms, compare_doubles);
  return g_array_index (ms, double, ms->len / 2);
}

static double
max_of (GArray *ms)
{
  g_array_sort (ms, compare_doubles);
  return g_array_index (ms, double, ms->len - 1);
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static void
remove_library (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
}

/* The same rows into a bare SQLite file with the schema only: no undo
 * triggers, no search index, same pragmas. */
static double
raw_insert (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *schema_path = g_build_filename (MB_SOURCE_DATADIR, "..", "src", "core",
                                                   "mb-schema.sql", NULL);
  g_autofree char *schema = NULL;
  sqlite3 *db;
  double t0, t1;

  remove_library (path);
  if (!g_file_get_contents (schema_path, &schema, NULL, &error))
    g_error ("%s", error->message);
  sqlite3_open (path, &db);
  sqlite3_exec (db, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;"
                    " PRAGMA synchronous = FULL", NULL, NULL, NULL);
  sqlite3_exec (db, schema, NULL, NULL, NULL);

  t0 = now_ms ();
  sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (!mb_generate_rows (db, size, 1, &error))
    g_error ("%s", error->message);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  t1 = now_ms ();
  sqlite3_close (db);
  return t1 - t0;
}

static gboolean
generate_cb (MbStore   *store,
             sqlite3   *db,
             gpointer   user_data,
             GError   **error)
{
  return mb_generate_rows (db, size, 1, error);
}

/* Through the store: one action, with undo log and search index. */
static double
store_insert (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) store = NULL;
  double t0, t1;

  remove_library (path);
  store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  t0 = now_ms ();
  if (!mb_store_run_action (store, "Generate", generate_cb, NULL, &error))
    g_error ("%s", error->message);
  t1 = now_ms ();
  return t1 - t0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  gboolean small = FALSE;
  int runs = 3;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of the bulk inserts (default 3)", "N" },
    { "small", 0, 0, G_OPTION_ARG_NONE, &small, "Use the small library", NULL },
    { NULL }
  };
  g_autofree char *raw_path = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *lib_path = NULL;
  g_autofree char *biggest = NULL;
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) via_store = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) open_tree = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) list_model = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) chain = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(MbStore) store = NULL;
  g_autoptr(GPtrArray) sample = NULL;
  const char *queries[] = { "energi", "skog vatten", "N0012", "Projekt 5", "2.3" };
  guint tree_len = 0, chain_len = 0;
  gint64 n_nodes;
  double t0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("mb-bench-store: %s\n", error->message);
      return 2;
    }
  size = small ? &mb_generate_small : &mb_generate_large;
  dir = g_dir_make_tmp ("mb-bench-store-XXXXXX", &error);
  raw_path = g_build_filename (dir, "raw.sqlite", NULL);
  store_path = g_build_filename (dir, "store.malbild", NULL);
  lib_path = g_build_filename (dir, "library.malbild", NULL);

  g_print ("Library: %u strategies, %u nodes, %u links, %u indicators, %u measurements, "
           "%u projects\n", size->strategies, size->nodes, size->links, size->indicators,
           size->measurements, size->projects);

  for (int i = 0; i < runs; i++)
    {
      double r = raw_insert (raw_path), s = store_insert (store_path);
      g_array_append_val (raw, r);
      g_array_append_val (via_store, s);
    }
  remove_library (raw_path);
  remove_library (store_path);

  if (!mb_generate_library (lib_path, size, 1, &error))
    g_error ("%s", error->message);

  /* Open and read the biggest strategy's tree, as the app does at start. */
  store = mb_store_open (lib_path, MB_STORE_OPEN_NONE, &error);
  biggest = _mb_store_query_text (mb_store_get_db (store),
                                  "SELECT strategy_id FROM nodes GROUP BY strategy_id"
                                  " ORDER BY count(*) DESC LIMIT 1", NULL);
  n_nodes = _mb_store_query_int (mb_store_get_db (store), "SELECT count(*) FROM nodes", NULL);
  sample = _mb_store_query_records (mb_store_get_db (store), &error, "nodes",
                                    "SELECT id FROM nodes ORDER BY id LIMIT 50", NULL);
  g_clear_object (&store);
  for (int i = 0; i < runs * 5; i++)
    {
      g_autoptr(MbStore) s = NULL;
      g_autoptr(GPtrArray) tree = NULL;
      g_autoptr(GListModel) model = NULL;
      double t;

      t0 = now_ms ();
      s = mb_store_open (lib_path, MB_STORE_OPEN_NONE, &error);
      tree = mb_store_query_tree (s, biggest, &error);
      t = now_ms () - t0;
      g_array_append_val (open_tree, t);
      tree_len = tree->len;

      t0 = now_ms ();
      model = mb_store_list_nodes (s, biggest);
      t = now_ms () - t0;
      g_array_append_val (list_model, t);
    }

  store = mb_store_open (lib_path, MB_STORE_OPEN_NONE, &error);
  for (guint i = 0; i < sample->len; i++)
    {
      g_auto(GStrv) up = NULL;
      g_auto(GStrv) down = NULL;
      double t;

      t0 = now_ms ();
      if (!mb_store_query_chain (store, mb_record_get_id (sample->pdata[i]),
                                 MB_CHAIN_INCLUDE_TREE, &up, &down, &error))
        g_error ("%s", error->message);
      t = now_ms () - t0;
      g_array_append_val (chain, t);
      chain_len = MAX (chain_len, g_strv_length (up) + g_strv_length (down));
    }
  for (int i = 0; i < runs * 5; i++)
    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      {
        g_autoptr(GPtrArray) hits = NULL;
        double t;

        t0 = now_ms ();
        hits = mb_store_search (store, queries[q], 50, &error);
        t = now_ms () - t0;
        g_array_append_val (search, t);
      }

  g_print ("\n%-46s %10s %10s\n", "Measure", "median ms", "max ms");
  g_print ("%-46s %10.1f %10.1f\n", "bulk insert, raw SQLite (same rows)",
           median (raw), max_of (raw));
  g_print ("%-46s %10.1f %10.1f\n", "bulk insert through the store (undo + FTS)",
           median (via_store), max_of (via_store));
  g_print ("%-46s %10.2f x\n", "  store / raw", median (via_store) / median (raw));
  g_print ("%-46s %10.1f %10.1f\n", "open + tree of biggest strategy", median (open_tree),
           max_of (open_tree));
  g_print ("  (%u nodes in that strategy)\n", tree_len);
  g_print ("%-46s %10.1f %10.1f\n", "list model of that strategy's nodes", median (list_model),
           max_of (list_model));
  g_print ("%-46s %10.2f %10.2f\n", "chain up + down (links + tree), 50 nodes",
           median (chain), max_of (chain));
  g_print ("  (over %" G_GINT64_FORMAT " nodes; longest chain %u nodes)\n", n_nodes, chain_len);
  g_print ("%-46s %10.2f %10.2f\n", "full-text search, 5 queries", median (search),
           max_of (search));

  g_clear_object (&store);
  remove_library (lib_path);
  g_rmdir (dir);
  return 0;
}
