/* mb-bench-layout.c – how long dot takes to lay out a large strategy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates a seeded strategy (by default 2,000 nodes on 6 levels with
 * about 3 links per node, "contributes" links acyclic and pointing up the
 * levels) and reports the median wall time over several runs of the quick
 * placement shown at once (mb_layout_run_quick()) and of dot's layout
 * (mb_layout_run()), with the crossings of each. Budgets (issue 13): the
 * quick placement readable in < 1 s; dot in the canvas's worker.
 *
 *   mb-bench-layout [--nodes N[,N…]] [--runs N] [--seed N] [--left-right]
 *                   [--quick-only]
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
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
 * (dot's curves cross about as often). Two such links cross when their ends
 * are in opposite orders on the two levels: per pair of levels, the links
 * sorted by their upper end and then their lower end, the crossings are the
 * pairs whose lower ends are out of order (strictly, so links sharing a
 * card never count), counted with a Fenwick tree in O(E log E). */
typedef struct
{
  guint  rank;
  double upper;
  double lower;
  guint  lower_index;   /* rank of @lower among the level pair's lower ends */
} Span;

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *s = a, *t = b;

  if (s->rank != t->rank)
    return s->rank < t->rank ? -1 : 1;
  if (s->upper != t->upper)
    return s->upper < t->upper ? -1 : 1;
  if (s->lower != t->lower)
    return s->lower < t->lower ? -1 : 1;
  return 0;
}

static int
compare_span_lowers (gconstpointer a,
                     gconstpointer b)
{
  const Span *s = *(const Span * const *) a, *t = *(const Span * const *) b;

  if (s->rank != t->rank)
    return s->rank < t->rank ? -1 : 1;
  return s->lower < t->lower ? -1 : s->lower > t->lower ? 1 : 0;
}

static guint64
count_crossings (MbLayoutGraph  *graph,
                 MbLayoutResult *result,
                 const guint    *edge_ends,
                 const guint    *rank_of,
                 double         *mean_slant)
{
  gboolean td = mb_layout_graph_get_direction (graph) == MB_LAYOUT_DIRECTION_TOP_DOWN;
  guint n_edges = mb_layout_result_get_n_edges (result);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autofree Span **by_lower = NULL;
  g_autofree guint64 *tree = NULL;
  guint64 crossings = 0;
  double slant = 0.0;

  for (guint e = 0; e < n_edges; e++)
    {
      guint a = edge_ends[2 * e], b = edge_ends[2 * e + 1];
      MbLayoutPoint pa, pb;
      Span span;

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
      span.rank = rank_of[a];
      span.upper = td ? pa.x : pa.y;
      span.lower = td ? pb.x : pb.y;
      g_array_append_val (spans, span);
      slant += fabs (span.lower - span.upper);
    }

  /* How far, across the flow, a link between neighbouring levels travels:
   * what dot's positioning (network simplex) minimises. */
  *mean_slant = spans->len > 0 ? slant / spans->len : 0.0;

  /* Each lower end's rank among its level pair's lower ends, ties equal. */
  by_lower = g_new (Span *, MAX (spans->len, 1));
  for (guint i = 0; i < spans->len; i++)
    by_lower[i] = &g_array_index (spans, Span, i);
  qsort (by_lower, spans->len, sizeof *by_lower, compare_span_lowers);
  for (guint i = 0, index = 0; i < spans->len; i++)
    {
      if (i > 0 && compare_span_lowers (&by_lower[i - 1], &by_lower[i]) != 0)
        index = by_lower[i - 1]->rank == by_lower[i]->rank ? index + 1 : 0;
      by_lower[i]->lower_index = index;
    }

  qsort (spans->data, spans->len, sizeof (Span), compare_spans);
  tree = g_new0 (guint64, spans->len + 1);
  for (guint i = 0, seen = 0; i < spans->len; i++, seen++)
    {
      const Span *s = &g_array_index (spans, Span, i);
      guint64 at_most = 0;

      if (i > 0 && g_array_index (spans, Span, i - 1).rank != s->rank)
        {
          memset (tree, 0, sizeof (guint64) * (spans->len + 1));
          seen = 0;
        }
      /* Earlier links (upper end left of, or at, this one's) whose lower
       * end lies strictly right of this one's cross it; at an equal upper
       * end the lower ends are sorted, so none of those counts. */
      for (guint k = s->lower_index + 1; k > 0; k -= k & -k)
        at_most += tree[k];
      crossings += seen - at_most;
      for (guint k = s->lower_index + 1; k <= spans->len; k += k & -k)
        tree[k]++;
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

typedef MbLayoutResult *(*LayoutFunc) (MbLayoutGraph *graph, GError **error);

/* Times @func on @graph @runs times and prints the medians, the drawing's
 * size and its crossings. */
static gboolean
measure (const char    *what,
         LayoutFunc     func,
         MbLayoutGraph *graph,
         const guint   *edge_ends,
         const guint   *rank_of,
         gint           runs,
         gboolean       left_right)
{
  g_autofree double *times = g_new0 (double, runs);
  g_autofree double *cpu_times = g_new0 (double, runs);
  g_autoptr(GError) error = NULL;
  MbLayoutRect bounds = { 0, };
  guint64 crossings = 0;
  double mean_slant = 0.0;

  for (gint i = 0; i < runs; i++)
    {
      g_autoptr(MbLayoutResult) result = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_seconds ();

      result = func (graph, &error);
      times[i] = (g_get_monotonic_time () - start) / 1e6;
      cpu_times[i] = cpu_seconds () - cpu_start;

      if (result == NULL)
        {
          g_printerr ("mb-bench-layout: %s\n", error->message);
          return FALSE;
        }

      bounds = mb_layout_result_get_bounds (result);
      if (i == 0)
        {
          g_autoptr(GBytes) kept = NULL;
          g_autoptr(MbLayoutResult) back = NULL;
          gint64 kept_start = g_get_monotonic_time ();

          crossings = count_crossings (graph, result, edge_ends, rank_of, &mean_slant);
          /* What the canvas keeps in the library, and reads back at once in
           * the next session. */
          kept = mb_layout_result_to_bytes (result);
          back = mb_layout_result_new_from_bytes (graph, kept, &error);
          if (back == NULL)
            {
              g_printerr ("mb-bench-layout: %s\n", error->message);
              return FALSE;
            }
          g_print ("  %s kept as %.1f MB, encoded and read back in %.3f s\n", what,
                   g_bytes_get_size (kept) / 1e6, (g_get_monotonic_time () - kept_start) / 1e6);
        }
      g_print ("  %s run %d: %.3f s (CPU %.3f s)\n", what, i + 1, times[i], cpu_times[i]);
    }

  qsort (times, runs, sizeof *times, mb_bench_compare_doubles);
  qsort (cpu_times, runs, sizeof *cpu_times, mb_bench_compare_doubles);
  g_print ("%s of %u nodes, %u links, %u levels (%s): median %.3f s, min %.3f s, max %.3f s "
           "(CPU median %.3f s) over %d runs; drawing %.0f x %.0f pt; %" G_GUINT64_FORMAT
           " crossings, mean slant %.0f pt\n",
           what, mb_layout_graph_get_n_nodes (graph), mb_layout_graph_get_n_edges (graph),
           (guint) N_LEVELS, left_right ? "left-right" : "top-down",
           times[runs / 2], times[0], times[runs - 1], cpu_times[runs / 2], runs,
           bounds.width, bounds.height, crossings, mean_slant);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sizes = NULL;
  g_auto(GStrv) size_list = NULL;
  gint runs = 5;
  gint seed = 20261122;
  gboolean left_right = FALSE;
  gboolean quick_only = FALSE;
  const GOptionEntry entries[] = {
    { "nodes", 'n', 0, G_OPTION_ARG_STRING, &sizes,
      "Nodes in the strategy, or several sizes: 2000,4000,8000 (2000)", "N[,N…]" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Runs to take the median of (5)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Generator seed", "N" },
    { "left-right", 'l', 0, G_OPTION_ARG_NONE, &left_right, "Lay out left to right", NULL },
    { "quick-only", 'q', 0, G_OPTION_ARG_NONE, &quick_only,
      "Only the quick placement, not dot", NULL },
    { NULL }
  };

  context = g_option_context_new ("– time the auto-layout of a generated strategy");
  g_option_context_set_description (context,
    "Per size, the quick placement shown at once (mb_layout_run_quick) and\n"
    "dot's layout in the worker (mb_layout_run), with their crossings.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("mb-bench-layout: %s\n", error->message);
      return 2;
    }

  size_list = g_strsplit (sizes != NULL ? sizes : "2000", ",", -1);
  if (runs < 1)
    {
      g_printerr ("mb-bench-layout: need at least one run\n");
      return 2;
    }

  for (guint s = 0; size_list[s] != NULL; s++)
    {
      g_autoptr(MbLayoutGraph) graph = NULL;
      g_autoptr(GArray) edge_ends = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autofree guint *rank_of = NULL;
      guint64 n_nodes = 0;

      if (!g_ascii_string_to_unsigned (g_strstrip (size_list[s]), 10, N_LEVELS, 1000000,
                                       &n_nodes, NULL))
        {
          g_printerr ("mb-bench-layout: “%s” is not a size from %u to 1000000 nodes\n",
                      size_list[s], (guint) N_LEVELS);
          return 2;
        }

      rank_of = g_new0 (guint, n_nodes);
      graph = generate ((guint32) seed, (guint) n_nodes,
                        left_right ? MB_LAYOUT_DIRECTION_LEFT_RIGHT
                                   : MB_LAYOUT_DIRECTION_TOP_DOWN,
                        edge_ends, rank_of);

      if (!measure ("quick", mb_layout_run_quick, graph, (const guint *) edge_ends->data,
                    rank_of, runs, left_right))
        return 1;
      if (!quick_only &&
          !measure ("dot", mb_layout_run, graph, (const guint *) edge_ends->data,
                    rank_of, runs, left_right))
        return 1;
    }

  return 0;
}
