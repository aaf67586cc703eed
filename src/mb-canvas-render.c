/* mb-canvas-render.c – drawing a canvas scene with cairo and pango
 *
 * The widget and the headless export draw with these same functions: the
 * widget records each card and edge into a GSK cairo node once, the export
 * draws onto an SVG, PDF or image surface.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "mb-assessment.h"
#include "mb-canvas-render.h"
#include "mb-follow-up-goals.h"
#include "mb-period.h"
#include "mb-roadmap.h"
#include "mb-render-file.h"
#include "mb-report-svg.h"

#define CARD_RADIUS   MB_CANVAS_CARD_RADIUS
#define CARD_PADDING  MB_CANVAS_CARD_PADDING

/* Text sizes in scene units (px at 100 %, pt on paper): 14 units is 10.5 pt
 * on screen, and 14 pt on A3 at full size, still 7 pt at half size. */
#define TITLE_SIZE  14.0
#define CODE_SIZE   12.0
#define LEVEL_SIZE  11.0
#define BADGE_SIZE  11.0
#define STUB_SIZE   10.5
#define HEADING_SIZE 22.0
#define LEVEL_LABEL_SIZE 12.5

#define FONT_FAMILY "Cantarell,Inter,Noto Sans,DejaVu Sans,Sans"

/* The heading above an exported diagram. */
#define EXPORT_HEADING 56.0

G_DEFINE_QUARK (mb-canvas-render-error-quark, mb_canvas_render_error)

static const MbCanvasColor sdg_colours[17] = {
  { 0.898, 0.141, 0.231, 1 }, { 0.867, 0.651, 0.227, 1 }, { 0.298, 0.624, 0.220, 1 },
  { 0.773, 0.098, 0.176, 1 }, { 1.000, 0.227, 0.129, 1 }, { 0.149, 0.741, 0.886, 1 },
  { 0.988, 0.765, 0.043, 1 }, { 0.635, 0.098, 0.259, 1 }, { 0.992, 0.412, 0.145, 1 },
  { 0.867, 0.075, 0.404, 1 }, { 0.992, 0.616, 0.141, 1 }, { 0.749, 0.545, 0.180, 1 },
  { 0.247, 0.494, 0.267, 1 }, { 0.039, 0.592, 0.851, 1 }, { 0.337, 0.753, 0.169, 1 },
  { 0.000, 0.408, 0.616, 1 }, { 0.098, 0.282, 0.416, 1 },
};

/* One hue per level (libadwaita's blue, green, yellow, orange, purple,
 * brown, red), for the strip on top of a card: rows read apart at a glance. */
static const MbCanvasColor level_colours_light[] = {
  { 0.208, 0.518, 0.894, 1 }, { 0.180, 0.761, 0.494, 1 }, { 0.898, 0.647, 0.039, 1 },
  { 1.000, 0.471, 0.000, 1 }, { 0.569, 0.255, 0.675, 1 }, { 0.596, 0.416, 0.267, 1 },
  { 0.878, 0.106, 0.141, 1 },
};
static const MbCanvasColor level_colours_dark[] = {
  { 0.384, 0.627, 0.918, 1 }, { 0.341, 0.890, 0.537, 1 }, { 0.965, 0.827, 0.176, 1 },
  { 1.000, 0.639, 0.282, 1 }, { 0.753, 0.380, 0.796, 1 }, { 0.710, 0.514, 0.353, 1 },
  { 0.965, 0.380, 0.318, 1 },
};

static void
color (MbCanvasColor *c,
       double         r,
       double         g,
       double         b,
       double         a)
{
  *c = (MbCanvasColor) { r, g, b, a };
}

void
mb_canvas_palette_init (MbCanvasPalette *p,
                        gboolean         dark)
{
  memset (p, 0, sizeof *p);
  p->dark = dark;

  if (dark)
    {
      color (&p->background, 0x1e / 255.0, 0x1e / 255.0, 0x1e / 255.0, 1);
      color (&p->band, 1, 1, 1, 0.025);
      color (&p->card, 0x30 / 255.0, 0x30 / 255.0, 0x30 / 255.0, 1);
      color (&p->card_border, 1, 1, 1, 0.10);
      color (&p->shadow, 0, 0, 0, 0.36);
      color (&p->foreground, 1, 1, 1, 1);
      color (&p->dim, 1, 1, 1, 0.60);
      color (&p->accent, 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0, 1);
      color (&p->accent_text, 0x78 / 255.0, 0xae / 255.0, 0xed / 255.0, 1);
      color (&p->edge, 1, 1, 1, 0.55);
      color (&p->tree_edge, 1, 1, 1, 0.22);
      color (&p->conflict, 0xff / 255.0, 0x7b / 255.0, 0x63 / 255.0, 1);
      color (&p->success, 0x8f / 255.0, 0xf0 / 255.0, 0xa4 / 255.0, 1);
      color (&p->warning, 0xf8 / 255.0, 0xe4 / 255.0, 0x5c / 255.0, 1);
      color (&p->stub, 0x78 / 255.0, 0xae / 255.0, 0xed / 255.0, 0.18);
      color (&p->moved, 0xdc / 255.0, 0x8a / 255.0, 0xdd / 255.0, 1);
    }
  else
    {
      color (&p->background, 0xfa / 255.0, 0xfa / 255.0, 0xfa / 255.0, 1);
      color (&p->band, 0, 0, 0, 0.025);
      color (&p->card, 1, 1, 1, 1);
      color (&p->card_border, 0, 0, 0, 0.11);
      color (&p->shadow, 0, 0, 0, 0.07);
      color (&p->foreground, 0, 0, 0, 0.8);
      color (&p->dim, 0, 0, 0, 0.55);
      color (&p->accent, 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0, 1);
      color (&p->accent_text, 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0, 1);
      color (&p->edge, 0, 0, 0, 0.50);
      color (&p->tree_edge, 0, 0, 0, 0.20);
      color (&p->conflict, 0xe0 / 255.0, 0x1b / 255.0, 0x24 / 255.0, 1);
      color (&p->success, 0x26 / 255.0, 0xa2 / 255.0, 0x69 / 255.0, 1);
      color (&p->warning, 0xcd / 255.0, 0x93 / 255.0, 0x09 / 255.0, 1);
      color (&p->stub, 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0, 0.10);
      color (&p->moved, 0x91 / 255.0, 0x41 / 255.0, 0xac / 255.0, 1);
    }
}

static void
set_color (cairo_t             *cr,
           const MbCanvasColor *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2.0);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

void
mb_canvas_render_rounded_rect (cairo_t *cr,
                               double   x,
                               double   y,
                               double   width,
                               double   height,
                               double   radius)
{
  rounded_rect (cr, x, y, width, height, radius);
}

/* One pango context per thread, with hinting off so that text measures the
 * same at every zoom (the widget scales the recorded cards). */
static void
context_free (gpointer data)
{
  g_object_unref (data);
}

static GPrivate context_key = G_PRIVATE_INIT (context_free);

static PangoLayout *
create_layout (cairo_t    *cr,
               double      size,
               PangoWeight weight)
{
  PangoContext *context = g_private_get (&context_key);
  PangoFontDescription *font;
  PangoLayout *layout;

  if (context == NULL)
    {
      cairo_font_options_t *options = cairo_font_options_create ();

      context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      pango_cairo_context_set_font_options (context, options);
      pango_context_set_round_glyph_positions (context, FALSE);
      cairo_font_options_destroy (options);
      g_private_set (&context_key, context);
    }

  layout = pango_layout_new (context);
  font = pango_font_description_from_string (FONT_FAMILY);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  return layout;
}

static const cairo_user_data_key_t outline_text_key;

void
mb_canvas_render_set_outline_text (cairo_t *cr)
{
  cairo_set_user_data (cr, &outline_text_key, GINT_TO_POINTER (TRUE), NULL);
}

/* Text on a context marked by mb_canvas_render_set_outline_text() is drawn
 * as outlines. The widget records each card once and GTK replays that
 * recording at every zoom: recorded glyphs make cairo (1.16, the cairo
 * renderer) create a scaled font per zoom and size, and its glyph caches
 * then hand out glyphs of a font freed before ("Interv=ntion" after a few
 * zooms and resizes). Outlines are plain paths, exact at every scale. Files
 * keep real text, which readers can select and search. */
static void
show_layout (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y)
{
  cairo_move_to (cr, x, y);
  if (cairo_get_user_data (cr, &outline_text_key) != NULL)
    {
      cairo_new_path (cr);
      cairo_move_to (cr, x, y);
      pango_cairo_layout_path (cr, layout);
      cairo_fill (cr);
    }
  else
    pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
}

/* A single line of text, ellipsized to @width (-1: as wide as it is).
 * Returns its width. */
static double
draw_line (cairo_t             *cr,
           const char          *text,
           double               size,
           PangoWeight          weight,
           double               x,
           double               y,
           double               width,
           PangoAlignment       align,
           const MbCanvasColor *c)
{
  g_autoptr(PangoLayout) layout = create_layout (cr, size, weight);
  int w;

  pango_layout_set_text (layout, text, -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (layout, align);
    }
  set_color (cr, c);
  show_layout (cr, layout, x, y);
  pango_layout_get_size (layout, &w, NULL);
  if (width > 0)
    {
      PangoRectangle ink, logical;

      pango_layout_get_pixel_extents (layout, &ink, &logical);
      return logical.width;
    }
  return (double) w / PANGO_SCALE;
}

static double
text_width (cairo_t     *cr,
            const char  *text,
            double       size,
            PangoWeight  weight)
{
  g_autoptr(PangoLayout) layout = create_layout (cr, size, weight);
  int w;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, NULL);
  return (double) w / PANGO_SCALE;
}

gboolean
mb_canvas_render_band_rect (const MbCanvasScene *scene,
                            guint                label,
                            graphene_rect_t     *band)
{
  const graphene_rect_t *b = &scene->bounds;
  const graphene_rect_t *r = &g_array_index (scene->labels, MbCanvasLevelLabel, label).rect;

  /* Every other level has a faint band behind it. */
  if (label % 2 != 0)
    return FALSE;
  if (scene->data->left_right)
    *band = GRAPHENE_RECT_INIT (r->origin.x - 12.0, b->origin.y, r->size.width + 24.0,
                                b->size.height);
  else
    *band = GRAPHENE_RECT_INIT (b->origin.x, r->origin.y - 40.0, b->size.width,
                                r->size.height + 80.0);
  return TRUE;
}

void
mb_canvas_render_level_label (cairo_t               *cr,
                              const MbCanvasScene   *scene,
                              guint                  index,
                              const MbCanvasPalette *palette)
{
  const MbCanvasLevelLabel *label = &g_array_index (scene->labels, MbCanvasLevelLabel, index);
  const graphene_rect_t *r = &label->rect;

  if (scene->data->left_right)
    draw_line (cr, label->name, LEVEL_LABEL_SIZE, PANGO_WEIGHT_BOLD,
               r->origin.x, r->origin.y + 2.0, r->size.width, PANGO_ALIGN_CENTER,
               &palette->dim);
  else
    {
      g_autoptr(PangoLayout) layout = create_layout (cr, LEVEL_LABEL_SIZE, PANGO_WEIGHT_BOLD);
      int h;

      pango_layout_set_text (layout, label->name, -1);
      pango_layout_set_width (layout, (int) (r->size.width * PANGO_SCALE));
      pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (layout, -2);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_size (layout, NULL, &h);
      set_color (cr, &palette->dim);
      show_layout (cr, layout, r->origin.x,
                   mb_canvas_rect_center_y (r) - (double) h / PANGO_SCALE / 2.0);
    }
}

void
mb_canvas_render_background (cairo_t               *cr,
                             const MbCanvasScene   *scene,
                             const MbCanvasPalette *palette)
{
  const graphene_rect_t *b = &scene->bounds;

  set_color (cr, &palette->background);
  cairo_rectangle (cr, b->origin.x, b->origin.y, b->size.width, b->size.height);
  cairo_fill (cr);

  for (guint i = 0; i < scene->labels->len; i++)
    {
      graphene_rect_t band;

      if (mb_canvas_render_band_rect (scene, i, &band))
        {
          set_color (cr, &palette->band);
          cairo_rectangle (cr, band.origin.x, band.origin.y, band.size.width, band.size.height);
          cairo_fill (cr);
        }
      mb_canvas_render_level_label (cr, scene, i, palette);
    }
}

static void
draw_shadow (cairo_t               *cr,
             const graphene_rect_t *r,
             const MbCanvasPalette *palette)
{
  /* libadwaita's card shadow, approximated by three widening outlines. */
  static const double spread[] = { 3.0, 1.5, 0.5 };

  for (guint i = 0; i < G_N_ELEMENTS (spread); i++)
    {
      cairo_set_source_rgba (cr, palette->shadow.r, palette->shadow.g, palette->shadow.b,
                             palette->shadow.a * (i + 1) / 3.0);
      rounded_rect (cr, r->origin.x - spread[i], r->origin.y - spread[i] + 1.0 + spread[i] / 2,
                    r->size.width + 2 * spread[i], r->size.height + 2 * spread[i],
                    CARD_RADIUS + spread[i]);
      cairo_fill (cr);
    }
}

void
mb_canvas_render_card_shadow (cairo_t               *cr,
                              const graphene_rect_t *rect,
                              const MbCanvasPalette *palette)
{
  cairo_save (cr);
  draw_shadow (cr, rect, palette);
  cairo_restore (cr);
}

static double
draw_badge_dot (cairo_t             *cr,
                double               x,
                double               cy,
                guint                count,
                gboolean             hollow,
                const MbCanvasColor *c,
                const MbCanvasPalette *palette)
{
  g_autofree char *text = g_strdup_printf ("%u", count);

  cairo_new_path (cr);
  cairo_arc (cr, x + 4.5, cy, hollow ? 3.75 : 4.5, 0, 2 * G_PI);
  set_color (cr, c);
  if (hollow)
    {
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
  else
    cairo_fill (cr);
  return 12.0 + draw_line (cr, text, BADGE_SIZE, PANGO_WEIGHT_NORMAL, x + 12.0,
                           cy - BADGE_SIZE * 0.62, -1, PANGO_ALIGN_LEFT, &palette->dim) + 8.0;
}

static const char *
status_label (const char *status)
{
  static const struct { const char *value; const char *label; } labels[] = {
    { "planned", N_("Planned") },
    { "ongoing", N_("Ongoing") },
    { "done", N_("Done") },
    { "paused", N_("Paused") },
  };

  for (guint i = 0; status != NULL && i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].value, status))
      return _(labels[i].label);
  return status;
}

/* A period short enough for a chip: a day as its month ("Mar 2021"), any
 * other precision as people write it ("oktober 2021", "sommaren 2021"). */
static char *
format_period_short (const MbPeriod *period)
{
  if (period->precision == MB_PERIOD_DAY)
    {
      g_autoptr(GDateTime) day = g_date_time_new_local (period->year, period->part,
                                                        period->day, 0, 0, 0);

      return day ? g_date_time_format (day, "%b %Y") : NULL;
    }
  return mb_period_format (period, mb_period_language_for_ui ());
}

/* A time plan as people write it: "2020–2021", "Jun–Oct 2021", "from 2022",
 * "until oktober 2021"; NULL without periods. */
static char *
format_time_plan (const MbTimePlan *plan)
{
  gboolean has_start = plan->start.precision != MB_PERIOD_NONE;
  gboolean has_end = plan->end.precision != MB_PERIOD_NONE;
  g_autofree char *from = has_start ? format_period_short (&plan->start) : NULL;
  g_autofree char *to = has_end ? format_period_short (&plan->end) : NULL;

  /* "I drift 2022" as the plan says it, not an end like any other. */
  if (to != NULL && plan->in_operation)
    {
      /* Translators: the end of a time plan that is when the work is in
       * operation, "in operation 2022"; as the plan is written ("I drift 2022") */
      g_autofree char *operation = g_strdup_printf (_("in operation %s"), to);

      if (from != NULL)
        return g_strdup_printf ("%s – %s", from, operation);
      return g_steal_pointer (&operation);
    }

  if (from != NULL && to != NULL)
    {
      /* Days within years: the years; within one year: the months. */
      if (plan->start.precision == MB_PERIOD_DAY && plan->end.precision == MB_PERIOD_DAY)
        {
          if (plan->start.year != plan->end.year)
            return g_strdup_printf ("%d–%d", plan->start.year, plan->end.year);
          if (plan->start.part == plan->end.part)
            return g_steal_pointer (&to);
          {
            g_autoptr(GDateTime) start = g_date_time_new_local (plan->start.year,
                                                                plan->start.part, 1, 0, 0, 0);
            g_autofree char *month = g_date_time_format (start, "%b");

            return g_strdup_printf ("%s–%s", month, to);
          }
        }
      if (g_str_equal (from, to))
        return g_steal_pointer (&to);
      return g_strdup_printf ("%s–%s", from, to);
    }
  if (from != NULL)
    /* Translators: a time plan with only a start, "from Mar 2022" */
    return g_strdup_printf (_("from %s"), from);
  if (to != NULL)
    /* Translators: a time plan with only an end, "until Dec 2021" */
    return g_strdup_printf (_("until %s"), to);
  return NULL;
}

/* The node's plan from its fields (mb_time_plan_from_fields, the roadmap's
 * and the follow-up's reading), and whether it is overdue: one rule. */
static gboolean
node_time_plan (const MbCanvasNodeRow *row,
                MbTimePlan            *plan)
{
  if (row->status == NULL && row->start_date == NULL && row->end_date == NULL)
    return FALSE;
  return mb_time_plan_from_fields (row->status, row->start_date, row->end_date,
                                   row->in_operation, plan);
}

static gboolean
node_is_overdue (const MbCanvasNodeRow *row)
{
  MbTimePlan plan;
  GDate today;

  if (!node_time_plan (row, &plan))
    return FALSE;
  mb_follow_up_get_today (&today);
  return mb_time_plan_is_overdue (&plan, &today);
}

char *
mb_canvas_render_status_text (const MbCanvasNodeRow *row)
{
  g_autofree char *plan_text = NULL;
  g_autofree char *text = NULL;
  const char *status = status_label (row->status);
  MbTimePlan plan;

  if (!node_time_plan (row, &plan))
    return NULL;
  plan_text = format_time_plan (&plan);
  /* Overdue says more than planned or ongoing, in a card's little room. */
  if (plan_text != NULL && node_is_overdue (row))
    /* Translators: an overdue node's chip, "Overdue · until Oct 2021" */
    return g_strdup_printf (_("Overdue · %s"), plan_text);
  if (status != NULL && plan_text != NULL)
    /* Translators: a node's status and time plan, "Ongoing · 2021–2023" */
    text = g_strdup_printf (_("%s · %s"), status, plan_text);
  else
    text = g_strdup (status != NULL ? status : plan_text);
  return g_steal_pointer (&text);
}

/* A chip with the status and time plan, its dot in the status's colour:
 * the text says it, the colour only helps. Returns the width taken. */
static double
draw_status_chip (cairo_t               *cr,
                  const MbCanvasNodeRow *row,
                  double                 x,
                  double                 cy,
                  double                 max_width,
                  const MbCanvasPalette *palette)
{
  g_autofree char *text = mb_canvas_render_status_text (row);
  const MbCanvasColor *dot = &palette->dim;
  double tw;

  if (text == NULL)
    return 0.0;
  /* Overdue is told by its word first, and the warning colour. */
  if (node_is_overdue (row))
    dot = &palette->warning;
  else if (g_strcmp0 (row->status, "ongoing") == 0)
    dot = &palette->accent;
  else if (g_strcmp0 (row->status, "done") == 0)
    dot = &palette->success;
  else if (g_strcmp0 (row->status, "paused") == 0)
    dot = &palette->warning;

  tw = MIN (text_width (cr, text, BADGE_SIZE, PANGO_WEIGHT_NORMAL), max_width - 26.0);
  rounded_rect (cr, x, cy - 8.5, tw + 26.0, 17.0, 8.5);
  set_color (cr, &palette->band);
  cairo_fill_preserve (cr);
  set_color (cr, &palette->card_border);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
  cairo_new_path (cr);
  cairo_arc (cr, x + 10.0, cy, 3.5, 0, 2 * G_PI);
  set_color (cr, dot);
  if (row->status == NULL)
    {
      cairo_set_line_width (cr, 1.25);
      cairo_stroke (cr);
    }
  else
    cairo_fill (cr);
  draw_line (cr, text, BADGE_SIZE, PANGO_WEIGHT_NORMAL, x + 18.0, cy - BADGE_SIZE * 0.62, tw + 1.0,
             PANGO_ALIGN_LEFT, &palette->foreground);
  return tw + 26.0 + 6.0;
}

void
mb_canvas_render_card (cairo_t               *cr,
                       const MbCanvasScene   *scene,
                       guint                  index,
                       const MbCanvasPalette *palette)
{
  const MbCanvasCard *card = mb_canvas_scene_get_card (scene, index);
  const MbCanvasNodeRow *row = card->row;
  const graphene_rect_t *r = &card->rect;
  const MbCanvasColor *level_colours = palette->dark ? level_colours_dark : level_colours_light;
  const char *level_name = NULL;
  g_autoptr(PangoLayout) title = NULL;
  double x = r->origin.x, y = r->origin.y, w = r->size.width, h = r->size.height;
  double inner = w - 2 * CARD_PADDING;
  double code_width = 0.0, bx, sx, cy;

  cairo_save (cr);

  draw_shadow (cr, r, palette);
  rounded_rect (cr, x, y, w, h, CARD_RADIUS);
  set_color (cr, &palette->card);
  cairo_fill_preserve (cr);

  /* The level's hue as a strip along the top, inside the rounded corners. */
  cairo_save (cr);
  cairo_clip (cr);
  set_color (cr, &level_colours[row->level % G_N_ELEMENTS (level_colours_light)]);
  cairo_rectangle (cr, x, y, w, 4.0);
  cairo_fill (cr);
  cairo_restore (cr);

  rounded_rect (cr, x + 0.5, y + 0.5, w - 1.0, h - 1.0, CARD_RADIUS - 0.5);
  set_color (cr, &palette->card_border);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);

  /* First line: the code, and the level's name on the right. */
  if (row->code != NULL && row->code[0] != '\0')
    code_width = draw_line (cr, row->code, CODE_SIZE, PANGO_WEIGHT_BOLD,
                            x + CARD_PADDING, y + 10.0, inner * 0.45, PANGO_ALIGN_LEFT,
                            &palette->accent_text) + 8.0;
  if (row->level < scene->data->level_names->len)
    level_name = g_ptr_array_index (scene->data->level_names, row->level);
  if (level_name != NULL)
    draw_line (cr, level_name, LEVEL_SIZE, PANGO_WEIGHT_NORMAL,
               x + CARD_PADDING + code_width, y + 11.0, inner - code_width, PANGO_ALIGN_RIGHT,
               &palette->dim);

  /* The title, wrapped on three lines at most (the whole title is the
   * card's tooltip and accessible name). */
  title = create_layout (cr, TITLE_SIZE, PANGO_WEIGHT_SEMIBOLD);
  pango_layout_set_text (title, row->title, -1);
  pango_layout_set_width (title, (int) (inner * PANGO_SCALE));
  pango_layout_set_wrap (title, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (title, -MB_CANVAS_RENDER_TITLE_LINES);
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  set_color (cr, &palette->foreground);
  show_layout (cr, title, x + CARD_PADDING, y + 30.0);

  /* Badges along the bottom: indicators, projects and calls from the left,
   * SDGs from the right, as many as fit. */
  cy = y + h - CARD_PADDING - 7.0;
  bx = x + CARD_PADDING;
  /* The latest follow-up's status: symbol and word, not colour alone. */
  if (row->assessed)
    {
      const MbCanvasColor *status_colours[MB_ASSESSMENT_N_STATUSES] = {
        &palette->success, &palette->accent_text, &palette->warning, &palette->conflict,
        &palette->dim,
      };
      g_autofree char *status = g_strdup_printf ("%s %s",
                                                 mb_assessment_status_get_symbol (row->assessment),
                                                 mb_assessment_status_get_label (row->assessment));

      /* Whole: the word is what says the status; the dots after it make
       * room for it, not the other way round. */
      bx += draw_line (cr, status, BADGE_SIZE, PANGO_WEIGHT_BOLD, bx, cy - BADGE_SIZE * 0.62,
                       inner, PANGO_ALIGN_LEFT, status_colours[row->assessment]) + 8.0;
    }
  /* The time plan's chip in what room is left. */
  if (x + w - CARD_PADDING - bx >= 60.0)
    bx += draw_status_chip (cr, row, bx, cy, x + w - CARD_PADDING - bx, palette);
  /* Each dot only where it fits after the chip. */
  if (row->indicators.on_track > 0 && bx + 30.0 <= x + w - CARD_PADDING)
    bx += draw_badge_dot (cr, bx, cy, row->indicators.on_track, FALSE, &palette->success,
                          palette);
  if (row->indicators.behind > 0 && bx + 30.0 <= x + w - CARD_PADDING)
    bx += draw_badge_dot (cr, bx, cy, row->indicators.behind, FALSE, &palette->warning,
                          palette);
  if (row->indicators.no_data > 0 && bx + 30.0 <= x + w - CARD_PADDING)
    bx += draw_badge_dot (cr, bx, cy, row->indicators.no_data, TRUE, &palette->dim, palette);

  sx = x + w - CARD_PADDING;
  if (row->sdgs != NULL)
    {
      guint n = g_strv_length (row->sdgs);

      for (guint i = n; i > 0; i--)
        {
          int goal = atoi (row->sdgs[i - 1]);
          const MbCanvasColor *c = &sdg_colours[CLAMP (goal, 1, 17) - 1];
          MbCanvasColor white = { 1, 1, 1, 1 };

          if (sx - 16.0 < bx + 40.0)
            break;
          sx -= 16.0;
          rounded_rect (cr, sx, cy - 8.0, 16.0, 16.0, 3.0);
          set_color (cr, c);
          cairo_fill (cr);
          draw_line (cr, row->sdgs[i - 1], 9.0, PANGO_WEIGHT_BOLD, sx, cy - 6.0, 16.0,
                     PANGO_ALIGN_CENTER, &white);
          sx -= 2.0;
        }
    }

  for (guint pass = 0; pass < 2; pass++)
    {
      guint count = pass == 0 ? row->n_projects : row->n_calls;
      g_autofree char *text = NULL;
      double tw;

      if (count == 0)
        continue;
      text = pass == 0
             ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u project", "%u projects", count),
                                count)
             : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u call", "%u calls", count),
                                count);
      tw = text_width (cr, text, BADGE_SIZE, PANGO_WEIGHT_NORMAL);
      if (bx + tw + 12.0 > sx - 4.0)
        break;
      rounded_rect (cr, bx, cy - 8.5, tw + 12.0, 17.0, 8.5);
      set_color (cr, &palette->stub);
      cairo_fill (cr);
      draw_line (cr, text, BADGE_SIZE, PANGO_WEIGHT_NORMAL, bx + 6.0, cy - BADGE_SIZE * 0.62,
                 -1, PANGO_ALIGN_LEFT, &palette->accent_text);
      bx += tw + 18.0;
    }

  if (row->pinned)
    {
      /* A small pin mark in the top-right corner: placed by hand. */
      cairo_arc (cr, x + w - 5.5, y + 9.5, 2.0, 0, 2 * G_PI);
      set_color (cr, &palette->dim);
      cairo_fill (cr);
    }

  cairo_restore (cr);
}

const MbCanvasColor *
mb_canvas_palette_level_color (const MbCanvasPalette *palette,
                               guint                  level)
{
  const MbCanvasColor *level_colours = palette->dark ? level_colours_dark : level_colours_light;

  return &level_colours[level % G_N_ELEMENTS (level_colours_light)];
}

void
mb_canvas_render_card_block (cairo_t               *cr,
                             const MbCanvasScene   *scene,
                             guint                  index,
                             const MbCanvasPalette *palette)
{
  const MbCanvasCard *card = mb_canvas_scene_get_card (scene, index);
  const graphene_rect_t *r = &card->rect;

  cairo_save (cr);
  rounded_rect (cr, r->origin.x, r->origin.y, r->size.width, r->size.height, CARD_RADIUS);
  set_color (cr, &palette->card);
  cairo_fill_preserve (cr);
  set_color (cr, &palette->card_border);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke (cr);
  /* Where the title would be, a bar: the shape of the text without it. */
  set_color (cr, mb_canvas_palette_level_color (palette, card->row->level));
  cairo_rectangle (cr, r->origin.x, r->origin.y, r->size.width, 10.0);
  cairo_fill (cr);
  set_color (cr, &palette->dim);
  cairo_rectangle (cr, r->origin.x + CARD_PADDING, r->origin.y + 34.0,
                   (r->size.width - 2 * CARD_PADDING) * 0.8, 12.0);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
edge_style (cairo_t               *cr,
            MbCanvasEdgeKind       kind,
            const MbCanvasPalette *palette)
{
  static const double dashed[] = { 7.0, 4.0 };
  static const double dotted[] = { 0.1, 4.0 };

  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  switch (kind)
    {
    case MB_CANVAS_EDGE_TREE:
      set_color (cr, &palette->tree_edge);
      cairo_set_line_width (cr, 1.5);
      break;
    case MB_CANVAS_EDGE_CONFLICTS:
      set_color (cr, &palette->conflict);
      cairo_set_line_width (cr, 1.75);
      cairo_set_dash (cr, dashed, G_N_ELEMENTS (dashed), 0);
      break;
    case MB_CANVAS_EDGE_DEPENDS:
      set_color (cr, &palette->edge);
      cairo_set_line_width (cr, 2.25);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_dash (cr, dotted, G_N_ELEMENTS (dotted), 0);
      break;
    case MB_CANVAS_EDGE_CONTRIBUTES:
    default:
      set_color (cr, &palette->edge);
      cairo_set_line_width (cr, 1.75);
      break;
    }
}

/* The arrowhead from @base to @tip: filled for contributes, open for
 * depends; none for tree edges and conflicts (which get a mark instead). */
static void
draw_tip (cairo_t               *cr,
          MbCanvasEdgeKind       kind,
          double                 bx,
          double                 by,
          double                 tx,
          double                 ty,
          const MbCanvasPalette *palette)
{
  double dx = tx - bx, dy = ty - by, len = hypot (dx, dy), ux, uy, wing;

  edge_style (cr, kind, palette);
  cairo_set_dash (cr, NULL, 0, 0);
  if (len < 0.01)
    return;

  if (kind == MB_CANVAS_EDGE_TREE || kind == MB_CANVAS_EDGE_CONFLICTS)
    {
      cairo_move_to (cr, bx, by);
      cairo_line_to (cr, tx, ty);
      cairo_stroke (cr);
      return;
    }

  ux = dx / len;
  uy = dy / len;
  wing = 4.5;
  cairo_move_to (cr, tx, ty);
  cairo_line_to (cr, bx - uy * wing, by + ux * wing);
  if (kind == MB_CANVAS_EDGE_DEPENDS)
    {
      cairo_move_to (cr, tx, ty);
      cairo_line_to (cr, bx + uy * wing, by - ux * wing);
      cairo_set_line_width (cr, 1.75);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_stroke (cr);
      /* The dotted line stops at the base: join it to the open tip. */
      cairo_move_to (cr, bx, by);
      cairo_line_to (cr, tx, ty);
      cairo_stroke (cr);
    }
  else
    {
      cairo_line_to (cr, bx + uy * wing, by - ux * wing);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
}

/* A conflict's mark: a × in a ring, so that it reads without colour. */
static void
draw_conflict_mark (cairo_t               *cr,
                    double                 x,
                    double                 y,
                    const MbCanvasPalette *palette)
{
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_arc (cr, x, y, 7.5, 0, 2 * G_PI);
  set_color (cr, &palette->background);
  cairo_fill_preserve (cr);
  set_color (cr, &palette->conflict);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, x - 3.0, y - 3.0);
  cairo_line_to (cr, x + 3.0, y + 3.0);
  cairo_move_to (cr, x + 3.0, y - 3.0);
  cairo_line_to (cr, x - 3.0, y + 3.0);
  cairo_stroke (cr);
}

static MbLayoutPoint
bezier_point (const MbLayoutPoint *p,
              double               t)
{
  double u = 1.0 - t;

  return (MbLayoutPoint) {
    u * u * u * p[0].x + 3 * u * u * t * p[1].x + 3 * u * t * t * p[2].x + t * t * t * p[3].x,
    u * u * u * p[0].y + 3 * u * u * t * p[1].y + 3 * u * t * t * p[2].y + t * t * t * p[3].y,
  };
}

/* Strokes the current path, but only its parts near @clip: cairo makes
 * every dash of a dotted edge across the whole diagram even when a few are
 * in view. The dash pattern continues across the gaps. */
static void
stroke_near (cairo_t               *cr,
             const graphene_rect_t *clip)
{
  cairo_path_t *path = cairo_copy_path_flat (cr);
  int n_dashes = cairo_get_dash_count (cr);
  g_autofree double *dashes = g_new0 (double, MAX (n_dashes, 1));
  graphene_rect_t near = *clip;
  double length = 0.0, px = 0.0, py = 0.0;
  gboolean open = FALSE;

  cairo_get_dash (cr, dashes, NULL);
  graphene_rect_inset (&near, -8.0, -8.0);
  cairo_new_path (cr);

  for (int i = 0; i < path->num_data; i += path->data[i].header.length)
    {
      cairo_path_data_t *data = &path->data[i];
      double x, y;
      graphene_rect_t segment;

      switch (data->header.type)
        {
        case CAIRO_PATH_MOVE_TO:
          if (open)
            cairo_stroke (cr);
          open = FALSE;
          px = data[1].point.x;
          py = data[1].point.y;
          break;

        case CAIRO_PATH_LINE_TO:
          x = data[1].point.x;
          y = data[1].point.y;
          segment = GRAPHENE_RECT_INIT (MIN (px, x), MIN (py, y), fabs (x - px) + 0.01,
                                        fabs (y - py) + 0.01);
          if (graphene_rect_intersection (&segment, &near, NULL))
            {
              if (!open)
                {
                  if (n_dashes > 0)
                    cairo_set_dash (cr, dashes, n_dashes, length);
                  cairo_move_to (cr, px, py);
                  open = TRUE;
                }
              cairo_line_to (cr, x, y);
            }
          else if (open)
            {
              cairo_stroke (cr);
              open = FALSE;
            }
          length += hypot (x - px, y - py);
          px = x;
          py = y;
          break;

        case CAIRO_PATH_CURVE_TO:
        case CAIRO_PATH_CLOSE_PATH:
        default:
          break;
        }
    }
  if (open)
    cairo_stroke (cr);
  cairo_path_destroy (path);
}

void
mb_canvas_render_edge_near (cairo_t               *cr,
                            const MbCanvasScene   *scene,
                            guint                  index,
                            const MbCanvasPalette *palette,
                            const graphene_rect_t *clip)
{
  const MbCanvasEdge *edge = &g_array_index (scene->edges, MbCanvasEdge, index);
  const MbLayoutPoint *p = edge->points;
  guint n = edge->n_points;

  if (p == NULL)
    return;

  cairo_save (cr);
  edge_style (cr, edge->kind, palette);
  cairo_move_to (cr, p[0].x, p[0].y);
  for (guint i = 1; i + 2 < n; i += 3)
    cairo_curve_to (cr, p[i].x, p[i].y, p[i + 1].x, p[i + 1].y, p[i + 2].x, p[i + 2].y);
  if (clip != NULL)
    stroke_near (cr, clip);
  else
    cairo_stroke (cr);

  if (edge->has_tip)
    draw_tip (cr, edge->kind, p[n - 1].x, p[n - 1].y, edge->tip.x, edge->tip.y, palette);

  if (edge->kind == MB_CANVAS_EDGE_CONFLICTS)
    {
      guint segments = (n - 1) / 3;
      MbLayoutPoint mid = bezier_point (&p[3 * (segments / 2)], segments % 2 ? 0.5 : 0.0);

      draw_conflict_mark (cr, mid.x, mid.y, palette);
    }
  cairo_restore (cr);
}

void
mb_canvas_render_edge (cairo_t               *cr,
                       const MbCanvasScene   *scene,
                       guint                  index,
                       const MbCanvasPalette *palette)
{
  mb_canvas_render_edge_near (cr, scene, index, palette, NULL);
}

/* A Bézier from (x0, y0) to (x1, y1) that bends along the layout's direction. */
static void
loose_points (const MbCanvasScene *scene,
              double               x0,
              double               y0,
              double               x1,
              double               y1,
              MbLayoutPoint        p[4])
{
  double bend;

  if (scene->data->left_right)
    {
      bend = MAX (fabs (x1 - x0) / 2.0, 24.0) * (x1 >= x0 ? 1 : -1);
      p[1] = (MbLayoutPoint) { x0 + bend, y0 };
      p[2] = (MbLayoutPoint) { x1 - bend, y1 };
    }
  else
    {
      bend = MAX (fabs (y1 - y0) / 2.0, 24.0) * (y1 >= y0 ? 1 : -1);
      p[1] = (MbLayoutPoint) { x0, y0 + bend };
      p[2] = (MbLayoutPoint) { x1, y1 - bend };
    }
  p[0] = (MbLayoutPoint) { x0, y0 };
  p[3] = (MbLayoutPoint) { x1, y1 };
}

void
mb_canvas_render_loose_edge (cairo_t               *cr,
                             const MbCanvasScene   *scene,
                             MbCanvasEdgeKind       kind,
                             double                 x0,
                             double                 y0,
                             double                 x1,
                             double                 y1,
                             const MbCanvasPalette *palette)
{
  MbLayoutPoint p[4];
  double len, ux, uy;
  gboolean arrow = kind == MB_CANVAS_EDGE_CONTRIBUTES || kind == MB_CANVAS_EDGE_DEPENDS;

  loose_points (scene, x0, y0, x1, y1, p);
  cairo_save (cr);
  edge_style (cr, kind, palette);
  cairo_move_to (cr, p[0].x, p[0].y);
  if (arrow)
    {
      /* Stop short of the end by the arrowhead's length. */
      len = MAX (hypot (p[3].x - p[2].x, p[3].y - p[2].y), 0.01);
      ux = (p[3].x - p[2].x) / len;
      uy = (p[3].y - p[2].y) / len;
      cairo_curve_to (cr, p[1].x, p[1].y, p[2].x, p[2].y, x1 - ux * 10.0, y1 - uy * 10.0);
      cairo_stroke (cr);
      draw_tip (cr, kind, x1 - ux * 10.0, y1 - uy * 10.0, x1, y1, palette);
    }
  else
    {
      cairo_curve_to (cr, p[1].x, p[1].y, p[2].x, p[2].y, x1, y1);
      cairo_stroke (cr);
    }
  if (kind == MB_CANVAS_EDGE_CONFLICTS)
    {
      MbLayoutPoint mid = bezier_point (p, 0.5);

      draw_conflict_mark (cr, mid.x, mid.y, palette);
    }
  cairo_restore (cr);
}

/* The tab's shape, filled and outlined; its kind. Leaves @cr's colour and
 * line width changed: the caller saves and restores it. */
static MbCanvasEdgeKind
stub_tab (cairo_t               *cr,
          const MbCanvasScene   *scene,
          guint                  index,
          const MbCanvasPalette *palette)
{
  const MbCanvasStub *stub = &g_array_index (scene->stubs, MbCanvasStub, index);
  const graphene_rect_t *r = &stub->rect;
  MbCanvasEdgeKind kind = mb_canvas_edge_kind_from_string (stub->row->kind);

  if (stub->row->outgoing)
    {
      /* A tab hanging from the card's bottom edge: square top, round bottom. */
      cairo_move_to (cr, r->origin.x, r->origin.y);
      cairo_line_to (cr, r->origin.x + r->size.width, r->origin.y);
      cairo_arc (cr, r->origin.x + r->size.width - 5.0, r->origin.y + r->size.height - 5.0, 5.0,
                 0, G_PI / 2);
      cairo_arc (cr, r->origin.x + 5.0, r->origin.y + r->size.height - 5.0, 5.0,
                 G_PI / 2, G_PI);
    }
  else
    {
      cairo_move_to (cr, r->origin.x, r->origin.y + r->size.height);
      cairo_arc (cr, r->origin.x + 5.0, r->origin.y + 5.0, 5.0, G_PI, 3 * G_PI / 2);
      cairo_arc (cr, r->origin.x + r->size.width - 5.0, r->origin.y + 5.0, 5.0,
                 3 * G_PI / 2, 2 * G_PI);
      cairo_line_to (cr, r->origin.x + r->size.width, r->origin.y + r->size.height);
    }
  cairo_close_path (cr);
  set_color (cr, &palette->card);
  cairo_fill_preserve (cr);
  set_color (cr, kind == MB_CANVAS_EDGE_CONFLICTS ? &palette->conflict : &palette->stub);
  cairo_fill_preserve (cr);
  set_color (cr, &palette->card_border);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);

  return kind;
}

void
mb_canvas_render_stub (cairo_t               *cr,
                       const MbCanvasScene   *scene,
                       guint                  index,
                       const MbCanvasPalette *palette)
{
  const MbCanvasStub *stub = &g_array_index (scene->stubs, MbCanvasStub, index);
  const graphene_rect_t *r = &stub->rect;
  MbCanvasEdgeKind kind = mb_canvas_edge_kind_from_string (stub->row->kind);
  g_autofree char *text = NULL;
  const char *glyph;

  switch (kind)
    {
    case MB_CANVAS_EDGE_CONFLICTS: glyph = "×"; break;
    case MB_CANVAS_EDGE_DEPENDS:   glyph = stub->row->outgoing ? "⇢" : "⇠"; break;
    case MB_CANVAS_EDGE_TREE:
    case MB_CANVAS_EDGE_CONTRIBUTES:
    default:                       glyph = stub->row->outgoing ? "→" : "←"; break;
    }
  if (stub->count > 1)
    text = g_strdup_printf ("%s %s · %u", glyph, stub->row->other_strategy_name, stub->count);
  else
    text = g_strdup_printf ("%s %s", glyph, stub->row->other_strategy_name);

  cairo_save (cr);
  stub_tab (cr, scene, index, palette);
  draw_line (cr, text, STUB_SIZE, PANGO_WEIGHT_BOLD, r->origin.x + 6.0, r->origin.y + 2.5,
             r->size.width - 12.0, PANGO_ALIGN_CENTER,
             kind == MB_CANVAS_EDGE_CONFLICTS ? &(MbCanvasColor) { 1, 1, 1, 1 }
                                             : &palette->accent_text);
  cairo_restore (cr);
}

/* As mb_canvas_render_stub(), with a bar where the text would be: for the
 * overview, where text is too small to read and the costly part. */
void
mb_canvas_render_stub_block (cairo_t               *cr,
                             const MbCanvasScene   *scene,
                             guint                  index,
                             const MbCanvasPalette *palette)
{
  const graphene_rect_t *r = &g_array_index (scene->stubs, MbCanvasStub, index).rect;

  cairo_save (cr);
  if (stub_tab (cr, scene, index, palette) == MB_CANVAS_EDGE_CONFLICTS)
    set_color (cr, &(MbCanvasColor) { 1, 1, 1, 1 });
  else
    set_color (cr, &palette->accent_text);
  cairo_rectangle (cr, r->origin.x + r->size.width * 0.2,
                   r->origin.y + r->size.height / 2.0 - 2.0, r->size.width * 0.6, 4.0);
  cairo_fill (cr);
  cairo_restore (cr);
}

void
mb_canvas_render_card_ring (cairo_t               *cr,
                            const graphene_rect_t *rect,
                            double                 width,
                            const MbCanvasColor   *c)
{
  double inset = -width / 2.0 - 1.0;

  cairo_save (cr);
  rounded_rect (cr, rect->origin.x + inset, rect->origin.y + inset,
                rect->size.width - 2 * inset, rect->size.height - 2 * inset,
                CARD_RADIUS - inset);
  set_color (cr, c);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Changes between revisions */

const MbCanvasColor *
mb_canvas_palette_change_color (const MbCanvasPalette *palette,
                                MbChangeKind           kind)
{
  switch (kind)
    {
    case MB_CHANGE_ADDED: return &palette->success;
    case MB_CHANGE_REMOVED: return &palette->conflict;
    case MB_CHANGE_CHANGED: return &palette->warning;
    case MB_CHANGE_MOVED:
    default: return &palette->moved;
    }
}

/* A pill in the change's colour with @text on it, its right end at @right
 * and its middle at @cy; the text is the card's or the view's colour, which
 * reads on every change colour of the palette. */
static void
draw_change_pill (cairo_t               *cr,
                  const char            *text,
                  double                 right,
                  double                 cy,
                  MbChangeKind           kind,
                  const MbCanvasPalette *palette)
{
  double tw = text_width (cr, text, BADGE_SIZE, PANGO_WEIGHT_BOLD);
  double w = tw + 14.0, x = right - w;

  rounded_rect (cr, x, cy - 9.0, w, 18.0, 9.0);
  set_color (cr, mb_canvas_palette_change_color (palette, kind));
  cairo_fill_preserve (cr);
  set_color (cr, &palette->background);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  draw_line (cr, text, BADGE_SIZE, PANGO_WEIGHT_BOLD, x + 7.0, cy - BADGE_SIZE * 0.64, -1,
             PANGO_ALIGN_LEFT, palette->dark ? &(MbCanvasColor) { 0, 0, 0, 0.87 }
                                             : &palette->card);
}

void
mb_canvas_render_change_mark (cairo_t               *cr,
                              const graphene_rect_t *rect,
                              MbChangeKind           kind,
                              const char            *label,
                              const MbCanvasPalette *palette)
{
  static const double dashed[] = { 6.0, 4.0 };

  cairo_save (cr);
  if (kind == MB_CHANGE_REMOVED)
    cairo_set_dash (cr, dashed, G_N_ELEMENTS (dashed), 0);
  mb_canvas_render_card_ring (cr, rect, 2.5, mb_canvas_palette_change_color (palette, kind));
  cairo_set_dash (cr, NULL, 0, 0);
  /* In the top right corner, in the level's name's place (the row says the
   * level): clear of the title, and of the tabs above the card. */
  if (kind != MB_CHANGE_REMOVED)
    {
      cairo_rectangle (cr, rect->origin.x + rect->size.width / 2.0, rect->origin.y + 5.0,
                       rect->size.width / 2.0 - 4.0, 22.0);
      set_color (cr, &palette->card);
      cairo_fill (cr);
    }
  draw_change_pill (cr, label, rect->origin.x + rect->size.width - 6.0, rect->origin.y + 16.0,
                    kind, palette);
  cairo_restore (cr);
}

void
mb_canvas_render_ghost (cairo_t               *cr,
                        const graphene_rect_t *rect,
                        const char            *code,
                        const char            *title,
                        const MbCanvasPalette *palette)
{
  static const double dashed[] = { 6.0, 4.0 };
  double x = rect->origin.x, y = rect->origin.y, w = rect->size.width, h = rect->size.height;
  double inner = w - 2 * CARD_PADDING, ty = y + 30.0;
  MbCanvasColor fill = palette->card, text = palette->dim;
  g_autoptr(PangoLayout) layout = NULL;

  cairo_save (cr);
  fill.a = 0.45;
  rounded_rect (cr, x, y, w, h, CARD_RADIUS);
  set_color (cr, &fill);
  cairo_fill (cr);
  rounded_rect (cr, x + 0.75, y + 0.75, w - 1.5, h - 1.5, CARD_RADIUS - 0.75);
  set_color (cr, &palette->dim);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, dashed, G_N_ELEMENTS (dashed), 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  text.a *= 0.85;
  if (code != NULL && code[0] != '\0')
    draw_line (cr, code, CODE_SIZE, PANGO_WEIGHT_BOLD, x + CARD_PADDING, y + 10.0, inner,
               PANGO_ALIGN_LEFT, &text);
  layout = create_layout (cr, TITLE_SIZE, PANGO_WEIGHT_SEMIBOLD);
  pango_layout_set_text (layout, title, -1);
  pango_layout_set_width (layout, (int) (inner * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -MB_CANVAS_RENDER_TITLE_LINES);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  set_color (cr, &text);
  show_layout (cr, layout, x + CARD_PADDING, ty);
  /* Struck through: gone, not merely faint. */
  {
    int lw, lh;
    double line_w;

    pango_layout_get_size (layout, &lw, &lh);
    line_w = MIN ((double) lw / PANGO_SCALE, inner);
    set_color (cr, &text);
    cairo_set_line_width (cr, 1.25);
    cairo_move_to (cr, x + CARD_PADDING, ty + TITLE_SIZE * 0.7);
    cairo_line_to (cr, x + CARD_PADDING + line_w, ty + TITLE_SIZE * 0.7);
    cairo_stroke (cr);
  }
  cairo_restore (cr);
}

/* The middle of an edge's curve. */
static MbLayoutPoint
edge_middle (const MbCanvasEdge *edge)
{
  guint segments = (edge->n_points - 1) / 3;

  return bezier_point (&edge->points[3 * (segments / 2)], segments % 2 ? 0.5 : 0.0);
}

void
mb_canvas_render_edge_change (cairo_t               *cr,
                              const MbCanvasScene   *scene,
                              guint                  index,
                              MbChangeKind           kind,
                              const char            *symbol,
                              const MbCanvasPalette *palette)
{
  const MbCanvasEdge *edge = &g_array_index (scene->edges, MbCanvasEdge, index);
  const MbLayoutPoint *p = edge->points;
  MbLayoutPoint mid;

  if (p == NULL || edge->n_points < 4)
    return;
  cairo_save (cr);
  /* The curve again, wider, in the change's colour; the arrowhead stays. */
  cairo_move_to (cr, p[0].x, p[0].y);
  for (guint i = 1; i + 2 < edge->n_points; i += 3)
    cairo_curve_to (cr, p[i].x, p[i].y, p[i + 1].x, p[i + 1].y, p[i + 2].x, p[i + 2].y);
  set_color (cr, mb_canvas_palette_change_color (palette, kind));
  cairo_set_line_width (cr, 3.0);
  cairo_stroke (cr);
  mid = edge_middle (edge);
  draw_change_pill (cr, symbol, mid.x + 11.0, mid.y, kind, palette);
  cairo_restore (cr);
}

void
mb_canvas_render_removed_link (cairo_t               *cr,
                               const MbCanvasScene   *scene,
                               double                 x0,
                               double                 y0,
                               double                 x1,
                               double                 y1,
                               const char            *symbol,
                               const MbCanvasPalette *palette)
{
  static const double dashed[] = { 6.0, 5.0 };
  MbCanvasColor faded = palette->conflict;
  MbLayoutPoint p[4], mid;

  loose_points (scene, x0, y0, x1, y1, p);
  mid = bezier_point (p, 0.5);
  cairo_save (cr);
  faded.a = 0.6;
  set_color (cr, &faded);
  cairo_set_line_width (cr, 2.0);
  cairo_set_dash (cr, dashed, G_N_ELEMENTS (dashed), 0);
  cairo_move_to (cr, p[0].x, p[0].y);
  cairo_curve_to (cr, p[1].x, p[1].y, p[2].x, p[2].y, p[3].x, p[3].y);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  draw_change_pill (cr, symbol, mid.x + 11.0, mid.y, MB_CHANGE_REMOVED, palette);
  cairo_restore (cr);
}

void
mb_canvas_render_handle (cairo_t               *cr,
                         const MbCanvasScene   *scene,
                         guint                  card,
                         const MbCanvasPalette *palette)
{
  graphene_point_t p = mb_canvas_scene_get_handle (scene, card);

  cairo_save (cr);
  cairo_arc (cr, p.x, p.y, 6.0, 0, 2 * G_PI);
  set_color (cr, &palette->accent);
  cairo_fill_preserve (cr);
  set_color (cr, &palette->card);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
mb_canvas_render_scene (cairo_t               *cr,
                        const MbCanvasScene   *scene,
                        const MbCanvasPalette *palette)
{
  mb_canvas_render_background (cr, scene, palette);
  for (guint i = 0; i < scene->edges->len; i++)
    mb_canvas_render_edge (cr, scene, i, palette);
  for (guint i = 0; i < scene->stubs->len; i++)
    mb_canvas_render_stub (cr, scene, i, palette);
  for (guint i = 0; i < scene->cards->len; i++)
    mb_canvas_render_card (cr, scene, i, palette);
}

static void
render_page (cairo_t             *cr,
             const MbCanvasScene *scene,
             gboolean             dark)
{
  MbCanvasPalette palette;
  const graphene_rect_t *b = &scene->bounds;

  mb_canvas_palette_init (&palette, dark);

  /* The heading: the strategy's title above the diagram. */
  set_color (cr, &palette.background);
  cairo_paint (cr);
  draw_line (cr, scene->data->title, HEADING_SIZE, PANGO_WEIGHT_BOLD, 32.0, 20.0,
             MAX (b->size.width - 64.0, 200.0), PANGO_ALIGN_LEFT, &palette.foreground);

  cairo_translate (cr, -b->origin.x, -b->origin.y + EXPORT_HEADING);
  mb_canvas_render_scene (cr, scene, &palette);
}

/* cairo writes text as glyph outlines; a transparent text layer with the
 * titles makes the SVG searchable and readable by tools and screen readers. */
static void
add_svg_text_layer (GString             *svg,
                    const MbCanvasScene *scene)
{
  const graphene_rect_t *b = &scene->bounds;
  g_autoptr(GString) layer = g_string_new (NULL);
  const char *end;

  g_string_append (layer, "<g id=\"malbild-text\" "
                   "fill-opacity=\"0\" font-size=\"14\" font-family=\"sans-serif\">\n");
  for (guint i = 0; i < scene->cards->len; i++)
    {
      const MbCanvasCard *card = mb_canvas_scene_get_card (scene, i);
      g_autofree char *title = g_markup_escape_text (card->row->title, -1);
      char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (x, sizeof x, "%.1f", card->rect.origin.x - b->origin.x + CARD_PADDING);
      g_ascii_formatd (y, sizeof y, "%.1f",
                       card->rect.origin.y - b->origin.y + EXPORT_HEADING + 44.0);
      g_string_append_printf (layer, "<text x=\"%s\" y=\"%s\">%s</text>\n", x, y, title);
    }
  g_string_append (layer, "</g>\n");

  end = g_strrstr (svg->str, "</svg>");
  if (end != NULL)
    g_string_insert (svg, end - svg->str, layer->str);
  mb_report_svg_add_title (svg, scene->data->title, NULL);
}

typedef struct
{
  const MbCanvasScene *scene;
  gboolean             dark;
} PageData;

static void
render_page_cb (cairo_t  *cr,
                gpointer  user_data)
{
  const PageData *page = user_data;

  render_page (cr, page->scene, page->dark);
}

static void
add_svg_text_layer_cb (GString  *svg,
                       gpointer  user_data)
{
  const PageData *page = user_data;

  add_svg_text_layer (svg, page->scene);
}

gboolean
mb_canvas_render_scene_to_file (const MbCanvasScene  *scene,
                          const char           *path,
                          gboolean              dark,
                          GError              **error)
{
  PageData page = { scene, dark };

  g_return_val_if_fail (scene != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (scene->cards->len == 0)
    {
      g_set_error (error, MB_CANVAS_RENDER_ERROR, MB_CANVAS_RENDER_ERROR_EMPTY,
                   _("The strategy “%s” has no nodes to draw"), scene->data->title);
      return FALSE;
    }

  return mb_render_to_file (path, scene->bounds.size.width,
                            scene->bounds.size.height + EXPORT_HEADING, scene->data->title,
                            render_page_cb, add_svg_text_layer_cb, &page, error);
}

gboolean
mb_canvas_render_strategy_to_file (MbStore     *store,
                                   const char  *strategy_id,
                                   const char  *path,
                                   gboolean     dark,
                                   GError     **error)
{
  g_autoptr(MbCanvasScene) scene = mb_canvas_scene_load (store, strategy_id, error);

  if (scene == NULL)
    return FALSE;
  return mb_canvas_render_scene_to_file (scene, path, dark, error);
}
