/* mb-layout.h – layered auto-layout of a strategy's graph (Graphviz dot)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The input is a plain graph, independent of the store: the canvas and the
 * headless renderer build one from a strategy's nodes and links, run it, and
 * read positions and edge curves back by the same indices.
 *
 * Coordinates are in points, y grows downward (as in GTK and cairo). A layout
 * without pinned nodes has its top-left corner at (0, 0); pinned nodes keep
 * exactly the centre they were pinned at, in the same space. */

/* Errors name the node or the Graphviz message, in English, for logs and
 * bug reports: they come from input the app builds itself, so the canvas
 * shows its own (translated) words to the user instead. */
#define MB_LAYOUT_ERROR (mb_layout_error_quark ())

typedef enum
{
  MB_LAYOUT_ERROR_DUPLICATE_ID,     /* two nodes share an id */
  MB_LAYOUT_ERROR_UNKNOWN_NODE,     /* an edge names an id that is not a node */
  MB_LAYOUT_ERROR_INVALID_GEOMETRY, /* a size, gap or pin that is not a finite, sane number */
  MB_LAYOUT_ERROR_INVALID_RANK,     /* a level index beyond any level scheme */
  MB_LAYOUT_ERROR_FAILED,           /* Graphviz could not lay the graph out */
} MbLayoutError;

typedef enum
{
  MB_LAYOUT_DIRECTION_TOP_DOWN,      /* rows, rank 0 on top: goal structures */
  MB_LAYOUT_DIRECTION_LEFT_RIGHT,    /* columns, rank 0 left: effect chains */
} MbLayoutDirection;

typedef enum
{
  MB_LAYOUT_EDGE_CONTRIBUTES,   /* shapes the ranks and the order */
  MB_LAYOUT_EDGE_CONFLICTS,     /* routed, but does not pull nodes */
  MB_LAYOUT_EDGE_DEPENDS,       /* routed, but does not pull nodes */
} MbLayoutEdgeKind;

typedef struct
{
  double x;
  double y;
} MbLayoutPoint;

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} MbLayoutRect;

/* The largest card side accepted, in points (a sanity bound, about 3.5 m). */
#define MB_LAYOUT_MAX_NODE_SIZE 10000.0

typedef struct _MbLayoutGraph MbLayoutGraph;
typedef struct _MbLayoutResult MbLayoutResult;

GQuark             mb_layout_error_quark             (void);

GType              mb_layout_graph_get_type          (void) G_GNUC_CONST;
MbLayoutGraph     *mb_layout_graph_new               (MbLayoutDirection  direction);
MbLayoutGraph     *mb_layout_graph_ref               (MbLayoutGraph     *graph);
void               mb_layout_graph_unref             (MbLayoutGraph     *graph);
MbLayoutDirection  mb_layout_graph_get_direction     (MbLayoutGraph     *graph);
void               mb_layout_graph_set_spacing       (MbLayoutGraph     *graph,
                                                      double             node_gap,
                                                      double             rank_gap);
guint              mb_layout_graph_add_node          (MbLayoutGraph     *graph,
                                                      const char        *id,
                                                      double             width,
                                                      double             height,
                                                      guint              rank);
void               mb_layout_graph_pin_node          (MbLayoutGraph     *graph,
                                                      guint              node,
                                                      double             x,
                                                      double             y);
guint              mb_layout_graph_add_edge          (MbLayoutGraph     *graph,
                                                      const char        *from_id,
                                                      const char        *to_id,
                                                      MbLayoutEdgeKind   kind);
guint              mb_layout_graph_get_n_nodes       (MbLayoutGraph     *graph);
guint              mb_layout_graph_get_n_edges       (MbLayoutGraph     *graph);

MbLayoutResult    *mb_layout_run                     (MbLayoutGraph     *graph,
                                                      GError           **error);
/* Rows by rank, ordered by barycentre sweeps, without Graphviz: at once,
 * to show while mb_layout_run_async() works. */
MbLayoutResult    *mb_layout_run_quick               (MbLayoutGraph     *graph,
                                                      GError           **error);
void               mb_layout_run_async               (MbLayoutGraph     *graph,
                                                      GCancellable      *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer           user_data);
MbLayoutResult    *mb_layout_run_finish              (GAsyncResult      *result,
                                                      GError           **error);

void               mb_layout_isolate_thread_locale   (void);

GType              mb_layout_result_get_type         (void) G_GNUC_CONST;
MbLayoutResult    *mb_layout_result_ref              (MbLayoutResult    *result);
void               mb_layout_result_unref            (MbLayoutResult    *result);
guint              mb_layout_result_get_n_nodes      (MbLayoutResult    *result);
guint              mb_layout_result_get_n_edges      (MbLayoutResult    *result);
const char        *mb_layout_result_get_node_id      (MbLayoutResult    *result,
                                                      guint              node);
gboolean           mb_layout_result_lookup_node      (MbLayoutResult    *result,
                                                      const char        *id,
                                                      guint             *node);
MbLayoutPoint      mb_layout_result_get_node_center  (MbLayoutResult    *result,
                                                      guint              node);
MbLayoutRect       mb_layout_result_get_node_rect    (MbLayoutResult    *result,
                                                      guint              node);
const MbLayoutPoint *mb_layout_result_get_edge_spline (MbLayoutResult   *result,
                                                      guint              edge,
                                                      guint             *n_points);
gboolean           mb_layout_result_get_edge_arrow   (MbLayoutResult    *result,
                                                      guint              edge,
                                                      MbLayoutPoint     *tip);
MbLayoutRect       mb_layout_result_get_bounds       (MbLayoutResult    *result);
GBytes            *mb_layout_result_to_bytes         (MbLayoutResult    *result);
MbLayoutResult    *mb_layout_result_new_from_bytes   (MbLayoutGraph     *graph,
                                                      GBytes            *bytes,
                                                      GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbLayoutGraph, mb_layout_graph_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbLayoutResult, mb_layout_result_unref)

G_END_DECLS
