/* mb-levels-group.h – a strategy's levels in its details: rename, add, remove, reorder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-core.h"

G_BEGIN_DECLS

#define MB_TYPE_LEVELS_GROUP (mb_levels_group_get_type ())
G_DECLARE_FINAL_TYPE (MbLevelsGroup, mb_levels_group, MB, LEVELS_GROUP, AdwPreferencesGroup)

GtkWidget   *mb_levels_group_new         (MbStore    *store,
                                          const char *strategy_id);

/* The dialog that a removal of a level with nodes opens, while it is open
 * (for tests), or NULL. */
AdwMessageDialog *mb_levels_group_get_remove_dialog (MbLevelsGroup *self);

G_END_DECLS
