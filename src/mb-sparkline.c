/* mb-sparkline.c – a word-sized line of an indicator's recent values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <adwaita.h>

#include "mb-chart.h"
#include "mb-sparkline.h"

#define SPARK_WIDTH 88
#define SPARK_HEIGHT 22

struct _MbSparkline
{
  GtkWidget  parent_instance;

  GArray    *points;   /* of MbSeriesPoint */
  gboolean   lower_is_better;
};

G_DEFINE_FINAL_TYPE (MbSparkline, mb_sparkline, GTK_TYPE_WIDGET)

static void
mb_sparkline_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? SPARK_WIDTH : SPARK_HEIGHT;
}

static void
mb_sparkline_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  MbSparkline *self = MB_SPARKLINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double min_t = INFINITY, max_t = -INFINITY, min_v = INFINITY, max_v = -INFINITY;
  const double pad = 3;
  GdkRGBA line, good, bad;
  cairo_t *cr;
  guint n = self->points->len;

  if (n == 0)
    return;

  mb_chart_get_palette_color (widget, MB_CHART_COLOR_SERIES, &line);
  mb_chart_get_palette_color (widget, MB_CHART_COLOR_GOOD, &good);
  mb_chart_get_palette_color (widget, MB_CHART_COLOR_BAD, &bad);

  for (guint i = 0; i < n; i++)
    {
      MbSeriesPoint *p = &g_array_index (self->points, MbSeriesPoint, i);

      min_t = MIN (min_t, p->time);
      max_t = MAX (max_t, p->time);
      min_v = MIN (min_v, p->value);
      max_v = MAX (max_v, p->value);
    }

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (cr, 1.5);
  gdk_cairo_set_source_rgba (cr, &line);

#define X(t) (max_t > min_t ? pad + ((t) - min_t) / (max_t - min_t) * (width - 2 * pad) \
                            : width / 2.0)
#define Y(v) (max_v > min_v ? height - pad - ((v) - min_v) / (max_v - min_v) * (height - 2 * pad) \
                            : height / 2.0)

  for (guint i = 0; i < n; i++)
    {
      MbSeriesPoint *p = &g_array_index (self->points, MbSeriesPoint, i);

      if (i == 0)
        cairo_move_to (cr, X (p->time), Y (p->value));
      else
        cairo_line_to (cr, X (p->time), Y (p->value));
    }
  cairo_stroke (cr);

  /* The last value as a dot, coloured by the direction of its last step. */
  {
    MbSeriesPoint *last = &g_array_index (self->points, MbSeriesPoint, n - 1);

    if (n > 1)
      {
        MbSeriesPoint *prev = &g_array_index (self->points, MbSeriesPoint, n - 2);
        gboolean up = last->value > prev->value;
        gboolean down = last->value < prev->value;

        if ((up && !self->lower_is_better) || (down && self->lower_is_better))
          gdk_cairo_set_source_rgba (cr, &good);
        else if (up || down)
          gdk_cairo_set_source_rgba (cr, &bad);
      }
    cairo_arc (cr, X (last->time), Y (last->value), 2.5, 0, 2 * G_PI);
    cairo_fill (cr);
  }

#undef X
#undef Y

  cairo_destroy (cr);
}

static void
mb_sparkline_finalize (GObject *object)
{
  MbSparkline *self = MB_SPARKLINE (object);

  g_array_unref (self->points);

  G_OBJECT_CLASS (mb_sparkline_parent_class)->finalize (object);
}

static void
mb_sparkline_class_init (MbSparklineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mb_sparkline_finalize;
  widget_class->measure = mb_sparkline_measure;
  widget_class->snapshot = mb_sparkline_snapshot;

  gtk_widget_class_set_css_name (widget_class, "sparkline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mb_sparkline_init (MbSparkline *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (MbSeriesPoint));
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

GtkWidget *
mb_sparkline_new (void)
{
  return g_object_new (MB_TYPE_SPARKLINE, NULL);
}

void
mb_sparkline_set_points (MbSparkline         *self,
                         const MbSeriesPoint *points,
                         guint                n_points,
                         gboolean             lower_is_better)
{
  g_return_if_fail (MB_IS_SPARKLINE (self));

  g_array_set_size (self->points, 0);
  if (n_points > 0)
    g_array_append_vals (self->points, points, n_points);
  self->lower_is_better = lower_is_better;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
