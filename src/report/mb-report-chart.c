/* mb-report-chart.c – a report's chart drawn with cairo
 *
 * A plain line chart: axes with the first and last year and the value range,
 * one polyline per series, the targets as marks. (A stand-in so the writers
 * build; the report's full chart drawing replaces it.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <pango/pangocairo.h>

#include "mb-report-chart.h"

#define PAD_LEFT   44.0
#define PAD_RIGHT  12.0
#define PAD_TOP    10.0
#define PAD_BOTTOM 36.0

/* The GNOME palette's blue, orange, green, purple, red, brown. */
static const double palette[][3] = {
  { 0x1c / 255., 0x71 / 255., 0xd8 / 255. },
  { 0xe6 / 255., 0x61 / 255., 0x00 / 255. },
  { 0x26 / 255., 0xa2 / 255., 0x69 / 255. },
  { 0x81 / 255., 0x3d / 255., 0x9c / 255. },
  { 0xc0 / 255., 0x1c / 255., 0x28 / 255. },
  { 0x86 / 255., 0x5e / 255., 0x3c / 255. },
};

/* Returns the text's width. */
static double
show_text (cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      align)   /* 0 left, 0.5 centre, 1 right of x */
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 8");
  int w, h;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (cr, x - align * w / PANGO_SCALE, y - h / PANGO_SCALE / 2.0);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
  return (double) w / PANGO_SCALE;
}

void
mb_report_chart_draw (cairo_t             *cr,
                      const MbReportChart *chart,
                      double               width,
                      double               height)
{
  double min_x = INFINITY, max_x = -INFINITY, min_y = INFINITY, max_y = -INFINITY;
  double x0 = PAD_LEFT, x1 = width - PAD_RIGHT, y0 = PAD_TOP, y1 = height - PAD_BOTTOM;
  double legend_x = x0;
  char label[64];

  for (guint i = 0; i < chart->series->len; i++)
    {
      MbReportSeries *series = g_ptr_array_index (chart->series, i);

      for (guint j = 0; j < series->values->len; j++)
        {
          double year = g_array_index (series->years, double, j);
          double value = g_array_index (series->values, double, j);

          if (!isfinite (value))
            continue;
          min_x = MIN (min_x, year);
          max_x = MAX (max_x, year);
          min_y = MIN (min_y, value);
          max_y = MAX (max_y, value);
        }
    }
  for (guint i = 0; i < chart->target_years->len; i++)
    {
      min_x = MIN (min_x, g_array_index (chart->target_years, int, i));
      max_x = MAX (max_x, g_array_index (chart->target_years, int, i));
      min_y = MIN (min_y, g_array_index (chart->target_values, double, i));
      max_y = MAX (max_y, g_array_index (chart->target_values, double, i));
    }
  if (!isfinite (min_x))
    return;
  if (min_y > 0)
    min_y = 0;
  if (max_x == min_x)
    max_x = min_x + 1;
  if (max_y == min_y)
    max_y = min_y + 1;

#define X(year) (x0 + ((year) - min_x) / (max_x - min_x) * (x1 - x0))
#define Y(value) (y1 - ((value) - min_y) / (max_y - min_y) * (y1 - y0))

  /* Axes and their ends' labels. */
  cairo_set_source_rgb (cr, 0.37, 0.36, 0.39);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x0, y1);
  cairo_line_to (cr, x1, y1);
  cairo_stroke (cr);
  g_snprintf (label, sizeof label, "%g", max_y);
  show_text (cr, label, x0 - 4, y0, 1);
  g_snprintf (label, sizeof label, "%g", min_y);
  show_text (cr, label, x0 - 4, y1, 1);
  g_snprintf (label, sizeof label, "%.0f", min_x);
  show_text (cr, label, x0, y1 + 8, 0);
  g_snprintf (label, sizeof label, "%.0f", max_x);
  show_text (cr, label, x1, y1 + 8, 1);

  for (guint i = 0; i < chart->series->len; i++)
    {
      MbReportSeries *series = g_ptr_array_index (chart->series, i);
      const double *rgb = palette[i % G_N_ELEMENTS (palette)];
      gboolean drawing = FALSE;

      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_set_line_width (cr, 2);
      for (guint j = 0; j < series->values->len; j++)
        {
          double year = g_array_index (series->years, double, j);
          double value = g_array_index (series->values, double, j);

          if (!isfinite (value))
            drawing = FALSE;
          else if (drawing)
            cairo_line_to (cr, X (year), Y (value));
          else
            {
              cairo_move_to (cr, X (year), Y (value));
              drawing = TRUE;
            }
        }
      cairo_stroke (cr);

      /* The legend, under the axis. */
      cairo_rectangle (cr, legend_x, height - 10, 10, 3);
      cairo_fill (cr);
      legend_x += 14 + 12 + show_text (cr, series->label != NULL ? series->label : "",
                                       legend_x + 14, height - 8.5, 0);
    }

  cairo_set_source_rgb (cr, 0x1b / 255., 0x85 / 255., 0x53 / 255.);
  for (guint i = 0; i < chart->target_years->len; i++)
    {
      double x = X (g_array_index (chart->target_years, int, i));
      double y = Y (g_array_index (chart->target_values, double, i));

      cairo_arc (cr, x, y, 3.5, 0, 2 * G_PI);
      cairo_fill (cr);
    }
#undef X
#undef Y
}
