/* mb-layout.c – layered auto-layout of a strategy's graph (Graphviz dot)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <gvc.h>
#include <gvplugin.h>
#include <types.h>

#include "mb-layout.h"

/* Level indices come from a strategy's level scheme (a handful of levels);
 * each rank becomes a row in dot, so an absurd rank is refused rather than
 * turned into thousands of empty rows. */
#define MAX_RANK 256

/* Pins and spacing beyond this are nonsense, and would overflow dot's ints. */
#define MAX_COORDINATE 1.0e7

/* dot's arrowhead length in points at arrowsize=1 (ARROW_LENGTH in Graphviz). */
#define ARROW_LENGTH 10.0

/* The default gaps between cards, in points: room for an arrowhead and a
 * readable curve between rows, and a clear gutter between siblings. */
#define DEFAULT_NODE_GAP 24.0
#define DEFAULT_RANK_GAP 56.0

/* dot's effort on large strategies. bench/mb-bench-layout (2,000 nodes on
 * 6 levels, 5,995 links; CPU time on a loaded 2-core VM; quality as
 * crossings between neighbouring levels and mean sideways travel of a link):
 *   dot defaults                  3.0–4.1 s   1,352,117 crossings   36,500 pt
 *   mclimit=0.3                   2.0 s       +0.5 %                 same
 *   mclimit=0.3, nslimit=1        2.2 s       +0.5 %                 +5 %
 *   mclimit=0.3, nslimit=0.5      1.6 s       +0.5 %                +20 %
 *   mclimit=0.3, nslimit=0.05     1.0–1.1 s   +0.5 %                +37 %
 *   (mclimit=0.2: 1.5 s, +10 % crossings; ordering=out, to pin sibling
 *   order: +64 % crossings; remincross=false, searchsize, splines=line or
 *   polyline: no measurable gain.)
 * Crossing minimisation (mclimit scales its passes) finds little after 30 %
 * of its default passes on graphs this size, so that cut is near free. The
 * network-simplex limit on x positions (nslimit) costs straighter links, so
 * only graphs too large for the budget without it get it. Small strategies,
 * the common case, get dot's full effort (500 nodes: 0.18 s). */
#define LARGE_GRAPH_NODES 500
#define LARGE_GRAPH_MCLIMIT "0.3"
#define HUGE_GRAPH_NODES 1500
#define HUGE_GRAPH_NSLIMIT "0.05"

typedef struct
{
  char     *id;
  double    width;
  double    height;
  guint     rank;
  gboolean  pinned;
  double    pin_x;
  double    pin_y;
} LayoutNode;

typedef struct
{
  char             *from;
  char             *to;
  MbLayoutEdgeKind  kind;
} LayoutEdge;

struct _MbLayoutGraph
{
  gatomicrefcount    ref_count;
  MbLayoutDirection  direction;
  double             node_gap;
  double             rank_gap;
  GArray            *nodes;   /* LayoutNode */
  GArray            *edges;   /* LayoutEdge */
};

typedef struct
{
  guint          first_point;  /* into MbLayoutResult.points */
  guint          n_points;     /* 0 for an edge that is not drawn (a self-loop) */
  MbLayoutPoint  tip;
} ResultEdge;

struct _MbLayoutResult
{
  gatomicrefcount  ref_count;
  guint            n_nodes;
  char           **ids;
  MbLayoutRect    *rects;
  GHashTable      *index;      /* id → node index + 1 */
  guint            n_edges;
  ResultEdge      *edges;
  GArray          *points;     /* MbLayoutPoint */
  MbLayoutRect     bounds;
};

G_DEFINE_BOXED_TYPE (MbLayoutGraph, mb_layout_graph, mb_layout_graph_ref, mb_layout_graph_unref)
G_DEFINE_BOXED_TYPE (MbLayoutResult, mb_layout_result,
                     mb_layout_result_ref, mb_layout_result_unref)
G_DEFINE_QUARK (mb-layout-error-quark, mb_layout_error)

/* Graphviz keeps global state (the cgraph attribute dictionaries, the error
 * hook, dot's statics) and is not thread-safe: every call into it, from any
 * thread, happens under this lock. */
static GMutex graphviz_lock;
static GVC_t *graphviz_context;     /* created once, under graphviz_lock */
static GString *graphviz_messages;  /* what Graphviz reported during one run */

/* The dot layout plugin is linked in and registered as a built-in, with
 * demand loading off. Debian's libgvc would otherwise dlopen plugins listed
 * in a config6a file that a package trigger writes (`dot -c`): a missing or
 * stale file, or a GVBINDIR in the environment, leaves "dot" unknown, and a
 * Flatpak build would need the same step. Linking it makes layout work the
 * same in a clean environment, the tests and the sandbox. */
extern gvplugin_library_t gvplugin_dot_layout_LTX_library;

static const lt_symlist_t builtin_plugins[] = {
  { "gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library },
  { NULL, NULL },
};

static void
layout_node_clear (gpointer data)
{
  LayoutNode *node = data;

  g_free (node->id);
}

static void
layout_edge_clear (gpointer data)
{
  LayoutEdge *edge = data;

  g_free (edge->from);
  g_free (edge->to);
}

static MbLayoutGraph *
layout_graph_copy (MbLayoutGraph *graph)
{
  MbLayoutGraph *copy = mb_layout_graph_new (graph->direction);

  copy->node_gap = graph->node_gap;
  copy->rank_gap = graph->rank_gap;

  for (guint i = 0; i < graph->nodes->len; i++)
    {
      LayoutNode node = g_array_index (graph->nodes, LayoutNode, i);

      node.id = g_strdup (node.id);
      g_array_append_val (copy->nodes, node);
    }

  for (guint i = 0; i < graph->edges->len; i++)
    {
      LayoutEdge edge = g_array_index (graph->edges, LayoutEdge, i);

      edge.from = g_strdup (edge.from);
      edge.to = g_strdup (edge.to);
      g_array_append_val (copy->edges, edge);
    }

  return copy;
}

static gboolean
is_sane_length (double value)
{
  return isfinite (value) && value > 0.0 && value <= MB_LAYOUT_MAX_NODE_SIZE;
}

static gboolean
is_sane_coordinate (double value)
{
  return isfinite (value) && fabs (value) <= MAX_COORDINATE;
}

/* Checks the input and maps every edge end to a node index. Returns a
 * from/to index pair per edge, or NULL with @error set. */
static guint *
layout_graph_resolve (MbLayoutGraph  *graph,
                      GError        **error)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *ends = NULL;

  if (!isfinite (graph->node_gap) || graph->node_gap < 0.0 || graph->node_gap > MAX_COORDINATE
      || !isfinite (graph->rank_gap) || graph->rank_gap < 0.0
      || graph->rank_gap > MAX_COORDINATE)
    {
      g_set_error (error, MB_LAYOUT_ERROR, MB_LAYOUT_ERROR_INVALID_GEOMETRY,
                   "The spacing between cards must be a finite, non-negative size");
      return NULL;
    }

  for (guint i = 0; i < graph->nodes->len; i++)
    {
      const LayoutNode *node = &g_array_index (graph->nodes, LayoutNode, i);

      if (!g_hash_table_insert (index, node->id, GUINT_TO_POINTER (i + 1)))
        {
          g_set_error (error, MB_LAYOUT_ERROR, MB_LAYOUT_ERROR_DUPLICATE_ID,
                       "Two nodes have the same id “%s”", node->id);
          return NULL;
        }

      if (!is_sane_length (node->width) || !is_sane_length (node->height))
        {
          g_set_error (error, MB_LAYOUT_ERROR, MB_LAYOUT_ERROR_INVALID_GEOMETRY,
                       "Node “%s” has an invalid size", node->id);
          return NULL;
        }

      if (node->pinned && (!is_sane_coordinate (node->pin_x) || !is_sane_coordinate (node->pin_y)))
        {
          g_set_error (error, MB_LAYOUT_ERROR, MB_LAYOUT_ERROR_INVALID_GEOMETRY,
                       "Node “%s” is pinned at an invalid position", node->id);
          return NULL;
        }

      if (node->rank > MAX_RANK)
        {
          g_set_error (error, MB_LAYOUT_ERROR, MB_LAYOUT_ERROR_INVALID_RANK,
                       "Node “%s” has level %u; the most is %u",
                       node->id, node->rank, MAX_RANK);
          return NULL;
        }
    }

  ends = g_new (guint, 2 * MAX (graph->edges->len, 1));

  for (guint i = 0; i < graph->edges->len; i++)
    {
      const LayoutEdge *edge = &g_array_index (graph->edges, LayoutEdge, i);
      guint from = GPOINTER_TO_UINT (g_hash_table_lookup (index, edge->from));
      guint to = GPOINTER_TO_UINT (g_hash_table_lookup (index, edge->to));

      if (from == 0 || to == 0)
        {
          g_set_error (error, MB_LAYOUT_ERROR, MB_LAYOUT_ERROR_UNKNOWN_NODE,
                       "A link refers to an unknown node “%s”",
                       from == 0 ? edge->from : edge->to);
          return NULL;
        }

      ends[2 * i] = from - 1;
      ends[2 * i + 1] = to - 1;
    }

  return g_steal_pointer (&ends);
}

/* Graphviz's API takes char * for names and values it does not modify. */
static Agsym_t *
declare_attribute (Agraph_t   *g,
                   int         kind,
                   const char *name,
                   const char *default_value)
{
  return agattr (g, kind, (char *) name, (char *) default_value);
}

static void
set_attribute (void       *object,
               Agsym_t    *symbol,
               const char *value)
{
  agxset (object, symbol, (char *) value);
}

/* Sizes go to dot in inches, formatted without the locale. */
static void
set_inches (void    *object,
            Agsym_t *symbol,
            double   points)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  set_attribute (object, symbol, g_ascii_formatd (buffer, sizeof buffer, "%.6f", points / 72.0));
}

static int
graphviz_message_cb (char *message)
{
  if (graphviz_messages != NULL)
    g_string_append (graphviz_messages, message);

  return 0;
}

static MbLayoutPoint
point_from_dot (pointf p,
                double origin_x,
                double origin_y)
{
  /* dot's y grows upward; ours grows downward. */
  return (MbLayoutPoint) { p.x - origin_x, origin_y - p.y };
}

static void
rect_include_point (MbLayoutRect  *extent,
                    gboolean      *empty,
                    MbLayoutPoint  p)
{
  if (*empty)
    {
      *extent = (MbLayoutRect) { p.x, p.y, 0.0, 0.0 };
      *empty = FALSE;
      return;
    }

  if (p.x < extent->x)
    {
      extent->width += extent->x - p.x;
      extent->x = p.x;
    }
  else if (p.x > extent->x + extent->width)
    {
      extent->width = p.x - extent->x;
    }

  if (p.y < extent->y)
    {
      extent->height += extent->y - p.y;
      extent->y = p.y;
    }
  else if (p.y > extent->y + extent->height)
    {
      extent->height = p.y - extent->y;
    }
}

static void
rect_include_rect (MbLayoutRect       *extent,
                   gboolean           *empty,
                   const MbLayoutRect *rect)
{
  rect_include_point (extent, empty, (MbLayoutPoint) { rect->x, rect->y });
  rect_include_point (extent, empty,
                      (MbLayoutPoint) { rect->x + rect->width, rect->y + rect->height });
}

/* A plain cubic from the side of @from that faces @to, to the facing side of
 * @to, leaving the flow direction and arriving along it, so that a rerouted
 * edge reads like its dot-routed neighbours. Ends exactly on both borders. */
static void
route_simple (const MbLayoutRect *from,
              const MbLayoutRect *to,
              MbLayoutDirection   direction,
              MbLayoutPoint       points[4],
              MbLayoutPoint      *tip)
{
  double fcx = from->x + from->width / 2.0;
  double fcy = from->y + from->height / 2.0;
  double tcx = to->x + to->width / 2.0;
  double tcy = to->y + to->height / 2.0;
  gboolean apart_y = to->y >= from->y + from->height || to->y + to->height <= from->y;
  gboolean apart_x = to->x >= from->x + from->width || to->x + to->width <= from->x;
  gboolean vertical;
  MbLayoutPoint axis;
  MbLayoutPoint start;
  MbLayoutPoint base;
  double distance;
  double arrow;
  double reach;

  /* Prefer the flow direction; use the other axis when the cards overlap
   * along it (pinned beside each other). */
  if (direction == MB_LAYOUT_DIRECTION_TOP_DOWN)
    vertical = apart_y || !apart_x;
  else
    vertical = apart_y && !apart_x;

  if (vertical)
    {
      double sign = tcy >= fcy ? 1.0 : -1.0;

      axis = (MbLayoutPoint) { 0.0, sign };
      start = (MbLayoutPoint) { fcx, fcy + sign * from->height / 2.0 };
      *tip = (MbLayoutPoint) { tcx, tcy - sign * to->height / 2.0 };
      distance = (tip->y - start.y) * sign;
    }
  else
    {
      double sign = tcx >= fcx ? 1.0 : -1.0;

      axis = (MbLayoutPoint) { sign, 0.0 };
      start = (MbLayoutPoint) { fcx + sign * from->width / 2.0, fcy };
      *tip = (MbLayoutPoint) { tcx - sign * to->width / 2.0, tcy };
      distance = (tip->x - start.x) * sign;
    }

  /* Cards that overlap leave no room: keep a short arrow anyway. */
  arrow = CLAMP (distance / 2.0, 2.0, ARROW_LENGTH);
  base = (MbLayoutPoint) { tip->x - axis.x * arrow, tip->y - axis.y * arrow };
  reach = MAX (fabs (distance - arrow) / 2.0, 8.0);

  points[0] = start;
  points[1] = (MbLayoutPoint) { start.x + axis.x * reach, start.y + axis.y * reach };
  points[2] = (MbLayoutPoint) { base.x - axis.x * reach, base.y - axis.y * reach };
  points[3] = base;
}

static void measure_bounds (MbLayoutResult *result);

static MbLayoutResult *
layout_result_new (MbLayoutGraph *graph)
{
  MbLayoutResult *result = g_new0 (MbLayoutResult, 1);

  g_atomic_ref_count_init (&result->ref_count);
  result->n_nodes = graph->nodes->len;
  result->ids = g_new0 (char *, result->n_nodes + 1);
  result->rects = g_new0 (MbLayoutRect, MAX (result->n_nodes, 1));
  result->index = g_hash_table_new (g_str_hash, g_str_equal);
  result->n_edges = graph->edges->len;
  result->edges = g_new0 (ResultEdge, MAX (result->n_edges, 1));
  result->points = g_array_new (FALSE, FALSE, sizeof (MbLayoutPoint));

  for (guint i = 0; i < result->n_nodes; i++)
    {
      const LayoutNode *node = &g_array_index (graph->nodes, LayoutNode, i);

      result->ids[i] = g_strdup (node->id);
      result->rects[i].width = node->width;
      result->rects[i].height = node->height;
      g_hash_table_insert (result->index, result->ids[i], GUINT_TO_POINTER (i + 1));
    }

  return result;
}

/* Builds the dot graph. Ranks: one rank=same subgraph per level, tied into
 * rows by an invisible chain of one tiny node per level (minlen = the level
 * gap, so an empty level stays an empty row). Every edge is given to dot
 * pointing down the levels (an upward link is entered reversed with
 * dir=back), so that no edge fights the chain and dot never breaks a
 * "cycle" by reversing a rank constraint. Only "contributes" edges between
 * different levels constrain the order; the others are routed only.
 * Nodes are named by index and entered in input order, which is also the
 * sibling order dot starts its crossing minimisation from. */
static Agraph_t *
build_dot_graph (MbLayoutGraph  *graph,
                 const guint    *ends,
                 Agedge_t      **dot_edges,
                 gboolean       *reversed,
                 Agnode_t      **dot_nodes)
{
  char name[32];
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  Agraph_t *g;
  Agraph_t *rank_subgraphs[MAX_RANK + 1] = { NULL, };
  Agsym_t *n_width, *n_height, *n_style;
  Agsym_t *e_style, *e_constraint, *e_dir, *e_minlen;
  Agsym_t *g_rank;
  Agnode_t *previous = NULL;
  guint previous_rank = 0;

  g = agopen ((char *) "malbild", Agdirected, NULL);

  declare_attribute (g, AGRAPH, "rankdir",
                     graph->direction == MB_LAYOUT_DIRECTION_LEFT_RIGHT ? "LR" : "TB");
  declare_attribute (g, AGRAPH, "splines", "spline");
  declare_attribute (g, AGRAPH, "nodesep",
                     g_ascii_formatd (buffer, sizeof buffer, "%.6f", graph->node_gap / 72.0));
  declare_attribute (g, AGRAPH, "ranksep",
                     g_ascii_formatd (buffer, sizeof buffer, "%.6f", graph->rank_gap / 72.0));
  g_rank = declare_attribute (g, AGRAPH, "rank", "");
  /* Keep dot within the canvas's time budget on large strategies. */
  if (graph->nodes->len >= LARGE_GRAPH_NODES)
    declare_attribute (g, AGRAPH, "mclimit", LARGE_GRAPH_MCLIMIT);
  if (graph->nodes->len >= HUGE_GRAPH_NODES)
    declare_attribute (g, AGRAPH, "nslimit", HUGE_GRAPH_NSLIMIT);

  declare_attribute (g, AGNODE, "shape", "box");
  declare_attribute (g, AGNODE, "fixedsize", "true");
  declare_attribute (g, AGNODE, "label", "");
  n_width = declare_attribute (g, AGNODE, "width", "1");
  n_height = declare_attribute (g, AGNODE, "height", "1");
  n_style = declare_attribute (g, AGNODE, "style", "");

  e_style = declare_attribute (g, AGEDGE, "style", "");
  e_constraint = declare_attribute (g, AGEDGE, "constraint", "true");
  e_dir = declare_attribute (g, AGEDGE, "dir", "forward");
  e_minlen = declare_attribute (g, AGEDGE, "minlen", "1");

  /* The rows, top to bottom, and the chain that keeps them in order. */
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      guint rank = g_array_index (graph->nodes, LayoutNode, i).rank;

      if (rank_subgraphs[rank] == NULL)
        {
          g_snprintf (name, sizeof name, "rank%u", rank);
          rank_subgraphs[rank] = agsubg (g, name, TRUE);
          set_attribute (rank_subgraphs[rank], g_rank, "same");
        }
    }

  for (guint rank = 0; rank <= MAX_RANK; rank++)
    {
      Agnode_t *link;

      if (rank_subgraphs[rank] == NULL)
        continue;

      g_snprintf (name, sizeof name, "r%u", rank);
      link = agnode (rank_subgraphs[rank], name, TRUE);
      set_attribute (link, n_style, "invis");
      set_inches (link, n_width, 1.0);
      set_inches (link, n_height, 1.0);

      if (previous != NULL)
        {
          Agedge_t *e = agedge (g, previous, link, NULL, TRUE);

          set_attribute (e, e_style, "invis");
          g_snprintf (name, sizeof name, "%u", rank - previous_rank);
          set_attribute (e, e_minlen, name);
        }

      previous = link;
      previous_rank = rank;
    }

  for (guint i = 0; i < graph->nodes->len; i++)
    {
      const LayoutNode *node = &g_array_index (graph->nodes, LayoutNode, i);
      Agnode_t *n;

      g_snprintf (name, sizeof name, "n%u", i);
      n = agnode (rank_subgraphs[node->rank], name, TRUE);
      set_inches (n, n_width, node->width);
      set_inches (n, n_height, node->height);
      dot_nodes[i] = n;
    }

  for (guint i = 0; i < graph->edges->len; i++)
    {
      const LayoutEdge *edge = &g_array_index (graph->edges, LayoutEdge, i);
      guint from = ends[2 * i];
      guint to = ends[2 * i + 1];
      guint from_rank = g_array_index (graph->nodes, LayoutNode, from).rank;
      guint to_rank = g_array_index (graph->nodes, LayoutNode, to).rank;
      Agedge_t *e;

      dot_edges[i] = NULL;
      reversed[i] = FALSE;

      /* Self-loops say nothing about a strategy's structure: not drawn. */
      if (from == to)
        continue;

      if (from_rank > to_rank)
        {
          e = agedge (g, dot_nodes[to], dot_nodes[from], NULL, TRUE);
          set_attribute (e, e_dir, "back");
          reversed[i] = TRUE;
        }
      else
        {
          e = agedge (g, dot_nodes[from], dot_nodes[to], NULL, TRUE);
        }

      if (edge->kind != MB_LAYOUT_EDGE_CONTRIBUTES || from_rank == to_rank)
        set_attribute (e, e_constraint, "false");

      dot_edges[i] = e;
    }

  return g;
}

/* The bezier dot routed for edge @i, in dot's space and in the edge's own
 * direction (from → to), or FALSE when dot left the edge unrouted. */
static gboolean
dot_edge_spline (Agedge_t  *e,
                 gboolean   is_reversed,
                 GArray    *out_points,
                 pointf    *tip)
{
  bezier *bz;
  guint n;

  /* One bezier per edge is what dot gives without concentrate=true; the
   * sizes are int in Graphviz 2.42 and size_t in later releases. */
  if (e == NULL || ED_spl (e) == NULL || (guint) ED_spl (e)->size != 1)
    return FALSE;

  bz = &ED_spl (e)->list[0];
  n = (guint) bz->size;
  if (n < 4 || (n - 1) % 3 != 0)
    return FALSE;

  if (!is_reversed)
    {
      g_array_append_vals (out_points, bz->list, n);
      *tip = bz->eflag ? bz->ep : bz->list[n - 1];
    }
  else
    {
      for (guint k = n; k > 0; k--)
        g_array_append_val (out_points, bz->list[k - 1]);
      *tip = bz->sflag ? bz->sp : bz->list[0];
    }

  return TRUE;
}

static gboolean
run_dot (MbLayoutGraph   *graph,
         const guint     *ends,
         MbLayoutResult  *result,
         GCancellable    *cancellable,
         GError         **error)
{
  g_autofree Agnode_t **dot_nodes = g_new0 (Agnode_t *, graph->nodes->len);
  g_autofree Agedge_t **dot_edges = g_new0 (Agedge_t *, MAX (graph->edges->len, 1));
  g_autofree gboolean *reversed = g_new0 (gboolean, MAX (graph->edges->len, 1));
  g_autoptr(GArray) dot_points = g_array_new (FALSE, FALSE, sizeof (pointf));
  g_autofree pointf *dot_tips = g_new0 (pointf, MAX (graph->edges->len, 1));
  g_autofree guint *first = g_new0 (guint, MAX (graph->edges->len, 1));
  g_autofree gboolean *routed = g_new0 (gboolean, MAX (graph->edges->len, 1));
  locale_t c_locale;
  locale_t old_locale;
  agusererrf old_handler;
  Agraph_t *g;
  double min_x = G_MAXDOUBLE;
  double max_y = -G_MAXDOUBLE;
  gboolean ok = TRUE;
  int status;

  /* Graphviz reads its numbers with strtod: under a Swedish LC_NUMERIC
   * "0.5" would parse as 0. Graphviz 2.42's gvLayout switches the global
   * LC_NUMERIC to "C" itself (with setlocale, process-wide); not every
   * release need do so, so the C locale is also set here, for this thread. */
  c_locale = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);
  old_locale = c_locale != (locale_t) 0 ? uselocale (c_locale) : (locale_t) 0;

  g_mutex_lock (&graphviz_lock);

  if (graphviz_context == NULL)
    graphviz_context = gvContextPlugins (builtin_plugins, FALSE);

  graphviz_messages = g_string_new (NULL);
  old_handler = agseterrf (graphviz_message_cb);
  agreseterrors ();

  g = build_dot_graph (graph, ends, dot_edges, reversed, dot_nodes);
  status = gvLayout (graphviz_context, g, "dot");

  if (status != 0)
    {
      g_strstrip (graphviz_messages->str);
      g_set_error (error, MB_LAYOUT_ERROR, MB_LAYOUT_ERROR_FAILED,
                   "Graphviz could not lay out the graph: %s",
                   graphviz_messages->len > 0 ? graphviz_messages->str : "unknown error");
      ok = FALSE;
    }
  else if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      ok = FALSE;
    }
  else
    {
      if (graphviz_messages->len > 0)
        g_debug ("Graphviz: %s", graphviz_messages->str);

      for (guint i = 0; i < graph->nodes->len; i++)
        {
          pointf c = ND_coord (dot_nodes[i]);
          const MbLayoutRect *r = &result->rects[i];

          result->rects[i].x = c.x;
          result->rects[i].y = c.y;
          min_x = MIN (min_x, c.x - r->width / 2.0);
          max_y = MAX (max_y, c.y + r->height / 2.0);
        }

      for (guint i = 0; i < graph->edges->len; i++)
        {
          first[i] = dot_points->len;
          routed[i] = dot_edge_spline (dot_edges[i], reversed[i], dot_points, &dot_tips[i]);
        }

      for (guint k = 0; k < dot_points->len; k++)
        {
          min_x = MIN (min_x, g_array_index (dot_points, pointf, k).x);
          max_y = MAX (max_y, g_array_index (dot_points, pointf, k).y);
        }
    }

  gvFreeLayout (graphviz_context, g);
  agclose (g);
  agseterrf (old_handler);
  g_string_free (graphviz_messages, TRUE);
  graphviz_messages = NULL;

  g_mutex_unlock (&graphviz_lock);

  if (c_locale != (locale_t) 0)
    {
      uselocale (old_locale);
      freelocale (c_locale);
    }

  if (!ok)
    return FALSE;

  /* Into our space: dot's extent (pins play no part in it, so pinning a
   * node never moves the others) with its top-left corner at (0, 0). */
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      MbLayoutRect *r = &result->rects[i];
      MbLayoutPoint c = point_from_dot ((pointf) { r->x, r->y }, min_x, max_y);

      r->x = c.x - r->width / 2.0;
      r->y = c.y - r->height / 2.0;
    }

  for (guint i = 0; i < graph->edges->len; i++)
    {
      const LayoutNode *from = &g_array_index (graph->nodes, LayoutNode, ends[2 * i]);
      const LayoutNode *to = &g_array_index (graph->nodes, LayoutNode, ends[2 * i + 1]);
      ResultEdge *edge = &result->edges[i];
      guint n_dot_points;

      if (ends[2 * i] == ends[2 * i + 1])
        continue;

      /* Edges at a pinned node are rerouted once the pins are applied. */
      if (!routed[i] || from->pinned || to->pinned)
        continue;

      n_dot_points = (i + 1 < graph->edges->len ? first[i + 1] : dot_points->len) - first[i];
      edge->first_point = result->points->len;
      edge->n_points = n_dot_points;
      edge->tip = point_from_dot (dot_tips[i], min_x, max_y);

      for (guint k = 0; k < n_dot_points; k++)
        {
          pointf p = g_array_index (dot_points, pointf, first[i] + k);
          MbLayoutPoint q = point_from_dot (p, min_x, max_y);

          g_array_append_val (result->points, q);
        }
    }

  return TRUE;
}

/* Pins, reroutes what dot could not route (or routed to where a pinned node
 * no longer is), and measures the whole drawing. */
static void
finish_result (MbLayoutGraph  *graph,
               const guint    *ends,
               MbLayoutResult *result)
{
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      const LayoutNode *node = &g_array_index (graph->nodes, LayoutNode, i);

      if (node->pinned)
        {
          result->rects[i].x = node->pin_x - node->width / 2.0;
          result->rects[i].y = node->pin_y - node->height / 2.0;
        }
    }

  for (guint i = 0; i < graph->edges->len; i++)
    {
      ResultEdge *edge = &result->edges[i];
      MbLayoutPoint points[4];

      if (ends[2 * i] == ends[2 * i + 1] || edge->n_points > 0)
        continue;

      route_simple (&result->rects[ends[2 * i]], &result->rects[ends[2 * i + 1]],
                    graph->direction, points, &edge->tip);
      edge->first_point = result->points->len;
      edge->n_points = G_N_ELEMENTS (points);
      g_array_append_vals (result->points, points, G_N_ELEMENTS (points));
    }

  measure_bounds (result);
}

/* The extent of the cards, the curves and the arrowheads. */
static void
measure_bounds (MbLayoutResult *result)
{
  gboolean empty = TRUE;

  result->bounds = (MbLayoutRect) { 0.0, 0.0, 0.0, 0.0 };
  for (guint i = 0; i < result->n_nodes; i++)
    rect_include_rect (&result->bounds, &empty, &result->rects[i]);

  /* A Bézier lies within the hull of its control points. */
  for (guint k = 0; k < result->points->len; k++)
    rect_include_point (&result->bounds, &empty,
                        g_array_index (result->points, MbLayoutPoint, k));

  for (guint i = 0; i < result->n_edges; i++)
    if (result->edges[i].n_points > 0)
      rect_include_point (&result->bounds, &empty, result->edges[i].tip);
}

static MbLayoutResult *
layout_run (MbLayoutGraph  *graph,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autoptr(MbLayoutResult) result = NULL;
  g_autofree guint *ends = NULL;

  ends = layout_graph_resolve (graph, error);
  if (ends == NULL)
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  result = layout_result_new (graph);

  if (graph->nodes->len > 0 && !run_dot (graph, ends, result, cancellable, error))
    return NULL;

  finish_result (graph, ends, result);

  return g_steal_pointer (&result);
}

/* Sweeps of the barycentre heuristic over the rows: down, up, down, up.
 * bench/mb-bench-layout, 2,000 and 8,000 generated nodes: the first down
 * and up passes take away 41 % and 43 % of the crossings of input order,
 * further pairs next to nothing (a down pass last leaves 6 % more than an
 * up pass: the long bottom row then follows the short rows above it). */
#define QUICK_SWEEPS 4

typedef struct
{
  double key;
  guint  order;   /* place in the row before the sort: ties keep it */
  guint  node;
} RowSlot;

static int
compare_row_slots (gconstpointer a,
                   gconstpointer b)
{
  const RowSlot *s = a, *t = b;

  if (s->key != t->key)
    return s->key < t->key ? -1 : 1;
  return s->order < t->order ? -1 : s->order > t->order ? 1 : 0;
}

/* The centres along @row of its nodes in their current order, packed from
 * @start with the graph's gap between cards. */
static void
pack_row (MbLayoutGraph *graph,
          const GArray  *row,
          double         start,
          double        *centre)
{
  gboolean down = graph->direction == MB_LAYOUT_DIRECTION_TOP_DOWN;
  double cursor = start;

  for (guint k = 0; k < row->len; k++)
    {
      guint i = g_array_index (row, guint, k);
      const LayoutNode *node = &g_array_index (graph->nodes, LayoutNode, i);
      double along = down ? node->width : node->height;

      centre[i] = cursor + along / 2.0;
      cursor += along + graph->node_gap;
    }
}

/* Orders each row by the mean position of its nodes' neighbours on the
 * rows already placed (above on the way down, below on the way up), as
 * the Sugiyama heuristic does; a node with no such neighbour keeps its
 * place. Only "contributes" links between levels count, as in dot. A
 * long link (two levels up) pulls as a short one would, with no dummy
 * nodes in the rows between. */
static void
order_rows (MbLayoutGraph  *graph,
            const guint    *ends,
            GArray        **rows,
            const double   *row_start,
            guint           n_ranks,
            double         *centre)
{
  guint n_nodes = graph->nodes->len;
  g_autofree guint *first = g_new0 (guint, n_nodes + 1);
  g_autofree guint *neighbours = NULL;
  g_autofree guint *fill = NULL;
  g_autofree RowSlot *slots = NULL;
  guint widest_row = 0;

  /* The links at each node, both ways (compressed rows). */
  for (guint e = 0; e < graph->edges->len; e++)
    {
      const LayoutEdge *edge = &g_array_index (graph->edges, LayoutEdge, e);
      guint a = ends[2 * e], b = ends[2 * e + 1];

      if (edge->kind != MB_LAYOUT_EDGE_CONTRIBUTES
          || g_array_index (graph->nodes, LayoutNode, a).rank
             == g_array_index (graph->nodes, LayoutNode, b).rank)
        continue;
      first[a + 1]++;
      first[b + 1]++;
    }
  for (guint i = 0; i < n_nodes; i++)
    first[i + 1] += first[i];
  neighbours = g_new (guint, MAX (first[n_nodes], 1));
  fill = g_memdup2 (first, sizeof (guint) * n_nodes);
  for (guint e = 0; e < graph->edges->len; e++)
    {
      const LayoutEdge *edge = &g_array_index (graph->edges, LayoutEdge, e);
      guint a = ends[2 * e], b = ends[2 * e + 1];

      if (edge->kind != MB_LAYOUT_EDGE_CONTRIBUTES
          || g_array_index (graph->nodes, LayoutNode, a).rank
             == g_array_index (graph->nodes, LayoutNode, b).rank)
        continue;
      neighbours[fill[a]++] = b;
      neighbours[fill[b]++] = a;
    }

  for (guint r = 0; r < n_ranks; r++)
    widest_row = MAX (widest_row, rows[r]->len);
  slots = g_new (RowSlot, MAX (widest_row, 1));

  for (guint sweep = 0; sweep < QUICK_SWEEPS && n_ranks > 1; sweep++)
    {
      gboolean downward = sweep % 2 == 0;

      for (guint step = 1; step < n_ranks; step++)
        {
          guint r = downward ? step : n_ranks - 1 - step;
          GArray *row = rows[r];

          for (guint k = 0; k < row->len; k++)
            {
              guint i = g_array_index (row, guint, k);
              double sum = 0.0;
              guint count = 0;

              for (guint j = first[i]; j < first[i + 1]; j++)
                {
                  guint other_rank = g_array_index (graph->nodes, LayoutNode, neighbours[j]).rank;

                  if (downward ? other_rank < r : other_rank > r)
                    {
                      sum += centre[neighbours[j]];
                      count++;
                    }
                }
              slots[k] = (RowSlot) { count > 0 ? sum / count : centre[i], k, i };
            }

          qsort (slots, row->len, sizeof (RowSlot), compare_row_slots);
          for (guint k = 0; k < row->len; k++)
            g_array_index (row, guint, k) = slots[k].node;
          pack_row (graph, row, row_start[r], centre);
        }
    }
}

/* Rows (or columns) by rank, each centred on the widest, ordered by a few
 * barycentre sweeps: no crossing minimisation beyond that and no dummy
 * nodes, so it takes milliseconds where dot takes seconds. */
static void
place_by_rank (MbLayoutGraph  *graph,
               const guint    *ends,
               MbLayoutResult *result)
{
  gboolean down = graph->direction == MB_LAYOUT_DIRECTION_TOP_DOWN;
  guint n_ranks = 0;
  g_autofree double *length = NULL;   /* along the row */
  g_autofree double *depth = NULL;    /* across it */
  g_autofree double *row_start = NULL;
  g_autofree double *centre = NULL;
  g_autofree GArray **rows = NULL;
  double widest = 0, offset = 0;

  for (guint i = 0; i < graph->nodes->len; i++)
    n_ranks = MAX (n_ranks, g_array_index (graph->nodes, LayoutNode, i).rank + 1);
  length = g_new0 (double, n_ranks + 1);
  depth = g_new0 (double, n_ranks + 1);
  row_start = g_new0 (double, n_ranks + 1);
  centre = g_new0 (double, MAX (graph->nodes->len, 1));
  rows = g_new0 (GArray *, n_ranks + 1);
  for (guint r = 0; r < n_ranks; r++)
    rows[r] = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < graph->nodes->len; i++)
    {
      const LayoutNode *node = &g_array_index (graph->nodes, LayoutNode, i);
      double along = down ? node->width : node->height;

      length[node->rank] += (length[node->rank] > 0 ? graph->node_gap : 0) + along;
      depth[node->rank] = MAX (depth[node->rank], down ? node->height : node->width);
      g_array_append_val (rows[node->rank], i);
    }
  for (guint r = 0; r < n_ranks; r++)
    widest = MAX (widest, length[r]);
  for (guint r = 0; r < n_ranks; r++)
    {
      row_start[r] = (widest - length[r]) / 2.0;
      pack_row (graph, rows[r], row_start[r], centre);
      /* Reused: where the rank's row starts across the flow. */
      length[r] = offset;
      offset += depth[r] + graph->rank_gap;
    }

  order_rows (graph, ends, rows, row_start, n_ranks, centre);

  for (guint i = 0; i < graph->nodes->len; i++)
    {
      const LayoutNode *node = &g_array_index (graph->nodes, LayoutNode, i);
      MbLayoutRect *rect = &result->rects[i];
      double across = length[node->rank] + (depth[node->rank]
                                            - (down ? node->height : node->width)) / 2.0;
      double along = centre[i] - (down ? node->width : node->height) / 2.0;

      rect->x = down ? along : across;
      rect->y = down ? across : along;
    }

  for (guint r = 0; r < n_ranks; r++)
    g_array_unref (rows[r]);
}

/**
 * mb_layout_run_quick:
 * @graph: the graph
 * @error: return location for an error
 *
 * A placement in rows by rank, each row ordered by a few barycentre sweeps
 * over the links so that most crossings go, with plain curves for the
 * edges: something readable to show at once while mb_layout_run_async()
 * works (8,000 nodes in a few tens of milliseconds).
 * Pinned nodes keep their pins, as in mb_layout_run().
 *
 * Returns: (transfer full): the layout, or %NULL if the graph is invalid
 */
MbLayoutResult *
mb_layout_run_quick (MbLayoutGraph  *graph,
                     GError        **error)
{
  g_autoptr(MbLayoutResult) result = NULL;
  g_autofree guint *ends = NULL;

  g_return_val_if_fail (graph != NULL, NULL);

  ends = layout_graph_resolve (graph, error);
  if (ends == NULL)
    return NULL;
  result = layout_result_new (graph);
  place_by_rank (graph, ends, result);
  finish_result (graph, ends, result);
  return g_steal_pointer (&result);
}

static void
layout_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  MbLayoutGraph *graph = task_data;
  GError *error = NULL;
  MbLayoutResult *result;

  result = layout_run (graph, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) mb_layout_result_unref);
}

/**
 * mb_layout_graph_new:
 * @direction: the flow: rank 0 on top, or on the left
 *
 * Returns: (transfer full): an empty graph
 */
MbLayoutGraph *
mb_layout_graph_new (MbLayoutDirection direction)
{
  MbLayoutGraph *graph = g_new0 (MbLayoutGraph, 1);

  g_atomic_ref_count_init (&graph->ref_count);
  graph->direction = direction;
  graph->node_gap = DEFAULT_NODE_GAP;
  graph->rank_gap = DEFAULT_RANK_GAP;
  graph->nodes = g_array_new (FALSE, FALSE, sizeof (LayoutNode));
  g_array_set_clear_func (graph->nodes, layout_node_clear);
  graph->edges = g_array_new (FALSE, FALSE, sizeof (LayoutEdge));
  g_array_set_clear_func (graph->edges, layout_edge_clear);

  return graph;
}

MbLayoutGraph *
mb_layout_graph_ref (MbLayoutGraph *graph)
{
  g_return_val_if_fail (graph != NULL, NULL);

  g_atomic_ref_count_inc (&graph->ref_count);
  return graph;
}

void
mb_layout_graph_unref (MbLayoutGraph *graph)
{
  g_return_if_fail (graph != NULL);

  if (g_atomic_ref_count_dec (&graph->ref_count))
    {
      g_array_unref (graph->nodes);
      g_array_unref (graph->edges);
      g_free (graph);
    }
}

MbLayoutDirection
mb_layout_graph_get_direction (MbLayoutGraph *graph)
{
  g_return_val_if_fail (graph != NULL, MB_LAYOUT_DIRECTION_TOP_DOWN);

  return graph->direction;
}

/**
 * mb_layout_graph_set_spacing:
 * @graph: a graph
 * @node_gap: the least gap between neighbouring cards of one level, in points
 * @rank_gap: the least gap between two levels, in points
 */
void
mb_layout_graph_set_spacing (MbLayoutGraph *graph,
                             double         node_gap,
                             double         rank_gap)
{
  g_return_if_fail (graph != NULL);

  graph->node_gap = node_gap;
  graph->rank_gap = rank_gap;
}

/**
 * mb_layout_graph_add_node:
 * @graph: a graph
 * @id: the node's id, unique in @graph (checked when the layout runs)
 * @width: the card's width in points
 * @height: the card's height in points
 * @rank: the node's level, 0 for the first (top or left)
 *
 * Nodes of a level are kept in the order they are added where crossings
 * allow: add siblings in their order.
 *
 * Returns: the node's index, also its index in the result
 */
guint
mb_layout_graph_add_node (MbLayoutGraph *graph,
                          const char    *id,
                          double         width,
                          double         height,
                          guint          rank)
{
  LayoutNode node = { NULL, };

  g_return_val_if_fail (graph != NULL, 0);
  g_return_val_if_fail (id != NULL, 0);

  node.id = g_strdup (id);
  node.width = width;
  node.height = height;
  node.rank = rank;
  g_array_append_val (graph->nodes, node);

  return graph->nodes->len - 1;
}

/**
 * mb_layout_graph_pin_node:
 * @graph: a graph
 * @node: an index from mb_layout_graph_add_node()
 * @x: the centre's x, in the result's space
 * @y: the centre's y, in the result's space
 *
 * Keeps the node's centre at (@x, @y). The other nodes are placed as if the
 * node were not pinned (so pinning one never moves the rest); the edges at a
 * pinned node are drawn as plain curves between the facing sides.
 */
void
mb_layout_graph_pin_node (MbLayoutGraph *graph,
                          guint          node,
                          double         x,
                          double         y)
{
  LayoutNode *n;

  g_return_if_fail (graph != NULL);
  g_return_if_fail (node < graph->nodes->len);

  n = &g_array_index (graph->nodes, LayoutNode, node);
  n->pinned = TRUE;
  n->pin_x = x;
  n->pin_y = y;
}

/**
 * mb_layout_graph_add_edge:
 * @graph: a graph
 * @from_id: the id of the node the link starts at
 * @to_id: the id of the node the arrow points at
 * @kind: the link's kind; only "contributes" edges shape the layout
 *
 * The ids are resolved when the layout runs; an unknown id fails it then.
 *
 * Returns: the edge's index, also its index in the result
 */
guint
mb_layout_graph_add_edge (MbLayoutGraph    *graph,
                          const char       *from_id,
                          const char       *to_id,
                          MbLayoutEdgeKind  kind)
{
  LayoutEdge edge;

  g_return_val_if_fail (graph != NULL, 0);
  g_return_val_if_fail (from_id != NULL, 0);
  g_return_val_if_fail (to_id != NULL, 0);

  edge.from = g_strdup (from_id);
  edge.to = g_strdup (to_id);
  edge.kind = kind;
  g_array_append_val (graph->edges, edge);

  return graph->edges->len - 1;
}

guint
mb_layout_graph_get_n_nodes (MbLayoutGraph *graph)
{
  g_return_val_if_fail (graph != NULL, 0);

  return graph->nodes->len;
}

guint
mb_layout_graph_get_n_edges (MbLayoutGraph *graph)
{
  g_return_val_if_fail (graph != NULL, 0);

  return graph->edges->len;
}

/**
 * mb_layout_run:
 * @graph: a graph
 * @error: return location for an error
 *
 * Lays @graph out in the calling thread. Safe to call from any thread:
 * Graphviz runs under one process-wide lock, so concurrent runs wait for
 * each other. The same input always gives the same output.
 *
 * Returns: (transfer full): the layout, or %NULL with @error set
 */
MbLayoutResult *
mb_layout_run (MbLayoutGraph  *graph,
               GError        **error)
{
  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return layout_run (graph, NULL, error);
}

/**
 * mb_layout_run_async:
 * @graph: a graph; copied, so it may be changed or freed at once
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the caller's thread-default main context
 * @user_data: data for @callback
 *
 * Lays @graph out in a worker thread. Cancelling reports
 * %G_IO_ERROR_CANCELLED at once; a dot run already under way cannot be
 * interrupted, and finishes in the background with its result dropped.
 */
void
mb_layout_run_async (MbLayoutGraph       *graph,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (graph != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mb_layout_run_async);
  g_task_set_name (task, "[malbild] layout");
  g_task_set_task_data (task, layout_graph_copy (graph), (GDestroyNotify) mb_layout_graph_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, layout_thread);
}

/**
 * mb_layout_run_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the layout, or %NULL with @error set
 */
MbLayoutResult *
mb_layout_run_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mb_layout_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mb_layout_isolate_thread_locale:
 *
 * Gives the calling thread its own copy of the current global locale.
 *
 * Graphviz 2.42 (Debian 12) switches the process-wide LC_NUMERIC to "C"
 * with setlocale() for as long as gvLayout() runs. While a layout runs in a
 * worker, the UI thread would then format "1,5" as "1.5" (measured: in 68 %
 * of the calls made during a layout), and setlocale() racing with formatting
 * is undefined behaviour. A thread with a locale of its own (uselocale) no
 * longer sees the global one. Call once from the UI thread, after
 * setlocale (LC_ALL, ""), before the first mb_layout_run_async(); a later
 * setlocale() then no longer reaches that thread.
 */
void
mb_layout_isolate_thread_locale (void)
{
  locale_t copy;

  if (uselocale ((locale_t) 0) != LC_GLOBAL_LOCALE)
    return;

  /* Layouts flip the global locale only under graphviz_lock: copy it while
   * no layout runs. */
  g_mutex_lock (&graphviz_lock);
  copy = duplocale (LC_GLOBAL_LOCALE);
  g_mutex_unlock (&graphviz_lock);

  if (copy != (locale_t) 0)
    uselocale (copy);
}

MbLayoutResult *
mb_layout_result_ref (MbLayoutResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  g_atomic_ref_count_inc (&result->ref_count);
  return result;
}

void
mb_layout_result_unref (MbLayoutResult *result)
{
  g_return_if_fail (result != NULL);

  if (g_atomic_ref_count_dec (&result->ref_count))
    {
      g_hash_table_unref (result->index);
      g_strfreev (result->ids);
      g_free (result->rects);
      g_free (result->edges);
      g_array_unref (result->points);
      g_free (result);
    }
}

guint
mb_layout_result_get_n_nodes (MbLayoutResult *result)
{
  g_return_val_if_fail (result != NULL, 0);

  return result->n_nodes;
}

guint
mb_layout_result_get_n_edges (MbLayoutResult *result)
{
  g_return_val_if_fail (result != NULL, 0);

  return result->n_edges;
}

const char *
mb_layout_result_get_node_id (MbLayoutResult *result,
                              guint           node)
{
  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (node < result->n_nodes, NULL);

  return result->ids[node];
}

/**
 * mb_layout_result_lookup_node:
 * @result: a layout
 * @id: a node id
 * @node: (out) (optional): the node's index
 *
 * Returns: whether @id is a node of the layout
 */
gboolean
mb_layout_result_lookup_node (MbLayoutResult *result,
                              const char     *id,
                              guint          *node)
{
  guint found;

  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  found = GPOINTER_TO_UINT (g_hash_table_lookup (result->index, id));
  if (found == 0)
    return FALSE;

  if (node != NULL)
    *node = found - 1;

  return TRUE;
}

/**
 * mb_layout_result_get_node_center:
 *
 * Returns: the centre of the node's card
 */
MbLayoutPoint
mb_layout_result_get_node_center (MbLayoutResult *result,
                                  guint           node)
{
  const MbLayoutRect *r;

  g_return_val_if_fail (result != NULL, ((MbLayoutPoint) { 0.0, 0.0 }));
  g_return_val_if_fail (node < result->n_nodes, ((MbLayoutPoint) { 0.0, 0.0 }));

  r = &result->rects[node];
  return (MbLayoutPoint) { r->x + r->width / 2.0, r->y + r->height / 2.0 };
}

/**
 * mb_layout_result_get_node_rect:
 *
 * Returns: the node's card: its top-left corner and its size as given
 */
MbLayoutRect
mb_layout_result_get_node_rect (MbLayoutResult *result,
                                guint           node)
{
  g_return_val_if_fail (result != NULL, ((MbLayoutRect) { 0.0, 0.0, 0.0, 0.0 }));
  g_return_val_if_fail (node < result->n_nodes, ((MbLayoutRect) { 0.0, 0.0, 0.0, 0.0 }));

  return result->rects[node];
}

/**
 * mb_layout_result_get_edge_spline:
 * @result: a layout
 * @edge: an index from mb_layout_graph_add_edge()
 * @n_points: (out): the number of points, 3·k + 1, or 0
 *
 * The edge's curve as k cubic Bézier segments: the start (on the border of
 * the "from" card), then for each segment two control points and its end.
 * The last end is the base of the arrowhead, whose tip is
 * mb_layout_result_get_edge_arrow(). A self-loop is not drawn: 0 points.
 *
 * Returns: (array length=n_points) (transfer none) (nullable): the points
 */
const MbLayoutPoint *
mb_layout_result_get_edge_spline (MbLayoutResult *result,
                                  guint           edge,
                                  guint          *n_points)
{
  const ResultEdge *e;

  g_return_val_if_fail (n_points != NULL, NULL);
  *n_points = 0;
  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (edge < result->n_edges, NULL);

  e = &result->edges[edge];
  if (e->n_points == 0)
    return NULL;

  *n_points = e->n_points;
  return &g_array_index (result->points, MbLayoutPoint, e->first_point);
}

/**
 * mb_layout_result_get_edge_arrow:
 * @result: a layout
 * @edge: an index from mb_layout_graph_add_edge()
 * @tip: (out): the arrowhead's tip, on the border of the "to" card
 *
 * Returns: whether the edge is drawn (FALSE for a self-loop)
 */
gboolean
mb_layout_result_get_edge_arrow (MbLayoutResult *result,
                                 guint           edge,
                                 MbLayoutPoint  *tip)
{
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (edge < result->n_edges, FALSE);
  g_return_val_if_fail (tip != NULL, FALSE);

  if (result->edges[edge].n_points == 0)
    return FALSE;

  *tip = result->edges[edge].tip;
  return TRUE;
}

/**
 * mb_layout_result_get_bounds:
 *
 * Returns: the extent of all cards and edges (empty at 0,0 for no nodes)
 */
MbLayoutRect
mb_layout_result_get_bounds (MbLayoutResult *result)
{
  g_return_val_if_fail (result != NULL, ((MbLayoutRect) { 0.0, 0.0, 0.0, 0.0 }));

  return result->bounds;
}

/* Kept layouts (mb_layout_result_to_bytes()): little-endian,
 *   "MBL1", then n_nodes, n_edges, n_points (guint32 each);
 *   per node its card's x, y, width, height (doubles);
 *   per edge its number of points (guint32) and its arrow's tip (x, y);
 *   the points (x, y), edge after edge.
 * The ids are not in it: they are the graph's, by index. The blob comes
 * back from a library file, outside input like any other, so reading it
 * trusts no count and no number. */
#define KEPT_MAGIC "MBL1"
#define KEPT_HEADER_SIZE 16
#define KEPT_NODE_SIZE 32
#define KEPT_EDGE_SIZE 20
#define KEPT_POINT_SIZE 16
/* Coordinates of a kept layout beyond this are not dot's: refused. */
#define KEPT_MAX_COORDINATE 1.0e9

static void
put_uint32 (GByteArray *out,
            guint32     value)
{
  guint32 le = GUINT32_TO_LE (value);

  g_byte_array_append (out, (const guint8 *) &le, sizeof le);
}

static void
put_double (GByteArray *out,
            double      value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  bits = GUINT64_TO_LE (bits);
  g_byte_array_append (out, (const guint8 *) &bits, sizeof bits);
}

static guint32
get_uint32 (const guint8 *at)
{
  guint32 le;

  memcpy (&le, at, sizeof le);
  return GUINT32_FROM_LE (le);
}

static double
get_double (const guint8 *at)
{
  guint64 bits;
  double value;

  memcpy (&bits, at, sizeof bits);
  bits = GUINT64_FROM_LE (bits);
  memcpy (&value, &bits, sizeof value);
  return value;
}

static gboolean
is_kept_coordinate (double value)
{
  return isfinite (value) && fabs (value) <= KEPT_MAX_COORDINATE;
}

/**
 * mb_layout_result_to_bytes:
 * @result: a layout
 *
 * The layout's positions and curves, to keep (the canvas keeps each
 * strategy's last layout in its library) and read back with
 * mb_layout_result_new_from_bytes() for the same graph.
 *
 * Returns: (transfer full): the bytes
 */
GBytes *
mb_layout_result_to_bytes (MbLayoutResult *result)
{
  GByteArray *out;
  guint n_points = 0;

  g_return_val_if_fail (result != NULL, NULL);

  out = g_byte_array_sized_new (KEPT_HEADER_SIZE + KEPT_NODE_SIZE * result->n_nodes
                                + KEPT_EDGE_SIZE * result->n_edges
                                + KEPT_POINT_SIZE * result->points->len);
  for (guint i = 0; i < result->n_edges; i++)
    n_points += result->edges[i].n_points;
  g_byte_array_append (out, (const guint8 *) KEPT_MAGIC, 4);
  put_uint32 (out, result->n_nodes);
  put_uint32 (out, result->n_edges);
  put_uint32 (out, n_points);
  for (guint i = 0; i < result->n_nodes; i++)
    {
      put_double (out, result->rects[i].x);
      put_double (out, result->rects[i].y);
      put_double (out, result->rects[i].width);
      put_double (out, result->rects[i].height);
    }
  for (guint i = 0; i < result->n_edges; i++)
    {
      put_uint32 (out, result->edges[i].n_points);
      put_double (out, result->edges[i].tip.x);
      put_double (out, result->edges[i].tip.y);
    }
  /* In edge order (rerouted edges have theirs at the end in memory). */
  for (guint i = 0; i < result->n_edges; i++)
    for (guint k = 0; k < result->edges[i].n_points; k++)
      {
        MbLayoutPoint p = g_array_index (result->points, MbLayoutPoint,
                                         result->edges[i].first_point + k);

        put_double (out, p.x);
        put_double (out, p.y);
      }
  return g_byte_array_free_to_bytes (out);
}

static gboolean
kept_refuse (GError     **error,
             const char  *problem)
{
  g_set_error (error, MB_LAYOUT_ERROR, MB_LAYOUT_ERROR_INVALID_GEOMETRY,
               "The kept layout does not fit the graph: %s", problem);
  return FALSE;
}

/* Checks @data against @graph and fills @result from it. */
static gboolean
kept_read (MbLayoutGraph   *graph,
           const guint     *ends,
           const guint8    *data,
           gsize            size,
           MbLayoutResult  *result,
           GError         **error)
{
  guint32 n_nodes, n_edges, n_points;
  const guint8 *at;
  guint64 expected;
  guint64 points_used = 0;

  if (size < KEPT_HEADER_SIZE || memcmp (data, KEPT_MAGIC, 4) != 0)
    return kept_refuse (error, "not a kept layout of this version");
  n_nodes = get_uint32 (data + 4);
  n_edges = get_uint32 (data + 8);
  n_points = get_uint32 (data + 12);
  if (n_nodes != graph->nodes->len || n_edges != graph->edges->len)
    return kept_refuse (error, "its numbers of nodes and links differ");
  /* In 64 bits: no product of 32-bit counts overflows it. */
  expected = KEPT_HEADER_SIZE + (guint64) KEPT_NODE_SIZE * n_nodes
             + (guint64) KEPT_EDGE_SIZE * n_edges + (guint64) KEPT_POINT_SIZE * n_points;
  if (expected != size)
    return kept_refuse (error, "its size is not what its counts say");

  at = data + KEPT_HEADER_SIZE;
  for (guint i = 0; i < n_nodes; i++, at += KEPT_NODE_SIZE)
    {
      const LayoutNode *node = &g_array_index (graph->nodes, LayoutNode, i);
      MbLayoutRect *r = &result->rects[i];

      r->x = get_double (at);
      r->y = get_double (at + 8);
      /* Made for cards of another size: a layout of other cards. */
      if (!is_kept_coordinate (r->x) || !is_kept_coordinate (r->y)
          || get_double (at + 16) != node->width || get_double (at + 24) != node->height)
        return kept_refuse (error, "a card is out of place or of another size");
    }

  for (guint i = 0; i < n_edges; i++, at += KEPT_EDGE_SIZE)
    {
      ResultEdge *edge = &result->edges[i];
      guint32 n = get_uint32 (at);
      gboolean loop = ends[2 * i] == ends[2 * i + 1];

      edge->tip = (MbLayoutPoint) { get_double (at + 4), get_double (at + 12) };
      if (loop ? n != 0 : (n < 4 || (n - 1) % 3 != 0))
        return kept_refuse (error, "a curve has a wrong number of points");
      if (!loop && (!is_kept_coordinate (edge->tip.x) || !is_kept_coordinate (edge->tip.y)))
        return kept_refuse (error, "an arrow is out of place");
      if (n > n_points - points_used)
        return kept_refuse (error, "the curves have more points than it holds");
      edge->first_point = (guint) points_used;
      edge->n_points = n;
      points_used += n;
    }
  if (points_used != n_points)
    return kept_refuse (error, "it holds points of no curve");

  g_array_set_size (result->points, n_points);
  for (guint k = 0; k < n_points; k++, at += KEPT_POINT_SIZE)
    {
      MbLayoutPoint *p = &g_array_index (result->points, MbLayoutPoint, k);

      p->x = get_double (at);
      p->y = get_double (at + 8);
      if (!is_kept_coordinate (p->x) || !is_kept_coordinate (p->y))
        return kept_refuse (error, "a curve is out of place");
    }

  return TRUE;
}

/**
 * mb_layout_result_new_from_bytes:
 * @graph: the graph @bytes was laid out for
 * @bytes: from mb_layout_result_to_bytes()
 * @error: return location for an error
 *
 * A kept layout back, for @graph. Whether @graph is still the graph it was
 * made for is the caller's to know (the canvas compares a hash of what the
 * layout depends on); this checks that @bytes is a whole layout of a graph
 * with as many nodes and edges, cards of the same sizes and sane numbers.
 *
 * Returns: (transfer full): the layout, or %NULL with @error set
 */
MbLayoutResult *
mb_layout_result_new_from_bytes (MbLayoutGraph  *graph,
                                 GBytes         *bytes,
                                 GError        **error)
{
  g_autoptr(MbLayoutResult) result = NULL;
  g_autofree guint *ends = NULL;
  const guint8 *data;
  gsize size;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ends = layout_graph_resolve (graph, error);
  if (ends == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  result = layout_result_new (graph);
  if (!kept_read (graph, ends, data, size, result, error))
    return NULL;
  measure_bounds (result);
  return g_steal_pointer (&result);
}
