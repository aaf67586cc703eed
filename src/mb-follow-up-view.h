/* mb-follow-up-view.h – a strategy's yearly follow-up: assessments, activities, the round
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "core/mb-store.h"
#include "mb-assessment-editor.h"
#include "mb-selection.h"

G_BEGIN_DECLS

#define MB_TYPE_FOLLOW_UP_VIEW (mb_follow_up_view_get_type ())

G_DECLARE_FINAL_TYPE (MbFollowUpView, mb_follow_up_view, MB, FOLLOW_UP_VIEW, GtkWidget)

GtkWidget          *mb_follow_up_view_new          (MbStore        *store,
                                                    MbSelection    *selection);

/* The round shown (NULL when the strategy has none), and choosing one. */
const char         *mb_follow_up_view_get_round_id (MbFollowUpView *self);
gboolean            mb_follow_up_view_select_year  (MbFollowUpView *self,
                                                    int             year);
/* Shows the round @round_id; FALSE if the strategy has no such round. */
gboolean            mb_follow_up_view_select_round (MbFollowUpView *self,
                                                    const char     *round_id);
/* Shows the page of activities with @activity_id selected, in a round of a
 * year it took place in if there is one. FALSE if it is not in the list. */
gboolean            mb_follow_up_view_show_activity (MbFollowUpView *self,
                                                    const char     *activity_id);
/* Starts the round of @year (the "Start Follow-up" action without its
 * dialog) and shows it. */
gboolean            mb_follow_up_view_start_round  (MbFollowUpView *self,
                                                    int             year,
                                                    GError        **error);

/* The goal tree's rows (GtkTreeListRow of MbFollowUpGoalItem). */
GListModel         *mb_follow_up_view_get_goal_rows (MbFollowUpView *self);
/* Selects the row of @node_id (expanding its ancestors) and opens it in the
 * assessment editor. */
gboolean            mb_follow_up_view_select_goal  (MbFollowUpView *self,
                                                    const char     *node_id);
MbAssessmentEditor *mb_follow_up_view_get_editor   (MbFollowUpView *self);
/* The activities listed (MbRecord) and the sentence above them. */
GListModel         *mb_follow_up_view_get_activities (MbFollowUpView *self);
const char         *mb_follow_up_view_get_summary  (MbFollowUpView *self);
/* Shows the view's page "goals", "activities" or "round-details". */
void                mb_follow_up_view_show_page    (MbFollowUpView *self,
                                                    const char     *page);

G_END_DECLS
