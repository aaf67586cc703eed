/* mb-report-chart-image.c – a report's chart as a PNG or an SVG file's bytes
 *
 * The one chart drawing (mb-report-chart.c) onto an image or SVG surface, in
 * memory, for the formats that embed the chart as a file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <cairo.h>
#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "mb-report-chart.h"
#include "mb-report-chart-image.h"

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_status (const MbReportChart  *chart,
              cairo_status_t        status,
              GError              **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("Cannot draw the chart “%s”: %s"),
               chart->title != NULL ? chart->title : "",
               cairo_status_to_string (status));
  return FALSE;
}

/* The same pixels on every machine: the fonts drawn without hinting and
 * with grey antialiasing, whatever the desktop's settings are. */
static void
set_font_options (cairo_t *cr)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_set_font_options (cr, options);
  cairo_font_options_destroy (options);
}

GBytes *
mb_report_chart_render_png (const MbReportChart  *chart,
                            MbReportLanguage      language,
                            double                width,
                            double                height,
                            double                scale,
                            GError              **error)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  /* Opaque: a document's page is white, and RGB24 makes a smaller PNG. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                        (int) ceil (width * scale),
                                        (int) ceil (height * scale));
  cr = cairo_create (surface);
  set_font_options (cr);
  cairo_scale (cr, scale, scale);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  mb_report_chart_draw (cr, chart, language, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, append_cb, png);
  cairo_surface_destroy (surface);

  if (!check_status (chart, status, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}
