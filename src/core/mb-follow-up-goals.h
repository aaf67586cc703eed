/* mb-follow-up-goals.h – what the follow-up view shows of a strategy in one round
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "mb-assessment.h"
#include "mb-follow-up.h"
#include "mb-store.h"

G_BEGIN_DECLS

/* One goal (a node of any level) in a round: its assessment if it has one,
 * the rule's suggestion from its indicators' values up to the round's year,
 * and what carries it. */
typedef struct
{
  char                   *node_id;
  char                   *parent_id;
  char                   *title;
  char                   *code;
  guint                   depth;
  gboolean                overdue;          /* its time plan's end has passed, not done */

  gboolean                assessed;
  char                   *assessment_id;    /* when assessed: what review comments are on */
  MbAssessmentStatus      status;
  char                   *judgement;
  char                   *override_reason;
  char                   *assessed_by;
  char                   *assessed_on;

  MbAssessmentSuggestion *suggestion;
  guint                   n_indicators;
  /* The mean progress of its indicators toward their targets (0–1, NAN =
   * none measured), and how much it moved since the year before. */
  double                  progress;
  double                  progress_change;
  guint                   n_projects;
  guint                   n_activities;     /* of the round's year */
} MbFollowUpGoal;

/* "Public", "Business", "Academia", "Civil society" in the interface's
 * language, for mb_sector_from_string()'s keys. */
const char  *mb_sector_get_label          (MbSector        sector);

/* Whether a node (an MbRecord of "nodes") is overdue on @today: its time
 * plan's end (end_date) has passed and its status is not done. The one rule
 * the outline, the cards and the follow-up view show. */
gboolean     mb_follow_up_node_is_overdue (MbRecord       *node,
                                           const GDate    *today);
/* Today as a GDate, for the above. */
void         mb_follow_up_get_today       (GDate          *today);

void         mb_follow_up_goal_free       (MbFollowUpGoal *goal);

/* The nodes of @strategy_id depth-first, as MbFollowUpGoal, for the round
 * @round_id (NULL: no assessments) of @year. */
GPtrArray   *mb_follow_up_list_goals      (MbStore        *store,
                                           const char     *strategy_id,
                                           const char     *round_id,
                                           int             year,
                                           GError        **error);

/* The rounds of @strategy_id, newest year first (MbRecords of
 * "follow_up_rounds"). */
GPtrArray   *mb_follow_up_list_rounds     (MbStore        *store,
                                           const char     *strategy_id,
                                           GError        **error);

/* The activities of @strategy_id in @year, by period then title (MbRecords of
 * "activities", with an extra column "organisation_list": its organisations'
 * names each followed by U+001F and its sector's key, separated by U+001E). */
GPtrArray   *mb_follow_up_list_activities (MbStore        *store,
                                           const char     *strategy_id,
                                           int             year,
                                           GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbFollowUpGoal, mb_follow_up_goal_free)

G_END_DECLS
