/* mb-report-chart-image.c – a report's chart as a PNG file's bytes
 *
 * The one chart drawing (mb-report-chart.c) onto an image surface, in
 * memory, for the formats that embed the chart as a file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <cairo.h>
#include <gio/gio.h>
#include <png.h>
#include <glib/gi18n.h>

#include "mb-report-chart.h"
#include "mb-report-chart-image.h"

static void
png_append_cb (png_structp  png,
               png_bytep    data,
               size_t       length)
{
  g_byte_array_append (png_get_io_ptr (png), data, length);
}

static void
png_flush_cb (png_structp png)
{
}

/* @surface (RGB24) as PNG bytes. cairo's own writer filters every row each
 * way and deflates at the default level, which for a report's hundreds of
 * charts took most of the ODT's time; charts are flat colours on white,
 * which the Sub filter and a fast level pack nearly as small. */
static gboolean
encode_png (cairo_surface_t *surface,
            GByteArray      *out)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data;
  g_autofree png_byte *row = g_new (png_byte, (gsize) width * 3);
  png_structp png;
  png_infop info;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  if (png == NULL)
    return FALSE;
  info = png_create_info_struct (png);
  if (info == NULL || setjmp (png_jmpbuf (png)))
    {
      png_destroy_write_struct (&png, &info);
      return FALSE;
    }
  png_set_write_fn (png, out, png_append_cb, png_flush_cb);
  png_set_IHDR (png, info, width, height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
  png_set_compression_level (png, 3);
  png_write_info (png, info);
  for (int y = 0; y < height; y++)
    {
      const guint32 *pixel = (const guint32 *) (const void *) (data + (gsize) y * stride);

      /* RGB24 is a native-endian 0x00RRGGBB word per pixel. */
      for (int x = 0; x < width; x++)
        {
          row[3 * x] = (pixel[x] >> 16) & 0xff;
          row[3 * x + 1] = (pixel[x] >> 8) & 0xff;
          row[3 * x + 2] = pixel[x] & 0xff;
        }
      png_write_row (png, row);
    }
  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);
  return TRUE;
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
  if (status == CAIRO_STATUS_SUCCESS && !encode_png (surface, png))
    status = CAIRO_STATUS_NO_MEMORY;
  cairo_surface_destroy (surface);

  if (!check_status (chart, status, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}
