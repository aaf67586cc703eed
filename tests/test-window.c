/* test-window.c – the main window, in-process under Xvfb
 *
 * Each test drives the window through its actions and dialogs, as a user
 * would, and checks the outcome in the library itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <locale.h>

#include "mb-application.h"
#include "mb-canvas.h"
#include "mb-canvas-private.h"
#include "mb-canvas-scene.h"
#include "mb-details-panel.h"
#include "mb-form.h"
#include "mb-indicators-view.h"
#include "mb-outline-item.h"
#include "mb-outline-row.h"
#include "mb-record.h"
#include "mb-record-table.h"
#include "mb-store-list-model.h"
#include "mb-store-private.h"
#include "mb-window-private.h"
#include "test-store-util.h"
#include "test-util.h"

/* One registered application for the whole program, as in the real app. */
static MbApplication *app;

static gboolean
is_main_stack (GtkWidget     *widget,
               gconstpointer  data)
{
  return gtk_stack_get_child_by_name (GTK_STACK (widget), "welcome") != NULL;
}

static gboolean
is_undo_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.undo") == 0;
}

static gboolean
is_redo_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.redo") == 0;
}

/* A goals cell that says 1 (labels of the table's cells, right-aligned). */
static gboolean
is_one_goal (GtkWidget     *widget,
             gconstpointer  data)
{
  return g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), "1") == 0
         && gtk_label_get_xalign (GTK_LABEL (widget)) == 1.0f;
}

static gboolean
is_delete_button (GtkWidget     *widget,
                  gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Delete Project") == 0;
}

/* Fills the dialog's title entry as a user types it, and answers @response. */
static void
answer_dialog (const char *title,
               const char *response)
{
  AdwMessageDialog *dialog = mb_test_find_dialog ();
  GtkWidget *entry;

  g_assert_nonnull (dialog);
  entry = mb_test_find (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL, NULL);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), title);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  /* As its button does: respond, then close. */
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  mb_test_spin ();
}

static guint
count_rows (MbStore    *store,
            const char *table)
{
  g_autoptr(GListModel) model = NULL;

  if (g_str_equal (table, "strategies"))
    model = mb_store_list_strategies (store);
  else if (g_str_equal (table, "projects"))
    model = mb_store_list_projects (store);
  else
    g_assert_not_reached ();

  return g_list_model_get_n_items (model);
}

static void
test_window_welcome (void)
{
  char *path;
  MbWindow *window = mb_test_open_window (app, 0, 0, &path);
  GtkWidget *stack;
  GtkWidget *status;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Målbild");

  stack = mb_test_find (GTK_WIDGET (window), GTK_TYPE_STACK, is_main_stack, NULL);
  g_assert_nonnull (stack);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "welcome");

  status = mb_test_find (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, NULL, NULL);
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_get_mapped (status));

  mb_test_close_window (window, path);
}

static void
test_window_new_strategy (void)
{
  char *path;
  MbWindow *window = mb_test_open_window (app, 0, 0, &path);
  MbStore *store = mb_window_get_store (window);
  g_autoptr(GListModel) strategies = NULL;
  g_autoptr(MbRecord) strategy = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *stack;
  GtkWidget *list;
  GtkSelectionModel *model;

  g_assert_cmpuint (count_rows (store, "strategies"), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-strategy", NULL));
  mb_test_spin ();
  answer_dialog ("Regional utvecklingsstrategi 2030", "create");

  /* In the library … */
  strategies = mb_store_list_strategies (store);
  g_assert_cmpuint (g_list_model_get_n_items (strategies), ==, 1);
  strategy = g_list_model_get_item (strategies, 0);
  g_assert_cmpstr (mb_record_get_title (strategy), ==, "Regional utvecklingsstrategi 2030");
  g_assert_cmpstr (mb_record_get_string (strategy, "scheme"), ==, "rus");

  g_assert_cmpstr (mb_record_get_string (strategy, "layout_direction"), ==, "top-down");

  /* … selected, and shown in the sidebar instead of the welcome page. */
  g_assert_cmpstr (mb_selection_get_strategy (mb_window_get_selection (window)), ==,
                   mb_record_get_id (strategy));
  stack = mb_test_find (GTK_WIDGET (window), GTK_TYPE_STACK, is_main_stack, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "library");
  list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW,
                                                    "strategy_list"));
  g_assert_nonnull (list);
  model = gtk_list_view_get_model (GTK_LIST_VIEW (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_true (gtk_selection_model_is_selected (model, 0));

  /* With left-to-right preferred, a new strategy is laid out that way. */
  g_settings_set_string (settings, "default-layout-direction", "left-right");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-strategy", NULL));
  mb_test_spin ();
  answer_dialog ("Effektkedja", "create");
  g_clear_object (&strategy);
  strategy = mb_store_get_record (store, "strategies",
                                  mb_selection_get_strategy (mb_window_get_selection (window)),
                                  NULL);
  g_assert_cmpstr (mb_record_get_title (strategy), ==, "Effektkedja");
  g_assert_cmpstr (mb_record_get_string (strategy, "layout_direction"), ==, "left-right");
  g_settings_reset (settings, "default-layout-direction");

  mb_test_close_window (window, path);
}

static void
test_window_undo_redo (void)
{
  char *path;
  MbWindow *window = mb_test_open_window (app, 0, 0, &path);
  MbStore *store = mb_window_get_store (window);
  g_autofree char *strategy_id = NULL;
  g_autofree char *undo_tip = NULL;
  GtkWidget *undo;
  GtkWidget *redo;

  strategy_id = mb_store_create_strategy (store, "Strategi", "rus", NULL);
  g_assert_nonnull (strategy_id);
  mb_test_spin ();

  undo = mb_test_find (GTK_WIDGET (window), GTK_TYPE_BUTTON, is_undo_button, NULL);
  redo = mb_test_find (GTK_WIDGET (window), GTK_TYPE_BUTTON, is_redo_button, NULL);
  g_assert_nonnull (undo);
  g_assert_nonnull (redo);
  g_assert_true (gtk_widget_get_sensitive (undo));
  g_assert_false (gtk_widget_get_sensitive (redo));
  undo_tip = g_strdup_printf ("Undo %s", mb_store_get_undo_label (store));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (undo), ==, undo_tip);

  /* The add menu's New Project, through its dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-project", NULL));
  mb_test_spin ();
  answer_dialog ("InnoHeis", "create");
  g_assert_cmpuint (count_rows (store, "projects"), ==, 1);
  g_assert_cmpstr (mb_selection_get_kind (mb_window_get_selection (window)), ==, "projects");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (undo), ==, "Undo Add Project");

  /* Ctrl+Z's action undoes it; redo becomes possible and says what. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  mb_test_spin ();
  g_assert_cmpuint (count_rows (store, "projects"), ==, 0);
  g_assert_true (gtk_widget_get_sensitive (redo));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (redo), ==, "Redo Add Project");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  mb_test_spin ();
  g_assert_cmpuint (count_rows (store, "projects"), ==, 1);
  g_assert_false (gtk_widget_get_sensitive (redo));

  /* Undo everything: nothing left to undo, the button says so. */
  while (mb_store_can_undo (store))
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  mb_test_spin ();
  g_assert_false (gtk_widget_get_sensitive (undo));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (undo), ==, "Undo");

  mb_test_close_window (window, path);
}

/* The order of @parent_id's children in the library, as titles. */
static char *
child_titles (MbStore    *store,
              const char *strategy_id,
              const char *parent_id)
{
  g_autoptr(GPtrArray) tree = mb_store_query_tree (store, strategy_id, NULL);
  g_autoptr(GString) titles = g_string_new (NULL);

  for (guint i = 0; i < tree->len; i++)
    {
      MbRecord *node = g_ptr_array_index (tree, i);

      if (g_strcmp0 (mb_record_get_string (node, "parent_id"), parent_id) == 0)
        g_string_append_printf (titles, "%s%s", titles->len ? "," : "",
                                mb_record_get_title (node));
    }

  return g_string_free (g_steal_pointer (&titles), FALSE);
}

/* Presses @keyval with @modifiers on @widget, through the shortcuts of
 * its controller named @controller_name. */
static void
press_shortcut (GtkWidget       *widget,
                const char      *controller_name,
                guint            keyval,
                GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, modifiers);
  gboolean pressed = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      GListModel *shortcuts;

      if (g_strcmp0 (gtk_event_controller_get_name (controller), controller_name) != 0)
        continue;

      shortcuts = G_LIST_MODEL (controller);
      for (guint j = 0; j < g_list_model_get_n_items (shortcuts); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (gtk_shortcut_trigger_equal (trigger, wanted))
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                           widget,
                                                           gtk_shortcut_get_arguments (shortcut)));
              pressed = TRUE;
            }
        }
    }

  g_assert_true (pressed);
  mb_test_spin ();
}

/* Presses @keyval with Alt in the outline, through its shortcut controller. */
static void
press_in_outline (GtkWidget *outline,
                  guint      keyval)
{
  press_shortcut (outline, "mb-outline-shortcuts", keyval, GDK_ALT_MASK | GDK_SHIFT_MASK);
}

/* A node at the first level of @strategy_id's scheme. */
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

/* The titles of the outline's rows, as the list shows them. */
static char *
outline_row_titles (MbWindow *window)
{
  GListModel *rows = G_LIST_MODEL (window->outline_selection);
  g_autoptr(GString) titles = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(MbOutlineItem) item = gtk_tree_list_row_get_item (row);

      g_string_append_printf (titles, "%s%s", titles->len ? "," : "",
                              mb_outline_item_get_title (item));
    }
  return g_string_free (g_steal_pointer (&titles), FALSE);
}

/* The outline's row widget (its MbOutlineRow) that shows @title, or NULL. */
static GtkWidget *
outline_row_widget (MbWindow   *window,
                    const char *title)
{
  GtkWidget *list = GTK_WIDGET (window->outline_list);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *expander = gtk_widget_get_first_child (row);
      GtkListItem *list_item = expander ? g_object_get_data (G_OBJECT (expander), "mb-list-item")
                                        : NULL;
      GtkTreeListRow *tree_row = list_item ? gtk_list_item_get_item (list_item) : NULL;
      g_autoptr(MbOutlineItem) item = tree_row ? gtk_tree_list_row_get_item (tree_row) : NULL;

      if (item != NULL && g_strcmp0 (mb_outline_item_get_title (item), title) == 0)
        return expander;
    }
  return NULL;
}

/* Where @title's row is in the outline's list, in the list's coordinates:
 * at @fraction of its height. */
static graphene_point_t
outline_row_point (MbWindow   *window,
                   const char *title,
                   double      fraction)
{
  GtkWidget *row = outline_row_widget (window, title);
  graphene_rect_t bounds;

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_compute_bounds (row, GTK_WIDGET (window->outline_list), &bounds));
  return GRAPHENE_POINT_INIT (bounds.origin.x + bounds.size.width / 2,
                              bounds.origin.y + bounds.size.height * fraction);
}

/* Asserts that @title's row is shown whole in the outline's list. */
static void
assert_row_in_view (MbWindow   *window,
                    const char *title)
{
  GtkWidget *row = outline_row_widget (window, title);
  graphene_rect_t bounds;

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_compute_bounds (row, GTK_WIDGET (window->outline_list), &bounds));
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                     gtk_widget_get_height (GTK_WIDGET (window->outline_list)));
}

/* Drag and drop in the outline: one drag source and one drop target on the
 * list find the row under the pointer; the middle of a row puts the node
 * under it, its lower quarter after it. */
static void
test_window_outline_drop (void)
{
  char *path;
  MbWindow *window = mb_test_open_window (app, 1280, 800, &path);
  MbStore *store = mb_window_get_store (window);
  MbSelection *selection = mb_window_get_selection (window);
  g_autofree char *s1 = mb_store_create_strategy (store, "Ett", "rus", NULL);
  g_autofree char *a = add_node (store, s1, "A");
  g_autofree char *b = add_node (store, s1, "B");
  g_autofree char *c = add_node (store, s1, "C");
  g_autofree char *dragged = NULL;
  g_autofree char *titles = NULL;
  g_autoptr(MbRecord) moved = NULL;
  graphene_point_t p;

  mb_selection_set_strategy (selection, s1);
  mb_test_wait_for_draw (GTK_WIDGET (window));

  /* A drag from C's row carries C. */
  p = outline_row_point (window, "C", 0.5);
  dragged = _mb_window_outline_node_at (window, p.x, p.y);
  g_assert_cmpstr (dragged, ==, c);

  /* C on the middle of A's row: under A. */
  p = outline_row_point (window, "A", 0.5);
  g_assert_true (_mb_window_outline_drop (window, c, p.x, p.y));
  mb_test_wait_for_draw (GTK_WIDGET (window));
  moved = mb_store_get_record (store, MB_KIND_NODE, c, NULL);
  g_assert_cmpstr (mb_record_get_string (moved, "parent_id"), ==, a);
  titles = outline_row_titles (window);
  g_assert_cmpstr (titles, ==, "A,C,B");

  /* A on the lower quarter of B's row: after B, at the top. */
  p = outline_row_point (window, "B", 0.9);
  g_assert_true (_mb_window_outline_drop (window, a, p.x, p.y));
  mb_test_wait_for_draw (GTK_WIDGET (window));
  g_clear_pointer (&titles, g_free);
  titles = outline_row_titles (window);
  g_assert_cmpstr (titles, ==, "B,A,C");

  /* Onto itself: nothing. */
  p = outline_row_point (window, "B", 0.5);
  g_assert_false (_mb_window_outline_drop (window, b, p.x, p.y));

  mb_test_close_window (window, path);
}

/* A strategy switch keeps the outline's row widgets (GTK's list view
 * rebinds them to the new rows rather than making new ones), and a node
 * selected on the canvas has its row scrolled into view, but only when it
 * is not in view already. */
static void
test_window_outline_rows (void)
{
  char *path;
  MbWindow *window = mb_test_open_window (app, 1280, 800, &path);
  MbStore *store = mb_window_get_store (window);
  MbSelection *selection = mb_window_get_selection (window);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (window->outline_list));
  g_autofree char *s1 = mb_store_create_strategy (store, "Ett", "rus", NULL);
  g_autofree char *s2 = mb_store_create_strategy (store, "Två", "rus", NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) before = g_hash_table_new (NULL, NULL);
  g_autofree char *last = NULL;
  guint kept = 0, n = 0;
  double value;

  for (guint i = 0; i < 210; i++)
    {
      g_autofree char *title = g_strdup_printf ("Ett %03u", i);

      g_ptr_array_add (ids, add_node (store, s1, title));
    }
  for (guint i = 0; i < 210; i++)
    {
      g_autofree char *title = g_strdup_printf ("Två %03u", i);

      g_free (add_node (store, s2, title));
    }

  mb_selection_set_strategy (selection, s1);
  mb_test_wait_for_draw (GTK_WIDGET (window));
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (window->outline_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    g_hash_table_add (before, row);
  g_assert_cmpuint (g_hash_table_size (before), >, 20);

  mb_selection_set_strategy (selection, s2);
  mb_test_wait_for_draw (GTK_WIDGET (window));
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (window->outline_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      n++;
      kept += g_hash_table_contains (before, row);
    }
  g_assert_nonnull (outline_row_widget (window, "Två 000"));
  g_assert_null (outline_row_widget (window, "Ett 000"));
  /* All but the few GTK keeps around the focus and the selection (of
   * lists as long as the list view's range of rows: a shorter one keeps
   * only those of its widgets that the new rows' range leaves). */
  g_assert_cmpuint (kept, >=, n - 10);

  /* Back, and the first node: its row is at the top, in view. */
  mb_selection_set_strategy (selection, s1);
  mb_test_wait_for_draw (GTK_WIDGET (window));
  mb_selection_select (selection, MB_KIND_NODE, g_ptr_array_index (ids, 0));
  mb_test_wait_for_draw (GTK_WIDGET (window));
  value = gtk_adjustment_get_value (adjustment);

  /* A node whose row is in view: the outline stays where it is. */
  mb_selection_select (selection, MB_KIND_NODE, g_ptr_array_index (ids, 2));
  mb_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, value);

  /* One far below: its row comes into view. */
  mb_selection_select (selection, MB_KIND_NODE, g_ptr_array_index (ids, 100));
  mb_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, value);
  assert_row_in_view (window, "Ett 100");

  /* And one selected right after another, before a frame: the last one
   * is scrolled to, wherever the first one took the list. */
  mb_selection_select (selection, MB_KIND_NODE, g_ptr_array_index (ids, 5));
  mb_selection_select (selection, MB_KIND_NODE, g_ptr_array_index (ids, 99));
  mb_test_wait_for_draw (GTK_WIDGET (window));
  assert_row_in_view (window, "Ett 099");
  last = g_strdup (mb_selection_get_id (selection));
  g_assert_cmpstr (last, ==, g_ptr_array_index (ids, 99));

  mb_test_close_window (window, path);
}

/* A switch fills the outline's list after its frame; whatever needs the
 * rows before (a node selected at once, as Back does) has them filled
 * first, and a second switch before the list is filled wins. */
static void
test_window_outline_follows_switch (void)
{
  char *path;
  MbWindow *window = mb_test_open_window (app, 0, 0, &path);
  MbStore *store = mb_window_get_store (window);
  MbSelection *selection = mb_window_get_selection (window);
  g_autofree char *s1 = mb_store_create_strategy (store, "Ett", "rus", NULL);
  g_autofree char *s2 = mb_store_create_strategy (store, "Två", "rus", NULL);
  g_autofree char *a1 = add_node (store, s1, "A1");
  g_autofree char *a2 = add_node (store, s1, "A2");
  g_autofree char *b1 = add_node (store, s2, "B1");
  g_autofree char *b2 = add_node (store, s2, "B2");
  g_autofree char *b3 = add_node (store, s2, "B3");
  g_autofree char *titles = NULL;
  g_autoptr(MbOutlineItem) selected = NULL;

  mb_selection_set_strategy (selection, s1);
  mb_test_spin ();
  titles = outline_row_titles (window);
  g_assert_cmpstr (titles, ==, "A1,A2");

  /* A node of the new strategy selected before the loop runs: its row. */
  mb_selection_set_strategy (selection, s2);
  mb_selection_select (selection, MB_KIND_NODE, b3);
  g_clear_pointer (&titles, g_free);
  titles = outline_row_titles (window);
  g_assert_cmpstr (titles, ==, "B1,B2,B3");
  selected = gtk_tree_list_row_get_item (
    gtk_single_selection_get_selected_item (window->outline_selection));
  g_assert_cmpstr (mb_outline_item_get_id (selected), ==, b3);
  mb_test_spin ();
  g_assert_cmpstr (mb_selection_get_id (selection), ==, b3);

  /* There and back before the list is filled: the last one shows. */
  mb_selection_set_strategy (selection, s1);
  mb_selection_set_strategy (selection, s2);
  mb_selection_set_strategy (selection, s1);
  mb_test_spin ();
  g_clear_pointer (&titles, g_free);
  titles = outline_row_titles (window);
  g_assert_cmpstr (titles, ==, "A1,A2");
  g_assert_cmpuint (gtk_single_selection_get_selected (window->outline_selection), ==,
                    GTK_INVALID_LIST_POSITION);

  mb_test_close_window (window, path);
}

/* The glyphs a widget draws, by colour (GdkRGBA → count). */
static void
count_glyphs (GskRenderNode *node,
              GHashTable    *glyphs)
{
  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        count_glyphs (gsk_container_node_get_child (node, i), glyphs);
      break;
    case GSK_TRANSFORM_NODE:
      count_glyphs (gsk_transform_node_get_child (node), glyphs);
      break;
    case GSK_CLIP_NODE:
      count_glyphs (gsk_clip_node_get_child (node), glyphs);
      break;
    case GSK_OPACITY_NODE:
      count_glyphs (gsk_opacity_node_get_child (node), glyphs);
      break;
    case GSK_DEBUG_NODE:
      count_glyphs (gsk_debug_node_get_child (node), glyphs);
      break;
    case GSK_TEXT_NODE:
      {
        GdkRGBA *color = gdk_rgba_copy (gsk_text_node_get_color (node));
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (glyphs, color));

        g_hash_table_replace (glyphs, color,
                              GUINT_TO_POINTER (n + gsk_text_node_get_num_glyphs (node)));
      }
      break;
    default:
      break;
    }
}

static GHashTable *
drawn_glyphs (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GHashTable *glyphs = g_hash_table_new_full ((GHashFunc) gdk_rgba_hash,
                                              (GEqualFunc) gdk_rgba_equal,
                                              (GDestroyNotify) gdk_rgba_free, NULL);

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  count_glyphs (node, glyphs);
  return glyphs;
}

/* The colour in which @glyphs has @n glyphs, other than @not; or NULL. */
static const GdkRGBA *
color_with_glyphs (GHashTable    *glyphs,
                   guint          n,
                   const GdkRGBA *not)
{
  GHashTableIter iter;
  gpointer color, count;

  g_hash_table_iter_init (&iter, glyphs);
  while (g_hash_table_iter_next (&iter, &color, &count))
    if (GPOINTER_TO_UINT (count) == n && (not == NULL || !gdk_rgba_equal (color, not)))
      return color;
  return NULL;
}

/* A press of the first button at @x of @row, as its click gesture sees it. */
static void
press_row (GtkWidget *row,
           double     x)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (row);
  gboolean pressed = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        {
          g_signal_emit_by_name (controller, "pressed", 1, x,
                                 gtk_widget_get_height (row) / 2.0);
          pressed = TRUE;
        }
    }
  g_assert_true (pressed);
  mb_test_spin ();
}

/* An outline row is one widget (MbOutlineRow) that measures no text: it
 * still draws its code dimmed, its title and "Overdue" in the warning
 * colour, tells a screen reader its level and title (and that it is
 * overdue, and whether it is expanded), and its expander's keys and a
 * press on it close and open it. */
static void
test_window_outline_row (void)
{
  char *path;
  MbWindow *window = mb_test_open_window (app, 1280, 800, &path);
  MbStore *store = mb_window_get_store (window);
  MbSelection *selection = mb_window_get_selection (window);
  g_autofree char *strategy_id = mb_store_create_strategy (store, "Ett", "rus", NULL);
  g_autoptr(GListModel) levels = mb_store_list_levels (store, strategy_id);
  g_autoptr(MbRecord) first_level = g_list_model_get_item (levels, 0);
  g_autoptr(MbRecord) second_level = g_list_model_get_item (levels, 1);
  g_autofree char *alfa_id = add_node (store, strategy_id, "Alfa");
  g_autofree char *beta_id = mb_store_create_node (store, strategy_id, alfa_id,
                                                   mb_record_get_id (second_level), "Beta",
                                                   NULL);
  g_autofree char *alfa_label = g_strdup_printf ("%s: Alfa",
                                                 mb_record_get_title (first_level));
  g_autofree char *beta_label = g_strdup_printf ("%s: Beta, overdue",
                                                 mb_record_get_title (second_level));
  const struct { const char *column; const char *value; } beta_fields[] = {
    { "end_date", "2021-10" }, { "status", "ongoing" },
  };
  g_autoptr(GHashTable) alfa_glyphs = NULL;
  g_autoptr(GHashTable) beta_glyphs = NULL;
  g_autofree char *titles = NULL;
  const GdkRGBA *title_color, *code_color, *overdue_color;
  GValue code = G_VALUE_INIT;
  GtkWidget *alfa, *beta;

  g_value_init (&code, G_TYPE_STRING);
  g_value_set_string (&code, "1");
  g_assert_true (mb_store_set_field (store, "nodes", alfa_id, "code", &code, NULL));
  g_value_unset (&code);
  for (guint i = 0; i < G_N_ELEMENTS (beta_fields); i++)
    {
      GValue v = G_VALUE_INIT;

      g_value_init (&v, G_TYPE_STRING);
      g_value_set_string (&v, beta_fields[i].value);
      g_assert_true (mb_store_set_field (store, "nodes", beta_id, beta_fields[i].column, &v,
                                         NULL));
      g_value_unset (&v);
    }
  mb_selection_set_strategy (selection, strategy_id);
  mb_test_wait_for_draw (GTK_WIDGET (window));

  alfa = outline_row_widget (window, "Alfa");
  beta = outline_row_widget (window, "Beta");
  g_assert_true (MB_IS_OUTLINE_ROW (alfa));
  g_assert_true (MB_IS_OUTLINE_ROW (beta));

  /* To a screen reader, as the tree expander was; the tooltip says it too. */
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (alfa), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (alfa), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       alfa_label);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (alfa), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1);
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (alfa), GTK_ACCESSIBLE_STATE_EXPANDED, TRUE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (beta), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       beta_label);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (beta), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2);
  g_assert_false (gtk_test_accessible_has_state (GTK_ACCESSIBLE (beta),
                                                 GTK_ACCESSIBLE_STATE_EXPANDED));
  g_assert_cmpstr (mb_outline_row_get_description (MB_OUTLINE_ROW (beta)), ==, beta_label);
  g_assert_true (gtk_widget_get_focusable (alfa));

  /* Its text, drawn: the title; the code in the title's colour, dimmed;
   * "⚠ Overdue" in another. */
  alfa_glyphs = drawn_glyphs (alfa);
  title_color = color_with_glyphs (alfa_glyphs, strlen ("Alfa"), NULL);
  code_color = color_with_glyphs (alfa_glyphs, strlen ("1"), title_color);
  g_assert_nonnull (title_color);
  g_assert_nonnull (code_color);
  g_assert_cmpfloat (code_color->alpha, <, title_color->alpha);
  g_assert_cmpfloat (code_color->red, ==, title_color->red);
  beta_glyphs = drawn_glyphs (beta);
  g_assert_nonnull (color_with_glyphs (beta_glyphs, strlen ("Beta"), NULL));
  overdue_color = color_with_glyphs (beta_glyphs, g_utf8_strlen (_("⚠ Overdue"), -1),
                                     title_color);
  g_assert_nonnull (overdue_color);
  g_assert_false (gdk_rgba_equal (overdue_color, title_color));

  /* The expander's keys: Shift+Left closes Alfa, Shift+Right opens it,
   * - and + as well. */
  press_shortcut (alfa, "gtk-widget-class-shortcuts", GDK_KEY_Left, GDK_SHIFT_MASK);
  mb_test_wait_for_draw (GTK_WIDGET (window));
  titles = outline_row_titles (window);
  g_assert_cmpstr (titles, ==, "Alfa");
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (alfa), GTK_ACCESSIBLE_STATE_EXPANDED, FALSE);
  press_shortcut (alfa, "gtk-widget-class-shortcuts", GDK_KEY_Right, GDK_SHIFT_MASK);
  mb_test_wait_for_draw (GTK_WIDGET (window));
  g_clear_pointer (&titles, g_free);
  titles = outline_row_titles (window);
  g_assert_cmpstr (titles, ==, "Alfa,Beta");
  press_shortcut (alfa, "gtk-widget-class-shortcuts", GDK_KEY_minus, 0);
  g_clear_pointer (&titles, g_free);
  titles = outline_row_titles (window);
  g_assert_cmpstr (titles, ==, "Alfa");
  press_shortcut (alfa, "gtk-widget-class-shortcuts", GDK_KEY_plus, 0);
  g_clear_pointer (&titles, g_free);
  titles = outline_row_titles (window);
  g_assert_cmpstr (titles, ==, "Alfa,Beta");

  /* A press on the expander (Alfa's is at the row's start) closes it; one
   * on its title does not. */
  press_row (alfa, 100);
  g_clear_pointer (&titles, g_free);
  titles = outline_row_titles (window);
  g_assert_cmpstr (titles, ==, "Alfa,Beta");
  press_row (alfa, 8);
  g_clear_pointer (&titles, g_free);
  titles = outline_row_titles (window);
  g_assert_cmpstr (titles, ==, "Alfa");

  mb_test_close_window (window, path);
}

static void
test_window_outline_keyboard (void)
{
  char *path;
  MbWindow *window = mb_test_open_window (app, 0, 0, &path);
  MbStore *store = mb_window_get_store (window);
  MbSelection *selection = mb_window_get_selection (window);
  g_autofree char *strategy_id = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *titles = NULL;
  GtkWidget *outline;

  strategy_id = mb_store_create_strategy (store, "Strategi", "rus", NULL);
  a = add_node (store, strategy_id, "A");
  b = add_node (store, strategy_id, "B");
  c = add_node (store, strategy_id, "C");
  mb_selection_set_strategy (selection, strategy_id);
  mb_selection_select (selection, "nodes", c);
  mb_test_spin ();

  /* Alt+Shift+Up on C in the outline: C moves above B. */
  outline = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW,
                                                       "outline_list"));
  g_assert_nonnull (outline);
  press_in_outline (outline, GDK_KEY_Up);
  titles = child_titles (store, strategy_id, NULL);
  g_assert_cmpstr (titles, ==, "A,C,B");
  g_assert_cmpstr (mb_selection_get_id (selection), ==, c);

  /* Alt+Shift+Right: C goes under A, the sibling above it. */
  press_in_outline (outline, GDK_KEY_Right);
  g_clear_pointer (&titles, g_free);
  titles = child_titles (store, strategy_id, a);
  g_assert_cmpstr (titles, ==, "C");

  /* Alt+Shift+Left: back beside A, right after it. */
  press_in_outline (outline, GDK_KEY_Left);
  g_clear_pointer (&titles, g_free);
  titles = child_titles (store, strategy_id, NULL);
  g_assert_cmpstr (titles, ==, "A,C,B");

  /* Alt+Shift+Down: below B. */
  press_in_outline (outline, GDK_KEY_Down);
  g_clear_pointer (&titles, g_free);
  titles = child_titles (store, strategy_id, NULL);
  g_assert_cmpstr (titles, ==, "A,B,C");

  mb_test_close_window (window, path);
}

static void
test_window_search (void)
{
  char *path;
  MbWindow *window = mb_test_open_window (app, 0, 0, &path);
  MbStore *store = mb_window_get_store (window);
  MbSelection *selection = mb_window_get_selection (window);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *node = NULL;
  GtkWidget *entry;
  GtkWidget *results;
  GtkListBoxRow *row;

  first = mb_store_create_strategy (store, "Första", "rus", NULL);
  second = mb_store_create_strategy (store, "Andra", "effect-chain", NULL);
  node = add_node (store, second, "Bredband i hela länet");
  mb_selection_set_strategy (selection, first);
  mb_test_spin ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  entry = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW,
                                                     "search_entry"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "bredband");
  g_signal_emit_by_name (entry, "search-changed");
  mb_test_spin ();

  results = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW,
                                                       "search_results"));
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (results), 0);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Bredband i hela länet");
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (results), 1));

  /* Enter goes there: the other strategy, the node selected. The switch
   * brings new cards into the canvas's view; a frame is drawn after it, so
   * that a widget queued for allocation while the window was being
   * allocated ("Trying to snapshot GtkStack … without a current
   * allocation") fails the test. */
  g_signal_emit_by_name (entry, "activate");
  mb_test_spin ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  mb_test_spin ();
  g_assert_cmpstr (mb_selection_get_strategy (selection), ==, second);
  g_assert_cmpstr (mb_selection_get_kind (selection), ==, "nodes");
  g_assert_cmpstr (mb_selection_get_id (selection), ==, node);

  mb_test_close_window (window, path);
}

static void
test_window_projects_table (void)
{
  char *path;
  MbWindow *window = mb_test_open_window (app, 0, 0, &path);
  MbStore *store = mb_window_get_store (window);
  MbSelection *selection = mb_window_get_selection (window);
  g_autofree char *strategy_id = NULL;
  g_autofree char *p1 = NULL;
  g_autofree char *p2 = NULL;
  GtkWidget *table;
  GListModel *rows;
  GtkWidget *delete;
  g_autofree char *node = NULL;
  g_autoptr(MbRecord) row = NULL;

  strategy_id = mb_store_create_strategy (store, "Strategi", "rus", NULL);
  p1 = mb_store_create_project (store, "Vägar till hållbar utveckling", "RUN/1/2024", NULL);
  p2 = mb_store_create_project (store, "InnoHeis", NULL, NULL);
  g_assert_nonnull (p2);
  mb_selection_set_strategy (selection, strategy_id);
  mb_test_spin ();

  /* The view is built when first shown. */
  g_assert_null (mb_test_find (GTK_WIDGET (window), MB_TYPE_RECORD_TABLE, NULL, NULL));
  gtk_widget_set_size_request (GTK_WIDGET (window), 1280, 800);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW, "view_stack")),
                                         "projects");
  table = mb_test_find (GTK_WIDGET (window), MB_TYPE_RECORD_TABLE, NULL, NULL);
  g_assert_nonnull (table);
  rows = mb_record_table_get_rows (MB_RECORD_TABLE (table));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);

  /* The goals column counts the nodes a project serves, and follows links. */
  node = add_node (store, strategy_id, "Utvecklingskraft");
  g_assert_true (mb_store_relate (store, MB_RELATION_PROJECT_NODE, p1, node, NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  mb_test_spin ();
  g_assert_nonnull (mb_test_find (table, GTK_TYPE_LABEL, is_one_goal, NULL));

  mb_record_table_set_filter (MB_RECORD_TABLE (table), "RUN/1");
  mb_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  row = g_list_model_get_item (rows, 0);
  g_assert_cmpstr (mb_record_get_id (row), ==, p1);

  /* Selecting it elsewhere selects its row; the delete button deletes it. */
  mb_selection_select (selection, "projects", p1);
  mb_test_spin ();
  delete = mb_test_find (table, GTK_TYPE_BUTTON, is_delete_button, NULL);
  g_assert_nonnull (delete);
  g_assert_true (gtk_widget_get_sensitive (delete));
  g_signal_emit_by_name (delete, "clicked");
  mb_test_spin ();
  g_assert_cmpuint (count_rows (store, "projects"), ==, 1);
  g_assert_null (mb_store_get_record (store, "projects", p1, NULL));

  mb_test_close_window (window, path);
}

/* Every view has its page, and selecting an item shows its details. */
static void
test_window_views (void)
{
  static const char * const names[] = { "canvas", "indicators", "projects", "calls" };
  char *path;
  MbWindow *window = mb_test_open_window (app, 0, 0, &path);
  MbStore *store = mb_window_get_store (window);
  MbSelection *selection = mb_window_get_selection (window);
  g_autofree char *strategy_id = NULL;
  g_autofree char *project_id = NULL;
  AdwViewStack *views;
  AdwFlap *flap;

  strategy_id = mb_store_create_strategy (store, "Strategi", "rus", NULL);
  project_id = mb_store_create_project (store, "InnoHeis", NULL, NULL);
  mb_selection_set_strategy (selection, strategy_id);
  mb_test_spin ();

  views = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW,
                                                         "view_stack"));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_nonnull (adw_view_stack_get_child_by_name (views, names[i]));
  g_assert_true (MB_IS_CANVAS (adw_view_stack_get_child_by_name (views, "canvas")));
  /* The others cost nothing until shown. */
  g_assert_null (mb_test_find (adw_view_stack_get_child_by_name (views, "indicators"),
                              MB_TYPE_INDICATORS_VIEW, NULL, NULL));
  adw_view_stack_set_visible_child_name (views, "indicators");
  g_assert_nonnull (mb_test_find (adw_view_stack_get_child_by_name (views, "indicators"),
                                 MB_TYPE_INDICATORS_VIEW, NULL, NULL));
  adw_view_stack_set_visible_child_name (views, "canvas");

  flap = ADW_FLAP (gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW,
                                                  "details_flap"));
  /* The details, in the flap's stack (a comparison may take their place). */
  g_assert_true (MB_IS_DETAILS_PANEL (gtk_stack_get_visible_child (
    GTK_STACK (adw_flap_get_flap (flap)))));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* The closed panel builds no editor for a selection; opened, it does. */
  g_assert_false (adw_flap_get_reveal_flap (flap));
  mb_selection_select (selection, MB_KIND_PROJECT, project_id);
  mb_test_spin ();
  g_assert_null (mb_test_find (adw_flap_get_flap (flap), MB_TYPE_FORM, NULL, NULL));
  mb_selection_clear (selection);
  mb_test_spin ();

  /* Activating a project's row opens its details. */
  adw_view_stack_set_visible_child_name (views, "projects");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_signal_emit_by_name (mb_test_find (adw_view_stack_get_child_by_name (views, "projects"),
                                      GTK_TYPE_COLUMN_VIEW, NULL, NULL), "activate", 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (mb_selection_get_id (selection), ==, project_id);
  g_assert_true (adw_flap_get_reveal_flap (flap));
  /* Shown as the flap slides in. */
  mb_test_wait_until (gtk_widget_get_mapped (adw_flap_get_flap (flap)));
  g_assert_nonnull (mb_test_find (adw_flap_get_flap (flap), MB_TYPE_FORM, NULL, NULL));

  mb_test_close_window (window, path);
}

/* The example's RUS part 2: long titles in the Roadmap's filter, a
 * follow-up round, indicators with values. */
#define RUS_DEL_2 "b674895b-0dc6-54b1-b74e-a4332b3e4d1e"

/* The Roadmap's "Contributes to", the one with a search. */
static gboolean
is_target_drop_down (GtkWidget     *widget,
                     gconstpointer  data)
{
  return gtk_drop_down_get_enable_search (GTK_DROP_DOWN (widget));
}

/* Chooses the longest string of @drop_down. */
static void
choose_longest (GtkDropDown *drop_down)
{
  GListModel *model = gtk_drop_down_get_model (drop_down);
  guint longest = 0;
  size_t length = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (strlen (gtk_string_object_get_string (item)) > length)
        {
          length = strlen (gtk_string_object_get_string (item));
          longest = i;
        }
    }
  g_assert_cmpuint (length, >, 80);
  gtk_drop_down_set_selected (drop_down, longest);
}

/* At 1280×800 the details panel opens beside every view, never over it:
 * the view stack takes the widest view's minimum width, so no view may ask
 * for more than the panel leaves. */
static void
assert_details_beside_views (void)
{
  static const char * const names[] = {
    "canvas", "indicators", "projects", "calls", "follow-up", "roadmap"
  };
  char *path;
  MbWindow *window = mb_test_open_window (app, 0, 0, &path);
  MbStore *store = mb_window_get_store (window);
  MbSelection *selection = mb_window_get_selection (window);
  GtkWidget *spinner = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                  MB_TYPE_WINDOW,
                                                                  "work_spinner"));
  AdwViewStack *views = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                       MB_TYPE_WINDOW,
                                                                       "view_stack"));
  AdwFlap *flap = ADW_FLAP (gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW,
                                                           "details_flap"));
  g_autofree char *node_id = NULL;
  int panel_min;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-example", NULL));
  mb_test_wait_until (!gtk_widget_get_visible (spinner));
  mb_test_spin ();
  node_id = _mb_store_query_text (mb_store_get_db (store),
                                  "SELECT id FROM nodes WHERE strategy_id = ?"
                                  " ORDER BY length(title) DESC LIMIT 1", "s", RUS_DEL_2);
  g_assert_nonnull (node_id);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  mb_selection_set_strategy (selection, RUS_DEL_2);
  mb_selection_select (selection, MB_KIND_NODE, node_id);
  adw_flap_set_reveal_flap (flap, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_widget_measure (adw_flap_get_flap (flap), GTK_ORIENTATION_HORIZONTAL, -1,
                      &panel_min, NULL, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkWidget *view = adw_view_stack_get_child_by_name (views, names[i]);
      int view_min;

      g_assert_nonnull (view);
      adw_view_stack_set_visible_child (views, view);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      if (g_str_equal (names[i], "roadmap"))
        {
          choose_longest (GTK_DROP_DOWN (mb_test_find (view, GTK_TYPE_DROP_DOWN,
                                                       is_target_drop_down, NULL)));
          gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
        }
      gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &view_min, NULL, NULL, NULL);
      g_test_message ("%s (%s): %d px at least, the panel %d, the content %d", names[i],
                      _("Indicators"), view_min, panel_min,
                      gtk_widget_get_width (GTK_WIDGET (flap)));
      g_assert_cmpint (view_min + panel_min, <=, gtk_widget_get_width (GTK_WIDGET (flap)));
    }
  g_assert_true (adw_flap_get_reveal_flap (flap));
  g_assert_false (adw_flap_get_folded (flap));

  mb_test_close_window (window, path);
}

static void
test_window_details_beside_views (void)
{
  assert_details_beside_views ();
}

/* Swedish words are longer ("Uppföljningen", "Skriv rapport…"): the same
 * in Swedish, in a process of its own, which the catalogue of the build
 * tree speaks. */
static void
test_window_details_beside_views_sv (void)
{
  if (g_test_subprocess ())
    {
      g_setenv ("LANGUAGE", "sv", TRUE);
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, MB_BUILD_LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      g_assert_cmpstr (_("Indicators"), ==, "Indikatorer");
      assert_details_beside_views ();
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT |
                                   G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static gboolean
has_strategies (MbStore *store)
{
  return count_rows (store, "strategies") > 0;
}

static void
test_window_open_example (void)
{
  char *path;
  MbWindow *window = mb_test_open_window (app, 0, 0, &path);
  MbStore *store = mb_window_get_store (window);
  GtkWidget *spinner;
  GtkWidget *stack;

  spinner = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW,
                                                       "work_spinner"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-example", NULL));
  /* The import runs in a worker, with the spinner showing; wait for its end. */
  g_assert_true (gtk_widget_get_visible (spinner));
  mb_test_wait_until (!gtk_widget_get_visible (spinner));
  mb_test_spin ();
  g_assert_null (mb_test_find_dialog ());
  g_assert_true (has_strategies (store));

  g_assert_cmpuint (count_rows (store, "strategies"), >=, 3);
  g_assert_cmpuint (count_rows (store, "projects"), >, 0);
  g_assert_true (mb_store_can_undo (store));
  stack = mb_test_find (GTK_WIDGET (window), GTK_TYPE_STACK, is_main_stack, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "library");

  mb_test_close_window (window, path);
}

static void
test_window_remembers_size (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWindow *window;
  int width, height;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  gtk_window_set_default_size (window, 800, 600);
  gtk_window_close (window);

  g_settings_get (settings, "window-size", "(ii)", &width, &height);
  g_assert_cmpint (width, ==, 800);
  g_assert_cmpint (height, ==, 600);
}

/* One action, one step */

typedef struct
{
  MbStore *store;
  guint    n_changed;
  guint    n_outline_rebuilds;
} Steps;

static void
steps_changed_cb (MbStore            *store,
                  const char * const *tables,
                  Steps              *steps)
{
  steps->n_changed++;
}

static void
steps_outline_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Steps      *steps)
{
  steps->n_outline_rebuilds++;
}

/* Runs @action_name on @widget (answering its dialog with @title, if
 * given) and asserts one more undo step and one "changed". */
static void
assert_one_step (Steps      *steps,
                 GtkWidget  *widget,
                 const char *action_name,
                 const char *title,
                 const char *response)
{
  gint64 before = mb_test_n_undo_steps (steps->store);
  guint n_changed = steps->n_changed;

  g_test_message ("%s", action_name);
  g_assert_true (gtk_widget_activate_action (widget, action_name, NULL));
  mb_test_spin ();
  if (response != NULL && title != NULL)
    answer_dialog (title, response);
  else if (response != NULL)
    {
      AdwMessageDialog *dialog = mb_test_find_dialog ();

      g_assert_nonnull (dialog);
      adw_message_dialog_response (dialog, response);
      gtk_window_destroy (GTK_WINDOW (dialog));
      mb_test_spin ();
    }
  g_assert_cmpint (mb_test_n_undo_steps (steps->store), ==, before + 1);
  g_assert_cmpuint (steps->n_changed, ==, n_changed + 1);
}

/* Every action the window offers that changes the library is one store
 * call: one undo step and one "changed", New Strategy with a preferred
 * layout direction too. */
static void
test_window_one_step_per_action (void)
{
  char *path;
  MbWindow *window = mb_test_open_window (app, 0, 0, &path);
  MbSelection *selection = mb_window_get_selection (window);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  Steps steps = { mb_window_get_store (window), 0, 0 };
  GtkWidget *canvas;
  GtkWidget *spinner;
  GtkWidget *entry;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gint64 before;

  g_signal_connect (steps.store, "changed", G_CALLBACK (steps_changed_cb), &steps);

  g_settings_set_string (settings, "default-layout-direction", "left-right");
  assert_one_step (&steps, GTK_WIDGET (window), "win.new-strategy", "Strategi", "create");
  g_settings_reset (settings, "default-layout-direction");
  assert_one_step (&steps, GTK_WIDGET (window), "win.new-node", "A", "create");
  a = g_strdup (mb_selection_get_id (selection));
  /* Under A, the node selected. */
  assert_one_step (&steps, GTK_WIDGET (window), "win.new-node", "B", "create");
  b = g_strdup (mb_selection_get_id (selection));
  assert_one_step (&steps, GTK_WIDGET (window), "win.new-indicator", "Indikator", "create");
  assert_one_step (&steps, GTK_WIDGET (window), "win.new-project", "Projekt", "create");
  assert_one_step (&steps, GTK_WIDGET (window), "win.new-call", "Utlysning", "create");
  assert_one_step (&steps, GTK_WIDGET (window), "win.new-organisation", "Region", "create");

  /* Move (the outline's Alt+Shift+Left): B out from under A. */
  mb_selection_select (selection, MB_KIND_NODE, b);
  before = mb_test_n_undo_steps (steps.store);
  g_assert_true (_mb_window_move_selected_node (window, "outdent"));
  mb_test_spin ();
  g_assert_cmpint (mb_test_n_undo_steps (steps.store), ==, before + 1);
  g_assert_cmpuint (steps.n_changed, ==, 8);

  /* The chart's actions. */
  canvas = mb_test_find (GTK_WIDGET (window), MB_TYPE_CANVAS, NULL, NULL);
  g_assert_nonnull (canvas);
  mb_test_wait_for_canvas (MB_CANVAS (canvas));
  mb_selection_select_nodes (selection, (const char *[]) { a, b, NULL });
  assert_one_step (&steps, canvas, "canvas.align", NULL, NULL);
  mb_test_wait_for_canvas (MB_CANVAS (canvas));
  assert_one_step (&steps, canvas, "canvas.auto-layout", NULL, NULL);
  mb_test_wait_for_canvas (MB_CANVAS (canvas));
  assert_one_step (&steps, canvas, "canvas.toggle-direction", NULL, NULL);
  mb_test_wait_for_canvas (MB_CANVAS (canvas));

  /* A node added on the chart, then its title typed there. */
  g_assert_true (mb_canvas_focus_node (MB_CANVAS (canvas), a));
  assert_one_step (&steps, canvas, "canvas.add-node", NULL, NULL);
  /* Its title is edited once a scene with it arrives, which may be a
   * later one than the first the canvas shows after the change. */
  mb_test_wait_until ((entry = _mb_canvas_get_title_entry (MB_CANVAS (canvas))) != NULL);
  mb_test_wait_for_canvas (MB_CANVAS (canvas));
  g_assert_true (_mb_canvas_get_title_entry (MB_CANVAS (canvas)) == entry);
  before = mb_test_n_undo_steps (steps.store);
  gtk_editable_set_text (GTK_EDITABLE (entry), "C");
  g_signal_emit_by_name (entry, "activate");
  mb_test_spin ();
  g_assert_cmpint (mb_test_n_undo_steps (steps.store), ==, before + 1);
  g_assert_cmpuint (steps.n_changed, ==, 13);
  mb_test_wait_for_canvas (MB_CANVAS (canvas));

  /* A link from A to B, its kind chosen in the chart's popover. */
  {
    const MbCanvasScene *scene = mb_canvas_get_scene (MB_CANVAS (canvas));

    _mb_canvas_open_link_popover (MB_CANVAS (canvas), mb_canvas_scene_lookup (scene, a),
                                  mb_canvas_scene_lookup (scene, b));
    before = mb_test_n_undo_steps (steps.store);
    g_assert_true (gtk_widget_activate_action (canvas, "canvas.link-kind", "s",
                                               "contributes-to"));
    mb_test_spin ();
    g_assert_cmpint (mb_test_n_undo_steps (steps.store), ==, before + 1);
    g_assert_cmpuint (steps.n_changed, ==, 14);
  }
  mb_test_wait_for_canvas (MB_CANVAS (canvas));

  /* Copy and paste B: one step for the paste. */
  mb_selection_select (selection, MB_KIND_NODE, b);
  g_assert_true (gtk_widget_activate_action (canvas, "canvas.copy", NULL));
  before = mb_test_n_undo_steps (steps.store);
  g_assert_true (gtk_widget_activate_action (canvas, "canvas.paste", NULL));
  mb_test_wait_until (steps.n_changed == 15);
  g_assert_cmpint (mb_test_n_undo_steps (steps.store), ==, before + 1);
  mb_test_wait_for_canvas (MB_CANVAS (canvas));

  g_assert_true (mb_canvas_focus_node (MB_CANVAS (canvas), b));
  assert_one_step (&steps, canvas, "canvas.delete-node", NULL, "delete");

  /* Undo and redo move one step each, with one "changed". */
  before = mb_test_n_undo_steps (steps.store);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (mb_test_n_undo_steps (steps.store), ==, before - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpint (mb_test_n_undo_steps (steps.store), ==, before);
  g_assert_cmpuint (steps.n_changed, ==, 18);

  /* An import, in a worker: one step, announced once by the store. */
  spinner = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW,
                                                       "work_spinner"));
  before = mb_test_n_undo_steps (steps.store);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-example", NULL));
  mb_test_wait_until (!gtk_widget_get_visible (spinner));
  mb_test_spin ();
  g_assert_cmpint (mb_test_n_undo_steps (steps.store), ==, before + 1);
  g_assert_cmpuint (steps.n_changed, ==, 19);

  mb_test_close_window (window, path);
}

/* The window re-reads what a change touched: a measurement leaves the
 * outline alone, a node rebuilds it. */
static void
test_window_reloads_what_changed (void)
{
  char *path;
  MbWindow *window = mb_test_open_window (app, 0, 0, &path);
  MbStore *store = mb_window_get_store (window);
  Steps steps = { store, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *strategy = NULL;
  g_autofree char *level = NULL;
  g_autofree char *indicator = NULL;

  strategy = mb_store_create_strategy (store, "Strategi", "rus", &error);
  g_assert_no_error (error);
  mb_selection_set_strategy (mb_window_get_selection (window), strategy);
  indicator = mb_store_create_indicator (store, strategy, "Sysselsättning", NULL, &error);
  g_assert_no_error (error);
  level = _mb_store_query_text (mb_store_get_db (store), "SELECT id FROM levels"
                                " WHERE strategy_id = ? AND position = 0", "s", strategy);
  mb_test_spin ();

  g_signal_connect (window->outline_roots, "items-changed", G_CALLBACK (steps_outline_cb),
                    &steps);
  g_free (mb_store_record_measurement (store, indicator, "2024", NULL, NULL, 71.5, NULL,
                                       &error));
  g_assert_no_error (error);
  g_free (mb_store_create_project (store, "Projekt", NULL, &error));
  g_assert_no_error (error);
  mb_test_spin ();
  g_assert_cmpuint (steps.n_outline_rebuilds, ==, 0);

  g_free (mb_store_create_node (store, strategy, NULL, level, "Mål", &error));
  g_assert_no_error (error);
  mb_test_spin ();
  g_assert_cmpuint (steps.n_outline_rebuilds, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->outline_roots)), ==, 1);

  g_signal_handlers_disconnect_by_data (window->outline_roots, &steps);
  mb_test_close_window (window, path);
}

/* Another window or process on the same library: its change shows here
 * without a restart. (Waits on the outcome, with a generous bound.) */
static void
test_window_follows_other_connection (void)
{
  char *path;
  MbWindow *window = mb_test_open_window (app, 0, 0, &path);
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                               MB_TYPE_WINDOW, "strategy_list"));
  GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  g_autoptr(MbStore) other = mb_store_open (path, MB_STORE_OPEN_NONE, NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *stack = mb_test_find (GTK_WIDGET (window), GTK_TYPE_STACK, is_main_stack, NULL);

  g_assert_nonnull (other);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  g_free (mb_store_create_strategy (other, "Från ett annat fönster", "rus", &error));
  g_assert_no_error (error);

  mb_test_wait_until (g_list_model_get_n_items (shown) > 0);
  mb_test_spin ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "library");
  g_assert_cmpstr (mb_store_get_undo_label (mb_window_get_store (window)), ==, "Add Strategy");

  g_clear_object (&other);
  mb_test_close_window (window, path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = mb_application_new ("io.github.malbild.Malbild.Test",
                            G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/window/welcome", test_window_welcome);
  g_test_add_func ("/window/new-strategy", test_window_new_strategy);
  g_test_add_func ("/window/undo-redo", test_window_undo_redo);
  g_test_add_func ("/window/outline-keyboard", test_window_outline_keyboard);
  g_test_add_func ("/window/outline-follows-switch", test_window_outline_follows_switch);
  g_test_add_func ("/window/outline-drop", test_window_outline_drop);
  g_test_add_func ("/window/outline-rows", test_window_outline_rows);
  g_test_add_func ("/window/outline-row", test_window_outline_row);
  g_test_add_func ("/window/search", test_window_search);
  g_test_add_func ("/window/projects-table", test_window_projects_table);
  g_test_add_func ("/window/views", test_window_views);
  g_test_add_func ("/window/details-beside-views", test_window_details_beside_views);
  g_test_add_func ("/window/details-beside-views-sv", test_window_details_beside_views_sv);
  g_test_add_func ("/window/open-example", test_window_open_example);
  g_test_add_func ("/window/remembers-size", test_window_remembers_size);
  g_test_add_func ("/window/one-step-per-action", test_window_one_step_per_action);
  g_test_add_func ("/window/reloads-what-changed", test_window_reloads_what_changed);
  g_test_add_func ("/window/follows-other-connection", test_window_follows_other_connection);

  return g_test_run ();
}
