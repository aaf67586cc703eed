/* test-window-keyboard.c – the main window with the keyboard alone: the
 * strategies list keeps its focus, search results are reachable and never
 * let the focus behind them, Back restores the details panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "mb-application.h"
#include "mb-canvas.h"
#include "mb-contributions-page.h"
#include "mb-record.h"
#include "mb-store-list-model.h"
#include "mb-window.h"
#include "test-util.h"

static MbApplication *app;

static gpointer
child (MbWindow   *window,
       const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW, name);
}

static GtkWidget *
focus_of (MbWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

static char *
add_node (MbStore    *store,
          const char *strategy_id,
          const char *title)
{
  g_autoptr(GListModel) levels = mb_store_list_levels (store, strategy_id);
  g_autoptr(MbRecord) level = g_list_model_get_item (levels, 0);
  char *id = mb_store_create_node (store, strategy_id, NULL, mb_record_get_id (level), title,
                                   NULL);

  g_assert_nonnull (id);
  return id;
}

static void
wait_for_canvas (MbWindow *window)
{
  GtkWidget *canvas = GTK_WIDGET (adw_view_stack_get_child_by_name (child (window, "view_stack"),
                                                                    "canvas"));

  mb_test_spin ();
  mb_test_wait_for_canvas (MB_CANVAS (canvas));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  mb_test_spin ();
}

/* Sends @keyval to the key controllers of @widget, as a key press there. */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  return handled;
}

/* Up and Down in the strategies list move between strategies (the list
 * selects the row its cursor moves to) and the focus stays in the list:
 * it went to Undo, and the next Enter undid a step. */
static void
test_strategy_list_keeps_focus (void)
{
  char *path;
  MbWindow *window = mb_test_open_window (app, 1280, 800, &path);
  MbStore *store = mb_window_get_store (window);
  MbSelection *selection = mb_window_get_selection (window);
  GtkWidget *list = child (window, "strategy_list");
  GtkSingleSelection *rows;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  GtkWidget *focus;

  first = mb_store_create_strategy (store, "Första", "rus", NULL);
  second = mb_store_create_strategy (store, "Andra", "rus", NULL);
  third = mb_store_create_strategy (store, "Tredje", "rus", NULL);
  mb_selection_set_strategy (selection, first);
  mb_test_spin ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_false (adw_leaflet_get_folded (child (window, "leaflet")));

  rows = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  g_assert_true (gtk_widget_grab_focus (list));
  for (guint step = 0; step < 2; step++)
    {
      guint position = gtk_single_selection_get_selected (rows);

      /* What Down does: the cursor moves, and the selection follows it. */
      g_assert_true (gtk_widget_child_focus (list, GTK_DIR_DOWN));
      gtk_single_selection_set_selected (rows, position + 1);
      mb_test_spin ();
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      mb_test_spin ();

      focus = focus_of (window);
      g_assert_nonnull (focus);
      g_assert_true (focus == list || gtk_widget_is_ancestor (focus, list));
      g_assert_false (focus == child (window, "undo_button"));
      g_assert_cmpstr (mb_selection_get_strategy (selection), !=, first);
    }
  mb_test_close_window (window, path);
}

/* Search results: Down and Tab reach them, Enter opens one and the focus
 * follows to it, Escape closes them; the views behind take no focus
 * meanwhile (Tab went to the canvas, and Enter there added a node). */
static void
test_search_keyboard (void)
{
  char *path;
  MbWindow *window = mb_test_open_window (app, 1280, 800, &path);
  MbStore *store = mb_window_get_store (window);
  MbSelection *selection = mb_window_get_selection (window);
  GtkWidget *entry = child (window, "search_entry");
  GtkWidget *results = child (window, "search_results");
  GtkWidget *content = child (window, "content_stack");
  GtkWidget *canvas;
  GtkListBoxRow *row;
  g_autofree char *strategy = NULL;
  g_autofree char *node = NULL;
  g_autofree char *other = NULL;
  gboolean reached = FALSE;

  strategy = mb_store_create_strategy (store, "Första", "rus", NULL);
  node = add_node (store, strategy, "Bredband i hela länet");
  other = add_node (store, strategy, "Bredband till byarna");
  mb_selection_set_strategy (selection, strategy);
  wait_for_canvas (window);
  canvas = GTK_WIDGET (adw_view_stack_get_child_by_name (child (window, "view_stack"), "canvas"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  gtk_editable_set_text (GTK_EDITABLE (entry), "bredband");
  g_signal_emit_by_name (entry, "search-changed");
  mb_test_spin ();
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (results), 0);
  g_assert_nonnull (row);

  /* Down from the entry. */
  g_assert_true (gtk_widget_grab_focus (entry));
  g_assert_true (press_key (entry, GDK_KEY_Down));
  g_assert_true (focus_of (window) == GTK_WIDGET (row));

  /* Tab, all the way round: the results, never the views behind. */
  g_assert_true (gtk_widget_grab_focus (entry));
  for (guint i = 0; i < 40; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
      focus = focus_of (window);
      g_assert_nonnull (focus);
      g_assert_false (gtk_widget_is_ancestor (focus, content));
      reached |= gtk_widget_is_ancestor (focus, results);
    }
  g_assert_true (reached);
  g_assert_false (gtk_widget_grab_focus (canvas) && gtk_widget_has_focus (canvas));

  /* Enter on the second hit opens it, with the focus on its card. */
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (results), 1);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (row)));
  gtk_widget_activate (GTK_WIDGET (row));
  mb_test_spin ();
  wait_for_canvas (window);
  g_assert_cmpstr (mb_selection_get_kind (selection), ==, MB_KIND_NODE);
  g_assert_true (g_strcmp0 (mb_selection_get_id (selection), node) == 0
                 || g_strcmp0 (mb_selection_get_id (selection), other) == 0);
  g_assert_false (gtk_widget_get_visible (child (window, "search_stack")));
  g_assert_true (gtk_widget_is_ancestor (focus_of (window), canvas));
  g_assert_true (gtk_widget_get_can_focus (content));

  /* Escape in the results closes them; the focus goes back to the view. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  gtk_editable_set_text (GTK_EDITABLE (entry), "bredband");
  g_signal_emit_by_name (entry, "search-changed");
  mb_test_spin ();
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (results), 0);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (row)));
  g_assert_true (press_key (child (window, "search_stack"), GDK_KEY_Escape));
  mb_test_spin ();
  g_assert_false (gtk_search_bar_get_search_mode (child (window, "search_bar")));
  g_assert_true (gtk_widget_is_ancestor (focus_of (window), canvas));

  mb_test_close_window (window, path);
}

/* Back from a node's contributions page shows the node again, selected,
 * with the details panel the page took the room of: laid over it in a
 * narrow window, beside it in a wide one. */
static void
assert_back_restores_details (int      width,
                              gboolean folded)
{
  char *path;
  MbWindow *window = mb_test_open_window (app, width, 760, &path);
  MbStore *store = mb_window_get_store (window);
  MbSelection *selection = mb_window_get_selection (window);
  AdwFlap *flap = child (window, "details_flap");
  GtkStack *content = child (window, "content_stack");
  g_autofree char *strategy = NULL;
  g_autofree char *node = NULL;

  strategy = mb_store_create_strategy (store, "Första", "rus", NULL);
  node = add_node (store, strategy, "Ett län där alla kan leva och verka");
  mb_selection_set_strategy (selection, strategy);
  wait_for_canvas (window);
  mb_selection_select (selection, MB_KIND_NODE, node);
  adw_flap_set_reveal_flap (flap, TRUE);
  mb_test_spin ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  mb_test_spin ();
  g_assert_true (adw_flap_get_folded (flap) == folded);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-contributions",
                                             "(ss)", node, "down"));
  mb_test_spin ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "contributions");
  g_assert_false (adw_flap_get_reveal_flap (flap));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  mb_test_spin ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "views");
  g_assert_cmpstr (mb_selection_get_kind (selection), ==, MB_KIND_NODE);
  g_assert_cmpstr (mb_selection_get_id (selection), ==, node);
  g_assert_true (adw_flap_get_reveal_flap (flap));

  mb_test_close_window (window, path);
}

static void
test_back_restores_details (void)
{
  assert_back_restores_details (760, TRUE);
  assert_back_restores_details (1280, FALSE);
}

static gboolean
focus_is_in (MbWindow  *window,
             GtkWidget *widget)
{
  GtkWidget *focus = focus_of (window);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
go_back (MbWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  mb_test_spin ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  mb_test_spin ();
}

/* The title shown by the contributions row that has the focus. */
static const char *
focused_contributions_row (MbWindow *window)
{
  GtkWidget *focus = focus_of (window);
  GtkWidget *row = focus != NULL ? gtk_widget_get_first_child (focus) : NULL;
  GtkWidget *title = row != NULL ? g_object_get_data (G_OBJECT (row), "mb-title") : NULL;

  return title != NULL ? gtk_label_get_label (GTK_LABEL (title)) : NULL;
}

/* Back puts the focus where the user was: on the card of the node gone
 * back to, on the row of the contributions page that was left, on the
 * selected row of the Projects list. It went to the canvas's Add Node,
 * and the next Enter added a node. */
static void
test_back_restores_focus (void)
{
  char *path;
  MbWindow *window = mb_test_open_window (app, 1280, 800, &path);
  MbStore *store = mb_window_get_store (window);
  MbSelection *selection = mb_window_get_selection (window);
  GtkStack *content = child (window, "content_stack");
  AdwViewStack *views = child (window, "view_stack");
  GtkWidget *canvas;
  GtkWidget *page;
  g_autoptr(GListModel) levels = NULL;
  g_autoptr(MbRecord) second_level = NULL;
  g_autofree char *strategy = NULL;
  g_autofree char *goal = NULL;
  g_autofree char *other = NULL;
  g_autofree char *sub = NULL;
  g_autofree char *first_project = NULL;
  g_autofree char *second_project = NULL;
  guint n_nodes;

  strategy = mb_store_create_strategy (store, "Första", "rus", NULL);
  goal = add_node (store, strategy, "Ett län där alla kan leva och verka");
  other = add_node (store, strategy, "Hållbar tillväxt");
  levels = mb_store_list_levels (store, strategy);
  second_level = g_list_model_get_item (levels, 1);
  sub = mb_store_create_node (store, strategy, goal, mb_record_get_id (second_level),
                              "Bredband i hela länet", NULL);
  first_project = mb_store_create_project (store, "Fiber till byarna", "2021-001", NULL);
  second_project = mb_store_create_project (store, "Laddstolpar", "2021-002", NULL);
  mb_selection_set_strategy (selection, strategy);
  wait_for_canvas (window);
  canvas = GTK_WIDGET (adw_view_stack_get_child_by_name (views, "canvas"));
  page = gtk_stack_get_child_by_name (content, "contributions");

  /* Card to card on the canvas, then back. */
  g_assert_true (mb_canvas_focus_node (MB_CANVAS (canvas), goal));
  mb_test_spin ();
  g_assert_true (mb_canvas_focus_node (MB_CANVAS (canvas), other));
  mb_test_spin ();
  go_back (window);
  g_assert_cmpstr (mb_selection_get_id (selection), ==, goal);
  g_assert_true (focus_of (window) == mb_canvas_get_node_widget (MB_CANVAS (canvas), goal));

  /* The goal's contributions, a row followed to its node, and back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-contributions",
                                             "(ss)", goal, "down"));
  mb_test_spin ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "contributions");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-to", "(ss)",
                                             MB_KIND_NODE, sub));
  wait_for_canvas (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "views");
  go_back (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "contributions");
  g_assert_true (focus_is_in (window, page));
  g_assert_cmpstr (focused_contributions_row (window), ==, "Bredband i hela länet");

  /* Back again: the goal's card, selected, with the focus. */
  go_back (window);
  wait_for_canvas (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "views");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (views), ==, "canvas");
  g_assert_cmpstr (mb_selection_get_id (selection), ==, goal);
  g_assert_true (focus_of (window) == mb_canvas_get_node_widget (MB_CANVAS (canvas), goal));

  /* From one project to another in the Projects list, and back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-to", "(ss)",
                                             MB_KIND_PROJECT, first_project));
  mb_test_spin ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-to", "(ss)",
                                             MB_KIND_PROJECT, second_project));
  mb_test_spin ();
  go_back (window);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (views), ==, "projects");
  g_assert_cmpstr (mb_selection_get_id (selection), ==, first_project);
  g_assert_true (focus_is_in (window, adw_view_stack_get_visible_child (views)));
  g_assert_true (gtk_widget_get_state_flags (focus_of (window)) & GTK_STATE_FLAG_SELECTED);

  /* Back to the goal: the canvas again, not the Add Node button. */
  go_back (window);
  wait_for_canvas (window);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (views), ==, "canvas");
  g_assert_true (focus_of (window) == mb_canvas_get_node_widget (MB_CANVAS (canvas), goal));

  /* Nothing was added by the way. */
  {
    g_autoptr(GListModel) nodes = mb_store_list_nodes (store, strategy);

    n_nodes = g_list_model_get_n_items (nodes);
  }
  g_assert_cmpuint (n_nodes, ==, 3);

  mb_test_close_window (window, path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = mb_application_new ("io.github.malbild.Malbild.KeyboardTest",
                            G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/window/keyboard/strategy-list-keeps-focus", test_strategy_list_keeps_focus);
  g_test_add_func ("/window/keyboard/search", test_search_keyboard);
  g_test_add_func ("/window/keyboard/back-restores-details", test_back_restores_details);
  g_test_add_func ("/window/keyboard/back-restores-focus", test_back_restores_focus);

  return g_test_run ();
}
