/* mb-revisions-group.h – a strategy's revisions in its details: take, rename, delete, compare
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-core.h"

G_BEGIN_DECLS

#define MB_TYPE_REVISIONS_GROUP (mb_revisions_group_get_type ())
G_DECLARE_FINAL_TYPE (MbRevisionsGroup, mb_revisions_group, MB, REVISIONS_GROUP,
                      AdwPreferencesGroup)

GtkWidget        *mb_revisions_group_new        (MbStore          *store,
                                                 const char       *strategy_id);

/* The name a new revision is offered: the strategy's short name (else its
 * title) and today's date, "RUS del 2, 2026-12-06". */
char             *mb_revisions_group_suggest_name (MbRevisionsGroup *self);

/* The dialog that asks a revision's name or confirms its deletion, while
 * it is open (for tests), or NULL. */
AdwMessageDialog *mb_revisions_group_get_dialog (MbRevisionsGroup *self);

G_END_DECLS
