/* mb-canvas-raster.c – a layer of the canvas kept as an image of the view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canvas's cards, tabs and edges change only with the scene, the zoom
 * or a drag; a selection only lays its veil and chain over them. Handed to
 * GSK as hundreds of cairo recordings, they were drawn again on every frame
 * that touched the canvas, and a selection, whose chain spans the view,
 * cost 13–18 ms of painting on the large library. Here a layer is drawn
 * once into an image of the view and given to GSK as that image: a frame
 * copies it, a pan keeps what stays in view and draws only the strip that
 * comes into it, and the selection's layer starts from the scene's pixels.
 *
 * An image that GSK has been given is not drawn on again: a change goes
 * into a new one, which starts as a copy of what it keeps. A texture may
 * not change once made, and GTK 4.8's cairo renderer gets a cairo node
 * instead (it converts a texture to a new surface on every frame, pixel by
 * pixel through floats: 3 ms for 512 × 512 here), whose recording keeps a
 * copy-on-write snapshot of the image.
 */

#include "config.h"

#include <math.h>

#include "mb-canvas-raster.h"

/* Images kept for the next ones: a new image's pages are faulted in and
 * cleared by the kernel, over a millisecond for a view. */
#define POOL_SIZE 2

typedef struct
{
  gatomicrefcount  ref;
  GPtrArray       *surfaces;
} Pool;

/* An image, held by the raster and by each node that shows it; back to the
 * pool with the last of them (GSK keeps the frame before to compare with). */
typedef struct
{
  gatomicrefcount  ref;
  Pool            *pool;
  cairo_surface_t *surface;
} Image;

struct _MbCanvasRaster
{
  MbCanvasRasterDrawFunc draw;
  gpointer               user_data;
  MbCanvasRasterView     view;
  gboolean               texture;
  Image                 *image;   /* of view, or NULL */
  cairo_region_t        *drawn;   /* what of it is drawn, in its pixels */
  GskRenderNode         *node;    /* showing image, or NULL */
  Pool                  *pool;
};

static const cairo_user_data_key_t image_key;

static Pool *
pool_ref (Pool *pool)
{
  g_atomic_ref_count_inc (&pool->ref);
  return pool;
}

static void
pool_unref (Pool *pool)
{
  if (!g_atomic_ref_count_dec (&pool->ref))
    return;
  g_ptr_array_unref (pool->surfaces);
  g_free (pool);
}

static Image *
image_new (Pool           *pool,
           cairo_format_t  format,
           int             width,
           int             height)
{
  Image *self = g_new (Image, 1);

  g_atomic_ref_count_init (&self->ref);
  self->pool = pool_ref (pool);
  self->surface = NULL;
  while (self->surface == NULL && pool->surfaces->len > 0)
    {
      cairo_surface_t *surface = g_ptr_array_steal_index_fast (pool->surfaces,
                                                               pool->surfaces->len - 1);

      if (cairo_image_surface_get_format (surface) == format
          && cairo_image_surface_get_width (surface) == width
          && cairo_image_surface_get_height (surface) == height)
        self->surface = surface;
      else
        cairo_surface_destroy (surface);
    }
  if (self->surface == NULL)
    self->surface = cairo_image_surface_create (format, width, height);
  return self;
}

static Image *
image_ref (Image *self)
{
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

static void
image_unref (gpointer data)
{
  Image *self = data;

  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  if (self->pool->surfaces->len < POOL_SIZE)
    g_ptr_array_add (self->pool->surfaces, self->surface);
  else
    cairo_surface_destroy (self->surface);
  pool_unref (self->pool);
  g_free (self);
}

MbCanvasRaster *
mb_canvas_raster_new (MbCanvasRasterDrawFunc draw,
                      gpointer               user_data)
{
  MbCanvasRaster *self = g_new0 (MbCanvasRaster, 1);

  self->draw = draw;
  self->user_data = user_data;
  self->drawn = cairo_region_create ();
  self->pool = g_new0 (Pool, 1);
  g_atomic_ref_count_init (&self->pool->ref);
  self->pool->surfaces = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  return self;
}

void
mb_canvas_raster_clear (MbCanvasRaster *self)
{
  g_clear_pointer (&self->node, gsk_render_node_unref);
  g_clear_pointer (&self->image, image_unref);
  cairo_region_destroy (self->drawn);
  self->drawn = cairo_region_create ();
}

void
mb_canvas_raster_free (MbCanvasRaster *self)
{
  if (self == NULL)
    return;
  mb_canvas_raster_clear (self);
  cairo_region_destroy (self->drawn);
  pool_unref (self->pool);
  g_free (self);
}

void
mb_canvas_raster_view_init (MbCanvasRasterView *view,
                            double              zoom,
                            int                 scale,
                            double              view_x,
                            double              view_y,
                            double              width,
                            double              height)
{
  /* Whole device pixels: the image is copied pixel for pixel, never
   * resampled (which would blur its text). */
  *view = (MbCanvasRasterView) {
    .zoom = zoom,
    .scale = scale,
    .x = (int) round (view_x * zoom * scale),
    .y = (int) round (view_y * zoom * scale),
    .width = MAX ((int) ceil (width * scale), 1),
    .height = MAX ((int) ceil (height * scale), 1),
  };
}

/* A new image for @view, holding what the last one has of it. */
static void
new_image (MbCanvasRaster           *self,
           const MbCanvasRasterView *view)
{
  Image *image = image_new (self->pool, self->texture ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24,
                            view->width, view->height);
  cairo_rectangle_int_t bounds = { 0, 0, view->width, view->height };
  int dx = self->view.x - view->x, dy = self->view.y - view->y;

  if (self->image != NULL)
    {
      cairo_t *cr = cairo_create (image->surface);

      /* Where the last image lies in the new one. */
      cairo_region_translate (self->drawn, dx, dy);
      cairo_region_intersect_rectangle (self->drawn, &bounds);
      for (int i = 0; i < cairo_region_num_rectangles (self->drawn); i++)
        {
          cairo_rectangle_int_t r;

          cairo_region_get_rectangle (self->drawn, i, &r);
          cairo_rectangle (cr, r.x, r.y, r.width, r.height);
        }
      cairo_clip (cr);
      cairo_set_source_surface (cr, self->image->surface, dx, dy);
      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  else
    {
      cairo_region_destroy (self->drawn);
      self->drawn = cairo_region_create ();
    }

  g_clear_pointer (&self->node, gsk_render_node_unref);
  g_clear_pointer (&self->image, image_unref);
  self->image = image;
  self->view = *view;
}

/* Brings the image to @view, drawn at least over @need (its pixels). */
static void
update (MbCanvasRaster              *self,
        const MbCanvasRasterView    *view,
        const cairo_rectangle_int_t *need)
{
  cairo_region_t *missing;

  /* Another zoom or size starts afresh; another place keeps what stays. */
  if (view->zoom != self->view.zoom || view->scale != self->view.scale
      || view->width != self->view.width || view->height != self->view.height)
    mb_canvas_raster_clear (self);
  if (self->image == NULL || view->x != self->view.x || view->y != self->view.y)
    new_image (self, view);

  missing = cairo_region_create_rectangle (need);
  cairo_region_intersect_rectangle (missing, &(cairo_rectangle_int_t) { 0, 0, view->width,
                                                                       view->height });
  cairo_region_subtract (missing, self->drawn);
  if (!cairo_region_is_empty (missing))
    {
      double f = view->zoom * view->scale;
      cairo_rectangle_int_t box;
      cairo_t *cr;

      /* What GSK shows stays as it is. */
      if (self->node != NULL)
        new_image (self, view);

      cr = cairo_create (self->image->surface);
      for (int i = 0; i < cairo_region_num_rectangles (missing); i++)
        {
          cairo_rectangle_int_t r;

          cairo_region_get_rectangle (missing, i, &r);
          cairo_rectangle (cr, r.x, r.y, r.width, r.height);
        }
      cairo_clip (cr);
      cairo_region_get_extents (missing, &box);
      cairo_translate (cr, -(double) view->x, -(double) view->y);
      cairo_scale (cr, f, f);
      self->draw (cr,
                  &GRAPHENE_RECT_INIT ((view->x + box.x) / f, (view->y + box.y) / f,
                                       box.width / f, box.height / f),
                  view, self->user_data);
      cairo_destroy (cr);
      cairo_surface_flush (self->image->surface);
      cairo_region_union (self->drawn, missing);
    }
  cairo_region_destroy (missing);
}

static GskRenderNode *
image_node (MbCanvasRaster *self)
{
  const MbCanvasRasterView *view = &self->view;
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, (double) view->width / view->scale,
                                               (double) view->height / view->scale);
  cairo_surface_t *surface = self->image->surface;
  GskRenderNode *node;

  if (self->texture)
    {
      int stride = cairo_image_surface_get_stride (surface);
      /* Read where they are. */
      g_autoptr(GBytes) bytes = g_bytes_new_with_free_func (
        cairo_image_surface_get_data (surface), (gsize) stride * view->height,
        image_unref, image_ref (self->image));
      g_autoptr(GdkTexture) texture = gdk_memory_texture_new (
        view->width, view->height, GDK_MEMORY_DEFAULT, bytes, stride);

      node = gsk_texture_node_new (texture, &bounds);
    }
  else
    {
      cairo_pattern_t *pattern = cairo_pattern_create_for_surface (surface);
      cairo_matrix_t matrix;
      cairo_t *cr;

      /* Pixel for pixel at any scale factor. */
      cairo_matrix_init_scale (&matrix, view->scale, view->scale);
      cairo_pattern_set_matrix (pattern, &matrix);
      node = gsk_cairo_node_new (&bounds);
      cr = gsk_cairo_node_get_draw_context (node);
      cairo_set_source (cr, pattern);
      cairo_paint (cr);
      cairo_destroy (cr);
      cairo_pattern_destroy (pattern);
      /* The image outlives the recording's snapshot of it: its end would
       * copy it otherwise. */
      cairo_surface_set_user_data (gsk_cairo_node_get_surface (node), &image_key,
                                   image_ref (self->image), image_unref);
    }
  return node;
}

void
mb_canvas_raster_prepare (MbCanvasRaster           *self,
                          const MbCanvasRasterView *view,
                          gboolean                  texture)
{
  if (texture != self->texture)
    {
      mb_canvas_raster_clear (self);
      self->texture = texture;
    }
  update (self, view, &(cairo_rectangle_int_t) { 0, 0, view->width, view->height });
}

void
mb_canvas_raster_snapshot (MbCanvasRaster           *self,
                           GtkSnapshot              *snapshot,
                           const MbCanvasRasterView *view,
                           gboolean                  texture)
{
  mb_canvas_raster_prepare (self, view, texture);
  if (self->node == NULL)
    self->node = image_node (self);
  gtk_snapshot_append_node (snapshot, self->node);
}

void
mb_canvas_raster_paint (MbCanvasRaster           *self,
                        cairo_t                  *cr,
                        const MbCanvasRasterView *view)
{
  double x1, y1, x2, y2;
  cairo_rectangle_int_t need;

  /* In device pixels, where both images start at the same one. */
  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_clip_extents (cr, &x1, &y1, &x2, &y2);
  need = (cairo_rectangle_int_t) { (int) floor (x1), (int) floor (y1),
                                   (int) ceil (x2) - (int) floor (x1),
                                   (int) ceil (y2) - (int) floor (y1) };
  update (self, view, &need);
  cairo_set_source_surface (cr, self->image->surface, 0, 0);
  /* Opaque: over is a copy, and bounded by the clip. */
  cairo_paint (cr);
  cairo_restore (cr);
}
