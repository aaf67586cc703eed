/* mb-render-file.h – one drawing to an SVG, PDF or PNG file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* Draws the page, in its own units (width × height), on @cr. */
typedef void (*MbRenderPageFunc) (cairo_t  *cr,
                                  gpointer  user_data);
/* Adds to an SVG's text what cairo cannot: a <title>, a text layer. */
typedef void (*MbRenderSvgFunc)  (GString  *svg,
                                  gpointer  user_data);

/* Writes the page to @path by its suffix: .svg (as drawn, then @svg_hook),
 * .pdf (scaled down to fit A3 landscape when larger, with @title as the
 * document's title) or .png (twice the size, at most 16,000 pixels a side).
 * Errors are MB_CANVAS_RENDER_ERROR's FORMAT and WRITE. */
gboolean mb_render_to_file (const char       *path,
                            double            width,
                            double            height,
                            const char       *title,
                            MbRenderPageFunc  draw,
                            MbRenderSvgFunc   svg_hook,
                            gpointer          user_data,
                            GError          **error);

G_END_DECLS
