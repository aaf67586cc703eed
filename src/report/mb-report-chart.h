/* mb-report-chart.h – a report's chart drawn with cairo, and the scales the
 * app's chart widget shares with it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "mb-report-doc.h"

G_BEGIN_DECLS

/* Scales: the one rule for the report's charts and the app's (mb-chart.c). */

/* A step of 1, 2 or 5 × 10^n that cuts @span into about @n parts. */
double  mb_report_nice_step              (double  span,
                                          int     n);

/* The years and values a chart spans. Built empty, fed with every point,
 * baseline and target, then finished: the years padded by 0.3 a side (a
 * single year widened to one), the values widened to whole steps of about
 * a quarter of their span, a flat or empty chart given room. The value
 * axis is labelled every @v_step from @v_min to @v_max. */
typedef struct
{
  double t_min, t_max;
  double v_min, v_max;
  double v_step;
} MbReportChartRange;

void    mb_report_chart_range_init       (MbReportChartRange *range);
/* @t or @v NAN: only the other counts (a baseline without its year). */
void    mb_report_chart_range_add        (MbReportChartRange *range,
                                          double              t,
                                          double              v);
void    mb_report_chart_range_finish     (MbReportChartRange *range);

/* A target where it is due: a diamond of @radius, filled for the present
 * target, hollow (stroked @line_width wide) for an earlier one, so that
 * the two differ in shape as well as in strength; in the current source. */
void    mb_report_chart_draw_target_mark (cairo_t            *cr,
                                          double              x,
                                          double              y,
                                          double              radius,
                                          double              line_width,
                                          gboolean            hollow);

/* Drawing. Both take the document's language, which the brief's signature
 * lacked: the axis's numbers are written as the report's language writes
 * them (a decimal comma in Swedish) and the reference lines are labelled in
 * it ("Utgångsvärde 2019: 12,5", "Mål 2030: 20"), whatever the UI speaks. */

/* A line chart of @chart's series over the years, in @width × @height of
 * @cr's user space (points in a PDF): value grid and labels with the unit
 * above them, years below, the baseline and targets dashed and labelled,
 * a marker on each point, and a legend below. On white, whatever was under
 * it. Each series has its own colour (a palette told apart by colour-blind
 * readers, at least 3:1 against white), dash and marker shape, so that it
 * can be told apart in grey print too. The title is left to the caller. */
void    mb_report_chart_draw             (cairo_t             *cr,
                                          const MbReportChart *chart,
                                          MbReportLanguage     language,
                                          double               width,
                                          double               height);

/* The chart as an SVG to inline in HTML: no XML declaration, @chart's
 * title and description as its <title> and <desc>, ids prefixed by
 * @id_prefix (NULL: a digest of the drawing) so that several charts can
 * stand in one page. */
char   *mb_report_chart_to_svg           (const MbReportChart *chart,
                                          MbReportLanguage     language,
                                          double               width,
                                          double               height,
                                          const char          *id_prefix,
                                          GError             **error);

G_END_DECLS
