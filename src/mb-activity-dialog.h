/* mb-activity-dialog.h – logs one activity of a strategy's work
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "core/mb-follow-up.h"

G_BEGIN_DECLS

#define MB_TYPE_ACTIVITY_DIALOG (mb_activity_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MbActivityDialog, mb_activity_dialog, MB, ACTIVITY_DIALOG, AdwWindow)

/* A dialog for an activity of @strategy_id, its time set to @year. */
MbActivityDialog *mb_activity_dialog_new      (GtkWindow        *parent,
                                               MbStore          *store,
                                               const char       *strategy_id,
                                               int               year);

void         mb_activity_dialog_set_kind      (MbActivityDialog *self,
                                               MbActivityKind    kind);
/* Ticks or clears the row of an organisation or a goal, as a click does. */
gboolean     mb_activity_dialog_set_organisation (MbActivityDialog *self,
                                                  const char       *organisation_id,
                                                  gboolean          chosen);
gboolean     mb_activity_dialog_set_goal      (MbActivityDialog *self,
                                               const char       *node_id,
                                               gboolean          chosen);
GtkEditable *mb_activity_dialog_get_entry     (MbActivityDialog *self,
                                               const char       *name);
/* Adds the activity as the Add button does: one mb_follow_up_create_activity(),
 * and closes. NULL, with the message shown, when it is refused. */
char        *mb_activity_dialog_add           (MbActivityDialog *self);
const char  *mb_activity_dialog_get_error     (MbActivityDialog *self);

G_END_DECLS
