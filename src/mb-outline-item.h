/* mb-outline-item.h – one node of a strategy's outline, with its children
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MB_TYPE_OUTLINE_ITEM (mb_outline_item_get_type ())

G_DECLARE_FINAL_TYPE (MbOutlineItem, mb_outline_item, MB, OUTLINE_ITEM, GObject)

MbOutlineItem *mb_outline_item_new           (const char    *id,
                                              const char    *parent_id,
                                              const char    *title,
                                              const char    *code,
                                              const char    *level_name);

const char    *mb_outline_item_get_id        (MbOutlineItem *self);
const char    *mb_outline_item_get_parent_id (MbOutlineItem *self);
const char    *mb_outline_item_get_title     (MbOutlineItem *self);
const char    *mb_outline_item_get_code      (MbOutlineItem *self);
const char    *mb_outline_item_get_level_name (MbOutlineItem *self);
/* Its place among its siblings (0-based). */
guint          mb_outline_item_get_index     (MbOutlineItem *self);
/* The items below it, in order (MbOutlineItem). */
GListStore    *mb_outline_item_get_children  (MbOutlineItem *self);
/* Its time plan's end has passed without it being done. */
gboolean       mb_outline_item_get_overdue   (MbOutlineItem *self);
void           mb_outline_item_set_overdue   (MbOutlineItem *self,
                                              gboolean       overdue);
/* Appends @child below @self, setting the child's index. */
void           mb_outline_item_append        (MbOutlineItem *self,
                                              MbOutlineItem *child);
void           mb_outline_item_set_index     (MbOutlineItem *self,
                                              guint          index);

G_END_DECLS
