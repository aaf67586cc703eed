/* mb-bench-layout.c – how long dot takes to lay out a large strategy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates a seeded strategy (by default 2,000 nodes on 6 levels with
 * about 3 links per node, "contributes" links acyclic and pointing up the
 * levels) and reports the median wall time of mb_layout_run() over several
 * runs. Budget (design.md, issue 5): < 1.5 s in the canvas's worker.
 *
 *   mb-bench-layout [--nodes N] [--runs N] [--seed N] [--left-right]
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "mb-layout.h"
#include "mb-bench-util.h"

/* Share of the nodes on each level: a vision, a few goals, widening down to
 * many interventions, as in a regional development strategy. */
static const double level_share[] = { 0.0005, 0.004, 0.02, 0.09, 0.3, 0.5855 };
#define N_LEVELS G_N_ELEMENTS (level_share)

static MbLayoutGraph *
generate (guint32           seed,
          guint             n_nodes,
          MbLayoutDirection direction,
          GArray           *edge_ends,
          guint            *rank_of)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  MbLayoutGraph *graph = mb_layout_graph_new (direction);
  g_autofree guint *first = g_new0 (guint, N_LEVELS + 1);
  char id[32], other[32];
  guint placed = 0;

  /* Level r holds nodes first[r] .. first[r + 1] - 1, at least one each. */
  for (guint r = 0; r < N_LEVELS; r++)
    {
      guint count = MAX (1, (guint) (level_share[r] * n_nodes + 0.5));

      if (r == N_LEVELS - 1 || placed + count > n_nodes - (N_LEVELS - 1 - r))
        count = MAX (1, n_nodes - placed - (N_LEVELS - 1 - r));

      first[r] = placed;
      for (guint k = 0; k < count; k++)
        {
          g_snprintf (id, sizeof id, "n%u", placed);
          rank_of[placed] = r;
          mb_layout_graph_add_node (graph, id, 160 + 8 * g_rand_int_range (rand, 0, 6),
                                    64 + 8 * g_rand_int_range (rand, 0, 3), r);
          placed++;
        }
    }
  first[N_LEVELS] = placed;

  /* Per node about 3 links: two "contributes to" something a level up (now
   * and then two levels up), and one "depends on" or "conflicts with" a node
   * of its own or a neighbouring level. Contributions always point to a
   * lower level index, so they cannot form a cycle. */
  for (guint i = 0; i < placed; i++)
    {
      guint r = rank_of[i];

      g_snprintf (id, sizeof id, "n%u", i);

      if (r > 0)
        for (guint k = 0; k < 2; k++)
          {
            guint up = (r >= 2 && g_rand_int_range (rand, 0, 10) == 0) ? r - 2 : r - 1;
            guint j = first[up] + (guint) g_rand_int_range (rand, 0, (gint32) (first[up + 1] - first[up]));

            g_snprintf (other, sizeof other, "n%u", j);
            mb_layout_graph_add_edge (graph, id, other, MB_LAYOUT_EDGE_CONTRIBUTES);
            g_array_append_val (edge_ends, i);
            g_array_append_val (edge_ends, j);
          }

      {
        guint lo = r > 0 ? r - 1 : r;
        guint hi = r + 1 < N_LEVELS ? r + 1 : r;
        guint j = first[lo] + (guint) g_rand_int_range (rand, 0, (gint32) (first[hi + 1] - first[lo]));

        if (j != i)
          {
            g_snprintf (other, sizeof other, "n%u", j);
            mb_layout_graph_add_edge (graph, id, other,
                                      g_rand_boolean (rand) ? MB_LAYOUT_EDGE_DEPENDS
                                                            : MB_LAYOUT_EDGE_CONFLICTS);
            g_array_append_val (edge_ends, i);
            g_array_append_val (edge_ends, j);
          }
      }
    }

  return graph;
}

/* A measure of what speed costs in quality: crossings between links that
 * join neighbouring levels, taken as straight lines between card centres
 * (dot's curves cross about as often). */
static guint64
count_crossings (MbLayoutGraph  *graph,
                 MbLayoutResult *result,
                 const guint    *edge_ends,
                 const guint    *rank_of,
                 double         *mean_slant)
{
  gboolean td = mb_layout_graph_get_direction (graph) == MB_LAYOUT_DIRECTION_TOP_DOWN;
  guint n_edges = mb_layout_result_get_n_edges (result);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (double) * 3);
  guint64 crossings = 0;
  double slant = 0.0;

  for (guint e = 0; e < n_edges; e++)
    {
      guint a = edge_ends[2 * e], b = edge_ends[2 * e + 1];
      MbLayoutPoint pa, pb;
      double span[3];

      if (rank_of[a] > rank_of[b])
        {
          guint t = a;

          a = b;
          b = t;
        }
      if (rank_of[b] != rank_of[a] + 1)
        continue;

      pa = mb_layout_result_get_node_center (result, a);
      pb = mb_layout_result_get_node_center (result, b);
      span[0] = rank_of[a];
      span[1] = td ? pa.x : pa.y;
      span[2] = td ? pb.x : pb.y;
      g_array_append_vals (spans, span, 1);
      slant += fabs (span[2] - span[1]);
    }

  /* How far, across the flow, a link between neighbouring levels travels:
   * what dot's positioning (network simplex) minimises. */
  *mean_slant = spans->len > 0 ? slant / spans->len : 0.0;

  for (guint i = 0; i < spans->len; i++)
    {
      const double *s = (const double *) spans->data + 3 * i;

      for (guint j = i + 1; j < spans->len; j++)
        {
          const double *t = (const double *) spans->data + 3 * j;

          if (s[0] == t[0] && (s[1] - t[1]) * (s[2] - t[2]) < 0)
            crossings++;
        }
    }

  return crossings;
}

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MbLayoutGraph) graph = NULL;
  g_autofree double *times = NULL;
  g_autofree double *cpu_times = NULL;
  g_autoptr(GArray) edge_ends = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *rank_of = NULL;
  guint64 crossings = 0;
  double mean_slant = 0.0;
  gint n_nodes = 2000;
  gint runs = 5;
  gint seed = 20261122;
  gboolean left_right = FALSE;
  guint n_edges = 0;
  MbLayoutRect bounds = { 0, };
  const GOptionEntry entries[] = {
    { "nodes", 'n', 0, G_OPTION_ARG_INT, &n_nodes, "Nodes in the strategy (2000)", "N" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Runs to take the median of (5)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Generator seed", "N" },
    { "left-right", 'l', 0, G_OPTION_ARG_NONE, &left_right, "Lay out left to right", NULL },
    { NULL }
  };

  context = g_option_context_new ("– time the auto-layout of a generated strategy");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("mb-bench-layout: %s\n", error->message);
      return 2;
    }

  if (n_nodes < (gint) N_LEVELS || runs < 1)
    {
      g_printerr ("mb-bench-layout: need at least %u nodes and one run\n", (guint) N_LEVELS);
      return 2;
    }

  rank_of = g_new0 (guint, n_nodes);
  graph = generate ((guint32) seed, (guint) n_nodes,
                    left_right ? MB_LAYOUT_DIRECTION_LEFT_RIGHT : MB_LAYOUT_DIRECTION_TOP_DOWN,
                    edge_ends, rank_of);
  n_edges = mb_layout_graph_get_n_edges (graph);
  times = g_new0 (double, runs);
  cpu_times = g_new0 (double, runs);

  for (gint i = 0; i < runs; i++)
    {
      g_autoptr(MbLayoutResult) result = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_seconds ();

      result = mb_layout_run (graph, &error);
      times[i] = (g_get_monotonic_time () - start) / 1e6;
      cpu_times[i] = cpu_seconds () - cpu_start;

      if (result == NULL)
        {
          g_printerr ("mb-bench-layout: %s\n", error->message);
          return 1;
        }

      bounds = mb_layout_result_get_bounds (result);
      if (i == 0)
        crossings = count_crossings (graph, result, (const guint *) edge_ends->data, rank_of,
                                     &mean_slant);
      g_print ("run %d: %.3f s (CPU %.3f s)\n", i + 1, times[i], cpu_times[i]);
    }

  qsort (times, runs, sizeof *times, mb_bench_compare_doubles);
  qsort (cpu_times, runs, sizeof *cpu_times, mb_bench_compare_doubles);
  g_print ("layout of %d nodes, %u links, %u levels (%s): median %.3f s, min %.3f s, max %.3f s "
           "(CPU median %.3f s) over %d runs; drawing %.0f x %.0f pt; %" G_GUINT64_FORMAT " crossings, "
           "mean slant %.0f pt\n",
           n_nodes, n_edges, (guint) N_LEVELS, left_right ? "left-right" : "top-down",
           times[runs / 2], times[0], times[runs - 1], cpu_times[runs / 2], runs, bounds.width, bounds.height,
           crossings, mean_slant);

  return 0;
}
