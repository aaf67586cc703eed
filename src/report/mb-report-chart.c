/* mb-report-chart.c – a report's chart drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawn like the app's chart (mb-chart.c), with the same scales, for paper:
 * a white ground, darker colours, and series that differ in dash and marker
 * as well as colour, since a report is printed in grey and read by people
 * who do not see every colour.
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <gio/gio.h>
#include <pango/pangocairo.h>

#include "mb-format.h"
#include "mb-report-chart.h"
#include "mb-report-svg.h"

#define FONT_FAMILY "Cantarell,Inter,Noto Sans,DejaVu Sans,Sans"
#define TICK_SIZE 8.0
#define LEGEND_SIZE 8.5
#define SERIES_WIDTH 1.5
#define MARKER_RADIUS 2.8

typedef enum
{
  MARKER_CIRCLE,
  MARKER_SQUARE,
  MARKER_TRIANGLE,
  MARKER_TRIANGLE_DOWN,
  MARKER_CROSS,
  MARKER_PLUS,
} Marker;

/* Okabe–Ito and Tol colours, each at least 3.8:1 against white, none of
 * them the targets' green. */
static const struct
{
  guint32      rgb;
  double       dash[4];
  int          n_dash;
  Marker       marker;
} series_styles[] = {
  { 0x0072b2, { 0 }, 0, MARKER_CIRCLE },
  { 0xd55e00, { 5, 2.5 }, 2, MARKER_SQUARE },
  { 0xaa4499, { 0.1, 2.6 }, 2, MARKER_TRIANGLE },
  { 0x8a6100, { 6, 2, 1, 2 }, 4, MARKER_TRIANGLE_DOWN },
  { 0x332288, { 9, 3 }, 2, MARKER_CROSS },
  { 0x882255, { 2.5, 2 }, 2, MARKER_PLUS },
};

#define COLOR_TEXT     0x241f31
#define COLOR_DIM      0x5e5c64   /* 6.6:1 on white */
#define COLOR_GRID     0xdeddda
#define COLOR_AXIS     0x77767b
#define COLOR_BASELINE 0x5e5c64
#define COLOR_TARGET   0x1b8553   /* the app's target green, 4.6:1 */

/* Scales */

double
mb_report_nice_step (double span,
                     int    n)
{
  double raw = span / MAX (n, 1);
  double magnitude, f;

  if (!(raw > 0) || !isfinite (raw))
    return 1;
  magnitude = pow (10, floor (log10 (raw)));
  f = raw / magnitude;
  if (f <= 1)
    return magnitude;
  if (f <= 2)
    return 2 * magnitude;
  if (f <= 5)
    return 5 * magnitude;
  return 10 * magnitude;
}

void
mb_report_chart_range_init (MbReportChartRange *range)
{
  range->t_min = range->v_min = INFINITY;
  range->t_max = range->v_max = -INFINITY;
}

void
mb_report_chart_range_add (MbReportChartRange *range,
                           double              t,
                           double              v)
{
  if (isfinite (t))
    {
      range->t_min = MIN (range->t_min, t);
      range->t_max = MAX (range->t_max, t);
    }
  if (isfinite (v))
    {
      range->v_min = MIN (range->v_min, v);
      range->v_max = MAX (range->v_max, v);
    }
}

void
mb_report_chart_range_finish (MbReportChartRange *range)
{
  if (!isfinite (range->t_min))
    {
      range->t_min = 0;
      range->t_max = 1;
    }
  if (!isfinite (range->v_min))
    {
      range->v_min = 0;
      range->v_max = 1;
    }
  if (range->t_max - range->t_min < 1)
    {
      range->t_min -= 0.5;
      range->t_max += 0.5;
    }
  if (range->v_max == range->v_min)
    {
      double d = range->v_max == 0 ? 1 : fabs (range->v_max) * 0.1;

      range->v_min -= d;
      range->v_max += d;
      range->v_step = mb_report_nice_step (range->v_max - range->v_min, 4);
    }
  else
    {
      /* The labels' step is the one the ends were rounded to: a step
       * worked out again from the rounded span can be coarser, and put a
       * label above the top. */
      range->v_step = mb_report_nice_step (range->v_max - range->v_min, 4);
      range->v_min = floor (range->v_min / range->v_step) * range->v_step;
      range->v_max = ceil (range->v_max / range->v_step) * range->v_step;
    }
  range->t_min -= 0.3;
  range->t_max += 0.3;
}

/* Text */

/* @value as the report's tables write it (mb-format.c's one rule), in the
 * document's language rather than the UI's. */
static char *
format_number (double           value,
               MbReportLanguage language)
{
  return mb_format_number_in (value, language == MB_REPORT_LANGUAGE_SWEDISH
                                       ? MB_PERIOD_LANGUAGE_SWEDISH
                                       : MB_PERIOD_LANGUAGE_ENGLISH);
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *text,
             double      size)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  /* Figures of equal width line up down the axis. */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_text (layout, text, -1);
  pango_attr_list_unref (attrs);
  pango_font_description_free (font);
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

static void
set_color (cairo_t *cr,
           guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

/* An earlier target's colour: the target's green, faint (half of it over
 * the white ground), as the app draws it. */
static void
set_earlier_color (cairo_t *cr)
{
  cairo_set_source_rgba (cr, ((COLOR_TARGET >> 16) & 0xff) / 255.0,
                         ((COLOR_TARGET >> 8) & 0xff) / 255.0, (COLOR_TARGET & 0xff) / 255.0,
                         0.55);
}

void
mb_report_chart_draw_target_mark (cairo_t  *cr,
                                  double    x,
                                  double    y,
                                  double    radius,
                                  double    line_width,
                                  gboolean  hollow)
{
  cairo_move_to (cr, x, y - radius);
  cairo_line_to (cr, x + radius, y);
  cairo_line_to (cr, x, y + radius);
  cairo_line_to (cr, x - radius, y);
  cairo_close_path (cr);
  if (hollow)
    {
      cairo_set_line_width (cr, line_width);
      cairo_stroke (cr);
    }
  else
    cairo_fill (cr);
}

/* The report's marks: smaller than the app's, for print. */
static void
draw_diamond (cairo_t  *cr,
              double    x,
              double    y,
              gboolean  hollow)
{
  mb_report_chart_draw_target_mark (cr, x, y, 4.5, 1.0, hollow);
}

/* The dots of an earlier target's line. */
static void
set_earlier_line (cairo_t *cr)
{
  static const double dots[] = { 0.1, 2.6 };

  set_earlier_color (cr);
  cairo_set_line_width (cr, 1.3);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_dash (cr, dots, G_N_ELEMENTS (dots), 0);
}

static void
show_text (cairo_t    *cr,
           const char *text,
           double      size,
           guint32     rgb,
           double      x,
           double      y)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, text, size);

  set_color (cr, rgb);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* Geometry */

typedef struct
{
  MbReportChartRange range;
  double x0, x1, y0, y1;   /* the plot area */
} Plot;

static double
x_of (const Plot *plot,
      double      t)
{
  return plot->x0 + (t - plot->range.t_min) / (plot->range.t_max - plot->range.t_min) *
                    (plot->x1 - plot->x0);
}

static double
y_of (const Plot *plot,
      double      v)
{
  return plot->y1 - (v - plot->range.v_min) / (plot->range.v_max - plot->range.v_min) *
                    (plot->y1 - plot->y0);
}

static void
draw_marker (cairo_t *cr,
             Marker   marker,
             guint32  rgb,
             double   x,
             double   y)
{
  double r = MARKER_RADIUS;

  cairo_save (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, 1.1);
  cairo_new_path (cr);
  switch (marker)
    {
    case MARKER_CIRCLE:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    case MARKER_SQUARE:
      cairo_rectangle (cr, x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
      break;
    case MARKER_TRIANGLE:
      cairo_move_to (cr, x, y - r * 1.2);
      cairo_line_to (cr, x + r * 1.1, y + r * 0.8);
      cairo_line_to (cr, x - r * 1.1, y + r * 0.8);
      cairo_close_path (cr);
      break;
    case MARKER_TRIANGLE_DOWN:
      cairo_move_to (cr, x, y + r * 1.2);
      cairo_line_to (cr, x + r * 1.1, y - r * 0.8);
      cairo_line_to (cr, x - r * 1.1, y - r * 0.8);
      cairo_close_path (cr);
      break;
    case MARKER_CROSS:
    case MARKER_PLUS:
    default:
      break;
    }

  if (marker == MARKER_CROSS || marker == MARKER_PLUS)
    {
      double d = marker == MARKER_CROSS ? r * 0.95 : r * 1.25;

      /* A white ground under the strokes keeps the line from crossing them. */
      cairo_arc (cr, x, y, r * 1.1, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill (cr);
      if (marker == MARKER_CROSS)
        {
          cairo_move_to (cr, x - d, y - d);
          cairo_line_to (cr, x + d, y + d);
          cairo_move_to (cr, x - d, y + d);
          cairo_line_to (cr, x + d, y - d);
        }
      else
        {
          cairo_move_to (cr, x - d, y);
          cairo_line_to (cr, x + d, y);
          cairo_move_to (cr, x, y - d);
          cairo_line_to (cr, x, y + d);
        }
      cairo_set_line_width (cr, 1.4);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
      set_color (cr, rgb);
      cairo_stroke (cr);
    }
  else
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      set_color (cr, rgb);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
set_series_line (cairo_t *cr,
                 guint    index)
{
  guint style = index % G_N_ELEMENTS (series_styles);

  set_color (cr, series_styles[style].rgb);
  cairo_set_line_width (cr, SERIES_WIDTH);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_dash (cr, series_styles[style].dash, series_styles[style].n_dash, 0);
}

static void
draw_reference_line (cairo_t    *cr,
                     const Plot *plot,
                     double      value,
                     const char *label,
                     guint32     rgb,
                     const double *dash,
                     int         n_dash,
                     double      right,
                     gboolean    label_below)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, label, TICK_SIZE);
  double y = y_of (plot, value);
  double w, h;

  cairo_save (cr);
  set_color (cr, rgb);
  cairo_set_dash (cr, dash, n_dash, 0);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, plot->x0, y);
  cairo_line_to (cr, plot->x1, y);
  cairo_stroke (cr);
  cairo_restore (cr);

  layout_size (layout, &w, &h);
  /* Ending at @right where it fits, at the plot's end where not. */
  if (right - w - 4 < plot->x0)
    right = plot->x1;
  /* Inside the plot, clear of the axis and of the top. */
  if (label_below && y + 2 + h > plot->y1 - 1)
    label_below = FALSE;
  else if (!label_below && y - h - 1 < plot->y0 - 4)
    label_below = TRUE;
  /* A white ground, so that a series crossing the label leaves it legible. */
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_rectangle (cr, right - w - 4, label_below ? y + 1.5 : y - h - 1.5, w + 3, h);
  cairo_fill (cr);
  set_color (cr, rgb);
  cairo_move_to (cr, right - w - 2.5, label_below ? y + 1.5 : y - h - 1.5);
  pango_cairo_show_layout (cr, layout);
}

/* The legend's entries flowed into rows across @width; returns its height,
 * and draws it with its top at @top when @draw. */
static double
legend (cairo_t             *cr,
        const MbReportChart *chart,
        gboolean             swedish,
        double               width,
        double               top,
        gboolean             draw)
{
  const double sample = 22, gap = 4, spacing = 14;
  double x = 0, y = top, row_height = 0;
  /* The series, then the earlier targets' entry: they have no label on
   * the plot, the present targets have. */
  guint n_entries = chart->series->len + (chart->earlier_years->len > 0 ? 1 : 0);

  for (guint s = 0; s < n_entries; s++)
    {
      gboolean earlier = s == chart->series->len;
      const MbReportSeries *series = earlier ? NULL : chart->series->pdata[s];
      const char *text = earlier ? (swedish ? "Tidigare mål" : "Earlier target")
                                 : series->label ? series->label : "";
      g_autoptr(PangoLayout) layout = make_layout (cr, text, LEGEND_SIZE);
      double w, h, entry;

      pango_layout_set_width (layout, (int) ((width - sample - gap) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
      layout_size (layout, &w, &h);
      entry = sample + gap + w;
      if (x > 0 && x + entry > width)
        {
          x = 0;
          y += row_height + 3;
          row_height = 0;
        }
      if (draw)
        {
          double mid = y + MIN (h, 12) / 2;

          cairo_save (cr);
          if (earlier)
            set_earlier_line (cr);
          else
            set_series_line (cr, s);
          cairo_move_to (cr, x + 1, mid);
          cairo_line_to (cr, x + sample - 1, mid);
          cairo_stroke (cr);
          cairo_restore (cr);
          if (earlier)
            {
              cairo_save (cr);
              set_earlier_color (cr);
              draw_diamond (cr, x + sample / 2, mid, TRUE);
              cairo_restore (cr);
            }
          else
            draw_marker (cr, series_styles[s % G_N_ELEMENTS (series_styles)].marker,
                         series_styles[s % G_N_ELEMENTS (series_styles)].rgb,
                         x + sample / 2, mid);
          set_color (cr, COLOR_TEXT);
          cairo_move_to (cr, x + sample + gap, y);
          pango_cairo_show_layout (cr, layout);
        }
      x += entry + spacing;
      row_height = MAX (row_height, h);
    }
  return y + row_height - top;
}

static gboolean
has_content (const MbReportChart *chart)
{
  for (guint s = 0; s < chart->series->len; s++)
    if (((MbReportSeries *) chart->series->pdata[s])->values->len > 0)
      return TRUE;
  return !isnan (chart->baseline) || chart->target_values->len > 0;
}

void
mb_report_chart_draw (cairo_t             *cr,
                      const MbReportChart *chart,
                      MbReportLanguage     language,
                      double               width,
                      double               height)
{
  static const double baseline_dash[] = { 4, 3 };
  static const double target_dash[] = { 7, 3 };
  gboolean swedish = language == MB_REPORT_LANGUAGE_SWEDISH;
  Plot plot;
  double step, t_step, label_width = 0, legend_height = 0, unit_height = 0, tick_height = 10;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (chart != NULL);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);

  if (!has_content (chart))
    {
      g_autoptr(PangoLayout) layout = make_layout (cr, swedish ? "Inga värden att visa"
                                                               : "No values to show", 10);
      double w, h;

      layout_size (layout, &w, &h);
      set_color (cr, COLOR_DIM);
      cairo_move_to (cr, (width - w) / 2, (height - h) / 2);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
      return;
    }

  mb_report_chart_range_init (&plot.range);
  for (guint s = 0; s < chart->series->len; s++)
    {
      const MbReportSeries *series = chart->series->pdata[s];

      for (guint i = 0; i < series->values->len; i++)
        mb_report_chart_range_add (&plot.range, g_array_index (series->years, double, i),
                                   g_array_index (series->values, double, i));
    }
  mb_report_chart_range_add (&plot.range, chart->baseline_year > 0 ? chart->baseline_year : NAN,
                             chart->baseline);
  for (guint i = 0; i < chart->target_values->len; i++)
    mb_report_chart_range_add (&plot.range, g_array_index (chart->target_years, int, i),
                               g_array_index (chart->target_values, double, i));
  for (guint i = 0; i < chart->earlier_values->len; i++)
    mb_report_chart_range_add (&plot.range, g_array_index (chart->earlier_years, int, i),
                               g_array_index (chart->earlier_values, double, i));
  mb_report_chart_range_finish (&plot.range);

  step = plot.range.v_step;

  for (double v = plot.range.v_min; v <= plot.range.v_max + step / 2; v += step)
    {
      g_autofree char *text = format_number (fabs (v) < step / 1e6 ? 0 : v, language);
      g_autoptr(PangoLayout) layout = make_layout (cr, text, TICK_SIZE);
      double w, h;

      layout_size (layout, &w, &h);
      label_width = MAX (label_width, w);
      tick_height = h;
    }
  if (chart->series->len > 0 || chart->earlier_years->len > 0)
    legend_height = legend (cr, chart, swedish, width, 0, FALSE) + 9;
  if (chart->unit != NULL && *chart->unit != '\0')
    unit_height = tick_height + 2;

  plot.x0 = label_width + 6;
  plot.x1 = width - 2;
  plot.y0 = unit_height + tick_height / 2 + 2;
  plot.y1 = height - legend_height - tick_height - 5;
  if (plot.x1 - plot.x0 < 40 || plot.y1 - plot.y0 < 30)
    {
      cairo_restore (cr);
      return;
    }

  /* The unit above the value labels. */
  if (unit_height > 0)
    show_text (cr, chart->unit, TICK_SIZE, COLOR_DIM, 0, 0);

  /* Horizontal grid with value labels. */
  cairo_set_line_width (cr, 0.5);
  for (double v = plot.range.v_min; v <= plot.range.v_max + step / 2; v += step)
    {
      g_autofree char *text = format_number (fabs (v) < step / 1e6 ? 0 : v, language);
      g_autoptr(PangoLayout) layout = make_layout (cr, text, TICK_SIZE);
      double y = y_of (&plot, v), w, h;

      set_color (cr, COLOR_GRID);
      cairo_move_to (cr, plot.x0, y);
      cairo_line_to (cr, plot.x1, y);
      cairo_stroke (cr);

      layout_size (layout, &w, &h);
      set_color (cr, COLOR_DIM);
      cairo_move_to (cr, plot.x0 - 5 - w, y - h / 2);
      pango_cairo_show_layout (cr, layout);
    }

  /* Years along the bottom. */
  t_step = MAX (1, mb_report_nice_step (plot.range.t_max - plot.range.t_min,
                                        (int) ((plot.x1 - plot.x0) / 36)));
  for (double t = ceil (plot.range.t_min / t_step) * t_step; t <= plot.range.t_max; t += t_step)
    {
      g_autofree char *text = g_strdup_printf ("%d", (int) t);
      g_autoptr(PangoLayout) layout = make_layout (cr, text, TICK_SIZE);
      double x = x_of (&plot, t), w, h;

      set_color (cr, COLOR_AXIS);
      cairo_move_to (cr, x, plot.y1);
      cairo_line_to (cr, x, plot.y1 + 3);
      cairo_stroke (cr);

      layout_size (layout, &w, &h);
      set_color (cr, COLOR_DIM);
      cairo_move_to (cr, x - w / 2, plot.y1 + 4);
      pango_cairo_show_layout (cr, layout);
    }
  set_color (cr, COLOR_AXIS);
  cairo_set_line_width (cr, 0.75);
  cairo_move_to (cr, plot.x0, plot.y1);
  cairo_line_to (cr, plot.x1, plot.y1);
  cairo_stroke (cr);

  /* Baseline and targets, dashed and labelled. */
  if (!isnan (chart->baseline))
    {
      g_autofree char *value = format_number (chart->baseline, language);
      g_autofree char *label = NULL;
      gboolean below = chart->target_values->len > 0 &&
                       g_array_index (chart->target_values, double,
                                      chart->target_values->len - 1) > chart->baseline;

      if (chart->baseline_year > 0)
        label = g_strdup_printf (swedish ? "Utgångsvärde %d: %s" : "Baseline %d: %s",
                                 chart->baseline_year, value);
      else
        label = g_strdup_printf (swedish ? "Utgångsvärde: %s" : "Baseline: %s", value);
      draw_reference_line (cr, &plot, chart->baseline, label, COLOR_BASELINE, baseline_dash,
                           G_N_ELEMENTS (baseline_dash), plot.x1, below);
    }
  /* Earlier targets under the present ones: faint dots and a hollow
   * diamond, unlabelled (the legend says what they are). */
  for (guint i = 0; i < chart->earlier_values->len; i++)
    {
      double x = x_of (&plot, g_array_index (chart->earlier_years, int, i));
      double y = y_of (&plot, g_array_index (chart->earlier_values, double, i));

      cairo_save (cr);
      set_earlier_line (cr);
      cairo_move_to (cr, plot.x0, y);
      cairo_line_to (cr, plot.x1, y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      draw_diamond (cr, x, y, TRUE);
      cairo_restore (cr);
    }
  for (guint i = 0; i < chart->target_values->len; i++)
    {
      int year = g_array_index (chart->target_years, int, i);
      double target = g_array_index (chart->target_values, double, i);
      g_autofree char *value = format_number (target, language);
      g_autofree char *label = g_strdup_printf (swedish ? "Mål %d: %s" : "Target %d: %s",
                                                year, value);
      gboolean below = !isnan (chart->baseline) && target < chart->baseline;
      double x = x_of (&plot, year), y = y_of (&plot, target);

      /* The label ends short of the target's diamond. */
      draw_reference_line (cr, &plot, target, label, COLOR_TARGET, target_dash,
                           G_N_ELEMENTS (target_dash), MIN (plot.x1, x - 7), below);
      /* A diamond where the target is due. */
      set_color (cr, COLOR_TARGET);
      draw_diamond (cr, x, y, FALSE);
    }

  /* The series, each with its dash, then its markers on top. */
  for (guint s = 0; s < chart->series->len; s++)
    {
      const MbReportSeries *series = chart->series->pdata[s];
      guint style = s % G_N_ELEMENTS (series_styles);

      cairo_save (cr);
      set_series_line (cr, s);
      for (guint i = 0; i < series->values->len; i++)
        {
          double x = x_of (&plot, g_array_index (series->years, double, i));
          double y = y_of (&plot, g_array_index (series->values, double, i));

          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_stroke (cr);
      cairo_restore (cr);

      for (guint i = 0; i < series->values->len; i++)
        draw_marker (cr, series_styles[style].marker, series_styles[style].rgb,
                     x_of (&plot, g_array_index (series->years, double, i)),
                     y_of (&plot, g_array_index (series->values, double, i)));
    }

  if (legend_height > 0)
    legend (cr, chart, swedish, width, height - legend_height + 9, TRUE);

  cairo_restore (cr);
}

char *
mb_report_chart_to_svg (const MbReportChart *chart,
                        MbReportLanguage     language,
                        double               width,
                        double               height,
                        const char          *id_prefix,
                        GError             **error)
{
  g_autoptr(GRegex) surface_id = NULL;
  g_autofree char *numbered = NULL;
  g_autoptr(GString) svg = g_string_new (NULL);
  g_autofree char *digest = NULL;
  g_autofree char *prefix = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (chart != NULL, NULL);

  surface = mb_report_svg_surface_new (svg, width, height);
  cr = cairo_create (surface);
  mb_report_chart_draw (cr, chart, language, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw the chart “%s”: %s"),
                   chart->title != NULL ? chart->title : "", cairo_status_to_string (status));
      return NULL;
    }

  mb_report_svg_strip_declaration (svg);
  /* cairo numbers its surfaces across the process ("surface41"): one name
   * for each drawing's own, so that equal charts give equal files. */
  surface_id = g_regex_new ("id=\"surface[0-9]+\"", 0, 0, NULL);
  numbered = g_regex_replace_literal (surface_id, svg->str, svg->len, 0, "id=\"surface\"", 0, NULL);
  if (numbered != NULL)
    g_string_assign (svg, numbered);
  if (id_prefix == NULL)
    {
      /* From the drawing itself, so that equal charts give equal files. */
      digest = g_compute_checksum_for_string (G_CHECKSUM_SHA1, svg->str, svg->len);
      prefix = g_strdup_printf ("chart-%.8s", digest);
    }
  mb_report_svg_prefix_ids (svg, id_prefix ? id_prefix : prefix);
  mb_report_svg_add_title (svg, chart->title, chart->description);
  return g_string_free (g_steal_pointer (&svg), FALSE);
}
