/* test-layout.c – layered auto-layout through Graphviz dot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "mb-layout.h"
#include "test-locale-util.h"

/* dot works in whole points and clips edges to its own rounding of the
 * card: an end within this distance of the card's border is on it. */
#define BORDER_TOLERANCE 2.0

typedef struct
{
  const char *id;
  double      width;
  double      height;
  guint       rank;
} NodeSpec;

typedef struct
{
  const char       *from;
  const char       *to;
  MbLayoutEdgeKind  kind;
} EdgeSpec;

/* A small goal structure: links run upward ("contributes to" a higher goal),
 * one skips a level, one is a flat "depends", one a "conflicts". */
static const NodeSpec goal_nodes[] = {
  { "vision", 220, 80, 0 },
  { "goal-a", 180, 60, 1 },
  { "goal-b", 200, 70, 1 },
  { "goal-c", 160, 60, 1 },
  { "prio-1", 150, 50, 2 },
  { "prio-2", 150, 50, 2 },
  { "prio-3", 170, 90, 2 },
  { "prio-4", 150, 50, 2 },
  { "action", 140, 40, 3 },
};

static const EdgeSpec goal_edges[] = {
  { "goal-a", "vision", MB_LAYOUT_EDGE_CONTRIBUTES },
  { "goal-b", "vision", MB_LAYOUT_EDGE_CONTRIBUTES },
  { "goal-c", "vision", MB_LAYOUT_EDGE_CONTRIBUTES },
  { "prio-1", "goal-a", MB_LAYOUT_EDGE_CONTRIBUTES },
  { "prio-2", "goal-a", MB_LAYOUT_EDGE_CONTRIBUTES },
  { "prio-3", "goal-b", MB_LAYOUT_EDGE_CONTRIBUTES },
  { "prio-4", "goal-c", MB_LAYOUT_EDGE_CONTRIBUTES },
  { "prio-4", "goal-b", MB_LAYOUT_EDGE_CONTRIBUTES },
  { "action", "prio-3", MB_LAYOUT_EDGE_CONTRIBUTES },
  { "action", "goal-c", MB_LAYOUT_EDGE_CONTRIBUTES },
  { "prio-1", "prio-2", MB_LAYOUT_EDGE_DEPENDS },
  { "goal-a", "prio-4", MB_LAYOUT_EDGE_CONFLICTS },
};

static MbLayoutGraph *
goal_graph (MbLayoutDirection direction)
{
  MbLayoutGraph *graph = mb_layout_graph_new (direction);

  for (guint i = 0; i < G_N_ELEMENTS (goal_nodes); i++)
    mb_layout_graph_add_node (graph, goal_nodes[i].id, goal_nodes[i].width,
                              goal_nodes[i].height, goal_nodes[i].rank);

  for (guint i = 0; i < G_N_ELEMENTS (goal_edges); i++)
    mb_layout_graph_add_edge (graph, goal_edges[i].from, goal_edges[i].to, goal_edges[i].kind);

  return graph;
}

/* A seeded random strategy: @n_ranks levels, each node contributing to one
 * or two nodes a level up, and a few depends/conflicts links. */
static MbLayoutGraph *
random_graph (guint32           seed,
              guint             n_nodes,
              guint             n_ranks,
              MbLayoutDirection direction,
              guint            *ranks)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  MbLayoutGraph *graph = mb_layout_graph_new (direction);
  char id[32], other[32];

  for (guint i = 0; i < n_nodes; i++)
    {
      /* The first n_ranks nodes seed every level; the rest spread out. */
      guint rank = i < n_ranks ? i : (guint) g_rand_int_range (rand, 1, (gint32) n_ranks);

      ranks[i] = rank;
      g_snprintf (id, sizeof id, "node-%u", i);
      mb_layout_graph_add_node (graph, id, g_rand_int_range (rand, 80, 200),
                                g_rand_int_range (rand, 30, 70), rank);
    }

  for (guint i = 0; i < n_nodes; i++)
    {
      guint links = ranks[i] > 0 ? (guint) g_rand_int_range (rand, 1, 3) : 0;

      g_snprintf (id, sizeof id, "node-%u", i);

      for (guint k = 0; k < links; k++)
        {
          guint j;

          do
            j = (guint) g_rand_int_range (rand, 0, (gint32) n_nodes);
          while (ranks[j] != ranks[i] - 1);

          g_snprintf (other, sizeof other, "node-%u", j);
          mb_layout_graph_add_edge (graph, id, other, MB_LAYOUT_EDGE_CONTRIBUTES);
        }

      if (g_rand_int_range (rand, 0, 5) == 0)
        {
          guint j = (guint) g_rand_int_range (rand, 0, (gint32) n_nodes);

          if (j == i)
            continue;
          g_snprintf (other, sizeof other, "node-%u", j);
          mb_layout_graph_add_edge (graph, id, other,
                                    g_rand_boolean (rand) ? MB_LAYOUT_EDGE_DEPENDS
                                                          : MB_LAYOUT_EDGE_CONFLICTS);
        }
    }

  return graph;
}

static MbLayoutResult *
run_ok (MbLayoutGraph *graph)
{
  g_autoptr(GError) error = NULL;
  MbLayoutResult *result = mb_layout_run (graph, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static guint
node_index (MbLayoutResult *result,
            const char     *id)
{
  guint index = G_MAXUINT;

  g_assert_true (mb_layout_result_lookup_node (result, id, &index));
  return index;
}

static gboolean
rect_contains (const MbLayoutRect *outer,
               const MbLayoutRect *inner)
{
  return inner->x >= outer->x - 1e-9 && inner->y >= outer->y - 1e-9
         && inner->x + inner->width <= outer->x + outer->width + 1e-9
         && inner->y + inner->height <= outer->y + outer->height + 1e-9;
}

static gboolean
rects_overlap (const MbLayoutRect *a,
               const MbLayoutRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width
         && a->y < b->y + b->height && b->y < a->y + a->height;
}

/* Whether @p lies on the border of @r, within @tolerance. */
static gboolean
on_border (MbLayoutPoint       p,
           const MbLayoutRect *r,
           double              tolerance)
{
  gboolean within_x = p.x >= r->x - tolerance && p.x <= r->x + r->width + tolerance;
  gboolean within_y = p.y >= r->y - tolerance && p.y <= r->y + r->height + tolerance;
  gboolean at_side = fabs (p.x - r->x) <= tolerance || fabs (p.x - r->x - r->width) <= tolerance;
  gboolean at_end = fabs (p.y - r->y) <= tolerance || fabs (p.y - r->y - r->height) <= tolerance;

  return within_x && within_y && (at_side || at_end);
}

/* Every drawn edge starts on its "from" card and points at its "to" card. */
static void
assert_edges_touch_nodes (MbLayoutGraph  *graph,
                          MbLayoutResult *result,
                          const EdgeSpec *edges,
                          guint           n_edges)
{
  g_assert_cmpuint (mb_layout_result_get_n_edges (result), ==, n_edges);

  for (guint i = 0; i < n_edges; i++)
    {
      MbLayoutRect from = mb_layout_result_get_node_rect (result, node_index (result, edges[i].from));
      MbLayoutRect to = mb_layout_result_get_node_rect (result, node_index (result, edges[i].to));
      const MbLayoutPoint *points;
      MbLayoutPoint tip;
      guint n_points = 0;

      points = mb_layout_result_get_edge_spline (result, i, &n_points);
      g_assert_nonnull (points);
      g_assert_cmpuint (n_points, >=, 4);
      g_assert_cmpuint ((n_points - 1) % 3, ==, 0);
      g_assert_true (mb_layout_result_get_edge_arrow (result, i, &tip));

      if (!on_border (points[0], &from, BORDER_TOLERANCE))
        g_error ("edge %s → %s starts at %g,%g, off the border of %g,%g %g×%g",
                 edges[i].from, edges[i].to, points[0].x, points[0].y,
                 from.x, from.y, from.width, from.height);
      if (!on_border (tip, &to, BORDER_TOLERANCE))
        g_error ("edge %s → %s ends at %g,%g, off the border of %g,%g %g×%g",
                 edges[i].from, edges[i].to, tip.x, tip.y, to.x, to.y, to.width, to.height);

      /* The arrowhead's base is the curve's end, a short way off the tip. */
      g_assert_cmpfloat (hypot (tip.x - points[n_points - 1].x, tip.y - points[n_points - 1].y),
                         <=, 12.0);
    }
}

static void
assert_results_equal (MbLayoutResult *a,
                      MbLayoutResult *b)
{
  MbLayoutRect ba = mb_layout_result_get_bounds (a);
  MbLayoutRect bb = mb_layout_result_get_bounds (b);

  g_assert_cmpuint (mb_layout_result_get_n_nodes (a), ==, mb_layout_result_get_n_nodes (b));
  g_assert_cmpuint (mb_layout_result_get_n_edges (a), ==, mb_layout_result_get_n_edges (b));
  g_assert_cmpmem (&ba, sizeof ba, &bb, sizeof bb);

  for (guint i = 0; i < mb_layout_result_get_n_nodes (a); i++)
    {
      MbLayoutRect ra = mb_layout_result_get_node_rect (a, i);
      MbLayoutRect rb = mb_layout_result_get_node_rect (b, i);

      g_assert_cmpstr (mb_layout_result_get_node_id (a, i), ==, mb_layout_result_get_node_id (b, i));
      g_assert_cmpmem (&ra, sizeof ra, &rb, sizeof rb);
    }

  for (guint i = 0; i < mb_layout_result_get_n_edges (a); i++)
    {
      guint na = 0, nb = 0;
      const MbLayoutPoint *pa = mb_layout_result_get_edge_spline (a, i, &na);
      const MbLayoutPoint *pb = mb_layout_result_get_edge_spline (b, i, &nb);

      g_assert_cmpmem (pa, na * sizeof *pa, pb, nb * sizeof *pb);
    }
}

static void
test_layout_empty (void)
{
  g_autoptr(MbLayoutGraph) graph = mb_layout_graph_new (MB_LAYOUT_DIRECTION_TOP_DOWN);
  g_autoptr(MbLayoutResult) result = run_ok (graph);
  MbLayoutRect bounds = mb_layout_result_get_bounds (result);

  g_assert_cmpuint (mb_layout_result_get_n_nodes (result), ==, 0);
  g_assert_cmpuint (mb_layout_result_get_n_edges (result), ==, 0);
  g_assert_cmpfloat (bounds.width, ==, 0.0);
  g_assert_cmpfloat (bounds.height, ==, 0.0);
  g_assert_false (mb_layout_result_lookup_node (result, "anything", NULL));
}

/* The placement shown while dot works: rows by rank in input order, none
 * overlapping, pins kept, every edge drawn, all within the bounds. */
static void
test_layout_quick (void)
{
  g_autoptr(MbLayoutGraph) graph = mb_layout_graph_new (MB_LAYOUT_DIRECTION_TOP_DOWN);
  g_autoptr(MbLayoutResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MbLayoutRect a, b, c, d, bounds;
  guint n_points;

  mb_layout_graph_add_node (graph, "a", 100, 40, 0);
  mb_layout_graph_add_node (graph, "b", 100, 40, 1);
  mb_layout_graph_add_node (graph, "c", 100, 40, 1);
  mb_layout_graph_pin_node (graph, mb_layout_graph_add_node (graph, "d", 100, 40, 2), 500, 600);
  mb_layout_graph_add_edge (graph, "a", "b", MB_LAYOUT_EDGE_CONTRIBUTES);
  mb_layout_graph_add_edge (graph, "a", "c", MB_LAYOUT_EDGE_CONTRIBUTES);
  mb_layout_graph_add_edge (graph, "c", "d", MB_LAYOUT_EDGE_DEPENDS);
  result = mb_layout_run_quick (graph, &error);
  g_assert_no_error (error);
  a = mb_layout_result_get_node_rect (result, 0);
  b = mb_layout_result_get_node_rect (result, 1);
  c = mb_layout_result_get_node_rect (result, 2);
  d = mb_layout_result_get_node_rect (result, 3);
  bounds = mb_layout_result_get_bounds (result);

  g_assert_cmpfloat (a.y + a.height, <, b.y);
  g_assert_cmpfloat (b.y, ==, c.y);
  g_assert_cmpfloat (b.x + b.width, <, c.x);
  /* The lone top node is centred over its row. */
  g_assert_cmpfloat (fabs ((a.x + a.width / 2) - (b.x + c.x + c.width) / 2), <, 0.01);
  g_assert_cmpfloat (d.x + d.width / 2, ==, 500);
  g_assert_cmpfloat (d.y + d.height / 2, ==, 600);
  for (guint i = 0; i < 3; i++)
    {
      mb_layout_result_get_edge_spline (result, i, &n_points);
      g_assert_cmpuint (n_points, >=, 4);
    }
  g_assert_cmpfloat (bounds.x + bounds.width, >=, d.x + d.width);
  g_assert_cmpfloat (bounds.y + bounds.height, >=, d.y + d.height);

  /* A graph dot would refuse is refused here too. */
  mb_layout_graph_add_edge (graph, "a", "nowhere", MB_LAYOUT_EDGE_CONTRIBUTES);
  g_clear_pointer (&result, mb_layout_result_unref);
  g_clear_error (&error);
  result = mb_layout_run_quick (graph, &error);
  g_assert_null (result);
  g_assert_error (error, MB_LAYOUT_ERROR, MB_LAYOUT_ERROR_UNKNOWN_NODE);
}

/* The quick placement orders each row by the links: children given in the
 * reverse order of their parents end up under them, with no crossing; a
 * link that is not "contributes" does not pull. */
static void
test_layout_quick_order (void)
{
  g_autoptr(MbLayoutGraph) graph = mb_layout_graph_new (MB_LAYOUT_DIRECTION_TOP_DOWN);
  g_autoptr(MbLayoutResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *parents[] = { "p0", "p1", "p2" };
  const char *children[] = { "c2", "c1", "c0", "d2", "d0", "d1" };
  double x[G_N_ELEMENTS (children)];

  for (guint i = 0; i < G_N_ELEMENTS (parents); i++)
    mb_layout_graph_add_node (graph, parents[i], 100, 40, 0);
  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    mb_layout_graph_add_node (graph, children[i], 100, 40, 1);
  /* cK and dK contribute to pK. */
  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      g_autofree char *parent = g_strdup_printf ("p%c", children[i][1]);

      mb_layout_graph_add_edge (graph, children[i], parent, MB_LAYOUT_EDGE_CONTRIBUTES);
    }
  /* Would pull c2 to the far left if it counted. */
  mb_layout_graph_add_edge (graph, "c2", "p0", MB_LAYOUT_EDGE_DEPENDS);
  mb_layout_graph_add_edge (graph, "c2", "p0", MB_LAYOUT_EDGE_CONFLICTS);

  result = mb_layout_run_quick (graph, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    x[i] = mb_layout_result_get_node_center (result, G_N_ELEMENTS (parents) + i).x;
  /* Parents keep their order (a row with nothing above keeps its own). */
  g_assert_cmpfloat (mb_layout_result_get_node_center (result, 0).x, <,
                     mb_layout_result_get_node_center (result, 1).x);
  g_assert_cmpfloat (mb_layout_result_get_node_center (result, 1).x, <,
                     mb_layout_result_get_node_center (result, 2).x);
  /* Both children of p0 left of both of p1's, left of both of p2's. */
  g_assert_cmpfloat (MAX (x[2], x[4]), <, MIN (x[1], x[5]));
  g_assert_cmpfloat (MAX (x[1], x[5]), <, MIN (x[0], x[3]));
}

/* A small graph with what a kept layout must carry: a long link, a link
 * dot does not route (self-loop), one at a pinned node (rerouted after dot,
 * so its points come last in memory) and one that does not pull. */
static MbLayoutGraph *
kept_graph (void)
{
  MbLayoutGraph *graph = mb_layout_graph_new (MB_LAYOUT_DIRECTION_TOP_DOWN);

  mb_layout_graph_add_node (graph, "vision", 160, 64, 0);
  mb_layout_graph_add_node (graph, "goal", 160, 64, 1);
  mb_layout_graph_add_node (graph, "other", 120, 40, 1);
  mb_layout_graph_pin_node (graph, mb_layout_graph_add_node (graph, "pinned", 100, 40, 2),
                            -300, 500);
  mb_layout_graph_add_node (graph, "step", 100, 40, 2);
  mb_layout_graph_add_edge (graph, "pinned", "goal", MB_LAYOUT_EDGE_CONTRIBUTES);
  mb_layout_graph_add_edge (graph, "goal", "vision", MB_LAYOUT_EDGE_CONTRIBUTES);
  mb_layout_graph_add_edge (graph, "step", "vision", MB_LAYOUT_EDGE_CONTRIBUTES);
  mb_layout_graph_add_edge (graph, "step", "step", MB_LAYOUT_EDGE_DEPENDS);
  mb_layout_graph_add_edge (graph, "other", "goal", MB_LAYOUT_EDGE_CONFLICTS);
  mb_layout_graph_add_edge (graph, "other", "vision", MB_LAYOUT_EDGE_CONTRIBUTES);
  return graph;
}

static void
assert_same_layout (MbLayoutResult *a,
                    MbLayoutResult *b)
{
  MbLayoutRect ba = mb_layout_result_get_bounds (a), bb = mb_layout_result_get_bounds (b);

  g_assert_cmpuint (mb_layout_result_get_n_nodes (a), ==, mb_layout_result_get_n_nodes (b));
  g_assert_cmpuint (mb_layout_result_get_n_edges (a), ==, mb_layout_result_get_n_edges (b));
  for (guint i = 0; i < mb_layout_result_get_n_nodes (a); i++)
    {
      MbLayoutRect ra = mb_layout_result_get_node_rect (a, i);
      MbLayoutRect rb = mb_layout_result_get_node_rect (b, i);

      g_assert_cmpmem (&ra, sizeof ra, &rb, sizeof rb);
      g_assert_cmpstr (mb_layout_result_get_node_id (a, i), ==, mb_layout_result_get_node_id (b, i));
    }
  for (guint i = 0; i < mb_layout_result_get_n_edges (a); i++)
    {
      guint na, nb;
      const MbLayoutPoint *pa = mb_layout_result_get_edge_spline (a, i, &na);
      const MbLayoutPoint *pb = mb_layout_result_get_edge_spline (b, i, &nb);
      MbLayoutPoint ta = { 0, }, tb = { 0, };

      g_assert_cmpmem (pa, na * sizeof *pa, pb, nb * sizeof *pb);
      g_assert_cmpint (mb_layout_result_get_edge_arrow (a, i, &ta), ==,
                       mb_layout_result_get_edge_arrow (b, i, &tb));
      g_assert_cmpmem (&ta, sizeof ta, &tb, sizeof tb);
    }
  g_assert_cmpmem (&ba, sizeof ba, &bb, sizeof bb);
}

/* A layout kept as bytes comes back the same, for the same graph. */
static void
test_layout_kept (void)
{
  g_autoptr(MbLayoutGraph) graph = kept_graph ();
  g_autoptr(MbLayoutResult) result = run_ok (graph);
  g_autoptr(MbLayoutResult) quick = mb_layout_run_quick (graph, NULL);
  g_autoptr(GBytes) bytes = mb_layout_result_to_bytes (result);
  g_autoptr(GBytes) quick_bytes = mb_layout_result_to_bytes (quick);
  g_autoptr(MbLayoutResult) back = NULL;
  g_autoptr(MbLayoutResult) quick_back = NULL;
  g_autoptr(GError) error = NULL;

  back = mb_layout_result_new_from_bytes (graph, bytes, &error);
  g_assert_no_error (error);
  assert_same_layout (result, back);
  quick_back = mb_layout_result_new_from_bytes (graph, quick_bytes, &error);
  g_assert_no_error (error);
  assert_same_layout (quick, quick_back);
}

/* Kept bytes come from a file: whatever they hold, reading them never
 * crashes and never trusts a count. */
static void
test_layout_kept_hostile (void)
{
  g_autoptr(MbLayoutGraph) graph = kept_graph ();
  g_autoptr(MbLayoutGraph) bigger = kept_graph ();
  g_autoptr(MbLayoutGraph) wider = mb_layout_graph_new (MB_LAYOUT_DIRECTION_TOP_DOWN);
  g_autoptr(MbLayoutResult) result = run_ok (graph);
  g_autoptr(GBytes) bytes = mb_layout_result_to_bytes (result);
  gsize size = g_bytes_get_size (bytes);
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  const struct { gsize offset; guint32 value; } counts[] = {
    { 4, 6 }, { 8, 7 }, { 12, G_MAXUINT32 }, { 12, 0 }, { 16 + 32 * 5, G_MAXUINT32 },
  };
  const double bad_numbers[] = { NAN, INFINITY, -INFINITY, 1e300, 161.0 };

  /* Every truncation, and one byte too many. */
  for (gsize cut = 0; cut < size; cut++)
    {
      g_autoptr(GBytes) part = g_bytes_new (data, cut);
      g_autoptr(GError) error = NULL;

      g_assert_null (mb_layout_result_new_from_bytes (graph, part, &error));
      g_assert_error (error, MB_LAYOUT_ERROR, MB_LAYOUT_ERROR_INVALID_GEOMETRY);
    }
  {
    g_autofree guint8 *longer = g_malloc0 (size + 1);
    g_autoptr(GBytes) more = NULL;

    memcpy (longer, data, size);
    more = g_bytes_new (longer, size + 1);
    g_assert_null (mb_layout_result_new_from_bytes (graph, more, NULL));
  }

  /* Counts that lie: nodes, edges, points, an edge's points. */
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, size);
      g_autoptr(GBytes) lying = NULL;
      guint32 le = GUINT32_TO_LE (counts[i].value);

      memcpy (copy + counts[i].offset, &le, sizeof le);
      lying = g_bytes_new (copy, size);
      g_assert_null (mb_layout_result_new_from_bytes (graph, lying, NULL));
    }

  /* Numbers that are not places (and a card of another width). */
  for (guint i = 0; i < G_N_ELEMENTS (bad_numbers); i++)
    {
      const gsize at[] = { 16, 16 + 32 + 16, 16 + 32 * 5 + 4, size - 8 };

      for (guint k = 0; k < G_N_ELEMENTS (at); k++)
        {
          g_autofree guint8 *copy = g_memdup2 (data, size);
          g_autoptr(GBytes) bad = NULL;
          guint64 bits;

          if (bad_numbers[i] == 161.0 && k != 1)
            continue;
          memcpy (&bits, &bad_numbers[i], sizeof bits);
          bits = GUINT64_TO_LE (bits);
          memcpy (copy + at[k], &bits, sizeof bits);
          bad = g_bytes_new (copy, size);
          g_assert_null (mb_layout_result_new_from_bytes (graph, bad, NULL));
        }
    }

  /* Another graph: one more node, or cards of another size. */
  mb_layout_graph_add_node (bigger, "new", 100, 40, 2);
  g_assert_null (mb_layout_result_new_from_bytes (bigger, bytes, NULL));
  for (guint i = 0; i < mb_layout_graph_get_n_nodes (graph); i++)
    {
      g_autofree char *id = g_strdup_printf ("n%u", i);

      mb_layout_graph_add_node (wider, id, 400, 40, 0);
    }
  for (guint i = 0; i < mb_layout_graph_get_n_edges (graph); i++)
    mb_layout_graph_add_edge (wider, "n0", i == 3 ? "n0" : "n1", MB_LAYOUT_EDGE_CONTRIBUTES);
  g_assert_null (mb_layout_result_new_from_bytes (wider, bytes, NULL));

  /* Random damage: refused, or a layout with finite places throughout. */
  for (guint round = 0; round < 2000; round++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, size);
      g_autoptr(GBytes) damaged = NULL;
      g_autoptr(MbLayoutResult) back = NULL;

      for (guint k = 0, n = g_rand_int_range (rand, 1, 4); k < n; k++)
        copy[g_rand_int_range (rand, 0, (gint32) size)] = (guint8) g_rand_int_range (rand, 0, 256);
      damaged = g_bytes_new (copy, size);
      back = mb_layout_result_new_from_bytes (graph, damaged, NULL);
      if (back != NULL)
        {
          MbLayoutRect bounds = mb_layout_result_get_bounds (back);

          g_assert_true (isfinite (bounds.x) && isfinite (bounds.width));
          g_assert_true (isfinite (bounds.y) && isfinite (bounds.height));
        }
    }
}

static void
test_layout_single (void)
{
  g_autoptr(MbLayoutGraph) graph = mb_layout_graph_new (MB_LAYOUT_DIRECTION_TOP_DOWN);
  g_autoptr(MbLayoutResult) result = NULL;
  MbLayoutRect rect, bounds;

  mb_layout_graph_add_node (graph, "only", 120, 40, 3);
  result = run_ok (graph);
  rect = mb_layout_result_get_node_rect (result, 0);
  bounds = mb_layout_result_get_bounds (result);

  /* The card keeps its size; the drawing starts at the origin. */
  g_assert_cmpfloat (rect.width, ==, 120);
  g_assert_cmpfloat (rect.height, ==, 40);
  g_assert_cmpfloat (rect.x, ==, 0);
  g_assert_cmpfloat (rect.y, ==, 0);
  g_assert_cmpmem (&rect, sizeof rect, &bounds, sizeof bounds);
}

/* Nodes of one level share a row (TB) or column (LR); the levels follow in
 * order, apart, in the flow direction; the cards keep their sizes. */
static void
check_ranks (MbLayoutDirection direction)
{
  g_autoptr(MbLayoutGraph) graph = goal_graph (direction);
  g_autoptr(MbLayoutResult) result = run_ok (graph);
  gboolean td = direction == MB_LAYOUT_DIRECTION_TOP_DOWN;
  double level_centre[4];
  double level_start[4];
  double level_end[4];
  MbLayoutRect bounds = mb_layout_result_get_bounds (result);

  for (guint r = 0; r < 4; r++)
    {
      level_centre[r] = NAN;
      level_start[r] = G_MAXDOUBLE;
      level_end[r] = -G_MAXDOUBLE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (goal_nodes); i++)
    {
      guint r = goal_nodes[i].rank;
      MbLayoutRect rect = mb_layout_result_get_node_rect (result, node_index (result, goal_nodes[i].id));
      MbLayoutPoint c = mb_layout_result_get_node_center (result, node_index (result, goal_nodes[i].id));
      double along = td ? c.y : c.x;
      double start = td ? rect.y : rect.x;
      double end = td ? rect.y + rect.height : rect.x + rect.width;

      g_assert_cmpfloat (rect.width, ==, goal_nodes[i].width);
      g_assert_cmpfloat (rect.height, ==, goal_nodes[i].height);
      g_assert_true (rect_contains (&bounds, &rect));

      if (isnan (level_centre[r]))
        level_centre[r] = along;
      g_assert_cmpfloat_with_epsilon (along, level_centre[r], 1e-9);

      level_start[r] = MIN (level_start[r], start);
      level_end[r] = MAX (level_end[r], end);
    }

  for (guint r = 0; r + 1 < 4; r++)
    {
      g_assert_cmpfloat (level_centre[r], <, level_centre[r + 1]);
      g_assert_cmpfloat (level_end[r], <, level_start[r + 1]);
    }

  assert_edges_touch_nodes (graph, result, goal_edges, G_N_ELEMENTS (goal_edges));
}

static void
test_layout_ranks_top_down (void)
{
  check_ranks (MB_LAYOUT_DIRECTION_TOP_DOWN);
}

static void
test_layout_ranks_left_right (void)
{
  check_ranks (MB_LAYOUT_DIRECTION_LEFT_RIGHT);
}

/* The same graph, turned: rows in one, columns in the other. */
static void
test_layout_direction_swap (void)
{
  g_autoptr(MbLayoutGraph) tb = goal_graph (MB_LAYOUT_DIRECTION_TOP_DOWN);
  g_autoptr(MbLayoutGraph) lr = goal_graph (MB_LAYOUT_DIRECTION_LEFT_RIGHT);
  g_autoptr(MbLayoutResult) rtb = run_ok (tb);
  g_autoptr(MbLayoutResult) rlr = run_ok (lr);
  MbLayoutPoint vision_tb = mb_layout_result_get_node_center (rtb, node_index (rtb, "vision"));
  MbLayoutPoint action_tb = mb_layout_result_get_node_center (rtb, node_index (rtb, "action"));
  MbLayoutPoint vision_lr = mb_layout_result_get_node_center (rlr, node_index (rlr, "vision"));
  MbLayoutPoint action_lr = mb_layout_result_get_node_center (rlr, node_index (rlr, "action"));

  g_assert_cmpint (mb_layout_graph_get_direction (lr), ==, MB_LAYOUT_DIRECTION_LEFT_RIGHT);
  g_assert_cmpfloat (vision_tb.y, <, action_tb.y);
  g_assert_cmpfloat (vision_lr.x, <, action_lr.x);

  /* Four levels of cards are taller than wide one way, wider the other. */
  g_assert_cmpfloat (mb_layout_result_get_bounds (rtb).height, >,
                     mb_layout_result_get_bounds (rlr).height);
  g_assert_cmpfloat (mb_layout_result_get_bounds (rlr).width, >,
                     mb_layout_result_get_bounds (rtb).width);
}

/* No two cards overlap, each level is one row (or column) in order, and
 * every edge is drawn within the bounds. */
static void
assert_sound_layout (MbLayoutResult    *result,
                     MbLayoutDirection  direction,
                     const guint       *ranks,
                     guint              n_ranks)
{
  gboolean td = direction == MB_LAYOUT_DIRECTION_TOP_DOWN;
  guint n = mb_layout_result_get_n_nodes (result);
  MbLayoutRect bounds = mb_layout_result_get_bounds (result);
  g_autofree double *row = g_new (double, n_ranks);

  for (guint r = 0; r < n_ranks; r++)
    row[r] = NAN;

  for (guint i = 0; i < n; i++)
    {
      MbLayoutRect a = mb_layout_result_get_node_rect (result, i);
      MbLayoutPoint c = mb_layout_result_get_node_center (result, i);

      g_assert_true (rect_contains (&bounds, &a));

      if (isnan (row[ranks[i]]))
        row[ranks[i]] = td ? c.y : c.x;
      g_assert_cmpfloat (td ? c.y : c.x, ==, row[ranks[i]]);

      for (guint j = i + 1; j < n; j++)
        {
          MbLayoutRect b = mb_layout_result_get_node_rect (result, j);

          if (rects_overlap (&a, &b))
            g_error ("%s and %s overlap", mb_layout_result_get_node_id (result, i),
                     mb_layout_result_get_node_id (result, j));
        }
    }

  for (guint r = 0; r + 1 < n_ranks; r++)
    g_assert_cmpfloat (row[r], <, row[r + 1]);

  for (guint e = 0; e < mb_layout_result_get_n_edges (result); e++)
    {
      guint n_points = 0;
      const MbLayoutPoint *points = mb_layout_result_get_edge_spline (result, e, &n_points);

      g_assert_cmpuint (n_points, >=, 4);
      for (guint k = 0; k < n_points; k++)
        {
          MbLayoutRect p = { points[k].x, points[k].y, 0, 0 };

          g_assert_true (rect_contains (&bounds, &p));
        }
    }
}

static void
test_layout_no_overlap (void)
{
  for (MbLayoutDirection d = MB_LAYOUT_DIRECTION_TOP_DOWN; d <= MB_LAYOUT_DIRECTION_LEFT_RIGHT; d++)
    {
      guint ranks[150];
      g_autoptr(MbLayoutGraph) graph = random_graph (42 + d, G_N_ELEMENTS (ranks), 5, d, ranks);
      g_autoptr(MbLayoutResult) result = run_ok (graph);

      g_assert_cmpuint (mb_layout_result_get_n_nodes (result), ==, G_N_ELEMENTS (ranks));
      assert_sound_layout (result, d, ranks, 5);
    }
}

/* Large strategies get dot with reduced effort (mb-layout.c): the layout is
 * still sound. */
static void
test_layout_large (void)
{
  g_autofree guint *ranks = g_new (guint, 1600);
  g_autoptr(MbLayoutGraph) graph = random_graph (5, 1600, 6, MB_LAYOUT_DIRECTION_TOP_DOWN, ranks);
  g_autoptr(MbLayoutResult) result = run_ok (graph);

  assert_sound_layout (result, MB_LAYOUT_DIRECTION_TOP_DOWN, ranks, 6);
}

/* A pinned card stays exactly at its pin; pinning it moves nothing else;
 * its edges still start and end on the cards' borders. */
static void
test_layout_pinned (void)
{
  g_autoptr(MbLayoutGraph) free_graph = goal_graph (MB_LAYOUT_DIRECTION_TOP_DOWN);
  g_autoptr(MbLayoutGraph) pinned_graph = goal_graph (MB_LAYOUT_DIRECTION_TOP_DOWN);
  g_autoptr(MbLayoutResult) free_result = run_ok (free_graph);
  g_autoptr(MbLayoutResult) pinned_result = NULL;
  guint prio3 = node_index (free_result, "prio-3");
  guint vision = node_index (free_result, "vision");
  MbLayoutPoint c;
  MbLayoutRect bounds, rect;

  /* One beside the drawing, one pinned off to the upper left (negative). */
  mb_layout_graph_pin_node (pinned_graph, prio3, 1234.25, 77.5);
  mb_layout_graph_pin_node (pinned_graph, vision, -300.125, -150.0);
  pinned_result = run_ok (pinned_graph);

  c = mb_layout_result_get_node_center (pinned_result, prio3);
  g_assert_cmpfloat (c.x, ==, 1234.25);
  g_assert_cmpfloat (c.y, ==, 77.5);
  c = mb_layout_result_get_node_center (pinned_result, vision);
  g_assert_cmpfloat (c.x, ==, -300.125);
  g_assert_cmpfloat (c.y, ==, -150.0);

  for (guint i = 0; i < mb_layout_result_get_n_nodes (free_result); i++)
    {
      MbLayoutRect a = mb_layout_result_get_node_rect (free_result, i);
      MbLayoutRect b = mb_layout_result_get_node_rect (pinned_result, i);

      if (i != prio3 && i != vision)
        g_assert_cmpmem (&a, sizeof a, &b, sizeof b);
    }

  bounds = mb_layout_result_get_bounds (pinned_result);
  rect = mb_layout_result_get_node_rect (pinned_result, vision);
  g_assert_true (rect_contains (&bounds, &rect));
  rect = mb_layout_result_get_node_rect (pinned_result, prio3);
  g_assert_true (rect_contains (&bounds, &rect));

  assert_edges_touch_nodes (pinned_graph, pinned_result, goal_edges, G_N_ELEMENTS (goal_edges));
}

/* Two pinned cards side by side in one row: the edge uses their facing
 * sides rather than the rows' direction. */
static void
test_layout_pinned_side_by_side (void)
{
  static const EdgeSpec edges[] = {
    { "a", "b", MB_LAYOUT_EDGE_DEPENDS },
    { "b", "a", MB_LAYOUT_EDGE_CONFLICTS },
  };
  g_autoptr(MbLayoutGraph) graph = mb_layout_graph_new (MB_LAYOUT_DIRECTION_TOP_DOWN);
  g_autoptr(MbLayoutResult) result = NULL;
  MbLayoutPoint tip;
  guint n_points;
  const MbLayoutPoint *points;

  mb_layout_graph_add_node (graph, "a", 100, 40, 0);
  mb_layout_graph_add_node (graph, "b", 100, 40, 0);
  mb_layout_graph_pin_node (graph, 0, 0, 0);
  mb_layout_graph_pin_node (graph, 1, 300, 10);
  mb_layout_graph_add_edge (graph, "a", "b", MB_LAYOUT_EDGE_DEPENDS);
  mb_layout_graph_add_edge (graph, "b", "a", MB_LAYOUT_EDGE_CONFLICTS);
  result = run_ok (graph);

  assert_edges_touch_nodes (graph, result, edges, G_N_ELEMENTS (edges));
  points = mb_layout_result_get_edge_spline (result, 0, &n_points);
  g_assert_true (mb_layout_result_get_edge_arrow (result, 0, &tip));
  g_assert_cmpfloat (points[0].x, ==, 50);    /* a's right side */
  g_assert_cmpfloat (tip.x, ==, 250);         /* b's left side */
}

static void
test_layout_deterministic (void)
{
  guint ranks[300];
  g_autoptr(MbLayoutGraph) graph = random_graph (7, G_N_ELEMENTS (ranks), 6,
                                                 MB_LAYOUT_DIRECTION_TOP_DOWN, ranks);
  g_autoptr(MbLayoutResult) first = run_ok (graph);
  g_autoptr(MbLayoutResult) second = run_ok (graph);
  g_autoptr(MbLayoutGraph) other = random_graph (7, G_N_ELEMENTS (ranks), 6,
                                                 MB_LAYOUT_DIRECTION_TOP_DOWN, ranks);
  g_autoptr(MbLayoutResult) third = run_ok (other);

  assert_results_equal (first, second);
  assert_results_equal (first, third);
}

static void
test_layout_self_loop (void)
{
  g_autoptr(MbLayoutGraph) graph = mb_layout_graph_new (MB_LAYOUT_DIRECTION_TOP_DOWN);
  g_autoptr(MbLayoutResult) result = NULL;
  MbLayoutPoint tip;
  guint n_points = 99;

  mb_layout_graph_add_node (graph, "a", 100, 40, 0);
  mb_layout_graph_add_node (graph, "b", 100, 40, 1);
  g_assert_cmpuint (mb_layout_graph_add_edge (graph, "a", "a", MB_LAYOUT_EDGE_DEPENDS), ==, 0);
  g_assert_cmpuint (mb_layout_graph_add_edge (graph, "b", "a", MB_LAYOUT_EDGE_CONTRIBUTES), ==, 1);
  result = run_ok (graph);

  g_assert_null (mb_layout_result_get_edge_spline (result, 0, &n_points));
  g_assert_cmpuint (n_points, ==, 0);
  g_assert_false (mb_layout_result_get_edge_arrow (result, 0, &tip));
  g_assert_nonnull (mb_layout_result_get_edge_spline (result, 1, &n_points));
  g_assert_true (mb_layout_result_get_edge_arrow (result, 1, &tip));
}

static void
expect_error (MbLayoutGraph *graph,
              MbLayoutError  code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbLayoutResult) result = mb_layout_run (graph, &error);

  g_assert_null (result);
  g_assert_error (error, MB_LAYOUT_ERROR, (gint) code);
  g_assert_nonnull (error->message);
}

static void
test_layout_errors (void)
{
  static const struct {
    double width, height, pin_x, pin_y;
    guint rank;
  } bad_nodes[] = {
    { NAN, 40, 0, 0, 0 },
    { 100, 0, 0, 0, 0 },
    { -5, 40, 0, 0, 0 },
    { INFINITY, 40, 0, 0, 0 },
    { 1e9, 40, 0, 0, 0 },
    { 100, 40, NAN, 0, 0 },
    { 100, 40, 0, -INFINITY, 0 },
    { 100, 40, 1e300, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad_nodes); i++)
    {
      g_autoptr(MbLayoutGraph) graph = mb_layout_graph_new (MB_LAYOUT_DIRECTION_TOP_DOWN);
      guint node;

      mb_layout_graph_add_node (graph, "fine", 100, 40, 0);
      node = mb_layout_graph_add_node (graph, "odd", bad_nodes[i].width, bad_nodes[i].height,
                                       bad_nodes[i].rank);
      if (bad_nodes[i].pin_x != 0 || bad_nodes[i].pin_y != 0)
        mb_layout_graph_pin_node (graph, node, bad_nodes[i].pin_x, bad_nodes[i].pin_y);
      expect_error (graph, MB_LAYOUT_ERROR_INVALID_GEOMETRY);
    }

  {
    g_autoptr(MbLayoutGraph) graph = goal_graph (MB_LAYOUT_DIRECTION_TOP_DOWN);

    mb_layout_graph_add_node (graph, "goal-b", 100, 40, 2);
    expect_error (graph, MB_LAYOUT_ERROR_DUPLICATE_ID);
  }

  {
    g_autoptr(MbLayoutGraph) graph = goal_graph (MB_LAYOUT_DIRECTION_TOP_DOWN);

    mb_layout_graph_add_edge (graph, "goal-b", "nowhere", MB_LAYOUT_EDGE_CONTRIBUTES);
    expect_error (graph, MB_LAYOUT_ERROR_UNKNOWN_NODE);
  }

  {
    g_autoptr(MbLayoutGraph) graph = goal_graph (MB_LAYOUT_DIRECTION_TOP_DOWN);

    mb_layout_graph_add_edge (graph, "nowhere", "goal-b", MB_LAYOUT_EDGE_DEPENDS);
    expect_error (graph, MB_LAYOUT_ERROR_UNKNOWN_NODE);
  }

  {
    g_autoptr(MbLayoutGraph) graph = goal_graph (MB_LAYOUT_DIRECTION_TOP_DOWN);

    mb_layout_graph_add_node (graph, "deep", 100, 40, 100000);
    expect_error (graph, MB_LAYOUT_ERROR_INVALID_RANK);
  }

  {
    g_autoptr(MbLayoutGraph) graph = goal_graph (MB_LAYOUT_DIRECTION_TOP_DOWN);

    mb_layout_graph_set_spacing (graph, NAN, 40);
    expect_error (graph, MB_LAYOUT_ERROR_INVALID_GEOMETRY);
    mb_layout_graph_set_spacing (graph, 10, -1);
    expect_error (graph, MB_LAYOUT_ERROR_INVALID_GEOMETRY);
  }

  /* Refused input leaves nothing behind: a good graph still lays out. */
  {
    g_autoptr(MbLayoutGraph) graph = goal_graph (MB_LAYOUT_DIRECTION_TOP_DOWN);
    g_autoptr(MbLayoutResult) result = run_ok (graph);

    g_assert_cmpuint (mb_layout_result_get_n_nodes (result), ==, G_N_ELEMENTS (goal_nodes));
  }
}

/* Edge cases that are legal: odd ids, a lone level far down, an empty level
 * between two others, many parallel links, links within a level. */
static void
test_layout_odd_input (void)
{
  g_autoptr(MbLayoutGraph) graph = mb_layout_graph_new (MB_LAYOUT_DIRECTION_LEFT_RIGHT);
  g_autoptr(MbLayoutResult) result = NULL;
  MbLayoutPoint a, b, c;

  mb_layout_graph_add_node (graph, "", 10, 10, 0);
  mb_layout_graph_add_node (graph, "\"quoted\" -> {edge}; label=x", 1, 1, 0);
  mb_layout_graph_add_node (graph, "Åsa ön", 200, 300, 2);
  mb_layout_graph_set_spacing (graph, 0, 0);
  for (guint i = 0; i < 5; i++)
    mb_layout_graph_add_edge (graph, "", "Åsa ön", MB_LAYOUT_EDGE_CONTRIBUTES);
  mb_layout_graph_add_edge (graph, "", "\"quoted\" -> {edge}; label=x", MB_LAYOUT_EDGE_CONTRIBUTES);
  result = run_ok (graph);

  a = mb_layout_result_get_node_center (result, 0);
  b = mb_layout_result_get_node_center (result, 1);
  c = mb_layout_result_get_node_center (result, 2);
  g_assert_cmpfloat (a.x, ==, b.x);
  g_assert_cmpfloat (c.x, >, a.x);
  g_assert_cmpstr (mb_layout_result_get_node_id (result, 1), ==, "\"quoted\" -> {edge}; label=x");
  g_assert_cmpuint (node_index (result, "Åsa ön"), ==, 2);

  for (guint i = 0; i < mb_layout_result_get_n_edges (result); i++)
    {
      guint n_points = 0;

      g_assert_nonnull (mb_layout_result_get_edge_spline (result, i, &n_points));
    }
}

typedef struct
{
  GMainLoop      *loop;
  MbLayoutResult *result;
  GError         *error;
} AsyncData;

static void
run_done_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  AsyncData *data = user_data;

  g_assert_null (source);
  data->result = mb_layout_run_finish (res, &data->error);
  g_main_loop_quit (data->loop);
}

static MbLayoutResult *
run_async_and_wait (MbLayoutGraph *graph,
                    GCancellable  *cancellable,
                    gboolean       cancel_at_once,
                    GError       **error)
{
  AsyncData data = { g_main_loop_new (NULL, FALSE), NULL, NULL };

  mb_layout_run_async (graph, cancellable, run_done_cb, &data);
  if (cancel_at_once)
    g_cancellable_cancel (cancellable);
  g_main_loop_run (data.loop);
  g_main_loop_unref (data.loop);

  g_assert_true (data.result == NULL || data.error == NULL);
  g_assert_true (data.result != NULL || data.error != NULL);
  if (data.error != NULL)
    g_propagate_error (error, data.error);
  return data.result;
}

static void
test_layout_async (void)
{
  g_autoptr(MbLayoutGraph) graph = goal_graph (MB_LAYOUT_DIRECTION_TOP_DOWN);
  g_autoptr(MbLayoutResult) sync_result = run_ok (graph);
  g_autoptr(MbLayoutResult) async_result = NULL;
  g_autoptr(GError) error = NULL;

  async_result = run_async_and_wait (graph, NULL, FALSE, &error);
  g_assert_no_error (error);
  assert_results_equal (sync_result, async_result);
}

static void
test_layout_async_error (void)
{
  g_autoptr(MbLayoutGraph) graph = goal_graph (MB_LAYOUT_DIRECTION_TOP_DOWN);
  g_autoptr(MbLayoutResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mb_layout_graph_add_edge (graph, "vision", "missing", MB_LAYOUT_EDGE_DEPENDS);
  result = run_async_and_wait (graph, NULL, FALSE, &error);
  g_assert_null (result);
  g_assert_error (error, MB_LAYOUT_ERROR, MB_LAYOUT_ERROR_UNKNOWN_NODE);
}

/* The graph is copied: changing it after the call does not change the run. */
static void
test_layout_async_copies_graph (void)
{
  g_autoptr(MbLayoutGraph) graph = goal_graph (MB_LAYOUT_DIRECTION_TOP_DOWN);
  AsyncData data = { g_main_loop_new (NULL, FALSE), NULL, NULL };

  mb_layout_run_async (graph, NULL, run_done_cb, &data);
  mb_layout_graph_add_node (graph, "goal-a", 1, 1, 0);   /* would be a duplicate */
  g_clear_pointer (&graph, mb_layout_graph_unref);
  g_main_loop_run (data.loop);
  g_main_loop_unref (data.loop);

  g_assert_no_error (data.error);
  g_assert_cmpuint (mb_layout_result_get_n_nodes (data.result), ==, G_N_ELEMENTS (goal_nodes));
  mb_layout_result_unref (data.result);
}

static void
test_layout_async_cancelled (void)
{
  guint ranks[600];
  g_autoptr(MbLayoutGraph) big = random_graph (3, G_N_ELEMENTS (ranks), 6,
                                               MB_LAYOUT_DIRECTION_TOP_DOWN, ranks);
  g_autoptr(MbLayoutGraph) small = goal_graph (MB_LAYOUT_DIRECTION_TOP_DOWN);

  /* Cancelled before it starts. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GError) error = NULL;
    g_autoptr(MbLayoutResult) result = NULL;

    g_cancellable_cancel (cancellable);
    result = run_async_and_wait (small, cancellable, FALSE, &error);
    g_assert_null (result);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }

  /* Cancelled while a large layout is under way (or done but not yet
   * delivered: either way the caller hears "cancelled"). */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GError) error = NULL;
    g_autoptr(MbLayoutResult) result = NULL;

    result = run_async_and_wait (big, cancellable, TRUE, &error);
    g_assert_null (result);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }

  /* A run after a cancelled one works, and gives the usual answer. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MbLayoutResult) expected = run_ok (small);
    g_autoptr(MbLayoutResult) result = run_async_and_wait (small, NULL, FALSE, &error);

    g_assert_no_error (error);
    assert_results_equal (expected, result);
  }
}

static gpointer
layout_thread_func (gpointer data)
{
  return run_ok (data);
}

/* Runs from several threads at once are serialised, and all agree. */
static void
test_layout_threads (void)
{
  guint ranks[200];
  g_autoptr(MbLayoutGraph) graph = random_graph (11, G_N_ELEMENTS (ranks), 5,
                                                 MB_LAYOUT_DIRECTION_LEFT_RIGHT, ranks);
  g_autoptr(MbLayoutResult) expected = run_ok (graph);
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("layout", layout_thread_func, graph);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autoptr(MbLayoutResult) result = g_thread_join (threads[i]);

      assert_results_equal (expected, result);
    }
}

/* Graphviz reads numbers with strtod: under a locale with a decimal comma
 * (Swedish, the users' own) the layout must come out the same. */
static void
test_layout_decimal_comma (void)
{
  static const char * const comma_locales[] = {
    "sv_SE.UTF-8", "sv_SE.utf8", "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8",
  };
  g_autoptr(MbLayoutGraph) graph = goal_graph (MB_LAYOUT_DIRECTION_TOP_DOWN);
  g_autoptr(MbLayoutResult) expected = NULL;
  g_autoptr(MbLayoutResult) result = NULL;
  g_autoptr(MbLayoutResult) async_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_locale = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *locale_dir = NULL;
  const char *found = NULL;

  /* Card sizes that are not whole inches, so that a misread shows. */
  mb_layout_graph_add_node (graph, "odd-size", 123.5, 45.25, 2);
  expected = run_ok (graph);

  for (guint i = 0; i < G_N_ELEMENTS (comma_locales) && found == NULL; i++)
    if (setlocale (LC_NUMERIC, comma_locales[i]) != NULL
        && g_str_equal (localeconv ()->decimal_point, ","))
      found = comma_locales[i];

  /* None installed (a bare CI image): compile the Swedish one. */
  if (found == NULL)
    {
      found = mb_test_set_swedish_locale (LC_NUMERIC, &locale_dir);
      if (found != NULL && !g_str_equal (localeconv ()->decimal_point, ","))
        found = NULL;
    }

  if (found == NULL)
    {
      setlocale (LC_NUMERIC, old_locale);
      mb_test_remove_dir (locale_dir);
      g_test_skip ("no locale with a decimal comma is installed");
      return;
    }

  g_test_message ("LC_NUMERIC=%s", found);
  result = mb_layout_run (graph, &error);
  async_result = run_async_and_wait (graph, NULL, FALSE, &error);

  /* The UI thread, isolated as the app does it, keeps its decimal comma
   * while layouts run in a worker (Graphviz 2.42 flips the global locale). */
  mb_layout_isolate_thread_locale ();
  setlocale (LC_NUMERIC, old_locale);
  {
    guint ranks[400];
    g_autoptr(MbLayoutGraph) big = random_graph (9, G_N_ELEMENTS (ranks), 6,
                                                 MB_LAYOUT_DIRECTION_TOP_DOWN, ranks);
    AsyncData data = { g_main_loop_new (NULL, FALSE), NULL, NULL };
    guint points = 0;

    for (guint run = 0; run < 3; run++)
      {
        mb_layout_run_async (big, NULL, run_done_cb, &data);
        while (data.result == NULL && data.error == NULL)
          {
            char buffer[16];

            g_snprintf (buffer, sizeof buffer, "%.1f", 1.5);
            points += buffer[1] == '.';
            g_main_context_iteration (NULL, FALSE);
          }
        g_assert_no_error (data.error);
        g_clear_pointer (&data.result, mb_layout_result_unref);
      }
    g_main_loop_unref (data.loop);
    g_assert_cmpuint (points, ==, 0);
  }
  freelocale (uselocale (LC_GLOBAL_LOCALE));
  mb_test_remove_dir (locale_dir);

  g_assert_no_error (error);
  assert_results_equal (expected, result);
  assert_results_equal (expected, async_result);
}

static void
test_layout_boxed (void)
{
  g_autoptr(MbLayoutGraph) graph = goal_graph (MB_LAYOUT_DIRECTION_TOP_DOWN);
  g_autoptr(MbLayoutResult) result = run_ok (graph);
  MbLayoutResult *copy;

  g_assert_true (G_TYPE_IS_BOXED (mb_layout_graph_get_type ()));
  copy = g_boxed_copy (mb_layout_result_get_type (), result);
  g_assert_true (copy == result);
  g_boxed_free (mb_layout_result_get_type (), copy);
  g_assert_cmpuint (mb_layout_graph_get_n_nodes (graph), ==, G_N_ELEMENTS (goal_nodes));
  g_assert_cmpuint (mb_layout_graph_get_n_edges (graph), ==, G_N_ELEMENTS (goal_edges));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layout/empty", test_layout_empty);
  g_test_add_func ("/layout/single", test_layout_single);
  g_test_add_func ("/layout/quick", test_layout_quick);
  g_test_add_func ("/layout/quick-order", test_layout_quick_order);
  g_test_add_func ("/layout/kept", test_layout_kept);
  g_test_add_func ("/layout/kept-hostile", test_layout_kept_hostile);
  g_test_add_func ("/layout/ranks/top-down", test_layout_ranks_top_down);
  g_test_add_func ("/layout/ranks/left-right", test_layout_ranks_left_right);
  g_test_add_func ("/layout/direction-swap", test_layout_direction_swap);
  g_test_add_func ("/layout/no-overlap", test_layout_no_overlap);
  g_test_add_func ("/layout/large", test_layout_large);
  g_test_add_func ("/layout/pinned", test_layout_pinned);
  g_test_add_func ("/layout/pinned-side-by-side", test_layout_pinned_side_by_side);
  g_test_add_func ("/layout/deterministic", test_layout_deterministic);
  g_test_add_func ("/layout/self-loop", test_layout_self_loop);
  g_test_add_func ("/layout/errors", test_layout_errors);
  g_test_add_func ("/layout/odd-input", test_layout_odd_input);
  g_test_add_func ("/layout/async", test_layout_async);
  g_test_add_func ("/layout/async-error", test_layout_async_error);
  g_test_add_func ("/layout/async-copies-graph", test_layout_async_copies_graph);
  g_test_add_func ("/layout/async-cancelled", test_layout_async_cancelled);
  g_test_add_func ("/layout/threads", test_layout_threads);
  g_test_add_func ("/layout/decimal-comma", test_layout_decimal_comma);
  g_test_add_func ("/layout/boxed", test_layout_boxed);

  return g_test_run ();
}
