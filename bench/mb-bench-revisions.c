/* mb-bench-revisions.c – taking and comparing revisions of a 2,000-node strategy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   mb-bench-revisions [--runs N] [--nodes N]
 *
 * Generates a library of one strategy (seed 1) of N nodes (2,000), three
 * links per node, 300 indicators with targets, 100 projects, and measures,
 * as medians and maxima of N runs (wall clock) and the median CPU time:
 *  - "first revision": taking the strategy's first revision (every chunk new);
 *  - "revision after one edit": a node renamed, then a revision taken;
 *  - "compare with now, 20 edits": a revision against the strategy after 10
 *    renames, 5 deleted links and 5 changed targets (each run on a fresh
 *    revision);
 *  - "compare two revisions": the same 20 edits between two revisions;
 * and the storage an unchanged revision adds: its own bytes (manifest and
 * chunks no other revision holds) and the file's growth, against the
 * strategy's rows as the revision writes them (its first revision's chunks).
 * Budgets (issue 16): snapshot and compare < 200 ms, storage per unchanged
 * revision < 10 % of the strategy.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "mb-core.h"
#include "mb-store-private.h"
#include "mb-bench-util.h"
#include "mb-generator.h"

#define NEW_ARRAY() g_array_new (FALSE, FALSE, sizeof (double))

static gint64
file_bytes (MbStore *store)
{
  sqlite3 *db = mb_store_get_db (store);

  sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  return _mb_store_query_int (db, "SELECT page_count * page_size FROM pragma_page_count,"
                                  " pragma_page_size", NULL) -
         _mb_store_query_int (db, "SELECT freelist_count * page_size FROM pragma_freelist_count,"
                                  " pragma_page_size", NULL);
}

static void
rename_node (MbStore    *store,
             const char *id,
             const char *title)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, title);
  if (!mb_store_set_field (store, "nodes", id, "title", &value, &error))
    g_error ("%s", error->message);
}

/* Ten renames, five links deleted, five targets changed. */
static void
edit (MbStore    *store,
      const char *strategy_id,
      int         round)
{
  sqlite3 *db = mb_store_get_db (store);
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GError) error = NULL;

  nodes = _mb_store_query_records (db, &error, "nodes", "SELECT id FROM nodes WHERE"
                                   " strategy_id = ? ORDER BY random() LIMIT 10", "s", strategy_id);
  links = _mb_store_query_records (db, &error, "links", "SELECT l.id FROM links l JOIN nodes n"
                                   " ON n.id = l.from_node_id WHERE n.strategy_id = ?"
                                   " ORDER BY random() LIMIT 5", "s", strategy_id);
  targets = _mb_store_query_records (db, &error, "indicator_targets",
                                     "SELECT indicator_id AS id, year FROM indicator_targets"
                                     " ORDER BY random() LIMIT 5", NULL);
  if (nodes == NULL || links == NULL || targets == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < nodes->len; i++)
    {
      g_autofree char *title = g_strdup_printf ("Renamed %d.%u", round, i);

      rename_node (store, mb_record_get_id (g_ptr_array_index (nodes, i)), title);
    }
  for (guint i = 0; i < links->len; i++)
    if (!mb_store_delete (store, "links", mb_record_get_id (g_ptr_array_index (links, i)), &error))
      g_error ("%s", error->message);
  for (guint i = 0; i < targets->len; i++)
    {
      MbRecord *t = g_ptr_array_index (targets, i);

      g_free (mb_store_set_target_with_reason (store, mb_record_get_id (t),
                                               (int) mb_record_get_int (t, "year"),
                                               1000 + round * 10 + i,
                                               "Omprövat vid revideringen (benchmark)",
                                               &error));
      if (error != NULL)
        g_error ("%s", error->message);
    }
}

static char *
take (MbStore    *store,
      const char *strategy_id,
      const char *name,
      GArray     *wall,
      GArray     *cpu)
{
  g_autoptr(GError) error = NULL;
  double t0 = mb_bench_now_ms (), c0 = mb_bench_cpu_ms ();
  char *id = mb_store_take_revision (store, strategy_id, name, &error);
  double t1 = mb_bench_now_ms (), c1 = mb_bench_cpu_ms ();

  if (id == NULL)
    g_error ("%s", error->message);
  if (wall != NULL)
    {
      g_array_append_vals (wall, &(double) { t1 - t0 }, 1);
      g_array_append_vals (cpu, &(double) { c1 - c0 }, 1);
    }
  return id;
}

static guint
compare (MbStore    *store,
         const char *strategy_id,
         const char *from,
         const char *to,
         GArray     *wall,
         GArray     *cpu)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  double t0 = mb_bench_now_ms (), c0 = mb_bench_cpu_ms ();
  double t1, c1;

  changes = mb_store_compare_revisions (store, strategy_id, from, to, &error);
  t1 = mb_bench_now_ms ();
  c1 = mb_bench_cpu_ms ();
  if (changes == NULL)
    g_error ("%s", error->message);
  g_array_append_vals (wall, &(double) { t1 - t0 }, 1);
  g_array_append_vals (cpu, &(double) { c1 - c0 }, 1);
  return changes->len;
}

int
main (int   argc,
      char *argv[])
{
  gint runs = 7, n_nodes = 2000;
  GOptionEntry entries[] = {
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Runs to take the median of (7)", "N" },
    { "nodes", 'n', 0, G_OPTION_ARG_INT, &n_nodes, "Nodes in the strategy (2000)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("– time revisions");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(MbStore) store = NULL;
  g_autofree char *strategy_id = NULL;
  g_autofree char *first = NULL;
  g_autoptr(GArray) first_wall = NEW_ARRAY (), first_cpu = NEW_ARRAY ();
  g_autoptr(GArray) take_wall = NEW_ARRAY (), take_cpu = NEW_ARRAY ();
  g_autoptr(GArray) now_wall = NEW_ARRAY (), now_cpu = NEW_ARRAY ();
  g_autoptr(GArray) two_wall = NEW_ARRAY (), two_cpu = NEW_ARRAY ();
  g_autoptr(GArray) same_wall = NEW_ARRAY (), same_cpu = NEW_ARRAY ();
  MbGenerateSize size = { 1, 0, 0, 300, 3000, 100 };
  gint64 text_bytes, own, before, after;
  guint n_changes = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1 || n_nodes < 10)
    {
      g_printerr ("%s\n", error ? error->message : "--runs and --nodes must be positive");
      return 2;
    }
  size.nodes = (guint) n_nodes;
  size.links = (guint) n_nodes * 3;

  dir = g_dir_make_tmp ("malbild-bench-revisions-XXXXXX", &error);
  path = g_build_filename (dir, "library.malbild", NULL);
  if (dir == NULL || !mb_generate_library (path, &size, 1, &error) ||
      (store = mb_store_open (path, MB_STORE_OPEN_NONE, &error)) == NULL)
    g_error ("%s", error->message);
  strategy_id = mb_generate_pick_largest_strategy (store);
  g_print ("Strategy of %d nodes, %d links; %d runs\n",
           (int) _mb_store_query_int (mb_store_get_db (store), "SELECT count(*) FROM nodes", NULL),
           (int) _mb_store_query_int (mb_store_get_db (store), "SELECT count(*) FROM links", NULL),
           runs);

  for (gint r = 0; r < runs; r++)
    {
      g_autofree char *name = g_strdup_printf ("First %d", r);
      g_autofree char *id = take (store, strategy_id, name, first_wall, first_cpu);

      /* Undone, so that the next run's chunks are new again. */
      if (!mb_store_undo (store, &error))
        g_error ("%s", error->message);
    }
  first = take (store, strategy_id, "Adopted", NULL, NULL);
  text_bytes = _mb_store_query_int (mb_store_get_db (store),
                                    "SELECT sum(length(data)) FROM revision_chunks", NULL);

  for (gint r = 0; r < runs; r++)
    {
      g_autofree char *name = g_strdup_printf ("After edit %d", r);
      g_autofree char *node = _mb_store_query_text (mb_store_get_db (store),
                                                    "SELECT id FROM nodes ORDER BY random()"
                                                    " LIMIT 1", NULL);
      g_autofree char *title = g_strdup_printf ("One edit %d", r);

      rename_node (store, node, title);
      g_free (take (store, strategy_id, name, take_wall, take_cpu));
    }

  for (gint r = 0; r < runs; r++)
    {
      g_autofree char *name = g_strdup_printf ("Before %d", r);
      g_autofree char *name2 = g_strdup_printf ("After %d", r);
      g_autofree char *from = take (store, strategy_id, name, NULL, NULL);
      g_autofree char *to = NULL;

      compare (store, strategy_id, from, NULL, same_wall, same_cpu);
      edit (store, strategy_id, r);
      n_changes = compare (store, strategy_id, from, NULL, now_wall, now_cpu);
      to = take (store, strategy_id, name2, NULL, NULL);
      compare (store, strategy_id, from, to, two_wall, two_cpu);
    }

  before = file_bytes (store);
  {
    g_autofree char *unchanged = take (store, strategy_id, "Unchanged", NULL, NULL);

    after = file_bytes (store);
    own = mb_store_get_revision_own_size (store, unchanged, &error);
  }

  g_print ("\n%-44s %10s %10s %10s\n", "measure", "median ms", "max ms", "CPU ms");
  mb_bench_print_row ("first revision (every chunk new)", first_wall, first_cpu);
  mb_bench_print_row ("revision after one edit", take_wall, take_cpu);
  mb_bench_print_row ("compare with now, nothing changed", same_wall, same_cpu);
  mb_bench_print_row ("compare with now, 20 edits", now_wall, now_cpu);
  mb_bench_print_row ("compare two revisions, 20 edits", two_wall, two_cpu);
  g_print ("\n(the 20 edits give %u changes)\n", n_changes);
  g_print ("strategy's rows as a revision writes them: %.1f KiB\n", text_bytes / 1024.0);
  g_print ("an unchanged revision: its own bytes %.1f KiB (%.1f %%), the file grew %.1f KiB (%.1f %%)\n",
           own / 1024.0, 100.0 * own / text_bytes, (after - before) / 1024.0,
           100.0 * (after - before) / text_bytes);

  g_clear_object (&store);
  mb_generate_remove_dir (dir);
  return 0;
}
