/* mb-bench-store.c – the store's benchmark: bulk insert, open + tree, chain, search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   mb-bench-store [--runs N] [--small] [--skip-insert]
 *
 * Prints the median of N runs (3 for the bulk inserts, 5 × N for the
 * queries) for the "large" library of design.md, generated with seed 1.
 * Wall-clock time, and for the bulk inserts also the process's CPU time,
 * which a machine loaded by other work disturbs much less. "before" lines
 * measure the way the store used to do it, kept for comparison: the bulk
 * insert as an ordinary action (an undo-log row and a search-index update
 * per row) and the chain by recursive SQL.
 *
 * The chain index is built in a thread from the opening of a store: its
 * "first query" waits for what remains of that build. After an edit (a node
 * pinned, a link added) the canvas asks for the selected node's chain at
 * once; those lines time the edit's commit and that query.
 */

#include "config.h"

#include <time.h>
#include <glib/gstdio.h>

#include "mb-core.h"
#include "mb-generator.h"
#include "mb-store-list-model.h"
#include "mb-store-private.h"
#include "mb-bench-util.h"

static const MbGenerateSize *size;
static char *dir;

/* Wall and CPU milliseconds of one run. */
typedef struct
{
  double wall;
  double cpu;
} Timing;

typedef struct
{
  double wall0;
  double cpu0;
} Stopwatch;

static Stopwatch
stopwatch_start (void)
{
  Stopwatch w = { mb_bench_now_ms (), mb_bench_cpu_ms () };
  return w;
}

static void
stopwatch_stop (Stopwatch  w,
                GArray    *wall,
                GArray    *cpu)
{
  double t = mb_bench_now_ms () - w.wall0, c = mb_bench_cpu_ms () - w.cpu0;

  g_array_append_val (wall, t);
  if (cpu)
    g_array_append_val (cpu, c);
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
 * triggers, no search index, same pragmas; with SQLite's default page cache
 * or (@cache_kib > 0) the larger one the store gives a batch action. */
static void
raw_insert (const char *path,
            int         cache_kib,
            GArray     *wall,
            GArray     *cpu)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *schema_path = g_build_filename (MB_SOURCE_DATADIR, "..", "src", "core",
                                                   "mb-schema.sql", NULL);
  g_autofree char *schema = NULL;
  sqlite3 *db;
  Stopwatch w;

  remove_library (path);
  if (!g_file_get_contents (schema_path, &schema, NULL, &error))
    g_error ("%s", error->message);
  sqlite3_open (path, &db);
  sqlite3_exec (db, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;"
                    " PRAGMA synchronous = FULL", NULL, NULL, NULL);
  sqlite3_exec (db, schema, NULL, NULL, NULL);
  if (cache_kib > 0)
    {
      g_autofree char *cache = g_strdup_printf ("PRAGMA cache_size = -%d", cache_kib);
      sqlite3_exec (db, cache, NULL, NULL, NULL);
    }

  w = stopwatch_start ();
  sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (!mb_generate_rows (db, size, 1, &error))
    g_error ("%s", error->message);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  stopwatch_stop (w, wall, cpu);
  sqlite3_close (db);
}

static gboolean
generate_cb (MbStore   *store,
             sqlite3   *db,
             gpointer   user_data,
             GError   **error)
{
  return mb_generate_rows (db, size, 1, error);
}

/* Through the store: one action, with undo and search index; as a batch
 * action (after) or an ordinary one (before). The batch run also times the
 * undo and the redo of that step when @undo is not NULL. */
static void
store_insert (const char *path,
              gboolean    batch,
              GArray     *wall,
              GArray     *cpu,
              GArray     *undo,
              GArray     *redo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) store = NULL;
  Stopwatch w;

  remove_library (path);
  store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  w = stopwatch_start ();
  if (!(batch ? mb_store_run_batch_action : mb_store_run_action) (store, "Generate", generate_cb,
                                                                   NULL, &error))
    g_error ("%s", error->message);
  stopwatch_stop (w, wall, cpu);

  if (undo == NULL)
    return;
  w = stopwatch_start ();
  if (!mb_store_undo (store, &error))
    g_error ("%s", error->message);
  stopwatch_stop (w, undo, NULL);
  w = stopwatch_start ();
  if (!mb_store_redo (store, &error))
    g_error ("%s", error->message);
  stopwatch_stop (w, redo, NULL);
}

#define NEW_ARRAY() g_array_new (FALSE, FALSE, sizeof (double))

/* Times the chain up and down of each sampled node, by the index or by the
 * recursive SQL; returns the longest chain. */
static guint
time_chains (MbStore   *store,
             GPtrArray *sample,
             gboolean   sql,
             GArray    *times,
             GArray    *cpu)
{
  g_autoptr(GError) error = NULL;
  guint longest = 0;

  for (guint i = 0; i < sample->len; i++)
    {
      g_auto(GStrv) up = NULL;
      g_auto(GStrv) down = NULL;
      Stopwatch w = stopwatch_start ();

      if (!(sql ? _mb_store_query_chain_sql : mb_store_query_chain)
            (store, mb_record_get_id (sample->pdata[i]), MB_CHAIN_INCLUDE_TREE, &up, &down,
             &error))
        g_error ("%s", error->message);
      stopwatch_stop (w, times, cpu);
      longest = MAX (longest, g_strv_length (up) + g_strv_length (down));
    }
  return longest;
}

/* An edit of each sampled node, then its chain up and down, as the canvas
 * asks for it right after the commit. With @link the edit is a new link
 * from the node to the next sampled one (undone after the query; a link the
 * store refuses, a cycle or one it has, is passed over), else the node is
 * pinned on the canvas. */
static void
time_chains_after_edits (MbStore   *store,
                         GPtrArray *sample,
                         gboolean   link,
                         GArray    *edit_times,
                         GArray    *times)
{
  for (guint i = 0; i < sample->len; i++)
    {
      const char *id = mb_record_get_id (sample->pdata[i]);
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) up = NULL;
      g_auto(GStrv) down = NULL;
      Stopwatch w = stopwatch_start ();

      if (link)
        {
          g_autofree char *link_id = mb_store_create_link (
            store, id, mb_record_get_id (sample->pdata[(i + 1) % sample->len]), NULL, &error);

          if (link_id == NULL)
            continue;
        }
      else if (!mb_store_pin_node (store, id, TRUE, 100.0 + i, 200.0, &error))
        g_error ("%s", error->message);
      stopwatch_stop (w, edit_times, NULL);

      w = stopwatch_start ();
      if (!mb_store_query_chain (store, id, MB_CHAIN_INCLUDE_TREE, &up, &down, &error))
        g_error ("%s", error->message);
      stopwatch_stop (w, times, NULL);
      if (link && !mb_store_undo (store, &error))
        g_error ("%s", error->message);
    }
}

static void
print_row (const char *what,
           GArray     *wall,
           GArray     *cpu)
{
  g_print ("%-50s %10.2f %10.2f", what, mb_bench_median (wall), mb_bench_max (wall));
  if (cpu)
    g_print (" %10.1f", mb_bench_median (cpu));
  g_print ("\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  gboolean small = FALSE;
  gboolean skip_insert = FALSE;
  int runs = 3;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of the bulk inserts (default 3)", "N" },
    { "small", 0, 0, G_OPTION_ARG_NONE, &small, "Use the small library", NULL },
    { "skip-insert", 0, 0, G_OPTION_ARG_NONE, &skip_insert, "Only the queries", NULL },
    { NULL }
  };
  g_autofree char *raw_path = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *lib_path = NULL;
  g_autofree char *biggest = NULL;
  g_autoptr(GArray) raw = NEW_ARRAY ();
  g_autoptr(GArray) raw_cpu = NEW_ARRAY ();
  g_autoptr(GArray) raw_cache = NEW_ARRAY ();
  g_autoptr(GArray) raw_cache_cpu = NEW_ARRAY ();
  g_autoptr(GArray) plain = NEW_ARRAY ();
  g_autoptr(GArray) plain_cpu = NEW_ARRAY ();
  g_autoptr(GArray) batch = NEW_ARRAY ();
  g_autoptr(GArray) batch_cpu = NEW_ARRAY ();
  g_autoptr(GArray) undo = NEW_ARRAY ();
  g_autoptr(GArray) redo = NEW_ARRAY ();
  g_autoptr(GArray) open_tree = NEW_ARRAY ();
  g_autoptr(GArray) list_model = NEW_ARRAY ();
  g_autoptr(GArray) chain_sql = NEW_ARRAY ();
  g_autoptr(GArray) chain_sql_cpu = NEW_ARRAY ();
  g_autoptr(GArray) chain_cpu = NEW_ARRAY ();
  g_autoptr(GArray) chain_build = NEW_ARRAY ();
  g_autoptr(GArray) chain_build_cpu = NEW_ARRAY ();
  g_autoptr(GArray) chain = NEW_ARRAY ();
  g_autoptr(GArray) pin = NEW_ARRAY ();
  g_autoptr(GArray) chain_after_pin = NEW_ARRAY ();
  g_autoptr(GArray) link = NEW_ARRAY ();
  g_autoptr(GArray) chain_after_link = NEW_ARRAY ();
  g_autoptr(GArray) search = NEW_ARRAY ();
  g_autoptr(MbStore) store = NULL;
  g_autoptr(GPtrArray) sample = NULL;
  const char *queries[] = { "energi", "skog vatten", "N0012", "Projekt 5", "2.3" };
  guint tree_len = 0, chain_len = 0, chain_len_sql = 0;
  gint64 n_nodes;

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

  /* Interleaved, so that a change in the machine's load hits all three. */
  for (int i = 0; i < runs && !skip_insert; i++)
    {
      raw_insert (raw_path, 0, raw, raw_cpu);
      raw_insert (raw_path, 65536, raw_cache, raw_cache_cpu);
      store_insert (store_path, FALSE, plain, plain_cpu, NULL, NULL);
      store_insert (store_path, TRUE, batch, batch_cpu, i == 0 ? undo : NULL,
                    i == 0 ? redo : NULL);
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
      Stopwatch w = stopwatch_start ();

      s = mb_store_open (lib_path, MB_STORE_OPEN_NONE, &error);
      tree = mb_store_query_tree (s, biggest, &error);
      stopwatch_stop (w, open_tree, NULL);
      tree_len = tree->len;

      w = stopwatch_start ();
      model = mb_store_list_nodes (s, biggest);
      stopwatch_stop (w, list_model, NULL);
    }

  /* The index is built by the first chain query of a store; each fresh
   * store measures that build once. */
  for (int i = 0; i < runs; i++)
    {
      g_autoptr(MbStore) s = mb_store_open (lib_path, MB_STORE_OPEN_NONE, &error);
      g_autoptr(GPtrArray) one = g_ptr_array_new ();

      g_ptr_array_add (one, sample->pdata[i % sample->len]);
      time_chains (s, one, FALSE, chain_build, chain_build_cpu);
    }
  store = mb_store_open (lib_path, MB_STORE_OPEN_NONE, &error);
  chain_len_sql = time_chains (store, sample, TRUE, chain_sql, chain_sql_cpu);
  time_chains (store, sample, FALSE, chain, NULL);  /* builds the index first */
  g_array_set_size (chain, 0);
  chain_len = time_chains (store, sample, FALSE, chain, chain_cpu);
  if (chain_len != chain_len_sql)
    g_error ("The chain index and the SQL disagree: %u vs %u nodes", chain_len, chain_len_sql);
  {
    g_autoptr(GPtrArray) few = g_ptr_array_new ();

    for (guint i = 0; i < MIN (sample->len, 10); i++)
      g_ptr_array_add (few, sample->pdata[i]);
    for (int i = 0; i < runs; i++)
      {
        time_chains_after_edits (store, few, FALSE, pin, chain_after_pin);
        time_chains_after_edits (store, few, TRUE, link, chain_after_link);
      }
  }

  for (int i = 0; i < runs * 5; i++)
    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      {
        g_autoptr(GPtrArray) hits = NULL;
        Stopwatch w = stopwatch_start ();

        hits = mb_store_search (store, queries[q], 50, &error);
        stopwatch_stop (w, search, NULL);
      }

  g_print ("\n%-50s %10s %10s %10s\n", "Measure", "median ms", "max ms", "CPU ms");
  if (!skip_insert)
    {
      print_row ("bulk insert, raw SQLite (same rows)", raw, raw_cpu);
      print_row ("bulk insert, raw SQLite, 64 MiB page cache", raw_cache, raw_cache_cpu);
      print_row ("bulk insert, store, before: ordinary action", plain, plain_cpu);
      print_row ("bulk insert, store, after: batch action", batch, batch_cpu);
      g_print ("%-50s %9.2fx %9.2fx\n", "  before / raw (wall, CPU)",
               mb_bench_median (plain) / mb_bench_median (raw), mb_bench_median (plain_cpu) / mb_bench_median (raw_cpu));
      g_print ("%-50s %9.2fx %9.2fx\n", "  after / raw (wall, CPU)",
               mb_bench_median (batch) / mb_bench_median (raw), mb_bench_median (batch_cpu) / mb_bench_median (raw_cpu));
      g_print ("%-50s %9.2fx %9.2fx\n", "  after / raw with the same cache (wall, CPU)",
               mb_bench_median (batch) / mb_bench_median (raw_cache),
               mb_bench_median (batch_cpu) / mb_bench_median (raw_cache_cpu));
      print_row ("  undo of the batch (one run)", undo, NULL);
      print_row ("  redo of the batch (one run)", redo, NULL);
    }
  print_row ("open + tree of biggest strategy", open_tree, NULL);
  g_print ("  (%u nodes in that strategy)\n", tree_len);
  print_row ("list model of that strategy's nodes", list_model, NULL);
  print_row ("chain up + down, before: recursive SQL", chain_sql, chain_sql_cpu);
  print_row ("chain up + down, after: first query (builds)", chain_build, chain_build_cpu);
  print_row ("chain up + down, after: index", chain, chain_cpu);
  print_row ("edit: pin a node (its commit)", pin, NULL);
  print_row ("  chain up + down of that node right after", chain_after_pin, NULL);
  print_row ("edit: add a link from it (its commit)", link, NULL);
  print_row ("  chain up + down of that node right after", chain_after_link, NULL);
  g_print ("  (%u sampled nodes over %" G_GINT64_FORMAT " nodes; longest chain %u nodes)\n",
           sample->len, n_nodes, chain_len);
  print_row ("full-text search, 5 queries", search, NULL);

  g_clear_object (&store);
  remove_library (lib_path);
  g_rmdir (dir);
  return 0;
}
