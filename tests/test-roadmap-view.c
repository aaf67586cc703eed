/* test-roadmap-view.c – the Roadmap view under Xvfb: filter, move, lengthen, undo
 *
 * With MALBILD_SCREENSHOT_DIR set, the example's roadmap is saved as
 * roadmap-view.png there, to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "malbild-resources.h"
#include "mb-exchange.h"
#include "mb-roadmap-render.h"
#include "mb-roadmap-view.h"
#include "test-store-util.h"

typedef struct
{
  char          *dir;
  MbStore       *store;
  GtkWindow     *window;
  MbRoadmapView *view;
  char          *strategy;
  char          *item;
} Fixture;

static char *
end_of (Fixture *f)
{
  return _mb_store_query_text (mb_store_get_db (f->store),
                               "SELECT coalesce(start_date, '') || '/' || end_date FROM nodes"
                               " WHERE id = ?", "s", f->item);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *example = g_build_filename (g_getenv ("MALBILD_SOURCE_ROOT"), "data",
                                               "examples", "jamtland-harjedalen.json", NULL);
  g_autoptr(MbImportReport) report = NULL;
  g_autoptr(MbProblemList) problems = mb_problem_list_new (10);

  f->dir = mb_test_make_dir ();
  f->store = mb_test_open (f->dir, "lib.malbild");
  report = mb_exchange_import_file (f->store, example, 0, problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  f->strategy = _mb_store_query_text (mb_store_get_db (f->store),
                                      "SELECT id FROM strategies WHERE short_name = 'RUS del 2'",
                                      NULL);
  f->item = _mb_store_query_text (mb_store_get_db (f->store),
                                  "SELECT id FROM nodes WHERE title = 'Extern finansiering'",
                                  NULL);
  g_assert_nonnull (f->item);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1280, 800);
  f->view = MB_ROADMAP_VIEW (mb_roadmap_view_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  mb_roadmap_view_set_store (f->view, f->store);
  mb_roadmap_view_set_strategy (f->view, f->strategy);
  gtk_window_present (f->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  mb_test_settle ();
  g_clear_object (&f->store);
  mb_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->strategy);
  g_free (f->item);
}

static gboolean
is_item_named (GtkWidget     *widget,
               gconstpointer  name)
{
  const char *tip = gtk_widget_get_tooltip_text (widget);

  return gtk_widget_has_css_class (widget, "roadmap-item")
         && tip != NULL && g_str_has_prefix (tip, name);
}

/* The item's button, found by its accessible name's start. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *name)
{
  return mb_test_find (widget, GTK_TYPE_BUTTON, is_item_named, name);
}

static void
test_items (Fixture       *f,
            gconstpointer  data)
{
  MbRoadmapCanvas *canvas = mb_roadmap_view_get_canvas (f->view);
  const MbRoadmap *roadmap = mb_roadmap_canvas_get_roadmap (canvas);
  GtkWidget *button;

  g_assert_nonnull (roadmap);
  g_assert_cmpuint (roadmap->n_items, ==, 7);
  button = find_button (GTK_WIDGET (f->view), "Extern finansiering");
  g_assert_nonnull (button);
  /* Named with its status and its plan as people write it. */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==,
                   "Extern finansiering, Planned, October 2021, overdue");
  g_assert_true (gtk_widget_get_focusable (button));

  if (g_getenv ("MALBILD_SCREENSHOT_DIR") != NULL)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (f->view));
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) texture = NULL;
      g_autofree char *path = g_build_filename (g_getenv ("MALBILD_SCREENSHOT_DIR"),
                                                "roadmap-view.png", NULL);
      int w = gtk_widget_get_width (GTK_WIDGET (f->view));
      int h = gtk_widget_get_height (GTK_WIDGET (f->view));

      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (f->window)),
                                             node, &GRAPHENE_RECT_INIT (0, 0, w, h));
      g_assert_true (gdk_texture_save_to_png (texture, path));
    }
}

/* The heading wraps where a view beside the details panel still shows it
 * whole, rather than run past the view's right edge: the example's long
 * title takes two lines, and the rows start below them. */
static void
test_heading (Fixture       *f,
              gconstpointer  data)
{
  MbRoadmapCanvas *canvas = mb_roadmap_view_get_canvas (f->view);
  const MbRoadmap *roadmap = mb_roadmap_canvas_get_roadmap (canvas);
  GtkWidget *button = find_button (GTK_WIDGET (f->view), "Bredband");
  MbRoadmapLayout layout;
  graphene_point_t top;

  g_assert_cmpuint (strlen (roadmap->strategy_title), >, 80);
  mb_roadmap_layout (roadmap, &layout);
  g_assert_cmpfloat (layout.heading_width, <=, 600);
  g_assert_cmpint (layout.heading_lines, ==, 2);
  g_assert_cmpfloat (layout.header_height, >, 170);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_compute_point (button, GTK_WIDGET (canvas),
                                           &GRAPHENE_POINT_INIT (0, 0), &top));
  g_assert_cmpfloat (top.y, >=, layout.header_height);
}

static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  MbRoadmapCanvas *canvas = mb_roadmap_view_get_canvas (f->view);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = mb_test_dump (f->store);

  g_assert_cmpstr (mb_test_take (end_of (f)), ==, "/2021-10");

  /* A drag a month to the right: "Oktober 2021" becomes "November 2021". */
  g_assert_true (mb_roadmap_canvas_move_item (canvas, f->item, 31, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_test_take (end_of (f)), ==, "/2021-11");
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Reschedule “Extern finansiering”");
  /* The view follows the store. */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (find_button (GTK_WIDGET (f->view),
                                                             "Extern finansiering")), ==,
                   "Extern finansiering, Planned, November 2021, overdue");
  mb_test_assert_undoable (f->store, before);
  g_assert_true (mb_store_undo (f->store, &error));

  /* A drag of a few days stays within the month: nothing to undo. */
  g_assert_true (mb_roadmap_canvas_move_item (canvas, f->item, 3, FALSE, &error));
  g_assert_cmpstr (mb_test_take (end_of (f)), ==, "/2021-10");
  g_assert_cmpstr (mb_test_take (mb_test_dump (f->store)), ==, before);

  /* The keyboard: Right a step, Shift+Left back. */
  g_assert_true (mb_roadmap_canvas_step_item (canvas, f->item, 1, FALSE, &error));
  g_assert_cmpstr (mb_test_take (end_of (f)), ==, "/2021-11");
  g_assert_true (mb_roadmap_canvas_step_item (canvas, f->item, -1, TRUE, &error));
  g_assert_cmpstr (mb_test_take (end_of (f)), ==, "/2021-10");
  g_assert_no_error (error);
}

static void
test_filter (Fixture       *f,
             gconstpointer  data)
{
  MbRoadmapCanvas *canvas = mb_roadmap_view_get_canvas (f->view);
  const MbPlanStatus ongoing[] = { MB_PLAN_STATUS_ONGOING };

  mb_roadmap_canvas_set_filter (canvas, MB_ROADMAP_BY_PARENT, ongoing, 1, NULL);
  g_assert_cmpuint (mb_roadmap_canvas_get_roadmap (canvas)->n_items, ==, 2);
  g_assert_null (find_button (GTK_WIDGET (f->view), "Extern finansiering"));
  mb_roadmap_canvas_set_filter (canvas, MB_ROADMAP_BY_ORGANISATION, NULL, 0, NULL);
  g_assert_cmpuint (mb_roadmap_canvas_get_roadmap (canvas)->n_items, ==, 7);
  g_assert_cmpstr (((MbRoadmapGroup *) mb_roadmap_canvas_get_roadmap (canvas)->groups->pdata[0])
                     ->title, ==, "Region Jämtland Härjedalen");

  mb_roadmap_canvas_set_zoom (canvas, 4.0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpfloat (mb_roadmap_canvas_get_zoom (canvas), ==, 4.0);
}

static void
test_selection (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MbSelection) selection = mb_selection_new ();
  GtkWidget *view = mb_roadmap_view_new_for_selection (f->store, selection);
  GtkWidget *button;

  gtk_window_set_child (f->window, view);
  g_assert_null (mb_roadmap_canvas_get_roadmap (
                   mb_roadmap_view_get_canvas (MB_ROADMAP_VIEW (view))));
  /* It follows the window's strategy. */
  mb_selection_set_strategy (selection, f->strategy);
  g_assert_cmpuint (mb_roadmap_canvas_get_roadmap (
                      mb_roadmap_view_get_canvas (MB_ROADMAP_VIEW (view)))->n_items, ==, 7);
  /* Activating an item selects its node, for the details panel. */
  button = find_button (view, "Extern finansiering");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (mb_selection_get_kind (selection), ==, "nodes");
  g_assert_cmpstr (mb_selection_get_id (selection), ==, f->item);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  malbild_register_resource ();

  g_test_add ("/roadmap-view/items", Fixture, NULL, fixture_set_up, test_items,
              fixture_tear_down);
  g_test_add ("/roadmap-view/heading", Fixture, NULL, fixture_set_up, test_heading,
              fixture_tear_down);
  g_test_add ("/roadmap-view/move", Fixture, NULL, fixture_set_up, test_move, fixture_tear_down);
  g_test_add ("/roadmap-view/selection", Fixture, NULL, fixture_set_up, test_selection,
              fixture_tear_down);
  g_test_add ("/roadmap-view/filter", Fixture, NULL, fixture_set_up, test_filter,
              fixture_tear_down);

  return g_test_run ();
}
