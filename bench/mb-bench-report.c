/* mb-bench-report.c – the follow-up report of the large library's largest strategy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   mb-bench-report [--runs N] [--small] [--library PATH] [--keep DIR]
 *
 * Generates design.md's "large" library with seed 1 (or copies PATH), picks
 * its largest strategy and gives it a follow-up round for 2025 with an
 * assessment of every goal (seeded statuses and judgements) and 120
 * activities with organisations of every sector, so that every section of
 * the report is full. Then times, as medians and maxima of N runs (wall
 * clock) and the median CPU time, the report with every level and every
 * municipality:
 *  - "build": reading the library into the report's document (mb_report_build);
 *  - "PDF", "ODT", "HTML": writing the file from that document;
 *  - and the two together, as `malbild --report` does (the budget of
 *    design.md: < 2 s for PDF and ODT, < 1 s for HTML).
 * --keep DIR keeps the last run's files there, to look at, and the library.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "mb-follow-up.h"
#include "mb-report.h"
#include "mb-store-private.h"
#include "mb-bench-util.h"
#include "mb-generator.h"
#include "mb-report-write.h"

#define NEW_ARRAY() g_array_new (FALSE, FALSE, sizeof (double))

/* A round of 2025 with every goal assessed, and the year's activities. */
static void
fill_follow_up (MbStore    *store,
                const char *strategy_id)
{
  static const char * const statuses[] = { "on-track", "some-progress", "at-risk", "off-track",
                                            "not-assessable" };
  static const char * const kinds[] = { "workshop", "meeting", "pre-study", "peer-review",
                                        "call-published", "municipal-dialogue", "network",
                                        "decision", "other" };
  static const char * const sectors[] = { "public", "business", "academia", "civil-society" };
  sqlite3 *db = mb_store_get_db (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *round_id = mb_follow_up_create_round (store, strategy_id, 2025, &error);
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GPtrArray) organisations = g_ptr_array_new_with_free_func (g_free);
  GRand *rand = g_rand_new_with_seed (1);
  const char *now = "2026-03-01T00:00:00.000Z";

  if (round_id == NULL)
    g_error ("%s", error->message);
  nodes = _mb_store_query_records (db, &error, "nodes",
                                   "SELECT id FROM nodes WHERE strategy_id = ? ORDER BY id",
                                   "s", strategy_id);
  if (nodes == NULL)
    g_error ("%s", error->message);

  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  for (guint i = 0; i < nodes->len; i++)
    {
      g_autofree char *id = mb_store_new_id ();
      g_autofree char *judgement = g_strdup_printf ("Bedömning %u: arbetet går framåt i de flesta "
                                                    "kommuner, men indikatorerna visar skillnader "
                                                    "mellan kvinnor och män som behöver följas.",
                                                    i + 1);

      if (!_mb_store_exec (db, &error, "INSERT INTO assessments (id, round_id, node_id, status,"
                                       " judgement, assessed_by, assessed_on, created, modified)"
                                       " VALUES (?, ?, ?, ?, ?, 'Strateg', '2026-02-10', ?, ?)",
                           "sssssss", id, round_id, mb_record_get_id (nodes->pdata[i]),
                           statuses[g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses))],
                           judgement, now, now))
        g_error ("%s", error->message);
    }
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *id = mb_store_new_id ();
      g_autofree char *name = g_strdup_printf ("Organisation %u", i + 1);

      if (!_mb_store_exec (db, &error, "INSERT INTO organisations (id, name, sector, created,"
                                       " modified) VALUES (?, ?, ?, ?, ?)", "sssss", id, name,
                           sectors[i % G_N_ELEMENTS (sectors)], now, now))
        g_error ("%s", error->message);
      g_ptr_array_add (organisations, g_steal_pointer (&id));
    }
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *id = mb_store_new_id ();
      g_autofree char *title = g_strdup_printf ("Aktivitet %u", i + 1);
      g_autofree char *period = g_strdup_printf ("2025-%02d", 1 + i % 12);

      if (!_mb_store_exec (db, &error, "INSERT INTO activities (id, strategy_id, kind, title,"
                                       " start_period, participants, created, modified)"
                                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "ssssssss", id,
                           strategy_id, kinds[i % G_N_ELEMENTS (kinds)], title, period,
                           i % 3 == 0 ? NULL : "12", now, now))
        g_error ("%s", error->message);
      for (guint k = 0; k < 3; k++)
        _mb_store_exec (db, NULL, "INSERT OR IGNORE INTO activity_organisations (activity_id,"
                                  " organisation_id) VALUES (?, ?)", "ss", id,
                        (char *) g_ptr_array_index (organisations,
                                                    g_rand_int_range (rand, 0, organisations->len)));
      _mb_store_exec (db, NULL, "INSERT OR IGNORE INTO activity_nodes (activity_id, node_id)"
                                " VALUES (?, ?)", "ss", id,
                      mb_record_get_id (nodes->pdata[g_rand_int_range (rand, 0, nodes->len)]));
    }
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  g_rand_free (rand);
  g_print ("%u goals assessed, 120 activities of 40 organisations\n", nodes->len);
}

static MbReportDoc *
build (MbStore     *store,
       MbCatalogue *catalogue,
       const char  *strategy_id)
{
  MbReportOptions options = { .strategy_id = strategy_id, .year = 2025,
                              .language = MB_REPORT_LANGUAGE_SWEDISH, .catalogue = catalogue };
  g_autoptr(GError) error = NULL;
  MbReportDoc *doc = mb_report_build (store, &options, NULL, &error);

  if (doc == NULL)
    g_error ("%s", error->message);
  return doc;
}

int
main (int   argc,
      char *argv[])
{
  static const char * const extensions[] = { "pdf", "odt", "html" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  gboolean small = FALSE;
  int runs = 5;
  g_autofree char *library = NULL;
  g_autofree char *keep = NULL;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each measure (default 5)", "N" },
    { "small", 0, 0, G_OPTION_ARG_NONE, &small, "Use the small library", NULL },
    { "library", 0, 0, G_OPTION_ARG_FILENAME, &library, "Copy and use this library", "PATH" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Keep the last reports in DIR", "DIR" },
    { NULL }
  };
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *strategy = NULL;
  g_autoptr(MbStore) store = NULL;
  g_autoptr(MbCatalogue) catalogue = NULL;
  g_autoptr(GArray) build_wall = NEW_ARRAY ();
  g_autoptr(GArray) build_cpu = NEW_ARRAY ();
  GArray *wall[G_N_ELEMENTS (extensions)];
  GArray *cpu[G_N_ELEMENTS (extensions)];
  guint n_blocks = 0;
  gint64 n_nodes;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("mb-bench-report: %s\n", error->message);
      return 2;
    }
  runs = MAX (runs, 1);
  for (guint f = 0; f < G_N_ELEMENTS (extensions); f++)
    {
      wall[f] = NEW_ARRAY ();
      cpu[f] = NEW_ARRAY ();
    }

  path = mb_generate_bench_library (library, small, &dir);
  store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  catalogue = mb_catalogue_new_default (NULL);
  strategy = mb_generate_pick_largest_strategy (store);
  n_nodes = _mb_store_query_int (mb_store_get_db (store),
                                 "SELECT count(*) FROM nodes WHERE strategy_id = ?", "s",
                                 strategy);
  g_print ("The largest strategy: %" G_GINT64_FORMAT " nodes\n", n_nodes);
  fill_follow_up (store, strategy);

  for (int r = 0; r < runs; r++)
    {
      double w0 = mb_bench_now_ms (), c0 = mb_bench_cpu_ms ();
      double w, c;
      g_autoptr(MbReportDoc) doc = build (store, catalogue, strategy);

      w = mb_bench_now_ms () - w0;
      c = mb_bench_cpu_ms () - c0;
      g_array_append_val (build_wall, w);
      g_array_append_val (build_cpu, c);
      n_blocks = doc->blocks->len;

      for (guint f = 0; f < G_N_ELEMENTS (extensions); f++)
        {
          g_autofree char *name = g_strdup_printf ("report.%s", extensions[f]);
          g_autofree char *out = g_build_filename (keep ? keep : dir, name, NULL);

          w0 = mb_bench_now_ms ();
          c0 = mb_bench_cpu_ms ();
          if (!mb_report_write (doc, out, NULL, &error))
            g_error ("%s", error->message);
          w = mb_bench_now_ms () - w0;
          c = mb_bench_cpu_ms () - c0;
          g_array_append_val (wall[f], w);
          g_array_append_val (cpu[f], c);
          if (keep == NULL)
            g_unlink (out);
        }
    }

  /* The library too, to profile `malbild --report` on it. */
  if (keep != NULL)
    {
      g_autofree char *copy = g_build_filename (keep, "library.malbild", NULL);
      g_autoptr(GFile) from = g_file_new_for_path (path);
      g_autoptr(GFile) to = g_file_new_for_path (copy);

      _mb_store_exec (mb_store_get_db (store), NULL, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
      if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
    }

  g_print ("%u blocks in the report\n", n_blocks);
  g_print ("%-40s %10s %10s %10s\n", "ms", "median", "max", "cpu");
  mb_bench_print_row ("build the document", build_wall, build_cpu);
  mb_bench_print_row ("write the PDF", wall[0], cpu[0]);
  mb_bench_print_row ("write the ODT", wall[1], cpu[1]);
  mb_bench_print_row ("write the HTML", wall[2], cpu[2]);
  /* What `malbild --report` takes: both, one after the other. */
  for (guint f = 0; f < G_N_ELEMENTS (extensions); f++)
    {
      g_autofree char *what = g_strdup_printf ("%s in all (build + write, medians)", extensions[f]);

      g_print ("%-40s %10.1f %10s %10.1f\n", what,
               mb_bench_median (build_wall) + mb_bench_median (wall[f]), "",
               mb_bench_median (build_cpu) + mb_bench_median (cpu[f]));
    }
  for (guint f = 0; f < G_N_ELEMENTS (extensions); f++)
    {
      g_array_unref (wall[f]);
      g_array_unref (cpu[f]);
    }

  g_clear_object (&store);
  mb_generate_remove_dir (dir);
  return 0;
}
