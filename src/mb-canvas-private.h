/* mb-canvas-private.h – the canvas's state, shared by its files, and its test hooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mb-canvas-render.h"
#include "mb-canvas-raster.h"
#include "mb-canvas.h"

G_BEGIN_DECLS

#define MB_CANVAS_MIN_ZOOM 0.1
#define MB_CANVAS_MAX_ZOOM 4.0
#define MB_CANVAS_ZOOM_STEP 1.2
/* Pixels the pointer moves before a press on a card becomes a drag. */
#define MB_CANVAS_DRAG_THRESHOLD 4.0
/* Pixels an arrow key or a wheel notch pans. */
#define MB_CANVAS_PAN_STEP 48.0
#define MB_CANVAS_MINIMAP_MAX 180.0
/* Below this zoom titles are too small to read: cards are drawn as plain
 * blocks, which also keeps a fitted 2,000-node strategy cheap. */
#define MB_CANVAS_DETAIL_ZOOM 0.45
/* The least zoom a strategy opens at: the cards' small text (11 and 12
 * units: level names, codes, badges) stays at about 9 px (8.8 and 9.6),
 * titles (14 units) at 11 px; the 38 % a fitted large strategy needed left
 * grey bars where the titles were. */
#define MB_CANVAS_READABLE_ZOOM 0.8
/* Accessible children made per allocation; more follow in the next one. */
#define MB_CANVAS_CHILDREN_PER_ALLOCATION 150
#define MB_CANVAS_MINIMAP_MARGIN 12.0

typedef enum
{
  MB_CANVAS_DRAG_NONE,
  MB_CANVAS_DRAG_PAN,
  MB_CANVAS_DRAG_MOVE,      /* pressed on a card; moving once past the threshold */
  MB_CANVAS_DRAG_LINK,
  MB_CANVAS_DRAG_RUBBER,
  MB_CANVAS_DRAG_MINIMAP,
} MbCanvasDragMode;

struct _MbCanvas
{
  GtkWidget        parent_instance;

  /* Owned references */
  MbStore         *store;
  MbSelection     *selection;
  char            *strategy_id;
  MbCanvasScene   *scene;
  GCancellable    *layout_cancellable;
  /* strategy id → CanvasLayout: the last layout of each strategy shown, and
   * the shape of the graph it was made for. */
  GHashTable      *layouts;
  GskRenderNode   *static_node;
  GskRenderNode   *chain_node;    /* the veil, while a node is selected */
  GskRenderNode   *rings_node;    /* rings around the selected cards */
  gboolean        *in_chain;      /* by card, while a node is selected */
  GskRenderNode   *minimap_node;
  GPtrArray       *card_nodes;    /* GskRenderNode or NULL until first in view, by card */
  GPtrArray       *block_nodes;   /* GskRenderNode of the plain card, by card */
  MbCanvasRaster  *scene_raster;  /* bands, tabs, edges and cards, drawn (mb-canvas-raster.c) */
  MbCanvasRaster  *chain_raster;  /* the same under the veil, with the chain on it */
  graphene_rect_t  view_rect;     /* the view at the last frame, scene coordinates */
  gboolean        *chain_edges;   /* by edge, while a node is selected */
  GPtrArray       *stub_nodes;    /* GskRenderNode of the tab with its text, by stub; made
                                   * when first in view at detail zoom */
  GPtrArray       *stub_block_nodes;  /* ... of the plain tab, by stub */
  GPtrArray       *node_widgets;  /* MbCanvasNode or NULL until first in view, by card */
  char            *cursor_id;     /* the keyboard's node, kept across layouts */
  char            *edit_on_arrival;  /* a new node to edit once laid out */
  char            *reveal_on_arrival;  /* a selected node to scroll to once laid out */
  char            *pending_from;  /* a link waiting for its kind */
  char            *pending_to;

  /* Child widgets */
  GtkWidget       *toolbar;
  GtkWidget       *zoom_button;
  GtkWidget       *entry;
  GtkWidget       *popover;
  GtkWidget       *legend;

  /* A comparison's marks (mb-canvas-changes.c); node_changes is NULL when
   * none is shown. */
  GHashTable      *node_changes;   /* node id → MbChangeKind + 1 */
  GHashTable      *link_changes;   /* link id → MbChangeKind + 1 */
  GPtrArray       *removed_nodes;  /* MbRecord: removed nodes as they were */
  GPtrArray       *removed_links;  /* MbRecord: removed links as they were */
  /* Nodes whose indicators' targets changed: node id → "Target for 2030
   * changed from 40 to 45" (several joined). Such a node is in
   * node_changes too, as changed if nothing else. */
  GHashTable      *target_notes;
  GHashTable      *target_only;    /* the node ids marked for their targets alone */
  GArray          *ghosts;         /* MbCanvasGhost: removed nodes placed in the scene */
  GPtrArray       *ghost_widgets;  /* MbCanvasNode, by ghost */
  GskRenderNode   *changes_node;
  graphene_rect_t  plain_bounds;   /* the scene's bounds without the ghosts */

  /* Gestures */
  GtkGesture      *drag_gesture;

  MbCanvasPalette  palette;

  /* View: the scene point at the widget's top-left corner, and the zoom. */
  double           view_x;
  double           view_y;
  double           zoom;
  double           gesture_zoom_start;
  int              covered_end;   /* pixels at the right that a panel lies over */
  gboolean         fit_pending;
  guint            children_idle;
  guint            zoom_label_idle;
  guint            chain_idle;    /* draws a new selection's layer before its frame */

  /* Interaction */
  int              hover;
  int              hover_stub;
  gboolean         hover_handle;
  double           pointer_x;
  double           pointer_y;
  int              editing;       /* card whose title is edited, or -1 */
  MbCanvasDragMode         drag_mode;
  gboolean         dragging;      /* a move past the threshold */
  double           drag_x;        /* where the drag began, widget coordinates */
  double           drag_y;
  double           drag_dx;       /* its offset, widget coordinates */
  double           drag_dy;
  double           pan_view_x;
  double           pan_view_y;
  GArray          *drag_cards;    /* guint cards being moved */
  gboolean        *hidden;        /* by card: drawn by the drag, not the static node */
  int              link_source;
  int              link_target;
  gboolean         keyboard_link;
  GdkModifierType  drag_state;
};

/* Shared by mb-canvas.c and its other files. */
void             _mb_canvas_install_actions   (GtkWidgetClass  *widget_class);
void             _mb_canvas_show_error        (MbCanvas        *self,
                                               const GError    *error);
int              _mb_canvas_cursor_card       (MbCanvas        *self);
const char      *_mb_canvas_card_id           (MbCanvas        *self,
                                               int              card);
/* The selected node the details panel shows, if it is a node. */
const char      *_mb_canvas_primary_node      (MbCanvas        *self);
void             _mb_canvas_zoom_at           (MbCanvas        *self,
                                               double           zoom,
                                               double           x,
                                               double           y);
void             _mb_canvas_start_editing     (MbCanvas        *self,
                                               int              card);
/* Adds "New node" under @parent_card (or at @level as a root) and edits it
 * once it is laid out. */
void             _mb_canvas_add_node          (MbCanvas        *self,
                                               int              parent_card,
                                               guint            level);
void             _mb_canvas_open_link_popover (MbCanvas        *self,
                                               int              source,
                                               int              target);
/* Moves the keyboard cursor, or the target of a link being made. */
void             _mb_canvas_move_cursor       (MbCanvas        *self,
                                               MbCanvasNav      nav);

/* View and scene helpers of mb-canvas.c, for its other files. */
graphene_point_t _mb_canvas_widget_to_scene   (MbCanvas              *self,
                                               double                 x,
                                               double                 y);
graphene_rect_t  _mb_canvas_rect_to_widget    (MbCanvas              *self,
                                               const graphene_rect_t *r);
GskRenderNode   *_mb_canvas_record            (const graphene_rect_t *bounds,
                                               cairo_t              **cr);
void             _mb_canvas_set_cursor_id     (MbCanvas              *self,
                                               const char            *node_id);
void             _mb_canvas_update_actions    (MbCanvas              *self);
void             _mb_canvas_set_view          (MbCanvas              *self,
                                               double                 zoom,
                                               double                 view_x,
                                               double                 view_y);
void             _mb_canvas_pan_by            (MbCanvas              *self,
                                               double                 dx,
                                               double                 dy);
/* Scrolls the least needed to show @rect (scene coordinates) whole. */
void             _mb_canvas_scroll_to_rect    (MbCanvas              *self,
                                               const graphene_rect_t *rect);
/* Scrolls the least needed to show @card whole. */
void             _mb_canvas_scroll_to_card    (MbCanvas              *self,
                                               int                    card);
void             _mb_canvas_build_static_node (MbCanvas              *self);
/* Every render node of the scene again: after a new scene, palette or comparison. */
void             _mb_canvas_rebuild_nodes     (MbCanvas              *self);
gboolean         _mb_canvas_minimap_rect      (MbCanvas              *self,
                                               graphene_rect_t       *rect);
void             _mb_canvas_update_chain      (MbCanvas              *self);
void             _mb_canvas_finish_editing    (MbCanvas              *self,
                                               gboolean               commit);

/* mb-canvas-changes.c: a comparison's marks, ghosts and legend. */
void             _mb_canvas_init_changes      (MbCanvas              *self);
void             _mb_canvas_dispose_changes   (MbCanvas              *self);
/* Places the ghosts in a scene that just arrived (its bounds grow to hold
 * them); before its render nodes are built. */
void             _mb_canvas_place_changes     (MbCanvas              *self);
void             _mb_canvas_build_changes_node (MbCanvas             *self);
void             _mb_canvas_snapshot_changes  (MbCanvas              *self,
                                               GtkSnapshot           *snapshot);
void             _mb_canvas_allocate_changes  (MbCanvas              *self,
                                               int                    width,
                                               int                    height);
/* "Added", "Changed"… of @card while a comparison is shown, with what
 * changed in its indicators' targets ("Changed, Target for 2030 changed
 * from 40 to 45"), else NULL. */
char            *_mb_canvas_card_change       (MbCanvas              *self,
                                               guint                  card);

/* mb-canvas-input.c: adds the gestures and the key controller. */
void             _mb_canvas_init_input        (MbCanvas              *self);
/* The tooltip of the card at (x, y), widget coordinates: its whole title,
 * status and time plan; NULL off the cards. */
char            *_mb_canvas_dup_tooltip       (MbCanvas              *self,
                                               double                 x,
                                               double                 y,
                                               int                   *card);

/* mb-canvas-accessible.c: the cards' accessible children. */
GtkWidget       *_mb_canvas_ensure_node_widget (MbCanvas             *self,
                                                guint                 card);
void             _mb_canvas_sync_node_widgets (MbCanvas              *self);
void             _mb_canvas_allocate_node_widgets (MbCanvas          *self,
                                                   int                width,
                                                   int                height);
gboolean         _mb_canvas_focus             (GtkWidget             *widget,
                                               GtkDirectionType       direction);

/* The gestures' steps: their callbacks call exactly these, so that a test
 * drives the same code a pointer does, in widget coordinates. */

void     _mb_canvas_drag_begin       (MbCanvas        *self,
                                      double           x,
                                      double           y,
                                      GdkModifierType  state);
void     _mb_canvas_drag_update      (MbCanvas        *self,
                                      double           offset_x,
                                      double           offset_y);
void     _mb_canvas_drag_end         (MbCanvas        *self);
/* Escape: drops the drag and whatever it would have written. */
gboolean _mb_canvas_cancel           (MbCanvas        *self);
void     _mb_canvas_click            (MbCanvas        *self,
                                      int              n_press,
                                      double           x,
                                      double           y,
                                      GdkModifierType  state);

/* Scene coordinates to the widget's, at the current zoom and scroll. */
graphene_point_t _mb_canvas_scene_to_widget (MbCanvas *self,
                                             double    x,
                                             double    y);

/* Shows @scene (taken) as when a layout arrives: for the benchmark. */
void     _mb_canvas_set_scene        (MbCanvas        *self,
                                      MbCanvasScene   *scene);

/* The title entry while a title is being edited, else NULL. */
GtkWidget *_mb_canvas_get_title_entry (MbCanvas       *self);
/* The link-kind popover while it is open, else NULL. */
GtkWidget *_mb_canvas_get_link_popover (MbCanvas      *self);

G_END_DECLS
