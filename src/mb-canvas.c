/* mb-canvas.c – a strategy's goal structure and effect chain, drawn and edited
 *
 * Drawing follows sysprof's flame graph: the static scene (every card, edge
 * and tab) is recorded once per layout as render nodes and scaled by the
 * zoom; the selection layer (the chain highlighted, the rest dimmed) is
 * rebuilt when the selection changes; hover, drag and rubber band are drawn
 * per frame on top. Edits go to the store as one call each, and the canvas
 * redraws from the store's "changed" signal, never from its own edit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "core/mb-store-canvas-queries.h"
#include "mb-canvas-node.h"
#include "mb-canvas-private.h"
#include "mb-canvas-render.h"
#include "mb-format.h"
#include "mb-canvas.h"
#include "mb-review.h"

G_DEFINE_FINAL_TYPE (MbCanvas, mb_canvas, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SELECTION,
  PROP_ZOOM,
  N_PROPS
};

enum {
  SCENE_READY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void mb_canvas_reload        (MbCanvas *self);

/* Helpers */

void
_mb_canvas_show_error (MbCanvas     *self,
                       const GError *error)
{
  /* The window shows it as a toast; without a window (tests, other hosts)
   * it goes to the log rather than vanishing. */
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", error->message))
    g_message ("%s", error->message);
}

graphene_point_t
_mb_canvas_widget_to_scene (MbCanvas *self,
                            double    x,
                            double    y)
{
  return GRAPHENE_POINT_INIT (self->view_x + x / self->zoom, self->view_y + y / self->zoom);
}

graphene_point_t
_mb_canvas_scene_to_widget (MbCanvas *self,
                            double    x,
                            double    y)
{
  return GRAPHENE_POINT_INIT ((x - self->view_x) * self->zoom, (y - self->view_y) * self->zoom);
}

graphene_rect_t
_mb_canvas_rect_to_widget (MbCanvas              *self,
                           const graphene_rect_t *r)
{
  graphene_point_t p = _mb_canvas_scene_to_widget (self, r->origin.x, r->origin.y);

  return GRAPHENE_RECT_INIT (p.x, p.y, r->size.width * self->zoom, r->size.height * self->zoom);
}

int
_mb_canvas_cursor_card (MbCanvas *self)
{
  return mb_canvas_scene_lookup (self->scene, self->cursor_id);
}

const char *
_mb_canvas_card_id (MbCanvas *self,
                    int       card)
{
  if (self->scene == NULL || card < 0 || (guint) card >= self->scene->cards->len)
    return NULL;
  return mb_canvas_scene_get_card (self->scene, card)->row->id;
}

const char *
_mb_canvas_primary_node (MbCanvas *self)
{
  if (self->selection == NULL || g_strcmp0 (mb_selection_get_kind (self->selection),
                                            MB_KIND_NODE) != 0)
    return NULL;
  return mb_selection_get_id (self->selection);
}

void
_mb_canvas_set_cursor_id (MbCanvas   *self,
                          const char *node_id)
{
  if (g_strcmp0 (self->cursor_id, node_id) == 0)
    return;
  g_free (self->cursor_id);
  self->cursor_id = g_strdup (node_id);
}

void
_mb_canvas_update_actions (MbCanvas *self)
{
  gboolean has_scene = self->scene != NULL;
  gboolean has_cursor = _mb_canvas_cursor_card (self) >= 0;
  gboolean has_selection = self->selection != NULL &&
                           (mb_selection_get_n_nodes (self->selection) > 0 ||
                            _mb_canvas_primary_node (self) != NULL);
  gboolean writable = self->store != NULL && mb_review_store_is_editable (self->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.add-node",
                                 writable && self->strategy_id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.edit-title", writable && has_cursor);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.explain-review",
                                 self->store != NULL && !writable);
  /* Delete takes the selection when it has several nodes, else the cursor's. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.delete-node",
                                 writable && (has_cursor || (self->selection != NULL &&
                                              mb_selection_get_n_nodes (self->selection) > 1)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.start-link", writable && has_cursor);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.copy", has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.paste",
                                 writable && self->strategy_id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.align",
                                 writable && has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.auto-layout", writable && has_scene);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.toggle-direction",
                                 writable && has_scene);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.zoom-fit", has_scene);
}

static gboolean
update_zoom_label_cb (gpointer user_data)
{
  MbCanvas *self = user_data;
  g_autofree char *label = mb_format_percent (self->zoom);

  self->zoom_label_idle = 0;
  if (self->zoom_button != NULL)
    gtk_button_set_label (GTK_BUTTON (self->zoom_button), label);
  return G_SOURCE_REMOVE;
}

/* @allocating: called from size_allocate, where nothing may queue another
 * allocation (the label's resize waits for an idle). */
static void
apply_view (MbCanvas *self,
            double    zoom,
            double    view_x,
            double    view_y,
            gboolean  allocating)
{
  zoom = CLAMP (zoom, MB_CANVAS_MIN_ZOOM, MB_CANVAS_MAX_ZOOM);
  self->view_x = view_x;
  self->view_y = view_y;
  if (zoom != self->zoom)
    {
      self->zoom = zoom;
      if (allocating)
        {
          if (self->zoom_label_idle == 0)
            self->zoom_label_idle = g_idle_add (update_zoom_label_cb, self);
        }
      else
        update_zoom_label_cb (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  if (!allocating)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
_mb_canvas_set_view (MbCanvas *self,
                     double    zoom,
                     double    view_x,
                     double    view_y)
{
  apply_view (self, zoom, view_x, view_y, FALSE);
}

/* The whole strategy in view, never larger than 100 %: a small strategy
 * stays at reading size. @readable (opening a strategy) also stops at
 * MB_CANVAS_READABLE_ZOOM: a large strategy then opens at its start (the
 * first root, its level names in view), and the rest is a scroll or a click
 * on the overview map away, rather than cards too small to read. */
static void
fit_view (MbCanvas *self,
          double    w,
          double    h,
          gboolean  allocating,
          gboolean  readable)
{
  const graphene_rect_t *b = &self->scene->bounds;
  double zoom = CLAMP (MIN (w / b->size.width, h / b->size.height), MB_CANVAS_MIN_ZOOM, 1.0);
  double view_x, view_y;

  self->fit_pending = FALSE;
  if (readable && zoom < MB_CANVAS_READABLE_ZOOM && self->scene->cards->len > 0)
    {
      const graphene_rect_t *root = &mb_canvas_scene_get_card (self->scene, 0)->rect;

      zoom = MB_CANVAS_READABLE_ZOOM;
      view_x = b->origin.x;
      view_y = b->origin.y;
      /* Along the levels from their start; across them centred on the root
       * where the diagram is wider than the view. */
      if (self->scene->data->left_right)
        view_y = CLAMP (mb_canvas_rect_center_y (root) - h / 2.0 / zoom, b->origin.y,
                        MAX (b->origin.y, b->origin.y + b->size.height - h / zoom));
      else
        view_x = CLAMP (mb_canvas_rect_center_x (root) - w / 2.0 / zoom, b->origin.x,
                        MAX (b->origin.x, b->origin.x + b->size.width - w / zoom));
      /* The first row starts below the toolbar, which floats over the top. */
      if (self->toolbar != NULL)
        {
          int tool_h;

          gtk_widget_measure (self->toolbar, GTK_ORIENTATION_VERTICAL, -1, NULL, &tool_h, NULL,
                              NULL);
          view_y -= MAX (0.0, 12.0 + tool_h + 8.0 - MB_CANVAS_SCENE_MARGIN * zoom) / zoom;
        }
      apply_view (self, zoom, view_x, view_y, allocating);
      return;
    }
  apply_view (self, zoom, mb_canvas_rect_center_x (b) - w / 2.0 / zoom,
              mb_canvas_rect_center_y (b) - h / 2.0 / zoom, allocating);
}

/* Zooms keeping the scene point under (x, y) in place. */
void
_mb_canvas_zoom_at (MbCanvas *self,
                    double    zoom,
                    double    x,
                    double    y)
{
  graphene_point_t p = _mb_canvas_widget_to_scene (self, x, y);

  zoom = CLAMP (zoom, MB_CANVAS_MIN_ZOOM, MB_CANVAS_MAX_ZOOM);
  _mb_canvas_set_view (self, zoom, p.x - x / zoom, p.y - y / zoom);
}

void
_mb_canvas_pan_by (MbCanvas *self,
                   double    dx,
                   double    dy)
{
  _mb_canvas_set_view (self, self->zoom, self->view_x + dx / self->zoom,
                       self->view_y + dy / self->zoom);
}

/* Scrolls the least needed to show @rect (scene coordinates) whole. */
void
_mb_canvas_scroll_to_rect (MbCanvas              *self,
                           const graphene_rect_t *rect)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  double w, h = gtk_widget_get_height (GTK_WIDGET (self)) / self->zoom;
  double vx = self->view_x, vy = self->view_y, margin = 24.0 / self->zoom, top = margin;

  /* Clear of a panel that lies over the canvas, when there is room beside it. */
  if (width - self->covered_end >= MB_CANVAS_CARD_WIDTH * self->zoom + 48)
    width -= self->covered_end;
  w = width / self->zoom;
  if (w <= 0 || h <= 0)
    return;
  if (rect->origin.x - margin < vx)
    vx = rect->origin.x - margin;
  else if (rect->origin.x + rect->size.width + margin > vx + w)
    vx = rect->origin.x + rect->size.width + margin - w;
  /* Below the toolbar that floats at the top, where it would cover it. */
  if (self->toolbar != NULL)
    {
      graphene_rect_t tool;
      double left = (rect->origin.x - vx) * self->zoom;

      if (gtk_widget_compute_bounds (self->toolbar, GTK_WIDGET (self), &tool) &&
          left < tool.origin.x + tool.size.width &&
          left + rect->size.width * self->zoom > tool.origin.x)
        top = MAX (top, (tool.origin.y + tool.size.height + 8.0) / self->zoom);
    }
  if (rect->origin.y - top < vy)
    vy = rect->origin.y - top;
  else if (rect->origin.y + rect->size.height + margin > vy + h)
    vy = rect->origin.y + rect->size.height + margin - h;
  if (vx != self->view_x || vy != self->view_y)
    _mb_canvas_set_view (self, self->zoom, vx, vy);
}

/* Scrolls the least needed to show @card whole. */
void
_mb_canvas_scroll_to_card (MbCanvas *self,
                           int       card)
{
  if (self->scene == NULL || card < 0)
    return;
  _mb_canvas_scroll_to_rect (self, &mb_canvas_scene_get_card (self->scene, card)->rect);
}

/* Render nodes */

static void
render_node_unref0 (gpointer node)
{
  if (node != NULL)
    gsk_render_node_unref (node);
}

static void
unparent0 (gpointer widget)
{
  if (widget != NULL)
    {
      gtk_widget_unparent (widget);
      g_object_unref (widget);
    }
}

/* A recording of @bounds, drawn into in scene coordinates but recorded at
 * the origin and put in place by a translation: the cairo renderer cannot
 * place a recording far out (cards past x = 300,000, the right of a large
 * strategy, vanished on X11 while the links beside them were drawn). */
GskRenderNode *
_mb_canvas_record (const graphene_rect_t *bounds,
                   cairo_t              **cr)
{
  g_autoptr(GskRenderNode) recording = gsk_cairo_node_new (
    &GRAPHENE_RECT_INIT (0, 0, bounds->size.width, bounds->size.height));
  g_autoptr(GskTransform) place = gsk_transform_translate (NULL, &bounds->origin);

  *cr = gsk_cairo_node_get_draw_context (recording);
  cairo_translate (*cr, -bounds->origin.x, -bounds->origin.y);
  mb_canvas_render_set_outline_text (*cr);
  return gsk_transform_node_new (recording, place);
}

static GdkRGBA
rgba (const MbCanvasColor *c)
{
  return (GdkRGBA) { c->r, c->g, c->b, c->a };
}

/* mb_canvas_render_card_block() in GSK's own nodes: a cairo recording
 * would be a texture of its own per card for the GL renderer, rasterised
 * and uploaded at the first frame of every scene (hundreds of them, most
 * of the memory at open and much of a switch's time); these are drawn as
 * they are. */
static GskRenderNode *
block_node (MbCanvas *self,
            guint     index)
{
  const MbCanvasCard *card = mb_canvas_scene_get_card (self->scene, index);
  const graphene_rect_t *r = &card->rect;
  GdkRGBA fill = rgba (&self->palette.card);
  GdkRGBA border = rgba (&self->palette.card_border);
  GdkRGBA bar = rgba (mb_canvas_palette_level_color (&self->palette, card->row->level));
  GdkRGBA dim = rgba (&self->palette.dim);
  GskRoundedRect shape, outline;
  GskRenderNode *children[4];
  GskRenderNode *color, *node;

  gsk_rounded_rect_init_from_rect (&shape, r, MB_CANVAS_CARD_RADIUS);
  /* The stroke of 2 on the shape's edge: a border of 2 one unit outside. */
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (r->origin.x - 1.0,
                                                                   r->origin.y - 1.0,
                                                                   r->size.width + 2.0,
                                                                   r->size.height + 2.0),
                                   MB_CANVAS_CARD_RADIUS + 1.0);
  color = gsk_color_node_new (&fill, r);
  children[0] = gsk_rounded_clip_node_new (color, &shape);
  gsk_render_node_unref (color);
  children[1] = gsk_border_node_new (&outline, (float[4]) { 2, 2, 2, 2 },
                                     (GdkRGBA[4]) { border, border, border, border });
  children[2] = gsk_color_node_new (&bar, &GRAPHENE_RECT_INIT (r->origin.x, r->origin.y,
                                                               r->size.width, 10.0));
  children[3] = gsk_color_node_new (&dim, &GRAPHENE_RECT_INIT (
                                      r->origin.x + MB_CANVAS_CARD_PADDING, r->origin.y + 34.0,
                                      (r->size.width - 2 * MB_CANVAS_CARD_PADDING) * 0.8, 12.0));
  node = gsk_container_node_new (children, G_N_ELEMENTS (children));
  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    gsk_render_node_unref (children[i]);
  return node;
}

static void
build_item_nodes (MbCanvas *self)
{
  const MbCanvasScene *scene = self->scene;

  g_ptr_array_set_size (self->card_nodes, 0);
  g_ptr_array_set_size (self->block_nodes, 0);
  g_ptr_array_set_size (self->stub_nodes, 0);
  g_ptr_array_set_size (self->stub_block_nodes, 0);
  if (scene == NULL)
    return;

  /* Detailed cards are recorded when they first come into view (text is
   * the costly part); plain blocks for the overview all at once. */
  g_ptr_array_set_size (self->card_nodes, scene->cards->len);
  for (guint i = 0; i < scene->cards->len; i++)
    g_ptr_array_add (self->block_nodes, block_node (self, i));

  /* Tabs likewise: their text is recorded when it comes into view. */
  g_ptr_array_set_size (self->stub_nodes, scene->stubs->len);
  for (guint i = 0; i < scene->stubs->len; i++)
    {
      graphene_rect_t bounds = g_array_index (scene->stubs, MbCanvasStub, i).rect;
      cairo_t *cr;
      GskRenderNode *node;

      graphene_rect_inset (&bounds, -1.0, -1.0);
      node = _mb_canvas_record (&bounds, &cr);
      mb_canvas_render_stub_block (cr, scene, i, &self->palette);
      cairo_destroy (cr);
      g_ptr_array_add (self->stub_block_nodes, node);
    }
}

static GskRenderNode *
get_stub_node (MbCanvas *self,
               guint     stub,
               gboolean  detailed)
{
  GskRenderNode *node;

  if (!detailed)
    return g_ptr_array_index (self->stub_block_nodes, stub);

  node = g_ptr_array_index (self->stub_nodes, stub);
  if (node == NULL)
    {
      graphene_rect_t bounds = g_array_index (self->scene->stubs, MbCanvasStub, stub).rect;
      cairo_t *cr;

      graphene_rect_inset (&bounds, -1.0, -1.0);
      node = _mb_canvas_record (&bounds, &cr);
      mb_canvas_render_stub (cr, self->scene, stub, &self->palette);
      cairo_destroy (cr);
      self->stub_nodes->pdata[stub] = node;
    }
  return node;
}

static GskRenderNode *
get_card_node (MbCanvas *self,
               guint     card,
               gboolean  detailed)
{
  GskRenderNode *node;

  if (!detailed)
    return g_ptr_array_index (self->block_nodes, card);

  node = g_ptr_array_index (self->card_nodes, card);
  if (node == NULL)
    {
      graphene_rect_t bounds = mb_canvas_scene_get_card (self->scene, card)->rect;
      cairo_t *cr;

      /* Room for the shadow. */
      graphene_rect_inset (&bounds, -4.0, -4.0);
      node = _mb_canvas_record (&bounds, &cr);
      mb_canvas_render_card (cr, self->scene, card, &self->palette);
      cairo_destroy (cr);
      self->card_nodes->pdata[card] = node;
    }
  return node;
}

static gboolean
edge_hidden (MbCanvas           *self,
             const MbCanvasEdge *edge)
{
  return self->hidden != NULL && (self->hidden[edge->from] || self->hidden[edge->to]);
}

void
_mb_canvas_build_static_node (MbCanvas *self)
{
  const MbCanvasScene *scene = self->scene;
  g_autoptr(GPtrArray) children = g_ptr_array_new ();
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (render_node_unref0);
  cairo_t *cr;

  g_clear_pointer (&self->static_node, gsk_render_node_unref);
  if (scene == NULL)
    return;

  /* Bands as colour nodes and each level name as a small recorded node:
   * one recording as large as the scene would be rasterised whole by the
   * cairo renderer on every frame. */
  for (guint i = 0; i < scene->labels->len; i++)
    {
      const MbCanvasLevelLabel *label = &g_array_index (scene->labels, MbCanvasLevelLabel, i);
      graphene_rect_t band, bounds = label->rect;
      GdkRGBA band_color = { self->palette.band.r, self->palette.band.g, self->palette.band.b,
                             self->palette.band.a };

      if (mb_canvas_render_band_rect (scene, i, &band))
        g_ptr_array_add (owned, gsk_color_node_new (&band_color, &band));
      graphene_rect_inset (&bounds, -2.0, -2.0);
      g_ptr_array_add (owned, _mb_canvas_record (&bounds, &cr));
      mb_canvas_render_level_label (cr, scene, i, &self->palette);
      cairo_destroy (cr);
    }
  for (guint i = 0; i < owned->len; i++)
    g_ptr_array_add (children, owned->pdata[i]);

  /* Tabs, edges and cards are drawn into the rasters, those in view only. */
  mb_canvas_raster_clear (self->scene_raster);
  mb_canvas_raster_clear (self->chain_raster);
  self->static_node = gsk_container_node_new ((GskRenderNode **) children->pdata, children->len);
}

static void
build_minimap_node (MbCanvas *self)
{
  const MbCanvasScene *scene = self->scene;
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (
    (GDestroyNotify) gsk_render_node_unref);
  double scale;
  GdkRGBA card_color = { self->palette.dim.r, self->palette.dim.g, self->palette.dim.b, 0.55 };

  g_clear_pointer (&self->minimap_node, gsk_render_node_unref);
  if (scene == NULL || scene->cards->len == 0)
    return;

  /* Cards as small blocks, in minimap coordinates (origin at its corner). */
  scale = MB_CANVAS_MINIMAP_MAX / MAX (scene->bounds.size.width, scene->bounds.size.height);
  for (guint i = 0; i < scene->cards->len; i++)
    {
      const graphene_rect_t *r = &mb_canvas_scene_get_card (scene, i)->rect;
      graphene_rect_t m = GRAPHENE_RECT_INIT ((r->origin.x - scene->bounds.origin.x) * scale,
                                              (r->origin.y - scene->bounds.origin.y) * scale,
                                              MAX (r->size.width * scale, 1.0),
                                              MAX (r->size.height * scale, 1.0));

      g_ptr_array_add (children, gsk_color_node_new (&card_color, &m));
    }
  self->minimap_node = gsk_container_node_new ((GskRenderNode **) children->pdata,
                                               children->len);
}

void
_mb_canvas_rebuild_nodes (MbCanvas *self)
{
  build_item_nodes (self);
  _mb_canvas_build_changes_node (self);
  _mb_canvas_build_static_node (self);
  build_minimap_node (self);
  _mb_canvas_update_chain (self);
}

static gboolean prepare_chain_cb (gpointer data);

/* The selection layer: a veil over the scene, and on it again the chain of
 * the selected node; rings around every selected card. */
void
_mb_canvas_update_chain (MbCanvas *self)
{
  const MbCanvasScene *scene = self->scene;
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (
    (GDestroyNotify) gsk_render_node_unref);
  g_auto(GStrv) selected = NULL;
  int primary;

  g_clear_pointer (&self->chain_node, gsk_render_node_unref);
  g_clear_pointer (&self->rings_node, gsk_render_node_unref);
  g_clear_pointer (&self->in_chain, g_free);
  g_clear_pointer (&self->chain_edges, g_free);
  mb_canvas_raster_clear (self->chain_raster);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (scene == NULL || self->selection == NULL)
    return;

  primary = mb_canvas_scene_lookup (scene, _mb_canvas_primary_node (self));
  if (primary >= 0)
    {
      g_autofree gboolean *cards = g_new0 (gboolean, scene->cards->len);
      g_autofree gboolean *edges = g_new0 (gboolean, MAX (scene->edges->len, 1));
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) up = NULL;
      g_auto(GStrv) down = NULL;
      GdkRGBA veil = { self->palette.background.r, self->palette.background.g,
                       self->palette.background.b, 0.7 };

      if (!mb_store_query_chain (self->store, _mb_canvas_card_id (self, primary),
                                 MB_CHAIN_INCLUDE_TREE,
                                 &up, &down, &error))
        g_debug ("No chain for the selected node: %s", error->message);
      mb_canvas_scene_mark_chain (scene, primary, (const char * const *) up,
                                  (const char * const *) down, cards, edges);

      g_ptr_array_add (children, gsk_color_node_new (&veil, &scene->bounds));
      self->chain_edges = g_steal_pointer (&edges);
      /* The chain's tabs, edges and cards go on the veil in the chain's raster. */
      self->in_chain = g_steal_pointer (&cards);
    }

  if (children->len > 0)
    self->chain_node = gsk_container_node_new ((GskRenderNode **) children->pdata,
                                               children->len);
  g_ptr_array_set_size (children, 0);

  selected = mb_selection_dup_nodes (self->selection);
  for (guint i = 0; selected != NULL && selected[i] != NULL; i++)
    {
      int card = mb_canvas_scene_lookup (scene, selected[i]);
      graphene_rect_t bounds;
      cairo_t *cr;

      if (card < 0 || (self->hidden != NULL && self->hidden[card]))
        continue;
      bounds = mb_canvas_scene_get_card (scene, card)->rect;
      graphene_rect_inset (&bounds, -6.0, -6.0);
      g_ptr_array_add (children, _mb_canvas_record (&bounds, &cr));
      mb_canvas_render_card_ring (cr, &mb_canvas_scene_get_card (scene, card)->rect, 3.0,
                                  &self->palette.accent);
      cairo_destroy (cr);
    }

  if (children->len > 0)
    self->rings_node = gsk_container_node_new ((GskRenderNode **) children->pdata,
                                               children->len);

  /* Before GTK's layout (110) and drawing (120). */
  if (self->chain_node != NULL && self->chain_idle == 0)
    self->chain_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, prepare_chain_cb, self, NULL);
}

/* Scene */

static void
set_scene (MbCanvas      *self,
           MbCanvasScene *scene)
{
  int card;

  g_clear_pointer (&self->hidden, g_free);
  g_array_set_size (self->drag_cards, 0);
  self->drag_mode = MB_CANVAS_DRAG_NONE;
  self->dragging = FALSE;
  self->hover = -1;
  self->hover_stub = -1;
  self->editing = -1;
  gtk_widget_set_visible (self->entry, FALSE);

  g_clear_pointer (&self->scene, mb_canvas_scene_free);
  self->scene = scene;
  if (scene != NULL)
    self->plain_bounds = scene->bounds;
  _mb_canvas_place_changes (self);

  _mb_canvas_rebuild_nodes (self);
  _mb_canvas_sync_node_widgets (self);

  if (mb_canvas_scene_lookup (scene, self->cursor_id) < 0)
    _mb_canvas_set_cursor_id (self, scene != NULL && scene->cards->len > 0
                                    ? _mb_canvas_card_id (self, 0) : NULL);

  if (self->fit_pending && scene != NULL && gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    fit_view (self, gtk_widget_get_width (GTK_WIDGET (self)),
              gtk_widget_get_height (GTK_WIDGET (self)), FALSE, TRUE);

  _mb_canvas_update_actions (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));

  if (self->reveal_on_arrival != NULL &&
      (card = mb_canvas_scene_lookup (scene, self->reveal_on_arrival)) >= 0)
    {
      if (g_strcmp0 (_mb_canvas_primary_node (self), self->reveal_on_arrival) == 0)
        {
          g_autofree char *id = g_steal_pointer (&self->reveal_on_arrival);

          /* The focus, if it waited on the canvas for the node. */
          if (gtk_widget_has_focus (GTK_WIDGET (self)))
            mb_canvas_focus_node (self, id);
          else
            {
              _mb_canvas_set_cursor_id (self, id);
              _mb_canvas_scroll_to_card (self, card);
            }
        }
      g_clear_pointer (&self->reveal_on_arrival, g_free);
    }

  if (self->edit_on_arrival != NULL &&
      (card = mb_canvas_scene_lookup (scene, self->edit_on_arrival)) >= 0)
    {
      g_autofree char *id = g_steal_pointer (&self->edit_on_arrival);

      mb_canvas_focus_node (self, id);
      _mb_canvas_start_editing (self, card);
    }

  g_signal_emit (self, signals[SCENE_READY], 0);
}

/* A layout kept for a strategy, with the shape of the graph it was made
 * for (a hash): the same shape lays out the same, so it is shown again at
 * once. The library keeps the last one too, for the next session. */
typedef struct
{
  char           *shape;
  MbLayoutResult *layout;
} CanvasLayout;

static void
canvas_layout_free (gpointer data)
{
  CanvasLayout *cached = data;

  g_free (cached->shape);
  mb_layout_result_unref (cached->layout);
  g_free (cached);
}

/* What the layout depends on (cards have one size, which a kept layout
 * carries and mb_layout_result_new_from_bytes() checks): the direction, the
 * nodes with their levels, pins and parents, and the links, in order; as a
 * SHA-256, short enough to keep and compare. */
static char *
canvas_data_shape (const MbCanvasData *data)
{
  g_autofree char *text = NULL;
  GString *shape = g_string_sized_new (64 * (data->nodes->len + data->links->len));

  g_string_append_c (shape, data->left_right ? 'h' : 'v');
  for (guint i = 0; i < data->nodes->len; i++)
    {
      const MbCanvasNodeRow *node = g_ptr_array_index (data->nodes, i);

      g_string_append_printf (shape, "\n%s %u %s", node->id, node->level,
                              node->parent_id ? node->parent_id : "-");
      if (node->pinned)
        g_string_append_printf (shape, " %a %a", node->x, node->y);
    }
  for (guint i = 0; i < data->links->len; i++)
    {
      const MbCanvasLinkRow *link = g_ptr_array_index (data->links, i);

      g_string_append_printf (shape, "\n%s>%s %s", link->from_id, link->to_id, link->kind);
    }
  text = g_string_free (shape, FALSE);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static void
keep_layout (MbCanvas       *self,
             const char     *strategy_id,
             const char     *shape,
             MbLayoutResult *layout)
{
  g_autoptr(GBytes) bytes = mb_layout_result_to_bytes (layout);
  g_autoptr(GError) error = NULL;

  /* A cache: a library that cannot take it now gets it another time. */
  if (!mb_store_canvas_keep_layout (self->store, strategy_id, shape, bytes, &error))
    g_debug ("The layout of %s is not kept: %s", strategy_id, error->message);
}

/* The layout the library kept of the strategy, if made for this shape. */
static MbLayoutResult *
kept_layout (MbCanvas      *self,
             const char    *shape,
             MbLayoutGraph *graph)
{
  g_autoptr(GBytes) bytes = mb_store_canvas_lookup_layout (self->store, self->strategy_id, shape);
  g_autoptr(GError) error = NULL;
  MbLayoutResult *layout;

  if (bytes == NULL)
    return NULL;
  layout = mb_layout_result_new_from_bytes (graph, bytes, &error);
  if (layout == NULL)
    g_debug ("The kept layout of %s is not used: %s", self->strategy_id, error->message);
  return layout;
}

typedef struct
{
  MbCanvas     *self;
  MbCanvasData *data;   /* NULL: the quick scene on screen holds it */
  char         *shape;
  gboolean      fit;    /* the quick scene was fitted: fit the real one */
  GCancellable *cancellable;
} LayoutJob;

static void
layout_job_free (LayoutJob *job)
{
  g_clear_object (&job->self);
  g_clear_pointer (&job->data, mb_canvas_data_free);
  g_free (job->shape);
  g_clear_object (&job->cancellable);
  g_free (job);
}

static void
layout_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LayoutJob *job = user_data;
  MbCanvas *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(MbLayoutResult) layout = mb_layout_run_finish (result, &error);
  CanvasLayout *cached;

  if (g_cancellable_is_cancelled (job->cancellable))
    {
      layout_job_free (job);
      return;
    }

  g_clear_object (&self->layout_cancellable);
  if (layout == NULL)
    {
      _mb_canvas_show_error (self, error);
      layout_job_free (job);
      return;
    }
  /* Any reload cancels this job, so the quick scene is still the one shown:
   * its data moves to the new scene (its cards' rows stay valid meanwhile). */
  if (job->data == NULL && self->scene != NULL)
    job->data = g_steal_pointer (&self->scene->data);
  if (job->data == NULL)
    {
      layout_job_free (job);
      return;
    }

  keep_layout (self, job->data->strategy_id, job->shape, layout);
  cached = g_new0 (CanvasLayout, 1);
  cached->shape = g_steal_pointer (&job->shape);
  cached->layout = mb_layout_result_ref (layout);
  g_hash_table_replace (self->layouts, g_strdup (job->data->strategy_id), cached);
  if (job->fit)
    self->fit_pending = TRUE;
  set_scene (self, mb_canvas_scene_new (g_steal_pointer (&job->data), layout));
  layout_job_free (job);
}

static void
mb_canvas_reload (MbCanvas *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbLayoutGraph) graph = NULL;
  g_autoptr(MbLayoutResult) kept = NULL;
  g_autofree char *shape = NULL;
  MbCanvasData *data;
  CanvasLayout *cached;
  LayoutJob *job;

  /* A switch away, or a newer reload, cancels the layout under way. */
  if (self->layout_cancellable != NULL)
    {
      g_cancellable_cancel (self->layout_cancellable);
      g_clear_object (&self->layout_cancellable);
    }

  if (self->store == NULL || self->strategy_id == NULL)
    {
      set_scene (self, NULL);
      return;
    }

  /* Reading is quick (tens of milliseconds at 500 nodes in a library of
   * 10,000); laying out is not, and runs in a worker. */
  data = mb_store_canvas_load (self->store, self->strategy_id, &error);
  if (data == NULL)
    {
      _mb_canvas_show_error (self, error);
      set_scene (self, NULL);
      return;
    }

  /* The strategy's last layout, if its graph has not changed since: this
   * session's, or the one the library kept from an earlier one. */
  shape = canvas_data_shape (data);
  cached = g_hash_table_lookup (self->layouts, self->strategy_id);
  if (cached != NULL && g_str_equal (cached->shape, shape))
    {
      set_scene (self, mb_canvas_scene_new (data, cached->layout));
      return;
    }

  graph = mb_canvas_scene_build_graph (data);
  /* The library keeps what this session last laid out: when that no
   * longer fits, neither does the library's (no lookup per edit). */
  if (cached == NULL)
    kept = kept_layout (self, shape, graph);
  if (kept != NULL)
    {
      cached = g_new0 (CanvasLayout, 1);
      cached->shape = g_steal_pointer (&shape);
      cached->layout = mb_layout_result_ref (kept);
      g_hash_table_replace (self->layouts, g_strdup (self->strategy_id), cached);
      set_scene (self, mb_canvas_scene_new (data, kept));
      return;
    }
  job = g_new0 (LayoutJob, 1);
  job->self = g_object_ref (self);
  job->data = data;
  job->shape = g_steal_pointer (&shape);
  job->cancellable = g_cancellable_new ();

  /* Another strategy's scene must not stay on screen meanwhile: rows by
   * level at once, dot's layout when it comes (after an edit the previous
   * scene of the same strategy stays instead). */
  if (self->scene == NULL || g_strcmp0 (self->scene->data->strategy_id, self->strategy_id) != 0)
    {
      g_autoptr(MbLayoutResult) quick = mb_layout_run_quick (graph, NULL);

      if (quick != NULL)
        {
          /* A view fitted to the quick scene is fitted again to the real one. */
          job->fit = self->fit_pending;
          set_scene (self, mb_canvas_scene_new (g_steal_pointer (&job->data), quick));
        }
    }

  self->layout_cancellable = g_object_ref (job->cancellable);
  mb_layout_run_async (graph, job->cancellable, layout_done_cb, job);
}

static void
store_changed_cb (MbCanvas           *self,
                  const char * const *tables,
                  MbStore            *store)
{
  static const char * const watched[] = {
    "strategies", "levels", "nodes", "links", "node_tags", "node_indicators", "indicators",
    "indicator_targets", "measurements", "project_nodes", "call_nodes", "assessments",
    "follow_up_rounds",
  };

  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    if (mb_store_changes_include (tables, watched[i]))
      {
        mb_canvas_reload (self);
        return;
      }
}

static void
selection_changed_cb (MbCanvas    *self,
                      MbSelection *selection)
{
  const char *strategy = mb_selection_get_strategy (selection);
  const char *primary = _mb_canvas_primary_node (self);

  if (g_strcmp0 (strategy, self->strategy_id) != 0)
    {
      g_free (self->strategy_id);
      self->strategy_id = g_strdup (strategy);
      _mb_canvas_set_cursor_id (self, NULL);
      self->fit_pending = TRUE;
      mb_canvas_reload (self);
    }

  if (mb_canvas_scene_lookup (self->scene, primary) >= 0)
    _mb_canvas_set_cursor_id (self, primary);
  else if (primary != NULL)
    {
      /* Selected before it is laid out (a node just added from the window's
       * menu): shown when it arrives. */
      g_free (self->reveal_on_arrival);
      self->reveal_on_arrival = g_strdup (primary);
    }

  _mb_canvas_update_chain (self);
  _mb_canvas_update_actions (self);
}

static void
dark_changed_cb (MbCanvas        *self,
                 GParamSpec      *pspec,
                 AdwStyleManager *manager)
{
  mb_canvas_palette_init (&self->palette, adw_style_manager_get_dark (manager));
  _mb_canvas_rebuild_nodes (self);
}

/* Editing */

void
_mb_canvas_finish_editing (MbCanvas *self,
                           gboolean  commit)
{
  int card = self->editing;
  const char *id = _mb_canvas_card_id (self, card);
  g_autofree char *text = NULL;

  if (card < 0)
    return;

  self->editing = -1;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  gtk_widget_set_visible (self->entry, FALSE);

  if (id != NULL)
    gtk_widget_grab_focus (_mb_canvas_ensure_node_widget (self, card));

  if (commit && id != NULL && text[0] != '\0' &&
      g_strcmp0 (text, mb_canvas_scene_get_card (self->scene, card)->row->title) != 0)
    {
      g_autoptr(GError) error = NULL;
      GValue value = G_VALUE_INIT;

      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, text);
      if (!mb_store_set_field (self->store, "nodes", id, "title", &value, &error))
        _mb_canvas_show_error (self, error);
      g_value_unset (&value);
    }
}

static void
entry_activate_cb (MbCanvas *self)
{
  _mb_canvas_finish_editing (self, TRUE);
}

static gboolean
entry_key_cb (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              MbCanvas              *self)
{
  if (keyval == GDK_KEY_Escape)
    {
      _mb_canvas_finish_editing (self, FALSE);
      return TRUE;
    }
  return FALSE;
}

static void
entry_focus_leave_cb (MbCanvas *self)
{
  GtkRoot *root = gtk_widget_get_root (self->entry);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* The window losing focus (another window, a notification) keeps the
   * edit going: the window's focus is still in the entry then. */
  if (focus != NULL && (focus == self->entry || gtk_widget_is_ancestor (focus, self->entry)))
    return;

  /* Clicking elsewhere keeps what was typed, as GNOME's rename fields do. */
  if (self->editing >= 0)
    _mb_canvas_finish_editing (self, TRUE);
}

void
_mb_canvas_start_editing (MbCanvas *self,
                          int       card)
{
  if (self->scene == NULL || card < 0)
    return;
  if (!mb_review_store_is_editable (self->store))
    {
      mb_review_explain_refusal (GTK_WIDGET (self));
      return;
    }

  self->editing = card;
  _mb_canvas_scroll_to_card (self, card);
  gtk_editable_set_text (GTK_EDITABLE (self->entry),
                         mb_canvas_scene_get_card (self->scene, card)->row->title);
  gtk_widget_set_visible (self->entry, TRUE);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_grab_focus (self->entry);
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

/* Adds "New node" under @parent_card (or at @level as a root) and edits it
 * once it is laid out. */
void
_mb_canvas_add_node (MbCanvas   *self,
                     int         parent_card,
                     guint       level)
{
  g_autoptr(GError) error = NULL;
  const char *parent_id = NULL;
  const MbCanvasData *data;
  char *id;

  if (self->scene == NULL || self->strategy_id == NULL)
    return;
  data = self->scene->data;
  if (data->level_ids->len == 0)
    return;

  if (parent_card >= 0)
    {
      const MbCanvasCard *parent = mb_canvas_scene_get_card (self->scene, parent_card);

      /* A child one level down; at the last level, a sibling. */
      if (parent->row->level + 1 < data->level_ids->len)
        {
          parent_id = parent->row->id;
          level = parent->row->level + 1;
        }
      else
        {
          parent_id = parent->row->parent_id;
          level = parent->row->level;
        }
    }
  level = MIN (level, data->level_ids->len - 1);

  id = mb_store_create_node (self->store, self->strategy_id, parent_id,
                             g_ptr_array_index (data->level_ids, level), _("New node"), &error);
  if (id == NULL)
    {
      _mb_canvas_show_error (self, error);
      return;
    }
  g_free (self->edit_on_arrival);
  self->edit_on_arrival = id;
}

/* Links */

void
_mb_canvas_open_link_popover (MbCanvas *self,
                              int       source,
                              int       target)
{
  g_free (self->pending_from);
  g_free (self->pending_to);
  self->pending_from = g_strdup (_mb_canvas_card_id (self, source));
  self->pending_to = g_strdup (_mb_canvas_card_id (self, target));
  self->keyboard_link = FALSE;
  self->link_source = source;
  self->link_target = target;
  _mb_canvas_scroll_to_card (self, target);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
popover_closed_cb (MbCanvas *self)
{
  g_clear_pointer (&self->pending_from, g_free);
  g_clear_pointer (&self->pending_to, g_free);
  self->link_source = -1;
  self->link_target = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GtkWidget */

/* A cairo node for per-frame drawing, cut to the view: a line dragged
 * across a large diagram would otherwise make a node too large for the GL
 * renderer's textures. FALSE if nothing of @bounds is in view. Recorded
 * at the origin, as _mb_canvas_record() does, for the cairo renderer. */
static gboolean
append_overlay_cairo (MbCanvas              *self,
                      GtkSnapshot           *snapshot,
                      const graphene_rect_t *bounds,
                      cairo_t              **cr)
{
  graphene_rect_t view = self->view_rect, cut;
  g_autoptr(GskRenderNode) node = NULL;

  graphene_rect_inset (&view, -16.0, -16.0);
  if (!graphene_rect_intersection (bounds, &view, &cut))
    return FALSE;
  node = _mb_canvas_record (&cut, cr);
  gtk_snapshot_append_node (snapshot, node);
  return TRUE;
}

/* The two ends of an edge drawn while its cards move. */
static void
loose_ends (MbCanvas              *self,
            const graphene_rect_t *from,
            const graphene_rect_t *to,
            graphene_point_t      *a,
            graphene_point_t      *b)
{
  if (self->scene->data->left_right)
    {
      gboolean forward = mb_canvas_rect_center_x (to) >= mb_canvas_rect_center_x (from);

      *a = GRAPHENE_POINT_INIT (forward ? from->origin.x + from->size.width : from->origin.x,
                                mb_canvas_rect_center_y (from));
      *b = GRAPHENE_POINT_INIT (forward ? to->origin.x : to->origin.x + to->size.width,
                                mb_canvas_rect_center_y (to));
    }
  else
    {
      gboolean down = mb_canvas_rect_center_y (to) >= mb_canvas_rect_center_y (from);

      *a = GRAPHENE_POINT_INIT (mb_canvas_rect_center_x (from),
                                down ? from->origin.y + from->size.height : from->origin.y);
      *b = GRAPHENE_POINT_INIT (mb_canvas_rect_center_x (to),
                                down ? to->origin.y : to->origin.y + to->size.height);
    }
}

static graphene_rect_t
moved_rect (MbCanvas *self,
            guint     card)
{
  graphene_rect_t r = mb_canvas_scene_get_card (self->scene, card)->rect;

  if (self->hidden != NULL && self->hidden[card])
    graphene_rect_offset (&r, self->drag_dx / self->zoom, self->drag_dy / self->zoom);
  return r;
}

static void
snapshot_drag (MbCanvas    *self,
               GtkSnapshot *snapshot)
{
  const MbCanvasScene *scene = self->scene;
  cairo_t *cr;

  /* Edges of moved cards, as simple curves between where the cards are. */
  for (guint i = 0; i < scene->edges->len; i++)
    {
      const MbCanvasEdge *edge = &g_array_index (scene->edges, MbCanvasEdge, i);
      graphene_rect_t from, to, bounds;
      graphene_point_t a, b;

      if (!edge_hidden (self, edge))
        continue;
      from = moved_rect (self, edge->from);
      to = moved_rect (self, edge->to);
      loose_ends (self, &from, &to, &a, &b);
      bounds = GRAPHENE_RECT_INIT (MIN (a.x, b.x) - 40, MIN (a.y, b.y) - 40,
                                   fabs (b.x - a.x) + 80, fabs (b.y - a.y) + 80);
      if (append_overlay_cairo (self, snapshot, &bounds, &cr))
        {
          mb_canvas_render_loose_edge (cr, scene, edge->kind, a.x, a.y, b.x, b.y, &self->palette);
          cairo_destroy (cr);
        }
    }

  for (guint i = 0; i < self->drag_cards->len; i++)
    {
      guint card = g_array_index (self->drag_cards, guint, i);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (self->drag_dx / self->zoom,
                                                    self->drag_dy / self->zoom));
      gtk_snapshot_append_node (snapshot,
                                get_card_node (self, card, self->zoom >= MB_CANVAS_DETAIL_ZOOM));
      gtk_snapshot_restore (snapshot);
    }
}

static void
snapshot_ring (MbCanvas            *self,
               GtkSnapshot         *snapshot,
               int                  card,
               double               width,
               const MbCanvasColor *color)
{
  graphene_rect_t rect = mb_canvas_scene_get_card (self->scene, card)->rect;
  graphene_rect_t bounds = rect;
  cairo_t *cr;

  graphene_rect_inset (&bounds, -width - 4.0, -width - 4.0);
  if (append_overlay_cairo (self, snapshot, &bounds, &cr))
    {
      mb_canvas_render_card_ring (cr, &rect, width, color);
      cairo_destroy (cr);
    }
}

static void
snapshot_overlay (MbCanvas    *self,
                  GtkSnapshot *snapshot)
{
  const MbCanvasScene *scene = self->scene;
  MbCanvasColor hover_color = self->palette.accent;
  int cursor = _mb_canvas_cursor_card (self);
  cairo_t *cr;

  hover_color.a = 0.45;

  if (self->drag_mode == MB_CANVAS_DRAG_MOVE && self->dragging)
    snapshot_drag (self, snapshot);

  if (self->hover >= 0 && !self->dragging)
    {
      snapshot_ring (self, snapshot, self->hover, 2.0, &hover_color);
      if (mb_review_store_is_editable (self->store))
        {
          graphene_point_t h = mb_canvas_scene_get_handle (scene, self->hover);
          graphene_rect_t bounds = GRAPHENE_RECT_INIT (h.x - 10, h.y - 10, 20, 20);

          if (append_overlay_cairo (self, snapshot, &bounds, &cr))
            {
              mb_canvas_render_handle (cr, scene, self->hover, &self->palette);
              cairo_destroy (cr);
            }
        }
    }

  /* The keyboard cursor, when the canvas has the focus. */
  if (cursor >= 0 && g_ptr_array_index (self->node_widgets, cursor) != NULL &&
      gtk_widget_has_focus (g_ptr_array_index (self->node_widgets, cursor)) &&
      !(self->hidden != NULL && self->hidden[cursor]))
    {
      MbCanvasColor focus = self->palette.accent;

      focus.a = 0.6;
      snapshot_ring (self, snapshot, cursor, 2.0, &focus);
    }

  /* A link being drawn, by pointer or by keyboard. */
  if ((self->drag_mode == MB_CANVAS_DRAG_LINK && self->dragging) || self->keyboard_link ||
      self->pending_from != NULL)
    {
      int source = self->link_source;
      int target = self->link_target;
      graphene_point_t a, b;
      graphene_rect_t bounds;

      if (source >= 0)
        {
          if (target >= 0 && target != source)
            {
              loose_ends (self, &mb_canvas_scene_get_card (scene, source)->rect,
                          &mb_canvas_scene_get_card (scene, target)->rect, &a, &b);
              snapshot_ring (self, snapshot, target, 3.0, &self->palette.accent);
            }
          else
            {
              a = mb_canvas_scene_get_handle (scene, source);
              b = _mb_canvas_widget_to_scene (self, self->drag_x + self->drag_dx,
                                   self->drag_y + self->drag_dy);
              if (self->keyboard_link)
                b = a;
            }
          bounds = GRAPHENE_RECT_INIT (MIN (a.x, b.x) - 40, MIN (a.y, b.y) - 40,
                                       fabs (b.x - a.x) + 80, fabs (b.y - a.y) + 80);
          if (append_overlay_cairo (self, snapshot, &bounds, &cr))
            {
              mb_canvas_render_loose_edge (cr, scene, MB_CANVAS_EDGE_CONTRIBUTES,
                                           a.x, a.y, b.x, b.y, &self->palette);
              cairo_destroy (cr);
            }
          snapshot_ring (self, snapshot, source, 3.0, &self->palette.accent);
        }
    }

  if (self->drag_mode == MB_CANVAS_DRAG_RUBBER && self->dragging)
    {
      graphene_point_t a = _mb_canvas_widget_to_scene (self, self->drag_x, self->drag_y);
      graphene_point_t b = _mb_canvas_widget_to_scene (self, self->drag_x + self->drag_dx,
                                            self->drag_y + self->drag_dy);
      graphene_rect_t r = GRAPHENE_RECT_INIT (MIN (a.x, b.x), MIN (a.y, b.y),
                                              fabs (b.x - a.x), fabs (b.y - a.y));
      GdkRGBA fill = { self->palette.accent.r, self->palette.accent.g, self->palette.accent.b,
                       0.15 };
      GdkRGBA line = { self->palette.accent.r, self->palette.accent.g, self->palette.accent.b,
                       0.8 };
      float width = 1.0 / self->zoom;

      gtk_snapshot_append_color (snapshot, &fill, &r);
      gtk_snapshot_append_border (snapshot, &GSK_ROUNDED_RECT_INIT (r.origin.x, r.origin.y,
                                                                    r.size.width,
                                                                    r.size.height),
                                  (float[4]) { width, width, width, width },
                                  (GdkRGBA[4]) { line, line, line, line });
    }
}

/* Where the overview map is, in widget coordinates: at the bottom left,
 * like the toolbar at the top left away from the side the details panel
 * slides over. FALSE when it is not shown (the diagram fits in the view). */
gboolean
_mb_canvas_minimap_rect (MbCanvas        *self,
                         graphene_rect_t *rect)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  const graphene_rect_t *b;
  double scale;

  if (self->scene == NULL || self->minimap_node == NULL)
    return FALSE;
  b = &self->scene->bounds;
  if (w / self->zoom >= b->size.width && h / self->zoom >= b->size.height)
    return FALSE;
  scale = MB_CANVAS_MINIMAP_MAX / MAX (b->size.width, b->size.height);
  *rect = GRAPHENE_RECT_INIT (MB_CANVAS_MINIMAP_MARGIN,
                              h - MB_CANVAS_MINIMAP_MARGIN - b->size.height * scale,
                              b->size.width * scale, b->size.height * scale);
  return TRUE;
}

static void
snapshot_minimap (MbCanvas    *self,
                  GtkSnapshot *snapshot,
                  double       w,
                  double       h)
{
  const graphene_rect_t *b = &self->scene->bounds;
  double scale, mw, mh, x, y;
  GdkRGBA bg = { self->palette.card.r, self->palette.card.g, self->palette.card.b, 0.92 };
  GdkRGBA border = { self->palette.card_border.r, self->palette.card_border.g,
                     self->palette.card_border.b, 0.3 };
  GdkRGBA view = { self->palette.accent.r, self->palette.accent.g, self->palette.accent.b, 1 };
  GskRoundedRect frame;
  graphene_rect_t v, m;

  /* Only when the diagram does not fit. */
  if (!_mb_canvas_minimap_rect (self, &m))
    return;
  x = m.origin.x;
  y = m.origin.y;
  mw = m.size.width;
  mh = m.size.height;
  scale = mw / b->size.width;

  gsk_rounded_rect_init_from_rect (&frame, &GRAPHENE_RECT_INIT (x - 6, y - 6, mw + 12, mh + 12),
                                   8);
  gtk_snapshot_append_outset_shadow (snapshot, &frame, &(GdkRGBA) { 0, 0, 0, 0.15 }, 0, 1, 1, 3);
  gtk_snapshot_push_rounded_clip (snapshot, &frame);
  gtk_snapshot_append_color (snapshot, &bg, &frame.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &frame, (float[4]) { 1, 1, 1, 1 },
                              (GdkRGBA[4]) { border, border, border, border });

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_node (snapshot, self->minimap_node);
  gtk_snapshot_restore (snapshot);

  /* The part on screen. */
  v = GRAPHENE_RECT_INIT (x + (self->view_x - b->origin.x) * scale,
                          y + (self->view_y - b->origin.y) * scale,
                          w / self->zoom * scale, h / self->zoom * scale);
  graphene_rect_intersection (&v, &GRAPHENE_RECT_INIT (x, y, mw, mh), &v);
  gtk_snapshot_append_border (snapshot, &GSK_ROUNDED_RECT_INIT (v.origin.x, v.origin.y,
                                                                v.size.width, v.size.height),
                              (float[4]) { 2, 2, 2, 2 }, (GdkRGBA[4]) { view, view, view, view });
}

/* The rasters */

/* Pads of the items' bounds for what they draw outside them: a card's
 * shadow, a tab's outline, an edge's stroke and tip. */
#define CARD_MARGIN 4.0
#define STUB_MARGIN 1.0
#define EDGE_MARGIN 8.0

static gboolean
near_area (const graphene_rect_t *bounds,
           double                 margin,
           const graphene_rect_t *area)
{
  graphene_rect_t r = *bounds;

  graphene_rect_inset (&r, -margin, -margin);
  return graphene_rect_intersection (&r, area, NULL);
}

/* Tabs, edges and, if @cards, cards in @area, or those of the chain (@only
 * by card and @only_edges by edge), in the order they overlap. */
static void
draw_items (MbCanvas              *self,
            cairo_t               *cr,
            const graphene_rect_t *area,
            const gboolean        *only,
            const gboolean        *only_edges,
            gboolean               cards)
{
  const MbCanvasScene *scene = self->scene;
  gboolean detailed = self->zoom >= MB_CANVAS_DETAIL_ZOOM;

  for (guint i = 0; i < scene->stubs->len; i++)
    {
      const MbCanvasStub *stub = &g_array_index (scene->stubs, MbCanvasStub, i);

      if ((self->hidden != NULL && self->hidden[stub->card]) || (only != NULL && !only[stub->card])
          || !near_area (&stub->rect, STUB_MARGIN, area))
        continue;
      gsk_render_node_draw (get_stub_node (self, i, detailed), cr);
    }

  for (guint i = 0; i < scene->edges->len; i++)
    {
      const MbCanvasEdge *edge = &g_array_index (scene->edges, MbCanvasEdge, i);

      if ((only_edges != NULL && !only_edges[i]) || edge_hidden (self, edge)
          || !near_area (&edge->bounds, EDGE_MARGIN, area))
        continue;
      mb_canvas_render_edge_near (cr, scene, i, &self->palette, area);
    }

  for (guint i = 0; i < scene->cards->len && cards; i++)
    {
      if ((self->hidden != NULL && self->hidden[i]) || (only != NULL && !only[i])
          || !near_area (&mb_canvas_scene_get_card (scene, i)->rect, CARD_MARGIN, area))
        continue;
      gsk_render_node_draw (get_card_node (self, i, detailed), cr);
    }
}

/* The scene as it stands: bands, level names, tabs, edges, cards. */
static void
draw_scene_layer (cairo_t                  *cr,
                  const graphene_rect_t    *area,
                  const MbCanvasRasterView *view,
                  gpointer                  data)
{
  MbCanvas *self = data;
  const MbCanvasColor *bg = &self->palette.background;

  cairo_set_source_rgb (cr, bg->r, bg->g, bg->b);
  cairo_paint (cr);
  gsk_render_node_draw (self->static_node, cr);
  draw_items (self, cr, area, NULL, NULL, TRUE);
}

static gboolean
chain_card_near (MbCanvas              *self,
                 guint                  card,
                 const graphene_rect_t *area)
{
  return self->in_chain[card] && (self->hidden == NULL || !self->hidden[card])
         && near_area (&mb_canvas_scene_get_card (self->scene, card)->rect, CARD_MARGIN, area);
}

/* The scene under the veil, and the selected node's chain on it. */
static void
draw_chain_layer (cairo_t                  *cr,
                  const graphene_rect_t    *area,
                  const MbCanvasRasterView *view,
                  gpointer                  data)
{
  MbCanvas *self = data;
  const MbCanvasScene *scene = self->scene;

  mb_canvas_raster_paint (self->scene_raster, cr, view);

  /* The chain's cards stay as the scene has them: the veil, the chain's
   * tabs and edges and the cards' shadows go around their shapes (and the
   * plain card's border one unit out), in one clip. */
  cairo_save (cr);
  cairo_rectangle (cr, area->origin.x, area->origin.y, area->size.width, area->size.height);
  for (guint i = 0; i < scene->cards->len; i++)
    {
      const graphene_rect_t *r = &mb_canvas_scene_get_card (scene, i)->rect;

      if (chain_card_near (self, i, area))
        mb_canvas_render_rounded_rect (cr, r->origin.x - 1.0, r->origin.y - 1.0,
                                       r->size.width + 2.0, r->size.height + 2.0,
                                       MB_CANVAS_CARD_RADIUS + 1.0);
    }
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_clip (cr);
  gsk_render_node_draw (self->chain_node, cr);
  draw_items (self, cr, area, self->in_chain, self->chain_edges, FALSE);
  for (guint i = 0; i < scene->cards->len && self->zoom >= MB_CANVAS_DETAIL_ZOOM; i++)
    if (chain_card_near (self, i, area))
      mb_canvas_render_card_shadow (cr, &mb_canvas_scene_get_card (scene, i)->rect,
                                    &self->palette);
  cairo_restore (cr);
}

static gboolean
on_cairo_renderer (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);

  return native != NULL && GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (native));
}

static void
current_view (MbCanvas           *self,
              MbCanvasRasterView *view)
{
  GtkWidget *widget = GTK_WIDGET (self);

  mb_canvas_raster_view_init (view, self->zoom, gtk_widget_get_scale_factor (widget),
                              self->view_x, self->view_y, gtk_widget_get_width (widget),
                              gtk_widget_get_height (widget));
}

/* A new selection's layer, drawn in a turn of the main loop of its own
 * between the selection and its frame: neither holds the loop as long. */
static gboolean
prepare_chain_cb (gpointer data)
{
  MbCanvas *self = data;
  MbCanvasRasterView view;

  self->chain_idle = 0;
  if (self->chain_node != NULL && self->static_node != NULL
      && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      current_view (self, &view);
      mb_canvas_raster_prepare (self->chain_raster, &view, !on_cairo_renderer (GTK_WIDGET (self)));
    }
  return G_SOURCE_REMOVE;
}

static void
mb_canvas_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  MbCanvas *self = MB_CANVAS (widget);
  double w = gtk_widget_get_width (widget);
  double h = gtk_widget_get_height (widget);
  GdkRGBA bg = { self->palette.background.r, self->palette.background.g,
                 self->palette.background.b, 1 };

  if (self->scene == NULL || self->static_node == NULL)
    gtk_snapshot_append_color (snapshot, &bg, &GRAPHENE_RECT_INIT (0, 0, w, h));
  else
    {
      MbCanvasRasterView view;

      /* The raster paints every pixel of the view. */
      self->view_rect = GRAPHENE_RECT_INIT (self->view_x, self->view_y, w / self->zoom,
                                            h / self->zoom);
      gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
      current_view (self, &view);
      mb_canvas_raster_snapshot (self->chain_node != NULL ? self->chain_raster
                                                          : self->scene_raster,
                                 snapshot, &view, !on_cairo_renderer (widget));
      gtk_snapshot_save (snapshot);
      gtk_snapshot_scale (snapshot, self->zoom, self->zoom);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-self->view_x, -self->view_y));
      _mb_canvas_snapshot_changes (self, snapshot);
      if (self->rings_node != NULL)
        gtk_snapshot_append_node (snapshot, self->rings_node);
      snapshot_overlay (self, snapshot);
      gtk_snapshot_restore (snapshot);
      snapshot_minimap (self, snapshot, w, h);
      gtk_snapshot_pop (snapshot);
    }

  if (gtk_widget_get_visible (self->entry))
    gtk_widget_snapshot_child (widget, self->entry, snapshot);
  gtk_widget_snapshot_child (widget, self->toolbar, snapshot);
  if (gtk_widget_get_visible (self->legend))
    gtk_widget_snapshot_child (widget, self->legend, snapshot);
}

static void
mb_canvas_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  MbCanvas *self = MB_CANVAS (widget);
  int tool_min, tool_nat;

  gtk_widget_measure (self->toolbar, orientation, -1, &tool_min, &tool_nat, NULL, NULL);
  *minimum = MAX (tool_min + 24, 120);
  *natural = MAX (*minimum, orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 480);
}

static void
mb_canvas_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  MbCanvas *self = MB_CANVAS (widget);
  int tool_w, tool_h;

  if (self->fit_pending && self->scene != NULL && width > 0 && height > 0)
    {
      /* The first allocation of a new strategy: fit it. */
      fit_view (self, width, height, TRUE, TRUE);
    }

  gtk_widget_measure (self->toolbar, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &tool_w, NULL, NULL);
  gtk_widget_measure (self->toolbar, GTK_ORIENTATION_VERTICAL, tool_w, NULL, &tool_h, NULL,
                      NULL);
  gtk_widget_size_allocate (self->toolbar,
                            &(GtkAllocation) { 12, 12, tool_w, tool_h },
                            -1);

  _mb_canvas_allocate_node_widgets (self, width, height);
  _mb_canvas_allocate_changes (self, width, height);

  if (gtk_widget_get_visible (self->entry) && self->editing >= 0)
    {
      graphene_rect_t r = _mb_canvas_rect_to_widget (self, &mb_canvas_scene_get_card (self->scene,
                                                                           self->editing)->rect);
      int entry_h;

      gtk_widget_measure (self->entry, GTK_ORIENTATION_VERTICAL, -1, NULL, &entry_h, NULL, NULL);
      gtk_widget_size_allocate (self->entry,
                                &(GtkAllocation) { (int) r.origin.x + 4,
                                                   (int) (r.origin.y + 26 * self->zoom),
                                                   MAX ((int) r.size.width - 8, 80), entry_h },
                                -1);
    }

  if (self->pending_to != NULL)
    {
      int target = mb_canvas_scene_lookup (self->scene, self->pending_to);

      if (target >= 0)
        {
          graphene_rect_t r = _mb_canvas_rect_to_widget (self,
                                              &mb_canvas_scene_get_card (self->scene,
                                                                         target)->rect);

          gtk_popover_set_pointing_to (GTK_POPOVER (self->popover),
                                       &(GdkRectangle) { (int) r.origin.x, (int) r.origin.y,
                                                         (int) r.size.width,
                                                         (int) r.size.height });
        }
    }
  gtk_popover_present (GTK_POPOVER (self->popover));
}

static GtkWidget *
tool_button (const char *icon_name,
             const char *tooltip,
             const char *action_name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
build_children (MbCanvas *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkEventController *key;
  static const struct { const char *label; const char *kind; } kinds[] = {
    { N_("_Contributes To"), "contributes-to" },
    { N_("C_onflicts With"), "conflicts-with" },
    { N_("_Depends On"), "depends-on" },
  };
  GtkWidget *heading;

  self->toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  gtk_widget_add_css_class (self->toolbar, "toolbar");
  gtk_widget_add_css_class (self->toolbar, "osd");
  gtk_widget_add_css_class (self->toolbar, "mb-canvas-toolbar");
  gtk_box_append (GTK_BOX (self->toolbar),
                  tool_button ("list-add-symbolic", _("Add Node"), "canvas.add-node"));
  gtk_box_append (GTK_BOX (self->toolbar),
                  tool_button ("object-rotate-right-symbolic", _("Switch Between Rows and Columns"),
                               "canvas.toggle-direction"));
  gtk_box_append (GTK_BOX (self->toolbar),
                  tool_button ("view-refresh-symbolic", _("Arrange Automatically"),
                               "canvas.auto-layout"));
  gtk_box_append (GTK_BOX (self->toolbar),
                  tool_button ("zoom-out-symbolic", _("Zoom Out"), "canvas.zoom-out"));
  self->zoom_button = gtk_button_new_with_label ("100 %");
  gtk_widget_add_css_class (self->zoom_button, "flat");
  gtk_widget_add_css_class (self->zoom_button, "numeric");
  gtk_widget_set_tooltip_text (self->zoom_button, _("Reset Zoom"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->zoom_button), "canvas.zoom-100");
  gtk_box_append (GTK_BOX (self->toolbar), self->zoom_button);
  gtk_box_append (GTK_BOX (self->toolbar),
                  tool_button ("zoom-in-symbolic", _("Zoom In"), "canvas.zoom-in"));
  gtk_box_append (GTK_BOX (self->toolbar),
                  tool_button ("zoom-fit-best-symbolic", _("Zoom to Fit"), "canvas.zoom-fit"));
  gtk_widget_set_parent (self->toolbar, GTK_WIDGET (self));

  self->entry = gtk_entry_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Title"), -1);
  gtk_widget_set_visible (self->entry, FALSE);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (entry_activate_cb), self);
  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (entry_key_cb), self);
  gtk_widget_add_controller (self->entry, key);
  key = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (key, "leave", G_CALLBACK (entry_focus_leave_cb), self);
  gtk_widget_add_controller (self->entry, key);
  gtk_widget_set_parent (self->entry, GTK_WIDGET (self));

  heading = gtk_label_new (_("Link Kind"));
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_(kinds[i].label));

      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "canvas.link-kind");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", kinds[i].kind);
      gtk_box_append (GTK_BOX (box), button);
    }
  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), box);
  g_signal_connect_swapped (self->popover, "closed", G_CALLBACK (popover_closed_cb), self);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
}

static void
mb_canvas_dispose (GObject *object)
{
  MbCanvas *self = MB_CANVAS (object);

  if (self->layout_cancellable != NULL)
    g_cancellable_cancel (self->layout_cancellable);
  g_clear_object (&self->layout_cancellable);

  g_clear_handle_id (&self->children_idle, g_source_remove);
  g_clear_handle_id (&self->zoom_label_idle, g_source_remove);
  g_clear_handle_id (&self->chain_idle, g_source_remove);
  if (self->node_widgets != NULL)
    g_ptr_array_set_size (self->node_widgets, 0);
  _mb_canvas_dispose_changes (self);
  g_clear_pointer (&self->toolbar, gtk_widget_unparent);
  g_clear_pointer (&self->entry, gtk_widget_unparent);
  g_clear_pointer (&self->popover, gtk_widget_unparent);

  g_clear_object (&self->store);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (mb_canvas_parent_class)->dispose (object);
}

static void
mb_canvas_finalize (GObject *object)
{
  MbCanvas *self = MB_CANVAS (object);

  g_clear_pointer (&self->scene, mb_canvas_scene_free);
  g_clear_pointer (&self->layouts, g_hash_table_unref);
  g_clear_pointer (&self->static_node, gsk_render_node_unref);
  g_clear_pointer (&self->chain_node, gsk_render_node_unref);
  g_clear_pointer (&self->rings_node, gsk_render_node_unref);
  g_clear_pointer (&self->in_chain, g_free);
  g_clear_pointer (&self->minimap_node, gsk_render_node_unref);
  g_clear_pointer (&self->card_nodes, g_ptr_array_unref);
  g_clear_pointer (&self->block_nodes, g_ptr_array_unref);
  g_clear_pointer (&self->chain_edges, g_free);
  g_clear_pointer (&self->scene_raster, mb_canvas_raster_free);
  g_clear_pointer (&self->chain_raster, mb_canvas_raster_free);
  g_clear_pointer (&self->stub_nodes, g_ptr_array_unref);
  g_clear_pointer (&self->stub_block_nodes, g_ptr_array_unref);
  g_clear_pointer (&self->node_widgets, g_ptr_array_unref);
  g_clear_pointer (&self->drag_cards, g_array_unref);
  g_clear_pointer (&self->hidden, g_free);
  g_clear_pointer (&self->strategy_id, g_free);
  g_clear_pointer (&self->cursor_id, g_free);
  g_clear_pointer (&self->edit_on_arrival, g_free);
  g_clear_pointer (&self->reveal_on_arrival, g_free);
  g_clear_pointer (&self->pending_from, g_free);
  g_clear_pointer (&self->pending_to, g_free);

  G_OBJECT_CLASS (mb_canvas_parent_class)->finalize (object);
}

static void
mb_canvas_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MbCanvas *self = MB_CANVAS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SELECTION:
      g_value_set_object (value, self->selection);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_canvas_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  MbCanvas *self = MB_CANVAS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      if (self->store != NULL)
        g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                                 G_CONNECT_SWAPPED);
      break;
    case PROP_SELECTION:
      g_set_object (&self->selection, g_value_get_object (value));
      if (self->selection != NULL)
        {
          g_signal_connect_object (self->selection, "changed",
                                   G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
          selection_changed_cb (self, self->selection);
        }
      break;
    case PROP_ZOOM:
      mb_canvas_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_canvas_class_init (MbCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_canvas_dispose;
  object_class->finalize = mb_canvas_finalize;
  object_class->get_property = mb_canvas_get_property;
  object_class->set_property = mb_canvas_set_property;

  widget_class->snapshot = mb_canvas_snapshot;
  widget_class->measure = mb_canvas_measure;
  widget_class->size_allocate = mb_canvas_size_allocate;
  widget_class->focus = _mb_canvas_focus;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL, MB_TYPE_SELECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, MB_CANVAS_MIN_ZOOM, MB_CANVAS_MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SCENE_READY] = g_signal_new ("scene-ready", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  _mb_canvas_install_actions (widget_class);

  gtk_widget_class_set_css_name (widget_class, "mbcanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mb_canvas_init (MbCanvas *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  self->zoom = 1.0;
  self->hover = -1;
  self->hover_stub = -1;
  self->editing = -1;
  self->link_source = -1;
  self->link_target = -1;
  self->fit_pending = TRUE;
  self->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, canvas_layout_free);
  self->card_nodes = g_ptr_array_new_with_free_func (render_node_unref0);
  self->block_nodes = g_ptr_array_new_with_free_func (render_node_unref0);
  self->stub_nodes = g_ptr_array_new_with_free_func (render_node_unref0);
  self->stub_block_nodes = g_ptr_array_new_with_free_func (render_node_unref0);
  self->node_widgets = g_ptr_array_new_with_free_func (unparent0);
  self->drag_cards = g_array_new (FALSE, FALSE, sizeof (guint));
  self->scene_raster = mb_canvas_raster_new (draw_scene_layer, self);
  self->chain_raster = mb_canvas_raster_new (draw_chain_layer, self);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Strategy diagram"), -1);

  mb_canvas_palette_init (&self->palette, adw_style_manager_get_dark (manager));
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (dark_changed_cb), self,
                           G_CONNECT_SWAPPED);

  build_children (self);
  _mb_canvas_init_changes (self);

  _mb_canvas_init_input (self);

  _mb_canvas_update_actions (self);
}

/* Public API */

GtkWidget *
mb_canvas_new (MbStore     *store,
               MbSelection *selection)
{
  return g_object_new (MB_TYPE_CANVAS, "store", store, "selection", selection, NULL);
}

MbStore *
mb_canvas_get_store (MbCanvas *self)
{
  g_return_val_if_fail (MB_IS_CANVAS (self), NULL);
  return self->store;
}

MbSelection *
mb_canvas_get_selection (MbCanvas *self)
{
  g_return_val_if_fail (MB_IS_CANVAS (self), NULL);
  return self->selection;
}

const MbCanvasScene *
mb_canvas_get_scene (MbCanvas *self)
{
  g_return_val_if_fail (MB_IS_CANVAS (self), NULL);
  return self->scene;
}

gboolean
mb_canvas_is_busy (MbCanvas *self)
{
  g_return_val_if_fail (MB_IS_CANVAS (self), FALSE);
  return self->layout_cancellable != NULL;
}

double
mb_canvas_get_zoom (MbCanvas *self)
{
  g_return_val_if_fail (MB_IS_CANVAS (self), 1.0);
  return self->zoom;
}

void
mb_canvas_set_zoom (MbCanvas *self,
                    double    zoom)
{
  g_return_if_fail (MB_IS_CANVAS (self));
  _mb_canvas_zoom_at (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
mb_canvas_zoom_to_fit (MbCanvas *self)
{
  double w, h;

  g_return_if_fail (MB_IS_CANVAS (self));

  w = gtk_widget_get_width (GTK_WIDGET (self));
  h = gtk_widget_get_height (GTK_WIDGET (self));
  if (self->scene == NULL || w <= 0 || h <= 0)
    {
      self->fit_pending = TRUE;
      return;
    }
  fit_view (self, w, h, FALSE, FALSE);
}

gboolean
mb_canvas_focus_node (MbCanvas   *self,
                      const char *node_id)
{
  int card;
  GtkWidget *child;

  g_return_val_if_fail (MB_IS_CANVAS (self), FALSE);

  card = mb_canvas_scene_lookup (self->scene, node_id);
  if (card < 0)
    return FALSE;

  _mb_canvas_set_cursor_id (self, node_id);
  _mb_canvas_scroll_to_card (self, card);
  child = _mb_canvas_ensure_node_widget (self, card);
  gtk_widget_set_child_visible (child, TRUE);
  gtk_widget_grab_focus (child);
  if (g_strcmp0 (_mb_canvas_primary_node (self), node_id) != 0 ||
      mb_selection_get_n_nodes (self->selection) > 1)
    mb_selection_select (self->selection, MB_KIND_NODE, node_id);
  _mb_canvas_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

void
mb_canvas_set_covered_end (MbCanvas *self,
                           int       pixels)
{
  g_return_if_fail (MB_IS_CANVAS (self));
  self->covered_end = MAX (pixels, 0);
}

gboolean
mb_canvas_render_to_file (MbCanvas    *self,
                          const char  *path,
                          GError     **error)
{
  g_return_val_if_fail (MB_IS_CANVAS (self), FALSE);

  if (self->scene == NULL)
    {
      g_set_error (error, MB_CANVAS_RENDER_ERROR, MB_CANVAS_RENDER_ERROR_EMPTY,
                   _("There is no strategy to draw"));
      return FALSE;
    }
  return mb_canvas_render_scene_to_file (self->scene, path, self->palette.dark, error);
}

void
_mb_canvas_set_scene (MbCanvas      *self,
                      MbCanvasScene *scene)
{
  set_scene (self, scene);
}

GtkWidget *
_mb_canvas_get_title_entry (MbCanvas *self)
{
  return self->editing >= 0 ? self->entry : NULL;
}

GtkWidget *
_mb_canvas_get_link_popover (MbCanvas *self)
{
  return self->pending_from != NULL ? self->popover : NULL;
}
