/* mb-list-focus.c – put the focus on one row of a list or column view
 *
 * GTK 4.12 has gtk_list_view_scroll_to() with GTK_LIST_SCROLL_FOCUS. Before
 * that, the list's "list.scroll-to-item" action only scrolls: the row's
 * widget is found among the list's children, by the item its cell was made
 * for, and takes the focus itself (the list follows its focus child).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mb-list-focus.h"

#define ITEM_KEY "mb-list-focus-item"

void
mb_list_focus_mark (GtkWidget   *child,
                    GtkListItem *item)
{
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (GTK_IS_LIST_ITEM (item));

  g_object_set_data (G_OBJECT (child), ITEM_KEY, item);
}

static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

#if !GTK_CHECK_VERSION (4, 12, 0)
/* The descendant of @widget marked as made for the item at @position. */
static gboolean
shows_position (GtkWidget *widget,
                guint      position)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (widget), ITEM_KEY);

  if (item != NULL)
    return gtk_list_item_get_position (item) == position;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_position (child, position))
      return TRUE;
  return FALSE;
}
#endif

#if !GTK_CHECK_VERSION (4, 12, 0)
static gboolean
focus_row (GtkWidget *list,
           guint      position)
{
  GtkWidget *rows = list;

  /* A column view's rows are those of the list view inside it. */
  if (GTK_IS_COLUMN_VIEW (list))
    for (rows = gtk_widget_get_first_child (list); rows != NULL && !GTK_IS_LIST_VIEW (rows);
         rows = gtk_widget_get_next_sibling (rows))
      ;
  if (rows == NULL)
    return FALSE;

  gtk_widget_activate_action (rows, "list.scroll-to-item", "u", position);
  for (GtkWidget *row = gtk_widget_get_first_child (rows); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_child_visible (row) && shows_position (row, position))
      return gtk_widget_grab_focus (row);
  return FALSE;
}
#endif

gboolean
mb_list_focus_position (GtkWidget *list,
                        guint      position)
{
  g_return_val_if_fail (GTK_IS_LIST_VIEW (list) || GTK_IS_COLUMN_VIEW (list), FALSE);

#if GTK_CHECK_VERSION (4, 12, 0)
  if (GTK_IS_COLUMN_VIEW (list))
    gtk_column_view_scroll_to (GTK_COLUMN_VIEW (list), position, NULL, GTK_LIST_SCROLL_FOCUS,
                               NULL);
  else
    gtk_list_view_scroll_to (GTK_LIST_VIEW (list), position, GTK_LIST_SCROLL_FOCUS, NULL);
#else
  focus_row (list, position);
#endif
  return has_focus_within (list);
}
