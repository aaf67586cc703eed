/* mb-chart.h – an indicator's values over time, per territory and gender
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "mb-catalogue.h"

G_BEGIN_DECLS

typedef enum
{
  MB_CHART_COLOR_SERIES,     /* the first series, the sparkline */
  MB_CHART_COLOR_GOOD,       /* moving toward the target */
  MB_CHART_COLOR_BAD,        /* moving away from it */
  MB_CHART_COLOR_TARGET,
  MB_CHART_COLOR_BASELINE,
} MbChartColor;

#define MB_TYPE_CHART (mb_chart_get_type ())

G_DECLARE_FINAL_TYPE (MbChart, mb_chart, MB, CHART, GtkWidget)

GtkWidget  *mb_chart_new                (void);

/* @measurements: MbMeasurementItem; one series per territory × gender,
 * labelled with names from @catalogue (may be NULL). Emits "series-changed". */
void        mb_chart_set_measurements   (MbChart      *self,
                                         GListModel   *measurements,
                                         MbCatalogue  *catalogue);
/* Dashed reference lines: @baseline NAN = none; @targets of MbSeriesPoint
 * (time = year) or NULL. */
void        mb_chart_set_reference      (MbChart      *self,
                                         double        baseline,
                                         int           baseline_year,
                                         GArray       *targets);
/* Earlier values of targets (MbSeriesPoint, time = year) drawn faint and
 * dotted with a hollow diamond; NULL or empty = none. */
void        mb_chart_set_earlier_targets (MbChart     *self,
                                         GArray       *earlier);
guint       mb_chart_get_n_earlier_targets (MbChart   *self);
/* Where (@time, @value) was drawn in the last scene, in widget
 * coordinates; FALSE before the chart was drawn. For tests. */
gboolean    mb_chart_get_point_position (MbChart      *self,
                                         double        time,
                                         double        value,
                                         double       *x,
                                         double       *y);
/* A legend's swatch of a target line, present (dashed, filled diamond) or
 * earlier (faint, dotted, hollow diamond), in @width × @height. */
void        mb_chart_draw_target_swatch (cairo_t      *cr,
                                         double        width,
                                         double        height,
                                         const GdkRGBA *color,
                                         gboolean      earlier);
/* With many territories, series of other territories than @code start
 * hidden (the user can show them). */
void        mb_chart_set_focus_territory (MbChart     *self,
                                         const char   *code);
void        mb_chart_set_unit           (MbChart      *self,
                                         const char   *unit);

guint       mb_chart_get_n_series       (MbChart      *self);
const char *mb_chart_get_series_label   (MbChart      *self,
                                         guint         index);
void        mb_chart_get_series_color   (MbChart      *self,
                                         guint         index,
                                         GdkRGBA      *color);
gboolean    mb_chart_get_series_visible (MbChart      *self,
                                         guint         index);
void        mb_chart_set_series_visible (MbChart      *self,
                                         guint         index,
                                         gboolean      visible);

/* The point under the pointer (-1 if none), for tests and the hover label. */
gboolean    mb_chart_get_hover          (MbChart      *self,
                                         guint        *series,
                                         guint        *point);
/* Shows the hover label on a point (@series -1 hides it). */
void        mb_chart_set_hover          (MbChart      *self,
                                         int           series,
                                         int           point);
/* Moves the hover to the point nearest to (@x, @y) in widget coordinates. */
void        mb_chart_hover_at           (MbChart      *self,
                                         double        x,
                                         double        y);

/* Shared by the indicator views: colours from the libadwaita palette, light
 * or dark; territory and gender names. */
void        mb_chart_get_palette_color  (GtkWidget    *widget,
                                         MbChartColor  which,
                                         GdkRGBA      *color);
char       *mb_territory_display_name   (MbCatalogue  *catalogue,
                                         const char   *code);
const char *mb_gender_display_name      (const char   *gender);

G_END_DECLS
