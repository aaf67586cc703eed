/* mb-store-levels.h – editing a strategy's own level scheme
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A strategy carries its own ordered list of levels (a built-in scheme's,
 * another strategy's, or its region's own). Each function here is one user
 * action: one transaction, one undo step. Adding a level is
 * mb_store_create_level() (mb-store.h).
 */

#pragma once

#include "mb-store.h"

G_BEGIN_DECLS

/* Renames a level. The name is kept exactly as typed, in every language: a
 * renamed built-in level no longer follows the UI's language. Refused when
 * blank or when another level of the strategy has that name. */
gboolean     mb_store_rename_level       (MbStore           *self,
                                          const char        *level_id,
                                          const char        *name,
                                          GError           **error);

/* Moves a level to @position in its strategy's scheme (-1 = last); the other
 * levels keep their order. */
gboolean     mb_store_move_level         (MbStore           *self,
                                          const char        *level_id,
                                          int                position,
                                          GError           **error);

/* Removes a level. While nodes are on it, it is refused with how many and
 * where, unless @move_nodes_to is another level of the same strategy: then
 * its nodes move there and the level goes, in one step. */
gboolean     mb_store_remove_level       (MbStore           *self,
                                          const char        *level_id,
                                          const char        *move_nodes_to,
                                          GError           **error);

/* How many nodes are on a level (-1 with @error if there is no such level). */
gint64       mb_store_count_level_nodes  (MbStore           *self,
                                          const char        *level_id,
                                          GError           **error);

/* A new strategy whose levels are a copy of @source_strategy_id's (names,
 * order, and whether they are a built-in scheme's), with the chart's
 * @layout_direction ("top-down" or "left-right"; NULL: top-down). */
char        *mb_store_create_strategy_like (MbStore         *self,
                                          const char        *title,
                                          const char        *source_strategy_id,
                                          const char        *layout_direction,
                                          GError           **error);

G_END_DECLS
