/* test-record-table.c – the Projects and Funding Calls tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "malbild-resources.h"
#include "mb-record-table.h"
#include "mb-selection.h"
#include "test-store-util.h"
#include "test-table-util.h"

static void
wait_for_columns (GtkWindow     *window,
                  int            width,
                  GtkColumnView *view,
                  const char    *expected)
{
  gtk_window_set_default_size (window, width, 500);
  /* Until the table has been allocated at the new width and fitted. */
  mb_test_wait_until (mb_test_shows_columns (window, width, view, expected));
}

/* With the details panel open the table is narrow: the columns that matter
 * least give way, so that the title stays readable; they return with room. */
static void
test_record_table_narrow (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = mb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "table.malbild", NULL);
  g_autoptr(MbStore) store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_autoptr(MbSelection) selection = mb_selection_new ();
  g_autofree char *project = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *table;
  GtkColumnView *view;

  g_assert_no_error (error);
  project = mb_store_create_project (store, "Byanät i Östersunds kommun", "RUN/683/2020",
                                     &error);
  g_assert_no_error (error);
  table = mb_record_table_new (MB_KIND_PROJECT, store, selection);
  gtk_window_set_child (GTK_WINDOW (window), table);
  gtk_window_present (GTK_WINDOW (window));
  view = GTK_COLUMN_VIEW (mb_test_find_type (table, GTK_TYPE_COLUMN_VIEW));
  g_assert_nonnull (view);

  wait_for_columns (GTK_WINDOW (window), 1000, view,
                    "Title|Registration No.|Status|Start|End|Budget|Goals");
  /* About 1280 wide, less the sidebar and the details panel. */
  wait_for_columns (GTK_WINDOW (window), 700, view, "Title|Registration No.|Status|Budget|Goals");
  wait_for_columns (GTK_WINDOW (window), 600, view, "Title|Status|Budget|Goals");
  wait_for_columns (GTK_WINDOW (window), 480, view, "Title|Status|Budget");
  wait_for_columns (GTK_WINDOW (window), 1000, view,
                    "Title|Registration No.|Status|Start|End|Budget|Goals");

  gtk_window_destroy (GTK_WINDOW (window));
  mb_test_spin ();
  g_clear_object (&store);
  mb_test_remove_dir (dir);
}

/* Whether hovering @widget shows a tooltip, as GTK asks it. */
static gboolean
shows_tooltip (GtkWidget *widget)
{
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  if (!gtk_widget_get_has_tooltip (widget))
    return FALSE;
  g_signal_emit_by_name (widget, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
  return shown;
}

/* A cell cut with an ellipsis shows its whole text as a tooltip, whatever
 * its column; one shown whole has no tooltip to repeat it. */
static void
test_record_table_cut_cells (void)
{
  static const char *long_title = "Utveckla färdigheter för smart specialisering i hela "
                                  "Jämtlands län, med kommunerna och lärosätena";
  static const char *long_number = "RUN/683/2020-ÖSTERSUNDS-KOMMUN-1234";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = mb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "table.malbild", NULL);
  g_autoptr(MbStore) store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_autoptr(MbSelection) selection = mb_selection_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *table;
  GtkWidget *title;

  g_assert_no_error (error);
  g_free (mb_store_create_project (store, long_title, long_number, &error));
  g_free (mb_store_create_project (store, "InnoHeis", NULL, &error));
  g_assert_no_error (error);
  table = mb_record_table_new (MB_KIND_PROJECT, store, selection);
  gtk_window_set_child (GTK_WINDOW (window), table);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_columns (GTK_WINDOW (window), 700,
                    GTK_COLUMN_VIEW (mb_test_find_type (table, GTK_TYPE_COLUMN_VIEW)),
                    "Title|Registration No.|Status|Budget|Goals");
  gtk_test_widget_wait_for_draw (window);

  /* The title takes the room the hidden columns left (GTK 4.8 kept it). */
  title = GTK_WIDGET (mb_test_find_label (table, long_title));
  g_assert_cmpint (gtk_widget_get_width (title), >=, 240 - 24);
  g_assert_true (shows_tooltip (title));
  g_assert_true (shows_tooltip (GTK_WIDGET (mb_test_find_label (table, long_number))));
  g_assert_false (shows_tooltip (GTK_WIDGET (mb_test_find_label (table, "InnoHeis"))));

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
  malbild_register_resource ();

  g_test_add_func ("/record-table/narrow", test_record_table_narrow);
  g_test_add_func ("/record-table/cut-cells", test_record_table_cut_cells);

  return g_test_run ();
}
