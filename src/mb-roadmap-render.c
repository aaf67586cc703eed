/* mb-roadmap-render.c – drawing a roadmap (färdplan) with cairo and pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows of items grouped under their priority, a time line of years with a
 * line for today, each item a bar from its first to its last day. A status
 * is told by a symbol and a word beside the title as well as by the bar's
 * colour, so the roadmap reads in grey print and for those who do not see
 * colours apart.
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "mb-render-file.h"
#include "mb-report-svg.h"
#include "mb-roadmap-render.h"

#define FONT_FAMILY "Cantarell,Inter,Noto Sans,DejaVu Sans,Sans"
#define MARGIN        32.0
#define LABEL_WIDTH  320.0
#define GAP           16.0
#define HEADER       150.0
#define ROW           42.0
#define GROUP_ROW     34.0
#define BAR_HEIGHT    14.0
#define TRAILING      48.0
#define LEGEND_SIZE   12.0
/* The heading wraps at this width, up to three lines: a window beside the
 * details panel still shows it whole, not cut where the view ends. */
#define HEADING_WIDTH 600.0
#define HEADING_LINES 3
#define HEADING_SIZE  20.0

static const struct
{
  const char *symbol;
  const char *label;
} statuses[] = {
  [MB_PLAN_STATUS_NONE] = { "\u2022", N_("No status") },
  [MB_PLAN_STATUS_PLANNED] = { "\u25cb", N_("Planned") },
  [MB_PLAN_STATUS_ONGOING] = { "\u25b6", N_("Ongoing") },
  [MB_PLAN_STATUS_DONE] = { "\u2713", N_("Done") },
  [MB_PLAN_STATUS_PAUSED] = { "\u2016", N_("Paused") },
};

const char *
mb_roadmap_status_symbol (MbPlanStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (statuses), "");
  return statuses[status].symbol;
}

const char *
mb_roadmap_status_label (MbPlanStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (statuses), "");
  return _(statuses[status].label);
}

static double
pixels_per_year (double years)
{
  if (years <= 4)
    return 240.0;
  if (years <= 10)
    return 120.0;
  return 64.0;
}

/* The heading's text, font and wrapping, in @layout; at most @lines lines,
 * the last cut with an ellipsis. */
static void
set_heading (PangoLayout     *layout,
             const MbRoadmap *roadmap,
             double           width,
             int              lines)
{
  g_autofree char *heading = g_strdup_printf (_("Roadmap: %s"), roadmap->strategy_title);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (font, HEADING_SIZE * PANGO_SCALE);
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, heading, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -lines);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
}

void
mb_roadmap_layout (const MbRoadmap *roadmap,
                   MbRoadmapLayout *layout)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  g_autoptr(PangoLayout) heading = pango_layout_new (context);
  PangoRectangle logical;
  double rows = 0;

  layout->days = MAX (1, g_date_days_between (&roadmap->first_day, &roadmap->last_day) + 1);
  layout->line_x = MARGIN + LABEL_WIDTH + GAP;
  layout->line_width = pixels_per_year (layout->days / 365.25) * layout->days / 365.25;
  layout->row_height = ROW;
  for (guint g = 0; g < roadmap->groups->len; g++)
    {
      const MbRoadmapGroup *group = roadmap->groups->pdata[g];

      rows += GROUP_ROW + group->items->len * ROW;
    }
  layout->width = layout->line_x + layout->line_width + TRAILING + MARGIN;

  /* The header grows by the heading's lines past its first. */
  layout->heading_width = MIN (HEADING_WIDTH, layout->width - 2 * MARGIN);
  set_heading (heading, roadmap, layout->heading_width, HEADING_LINES);
  pango_layout_get_pixel_extents (heading, NULL, &logical);
  layout->heading_lines = MAX (1, pango_layout_get_line_count (heading));
  g_object_unref (context);
  layout->header_height = HEADER + logical.height * (layout->heading_lines - 1.0)
                                   / layout->heading_lines;
  layout->height = layout->header_height + MAX (rows, ROW) + MARGIN;
}

double
mb_roadmap_layout_date_x (const MbRoadmapLayout *layout,
                          const MbRoadmap       *roadmap,
                          const GDate           *date)
{
  double day = g_date_days_between (&roadmap->first_day, date);

  return layout->line_x + layout->line_width * day / layout->days;
}

static void
set_color (cairo_t             *cr,
           const MbCanvasColor *c,
           double               alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

/* Draws @text at (@x, @y), cut with an ellipsis at @width (0: no limit);
 * returns its width. */
static double
draw_text (cairo_t             *cr,
           const char          *text,
           double               size,
           PangoWeight          weight,
           double               x,
           double               y,
           double               width,
           const MbCanvasColor *color)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);
  PangoRectangle logical;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  set_color (cr, color, 1.0);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  return logical.width;
}

static const MbCanvasColor *
status_color (MbPlanStatus           status,
              const MbCanvasPalette *p,
              double                *alpha)
{
  *alpha = 1.0;
  switch (status)
    {
    case MB_PLAN_STATUS_PLANNED:
      *alpha = 0.45;
      return &p->accent;
    case MB_PLAN_STATUS_ONGOING:
      return &p->accent;
    case MB_PLAN_STATUS_DONE:
      return &p->success;
    case MB_PLAN_STATUS_PAUSED:
      return &p->dim;
    case MB_PLAN_STATUS_NONE:
    default:
      *alpha = 0.6;
      return &p->dim;
    }
}

static void
draw_header (cairo_t               *cr,
             const MbRoadmap       *roadmap,
             const MbRoadmapLayout *layout,
             const MbCanvasPalette *p)
{
  MbPeriodLanguage language = mb_period_language_for_ui ();
  MbPeriod today = { MB_PERIOD_DAY, (guint16) g_date_get_year (&roadmap->today),
                     (guint8) g_date_get_month (&roadmap->today),
                     (guint8) g_date_get_day (&roadmap->today) };
  g_autoptr(PangoLayout) heading = pango_cairo_create_layout (cr);
  g_autofree char *day = mb_period_format (&today, language);
  g_autofree char *items = NULL;
  g_autofree char *summary = NULL;
  /* What the heading's lines past the first moved down. */
  double below = layout->header_height - HEADER;
  double x = MARGIN;

  /* No more lines than the layout made room for. */
  set_heading (heading, roadmap, layout->heading_width, layout->heading_lines);
  set_color (cr, &p->foreground, 1.0);
  cairo_move_to (cr, MARGIN, 20);
  pango_cairo_show_layout (cr, heading);
  items = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item on the line",
                                        "%u items on the line", roadmap->n_items),
                           roadmap->n_items);
  if (roadmap->n_overdue > 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u of them overdue; today is %s",
                                            "%s, %u of them overdue; today is %s",
                                            roadmap->n_overdue),
                               items, roadmap->n_overdue, day);
  else
    summary = g_strdup_printf (_("%s; today is %s"), items, day);
  draw_text (cr, summary, 13, PANGO_WEIGHT_NORMAL, MARGIN, 52 + below,
             layout->width - 2 * MARGIN, &p->dim);

  /* The legend: every status, and what marks an overdue item. */
  for (guint s = MB_PLAN_STATUS_PLANNED; s < G_N_ELEMENTS (statuses); s++)
    {
      double alpha;
      const MbCanvasColor *c = status_color (s, p, &alpha);
      g_autofree char *label = g_strdup_printf ("%s %s", statuses[s].symbol,
                                                _(statuses[s].label));

      set_color (cr, c, alpha);
      mb_canvas_render_rounded_rect (cr, x, 86 + below, 22, 10, 4);
      cairo_fill (cr);
      x += 28 + draw_text (cr, label, LEGEND_SIZE, PANGO_WEIGHT_NORMAL, x + 28, 80 + below, 0,
                           &p->foreground) + 22;
    }
  {
    g_autofree char *overdue = g_strdup_printf ("! %s", _("Overdue"));

    set_color (cr, &p->warning, 1.0);
    cairo_set_line_width (cr, 2.0);
    mb_canvas_render_rounded_rect (cr, x, 86 + below, 22, 10, 4);
    cairo_stroke (cr);
    draw_text (cr, overdue, LEGEND_SIZE, PANGO_WEIGHT_BOLD, x + 28, 80 + below, 0,
               &p->foreground);
  }
}

static void
draw_years (cairo_t               *cr,
            const MbRoadmap       *roadmap,
            const MbRoadmapLayout *layout,
            const MbCanvasPalette *p)
{
  int first = g_date_get_year (&roadmap->first_day);
  int last = g_date_get_year (&roadmap->last_day);
  double per_year = layout->line_width / (layout->days / 365.25);
  int step = per_year >= 60 ? 1 : per_year >= 24 ? 5 : 10;

  cairo_set_line_width (cr, 1.0);
  for (int year = first; year <= last + 1; year++)
    {
      GDate jan1;
      double x;

      g_date_clear (&jan1, 1);
      g_date_set_dmy (&jan1, 1, G_DATE_JANUARY, (GDateYear) year);
      if (g_date_compare (&jan1, &roadmap->first_day) < 0 ||
          g_date_days_between (&roadmap->first_day, &jan1) > layout->days)
        continue;
      x = mb_roadmap_layout_date_x (layout, roadmap, &jan1);
      set_color (cr, &p->tree_edge, year % step == 0 ? 1.0 : 0.4);
      cairo_move_to (cr, floor (x) + 0.5, layout->header_height - 14);
      cairo_line_to (cr, floor (x) + 0.5, layout->height - MARGIN);
      cairo_stroke (cr);
      if (year % step == 0)
        {
          g_autofree char *label = g_strdup_printf ("%d", year);

          draw_text (cr, label, 12, PANGO_WEIGHT_BOLD, x + 4, layout->header_height - 34, 0,
                     &p->dim);
        }
    }
}

static void
draw_today (cairo_t               *cr,
            const MbRoadmap       *roadmap,
            const MbRoadmapLayout *layout,
            const MbCanvasPalette *p)
{
  double x;
  const double dash[] = { 4.0, 3.0 };

  if (g_date_compare (&roadmap->today, &roadmap->first_day) < 0 ||
      g_date_compare (&roadmap->today, &roadmap->last_day) > 0)
    return;
  x = mb_roadmap_layout_date_x (layout, roadmap, &roadmap->today);
  set_color (cr, &p->accent_text, 1.0);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_move_to (cr, x, layout->header_height - 14);
  cairo_line_to (cr, x, layout->height - MARGIN);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  draw_text (cr, _("Today"), 11, PANGO_WEIGHT_BOLD, x + 4, layout->header_height - 16, 0,
             &p->accent_text);
}

static void
draw_item (cairo_t               *cr,
           const MbRoadmap       *roadmap,
           const MbRoadmapItem   *item,
           const MbRoadmapLayout *layout,
           const MbCanvasPalette *p,
           double                 y)
{
  MbPeriodLanguage language = mb_period_language_for_ui ();
  g_autofree char *title = item->code && *item->code
                             ? g_strdup_printf ("%s %s", item->code, item->title)
                             : g_strdup (item->title);
  MbTimePlan when = item->plan;
  g_autofree char *plan = NULL;
  g_autofree char *line = NULL;
  double x0 = mb_roadmap_layout_date_x (layout, roadmap, &item->first_day);
  double x1 = mb_roadmap_layout_date_x (layout, roadmap, &item->last_day);
  double bar_y = y + (ROW - BAR_HEIGHT) / 2.0;
  double alpha, shown;
  const MbCanvasColor *color = status_color (item->plan.status, p, &alpha);

  /* The words: the title, then the status, the plan's periods as people
   * write them (the status is said once), and whether it is overdue. */
  when.status = MB_PLAN_STATUS_NONE;
  plan = mb_time_plan_format (&when, language);
  draw_text (cr, title, 13, PANGO_WEIGHT_NORMAL, MARGIN + 12, y + 4, LABEL_WIDTH - 12,
             &p->foreground);
  line = g_strdup_printf ("%s %s \u00b7 %s", statuses[item->plan.status].symbol,
                          _(statuses[item->plan.status].label), plan);
  shown = draw_text (cr, line, 11, PANGO_WEIGHT_NORMAL, MARGIN + 12, y + 22, LABEL_WIDTH - 12,
                     &p->dim);
  if (item->overdue)
    {
      g_autofree char *overdue = g_strdup_printf ("! %s", _("Overdue"));

      draw_text (cr, overdue, 11, PANGO_WEIGHT_BOLD, MARGIN + 12 + shown + 8, y + 22, 0,
                 &p->warning);
    }

  /* The bar: at least a few units wide, so that a day shows. */
  x1 = MAX (x1, x0 + 6.0);
  if (item->open_end)
    {
      cairo_pattern_t *fade = cairo_pattern_create_linear (x0, 0, x1, 0);

      cairo_pattern_add_color_stop_rgba (fade, 0, color->r, color->g, color->b, alpha);
      cairo_pattern_add_color_stop_rgba (fade, 1, color->r, color->g, color->b, alpha * 0.1);
      cairo_set_source (cr, fade);
      mb_canvas_render_rounded_rect (cr, x0, bar_y, x1 - x0, BAR_HEIGHT, 4);
      cairo_fill (cr);
      cairo_pattern_destroy (fade);
    }
  else
    {
      set_color (cr, color, alpha);
      mb_canvas_render_rounded_rect (cr, x0, bar_y, x1 - x0, BAR_HEIGHT, 4);
      cairo_fill (cr);
    }
  if (item->overdue)
    {
      set_color (cr, &p->warning, 1.0);
      cairo_set_line_width (cr, 2.0);
      mb_canvas_render_rounded_rect (cr, x0, bar_y, x1 - x0, BAR_HEIGHT, 4);
      cairo_stroke (cr);
      draw_text (cr, "!", 13, PANGO_WEIGHT_BOLD, x1 + 5, bar_y - 2, 0, &p->warning);
    }
}

void
mb_roadmap_render (cairo_t               *cr,
                   const MbRoadmap       *roadmap,
                   const MbRoadmapLayout *layout,
                   const MbCanvasPalette *p)
{
  double y = layout->header_height;

  set_color (cr, &p->background, 1.0);
  cairo_paint (cr);
  draw_header (cr, roadmap, layout, p);
  draw_years (cr, roadmap, layout, p);
  draw_today (cr, roadmap, layout, p);

  for (guint g = 0; g < roadmap->groups->len; g++)
    {
      const MbRoadmapGroup *group = roadmap->groups->pdata[g];

      set_color (cr, &p->band, 2.0);
      cairo_rectangle (cr, MARGIN, y + 4, layout->width - 2 * MARGIN, GROUP_ROW - 6);
      cairo_fill (cr);
      draw_text (cr, group->title, 14, PANGO_WEIGHT_BOLD, MARGIN + 4, y + 9,
                 layout->width - 2 * MARGIN - 8, &p->foreground);
      y += GROUP_ROW;
      for (guint i = 0; i < group->items->len; i++, y += ROW)
        draw_item (cr, roadmap, group->items->pdata[i], layout, p, y);
    }
  if (roadmap->n_items == 0)
    draw_text (cr, _("No item of this strategy has a time plan yet"), 13, PANGO_WEIGHT_NORMAL,
               MARGIN, y + 10, LABEL_WIDTH * 2, &p->dim);
}

typedef struct
{
  const MbRoadmap *roadmap;
  MbRoadmapLayout  layout;
  MbCanvasPalette  palette;
} Page;

static void
render_page_cb (cairo_t  *cr,
                gpointer  user_data)
{
  Page *page = user_data;

  mb_roadmap_render (cr, page->roadmap, &page->layout, &page->palette);
}

/* cairo writes text as glyph outlines: a title and a transparent text layer
 * make the SVG searchable and readable by screen readers. */
static void
add_svg_text_cb (GString  *svg,
                 gpointer  user_data)
{
  Page *page = user_data;
  g_autoptr(GString) layer = g_string_new (NULL);
  const char *end = g_strrstr (svg->str, "</svg>");
  double y = page->layout.header_height;

  g_string_append (layer, "<g id=\"malbild-text\" fill-opacity=\"0\""
                   " font-size=\"13\" font-family=\"sans-serif\">\n");
  for (guint g = 0; g < page->roadmap->groups->len; g++)
    {
      const MbRoadmapGroup *group = page->roadmap->groups->pdata[g];
      g_autofree char *name = g_markup_escape_text (group->title, -1);

      g_string_append_printf (layer, "<text x=\"%g\" y=\"%g\">%s</text>\n", MARGIN + 4,
                              y + 24, name);
      y += GROUP_ROW;
      for (guint i = 0; i < group->items->len; i++, y += ROW)
        {
          const MbRoadmapItem *item = group->items->pdata[i];
          g_autofree char *plan = mb_time_plan_format (&item->plan,
                                                       mb_period_language_for_ui ());
          g_autofree char *text = g_strdup_printf ("%s: %s%s%s", item->title, plan,
                                                   item->overdue ? "; " : "",
                                                   item->overdue ? _("Overdue") : "");
          g_autofree char *escaped = g_markup_escape_text (text, -1);

          g_string_append_printf (layer, "<text x=\"%g\" y=\"%g\">%s</text>\n", MARGIN + 12,
                                  y + 18, escaped);
        }
    }
  g_string_append (layer, "</g>\n");
  if (end != NULL)
    g_string_insert (svg, end - svg->str, layer->str);
  mb_report_svg_add_title (svg, page->roadmap->strategy_title, NULL);
}

gboolean
mb_roadmap_render_write (const MbRoadmap  *roadmap,
                         const char       *path,
                         gboolean          dark,
                         GError          **error)
{
  Page page = { 0 };

  page.roadmap = roadmap;
  mb_roadmap_layout (roadmap, &page.layout);
  mb_canvas_palette_init (&page.palette, dark);
  return mb_render_to_file (path, page.layout.width, page.layout.height,
                            roadmap->strategy_title, render_page_cb, add_svg_text_cb, &page,
                            error);
}

gboolean
mb_roadmap_render_to_file (MbStore     *store,
                           const char  *strategy_id,
                           const char  *path,
                           gboolean     dark,
                           GError     **error)
{
  g_autoptr(MbRoadmap) roadmap = NULL;

  roadmap = mb_roadmap_query (store, strategy_id, MB_ROADMAP_BY_PARENT, NULL, 0, NULL, NULL,
                              error);
  return roadmap != NULL && mb_roadmap_render_write (roadmap, path, dark, error);
}
