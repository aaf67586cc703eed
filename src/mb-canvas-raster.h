/* mb-canvas-raster.h – a layer of the canvas kept as an image of the view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The view in device pixels: the scene at @zoom times the @scale factor,
 * from the whole pixel (@x, @y) on, @width × @height. */
typedef struct
{
  double zoom;
  int    scale;
  int    x;
  int    y;
  int    width;
  int    height;
} MbCanvasRasterView;

typedef struct _MbCanvasRaster MbCanvasRaster;

/* Draws the layer's content of @area (scene coordinates) onto @cr, which is
 * set up in scene coordinates and clipped to what is to be drawn. The
 * layer is opaque: it paints all of @area. */
typedef void (*MbCanvasRasterDrawFunc) (cairo_t                  *cr,
                                        const graphene_rect_t    *area,
                                        const MbCanvasRasterView *view,
                                        gpointer                  user_data);

MbCanvasRaster *mb_canvas_raster_new      (MbCanvasRasterDrawFunc    draw,
                                           gpointer                  user_data);
void            mb_canvas_raster_free     (MbCanvasRaster           *raster);
/* The layer's content changed: it is drawn again when next shown. */
void            mb_canvas_raster_clear    (MbCanvasRaster           *raster);
/* The view of @width × @height widget pixels whose top left is the scene
 * point (@view_x, @view_y) at @zoom, for mb_canvas_raster_snapshot(). */
void            mb_canvas_raster_view_init (MbCanvasRasterView      *view,
                                            double                   zoom,
                                            int                      scale,
                                            double                   view_x,
                                            double                   view_y,
                                            double                   width,
                                            double                   height);
/* Draws what the layer's image of @view lacks, ahead of the frame. */
void            mb_canvas_raster_prepare  (MbCanvasRaster           *raster,
                                           const MbCanvasRasterView *view,
                                           gboolean                  texture);
/* Appends the layer's image of @view at the widget's origin, drawing what
 * it does not have yet: as a texture for renderers that keep one
 * (@texture), else as a cairo node. */
void            mb_canvas_raster_snapshot (MbCanvasRaster           *raster,
                                           GtkSnapshot              *snapshot,
                                           const MbCanvasRasterView *view,
                                           gboolean                  texture);
/* Paints the layer's image of @view, drawn first where need be, onto @cr
 * within its clip: @cr draws another layer's image of the same view, in
 * its device pixels. For a layer drawn over this one. */
void            mb_canvas_raster_paint    (MbCanvasRaster           *raster,
                                           cairo_t                  *cr,
                                           const MbCanvasRasterView *view);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbCanvasRaster, mb_canvas_raster_free)

G_END_DECLS
