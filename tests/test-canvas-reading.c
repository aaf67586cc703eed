/* test-canvas-reading.c – a canvas a person can read: the zoom a strategy
 * opens at, titles, status chips, new nodes in view, text after zooms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "mb-canvas-node.h"
#include "mb-canvas-private.h"
#include "mb-canvas-render.h"
#include "mb-canvas-scene.h"
#include "mb-canvas.h"
#include "test-canvas-fixture.h"
#include "test-store-util.h"

/* Needs three lines at a card's width, at any of the fonts a test machine
 * may fall back to. */
#define LONG_TITLE "Ett hållbart och konkurrenskraftigt näringsliv med goda villkor " \
                   "för företagande i hela länet"

typedef struct
{
  char            *dir;
  MbStore         *store;
  MbCanvasFixture  f;
  MbSelection     *selection;
  GtkWidget       *window;
  MbCanvas        *canvas;
} Fixture;

static void
open_canvas (Fixture *fx,
             int      width,
             int      height)
{
  fx->selection = mb_selection_new ();
  fx->canvas = MB_CANVAS (mb_canvas_new (fx->store, fx->selection));
  fx->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fx->window), width, height);
  gtk_window_set_child (GTK_WINDOW (fx->window), GTK_WIDGET (fx->canvas));
  gtk_window_present (GTK_WINDOW (fx->window));
  gtk_test_widget_wait_for_draw (fx->window);
  mb_selection_set_strategy (fx->selection, fx->f.rus);
  mb_test_wait_for_canvas (fx->canvas);
  gtk_test_widget_wait_for_draw (fx->window);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fx->dir = mb_test_make_dir ();
  path = g_build_filename (fx->dir, "reading.malbild", NULL);
  fx->store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  mb_canvas_fixture_build (fx->store, &fx->f);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  if (fx->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fx->window));
  g_clear_object (&fx->selection);
  mb_canvas_fixture_clear (&fx->f);
  g_clear_object (&fx->store);
  mb_test_remove_dir (fx->dir);
  g_free (fx->dir);
}

static graphene_rect_t
card_in_widget (Fixture    *fx,
                const char *node_id)
{
  const MbCanvasScene *scene = mb_canvas_get_scene (fx->canvas);
  int card = mb_canvas_scene_lookup (scene, node_id);

  g_assert_cmpint (card, >=, 0);
  return _mb_canvas_rect_to_widget (fx->canvas, &mb_canvas_scene_get_card (scene, card)->rect);
}

static gboolean
wholly_in_view (Fixture         *fx,
                graphene_rect_t  r)
{
  graphene_rect_t view = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (fx->canvas)),
                                             gtk_widget_get_height (GTK_WIDGET (fx->canvas)));

  return graphene_rect_contains_rect (&view, &r);
}

/* A strategy too large for the view opens at a zoom where its text reads,
 * at its start: the first root whole, clear of the toolbar. Zoom to Fit,
 * asked for, still shows it all. */
static void
test_opens_readable (Fixture       *fx,
                     gconstpointer  data)
{
  graphene_rect_t vision, tools;
  const graphene_rect_t *b;

  open_canvas (fx, 640, 420);
  g_assert_cmpfloat (mb_canvas_get_zoom (fx->canvas), >=, MB_CANVAS_READABLE_ZOOM - 1e-9);

  vision = card_in_widget (fx, fx->f.vision);
  g_assert_true (wholly_in_view (fx, vision));
  g_assert_true (gtk_widget_compute_bounds (fx->canvas->toolbar, GTK_WIDGET (fx->canvas), &tools));
  g_assert_false (graphene_rect_intersection (&vision, &tools, NULL));

  /* The rest is a scroll away, and the overview map shows where. */
  g_assert_true (_mb_canvas_minimap_rect (fx->canvas, &tools));

  gtk_widget_activate_action (GTK_WIDGET (fx->canvas), "canvas.zoom-fit", NULL);
  b = &mb_canvas_get_scene (fx->canvas)->bounds;
  g_assert_cmpfloat (mb_canvas_get_zoom (fx->canvas), <, MB_CANVAS_READABLE_ZOOM);
  g_assert_cmpfloat (b->size.width * mb_canvas_get_zoom (fx->canvas), <=,
                     gtk_widget_get_width (GTK_WIDGET (fx->canvas)) + 1);
}

/* Dark pixels (text) in a horizontal band of an ARGB32 surface. */
static guint
ink_in_band (cairo_surface_t *surface,
             int              x0,
             int              x1,
             int              y0,
             int              y1)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint n = 0;

  cairo_surface_flush (surface);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        const guchar *p = data + y * stride + x * 4;

        if (p[0] + p[1] + p[2] < 3 * 128)
          n++;
      }
  return n;
}

/* At 100 % a long title wraps to a third line before it is cut; the whole
 * title is the card's tooltip and accessible name. */
static void
test_title_three_lines (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MbCanvasScene *scene;
  const MbCanvasCard *card;
  MbCanvasPalette palette;
  cairo_surface_t *surface;
  cairo_t *cr;
  graphene_rect_t r;
  g_autofree char *tooltip = NULL;
  int index;

  mb_test_set_text (fx->store, "nodes", fx->f.priority[1], "title", LONG_TITLE);

  /* The card drawn alone at 100 %, one pixel a unit. */
  scene = mb_canvas_scene_load (fx->store, fx->f.rus, &error);
  g_assert_no_error (error);
  index = mb_canvas_scene_lookup (scene, fx->f.priority[1]);
  card = mb_canvas_scene_get_card (scene, index);
  mb_canvas_palette_init (&palette, FALSE);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) card->rect.size.width,
                                        (int) card->rect.size.height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, -card->rect.origin.x, -card->rect.origin.y);
  mb_canvas_render_card (cr, scene, index, &palette);
  cairo_destroy (cr);
  /* The title starts 30 units down; its third line lies between 64 and 80
   * whatever the font's line height (16 to 18 units at 14). */
  g_assert_cmpuint (ink_in_band (surface, 14, (int) card->rect.size.width - 14, 67, 77), >, 20);
  cairo_surface_destroy (surface);
  mb_canvas_scene_free (scene);

  open_canvas (fx, 1000, 700);
  mb_canvas_set_zoom (fx->canvas, 1.0);
  mb_canvas_focus_node (fx->canvas, fx->f.priority[1]);
  gtk_test_widget_wait_for_draw (fx->window);
  r = card_in_widget (fx, fx->f.priority[1]);
  tooltip = _mb_canvas_dup_tooltip (fx->canvas, r.origin.x + r.size.width / 2,
                                    r.origin.y + r.size.height / 2, NULL);
  g_assert_cmpstr (tooltip, ==, LONG_TITLE);
  gtk_test_accessible_assert_property (
    GTK_ACCESSIBLE (mb_canvas_get_node_widget (fx->canvas, fx->f.priority[1])),
    GTK_ACCESSIBLE_PROPERTY_LABEL, LONG_TITLE);
}

/* A node added elsewhere (the window's Add menu) and selected is scrolled
 * into view when its layout arrives. */
static void
test_added_node_revealed (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  open_canvas (fx, 800, 600);
  mb_canvas_set_zoom (fx->canvas, 1.0);
  /* Looking far away from everything. */
  _mb_canvas_set_view (fx->canvas, 1.0, -4000, -4000);
  gtk_test_widget_wait_for_draw (fx->window);

  id = mb_store_create_node (fx->store, fx->f.rus, fx->f.action[3], fx->f.levels[5],
                             "Skidturism året runt", &error);
  g_assert_no_error (error);
  mb_selection_select (fx->selection, MB_KIND_NODE, id);
  mb_test_wait_for_canvas (fx->canvas);
  gtk_test_widget_wait_for_draw (fx->window);

  g_assert_cmpstr (mb_selection_get_id (fx->selection), ==, id);
  g_assert_true (wholly_in_view (fx, card_in_widget (fx, id)));
  g_assert_cmpint (_mb_canvas_cursor_card (fx->canvas), ==,
                   mb_canvas_scene_lookup (mb_canvas_get_scene (fx->canvas), id));
}

/* An intervention's status and time plan are said in words: on its card's
 * chip, in its tooltip and to a screen reader. */
static void
test_status_chip (Fixture       *fx,
                  gconstpointer  data)
{
  const MbCanvasScene *scene;
  const MbCanvasCard *card;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  graphene_rect_t r;

  mb_test_set_text (fx->store, "nodes", fx->f.broadband, "status", "ongoing");
  mb_test_set_text (fx->store, "nodes", fx->f.broadband, "start_date", "2021-03-01");
  mb_test_set_text (fx->store, "nodes", fx->f.broadband, "end_date", "2033-12-31");
  mb_test_set_text (fx->store, "nodes", fx->f.wind, "start_date", "2022-06-01");
  mb_test_set_text (fx->store, "nodes", fx->f.wind, "end_date", "2022-10-31");

  open_canvas (fx, 1000, 700);
  scene = mb_canvas_get_scene (fx->canvas);
  card = mb_canvas_scene_get_card (scene, mb_canvas_scene_lookup (scene, fx->f.broadband));
  text = mb_canvas_render_status_text (card->row);
  g_assert_cmpstr (text, ==, "Ongoing · 2021–2033");
  g_clear_pointer (&text, g_free);

  card = mb_canvas_scene_get_card (scene, mb_canvas_scene_lookup (scene, fx->f.wind));
  text = mb_canvas_render_status_text (card->row);
  /* Its end has passed, and it is not done: the chip says so first. */
  g_assert_cmpstr (text, ==, "Overdue · Jun–Oct 2022");
  g_clear_pointer (&text, g_free);

  /* Periods as people write them, not only days (the roadmap's rule). */
  mb_test_set_text (fx->store, "nodes", fx->f.wind, "status", "planned");
  mb_test_set_text (fx->store, "nodes", fx->f.wind, "start_date", NULL);
  mb_test_set_text (fx->store, "nodes", fx->f.wind, "end_date", "2031-autumn");
  /* The canvas reloads its scene from the store's notification. */
  mb_test_wait_until ((scene = mb_canvas_get_scene (fx->canvas)) != NULL
                      && (card = mb_canvas_scene_get_card (scene,
                                                           mb_canvas_scene_lookup (scene,
                                                                                   fx->f.wind)))
                      && g_strcmp0 (card->row->end_date, "2031-autumn") == 0);
  text = mb_canvas_render_status_text (card->row);
  g_assert_cmpstr (text, ==, "Planned · until autumn 2031");
  g_clear_pointer (&text, g_free);

  card = mb_canvas_scene_get_card (scene, mb_canvas_scene_lookup (scene, fx->f.goal));
  g_assert_null (mb_canvas_render_status_text (card->row));

  gtk_test_accessible_assert_property (
    GTK_ACCESSIBLE (mb_canvas_get_node_widget (fx->canvas, fx->f.broadband)),
    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
    "Intervention S4.1.1, 0 links in, 1 out, Ongoing · 2021–2033");

  mb_canvas_set_zoom (fx->canvas, 1.0);
  mb_canvas_focus_node (fx->canvas, fx->f.broadband);
  gtk_test_widget_wait_for_draw (fx->window);
  r = card_in_widget (fx, fx->f.broadband);
  tooltip = _mb_canvas_dup_tooltip (fx->canvas, r.origin.x + 20, r.origin.y + 20, NULL);
  g_assert_nonnull (strstr (tooltip, "Ongoing · 2021–2033"));
}

static GBytes *
render_with_cairo (Fixture     *fx,
                   GskRenderer *renderer)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (fx->canvas));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w = gtk_widget_get_width (GTK_WIDGET (fx->canvas));
  int h = gtk_widget_get_height (GTK_WIDGET (fx->canvas));
  guchar *pixels = g_malloc (4 * w * h);

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  /* A canvas between a resize and its next frame draws nothing yet: wait
   * for the frame, a bounded number of times. */
  for (int i = 0; node == NULL && i < 100; i++)
    {
      gtk_test_widget_wait_for_draw (fx->window);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_texture_download (texture, pixels, 4 * w);
  return g_bytes_new_take (pixels, 4 * w * h);
}

/* The pixels of every card wholly in view are the same in @a and @b
 * (edges around them are stroked near the view they were recorded for, and
 * may differ by a shade where views differed). */
static void
compare_cards (Fixture *fx,
               GBytes  *a,
               GBytes  *b)
{
  const MbCanvasScene *scene = mb_canvas_get_scene (fx->canvas);
  const guchar *pa = g_bytes_get_data (a, NULL);
  const guchar *pb = g_bytes_get_data (b, NULL);
  int w = gtk_widget_get_width (GTK_WIDGET (fx->canvas));
  guint compared = 0;

  g_assert_cmpuint (g_bytes_get_size (a), ==, g_bytes_get_size (b));
  for (guint i = 0; i < mb_canvas_scene_get_n_cards (scene); i++)
    {
      graphene_rect_t r = _mb_canvas_rect_to_widget (fx->canvas,
                                                     &mb_canvas_scene_get_card (scene, i)->rect);

      graphene_rect_inset (&r, 3, 3);
      if (!wholly_in_view (fx, r))
        continue;
      for (int y = (int) r.origin.y; y < (int) (r.origin.y + r.size.height); y++)
        {
          gsize offset = 4 * ((gsize) y * w + (int) r.origin.x);

          if (memcmp (pa + offset, pb + offset, 4 * (int) r.size.width) != 0)
            g_error ("The card “%s” looks different in row %d after zooming",
                     mb_canvas_scene_get_card (scene, i)->row->title, y);
        }
      compared++;
    }
  g_assert_cmpuint (compared, >=, 3);
}

/* Cards drawn at one zoom look the same after many other zooms and sizes,
 * with the cairo renderer: "Interv=ntion" came from glyphs that cairo's
 * caches kept across the scales a recording was replayed at. */
static void
test_text_after_zooms (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  double view_x, view_y;

  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  g_assert_no_error (error);

  open_canvas (fx, 900, 600);
  mb_canvas_set_zoom (fx->canvas, 1.0);
  mb_canvas_focus_node (fx->canvas, fx->f.wind);
  mb_selection_clear (fx->selection);
  gtk_test_widget_wait_for_draw (fx->window);
  view_x = fx->canvas->view_x;
  view_y = fx->canvas->view_y;
  before = render_with_cairo (fx, renderer);

  for (guint i = 0; i < 24; i++)
    {
      double zoom = 0.5 + 0.137 * i;

      if (i % 6 == 3)
        gtk_window_set_default_size (GTK_WINDOW (fx->window), 700 + 37 * i, 500 + 11 * i);
      _mb_canvas_set_view (fx->canvas, zoom, view_x - 13.0 * i, view_y + 7.0 * i);
      gtk_test_widget_wait_for_draw (fx->window);
      g_bytes_unref (render_with_cairo (fx, renderer));
    }

  gtk_window_set_default_size (GTK_WINDOW (fx->window), 900, 600);
  _mb_canvas_set_view (fx->canvas, 1.0, view_x, view_y);
  /* The X server answers the resize when it does: wait for it, then draw. */
  mb_test_wait_until (gtk_widget_get_width (GTK_WIDGET (fx->canvas)) == 900);
  gtk_test_widget_wait_for_draw (fx->window);
  mb_test_spin ();
  after = render_with_cairo (fx, renderer);
  compare_cards (fx, before, after);
  gsk_renderer_unrealize (renderer);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  ADD ("/canvas/reading/opens-readable", test_opens_readable);
  ADD ("/canvas/reading/title-three-lines", test_title_three_lines);
  ADD ("/canvas/reading/added-node-revealed", test_added_node_revealed);
  ADD ("/canvas/reading/status-chip", test_status_chip);
  ADD ("/canvas/reading/text-after-zooms", test_text_after_zooms);

  return g_test_run ();
}
