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

/* The titles of the visible columns, joined by "|". */
static char *
visible_columns (GtkColumnView *view)
{
  GListModel *columns = gtk_column_view_get_columns (view);
  GString *titles = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (!gtk_column_view_column_get_visible (column))
        continue;
      if (titles->len > 0)
        g_string_append_c (titles, '|');
      g_string_append (titles, gtk_column_view_column_get_title (column));
    }
  return g_string_free (titles, FALSE);
}

static gboolean
shows_columns (GtkWindow     *window,
               int            width,
               GtkColumnView *view,
               const char    *expected)
{
  g_autofree char *shown = visible_columns (view);

  return g_str_equal (shown, expected) && gtk_widget_get_width (GTK_WIDGET (window)) == width;
}

static void
wait_for_columns (GtkWindow     *window,
                  int            width,
                  GtkColumnView *view,
                  const char    *expected)
{
  gtk_window_set_default_size (window, width, 500);
  /* Until the table has been allocated at the new width and fitted. */
  mb_test_wait_until (shows_columns (window, width, view, expected));
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

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  malbild_register_resource ();

  g_test_add_func ("/record-table/narrow", test_record_table_narrow);

  return g_test_run ();
}
