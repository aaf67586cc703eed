/* mb-bench-contributions.c – "what contributes to the vision?" in the large library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   mb-bench-contributions [--runs N] [--small] [--library PATH]
 *
 * Generates design.md's "large" library with seed 1 (or uses PATH, which
 * must exist), picks the vision – the root node with the biggest chain
 * down (its tree and what links into it, transitively) – and times
 * mb_store_query_contributions() DOWN from it: "cold" is the first query of
 * a freshly opened store, which builds the chain index; "warm" a query on a
 * store that has it. Medians (and maxima) of N runs (default 5) of wall-clock
 * time, and the process's CPU time, which the machine's other work disturbs
 * less. Also the exports of the result, and the same query UP from a leaf.
 */

#include "config.h"

#include <string.h>
#include <time.h>
#include <glib/gstdio.h>

#include "mb-core.h"
#include "mb-generator.h"
#include "mb-store-private.h"
#include "mb-bench-util.h"

/* One query, timed into @wall and @cpu. */
static MbContributions *
timed_query (MbStore                   *store,
             const char                *node_id,
             MbContributionsDirection   direction,
             GArray                    *wall,
             GArray                    *cpu)
{
  g_autoptr(GError) error = NULL;
  double w0 = mb_bench_now_ms (), c0 = mb_bench_cpu_ms ();
  MbContributions *result = mb_store_query_contributions (store, node_id, direction, &error);
  double w = mb_bench_now_ms () - w0, c = mb_bench_cpu_ms () - c0;

  if (result == NULL)
    g_error ("%s", error->message);
  g_array_append_val (wall, w);
  g_array_append_val (cpu, c);
  return result;
}

static void
print_row (const char *what,
           GArray     *wall,
           GArray     *cpu)
{
  g_print ("%-46s %10.2f %10.2f %10.2f\n", what, mb_bench_median (wall), mb_bench_max (wall), mb_bench_median (cpu));
}

#define NEW_ARRAY() g_array_new (FALSE, FALSE, sizeof (double))

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  gboolean small = FALSE;
  int runs = 5;
  g_autofree char *library = NULL;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each measure (default 5)", "N" },
    { "small", 0, 0, G_OPTION_ARG_NONE, &small, "Use the small library", NULL },
    { "library", 0, 0, G_OPTION_ARG_FILENAME, &library, "Use this library", "PATH" },
    { NULL }
  };
  const MbGenerateSize *size;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *vision = NULL;
  g_autofree char *leaf = NULL;
  g_autoptr(MbStore) store = NULL;
  g_autoptr(MbContributions) down = NULL;
  g_autoptr(MbContributions) up = NULL;
  g_autoptr(GArray) cold = NEW_ARRAY ();
  g_autoptr(GArray) cold_cpu = NEW_ARRAY ();
  g_autoptr(GArray) warm = NEW_ARRAY ();
  g_autoptr(GArray) warm_cpu = NEW_ARRAY ();
  g_autoptr(GArray) up_wall = NEW_ARRAY ();
  g_autoptr(GArray) up_cpu = NEW_ARRAY ();
  g_autoptr(GArray) csv = NEW_ARRAY ();
  g_autoptr(GArray) csv_cpu = NEW_ARRAY ();
  g_autoptr(GArray) json = NEW_ARRAY ();
  g_autoptr(GArray) json_cpu = NEW_ARRAY ();
  gint64 n_nodes, n_projects, n_strategies;
  GHashTable *strategies;
  gsize csv_len = 0, json_len = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("mb-bench-contributions: %s\n", error->message);
      return 2;
    }
  runs = MAX (runs, 1);
  size = small ? &mb_generate_small : &mb_generate_large;

  if (library == NULL)
    {
      dir = g_dir_make_tmp ("mb-bench-contributions-XXXXXX", &error);
      if (dir == NULL)
        g_error ("%s", error->message);
      path = g_build_filename (dir, "library.malbild", NULL);
      g_print ("Generating: %u strategies, %u nodes, %u links, %u indicators, "
               "%u measurements, %u projects\n", size->strategies, size->nodes, size->links,
               size->indicators, size->measurements, size->projects);
      if (!mb_generate_library (path, size, 1, &error))
        g_error ("%s", error->message);
    }
  else
    path = g_strdup (library);

  store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  vision = mb_generate_pick_vision (store);
  /* A leaf that contributes to something, for the way up. */
  leaf = _mb_store_query_text (mb_store_get_db (store),
    "SELECT n.id FROM nodes n WHERE NOT EXISTS (SELECT 1 FROM nodes c WHERE c.parent_id = n.id)"
    " AND EXISTS (SELECT 1 FROM links l WHERE l.from_node_id = n.id"
    "  AND l.kind = 'contributes-to') ORDER BY n.id LIMIT 1", NULL);
  n_nodes = _mb_store_query_int (mb_store_get_db (store), "SELECT count(*) FROM nodes", NULL);
  n_projects = _mb_store_query_int (mb_store_get_db (store), "SELECT count(*) FROM projects",
                                    NULL);
  n_strategies = _mb_store_query_int (mb_store_get_db (store),
                                      "SELECT count(*) FROM strategies", NULL);
  if (vision == NULL || leaf == NULL)
    g_error ("The library has no vision with contributions");
  g_clear_object (&store);

  /* Cold: the first query of a fresh store builds the chain index. */
  for (int i = 0; i < runs; i++)
    {
      g_autoptr(MbStore) fresh = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
      g_autoptr(MbContributions) result = NULL;

      if (fresh == NULL)
        g_error ("%s", error->message);
      result = timed_query (fresh, vision, MB_CONTRIBUTIONS_DOWN, cold, cold_cpu);
    }

  store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  {
    g_autoptr(GArray) first = NEW_ARRAY ();
    g_autoptr(GArray) first_cpu = NEW_ARRAY ();

    down = timed_query (store, vision, MB_CONTRIBUTIONS_DOWN, first, first_cpu);
  }
  for (int i = 0; i < runs; i++)
    {
      g_autoptr(MbContributions) result = NULL;

      result = timed_query (store, vision, MB_CONTRIBUTIONS_DOWN, warm, warm_cpu);
      if (result->nodes->len != down->nodes->len)
        g_error ("Two queries disagree: %u vs %u nodes", result->nodes->len, down->nodes->len);
    }
  for (int i = 0; i < runs; i++)
    {
      g_autoptr(MbContributions) result = timed_query (store, leaf, MB_CONTRIBUTIONS_UP,
                                                       up_wall, up_cpu);

      if (up == NULL)
        up = g_steal_pointer (&result);
    }
  for (int i = 0; i < runs; i++)
    {
      double w0 = mb_bench_now_ms (), c0 = mb_bench_cpu_ms (), w, c;
      g_autofree char *text = mb_contributions_to_csv (down);

      w = mb_bench_now_ms () - w0;
      c = mb_bench_cpu_ms () - c0;
      g_array_append_val (csv, w);
      g_array_append_val (csv_cpu, c);
      csv_len = strlen (text);

      w0 = mb_bench_now_ms ();
      c0 = mb_bench_cpu_ms ();
      g_clear_pointer (&text, g_free);
      text = mb_contributions_to_json (down);
      w = mb_bench_now_ms () - w0;
      c = mb_bench_cpu_ms () - c0;
      g_array_append_val (json, w);
      g_array_append_val (json_cpu, c);
      json_len = strlen (text);
    }

  strategies = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < down->nodes->len; i++)
    g_hash_table_add (strategies,
                      (gpointer) mb_record_get_string (down->nodes->pdata[i], "strategy_id"));

  g_print ("\nDOWN from the vision %s: %u of %" G_GINT64_FORMAT " nodes in %u of %"
           G_GINT64_FORMAT " strategies, %u of %" G_GINT64_FORMAT " projects, %u calls,"
           " %u indicators, %u funding sources; budget %.0f, funding %.0f\n",
           vision, down->nodes->len, n_nodes, g_hash_table_size (strategies), n_strategies,
           down->projects->len, n_projects, down->calls->len, down->indicators->len,
           down->funding->len, down->budget_total, down->funding_total);
  g_print ("UP from the leaf %s: %u nodes\n", leaf, up->nodes->len);
  g_hash_table_unref (strategies);

  g_print ("\n%-46s %10s %10s %10s\n", "Measure", "median ms", "max ms", "CPU ms");
  print_row ("contributions DOWN of the vision, cold", cold, cold_cpu);
  print_row ("contributions DOWN of the vision, warm", warm, warm_cpu);
  print_row ("contributions UP of a leaf, warm", up_wall, up_cpu);
  print_row ("CSV of the vision's DOWN", csv, csv_cpu);
  g_print ("  (%" G_GSIZE_FORMAT " bytes)\n", csv_len);
  print_row ("JSON of the vision's DOWN", json, json_cpu);
  g_print ("  (%" G_GSIZE_FORMAT " bytes)\n", json_len);

  g_clear_pointer (&down, mb_contributions_free);
  g_clear_pointer (&up, mb_contributions_free);
  g_clear_object (&store);
  if (dir != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_remove (path);
      g_remove (wal);
      g_remove (shm);
      g_rmdir (dir);
    }
  return 0;
}
