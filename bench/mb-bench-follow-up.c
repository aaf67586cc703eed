/* mb-bench-follow-up.c – the follow-up view's data and the roadmap, for the largest strategy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   mb-bench-follow-up [--runs N] [--small] [--library PATH]
 *
 * Generates design.md's "large" library with seed 1 (or copies PATH), picks
 * its largest strategy, and gives every node of that strategy below the top
 * two levels a time plan and a status (seeded: a year, a half-year, a
 * quarter or a month from 2020 to 2030, a quarter of them open-ended), so
 * that the roadmap has as many items as a strategy can have.
 *
 * Times, as medians and maxima of N runs (wall clock) and the median CPU time:
 *  - "follow-up view": what the view computes on opening a year, by its own
 *    calls: the goals' tree with the figures of their indicators and a
 *    suggested status for every goal (mb_follow_up_list_goals), and the
 *    year's activity summary;
 *  - "roadmap": the roadmap's query and layout, and drawing it whole to a
 *    recording surface (the first frame of the view, all rows at once).
 */

#include "config.h"

#include <math.h>
#include <cairo.h>
#include <glib/gstdio.h>

#include "core/mb-assessment.h"
#include "core/mb-core.h"
#include "core/mb-follow-up.h"
#include "core/mb-follow-up-goals.h"
#include "core/mb-indicator-stats.h"
#include "core/mb-roadmap.h"
#include "core/mb-store-private.h"
#include "mb-bench-util.h"
#include "mb-generator.h"
#include "mb-roadmap-render.h"

#define NEW_ARRAY() g_array_new (FALSE, FALSE, sizeof (double))

/* Time plans on every node below the top two levels of @strategy_id. */
static void
plan_nodes (MbStore    *store,
            const char *strategy_id)
{
  static const char * const statuses[] = { "planned", "ongoing", "done", "paused" };
  sqlite3 *db = mb_store_get_db (store);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  GRand *rand = g_rand_new_with_seed (1);

  ids = _mb_store_query_records (db, &error, "nodes",
                                 "SELECT n.id FROM nodes n JOIN levels l ON l.id = n.level_id"
                                 " WHERE n.strategy_id = ? AND l.position >= 2 ORDER BY n.id",
                                 "s", strategy_id);
  if (ids == NULL)
    g_error ("%s", error->message);
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  for (guint i = 0; i < ids->len; i++)
    {
      int year = g_rand_int_range (rand, 2020, 2031);
      int kind = g_rand_int_range (rand, 0, 4);
      g_autofree char *start = g_strdup_printf ("%d", year);
      g_autofree char *end = NULL;

      switch (kind)
        {
        case 0:
          end = g_strdup_printf ("%d", year + g_rand_int_range (rand, 0, 4));
          break;
        case 1:
          end = g_strdup_printf ("%d-H%d", year + 1, g_rand_int_range (rand, 1, 3));
          break;
        case 2:
          end = g_strdup_printf ("%d-Q%d", year, g_rand_int_range (rand, 1, 5));
          break;
        default:
          end = g_rand_boolean (rand) ? g_strdup_printf ("%d-%02d", year + 1,
                                                         g_rand_int_range (rand, 1, 13))
                                      : NULL;
          break;
        }
      if (!_mb_store_exec (db, &error, "UPDATE nodes SET start_date = ?, end_date = ?,"
                                       " status = ? WHERE id = ?", "ssss",
                           start, end, statuses[g_rand_int_range (rand, 0, 4)],
                           mb_record_get_id (ids->pdata[i])))
        g_error ("%s", error->message);
    }
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  g_rand_free (rand);
  g_print ("%u nodes of the strategy given time plans\n", ids->len);
}

/* What the follow-up view computes when it opens a year: the goals with
 * their suggestions (mb_follow_up_list_goals(), the view's own call) and
 * the year's activity summary. */
static guint
follow_up_data (MbStore    *store,
                const char *strategy_id,
                int         year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) goals = mb_follow_up_list_goals (store, strategy_id, NULL, year, &error);
  g_autoptr(MbActivitySummary) activities = NULL;
  guint suggested = 0;

  if (goals == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < goals->len; i++)
    {
      MbFollowUpGoal *goal = g_ptr_array_index (goals, i);

      suggested += goal->suggestion != NULL &&
                   goal->suggestion->status != MB_ASSESSMENT_NOT_ASSESSABLE;
    }
  activities = mb_follow_up_summarise_activities (store, strategy_id, year, &error);
  if (activities == NULL)
    g_error ("%s", error->message);
  return suggested;
}

static guint
roadmap_frame (MbStore    *store,
               const char *strategy_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbRoadmap) roadmap = mb_roadmap_query (store, strategy_id, MB_ROADMAP_BY_PARENT,
                                                   NULL, 0, NULL, NULL, &error);
  MbRoadmapLayout layout;
  MbCanvasPalette palette;
  cairo_surface_t *surface;
  cairo_t *cr;

  if (roadmap == NULL)
    g_error ("%s", error->message);
  mb_roadmap_layout (roadmap, &layout);
  mb_canvas_palette_init (&palette, FALSE);
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                            &(cairo_rectangle_t) { 0, 0, layout.width,
                                                                   layout.height });
  cr = cairo_create (surface);
  mb_roadmap_render (cr, roadmap, &layout, &palette);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return roadmap->n_items;
}

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
    { "library", 0, 0, G_OPTION_ARG_FILENAME, &library, "Copy and use this library", "PATH" },
    { NULL }
  };
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *strategy = NULL;
  g_autoptr(MbStore) store = NULL;
  g_autoptr(GArray) view = NEW_ARRAY ();
  g_autoptr(GArray) view_cpu = NEW_ARRAY ();
  g_autoptr(GArray) map = NEW_ARRAY ();
  g_autoptr(GArray) map_cpu = NEW_ARRAY ();
  guint n_suggested = 0, n_items = 0;
  gint64 n_nodes;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("mb-bench-follow-up: %s\n", error->message);
      return 2;
    }
  runs = MAX (runs, 1);

  path = mb_generate_bench_library (library, small, &dir);
  store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  strategy = mb_generate_pick_largest_strategy (store);
  n_nodes = _mb_store_query_int (mb_store_get_db (store),
                                 "SELECT count(*) FROM nodes WHERE strategy_id = ?", "s",
                                 strategy);
  g_print ("The largest strategy: %" G_GINT64_FORMAT " nodes\n", n_nodes);
  plan_nodes (store, strategy);

  for (int r = 0; r < runs; r++)
    {
      double w0 = mb_bench_now_ms (), c0 = mb_bench_cpu_ms ();
      double w, c;

      n_suggested = follow_up_data (store, strategy, 2025);
      w = mb_bench_now_ms () - w0;
      c = mb_bench_cpu_ms () - c0;
      g_array_append_val (view, w);
      g_array_append_val (view_cpu, c);

      w0 = mb_bench_now_ms ();
      c0 = mb_bench_cpu_ms ();
      n_items = roadmap_frame (store, strategy);
      w = mb_bench_now_ms () - w0;
      c = mb_bench_cpu_ms () - c0;
      g_array_append_val (map, w);
      g_array_append_val (map_cpu, c);
    }

  g_print ("%u goals with a suggested status, %u items on the roadmap\n", n_suggested, n_items);
  g_print ("%-40s %10s %10s %10s\n", "ms", "median", "max", "cpu");
  mb_bench_print_row ("follow-up view (tree, summaries, rule)", view, view_cpu);
  mb_bench_print_row ("roadmap (query, layout, whole drawing)", map, map_cpu);

  g_clear_object (&store);
  mb_generate_remove_dir (dir);
  return 0;
}
