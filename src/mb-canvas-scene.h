/* mb-canvas-scene.h – a strategy as cards and edges, placed: the canvas's data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <graphene.h>

#include "core/mb-layout.h"
#include "core/mb-store-canvas-queries.h"

G_BEGIN_DECLS

/* Card size in scene units. One unit is one pixel at 100 % zoom and one
 * point in an exported file, so text sizes (render.c) are chosen to read on
 * screen and on A3 paper alike. */
#define MB_CANVAS_CARD_WIDTH  216.0
/* Room for a code line, three lines of title and a row of badges. */
#define MB_CANVAS_CARD_HEIGHT 120.0

/* Room around everything drawn, inside the scene's bounds. */
#define MB_CANVAS_SCENE_MARGIN 32.0

/* Tabs of links to other strategies, outside their card's edge. */
#define MB_CANVAS_STUB_HEIGHT 18.0

/* Room at the left (top-down) or top (left-right) for the level names. */
#define MB_CANVAS_LEVEL_LABEL_SIZE 132.0

typedef enum
{
  MB_CANVAS_EDGE_TREE,         /* a node under its parent */
  MB_CANVAS_EDGE_CONTRIBUTES,
  MB_CANVAS_EDGE_CONFLICTS,
  MB_CANVAS_EDGE_DEPENDS,
} MbCanvasEdgeKind;

typedef enum
{
  MB_CANVAS_NAV_UP,
  MB_CANVAS_NAV_DOWN,
  MB_CANVAS_NAV_LEFT,
  MB_CANVAS_NAV_RIGHT,
} MbCanvasNav;

typedef struct
{
  const MbCanvasNodeRow *row;   /* owned by the scene's data */
  graphene_rect_t        rect;
  guint                  n_links_in;   /* links (not tree edges) that end here */
  guint                  n_links_out;
  GArray                *edges_in;     /* guint edge indices, tree edges included */
  GArray                *edges_out;
} MbCanvasCard;

typedef struct
{
  MbCanvasEdgeKind  kind;
  const char       *link_id;    /* NULL for tree edges */
  guint             from;       /* card indices */
  guint             to;
  MbLayoutPoint    *points;     /* 3·k + 1 Bézier points; NULL if not drawn */
  guint             n_points;
  gboolean          has_tip;
  MbLayoutPoint     tip;
  graphene_rect_t   bounds;
} MbCanvasEdge;

/* One tab per card, direction and other strategy: @row is the first of its
 * @count links. */
typedef struct
{
  const MbCanvasStubRow *row;
  guint                  card;
  guint                  count;
  graphene_rect_t        rect;
} MbCanvasStub;

typedef struct
{
  const char      *name;
  graphene_rect_t  rect;   /* where the level's name is drawn */
} MbCanvasLevelLabel;

typedef struct _MbCanvasScene MbCanvasScene;

/* Grows @bounds by @rect; @empty says @bounds holds nothing yet. */
static inline void
mb_canvas_rect_union (graphene_rect_t       *bounds,
                      gboolean              *empty,
                      const graphene_rect_t *rect)
{
  if (*empty)
    *bounds = *rect;
  else
    graphene_rect_union (bounds, rect, bounds);
  *empty = FALSE;
}

static inline double
mb_canvas_rect_center_x (const graphene_rect_t *r)
{
  return r->origin.x + r->size.width / 2.0;
}

static inline double
mb_canvas_rect_center_y (const graphene_rect_t *r)
{
  return r->origin.y + r->size.height / 2.0;
}

struct _MbCanvasScene
{
  MbCanvasData    *data;
  GArray          *cards;    /* MbCanvasCard, in the data's node order */
  GArray          *edges;    /* MbCanvasEdge: the data's links, then tree edges */
  GArray          *stubs;    /* MbCanvasStub */
  GArray          *labels;   /* MbCanvasLevelLabel, one per level with cards */
  GHashTable      *index;    /* node id → card index + 1 */
  graphene_rect_t  bounds;   /* everything drawn, with a margin */
};

MbCanvasEdgeKind  mb_canvas_edge_kind_from_string (const char       *kind);

/* The layout input for @data: one layout node per node (same index), one edge
 * per link then one per tree edge (same index as the scene's edges). */
MbLayoutGraph  *mb_canvas_scene_build_graph   (const MbCanvasData   *data);

/* Takes @data; @result comes from running mb_canvas_scene_build_graph (@data). */
MbCanvasScene  *mb_canvas_scene_new           (MbCanvasData         *data,
                                               MbLayoutResult       *result);
void            mb_canvas_scene_free          (MbCanvasScene        *scene);

/* Loads, lays out (synchronously) and builds the scene of a strategy. */
MbCanvasScene  *mb_canvas_scene_load          (MbStore              *store,
                                               const char           *strategy_id,
                                               GError              **error);

guint           mb_canvas_scene_get_n_cards   (const MbCanvasScene  *scene);
const MbCanvasCard *mb_canvas_scene_get_card  (const MbCanvasScene  *scene,
                                               guint                 card);
/* The card index of @node_id, or -1. */
int             mb_canvas_scene_lookup        (const MbCanvasScene  *scene,
                                               const char           *node_id);

/* Hit testing, in scene coordinates; -1 if nothing is there. */
int             mb_canvas_scene_card_at       (const MbCanvasScene  *scene,
                                               double                x,
                                               double                y);
int             mb_canvas_scene_stub_at       (const MbCanvasScene  *scene,
                                               double                x,
                                               double                y);
/* Whether (x, y) is on the card's link handle (the dot in the middle of
 * the edge that faces the next level). */
gboolean        mb_canvas_scene_handle_at     (const MbCanvasScene  *scene,
                                               guint                 card,
                                               double                x,
                                               double                y);
graphene_point_t mb_canvas_scene_get_handle   (const MbCanvasScene  *scene,
                                               guint                 card);
/* Card indices whose rects meet @rect. */
GArray         *mb_canvas_scene_cards_in_rect (const MbCanvasScene  *scene,
                                               const graphene_rect_t *rect);

/* Marks @card, the cards of its chain (@up and @down: node ids from
 * mb_store_query_chain(); those of other strategies are left out), the edges
 * between them, and @card's conflicts with who is on their other side.
 * @cards and @edges hold one gboolean per card and per edge. */
void            mb_canvas_scene_mark_chain    (const MbCanvasScene  *scene,
                                               guint                 card,
                                               const char * const   *up,
                                               const char * const   *down,
                                               gboolean             *cards,
                                               gboolean             *edges);

/* The card the keyboard moves to from @card: along links when the arrow
 * goes across the levels, to the neighbour within the level otherwise.
 * -1 if there is none. */
int             mb_canvas_scene_navigate      (const MbCanvasScene  *scene,
                                               guint                 card,
                                               MbCanvasNav           nav);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbCanvasScene, mb_canvas_scene_free)

G_END_DECLS
