/* mb-render-file.c – one drawing to an SVG, PDF or PNG file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canvas's chart and the roadmap are written the same way: vector for
 * SVG and PDF, a sharp bitmap for PNG.
 */

#include "config.h"

#include <math.h>
#include <cairo-pdf.h>
#include <glib/gi18n.h>

#include "mb-canvas-render.h"
#include "mb-render-file.h"
#include "mb-report-svg.h"

#define A3_WIDTH  1190.55
#define A3_HEIGHT 841.89
#define PNG_SCALE 2.0
#define PNG_MAX_SIDE 16000.0

gboolean
mb_render_to_file (const char        *path,
                   double             width,
                   double             height,
                   const char        *title,
                   MbRenderPageFunc   draw,
                   MbRenderSvgFunc    svg_hook,
                   gpointer           user_data,
                   GError           **error)
{
  g_autofree char *lower = NULL;
  g_autoptr(GString) svg = NULL;
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".svg"))
    {
      svg = g_string_new (NULL);
      surface = mb_report_svg_surface_new (svg, width, height);
      cr = cairo_create (surface);
    }
  else if (g_str_has_suffix (lower, ".pdf"))
    {
      double scale = 1.0, page_w = width, page_h = height;

      if (width > A3_WIDTH || height > A3_HEIGHT)
        {
          page_w = A3_WIDTH;
          page_h = A3_HEIGHT;
          scale = MIN (A3_WIDTH / width, A3_HEIGHT / height);
        }
      surface = cairo_pdf_surface_create (path, page_w, page_h);
      if (title != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Målbild");
      cr = cairo_create (surface);
      /* Centred on the page when scaled down to it. */
      cairo_translate (cr, (page_w - width * scale) / 2.0, (page_h - height * scale) / 2.0);
      cairo_scale (cr, scale, scale);
    }
  else if (g_str_has_suffix (lower, ".png"))
    {
      double scale = MIN (PNG_SCALE, PNG_MAX_SIDE / MAX (width, height));

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                            (int) ceil (height * scale));
      cr = cairo_create (surface);
      cairo_scale (cr, scale, scale);
    }
  else
    {
      g_set_error (error, MB_CANVAS_RENDER_ERROR, MB_CANVAS_RENDER_ERROR_FORMAT,
                   _("“%s” does not end in .svg, .png or .pdf"), path);
      return FALSE;
    }

  draw (cr, user_data);
  cairo_destroy (cr);
  if (g_str_has_suffix (lower, ".png"))
    status = cairo_surface_write_to_png (surface, path);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (status == CAIRO_STATUS_SUCCESS && svg != NULL)
    {
      if (svg_hook != NULL)
        svg_hook (svg, user_data);
      if (!g_file_set_contents (path, svg->str, (gssize) svg->len, error))
        return FALSE;
    }

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, MB_CANVAS_RENDER_ERROR, MB_CANVAS_RENDER_ERROR_WRITE,
                   _("Could not write “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
