/* test-canvas.c – the effect-chain canvas: scene, drawing, widget, export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "mb-canvas-node.h"
#include "mb-canvas-private.h"
#include "mb-canvas-render.h"
#include "mb-canvas-scene.h"
#include "mb-canvas.h"
#include "test-canvas-fixture.h"
#include "test-store-util.h"

typedef struct
{
  char            *dir;
  MbStore         *store;
  MbCanvasFixture  f;
} Fixture;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fx->dir = mb_test_make_dir ();
  path = g_build_filename (fx->dir, "canvas.malbild", NULL);
  fx->store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  mb_canvas_fixture_build (fx->store, &fx->f);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  mb_canvas_fixture_clear (&fx->f);
  g_clear_object (&fx->store);
  mb_test_remove_dir (fx->dir);
  g_free (fx->dir);
}

static MbCanvasScene *
load_scene (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  MbCanvasScene *scene = mb_canvas_scene_load (fx->store, fx->f.rus, &error);

  g_assert_no_error (error);
  g_assert_nonnull (scene);
  return scene;
}

/* One card per node, each in its level's row; one edge per link and per
 * tree edge; the cross-strategy link as a stub. */
static void
test_scene_cards_and_edges (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(MbCanvasScene) scene = load_scene (fx);
  double row_y[6];
  guint n_links = 0, n_tree = 0;

  g_assert_cmpuint (mb_canvas_scene_get_n_cards (scene), ==, 17);
  for (guint i = 0; i < G_N_ELEMENTS (row_y); i++)
    row_y[i] = NAN;

  for (guint i = 0; i < mb_canvas_scene_get_n_cards (scene); i++)
    {
      const MbCanvasCard *card = mb_canvas_scene_get_card (scene, i);
      double cy = mb_canvas_rect_center_y (&card->rect);

      g_assert_cmpint (mb_canvas_scene_lookup (scene, card->row->id), ==, (int) i);
      g_assert_cmpuint (card->row->level, <, 6);
      /* Top-down: every card of a level on one row, the rows in level order. */
      if (isnan (row_y[card->row->level]))
        row_y[card->row->level] = cy;
      g_assert_cmpfloat_with_epsilon (cy, row_y[card->row->level], 0.5);
    }
  for (guint i = 1; i < G_N_ELEMENTS (row_y); i++)
    g_assert_cmpfloat (row_y[i], >, row_y[i - 1] + MB_CANVAS_CARD_HEIGHT);

  for (guint i = 0; i < scene->edges->len; i++)
    {
      const MbCanvasEdge *edge = &g_array_index (scene->edges, MbCanvasEdge, i);

      g_assert_nonnull (edge->points);
      if (edge->kind == MB_CANVAS_EDGE_TREE)
        n_tree++;
      else
        n_links++;
    }
  g_assert_cmpuint (n_links, ==, 4);
  g_assert_cmpuint (n_tree, ==, 16);

  g_assert_cmpuint (scene->stubs->len, ==, 1);
  {
    const MbCanvasStub *stub = &g_array_index (scene->stubs, MbCanvasStub, 0);

    g_assert_cmpint ((int) stub->card, ==, mb_canvas_scene_lookup (scene, fx->f.priority[0]));
    g_assert_cmpstr (stub->row->other_strategy_name, ==, "LTP");
    g_assert_cmpstr (stub->row->other_strategy_id, ==, fx->f.ltp);
    g_assert_false (stub->row->outgoing);
  }
}

static void
test_scene_badges (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(MbCanvasScene) scene = load_scene (fx);
  const MbCanvasCard *goal = mb_canvas_scene_get_card (scene,
                                                       mb_canvas_scene_lookup (scene, fx->f.goal));
  const MbCanvasCard *infra = mb_canvas_scene_get_card (scene,
                                                        mb_canvas_scene_lookup (scene,
                                                                                fx->f.action[4]));
  const MbCanvasCard *energy = mb_canvas_scene_get_card (scene,
                                                         mb_canvas_scene_lookup (scene,
                                                                                 fx->f.action[2]));

  /* 1,900 of 5,000 inhabitants by 4 of 11 years: on track; GRP 30 of 60 in
   * 4 of 11 years: on track. */
  g_assert_cmpuint (goal->row->indicators.on_track, ==, 2);
  g_assert_cmpuint (goal->row->indicators.behind, ==, 0);
  /* Broadband 10 of 28 points in 4 of 6 years: behind; the other has no data. */
  g_assert_cmpuint (infra->row->indicators.behind, ==, 1);
  g_assert_cmpuint (infra->row->indicators.no_data, ==, 1);
  g_assert_cmpuint (infra->row->n_projects, ==, 1);
  g_assert_cmpstrv (infra->row->sdgs, ((const char *[]) { "9", NULL }));
  g_assert_cmpuint (energy->row->n_projects, ==, 1);
  g_assert_cmpuint (energy->row->n_calls, ==, 1);
  g_assert_cmpuint (goal->n_links_in, ==, 0);
}

static void
test_scene_chain (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(MbCanvasScene) scene = load_scene (fx);
  guint n = mb_canvas_scene_get_n_cards (scene);
  g_autofree gboolean *cards = g_new0 (gboolean, n);
  g_autofree gboolean *edges = g_new0 (gboolean, scene->edges->len);
  int wind = mb_canvas_scene_lookup (scene, fx->f.wind);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) up = NULL;
  g_auto(GStrv) down = NULL;

  g_assert_true (mb_store_query_chain (fx->store, fx->f.wind, MB_CHAIN_INCLUDE_TREE, &up, &down,
                                       &error));
  g_assert_no_error (error);
  mb_canvas_scene_mark_chain (scene, wind, (const char * const *) up,
                              (const char * const *) down, cards, edges);

  /* Up: its action area, strength area, priority 1.3 and 1.2, goal, vision;
   * its conflict's other side; not the unrelated broadband. */
  g_assert_true (cards[wind]);
  g_assert_true (cards[mb_canvas_scene_lookup (scene, fx->f.action[1])]);
  g_assert_true (cards[mb_canvas_scene_lookup (scene, fx->f.priority[1])]);
  g_assert_true (cards[mb_canvas_scene_lookup (scene, fx->f.priority[2])]);
  g_assert_true (cards[mb_canvas_scene_lookup (scene, fx->f.vision)]);
  g_assert_true (cards[mb_canvas_scene_lookup (scene, fx->f.reindeer)]);
  g_assert_false (cards[mb_canvas_scene_lookup (scene, fx->f.broadband)]);
  g_assert_false (cards[mb_canvas_scene_lookup (scene, fx->f.action[2])]);
}

static void
test_scene_navigate (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(MbCanvasScene) scene = load_scene (fx);
  int goal = mb_canvas_scene_lookup (scene, fx->f.goal);
  int vision = mb_canvas_scene_lookup (scene, fx->f.vision);
  int p, q;

  g_assert_cmpint (mb_canvas_scene_navigate (scene, goal, MB_CANVAS_NAV_UP), ==, vision);
  p = mb_canvas_scene_navigate (scene, goal, MB_CANVAS_NAV_DOWN);
  g_assert_cmpint (p, >=, 0);
  g_assert_cmpuint (mb_canvas_scene_get_card (scene, p)->row->level, ==, 2);
  q = mb_canvas_scene_navigate (scene, p, MB_CANVAS_NAV_RIGHT);
  if (q < 0)
    q = mb_canvas_scene_navigate (scene, p, MB_CANVAS_NAV_LEFT);
  g_assert_cmpint (q, >=, 0);
  g_assert_cmpint (q, !=, p);
  g_assert_cmpuint (mb_canvas_scene_get_card (scene, q)->row->level, ==, 2);
  g_assert_cmpint (mb_canvas_scene_navigate (scene, vision, MB_CANVAS_NAV_UP), ==, -1);
}

static void
test_scene_left_right (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbCanvasScene) scene = NULL;
  GValue value = G_VALUE_INIT;
  const MbCanvasCard *vision, *goal;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_static_string (&value, "left-right");
  g_assert_true (mb_store_set_field (fx->store, "strategies", fx->f.rus, "layout_direction",
                                     &value, &error));
  g_assert_no_error (error);
  g_value_unset (&value);

  scene = load_scene (fx);
  g_assert_true (scene->data->left_right);
  vision = mb_canvas_scene_get_card (scene, mb_canvas_scene_lookup (scene, fx->f.vision));
  goal = mb_canvas_scene_get_card (scene, mb_canvas_scene_lookup (scene, fx->f.goal));
  g_assert_cmpfloat (goal->rect.origin.x, >=, vision->rect.origin.x + vision->rect.size.width);
}

static void
test_scene_pinned (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbCanvasScene) scene = NULL;
  const MbCanvasCard *card;

  g_assert_true (mb_store_pin_node (fx->store, fx->f.wind, TRUE, 1500.0, 900.0, &error));
  g_assert_no_error (error);
  scene = load_scene (fx);
  card = mb_canvas_scene_get_card (scene, mb_canvas_scene_lookup (scene, fx->f.wind));
  g_assert_true (card->row->pinned);
  g_assert_cmpfloat_with_epsilon (mb_canvas_rect_center_x (&card->rect), 1500.0, 0.01);
  g_assert_cmpfloat_with_epsilon (mb_canvas_rect_center_y (&card->rect), 900.0, 0.01);
  g_assert_cmpint (mb_canvas_scene_card_at (scene, 1500.0, 900.0), ==,
                   mb_canvas_scene_lookup (scene, fx->f.wind));
}

static char *
read_file (const char *path,
           gsize      *length)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, NULL));
  return contents;
}

static void
render_and_check (Fixture    *fx,
                  const char *name,
                  gboolean    dark)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fx->dir, name, NULL);
  g_autofree char *contents = NULL;
  const char *shots = g_getenv ("MB_CANVAS_SHOTS");
  gsize length;

  g_assert_true (mb_canvas_render_strategy_to_file (fx->store, fx->f.rus, path, dark, &error));
  g_assert_no_error (error);
  contents = read_file (path, &length);
  g_assert_cmpuint (length, >, 1000);

  if (g_str_has_suffix (name, ".png"))
    g_assert_true (memcmp (contents, "\x89PNG\r\n\x1a\n", 8) == 0);
  else if (g_str_has_suffix (name, ".pdf"))
    g_assert_true (memcmp (contents, "%PDF-", 5) == 0);
  else
    {
      g_assert_true (strstr (contents, "<svg") != NULL);
      g_assert_true (strstr (contents, "Förnybar energiproduktion") != NULL);
      g_assert_true (strstr (contents, "Vindkraftsetableringar i inlandet") != NULL);
      g_assert_true (strstr (contents, "Jämtlands län 2050") != NULL);
    }

  /* MB_CANVAS_SHOTS=DIR keeps the pictures, to look at them. */
  if (shots != NULL)
    {
      g_autofree char *keep = g_build_filename (shots, name, NULL);

      g_assert_true (g_file_set_contents (keep, contents, (gssize) length, NULL));
    }
}

static void
test_render_files (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = g_build_filename (fx->dir, "chart.gif", NULL);

  render_and_check (fx, "canvas-light.png", FALSE);
  render_and_check (fx, "canvas-dark.png", TRUE);
  render_and_check (fx, "canvas.svg", FALSE);
  render_and_check (fx, "canvas.pdf", FALSE);

  g_assert_false (mb_canvas_render_strategy_to_file (fx->store, fx->f.rus, bad, FALSE, &error));
  g_assert_error (error, MB_CANVAS_RENDER_ERROR, MB_CANVAS_RENDER_ERROR_FORMAT);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
}


/* The widget, in a window */

typedef struct
{
  Fixture      base;
  MbSelection *selection;
  GtkWidget   *window;
  MbCanvas    *canvas;
  guint        n_changed;
  gboolean     skip;      /* the renderer asked for is not there */
} WidgetFixture;

static void
count_changed_cb (MbStore            *store,
                  const char * const *tables,
                  guint              *count)
{
  (*count)++;
}

static void
widget_setup (WidgetFixture *wf,
              gconstpointer  data)
{
  fixture_setup (&wf->base, data);
  g_signal_connect (wf->base.store, "changed", G_CALLBACK (count_changed_cb), &wf->n_changed);

  wf->selection = mb_selection_new ();
  wf->canvas = MB_CANVAS (mb_canvas_new (wf->base.store, wf->selection));
  wf->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (wf->window), 1000, 700);
  gtk_window_set_child (GTK_WINDOW (wf->window), GTK_WIDGET (wf->canvas));
  gtk_window_present (GTK_WINDOW (wf->window));
  mb_selection_set_strategy (wf->selection, wf->base.f.rus);
  mb_test_wait_for_canvas (wf->canvas);
  gtk_test_widget_wait_for_draw (wf->window);
  wf->n_changed = 0;
}

static void
widget_teardown (WidgetFixture *wf,
                 gconstpointer  data)
{
  if (wf->window != NULL)
    gtk_window_destroy (GTK_WINDOW (wf->window));
  g_clear_object (&wf->selection);
  fixture_teardown (&wf->base, data);
}

static graphene_point_t
card_center (WidgetFixture *wf,
             const char    *node_id)
{
  const MbCanvasScene *scene = mb_canvas_get_scene (wf->canvas);
  const MbCanvasCard *card = mb_canvas_scene_get_card (scene,
                                                       mb_canvas_scene_lookup (scene, node_id));

  return _mb_canvas_scene_to_widget (wf->canvas, mb_canvas_rect_center_x (&card->rect),
                                     mb_canvas_rect_center_y (&card->rect));
}

static MbCanvasNodeRow *
find_row (WidgetFixture *wf,
          MbCanvasData  *data,
          const char    *node_id)
{
  for (guint i = 0; i < data->nodes->len; i++)
    {
      MbCanvasNodeRow *row = g_ptr_array_index (data->nodes, i);

      if (g_str_equal (row->id, node_id))
        return row;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_widget_children (WidgetFixture *wf,
                      gconstpointer  data)
{
  const MbCanvasScene *scene = mb_canvas_get_scene (wf->canvas);
  GtkWidget *child;

  g_assert_cmpuint (mb_canvas_scene_get_n_cards (scene), ==, 17);
  for (guint i = 0; i < mb_canvas_scene_get_n_cards (scene); i++)
    {
      const MbCanvasCard *card = mb_canvas_scene_get_card (scene, i);

      child = mb_canvas_get_node_widget (wf->canvas, card->row->id);
      g_assert_true (MB_IS_CANVAS_NODE (child));
      g_assert_cmpstr (mb_canvas_node_get_node_id (MB_CANVAS_NODE (child)), ==, card->row->id);
      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_ROLE_BUTTON);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           card->row->title);
    }

  child = mb_canvas_get_node_widget (wf->canvas, wf->base.f.priority[0]);
  /* Two links end at priority 1.1: the broadband's and the transport plan's
   * (across strategies, counted as a tab, not here). */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (child),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Priority 1.1, 1 links in, 0 out");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LEVEL, 3);
}

static void
test_widget_click_selects (WidgetFixture *wf,
                           gconstpointer  data)
{
  graphene_point_t p = card_center (wf, wf->base.f.goal);
  graphene_point_t q = card_center (wf, wf->base.f.wind);

  _mb_canvas_click (wf->canvas, 1, p.x, p.y, 0);
  g_assert_cmpstr (mb_selection_get_kind (wf->selection), ==, MB_KIND_NODE);
  g_assert_cmpstr (mb_selection_get_id (wf->selection), ==, wf->base.f.goal);

  _mb_canvas_click (wf->canvas, 1, q.x, q.y, GDK_CONTROL_MASK);
  g_assert_cmpuint (mb_selection_get_n_nodes (wf->selection), ==, 2);
  g_assert_true (mb_selection_contains_node (wf->selection, wf->base.f.wind));

  /* Empty space clears. */
  _mb_canvas_click (wf->canvas, 1, 2, 2, 0);
  g_assert_cmpuint (mb_selection_get_n_nodes (wf->selection), ==, 0);
  g_assert_cmpuint (wf->n_changed, ==, 0);
}

static void
test_widget_keyboard_selects (WidgetFixture *wf,
                              gconstpointer  data)
{
  g_assert_true (mb_canvas_focus_node (wf->canvas, wf->base.f.goal));
  g_assert_cmpstr (mb_selection_get_id (wf->selection), ==, wf->base.f.goal);
  g_assert_true (gtk_widget_has_focus (mb_canvas_get_node_widget (wf->canvas, wf->base.f.goal)));

  gtk_widget_activate_action (GTK_WIDGET (wf->canvas), "canvas.move-cursor", "s", "up");
  g_assert_cmpstr (mb_selection_get_id (wf->selection), ==, wf->base.f.vision);
  g_assert_true (gtk_widget_has_focus (mb_canvas_get_node_widget (wf->canvas,
                                                                  wf->base.f.vision)));

  /* Clicking a node's child (AT-SPI's "click" action) selects it, and a
   * second click edits its title. */
  g_signal_emit_by_name (mb_canvas_get_node_widget (wf->canvas, wf->base.f.wind), "clicked");
  g_assert_cmpstr (mb_selection_get_id (wf->selection), ==, wf->base.f.wind);
  g_assert_null (_mb_canvas_get_title_entry (wf->canvas));
  g_signal_emit_by_name (mb_canvas_get_node_widget (wf->canvas, wf->base.f.wind), "clicked");
  g_assert_nonnull (_mb_canvas_get_title_entry (wf->canvas));
}

static void
test_widget_drag_cancelled (WidgetFixture *wf,
                            gconstpointer  data)
{
  graphene_point_t p = card_center (wf, wf->base.f.wind);
  g_autofree char *label = g_strdup (mb_store_get_undo_label (wf->base.store));
  g_autoptr(MbCanvasData) after = NULL;

  _mb_canvas_drag_begin (wf->canvas, p.x, p.y, 0);
  _mb_canvas_drag_update (wf->canvas, 30, 10);
  _mb_canvas_drag_update (wf->canvas, 80, 40);
  gtk_test_widget_wait_for_draw (wf->window);
  g_assert_true (_mb_canvas_cancel (wf->canvas));
  /* A release after Escape does nothing either. */
  _mb_canvas_drag_end (wf->canvas);
  mb_test_spin ();

  g_assert_cmpuint (wf->n_changed, ==, 0);
  g_assert_cmpstr (mb_store_get_undo_label (wf->base.store), ==, label);
  after = mb_store_canvas_load (wf->base.store, wf->base.f.rus, NULL);
  g_assert_false (find_row (wf, after, wf->base.f.wind)->pinned);
}

static void
test_widget_drag_pins (WidgetFixture *wf,
                       gconstpointer  data)
{
  graphene_point_t p = card_center (wf, wf->base.f.wind);
  const MbCanvasScene *scene = mb_canvas_get_scene (wf->canvas);
  const MbCanvasCard *card = mb_canvas_scene_get_card (scene,
                                                       mb_canvas_scene_lookup (scene,
                                                                               wf->base.f.wind));
  double zoom = mb_canvas_get_zoom (wf->canvas);
  double x = mb_canvas_rect_center_x (&card->rect) + 80 / zoom;
  double y = mb_canvas_rect_center_y (&card->rect) + 40 / zoom;
  g_autoptr(GError) error = NULL;
  g_autoptr(MbCanvasData) after = NULL;
  MbCanvasNodeRow *row;

  _mb_canvas_drag_begin (wf->canvas, p.x, p.y, 0);
  _mb_canvas_drag_update (wf->canvas, 30, 10);
  _mb_canvas_drag_update (wf->canvas, 80, 40);
  _mb_canvas_drag_end (wf->canvas);

  g_assert_cmpuint (wf->n_changed, ==, 1);
  g_assert_cmpstr (mb_store_get_undo_label (wf->base.store), ==, "Place Node");
  after = mb_store_canvas_load (wf->base.store, wf->base.f.rus, NULL);
  row = find_row (wf, after, wf->base.f.wind);
  g_assert_true (row->pinned);
  g_assert_cmpfloat_with_epsilon (row->x, x, 0.001);
  g_assert_cmpfloat_with_epsilon (row->y, y, 0.001);

  /* The new layout keeps it where it was dropped. */
  mb_test_wait_for_canvas (wf->canvas);
  scene = mb_canvas_get_scene (wf->canvas);
  card = mb_canvas_scene_get_card (scene, mb_canvas_scene_lookup (scene, wf->base.f.wind));
  g_assert_cmpfloat_with_epsilon (mb_canvas_rect_center_x (&card->rect), x, 0.01);

  /* One undo step takes it back. */
  g_assert_true (mb_store_undo (wf->base.store, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, mb_canvas_data_free);
  after = mb_store_canvas_load (wf->base.store, wf->base.f.rus, NULL);
  g_assert_false (find_row (wf, after, wf->base.f.wind)->pinned);
}

static gboolean
has_link (WidgetFixture *wf,
          const char    *from,
          const char    *to,
          const char    *kind)
{
  g_autoptr(MbCanvasData) data = mb_store_canvas_load (wf->base.store, wf->base.f.rus, NULL);

  for (guint i = 0; i < data->links->len; i++)
    {
      MbCanvasLinkRow *link = g_ptr_array_index (data->links, i);

      if (g_str_equal (link->from_id, from) && g_str_equal (link->to_id, to) &&
          g_str_equal (link->kind, kind))
        return TRUE;
    }
  return FALSE;
}

static void
test_widget_keyboard_link (WidgetFixture *wf,
                           gconstpointer  data)
{
  GtkWidget *canvas = GTK_WIDGET (wf->canvas);

  g_assert_true (mb_canvas_focus_node (wf->canvas, wf->base.f.broadband));
  g_assert_false (has_link (wf, wf->base.f.broadband, wf->base.f.area[3], "depends-on"));

  /* L, then up to the parent action area, up to its strength area, Enter. */
  g_assert_true (gtk_widget_activate_action (canvas, "canvas.start-link", NULL));
  gtk_widget_activate_action (canvas, "canvas.move-cursor", "s", "up");
  gtk_widget_activate_action (canvas, "canvas.move-cursor", "s", "up");
  /* The selection stays on the source while the target is chosen. */
  g_assert_cmpstr (mb_selection_get_id (wf->selection), ==, wf->base.f.broadband);
  gtk_widget_activate_action (canvas, "canvas.activate-cursor", NULL);
  g_assert_nonnull (_mb_canvas_get_link_popover (wf->canvas));
  gtk_widget_activate_action (canvas, "canvas.link-kind", "s", "depends-on");

  g_assert_cmpuint (wf->n_changed, ==, 1);
  g_assert_true (has_link (wf, wf->base.f.broadband, wf->base.f.area[3], "depends-on"));
}

static void
test_widget_add_and_edit (WidgetFixture *wf,
                          gconstpointer  data)
{
  GtkWidget *entry;
  const MbCanvasScene *scene;
  g_autoptr(MbCanvasData) after = NULL;
  gboolean found = FALSE;

  g_assert_true (mb_canvas_focus_node (wf->canvas, wf->base.f.action[3]));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wf->canvas), "canvas.add-node", NULL));
  g_assert_cmpuint (wf->n_changed, ==, 1);
  mb_test_wait_for_canvas (wf->canvas);

  /* The new node is under the action area, one level down, in title edit. */
  entry = _mb_canvas_get_title_entry (wf->canvas);
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "New node");
  scene = mb_canvas_get_scene (wf->canvas);
  g_assert_cmpuint (mb_canvas_scene_get_n_cards (scene), ==, 18);

  gtk_editable_set_text (GTK_EDITABLE (entry), "Skidturism året runt");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (wf->n_changed, ==, 2);
  g_assert_null (_mb_canvas_get_title_entry (wf->canvas));

  after = mb_store_canvas_load (wf->base.store, wf->base.f.rus, NULL);
  for (guint i = 0; i < after->nodes->len; i++)
    {
      MbCanvasNodeRow *row = g_ptr_array_index (after->nodes, i);

      if (g_str_equal (row->title, "Skidturism året runt"))
        {
          g_assert_cmpstr (row->parent_id, ==, wf->base.f.action[3]);
          g_assert_cmpuint (row->level, ==, 5);
          found = TRUE;
        }
    }
  g_assert_true (found);
}

static void
test_widget_edit_cancelled (WidgetFixture *wf,
                            gconstpointer  data)
{
  GtkWidget *entry;

  g_assert_true (mb_canvas_focus_node (wf->canvas, wf->base.f.goal));
  gtk_widget_activate_action (GTK_WIDGET (wf->canvas), "canvas.edit-title", NULL);
  entry = _mb_canvas_get_title_entry (wf->canvas);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Something else");
  g_assert_true (_mb_canvas_cancel (wf->canvas) == FALSE);
  /* Escape in the entry. */
  {
    GListModel *controllers = gtk_widget_observe_controllers (entry);
    gboolean handled = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_KEY (c) && !handled)
          g_signal_emit_by_name (c, "key-pressed", GDK_KEY_Escape, 0, 0, &handled);
      }
    g_object_unref (controllers);
    g_assert_true (handled);
  }
  g_assert_null (_mb_canvas_get_title_entry (wf->canvas));
  g_assert_cmpuint (wf->n_changed, ==, 0);
}

static void
test_widget_chain_and_stub (WidgetFixture *wf,
                            gconstpointer  data)
{
  const MbCanvasScene *scene = mb_canvas_get_scene (wf->canvas);
  const MbCanvasStub *stub = &g_array_index (scene->stubs, MbCanvasStub, 0);
  graphene_point_t p = _mb_canvas_scene_to_widget (wf->canvas,
                                                   mb_canvas_rect_center_x (&stub->rect),
                                                   mb_canvas_rect_center_y (&stub->rect));
  g_autofree char *transit = g_strdup (wf->base.f.transit);

  /* A tab of a cross-strategy link leads to the other strategy's node. */
  _mb_canvas_click (wf->canvas, 1, p.x, p.y, 0);
  g_assert_cmpstr (mb_selection_get_strategy (wf->selection), ==, wf->base.f.ltp);
  g_assert_cmpstr (mb_selection_get_id (wf->selection), ==, transit);
  mb_test_wait_for_canvas (wf->canvas);
  scene = mb_canvas_get_scene (wf->canvas);
  g_assert_cmpuint (mb_canvas_scene_get_n_cards (scene), ==, 1);
  g_assert_cmpstr (mb_canvas_scene_get_card (scene, 0)->row->id, ==, transit);
}

static void
test_widget_export (WidgetFixture *wf,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (wf->base.dir, "export.svg", NULL);
  g_autofree char *contents = NULL;

  g_assert_true (mb_canvas_render_to_file (wf->canvas, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Hållbar energi"));
}


/* Delete asks first, saying what goes with the node; one undo step. */
static void
test_widget_delete_confirms (WidgetFixture *wf,
                             gconstpointer  data)
{
  AdwMessageDialog *dialog = NULL;
  g_autoptr(GList) toplevels = NULL;
  g_autoptr(MbCanvasData) after = NULL;

  g_assert_true (mb_canvas_focus_node (wf->canvas, wf->base.f.action[1]));
  gtk_widget_activate_action (GTK_WIDGET (wf->canvas), "canvas.delete-node", NULL);

  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Delete “Förnybar energiproduktion”?");
  /* The wind power intervention below it, and its two links. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 node below it"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "2 links"));
  g_assert_cmpuint (wf->n_changed, ==, 0);

  adw_message_dialog_response (dialog, "delete");
  g_assert_cmpuint (wf->n_changed, ==, 1);
  after = mb_store_canvas_load (wf->base.store, wf->base.f.rus, NULL);
  g_assert_cmpuint (after->nodes->len, ==, 15);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* With several nodes selected, Delete takes all of them: one dialog that
 * counts what goes with them, one undo step. */
static void
test_widget_delete_several (WidgetFixture *wf,
                            gconstpointer  data)
{
  AdwMessageDialog *dialog = NULL;
  g_autoptr(GList) toplevels = NULL;
  g_autoptr(MbCanvasData) after = NULL;
  g_autoptr(MbCanvasData) undone = NULL;
  g_autoptr(GError) error = NULL;
  const char *body;

  g_assert_true (mb_canvas_focus_node (wf->canvas, wf->base.f.action[1]));
  mb_selection_select_nodes (wf->selection, (const char *[]) { wf->base.f.action[1],
                                                               wf->base.f.action[3], NULL });
  g_assert_cmpuint (mb_selection_get_n_nodes (wf->selection), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (wf->canvas), "canvas.delete-node", NULL);

  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete 2 Nodes?");
  /* The wind power intervention below the first; its two links and the
   * tourism action's dependency. */
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, "1 node below them"));
  g_assert_nonnull (strstr (body, "3 links"));

  adw_message_dialog_response (dialog, "delete");
  g_assert_cmpuint (wf->n_changed, ==, 1);
  g_assert_cmpstr (mb_store_get_undo_label (wf->base.store), ==, "Delete 2 Nodes");
  after = mb_store_canvas_load (wf->base.store, wf->base.f.rus, NULL);
  g_assert_cmpuint (after->nodes->len, ==, 14);
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (mb_store_undo (wf->base.store, &error));
  g_assert_no_error (error);
  undone = mb_store_canvas_load (wf->base.store, wf->base.f.rus, NULL);
  g_assert_cmpuint (undone->nodes->len, ==, 17);
}

/* Copy and paste go through the clipboard with the nodes' ids. */
static void
paste_done_cb (MbStore            *store,
               const char * const *tables,
               gboolean           *done)
{
  *done = TRUE;
}

static void
test_widget_copy_paste (WidgetFixture *wf,
                        gconstpointer  data)
{
  g_autoptr(MbCanvasData) after = NULL;
  gboolean done = FALSE;
  guint copies = 0;

  g_assert_true (mb_canvas_focus_node (wf->canvas, wf->base.f.action[3]));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wf->canvas), "canvas.copy", NULL));
  g_signal_connect (wf->base.store, "changed", G_CALLBACK (paste_done_cb), &done);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wf->canvas), "canvas.paste", NULL));
  mb_test_wait_until (done);

  after = mb_store_canvas_load (wf->base.store, wf->base.f.rus, NULL);
  for (guint i = 0; i < after->nodes->len; i++)
    if (g_str_equal (((MbCanvasNodeRow *) g_ptr_array_index (after->nodes, i))->title,
                     "Året-runt-turism"))
      copies++;
  g_assert_cmpuint (copies, ==, 2);
  /* The copy is selected. */
  g_assert_cmpuint (mb_selection_get_n_nodes (wf->selection), ==, 1);
  g_assert_cmpstr (mb_selection_get_id (wf->selection), !=, wf->base.f.action[3]);
}

/* A picture of the widget as it is on screen, to look at (MB_CANVAS_SHOTS). */
static void
test_widget_screenshot (WidgetFixture *wf,
                        gconstpointer  data)
{
  const char *shots = g_getenv ("MB_CANVAS_SHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int w, h;

  g_assert_true (mb_canvas_focus_node (wf->canvas, wf->base.f.wind));
  gtk_test_widget_wait_for_draw (wf->window);

  w = gtk_widget_get_width (GTK_WIDGET (wf->canvas));
  h = gtk_widget_get_height (GTK_WIDGET (wf->canvas));
  g_assert_cmpint (w, >, 0);
  paintable = gtk_widget_paintable_new (GTK_WIDGET (wf->canvas));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  if (shots == NULL)
    return;

  renderer = gtk_native_get_renderer (GTK_NATIVE (wf->window));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (shots, "widget.png", NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* The dark style follows the system: the palette changes with it. */
static void
test_widget_dark (WidgetFixture *wf,
                  gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  const char *shots = g_getenv ("MB_CANVAS_SHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  g_autofree guchar *pixels = NULL;
  int w, h;

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (mb_canvas_focus_node (wf->canvas, wf->base.f.action[4]));
  gtk_test_widget_wait_for_draw (wf->window);

  w = gtk_widget_get_width (GTK_WIDGET (wf->canvas));
  h = gtk_widget_get_height (GTK_WIDGET (wf->canvas));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (wf->canvas));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (wf->window)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, w, h));

  /* The top-left corner is background: dark now. */
  pixels = g_malloc (4 * w * h);
  gdk_texture_download (texture, pixels, 4 * w);
  g_assert_cmpint (pixels[0] + pixels[1] + pixels[2], <, 3 * 64);

  if (shots != NULL)
    {
      path = g_build_filename (shots, "widget-dark.png", NULL);
      g_assert_true (gdk_texture_save_to_png (texture, path));
    }
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

/* The pixels of the canvas as the cairo renderer puts them on screen, @w
 * × @h, RGBA: drawn into a surface like the window's (an X11 one under
 * Xvfb, where the limits are tighter than in an image in memory). */
static guchar *
render_on_screen (WidgetFixture *wf,
                  int           *w,
                  int           *h)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (wf->canvas));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  const char *shots = g_getenv ("MB_CANVAS_SHOTS");
  cairo_surface_t *surface, *image;
  cairo_t *cr;
  guchar *pixels;

  *w = gtk_widget_get_width (GTK_WIDGET (wf->canvas));
  *h = gtk_widget_get_height (GTK_WIDGET (wf->canvas));
  gdk_paintable_snapshot (paintable, snapshot, *w, *h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  surface = gdk_surface_create_similar_surface (gtk_native_get_surface (GTK_NATIVE (wf->window)),
                                                CAIRO_CONTENT_COLOR_ALPHA, *w, *h);
  G_GNUC_END_IGNORE_DEPRECATIONS
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);

  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, *w, *h);
  cr = cairo_create (image);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  if (shots != NULL)
    {
      g_autofree char *path = g_build_filename (shots, "widget-far.png", NULL);

      g_assert_cmpint (cairo_surface_write_to_png (image, path), ==, CAIRO_STATUS_SUCCESS);
    }
  /* Rows of ARGB32 in native order: B, G, R, A on little-endian; the
   * count below compares channels alike, so the order does not matter. */
  pixels = g_malloc (4 * *w * *h);
  for (int y = 0; y < *h; y++)
    memcpy (pixels + 4 * *w * y,
            cairo_image_surface_get_data (image) + cairo_image_surface_get_stride (image) * y,
            4 * *w);
  cairo_surface_destroy (image);
  cairo_surface_destroy (surface);
  return pixels;
}

/* Pixels of @rect (widget coordinates) in @a, a picture of @w × @h, that
 * differ by more than @threshold (summed over the channels) from those of
 * the picture @b, or from the one pixel @b if not @picture. */
static guint
count_differing (const guchar          *a,
                 const guchar          *b,
                 gboolean               picture,
                 int                    w,
                 int                    h,
                 const graphene_rect_t *rect,
                 int                    threshold)
{
  guint n = 0;

  for (int y = MAX ((int) rect->origin.y, 0); y < MIN (rect->origin.y + rect->size.height, h); y++)
    for (int x = MAX ((int) rect->origin.x, 0); x < MIN (rect->origin.x + rect->size.width, w);
         x++)
      {
        const guchar *p = a + 4 * (y * w + x), *q = picture ? b + 4 * (y * w + x) : b;

        if (ABS (p[0] - q[0]) + ABS (p[1] - q[1]) + ABS (p[2] - q[2]) > threshold)
          n++;
      }
  return n;
}

/* Pixels in @rect (widget coordinates) far from the background's colour
 * (the top-left corner's): a card's text, border and level strip. */
static guint
count_drawn (WidgetFixture         *wf,
             const guchar          *pixels,
             int                    w,
             int                    h,
             const graphene_rect_t *rect)
{
  return count_differing (pixels, pixels, FALSE, w, h, rect, 96);
}

/* A card far from the origin is drawn: the cairo renderer on X11 could not
 * place a recording at scene coordinates that large, and cards past about
 * x = 300,000 (the right of a large strategy) vanished while their links
 * were drawn; the GL renderer showed them. The text, border and strip drew
 * about 1,270 pixels here, the links crossing the empty place 158. */
static void
test_widget_far_card (WidgetFixture *wf,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree guchar *pixels = NULL;
  const MbCanvasScene *scene;
  const MbCanvasCard *card;
  graphene_rect_t r;
  guint drawn;
  int w, h;

  g_assert_true (mb_store_pin_node (wf->base.store, wf->base.f.wind, TRUE, 1000000.0, 900.0,
                                    &error));
  g_assert_no_error (error);
  mb_test_wait_for_canvas (wf->canvas);
  g_assert_true (mb_canvas_focus_node (wf->canvas, wf->base.f.wind));
  gtk_test_widget_wait_for_draw (wf->window);

  scene = mb_canvas_get_scene (wf->canvas);
  card = mb_canvas_scene_get_card (scene, mb_canvas_scene_lookup (scene, wf->base.f.wind));
  g_assert_cmpfloat_with_epsilon (mb_canvas_rect_center_x (&card->rect), 1000000.0, 0.01);
  r = _mb_canvas_rect_to_widget (wf->canvas, &card->rect);
  pixels = render_on_screen (wf, &w, &h);
  g_assert_true (graphene_rect_contains_rect (&GRAPHENE_RECT_INIT (0, 0, w, h), &r));
  graphene_rect_inset (&r, 4.0, 4.0);
  drawn = count_drawn (wf, pixels, w, h, &r);
  g_test_message ("%u of the card's pixels drawn", drawn);
  g_assert_cmpuint (drawn, >, 600);
}

/* Pixels of @rect (widget coordinates) where the pictures @a and @b differ. */
static guint
count_changed (const guchar          *a,
               const guchar          *b,
               int                    w,
               int                    h,
               const graphene_rect_t *rect)
{
  return count_differing (a, b, TRUE, w, h, rect, 12);
}

/* The inside of @card in the widget: its ring and shadow left out. */
static graphene_rect_t
card_inside (WidgetFixture *wf,
             int            card)
{
  const MbCanvasScene *scene = mb_canvas_get_scene (wf->canvas);
  graphene_rect_t r = _mb_canvas_rect_to_widget (wf->canvas,
                                                 &mb_canvas_scene_get_card (scene, card)->rect);

  graphene_rect_inset (&r, 4.0, 4.0);
  return r;
}

/* The canvas as it is with nothing selected, at the view it has now. */
static guchar *
render_unselected (WidgetFixture *wf,
                   int           *w,
                   int           *h)
{
  mb_selection_clear (wf->selection);
  gtk_test_widget_wait_for_draw (wf->window);
  return render_on_screen (wf, w, h);
}

/* The rasters are drawn with the renderer named by the test's data, as
 * the app's window would have it: cairo nodes for "cairo", textures for
 * "gl" (which the suite's GSK_RENDERER=cairo is lifted for). */
static void
raster_setup (WidgetFixture *wf,
              gconstpointer  data)
{
  g_autofree char *env = g_strdup (g_getenv ("GSK_RENDERER"));
  GskRenderer *renderer;

  g_unsetenv ("GSK_RENDERER");
  g_object_set_data_full (G_OBJECT (gdk_display_get_default ()), "gsk-renderer",
                          g_strdup (data), g_free);
  widget_setup (wf, data);
  if (env != NULL)
    g_setenv ("GSK_RENDERER", env, TRUE);

  renderer = gtk_native_get_renderer (GTK_NATIVE (wf->window));
  if (g_str_equal (data, "cairo"))
    g_assert_true (GSK_IS_CAIRO_RENDERER (renderer));
  else if (GSK_IS_CAIRO_RENDERER (renderer))
    {
      g_test_skip ("No OpenGL renderer on this display");
      wf->skip = TRUE;
    }
}

static void
raster_teardown (WidgetFixture *wf,
                 gconstpointer  data)
{
  widget_teardown (wf, data);
  g_object_set_data (G_OBJECT (gdk_display_get_default ()), "gsk-renderer", NULL);
}

/* A selection veils the scene and shows its chain on the veil: the chain's
 * cards exactly as drawn without it (taken from the scene's raster), the
 * others veiled; the next selection's chain, not the last one's. */
static void
test_raster_chain (WidgetFixture *wf,
                   gconstpointer  data)
{
  const MbCanvasScene *scene = mb_canvas_get_scene (wf->canvas);
  int selected = mb_canvas_scene_lookup (scene, wf->base.f.wind);
  int on_chain = -1, veiled = -1;
  g_autofree guchar *chained = NULL, *plain = NULL, *second = NULL, *plain_second = NULL;
  graphene_rect_t r;
  int w, h;

  if (wf->skip)
    return;

  mb_selection_select (wf->selection, MB_KIND_NODE, wf->base.f.wind);
  gtk_test_widget_wait_for_draw (wf->window);
  chained = render_on_screen (wf, &w, &h);
  for (guint i = 0; i < mb_canvas_scene_get_n_cards (scene); i++)
    {
      r = card_inside (wf, i);
      if ((int) i == selected
          || !graphene_rect_contains_rect (&GRAPHENE_RECT_INIT (0, 0, w, h), &r))
        continue;
      if (wf->canvas->in_chain[i] && on_chain < 0)
        on_chain = i;
      else if (!wf->canvas->in_chain[i] && veiled < 0)
        veiled = i;
    }
  g_assert_cmpint (on_chain, >=, 0);
  g_assert_cmpint (veiled, >=, 0);

  plain = render_unselected (wf, &w, &h);
  r = card_inside (wf, on_chain);
  g_assert_cmpuint (count_changed (plain, chained, w, h, &r), ==, 0);
  /* Its text and strip faded under the veil. */
  r = card_inside (wf, veiled);
  g_assert_cmpuint (count_drawn (wf, plain, w, h, &r), >, 200);
  g_assert_cmpuint (count_changed (plain, chained, w, h, &r), >,
                    count_drawn (wf, plain, w, h, &r) / 2);

  /* The veiled card selected: now it is the one shown as it is. */
  mb_selection_select (wf->selection, MB_KIND_NODE,
                       mb_canvas_scene_get_card (scene, veiled)->row->id);
  gtk_test_widget_wait_for_draw (wf->window);
  second = render_on_screen (wf, &w, &h);
  plain_second = render_unselected (wf, &w, &h);
  r = card_inside (wf, veiled);
  graphene_rect_inset (&r, 4.0, 4.0);   /* inside its ring too */
  g_assert_cmpuint (count_changed (plain_second, second, w, h, &r), ==, 0);
}

/* An edit is drawn: the raster of the scene before it is not shown again. */
static void
test_raster_edit (WidgetFixture *wf,
                  gconstpointer  data)
{
  const MbCanvasScene *scene = mb_canvas_get_scene (wf->canvas);
  g_autoptr(GError) error = NULL;
  g_autofree guchar *before = NULL, *after = NULL;
  g_autofree char *id = NULL;
  GValue value = G_VALUE_INIT;
  graphene_rect_t r;
  int w, h;

  if (wf->skip)
    return;
  before = render_on_screen (wf, &w, &h);
  for (guint i = 0; i < mb_canvas_scene_get_n_cards (scene) && id == NULL; i++)
    {
      r = card_inside (wf, i);
      if (graphene_rect_contains_rect (&GRAPHENE_RECT_INIT (0, 0, w, h), &r))
        id = g_strdup (mb_canvas_scene_get_card (scene, i)->row->id);
    }
  g_assert_nonnull (id);

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "Ändrad rubrik");
  g_assert_true (mb_store_set_field (wf->base.store, "nodes", id, "title", &value, &error));
  g_assert_no_error (error);
  g_value_unset (&value);
  mb_test_wait_for_canvas (wf->canvas);
  gtk_test_widget_wait_for_draw (wf->window);

  after = render_on_screen (wf, &w, &h);
  scene = mb_canvas_get_scene (wf->canvas);
  r = card_inside (wf, mb_canvas_scene_lookup (scene, id));
  g_assert_cmpstr (mb_canvas_scene_get_card (scene, mb_canvas_scene_lookup (scene, id))->row->title,
                   ==, "Ändrad rubrik");
  g_assert_cmpuint (count_changed (before, after, w, h, &r), >, 100);
}

/* The worker's layout is kept in the library: a new session (the library
 * opened again, a new canvas) shows it at once, with no worker and no
 * quick placement first; keeping it made no undo step and no "changed". */
static void
test_widget_kept_layout (WidgetFixture *wf,
                         gconstpointer  data)
{
  const MbCanvasScene *scene = mb_canvas_get_scene (wf->canvas);
  g_autofree char *path = g_strdup (mb_store_get_path (wf->base.store));
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  g_autoptr(MbSelection) selection = mb_selection_new ();
  g_autoptr(MbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 steps = mb_test_n_undo_steps (wf->base.store);
  GtkWidget *window;
  MbCanvas *canvas;

  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (wf->base.store),
                                        "SELECT count(*) FROM mb_layout_cache WHERE strategy_id = ?",
                                        "s", wf->base.f.rus), ==, 1);
  for (guint i = 0; i < mb_canvas_scene_get_n_cards (scene); i++)
    g_array_append_val (rects, mb_canvas_scene_get_card (scene, i)->rect);
  gtk_window_destroy (GTK_WINDOW (wf->window));
  wf->window = NULL;

  store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  canvas = MB_CANVAS (mb_canvas_new (store, selection));
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (canvas));
  gtk_window_present (GTK_WINDOW (window));
  mb_selection_set_strategy (selection, wf->base.f.rus);

  /* At once: no layout running, and dot's places, not rows by level. */
  g_assert_false (mb_canvas_is_busy (canvas));
  scene = mb_canvas_get_scene (canvas);
  g_assert_nonnull (scene);
  g_assert_cmpuint (mb_canvas_scene_get_n_cards (scene), ==, rects->len);
  for (guint i = 0; i < rects->len; i++)
    {
      const graphene_rect_t *before = &g_array_index (rects, graphene_rect_t, i);
      const graphene_rect_t *now = &mb_canvas_scene_get_card (scene, i)->rect;

      g_assert_cmpmem (now, sizeof *now, before, sizeof *before);
    }
  g_assert_cmpint (mb_test_n_undo_steps (store), ==, steps);
  g_assert_cmpuint (wf->n_changed, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

#define WADD(path, func) \
  g_test_add (path, WidgetFixture, NULL, widget_setup, func, widget_teardown)

#define RADD(path, func) \
  g_test_add (path "/cairo", WidgetFixture, "cairo", raster_setup, func, raster_teardown); \
  g_test_add (path "/textures", WidgetFixture, "gl", raster_setup, func, raster_teardown)

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  ADD ("/canvas/scene/cards-and-edges", test_scene_cards_and_edges);
  ADD ("/canvas/scene/badges", test_scene_badges);
  ADD ("/canvas/scene/chain", test_scene_chain);
  ADD ("/canvas/scene/navigate", test_scene_navigate);
  ADD ("/canvas/scene/left-right", test_scene_left_right);
  ADD ("/canvas/scene/pinned", test_scene_pinned);
  ADD ("/canvas/render/files", test_render_files);
  WADD ("/canvas/widget/children", test_widget_children);
  RADD ("/canvas/raster/chain", test_raster_chain);
  RADD ("/canvas/raster/edit", test_raster_edit);
  WADD ("/canvas/widget/click-selects", test_widget_click_selects);
  WADD ("/canvas/widget/keyboard-selects", test_widget_keyboard_selects);
  WADD ("/canvas/widget/drag-cancelled", test_widget_drag_cancelled);
  WADD ("/canvas/widget/drag-pins", test_widget_drag_pins);
  WADD ("/canvas/widget/keyboard-link", test_widget_keyboard_link);
  WADD ("/canvas/widget/add-and-edit", test_widget_add_and_edit);
  WADD ("/canvas/widget/edit-cancelled", test_widget_edit_cancelled);
  WADD ("/canvas/widget/stub-leads-to-strategy", test_widget_chain_and_stub);
  WADD ("/canvas/widget/export", test_widget_export);
  WADD ("/canvas/widget/delete-confirms", test_widget_delete_confirms);
  WADD ("/canvas/widget/delete-several", test_widget_delete_several);
  WADD ("/canvas/widget/copy-paste", test_widget_copy_paste);
  WADD ("/canvas/widget/screenshot", test_widget_screenshot);
  WADD ("/canvas/widget/dark", test_widget_dark);
  WADD ("/canvas/widget/kept-layout", test_widget_kept_layout);
  WADD ("/canvas/widget/far-card", test_widget_far_card);

  return g_test_run ();
}
