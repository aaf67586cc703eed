/* test-contributions-page.c – the contributions page builds only what is seen
 *
 * A goal with thousands of goals below it: the page lists them all through
 * a list view that makes row widgets only for what is on screen (a bounded
 * number, however long the result), a row goes to its goal, and leaving the
 * page frees the result, the model and the rows; coming back asks again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "mb-contributions-page.h"
#include "mb-record.h"
#include "mb-selection.h"
#include "core/mb-store-private.h"
#include "test-util.h"

#define N_GOALS 3000
/* Rows a window of 1024 × 768 can show, and then some: far fewer than the result. */
#define MAX_ROW_WIDGETS 300

static guint
count_rows (GtkWidget *root)
{
  guint n = gtk_widget_has_css_class (root, "mb-contributions-row") ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);
  return n;
}

static void
go_to_cb (MbContributionsPage *page,
          const char          *kind,
          const char          *id,
          char               **out)
{
  g_free (*out);
  *out = g_strdup_printf ("%s %s", kind, id);
}

/* A strategy whose top goal has N_GOALS goals below it. */
static char *
make_library (MbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *strategy = mb_store_create_strategy (store, "Big strategy", "rus", &error);
  g_autofree char *level = NULL;
  g_autofree char *child_level = NULL;
  sqlite3 *db = mb_store_get_db (store);
  char *root;

  g_assert_no_error (error);
  level = _mb_store_query_text (db, "SELECT id FROM levels WHERE strategy_id = ?"
                                    " ORDER BY position LIMIT 1", "s", strategy);
  child_level = _mb_store_query_text (db, "SELECT id FROM levels WHERE strategy_id = ?"
                                          " ORDER BY position LIMIT 1 OFFSET 1", "s", strategy);
  g_assert_nonnull (child_level);
  root = mb_store_create_node (store, strategy, NULL, level, "The vision", &error);
  g_assert_no_error (error);

  g_assert_true (_mb_store_exec (db, &error, "BEGIN", NULL));
  for (guint i = 0; i < N_GOALS; i++)
    {
      g_autofree char *id = mb_store_new_id ();
      g_autofree char *title = g_strdup_printf ("Goal %04u", i);

      g_assert_true (_mb_store_exec (db, &error,
                                     "INSERT INTO nodes (id, strategy_id, level_id, parent_id,"
                                     " position, title, created, modified)"
                                     " VALUES (?, ?, ?, ?, ?, ?, '2026-01-01', '2026-01-01')",
                                     "ssssis", id, strategy, child_level, root, (int) i, title));
      g_assert_no_error (error);
    }
  g_assert_true (_mb_store_exec (db, &error, "COMMIT", NULL));
  return root;
}

typedef struct
{
  GtkWidget *list;
  gboolean   painted;
  double     upper;      /* of the list, at the end of its first frame */
  double     page_size;
  guint      n_lines;    /* in its model then */
} FirstFrame;

static void
first_frame_cb (GdkFrameClock *clock,
                FirstFrame    *first)
{
  GtkAdjustment *vadjustment;
  GtkSelectionModel *selection;

  if (first->painted || !gtk_widget_get_mapped (first->list)
      || (selection = gtk_list_view_get_model (GTK_LIST_VIEW (first->list))) == NULL)
    return;
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (first->list));
  first->painted = TRUE;
  first->upper = gtk_adjustment_get_upper (vadjustment);
  first->page_size = gtk_adjustment_get_page_size (vadjustment);
  first->n_lines = g_list_model_get_n_items (G_LIST_MODEL (selection));
}

static void
test_long_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = mb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "big.malbild", NULL);
  g_autoptr(MbStore) store = NULL;
  g_autofree char *root = NULL;
  g_autofree char *went_to = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *elsewhere = gtk_label_new ("Elsewhere");
  GtkWidget *page;
  GtkWidget *list;
  GtkWidget *budget;
  GtkSelectionModel *selection;
  GListModel *model;
  GtkAdjustment *vadjustment;
  const MbContributions *result;
  guint n_rows;
  FirstFrame first = { NULL };
  gulong after_paint;

  g_assert_no_error (error);
  store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  root = make_library (store);

  page = mb_contributions_page_new (store);
  g_signal_connect (page, "go-to", G_CALLBACK (go_to_cb), &went_to);
  gtk_stack_add_named (GTK_STACK (stack), elsewhere, "elsewhere");
  gtk_stack_add_named (GTK_STACK (stack), page, "contributions");
  gtk_window_set_child (GTK_WINDOW (window), stack);
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 768);
  gtk_window_present (GTK_WINDOW (window));

  gtk_test_widget_wait_for_draw (window);
  first.list = mb_test_find_type (page, GTK_TYPE_LIST_VIEW);
  after_paint = g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                                  G_CALLBACK (first_frame_cb), &first);
  mb_contributions_page_show (MB_CONTRIBUTIONS_PAGE (page), root, MB_CONTRIBUTIONS_DOWN);
  gtk_stack_set_visible_child (GTK_STACK (stack), page);
  mb_test_wait_until (first.painted);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (window), after_paint);
  mb_test_spin ();

  /* The first frame has a screenful of lines, and not all of them. */
  g_assert_cmpfloat (first.page_size, >, 300);
  g_assert_cmpfloat (first.upper, >, first.page_size);
  g_assert_cmpuint (first.n_lines, <, 3 + 1 + N_GOALS);

  /* Everything is in the model... */
  result = mb_contributions_page_get_result (MB_CONTRIBUTIONS_PAGE (page));
  g_assert_nonnull (result);
  g_assert_cmpuint (result->nodes->len, ==, N_GOALS);
  list = mb_test_find_type (page, GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (list);
  selection = gtk_list_view_get_model (GTK_LIST_VIEW (list));
  g_assert_true (GTK_IS_NO_SELECTION (selection));
  model = gtk_no_selection_get_model (GTK_NO_SELECTION (selection));
  /* The money's three lines, the strategy's heading and the goals: a
   * screenful first, the rest in the frames after it. */
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 4);
  mb_test_wait_until (g_list_model_get_n_items (model) == 3 + 1 + N_GOALS);
  g_object_add_weak_pointer (G_OBJECT (model), (gpointer *) &model);

  /* ...but only what is seen has a widget. */
  n_rows = count_rows (page);
  g_assert_cmpuint (n_rows, >, 4);
  g_assert_cmpuint (n_rows, <, MAX_ROW_WIDGETS);
  /* The money comes first, named as before. */
  budget = mb_test_find_named (page, "budget-total");
  g_assert_nonnull (budget);

  /* Scrolled to the end: the last goals, still a bounded number of rows. */
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  for (guint i = 0; i < 5; i++)
    {
      gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
      gtk_test_widget_wait_for_draw (window);
      mb_test_spin ();
    }
  g_assert_cmpuint (count_rows (page), <, MAX_ROW_WIDGETS);

  /* A goal's row goes to it. */
  {
    g_autoptr(GObject) item = g_list_model_get_item (model, 4 + 10);
    MbRecord *goal = g_ptr_array_index (result->nodes, 10);

    g_assert_nonnull (item);
    g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", 4 + 10));
    expected = g_strdup_printf ("%s %s", MB_KIND_NODE, mb_record_get_id (goal));
    g_assert_cmpstr (went_to, ==, expected);
    g_clear_pointer (&went_to, g_free);
    /* The money is not a place: nothing to go to. */
    gtk_widget_activate_action (list, "list.activate-item", "u", 1);
    g_assert_null (went_to);
  }

  /* Leaving the page frees the result, the model and the rows. */
  gtk_stack_set_visible_child (GTK_STACK (stack), elsewhere);
  gtk_test_widget_wait_for_draw (window);
  mb_test_spin ();
  g_assert_null (model);
  g_assert_null (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  g_assert_null (mb_contributions_page_get_result (MB_CONTRIBUTIONS_PAGE (page)));
  g_assert_cmpuint (count_rows (page), ==, 0);

  /* Coming back asks again. */
  gtk_stack_set_visible_child (GTK_STACK (stack), page);
  gtk_test_widget_wait_for_draw (window);
  mb_test_spin ();
  result = mb_contributions_page_get_result (MB_CONTRIBUTIONS_PAGE (page));
  g_assert_nonnull (result);
  g_assert_cmpuint (result->nodes->len, ==, N_GOALS);
  g_assert_cmpuint (count_rows (page), >, 4);
  g_assert_cmpuint (count_rows (page), <, MAX_ROW_WIDGETS);

  gtk_window_destroy (GTK_WINDOW (window));
  mb_test_spin ();
  g_clear_object (&store);
  mb_test_remove_dir (dir);
}

/* A goal with nothing below it: the empty state, and nothing to export. */
static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = mb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "small.malbild", NULL);
  g_autofree char *export_path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr(MbStore) store = NULL;
  g_autofree char *strategy = NULL;
  g_autofree char *level = NULL;
  g_autofree char *node = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page;
  GtkWidget *status;

  g_assert_no_error (error);
  store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  strategy = mb_store_create_strategy (store, "Small strategy", "rus", &error);
  g_assert_no_error (error);
  level = _mb_store_query_text (mb_store_get_db (store), "SELECT id FROM levels WHERE"
                                " strategy_id = ? ORDER BY position LIMIT 1", "s", strategy);
  node = mb_store_create_node (store, strategy, NULL, level, "Alone", &error);
  g_assert_no_error (error);

  page = mb_contributions_page_new (store);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  mb_contributions_page_show (MB_CONTRIBUTIONS_PAGE (page), node, MB_CONTRIBUTIONS_DOWN);
  gtk_test_widget_wait_for_draw (window);
  mb_test_spin ();

  status = mb_test_find_type (page, ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_get_mapped (status));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==,
                   "Nothing Contributes Yet");
  g_assert_cmpuint (count_rows (page), ==, 0);
  /* The empty result is still a result: it exports. */
  g_assert_true (mb_contributions_page_export (MB_CONTRIBUTIONS_PAGE (page), export_path, FALSE,
                                               &error));
  g_assert_no_error (error);

  gtk_window_destroy (GTK_WINDOW (window));
  mb_test_spin ();
  g_clear_object (&store);
  mb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/contributions-page/long-list", test_long_list);
  g_test_add_func ("/contributions-page/empty", test_empty);

  return g_test_run ();
}
