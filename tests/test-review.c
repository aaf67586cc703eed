/* test-review.c – linked strategies and review in the window, under Xvfb
 *
 * Back and forward through the places visited, the strategies' hierarchy in
 * the sidebar, the contributions page, review mode (nothing but comments
 * can be written) and review comments, each checked in the library itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "mb-application.h"
#include "mb-canvas.h"
#include "mb-contributions-page.h"
#include "mb-details-panel.h"
#include "mb-exchange.h"
#include "mb-follow-up.h"
#include "mb-follow-up-view.h"
#include "mb-form.h"
#include "mb-format.h"
#include "mb-navigation.h"
#include "mb-record.h"
#include "mb-review.h"
#include "mb-store-list-model.h"
#include "mb-store-private.h"
#include "mb-window-private.h"
#include "test-levels-util.h"
#include "test-util.h"

static MbApplication *app;

typedef struct
{
  char *dir;
  char *path;
  char *strategy;    /* "Regional strategy" */
  char *goal;        /* a priority of it */
  char *target;      /* under @goal */
  char *action;      /* under @target */
  char *project_a;   /* on @target, budget 1 000 000 */
  char *project_b;   /* on @action, budget 250 000 */
} Library;

static char *
add_node (MbStore    *store,
          const char *strategy,
          const char *parent,
          const char *level,
          const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *level_id = mb_test_find_level (store, strategy, level);
  char *id = mb_store_create_node (store, strategy, parent, level_id, title, &error);

  g_assert_no_error (error);
  return id;
}

static char *
add_project (MbStore    *store,
             const char *node,
             const char *title,
             const char *budget)
{
  g_autoptr(GError) error = NULL;
  char *id = mb_store_create_project (store, title, NULL, &error);

  g_assert_no_error (error);
  mb_test_set_text (store, "projects", id, "total_budget", budget);
  g_assert_true (mb_store_relate (store, MB_RELATION_PROJECT_NODE, id, node, &error));
  g_assert_no_error (error);
  return id;
}

static void
library_init (Library *lib)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) store = NULL;

  lib->dir = mb_test_make_dir ();
  lib->path = g_build_filename (lib->dir, "review.malbild", NULL);
  store = mb_store_open (lib->path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);

  lib->strategy = mb_store_create_strategy (store, "Regional strategy", "rus", &error);
  g_assert_no_error (error);
  lib->goal = add_node (store, lib->strategy, NULL, "Priority", "Jobs everywhere");
  lib->target = add_node (store, lib->strategy, lib->goal, "Strength area", "More firms");
  lib->action = add_node (store, lib->strategy, lib->target, "Intervention", "Advice");
  lib->project_a = add_project (store, lib->target, "Start-up support", "1000000");
  lib->project_b = add_project (store, lib->action, "Advice desk", "250000");
}

static void
library_clear (Library *lib)
{
  mb_test_remove_dir (lib->dir);
  g_free (lib->dir);
  g_free (lib->path);
  g_free (lib->strategy);
  g_free (lib->goal);
  g_free (lib->target);
  g_free (lib->action);
  g_free (lib->project_a);
  g_free (lib->project_b);
}

static void
show_details (MbWindow *window)
{
  GObject *button = gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW,
                                                   "details_button");

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
}

static guint
count_nodes (MbStore    *store,
             const char *strategy)
{
  g_autoptr(GPtrArray) nodes = mb_store_query_tree (store, strategy, NULL);

  return nodes ? nodes->len : 0;
}

/* Navigation, the object alone */

static gboolean
exists_cb (const char *kind,
           const char *id,
           gpointer    user_data)
{
  GHashTable *gone = user_data;

  return !g_hash_table_contains (gone, id);
}

static void
test_navigation_history (void)
{
  g_autoptr(MbNavigation) nav = mb_navigation_new ();
  g_autoptr(GHashTable) gone = g_hash_table_new (g_str_hash, g_str_equal);
  const char *kind, *id;

  mb_navigation_set_exists_func (nav, exists_cb, gone, NULL);
  g_assert_false (mb_navigation_can_go_back (nav));

  mb_navigation_visit (nav, "nodes", "a", "canvas");
  /* The same place: not recorded twice, but where it was seen last. */
  mb_navigation_visit (nav, "nodes", "a", "roadmap");
  mb_navigation_visit (nav, "nodes", "b", "canvas");
  mb_navigation_visit (nav, "strategies", "s", NULL);
  g_assert_cmpuint (mb_navigation_get_length (nav), ==, 3);
  g_assert_true (mb_navigation_can_go_back (nav));
  g_assert_false (mb_navigation_can_go_forward (nav));

  g_assert_true (mb_navigation_go_back (nav, &kind, &id));
  g_assert_cmpstr (id, ==, "b");
  g_assert_cmpstr (mb_navigation_get_current_view (nav), ==, "canvas");
  g_assert_true (mb_navigation_can_go_forward (nav));
  g_assert_true (mb_navigation_go_forward (nav, &kind, &id));
  g_assert_cmpstr (kind, ==, "strategies");
  g_assert_cmpstr (id, ==, "s");

  /* "b" was deleted meanwhile: Back skips it. */
  g_hash_table_add (gone, (char *) "b");
  g_assert_true (mb_navigation_go_back (nav, &kind, &id));
  g_assert_cmpstr (id, ==, "a");
  g_assert_cmpstr (mb_navigation_get_current_view (nav), ==, "roadmap");
  g_assert_false (mb_navigation_can_go_back (nav));

  /* A new visit forgets what lay ahead. */
  mb_navigation_visit (nav, "nodes", "c", NULL);
  g_assert_false (mb_navigation_can_go_forward (nav));
  g_assert_true (mb_navigation_go_back (nav, &kind, &id));
  g_assert_cmpstr (id, ==, "a");
}

/* Navigation in the window */

static void
test_window_back_forward (void)
{
  Library lib = { 0 };
  MbWindow *window;
  MbSelection *selection;
  MbStore *store;
  g_autoptr(GError) error = NULL;

  library_init (&lib);
  window = mb_test_open_window (app, 0, 0, NULL);
  g_assert_true (mb_window_open_library (window, lib.path));
  store = mb_window_get_store (window);
  selection = mb_window_get_selection (window);
  mb_test_spin ();

  /* Three places, as a user picks them (outline, canvas, search hit). */
  mb_selection_set_strategy (selection, lib.strategy);
  mb_selection_select (selection, "nodes", lib.goal);
  mb_test_spin ();
  mb_selection_select (selection, "nodes", lib.target);
  mb_test_spin ();
  mb_selection_select (selection, "projects", lib.project_a);
  mb_test_spin ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  mb_test_spin ();
  g_assert_cmpstr (mb_selection_get_id (selection), ==, lib.target);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  mb_test_spin ();
  g_assert_cmpstr (mb_selection_get_id (selection), ==, lib.goal);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-forward", NULL));
  mb_test_spin ();
  g_assert_cmpstr (mb_selection_get_id (selection), ==, lib.target);

  /* Forward to the project, then delete the target: Back skips it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-forward", NULL));
  mb_test_spin ();
  g_assert_cmpstr (mb_selection_get_kind (selection), ==, "projects");
  g_assert_true (mb_store_delete (store, "nodes", lib.action, &error));
  g_assert_true (mb_store_delete (store, "nodes", lib.target, &error));
  g_assert_no_error (error);
  mb_test_spin ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  mb_test_spin ();
  g_assert_cmpstr (mb_selection_get_id (selection), ==, lib.goal);

  mb_test_close_window (window, NULL);
  library_clear (&lib);
}

/* The sidebar's hierarchy */

static void
test_window_strategy_tree (void)
{
  Library lib = { 0 };
  MbWindow *window;
  MbStore *store;
  GtkListView *list;
  GtkSelectionModel *model;
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean found = FALSE;

  library_init (&lib);
  window = mb_test_open_window (app, 0, 0, NULL);
  g_assert_true (mb_window_open_library (window, lib.path));
  store = mb_window_get_store (window);

  plan = mb_store_create_strategy (store, "Action plan", "effect-chain", &error);
  g_assert_no_error (error);
  mb_test_set_text (store, "strategies", plan, "parent_id", lib.strategy);
  mb_test_set_text (store, "strategies", plan, "parent_relation", "part");
  mb_test_spin ();

  list = GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW,
                                                        "strategy_list"));
  model = gtk_list_view_get_model (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autoptr(MbRecord) item = gtk_tree_list_row_get_item (row);

      if (g_strcmp0 (mb_record_get_id (item), plan) == 0)
        {
          g_assert_cmpuint (gtk_tree_list_row_get_depth (row), ==, 1);
          found = TRUE;
        }
      else
        {
          g_assert_cmpuint (gtk_tree_list_row_get_depth (row), ==, 0);
          g_assert_true (gtk_tree_list_row_is_expandable (row));
        }
    }
  g_assert_true (found);

  /* The RUS under its own plan would close a circle: refused. */
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, plan);
  g_assert_false (mb_store_set_field (store, "strategies", lib.strategy, "parent_id", &value,
                                      &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_CYCLE);

  /* The same through the strategy's form: its row says why. */
  {
    MbDetailsPanel *panel;
    GtkWidget *form;
    GtkWidget *row;
    GListModel *choices;
    g_autoptr(MbRecord) record = NULL;

    mb_selection_set_strategy (mb_window_get_selection (window), lib.strategy);
    show_details (window);
    panel = MB_DETAILS_PANEL (mb_test_wait_for_mapped (GTK_WIDGET (window), MB_TYPE_DETAILS_PANEL));
    form = mb_details_panel_get_form (panel);
    row = mb_form_get_row (MB_FORM (form), "parent_id");
    g_assert_true (ADW_IS_COMBO_ROW (row));
    choices = adw_combo_row_get_model (ADW_COMBO_ROW (row));
    for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
      {
        g_autoptr(GtkStringObject) choice = g_list_model_get_item (choices, i);

        if (g_str_has_prefix (gtk_string_object_get_string (choice), "Action plan"))
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
      }
    g_assert_nonnull (mb_form_get_error (MB_FORM (form), "parent_id"));
    record = mb_store_get_record (store, "strategies", lib.strategy, NULL);
    g_assert_true (mb_record_is_null (record, "parent_id"));

    /* And the plan's relation, from part to child. */
    mb_selection_set_strategy (mb_window_get_selection (window), plan);
    mb_test_spin ();
    form = mb_details_panel_get_form (panel);
    row = mb_form_get_row (MB_FORM (form), "parent_relation");
    choices = adw_combo_row_get_model (ADW_COMBO_ROW (row));
    for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
      {
        g_autoptr(GtkStringObject) choice = g_list_model_get_item (choices, i);

        if (g_str_equal (gtk_string_object_get_string (choice), "A document under it"))
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
      }
    g_clear_object (&record);
    record = mb_store_get_record (store, "strategies", plan, NULL);
    g_assert_cmpstr (mb_record_get_string (record, "parent_relation"), ==, "child");
  }

  mb_test_close_window (window, NULL);
  library_clear (&lib);
}

/* Contributions */

static void
test_window_contributions (void)
{
  Library lib = { 0 };
  MbWindow *window;
  MbStore *store;
  MbSelection *selection;
  GtkWidget *page;
  GtkWidget *row;
  GtkStack *content;
  g_autoptr(MbContributions) expected = NULL;
  g_autofree char *budget = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;

  library_init (&lib);
  window = mb_test_open_window (app, 0, 0, NULL);
  g_assert_true (mb_window_open_library (window, lib.path));
  store = mb_window_get_store (window);
  selection = mb_window_get_selection (window);
  mb_selection_set_strategy (selection, lib.strategy);
  mb_selection_select (selection, "nodes", lib.goal);
  mb_test_spin ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-contributions",
                                             "(ss)", lib.goal, "down"));
  mb_test_spin ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  content = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW,
                                                       "content_stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "contributions");
  page = mb_test_wait_for_mapped (GTK_WIDGET (window), MB_TYPE_CONTRIBUTIONS_PAGE);
  g_assert_nonnull (page);

  /* The page shows the store's sum: 1 000 000 + 250 000. */
  expected = mb_store_query_contributions (store, lib.goal, MB_CONTRIBUTIONS_DOWN, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (expected->budget_total, ==, 1250000.0);
  budget = mb_format_amount (expected->budget_total);
  g_assert_cmpstr (budget, ==, "1,250,000 kr");
  row = mb_test_find_named (page, "budget-total");
  g_assert_nonnull (row);
  g_assert_nonnull (mb_test_find_label (row, budget));

  /* Export as CSV: the core's text, with the projects in it. */
  csv_path = g_build_filename (lib.dir, "contributions.csv", NULL);
  g_assert_true (mb_contributions_page_export (MB_CONTRIBUTIONS_PAGE (page), csv_path, FALSE,
                                               &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "kind,id,title,strategy,level,distance,budget,funding,"
                                        "progress"));
  g_assert_nonnull (strstr (csv, "Advice desk"));

  /* The page is a place: Back leaves it for the goal, Forward returns. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  mb_test_spin ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "views");
  g_assert_cmpstr (mb_selection_get_id (selection), ==, lib.goal);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-forward", NULL));
  mb_test_spin ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "contributions");

  /* Up from the action: the target and the goal. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-contributions",
                                             "(ss)", lib.action, "up"));
  mb_test_spin ();
  g_assert_cmpuint (mb_contributions_page_get_result (MB_CONTRIBUTIONS_PAGE (page))->nodes->len,
                    ==, 2);

  g_unlink (csv_path);
  mb_test_close_window (window, NULL);
  library_clear (&lib);
}

/* Review mode */

static void
test_window_review_mode (void)
{
  Library lib = { 0 };
  MbWindow *window;
  MbStore *store;
  MbSelection *selection;
  GtkWidget *banner;
  GtkWidget *comments;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(MbStore) original = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *after = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  library_init (&lib);
  g_assert_true (g_file_get_contents (lib.path, &contents, &length, NULL));
  checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents, length);
  g_clear_pointer (&contents, g_free);

  window = mb_test_open_window (app, 0, 0, NULL);
  g_assert_true (mb_window_open_review (window, lib.path));
  store = mb_window_get_store (window);
  selection = mb_window_get_selection (window);
  g_assert_true (mb_store_is_review (store));
  mb_test_spin ();
  /* The title names the file under review. */
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "“review.malbild”"));
  /* So does the header bar, the title a person sees. */
  g_assert_cmpstr (adw_view_switcher_title_get_title (ADW_VIEW_SWITCHER_TITLE (
                     gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW,
                                                    "switcher_title"))), ==,
                   "Review of “review.malbild”");

  banner = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW,
                                                       "review_banner"));
  g_assert_true (gtk_widget_get_visible (banner));
  /* The header bar's Add menu, all of whose entries edit, is off. */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (gtk_widget_get_template_child (
    GTK_WIDGET (window), MB_TYPE_WINDOW, "add_button"))));

  mb_selection_set_strategy (selection, lib.strategy);
  mb_selection_select (selection, "nodes", lib.goal);
  mb_test_spin ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* Every editing action is off, and activating it changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-node", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-strategy", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-project", NULL);
  mb_test_spin ();
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

        /* No "New …" dialog opened. */
        g_assert_false (ADW_IS_MESSAGE_DIALOG (toplevel)
                        && gtk_widget_get_visible (GTK_WIDGET (toplevel)));
      }
  }
  g_assert_cmpuint (count_nodes (store, lib.strategy), ==, 3);

  /* Nor does the outline move a node. */
  mb_selection_select (selection, "nodes", lib.target);
  mb_test_spin ();
  g_assert_false (_mb_window_move_selected_node (window, "outdent"));
  {
    g_autoptr(MbRecord) target = mb_store_get_record (store, "nodes", lib.target, NULL);

    g_assert_cmpstr (mb_record_get_string (target, "parent_id"), ==, lib.goal);
  }
  mb_selection_select (selection, "nodes", lib.goal);
  mb_test_spin ();

  /* An edit key on the canvas says why nothing happens, in a toast. */
  {
    GtkWidget *canvas = mb_test_wait_for_mapped (GTK_WIDGET (window), MB_TYPE_CANVAS);

    g_assert_null (mb_test_find_label (GTK_WIDGET (window), "Review mode: only comments can be added"));
    g_assert_true (gtk_widget_activate_action (canvas, "canvas.explain-review", NULL));
    mb_test_wait_until (mb_test_find_label (GTK_WIDGET (window),
                                            "Review mode: only comments can be added") != NULL);
  }

  {
    MbDetailsPanel *panel;

    show_details (window);
    mb_test_spin ();
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    panel = MB_DETAILS_PANEL (mb_test_wait_for_mapped (GTK_WIDGET (window), MB_TYPE_DETAILS_PANEL));
    g_assert_nonnull (panel);
    gtk_widget_activate_action (GTK_WIDGET (panel), "details.delete", NULL);
    mb_test_spin ();
    g_assert_cmpuint (count_nodes (store, lib.strategy), ==, 3);
    /* The form reads but does not edit. */
    g_assert_false (gtk_widget_is_sensitive (mb_details_panel_get_form (panel)));

    /* A comment, though, goes in. */
    comments = mb_test_wait_for_mapped (GTK_WIDGET (panel), MB_TYPE_COMMENTS_GROUP);
    g_assert_nonnull (comments);
    mb_comments_group_set_draft (MB_COMMENTS_GROUP (comments), "Eva Evaluator",
                                 "Which indicator measures this?\nPlease add one.");
    g_assert_true (mb_comments_group_submit (MB_COMMENTS_GROUP (comments)));
    mb_test_spin ();
    g_assert_cmpuint (mb_comments_group_get_n_comments (MB_COMMENTS_GROUP (comments)), ==, 1);
  }

  stored = mb_store_query_comments (store, lib.goal, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 1);
  g_assert_cmpstr (mb_record_get_string (g_ptr_array_index (stored, 0), "author"), ==,
                   "Eva Evaluator");
  g_assert_cmpstr (mb_record_get_string (g_ptr_array_index (stored, 0), "status"), ==, "open");

  /* Export and image stay available; the library file itself is untouched. */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window)));
  mb_test_close_window (window, NULL);

  g_assert_true (g_file_get_contents (lib.path, &contents, &length, NULL));
  after = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents, length);
  g_assert_cmpstr (after, ==, checksum);
  original = mb_store_open (lib.path, MB_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_clear_pointer (&stored, g_ptr_array_unref);
  stored = mb_store_query_comments (original, lib.goal, &error);
  g_assert_cmpuint (stored->len, ==, 0);
  g_clear_object (&original);

  library_clear (&lib);
}

/* Comments in normal mode, and the strategy's list of open ones */

static void
test_window_comments (void)
{
  Library lib = { 0 };
  MbWindow *window;
  MbStore *store;
  g_autoptr(GError) error = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *link = NULL;
  GtkWidget *review;

  library_init (&lib);
  window = mb_test_open_window (app, 0, 0, NULL);
  g_assert_true (mb_window_open_library (window, lib.path));
  store = mb_window_get_store (window);

  comment = mb_store_add_comment (store, "nodes", lib.target, "Rita Reviewer", "Too vague",
                                  &error);
  g_assert_no_error (error);
  link = mb_store_create_link (store, lib.action, lib.goal, "conflicts-with", &error);
  g_assert_no_error (error);

  mb_selection_set_strategy (mb_window_get_selection (window), lib.strategy);
  show_details (window);
  mb_test_spin ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  review = mb_test_wait_for_mapped (GTK_WIDGET (window), MB_TYPE_STRATEGY_REVIEW);
  g_assert_cmpuint (mb_strategy_review_get_n_open_comments (MB_STRATEGY_REVIEW (review)), ==, 1);
  g_assert_cmpuint (mb_strategy_review_get_n_conflicts (MB_STRATEGY_REVIEW (review)), ==, 1);

  /* A link of another strategy is shown in that strategy. */
  {
    g_autofree char *plan = mb_store_create_strategy (store, "Plan", "rus", &error);
    g_autofree char *a = add_node (store, plan, NULL, "Priority", "A");
    g_autofree char *b = add_node (store, plan, NULL, "Priority", "B");
    g_autofree char *elsewhere = mb_store_create_link (store, a, b, "conflicts-with", &error);

    g_assert_no_error (error);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-to", "(ss)",
                                               "links", elsewhere));
    mb_test_spin ();
    g_assert_cmpstr (mb_selection_get_strategy (mb_window_get_selection (window)), ==, plan);
    g_assert_cmpstr (mb_selection_get_id (mb_window_get_selection (window)), ==, elsewhere);
    /* Back to the strategy, whose details list its conflicts again. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
    mb_test_spin ();
    g_assert_cmpstr (mb_selection_get_strategy (mb_window_get_selection (window)), ==,
                     lib.strategy);
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    review = mb_test_wait_for_mapped (GTK_WIDGET (window), MB_TYPE_STRATEGY_REVIEW);
  }

  /* Resolved, it leaves the strategy's list. */
  g_assert_true (mb_store_set_comment_resolved (store, comment, TRUE, &error));
  mb_test_spin ();
  g_assert_cmpuint (mb_strategy_review_get_n_open_comments (MB_STRATEGY_REVIEW (review)), ==, 0);

  mb_test_close_window (window, NULL);
  library_clear (&lib);
}

/* The follow-up in review: a reviewer comments on a goal's assessment in
 * the Follow-up view, sees it there and in the strategy's list of open
 * comments, whose row leads back to the assessment. */

/* The Follow-up view, built when first shown (into a bin). */
static MbFollowUpView *
follow_up_view (MbWindow *window)
{
  GtkWidget *page = adw_view_stack_get_child_by_name (window->view_stack, "follow-up");

  if (ADW_IS_BIN (page))
    page = adw_bin_get_child (ADW_BIN (page));
  g_assert_true (MB_IS_FOLLOW_UP_VIEW (page));
  return MB_FOLLOW_UP_VIEW (page);
}

static void
test_window_assessment_comments (void)
{
  Library lib = { 0 };
  MbWindow *window;
  MbStore *store;
  MbFollowUpView *view;
  MbAssessmentEditor *editor;
  MbCommentsGroup *comments;
  GtkWidget *review;
  GtkWidget *row;
  g_autoptr(GError) error = NULL;
  g_autofree char *round = NULL;
  g_autofree char *assessment = NULL;
  g_autoptr(GPtrArray) stored = NULL;

  library_init (&lib);
  {
    g_autoptr(MbStore) original = mb_store_open (lib.path, MB_STORE_OPEN_NONE, &error);
    MbAssessmentEdit edit = { NULL, lib.goal, MB_ASSESSMENT_AT_RISK, FALSE, 0, NULL,
                              "Few new firms", "Maria" };

    g_assert_no_error (error);
    round = mb_follow_up_create_round (original, lib.strategy, 2025, &error);
    g_assert_no_error (error);
    edit.round_id = round;
    g_assert_true (mb_follow_up_assess (original, &edit, &error));
    g_assert_no_error (error);
    assessment = _mb_store_query_text (mb_store_get_db (original),
                                       "SELECT id FROM assessments", NULL);
  }

  window = mb_test_open_window (app, 0, 0, NULL);
  g_assert_true (mb_window_open_review (window, lib.path));
  store = mb_window_get_store (window);
  mb_selection_set_strategy (mb_window_get_selection (window), lib.strategy);
  adw_view_stack_set_visible_child_name (window->view_stack, "follow-up");
  mb_test_spin ();
  view = follow_up_view (window);
  g_assert_cmpstr (mb_follow_up_view_get_round_id (view), ==, round);

  /* A goal not assessed has nothing to comment on yet. */
  editor = mb_follow_up_view_get_editor (view);
  g_assert_true (mb_follow_up_view_select_goal (view, lib.target));
  mb_test_spin ();
  g_assert_null (mb_assessment_editor_get_comments (editor));

  /* The assessed one takes a comment, though nothing else can be saved. */
  g_assert_true (mb_follow_up_view_select_goal (view, lib.goal));
  mb_test_spin ();
  comments = mb_assessment_editor_get_comments (editor);
  g_assert_nonnull (comments);
  g_assert_cmpuint (mb_comments_group_get_n_comments (comments), ==, 0);
  g_assert_false (mb_assessment_editor_save (editor));
  mb_comments_group_set_draft (comments, "Eva Evaluator", "Which figures show the risk?");
  g_assert_true (mb_comments_group_submit (comments));
  mb_test_spin ();
  g_assert_cmpuint (mb_comments_group_get_n_comments (comments), ==, 1);
  stored = mb_store_query_comments (store, assessment, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 1);
  g_assert_cmpstr (mb_record_get_string (stored->pdata[0], "assessment_id"), ==, assessment);
  g_assert_cmpstr (mb_record_get_string (stored->pdata[0], "author"), ==, "Eva Evaluator");

  /* The strategy's open comments list it, and its row leads back. */
  adw_view_stack_set_visible_child_name (window->view_stack, "canvas");
  mb_selection_select (mb_window_get_selection (window), MB_KIND_STRATEGY, lib.strategy);
  show_details (window);
  mb_test_spin ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  review = mb_test_wait_for_mapped (GTK_WIDGET (window), MB_TYPE_STRATEGY_REVIEW);
  g_assert_cmpuint (mb_strategy_review_get_n_open_comments (MB_STRATEGY_REVIEW (review)), ==, 1);
  row = mb_test_find_row (review, "Which figures show the risk?");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "On the assessment of “Jobs everywhere” in Follow-up 2025"));
  g_assert_true (mb_follow_up_view_select_goal (view, lib.target));
  mb_test_spin ();
  adw_action_row_activate (ADW_ACTION_ROW (row));
  mb_test_spin ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "follow-up");
  g_assert_cmpstr (mb_follow_up_view_get_round_id (view), ==, round);
  comments = mb_assessment_editor_get_comments (editor);
  g_assert_nonnull (comments);
  g_assert_cmpuint (mb_comments_group_get_n_comments (comments), ==, 1);

  mb_test_close_window (window, NULL);
  library_clear (&lib);
}

/* Search finds a round by its decision and an activity by an organisation
 * that took part; Enter opens each where it is edited. */
static void
test_window_search_follow_up (void)
{
  Library lib = { 0 };
  MbWindow *window;
  MbStore *store;
  MbFollowUpView *view;
  MbSelection *selection;
  MbDetailsPanel *panel;
  g_autoptr(GError) error = NULL;
  g_autofree char *round = NULL;
  g_autofree char *other_round = NULL;
  g_autofree char *organisation = NULL;
  g_autofree char *activity = NULL;
  GtkListBoxRow *first;
  GtkWidget *pages;

  library_init (&lib);
  window = mb_test_open_window (app, 0, 0, NULL);
  g_assert_true (mb_window_open_library (window, lib.path));
  store = mb_window_get_store (window);
  selection = mb_window_get_selection (window);

  round = mb_follow_up_create_round (store, lib.strategy, 2021, &error);
  g_assert_no_error (error);
  other_round = mb_follow_up_create_round (store, lib.strategy, 2025, &error);
  g_assert_no_error (error);
  mb_test_set_text (store, "follow_up_rounds", round, "decision_number", "RUN/12/2022");
  organisation = mb_store_create_organisation (store, "Mittuniversitetet", "academia", &error);
  g_assert_no_error (error);
  {
    const char *organisations[] = { organisation, NULL };
    MbActivityEdit edit = { lib.strategy, MB_ACTIVITY_WORKSHOP, "Workshop on skills", NULL,
                            { 0 }, { MB_PERIOD_MONTH, 2021, 10, 0 }, NULL, 12, NULL,
                            organisations, NULL, NULL, NULL };

    activity = mb_follow_up_create_activity (store, &edit, &error);
    g_assert_no_error (error);
  }
  mb_selection_set_strategy (selection, lib.strategy);
  mb_test_spin ();

  gtk_search_bar_set_search_mode (window->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (window->search_entry), "Mittuniversitetet");
  _mb_window_run_search (window);
  /* The organisation and the activity it took part in, each under its kind. */
  g_assert_nonnull (mb_test_find_label (GTK_WIDGET (window->search_results), "Activities"));
  g_assert_nonnull (mb_test_find_label (GTK_WIDGET (window->search_results), "Organisations"));
  first = gtk_list_box_get_row_at_index (window->search_results, 0);
  g_assert_cmpstr (g_object_get_data (G_OBJECT (first), "mb-kind"), ==, MB_KIND_ACTIVITY);
  g_signal_emit_by_name (window->search_entry, "activate");
  mb_test_spin ();
  g_assert_false (gtk_search_bar_get_search_mode (window->search_bar));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "follow-up");
  view = follow_up_view (window);
  g_assert_cmpstr (mb_follow_up_view_get_round_id (view), ==, round);
  g_assert_cmpstr (mb_selection_get_kind (selection), ==, MB_KIND_ACTIVITY);
  g_assert_cmpstr (mb_selection_get_id (selection), ==, activity);
  pages = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), MB_TYPE_FOLLOW_UP_VIEW,
                                                     "pages"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (pages)), ==, "activities");
  {
    GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (view),
                                                                    MB_TYPE_FOLLOW_UP_VIEW,
                                                                    "activity_list"));
    GtkListBoxRow *selected = gtk_list_box_get_selected_row (list);

    g_assert_nonnull (selected);
    g_assert_cmpstr (g_object_get_data (G_OBJECT (selected), "mb-id"), ==, activity);
  }
  /* Its editor is open beside the list. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  panel = MB_DETAILS_PANEL (mb_test_wait_for_mapped (GTK_WIDGET (window), MB_TYPE_DETAILS_PANEL));
  g_assert_true (MB_IS_FORM (mb_details_panel_get_form (panel)));
  g_assert_cmpstr (mb_form_get_table (MB_FORM (mb_details_panel_get_form (panel))), ==,
                   "activities");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mb_form_get_row (
    MB_FORM (mb_details_panel_get_form (panel)), "title"))), ==, "Workshop on skills");

  /* The round by its decision: the round's own page. */
  mb_follow_up_view_select_round (view, other_round);
  gtk_search_bar_set_search_mode (window->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (window->search_entry), "RUN/12/2022");
  g_signal_emit_by_name (window->search_entry, "activate");
  mb_test_spin ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "follow-up");
  g_assert_cmpstr (mb_follow_up_view_get_round_id (view), ==, round);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (pages)), ==, "round-details");

  mb_test_close_window (window, NULL);
  library_clear (&lib);
}

/* A library that cannot be opened at start-up gets its dialog once the
 * window has mapped; a window closed before then takes the dialog with it. */
static void
test_window_error_dialog_goes_with_window (void)
{
  MbWindow *window = mb_window_new (app);
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_assert_false (mb_window_open_review (window, "/nonexistent/folder/review.malbild"));
  gtk_window_present (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (window));
  mb_test_spin ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      g_assert_false (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (toplevel));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = mb_application_new ("io.github.malbild.Malbild.ReviewTest",
                            G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/review/navigation-history", test_navigation_history);
  g_test_add_func ("/review/back-forward", test_window_back_forward);
  g_test_add_func ("/review/strategy-tree", test_window_strategy_tree);
  g_test_add_func ("/review/contributions", test_window_contributions);
  g_test_add_func ("/review/review-mode", test_window_review_mode);
  g_test_add_func ("/review/comments", test_window_comments);
  g_test_add_func ("/review/assessment-comments", test_window_assessment_comments);
  g_test_add_func ("/review/search-follow-up", test_window_search_follow_up);
  g_test_add_func ("/review/error-dialog-goes-with-window",
                   test_window_error_dialog_goes_with_window);

  return g_test_run ();
}
