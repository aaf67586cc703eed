/* mb-follow-up-goal-item.h – one goal of a follow-up round, for list models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "core/mb-follow-up-goals.h"

G_BEGIN_DECLS

#define MB_TYPE_FOLLOW_UP_GOAL_ITEM (mb_follow_up_goal_item_get_type ())

G_DECLARE_FINAL_TYPE (MbFollowUpGoalItem, mb_follow_up_goal_item, MB, FOLLOW_UP_GOAL_ITEM,
                      GObject)

/* Takes @goal. */
MbFollowUpGoalItem   *mb_follow_up_goal_item_new      (MbFollowUpGoal     *goal);
const MbFollowUpGoal *mb_follow_up_goal_item_get_goal (MbFollowUpGoalItem *self);
/* Replaces the figures (taking @goal) and notifies "goal", so that a row
 * showing the item redraws without the tree being rebuilt. */
void                  mb_follow_up_goal_item_set_goal (MbFollowUpGoalItem *self,
                                                       MbFollowUpGoal     *goal);
/* The children in the tree (MbFollowUpGoalItem), filled by the view. */
GListStore           *mb_follow_up_goal_item_get_children (MbFollowUpGoalItem *self);

G_END_DECLS
