/* mb-chart.c – an indicator's values over time, per territory and gender
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawn like the canvas: colours from the libadwaita palette (light and
 * dark), the static scene cached as a render node and only the hover label
 * drawn per frame.
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "mb-chart.h"
#include "mb-format.h"
#include "mb-indicator-stats.h"
#include "mb-report-chart.h"

#define PAD_TOP 18.0
#define PAD_RIGHT 18.0
#define PAD_BOTTOM 30.0
#define HOVER_RADIUS 28.0

typedef struct
{
  char    *territory;
  char    *gender;
  char    *label;
  GArray  *points;    /* of MbSeriesPoint, in time order */
  GPtrArray *periods; /* the period text of each point */
  gboolean visible;
} Series;

struct _MbChart
{
  GtkWidget      parent_instance;

  GPtrArray     *series;      /* of Series */
  double         baseline;
  int            baseline_year;
  GArray        *targets;     /* of MbSeriesPoint */
  GArray        *earlier;     /* of MbSeriesPoint: earlier targets */
  char          *unit;
  char          *focus_territory;

  /* Layout of the last scene, for hit-testing. */
  double         x0, x1, y0, y1;   /* plot area */
  double         t_min, t_max, v_min, v_max, v_step;

  GskRenderNode *scene;
  int            hover_series;
  int            hover_point;
};

G_DEFINE_FINAL_TYPE (MbChart, mb_chart, GTK_TYPE_WIDGET)

enum {
  SERIES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The GNOME palette: blue, orange, green, purple, red, brown, yellow,
 * in the shades that read on a light and on a dark background. */
static const char * const series_light[] = {
  "#1c71d8", "#e66100", "#26a269", "#813d9c", "#c01c28", "#865e3c", "#c88800",
};
static const char * const series_dark[] = {
  "#62a0ea", "#ffa348", "#57e389", "#c061cb", "#f66151", "#cdab8f", "#f8e45c",
};

static void
series_free (gpointer data)
{
  Series *s = data;

  g_free (s->territory);
  g_free (s->gender);
  g_free (s->label);
  g_array_unref (s->points);
  g_ptr_array_unref (s->periods);
  g_free (s);
}

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

void
mb_chart_get_palette_color (GtkWidget    *widget,
                            MbChartColor  which,
                            GdkRGBA      *color)
{
  gboolean dark = is_dark ();

  switch (which)
    {
    case MB_CHART_COLOR_SERIES:
      gdk_rgba_parse (color, dark ? series_dark[0] : series_light[0]);
      break;
    case MB_CHART_COLOR_GOOD:
    case MB_CHART_COLOR_TARGET:
      gdk_rgba_parse (color, dark ? "#8ff0a4" : "#1b8553");
      break;
    case MB_CHART_COLOR_BAD:
      gdk_rgba_parse (color, dark ? "#ff7b63" : "#c01c28");
      break;
    case MB_CHART_COLOR_BASELINE:
    default:
      {
        GtkStyleContext *context = gtk_widget_get_style_context (widget);

        gtk_style_context_get_color (context, color);
        color->alpha *= 0.55f;
      }
      break;
    }
}

char *
mb_territory_display_name (MbCatalogue *catalogue,
                           const char  *code)
{
  const char *name;

  if (code == NULL || g_str_equal (code, MB_TERRITORY_NONE))
    return g_strdup (_("Sweden"));
  name = catalogue ? mb_catalogue_get_territory_name (catalogue, code) : NULL;
  return g_strdup (name ? name : code);
}

const char *
mb_gender_display_name (const char *gender)
{
  if (g_strcmp0 (gender, "K") == 0)
    return _("Women");
  if (g_strcmp0 (gender, "M") == 0)
    return _("Men");
  return _("Total");
}

/* Scales */

/* The scales are the report's (mb-report-chart.c), so that a chart looks
 * the same in the window and on paper. */
static void
compute_ranges (MbChart *self)
{
  MbReportChartRange range;

  mb_report_chart_range_init (&range);
  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = self->series->pdata[s];

      if (!series->visible)
        continue;
      for (guint i = 0; i < series->points->len; i++)
        {
          MbSeriesPoint *p = &g_array_index (series->points, MbSeriesPoint, i);

          mb_report_chart_range_add (&range, p->time, p->value);
        }
    }
  if (!isnan (self->baseline))
    mb_report_chart_range_add (&range, self->baseline_year > 0 ? self->baseline_year : NAN,
                               self->baseline);
  for (guint i = 0; self->targets && i < self->targets->len; i++)
    {
      MbSeriesPoint *p = &g_array_index (self->targets, MbSeriesPoint, i);

      mb_report_chart_range_add (&range, p->time, p->value);
    }
  for (guint i = 0; self->earlier && i < self->earlier->len; i++)
    {
      MbSeriesPoint *p = &g_array_index (self->earlier, MbSeriesPoint, i);

      mb_report_chart_range_add (&range, p->time, p->value);
    }
  mb_report_chart_range_finish (&range);

  self->t_min = range.t_min;
  self->t_max = range.t_max;
  self->v_min = range.v_min;
  self->v_max = range.v_max;
  self->v_step = range.v_step;
}

static double
x_of (MbChart *self,
      double   t)
{
  return self->x0 + (t - self->t_min) / (self->t_max - self->t_min) * (self->x1 - self->x0);
}

static double
y_of (MbChart *self,
      double   v)
{
  return self->y1 - (v - self->v_min) / (self->v_max - self->v_min) * (self->y1 - self->y0);
}

/* Drawing */

static PangoLayout *
make_layout (GtkWidget  *widget,
             const char *text,
             gboolean    small)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);

  if (small)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return layout;
}

static void
series_color (MbChart *self,
              guint    index,
              GdkRGBA *color)
{
  const char * const *palette = is_dark () ? series_dark : series_light;

  gdk_rgba_parse (color, palette[index % G_N_ELEMENTS (series_light)]);
}

static void
draw_reference_line (MbChart    *self,
                     cairo_t    *cr,
                     double      value,
                     const char *label,
                     GdkRGBA    *color,
                     gboolean    label_below)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(PangoLayout) layout = make_layout (widget, label, TRUE);
  static const double dash[] = { 6, 4 };
  double y = round (y_of (self, value)) + 0.5;
  int w, h;

  cairo_save (cr);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, self->x0, y);
  cairo_line_to (cr, self->x1, y);
  cairo_stroke (cr);
  cairo_restore (cr);

  pango_layout_get_pixel_size (layout, &w, &h);
  /* Keep the label inside the plot, clear of the axis. */
  if (label_below && y + 3 + h > self->y1 - 2)
    label_below = FALSE;
  else if (!label_below && y - h - 2 < self->y0 - PAD_TOP + 2)
    label_below = TRUE;
  gdk_cairo_set_source_rgba (cr, color);
  cairo_move_to (cr, self->x1 - w - 4, label_below ? y + 3 : y - h - 2);
  pango_cairo_show_layout (cr, layout);
}

/* The marks of a target where it is due (mb-report-chart.c draws them),
 * at the app's size. Shared with the legend's swatches. */
static void
draw_diamond (cairo_t  *cr,
              double    x,
              double    y,
              gboolean  hollow)
{
  mb_report_chart_draw_target_mark (cr, x, y, 6.0, 1.5, hollow);
}

/* An earlier target: a faint dotted line and a hollow diamond, unlabelled
 * (the page lists each with its date and reason). */
static void
draw_earlier_target (MbChart       *self,
                     cairo_t       *cr,
                     MbSeriesPoint *p,
                     const GdkRGBA *target_color)
{
  static const double dots[] = { 2, 4 };
  GdkRGBA faint = *target_color;
  double y = round (y_of (self, p->value)) + 0.5;

  faint.alpha *= 0.5f;
  cairo_save (cr);
  gdk_cairo_set_source_rgba (cr, &faint);
  cairo_set_dash (cr, dots, G_N_ELEMENTS (dots), 0);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, self->x0, y);
  cairo_line_to (cr, self->x1, y);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  draw_diamond (cr, x_of (self, p->time), y_of (self, p->value), TRUE);
  cairo_restore (cr);
}

void
mb_chart_draw_target_swatch (cairo_t       *cr,
                             double         width,
                             double         height,
                             const GdkRGBA *color,
                             gboolean       earlier)
{
  static const double dash[] = { 6, 4 };
  static const double dots[] = { 2, 4 };
  GdkRGBA c = *color;
  double y = round (height / 2) + 0.5;

  if (earlier)
    c.alpha *= 0.5f;
  cairo_save (cr);
  gdk_cairo_set_source_rgba (cr, &c);
  cairo_set_line_width (cr, 1.5);
  if (earlier)
    cairo_set_dash (cr, dots, G_N_ELEMENTS (dots), 0);
  else
    cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_move_to (cr, 0, y);
  cairo_line_to (cr, width, y);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  draw_diamond (cr, width / 2, height / 2, earlier);
  cairo_restore (cr);
}

static void
draw_scene (MbChart *self,
            cairo_t *cr,
            int      width,
            int      height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA fg, grid, dim, target_color, baseline_color, card;
  double step, t_step, label_width = 0;
  gboolean any = FALSE;

  gtk_style_context_get_color (context, &fg);
  grid = fg;
  grid.alpha *= 0.10f;
  dim = fg;
  dim.alpha *= 0.60f;
  mb_chart_get_palette_color (widget, MB_CHART_COLOR_TARGET, &target_color);
  mb_chart_get_palette_color (widget, MB_CHART_COLOR_BASELINE, &baseline_color);
  gdk_rgba_parse (&card, is_dark () ? "#303030" : "#ffffff");

  for (guint s = 0; s < self->series->len; s++)
    if (((Series *) self->series->pdata[s])->visible)
      any = TRUE;

  compute_ranges (self);
  step = self->v_step;

  /* Room for the widest value label on the left. */
  for (double v = self->v_min; v <= self->v_max + step / 2; v += step)
    {
      g_autofree char *text = mb_format_number (fabs (v) < step / 1e6 ? 0 : v);
      g_autoptr(PangoLayout) layout = make_layout (widget, text, TRUE);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      label_width = MAX (label_width, w);
    }

  self->x0 = label_width + 14;
  self->x1 = width - PAD_RIGHT;
  self->y0 = PAD_TOP;
  self->y1 = height - PAD_BOTTOM;
  if (self->x1 - self->x0 < 40 || self->y1 - self->y0 < 40)
    return;

  if (!any && isnan (self->baseline) && (!self->targets || self->targets->len == 0) &&
      (!self->earlier || self->earlier->len == 0))
    {
      g_autoptr(PangoLayout) layout = make_layout (widget, _("No values to show"), FALSE);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      gdk_cairo_set_source_rgba (cr, &dim);
      cairo_move_to (cr, (width - w) / 2.0, (height - h) / 2.0);
      pango_cairo_show_layout (cr, layout);
      return;
    }

  /* Horizontal grid with value labels. */
  cairo_set_line_width (cr, 1);
  for (double v = self->v_min; v <= self->v_max + step / 2; v += step)
    {
      double y = round (y_of (self, v)) + 0.5;
      g_autofree char *text = mb_format_number (fabs (v) < step / 1e6 ? 0 : v);
      g_autoptr(PangoLayout) layout = make_layout (widget, text, TRUE);
      int w, h;

      gdk_cairo_set_source_rgba (cr, &grid);
      cairo_move_to (cr, self->x0, y);
      cairo_line_to (cr, self->x1, y);
      cairo_stroke (cr);

      pango_layout_get_pixel_size (layout, &w, &h);
      gdk_cairo_set_source_rgba (cr, &dim);
      cairo_move_to (cr, self->x0 - 8 - w, y - h / 2.0);
      pango_cairo_show_layout (cr, layout);
    }

  /* Years along the bottom. */
  t_step = MAX (1, mb_report_nice_step (self->t_max - self->t_min,
                                        (int) ((self->x1 - self->x0) / 56)));
  for (double t = ceil (self->t_min / t_step) * t_step; t <= self->t_max; t += t_step)
    {
      g_autofree char *text = g_strdup_printf ("%d", (int) t);
      g_autoptr(PangoLayout) layout = make_layout (widget, text, TRUE);
      double x = round (x_of (self, t)) + 0.5;
      int w, h;

      gdk_cairo_set_source_rgba (cr, &grid);
      cairo_move_to (cr, x, self->y1);
      cairo_line_to (cr, x, self->y1 + 4);
      cairo_stroke (cr);

      pango_layout_get_pixel_size (layout, &w, &h);
      gdk_cairo_set_source_rgba (cr, &dim);
      cairo_move_to (cr, x - w / 2.0, self->y1 + 7);
      pango_cairo_show_layout (cr, layout);
    }
  gdk_cairo_set_source_rgba (cr, &dim);
  cairo_move_to (cr, self->x0, round (self->y1) + 0.5);
  cairo_line_to (cr, self->x1, round (self->y1) + 0.5);
  cairo_stroke (cr);

  /* Earlier targets first, under the present ones. */
  for (guint i = 0; self->earlier && i < self->earlier->len; i++)
    draw_earlier_target (self, cr, &g_array_index (self->earlier, MbSeriesPoint, i),
                         &target_color);

  /* Baseline and targets, dashed and labelled. */
  if (!isnan (self->baseline))
    {
      g_autofree char *value = mb_format_number (self->baseline);
      g_autofree char *label = self->baseline_year > 0
        ? g_strdup_printf (_("Baseline %d: %s"), self->baseline_year, value)
        : g_strdup_printf (_("Baseline: %s"), value);
      gboolean below = self->targets && self->targets->len > 0 &&
                       g_array_index (self->targets, MbSeriesPoint,
                                      self->targets->len - 1).value > self->baseline;

      draw_reference_line (self, cr, self->baseline, label, &baseline_color, below);
    }
  for (guint i = 0; self->targets && i < self->targets->len; i++)
    {
      MbSeriesPoint *p = &g_array_index (self->targets, MbSeriesPoint, i);
      g_autofree char *value = mb_format_number (p->value);
      g_autofree char *label = g_strdup_printf (_("Target %d: %s"), (int) p->time, value);
      gboolean below = !isnan (self->baseline) && p->value < self->baseline;
      double x = x_of (self, p->time), y = y_of (self, p->value);

      draw_reference_line (self, cr, p->value, label, &target_color, below);
      /* A diamond where the target is due. */
      gdk_cairo_set_source_rgba (cr, &target_color);
      draw_diamond (cr, x, y, FALSE);
    }

  /* The series. */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = self->series->pdata[s];
      GdkRGBA color;

      if (!series->visible)
        continue;
      series_color (self, s, &color);

      cairo_set_line_width (cr, 2.25);
      gdk_cairo_set_source_rgba (cr, &color);
      for (guint i = 0; i < series->points->len; i++)
        {
          MbSeriesPoint *p = &g_array_index (series->points, MbSeriesPoint, i);

          if (i == 0)
            cairo_move_to (cr, x_of (self, p->time), y_of (self, p->value));
          else
            cairo_line_to (cr, x_of (self, p->time), y_of (self, p->value));
        }
      cairo_stroke (cr);

      for (guint i = 0; i < series->points->len; i++)
        {
          MbSeriesPoint *p = &g_array_index (series->points, MbSeriesPoint, i);

          cairo_arc (cr, x_of (self, p->time), y_of (self, p->value), 4, 0, 2 * G_PI);
          gdk_cairo_set_source_rgba (cr, &card);
          cairo_fill_preserve (cr);
          gdk_cairo_set_source_rgba (cr, &color);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }
    }
}

static void
draw_hover (MbChart *self,
            cairo_t *cr,
            int      width)
{
  GtkWidget *widget = GTK_WIDGET (self);
  Series *series = self->series->pdata[self->hover_series];
  MbSeriesPoint *p = &g_array_index (series->points, MbSeriesPoint, self->hover_point);
  const char *period = series->periods->pdata[self->hover_point];
  g_autofree char *value = mb_format_number (p->value);
  g_autofree char *markup = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  double x = x_of (self, p->time), y = y_of (self, p->value);
  double bx, by, bw, bh;
  GdkRGBA color, fg, bg, grid;
  int w, h;

  series_color (self, self->hover_series, &color);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  grid = fg;
  grid.alpha *= 0.25f;
  gdk_rgba_parse (&bg, is_dark () ? "#3a3a3a" : "#ffffff");

  /* The guide line and the point, larger. */
  gdk_cairo_set_source_rgba (cr, &grid);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, round (x) + 0.5, self->y0);
  cairo_line_to (cr, round (x) + 0.5, self->y1);
  cairo_stroke (cr);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_arc (cr, x, y, 6, 0, 2 * G_PI);
  cairo_fill (cr);

  {
    g_autofree char *escaped_label = g_markup_escape_text (series->label, -1);
    g_autofree char *escaped_unit = g_markup_escape_text (self->unit ? self->unit : "", -1);

    markup = g_strdup_printf ("<b>%s</b> %s\n<small>%s · %s</small>", value, escaped_unit,
                              period, escaped_label);
  }
  layout = gtk_widget_create_pango_layout (widget, NULL);
  pango_layout_set_markup (layout, markup, -1);
  pango_layout_get_pixel_size (layout, &w, &h);

  bw = w + 20;
  bh = h + 12;
  bx = x + 12;
  by = y - bh - 10;
  if (bx + bw > width - 2)
    bx = x - 12 - bw;
  if (by < 2)
    by = y + 12;

  /* A card with a soft shadow, as the canvas draws its nodes. */
  cairo_save (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, is_dark () ? 0.45 : 0.15);
  cairo_new_sub_path (cr);
  cairo_arc (cr, bx + bw - 6, by + 7, 6, -G_PI / 2, 0);
  cairo_arc (cr, bx + bw - 6, by + bh - 5, 6, 0, G_PI / 2);
  cairo_arc (cr, bx + 6, by + bh - 5, 6, G_PI / 2, G_PI);
  cairo_arc (cr, bx + 6, by + 7, 6, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_new_sub_path (cr);
  cairo_arc (cr, bx + bw - 6, by + 6, 6, -G_PI / 2, 0);
  cairo_arc (cr, bx + bw - 6, by + bh - 6, 6, 0, G_PI / 2);
  cairo_arc (cr, bx + 6, by + bh - 6, 6, G_PI / 2, G_PI);
  cairo_arc (cr, bx + 6, by + 6, 6, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  gdk_cairo_set_source_rgba (cr, &bg);
  cairo_fill_preserve (cr);
  gdk_cairo_set_source_rgba (cr, &grid);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_restore (cr);

  gdk_cairo_set_source_rgba (cr, &fg);
  cairo_move_to (cr, bx + 10, by + 6);
  pango_cairo_show_layout (cr, layout);
}

static void
mb_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  MbChart *self = MB_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (self->scene == NULL)
    {
      g_autoptr(GtkSnapshot) scene = gtk_snapshot_new ();
      cairo_t *cr = gtk_snapshot_append_cairo (scene, &GRAPHENE_RECT_INIT (0, 0, width, height));

      draw_scene (self, cr, width, height);
      cairo_destroy (cr);
      self->scene = gtk_snapshot_free_to_node (g_steal_pointer (&scene));
    }
  if (self->scene != NULL)
    gtk_snapshot_append_node (snapshot, self->scene);

  if (self->hover_series >= 0)
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                               &GRAPHENE_RECT_INIT (0, 0, width, height));

      draw_hover (self, cr, width);
      cairo_destroy (cr);
    }
}

static void
invalidate_scene (MbChart *self)
{
  g_clear_pointer (&self->scene, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
mb_chart_size_allocate (GtkWidget *widget,
                        int        width,
                        int        height,
                        int        baseline)
{
  invalidate_scene (MB_CHART (widget));
}

static void
mb_chart_css_changed (GtkWidget         *widget,
                      GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (mb_chart_parent_class)->css_changed (widget, change);
  invalidate_scene (MB_CHART (widget));
}

static void
mb_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 640;
    }
  else
    {
      *minimum = 180;
      *natural = 280;
    }
}

static void
set_hover (MbChart *self,
           int      series,
           int      point)
{
  if (self->hover_series == series && self->hover_point == point)
    return;
  self->hover_series = series;
  self->hover_point = point;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
mb_chart_set_hover (MbChart *self,
                    int      series,
                    int      point)
{
  g_return_if_fail (MB_IS_CHART (self));

  if (series < 0 || (guint) series >= self->series->len ||
      point < 0 || (guint) point >= ((Series *) self->series->pdata[series])->points->len)
    series = point = -1;
  set_hover (self, series, point);
}

void
mb_chart_hover_at (MbChart *self,
                   double   x,
                   double   y)
{
  double best = HOVER_RADIUS * HOVER_RADIUS;
  int best_series = -1, best_point = -1;

  g_return_if_fail (MB_IS_CHART (self));

  if (self->x1 <= self->x0)
    return;
  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = self->series->pdata[s];

      if (!series->visible)
        continue;
      for (guint i = 0; i < series->points->len; i++)
        {
          MbSeriesPoint *p = &g_array_index (series->points, MbSeriesPoint, i);
          double dx = x_of (self, p->time) - x, dy = y_of (self, p->value) - y;
          /* Nearness in time counts more: the pointer is usually on a year. */
          double d = dx * dx * 1.0 + dy * dy * 0.25;

          if (d < best)
            {
              best = d;
              best_series = s;
              best_point = i;
            }
        }
    }
  set_hover (self, best_series, best_point);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           MbChart                  *self)
{
  mb_chart_hover_at (self, x, y);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          MbChart                  *self)
{
  set_hover (self, -1, -1);
}

static void
dark_changed_cb (MbChart *self)
{
  invalidate_scene (self);
}

static void
mb_chart_dispose (GObject *object)
{
  MbChart *self = MB_CHART (object);

  g_clear_pointer (&self->scene, gsk_render_node_unref);

  G_OBJECT_CLASS (mb_chart_parent_class)->dispose (object);
}

static void
mb_chart_finalize (GObject *object)
{
  MbChart *self = MB_CHART (object);

  g_ptr_array_unref (self->series);
  g_clear_pointer (&self->targets, g_array_unref);
  g_clear_pointer (&self->earlier, g_array_unref);
  g_free (self->unit);
  g_free (self->focus_territory);

  G_OBJECT_CLASS (mb_chart_parent_class)->finalize (object);
}

static void
mb_chart_class_init (MbChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_chart_dispose;
  object_class->finalize = mb_chart_finalize;
  widget_class->snapshot = mb_chart_snapshot;
  widget_class->measure = mb_chart_measure;
  widget_class->size_allocate = mb_chart_size_allocate;
  widget_class->css_changed = mb_chart_css_changed;

  /**
   * MbChart::series-changed:
   *
   * The set of series changed: a legend should be rebuilt.
   */
  signals[SERIES_CHANGED] = g_signal_new ("series-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mb_chart_init (MbChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->series = g_ptr_array_new_with_free_func (series_free);
  self->baseline = NAN;
  self->hover_series = -1;
  self->hover_point = -1;

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Values over time"),
                                  -1);
}

GtkWidget *
mb_chart_new (void)
{
  return g_object_new (MB_TYPE_CHART, NULL);
}

static int
compare_series (gconstpointer a,
                gconstpointer b)
{
  const Series *sa = *(Series * const *) a;
  const Series *sb = *(Series * const *) b;
  int order_a = g_str_equal (sa->gender, "T") ? 0 : g_str_equal (sa->gender, "K") ? 1 : 2;
  int order_b = g_str_equal (sb->gender, "T") ? 0 : g_str_equal (sb->gender, "K") ? 1 : 2;
  int c = strcmp (sa->territory, sb->territory);

  return c != 0 ? c : order_a - order_b;
}

void
mb_chart_set_measurements (MbChart     *self,
                           GListModel  *measurements,
                           MbCatalogue *catalogue)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) territories = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) description = g_string_new (NULL);
  guint n;

  g_return_if_fail (MB_IS_CHART (self));

  /* Keep what the user showed and hid across refreshes. */
  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = self->series->pdata[s];

      g_hash_table_insert (shown, g_strconcat (series->territory, "/", series->gender, NULL),
                           GINT_TO_POINTER (series->visible ? 1 : -1));
    }
  g_ptr_array_set_size (self->series, 0);

  n = measurements ? g_list_model_get_n_items (measurements) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MbMeasurementItem) item = g_list_model_get_item (measurements, i);

      g_hash_table_add (territories,
                        (gpointer) g_intern_string (mb_measurement_item_get_territory_code (item)));
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MbMeasurementItem) item = g_list_model_get_item (measurements, i);
      g_autofree char *key = NULL;
      MbSeriesPoint p;
      Series *series;

      if (!mb_measurement_item_has_value (item) || isnan (mb_measurement_item_get_time (item)))
        continue;
      key = g_strconcat (mb_measurement_item_get_territory_code (item), "/",
                         mb_measurement_item_get_gender (item), NULL);
      series = g_hash_table_lookup (by_key, key);
      if (series == NULL)
        {
          g_autofree char *territory = NULL;

          series = g_new0 (Series, 1);
          series->territory = g_strdup (mb_measurement_item_get_territory_code (item));
          series->gender = g_strdup (mb_measurement_item_get_gender (item));
          territory = mb_territory_display_name (catalogue, series->territory);
          series->label = g_str_equal (series->gender, "T")
            ? g_strdup (territory)
            : g_strdup_printf ("%s, %s", territory,
                               mb_gender_display_name (series->gender));
          series->points = g_array_new (FALSE, FALSE, sizeof (MbSeriesPoint));
          series->periods = g_ptr_array_new_with_free_func (g_free);
          switch (GPOINTER_TO_INT (g_hash_table_lookup (shown, key)))
            {
            case 1:
              series->visible = TRUE;
              break;
            case -1:
              series->visible = FALSE;
              break;
            default:
              /* A county's line dwarfs its municipalities': with many
               * territories, only the headline one is shown at first. */
              series->visible = g_hash_table_size (territories) <= 3 ||
                                self->focus_territory == NULL ||
                                g_strcmp0 (series->territory, self->focus_territory) == 0;
              break;
            }
          g_hash_table_insert (by_key, g_strdup (key), series);
          g_ptr_array_add (self->series, series);
        }
      p.time = mb_measurement_item_get_time (item);
      p.value = mb_measurement_item_get_value (item);
      g_array_append_val (series->points, p);
      g_ptr_array_add (series->periods, g_strdup (mb_measurement_item_get_period (item)));
    }
  g_ptr_array_sort (self->series, compare_series);

  self->hover_series = -1;
  self->hover_point = -1;

  g_string_append (description, _("Values over time"));
  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = self->series->pdata[s];

      g_string_append_printf (description, s == 0 ? ": %s" : ", %s", series->label);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description->str, -1);

  invalidate_scene (self);
  g_signal_emit (self, signals[SERIES_CHANGED], 0);
}

void
mb_chart_set_reference (MbChart *self,
                        double   baseline,
                        int      baseline_year,
                        GArray  *targets)
{
  g_return_if_fail (MB_IS_CHART (self));

  self->baseline = baseline;
  self->baseline_year = baseline_year;
  g_clear_pointer (&self->targets, g_array_unref);
  if (targets != NULL)
    self->targets = g_array_ref (targets);
  invalidate_scene (self);
}

void
mb_chart_set_earlier_targets (MbChart *self,
                              GArray  *earlier)
{
  g_autoptr(GString) description = g_string_new (NULL);

  g_return_if_fail (MB_IS_CHART (self));

  g_clear_pointer (&self->earlier, g_array_unref);
  if (earlier != NULL && earlier->len > 0)
    self->earlier = g_array_ref (earlier);

  /* What the faint lines show, for a screen reader. */
  for (guint i = 0; self->earlier && i < self->earlier->len; i++)
    {
      MbSeriesPoint *p = &g_array_index (self->earlier, MbSeriesPoint, i);
      g_autofree char *value = mb_format_number (p->value);

      if (i == 0)
        g_string_append (description, _("Earlier targets: "));
      else
        g_string_append (description, ", ");
      g_string_append_printf (description, "%d: %s", (int) p->time, value);
    }
  if (description->len > 0)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    description->str, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  invalidate_scene (self);
}

guint
mb_chart_get_n_earlier_targets (MbChart *self)
{
  g_return_val_if_fail (MB_IS_CHART (self), 0);
  return self->earlier ? self->earlier->len : 0;
}

gboolean
mb_chart_get_point_position (MbChart *self,
                             double   time,
                             double   value,
                             double  *x,
                             double  *y)
{
  g_return_val_if_fail (MB_IS_CHART (self), FALSE);

  if (self->x1 <= self->x0 || self->t_max <= self->t_min || self->v_max <= self->v_min)
    return FALSE;
  *x = x_of (self, time);
  *y = y_of (self, value);
  return TRUE;
}

void
mb_chart_set_focus_territory (MbChart    *self,
                              const char *code)
{
  g_return_if_fail (MB_IS_CHART (self));

  g_free (self->focus_territory);
  self->focus_territory = g_strdup (code);
}

void
mb_chart_set_unit (MbChart    *self,
                   const char *unit)
{
  g_return_if_fail (MB_IS_CHART (self));

  g_free (self->unit);
  self->unit = g_strdup (unit);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
mb_chart_get_n_series (MbChart *self)
{
  g_return_val_if_fail (MB_IS_CHART (self), 0);
  return self->series->len;
}

const char *
mb_chart_get_series_label (MbChart *self,
                           guint    index)
{
  g_return_val_if_fail (MB_IS_CHART (self), NULL);
  g_return_val_if_fail (index < self->series->len, NULL);
  return ((Series *) self->series->pdata[index])->label;
}

void
mb_chart_get_series_color (MbChart *self,
                           guint    index,
                           GdkRGBA *color)
{
  g_return_if_fail (MB_IS_CHART (self));
  series_color (self, index, color);
}

gboolean
mb_chart_get_series_visible (MbChart *self,
                             guint    index)
{
  g_return_val_if_fail (MB_IS_CHART (self), FALSE);
  g_return_val_if_fail (index < self->series->len, FALSE);
  return ((Series *) self->series->pdata[index])->visible;
}

void
mb_chart_set_series_visible (MbChart  *self,
                             guint     index,
                             gboolean  visible)
{
  Series *series;

  g_return_if_fail (MB_IS_CHART (self));
  g_return_if_fail (index < self->series->len);

  series = self->series->pdata[index];
  if (series->visible == !!visible)
    return;
  series->visible = !!visible;
  self->hover_series = -1;
  self->hover_point = -1;
  invalidate_scene (self);
}

gboolean
mb_chart_get_hover (MbChart *self,
                    guint   *series,
                    guint   *point)
{
  g_return_val_if_fail (MB_IS_CHART (self), FALSE);

  if (self->hover_series < 0)
    return FALSE;
  if (series)
    *series = self->hover_series;
  if (point)
    *point = self->hover_point;
  return TRUE;
}
