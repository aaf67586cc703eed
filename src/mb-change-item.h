/* mb-change-item.h – an entry of a comparison's list, and how a kind of change is shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "core/mb-revision.h"

G_BEGIN_DECLS

#define MB_TYPE_CHANGE_ITEM (mb_change_item_get_type ())
G_DECLARE_FINAL_TYPE (MbChangeItem, mb_change_item, MB, CHANGE_ITEM, GObject)

/* The heading of a kind of entity ("node"), with how many changes it has. */
MbChangeItem   *mb_change_item_new_heading  (const char   *entity,
                                             guint         count);
/* The change at @index of @changes (MbChange; the item keeps a reference). */
MbChangeItem   *mb_change_item_new          (GPtrArray    *changes,
                                             guint         index);

gboolean        mb_change_item_is_heading   (MbChangeItem *self);
const char     *mb_change_item_get_entity   (MbChangeItem *self);
guint           mb_change_item_get_count    (MbChangeItem *self);
/* NULL for a heading. */
const MbChange *mb_change_item_get_change   (MbChangeItem *self);

/* "Nodes", "Links", "Targets": a kind of entity as the list heads it. */
const char     *mb_change_entity_label      (const char   *entity);

/* The same sign, word and colour (a CSS class) everywhere a change is
 * shown: the list, the canvas's marks and legend, the screen reader. */
const char     *mb_change_kind_symbol       (MbChangeKind  kind);
const char     *mb_change_kind_label        (MbChangeKind  kind);   /* "Added" */
const char     *mb_change_kind_css_class    (MbChangeKind  kind);

/* The target a "target" change names, as it is now, or (removed since) as
 * revision @from_id of @strategy_id held it; NULL if neither has it. */
MbRecord       *mb_change_find_target       (MbStore          *store,
                                             const char       *strategy_id,
                                             const char       *from_id,
                                             const char       *target_id);
/* What a target change says of the nodes its indicator measures: "Target
 * for 2030 changed from 40 to 45". @target: mb_change_find_target(). */
char           *mb_change_describe_target   (const MbChange   *change,
                                             MbRecord         *target);

G_END_DECLS
