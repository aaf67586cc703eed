/* test-table-util.h – what a table shows, for the suites of the views with tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "test-util.h"

/* The titles of @view's visible columns, joined by "|", newly allocated. */
static inline char *
mb_test_visible_columns (GtkColumnView *view)
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

/* Whether @window is @width wide and @view shows the columns @expected. */
static inline gboolean
mb_test_shows_columns (GtkWindow     *window,
                       int            width,
                       GtkColumnView *view,
                       const char    *expected)
{
  g_autofree char *shown = mb_test_visible_columns (view);

  return g_str_equal (shown, expected) && gtk_widget_get_width (GTK_WIDGET (window)) == width;
}
