/* mb-canvas-render.h – drawing a canvas scene with cairo and pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "core/mb-revision.h"
#include "core/mb-store.h"
#include "mb-canvas-scene.h"

G_BEGIN_DECLS

#define MB_CANVAS_RENDER_ERROR (mb_canvas_render_error_quark ())

typedef enum
{
  MB_CANVAS_RENDER_ERROR_FORMAT,   /* the file name ends in none of .svg, .png, .pdf */
  MB_CANVAS_RENDER_ERROR_EMPTY,    /* the strategy has no nodes to draw */
  MB_CANVAS_RENDER_ERROR_WRITE,    /* cairo could not write the file */
} MbCanvasRenderError;

/* A card's corners and the room inside its edge. */
#define MB_CANVAS_CARD_RADIUS   8.0
#define MB_CANVAS_CARD_PADDING 12.0

typedef struct
{
  double r, g, b, a;
} MbCanvasColor;

/* The libadwaita palette, light or dark. */
typedef struct
{
  gboolean      dark;
  MbCanvasColor background;   /* view_bg */
  MbCanvasColor band;         /* a level's band behind its cards */
  MbCanvasColor card;
  MbCanvasColor card_border;
  MbCanvasColor shadow;
  MbCanvasColor foreground;
  MbCanvasColor dim;          /* secondary text */
  MbCanvasColor accent;       /* accent_bg: selection */
  MbCanvasColor accent_text;  /* accent_color: text in the accent */
  MbCanvasColor edge;
  MbCanvasColor tree_edge;
  MbCanvasColor conflict;
  MbCanvasColor success;
  MbCanvasColor warning;
  MbCanvasColor stub;
  MbCanvasColor moved;        /* a node under another parent or level, in a comparison */
} MbCanvasPalette;

/* The most lines a card's title wraps to before it is cut with "…". */
#define MB_CANVAS_RENDER_TITLE_LINES 3

GQuark  mb_canvas_render_error_quark (void);

/* A node's status and time plan as its card's chip says them ("Ongoing ·
 * 2021–2023"), or NULL when it has neither. */
char   *mb_canvas_render_status_text (const MbCanvasNodeRow *row);

/* Text drawn on @cr from now on is drawn as outlines: for recordings that
 * are replayed at many scales (the widget's render nodes). */
void    mb_canvas_render_set_outline_text (cairo_t           *cr);

void    mb_canvas_palette_init       (MbCanvasPalette        *palette,
                                      gboolean                dark);
/* A rectangle with round corners, as a path (the cards' and the bars'). */
void    mb_canvas_render_rounded_rect (cairo_t               *cr,
                                       double                 x,
                                       double                 y,
                                       double                 width,
                                       double                 height,
                                       double                 radius);

/* Each draws in scene coordinates. The background is the view colour with
 * a faint band behind every other level (where _band_rect() says) and the
 * level names. */
void    mb_canvas_render_background  (cairo_t                *cr,
                                      const MbCanvasScene    *scene,
                                      const MbCanvasPalette  *palette);
gboolean mb_canvas_render_band_rect  (const MbCanvasScene    *scene,
                                      guint                   label,
                                      graphene_rect_t        *band);
void    mb_canvas_render_level_label (cairo_t                *cr,
                                      const MbCanvasScene    *scene,
                                      guint                   label,
                                      const MbCanvasPalette  *palette);
void    mb_canvas_render_card        (cairo_t                *cr,
                                      const MbCanvasScene    *scene,
                                      guint                   card,
                                      const MbCanvasPalette  *palette);
/* A level's hue, for its cards' bar. */
const MbCanvasColor *mb_canvas_palette_level_color (const MbCanvasPalette *palette,
                                                    guint                  level);
/* The card as a plain block in its level's hue: the overview at low zoom
 * (the canvas draws the same with GSK's own nodes, block_node()). */
void    mb_canvas_render_card_block  (cairo_t                *cr,
                                      const MbCanvasScene    *scene,
                                      guint                   card,
                                      const MbCanvasPalette  *palette);
void    mb_canvas_render_edge        (cairo_t                *cr,
                                      const MbCanvasScene    *scene,
                                      guint                   edge,
                                      const MbCanvasPalette  *palette);
/* The same, stroking only the parts of the curve near @clip (the view). */
void    mb_canvas_render_edge_near   (cairo_t                *cr,
                                      const MbCanvasScene    *scene,
                                      guint                   edge,
                                      const MbCanvasPalette  *palette,
                                      const graphene_rect_t  *clip);
void    mb_canvas_render_stub        (cairo_t                *cr,
                                      const MbCanvasScene    *scene,
                                      guint                   stub,
                                      const MbCanvasPalette  *palette);
/* The tab without its text: the overview at low zoom. */
void    mb_canvas_render_stub_block  (cairo_t                *cr,
                                      const MbCanvasScene    *scene,
                                      guint                   stub,
                                      const MbCanvasPalette  *palette);
/* A Bézier from @from to @to bending along the layout direction, with the
 * arrowhead or mark of @kind: edges of dragged cards and links being drawn. */
void    mb_canvas_render_loose_edge  (cairo_t                *cr,
                                      const MbCanvasScene    *scene,
                                      MbCanvasEdgeKind        kind,
                                      double                  from_x,
                                      double                  from_y,
                                      double                  to_x,
                                      double                  to_y,
                                      const MbCanvasPalette  *palette);
/* The shadow under a card at @rect, which mb_canvas_render_card() draws too. */
void    mb_canvas_render_card_shadow (cairo_t                *cr,
                                      const graphene_rect_t  *rect,
                                      const MbCanvasPalette  *palette);
/* A card's outline, @width wide, in @color: selection, hover, focus. */
void    mb_canvas_render_card_ring   (cairo_t                *cr,
                                      const graphene_rect_t  *rect,
                                      double                  width,
                                      const MbCanvasColor    *color);
/* A comparison's marks. Each change has its colour (added green, removed
 * red, changed amber, moved purple) and always its sign or word beside it. */
const MbCanvasColor *mb_canvas_palette_change_color (const MbCanvasPalette *palette,
                                                     MbChangeKind           kind);
/* A ring round the card in the change's colour (dashed when removed) and a
 * pill with @label ("+ Added") on its top edge. */
void    mb_canvas_render_change_mark (cairo_t               *cr,
                                      const graphene_rect_t *rect,
                                      MbChangeKind           kind,
                                      const char            *label,
                                      const MbCanvasPalette *palette);
/* A removed node where it was: faded, dashed outline, its title struck. */
void    mb_canvas_render_ghost       (cairo_t               *cr,
                                      const graphene_rect_t *rect,
                                      const char            *code,
                                      const char            *title,
                                      const MbCanvasPalette *palette);
/* A changed link: its curve in the change's colour, @symbol at its middle. */
void    mb_canvas_render_edge_change (cairo_t               *cr,
                                      const MbCanvasScene   *scene,
                                      guint                  edge,
                                      MbChangeKind           kind,
                                      const char            *symbol,
                                      const MbCanvasPalette *palette);
/* A removed link between two points: faint, dashed, with @symbol. */
void    mb_canvas_render_removed_link (cairo_t              *cr,
                                       const MbCanvasScene  *scene,
                                       double                x0,
                                       double                y0,
                                       double                x1,
                                       double                y1,
                                       const char           *symbol,
                                       const MbCanvasPalette *palette);
void    mb_canvas_render_handle      (cairo_t                *cr,
                                      const MbCanvasScene    *scene,
                                      guint                   card,
                                      const MbCanvasPalette  *palette);

/* The whole scene: background, level labels, edges, cards, tabs. */
void    mb_canvas_render_scene       (cairo_t                *cr,
                                      const MbCanvasScene    *scene,
                                      const MbCanvasPalette  *palette);

/* Writes the scene to @path as SVG, PNG or PDF, chosen by its extension.
 * SVG and PDF are in points, one scene unit a point; a PDF page is the
 * diagram's size or, if it is larger, an A3 landscape page it is scaled to.
 * PNG is at 2 pixels per unit (for projectors and slides). */
gboolean mb_canvas_render_scene_to_file (const MbCanvasScene *scene,
                                      const char             *path,
                                      gboolean                dark,
                                      GError                **error);

/* Loads and lays out @strategy_id, then writes it as above. */
gboolean mb_canvas_render_strategy_to_file (MbStore          *store,
                                      const char             *strategy_id,
                                      const char             *path,
                                      gboolean                dark,
                                      GError                **error);

G_END_DECLS
