/* mb-outline-row.h – a node's row in the outline, drawn as one widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "mb-outline-item.h"

G_BEGIN_DECLS

#define MB_TYPE_OUTLINE_ROW (mb_outline_row_get_type ())

G_DECLARE_FINAL_TYPE (MbOutlineRow, mb_outline_row, MB, OUTLINE_ROW, GtkWidget)

GtkWidget      *mb_outline_row_new             (void);
/* Shows @list_row, a row of a GtkTreeListModel of MbOutlineItems (or
 * nothing); the row keeps a reference. */
void            mb_outline_row_set_list_row    (MbOutlineRow   *self,
                                                GtkTreeListRow *list_row);
/* "Level: Title", and ", overdue" after it if so: the row's tooltip and
 * its accessible label. NULL without an item. */
const char     *mb_outline_row_get_description (MbOutlineRow   *self);

G_END_DECLS
