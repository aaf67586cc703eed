/* mb-list-focus.h – put the focus on one row of a list or column view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Marks @child as the widget of @item (call it from a factory's "setup"),
 * so that mb_list_focus_position() can find its row on GTK before 4.12. */
void     mb_list_focus_mark     (GtkWidget   *child,
                                 GtkListItem *item);

/* Scrolls @list (a GtkListView or GtkColumnView) to the row at @position
 * and gives that row the focus. FALSE if the row has no widget yet (the
 * list is not laid out) or did not take the focus. */
gboolean mb_list_focus_position (GtkWidget   *list,
                                 guint        position);

G_END_DECLS
