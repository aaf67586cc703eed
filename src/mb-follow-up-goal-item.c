/* mb-follow-up-goal-item.c – one goal of a follow-up round, for list models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mb-follow-up-goal-item.h"

struct _MbFollowUpGoalItem
{
  GObject         parent_instance;

  MbFollowUpGoal *goal;
  GListStore     *children;
};

G_DEFINE_FINAL_TYPE (MbFollowUpGoalItem, mb_follow_up_goal_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_GOAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mb_follow_up_goal_item_finalize (GObject *object)
{
  MbFollowUpGoalItem *self = MB_FOLLOW_UP_GOAL_ITEM (object);

  g_clear_pointer (&self->goal, mb_follow_up_goal_free);
  g_clear_object (&self->children);
  G_OBJECT_CLASS (mb_follow_up_goal_item_parent_class)->finalize (object);
}

static void
mb_follow_up_goal_item_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  MbFollowUpGoalItem *self = MB_FOLLOW_UP_GOAL_ITEM (object);

  switch (prop_id)
    {
    case PROP_GOAL:
      g_value_set_pointer (value, self->goal);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_follow_up_goal_item_class_init (MbFollowUpGoalItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mb_follow_up_goal_item_finalize;
  object_class->get_property = mb_follow_up_goal_item_get_property;

  properties[PROP_GOAL] =
    g_param_spec_pointer ("goal", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mb_follow_up_goal_item_init (MbFollowUpGoalItem *self)
{
  self->children = g_list_store_new (MB_TYPE_FOLLOW_UP_GOAL_ITEM);
}

MbFollowUpGoalItem *
mb_follow_up_goal_item_new (MbFollowUpGoal *goal)
{
  MbFollowUpGoalItem *self = g_object_new (MB_TYPE_FOLLOW_UP_GOAL_ITEM, NULL);

  self->goal = goal;
  return self;
}

const MbFollowUpGoal *
mb_follow_up_goal_item_get_goal (MbFollowUpGoalItem *self)
{
  g_return_val_if_fail (MB_IS_FOLLOW_UP_GOAL_ITEM (self), NULL);
  return self->goal;
}

void
mb_follow_up_goal_item_set_goal (MbFollowUpGoalItem *self,
                                 MbFollowUpGoal     *goal)
{
  g_return_if_fail (MB_IS_FOLLOW_UP_GOAL_ITEM (self));

  g_clear_pointer (&self->goal, mb_follow_up_goal_free);
  self->goal = goal;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GOAL]);
}

GListStore *
mb_follow_up_goal_item_get_children (MbFollowUpGoalItem *self)
{
  g_return_val_if_fail (MB_IS_FOLLOW_UP_GOAL_ITEM (self), NULL);
  return self->children;
}
